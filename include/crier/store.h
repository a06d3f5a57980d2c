/* store: the sqlite cache (WAL, versioned schema) of feeds, items, read state and
 * extracted articles. Every query is indexed SQL; opening never loads every item. */
#ifndef CRIER_STORE_H
#define CRIER_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "crier/feed.h"
#include "crier/util.h"

struct article;
struct store;

/* Opens (creating and migrating) the cache. NULL with err naming the file. */
struct store *store_open(const char *path, char *err, size_t errsz);
/* The same; told is called once, before a migration that rebuilds the search index of
 * a cache that has stories (seconds to minutes on a big cache: the caller says so, or
 * it looks hung), with how many stories it indexes. */
typedef void (*store_rebuild_fn)(void *ctx, const char *path, long stories);
struct store *store_open_told(const char *path, store_rebuild_fn told, void *ctx,
			      char *err, size_t errsz);
void store_close(struct store *s);
/* The path the cache was opened with (a second connection opens the same). */
const char *store_path(const struct store *s);
/* Why the last statement on this connection failed ("PATH: reason"), for a caller whose
 * write returned -1 with no message (store_mark_read and the like); ask at once. */
void store_last_error(struct store *s, char *err, size_t errsz);
/* How long a statement waits for another connection's write lock before it fails (10 s
 * from store_open, and again with ms < 0); the interface shortens it for its keys. */
void store_busy_wait(struct store *s, int ms);
/* The last statement failed because another connection held the lock (past the wait):
 * worth trying again later, unlike a read-only or damaged cache. */
int store_last_busy(struct store *s);
/* In place of the wait: fn(ctx, n) is called each time the lock is found held (n counts
 * the calls of this wait, from 0); it sleeps a little and returns 1 to look again, 0 to
 * give up (the statement then fails as busy). store_busy_wait puts the timeout back. */
void store_busy_handler(struct store *s, int (*fn)(void *ctx, int n), void *ctx);
/* Checkpoints (copying the WAL into the cache file, with its syncs) left to another
 * connection: after each commit on s, watch(ctx, pages) is told the WAL's length in
 * pages, and s no longer checkpoints itself. store_checkpoint is one such checkpoint
 * (passive: writers go on meanwhile); 0, or -1 when it could not run. */
void store_wal_watch(struct store *s, void (*watch)(void *ctx, int pages), void *ctx);
int store_checkpoint(struct store *s);

struct store_feed {
	int64_t id;
	char *url, *title, *site, *tags; /* tags: space-separated, may be NULL */
	char *etag, *last_modified;
	int64_t last_fetch;              /* CRIER_NO_DATE if never */
	long status;                     /* last HTTP status */
	char *error;                     /* last error, NULL when the last update worked */
	long unread, total;
	char *location;                  /* where a permanent redirect moved it, else NULL:
					    fetch this instead of url */
};
void store_feed_clear(struct store_feed *f);

/* Make sure the feed with this URL exists; sets its custom title and tags (NULL keeps
 * them, "" clears them) and moves it last in the order. 0 or -1. */
int store_feed_ensure(struct store *s, const char *url, const char *title, const char *tags,
		      int64_t *id, char *err, size_t errsz);
/* Every feed with its counts, in the order given by the urls file (insertion). The array
 * and its entries are the caller's: free with store_feeds_free. */
int store_feeds(struct store *s, struct store_feed **out, size_t *n, char *err, size_t errsz);
void store_feeds_free(struct store_feed *f, size_t n);
int store_feed_get(struct store *s, int64_t id, struct store_feed *out);
/* Drops a feed and its items (a feed no longer in the urls file). 0 or -1. */
int store_feed_remove(struct store *s, int64_t id);

/* One feed's refresh, one transaction: begin, then items, then commit or fail.
 * store_update_fail rolls back what was begun and records the error: no stored item is
 * lost. */
struct store_update;
struct store_update *store_update_begin(struct store *s, int64_t feed_id, char *err, size_t errsz);
int store_update_info(struct store_update *u, const struct feed_info *f);
/* Inserts or updates by (feed, id); *is_new tells which. Read state is kept. */
int store_update_item(struct store_update *u, const struct feed_item *it, int *is_new);
/* An item's text made ready for the cache (compressed) apart from the writing: the
 * reload prepares on its fetching thread what its store thread then writes with
 * store_update_item_prep (same result as store_update_item). NULL from
 * store_prep_item means none: the update makes it. */
struct store_prep;
struct store_prep *store_prep_item(struct store *s, const struct feed_item *it);
void store_prep_free(struct store_prep *p);
int store_update_item_prep(struct store_update *u, const struct feed_item *it,
			   const struct store_prep *p, int *is_new);
int store_update_commit(struct store_update *u, const char *new_url, const char *etag,
			const char *last_modified, long status, char *err, size_t errsz);
void store_update_fail(struct store_update *u, long status, const char *error);
/* A spill area for parsed items whose feed update cannot begin yet (its transfer is still
 * running): a private temporary database on disk, so that a big feed's items need not
 * wait in memory. Items of one key come back last put first. */
struct store_stage;
struct store_stage *store_stage_new(char *err, size_t errsz);
void store_stage_free(struct store_stage *st);
int store_stage_put(struct store_stage *st, int64_t key, const struct feed_item *it);
/* Passes the key's items to the update (adding the new ones to *new_items), then forgets
 * them. 0 or -1. */
int store_stage_apply(struct store_stage *st, int64_t key, struct store_update *u, long *new_items);
void store_stage_drop(struct store_stage *st, int64_t key);

/* Many small writes as one transaction (a reload's 304s and feed updates that end in the
 * same moment): inside a batch each feed update is a savepoint, still all or nothing.
 * Keep a batch short: the interface waits for it to write read marks. 0 or -1. */
int store_batch_begin(struct store *s, char *err, size_t errsz);
int store_batch_commit(struct store *s, char *err, size_t errsz);
/* Bytes of new stories' words waiting in the open batch for the search index (they go in
 * when it commits): a batch's writer commits early when they grow large. */
size_t store_index_waiting(const struct store *s);
int store_in_batch(const struct store *s);
/* 304 or a network error with no update begun. error NULL for a 304. */
int store_feed_checked(struct store *s, int64_t feed_id, long status, const char *error);
/* A reload saw the feed permanently redirected to `to`: returns how many reloads in a row
 * have seen that same target (1 the first time), or -1. With to NULL (no permanent
 * redirect this time) the count starts again; 0. */
int store_feed_redirect_seen(struct store *s, int64_t feed_id, const char *to);
/* Stores the feed's new location (a confirmed permanent redirect answered 304, so no
 * update commits it) and clears the count. 0 or -1. */
int store_feed_move(struct store *s, int64_t feed_id, const char *to);

/* Item lists, read lazily: a query, then pages of rows.
 *
 * Search: q.search holds the words a person typed. A story matches when every word
 * begins a word of its title, its feed text (summary and content) or its fetched page
 * (the cached article), case and accents ignored ("elec" finds "Électricité"); quotes
 * and operators are plain text, never query syntax. The full-text index (sqlite FTS5)
 * is kept in step by the store in the same transaction as each write. A search with no
 * letter or digit matches nothing. Combine it with feed_id, tag and unread_only as any
 * list; STORE_BY_RANK puts the best matches first (bm25: a word in the title weighs
 * more than in the feed text, more than in the page), and is the date order without a
 * search. */
enum store_order { STORE_BY_DATE, STORE_UNREAD_FIRST, STORE_BY_RANK };
struct store_query {
	int64_t feed_id;      /* 0: all feeds */
	const char *tag;      /* NULL: any */
	const char *search;   /* NULL or "": none; else full-text words, as above */
	int unread_only;
	int flagged_only;     /* the Saved view: flagged stories of every feed */
	enum store_order order;
};
struct store_row {
	int64_t id, feed_id, date; /* date: published, else updated, else first seen */
	int unread;
	char *title, *feed_title, *link;
	int flagged;
};
void store_row_clear(struct store_row *r);
long store_count(struct store *s, const struct store_query *q);
/* Rows offset..offset+max-1 of the query. Returns how many were filled, -1 on error. */
long store_rows(struct store *s, const struct store_query *q, long offset, long max,
		struct store_row *rows);
long store_count_unread(struct store *s);
/* One story's row, as store_rows gives it: 1, or 0 when it is gone, -1 on error. */
int store_row_get(struct store *s, int64_t item_id, struct store_row *row);
/* How many words a search for these would look for: 0 when they hold no letter or digit
 * (quotes, operators and other punctuation alone), which matches nothing. */
int store_search_words(struct store *s, const char *words);
/* The full item (caller frees with feed_item_free). NULL if gone. */
struct feed_item *store_item(struct store *s, int64_t item_id);
/* The same, with err saying why not: gone, or its stored text cannot be read back (a
 * damaged cache: the message names it). */
struct feed_item *store_item_read(struct store *s, int64_t item_id, char *err, size_t errsz);
int store_mark_read(struct store *s, int64_t item_id, int read);
int store_mark_feed_read(struct store *s, int64_t feed_id);
/* Marks read the unread stories whose link is url (a page reached through a link that is
 * also a story of some feed). Returns how many, or -1. */
long store_mark_read_link(struct store *s, const char *url);
/* Retention: drop read items the feed no longer lists, older than max_age_days, beyond
 * the newest keep_per_feed of each feed, and cached articles (figures, more-from links)
 * fetched more than max_age_days ago that no remaining item links to (max_age_days 0
 * keeps all). One transaction, or a savepoint inside an open one. 0 or -1. */
int store_expire(struct store *s, long keep_per_feed, long max_age_days);

/* Extracted articles, keyed by URL; put replaces, all or nothing (a savepoint when a
 * batch or other transaction is open, e.g. inside reload_poll). 0 or -1. get returns
 * NULL when not cached. */
int store_article_put(struct store *s, const struct article *a);
struct article *store_article_get(struct store *s, const char *url);

/* ---- remote sources (store_sync.c) ----
 * Stories of a feed server carry its id for them (remote_id) and a flag (the server's
 * "marked"). A user's read or flag change to such a story is queued, in order, until a
 * sync sends it; changes the sync takes from the server are not. */
enum store_change_field { STORE_CHANGE_READ = 0, STORE_CHANGE_FLAG = 1 };
struct store_change {
	int64_t seq, remote_id;
	int field, value; /* value: 1 read / flagged, 0 unread / not flagged */
};
/* Flags or unflags a story. Flagged stories (and their pages) are never expired. 0 or -1. */
int store_mark_flag(struct store *s, int64_t item_id, int flagged);
int store_item_flagged(struct store *s, int64_t item_id); /* 1, 0, or -1 */
/* The queued changes, oldest first (the caller frees the array). 0 or -1 with err. */
int store_changes(struct store *s, struct store_change **out, size_t *n, char *err, size_t errsz);
/* The server has every change up to seq: they leave the queue. 0 or -1. */
int store_changes_sent(struct store *s, int64_t upto_seq, char *err, size_t errsz);
/* Writes from a sync: one transaction, in which nothing is queued. store_sync_end
 * commits what was written (each feed update in it is all or nothing) and frees ss.
 * NULL or 0 / -1 with err. */
struct store_sync;
struct store_sync *store_sync_begin(struct store *s, char *err, size_t errsz);
int store_sync_end(struct store_sync *ss, char *err, size_t errsz);
/* The source's last seen story id and when it last synced (0 when never). */
int store_sync_state(struct store *s, const char *source, int64_t *last_id, int64_t *when);
int store_sync_set_state(struct store *s, const char *source, int64_t last_id,
			 char *err, size_t errsz);
/* The server's feed: made to exist with its title and tags, keyed by its URL. */
int store_remote_feed(struct store *s, int64_t remote_id, const char *url, const char *title,
		      const char *tags, int64_t *feed_id, char *err, size_t errsz);
/* Drops every feed (with its stories) whose remote id is not one of these: feeds the
 * server no longer has, and feeds of the urls file. 0 or -1. */
int store_remote_prune(struct store *s, const int64_t *remote_ids, size_t n,
		       char *err, size_t errsz);
/* The cache's feed id of a remote feed; 0 when unknown. */
int64_t store_remote_feed_id(struct store *s, int64_t remote_id);
/* A story inside an update of its feed (u from store_update_begin), with its state on
 * the server. *is_new as store_update_item. 0 or -1. */
int store_remote_story(struct store_sync *ss, struct store_update *u, int64_t feed_id,
		       int64_t remote_id, const struct feed_item *it, int unread, int flagged,
		       int *is_new);
/* Takes the server's state: the remote stories in ids are unread (which 0) or flagged
 * (which 1), the others are not; a story with a change still queued keeps its own.
 * *changed: how many stories changed. 0 or -1. */
int store_remote_state(struct store_sync *ss, int which, const int64_t *ids, size_t n,
		       long *changed, char *err, size_t errsz);

#endif
