/* reload_int: what reload.c and its store thread (reload_write.c) share: a feed's job,
 * the reload, the reports held until their transaction is committed. */
#ifndef CRIER_RELOAD_INT_H
#define CRIER_RELOAD_INT_H

#include "crier/reload.h"
#include "crier/discover.h"
#include "crier/feed.h"

/* A feed's end, reported once the transaction holding it is committed. */
struct held_report {
	int64_t feed_id;
	char *url, *moved_to, *error;
	long status, items, new_items;
	int not_modified, discovered;
};
struct held_list {
	struct held_report *v;
	size_t n, cap;
};

struct job {
	struct job *prev, *next; /* the reload's jobs still running */
	struct reload *r;
	int64_t feed_id;
	char *url;        /* as listed */
	char *fetch_url;  /* where it lives now */
	struct feed_parser *parser;
	struct feed_info info;
	int have_info;
	struct feed_item **items;  /* parsed, waiting for the transfer's end ... */
	size_t nitems, cap;
	size_t held;               /* ... and about this many bytes of them */
	int spilled;               /* past SPILL_AT: the items wait in r->stage instead */
	int64_t key;               /* the job's key in r->stage */
	long count;                /* items parsed */
	char *parse_error;
	/* A listed URL may be a web page that names its feed (<link rel="alternate">): the
	 * first bytes decide; a page is kept (its head is what counts) and its feed links
	 * are tried in turn, as follow-up jobs of the same feed. */
	int sniffed;               /* the first bytes were looked at */
	int is_page;
	struct sbuf head;          /* the first bytes, then the page */
	struct discover_link *links; /* a follow-up job: the page's feed links ... */
	size_t nlinks, link_i;     /* ... and the one this job fetches */
	char *page_url;
	/* Handed to the writer thread (reload_write.c): out of r->jobs, its parser done,
	 * its transfer's result copied here. */
	int detached, finished;
	struct store_prep **preps; /* the items' text made ready here, one each */
	size_t prepped;            /* items [0, prepped) were made ready (or are being made)
				    * by the fetching thread while the job waited for the store thread */
	struct job *qnext;
	struct fetch_result res;
	char *res_final_url, *res_etag, *res_last_modified;
	char *res_error;           /* a parked job's failed transfer (reload_park_when_busy) */
};

#define SNIFF_BYTES 512
#define PAGE_MAX (1024 * 1024) /* the feed links are in the head: enough of a page */

/* A feed's parsed items wait in memory up to this size, then on disk (r->stage): memory
 * stays flat however big the feed. Most feeds never get there. */
#define SPILL_AT (1024 * 1024)

struct reload {
	struct store *s;
	struct fetch *f;
	int own_fetch; /* f was made by reload_new, not lent by reload_new_on */
	void (*cb)(void *ctx, const struct reload_feed *res);
	void *ctx;
	struct reload_totals t;
	struct job *jobs;
	int in_poll;   /* inside reload_poll: results may be written as one batch */
	int batch;     /* reload_poll's batch is open (begun by this reload) */
	/* The feeds that ended inside the open batch: reported only once it is committed,
	 * since until then nothing of them is stored. */
	struct held_list held;
	struct store_stage *stage; /* opened at the first spill */
	int64_t next_key;
	struct reload_writer *w; /* the store thread, once started (reload_write.c) */
	/* reload_park_when_busy: the finished jobs whose transaction met another
	 * connection's write lock, oldest first (through qnext), out of jobs */
	int park_busy;
	struct job *parked, *parked_tail;
	size_t nparked, parked_bytes;
};

/* Takes j out of r's list of running jobs. */
void reload_job_unlink(struct reload *r, struct job *j);
void reload_job_free(struct job *j);
/* Keeps a copy of the transfer's result in the job (j->res), for a write after the
 * callback has returned (the store thread's, or a parked job's). */
void reload_job_keep(struct job *j, const struct fetch_result *res);
/* A finished transfer's store writes (redirects, 304, the feed's update), on store s (the
 * reload's, or the writer's own connection), reported through reload_report. */
void reload_job_store(struct reload *r, struct store *s, struct job *j, const struct fetch_result *res);
/* Appends a report to a list (the writer's batch). */
void reload_hold(struct held_list *l, const struct reload_feed *out);

/* The store thread (reload_write.c): 0 when the job was handed over (it then belongs to
 * the thread), -1 when the caller must store it itself. */
int reload_writer_put(struct reload *r, struct job *j, const struct fetch_result *res);
/* Delivers the reports of the batches the thread has committed; returns how many jobs
 * are still with it. */
size_t reload_writer_collect(struct reload *r);
size_t reload_writer_inflight(const struct reload *r);
/* No transfer is left: the store thread commits what it has written instead of
 * waiting for more feeds to share the transaction. */
void reload_writer_drain(struct reload *r);
/* With no transfer left, the fetching thread makes ready the waiting feeds' items (their
 * compressed text and index words) beside the store thread. */
void reload_writer_help(struct reload *r);
/* The list a job stored by the thread is reported into (its current batch). */
struct held_list *reload_writer_list(struct reload *r);
void reload_writer_free(struct reload *r);
/* Reports a batch's feeds (see reload.c deliver_held). */
void reload_deliver_held(struct reload *r, struct held_list *l, const char *commit_err);

#endif
