/* fuzz_render: libFuzzer harness for the renderer at random widths. A feed's summary HTML
 * reaches render_html straight from the network, and an article's fields reach
 * render_article; whatever the bytes and the width, every line must be valid UTF-8 with
 * no control character, and no line but preformatted text may be wider than asked.
 * The first two bytes pick the width (1 to 240); the rest is split at the first NUL (or
 * used whole) into the summary HTML and, after it, the headline.
 * Built by configure --enable-fuzzing (make fuzz runs it); replayed by make check. */
#include "config.h"
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "crier/extract.h"
#include "crier/render.h"

static void check_doc(const struct render_doc *d, int width)
{
	size_t i;
	if (!d)
		return;
	for (i = 0; i < d->nlines; i++) {
		const char *s = d->lines[i].text;
		while (s && *s) {
			unsigned cp;
			size_t n = utf8_decode(s, &cp);
			if (n == 1 && cp == 0xFFFD)
				abort(); /* invalid UTF-8 on a line */
			if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			    text_is_invisible_control(cp))
				abort(); /* a control character would reach the terminal */
			s += n;
		}
		if (d->lines[i].style != RENDER_PRE && text_width(d->lines[i].text) > width)
			abort(); /* a line wider than asked */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	int width;
	char *html, *title;
	const uint8_t *nul;
	struct render_doc *d;
	struct article a;
	if (!init) {
		setlocale(LC_CTYPE, "C.UTF-8");
		init = 1;
	}
	if (size < 2)
		return 0;
	width = 1 + (data[0] | data[1] << 8) % 240;
	data += 2;
	size -= 2;
	nul = memchr(data, 0, size);
	html = xstrndup((const char *)data, nul ? (size_t)(nul - data) : size);
	title = nul ? xstrndup((const char *)nul + 1, size - (size_t)(nul - data) - 1) : xstrdup("");
	text_clean_line(title); /* as the parser and the extractor hand it over */

	d = render_html(html, "https://fuzz.example/feed/", width);
	check_doc(d, width);
	render_doc_free(d);

	memset(&a, 0, sizeof a);
	a.url = "https://fuzz.example/a";
	a.title = title;
	a.byline = title;
	a.site = "Fuzz";
	a.published = (int64_t)size * 86400;
	a.body_html = html;
	d = render_article(&a, width);
	check_doc(d, width);
	render_doc_free(d);
	free(html);
	free(title);
	return 0;
}
