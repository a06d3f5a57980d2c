/* cmd_fetch: the headless commands: -x reload, -x print-unread, -i OPML and -e. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "crier/fetch.h"
#include "crier/reload.h"
#include "crier/settings.h"
#include "crier/store.h"
#include "crier/urls.h"

static void warn_stderr(void *ctx, const char *msg)
{
	const struct cli *c = ctx;
	if (!c->quiet)
		fprintf(stderr, "crier: %s\n", msg);
}

static void no_urls_file(const char *path)
{
	fprintf(stderr,
		"crier: no feed list at %s\n"
		"crier: add feeds to it, one URL per line (tags and \"~Title\" may follow),\n"
		"crier: or import them from OPML with: crier -i FILE.opml\n", path);
}

/* Loads the urls file. A missing one is an empty list when missing_is_empty (a first
 * import), else told with how to start one. 0, or -1 when told on stderr. */
static int load_urls(const struct cli *c, const char *path, struct urls *u, int missing_is_empty)
{
	char err[CRIER_ERRSZ];
	struct stat sb;
	if (urls_load(path, u, warn_stderr, (void *)c, err, sizeof err) == 0)
		return 0;
	if (stat(path, &sb) != 0 && errno == ENOENT) {
		if (missing_is_empty) {
			memset(u, 0, sizeof *u);
			return 0;
		}
		no_urls_file(path);
	} else {
		fprintf(stderr, "crier: %s\n", err);
	}
	return -1;
}

/* The user's urls file (-u, else the XDG one) for reading: 0, else the exit status
 * (2: no path, 1: told on stderr). */
static int load_user_urls(const struct cli *c, struct urls *u)
{
	char *path = cli_urls_path(c);
	int rc;
	if (!path)
		return 2;
	rc = load_urls(c, path, u, 0) != 0;
	free(path);
	return rc;
}

/* Config warnings (a bad line, skipped) are silenced by -q; the message of a config that
 * cannot be read is kept, since that one is an error and always printed. */
struct config_warn {
	const struct cli *c;
	char last[CRIER_ERRSZ];
};

static void settings_warn(void *ctx, const char *msg)
{
	struct config_warn *w = ctx;
	err_set(w->last, sizeof w->last, "%s", msg);
	if (!w->c->quiet)
		fprintf(stderr, "crier: %s\n", msg);
}

/* The fetch limits and retention from the config file (-C, else the XDG one if it
 * exists). -1 when a named config is unreadable. */
static int load_limits(const struct cli *c, struct fetch_limits *lim, long *keep, long *age)
{
	char *cfg = cli_config_path(c);
	struct config_warn w = {c, ""};
	struct settings st;
	int rc = 0;

	settings_init(&st);
	if (cfg && settings_load(&st, cfg, c->config_file == NULL, settings_warn, &w) != 0) {
		rc = -1;
		if (c->quiet)
			fprintf(stderr, "crier: %s\n", *w.last ? w.last : cfg);
	}
	free(cfg);
	fetch_limits_from_settings(lim, &st);
	*keep = settings_get_int(&st, SET_keep_read_items);
	*age = settings_get_int(&st, SET_max_item_age);
	settings_free(&st);
	return rc;
}

void cmd_tell_rebuild(void *ctx, const char *path, long stories)
{
	(void)ctx;
	(void)path;
	fprintf(stderr, "crier: rebuilding the search index of %ld %s (once)...\n", stories,
		stories == 1 ? "story" : "stories");
	fflush(stderr);
}

struct store *cmd_open_cache(const struct cli *c)
{
	char err[CRIER_ERRSZ];
	char *path = cli_cache_path(c);
	struct store *s;
	if (!path)
		return NULL;
	if (cli_make_parent(path) != 0) {
		free(path);
		return NULL;
	}
	s = store_open_told(path, cmd_tell_rebuild, NULL, err, sizeof err);
	if (!s)
		fprintf(stderr, "crier: %s\n", err);
	free(path);
	return s;
}

static void on_feed_done(void *ctx, const struct reload_feed *f)
{
	const struct cli *c = ctx;
	if (f->error)
		fprintf(stderr, "crier: %s\n", f->error);
	if (f->moved_to && !c->quiet) {
		char *from = url_hide_password(f->url), *to = url_hide_password(f->moved_to);
		if (f->discovered)
			printf("crier: %s is a web page; found its feed %s (the cache reads it from "
			       "now on)\n", from, to);
		else
			printf("crier: %s moved permanently to %s (the cache follows; update the "
			       "urls file)\n", from, to);
		free(from);
		free(to);
	}
}

static int do_reload(const struct cli *c)
{
	char err[CRIER_ERRSZ];
	struct fetch_limits lim;
	struct urls u;
	struct store *s;
	struct store_feed *fs = NULL;
	struct reload *r;
	struct reload_totals t;
	size_t n = 0, i;
	long keep, age;
	int rc;

	/* libcurl (20-40 ms of loading) comes in while the cache is opened (a new one is
	 * created: as long again) */
	fetch_preload_curl();
	rc = load_user_urls(c, &u);
	if (rc) {
		fetch_load_curl(NULL, 0);
		return rc;
	}
	if (load_limits(c, &lim, &keep, &age) != 0) {
		fetch_load_curl(NULL, 0);
		urls_free(&u);
		return 1;
	}
	s = cmd_open_cache(c);
	if (!s) {
		fetch_load_curl(NULL, 0);
		urls_free(&u);
		return 1;
	}
	if (reload_sync(s, &u, err, sizeof err) != 0 || store_feeds(s, &fs, &n, err, sizeof err) != 0) {
		fprintf(stderr, "crier: %s\n", err);
		fetch_load_curl(NULL, 0);
		urls_free(&u);
		store_close(s);
		return 1;
	}
	urls_free(&u);
	r = reload_new(s, &lim, err, sizeof err);
	if (!r) {
		fprintf(stderr, "crier: %s\n", err);
		store_feeds_free(fs, n);
		store_close(s);
		return 1;
	}
	reload_on_feed(r, on_feed_done, (void *)c);
	for (i = 0; i < n; i++)
		if (reload_add(r, &fs[i], err, sizeof err) != 0)
			fprintf(stderr, "crier: %s\n", err);
	store_feeds_free(fs, n);
	while (reload_pending(r) > 0)
		if (reload_poll(r, -1, 1000) < 0) {
			fprintf(stderr, "crier: the transfers failed\n");
			break;
		}
	reload_get_totals(r, &t);
	reload_free(r);
	store_expire(s, keep, age);
	store_close(s);
	if (!c->quiet)
		printf("crier: %zu feed%s, %ld new item%s, %zu failed\n", t.feeds, t.feeds == 1 ? "" : "s",
		       t.new_items, t.new_items == 1 ? "" : "s", t.failed);
	return t.failed ? 1 : 0;
}

static int do_print_unread(const struct cli *c)
{
	struct store *s = cmd_open_cache(c);
	long n;
	if (!s)
		return 1;
	n = store_count_unread(s);
	store_close(s);
	if (n < 0) {
		fprintf(stderr, "crier: cannot count the unread articles\n");
		return 1;
	}
	/* Always "articles", as newsboat prints it, for the scripts that read it. */
	printf("%ld unread articles\n", n);
	return 0;
}

int cmd_execute(const struct cli *c, const char *what)
{
	int sync = strcmp(what, "reload") == 0 ? 0 : strcmp(what, "print-unread") == 0 ? 1 : -1;
	if (sync >= 0 && cmd_remote_source(c))
		return cmd_sync(c, sync);
	if (strcmp(what, "sync") == 0)
		return cmd_sync(c, CMD_SYNC_MACHINE);
	if (strcmp(what, "reload") == 0)
		return do_reload(c);
	if (strcmp(what, "print-unread") == 0)
		return do_print_unread(c);
	if (strcmp(what, "search") == 0)
		return cmd_search(c);
	fprintf(stderr, "crier: -x %s: unknown command (reload, print-unread, search, sync)\n", what);
	return 2;
}

int cmd_import_opml(const struct cli *c, const char *opml)
{
	char err[CRIER_ERRSZ];
	struct urls u;
	size_t added, before, refused;
	char *path = cli_urls_path(c);
	int rc = 1;

	if (!path)
		return 2;
	if (load_urls(c, path, &u, 1) != 0) /* a first import starts the list */
		goto out;
	before = u.n;
	if (urls_import_opml_counted(&u, opml, &added, &refused, err, sizeof err) != 0) {
		fprintf(stderr, "crier: %s\n", err);
		goto out_urls;
	}
	if (added && (cli_make_parent(path) != 0 || urls_save(path, &u, err, sizeof err) != 0)) {
		if (*err)
			fprintf(stderr, "crier: %s\n", err);
		goto out_urls;
	}
	if (refused)
		fprintf(stderr, "crier: %s: %zu outline%s skipped: only http and https feeds are imported\n",
			opml, refused, refused == 1 ? "" : "s");
	if (!c->quiet)
		printf("crier: imported %zu new feed%s from %s into %s (%zu listed before)\n",
		       added, added == 1 ? "" : "s", opml, path, before);
	rc = 0;
out_urls:
	urls_free(&u);
out:
	free(path);
	return rc;
}

int cmd_export_opml(const struct cli *c)
{
	struct urls u;
	struct sbuf out = SBUF_INIT;
	int rc = load_user_urls(c, &u);
	if (rc)
		return rc;
	urls_export_opml(&u, &out);
	fwrite(out.s, 1, out.len, stdout);
	sbuf_free(&out);
	urls_free(&u);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* For the other commands (--add): the same urls file and config rules as here. */
int cmd_load_urls(const struct cli *c, const char *path, struct urls *u, int missing_is_empty)
{
	return load_urls(c, path, u, missing_is_empty);
}

int cmd_load_limits(const struct cli *c, struct fetch_limits *lim)
{
	long keep, age;
	return load_limits(c, lim, &keep, &age);
}
