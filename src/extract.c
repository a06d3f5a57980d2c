/* extract: a news page to an article. Parses once into libxml2's HTML tree, reads the
 * metadata, scores blocks for the story's container, then walks it dropping boilerplate. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "crier/date.h"
#include "extract_int.h"

/* ---------------------------------------------------------------- class/id hints */

static const char *const unlikely_exact[] = {"ad", "ads", "nav", "menu", "footer", "header",
	"masthead", "sidebar", "comments", "comment", "share", "social", "banner", "breadcrumb",
	"breadcrumbs", "pagination", "pager", "popup", "modal", "related", "cookie", "cookies",
	"newsletter", "subscribe", "promo", "sponsor", "sponsored", "advertisement", "gdpr",
	"consent", "navbar", "topbar", "toolbar", "skip", "skiplink", "rail", "outbrain",
	"taboola", "disqus", "trending", "popular", "mostread", NULL};
static const char *const unlikely_prefix[] = {"advert", "sharing", "sharebar", "socialbar",
	"navigation", "sidebar", "comment", "newsletter", "subscription", "recirc", "recommend",
	"shoutbox", "skyscraper", "cookie", "disqus", "outbrain", "taboola", "breadcrumb",
	"paywall", "signup", "dfp", "adslot", "adunit", "adwrap", "adcontainer", "kommentar",
	"komentar", "comentario", NULL};
static const char *const maybe_exact[] = {"article", "body", "content", "main", "story",
	"entry", "post", "text", "column", "columns", NULL};
static const char *const maybe_prefix[] = {"articlebody", "article", "storybody", "postbody",
	"entrycontent", "postcontent", NULL};

static const char *const pos_exact[] = {"article", "body", "content", "entry", "hentry",
	"main", "page", "post", "text", "blog", "story", "prose", "richtext", NULL};
static const char *const pos_prefix[] = {"article", "story", "entry", "content", "post",
	"body", "text", NULL};
static const char *const neg_exact[] = {"ad", "ads", "banner", "combx",
	"comment", "comments", "contact", "foot", "footer", "footnote", "masthead", "media",
	"meta", "promo", "related", "scroll", "share", "sidebar", "sponsor", "tags", "tag",
	"tool", "tools", "widget", "nav", "menu", "teaser", "teasers", "card", "cards", "rail",
	"caption", "credit", "byline", "author", NULL};
static const char *const neg_prefix[] = {"advert", "comment", "outbrain", "shoutbox",
	"skyscraper", "shopping", "social", "sharing", "recirc", "recommend", "newsletter",
	"subscri", "promo", "sponsor", "footer", "sidebar", "widget", NULL};

static int hidden_class(const xmlNode *n)
{
	static const char *const words[] = {"hidden", "hide", "sr-only", "visually-hidden",
		"visuallyhidden", "screen-reader-text", "screen-reader-only", "is-hidden",
		"u-hidden", "d-none", "offscreen", "sr-text", "a11y-only", NULL};
	const char *c = node_attr(n, "class");
	if (!c)
		return 0;
	while (*c) {
		size_t k = 0;
		while (*c && isspace((unsigned char)*c))
			c++;
		while (c[k] && !isspace((unsigned char)c[k]))
			k++;
		for (int i = 0; words[i]; i++)
			if (k == strlen(words[i]) && strncasecmp(c, words[i], k) == 0)
				return 1;
		c += k;
	}
	return 0;
}

static int class_weight(const xmlNode *n)
{
	int w = 0;
	if (dom_tokens_match(n, neg_exact, neg_prefix))
		w -= 25;
	if (dom_tokens_match(n, pos_exact, pos_prefix))
		w += 25;
	const char *ip = node_attr(n, "itemprop");
	if (ip && dom_has_sub(ip, "articlebody"))
		w += 50;
	return w;
}

/* ---------------------------------------------------------------- the info pass */

static size_t count_elements(xmlNode *n)
{
	size_t c = 0;
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			c += 1 + count_elements(n->children);
	return c;
}

static void info_attach(struct ex *x, xmlNode *n, unsigned inherit)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = &x->pool[x->used++];
		n->_private = in;
		in->flags = inherit;
		info_attach(x, n->children, 0);
		const char *ip = node_attr(n, "itemprop");
		if (node_is(n, "article") || node_is(n, "main") ||
		    (ip && dom_has_sub(ip, "articlebody")))
			in->flags |= F_ART;
		for (xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && (INFO(c)->flags & F_ART))
				in->flags |= F_ART;
	}
}

/* Never text: scripts, styles, what markup hides. A hidden box that holds the article
 * (<article>, <main>, itemprop=articleBody) is a broken page's nesting, not a wish to
 * hide the story: it stays. With noscript_ok, <noscript> content is read too (the page
 * that shows its text only there). */
static void skip_mark(xmlNode *n, unsigned inherit, int noscript_ok)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		in->flags = (in->flags & ~(unsigned)F_SKIP) | inherit;
		if ((node_ignored(n) && !(noscript_ok && node_is(n, "noscript"))) ||
		    ((node_hidden(n) || hidden_class(n)) && !(in->flags & F_ART)))
			in->flags |= F_SKIP;
		skip_mark(n->children, in->flags & F_SKIP, noscript_ok);
	}
}

static size_t text_chars(const char *s, size_t *commas)
{
	size_t n = 0;
	int sp = 1;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isspace(c)) {
			if (!sp)
				n++;
			sp = 1;
			continue;
		}
		sp = 0;
		if ((c & 0xC0) != 0x80)
			n++;
		if (c == ',')
			(*commas)++;
		/* The ideographic and fullwidth commas count too. */
		if (c == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] == 0x8C)
			(*commas)++;
		if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x81)
			(*commas)++;
	}
	return n;
}

/* Text, link text and commas of every element, leaving out what is skipped or dropped. */
static void info_count(xmlNode *n, int inlink, size_t *text, size_t *link, size_t *commas)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			size_t c = 0, t = n->content ? text_chars((const char *)n->content, &c) : 0;
			*text += t;
			*commas += c;
			if (inlink)
				*link += t;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		in->text = in->link = in->commas = 0;
		if (in->flags & (F_SKIP | F_DROP | F_MORE))
			continue;
		int il = inlink || (node_is(n, "a") && node_attr(n, "href"));
		info_count(n->children, il, &in->text, &in->link, &in->commas);
		*text += in->text;
		*link += in->link;
		*commas += in->commas;
	}
}

/* Paragraph text (<p> of 25 characters or more, less its link text) below each element,
 * what is skipped or in a more-from section left out: where the page's story is, before
 * any class word has a say. */
static size_t para_count(xmlNode *n)
{
	size_t sum = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		in->para = 0;
		if (in->flags & (F_SKIP | F_MORE))
			continue;
		if (node_is(n, "p") && in->text >= 25)
			in->para = in->text - in->link;
		else
			in->para = para_count(n->children);
		sum += in->para;
	}
	return sum;
}

/* Navigation, footers, sidebars and the like, by tag, role and class (Readability's
 * "unlikely candidates"); kept when they hold the article itself. The box dropped by a
 * class word that holds the most paragraph text (comments aside) is kept in *best. */
static void mark_unlikely(xmlNode *n, xmlNode **best)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (in->flags & F_SKIP)
			continue;
		const char *role = node_attr(n, "role");
		int drop = 0, by_class = 0;
		if (node_is(n, "nav") || node_is(n, "aside") || node_is(n, "footer") ||
		    node_is(n, "form") || node_is(n, "dialog"))
			drop = 1;
		else if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "contentinfo") ||
				  !strcasecmp(role, "complementary") || !strcasecmp(role, "banner") ||
				  !strcasecmp(role, "dialog") || !strcasecmp(role, "alertdialog") ||
				  !strcasecmp(role, "search") || !strcasecmp(role, "menu")))
			drop = 1;
		else if (!node_is(n, "body") && !node_is(n, "article") && !node_is(n, "main") &&
			 !node_is(n, "html") && dom_tokens_match(n, unlikely_exact, unlikely_prefix) &&
			 !dom_tokens_match(n, maybe_exact, maybe_prefix))
			drop = by_class = 1;
		if (drop && (((in->flags & F_ART) && !node_is(n, "nav")) ||
			     (!node_is(n, "nav") && dom_holds_quote(n, 0)) ||
			     (by_class && dom_paywalled_story(n))))
			drop = 0;
		if (drop) {
			in->flags |= F_DROP | F_UNL;
			if (by_class && (!*best || in->para > INFO(*best)->para) &&
			    !dom_tokens_match(n, NULL, (const char *const[]){"comment", NULL}))
				*best = n;
			continue;
		}
		mark_unlikely(n->children, best);
	}
}

/* ---------------------------------------------------------------- scoring */

#define TEASER_LINE_MAX 160   /* characters: a linked line up to this is a teaser's */
#define MARK_MIN_RUN 80       /* running text that makes a marked story a story */

static void score_init(xmlNode *n)
{
	struct ninfo *in = INFO(n);
	if (in->scored)
		return;
	in->scored = 1;
	in->score = in->flags & F_NOCLASS ? 0 : class_weight(n);
	const char *t = (const char *)n->name;
	if (!strcasecmp(t, "div") || !strcasecmp(t, "article") || !strcasecmp(t, "section") ||
	    !strcasecmp(t, "main"))
		in->score += 5;
	else if (!strcasecmp(t, "pre") || !strcasecmp(t, "td") || !strcasecmp(t, "blockquote"))
		in->score += 3;
	else if (!strcasecmp(t, "address") || !strcasecmp(t, "ol") || !strcasecmp(t, "ul") ||
		 !strcasecmp(t, "dl") || !strcasecmp(t, "dd") || !strcasecmp(t, "dt") ||
		 !strcasecmp(t, "li") || !strcasecmp(t, "form"))
		in->score -= 3;
	else if (dom_is_heading(n) || !strcasecmp(t, "th"))
		in->score -= 5;
}

/* Elements that hold running text when they have no block inside. */
static int text_box(const xmlNode *n)
{
	static const char *const tags[] = {"div", "section", "article", "main", "blockquote",
		"dd", "caption", "center", "font", NULL};
	for (int i = 0; tags[i]; i++)
		if (node_is(n, tags[i]))
			return 1;
	return 0;
}

static size_t h1_text(const xmlNode *n, int depth);

/* 1 when the paragraph p opens with a link (through inline wrappers such as <b>): the
 * shape of a teaser's line, "<a>Another story</a>, a line about it". A story's sentence
 * with a link inside it is running text. */
static int starts_with_link(const xmlNode *p, int depth)
{
	for (const xmlNode *c = p ? p->children : NULL; c && depth < 8; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (c->content && strspn((const char *)c->content, " \t\r\n") !=
						  strlen((const char *)c->content))
				return 0;
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(c, "a"))
			return 1;
		if (node_is(c, "b") || node_is(c, "strong") || node_is(c, "em") ||
		    node_is(c, "i") || node_is(c, "span"))
			return starts_with_link(c, depth + 1);
		return 0;
	}
	return 0;
}

/* A paragraph's worth of text scores its container and the ancestors above; with
 * counted, it is also paragraph text for the climb in choose_top; opens_link: the
 * paragraph opens with a link (a loose line between <br>s is taken to). */
static void score_text(xmlNode *p, size_t text, size_t link, size_t commas, int counted,
		       int opens_link)
{
	double ld = text ? (double)link / (double)text : 0;
	double s = 1 + (double)commas + (text / 100 < 3 ? (double)(text / 100) : 3);
	/* Text inside links is navigation more often than story. */
	s *= 1 - ld;
	/* a short paragraph that opens with a link is a teaser's line ("<a>Archive: the
	 * mill</a>, from the years of the ferry."), not running text */
	int teaser = link > 0 && text < TEASER_LINE_MAX && opens_link;
	for (xmlNode *q = p; counted && q && q->_private; q = q->parent) {
		INFO(q)->ptext += (double)text * (1 - ld);
		if (!teaser)
			INFO(q)->run += (double)text * (1 - ld);
	}
	for (int lvl = 0; p && p->type == XML_ELEMENT_NODE && lvl < 5; lvl++, p = p->parent) {
		if (!p->_private || node_is(p, "html"))
			break;
		score_init(p);
		INFO(p)->score += lvl == 0 ? s : lvl == 1 ? s / 2 : s / (lvl * 3);
	}
}

/* Text written straight into a box beside its blocks (lines between <br>s, a story in a
 * <div> with a photo <div> inside) is paragraphs too: each run of text and inline
 * elements, up to a block or two line breaks, scores the box that holds it, when most of
 * the run is the box's own text (not a label or a link list written inline). */
static void score_loose_in(xmlNode *box, xmlNode *holder)
{
	size_t text = 0, own = 0, link = 0, commas = 0;
	int brs = 0;
	for (xmlNode *c = holder->children;; c = c->next) {
		int end = !c || (c->type == XML_ELEMENT_NODE && dom_is_block(c));
		if (c && node_is(c, "br"))
			end = ++brs >= 2;
		else if (c && (c->type != XML_TEXT_NODE ||
			       strspn((const char *)c->content, " \t\r\n") != strlen((const char *)c->content)))
			brs = 0;
		if (end) {
			if (text >= 25 && own * 2 >= text) {
				score_text(box, text, link, commas, 1, 1);
				INFO(box)->flags |= F_LOOSE;
			}
			text = own = link = commas = 0;
			brs = 0;
			if (!c)
				break;
			continue;
		}
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			size_t t = text_chars((const char *)c->content, &commas);
			text += t;
			own += t;
		} else if (c->type == XML_ELEMENT_NODE &&
			   !(INFO(c)->flags & (F_SKIP | F_DROP | F_MORE))) {
			text += INFO(c)->text;
			link += INFO(c)->link;
			commas += INFO(c)->commas;
		}
	}
}

static void score_loose(xmlNode *box)
{
	score_loose_in(box, box);
}

/* The element that holds a box's lines: the box, or the one inline element (a <span>, a
 * <font>) that wraps all of its text. */
static xmlNode *lines_holder(xmlNode *box)
{
	xmlNode *h = box;
	for (int depth = 0; depth < 3; depth++) {
		xmlNode *only = NULL;
		int n = 0;
		for (xmlNode *c = h->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !(INFO(c)->flags & F_SKIP)) {
				only = c;
				n++;
			} else if (c->type == XML_TEXT_NODE && c->content &&
				   strspn((const char *)c->content, " \t\r\n") != strlen((const char *)c->content)) {
				n += 2;
			}
		if (n != 1 || node_is(only, "a") || node_is(only, "br") || INFO(only)->text * 10 < INFO(h)->text * 9)
			break;
		h = only;
	}
	return h;
}

/* Line breaks written in a box's own text (not inside links), a few levels down. */
static int box_breaks(const xmlNode *n, int depth)
{
	int k = 0;
	for (const xmlNode *c = n->children; c && depth < 4; c = c->next)
		if (node_is(c, "br"))
			k++;
		else if (c->type == XML_ELEMENT_NODE && !node_is(c, "a") &&
			 !(INFO(c)->flags & (F_SKIP | F_DROP | F_MORE)))
			k += box_breaks(c, depth + 1);
	return k;
}

static void score_paragraphs(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (in->flags & (F_SKIP | F_DROP | F_MORE))
			continue;
		int box = text_box(n);
		int blocks = dom_has_block_child(n);
		int para = node_is(n, "p") || node_is(n, "pre") || node_is(n, "td") ||
			   (box && !blocks);
		if (para && in->text >= 25) {
			/* a box of lines between <br>s is a story's container itself, not one
			 * paragraph of its parent (which may be the page's <body>) */
			if (box && !blocks && in->text >= 200 && !node_is(n, "blockquote") &&
			    !node_is(n, "dd") && !node_is(n, "caption") && box_breaks(n, 0) >= 2)
				score_loose_in(n, lines_holder(n));
			if (!(in->flags & F_LOOSE))
				score_text(n->parent, in->text, in->link, in->commas, 1,
					   starts_with_link(n, 0));
			if (!box)
				continue;
		}
		if (box && blocks)
			score_loose(n);
		score_paragraphs(n->children);
	}
}

static void best_candidates(xmlNode *n, xmlNode **top, double *tops, int k)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (in->flags & (F_SKIP | F_DROP | F_MORE))
			continue;
		if (in->scored && !node_is(n, "body") && !node_is(n, "html")) {
			double s = in->score * (1 - dom_link_density(n));
			for (int i = 0; i < k; i++)
				if (!top[i] || s > tops[i]) {
					for (int j = k - 1; j > i; j--) {
						top[j] = top[j - 1];
						tops[j] = tops[j - 1];
					}
					top[i] = n;
					tops[i] = s;
					break;
				}
		}
		best_candidates(n->children, top, tops, k);
	}
}

/* The story marked itemprop=articleBody: *first, the first marked element, and *box, the
 * box that holds every part when it is marked in parts (sections each marked), or first
 * when it is alone. Both start NULL. */
static void all_articlebody(xmlNode *n, xmlNode **first, xmlNode **box)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (!(in->flags & F_ART) || (in->flags & (F_SKIP | F_DROP)))
			continue;
		const char *ip = node_attr(n, "itemprop");
		if (ip && dom_has_sub(ip, "articlebody")) {
			if (!*first)
				*first = *box = n;
			while (*box && !dom_contains(*box, n))
				*box = (*box)->parent;
			continue;
		}
		all_articlebody(n->children, first, box);
	}
}

/* The page's one <article> that is not a teaser (none dropped or in a more-from section),
 * or NULL when there are none or several. */
static void one_article(xmlNode *n, xmlNode **art, int *count, int depth)
{
	for (; n && *count < 2 && depth < 60; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & (F_SKIP | F_DROP | F_MORE)))
			continue;
		if (node_is(n, "article")) {
			if (INFO(n)->text >= 25 && (*count)++ == 0)
				*art = n;
		}
		one_article(n->children, art, count, depth + 1);
	}
}

static xmlNode *choose_top(struct ex *x)
{
	enum { K = 5 };
	xmlNode *top[K] = {0};
	double tops[K] = {0};
	score_paragraphs(x->body);
	best_candidates(x->body, top, tops, K);
	xmlNode *ab = NULL, *box = NULL;
	all_articlebody(x->body, &ab, &box);
	if (ab && box && box->_private && !node_is(box, "body") && !node_is(box, "html"))
		ab = box;
	if (ab && INFO(ab)->text >= 200 && (!top[0] || INFO(ab)->text * 3 >= INFO(top[0])->text ||
					   dom_contains(ab, top[0])))
		return ab;
	if (!top[0])
		return x->body;
	/* Scores that nearly tie say little (a paragraph counts the same from 300 characters
	 * up, a class word gives 25): of the candidates within a fifth of the best, the one
	 * with clearly more paragraph text holds the story. */
	int best = 0;
	for (int i = 1; i < K; i++)
		if (top[i] && tops[i] >= tops[0] * 0.8 && INFO(top[i])->ptext >= 2 * INFO(top[best])->ptext &&
		    INFO(top[i])->ptext - INFO(top[best])->ptext >= 500)
			best = i;
	if (best) {
		xmlNode *tn = top[0];
		double ts = tops[0];
		top[0] = top[best];
		tops[0] = tops[best];
		top[best] = tn;
		tops[best] = ts;
	}
	/* The page's one <article>, when the best candidate is in it, is an explicit mark of
	 * the story: the climbs below stop there. */
	xmlNode *art = NULL, *stop = NULL;
	int narts = 0;
	one_article(x->body, &art, &narts, 0);
	if (narts == 1 && dom_contains(art, top[0]))
		stop = art;
	/* A story split into several blocks: move up to the ancestor that holds most of the
	 * strong candidates. */
	xmlNode *t = top[0];
	for (xmlNode *p = t->parent; p && p->_private && !node_is(p, "body") && !node_is(p, "html") &&
	     (!stop || dom_contains(stop, p)); p = p->parent) {
		int n = 0;
		for (int i = 1; i < K; i++)
			if (top[i] && tops[i] >= tops[0] * 0.75 && dom_contains(p, top[i]))
				n++;
		if (n >= 2) {
			t = p;
			break;
		}
	}
	/* A story in several blocks (chunks between ads, pages of a slideshow): move up while
	 * the parent holds clearly more story text and not much more link text. */
	for (int moved = 1; moved;) {
		moved = 0;
		xmlNode *p = t->parent;
		for (int lvl = 0; lvl < 3 && p && p->_private && !node_is(p, "body") &&
				  !node_is(p, "html") && (!stop || dom_contains(stop, p));
		     lvl++, p = p->parent) {
			struct ninfo *pi = INFO(p), *ti = INFO(t);
			if (pi->ptext >= ti->ptext * 1.3 && pi->ptext - ti->ptext >= 200 &&
			    dom_link_density(p) < 0.35) {
				t = p;
				moved = 1;
				break;
			}
		}
	}
	/* An only child says nothing its parent does not. */
	while (t->parent && t->parent->_private && !node_is(t->parent, "body")) {
		int kids = 0;
		for (xmlNode *c = t->parent->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !(INFO(c)->flags & (F_SKIP | F_DROP)))
				kids++;
			else if (c->type == XML_TEXT_NODE && c->content &&
				 strspn((const char *)c->content, " \t\r\n") != strlen((const char *)c->content))
				kids += 2;
		if (kids != 1)
			break;
		t = t->parent;
	}
	/* An explicit mark of the story (itemprop=articleBody, the page's one <article>) that
	 * the choice above passed by wins over what is outside it, unless that has clearly
	 * more running text: teasers' lines and link lists are no story, however long. */
	/* the one <article> marks the story only when it holds the headline: a page's only
	 * <article> may be a card in a side column */
	xmlNode *mark = ab ? ab : narts == 1 && h1_text(art, 0) > 0 ? art : NULL;
	if (mark && !dom_contains(mark, t) && INFO(mark)->run >= MARK_MIN_RUN) {
		int around = dom_contains(t, mark);
		double other = INFO(t)->run - (around ? INFO(mark)->run : 0);
		/* Around the mark, what would be left out must be teasers' lines, not running
		 * text (the story's end pushed out of a badly closed <article>), and there must
		 * be some (a lead photo above the <article> stays in the container's scope). */
		double most = around ? INFO(mark)->run / 2 : 2 * INFO(mark)->run + 200;
		if (other < most &&
		    (!around || INFO(t)->ptext - INFO(mark)->ptext >= 2 * MARK_MIN_RUN))
			t = mark;
	}
	return t;
}

/* Text of the <h1> headings below n: the headline's box is not a part of the story. */
static size_t h1_text(const xmlNode *n, int depth)
{
	size_t t = 0;
	for (const xmlNode *c = n->children; c && depth < 30; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & (F_SKIP | F_DROP | F_MORE)))
			continue;
		t += node_is(c, "h1") ? INFO(c)->text : h1_text(c, depth + 1);
	}
	return t;
}

/* Siblings of the container that continue the story (Readability's sibling pass). */
static void mark_siblings(struct ex *x)
{
	xmlNode *top = x->top;
	INFO(top)->flags |= F_IN;
	if (!top->parent || !top->parent->_private || node_is(top, "body"))
		return;
	double ts = INFO(top)->score * (1 - dom_link_density(top));
	double th = ts * 0.2 > 10 ? ts * 0.2 : 10;
	const char *tcls = node_attr(top, "class");
	for (xmlNode *s = top->parent->children; s; s = s->next) {
		if (s == top || s->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(s);
		if (in->flags & (F_SKIP | F_DROP | F_MORE))
			continue;
		double bonus = 0, ld = dom_link_density(s);
		const char *cls = node_attr(s, "class");
		if (tcls && cls && *tcls && strcmp(tcls, cls) == 0)
			bonus = ts * 0.2;
		int ok = 0;
		/* a block of teasers' lines scores like paragraphs but continues nothing */
		if (in->ptext >= 2 * MARK_MIN_RUN && in->run * 4 < in->ptext)
			continue;
		if (in->scored && in->score * (1 - ld) + bonus >= th)
			ok = 1;
		else if (bonus > 0 && ld < 0.25 && in->text >= h1_text(s, 0) + 25)
			ok = 1; /* a part of the story in a box like the container's */
		else if (node_is(s, "p") || ((node_is(s, "div") || node_is(s, "section")) &&
						 !dom_has_block_child(s))) {
			if (in->text > 80 && ld < 0.25)
				ok = 1;
			else if (in->text > 0 && in->text <= 80 && ld == 0) {
				char *t = node_text_line(s);
				if (t && (strstr(t, ". ") || t[strlen(t) - 1] == '.'))
					ok = 1;
				free(t);
			}
		}
		if (ok)
			in->flags |= F_IN;
	}
	/* Headings, lists and quotes between two parts of the story belong to it. */
	int seen = 0;
	xmlNode *pending[64];
	int np = 0;
	for (xmlNode *s = top->parent->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(s);
		if (in->flags & F_IN) {
			for (int i = 0; seen && i < np; i++)
				INFO(pending[i])->flags |= F_IN;
			np = 0;
			seen = 1;
		} else if (seen && !(in->flags & (F_SKIP | F_DROP | F_MORE)) &&
			   (dom_is_heading(s) || node_is(s, "ul") || node_is(s, "ol") ||
			    node_is(s, "blockquote") || node_is(s, "pre") || node_is(s, "table")) &&
			   dom_link_density(s) < 0.5 && np < 64) {
			pending[np++] = s;
		}
	}
}

/* ---------------------------------------------------------------- the whole */

/* The counts and scores again, after flags changed, and the container chosen anew. */
static void rescore(struct ex *x)
{
	for (size_t i = 0; i < x->used; i++) {
		x->pool[i].score = 0;
		x->pool[i].ptext = 0;
		x->pool[i].run = 0;
		x->pool[i].scored = 0;
	}
	size_t t = 0, l = 0, c = 0;
	info_count(x->root, 0, &t, &l, &c);
	x->top = choose_top(x);
}

struct article *extract_article(const char *bytes, size_t len, const char *url,
				const char *content_type, char *err, size_t errsz)
{
	struct sbuf u8 = SBUF_INIT;
	struct ex x;
	const char *name = url ? url : "page";
	if (len > EXTRACT_MAX_PAGE) {
		err_set(err, errsz, "%s: page of %zu bytes is over the limit of %u bytes", name, len,
			EXTRACT_MAX_PAGE);
		return NULL;
	}
	memset(&x, 0, sizeof x);
	charset_to_utf8(bytes, len, content_type, &u8);
	if (u8.len > 2 * EXTRACT_MAX_PAGE || u8.len > (size_t)2147483647) {
		sbuf_free(&u8);
		err_set(err, errsz, "%s: page too large once decoded", name);
		return NULL;
	}
	x.doc = htmlReadMemory(sbuf_str(&u8), (int)u8.len, url, "UTF-8",
			       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				       HTML_PARSE_RECOVER | HTML_PARSE_COMPACT |
				       HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED);
	sbuf_free(&u8);
	if (!x.doc || !xmlDocGetRootElement(x.doc)) {
		if (x.doc)
			xmlFreeDoc(x.doc);
		err_set(err, errsz, "%s: not an HTML page", name);
		return NULL;
	}
	x.root = xmlDocGetRootElement(x.doc);
	x.body = x.root;
	for (xmlNode *c = x.root->children; c; c = c->next)
		if (node_is(c, "body"))
			x.body = c;
	x.base = url;
	x.a = xcalloc(1, sizeof *x.a);
	x.a->url = url && *url ? xstrdup(url) : NULL;
	x.a->published = CRIER_NO_DATE;
	x.npool = count_elements(x.root);
	x.pool = xcalloc(x.npool ? x.npool : 1, sizeof *x.pool);
	info_attach(&x, x.root, 0);
	skip_mark(x.root, 0, 0);
	{
		size_t t = 0, l = 0, c = 0;
		info_count(x.root, 0, &t, &l, &c);
	}
	meta_read(&x);
	if (x.base_href)
		x.base = x.base_href;
	if (!x.base)
		x.base = x.a->url;

	more_find(&x);
	para_count(x.body);
	xmlNode *unl = NULL;
	mark_unlikely(x.body, &unl);
	{
		size_t t = 0, l = 0, c = 0;
		info_count(x.root, 0, &t, &l, &c);
	}
	x.top = choose_top(&x);
	if (unl && INFO(unl)->para >= 500 && INFO(unl)->para >= 3 * INFO(x.top)->para &&
	    !dom_contains(unl, x.top)) {
		/* A class word dropped the box that holds the story ("sharing-container" around
		 * it and its share bar): score again with that box in. */
		INFO(unl)->flags &= ~(unsigned)(F_UNL | F_DROP);
		INFO(unl)->flags |= F_NOCLASS;
		rescore(&x);
	}
	if (INFO(x.top)->text < 250) {
		/* The page shows its text only without scripts: read <noscript> too. */
		if (INFO(x.body)->text < 250)
			skip_mark(x.root, 0, 1);
		/* The hints threw away the story: score again without them. */
		for (size_t i = 0; i < x.used; i++)
			if (x.pool[i].flags & F_UNL)
				x.pool[i].flags &= ~(unsigned)(F_UNL | F_DROP);
		rescore(&x);
	}
	mark_siblings(&x);
	body_build(&x);
	standfirst_find(&x);
	free(x.ld_body);
	for (size_t i = 0; i < sizeof x.descs / sizeof x.descs[0]; i++)
		free(x.descs[i]);
	free(x.desc);
	free(x.base_href);
	struct article *a = x.a;
	/* Clear the pointers into the pool before it goes. */
	xmlFreeDoc(x.doc);
	free(x.pool);
	return a;
}
