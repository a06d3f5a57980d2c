/* extract_more: "More from ..." sections: found by their heading in many languages or by
 * markup saying related/recirculation; each teaser's title, URL, summary and section. */
#include "config.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

static const char *const more_classes[] = {"related", "recirc", "more-from", "morefrom",
	"more_from", "read-more", "readmore", "read_more", "recommend", "more-stories",
	"morestories", "more_stories", "further-reading", "also-read", "read-next", "readnext",
	"more-like-this", "you-may-like", "youmaylike", "more-news", "morenews", "more-articles",
	NULL};
static const char *const popular_classes[] = {"popular", "most-read", "mostread",
	"most_read", "trending", "most-viewed", "mostviewed", "tag", "topic", "keyword",
	"share", "social", "breadcrumb", NULL};

static int title_like(const xmlNode *n)
{
	return dom_is_heading(n) ||
	       dom_tokens_match(n, (const char *const[]){"title", "heading", "headline", "hed", NULL},
			    (const char *const[]){"title", "heading", "headline", NULL});
}

/* <b>You may also like</b>: a short bold or plain block without links, acting as a heading. */
static int pseudo_heading(const xmlNode *n)
{
	if (!(node_is(n, "b") || node_is(n, "strong") || node_is(n, "p") || node_is(n, "span") ||
	      node_is(n, "div") || node_is(n, "dt") || node_is(n, "legend")))
		return 0;
	if (INFO(n)->text == 0 || INFO(n)->text > 60 || INFO(n)->link > 0)
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && dom_is_block(c))
			return 0;
	return 1;
}

static xmlNode *first_title_el(xmlNode *n, int depth)
{
	for (; n && depth < 12; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP))
			continue;
		if (title_like(n) && INFO(n)->text > 0)
			return n;
		xmlNode *r = first_title_el(n->children, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

static int same_page(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t la = strcspn(a, "#"), lb = strcspn(b, "#");
	while (la && a[la - 1] == '/')
		la--;
	while (lb && b[lb - 1] == '/')
		lb--;
	return la == lb && strncmp(a, b, la) == 0;
}

static int more_has_url(struct article *a, const char *u)
{
	for (size_t i = 0; i < a->nmore; i++)
		if (same_page(a->more[i].url, u))
			return 1;
	return 0;
}

static int title_ok(const char *t)
{
	size_t n = dom_utf8_len(t), words = 1;
	int cjk = 0;
	for (const char *p = t; *p; p++) {
		if (*p == ' ')
			words++;
		if ((unsigned char)*p >= 0xE3 && (unsigned char)*p <= 0xED)
			cjk = 1;
	}
	if (words_says_more(t) || words_boiler_line(t))
		return 0;
	static const char *const no[] = {"see all", "view all", "see more", "show more",
		"load more", "more", "next", "previous", "comments", NULL};
	for (int i = 0; no[i]; i++)
		if (!strcasecmp(t, no[i]))
			return 0;
	/* headlines have four words or so; "Science & Health" is a section */
	return cjk ? n >= 6 : (n >= 15 && (words >= 4 || (words >= 3 && n >= 25)));
}

/* The teaser around one link: the highest ancestor below the section with no other link. */
static xmlNode *teaser_of(xmlNode *a, xmlNode *sec, const char *url, struct ex *x)
{
	xmlNode *card = a;
	for (xmlNode *p = a->parent; p && p->_private; p = p->parent) {
		/* does p hold a link to another URL? */
		int other = 0;
		xmlNode *stack[256];
		int sp = 0;
		stack[sp++] = p->children;
		while (sp && !other) {
			xmlNode *c = stack[--sp];
			for (; c; c = c->next) {
				if (c->type != XML_ELEMENT_NODE)
					continue;
				if (node_is(c, "a") && node_attr(c, "href")) {
					char *u = url_resolve(x->base, node_attr(c, "href"));
					if (u && !same_page(u, url) && url_ok(x->base, u))
						other = 1;
					free(u);
					if (other)
						break;
				}
				if (c->children && sp < 256)
					stack[sp++] = c->children;
			}
		}
		if (other)
			break;
		card = p;
		if (p == sec)
			break;
	}
	return card;
}

static char *summary_in(xmlNode *n, const char *title, int depth)
{
	static const char *const cls[] = {"summary", "dek", "description", "desc", "excerpt",
		"standfirst", "teaser", "intro", "lede", "subhead", "subtitle", "abstract", "blurb",
		"snippet", "deck", NULL};
	for (; n && depth < 12; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP))
			continue;
		if (node_is(n, "figure") || node_is(n, "figcaption"))
			continue; /* a photo's caption is not the teaser's summary */
		if (node_is(n, "p") || dom_is_heading(n) || dom_tokens_match(n, cls, cls)) {
			char *t = node_text_line(n);
			if (t && dom_utf8_len(t) >= 20 && (!title || (!strstr(t, title) && !strstr(title, t))))
				return t;
			free(t);
		}
		char *r = summary_in(n->children, title, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* The first <figure> (or caption-classed box) in a teaser. */
static xmlNode *teaser_figure(xmlNode *n, int depth)
{
	for (xmlNode *c = n->children; c && depth < 10; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & F_SKIP))
			continue;
		if (node_is(c, "figure"))
			return c;
		xmlNode *r = teaser_figure(c, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* A teaser's photo box without <figure>: the largest element around its first image
 * that holds neither the teaser's link nor more than a caption's text. NULL when the
 * image stands alone (no words of its own). */
static xmlNode *teaser_photo_box(xmlNode *card, const xmlNode *link)
{
	xmlNode *img = figure_find_img(card->children, 0), *b = img;
	if (!img)
		return NULL;
	while (b->parent && b->parent != card && b->parent->_private && !dom_contains(b->parent, link))
		b = b->parent;
	return b != img && b->_private && INFO(b)->text > 0 && INFO(b)->text < 400 ? b : NULL;
}

static void more_add_links(struct ex *x, xmlNode *n, xmlNode *sec, xmlNode *head,
			   const char *section, int *count, int depth)
{
	for (; n && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & (F_SKIP | F_MORE)) || n == head)
			continue;
		if (node_is(n, "nav") || dom_tokens_match(n, (const char *const[]){"share", "social",
			"tags", "tag", "breadcrumb", NULL}, (const char *const[]){"share", "social", NULL}))
			continue;
		if (!node_is(n, "a")) {
			more_add_links(x, n->children, sec, head, section, count, depth + 1);
			continue;
		}
		const char *href = node_attr(n, "href"), *rel = node_attr(n, "rel");
		if (!href || *href == '#' || (rel && dom_has_sub(rel, "tag")) || *count >= 30 ||
		    x->a->nmore >= 100)
			continue;
		char *u = dom_url_clean(url_resolve(x->base, href));
		if (!u || !url_ok(x->base, u) || same_page(u, x->a->url) || more_has_url(x->a, u)) {
			free(u);
			continue;
		}
		xmlNode *te = first_title_el(n->children, 0);
		char *title = te ? node_text_line(te) : NULL;
		if (!title || !title_ok(title)) {
			free(title);
			title = node_text_line(n);
		}
		xmlNode *card = teaser_of(n, sec, u, x);
		if ((!title || !title_ok(title)) && card != n) {
			/* a "Read more" link over a card: the card's own heading names it */
			xmlNode *ct = first_title_el(card->children, 0);
			free(title);
			title = ct && !dom_contains(n, ct) ? node_text_line(ct) : NULL;
		}
		if (!title || !title_ok(title)) {
			/* an image link: the title may be in a sibling link to the same URL */
			free(title);
			free(u);
			continue;
		}
		char *summary = card != n ? summary_in(card->children, title, 0) : NULL;
		if (!summary)
			summary = summary_in(n->children, title, 0);
		x->a->more = xrealloc(x->a->more, (x->a->nmore + 1) * sizeof *x->a->more);
		struct more_link *m = &x->a->more[x->a->nmore++];
		memset(m, 0, sizeof *m);
		m->title = title;
		m->url = u;
		m->summary = summary;
		m->section = xstrdup(section);
		/* the teaser's own photo, with its caption and credit */
		xmlNode *fig = card != n ? teaser_figure(card, 0) : NULL;
		if (!fig && card != n)
			fig = teaser_photo_box(card, n);
		if (fig) {
			struct figure f;
			x->last_img = NULL;
			figure_read(x, fig, &f);
			m->image = f.image;
			m->caption = f.caption;
			m->credit = f.credit;
		} else if (card != n) {
			m->image = figure_img_url(x, figure_find_img(card->children, 0));
		}
		(*count)++;
	}
}

static void mark_more(xmlNode *n)
{


	INFO(n)->flags |= F_MORE;
}

/* Teaser lists are mostly link text; a story's text is not. */
static int more_shaped(xmlNode *n)
{
	struct ninfo *in = INFO(n);
	double ld = dom_link_density(n);
	return ld >= 0.25 || (in->text < 200 && ld > 0);
}

static int holds_story(const xmlNode *p, int depth);

/* The next sibling that is an element, past white space and comments. */
static xmlNode *next_element(xmlNode *n)
{
	for (n = n->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE ||
		    (n->type == XML_TEXT_NODE && n->content &&
		     strspn((const char *)n->content, " \t\r\n") != strlen((const char *)n->content)))
			return n;
	return NULL;
}

/* Not in navigation, a most-popular box, a tag list or a share bar. The story's box (an
 * <article> or <main> around the heading) is none of these, whatever its classes say
 * ("tag-travel" on a post's <article> is a tag the post carries): the walk stops there. */
static int section_ok(xmlNode *n)
{
	for (xmlNode *p = n; p && p->_private; p = p->parent) {
		if (p != n && (node_is(p, "article") || node_is(p, "main") || holds_story(p, 0)))
			break;
		if (node_is(p, "nav") || dom_classid_has(p, popular_classes) ||
		    (p->_private && (INFO(p)->flags & F_SKIP)))
			return 0;
	}
	return 1;
}

static int links_in(xmlNode *n, int depth)
{
	int c = 0;
	for (; n && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(n, "a") && node_attr(n, "href"))
			c++;
		else
			c += links_in(n->children, depth + 1);
	}
	return c;
}

static int headings_in(const xmlNode *n, int depth)
{
	int c = 0;
	for (const xmlNode *k = n->children; k && depth < 40; k = k->next)
		if (k->type == XML_ELEMENT_NODE && !(INFO(k)->flags & F_SKIP))
			c += dom_is_heading(k) ? 1 : headings_in(k, depth + 1);
	return c;
}

/* Under a heading that already says "More from": teasers with a caption and a summary
 * each are less link text, but still a few hundred characters per link at most. */
static int teasers_shaped(xmlNode *n)
{
	int links = links_in(n->children, 0);
	if (more_shaped(n))
		return 1;
	if (links < 1 || INFO(n)->text > (size_t)links * 600)
		return 0;
	/* cards, each a headline and a "Read more" link over a summary */
	return dom_link_density(n) >= 0.08 || (links >= 2 && headings_in(n, 0) * 2 >= links);
}

static size_t text_before(const xmlNode *anc, const xmlNode *h);

/* Whether text comes before the link a in its own line of text: in the inline
 * elements and text before it, back to the nearest block (a teaser's photo box and its
 * caption are a block of their own, not the start of a sentence). */
static int sentence_before(const xmlNode *b, const xmlNode *a)
{
	for (const xmlNode *k = a; k && k != b; k = k->parent)
		for (const xmlNode *s = k->prev; s; s = s->prev) {
			if (s->type == XML_ELEMENT_NODE) {
				if (dom_is_block(s))
					return 0;
				if (s->_private && INFO(s)->text > 0)
					return 1;
			} else if (s->type == XML_TEXT_NODE && s->content &&
				   strspn((const char *)s->content, " \t\r\n") !=
					   strlen((const char *)s->content)) {
				return 1;
			}
		}
	return 0;
}

/* 1 when every link below n (outside h) sits inside a sentence: text comes before it in
 * its line. A teaser's link is its headline and comes first. */
static int links_in_sentences(const xmlNode *n, const xmlNode *h, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 40; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c == h)
			continue;
		if (node_is(c, "a") && node_attr(c, "href")) {
			const xmlNode *b = c->parent;
			while (b && b->_private && !dom_is_block(b))
				b = b->parent;
			if (!b || !b->_private || !sentence_before(b, c))
				return 0;
			continue;
		}
		if (!links_in_sentences(c, h, depth + 1))
			return 0;
	}
	return 1;
}

/* Prose with a link or two in its sentences ("see our guide to ..."), not teasers: those
 * are mostly their headlines' link text, or three and more, or each under a headline of
 * its own, or start with their link. The section's heading h is not one of them. */
static int prose_with_links(xmlNode *n, const xmlNode *h)
{
	int heads = headings_in(n, 0);
	if (h && dom_contains(n, h))
		heads -= dom_is_heading(h) ? 1 : headings_in(h, 0);
	int links = links_in(n->children, 0) - (h ? links_in(h->children, 0) : 0);
	return INFO(n)->text > 150 && !more_shaped(n) && links < 3 && heads <= 0 &&
	       links_in_sentences(n, h, 0);
}

/* Characters of text inside anc that come before h: a section begins with its heading. */
static size_t text_before(const xmlNode *anc, const xmlNode *h)
{
	size_t n = 0;
	const xmlNode *c = anc->children;
	while (c) {
		if (c == h)
			return n;
		if (c->type == XML_ELEMENT_NODE && dom_contains(c, h)) {
			c = c->children;
			continue;
		}
		if (c->type == XML_ELEMENT_NODE)
			n += INFO(c)->text;
		else if ((c->type == XML_TEXT_NODE) && c->content)
			n += strspn((const char *)c->content, " \t\r\n") == strlen((const char *)c->content) ? 0 : 1;
		c = c->next;
	}
	return n;
}

/* The story's own element at or below p: <main>, itemprop=articleBody, or an <article>
 * longer than a teaser (teasers come as <article>s too, with a photo, a long caption and
 * a summary, and a section of them is still a more-from section). */
static int holds_story(const xmlNode *p, int depth)
{
	if (p->type != XML_ELEMENT_NODE || !p->_private || !(INFO(p)->flags & F_ART) || depth > 40)
		return 0;
	const char *ip = node_attr(p, "itemprop");
	if (node_is(p, "main") || (ip && dom_has_sub(ip, "articlebody")) ||
	    (node_is(p, "article") && INFO(p)->text >= 1200))
		return 1;
	for (const xmlNode *c = p->children; c; c = c->next)
		if (holds_story(c, depth + 1))
			return 1;
	return 0;
}

/* A heading that says "More from ...": its section is the nearest ancestor with links that
 * does not also hold the story; failing that, what follows the heading. */
static void more_from_heading(struct ex *x, xmlNode *h, const char *text)
{
	xmlNode *sec = NULL;
	int count = 0;
	for (xmlNode *p = h->parent; p && p->_private && !node_is(p, "body"); p = p->parent) {
		if (holds_story(p, 0) || INFO(p)->text > 6000 || !teasers_shaped(p) ||
		    text_before(p, h) > 200 || prose_with_links(p, h))
			break;
		/* links besides the heading's own */
		if (links_in(p->children, 0) > links_in(h->children, 0) + (node_is(h, "a") ? 1 : 0)) {
			sec = p;
			break;
		}
	}
	if (sec) {
		if (INFO(sec)->flags & F_MORE)
			return;
		more_add_links(x, sec->children, sec, h, text, &count, 0);
		if (count)
			mark_more(sec);
		return;
	}
	/* the siblings after the heading (or after its wrapper), to the next heading */
	xmlNode *start = h;
	while (!next_element(start) && start->parent && start->parent->_private &&
	       !(INFO(start->parent)->flags & F_ART))
		start = start->parent;
	xmlNode *stop = NULL;
	size_t after = 0;
	for (xmlNode *s = start->next; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (dom_is_heading(s) || (INFO(s)->text > 150 && !teasers_shaped(s)) ||
		    prose_with_links(s, NULL)) {
			stop = s;
			if (!dom_is_heading(s))
				after += INFO(s)->text;
			break;
		}
		after += INFO(s)->text;
		more_add_links(x, s, s, h, text, &count, 59); /* this element only */
		if (node_is(s, "a"))
			continue;
		more_add_links(x, s->children, s, h, text, &count, 0);
	}
	if (!count) {
		/* "Read more: <a>Another story</a>": the link is in the heading itself */
		more_add_links(x, h->children, h, NULL, text, &count, 0);
		/* a heading over nothing (teasers the page's script fills in) is no story */
		if (count || (!after && !links_in(h->children, 0)))
			mark_more(h);
		return;
	}
	if (count) {
		mark_more(h);
		for (xmlNode *s = start->next; s && s != stop; s = s->next)
			if (s->type == XML_ELEMENT_NODE)
				mark_more(s);
	}
}

static void more_scan(struct ex *x, xmlNode *n, int depth)
{
	for (; n && depth < 200; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (in->flags & (F_SKIP | F_MORE))
			continue;
		if (node_is(n, "nav") || node_is(n, "head"))
			continue;
		/* by heading */
		if ((title_like(n) || node_attr(n, "aria-label") || pseudo_heading(n)) &&
		    in->text < 100) {
			char *t = NULL;
			const char *al = node_attr(n, "aria-label");
			if (title_like(n) || pseudo_heading(n))
				t = node_text_line(n);
			if ((!t || !words_says_more(t)) && al && !node_is(n, "a")) {
				free(t);
				t = xstrdup(al);
				text_clean_line(t);
			}
			if (t && words_says_more(t) && section_ok(n)) {
				if (node_attr(n, "aria-label") && !title_like(n)) {
					int count = 0;
					more_add_links(x, n->children, n, NULL, t, &count, 0);
					if (count)
						mark_more(n);
				} else {
					more_from_heading(x, n, t);
				}
				free(t);
				if (INFO(n)->flags & F_MORE)
					continue;
			} else {
				free(t);
			}
		}
		/* by markup */
		if (dom_classid_has(n, more_classes) && !(in->flags & F_ART) && in->text < 8000 &&
		    more_shaped(n) &&
		    section_ok(n) && !node_is(n, "a") && links_in(n->children, 0) >= 1) {
			xmlNode *h = first_title_el(n->children, 0);
			char *t = NULL;
			/* the heading must come before the first teaser's link, not be its title */
			for (xmlNode *p = h; p && p != n; p = p->parent)
				if (node_is(p, "a")) {
					h = NULL;
					break;
				}
			if (h)
				t = node_text_line(h);
			if (t && (dom_utf8_len(t) > 80 || title_ok(t) > 0) && !words_says_more(t)) {
				free(t);
				t = NULL;
				h = NULL;
			}
			if (t && words_says_popular(t)) {
				/* a "Trending" box marked up as related is still a popularity list */
				free(t);
				continue;
			}
			if (!t && node_attr(n, "aria-label")) {
				t = xstrdup(node_attr(n, "aria-label"));
				text_clean_line(t);
			}
			if (!t || !*t) {
				free(t);
				t = xstrdup("Related");
			}
			int count = 0;
			more_add_links(x, n->children, n, h, t, &count, 0);
			free(t);
			if (count) {
				mark_more(n);
				continue;
			}
		}
		more_scan(x, n->children, depth + 1);
	}
}

void more_find(struct ex *x)
{
	more_scan(x, x->body, 0);
}

