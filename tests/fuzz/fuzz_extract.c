/* fuzz_extract: libFuzzer harness for the extractor and the renderer (pages are hostile).
 * Built by configure CC=clang --enable-fuzzing; make fuzz runs it for FUZZ_SECONDS with a
 * corpus seeded from the fixture pages (tests/fuzz/run.sh); make check replays it. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "crier/extract.h"
#include "crier/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	char err[CRIER_ERRSZ];
	if (!init) {
		setlocale(LC_CTYPE, "C.UTF-8");
		init = 1;
	}
	/* the first byte picks a Content-Type, so header charsets are fuzzed too */
	static const char *const types[] = {NULL, "text/html; charset=utf-8",
		"text/html; charset=iso-8859-1", "text/html; charset=shift_jis"};
	const char *ct = size ? types[data[0] & 3] : NULL;
	struct article *a = extract_article((const char *)data, size, "https://fuzz.example/a/b",
					    ct, err, sizeof err);
	if (a) {
		struct sbuf b = SBUF_INIT;
		article_json(&b, a);
		sbuf_free(&b);
		struct render_doc *d = render_article(a, 1 + (size % 90));
		for (size_t i = 0; i < d->nlines; i++)
			if (text_width(d->lines[i].text) > 1 + (int)(size % 90) &&
			    d->lines[i].style != RENDER_PRE)
				abort(); /* a line wider than asked */
		render_doc_free(d);
		article_free(a);
	}
	return 0;
}
