/* store_update: writes that come from the urls file and from a feed's refresh: the feed
 * list, one feed's update (one transaction or a savepoint in a batch), batches. */
#include "config.h"
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct store_update {
	struct store *s;
	int64_t feed_id, generation, now;
	int failed;
	char *error;   /* what failed first: later statements overwrite sqlite's message */
	long inserted; /* new items (unread), for the feed's counts at commit */
};

void store_feed_clear(struct store_feed *f)
{
	if (!f)
		return;
	free(f->url);
	free(f->title);
	free(f->site);
	free(f->tags);
	free(f->etag);
	free(f->last_modified);
	free(f->error);
	free(f->location);
	memset(f, 0, sizeof *f);
}

int store_feed_ensure(struct store *s, const char *url, const char *title, const char *tags,
		      int64_t *id, char *err, size_t errsz)
{
	sqlite3_stmt *st = store_stmt(s, S_FEED_FIND);
	int rc;
	if (!st)
		goto fail;
	store_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		{
			st = store_stmt(s, S_FEED_SET);
			if (!st)
				goto fail;
			sqlite3_bind_int64(st, 1, *id);
			store_bind_text(st, 2, title);
			store_bind_text(st, 3, tags);
			if (store_step_done(st) != 0)
				goto fail;
		}
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;
	st = store_stmt(s, S_FEED_INSERT);
	if (!st)
		goto fail;
	store_bind_text(st, 1, url);
	store_bind_text(st, 2, title);
	store_bind_text(st, 3, tags);
	if (store_step_done(st) != 0)
		goto fail;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
fail:
	err_set(err, errsz, "%s: cannot add the feed %s: %s", s->path, url, sqlite3_errmsg(s->db));
	return -1;
}

void store_feed_from_row(sqlite3_stmt *st, struct store_feed *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->url = store_col_text(st, 1);
	f->title = store_col_text(st, 2);
	f->site = store_col_text(st, 3);
	f->tags = store_col_text(st, 4);
	f->etag = store_col_text(st, 5);
	f->last_modified = store_col_text(st, 6);
	f->last_fetch = store_col_date(st, 7);
	f->status = sqlite3_column_int(st, 8);
	f->error = store_col_text(st, 9);
	f->location = store_col_text(st, 10);
	f->unread = sqlite3_column_int(st, 11);
	f->total = sqlite3_column_int(st, 12);
}

int store_feeds(struct store *s, struct store_feed **out, size_t *n, char *err, size_t errsz)
{
	sqlite3_stmt *st = store_stmt(s, S_FEEDS);
	struct store_feed *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st) {
		store_db_err(s, err, errsz, "listing feeds");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		store_feed_from_row(st, &v[len++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_err(s, err, errsz, "listing feeds");
		store_feeds_free(v, len);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}

void store_feeds_free(struct store_feed *f, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		store_feed_clear(&f[i]);
	free(f);
}

int store_feed_get(struct store *s, int64_t id, struct store_feed *out)
{
	sqlite3_stmt *st = store_stmt(s, S_FEED_GET);
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		store_feed_from_row(st, out);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

int store_feed_remove(struct store *s, int64_t id)
{
	sqlite3_stmt *st;
	if (s->niw && !s->in_update && store_index_flush(s, 0) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM feeds WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

/* ---- one feed's update ---- */

static int index_waits_for(const struct store *s, int64_t feed_id);
/* Index entries waiting in a batch hold at most about this much memory for one feed,
 * and twice that for the feeds before it (store_index_waiting tells the batch's). */
#define INDEX_WAIT_MAX (1024 * 1024)

/* Marks the update failed, keeping the first failure's message (naming what failed). */
static void update_failed(struct store_update *u, const char *what)
{
	struct sbuf m = SBUF_INIT;
	u->failed = -1;
	if (u->error)
		return;
	sbuf_printf(&m, "%s: %s", what, sqlite3_errmsg(u->s->db));
	text_clean_line(m.s);
	u->error = sbuf_steal(&m);
}

/* Undoes the current feed update: the whole transaction, or inside a batch only the
 * feed's savepoint. */
static void rollback(struct store *s)
{
	store_index_drop(s, s->iw_mark);
	if (s->batch) {
		sqlite3_exec(s->db, "ROLLBACK TO feed_update; RELEASE feed_update", NULL, NULL, NULL);
		store_batch_check(s);
	} else {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
}

int store_batch_check(struct store *s)
{
	/* sqlite rolls a whole transaction back by itself after some errors (disk full,
	 * I/O, out of memory): the batch's earlier feeds are gone, and so must be their
	 * waiting index entries, whose rowids new stories would take */
	if (s->batch && !s->batch_lost && sqlite3_get_autocommit(s->db)) {
		s->batch_lost = 1;
		store_index_drop(s, 0);
	}
	return s->batch_lost ? -1 : 0;
}

int store_batch_begin(struct store *s, char *err, size_t errsz)
{
	if (s->batch || s->in_update) {
		err_set(err, errsz, "%s: a batch or an update is already open", s->path);
		return -1;
	}
	if (store_exec(s, "BEGIN IMMEDIATE", err, errsz) != 0)
		return -1;
	s->batch = 1;
	s->batch_lost = 0;
	return 0;
}

int store_batch_commit(struct store *s, char *err, size_t errsz)
{
	if (!s->batch)
		return 0;
	if (store_batch_check(s) != 0) {
		err_set(err, errsz, "%s: the batch's transaction was rolled back (an earlier error): "
			"nothing of it was stored", s->path);
		s->batch = 0;
		s->batch_lost = 0;
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (store_index_flush(s, 0) != 0) {
		store_db_err(s, err, errsz, "adding the new stories to the search index");
		s->batch = 0;
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	s->batch = 0;
	if (store_exec(s, "COMMIT", err, errsz) != 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	store_codec_idle(s->codec); /* a moment with no transaction: the dictionary's */
	return 0;
}

int store_in_batch(const struct store *s)
{
	return s->batch;
}

struct store_update *store_update_begin(struct store *s, int64_t feed_id, char *err, size_t errsz)
{
	struct store_update *u;
	sqlite3_stmt *st;
	if (s->in_update) {
		err_set(err, errsz, "%s: an update is already running", s->path);
		return NULL;
	}
	if (store_batch_check(s) != 0) {
		err_set(err, errsz, "%s: the batch's transaction was rolled back (an earlier error)",
			s->path);
		return NULL;
	}
	/* this feed's stories still waiting for the index could be updated by this
	 * update, and the batch's waiting entries stay few: they go in first, outside
	 * its savepoint */
	if (s->batch && (s->iw_bytes > 2 * INDEX_WAIT_MAX || index_waits_for(s, feed_id))
	    && store_index_flush(s, 0) != 0) {
		store_db_err(s, err, errsz, "adding stories to the search index");
		return NULL;
	}
	if (store_exec(s, s->batch ? "SAVEPOINT feed_update" : "BEGIN IMMEDIATE", err, errsz) != 0)
		return NULL;
	s->iw_mark = s->niw;
	s->iw_mark_bytes = s->iw_bytes;
	u = xcalloc(1, sizeof *u);
	u->s = s;
	u->feed_id = feed_id;
	u->now = (int64_t)time(NULL);
	if (sqlite3_prepare_v2(s->db, "SELECT generation FROM feeds WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, feed_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			u->generation = sqlite3_column_int64(st, 0) + 1;
		sqlite3_finalize(st);
	}
	if (u->generation == 0) {
		err_set(err, errsz, "%s: no feed %lld in the cache", s->path, (long long)feed_id);
		rollback(s);
		free(u);
		return NULL;
	}
	s->in_update = 1;
	return u;
}

int store_update_info(struct store_update *u, const struct feed_info *f)
{
	sqlite3_stmt *st;
	if (u->failed)
		return -1;
	st = store_stmt(u->s, S_INFO);
	if (!st) {
		update_failed(u, "storing the feed's title");
		return -1;
	}
	sqlite3_bind_int64(st, 1, u->feed_id);
	store_bind_text(st, 2, f->title);
	store_bind_text(st, 3, f->link);
	store_bind_text(st, 4, f->description);
	if (store_step_done(st) != 0)
		update_failed(u, "storing the feed's title");
	return u->failed;
}

/* The key that makes an item the same item across fetches: its id, else its link, else
 * its title, else its text. */
static const char *item_guid(const struct feed_item *it)
{
	if (it->id && *it->id)
		return it->id;
	if (it->link && *it->link)
		return it->link;
	if (it->title && *it->title)
		return it->title;
	if (it->summary && *it->summary)
		return it->summary;
	return it->content;
}

static void bind_item(sqlite3_stmt *st, struct store_update *u, const char *guid,
		      const struct feed_item *it, const struct store_text *sum,
		      const struct store_text *con, char *cats, char *encs, char *media)
{
	sqlite3_bind_int64(st, 1, u->feed_id);
	store_bind_text(st, 2, guid);
	store_bind_text(st, 3, it->title);
	store_bind_text(st, 4, it->link);
	store_bind_text(st, 5, it->id);
	store_bind_text(st, 6, it->author);
	store_text_bind(st, 7, sum);
	store_text_bind(st, 8, con);
	store_bind_date(st, 9, it->published);
	store_bind_date(st, 10, it->updated);
	store_bind_text(st, 11, *cats ? cats : NULL);
	store_bind_text(st, 12, *encs ? encs : NULL);
	store_bind_text(st, 13, *media ? media : NULL);
	sqlite3_bind_int64(st, 14, u->now);
	sqlite3_bind_int64(st, 15, u->generation);
}

/* One new story's index entry, waiting for its batch's commit. */
struct index_wait {
	int64_t id, feed_id;
	char *title, *words, *link;
	size_t bytes; /* the memory it holds */
};

static int index_waits_for(const struct store *s, int64_t feed_id)
{
	size_t i;
	for (i = 0; i < s->niw; i++)
		if (s->iw[i].feed_id == feed_id)
			return 1;
	return 0;
}

static int index_put(struct store *s, int64_t id, const char *title, const char *words,
		     const char *link)
{
	sqlite3_stmt *st = store_stmt(s, S_SEARCH_PUT), *tt;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, title);
	if (words)
		sqlite3_bind_text(st, 3, words, -1, SQLITE_STATIC);
	store_bind_text(st, 4, link);
	if (store_step_done(st) != 0)
		return -1;
	if (!s->titled)
		return 0;
	if (!(tt = store_stmt(s, S_SEARCH_TITLE_PUT)))
		return -1;
	/* the titles' own index, for ranking (store_match.c) */
	sqlite3_bind_int64(tt, 1, id);
	store_bind_text(tt, 2, title);
	return store_step_done(tt);
}

void store_index_drop(struct store *s, size_t from)
{
	size_t i;
	for (i = from; i < s->niw; i++) {
		s->iw_bytes -= s->iw[i].bytes;
		free(s->iw[i].title);
		free(s->iw[i].words);
		free(s->iw[i].link);
	}
	if (from < s->niw)
		s->niw = from;
	if (s->iw_mark > s->niw)
		s->iw_mark = s->niw;
	if (s->iw_mark_bytes > s->iw_bytes)
		s->iw_mark_bytes = s->iw_bytes;
}

size_t store_index_waiting(const struct store *s)
{
	return s->iw_bytes;
}

int store_index_flush(struct store *s, size_t from)
{
	size_t i;
	int rc = 0;
	for (i = from; i < s->niw && rc == 0; i++)
		rc = index_put(s, s->iw[i].id, s->iw[i].title, s->iw[i].words, s->iw[i].link);
	store_index_drop(s, from);
	/* outside a feed's update the entries were earlier feeds': their stories stay in
	 * the batch without them, so the batch must not commit */
	if (rc != 0 && s->batch && !s->in_update)
		s->batch_lost = 1;
	return rc;
}

/* A new item goes into the search index here, with its text in hand, rather than by a
 * trigger: a trigger would decompress the text just compressed, and it makes every
 * item's INSERT a statement of several writes, whose statement savepoint makes FTS5
 * flush its pending words: one index segment per item, merged again and again. Inside
 * a batch the entry waits for the batch's commit (struct store's iw). The entry is what
 * crier_text gives for the row, so the delete and update triggers remove it exactly. */
static int index_item(struct store_update *u, int64_t id, const struct feed_item *it,
		      const struct store_text *sum, const struct store_text *con, const char *words)
{
	struct store *s = u->s;
	char *text;
	int rc;
	if (!s->indexed)
		return 0;
	/* words: the same text made ahead by store_prep_item, when it was */
	text = words ? xstrdup(words) : store_search_text(sum->html, con->html);
	if (s->batch) {
		struct index_wait *w;
		if (s->niw == s->iw_cap) {
			s->iw_cap = s->iw_cap ? 2 * s->iw_cap : 64;
			s->iw = xrealloc(s->iw, s->iw_cap * sizeof *s->iw);
		}
		w = &s->iw[s->niw++];
		w->id = id;
		w->feed_id = u->feed_id;
		w->title = it->title ? xstrdup(it->title) : NULL;
		w->words = text;
		w->link = it->link ? xstrdup(it->link) : NULL;
		w->bytes = sizeof *w + (w->title ? strlen(w->title) + 1 : 0)
			   + (text ? strlen(text) + 1 : 0) + (w->link ? strlen(w->link) + 1 : 0);
		s->iw_bytes += w->bytes;
		/* memory stays bounded whatever a feed's size: past this a big feed's
		 * entries go in now (its own only: they are undone with it) */
		if (s->iw_bytes - s->iw_mark_bytes > INDEX_WAIT_MAX)
			return store_index_flush(s, s->iw_mark);
		return 0;
	}
	rc = index_put(s, id, it->title, text, it->link);
	free(text);
	return rc;
}

struct store_prep {
	struct store_text sum, con;
	char *words; /* the search index's text of the story, when the cache has the index */
};

struct store_prep *store_prep_item(struct store *s, const struct feed_item *it)
{
	struct store_prep *p = xcalloc(1, sizeof *p);
	store_text_make(s->codec, &p->sum, it->summary, it->summary_type);
	store_text_make(s->codec, &p->con, it->content, it->content_type);
	/* the index's words too: whichever thread has time makes the whole of it */
	if (s->indexed)
		p->words = store_search_text(p->sum.html, p->con.html);
	return p;
}

void store_prep_free(struct store_prep *p)
{
	if (!p)
		return;
	store_text_clear(&p->sum);
	store_text_clear(&p->con);
	free(p->words);
	free(p);
}

int store_update_item(struct store_update *u, const struct feed_item *it, int *is_new)
{
	return store_update_item_prep(u, it, NULL, is_new);
}

int store_update_item_prep(struct store_update *u, const struct feed_item *it,
			   const struct store_prep *p, int *is_new)
{
	const char *guid = item_guid(it);
	char *cats, *encs, *media;
	struct store_text sum, con;
	const struct store_text *ps = &sum, *pc = &con;
	sqlite3_stmt *st;
	int rc = -1;
	*is_new = 0;
	if (u->failed)
		return -1;
	if (!guid)
		return 0; /* an empty item: nothing a user could read */
	cats = store_enc_categories(it);
	encs = store_enc_enclosures(it);
	media = store_enc_media(it);
	if (!cats) cats = xstrdup("");
	if (!encs) encs = xstrdup("");
	if (!media) media = xstrdup("");
	/* made once: an item already stored is bound again for its update */
	memset(&sum, 0, sizeof sum);
	memset(&con, 0, sizeof con);
	if (p) {
		ps = &p->sum;
		pc = &p->con;
	} else {
		store_text_make(u->s->codec, &sum, it->summary, it->summary_type);
		store_text_make(u->s->codec, &con, it->content, it->content_type);
	}
	st = store_stmt(u->s, S_ITEM_INSERT);
	if (!st)
		goto out;
	bind_item(st, u, guid, it, ps, pc, cats, encs, media);
	if (store_step_done(st) != 0)
		goto out;
	if (sqlite3_changes(u->s->db) > 0) {
		if (index_item(u, sqlite3_last_insert_rowid(u->s->db), it, ps, pc, p ? p->words : NULL) != 0)
			goto out;
		*is_new = 1;
		u->inserted++;
		rc = 0;
		goto out;
	}
	/* its update trigger replaces the story's index entry: one of this update's own
	 * waiting entries must be there first */
	if (u->s->niw > u->s->iw_mark && store_index_flush(u->s, u->s->iw_mark) != 0)
		goto out;
	st = store_stmt(u->s, S_ITEM_UPDATE);
	if (!st)
		goto out;
	bind_item(st, u, guid, it, ps, pc, cats, encs, media);
	if (store_step_done(st) != 0)
		goto out;
	if (sqlite3_changes(u->s->db) == 0) {
		st = store_stmt(u->s, S_ITEM_SEEN);
		if (!st)
			goto out;
		sqlite3_bind_int64(st, 1, u->feed_id);
		store_bind_text(st, 2, guid);
		sqlite3_bind_int64(st, 3, u->generation);
		if (store_step_done(st) != 0)
			goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		struct sbuf what = SBUF_INIT;
		sbuf_printf(&what, "storing the item %.200s", guid);
		update_failed(u, what.s);
		sbuf_free(&what);
	}
	store_text_clear(&sum);
	store_text_clear(&con);
	free(cats);
	free(encs);
	free(media);
	return rc;
}

int store_update_commit(struct store_update *u, const char *new_url, const char *etag,
			const char *last_modified, long status, char *err, size_t errsz)
{
	struct store *s = u->s;
	sqlite3_stmt *st;
	int rc = -1;
	if (u->failed) {
		err_set(err, errsz, "%s: %s", s->path, u->error ? u->error : "storing the feed's items failed");
		goto rollback;
	}
	st = store_stmt(s, S_COMMIT_FEED);
	if (!st) {
		store_db_err(s, err, errsz, "updating the feed");
		goto rollback;
	}
	sqlite3_bind_int64(st, 1, u->feed_id);
	store_bind_text(st, 2, new_url);
	store_bind_text(st, 3, etag);
	store_bind_text(st, 4, last_modified);
	sqlite3_bind_int64(st, 5, status);
	sqlite3_bind_int64(st, 6, u->now);
	sqlite3_bind_int64(st, 7, u->generation);
	sqlite3_bind_int64(st, 8, u->inserted);
	if (store_step_done(st) != 0) {
		store_db_err(s, err, errsz, "updating the feed");
		goto rollback;
	}
	if (store_exec(s, s->batch ? "RELEASE feed_update" : "COMMIT", err, errsz) != 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	rollback(s);
out:
	s->in_update = 0;
	free(u->error);
	free(u);
	if (rc == 0)
		store_codec_idle(s->codec); /* no-op inside a batch */
	return rc;
}

void store_update_fail(struct store_update *u, long status, const char *error)
{
	struct store *s;
	int64_t id;
	if (!u)
		return;
	s = u->s;
	id = u->feed_id;
	rollback(s);
	s->in_update = 0;
	free(u->error);
	free(u);
	store_feed_checked(s, id, status, error ? error : "update failed");
}

int store_feed_redirect_seen(struct store *s, int64_t feed_id, const char *to)
{
	sqlite3_stmt *st = store_stmt(s, to ? S_MOVED_SEEN : S_MOVED_RESET);
	int n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	if (to)
		store_bind_text(st, 2, to);
	if (store_step_done(st) != 0)
		return -1;
	if (!to)
		return 0;
	st = store_stmt(s, S_MOVED_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

int store_feed_move(struct store *s, int64_t feed_id, const char *to)
{
	sqlite3_stmt *st = store_stmt(s, S_MOVED_SET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	store_bind_text(st, 2, to);
	return store_step_done(st);
}

int store_feed_checked(struct store *s, int64_t feed_id, long status, const char *error)
{
	sqlite3_stmt *st = store_stmt(s, S_CHECKED);
	char *shown;
	int rc;
	if (!st)
		return -1;
	/* the error view shows this: no user:password of a feed URL in it */
	shown = url_hide_password(error);
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, status);
	store_bind_text(st, 3, shown);
	sqlite3_bind_int64(st, 4, (int64_t)time(NULL));
	rc = store_step_done(st);
	free(shown);
	return rc;
}
