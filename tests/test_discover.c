/* Unit tests of feed discovery: which <link> elements of a page name its feeds, and the
 * URLs they resolve to. */
#include "config.h"
#include "check.h"
#include "crier/discover.h"

#include <stdlib.h>
#include <string.h>

static size_t find(const char *html, const char *base, struct discover_link **v)
{
	return discover_feed_links(html, strlen(html), base, v);
}

int main(void)
{
	struct discover_link *v;
	size_t n;

	/* RSS, Atom and JSON Feed links in document order; other links left out */
	n = find("<html><head><link rel=stylesheet type=text/css href=a.css>"
		 "<link rel=alternate type=application/rss+xml href=rss.xml title='Main &amp; all'>"
		 "<link rel=alternate hreflang=fr href=/fr/>"
		 "<link rel=alternate type=application/atom+xml href='/atom/'>"
		 "<link rel=alternate type=application/feed+json href=//cdn.example.net/f.json>"
		 "<link rel=alternate type=text/html href=page.html>"
		 "</head><body></body></html>", "http://example.net/news/today.html", &v);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(v[0].url, "http://example.net/news/rss.xml");
		CHECK_STR(v[0].type, "application/rss+xml");
		CHECK_STR(v[0].title, "Main & all");
		CHECK_STR(v[1].url, "http://example.net/atom/");
		CHECK_STR(v[1].title, NULL);
		CHECK_STR(v[2].url, "http://cdn.example.net/f.json");
		CHECK_STR(v[2].type, "application/feed+json");
	}
	discover_links_free(v, n);

	/* <base href>, rel as a token list in any case, type with parameters, a link in body */
	n = find("<head><base href='https://example.org/b/'></head><body>"
		 "<link rel='feed ALTERNATE' type=' Application/RSS+XML; charset=utf-8 ' href=' x.rss '>"
		 "</body>", "https://example.org/a/page", &v);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(v[0].url, "https://example.org/b/x.rss");
		CHECK_STR(v[0].type, "application/rss+xml");
	}
	discover_links_free(v, n);

	/* not alternate, no href, a javascript: or file: href, one URL twice */
	n = find("<link rel=alternates type=application/rss+xml href=a.xml>"
		 "<link rel=alternate type=application/rss+xml>"
		 "<link rel=alternate type=application/rss+xml href='javascript:alert(1)'>"
		 "<link rel=alternate type=application/rss+xml href='file:///etc/passwd'>"
		 "<link rel=alternate type=application/rss+xml href=/f.xml>"
		 "<link rel=alternate type=application/atom+xml href=http://h.example/f.xml>",
		 "http://h.example/", &v);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(v[0].url, "http://h.example/f.xml");
	discover_links_free(v, n);

	/* a title with control characters is one clean line */
	n = find("<link rel=alternate type=application/rss+xml href=f.xml title='a\x1b[2J\n b'>",
		 "http://h.example/", &v);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(v[0].title && !strchr(v[0].title, '\x1b') && !strchr(v[0].title, '\n'));
	discover_links_free(v, n);

	/* nothing to find: a feed document, an empty page, no bytes */
	CHECK_INT(find("<?xml version='1.0'?><rss><channel><link>http://x/</link></channel></rss>",
		       "http://h.example/", &v), 0);
	CHECK(v == NULL);
	CHECK_INT(find("", "http://h.example/", &v), 0);
	CHECK_INT(discover_feed_links(NULL, 0, NULL, &v), 0);
	return CHECK_DONE();
}
