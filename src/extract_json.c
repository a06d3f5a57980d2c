/* extract_json: a small JSON reader for the JSON-LD blocks of article pages.
 * Depth and size are bounded: the text comes from the network. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

#define JSON_MAX_DEPTH 32

struct jp {
	const char *s, *end;
	int depth;
};

static void skip_ws(struct jp *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static void put_utf8(struct sbuf *b, unsigned cp)
{
	char u[4];
	size_t n = utf8_encode(u, cp);
	sbuf_add(b, u, n);
}

static int hex4(const char *s, const char *end, unsigned *v)
{
	*v = 0;
	if (end - s < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static char *parse_string(struct jp *p)
{
	struct sbuf b = SBUF_INIT;
	p->s++; /* opening quote */
	while (p->s < p->end && *p->s != '"') {
		const char *start = p->s;
		while (p->s < p->end && *p->s != '"' && *p->s != '\\')
			p->s++;
		sbuf_add(&b, start, (size_t)(p->s - start));
		if (p->s >= p->end || *p->s == '"')
			break;
		p->s++; /* backslash */
		if (p->s >= p->end)
			break;
		char c = *p->s++;
		switch (c) {
		case 'n': sbuf_addc(&b, '\n'); break;
		case 't': sbuf_addc(&b, '\t'); break;
		case 'r': sbuf_addc(&b, '\r'); break;
		case 'b': case 'f': sbuf_addc(&b, ' '); break;
		case 'u': {
			unsigned cp, lo;
			if (hex4(p->s, p->end, &cp) < 0)
				goto fail;
			p->s += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && p->end - p->s >= 6 && p->s[0] == '\\' &&
			    p->s[1] == 'u' && hex4(p->s + 2, p->end, &lo) == 0 && lo >= 0xDC00 &&
			    lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p->s += 6;
			} else if (cp >= 0xD800 && cp < 0xE000) {
				cp = 0xFFFD;
			}
			if (cp == 0)
				cp = 0xFFFD;
			put_utf8(&b, cp);
			break;
		}
		default: sbuf_addc(&b, c); break;
		}
	}
	if (p->s >= p->end)
		goto fail;
	p->s++;
	if (!b.s)
		return xstrdup("");
	return sbuf_steal(&b);
fail:
	sbuf_free(&b);
	return NULL;
}

static struct json *parse_value(struct jp *p);

static struct json *parse_container(struct jp *p, int obj)
{
	struct json *j = xcalloc(1, sizeof *j), **tail = &j->kids;
	j->type = obj ? JSON_OBJ : JSON_ARR;
	if (++p->depth > JSON_MAX_DEPTH)
		goto fail;
	p->s++;
	skip_ws(p);
	if (p->s < p->end && *p->s == (obj ? '}' : ']')) {
		p->s++;
		p->depth--;
		return j;
	}
	for (;;) {
		char *key = NULL;
		struct json *v;
		skip_ws(p);
		if (obj) {
			if (p->s >= p->end || *p->s != '"' || !(key = parse_string(p)))
				goto fail;
			skip_ws(p);
			if (p->s >= p->end || *p->s != ':') {
				free(key);
				goto fail;
			}
			p->s++;
		}
		v = parse_value(p);
		if (!v) {
			free(key);
			goto fail;
		}
		v->key = key;
		*tail = v;
		tail = &v->next;
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == (obj ? '}' : ']')) {
			p->s++;
			break;
		}
		goto fail;
	}
	p->depth--;
	return j;
fail:
	json_free(j);
	return NULL;
}

static struct json *parse_value(struct jp *p)
{
	struct json *j;
	skip_ws(p);
	if (p->s >= p->end)
		return NULL;
	switch (*p->s) {
	case '{':
		return parse_container(p, 1);
	case '[':
		return parse_container(p, 0);
	case '"': {
		char *s = parse_string(p);
		if (!s)
			return NULL;
		j = xcalloc(1, sizeof *j);
		j->type = JSON_STR;
		j->str = s;
		return j;
	}
	default:
		break;
	}
	j = xcalloc(1, sizeof *j);
	if (p->end - p->s >= 4 && memcmp(p->s, "true", 4) == 0) {
		j->type = JSON_BOOL;
		j->b = 1;
		p->s += 4;
	} else if (p->end - p->s >= 5 && memcmp(p->s, "false", 5) == 0) {
		j->type = JSON_BOOL;
		p->s += 5;
	} else if (p->end - p->s >= 4 && memcmp(p->s, "null", 4) == 0) {
		j->type = JSON_NULL;
		p->s += 4;
	} else {
		const char *st = p->s;
		while (p->s < p->end && strchr("+-0123456789.eE", *p->s))
			p->s++;
		if (p->s == st) {
			free(j);
			return NULL;
		}
		j->type = JSON_NUM;
		j->str = xstrndup(st, (size_t)(p->s - st));
	}
	return j;
}

struct json *json_parse(const char *s, size_t len)
{
	struct jp p = {s, s + len, 0};
	struct json *j;
	/* Pages wrap JSON-LD in comments or CDATA markers now and then. */
	skip_ws(&p);
	if (p.end - p.s >= 4 && memcmp(p.s, "<!--", 4) == 0)
		p.s += 4;
	else if (p.end - p.s >= 9 && memcmp(p.s, "<![CDATA[", 9) == 0)
		p.s += 9;
	j = parse_value(&p);
	return j;
}

void json_free(struct json *j)
{
	while (j) {
		struct json *next = j->next;
		json_free(j->kids);
		free(j->str);
		free(j->key);
		free(j);
		j = next;
	}
}

struct json *json_get(const struct json *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJ)
		return NULL;
	for (struct json *k = obj->kids; k; k = k->next)
		if (k->key && strcmp(k->key, key) == 0)
			return k;
	return NULL;
}

const char *json_get_str(const struct json *obj, const char *key)
{
	struct json *v = json_get(obj, key);
	return v && v->type == JSON_STR ? v->str : NULL;
}
