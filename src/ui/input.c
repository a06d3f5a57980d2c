/* input: keys, the prompt and the mouse, turned into actions on the views. */
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


static long pane_height(const struct rect *r) { return r->h > 1 ? r->h - 1 : 1; }

/* Moves the cursor of the focused pane by d (lines or items). */
static void move_by(struct app *a, long d)
{
	struct sview *s = a->story;
	switch (a->view) {
	case VIEW_HELP: pane_move(&a->helpp, d); return;
	case VIEW_FEEDS: pane_move(&a->feedp, d); return;
	case VIEW_ERRORS: pane_move(&a->errp, d); return;
	case VIEW_LINKS: pane_move(&a->linkp, d); return;
	case VIEW_STORIES: break;
	}
	switch (a->focus) {
	case FOCUS_LIST: pane_move(&a->list, d); break;
	case FOCUS_BODY: if (s) pane_move(&s->body, d); break;
	case FOCUS_CAPTIONS: if (s) pane_move(&s->capp, d); break; /* by whole figures */
	case FOCUS_MORE: if (s) pane_move(&s->morep, d); break;
	default: break;
	}
}

static long page_size(struct app *a)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	(void)cols;
	if (a->view != VIEW_STORIES)
		return rows > 3 ? rows - 3 : 1;
	switch (a->focus) {
	case FOCUS_BODY: return pane_height(&a->lay.body) > 2 ? pane_height(&a->lay.body) - 1 : 1;
	case FOCUS_CAPTIONS: return 1; /* a figure at a time */
	case FOCUS_MORE: return pane_height(&a->lay.more) / 3 ? pane_height(&a->lay.more) / 3 : 1;
	default: return pane_height(&a->lay.list);
	}
}

static void next_unread(struct app *a, int dir)
{
	for (long i = a->list.cur + dir; i >= 0 && i < a->count; i += dir) {
		struct store_row *r = list_row(a, i);
		if (!r)
			break;
		if (r->unread) {
			a->list.cur = i;
			if (a->focus != FOCUS_LIST || a->story)
				open_list_item(a);
			return;
		}
	}
	app_msg(a, 0, "no %s unread story", dir > 0 ? "next" : "previous");
}

/* The pane of a view other than the stories, where / finds a row. */
static struct pane *view_pane(struct app *a)
{
	switch (a->view) {
	case VIEW_FEEDS: return &a->feedp;
	case VIEW_ERRORS: return &a->errp;
	case VIEW_HELP: return &a->helpp;
	case VIEW_LINKS: return &a->linkp;
	default: return NULL;
	}
}

/* What a row of the view is, for the search's count. */
static const char *view_noun(const struct app *a, long n)
{
	switch (a->view) {
	case VIEW_FEEDS: return plural(n, "feed", "feeds");
	case VIEW_ERRORS: return plural(n, "error", "errors");
	case VIEW_LINKS: return plural(n, "link", "links");
	default: return plural(n, "line", "lines");
	}
}

/* n and N after / in the feeds, errors or help view: the next row that matches. */
static void view_search_next(struct app *a, int dir)
{
	struct pane *p = view_pane(a);
	if (!p || !a->view_search)
		return;
	long from = p->kind == PANE_PAGER ? p->top : p->cur;
	long i = pane_find(p, from, dir, a->view_search);
	if (i < 0) {
		app_msg(a, 0, "'%s' not found further", a->view_search);
		return;
	}
	if (p->kind == PANE_PAGER)
		p->top = i;
	else
		pane_set(p, i);
}

static void set_search(struct app *a, const char *text)
{
	if (a->view != VIEW_STORIES) {
		free(a->view_search);
		a->view_search = *text ? xstrdup(text) : NULL;
		if (a->view_search) {
			struct pane *p = view_pane(a);
			long from = p->kind == PANE_PAGER ? p->top : p->cur, n = pane_count(p), hits = 0;
			for (long i = 0; i < n; i++)
				hits += p->rows->match(p->ctx, i, a->view_search) != 0;
			if (!hits) {
				app_msg(a, 1, "no %s matches '%s' (Esc clears)", view_noun(a, 1), text);
				return;
			}
			/* the row under the cursor when it matches, else the next one that does */
			if (from >= n || !p->rows->match(p->ctx, from, a->view_search))
				view_search_next(a, 1);
			app_msg(a, 0, "%ld %s %s '%s' (n next, N back, Esc clears)", hits,
				view_noun(a, hits), hits == 1 ? "matches" : "match", text);
		}
		return;
	}
	if (a->focus == FOCUS_BODY && a->story) {
		free(a->body_search);
		a->body_search = *text ? xstrdup(text) : NULL;
		if (a->body_search) {
			a->story->body.top--;
			body_search_next(a, 1);
		}
		return;
	}
	free(a->q_search);
	a->q_search = *text ? xstrdup(text) : NULL;
	a->list.cur = a->list.top = 0;
	rowcache_clear(a); /* a new list: no story to follow */
	list_refresh(a);
	if (a->q_search && store_search_words(a->store, text) == 0)
		app_msg(a, 1, "'%s': no word to search for (quotes and operators are ignored; Esc clears)", text);
	else if (a->q_search)
		app_msg(a, 0, "%ld %s '%s' (Esc clears)", a->count,
			plural(a->count, "story matches", "stories match"), text);
	a->focus = FOCUS_LIST;
}

/* Esc: leaves the search, never the view. */
static void clear_search(struct app *a)
{
	if (a->view != VIEW_STORIES) {
		free(a->view_search);
		a->view_search = NULL;
	} else if (a->focus == FOCUS_BODY && a->body_search) {
		free(a->body_search);
		a->body_search = NULL;
	} else if (a->q_search) {
		free(a->q_search);
		a->q_search = NULL;
		a->list.cur = a->list.top = 0;
		rowcache_clear(a);
		list_refresh(a);
	}
}

/* After t: a tag no feed has is said so, with the tags there are (or, when they do not
 * fit the status line, where to see them), and the list stays as it was: an empty list
 * of that tag would show nothing. */
static void set_tag(struct app *a, const char *tag)
{
	if (*tag && !tag_known(a, tag)) {
		char *all = tags_describe(a);
		struct sbuf m = SBUF_INIT;
		sbuf_printf(&m, "no feed has the tag '%s'%s%s", tag, *all ? "; tags: " : " (no feed has tags)", all);
		if (text_cols(sbuf_str(&m)) > COLS - 2) {
			sbuf_reset(&m);
			sbuf_printf(&m, "no feed has the tag '%s': t lists the tags there are", tag);
		}
		app_msg(a, 1, "%s", sbuf_str(&m));
		sbuf_free(&m);
		free(all);
		return;
	}
	free(a->q_tag);
	a->q_tag = *tag ? xstrdup(tag) : NULL;
	a->list.cur = a->list.top = 0;
	rowcache_clear(a); /* a new list: no story to follow */
	list_refresh(a);
}

/* A link number is being typed: it is followed once it cannot grow (no link has a
 * number that long), on Enter, or after a pause. The numbers are the links view's: the
 * story's links as the body numbers them, then its more-from links. */
static void follow_link(struct app *a, long n)
{
	a->linknum = 0;
	if ((a->view != VIEW_STORIES && a->view != VIEW_LINKS) || n < 1 || n > links_count_all(a)) {
		app_msg(a, 1, "no link %ld in this story", n);
		return;
	}
	link_open(a, n - 1);
}

static void link_digit(struct app *a, long d)
{
	long nlinks = a->view == VIEW_STORIES || a->view == VIEW_LINKS ? links_count_all(a) : 0;
	a->linknum = a->linknum * 10 + d;
	clock_gettime(CLOCK_MONOTONIC, &a->link_stamp);
	if (a->linknum * 10 > nlinks)
		follow_link(a, a->linknum);
}

void link_number_tick(struct app *a)
{
	if (!a->linknum)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (double)(now.tv_sec - a->link_stamp.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - a->link_stamp.tv_nsec) / 1e6;
	if (ms >= 1000) {
		follow_link(a, a->linknum);
		a->dirty = 1;
	}
}

/* The tag prompt's own keys: Up/Down (and the page keys) move the cursor over the tags
 * and put the tag under it in the prompt; Tab completes the typed start to it. */
static int tag_pick_key(struct app *a, int fn, wint_t c)
{
	long d = 0;
	if (fn && (c == KEY_DOWN || c == KEY_UP || c == KEY_NPAGE || c == KEY_PPAGE)) {
		int rows = LINES > 3 ? LINES - 3 : 1;
		d = c == KEY_DOWN ? 1 : c == KEY_UP ? -1 : c == KEY_NPAGE ? rows : -rows;
		if (!a->plen) /* nothing picked yet: the first move picks the first tag */
			d = 0;
	} else if (!fn && c == '\t') {
		if (a->plen && !a->tag_sel) /* no tag starts so */
			return 1;
	} else {
		return 0;
	}
	pane_move(&a->tagp, d);
	a->tag_sel = 1;
	const char *tag = tag_at_cursor(a);
	if (tag) {
		size_t n = mbstowcs(a->pbuf, tag, sizeof a->pbuf / sizeof a->pbuf[0] - 1);
		a->plen = n == (size_t)-1 ? 0 : (int)n;
		a->pbuf[a->plen] = 0;
	}
	a->dirty = 1;
	return 1;
}

static void prompt_key(struct app *a, int fn, wint_t c)
{
	if (a->prompt_kind == PROMPT_ENCLOSURE) {
		enclosure_prompt_key(a, fn, c);
		return;
	}
	if (a->prompt_kind == PROMPT_QUIT) {
		a->prompting = 0;
		if (!fn && (c == 'y' || c == 'Y'))
			a->quit = 1;
		a->dirty = 1;
		return;
	}
	if (a->prompt_kind == PROMPT_MARK) {
		a->prompting = 0;
		if (!fn && (c == 'y' || c == 'Y')) {
			mark_ids(a, a->mark_ids, a->nmark);
		} else {
			free(a->mark_ids);
			app_msg(a, 0, "nothing marked");
		}
		a->mark_ids = NULL;
		a->nmark = 0;
		a->dirty = 1;
		return;
	}
	if (a->prompt_kind == PROMPT_TAG && tag_pick_key(a, fn, c))
		return;
	if ((!fn && (c == '\n' || c == '\r')) || (fn && c == KEY_ENTER)) {
		char mb[1024];
		a->pbuf[a->plen] = 0;
		size_t r = wcstombs(mb, a->pbuf, sizeof mb);
		if (r == (size_t)-1)
			mb[0] = 0;
		mb[sizeof mb - 1] = 0;
		text_clean_line(mb);
		a->prompting = 0;
		if (a->prompt_kind == PROMPT_SEARCH) {
			set_search(a, mb);
		} else {
			char pick[1024];
			snprintf(pick, sizeof pick, "%s", tag_for_typed(a, mb));
			set_tag(a, pick);
		}
	} else if (!fn && c == 27) {
		a->prompting = 0;
	} else if ((fn && c == KEY_BACKSPACE) || (!fn && (c == 127 || c == 8))) {
		if (a->plen)
			a->plen--;
		else
			a->prompting = 0;
	} else if (!fn && c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) &&
		   a->plen < (int)(sizeof a->pbuf / sizeof a->pbuf[0]) - 1) {
		a->pbuf[a->plen++] = (wchar_t)c;
	}
	a->pbuf[a->plen] = 0;
	if (a->prompt_kind == PROMPT_TAG && a->prompting) {
		/* the cursor follows what is typed */
		char mb[1024];
		size_t r = wcstombs(mb, a->pbuf, sizeof mb);
		mb[r == (size_t)-1 ? 0 : sizeof mb - 1] = 0;
		tags_seek(a, mb);
	}
	a->dirty = 1;
}

static void start_prompt(struct app *a, int kind)
{
	a->prompting = 1;
	a->prompt_kind = kind;
	a->plen = 0;
	a->pbuf[0] = 0;
	if (kind == PROMPT_TAG)
		tags_open(a);
}

static void do_open(struct app *a)
{
	switch (a->view) {
	case VIEW_HELP: return;
	case VIEW_FEEDS:
		if (a->nfeeds) {
			a->q.feed_id = a->feeds[a->feedp.cur].id;
			a->list.cur = a->list.top = 0;
			rowcache_clear(a); /* a new list: no story to follow */
			a->view = VIEW_STORIES;
			a->focus = FOCUS_LIST;
			list_refresh(a);
		}
		return;
	case VIEW_ERRORS: return;
	case VIEW_LINKS:
		link_open(a, a->linkp.cur);
		return;
	case VIEW_STORIES: break;
	}
	if (a->focus == FOCUS_LIST) {
		open_list_item(a);
	} else if (a->focus == FOCUS_MORE && a->story && a->story->st->art && a->story->st->art->nmore) {
		const struct more_link *m = &a->story->st->art->more[a->story->morep.cur];
		open_url(a, m->url, m->title, m->summary);
	}
}

static void do_back(struct app *a)
{
	if (a->view != VIEW_STORIES) {
		a->view = a->view == VIEW_HELP ? a->help_from : VIEW_STORIES;
		free(a->view_search);
		a->view_search = NULL;
		if (a->view == VIEW_FEEDS)
			feeds_refresh(a);
		return;
	}
	if (a->focus != FOCUS_LIST && go_back(a))
		return;
	if (a->focus != FOCUS_LIST) {
		a->focus = FOCUS_LIST;
		return;
	}
}

static void do_quit(struct app *a)
{
	if (a->prompting) {
		a->prompting = 0;
		return;
	}
	if (a->view != VIEW_STORIES) {
		do_back(a);
		return;
	}
	if (a->focus != FOCUS_LIST) {
		if (!go_back(a))
			a->focus = FOCUS_LIST;
		return;
	}
	if (a->q_search || a->q_tag || a->q.feed_id || a->q.flagged_only) {
		a->q.flagged_only = 0;
		free(a->q_search);
		free(a->q_tag);
		a->q_search = a->q_tag = NULL;
		int64_t was = a->q.feed_id;
		a->q.feed_id = 0;
		a->list.cur = a->list.top = 0;
		rowcache_clear(a); /* a new list: no story to follow */
		list_refresh(a);
		if (was) {
			feeds_refresh(a);
			a->view = VIEW_FEEDS;
		}
		return;
	}
	if (settings_get_bool(&a->set, SET_confirm_quit)) {
		a->prompting = 1;
		a->prompt_kind = PROMPT_QUIT;
		a->plen = 0;
		a->pbuf[0] = 0;
		return;
	}
	a->quit = 1;
}

/* z's whole-screen story (or layout story-only's) gives the screen back: the other panes
 * are placed again, so that the key that asked for one of them reaches it at once. */
static void unzoom(struct app *a)
{
	if (a->zoom) {
		a->zoom = 0;
		app_layout(a);
	}
}

static void cycle_focus(struct app *a, int dir)
{
	if (a->view != VIEW_STORIES)
		return;
	unzoom(a);
	for (int i = 1; i <= FOCUS_COUNT; i++) {
		enum focus f = (enum focus)(((int)a->focus + dir * i + FOCUS_COUNT * 2) % FOCUS_COUNT);
		const struct rect *r = f == FOCUS_LIST ? &a->lay.list : f == FOCUS_BODY ? &a->lay.body :
				       f == FOCUS_CAPTIONS ? &a->lay.captions : &a->lay.more;
		if (r->h) {
			a->focus = f;
			return;
		}
	}
}

static int64_t current_feed(struct app *a)
{
	if (a->view == VIEW_FEEDS && a->nfeeds)
		return a->feeds[a->feedp.cur].id;
	if (a->q.feed_id)
		return a->q.feed_id;
	struct store_row *r = list_row(a, a->list.cur);
	return r ? r->feed_id : 0;
}

static void run_action(struct app *a, enum action act, int arg)
{
	switch (act) {
	case ACT_down: move_by(a, 1); break;
	case ACT_up: move_by(a, -1); break;
	case ACT_open: do_open(a); break;
	case ACT_back: do_back(a); break;
	case ACT_next_pane: cycle_focus(a, 1); break;
	case ACT_prev_pane: cycle_focus(a, -1); break;
	case ACT_page_down: move_by(a, page_size(a)); break;
	case ACT_page_up: move_by(a, -page_size(a)); break;
	case ACT_top: move_by(a, -(1L << 40)); break;
	case ACT_bottom: move_by(a, 1L << 40); break;
	case ACT_next_unread:
	case ACT_prev_unread: {
		int dir = act == ACT_next_unread ? 1 : -1;
		if (a->view != VIEW_STORIES) {
			view_search_next(a, dir);
			break;
		}
		if (a->focus == FOCUS_BODY && a->body_search)
			body_search_next(a, dir);
		else if (a->q_search && a->focus == FOCUS_LIST)
			move_by(a, dir);
		else
			next_unread(a, dir);
		break;
	}
	case ACT_search: start_prompt(a, PROMPT_SEARCH); break;
	case ACT_reload: {
		int64_t f = current_feed(a);
		if (f)
			reload_start(a, f);
		break;
	}
	case ACT_reload_all: reload_start(a, 0); break;
	case ACT_mark_feed_read: mark_view(a); break;
	case ACT_undo_mark: undo_mark(a); break;
	case ACT_links:
		if (a->view == VIEW_STORIES && a->story && a->story->doc) {
			a->view = VIEW_LINKS;
			a->linkp.cur = a->linkp.top = 0;
		} else {
			app_msg(a, 0, "open a story first: L lists its links");
		}
		break;
	case ACT_copy_link: copy_link(a); break;
	case ACT_zoom:
		if (a->view == VIEW_STORIES && a->story) {
			a->zoom = !a->zoom;
			a->focus = FOCUS_BODY;
		} else {
			app_msg(a, 0, "open a story first: z gives it the whole screen");
		}
		break;
	case ACT_toggle_flag: {
		struct store_row *r = a->view == VIEW_STORIES ? list_row(a, a->list.cur) : NULL;
		int64_t id = r ? r->id : 0;
		int want = r ? !r->flagged : 0;
		int rc = r ? marks_write(a, MARK_FLAG, id, want, !want, r->title, NULL) : -1;
		if (r && rc >= 0) {
			/* the rows may have been read again (a waiting mark refused): by id */
			r = list_row_id(a, id);
			if (r)
				r->flagged = want;
			if (rc == 1) /* short: the status line also says what waits */
				app_msg(a, 0, want ? "flagged" : "flag removed");
			else
				app_msg(a, 0, want ? "flagged: kept, and listed in the Saved view (S)"
					: "flag removed");
		} else if (r && rc == -1) {
			/* locked past the busy timeout, or read-only: said, not silently lost */
			char err[CRIER_ERRSZ];
			store_last_error(a->store, err, sizeof err);
			app_write_failed(a, r->flagged ? "the flag's removal" : "the flag", err,
					 "press f again");
		}
		break;
	}
	case ACT_saved:
		a->q.flagged_only = 1;
		a->view = VIEW_STORIES;
		a->focus = FOCUS_LIST;
		a->list.cur = a->list.top = 0;
		rowcache_clear(a); /* a new list: no story to follow */
		list_refresh(a);
		break;
	case ACT_toggle_read: {
		struct store_row *r = a->view == VIEW_STORIES ? list_row(a, a->list.cur) : NULL;
		int64_t id = r ? r->id : 0;
		int want = r ? !r->unread : 0;
		int rc = r ? marks_write(a, MARK_READ, id, want, !want, r->title, NULL) : -1;
		if (r && rc >= 0) {
			r = list_row_id(a, id);
			if (r)
				r->unread = want;
			a->unread = marks_count_unread(a);
		} else if (r && rc == -1) {
			char err[CRIER_ERRSZ];
			store_last_error(a->store, err, sizeof err);
			app_write_failed(a, r->unread ? "the read mark" : "the unread mark", err,
					 "press u again");
		}
		break;
	}
	case ACT_open_browser: open_browser(a); break;
	case ACT_open_enclosure: enclosure_play(a); break;
	case ACT_download_enclosure: enclosure_download(a); break;
	case ACT_more_from: {
		int has = a->view == VIEW_STORIES && a->story && a->story->st->art &&
			  a->story->st->art->nmore;
		if (has && a->zoom) {
			unzoom(a);
			if (!a->lay.more.h) /* (a screen too small for the strip) */
				a->zoom = 1;
		}
		if (a->view == VIEW_STORIES && a->lay.more.h) {
			a->focus = FOCUS_MORE;
		} else if (has && a->story->doc) {
			/* no room for their pane at this size: the links view, at the first of them */
			a->view = VIEW_LINKS;
			a->linkp.top = 0;
			a->linkp.cur = (long)a->story->doc->nlinks;
			app_msg(a, 0, "no room for the more-from pane at this size: they are listed here");
		} else {
			app_msg(a, 0, "no more-from links here");
		}
		break;
	}
	case ACT_follow_link: link_digit(a, arg); break;
	case ACT_feeds:
		feeds_refresh(a);
		a->view = VIEW_FEEDS;
		break;
	case ACT_tag_filter:
		if (a->view == VIEW_STORIES)
			start_prompt(a, PROMPT_TAG);
		break;
	case ACT_errors: errors_open(a); break;
	case ACT_help:
		if (a->view != VIEW_HELP) {
			a->help_from = a->view;
			a->view = VIEW_HELP;
			a->helpp.top = 0;
		}
		break;
	case ACT_quit: do_quit(a); break;
	default: break;
	}
	a->dirty = 1;
}

static const struct rect *rect_at(struct app *a, int y, int x, enum focus *f)
{
	const struct rect *rs[FOCUS_COUNT] = {&a->lay.list, &a->lay.body, &a->lay.captions, &a->lay.more};
	for (int i = 0; i < FOCUS_COUNT; i++) {
		const struct rect *r = rs[i];
		if (r->h && y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w) {
			*f = (enum focus)i;
			return r;
		}
	}
	return NULL;
}

static void mouse_event(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || a->view != VIEW_STORIES)
		return;
	enum focus f;
	const struct rect *r = rect_at(a, ev.y, ev.x, &f);
	if (!r)
		return;
	a->focus = f;
	if (ev.bstate & BUTTON4_PRESSED) {
		move_by(a, -3);
	}
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED) {
		move_by(a, 3);
	}
#endif
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
		long row = ev.y - r->y - 1;
		if (row < 0)
			return;
		if (f == FOCUS_LIST && pane_item_at(&a->list, r->h - 1, (int)row) >= 0) {
			a->list.cur = pane_item_at(&a->list, r->h - 1, (int)row);
			open_list_item(a);
		} else if (f == FOCUS_MORE && a->story && a->story->st->art) {
			long i = more_link_at(a->story, r, row);
			if (i >= 0 && i < (long)a->story->st->art->nmore) {
				a->story->morep.cur = i;
				do_open(a);
			}
		}
	}
	a->dirty = 1;
}

void handle_key(struct app *a, int rc, wint_t c)
{
	int fn = rc == KEY_CODE_YES;
	if (fn && c == KEY_RESIZE) {
		a->dirty = 1;
		return;
	}
	a->keys_seen = 1;
	if (fn && c == KEY_MOUSE) {
		mouse_event(a);
		return;
	}
	if (a->prompting) {
		prompt_key(a, fn, c);
		return;
	}
	free(a->msg);
	a->msg = NULL;
	if (a->linknum) {
		if (!fn && c >= '0' && c <= '9') {
			link_digit(a, (long)(c - '0'));
			a->dirty = 1;
			return;
		}
		long n = a->linknum;
		a->linknum = 0;
		if ((!fn && (c == '\r' || c == '\n')) || (fn && c == KEY_ENTER)) {
			follow_link(a, n);
			a->dirty = 1;
			return;
		}
		if (!fn && c == 27) {
			a->dirty = 1;
			return;
		}
	}
	if (!fn && c == 27) {
		clear_search(a);
		a->dirty = 1;
		return;
	}
	struct keycode k = {fn, (int)c};
	int arg = 0;
	enum action act = keymap_lookup(&a->keys, k, &arg);
	if (act != ACT_NONE)
		run_action(a, act, arg);
	a->dirty = 1;
}
