/* extract_shape: "more from" sections found by their shape, in any language: after the
 * story's headline, a heading over two or more teasers (a headline link first, maybe a
 * photo, a kicker, a summary, a date), all on the page's own host or on one host. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

/* 1 when a comes before b in the page (neither holds the other). */
int more_node_before(const xmlNode *a, const xmlNode *b)
{
	int da = 0, db = 0;
	for (const xmlNode *p = a; p; p = p->parent)
		da++;
	for (const xmlNode *p = b; p; p = p->parent)
		db++;
	for (; da > db; da--)
		a = a->parent;
	for (; db > da; db--)
		b = b->parent;
	if (a == b)
		return 0;
	while (a->parent != b->parent) {
		a = a->parent;
		b = b->parent;
	}
	for (const xmlNode *s = a->next; s; s = s->next)
		if (s == b)
			return 1;
	return 0;
}

/* The story's headline: the first <h1> (then <h2>) whose words are the article's title,
 * else the page's first <h1>; NULL when there is none. */
static xmlNode *headline_find(xmlNode *n, const char *title, const char *tag, int depth)
{
	for (; n && depth < 200; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP) || node_is(n, "head"))
			continue;
		if (node_is(n, tag) && INFO(n)->text >= 10 && INFO(n)->text < 400) {
			char *t = node_text_line(n);
			int same = t && (!title || strstr(title, t) || strstr(t, title));
			free(t);
			if (same)
				return n;
		}
		xmlNode *r = headline_find(n->children, title, tag, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* The host of a URL without "www.", into buf; "" when it has none. */
static void url_host(const char *u, char *buf, size_t sz)
{
	const char *h = u ? strstr(u, "://") : NULL;
	buf[0] = 0;
	if (!h)
		return;
	h += 3;
	if (!strncasecmp(h, "www.", 4))
		h += 4;
	size_t k = strcspn(h, "/:?#");
	if (k >= sz)
		return;
	memcpy(buf, h, k);
	buf[k] = 0;
}

/* A caption or credit line without a caption's class: plain words that end with their
 * credit in brackets ("... on the quay. (Foto: X)") or a short "Photo: X". */
static int photo_words(const xmlNode *c)
{
	if (INFO(c)->link || INFO(c)->text >= 400 || dom_has_block_child(c))
		return 0;
	char *t = node_text_line(c);
	int r = t && (credit_trailing(t) || (INFO(c)->text <= 80 && credit_marked(t)));
	free(t);
	return r;
}

/* Text in an item before its headline t, leaving out its photo (a box with an image, a
 * figure, a caption): a kicker or a date may come first, a sentence does not. */
static size_t item_text_before(const xmlNode *it, const xmlNode *t)
{
	size_t n = 0;
	const xmlNode *c = it->children;
	while (c) {
		if (c == t)
			return n;
		if (c->type == XML_ELEMENT_NODE && dom_contains(c, t)) {
			c = c->children;
			continue;
		}
		if (c->type == XML_ELEMENT_NODE) {
			if (!(INFO(c)->flags & F_SKIP) && !node_is(c, "figure") && !node_is(c, "img") &&
			    !figure_is_caption(c) && !figure_find_img(c->children, 0) && !photo_words(c))
				n += INFO(c)->text;
		} else if (c->type == XML_TEXT_NODE && c->content) {
			const char *s = (const char *)c->content;
			n += strlen(s) - strspn(s, " \t\r\n");
		}
		c = c->next;
	}
	return n;
}

static xmlNode *first_link(xmlNode *n, int depth)
{
	for (; n && depth < 40; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(n, "a") && node_attr(n, "href"))
			return n;
		xmlNode *r = first_link(n->children, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

struct shape {
	struct ex *x;
	xmlNode *box;     /* the one box that holds all the links, when one does */
	char host[128];   /* the headlines' one host, or "" when they have several */
	int good, bad, links;
	size_t other;     /* text of the items that are neither teasers nor wrong */
	int site;         /* all headlines on the page's own host */
	int nhost;
};

/* One item of a would-be teaser list: 1 a teaser (a headline link first, maybe a photo,
 * a kicker, a summary, a date), 0 nothing to say (no text, or a short label), -1 not a
 * teaser (a paragraph, a box of many links, a long text). */
static int shape_item(struct shape *sh, xmlNode *it)
{
	struct ex *x = sh->x;
	if (it->type != XML_ELEMENT_NODE || (INFO(it)->flags & F_SKIP))
		return 0;
	int nl = more_links_in(node_is(it, "a") ? it : it->children, 0);
	if (!nl)
		return INFO(it)->text <= 40 ? 0 : -1;
	if (nl > 4 || INFO(it)->text > 700 || INFO(it)->text - INFO(it)->link > 500)
		return -1;
	/* the headline: a link whose words (or whose heading's) read as a title, else a
	 * heading of the item over a "Read more" link */
	xmlNode *stack[64], *head = NULL, *link = NULL;
	int sp = 0;
	stack[sp++] = it;
	while (sp && !head) {
		xmlNode *c = stack[--sp];
		if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & F_SKIP))
			continue;
		if ((node_is(c, "a") && node_attr(c, "href")) || (more_title_like(c) && !link)) {
			xmlNode *te = node_is(c, "a") ? more_first_title(c->children, 0) : NULL;
			char *t = node_text_line(te ? te : c);
			if (t && more_title_ok(t) && dom_utf8_len(t) <= 200)
				head = c;
			free(t);
			if (node_is(c, "a") && !link)
				link = c;
			if (node_is(c, "a"))
				continue;
		}
		/* children in page order: pushed last to first */
		xmlNode *last = c->children;
		while (last && last->next)
			last = last->next;
		for (xmlNode *k = last; k && sp < 64; k = k->prev)
			stack[sp++] = k;
	}
	if (!head || item_text_before(it, head) > 60)
		return -1;
	/* a heading's link: inside it, else the item's first */
	xmlNode *a = node_is(head, "a") ? head : first_link(head->children, 0);
	if (!a)
		a = first_link(it->children, 0);
	if (!a)
		return -1;
	char *u = url_resolve(x->base, node_attr(a, "href"));
	if (!u || !url_ok(x->base, u) || more_same_page(u, x->a->url) ||
	    more_link_not_story(u, x->a->url ? x->a->url : x->base)) {
		free(u);
		return -1;
	}
	char host[128], own[128];
	url_host(u, host, sizeof host);
	url_host(x->a->url ? x->a->url : x->base, own, sizeof own);
	free(u);
	if (strcasecmp(host, own))
		sh->site = 0;
	if (!sh->nhost++)
		snprintf(sh->host, sizeof sh->host, "%s", host);
	else if (strcasecmp(sh->host, host))
		sh->host[0] = 0;
	return 1;
}

/* Whether the items from first up to stop are a list of teasers: two or more, every
 * item that says something one, on the page's own host or on one host (a story's list
 * of places to visit links to many). The items are the children of the box that holds
 * all the links, when one box does. */
static int shape_items(struct shape *sh, xmlNode *first, const xmlNode *stop,
		       const xmlNode *h, size_t *outside)
{
	xmlNode *box = NULL;
	size_t all = 0;
	int holders = 0;
	for (xmlNode *c = first; c && c != stop; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c == h || (INFO(c)->flags & F_SKIP))
			continue;
		all += INFO(c)->text;
		if (more_links_in(node_is(c, "a") ? c : c->children, 0)) {
			holders++;
			box = c;
		}
	}
	if (!holders)
		return 0;
	if (holders == 1) {
		/* down to the box whose children hold the links apart */
		for (;;) {
			xmlNode *only = NULL;
			int n = 0;
			for (xmlNode *c = box->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE && more_links_in(node_is(c, "a") ? c : c->children, 0)) {
					only = c;
					n++;
				}
			if (n != 1 || node_is(only, "a"))
				break;
			box = only;
		}
		if (node_is(box, "a"))
			return 0;
		sh->box = box;
		*outside = all - INFO(box)->text;
		first = box->children;
		stop = NULL;
	} else {
		*outside = 0;
	}
	for (xmlNode *c = first; c && c != stop; c = c->next) {
		if (c == h)
			continue;
		if (c->type == XML_TEXT_NODE && c->content) {
			/* words between the links: prose around them, unless a label or date */
			const char *t = (const char *)c->content;
			size_t n = strlen(t) - strspn(t, " \t\r\n");
			sh->bad += n > 40;
			sh->other += n <= 40 ? n : 0;
			continue;
		}
		int r = shape_item(sh, c);
		sh->good += r > 0;
		sh->bad += r < 0;
		if (!r && c->type == XML_ELEMENT_NODE)
			sh->other += INFO(c)->text;
	}
	/* labels and dates between the teasers, not a table of facts ("Aroma", "Fruity") */
	return sh->good >= 2 && sh->bad * 4 <= sh->good && (sh->bad == 0 || sh->good >= 4) &&
	       sh->other <= 80 && (sh->site || sh->host[0]);
}

/* 1 when a heading other than h comes after h inside n and before the teasers' box: the
 * list then has a heading of its own ("Comments" over an empty comment box, then
 * "This topic over time" over the teasers), which names it better than h. A heading
 * after the teasers (a newsletter box's) names no list of them. */
static int heading_after(const xmlNode *n, const xmlNode *h, const xmlNode *box, int depth)
{
	for (const xmlNode *c = n; c && depth < 40; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c == h || c == box || (INFO(c)->flags & F_SKIP))
			continue;
		if (dom_is_heading(c) && more_node_before(h, c) && more_node_before(c, box))
			return 1;
		if (!dom_is_heading(c) && heading_after(c->children, h, box, depth + 1))
			return 1;
	}
	return 0;
}

/* Takes back the links added since n0: a list found by its shape gives two or more, so
 * one link alone (a "Subscribe" button under a paywall's heading) was no such list. */
static void more_take_back(struct article *a, size_t n0)
{
	for (size_t i = n0; i < a->nmore; i++) {
		struct more_link *m = &a->more[i];
		free(m->title);
		free(m->url);
		free(m->summary);
		free(m->section);
		free(m->image);
		free(m->caption);
		free(m->credit);
	}
	a->nmore = n0;
}

/* A heading after the story's headline over a list of teasers, whatever its words say
 * ("Autour de la ville", "Dalla valle"): a more-from section. Its box is the nearest
 * one around the heading with links of its own that does not hold the story; failing
 * that, the heading's next siblings up to the next heading as high. */
void more_by_shape(struct ex *x, xmlNode *h, const char *text, const xmlNode *anchor)
{
	/* a teaser's own headline (inside its link, or a link itself) heads no section, nor
	 * does an item of a list or a table ("Origin: Southern hills" among the facts) */
	int up = 0;
	for (const xmlNode *p = h->parent; p && p->_private; p = p->parent, up++)
		if (node_is(p, "a") || (up < 3 && (node_is(p, "li") || node_is(p, "td") ||
						   node_is(p, "th") || node_is(p, "dd"))))
			return;
	if (more_links_in(h->children, 0) && more_title_ok(text))
		return;
	/* "Zutaten:", "Dough:": a label over a list of the story's own, not a section */
	size_t tl = strlen(text);
	if (tl && (text[tl - 1] == ':' || (tl >= 3 && !strcmp(text + tl - 3, "\xef\xbc\x9a"))))
		return;
	/* a footer's lists ("About us": contact, terms) are the site's, not stories */
	for (const xmlNode *p = h; p && p->_private; p = p->parent) {
		const char *role = node_attr(p, "role");
		if (node_is(p, "footer") || (role && !strcasecmp(role, "contentinfo")))
			return;
	}
	struct shape sh;
	size_t outside = 0;
	int own = more_links_in(h->children, 0) + (node_is(h, "a") ? 1 : 0), count = 0;
	xmlNode *sec = NULL;
	for (xmlNode *p = h->parent; p && p->_private && !node_is(p, "body"); p = p->parent) {
		if (dom_contains(p, anchor) || more_holds_story(p, 0) || more_text_before(p, h) > 40 ||
		    INFO(p)->text > 6000)
			break;
		if (more_links_in(p->children, 0) > own) {
			sec = p;
			break;
		}
	}
	memset(&sh, 0, sizeof sh);
	sh.x = x;
	sh.site = 1;
	size_t n0 = x->a->nmore;
	if (sec) {
		if (!shape_items(&sh, sec->children, NULL, h, &outside) ||
		    outside > INFO(h)->text + 80 || (sh.box && heading_after(sec->children, h, sh.box, 0)))
			return;
		more_add_links(x, sec->children, sec, h, text, &count, 0, NULL);
		if (count >= 2)
			more_mark(sec);
		else
			more_take_back(x->a, n0);
		return;
	}
	/* the siblings after the heading, to the next heading of its rank or higher */
	xmlNode *stop = NULL;
	for (xmlNode *s = h->next; s; s = s->next)
		if (dom_is_heading(s) && (!dom_is_heading(h) || s->name[1] <= h->name[1])) {
			stop = s;
			break;
		}
	if (!h->next || !shape_items(&sh, h->next, stop, h, &outside) || outside > 80)
		return;
	for (xmlNode *s = h->next; sh.box && s && s != stop; s = s->next)
		if (s->type == XML_ELEMENT_NODE && s != sh.box &&
		    ((dom_is_heading(s) && more_node_before(s, sh.box)) ||
		     heading_after(s->children, h, sh.box, 0)))
			return;
	more_add_links(x, h->next, h->parent, h, text, &count, 0, stop);
	if (count < 2) {
		more_take_back(x->a, n0);
		return;
	}
	more_mark(h);
	for (xmlNode *s = h->next; s && s != stop; s = s->next)
		if (s->type == XML_ELEMENT_NODE)
			more_mark(s);
}

xmlNode *more_headline(struct ex *x)
{
	xmlNode *h = headline_find(x->body, x->a->title, "h1", 0);
	if (!h)
		h = headline_find(x->body, x->a->title, "h2", 0);
	if (!h)
		h = headline_find(x->body, NULL, "h1", 0);
	return h;
}
