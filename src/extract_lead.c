/* extract_lead: the standfirst (lead, summary, subtitle) a page sets under the headline in
 * the story's <header>: a block or two of running prose beside headline, byline and date. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

/* Blocks that are never a lead, whatever their text: who wrote it, when, the photo, the
 * share bar, the path to the page. */
static const char *const not_lead_exact[] = {"byline", "bylines", "author", "authors",
	"date", "dateline", "timestamp", "time", "meta", "caption", "credit", "credits",
	"share", "social", "tags", "tag", "breadcrumb", "breadcrumbs", "nav", "menu",
	"kicker", "overline", "eyebrow", "rubric", "category", "label", "ad", "ads",
	"advertisement", "newsletter", "related", "comments", "rating", "toc", NULL};
static const char *const not_lead_prefix[] = {"byline", "author", "caption", "credit",
	"breadcrumb", "share", "sharing", "social", "advert", "sponsor", "newsletter",
	"subscri", "comment", "related", "recommend", "figcaption", "photo", "image", "img",
	"video", "gallery", NULL};

#define LEAD_MAX 4            /* blocks of one lead */
#define LEAD_MIN_CHARS 60     /* a sentence, not a label */

static size_t count_words(const char *t)
{
	size_t w = 0;
	int in = 0;
	for (const unsigned char *s = (const unsigned char *)t; *s; s++) {
		if (isspace(*s)) {
			in = 0;
		} else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}

/* Running prose: long enough, words (or a script written without spaces), ending like a
 * sentence or long enough to be one, with hardly any link text. */
static int prose(const char *t, size_t link)
{
	size_t n = dom_utf8_len(t), len = strlen(t);
	if (n < LEAD_MIN_CHARS || n > 1500 || link * 4 > n)
		return 0;
	/* words are counted where the script puts spaces between them (not in Chinese or
	 * Japanese, whose characters take three bytes each) */
	int spaced = len < n * 2;
	if (spaced && count_words(t) < 9)
		return 0;
	if (words_boiler_line(t) || meta_byline_prefix(t))
		return 0;
	const char *e = t + len;
	while (e > t && (e[-1] == ' ' || e[-1] == '"' || e[-1] == ')'))
		e--;
	unsigned char last = e > t ? (unsigned char)e[-1] : 0;
	int stop = last == '.' || last == '!' || last == '?' || last == ':' || last >= 0x80;
	return stop || n >= 100;
}

/* Link characters below n, counted here: the info pass counts nothing inside a block
 * dropped as unlikely, and a header often is one. */
static size_t link_chars(const xmlNode *n)
{
	size_t k = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(c, "a")) {
			char *t = node_text_line(c);
			if (t)
				k += dom_utf8_len(t);
			free(t);
		} else {
			k += link_chars(c);
		}
	}
	return k;
}

/* Never part of a lead: skipped, more-from, navigation tags, byline/date/photo blocks. */
static int lead_barrier(const xmlNode *n)
{
	unsigned f = INFO(n)->flags;
	if (f & (F_SKIP | F_MORE | F_FIGSEEN))
		return 1;
	if (node_is(n, "nav") || node_is(n, "aside") || node_is(n, "footer") ||
	    node_is(n, "form") || node_is(n, "figure") || node_is(n, "figcaption") ||
	    node_is(n, "picture") || node_is(n, "time") || node_is(n, "address") ||
	    node_is(n, "ul") || node_is(n, "ol") || node_is(n, "table") || node_is(n, "a") ||
	    node_is(n, "h1") || node_is(n, "button") || node_is(n, "dialog"))
		return 1;
	if (figure_is_caption(n) || dom_tokens_match(n, not_lead_exact, not_lead_prefix))
		return 1;
	/* dropped as unlikely: only a header-ish box may still hold the lead */
	if ((f & F_DROP) && !node_is(n, "header") && !node_is(n, "hgroup") &&
	    !dom_tokens_match(n, (const char *const[]){"header", "head", "intro", "hero", NULL},
			      NULL))
		return 1;
	return 0;
}

static int lead_block(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || lead_barrier(n))
		return 0;
	int textbox = (node_is(n, "div") || node_is(n, "section") || node_is(n, "span") ||
		       node_is(n, "header")) && !dom_has_block_child(n);
	if (!node_is(n, "p") && !(dom_is_heading(n) && !node_is(n, "h1")) && !textbox)
		return 0;
	char *t = node_text_line(n);
	int ok = t && prose(t, link_chars(n));
	free(t);
	return ok;
}

/* Lead blocks in page order below n, after the headline once it is passed. */
struct zone {
	const xmlNode *from;        /* the headline: the zone starts after it */
	int started;
	xmlNode **out;
	size_t n, max;
};

static void zone_walk(struct zone *z, xmlNode *n, int depth)
{
	for (; n && z->n < z->max && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n == z->from) {
			z->started = 1;
			continue;
		}
		if (!z->started) {
			if (dom_contains(n, z->from))
				zone_walk(z, n->children, depth + 1);
			continue;
		}
		if (lead_barrier(n))
			continue;
		if (lead_block(n)) {
			z->out[z->n++] = n;
			continue;
		}
		zone_walk(z, n->children, depth + 1);
	}
}

static xmlNode *first_h1(xmlNode *n, int depth)
{
	for (; n && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(n, "h1"))
			return n;
		xmlNode *h = first_h1(n->children, depth + 1);
		if (h)
			return h;
	}
	return NULL;
}

size_t lead_in(xmlNode *scope, xmlNode **out, size_t max)
{
	xmlNode *h = first_h1(scope->children, 0);
	struct zone z = {h, h == NULL, out, 0, max < LEAD_MAX ? max : LEAD_MAX};
	zone_walk(&z, scope->children, 0);
	return z.n;
}
