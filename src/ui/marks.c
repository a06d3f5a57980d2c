/* marks: the read marks and flags of the reader's keys, never waited for. A key's write
 * waits a moment for the cache's write lock (MARKS_WAIT_MS); when another program holds
 * it longer the mark is kept here, shown in the list as made, said on the status line,
 * and tried again by the loop until the cache takes it; quitting tries once more with
 * the cache's normal wait and names on stderr whatever is still not saved. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crier/feed.h"
#include "crier/store.h"
#include "crier/util.h"
#include "ui/app.h"

/* Writes that wait between tries in the loop: often enough that a mark lands soon after
 * the lock is let go, never blocking (the tries wait 0 ms for the lock). */
#define MARKS_RETRY_MS 500

struct mark {
	enum mark_kind kind;
	int64_t id;     /* the story (MARK_READ, MARK_FLAG) */
	int value;      /* MARK_READ: unread wanted; MARK_FLAG: flagged wanted */
	int was;        /* what the cache had when the mark was first kept */
	char *title;    /* the story's title, when known: for the message at quit */
	char *url;      /* MARK_LINK: the stories linking here are read */
	int done;       /* written in the transaction being tried */
	int mine;       /* the key's own mark, in marks_write: its outcome is asked */
	int64_t feed_id; /* the story's feed, once looked up (feed_known) */
	int feed_known;
};

static double ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

static void mark_free(struct mark *m)
{
	free(m->title);
	free(m->url);
}

static void marks_drop(struct app *a, size_t i)
{
	mark_free(&a->marks[i]);
	memmove(&a->marks[i], &a->marks[i + 1], (a->nmarks - i - 1) * sizeof *a->marks);
	a->nmarks--;
}

/* Keeps a mark; a later mark of the same story and kind replaces the earlier, and one
 * that brings back what the cache has is no write at all. */
static struct mark *marks_keep(struct app *a, enum mark_kind kind, int64_t id, int value,
			       int was, const char *title, const char *url)
{
	for (size_t i = 0; i < a->nmarks; i++) {
		struct mark *m = &a->marks[i];
		if (m->kind != kind || (kind == MARK_LINK ? strcmp(m->url, url) != 0 : m->id != id))
			continue;
		m->value = value;
		if (kind != MARK_LINK && m->value == m->was) {
			marks_drop(a, i);
			return NULL;
		}
		return m;
	}
	if (kind != MARK_LINK && value == was)
		return NULL;
	a->marks = xrealloc(a->marks, (a->nmarks + 1) * sizeof *a->marks);
	struct mark *m = &a->marks[a->nmarks++];
	m->kind = kind;
	m->id = id;
	m->value = value;
	m->was = was;
	m->title = title ? xstrdup(title) : NULL;
	m->url = url ? xstrdup(url) : NULL;
	m->done = m->mine = 0;
	m->feed_id = 0;
	m->feed_known = 0;
	a->dirty = 1;
	return m;
}

static int mark_apply(struct app *a, const struct mark *m)
{
	switch (m->kind) {
	case MARK_READ: return store_mark_read(a->store, m->id, !m->value);
	case MARK_FLAG: return store_mark_flag(a->store, m->id, m->value);
	case MARK_LINK: return store_mark_read_link(a->store, m->url) < 0 ? -1 : 0;
	}
	return -1;
}

/* "the read mark of "Title"" */
static void mark_describe(struct app *a, const struct mark *m, struct sbuf *b)
{
	const char *what = m->kind == MARK_FLAG ? (m->value ? "the flag" : "the flag's removal")
		: m->kind == MARK_LINK ? "the read mark" : m->value ? "the unread mark" : "the read mark";
	/* printed at quit, after endwin: text from the network goes through clean_dup, so
	 * a hostile title cannot send escapes to the terminal; a URL never shows a password */
	if (m->kind == MARK_LINK) {
		char *hidden = url_hide_password(m->url), *url = clean_dup(hidden);
		sbuf_printf(b, "%s of the story at %s", what, url);
		free(url);
		free(hidden);
		return;
	}
	char *title = m->title ? clean_dup(m->title) : NULL;
	if (!title) {
		struct feed_item *it = store_item(a->store, m->id);
		if (it && it->title)
			title = clean_dup(it->title);
		if (it)
			feed_item_free(it);
	}
	if (title)
		sbuf_printf(b, "%s of \"%s\"", what, title);
	else
		sbuf_printf(b, "%s of story %lld", what, (long long)m->id);
	free(title);
}

/* Writes every kept mark in one transaction, waiting wait_ms for the lock (-1: the
 * cache's normal wait). Returns how many are still kept (the lock was not had). A mark
 * the cache refuses for another reason (read-only, damaged) is dropped and said: in the
 * error view, or in *refused when the caller reports it itself. *mine (when asked) is
 * the outcome of the mark flagged mine: 0 written, -1 refused; left as it is when kept. */
static size_t marks_flush(struct app *a, int wait_ms, struct sbuf *refused, int *mine)
{
	if (!a->nmarks)
		return 0;
	char err[CRIER_ERRSZ] = "", why[CRIER_ERRSZ] = "";
	clock_gettime(CLOCK_MONOTONIC, &a->marks_tried);
	store_busy_wait(a->store, wait_ms);
	int began = store_batch_begin(a->store, err, sizeof err) == 0;
	int busy = !began && store_last_busy(a->store);
	for (size_t i = 0; began && i < a->nmarks; i++) {
		a->marks[i].done = mark_apply(a, &a->marks[i]) == 0;
		if (!a->marks[i].done && !*why)
			store_last_error(a->store, why, sizeof why);
	}
	if (began && store_batch_commit(a->store, err, sizeof err) != 0) {
		busy = store_last_busy(a->store);
		began = 0;
	}
	store_busy_wait(a->store, -1);
	if (busy)
		return a->nmarks;
	if (!*why)
		snprintf(why, sizeof why, "%s", err);
	/* written, or refused for a reason trying again would not mend */
	size_t failed = 0;
	struct sbuf what = SBUF_INIT;
	for (size_t i = a->nmarks; i-- > 0;) {
		int ok = began && a->marks[i].done;
		if (mine && a->marks[i].mine)
			*mine = ok ? 0 : -1;
		if (!ok && !failed++)
			mark_describe(a, &a->marks[i], &what);
		marks_drop(a, i);
	}
	if (failed) {
		struct sbuf msg = SBUF_INIT;
		if (failed > 1)
			sbuf_printf(&msg, "%s and %zu other waiting %s", sbuf_str(&what), failed - 1,
				    plural((long)failed - 1, "mark", "marks"));
		else
			sbuf_adds(&msg, sbuf_str(&what));
		if (refused)
			sbuf_printf(refused, "%s was not saved: %s", sbuf_str(&msg), why);
		else
			app_write_failed(a, sbuf_str(&msg), why, "press its key again");
		sbuf_free(&msg);
	}
	sbuf_free(&what);
	if (failed || a->nextra) {
		/* the rows show what the cache has, not the refused marks; the Saved view's
		 * rows of waiting flags are the cache's own now */
		rowcache_clear(a);
		a->list_stale = 1;
	}
	if (a->view == VIEW_FEEDS)
		feeds_refresh(a); /* its counts without the marks laid over */
	a->dirty = 1;
	return 0;
}

size_t marks_try(struct app *a)
{
	return marks_flush(a, MARKS_WAIT_MS, NULL, NULL);
}

int marks_write(struct app *a, enum mark_kind kind, int64_t id, int value, int was,
		const char *title, const char *url)
{
	if (a->nmarks) {
		/* after the marks before it, in order: kept with them; the answer is this
		 * mark's own (an older mark refused is said by marks_flush) */
		for (size_t i = 0; i < a->nmarks; i++)
			a->marks[i].mine = 0;
		struct mark *m = marks_keep(a, kind, id, value, was, title, url);
		if (m)
			m->mine = 1;
		int mine = 0; /* none kept: it brings back what the cache has */
		if (marks_flush(a, MARKS_WAIT_MS, NULL, &mine) && m)
			return 1;
		return mine < 0 ? -2 : 0;
	}
	struct mark m = {kind, id, value, was, NULL, (char *)url, 0, 0, 0, 0};
	store_busy_wait(a->store, MARKS_WAIT_MS);
	int rc = mark_apply(a, &m);
	int busy = rc != 0 && store_last_busy(a->store);
	store_busy_wait(a->store, -1);
	if (rc == 0)
		return 0;
	if (!busy)
		return -1;
	marks_keep(a, kind, id, value, was, title, url);
	clock_gettime(CLOCK_MONOTONIC, &a->marks_tried);
	return 1;
}

void marks_keep_ids(struct app *a, const int64_t *ids, size_t n, int read)
{
	for (size_t i = 0; i < n; i++)
		marks_keep(a, MARK_READ, ids[i], !read, read, NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &a->marks_tried);
}

void marks_retry(struct app *a)
{
	if (!a->nmarks || ms_since(&a->marks_tried) < MARKS_RETRY_MS)
		return;
	size_t n = a->nmarks;
	int refused_before = (int)a->nerrs;
	if (marks_flush(a, 0, NULL, NULL) == 0 && (int)a->nerrs == refused_before)
		app_msg(a, 0, "the cache took the %zu %s that waited for its lock", n,
			plural((long)n, "mark", "marks"));
}

void marks_overlay(const struct app *a, struct store_row *rows, long n)
{
	for (size_t k = 0; k < a->nmarks; k++) {
		const struct mark *m = &a->marks[k];
		for (long i = 0; i < n; i++) {
			struct store_row *r = &rows[i];
			if (m->kind == MARK_LINK) {
				if (r->link && strcmp(r->link, m->url) == 0)
					r->unread = 0;
			} else if (r->id == m->id) {
				if (m->kind == MARK_READ)
					r->unread = m->value;
				else
					r->flagged = m->value;
			}
		}
	}
}

/* The feed of a mark's story, looked up once (0 when the story is gone). */
static int64_t mark_feed(struct app *a, struct mark *m)
{
	if (!m->feed_known) {
		struct store_row r;
		if (store_row_get(a->store, m->id, &r) == 1)
			m->feed_id = r.feed_id;
		store_row_clear(&r);
		m->feed_known = 1;
	}
	return m->feed_id;
}

void marks_overlay_feeds(struct app *a, struct store_feed *feeds, size_t n)
{
	for (size_t k = 0; k < a->nmarks; k++) {
		struct mark *m = &a->marks[k];
		if (m->kind != MARK_READ)
			continue;
		int64_t fid = mark_feed(a, m);
		for (size_t i = 0; fid && i < n; i++) {
			if (feeds[i].id != fid)
				continue;
			feeds[i].unread += m->value - m->was;
			if (feeds[i].unread < 0)
				feeds[i].unread = 0;
			if (feeds[i].unread > feeds[i].total)
				feeds[i].unread = feeds[i].total;
		}
	}
}

void marks_saved_rows(struct app *a)
{
	for (long i = 0; i < a->nextra; i++)
		store_row_clear(&a->extra[i]);
	free(a->extra);
	a->extra = NULL;
	a->nextra = 0;
	if (!a->q.flagged_only)
		return;
	for (size_t k = 0; k < a->nmarks; k++) {
		const struct mark *m = &a->marks[k];
		struct store_row r;
		if (m->kind != MARK_FLAG || !m->value)
			continue;
		/* flagged in the cache already: the cache's list has it */
		if (store_row_get(a->store, m->id, &r) != 1 || r.flagged) {
			store_row_clear(&r);
			continue;
		}
		a->extra = xrealloc(a->extra, (size_t)(a->nextra + 1) * sizeof *a->extra);
		a->extra[a->nextra++] = r;
	}
	marks_overlay(a, a->extra, a->nextra);
}

long marks_count_unread(struct app *a)
{
	long n = store_count_unread(a->store);
	for (size_t k = 0; n >= 0 && k < a->nmarks; k++)
		if (a->marks[k].kind == MARK_READ)
			n += a->marks[k].value - a->marks[k].was;
	return n < 0 ? 0 : n;
}

void marks_status(const struct app *a, struct sbuf *b)
{
	if (a->nmarks)
		sbuf_printf(b, "  %zu %s waiting for the cache lock", a->nmarks,
			    plural((long)a->nmarks, "mark", "marks"));
}

int marks_quit(struct app *a)
{
	if (!a->nmarks)
		return 0;
	size_t n = a->nmarks;
	fprintf(stderr, "crier: %s is locked by another program: waiting for it to save "
		"%zu %s\n", a->cache_path, n, plural((long)n, "mark", "marks"));
	struct sbuf refused = SBUF_INIT;
	marks_flush(a, -1, &refused, NULL);
	int rc = 0;
	if (refused.len) {
		fprintf(stderr, "crier: %s\n", sbuf_str(&refused));
		rc = -1;
	}
	sbuf_free(&refused);
	if (!a->nmarks) {
		if (!rc)
			fprintf(stderr, "crier: the cache took them: saved\n");
		return rc;
	}
	fprintf(stderr, "crier: %s stayed locked by another program; not saved (make "
		"them again):\n", a->cache_path);
	for (size_t i = 0; i < a->nmarks; i++) {
		struct sbuf d = SBUF_INIT;
		mark_describe(a, &a->marks[i], &d);
		fprintf(stderr, "  %s\n", sbuf_str(&d));
		sbuf_free(&d);
	}
	return -1;
}

void marks_free(struct app *a)
{
	for (size_t i = 0; i < a->nmarks; i++)
		mark_free(&a->marks[i]);
	free(a->marks);
	a->marks = NULL;
	a->nmarks = 0;
	for (long i = 0; i < a->nextra; i++)
		store_row_clear(&a->extra[i]);
	free(a->extra);
	a->extra = NULL;
	a->nextra = 0;
}
