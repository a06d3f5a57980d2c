/* reload: a feed's bytes go into the push parser as they arrive; its items are kept in
 * memory until the transfer ends, then written in one store transaction. Keeping the
 * write at the end means two feeds in flight never share a transaction. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/reload.h"
#include "crier/store.h"

struct reload_job {
	struct reload *r;
	struct reload_job *prev, *next; /* the jobs still running */
	int64_t feed_id;
	char *url;
	struct feed_parser *parser;
	struct feed_info info;
	int have_info;
	struct feed_item **items;
	size_t nitems, cap;
	char err[CRIER_ERRSZ];
	int failed;
};

struct reload {
	struct store *store;
	struct fetch *fetch;
	void (*on_done)(void *ctx, const struct reload_result *r);
	void *ctx;
	size_t total, done, failed, pending;
	struct reload_job *jobs;
};

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

static int job_on_feed(void *ctx, const struct feed_info *f)
{
	struct reload_job *j = ctx;
	if (j->have_info)
		return 0;
	j->info.title = dup_or_null(f->title);
	j->info.link = dup_or_null(f->link);
	j->info.description = dup_or_null(f->description);
	j->info.language = dup_or_null(f->language);
	j->info.image = dup_or_null(f->image);
	j->info.updated = f->updated;
	j->have_info = 1;
	return 0;
}

static int job_on_item(void *ctx, const struct feed_item *it)
{
	struct reload_job *j = ctx;
	if (j->nitems == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 32;
		j->items = xrealloc(j->items, j->cap * sizeof *j->items);
	}
	j->items[j->nitems++] = feed_item_dup(it);
	return 0;
}

static int job_on_data(void *user, const char *buf, size_t len)
{
	struct reload_job *j = user;
	if (j->failed)
		return 1;
	if (!j->parser) {
		struct feed_callbacks cb = {j, job_on_feed, job_on_item, NULL};
		j->parser = feed_parser_new(j->url, j->url, &cb);
		if (!j->parser) {
			err_set(j->err, sizeof j->err, "%s: cannot start the feed parser", j->url);
			j->failed = 1;
			return 1;
		}
	}
	if (feed_parser_push(j->parser, buf, len, j->err, sizeof j->err) < 0) {
		j->failed = 1;
		return 1;
	}
	return 0;
}

static void job_free(struct reload_job *j)
{
	if (j->prev)
		j->prev->next = j->next;
	else if (j->r->jobs == j)
		j->r->jobs = j->next;
	if (j->next)
		j->next->prev = j->prev;
	if (j->parser)
		feed_parser_free(j->parser);
	for (size_t i = 0; i < j->nitems; i++)
		feed_item_free(j->items[i]);
	free(j->items);
	free(j->info.title);
	free(j->info.link);
	free(j->info.description);
	free(j->info.language);
	free(j->info.image);
	free(j->url);
	free(j);
}

static void job_on_done(void *user, const struct fetch_result *res)
{
	struct reload_job *j = user;
	struct reload *r = j->r;
	struct reload_result out = {0};
	out.feed_id = j->feed_id;
	out.url = j->url;
	out.status = res->status;
	out.not_modified = res->not_modified;

	const char *error = NULL;
	if (j->failed)
		error = j->err;
	else if (res->error)
		error = res->error;
	else if (!res->not_modified) {
		if (!j->parser)
			job_on_data(j, "", 0);
		if (!j->failed && feed_parser_finish(j->parser, j->err, sizeof j->err) < 0)
			j->failed = 1;
		if (j->failed)
			error = j->err;
	}

	if (error) {
		store_feed_checked(r->store, j->feed_id, res->status, error);
	} else if (res->not_modified) {
		store_feed_checked(r->store, j->feed_id, res->status, NULL);
	} else {
		char err[CRIER_ERRSZ] = "";
		struct store_update *u = store_update_begin(r->store, j->feed_id, err, sizeof err);
		int ok = u != NULL;
		if (ok && j->have_info && store_update_info(u, &j->info) < 0)
			ok = 0;
		for (size_t i = 0; ok && i < j->nitems; i++) {
			int is_new = 0;
			if (store_update_item(u, j->items[i], &is_new) < 0)
				ok = 0;
			out.new_items += is_new;
		}
		out.items = (long)j->nitems;
		if (ok) {
			const char *new_url = res->permanent_redirect ? res->final_url : NULL;
			if (store_update_commit(u, new_url, res->etag, res->last_modified, res->status,
						err, sizeof err) < 0) {
				ok = 0;
			}
			u = NULL;
			out.new_url = new_url;
		}
		if (!ok) {
			if (!err[0])
				err_set(err, sizeof err, "%s: cannot store the feed", j->url);
			if (u)
				store_update_fail(u, res->status, err);
			else
				store_feed_checked(r->store, j->feed_id, res->status, err);
			snprintf(j->err, sizeof j->err, "%s", err);
			error = j->err;
			out.new_items = 0;
		}
	}
	out.error = error;
	r->done++;
	r->pending--;
	if (error)
		r->failed++;
	if (r->on_done)
		r->on_done(r->ctx, &out);
	job_free(j);
}

struct reload *reload_new(struct store *s, struct fetch *f,
			  void (*on_feed_done)(void *ctx, const struct reload_result *r), void *ctx)
{
	struct reload *r = xcalloc(1, sizeof *r);
	r->store = s;
	r->fetch = f;
	r->on_done = on_feed_done;
	r->ctx = ctx;
	return r;
}

int reload_add(struct reload *r, const struct store_feed *feed, char *err, size_t errsz)
{
	struct reload_job *j = xcalloc(1, sizeof *j);
	j->r = r;
	j->feed_id = feed->id;
	/* after a permanent redirect the feed lives at its new location */
	const char *url = feed->location && *feed->location ? feed->location : feed->url;
	j->url = xstrdup(url);
	struct fetch_request req = {0};
	req.url = url;
	req.etag = feed->etag;
	req.last_modified = feed->last_modified;
	req.allow_file = strncasecmp(feed->url, "file:", 5) == 0;
	req.on_data = job_on_data;
	req.on_done = job_on_done;
	req.user = j;
	if (fetch_add(r->fetch, &req, err, errsz) < 0) {
		job_free(j);
		return -1;
	}
	r->total++;
	r->pending++;
	j->next = r->jobs;
	if (r->jobs)
		r->jobs->prev = j;
	r->jobs = j;
	return 0;
}

void reload_progress(const struct reload *r, size_t *done, size_t *total, size_t *failed)
{
	if (done)
		*done = r->done;
	if (total)
		*total = r->total;
	if (failed)
		*failed = r->failed;
}

size_t reload_pending(const struct reload *r)
{
	return r->pending;
}

void reload_free(struct reload *r)
{
	if (!r)
		return;
	while (r->jobs)
		job_free(r->jobs);
	free(r);
}
