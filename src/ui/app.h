/* app: the reader's state and its one loop (keys and curl sockets together). */
#ifndef CRIER_UI_APP_H
#define CRIER_UI_APP_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include <wchar.h>

#include "crier/render.h"
#include "crier/settings.h"
#include "crier/store.h"
#include "ui/pane.h"
#include "ui/ui.h"

struct fetch;
struct refresh;
struct article;
struct render_doc;
struct feed_item;
struct store_row;
struct story;
struct story_loader;
struct mark;

enum view { VIEW_STORIES, VIEW_FEEDS, VIEW_ERRORS, VIEW_HELP, VIEW_LINKS };
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

/* What the right side shows: a story (core, crier/story.h) and how it is drawn. */
struct sview {
	struct story *st;
	unsigned art_version;     /* st->version the lines below were made from */
	struct render_doc *doc;
	int doc_width;
	struct plines caps;       /* the figures' captions and credits, wrapped */
	int caps_width;
	struct plines more;       /* the more-from sections: headings, then each link's title,
				     summary, photo caption and credit */
	int more_width;
	long *cfig;               /* per captioned figure: its first line and its end in caps */
	long ncfig;
	long *mline, nmline;      /* the more lines shown at the pane's height ... */
	long *mstart;             /* ... and where each link's rows start among them */
	int mstrip;               /* the index is for a strip (titles only) */
	struct pane body, capp, morep; /* body: a pager; capp: by whole figures; morep: links */
};

struct uerror {
	time_t when;
	char *what, *reason;
	struct plines lines; /* wrapped whole at lines_w: what failed, then the reason */
	int lines_w;
	long nwhat;          /* the first nwhat lines are the what */
};

#define ROWCACHE 256

struct app {
	struct store *store;
	struct fetch *fetch;
	/* the reload on its own thread and connection (crier/refresh.h): the keys never
	 * wait for the cache's write lock; and a reload asked for while it runs */
	struct refresh *refresh;
	int refresh_reloads;     /* it fetches feeds (else it makes the feed list only) */
	int reload_queued;       /* R while the feed list was being made: reload after it */
	int64_t reload_queued_feed;
	int lock_waited;         /* the status line says the refresh waits for the lock */
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
	struct pane list;
	long rc_off, rc_n;
	struct store_row rc[ROWCACHE];

	/* feeds view */
	struct store_feed *feeds;
	size_t nfeeds;
	struct pane feedp;

	/* errors view: stored feed errors, then this session's others */
	struct uerror *errs;
	size_t nerrs;
	struct pane errp;
	int errs_w;         /* the width the error view wraps at */

	/* help view */
	struct plines help;
	struct pane helpp;
	enum view help_from;

	struct story_loader *loader;
	struct sview *story;
	struct sview **hist;
	size_t nhist;

	/* search inside the body */
	char *body_search;

	/* the prompt on the status line */
	int prompting;
	enum { PROMPT_SEARCH, PROMPT_TAG, PROMPT_QUIT, PROMPT_MARK, PROMPT_ENCLOSURE } prompt_kind;
	int encl_download;   /* PROMPT_ENCLOSURE: D asked (else p) */
	wchar_t pbuf[256];
	int plen;

	char *msg;
	int msg_error;
	int no_feeds;
	int remote; /* urls-source \"ttrss\": the stories come from a feed server */
	const char *argv0;   /* how crier was started: the sync runs this program again */
	pid_t sync_pid;      /* `crier -x sync` running for r/R (sync.c), or 0 */
	int sync_fd;         /* its stdout and stderr, read by the loop; -1 when none */
	struct sbuf sync_buf;   /* a line of it not yet ended */
	struct sbuf sync_other; /* what it said besides progress and its result */
	char *sync_result;   /* its last line: "synced ..." or "error ..." */
	char *sync_stage;    /* its progress, for the status line */

	struct ui_download *downloads; /* enclosures downloading (enclosures.c) */
	int all_failed;      /* the last reload: every feed failed */
	int64_t fail_feed;   /* the last feed a reload saw fail, and why (its URL left out) */
	char *fail_reason;
	char *view_search;   /* / in the feeds, errors, help or links view */
	long linknum;        /* a link number being typed (0: none) */
	struct timespec link_stamp; /* when its last digit came */
	int zoom;            /* the story has the whole screen */
	int keys_seen;       /* a key or click came: the list's cursor is the reader's */
	int layout_story;    /* layout story-only: every story opens zoomed */
	struct pane linkp;   /* the links view: the story's links, then its more-from links */
	struct plines link_lines; /* its rows, wrapped with the URLs whole */
	long *link_start;    /* item i: rows link_start[i]..link_start[i+1] */
	int64_t *undo_ids;   /* the stories the last A marked read */
	size_t nundo;
	int64_t *mark_ids;   /* what A will mark once the user says yes */
	size_t nmark;
	char ask[200];       /* the question of PROMPT_MARK */
	void *tags;          /* struct tagcount (list.c), while t asks */
	size_t ntags;
	struct pane tagp;
	int tag_sel;         /* t: the tag under the cursor is the one typed or picked */
	struct timespec reload_stamp; /* the last reload started (reload_interval) */
	struct store_row *extra; /* the Saved view: stories whose waiting flag the cache */
	long nextra;             /* lacks, listed first (marks_saved_rows) */
	struct mark *marks;  /* read marks and flags waiting for the cache's lock (marks.c) */
	size_t nmarks;
	struct timespec marks_tried;
};

int app_run(struct app *a);

/* ---- what the files of the interface share (app.c, list.c, storyview.c, input.c,
 * lines.c); the program side only */

/* lines.c: display lines, headers, cells, dates, matching */
void plines_add(struct plines *p, const char *text, enum ui_attr attr);
void plines_tag(struct plines *p, size_t from, long item);
void plines_free(struct plines *p);
void wrap_into(struct plines *p, const char *text, int width, enum ui_attr attr,
	       const char *indent);
int contains_ci(const char *hay, const char *needle);
char *clean_dup(const char *s);
void pane_header(struct app *a, const struct rect *r, const char *title, int focused);
void fmt_date(int64_t t, char *buf, size_t n, int longfmt);
void draw_cell(int y, int x, const char *s, int w);
const char *plural(long n, const char *one, const char *many);
enum ui_attr style_attr(enum render_style st);

/* list.c: the story list, feeds, errors and help views */
void rowcache_clear(struct app *a);
void list_first_rows(struct app *a);
struct store_row *list_row(struct app *a, long i);
/* The row of story id among the rows in memory (read again around the cursor when a
 * write emptied them), NULL when it is not there. */
struct store_row *list_row_id(struct app *a, int64_t id);
void list_refresh(struct app *a);
void draw_list(struct app *a, const struct rect *r);
void draw_feeds(struct app *a, const struct rect *r);
void draw_errors(struct app *a, const struct rect *r);
void draw_help(struct app *a, int rows, int cols);
void feeds_refresh(struct app *a);
void errors_open(struct app *a);
int tag_known(struct app *a, const char *tag);
char *tags_describe(struct app *a);
void draw_tags(struct app *a, const struct rect *r);
void tags_open(struct app *a);
const char *tag_at_cursor(struct app *a);
void tags_seek(struct app *a, const char *typed);
const char *tag_for_typed(struct app *a, const char *typed);
void tags_release(struct app *a);
void list_panes_init(struct app *a);

/* storyview.c: the story view and its layout */
void sview_free(struct sview *v);
void history_clear(struct app *a);
void on_page(void *ctx, struct story *st, const char *url, const char *err);
void open_list_item(struct app *a);
void open_url(struct app *a, const char *url, const char *title, const char *summary);
int go_back(struct app *a);
void draw_body(struct app *a, const struct rect *r);
long caps_figure_at(const struct sview *s, long *count);
void draw_captions(struct app *a, const struct rect *r);
void draw_more(struct app *a, const struct rect *r);
long more_link_at(struct sview *s, const struct rect *r, long row);
void app_layout(struct app *a);
void body_search_next(struct app *a, int dir);
void open_browser(struct app *a);
long links_count_all(const struct app *a);
const char *link_url(const struct app *a, long i);
/* Opens link i of links_count_all (the story's, then its more-from links) in the story
 * view. */
void link_open(struct app *a, long i);
void draw_links(struct app *a, int rows, int cols);
void links_panes_init(struct app *a);
void links_free(struct app *a);
void copy_link(struct app *a);

/* enclosures.c: p plays, D downloads one of the open story's enclosures */
void enclosure_play(struct app *a);
void enclosure_download(struct app *a);
void enclosure_status(struct app *a, struct sbuf *b); /* "  downloading NAME: 1.2 MB" */
void enclosure_cancel_all(struct app *a);             /* before the fetcher goes */
void enclosure_prompt_key(struct app *a, int fn, wint_t c); /* which of several */

/* markview.c: A and U */
void mark_view(struct app *a);                          /* A: asks, or marks */
void mark_ids(struct app *a, int64_t *ids, size_t n); /* the ids read (taken), kept for U */
void undo_mark(struct app *a);                          /* U */

/* input.c: keys, prompt, mouse */
void handle_key(struct app *a, int rc, wint_t c);
void link_number_tick(struct app *a);

/* app.c: messages, errors, reloading, the loop */
void app_msg(struct app *a, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void app_error_add(struct app *a, const char *what, const char *reason);
/* A write the cache refused (locked past the busy timeout, read-only, damaged): what was
 * not saved and why ("CACHE: reason"), whole in the error view and on the status line,
 * with what to do (hint, e.g. "press u again"). */
void app_write_failed(struct app *a, const char *what, const char *why, const char *hint);
void reload_start(struct app *a, int64_t only_feed);
int app_reloading(const struct app *a); /* feeds being fetched */
/* marks.c: the writes of u, f, A, U and opening a story wait at most MARKS_WAIT_MS for
 * the cache's lock; marks another program's lock holds back wait here, shown as made. */
#define MARKS_WAIT_MS 250
enum mark_kind { MARK_READ, MARK_FLAG, MARK_LINK };
/* One mark: value is the unread (MARK_READ) or flagged (MARK_FLAG) state wanted, was the
 * cache's; MARK_LINK marks read the stories linking to url. 0 written, 1 waiting for the
 * lock, -1 refused otherwise (store_last_error says why, asked at once), -2 refused
 * with marks that waited before it (already said, with them, in the error view). */
int marks_write(struct app *a, enum mark_kind kind, int64_t id, int value, int was,
		const char *title, const char *url);
/* Keeps the read state of ids (a transaction the lock held back), to be tried later. */
void marks_keep_ids(struct app *a, const int64_t *ids, size_t n, int read);
size_t marks_try(struct app *a);   /* now, waiting MARKS_WAIT_MS: how many still wait */
void marks_retry(struct app *a);   /* the loop: every half second, not waiting */
void marks_overlay(const struct app *a, struct store_row *rows, long n);
long marks_count_unread(struct app *a); /* the cache's count, with the waiting marks */
/* The feeds view's (and so the tag list's) unread counts, with the waiting read marks. */
void marks_overlay_feeds(struct app *a, struct store_feed *feeds, size_t n);
/* In the Saved view, a->extra: the stories waiting flags add to the cache's list. */
void marks_saved_rows(struct app *a);
void marks_status(const struct app *a, struct sbuf *b); /* "  2 marks waiting for ..." */
int marks_quit(struct app *a);     /* after endwin: once more; -1 when some are lost */
void marks_free(struct app *a);

/* sync.c: r/R with a feed server, in a `crier -x sync` child the loop watches. */
void sync_start(struct app *a);
void sync_poll(struct app *a);     /* reads the child's lines; its result once it ended */
int sync_running(const struct app *a);
void sync_status(const struct app *a, struct sbuf *b); /* "  syncing with URL: ..." */
void sync_stop(struct app *a);     /* quitting: SIGTERM, and waited for */

#endif
