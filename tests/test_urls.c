/* The urls file and OPML: what a newsboat user's files become, and what crier writes. */
#include "config.h"
#include "check.h"
#include "crier/urls.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];
static struct sbuf warnings;

static void on_warn(void *ctx, const char *msg)
{
	(void)ctx;
	sbuf_adds(&warnings, msg);
	sbuf_addc(&warnings, '\n');
}

static char *path_of(const char *leaf)
{
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, "%s/%s", dir, leaf);
	return sbuf_steal(&b);
}

static int has_tag(const struct urls_entry *e, const char *tag)
{
	size_t i;
	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return 1;
	return 0;
}

static const char urls_text[] =
	"# my feeds\n"
	"\n"
	"https://fenwick-dispatch.example/rss.xml news \"~Fenwick Dispatch\"\n"
	"   https://orchard-lane.example/atom   food \"slow cooking\" gardening\n"
	"https://tidewater.example/feed \"~The \\\"Tidewater\\\" Post\" # a comment\n"
	"query:Unread:unread = \"yes\"\n"
	"exec:~/bin/make-feed --all\n"
	"filter:~/bin/clean:https://x.example/feed\n"
	"gopher://old.example/1/news\n"
	"file:///home/reader/local.xml local\n"
	"https://fenwick-dispatch.example/rss.xml twice\n"
	"\"https://quoted.example/a b\" tag\n"
	"https://no-newline.example/feed \"bell\x07ringer\" \"~\x1b[31mRed\"";

static void test_load(void)
{
	char err[CRIER_ERRSZ];
	char *p = path_of("urls");
	struct urls u;
	check_write_file(p, urls_text);
	sbuf_reset(&warnings);
	CHECK_INT(urls_load(p, &u, on_warn, NULL, err, sizeof err), 0);
	CHECK_INT(u.n, 5);
	if (u.n == 5) {
		CHECK_STR(u.v[0].url, "https://fenwick-dispatch.example/rss.xml");
		CHECK_STR(u.v[0].title, "Fenwick Dispatch");
		CHECK_INT(u.v[0].ntags, 1);
		CHECK(has_tag(&u.v[0], "news"));
		CHECK_STR(u.v[1].url, "https://orchard-lane.example/atom");
		CHECK(u.v[1].title == NULL);
		CHECK_INT(u.v[1].ntags, 3);
		CHECK(has_tag(&u.v[1], "slow cooking"));
		CHECK_STR(u.v[2].title, "The \"Tidewater\" Post");
		CHECK_INT(u.v[2].ntags, 0);
		CHECK_STR(u.v[3].url, "file:///home/reader/local.xml");
		CHECK_STR(u.v[4].url, "https://no-newline.example/feed");
		/* Control characters never survive into a title or a tag. */
		CHECK_STR(u.v[4].title, "[31mRed");
		CHECK_INT(u.v[4].ntags, 1);
		if (u.v[4].ntags == 1)
			CHECK_STR(u.v[4].tags[0], "bellringer");
	}
	/* Each skipped line is named by file and line, and nothing was run. */
	{
		struct sbuf want = SBUF_INIT;
		sbuf_printf(&want, "%s:6: skipped: crier does not run query: lines\n", p);
		CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
		sbuf_reset(&want);
		sbuf_printf(&want, "%s:7: skipped: crier does not run exec: lines\n", p);
		CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
		sbuf_reset(&want);
		sbuf_printf(&want, "%s:8: skipped: crier does not run filter: lines\n", p);
		CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
		sbuf_reset(&want);
		sbuf_printf(&want, "%s:9: skipped: not an http, https or file URL\n", p);
		CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
		sbuf_reset(&want);
		sbuf_printf(&want, "%s:11: skipped: https://fenwick-dispatch.example/rss.xml is listed twice\n", p);
		CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
		sbuf_reset(&want);
		sbuf_printf(&want, "%s:12: skipped: the URL holds a blank", p);
		CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
		sbuf_free(&want);
	}
	urls_free(&u);

	/* A missing file is an error naming it. */
	{
		char *q = path_of("missing");
		CHECK_INT(urls_load(q, &u, on_warn, NULL, err, sizeof err), -1);
		CHECK(strstr(err, q) != NULL);
		free(q);
	}
	free(p);
}

static void test_save_keeps_lines(void)
{
	char err[CRIER_ERRSZ];
	char *p = path_of("urls");
	struct urls u, back;
	struct sbuf text = SBUF_INIT;
	struct urls_entry *e;
	check_write_file(p, urls_text);
	CHECK_INT(urls_load(p, &u, NULL, NULL, err, sizeof err), 0);
	u.v = realloc(u.v, (u.n + 1) * sizeof *u.v);
	e = &u.v[u.n++];
	memset(e, 0, sizeof *e);
	e->url = xstrdup("https://new-arrival.example/feed");
	e->title = xstrdup("New \"Arrival\" #1");
	e->tags = xmalloc(sizeof *e->tags);
	e->tags[0] = xstrdup("two words");
	e->ntags = 1;
	CHECK_INT(urls_save(p, &u, err, sizeof err), 0);
	CHECK_INT(file_read_all(p, 1 << 20, &text, err, sizeof err), 0);
	/* The user's comments and unusable lines stay as they were. */
	CHECK(strstr(sbuf_str(&text), "# my feeds\n") != NULL);
	CHECK(strstr(sbuf_str(&text), "exec:~/bin/make-feed --all\n") != NULL);
	CHECK(strstr(sbuf_str(&text), "Red\"\nhttps://new-arrival.example/feed \"two words\" \"~New \\\"Arrival\\\" #1\"\n") != NULL);
	CHECK_INT(urls_load(p, &back, NULL, NULL, err, sizeof err), 0);
	CHECK_INT(back.n, 6);
	if (back.n == 6) {
		CHECK_STR(back.v[5].title, "New \"Arrival\" #1");
		CHECK(has_tag(&back.v[5], "two words"));
	}
	/* No temporary file left behind. */
	{
		struct sbuf cmd = SBUF_INIT;
		sbuf_printf(&cmd, "ls %s | grep -c urls. >/dev/null", dir);
		CHECK(system(cmd.s) != 0);
		sbuf_free(&cmd);
	}
	urls_free(&back);
	urls_free(&u);
	sbuf_free(&text);
	free(p);
}

static const char opml_text[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<opml version=\"1.0\"><head><title>exported</title></head><body>\n"
	" <outline text=\"News\">\n"
	"  <outline text=\"Local\">\n"
	"   <outline type=\"rss\" text=\"Kestrel Valley Herald\" xmlUrl=\"https://kestrel-herald.example/rss\"/>\n"
	"  </outline>\n"
	"  <outline type=\"rss\" text=\"Ashdown &amp; District\" title=\"Ashdown &amp; District\" xmlUrl=\"https://ashdown.example/feed?a=1&amp;b=2\"/>\n"
	" </outline>\n"
	" <outline type=\"rss\" text=\"https://plain.example/atom\" xmlUrl=\"https://plain.example/atom\" category=\"/tech,science\"/>\n"
	" <outline type=\"rss\" text=\"Again\" xmlUrl=\"https://kestrel-herald.example/rss\"/>\n"
	" <outline type=\"rss\" text=\"Local file\" xmlUrl=\"file:///etc/passwd\"/>\n"
	"</body></opml>\n";

static void test_opml(void)
{
	char err[CRIER_ERRSZ];
	char *p = path_of("feeds.opml"), *q = path_of("again.opml"), *up = path_of("urls");
	struct urls u, u2;
	struct sbuf out = SBUF_INIT;
	size_t added, i;

	check_write_file(p, opml_text);
	check_write_file(up, "https://plain.example/atom\n");
	CHECK_INT(urls_load(up, &u, NULL, NULL, err, sizeof err), 0);
	CHECK_INT(urls_import_opml(&u, p, &added, err, sizeof err), 0);
	/* The duplicate and the file:// outline are skipped. */
	CHECK_INT(added, 2);
	CHECK_INT(u.n, 3);
	if (u.n == 3) {
		CHECK_STR(u.v[1].url, "https://kestrel-herald.example/rss");
		CHECK_STR(u.v[1].title, "Kestrel Valley Herald");
		CHECK(has_tag(&u.v[1], "News"));
		CHECK(has_tag(&u.v[1], "Local"));
		CHECK_STR(u.v[2].url, "https://ashdown.example/feed?a=1&b=2");
		CHECK_STR(u.v[2].title, "Ashdown & District");
		CHECK_INT(u.v[2].ntags, 1);
	}

	/* Round trip: export, import into an empty list, same feeds, titles and tags. */
	u.v[0].tags = xmalloc(2 * sizeof *u.v[0].tags);
	u.v[0].tags[0] = xstrdup("tech");
	u.v[0].tags[1] = xstrdup("open source");
	u.v[0].ntags = 2;
	urls_export_opml(&u, &out);
	CHECK(strstr(sbuf_str(&out), "<opml version=\"2.0\">") != NULL);
	CHECK(strstr(sbuf_str(&out), "xmlUrl=\"https://ashdown.example/feed?a=1&amp;b=2\"") != NULL);
	check_write_file(q, sbuf_str(&out));
	memset(&u2, 0, sizeof u2);
	CHECK_INT(urls_import_opml(&u2, q, &added, err, sizeof err), 0);
	CHECK_INT(u2.n, u.n);
	for (i = 0; i < u.n && i < u2.n; i++) {
		size_t t;
		CHECK_STR(u2.v[i].url, u.v[i].url);
		CHECK_STR(u2.v[i].title, u.v[i].title);
		CHECK_INT(u2.v[i].ntags, u.v[i].ntags);
		for (t = 0; t < u.v[i].ntags; t++)
			CHECK(has_tag(&u2.v[i], u.v[i].tags[t]));
	}
	urls_free(&u2);

	/* Entities and broken files are refused with the file's name. */
	check_write_file(q, "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
		   "<opml><body><outline text=\"&b;\" xmlUrl=\"https://e.example/&b;\"/></body></opml>");
	memset(&u2, 0, sizeof u2);
	CHECK_INT(urls_import_opml(&u2, q, &added, err, sizeof err), -1);
	CHECK(strstr(err, q) != NULL);
	CHECK_INT(u2.n, 0);
	check_write_file(q, "<opml><body><outline text=\"cut");
	CHECK_INT(urls_import_opml(&u2, q, &added, err, sizeof err), -1);
	CHECK(strstr(err, "not well-formed") != NULL);
	check_write_file(q, "<rss><channel/></rss>");
	CHECK_INT(urls_import_opml(&u2, q, &added, err, sizeof err), -1);
	CHECK(strstr(err, "not an OPML document") != NULL);
	urls_free(&u2);

	urls_free(&u);
	sbuf_free(&out);
	free(p);
	free(q);
	free(up);
}

/* A file crier rewrites keeps every line it cannot read, byte for byte: a NUL in the
 * middle of the list no longer cuts off the rest when -i adds feeds. */
static void test_hostile_lines(void)
{
	static const char text[] =
		"https://before.example/rss one\n"
		"https://nul.example/r\0ss lost?\n"
		"https://after.example/rss \"~Caf\xe9 latin-1\"\n"
		"https://open.example/rss \"~Never closed\n"
		"https://tags.example/rss \" $\" \"  spaced \"\n";
	char err[CRIER_ERRSZ];
	char *p = path_of("hostile");
	struct urls u, back;
	struct sbuf got = SBUF_INIT, want = SBUF_INIT;
	struct stat st;
	size_t i;
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (!f)
		return;
	fwrite(text, 1, sizeof text - 1, f);
	fclose(f);
	CHECK(chmod(p, 0640) == 0);
	sbuf_reset(&warnings);
	CHECK_INT(urls_load(p, &u, on_warn, NULL, err, sizeof err), 0);
	CHECK_INT(u.n, 4);
	sbuf_printf(&want, "%s:2: skipped: holds a NUL byte; the line is kept as it is\n", p);
	CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
	sbuf_reset(&want);
	sbuf_printf(&want, "%s:3: not valid UTF-8 (byte 32)", p);
	CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
	sbuf_reset(&want);
	sbuf_printf(&want, "%s:4: a quote is not closed", p);
	CHECK(strstr(sbuf_str(&warnings), want.s) != NULL);
	if (u.n == 4) {
		CHECK_STR(u.v[2].title, "Never closed");
		/* " $" and "  spaced " are kept as they read back: "$" and "spaced". */
		CHECK_INT(u.v[3].ntags, 2);
		if (u.v[3].ntags == 2) {
			CHECK_STR(u.v[3].tags[0], "$");
			CHECK_STR(u.v[3].tags[1], "spaced");
		}
	}
	urls_entry_line(&got, &u.v[u.n - 1]);
	CHECK_STR(sbuf_str(&got), "https://tags.example/rss $ spaced\n");
	sbuf_reset(&got);
	/* The same from OPML, where a category may start with "~ " (once written " $"). */
	{
		char *o = path_of("tags.opml");
		struct urls t;
		check_write_file(o, "<opml><body><outline xmlUrl=\"https://t.example/\" "
			     "category=\"~ $,~~x y\"/></body></opml>");
		memset(&t, 0, sizeof t);
		CHECK_INT(urls_import_opml(&t, o, &i, err, sizeof err), 0);
		CHECK_INT(t.n, 1);
		if (t.n == 1) {
			urls_entry_line(&got, &t.v[0]);
			CHECK_STR(sbuf_str(&got), "https://t.example/ $ \"x y\"\n");
			sbuf_reset(&got);
		}
		urls_free(&t);
		free(o);
	}
	/* An import appends; every byte before it stays, the NUL line included. */
	u.v = xrealloc(u.v, (u.n + 1) * sizeof *u.v);
	memset(&u.v[u.n], 0, sizeof u.v[u.n]);
	u.v[u.n++].url = xstrdup("https://added.example/rss");
	CHECK_INT(urls_find(&u, "https://added.example/rss"), 4);
	CHECK_INT(urls_find(&u, "https://after.example/rss"), 1);
	CHECK_INT(urls_save(p, &u, err, sizeof err), 0);
	CHECK_INT(file_read_all(p, 1 << 20, &got, err, sizeof err), 0);
	CHECK_INT(got.len, sizeof text - 1 + strlen("https://added.example/rss\n"));
	CHECK(got.len >= sizeof text - 1 && memcmp(got.s, text, sizeof text - 1) == 0);
	/* The rewrite keeps the file's mode. */
	CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640);
	CHECK_INT(urls_load(p, &back, NULL, NULL, err, sizeof err), 0);
	CHECK_INT(back.n, 5);
	urls_free(&back);
	urls_free(&u);
	sbuf_free(&got);
	sbuf_free(&want);
	free(p);
}

/* Many feeds: each is looked up in a hash set, not compared with every earlier one. */
static void test_many(void)
{
	char err[CRIER_ERRSZ];
	char *p = path_of("many");
	struct sbuf text = SBUF_INIT;
	struct urls u;
	size_t i;
	for (i = 0; i < 20000; i++)
		sbuf_printf(&text, "https://f%zu.example/rss\n", i);
	sbuf_printf(&text, "https://f17.example/rss\n");
	check_write_file(p, text.s);
	sbuf_reset(&warnings);
	CHECK_INT(urls_load(p, &u, on_warn, NULL, err, sizeof err), 0);
	CHECK_INT(u.n, 20000);
	CHECK(strstr(sbuf_str(&warnings), ":20001: skipped: https://f17.example/rss is listed twice") != NULL);
	CHECK_INT(urls_find(&u, "https://f19999.example/rss"), 19999);
	CHECK_INT(urls_find(&u, "https://f20000.example/rss"), -1);
	urls_free(&u);
	sbuf_free(&text);
	free(p);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/crier-test-urls.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return 99;
	test_load();
	test_save_keeps_lines();
	test_opml();
	test_hostile_lines();
	test_many();
	sbuf_free(&warnings);
	{
		struct sbuf cmd = SBUF_INIT;
		sbuf_printf(&cmd, "rm -rf '%s'", dir);
		if (system(cmd.s) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
		sbuf_free(&cmd);
	}
	return CHECK_DONE();
}
