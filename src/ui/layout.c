/* layout: where each pane goes for a screen size. Pure arithmetic, so a test can check
 * every size from 1x1 up without a terminal.
 *
 * The story gets the room: the list keeps a useful minimum, the captions and the
 * more-from list are as tall as what they hold (capped), and the body takes the rest.
 * The body's place and wrap width never depend on whether captions exist, so a page
 * that arrives with photos does not move the text already on screen: captions beside
 * the body have their column kept, a strip goes under the body. */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "ui/ui.h"

#define CAP_MIN 24    /* a captions column narrower than this goes under the body */
#define CAP_MAX 40
#define TEXT_MIN 60   /* body text columns kept before the captions go beside it */

static struct rect mk(int y, int x, int h, int w)
{
	struct rect r = {y, x, h > 0 ? h : 0, w > 0 ? w : 0};
	if (!r.h || !r.w)
		r.h = r.w = 0;
	return r;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* A strip holding n rows of content (its header added), at most a quarter of the
 * story's rows and at least a header and two rows. */
static int strip_rows(int n, int hh)
{
	if (n <= 0)
		return 0;
	int cap = hh / 4 < 3 ? 3 : hh / 4;
	return 1 + n < cap ? 1 + n : cap;
}

/* The story's panes in the rectangle (y, x, hh, w): body, captions beside it or a strip
 * under it, more-from under both. tw: the readable measure (0: none). */
static void layout_story(struct layout *l, int y, int x, int hh, int w, int ncap, int nmore, int tw)
{
	int measure = tw > 0 ? tw : INT_MAX / 2;
	int beside = w - 1 - CAP_MIN >= (measure < TEXT_MIN ? measure : TEXT_MIN) + 1;
	int bw = w, cw = 0;
	if (beside) {
		/* the body as wide as the measure (and a margin), the captions right after */
		cw = measure < INT_MAX / 2 ? w - 1 - (measure + 2) : w / 3;
		cw = clamp(cw, CAP_MIN, CAP_MAX);
		bw = w - 1 - cw;
		if (bw > measure + 2)
			bw = measure + 2;
	}
	l->text_w = bw - 1 < measure ? bw - 1 : measure;
	int mh = hh >= 9 ? strip_rows(nmore, hh) : 0;
	int ch = !beside && ncap > 0 && hh - mh >= 10 ? strip_rows(ncap, hh) : 0;
	int bh = hh - mh - ch;
	if (beside && ncap > 0) {
		l->body = mk(y, x, bh, bw);
		l->captions = mk(y, x + bw + 1, bh, cw);
	} else {
		/* no captions yet: the body's rectangle spans, its text keeps text_w */
		l->body = mk(y, x, bh, w);
		if (ch)
			l->captions = mk(y + bh, x, ch, w);
	}
	if (mh)
		l->more = mk(y + bh + ch, x, mh, w);
}

void layout_compute(struct layout *l, int rows, int cols, enum layout_mode mode,
		    int story_open, int ncap, int nmore, int text_width)
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
		l->text_w = text_width > 0 && text_width < cols - 1 ? text_width : cols - 1;
		return;
	}
	if (l->wide) {
		/* the list keeps 3/10 of the columns (40 at least: a date and a title); the
		 * story what its measure and a captions column need; a wider screen gives
		 * the rest to the list */
		int lmin = cols * 3 / 10 < 40 ? 40 : cols * 3 / 10;
		if (lmin > cols / 2)
			lmin = cols / 2;
		int lw = text_width > 0 ? cols - 1 - (text_width + 2) - 1 - CAP_MAX : lmin;
		if (lw < lmin)
			lw = lmin;
		l->list = mk(0, 0, h, lw);
		layout_story(l, 0, lw + 1, h, cols - lw - 1, ncap, nmore, text_width);
		return;
	}
	/* Stacked: a few rows of the list above, the story below. */
	int lh = h / 5 + 1;
	if (lh < 3)
		lh = h >= 8 ? 3 : 1;
	l->list = mk(0, 0, lh, cols);
	layout_story(l, lh, 0, h - lh, cols, ncap, nmore, text_width);
}

/* The strips under the body follow its bottom edge. */
static void layout_place(struct layout *l)
{
	int beside = l->captions.h && l->captions.y == l->body.y && l->captions.x != l->body.x;
	int y = l->body.y + l->body.h;
	if (!beside && l->captions.h) {
		l->captions.y = y;
		y += l->captions.h;
	}
	if (l->more.h)
		l->more.y = y;
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
	layout_place(l);
}

void layout_shrink(struct layout *l, int cap_rows, int more_rows)
{
	int beside = l->captions.h && l->captions.y == l->body.y && l->captions.x != l->body.x;
	if (!l->body.h)
		return;
	if (!beside && l->captions.h > cap_rows && cap_rows > 1) {
		l->body.h += l->captions.h - cap_rows;
		l->captions.h = cap_rows;
	}
	if (l->more.h > more_rows && more_rows > 1) {
		l->body.h += l->more.h - more_rows;
		if (beside)
			l->captions.h = l->body.h;
		l->more.h = more_rows;
	}
	layout_place(l);
}
