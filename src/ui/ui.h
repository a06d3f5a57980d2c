/* ui.h: what the files of the terminal side share (keys, drawing, layout, browser).
 * Program side only: the core never sees this header. */
#ifndef CRIER_UI_H
#define CRIER_UI_H

#include <stddef.h>
#include <curses.h>

#include "crier/keys.h"

/* A key as get_wch returns it: a character, or a function key (KEY_UP ...). */
struct keycode {
	int fn;      /* 1: code is a KEY_* function key */
	int code;
};

struct binding {
	struct keycode key;
	enum action act;
	int arg;     /* follow_link: the link number */
};

struct keymap {
	struct binding *v;
	size_t n, cap;
};

/* The default keys of keys.def. */
void keymap_init(struct keymap *km);
void keymap_free(struct keymap *km);
/* bind-key KEY ACTION: the key now runs the action. 0, or -1 with err naming the bad
 * key or action. */
int keymap_bind(struct keymap *km, const char *key, const char *action, char *err, size_t errsz);
/* The action for a key, ACT_NONE when unbound; *arg gets its argument. */
enum action keymap_lookup(const struct keymap *km, struct keycode k, int *arg);
/* Parses one key name of bind-key syntax into up to 3 codes (ENTER is three); the names
 * help shows (Enter, PgDn, Shift-Tab, Ctrl-D ...) are taken too. Returns how many, 0 when
 * the name is not a key. */
int key_parse(const char *name, struct keycode *out, int max);
/* The keys bound to an action as a keyboard names them ("Space PgDn"), into buf. */
void keymap_describe(const struct keymap *km, enum action a, char *buf, size_t bufsz);

/* Drawing untrusted UTF-8 safely: control characters are dropped, widths come from
 * wcwidth, nothing is written past maxcols. Returns the columns used. */
int draw_text(WINDOW *w, int y, int x, const char *s, int maxcols);
/* As draw_text, but a text that does not fit ends in "…" at the last column. */
int draw_text_cut(WINDOW *w, int y, int x, const char *s, int maxcols);
/* s in at most cols columns: whole when it fits, else its start, "…" and its end (a
 * message's reason is at its end). Caller frees. */
char *text_ends(const char *s, int cols);
/* s in at most cols columns: whole when it fits, else "…" and its end. Caller frees. */
char *text_tail(const char *s, int cols);
/* A message in at most cols columns: whole when it fits, else its URL is shortened first
 * (down to scheme://host/…, never its user), then what follows the URL keeps its first
 * clause (crier's own sentence) and its end. Caller frees. */
char *msg_fit(const char *s, int cols);
/* Columns that s takes on screen as draw_text would draw it. */
int text_cols(const char *s);
/* Blank from x to x+n-1 on row y. */
void draw_blank(WINDOW *w, int y, int x, int n);

/* Colour pairs / attributes for what the screen shows. */
enum ui_attr {
	UA_NORMAL, UA_SELECTED, UA_SELECTED_DIM, UA_UNREAD, UA_TITLE, UA_META, UA_HEADING,
	UA_QUOTE, UA_LINKS, UA_CREDIT, UA_STATUS, UA_ERROR, UA_FRAME, UA_FRAME_FOCUS, UA_DIM,
	UA_STANDFIRST, UA_COUNT
};
void attrs_init(int use_colour);
attr_t ui_attr(enum ui_attr a);

/* Rectangles of the panes for a screen size. A pane with h or w 0 is hidden. */
struct rect { int y, x, h, w; };
enum layout_mode { LAYOUT_AUTO, LAYOUT_WIDE, LAYOUT_NARROW, LAYOUT_STORY /* the body alone */ };
struct layout {
	struct rect list, body, captions, more, status;
	int wide;
	int text_w;  /* the body's wrap width: never depends on whether captions show */
};
/* story_open: the story panes are shown; ncap and nmore: the rows the captions and the
 * more-from links take at the width they would get (the panes shrink to fit or vanish
 * when empty); text_width: the readable measure of body lines (0: none). */
void layout_compute(struct layout *l, int rows, int cols, enum layout_mode mode,
		    int story_open, int ncap, int nmore, int text_width);
/* Grows the captions and more-from panes that lie under the body to at least cap_rows
 * and more_rows (header included), taking rows from the body while it keeps
 * LAYOUT_BODY_MIN: so a caption shows with its credit, and a focused strip has room. */
#define LAYOUT_BODY_MIN 4
void layout_grow(struct layout *l, int cap_rows, int more_rows);
/* Shrinks the captions strip to cap_rows and the more-from pane to more_rows (header
 * included) when they are taller, giving the rows to the body: no empty rows kept. */
void layout_shrink(struct layout *l, int cap_rows, int more_rows);

/* Starts the browser on a URL: fork and exec, the URL one argv element, no shell. The
 * command may carry fixed arguments, split as a config line is ("double quotes" group a
 * path with spaces; no shell), and a "%u" argument that the URL replaces.
 * Returns the exit status, or -1 with err. The caller has left curses mode. */
int browser_run(const char *command, const char *url, char *err, size_t errsz);
/* The browser command: the setting, else $BROWSER, else xdg-open. */
const char *browser_command(const char *setting);

#endif
