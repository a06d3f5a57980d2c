/* lines: the small pieces every view draws with: wrapped display lines, pane headers,
 * cells of a fixed width, dates, and the case-insensitive match of search. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "commands.h"
#include "crier/extract.h"
#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/reload.h"
#include "crier/render.h"
#include "crier/settings.h"
#include "crier/store.h"
#include "crier/story.h"
#include "crier/urls.h"
#include "ui/app.h"
#include "ui/pane.h"
#include "ui/ui.h"


void plines_add(struct plines *p, const char *text, enum ui_attr attr)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n].text = xstrdup(text);
	p->v[p->n].attr = attr;
	p->v[p->n].item = -1;
	p->n++;
}

/* Marks the lines from `from` on as showing item. */
void plines_tag(struct plines *p, size_t from, long item)
{
	for (size_t i = from; i < p->n; i++)
		p->v[i].item = item;
}

void plines_free(struct plines *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].text);
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* Wraps one paragraph of text into p through the renderer's wrapper (one wrapper, one
 * width): every line starts with indent, dropped when it leaves under 4 columns. Runs of
 * whitespace (newlines included) are one space here: a caption is one paragraph. */
void wrap_into(struct plines *p, const char *text, int width, enum ui_attr attr,
	       const char *indent)
{
	if (width - text_width(indent) < 4)
		indent = "";
	char *t = clean_dup(text);
	struct render_doc *d = xcalloc(1, sizeof *d);
	render_wrap(d, t, width, indent, indent, RENDER_TEXT);
	for (size_t i = 0; i < d->nlines; i++)
		plines_add(p, d->lines[i].text, attr);
	render_doc_free(d);
	free(t);
}

int contains_ci(const char *hay, const char *needle)
{
	if (!hay || !needle || !*needle)
		return 0;
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return 1;
	return 0;
}

char *clean_dup(const char *s)
{
	char *d = xstrdup(s ? s : "");
	text_clean_line(d);
	return d;
}

/* A pane's first row: "─ Title ────", bold when the pane has the focus. */
void pane_header(struct app *a, const struct rect *r, const char *title, int focused)
{
	if (!r->h || !r->w)
		return;
	attrset(focused ? ui_attr(UA_FRAME_FOCUS) : ui_attr(UA_FRAME));
	mvhline_set(r->y, r->x, WACS_HLINE, r->w);
	int used = draw_text(stdscr, r->y, r->x, "\xe2\x94\x80", r->w);
	used += draw_text_cut(stdscr, r->y, r->x + used, title, r->w - used); /* cut: "…" */
	if (used < r->w)
		draw_text(stdscr, r->y, r->x + used, " ", 1);
	attrset(A_NORMAL);
	(void)a;
}

void fmt_date(int64_t t, char *buf, size_t n, int longfmt)
{
	if (t == CRIER_NO_DATE) {
		snprintf(buf, n, longfmt ? "          " : "     ");
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, n, longfmt ? "%Y-%m-%d" : "%m-%d", &tm);
}

/* Draws s in exactly w columns (padded, or cut with an ellipsis), so the next column
 * starts aligned whatever the width of the characters. */
void draw_cell(int y, int x, const char *s, int w)
{
	int used = draw_text_cut(stdscr, y, x, s, w);
	draw_blank(stdscr, y, x + used, w - used);
}

/* "1 feed", "2 feeds": the noun for a count. */
const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

enum ui_attr style_attr(enum render_style st)
{
	switch (st) {
	case RENDER_TITLE: return UA_TITLE;
	case RENDER_META: return UA_META;
	case RENDER_HEADING: return UA_HEADING;
	case RENDER_QUOTE: return UA_QUOTE;
	case RENDER_LINKS: return UA_LINKS;
	case RENDER_STANDFIRST: return UA_STANDFIRST;
	default: return UA_NORMAL;
	}
}
