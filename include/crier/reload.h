/* reload: refreshes feeds from the network into the cache, all at once on one fetcher;
 * bytes go through the feed parser as they arrive, each feed is stored in one transaction. */
#ifndef CRIER_RELOAD_H
#define CRIER_RELOAD_H

/* Reloads in a row that must see the same permanent redirect before a feed moves. */
#define RELOAD_MOVE_AFTER 3

#include <stddef.h>
#include <stdint.h>
#include "crier/fetch.h"
#include "crier/store.h"
#include "crier/urls.h"

/* Makes the cache's feed list the urls file's: adds new feeds, sets titles, tags and
 * order, and drops feeds (with their items) no longer listed. 0 or -1 with err. */
int reload_sync(struct store *s, const struct urls *u, char *err, size_t errsz);

/* How one feed's refresh ended; valid during the callback only. */
struct reload_feed {
	int64_t feed_id;
	const char *url;      /* as listed */
	const char *moved_to; /* a permanent redirect's target, now stored; else NULL */
	int discovered;       /* moved_to is the feed the listed web page names in its
			       * <link rel="alternate">, fetched in its place from now on */
	long status;          /* HTTP status, 0 for file:// or no answer */
	int not_modified;     /* 304: nothing parsed, nothing changed */
	long items, new_items;
	const char *error;    /* NULL on success, else the reason, naming the URL */
};

struct reload_totals {
	size_t feeds, done, failed, not_modified;
	long new_items;
};

struct reload;

struct reload *reload_new(struct store *s, const struct fetch_limits *lim, char *err, size_t errsz);
/* The same on a fetcher the caller owns and drives with fetch_poll (the interface shares
 * one fetcher between reloads and article pages). reload_free cancels the feeds still
 * running on it (call it before fetch_free). */
struct reload *reload_new_on(struct store *s, struct fetch *f);
/* Feeds still running are dropped; nothing of them was stored. */
void reload_free(struct reload *r);
/* Called as each feed ends (for messages and for the interface to redraw); inside
 * reload_poll, once the batch holding the feed is committed: a feed reported without an
 * error is in the cache. */
void reload_on_feed(struct reload *r, void (*cb)(void *ctx, const struct reload_feed *res),
		    void *ctx);
/* Queues one feed of the cache (as store_feeds lists it). file:// is fetched only when
 * the listed URL is one. 0 or -1 with err. */
int reload_add(struct reload *r, const struct store_feed *f, char *err, size_t errsz);
/* As fetch_poll: waits up to timeout_ms for the network or extra_fd (-1 for none); 1 when
 * extra_fd is readable, 0 otherwise, -1 on error. The feeds that end in one call are
 * written in one transaction (store_batch_begin), begun after the wait; when its commit
 * fails, every feed of it is reported failed with the reason. Other transfers on a lent
 * fetcher (article pages) are served by the same call, their writes inside the batch
 * (store_article_put nests). */
int reload_poll(struct reload *r, int extra_fd, int timeout_ms);
/* For a caller that shares its fetcher with other transfers (the interface): one call
 * for its loop, in place of fetch_poll(f, ...). While a reload made by reload_new_on(s, f)
 * runs (r not NULL), the feeds that end in one call are written as one batch, as
 * reload_poll does, and the other transfers' callbacks run inside it (their store writes
 * nest); with r NULL it is fetch_poll. Returns as fetch_poll, errno kept. */
int reload_poll_shared(struct reload *r, struct fetch *f, int extra_fd, int timeout_ms);
/* On: a feed whose transaction cannot begin because another connection holds the cache's
 * write lock (the store's busy handler gave up) is not failed but parked: its transfer's
 * result waits in memory (its items spilled to a temporary file past 8 MB for all), and
 * each reload_poll tries again, while the other transfers go on. The busy handler says
 * how long each try waits (the refresh: not at all while transfers run). Off by default. */
void reload_park_when_busy(struct reload *r, int on);
/* How many feeds are parked; each one's listed URL to each (when not NULL), oldest
 * first. reload_free drops them unstored. */
size_t reload_parked(const struct reload *r, void (*each)(void *ctx, const char *url), void *ctx);
/* Feeds of this reload still running or parked. */
size_t reload_pending(const struct reload *r);
void reload_get_totals(const struct reload *r, struct reload_totals *t);

#endif
