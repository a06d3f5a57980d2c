/* extract_dom: small helpers over libxml2's HTML tree that the extractor's passes share:
 * names, attributes, visible text, class/id hints. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

int node_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcasecmp((const char *)n->name, name) == 0;
}

const char *node_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, name) == 0) {
			if (a->children && a->children->type == XML_TEXT_NODE)
				return (const char *)a->children->content;
			return "";
		}
	return NULL;
}

int node_ignored(const xmlNode *n)
{
	static const char *const tags[] = {"script", "style", "noscript", "template", "svg",
					   "math", "iframe", "object", "embed", "canvas",
					   "select", "textarea", "button", "input", "head",
					   "link", "meta", "video", "audio", "map", NULL};
	if (!n || n->type != XML_ELEMENT_NODE)
		return n && n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE;
	for (int i = 0; tags[i]; i++)
		if (strcasecmp((const char *)n->name, tags[i]) == 0)
			return 1;
	return 0;
}

int node_hidden(const xmlNode *n)
{
	const char *st;
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	if (node_attr(n, "hidden"))
		return 1;
	st = node_attr(n, "style");
	if (st) {
		char buf[256];
		size_t j = 0;
		for (size_t i = 0; st[i] && j < sizeof buf - 1; i++)
			if (!isspace((unsigned char)st[i]))
				buf[j++] = (char)tolower((unsigned char)st[i]);
		buf[j] = 0;
		if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
			return 1;
	}
	return 0;
}

static void text_rec(const xmlNode *n, struct sbuf *b, int depth)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			if (!s)
				continue;
			for (; *s; s++) {
				const unsigned char *u = (const unsigned char *)s;
				/* invisible: soft hyphen, zero-width space/joiners, word joiner */
				if (u[0] == 0xC2 && u[1] == 0xAD) {
					s++;
					continue;
				}
				if (u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8D) ||
						     (u[1] == 0x81 && u[2] == 0xA0))) {
					s += 2;
					continue;
				}
				if (isspace((unsigned char)*s)) {
					if (b->len && b->s[b->len - 1] != ' ')
						sbuf_addc(b, ' ');
				} else {
					sbuf_addc(b, *s);
				}
			}
		} else if (c->type == XML_ELEMENT_NODE && !node_ignored(c) && depth < 200) {
			if (node_is(c, "br") || node_is(c, "p") || node_is(c, "div") || node_is(c, "li")) {
				if (b->len && b->s[b->len - 1] != ' ')
					sbuf_addc(b, ' ');
			}
			text_rec(c->children, b, depth + 1);
		}
	}
}

/* Appends s without its invisible format characters: the soft hyphen (U+00AD), which
 * only marks where a word may break, and the zero-width space, joiner and non-joiner
 * (U+200B-U+200D) and word joiner (U+2060). A search or a copy must find the word. */
void dom_add_visible(struct sbuf *b, const char *s)
{
	while (*s) {
		const char *q = s;
		size_t skip = 0;
		while (*q) {
			const unsigned char *u = (const unsigned char *)q;
			if (u[0] == 0xC2 && u[1] == 0xAD)
				skip = 2;
			else if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8D)
				skip = 3;
			else if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0)
				skip = 3;
			if (skip)
				break;
			q++;
		}
		sbuf_add(b, s, (size_t)(q - s));
		s = q + skip;
	}
}

void node_text(const xmlNode *n, struct sbuf *b)
{
	if (!n)
		return;
	if (n->type == XML_TEXT_NODE) {
		if (n->content)
			sbuf_adds(b, (const char *)n->content);
		return;
	}
	if (!node_ignored(n))
		text_rec(n->children, b, 0);
}

char *node_text_line(const xmlNode *n)
{
	struct sbuf b = SBUF_INIT;
	node_text(n, &b);
	if (!b.len) {
		sbuf_free(&b);
		return NULL;
	}
	char *s = sbuf_steal(&b);
	if (text_clean_line(s) == 0) {
		free(s);
		return NULL;
	}
	return s;
}

const char *node_classid(const xmlNode *n, char *buf, size_t bufsz)
{
	const char *c = node_attr(n, "class"), *i = node_attr(n, "id");
	/* a custom element's name says what it is, as a class does ("promo-teaser") */
	const char *tag = n->name && strchr((const char *)n->name, '-') ? (const char *)n->name : NULL;
	size_t j = 0;
	buf[0] = 0;
	for (int k = 0; k < 3; k++) {
		const char *s = k == 2 ? tag : k ? i : c;
		if (!s)
			continue;
		if (j && j < bufsz - 1)
			buf[j++] = ' ';
		for (; *s && j < bufsz - 1; s++)
			buf[j++] = (char)tolower((unsigned char)*s);
	}
	buf[j] = 0;
	return buf;
}

int dom_has_sub(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!hay)
		return 0;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

int dom_has_any(const char *hay, const char *const *needles)
{
	for (int i = 0; needles[i]; i++)
		if (dom_has_sub(hay, needles[i]))
			return 1;
	return 0;
}

char *dom_url_clean(char *u)
{
	if (u)
		text_clean_line(u);
	return u;
}

int url_ok(const char *page, const char *u)
{
	if (!u)
		return 0;
	if (url_is_http(u))
		return 1;
	return page && strncasecmp(page, "file://", 7) == 0 && strncasecmp(u, "file://", 7) == 0;
}

size_t dom_utf8_len(const char *s)
{
	size_t n = 0;
	unsigned cp;
	while (*s) {
		s += utf8_decode(s, &cp);
		n++;
	}
	return n;
}

void text_collapse_lines(char *t)
{
	char *w = t;
	int sp = 0, nl = 0;
	for (char *r = t; *r; r++) {
		if (*r == '\n') {
			nl = 1;
			continue;
		}
		if (isspace((unsigned char)*r)) {
			sp = 1;
			continue;
		}
		if (w != t) {
			if (nl)
				*w++ = '\n';
			else if (sp)
				*w++ = ' ';
		}
		sp = nl = 0;
		*w++ = *r;
	}
	*w = 0;
}

/* ---------------------------------------------------------------- tables */

static int table_add_row(struct ttable *t, const xmlNode *tr)
{
	struct trow row = {NULL, 0};
	if (node_hidden(tr))
		return 0;
	for (const xmlNode *c = tr->children; c; c = c->next) {
		if (!node_is(c, "td") && !node_is(c, "th"))
			continue;
		if (node_hidden(c))
			continue;
		if (row.n >= TABLE_MAX_COLS) {
			row.n++;
			break;
		}
		row.cells = xrealloc(row.cells, (row.n + 1) * sizeof *row.cells);
		char *s = node_text_line(c);
		row.cells[row.n].text = s ? s : xstrdup("");
		row.cells[row.n].head = node_is(c, "th");
		row.n++;
	}
	if (row.n > TABLE_MAX_COLS) {
		for (size_t i = 0; i < TABLE_MAX_COLS; i++)
			free(row.cells[i].text);
		free(row.cells);
		return -1;
	}
	int any = 0;
	for (size_t i = 0; i < row.n; i++)
		any |= row.cells[i].text[0] != 0;
	if (!any) {
		for (size_t i = 0; i < row.n; i++)
			free(row.cells[i].text);
		free(row.cells);
		return 0;
	}
	t->rows = xrealloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
	t->rows[t->nrows++] = row;
	if (row.n > t->ncols)
		t->ncols = row.n;
	return 0;
}

/* A table inside the table makes it a layout grid. */
static int has_table_below(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (node_is(c, "table") || (depth < 100 && has_table_below(c, depth + 1))))
			return 1;
	return 0;
}

struct ttable *table_read(const xmlNode *table)
{
	const char *role = node_attr(table, "role");
	if (!node_is(table, "table") || (role && (!strcasecmp(role, "presentation") ||
						  !strcasecmp(role, "none"))))
		return NULL;
	if (has_table_below(table, 0))
		return NULL;
	struct ttable *t = xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	int bad = 0;
	for (const xmlNode *c = table->children; c && !bad; c = c->next) {
		if (node_is(c, "tr")) {
			bad = table_add_row(t, c) < 0;
		} else if (node_is(c, "thead") || node_is(c, "tbody") || node_is(c, "tfoot")) {
			for (const xmlNode *r = c->children; r && !bad; r = r->next)
				if (node_is(r, "tr"))
					bad = table_add_row(t, r) < 0;
		} else if (node_is(c, "caption") && !t->caption) {
			t->caption = node_text_line(c);
		}
	}
	/* A data table has rows and columns of short cells; a grid that lays out a page
	 * has few cells holding long text, and is read as paragraphs instead. */
	size_t cells = 0, chars = 0, longest = 0;
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t j = 0; j < t->rows[i].n; j++) {
			size_t l = dom_utf8_len(t->rows[i].cells[j].text);
			if (!l)
				continue;
			cells++;
			chars += l;
			if (l > longest)
				longest = l;
		}
	if (bad || t->nrows < 2 || t->ncols < 2 || longest > TABLE_MAX_CELL ||
	    chars > cells * TABLE_MEAN_CELL) {
		table_free(t);
		return NULL;
	}
	return t;
}

void table_free(struct ttable *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].cells[j].text);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->caption);
	free(t);
}

/* ---------------------------------------------------------------- class/id and shape */

/* Split class and id into lower-case tokens on anything but letters and digits, and test
 * each against exact words and prefixes. Tokens, not substrings: "ad" must not hit
 * "header" and "tag" must not hit "stage". */
/* The next class/id token at *s into tok (truncated to its size); its length, 0 at the end. */
static size_t next_token(const char **sp, char *tok, size_t sz)
{
	const char *s = *sp;
	size_t k = 0;
	while (*s && !isalnum((unsigned char)*s))
		s++;
	while (*s && isalnum((unsigned char)*s)) {
		if (k < sz - 1)
			tok[k++] = *s;
		s++;
	}
	tok[k] = 0;
	*sp = s;
	return k;
}

static int tokens_match(const char *s, const char *const *exact, const char *const *prefix)
{
	char tok[64];
	size_t k;
	while ((k = next_token(&s, tok, sizeof tok)) != 0) {
		for (int i = 0; exact && exact[i]; i++)
			if (strcmp(tok, exact[i]) == 0)
				return 1;
		for (int i = 0; prefix && prefix[i]; i++)
			if (strncmp(tok, prefix[i], strlen(prefix[i])) == 0)
				return 1;
	}
	return 0;
}

int dom_tokens_end(const xmlNode *n, const char *const *suffix)
{
	char buf[512], tok[64];
	const char *s = node_classid(n, buf, sizeof buf);
	size_t k;
	while ((k = next_token(&s, tok, sizeof tok)) != 0)
		for (int i = 0; suffix[i]; i++) {
			size_t l = strlen(suffix[i]);
			if (k > l + 2 && !strcmp(tok + k - l, suffix[i]))
				return 1;
		}
	return 0;
}

/* 1 when an id holds two or more words of the element's own text: an anchor made from a
 * heading's words ("nav_the_next_step__2" over "The next step", for a table of
 * contents), which names nothing about the block. */
static int id_from_text(const xmlNode *n, const char *id)
{
	struct sbuf t = SBUF_INIT;
	char tok[64];
	int hits = 0;
	node_text(n, &t);
	if (t.len)
		words_fold_case(t.s);
	for (const char *s = id; *s && hits < 2;) {
		size_t k = 0;
		while (*s && !isalnum((unsigned char)*s))
			s++;
		while (*s && isalnum((unsigned char)*s)) {
			if (k < sizeof tok - 1)
				tok[k++] = (char)tolower((unsigned char)*s);
			s++;
		}
		tok[k] = 0;
		if (k < 3 || !t.len)
			continue;
		for (const char *p = strstr(sbuf_str(&t), tok); p; p = strstr(p + 1, tok))
			if ((p == t.s || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[k])) {
				hits++;
				break;
			}
	}
	sbuf_free(&t);
	return hits >= 2;
}

int dom_tokens_match(const xmlNode *n, const char *const *exact, const char *const *prefix)
{
	char buf[512];
	const char *c = node_attr(n, "class"), *id = node_attr(n, "id");
	size_t j = 0;
	if (!id || !dom_is_heading(n) || !id_from_text(n, id))
		return tokens_match(node_classid(n, buf, sizeof buf), exact, prefix);
	for (; c && *c && j < sizeof buf - 1; c++)
		buf[j++] = (char)tolower((unsigned char)*c);
	buf[j] = 0;
	return tokens_match(buf, exact, prefix);
}

int dom_is_heading(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && tolower(n->name[0]) == 'h' &&
	       n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == 0;
}

int dom_is_block(const xmlNode *n)
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

double dom_link_density(const xmlNode *n)
{
	struct ninfo *in = INFO(n);
	return in->text ? (double)in->link / (double)in->text : 0;
}

/* An embedded post (a quoted tweet and the like) is story even in a "social" wrapper. */
int dom_holds_quote(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 3; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    ((node_is(c, "blockquote") && INFO(c)->text > 40) || dom_holds_quote(c, depth + 1)))
			return 1;
	return 0;
}

int dom_has_block_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (dom_is_block(c))
			return 1;
	return 0;
}

int dom_contains(const xmlNode *anc, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

int dom_classid_has(const xmlNode *n, const char *const *subs)
{
	char buf[512];
	const char *s = node_classid(n, buf, sizeof buf);
	for (int i = 0; subs[i]; i++)
		if (strstr(s, subs[i]))
			return 1;
	const char *dc = node_attr(n, "data-component");
	if (!dc)
		dc = node_attr(n, "data-module");
	return dc && dom_has_any(dc, subs);
}


/* <p>s of 80+ characters below n that are not mostly link text, up to max. */
static int story_paras(const xmlNode *n, int depth, int max)
{
	int k = 0;
	for (const xmlNode *c = n->children; c && k < max && depth < 12; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || (INFO(c)->flags & F_SKIP))
			continue;
		if (node_is(c, "p"))
			k += INFO(c)->text >= 80 && INFO(c)->link * 4 < INFO(c)->text;
		else
			k += story_paras(c, depth + 1, max - k);
	}
	return k;
}

int dom_paywalled_story(const xmlNode *n)
{
	static const char *const words[] = {"paywall", "premium", "subscri", "paid", "locked",
		"restricted", "plus", NULL};
	return dom_tokens_match(n, NULL, words) && dom_link_density(n) < 0.25 &&
	       story_paras(n, 0, 2) >= 2;
}
