/* settings: the one table of settings (name, type, default, description) that drives the
 * config file parser, --help for settings, crier.conf(5) and its test; and the parser. */
#ifndef CRIER_SETTINGS_H
#define CRIER_SETTINGS_H

#include <stddef.h>

/* X(name, type, default, description). Types: STR, INT, BOOL, ENUM(values in the
 * description's leading "a|b|c:"). Names follow newsboat's where the same thing exists. */
#define CRIER_SETTINGS(X) \
	X(browser, STR, "", "Program that opens links; empty means $BROWSER, then xdg-open. Run with the URL as one argument, never through a shell.") \
	X(max_transfers, INT, "16", "Transfers at once during a reload.") \
	X(max_per_host, INT, "4", "Transfers at once to one host.") \
	X(connect_timeout, INT, "10", "Seconds to wait for a connection.") \
	X(download_timeout, INT, "30", "Seconds a whole transfer may take.") \
	X(low_speed_limit, INT, "100", "A transfer slower than this many bytes per second ...") \
	X(low_speed_time, INT, "15", "... for this many seconds is abandoned.") \
	X(max_download_size, INT, "20971520", "Largest body accepted, in bytes.") \
	X(max_redirects, INT, "5", "Redirects followed, http(s) only.") \
	X(article_fetch, ENUM, "short", "always|short|never: fetch and extract a story's page when it is opened (short: only when the feed gives a teaser).") \
	X(short_teaser_words, INT, "120", "A feed text shorter than this many words is a teaser.") \
	X(sort_order, ENUM, "date", "date|unread-first: order of the story list.") \
	X(layout, ENUM, "auto", "auto|wide|narrow: pane layout; auto picks wide from 120 columns.") \
	X(color, BOOL, "yes", "Use colours when the terminal has them (NO_COLOR turns them off).") \
	X(keep_read_items, INT, "200", "Read items kept per feed beyond max_item_age.") \
	X(max_item_age, INT, "90", "Days after which read items beyond keep_read_items are dropped, with cached pages no item links to; 0 keeps all.") \
	X(refresh_on_startup, BOOL, "no", "Reload every feed when the interface starts (as -r).") \
	X(confirm_quit, BOOL, "no", "Ask before quitting.")

/* R(name, lowest, highest): the range of every INT setting (a test checks none lacks one). */
#define CRIER_SETTING_RANGES(R) \
	R(max_transfers, 1, 256) \
	R(max_per_host, 1, 64) \
	R(connect_timeout, 1, 600) \
	R(download_timeout, 1, 3600) \
	R(low_speed_limit, 0, 1048576) \
	R(low_speed_time, 1, 3600) \
	R(max_download_size, 1024, 1073741824) \
	R(max_redirects, 0, 20) \
	R(short_teaser_words, 0, 100000) \
	R(keep_read_items, 0, 1000000) \
	R(max_item_age, 0, 36500)

enum setting_type { SETTING_STR, SETTING_INT, SETTING_BOOL, SETTING_ENUM };

struct setting_def {
	const char *name;
	enum setting_type type;
	const char *def;
	const char *description;
};
extern const struct setting_def settings_table[];
extern const size_t settings_count;

/* Values after defaults, config file and command line. */
struct settings {
#define X(name, type, def, desc) char *name;
	CRIER_SETTINGS(X)
#undef X
	/* Key bindings from "bind-key KEY ACTION" lines: the UI applies them. */
	struct settings_bind { char *key, *action; int line; } *binds;
	size_t nbinds;
	char *path; /* the file read, for messages */
};

void settings_init(struct settings *s); /* defaults */
/* Reads a config file. Each bad line is reported through warn ("FILE:LINE: reason") and
 * skipped; the rest applies. A missing file is not an error when optional is set.
 * Returns 0, or -1 when the file cannot be read (also reported through warn).
 * Names may be written with dashes (newsboat's refresh-on-startup); a BOOL is stored as
 * "yes" or "no"; an ENUM value must be one of its list; an INT must be in its range;
 * a value with spaces is "quoted" (\" and \\ inside). warn may be NULL. */
int settings_load(struct settings *s, const char *path, int optional,
		  void (*warn)(void *ctx, const char *msg), void *ctx);
/* Sets one value (checked like a config line). 0, or -1 with err naming the setting. */
int settings_set(struct settings *s, const char *name, const char *value, char *err, size_t errsz);
const struct setting_def *settings_find(const char *name); /* NULL when unknown */
int settings_range(const char *name, long *lo, long *hi);  /* INT settings: 0; else -1 */
int settings_enum_has(const struct setting_def *d, const char *value); /* 1 when allowed */
/* bind-key syntax: 1 when the action is in src/ui/keys.def / the key name is valid
 * (one printable character, ^X, or ENTER SPACE TAB BTAB BACKSPACE UP DOWN LEFT RIGHT
 * PPAGE NPAGE HOME END DEL INSERT ESC F1-F12). */
int settings_action_known(const char *action);
int settings_key_valid(const char *key);
long settings_int(const struct settings *s, const char *name);
int settings_bool(const struct settings *s, const char *name);
const char *settings_str(const struct settings *s, const char *name);
void settings_free(struct settings *s);
/* Splits a line into words in place: blanks separate, "double quotes" group (with \" and
 * \\ inside), a word starting with # ends the line. Returns the number of words, or -1
 * with err (too many, a missing quote). Also splits the browser command. */
int settings_split_words(char *line, char **w, int max, char *err, size_t errsz);

#endif
