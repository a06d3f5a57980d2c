/* discover: a web page's feeds. Given an HTML page where a feed was expected, find the
 * RSS, Atom or JSON Feed documents its <link rel="alternate"> elements name. */
#ifndef CRIER_DISCOVER_H
#define CRIER_DISCOVER_H

#include <stddef.h>

struct discover_link {
	char *url;   /* absolute, http(s) */
	char *type;  /* the type attribute as written, lower case, parameters dropped */
	char *title; /* the title attribute, one clean line, or NULL */
};

/* The feed links of an HTML page, in document order, no URL twice: <link> elements whose
 * rel has the token "alternate" and whose type is an RSS, Atom, RDF or JSON Feed type;
 * hrefs resolved against the page's <base href> and page_url. Links that are not http(s)
 * after resolving are left out (a page from the network names no local file). Returns
 * how many (at most DISCOVER_MAX); *out is NULL when none. Pure: no network. */
#define DISCOVER_MAX 32
size_t discover_feed_links(const char *html, size_t len, const char *page_url,
			   struct discover_link **out);
void discover_links_free(struct discover_link *v, size_t n);

#endif
