/* storyview: the story view: the body pager, the captions and credits by whole figures,
 * the more-from links, and their layout. The story itself (page, article) is the core's
 * story module: this file asks it and draws. */
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
#include "crier/enclosure.h"
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


static void more_index_free(struct sview *v)
{
	free(v->mline);
	free(v->mstart);
	v->mline = v->mstart = NULL;
	v->nmline = 0;
}

void sview_free(struct sview *v)
{
	if (!v)
		return;
	story_free(v->st);
	if (v->doc)
		render_doc_free(v->doc);
	plines_free(&v->caps);
	plines_free(&v->more);
	more_index_free(v);
	free(v->cfig);
	free(v);
}

void history_clear(struct app *a)
{
	for (size_t i = 0; i < a->nhist; i++)
		sview_free(a->hist[i]);
	a->nhist = 0;
}

static void story_invalidate(struct sview *s)
{
	if (s->doc)
		render_doc_free(s->doc);
	s->doc = NULL;
	plines_free(&s->caps);
	plines_free(&s->more);
	more_index_free(s);
	free(s->cfig);
	s->cfig = NULL;
	s->ncfig = 0;
	s->doc_width = s->caps_width = s->more_width = 0;
}

static const char *more_section(const struct more_link *m)
{
	return m->section && *m->section ? m->section : "More from";
}

/* The more-from lines at a width: a heading before every section but the first (the
 * pane's header names the section under the cursor), then per link its title, summary
 * and, set apart like the captions pane sets them, its photo's caption and credit. */
static void more_build(struct plines *p, const struct article *art, int width)
{
	plines_free(p);
	for (size_t i = 0; i < art->nmore; i++) {
		const struct more_link *m = &art->more[i];
		if (i > 0 && strcmp(more_section(m), more_section(&art->more[i - 1])) != 0) {
			plines_add(p, "", UA_NORMAL);
			wrap_into(p, more_section(m), width, UA_HEADING, "");
		}
		struct sbuf t = SBUF_INIT;
		sbuf_printf(&t, "› %s", m->title && *m->title ? m->title : m->url);
		size_t from = p->n;
		plines_add(p, sbuf_str(&t), UA_TITLE); /* one row: the cursor's bar */
		sbuf_free(&t);
		if (m->summary && *m->summary)
			wrap_into(p, m->summary, width, UA_DIM, "  ");
		if (m->caption && *m->caption)
			wrap_into(p, m->caption, width, UA_CREDIT, "    ");
		if (m->credit && *m->credit)
			wrap_into(p, m->credit, width, UA_CREDIT, "      ");
		plines_tag(p, from, (long)i);
	}
}

static void story_render(struct sview *s, int width, int cap_width, int more_width)
{
	if (!s || !s->st->art)
		return;
	if (s->art_version != s->st->version) {
		/* the story's page arrived: its article replaced the feed's text */
		story_invalidate(s);
		s->art_version = s->st->version;
	}
	const struct article *art = s->st->art;
	if (width > 0 && (!s->doc || s->doc_width != width)) {
		if (s->doc)
			render_doc_free(s->doc);
		s->doc = render_article(art, width);
		/* the feed's enclosures (podcast episodes ...) under the story */
		enclosure_render(s->doc, s->st->item, width, "p plays, D downloads");
		s->doc_width = width;
	}
	if (cap_width > 0 && s->caps_width != cap_width) {
		plines_free(&s->caps);
		free(s->cfig);
		/* cfig[2k], cfig[2k+1]: the first line and the end of the k-th captioned figure
		 * (the gap lines between figures belong to none) */
		s->cfig = xmalloc((2 * art->nfigures + 1) * sizeof *s->cfig);
		s->ncfig = 0;
		for (size_t i = 0; i < art->nfigures; i++) {
			const struct figure *f = &art->figures[i];
			if (!f->caption && !f->credit)
				continue;
			if (s->caps.n)
				plines_add(&s->caps, "", UA_NORMAL);
			size_t from = s->caps.n;
			if (f->caption && *f->caption)
				wrap_into(&s->caps, f->caption, cap_width, UA_NORMAL, "");
			if (f->credit && *f->credit)
				wrap_into(&s->caps, f->credit, cap_width, UA_CREDIT, "  ");
			plines_tag(&s->caps, from, (long)i);
			s->cfig[2 * s->ncfig] = (long)from;
			s->cfig[2 * s->ncfig + 1] = (long)s->caps.n;
			s->ncfig++;
		}
		s->caps_width = cap_width;
	}
	if (more_width > 0 && s->more_width != more_width) {
		more_build(&s->more, art, more_width);
		more_index_free(s);
		s->more_width = more_width;
	}
}

static size_t story_ncaptions(const struct sview *s)
{
	size_t n = 0;
	if (s && s->st->art)
		for (size_t i = 0; i < s->st->art->nfigures; i++)
			n += s->st->art->figures[i].caption || s->st->art->figures[i].credit;
	return n;
}

/* A page ended: its failure goes to the errors view, and on the status line when the
 * story on screen waited for it. */
void on_page(void *ctx, struct story *st, const char *url, const char *err)
{
	struct app *a = ctx;
	if (err) {
		app_error_add(a, url, err);
		if (a->story && st == a->story->st)
			app_msg(a, 1, "%s", err);
	}
	a->dirty = 1;
}

static char *feed_url_of(struct app *a, int64_t feed_id)
{
	struct store_feed f;
	memset(&f, 0, sizeof f);
	if (store_feed_get(a->store, feed_id, &f) < 0)
		return NULL;
	char *u = xstrdup(f.url);
	store_feed_clear(&f);
	return u;
}

static void story_set(struct app *a, struct sview *s)
{
	if (a->story)
		sview_free(a->story);
	a->story = s;
	free(a->body_search);
	a->body_search = NULL;
	a->dirty = 1;
}

static const struct pane_rows body_rows, caps_rows, more_rows;

static struct sview *sview_new(struct app *a, struct story *st)
{
	struct sview *v = xcalloc(1, sizeof *v);
	v->st = st;
	v->art_version = st->version;
	pane_init(&v->body, PANE_PAGER, &body_rows, a);
	pane_init(&v->capp, PANE_WHOLE, &caps_rows, a);
	v->capp.gap = 1;
	pane_init(&v->morep, PANE_LIST, &more_rows, a);
	return v;
}

void open_list_item(struct app *a)
{
	struct store_row *row = list_row(a, a->list.cur);
	if (!row)
		return;
	char err[CRIER_ERRSZ];
	struct story *st = story_open_row(a->loader, row, err, sizeof err);
	if (!st) {
		app_msg(a, 1, "%s", err);
		return;
	}
	int refused = 0;
	if (row->unread) {
		int64_t id = row->id;
		int rc = marks_write(a, MARK_READ, id, 0, 1, row->title, NULL);
		/* the rows may have been read again (a waiting mark refused): by id */
		row = list_row_id(a, id);
		if (rc >= 0) {
			if (row)
				row->unread = 0;
			a->unread = marks_count_unread(a);
		} else if (rc == -2) {
			refused = 1; /* said with the marks that waited before it */
		} else {
			/* the story opens all the same; it stays unread, and says so */
			char why[CRIER_ERRSZ];
			store_last_error(a->store, why, sizeof why);
			app_write_failed(a, "the opened story's read mark", why, "press u to mark it read");
			refused = 1;
		}
	}
	if (*err && !refused)
		app_msg(a, 1, "%s", err);
	else if (*err)
		app_error_add(a, row && row->link ? row->link : "the story", err);
	history_clear(a);
	story_set(a, sview_new(a, st));
	a->focus = FOCUS_BODY;
	if (a->layout_story)
		a->zoom = 1;
}

/* A page reached from a more-from link or a numbered link: pushed on the history. */
void open_url(struct app *a, const char *url, const char *title, const char *summary)
{
	if (!url)
		return;
	const char *feed_url = a->story ? a->story->st->feed_url : NULL;
	char err[CRIER_ERRSZ];
	struct story *st = story_open_url(a->loader, feed_url, url, title, summary, err, sizeof err);
	if (!st) {
		app_msg(a, 1, "not opening %s here: press o for the browser", url);
		return;
	}
	if (*err)
		app_msg(a, 1, "%s", err);
	if (a->story) {
		a->hist = xrealloc(a->hist, (a->nhist + 1) * sizeof *a->hist);
		a->hist[a->nhist++] = a->story;
		a->story = NULL;
	}
	/* a story of any feed reached through a link is read, in the list too (the store
	 * looks it up by its link; the rows in memory follow) */
	int marked = marks_write(a, MARK_LINK, 0, 0, 1, NULL, url);
	if (marked >= 0) {
		for (long i = 0; i < a->rc_n; i++)
			if (a->rc[i].link && strcmp(a->rc[i].link, url) == 0)
				a->rc[i].unread = 0;
		a->unread = marks_count_unread(a);
	} else if (marked == -1) { /* (-2: said with the marks that waited before it) */
		char why[CRIER_ERRSZ];
		store_last_error(a->store, why, sizeof why);
		app_write_failed(a, "the read mark of the story at this link", why,
				 "it stays unread in the list");
	}
	story_set(a, sview_new(a, st));
	a->focus = FOCUS_BODY;
	if (a->layout_story)
		a->zoom = 1; /* layout story-only: a linked page opens alone too */
}

int go_back(struct app *a)
{
	if (!a->nhist)
		return 0;
	story_set(a, a->hist[--a->nhist]);
	a->focus = FOCUS_BODY;
	return 1;
}

static long body_count(void *ctx)
{
	struct sview *s = ((struct app *)ctx)->story;
	return s && s->doc ? (long)s->doc->nlines : 0;
}

static void body_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	const struct render_line *l = &a->story->doc->lines[i];
	(void)from;
	(void)n;
	(void)sel;
	attr_t at = ui_attr(style_attr(l->style));
	if (a->body_search && contains_ci(l->text, a->body_search))
		at |= A_STANDOUT;
	attrset(at);
	draw_text(stdscr, y, x, l->text, w);
	attrset(A_NORMAL);
}

static int body_match(void *ctx, long i, const char *needle)
{
	return contains_ci(((struct app *)ctx)->story->doc->lines[i].text, needle);
}

static const struct pane_rows body_rows = {body_count, NULL, body_draw, body_match};

void draw_body(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	struct sview *s = a->story;
	long n = s && s->doc ? (long)s->doc->nlines : 0;
	long vis = r->h - 1;
	if (s)
		pane_scroll(&s->body, (int)vis);
	char title[256];
	int pct = n <= vis || !s ? 100 : (int)((s->body.top + vis) * 100 / n);
	snprintf(title, sizeof title, " Story%s%s  %d%%%s", s && s->st->loading ? "  loading article" : "",
		 a->nhist ? "  (h: back)" : "", pct, a->body_search ? "  /" : "");
	if (a->body_search) {
		size_t l = strlen(title);
		snprintf(title + l, sizeof title - l, "%s", a->body_search);
	}
	pane_header(a, r, title, a->focus == FOCUS_BODY);
	if (!s) {
		if (vis > 0)
			draw_text(stdscr, r->y + 1, r->x + 1, "Enter opens the story under the cursor; ? shows the keys.", r->w - 1);
		return;
	}
	pane_draw(&s->body, r);
}

/* The figure shown at the top of the captions pane (1-based, for the status line) and
 * *count, the figures with a caption or credit. */
long caps_figure_at(const struct sview *s, long *count)
{
	*count = s->ncfig;
	return s->ncfig ? s->capp.top + 1 : 0;
}

static long caps_count(void *ctx)
{
	struct sview *s = ((struct app *)ctx)->story;
	return s ? s->ncfig : 0;
}

static int caps_height(void *ctx, long i)
{
	struct sview *s = ((struct app *)ctx)->story;
	return (int)(s->cfig[2 * i + 1] - s->cfig[2 * i]);
}

static void caps_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct sview *s = ((struct app *)ctx)->story;
	(void)sel;
	for (int k = 0; k < n; k++) {
		const struct pline *l = &s->caps.v[s->cfig[2 * i] + from + k];
		attrset(ui_attr(l->attr));
		draw_text(stdscr, y + k, x, l->text, w);
		attrset(A_NORMAL);
	}
}

static int caps_match(void *ctx, long i, const char *needle)
{
	struct sview *s = ((struct app *)ctx)->story;
	for (long k = s->cfig[2 * i]; k < s->cfig[2 * i + 1]; k++)
		if (contains_ci(s->caps.v[k].text, needle))
			return 1;
	return 0;
}

static const struct pane_rows caps_rows = {caps_count, caps_height, caps_draw, caps_match};

void draw_captions(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	struct sview *s = a->story;
	if (!s) {
		pane_header(a, r, " Captions & credits", a->focus == FOCUS_CAPTIONS);
		return;
	}
	/* scrolled by whole figures: one that does not fit whole waits for the next scroll */
	pane_draw(&s->capp, r);
	/* the header tells when photos wait above or below */
	long nf, at = caps_figure_at(s, &nf), last = s->capp.last;
	char title[128];
	if (nf && (at > 1 || last < nf) && last > at)
		snprintf(title, sizeof title, " Captions & credits  %ld-%ld of %ld", at, last, nf);
	else if (nf && (at > 1 || last < nf))
		snprintf(title, sizeof title, " Captions & credits  %ld of %ld", at, nf);
	else
		snprintf(title, sizeof title, " Captions & credits");
	pane_header(a, r, title, a->focus == FOCUS_CAPTIONS);
}

/* Which more-from lines show at a pane height (all of them, or only the headings and the
 * titles when the pane is a strip of fewer than four rows), and where each link's rows
 * start among them: a link's rows include the section heading before it. */
static void more_index(struct sview *s, int strip)
{
	size_t nm = s->st->art ? s->st->art->nmore : 0;
	if (s->mline && s->mstrip == strip)
		return;
	free(s->mline);
	free(s->mstart);
	s->mline = xmalloc((s->more.n + 1) * sizeof *s->mline);
	s->mstart = xcalloc(nm + 1, sizeof *s->mstart);
	s->mstrip = strip;
	long k = 0;
	for (size_t i = 0; i < s->more.n; i++) {
		const struct pline *l = &s->more.v[i];
		int first = l->item >= 0 && (i == 0 || s->more.v[i - 1].item != l->item);
		if (!strip || first || (l->attr == UA_HEADING && l->item < 0))
			s->mline[k++] = (long)i;
	}
	s->nmline = k;
	for (long j = 0; j < k; j++) {
		long item = s->more.v[s->mline[j]].item;
		if (item >= 0 && (size_t)item < nm)
			s->mstart[item + 1] = j + 1;
	}
	s->mstart[nm] = k;
}

static long more_count(void *ctx)
{
	struct sview *s = ((struct app *)ctx)->story;
	return s && s->st->art && s->more.n ? (long)s->st->art->nmore : 0;
}

static int more_height(void *ctx, long i)
{
	struct sview *s = ((struct app *)ctx)->story;
	more_index(s, s->mstrip);
	return (int)(s->mstart[i + 1] - s->mstart[i]);
}

static void more_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	struct sview *s = a->story;
	for (int k = 0; k < n; k++, y++) {
		long li = s->mline[s->mstart[i] + from + k];
		const struct pline *l = &s->more.v[li];
		int first = l->item >= 0 && (li == 0 || s->more.v[li - 1].item != l->item);
		if (first && sel)
			attrset(ui_attr(a->focus == FOCUS_MORE ? UA_SELECTED : UA_SELECTED_DIM));
		else
			attrset(ui_attr(l->attr));
		if (first)
			draw_blank(stdscr, y, x, w);
		draw_text(stdscr, y, x, l->text, w);
		attrset(A_NORMAL);
	}
}

static int more_match(void *ctx, long i, const char *needle)
{
	struct sview *s = ((struct app *)ctx)->story;
	const struct more_link *m = &s->st->art->more[i];
	return contains_ci(m->title, needle) || contains_ci(m->summary, needle) ||
	       contains_ci(m->url, needle);
}

static const struct pane_rows more_rows = {more_count, more_height, more_draw, more_match};

void draw_more(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	struct sview *s = a->story;
	const struct article *art = s ? s->st->art : NULL;
	long n = art ? (long)art->nmore : 0;
	if (!n || !s->more.n) {
		pane_header(a, r, " More from", a->focus == FOCUS_MORE);
		return;
	}
	int vis = r->h - 1;
	more_index(s, vis < 4);
	pane_scroll(&s->morep, vis);
	/* the header names the section at the top; the others have their heading in line */
	long first = pane_item_at(&s->morep, vis, 0);
	char title[256];
	snprintf(title, sizeof title, " %s", more_section(&art->more[first >= 0 ? first : 0]));
	pane_header(a, r, title, a->focus == FOCUS_MORE);
	pane_draw(&s->morep, r);
}

/* The link under a row of the more-from pane, or -1 (a heading, a gap). */
long more_link_at(struct sview *s, const struct rect *r, long row)
{
	if (!s->more.n)
		return -1;
	more_index(s, r->h - 1 < 4);
	long p = s->morep.top + row;
	return p >= 0 && p < s->nmline ? s->more.v[s->mline[p]].item : -1;
}

/* The rows of the tallest figure's caption and credit: the captions strip shows at least
 * that many, so no credit is cut off under its caption. */
static int caps_max_figure(const struct plines *p)
{
	int best = 0, run = 0;
	for (size_t i = 0; i < p->n; i++) {
		run = i && p->v[i].item == p->v[i - 1].item && p->v[i].item >= 0 ? run + 1 : p->v[i].item >= 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* Rows of the captions strip's content that end on a whole figure and fit in vis rows
 * (from the first figure): the strip keeps no empty rows under its last whole one. */
static int caps_fit(const struct sview *s, int vis)
{
	int fit = 0;
	for (long k = 0; k < s->ncfig; k++)
		if (s->cfig[2 * k + 1] <= vis)
			fit = (int)s->cfig[2 * k + 1];
	return fit;
}

void app_layout(struct app *a)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	int open = a->view == VIEW_STORIES && a->story != NULL;
	struct sview *s = a->story;
	int nmore = s && s->st->art ? 2 * (int)s->st->art->nmore : 0; /* first guesses of the rows */
	int ncap = 3 * (int)story_ncaptions(s);
	int tw = (int)settings_get_int(&a->set, SET_text_width);
	/* z: the story alone; leaving the story (the list focused) shows the rest again */
	if (a->zoom && (!open || a->focus != FOCUS_BODY))
		a->zoom = 0;
	enum layout_mode mode = a->zoom ? LAYOUT_STORY : a->layout_mode;
	layout_compute(&a->lay, rows, cols, mode, open, ncap, nmore, tw);
	if (s && (a->lay.more.h || (a->lay.captions.h && a->lay.captions.y != a->lay.body.y))) {
		/* the strips as tall as their wrapped lines */
		story_render(s, 0, a->lay.captions.w > 1 ? a->lay.captions.w - 1 : 0,
			     a->lay.more.w > 1 ? a->lay.more.w - 1 : 0);
		if (a->lay.captions.h && a->lay.captions.y != a->lay.body.y)
			ncap = (int)s->caps.n;
		if (a->lay.more.h)
			nmore = (int)s->more.n;
		layout_compute(&a->lay, rows, cols, mode, open, ncap, nmore, tw);
	}
	if (s) {
		int cap_rows = 0, more_rows = 0;
		if (a->lay.captions.h) {
			story_render(s, 0, a->lay.captions.w > 1 ? a->lay.captions.w - 1 : 0, 0);
			cap_rows = 1 + caps_max_figure(&s->caps);
		}
		if (a->lay.more.h && a->focus == FOCUS_MORE) {
			/* a focused more-from strip takes up to half the screen for the teasers */
			more_rows = 1 + (int)s->more.n;
			if (more_rows > (rows - 1) / 2)
				more_rows = (rows - 1) / 2;
		}
		layout_grow(&a->lay, cap_rows, more_rows);
		/* a readable measure: body lines no wider than text_width, whether or not
		 * captions show beside them */
		story_render(s, a->lay.text_w,
			     a->lay.captions.w > 1 ? a->lay.captions.w - 1 : 0,
			     a->lay.more.w > 1 ? a->lay.more.w - 1 : 0);
		/* no empty rows: the captions strip ends with its last whole figure; a
		 * more-from strip of titles only is as tall as its titles */
		int cap_fit = 0, more_fit = 0;
		if (a->lay.captions.h && a->lay.captions.y != a->lay.body.y)
			cap_fit = 1 + caps_fit(s, a->lay.captions.h - 1);
		if (a->lay.more.h && s->more.n) {
			more_index(s, a->lay.more.h - 1 < 4);
			more_fit = 1 + (int)s->nmline;
		}
		layout_shrink(&a->lay, cap_fit, more_fit);
	}
	/* the focus cannot stay on a pane that is not shown */
	if ((a->focus == FOCUS_BODY && !a->lay.body.h) || (a->focus == FOCUS_CAPTIONS && !a->lay.captions.h) ||
	    (a->focus == FOCUS_MORE && !a->lay.more.h))
		a->focus = a->lay.body.h ? FOCUS_BODY : FOCUS_LIST;
}

void body_search_next(struct app *a, int dir)
{
	struct sview *s = a->story;
	if (!s || !s->doc || !a->body_search)
		return;
	long i = pane_find(&s->body, s->body.top, dir, a->body_search);
	if (i >= 0)
		s->body.top = i;
	else
		app_msg(a, 0, "'%s' not found further", a->body_search);
}

void open_browser(struct app *a)
{
	const char *url = NULL;
	char *feed_url = NULL;
	int allow_file = 0;
	if (a->view == VIEW_LINKS && a->story) {
		url = link_url(a, a->linkp.cur);
		feed_url = xstrdup(a->story->st->feed_url);
	} else if (a->view == VIEW_STORIES && a->focus == FOCUS_MORE && a->story && a->story->st->art &&
	    a->story->st->art->nmore) {
		url = a->story->st->art->more[a->story->morep.cur].url;
		feed_url = xstrdup(a->story->st->feed_url);
	} else if (a->view == VIEW_STORIES && a->story && a->focus != FOCUS_LIST) {
		url = a->story->st->page_url;
		feed_url = xstrdup(a->story->st->feed_url);
	} else if (a->view == VIEW_STORIES) {
		struct store_row *r = list_row(a, a->list.cur);
		url = r ? r->link : NULL;
		feed_url = r ? feed_url_of(a, r->feed_id) : NULL;
	}
	if (!url || !*url) {
		free(feed_url);
		app_msg(a, 1, "this story has no link");
		return;
	}
	/* Links come from the network: only what crier itself would load goes to the
	 * browser (http(s), or a local feed's own pages), never javascript:, file: or an
	 * argument-like "-..." that a browser would take for an option. */
	if (!story_page_allowed(feed_url, url, &allow_file) || url[0] == '-') {
		free(feed_url);
		app_msg(a, 1, "not opening a link that is not http(s): %s", url);
		return;
	}
	free(feed_url);
	char *u = xstrdup(url);
	char err[CRIER_ERRSZ] = "";
	def_prog_mode();
	endwin();
	int rc = browser_run(browser_command(settings_get_str(&a->set, SET_browser)), u, err, sizeof err);
	reset_prog_mode();
	refresh();
	if (rc < 0)
		app_msg(a, 1, "%s", err);
	else if (rc > 0)
		app_msg(a, 1, "the browser exited with status %d", rc);
	else
		app_msg(a, 0, "opened %s", u);
	free(u);
	clearok(curscr, TRUE);
}

/* ---- the links view: every link of the story, URLs whole --------------------------- */

long links_count_all(const struct app *a)
{
	const struct sview *s = a->story;
	if (!s || !s->doc)
		return 0;
	return (long)s->doc->nlinks + (s->st->art ? (long)s->st->art->nmore : 0);
}

void link_open(struct app *a, long i)
{
	const struct sview *s = a->story;
	if (i < 0 || i >= links_count_all(a))
		return;
	a->view = VIEW_STORIES;
	if (i < (long)s->doc->nlinks) {
		char *u = xstrdup(s->doc->links[i]);
		open_url(a, u, NULL, NULL);
		free(u);
		return;
	}
	/* a teaser: its title and summary show while its page comes */
	const struct more_link *m = &s->st->art->more[i - (long)s->doc->nlinks];
	char *u = xstrdup(m->url), *t = xstrdup(m->title), *sum = xstrdup(m->summary);
	open_url(a, u, t, sum);
	free(u);
	free(t);
	free(sum);
}

const char *link_url(const struct app *a, long i)
{
	const struct sview *s = a->story;
	if (i < 0 || i >= links_count_all(a))
		return NULL;
	if (i < (long)s->doc->nlinks)
		return s->doc->links[i];
	return s->st->art->more[i - (long)s->doc->nlinks].url;
}

void links_free(struct app *a)
{
	plines_free(&a->link_lines);
	free(a->link_start);
	a->link_start = NULL;
}

/* The rows at width w: "[n] URL" for the story's links (as the body numbers them), then
 * "[n] › title" and the URL for the more-from links, numbered on from the story's (the
 * numbers typed follow them). A URL wraps by characters, never cut. */
static void links_build(struct app *a, int w)
{
	links_free(a);
	long n = links_count_all(a);
	a->link_start = xmalloc((size_t)(n + 1) * sizeof *a->link_start);
	for (long i = 0; i < n; i++) {
		a->link_start[i] = (long)a->link_lines.n;
		struct sbuf t = SBUF_INIT;
		if (i < (long)a->story->doc->nlinks) {
			sbuf_printf(&t, "[%ld] %s", i + 1, link_url(a, i));
			wrap_into(&a->link_lines, sbuf_str(&t), w, UA_NORMAL, "");
		} else {
			const struct more_link *m = &a->story->st->art->more[i - (long)a->story->doc->nlinks];
			sbuf_printf(&t, "[%ld] \xe2\x80\xba %s", i + 1, m->title && *m->title ? m->title : more_section(m));
			wrap_into(&a->link_lines, sbuf_str(&t), w, UA_NORMAL, "");
			wrap_into(&a->link_lines, m->url, w, UA_DIM, "  ");
		}
		sbuf_free(&t);
	}
	a->link_start[n] = (long)a->link_lines.n;
}

static long links_count(void *ctx)
{
	return links_count_all(ctx);
}

static int links_height(void *ctx, long i)
{
	struct app *a = ctx;
	return a->link_start ? (int)(a->link_start[i + 1] - a->link_start[i]) : 1;
}

static void links_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	for (int k = 0; k < n && a->link_start; k++, y++) {
		const struct pline *l = &a->link_lines.v[a->link_start[i] + from + k];
		attrset(sel ? ui_attr(UA_SELECTED) : ui_attr(l->attr));
		draw_blank(stdscr, y, x, w);
		draw_text(stdscr, y, x, l->text, w);
		attrset(A_NORMAL);
	}
}

static int links_match(void *ctx, long i, const char *needle)
{
	struct app *a = ctx;
	if (contains_ci(link_url(a, i), needle))
		return 1;
	if (i >= (long)a->story->doc->nlinks)
		return contains_ci(a->story->st->art->more[i - (long)a->story->doc->nlinks].title, needle);
	return 0;
}

static const struct pane_rows links_rows = {links_count, links_height, links_draw, links_match};

void links_panes_init(struct app *a)
{
	pane_init(&a->linkp, PANE_LIST, &links_rows, a);
}

void draw_links(struct app *a, int rows, int cols)
{
	struct rect r = {0, 0, rows - 1, cols};
	long n = links_count_all(a);
	char title[160];
	snprintf(title, sizeof title, " Links  %ld  (Enter follows, o opens the browser, y copies, q closes)", n);
	pane_header(a, &r, title, 1);
	if (!n) {
		if (r.h > 1)
			draw_text(stdscr, 1, 1, "This story has no links.", cols - 1);
		return;
	}
	links_build(a, cols);
	pane_draw(&a->linkp, &r);
}

/* The link under the cursor to the terminal's clipboard (OSC 52): only when the user
 * turned it on, as a terminal may refuse it or a multiplexer pass it elsewhere. */
void copy_link(struct app *a)
{
	const char *url = NULL;
	if (a->view == VIEW_LINKS)
		url = link_url(a, a->linkp.cur);
	else if (a->view == VIEW_STORIES && a->focus == FOCUS_MORE && a->story && a->story->st->art &&
		 a->story->st->art->nmore)
		url = a->story->st->art->more[a->story->morep.cur].url;
	else if (a->view == VIEW_STORIES && a->story)
		url = a->story->st->page_url;
	if (!url) {
		app_msg(a, 1, "no link to copy here");
		return;
	}
	if (!settings_get_bool(&a->set, SET_osc52)) {
		app_msg(a, 1, "copying is off: set osc52 yes in the config file");
		return;
	}
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct sbuf e = SBUF_INIT;
	const unsigned char *u = (const unsigned char *)url;
	size_t len = strlen(url);
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)u[i] << 16 | (i + 1 < len ? (unsigned)u[i + 1] << 8 : 0) |
			     (i + 2 < len ? u[i + 2] : 0);
		sbuf_addc(&e, b64[v >> 18 & 63]);
		sbuf_addc(&e, b64[v >> 12 & 63]);
		sbuf_addc(&e, i + 1 < len ? b64[v >> 6 & 63] : '=');
		sbuf_addc(&e, i + 2 < len ? b64[v & 63] : '=');
	}
	/* written around curses, which would escape it */
	fprintf(stdout, "\033]52;c;%s\a", sbuf_str(&e));
	fflush(stdout);
	sbuf_free(&e);
	app_msg(a, 0, "copied %s", url);
}
