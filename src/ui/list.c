/* list: the list views: the stories (read lazily from the store, a page of rows cached),
 * the feeds, the errors and the help. Each is a pane whose rows come from callbacks. */
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


void rowcache_clear(struct app *a)
{
	for (long i = 0; i < a->rc_n; i++)
		store_row_clear(&a->rc[i]);
	a->rc_n = 0;
	a->rc_off = 0;
}

/* The first screen needs only its rows: the counts (a scan of every item) come right
 * after it is drawn, so start-up does not grow with the cache. */
void list_first_rows(struct app *a)
{
	rowcache_clear(a);
	a->q.tag = a->q_tag;
	a->q.search = a->q_search;
	long n = store_rows(a->store, &a->q, 0, ROWCACHE, a->rc);
	a->rc_off = 0;
	a->rc_n = n > 0 ? n : 0;
	a->count = a->rc_n;
	a->unread = -1;
	a->counts_pending = 1;
	a->dirty = 1;
}

void list_refresh(struct app *a)
{
	/* the cursor stays on its story when a reload adds stories above it */
	int64_t keep = 0;
	long was = a->list.cur;
	if (a->list.cur >= a->rc_off && a->list.cur < a->rc_off + a->rc_n)
		keep = a->rc[a->list.cur - a->rc_off].id;
	rowcache_clear(a);
	a->counts_pending = 0;
	a->q.tag = a->q_tag;
	a->q.search = a->q_search;
	a->count = store_count(a->store, &a->q);
	if (a->count < 0)
		a->count = 0;
	a->unread = store_count_unread(a->store);
	if (a->list.cur >= a->count)
		a->list.cur = a->count ? a->count - 1 : 0;
	if (a->list.cur < 0)
		a->list.cur = 0;
	a->list_stale = 0;
	clock_gettime(CLOCK_MONOTONIC, &a->list_stamp);
	a->dirty = 1;
	struct store_row *r = keep ? list_row(a, a->list.cur) : NULL;
	if (r && r->id != keep) {
		for (long i = 0; i < a->rc_n; i++) {
			if (a->rc[i].id == keep) {
				a->list.cur = a->rc_off + i;
				a->list.top += a->list.cur - was;
				if (a->list.top < 0)
					a->list.top = 0;
				break;
			}
		}
	}
}

struct store_row *list_row(struct app *a, long i)
{
	if (i < 0 || i >= a->count)
		return NULL;
	if (i < a->rc_off || i >= a->rc_off + a->rc_n) {
		rowcache_clear(a);
		long off = i - ROWCACHE / 2;
		if (off < 0)
			off = 0;
		long n = store_rows(a->store, &a->q, off, ROWCACHE, a->rc);
		if (n < 0)
			n = 0;
		a->rc_off = off;
		a->rc_n = n;
		if (i >= off + n)
			return NULL;
	}
	return &a->rc[i - a->rc_off];
}

static void draw_story_row(struct app *a, const struct store_row *r, int y, int x, int w, int sel)
{
	attr_t base = sel ? ui_attr(a->focus == FOCUS_LIST ? UA_SELECTED : UA_SELECTED_DIM) : A_NORMAL;
	if (r->unread)
		base |= ui_attr(UA_UNREAD);
	attrset(base);
	draw_blank(stdscr, y, x, w);
	int cx = x;
	draw_cell(y, cx, r->flagged ? (r->unread ? "N!" : " !") : r->unread ? "N" : " ", w >= 2 ? 2 : w);
	cx += 2;
	int left = x + w - cx;
	if (left > 30) {
		char d[32];
		int lf = left >= 60;
		fmt_date(r->date, d, sizeof d, lf);
		int dw = lf ? 11 : 6;
		draw_cell(y, cx, d, dw);
		cx += dw;
		left -= dw;
	}
	if (left > 40 && a->q.feed_id == 0) {
		int fw = left / 5;
		if (fw > 20)
			fw = 20;
		draw_cell(y, cx, r->feed_title ? r->feed_title : "", fw - 1);
		draw_blank(stdscr, y, cx + fw - 1, 1);
		cx += fw;
		left -= fw;
	}
	if (left > 0)
		draw_text(stdscr, y, cx, r->title && *r->title ? r->title : "(untitled)", left);
	attrset(A_NORMAL);
}

void draw_list(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	char title[512];
	const char *what = a->q_search ? "/" : a->q_tag ? "tag " : NULL;
	const char *feedname = NULL;
	for (size_t i = 0; a->q.feed_id && i < a->nfeeds; i++)
		if (a->feeds[i].id == a->q.feed_id)
			feedname = a->feeds[i].title ? a->feeds[i].title : a->feeds[i].url;
	snprintf(title, sizeof title, " %s%s%s%s%s%s%s  %ld",
		 a->q.flagged_only ? "Saved" : "Stories", feedname ? ": " : "",
		 feedname ? feedname : "", what ? " [" : "", what ? what : "",
		 what ? (a->q_search ? a->q_search : a->q_tag) : "", what ? "]" : "", a->count);
	pane_header(a, r, title, a->focus == FOCUS_LIST);
	long vis = r->h - 1;
	if (a->no_feeds && a->count == 0 && vis > 0) {
		char *text = demo_first_run_text(a->urls_path ? a->urls_path : "the urls file");
		struct plines p = {0};
		for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = 0;
			size_t lead = strspn(line, " ");
			char indent[16];
			snprintf(indent, sizeof indent, "%.*s", (int)(lead < 8 ? lead : 8), "        ");
			if (*line)
				wrap_into(&p, line + lead, r->w - 1, UA_NORMAL, indent);
			else
				plines_add(&p, "", UA_NORMAL);
			if (!nl)
				break;
		}
		free(text);
		for (size_t i = 0; i < p.n && (long)i < vis; i++)
			draw_text(stdscr, r->y + 1 + (int)i, r->x + 1, p.v[i].text, r->w - 1);
		plines_free(&p);
		return;
	}
	pane_draw(&a->list, r);
}

static long list_count(void *ctx)
{
	return ((struct app *)ctx)->count;
}

static void list_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	struct store_row *row = list_row(a, i);
	(void)from;
	(void)n;
	if (row)
		draw_story_row(a, row, y, x, w, sel);
}

static int list_match(void *ctx, long i, const char *needle)
{
	struct store_row *row = list_row(ctx, i);
	return row && (contains_ci(row->title, needle) || contains_ci(row->feed_title, needle));
}

static const struct pane_rows list_rows = {list_count, NULL, list_draw, list_match};

static long feeds_count(void *ctx)
{
	return (long)((struct app *)ctx)->nfeeds;
}

static void feeds_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	const struct store_feed *f = &a->feeds[i];
	(void)from;
	(void)n;
	attr_t at = sel ? ui_attr(UA_SELECTED) : A_NORMAL;
	if (f->unread)
		at |= ui_attr(UA_UNREAD);
	attrset(at);
	draw_blank(stdscr, y, x, w);
	char cnt[48];
	snprintf(cnt, sizeof cnt, "%c %5ld/%-5ld ", f->error ? '!' : ' ', f->unread, f->total);
	int used = draw_text(stdscr, y, x, cnt, w);
	struct sbuf t = SBUF_INIT;
	sbuf_adds(&t, f->title && *f->title ? f->title : f->url);
	if (f->tags && *f->tags)
		sbuf_printf(&t, "  (%s)", f->tags);
	draw_text(stdscr, y, x + used, sbuf_str(&t), w - used);
	sbuf_free(&t);
	attrset(A_NORMAL);
}

static int feeds_match(void *ctx, long i, const char *needle)
{
	const struct store_feed *f = &((struct app *)ctx)->feeds[i];
	return contains_ci(f->title, needle) || contains_ci(f->url, needle) || contains_ci(f->tags, needle);
}

static const struct pane_rows feeds_rows = {feeds_count, NULL, feeds_draw, feeds_match};

void draw_feeds(struct app *a, const struct rect *r)
{
	char title[128];
	snprintf(title, sizeof title, " Feeds  %zu", a->nfeeds);
	pane_header(a, r, title, 1);
	pane_draw(&a->feedp, r);
}

static long errors_count(void *ctx)
{
	return (long)((struct app *)ctx)->nerrs;
}

static int errors_height(void *ctx, long i)
{
	(void)ctx;
	(void)i;
	return 2;
}

/* An error is its time and what failed, then the reason under it. */
static void errors_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	const struct uerror *e = &a->errs[i];
	for (int k = from; k < from + n; k++, y++) {
		if (k == 0) {
			attrset(sel ? ui_attr(UA_SELECTED) : A_NORMAL);
			draw_blank(stdscr, y, x, w);
			char when[32];
			struct tm tm;
			localtime_r(&e->when, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M  ", &tm);
			int used = draw_text(stdscr, y, x, when, w);
			draw_text(stdscr, y, x + used, e->what, w - used);
		} else {
			attrset(ui_attr(UA_ERROR) & ~A_REVERSE);
			draw_blank(stdscr, y, x, w);
			draw_text(stdscr, y, x + 4, e->reason, w - 4);
		}
		attrset(A_NORMAL);
	}
}

static int errors_match(void *ctx, long i, const char *needle)
{
	const struct uerror *e = &((struct app *)ctx)->errs[i];
	return contains_ci(e->what, needle) || contains_ci(e->reason, needle);
}

static const struct pane_rows errors_rows = {errors_count, errors_height, errors_draw, errors_match};

void draw_errors(struct app *a, const struct rect *r)
{
	char title[128];
	snprintf(title, sizeof title, " Errors  %zu", a->nerrs);
	pane_header(a, r, title, 1);
	if (a->nerrs == 0 && r->h > 1)
		draw_text(stdscr, r->y + 1, r->x + 1, "No errors.", r->w - 1);
	pane_draw(&a->errp, r);
}

static long help_count(void *ctx)
{
	return (long)((struct app *)ctx)->help.n;
}

static void help_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	(void)from;
	(void)n;
	(void)sel;
	attrset(ui_attr(a->help.v[i].attr));
	draw_text(stdscr, y, x + 1, a->help.v[i].text, w - 1);
	attrset(A_NORMAL);
}

static int help_match(void *ctx, long i, const char *needle)
{
	return contains_ci(((struct app *)ctx)->help.v[i].text, needle);
}

static const struct pane_rows help_rows = {help_count, NULL, help_draw, help_match};

void draw_help(struct app *a, int rows, int cols)
{
	struct rect r = {0, 0, rows - 1, cols};
	pane_header(a, &r, " Keys (q closes this help)", 1);
	plines_free(&a->help);
	for (int i = 0; i < ACT_COUNT; i++) {
		char keys[128], line[512];
		keymap_describe(&a->keys, (enum action)i, keys, sizeof keys);
		/* the action's name (what bind-key wants) when there is room for it */
		if (cols >= 100)
			snprintf(line, sizeof line, "%-18s %-16s %s", keys[0] ? keys : "(unbound)",
				 keys_table[i].name, keys_table[i].description);
		else
			snprintf(line, sizeof line, "%-18s %s", keys[0] ? keys : "(unbound)",
				 keys_table[i].description);
		plines_add(&a->help, line, UA_NORMAL);
	}
	plines_add(&a->help, "", UA_NORMAL);
	plines_add(&a->help, "Rebind in the config file: bind-key KEY ACTION", UA_DIM);
	pane_draw(&a->helpp, &r);
}

void feeds_refresh(struct app *a)
{
	store_feeds_free(a->feeds, a->nfeeds);
	a->feeds = NULL;
	a->nfeeds = 0;
	char err[CRIER_ERRSZ];
	if (store_feeds(a->store, &a->feeds, &a->nfeeds, err, sizeof err) < 0)
		app_msg(a, 1, "%s", err);
	if (a->feedp.cur >= (long)a->nfeeds)
		a->feedp.cur = a->nfeeds ? (long)a->nfeeds - 1 : 0;
}

void errors_open(struct app *a)
{
	/* the stored per-feed errors first (they outlive a session), then this session's */
	feeds_refresh(a);
	struct uerror *old = a->errs;
	size_t nold = a->nerrs;
	a->errs = NULL;
	a->nerrs = 0;
	for (size_t i = 0; i < a->nfeeds; i++) {
		if (!a->feeds[i].error)
			continue;
		app_error_add(a, a->feeds[i].url, a->feeds[i].error);
		if (a->feeds[i].last_fetch != CRIER_NO_DATE)
			a->errs[a->nerrs - 1].when = (time_t)a->feeds[i].last_fetch;
	}
	for (size_t i = 0; i < nold; i++) {
		int dup = 0;
		for (size_t j = 0; j < a->nerrs && !dup; j++)
			dup = strcmp(a->errs[j].what, old[i].what) == 0 && strcmp(a->errs[j].reason, old[i].reason) == 0;
		if (!dup) {
			a->errs = xrealloc(a->errs, (a->nerrs + 1) * sizeof *a->errs);
			a->errs[a->nerrs++] = old[i];
		} else {
			free(old[i].what);
			free(old[i].reason);
		}
	}
	free(old);
	a->errp.cur = a->errp.top = 0;
	a->view = VIEW_ERRORS;
}

void list_panes_init(struct app *a)
{
	pane_init(&a->list, PANE_LIST, &list_rows, a);
	pane_init(&a->feedp, PANE_LIST, &feeds_rows, a);
	pane_init(&a->errp, PANE_LIST, &errors_rows, a);
	pane_init(&a->helpp, PANE_PAGER, &help_rows, a);
}
