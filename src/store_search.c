/* store_search: full-text search over the cache (sqlite FTS5): the text function the
 * index triggers call, a person's words turned into a safe FTS5 query, the feeds view. */
#include "config.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Appends the words of stored HTML (the sanitiser's output, or plain text escaped as
 * HTML) with tags and the remaining markup references (&amp; &lt; &gt; &quot;, all
 * punctuation to the tokenizer) as single spaces and runs of white space collapsed, so
 * that two texts compare as their words. Must stay deterministic: the index deletes an
 * entry by recomputing the text it was given. */
static void text_words(struct sbuf *b, const unsigned char *s)
{
	int space = 1;
	if (!s)
		return;
	while (*s) {
		unsigned char c = *s;
		if (c == '<') {
			const unsigned char *e = (const unsigned char *)strchr((const char *)s, '>');
			s = e ? e + 1 : s + strlen((const char *)s);
			c = ' ';
		} else if (c == '&') {
			size_t k = 1;
			while (k < 10 && (s[k] == '#' || (s[k] >= 'a' && s[k] <= 'z')
					  || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
				k++;
			if (s[k] == ';' && k > 1) {
				s += k + 1;
				c = ' ';
			} else {
				s++;
			}
		} else {
			s++;
		}
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			if (!space)
				sbuf_addc(b, ' ');
			space = 1;
		} else {
			sbuf_addc(b, (char)c);
			space = 0;
		}
	}
	if (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
}

/* crier_text(summary, content): the feed text of an item as the index takes it. A
 * summary that the content already holds word for word (the usual teaser) is left out,
 * so the index does not count those words twice. */
static void fn_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct sbuf sum = SBUF_INIT, con = SBUF_INIT;
	(void)argc;
	text_words(&sum, sqlite3_value_text(argv[0]));
	text_words(&con, sqlite3_value_text(argv[1]));
	if (sum.len && (!con.len || !strstr(con.s, sum.s))) {
		if (con.len)
			sbuf_addc(&sum, ' ');
		if (con.len)
			sbuf_adds(&sum, con.s);
		sbuf_free(&con);
		con = sum;
	} else {
		sbuf_free(&sum);
	}
	if (con.len)
		sqlite3_result_text(ctx, con.s, (int)con.len, free);
	else {
		sbuf_free(&con);
		sqlite3_result_null(ctx);
	}
}

int store_search_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "crier_text", 2,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					  NULL, fn_text, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Each word (split at white space) becomes a quoted FTS5 phrase with a prefix star, so
 * nothing typed is ever query syntax; the phrases are ANDed. A word with no letter or
 * digit (the tokenizer would give it no token) is left out. */
char *store_search_match(const char *words)
{
	struct sbuf b = SBUF_INIT;
	const unsigned char *p = (const unsigned char *)words;
	if (!p)
		return NULL;
	while (*p) {
		const unsigned char *w;
		int wordy = 0;
		size_t len;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			if (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
				wordy = 1;
			p++;
		}
		len = (size_t)(p - w);
		if (!len || !wordy)
			continue;
		if (b.len)
			sbuf_adds(&b, " AND ");
		sbuf_addc(&b, '"');
		for (; w < p; w++) {
			if (*w == '"')
				sbuf_addc(&b, '"');
			sbuf_addc(&b, (char)*w);
		}
		sbuf_adds(&b, "\"*");
	}
	return sbuf_steal(&b);
}

int store_search_feeds(struct store *s, const char *search, const char *tag,
		       struct store_feed **out, size_t *n, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT f.id, f.url, COALESCE(f.custom_title, f.title), f.site, f.tags, f.etag,"
		" f.last_modified, f.last_fetch, f.status, f.error, f.location,"
		" m.unread, m.total FROM feeds f JOIN ("
		"  SELECT i.feed_id AS feed_id, SUM(i.unread) AS unread, COUNT(*) AS total"
		"  FROM search JOIN items i ON i.id = search.rowid"
		"  WHERE search MATCH ?1 GROUP BY i.feed_id) m ON m.feed_id = f.id"
		" WHERE ?2 IS NULL OR (' ' || f.tags || ' ') LIKE ('% ' || ?2 || ' %') ESCAPE '\\'"
		" ORDER BY f.position, f.id";
	char *match = store_search_match(search);
	struct store_feed *v = NULL;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	int rc;
	*out = NULL;
	*n = 0;
	if (!match || !*match) {
		free(match);
		return 0;
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_db_err(s, err, errsz, "searching the feeds");
		free(match);
		return -1;
	}
	sqlite3_bind_text(st, 1, match, -1, free);
	if (tag)
		sqlite3_bind_text(st, 2, store_like_pattern(tag, 0), -1, free);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		store_feed_from_row(st, &v[len++]);
	}
	if (rc != SQLITE_DONE) {
		store_db_err(s, err, errsz, "searching the feeds");
		sqlite3_finalize(st);
		store_feeds_free(v, len);
		return -1;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = len;
	return 0;
}
