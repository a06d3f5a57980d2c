/* reload: fetch -> feed parser -> store. The parser takes the bytes as they arrive; the
 * parsed items wait (in memory, or past SPILL_AT in a temporary file) until the transfer
 * has ended well, and are then written in one short transaction, so that a slow server
 * never holds the cache's write lock (the interface writes read marks meanwhile) and a
 * failed transfer changes nothing. */
#include "config.h"
#include "crier/reload.h"
#include "crier/discover.h"
#include "crier/feed.h"
#include "reload_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* A copy of the parser's feed_info and its release, side by side: a field added to
 * struct feed_info is added to both here. */
static void info_copy(struct feed_info *dst, const struct feed_info *src)
{
	dst->title = xstrdup(src->title);
	dst->link = xstrdup(src->link);
	dst->description = xstrdup(src->description);
	dst->language = xstrdup(src->language);
	dst->image = xstrdup(src->image);
	dst->updated = src->updated;
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

void reload_job_unlink(struct reload *r, struct job *j)
{
	if (j->prev)
		j->prev->next = j->next;
	else if (r->jobs == j)
		r->jobs = j->next;
	if (j->next)
		j->next->prev = j->prev;
	j->prev = j->next = NULL;
}

void reload_job_free(struct job *j)
{
	size_t i;
	if (!j)
		return;
	if (!j->detached) /* else the writer's: already out of the list */
		reload_job_unlink(j->r, j);
	feed_parser_free(j->parser);
	if (j->spilled && j->r->stage)
		store_stage_drop(j->r->stage, j->key);
	info_clear(&j->info);
	for (i = 0; i < j->nitems; i++) {
		feed_item_free(j->items[i]);
		if (j->preps)
			store_prep_free(j->preps[i]);
	}
	free(j->items);
	free(j->preps);
	free(j->url);
	free(j->fetch_url);
	free(j->parse_error);
	sbuf_free(&j->head);
	discover_links_free(j->links, j->nlinks);
	free(j->page_url);
	free(j->res_final_url);
	free(j->res_etag);
	free(j->res_last_modified);
	free(j->res_error);
	free(j);
}

void reload_job_keep(struct job *j, const struct fetch_result *res)
{
	j->res_final_url = res->final_url ? xstrdup(res->final_url) : NULL;
	j->res_etag = res->etag ? xstrdup(res->etag) : NULL;
	j->res_last_modified = res->last_modified ? xstrdup(res->last_modified) : NULL;
	j->res_error = res->error ? xstrdup(res->error) : NULL;
	j->res = *res;
	j->res.url = NULL;
	j->res.content_type = NULL;
	j->res.error = j->res_error;
	j->res.final_url = j->res_final_url;
	j->res.etag = j->res_etag;
	j->res.last_modified = j->res_last_modified;
}

void reload_free(struct reload *r)
{
	if (!r)
		return;
	/* Transfers still running are dropped: nothing of them was stored. */
	while (r->jobs) {
		if (!r->own_fetch)
			fetch_cancel(r->f, r->jobs);
		reload_job_free(r->jobs);
	}
	while (r->parked) { /* fetched, never stored (the lock was still held) */
		struct job *j = r->parked;
		r->parked = j->qnext;
		reload_job_free(j);
	}
	reload_writer_free(r);
	if (r->own_fetch)
		fetch_free(r->f);
	store_stage_free(r->stage);
	free(r->held.v);
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
	info_copy(&j->info, f);
	return 0;
}

static size_t item_size(const struct feed_item *it)
{
	size_t n = sizeof *it, i;
	const char *f[] = {it->title, it->link, it->id, it->author, it->summary, it->content};
	for (i = 0; i < sizeof f / sizeof f[0]; i++)
		n += f[i] ? strlen(f[i]) : 0;
	for (i = 0; i < it->ncategories; i++)
		n += strlen(it->categories[i]) + sizeof(char *);
	return n + it->nenclosures * 64 + it->nmedia * 128;
}

/* Moves the items held in memory to the spill area; on failure they stay in memory. */
static int spill(struct job *j)
{
	struct reload *r = j->r;
	size_t i;
	if (!r->stage) {
		char err[CRIER_ERRSZ];
		r->stage = store_stage_new(err, sizeof err);
		if (!r->stage)
			return -1;
	}
	j->key = ++r->next_key;
	for (i = 0; i < j->nitems; i++)
		if (store_stage_put(r->stage, j->key, j->items[i]) != 0) {
			store_stage_drop(r->stage, j->key);
			return -1;
		}
	for (i = 0; i < j->nitems; i++)
		feed_item_free(j->items[i]);
	j->nitems = 0;
	j->held = 0;
	j->spilled = 1;
	return 0;
}

static int on_item(void *ctx, const struct feed_item *it)
{
	struct job *j = ctx;
	j->count++;
	if (j->spilled) {
		if (store_stage_put(j->r->stage, j->key, it) == 0)
			return 0;
		if (!j->parse_error) {
			struct sbuf m = SBUF_INIT;
			sbuf_printf(&m, "%s: cannot write parsed items to a temporary file", j->url);
			j->parse_error = sbuf_steal(&m);
		}
		return -1;
	}
	if (j->nitems == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 32;
		j->items = xrealloc(j->items, j->cap * sizeof *j->items);
	}
	j->items[j->nitems++] = feed_item_dup(it);
	j->held += item_size(it);
	/* When the disk cannot take them, they stay in memory: right, only bigger. */
	if (j->held > SPILL_AT && spill(j) != 0)
		j->held = 0;
	return 0;
}

/* An HTML page, not a feed: after a byte order mark, white space, an XML declaration or
 * comments, "<!DOCTYPE html" or "<html". */
static int looks_like_page(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (;;) {
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (e - p >= 4 && (!memcmp(p, "<!--", 4) || !memcmp(p, "<?", 2))) {
			const char *q = memchr(p + 2, '>', (size_t)(e - p - 2));
			if (!q)
				return 0;
			p = q + 1;
			continue;
		}
		break;
	}
	return (e - p >= 14 && !strncasecmp(p, "<!doctype html", 14)) ||
	       (e - p >= 5 && !strncasecmp(p, "<html", 5));
}

static int parse_bytes(struct job *j, const char *buf, size_t len);

/* The first bytes of a listed URL (not of a page's feed link) decide whether it is a page. */
static int sniff(struct job *j, const char *buf, size_t len, int final)
{
	if (j->links) {
		j->sniffed = 1;
		return parse_bytes(j, buf, len);
	}
	sbuf_add(&j->head, buf, len);
	if (j->head.len < SNIFF_BYTES && !final)
		return 0;
	j->sniffed = 1;
	j->is_page = looks_like_page(sbuf_str(&j->head), j->head.len);
	if (j->is_page)
		return 0;
	{
		struct sbuf h = j->head;
		int rc;
		memset(&j->head, 0, sizeof j->head);
		rc = parse_bytes(j, sbuf_str(&h), h.len);
		sbuf_free(&h);
		return rc;
	}
}

static int job_data(void *user, const char *buf, size_t len)
{
	struct job *j = user;
	if (!j->sniffed)
		return sniff(j, buf, len, 0);
	if (j->is_page) {
		if (j->head.len + len > PAGE_MAX)
			return 0; /* the rest of a long page is not needed */
		sbuf_add(&j->head, buf, len);
		return 0;
	}
	return parse_bytes(j, buf, len);
}

static int parse_bytes(struct job *j, const char *buf, size_t len)
{
	char err[CRIER_ERRSZ];
	if (!j->parser) {
		struct feed_callbacks cb = {j, on_feed, on_item, NULL};
		j->parser = feed_parser_new(j->fetch_url, j->url, &cb);
		if (!j->parser) {
			struct sbuf m = SBUF_INIT;
			sbuf_printf(&m, "%s: the feed parser could not start", j->url);
			j->parse_error = sbuf_steal(&m);
			return 1;
		}
	}
	if (feed_parser_push(j->parser, buf, len, err, sizeof err) != 0) {
		j->parse_error = xstrdup(err);
		return 1;
	}
	return 0;
}

static void deliver(struct reload *r, const struct reload_feed *out)
{
	r->t.done++;
	if (out->error)
		r->t.failed++;
	else if (out->not_modified)
		r->t.not_modified++;
	r->t.new_items += out->new_items;
	if (r->cb)
		r->cb(r->ctx, out);
}

void reload_hold(struct held_list *l, const struct reload_feed *out)
{
	struct held_report *h;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	h = &l->v[l->n++];
	h->feed_id = out->feed_id;
	h->url = xstrdup(out->url);
	h->moved_to = out->moved_to ? xstrdup(out->moved_to) : NULL;
	h->error = out->error ? xstrdup(out->error) : NULL;
	h->status = out->status;
	h->items = out->items;
	h->new_items = out->new_items;
	h->not_modified = out->not_modified;
	h->discovered = out->discovered;
}

static void report(struct reload *r, struct job *j, const struct fetch_result *res,
		   const char *error, const char *moved, long new_items)
{
	struct reload_feed out;
	char *shown = url_hide_password(error); /* a message never shows user:password */
	memset(&out, 0, sizeof out);
	out.feed_id = j->feed_id;
	out.url = j->url;
	out.moved_to = moved;
	out.discovered = moved && j->links && !error;
	out.status = res->status;
	out.not_modified = res->not_modified && !error;
	out.items = j->count;
	out.new_items = new_items;
	out.error = shown;
	if (j->detached)
		reload_hold(reload_writer_list(r), &out);
	else if (!r->batch)
		deliver(r, &out);
	else
		reload_hold(&r->held, &out);
	free(shown);
}

/* Reports the feeds of the batch just ended. When its commit failed (commit_err), none
 * of them was stored: each is reported failed (a feed that had failed anyway keeps its
 * own reason), and its error recorded again on its own, outside the lost batch. */
void reload_deliver_held(struct reload *r, struct held_list *l, const char *commit_err)
{
	size_t i;
	for (i = 0; i < l->n; i++) {
		struct held_report *h = &l->v[i];
		struct reload_feed out;
		struct sbuf m = SBUF_INIT;
		memset(&out, 0, sizeof out);
		out.feed_id = h->feed_id;
		out.url = h->url;
		out.status = h->status;
		out.items = h->items;
		if (commit_err) {
			if (!h->error)
				sbuf_printf(&m, "%s: not stored: %s", h->url, commit_err);
			out.error = h->error ? h->error : m.s;
			store_feed_checked(r->s, h->feed_id, h->status, out.error);
		} else {
			out.moved_to = h->moved_to;
			out.discovered = h->discovered;
			out.not_modified = h->not_modified;
			out.new_items = h->new_items;
			out.error = h->error;
		}
		deliver(r, &out);
		sbuf_free(&m);
		free(h->url);
		free(h->moved_to);
		free(h->error);
	}
	l->n = 0;
}

static void job_done(void *user, const struct fetch_result *res);

/* Queues a job of the same feed for the page's feed link i (taking links). 0, or -1 with
 * err (then links are freed). */
static int follow_link(struct reload *r, const struct job *page, struct discover_link *links,
		       size_t n, size_t i, char *err, size_t errsz)
{
	struct job *j = xcalloc(1, sizeof *j);
	struct fetch_request req;
	j->r = r;
	j->feed_id = page->feed_id;
	j->url = xstrdup(page->url);
	j->page_url = xstrdup(page->page_url ? page->page_url : page->fetch_url);
	j->fetch_url = xstrdup(links[i].url);
	j->links = links;
	j->nlinks = n;
	j->link_i = i;
	memset(&req, 0, sizeof req);
	req.url = j->fetch_url;
	req.on_data = job_data;
	req.on_done = job_done;
	req.user = j;
	if (fetch_add(r->f, &req, err, errsz) != 0) {
		reload_job_free(j);
		return -1;
	}
	j->next = r->jobs;
	if (r->jobs)
		r->jobs->prev = j;
	r->jobs = j;
	return 0;
}

/* A listed URL gave a web page: its first feed link is fetched in its place. 0 when a
 * follow-up job runs, else -1 with err. */
static int page_found(struct reload *r, struct job *j, const struct fetch_result *res,
		      char *err, size_t errsz)
{
	struct discover_link *links = NULL;
	const char *at = res->final_url ? res->final_url : j->fetch_url;
	size_t n = discover_feed_links(sbuf_str(&j->head), j->head.len, at, &links);
	if (!n) {
		err_set(err, errsz, "%s: a web page, not an RSS or Atom feed, and no <link rel=\"alternate\"> "
			"on it names one", j->url);
		return -1;
	}
	free(j->page_url);
	j->page_url = xstrdup(at);
	if (follow_link(r, j, links, n, 0, err, errsz) != 0)
		return -1;
	return 0;
}

/* A page's feed link failed: the next one is tried, else the error names both. */
static int next_link(struct reload *r, struct job *j, const char *why, char *err, size_t errsz)
{
	struct discover_link *links = j->links;
	size_t n = j->nlinks, i = j->link_i + 1;
	if (i < n) {
		j->links = NULL; /* handed on */
		j->nlinks = 0;
		if (follow_link(r, j, links, n, i, err, errsz) == 0)
			return 0;
	}
	err_set(err, errsz, "%s is a web page; its feed link %s: %s", j->url, j->fetch_url, why);
	return -1;
}

/* Whether a transfer that ended well goes to the store thread: a feed parsed in
 * memory, inside reload_poll, with no batch of the reload's own open (the thread
 * would wait for its lock). Pages, their feed links, 304s and failures are written
 * here: they cost little. Only a reload with its own fetcher (-x reload) uses it: a
 * caller sharing its fetcher (the interface) loops while its transfers run, and is
 * told of each feed within the poll that ended it. */
static int for_writer(struct reload *r, struct job *j, const struct fetch_result *res)
{
	return r->own_fetch && r->in_poll && !r->batch && !store_in_batch(r->s) && !res->error && !res->not_modified
		&& !j->parse_error && !j->is_page && !j->links && !j->spilled;
}

/* The parse of a transfer that ended well is finished now (its items complete, the parser
 * freed); a failure is kept as the job's parse error. */
static void finish_parse(struct job *j)
{
	char err[CRIER_ERRSZ];
	if (!j->parser) {
		struct feed_callbacks cb = {j, on_feed, on_item, NULL};
		j->parser = feed_parser_new(j->fetch_url, j->url, &cb);
	}
	j->finished = 1;
	if (!j->parser || feed_parser_finish(j->parser, err, sizeof err) != 0) {
		if (!j->parser)
			err_set(err, sizeof err, "%s: the feed parser could not start", j->url);
		free(j->parse_error);
		j->parse_error = xstrdup(err);
	}
	feed_parser_free(j->parser);
	j->parser = NULL;
}

/* A finished transfer whose transaction met another connection's write lock (with
 * reload_park_when_busy): out of the running jobs, its parse finished and its result
 * kept, it waits for reload_poll to try again while the other transfers go on. Its
 * items stay in memory up to PARKED_MAX for all parked jobs, then go to the spill file. */
#define PARKED_MAX (8 * 1024 * 1024)
static void park(struct reload *r, struct job *j, const struct fetch_result *res)
{
	reload_job_unlink(r, j);
	j->qnext = NULL;
	if (!res->error && !res->not_modified && !j->is_page && !j->parse_error && !j->finished)
		finish_parse(j);
	if (r->parked_bytes + j->held > PARKED_MAX && j->nitems && !j->spilled)
		spill(j);
	r->parked_bytes += j->held + j->head.len;
	reload_job_keep(j, res);
	if (r->parked_tail)
		r->parked_tail->qnext = j;
	else
		r->parked = j;
	r->parked_tail = j;
	r->nparked++;
}

static void job_write(struct reload *r, struct job *j, const struct fetch_result *res);

static void job_done(void *user, const struct fetch_result *res)
{
	struct job *j = user;
	struct reload *r = j->r;

	if (!res->error && !res->not_modified && !j->sniffed)
		sniff(j, "", 0, 1); /* a body shorter than the sniff */
	/* The parse is finished here (it may spill), and the feed handed to the store
	 * thread, which writes while this thread goes on with the transfers. */
	if (for_writer(r, j, res)) {
		finish_parse(j);
		if (!j->parse_error && !j->spilled && reload_writer_put(r, j, res) == 0)
			return;
	}

	/* Transfers that end in the same poll are written in one transaction (begun here,
	 * after the waiting, committed by reload_poll, which then reports them), so 500 feeds
	 * answering 304 cost one commit, not 500. A caller polling the fetcher itself
	 * (fetch_poll) gets no batch: each feed is its own transaction, reported at once. */
	if (r->in_poll && !r->batch && !store_in_batch(r->s)) {
		if (store_batch_begin(r->s, NULL, 0) == 0) {
			r->batch = 1;
		} else if (r->park_busy && store_last_busy(r->s)) {
			park(r, j, res);
			return;
		}
	}
	job_write(r, j, res);
}

/* A finished transfer's writes (in the batch when one is open), then its end. */
static void job_write(struct reload *r, struct job *j, const struct fetch_result *res)
{
	char err[CRIER_ERRSZ];

	if (j->is_page && !res->error) {
		if (page_found(r, j, res, err, sizeof err) != 0) {
			store_feed_checked(r->s, j->feed_id, res->status, err);
			report(r, j, res, err, NULL, 0);
		}
		goto out;
	}
	if (res->error || j->parse_error) {
		const char *why = j->parse_error ? j->parse_error : res->error;
		if (j->links) {
			if (next_link(r, j, why, err, sizeof err) == 0)
				goto out;
			why = err;
		}
		store_feed_checked(r->s, j->feed_id, res->status, why);
		report(r, j, res, why, NULL, 0);
		goto out;
	}
	reload_job_store(r, r->s, j, res);
out:
	reload_job_free(j);
}

void reload_job_store(struct reload *r, struct store *s, struct job *j, const struct fetch_result *res)
{
	char err[CRIER_ERRSZ];
	struct store_update *u;
	const char *moved = NULL;
	struct sbuf pending = SBUF_INIT; /* a permanent redirect not followed yet */
	long new_items = 0;
	size_t i;

	/* One 301 may be a mistake or a hijacked answer: the feed moves for good only when
	 * the same permanent redirect is seen on RELOAD_MOVE_AFTER reloads in a row; until
	 * then the error view says so. The feed a listed page names is fetched in the
	 * page's place from now on, as after a move. */
	if (j->links) {
		moved = res->final_url ? res->final_url : j->fetch_url;
	} else if (res->permanent_redirect && res->final_url && strcmp(res->final_url, j->url) != 0) {
		int seen = store_feed_redirect_seen(s, j->feed_id, res->final_url);
		if (seen >= RELOAD_MOVE_AFTER) {
			moved = res->final_url; /* reset once the move is committed */
		} else if (seen > 0) {
			char *to = url_hide_password(res->final_url);
			sbuf_printf(&pending, "%s: moved permanently to %s (seen on %d of %d reloads in a "
				    "row; the feed moves after %d)", j->url, to, seen, RELOAD_MOVE_AFTER,
				    RELOAD_MOVE_AFTER);
			free(to);
		}
	} else {
		store_feed_redirect_seen(s, j->feed_id, NULL);
	}
	if (res->not_modified) {
		if (moved && store_feed_move(s, j->feed_id, moved) != 0)
			moved = NULL;
		store_feed_checked(s, j->feed_id, res->status, pending.len ? pending.s : NULL);
		report(r, j, res, NULL, moved, 0);
		goto out;
	}
	if (!j->finished && !j->parser) {
		struct feed_callbacks cb = {j, on_feed, on_item, NULL};
		j->parser = feed_parser_new(j->fetch_url, j->url, &cb);
	}
	if (!j->finished && (!j->parser || feed_parser_finish(j->parser, err, sizeof err) != 0)) {
		if (!j->parser)
			err_set(err, sizeof err, "%s: the feed parser could not start", j->url);
		if (j->links) {
			char why[CRIER_ERRSZ];
			memcpy(why, err, sizeof why);
			if (next_link(r, j, why, err, sizeof err) == 0)
				goto out;
		}
		store_feed_checked(s, j->feed_id, res->status, err);
		report(r, j, res, err, NULL, 0);
		goto out;
	}
	u = store_update_begin(s, j->feed_id, err, sizeof err);
	if (!u) {
		report(r, j, res, err, NULL, 0);
		goto out;
	}
	if (j->have_info)
		store_update_info(u, &j->info);
	/* Last first: items without a date then list in the feed's own order. */
	for (i = j->nitems; i-- > 0;) {
		int is_new = 0;
		if (store_update_item_prep(u, j->items[i], j->preps ? j->preps[i] : NULL, &is_new) != 0)
			break;
		new_items += is_new;
	}
	/* Spilled items (then none are in memory), last first as well. */
	if (j->spilled && store_stage_apply(r->stage, j->key, u, &new_items) != 0) {
		err_set(err, sizeof err, "%s: cannot read back the parsed items", j->url);
		store_update_fail(u, res->status, err);
		report(r, j, res, err, NULL, 0);
		goto out;
	}
	if (store_update_commit(u, moved, res->etag, res->last_modified, res->status, err, sizeof err) != 0) {
		store_feed_checked(s, j->feed_id, res->status, err);
		report(r, j, res, err, NULL, 0);
		goto out;
	}
	if (moved && !j->links)
		store_feed_redirect_seen(s, j->feed_id, NULL);
	if (pending.len)
		store_feed_checked(s, j->feed_id, res->status, pending.s);
	report(r, j, res, NULL, moved, new_items);
out:
	sbuf_free(&pending);
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
		reload_job_free(j);
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

/* The parked jobs are written once a transaction begins (the store's busy handler says
 * how long that may wait), in the poll's batch; while the lock is held they wait on. */
static void unpark(struct reload *r)
{
	if (!r->parked)
		return;
	if (!r->batch) {
		if (store_in_batch(r->s))
			return; /* the caller's transaction: not ours to write in */
		if (store_batch_begin(r->s, NULL, 0) == 0)
			r->batch = 1;
		else if (store_last_busy(r->s))
			return;
	}
	r->parked_bytes = 0;
	while (r->parked) {
		struct job *j = r->parked;
		r->parked = j->qnext;
		j->qnext = NULL;
		r->nparked--;
		job_write(r, j, &j->res);
	}
	r->parked_tail = NULL;
}

void reload_park_when_busy(struct reload *r, int on)
{
	r->park_busy = on;
}

size_t reload_parked(const struct reload *r, void (*each)(void *ctx, const char *url), void *ctx)
{
	const struct job *j;
	if (each)
		for (j = r->parked; j; j = j->qnext)
			each(ctx, j->url);
	return r->nparked;
}

int reload_poll(struct reload *r, int extra_fd, int timeout_ms)
{
	char err[CRIER_ERRSZ];
	int rc, failed = 0, saved;
	r->in_poll = 1;
	/* the store thread wakes the fetcher when it has committed; with no transfer left
	 * (the wait may then be on extra_fd alone) look again soon */
	if (reload_writer_inflight(r) && fetch_pending(r->f) == 0) {
		reload_writer_drain(r);
		reload_writer_help(r);
		if (timeout_ms > 20)
			timeout_ms = 20;
	}
	rc = fetch_poll(r->f, extra_fd, timeout_ms);
	saved = errno; /* the caller reads it when rc < 0 (EINTR) */
	unpark(r);
	r->in_poll = 0;
	if (r->batch) {
		r->batch = 0;
		failed = store_batch_commit(r->s, err, sizeof err) != 0;
	}
	reload_deliver_held(r, &r->held, failed ? err : NULL);
	reload_writer_collect(r);
	errno = saved;
	return rc;
}

int reload_poll_shared(struct reload *r, struct fetch *f, int extra_fd, int timeout_ms)
{
	if (r && r->f == f)
		return reload_poll(r, extra_fd, timeout_ms);
	return fetch_poll(f, extra_fd, timeout_ms);
}

size_t reload_pending(const struct reload *r)
{
	size_t n = reload_writer_inflight(r) + r->nparked;
	const struct job *j;
	for (j = r->jobs; j; j = j->next)
		n++;
	return n;
}

void reload_get_totals(const struct reload *r, struct reload_totals *t)
{
	*t = r->t;
}
