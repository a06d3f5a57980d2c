/* draw: putting untrusted UTF-8 on the screen. Every character is decoded, control
 * characters (C0, DEL, C1, ESC) are dropped, and widths come from text_char_width, so a title
 * can neither move the cursor nor spill out of its pane. Also the colour scheme. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "crier/render.h"
#include "crier/util.h"
#include "ui/ui.h"

/* Next character of s: its code and width; *len bytes. Width -1: not drawn. */
static wchar_t next_char(const char *s, size_t *len, int *width)
{
	unsigned cp;
	/* crier's text is UTF-8 whatever the terminal's character set */
	size_t r = utf8_decode(s, &cp);
	wchar_t wc = (wchar_t)cp;
	*len = r;
	if (r == 1 && cp == 0xFFFD) {
		*width = -1;
		return 0;
	}
	if (wc == '\t') {
		*width = 1;
		return L' ';
	}
	if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0)) {
		*width = -1;
		return 0;
	}
	if (text_is_zero_width(cp)) {
		*width = -1;
		return 0;
	}
	if (!text_locale_can_show(cp)) {
		/* a non-UTF-8 terminal: what its character set lacks is shown as '?' */
		*width = 1;
		return L'?';
	}
	/* the one width function (render.h): what wraps a line is what draws it. A code
	 * point the C library cannot print is not drawn: curses could not place it. */
	*width = wcwidth(wc) < 0 ? -1 : text_char_width(cp);
	return wc;
}

int text_cols(const char *s)
{
	int cols = 0;
	while (s && *s) {
		size_t len;
		int w;
		next_char(s, &len, &w);
		if (w > 0)
			cols += w;
		s += len;
	}
	return cols;
}

int draw_text(WINDOW *win, int y, int x, const char *s, int maxcols)
{
	if (!s || maxcols <= 0)
		return 0;
	int rows, cols;
	getmaxyx(win, rows, cols);
	if (y < 0 || y >= rows || x < 0 || x >= cols)
		return 0;
	if (x + maxcols > cols)
		maxcols = cols - x;
	wchar_t buf[512];
	int n = 0, used = 0, any = 0;
	wmove(win, y, x);
	while (*s) {
		size_t len;
		int w;
		wchar_t wc = next_char(s, &len, &w);
		s += len;
		if (w < 0)
			continue;
		if (w == 0 && !any)
			continue; /* a combining mark with nothing to combine with */
		if (used + w > maxcols)
			break;
		buf[n++] = wc;
		used += w;
		any = 1;
		if (n >= (int)(sizeof buf / sizeof buf[0]) - 1) {
			waddnwstr(win, buf, n);
			n = 0;
		}
	}
	if (n)
		waddnwstr(win, buf, n);
	return used;
}

int draw_text_cut(WINDOW *win, int y, int x, const char *s, int maxcols)
{
	if (!s || maxcols <= 0)
		return 0;
	if (text_cols(s) <= maxcols)
		return draw_text(win, y, x, s, maxcols);
	int used = draw_text(win, y, x, s, maxcols - 1);
	return used + draw_text(win, y, x + used, "\xe2\x80\xa6", 1);
}

/* Where the first cols columns of s end. */
static const char *head_end(const char *s, int cols)
{
	int used = 0;
	while (*s) {
		size_t len;
		int cw;
		next_char(s, &len, &cw);
		if (cw > 0 && used + cw > cols)
			break;
		if (cw > 0)
			used += cw;
		s += len;
	}
	return s;
}

/* Where the last cols columns of s start. */
static const char *tail_start(const char *s, int cols)
{
	int left = text_cols(s);
	while (*s && left > cols) {
		size_t len;
		int cw;
		next_char(s, &len, &cw);
		if (cw > 0)
			left -= cw;
		s += len;
	}
	return s;
}

char *text_ends(const char *s, int cols)
{
	if (text_cols(s) <= cols || cols < 5)
		return xstrdup(s);
	/* the head up to half the room, "…", then the tail that fills the rest */
	int head = (cols - 1) / 2;
	const char *h = head_end(s, head);
	struct sbuf b = SBUF_INIT;
	sbuf_add(&b, s, (size_t)(h - s));
	sbuf_adds(&b, "\xe2\x80\xa6");
	sbuf_adds(&b, tail_start(h, cols - 1 - head));
	return sbuf_steal(&b);
}

char *text_tail(const char *s, int cols)
{
	if (text_cols(s) <= cols || cols < 2)
		return xstrdup(s);
	struct sbuf b = SBUF_INIT;
	sbuf_adds(&b, "\xe2\x80\xa6");
	sbuf_adds(&b, tail_start(s, cols - 1));
	return sbuf_steal(&b);
}

static int span_cols(const char *s, size_t n)
{
	char *t = xstrndup(s, n);
	int w = text_cols(t);
	free(t);
	return w;
}

char *msg_fit(const char *s, int cols)
{
	if (text_cols(s) <= cols || cols < 20)
		return text_ends(s, cols);
	/* the message's URL: "scheme://" at its start or after a space, to ": " or a space */
	const char *u = NULL, *p = s;
	while ((p = strstr(p, "://")) != NULL) {
		const char *b = p;
		while (b > s && (isalnum((unsigned char)b[-1]) || b[-1] == '+' || b[-1] == '-' || b[-1] == '.'))
			b--;
		if (b < p && (b == s || b[-1] == ' ' || b[-1] == '(')) {
			u = b;
			break;
		}
		p += 3;
	}
	if (!u)
		return text_ends(s, cols);
	const char *auth = strstr(u, "://") + 3;
	const char *e = auth;
	while (*e && *e != ' ' && !(e[0] == ':' && e[1] == ' ') && !(e[0] == ')' && (e[1] == ' ' || e[1] == ':' || !e[1])))
		e++;
	const char *hend = auth + strcspn(auth, "/?# ");
	if (hend > e)
		hend = e;
	const char *host = auth;
	for (const char *q = auth; q < hend; q++)
		if (*q == '@')
			host = q + 1; /* the user (hidden or not) is no part of a shortened URL */
	int pre = span_cols(s, (size_t)(u - s)), post = text_cols(e);
	struct sbuf b = SBUF_INIT;
	sbuf_add(&b, s, (size_t)(u - s));
	/* the short URL: scheme://host, then "/…" (or "?…") and as much of the path's end as fits */
	sbuf_add(&b, u, (size_t)(auth - u));
	sbuf_add(&b, host, (size_t)(hend - host));
	int shortest = text_cols(sbuf_str(&b)) - pre + (hend < e ? 2 : 0);
	int room = cols - pre - post;
	if (room >= shortest) {
		if (hend < e) {
			sbuf_add(&b, hend, 1);
			sbuf_adds(&b, "\xe2\x80\xa6");
			char *rest = xstrndup(hend + 1, (size_t)(e - hend - 1));
			sbuf_adds(&b, tail_start(rest, room - shortest));
			free(rest);
		}
		sbuf_adds(&b, e);
		return sbuf_steal(&b);
	}
	if (hend < e) {
		sbuf_add(&b, hend, 1);
		sbuf_adds(&b, "\xe2\x80\xa6");
	}
	room = cols - text_cols(sbuf_str(&b));
	if (room < 10) {
		sbuf_free(&b);
		return text_ends(s, cols);
	}
	/* what follows the URL: its first clause whole (crier's sentence), "…" and the end */
	const char *c = e;
	if (c[0] == ':' && c[1] == ' ')
		c += 2;
	const char *ce = strstr(c, ": ");
	int clause = ce ? span_cols(e, (size_t)(ce - e) + 2) : post; /* with its ": " */
	if (clause > room - 6)
		clause = (room - 1) / 2;
	const char *h = head_end(e, clause), *t = tail_start(h, room - 1 - clause);
	/* the end from a word's start, when one starts in its first half */
	const char *sp = t;
	while (*sp && *sp != ' ' && sp - t < (long)strlen(t) / 2)
		sp++;
	if (t > h && t[-1] != ' ' && *sp == ' ')
		t = sp + 1;
	sbuf_add(&b, e, (size_t)(h - e));
	sbuf_adds(&b, "\xe2\x80\xa6");
	sbuf_adds(&b, t);
	return sbuf_steal(&b);
}

void draw_blank(WINDOW *win, int y, int x, int n)
{
	int rows, cols;
	getmaxyx(win, rows, cols);
	if (y < 0 || y >= rows || x < 0 || x >= cols || n <= 0)
		return;
	if (x + n > cols)
		n = cols - x;
	mvwhline(win, y, x, ' ', n);
}

static attr_t attrs[UA_COUNT];

void attrs_init(int use_colour)
{
	/* Monochrome: bold and reverse only. */
	attrs[UA_NORMAL] = A_NORMAL;
	attrs[UA_SELECTED] = A_REVERSE;
	attrs[UA_SELECTED_DIM] = A_UNDERLINE;
	attrs[UA_UNREAD] = A_BOLD;
	attrs[UA_TITLE] = A_BOLD;
	attrs[UA_META] = A_DIM;
	attrs[UA_HEADING] = A_BOLD;
	attrs[UA_QUOTE] = A_NORMAL;
	attrs[UA_LINKS] = A_DIM;
	attrs[UA_CREDIT] = A_DIM;
#ifdef A_ITALIC
	attrs[UA_CREDIT] |= A_ITALIC;
#endif
	attrs[UA_STATUS] = A_REVERSE;
	attrs[UA_ERROR] = A_BOLD | A_REVERSE;
	attrs[UA_FRAME] = A_NORMAL;
	attrs[UA_FRAME_FOCUS] = A_BOLD;
	attrs[UA_DIM] = A_DIM;
	attrs[UA_STANDFIRST] = A_BOLD;
	if (!use_colour || !has_colors())
		return;
	start_color();
	use_default_colors();
	/* Eight colours are enough; 256-colour terminals get the same. */
	init_pair(1, COLOR_CYAN, -1);   /* meta, credits */
	init_pair(2, COLOR_YELLOW, -1); /* headings */
	init_pair(3, COLOR_GREEN, -1);  /* quotes */
	init_pair(4, COLOR_WHITE, COLOR_BLUE); /* status */
	init_pair(5, COLOR_WHITE, COLOR_RED);  /* errors */
	init_pair(6, COLOR_BLUE, -1);   /* links list, frames */
	init_pair(7, COLOR_MAGENTA, -1);
	attrs[UA_META] = COLOR_PAIR(1);
	attrs[UA_CREDIT] = COLOR_PAIR(1);
#ifdef A_ITALIC
	attrs[UA_CREDIT] |= A_ITALIC;
#endif
	attrs[UA_HEADING] = COLOR_PAIR(2) | A_BOLD;
	attrs[UA_QUOTE] = COLOR_PAIR(3);
	attrs[UA_STATUS] = COLOR_PAIR(4);
	attrs[UA_ERROR] = COLOR_PAIR(5) | A_BOLD;
	attrs[UA_LINKS] = COLOR_PAIR(6);
	attrs[UA_FRAME_FOCUS] = COLOR_PAIR(7) | A_BOLD;
	attrs[UA_TITLE] = A_BOLD;
}

attr_t ui_attr(enum ui_attr a)
{
	return attrs[a];
}
