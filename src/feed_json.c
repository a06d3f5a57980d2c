/* feed_json: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1 and /1.1) read with
 * jansson into the same feed record and items as RSS and Atom, through the same
 * callbacks, so --parse and the store need nothing of their own. A document that starts
 * with '{' is collected (up to a size limit), its nesting checked against a depth limit
 * before jansson sees it, and read at feed_parser_finish. */
#include "config.h"
#include "feed_int.h"
#include "crier/date.h"
#include "crier/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define MAX_JSON (64u << 20) /* bytes of a JSON Feed kept in memory */
#define MAX_JSON_DEPTH 32    /* a feed needs 4 (feed, items, item, authors) */

int feed_json_start(const char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
	    (unsigned char)s[2] == 0xBF)
		i = 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i < n && s[i] == '{';
}

int feed_json_push(struct feed_parser *p, const char *buf, size_t len)
{
	if (p->json.len + len > MAX_JSON) {
		snprintf(p->errbuf, sizeof p->errbuf, "%s: JSON Feed larger than %u MB: not read",
			 p->name, MAX_JSON >> 20);
		p->failed = 1;
		return -1;
	}
	sbuf_add(&p->json, buf, len);
	return 0;
}

/* The deepest nesting of objects and arrays, outside strings; stops past limit. */
static int json_depth(const char *s, size_t n, int limit)
{
	int depth = 0, max = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > max && (max = depth) > limit)
				return max;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return max;
}

static const char *jstr_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One line of text (titles, names, ids, URLs): control characters and runs of white
 * space go; NULL when nothing is left. */
static char *line_of(const char *s)
{
	return s ? feed_clean_line(xstrdup(s)) : NULL;
}

static char *url_of(struct feed_parser *p, const char *s, const char *base)
{
	char *v = line_of(s);
	char *r;
	if (!v)
		return NULL;
	r = feed_resolve(base ? base : p->doc_url, v);
	free(v);
	return r;
}

static int64_t date_of(json_t *o, const char *key)
{
	const char *s = jstr_of(o, key);
	return s ? date_parse(s) : CRIER_NO_DATE;
}

/* authors (1.1) or author (1.0): the names, joined with ", " */
static char *authors_of(json_t *o)
{
	json_t *a = json_object_get(o, "authors");
	struct sbuf b = SBUF_INIT;
	if (!json_is_array(a)) {
		json_t *one = json_object_get(o, "author");
		const char *n = json_is_object(one) ? jstr_of(one, "name") : NULL;
		return line_of(n);
	}
	for (size_t i = 0; i < json_array_size(a) && i < MAX_LIST; i++) {
		const char *n = jstr_of(json_array_get(a, i), "name");
		char *c = line_of(n);
		if (!c)
			continue;
		if (b.len)
			sbuf_adds(&b, ", ");
		sbuf_adds(&b, c);
		free(c);
	}
	return b.len ? sbuf_steal(&b) : (sbuf_free(&b), NULL);
}

static char *html_of(const char *s, const char *base)
{
	struct sbuf b = SBUF_INIT;
	if (!s || !*s)
		return NULL;
	html_sanitize(&b, s, strlen(s), base);
	if (!b.len) {
		sbuf_free(&b);
		return NULL;
	}
	return feed_clean_text(sbuf_steal(&b));
}

static char *text_of(const char *s)
{
	char *v;
	if (!s)
		return NULL;
	v = feed_clean_text(xstrdup(s));
	/* feed_clean_text trusts libxml2 to have left no C0 control; a JSON string ("\u001b")
	 * may hold any */
	if (v)
		text_clean(v);
	if (v && !*v) {
		free(v);
		return NULL;
	}
	return v;
}

/* An item: the parser's item lists (categories, enclosures, media) are filled and handed
 * on as the XML path hands them. */
static int json_item(struct feed_parser *p, json_t *o, const char *base)
{
	struct feed_item it;
	char *title, *link, *id, *author, *summary, *content, *image, *banner;
	const char *content_type = NULL;
	json_t *v;
	char idbuf[32];
	int r = 0;

	memset(&it, 0, sizeof it);
	feed_item_reset(p);
	title = line_of(jstr_of(o, "title"));
	link = url_of(p, jstr_of(o, "url"), base);
	if (!link)
		link = url_of(p, jstr_of(o, "external_url"), base);
	v = json_object_get(o, "id");
	if (json_is_integer(v)) {
		/* 1.0 feeds sometimes write the id as a number */
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(v));
		id = xstrdup(idbuf);
	} else {
		id = line_of(json_is_string(v) ? json_string_value(v) : NULL);
	}
	author = authors_of(o);
	content = html_of(jstr_of(o, "content_html"), link ? link : base);
	if (content) {
		content_type = "html";
	} else if ((content = text_of(jstr_of(o, "content_text"))) != NULL) {
		content_type = "text";
	}
	summary = text_of(jstr_of(o, "summary"));
	image = url_of(p, jstr_of(o, "image"), base);
	banner = url_of(p, jstr_of(o, "banner_image"), base);

	v = json_object_get(o, "tags");
	for (size_t i = 0; json_is_array(v) && i < json_array_size(v); i++) {
		json_t *t = json_array_get(v, i);
		if (json_is_string(t))
			feed_add_category(p, xstrdup(json_string_value(t)));
	}
	v = json_object_get(o, "attachments");
	for (size_t i = 0; json_is_array(v) && i < json_array_size(v); i++) {
		json_t *a = json_array_get(v, i), *size, *dur;
		char *u = url_of(p, jstr_of(a, "url"), base), len[32] = "";
		size_t before = p->nencs;
		if (!u)
			continue;
		size = json_object_get(a, "size_in_bytes");
		if (json_is_integer(size) && json_integer_value(size) >= 0)
			snprintf(len, sizeof len, "%lld", (long long)json_integer_value(size));
		feed_add_enclosure(p, u, line_of(jstr_of(a, "mime_type")), *len ? xstrdup(len) : NULL);
		dur = json_object_get(a, "duration_in_seconds");
		if (p->nencs > before && json_is_number(dur) && json_number_value(dur) > 0 &&
		    json_number_value(dur) < 1e12)
			p->encs[p->nencs - 1].duration = (long long)json_number_value(dur);
	}
	for (char **m = (char *[]){image, banner}, **e = m + 2; m < e; m++) {
		if (!*m || (p->nmedia && !strcmp(p->media[0].url, *m)))
			continue;
		p->media = xrealloc(p->media, (p->nmedia + 1) * sizeof *p->media);
		memset(&p->media[p->nmedia], 0, sizeof *p->media);
		p->media[p->nmedia++].url = xstrdup(*m);
	}

	it.title = title;
	it.link = link;
	it.id = id ? id : link;
	it.author = author;
	it.published = date_of(o, "date_published");
	it.updated = date_of(o, "date_modified");
	if (it.updated == CRIER_NO_DATE)
		it.updated = it.published;
	it.content = content;
	it.content_type = content_type;
	it.summary = summary;
	it.summary_type = summary ? "text" : NULL;
	if (!it.summary && content) {
		/* content alone: it is the summary too, as for RSS and Atom */
		it.summary = content;
		it.summary_type = content_type;
	}
	it.categories = p->cats;
	it.ncategories = p->ncats;
	it.enclosures = p->encs;
	it.nenclosures = p->nencs;
	it.media = p->media;
	it.nmedia = p->nmedia;
	if ((it.id || it.title || it.content) && p->cb.on_item)
		r = p->cb.on_item(p->cb.ctx, &it);
	free(title);
	free(link);
	free(id);
	free(author);
	free(summary);
	free(content);
	free(image);
	free(banner);
	feed_item_reset(p);
	return r;
}

/* ---- reading the document a member at a time ----
 * jansson builds a tree of the whole document: for a 50 MB feed about twice its size
 * again. The top-level members but "items" are small and read as they are; the items
 * array is only located, and its elements read one at a time as they are handed on, so
 * the tree never holds more than one item. Anything this scan does not understand goes
 * to jansson whole, which says what is wrong. */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

/* The end of the JSON value at s[i] (no white space before it): strings, objects and
 * arrays matched, scalars up to the next delimiter; 0 when it does not end or nests
 * deeper than limit (depth is the nesting around it). */
static size_t skip_value(const char *s, size_t n, size_t i, int depth, int limit)
{
	int d = 0;
	do {
		if (i >= n)
			return 0;
		if (s[i] == '"') {
			for (i++;;) {
				/* the next quote not escaped (an even run of backslashes before) */
				const char *q = memchr(s + i, '"', n - i);
				size_t k, bs = 0;
				if (!q)
					return 0;
				for (k = (size_t)(q - s); k > i && s[k - 1] == '\\'; k--)
					bs++;
				i = (size_t)(q - s) + 1;
				if (!(bs & 1))
					break;
			}
		} else if (s[i] == '{' || s[i] == '[') {
			if (depth + ++d > limit)
				return 0;
			i++;
		} else if (s[i] == '}' || s[i] == ']') {
			if (--d < 0)
				return 0;
			i++;
		} else if (d > 0) {
			i++; /* separators, white space and scalars inside */
		} else {
			while (i < n && !strchr(",}] \t\r\n", s[i]))
				i++;
		}
	} while (d > 0);
	return i;
}

/* The root object's members into small (all but items) and the span of the items array
 * (*items_at 0 when none). 0, or -1 when the text is not plainly an object. */
static int json_split(const char *s, size_t n, json_t *small, size_t *items_at, size_t *items_end)
{
	size_t i = skip_ws(s, n, 0);
	*items_at = *items_end = 0;
	if (n - i >= 3 && !memcmp(s + i, "\xEF\xBB\xBF", 3))
		i = skip_ws(s, n, i + 3);
	if (i >= n || s[i] != '{')
		return -1;
	i = skip_ws(s, n, i + 1);
	if (i < n && s[i] == '}')
		return skip_ws(s, n, i + 1) == n ? 0 : -1;
	for (;;) {
		size_t ks = i, ke, vs, ve;
		json_t *key, *val;
		if (i >= n || s[i] != '"' || !(ke = skip_value(s, n, i, 1, MAX_JSON_DEPTH)))
			return -1;
		i = skip_ws(s, n, ke);
		if (i >= n || s[i] != ':')
			return -1;
		vs = skip_ws(s, n, i + 1);
		if (!(ve = skip_value(s, n, vs, 1, MAX_JSON_DEPTH)))
			return -1;
		key = json_loadb(s + ks, ke - ks, JSON_DECODE_ANY, NULL);
		if (!json_is_string(key)) {
			json_decref(key);
			return -1;
		}
		if (!strcmp(json_string_value(key), "items") && s[vs] == '[') {
			*items_at = vs;
			*items_end = ve;
			json_object_del(small, "items"); /* a repeated key: the last one counts */
		} else {
			val = json_loadb(s + vs, ve - vs, JSON_DECODE_ANY, NULL);
			if (!val) {
				json_decref(key);
				return -1;
			}
			json_object_set_new(small, json_string_value(key), val);
			if (!strcmp(json_string_value(key), "items"))
				*items_at = *items_end = 0;
		}
		json_decref(key);
		i = skip_ws(s, n, ve);
		if (i < n && s[i] == ',') {
			i = skip_ws(s, n, i + 1);
			continue;
		}
		if (i < n && s[i] == '}')
			return skip_ws(s, n, i + 1) == n ? 0 : -1;
		return -1;
	}
}

/* Checks the items array's shape; each element is read when its turn comes. */
static int json_items_ok(const char *s, size_t at, size_t end)
{
	size_t i = skip_ws(s, end, at + 1);
	if (i < end && s[i] == ']')
		return 1;
	for (;;) {
		size_t e = skip_value(s, end, i, 2, MAX_JSON_DEPTH);
		if (!e)
			return 0;
		i = skip_ws(s, end, e);
		if (i < end && s[i] == ',') {
			i = skip_ws(s, end, i + 1);
			continue;
		}
		return i < end && s[i] == ']' && i + 1 == end;
	}
}

int feed_json_finish(struct feed_parser *p, char *err, size_t errsz)
{
	json_error_t je;
	json_t *root, *items = NULL;
	const char *version, *text = p->json.s ? p->json.s : "";
	struct feed_info f;
	char *base;
	size_t items_at = 0, items_end = 0;
	int r = 0, bad = 0;

	root = json_object();
	if (json_split(text, p->json.len, root, &items_at, &items_end) != 0 ||
	    (items_at && !json_items_ok(text, items_at, items_end))) {
		/* not plain: jansson reads it whole, or says what is wrong */
		json_decref(root);
		items_at = 0;
		if (json_depth(text, p->json.len, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
			err_set(err, errsz, "%s: JSON nested deeper than %d levels: not read",
				p->name, MAX_JSON_DEPTH);
			return -1;
		}
		root = json_loadb(text, p->json.len, 0, &je);
		sbuf_free(&p->json);
		if (!root) {
			err_set(err, errsz, "%s:%d: not valid JSON: %s", p->name, je.line, je.text);
			return -1;
		}
	}
	version = jstr_of(root, "version");
	if (!json_is_object(root) || !version ||
	    (strncmp(version, "https://jsonfeed.org/version/1", 30) &&
	     strncmp(version, "http://jsonfeed.org/version/1", 29))) {
		json_decref(root);
		err_set(err, errsz, "%s: JSON, but not a JSON Feed (no jsonfeed.org version)", p->name);
		return -1;
	}
	p->is_feed = 1;
	memset(&f, 0, sizeof f);
	f.title = line_of(jstr_of(root, "title"));
	f.link = url_of(p, jstr_of(root, "home_page_url"), NULL);
	f.description = text_of(jstr_of(root, "description"));
	f.language = line_of(jstr_of(root, "language"));
	for (char *c = f.language; c && *c; c++)
		if (*c == '_')
			*c = '-';
	f.image = url_of(p, jstr_of(root, "icon"), NULL);
	if (!f.image)
		f.image = url_of(p, jstr_of(root, "favicon"), NULL);
	f.updated = CRIER_NO_DATE;
	/* relative URLs in items: against the feed's own URL, else its home page */
	base = p->doc_url ? xstrdup(p->doc_url) : f.link ? xstrdup(f.link) : NULL;
	p->feed_sent = 1;
	if (p->cb.on_feed)
		r = p->cb.on_feed(p->cb.ctx, &f);
	free(f.title);
	free(f.link);
	free(f.description);
	free(f.language);
	free(f.image);
	if (items_at) {
		/* one element at a time: its tree is freed before the next is read */
		size_t i = skip_ws(text, items_end, items_at + 1);
		while (!r && i < items_end && text[i] != ']') {
			size_t e = skip_value(text, items_end, i, 2, MAX_JSON_DEPTH);
			json_t *o = json_loadb(text + i, e - i, JSON_DECODE_ANY, &je);
			if (!o) {
				/* the scan only matched brackets: jansson finds the fault */
				int line = je.line;
				for (const char *c = text; (c = memchr(c, '\n', (size_t)(text + i - c))); c++)
					line++;
				err_set(err, errsz, "%s:%d: not valid JSON: %s", p->name, line, je.text);
				bad = 1;
				break;
			}
			if (json_is_object(o))
				r = json_item(p, o, base);
			json_decref(o);
			i = skip_ws(text, items_end, e);
			if (i < items_end && text[i] == ',')
				i = skip_ws(text, items_end, i + 1);
		}
	} else {
		items = json_object_get(root, "items");
		if (!r && items && !json_is_array(items))
			feed_warn(p, 0, "JSON Feed \"items\" is not a list: no items read");
		for (size_t i = 0; !r && json_is_array(items) && i < json_array_size(items); i++) {
			json_t *o = json_array_get(items, i);
			if (json_is_object(o))
				r = json_item(p, o, base);
		}
	}
	free(base);
	json_decref(root);
	sbuf_free(&p->json);
	if (bad)
		return -1;
	if (r) {
		p->stopped = 1;
		err_set(err, errsz, "%s: stopped", p->name);
		return -1;
	}
	return 0;
}
