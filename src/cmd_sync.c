/* cmd_sync: -x reload and -x print-unread when the stories come from a feed server
 * (urls-source "ttrss"): one sync of the cache with the server. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "crier/settings.h"
#include "crier/source.h"
#include "crier/store.h"
#include "crier/ttrss.h"

static void warn_stderr(void *ctx, const char *msg)
{
	const struct cli *c = ctx;
	if (!c->quiet)
		fprintf(stderr, "crier: %s\n", msg);
}

/* "~/x" as newsboat reads paths in its config. The caller frees. */
static char *home_path(const char *p)
{
	const char *home = getenv("HOME");
	struct sbuf b = SBUF_INIT;
	if (!p || !*p)
		return NULL;
	if (p[0] == '~' && p[1] == '/' && home && *home) {
		sbuf_printf(&b, "%s%s", home, p + 1);
		return sbuf_steal(&b);
	}
	return xstrdup(p);
}

int cmd_remote_source(const struct cli *c)
{
	char *cfg = cli_config_path(c);
	struct settings st;
	int remote;
	settings_init(&st);
	if (cfg)
		settings_load(&st, cfg, 1, NULL, NULL);
	free(cfg);
	remote = strcmp(settings_get_str(&st, SET_urls_source), "ttrss") == 0;
	settings_free(&st);
	return remote;
}

/* A password written in the config itself is only taken from a file no one else reads. */
static int config_private(const struct cli *c, const struct settings *st)
{
	struct stat sb;
	char *cfg;
	int ok = 1;
	if (!*settings_get_str(st, SET_ttrss_password))
		return 1;
	cfg = cli_config_path(c);
	if (cfg && stat(cfg, &sb) == 0 && (sb.st_mode & (S_IRWXG | S_IRWXO))) {
		fprintf(stderr, "crier: %s: ttrss-password is set but others can read the file "
			"(mode %03o): chmod 600 %s, or use ttrss-passwordfile\n", cfg,
			(unsigned)(sb.st_mode & 0777), cfg);
		ok = 0;
	}
	free(cfg);
	return ok;
}

int cmd_sync(const struct cli *c, int print_unread)
{
	struct settings set, *st = &set;
	char *cfg = cli_config_path(c);
	char err[CRIER_ERRSZ];
	struct fetch_limits lim;
	struct ttrss_config tc;
	struct source src = {0};
	struct source_sync_stats stats;
	struct store *s;
	char *pwfile;
	long n;
	int rc = 1;

	settings_init(st);
	if (cfg && settings_load(st, cfg, c->config_file == NULL, warn_stderr, (void *)c) != 0) {
		free(cfg);
		settings_free(st);
		return 1;
	}
	free(cfg);
	if (!config_private(c, st)) {
		settings_free(st);
		return 1;
	}
	fetch_limits_from_settings(&lim, st);
	pwfile = home_path(settings_get_str(st, SET_ttrss_passwordfile));
	tc.url = settings_get_str(st, SET_ttrss_url);
	tc.login = settings_get_str(st, SET_ttrss_login);
	tc.password = settings_get_str(st, SET_ttrss_password);
	tc.password_file = pwfile;
	tc.password_eval = settings_get_str(st, SET_ttrss_passwordeval);
	if (ttrss_source_open(&src, &tc, &lim, err, sizeof err) != 0) {
		fprintf(stderr, "crier: %s\n", err);
		free(pwfile);
		settings_free(st);
		return 1;
	}
	free(pwfile);
	s = cmd_open_cache(c);
	if (!s) {
		source_free(&src);
		settings_free(st);
		return 1;
	}
	if (source_sync(&src, s, &stats, err, sizeof err) != 0) {
		fprintf(stderr, "crier: %s\n", err);
		if (stats.sent && !c->quiet)
			fprintf(stderr, "crier: %zu change%s reached the server before that; the rest "
				"stay queued for the next sync\n", stats.sent, stats.sent == 1 ? "" : "s");
		goto out;
	}
	if (print_unread) {
		n = src.ops->unread(src.impl, err, sizeof err);
		if (n < 0) {
			fprintf(stderr, "crier: %s\n", err);
			goto out;
		}
		printf("%ld unread articles\n", n);
	} else {
		store_expire(s, settings_get_int(st, SET_keep_read_items), settings_get_int(st, SET_max_item_age));
		if (!c->quiet)
			printf("crier: synced with %s: %zu feed%s, %ld new item%s, %ld changed there, "
			       "%zu change%s sent\n", settings_get_str(st, SET_ttrss_url), stats.feeds,
			       stats.feeds == 1 ? "" : "s", stats.new_items,
			       stats.new_items == 1 ? "" : "s", stats.changed, stats.sent,
			       stats.sent == 1 ? "" : "s");
	}
	rc = 0;
out:
	store_close(s);
	source_free(&src);
	settings_free(st);
	return rc;
}
