/* extract_json: JSON-LD blocks of article pages read with jansson, within bounds.
 * The text comes from the network: nesting and size are limited before jansson sees it. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"
#include "crier/html.h"

/* Pages put raw line breaks and tabs inside JSON-LD strings (articleBody above all), which
 * JSON forbids and jansson rejects; browsers' readers take them, so they become escapes
 * here. Also measures the nesting outside strings: over JSONLD_MAX_DEPTH is no JSON. */
static char *jsonld_prepare(const char *s, size_t len, size_t *outlen)
{
	struct sbuf b = SBUF_INIT;
	int in_str = 0, esc = 0, depth = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
			else if (c < 0x20) {
				sbuf_adds(&b, c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : " ");
				continue;
			}
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > JSONLD_MAX_DEPTH) {
				sbuf_free(&b);
				return NULL;
			}
		} else if (c == '}' || c == ']') {
			depth--;
		}
		sbuf_addc(&b, (char)c);
	}
	*outlen = b.len;
	return b.len ? sbuf_steal(&b) : (sbuf_free(&b), NULL);
}

json_t *jsonld_load(const char *s, size_t len)
{
	if (len > JSONLD_MAX_SIZE)
		return NULL;
	/* Pages wrap JSON-LD in comments or CDATA markers now and then. */
	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		len--;
	}
	if (len >= 4 && memcmp(s, "<!--", 4) == 0) {
		s += 4;
		len -= 4;
	} else if (len >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		s += 9;
		len -= 9;
	}
	size_t n = 0;
	char *t = jsonld_prepare(s, len, &n);
	if (!t)
		return NULL;
	json_error_t err;
	/* Whatever follows the value ("-->", "]]>", a stray semicolon) is left unread. */
	json_t *j = json_loadb(t, n, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &err);
	free(t);
	return j;
}

json_t *jsonld_get(const json_t *obj, const char *key)
{
	return json_is_object(obj) ? json_object_get(obj, key) : NULL;
}

const char *jsonld_get_str(const json_t *obj, const char *key)
{
	json_t *v = jsonld_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Characters of text below n, and of text inside links. */
static void ld_count(const xmlNode *n, int inlink, size_t *text, size_t *link, int depth)
{
	for (; n && depth < 200; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content) {
			size_t k = 0;
			for (const char *s = (const char *)n->content; *s; s++)
				k += !isspace((unsigned char)*s) && ((unsigned char)*s & 0xC0) != 0x80;
			*text += k;
			if (inlink)
				*link += k;
		} else if (n->type == XML_ELEMENT_NODE && !node_ignored(n)) {
			ld_count(n->children, inlink || node_is(n, "a"), text, link, depth + 1);
		}
	}
}

/* A box in the metadata's HTML that is not story: a photo with its caption, navigation,
 * or a box of links to other stories ("Read more" lists). */
static int ld_box_out(const xmlNode *n)
{
	if (node_is(n, "figure") || node_is(n, "figcaption") || node_is(n, "aside") ||
	    node_is(n, "nav"))
		return 1;
	if (!node_is(n, "div") && !node_is(n, "ul") && !node_is(n, "ol") &&
	    !node_is(n, "section") && !node_is(n, "table"))
		return 0;
	size_t text = 0, link = 0;
	ld_count(n->children, 0, &text, &link, 0);
	return text && link * 2 > text;
}

/* The text of HTML given in metadata, a line break at each block and <br>, other white
 * space as one space. */
static void ld_html_text(const xmlNode *n, struct sbuf *b, int depth)
{
	for (; n && depth < 200; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			for (const char *s = (const char *)n->content; s && *s; s++)
				if (!isspace((unsigned char)*s))
					sbuf_addc(b, *s);
				else if (b->len && !isspace((unsigned char)b->s[b->len - 1]))
					sbuf_addc(b, ' ');
		} else if (n->type == XML_ELEMENT_NODE && !node_ignored(n) && !ld_box_out(n)) {
			int brk = node_is(n, "br") || dom_is_block(n);
			if (brk)
				sbuf_addc(b, '\n');
			ld_html_text(n->children, b, depth + 1);
			if (brk)
				sbuf_addc(b, '\n');
		}
	}
}

/* HTML text in t (parsed: its entities read) into b. */
static void ld_parse(const char *t, struct sbuf *b)
{
	htmlDocPtr d = htmlReadMemory(t, (int)strlen(t), NULL, "UTF-8",
				      HTML_PARSE_NONET | HTML_PARSE_NOERROR |
					      HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	if (d) {
		ld_html_text(xmlDocGetRootElement(d), b, 0);
		xmlFreeDoc(d);
	}
}

/* Markup, not text that holds a '<' ("aged <12", "f<d"): a closing tag or a <br>. */
static int ld_markup(const char *t)
{
	for (const char *s = strchr(t, '<'); s; s = strchr(s + 1, '<'))
		if ((s[1] == '/' && isalpha((unsigned char)s[2])) ||
		    (strncasecmp(s + 1, "br", 2) == 0 && strchr(" />", s[3])))
			return 1;
	return 0;
}

/* The text of a metadata body (articleBody, the description) into b: plain text as it
 * is, HTML (or HTML escaped once more, "&lt;p&gt;Text") read with a line break at each
 * block and <br>; markup is never body text. */
void ld_body_text(const char *t, struct sbuf *b)
{
	if (!strchr(t, '<') && strstr(t, "&lt;")) {
		struct sbuf u = SBUF_INIT;
		html_decode(&u, t, strlen(t));
		if (u.len && ld_markup(sbuf_str(&u)))
			ld_parse(sbuf_str(&u), b);
		else
			sbuf_add(b, sbuf_str(&u), u.len);
		sbuf_free(&u);
	} else if (ld_markup(t)) {
		ld_parse(t, b);
	} else {
		sbuf_adds(b, t);
	}
}
