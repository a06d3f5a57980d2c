/* util: growable strings, text sanitising and JSON output shared by every module.
 * Nothing here knows about feeds, pages or the terminal. */
#ifndef CRIER_UTIL_H
#define CRIER_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Size of the caller-provided error buffers that functions fill on failure. */
#define CRIER_ERRSZ 512

/* A date that is absent or could not be read. Never a wrong date. */
#define CRIER_NO_DATE INT64_MIN

/* Growable byte string, always NUL-terminated once anything was added.
 * Zero-initialised (SBUF_INIT) is an empty buffer; sbuf_free releases it. */
struct sbuf {
	char *s;
	size_t len, cap;
};
#define SBUF_INIT {NULL, 0, 0}

void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_reserve(struct sbuf *b, size_t extra); /* room for extra more bytes and a NUL */
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_reset(struct sbuf *b);          /* len = 0, keeps the memory */
const char *sbuf_str(const struct sbuf *b); /* "" when empty */
char *sbuf_steal(struct sbuf *b);         /* caller frees; buffer left empty */
void sbuf_free(struct sbuf *b);

/* Allocation that aborts on out-of-memory: a reader cannot do anything useful then. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);

/* Fill a caller's error buffer (CRIER_ERRSZ bytes); err may be NULL. */
void err_set(char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Make untrusted text safe for a terminal and valid UTF-8, in place: removes C0 controls
 * except tab and newline, DEL, C1 controls (U+0080-U+009F) and ESC, and the bidi and
 * invisible controls of text_is_invisible_control; replaces invalid UTF-8 sequences with
 * U+FFFD. Returns the new length. */
size_t text_clean(char *s);
/* Same, but also turns every run of whitespace into one space and trims the ends
 * (for titles and other one-line fields). */
size_t text_clean_line(char *s);

/* 1 for the bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), the
 * deprecated direction formats U+206A-U+206F and U+FEFF: cleaning removes them. */
int text_is_invisible_control(unsigned cp);
/* 1 for a character that takes no column and combines with nothing (zero-width space,
 * joiners, soft hyphen, tag characters, the bidi controls): drawn as nothing. */
int text_is_zero_width(unsigned cp);
/* 1 when the current LC_CTYPE can write cp (never for a control character). */
int text_locale_can_show(unsigned cp);
/* Appends UTF-8 text s converted to the current LC_CTYPE's character set: controls and
 * zero-width characters dropped (tab and newline kept), a character the set lacks
 * written as '?'. Returns how many were replaced. For a UTF-8 locale the output is valid
 * UTF-8, so no byte 0x80-0x9F stands outside a sequence. */
size_t text_to_locale(const char *s, struct sbuf *out);

/* The code point of the UTF-8 sequence at s and its length (1-4). An invalid or cut
 * sequence gives U+FFFD and length 1 (a real U+FFFD is 3 bytes), so a loop always moves
 * on. Never reads past a NUL. */
size_t utf8_decode(const char *s, unsigned *cp);
/* The UTF-8 of cp into out; its length (1-4). Surrogates and values past U+10FFFF are
 * written as U+FFFD. */
size_t utf8_encode(char out[4], unsigned cp);

/* Preformatted text without the blank lines around it: returns a pointer into s past
 * its leading newlines, and cuts trailing newlines and spaces in place. */
char *text_trim_blank_lines(char *s);

/* Append s as a JSON string literal ("null" when s is NULL). */
void json_str(struct sbuf *b, const char *s);
/* Append a date as UNIX seconds, or null for CRIER_NO_DATE. */
void json_date(struct sbuf *b, int64_t t);

/* Resolve ref against base (either may be NULL). Returns a new string or NULL. */
char *url_resolve(const char *base, const char *ref);
/* A copy of text (a URL or a message holding URLs) with each URL's user:password@ shown
 * as ***@, so no message, error view or output shows the reader's credentials. NULL in,
 * NULL out; the caller frees. */
char *url_hide_password(const char *text);
/* 1 when url is http:// or https:// (case-insensitive scheme). */
int url_is_http(const char *url);

/* 1 with msg (naming the file and the fix) when a file crier reads its feeds or its
 * settings from can be written by users other than its owner; else 0. */
int file_others_can_write(const char *path, char *msg, size_t msgsz);

/* Read a whole file (or stdin for "-") with a size cap. Returns 0 or -1 with err naming
 * the file. */
int file_read_all(const char *path, size_t max, struct sbuf *out, char *err, size_t errsz);

#endif
