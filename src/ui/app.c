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
	if (r->error)
		app_error_add(a, r->url, r->error);
	if (r->new_items || r->error)
		a->list_stale = 1;
	a->dirty = 1;
}

static void urls_warn(void *ctx, const char *msg)
{
	struct app *a = ctx;
	app_error_add(a, a->urls_path, msg);
}

/* Makes the store's feed list follow the urls file (titles and tags too). */
static void sync_urls(struct app *a)
{
	struct urls u = {0};
	char err[CRIER_ERRSZ];
	if (a->remote) {
		a->no_feeds = 0; /* the feeds are the server's */
		return;
	}
	if (urls_load(a->urls_path, &u, urls_warn, a, err, sizeof err) < 0) {
		a->no_feeds = 1;
		return;
	}
	a->no_feeds = u.n == 0;
	if (reload_sync(a->store, &u, err, sizeof err) < 0)
		app_error_add(a, a->urls_path, err);
	urls_free(&u);
}

static double since_ms(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
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
	if (!a->reload) {
		a->reload = reload_new_on(a->store, a->fetch);
		reload_on_feed(a->reload, on_feed_reloaded, a);
	}
	if (!only_feed)
		sync_urls(a);
	struct store_feed *f = NULL;
	size_t n = 0;
	char err[CRIER_ERRSZ];
	if (store_feeds(a->store, &f, &n, err, sizeof err) < 0) {
		app_msg(a, 1, "%s", err);
		return;
	}
	size_t added = 0;
	for (size_t i = 0; i < n; i++) {
		if (only_feed && f[i].id != only_feed)
			continue;
		if (reload_add(a->reload, &f[i], err, sizeof err) < 0)
			app_error_add(a, f[i].url, err);
		else
			added++;
	}
	store_feeds_free(f, n);
	if (!added)
		app_msg(a, 0, "no feed to reload");
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
		int used = draw_text(stdscr, r->y, r->x, mb, r->w - 1);
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
	if (a->reload && reload_pending(a->reload)) {
		struct reload_totals t;
		size_t done, total, failed;
		reload_get_totals(a->reload, &t);
		done = t.done, total = t.feeds, failed = t.failed;
		sbuf_printf(&b, "  fetching %zu/%zu %s", done, total, plural((long)total, "feed", "feeds"));
		if (failed)
			sbuf_printf(&b, " (%zu failed)", failed);
	}
	sync_status(a, &b);
	marks_status(a, &b);
	if (story_loader_pending(a->loader))
		sbuf_adds(&b, "  loading article");
	enclosure_status(a, &b);
	if (a->linknum)
		sbuf_printf(&b, "  link %ld_ (Enter follows)", a->linknum);
	int used = draw_text(stdscr, r->y, r->x, sbuf_str(&b), r->w);
	sbuf_free(&b);
	if (a->msg && text_cols(a->msg) > r->w - used - 2 && r->w > 2) {
		/* a long message gets the line: its start and its end (where the reason is);
		 * marks waiting for the cache's lock stay said, first */
		struct sbuf lm = SBUF_INIT;
		marks_status(a, &lm); /* "  N marks waiting ..." or nothing */
		size_t skip = lm.len ? 2 : 0;
		sbuf_printf(&lm, "%s%s", lm.len ? "  " : "", a->msg);
		char *m = text_ends(sbuf_str(&lm) + skip, r->w - 2);
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
	if (a->view == VIEW_HELP) {
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
	a->layout_mode = strcmp(lay, "wide") == 0 ? LAYOUT_WIDE : strcmp(lay, "narrow") == 0 ? LAYOUT_NARROW : LAYOUT_AUTO;
	a->layout_story = strcmp(lay, "story") == 0;
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
	if (a->reload)
		reload_free(a->reload);
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
		if (every > 0 && !a->reload && !sync_running(a) && since_ms(&a->reload_stamp) > (double)every * 1e3)
			reload_start(a, 0);
		int busy = fetch_pending(a->fetch) > 0;
		int r;
		if (sync_running(a) && a->sync_fd >= 0 && !busy && !a->reload) {
			/* nothing on the network here: the keyboard and the sync's pipe together */
			struct pollfd p[2] = {{STDIN_FILENO, POLLIN, 0}, {a->sync_fd, POLLIN, 0}};
			r = poll(p, 2, a->linknum ? 50 : a->nmarks ? 250 : 1000);
			if (r >= 0)
				r = (p[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
		} else {
			/* the sync's pipe is looked at each turn: a short wait while it runs */
			r = reload_poll_shared(a->reload, a->fetch, STDIN_FILENO,
					       busy || a->linknum || sync_running(a) ? 50 :
					       a->nmarks ? 250 : 1000);
		}
		if (stop_signal)
			a->quit = 1;
		sync_poll(a);
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
		if (a->reload && !reload_pending(a->reload) && !story_loader_pending(a->loader) && fetch_pending(a->fetch) == 0) {
			struct reload_totals t;
			size_t total, failed;
			reload_get_totals(a->reload, &t);
			total = t.feeds, failed = t.failed;
			if (total) {
				store_expire(a->store, settings_get_int(&a->set, SET_keep_read_items),
					     settings_get_int(&a->set, SET_max_item_age));
				reload_free(a->reload);
				a->reload = NULL;
				list_refresh(a);
				a->all_failed = failed == total;
				if (a->all_failed)
					app_msg(a, 1, "every feed failed to load: %zu of %zu (e lists why)", failed, total);
				else
					app_msg(a, failed != 0, "reloaded %zu %s, %zu failed%s", total,
						plural((long)total, "feed", "feeds"), failed, failed ? " (e lists them)" : "");
			}
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
	sync_urls(a);
	list_first_rows(a);
	/* a first start with feeds and an empty cache loads them at once, with progress */
	if (refresh || settings_get_bool(&a->set, SET_refresh_on_startup) || (a->count == 0 && !a->no_feeds))
		reload_start(a, 0);
	a->dirty = 1;
	app_run(a);

	/* transfers still running are dropped; every finished feed is already stored */
	endwin();
	reload_free(a->reload); /* cancels the feeds still running on the shared fetcher */
	a->reload = NULL;
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
