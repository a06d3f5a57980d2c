/* extract: a news page (bytes and its URL) to an article: headline, byline, body, figures
 * with caption and credit, and "more from" links. A pure function: no network. */
#ifndef CRIER_EXTRACT_H
#define CRIER_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include "crier/feed.h"
#include "crier/util.h"

#define EXTRACT_MAX_PAGE (10u * 1024 * 1024)

struct figure {
	char *image;   /* absolute URL or NULL */
	char *caption; /* NULL when none */
	char *credit;  /* without "Photo:" and the like; NULL when none */
};

struct more_link {
	char *title, *url, *summary; /* summary may be NULL */
	char *section;               /* the heading, e.g. "More from Some Site" */
	char *image, *caption, *credit; /* the teaser's photo, when it has one; may be NULL */
};

struct article {
	char *url, *title, *byline, *site;
	int64_t published;
	char *body;      /* plain text, paragraphs separated by one blank line */
	char *body_html; /* the body as simple, safe HTML (p, h2-h4, ul/ol/li, blockquote,
			    pre, a href absolute, b/i): what the renderer shows */
	struct figure *figures;
	size_t nfigures;
	struct more_link *more;
	size_t nmore;
	char *standfirst; /* the sentence or two set under the headline that sum the story up
			     (dek, lead, intro), not repeated in the body; NULL when none */
};

/* url: the page's address, the base for relative links (may be NULL: then the page's
 * <link rel=canonical> gives a->url, and relative links stay out of the result).
 * content_type: the HTTP header value, for its charset (may be NULL).
 * Every string in the result is valid UTF-8 without control characters (body keeps
 * newlines). NULL with err on failure (over EXTRACT_MAX_PAGE, not HTML).
 * The caller frees with article_free. */
struct article *extract_article(const char *bytes, size_t len, const char *url,
				const char *content_type, char *err, size_t errsz);
void article_free(struct article *a);

/* Adds the feed item's Media RSS captions and credits as figures (merged with those of
 * the page that show the same image or caption). */
void article_add_media(struct article *a, const struct feed_media *m, size_t n);

/* The --extract JSON object (no trailing newline): url, title, byline, published, site,
 * standfirst ("" when none), body, figures [{image, caption, credit}], more_from [{title, url, summary, section,
 * image, caption, credit}], body_html. */
void article_json(struct sbuf *b, const struct article *a);

#endif
