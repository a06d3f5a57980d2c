/* fuzz_opml: libFuzzer harness for the OPML reader (an OPML file is often someone
 * else's). Any bytes must neither crash nor leak; only http(s) feeds may be taken, their
 * titles and tags free of control characters; and the list, written as a urls file and as
 * OPML, must read back as the same entries.
 * Built by configure --enable-fuzzing (make fuzz runs it); replayed by make check. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "crier/urls.h"

static void clean_text(const char *s)
{
	while (s && *s) {
		unsigned cp;
		size_t n = utf8_decode(s, &cp);
		if ((n == 1 && cp == 0xFFFD) || cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp < 0xA0) || text_is_invisible_control(cp))
			abort();
		s += n;
	}
}

static void same(const struct urls *a, const struct urls *b)
{
	size_t i, t;
	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->v[i].url, b->v[i].url) != 0 || (!a->v[i].title != !b->v[i].title) ||
		    (a->v[i].title && strcmp(a->v[i].title, b->v[i].title) != 0) ||
		    a->v[i].ntags != b->v[i].ntags)
			abort();
		for (t = 0; t < a->v[i].ntags; t++)
			if (strcmp(a->v[i].tags[t], b->v[i].tags[t]) != 0)
				abort();
	}
}

static int write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	fwrite(p, 1, n, f);
	return fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char in[64], out[80], opml[80];
	char err[CRIER_ERRSZ];
	struct urls u, back;
	size_t added, refused, i, t;
	if (!in[0]) {
		snprintf(in, sizeof in, "/tmp/crier-fuzz-opml.%ld", (long)getpid());
		snprintf(out, sizeof out, "%s.urls", in);
		snprintf(opml, sizeof opml, "%s.opml", in);
	}
	if (write_file(in, data, size) != 0)
		return 0;
	memset(&u, 0, sizeof u);
	if (urls_import_opml_counted(&u, in, &added, &refused, err, sizeof err) == 0) {
		struct sbuf x = SBUF_INIT;
		if (added != u.n)
			abort();
		for (i = 0; i < u.n; i++) {
			if (!url_is_http(u.v[i].url))
				abort(); /* a shared OPML may not point crier at local files */
			clean_text(u.v[i].title);
			for (t = 0; t < u.v[i].ntags; t++)
				clean_text(u.v[i].tags[t]);
		}
		/* as a urls file */
		if (urls_save(out, &u, err, sizeof err) == 0 &&
		    urls_load(out, &back, NULL, NULL, err, sizeof err) == 0) {
			same(&u, &back);
			urls_free(&back);
		}
		/* as OPML */
		urls_export_opml(&u, &x);
		memset(&back, 0, sizeof back);
		if (write_file(opml, x.s, x.len) == 0 &&
		    urls_import_opml(&back, opml, &added, err, sizeof err) == 0)
			if (back.n != u.n)
				abort();
		urls_free(&back);
		sbuf_free(&x);
	} else if (!strstr(err, in)) {
		abort(); /* an error names the file */
	}
	urls_free(&u);
	return 0;
}
