/* Unit tests of util: the sanitiser every network string goes through, and JSON output. */
#include "config.h"
#include <stdlib.h>
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

	s = url_resolve("http://example.org/a/b.html", "../c/d.png");
	CHECK_STR(s, "http://example.org/c/d.png");
	free(s);
	CHECK(url_is_http("HTTPS://x"));
	CHECK(!url_is_http("file:///etc/passwd"));
	CHECK(!url_is_http("javascript:alert(1)"));
	return CHECK_DONE();
}
