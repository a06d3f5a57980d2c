/* feed_input: bytes to well-formed UTF-8 for libxml2. The document's encoding is found
 * (byte-order mark, XML declaration, the transport's charset) and converted with iconv;
 * a small filter then repairs what libxml2 would stop at (bad bytes, bare '&' and '<',
 * control characters, HTML's unclosed <br> and <img>). Entities: feed_entity.c. */
#include "config.h"
#include "feed_int.h"
#include "crier/html.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <libxml/parserInternals.h>
#include <libxml/entities.h>
/* ---- the input filter ---- */

/* windows-1252 for the bytes a "UTF-8" document gets wrong (most often Latin-1 text). */
static size_t put_cp1252(unsigned char c, char *o)
{
	static const unsigned short hi[32] = {
		0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
		0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
	unsigned cp = c >= 0xA0 ? c : hi[c - 0x80];
	return html_utf8_put(cp, o);
}

/* Per filter state (markup/text, CDATA, comment, PI): 0 for a byte to copy as it is,
 * 1 for one that needs a look. */
static unsigned char special[5][256];

void feed_input_init(void)
{
	static const char ends[5] = {'<', ']', '-', '?', ']'};
	for (int st = 0; st < 5; st++)
		for (int c = 0; c < 256; c++)
			special[st][c] = (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c >= 0x80 ||
					 c == ends[st] || ((st == 0 || st == 4) && c == '&') ||
					 (st == 4 && c == '<');
}

/* ASCII classes without the locale: this is the hot path. */
#define A_ALPHA(c) ((unsigned)(((c) | 0x20) - 'a') < 26)
#define A_DIGIT(c) ((unsigned)((c) - '0') < 10)

static int is_name_start(unsigned char c)
{
	return A_ALPHA(c) || c == '_' || c == ':' || c >= 0x80;
}

static int is_name_char(unsigned char c)
{
	return A_ALPHA(c) || A_DIGIT(c) || c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80;
}

/* Per filter state, the bytes the eight-at-a-time scan stops at (each repeated over a
 * word): '&' '<' in markup and text, ']' in CDATA, '-' in a comment, '?' in a PI, and
 * all three in CDATA read as text. */
#define W(c) (0x0101010101010101ULL * (unsigned char)(c))
static const uint64_t st_stop[5][3] = {
	{W('&'), W('<'), W('<')}, {W(']'), W(']'), W(']')}, {W('-'), W('-'), W('-')},
	{W('?'), W('?'), W('?')}, {W('&'), W('<'), W(']')},
};
#undef W

/* The first byte at or after s that is below 0x20, above 0x7F or one of the three stop
 * bytes, or a position at most 15 bytes before end: the filter's fast path. Sixteen
 * bytes at a time with SSE2 (a signed compare below 0x20 also catches 0x80-0xFF),
 * else eight with word arithmetic. */
static const unsigned char *scan_plain(const unsigned char *s, const unsigned char *end,
				       const uint64_t stop[3])
{
#ifdef __SSE2__
	const __m128i k0 = _mm_set1_epi8((char)stop[0]), k1 = _mm_set1_epi8((char)stop[1]);
	const __m128i k2 = _mm_set1_epi8((char)stop[2]), sp = _mm_set1_epi8(0x20);
	while (end - s >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i m = _mm_or_si128(_mm_cmplt_epi8(x, sp),
					 _mm_or_si128(_mm_cmpeq_epi8(x, k0),
						      _mm_or_si128(_mm_cmpeq_epi8(x, k1),
								   _mm_cmpeq_epi8(x, k2))));
		int bits = _mm_movemask_epi8(m);
		if (bits)
			return s + __builtin_ctz((unsigned)bits);
		s += 16;
	}
#else
	const uint64_t k0 = stop[0], k1 = stop[1], k2 = stop[2];
	while (end - s >= 8) {
		uint64_t x, lo, a, b, c;
		memcpy(&x, s, 8);
		lo = (x - 0x2020202020202020ULL) & ~x;
		a = x ^ k0;
		a = (a - 0x0101010101010101ULL) & ~a;
		b = x ^ k1;
		b = (b - 0x0101010101010101ULL) & ~b;
		c = x ^ k2;
		c = (c - 0x0101010101010101ULL) & ~c;
		if ((x | lo | a | b | c) & 0x8080808080808080ULL)
			break;
		s += 8;
	}
#endif
	return s;
}

/* The first three-byte pat in [s, e), NULL if none: memchr on its first byte, far
 * cheaper than memmem on the long CDATA sections of news feeds. */
static const unsigned char *find3(const unsigned char *s, const unsigned char *e, const char *pat)
{
	while (e - s >= 3) {
		s = memchr(s, pat[0], (size_t)(e - s - 2));
		if (!s)
			return NULL;
		if (s[1] == (unsigned char)pat[1] && s[2] == (unsigned char)pat[2])
			return s;
		s++;
	}
	return NULL;
}

/* HTML written raw into a feed ("Line one<br>Line two", "<img src=x>") leaves elements
 * that never close, and libxml2 then pairs every later end tag wrongly: the rest of the
 * document is lost. At s (after a '<'): the length of br, hr, img or wbr (any case)
 * when that name starts a tag, else 0. */
static size_t void_name(const unsigned char *s, const unsigned char *end)
{
	static const char *const names[] = {"br", "hr", "img", "wbr"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = strlen(names[i]);
		if ((size_t)(end - s) > n && !strncasecmp((const char *)s, names[i], n) &&
		    (s[n] == '>' || s[n] == '/' || s[n] == ' ' || s[n] == '\t' || s[n] == '\n' ||
		     s[n] == '\r'))
			return n;
	}
	return 0;
}

/* The '>' ending the tag whose name (n bytes) is at s, when the tag needs "/" to close:
 * not already "/>", not followed at once by its end tag (XHTML's <br></br>), and whole
 * in this chunk (else NULL: left as it is). */
static const unsigned char *void_tag_end(const unsigned char *s, size_t n, const unsigned char *end)
{
	const unsigned char *q = s + n, *b;
	unsigned char quote = 0;
	for (; q < end; q++) {
		if (quote) {
			if (*q == quote)
				quote = 0;
		} else if (*q == '"' || *q == '\'') {
			quote = *q;
		} else if (*q == '<') {
			return NULL;
		} else if (*q == '>') {
			break;
		}
	}
	if (q >= end || q[-1] == '/')
		return NULL;
	b = q + 1;
	if ((size_t)(end - b) >= n + 3 && b[0] == '<' && b[1] == '/' &&
	    !strncasecmp((const char *)b + 2, (const char *)s, n) && b[2 + n] == '>')
		return NULL;
	return q;
}

/* The line of position at in a chunk about to be parsed: libxml2 has read everything
 * before the chunk (but for an unfinished token), so its line plus the chunk's newlines. */
static long filter_line(struct feed_parser *p, const char *chunk, const char *at)
{
	long line = p->ctxt && p->ctxt->input ? p->ctxt->input->line : 1;
	for (const char *q = chunk; q < at && (q = memchr(q, '\n', (size_t)(at - q))); q++)
		line++;
	return line;
}

/* Filters UTF-8 bytes in[0..n) into out. Returns how many bytes were consumed; the rest
 * (an incomplete sequence at the end, when !final) waits for more input. */
static size_t filter(struct feed_parser *p, const char *in, size_t n, int final, struct sbuf *out,
		     int *same)
{
	const unsigned char *s = (const unsigned char *)in, *end = s + n, *run = s;
	while (s < end) {
		const unsigned char *sp = special[p->fstate];
		unsigned char c;
		size_t left;
		if (p->fstate == 2) {
			/* comments mean nothing to a feed: dropped here, so a huge one cannot
			 * make libxml2 look ahead for its end */
			const unsigned char *q = find3(s, end, "-->");
			if (q) {
				s = run = q + 3;
				p->fstate = 0;
				continue;
			}
			if (final) {
				s = run = end;
				break;
			}
			s = run = end - 2 > s ? end - 2 : s; /* "--" may end it next time */
			break;
		}
		for (;;) {
			const unsigned char *lim;
			/* many bytes at a time while none is below 0x20 or above 0x7F and
			 * none is one of the state's stop bytes (tabs and newlines are fine
			 * but take the slow step) */
			s = scan_plain(s, end, st_stop[p->fstate]);
			lim = end - s > 8 ? s + 8 : end;
			while (s < lim && !sp[*s])
				s++;
			if (s < lim || s >= end)
				break;
		}
		if (s >= end)
			break;
		c = *s;
		left = (size_t)(end - s);
		if (c < 0x20) {
			/* a control character: dropped */
			sbuf_add(out, (const char *)run, (size_t)(s - run));
			s++;
			run = s;
			continue;
		}
		if (c == '<' && p->fstate == 0) {
			/* the common case first: a tag */
			if (left >= 2 && (A_ALPHA(s[1]) || s[1] == '_' || s[1] == ':' ||
					  (s[1] == '/' && left >= 3 && (A_ALPHA(s[2]) || s[2] >= 0x80)))) {
				size_t vn;
				const unsigned char *gt;
				if (!strchr("bBhHiIwW", s[1]) || !(vn = void_name(s + 1, end)) ||
				    !(gt = void_tag_end(s + 1, vn, end))) {
					s++;
					continue;
				}
				/* <br ...> becomes <br .../>: the tag itself filtered on its own */
				sb_put(out, (const char *)run, (size_t)(s + 1 - run));
				filter(p, (const char *)s + 1, (size_t)(gt - s - 1), 1, out, NULL);
				sb_put(out, "/", 1);
				s = run = gt;
				continue;
			}
			if (left < 9 && !final)
				break;
			if (left >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
				if (find3(s + 9, end, "]]>")) {
					p->fstate = 1; /* ends in this chunk: handed on as it is */
					s += 9;
				} else {
					/* may be huge: libxml2 would wait for its end (and give up past
					 * 10 MB); handed on as escaped text instead, which streams */
					sb_put(out, (const char *)run, (size_t)(s - run));
					s += 9;
					run = s;
					p->fstate = 4;
				}
			} else if (left >= 4 && memcmp(s, "<!--", 4) == 0) {
				sb_put(out, (const char *)run, (size_t)(s - run));
				p->fstate = 2;
				s += 4;
				run = s;
			} else if (left >= 2 && s[1] == '?') {
				p->fstate = 3;
				s += 2;
			} else if (left >= 3 && s[1] == '/' && !is_name_start(s[2])) {
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, "&lt;", 4);
				s++;
				run = s;
			} else if (left >= 2 && (is_name_start(s[1]) || s[1] == '/' || s[1] == '!')) {
				s++;
			} else {
				/* a '<' that starts nothing: text */
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, "&lt;", 4);
				s++;
				run = s;
			}
			continue;
		}
		if (c == '&' && p->fstate == 0) {
			const unsigned char *q = s + 1;
			int ok = 0;
			if (q < end && *q == '#') {
				q++;
				if (q < end && (*q == 'x' || *q == 'X')) {
					q++;
					while (q < end && (A_DIGIT(*q) || (unsigned)((*q | 0x20) - 'a') < 6) && q - s < 12)
						q++;
				} else {
					while (q < end && A_DIGIT(*q) && q - s < 12)
						q++;
				}
				ok = q < end && *q == ';' && q > s + 2 && isxdigit(q[-1]);
			} else if (q < end && is_name_start(*q)) {
				while (q < end && is_name_char(*q) && q - s < 40)
					q++;
				ok = q < end && *q == ';';
			}
			if (q >= end && !final && left < 48)
				break; /* wait for the rest */
			if (ok && s[1] == '#' && s[2] == 'X') {
				/* &#X41;: HTML reads it, XML does not; written as XML wants */
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, "&#x", 3);
				s += 3;
				run = s;
				continue;
			}
			if (!ok) {
				/* a bare ampersand, as in "Fish & Chips" or a URL's query */
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, "&amp;", 5);
				s++;
				run = s;
				continue;
			}
			s++;
			continue;
		}
		if (c == ']' && p->fstate == 1) {
			if (left < 3 && !final)
				break;
			if (left >= 3 && s[1] == ']' && s[2] == '>') {
				p->fstate = 0;
				s += 3;
			} else {
				s++;
			}
			continue;
		}
		if (p->fstate == 4 && (c == '&' || c == '<')) {
			sb_put(out, (const char *)run, (size_t)(s - run));
			if (c == '&')
				sb_puts(out, "&amp;");
			else
				sb_puts(out, "&lt;");
			s++;
			run = s;
			continue;
		}
		if (c == ']' && p->fstate == 4) {
			if (left < 3 && !final)
				break;
			if (left >= 3 && s[1] == ']' && s[2] == '>') {
				sb_put(out, (const char *)run, (size_t)(s - run));
				s += 3;
				run = s;
				p->fstate = 0;
			} else {
				s++;
			}
			continue;
		}
		if (c == '?' && p->fstate == 3) {
			if (left < 2 && !final)
				break;
			if (left >= 2 && s[1] == '>') {
				p->fstate = 0;
				s += 2;
			} else {
				s++;
			}
			continue;
		}
		if (c < 0x80) {
			s++;
			continue;
		}
		/* non-ASCII: a valid UTF-8 sequence is copied, anything else read as
		 * windows-1252 */
		{
			size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			int bad = 0;
			if (c < 0xC2 || c > 0xF4)
				bad = 1;
			else if (left < len) {
				if (!final) {
					/* maybe complete later, if what is there fits */
					int fits = 1;
					for (size_t i = 1; i < left; i++)
						if ((s[i] & 0xC0) != 0x80)
							fits = 0;
					if (fits)
						break;
				}
				bad = 1;
			} else {
				for (size_t i = 1; i < len; i++)
					if ((s[i] & 0xC0) != 0x80)
						bad = 1;
				if (!bad && len == 3) {
					unsigned cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
					if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
						bad = 1;
				} else if (!bad && len == 4) {
					unsigned cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12);
					if (cp < 0x10000 || cp > 0x10FFFF)
						bad = 1;
				}
			}
			if (!bad) {
				s += len;
				continue;
			}
			{
				char u[4];
				size_t un = put_cp1252(c, u);
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, u, un);
				if (!p->warned_bytes)
					feed_warn(p, filter_line(p, in, (const char *)s),
					     "bytes that are not UTF-8, read as windows-1252");
				p->warned_bytes = 1;
				s++;
				run = s;
			}
		}
	}
	if (same && out->len == 0 && run == (const unsigned char *)in) {
		/* nothing changed: the caller hands libxml2 its own bytes, uncopied */
		*same = 1;
		return (size_t)(s - run);
	}
	sbuf_add(out, (const char *)run, (size_t)(s - run));
	return (size_t)(s - (const unsigned char *)in);
}

int feed_input_parse(struct feed_parser *p, const char *buf, size_t len, int final)
{
	int rc;
	if (p->stopped)
		return 0;
	rc = xmlParseChunk(p->ctxt, buf, (int)len, final);
	(void)rc;
	return 0;
}

/* Input (in the document's encoding) to filtered UTF-8 to libxml2. */
void feed_input_bytes(struct feed_parser *p, const char *buf, size_t len, int final)
{
	const char *in = buf;
	size_t n = len, used;
	if (p->cd != (iconv_t)-1) {
		/* convert to UTF-8 first; bytes iconv cannot read become U+FFFD */
		sbuf_reset(&p->conv);
		if (p->nicarry) {
			char tmp[16 + 64];
			size_t k = len < 64 ? len : 64, take;
			memcpy(tmp, p->icarry, p->nicarry);
			memcpy(tmp + p->nicarry, buf, k);
			char *ip = tmp;
			size_t il = p->nicarry + k;
			size_t before = il;
			for (;;) {
				char ob[256], *op = ob;
				size_t ol = sizeof ob;
				size_t r = iconv(p->cd, &ip, &il, &op, &ol);
				sbuf_add(&p->conv, ob, (size_t)(op - ob));
				if (r != (size_t)-1 || errno == E2BIG) {
					if (r != (size_t)-1)
						break;
					continue;
				}
				if (errno == EILSEQ) {
					sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
					ip++;
					il--;
					continue;
				}
				break; /* EINVAL: incomplete even now */
			}
			take = before - il; /* bytes of tmp consumed */
			if (take <= p->nicarry) {
				/* still incomplete: keep collecting */
				if (p->nicarry + len < sizeof p->icarry && !final) {
					memcpy(p->icarry + p->nicarry, buf, len);
					p->nicarry += len;
					return;
				}
				/* give up on what is left of the carry: one U+FFFD, then buf */
				sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
				take = p->nicarry;
			}
			in = buf + (take - p->nicarry);
			n = len - (take - p->nicarry);
			p->nicarry = 0;
		}
		{
			char *ip = (char *)in;
			size_t il = n;
			while (il) {
				size_t r, cap;
				char *op;
				size_t ol;
				cap = il * 4 + 16;
				if (p->conv.cap < p->conv.len + cap + 1) {
					sbuf_add(&p->conv, "", 0);
					p->conv.s = xrealloc(p->conv.s, p->conv.len + cap + 1);
					p->conv.cap = p->conv.len + cap + 1;
				}
				op = p->conv.s + p->conv.len;
				ol = cap;
				r = iconv(p->cd, &ip, &il, &op, &ol);
				p->conv.len = (size_t)(op - p->conv.s);
				p->conv.s[p->conv.len] = '\0';
				if (r != (size_t)-1)
					break;
				if (errno == E2BIG)
					continue;
				if (errno == EILSEQ) {
					if (!p->warned_bytes)
						feed_warn(p, filter_line(p, in, in), "bytes that are not valid in the document's encoding");
					p->warned_bytes = 1;
					sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
					ip++;
					il--;
					continue;
				}
				/* EINVAL: an incomplete sequence at the end */
				if (final || il >= sizeof p->icarry) {
					sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
				} else {
					memcpy(p->icarry, ip, il);
					p->nicarry = il;
				}
				break;
			}
		}
		in = sbuf_str(&p->conv);
		n = p->conv.len;
	}
	/* the UTF-8 filter, with what the last push held back in front */
	sbuf_reset(&p->filt);
	if (p->ncarry) {
		char tmp[sizeof p->carry + 64];
		size_t k = n < 64 ? n : 64, c0 = p->ncarry;
		memcpy(tmp, p->carry, c0);
		memcpy(tmp + c0, in, k);
		used = filter(p, tmp, c0 + k, final && k == n, &p->filt, NULL);
		if (used < c0) {
			/* the held bytes still wait (only possible when n is tiny) */
			size_t keep = c0 + k - used;
			if (keep > sizeof p->carry) {
				/* cannot happen (the filter looks < 64 bytes ahead); stay safe */
				sbuf_add(&p->filt, tmp + used, keep);
				keep = 0;
			}
			memmove(p->carry, tmp + used, keep);
			p->ncarry = keep;
			if (p->ncarry > sizeof p->carry - 8 || final) {
				sbuf_add(&p->filt, p->carry, p->ncarry);
				p->ncarry = 0;
			}
			feed_input_parse(p, sbuf_str(&p->filt), p->filt.len, 0);
			return;
		}
		in += used - c0;
		n -= used - c0;
		p->ncarry = 0;
	}
	{
		int same = 0;
		used = filter(p, in, n, final, &p->filt, &same);
		if (used < n) {
			size_t rest = n - used;
			if (rest > sizeof p->carry)
				rest = sizeof p->carry; /* cannot happen: the filter holds back < 64 */
			memcpy(p->carry, in + used, rest);
			p->ncarry = rest;
		}
		if (same)
			feed_input_parse(p, in, used, 0);
		else
			feed_input_parse(p, sbuf_str(&p->filt), p->filt.len, 0);
	}
}

/* ---- encoding detection ---- */

static const struct {
	const char *alias, *name;
} enc_alias[] = {
	{"utf8", "UTF-8"}, {"x-sjis", "SHIFT_JIS"}, {"sjis", "SHIFT_JIS"},
	{"shift-jis", "SHIFT_JIS"}, {"x-euc-jp", "EUC-JP"}, {"ks_c_5601-1987", "CP949"},
	{"ks_c_5601", "CP949"}, {"euc-kr", "CP949"}, {"gb2312", "GB18030"}, {"gbk", "GB18030"},
	{"x-gbk", "GB18030"}, {"iso-8859-8-i", "ISO-8859-8"}, {"x-mac-roman", "MACINTOSH"},
	{"mac", "MACINTOSH"}, {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
	{"iso_8859-1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"},
	{"ascii", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"}, {"big5", "BIG5-HKSCS"},
	{"x-big5", "BIG5-HKSCS"}, {"tis-620", "CP874"}, {"windows-874", "CP874"},
	/* Mac code pages and EBCDIC as Python and browsers name them */
	{"mac-roman", "MACINTOSH"}, {"macroman", "MACINTOSH"}, {"macintosh", "MACINTOSH"},
	{"x-mac-cyrillic", "MAC-CYRILLIC"}, {"mac-cyrillic", "MAC-CYRILLIC"},
	{"maccyrillic", "MAC-CYRILLIC"}, {"x-mac-ukrainian", "MACUKRAINIAN"},
	{"mac-ukrainian", "MACUKRAINIAN"}, {"x-mac-ce", "MAC-CENTRALEUROPE"},
	{"x-mac-centraleurroman", "MAC-CENTRALEUROPE"}, {"mac-centeuro", "MAC-CENTRALEUROPE"},
	{"mac-latin2", "MAC-CENTRALEUROPE"}, {"maccentraleurope", "MAC-CENTRALEUROPE"},
	{"x-mac-icelandic", "MAC-IS"}, {"mac-iceland", "MAC-IS"}, {"maciceland", "MAC-IS"},
	{"cp037", "IBM037"}, {"ibm037", "IBM037"}, {"ibm039", "IBM037"}, {"ebcdic-cp-us", "IBM037"},
	{"ebcdic-cp-ca", "IBM037"}, {"ebcdic-cp-wt", "IBM037"}, {"ebcdic-cp-nl", "IBM037"},
	{"csibm037", "IBM037"}, {"cp500", "IBM500"}, {"ibm500", "IBM500"},
	{"ebcdic-cp-be", "IBM500"}, {"ebcdic-cp-ch", "IBM500"}, {"ebcdic", "IBM037"},
};

/* An iconv name for a declared encoding, NULL for UTF-8, "" when unknown. */
static const char *enc_pick(const char *decl, char *buf, size_t bufsz)
{
	iconv_t cd;
	size_t i;
	if (!strcasecmp(decl, "utf-8") || !strcasecmp(decl, "utf8"))
		return NULL;
	for (i = 0; i < sizeof enc_alias / sizeof enc_alias[0]; i++)
		if (!strcasecmp(decl, enc_alias[i].alias))
			return strcmp(enc_alias[i].name, "UTF-8") ? enc_alias[i].name : NULL;
	/* windows-1252, win-1252, cp-1252 */
	if (!strncasecmp(decl, "win-", 4) || !strncasecmp(decl, "cp-", 3) ||
	    !strncasecmp(decl, "x-cp", 4)) {
		const char *d = decl + strcspn(decl, "0123456789");
		snprintf(buf, bufsz, "CP%s", d);
		return buf;
	}
	cd = iconv_open("UTF-8", decl);
	if (cd == (iconv_t)-1 && !strncasecmp(decl, "x-", 2) && decl[2]) {
		/* "x-" names of encodings iconv knows by their plain name */
		decl += 2;
		cd = iconv_open("UTF-8", decl);
	}
	if (cd == (iconv_t)-1)
		return "";
	iconv_close(cd);
	snprintf(buf, bufsz, "%s", decl);
	return buf;
}

/* An EBCDIC document: its declaration, read through CP037 (whose letters, digits and
 * punctuation the EBCDIC code pages share), names the code page; CP037 when it cannot. */
static const char *ebcdic_pick(const unsigned char *h, size_t n, char *buf, size_t bufsz)
{
	char ascii[256], *ip = (char *)h, *op = ascii, *q, *e;
	size_t il = n < 200 ? n : 200, ol = sizeof ascii - 1;
	const char *enc;
	iconv_t cd = iconv_open("UTF-8", "CP037");
	if (cd == (iconv_t)-1)
		return "CP037";
	iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	*op = '\0';
	if ((e = strstr(ascii, "?>")) != NULL)
		*e = '\0';
	q = strstr(ascii, "encoding");
	if (!q)
		return "CP037";
	q += 8;
	q += strspn(q, " \t\r\n=");
	if (*q != '"' && *q != '\'')
		return "CP037";
	e = strchr(q + 1, *q);
	if (!e)
		return "CP037";
	*e = '\0';
	enc = enc_pick(q + 1, buf, bufsz);
	return enc && *enc ? enc : "CP037";
}

static int valid_utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		if (!len || (c > 0xF4))
			return 0;
		if (i + len > n)
			return 1; /* cut by the sample */
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

/* Reads the BOM and the XML declaration; sets up the conversion; creates the parser. */
int feed_input_start(struct feed_parser *p, char *err, size_t errsz)
{
	const unsigned char *h = (const unsigned char *)sbuf_str(&p->head);
	size_t n = p->head.len, skip = 0;
	const char *enc = NULL; /* iconv name; NULL: UTF-8 */
	char buf[64], decl[64];
	int declared = 0, ebcdic = 0;

	if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
		skip = 3;
	else if (n >= 4 && h[0] == 0xFF && h[1] == 0xFE && h[2] == 0 && h[3] == 0)
		enc = "UTF-32LE", skip = 4;
	else if (n >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 0xFE && h[3] == 0xFF)
		enc = "UTF-32BE", skip = 4;
	else if (n >= 2 && h[0] == 0xFF && h[1] == 0xFE)
		enc = "UTF-16LE", skip = 2;
	else if (n >= 2 && h[0] == 0xFE && h[1] == 0xFF)
		enc = "UTF-16BE", skip = 2;
	else if (n >= 4 && h[0] == '<' && h[1] == 0 && h[2] == 0 && h[3] == 0)
		enc = "UTF-32LE";
	else if (n >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == '<')
		enc = "UTF-32BE";
	else if (n >= 4 && h[0] == 0x4C && h[1] == 0x6F && h[2] == 0xA7 && h[3] == 0x94)
		enc = ebcdic_pick(h, n, buf, sizeof buf), ebcdic = 1; /* "<?xm" in EBCDIC */
	else if (n >= 2 && h[0] == '<' && h[1] == 0)
		enc = "UTF-16LE";
	else if (n >= 2 && h[0] == 0 && h[1] == '<')
		enc = "UTF-16BE";
	else {
		/* an ASCII-compatible encoding: the declaration names it */
		const char *s = (const char *)h + skip, *e = (const char *)h + n;
		const char *q;
		while (s < e && isspace((unsigned char)*s))
			s++;
		if (e - s > 5 && memcmp(s, "<?xml", 5) == 0) {
			const char *end = memmem(s, (size_t)(e - s), "?>", 2);
			if (!end)
				end = e;
			q = memmem(s, (size_t)(end - s), "encoding", 8);
			if (q) {
				q += 8;
				while (q < end && (isspace((unsigned char)*q) || *q == '='))
					q++;
				if (q < end && (*q == '"' || *q == '\'')) {
					char quote = *q++;
					size_t k = 0;
					while (q < end && *q != quote && k + 1 < sizeof decl)
						decl[k++] = *q++;
					decl[k] = '\0';
					declared = k > 0;
					if (k && !skip) {
						if (!strncasecmp(decl, "utf-16", 6) || !strncasecmp(decl, "utf-32", 6) ||
						    !strncasecmp(decl, "ucs-", 4) || !strncasecmp(decl, "utf-7", 5)) {
							/* a declaration an ASCII document cannot mean */
							enc = NULL;
						} else {
							enc = enc_pick(decl, buf, sizeof buf);
							if (enc && !*enc) {
								enc = valid_utf8_prefix(h, n) ? NULL : "WINDOWS-1252";
								feed_warn(p, 1, "unknown encoding \"%s\", read as %s", decl,
								     enc ? enc : "UTF-8");
							}
						}
					}
				}
			}
		}
	}
	int bom = skip > 0;
	if (!enc || (strncmp(enc, "UTF-16", 6) && strncmp(enc, "UTF-32", 6) && !ebcdic)) {
		/* junk or white space before the first '<' (a blank line before the XML
		 * declaration, a stray byte): skipped, as browsers do */
		const unsigned char *lt = memchr(h + skip, '<', n - skip);
		if (lt && lt > h + skip) {
			for (const unsigned char *q = h + skip; q < lt; q++)
				if (!isspace(*q)) {
					feed_warn(p, 1, "text before the document's first tag: skipped");
					break;
				}
			skip = (size_t)(lt - h);
		}
	}
	if (!enc && !bom && !declared && p->charset) {
		const char *e = enc_pick(p->charset, buf, sizeof buf);
		if (e && *e)
			enc = e;
	}
	p->cd = (iconv_t)-1;
	if (enc) {
		p->cd = iconv_open("UTF-8", enc);
		if (p->cd == (iconv_t)-1) {
			err_set(err, errsz, "%s: cannot read the encoding %s", p->name, enc);
			return -1;
		}
	}
	p->ctxt = xmlCreatePushParserCtxt(&p->sax, p, NULL, 0, p->name);
	if (!p->ctxt) {
		err_set(err, errsz, "%s: cannot start the XML parser", p->name);
		return -1;
	}
	p->ctxt->_private = p;
	/* Recover from errors; never touch the network, load a DTD or substitute entities;
	 * the encoding is ours to decide (the filter hands libxml2 UTF-8). */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	p->ctxt->replaceEntities = 0;
	p->ctxt->loadsubset = 0;
	p->ctxt->validate = 0;
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
	p->started = 1;
	feed_input_init();
	feed_input_bytes(p, (const char *)h + skip, n - skip, 0);
	sbuf_free(&p->head);
	return 0;
}

