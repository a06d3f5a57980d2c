/* test_store_standfirst: a fetched article's standfirst is kept in the cache and found by
 * search like its body; a cache from before the standfirst (schema 13) opens with its
 * index and keeps it exact from then on. */
#include "config.h"
#include "check.h"
#include "old_cache.h"
#include "crier/store.h"
#include "crier/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long found(struct store *s, const char *words)
{
	struct store_query q = {0};
	q.search = words;
	return store_count(s, &q);
}

static void put_page(struct store *s, const char *url, const char *standfirst, const char *body)
{
	struct article a;
	memset(&a, 0, sizeof a);
	a.url = (char *)url;
	a.title = (char *)"Page";
	a.standfirst = (char *)standfirst;
	a.body = (char *)body;
	a.body_html = (char *)"<p>page</p>";
	a.published = CRIER_NO_DATE;
	CHECK_INT(store_article_put(s, &a), 0);
}

/* A new story of feed 1 linking to url. */
static void add_item(struct store *s, const char *guid, const char *title, const char *url)
{
	char err[CRIER_ERRSZ];
	struct feed_item it;
	int is_new;
	memset(&it, 0, sizeof it);
	it.id = (char *)guid;
	it.title = (char *)title;
	it.link = (char *)url;
	it.published = 1700009000;
	it.updated = CRIER_NO_DATE;
	struct store_update *u = store_update_begin(s, 1, err, sizeof err);
	CHECK(u != NULL);
	if (!u)
		return;
	CHECK_INT(store_update_item(u, &it, &is_new), 0);
	CHECK_INT(store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err), 0);
}

static void test_old_cache(const char *dir)
{
	char err[CRIER_ERRSZ], path[300];
	struct store *s;
	struct article *a;
	const char *url = "https://vell-courier.example/choir";
	snprintf(path, sizeof path, "%s/crier-test-standfirst-%ld.db", dir, (long)getpid());
	if (old_cache_make(path, 13,
		/* the page first: its trigger would delete the stories' entries, which a
		 * cache since schema 12 makes in C, not by SQL as here (the index is built
		 * by migration 14) */
		"INSERT INTO articles(url, title, body, body_html, fetched) VALUES"
		" ('https://vell-courier.example/choir', 'Page', 'The tenor Aldo Fenn sang first.',"
		"  '<p>page</p>', 1700007300);"
		"INSERT INTO feeds(id, url, generation, position, unread_count, item_count)"
		" VALUES(1, 'https://vell-courier.example/rss', 1, 1, 2, 2);"
		"INSERT INTO items(id, feed_id, guid, title, link, summary, first_seen, date,"
		"  seen_generation, unread) VALUES"
		" (1, 1, 'v1', 'Choir concert', 'https://vell-courier.example/choir', NULL,"
		"  1700007200, 1700007200, 1, 1),"
		" (2, 1, 'v2', 'Ferry timetable', 'https://vell-courier.example/ferry', NULL,"
		"  1700007300, 1700007300, 1, 1);") != 0)
		return;
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	if (!s) {
		fprintf(stderr, "open: %s\n", err);
		return;
	}
	CHECK_INT(old_cache_version(path), store_schema_latest());
	/* the old article: found as before, with no standfirst */
	CHECK_INT(found(s, "tenor"), 1);
	a = store_article_get(s, url);
	CHECK(a != NULL);
	if (a) {
		CHECK(a->standfirst == NULL);
		CHECK_STR(a->body, "The tenor Aldo Fenn sang first.");
		article_free(a);
	}

	/* fetched again with a standfirst: a word only there is found, the old text is
	 * gone from the index (its entry was removed with the very text it was made of) */
	put_page(s, url, "Lanterns along the quay for the midsummer choir.",
		 "Dancers from Kell opened the evening.");
	CHECK_INT(found(s, "lanterns"), 1);
	CHECK_INT(found(s, "dancers"), 1);
	CHECK_INT(found(s, "lanterns dancers"), 1);
	CHECK_INT(found(s, "tenor"), 0);
	a = store_article_get(s, url);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->standfirst, "Lanterns along the quay for the midsummer choir.");
		CHECK_STR(a->body, "Dancers from Kell opened the evening.");
		article_free(a);
	}
	/* and again without one: its words go */
	put_page(s, url, NULL, "Dancers from Kell opened the evening.");
	CHECK_INT(found(s, "lanterns"), 0);
	CHECK_INT(found(s, "dancers"), 1);
	a = store_article_get(s, url);
	CHECK(a && a->standfirst == NULL);
	article_free(a);

	/* a page whose item is listed again (its text changed): the standfirst stays found
	 * and only once */
	put_page(s, "https://vell-courier.example/ferry", "Gulls over the slipway at dawn.",
		 NULL);
	CHECK_INT(found(s, "gulls"), 1);
	CHECK_INT(found(s, "timetable gulls"), 1);
	/* a story that arrives after its page was cached is found by the standfirst */
	put_page(s, "https://vell-courier.example/nets", "Herring nets mended on the harbour wall.",
		 "The fleet sails on Monday.");
	CHECK_INT(found(s, "herring"), 0);
	add_item(s, "v3", "Fleet news", "https://vell-courier.example/nets");
	CHECK_INT(found(s, "herring"), 1);
	CHECK_INT(found(s, "herring fleet monday"), 1);
	store_close(s);

	/* reopened: kept */
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(found(s, "gulls"), 1);
		a = store_article_get(s, "https://vell-courier.example/ferry");
		CHECK(a && a->standfirst && strcmp(a->standfirst, "Gulls over the slipway at dawn.") == 0);
		article_free(a);
		store_close(s);
	}
	old_cache_remove(path);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	test_old_cache(tmp && *tmp ? tmp : "/tmp");
	return CHECK_DONE();
}
