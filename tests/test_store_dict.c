/* Story text compressed with the cache's own dictionary: once the cache holds enough
 * stories a dictionary is trained and stored in it; stories written before and after it
 * read back whole after reopening (and after VACUUM); a damaged or missing dictionary
 * makes reading fail with a message naming the cache, never garbage text. A reload's
 * fetching thread, compressing stories ahead for its store thread, never waits for the
 * store thread's write lock (its transfers would stand still), and still takes up the
 * dictionary once the store thread has trained it. */
#include "config.h"
#include "check.h"
#include "crier/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include <zstd.h>

static char dbpath[256];

/* A story of invented words (deterministic from seed): n paragraphs of HTML. */
static char *story_text(unsigned seed, int n)
{
	static const char *const syll[] = {"mar", "vel", "osk", "tun", "bri", "ald", "ke", "ron",
					   "sil", "um", "pa", "dre", "lo", "quen", "ith", "ga"};
	static const char *const glue[] = {"the", "of", "and", "to", "in", "a", "was", "by",
					   "from", "at", "said", "after", "over", "with"};
	struct sbuf b = SBUF_INIT;
	unsigned x = seed * 2654435761u + 1;
	int p, w, k;
	for (p = 0; p < n; p++) {
		sbuf_adds(&b, "<p>");
		for (w = 0; w < 40; w++) {
			x = x * 1103515245u + 12345u;
			if (w)
				sbuf_addc(&b, ' ');
			if ((x >> 16) % 2) {
				sbuf_adds(&b, glue[(x >> 8) % 14]);
				continue;
			}
			for (k = 0; k <= (int)((x >> 20) % 3); k++)
				sbuf_adds(&b, syll[(x >> (4 * k + 3)) % 16]);
		}
		sbuf_adds(&b, ".</p>");
		if (p % 4 == 3)
			sbuf_adds(&b, "<figure><img src=\"https://img.tallow-ledger.example/a.jpg\" "
				  "width=\"800\"><figcaption>The quay at Marvel Osk</figcaption></figure>");
	}
	return sbuf_steal(&b);
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

/* Stores one story (guid, title, summary, content) in the feed; its id in the cache. */
static int64_t put(struct store *s, int64_t feed, const char *guid, const char *summary,
		   const char *content)
{
	struct feed_item it;
	struct store_query q = {0};
	struct store_row row;
	int64_t id = -1;
	memset(&it, 0, sizeof it);
	it.id = (char *)guid;
	it.title = (char *)guid;
	it.link = (char *)"https://tallow-ledger.example/story";
	it.summary = (char *)summary;
	it.content = (char *)content;
	it.published = 1700000000;
	it.updated = CRIER_NO_DATE;
	if (update(s, feed, &it, 1) != 0)
		return -1;
	q.feed_id = feed;
	if (store_rows(s, &q, 0, 1, &row) == 1) {
		id = row.id;
		store_row_clear(&row);
	}
	return id;
}

/* Runs SQL on the cache file directly, as damage (or a person with sqlite3) would. */
static void sql(const char *text)
{
	sqlite3 *db;
	CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, text, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The dictionary id named by the stored content of item id (0: none), -1 if not a BLOB. */
static long long content_dict(int64_t id)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long d = -1;
	char q[96];
	snprintf(q, sizeof q, "SELECT content FROM items WHERE id = %lld", (long long)id);
	CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW
	    && sqlite3_column_type(st, 0) == SQLITE_BLOB)
		d = ZSTD_getDictID_fromFrame(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return d;
}

static long long stored_dict(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long d = 0;
	CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, "SELECT id FROM dicts", -1, &st, NULL) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW)
		d = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return d;
}

/* Whether story id reads back with exactly this summary and content. */
static int reads_whole(struct store *s, int64_t id, const char *summary, const char *content)
{
	char err[CRIER_ERRSZ] = "";
	struct feed_item *it = store_item_read(s, id, err, sizeof err);
	int ok = it && it->summary && it->content && strcmp(it->summary, summary) == 0
		&& strcmp(it->content, content) == 0;
	if (!ok)
		fprintf(stderr, "story %lld does not read back whole: %s\n", (long long)id, err);
	feed_item_free(it);
	return ok;
}

/* Opens the cache and checks that story id fails to read with a message naming the cache
 * and saying why, while story ok (summary, content) still reads whole. The open store. */
static struct store *unreadable(int64_t id, const char *why, int64_t ok, const char *summary,
				const char *content)
{
	char err[CRIER_ERRSZ];
	struct store *s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return NULL;
	*err = '\0';
	CHECK(store_item_read(s, id, err, sizeof err) == NULL);
	CHECK(strstr(err, dbpath) != NULL);
	CHECK(strstr(err, "dictionary") != NULL);
	CHECK(strstr(err, why) != NULL);
	CHECK(reads_whole(s, ok, summary, content));
	return s;
}

static void test_dictionary(void)
{
	char err[CRIER_ERRSZ], guid[32];
	const char *teaser = "Tallow barges wait below the Marvel Osk lock for the spring water.";
	struct store *s = store_open(dbpath, err, sizeof err);
	char *before, *after, *text[360];
	struct feed_item batch[60];
	struct store_query q = {0};
	int64_t feed, other, id_before, id_after;
	int i, j;
	CHECK(s != NULL);
	if (!s)
		return;
	before = story_text(1, 12);
	after = story_text(999, 12);
	CHECK_INT(store_feed_ensure(s, "https://tallow-ledger.example/rss", NULL, NULL, &feed, err, sizeof err), 0);
	CHECK_INT(store_feed_ensure(s, "https://osk-weekly.example/rss", NULL, NULL, &other, err, sizeof err), 0);
	/* a story from before any dictionary: compressed, naming none */
	id_before = put(s, feed, "before", teaser, before);
	CHECK_INT(content_dict(id_before), 0);
	CHECK_INT(stored_dict(), 0);
	/* 360 stories (about 1 MB of text) in six feed updates: enough to train on */
	for (i = 0; i < 6; i++) {
		for (j = 0; j < 60; j++) {
			int k = i * 60 + j;
			text[k] = story_text((unsigned)k + 10, 10);
			memset(&batch[j], 0, sizeof batch[j]);
			snprintf(guid, sizeof guid, "s%d", k);
			batch[j].id = xstrdup(guid);
			batch[j].title = batch[j].id;
			batch[j].content = text[k];
			batch[j].published = 1700000000 + k;
			batch[j].updated = CRIER_NO_DATE;
		}
		CHECK_INT(update(s, feed, batch, 60), 0);
		for (j = 0; j < 60; j++)
			free(batch[j].id);
	}
	CHECK(stored_dict() != 0);
	/* the next story is written with it, its one-line teaser compressed too */
	id_after = put(s, other, "after", teaser, after);
	CHECK(id_after > 0);
	CHECK_INT(content_dict(id_after), stored_dict());
	store_close(s);

	/* both read back whole from a new connection, and after VACUUM */
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		goto out;
	CHECK(reads_whole(s, id_before, teaser, before));
	CHECK(reads_whole(s, id_after, teaser, after));
	store_close(s);
	sql("VACUUM");
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		goto out;
	CHECK(reads_whole(s, id_after, teaser, after));
	store_close(s);

	/* a damaged dictionary: reading its stories fails, naming the cache; the search
	 * index (whose entries are removed by their text) refuses to drop them; stories
	 * from before the dictionary still read */
	sql("UPDATE dicts SET dict = CAST(substr(dict, 1, 2000) AS BLOB) || zeroblob(16)"
	    " || CAST(substr(dict, 2017) AS BLOB)");
	s = unreadable(id_after, "damaged", id_before, teaser, before);
	if (s) {
		CHECK(store_feed_remove(s, other) != 0);
		q.feed_id = other;
		CHECK_INT(store_count(s, &q), 1); /* nothing lost: still there, still unreadable */
		store_close(s);
	}
	/* a missing one: the same, saying it is missing */
	sql("DELETE FROM dicts");
	store_close(unreadable(id_after, "missing", id_before, teaser, before));
out:
	free(before);
	free(after);
	for (i = 0; i < 360; i++)
		free(text[i]);
}


/* The cache's id of the story with this guid, -1 when none. */
static int64_t id_of(const char *guid)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t id = -1;
	CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, "SELECT id FROM items WHERE guid = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return id;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Story n of the ahead test, its text from the one generator. */
static void ahead_item(struct feed_item *it, int n, char **text)
{
	char guid[32];
	snprintf(guid, sizeof guid, "ahead%d", n);
	*text = story_text((unsigned)n + 5000, 10);
	memset(it, 0, sizeof *it);
	it->id = xstrdup(guid);
	it->title = it->id;
	it->summary = (char *)"Barges wait at the quay for the spring water.";
	it->content = *text;
	it->published = 1700000000 + n;
	it->updated = CRIER_NO_DATE;
}

/* Two connections, as a reload has: w writes (the store thread), a packs ahead (the
 * fetching thread). The cache holds enough stories to train on and no dictionary yet. */
static void test_ahead_never_waits(void)
{
	char err[CRIER_ERRSZ], *text[140];
	struct store *w = store_open(dbpath, err, sizeof err), *a = store_open(dbpath, err, sizeof err);
	struct store_prep *prep[70];
	struct feed_item items[140];
	struct store_update *u;
	int64_t feed, id;
	double t0, took;
	int i, is_new;
	CHECK(w != NULL && a != NULL);
	if (!w || !a)
		goto out;
	CHECK_INT(store_feed_ensure(w, "https://quayside-notes.example/rss", NULL, NULL, &feed, err, sizeof err), 0);
	for (i = 0; i < 140; i++)
		ahead_item(&items[i], i, &text[i]);
	/* 300 stories of ~3 KB put straight into the file, as an older crier without
	 * dictionaries left them: enough to train on */
	sql("WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 300)"
	    " INSERT INTO items(feed_id, guid, title, content, first_seen, date, seen_generation)"
	    " SELECT (SELECT MIN(id) FROM feeds), 'old' || n, 'Old ' || n,"
	    " '<p>' || n || ' barges at the quay ' || replace(hex(randomblob(1200)), 'A', ' ala ') || '</p>',"
	    " 1700000000, 1700000000 + n, 0 FROM k");
	CHECK_INT(stored_dict(), 0);
	/* the store thread's batch holds the write lock while a packs 70 stories */
	store_busy_wait(a, 3000);
	CHECK_INT(store_batch_begin(w, err, sizeof err), 0);
	t0 = now_s();
	for (i = 0; i < 70; i++)
		prep[i] = store_prep_item(a, &items[i]);
	took = now_s() - t0;
	if (took >= 1.5)
		fprintf(stderr, "packing ahead waited %.1f s for the write lock\n", took);
	CHECK(took < 1.5);
	/* w writes them, and 70 of its own, and trains once committed */
	u = store_update_begin(w, feed, err, sizeof err);
	CHECK(u != NULL);
	for (i = 0; u && i < 70; i++)
		CHECK_INT(store_update_item_prep(u, &items[i], prep[i], &is_new), 0);
	for (i = 70; u && i < 140; i++)
		CHECK_INT(store_update_item(u, &items[i], &is_new), 0);
	CHECK_INT(store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err), 0);
	CHECK_INT(store_batch_commit(w, err, sizeof err), 0);
	for (i = 0; i < 70; i++)
		store_prep_free(prep[i]);
	CHECK(stored_dict() != 0);
	/* what a packs from now on is written with that dictionary */
	for (i = 0; i < 70; i++) {
		free(items[i].id);
		free(text[i]);
		ahead_item(&items[i], 200 + i, &text[i]);
		prep[i] = store_prep_item(a, &items[i]);
	}
	u = store_update_begin(w, feed, err, sizeof err);
	CHECK(u != NULL);
	for (i = 0; u && i < 70; i++)
		CHECK_INT(store_update_item_prep(u, &items[i], prep[i], &is_new), 0);
	CHECK_INT(store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err), 0);
	for (i = 0; i < 70; i++)
		store_prep_free(prep[i]);
	id = id_of("ahead269");
	CHECK(id > 0);
	CHECK_INT(content_dict(id), stored_dict());
	CHECK(reads_whole(w, id, items[69].summary, text[69]));
	for (i = 0; i < 140; i++) {
		free(items[i].id);
		free(text[i]);
	}
out:
	store_close(a);
	store_close(w);
}


/* A cache of long stories has its dictionary before it holds 250 (from 125 on, trained on
 * at least 125 of them and 768 KB), not before it holds 125; and one of very long stories
 * (12 KB: 250 of them are more than the 2 MB once read) has one too. updates of 50
 * stories of paras paragraphs each (about 200 bytes a paragraph). */
static void test_train_long(int paras, int updates)
{
	char err[CRIER_ERRSZ], guid[32], *text[300], *after;
	struct store *s = store_open(dbpath, err, sizeof err);
	struct feed_item batch[50];
	int64_t feed, id;
	int i, j;
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(store_feed_ensure(s, "https://longwater-review.example/rss", NULL, NULL, &feed, err, sizeof err), 0);
	for (i = 0; i < updates; i++) {
		for (j = 0; j < 50; j++) {
			int k = i * 50 + j;
			text[k] = story_text((unsigned)k + 7000, paras);
			memset(&batch[j], 0, sizeof batch[j]);
			snprintf(guid, sizeof guid, "long%d", k);
			batch[j].id = xstrdup(guid);
			batch[j].title = batch[j].id;
			batch[j].content = text[k];
			batch[j].published = 1700000000 + k;
			batch[j].updated = CRIER_NO_DATE;
		}
		CHECK_INT(update(s, feed, batch, 50), 0);
		for (j = 0; j < 50; j++)
			free(batch[j].id);
		if (i == 1)
			CHECK_INT(stored_dict(), 0); /* 100 stories: not yet */
	}
	if (stored_dict() == 0)
		fprintf(stderr, "no dictionary after %d stories of %zu bytes\n", updates * 50, strlen(text[0]));
	CHECK(stored_dict() != 0);
	/* and the next story is written with it */
	after = story_text(7999, paras);
	put(s, feed, "long-after", "The weir at Longwater is open again.", after);
	id = id_of("long-after");
	CHECK(id > 0);
	CHECK_INT(content_dict(id), stored_dict());
	CHECK(reads_whole(s, id, "The weir at Longwater is open again.", after));
	free(after);
	store_close(s);
	for (i = 0; i < updates * 50; i++)
		free(text[i]);
}

static void unlink_cache(void)
{
	char side[300];
	unlink(dbpath);
	snprintf(side, sizeof side, "%s-wal", dbpath);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", dbpath);
	unlink(side);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dbpath, sizeof dbpath, "%s/crier-test-dict-%ld.db", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	test_dictionary();
	unlink_cache();
	test_ahead_never_waits();
	unlink_cache();
	test_train_long(30, 4);  /* ~7.5 KB each: trained at 200 */
	unlink_cache();
	test_train_long(48, 6);  /* ~12 KB each: trained at 300 */
	unlink_cache();
	return CHECK_DONE();
}
