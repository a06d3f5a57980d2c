/* Unit tests of the feed HTML sanitiser and HTML-to-text: what the renderer may receive. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "crier/feed.h"
#include "crier/html.h"
#include "check.h"
#include "cmd_parse.h"

#include <sys/mman.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>

static char *san(const char *html, const char *base)
{
	struct sbuf b = SBUF_INIT;
	html_sanitize(&b, html, strlen(html), base);
	return sbuf_steal(&b);
}

static char *txt(const char *html)
{
	struct sbuf b = SBUF_INIT;
	html_to_text(&b, html, strlen(html));
	return sbuf_steal(&b);
}

#define SAN(in, base, want) do { char *g = san(in, base); CHECK_STR(g, want); free(g); } while (0)
#define SAN_HASNT(in, bad) do { char *g = san(in, NULL); \
	if (strstr(g, bad)) { check_failures++; fprintf(stderr, "%s:%d: [%s] kept in [%s]\n", \
		__FILE__, __LINE__, bad, g); } free(g); } while (0)
#define TXT(in, want) do { char *g = txt(in); CHECK_STR(g, want); free(g); } while (0)

/* html_escape and --parse's JSON strings skip plain runs sixteen bytes at a time: against
 * a byte at a time, on random and adversarial text (every byte that
 * is escaped, NUL, non-ASCII, C1 lead bytes) placed so it ends at an unreadable page, at
 * every alignment and across the JSON writer's 4096-byte chunks. A read past the end
 * crashes; any difference in the output fails. */
static void ref_escape(struct sbuf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		switch (s[i]) {
		case '&': sbuf_adds(b, "&amp;"); break;
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		default: sbuf_addc(b, (char)s[i]);
		}
}

/* --parse's string: C0 controls, '"' and '\\' escaped (the parser has removed DEL and C1) */
static void ref_json(struct sbuf *b, const unsigned char *s)
{
	sbuf_addc(b, '"');
	for (; *s; s++)
		if (*s == '"' || *s == '\\')
			sbuf_addc(b, '\\'), sbuf_addc(b, (char)*s);
		else if (*s == '\n')
			sbuf_adds(b, "\\n");
		else if (*s == '\t')
			sbuf_adds(b, "\\t");
		else if (*s == '\r')
			sbuf_adds(b, "\\r");
		else if (*s < 0x20)
			sbuf_printf(b, "\\u%04x", *s);
		else
			sbuf_addc(b, (char)*s);
	sbuf_addc(b, '"');
}

static void test_scanners_at_page_end(void)
{
	static const unsigned char odd[] = {0, 1, 0x1f, ' ', '"', '\\', '&', '<', '>', 0x7f, 0x80,
		0x9b, 0xc2, 0xff, '\n', '\t', '\r', 'a'};
	long pg = sysconf(_SC_PAGESIZE);
	size_t room = 3 * (size_t)pg;
	unsigned char *m = mmap(NULL, room + (size_t)pg, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	CHECK(mprotect(m + room, (size_t)pg, PROT_NONE) == 0);
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	struct sbuf got = SBUF_INIT, want = SBUF_INIT, nul = SBUF_INIT;
	struct feed_item it;
	memset(&it, 0, sizeof it);
	feed_item_json(&nul, &it); /* the line with "title":null */
	const char *after = strstr(sbuf_str(&nul), "\"title\":null") + 12;
	int bad = 0;
	for (int k = 0; k < 20000 && bad < 5; k++) {
		size_t n = k % 50 == 0 ? (size_t)(x % (room - 64)) : (size_t)(x % 70);
		unsigned char *s = m + room - n - (size_t)(k % 17);
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			s[i] = k % 3 == 0 ? (unsigned char)x : (x >> 8) % 8 ? (unsigned char)('a' + x % 26)
				: odd[(x >> 16) % sizeof odd];
		}
		sbuf_reset(&got), sbuf_reset(&want);
		html_escape(&got, (const char *)s, n);
		ref_escape(&want, s, n);
		if (got.len != want.len || memcmp(got.s, want.s, got.len) != 0)
			bad++, fprintf(stderr, "html_escape differs on %zu bytes (case %d)\n", n, k);
		if (!n)
			continue;
		s[n - 1] = '\0';
		it.title = (char *)s;
		sbuf_reset(&got), sbuf_reset(&want);
		feed_item_json(&got, &it);
		sbuf_adds(&want, "{\"kind\":\"item\",\"title\":");
		ref_json(&want, s);
		sbuf_adds(&want, after);
		if (strcmp(sbuf_str(&got), sbuf_str(&want)) != 0)
			bad++, fprintf(stderr, "the JSON title differs on %zu bytes (case %d)\n", n, k);
	}
	/* every escaped byte at every place near a chunk's end */
	for (size_t n = 4080; n < 4112 && !bad; n++)
		for (size_t j = 0; j < sizeof odd; j++) {
			unsigned char *s = m + room - n - 1;
			memset(s, 'q', n);
			s[n] = '\0';
			for (size_t at = n - 24; at < n; at += 5)
				s[at] = odd[j] ? odd[j] : 'z';
			it.title = (char *)s;
			sbuf_reset(&got), sbuf_reset(&want);
			feed_item_json(&got, &it);
			sbuf_adds(&want, "{\"kind\":\"item\",\"title\":");
			ref_json(&want, s);
			sbuf_adds(&want, after);
			if (strcmp(sbuf_str(&got), sbuf_str(&want)) != 0)
				bad++, fprintf(stderr, "the JSON title differs on %zu bytes near a chunk's end\n", n);
		}
	check_failures += bad;
	sbuf_free(&got), sbuf_free(&want), sbuf_free(&nul);
	munmap(m, room + (size_t)pg);
}

int main(void)
{
	test_scanners_at_page_end();
	/* what stays, re-written the same way every time */
	SAN("<p class=\"x\">Hi <b>there</b><br>and<img src=\"a.png\" alt='A \"q\"'></p>", NULL,
	    "<p class=\"x\">Hi <b>there</b><br />and<img src=\"a.png\" alt=\"A &quot;q&quot;\" /></p>");
	SAN("<A HREF=\"/x\" TITLE=caf&eacute;>X</A>", "http://base.example/dir/page",
	    "<a href=\"http://base.example/x\" title=\"café\">X</a>");
	SAN("<img src=\"pic.jpg\">", "http://base.example/dir/", "<img src=\"http://base.example/dir/pic.jpg\" />");
	SAN("Tom &amp; Jerry &eacute;t&eacute; &#8212; &#x41; &lt;tag&gt; &bogus; a & b", NULL,
	    "Tom &amp; Jerry été — A &lt;tag&gt; &amp;bogus; a &amp; b");
	SAN("a < b > c", NULL, "a &lt; b &gt; c");
	SAN("<![CDATA[<raw>]]>", NULL, "&lt;raw&gt;");
	SAN("<!-- note -->kept<!DOCTYPE x><?pi x?>", NULL, "kept");
	SAN("<blink><font color=red>old</font></blink>", NULL, "<font color=\"red\">old</font>");
	SAN("&#150;&#128;", NULL, "–€"); /* the browsers' windows-1252 reading of C1 */
	SAN("esc&#27;[31m bell&#7;", NULL, "esc[31m bell"); /* control references dropped */

	/* what goes */
	SAN("a<script>alert(1)</script>b<SCRIPT SRC=x></SCRIPT >c", NULL, "abc");
	SAN("a<style>p{}</style>b", NULL, "ab");
	SAN("a<iframe src=x>inner</iframe>b<object>o<param name=x></object>c<embed src=x>d", NULL, "abcd");
	SAN("<form action=x><input name=p><button>B</button>Text</form>", NULL, "Text");
	SAN("<svg><script>x</script></svg>ok", NULL, "<svg></svg>ok");
	SAN_HASNT("<svg onload=\"x()\"><a href=\"javascript:y()\"><text>t</text></a></svg>", "javascript");
	SAN_HASNT("<svg onload=\"x()\"><circle/></svg>", "onload");
	SAN_HASNT("<svg><foreignObject><p>f</p></foreignObject><use href=\"#a\"/></svg>", "f");
	SAN_HASNT("<svg><set attributeName=\"href\" to=\"javascript:x\"/></svg>", "javascript");
	SAN_HASNT("<svg xmlns=\"http://elsewhere.example/\"></svg>", "elsewhere");
	SAN("<p onclick=\"x()\" ONMOUSEOVER=y style=\"color:red\">t</p>", NULL, "<p>t</p>");
	SAN_HASNT("<a href=\"javascript:alert(1)\">x</a>", "javascript");
	SAN_HASNT("<a href=\" JAVASCRIPT:alert(1)\">x</a>", "JAVASCRIPT");
	SAN_HASNT("<a href=\"java&#x09;script:alert(1)\">x</a>", "script:");
	SAN_HASNT("<a href=\"java\tscript:alert(1)\">x</a>", "script:");
	SAN_HASNT("<a href=\"&#106;avascript:alert(1)\">x</a>", "avascript:");
	SAN_HASNT("<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>", "avascript:");
	SAN_HASNT("<a href=\"vbscript:msgbox\">x</a>", "vbscript");
	SAN_HASNT("<a href=\"data:text/html,<script>\">x</a>", "data:");
	SAN_HASNT("<img src=\"data:image/svg+xml,<svg onload=x>\">", "data:");
	SAN("<img src=\"data:image/gif;base64,R0lG\">", NULL, "<img src=\"data:image/gif;base64,R0lG\" />");
	SAN("<a href=\"mailto:a@b.example\">m</a>", NULL, "<a href=\"mailto:a@b.example\">m</a>");
	SAN("<scr<script>x</script>ipt>alert(1)</script>", NULL, "ipt&gt;alert(1)");
	SAN("<a href=\"x\" <b>bold</b>", NULL, "<a href=\"x\"><b>bold</b>");

	/* inline SVG and MathML stay, with their own elements and presentation attributes */
	SAN("<p>See <svg width=\"9\" viewBox=\"0 0 9 9\"><lineargradient id=\"g\"></lineargradient>"
	    "<circle r=\"4\" fill=\"red\" style=\"x\"/></svg></p>", NULL,
	    "<p>See <svg width=\"9\" viewBox=\"0 0 9 9\"><linearGradient id=\"g\"></linearGradient>"
	    "<circle r=\"4\" fill=\"red\" /></svg></p>");
	SAN("<math display=\"block\"><mi>x</mi><msup><mn>2</mn><mi>k</mi></msup></math>", NULL,
	    "<math display=\"block\"><mi>x</mi><msup><mn>2</mn><mi>k</mi></msup></math>");
	/* their names mean nothing outside them */
	SAN("<circle r=\"4\">c</circle><mi>i</mi>", NULL, "ci");

	/* HTML to text, for titles and captions */
	TXT("<img src=\"a.png\" alt=\"The weir at Oskby &amp; its mill\">", "The weir at Oskby & its mill");
	TXT("Flood <img alt=\"map\"> in Ulm", "Flood map in Ulm");
	TXT("<math><mi>a</mi><mo>+</mo><mi>b</mi></math>", "a+b");
	TXT("Le <em>Carnet</em> &amp; caf&eacute;", "Le Carnet & café");
	TXT("one<br>two<p>three</p>", "one\ntwo\nthree\n");
	TXT("a<script>x</script>b<style>y</style>c", "abc");
	TXT("5 &lt; 6 &bogus; AT&T", "5 < 6 &bogus; AT&T");
	TXT("<![CDATA[<i>raw</i>]]>", "<i>raw</i>");

	/* the common named references (looked up before libxml2's table) read as the
	 * table says, and names stay case-sensitive */
	{
		static const char *const names[] = {"amp", "lt", "gt", "quot", "nbsp", "mdash",
			"ndash", "hellip", "rsquo", "lsquo", "rdquo", "ldquo", "laquo", "raquo",
			"bull", "middot", "copy", "shy", "eacute", "Eacute", "Mdash", "AMP", "euro", "pound"};
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)names[i]);
			char got[8], want[8];
			size_t n = html_entity_utf8(names[i], strlen(names[i]), got);
			size_t wn = e ? html_utf8_put(e->value, want) : 0;
			CHECK(n == wn && memcmp(got, want, n) == 0);
		}
		char a[4];
		CHECK(html_entity_utf8("apos", 4, a) == 1 && a[0] == '\'');
	}
	TXT("&ldquo;Kelde&rsquo;s&rdquo; &mdash; 1&ndash;2&hellip;&nbsp;&copy;",
	    "\xE2\x80\x9CKelde\xE2\x80\x99s\xE2\x80\x9D \xE2\x80\x94 1\xE2\x80\x93" "2\xE2\x80\xA6\xC2\xA0\xC2\xA9");

	CHECK(html_looks_like("a <b>b</b>"));
	CHECK(html_looks_like("Caf&eacute;"));
	CHECK(html_looks_like("&#233;"));
	CHECK(!html_looks_like("AT&T and a < b"));
	CHECK(!html_looks_like("plain"));
	CHECK(html_looks_like("line<br>break"));
	CHECK(html_looks_like("<!-- x -->y"));
	CHECK(!html_looks_like("Edda Lund <edda@lund.example>"));
	CHECK(!html_looks_like("I <3 the pier"));
	CHECK(!html_looks_like("<!important> notice"));
	CHECK(!html_looks_like("a <bogus> tag"));
	return CHECK_DONE();
}
