/* layout: where each pane goes for a screen size. Pure arithmetic, so a test can check
 * every size from 1x1 up without a terminal. */
#include "config.h"

#include <string.h>

#include "ui/ui.h"

static struct rect mk(int y, int x, int h, int w)
{
	struct rect r = {y, x, h > 0 ? h : 0, w > 0 ? w : 0};
	if (!r.h || !r.w)
		r.h = r.w = 0;
	return r;
}

void layout_compute(struct layout *l, int rows, int cols, enum layout_mode mode,
		    int story_open, int ncap, int nmore)
{
	memset(l, 0, sizeof *l);
	if (rows < 1 || cols < 1)
		return;
	l->status = mk(rows - 1, 0, 1, cols);
	int h = rows - 1; /* rows above the status line */
	l->wide = mode == LAYOUT_WIDE || (mode == LAYOUT_AUTO && cols >= 120);
	if (h < 1)
		return;
	if (!story_open || h < 4 || cols < 10) {
		l->list = mk(0, 0, h, cols);
		return;
	}
	if (mode == LAYOUT_STORY) {
		/* room to read: the story alone; the list and the strips are one key away */
		l->wide = 0;
		l->body = mk(0, 0, h, cols);
		return;
	}
	if (l->wide) {
		int lw = cols * 2 / 5;
		if (lw > 70)
			lw = 70;
		if (lw < 20)
			lw = cols / 2;
		l->list = mk(0, 0, h, lw);
		int rx = lw + 1, rw = cols - lw - 1; /* one column of separator */
		/* more-from under the body: its rows plus a heading */
		int mh = 0;
		if (nmore > 0) {
			mh = 1 + nmore;
			if (mh > h / 3)
				mh = h / 3;
			if (mh < 3)
				mh = h >= 9 ? 3 : 0;
		}
		int bh = h - mh;
		if (ncap > 0 && rw >= 70) {
			/* captions beside the body */
			int cw = rw / 3;
			if (cw > 40)
				cw = 40;
			l->body = mk(0, rx, bh, rw - cw - 1);
			l->captions = mk(0, rx + rw - cw, bh, cw);
		} else if (ncap > 0) {
			int ch = 1 + ncap;
			if (ch > bh / 3)
				ch = bh / 3;
			l->body = mk(0, rx, bh - ch, rw);
			l->captions = mk(bh - ch, rx, ch, rw);
		} else {
			l->body = mk(0, rx, bh, rw);
		}
		if (mh)
			l->more = mk(bh, rx, mh, rw);
		return;
	}
	/* Narrow: the list above, the story below, captions and more-from as strips. */
	int lh = h / 3;
	if (lh < 1)
		lh = 1;
	int rest = h - lh; /* rows for the story */
	int ch = 0, mh = 0;
	if (ncap > 0 && rest >= 10) {
		ch = 1 + ncap;
		if (ch > rest / 3)
			ch = rest / 3;
	}
	if (nmore > 0 && rest - ch >= 10) {
		mh = 1 + nmore;
		if (mh > rest / 4)
			mh = rest / 4;
	}
	l->list = mk(0, 0, lh, cols);
	l->body = mk(lh, 0, rest - ch - mh, cols);
	if (ch)
		l->captions = mk(lh + rest - ch - mh, 0, ch, cols);
	if (mh)
		l->more = mk(lh + rest - mh, 0, mh, cols);
}

void layout_grow(struct layout *l, int cap_rows, int more_rows)
{
	if (!l->body.h)
		return;
	/* captions beside the body share its height; strips under it are stacked */
	int beside = l->captions.h && l->captions.y == l->body.y && l->captions.x != l->body.x;
	struct rect *st[2] = {&l->captions, &l->more};
	int want[2] = {beside ? 0 : cap_rows, more_rows};
	for (int i = 0; i < 2; i++) {
		if (!st[i]->h || want[i] <= st[i]->h)
			continue;
		int d = want[i] - st[i]->h, spare = l->body.h - LAYOUT_BODY_MIN;
		if (d > spare)
			d = spare;
		if (d <= 0)
			continue;
		l->body.h -= d;
		if (beside)
			l->captions.h -= d;
		st[i]->h += d;
	}
	int y = l->body.y + l->body.h;
	if (!beside && l->captions.h) {
		l->captions.y = y;
		y += l->captions.h;
	}
	if (l->more.h)
		l->more.y = y;
}
