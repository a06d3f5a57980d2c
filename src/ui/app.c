/* ui: the reader. One loop waits on the keyboard and the curl sockets together
 * (fetch_poll with the terminal's fd), so keys act while feeds and pages load. The
 * panes are rectangles of stdscr laid out by layout.c and redrawn whole each time;
 * curses sends only what changed. */
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
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "commands.h"
#include "crier/extract.h"
#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/refresh.h"
#include "crier/reload.h"
#include "crier/render.h"
#include "crier/settings.h"
#include "crier/source.h"
#include "crier/store.h"
#include "crier/story.h"
#include "crier/urls.h"
#include "ui/app.h"
#include "ui/pane.h"
#include "ui/ui.h"


void app_msg(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(a->msg);
	char *shown = url_hide_password(buf); /* never a URL's user:password on the screen */
	a->msg = clean_dup(shown);
	free(shown);
	a->msg_error = error;
	a->dirty = 1;
}

void app_error_add(struct app *a, const char *what, const char *reason)
{
	a->errs = xrealloc(a->errs, (a->nerrs + 1) * sizeof *a->errs);
	a->errs[a->nerrs].when = time(NULL);
	/* a feed's URL may carry user:password: the error view shows ***@ instead */
	char *w = url_hide_password(what), *why = url_hide_password(reason);
	a->errs[a->nerrs].what = clean_dup(w);
	a->errs[a->nerrs].reason = clean_dup(why);
	free(w);
	free(why);
	memset(&a->errs[a->nerrs].lines, 0, sizeof a->errs[a->nerrs].lines);
	a->errs[a->nerrs].lines_w = 0;
	a->nerrs++;
}

void app_write_failed(struct app *a, const char *what, const char *why, const char *hint)
{
	size_t n = strlen(a->cache_path);
	/* the error view names the cache on its own: the reason without it */
	if (strncmp(why, a->cache_path, n) == 0 && why[n] == ':' && why[n + 1] == ' ')
		why += n + 2;
	/* sqlite's words for a lock held past the busy timeout, said plainly */
	const char *more = strstr(why, "database is locked") ? " (by another program, for "
		"longer than crier waits)" : "";
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b, "%s was not saved: %s%s", what, why, more);
	app_error_add(a, a->cache_path, sbuf_str(&b));
	sbuf_free(&b);
	app_msg(a, 1, "%s was not saved (%s): %s", what, why, hint);
}

static void on_feed_reloaded(void *ctx, const struct reload_feed *r)
{
	struct app *a = ctx;
	if (r->error) {
		app_error_add(a, r->url, r->error);
		/* for the status line when it was the only feed: the reason, without the URL
		 * it starts with (as the message gives it: its password hidden, a line number
		 * after it), which runs up to the first space after a colon */
		const char *why = r->error, *sp = strchr(why, ' '), *scheme = strstr(why, "://");
		if (sp && scheme && scheme < sp && sp[-1] == ':' && sp[1])
			why = sp + 1;
		free(a->fail_reason);
		a->fail_reason = xstrdup(why);
		a->fail_feed = r->feed_id;
	}
	if (r->new_items || r->error)
		a->list_stale = 1;
	a->dirty = 1;
}

static void urls_warn(void *ctx, const char *msg)
{
	struct app *a = ctx;
	app_error_add(a, a->urls_path, msg);
}

/* The urls file, read here (its warnings go to the error view); NULL when it cannot be
 * read. no_feeds says whether it lists any feed. */
static struct urls *urls_read(struct app *a)
{
	struct urls *u = xcalloc(1, sizeof *u);
	char err[CRIER_ERRSZ];
	if (urls_load(a->urls_path, u, urls_warn, a, err, sizeof err) < 0) {
		a->no_feeds = 1;
		free(u);
		return NULL;
	}
	a->no_feeds = u->n == 0;
	return u;
}

static double since_ms(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

static void wake_loop(void *ctx)
{
	struct app *a = ctx;
	if (a->fetch)
		fetch_wakeup(a->fetch);
}

/* Starts the refresh thread: the urls file's list made the cache's (urls, taken), then the
 * feeds fetched (when reload) and old stories expired. Its writes wait for another
 * program's lock there, not here. */
static void refresh_begin(struct app *a, struct urls *urls, int reload, int64_t only_feed)
{
	struct refresh_job job;
	char err[CRIER_ERRSZ];
	memset(&job, 0, sizeof job);
	job.cache_path = a->cache_path;
	job.urls_path = a->urls_path;
	job.urls = urls; /* taken */
	if (!job.urls && !reload)
		return;
	job.reload = reload;
	job.only_feed = only_feed;
	job.expire = reload;
	job.keep_per_feed = settings_get_int(&a->set, SET_keep_read_items);
	job.max_age_days = settings_get_int(&a->set, SET_max_item_age);
	fetch_limits_from_settings(&job.lim, &a->set);
	job.wake = wake_loop;
	job.wake_ctx = a;
	a->refresh = refresh_start(&job, err, sizeof err);
	a->refresh_reloads = reload;
	a->lock_waited = 0;
	if (!a->refresh)
		app_msg(a, 1, "%s", err);
	a->dirty = 1;
}

int app_reloading(const struct app *a)
{
	return a->refresh && a->refresh_reloads;
}

void reload_start(struct app *a, int64_t only_feed)
{
	/* reload_interval counts from here, for a sync with the server too */
	clock_gettime(CLOCK_MONOTONIC, &a->reload_stamp);
	if (a->remote) {
		/* urls-source "ttrss": the cache syncs with the feed server instead, in the
		 * background (sync.c): changes made here go out first, then the server's come in */
		sync_start(a);
		return;
	}
	if (a->refresh && a->refresh_reloads) {
		app_msg(a, 0, "a reload is already running");
		return;
	}
	if (a->refresh) {
		/* the feed list is still being made (the lock may hold it): the reload follows */
		a->reload_queued = 1;
		a->reload_queued_feed = only_feed;
		return;
	}
	refresh_begin(a, only_feed ? NULL : urls_read(a), 1, only_feed);
}

/* After endwin: what a reload stopped at quit left unstored because another program held
 * the lock (R2: only what a wait given up at the stop, or a feed still waiting, lost). */
static void refresh_say_end(struct app *a, const struct refresh_end *e)
{
	const size_t named = 10;
	if (e->nunstored) {
		fprintf(stderr, "crier: %s is locked by another program: the reload was stopped, and "
			"the %zu %s it fetched %s not stored (the next reload fetches %s again):\n",
			a->cache_path, e->nunstored, plural((long)e->nunstored, "feed", "feeds"),
			e->nunstored == 1 ? "was" : "were", e->nunstored == 1 ? "it" : "them");
		for (size_t i = 0; i < e->nunstored && i < named; i++) {
			char *url = clean_dup(e->unstored[i]);
			fprintf(stderr, "crier:   %s\n", url);
			free(url);
		}
		if (e->nunstored > named)
			fprintf(stderr, "crier:   and %zu more\n", e->nunstored - named);
	} else if (e->gave_up == REFRESH_LIST) {
		/* a start with no reload only makes the feed list the urls file's; R does it first */
		fprintf(stderr, "crier: %s is locked by another program: the feed list of %s, "
			"waiting for it, was not stored%s\n", a->cache_path, a->urls_path,
			a->refresh_reloads ? ", and no feed was fetched (the next R does both)"
					   : " (the next start or R stores it)");
	} else if (e->gave_up == REFRESH_EXPIRE) {
		fprintf(stderr, "crier: %s is locked by another program: the reload stored every "
			"feed, but its removal of old stories, waiting for it, was stopped (the next "
			"reload does it)\n", a->cache_path);
	} else if (e->gave_up) {
		fprintf(stderr, "crier: %s is locked by another program: the reload waiting for it "
			"was stopped\n", a->cache_path);
	}
}

static void on_refresh_error(void *ctx, const char *what, const char *why)
{
	struct app *a = ctx;
	app_error_add(a, what, why);
	app_msg(a, 1, "%s", why);
}

/* One feed reloaded (r, or the only one listed) and it failed: which, and why in short
 * (the reason's first clause: crier's own words; e has the rest). */
static void say_feed_failed(struct app *a)
{
	struct store_feed f;
	memset(&f, 0, sizeof f);
	int known = store_feed_get(a->store, a->fail_feed, &f) == 0;
	const char *name = known && f.title && *f.title ? f.title : known ? f.url : "the feed";
	const char *why = a->fail_reason, *cut = strstr(why, ": ");
	app_msg(a, 1, "%s failed to load: %.*s (e for details)", name,
		cut ? (int)(cut - why) : (int)strlen(why), why);
	if (known)
		store_feed_clear(&f);
}

/* What the refresh thread reported since the last turn; once it has finished, the
 * lists are read again and the reload's result said. */
static void refresh_poll(struct app *a)
{
	if (!a->refresh)
		return;
	refresh_collect(a->refresh, on_feed_reloaded, on_refresh_error, a);
	if (refresh_take_synced(a->refresh)) {
		feeds_refresh(a);
		a->list_stale = 1;
		a->dirty = 1;
	}
	int waited = refresh_waiting_ms(a->refresh) >= 500;
	if (waited != a->lock_waited) {
		a->lock_waited = waited;
		a->dirty = 1;
	}
	if (a->refresh_reloads)
		a->dirty = 1; /* the progress on the status line */
	if (!refresh_finished(a->refresh))
		return;
	refresh_collect(a->refresh, on_feed_reloaded, on_refresh_error, a);
	int reloaded = a->refresh_reloads;
	struct reload_totals t;
	refresh_totals(a->refresh, &t);
	refresh_free(a->refresh, NULL);
	a->refresh = NULL;
	a->refresh_reloads = 0;
	a->lock_waited = 0;
	list_refresh(a);
	if (a->view == VIEW_FEEDS)
		feeds_refresh(a);
	if (reloaded) {
		size_t total = t.feeds, failed = t.failed;
		if (!total) {
			app_msg(a, 0, "no feed to reload");
		} else {
			a->all_failed = failed == total;
			if (a->all_failed && total == 1 && a->fail_reason)
				say_feed_failed(a);
			else if (a->all_failed)
				app_msg(a, 1, "every feed failed to load: %zu of %zu (e lists why)", failed, total);
			else
				app_msg(a, failed != 0, "reloaded %zu %s, %zu failed%s", total,
					plural((long)total, "feed", "feeds"), failed, failed ? " (e lists them)" : "");
		}
	}
	if (a->reload_queued) {
		a->reload_queued = 0;
		reload_start(a, a->reload_queued_feed);
	}
	a->dirty = 1;
}

static void draw_status(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	attrset(ui_attr(UA_STATUS));
	draw_blank(stdscr, r->y, r->x, r->w);
	if (a->prompting) {
		wchar_t w[300];
		wchar_t ask[200];
		mbstowcs(ask, a->ask, 200);
		ask[199] = 0;
		swprintf(w, 300, L"%ls%ls", a->prompt_kind == PROMPT_SEARCH ? L"/" :
			 a->prompt_kind == PROMPT_TAG ? L"tag: " :
			 a->prompt_kind == PROMPT_MARK || a->prompt_kind == PROMPT_ENCLOSURE ? ask :
			 L"Quit crier? (y/n) ", a->pbuf);
		char mb[1200];
		wcstombs(mb, w, sizeof mb);
		mb[sizeof mb - 1] = 0;
		/* more typed than the line holds: its end, where the cursor is, stays in view */
		char *shown = text_tail(mb, r->w - 1);
		int used = draw_text(stdscr, r->y, r->x, shown, r->w - 1);
		free(shown);
		attrset(A_NORMAL);
		move(r->y, r->x + used);
		return;
	}
	struct sbuf b = SBUF_INIT;
	switch (a->view) {
	case VIEW_STORIES:
		/* where the cursor is in the focused pane */
		if (a->focus == FOCUS_BODY && a->story && a->story->doc) {
			sbuf_printf(&b, " line %ld/%zu", a->story->body.top + 1, a->story->doc->nlines);
		} else if (a->focus == FOCUS_MORE && a->story && a->story->st->art) {
			sbuf_printf(&b, " link %ld/%zu", a->story->st->art->nmore ? a->story->morep.cur + 1 : 0,
				    a->story->st->art->nmore);
		} else if (a->focus == FOCUS_CAPTIONS && a->story) {
			long nf, at = caps_figure_at(a->story, &nf);
			if (a->story->capp.last > at)
				sbuf_printf(&b, " photos %ld-%ld/%ld", at, a->story->capp.last, nf);
			else
				sbuf_printf(&b, " photo %ld/%ld", at, nf);
		} else
			sbuf_printf(&b, " %ld/%ld", a->count ? a->list.cur + 1 : 0, a->count);
		break;
	case VIEW_FEEDS: sbuf_printf(&b, " feed %ld/%zu", a->nfeeds ? a->feedp.cur + 1 : 0, a->nfeeds); break;
	case VIEW_ERRORS: sbuf_printf(&b, " errors %zu", a->nerrs); break;
	case VIEW_HELP: sbuf_adds(&b, " help"); break;
	case VIEW_LINKS: sbuf_printf(&b, " link %ld/%ld", links_count_all(a) ? a->linkp.cur + 1 : 0, links_count_all(a)); break;
	}
	if (a->unread >= 0)
		sbuf_printf(&b, "  %ld unread", a->unread);
	/* a reload waiting for the lock is said instead of its progress (which stands
	 * still): at 80 columns there is no room for both */
	if (app_reloading(a) && !a->lock_waited) {
		struct reload_totals t;
		size_t done, total, failed;
		refresh_totals(a->refresh, &t);
		done = t.done, total = t.feeds, failed = t.failed;
		if (total)
			sbuf_printf(&b, "  fetching %zu/%zu %s", done, total, plural((long)total, "feed", "feeds"));
		if (total && failed)
			sbuf_printf(&b, " (%zu failed)", failed);
	}
	if (a->lock_waited && !a->nmarks)
		sbuf_adds(&b, "  waiting for the cache lock (held by another program)");
	sync_status(a, &b);
	marks_status(a, &b);
	if (a->lock_waited && a->nmarks)
		sbuf_adds(&b, ", and the reload");
	if (story_loader_pending(a->loader))
		sbuf_adds(&b, "  loading article");
	enclosure_status(a, &b);
	if (a->linknum)
		sbuf_printf(&b, "  link %ld_ (Enter follows)", a->linknum);
	int used = draw_text(stdscr, r->y, r->x, sbuf_str(&b), r->w);
	sbuf_free(&b);
	if (a->msg && text_cols(a->msg) > r->w - used - 2 && r->w > 2) {
		/* a long message gets the line: its URL shortened, crier's sentence and the end;
		 * marks waiting for the cache's lock stay said, first */
		struct sbuf lm = SBUF_INIT;
		marks_status(a, &lm); /* "  N marks waiting ..." or nothing */
		size_t skip = lm.len ? 2 : 0;
		sbuf_printf(&lm, "%s%s", lm.len ? "  " : "", a->msg);
		char *m = msg_fit(sbuf_str(&lm) + skip, r->w - 2);
		sbuf_free(&lm);
		attrset(a->msg_error ? ui_attr(UA_ERROR) : ui_attr(UA_STATUS));
		draw_blank(stdscr, r->y, r->x, r->w);
		draw_text(stdscr, r->y, r->x + 1, m, r->w - 2);
		free(m);
	} else if (a->msg && used + 2 < r->w) {
		attrset(a->msg_error ? ui_attr(UA_ERROR) : ui_attr(UA_STATUS));
		draw_text(stdscr, r->y, r->x + used + 2, a->msg, r->w - used - 2);
	} else if (!a->msg && used + 12 < r->w && a->view != VIEW_HELP) {
		draw_text(stdscr, r->y, r->x + r->w - 9, "? help", 8);
	}
	attrset(A_NORMAL);
}

static void app_draw(struct app *a)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	app_layout(a);
	erase();
	curs_set(0);
	if (a->prompting && a->prompt_kind == PROMPT_TAG) {
		struct rect r = {0, 0, rows - 1, cols};
		draw_tags(a, &r);
	} else if (a->view == VIEW_HELP) {
		draw_help(a, rows, cols);
	} else if (a->view == VIEW_LINKS) {
		draw_links(a, rows, cols);
	} else if (a->view == VIEW_FEEDS) {
		struct rect r = {0, 0, rows - 1, cols};
		draw_feeds(a, &r);
	} else if (a->view == VIEW_ERRORS) {
		struct rect r = {0, 0, rows - 1, cols};
		draw_errors(a, &r);
	} else {
		draw_list(a, &a->lay.list);
		if (a->lay.wide && a->lay.body.h) {
			for (int y = 0; y < rows - 1; y++)
				mvadd_wch(y, a->lay.list.w, WACS_VLINE);
		}
		if (a->lay.captions.h && a->lay.captions.y == a->lay.body.y && a->lay.captions.x != a->lay.body.x) {
			for (int y = 0; y < a->lay.captions.h; y++)
				mvadd_wch(a->lay.captions.y + y, a->lay.captions.x - 1, WACS_VLINE);
		}
		draw_body(a, &a->lay.body);
		draw_captions(a, &a->lay.captions);
		draw_more(a, &a->lay.more);
	}
	draw_status(a, &a->lay.status);
	if (a->prompting)
		curs_set(1);
	refresh();
	a->dirty = 0;
}

static void settings_warn(void *ctx, const char *msg)
{
	struct app *a = ctx;
	app_error_add(a, a->config_path ? a->config_path : "config", msg);
	app_msg(a, 1, "%s", msg);
}

static void apply_settings(struct app *a, struct fetch_limits *lim)
{
	const struct settings *s = &a->set;
	for (size_t i = 0; i < s->nbinds; i++) {
		char err[CRIER_ERRSZ];
		if (keymap_bind(&a->keys, s->binds[i].key, s->binds[i].action, err, sizeof err) < 0) {
			char msg[CRIER_ERRSZ + 300];
			snprintf(msg, sizeof msg, "%s:%d: %s", s->path ? s->path : "config", s->binds[i].line, err);
			settings_warn(a, msg);
		}
	}
	const char *lay = settings_get_str(s, SET_layout);
	a->layout_mode = strcmp(lay, "side-by-side") == 0 ? LAYOUT_WIDE :
			 strcmp(lay, "stacked") == 0 ? LAYOUT_NARROW : LAYOUT_AUTO;
	a->layout_story = strcmp(lay, "story-only") == 0;
	a->q.order = strcmp(settings_get_str(s, SET_sort_order), "unread-first") == 0 ? STORE_UNREAD_FIRST : STORE_BY_DATE;
	fetch_limits_from_settings(lim, s);
}

/* The keyboard fd polled readable but gave no key: readable with nothing to read is
 * end of file or a hang-up, and polling it again would spin. */
static int terminal_gone(void)
{
	int avail = 0;
	return ioctl(STDIN_FILENO, FIONREAD, &avail) < 0 || avail == 0;
}

static void app_free(struct app *a)
{
	sync_stop(a);
	history_clear(a);
	free(a->hist);
	sview_free(a->story);
	rowcache_clear(a);
	store_feeds_free(a->feeds, a->nfeeds);
	for (size_t i = 0; i < a->nerrs; i++) {
		free(a->errs[i].what);
		free(a->errs[i].reason);
		plines_free(&a->errs[i].lines);
	}
	free(a->errs);
	plines_free(&a->help);
	refresh_free(a->refresh, NULL);
	a->refresh = NULL;
	story_loader_free(a->loader);
	if (a->fetch) {
		enclosure_cancel_all(a); /* no partial file stays behind */
		fetch_free(a->fetch);
	}
	if (a->store)
		store_close(a->store);
	settings_free(&a->set);
	keymap_free(&a->keys);
	free(a->q_search);
	free(a->q_tag);
	free(a->body_search);
	free(a->view_search);
	free(a->undo_ids);
	marks_free(a);
	links_free(a);
	tags_release(a);
	free(a->msg);
	free(a->fail_reason);
	free(a->urls_path);
	free(a->cache_path);
	free(a->config_path);
}

/* Ctrl-C, and SIGTERM or SIGHUP from another program, end the reader as q does: the
 * marks another program's lock holds back get their last try and what is lost is
 * named. The handler only records the signal (the loop's poll wakes, or its timeout
 * comes within a second); a second one ends crier at once (SA_RESETHAND). */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

static void catch_stop_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaction(sigs[i], &sa, NULL);
}

int app_run(struct app *a)
{
	int empty_wakeups = 0;
	while (!a->quit) {
		if (a->list_stale && since_ms(&a->list_stamp) > 300)
			list_refresh(a);
		if (a->dirty)
			app_draw(a);
		if (a->counts_pending) {
			list_refresh(a);
			continue;
		}
		link_number_tick(a);
		/* reload_interval: a reload in the background, as R starts one */
		long every = settings_get_seconds(&a->set, SET_reload_interval);
		if (every > 0 && !a->refresh && !sync_running(a) && since_ms(&a->reload_stamp) > (double)every * 1e3)
			reload_start(a, 0);
		int busy = fetch_pending(a->fetch) > 0;
		int r;
		if (sync_running(a) && a->sync_fd >= 0 && !busy && !a->refresh) {
			/* nothing on the network here: the keyboard and the sync's pipe together */
			struct pollfd p[2] = {{STDIN_FILENO, POLLIN, 0}, {a->sync_fd, POLLIN, 0}};
			r = poll(p, 2, a->linknum ? 50 : a->nmarks ? 250 : 1000);
			if (r >= 0)
				r = (p[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
		} else {
			/* the sync's pipe is looked at each turn: a short wait while it runs */
			r = fetch_poll(a->fetch, STDIN_FILENO,
				       busy || a->linknum || sync_running(a) ? 50 :
				       a->refresh ? 100 : a->nmarks ? 250 : 1000);
		}
		if (stop_signal)
			a->quit = 1;
		sync_poll(a);
		refresh_poll(a);
		marks_retry(a); /* marks another program's lock held back */
		if (r < 0 && errno != EINTR) {
			/* a failure of poll itself: do not spin */
			struct timespec ts = {0, 20 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
		if (busy)
			a->dirty = 1;
		wint_t c;
		int rc, keys = 0;
		while (!a->quit && (rc = get_wch(&c)) != ERR) {
			handle_key(a, rc, c);
			keys++;
		}
		/* Readable again and again with nothing to read: the terminal hung up. Leave
		 * (read state is already saved). One such wake-up alone can be a partial key
		 * sequence that curses holds back. */
		if (r == 1 && keys == 0 && terminal_gone()) {
			if (++empty_wakeups >= 50)
				a->quit = 1;
		} else {
			empty_wakeups = 0;
		}
	}
	return 0;
}

int ui_main(const struct cli *c)
{
	struct app app;
	struct app *a = &app;
	memset(a, 0, sizeof *a);
	a->sync_fd = -1;
	a->argv0 = c->argv0;
	char err[CRIER_ERRSZ];

	int refresh = c->refresh;
	if (c->demo) {
		/* the bundled publication: file:// feeds in a urls file and a cache of its own */
		if (demo_prepare(c, &a->urls_path, &a->cache_path) < 0) {
			app_free(a);
			return 2;
		}
		refresh = 1;
	} else {
		a->urls_path = cli_urls_path(c);
		a->cache_path = cli_cache_path(c);
	}
	a->config_path = cli_config_path(c);
	if (!a->urls_path || !a->cache_path || !a->config_path) {
		app_free(a);
		return 2;
	}
	settings_init(&a->set);
	keymap_init(&a->keys);
	list_panes_init(a);
	links_panes_init(a);
	clock_gettime(CLOCK_MONOTONIC, &a->reload_stamp);
	/* config problems are shown inside the interface; crier starts with the rest */
	settings_load(&a->set, a->config_path, c->config_file == NULL, settings_warn, a);
	a->remote = source_is_remote(&a->set);
	struct fetch_limits lim;
	apply_settings(a, &lim);

	if (cli_make_parent(a->cache_path) < 0) {
		fprintf(stderr, "crier: cannot create the directory of %s\n", a->cache_path);
		app_free(a);
		return 2;
	}
	/* a long migration says so before the screen is taken */
	a->store = store_open_told(a->cache_path, cmd_tell_rebuild, NULL, err, sizeof err);
	if (!a->store) {
		fprintf(stderr, "crier: %s\n", err);
		app_free(a);
		return 2;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	catch_stop_signals(); /* before initscr, which then leaves them to us */
	if (!initscr()) {
		fprintf(stderr, "crier: cannot start the terminal\n");
		app_free(a);
		return 2;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	const char *nc = getenv("NO_COLOR");
	attrs_init(settings_get_bool(&a->set, SET_color) && !(nc && *nc));

	/* the cache's first rows on screen first; then the urls file and the network */
	list_first_rows(a);
	app_draw(a);
	a->fetch = fetch_new(&lim, err, sizeof err);
	if (!a->fetch) {
		endwin();
		fprintf(stderr, "crier: %s\n", err);
		app_free(a);
		return 2;
	}
	a->loader = story_loader_new(a->store, a->fetch);
	story_loader_set_policy(a->loader, settings_get_str(&a->set, SET_article_fetch),
				settings_get_int(&a->set, SET_short_teaser_words));
	story_loader_on_page(a->loader, on_page, a);
	/* a page's cache copy never holds up the screen (another program's lock) */
	story_loader_set_put_wait(a->loader, MARKS_WAIT_MS);
	/* the urls file's feeds are made the cache's on the refresh thread (with the first
	 * reload when there is one): another program's lock never holds up the start */
	struct urls *u = a->remote ? NULL : urls_read(a);
	/* a first start with feeds and an empty cache loads them at once, with progress */
	if (refresh || settings_get_bool(&a->set, SET_refresh_on_startup) || (a->count == 0 && !a->no_feeds)) {
		clock_gettime(CLOCK_MONOTONIC, &a->reload_stamp);
		if (a->remote)
			sync_start(a);
		else
			refresh_begin(a, u, 1, 0);
	} else {
		refresh_begin(a, u, 0, 0);
	}
	a->dirty = 1;
	app_run(a);

	/* transfers still running are dropped; every finished feed is already stored */
	endwin();
	/* the reload's thread stops: transfers still running are dropped, and a write
	 * waiting for another program's lock gives up */
	struct refresh_end end;
	refresh_free(a->refresh, &end);
	a->refresh = NULL;
	refresh_say_end(a, &end);
	refresh_end_clear(&end);
	story_loader_free(a->loader); /* the pages still loading are dropped */
	a->loader = NULL;
	enclosure_cancel_all(a); /* downloads stopped, their temporary files removed */
	fetch_free(a->fetch);
	a->fetch = NULL;
	/* a running sync ends first: its writes would be the lock the marks wait for */
	sync_stop(a);
	/* marks still held back by another program's lock: once more, with the cache's
	 * normal wait; what is still not saved is named */
	int lost = marks_quit(a) != 0;
	app_free(a);
	return lost;
}
