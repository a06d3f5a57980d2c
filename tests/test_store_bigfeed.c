/* A big feed rewritten at once: a feed of 900 long stories whose every story changes in
 * one reload (a site that re-issues its whole archive with new text) is stored whole, in
 * a reload's batch as in a single update. Its savepoint's journal then holds megabytes of
 * the cache's pages; when sqlite moved such a journal from memory to its temporary file
 * the write was cut short and the update failed with "database or disk is full". */
#include "config.h"
#include "check.h"
#include "crier/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STORIES 900

static char dbpath[256];

/* Text of invented words, different for each (seed, version): n sentences. */
static char *text(unsigned seed, unsigned version, int n)
{
	static const char *const syll[] = {"hal", "mir", "ost", "van", "dre", "ul", "ke", "sor",
					   "bel", "un", "ta", "gri", "lo", "wen", "ath", "po"};
	struct sbuf b = SBUF_INIT;
	unsigned x = seed * 2654435761u + version * 40503u + 7;
	int s, w, k;
	for (s = 0; s < n; s++) {
		sbuf_adds(&b, "<p>");
		for (w = 0; w < 18; w++) {
			x = x * 1103515245u + 12345u;
			if (w)
				sbuf_addc(&b, ' ');
			for (k = 0; k <= (int)((x >> 20) % 3); k++)
				sbuf_adds(&b, syll[(x >> (4 * k + 3)) % 16]);
		}
		sbuf_adds(&b, ".</p>");
	}
	return sbuf_steal(&b);
}

/* Stores every story of the feed in version `version`; 0 on success, else err says why. */
static int reload(struct store *s, int64_t feed, unsigned version, char *err, size_t errsz)
{
	struct store_update *u;
	char guid[32], title[64];
	int i, bad = 0;
	if (store_batch_begin(s, err, errsz) != 0)
		return -1;
	if (!(u = store_update_begin(s, feed, err, errsz)))
		return -1;
	for (i = 0; i < STORIES; i++) {
		struct feed_item it;
		int is_new;
		char *summary = text((unsigned)i, version, 2), *content = text((unsigned)i, version, 30);
		memset(&it, 0, sizeof it);
		snprintf(guid, sizeof guid, "harrowgate-%d", i);
		snprintf(title, sizeof title, "Harrowgate ledger, entry %d (edition %u)", i, version);
		it.id = guid;
		it.title = title;
		it.link = (char *)"https://harrowgate-ledger.example/entry";
		it.summary = summary;
		it.content = content;
		it.published = 1700000000 + i * 60;
		it.updated = CRIER_NO_DATE;
		if (store_update_item(u, &it, &is_new) != 0)
			bad = 1;
		free(summary);
		free(content);
	}
	if (bad) {
		store_update_fail(u, 200, "store failed");
		snprintf(err, errsz, "a story could not be stored");
		return -1;
	}
	if (store_update_commit(u, NULL, NULL, NULL, 200, err, errsz) != 0)
		return -1;
	return store_batch_commit(s, err, errsz);
}

/* Whether the feed's story i reads back as edition `version`. */
static int reads_version(struct store *s, int64_t feed, int i, unsigned version)
{
	char err[CRIER_ERRSZ] = "", want[64];
	struct store_query q = {0};
	struct store_row rows[STORIES];
	int n, k, ok = 0;
	q.feed_id = feed;
	n = store_rows(s, &q, 0, STORIES, rows);
	snprintf(want, sizeof want, "Harrowgate ledger, entry %d (edition %u)", i, version);
	for (k = 0; k < n; k++) {
		if (rows[k].title && strcmp(rows[k].title, want) == 0) {
			struct feed_item *it = store_item_read(s, rows[k].id, err, sizeof err);
			char *content = text((unsigned)i, version, 30);
			ok = it && it->content && strcmp(it->content, content) == 0;
			free(content);
			if (it)
				feed_item_free(it);
		}
		store_row_clear(&rows[k]);
	}
	if (!ok)
		fprintf(stderr, "story %d does not read back as edition %u %s\n", i, version, err);
	return ok;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char err[CRIER_ERRSZ] = "", side[300];
	struct store *s;
	int64_t feed = 0;
	unsigned v;
	snprintf(dbpath, sizeof dbpath, "%s/crier-test-bigfeed-%ld.db", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	s = store_open(dbpath, err, sizeof err);
	CHECK(s != NULL);
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return CHECK_DONE();
	}
	CHECK_INT(store_feed_ensure(s, "https://harrowgate-ledger.example/feed.xml", NULL, "", &feed, err, sizeof err), 0);
	for (v = 1; v <= 3; v++) {
		err[0] = '\0';
		CHECK_INT(reload(s, feed, v, err, sizeof err), 0);
		if (err[0])
			fprintf(stderr, "edition %u: %s\n", v, err);
		CHECK(reads_version(s, feed, 0, v));
		CHECK(reads_version(s, feed, STORIES - 1, v));
	}
	store_close(s);
	unlink(dbpath);
	snprintf(side, sizeof side, "%s-wal", dbpath);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", dbpath);
	unlink(side);
	return CHECK_DONE();
}
