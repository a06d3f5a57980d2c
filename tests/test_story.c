/* The story module without a terminal: the link rule, the fetch policy, the articles made
 * of feed items and links, and the whole opening of a story whose page loads from a
 * file:// publication (fetched, extracted, merged with the feed's media, stored). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crier/extract.h"
#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/store.h"
#include "crier/story.h"
#include "crier/util.h"
#include "check.h"

static void test_policy(void)
{
	int f = -1;
	CHECK_INT(story_page_allowed("https://news.example/rss", "https://news.example/a.html", &f), 1);
	CHECK_INT(f, 0);
	CHECK_INT(story_page_allowed("file:///home/u/feeds/x.xml", "http://news.example/a", &f), 1);
	/* a network feed never reaches local files */
	CHECK_INT(story_page_allowed("https://news.example/rss", "file:///etc/passwd", &f), 0);
	CHECK_INT(story_page_allowed(NULL, "file:///etc/passwd", &f), 0);
	/* a file:// feed: pages in its tree (its directory, or its parent's) */
	CHECK_INT(story_page_allowed("file:///srv/demo/feeds/news.xml", "file:///srv/demo/pages/a.html", &f), 1);
	CHECK_INT(f, 1);
	CHECK_INT(story_page_allowed("file:///srv/demo/news.xml", "file:///srv/demo/a.html", &f), 1);
	CHECK_INT(story_page_allowed("file:///srv/demo/feeds/news.xml", "file:///etc/passwd", &f), 0);
	CHECK_INT(f, 0);
	CHECK_INT(story_page_allowed("file:///srv/demo/feeds/news.xml", "file:///srv/demo/../../etc/passwd", &f), 0);
	CHECK_INT(story_page_allowed("file:///srv/demo/feeds/news.xml", "file:///srv/demo/%2e%2e/x", &f), 0);
	CHECK_INT(story_page_allowed("file:///srv/demo/feeds/news.xml", "file:///srv/demox/a.html", &f), 0);
	/* the user's own feed URL may carry dots: they are resolved before comparing */
	CHECK_INT(story_page_allowed("file:///w/build/../data/demo/feeds/n.xml", "file:///w/data/demo/pages/a.html", &f), 1);
	CHECK_INT(story_page_allowed("file:///w/build/../data/demo/feeds/n.xml", "file:///w/build/a.html", &f), 0);
	/* other schemes never */
	CHECK_INT(story_page_allowed("file:///srv/demo/feeds/news.xml", "ftp://x/a", &f), 0);
	CHECK_INT(story_page_allowed("https://x/rss", "javascript:alert(1)", &f), 0);
	/* the parent directory only above a "feeds" directory: a feed in one home directory
	 * never opens another user's files */
	CHECK_INT(story_page_allowed("file:///home/u/club.xml", "file:///home/v/secret.html", &f), 0);
	CHECK_INT(story_page_allowed("file:///srv/news/rss/x.xml", "file:///srv/news/a.html", &f), 0);
	CHECK_INT(story_page_allowed("file:///home/u/club.xml", "file:///home/u/pages/a.html", &f), 1);
}

static void test_wants_page(void)
{
	const char *teaser = "<p>The <b>ferry</b> to Olvenmark runs late.</p>";
	CHECK_INT(story_wants_page("short", teaser, 120), 1);
	CHECK_INT(story_wants_page("short", teaser, 6), 0);  /* six words: not fewer than 6 */
	CHECK_INT(story_wants_page("short", teaser, 7), 1);
	CHECK_INT(story_wants_page("always", teaser, 1), 1);
	CHECK_INT(story_wants_page("never", "", 120), 0);
	CHECK_INT(story_wants_page(NULL, NULL, 120), 1);      /* no text at all is a teaser */
	/* words inside tags do not count */
	CHECK_INT(story_wants_page("short", "<a href=\"x y z w\">one</a> two", 3), 1);
}

static void test_articles(void)
{
	struct article *a = story_article_from_link("https://x.example/a", NULL, "Rates < 3% & \"rising\"");
	CHECK_STR(a->title, "https://x.example/a");
	CHECK_STR(a->body_html, "<p>Rates &lt; 3% &amp; &quot;rising&quot;</p>");
	CHECK_INT(a->published, CRIER_NO_DATE);
	article_free(a);
	a = story_article_from_link("https://x.example/b", "Quay works", NULL);
	CHECK_STR(a->title, "Quay works");
	CHECK_STR(a->body_html, "<p></p>");
	article_free(a);

	struct feed_media m = {0};
	m.url = "https://x.example/quay.jpg";
	m.caption = "Cranes over the new quay at dawn";
	m.credit = "Ilse Varga";
	struct feed_item it = {0};
	it.title = "Quay reopens";
	it.link = "https://x.example/quay";
	it.author = "Tomas Reyd";
	it.summary = "<p>short</p>";
	it.content = "<p>The long text.</p>";
	it.published = CRIER_NO_DATE;
	it.updated = 1700000000;
	it.media = &m;
	it.nmedia = 1;
	a = story_article_from_item(&it, "Harbour Gazette");
	CHECK_STR(a->title, "Quay reopens");
	CHECK_STR(a->byline, "Tomas Reyd");
	CHECK_STR(a->site, "Harbour Gazette");
	CHECK_STR(a->body_html, "<p>The long text.</p>"); /* the content over the summary */
	CHECK_INT(a->published, 1700000000);              /* updated when not published */
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures)
		CHECK_STR(a->figures[0].credit, "Ilse Varga");
	article_free(a);
}

/* ---- a publication on disk ---------------------------------------------------------- */

struct seen {
	int calls;
	struct story *last;
	char url[512], err[CRIER_ERRSZ];
};

static void on_page(void *ctx, struct story *s, const char *url, const char *err)
{
	struct seen *w = ctx;
	w->calls++;
	w->last = s;
	snprintf(w->url, sizeof w->url, "%s", url);
	snprintf(w->err, sizeof w->err, "%s", err ? err : "");
}

static void wait_pages(struct fetch *f, struct story_loader *l)
{
	time_t end = time(NULL) + 20;
	while (story_loader_pending(l) && time(NULL) < end)
		fetch_poll(f, -1, 100);
}

static const char *page_html =
	"<!doctype html><html><head><title>Night ferry to Olvenmark | Harbour Gazette</title></head>"
	"<body><article><h1>Night ferry to Olvenmark</h1>"
	"<p>The night ferry to Olvenmark will sail again from the north quay on Friday, the "
	"harbour board said, after a winter in which the crossing ran only by day.</p>"
	"<p>Skipper Ondra Feld said the crew had waited for the new lights on the breakwater, "
	"fitted in March, before taking passengers across after dark again.</p>"
	"<p>Tickets for the first crossing sold out within an hour of the announcement, and a "
	"second sailing has been added for the Saturday night.</p>"
	"</article></body></html>";

static void test_open(void)
{
	char dir[256], path[512], feed_url[600], page_url[600], err[CRIER_ERRSZ];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/crier-story-%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/feeds", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/pages", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/pages/ferry.html", dir);
	check_write_file(path, page_html);
	snprintf(feed_url, sizeof feed_url, "file://%s/feeds/news.xml", dir);
	snprintf(page_url, sizeof page_url, "file://%s/pages/ferry.html", dir);

	snprintf(path, sizeof path, "%s/cache.db", dir);
	struct store *st = store_open(path, err, sizeof err);
	CHECK(st != NULL);
	if (!st)
		return;
	int64_t fid = 0;
	CHECK_INT(store_feed_ensure(st, feed_url, "Harbour Gazette", NULL, &fid, err, sizeof err), 0);
	struct feed_media m = {0};
	m.url = "file:///nowhere/ferry.jpg";
	m.caption = "The ferry Kestrel at the north quay";
	m.credit = "Mira Olsk";
	struct feed_item it = {0};
	it.title = "Night ferry returns";
	it.link = page_url;
	it.id = "ferry-1";
	it.author = "Ada Pell";
	it.summary = "<p>The night ferry sails again.</p>";
	it.published = 1767225600; /* 2026-01-01 */
	it.updated = CRIER_NO_DATE;
	it.media = &m;
	it.nmedia = 1;
	struct feed_info info = {0};
	info.title = "Harbour Gazette";
	info.updated = CRIER_NO_DATE;
	struct store_update *u = store_update_begin(st, fid, err, sizeof err);
	CHECK(u != NULL);
	int is_new = 0;
	if (u) {
		store_update_info(u, &info);
		CHECK_INT(store_update_item(u, &it, &is_new), 0);
		CHECK_INT(store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err), 0);
	}
	struct store_query q = {0};
	struct store_row row;
	memset(&row, 0, sizeof row);
	CHECK_INT(store_rows(st, &q, 0, 1, &row), 1);

	struct fetch_limits lim;
	fetch_limits_default(&lim);
	struct fetch *f = fetch_new(&lim, err, sizeof err);
	CHECK(f != NULL);
	if (!f)
		return;
	struct story_loader *l = story_loader_new(st, f);
	struct seen w = {0};
	story_loader_on_page(l, on_page, &w);

	/* a teaser: the feed's text at once, the page on the way */
	struct story *s = story_open_row(l, &row, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_STR(err, "");
	CHECK_INT(s->loading, 1);
	CHECK_INT(story_loader_pending(l), 1);
	CHECK_STR(s->art->title, "Night ferry returns");
	CHECK(strstr(s->art->body_html, "sails again") != NULL);
	unsigned v0 = s->version;
	wait_pages(f, l);
	CHECK_INT(story_loader_pending(l), 0);
	CHECK_INT(w.calls, 1);
	CHECK_STR(w.err, "");
	CHECK(w.last == s);
	CHECK_INT(s->loading, 0);
	CHECK(s->version != v0);
	CHECK(strstr(s->art->body, "breakwater") != NULL);
	/* the feed's media caption joined the page's figures; the feed's byline stayed */
	int found = 0;
	for (size_t i = 0; i < s->art->nfigures; i++)
		found |= s->art->figures[i].credit && strcmp(s->art->figures[i].credit, "Mira Olsk") == 0;
	CHECK_INT(found, 1);
	CHECK_STR(s->art->byline, "Ada Pell");
	CHECK_STR(s->art->site, "Harbour Gazette");

	/* a page opened twice while it loads: one transfer, the newest opener gets it
	 * first, the other the stored copy */
	char second[700];
	snprintf(path, sizeof path, "%s/pages/second.html", dir);
	check_write_file(path, page_html);
	snprintf(second, sizeof second, "file://%s/pages/second.html", dir);
	struct story *sa = story_open_url(l, feed_url, second, "Ferry", NULL, err, sizeof err);
	struct story *sb = story_open_url(l, feed_url, second, "Ferry", NULL, err, sizeof err);
	CHECK(sa && sb);
	if (!sa || !sb)
		return;
	CHECK_INT(story_loader_pending(l), 1);
	CHECK_STR(sa->art->title, "Ferry");
	wait_pages(f, l);
	CHECK_INT(w.calls, 2);
	CHECK(w.last == sb);
	CHECK(strstr(sa->art->body, "breakwater") != NULL);
	CHECK(strstr(sb->art->body, "breakwater") != NULL);
	CHECK_INT(sa->loading + sb->loading, 0);
	story_free(sa);
	story_free(sb);

	/* stored: the next open finds the article without a transfer */
	struct article *c = store_article_get(st, page_url);
	CHECK(c != NULL);
	if (c)
		article_free(c);
	struct story *s3 = story_open_row(l, &row, err, sizeof err);
	CHECK(s3 != NULL);
	CHECK_INT(s3 ? s3->loading : -1, 0);
	CHECK(s3 && strstr(s3->art->body, "breakwater") != NULL);
	story_free(s3);
	story_free(s);

	/* a missing page: the error names it, the placeholder stays */
	char missing[700];
	snprintf(missing, sizeof missing, "file://%s/pages/gone.html", dir);
	s = story_open_url(l, feed_url, missing, "Gone", "A summary & more", err, sizeof err);
	CHECK(s != NULL);
	wait_pages(f, l);
	CHECK_INT(w.calls, 3);
	CHECK(strstr(w.err, "gone.html") != NULL);
	CHECK(s && !s->loading && strcmp(s->art->title, "Gone") == 0);
	story_free(s);

	/* a story closed while its page loads: the page still ends and is stored, and no
	 * story is handed it */
	snprintf(path, sizeof path, "%s/pages/third.html", dir);
	check_write_file(path, page_html);
	snprintf(missing, sizeof missing, "file://%s/pages/third.html", dir);
	s = story_open_url(l, feed_url, missing, NULL, NULL, err, sizeof err);
	CHECK(s != NULL);
	story_free(s);
	wait_pages(f, l);
	CHECK_INT(w.calls, 4);
	CHECK(w.last == NULL);
	c = store_article_get(st, missing);
	CHECK(c != NULL);
	if (c)
		article_free(c);

	snprintf(missing, sizeof missing, "file://%s/pages/ferry.html?x", dir);
	s = story_open_url(l, feed_url, missing, NULL, NULL, err, sizeof err);
	CHECK(s == NULL); /* a query on a file:// page is refused */
	CHECK(strstr(err, "ferry.html?x") != NULL);
	s = story_open_url(l, "https://news.example/rss", page_url, NULL, NULL, err, sizeof err);
	CHECK(s == NULL); /* a network feed's link to a local file */

	store_row_clear(&row);
	story_loader_free(l);
	fetch_free(f);
	store_close(st);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
	setlocale(LC_ALL, "");
	test_policy();
	test_wants_page();
	test_articles();
	test_open();
	return CHECK_DONE();
}
