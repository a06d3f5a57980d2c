/* store_dict: story text compressed with zstd and a dictionary trained on the cache's own
 * stories: where the dictionary lives, when it is trained, and reading any value back. */
#define ZDICT_STATIC_LINKING_ONLY /* ZDICT_trainFromBuffer_fastCover: one pass, no search */
#include "config.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zdict.h>

/* Without a dictionary compression pays from a few hundred bytes on; with one, a teaser
 * of a line shrinks by half. A frame no smaller than the text is never kept. */
#define PACK_MIN 256
#define PACK_MIN_DICT 32
#define PACK_LEVEL 3
#define UNPACK_MAX (64u << 20)
#define SCRATCH_MAX (256u * 1024)
/* The dictionary (measured on 25,000 news-like stories, 129 MB of HTML: -26% on top of
 * zstd level 3): 64 KB, trained on the newest stories of the cache once it holds at least
 * 125 of them and they hold at least 512 KB of text; it reads the newest 125, and more
 * while it has read less than 768 KB (at most 500). Training costs in proportion to what
 * is read: on the benchmark's stories (~6 KB each) 1.5 MB of 250 stories took 183 M
 * instructions, 768 KB 109 M, for a dictionary that compresses them 0.2% less. (Reading
 * 250 stories but at most 2 MB left caches of stories over 8 KB without one.) The cache
 * is looked at again after every 64 values written without one. */
#define DICT_MAX (64u * 1024)
#define TRAIN_ITEMS 125
#define TRAIN_ROWS 500
#define TRAIN_MIN (512u * 1024)
#define TRAIN_MAX (768u * 1024)
/* Each text gives at most this much of its start, so that training on 125 stories stays
 * bounded however long they are (a full-text feed's stories run to 50 KB and more). */
#define TRAIN_SAMPLE_MAX (8u * 1024)
#define TRAIN_EVERY 64

struct loaded {
	unsigned id;
	ZSTD_DDict *dd;
};

struct store_codec {
	sqlite3 *db;
	const char *path;   /* the cache's (the store's string), for messages */
	ZSTD_CCtx *cc;
	ZSTD_DCtx *dc;
	ZSTD_CDict *cd;     /* new values are written with it (prepared once) */
	struct loaded *dd;  /* the dictionaries read with so far */
	size_t ndd;
	char *scratch;      /* compressed into first, then copied at its size */
	size_t scratch_cap;
	unsigned plain;     /* values compressed without a dictionary since the last look */
	int looked;         /* the cache's dictionary was looked for */
	int off;            /* the cache has no dicts table (an older schema) */
};

struct store_codec *store_codec_new(sqlite3 *db, const char *path)
{
	struct store_codec *c = xcalloc(1, sizeof *c);
	c->db = db;
	c->path = path;
	c->cc = ZSTD_createCCtx();
	c->dc = ZSTD_createDCtx();
	if (!c->cc || !c->dc) {
		store_codec_free(c);
		return NULL;
	}
	return c;
}

void store_codec_free(struct store_codec *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; i < c->ndd; i++)
		ZSTD_freeDDict(c->dd[i].dd);
	free(c->dd);
	free(c->scratch);
	ZSTD_freeCDict(c->cd);
	ZSTD_freeCCtx(c->cc);
	ZSTD_freeDCtx(c->dc);
	free(c);
}

/* FNV-1a: the dictionary's row keeps it, so that a damaged dictionary is refused rather
 * than decoding stories into garbage (zstd takes any bytes as a raw dictionary). */
static sqlite3_int64 dict_sum(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned long long h = 14695981039346656037ull;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return (sqlite3_int64)(h >> 1);
}

/* Whether a dictionary row (id, bytes, sum) is whole. */
static int dict_whole(unsigned id, const void *d, size_t n, sqlite3_int64 sum)
{
	return d && n > 0 && dict_sum(d, n) == sum && ZDICT_getDictID(d, n) == id;
}

/* Takes the cache's newest dictionary for new values. 1 when there is one. A cache
 * without the dicts table (an older schema) turns dictionaries off. */
static int dict_adopt(struct store_codec *c)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(c->db, "SELECT id, dict, sum FROM dicts ORDER BY made DESC, id DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK) {
		c->off = 1;
		return 0;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		unsigned id = (unsigned)sqlite3_column_int64(st, 0);
		const void *d = sqlite3_column_blob(st, 1);
		size_t n = (size_t)sqlite3_column_bytes(st, 1);
		found = 1;
		/* a damaged one is not written with (its stories say so when read) */
		if (dict_whole(id, d, n, sqlite3_column_int64(st, 2)))
			c->cd = ZSTD_createCDict(d, n, PACK_LEVEL);
		if (!c->cd)
			c->off = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* The newest stories' text (summary and content), for training: 0, or -1 when the
 * cache does not hold enough yet. */
static int train_samples(struct store_codec *c, struct sbuf *b, size_t **lens, size_t *n)
{
	sqlite3_stmt *st;
	char err[CRIER_ERRSZ];
	size_t items = 0, cap = 0;
	*n = 0;
	*lens = NULL;
	if (sqlite3_prepare_v2(c->db, "SELECT summary, content FROM items ORDER BY id DESC LIMIT ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(st, 1, TRAIN_ROWS);
	/* TRAIN_ITEMS stories however long they are (a byte limit alone left a cache of
	 * stories over 8 KB without a dictionary for good), more while under TRAIN_MAX */
	while ((items < TRAIN_ITEMS || b->len < TRAIN_MAX) && sqlite3_step(st) == SQLITE_ROW) {
		int i;
		items++;
		for (i = 0; i < 2; i++) {
			char *own = NULL;
			const char *v;
			size_t len;
			if (sqlite3_column_type(st, i) == SQLITE_BLOB)
				v = own = store_codec_unpack(c, sqlite3_column_blob(st, i),
							     (size_t)sqlite3_column_bytes(st, i), err, sizeof err);
			else
				v = (const char *)sqlite3_column_text(st, i);
			len = v ? strlen(v) : 0;
			if (len > TRAIN_SAMPLE_MAX)
				len = TRAIN_SAMPLE_MAX;
			if (len >= PACK_MIN_DICT) {
				if (*n == cap) {
					cap = cap ? cap * 2 : 256;
					*lens = xrealloc(*lens, cap * sizeof **lens);
				}
				sbuf_add(b, v, len);
				(*lens)[(*n)++] = len;
			}
			free(own);
		}
	}
	sqlite3_finalize(st);
	return items >= TRAIN_ITEMS && b->len >= TRAIN_MIN ? 0 : -1;
}

/* Stores a new dictionary inside dict_train's open transaction and commits it: the
 * dictionary is in the cache before any story written with it. 0 when c now writes with
 * it. */
static int dict_store(struct store_codec *c, const void *d, size_t n)
{
	sqlite3_stmt *st;
	unsigned id = ZDICT_getDictID(d, n);
	int ok = id != 0;
	if (ok)
		ok = sqlite3_prepare_v2(c->db, "INSERT INTO dicts(id, dict, sum, made) VALUES(?1, ?2, ?3, ?4)",
					-1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_blob(st, 2, d, (int)n, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, dict_sum(d, n));
		sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
	}
	if (!ok || sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	c->cd = ZSTD_createCDict(d, n, PACK_LEVEL);
	return c->cd ? 0 : -1;
}

/* Whether the cache holds the stories a dictionary is trained on (a look that reads no
 * text and takes no lock). */
static int train_enough(struct store_codec *c)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(c->db, "SELECT COUNT(*) FROM (SELECT 1 FROM items LIMIT ?1)", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int(st, 1, TRAIN_ITEMS);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n >= TRAIN_ITEMS;
}

/* Trains the cache's dictionary when none is there and it holds enough stories. Only
 * outside a transaction: a dictionary stored inside one could be rolled back with it
 * while this connection went on writing stories that need it. */
static void dict_train(struct store_codec *c)
{
	struct sbuf samples = SBUF_INIT;
	size_t *lens = NULL, n = 0, got;
	ZDICT_fastCover_params_t p;
	void *d;
	if (c->off || c->cd || !sqlite3_get_autocommit(c->db))
		return;
	c->plain = 0;
	if (dict_adopt(c) || c->off || !train_enough(c))
		return;
	/* Trained holding the write lock: another connection to the cache (a reload's
	 * store thread) that comes to train meanwhile waits, then takes this dictionary
	 * instead of training a second one at the same time (twice the CPU and memory). */
	if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return;
	if (dict_adopt(c) || c->off || train_samples(c, &samples, &lens, &n) != 0) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		sbuf_free(&samples);
		free(lens);
		return;
	}
	memset(&p, 0, sizeof p);
	p.k = 200; /* segment size: a phrase of markup or words */
	p.d = 8;
	p.f = 18;  /* 6 x 2^18 bytes of tables while training */
	p.accel = 1;
	p.zParams.compressionLevel = PACK_LEVEL;
	d = xmalloc(DICT_MAX);
	got = ZDICT_trainFromBuffer_fastCover(d, DICT_MAX, samples.s, lens, (unsigned)n, p);
	sbuf_free(&samples);
	free(lens);
	if (!ZDICT_isError(got))
		dict_store(c, d, got);
	else
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	free(d);
}

void store_codec_idle(struct store_codec *c)
{
	if (c && !c->off && !c->cd && c->plain >= TRAIN_EVERY)
		dict_train(c);
}

void *store_codec_pack(struct store_codec *c, const char *src, size_t len, size_t *n)
{
	size_t cap, got;
	void *out;
	if (!c)
		return NULL;
	if (!c->looked) {
		c->looked = 1;
		dict_adopt(c);
	}
	/* Packing only takes up a dictionary another connection stored; it never trains
	 * one (store_codec_idle does, after a commit). A reload's fetching thread packs
	 * ahead for its store thread, which trains holding the write lock: waiting for that
	 * lock here stopped every transfer for the training and past it (sqlite's busy
	 * handler sleeps in steps of up to 100 ms): 60-200 ms of a 100-feed cold reload.
	 * Inside a transaction the count is left to the commit's store_codec_idle. */
	if (!c->off && !c->cd && c->plain >= TRAIN_EVERY && sqlite3_get_autocommit(c->db)) {
		c->plain = 0;
		dict_adopt(c);
	}
	if (len < (c->cd ? PACK_MIN_DICT : PACK_MIN))
		return NULL;
	/* A value's frame is about a third of its text: compressed into the codec's
	 * scratch buffer and kept at its own size, so that the stories waiting for the
	 * store thread hold their frames, not a text-sized buffer each. Very long values
	 * get a buffer of their own (the scratch stays small). */
	cap = ZSTD_compressBound(len);
	if (cap <= SCRATCH_MAX) {
		if (c->scratch_cap < cap) {
			c->scratch_cap = cap < 64 * 1024 ? 64 * 1024 : cap;
			c->scratch = xrealloc(c->scratch, c->scratch_cap);
		}
		out = c->scratch;
	} else {
		out = xmalloc(cap);
	}
	got = c->cd ? ZSTD_compress_usingCDict(c->cc, out, cap, src, len, c->cd)
		: ZSTD_compressCCtx(c->cc, out, cap, src, len, PACK_LEVEL);
	if (ZSTD_isError(got) || got >= len) {
		if (out != c->scratch)
			free(out);
		return NULL;
	}
	if (out == c->scratch) {
		out = xmalloc(got);
		memcpy(out, c->scratch, got);
	}
	if (!c->cd)
		c->plain++;
	*n = got;
	return out;
}

/* The prepared dictionary id for reading, loaded from the cache once per connection. */
static ZSTD_DDict *dict_for(struct store_codec *c, unsigned id, char *err, size_t errsz)
{
	sqlite3_stmt *st = NULL;
	ZSTD_DDict *dd = NULL;
	size_t i;
	int row;
	for (i = 0; i < c->ndd; i++)
		if (c->dd[i].id == id)
			return c->dd[i].dd;
	row = sqlite3_prepare_v2(c->db, "SELECT dict, sum FROM dicts WHERE id = ?1", -1, &st, NULL) == SQLITE_OK
		&& (sqlite3_bind_int64(st, 1, id), sqlite3_step(st) == SQLITE_ROW);
	if (!row) {
		err_set(err, errsz, "%s: compression dictionary %u is missing from the cache: the story "
			"cannot be read", c->path, id);
	} else if (!dict_whole(id, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
			       sqlite3_column_int64(st, 1))) {
		err_set(err, errsz, "%s: compression dictionary %u in the cache is damaged: the story "
			"cannot be read", c->path, id);
	} else {
		dd = ZSTD_createDDict(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
		if (!dd)
			err_set(err, errsz, "%s: out of memory loading compression dictionary %u", c->path, id);
	}
	sqlite3_finalize(st);
	if (dd) {
		c->dd = xrealloc(c->dd, (c->ndd + 1) * sizeof *c->dd);
		c->dd[c->ndd].id = id;
		c->dd[c->ndd++].dd = dd;
	}
	return dd;
}

char *store_codec_unpack(struct store_codec *c, const void *blob, size_t n, char *err, size_t errsz)
{
	unsigned long long size = ZSTD_getFrameContentSize(blob, n);
	const char *where = c ? c->path : "stored text";
	ZSTD_DDict *dd = NULL;
	unsigned id;
	size_t got;
	char *out;
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > UNPACK_MAX) {
		err_set(err, errsz, "%s: a story's stored text is not a whole zstd frame (the cache is damaged)",
			where);
		return NULL;
	}
	id = ZSTD_getDictID_fromFrame(blob, n);
	if (id) {
		if (!c) {
			err_set(err, errsz, "%s: a story's text needs compression dictionary %u", where, id);
			return NULL;
		}
		dd = dict_for(c, id, err, errsz);
		if (!dd)
			return NULL;
	}
	out = xmalloc((size_t)size + 1);
	got = dd ? ZSTD_decompress_usingDDict(c->dc, out, (size_t)size, blob, n, dd)
		: c ? ZSTD_decompressDCtx(c->dc, out, (size_t)size, blob, n)
		: ZSTD_decompress(out, (size_t)size, blob, n);
	if (ZSTD_isError(got) || got != size) {
		err_set(err, errsz, "%s: a story's stored text does not decompress%s: %s", where,
			id ? " with its dictionary" : "",
			ZSTD_isError(got) ? ZSTD_getErrorName(got) : "it is shorter than it says");
		free(out);
		return NULL;
	}
	out[got] = '\0';
	return out;
}
