/* html: the HTML a feed carries in its summaries and content, made safe to keep and
 * show (a small sanitiser), or turned into plain text for titles and captions. */
#ifndef CRIER_HTML_H
#define CRIER_HTML_H

#include <stddef.h>
#include <string.h>
#include "crier/util.h"

/* sbuf_add and sbuf_addc for the hot paths: the common case (room left) inline. */
static inline void sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else {
		sbuf_add(b, s, n);
	}
}

static inline void sb_putc(struct sbuf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		sbuf_addc(b, c);
	}
}

#define sb_puts(b, lit) sb_put((b), (lit), sizeof(lit) - 1)

/* Appends to out a safe copy of html: only harmless elements and attributes stay (no
 * script, style, iframe, object, embed, form, on* handlers, javascript:/vbscript:/data:
 * URLs but data:image), links and image sources resolved against base (may be NULL),
 * character references decoded except the markup ones (&amp; &lt; &gt; &quot;). */
void html_sanitize(struct sbuf *out, const char *html, size_t len, const char *base);

/* Appends the text of html: tags dropped (block tags become newlines), script and style
 * dropped with their content, every entity decoded. */
void html_to_text(struct sbuf *out, const char *html, size_t len);

/* Appends s with character and entity references (HTML names) decoded; unknown names and
 * bare ampersands are kept as they are. */
void html_decode(struct sbuf *out, const char *s, size_t len);

/* Appends s escaped for HTML text or attribute values (& < > "). */
void html_escape(struct sbuf *out, const char *s, size_t len);

/* The UTF-8 encoding of the HTML named entity name[0..n) into out (at least 8 bytes);
 * its length, 0 when the name is unknown. */
size_t html_entity_utf8(const char *name, size_t n, char *out);

/* 1 when s looks like HTML rather than plain text (tags or entity references). */
int html_looks_like(const char *s);

/* The UTF-8 encoding of code point cp (with the browsers' windows-1252 reading of
 * 128-159, U+FFFD for what cannot be a character); returns the length (1-4). */
size_t html_utf8_put(unsigned cp, char *out);

#endif
