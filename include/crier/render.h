/* render: an article or a feed's HTML to display lines for a width, wrapping by display
 * width (wcwidth) with headings, quotes, lists, preformatted text and numbered links.
 * A pure function; the caller has set an UTF-8 LC_CTYPE. */
#ifndef CRIER_RENDER_H
#define CRIER_RENDER_H

#include <stddef.h>

enum render_style {
	RENDER_TEXT,
	RENDER_TITLE,   /* the headline */
	RENDER_META,    /* byline, date, site */
	RENDER_HEADING,
	RENDER_QUOTE,
	RENDER_PRE,
	RENDER_LINKS,   /* the numbered link list at the end */
	RENDER_STANDFIRST /* the lines under the headline that sum the story up */
};

struct render_line {
	char *text; /* UTF-8 with no control characters, at most width columns */
	enum render_style style;
};

struct render_doc {
	struct render_line *lines;
	size_t nlines;
	char **links; /* links[i] is reference [i+1] */
	size_t nlinks;
};

struct article;

struct render_doc *render_html(const char *html, const char *base_url, int width);
/* Dates before this (1990-01-01) are not shown in an article's header. */
#define RENDER_EARLIEST_DATE 631152000
/* Headline, one line of byline, date and site (the site left out when the byline names
 * it), the standfirst set apart (unless the body begins with the same text), then the
 * body. */
struct render_doc *render_article(const struct article *a, int width);
void render_doc_free(struct render_doc *d);

/* Appends text wrapped to width columns as lines of style st: the first line begins
 * with `first`, the others with `rest`. Breaks at spaces, between wide characters, at a
 * newline, and inside a word longer than the line. The one wrapper: the body, and the
 * interface's captions and more-from teasers. */
void render_wrap(struct render_doc *d, const char *text, int width, const char *first,
		 const char *rest, enum render_style st);

/* Display width of UTF-8 text in terminal columns (CJK 2, combining 0), and of one code
 * point (controls 0): the C library's wcwidth, with a guess only where it has none. The
 * one width: the renderer wraps and the interface draws by it. */
int text_width(const char *s);
int text_char_width(unsigned cp);

#endif
