/* The sqlite cache: what a reader sees after refreshes, failures, reading and expiry. */
#include "config.h"
#include "check.h"
#include "old_cache.h"
#include "crier/store.h"
#include "crier/extract.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>

static char dbpath[256];

static struct feed_item item(const char *id, const char *title, int64_t published)
{
	struct feed_item it;
	memset(&it, 0, sizeof it);
	it.id = (char *)id;
	it.title = (char *)title;
	it.link = (char *)"https://harbour-gazette.example/story";
	it.summary = (char *)"A ferry timetable changes on Thursday.";
	it.published = published;
	it.updated = CRIER_NO_DATE;
	return it;
}

/* The items a feed update stores, as one transaction. */
static int update(struct store *s, int64_t feed, struct feed_item *items, size_t n, int *new_count)
{
	char err[CRIER_ERRSZ];
	struct store_update *u = store_update_begin(s, feed, err, sizeof err);
	struct feed_info info = {(char *)"Harbour Gazette", (char *)"https://harbour-gazette.example/",
				 NULL, NULL, NULL, CRIER_NO_DATE};
	size_t i;
	*new_count = 0;
	if (!u)
		return -1;
	store_update_info(u, &info);
	for (i = 0; i < n; i++) {
		int is_new;
		if (store_update_item(u, &items[i], &is_new) != 0) {
			store_update_fail(u, 200, "store failed");
			return -1;
		}
		*new_count += is_new;
	}
	return store_update_commit(u, NULL, "\"v1\"", "Tue, 03 Mar 2026 10:00:00 GMT", 200, err, sizeof err);
}

static void free_rows(struct store_row *r, long n)
{
	long i;
	for (i = 0; i < n; i++)
		store_row_clear(&r[i]);
}

static void free_item(struct feed_item *it)
{
	size_t i;
	if (!it)
		return;
	free(it->title); free(it->link); free(it->id); free(it->author);
	free(it->summary); free(it->content);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	for (i = 0; i < it->nmedia; i++) {
		free(it->media[i].url); free(it->media[i].type); free(it->media[i].title);
		free(it->media[i].caption); free(it->media[i].credit);
	}
	free(it->media);
	free(it);
}


static void test_refresh(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	int64_t a, b, a2;
	int n;
	struct feed_item v[3];
	struct store_query q = {0};
	struct store_row rows[10];
	long got;
	struct store_feed f;

	CHECK(s != NULL);
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	CHECK_INT(store_feed_ensure(s, "https://harbour-gazette.example/feed", NULL, "news local", &a, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://upland-weather.example/rss", "Upland Weather", NULL, &b, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://harbour-gazette.example/feed", NULL, NULL, &a2, err, sizeof err), 0);
	CHECK_INT(a, a2);
	CHECK(a != b);

	v[0] = item("tag:hg,1", "Ferry timetable changes", 1700000000);
	v[1] = item("tag:hg,2", "Lighthouse keeper retires", 1700003600);
	v[2] = item(NULL, "Harbour wall repaired", 1699990000);
	v[2].link = (char *)"https://harbour-gazette.example/wall";
	CHECK_INT(update(s, a, v, 3, &n), 0);
	CHECK_INT(n, 3);
	CHECK_INT(store_count_unread(s), 3);

	/* Newest first. */
	got = store_rows(s, &q, 0, 10, rows);
	CHECK_INT(got, 3);
	if (got == 3) {
		CHECK_STR(rows[0].title, "Lighthouse keeper retires");
		CHECK_STR(rows[0].feed_title, "Harbour Gazette");
		CHECK_STR(rows[2].title, "Harbour wall repaired");
		CHECK_INT(rows[0].unread, 1);
		CHECK_INT(store_mark_read(s, rows[0].id, 1), 0);
	}
	free_rows(rows, got);
	CHECK_INT(store_count_unread(s), 2);

	/* Refetch: one item changed upstream, one new. Read state stays, nothing doubles. */
	v[1].title = (char *)"Lighthouse keeper retires after forty years";
	v[2] = item("tag:hg,3", "Market moves to the quay", 1700007200);
	CHECK_INT(update(s, a, v, 3, &n), 0);
	CHECK_INT(n, 1);
	q.feed_id = a;
	CHECK_INT(store_count(s, &q), 4);
	q.unread_only = 1;
	CHECK_INT(store_count(s, &q), 3);
	q.unread_only = 0;
	q.search = "forty";
	got = store_rows(s, &q, 0, 10, rows);
	CHECK_INT(got, 1);
	if (got == 1) {
		CHECK_STR(rows[0].title, "Lighthouse keeper retires after forty years");
		CHECK_INT(rows[0].unread, 0);
	}
	free_rows(rows, got);
	q.search = "100%";
	CHECK_INT(store_count(s, &q), 0);
	q.search = NULL;

	/* Paging. */
	got = store_rows(s, &q, 1, 2, rows);
	CHECK_INT(got, 2);
	if (got == 2) {
		CHECK_STR(rows[0].title, "Lighthouse keeper retires after forty years");
		CHECK_STR(rows[1].title, "Ferry timetable changes");
	}
	free_rows(rows, got);

	/* Unread first. */
	q.order = STORE_UNREAD_FIRST;
	got = store_rows(s, &q, 0, 10, rows);
	CHECK_INT(got, 4);
	if (got == 4) {
		CHECK_INT(rows[2].unread, 1);
		CHECK_INT(rows[3].unread, 0);
	}
	free_rows(rows, got);
	q.order = STORE_BY_DATE;

	/* Tags. */
	q.feed_id = 0;
	q.tag = "local";
	CHECK_INT(store_count(s, &q), 4);
	q.tag = "loc";
	CHECK_INT(store_count(s, &q), 0);
	q.tag = NULL;

	/* A failing update keeps every item and records the error. */
	{
		struct store_update *u = store_update_begin(s, a, err, sizeof err);
		int is_new;
		struct feed_item bad = item("tag:hg,9", "Half a feed", 1700009000);
		CHECK(u != NULL);
		if (u) {
			store_update_item(u, &bad, &is_new);
			store_update_fail(u, 200, "https://harbour-gazette.example/feed: not a feed");
		}
	}
	q.feed_id = a;
	CHECK_INT(store_count(s, &q), 4);
	CHECK_INT(store_feed_get(s, a, &f), 0);
	CHECK_STR(f.error, "https://harbour-gazette.example/feed: not a feed");
	CHECK_STR(f.etag, "\"v1\"");
	CHECK_STR(f.title, "Harbour Gazette");
	CHECK_STR(f.tags, "news local");
	CHECK_INT(f.unread, 3);
	CHECK_INT(f.total, 4);
	store_feed_clear(&f);

	/* A 304 clears the error. */
	CHECK_INT(store_feed_checked(s, a, 304, NULL), 0);
	CHECK_INT(store_feed_get(s, a, &f), 0);
	CHECK(f.error == NULL);
	store_feed_clear(&f);

	/* Feeds in the order they were last ensured (the urls file's), custom titles first. */
	{
		struct store_feed *fs;
		size_t nf;
		CHECK_INT(store_feeds(s, &fs, &nf, err, sizeof err), 0);
		CHECK_INT(nf, 2);
		if (nf == 2) {
			CHECK_STR(fs[1].url, "https://harbour-gazette.example/feed");
			CHECK_STR(fs[0].title, "Upland Weather");
			CHECK_INT(fs[0].total, 0);
		}
		store_feeds_free(fs, nf);
	}

	CHECK_INT(store_mark_feed_read(s, a), 0);
	CHECK_INT(store_count_unread(s), 0);
	store_close(s);
}

static void test_item_roundtrip(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct feed_item it = item("tag:uw,1", "Frost on the moor", 1700100000);
	char *cats[] = {(char *)"weather", (char *)"moor"};
	struct feed_enclosure enc = {(char *)"https://upland-weather.example/a.mp3", (char *)"audio/mpeg", 12345, 3723};
	struct feed_media med = {(char *)"https://upland-weather.example/frost.jpg", NULL, NULL,
				 (char *)"Frost on heather above Kell Tor", (char *)"Ines Marrow"};
	struct store_query q = {0};
	struct store_row row;
	struct feed_item *back;
	int64_t id;
	int n;

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://upland-weather.example/rss", NULL, NULL, &id, err, sizeof err), 0);
	it.categories = cats;
	it.ncategories = 2;
	it.enclosures = &enc;
	it.nenclosures = 1;
	it.media = &med;
	it.nmedia = 1;
	it.content = (char *)"<p>Frost</p>";
	it.content_type = "html";
	/* a plain-text summary is kept as HTML that shows the same text */
	it.summary = (char *)"Lows < -5 & fog\nRoads icy";
	it.summary_type = "text";
	CHECK_INT(update(s, id, &it, 1, &n), 0);
	q.feed_id = id;
	CHECK_INT(store_rows(s, &q, 0, 1, &row), 1);
	back = store_item(s, row.id);
	store_row_clear(&row);
	CHECK(back != NULL);
	if (back) {
		CHECK_STR(back->title, "Frost on the moor");
		CHECK_STR(back->content, "<p>Frost</p>");
		CHECK_STR(back->summary, "Lows &lt; -5 &amp; fog<br>Roads icy");
		CHECK_INT(back->published, 1700100000);
		CHECK_INT(back->updated, CRIER_NO_DATE);
		CHECK_INT(back->ncategories, 2);
		if (back->ncategories == 2)
			CHECK_STR(back->categories[1], "moor");
		CHECK_INT(back->nenclosures, 1);
		if (back->nenclosures == 1) {
			CHECK_INT(back->enclosures[0].length, 12345);
			CHECK_INT(back->enclosures[0].duration, 3723);
			CHECK_STR(back->enclosures[0].type, "audio/mpeg");
		}
		CHECK_INT(back->nmedia, 1);
		if (back->nmedia == 1) {
			CHECK_STR(back->media[0].credit, "Ines Marrow");
			CHECK(back->media[0].type == NULL);
		}
	}
	free_item(back);
	store_close(s);
}

static void test_expire(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct feed_item v[5];
	struct store_query q = {0};
	struct store_row rows[5];
	int64_t id;
	int n, i;
	long got;
	int64_t old = (int64_t)time(NULL) - 200 * 86400;

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://quarry-news.example/atom", NULL, NULL, &id, err, sizeof err), 0);
	v[0] = item("q1", "Old one", old);
	v[1] = item("q2", "Old two", old + 1);
	v[2] = item("q3", "Old three", old + 2);
	v[3] = item("q4", "Old four, still listed", old + 3);
	v[4] = item("q5", "Fresh", (int64_t)time(NULL));
	CHECK_INT(update(s, id, v, 5, &n), 0);
	q.feed_id = id;
	got = store_rows(s, &q, 0, 5, rows);
	for (i = 0; i < got; i++)
		store_mark_read(s, rows[i].id, 1);
	free_rows(rows, got);
	/* q1..q3 leave the feed; q4 stays listed. */
	CHECK_INT(update(s, id, v + 3, 2, &n), 0);
	/* Keep one read item beyond the age limit: q3 (newest gone) stays, q1 q2 go; q4 is
	 * still in the feed and stays. */
	CHECK_INT(store_expire(s, 1, 90), 0);
	CHECK_INT(store_count(s, &q), 3);
	q.search = "Old one";
	CHECK_INT(store_count(s, &q), 0);
	q.search = "Old three";
	CHECK_INT(store_count(s, &q), 1);
	q.search = "still listed";
	CHECK_INT(store_count(s, &q), 1);
	/* The next reload must not bring q4 back as unread. */
	CHECK_INT(update(s, id, v + 3, 2, &n), 0);
	CHECK_INT(n, 0);
	store_close(s);
}

static void test_article(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct figure figs[2] = {
		{(char *)"https://harbour-gazette.example/img/boat.jpg", (char *)"The new ferry leaves Port Avel", (char *)"Dora Quill/Gazette"},
		{NULL, NULL, (char *)"Illustration by Tam Fenwick"},
	};
	struct more_link more[1] = {
		{(char *)"Tides at record low", (char *)"https://harbour-gazette.example/tides", NULL, (char *)"More from Harbour Gazette",
		 NULL, (char *)"Mudflats at Port Avel at noon", (char *)"Dora Quill/Gazette"},
	};
	struct article a = {0}, *b;

	CHECK(s != NULL);
	if (!s)
		return;
	a.url = (char *)"https://harbour-gazette.example/story";
	a.title = (char *)"Ferry timetable changes";
	a.published = 1700000000;
	a.body = (char *)"First paragraph.\n\nSecond paragraph.";
	a.figures = figs;
	a.nfigures = 2;
	a.more = more;
	a.nmore = 1;
	CHECK(store_article_get(s, a.url) == NULL);
	CHECK_INT(store_article_put(s, &a), 0);
	/* Putting again replaces, never doubles the figures. */
	CHECK_INT(store_article_put(s, &a), 0);
	b = store_article_get(s, a.url);
	CHECK(b != NULL);
	if (b) {
		CHECK_STR(b->title, "Ferry timetable changes");
		CHECK(b->byline == NULL);
		CHECK_INT(b->published, 1700000000);
		CHECK_INT(b->nfigures, 2);
		if (b->nfigures == 2) {
			CHECK_STR(b->figures[0].caption, "The new ferry leaves Port Avel");
			CHECK_STR(b->figures[1].credit, "Illustration by Tam Fenwick");
			CHECK(b->figures[1].image == NULL);
		}
		CHECK_INT(b->nmore, 1);
		if (b->nmore == 1) {
			CHECK_STR(b->more[0].section, "More from Harbour Gazette");
			CHECK(b->more[0].summary == NULL);
			/* the teaser's own photo caption and credit come back with it */
			CHECK_STR(b->more[0].caption, "Mudflats at Port Avel at noon");
			CHECK_STR(b->more[0].credit, "Dora Quill/Gazette");
			CHECK(b->more[0].image == NULL);
		}
	}
	article_free(b);
	store_close(s);
}

/* The trigger-kept counts agree with counting the items, through every kind of change. */
static long count_in(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static long count_sql(const char *sql)
{
	return count_in(dbpath, sql);
}

static void test_counts_and_migration(void)
{
	char err[CRIER_ERRSZ], old[300];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct feed_item v[3];
	struct store_query q = {0};
	struct store_row row;
	int64_t id, other;
	int n;

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://counting-house.example/rss", NULL, NULL, &id, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://second-post.example/rss", NULL, NULL, &other, err, sizeof err), 0);
	v[0] = item("c1", "One", 1700000000);
	v[1] = item("c2", "Two", 1700000001);
	v[2] = item("c3", "Three", 1700000002);
	CHECK_INT(update(s, id, v, 3, &n), 0);
	CHECK_INT(update(s, other, v, 2, &n), 0);
	q.feed_id = id;
	CHECK_INT(store_rows(s, &q, 0, 1, &row), 1);
	CHECK_INT(store_mark_read(s, row.id, 1), 0);
	CHECK_INT(store_mark_read(s, row.id, 1), 0); /* twice: counted once */
	store_row_clear(&row);
	CHECK_INT(store_count_unread(s), count_sql("SELECT COUNT(*) FROM items WHERE unread = 1"));
	/* Lists count from the counters too. */
	{
		struct store_query all = {0};
		CHECK_INT(store_count(s, &all), count_sql("SELECT COUNT(*) FROM items"));
		all.unread_only = 1;
		CHECK_INT(store_count(s, &all), count_sql("SELECT COUNT(*) FROM items WHERE unread = 1"));
		all.feed_id = id;
		CHECK_INT(store_count(s, &all), 2);
		all.unread_only = 0;
		CHECK_INT(store_count(s, &all), 3);
		all.feed_id = 999999;
		CHECK_INT(store_count(s, &all), 0);
	}
	CHECK_INT(store_feed_remove(s, other), 0);
	CHECK_INT(store_count_unread(s), count_sql("SELECT COUNT(*) FROM items WHERE unread = 1"));
	store_close(s);

	/* A cache from schema 1 (no counters, unread not yet only 0 or 1) gets them, right,
	 * when opened, and its stories become searchable. */
	snprintf(old, sizeof old, "%s-schema1", dbpath);
	if (old_cache_make(old, 1,
		"INSERT INTO feeds(id, url, generation, position) VALUES"
		" (1, 'https://counting-house.example/rss', 1, 1),"
		" (2, 'https://second-post.example/rss', 1, 2);"
		"INSERT INTO items(feed_id, guid, title, link, first_seen, date, seen_generation,"
		"  unread) VALUES"
		" (1, 'c1', 'Tallyman counts', 'https://counting-house.example/1', 1, 1700000000, 1, 0),"
		" (1, 'c2', 'Two', 'https://counting-house.example/2', 1, 1700000001, 1, 1),"
		" (1, 'c3', 'Three', 'https://counting-house.example/3', 1, 1700000002, 1, 7),"
		" (2, 'd1', 'Ledger', 'https://second-post.example/1', 1, 1700000003, 1, 0),"
		" (2, 'd2', 'Tallyman rests', 'https://second-post.example/2', 1, 1700000004, 1, 1);") != 0)
		return;
	s = store_open(old, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(old_cache_version(old), store_schema_latest());
	CHECK_INT(store_count_unread(s), 3);
	CHECK_INT(store_count_unread(s), count_in(old, "SELECT COUNT(*) FROM items WHERE unread = 1"));
	{
		struct store_query all = {0};
		CHECK_INT(store_count(s, &all), 5);
		all.feed_id = 1;
		all.unread_only = 1;
		CHECK_INT(store_count(s, &all), 2);
	}
	/* the search index is built for the stories already there */
	CHECK_INT(count_in(old, "SELECT COUNT(*) FROM search"
			   " WHERE search MATCH 'tallyman OR two OR three OR ledger'"), 5);
	CHECK_INT(count_in(old, "SELECT COUNT(*) FROM search_title"
			   " WHERE search_title MATCH 'tallyman OR two OR three OR ledger'"), 5);
	{
		struct store_query all = {0};
		all.search = "tallyman";
		CHECK_INT(store_count(s, &all), 2);
	}
	CHECK_INT(store_mark_feed_read(s, 1), 0);
	CHECK_INT(store_count_unread(s), 1);
	CHECK_INT(store_count_unread(s), count_in(old, "SELECT COUNT(*) FROM items WHERE unread = 1"));
	store_close(s);
	old_cache_remove(old);
}

/* Items staged on disk (a big feed) come out as the cache keeps them: a plain-text
 * summary escaped, the same as when written directly. */
static void test_stage_text(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct store_stage *st = store_stage_new(err, sizeof err);
	struct feed_item it = item("stage-1", "Staged", 1700000000);
	struct store_update *u;
	struct store_query q = {0};
	struct store_row row;
	struct feed_item *back;
	long n = 0;
	int64_t id;

	CHECK(s != NULL);
	CHECK(st != NULL);
	if (!s || !st) {
		store_stage_free(st);
		store_close(s);
		return;
	}
	CHECK_INT(store_feed_ensure(s, "https://stage.example/rss", NULL, NULL, &id, err, sizeof err), 0);
	it.summary = (char *)"Use a <b> tag & more";
	it.summary_type = "text";
	CHECK_INT(store_stage_put(st, 1, &it), 0);
	u = store_update_begin(s, id, err, sizeof err);
	CHECK(u != NULL);
	if (u) {
		CHECK_INT(store_stage_apply(st, 1, u, &n), 0);
		CHECK_INT(store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err), 0);
	}
	CHECK_INT(n, 1);
	q.feed_id = id;
	CHECK_INT(store_rows(s, &q, 0, 1, &row), 1);
	back = store_item(s, row.id);
	store_row_clear(&row);
	CHECK(back != NULL);
	if (back)
		CHECK_STR(back->summary, "Use a &lt;b&gt; tag &amp; more");
	feed_item_free(back);
	store_stage_free(st);
	store_close(s);
}

/* In a batch, one feed's failed update is undone alone; the others are written. */
static void test_batch(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct feed_item good = item("b1", "Kept in the batch", 1700000000);
	struct feed_item bad = item("b2", "Undone in the batch", 1700000000);
	struct store_update *u;
	struct store_query q = {0};
	struct store_feed f;
	int64_t a, b;
	int n;

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://batch-one.example/rss", NULL, NULL, &a, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://batch-two.example/rss", NULL, NULL, &b, err, sizeof err), 0);
	CHECK_INT(store_batch_begin(s, err, sizeof err), 0);
	CHECK_INT(store_batch_begin(s, err, sizeof err), -1);
	CHECK_INT(update(s, a, &good, 1, &n), 0);
	u = store_update_begin(s, b, err, sizeof err);
	CHECK(u != NULL);
	if (u) {
		store_update_item(u, &bad, &n);
		store_update_fail(u, 200, "https://batch-two.example/rss: cut short");
	}
	CHECK_INT(store_feed_checked(s, a, 304, NULL), 0);
	CHECK_INT(store_batch_commit(s, err, sizeof err), 0);
	q.feed_id = a;
	CHECK_INT(store_count(s, &q), 1);
	q.feed_id = b;
	CHECK_INT(store_count(s, &q), 0);
	CHECK_INT(store_feed_get(s, b, &f), 0);
	CHECK_STR(f.error, "https://batch-two.example/rss: cut short");
	store_feed_clear(&f);
	store_close(s);
}

/* Runs SQL on the cache through a connection of its own (what the test plants). */
static void exec_sql(const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;
	CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
		CHECK(0);
	}
	sqlite3_free(msg);
	sqlite3_close(db);
}

/* An article opened while a reload's batch is open is stored with it, not refused. */
static void test_article_in_batch(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct figure fig = {NULL, (char *)"Nets drying on the slipway", (char *)"Oren Vale"};
	struct article a = {0}, *b;
	struct feed_item it = item("ab1", "Boat yard reopens", 1700000000);
	int64_t id;
	int n;

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://slipway-times.example/rss", NULL, NULL, &id, err, sizeof err), 0);
	a.url = (char *)"https://slipway-times.example/boat-yard";
	a.title = (char *)"Boat yard reopens";
	a.published = CRIER_NO_DATE;
	a.figures = &fig;
	a.nfigures = 1;
	CHECK_INT(store_batch_begin(s, err, sizeof err), 0);
	CHECK_INT(update(s, id, &it, 1, &n), 0);
	CHECK_INT(store_article_put(s, &a), 0);
	CHECK_INT(store_in_batch(s), 1);
	/* a failed put inside the batch undoes only itself */
	a.url = NULL;
	CHECK_INT(store_article_put(s, &a), -1);
	a.url = (char *)"https://slipway-times.example/boat-yard";
	CHECK_INT(store_batch_commit(s, err, sizeof err), 0);
	store_close(s);
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	b = store_article_get(s, a.url);
	CHECK(b != NULL);
	if (b) {
		CHECK_STR(b->title, "Boat yard reopens");
		CHECK_INT(b->nfigures, 1);
		if (b->nfigures == 1)
			CHECK_STR(b->figures[0].credit, "Oren Vale");
	}
	article_free(b);
	CHECK_INT(count_sql("SELECT COUNT(*) FROM items WHERE guid = 'ab1'"), 1);
	store_close(s);
}

/* An update whose item fails reports that item's failure, whatever ran after it. */
static void test_update_error(void)
{
	char err[CRIER_ERRSZ];
	struct store *s;
	struct store_update *u;
	struct feed_item good = item("ue1", "Market day moved", 1700000000);
	struct feed_item bad = item("ue2", "Poisoned", 1700000001);
	struct feed_info info = {(char *)"Weir Courier", NULL, NULL, NULL, NULL, CRIER_NO_DATE};
	int64_t id;
	int is_new;

	exec_sql("CREATE TRIGGER poison BEFORE INSERT ON items WHEN NEW.title = 'Poisoned'"
		 " BEGIN SELECT RAISE(ABORT, 'the test refuses this item'); END;");
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://weir-courier.example/rss", NULL, NULL, &id, err, sizeof err), 0);
	u = store_update_begin(s, id, err, sizeof err);
	CHECK(u != NULL);
	if (u) {
		CHECK_INT(store_update_item(u, &good, &is_new), 0);
		CHECK_INT(store_update_item(u, &bad, &is_new), -1);
		/* later statements succeed and overwrite sqlite's last message */
		store_update_info(u, &info);
		CHECK(store_count_unread(s) >= 0);
		CHECK_INT(store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err), -1);
		CHECK(strstr(err, "the test refuses this item") != NULL);
		CHECK(strstr(err, "ue2") != NULL);
		CHECK(strstr(err, dbpath) != NULL);
		if (!strstr(err, "the test refuses this item"))
			fprintf(stderr, "commit error: %s\n", err);
	}
	CHECK_INT(count_sql("SELECT COUNT(*) FROM items WHERE guid = 'ue1'"), 0);
	store_close(s);
	exec_sql("DROP TRIGGER poison;");
}

/* Cached articles go with the stories that linked to them, once old; the pages of
 * remaining stories and the fresh ones stay. */
static void test_expire_articles(void)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	struct feed_item v[2];
	struct figure fig = {NULL, (char *)"Lock gates at dawn", (char *)"Wren Addle"};
	struct more_link more = {(char *)"Canal levels", (char *)"https://canal-ledger.example/levels",
				 NULL, (char *)"More from Canal Ledger", NULL, NULL, NULL};
	const char *urls[4] = {
		"https://canal-ledger.example/kept",    /* an item still links to it */
		"https://canal-ledger.example/expired", /* its item expires */
		"https://canal-ledger.example/levels",  /* a more-from page followed */
		"https://canal-ledger.example/fresh",   /* fetched today, no item */
	};
	struct store_query q = {0};
	struct store_row rows[2];
	int64_t id, old = (int64_t)time(NULL) - 200 * 86400;
	long got, i;
	int n;

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://canal-ledger.example/rss", NULL, NULL, &id, err, sizeof err), 0);
	v[0] = item("cl1", "Lock keeper's diary", old);
	v[0].link = (char *)urls[0];
	v[1] = item("cl2", "Towpath closed", old);
	v[1].link = (char *)urls[1];
	CHECK_INT(update(s, id, v, 2, &n), 0);
	q.feed_id = id;
	got = store_rows(s, &q, 0, 2, rows);
	for (i = 0; i < got; i++)
		store_mark_read(s, rows[i].id, 1);
	free_rows(rows, got);
	CHECK_INT(update(s, id, v, 1, &n), 0); /* cl2 leaves the feed */
	for (i = 0; i < 4; i++) {
		struct article a = {0};
		a.url = (char *)urls[i];
		a.title = (char *)"A page of the Canal Ledger";
		a.published = CRIER_NO_DATE;
		a.figures = &fig;
		a.nfigures = 1;
		a.more = &more;
		a.nmore = 1;
		CHECK_INT(store_article_put(s, &a), 0);
	}
	exec_sql("UPDATE articles SET fetched = strftime('%s', 'now') - 200 * 86400"
		 " WHERE url LIKE 'https://canal-ledger.example/%' AND url NOT LIKE '%fresh'");
	CHECK_INT(store_expire(s, 0, 90), 0);
	for (i = 0; i < 4; i++) {
		struct article *b = store_article_get(s, urls[i]);
		if ((i == 0 || i == 3) != (b != NULL))
			fprintf(stderr, "%s: %s\n", urls[i], b ? "kept" : "dropped");
		CHECK((i == 0 || i == 3) == (b != NULL));
		article_free(b);
	}
	CHECK_INT(count_sql("SELECT COUNT(*) FROM figures WHERE article_url LIKE 'https://canal-ledger.example/%'"), 2);
	CHECK_INT(count_sql("SELECT COUNT(*) FROM more_links WHERE article_url LIKE 'https://canal-ledger.example/%'"), 2);
	/* 0 keeps everything */
	exec_sql("UPDATE articles SET fetched = 1 WHERE url = 'https://canal-ledger.example/fresh'");
	CHECK_INT(store_expire(s, 0, 0), 0);
	CHECK_INT(count_sql("SELECT COUNT(*) FROM articles WHERE url = 'https://canal-ledger.example/fresh'"), 1);
	store_close(s);
}

static long search_count(struct store *s, const char *words)
{
	struct store_query q = {0};
	q.search = words;
	return store_count(s, &q);
}

/* A new story enters the search index when it is stored (from C, with its text in hand)
 * and leaves it whole when it goes: the entry is the very text the delete trigger
 * recomputes from the row, for compressed content and an escaped plain-text summary. */
static void test_index_upkeep(void)
{
	char err[CRIER_ERRSZ], path[300], longtext[4096];
	struct store *s;
	struct feed_item v[2];
	int64_t a, b;
	int n;
	size_t k;
	snprintf(path, sizeof path, "%s-index", dbpath);
	unlink(path);
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://lantern-post.example/rss", NULL, NULL, &a, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://mill-weekly.example/rss", NULL, NULL, &b, err, sizeof err), 0);
	strcpy(longtext, "<p>The <b>Quorvel</b> lanterns were lit.</p>");
	for (k = 0; k < 30; k++)
		strcat(longtext, "<p>Wicks were trimmed along the canal &amp; the quay.</p>");
	v[0] = item("n1", "Lantern fair", 1700000000);
	v[0].summary = (char *)"Stall\nkeepers & <bakers> queued";
	v[0].summary_type = (char *)"text";
	v[0].content = longtext;
	v[1] = item("n2", "Quorvel mill reopens", 1700000100);
	CHECK_INT(update(s, a, v, 1, &n), 0);
	CHECK_INT(n, 1);
	CHECK_INT(update(s, b, v + 1, 1, &n), 0);
	CHECK_INT(search_count(s, "quorvel"), 2);
	CHECK_INT(search_count(s, "bakers keepers"), 1);
	CHECK_INT(search_count(s, "wicks"), 1);
	CHECK_INT(search_count(s, "br"), 0); /* the line break kept as <br> is not a word */
	CHECK_INT(store_feed_remove(s, a), 0);
	CHECK_INT(search_count(s, "quorvel"), 1);
	CHECK_INT(search_count(s, "bakers"), 0);
	CHECK_INT(search_count(s, "wicks"), 0);
	CHECK_INT(search_count(s, "lantern"), 0);
	store_close(s);
	unlink(path);
	snprintf(longtext, sizeof longtext, "%s-wal", path);
	unlink(longtext);
	snprintf(longtext, sizeof longtext, "%s-shm", path);
	unlink(longtext);
}

static void test_schema(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char err[CRIER_ERRSZ];
	struct store *s;
	CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	CHECK_INT(sqlite3_step(st), SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(st, 0), store_schema_latest());
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
	CHECK_INT(sqlite3_step(st), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	/* A cache from a newer crier is refused with a message naming the file. */
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	s = store_open(dbpath, err, sizeof err);
	CHECK(s == NULL);
	CHECK(strstr(err, dbpath) != NULL);
	CHECK(strstr(err, "newer") != NULL);
	store_close(s);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dbpath, sizeof dbpath, "%s/crier-test-store-%ld.db", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	test_refresh();
	test_item_roundtrip();
	test_expire();
	test_article();
	test_counts_and_migration();
	test_batch();
	test_stage_text();
	test_article_in_batch();
	test_update_error();
	test_expire_articles();
	test_index_upkeep();
	test_schema();
	unlink(dbpath);
	{
		char side[300];
		snprintf(side, sizeof side, "%s-wal", dbpath);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", dbpath);
		unlink(side);
	}
	return CHECK_DONE();
}
