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

int more_title_like(const xmlNode *n)
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

xmlNode *more_first_title(xmlNode *n, int depth)
{
	for (; n && depth < 12; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP))
			continue;
		if (more_title_like(n) && INFO(n)->text > 0)
			return n;
		xmlNode *r = more_first_title(n->children, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

int more_same_page(const char *a, const char *b)
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
		if (more_same_page(a->more[i].url, u))
			return 1;
	return 0;
}

int more_title_ok(const char *t)
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

/* A path segment that names a listing, not a story, followed by the listing's own name:
 * a category or tag archive ("/category/recipes/"), an event's page in a calendar, a job
 * advert ("/jobs/1234-editor"). A list of these is a site's index, not more stories. */
static int listing_path(const char *u)
{
	static const char *const seg[] = {"category", "categories", "kategorie", "kategorien",
		"categoria", "categorias", "categorie", "tag", "tags", "schlagwort", "schlagworte",
		"event", "events", "veranstaltung", "veranstaltungen", "termine", "evenement",
		"evenements", "eventos", "evento", "jobs", "job", "stellenangebote", "stellenanzeigen",
		"ofertas-de-empleo", NULL};
	const char *h = strstr(u, "://");
	const char *p = h ? strchr(h + 3, '/') : NULL;
	size_t end = strcspn(u, "?#");
	while (p && (size_t)(p - u) < end) {
		const char *s = p + 1;
		size_t k = strcspn(s, "/?#");
		for (int i = 0; seg[i]; i++)
			if (k == strlen(seg[i]) && !strncasecmp(s, seg[i], k) && s[k] == '/' &&
			    s[k + 1] && !strchr("?#", s[k + 1]))
				return 1;
		p = s[k] == '/' ? s + k : NULL;
	}
	return 0;
}

/* 1 when URL u is no other story's address: it points at a place inside a page (a
 * fragment naming an anchor, "#comment-12": a comment list's items), at a file (a PDF,
 * a photo), or it carries this page's own address in its query (log in, subscribe,
 * share or print this page: "/subscribe?destination=/this-story"). A fragment with "="
 * is a tracking tag. */
int more_link_not_story(const char *u, const char *page)
{
	/* an anchor made for one item of a list has a number ("#comment-12", "#c481"); a
	 * word alone ("#story", "#main") is the other page's own landmark: still a story */
	const char *f = strchr(u, '#');
	if (f && f[1] && f[1] != '!' && !strchr(f, '=') && strpbrk(f, "0123456789"))
		return 1;
	/* a file to download (a PDF, a photo, a sound): nothing to read as a story */
	static const char *const files[] = {".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp",
		".zip", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".mp3", ".mp4", NULL};
	size_t e = strcspn(u, "?#");
	for (int i = 0; files[i]; i++) {
		size_t k = strlen(files[i]);
		if (e > k && !strncasecmp(u + e - k, files[i], k))
			return 1;
	}
	if (listing_path(u))
		return 1;
	const char *q = strchr(u, '?');
	if (!q || !page)
		return 0;
	/* the page's last path segment, when long enough to name it */
	const char *h = strstr(page, "://");
	const char *path = h ? strchr(h + 3, '/') : NULL;
	if (!path)
		return 0;
	size_t n = strcspn(path, "?#");
	while (n && path[n - 1] == '/')
		n--;
	size_t k = n;
	while (k && path[k - 1] != '/')
		k--;
	if (n - k < 8)
		return 0;
	/* as an address (after "/", or "%2F" encoded once or more: "next=/town/this-story"),
	 * not as a bare word: a story's link may name the page the reader came from
	 * ("?from=this-story") */
	char *seg = xstrndup(path + k, n - k);
	int r = 0;
	for (const char *m = q; !r && (m = strstr(m, seg)) != NULL; m++)
		r = m[-1] == '/' || (m - q >= 3 && !strncasecmp(m - 2, "2f", 2) &&
				     (m[-3] == '%' || m[-3] == '5'));
	free(seg);
	return r;
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
					if (u && !more_same_page(u, url) && url_ok(x->base, u))
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

static char *summary_in(xmlNode *n, const char *title, int depth, const xmlNode *skip)
{
	static const char *const cls[] = {"summary", "dek", "description", "desc", "excerpt",
		"standfirst", "teaser", "intro", "lede", "subhead", "subtitle", "abstract", "blurb",
		"snippet", "deck", NULL};
	for (; n && depth < 12; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP))
			continue;
		if (node_is(n, "figure") || node_is(n, "figcaption") || n == skip ||
		    figure_is_caption(n))
			continue; /* a photo's caption is not the teaser's summary */
		if (node_is(n, "p") || dom_is_heading(n) || dom_tokens_match(n, cls, cls)) {
			char *t = node_text_line(n);
			/* not its byline line ("By Jane Roe · 5 July 2025") */
			if (t && dom_utf8_len(t) >= 20 && !meta_by_line(t) &&
			    (!title || (!strstr(t, title) && !strstr(title, t))))
				return t;
			free(t);
		}
		char *r = summary_in(n->children, title, depth + 1, skip);
		if (r)
			return r;
	}
	return NULL;
}


/* A teaser's summary in no <p> and no summary class: the first box of text alone (no
 * block inside) that is not its headline, its photo's box or a date. */
static char *summary_line(xmlNode *n, const char *title, const xmlNode *skip)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & F_SKIP) || c == skip ||
		    node_is(c, "figure") || node_is(c, "time") || figure_is_caption(c) ||
		    INFO(c)->text < 30)
			continue;
		if (!dom_has_block_child(c) && !node_is(c, "a") && !more_links_in(c->children, 0)) {
			char *t = node_text_line(c);
			if (t && !meta_by_line(t) && (!title || (!strstr(t, title) && !strstr(title, t))))
				return t;
			free(t);
			continue;
		}
		char *r = summary_line(c, title, skip);
		if (r)
			return r;
	}
	return NULL;
}

/* A photo given as a box's background ("style=background-image:url(...)"), the first in
 * n or below: a teaser's picture without <img>. */
static char *style_image(struct ex *x, const xmlNode *n, int depth)
{
	for (const xmlNode *c = n; c && depth < 12; c = depth ? c->next : NULL) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *st = node_attr(c, "style");
		const char *u = st ? strstr(st, "url(") : NULL;
		if (u) {
			u += 4;
			while (*u == ' ' || *u == '\'' || *u == '"')
				u++;
			size_t k = strcspn(u, "'\") ");
			if (k && k < 2048) {
				char *rel = xstrndup(u, k);
				char *abs = dom_url_clean(url_resolve(x->base, rel));
				free(rel);
				if (abs && url_ok(x->base, abs))
					return abs;
				free(abs);
			}
		}
		char *r = c->children ? style_image(x, c->children, depth + 1) : NULL;
		if (r)
			return r;
	}
	return NULL;
}

/* A teaser's caption and credit outside a photo box: a caption-classed element beside
 * its photo, or a short line that starts "Photo:", "Foto:", "©" (a credit). Fills what
 * is still NULL. */
static void card_caption(struct ex *x, xmlNode *n, const xmlNode *link, struct more_link *m,
			 int depth)
{
	for (; n && depth < 12 && !(m->caption && m->credit); n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP) || INFO(n)->text == 0 ||
		    dom_contains(n, link) || dom_contains(link, n) || node_is(n, "a"))
			continue;
		/* a credit line ("Photo: X"), or a caption that ends with its credit in
		 * brackets ("... on the quay. (Photo by X/Agency)") */
		int small = INFO(n)->text <= 80, plain = INFO(n)->text < 400 && !INFO(n)->link;
		char *t = (small || plain) && !dom_has_block_child(n) ? node_text_line(n) : NULL;
		int marked = t && small && credit_marked(t);
		/* ... but not the teaser's summary itself ("... (Source: X)") */
		int trailing = t && !marked && plain && credit_trailing(t) &&
			       !(m->summary && strcmp(t, m->summary) == 0);
		free(t);
		if (marked || trailing || (figure_is_caption(n) && INFO(n)->text < 400)) {
			struct figure f;
			x->last_img = NULL;
			figure_read(x, n, &f);
			free(f.image);
			if (!m->caption && !marked)
				m->caption = f.caption;
			else
				free(f.caption);
			if (!m->credit)
				m->credit = f.credit;
			else
				free(f.credit);
			continue;
		}
		card_caption(x, n->children, link, m, depth + 1);
	}
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

void more_add_links(struct ex *x, xmlNode *n, xmlNode *sec, xmlNode *head,
			   const char *section, int *count, int depth, const xmlNode *stop)
{
	for (; n && n != stop && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & (F_SKIP | F_MORE)) || n == head)
			continue;
		if (node_is(n, "nav") || dom_tokens_match(n, (const char *const[]){"share", "social",
			"tags", "tag", "breadcrumb", NULL}, (const char *const[]){"share", "social", NULL}))
			continue;
		if (!node_is(n, "a")) {
			more_add_links(x, n->children, sec, head, section, count, depth + 1, NULL);
			continue;
		}
		const char *href = node_attr(n, "href"), *rel = node_attr(n, "rel");
		if (!href || *href == '#' || (rel && dom_has_sub(rel, "tag")) || *count >= 30 ||
		    x->a->nmore >= 100)
			continue;
		char *u = dom_url_clean(url_resolve(x->base, href));
		if (!u || !url_ok(x->base, u) || more_same_page(u, x->a->url) || more_has_url(x->a, u) ||
		    more_link_not_story(u, x->a->url ? x->a->url : x->base)) {
			free(u);
			continue;
		}
		xmlNode *te = more_first_title(n->children, 0);
		char *title = te ? node_text_line(te) : NULL;
		if (!title || !more_title_ok(title)) {
			free(title);
			title = node_text_line(n);
		}
		xmlNode *card = teaser_of(n, sec, u, x);
		if ((!title || !more_title_ok(title)) && card != n) {
			/* a "Read more" link over a card: the card's own heading names it */
			xmlNode *ct = more_first_title(card->children, 0);
			free(title);
			title = ct && !dom_contains(n, ct) ? node_text_line(ct) : NULL;
		}
		if (!title || !more_title_ok(title)) {
			/* an image link: the title may be in a sibling link to the same URL */
			free(title);
			free(u);
			continue;
		}
		/* the teaser's own photo, with its caption and credit */
		xmlNode *fig = card != n ? teaser_figure(card, 0) : NULL;
		if (!fig && card != n)
			fig = teaser_photo_box(card, n);
		char *summary = card != n ? summary_in(card->children, title, 0, fig) : NULL;
		if (!summary)
			summary = summary_in(n->children, title, 0, fig);
		if (!summary)
			summary = summary_line(card, title, fig);
		x->a->more = xrealloc(x->a->more, (x->a->nmore + 1) * sizeof *x->a->more);
		struct more_link *m = &x->a->more[x->a->nmore++];
		memset(m, 0, sizeof *m);
		m->title = title;
		m->url = u;
		m->summary = summary;
		m->section = xstrdup(section);
		if (fig) {
			struct figure f;
			x->last_img = NULL;
			figure_read(x, fig, &f);
			m->image = f.image;
			m->caption = f.caption;
			m->credit = f.credit;
		} else if (card != n) {
			/* a photo with no box of its own: its alt text says what it shows, a
			 * credit line in the card who took it */
			xmlNode *im = figure_find_img(card->children, 0);
			m->image = figure_img_url(x, im);
			if (im) {
				card_caption(x, card->children, n, m, 0);
				if (!m->caption)
					m->caption = figure_alt_caption(x, im, title);
			}
		}
		if (!m->image)
			m->image = style_image(x, card, 0);
		(*count)++;
	}
}

void more_mark(xmlNode *n)
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
		if (p != n && (node_is(p, "article") || node_is(p, "main") || more_holds_story(p, 0)))
			break;
		if (node_is(p, "nav") || dom_classid_has(p, popular_classes) ||
		    (p->_private && (INFO(p)->flags & F_SKIP)))
			return 0;
	}
	return 1;
}

int more_links_in(xmlNode *n, int depth)
{
	int c = 0;
	for (; n && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(n, "a") && node_attr(n, "href"))
			c++;
		else
			c += more_links_in(n->children, depth + 1);
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
	int links = more_links_in(n->children, 0);
	if (more_shaped(n))
		return 1;
	if (links < 1 || INFO(n)->text > (size_t)links * 600)
		return 0;
	/* cards, each a headline and a "Read more" link over a summary */
	return dom_link_density(n) >= 0.08 || (links >= 2 && headings_in(n, 0) * 2 >= links);
}


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
	int links = more_links_in(n->children, 0) - (h ? more_links_in(h->children, 0) : 0);
	return INFO(n)->text > 150 && !more_shaped(n) && links < 3 && heads <= 0 &&
	       links_in_sentences(n, h, 0);
}

/* Characters of text inside anc that come before h: a section begins with its heading. */
size_t more_text_before(const xmlNode *anc, const xmlNode *h)
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
int more_holds_story(const xmlNode *p, int depth)
{
	if (p->type != XML_ELEMENT_NODE || !p->_private || !(INFO(p)->flags & F_ART) || depth > 40)
		return 0;
	const char *ip = node_attr(p, "itemprop");
	if (node_is(p, "main") || (ip && dom_has_sub(ip, "articlebody")) ||
	    (node_is(p, "article") && INFO(p)->text >= 1200))
		return 1;
	for (const xmlNode *c = p->children; c; c = c->next)
		if (more_holds_story(c, depth + 1))
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
		if (more_holds_story(p, 0) || INFO(p)->text > 6000 || !teasers_shaped(p) ||
		    more_text_before(p, h) > 200 || prose_with_links(p, h))
			break;
		/* links besides the heading's own */
		if (more_links_in(p->children, 0) > more_links_in(h->children, 0) + (node_is(h, "a") ? 1 : 0)) {
			sec = p;
			break;
		}
	}
	if (sec) {
		if (INFO(sec)->flags & F_MORE)
			return;
		more_add_links(x, sec->children, sec, h, text, &count, 0, NULL);
		if (count)
			more_mark(sec);
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
		/* this element only: a link itself, else the links inside it */
		more_add_links(x, node_is(s, "a") ? s : s->children, s, h, text, &count, 0,
			       node_is(s, "a") ? s->next : NULL);
	}
	if (!count) {
		/* "Read more: <a>Another story</a>": the link is in the heading itself */
		more_add_links(x, h->children, h, NULL, text, &count, 0, NULL);
		/* a heading over nothing (teasers the page's script fills in) is no story */
		if (count || (!after && !more_links_in(h->children, 0)))
			more_mark(h);
		return;
	}
	if (count) {
		more_mark(h);
		for (xmlNode *s = start->next; s && s != stop; s = s->next)
			if (s->type == XML_ELEMENT_NODE)
				more_mark(s);
	}
}

/* Whether a box around h (a few levels up) has links besides h's own: a heading over
 * teasers does; most headings of a story's text do too, the rest are cheap to skip. */
static int links_near(const xmlNode *h)
{
	int k = 0;
	for (const xmlNode *p = h->parent; p && p->_private && k < 8; p = p->parent, k++)
		if (INFO(p)->link > INFO(h)->link)
			return 1;
	return 0;
}

/* A bold line that opens a box ("<div><b>Other news</b><br><a>...</a>"): the box's
 * heading on a page that uses no heading elements. Inside a paragraph it is a sentence's
 * label, not a heading. */
static int box_label(const xmlNode *n)
{
	if (!(node_is(n, "b") || node_is(n, "strong")) || !pseudo_heading(n))
		return 0;
	for (const xmlNode *s = n->prev; s; s = s->prev)
		if (s->type == XML_ELEMENT_NODE || (s->type == XML_TEXT_NODE && s->content &&
		    strspn((const char *)s->content, " \t\r\n") != strlen((const char *)s->content)))
			return 0;
	for (const xmlNode *p = n->parent; p && p->_private; p = p->parent)
		if (node_is(p, "p") || node_is(p, "li") || node_is(p, "a"))
			return 0;
	return 1;
}

static void more_scan(struct ex *x, xmlNode *n, int depth, const xmlNode *anchor)
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
		int tl = in->text < 100 && more_title_like(n);
		if (in->text < 100 && (tl || node_attr(n, "aria-label") || pseudo_heading(n))) {
			char *t = NULL;
			const char *al = node_attr(n, "aria-label");
			if (more_title_like(n) || pseudo_heading(n))
				t = node_text_line(n);
			if ((!t || !words_says_more(t)) && al && !node_is(n, "a")) {
				free(t);
				t = xstrdup(al);
				text_clean_line(t);
			}
			if (t && words_says_more(t) && section_ok(n)) {
				if (node_attr(n, "aria-label") && !more_title_like(n)) {
					int count = 0;
					more_add_links(x, n->children, n, NULL, t, &count, 0, NULL);
					if (count)
						more_mark(n);
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
		    section_ok(n) && !node_is(n, "a") && more_links_in(n->children, 0) >= 1) {
			xmlNode *h = more_first_title(n->children, 0);
			char *t = NULL;
			/* the heading must come before the first teaser's link, not be its title */
			for (xmlNode *p = h; p && p != n; p = p->parent)
				if (node_is(p, "a")) {
					h = NULL;
					break;
				}
			if (h)
				t = node_text_line(h);
			if (t && (dom_utf8_len(t) > 80 || more_title_ok(t) > 0) && !words_says_more(t)) {
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
			more_add_links(x, n->children, n, h, t, &count, 0, NULL);
			free(t);
			if (count) {
				more_mark(n);
				continue;
			}
		}
		/* by shape: a heading after the story's headline over a list of teasers */
		if (anchor && in->text > 0 && in->text <= 80 &&
		    (dom_is_heading(n) || tl || box_label(n)) &&
		    !node_is(n, "h1") && links_near(n) && more_node_before(anchor, n) &&
		    section_ok(n)) {
			char *t = node_text_line(n);
			if (t && !words_says_popular(t))
				more_by_shape(x, n, t, anchor);
			free(t);
			if (INFO(n)->flags & F_MORE)
				continue;
		}
		more_scan(x, n->children, depth + 1, anchor);
	}
}

void more_find(struct ex *x)
{
	more_scan(x, x->body, 0, more_headline(x));
}
