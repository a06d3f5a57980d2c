/* extract: a news page to an article. Parses once into libxml2's HTML tree, reads the
 * metadata, scores blocks for the story's container, then walks it dropping boilerplate. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "crier/date.h"
#include "extract_int.h"
#include "feed_html.h"

/* Per-element facts, hung on xmlNode._private for the length of one extraction. */
/* ---------------------------------------------------------------- class/id hints */

/* Split class and id into lower-case tokens on anything but letters and digits, and test
 * each against exact words and prefixes. Tokens, not substrings: "ad" must not hit
 * "header" and "tag" must not hit "stage". */
int tokens_match(const xmlNode *n, const char *const *exact, const char *const *prefix)
{
	char buf[512], tok[64];
	const char *s = node_classid(n, buf, sizeof buf);
	while (*s) {
		size_t k = 0;
		while (*s && !isalnum((unsigned char)*s))
			s++;
		while (*s && isalnum((unsigned char)*s)) {
			if (k < sizeof tok - 1)
				tok[k++] = *s;
			s++;
		}
		tok[k] = 0;
		if (!k)
			continue;
		for (int i = 0; exact && exact[i]; i++)
			if (strcmp(tok, exact[i]) == 0)
				return 1;
		for (int i = 0; prefix && prefix[i]; i++)
			if (strncmp(tok, prefix[i], strlen(prefix[i])) == 0)
				return 1;
	}
	return 0;
}

static const char *const unlikely_exact[] = {"ad", "ads", "nav", "menu", "footer", "header",
	"masthead", "sidebar", "comments", "comment", "share", "social", "banner", "breadcrumb",
	"breadcrumbs", "pagination", "pager", "popup", "modal", "related", "cookie", "cookies",
	"newsletter", "subscribe", "promo", "sponsor", "sponsored", "advertisement", "gdpr",
	"consent", "navbar", "topbar", "toolbar", "skip", "skiplink", "rail", "outbrain",
	"taboola", "disqus", "trending", "popular", "mostread", NULL};
static const char *const unlikely_prefix[] = {"advert", "sharing", "sharebar", "socialbar",
	"navigation", "sidebar", "comment", "newsletter", "subscription", "recirc", "recommend",
	"shoutbox", "skyscraper", "cookie", "disqus", "outbrain", "taboola", "breadcrumb",
	"paywall", "signup", "dfp", "adslot", "adunit", "adwrap", "adcontainer", NULL};
static const char *const maybe_exact[] = {"article", "body", "content", "main", "story",
	"entry", "post", "text", "column", "columns", NULL};
static const char *const maybe_prefix[] = {"articlebody", "article", "storybody", "postbody",
	"entrycontent", "postcontent", NULL};

static const char *const pos_exact[] = {"article", "body", "content", "entry", "hentry",
	"main", "page", "post", "text", "blog", "story", "prose", "richtext", NULL};
static const char *const pos_prefix[] = {"article", "story", "entry", "content", "post",
	"body", "text", NULL};
static const char *const neg_exact[] = {"ad", "ads", "hidden", "hid", "banner", "combx",
	"comment", "comments", "contact", "foot", "footer", "footnote", "masthead", "media",
	"meta", "promo", "related", "scroll", "share", "sidebar", "sponsor", "tags", "tag",
	"tool", "tools", "widget", "nav", "menu", "teaser", "teasers", "card", "cards", "rail",
	"caption", "credit", "byline", "author", NULL};
static const char *const neg_prefix[] = {"advert", "comment", "outbrain", "shoutbox",
	"skyscraper", "shopping", "social", "sharing", "recirc", "recommend", "newsletter",
	"subscri", "promo", "sponsor", "footer", "sidebar", "widget", NULL};

/* Boilerplate inside the story's container: removed whatever their size (up to a guard). */
static const char *const junk_exact[] = {"ad", "ads", "adv", "share", "shares", "social",
	"related", "comments", "comment", "byline", "bylines", "author", "authors", "bio",
	"tags", "tag", "keywords", "topics", "cookie", "cookies", "consent", "caption",
	"captions", "credit", "credits", "breadcrumb", "breadcrumbs", "toolbar", "print",
	"popup", "modal", "newsletter", "subscribe", "promo", "sponsor", "sponsored",
	"recommended", "recommendations", "dateline", "timestamp", "date", "meta", "follow",
	"donate", "donation", "nav", "navigation", "hidden", "signup", "teaser", "teasers",
	"advertisement", "paywall", "outbrain", "taboola", "trending", "popular", "mostread",
	"readmore", "readnext", "morestories", "disclaimer", "copyright",
	"photographer", "signature", NULL};
static const char *const junk_prefix[] = {"advert", "sharing", "sharebar", "socialshare",
	"social", "newsletter", "subscri", "recirc", "recommend", "related", "comment",
	"authorbio", "authorinfo", "byline", "cookie", "breadcrumb", "adslot", "adunit",
	"adwrap", "adcontainer", "dfp", "gpt", "sponsor", "promo", "signup", "figcaption",
	"imagecaption", "caption", "credit", NULL};

static const char *const caption_exact[] = {"caption", "captions", "figcaption",
	"legend", NULL};
static const char *const caption_prefix[] = {"caption", "figcaption", "imagecaption",
	"imgcaption", "photocaption", "mediacaption", "picturecaption", NULL};
static const char *const credit_exact[] = {"credit", "credits", "copyright",
	"photographer", "attribution", "illustrator", NULL};
/* Inside a <figure> a byline or source is the photo's. */
static const char *const figcredit_exact[] = {"credit", "credits", "copyright",
	"photographer", "attribution", "source", "byline", "author", "rights", "illustrator",
	"artist", NULL};
static const char *const credit_prefix[] = {"credit", "copyright", "photographer",
	"photocredit", "imagecredit", "imagesource", "mediacredit", "photosource",
	"picturecredit", "attribution", NULL};

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
	if (tokens_match(n, neg_exact, neg_prefix))
		w -= 25;
	if (tokens_match(n, pos_exact, pos_prefix))
		w += 25;
	const char *ip = node_attr(n, "itemprop");
	if (ip && strcasestr_bool(ip, "articlebody"))
		w += 50;
	return w;
}

int is_heading(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && tolower(n->name[0]) == 'h' &&
	       n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == 0;
}

int is_block_tag(const xmlNode *n)
{
	static const char *const tags[] = {"p", "div", "section", "article", "main", "ul", "ol",
		"li", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "tfoot",
		"h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "figure", "figcaption",
		"header", "footer", "aside", "nav", "form", "fieldset", "address", "hr", "center",
		"details", "summary", "caption", "body", "html", "picture", NULL};
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	for (int i = 0; tags[i]; i++)
		if (strcasecmp((const char *)n->name, tags[i]) == 0)
			return 1;
	return 0;
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
		if (node_ignored(n) || node_hidden(n) || hidden_class(n))
			in->flags |= F_SKIP;
		info_attach(x, n->children, in->flags & F_SKIP);
		const char *ip = node_attr(n, "itemprop");
		if (node_is(n, "article") || node_is(n, "main") ||
		    (ip && strcasestr_bool(ip, "articlebody")))
			in->flags |= F_ART;
		for (xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && (INFO(c)->flags & F_ART))
				in->flags |= F_ART;
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

double link_density(const xmlNode *n)
{
	struct ninfo *in = INFO(n);
	return in->text ? (double)in->link / (double)in->text : 0;
}

/* An embedded post (a quoted tweet and the like) is story even in a "social" wrapper. */
static int holds_quote(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 3; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    ((node_is(c, "blockquote") && INFO(c)->text > 40) || holds_quote(c, depth + 1)))
			return 1;
	return 0;
}

/* Navigation, footers, sidebars and the like, by tag, role and class (Readability's
 * "unlikely candidates"); kept when they hold the article itself. */
static void mark_unlikely(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (in->flags & F_SKIP)
			continue;
		const char *role = node_attr(n, "role");
		int drop = 0;
		if (node_is(n, "nav") || node_is(n, "aside") || node_is(n, "footer") ||
		    node_is(n, "form") || node_is(n, "dialog"))
			drop = 1;
		else if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "contentinfo") ||
				  !strcasecmp(role, "complementary") || !strcasecmp(role, "banner") ||
				  !strcasecmp(role, "dialog") || !strcasecmp(role, "alertdialog") ||
				  !strcasecmp(role, "search") || !strcasecmp(role, "menu")))
			drop = 1;
		else if (!node_is(n, "body") && !node_is(n, "article") && !node_is(n, "main") &&
			 !node_is(n, "html") && tokens_match(n, unlikely_exact, unlikely_prefix) &&
			 !tokens_match(n, maybe_exact, maybe_prefix))
			drop = 1;
		if (drop && (((in->flags & F_ART) && !node_is(n, "nav")) ||
			     (!node_is(n, "nav") && holds_quote(n, 0))))
			drop = 0;
		if (drop) {
			in->flags |= F_DROP | F_UNL;
			continue;
		}
		mark_unlikely(n->children);
	}
}

/* ---------------------------------------------------------------- scoring */

static int has_block_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_block_tag(c))
			return 1;
	return 0;
}

static void score_init(xmlNode *n)
{
	struct ninfo *in = INFO(n);
	if (in->scored)
		return;
	in->scored = 1;
	in->score = class_weight(n);
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
	else if (is_heading(n) || !strcasecmp(t, "th"))
		in->score -= 5;
}

static void score_paragraphs(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (in->flags & (F_SKIP | F_DROP | F_MORE))
			continue;
		int para = node_is(n, "p") || node_is(n, "pre") || node_is(n, "td") ||
			   ((node_is(n, "div") || node_is(n, "section")) && !has_block_child(n));
		if (para && in->text >= 25) {
			double s = 1 + (double)in->commas +
				   (in->text / 100 < 3 ? (double)(in->text / 100) : 3);
			/* Text inside links is navigation more often than story. */
			s *= 1 - link_density(n);
			for (xmlNode *q = n->parent; q && q->_private; q = q->parent)
				INFO(q)->ptext += (double)in->text * (1 - link_density(n));
			xmlNode *p = n->parent;
			for (int lvl = 0; p && p->type == XML_ELEMENT_NODE && lvl < 5; lvl++, p = p->parent) {
				if (!p->_private || node_is(p, "html"))
					break;
				score_init(p);
				INFO(p)->score += lvl == 0 ? s : lvl == 1 ? s / 2 : s / (lvl * 3);
			}
			if (!node_is(n, "div") && !node_is(n, "section"))
				continue;
		}
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
			double s = in->score * (1 - link_density(n));
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

int contains(const xmlNode *anc, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

static xmlNode *find_articlebody(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (!(in->flags & F_ART) || (in->flags & (F_SKIP | F_DROP)))
			continue;
		const char *ip = node_attr(n, "itemprop");
		if (ip && strcasestr_bool(ip, "articlebody"))
			return n;
		xmlNode *r = find_articlebody(n->children);
		if (r)
			return r;
	}
	return NULL;
}

static xmlNode *choose_top(struct ex *x)
{
	enum { K = 5 };
	xmlNode *top[K] = {0};
	double tops[K] = {0};
	score_paragraphs(x->body);
	best_candidates(x->body, top, tops, K);
	xmlNode *ab = find_articlebody(x->body);
	if (ab && INFO(ab)->text >= 200 && (!top[0] || INFO(ab)->text * 3 >= INFO(top[0])->text ||
					   contains(ab, top[0])))
		return ab;
	if (!top[0])
		return x->body;
	/* A story split into several blocks: move up to the ancestor that holds most of the
	 * strong candidates. */
	xmlNode *t = top[0];
	for (xmlNode *p = t->parent; p && p->_private && !node_is(p, "body") && !node_is(p, "html");
	     p = p->parent) {
		int n = 0;
		for (int i = 1; i < K; i++)
			if (top[i] && tops[i] >= tops[0] * 0.75 && contains(p, top[i]))
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
				  !node_is(p, "html"); lvl++, p = p->parent) {
			struct ninfo *pi = INFO(p), *ti = INFO(t);
			if (pi->ptext >= ti->ptext * 1.3 && pi->ptext - ti->ptext >= 200 &&
			    link_density(p) < 0.35) {
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
	return t;
}

/* Siblings of the container that continue the story (Readability's sibling pass). */
static void mark_siblings(struct ex *x)
{
	xmlNode *top = x->top;
	INFO(top)->flags |= F_IN;
	if (!top->parent || !top->parent->_private || node_is(top, "body"))
		return;
	double ts = INFO(top)->score * (1 - link_density(top));
	double th = ts * 0.2 > 10 ? ts * 0.2 : 10;
	const char *tcls = node_attr(top, "class");
	for (xmlNode *s = top->parent->children; s; s = s->next) {
		if (s == top || s->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(s);
		if (in->flags & (F_SKIP | F_DROP | F_MORE))
			continue;
		double bonus = 0, ld = link_density(s);
		const char *cls = node_attr(s, "class");
		if (tcls && cls && *tcls && strcmp(tcls, cls) == 0)
			bonus = ts * 0.2;
		int ok = 0;
		if (in->scored && in->score * (1 - ld) + bonus >= th)
			ok = 1;
		else if (node_is(s, "p") || ((node_is(s, "div") || node_is(s, "section")) &&
						 !has_block_child(s))) {
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
			   (is_heading(s) || node_is(s, "ul") || node_is(s, "ol") ||
			    node_is(s, "blockquote") || node_is(s, "pre") || node_is(s, "table")) &&
			   link_density(s) < 0.5 && np < 64) {
			pending[np++] = s;
		}
	}
}

/* ---------------------------------------------------------------- body output */


enum blk { B_P, B_H, B_LI, B_QUOTE, B_PRE, B_ROW };

struct out {
	struct ex *x;
	struct sbuf text, html;     /* the whole body */
	struct sbuf ptext, phtml;   /* the paragraph being built */
	enum blk kind;
	int quote, list_depth, ordered, item_no, hlevel;
	int in_pre;
	int list_open[16];          /* per depth: 0 none, 1 ul, 2 ol */
	int li_open[16];            /* per depth: an <li> is open in the HTML */
	int nblocks;
};

/* A short line of the page talking about itself: "Story continues below advertisement",
 * "Scroll to continue with content", "This slideshow requires JavaScript". Up to seven
 * words, with "continue(s)" next to what (story, article, reading, scroll ...), or JavaScript next to
 * what it needs (requires, enable ...). A sentence of the story has more to say. */
static int notice_line(const char *t)
{
	static const char *const cont[] = {"continue", "continues", NULL};
	static const char *const where[] = {"story", "article", "content", "reading", "scroll",
					    "advertisement", NULL};
	static const char *const js[] = {"javascript", NULL};
	static const char *const need[] = {"requires", "require", "enable", "enabled", "needs",
					   "disabled", NULL};
	int words = 0, c = 0, w = 0, j = 0, nd = 0;
	const char *p = t;
	while (*p) {
		char tok[32];
		size_t k = 0;
		while (*p && !isalnum((unsigned char)*p))
			p++;
		if (!*p)
			break;
		while (*p && isalnum((unsigned char)*p)) {
			if (k < sizeof tok - 1)
				tok[k++] = (char)tolower((unsigned char)*p);
			p++;
		}
		tok[k] = 0;
		words++;
		for (int i = 0; cont[i]; i++)
			c |= !strcmp(tok, cont[i]);
		for (int i = 0; where[i]; i++)
			w |= !strcmp(tok, where[i]);
		for (int i = 0; js[i]; i++)
			j |= !strcmp(tok, js[i]);
		for (int i = 0; need[i]; i++)
			nd |= !strcmp(tok, need[i]);
	}
	return words <= 7 && ((c && w) || (j && nd));
}

int boiler_line(const char *t)
{
	static const char *const lines[] = {"advertisement", "advertisment", "advertising",
		"advert", "adverts", "advertisements",
		"comments", "no comments", "leave a comment", "leave a reply", "post a comment",
		"anzeige", "publicité", "publicidad", "pubblicità", "reklama", "werbung",
		"sponsored", "sponsored content", "continue reading",
		"read more", "share this article", "share this story", "share", "advertisement:",
		"ad", "skip advertisement", "related", "related:", "recommended", "click here",
		"subscribe", "sign up", "log in", "weiterlesen", "lire la suite", "leer más",
		"ADVERTISEMENT", "Print", "Email", "Facebook", "Twitter", "WhatsApp", "LinkedIn",
		"Copy link", "Link copied", NULL};
	size_t n = strlen(t);
	if (n > 60)
		return 0;
	for (int i = 0; lines[i]; i++)
		if (strcasecmp(t, lines[i]) == 0)
			return 1;
	return notice_line(t);
}

/* "Published 3 March 2024, 10:02", "Updated 2 hours ago", "6 min read": the date line
 * and reading time above a story, when it is a block of its own. */
static int dateline(const char *t)
{
	static const char *const pre[] = {"published", "updated", "last updated", "posted on",
					  "posted", "first published", "reading time", NULL};
	size_t n = strlen(t);
	int digit = 0;
	if (n > 80)
		return 0;
	for (const char *p = t; *p; p++)
		if (isdigit((unsigned char)*p))
			digit = 1;
	if (!digit)
		return 0;
	for (int i = 0; pre[i]; i++)
		if (!strncasecmp(t, pre[i], strlen(pre[i])))
			return 1;
	static const char *const post[] = {" min read", " mins read", " minutes read", NULL};
	for (int i = 0; post[i]; i++) {
		size_t k = strlen(post[i]);
		if (n > k && !strcasecmp(t + n - k, post[i]))
			return 1;
	}
	return 0;
}

static void close_lists(struct out *o, int depth)
{
	if (depth < 0)
		depth = 0;
	while (o->list_depth > depth) {
		o->list_depth--;
		if (o->list_depth < 16 && o->li_open[o->list_depth]) {
			sbuf_adds(&o->html, "</li>\n");
			o->li_open[o->list_depth] = 0;
		}
		if (o->list_depth < 16 && o->list_open[o->list_depth])
			sbuf_adds(&o->html, o->list_open[o->list_depth] == 2 ? "</ol>\n" : "</ul>\n");
	}
}

/* The paragraph being built becomes a block of the body. */
static void flush(struct out *o)
{
	char *t;
	if (!o->ptext.len) {
		sbuf_reset(&o->phtml);
		return;
	}
	t = xstrdup(sbuf_str(&o->ptext));
	sbuf_reset(&o->ptext);
	if (o->kind == B_PRE) {
		text_clean(t);
		char *s = text_trim_blank_lines(t);
		if (*s) {
			if (o->text.len)
				sbuf_adds(&o->text, "\n\n");
			sbuf_adds(&o->text, s);
			sbuf_adds(&o->html, "<pre>");
			html_escape(&o->html, s, strlen(s));
			sbuf_adds(&o->html, "</pre>\n");
			o->nblocks++;
		}
		free(t);
		sbuf_reset(&o->phtml);
		return;
	}
	/* Keep single line breaks (from <br>) but collapse other whitespace. */
	text_collapse_lines(t);
	text_clean(t);
	if (!*t || boiler_line(t) || dateline(t) ||
	    (o->kind != B_LI && utf8_len(t) < 60 && byline_prefix(t) &&
				      !strchr(t, '.')) ||
	    (o->kind == B_H && o->x->a->title &&
				      strcasecmp(t, o->x->a->title) == 0)) {
		free(t);
		sbuf_reset(&o->phtml);
		return;
	}
	int li = o->list_depth > 0 && o->list_depth <= 16 ? o->list_depth - 1 : -1;
	if (o->kind == B_P && o->list_depth > 0)
		o->kind = B_LI; /* a stray block inside a list is an item */
	int first_of_item = o->kind == B_LI && li >= 0 && !o->li_open[li];
	if (o->text.len)
		sbuf_adds(&o->text, "\n\n");
	if (first_of_item && o->ordered)
		sbuf_printf(&o->text, "%d. ", o->item_no);
	sbuf_adds(&o->text, t);
	free(t);
	/* the HTML, from the paragraph's inline HTML */
	if (o->kind != B_LI)
		close_lists(o, 0);
	if (o->quote)
		sbuf_adds(&o->html, "<blockquote>");
	switch (o->kind) {
	case B_H:
		sbuf_printf(&o->html, "<h%d>", o->hlevel);
		break;
	case B_LI:
		/* the item's first paragraph opens it; later ones are paragraphs inside */
		if (first_of_item) {
			sbuf_adds(&o->html, "<li>");
			o->li_open[li] = 1;
		} else {
			sbuf_adds(&o->html, "<p>");
		}
		break;
	default:
		sbuf_adds(&o->html, "<p>");
	}
	while (o->phtml.len >= 4 && !strncmp(o->phtml.s + o->phtml.len - 4, "<br>", 4))
		o->phtml.len -= 4;
	sbuf_add(&o->html, sbuf_str(&o->phtml), o->phtml.len);
	switch (o->kind) {
	case B_H:
		sbuf_printf(&o->html, "</h%d>\n", o->hlevel);
		break;
	case B_LI:
		if (!first_of_item)
			sbuf_adds(&o->html, "</p>\n");
		break;
	default:
		sbuf_adds(&o->html, "</p>\n");
	}
	if (o->quote)
		sbuf_adds(&o->html, "</blockquote>\n");
	sbuf_reset(&o->phtml);
	o->nblocks++;
}

static void add_text(struct out *o, const char *raw)
{
	if (!raw)
		return;
	sbuf_adds(&o->ptext, raw);
	if (o->in_pre)
		return;
	/* body_html reaches the terminal through the renderer and other programs through
	 * --extract: no control character may pass, so the text is cleaned before it is kept */
	char *t = xstrdup(raw);
	text_clean(t);
	/* collapse whitespace for the HTML: one space, none after a space already kept */
	char *w = t;
	int sp = o->phtml.len && o->phtml.s[o->phtml.len - 1] == ' ';
	if (!o->phtml.len)
		sp = 1;
	for (const char *s = t; *s; s++) {
		if (isspace((unsigned char)*s)) {
			if (!sp)
				*w++ = ' ';
			sp = 1;
		} else {
			*w++ = *s;
			sp = 0;
		}
	}
	*w = 0;
	html_escape(&o->phtml, t, (size_t)(w - t));
	free(t);
}

static void figure_from(struct ex *x, xmlNode *n);
static int is_caption_el(const xmlNode *n);

/* Short blocks that say who wrote it or when: not story. */
static int is_byline_block(const xmlNode *n)
{
	struct ninfo *in = INFO(n);
	if (in->text > 120)
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (node_is(c, "time") || (c->type == XML_ELEMENT_NODE && node_attr(c, "rel") &&
					    !strcasecmp(node_attr(c, "rel"), "author")))
			return 1;
	return 0;
}

/* Headings below n, and how many of them are links: a block whose every heading is a
 * link to another page is a list of teasers, not part of the story. */
static void count_headings(const xmlNode *n, int depth, int *all, int *linked)
{
	for (const xmlNode *c = n->children; c && depth < 12; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & (F_SKIP | F_DROP | F_MORE)))
			continue;
		if (is_heading(c) && INFO(c)->text > 0) {
			(*all)++;
			if (INFO(c)->link * 10 >= INFO(c)->text * 8)
				(*linked)++;
			continue;
		}
		count_headings(c, depth + 1, all, linked);
	}
}

/* A block inside the story that is not story: by class, link density or shape. */
static int junk_block(struct out *o, xmlNode *n)
{
	struct ninfo *in = INFO(n);
	double ld = link_density(n);
	if (n == o->x->top)
		return 0;
	if (tokens_match(n, junk_exact, junk_prefix) && !(in->text > 1500 && ld < 0.3) &&
	    !holds_quote(n, 0) &&
	    !tokens_match(n, (const char *const[]){"articlebody", "storybody", "postbody",
						    "entrycontent", NULL}, NULL))
		return 1;
	if (node_is(n, "header") && in->text < 400)
		return 1;
	if (node_is(n, "p") || is_heading(n))
		return ld > 0.8 && in->text < 200;
	if (node_is(n, "li"))
		return 0;
	if (node_is(n, "div") || node_is(n, "section") || node_is(n, "ul") || node_is(n, "ol") ||
	    node_is(n, "table") || node_is(n, "span") || node_is(n, "dl")) {
		/* a list of links inside the story ("get it here") is the story's; link
		 * density says navigation for other blocks */
		int list = node_is(n, "ul") || node_is(n, "ol");
		if (list) {
			/* ...but three or more items that are each nothing but a link are a
			 * list of other stories */
			int items = 0, linked = 0;
			for (const xmlNode *c = n->children; c; c = c->next)
				if (node_is(c, "li") && INFO(c)->text > 0) {
					items++;
					if (INFO(c)->link * 10 >= INFO(c)->text * 9)
						linked++;
				}
			if (items >= 3 && linked * 5 >= items * 4)
				return 1;
		}
		if (!list && ld > 0.5 && in->text < 2000)
			return 1;
		if (!list && ld > 0.33 && in->text < 200 && !node_is(n, "span"))
			return 1;
		if (is_byline_block(n))
			return 1;
		int all = 0, linked = 0;
		count_headings(n, 0, &all, &linked);
		if (all >= 2 && linked == all && ld >= 0.2)
			return 1;
	}
	return 0;
}

/* A data table becomes one block: a line per row, cells joined by " | ", and a plain
 * <table> in the HTML that the renderer lays out as aligned rows. */
static void emit_table(struct out *o, const struct ttable *t)
{
	if (o->text.len)
		sbuf_adds(&o->text, "\n\n");
	if (o->kind != B_LI)
		close_lists(o, 0);
	if (o->quote)
		sbuf_adds(&o->html, "<blockquote>");
	sbuf_adds(&o->html, "<table>\n");
	if (t->caption) {
		sbuf_adds(&o->text, t->caption);
		sbuf_adds(&o->html, "<caption>");
		html_escape(&o->html, t->caption, strlen(t->caption));
		sbuf_adds(&o->html, "</caption>\n");
	}
	for (size_t i = 0; i < t->nrows; i++) {
		if (i || t->caption)
			sbuf_addc(&o->text, '\n');
		sbuf_adds(&o->html, "<tr>");
		for (size_t j = 0; j < t->rows[i].n; j++) {
			const struct tcell *c = &t->rows[i].cells[j];
			if (j)
				sbuf_adds(&o->text, " | ");
			sbuf_adds(&o->text, c->text);
			sbuf_adds(&o->html, c->head ? "<th>" : "<td>");
			html_escape(&o->html, c->text, strlen(c->text));
			sbuf_adds(&o->html, c->head ? "</th>" : "</td>");
		}
		sbuf_adds(&o->html, "</tr>\n");
	}
	sbuf_adds(&o->html, "</table>\n");
	if (o->quote)
		sbuf_adds(&o->html, "</blockquote>\n");
	o->nblocks++;
}

static void walk(struct out *o, xmlNode *n, int depth);

static void walk_el(struct out *o, xmlNode *c, int depth)
{
	struct ninfo *in = INFO(c);
	const char *nm = (const char *)c->name;
	if (in->flags & (F_SKIP | F_DROP | F_MORE))
		return;
	if (node_is(c, "figure") || node_is(c, "figcaption") || node_is(c, "picture") ||
	    is_caption_el(c)) {
		figure_from(o->x, c);
		return;
	}
	if (node_is(c, "img")) {
		o->x->last_img = c;
		return;
	}
	if (node_is(c, "br")) {
		if (o->ptext.len && o->ptext.s[o->ptext.len - 1] == '\n' && !o->in_pre) {
			/* two line breaks make a paragraph break */
			flush(o);
			return;
		}
		if (o->ptext.len) {
			sbuf_addc(&o->ptext, '\n');
			sbuf_adds(&o->phtml, "<br>");
		}
		return;
	}
	if (node_is(c, "hr") || node_is(c, "nav") || node_is(c, "aside") || node_is(c, "footer") ||
	    node_is(c, "form"))
		return;
	if (junk_block(o, c))
		return;
	if (node_is(c, "table")) {
		struct ttable *t = table_read(c);
		if (t) {
			flush(o);
			emit_table(o, t);
			table_free(t);
			return;
		}
	}
	if (!is_block_tag(c)) {
		/* inline */
		if (node_is(c, "a")) {
			const char *href = node_attr(c, "href");
			char *abs = href && *href != '#' ? url_clean(url_resolve(o->x->base, href)) : NULL;
			if (abs && url_ok(o->x->base, abs) && !o->in_pre) {
				sbuf_adds(&o->phtml, "<a href=\"");
				html_escape(&o->phtml, abs, strlen(abs));
				sbuf_adds(&o->phtml, "\">");
				walk(o, c->children, depth + 1);
				sbuf_adds(&o->phtml, "</a>");
			} else {
				walk(o, c->children, depth + 1);
			}
			free(abs);
		} else if (!o->in_pre && (node_is(c, "b") || node_is(c, "strong"))) {
			sbuf_adds(&o->phtml, "<b>");
			walk(o, c->children, depth + 1);
			sbuf_adds(&o->phtml, "</b>");
		} else if (!o->in_pre && (node_is(c, "i") || node_is(c, "em"))) {
			sbuf_adds(&o->phtml, "<i>");
			walk(o, c->children, depth + 1);
			sbuf_adds(&o->phtml, "</i>");
		} else {
			walk(o, c->children, depth + 1);
		}
		return;
	}
	/* block */
	flush(o);
	enum blk save_kind = o->kind;
	int save_quote = o->quote, save_ordered = o->ordered, save_no = o->item_no;
	if (is_heading(c)) {
		o->kind = B_H;
		o->hlevel = nm[1] - '0' < 2 ? 2 : nm[1] - '0' > 4 ? 4 : nm[1] - '0';
	} else if (node_is(c, "blockquote")) {
		o->quote = 1;
	} else if (node_is(c, "pre")) {
		o->kind = B_PRE;
		o->in_pre = 1;
	} else if (node_is(c, "ul") || node_is(c, "ol")) {
		if (o->list_depth < 16) {
			close_lists(o, o->list_depth);
			sbuf_adds(&o->html, node_is(c, "ol") ? "<ol>\n" : "<ul>\n");
			o->list_open[o->list_depth] = node_is(c, "ol") ? 2 : 1;
		}
		o->list_depth++;
		o->ordered = node_is(c, "ol");
		o->item_no = 0;
	} else if (node_is(c, "li")) {
		int li = o->list_depth > 0 && o->list_depth <= 16 ? o->list_depth - 1 : -1;
		if (li >= 0 && o->li_open[li]) {
			sbuf_adds(&o->html, "</li>\n");
			o->li_open[li] = 0;
		}
		o->kind = B_LI;
		o->item_no = save_no + 1;
	} else if (node_is(c, "td") || node_is(c, "th")) {
		/* cells of a row stay on one line */
		if (o->ptext.len)
			add_text(o, " | ");
		walk(o, c->children, depth + 1);
		return;
	} else if (node_is(c, "tr")) {
		o->kind = B_ROW;
	}
	walk(o, c->children, depth + 1);
	flush(o);
	if (node_is(c, "pre"))
		o->in_pre = 0;
	if (node_is(c, "ul") || node_is(c, "ol")) {
		close_lists(o, o->list_depth - 1);
		o->ordered = save_ordered;
	}
	if (node_is(c, "li")) {
		int li = o->list_depth > 0 && o->list_depth <= 16 ? o->list_depth - 1 : -1;
		if (li >= 0 && o->li_open[li]) {
			sbuf_adds(&o->html, "</li>\n");
			o->li_open[li] = 0;
		}
		o->item_no = save_no + 1;
	} else {
		o->item_no = save_no;
	}
	o->kind = save_kind;
	o->quote = save_quote;
	if (node_is(c, "li"))
		o->item_no = save_no + 1;
}

static void walk(struct out *o, xmlNode *n, int depth)
{
	if (depth > 200)
		return;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			add_text(o, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			walk_el(o, n, depth);
	}
}

/* ---------------------------------------------------------------- figures */

/* A credit by its class: credit, copyright or photographer anywhere in it ("imageCredit",
 * "photo-credit"); inside a figure a byline or source class too. */
static int is_credit_class(const xmlNode *n, int in_figure)
{
	static const char *const subs[] = {"credit", "copyright", "photographer", "illustrator",
					   NULL};
	return tokens_match(n, in_figure ? figcredit_exact : credit_exact, credit_prefix) ||
	       classid_has(n, subs);
}

static int is_caption_el(const xmlNode *n)
{
	static const char *const subs[] = {"caption", "credit", "photographer", NULL};
	return n->type == XML_ELEMENT_NODE &&
	       (tokens_match(n, caption_exact, caption_prefix) ||
		tokens_match(n, credit_exact, credit_prefix) || classid_has(n, subs)) &&
	       !node_is(n, "body") && !node_is(n, "article") && !node_is(n, "main") &&
	       INFO(n)->text < 600;
}

xmlNode *find_img(xmlNode *n, int depth)
{
	for (; n && depth < 30; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(n, "img") || (node_is(n, "source") && node_attr(n, "srcset")))
			return n;
		if (node_is(n, "figure") && depth > 0)
			continue;
		xmlNode *r = find_img(n->children, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

char *img_url(struct ex *x, xmlNode *img)
{
	static const char *const attrs[] = {"data-src", "data-lazy-src", "data-original",
		"data-url", "data-full-src", "src", "data-srcset", "srcset", NULL};
	if (!img)
		return NULL;
	for (int i = 0; attrs[i]; i++) {
		const char *v = node_attr(img, attrs[i]);
		if (!v || !*v || !strncasecmp(v, "data:", 5))
			continue;
		char first[2048];
		size_t k = 0;
		while (*v == ' ')
			v++;
		while (v[k] && !isspace((unsigned char)v[k]) && k < sizeof first - 1) {
			first[k] = v[k];
			k++;
		}
		first[k] = 0;
		if (strstr(attrs[i], "srcset") && k && first[k - 1] == ',')
			first[k - 1] = 0;
		if (!*first)
			continue;
		char *u = url_clean(url_resolve(x->base, first));
		if (u && url_ok(x->base, u))
			return u;
		free(u);
	}
	return NULL;
}

static void mark_seen(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		INFO(n)->flags |= F_FIGSEEN;
		mark_seen(n->children);
	}
}

/* Caption and credit text of an element: credit-class descendants go to credit. */
/* A text node or small element that is only interface words ("Hide caption", "Close",
 * "Enlarge this image"): a button or label, not words of the caption. */
static int ui_node(const xmlNode *n)
{
	char *t;
	int r;
	if (n->type == XML_ELEMENT_NODE && INFO(n)->text > 40)
		return 0;
	if (n->type != XML_ELEMENT_NODE && (!n->content || strlen((const char *)n->content) > 80))
		return 0;
	t = n->type == XML_ELEMENT_NODE ? node_text_line(n) : xstrdup((const char *)n->content);
	if (!t)
		return 0;
	text_clean_line(t);
	r = ui_phrase(t);
	free(t);
	return r;
}

static void caption_collect(xmlNode *n, struct sbuf *cap, struct sbuf *cred, int incred)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!ui_node(n))
				sbuf_adds(incred ? cred : cap, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP) || node_is(n, "img") ||
		    node_is(n, "picture") || ui_node(n))
			continue;
		int c = incred || is_credit_class(n, 1);
		if (c && !incred && cred->len)
			sbuf_addc(cred, ' ');
		if (is_block_tag(n) || node_is(n, "br"))
			sbuf_addc(incred ? cred : cap, ' ');
		caption_collect(n->children, cap, cred, c);
		if (is_block_tag(n))
			sbuf_addc(c ? cred : cap, ' ');
	}
}

char *steal_line(struct sbuf *b)
{
	if (!b->len) {
		sbuf_free(b);
		return NULL;
	}
	char *s = sbuf_steal(b);
	if (!text_clean_line(s)) {
		free(s);
		return NULL;
	}
	return s;
}

void figure_read(struct ex *x, xmlNode *n, struct figure *out)
{
	struct sbuf cap = SBUF_INIT, cred = SBUF_INIT;
	char *image = NULL, *caption, *credit;
	xmlNode *img = find_img(n->children, 0);
	if (img)
		image = img_url(x, img);
	else if (x->last_img && n->parent && (contains(n->parent, x->last_img) ||
					      (n->parent->parent && contains(n->parent->parent, x->last_img))))
		image = img_url(x, x->last_img);
	x->last_img = NULL;
	if (node_is(n, "figure") || node_is(n, "picture")) {
		/* figcaption or caption-class children hold the words; so does any other
		 * child with text that is not the image itself */
		for (xmlNode *c = n->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & F_SKIP))
				continue;
			if (node_is(c, "figcaption") || is_caption_el(c) ||
			    (!find_img(c, 1) && !node_is(c, "img") && INFO(c)->text > 0 &&
			     !node_is(c, "picture") && !node_is(c, "a"))) {
				int cr = is_credit_class(c, 1) &&
					 !tokens_match(c, caption_exact, caption_prefix);
				if (cr) {
					if (cred.len)
						sbuf_addc(&cred, ' ');
					caption_collect(c->children, &cred, &cred, 1);
				} else {
					caption_collect(c->children, &cap, &cred, 0);
					sbuf_addc(&cap, ' ');
				}
			} else {
				/* a caption nested deeper, e.g. figure > div > figcaption */
				struct sbuf c2 = SBUF_INIT;
				for (xmlNode *d = c->children; d; d = d->next)
					if (d->type == XML_ELEMENT_NODE && !(INFO(d)->flags & F_SKIP) &&
					    (node_is(d, "figcaption") || is_caption_el(d))) {
						if (is_credit_class(d, 1) &&
						    !tokens_match(d, caption_exact, caption_prefix))
							caption_collect(d->children, &cred, &cred, 1);
						else
							caption_collect(d->children, &c2, &cred, 0);
						sbuf_addc(&c2, ' ');
					}
				sbuf_add(&cap, sbuf_str(&c2), c2.len);
				sbuf_free(&c2);
			}
		}
	} else if (is_credit_class(n, 0) && !tokens_match(n, caption_exact, caption_prefix)) {
		caption_collect(n->children, &cred, &cred, 1);
	} else {
		caption_collect(n->children, &cap, &cred, 0);
	}
	INFO(n)->flags |= F_FIGSEEN;
	mark_seen(n->children);
	caption = steal_line(&cap);
	credit = steal_line(&cred);
	credit_split(&caption, &credit);
	if (caption && (boiler_line(caption) || heading_is_section(caption))) {
		/* "Advertisement" or "Trending News" in a caption-classed box */
		free(caption);
		caption = NULL;
	}
	if (credit)
		credit_strip_prefix(credit);
	if (credit && !*credit) {
		free(credit);
		credit = NULL;
	}
	out->image = image;
	out->caption = caption;
	out->credit = credit;
}

static void figure_from(struct ex *x, xmlNode *n)
{
	struct figure f;
	if (INFO(n)->flags & (F_FIGSEEN | F_MORE))
		return;
	figure_read(x, n, &f);
	/* a credit alone with no image only completes the figure before it */
	int completes = !f.image && !f.caption && f.credit && x->a->nfigures &&
			!x->a->figures[x->a->nfigures - 1].credit;
	if ((!f.caption && !f.credit) ||
	    (!f.image && !f.caption && !node_is(n, "figure") && !completes)) {
		free(f.image);
		free(f.caption);
		free(f.credit);
		return;
	}
	article_figure_add(x->a, f.image, f.caption, f.credit);
}

/* Figures around the body (a lead photo above it) within the story's <article>. */
static void figures_scan(struct ex *x, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *in = INFO(n);
		if (in->flags & (F_SKIP | F_MORE | F_FIGSEEN | F_DROP))
			continue;
		if (node_is(n, "nav") || node_is(n, "footer") || node_is(n, "aside"))
			continue;
		if (node_is(n, "figure") || (is_caption_el(n) && !node_is(n, "a"))) {
			x->last_img = NULL;
			figure_from(x, n);
			continue;
		}
		if (node_is(n, "img"))
			x->last_img = n;
		figures_scan(x, n->children);
	}
}

/* ---------------------------------------------------------------- the whole */

static void body_from_ld(struct ex *x, struct out *o)
{
	/* articleBody may itself be HTML */
	struct sbuf b = SBUF_INIT;
	char *t = x->ld_body;
	if (strchr(t, '<')) {
		htmlDocPtr d = htmlReadMemory(t, (int)strlen(t), NULL, "UTF-8",
					      HTML_PARSE_NONET | HTML_PARSE_NOERROR |
						      HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
		if (d) {
			node_text(xmlDocGetRootElement(d), &b);
			xmlFreeDoc(d);
		}
	} else {
		sbuf_adds(&b, t);
	}
	char *s = b.len ? sbuf_steal(&b) : xstrdup("");
	sbuf_free(&b);
	text_clean(s);
	sbuf_reset(&o->text);
	sbuf_reset(&o->html);
	/* paragraphs at line breaks */
	char *p = s;
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *para = xstrndup(p, n);
		if (text_clean_line(para)) {
			if (o->text.len)
				sbuf_adds(&o->text, "\n\n");
			sbuf_adds(&o->text, para);
			sbuf_adds(&o->html, "<p>");
			html_escape(&o->html, para, strlen(para));
			sbuf_adds(&o->html, "</p>\n");
		}
		free(para);
		p += n;
		while (*p == '\n')
			p++;
	}
	free(s);
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
	mark_unlikely(x.body);
	{
		size_t t = 0, l = 0, c = 0;
		info_count(x.root, 0, &t, &l, &c);
	}
	x.top = choose_top(&x);
	if (INFO(x.top)->text < 250) {
		/* The hints threw away the story: score again without them. */
		for (size_t i = 0; i < x.used; i++) {
			if (x.pool[i].flags & F_UNL)
				x.pool[i].flags &= ~(unsigned)(F_UNL | F_DROP);
			x.pool[i].score = 0;
			x.pool[i].ptext = 0;
			x.pool[i].scored = 0;
		}
		size_t t = 0, l = 0, c = 0;
		info_count(x.root, 0, &t, &l, &c);
		x.top = choose_top(&x);
	}
	mark_siblings(&x);
	struct out o;
	memset(&o, 0, sizeof o);
	o.x = &x;
	if (x.top == x.body || !x.top->parent) {
		walk_el(&o, x.top, 0);
	} else {
		for (xmlNode *s = x.top->parent->children; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE && (INFO(s)->flags & F_IN))
				walk_el(&o, s, 0);
	}
	flush(&o);
	close_lists(&o, 0);
	/* Figures outside the body but inside the story's own element (a lead photo). */
	{
		xmlNode *scope = x.top;
		for (xmlNode *p = x.top; p && p->_private; p = p->parent)
			if (node_is(p, "article") || node_is(p, "main")) {
				scope = p;
				break;
			}
		if (scope == x.top && x.top->parent && x.top->parent->_private && x.top != x.body)
			scope = x.top->parent;
		x.last_img = NULL;
		figures_scan(&x, scope->children);
	}
	if (x.ld_body) {
		size_t lb = strlen(x.ld_body);
		if (lb > 500 && lb > 2 * o.text.len)
			body_from_ld(&x, &o);
	}
	x.a->body = o.text.len ? sbuf_steal(&o.text) : xstrdup("");
	x.a->body_html = o.html.len ? sbuf_steal(&o.html) : xstrdup("");
	sbuf_free(&o.text);
	sbuf_free(&o.html);
	sbuf_free(&o.ptext);
	sbuf_free(&o.phtml);
	free(x.ld_body);
	free(x.base_href);
	struct article *a = x.a;
	/* Clear the pointers into the pool before it goes. */
	xmlFreeDoc(x.doc);
	free(x.pool);
	return a;
}

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->url);
	free(a->title);
	free(a->byline);
	free(a->site);
	free(a->body);
	free(a->body_html);
	for (size_t i = 0; i < a->nfigures; i++) {
		free(a->figures[i].image);
		free(a->figures[i].caption);
		free(a->figures[i].credit);
	}
	free(a->figures);
	for (size_t i = 0; i < a->nmore; i++) {
		free(a->more[i].title);
		free(a->more[i].url);
		free(a->more[i].summary);
		free(a->more[i].section);
		free(a->more[i].image);
		free(a->more[i].caption);
		free(a->more[i].credit);
	}
	free(a->more);
	free(a);
}

/* An image URL without scheme, query and fragment, the host lower-cased: a feed's
 * "https://cdn/x.jpg?w=640" and a page's "//cdn/x.jpg" are the same photo. */
static char *media_url_key(const char *u)
{
	if (!u || !*u)
		return NULL;
	const char *p = strstr(u, "://");
	p = p ? p + 3 : (u[0] == '/' && u[1] == '/' ? u + 2 : u);
	size_t n = strcspn(p, "?#");
	if (!n)
		return NULL;
	char *k = xmalloc(n + 1);
	memcpy(k, p, n);
	k[n] = 0;
	for (char *q = k; *q && *q != '/'; q++)
		*q = (char)tolower((unsigned char)*q);
	return k;
}

/* Text lower-cased, runs of white space as one space, without the closing full stop. */
static char *media_text_key(const char *t)
{
	if (!t)
		return NULL;
	char *k = xmalloc(strlen(t) + 1), *o = k;
	int sp = 0;
	for (const char *p = t; *p; p++) {
		if (isspace((unsigned char)*p)) {
			sp = o > k;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = 0;
		*o++ = (char)tolower((unsigned char)*p);
	}
	while (o > k && (o[-1] == '.' || o[-1] == ' '))
		o--;
	*o = 0;
	if (!*k) {
		free(k);
		return NULL;
	}
	return k;
}

/* The same caption: equal but for case and spacing, or one holding the other (a feed
 * often gives the caption's first sentence, the page the whole). */
static int media_same_text(const char *a, const char *b)
{
	char *ka = media_text_key(a), *kb = media_text_key(b);
	int same = 0;
	if (ka && kb) {
		size_t la = strlen(ka), lb = strlen(kb);
		same = strcmp(ka, kb) == 0 || (la >= 16 && strstr(kb, ka)) || (lb >= 16 && strstr(ka, kb));
	}
	free(ka);
	free(kb);
	return same;
}

void article_add_media(struct article *a, const struct feed_media *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *cap = xstrdup(m[i].caption), *cred = xstrdup(m[i].credit);
		if (cap && !text_clean_line(cap)) {
			free(cap);
			cap = NULL;
		}
		if (cred && !text_clean_line(cred)) {
			free(cred);
			cred = NULL;
		}
		credit_split(&cap, &cred);
		if (cred)
			credit_strip_prefix(cred);
		if (!cap && !cred)
			continue;
		/* the page's figure of the same photo takes what it lacks, and stays one figure */
		char *key = media_url_key(m[i].url);
		struct figure *same = NULL;
		for (size_t j = 0; j < a->nfigures && !same; j++) {
			struct figure *f = &a->figures[j];
			char *fk = media_url_key(f->image);
			if ((key && fk && strcmp(key, fk) == 0) || media_same_text(cap, f->caption))
				same = f;
			free(fk);
		}
		free(key);
		if (same) {
			if (!same->caption) {
				same->caption = cap;
				cap = NULL;
			}
			if (!same->credit) {
				same->credit = cred;
				cred = NULL;
			}
			if (!same->image && m[i].url && url_is_http(m[i].url))
				same->image = xstrdup(m[i].url);
			free(cap);
			free(cred);
			continue;
		}
		char *img = m[i].url && url_is_http(m[i].url) ? xstrdup(m[i].url) : NULL;
		article_figure_add(a, img, cap, cred);
	}
}

void article_json(struct sbuf *b, const struct article *a)
{
	sbuf_adds(b, "{\"url\":");
	json_str(b, a->url);
	sbuf_adds(b, ",\"title\":");
	json_str(b, a->title);
	sbuf_adds(b, ",\"byline\":");
	json_str(b, a->byline);
	sbuf_adds(b, ",\"published\":");
	json_date(b, a->published);
	sbuf_adds(b, ",\"site\":");
	json_str(b, a->site);
	sbuf_adds(b, ",\"body\":");
	json_str(b, a->body);
	sbuf_adds(b, ",\"figures\":[");
	for (size_t i = 0; i < a->nfigures; i++) {
		sbuf_adds(b, i ? ",{\"image\":" : "{\"image\":");
		json_str(b, a->figures[i].image);
		sbuf_adds(b, ",\"caption\":");
		json_str(b, a->figures[i].caption);
		sbuf_adds(b, ",\"credit\":");
		json_str(b, a->figures[i].credit);
		sbuf_addc(b, '}');
	}
	sbuf_adds(b, "],\"more_from\":[");
	for (size_t i = 0; i < a->nmore; i++) {
		sbuf_adds(b, i ? ",{\"title\":" : "{\"title\":");
		json_str(b, a->more[i].title);
		sbuf_adds(b, ",\"url\":");
		json_str(b, a->more[i].url);
		sbuf_adds(b, ",\"summary\":");
		json_str(b, a->more[i].summary);
		sbuf_adds(b, ",\"section\":");
		json_str(b, a->more[i].section);
		sbuf_adds(b, ",\"image\":");
		json_str(b, a->more[i].image);
		sbuf_adds(b, ",\"caption\":");
		json_str(b, a->more[i].caption);
		sbuf_adds(b, ",\"credit\":");
		json_str(b, a->more[i].credit);
		sbuf_addc(b, '}');
	}
	sbuf_adds(b, "],\"body_html\":");
	json_str(b, a->body_html);
	sbuf_addc(b, '}');
}
