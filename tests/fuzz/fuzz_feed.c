/* fuzz_feed: libFuzzer harness for the feed parser (feeds are hostile). The input is
 * pushed in chunks whose sizes come from the data itself, so the filter's carries, the
 * iconv boundaries and libxml2's push states are all fuzzed; every item is copied and
 * written as JSON, as crier --parse and the fetcher do.
 * Built by configure CC=clang --enable-fuzzing (the whole library instrumented); make
 * fuzz runs it for FUZZ_SECONDS with a corpus seeded from the fixture feeds; make check
 * replays it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "crier/feed.h"
#include "cmd_parse.h"

static int on_feed(void *ctx, const struct feed_info *f)
{
	struct sbuf *b = ctx;
	feed_info_json(b, f);
	return 0;
}

static int on_item(void *ctx, const struct feed_item *it)
{
	struct sbuf *b = ctx;
	struct feed_item *copy = feed_item_dup(it);
	feed_item_json(b, copy);
	feed_item_free(copy);
	if (b->len > (1u << 24))
		sbuf_reset(b);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf out = SBUF_INIT;
	struct feed_callbacks cb = {&out, on_feed, on_item, NULL};
	struct feed_parser *p = feed_parser_new("https://fuzz.example/feed/", "fuzz", &cb);
	char err[CRIER_ERRSZ];
	size_t off = 0, step = size ? 1 + data[0] % 97 : 1;
	if (size && data[size - 1] & 1)
		feed_parser_set_charset(p, "windows-1251");
	while (off < size) {
		size_t n = size - off < step ? size - off : step;
		if (feed_parser_push(p, (const char *)data + off, n, err, sizeof err) < 0)
			break;
		off += n;
	}
	feed_parser_finish(p, err, sizeof err);
	feed_parser_free(p);
	sbuf_free(&out);
	return 0;
}
