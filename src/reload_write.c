/* reload_write: the reload's store thread. Feeds parsed on the fetching thread are
 * written here, on a connection of its own, while the transfers and the parser go on:
 * a second core for the compression, the search index and sqlite. Each feed is still one
 * transaction (a savepoint in a batch that is committed whole), reported to the reload's
 * caller only once committed; the feeds waiting for the thread are bounded in bytes. */
#include "config.h"
#include "reload_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Parsed items waiting for the thread, at most about this many bytes: past it the
 * fetching thread waits (memory stays bounded by the feeds in flight). */
#define QUEUE_MAX (2 * 1024 * 1024)
/* Feeds in one transaction of the thread, and how long an open transaction waits for
 * more: each commit makes a new segment of the search index, and segments are merged
 * again and again, so a transaction a feed (the thread is faster than the transfers)
 * cost more than the index's own writing. A short hold on the lock the interface needs
 * to mark stories read; the fetching thread says when no feed is left to come. */
#define BATCH_MAX 16
#define GATHER_MS 50
/* ... and at most about this many bytes of the new stories' words waiting for the index
 * (they stay in memory until the commit) */
#define INDEX_WAITING_MAX (2 * 1024 * 1024)
/* The store thread's commits are checkpointed on a third thread and connection each time
 * the WAL has grown this many pages (sqlite's own default): a checkpoint copies the WAL
 * into the cache file and syncs both, tens of milliseconds of waiting on the disk that
 * the store thread, which checkpointed after its commits, spent away from its work. */
#define CKPT_PAGES 1000

struct done_batch {
	struct done_batch *next;
	struct held_list list;
	size_t jobs;      /* the feeds it held (each reported once) */
	char *commit_err; /* the batch's commit failed: none of it was stored */
};

struct reload_writer {
	struct reload *r;
	struct store *s;       /* the thread's own connection to the cache */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct job *head, *tail; /* waiting, oldest first */
	size_t bytes;           /* their parsed items, about */
	int stop;
	int drain;              /* no transfer left: commit what is written, wait for nothing */
	struct done_batch *done, **done_end; /* committed, not yet reported */
	struct held_list cur;   /* the batch being written (the thread's alone) */
	size_t inflight;        /* handed over and not yet reported (fetching thread's alone) */
	int dead;               /* could not start: the reload writes for itself */
	int idle;               /* the thread waits with nothing to write (under lock) */
	struct store *cs;       /* the checkpoint thread's connection (NULL: none runs) */
	pthread_t ckpt;
	pthread_cond_t ckpt_more;
	int ckpt_want, ckpt_stop; /* under lock */
	int ckpt_mark;          /* the WAL's length at the last request (the store thread's) */
};

static size_t job_bytes(const struct job *j)
{
	return j->held + j->held / 2 + 4096; /* the items, and their compressed text */
}

/* The thread's open transaction: the feeds written in it so far. */
struct batch {
	int active;     /* feeds are being written (in a transaction when open) */
	int open;       /* store_batch_begin succeeded: else each feed commits alone */
	size_t jobs;
	struct timespec until; /* when it stops waiting for more feeds */
};

static void batch_commit(struct reload_writer *w, struct batch *b)
{
	char err[CRIER_ERRSZ];
	struct done_batch *d = xcalloc(1, sizeof *d);
	if (b->open && store_batch_commit(w->s, err, sizeof err) != 0)
		d->commit_err = xstrdup(err);
	d->list = w->cur;
	memset(&w->cur, 0, sizeof w->cur);
	d->jobs = b->jobs;
	memset(b, 0, sizeof *b);
	pthread_mutex_lock(&w->lock);
	*w->done_end = d;
	w->done_end = &d->next;
	pthread_mutex_unlock(&w->lock);
	fetch_wakeup(w->r->f);
}

static int past(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* Writes one feed in the open transaction (begun here when none is). */
static void batch_write(struct reload_writer *w, struct batch *b, struct job *j)
{
	char err[CRIER_ERRSZ];
	size_t bytes = job_bytes(j);
	if (!b->active) {
		b->active = 1;
		b->open = store_batch_begin(w->s, err, sizeof err) == 0;
		clock_gettime(CLOCK_MONOTONIC, &b->until);
		b->until.tv_sec += GATHER_MS / 1000;
		b->until.tv_nsec += (long)(GATHER_MS % 1000) * 1000000L;
		if (b->until.tv_nsec >= 1000000000L) {
			b->until.tv_sec++;
			b->until.tv_nsec -= 1000000000L;
		}
	}
	reload_job_store(w->r, w->s, j, &j->res);
	b->jobs++;
	/* written: its memory goes back to the queue's allowance now, its report waits
	 * for the commit */
	reload_job_free(j);
	pthread_mutex_lock(&w->lock);
	w->bytes -= bytes;
	pthread_cond_signal(&w->room);
	pthread_mutex_unlock(&w->lock);
	if (b->jobs >= BATCH_MAX || store_index_waiting(w->s) > INDEX_WAITING_MAX || past(&b->until))
		batch_commit(w, b);
}

static void *writer_main(void *arg)
{
	struct reload_writer *w = arg;
	struct batch b;
	memset(&b, 0, sizeof b);
	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct job *j;
		while (!w->head && !w->stop) {
			int timedout = 0;
			if (b.active && w->drain)
				break;
			w->idle = 1;
			if (b.active)
				timedout = pthread_cond_timedwait(&w->more, &w->lock, &b.until) == ETIMEDOUT;
			else
				pthread_cond_wait(&w->more, &w->lock);
			w->idle = 0;
			if (timedout)
				break;
		}
		if (w->stop)
			break;
		j = w->head;
		if (j) {
			w->head = j->qnext;
			if (!w->head)
				w->tail = NULL;
			j->qnext = NULL;
		}
		pthread_mutex_unlock(&w->lock);
		if (j)
			batch_write(w, &b, j);
		else
			batch_commit(w, &b);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	/* the feeds written are finished (one transaction); those still waiting are not */
	if (b.active)
		batch_commit(w, &b);
	return NULL;
}

/* After each commit of the store thread: a checkpoint is asked for once the WAL has
 * grown CKPT_PAGES since the last ask. */
static void on_wal(void *ctx, int pages)
{
	struct reload_writer *w = ctx;
	if (pages < w->ckpt_mark)
		w->ckpt_mark = 0; /* the WAL started over */
	if (pages < w->ckpt_mark + CKPT_PAGES)
		return;
	w->ckpt_mark = pages;
	pthread_mutex_lock(&w->lock);
	w->ckpt_want = 1;
	pthread_cond_signal(&w->ckpt_more);
	pthread_mutex_unlock(&w->lock);
}

static void *ckpt_main(void *arg)
{
	struct reload_writer *w = arg;
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->ckpt_want && !w->ckpt_stop)
			pthread_cond_wait(&w->ckpt_more, &w->lock);
		if (w->ckpt_stop)
			break;
		w->ckpt_want = 0;
		pthread_mutex_unlock(&w->lock);
		store_checkpoint(w->cs);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* The checkpoint thread, when its connection opens: else the store thread checkpoints
 * for itself, as any connection does. */
static void ckpt_start(struct reload_writer *w, const char *path)
{
	char err[CRIER_ERRSZ];
	if (!(w->cs = store_open(path, err, sizeof err)))
		return;
	pthread_cond_init(&w->ckpt_more, NULL);
	if (pthread_create(&w->ckpt, NULL, ckpt_main, w) != 0) {
		pthread_cond_destroy(&w->ckpt_more);
		store_close(w->cs);
		w->cs = NULL;
		return;
	}
	store_wal_watch(w->s, on_wal, w);
}

static void ckpt_stop(struct reload_writer *w)
{
	if (!w->cs)
		return;
	pthread_mutex_lock(&w->lock);
	w->ckpt_stop = 1;
	pthread_cond_signal(&w->ckpt_more);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->ckpt, NULL);
	pthread_cond_destroy(&w->ckpt_more);
	store_close(w->cs);
	w->cs = NULL;
}

static struct reload_writer *writer_start(struct reload *r)
{
	struct reload_writer *w = xcalloc(1, sizeof *w);
	const char *path = store_path(r->s);
	char err[CRIER_ERRSZ];
	w->r = r;
	w->done_end = &w->done;
	r->w = w;
	/* an in-memory cache cannot be shared with a second connection */
	if (!path || !*path || *path == ':' || strncmp(path, "file:", 5) == 0
	    || !(w->s = store_open(path, err, sizeof err))) {
		w->dead = 1;
		return w;
	}
	pthread_mutex_init(&w->lock, NULL);
	{
		pthread_condattr_t ca;
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&w->more, &ca);
		pthread_condattr_destroy(&ca);
	}
	pthread_cond_init(&w->room, NULL);
	ckpt_start(w, path);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		ckpt_stop(w);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->more);
		pthread_cond_destroy(&w->room);
		store_close(w->s);
		w->s = NULL;
		w->dead = 1;
	}
	return w;
}

/* Whether the store thread is waiting for work: the fetching thread then leaves it the
 * rest of a feed's compression. */
static int writer_idle(struct reload_writer *w)
{
	int idle;
	pthread_mutex_lock(&w->lock);
	idle = w->idle && !w->head;
	pthread_mutex_unlock(&w->lock);
	return idle;
}

/* With the lock held: makes ready one item of the queue's last feed that has any left
 * (the store thread takes the first: the two meet in the middle), the lock let go
 * meanwhile. 1 when an item was made, 0 when none is left to make. */
static int help_one(struct reload *r, struct reload_writer *w)
{
	struct job *j, *prev = NULL, *last = NULL, *last_prev = NULL;
	size_t i;
	for (j = w->head; j; prev = j, j = j->qnext)
		if (j->preps && j->prepped < j->nitems) {
			last = j;
			last_prev = prev;
		}
	if (!last)
		return 0;
	/* out of the queue meanwhile, so the store thread never takes (and frees) it while
	 * it is read here, nor waits for it: that thread may hold the write lock that
	 * making an item can need (the dictionary's training) */
	if (last_prev)
		last_prev->qnext = last->qnext;
	else
		w->head = last->qnext;
	if (w->tail == last)
		w->tail = last_prev;
	last->qnext = NULL;
	i = last->prepped++;
	pthread_mutex_unlock(&w->lock);
	last->preps[i] = store_prep_item(r->s, last->items[i]);
	pthread_mutex_lock(&w->lock);
	/* back, at the end: feeds are independent, their order in the queue is not kept */
	if (w->tail)
		w->tail->qnext = last;
	else
		w->head = last;
	w->tail = last;
	pthread_cond_signal(&w->more);
	return 1;
}

void reload_writer_help(struct reload *r)
{
	struct reload_writer *w = r->w;
	if (!w || w->dead)
		return;
	pthread_mutex_lock(&w->lock);
	while (help_one(r, w))
		;
	pthread_mutex_unlock(&w->lock);
}

int reload_writer_put(struct reload *r, struct job *j, const struct fetch_result *res)
{
	struct reload_writer *w = r->w ? r->w : writer_start(r);
	if (w->dead)
		return -1;
	/* out of the reload's list: from here on the job is the thread's */
	reload_job_unlink(r, j);
	j->detached = 1;
	feed_parser_free(j->parser);
	j->parser = NULL;
	/* The items' compressed text is made on whichever thread has time for it: here
	 * while the store thread is busy, there (store_update_item_prep makes what it is not
	 * given) once it waits for work, so that neither core idles while the other has a
	 * queue. Same bytes either way: both connections compress with the cache's
	 * dictionary. */
	if (j->nitems) {
		size_t i;
		j->preps = xcalloc(j->nitems, sizeof *j->preps);
		for (i = 0; i < j->nitems && !writer_idle(w); i++)
			j->preps[i] = store_prep_item(r->s, j->items[i]);
		j->prepped = i;
	}
	reload_job_keep(j, res);
	w->inflight++;
	pthread_mutex_lock(&w->lock);
	/* a full queue: rather than wait, make ready what the store thread would */
	while (w->bytes > QUEUE_MAX)
		if (!help_one(r, w))
			pthread_cond_wait(&w->room, &w->lock);
	w->bytes += job_bytes(j);
	w->drain = 0; /* more may follow it */
	if (w->tail)
		w->tail->qnext = j;
	else
		w->head = j;
	w->tail = j;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->lock);
	return 0;
}

struct held_list *reload_writer_list(struct reload *r)
{
	return &r->w->cur;
}

size_t reload_writer_collect(struct reload *r)
{
	struct reload_writer *w = r->w;
	struct done_batch *d;
	if (!w || w->dead)
		return 0;
	pthread_mutex_lock(&w->lock);
	d = w->done;
	w->done = NULL;
	w->done_end = &w->done;
	pthread_mutex_unlock(&w->lock);
	while (d) {
		struct done_batch *next = d->next;
		w->inflight -= d->jobs;
		reload_deliver_held(r, &d->list, d->commit_err);
		free(d->list.v);
		free(d->commit_err);
		free(d);
		d = next;
	}
	return w->inflight;
}

void reload_writer_drain(struct reload *r)
{
	struct reload_writer *w = r->w;
	if (!w || w->dead)
		return;
	pthread_mutex_lock(&w->lock);
	w->drain = 1;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->lock);
}

size_t reload_writer_inflight(const struct reload *r)
{
	return r->w && !r->w->dead ? r->w->inflight : 0;
}

void reload_writer_free(struct reload *r)
{
	struct reload_writer *w = r->w;
	struct done_batch *d;
	size_t i;
	if (!w)
		return;
	if (!w->dead) {
		/* the batch being written is finished (it is one transaction); the feeds
		 * still waiting are dropped, nothing of them stored */
		pthread_mutex_lock(&w->lock);
		w->stop = 1;
		pthread_cond_signal(&w->more);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
		ckpt_stop(w); /* no commit is left to check */
		while (w->head) {
			struct job *j = w->head;
			w->head = j->qnext;
			reload_job_free(j);
		}
		for (d = w->done; d;) {
			struct done_batch *next = d->next;
			for (i = 0; i < d->list.n; i++) {
				free(d->list.v[i].url);
				free(d->list.v[i].moved_to);
				free(d->list.v[i].error);
			}
			free(d->list.v);
			free(d->commit_err);
			free(d);
			d = next;
		}
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->more);
		pthread_cond_destroy(&w->room);
		store_close(w->s);
	}
	free(w);
	r->w = NULL;
}
