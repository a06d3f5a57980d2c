/* store_match: a search's matching stories held in memory, so that its count and its
 * pages cost one read of the index and never a read of every matching item.
 *
 * Joining the index to the items and sorting them (by date or rank) touched every match:
 * 60 ms for a word in most stories of a 100k cache, where reading the index alone takes
 * 11 ms and walking the date index of every item 6 ms. So a search reads the matching
 * ids (and their rank when a ranked list asks) once into a sorted array with a bit set
 * over it, kept until the query or the cache changes; a page in date order walks the
 * list's own covering index (date, feed, unread...) and keeps the members; a page by
 * rank walks it whole and keeps the best by rank, then date. A search with few matches
 * keeps the plain join, which is cheaper there (the caller decides with
 * store_match_prefer_join). */
#include "config.h"
#include "store_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WALK_VARIANTS (Q_FEED | Q_TAG | Q_UNREAD | Q_UNREAD_FIRST | Q_FLAGGED | Q_RANK)

struct store_match {
	char *match;          /* the FTS5 query held */
	int64_t *ids;         /* ascending */
	double *score;        /* by ids, NULL until a ranked list asks (lower is better) */
	size_t n;
	uint64_t *bits;       /* ids - lo, when the id range is small enough */
	uint32_t *before;     /* by word of bits: how many members come before it */
	int64_t lo;
	sqlite3_int64 changes; /* this connection's writes when read */
	int data_version;     /* other connections' commits when read */
	/* the whole list in order, once a page past the first is asked for: paging on (or
	 * reading every page, as A does) costs no walk per page */
	int64_t *order;
	size_t norder;
	int order_v;          /* its list: -1 none, else the variant's walk bits */
	int64_t order_feed;
	char *order_tag;
	sqlite3_stmt *walk[WALK_VARIANTS + 1];
	sqlite3_stmt *version, *row;
};

static void match_forget(struct store_match *m)
{
	free(m->match);
	free(m->ids);
	free(m->score);
	free(m->bits);
	free(m->before);
	free(m->order);
	free(m->order_tag);
	m->before = NULL;
	m->order = NULL;
	m->order_tag = NULL;
	m->norder = 0;
	m->order_v = -1;
	m->match = NULL;
	m->ids = NULL;
	m->score = NULL;
	m->bits = NULL;
	m->n = 0;
}

void store_match_free(struct store_match *m)
{
	size_t i;
	if (!m)
		return;
	match_forget(m);
	for (i = 0; i <= WALK_VARIANTS; i++)
		sqlite3_finalize(m->walk[i]);
	sqlite3_finalize(m->version);
	sqlite3_finalize(m->row);
	free(m);
}

static int data_version(struct store *s, struct store_match *m)
{
	int v = -1;
	if (!m->version && sqlite3_prepare_v3(s->db, "PRAGMA data_version", -1,
					      SQLITE_PREPARE_PERSISTENT, &m->version, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(m->version) == SQLITE_ROW)
		v = sqlite3_column_int(m->version, 0);
	sqlite3_reset(m->version);
	return v;
}

/* Reads the index for the query: every matching id. */
static int match_read(struct store *s, struct store_match *m, const char *match)
{
	sqlite3_stmt *st;
	size_t cap = 1024, n = 0;
	int rc;
	match_forget(m);
	if (sqlite3_prepare_v2(s->db, "SELECT rowid FROM search WHERE search MATCH ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	m->ids = xcalloc(cap, sizeof *m->ids);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			m->ids = xrealloc(m->ids, cap * sizeof *m->ids);
		}
		m->ids[n] = sqlite3_column_int64(st, 0);
		/* the index gives rowids in ascending order; membership relies on it */
		if (n && m->ids[n] <= m->ids[n - 1])
			rc = SQLITE_CORRUPT;
		if (rc != SQLITE_ROW)
			break;
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		match_forget(m);
		return -1;
	}
	m->n = n;
	m->match = xstrdup(match);
	/* a bit set when the ids span at most 64 Mi ids (8 MB), else binary search */
	if (n && m->ids[n - 1] - m->ids[0] < ((int64_t)1 << 26)) {
		size_t i, words = (size_t)((m->ids[n - 1] - m->ids[0]) / 64 + 1);
		m->lo = m->ids[0];
		m->bits = xcalloc(words, sizeof *m->bits);
		uint32_t sum = 0;
		for (i = 0; i < n; i++) {
			uint64_t k = (uint64_t)(m->ids[i] - m->lo);
			m->bits[k / 64] |= (uint64_t)1 << (k % 64);
		}
		/* a member's position (for its rank) is the members before it */
		m->before = xcalloc(words, sizeof *m->before);
		for (i = 0; i < words; i++) {
			m->before[i] = sum;
			sum += (uint32_t)__builtin_popcountll(m->bits[i]);
		}
	}
	return 0;
}

static long match_find(const struct store_match *m, int64_t id);

/* Ranks the matches: a story scores, for each word of the query its title holds, the
 * word's rarity among titles (idf), negated so that lower is better as bm25 has it;
 * the lists break ties by date. The index keeps no columns (detail=none), so the
 * titles' own index (search_title) says which titles hold a word; a word in the feed
 * text and one only in the fetched page count the same (an index of columns, which told
 * them apart, was three times the size and a third more work at every reload). The
 * query's terms are the quoted prefixes store_search_match joins with " AND ". */
static int match_rank(struct store *s, struct store_match *m)
{
	sqlite3_stmt *st = NULL;
	const char *t = m->match;
	long *hit = NULL;
	size_t cap = 0;
	double rows = 1;
	int single = strstr(t, " AND ") == NULL, rc = SQLITE_DONE;
	m->score = xcalloc(m->n ? m->n : 1, sizeof *m->score);
	if (!m->n)
		return 0;
	if (!single) { /* the number of stories, from the feeds' counts */
		if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(SUM(item_count), 0) FROM feeds", -1, &st,
				       NULL) != SQLITE_OK)
			return -1;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			rows = (double)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return -1;
		rc = SQLITE_DONE;
	}
	if (sqlite3_prepare_v2(s->db, "SELECT rowid FROM search_title WHERE search_title MATCH ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (*t && rc == SQLITE_DONE) {
		const char *end = strstr(t, " AND ");
		size_t len = end ? (size_t)(end - t) : strlen(t), nhit = 0, titles = 0, i;
		double idf = 1;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, t, (int)len, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			long k = match_find(m, sqlite3_column_int64(st, 0));
			titles++;
			if (k < 0)
				continue;
			if (nhit == cap) {
				cap = cap ? 2 * cap : 256;
				hit = xrealloc(hit, cap * sizeof *hit);
			}
			hit[nhit++] = k;
		}
		if (!single) {
			double all = rows > (double)titles ? rows : (double)titles;
			idf = log((all - (double)titles + 0.5) / ((double)titles + 0.5));
			if (!(idf > 1e-6))
				idf = 1e-6;
		}
		for (i = 0; i < nhit; i++)
			m->score[hit[i]] -= idf;
		t = end ? end + 5 : t + len;
	}
	sqlite3_finalize(st);
	free(hit);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The score of a story in the last search's matches (0 when none): the order of a ranked
 * list read by the plain join. */
static void fn_score(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	struct store_match *m = s->match;
	long k;
	(void)argc;
	if (m && m->score && (k = match_find(m, sqlite3_value_int64(argv[0]))) >= 0)
		sqlite3_result_double(ctx, m->score[k]);
	else
		sqlite3_result_double(ctx, 0);
}

int store_match_register(struct store *s)
{
	return sqlite3_create_function_v2(s->db, "crier_score", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
					  s, fn_score, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The matches of the FTS5 query, read again only when the query or the cache changed
 * since; with ranks when ranked. NULL on error. */
struct store_match *store_match_get(struct store *s, const char *match, int ranked)
{
	struct store_match *m = s->match;
	sqlite3_int64 changes;
	int dv;
	if (!m) {
		m = s->match = xcalloc(1, sizeof *m);
		m->order_v = -1;
	}
	changes = sqlite3_total_changes64(s->db);
	dv = data_version(s, m);
	if (dv < 0)
		return NULL;
	if (!m->match || strcmp(m->match, match) != 0 || m->changes != changes
	    || m->data_version != dv || (ranked && !m->score)) {
		/* the matches and their ranks from one snapshot of the cache */
		int own = sqlite3_get_autocommit(s->db) && store_exec(s, "BEGIN", NULL, 0) == 0;
		int bad = match_read(s, m, match) != 0 || (ranked && match_rank(s, m) != 0);
		if (own)
			store_exec(s, "COMMIT", NULL, 0);
		if (bad) {
			match_forget(m);
			return NULL;
		}
		m->changes = changes;
		m->data_version = dv;
	}
	return m;
}

size_t store_match_count(const struct store_match *m)
{
	return m->n;
}

/* The position of id in ids, or -1. */
static long match_find(const struct store_match *m, int64_t id)
{
	size_t a = 0, b = m->n;
	if (m->bits) {
		uint64_t k;
		if (id < m->lo || id > m->ids[m->n - 1])
			return -1;
		k = (uint64_t)(id - m->lo);
		if (!(m->bits[k / 64] & ((uint64_t)1 << (k % 64))))
			return -1;
		return (long)m->before[k / 64]
			+ __builtin_popcountll(m->bits[k / 64] & (((uint64_t)1 << (k % 64)) - 1));
	}
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (m->ids[mid] < id)
			a = mid + 1;
		else
			b = mid;
	}
	return a < m->n && m->ids[a] == id ? (long)a : -1;
}

/* Walking the list without its search: the ids in the list's order (by date for a
 * ranked list: rank ties go to the newer), its filters bound as the list binds them. */
static sqlite3_stmt *walk_stmt(struct store *s, struct store_match *m, int v)
{
	int w = v & WALK_VARIANTS;
	if (!m->walk[w]) {
		struct sbuf b = SBUF_INIT;
		sbuf_adds(&b, "SELECT i.id FROM items i");
		if (w & Q_TAG)
			sbuf_adds(&b, " JOIN feeds f ON f.id = i.feed_id");
		sbuf_adds(&b, " WHERE 1");
		if (w & Q_FEED)
			sbuf_adds(&b, " AND i.feed_id = ?1");
		if (w & Q_TAG)
			sbuf_adds(&b, " AND (' ' || f.tags || ' ') LIKE ('% ' || ?2 || ' %') ESCAPE '\\'");
		if (w & Q_UNREAD)
			sbuf_adds(&b, " AND i.unread = 1");
		if (w & Q_FLAGGED)
			sbuf_adds(&b, " AND i.flagged = 1");
		if (w & Q_UNREAD_FIRST)
			sbuf_adds(&b, " ORDER BY i.unread DESC, i.date DESC, i.id DESC");
		else
			sbuf_adds(&b, " ORDER BY i.date DESC, i.id DESC");
		if (sqlite3_prepare_v3(s->db, b.s, -1, SQLITE_PREPARE_PERSISTENT, &m->walk[w], NULL) != SQLITE_OK)
			m->walk[w] = NULL;
		sbuf_free(&b);
		if (!m->walk[w])
			return NULL;
	}
	sqlite3_reset(m->walk[w]);
	sqlite3_clear_bindings(m->walk[w]);
	return m->walk[w];
}

static sqlite3_stmt *walk_begin(struct store *s, struct store_match *m, const struct store_query *q,
				int v)
{
	sqlite3_stmt *st = walk_stmt(s, m, v);
	if (!st)
		return NULL;
	if (v & Q_FEED)
		sqlite3_bind_int64(st, 1, q->feed_id);
	if (v & Q_TAG)
		sqlite3_bind_text(st, 2, store_like_pattern(q->tag, 0), -1, free);
	return st;
}

long store_match_count_where(struct store *s, struct store_match *m, const struct store_query *q,
			     int v)
{
	sqlite3_stmt *st = walk_begin(s, m, q, v & ~(Q_UNREAD_FIRST | Q_RANK));
	long n = 0;
	int rc;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (match_find(m, sqlite3_column_int64(st, 0)) >= 0)
			n++;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : -1;
}

/* A row of the list by its id. 1 when filled, 0 when gone, -1 on error. */
static int row_get(struct store *s, struct store_match *m, int64_t id, struct store_row *r)
{
	int rc;
	if (!m->row && sqlite3_prepare_v3(s->db,
		"SELECT i.id, i.feed_id, i.date, i.unread, i.title,"
		" COALESCE(f.custom_title, f.title, f.url), i.link, i.flagged"
		" FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1",
		-1, SQLITE_PREPARE_PERSISTENT, &m->row, NULL) != SQLITE_OK) {
		m->row = NULL;
		return -1;
	}
	sqlite3_bind_int64(m->row, 1, id);
	rc = sqlite3_step(m->row);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(m->row, 0);
		r->feed_id = sqlite3_column_int64(m->row, 1);
		r->date = sqlite3_column_int64(m->row, 2);
		r->unread = sqlite3_column_int(m->row, 3);
		r->title = store_col_text(m->row, 4);
		r->feed_title = store_col_text(m->row, 5);
		r->link = store_col_text(m->row, 6);
		r->flagged = sqlite3_column_int(m->row, 7);
	}
	sqlite3_reset(m->row);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static long rows_by_id(struct store *s, struct store_match *m, const int64_t *ids, long n,
		       struct store_row *rows)
{
	long i, got = 0;
	for (i = 0; i < n; i++) {
		int rc = row_get(s, m, ids[i], &rows[got]);
		if (rc < 0) {
			while (got > 0)
				store_row_clear(&rows[--got]);
			return -1;
		}
		got += rc;
	}
	return got;
}

/* The best kept for a ranked page: a heap whose root is the worst kept. Members come in
 * date order, so a later one is better only with a better (lower) score. */
struct ranked {
	double score;
	long pos;
	int64_t id;
};

static int worse(const struct ranked *a, const struct ranked *b)
{
	return a->score > b->score || (a->score == b->score && a->pos > b->pos);
}

static void heap_down(struct ranked *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		struct ranked t;
		if (l < n && worse(&h[l], &h[w]))
			w = l;
		if (r < n && worse(&h[r], &h[w]))
			w = r;
		if (w == i)
			return;
		t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

static void heap_up(struct ranked *h, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		struct ranked t;
		if (!worse(&h[i], &h[p]))
			return;
		t = h[i];
		h[i] = h[p];
		h[p] = t;
		i = p;
	}
}

static int by_rank(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	return worse(x, y) ? 1 : worse(y, x) ? -1 : 0;
}

/* The whole list in its order into m->order (kept while the matches are). 0 or -1. */
static int order_full(struct store *s, struct store_match *m, const struct store_query *q, int v)
{
	sqlite3_stmt *st;
	struct ranked *all = NULL;
	size_t n = 0, cap = 0, i;
	int rc;
	if (m->order_v == (v & WALK_VARIANTS) && m->order_feed == q->feed_id
	    && (m->order_tag == NULL) == (q->tag == NULL) && (!q->tag || strcmp(m->order_tag, q->tag) == 0))
		return 0;
	st = walk_begin(s, m, q, v);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		long k = match_find(m, id);
		if (k < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			all = xrealloc(all, cap * sizeof *all);
		}
		all[n].id = id;
		all[n].pos = (long)n;
		all[n].score = (v & Q_RANK) ? m->score[k] : 0;
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(all);
		return -1;
	}
	if (v & Q_RANK)
		qsort(all, n, sizeof *all, by_rank);
	free(m->order);
	free(m->order_tag);
	m->order = xcalloc(n ? n : 1, sizeof *m->order);
	for (i = 0; i < n; i++)
		m->order[i] = all[i].id;
	free(all);
	m->norder = n;
	m->order_v = v & WALK_VARIANTS;
	m->order_feed = q->feed_id;
	m->order_tag = xstrdup(q->tag);
	return 0;
}

long store_match_rows(struct store *s, struct store_match *m, const struct store_query *q, int v,
		      long offset, long max, struct store_row *rows)
{
	sqlite3_stmt *st;
	int64_t *ids;
	long n = 0, seen = 0, got;
	int rc;
	if (offset < 0 || max <= 0)
		return 0;
	if (offset > 0) {
		if (order_full(s, m, q, v) != 0)
			return -1;
		if ((size_t)offset >= m->norder)
			return 0;
		n = (long)m->norder - offset < max ? (long)m->norder - offset : max;
		return rows_by_id(s, m, m->order + offset, n, rows);
	}
	st = walk_begin(s, m, q, v);
	if (!st)
		return -1;
	ids = xcalloc((size_t)max, sizeof *ids);
	if (!(v & Q_RANK)) {
		/* the members in the list's order, from the offset on */
		while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			if (match_find(m, id) < 0)
				continue;
			if (seen++ >= offset)
				ids[n++] = id;
		}
	} else {
		size_t keep = (size_t)offset + (size_t)max, kept = 0;
		struct ranked *h = xcalloc(keep, sizeof *h);
		long pos = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct ranked e;
			long k;
			e.id = sqlite3_column_int64(st, 0);
			k = match_find(m, e.id);
			if (k < 0)
				continue;
			e.score = m->score[k];
			e.pos = pos++;
			if (kept < keep) {
				h[kept] = e;
				heap_up(h, kept++);
			} else if (e.score < h[0].score) {
				h[0] = e;
				heap_down(h, kept, 0);
			}
		}
		qsort(h, kept, sizeof *h, by_rank);
		for (; (size_t)offset + (size_t)n < kept && n < max; n++)
			ids[n] = h[offset + n].id;
		free(h);
	}
	sqlite3_reset(st);
	got = rows_by_id(s, m, ids, n, rows);
	free(ids);
	return got;
}

/* Whether the join of the index to the items (and its sort) is cheaper than walking the
 * list's index: reading one item by id costs about forty steps of a covering index walk
 * (its date sits after the story text, often on overflow pages; measured on the cache of
 * tests/bench/search.sh). A page in list order walks about (offset + max) x items /
 * matches steps; a count with filters or a ranked page walks them all. */
int store_match_prefer_join(const struct store_match *m, long items, long want)
{
	double n = (double)m->n;
	if (n <= 0)
		return 1;
	if (want <= 0)
		return n * 40 < (double)items;
	return n * 40 < (double)want * (double)items / n;
}
