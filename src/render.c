/* render: HTML (an article's body or a feed's summary) to display lines of at most a given
 * width in terminal columns, with headings, quotes, lists, preformatted text and [n] links. */
#include "config.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>
#include "crier/extract.h"
#include "crier/render.h"
#include "crier/util.h"
#include "extract_int.h"

/* Wide East Asian ranges and emoji, for when the C library cannot tell (a non-UTF-8
 * locale, a code point it does not know). */
static int wide_guess(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	       (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x1F680 && cp <= 0x1F6FF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFD);
}

static int cp_width(unsigned cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return 0;
	if (cp < 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	if (w < 0) {
		/* combining marks and format characters take no column */
		if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
		    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
		    cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF ||
		    (cp >= 0xFE00 && cp <= 0xFE0F))
			return 0;
		if (cp >= 0x80 && cp < 0xA0)
			return 0;
		return wide_guess(cp) ? 2 : 1;
	}
	/* what the C library says is what curses and the terminal use: a column counted
	 * otherwise here would shift every column after the character */
	return w;
}

int text_char_width(unsigned cp)
{
	return cp_width(cp);
}

int text_width(const char *s)
{
	int w = 0;
	unsigned cp;
	if (!s)
		return 0;
	while (*s) {
		s += utf8_decode(s, &cp);
		w += cp_width(cp);
	}
	return w;
}

/* ---------------------------------------------------------------- lines */

static void add_line(struct render_doc *d, const char *s, size_t n, enum render_style st)
{
	char *t = xstrndup(s, n);
	text_clean(t);
	/* no tabs or newlines on a display line */
	for (char *p = t; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	d->lines = xrealloc(d->lines, (d->nlines + 1) * sizeof *d->lines);
	d->lines[d->nlines].text = t;
	d->lines[d->nlines].style = st;
	d->nlines++;
}

static void add_blank(struct render_doc *d)
{
	if (d->nlines && d->lines[d->nlines - 1].text[0])
		add_line(d, "", 0, RENDER_TEXT);
}

/* Cut s to at most w columns: returns the byte length. */
static size_t cut_width(const char *s, int w)
{
	size_t i = 0;
	int col = 0;
	unsigned cp;
	while (s[i]) {
		size_t n = utf8_decode(s + i, &cp);
		int cw = cp_width(cp);
		if (col + cw > w)
			break;
		col += cw;
		i += n;
	}
	return i;
}

/* Wrap one paragraph: break at spaces, or between wide characters (CJK has no spaces),
 * or anywhere when a word is longer than the line. */
void render_wrap(struct render_doc *d, const char *text, int width, const char *first,
		 const char *rest, enum render_style st)
{
	struct sbuf line = SBUF_INIT;
	const char *prefix = first;
	const char *s = text;
	if (width < 1)
		width = 1;
	while (*s == ' ')
		s++;
	while (*s) {
		int pw = text_width(prefix);
		int avail = width - pw;
		if (avail < 1) {
			prefix = "";
			pw = 0;
			avail = width;
		}
		/* find how much fits */
		size_t i = 0, brk = 0, brk_next = 0;
		int col = 0;
		unsigned cp;
		int hard = 0;
		while (s[i]) {
			if (s[i] == '\n') {
				brk = i;
				brk_next = i + 1;
				hard = 1;
				break;
			}
			size_t n = utf8_decode(s + i, &cp);
			int cw = cp_width(cp);
			if (col + cw > avail)
				break;
			if (cp == ' ') {
				brk = i;
				brk_next = i + 1;
			} else if (cw == 2) {
				brk = i + n;
				brk_next = i + n;
			}
			col += cw;
			i += n;
		}
		size_t take, next;
		if (hard || !s[i]) {
			take = hard ? brk : i;
			next = hard ? brk_next : i;
		} else if (brk > 0) {
			take = brk;
			next = brk_next;
		} else {
			take = i;
			next = take;
		}
		sbuf_reset(&line);
		sbuf_adds(&line, prefix);
		if (take == 0 && next == 0) {
			/* a character wider than the whole line: shown as one '?' */
			sbuf_addc(&line, avail >= 1 ? '?' : ' ');
			next = utf8_decode(s, &cp);
		}
		while (take > 0 && s[take - 1] == ' ')
			take--;
		sbuf_add(&line, s, take);
		add_line(d, sbuf_str(&line), line.len, st);
		s += next;
		while (*s == ' ')
			s++;
		prefix = rest;
	}
	sbuf_free(&line);
}

/* ---------------------------------------------------------------- HTML walk */

struct rd {
	struct render_doc *d;
	int width;
	const char *base;
	struct sbuf para;
	enum render_style style;
	int quote, depth, pre;
	int ordered[16], item[16];
	char first[64], rest[64];
	int have_item;
};

static int link_ref(struct render_doc *d, const char *url)
{
	for (size_t i = 0; i < d->nlinks; i++)
		if (strcmp(d->links[i], url) == 0)
			return (int)i + 1;
	d->links = xrealloc(d->links, (d->nlinks + 1) * sizeof *d->links);
	d->links[d->nlinks] = xstrdup(url);
	text_clean_line(d->links[d->nlinks]);
	return (int)++d->nlinks;
}

static void prefixes(struct rd *r, char *first, char *rest, size_t sz)
{
	size_t k = 0;
	first[0] = rest[0] = 0;
	if (r->quote) {
		snprintf(first, sz, "> ");
		snprintf(rest, sz, "> ");
	}
	k = strlen(first);
	for (int i = 1; i < r->depth && k + 2 < sz; i++) {
		memcpy(first + k, "  ", 3);
		memcpy(rest + k, "  ", 3);
		k += 2;
	}
	if (r->depth > 0 && r->have_item) {
		int d = r->depth - 1 < 16 ? r->depth - 1 : 15;
		char mark[16];
		if (r->ordered[d])
			snprintf(mark, sizeof mark, "%d. ", r->item[d]);
		else
			snprintf(mark, sizeof mark, "\xe2\x80\xa2 ");
		size_t fl = strlen(first), rl = strlen(rest);
		int mw = text_width(mark);
		if (r->have_item == 1) {
			snprintf(first + fl, sz - fl, "%s", mark);
		} else {
			/* a later paragraph of the item: under the text, no second marker */
			for (int i = 0; i < mw && fl + 1 < sz; i++)
				first[fl++] = ' ';
			first[fl] = 0;
		}
		for (int i = 0; i < mw && rl + 1 < sz; i++)
			rest[rl++] = ' ';
		rest[rl] = 0;
	} else if (r->depth > 0) {
		size_t fl = strlen(first), rl = strlen(rest);
		if (fl + 2 < sz && rl + 2 < sz) {
			memcpy(first + fl, "  ", 3);
			memcpy(rest + rl, "  ", 3);
		}
	}
}

static void rflush(struct rd *r)
{
	char first[64], rest[64];
	if (!r->para.len) {
		return;
	}
	char *t = sbuf_steal(&r->para);
	text_clean(t);
	if (r->pre) {
		/* not wrapped: each line cut at the width */
		add_blank(r->d);
		char *s = text_trim_blank_lines(t);
		while (*s || s == t) {
			size_t k = strcspn(s, "\n");
			char *ln = xstrndup(s, k);
			for (char *p = ln; *p; p++)
				if (*p == '\t')
					*p = ' ';
			size_t c = cut_width(ln, r->width);
			add_line(r->d, ln, c, RENDER_PRE);
			free(ln);
			s += k;
			if (!*s)
				break;
			s++;
		}
		free(t);
		return;
	}
	/* collapse whitespace, keep <br> newlines */
	text_collapse_lines(t);
	if (*t) {
		prefixes(r, first, rest, sizeof first);
		/* items of one list follow each other without blank lines, and a nested
		 * list follows its parent item */
		int d = r->depth - 1 < 16 ? r->depth - 1 : 15;
		int tight = r->depth > 0 && r->have_item == 1 && (r->item[d] > 1 || r->depth > 1);
		if (!tight)
			add_blank(r->d);
		enum render_style st = r->style;
		if (r->quote && st == RENDER_TEXT)
			st = RENDER_QUOTE;
		render_wrap(r->d, t, r->width, first, rest, st);
		if (r->have_item)
			r->have_item = 2; /* the marker is shown: more paragraphs of the item are not */
	}
	free(t);
}

static void rwalk(struct rd *r, xmlNode *n, int depth);

static int r_is_block(const xmlNode *n)
{
	static const char *const tags[] = {"p", "div", "section", "article", "main", "ul", "ol",
		"li", "blockquote", "pre", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dl",
		"dt", "dd", "figure", "figcaption", "header", "footer", "aside", "nav", "hr",
		"center", "details", "summary", "address", "body", "html", NULL};
	for (int i = 0; tags[i]; i++)
		if (node_is(n, tags[i]))
			return 1;
	return 0;
}

/* Space to reach w columns after a cell of cw columns. */
static void pad_to(struct sbuf *b, int cw, int w)
{
	for (; cw < w; cw++)
		sbuf_addc(b, ' ');
}

/* A data table as rows: aligned columns between " | " when they fit the width (a rule
 * under a header row), else each row one wrapped paragraph, its later lines indented. */
static void render_table(struct rd *r, const struct ttable *t)
{
	char first[64], rest[64];
	int save_item = r->have_item;
	r->have_item = 0;
	prefixes(r, first, rest, sizeof first);
	r->have_item = save_item;
	int avail = r->width - text_width(rest);
	int *w = xmalloc((t->ncols ? t->ncols : 1) * sizeof *w);
	int total = 0;
	for (size_t j = 0; j < t->ncols; j++) {
		w[j] = 0;
		for (size_t i = 0; i < t->nrows; i++)
			if (j < t->rows[i].n) {
				int cw = text_width(t->rows[i].cells[j].text);
				if (cw > w[j])
					w[j] = cw;
			}
		total += w[j] + (j ? 3 : 0);
	}
	enum render_style st = r->quote ? RENDER_QUOTE : RENDER_TEXT;
	struct sbuf line = SBUF_INIT;
	add_blank(r->d);
	if (t->caption)
		render_wrap(r->d, t->caption, r->width, rest, rest, st);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct trow *row = &t->rows[i];
		int head = 1;
		sbuf_reset(&line);
		sbuf_adds(&line, rest);
		for (size_t j = 0; j < row->n; j++) {
			head &= row->cells[j].head;
			if (j)
				sbuf_adds(&line, " | ");
			sbuf_adds(&line, row->cells[j].text);
			if (total <= avail && j + 1 < row->n)
				pad_to(&line, text_width(row->cells[j].text), w[j]);
		}
		if (total > avail) {
			char more[72];
			snprintf(more, sizeof more, "%s  ", rest);
			render_wrap(r->d, sbuf_str(&line) + strlen(rest), r->width, rest, more, st);
			continue;
		}
		add_line(r->d, sbuf_str(&line), line.len, st);
		if (head && i + 1 < t->nrows && t->nrows > 1) {
			sbuf_reset(&line);
			sbuf_adds(&line, rest);
			for (size_t j = 0; j < t->ncols; j++) {
				if (j)
					sbuf_adds(&line, "-+-");
				for (int k = 0; k < w[j]; k++)
					sbuf_addc(&line, '-');
			}
			add_line(r->d, sbuf_str(&line), line.len, st);
		}
	}
	sbuf_free(&line);
	free(w);
}

static void rel(struct rd *r, xmlNode *c, int depth)
{
	if (node_ignored(c) || node_hidden(c))
		return;
	if (node_is(c, "table")) {
		struct ttable *t = table_read(c);
		if (t) {
			rflush(r);
			render_table(r, t);
			table_free(t);
			return;
		}
	}
	if (node_is(c, "br")) {
		sbuf_addc(&r->para, '\n');
		return;
	}
	if (node_is(c, "img"))
		return;
	if (!r_is_block(c)) {
		if (node_is(c, "td") || node_is(c, "th")) {
			if (r->para.len)
				sbuf_adds(&r->para, " | ");
		}
		rwalk(r, c->children, depth + 1);
		if (node_is(c, "a") && !r->pre) {
			const char *href = node_attr(c, "href");
			char *u = href && *href != '#' ? url_resolve(r->base, href) : NULL;
			if (u && url_ok(r->base, u) && r->para.len &&
			    !isspace((unsigned char)r->para.s[r->para.len - 1])) {
				sbuf_printf(&r->para, "[%d]", link_ref(r->d, u));
			} else if (u && url_ok(r->base, u) && r->para.len) {
				r->para.len--;
				sbuf_printf(&r->para, "[%d] ", link_ref(r->d, u));
			}
			free(u);
		}
		return;
	}
	rflush(r);
	enum render_style save_style = r->style;
	int save_quote = r->quote, save_depth = r->depth, save_item = r->have_item;
	if (node_is(c, "hr")) {
		return;
	}
	if (node_is(c, "h1") || node_is(c, "h2") || node_is(c, "h3") || node_is(c, "h4") ||
	    node_is(c, "h5") || node_is(c, "h6")) {
		r->style = RENDER_HEADING;
	} else if (node_is(c, "blockquote")) {
		r->quote = 1;
	} else if (node_is(c, "pre")) {
		r->pre++;
	} else if (node_is(c, "ul") || node_is(c, "ol") || node_is(c, "dl")) {
		if (r->depth < 16) {
			r->ordered[r->depth] = node_is(c, "ol");
			r->item[r->depth] = 0;
		}
		r->depth++;
		r->have_item = 0;
	} else if (node_is(c, "li") && r->depth > 0) {
		int d = r->depth - 1 < 16 ? r->depth - 1 : 15;
		r->item[d]++;
		r->have_item = 1;
	}
	rwalk(r, c->children, depth + 1);
	rflush(r);
	if (node_is(c, "pre"))
		r->pre--;
	r->style = save_style;
	r->quote = save_quote;
	r->depth = save_depth;
	if (node_is(c, "li") || node_is(c, "ul") || node_is(c, "ol") || node_is(c, "dl"))
		r->have_item = save_item;
}

static void rwalk(struct rd *r, xmlNode *n, int depth)
{
	if (depth > 200)
		return;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				sbuf_adds(&r->para, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			rel(r, n, depth);
		}
	}
}

static void links_list(struct render_doc *d, int width)
{
	if (!d->nlinks)
		return;
	add_blank(d);
	for (size_t i = 0; i < d->nlinks; i++) {
		char first[32];
		snprintf(first, sizeof first, "[%zu] ", i + 1);
		/* URLs have no spaces: wrap breaks them where the line is full */
		render_wrap(d, d->links[i], width, first, "    ", RENDER_LINKS);
	}
}

static void render_into(struct render_doc *d, const char *html, const char *base, int width)
{
	struct rd r;
	memset(&r, 0, sizeof r);
	r.d = d;
	r.width = width < 1 ? 1 : width;
	r.base = base;
	r.style = RENDER_TEXT;
	if (!html || !*html)
		return;
	htmlDocPtr doc = htmlReadMemory(html, (int)strnlen(html, 1u << 30), NULL, "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_RECOVER | HTML_PARSE_COMPACT |
						HTML_PARSE_IGNORE_ENC);
	if (!doc)
		return;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root)
		rel(&r, root, 0);
	rflush(&r);
	sbuf_free(&r.para);
	xmlFreeDoc(doc);
}

struct render_doc *render_html(const char *html, const char *base_url, int width)
{
	struct render_doc *d = xcalloc(1, sizeof *d);
	render_into(d, html, base_url, width);
	links_list(d, width < 1 ? 1 : width);
	return d;
}

/* The letters and digits of s (markup skipped when html), ASCII in lower case, into b:
 * two copies of one text compare equal however they are spaced, quoted or tagged. */
static void letters_key(struct sbuf *b, const char *s, int html, size_t max)
{
	int in_tag = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u && b->len < max; u++) {
		if (html && *u == '<')
			in_tag = 1;
		else if (html && *u == '>')
			in_tag = 0;
		else if (in_tag)
			continue;
		else if (html && *u == '&') {
			/* an entity stands for punctuation or a letter: skip its name */
			while (u[1] && u[1] != ';' && u[1] != '<' && !isspace(u[1]))
				u++;
		} else if (*u >= 0x80)
			sbuf_addc(b, (char)*u);
		else if (isalnum(*u))
			sbuf_addc(b, (char)tolower(*u));
	}
}

/* 1 when the body the article shows begins with the standfirst's text (a page whose first
 * paragraph it is, or the feed's text that said it): shown once, in the body. */
static int standfirst_in_body(const struct article *a)
{
	struct sbuf k = SBUF_INIT, b = SBUF_INIT;
	letters_key(&k, a->standfirst, 0, (size_t)-1);
	int html = a->body_html && *a->body_html;
	letters_key(&b, html ? a->body_html : (a->body ? a->body : ""), html, k.len + 16);
	int same = k.len && b.len >= k.len && !memcmp(b.s, k.s, k.len);
	sbuf_free(&k);
	sbuf_free(&b);
	return same;
}

/* The standfirst's paragraphs, cleaned, in its own style, a blank line around it. */
static void standfirst_lines(struct render_doc *d, const struct article *a, int width)
{
	if (!a->standfirst || !*a->standfirst || standfirst_in_body(a))
		return;
	const char *s = a->standfirst;
	while (*s) {
		const char *e = strstr(s, "\n\n");
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char *p = xstrndup(s, n);
		text_clean_line(p);
		if (*p) {
			add_blank(d);
			render_wrap(d, p, width, "", "", RENDER_STANDFIRST);
		}
		free(p);
		s += n;
		while (*s == '\n')
			s++;
	}
	add_blank(d);
}

/* The header's parts (byline, date, site), joined by " \xc2\xb7 " on as few lines as the
 * width allows. A line breaks only between parts, and the dot goes with the break: a
 * part is wrapped inside only when it alone is wider than the line. */
static void meta_lines(struct render_doc *d, char **part, int n, int width)
{
	struct sbuf line = SBUF_INIT;
	int used = 0;
	for (int i = 0; i < n; i++) {
		text_clean_line(part[i]);
		if (!*part[i])
			continue;
		int w = text_width(part[i]);
		if (line.len && used + 3 + w <= width) {
			sbuf_adds(&line, " \xc2\xb7 ");
			sbuf_adds(&line, part[i]);
			used += 3 + w;
			continue;
		}
		if (line.len)
			render_wrap(d, sbuf_str(&line), width, "", "", RENDER_META);
		sbuf_reset(&line);
		used = 0;
		if (w > width) {
			render_wrap(d, part[i], width, "", "", RENDER_META);
		} else {
			sbuf_adds(&line, part[i]);
			used = w;
		}
	}
	if (line.len)
		render_wrap(d, sbuf_str(&line), width, "", "", RENDER_META);
	sbuf_free(&line);
}

struct render_doc *render_article(const struct article *a, int width)
{
	struct render_doc *d = xcalloc(1, sizeof *d);
	if (width < 1)
		width = 1;
	if (a->title) {
		char *t = xstrdup(a->title);
		text_clean_line(t);
		render_wrap(d, t, width, "", "", RENDER_TITLE);
		free(t);
	}
	/* One header line: byline, date, site. A site the byline already names is not
	 * said twice, and a date before 1990 is a page's placeholder, not a news date. */
	char *part[3];
	int n = 0;
	if (a->byline && *a->byline)
		part[n++] = xstrdup(a->byline);
	if (a->published != CRIER_NO_DATE && a->published >= RENDER_EARLIEST_DATE) {
		time_t t = (time_t)a->published;
		struct tm tm;
		char buf[64];
		if (gmtime_r(&t, &tm) && strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm))
			part[n++] = xstrdup(buf);
	}
	if (a->site && *a->site && !(a->byline && strcasestr(a->byline, a->site)))
		part[n++] = xstrdup(a->site);
	meta_lines(d, part, n, width);
	for (int i = 0; i < n; i++)
		free(part[i]);
	standfirst_lines(d, a, width);
	if (a->body_html && *a->body_html) {
		render_into(d, a->body_html, a->url, width);
	} else if (a->body) {
		/* plain text: one paragraph per blank-line-separated block */
		const char *s = a->body;
		while (*s) {
			const char *e = strstr(s, "\n\n");
			size_t n = e ? (size_t)(e - s) : strlen(s);
			char *p = xstrndup(s, n);
			text_clean(p);
			add_blank(d);
			render_wrap(d, p, width, "", "", RENDER_TEXT);
			free(p);
			s += n;
			while (*s == '\n')
				s++;
		}
	}
	links_list(d, width);
	return d;
}

void render_doc_free(struct render_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	free(d->lines);
	for (size_t i = 0; i < d->nlinks; i++)
		free(d->links[i]);
	free(d->links);
	free(d);
}
