/* libFuzzer harness for the urls file and OPML readers: any bytes, read as a urls file
 * and as an OPML file, must neither crash nor leak; every warning and every title or tag
 * read must be free of control characters, and what urls_save writes must read back to
 * the same entries. Built by configure CC=clang --enable-fuzzing; make fuzz runs it;
 * make check replays it. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "crier/urls.h"

static void no_controls(const char *s)
{
	const unsigned char *p;
	for (p = (const unsigned char *)s; p && *p; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			abort();
}

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	no_controls(msg);
}

static void check_same(const struct urls *a, const struct urls *b)
{
	size_t i, t;
	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->v[i].url, b->v[i].url) != 0 || (!a->v[i].title != !b->v[i].title)
		    || (a->v[i].title && strcmp(a->v[i].title, b->v[i].title) != 0)
		    || a->v[i].ntags != b->v[i].ntags)
			abort();
		for (t = 0; t < a->v[i].ntags; t++)
			if (strcmp(a->v[i].tags[t], b->v[i].tags[t]) != 0)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64], out[80];
	char err[CRIER_ERRSZ];
	struct urls u, back, o;
	size_t added, i, t;
	FILE *f;
	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/crier-fuzz-urls.%ld", (long)getpid());
		snprintf(out, sizeof out, "%s.out", path);
	}
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (urls_load(path, &u, warn, NULL, err, sizeof err) == 0) {
		for (i = 0; i < u.n; i++) {
			no_controls(u.v[i].title);
			for (t = 0; t < u.v[i].ntags; t++)
				no_controls(u.v[i].tags[t]);
		}
		/* Written fresh (not keeping the raw lines), it must read back the same. */
		free(u.raw);
		u.raw = NULL;
		u.rawlen = 0;
		if (urls_save(out, &u, err, sizeof err) == 0
		    && urls_load(out, &back, warn, NULL, err, sizeof err) == 0) {
			check_same(&u, &back);
			urls_free(&back);
		}
		urls_free(&u);
	}
	memset(&o, 0, sizeof o);
	if (urls_import_opml(&o, path, &added, err, sizeof err) == 0) {
		struct sbuf x = SBUF_INIT;
		for (i = 0; i < o.n; i++)
			no_controls(o.v[i].title);
		urls_export_opml(&o, &x);
		sbuf_free(&x);
		if (urls_save(out, &o, err, sizeof err) == 0
		    && urls_load(out, &back, warn, NULL, err, sizeof err) == 0) {
			check_same(&o, &back);
			urls_free(&back);
		}
	}
	urls_free(&o);
	return 0;
}
