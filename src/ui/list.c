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
	marks_overlay(a, a->rc, a->rc_n);
	marks_saved_rows(a);
	a->count = a->rc_n + a->nextra;
	a->unread = -1;
	a->counts_pending = 1;
	a->dirty = 1;
}

void list_refresh(struct app *a)
{
	/* the cursor stays on its story when a reload adds stories above it; before any
	 * key it is on no story the reader chose (the first start's feeds arrive in any
	 * order), and stays at the top, on the newest */
	int64_t keep = 0;
	long was = a->list.cur, ci = a->list.cur - a->nextra;
	if (!a->keys_seen)
		keep = 0;
	else if (a->rc_n && a->list.cur < a->nextra) /* (rows cleared: a new list) */
		keep = a->extra[a->list.cur].id;
	else if (ci >= a->rc_off && ci < a->rc_off + a->rc_n)
		keep = a->rc[ci - a->rc_off].id;
	rowcache_clear(a);
	a->counts_pending = 0;
	a->q.tag = a->q_tag;
	a->q.search = a->q_search;
	a->count = store_count(a->store, &a->q);
	if (a->count < 0)
		a->count = 0;
	marks_saved_rows(a);
	a->count += a->nextra;
	a->unread = marks_count_unread(a);
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
				a->list.cur = a->nextra + a->rc_off + i;
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
	/* the Saved view's stories flagged by marks that wait come first */
	if (i < a->nextra)
		return &a->extra[i];
	i -= a->nextra;
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
		marks_overlay(a, a->rc, n); /* marks waiting for the lock show as made */
		if (i >= off + n)
			return NULL;
	}
	return &a->rc[i - a->rc_off];
}

struct store_row *list_row_id(struct app *a, int64_t id)
{
	list_row(a, a->list.cur);
	for (long i = 0; i < a->nextra; i++)
		if (a->extra[i].id == id)
			return &a->extra[i];
	for (long i = 0; i < a->rc_n; i++)
		if (a->rc[i].id == id)
			return &a->rc[i];
	return NULL;
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
		draw_text_cut(stdscr, y, cx, r->title && *r->title ? r->title : "(untitled)", left);
	attrset(A_NORMAL);
}

void draw_list(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	char title[512];
	const char *what = a->q_search ? "/" : a->q_tag ? "tag " : NULL;
	char *feedname = NULL; /* a URL with its user:password hidden */
	for (size_t i = 0; a->q.feed_id && i < a->nfeeds && !feedname; i++)
		if (a->feeds[i].id == a->q.feed_id)
			feedname = url_hide_password(a->feeds[i].title ? a->feeds[i].title : a->feeds[i].url);
	snprintf(title, sizeof title, " %s%s%s%s%s%s%s  %ld",
		 a->q.flagged_only ? "Saved" : "Stories", feedname ? ": " : "",
		 feedname ? feedname : "", what ? " [" : "", what ? what : "",
		 what ? (a->q_search ? a->q_search : a->q_tag) : "", what ? "]" : "", a->count);
	free(feedname);
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
	if (a->count == 0 && vis > 0 && a->q.flagged_only && !a->q_search && !a->q_tag) {
		/* an empty Saved view is no empty cache */
		draw_text(stdscr, r->y + 1, r->x + 1, "No flagged story: f flags the story under the "
			  "cursor, and it is kept here.", r->w - 1);
		return;
	}
	if (a->count == 0 && vis > 0 && !a->q_search && !a->q_tag && !a->q.feed_id) {
		/* an empty cache says what is happening, or what to do */
		char hint[256];
		if (!a->nfeeds)
			feeds_refresh(a); /* the cache is empty: cheap */
		long nf = (long)a->nfeeds;
		if (app_reloading(a))
			snprintf(hint, sizeof hint, "Loading the feeds: the stories appear as they arrive.");
		else if (a->all_failed)
			snprintf(hint, sizeof hint, "Every feed failed to load: e lists why, R tries again.");
		else
			snprintf(hint, sizeof hint, "No stories yet: press R to load %ld %s.", nf,
				 plural(nf, "feed", "feeds"));
		if (nf)
			draw_text(stdscr, r->y + 1, r->x + 1, hint, r->w - 1);
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
	if (f->title && *f->title) {
		sbuf_adds(&t, f->title);
	} else {
		char *shown = url_hide_password(f->url); /* no user:password on the screen */
		sbuf_adds(&t, shown);
		free(shown);
	}
	if (f->tags && *f->tags)
		sbuf_printf(&t, "  (%s)", f->tags);
	draw_text_cut(stdscr, y, x + used, sbuf_str(&t), w - used);
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
	char title[160];
	int failed = 0; /* the "!" in front of a feed is said when one shows */
	for (size_t i = 0; i < a->nfeeds && !failed; i++)
		failed = a->feeds[i].error != NULL && *a->feeds[i].error;
	snprintf(title, sizeof title, " Feeds  %zu  (unread/total stories of each%s)", a->nfeeds,
		 failed ? "; ! failed, e says why" : "");
	pane_header(a, r, title, 1);
	pane_draw(&a->feedp, r);
}

static long errors_count(void *ctx)
{
	return (long)((struct app *)ctx)->nerrs;
}

/* An error wrapped whole at the view's width: its time and what failed, then the reason
 * indented under it. */
static void errors_wrap(struct app *a, struct uerror *e)
{
	int w = a->errs_w > 8 ? a->errs_w : 8;
	if (e->lines_w == w)
		return;
	plines_free(&e->lines);
	char when[32];
	struct tm tm;
	localtime_r(&e->when, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	struct sbuf t = SBUF_INIT;
	sbuf_printf(&t, "%s  %s", when, e->what);
	wrap_into(&e->lines, sbuf_str(&t), w, UA_NORMAL, "");
	sbuf_free(&t);
	e->nwhat = (long)e->lines.n;
	wrap_into(&e->lines, e->reason, w, UA_ERROR, "    ");
	if ((long)e->lines.n == e->nwhat)
		plines_add(&e->lines, "", UA_ERROR);
	e->lines_w = w;
}

static int errors_height(void *ctx, long i)
{
	struct app *a = ctx;
	errors_wrap(a, &a->errs[i]);
	return (int)a->errs[i].lines.n;
}

/* An error is its time and what failed, then the reason under it, each whole. */
static void errors_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	struct uerror *e = &a->errs[i];
	errors_wrap(a, e);
	for (int k = from; k < from + n && k < (int)e->lines.n; k++, y++) {
		if (k < e->nwhat)
			attrset(sel ? ui_attr(UA_SELECTED) : A_NORMAL);
		else
			attrset(ui_attr(UA_ERROR) & ~A_REVERSE);
		draw_blank(stdscr, y, x, w);
		draw_text(stdscr, y, x, e->lines.v[k].text, w);
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
	a->errs_w = r->w;
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
	plines_free(&a->help);
	/* every key fits: a long description wraps under itself */
	int wide = cols >= 100;
	const char *rest = wide ? "                                    " : "                   ";
	for (int i = 0; i < ACT_COUNT; i++) {
		char keys[128], line[512];
		keymap_describe(&a->keys, (enum action)i, keys, sizeof keys);
		/* the action's name (what bind-key wants) when there is room for it */
		if (wide)
			snprintf(line, sizeof line, "%-18s %-16s %s", keys[0] ? keys : "(unbound)",
				 keys_table[i].name, keys_table[i].description);
		else
			snprintf(line, sizeof line, "%-18s %s", keys[0] ? keys : "(unbound)",
				 keys_table[i].description);
		struct render_doc *d = xcalloc(1, sizeof *d);
		render_wrap(d, line, cols - 1, "", rest, RENDER_TEXT);
		for (size_t k = 0; k < d->nlines; k++)
			plines_add(&a->help, d->lines[k].text, UA_NORMAL);
		render_doc_free(d);
	}
	plines_add(&a->help, "", UA_NORMAL);
	plines_add(&a->help, "Rebind in the config file: bind-key KEY ACTION", UA_DIM);
	/* the header says when there is more than one screen, and where this one is */
	long vis = r.h - 1, n = (long)a->help.n;
	pane_scroll(&a->helpp, (int)vis);
	char title[160];
	if (n > vis)
		snprintf(title, sizeof title, " Keys (q closes this help)  lines %ld-%ld of %ld, j k Space scroll",
			 a->helpp.top + 1, a->helpp.top + vis < n ? a->helpp.top + vis : n, n);
	else
		snprintf(title, sizeof title, " Keys (q closes this help)");
	pane_header(a, &r, title, 1);
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
	marks_overlay_feeds(a, a->feeds, a->nfeeds); /* marks waiting for the lock count */
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
			plines_free(&old[i].lines);
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

/* ---- tags: what t offers ------------------------------------------------------------ */

struct tagcount {
	char *tag;
	long total, unread;
};

/* The feeds' tags with the stories and unread stories under each, in the order first
 * met (the urls file's). Caller frees with tags_free. */
static struct tagcount *tags_collect(struct app *a, size_t *n)
{
	struct tagcount *t = NULL;
	*n = 0;
	feeds_refresh(a);
	for (size_t i = 0; i < a->nfeeds; i++) {
		const char *p = a->feeds[i].tags;
		while (p && *p) {
			while (*p == ' ')
				p++;
			size_t len = strcspn(p, " ");
			if (!len)
				break;
			size_t k = 0;
			while (k < *n && !(strlen(t[k].tag) == len && strncmp(t[k].tag, p, len) == 0))
				k++;
			if (k == *n) {
				t = xrealloc(t, (*n + 1) * sizeof *t);
				t[k].tag = xstrndup(p, len);
				t[k].total = t[k].unread = 0;
				(*n)++;
			}
			t[k].total += a->feeds[i].total;
			t[k].unread += a->feeds[i].unread;
			p += len;
		}
	}
	return t;
}

static void tags_free(struct tagcount *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].tag);
	free(t);
}

int tag_known(struct app *a, const char *tag)
{
	size_t n;
	struct tagcount *t = tags_collect(a, &n);
	int found = 0;
	for (size_t i = 0; i < n && !found; i++)
		found = strcmp(t[i].tag, tag) == 0;
	tags_free(t, n);
	return found;
}

char *tags_describe(struct app *a)
{
	size_t n;
	struct tagcount *t = tags_collect(a, &n);
	struct sbuf b = SBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&b, "%s%s (%ld)", i ? ", " : "", t[i].tag, t[i].total);
	tags_free(t, n);
	sbuf_adds(&b, "");
	return sbuf_steal(&b);
}

static long tags_count(void *ctx)
{
	return (long)((struct app *)ctx)->ntags;
}

static void tags_draw(void *ctx, long i, int from, int n, int y, int x, int w, int sel)
{
	struct app *a = ctx;
	const struct tagcount *t = &((const struct tagcount *)a->tags)[i];
	char line[300];
	(void)from;
	(void)n;
	/* the cursor shows once a tag is typed or picked: Enter takes what the prompt says */
	attrset(sel && a->tag_sel ? ui_attr(UA_SELECTED) : A_NORMAL);
	draw_blank(stdscr, y, x, w);
	snprintf(line, sizeof line, "  %-20s %6ld %s, %ld unread", t->tag, t->total,
		 plural(t->total, "story", "stories"), t->unread);
	draw_text_cut(stdscr, y, x, line, w);
	attrset(A_NORMAL);
}

static int tags_match(void *ctx, long i, const char *needle)
{
	struct app *a = ctx;
	return contains_ci(((const struct tagcount *)a->tags)[i].tag, needle);
}

static const struct pane_rows tags_rows = {tags_count, NULL, tags_draw, tags_match};

/* t: the tags to pick from, the cursor on the first. */
void tags_open(struct app *a)
{
	tags_free(a->tags, a->ntags);
	a->tags = tags_collect(a, &a->ntags);
	pane_init(&a->tagp, PANE_LIST, &tags_rows, a);
	a->tag_sel = 0;
}

const char *tag_at_cursor(struct app *a)
{
	if (!a->tags || a->tagp.cur < 0 || (size_t)a->tagp.cur >= a->ntags)
		return NULL;
	return ((const struct tagcount *)a->tags)[a->tagp.cur].tag;
}

/* The cursor on the first tag that starts with what is typed (any case), if one does. */
void tags_seek(struct app *a, const char *typed)
{
	size_t len = strlen(typed);
	a->tag_sel = 0;
	for (size_t i = 0; len && a->tags && i < a->ntags; i++) {
		if (strncasecmp(((const struct tagcount *)a->tags)[i].tag, typed, len) == 0) {
			pane_set(&a->tagp, (long)i);
			a->tag_sel = 1;
			return;
		}
	}
}

/* The tag Enter takes for what is typed: the tag of that name, else the one the cursor
 * is on when what is typed starts it (any case: the bar shows it), else what is typed. */
const char *tag_for_typed(struct app *a, const char *typed)
{
	for (size_t i = 0; a->tags && i < a->ntags; i++)
		if (strcmp(((const struct tagcount *)a->tags)[i].tag, typed) == 0)
			return typed;
	const char *t = a->tag_sel && *typed ? tag_at_cursor(a) : NULL;
	return t && strncasecmp(t, typed, strlen(typed)) == 0 ? t : typed;
}

/* While t asks for a tag, the screen lists the tags to pick from, with counts: all of
 * them, however many (the list pane alone holds four rows at 80x24). */
void draw_tags(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	tags_free(a->tags, a->ntags);
	a->tags = tags_collect(a, &a->ntags);
	char title[160];
	snprintf(title, sizeof title, " Tags  %zu  (type one or Up/Down, Tab completes, Enter filters, Esc cancels)",
		 a->ntags);
	pane_header(a, r, title, 1);
	if (!a->ntags) {
		if (r->h > 1)
			draw_text(stdscr, r->y + 1, r->x + 1, "No feed has tags: add them after the URL in the urls file.", r->w - 1);
		return;
	}
	pane_draw(&a->tagp, r);
}

void tags_release(struct app *a)
{
	tags_free(a->tags, a->ntags);
	a->tags = NULL;
	a->ntags = 0;
}
