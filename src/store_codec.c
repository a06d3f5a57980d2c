/* store_codec: how an item sits in a row of the cache or of the staging area: its lists
 * (categories, enclosures, media) in one column each, plain text kept as HTML. */
#include "config.h"
#include "store_internal.h"
#include "crier/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lists are kept in one column each: fields separated by US (0x1f), records by RS
 * (0x1e), NULL written as a lone "-" and a value as "=" then the text. The parser has
 * already removed control characters; any left are dropped here so the split holds. */
static void enc_field(struct sbuf *b, const char *v)
{
	if (!v) {
		sbuf_addc(b, '-');
		return;
	}
	sbuf_addc(b, '=');
	for (; *v; v++)
		if (*v != '\x1e' && *v != '\x1f')
			sbuf_addc(b, *v);
}

char *store_enc_categories(const struct feed_item *it)
{
	struct sbuf b = SBUF_INIT;
	size_t i;
	for (i = 0; i < it->ncategories; i++) {
		if (i)
			sbuf_addc(&b, '\x1e');
		enc_field(&b, it->categories[i]);
	}
	return sbuf_steal(&b);
}

char *store_enc_enclosures(const struct feed_item *it)
{
	struct sbuf b = SBUF_INIT;
	size_t i;
	for (i = 0; i < it->nenclosures; i++) {
		char len[48];
		if (i)
			sbuf_addc(&b, '\x1e');
		enc_field(&b, it->enclosures[i].url);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, it->enclosures[i].type);
		sbuf_addc(&b, '\x1f');
		/* "length" or "length;duration" (rows written before durations read as none) */
		if (it->enclosures[i].duration > 0)
			snprintf(len, sizeof len, "%lld;%lld", it->enclosures[i].length,
				 it->enclosures[i].duration);
		else
			snprintf(len, sizeof len, "%lld", it->enclosures[i].length);
		enc_field(&b, len);
	}
	return sbuf_steal(&b);
}

char *store_enc_media(const struct feed_item *it)
{
	struct sbuf b = SBUF_INIT;
	size_t i;
	for (i = 0; i < it->nmedia; i++) {
		const struct feed_media *m = &it->media[i];
		if (i)
			sbuf_addc(&b, '\x1e');
		enc_field(&b, m->url);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->type);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->title);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->caption);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->credit);
	}
	return sbuf_steal(&b);
}

/* Splits an encoded list: *nrec records of nf fields each, into a new array of strings
 * (nrec * nf entries, NULL for absent values). */
static char **dec_list(const char *s, size_t nf, size_t *nrec)
{
	char **v = NULL;
	size_t n = 0, cap = 0, f;
	*nrec = 0;
	if (!s || !*s)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			v = xrealloc(v, cap * nf * sizeof *v);
		}
		for (f = 0; f < nf; f++) {
			size_t len = strcspn(s, "\x1e\x1f");
			v[n * nf + f] = (*s == '=') ? xstrndup(s + 1, len - 1) : NULL;
			s += len;
			if (*s == '\x1f')
				s++;
		}
		n++;
		/* A record with more fields than expected: skip the rest of it. */
		s += strcspn(s, "\x1e");
		if (*s != '\x1e')
			break;
		s++;
	}
	*nrec = n;
	return v;
}

/* A story's text read back: compressed values (BLOBs, zstd, store_dict.c) unpacked,
 * plain ones (TEXT) as they are. 0, or -1 with err naming the cache. */
static int col_story_text(struct store_codec *c, sqlite3_stmt *st, int i, char **out,
			  char *err, size_t errsz)
{
	if (sqlite3_column_type(st, i) != SQLITE_BLOB) {
		*out = store_col_text(st, i);
		return 0;
	}
	*out = store_codec_unpack(c, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i),
				  err, errsz);
	return *out ? 0 : -1;
}

/* The cache keeps a story's text as HTML, which the reader renders: a feed's plain-text
 * summary or content (Atom type="text", itunes:summary) is escaped, its line breaks kept.
 * Compressed when c is given (the cache), plain for the staging area (c NULL). */
void store_text_make(struct store_codec *c, struct store_text *t, const char *v, const char *type)
{
	const char *nl;
	memset(t, 0, sizeof *t);
	if (!v)
		return;
	if (!type || strcmp(type, "text") != 0) {
		t->html = v;
		t->len = strlen(v);
	} else {
		while ((nl = strchr(v, '\n')) != NULL) {
			html_escape(&t->esc, v, (size_t)(nl - v));
			sbuf_adds(&t->esc, "<br>");
			v = nl + 1;
		}
		html_escape(&t->esc, v, strlen(v));
		t->html = sbuf_str(&t->esc);
		t->len = t->esc.len;
	}
	t->packed = store_codec_pack(c, t->html, t->len, &t->plen);
}

void store_text_bind(sqlite3_stmt *st, int i, const struct store_text *t)
{
	if (!t->html)
		sqlite3_bind_null(st, i);
	else if (t->packed)
		sqlite3_bind_blob(st, i, t->packed, (int)t->plen, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, i, t->html, (int)t->len, SQLITE_STATIC);
}

void store_text_clear(struct store_text *t)
{
	sbuf_free(&t->esc);
	free(t->packed);
	memset(t, 0, sizeof *t);
}

/* Bound with SQLITE_TRANSIENT, so nothing is left to free. */
void store_bind_story_text(struct store_codec *c, sqlite3_stmt *st, int i, const char *v,
			   const char *type)
{
	struct store_text t;
	store_text_make(c, &t, v, type);
	if (!t.html)
		sqlite3_bind_null(st, i);
	else if (t.packed)
		sqlite3_bind_blob(st, i, t.packed, (int)t.plen, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(st, i, t.html, (int)t.len, SQLITE_TRANSIENT);
	store_text_clear(&t);
}

/* The item of a row whose columns from c on are: title, link, ident, author, summary,
 * content, published, updated, categories, enclosures, media. NULL with err naming the
 * cache when its text cannot be read back (never half a story). */
struct feed_item *store_item_from_row(struct store_codec *z, sqlite3_stmt *st, int c,
				      char *err, size_t errsz)
{
	struct feed_item *it = xcalloc(1, sizeof *it);
	char **v;
	size_t n, i;
	it->title = store_col_text(st, c);
	it->link = store_col_text(st, c + 1);
	it->id = store_col_text(st, c + 2);
	it->author = store_col_text(st, c + 3);
	if (col_story_text(z, st, c + 4, &it->summary, err, errsz) != 0
	    || col_story_text(z, st, c + 5, &it->content, err, errsz) != 0) {
		feed_item_free(it);
		return NULL;
	}
	it->published = store_col_date(st, c + 6);
	it->updated = store_col_date(st, c + 7);
	it->categories = dec_list((const char *)sqlite3_column_text(st, c + 8), 1, &it->ncategories);
	v = dec_list((const char *)sqlite3_column_text(st, c + 9), 3, &n);
	if (n) {
		it->enclosures = xcalloc(n, sizeof *it->enclosures);
		it->nenclosures = n;
		for (i = 0; i < n; i++) {
			it->enclosures[i].url = v[i * 3];
			it->enclosures[i].type = v[i * 3 + 1];
			char *end = NULL;
			it->enclosures[i].length = v[i * 3 + 2] ? strtoll(v[i * 3 + 2], &end, 10) : -1;
			if (end && *end == ';')
				it->enclosures[i].duration = strtoll(end + 1, NULL, 10);
			free(v[i * 3 + 2]);
		}
	}
	free(v);
	v = dec_list((const char *)sqlite3_column_text(st, c + 10), 5, &n);
	if (n) {
		it->media = xcalloc(n, sizeof *it->media);
		it->nmedia = n;
		for (i = 0; i < n; i++) {
			it->media[i].url = v[i * 5];
			it->media[i].type = v[i * 5 + 1];
			it->media[i].title = v[i * 5 + 2];
			it->media[i].caption = v[i * 5 + 3];
			it->media[i].credit = v[i * 5 + 4];
		}
	}
	free(v);
	return it;
}
