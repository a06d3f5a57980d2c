/* pane: the one list type of the interface. Its rows come from callbacks (count, rows an
 * item takes, draw, match for search); cursor, scrolling, selection and paging live here.
 * Program side only. */
#ifndef CRIER_UI_PANE_H
#define CRIER_UI_PANE_H

#include "ui/ui.h"

struct pane_rows {
	long (*count)(void *ctx);
	/* Rows item i takes (NULL: one each). */
	int (*height)(void *ctx, long i);
	/* Draws rows from..from+n-1 of item i at screen row y, columns x..x+w-1; sel: the
	 * cursor is on it. */
	void (*draw)(void *ctx, long i, int from, int n, int y, int x, int w, int sel);
	/* 1 when item i holds the text (case-insensitive); NULL: the pane has no search. */
	int (*match)(void *ctx, long i, const char *needle);
};

enum pane_kind {
	PANE_LIST,  /* a cursor on an item, kept whole in view */
	PANE_PAGER, /* no cursor: the top row moves (the body, help) */
	PANE_WHOLE  /* no cursor: moves by whole items and shows only whole ones (captions) */
};

struct pane {
	const struct pane_rows *rows;
	void *ctx;
	enum pane_kind kind;
	int gap;      /* PANE_WHOLE: blank rows between items */
	long cur;     /* PANE_LIST: the item under the cursor */
	long top;     /* the first row shown (PANE_WHOLE: the first item) */
	long last;    /* after pane_draw, PANE_WHOLE: how many items are shown up to the last */
};

void pane_init(struct pane *p, enum pane_kind kind, const struct pane_rows *rows, void *ctx);
long pane_count(const struct pane *p);
/* Moves the cursor (a list) or the top (a pager) by d, within the items. */
void pane_move(struct pane *p, long d);
/* Puts the cursor on item i (clamped). */
void pane_set(struct pane *p, long i);
/* Scrolls so the cursor's item is whole in view in vis rows (and no room is wasted at the
 * end), as drawing does. */
void pane_scroll(struct pane *p, int vis);
/* Draws the items in rows r->y+1.. of r (r's first row is the caller's header). */
void pane_draw(struct pane *p, const struct rect *r);
/* The item shown on row `row` under the header, or -1. */
long pane_item_at(struct pane *p, int vis, int row);
/* The next item after (dir 1) or before (dir -1) `from` that matches, or -1. */
long pane_find(const struct pane *p, long from, int dir, const char *needle);

#endif
