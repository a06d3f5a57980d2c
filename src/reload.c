/* reload: fetch -> feed parser -> store. The parser takes the bytes as they arrive; the
 * parsed items wait in memory until the transfer has ended well, and are then written in
 * one short transaction, so that a slow server never holds the cache's write lock
 * (the interface writes read marks meanwhile) and a failed transfer changes nothing. */
#include "config.h"
#include "crier/reload.h"
#include "crier/feed.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct job {
	struct job *prev, *next; /* the reload's jobs still running */
	struct reload *r;
	int64_t feed_id;
	char *url;        /* as listed */
	char *fetch_url;  /* where it lives now */
	struct feed_parser *parser;
	struct feed_info info;
	int have_info;
	struct feed_item **items;
	size_t nitems, cap;
	char *parse_error;
};

struct reload {
	struct store *s;
	struct fetch *f;
	int own_fetch; /* f was made by reload_new, not lent by reload_new_on */
	void (*cb)(void *ctx, const struct reload_feed *res);
	void *ctx;
	struct reload_totals t;
	struct job *jobs;
	int in_poll;   /* inside reload_poll: results may be written as one batch */
};

static int sync_feeds(struct store *s, const struct urls *u, char *err, size_t errsz)
{
	struct store_feed *fs;
	size_t n, i, j;
	for (i = 0; i < u->n; i++) {
		struct sbuf tags = SBUF_INIT;
		int64_t id;
		for (j = 0; j < u->v[i].ntags; j++) {
			if (j)
				sbuf_addc(&tags, ' ');
			sbuf_adds(&tags, u->v[i].tags[j]);
		}
		/* "" clears a title or tags the urls file no longer gives. */
		if (store_feed_ensure(s, u->v[i].url, u->v[i].title ? u->v[i].title : "",
				      sbuf_str(&tags), &id, err, errsz) != 0) {
			sbuf_free(&tags);
			return -1;
		}
		sbuf_free(&tags);
	}
	if (store_feeds(s, &fs, &n, err, errsz) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (urls_find(u, fs[i].url) < 0)
			store_feed_remove(s, fs[i].id);
	store_feeds_free(fs, n);
	return 0;
}

int reload_sync(struct store *s, const struct urls *u, char *err, size_t errsz)
{
	/* One transaction for the whole list, unless the caller already has one open. */
	int batch = !store_in_batch(s) && store_batch_begin(s, err, errsz) == 0;
	int rc = sync_feeds(s, u, err, errsz);
	if (batch && store_batch_commit(s, rc == 0 ? err : NULL, rc == 0 ? errsz : 0) != 0)
		rc = -1;
	return rc;
}

struct reload *reload_new(struct store *s, const struct fetch_limits *lim, char *err, size_t errsz)
{
	struct reload *r = xcalloc(1, sizeof *r);
	r->s = s;
	r->f = fetch_new(lim, err, errsz);
	if (!r->f) {
		free(r);
		return NULL;
	}
	r->own_fetch = 1;
	return r;
}

struct reload *reload_new_on(struct store *s, struct fetch *f)
{
	struct reload *r = xcalloc(1, sizeof *r);
	r->s = s;
	r->f = f;
	return r;
}

static void info_clear(struct feed_info *i)
{
	free(i->title);
	free(i->link);
	free(i->description);
	free(i->language);
	free(i->image);
	memset(i, 0, sizeof *i);
}

static void job_free(struct job *j)
{
	size_t i;
	if (!j)
		return;
	if (j->prev)
		j->prev->next = j->next;
	else if (j->r->jobs == j)
		j->r->jobs = j->next;
	if (j->next)
		j->next->prev = j->prev;
	feed_parser_free(j->parser);
	info_clear(&j->info);
	for (i = 0; i < j->nitems; i++)
		feed_item_free(j->items[i]);
	free(j->items);
	free(j->url);
	free(j->fetch_url);
	free(j->parse_error);
	free(j);
}

void reload_free(struct reload *r)
{
	if (!r)
		return;
	/* Transfers still running are dropped: nothing of them was stored. */
	while (r->jobs) {
		if (!r->own_fetch)
			fetch_cancel(r->f, r->jobs);
		job_free(r->jobs);
	}
	if (r->own_fetch)
		fetch_free(r->f);
	free(r);
}

void reload_abandon(struct reload *r)
{
	if (!r)
		return;
	while (r->jobs)
		job_free(r->jobs);
	if (r->own_fetch)
		fetch_free(r->f);
	free(r);
}

void reload_on_feed(struct reload *r, void (*cb)(void *ctx, const struct reload_feed *res), void *ctx)
{
	r->cb = cb;
	r->ctx = ctx;
}

static int on_feed(void *ctx, const struct feed_info *f)
{
	struct job *j = ctx;
	if (j->have_info)
		return 0;
	j->have_info = 1;
	j->info.title = xstrdup(f->title);
	j->info.link = xstrdup(f->link);
	j->info.description = xstrdup(f->description);
	j->info.language = xstrdup(f->language);
	j->info.image = xstrdup(f->image);
	j->info.updated = f->updated;
	return 0;
}

static int on_item(void *ctx, const struct feed_item *it)
{
	struct job *j = ctx;
	if (j->nitems == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 32;
		j->items = xrealloc(j->items, j->cap * sizeof *j->items);
	}
	j->items[j->nitems++] = feed_item_dup(it);
	return 0;
}

static int job_data(void *user, const char *buf, size_t len)
{
	struct job *j = user;
	char err[CRIER_ERRSZ];
	if (!j->parser) {
		struct feed_callbacks cb = {j, on_feed, on_item, NULL};
		j->parser = feed_parser_new(j->fetch_url, j->url, &cb);
		if (!j->parser) {
			j->parse_error = xstrdup("the feed parser could not start");
			return 1;
		}
	}
	if (feed_parser_push(j->parser, buf, len, err, sizeof err) != 0) {
		j->parse_error = xstrdup(err);
		return 1;
	}
	return 0;
}

static void report(struct reload *r, struct job *j, const struct fetch_result *res,
		   const char *error, const char *moved, long new_items)
{
	struct reload_feed out;
	memset(&out, 0, sizeof out);
	out.feed_id = j->feed_id;
	out.url = j->url;
	out.moved_to = moved;
	out.status = res->status;
	out.not_modified = res->not_modified && !error;
	out.items = (long)j->nitems;
	out.new_items = new_items;
	out.error = error;
	r->t.done++;
	if (error)
		r->t.failed++;
	else if (out.not_modified)
		r->t.not_modified++;
	r->t.new_items += new_items;
	if (r->cb)
		r->cb(r->ctx, &out);
}

static void job_done(void *user, const struct fetch_result *res)
{
	struct job *j = user;
	struct reload *r = j->r;
	char err[CRIER_ERRSZ];
	struct store_update *u;
	const char *moved = NULL;
	long new_items = 0;
	size_t i;

	/* Transfers that end in the same poll are written in one transaction (begun here,
	 * after the waiting, committed by reload_poll), so 500 feeds answering 304 cost one
	 * commit, not 500. A lent fetcher's caller polls itself: no batch then. */
	if (r->in_poll && !store_in_batch(r->s))
		store_batch_begin(r->s, NULL, 0);

	if (res->error || j->parse_error) {
		const char *why = j->parse_error ? j->parse_error : res->error;
		store_feed_checked(r->s, j->feed_id, res->status, why);
		report(r, j, res, why, NULL, 0);
		goto out;
	}
	if (res->not_modified) {
		store_feed_checked(r->s, j->feed_id, res->status, NULL);
		report(r, j, res, NULL, NULL, 0);
		goto out;
	}
	if (!j->parser) {
		struct feed_callbacks cb = {j, on_feed, on_item, NULL};
		j->parser = feed_parser_new(j->fetch_url, j->url, &cb);
	}
	if (!j->parser || feed_parser_finish(j->parser, err, sizeof err) != 0) {
		if (!j->parser)
			err_set(err, sizeof err, "%s: the feed parser could not start", j->url);
		store_feed_checked(r->s, j->feed_id, res->status, err);
		report(r, j, res, err, NULL, 0);
		goto out;
	}
	if (res->permanent_redirect && res->final_url && strcmp(res->final_url, j->url) != 0)
		moved = res->final_url;
	u = store_update_begin(r->s, j->feed_id, err, sizeof err);
	if (!u) {
		report(r, j, res, err, NULL, 0);
		goto out;
	}
	if (j->have_info)
		store_update_info(u, &j->info);
	/* Last first: items without a date then list in the feed's own order. */
	for (i = j->nitems; i-- > 0;) {
		int is_new = 0;
		if (store_update_item(u, j->items[i], &is_new) != 0)
			break;
		new_items += is_new;
	}
	if (store_update_commit(u, moved, res->etag, res->last_modified, res->status, err, sizeof err) != 0) {
		store_feed_checked(r->s, j->feed_id, res->status, err);
		report(r, j, res, err, NULL, 0);
		goto out;
	}
	report(r, j, res, NULL, moved, new_items);
out:
	job_free(j);
}

int reload_add(struct reload *r, const struct store_feed *f, char *err, size_t errsz)
{
	struct job *j = xcalloc(1, sizeof *j);
	struct fetch_request req;
	j->r = r;
	j->feed_id = f->id;
	j->url = xstrdup(f->url);
	/* A stored location came from a permanent redirect, so it is http(s). */
	j->fetch_url = xstrdup(f->location && url_is_http(f->location) ? f->location : f->url);
	memset(&req, 0, sizeof req);
	req.url = j->fetch_url;
	req.etag = f->etag;
	req.last_modified = f->last_modified;
	req.allow_file = strncasecmp(f->url, "file://", 7) == 0 && strcmp(j->fetch_url, f->url) == 0;
	req.on_data = job_data;
	req.on_done = job_done;
	req.user = j;
	if (fetch_add(r->f, &req, err, errsz) != 0) {
		store_feed_checked(r->s, f->id, 0, err);
		job_free(j);
		r->t.feeds++;
		r->t.done++;
		r->t.failed++;
		return -1;
	}
	j->next = r->jobs;
	if (r->jobs)
		r->jobs->prev = j;
	r->jobs = j;
	r->t.feeds++;
	return 0;
}

int reload_poll(struct reload *r, int extra_fd, int timeout_ms)
{
	int rc;
	r->in_poll = 1;
	rc = fetch_poll(r->f, extra_fd, timeout_ms);
	r->in_poll = 0;
	store_batch_commit(r->s, NULL, 0);
	return rc;
}

size_t reload_pending(const struct reload *r)
{
	size_t n = 0;
	const struct job *j;
	for (j = r->jobs; j; j = j->next)
		n++;
	return n;
}

void reload_get_totals(const struct reload *r, struct reload_totals *t)
{
	*t = r->t;
}
