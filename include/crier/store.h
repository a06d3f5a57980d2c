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
void store_close(struct store *s);

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
int store_in_batch(const struct store *s);
/* 304 or a network error with no update begun. error NULL for a 304. */
int store_feed_checked(struct store *s, int64_t feed_id, long status, const char *error);

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
	enum store_order order;
};
struct store_row {
	int64_t id, feed_id, date; /* date: published, else updated, else first seen */
	int unread;
	char *title, *feed_title, *link;
};
void store_row_clear(struct store_row *r);
long store_count(struct store *s, const struct store_query *q);
/* Rows offset..offset+max-1 of the query. Returns how many were filled, -1 on error. */
long store_rows(struct store *s, const struct store_query *q, long offset, long max,
		struct store_row *rows);
long store_count_unread(struct store *s);
/* The feeds view of a search: the feeds (in the urls file's order, as store_feeds) that
 * have stories matching search (with the tag if not NULL), each with total and unread
 * counting its matching stories only. Free with store_feeds_free. 0 or -1. */
int store_search_feeds(struct store *s, const char *search, const char *tag,
		       struct store_feed **out, size_t *n, char *err, size_t errsz);
/* The full item (caller frees with feed_item_free). NULL if gone. */
struct feed_item *store_item(struct store *s, int64_t item_id);
int store_mark_read(struct store *s, int64_t item_id, int read);
int store_mark_feed_read(struct store *s, int64_t feed_id);
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

#endif
