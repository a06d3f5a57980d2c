/* feed_html: a small, forgiving HTML tokenizer used two ways: to sanitise the HTML of
 * summaries and content (an allow-list of elements and attributes, safe URL schemes,
 * links made absolute) and to turn HTML into plain text. It never builds a tree, so a
 * 10 MB description costs one pass. */
#include "config.h"
#include "feed_html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

/* Browsers read the C1 range of numeric references as windows-1252. */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

size_t html_utf8_put(unsigned cp, char *o)
{
	unsigned char *u = (unsigned char *)o;
	if (cp >= 0x80 && cp <= 0x9F)
		cp = cp1252[cp - 0x80] ? cp1252[cp - 0x80] : 0xFFFD;
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0xFFFE ||
	    cp == 0xFFFF)
		cp = 0xFFFD;
	if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
		return 0; /* control characters never reach a terminal */
	if (cp == 0x7F)
		return 0;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t html_entity_utf8(const char *name, size_t n, char *out)
{
	char buf[40];
	const htmlEntityDesc *e;
	if (n == 0 || n >= sizeof buf)
		return 0;
	memcpy(buf, name, n);
	buf[n] = '\0';
	e = htmlEntityLookup((const xmlChar *)buf);
	if (!e) {
		/* &apos; is XML's, and feeds use it in HTML too */
		if (strcmp(buf, "apos") == 0) {
			out[0] = '\'';
			return 1;
		}
		return 0;
	}
	return html_utf8_put(e->value, out);
}

/* A character or entity reference at p (p[0] == '&'). Returns the bytes it spans (0 when
 * it is not one) and sets *cp, or for a named one its UTF-8 in out/outn. */
static size_t ref_parse(const char *p, const char *end, unsigned *cp, char *out, size_t *outn)
{
	const char *q = p + 1;
	*cp = 0;
	*outn = 0;
	if (q < end && *q == '#') {
		unsigned long v = 0;
		int hex = 0, nd = 0;
		q++;
		if (q < end && (*q == 'x' || *q == 'X')) {
			hex = 1;
			q++;
		}
		while (q < end && (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q))) {
			int dv = isdigit((unsigned char)*q) ? *q - '0' : (tolower((unsigned char)*q) - 'a' + 10);
			if (v < 0x1000000)
				v = v * (hex ? 16 : 10) + (unsigned long)dv;
			q++;
			nd++;
		}
		if (!nd)
			return 0;
		if (q < end && *q == ';')
			q++;
		*cp = v > 0x10FFFF ? 0xFFFD : (unsigned)v;
		*outn = html_utf8_put(*cp, out);
		return (size_t)(q - p);
	}
	while (q < end && isalnum((unsigned char)*q) && q - p < 34)
		q++;
	if (q == p + 1 || q >= end || *q != ';')
		return 0;
	*outn = html_entity_utf8(p + 1, (size_t)(q - p - 1), out);
	if (!*outn)
		return 0;
	if (*outn == 1)
		*cp = (unsigned char)out[0];
	return (size_t)(q + 1 - p);
}

void html_decode(struct sbuf *out, const char *s, size_t len)
{
	const char *end = s + len, *run = s;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		char u[8];
		size_t un, n;
		unsigned cp;
		if (!amp)
			break;
		n = ref_parse(amp, end, &cp, u, &un);
		if (!n) {
			s = amp + 1;
			continue;
		}
		sbuf_add(out, run, (size_t)(amp - run));
		sbuf_add(out, u, un);
		s = run = amp + n;
	}
	sbuf_add(out, run, (size_t)(end - run));
}

void html_escape(struct sbuf *out, const char *s, size_t len)
{
	const char *end = s + len, *run = s;
	for (; s < end; s++) {
		const char *e;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		default: continue;
		}
		sbuf_add(out, run, (size_t)(s - run));
		sbuf_adds(out, e);
		run = s + 1;
	}
	sbuf_add(out, run, (size_t)(end - run));
}

int html_looks_like(const char *s)
{
	for (; *s; s++) {
		if (*s == '<' && (isalpha((unsigned char)s[1]) ||
				  (s[1] == '/' && isalpha((unsigned char)s[2])) || s[1] == '!'))
			return 1;
		if (*s == '&') {
			char u[8];
			size_t un;
			unsigned cp;
			if (ref_parse(s, s + strlen(s), &cp, u, &un))
				return 1;
		}
	}
	return 0;
}

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* What may stay. Elements not listed lose their tags but keep their text. */
static const char *const ok_elements[] = {
	"a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi",
	"bdo", "big", "blockquote", "br", "caption", "center", "cite", "code", "col",
	"colgroup", "dd", "del", "details", "dfn", "dir", "div", "dl", "dt", "em", "figcaption",
	"figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
	"img", "ins", "kbd", "li", "map", "mark", "menu", "nav", "ol", "p", "picture", "pre", "q",
	"rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike",
	"strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
	"time", "tr", "tt", "u", "ul", "var", "video", "wbr", NULL};
/* Dropped with everything inside them. */
static const char *const drop_elements[] = {
	"script", "style", "applet", "iframe", "object", "embed", "noembed", "noframes",
	"frameset", "frame", "template", "head", "title", "svg", "math", "xml", "select",
	"textarea", "button", NULL};
static const char *const void_elements[] = {
	"area", "br", "col", "embed", "hr", "img", "source", "wbr", "input", "link", "meta",
	"param", "track", "base", "basefont", "frame", NULL};
static const char *const ok_attrs[] = {
	"abbr", "align", "alt", "axis", "bgcolor", "border", "cellpadding", "cellspacing",
	"char", "charoff", "cite", "class", "clear", "color", "cols", "colspan", "compact",
	"controls", "coords", "datetime", "dir", "face", "headers", "height", "href", "hreflang",
	"hspace", "id", "lang", "longdesc", "media", "name", "noshade", "nowrap", "poster",
	"rel", "rev", "rows", "rowspan", "rules", "scope", "shape", "size", "span", "src",
	"start", "summary", "title", "type", "usemap", "valign", "value", "vspace", "width",
	NULL};
static const char *const url_attrs[] = {"href", "src", "cite", "longdesc", "usemap", "poster",
					NULL};

/* Lower-cased ASCII name from p into buf; returns the end of the name. */
static const char *read_name(const char *p, const char *end, char *buf, size_t bufsz)
{
	size_t n = 0;
	while (p < end && !isspace((unsigned char)*p) && *p != '>' && *p != '/' && *p != '=' &&
	       *p != '<') {
		if (n + 1 < bufsz)
			buf[n++] = (char)tolower((unsigned char)*p);
		else
			buf[0] = '\0', n = bufsz; /* too long: no known name */
		p++;
	}
	if (n >= bufsz)
		n = 0;
	buf[n] = '\0';
	return p;
}

static const char *find_ci(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++)
		if (strncasecmp(p, needle, n) == 0)
			return p;
	return NULL;
}

static const char *find_str(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

/* A URL is safe when it is relative or uses a scheme that cannot run code. The check
 * ignores the whitespace and control characters browsers ignore ("java\tscript:"). */
static int url_safe(const char *v)
{
	char scheme[16];
	size_t n = 0;
	const char *p = v;
	while (*p && ((unsigned char)*p <= 0x20))
		p++;
	for (; *p && *p != ':'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '/' || c == '?' || c == '#')
			return 1; /* relative */
		if (!isalnum(c) && c != '+' && c != '-' && c != '.')
			return 1; /* not a scheme: a relative reference */
		if (n + 1 >= sizeof scheme)
			return 0;
		scheme[n++] = (char)tolower(c);
	}
	if (!*p)
		return 1;
	scheme[n] = '\0';
	if (!strcmp(scheme, "http") || !strcmp(scheme, "https") || !strcmp(scheme, "ftp") ||
	    !strcmp(scheme, "mailto") || !strcmp(scheme, "news") || !strcmp(scheme, "nntp") ||
	    !strcmp(scheme, "tel") || !strcmp(scheme, "irc") || !strcmp(scheme, "feed") ||
	    !strcmp(scheme, "gopher") || !strcmp(scheme, "magnet"))
		return 1;
	if (!strcmp(scheme, "data")) {
		p++;
		while (*p && (unsigned char)*p <= 0x20)
			p++;
		return strncasecmp(p, "image/", 6) == 0 && strncasecmp(p, "image/svg", 9) != 0;
	}
	return 0;
}

struct tok_attr {
	char name[24];
	const char *val;
	size_t vlen;
	int has_val;
};

/* Parses a start tag's attributes from p; calls back for each. Returns the position after
 * '>' (or end) and sets *selfclose. */
static const char *parse_attrs(const char *p, const char *end, int *selfclose,
			       void (*each)(void *ctx, struct tok_attr *a), void *ctx)
{
	*selfclose = 0;
	while (p < end) {
		struct tok_attr a;
		while (p < end && (isspace((unsigned char)*p) || *p == '/')) {
			if (*p == '/' && p + 1 < end && p[1] == '>')
				*selfclose = 1;
			p++;
		}
		if (p >= end)
			break;
		if (*p == '>')
			return p + 1;
		if (*p == '<')
			return p; /* broken tag: let the next one start */
		p = read_name(p, end, a.name, sizeof a.name);
		if (p < end && *p == '=' && !a.name[0] && p[-1] != '=') {
			/* "=" with no name: skip it */
		}
		a.val = NULL;
		a.vlen = 0;
		a.has_val = 0;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p < end && *p == '=') {
			p++;
			while (p < end && isspace((unsigned char)*p))
				p++;
			a.has_val = 1;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p++;
				const char *e = memchr(p, q, (size_t)(end - p));
				if (!e)
					e = end;
				a.val = p;
				a.vlen = (size_t)(e - p);
				p = e < end ? e + 1 : end;
			} else {
				a.val = p;
				while (p < end && !isspace((unsigned char)*p) && *p != '>')
					p++;
				a.vlen = (size_t)(p - a.val);
			}
		} else if (!a.name[0] && p < end && *p != '>') {
			p++; /* a stray character */
			continue;
		}
		if (a.name[0])
			each(ctx, &a);
	}
	return p;
}

struct san_ctx {
	struct sbuf *out;
	const char *base;
	struct sbuf val;
};

static void san_attr(void *vctx, struct tok_attr *a)
{
	struct san_ctx *c = vctx;
	if (!in_list(a->name, ok_attrs))
		return; /* on* handlers, style and everything unknown */
	sbuf_reset(&c->val);
	html_decode(&c->val, a->val ? a->val : "", a->vlen);
	text_clean(c->val.s ? c->val.s : (char *)"");
	if (in_list(a->name, url_attrs)) {
		char *abs;
		const char *v = sbuf_str(&c->val);
		while (*v == ' ' || *v == '\t' || *v == '\n')
			v++;
		if (!url_safe(v))
			return;
		abs = url_resolve(c->base, v);
		if (!abs || !url_safe(abs)) {
			free(abs);
			return;
		}
		sbuf_addc(c->out, ' ');
		sbuf_adds(c->out, a->name);
		sbuf_add(c->out, "=\"", 2);
		html_escape(c->out, abs, strlen(abs));
		sbuf_addc(c->out, '"');
		free(abs);
		return;
	}
	sbuf_addc(c->out, ' ');
	sbuf_adds(c->out, a->name);
	sbuf_add(c->out, "=\"", 2);
	html_escape(c->out, sbuf_str(&c->val), c->val.len);
	sbuf_addc(c->out, '"');
}

static void ignore_attr(void *ctx, struct tok_attr *a)
{
	(void)ctx;
	(void)a;
}

/* Skips past the end tag of a dropped element (its whole content goes). */
static const char *skip_element(const char *p, const char *end, const char *name)
{
	char close[32];
	const char *q;
	size_t n = strlen(name);
	if (n + 3 > sizeof close)
		return end;
	close[0] = '<';
	close[1] = '/';
	memcpy(close + 2, name, n + 1);
	q = find_ci(p, end, close);
	if (!q)
		return end;
	q = memchr(q, '>', (size_t)(end - q));
	return q ? q + 1 : end;
}

/* Text: references decoded to UTF-8 except the ones that are markup. */
static void text_out(struct sbuf *out, const char *s, const char *end, int plain)
{
	const char *run = s;
	while (s < end) {
		char u[8];
		size_t un, n;
		unsigned cp;
		const char *q = s;
		while (q < end && *q != '&' && (plain || (*q != '<' && *q != '>')))
			q++;
		if (q >= end)
			break;
		if (*q != '&') {
			sbuf_add(out, run, (size_t)(q - run));
			sbuf_adds(out, *q == '<' ? "&lt;" : "&gt;");
			s = run = q + 1;
			continue;
		}
		n = ref_parse(q, end, &cp, u, &un);
		sbuf_add(out, run, (size_t)(q - run));
		if (!n) {
			sbuf_adds(out, plain ? "&" : "&amp;");
			s = run = q + 1;
			continue;
		}
		if (!plain && (cp == '&' || cp == '<' || cp == '>' || cp == '"'))
			sbuf_adds(out, cp == '&' ? "&amp;" : cp == '<' ? "&lt;" : cp == '>' ? "&gt;" : "&quot;");
		else
			sbuf_add(out, u, un);
		s = run = q + n;
	}
	sbuf_add(out, run, (size_t)(end - run));
}

static const char *const block_elements[] = {
	"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
	"table", "ul", "ol", "dl", "dt", "dd", "hr", "section", "article", "figure",
	"figcaption", "header", "footer", NULL};

static void html_walk(struct sbuf *out, const char *p, size_t len, const char *base, int plain)
{
	const char *end = p + len;
	struct san_ctx c = {out, base, SBUF_INIT};
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		char name[24];
		if (!lt)
			lt = end;
		text_out(out, p, lt, plain);
		p = lt;
		if (p >= end)
			break;
		if (p + 1 >= end) {
			sbuf_adds(out, plain ? "<" : "&lt;");
			break;
		}
		if (p[1] == '!') {
			if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
				const char *e = find_str(p + 4, end, "-->");
				p = e ? e + 3 : end;
			} else if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
				const char *e = find_str(p + 9, end, "]]>");
				const char *stop = e ? e : end;
				if (plain)
					sbuf_add(out, p + 9, (size_t)(stop - p - 9));
				else
					html_escape(out, p + 9, (size_t)(stop - p - 9));
				p = e ? e + 3 : end;
			} else {
				const char *e = memchr(p, '>', (size_t)(end - p));
				p = e ? e + 1 : end;
			}
			continue;
		}
		if (p[1] == '?') {
			const char *e = memchr(p, '>', (size_t)(end - p));
			p = e ? e + 1 : end;
			continue;
		}
		if (p[1] == '/' && p + 2 < end && isalpha((unsigned char)p[2])) {
			const char *e;
			read_name(p + 2, end, name, sizeof name);
			e = memchr(p, '>', (size_t)(end - p));
			p = e ? e + 1 : end;
			if (plain) {
				if (in_list(name, block_elements))
					sbuf_addc(out, '\n');
			} else if (in_list(name, ok_elements) && !in_list(name, void_elements)) {
				sbuf_add(out, "</", 2);
				sbuf_adds(out, name);
				sbuf_addc(out, '>');
			}
			continue;
		}
		if (isalpha((unsigned char)p[1])) {
			int selfclose, ok;
			const char *q = read_name(p + 1, end, name, sizeof name);
			if (in_list(name, drop_elements)) {
				q = parse_attrs(q, end, &selfclose, ignore_attr, NULL);
				p = selfclose || in_list(name, void_elements) ? q : skip_element(q, end, name);
				continue;
			}
			ok = !plain && in_list(name, ok_elements);
			if (ok) {
				sbuf_addc(out, '<');
				sbuf_adds(out, name);
			}
			p = parse_attrs(q, end, &selfclose, ok ? san_attr : ignore_attr, &c);
			if (ok)
				sbuf_adds(out, in_list(name, void_elements) ? " />" : ">");
			if (plain && in_list(name, block_elements))
				sbuf_addc(out, '\n');
			if (plain && !strcmp(name, "img")) {
				/* an image's alt text is what a text reader shows */
			}
			continue;
		}
		sbuf_adds(out, plain ? "<" : "&lt;");
		p++;
	}
	sbuf_free(&c.val);
}

void html_sanitize(struct sbuf *out, const char *html, size_t len, const char *base)
{
	html_walk(out, html, len, base, 0);
}

void html_to_text(struct sbuf *out, const char *html, size_t len)
{
	html_walk(out, html, len, NULL, 1);
}
