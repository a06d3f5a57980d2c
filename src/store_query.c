/* store_query: the story lists, read lazily (a count, then pages of rows), one item,
 * read marks and expiry. */
#include "config.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- lists ---- */

void store_row_clear(struct store_row *r)
{
	if (!r)
		return;
	free(r->title);
	free(r->feed_title);
	free(r->link);
	memset(r, 0, sizeof *r);
}

static int query_variant(const struct store_query *q)
{
	int search = q->search && *q->search;
	return (q->feed_id ? Q_FEED : 0) | (q->tag ? Q_TAG : 0)
		| (search ? Q_SEARCH : 0) | (q->unread_only ? Q_UNREAD : 0)
		| (q->order == STORE_UNREAD_FIRST ? Q_UNREAD_FIRST : 0)
		| (search && q->order == STORE_BY_RANK ? Q_RANK : 0)
		| (q->flagged_only ? Q_FLAGGED : 0);
}

static void query_where(struct sbuf *b, int v)
{
	sbuf_adds(b, (v & Q_SEARCH) ? " WHERE search MATCH ?3" : " WHERE 1");
	if (v & Q_FEED)
		sbuf_adds(b, " AND i.feed_id = ?1");
	if (v & Q_TAG)
		sbuf_adds(b, " AND (' ' || f.tags || ' ') LIKE ('% ' || ?2 || ' %') ESCAPE '\\'");
	if (v & Q_UNREAD)
		sbuf_adds(b, " AND i.unread = 1");
	if (v & Q_FLAGGED)
		sbuf_adds(b, " AND i.flagged = 1");
}

/* A LIKE pattern that matches s literally anywhere. */
char *store_like_pattern(const char *s, int anywhere)
{
	struct sbuf b = SBUF_INIT;
	if (anywhere)
		sbuf_addc(&b, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			sbuf_addc(&b, '\\');
		sbuf_addc(&b, *s);
	}
	if (anywhere)
		sbuf_addc(&b, '%');
	if (!b.s)
		sbuf_adds(&b, "");
	return sbuf_steal(&b);
}

/* Binds the query's filters; -1 when its search holds no word (nothing matches). */
static int query_bind(struct store *s, sqlite3_stmt *st, const struct store_query *q, int v)
{
	if (v & Q_FEED)
		sqlite3_bind_int64(st, 1, q->feed_id);
	if (v & Q_TAG) {
		char *p = store_like_pattern(q->tag, 0);
		sqlite3_bind_text(st, 2, p, -1, free);
	}
	if (v & Q_SEARCH) {
		char *m = store_search_match(s, q->search);
		if (!m || !*m) {
			free(m);
			return -1;
		}
		sqlite3_bind_text(st, 3, m, -1, free);
	}
	return 0;
}

/* A search reads the index first (the matching stories), then their rows. */
static sqlite3_stmt *query_stmt(struct store *s, int v, int rows)
{
	sqlite3_stmt **slot = rows ? &s->rows_q[v] : &s->count_q[v];
	if (!*slot) {
		struct sbuf b = SBUF_INIT;
		const char *from = (v & Q_SEARCH) ? " FROM search JOIN items i ON i.id = search.rowid"
			: " FROM items i";
		if (rows)
			sbuf_adds(&b, "SELECT i.id, i.feed_id, i.date, i.unread, i.title,"
				  " COALESCE(f.custom_title, f.title, f.url), i.link, i.flagged");
		else
			sbuf_adds(&b, "SELECT COUNT(*)");
		/* the index holds exactly the stories: a search alone counts there */
		if (!rows && v == Q_SEARCH)
			from = " FROM search";
		sbuf_adds(&b, from);
		if (rows || (v & Q_TAG))
			sbuf_adds(&b, " JOIN feeds f ON f.id = i.feed_id");
		query_where(&b, v);
		if (rows) {
			if (v & Q_RANK)
				sbuf_adds(&b, " ORDER BY crier_score(i.id), i.date DESC, i.id DESC");
			else if (v & Q_UNREAD_FIRST)
				sbuf_adds(&b, " ORDER BY i.unread DESC, i.date DESC, i.id DESC");
			else
				sbuf_adds(&b, " ORDER BY i.date DESC, i.id DESC");
			sbuf_adds(&b, " LIMIT ?5 OFFSET ?4");
		}
		if (sqlite3_prepare_v3(s->db, b.s, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
			*slot = NULL;
		sbuf_free(&b);
		if (!*slot)
			return NULL;
	}
	sqlite3_reset(*slot);
	sqlite3_clear_bindings(*slot);
	return *slot;
}

/* How many stories the list walks without its search: the kept counts where they
 * answer, else every story. */
static long list_size(struct store *s, const struct store_query *q, int v)
{
	struct store_query plain = {0};
	if (!(v & (Q_TAG | Q_FLAGGED))) {
		plain.feed_id = q->feed_id;
		plain.unread_only = q->unread_only;
	}
	return store_count(s, &plain);
}

/* A search's matches, read once (store_match.c); NULL with *none set when its words hold
 * nothing to search for. */
static struct store_match *search_matches(struct store *s, const struct store_query *q, int ranked,
					  int *none)
{
	char *match = store_search_match(s, q->search);
	struct store_match *m;
	*none = !match || !*match;
	if (*none) {
		free(match);
		return NULL;
	}
	m = store_match_get(s, match, ranked);
	free(match);
	return m;
}

/* A search's count from its matches held in memory; *done is 0 when the join of the
 * index to the items is the cheaper way (few matches and a filter). */
static long search_count(struct store *s, const struct store_query *q, int v, int *done)
{
	int none;
	struct store_match *m = search_matches(s, q, q->order == STORE_BY_RANK, &none);
	*done = 1;
	if (none)
		return 0;
	if (!m)
		return -1;
	if (v == Q_SEARCH)
		return (long)store_match_count(m);
	if (store_match_prefer_join(m, list_size(s, q, v), 0)) {
		*done = 0;
		return 0;
	}
	return store_match_count_where(s, m, q, v);
}

static long search_rows(struct store *s, const struct store_query *q, int v, long offset, long max,
			struct store_row *rows, int *done)
{
	int none;
	struct store_match *m = search_matches(s, q, (v & Q_RANK) != 0, &none);
	*done = 1;
	if (none)
		return 0;
	if (!m)
		return -1;
	if (store_match_prefer_join(m, list_size(s, q, v), (v & Q_RANK) ? 0 : offset + max)) {
		*done = 0;
		return 0;
	}
	return store_match_rows(s, m, q, v, offset, max, rows);
}

long store_count(struct store *s, const struct store_query *q)
{
	int v = query_variant(q) & ~(Q_UNREAD_FIRST | Q_RANK);
	sqlite3_stmt *st;
	long n = -1;
	if (!(v & (Q_TAG | Q_SEARCH | Q_FLAGGED))) {
		/* The trigger-kept counts answer without reading any item. */
		st = store_stmt(s, (v & Q_FEED) ? S_COUNT_FEED : S_COUNT_ALL);
		if (!st)
			return -1;
		if (v & Q_FEED)
			sqlite3_bind_int64(st, 1, q->feed_id);
		sqlite3_bind_int(st, 2, (v & Q_UNREAD) ? 1 : 0);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return n < 0 ? 0 : n;
	}
	if (v & Q_SEARCH) {
		int done = 0;
		n = search_count(s, q, v, &done);
		if (done)
			return n;
	}
	st = query_stmt(s, v, 0);
	if (!st)
		return -1;
	if (query_bind(s, st, q, v) != 0)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* A row of the rows query's columns (query_stmt, store_row_get). */
static void row_fill(sqlite3_stmt *st, struct store_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->feed_id = sqlite3_column_int64(st, 1);
	r->date = sqlite3_column_int64(st, 2);
	r->unread = sqlite3_column_int(st, 3);
	r->title = store_col_text(st, 4);
	r->feed_title = store_col_text(st, 5);
	r->link = store_col_text(st, 6);
	r->flagged = sqlite3_column_int(st, 7);
}

long store_rows(struct store *s, const struct store_query *q, long offset, long max,
		struct store_row *rows)
{
	int v = query_variant(q);
	sqlite3_stmt *st;
	long n = 0;
	int rc;
	if (v & Q_SEARCH) {
		int done = 0;
		n = search_rows(s, q, v, offset, max, rows, &done);
		if (done)
			return n;
		n = 0;
	}
	st = query_stmt(s, v, 1);
	if (!st)
		return -1;
	if (query_bind(s, st, q, v) != 0)
		return 0;
	sqlite3_bind_int64(st, 4, offset);
	sqlite3_bind_int64(st, 5, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row_fill(st, &rows[n++]);
	sqlite3_reset(st);
	return n;
}

int store_row_get(struct store *s, int64_t item_id, struct store_row *row)
{
	sqlite3_stmt *st;
	int rc;
	memset(row, 0, sizeof *row);
	if (sqlite3_prepare_v2(s->db, "SELECT i.id, i.feed_id, i.date, i.unread, i.title,"
			       " COALESCE(f.custom_title, f.title, f.url), i.link, i.flagged"
			       " FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_fill(st, row);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

long store_count_unread(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, S_UNREAD);
	long n = -1;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

struct feed_item *store_item_read(struct store *s, int64_t item_id, char *err, size_t errsz)
{
	sqlite3_stmt *st = store_stmt(s, S_ITEM_GET);
	struct feed_item *it = NULL;
	int rc;
	if (!st) {
		store_db_err(s, err, errsz, "reading a story");
		return NULL;
	}
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		it = store_item_from_row(s->codec, st, 0, err, errsz);
	else if (rc == SQLITE_DONE)
		err_set(err, errsz, "story %lld is gone from the cache", (long long)item_id);
	else
		store_db_err(s, err, errsz, "reading a story");
	sqlite3_reset(st);
	return it;
}

struct feed_item *store_item(struct store *s, int64_t item_id)
{
	return store_item_read(s, item_id, NULL, 0);
}

int store_mark_read(struct store *s, int64_t item_id, int read)
{
	sqlite3_stmt *st = store_stmt(s, S_MARK);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, read ? 0 : 1);
	return store_step_done(st);
}

long store_mark_read_link(struct store *s, const char *url)
{
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (!url || !*url)
		return 0;
	/* items_link indexes the link: one look-up, whatever the list shows */
	if (sqlite3_prepare_v2(s->db, "UPDATE items SET unread = 0 WHERE link = ?1 AND unread = 1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_DONE)
		n = (long)sqlite3_changes(s->db);
	sqlite3_finalize(st);
	return n;
}

int store_mark_feed_read(struct store *s, int64_t feed_id)
{
	sqlite3_stmt *st = store_stmt(s, S_MARK_FEED);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	return store_step_done(st);
}

/* Only read items that the feed no longer lists can go: a read item still in the feed
 * would come back unread at the next reload. Of those, the newest keep_per_feed of each
 * feed stay, and the rest go once older than max_age_days. Cached articles (with their
 * figures and more-from links, by cascade) go once fetched longer ago than that and no
 * item left links to them: the pages of expired stories and the more-from pages followed. */
int store_expire(struct store *s, long keep_per_feed, long max_age_days)
{
	sqlite3_stmt *st = NULL;
	int64_t before;
	int nested, ok = 0;
	if (max_age_days <= 0)
		return 0;
	before = (int64_t)time(NULL) - (int64_t)max_age_days * 86400;
	nested = store_tx_begin(s, "expire");
	if (nested < 0)
		return -1;
	if (sqlite3_prepare_v2(s->db,
		"DELETE FROM items WHERE id IN ("
		" SELECT id FROM ("
		"  SELECT i.id, i.date,"
		"   ROW_NUMBER() OVER (PARTITION BY i.feed_id ORDER BY i.date DESC, i.id DESC) AS rn"
		"  FROM items i JOIN feeds f ON f.id = i.feed_id"
		"  WHERE i.unread = 0 AND i.flagged = 0 AND i.seen_generation < f.generation)"
		" WHERE rn > ?1 AND date < ?2)",
		-1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, keep_per_feed < 0 ? 0 : keep_per_feed);
	sqlite3_bind_int64(st, 2, before);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db,
		"DELETE FROM articles WHERE fetched < ?1"
		" AND NOT EXISTS (SELECT 1 FROM items i WHERE i.link = articles.url)",
		-1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, before);
	ok = sqlite3_step(st) == SQLITE_DONE;
out:
	sqlite3_finalize(st);
	return store_tx_end(s, "expire", nested, ok);
}
