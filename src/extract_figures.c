/* extract_figures: figures in the DOM: a photo, its caption and its credit read from
 * figure/figcaption and caption/credit classes, kept once per article. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

static int same_text(const char *a, const char *b)
{
	return a && b && (strcasecmp(a, b) == 0 || (strlen(a) > 20 && strstr(b, a)) ||
			  (strlen(b) > 20 && strstr(a, b)));
}

void article_figure_add(struct article *a, char *image, char *caption, char *credit)
{
	for (size_t i = 0; i < a->nfigures; i++) {
		struct figure *f = &a->figures[i];
		int same = (image && f->image && strcmp(image, f->image) == 0) ||
			   same_text(caption, f->caption);
		if (!same)
			continue;
		/* keep the longer caption, fill what is missing */
		if (caption && (!f->caption || (strlen(caption) > strlen(f->caption) &&
						 !same_text(caption, f->caption)))) {
			free(f->caption);
			f->caption = caption;
			caption = NULL;
		} else if (caption && f->caption && strlen(caption) > strlen(f->caption)) {
			free(f->caption);
			f->caption = caption;
			caption = NULL;
		}
		if (credit && !f->credit) {
			f->credit = credit;
			credit = NULL;
		}
		if (image && !f->image) {
			f->image = image;
			image = NULL;
		}
		free(image);
		free(caption);
		free(credit);
		return;
	}
	/* a credit in its own element after a caption in another (or the reverse): one figure */
	if (a->nfigures) {
		struct figure *f = &a->figures[a->nfigures - 1];
		int img_ok = !image || !f->image || strcmp(image, f->image) == 0;
		if (img_ok && ((!caption && credit && f->caption && !f->credit) ||
			       (caption && !credit && !f->caption && f->credit))) {
			if (caption)
				f->caption = caption;
			if (credit)
				f->credit = credit;
			if (image && !f->image)
				f->image = image;
			else
				free(image);
			return;
		}
	}
	a->figures = xrealloc(a->figures, (a->nfigures + 1) * sizeof *a->figures);
	a->figures[a->nfigures].image = image;
	a->figures[a->nfigures].caption = caption;
	a->figures[a->nfigures].credit = credit;
	a->nfigures++;
}

void article_figures_rotate(struct article *a, size_t from, size_t to)
{
	if (from == 0 || to <= from || to > a->nfigures)
		return;
	struct figure *tmp = xmalloc(to * sizeof *tmp);
	memcpy(tmp, a->figures + from, (to - from) * sizeof *tmp);
	memcpy(tmp + (to - from), a->figures, from * sizeof *tmp);
	memcpy(a->figures, tmp, to * sizeof *tmp);
	free(tmp);
}

/* ---------------------------------------------------------------- figures in the page */

static const char *const caption_exact[] = {"caption", "captions", "figcaption",
	"legend", "legende", "bildunterschrift", "didascalia", "dida", NULL};
static const char *const caption_prefix[] = {"caption", "figcaption", "imagecaption",
	"imgcaption", "photocaption", "mediacaption", "picturecaption", "imagedesc", "imgdesc",
	"photodesc", "bildunterschrift", "didascalia", "piedefoto", "piefoto", NULL};
static const char *const credit_exact[] = {"credit", "credits", "copyright",
	"photographer", "attribution", "illustrator", NULL};
/* Inside a <figure> a byline or source is the photo's. */
static const char *const figcredit_exact[] = {"credit", "credits", "copyright",
	"photographer", "attribution", "source", "byline", "author", "rights", "illustrator",
	"artist", NULL};
static const char *const credit_prefix[] = {"credit", "copyright", "photographer",
	"photocredit", "imagecredit", "imagesource", "mediacredit", "photosource",
	"picturecredit", "attribution", NULL};

/* A credit by its class: credit, copyright or photographer anywhere in it ("imageCredit",
 * "photo-credit"); inside a figure a byline or source class too. */
static int is_credit_class(const xmlNode *n, int in_figure)
{
	static const char *const subs[] = {"credit", "copyright", "photographer", "illustrator",
					   NULL};
	return dom_tokens_match(n, in_figure ? figcredit_exact : credit_exact, credit_prefix) ||
	       dom_classid_has(n, subs);
}

int figure_is_caption(const xmlNode *n)
{
	static const char *const subs[] = {"caption", "credit", "photographer", NULL};
	return n->type == XML_ELEMENT_NODE &&
	       (dom_tokens_match(n, caption_exact, caption_prefix) ||
		dom_tokens_match(n, credit_exact, credit_prefix) || dom_classid_has(n, subs)) &&
	       !node_is(n, "body") && !node_is(n, "article") && !node_is(n, "main") &&
	       INFO(n)->text < 600;
}

xmlNode *figure_find_img(xmlNode *n, int depth)
{
	for (; n && depth < 30; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(n, "img") || (node_is(n, "source") && node_attr(n, "srcset")) ||
		    (node_is(n, "video") && node_attr(n, "poster")))
			return n;
		if (node_is(n, "figure") && depth > 0)
			continue;
		xmlNode *r = figure_find_img(n->children, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

char *figure_img_url(struct ex *x, xmlNode *img)
{
	static const char *const attrs[] = {"data-src", "data-lazy-src", "data-original",
		"data-url", "data-full-src", "src", "data-srcset", "srcset", NULL};
	static const char *const poster[] = {"poster", NULL};
	if (!img)
		return NULL;
	/* a video's still is its poster; its src is the film */
	const char *const *attrs_of = node_is(img, "video") ? poster : attrs;
	for (int i = 0; attrs_of[i]; i++) {
		const char *v = node_attr(img, attrs_of[i]);
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
		if (strstr(attrs_of[i], "srcset") && k && first[k - 1] == ',')
			first[k - 1] = 0;
		if (!*first)
			continue;
		char *u = dom_url_clean(url_resolve(x->base, first));
		if (u && url_ok(x->base, u))
			return u;
		free(u);
	}
	return NULL;
}

/* Images below n, up to two (one is a photo, two a gallery or a page). */
static int imgs_below(xmlNode *n, int depth)
{
	int k = 0;
	for (; n && depth < 30 && k < 2; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP))
			continue;
		if (node_is(n, "img") || (node_is(n, "video") && node_attr(n, "poster")))
			k++;
		else if (!node_is(n, "picture") && !node_is(n, "noscript"))
			k += imgs_below(n->children, depth + 1);
		else if (figure_find_img(n->children, 1))
			k++;
	}
	return k;
}

/* 1 when the words below c are all in caption or credit boxes or a counter ("2 / 12");
 * *caps counts the boxes, *credits the credit boxes among them. A box's own child of
 * plain text without links counts in *plain: beside a credit box, it is the caption. */
static int box_words(const xmlNode *c, int *caps, int *credits, int *plain, int depth)
{
	if (c->type == XML_TEXT_NODE)
		return !c->content || strspn((const char *)c->content, " \t\r\n") ==
					      strlen((const char *)c->content);
	if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & F_SKIP) || INFO(c)->text == 0)
		return 1;
	if (figure_is_caption(c) && !figure_find_img(c->children, 1)) {
		(*caps)++;
		*credits += is_credit_class(c, 0);
		return 1;
	}
	if (INFO(c)->text <= 12) {
		char *t = node_text_line(c);
		int digits = 0, letters = 0;
		for (const char *p = t ? t : ""; *p; p++) {
			digits += isdigit((unsigned char)*p) != 0;
			letters += isalpha((unsigned char)*p) != 0;
		}
		free(t);
		if (digits && letters <= 3)
			return 1;
	}
	if (depth == 1 && INFO(c)->link == 0 && INFO(c)->text < 400 && !dom_has_block_child(c) &&
	    !figure_find_img(c->children, 1)) {
		char *t = node_text_line(c);
		int trailing = credit_trailing(t);
		/* a short line that opens with a credit's label ("Bild: X", "Photo: X"):
		 * a credit box, whatever its class */
		int marked = !trailing && INFO(c)->text <= 80 && credit_marked(t);
		free(t);
		/* "... on the dunes. (Photo by X)": a caption with its credit, whatever
		 * its class */
		if (trailing || marked)
			(*caps)++, (*credits)++;
		else
			(*plain)++;
		return 1;
	}
	if (depth >= 3)
		return 0;
	for (const xmlNode *k = c->children; k; k = k->next)
		if (!box_words(k, caps, credits, plain, depth + 1))
			return 0;
	return 1;
}

/* An image beside loose words in one line of text that ends with the photo's credit in
 * brackets ("<img><br><i>The ridge at dusk.</i> (Photo: X)"): a photo box whose caption
 * sits in no box of its own. */
static int trailing_box(const xmlNode *n)
{
	/* a paragraph (or list item, quote) with a small image in its line is the story's
	 * text that ends with its source, not a photo */
	static const char *const para[] = {"p", "li", "blockquote", "dd", "dt", "td", "h1", "h2",
		"h3", "h4", "h5", "h6", NULL};
	for (int i = 0; para[i]; i++)
		if (node_is(n, para[i]))
			return 0;
	if (dom_has_block_child(n) || INFO(n)->text >= 400)
		return 0;
	char *t = node_text_line(n);
	int r = credit_trailing(t);
	free(t);
	return r;
}

int figure_box(const xmlNode *n)
{
	int words = 0, credits = 0, plain = 0;
	if (n->type != XML_ELEMENT_NODE || !n->_private || (INFO(n)->flags & F_SKIP) ||
	    node_is(n, "figure") || node_is(n, "picture") || node_is(n, "a") ||
	    node_is(n, "body") || node_is(n, "main") || node_is(n, "article") ||
	    INFO(n)->text == 0 || INFO(n)->text >= 600 || INFO(n)->link > 0 ||
	    imgs_below(n->children, 0) != 1 || figure_is_caption(n))
		return 0;
	/* the image (or a box of it alone) and caption or credit boxes, nothing else */
	for (const xmlNode *c = n->children; c; c = c->next)
		if (!box_words(c, &words, &credits, &plain, 1))
			return trailing_box(n);
	/* one block of plain text is the caption only beside a credit box */
	return words > 0 && (plain == 0 || (plain == 1 && credits > 0));
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
	r = figure_ui_phrase(t);
	free(t);
	return r;
}

static void caption_collect(xmlNode *n, struct sbuf *cap, struct sbuf *cred, int incred)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!ui_node(n) && n->content)
				dom_add_visible(incred ? cred : cap, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || (INFO(n)->flags & F_SKIP) || node_is(n, "img") ||
		    node_is(n, "picture") || ui_node(n))
			continue;
		/* <cite> or <small> beside the caption's words: the credit */
		int c = incred || is_credit_class(n, 1) ||
			((node_is(n, "cite") || node_is(n, "small")) && INFO(n)->text <= 100 &&
			 n->parent && n->parent->_private && INFO(n->parent)->text > INFO(n)->text + 10);
		if (c && !incred && cred->len) {
			/* the same credit twice in one box (over the photo and in the
			 * caption line) is said once */
			char *t = node_text_line(n);
			int again = t && *t && strstr(sbuf_str(cred), t);
			free(t);
			if (again)
				continue;
			sbuf_addc(cred, ' ');
		}
		if (dom_is_block(n) || node_is(n, "br"))
			sbuf_addc(incred ? cred : cap, ' ');
		caption_collect(n->children, cap, cred, c);
		if (dom_is_block(n))
			sbuf_addc(c ? cred : cap, ' ');
	}
}

/* A figure with no caption of its own says what it shows in its image's alt text, when
 * that is a phrase ("Crowds on the quay at dawn"), not a file name, one word or the
 * headline again. */
char *figure_alt_caption(struct ex *x, const xmlNode *img, const char *title)
{
	/* in a story, an image that links to another page is a teaser's or a link's, not a
	 * photo's (a teaser's own, title given, links to its story) */
	for (const xmlNode *p = img && !title ? img->parent : NULL; p && p->_private; p = p->parent)
		if (node_is(p, "a")) {
			const char *h = node_attr(p, "href");
			const char *dot = h ? strrchr(h, '.') : NULL;
			if (h && !(dot && (!strncasecmp(dot, ".jpg", 4) || !strncasecmp(dot, ".jpeg", 5) ||
					   !strncasecmp(dot, ".png", 4) || !strncasecmp(dot, ".webp", 5) ||
					   !strncasecmp(dot, ".gif", 4))))
				return NULL;
			break;
		}
	const char *alt = img ? node_attr(img, "alt") : NULL;
	if (!alt && img)
		alt = node_attr(img, "title");
	if (!alt)
		return NULL;
	char *t = xstrdup(alt);
	text_clean_line(t);
	int words = 1;
	for (const char *p = t; *p; p++)
		words += *p == ' ';
	if (words >= 3 && dom_utf8_len(t) >= 15 && !strchr(t, '/') && !strchr(t, '_') &&
	    !(x->a->title && !strcasecmp(t, x->a->title)) && !(title && !strcasecmp(t, title)))
		return t;
	free(t);
	return NULL;
}

static void alt_caption(struct ex *x, const xmlNode *img, struct sbuf *cap)
{
	char *t = figure_alt_caption(x, img, NULL);
	if (t)
		sbuf_adds(cap, t);
	free(t);
}

void figure_read(struct ex *x, xmlNode *n, struct figure *out)
{
	struct sbuf cap = SBUF_INIT, cred = SBUF_INIT;
	char *image = NULL, *caption, *credit;
	xmlNode *img = figure_find_img(n->children, 0);
	if (img)
		image = figure_img_url(x, img);
	else if (x->last_img && n->parent && (dom_contains(n->parent, x->last_img) ||
					      (n->parent->parent && dom_contains(n->parent->parent, x->last_img))))
		image = figure_img_url(x, x->last_img);
	x->last_img = NULL;
	if (node_is(n, "figure") || node_is(n, "picture")) {
		/* figcaption or caption-class children hold the words; so does any other
		 * child with text that is not the image itself */
		for (xmlNode *c = n->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & F_SKIP))
				continue;
			if (node_is(c, "figcaption") || figure_is_caption(c) ||
			    (!figure_find_img(c, 1) && !node_is(c, "img") && INFO(c)->text > 0 &&
			     !node_is(c, "picture") && !node_is(c, "a"))) {
				int cr = is_credit_class(c, 1) &&
					 !dom_tokens_match(c, caption_exact, caption_prefix);
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
					    (node_is(d, "figcaption") || figure_is_caption(d))) {
						if (is_credit_class(d, 1) &&
						    !dom_tokens_match(d, caption_exact, caption_prefix))
							caption_collect(d->children, &cred, &cred, 1);
						else
							caption_collect(d->children, &c2, &cred, 0);
						sbuf_addc(&c2, ' ');
					}
				sbuf_add(&cap, sbuf_str(&c2), c2.len);
				sbuf_free(&c2);
			}
		}
	} else if (is_credit_class(n, 0) && !dom_tokens_match(n, caption_exact, caption_prefix)) {
		caption_collect(n->children, &cred, &cred, 1);
	} else {
		caption_collect(n->children, &cap, &cred, 0);
	}
	INFO(n)->flags |= F_FIGSEEN;
	mark_seen(n->children);
	if (strspn(sbuf_str(&cap), " ") == cap.len && img && (node_is(n, "figure") || figure_box(n)))
		alt_caption(x, img, &cap);
	caption = words_take_line(&cap);
	credit = words_take_line(&cred);
	credit_split(&caption, &credit);
	if (caption && (words_boiler_line(caption) || words_section_heading(caption))) {
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

void figure_take(struct ex *x, xmlNode *n)
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
void figure_scan_around(struct ex *x, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n == x->top)
			x->top_seen = 1;
		struct ninfo *in = INFO(n);
		if (in->flags & (F_SKIP | F_MORE | F_FIGSEEN | F_DROP))
			continue;
		if (node_is(n, "nav") || node_is(n, "footer") || node_is(n, "aside"))
			continue;
		if (node_is(n, "figure") || (figure_box(n) && n != x->top) ||
		    (figure_is_caption(n) && !node_is(n, "a"))) {
			x->last_img = NULL;
			figure_take(x, n);
			if (!x->top_seen)
				x->nfig_before = x->a->nfigures;
			continue;
		}
		if (node_is(n, "img"))
			x->last_img = n;
		figure_scan_around(x, n->children);
	}
}
