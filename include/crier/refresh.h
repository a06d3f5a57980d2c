/* refresh: a reload run in the background, on a thread with its own fetcher and its own
 * connection to the cache, for a caller that must never wait for the cache (the reader).
 * Another program holding the cache's write lock delays the feeds' writes, not the
 * caller: they wait on the thread (in memory while other transfers run) until the lock
 * goes, and are stored then. */
#ifndef CRIER_REFRESH_H
#define CRIER_REFRESH_H

#include <stdint.h>
#include "crier/fetch.h"
#include "crier/reload.h"
#include "crier/urls.h"

struct refresh_job {
	const char *cache_path;
	/* The urls file's list, made the cache's feed list first (reload_sync); NULL to
	 * leave the feed list as it is. Taken: freed by the refresh. */
	struct urls *urls;
	const char *urls_path;  /* named when making the list fails */
	int reload;             /* then fetch the feeds (else only the list is made) */
	int64_t only_feed;      /* only this feed (0: every feed) */
	int expire;             /* after the reload, store_expire with: */
	long keep_per_feed, max_age_days;
	struct fetch_limits lim;
	/* Called on the thread when there is something to collect (a feed ended, the
	 * refresh finished): the caller's loop wakes (fetch_wakeup). May be NULL. */
	void (*wake)(void *ctx);
	void *wake_ctx;
};

struct refresh;

/* Starts the thread. NULL with err when it cannot start. */
struct refresh *refresh_start(const struct refresh_job *job, char *err, size_t errsz);
/* Hands over what happened since the last call, on the caller's thread: each feed's end
 * (as reload_on_feed reports it: once committed, so a feed without an error is in the
 * cache) and each other failure (what failed, why). Returns how many feeds ended. */
size_t refresh_collect(struct refresh *r, void (*on_feed)(void *ctx, const struct reload_feed *res),
		       void (*on_error)(void *ctx, const char *what, const char *why), void *ctx);
/* The feed list was made the urls file's (the caller reads its lists again). Once. */
int refresh_take_synced(struct refresh *r);
/* The thread has finished (collect once more, then free). */
int refresh_finished(struct refresh *r);
void refresh_totals(struct refresh *r, struct reload_totals *t);
/* How long the thread has been waiting for another connection's write lock, in ms; 0
 * when it is not waiting. */
long refresh_waiting_ms(struct refresh *r);
/* What the thread was writing (struct refresh_end's gave_up). */
enum { REFRESH_LIST = 1, REFRESH_FEEDS, REFRESH_EXPIRE };
/* What a stop left undone, for the caller to say. */
struct refresh_end {
	/* A write gave up waiting for another program's lock because of the stop: 0, or
	 * what it was: the urls file's feed list (then no feed was fetched), a feed (then
	 * it is in unstored), or the expiry of old stories after the reload. */
	int gave_up;
	/* The feeds fetched and still waiting for the lock: their URLs as listed (passwords
	 * hidden, control characters left to the caller). Owned: refresh_end_clear. */
	char **unstored;
	size_t nunstored;
};
/* Stops the thread and waits for it: transfers still running are dropped, a write
 * waiting for the lock gives up, and feeds fetched but not yet stored are dropped;
 * end (may be NULL) says which. */
void refresh_free(struct refresh *r, struct refresh_end *end);
void refresh_end_clear(struct refresh_end *end);

#endif
