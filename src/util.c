/* util: growable strings, text sanitising and JSON output. */
#include "config.h"
#include "crier/util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/uri.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("crier: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p) {
		fputs("crier: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("crier: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p;
	if (!s)
		return NULL;
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void sbuf_grow(struct sbuf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sbuf_reserve(struct sbuf *b, size_t extra)
{
	sbuf_grow(b, extra);
}

void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_adds(struct sbuf *b, const char *s)
{
	if (s)
		sbuf_add(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	sbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

const char *sbuf_str(const struct sbuf *b)
{
	return b->s ? b->s : "";
}

char *sbuf_steal(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* A message too long for its buffer keeps its start (what failed: a URL, a file) and its
 * end (why: "HTTP 404 Not Found"), joined by an ellipsis, each cut between characters:
 * cutting only the end lost the reason behind a long URL, and could split a character. */
void err_set(char *err, size_t errsz, const char *fmt, ...)
{
	static const char dots[] = "\xe2\x80\xa6"; /* U+2026 */
	va_list ap, again;
	int n;
	if (!err || !errsz)
		return;
	va_start(ap, fmt);
	va_copy(again, ap);
	n = vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= errsz) {
		char *full = xmalloc((size_t)n + 1);
		size_t room = errsz - 1, head, tail;
		vsnprintf(full, (size_t)n + 1, fmt, again);
		if (room > 2 * (sizeof dots - 1)) {
			room -= sizeof dots - 1;
			head = room / 2;
			tail = (size_t)n - (room - head);
		} else {
			head = room;
			tail = (size_t)n;
		}
		/* neither cut inside a character: back to its first byte, on past its last */
		while (head > 0 && ((unsigned char)full[head] & 0xC0) == 0x80)
			head--;
		while (tail < (size_t)n && ((unsigned char)full[tail] & 0xC0) == 0x80)
			tail++;
		memcpy(err, full, head);
		if (tail < (size_t)n) {
			memcpy(err + head, dots, sizeof dots - 1);
			head += sizeof dots - 1;
			memcpy(err + head, full + tail, (size_t)n - tail);
			head += (size_t)n - tail;
		}
		err[head] = '\0';
		free(full);
	}
	va_end(again);
}

/* Reads at most 4 bytes and stops at the first byte that is not a continuation, so a
 * NUL-terminated string is never read past its end. Rejects overlongs, surrogates and
 * code points past U+10FFFF. */
size_t utf8_decode(const char *str, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		if ((s[1] & 0xC0) != 0x80)
			goto bad;
		*cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			goto bad;
		*cp = ((c & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (*cp < 0x800 || (*cp >= 0xD800 && *cp <= 0xDFFF))
			goto bad;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			goto bad;
		*cp = ((c & 0x07) << 18) | ((unsigned)(s[1] & 0x3F) << 12) |
		      ((unsigned)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (*cp < 0x10000 || *cp > 0x10FFFF)
			goto bad;
		return 4;
	}
bad:
	*cp = 0xFFFD;
	return 1;
}

size_t utf8_encode(char out[4], unsigned cp)
{
	unsigned char *u = (unsigned char *)out;
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int text_is_invisible_control(unsigned cp)
{
	/* Bidi embeddings, overrides and isolates, the directional marks, and the deprecated
	 * format characters that also steer direction: with them a title or URL can be shown
	 * in an order other than the one it has, so none survives cleaning. */
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF;
}

int text_is_zero_width(unsigned cp)
{
	/* Format characters that take no column and are not marks combining with the
	 * character before: a terminal given one may draw it as a box or attach it
	 * somewhere, so the screen draws them as nothing. Combining marks (U+0300...) are
	 * not listed: they belong to their letter. */
	return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 ||
	       cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
	       (cp >= 0xE0000 && cp <= 0xE007F);
}

int text_locale_can_show(unsigned cp)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return 0;
	return wcrtomb(mb, (wchar_t)cp, &st) != (size_t)-1;
}

size_t text_to_locale(const char *s, struct sbuf *out)
{
	size_t bad = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (s && *s) {
		char mb[MB_LEN_MAX];
		unsigned cp;
		size_t n;
		s += utf8_decode(s, &cp);
		if (cp == '\n' || cp == '\t') {
			sbuf_addc(out, (char)cp);
			continue;
		}
		if (text_is_zero_width(cp) || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			continue;
		n = wcrtomb(mb, (wchar_t)cp, &st);
		if (n == (size_t)-1) {
			memset(&st, 0, sizeof st);
			sbuf_addc(out, '?');
			bad++;
			continue;
		}
		sbuf_add(out, mb, n);
	}
	if (!out->s)
		sbuf_add(out, "", 0);
	return bad;
}

static size_t clean(char *s, int oneline)
{
	unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
	int space = oneline; /* at start, leading space is dropped */
	if (!s)
		return 0;
	while (*r) {
		unsigned cp;
		size_t n = utf8_decode((const char *)r, &cp);
		if (n == 1 && cp == 0xFFFD) {
			/* U+FFFD; the sequence is never longer than what it replaces... except
			 * for one stray byte, so write it only when there is room. */
			r++;
			if (w + 3 <= r) {
				*w++ = 0xEF; *w++ = 0xBF; *w++ = 0xBD;
			} else {
				*w++ = '?';
			}
			space = 0;
			continue;
		}
		if (cp == '\r' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\v' || cp == ' ' ||
		    cp == 0xA0) {
			if (oneline) {
				if (!space)
					*w++ = ' ';
				space = 1;
			} else if (cp == '\t' || cp == '\n' || cp == ' ') {
				*w++ = (unsigned char)cp;
			} else if (cp == 0xA0) {
				memmove(w, r, n);
				w += n;
			}
			r += n;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
		    text_is_invisible_control(cp)) {
			r += n;
			continue;
		}
		memmove(w, r, n);
		w += n;
		r += n;
		space = 0;
	}
	if (oneline && w > (unsigned char *)s && w[-1] == ' ')
		w--;
	*w = '\0';
	return (size_t)(w - (unsigned char *)s);
}

size_t text_clean(char *s)
{
	return clean(s, 0);
}

size_t text_clean_line(char *s)
{
	return clean(s, 1);
}

char *text_trim_blank_lines(char *s)
{
	size_t n;
	while (*s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	s[n] = '\0';
	return s;
}

void json_str(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run;
	if (!s) {
		sbuf_add(b, "null", 4);
		return;
	}
	sbuf_addc(b, '"');
	run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;
		char u[7];
		/* DEL and the C1 controls (U+0080-U+009F, UTF-8 C2 80-C2 9F) are escaped too, so
		 * a reader of the JSON never meets a raw terminal control */
		if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F) {
			sbuf_add(b, run, (size_t)(s - run));
			c = (unsigned char)s[1];
			u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
			u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
			sbuf_adds(b, u);
			s++;
			run = s + 1;
			continue;
		}
		if (c >= 0x20 && c != 0x7F && c != '"' && c != '\\')
			continue;
		sbuf_add(b, run, (size_t)(s - run));
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\t': esc = "\\t"; break;
		case '\r': esc = "\\r"; break;
		default:
			u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
			u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
			esc = u;
		}
		sbuf_adds(b, esc);
		run = s + 1;
	}
	sbuf_add(b, run, (size_t)(s - run));
	sbuf_addc(b, '"');
}

void json_date(struct sbuf *b, int64_t t)
{
	if (t == CRIER_NO_DATE)
		sbuf_add(b, "null", 4);
	else
		sbuf_printf(b, "%lld", (long long)t);
}

char *url_resolve(const char *base, const char *ref)
{
	xmlChar *r;
	char *out;
	if (!ref)
		return NULL;
	if (!base || !*base)
		return xstrdup(ref);
	r = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	if (!r)
		return xstrdup(ref);
	out = xstrdup((const char *)r);
	xmlFree(r);
	return out;
}

char *url_hide_password(const char *text)
{
	struct sbuf b = SBUF_INIT;
	const char *p = text, *sep;
	if (!text)
		return NULL;
	while ((sep = strstr(p, "://")) != NULL) {
		const char *auth = sep + 3, *end = auth + strcspn(auth, "/?# \t\n\"'<>"), *at = NULL;
		const char *q;
		for (q = auth; q < end; q++)
			if (*q == '@')
				at = q;
		sbuf_add(&b, p, (size_t)(auth - p));
		if (at) {
			/* user:password@ (or a user alone) is the reader's secret */
			sbuf_adds(&b, "***");
			p = at;
		} else {
			p = auth;
		}
	}
	sbuf_adds(&b, p);
	return sbuf_steal(&b);
}

int url_is_http(const char *url)
{
	return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

int file_others_can_write(const char *path, char *msg, size_t msgsz)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	/* a group of its own (Debian's user private groups) is the reader alone */
	if (!(st.st_mode & S_IWOTH) && !((st.st_mode & S_IWGRP) && st.st_gid != getegid()))
		return 0;
	err_set(msg, msgsz, "%s: writable by other users (mode %04o): whoever can write it "
		"chooses what crier fetches and runs; chmod go-w %s", path,
		(unsigned)(st.st_mode & 07777), path);
	return 1;
}

int file_read_all(const char *path, size_t max, struct sbuf *out, char *err, size_t errsz)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char buf[65536];
	size_t n;
	if (!f) {
		err_set(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (out->len + n > max) {
			err_set(err, errsz, "%s: larger than the limit of %zu bytes", path, max);
			if (f != stdin)
				fclose(f);
			return -1;
		}
		sbuf_add(out, buf, n);
	}
	if (ferror(f)) {
		err_set(err, errsz, "%s: %s", path, strerror(errno));
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	if (!out->s)
		sbuf_add(out, "", 0);
	return 0;
}
