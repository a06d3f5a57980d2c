/* pane: the one list type. Rows are counted from the top of the list: with one row per
 * item (the story list, which may hold 100k stories) a row is an item and nothing is
 * summed; lists of taller items (errors, more-from teasers) are short. */
#include "config.h"

#include "ui/pane.h"

void pane_init(struct pane *p, enum pane_kind kind, const struct pane_rows *rows, void *ctx)
{
	p->rows = rows;
	p->ctx = ctx;
	p->kind = kind;
	p->gap = 0;
	p->cur = p->top = p->last = 0;
}

long pane_count(const struct pane *p)
{
	long n = p->rows->count(p->ctx);
	return n > 0 ? n : 0;
}

static int item_rows(const struct pane *p, long i)
{
	return p->rows->height ? p->rows->height(p->ctx, i) : 1;
}

/* The first row of item i. */
static long row_of(const struct pane *p, long i)
{
	if (!p->rows->height)
		return i;
	long r = 0;
	for (long k = 0; k < i; k++)
		r += item_rows(p, k);
	return r;
}

static long rows_total(const struct pane *p)
{
	return row_of(p, pane_count(p));
}

static long clamp(long v, long lo, long hi)
{
	if (v > hi)
		v = hi;
	if (v < lo)
		v = lo;
	return v;
}

void pane_move(struct pane *p, long d)
{
	long n = pane_count(p);
	switch (p->kind) {
	case PANE_LIST:
		p->cur = clamp(p->cur + d, 0, n - 1);
		break;
	case PANE_PAGER:
		/* drawing keeps it on the screen */
		p->top += d;
		break;
	case PANE_WHOLE:
		p->top = clamp(p->top + d, 0, n - 1);
		break;
	}
}

void pane_set(struct pane *p, long i)
{
	p->cur = clamp(i, 0, pane_count(p) - 1);
}

/* Rows items from..n-1 take with their gaps. */
static long whole_rows(const struct pane *p, long from, long n)
{
	long r = 0;
	for (long i = from; i < n; i++)
		r += item_rows(p, i) + (i > from ? p->gap : 0);
	return r;
}

void pane_scroll(struct pane *p, int vis)
{
	long n = pane_count(p);
	if (vis < 1)
		vis = 1;
	if (p->kind == PANE_WHOLE) {
		p->top = clamp(p->top, 0, n - 1);
		/* the last ones shown start no later than they must for the end to show */
		while (p->top > 0 && whole_rows(p, p->top - 1, n) <= vis)
			p->top--;
		return;
	}
	long total = rows_total(p);
	if (p->kind == PANE_LIST && n) {
		p->cur = clamp(p->cur, 0, n - 1);
		long a = row_of(p, p->cur), b = a + item_rows(p, p->cur);
		if (b > p->top + vis)
			p->top = b - vis;
		if (a < p->top)
			p->top = a;
	}
	p->top = clamp(p->top, 0, total - vis);
}

void pane_draw(struct pane *p, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	int vis = r->h - 1;
	long n = pane_count(p);
	pane_scroll(p, vis);
	int y = 0;
	if (p->kind == PANE_WHOLE) {
		/* an item that does not fit whole (with the gap before it) waits for the next
		 * scroll; the first one shown is cut only when it alone is taller than the pane */
		p->last = p->top;
		for (long i = p->top; i < n && y < vis; i++) {
			int h = item_rows(p, i), g = i > p->top ? p->gap : 0;
			if (i > p->top && y + g + h > vis)
				break;
			y += g;
			int show = h < vis - y ? h : vis - y;
			p->rows->draw(p->ctx, i, 0, show, r->y + 1 + y, r->x, r->w, 0);
			y += show;
			p->last = i + 1;
		}
		return;
	}
	/* find the item holding the top row */
	long i = 0, row = 0;
	if (!p->rows->height) {
		i = p->top;
		row = p->top;
	} else {
		while (i < n && row + item_rows(p, i) <= p->top)
			row += item_rows(p, i++);
	}
	int from = (int)(p->top - row);
	for (; i < n && y < vis; i++, from = 0) {
		int h = item_rows(p, i) - from;
		if (h > vis - y)
			h = vis - y;
		if (h <= 0)
			continue;
		p->rows->draw(p->ctx, i, from, h, r->y + 1 + y, r->x, r->w,
			      p->kind == PANE_LIST && i == p->cur);
		y += h;
	}
}

long pane_item_at(struct pane *p, int vis, int row)
{
	(void)vis;
	if (row < 0)
		return -1;
	long n = pane_count(p);
	if (p->kind == PANE_WHOLE)
		return -1;
	long want = p->top + row;
	if (!p->rows->height)
		return want < n ? want : -1;
	long r = 0;
	for (long i = 0; i < n; i++) {
		r += item_rows(p, i);
		if (want < r)
			return i;
	}
	return -1;
}

long pane_find(const struct pane *p, long from, int dir, const char *needle)
{
	if (!p->rows->match || !needle || !*needle)
		return -1;
	long n = pane_count(p);
	for (long i = from + dir; i >= 0 && i < n; i += dir)
		if (p->rows->match(p->ctx, i, needle))
			return i;
	return -1;
}
