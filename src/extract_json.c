/* extract_json: JSON-LD blocks of article pages read with jansson, within bounds.
 * The text comes from the network: nesting and size are limited before jansson sees it. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

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
