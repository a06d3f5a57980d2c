/* extract_charset: a page's bytes to UTF-8 before parsing, so the parser sees one encoding.
 * The charset comes from the HTTP header, a BOM or a <meta> near the start, in that order. */
#include "config.h"
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

/* A <meta> charset must be declared within the first bytes (the HTML standard says 1024;
 * real pages put it later, after long comments and scripts). */
#define META_SCAN 8192

static char *charset_token(const char *p)
{
	size_t n = 0;
	while (*p == ' ' || *p == '"' || *p == '\'' || *p == '=')
		p++;
	while (p[n] && (isalnum((unsigned char)p[n]) || strchr("-_.:", p[n])) && n < 40)
		n++;
	if (!n)
		return NULL;
	char *s = xstrndup(p, n);
	for (char *q = s; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return s;
}

char *charset_from_content_type(const char *ct)
{
	const char *p;
	if (!ct)
		return NULL;
	for (p = ct; *p; p++)
		if (strncasecmp(p, "charset", 7) == 0) {
			const char *q = p + 7;
			while (*q == ' ')
				q++;
			if (*q == '=')
				return charset_token(q);
		}
	return NULL;
}

/* <meta charset=X> or <meta http-equiv=Content-Type content="...charset=X"> in the first
 * bytes. A plain byte scan: the page is not decoded yet. */
static char *charset_from_meta(const char *s, size_t len)
{
	size_t n = len < META_SCAN ? len : META_SCAN;
	char buf[META_SCAN + 1];
	memcpy(buf, s, n);
	buf[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (buf[i] == 0)
			buf[i] = ' ';
	for (char *p = buf; (p = strchr(p, '<')) != NULL; p++) {
		if (strncasecmp(p + 1, "meta", 4) != 0)
			continue;
		char *end = strchr(p, '>');
		if (!end)
			break;
		*end = 0;
		for (char *c = p; *c; c++)
			if (strncasecmp(c, "charset", 7) == 0) {
				char *q = c + 7;
				while (*q == ' ')
					q++;
				if (*q == '=') {
					char *cs = charset_token(q);
					if (cs)
						return cs;
				}
			}
		p = end;
	}
	return NULL;
}

static const char *charset_normal(const char *cs)
{
	if (!cs)
		return "utf-8";
	if (!strcmp(cs, "latin1") || !strcmp(cs, "latin-1") || !strcmp(cs, "iso-8859-1") ||
	    !strcmp(cs, "iso8859-1") || !strcmp(cs, "iso_8859-1") || !strcmp(cs, "us-ascii") ||
	    !strcmp(cs, "ascii") || !strcmp(cs, "cp1252") || !strcmp(cs, "x-cp1252"))
		return "windows-1252";
	if (!strcmp(cs, "utf8") || !strcmp(cs, "unicode") || !strcmp(cs, "utf-16") ||
	    !strcmp(cs, "utf-16le") || !strcmp(cs, "utf-16be"))
		return "utf-8"; /* a <meta> cannot truthfully say UTF-16: the bytes were read */
	if (!strcmp(cs, "gb2312") || !strcmp(cs, "gbk"))
		return "gb18030";
	if (!strcmp(cs, "shift_jis") || !strcmp(cs, "x-sjis") || !strcmp(cs, "sjis"))
		return "cp932";
	if (!strcmp(cs, "euc-kr") || !strcmp(cs, "ks_c_5601-1987"))
		return "cp949";
	if (!strcmp(cs, "iso-8859-9"))
		return "windows-1254";
	return cs;
}

/* Copy valid UTF-8, replacing each invalid byte with U+FFFD. The bytes need not end in
 * a NUL: the last few are decoded from a NUL-padded copy. */
static void utf8_copy_valid(const unsigned char *s, size_t len, struct sbuf *out)
{
	size_t i = 0, start = 0;
	while (i < len) {
		unsigned cp;
		size_t n;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (len - i >= 4) {
			n = utf8_decode((const char *)s + i, &cp);
		} else {
			char tail[5] = {0};
			memcpy(tail, s + i, len - i);
			n = utf8_decode(tail, &cp);
		}
		if (n > 1 || cp != 0xFFFD) {
			i += n;
			continue;
		}
		sbuf_add(out, (const char *)s + start, i - start);
		sbuf_add(out, "\xEF\xBF\xBD", 3);
		i++;
		start = i;
	}
	sbuf_add(out, (const char *)s + start, len - start);
}

static int iconv_convert(const char *from, const char *s, size_t len, struct sbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char buf[16384];
	if (cd == (iconv_t)-1)
		return -1;
	char *in = (char *)s;
	size_t inleft = len;
	while (inleft > 0) {
		char *o = buf;
		size_t oleft = sizeof buf;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		sbuf_add(out, buf, sizeof buf - oleft);
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			/* An invalid or cut sequence: mark it and go on after one byte. */
			sbuf_add(out, "\xEF\xBF\xBD", 3);
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	return 0;
}

void charset_to_utf8(const char *bytes, size_t len, const char *content_type,
		     struct sbuf *out)
{
	const unsigned char *u = (const unsigned char *)bytes;
	char *cs = NULL;
	const char *enc;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		utf8_copy_valid(u + 3, len - 3, out);
		sbuf_add(out, "", 0);
		return;
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		struct sbuf tmp = SBUF_INIT;
		iconv_convert(u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", bytes + 2, len - 2, &tmp);
		utf8_copy_valid((const unsigned char *)sbuf_str(&tmp), tmp.len, out);
		sbuf_free(&tmp);
		sbuf_add(out, "", 0);
		return;
	}
	cs = charset_from_content_type(content_type);
	if (!cs)
		cs = charset_from_meta(bytes, len);
	enc = charset_normal(cs);
	if (strcmp(enc, "utf-8") != 0) {
		struct sbuf tmp = SBUF_INIT;
		if (iconv_convert(enc, bytes, len, &tmp) == 0) {
			utf8_copy_valid((const unsigned char *)sbuf_str(&tmp), tmp.len, out);
			sbuf_free(&tmp);
			free(cs);
			sbuf_add(out, "", 0);
			return;
		}
		sbuf_free(&tmp);
	}
	free(cs);
	utf8_copy_valid(u, len, out);
	sbuf_add(out, "", 0);
}
