/* settings: the one table of settings (name, type, default, range, description) that
 * drives the config file parser, the typed accessors, crier.conf(5) and its test. */
#ifndef CRIER_SETTINGS_H
#define CRIER_SETTINGS_H

#include <stddef.h>

/* X(name, type, default, lowest, highest, description): one typed row per setting, and
 * the only place a default is written. Types: STR, INT (lowest..highest, checked), BOOL
 * (yes/no), ENUM (values in the description's leading "a|b|c:"), DURATION (a time: a bare
 * number is minutes, or a number with a unit s, m, h or d; kept in seconds; 0 is "off",
 * otherwise lowest..highest seconds). lowest and highest are 0 for all but INT and
 * DURATION. Names follow newsboat's where the same thing exists. */
#define CRIER_SETTINGS(X) \
	X(browser, STR, "", 0, 0, "Program that opens links; empty means $BROWSER, then xdg-open. Run with the URL as one argument, never through a shell.") \
	X(max_transfers, INT, "16", 1, 256, "Transfers at once during a reload.") \
	X(max_per_host, INT, "4", 1, 64, "Transfers at once to one host.") \
	X(connect_timeout, INT, "10", 1, 600, "Seconds to wait for a connection.") \
	X(download_timeout, INT, "30", 1, 3600, "Seconds a whole transfer may take.") \
	X(low_speed_limit, INT, "100", 0, 1048576, "A transfer slower than this many bytes per second ...") \
	X(low_speed_time, INT, "15", 1, 3600, "... for this many seconds is abandoned.") \
	X(max_download_size, INT, "20971520", 1024, 1073741824, "Largest body accepted, in bytes.") \
	X(max_redirects, INT, "5", 0, 20, "Redirects followed, http(s) only.") \
	X(allow_https_downgrade, BOOL, "no", 0, 0, "Follow an https feed's redirect to plain http (refused by default: anyone on the way could change the feed).") \
	X(article_fetch, ENUM, "short", 0, 0, "always|short|never: fetch and extract a story's page when it is opened (short: only when the feed gives a teaser).") \
	X(short_teaser_words, INT, "120", 0, 100000, "A feed text shorter than this many words is a teaser.") \
	X(sort_order, ENUM, "date", 0, 0, "date|unread-first: order of the story list.") \
	X(layout, ENUM, "auto", 0, 0, "auto|stacked|side-by-side|story-only: pane layout (stacked: the list above the story, side-by-side: the list beside it, story-only: the story alone, z shows the rest); auto picks side-by-side from 120 columns. The older names narrow, wide and story still work.") \
	X(text_width, INT, "80", 0, 1000, "Widest body line in columns, for a readable measure in wide layouts; 0: the pane's width.") \
	X(color, BOOL, "yes", 0, 0, "Use colours when the terminal has them (NO_COLOR turns them off).") \
	X(keep_read_items, INT, "200", 0, 1000000, "Read items kept per feed beyond max_item_age.") \
	X(max_item_age, INT, "90", 0, 36500, "Days after which read items beyond keep_read_items are dropped, with cached pages no item links to; 0 keeps all.") \
	X(refresh_on_startup, BOOL, "no", 0, 0, "Reload every feed when the interface starts (as -r).") \
	X(confirm_quit, BOOL, "no", 0, 0, "Ask before quitting.") \
	X(player, STR, "", 0, 0, "Program that plays or opens a story's enclosure (p); empty means the browser. Run with the URL as one argument, never through a shell.") \
	X(enclosure_max_size, INT, "524288000", 1024, 68719476736, "Largest enclosure D downloads, in bytes (podcast episodes and videos outgrow max_download_size).") \
	X(download_dir, STR, "~/Downloads", 0, 0, "Directory that D downloads enclosures into (made when missing); a leading ~/ is the home directory.") \
	X(confirm_mark_all, BOOL, "yes", 0, 0, "Ask before A marks more than one feed read.") \
	X(reload_interval, DURATION, "0", 5, 604800, "Time between reloads in the background (as R): minutes, or a number with a unit (90s, 5m, 2h, 1d); 0: never.") \
	X(osc52, BOOL, "no", 0, 0, "Let y copy a link to the clipboard through the terminal (OSC 52).") \
	X(urls_source, ENUM, "local", 0, 0, "local|ttrss: where stories come from: local is the urls file's feeds, fetched by crier; ttrss is a Tiny Tiny RSS server (ttrss_url), synced by -x reload and R.") \
	X(ttrss_url, STR, "", 0, 0, "The Tiny Tiny RSS address, e.g. https://example.org/tt-rss/ (its api/ is used).") \
	X(ttrss_login, STR, "", 0, 0, "The tt-rss user name.") \
	X(ttrss_password, STR, "", 0, 0, "The tt-rss password; refused unless only you can read the config file. Prefer ttrss_passwordfile or ttrss_passwordeval.") \
	X(ttrss_passwordfile, STR, "", 0, 0, "A file whose first line is the tt-rss password; refused unless only you can read it (chmod 600).") \
	X(ttrss_passwordeval, STR, "", 0, 0, "A command that prints the tt-rss password (run with its arguments, never through a shell), e.g. \"pass show tt-rss\".")

enum setting_type { SETTING_STR, SETTING_INT, SETTING_BOOL, SETTING_ENUM, SETTING_DURATION };

/* One id per row: what the typed accessors take, so a misspelt name does not compile. */
enum setting_id {
#define X(name, type, def, lo, hi, desc) SET_##name,
	CRIER_SETTINGS(X)
#undef X
	SET_COUNT
};

struct setting_def {
	const char *name;
	enum setting_type type;
	const char *def;
	long lo, hi;             /* INT, DURATION (seconds): the range a value must be in */
	const char *description;
};
extern const struct setting_def settings_table[SET_COUNT];
extern const size_t settings_count;

/* Values after defaults, config file and command line, stored by type. */
struct settings {
	long num[SET_COUNT];     /* INT, BOOL (0 or 1), DURATION (seconds) */
	char *str[SET_COUNT];    /* STR and ENUM; NULL for the others */
	/* Key bindings from "bind-key KEY ACTION" lines: the UI applies them. */
	struct settings_bind { char *key, *action; int line; } *binds;
	size_t nbinds;
	char *path; /* the file read, for messages */
};

void settings_init(struct settings *s); /* the table's defaults */
/* Reads a config file. Each bad line is reported through warn ("FILE:LINE: reason") and
 * skipped; the rest applies. A missing file is not an error when optional is set.
 * Returns 0, or -1 when the file cannot be read (also reported through warn).
 * Names may be written with dashes (newsboat's refresh-on-startup); a BOOL is yes, no,
 * true or false; an ENUM value must be one of its list; an INT must be in its range,
 * a DURATION too (or 0);
 * a value with spaces is "quoted" (\" and \\ inside); bind-key's action is any name
 * keys_find_action knows. warn may be NULL. */
int settings_load(struct settings *s, const char *path, int optional,
		  void (*warn)(void *ctx, const char *msg), void *ctx);
/* Sets one value by name (checked like a config line). 0, or -1 with err naming it. */
int settings_set(struct settings *s, const char *name, const char *value, char *err, size_t errsz);
const struct setting_def *settings_find(const char *name); /* NULL when unknown */
int settings_enum_has(const struct setting_def *d, const char *value); /* 1 when allowed */
/* Typed accessors. Asking for a setting as another type than its row's is a bug (assert). */
long settings_get_int(const struct settings *s, enum setting_id id);
int settings_get_bool(const struct settings *s, enum setting_id id);
long settings_get_seconds(const struct settings *s, enum setting_id id); /* DURATION */
const char *settings_get_str(const struct settings *s, enum setting_id id); /* STR, ENUM */
void settings_free(struct settings *s);
/* Splits a line into words in place: blanks separate, "double quotes" group (with \" and
 * \\ inside), a word starting with # ends the line. Returns the number of words, or -1
 * with err (too many, a missing quote). Also splits the browser command. */
int settings_split_words(char *line, char **w, int max, char *err, size_t errsz);

#endif
