/* cmd_parse_json: the JSON Lines records `crier --parse` prints for a feed and its items
 * (kept beside the command, out of the parser; the tests and the fuzz harness use them). */
#include "config.h"
#include "cmd_parse.h"
#include "crier/date.h"
#include "crier/html.h"

#include <stdint.h>
#include <string.h>

static void jint(struct sbuf *b, long long v)
{
	char d[24], *e = d + sizeof d, *q = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--q = '-';
	sb_put(b, q, (size_t)(e - q));
}

static void jdate(struct sbuf *b, int64_t t)
{
	if (t == CRIER_NO_DATE)
		sb_put(b, "null", 4);
	else
		jint(b, t);
}

/* json_str's output, faster: the --parse hot path writes every field of every item, so
 * runs of plain bytes are found eight at a time and copied at once. */
static void jstr(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s, *run, *end;
	if (!s) {
		sb_put(b, "null", 4);
		return;
	}
	end = u + strlen(s);
	sb_putc(b, '"');
	run = u;
	while (u < end) {
		while (end - u >= 8) {
			uint64_t x, lo, q, bs;
			memcpy(&x, u, 8);
			lo = (x - 0x2020202020202020ULL) & ~x;
			q = x ^ 0x2222222222222222ULL;
			q = (q - 0x0101010101010101ULL) & ~q;
			bs = x ^ 0x5C5C5C5C5C5C5C5CULL;
			bs = (bs - 0x0101010101010101ULL) & ~bs;
			if ((lo | q | bs) & 0x8080808080808080ULL)
				break;
			u += 8;
		}
		while (u < end && *u >= 0x20 && *u != '"' && *u != '\\')
			u++;
		if (u >= end)
			break;
		sb_put(b, (const char *)run, (size_t)(u - run));
		switch (*u) {
		case '"': sb_put(b, "\\\"", 2); break;
		case '\\': sb_put(b, "\\\\", 2); break;
		case '\n': sb_put(b, "\\n", 2); break;
		case '\t': sb_put(b, "\\t", 2); break;
		case '\r': sb_put(b, "\\r", 2); break;
		default: {
			char e[6] = {'\\', 'u', '0', '0', hex[*u >> 4], hex[*u & 15]};
			sb_put(b, e, 6);
		}
		}
		run = ++u;
	}
	sb_put(b, (const char *)run, (size_t)(u - run));
	sb_putc(b, '"');
}

void feed_info_json(struct sbuf *b, const struct feed_info *f)
{
	sbuf_adds(b, "{\"kind\":\"feed\",\"title\":");
	jstr(b, f->title);
	sbuf_adds(b, ",\"link\":");
	jstr(b, f->link);
	sbuf_adds(b, ",\"description\":");
	jstr(b, f->description);
	sbuf_adds(b, ",\"language\":");
	jstr(b, f->language);
	sbuf_adds(b, ",\"updated\":");
	jdate(b, f->updated);
	sbuf_adds(b, ",\"image\":");
	jstr(b, f->image);
	sb_putc(b, '}');
}

void feed_item_json(struct sbuf *b, const struct feed_item *it)
{
	sbuf_adds(b, "{\"kind\":\"item\",\"title\":");
	jstr(b, it->title);
	sbuf_adds(b, ",\"link\":");
	jstr(b, it->link);
	sbuf_adds(b, ",\"id\":");
	jstr(b, it->id);
	sbuf_adds(b, ",\"published\":");
	jdate(b, it->published);
	sbuf_adds(b, ",\"updated\":");
	jdate(b, it->updated);
	sbuf_adds(b, ",\"author\":");
	jstr(b, it->author);
	sbuf_adds(b, ",\"summary\":");
	jstr(b, it->summary);
	sbuf_adds(b, ",\"content\":");
	jstr(b, it->content);
	sbuf_adds(b, ",\"categories\":[");
	for (size_t i = 0; i < it->ncategories; i++) {
		if (i)
			sb_putc(b, ',');
		jstr(b, it->categories[i]);
	}
	sbuf_adds(b, "],\"enclosures\":[");
	for (size_t i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		if (i)
			sb_putc(b, ',');
		sbuf_adds(b, "{\"url\":");
		jstr(b, e->url);
		sbuf_adds(b, ",\"type\":");
		jstr(b, e->type);
		sbuf_adds(b, ",\"length\":");
		if (e->length < 0)
			sb_puts(b, "null");
		else
			jint(b, e->length);
		sbuf_adds(b, ",\"duration\":");
		if (e->duration <= 0)
			sb_puts(b, "null");
		else
			jint(b, e->duration);
		sb_putc(b, '}');
	}
	sbuf_adds(b, "],\"media\":[");
	for (size_t i = 0; i < it->nmedia; i++) {
		const struct feed_media *m = &it->media[i];
		if (i)
			sb_putc(b, ',');
		sbuf_adds(b, "{\"url\":");
		jstr(b, m->url);
		sbuf_adds(b, ",\"caption\":");
		jstr(b, m->caption);
		sbuf_adds(b, ",\"credit\":");
		jstr(b, m->credit);
		sbuf_adds(b, ",\"type\":");
		jstr(b, m->type);
		sbuf_adds(b, ",\"title\":");
		jstr(b, m->title);
		sb_putc(b, '}');
	}
	sbuf_adds(b, "],\"summary_type\":");
	jstr(b, it->summary_type);
	sbuf_adds(b, ",\"content_type\":");
	jstr(b, it->content_type);
	sb_putc(b, '}');
}

