/* extract_body: the story's container walked into body text and body HTML: paragraphs,
 * headings, lists, quotes and tables, leaving out the boilerplate inside it. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"
#include "crier/html.h"

/* Boilerplate inside the story's container: removed whatever their size (up to a guard). */
static const char *const junk_exact[] = {"ad", "ads", "adv", "share", "shares", "social",
	"related", "comments", "comment", "byline", "bylines", "author", "authors", "bio",
	"tags", "tag", "keywords", "topics", "cookie", "cookies", "consent", "caption",
	"captions", "credit", "credits", "breadcrumb", "breadcrumbs", "toolbar", "print",
	"popup", "modal", "newsletter", "subscribe", "promo", "sponsor", "sponsored",
	"recommended", "recommendations", "dateline", "timestamp", "date", "meta", "follow",
	"donate", "donation", "nav", "navigation", "signup", "teaser", "teasers",
	"advertisement", "paywall", "outbrain", "taboola", "trending", "popular", "mostread",
	"readmore", "readnext", "morestories", "disclaimer", "copyright",
	"photographer", "signature", "rating", "ratings", "metadata", "postmetadata",
	"likes", "utility", NULL};
static const char *const junk_prefix[] = {"advert", "sharing", "sharebar", "socialshare",
	"social", "newsletter", "subscri", "recirc", "recommend", "related", "comment",
	"authorbio", "authorinfo", "byline", "cookie", "breadcrumb", "adslot", "adunit",
	"adwrap", "adcontainer", "dfp", "gpt", "sponsor", "promo", "signup", "figcaption",
	"imagecaption", "caption", "credit", "kommentar", "komentar", "comentario", NULL};



/* A body under this many bytes is near-empty: the fallbacks are tried. */
#define BODY_NEAR_EMPTY 140

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
	int nojunk;                 /* the element-level pass is off (the fallback walk) */
	const xmlNode *lead;        /* a lead block being walked: kept whatever its class */
	const xmlNode *head;        /* the story's headline inside the container, or NULL */
	int head_passed;            /* the walk has reached what follows it */
	const xmlNode *end;         /* the story's last paragraph */
	int end_seen;               /* the walk is past it */
};

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
	if (!*t || words_boiler_line(t) || dateline(t) ||
	    (o->kind != B_PRE && !o->quote && words_call_to_action(t)) ||
	    (o->kind != B_LI && dom_utf8_len(t) < 60 && meta_byline_prefix(t) &&
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

static void add_html_text(struct out *o, const char *raw);

static void add_text(struct out *o, const char *raw)
{
	if (!raw)
		return;
	if (!o->in_pre) {
		char *v;
		struct sbuf vb = SBUF_INIT;
		dom_add_visible(&vb, raw);
		v = vb.len ? sbuf_steal(&vb) : xstrdup("");
		sbuf_free(&vb);
		sbuf_adds(&o->ptext, v);
		add_html_text(o, v);
		free(v);
		return;
	}
	sbuf_adds(&o->ptext, raw);
}

static void add_html_text(struct out *o, const char *raw)
{
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
		if (dom_is_heading(c) && INFO(c)->text > 0) {
			(*all)++;
			if (INFO(c)->link * 10 >= INFO(c)->text * 8)
				(*linked)++;
			continue;
		}
		count_headings(c, depth + 1, all, linked);
	}
}

/* 1 when one of the element's itemprop tokens is name. */
static int itemprop_is(const xmlNode *n, const char *name)
{
	const char *ip = node_attr(n, "itemprop");
	size_t k = strlen(name);
	for (const char *p = ip; p && *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		size_t j = strcspn(p, " \t\r\n");
		if (j == k && !strncasecmp(p, name, k))
			return 1;
		p += j;
	}
	return 0;
}

/* "Read also: <a>another story</a>" written into the story: a short block whose text
 * starts with a more-from label and is mostly a link. */
static int read_also(const xmlNode *n)
{
	char *t = node_text_line(n);
	int r = t && words_lead_says_more(t);
	free(t);
	return r;
}

/* Links below n that send the page to a sharing service (share dialogs, "tweet this",
 * messengers' send links, "mail this"), and the text of all the links. */
static void share_links(const xmlNode *n, int depth, int *share, int *other)
{
	static const char *const marks[] = {"sharer", "share?", "/share/", "/share.php",
		"sharearticle", "intent/tweet", "whatsapp://", "whatsapp.com/send", "t.me/share",
		"pin/create", "mailto:?", NULL};
	for (const xmlNode *c = n->children; c && depth < 8; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(c, "a")) {
			const char *h = node_attr(c, "href");
			if (h && dom_has_any(h, marks))
				(*share)++;
			else if (h && *h && *h != '#' && strncasecmp(h, "javascript:", 11))
				(*other)++;
			continue;
		}
		share_links(c, depth + 1, share, other);
	}
}

/* A row of share buttons, with its heading ("Share this article?", "Jetzt teilen!"): two
 * or more links to sharing services, no other link, little text of its own. */
static int share_box(const xmlNode *n)
{
	int share = 0, other = 0;
	if (INFO(n)->text > 200 || INFO(n)->text - INFO(n)->link > 60)
		return 0; /* a quote with a "tweet this" link is story */
	share_links(n, 0, &share, &other);
	return share >= 2 && other == 0;
}

/* A block inside the story that is not story: by class, link density or shape. */
static int junk_block(struct out *o, xmlNode *n)
{
	struct ninfo *in = INFO(n);
	double ld = dom_link_density(n);
	if (n == o->x->top || n == o->lead || o->nojunk)
		return 0;
	/* No boilerplate rule removes the block that holds most of the container's text. */
	if (in->text * 2 > INFO(o->x->top)->text && in->text >= 200)
		return 0;
	/* the box the header's byline came from, whatever word its class says it with
	 * ("autor", "firma") */
	if (n == o->x->byline_node)
		return 1;
	if (dom_tokens_match(n, junk_exact, junk_prefix) && !(in->text > 1500 && ld < 0.3) &&
	    !dom_holds_quote(n, 0) && !dom_paywalled_story(n) &&
	    !dom_tokens_match(n, (const char *const[]){"articlebody", "storybody", "postbody",
						    "entrycontent", NULL}, NULL))
		return 1;
	/* a media player's box says what the machinery cannot do ("This video cannot be
	 * played"), not the story; an inline link to a sports player's page is story */
	if (dom_is_block(n) && !node_is(n, "p") && in->text < 300 &&
	    dom_tokens_match(n, (const char *const[]){"player", NULL},
			     (const char *const[]){"videoplayer", "mediaplayer", "audioplayer", NULL}))
		return 1;
	if (node_is(n, "header") && in->text < 400)
		return 2; /* headline, byline, date: only a lead in it is story */
	/* the page marks the box as the author (schema.org Person): name, photo, bio */
	if (dom_is_block(n) && itemprop_is(n, "author"))
		return 1;
	if (in->text < 300 && ld >= 0.4 && read_also(n))
		return 1;
	if (dom_is_block(n) && share_box(n))
		return 1;
	/* a table of contents box (its title included); a heading it points to is story */
	if ((node_is(n, "div") || node_is(n, "nav") || node_is(n, "section")) &&
	    dom_tokens_match(n, (const char *const[]){"toc", NULL}, NULL))
		return 1;
	if (node_is(n, "p") || dom_is_heading(n))
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
static void walk_el(struct out *o, xmlNode *c, int depth);

/* ---------------------------------------------------------------- the story's end */

/* A block the container scored as a paragraph of the story. */
static int story_para(const xmlNode *n)
{
	struct ninfo *in = INFO(n);
	if (in->text < 25 || dom_link_density(n) >= 0.5)
		return 0;
	if (in->flags & F_LOOSE)
		return 1;
	if (node_is(n, "p") || node_is(n, "pre") || node_is(n, "td"))
		return 1;
	static const char *const boxes[] = {"div", "section", "article", "main", "blockquote",
		"dd", "caption", "center", "font", NULL};
	for (int i = 0; boxes[i]; i++)
		if (node_is(n, boxes[i]))
			return !dom_has_block_child(n);
	return 0;
}

/* Lists, tables, quotes and photos: the story may end on one (a photo under "See the
 * photos:"). An image that gives its size counts from 100 pixels (not an icon). */
static int story_piece(const xmlNode *n)
{
	static const char *const tags[] = {"ul", "ol", "dl", "table", "blockquote", "pre",
		"figure", "picture", "video", "iframe", NULL};
	for (int i = 0; tags[i]; i++)
		if (node_is(n, tags[i]))
			return 1;
	if (node_is(n, "img")) {
		const char *w = node_attr(n, "width"), *h = node_attr(n, "height");
		return (!w || atoi(w) >= 100) && (!h || atoi(h) >= 100);
	}
	return 0;
}

/* The last paragraph or piece of the story in n and below, in reading order, into *end;
 * what the walk leaves out is passed over. */
static void find_end(struct out *o, xmlNode *n, xmlNode **end, int depth)
{
	if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & (F_SKIP | F_DROP | F_MORE)) ||
	    depth > 200)
		return;
	if ((node_is(n, "nav") || node_is(n, "aside") || node_is(n, "footer") ||
	     node_is(n, "form") || node_is(n, "hr")) && n != o->x->top)
		return;
	if (junk_block(o, n))
		return;
	/* a photo box is read as a figure, not walked: its caption is no story's end */
	if (n != o->x->top && (node_is(n, "figure") || node_is(n, "figcaption") ||
			       figure_is_caption(n) || figure_box(n)))
		return;
	if (story_para(n) || story_piece(n))
		*end = n;
	for (xmlNode *c = n->children; c; c = c->next)
		find_end(o, c, end, depth + 1);
}

/* What a reader keeps of a story's last lines: lists, tables, quotes, photos. */
static int holds_structure(const xmlNode *n, int depth)
{
	static const char *const tags[] = {"ul", "ol", "dl", "table", "blockquote", "pre", "img",
		"picture", "figure", "video", "audio", "iframe", NULL};
	for (const xmlNode *c = n->children; c && depth < 20; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (int i = 0; tags[i]; i++)
			if (node_is(c, tags[i]))
				return 1;
		if (holds_structure(c, depth + 1))
			return 1;
	}
	return 0;
}

/* After the story's last paragraph, a short box of no paragraph of its own is the page
 * talking about the story (rating, share and like bars, "posted in", tags, "log in to
 * comment"), not the story. */
static int tail_block(const struct out *o, const xmlNode *c)
{
	if (c->type != XML_ELEMENT_NODE || o->nojunk || c == o->lead)
		return 0;
	struct ninfo *in = INFO(c);
	if (in->text >= 200 || in->text == 0)
		return 0;
	int box = node_is(c, "div") || node_is(c, "section") || node_is(c, "header") ||
		  node_is(c, "center");
	int inl = (node_is(c, "span") || node_is(c, "a")) && !o->ptext.len;
	if (!box && !inl)
		return 0;
	/* a box marked up as the story's paragraphs are is the story's last line (an
	 * agency's "(XYZ)" in the same <div class> as the paragraphs above it) */
	const char *cc = node_attr(c, "class"), *ec = o->end ? node_attr(o->end, "class") : NULL;
	if (cc && ec && *cc && !strcmp(cc, ec) && !strcmp((const char *)c->name,
							   (const char *)o->end->name))
		return 0;
	return !holds_structure(c, 0);
}

/* A lead block walked as a paragraph of the story whatever its class says. */
static void walk_lead(struct out *o, xmlNode *n)
{
	const xmlNode *save = o->lead;
	flush(o);
	o->lead = n;
	walk_el(o, n, 1);
	flush(o);
	o->lead = save;
}

static void walk_leads_in(struct out *o, xmlNode *header)
{
	xmlNode *lead[4];
	size_t n = lead_in(header, lead, 4);
	for (size_t i = 0; i < n; i++)
		walk_lead(o, lead[i]);
}

static void walk_el_one(struct out *o, xmlNode *c, int depth);

/* Before the story's headline inside the container: a kicker, a section label, a
 * breadcrumb. The page's own words about the story start at its headline; a photo
 * above it is still read as one. */
static int before_head(struct out *o, const xmlNode *c)
{
	if (!o->head || o->head_passed || c == o->lead)
		return 0;
	if (more_node_before(c, o->head))
		return c->type != XML_ELEMENT_NODE ||
		       !(node_is(c, "img") || node_is(c, "figure") || node_is(c, "picture") ||
			 figure_is_caption(c) || figure_find_img(c->children, 1));
	if (!dom_contains(c, o->head))
		o->head_passed = 1;
	return 0;
}

static void walk_el(struct out *o, xmlNode *c, int depth)
{
	if (before_head(o, c))
		return;
	if (o->end_seen && tail_block(o, c))
		return;
	walk_el_one(o, c, depth);
	if (c == o->end)
		o->end_seen = 1;
}

static void walk_el_one(struct out *o, xmlNode *c, int depth)
{
	struct ninfo *in = INFO(c);
	const char *nm = (const char *)c->name;
	if ((in->flags & (F_SKIP | F_DROP | F_MORE)) && c != o->lead)
		return;
	/* the container itself is the story, even when it looks like a photo box (one
	 * short paragraph beside a photo and its credit) */
	if (node_is(c, "figure") || node_is(c, "figcaption") || node_is(c, "picture") ||
	    figure_is_caption(c) || (figure_box(c) && c != o->x->top)) {
		figure_take(o->x, c);
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
	/* ...unless it is the container itself: a page that wraps everything in a <form> */
	if ((node_is(c, "hr") || node_is(c, "nav") || node_is(c, "aside") || node_is(c, "footer") ||
	     node_is(c, "form")) && c != o->x->top)
		return;
	int junk = junk_block(o, c);
	if (junk == 2)
		walk_leads_in(o, c);
	if (junk)
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
	if (!dom_is_block(c)) {
		/* inline */
		if (node_is(c, "a")) {
			const char *href = node_attr(c, "href");
			char *abs = href && *href != '#' ? dom_url_clean(url_resolve(o->x->base, href)) : NULL;
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
	if (dom_is_heading(c)) {
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
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!before_head(o, n))
				add_text(o, (const char *)n->content);
		}
		else if (n->type == XML_ELEMENT_NODE)
			walk_el(o, n, depth);
	}
}

/* Body text given whole by the page's metadata (JSON-LD articleBody, the description):
 * paragraphs at its line breaks and blocks. */
static void body_from_ld(struct ex *x, struct out *o, const char *t)
{
	(void)x;
	struct sbuf b = SBUF_INIT;
	ld_body_text(t, &b);
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

/* The headline, when the container holds it and its words are the title's, and it heads
 * its box: a title said again below the story (a recipe's card) comes after its text. */
static const xmlNode *head_in(struct ex *x)
{
	xmlNode *h = more_headline(x);
	if (!h || h == x->top || !x->a->title)
		return NULL;
	/* in the container, or in a box beside it that the walk takes with it */
	const xmlNode *in = NULL;
	if (dom_contains(x->top, h))
		in = x->top;
	else if (x->top->parent && x->top != x->body)
		for (xmlNode *s = x->top->parent->children; s && !in; s = s->next)
			if (s->type == XML_ELEMENT_NODE && (INFO(s)->flags & F_IN) && dom_contains(s, h))
				in = s;
	if (!in || more_text_before(in, h) > 150)
		return NULL;
	char *t = node_text_line(h);
	int same = t && *t && (strstr(x->a->title, t) || strstr(t, x->a->title));
	free(t);
	return same ? h : NULL;
}

static void body_walk(struct ex *x, struct out *o)
{
	xmlNode *end = NULL;
	o->head = head_in(x);
	o->head_passed = 0;
	/* first where the story ends, then the walk */
	for (int pass = 0; pass < 2; pass++) {
		o->end = end;
		o->end_seen = 0;
		if (x->top == x->body || !x->top->parent) {
			if (pass)
				walk_el(o, x->top, 0);
			else
				find_end(o, x->top, &end, 0);
			continue;
		}
		for (xmlNode *s = x->top->parent->children; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE && (INFO(s)->flags & F_IN)) {
				if (pass)
					walk_el(o, s, 0);
				else
					find_end(o, s, &end, 0);
			}
	}
	flush(o);
	close_lists(o, 0);
}

static void out_reset(struct out *o)
{
	sbuf_reset(&o->text);
	sbuf_reset(&o->html);
	sbuf_reset(&o->ptext);
	sbuf_reset(&o->phtml);
	o->kind = B_P;
	o->quote = o->list_depth = o->ordered = o->item_no = o->hlevel = o->in_pre = 0;
	memset(o->list_open, 0, sizeof o->list_open);
	memset(o->li_open, 0, sizeof o->li_open);
}

void body_build(struct ex *x)
{
	struct out o;
	memset(&o, 0, sizeof o);
	o.x = x;
	body_walk(x, &o);
	if (o.text.len < BODY_NEAR_EMPTY && INFO(x->top)->text >= 3 * o.text.len + 250) {
		/* Never an empty (or near-empty) body when the container has text: the
		 * container again without the element-level pass (figures already read stay
		 * read), taken when it gives clearly more. */
		struct out o2;
		memset(&o2, 0, sizeof o2);
		o2.x = x;
		o2.nojunk = 1;
		body_walk(x, &o2);
		if (o2.text.len >= 3 * o.text.len + 250 || !o.text.len) {
			out_reset(&o);
			sbuf_free(&o.text);
			sbuf_free(&o.html);
			o.text = o2.text;
			o.html = o2.html;
		} else {
			sbuf_free(&o2.text);
			sbuf_free(&o2.html);
		}
		sbuf_free(&o2.ptext);
		sbuf_free(&o2.phtml);
	}
	/* Figures outside the body but inside the story's own element (a lead photo). */
	{
		xmlNode *scope = x->top;
		for (xmlNode *p = x->top; p && p->_private; p = p->parent)
			if (node_is(p, "article") || node_is(p, "main")) {
				scope = p;
				break;
			}
		if (scope == x->top && x->top->parent && x->top->parent->_private && x->top != x->body)
			scope = x->top->parent;
		x->last_img = NULL;
		size_t n0 = x->a->nfigures;
		x->top_seen = 0;
		x->nfig_before = n0;
		figure_scan_around(x, scope->children);
		/* a photo above the body (the lead photo) comes first, as on the page */
		if (scope != x->top && x->nfig_before > n0 && n0 > 0)
			article_figures_rotate(x->a, n0, x->nfig_before);
	}
	/* The page's own statement of its text (JSON-LD articleBody) over a walk that found
	 * much less; the description over a near-empty body. */
	if (x->ld_body) {
		size_t lb = strlen(x->ld_body);
		if ((lb > 500 && lb > 2 * o.text.len) ||
		    (o.text.len < BODY_NEAR_EMPTY && 2 * lb > 3 * o.text.len))
			body_from_ld(x, &o, x->ld_body);
	}
	if (x->desc && o.text.len < BODY_NEAR_EMPTY && 2 * strlen(x->desc) > 3 * o.text.len)
		body_from_ld(x, &o, x->desc);
	x->a->body = o.text.len ? sbuf_steal(&o.text) : xstrdup("");
	x->a->body_html = o.html.len ? sbuf_steal(&o.html) : xstrdup("");
	sbuf_free(&o.text);
	sbuf_free(&o.html);
	sbuf_free(&o.ptext);
	sbuf_free(&o.phtml);
}
