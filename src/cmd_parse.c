/* cmd_parse: `crier --parse FILE` prints what the feed parser reads, as JSON Lines: one
 * feed record, then one record per item in document order. Warnings go to stderr. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "crier/feed.h"
#include "cmd_parse.h"

struct out {
	struct sbuf line;
	int failed;
};

static int print_feed(void *ctx, const struct feed_info *f)
{
	struct out *o = ctx;
	sbuf_reset(&o->line);
	feed_info_json(&o->line, f);
	sbuf_addc(&o->line, '\n');
	if (fwrite(o->line.s, 1, o->line.len, stdout) != o->line.len)
		o->failed = 1;
	return o->failed;
}

static int print_item(void *ctx, const struct feed_item *it)
{
	struct out *o = ctx;
	sbuf_reset(&o->line);
	feed_item_json(&o->line, it);
	sbuf_addc(&o->line, '\n');
	if (fwrite(o->line.s, 1, o->line.len, stdout) != o->line.len)
		o->failed = 1;
	return o->failed;
}

static void print_warning(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "crier: warning: %s\n", msg);
}

int cmd_parse(const struct cli *c, const char *file)
{
	static char outbuf[1 << 16];
	struct out o = {SBUF_INIT, 0};
	struct feed_callbacks cb = {&o, print_feed, print_item, print_warning};
	struct feed_parser *p;
	char err[CRIER_ERRSZ] = "";
	char buf[1 << 16];
	const char *name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	size_t n;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "crier: %s: %s\n", file, strerror(errno));
		return 1;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	/* --base, when given, is the feed's URL: relative links resolve against it */
	p = feed_parser_new(c && c->base ? c->base : NULL, name, &cb);
	/* 64 KB at a time: memory stays that of the largest item, whatever the file */
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (feed_parser_push(p, buf, n, err, sizeof err) < 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, sizeof err, "%s: %s", name, strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		rc = feed_parser_finish(p, err, sizeof err);
	feed_parser_free(p);
	if (f != stdin)
		fclose(f);
	sbuf_free(&o.line);
	if (fflush(stdout) != 0 || o.failed) {
		fprintf(stderr, "crier: %s: cannot write the output\n", name);
		return 1;
	}
	if (rc < 0) {
		fprintf(stderr, "crier: %s\n", err);
		return 1;
	}
	return 0;
}
