/* store_search: full-text search over the cache (sqlite FTS5): the text function the
 * index triggers call, a person's words turned into a safe FTS5 query, the feeds view. */
#include "config.h"
#include "store_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The index's text of a story: each word of its stored HTML (the sanitiser's output, or
 * plain text escaped as HTML) once, in the order first seen, lowered, separated by
 * single spaces. A word is a run of ASCII letters and digits and non-ASCII bytes;
 * everything else in ASCII (tags, the markup references left in stored HTML such as
 * &amp; &lt;, punctuation) separates words for the index's tokenizer too, so the text
 * gives the index the same tokens, only once each. The index keeps which stories hold a
 * word, not where or how often (detail=none): the same index for about half the words fed.
 * Deterministic: the index deletes an entry by recomputing the text it was given. */
struct seen {
	uint32_t at, len, hash; /* a word kept: where in the output, its length, its hash */
};

struct words {
	char *out;        /* room for every byte of the input, a space each, and WORD_SLACK */
	size_t o;         /* bytes written */
	struct seen *tab; /* the words kept, by hash; size a power of two */
	size_t size, used;
};

/* A word's hash and comparison read it 8 bytes at a time, the bytes past its end masked
 * off: the output has this much room after its last byte. */
#define WORD_SLACK 8

/* 1 for the bytes of words; their lower case */
static const unsigned char *word_bytes(void)
{
	static const unsigned char table[256] = {
#define D(c) [c] = c
		D('0'), D('1'), D('2'), D('3'), D('4'), D('5'), D('6'), D('7'), D('8'), D('9'),
#undef D
#define L(c) [c] = c, [c - 32] = c
		L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'),
		L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'),
		L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
#define H4(c) [c] = c, [c + 1] = c + 1, [c + 2] = c + 2, [c + 3] = c + 3
#define H16(c) H4(c), H4(c + 4), H4(c + 8), H4(c + 12)
		H16(0x80), H16(0x90), H16(0xa0), H16(0xb0), H16(0xc0), H16(0xd0), H16(0xe0), H16(0xf0),
#undef H16
#undef H4
	};
	return table;
}

/* The 8 bytes at p, those from the len-th on zeroed (len 1 to 8). */
static uint64_t word_chunk(const char *p, size_t len)
{
	uint64_t v;
	memcpy(&v, p, 8);
	if (len < 8) {
		uint64_t keep = ((uint64_t)1 << (8 * len)) - 1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		keep = ~(~(uint64_t)0 >> (8 * len));
#endif
		v &= keep;
	}
	return v;
}

/* A word's hash, from its bytes 8 at a time (a multiply per chunk, not one per byte:
 * one per byte was a chain of multiplies that made most of this pass's time). */
static uint32_t word_hash(const char *p, size_t len)
{
	uint64_t h = len * 0x9e3779b97f4a7c15u;
	for (; len > 8; p += 8, len -= 8)
		h = (h ^ word_chunk(p, 8)) * 0xff51afd7ed558ccdu;
	h = (h ^ word_chunk(p, len)) * 0xc4ceb9fe1a85ec53u;
	return (uint32_t)(h >> 32);
}

static int word_same(const char *a, const char *b, size_t len)
{
	for (; len > 8; a += 8, b += 8, len -= 8)
		if (word_chunk(a, 8) != word_chunk(b, 8))
			return 0;
	return word_chunk(a, len) == word_chunk(b, len);
}

/* The slot of tab holding the word w (len bytes, hash), or the empty one it goes in. */
static struct seen *seen_slot(const struct words *w, const char *word, uint32_t len, uint32_t hash)
{
	size_t k;
	for (k = hash & (w->size - 1); w->tab[k].len; k = (k + 1) & (w->size - 1)) {
		const struct seen *e = &w->tab[k];
		if (e->hash == hash && e->len == len && word_same(w->out + e->at, word, len))
			break;
	}
	return &w->tab[k];
}

/* The word just written at out + start .. out + end: kept (a space after it) or, when
 * already there, taken back. Returns where the next word starts. */
static size_t word_end(struct words *w, size_t start, size_t end)
{
	uint32_t len = (uint32_t)(end - start), hash = word_hash(w->out + start, len);
	struct seen *slot = seen_slot(w, w->out + start, len, hash);
	if (slot->len)
		return start;
	slot->at = (uint32_t)start;
	slot->len = len;
	slot->hash = hash;
	w->out[end] = ' ';
	if (++w->used * 2 > w->size) { /* at most half full: short probes */
		struct seen *old = w->tab;
		size_t k, osize = w->size;
		w->size *= 2;
		w->tab = xcalloc(w->size, sizeof *w->tab);
		for (k = 0; k < osize; k++)
			if (old[k].len)
				*seen_slot(w, w->out + old[k].at, old[k].len, old[k].hash) = old[k];
		free(old);
	}
	return end + 1;
}

/* Eight bytes at a time (little-endian machines): for each byte, 0x80 when it is a
 * byte of a word (an ASCII letter or digit, or any byte of 0x80 or more), else 0. The
 * sums never carry from one byte into the next: each is under 0x100. */
#define BYTES_1 0x0101010101010101u
#define BYTES_80 0x8080808080808080u
static uint64_t in_range(uint64_t low7, unsigned lo, unsigned hi)
{
	uint64_t ge = low7 + BYTES_1 * (0x80 - lo), gt = low7 + BYTES_1 * (0x7f - hi);
	return ge & ~gt & BYTES_80;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define WORDS_WIDE 1
#else
#define WORDS_WIDE 0
#endif

/* Copies the word at *sp (its first byte is a word byte) lowered to out + o and returns
 * the new o; *sp is left at the byte after it. end: where the string's NUL is. Whole
 * chunks of eight while eight are left (the output has room: it is written no further
 * than the input is read, plus WORD_SLACK), then byte by byte: a branch per word, not
 * one per byte, whose outcome the processor could not guess at a word's end. */
static size_t word_copy(char *out, size_t o, const unsigned char **sp, const unsigned char *end,
			const unsigned char *cls)
{
	const unsigned char *s = *sp;
	unsigned char c;
#if WORDS_WIDE
	while (end - s >= 8) {
		uint64_t v, low7, high, upper, word, stop;
		memcpy(&v, s, 8);
		low7 = v & ~BYTES_80;
		high = v & BYTES_80;
		upper = in_range(low7, 'A', 'Z') & ~high;
		word = high | in_range(low7, '0', '9') | upper | in_range(low7, 'a', 'z');
		v |= upper >> 2; /* 0x80 >> 2: the 0x20 that lowers an ASCII letter */
		memcpy(out + o, &v, 8);
		stop = ~word & BYTES_80;
		if (stop) {
			size_t k = (size_t)__builtin_ctzll(stop) >> 3;
			*sp = s + k;
			return o + k;
		}
		s += 8;
		o += 8;
	}
#else
	(void)end;
#endif
	while ((c = cls[*s]) != 0) {
		out[o++] = (char)c;
		s++;
	}
	*sp = s;
	return o;
}

static void words_add(struct words *w, const unsigned char *s, size_t len)
{
	const unsigned char *cls = word_bytes(), *end = s + len;
	char *out = w->out;
	size_t o = w->o;
	for (;;) {
		unsigned char c = *s;
		if (cls[c]) { /* a word: copied lowered, then kept or taken back */
			size_t start = o;
			o = word_copy(out, o, &s, end, cls);
			o = word_end(w, start, o);
			continue;
		}
		if (!c)
			break;
		if (c == '<') {
			const unsigned char *e = (const unsigned char *)strchr((const char *)s, '>');
			s = e ? e + 1 : s + strlen((const char *)s);
		} else if (c == '&') {
			/* a reference left in stored HTML (&amp; &#60;) is no word: "amp" is not
			 * found in every story */
			size_t k = 1;
			while (k < 10 && (s[k] == '#' || (s[k] >= 'a' && s[k] <= 'z')
					  || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
				k++;
			s += s[k] == ';' && k > 1 ? k + 1 : 1;
		} else {
			s++;
		}
	}
	w->o = o;
}

/* The text of a summary or content value: compressed ones unpacked with the function's
 * context. *own tells whether the caller frees it. */
static const unsigned char *value_text(sqlite3_context *ctx, sqlite3_value *v, char **own,
				       char *err, size_t errsz)
{
	*own = NULL;
	if (sqlite3_value_type(v) == SQLITE_BLOB) {
		*own = store_codec_unpack(sqlite3_user_data(ctx), sqlite3_value_blob(v),
					  (size_t)sqlite3_value_bytes(v), err, errsz);
		return (const unsigned char *)*own;
	}
	return sqlite3_value_text(v);
}

/* crier_text(summary, content): the feed text of an item as the index takes it: the
 * words of the content and then those of the summary not in it (a teaser repeats the
 * content's first lines). NULL when there is no word. */
char *store_search_text(const char *summary, const char *content)
{
	size_t ns = summary ? strlen(summary) : 0, nc = content ? strlen(content) : 0;
	struct words w;
	memset(&w, 0, sizeof w);
	/* a word and its space are never longer than the word and the byte that ends it */
	w.out = xmalloc(ns + nc + 3 + WORD_SLACK);
	w.size = 64;
	while (w.size * 8 < ns + nc)
		w.size *= 2;
	w.tab = xcalloc(w.size, sizeof *w.tab);
	if (content)
		words_add(&w, (const unsigned char *)content, nc);
	if (summary)
		words_add(&w, (const unsigned char *)summary, ns);
	free(w.tab);
	if (!w.o) {
		free(w.out);
		return NULL;
	}
	w.out[w.o - 1] = '\0'; /* the space after the last word */
	/* it may wait in memory for its batch: no more room than its words */
	return xrealloc(w.out, w.o);
}

static void fn_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *own_sum, *own_con, *text, err[CRIER_ERRSZ] = "";
	const unsigned char *sum, *con;
	(void)argc;
	sum = value_text(ctx, argv[0], &own_sum, err, sizeof err);
	con = value_text(ctx, argv[1], &own_con, err, sizeof err);
	if (*err) { /* an index entry is removed by its exact text: no guessing */
		free(own_sum);
		free(own_con);
		sqlite3_result_error(ctx, err, -1);
		return;
	}
	text = store_search_text((const char *)sum, (const char *)con);
	free(own_sum);
	free(own_con);
	if (text)
		sqlite3_result_text(ctx, text, -1, free);
	else
		sqlite3_result_null(ctx);
}

/* ---- the index's tokenizer ----
 * The index is declared with sqlite's unicode61 tokenizer (remove_diacritics 2), and so it
 * stays: any sqlite can open the cache and gets the same tokens. On crier's connections
 * that name is taken by this one, which gives exactly unicode61's tokens, faster: a run of
 * ASCII letters and digits is a token as it is (lowered), the common case, and only a run
 * holding other bytes goes to sqlite's own unicode61 for its folding of case and accents.
 * unicode61 separates tokens at every other ASCII byte, so a run starts and ends where it
 * would be between tokens: the tokens of the text are those of its runs. Cutting the
 * words text of 25,000 stories took unicode61 ~1.5 G instructions, most of it per byte. */
struct fast_kind {
	fts5_tokenizer real; /* sqlite's unicode61 */
	void *real_ud;
};

struct fast_tok {
	const struct fast_kind *kind;
	Fts5Tokenizer *real;
	int fast;   /* its options leave ASCII as unicode61's default has it */
	char *low;  /* a lowered token */
	size_t lcap;
};

/* Bytes by what they are to unicode61: FAST_LOW an ASCII lower-case letter or digit,
 * FAST_UP an upper-case one, FAST_OTHER any byte of 0x80 or more, 0 a separator. */
#define FAST_LOW 1
#define FAST_UP 2
#define FAST_OTHER 4
static const unsigned char *fast_class(void)
{
	static const unsigned char table[256] = {
#define R4(c, v) [c] = v, [c + 1] = v, [c + 2] = v, [c + 3] = v
#define R16(c, v) R4(c, v), R4(c + 4, v), R4(c + 8, v), R4(c + 12, v)
		R4('0', FAST_LOW), R4('4', FAST_LOW), ['8'] = FAST_LOW, ['9'] = FAST_LOW,
		R16('a', FAST_LOW), R4('q', FAST_LOW), R4('u', FAST_LOW), ['y'] = FAST_LOW, ['z'] = FAST_LOW,
		R16('A', FAST_UP), R4('Q', FAST_UP), R4('U', FAST_UP), ['Y'] = FAST_UP, ['Z'] = FAST_UP,
		R16(0x80, FAST_OTHER), R16(0x90, FAST_OTHER), R16(0xa0, FAST_OTHER), R16(0xb0, FAST_OTHER),
		R16(0xc0, FAST_OTHER), R16(0xd0, FAST_OTHER), R16(0xe0, FAST_OTHER), R16(0xf0, FAST_OTHER),
#undef R16
#undef R4
	};
	return table;
}

static int fast_create(void *ud, const char **args, int nargs, Fts5Tokenizer **out)
{
	const struct fast_kind *k = ud;
	struct fast_tok *t = calloc(1, sizeof *t);
	int i, rc;
	if (!t)
		return SQLITE_NOMEM;
	t->kind = k;
	rc = k->real.xCreate(k->real_ud, args, nargs, &t->real);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	/* tokenchars, separators or categories change what ASCII is: unicode61 does all */
	t->fast = 1;
	for (i = 0; i + 1 < nargs; i += 2)
		if (sqlite3_stricmp(args[i], "remove_diacritics") != 0)
			t->fast = 0;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void fast_delete(Fts5Tokenizer *p)
{
	struct fast_tok *t = (struct fast_tok *)p;
	if (!t)
		return;
	t->kind->real.xDelete(t->real);
	free(t->low);
	free(t);
}

struct fast_run {
	void *ctx;
	int (*cb)(void *, int, const char *, int, int, int);
	int at; /* where the run starts in the text */
};

static int fast_run_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct fast_run *r = ctx;
	return r->cb(r->ctx, flags, tok, n, start + r->at, end + r->at);
}

static int fast_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			 int (*cb)(void *, int, const char *, int, int, int))
{
	struct fast_tok *t = (struct fast_tok *)p;
	const unsigned char *s = (const unsigned char *)text, *cls = fast_class();
	int i = 0;
	if (!t->fast)
		return t->kind->real.xTokenize(t->real, ctx, flags, text, n, cb);
	while (i < n) {
		int start, rc;
		unsigned char k, seen = 0;
		while (i < n && !cls[s[i]])
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && (k = cls[s[i]]) != 0) {
			seen |= k;
			i++;
		}
		if (seen & FAST_OTHER) {
			struct fast_run r = {ctx, cb, start};
			rc = t->kind->real.xTokenize(t->real, &r, flags, text + start, i - start,
						     fast_run_token);
		} else if (seen & FAST_UP) {
			size_t len = (size_t)(i - start), j;
			if (len > t->lcap) {
				char *b = realloc(t->low, len);
				if (!b)
					return SQLITE_NOMEM;
				t->low = b;
				t->lcap = len;
			}
			for (j = 0; j < len; j++)
				t->low[j] = (char)(s[start + j] | (cls[s[start + j]] == FAST_UP ? 0x20 : 0));
			rc = cb(ctx, 0, t->low, (int)len, start, i);
		} else {
			rc = cb(ctx, 0, text + start, i - start, start, i);
		}
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

/* Puts the fast unicode61 in place of sqlite's on the connection. 0 or -1. */
static int fast_register(sqlite3 *db)
{
	static const fts5_tokenizer fast = {fast_create, fast_delete, fast_tokenize};
	fts5_api *api = fts5_api_of(db);
	struct fast_kind *k;
	if (!api)
		return -1;
	k = xcalloc(1, sizeof *k);
	if (api->xFindTokenizer(api, "unicode61", &k->real_ud, &k->real) != SQLITE_OK) {
		free(k);
		return -1;
	}
	/* the connection frees k (free is its destructor) when it closes */
	return api->xCreateTokenizer(api, "unicode61", k, (fts5_tokenizer *)&fast, free) == SQLITE_OK ? 0 : -1;
}

int store_search_register(sqlite3 *db, struct store_codec *c)
{
	/* the store frees the codec after closing the connection */
	if (sqlite3_create_function_v2(db, "crier_text", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				       c, fn_text, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return fast_register(db);
}

struct terms {
	struct sbuf b;     /* the FTS5 query of the words of two characters or more */
	struct sbuf one;   /* ... of the one-letter (or one-digit) words */
	int n, none;       /* their terms */
};

static void term_add(struct sbuf *b, const char *tok, int n, int prefix)
{
	int i;
	if (b->len)
		sbuf_adds(b, " AND ");
	sbuf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (tok[i] == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, tok[i]);
	}
	sbuf_adds(b, prefix ? "\"*" : "\"");
}

static int on_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct terms *t = ctx;
	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (n == 1) {
		term_add(&t->one, tok, n, 0);
		t->none++;
	} else {
		term_add(&t->b, tok, n, 1);
		t->n++;
	}
	return SQLITE_OK;
}

/* The words are cut into tokens by the index's own tokenizer (so "l'île" or "don't" give
 * the words the index holds, and no phrase of several tokens reaches a detail=none
 * index); each token becomes a quoted prefix term, ANDed: nothing typed is ever query
 * syntax. A token of one ASCII letter or digit is no prefix: it would begin most words
 * of a cache (a search for "m" read every word's list of stories: 344 ms in 100,000
 * stories, against ~10 ms for a word) and select nothing. Beside longer words it is left
 * out (the "s" of "kesten's", the "t" of "don't", the "b" of "plan b"); alone, it is
 * looked for as a word of its own. *nterms (may be NULL) is set to the number of terms. */
static char *search_terms(struct store *s, const char *words, int *nterms)
{
	static const char *const args[] = {"remove_diacritics", "2"};
	struct terms t = {SBUF_INIT, SBUF_INIT, 0, 0};
	fts5_api *api;
	fts5_tokenizer tk;
	Fts5Tokenizer *tz = NULL;
	void *ud = NULL;
	if (nterms)
		*nterms = 0;
	if (!words || !*words)
		return NULL;
	api = fts5_api_of(s->db);
	if (!api || api->xFindTokenizer(api, "unicode61", &ud, &tk) != SQLITE_OK
	    || tk.xCreate(ud, (const char **)args, 2, &tz) != SQLITE_OK)
		return NULL;
	tk.xTokenize(tz, &t, FTS5_TOKENIZE_QUERY, words, (int)strlen(words), on_token);
	tk.xDelete(tz);
	if (!t.n) {
		sbuf_free(&t.b);
		t.b = t.one;
		t.n = t.none;
	} else {
		sbuf_free(&t.one);
	}
	if (nterms)
		*nterms = t.n;
	return sbuf_steal(&t.b);
}

char *store_search_match(struct store *s, const char *words)
{
	return search_terms(s, words, NULL);
}

int store_search_words(struct store *s, const char *words)
{
	int n;
	free(search_terms(s, words, &n));
	return n;
}
