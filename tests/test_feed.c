/* Unit tests of the push API as the fetcher uses it: bytes in any chunking give the same
 * items, callbacks come in order, a callback can stop the parse, copies outlive it. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "crier/feed.h"
#include "cmd_parse.h"
#include "crier/util.h"
#include "check.h"

struct rec {
	struct sbuf out;
	int feeds, items, warnings;
	int stop_after; /* 0: never */
	struct feed_item *kept;
};

static int on_feed(void *ctx, const struct feed_info *f)
{
	struct rec *r = ctx;
	r->feeds++;
	CHECK(r->items == 0); /* the feed comes before the first item */
	feed_info_json(&r->out, f);
	sbuf_addc(&r->out, '\n');
	return 0;
}

static int on_item(void *ctx, const struct feed_item *it)
{
	struct rec *r = ctx;
	r->items++;
	feed_item_json(&r->out, it);
	sbuf_addc(&r->out, '\n');
	if (!r->kept)
		r->kept = feed_item_dup(it);
	return r->stop_after && r->items >= r->stop_after;
}

static void on_warning(void *ctx, const char *msg)
{
	struct rec *r = ctx;
	r->warnings++;
	CHECK(strstr(msg, "chunked.xml") == msg); /* every message names the source */
}

static const char *charset_hint;

/* Parses doc pushed in pieces of `step` bytes (0: at once); returns the JSON Lines. */
static char *run(const char *doc, size_t len, size_t step, int *rc, struct rec *r)
{
	struct feed_callbacks cb = {r, on_feed, on_item, on_warning};
	struct feed_parser *p = feed_parser_new("http://chunk.example/feed/", "chunked.xml", &cb);
	feed_parser_set_charset(p, charset_hint);
	char err[CRIER_ERRSZ] = "";
	size_t off = 0;
	*rc = 0;
	if (!step)
		step = len;
	while (off < len && *rc == 0) {
		size_t n = len - off < step ? len - off : step;
		*rc = feed_parser_push(p, doc + off, n, err, sizeof err);
		off += n;
	}
	if (*rc == 0)
		*rc = feed_parser_finish(p, err, sizeof err);
	if (*rc)
		CHECK(strstr(err, "chunked.xml") != NULL);
	feed_parser_free(p);
	return sbuf_steal(&r->out);
}

static const char doc[] =
	"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
	"     xmlns:media=\"http://search.yahoo.com/mrss/\">\n"
	"<channel><title>Chunk &amp; Sons &mdash; caf\xC3\xA9</title><link>/home</link>\n"
	"<item><title>First &eacute;t\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x8C\x8A</title>"
	"<link>one.html</link>"
	"<description><![CDATA[<p>A & B <a href=\"rel/x\">x</a></p>]]></description>"
	"<!-- a comment with & and < inside -->"
	"<content:encoded>&lt;p&gt;Full &amp;amp; more&lt;/p&gt;</content:encoded>"
	"<media:content url=\"m.jpg\"><media:credit>Ann Ode</media:credit></media:content>"
	"<category>Tide &amp; wind</category><pubDate>Sat, 07 Sep 2002 00:00:01 GMT</pubDate></item>\n"
	"<item><title>Second bare & here</title><guid>second</guid>"
	"<description>x &#x2014; &#8212; &hellip;</description></item>\n"
	"<item><title>Third</title><guid>third</guid></item>\n"
	"</channel></rss>\n";

static const char sjis_doc[] =
	"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n"
	"<rss><channel><title>\x93\xfa\x96\x7b</title><item><title>\x8d\x60\x92\xac"
	"\x82\xcc\x90\x56\x95\xb7</title></item></channel></rss>\n";

int main(void)
{
	struct rec r0 = {SBUF_INIT, 0, 0, 0, 0, NULL};
	int rc;
	char *whole = run(doc, sizeof doc - 1, 0, &rc, &r0);
	CHECK_INT(rc, 0);
	CHECK_INT(r0.feeds, 1);
	CHECK_INT(r0.items, 3);
	CHECK(strstr(whole, "\"title\":\"Chunk & Sons — café\"") != NULL);
	CHECK(strstr(whole, "\"link\":\"http://chunk.example/home\"") != NULL);
	CHECK(strstr(whole, "\"link\":\"http://chunk.example/feed/one.html\"") != NULL);
	CHECK(strstr(whole, "href=\\\"http://chunk.example/feed/rel/x\\\"") != NULL);
	CHECK(strstr(whole, "\"title\":\"First été 日本 🌊\"") != NULL);
	CHECK(strstr(whole, "\"title\":\"Second bare & here\"") != NULL);
	CHECK(strstr(whole, "x — — …") != NULL);

	/* The fetcher's chunks are whatever the network gives: one byte at a time, and
	 * sizes that split every entity, CDATA marker and UTF-8 sequence somewhere. */
	for (size_t step = 1; step <= 67; step += (step < 13 ? 1 : 9)) {
		struct rec r = {SBUF_INIT, 0, 0, 0, 0, NULL};
		char *got = run(doc, sizeof doc - 1, step, &rc, &r);
		CHECK_INT(rc, 0);
		if (strcmp(got, whole) != 0) {
			fprintf(stderr, "step %zu differs:\n%s\n--- whole:\n%s\n", step, got, whole);
			check_failures++;
		}
		CHECK_INT(r.warnings, r0.warnings);
		feed_item_free(r.kept);
		free(got);
	}

	/* A multi-byte encoding split across pushes */
	{
		struct rec ra = {SBUF_INIT, 0, 0, 0, 0, NULL}, rb = {SBUF_INIT, 0, 0, 0, 0, NULL};
		char *a = run(sjis_doc, sizeof sjis_doc - 1, 0, &rc, &ra);
		char *b = run(sjis_doc, sizeof sjis_doc - 1, 1, &rc, &rb);
		CHECK(strstr(a, "\"title\":\"港町の新聞\"") != NULL);
		CHECK_STR(b, a);
		free(a);
		free(b);
		feed_item_free(ra.kept);
		feed_item_free(rb.kept);
	}

	/* The transport's charset counts only when the document does not say */
	{
		static const char cp1251[] = "<rss><channel><item><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title></item></channel></rss>";
		static const char decl[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>caf\xc3\xa9</title></item></channel></rss>";
		struct rec ra = {SBUF_INIT, 0, 0, 0, 0, NULL}, rb = {SBUF_INIT, 0, 0, 0, 0, NULL};
		char *a, *b;
		charset_hint = "windows-1251";
		a = run(cp1251, sizeof cp1251 - 1, 5, &rc, &ra);
		CHECK(strstr(a, "\"title\":\"Новости\"") != NULL);
		charset_hint = "iso-8859-1";
		b = run(decl, sizeof decl - 1, 0, &rc, &rb);
		CHECK(strstr(b, "\"title\":\"café\"") != NULL);
		charset_hint = NULL;
		free(a);
		free(b);
		feed_item_free(ra.kept);
		feed_item_free(rb.kept);
	}

	/* A callback returning non-zero stops the parse: no more items, an error */
	{
		struct rec r = {SBUF_INIT, 0, 0, 0, 1, NULL};
		char *got = run(doc, sizeof doc - 1, 100, &rc, &r);
		CHECK_INT(rc, -1);
		CHECK_INT(r.items, 1);
		free(got);
		feed_item_free(r.kept);
	}

	/* feed_item_dup: the copy outlives the parser */
	{
		struct sbuf j = SBUF_INIT;
		CHECK(r0.kept != NULL);
		if (r0.kept) {
			CHECK_STR(r0.kept->title, "First été 日本 🌊");
			CHECK_INT(r0.kept->ncategories, 1);
			CHECK_STR(r0.kept->categories[0], "Tide & wind");
			CHECK_INT(r0.kept->nmedia, 1);
			CHECK_STR(r0.kept->media[0].credit, "Ann Ode");
			CHECK_STR(r0.kept->media[0].url, "http://chunk.example/feed/m.jpg");
			CHECK_INT(r0.kept->published, 1031356801);
			feed_item_json(&j, r0.kept);
			CHECK(strstr(whole, sbuf_str(&j)) != NULL);
		}
		sbuf_free(&j);
		feed_item_free(r0.kept);
	}

	/* The JSON writer escapes exactly as util's json_str, at every position */
	{
		static const char *const tricky[] = {
			"plain", "", "q\"uote", "back\\slash", "ctl\x01\x1f end", "nl\nand\ttab\r",
			"0123456789abcdef\"0123456789\\abcdef\n", "\"\"\"\"\"\"\"\"\"\"",
			"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac 01234567", "1234567\"", "12345678\"x",
		};
		for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
			struct feed_item it;
			struct sbuf got = SBUF_INIT, want = SBUF_INIT;
			memset(&it, 0, sizeof it);
			it.title = (char *)tricky[i];
			it.published = it.updated = CRIER_NO_DATE;
			feed_item_json(&got, &it);
			sbuf_adds(&want, "{\"kind\":\"item\",\"title\":");
			json_str(&want, tricky[i]);
			sbuf_adds(&want, ",\"link\":null");
			CHECK(strncmp(sbuf_str(&got), sbuf_str(&want), want.len) == 0);
			sbuf_free(&got);
			sbuf_free(&want);
		}
	}

	/* A UTF-32 document cut inside a character: read as far as it goes */
	{
		static const char cut[] = "<\0\0\0r\0\0\0s\0\0\0s\0\0\0>\0\0\0x\0";
		struct rec r = {SBUF_INIT, 0, 0, 0, 0, NULL};
		char *got = run(cut, sizeof cut - 1, 3, &rc, &r);
		CHECK_INT(rc, 0);
		CHECK_INT(r.feeds, 1);
		free(got);
	}

	/* Not a feed: finish fails naming the source */
	{
		struct rec r = {SBUF_INIT, 0, 0, 0, 0, NULL};
		static const char page[] = "<html><body><p>no feed</p></body></html>";
		char *got = run(page, sizeof page - 1, 7, &rc, &r);
		CHECK_INT(rc, -1);
		CHECK_INT(r.feeds, 0);
		free(got);
		feed_item_free(r.kept);
	}
	free(whole);
	return CHECK_DONE();
}
