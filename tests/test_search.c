/* Full-text search in the cache: what a person finds with `/` or `-x search`, and that
 * the index follows every write (refresh, changed item, fetched page, expiry, removal). */
#include "config.h"
#include "check.h"
#include "old_cache.h"
#include "store_internal.h" /* the handle, to end a batch as sqlite does after an error */
#include "crier/store.h"
#include "crier/extract.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

static char dbpath[256];

static struct feed_item item(const char *id, const char *title, const char *link,
			     const char *summary, int64_t published)
{
	struct feed_item it;
	memset(&it, 0, sizeof it);
	it.id = (char *)id;
	it.title = (char *)title;
	it.link = (char *)link;
	it.summary = (char *)summary;
	it.published = published;
	it.updated = CRIER_NO_DATE;
	return it;
}

static int update(struct store *s, int64_t feed, struct feed_item *items, size_t n)
{
	char err[CRIER_ERRSZ];
	struct store_update *u = store_update_begin(s, feed, err, sizeof err);
	size_t i;
	if (!u)
		return -1;
	for (i = 0; i < n; i++) {
		int is_new;
		if (store_update_item(u, &items[i], &is_new) != 0) {
			store_update_fail(u, 200, "store failed");
			return -1;
		}
	}
	return store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err);
}

static long found(struct store *s, const char *words)
{
	struct store_query q = {0};
	q.search = words;
	return store_count(s, &q);
}

/* The titles a search lists, in its order, joined by "|". */
static char *titles(struct store *s, struct store_query *q)
{
	static char out[1024];
	struct store_row rows[16];
	long n = store_rows(s, q, 0, 16, rows), i;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, rows[i].title ? rows[i].title : "-", sizeof out - strlen(out) - 64);
		store_row_clear(&rows[i]);
	}
	return out;
}

static void put_page(struct store *s, const char *url, const char *body)
{
	struct article a;
	memset(&a, 0, sizeof a);
	a.url = (char *)url;
	a.title = (char *)"Page";
	a.body = (char *)body;
	a.body_html = (char *)"<p>page</p>";
	a.published = CRIER_NO_DATE;
	CHECK_INT(store_article_put(s, &a), 0);
}

/* The first column of the first row of sql (?1 bound to arg when given); -1 on error. */
static long long count_sql(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* 1 when the index merges a level's segments only once it holds 64 of them, and then
 * step by step with later commits (automerge 64; crisismerge 128, never reached): the
 * reload's commits are not merged a few at a time again and again, and no one commit
 * merges the whole index while it holds the write lock. */
static int merge_policy(sqlite3 *db, const char *table)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT (SELECT v FROM %s_config WHERE k = 'automerge') = 64"
		 " AND (SELECT v FROM %s_config WHERE k = 'crisismerge') = 128", table, table);
	return (int)count_sql(db, sql, NULL);
}

/* How many titles the titles' index (ranking's) finds for an FTS5 query. */
static long long titles_holding(const char *match)
{
	sqlite3 *db;
	long long n = -1;
	if (sqlite3_open(dbpath, &db) == SQLITE_OK)
		n = count_sql(db, "SELECT COUNT(*) FROM search_title WHERE search_title MATCH ?1", match);
	sqlite3_close(db);
	return n;
}

static void test_search(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct store_query q = {0};
	int64_t a, b;
	struct feed_item v[4];

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(merge_policy(s->db, "search"), 1);
	CHECK_INT(merge_policy(s->db, "search_title"), 1);
	CHECK_INT(store_feed_ensure(s, "https://vell-courier.example/rss", NULL, "local", &a, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://ostra-post.example/rss", NULL, "world", &b, err, sizeof err), 0);
	v[0] = item("v1", "Électricité returns to Vell after the storm",
		    "https://vell-courier.example/power", "<p>Crews worked &amp; rested.</p>", 1700000000);
	v[1] = item("v2", "Ferry timetable", "https://vell-courier.example/ferry",
		    "<p>The <b>storm</b> delayed the Kesten ferry.</p>", 1700003600);
	v[2] = item("v3", "Choir concert", "https://vell-courier.example/choir",
		    "<p>Tickets at the <a href=\"https://vell-courier.example/hall\">hall</a>.</p>", 1700007200);
	CHECK_INT(update(s, a, v, 3), 0);
	v[3] = item("o1", "Storm warning for Ostra", "https://ostra-post.example/storm",
		    "Plain words \"quoted\" here", 1700001000);
	CHECK_INT(update(s, b, v + 3, 1), 0);

	/* case, accents, word prefixes; every word must match */
	CHECK_INT(found(s, "electricite"), 1);
	CHECK_INT(found(s, "ELEC"), 1);
	CHECK_INT(found(s, "storm"), 3);
	CHECK_INT(found(s, "storm kesten"), 1);
	CHECK_INT(found(s, "storm nowhere"), 0);
	/* feed text is searched as words, not markup */
	CHECK_INT(found(s, "crews"), 1);
	CHECK_INT(found(s, "href"), 0);
	CHECK_INT(found(s, "amp"), 0);
	/* query syntax is plain text: quotes, operators, stars, brackets */
	CHECK_INT(found(s, "\"quoted"), 1);
	CHECK_INT(found(s, "storm OR choir"), 0);
	CHECK_INT(found(s, "NEAR(storm"), 0);
	CHECK_INT(found(s, "-- * ()"), 0);
	/* words with inner punctuation are cut as the index cuts them */
	CHECK_INT(found(s, "kesten's"), 1);
	CHECK_INT(found(s, "ostra\u2019s"), 1);
	CHECK_INT(found(s, "   "), 0);

	/* a word only in the fetched page */
	CHECK_INT(found(s, "soprano"), 0);
	put_page(s, "https://vell-courier.example/choir", "The soprano Ilse Marn sang first.");
	CHECK_INT(found(s, "soprano"), 1);
	CHECK_INT(found(s, "soprano choir"), 1);
	/* the page fetched again with other text: the old words go */
	put_page(s, "https://vell-courier.example/choir", "The tenor Aldo Fenn sang first.");
	CHECK_INT(found(s, "soprano"), 0);
	CHECK_INT(found(s, "tenor"), 1);

	/* ranked: a title match before a text match; by date otherwise */
	q.search = "storm";
	q.order = STORE_BY_RANK;
	{
		char *t = titles(s, &q);
		if (!(strstr(t, "Ferry timetable") == t + strlen(t) - strlen("Ferry timetable")))
			fprintf(stderr, "ranked: %s\n", t);
		CHECK(strstr(t, "Ferry timetable") == t + strlen(t) - strlen("Ferry timetable"));
	}
	q.order = STORE_BY_DATE;
	CHECK_STR(titles(s, &q), "Ferry timetable|Storm warning for Ostra|Électricité returns to Vell after the storm");
	/* with a feed, a tag, unread only */
	q.feed_id = b;
	CHECK_STR(titles(s, &q), "Storm warning for Ostra");
	CHECK_INT(store_count(s, &q), 1);
	q.feed_id = 0;
	q.tag = "local";
	CHECK_INT(store_count(s, &q), 2);
	q.tag = NULL;
	{
		struct store_row r;
		struct store_query one = {0};
		one.search = "kesten";
		CHECK_INT(store_rows(s, &one, 0, 1, &r), 1);
		store_mark_read(s, r.id, 1);
		store_row_clear(&r);
	}
	q.unread_only = 1;
	CHECK_INT(store_count(s, &q), 2);
	q.unread_only = 0;

	/* a changed item: its old words go, its new ones come */
	v[1].title = (char *)"Ferry returns";
	v[1].summary = (char *)"<p>Calm sea again.</p>";
	CHECK_INT(update(s, a, v, 3), 0);
	CHECK_INT(found(s, "kesten"), 0);
	CHECK_INT(found(s, "calm"), 1);
	CHECK_INT(found(s, "timetable"), 0);
	/* and the titles' index, which ranks, follows the new title */
	CHECK_INT(titles_holding("timetable"), 0);
	CHECK_INT(titles_holding("returns"), 2);
	/* an item refetched unchanged stays found once */
	CHECK_INT(update(s, a, v, 3), 0);
	CHECK_INT(found(s, "calm"), 1);

	/* long story text is kept compressed: it reads back whole, is searched, and when it
	 * changes its old words leave the index */
	{
		static char longtext[4096];
		struct feed_item *back;
		struct store_row r;
		struct store_query one = {0};
		sqlite3 *db;
		sqlite3_stmt *st;
		size_t k;
		strcpy(longtext, "<p>Harbourmaster Quillon counted the boats.</p>");
		for (k = 0; k < 40; k++)
			strcat(longtext, "<p>The nets were mended on the slipway again today.</p>");
		v[2].content = longtext;
		CHECK_INT(update(s, a, v, 3), 0);
		CHECK_INT(found(s, "quillon"), 1);
		one.search = "quillon";
		CHECK_INT(store_rows(s, &one, 0, 1, &r), 1);
		back = store_item(s, r.id);
		store_row_clear(&r);
		CHECK(back != NULL);
		if (back)
			CHECK_STR(back->content, longtext);
		feed_item_free(back);
		CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
		CHECK_INT(sqlite3_prepare_v2(db, "SELECT typeof(content), length(content) FROM items"
					     " WHERE guid = 'v3'", -1, &st, NULL), SQLITE_OK);
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(st, 0), "blob");
		CHECK(sqlite3_column_int(st, 1) < (int)strlen(longtext) / 4);
		sqlite3_finalize(st);
		sqlite3_close(db);
		longtext[17] = 'X'; /* Quillon becomes Xuillon */
		CHECK_INT(update(s, a, v, 3), 0);
		CHECK_INT(found(s, "quillon"), 0);
		CHECK_INT(found(s, "xuillon"), 1);
		CHECK_INT(found(s, "slipway"), 1);
		v[2].content = NULL;
	}

	/* a removed feed takes its stories out of the search */
	CHECK_INT(store_feed_remove(s, b), 0);
	CHECK_INT(found(s, "ostra"), 0);
	CHECK_INT(found(s, "storm"), 1);
	CHECK_INT(titles_holding("ostra"), 0);
	CHECK_INT(titles_holding("storm"), 1);
	store_close(s);

	/* reopened: the index is on disk */
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(found(s, "tenor"), 1);
		store_close(s);
	}
}

/* A cache from before search (schema 7) gets its index built when opened: titles,
 * feed text and fetched pages, and keeps it in step from then on. */
static void test_migration(void)
{
	char err[CRIER_ERRSZ], old[300];
	struct store *s;
	snprintf(old, sizeof old, "%s-schema7", dbpath);
	if (old_cache_make(old, 7,
		"INSERT INTO feeds(id, url, generation, position, unread_count, item_count)"
		" VALUES(1, 'https://vell-courier.example/rss', 1, 1, 2, 3);"
		"INSERT INTO items(feed_id, guid, title, link, summary, content, first_seen, date,"
		"  seen_generation, unread) VALUES"
		" (1, 'v1', 'Électricité returns to Vell', 'https://vell-courier.example/power',"
		"  '<p>Crews worked &amp; rested.</p>', NULL, 1700000000, 1700000000, 1, 1),"
		" (1, 'v2', 'Ferry returns', 'https://vell-courier.example/ferry', 'Calm sea',"
		"  '<p>Calm sea again.</p>', 1700003600, 1700003600, 1, 0),"
		" (1, 'v3', 'Choir concert', 'https://vell-courier.example/choir', NULL, NULL,"
		"  1700007200, 1700007200, 1, 1);"
		"INSERT INTO articles(url, title, body, body_html, fetched) VALUES"
		" ('https://vell-courier.example/choir', 'Page', 'The tenor Aldo Fenn sang first.',"
		"  '<p>page</p>', 1700007300);") != 0)
		return;
	s = store_open(old, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(old_cache_version(old), store_schema_latest());
	CHECK_INT(merge_policy(s->db, "search"), 1);
	CHECK_INT(merge_policy(s->db, "search_title"), 1);
	CHECK_INT(found(s, "electricite"), 1);
	CHECK_INT(found(s, "tenor"), 1);
	CHECK_INT(found(s, "calm"), 1);
	CHECK_INT(found(s, "crews rested"), 1);
	CHECK_INT(found(s, "amp"), 0);
	/* and keeps it in step from then on */
	put_page(s, "https://vell-courier.example/power", "Linesmen from Dorrin helped.");
	CHECK_INT(found(s, "linesmen"), 1);
	CHECK_INT(store_expire(s, 0, 1), 0); /* unread or still listed: nothing goes */
	CHECK_INT(found(s, "linesmen"), 1);
	CHECK_INT(found(s, "tenor"), 1);
	store_close(s);
	old_cache_remove(old);

	/* a cache whose index was dropped (as a benchmark does) still opens, indexed again */
	snprintf(old, sizeof old, "%s-noindex", dbpath);
	if (old_cache_make(old, 13,
		"DROP TRIGGER search_item_delete; DROP TRIGGER search_item_update;"
		"DROP TRIGGER search_article_insert; DROP TRIGGER search_article_delete;"
		"DROP TRIGGER search_article_update; DROP TABLE search;"
		"INSERT INTO feeds(id, url, generation, position, unread_count, item_count)"
		" VALUES(1, 'https://vell-courier.example/rss', 1, 1, 1, 1);"
		"INSERT INTO items(feed_id, guid, title, link, summary, first_seen, date,"
		"  seen_generation, unread) VALUES"
		" (1, 'v1', 'Lamplighters strike', 'https://vell-courier.example/lamps',"
		"  '<p>The quay stayed dark.</p>', 1700000000, 1700000000, 1, 1);") != 0)
		return;
	s = store_open(old, err, sizeof err);
	CHECK(s != NULL);
	if (!s) {
		fprintf(stderr, "open: %s\n", err);
		return;
	}
	CHECK_INT(found(s, "quay"), 1);
	CHECK_INT(found(s, "lamplight"), 1);
	store_close(s);
	old_cache_remove(old);

	/* the same after the index's options were set (16): the cache opens and lists its
	 * story, with no index to set them on */
	if (old_cache_make(old, 15,
		"DROP TRIGGER search_item_delete; DROP TRIGGER search_item_update;"
		"DROP TRIGGER search_article_insert; DROP TRIGGER search_article_delete;"
		"DROP TRIGGER search_article_update; DROP TRIGGER search_title_delete;"
		"DROP TRIGGER search_title_update; DROP TABLE search; DROP TABLE search_title;"
		"INSERT INTO feeds(id, url, generation, position, unread_count, item_count)"
		" VALUES(1, 'https://vell-courier.example/rss', 1, 1, 1, 1);"
		"INSERT INTO items(feed_id, guid, title, link, summary, first_seen, date,"
		"  seen_generation, unread) VALUES"
		" (1, 'v1', 'Lamplighters strike', 'https://vell-courier.example/lamps',"
		"  '<p>The quay stayed dark.</p>', 1700000000, 1700000000, 1, 1);") != 0)
		return;
	s = store_open(old, err, sizeof err);
	CHECK(s != NULL);
	if (!s) {
		fprintf(stderr, "open: %s\n", err);
		return;
	}
	{
		struct store_query all = {0};
		CHECK_INT(store_count(s, &all), 1);
	}
	store_close(s);
	CHECK_INT(old_cache_version(old), store_schema_latest());
	old_cache_remove(old);

	/* a cache made with the all-at-once merge (16) gets the step-by-step one */
	if (old_cache_make(old, 16, "SELECT 1;") != 0)
		return;
	s = store_open(old, err, sizeof err);
	CHECK(s != NULL);
	if (!s) {
		fprintf(stderr, "open: %s\n", err);
		return;
	}
	CHECK_INT(merge_policy(s->db, "search"), 1);
	CHECK_INT(merge_policy(s->db, "search_title"), 1);
	store_close(s);
	CHECK_INT(old_cache_version(old), store_schema_latest());
	old_cache_remove(old);
}

/* The order a search's list must have, by SQL over the index joined to the items (the
 * plain way, whatever the store does to be fast): ids joined by " ". */
static char *expect_ids(const char *path, const char *match, const char *where, const char *order)
{
	static char out[16384];
	char sql[4096];
	sqlite3 *db;
	sqlite3_stmt *st;
	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT i.id FROM search JOIN items i ON i.id = search.rowid"
		 " JOIN feeds f ON f.id = i.feed_id WHERE search MATCH ?1%s ORDER BY %s", where, order);
	if (sqlite3_open(path, &db) != SQLITE_OK || store_search_register(db, NULL) != 0
	    || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "expect_ids: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return out;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && strlen(out) + 24 < sizeof out)
		sprintf(out + strlen(out), "%s%lld", out[0] ? " " : "", (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/* The order of a ranked list as an ORDER BY term: for each of the query's terms its title
 * holds, the term's idf among titles (1 for a query of one term), the larger sum first. */
static const char *rank_order(const char *path, const char *const *terms, int nterms)
{
	static char out[2048];
	sqlite3 *db;
	double rows = 1;
	int i;
	strcpy(out, "-(0");
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return out;
	}
	if (nterms > 1)
		rows = (double)count_sql(db, "SELECT SUM(item_count) FROM feeds", NULL);
	for (i = 0; i < nterms; i++) {
		double idf = 1;
		char in[160];
		if (nterms > 1) {
			double n = (double)count_sql(db, "SELECT COUNT(*) FROM search_title"
						     " WHERE search_title MATCH ?1", terms[i]);
			idf = log((rows - n + 0.5) / (n + 0.5));
		}
		snprintf(in, sizeof in, " + (i.id IN (SELECT rowid FROM search_title"
			 " WHERE search_title MATCH '%s')) * %.17g", terms[i], idf);
		strcat(out, in);
	}
	strcat(out, "),");
	sqlite3_close(db);
	return out;
}

/* The same list read from the store a page at a time, as the interface pages. */
static char *paged_ids(struct store *s, const struct store_query *q, long page)
{
	static char out[16384];
	struct store_row rows[64];
	long off = 0, n, i;
	out[0] = '\0';
	do {
		n = store_rows(s, q, off, page, rows);
		for (i = 0; i < n; i++) {
			if (strlen(out) + 24 < sizeof out)
				sprintf(out + strlen(out), "%s%lld", out[0] ? " " : "", (long long)rows[i].id);
			store_row_clear(&rows[i]);
		}
		off += n;
	} while (n == page);
	return out;
}

/* Searches matching few or most of many stories, in each order and with each filter, list
 * and count the same stories in the same order as the plain join does, page by page. */
static void test_many(void)
{
	static const char *const words[] = {"harbour", "lantern", "quay", "harbour lantern"};
	static const char *const fts[] = {"\"harbour\"*", "\"lantern\"*", "\"quay\"*",
		"\"harbour\"* AND \"lantern\"*"};
	char err[CRIER_ERRSZ], path[300];
	struct store *s;
	struct feed_item v[200];
	char title[200][96], sum[200][128], guid[200][16], link[200][64];
	int64_t feeds[2];
	int f, i, w;
	snprintf(path, sizeof path, "%s-many", dbpath);
	old_cache_remove(path);
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://tidewater-gazette.example/rss", NULL, "coast", &feeds[0], err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://upland-herald.example/rss", NULL, "inland", &feeds[1], err, sizeof err), 0);
	for (f = 0; f < 2; f++) {
		for (i = 0; i < 200; i++) {
			int k = f * 200 + i;
			/* harbour in most stories, lantern in a third, quay in a few; in the title
			 * or the text by turns, so that ranks differ; dates tie in threes */
			snprintf(title[i], sizeof title[i], "Story %d%s%s", k,
				 k % 10 && k % 4 == 0 ? " harbour" : "", k % 3 == 0 && k % 2 ? " lantern" : "");
			snprintf(sum[i], sizeof sum[i], "<p>Notes %d%s%s%s</p>", k,
				 k % 10 && k % 4 ? " harbours" : "", k % 3 == 0 && k % 2 == 0 ? " lanterns" : "",
				 k % 37 == 0 ? " quay" : "");
			snprintf(guid[i], sizeof guid[i], "m%d", k);
			snprintf(link[i], sizeof link[i], "https://tidewater-gazette.example/m%d", k);
			v[i] = item(guid[i], title[i], link[i], sum[i], 1700000000 + (k % 150 / 3) * 60);
		}
		CHECK_INT(update(s, feeds[f], v, 200), 0);
	}
	{
		struct store_query all = {0};
		struct store_row r[50];
		long n = store_rows(s, &all, 0, 50, r);
		for (i = 0; i < n; i++) {
			if (i % 3 == 0)
				store_mark_read(s, r[i].id, 1);
			store_row_clear(&r[i]);
		}
	}
	for (w = 0; w < 4; w++) {
		int o, filt;
		for (o = 0; o < 3; o++) {
			for (filt = 0; filt < 4; filt++) {
				struct store_query q = {0};
				char where[160] = "", order[2200], want[16384];
				q.search = words[w];
				q.order = o == 0 ? STORE_BY_DATE : o == 1 ? STORE_BY_RANK : STORE_UNREAD_FIRST;
				snprintf(order, sizeof order, "%s i.date DESC, i.id DESC",
					 o == 1 ? rank_order(path, w == 3 ? fts : fts + w, w == 3 ? 2 : 1)
					 : o == 2 ? "i.unread DESC," : "");
				if (filt == 1) {
					q.feed_id = feeds[1];
					snprintf(where, sizeof where, " AND i.feed_id = %lld", (long long)feeds[1]);
				} else if (filt == 2) {
					q.tag = "coast";
					snprintf(where, sizeof where, " AND f.tags = 'coast'");
				} else if (filt == 3) {
					q.unread_only = 1;
					snprintf(where, sizeof where, " AND i.unread = 1");
				}
				strcpy(want, expect_ids(path, fts[w], where, order));
				if (strcmp(paged_ids(s, &q, 37), want) != 0)
					fprintf(stderr, "search '%s' order %d filter %d differs\n", words[w], o, filt);
				CHECK_STR(paged_ids(s, &q, 37), want);
				CHECK_STR(paged_ids(s, &q, 64), want);
				{
					long n = 0;
					const char *p;
					for (p = want; *p; p++)
						n += *p == ' ';
					CHECK_INT(store_count(s, &q), *want ? n + 1 : 0);
				}
			}
		}
	}
	/* the matches held for the list follow a write */
	{
		struct store_query q = {0};
		long before;
		q.search = "harbour";
		before = store_count(s, &q);
		v[1] = item("m-new", "A new harbour wall", "https://tidewater-gazette.example/new",
			    "<p>Stone.</p>", 1800000000);
		CHECK_INT(update(s, feeds[0], v + 1, 1), 0);
		CHECK_INT(store_count(s, &q), before + 1);
		CHECK(strncmp(titles(s, &q), "A new harbour wall|", 19) == 0);
	}
	store_close(s);
	old_cache_remove(path);
}

/* A reload writes its feeds in batches, each feed a savepoint, and the index takes the
 * batch's new stories when it commits. What a search finds afterwards must be what was
 * kept: a feed rolled back leaves no words, a story changed later in the same batch (its
 * feed updated twice, or the same id twice in one feed) is found by its new words only,
 * and a page stored inside the batch is found with its story. Repeated words, any case,
 * are found once per story. */
static void test_batch(void)
{
	char err[CRIER_ERRSZ], path[300];
	struct store *s;
	struct store_update *u;
	struct feed_item v[3];
	int64_t a, b, c;
	int is_new;
	sqlite3 *db;
	snprintf(path, sizeof path, "%s-batch", dbpath);
	old_cache_remove(path);
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://tarn-gazette.example/rss", NULL, NULL, &a, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://ossel-bulletin.example/rss", NULL, NULL, &b, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://wend-ledger.example/rss", NULL, NULL, &c, err, sizeof err), 0);
	CHECK_INT(store_batch_begin(s, err, sizeof err), 0);
	v[0] = item("t1", "Harbour lamps", "https://tarn-gazette.example/lamps",
		    "<p>Lamp lamp LAMP: the oil, the oil again, and the Électricité électricité debate.</p>",
		    1700000000);
	v[1] = item("t2", "Ferry timetable", "https://tarn-gazette.example/ferry",
		    "Boats: ÉLAN, élan, Élan", 1700000100);
	CHECK_INT(update(s, a, v, 2), 0);
	/* a feed that fails half way: nothing of it stays */
	u = store_update_begin(s, b, err, sizeof err);
	CHECK(u != NULL);
	if (u) {
		v[2] = item("o1", "Zembrak bridge", "https://ossel-bulletin.example/bridge", "Zembrak", 1700000200);
		CHECK_INT(store_update_item(u, &v[2], &is_new), 0);
		store_update_fail(u, 500, "server error");
	}
	/* the first feed again in the same batch: its lamp story changed */
	v[0].summary = (char *)"<p>The lamps burn kerosene now.</p>";
	CHECK_INT(update(s, a, v, 1), 0);
	/* one id twice in one feed: the second text is the story's */
	v[0] = item("w1", "Mill notes", "https://wend-ledger.example/mill", "Quillon wheel", 1700000300);
	v[1] = item("w1", "Mill notes", "https://wend-ledger.example/mill", "Brannock wheel", 1700000300);
	CHECK_INT(update(s, c, v, 2), 0);
	put_page(s, "https://tarn-gazette.example/ferry", "Timetables posted by the harbourmaster Ysolde Garr.");
	CHECK_INT(store_batch_commit(s, err, sizeof err), 0);
	CHECK_INT(found(s, "lamps"), 1);
	CHECK_INT(found(s, "LAMP"), 1);
	CHECK_INT(found(s, "kerosene"), 1);
	CHECK_INT(found(s, "oil"), 0);
	CHECK_INT(found(s, "electricite"), 0);
	CHECK_INT(found(s, "elan"), 1);
	CHECK_INT(found(s, "zembrak"), 0);
	CHECK_INT(found(s, "quillon"), 0);
	CHECK_INT(found(s, "brannock"), 1);
	CHECK_INT(found(s, "wheel"), 1);
	CHECK_INT(found(s, "ysolde"), 1);
	CHECK_INT(found(s, "boats"), 1);
	store_close(s);
	/* An entry as an older crier wrote it, every word as often as the text has it: the
	 * story's next change removes it whole. */
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db,
		"INSERT INTO items(feed_id, guid, title, link, summary, first_seen, date,"
		"  seen_generation, unread) VALUES"
		" (1, 't3', 'Tide gauge', 'https://tarn-gazette.example/tide', 'Tide TIDE tide gauge gauge',"
		"  1700000400, 1700000400, 1, 1);"
		"INSERT INTO search(rowid, title, text) SELECT id, title, 'Tide TIDE tide gauge gauge'"
		" FROM items WHERE guid = 't3';", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(found(s, "gauge"), 1);
	v[0] = item("t3", "Sea level", "https://tarn-gazette.example/tide", "Marker stones", 1700000400);
	CHECK_INT(update(s, a, v, 1), 0);
	CHECK_INT(found(s, "gauge"), 0);
	CHECK_INT(found(s, "tide"), 0);
	CHECK_INT(found(s, "marker"), 1);
	store_close(s);
	old_cache_remove(path);
}

/* After some errors (disk full, I/O, out of memory) sqlite rolls a whole transaction back
 * by itself: a batch's earlier feeds are then gone, and their waiting index entries must
 * go too (new stories would take their rowids and be found by the lost stories' words).
 * The batch fails whole and says so; the next one indexes right. */
static void test_batch_lost(void)
{
	char err[CRIER_ERRSZ], path[300];
	struct store *s;
	struct feed_item v[1];
	int64_t a, b;
	snprintf(path, sizeof path, "%s-lost", dbpath);
	old_cache_remove(path);
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://quell-herald.example/rss", NULL, NULL, &a, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://brisk-almanac.example/rss", NULL, NULL, &b, err, sizeof err), 0);
	CHECK_INT(store_batch_begin(s, err, sizeof err), 0);
	v[0] = item("q1", "Zebra crossing", "https://quell-herald.example/zebra", "Zebra stripes", 1700000000);
	CHECK_INT(update(s, a, v, 1), 0);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL); /* what sqlite does after SQLITE_FULL */
	v[0] = item("b1", "Giraffe keeper", "https://brisk-almanac.example/giraffe", "Giraffe neck", 1700000100);
	CHECK(update(s, b, v, 1) != 0);
	err[0] = '\0';
	CHECK(store_batch_commit(s, err, sizeof err) != 0);
	CHECK(strstr(err, "rolled back") != NULL);
	CHECK_INT(found(s, "zebra"), 0);
	CHECK_INT(found(s, "giraffe"), 0);
	CHECK_INT(update(s, b, v, 1), 0);
	CHECK_INT(found(s, "giraffe"), 1);
	CHECK_INT(found(s, "zebra"), 0);
	store_close(s);
	old_cache_remove(path);
}

/* The index's text of a story, as plainly as it can be said: each word once, first seen
 * first, lowered; a word is a run of ASCII letters and digits and bytes of 0x80 and
 * more; tags and character references are no words. The store's own (fast) must give
 * exactly this: the index removes an entry by the text it was given again, so a text
 * that changed would leave stories found that are gone. */
static void plain_words(char *out, size_t *o, const char *s)
{
	while (*s) {
		const char *e = s;
		size_t k;
		while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9')
		       || (unsigned char)*e >= 0x80)
			e++;
		if (e > s) {
			char word[512];
			const char *p = out;
			size_t n = (size_t)(e - s), i, dup = 0;
			for (i = 0; i < n; i++)
				word[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
			while (p < out + *o && !dup) { /* the words kept so far */
				const char *q = strchr(p, ' ');
				dup = (size_t)(q - p) == n && memcmp(p, word, n) == 0;
				p = q + 1;
			}
			if (!dup) {
				memcpy(out + *o, word, n);
				*o += n;
				out[(*o)++] = ' ';
			}
			s = e;
			continue;
		}
		if (*s == '<') {
			e = strchr(s, '>');
			s = e ? e + 1 : s + strlen(s);
			continue;
		}
		if (*s == '&') {
			for (k = 1; k < 10 && (s[k] == '#' || isalnum((unsigned char)s[k])); k++)
				;
			s += s[k] == ';' && k > 1 ? k + 1 : 1;
			continue;
		}
		s++;
	}
}

static void test_words(void)
{
	static const char *const bits[] = {
		"a", "B", "z", "Q", "0", "9", "\xc3\xa9", "\xc3\x89", "\xe2\x80\x94", " ", "  ",
		"<", ">", "<p>", "</a>", "&", "amp;", "&amp;", "&#8217;", "&#x2014;", "#", ";",
		"-", "'", "word", "Word", "WORDS", "longerwordthansixteenbytes", "@", "[", "`",
		"{", "/", ":", "\t", "\n", "x1y2z3", "Z\303\266e",
	};
	unsigned seed = 12345;
	int i, bad = 0;
	for (i = 0; i < 20000 && bad < 3; i++) {
		char con[700], sum[300], want[1100], *got;
		size_t nc = 0, ns = 0, o = 0;
		int k, n;
		con[0] = sum[0] = '\0';
		for (n = 0, k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 90; n < k; n++) {
			const char *b = bits[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof bits / sizeof *bits)];
			if (nc + strlen(b) < sizeof con) {
				strcpy(con + nc, b);
				nc += strlen(b);
			}
		}
		for (n = 0, k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 30; n < k; n++) {
			const char *b = bits[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof bits / sizeof *bits)];
			if (ns + strlen(b) < sizeof sum) {
				strcpy(sum + ns, b);
				ns += strlen(b);
			}
		}
		plain_words(want, &o, con);
		plain_words(want, &o, sum);
		if (o)
			want[o - 1] = '\0';
		got = store_search_text(sum, con);
		if (o ? !got || strcmp(got, want) != 0 : got != NULL) {
			fprintf(stderr, "index text of \"%s\" + \"%s\":\n  got  \"%s\"\n  want \"%s\"\n", con,
				sum, got ? got : "(none)", o ? want : "(none)");
			bad++;
		}
		free(got);
	}
	CHECK_INT(bad, 0);
}

/* ---- the index's tokenizer: crier's connections cut text as sqlite's unicode61 ---- */

struct toks {
	char s[4096];
	size_t n;
};

static int tok_put(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct toks *t = ctx;
	int k = snprintf(t->s + t->n, sizeof t->s - t->n, "%d:%.*s@%d-%d|", flags, n, tok, start, end);
	if (k > 0 && (size_t)k < sizeof t->s - t->n)
		t->n += (size_t)k;
	return SQLITE_OK;
}

static fts5_api *fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

/* The tokens (with their offsets) the connection's unicode61 gives text, with args. */
static void cut(sqlite3 *db, const char **args, int nargs, int flags, const char *text,
		struct toks *out)
{
	fts5_api *api = fts5_of(db);
	fts5_tokenizer tk;
	Fts5Tokenizer *tz = NULL;
	void *ud = NULL;
	out->n = 0;
	out->s[0] = '\0';
	if (!api || api->xFindTokenizer(api, "unicode61", &ud, &tk) != SQLITE_OK
	    || tk.xCreate(ud, args, nargs, &tz) != SQLITE_OK) {
		snprintf(out->s, sizeof out->s, "(no tokenizer)");
		return;
	}
	tk.xTokenize(tz, out, flags, text, (int)strlen(text), tok_put);
	tk.xDelete(tz);
}

static void test_tokenizer(void)
{
	/* German, French, Turkish dotted and dotless i, Greek, CJK, a combining accent,
	 * ligatures, stray bytes of broken UTF-8, ASCII of every kind */
	static const char *const bits[] = {
		"a", "Z", "q", "7", " ", "  ", "-", "'", "_", ".", "<p>", "&amp;", "\t", "\n",
		"Stra\xc3\x9f" "e", "\xc3\x84rger", "\xc3\xbc" "ber", "\xc3\x89LAN", "fran\xc3\xa7" "ais",
		"\xc4\xb0zmir", "I\xc4\x9f" "d\xc4\xb1r", "k\xc4\xb1\xc5\x9f\xc4\xb1n", "\xc4\xb1", "\xc4\xb0",
		"\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1", "\xce\xa3\xce\x8f\xcf\x82",
		"\xe6\x9d\xb1\xe4\xba\xac", "\xe3\x81\xae", "cafe\xcc\x81", "\xcc\x81",
		"\xc7\x85" "emal", "\xef\xac\x81" "n", "\xe2\x80\x94", "\xe2\x80\x99s", "\xc2\xa0",
		"\xff", "\x80", "\xc3", "Word", "WORDS", "mIxEd", "x1Y2", "longerwordthansixteenbytes",
		"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "aBcDeFgHiJkLmNoPqRsTuVwXyZ",
		"!\"#$%()*+,/:;=?@[\\]^`{|}~",
	};
	static const char *rd2[] = {"remove_diacritics", "2"};
	static const char *chars[] = {"remove_diacritics", "2", "tokenchars", "-_"};
	char err[CRIER_ERRSZ];
	struct store *s;
	sqlite3 *plain;
	unsigned seed = 777;
	int i, bad = 0;
	unlink(dbpath);
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	CHECK_INT(sqlite3_open(":memory:", &plain), SQLITE_OK);
	if (!s)
		return;
	for (i = 0; i < 6000 && bad < 3; i++) {
		char text[600];
		struct toks want, got;
		size_t n = 0;
		int k, j, which = i % 3;
		text[0] = '\0';
		for (j = 0, k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40; j < k; j++) {
			const char *b = bits[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof bits / sizeof *bits)];
			if (n + strlen(b) < sizeof text) {
				strcpy(text + n, b);
				n += strlen(b);
			}
		}
		/* with the index's options, with none, with options that change ASCII; as a
		 * document and as a query */
		cut(plain, which == 0 ? rd2 : chars, which == 0 ? 2 : which == 1 ? 0 : 4,
		    i & 1 ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT, text, &want);
		cut(s->db, which == 0 ? rd2 : chars, which == 0 ? 2 : which == 1 ? 0 : 4,
		    i & 1 ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT, text, &got);
		if (strcmp(want.s, got.s) != 0) {
			fprintf(stderr, "tokens of \"%s\":\n  got  %s\n  want %s\n", text, got.s, want.s);
			bad++;
		}
	}
	CHECK_INT(bad, 0);
	sqlite3_close(plain);
	store_close(s);
	unlink(dbpath);
}

/* What a person finds in stories written in several languages: case and accents do not
 * matter where unicode61 folds them, and words of other scripts are found whole and by
 * their beginning. */
static void test_languages(void)
{
	char err[CRIER_ERRSZ];
	struct store *s;
	int64_t f;
	struct feed_item v[] = {
		item("de", "Der \xc3\x84rger \xc3\xbc" "ber die Stra\xc3\x9f" "e", "https://a.example/de",
		     "<p>Ein M\xc3\xb6" "belst\xc3\xbc" "ck aus Fr\xc3\xb6nkel</p>", 1000),
		item("fr", "Un \xc3\xa9lan tr\xc3\xa8s fran\xc3\xa7" "ais", "https://a.example/fr",
		     "<p>Le caf\xc3\xa9 de Qu\xc3\xa9verne</p>", 2000),
		item("tr", "\xc4\xb0zmir ve I\xc4\x9f" "d\xc4\xb1r", "https://a.example/tr",
		     "<p>K\xc4\xb1\xc5\x9f\xc4\xb1n Olvenbey</p>", 3000),
		item("el", "\xce\x97 \xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1", "https://a.example/el",
		     "<p>\xcf\x84\xce\xbf \xcf\x80\xcf\x81\xcf\x89\xce\xaf</p>", 4000),
		item("ja", "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xae\xe6\x9c\x9d", "https://a.example/ja",
		     "<p>Marrow Tern</p>", 5000),
		item("cm", "Combining", "https://a.example/cm", "<p>Ol cafe\xcc\x81 Nuvrel</p>", 6000),
	};
	unlink(dbpath);
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://a.example/feed", NULL, NULL, &f, err, sizeof err), 0);
	CHECK_INT(update(s, f, v, sizeof v / sizeof *v), 0);
	CHECK_INT(found(s, "arger"), 1);
	CHECK_INT(found(s, "\xc3\x84RGER"), 1);
	CHECK_INT(found(s, "stra\xc3\x9f" "e"), 1);
	CHECK_INT(found(s, "mobelstuck"), 1);
	CHECK_INT(found(s, "FRONKEL"), 1);
	CHECK_INT(found(s, "ELAN"), 1);
	CHECK_INT(found(s, "francais tr"), 1);
	CHECK_INT(found(s, "cafe"), 2); /* the French one and the combining accent's */
	CHECK_INT(found(s, "caf\xc3\xa9"), 2);
	CHECK_INT(found(s, "quev"), 1);
	CHECK_INT(found(s, "izmir"), 1);
	CHECK_INT(found(s, "\xc4\xb0ZM\xc4\xb0R"), 1);
	CHECK_INT(found(s, "k\xc4\xb1\xc5\x9f\xc4\xb1n"), 1);
	CHECK_INT(found(s, "olvenbey"), 1);
	CHECK_INT(found(s, "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1"), 1);
	CHECK_INT(found(s, "\xce\xb1\xce\xb8\xce\xae"), 1);
	CHECK_INT(found(s, "\xcf\x80\xcf\x81\xcf\x89\xce\xaf"), 1);
	CHECK_INT(found(s, "\xe6\x9d\xb1\xe4\xba\xac"), 1);
	CHECK_INT(found(s, "tern marrow"), 1);
	CHECK_INT(found(s, "nuvrel"), 1);
	CHECK_INT(found(s, "nuvrel arger"), 0);
	store_close(s);
	unlink(dbpath);
}

/* Seventy reloads, each its own commit and so its own segment of the index, with stories
 * edited by their feed on the way: when the 64 segments are merged at once, a story is
 * found by its words of now and never by those it had. */
static void test_many_commits(void)
{
	char err[CRIER_ERRSZ], id[32], title[64], body[96], link[64];
	struct store *s;
	int64_t f;
	int i;
	unlink(dbpath);
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://tarn-gazette.example/rss", NULL, NULL, &f, err, sizeof err), 0);
	for (i = 0; i < 70; i++) {
		struct feed_item v[2];
		int n = 1;
		snprintf(id, sizeof id, "t%d", i);
		snprintf(title, sizeof title, "Tarn notes w%dq", i);
		snprintf(body, sizeof body, "<p>Harbour log k%dz and common brackwater</p>", i);
		snprintf(link, sizeof link, "https://tarn-gazette.example/%d", i);
		v[0] = item(id, title, link, body, 1700000000 + i);
		CHECK_INT(store_batch_begin(s, err, sizeof err), 0);
		CHECK_INT(update(s, f, v, n), 0);
		if (i % 3 == 2) { /* the story before is edited: new words, old ones gone */
			static char id2[32], title2[64], body2[96], link2[64];
			snprintf(id2, sizeof id2, "t%d", i - 1);
			snprintf(title2, sizeof title2, "Tarn notes e%dx", i - 1);
			snprintf(body2, sizeof body2, "<p>Harbour log m%dy and common brackwater</p>", i - 1);
			snprintf(link2, sizeof link2, "https://tarn-gazette.example/%d", i - 1);
			v[0] = item(id2, title2, link2, body2, 1700000000 + i - 1);
			CHECK_INT(update(s, f, v, 1), 0);
		}
		CHECK_INT(store_batch_commit(s, err, sizeof err), 0);
	}
	CHECK_INT(found(s, "brackwater"), 70);
	CHECK_INT(found(s, "tarn notes"), 70);
	for (i = 0; i < 70; i++) {
		char w[32];
		int edited = i % 3 == 1 && i < 69;
		snprintf(w, sizeof w, "w%dq", i);
		CHECK_INT(found(s, w), !edited);
		snprintf(w, sizeof w, "k%dz", i);
		CHECK_INT(found(s, w), !edited);
		snprintf(w, sizeof w, "e%dx", i);
		CHECK_INT(found(s, w), edited);
		snprintf(w, sizeof w, "m%dy", i);
		CHECK_INT(found(s, w), edited);
	}
	store_close(s);
	unlink(dbpath);
}

/* A word of one letter or digit: no prefix of every word that begins with it. Beside a
 * longer word it is left out ("kesten's", "don't", "plan b"); alone it is a word of its
 * own ("b" finds "Plan B", not "bakery"). */
static void test_one_letter(void)
{
	char err[CRIER_ERRSZ];
	struct store *s;
	int64_t f;
	struct feed_item v[3];
	unlink(dbpath);
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://hollin-gazette.example/rss", NULL, NULL, &f, err, sizeof err), 0);
	v[0] = item("h1", "Plan B for the Hollin bakery", "https://hollin-gazette.example/plan",
		    "<p>Vitamin D and a new oven.</p>", 1700000000);
	v[1] = item("h2", "Bakery queue on Tarn Street", "https://hollin-gazette.example/queue",
		    "<p>Dawn buns sold out by eight.</p>", 1700003600);
	v[2] = item("h3", "Don't miss the Tarn regatta", "https://hollin-gazette.example/regatta",
		    "<p>Boats, bunting and brass.</p>", 1700007200);
	CHECK_INT(update(s, f, v, 3), 0);
	CHECK_INT(found(s, "b"), 1);           /* "Plan B", not every word in b */
	CHECK_INT(found(s, "d"), 1);           /* "Vitamin D", not "dawn" */
	CHECK_INT(found(s, "m"), 0);           /* no "m" of its own: not "miss" */
	CHECK_INT(found(s, "B d"), 1);
	CHECK_INT(found(s, "plan b"), 1);
	CHECK_INT(found(s, "bakery b"), 2);    /* the letter beside a word is left out */
	CHECK_INT(found(s, "don't"), 1);       /* the "t" of "don't" is no word to find */
	CHECK_INT(found(s, "tarn's"), 2);
	CHECK_INT(store_search_words(s, "plan b"), 1);
	CHECK_INT(store_search_words(s, "b d"), 2);
	store_close(s);
	unlink(dbpath);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char side[300];
	snprintf(dbpath, sizeof dbpath, "%s/crier-test-search-%ld.db", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	test_words();
	test_tokenizer();
	test_languages();
	test_search();
	test_one_letter();
	test_migration();
	test_many();
	test_batch();
	test_batch_lost();
	test_many_commits();
	unlink(dbpath);
	snprintf(side, sizeof side, "%s-wal", dbpath);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", dbpath);
	unlink(side);
	return CHECK_DONE();
}
