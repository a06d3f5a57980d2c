/* Unit tests of util: the sanitiser every network string goes through, and JSON output. */
#include "config.h"
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "crier/util.h"
#include "check.h"

static char *cleaned(const char *in, int line)
{
	char *s = xstrdup(in);
	if (line)
		text_clean_line(s);
	else
		text_clean(s);
	return s;
}

int main(void)
{
	char *s;
	struct sbuf b = SBUF_INIT;

	/* ESC sequences and C1 controls never reach the terminal. */
	s = cleaned("red \x1b[31mtext\x1b]0;title\x07 \xc2\x9b" "2J end", 0);
	CHECK_STR(s, "red [31mtext]0;title 2J end");
	free(s);
	s = cleaned("keep\ttab\nand newline\r\n", 0);
	CHECK_STR(s, "keep\ttab\nand newline\n");
	free(s);
	s = cleaned("  A\n  title\t with   space  ", 1);
	CHECK_STR(s, "A title with space");
	free(s);
	/* Invalid UTF-8 is replaced, valid multi-byte text kept. */
	s = cleaned("caf\xc3\xa9 \xff\xfe ok \xe6\x97\xa5", 0);
	CHECK(strstr(s, "caf\xc3\xa9 ") == s);
	CHECK(strstr(s, "\xff") == NULL);
	CHECK(strstr(s, " ok \xe6\x97\xa5") != NULL);
	free(s);

	/* Bidi controls and invisible direction marks are removed: a title cannot be shown
	 * in another order than it has. Joiners inside words stay. */
	s = cleaned("a" "\xe2\x80\xae" "b" "\xe2\x81\xa6" "c" "\xe2\x80\x8f" "d" "\xd8\x9c" "e"
		    "\xe2\x80\xac\xe2\x81\xa9" "f" "\xef\xbb\xbf" "g" "\xe2\x80\x8d" "h", 1);
	CHECK_STR(s, "abcdefg\xe2\x80\x8dh");
	free(s);
	CHECK(text_is_invisible_control(0x202E) && text_is_invisible_control(0x2069));
	CHECK(!text_is_invisible_control(0x200D) && !text_is_invisible_control('a'));
	CHECK(text_is_zero_width(0x200B) && text_is_zero_width(0x2060) && text_is_zero_width(0xE0041));
	CHECK(!text_is_zero_width(0x0301) && !text_is_zero_width(0x4E2D));

	/* To the locale's character set: in a UTF-8 locale nothing but controls and
	 * zero-width characters go; in ASCII ("C") a letter it lacks becomes '?', so no
	 * byte 0x80-0x9F (U+00DB is C3 9B in UTF-8) reaches an 8-bit terminal. */
	{
		const char *in = "\xc3\x9b\xe2\x80\x8b x\tz\xc2\x9b\x1b";
		if (setlocale(LC_CTYPE, "C.UTF-8")) {
			CHECK_INT(text_to_locale(in, &b), 0);
			CHECK_STR(sbuf_str(&b), "\xc3\x9b x\tz");
			sbuf_free(&b);
		} else {
			CHECK(!"the C.UTF-8 locale is missing");
		}
		setlocale(LC_CTYPE, "C");
		CHECK_INT(text_to_locale(in, &b), 1);
		CHECK_STR(sbuf_str(&b), "? x\tz");
		CHECK(!text_locale_can_show(0xDB) && text_locale_can_show('A'));
		sbuf_free(&b);
	}

	/* A URL's user:password never reaches a message. */
	s = url_hide_password("https://ann:pw@a.example/x: moved to http://bob@b.example/?u=c@d, ftp://c.example/");
	CHECK_STR(s, "https://***@a.example/x: moved to http://***@b.example/?u=c@d, ftp://c.example/");
	free(s);
	CHECK(url_hide_password(NULL) == NULL);

	json_str(&b, "q\"b\\n\n\x01");
	sbuf_addc(&b, ' ');
	json_str(&b, NULL);
	sbuf_addc(&b, ' ');
	json_date(&b, CRIER_NO_DATE);
	sbuf_addc(&b, ' ');
	json_date(&b, 1700000000);
	CHECK_STR(sbuf_str(&b), "\"q\\\"b\\\\n\\n\\u0001\" null null 1700000000");
	sbuf_free(&b);

	/* DEL and C1 controls are escaped in JSON, other non-ASCII text is kept as it is */
	json_str(&b, "a\x7f" "b\xc2\x9b" "c\xc2\x80\xc2\xa0\xc3\xa9\xe2\x80\x9c");
	CHECK_STR(sbuf_str(&b), "\"a\\u007fb\\u009bc\\u0080\xc2\xa0\xc3\xa9\xe2\x80\x9c\"");
	sbuf_free(&b);

	/* one UTF-8 decoder and encoder for everyone */
	{
		unsigned cp;
		char u[4];
		CHECK_INT(utf8_decode("\xc3\xa9!", &cp), 2);
		CHECK_INT(cp, 0xE9);
		CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", &cp), 4);
		CHECK_INT(cp, 0x1F600);
		CHECK_INT(utf8_decode("\xef\xbf\xbd", &cp), 3); /* a real U+FFFD */
		CHECK_INT(cp, 0xFFFD);
		CHECK_INT(utf8_decode("\xe6\x97", &cp), 1);      /* cut by the NUL */
		CHECK_INT(cp, 0xFFFD);
		CHECK_INT(utf8_decode("\xc0\xaf", &cp), 1);      /* overlong '/' */
		CHECK_INT(cp, 0xFFFD);
		CHECK_INT(utf8_decode("\xed\xa0\x80", &cp), 1); /* a surrogate */
		CHECK_INT(cp, 0xFFFD);
		CHECK_INT(utf8_decode("\x80", &cp), 1);           /* a stray continuation */
		CHECK_INT(cp, 0xFFFD);
		CHECK_INT(utf8_encode(u, 0x20AC), 3);
		CHECK(memcmp(u, "\xe2\x82\xac", 3) == 0);
		CHECK_INT(utf8_encode(u, 0x1F600), 4);
		CHECK(memcmp(u, "\xf0\x9f\x98\x80", 4) == 0);
		CHECK_INT(utf8_encode(u, 'A'), 1);
		CHECK_INT(u[0], 'A');
		CHECK_INT(utf8_encode(u, 0xD800), 3);              /* never a surrogate */
		CHECK(memcmp(u, "\xef\xbf\xbd", 3) == 0);
		CHECK_INT(utf8_encode(u, 0x110000), 3);
	}

	s = url_resolve("http://example.org/a/b.html", "../c/d.png");
	CHECK_STR(s, "http://example.org/c/d.png");
	free(s);
	CHECK(url_is_http("HTTPS://x"));
	CHECK(!url_is_http("file:///etc/passwd"));
	CHECK(!url_is_http("javascript:alert(1)"));

	/* A message longer than its buffer (a long page URL, then why it failed) keeps its
	 * start and its end, the reason, and never cuts a character in two: tried at every
	 * length around a buffer's size, so the cuts fall on each byte of the characters. */
	{
		char err[CRIER_ERRSZ], url[700];
		struct sbuf host = SBUF_INIT;
		int all_valid = 1, all_ends = 1, all_starts = 1;
		for (int i = 0; i < 60; i++)
			sbuf_adds(&host, "\xe6\xb8\xaf"); /* 港, three bytes */
		static const char *const piece[] = {"a", "\xc3\xa9", "\xe6\x9c\xac", "\xf0\x9f\x90\x9f"};
		for (size_t len = 470; len < 640; len++) {
			size_t k = (size_t)snprintf(url, sizeof url, "http://%s.example/", sbuf_str(&host));
			for (size_t j = len; k + 4 < len; j++) {
				strcpy(url + k, piece[j % 4]);
				k += strlen(piece[j % 4]);
			}
			err_set(err, sizeof err, "%s: HTTP 404 Gone \xe6\x9c\xac\xe6\x97\xa5", url);
			CHECK(strlen(err) < sizeof err);
			for (const char *p = err; *p;) {
				unsigned cp;
				size_t m = utf8_decode(p, &cp);
				if (cp == 0xFFFD)
					all_valid = 0;
				p += m;
			}
			size_t n = strlen(err), want = strlen(": HTTP 404 Gone \xe6\x9c\xac\xe6\x97\xa5");
			if (n < want || strcmp(err + n - want, ": HTTP 404 Gone \xe6\x9c\xac\xe6\x97\xa5") != 0)
				all_ends = 0;
			if (strncmp(err, "http://\xe6\xb8\xaf", 10) != 0)
				all_starts = 0;
		}
		CHECK(all_valid);
		CHECK(all_ends);
		CHECK(all_starts);
		CHECK(strstr(err, "\xe2\x80\xa6") != NULL); /* the cut is shown */
		sbuf_free(&host);
		/* a message that fits is as it was */
		err_set(err, sizeof err, "%s: %s", "feeds.txt:3", "not a URL");
		CHECK_STR(err, "feeds.txt:3: not a URL");
		/* a buffer too small for the ellipsis still ends on a whole character */
		err_set(err, 6, "%s", "ab\xe6\xb8\xaf\xe6\xb8\xaf");
		CHECK_STR(err, "ab\xe6\xb8\xaf");
	}
	return CHECK_DONE();
}
