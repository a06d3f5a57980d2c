/* store_search: full-text search over the cache (sqlite FTS5): the text function the
 * index triggers call, a person's words turned into a safe FTS5 query, the feeds view. */
#include "config.h"
#include "store_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Writes into out (room for strlen(s) + 1) the words of stored HTML (the sanitiser's
 * output, or plain text escaped as HTML) with tags and the remaining markup references
 * (&amp; &lt; &gt; &quot;, all punctuation to the tokenizer) as single spaces and runs of
 * white space collapsed, so that two texts compare as their words; returns their
 * length. Must stay deterministic: the index deletes an entry by recomputing the text
 * it was given. */
static size_t text_words(char *out, const unsigned char *s)
{
	char *o = out;
	int space = 1;
	while (*s) {
		unsigned char c = *s;
		if (c == '<') {
			const unsigned char *e = (const unsigned char *)strchr((const char *)s, '>');
			s = e ? e + 1 : s + strlen((const char *)s);
			c = ' ';
		} else if (c == '&') {
			size_t k = 1;
			while (k < 10 && (s[k] == '#' || (s[k] >= 'a' && s[k] <= 'z')
					  || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
				k++;
			if (s[k] == ';' && k > 1) {
				s += k + 1;
				c = ' ';
			} else {
				s++;
			}
		} else {
			s++;
		}
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			if (!space)
				*o++ = ' ';
			space = 1;
		} else {
			*o++ = (char)c;
			space = 0;
		}
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return (size_t)(o - out);
}

/* crier_text(summary, content): the feed text of an item as the index takes it. A
 * summary that the content already holds word for word (the usual teaser) is left out,
 * so the index does not count those words twice. */
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

char *store_search_text(const char *summary, const char *content)
{
	/* the words of a text are never longer than the text */
	char *sum = xmalloc(summary ? strlen(summary) + 1 : 1);
	char *con = xmalloc(content ? strlen(content) + 1 : 1);
	size_t ns = text_words(sum, (const unsigned char *)(summary ? summary : ""));
	size_t nc = text_words(con, (const unsigned char *)(content ? content : ""));
	if (ns && (!nc || !strstr(con, sum))) {
		if (nc) {
			char *both = xmalloc(ns + 1 + nc + 1);
			memcpy(both, sum, ns);
			both[ns] = ' ';
			memcpy(both + ns + 1, con, nc + 1);
			free(sum);
			sum = both;
		}
		free(con);
		return sum;
	}
	free(sum);
	if (!nc) {
		free(con);
		return NULL;
	}
	return con;
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

/* Ranking: bm25 needs word positions, which a detail=column index does not keep, so
 * crier_rank(weight per column...) scores a story by the columns each query word is in:
 * the sum over words and columns of weight x idf (rarer words count more). No length
 * factor: it would read each matching row's sizes, the slowest part of a common word's
 * search, and the lists break ties by date. Negated like bm25, so that ORDER BY rank
 * puts the best first. The words' idf is computed once per query. */
struct rank_data {
	int nphrase;
	double *idf;
};

static void rank_data_free(void *p)
{
	struct rank_data *d = p;
	if (!d)
		return;
	free(d->idf);
	free(d);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *ctx, void *user)
{
	(void)api;
	(void)ctx;
	(*(sqlite3_int64 *)user)++;
	return SQLITE_OK;
}

static struct rank_data *rank_data_new(const Fts5ExtensionApi *api, Fts5Context *ctx)
{
	struct rank_data *d = xcalloc(1, sizeof *d);
	sqlite3_int64 nrow = 0;
	int i;
	d->nphrase = api->xPhraseCount(ctx);
	d->idf = xcalloc((size_t)d->nphrase + 1, sizeof *d->idf);
	/* one word: its idf scales every score alike and orders nothing, and finding it
	 * would read the word's whole doclist once more */
	if (d->nphrase == 1) {
		d->idf[0] = 1;
		return d;
	}
	api->xRowCount(ctx, &nrow);
	if (nrow < 1)
		nrow = 1;
	for (i = 0; i < d->nphrase; i++) {
		sqlite3_int64 n = 0;
		double idf;
		api->xQueryPhrase(ctx, i, &n, count_row);
		idf = log(((double)nrow - (double)n + 0.5) / ((double)n + 0.5));
		d->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	return d;
}

static void fn_rank(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *out,
		    int nval, sqlite3_value **val)
{
	struct rank_data *d = api->xGetAuxdata(ctx, 0);
	double score = 0;
	int p;
	if (!d) {
		d = rank_data_new(api, ctx);
		if (api->xSetAuxdata(ctx, d, rank_data_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(out);
			return;
		}
	}
	for (p = 0; p < d->nphrase; p++) {
		Fts5PhraseIter it;
		int col = -1;
		for (api->xPhraseFirstColumn(ctx, p, &it, &col); col >= 0; api->xPhraseNextColumn(ctx, &it, &col)) {
			double w = col < nval ? sqlite3_value_double(val[col]) : 1.0;
			score += w * d->idf[p];
		}
	}
	sqlite3_result_double(out, -score);
}

int store_search_register(sqlite3 *db, struct store_codec *c)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	/* the store frees the codec after closing the connection */
	if (sqlite3_create_function_v2(db, "crier_text", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				       c, fn_text, NULL, NULL, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->xCreateFunction(api, "crier_rank", NULL, fn_rank, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

struct terms {
	struct sbuf b; /* the FTS5 query */
	int n;         /* its terms */
};

static int on_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct terms *t = ctx;
	struct sbuf *b = &t->b;
	int i;
	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (b->len)
		sbuf_adds(b, " AND ");
	sbuf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (tok[i] == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, tok[i]);
	}
	sbuf_adds(b, "\"*");
	t->n++;
	return SQLITE_OK;
}

/* The words are cut into tokens by the index's own tokenizer (so "l'île" or "don't" give
 * the words the index holds, and no phrase of several tokens reaches a detail=column
 * index); each token becomes a quoted prefix term, ANDed: nothing typed is ever query
 * syntax. *nterms (may be NULL) is set to the number of terms. */
static char *search_terms(struct store *s, const char *words, int *nterms)
{
	static const char *const args[] = {"remove_diacritics", "2"};
	struct terms t = {SBUF_INIT, 0};
	fts5_api *api = NULL;
	fts5_tokenizer tk;
	Fts5Tokenizer *tz = NULL;
	sqlite3_stmt *st;
	void *ud = NULL;
	if (nterms)
		*nterms = 0;
	if (!words || !*words)
		return NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->xFindTokenizer(api, "unicode61", &ud, &tk) != SQLITE_OK
	    || tk.xCreate(ud, (const char **)args, 2, &tz) != SQLITE_OK)
		return NULL;
	tk.xTokenize(tz, &t, FTS5_TOKENIZE_QUERY, words, (int)strlen(words), on_token);
	tk.xDelete(tz);
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

int store_search_feeds(struct store *s, const char *search, const char *tag,
		       struct store_feed **out, size_t *n, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT f.id, f.url, COALESCE(f.custom_title, f.title), f.site, f.tags, f.etag,"
		" f.last_modified, f.last_fetch, f.status, f.error, f.location,"
		" m.unread, m.total FROM feeds f JOIN ("
		"  SELECT i.feed_id AS feed_id, SUM(i.unread) AS unread, COUNT(*) AS total"
		"  FROM search JOIN items i ON i.id = search.rowid"
		"  WHERE search MATCH ?1 GROUP BY i.feed_id) m ON m.feed_id = f.id"
		" WHERE ?2 IS NULL OR (' ' || f.tags || ' ') LIKE ('% ' || ?2 || ' %') ESCAPE '\\'"
		" ORDER BY f.position, f.id";
	char *match = store_search_match(s, search);
	struct store_feed *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	int rc;
	*out = NULL;
	*n = 0;
	if (!match || !*match) {
		free(match);
		return 0;
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_db_err(s, err, errsz, "searching the feeds");
		free(match);
		return -1;
	}
	sqlite3_bind_text(st, 1, match, -1, free);
	if (tag)
		sqlite3_bind_text(st, 2, store_like_pattern(tag, 0), -1, free);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		store_feed_from_row(st, &v[len++]);
	}
	if (rc != SQLITE_DONE) {
		store_db_err(s, err, errsz, "searching the feeds");
		sqlite3_finalize(st);
		store_feeds_free(v, len);
		return -1;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = len;
	return 0;
}
