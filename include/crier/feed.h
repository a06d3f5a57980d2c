/* feed: a streaming parser for RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with their common
 * namespaces. Bytes are pushed in as they arrive; feed and items come out by callback. */
#ifndef CRIER_FEED_H
#define CRIER_FEED_H

#include <stddef.h>
#include <stdint.h>
#include "crier/util.h"

/* All strings are UTF-8, stripped of control characters, NULL when absent.
 * Dates are UNIX seconds or CRIER_NO_DATE.
 *
 * What comes from where (first found wins; document order does not matter):
 *   title      title, dc:title, media:title. One line of plain text: entities decoded,
 *              Atom type="html"/"xhtml" (and HTML-looking RSS titles) turned into text,
 *              white space collapsed.
 *   link       RSS link, Atom link rel="alternate" (an HTML type first), a permalink guid
 *              that is a URL, any other link but self/edit/enclosure/hub/paging; made
 *              absolute against xml:base and the document's URL.
 *   id         guid, atom:id, rdf:about, else the link, else 16 hex digits of FNV-1a
 *              over title and date.
 *   author     RSS author, dc:creator, Atom author ("name (email)" as feedparser
 *              writes it), itunes:author.
 *   summary    description, Atom summary, itunes:summary, dc:description,
 *              itunes:subtitle; else the content; else a media:description (text).
 *   content    content:encoded, Atom content, inline xhtml:body.
 *   published  pubDate, dc:date, Atom published / issued / created, dcterms:issued.
 *   updated    Atom updated / modified, dcterms:modified, dc:date; else published.
 *   categories category, dc:subject, Atom category term (else label); no duplicates.
 *   enclosures enclosure, Atom link rel="enclosure"; their duration from the item's
 *              itunes:duration (seconds, or [[H:]M:]S).
 *   media      media:content (in media:group or not), else media:thumbnail or an
 *              episode's itunes:image; caption and
 *              credit from the content's own media:description / media:credit, else
 *              the group's, else the item's.
 * HTML (summary, content, feed description) is sanitised: no script, style, iframe,
 * object, embed, form, on* attributes, style attributes, or URLs other than http(s),
 * ftp, mailto and the like (data: only for images); links and image sources are
 * absolute. */
struct feed_enclosure {
	char *url, *type;
	long long length; /* -1 when unknown or not a whole number (null in JSON) */
	long long duration; /* seconds (the item's itunes:duration); 0 when unknown */
};

struct feed_media {
	char *url, *type, *title;
	char *caption; /* media:description (plain text) */
	char *credit;  /* media:credit */
};

struct feed_info {
	char *title, *link, *description, *language, *image;
	int64_t updated;
};

struct feed_item {
	char *title, *link, *id, *author;
	char *summary, *content; /* HTML kept as HTML, links made absolute */
	int64_t published, updated;
	char **categories;
	size_t ncategories;
	struct feed_enclosure *enclosures;
	size_t nenclosures;
	struct feed_media *media;
	size_t nmedia;
	/* "html" or "text" (an Atom type="text" summary or content, iTunes summaries:
	 * plain text kept as text, not escaped), NULL when the field is absent. Static
	 * strings: never freed. */
	const char *summary_type, *content_type;
};

/* The parser owns what it passes to the callbacks; it is valid only during the call.
 * on_feed is called once, before the first on_item (or from feed_parser_finish when the
 * feed has no items). A callback returning non-zero stops the parse with an error. */
struct feed_callbacks {
	void *ctx;
	int (*on_feed)(void *ctx, const struct feed_info *feed);
	int (*on_item)(void *ctx, const struct feed_item *item);
	/* Recoverable problems, already naming the source and line. May be NULL. */
	void (*on_warning)(void *ctx, const char *msg);
};

struct feed_parser;

/* doc_url: the document's own URL (for relative links; may be NULL).
 * name: how messages name the source (a file name or URL). */
struct feed_parser *feed_parser_new(const char *doc_url, const char *name,
				    const struct feed_callbacks *cb);
/* The charset the transport named (HTTP Content-Type), before the first push. It is
 * used only when the document has neither a byte-order mark nor an XML declaration
 * naming its encoding: servers' defaults are wrong more often than documents. */
void feed_parser_set_charset(struct feed_parser *p, const char *charset);
/* 0, or -1 with err filled when the parse cannot go on. */
int feed_parser_push(struct feed_parser *p, const char *buf, size_t len, char *err, size_t errsz);
/* Ends the document. -1 with err naming the source when no feed was found in it. */
int feed_parser_finish(struct feed_parser *p, char *err, size_t errsz);
void feed_parser_free(struct feed_parser *p);

/* Deep copies, for callers that keep items past the callback. */
struct feed_item *feed_item_dup(const struct feed_item *it);
void feed_item_free(struct feed_item *it);

#endif
