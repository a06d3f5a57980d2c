/* reload_shared: a reload and an article page on one lent fetcher, driven as the
 * interface drives them (reload_poll_shared), then a page alone (no reload). Prints what
 * a reader would rely on: each feed reported is already in the cache for another
 * connection to see, and the pages are stored.
 * Usage: reload_shared CACHE PAGE_URL FEED_URL... */
#include "config.h"
#include "crier/extract.h"
#include "crier/reload.h"

#include <stdio.h>
#include <string.h>
#include <sqlite3.h>

static const char *cache;
static struct store *store;

static void on_feed(void *ctx, const struct reload_feed *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long seen = -1;
	(void)ctx;
	/* What another reader (a second crier) sees at the moment the feed is reported. */
	if (sqlite3_open_v2(cache, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
	    && sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM items WHERE feed_id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, f->feed_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			seen = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	printf("feed %s %s, %ld items, %ld visible\n", f->url, f->error ? f->error : "ok", f->items, seen);
}

static void on_page(void *user, const struct fetch_result *res)
{
	const char *url = user;
	struct article a;
	int batch, rc;
	memset(&a, 0, sizeof a);
	a.url = (char *)url;
	a.title = (char *)"Notes from the ferry office";
	a.published = CRIER_NO_DATE;
	a.body = (char *)"The winter timetable starts on Monday.";
	/* Whether this poll's feeds had opened a batch first depends on timing: printed for
	 * the log, the put must work either way. */
	batch = store_in_batch(store);
	rc = store_article_put(store, &a);
	printf("page %s %s, put %d (in a batch: %d)\n", url, res->error ? res->error : "ok", rc, batch);
}

static void add_page(struct fetch *f, const char *url)
{
	char err[CRIER_ERRSZ];
	struct fetch_request req;
	memset(&req, 0, sizeof req);
	req.url = url;
	req.on_done = on_page;
	req.user = (void *)url;
	if (fetch_add(f, &req, err, sizeof err) != 0)
		printf("page %s not added: %s\n", url, err);
}

int main(int argc, char **argv)
{
	char err[CRIER_ERRSZ];
	struct fetch *f;
	struct reload *r;
	struct reload_totals t;
	struct urls u;
	struct store_feed *fs;
	struct article *a;
	size_t n, i;
	int rounds = 0;
	char again[2048];
	if (argc < 4)
		return 2;
	cache = argv[1];
	store = store_open(cache, err, sizeof err);
	if (!store)
		return 1;
	memset(&u, 0, sizeof u);
	u.n = (size_t)argc - 3;
	u.v = xcalloc(u.n, sizeof *u.v);
	for (i = 0; i < u.n; i++)
		u.v[i].url = xstrdup(argv[i + 3]);
	if (reload_sync(store, &u, err, sizeof err) != 0 || store_feeds(store, &fs, &n, err, sizeof err) != 0)
		return 1;
	f = fetch_new(NULL, err, sizeof err);
	r = reload_new_on(store, f);
	reload_on_feed(r, on_feed, NULL);
	for (i = 0; i < n; i++)
		reload_add(r, &fs[i], err, sizeof err);
	add_page(f, argv[2]); /* after the feeds: it tends to end after them, in their batch */
	store_feeds_free(fs, n);
	while (fetch_pending(f) > 0 && rounds++ < 100)
		reload_poll_shared(r, f, -1, 100);
	reload_get_totals(r, &t);
	printf("feeds %zu, failed %zu, new items %ld, in batch after %d\n", t.feeds, t.failed,
	       t.new_items, store_in_batch(store));
	reload_free(r);
	/* No reload running: the same call serves the page alone. */
	snprintf(again, sizeof again, "%s?again", argv[2]);
	add_page(f, again);
	rounds = 0;
	while (fetch_pending(f) > 0 && rounds++ < 100)
		reload_poll_shared(NULL, f, -1, 100);
	a = store_article_get(store, argv[2]);
	printf("article %s\n", a && a->title ? a->title : "missing");
	article_free(a);
	a = store_article_get(store, again);
	printf("article again %s\n", a && a->title ? a->title : "missing");
	article_free(a);
	fetch_free(f);
	urls_free(&u);
	store_close(store);
	return 0;
}
