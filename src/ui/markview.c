/* markview: A marks what the view shows read (the feed, the tag, the search, all; asking
 * first for more than one feed), U undoes the last marking. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crier/settings.h"
#include "crier/store.h"
#include "ui/app.h"
#include "ui/ui.h"

/* The unread stories of a query: their ids, and from how many feeds. The marks waiting
 * for the cache's lock count as made: a story they make unread is in, one they make read
 * is out, so that A (and U after it) changes only what the list shows unread. */
static int64_t *query_unread(struct app *a, const struct store_query *query, size_t *n,
			     size_t *nfeeds)
{
	struct store_row rows[256];
	int64_t *ids = NULL, *feeds = NULL;
	size_t cap = 0, nf = 0;
	struct store_query q = *query;
	if (a->nmarks)
		q.unread_only = 0; /* (a story read in the cache may wait to be unread) */
	*n = 0;
	for (long off = 0;; off += 256) {
		long got = store_rows(a->store, &q, off, 256, rows);
		if (got > 0)
			marks_overlay(a, rows, got);
		for (long i = 0; i < got; i++) {
			if (rows[i].unread) {
				if (*n == cap) {
					cap = cap ? cap * 2 : 256;
					ids = xrealloc(ids, cap * sizeof *ids);
				}
				ids[(*n)++] = rows[i].id;
				size_t k = 0;
				while (k < nf && feeds[k] != rows[i].feed_id)
					k++;
				if (k == nf) {
					feeds = xrealloc(feeds, (nf + 1) * sizeof *feeds);
					feeds[nf++] = rows[i].feed_id;
				}
			}
			store_row_clear(&rows[i]);
		}
		if (got < 256)
			break;
	}
	free(feeds);
	*nfeeds = nf;
	return ids;
}

/* Sets the read state of ids in one transaction. Returns how many were saved; the ids
 * not saved are moved to the front of the array (their count is n - return), err says
 * why. When the transaction cannot start (the cache locked past the busy timeout) none
 * is tried one by one: each would wait the whole timeout again. */
static size_t write_read_state(struct app *a, int64_t *ids, size_t n, int read, char *err, size_t errsz)
{
	size_t failed = 0;
	*err = 0;
	if (a->nmarks) {
		/* after the marks waiting for the lock, in order: they wait together */
		marks_keep_ids(a, ids, n, read);
		marks_try(a);
		return n;
	}
	store_busy_wait(a->store, MARKS_WAIT_MS);
	if (store_batch_begin(a->store, err, errsz) != 0) {
		int busy = store_last_busy(a->store);
		store_busy_wait(a->store, -1);
		if (!busy)
			return 0;
		/* another program holds the lock: they wait, shown as made */
		marks_keep_ids(a, ids, n, read);
		*err = 0;
		return n;
	}
	store_busy_wait(a->store, -1);
	for (size_t i = 0; i < n; i++) {
		if (store_mark_read(a->store, ids[i], read) != 0) {
			if (!*err)
				store_last_error(a->store, err, errsz);
			int64_t t = ids[failed];
			ids[failed++] = ids[i];
			ids[i] = t;
		}
	}
	char cerr[CRIER_ERRSZ];
	if (store_batch_commit(a->store, cerr, sizeof cerr) != 0) {
		snprintf(err, errsz, "%s", cerr);
		return 0; /* rolled back: none of them */
	}
	return n - failed;
}

/* Marks the ids read, one transaction, and keeps them for U. */
void mark_ids(struct app *a, int64_t *ids, size_t n)
{
	char err[CRIER_ERRSZ], what[96];
	size_t total = n, done = write_read_state(a, ids, n, 1, err, sizeof err);
	list_refresh(a);
	if (a->view == VIEW_FEEDS)
		feeds_refresh(a);
	if (done < n) {
		snprintf(what, sizeof what, "the read mark of %zu of %zu %s", n - done, n,
			 plural((long)n, "story", "stories"));
		app_write_failed(a, what, err, "press A again");
		if (!done) { /* nothing to undo: U keeps undoing the marking before, if any */
			free(ids);
			return;
		}
		/* U undoes the part that was saved (write_read_state put it last) */
		memmove(ids, ids + (n - done), done * sizeof *ids);
		n = done;
	}
	free(a->undo_ids);
	a->undo_ids = ids;
	a->nundo = n;
	if (done == total)
		app_msg(a, 0, "%zu %s marked read (U undoes)", done, plural((long)done, "story", "stories"));
}

/* A: what the view shows, read. The feeds view: the feed under the cursor; the story
 * list: its feed, tag, search or everything. More than one feed asks first. */
void mark_view(struct app *a)
{
	struct store_query q = a->q;
	if (a->view == VIEW_FEEDS) {
		if (!a->nfeeds)
			return;
		memset(&q, 0, sizeof q);
		q.feed_id = a->feeds[a->feedp.cur].id;
	} else if (a->view != VIEW_STORIES) {
		return;
	}
	size_t n, nf;
	int64_t *ids = query_unread(a, &q, &n, &nf);
	if (!n) {
		free(ids);
		app_msg(a, 0, "nothing unread here");
		return;
	}
	if (nf > 1 && settings_get_bool(&a->set, SET_confirm_mark_all)) {
		free(a->mark_ids);
		a->mark_ids = ids;
		a->nmark = n;
		snprintf(a->ask, sizeof a->ask, "Mark %zu %s of %zu feeds read? (y/n) ", n,
			 plural((long)n, "story", "stories"), nf);
		a->prompting = 1;
		a->prompt_kind = PROMPT_MARK;
		a->plen = 0;
		a->pbuf[0] = 0;
		return;
	}
	mark_ids(a, ids, n);
}

void undo_mark(struct app *a)
{
	if (!a->nundo) {
		app_msg(a, 0, "nothing to undo");
		return;
	}
	char err[CRIER_ERRSZ], what[96];
	size_t n = a->nundo, done = write_read_state(a, a->undo_ids, n, 0, err, sizeof err);
	if (done < n) {
		/* the ones not saved stay for the next U (write_read_state put them first) */
		a->nundo = n - done;
		snprintf(what, sizeof what, "the undo of %zu of %zu %s", n - done, n,
			 plural((long)n, "story", "stories"));
		app_write_failed(a, what, err, "they stay read; press U again");
	} else {
		app_msg(a, 0, "%zu %s unread again", n, plural((long)n, "story", "stories"));
		free(a->undo_ids);
		a->undo_ids = NULL;
		a->nundo = 0;
	}
	rowcache_clear(a);
	list_refresh(a);
	if (a->view == VIEW_FEEDS)
		feeds_refresh(a);
}
