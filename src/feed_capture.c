/* feed_capture: the text of the element being read, taken as plain text, HTML (escaped,
 * CDATA or written as child elements), XHTML serialised back, base64, or one URL, and
 * turned into the value its slot keeps. */
#include "config.h"
#include "feed_int.h"
#include "crier/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
/* ---- capture ---- */

void feed_cap_start(struct feed_parser *p, enum mode mode, enum dest dest, enum kind kind,
		      struct slots *scope, enum slot slot)
{
	p->capturing = 1;
	p->cap_depth = p->depth;
	p->cap_mode = mode;
	p->cap_dest = dest;
	p->cap_kind = kind;
	p->cap_scope = scope;
	p->cap_slot = slot;
	p->cap_base = p->stack[p->depth - 1].base;
	p->cap_html = mode == M_HTML;
	p->cap_permalink = 0;
	p->cap_xhtml = 0;
	p->cap_skip = 0;
	p->cap_cut = 0;
	sbuf_reset(&p->cap);
}

static int is_date_slot(enum slot s)
{
	switch (s) {
	case S_PUBDATE: case S_DC_DATE: case S_PUBLISHED: case S_UPDATED: case S_ISSUED:
	case S_MODIFIED: case S_CREATED: case S_DCT_MODIFIED: case S_DCT_ISSUED:
	case S_DCT_CREATED: case S_LASTBUILD:
		return 1;
	default:
		return 0;
	}
}

/* An XML media type (image/svg+xml, application/xml): its markup is inline. */
static int is_xml_type(const char *type)
{
	size_t n = strlen(type);
	return (n > 4 && !strcmp(type + n - 4, "+xml")) || (n > 4 && !strcmp(type + n - 4, "/xml"));
}

/* Atom text constructs: type (1.0) or mode (0.3) says how to read them. */
void feed_cap_atom_type(struct feed_parser *p, const xmlChar **attrs, int nattr)
{
	char *type = feed_attr(attrs, nattr, "type", NS_NONE, 1);
	char *mode = feed_attr(attrs, nattr, "mode", NS_NONE, 1);
	p->cap_mode = M_TEXT;
	p->cap_html = 0;
	if (type) {
		for (char *c = type; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!strcmp(type, "html") || !strcmp(type, "text/html")) {
			p->cap_mode = M_HTML;
			p->cap_html = 1;
		} else if (!strcmp(type, "xhtml") || !strcmp(type, "application/xhtml+xml")) {
			p->cap_mode = M_XHTML;
		} else if (strchr(type, '/') && strncmp(type, "text/", 5) && !is_xml_type(type)) {
			/* RFC 4287 4.1.3.3: any other media type is base64 (a word such as
			 * Media RSS's "plain" is not a media type) */
			p->cap_mode = M_BASE64;
		}
	}
	if (mode) {
		if (!strcasecmp(mode, "escaped")) {
			if (p->cap_mode == M_TEXT && !(type && !strcmp(type, "text/plain"))) {
				p->cap_mode = M_HTML;
				p->cap_html = 1;
			}
		} else if (!strcasecmp(mode, "base64")) {
			p->cap_mode = M_BASE64;
			p->cap_html = type && strstr(type, "html") != NULL;
		} else if (!strcasecmp(mode, "xml") && p->cap_mode != M_TEXT) {
			p->cap_mode = M_XHTML;
		}
	}
	if (p->cap_mode == M_XHTML)
		p->cap_xhtml = 1;
	free(type);
	free(mode);
}

void feed_b64_decode(struct sbuf *out, const char *s, size_t n)
{
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c >= 'A' && c <= 'Z') d = c - 'A';
		else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
		else if (c >= '0' && c <= '9') d = c - '0' + 52;
		else if (c == '+' || c == '-') d = 62;
		else if (c == '/' || c == '_') d = 63;
		else continue;
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			sbuf_addc(out, (char)((v >> bits) & 0xFF));
		}
	}
}

void feed_trim_buf(struct sbuf *b, const char **s, size_t *n)
{
	const char *a = sbuf_str(b), *e = a + b->len;
	while (a < e && isspace((unsigned char)*a))
		a++;
	while (e > a && isspace((unsigned char)e[-1]))
		e--;
	*s = a;
	*n = (size_t)(e - a);
}

/* The captured text becomes a value for its destination. */
static char *cap_value(struct feed_parser *p, int *is_text)
{
	struct sbuf *src = &p->cap;
	const char *s;
	size_t n;
	char *v;
	*is_text = 0;
	if (p->cap_mode == M_BASE64) {
		sbuf_reset(&p->tmp2);
		feed_b64_decode(&p->tmp2, sbuf_str(&p->cap), p->cap.len);
		sbuf_reset(&p->cap);
		sbuf_add(&p->cap, sbuf_str(&p->tmp2), p->tmp2.len);
		text_clean(p->cap.s ? p->cap.s : (char *)"");
		p->cap.len = strlen(sbuf_str(&p->cap));
	}
	feed_trim_buf(src, &s, &n);
	if (n == 0)
		return NULL;
	sbuf_reset(&p->tmp);
	switch (p->cap_mode) {
	case M_URL:
		v = xstrndup(s, n);
		{
			char *r = feed_resolve(p->cap_base, v);
			free(v);
			return r;
		}
	case M_RAW:
		return feed_clean_line(xstrndup(s, n));
	case M_ID:
		v = feed_clean_line(xstrndup(s, n));
		if (v && p->cap_base && feed_has_no_scheme(v)) {
			/* feedparser resolves a relative id against xml:base */
			char *r = feed_resolve(p->cap_base, v);
			if (r) {
				free(v);
				v = r;
			}
		}
		return v;
	default:
		break;
	}
	if (p->cap_kind == K_TEXT) {
		/* titles, names, captions: one line of text */
		if (p->cap_html || p->cap_xhtml ||
		    (p->cap_mode == M_TEXT && p->format != 2 && html_looks_like(s)) ||
		    (p->cap_mode == M_BASE64 && p->cap_html))
			html_to_text(&p->tmp, s, n);
		else
			sbuf_add(&p->tmp, s, n);
		*is_text = 1;
		return feed_clean_line(xstrndup(sbuf_str(&p->tmp), p->tmp.len));
	}
	/* HTML fields */
	if (p->cap_html || p->cap_xhtml || (p->cap_mode == M_BASE64 && p->cap_html)) {
		html_sanitize(&p->tmp, s, n, p->cap_base);
	} else if (p->cap_mode == M_ATOM || p->cap_mode == M_TEXT || p->cap_mode == M_BASE64) {
		/* plain text, kept as text (the *_type keys say so) */
		sbuf_add(&p->tmp, s, n);
		*is_text = 1;
	}
	v = xstrndup(sbuf_str(&p->tmp), p->tmp.len); /* tmp keeps its memory */
	v = feed_clean_text(v);
	if (!*v) {
		free(v);
		return NULL;
	}
	return v;
}

void feed_cap_end(struct feed_parser *p)
{
	int is_text;
	char *v;
	p->capturing = 0;
	v = cap_value(p, &is_text);
	if (!v)
		return;
	switch (p->cap_dest) {
	case D_SLOT:
		if (is_date_slot(p->cap_slot) && p->cap_scope->v[p->cap_slot]) {
			/* a repeated date: the last one wins, as feedparser reads it */
			free(p->cap_scope->v[p->cap_slot]);
			p->cap_scope->v[p->cap_slot] = NULL;
		}
		feed_slot_set(p->cap_scope, p->cap_slot, v, is_text);
		break;
	case D_CATEGORY:
		feed_add_category(p, v);
		break;
	case D_MEDIA:
	case D_GROUP: {
		char **dst = NULL;
		if (p->cap_dest == D_MEDIA && p->nmedia) {
			struct feed_media *m = &p->media[p->nmedia - 1];
			dst = p->cap_slot == S_M_DESCRIPTION ? &m->caption :
			      p->cap_slot == S_M_CREDIT ? &m->credit : &m->title;
		} else if (p->cap_dest == D_GROUP) {
			dst = p->cap_slot == S_M_DESCRIPTION ? &p->group_desc :
			      p->cap_slot == S_M_CREDIT ? &p->group_credit : &p->group_title;
		}
		if (dst && !*dst)
			*dst = v;
		else
			free(v);
		break;
	}
	}
}

/* ---- SAX ---- */

void feed_cap_add(struct feed_parser *p, const char *s, size_t n)
{
	if (p->cap.len + n > MAX_FIELD) {
		if (!p->cap_cut)
			feed_warn(p, feed_line(p), "a field longer than %u bytes was cut", MAX_FIELD);
		p->cap_cut = 1;
		return;
	}
	sb_put(&p->cap, s, n);
}

void feed_on_chars(void *user, const xmlChar *ch, int len)
{
	struct feed_parser *p = user;
	KEEP_GOING(p);
	if (!p->capturing || len <= 0)
		return;
	if (p->cap_xhtml) {
		/* serialised HTML: text is escaped again */
		size_t before = p->cap.len;
		html_escape(&p->cap, (const char *)ch, (size_t)len);
		if (p->cap.len > MAX_FIELD) {
			p->cap.len = before;
			p->cap.s[before] = '\0';
		}
		return;
	}
	feed_cap_add(p, (const char *)ch, (size_t)len);
}

static const char *const void_tags[] = {"area", "br", "col", "embed", "hr", "img", "input",
					"link", "meta", "param", "source", "track", "wbr", NULL};

static int is_void(const char *name)
{
	for (const char *const *v = void_tags; *v; v++)
		if (strcasecmp(name, *v) == 0)
			return 1;
	return 0;
}

/* Inside an HTML field, an element is markup to keep (written back as HTML); inside a
 * text field only its text counts. */
void feed_cap_open(struct feed_parser *p, const xmlChar *local, const xmlChar *uri,
		   int nattr, const xmlChar **attrs)
{
	if (!p->cap_xhtml && p->cap_mode == M_HTML && !p->cap_skip &&
	    p->depth == p->cap_depth + 1 && strcmp((const char *)local, "div") == 0) {
		/* escaped HTML wrapped in a literal <div> (type="html" in Atom, an RSS
		 * description): the wrapper is no markup to keep, its text stays HTML */
		p->cap_skip = p->depth;
		return;
	}
	if (!(p->cap_kind == K_HTML && (p->cap_xhtml || p->cap_mode == M_HTML ||
					p->cap_mode == M_TEXT || p->cap_mode == M_ATOM))) {
		/* text destinations: <br/> still separates words */
		if (p->cap_kind == K_TEXT)
			feed_cap_add(p, " ", 1);
		return;
	}
	if (!p->cap_xhtml) {
		/* markup written straight into an RSS description: read it as HTML */
		if (p->cap_mode != M_HTML) {
			struct sbuf esc = SBUF_INIT;
			html_escape(&esc, sbuf_str(&p->cap), p->cap.len);
			sbuf_reset(&p->cap);
			sbuf_add(&p->cap, sbuf_str(&esc), esc.len);
			sbuf_free(&esc);
		}
		p->cap_xhtml = 1;
		p->cap_html = 1;
	}
	if (p->depth == p->cap_depth + 1 && p->cap_mode == M_XHTML && !p->cap_skip &&
	    strcmp((const char *)local, "div") == 0) {
		/* Atom's xhtml wrapper div is not content (white space before it neither) */
		size_t i = 0;
		while (i < p->cap.len && isspace((unsigned char)p->cap.s[i]))
			i++;
		if (i == p->cap.len) {
			sbuf_reset(&p->cap);
			p->cap_skip = p->depth;
			return;
		}
	}
	sbuf_addc(&p->cap, '<');
	sbuf_adds(&p->cap, (const char *)local);
	if (uri && (!strcmp((const char *)local, "svg") || !strcmp((const char *)local, "math")) &&
	    (!strcmp((const char *)uri, "http://www.w3.org/2000/svg") ||
	     !strcmp((const char *)uri, "http://www.w3.org/1998/Math/MathML"))) {
		/* inline SVG and MathML say what they are */
		sbuf_adds(&p->cap, " xmlns=\"");
		sbuf_adds(&p->cap, (const char *)uri);
		sbuf_addc(&p->cap, '"');
	}
	for (int i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + i * 5;
		if (a[1] && strcmp((const char *)a[1], "xml") == 0)
			continue;
		sbuf_addc(&p->cap, ' ');
		sbuf_adds(&p->cap, (const char *)a[0]);
		sbuf_add(&p->cap, "=\"", 2);
		/* values keep their references; only the quote and brackets need escaping */
		{
			const xmlChar *run = a[3], *c = a[3];
			for (; c < a[4]; c++) {
				const char *e = *c == '"' ? "&quot;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;" : NULL;
				if (!e)
					continue;
				sb_put(&p->cap, (const char *)run, (size_t)(c - run));
				sbuf_adds(&p->cap, e);
				run = c + 1;
			}
			sb_put(&p->cap, (const char *)run, (size_t)(c - run));
		}
		sbuf_addc(&p->cap, '"');
	}
	sbuf_adds(&p->cap, is_void((const char *)local) ? " />" : ">");
}

void feed_cap_close(struct feed_parser *p, const xmlChar *local)
{
	if (p->cap_skip && p->cap_skip == p->depth) {
		p->cap_skip = 0;
		return;
	}
	if (!p->cap_xhtml)
		return;
	if (is_void((const char *)local))
		return;
	sbuf_add(&p->cap, "</", 2);
	sbuf_adds(&p->cap, (const char *)local);
	sbuf_addc(&p->cap, '>');
}
