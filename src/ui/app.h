/* app: the reader's state and its one loop (keys and curl sockets together). */
#ifndef CRIER_UI_APP_H
#define CRIER_UI_APP_H

#include <stdint.h>
#include <time.h>

#include "crier/settings.h"
#include "crier/store.h"
#include "ui/ui.h"

struct fetch;
struct reload;
struct article;
struct render_doc;
struct feed_item;

enum view { VIEW_STORIES, VIEW_FEEDS, VIEW_ERRORS, VIEW_HELP };
enum focus { FOCUS_LIST, FOCUS_BODY, FOCUS_CAPTIONS, FOCUS_MORE, FOCUS_COUNT };

/* Display lines of a pager (body, captions, help). */
struct pline {
	char *text;
	enum ui_attr attr;
	long item; /* the figure or more-from link the line shows; -1 for headings and gaps */
};
struct plines {
	struct pline *v;
	size_t n, cap;
};

/* What the right side shows: a story from the list or a page reached from a link. */
struct story {
	int64_t item_id;          /* 0 for a page opened from a link */
	struct feed_item *item;   /* the feed's item, for its Media RSS figures */
	char *feed_url;           /* decides whether file:// pages may load */
	char *page_url;           /* the page fetched, or being fetched */
	struct article *art;
	struct render_doc *doc;
	int doc_width;
	struct plines caps;       /* the figures' captions and credits, wrapped */
	int caps_width;
	struct plines more;       /* the more-from sections: headings, then each link's title,
				     summary, photo caption and credit */
	int more_width;
	long cap_last;            /* the last figure the captions pane shows whole (1-based) */
	long top, cap_top, more_cur, more_top; /* more_top: a line of more, not a link */
	int loading;
	unsigned gen;
};

struct uerror {
	time_t when;
	char *what, *reason;
};

#define ROWCACHE 256

struct app {
	struct store *store;
	struct fetch *fetch;
	struct reload *reload;
	struct settings set;
	struct keymap keys;
	char *urls_path, *cache_path, *config_path;
	int quit, dirty;
	enum view view;
	enum focus focus;
	struct layout lay;
	enum layout_mode layout_mode;

	/* the story list, read lazily */
	struct store_query q;
	char *q_tag, *q_search;
	long count, unread;
	int list_stale;
	int counts_pending; /* count and unread not read yet (just started) */
	struct timespec list_stamp;
	long cur, top;
	long rc_off, rc_n;
	struct store_row rc[ROWCACHE];

	/* feeds view */
	struct store_feed *feeds;
	size_t nfeeds;
	long fcur, ftop;

	/* errors view: stored feed errors, then this session's others */
	struct uerror *errs;
	size_t nerrs;
	long ecur, etop;

	/* help view */
	struct plines help;
	long htop;
	enum view help_from;

	struct story *story;
	struct story **hist;
	size_t nhist;
	unsigned gen;
	int pages_loading;
	void *page_jobs; /* struct page_job list (app.c) */

	/* search inside the body */
	char *body_search;

	/* the prompt on the status line */
	int prompting;
	enum { PROMPT_SEARCH, PROMPT_TAG, PROMPT_QUIT } prompt_kind;
	wchar_t pbuf[256];
	int plen;

	char *msg;
	int msg_error;
	int no_feeds;
};

int app_run(struct app *a);

#endif
