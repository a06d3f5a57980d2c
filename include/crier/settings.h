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
	X(max_item_age, INT, "90", "Days after which read items beyond keep_read_items are dropped; 0 keeps all.") \
	X(refresh_on_startup, BOOL, "no", "Reload every feed when the interface starts (as -r).") \
	X(confirm_quit, BOOL, "no", "Ask before quitting.")

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
 * skipped; the rest applies. A missing file is not an error when optional is set. */
int settings_load(struct settings *s, const char *path, int optional,
		  void (*warn)(void *ctx, const char *msg), void *ctx);
long settings_int(const struct settings *s, const char *name);
int settings_bool(const struct settings *s, const char *name);
const char *settings_str(const struct settings *s, const char *name);
void settings_free(struct settings *s);

#endif
