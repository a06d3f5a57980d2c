/* cmd_parse_json: the JSON Lines records `crier --parse` prints for a feed and its items
 * (kept beside the command, out of the parser; the tests and the fuzz harness use them). */
#include "config.h"
#include "cmd_parse.h"
#include "crier/date.h"
#include "crier/html.h"

#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* Bytes of input escaped per reservation: the output may grow six-fold (\u00XX). */
#define JCHUNK 4096

/* One escaped byte (a control character, '"' or '\\') at o; returns the end. */
static char *jesc(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	*o++ = '\\';
	switch (c) {
	case '"': *o++ = '"'; break;
	case '\\': *o++ = '\\'; break;
	case '\n': *o++ = 'n'; break;
	case '\t': *o++ = 't'; break;
	case '\r': *o++ = 'r'; break;
	default:
		memcpy(o, "u00", 3);
		o[3] = hex[c >> 4];
		o[4] = hex[c & 15];
		o += 5;
	}
	return o;
}

/* json_str's output, faster: the --parse hot path writes every field of every item.
 * Room for the worst case is made once a chunk, then plain bytes are copied sixteen at a
 * time (SSE2; the copy may run ahead of the kept output, inside the room made) and the
 * block's first byte needing an escape found from a mask. */
static void jstr(struct sbuf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s, *end;
	if (!s) {
		sb_put(b, "null", 4);
		return;
	}
	end = u + strlen(s);
	sb_putc(b, '"');
	while (u < end) {
		size_t chunk = (size_t)(end - u) < JCHUNK ? (size_t)(end - u) : JCHUNK;
		const unsigned char *ce = u + chunk;
		char *o;
		sbuf_reserve(b, chunk * 6 + 16);
		o = b->s + b->len;
		while (u < ce) {
#ifdef __SSE2__
			const __m128i lo = _mm_set1_epi8(0x1f), q = _mm_set1_epi8('"');
			const __m128i bs = _mm_set1_epi8('\\');
			int bits = 0;
			while (ce - u >= 16) {
				__m128i x = _mm_loadu_si128((const __m128i *)(const void *)u);
				__m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, lo), x),
							 _mm_or_si128(_mm_cmpeq_epi8(x, q), _mm_cmpeq_epi8(x, bs)));
				_mm_storeu_si128((__m128i *)(void *)o, x);
				bits = _mm_movemask_epi8(m);
				if (bits)
					break;
				u += 16;
				o += 16;
			}
			if (bits) {
				int k = __builtin_ctz((unsigned)bits);
				u += k;
				o += k;
			} else
#endif
			{
				while (u < ce && *u >= 0x20 && *u != '"' && *u != '\\')
					*o++ = (char)*u++;
				if (u >= ce)
					break;
			}
			o = jesc(o, *u++);
		}
		b->len = (size_t)(o - b->s);
		b->s[b->len] = '\0';
	}
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

