/* store_internal: what the store's files (schema, updates, queries, staging, articles)
 * share and nothing outside src/store*.c may use: the handle, the statements, helpers. */
#ifndef CRIER_STORE_INTERNAL_H
#define CRIER_STORE_INTERNAL_H

#include "crier/store.h"

#include <sqlite3.h>
#include <zstd.h>

enum stmt_id {
	S_FEED_FIND, S_FEED_INSERT, S_FEED_SET, S_FEEDS, S_FEED_GET,
	S_INFO, S_ITEM_INSERT, S_ITEM_UPDATE, S_ITEM_SEEN, S_COMMIT_FEED, S_CHECKED,
	S_ITEM_GET, S_MARK, S_MARK_FEED, S_UNREAD,
	S_COUNT_ALL, S_COUNT_FEED,
	S_ART_DEL, S_ART_PUT, S_FIG_PUT, S_MORE_PUT, S_ART_GET, S_FIG_GET, S_MORE_GET,
	S_MOVED_SEEN, S_MOVED_GET, S_MOVED_RESET, S_MOVED_SET,
	S_SEARCH_PUT,
	S_SEARCH_TITLE_PUT,
	S_COUNT
};

/* The SQL of each reused statement, prepared once on first use (store_schema.c). */
extern const char *const store_stmt_sql[S_COUNT];

/* List queries vary by which filters are set; each variant is prepared once. */
#define Q_FEED 1
#define Q_TAG 2
#define Q_SEARCH 4
#define Q_UNREAD 8
#define Q_UNREAD_FIRST 16
#define Q_RANK 32
#define Q_FLAGGED 64
#define Q_VARIANTS 128

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_COUNT];
	sqlite3_stmt *count_q[Q_VARIANTS], *rows_q[Q_VARIANTS];
	int in_update;
	int batch; /* inside store_batch_begin: updates nest as savepoints */
	struct store_codec *codec; /* compresses story text (store_dict.c) */
	struct store_match *match; /* the last search's matches (store_match.c) */
	int indexed;   /* the cache has a search index: new items go into it */
	int titled;    /* and the titles' index that ranks (store_match.c) */
	/* Inside a batch, new items' index entries wait here and go into the index when the
	 * batch commits (store_index_flush): FTS5 writes its pending words out as a new
	 * segment at every savepoint, so entries written inside each feed's savepoint made
	 * a segment per feed, merged again and again. iw_mark: where the feed update being
	 * written began (its entries are dropped with it). */
	struct index_wait *iw;
	size_t niw, iw_cap, iw_mark;
	size_t iw_bytes, iw_mark_bytes; /* the memory they hold; of those before iw_mark */
	int batch_lost; /* the batch's transaction ended under it (an error): it fails */
	void (*wal_watch)(void *ctx, int pages); /* store_wal_watch's */
	void *wal_ctx;
};

/* Writes the waiting index entries from entry `from` on (0: all) and forgets them. Any
 * write inside a batch that may touch the index entries of existing stories (their
 * update, deletion, an article page of theirs) calls it first. 0 or -1. */
int store_index_flush(struct store *s, size_t from);
/* Forgets the waiting entries from `from` on, unwritten (their stories were rolled back). */
void store_index_drop(struct store *s, size_t from);
/* Inside a batch: -1 when its transaction is gone (sqlite rolled it back after an
 * error); the batch then fails whole. 0 otherwise. */
int store_batch_check(struct store *s);

/* Opening: the schema's migrations, in order, one transaction each, up to schema upto
 * (-1: the latest). 0 or -1. */
int store_migrate(struct store *s, int upto, store_rebuild_fn told, void *ctx, char *err,
		  size_t errsz);
/* The latest schema: the number of migrations. */
int store_schema_latest(void);
/* For the tests of migrations: creates at path a cache as an older crier wrote it, at
 * schema version (its first `version` migrations only), and closes it; the test then
 * fills it in that schema's own shape (released migrations never change) and opens it
 * with store_open. 0 or -1 with err naming the file. */
int store_create_old(const char *path, int version, char *err, size_t errsz);

/* Helpers (store.c). store_stmt returns the statement reset and unbound, NULL on error. */
void store_db_err(struct store *s, char *err, size_t errsz, const char *what);
sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id);
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
void store_bind_date(sqlite3_stmt *st, int i, int64_t v);
char *store_col_text(sqlite3_stmt *st, int i);
int64_t store_col_date(sqlite3_stmt *st, int i);
/* Runs a statement that returns no rows; SQLITE_DONE is success. 0 or -1. */
int store_step_done(sqlite3_stmt *st);
int store_exec(struct store *s, const char *sql, char *err, size_t errsz);
/* A unit of writes that is all or nothing: its own transaction, or, when one is already
 * open (a reload's batch, a feed update), a savepoint inside it. Returns 1 when nested,
 * 0 when a transaction was begun, -1 on error. */
int store_tx_begin(struct store *s, const char *name);
/* Ends what store_tx_begin began: kept when ok, else undone. 0, or -1 when undone. */
int store_tx_end(struct store *s, const char *name, int nested, int ok);

/* How an item's lists and text sit in its row (store_codec.c). */
char *store_enc_categories(const struct feed_item *it);
char *store_enc_enclosures(const struct feed_item *it);
char *store_enc_media(const struct feed_item *it);
void store_bind_story_text(struct store_codec *c, sqlite3_stmt *st, int i, const char *v,
			   const char *type);
/* A story text as the cache keeps it: html (len bytes; v itself, or esc when plain text
 * was escaped), and its zstd frame when that is kept instead (packed, plen). Bound with
 * SQLITE_STATIC: t outlives the statement's step. */
struct store_text {
	const char *html;
	size_t len;
	struct sbuf esc;
	void *packed;
	size_t plen;
};
void store_text_make(struct store_codec *c, struct store_text *t, const char *v, const char *type);
void store_text_bind(sqlite3_stmt *st, int i, const struct store_text *t);
void store_text_clear(struct store_text *t);
struct feed_item *store_item_from_row(struct store_codec *z, sqlite3_stmt *st, int c,
				      char *err, size_t errsz);

/* Story text compression (store_dict.c), one per connection: zstd with the cache's
 * dictionary, trained on its own stories once it holds enough (the dicts table; each
 * frame names its dictionary, so values from before it, or from another one, still
 * read). NULL when out of memory; path is kept (the store's) for messages. */
struct store_codec;
struct store_codec *store_codec_new(sqlite3 *db, const char *path);
void store_codec_free(struct store_codec *c);
/* src compressed (caller frees, *n bytes), or NULL when it does not pay: kept plain.
 * Never waits for a lock: it takes up a dictionary another connection stored, and
 * leaves the training to store_codec_idle. */
void *store_codec_pack(struct store_codec *c, const char *src, size_t len, size_t *n);
/* A stored compressed value as a string (caller frees); NULL with err naming the cache
 * (and the dictionary) when it cannot be read whole. c NULL: no dictionary known. */
char *store_codec_unpack(struct store_codec *c, const void *blob, size_t n, char *err, size_t errsz);
/* To call when the connection has just committed: trains or takes up the cache's
 * dictionary when it is time (it needs a moment with no transaction open). */
void store_codec_idle(struct store_codec *c);


/* Shared by the lists and the feeds view of a search. */
void store_feed_from_row(sqlite3_stmt *st, struct store_feed *f);
/* A LIKE pattern (ESCAPE '\\') that matches s literally, anywhere when anywhere. */
char *store_like_pattern(const char *s, int anywhere);

/* Search (store_search.c): registers crier_text(summary, content), which the index's
 * triggers call, on the connection (before the migrations), reading compressed text
 * with c (NULL: no dictionary). 0 or -1. */
int store_search_register(sqlite3 *db, struct store_codec *c);
/* The FTS5 query for a person's words; NULL or "" when they hold no word (matches
 * nothing). Caller frees. */
char *store_search_match(struct store *s, const char *words);
/* The feed text of an item as the index takes it (what crier_text gives), from the
 * summary and content as stored (HTML, uncompressed); NULL when it holds nothing.
 * Caller frees. */
char *store_search_text(const char *summary, const char *content);

/* A search's matches held in memory (store_match.c): read from the index once, kept
 * until the FTS5 query or the cache changes; with each one's rank when ranked. NULL on
 * error. Freed by store_close. */
struct store_match;
struct store_match *store_match_get(struct store *s, const char *match, int ranked);
/* crier_score(id): a story's rank in the last search read (store_match.c) */
int store_match_register(struct store *s);
void store_match_free(struct store_match *m);
size_t store_match_count(const struct store_match *m);
/* Whether joining the index to the items beats walking the list (items long) for a
 * count (want 0) or a page ending at want. */
int store_match_prefer_join(const struct store_match *m, long items, long want);
/* The count and rows of the list variant v (Q_* bits) restricted to the matches. */
long store_match_count_where(struct store *s, struct store_match *m, const struct store_query *q,
			     int v);
long store_match_rows(struct store *s, struct store_match *m, const struct store_query *q, int v,
		      long offset, long max, struct store_row *rows);

#endif
