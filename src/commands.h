/* commands: what main.c's command line dispatches to. Program side: these print and
 * return exit statuses; the core below them never does. */
#ifndef CRIER_COMMANDS_H
#define CRIER_COMMANDS_H

struct cli {
	const char *urls_file;   /* -u, else $XDG_CONFIG_HOME/crier/urls */
	const char *cache_file;  /* -c, else $XDG_DATA_HOME/crier/cache.db */
	const char *config_file; /* -C, else $XDG_CONFIG_HOME/crier/config */
	const char *base;        /* --base for --extract */
	int refresh;             /* -r */
	int quiet;               /* -q */
	int text;                /* --text for --extract */
	int width;               /* --width for --text, default 80 */
	int demo;                /* --demo */
	const char *search;      /* the words after -x search */
	const char *argv0;       /* the program's name as started (the reader runs it again) */
};

/* Paths with the XDG defaults applied; the caller frees. NULL with a message on stderr
 * when HOME is unknown. */
char *cli_urls_path(const struct cli *c);
char *cli_cache_path(const struct cli *c);
char *cli_config_path(const struct cli *c);
/* Creates the parent directories of a path (mode 0700). 0 or -1. */
int cli_make_parent(const char *path);

int cmd_parse(const struct cli *c, const char *file);                 /* --parse */
int cmd_extract(const struct cli *c, const char *target);             /* --extract */
int cmd_execute(const struct cli *c, const char *what);               /* -x */
int cmd_search(const struct cli *c);                                  /* -x search */
int cmd_import_opml(const struct cli *c, const char *opml);           /* -i */
int cmd_export_opml(const struct cli *c);                             /* -e */
int cmd_add(const struct cli *c, const char *url);                    /* --add */
struct urls;
struct fetch_limits;
/* The urls file at path (missing: an empty list when missing_is_empty, else told how to
 * start one) and the fetch limits from the config file, as -x reload reads them.
 * 0, or -1 when told on stderr. */
int cmd_load_urls(const struct cli *c, const char *path, struct urls *u, int missing_is_empty);
int cmd_load_limits(const struct cli *c, struct fetch_limits *lim);
/* --demo (src/demo.c): finds the bundled demo ($CRIER_DEMO_DIR, else the source tree when
 * run from a build directory, else the installed pkgdatadir/demo), writes a urls file of
 * its feeds as file:// URLs into $XDG_DATA_HOME/crier/demo/ and names a fresh cache there
 * (or c->cache_file when -c was given). 0 with both paths set (the caller frees them), or
 * -1 with a message on stderr. */
int demo_prepare(const struct cli *c, char **urls_path, char **cache_path);
char *demo_find_dir(void); /* the demo's directory, or NULL; the caller frees */
/* What to tell a user who has no urls file yet: how to add feeds, and the demo. Lines end
 * with newlines; the caller frees. */
char *demo_first_run_text(const char *urls_path);
int ui_main(const struct cli *c);                                     /* no command */
/* The cache named by -c (or the XDG one), its directory made; NULL with a message. */
struct store *cmd_open_cache(const struct cli *c);
/* store_open_told's teller: "crier: rebuilding the search index of N stories (once)..."
 * on stderr, so that a long migration does not look like a hang. */
void cmd_tell_rebuild(void *ctx, const char *path, long stories);
/* src/cmd_sync.c: 1 when the config (read quietly) says the stories come from a feed
 * server (urls-source "ttrss"), else 0. */
int cmd_remote_source(const struct cli *c);
/* -x reload (print_unread 0) or -x print-unread on a feed server: one sync, then the
 * summary or the server's unread count; -x sync (print_unread CMD_SYNC_MACHINE): the
 * sync told for a program, "progress STAGE N" lines, then the last line "synced
 * feeds=F new=N changed=C sent=S" (0) or "error MESSAGE" (1; 2 with no feed server).
 * Exit status. */
#define CMD_SYNC_MACHINE 2
int cmd_sync(const struct cli *c, int print_unread);

#endif
