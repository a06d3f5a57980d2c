/* refresh: the reader's reload on a thread of its own. Everything that writes the cache
 * for a reload (the urls file's feed list, each feed's update, the expiry after) happens
 * here, on the thread's own connection, whose wait for the write lock has no time limit
 * but ends when the caller stops the thread: the caller's loop only collects reports.
 * While transfers run, a write never waits: the feed is parked in memory (reload.c) and
 * tried again between them, so that curl keeps serving the others. */
#include "config.h"
#include "crier/refresh.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One report kept for the caller's thread: a feed's end, or another failure. */
struct refresh_report {
	int is_feed;
	int64_t feed_id;
	char *url, *moved_to, *error; /* url: the feed, or what failed; error: why */
	long status, items, new_items;
	int not_modified, discovered;
};

struct refresh {
	struct refresh_job job;
	char *cache_path, *urls_path;
	pthread_t thread;
	pthread_mutex_t lock;
	/* under lock */
	struct refresh_report *v;
	size_t n, cap;
	struct reload_totals t;
	int synced, finished, stop;
	struct timespec busy_since, busy_last; /* the current wait for the lock */
	int busy;
	int gave_up;               /* the phase whose write gave up waiting: the stop */
	size_t parked;             /* feeds fetched, waiting for the lock ... */
	struct timespec parked_since; /* ... since */
	/* the thread's alone (read by refresh_free after the join) */
	struct fetch *f;           /* the reload's, while it runs: are transfers running? */
	int phase;                 /* what the thread writes now (REFRESH_LIST ...) */
	char **unstored;           /* fetched feeds a stop left parked, not stored */
	size_t nunstored;
};

static double ms_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void wake(struct refresh *r)
{
	if (r->job.wake)
		r->job.wake(r->job.wake_ctx);
}

static void keep(struct refresh *r, const struct refresh_report *rep)
{
	pthread_mutex_lock(&r->lock);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = *rep;
	pthread_mutex_unlock(&r->lock);
	wake(r);
}

static void keep_error(struct refresh *r, const char *what, const char *why)
{
	struct refresh_report rep;
	memset(&rep, 0, sizeof rep);
	rep.url = xstrdup(what);
	rep.error = xstrdup(why);
	keep(r, &rep);
}

static void on_feed(void *ctx, const struct reload_feed *f)
{
	struct refresh_report rep;
	memset(&rep, 0, sizeof rep);
	rep.is_feed = 1;
	rep.feed_id = f->feed_id;
	rep.url = xstrdup(f->url);
	rep.moved_to = f->moved_to ? xstrdup(f->moved_to) : NULL;
	rep.error = f->error ? xstrdup(f->error) : NULL;
	rep.status = f->status;
	rep.items = f->items;
	rep.new_items = f->new_items;
	rep.not_modified = f->not_modified;
	rep.discovered = f->discovered;
	keep(ctx, &rep);
}

/* The connection's wait for another's write lock: none while transfers run (the feed
 * waits parked, and curl must go on serving the others: a transfer has a time limit);
 * else as long as it takes, unless the caller stops the thread (which is recorded, for
 * the caller to say what was not stored); how long is kept for refresh_waiting_ms. */
static int on_busy(void *ctx, int n)
{
	struct refresh *r = ctx;
	struct timespec now, nap = {0, (n < 20 ? n + 1 : 20) * 1000000L};
	int stop;
	if (r->f && fetch_pending(r->f) > 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&r->lock);
	if (n == 0 || !r->busy)
		r->busy_since = now;
	r->busy_last = now;
	r->busy = 1;
	stop = r->stop;
	if (stop)
		r->gave_up = r->phase;
	pthread_mutex_unlock(&r->lock);
	if (stop)
		return 0;
	nanosleep(&nap, NULL);
	return 1;
}

static int stopping(struct refresh *r)
{
	int stop;
	pthread_mutex_lock(&r->lock);
	stop = r->stop;
	r->busy = 0; /* whatever waited has had its lock (or given up) */
	pthread_mutex_unlock(&r->lock);
	return stop;
}

static void copy_totals(struct refresh *r, struct reload *rl)
{
	struct reload_totals t;
	struct timespec now;
	size_t parked = reload_parked(rl, NULL, NULL);
	reload_get_totals(rl, &t);
	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&r->lock);
	r->t = t;
	if (parked && !r->parked)
		r->parked_since = now;
	r->parked = parked;
	pthread_mutex_unlock(&r->lock);
}

static void keep_unstored(void *ctx, const char *url)
{
	struct refresh *r = ctx;
	r->unstored = xrealloc(r->unstored, (r->nunstored + 1) * sizeof *r->unstored);
	r->unstored[r->nunstored++] = url_hide_password(url);
}

static void run_reload(struct refresh *r, struct store *s)
{
	char err[CRIER_ERRSZ];
	struct store_feed *fs = NULL;
	size_t n = 0, i;
	struct fetch *f = fetch_new(&r->job.lim, err, sizeof err);
	if (!f) {
		keep_error(r, r->cache_path, err);
		return;
	}
	struct reload *rl = reload_new_on(s, f);
	reload_on_feed(rl, on_feed, r);
	reload_park_when_busy(rl, 1);
	r->f = f;
	r->phase = REFRESH_FEEDS;
	if (store_feeds(s, &fs, &n, err, sizeof err) < 0)
		keep_error(r, r->cache_path, err);
	for (i = 0; i < n && !stopping(r); i++) {
		if (r->job.only_feed && fs[i].id != r->job.only_feed)
			continue;
		if (reload_add(rl, &fs[i], err, sizeof err) < 0)
			keep_error(r, fs[i].url, err);
	}
	store_feeds_free(fs, n);
	copy_totals(r, rl);
	while (!stopping(r) && reload_pending(rl)) {
		reload_poll(rl, -1, 100);
		copy_totals(r, rl);
	}
	/* feeds still running are dropped; each one reported is stored; those fetched and
	 * still waiting for the lock (a stop) are named */
	reload_parked(rl, keep_unstored, r);
	reload_free(rl);
	r->f = NULL;
	fetch_free(f);
	r->phase = REFRESH_EXPIRE;
	if (r->job.expire && !stopping(r))
		store_expire(s, r->job.keep_per_feed, r->job.max_age_days);
}

static void *refresh_main(void *arg)
{
	struct refresh *r = arg;
	char err[CRIER_ERRSZ];
	struct store *s = store_open(r->cache_path, err, sizeof err);
	if (!s) {
		keep_error(r, r->cache_path, err);
	} else {
		store_busy_handler(s, on_busy, r);
		r->phase = REFRESH_LIST;
		if (r->job.urls) {
			if (reload_sync(s, r->job.urls, err, sizeof err) < 0 && !stopping(r))
				keep_error(r, r->urls_path ? r->urls_path : r->cache_path, err);
			pthread_mutex_lock(&r->lock);
			r->synced = 1;
			pthread_mutex_unlock(&r->lock);
			wake(r);
		}
		if (r->job.reload && !stopping(r))
			run_reload(r, s);
		store_close(s);
	}
	pthread_mutex_lock(&r->lock);
	r->finished = 1;
	pthread_mutex_unlock(&r->lock);
	wake(r);
	return NULL;
}

/* What the refresh owns besides its thread: the urls list it was given, the paths. */
static void refresh_release(struct refresh *r)
{
	if (r->job.urls) {
		urls_free(r->job.urls);
		free(r->job.urls);
	}
	free(r->cache_path);
	free(r->urls_path);
	free(r);
}

struct refresh *refresh_start(const struct refresh_job *job, char *err, size_t errsz)
{
	struct refresh *r = xcalloc(1, sizeof *r);
	int rc;
	r->job = *job;
	r->cache_path = xstrdup(job->cache_path);
	r->urls_path = job->urls_path ? xstrdup(job->urls_path) : NULL;
	r->job.cache_path = r->cache_path;
	r->job.urls_path = r->urls_path;
	/* libxml2 sets itself up once, here, before a second thread parses */
	xmlInitParser();
	pthread_mutex_init(&r->lock, NULL);
	rc = pthread_create(&r->thread, NULL, refresh_main, r);
	if (rc != 0) {
		err_set(err, errsz, "cannot start the reload: %s", strerror(rc));
		pthread_mutex_destroy(&r->lock);
		refresh_release(r);
		return NULL;
	}
	return r;
}

static void report_free(struct refresh_report *rep)
{
	free(rep->url);
	free(rep->moved_to);
	free(rep->error);
}

size_t refresh_collect(struct refresh *r, void (*on_feed_cb)(void *ctx, const struct reload_feed *res),
		       void (*on_error)(void *ctx, const char *what, const char *why), void *ctx)
{
	struct refresh_report *v;
	size_t n, i, feeds = 0;
	pthread_mutex_lock(&r->lock);
	v = r->v;
	n = r->n;
	r->v = NULL;
	r->n = r->cap = 0;
	pthread_mutex_unlock(&r->lock);
	for (i = 0; i < n; i++) {
		struct refresh_report *rep = &v[i];
		if (rep->is_feed) {
			struct reload_feed f;
			memset(&f, 0, sizeof f);
			f.feed_id = rep->feed_id;
			f.url = rep->url;
			f.moved_to = rep->moved_to;
			f.discovered = rep->discovered;
			f.status = rep->status;
			f.not_modified = rep->not_modified;
			f.items = rep->items;
			f.new_items = rep->new_items;
			f.error = rep->error;
			feeds++;
			if (on_feed_cb)
				on_feed_cb(ctx, &f);
		} else if (on_error) {
			on_error(ctx, rep->url, rep->error);
		}
		report_free(rep);
	}
	free(v);
	return feeds;
}

int refresh_take_synced(struct refresh *r)
{
	int synced;
	pthread_mutex_lock(&r->lock);
	synced = r->synced == 1;
	if (synced)
		r->synced = 2;
	pthread_mutex_unlock(&r->lock);
	return synced;
}

int refresh_finished(struct refresh *r)
{
	int done;
	pthread_mutex_lock(&r->lock);
	done = r->finished;
	pthread_mutex_unlock(&r->lock);
	return done;
}

void refresh_totals(struct refresh *r, struct reload_totals *t)
{
	pthread_mutex_lock(&r->lock);
	*t = r->t;
	pthread_mutex_unlock(&r->lock);
}

long refresh_waiting_ms(struct refresh *r)
{
	struct timespec now;
	long ms = 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&r->lock);
	/* the handler looks every 20 ms at most while it waits */
	if (r->busy && ms_between(&r->busy_last, &now) < 250)
		ms = (long)ms_between(&r->busy_since, &now);
	if (r->parked && ms_between(&r->parked_since, &now) > (double)ms)
		ms = (long)ms_between(&r->parked_since, &now);
	pthread_mutex_unlock(&r->lock);
	return ms;
}

void refresh_free(struct refresh *r, struct refresh_end *end)
{
	size_t i;
	if (end)
		memset(end, 0, sizeof *end);
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	r->stop = 1;
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	pthread_mutex_destroy(&r->lock);
	for (i = 0; i < r->n; i++)
		report_free(&r->v[i]);
	free(r->v);
	if (end) {
		end->gave_up = r->gave_up;
		end->unstored = r->unstored;
		end->nunstored = r->nunstored;
	} else {
		refresh_end_clear(&(struct refresh_end){0, r->unstored, r->nunstored});
	}
	refresh_release(r);
}

void refresh_end_clear(struct refresh_end *end)
{
	for (size_t i = 0; i < end->nunstored; i++)
		free(end->unstored[i]);
	free(end->unstored);
	memset(end, 0, sizeof *end);
}
