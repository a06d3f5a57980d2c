/* extract_lead: the lead (standfirst, summary, subtitle) a page sets under the headline: in
 * the story's <header> it is body text (lead_in); above the body, a field of its own. */
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

/* Never part of a lead: skipped, more-from, navigation tags, byline/date/photo blocks.
 * drop_ok: a block dropped as unlikely may still be one (its class names a lead). */
static int barrier(const xmlNode *n, int drop_ok)
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
	if ((f & F_DROP) && !drop_ok && !node_is(n, "header") && !node_is(n, "hgroup") &&
	    !dom_tokens_match(n, (const char *const[]){"header", "head", "intro", "hero", NULL},
			      NULL))
		return 1;
	return 0;
}

static int lead_barrier(const xmlNode *n)
{
	return barrier(n, 0);
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

/* ---------------------------------------------------------------- the standfirst */

/* Class and id words a page gives its standfirst, matched as whole tokens (a compound
 * such as "articleLead" by its ending), in the languages of the pages seen. */
static const char *const sf_exact[] = {"standfirst", "dek", "deck", "lede", "lead",
	"leadtext", "intro", "introtext", "introduction", "summary", "subtitle", "subheadline",
	"subhead", "strapline", "excerpt", "abstract", "synopsis", "vorspann", "einleitung",
	"anriss", "entradilla", "bajada", "sumario", "copete", "chapo", "chapeau", "sommario",
	"lid", NULL};
static const char *const sf_suffix[] = {"standfirst", "dek", "lede", "lead", "intro",
	"summary", "subtitle", "subheadline", "excerpt", "abstract", NULL};

/* Boxes that ask something of the reader or sell something: never the standfirst. */
static const char *const sf_not_exact[] = {"cta", "donation", "donate", "promo", "banner",
	"notice", "alert", "cookie", "cookies", "consent", "disclaimer", NULL};
static const char *const sf_not_prefix[] = {"donat", "promo", "cookie", "consent", "paywall",
	"subscri", "newsletter", "banner", NULL};

#define SF_MAX_CHARS 700    /* a sentence or two, three at most */
#define SF_MIN_MARKED 30    /* a marked standfirst may be one short sentence */
#define SF_MAX_BLOCKS 8     /* text blocks looked at after the headline */

/* 1 when a class or id token of n is a standfirst word or ends in one. */
static int sf_tokens(const xmlNode *n)
{
	return dom_tokens_match(n, sf_exact, NULL) || dom_tokens_end(n, sf_suffix);
}

static int sf_itemprop(const xmlNode *n)
{
	const char *p = node_attr(n, "itemprop");
	return p && (dom_has_sub(p, "description") || dom_has_sub(p, "abstract"));
}

/* The block or a wrapper that holds little else says it is the standfirst. */
static int sf_marked(const xmlNode *n, size_t chars)
{
	for (int up = 0; n && n->type == XML_ELEMENT_NODE && up < 3; up++, n = n->parent) {
		if (up) {
			char *t = node_text_line(n);
			size_t k = t ? dom_utf8_len(t) : 0;
			free(t);
			if (k > chars + chars / 2 + 20)
				return 0;
		}
		if (sf_itemprop(n) || sf_tokens(n))
			return 1;
	}
	return 0;
}

/* Whitespace runs to one space, ends trimmed, into a new string. */
static char *sf_squeeze(const char *s)
{
	struct sbuf b = SBUF_INIT;
	int sp = 0;
	for (; s && *s; s++) {
		if (isspace((unsigned char)*s)) {
			sp = b.len > 0;
			continue;
		}
		if (sp)
			sbuf_addc(&b, ' ');
		sp = 0;
		sbuf_addc(&b, *s);
	}
	return sbuf_steal(&b);
}

/* The letters and digits of s, ASCII folded to lower case, other characters of two or more
 * bytes kept but for no-break spaces and the general punctuation (quotes, dashes, the
 * ellipsis): two copies of one text compare equal however the page spaced and quoted
 * them. */
static char *sf_key(const char *s)
{
	struct sbuf b = SBUF_INIT;
	const unsigned char *u = (const unsigned char *)s;
	while (u && *u) {
		if (*u < 0x80) {
			if (isalnum(*u))
				sbuf_addc(&b, (char)tolower(*u));
			u++;
			continue;
		}
		size_t k = *u >= 0xf0 ? 4 : *u >= 0xe0 ? 3 : 2;
		size_t have = 1;
		while (have < k && u[have])
			have++;
		int punct = (u[0] == 0xc2 && have > 1 && (u[1] == 0xa0 || u[1] == 0xab || u[1] == 0xbb)) ||
			    (u[0] == 0xe2 && have > 1 && u[1] == 0x80);
		if (!punct)
			sbuf_add(&b, (const char *)u, have);
		u += have;
	}
	return sbuf_steal(&b);
}

/* 1 when the letters of needle are found in hay's key. */
static int sf_within(const char *hay_key, const char *needle)
{
	char *k = sf_key(needle);
	int in = k && *k && strstr(hay_key, k);
	free(k);
	return in;
}

/* The page's description says the same: equal, or one begins the other (a description
 * cut short with an ellipsis), at least 40 bytes of it. */
static int sf_agrees(const char *t, const char *desc)
{
	if (!desc)
		return 0;
	char *d = sf_squeeze(desc);
	size_t n = strlen(d);
	while (n && (d[n - 1] == '.' || d[n - 1] == ' '))
		n--;
	if (n >= 3 && !strncmp(d + n - 3, "\xe2\x80\xa6", 3))
		n -= 3;
	while (n && (d[n - 1] == '.' || d[n - 1] == ' '))
		n--;
	size_t m = strlen(t);
	size_t k = n < m ? n : m;
	int ok = k >= 40 && !strncmp(d, t, k) && (k * 10 >= m * 6 || k * 10 >= n * 6);
	free(d);
	return ok;
}

struct sf {
	const xmlNode *head;    /* the headline */
	const char *body;       /* the body's key (sf_key) */
	const char *title;      /* the headline's key */
	int started, stop, blocks, prose_seen;
	xmlNode *cand[2];
	char *text[2];
	int near[2];            /* the first block after the headline, and close to it */
	int sourced[2];         /* followed by a "Source: ..." line: a quote or a caption */
	size_t ncand;
};

/* A block the walk reads as one piece of text. */
static int sf_textblock(const xmlNode *n)
{
	if (node_is(n, "p") || (dom_is_heading(n) && !node_is(n, "h1")))
		return 1;
	return (node_is(n, "div") || node_is(n, "section") || node_is(n, "span") ||
		node_is(n, "header")) && !dom_has_block_child(n);
}

/* A date or a time inside: a dateline, not a standfirst. */
static int sf_has_time(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 8; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(c, "time") || sf_has_time(c, depth + 1))
			return 1;
	}
	return 0;
}

/* The block's text without the parts a header line puts beside it (a date, a byline, a
 * credit in a span of their own), squeezed. */
static void sf_text_in(const xmlNode *n, struct sbuf *b, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 30; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				dom_add_visible(b, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || node_ignored(c) || (INFO(c)->flags & F_SKIP))
			continue;
		if (node_is(c, "time") || figure_is_caption(c) ||
		    dom_tokens_match(c, not_lead_exact, not_lead_prefix))
			continue;
		if (node_is(c, "br") || dom_is_block(c))
			sbuf_addc(b, ' ');
		sf_text_in(c, b, depth + 1);
		if (dom_is_block(c))
			sbuf_addc(b, ' ');
	}
}

static char *sf_text(const xmlNode *n)
{
	struct sbuf b = SBUF_INIT;
	sf_text_in(n, &b, 0);
	char *t = words_take_line(&b);
	if (!t)
		return NULL;
	char *q = sf_squeeze(t);
	free(t);
	if (!*q) {
		free(q);
		return NULL;
	}
	return q;
}

/* A caption with its credit ("... on the quay. Photo: Jane Roe", "... (Foto: X)"): a
 * sentence after the first that begins with a credit's label, or a credit in brackets at
 * the end. Not a standfirst. */
static int sf_caption(const char *t)
{
	if (credit_trailing(t))
		return 1;
	for (const char *s = strchr(t, ' '); s; s = strchr(s + 1, ' '))
		if ((s[-1] == '.' || s[-1] == '|') && credit_marked(s + 1))
			return 1;
	return 0;
}

/* Levels from the headline up to the first element that holds n as well. */
static int sf_levels(const xmlNode *head, const xmlNode *n)
{
	int k = 0;
	for (const xmlNode *p = head->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent, k++)
		if (dom_contains(p, n))
			return k;
	return 99;
}

static void sf_walk(struct sf *w, xmlNode *n, int depth, int in_marked)
{
	for (; n && !w->stop && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n == w->head) {
			w->started = 1;
			continue;
		}
		if (!w->started) {
			if (dom_contains(n, w->head))
				sf_walk(w, n->children, depth + 1, 0);
			continue;
		}
		int marked = in_marked || sf_tokens(n) || sf_itemprop(n);
		if (barrier(n, marked) || dom_tokens_match(n, sf_not_exact, sf_not_prefix))
			continue;
		if (!sf_textblock(n)) {
			sf_walk(w, n->children, depth + 1, marked);
			continue;
		}
		char *q = sf_text(n);
		if (!q)
			continue;
		size_t chars = dom_utf8_len(q);
		if (strlen(w->title) > 8) {
			char *k = sf_key(q);
			int repeat = strstr(k, w->title) != NULL;
			free(k);
			if (repeat) {
				/* the headline again, with a kicker or a section name */
				free(q);
				continue;
			}
		}
		w->blocks++;
		if (w->ncand && credit_marked(q))
			w->sourced[w->ncand - 1] = 1;
		if (chars >= 30 && sf_within(w->body, q)) {
			/* the body's first paragraph: what comes after is the story */
			free(q);
			w->stop = 1;
			return;
		}
		int ok = chars <= SF_MAX_CHARS && !sf_has_time(n, 0) &&
			 (prose(q, link_chars(n)) ||
			  (chars >= SF_MIN_MARKED && count_words(q) >= 5 && sf_marked(n, chars) &&
			   link_chars(n) * 4 <= chars && !meta_byline_prefix(q) &&
			   !words_boiler_line(q)));
		if (ok && !words_call_to_action(q) && !sf_caption(q)) {
			w->near[w->ncand] = !w->prose_seen && sf_levels(w->head, n) <= 4;
			w->prose_seen = 1;
			w->cand[w->ncand] = n;
			w->text[w->ncand++] = q;
			if (w->ncand == 2)
				w->stop = 1;
			continue;
		}
		if (chars >= LEAD_MIN_CHARS)
			w->prose_seen = 1;
		free(q);
		if (w->ncand || w->blocks >= SF_MAX_BLOCKS)
			w->stop = 1;
	}
}

/* The first <tag> whose text is the title's (one holds the other, and the shorter is most
 * of the longer), or with title NULL the first <tag>; never in skipped parts. */
static xmlNode *sf_heading(xmlNode *n, const char *title, const char *tag, int depth)
{
	for (; n && depth < 200; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP) || node_is(n, "head"))
			continue;
		if (node_is(n, tag)) {
			char *t = node_text_line(n);
			int same = 0;
			if (t && title) {
				size_t a = strlen(t), b = strlen(title);
				same = (strstr(title, t) || strstr(t, title)) &&
				       (a < b ? a : b) * 10 >= (a < b ? b : a) * 6;
			}
			free(t);
			if (same || (!title && INFO(n)->text >= 10))
				return n;
		}
		xmlNode *r = sf_heading(n->children, title, tag, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* The story's headline: an <h1> or else an <h2> that says the title, else the first <h1>. */
static xmlNode *sf_headline(struct ex *x)
{
	xmlNode *h = NULL;
	if (x->a->title) {
		h = sf_heading(x->body, x->a->title, "h1", 0);
		if (!h)
			h = sf_heading(x->body, x->a->title, "h2", 0);
	}
	return h ? h : sf_heading(x->body, NULL, "h1", 0);
}

/* Ends like a sentence (a closing quote or bracket after it allowed). */
static int sf_sentence(const char *t)
{
	const char *e = t + strlen(t);
	while (e > t && (e[-1] == ' ' || e[-1] == '"' || e[-1] == ')'))
		e--;
	if (e - t >= 3 && (!strncmp(e - 3, "\xe2\x80\x9d", 3) || !strncmp(e - 3, "\xe2\x80\xa6", 3)))
		return e[-1] == '\xa6' || (e - t >= 4 && strchr(".!?", e[-4]));
	return e > t && strchr(".!?", e[-1]);
}

void standfirst_find(struct ex *x)
{
	xmlNode *h = sf_headline(x);
	if (!h || !x->a->body)
		return;
	struct sf w;
	memset(&w, 0, sizeof w);
	w.head = h;
	char *body = sf_key(x->a->body), *title = sf_key(x->a->title ? x->a->title : "");
	w.body = body;
	w.title = title;
	sf_walk(&w, x->body, 0, 0);
	size_t keep = 0;
	for (size_t i = 0; i < w.ncand; i++) {
		size_t chars = dom_utf8_len(w.text[i]);
		int marked = sf_marked(w.cand[i], chars);
		int agrees = 0;
		for (size_t k = 0; k < sizeof x->descs / sizeof x->descs[0]; k++)
			agrees |= sf_agrees(w.text[i], x->descs[k]);
		/* by place alone only under a story's headline, not a name or a label ("About
		 * us") whose next line is the site's slogan */
		int placed = w.near[i] && sf_sentence(w.text[i]) && count_words(x->a->title ? x->a->title : "") >= 4;
		if (i == keep && !w.sourced[i] && (marked || agrees || placed))
			keep++;
	}
	if (keep) {
		struct sbuf b = SBUF_INIT;
		for (size_t i = 0; i < keep; i++) {
			if (i)
				sbuf_adds(&b, "\n\n");
			sbuf_adds(&b, w.text[i]);
		}
		x->a->standfirst = sbuf_steal(&b);
	}
	for (size_t i = 0; i < w.ncand; i++)
		free(w.text[i]);
	free(body);
	free(title);
}
