/* discover: <link rel="alternate" type="application/rss+xml" href="..."> and its kin,
 * read from the page's DOM (libxml2's HTML parser, no network, no entity loading). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "crier/discover.h"
#include "crier/util.h"

static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/rdf+xml",
	"application/feed+json", "application/json", "application/x.atom+xml",
	"application/x-atom+xml", "application/x-rss+xml",
};

/* The type without parameters or blanks, lower case; NULL when it is no feed type. */
static char *feed_type(const char *t)
{
	char buf[64];
	size_t n = 0;
	size_t i;
	while (*t == ' ' || *t == '\t')
		t++;
	while (*t && *t != ';' && *t != ' ' && *t != '\t' && n < sizeof buf - 1)
		buf[n++] = (char)tolower((unsigned char)*t++);
	buf[n] = '\0';
	for (i = 0; i < sizeof feed_types / sizeof feed_types[0]; i++)
		if (strcmp(buf, feed_types[i]) == 0)
			return xstrdup(buf);
	return NULL;
}

/* 1 when the space-separated rel list has the token "alternate" (any case). */
static int rel_alternate(const char *rel)
{
	while (*rel) {
		size_t n;
		while (*rel && isspace((unsigned char)*rel))
			rel++;
		n = strcspn(rel, " \t\r\n\f");
		if (n == 9 && strncasecmp(rel, "alternate", 9) == 0)
			return 1;
		rel += n;
	}
	return 0;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

struct walk {
	const char *base;
	char *base_own; /* <base href>, resolved */
	struct discover_link *v;
	size_t n;
	int depth;
};

static void consider(struct walk *w, xmlNodePtr n)
{
	char *rel = attr(n, "rel"), *type = attr(n, "type"), *href = attr(n, "href");
	char *ft = NULL, *url = NULL;
	size_t i;
	if (!rel || !type || !href || !rel_alternate(rel) || !(ft = feed_type(type)))
		goto out;
	text_clean_line(href);
	url = url_resolve(w->base_own ? w->base_own : w->base, href);
	if (!url || !url_is_http(url) || w->n >= DISCOVER_MAX)
		goto out;
	for (i = 0; i < w->n; i++)
		if (strcmp(w->v[i].url, url) == 0)
			goto out;
	w->v = xrealloc(w->v, (w->n + 1) * sizeof *w->v);
	w->v[w->n].url = url;
	w->v[w->n].type = ft;
	w->v[w->n].title = attr(n, "title");
	if (w->v[w->n].title) {
		text_clean_line(w->v[w->n].title);
		if (!*w->v[w->n].title) {
			free(w->v[w->n].title);
			w->v[w->n].title = NULL;
		}
	}
	w->n++;
	url = ft = NULL;
out:
	free(rel);
	free(type);
	free(href);
	free(ft);
	free(url);
}

static void walk(struct walk *w, xmlNodePtr n)
{
	if (++w->depth > 256) {
		w->depth--;
		return;
	}
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "base") == 0 && !w->base_own) {
			char *h = attr(n, "href");
			if (h) {
				text_clean_line(h);
				w->base_own = url_resolve(w->base, h);
			}
			free(h);
		} else if (strcasecmp((const char *)n->name, "link") == 0) {
			consider(w, n);
		}
		walk(w, n->children);
	}
	w->depth--;
}

size_t discover_feed_links(const char *html, size_t len, const char *page_url,
			   struct discover_link **out)
{
	struct walk w;
	htmlDocPtr doc;
	*out = NULL;
	if (!html || !len || len > 64u * 1024 * 1024)
		return 0;
	doc = htmlReadMemory(html, (int)len, page_url, NULL,
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				     HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
	if (!doc)
		return 0;
	memset(&w, 0, sizeof w);
	w.base = page_url;
	walk(&w, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	free(w.base_own);
	*out = w.v;
	return w.n;
}

void discover_links_free(struct discover_link *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].type);
		free(v[i].title);
	}
	free(v);
}
