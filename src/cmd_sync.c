/* cmd_sync: -x reload and -x print-unread when the stories come from a feed server
 * (urls-source "ttrss"): one sync of the cache with the server. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "crier/settings.h"
#include "crier/source.h"
#include "crier/store.h"

static void warn_stderr(void *ctx, const char *msg)
{
	const struct cli *c = ctx;
	if (!c->quiet)
		fprintf(stderr, "crier: %s\n", msg);
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
	remote = source_is_remote(&st);
	settings_free(&st);
	return remote;
}

int cmd_sync(const struct cli *c, int print_unread)
{
	struct settings set, *st = &set;
	char *cfg = cli_config_path(c);
	char err[CRIER_ERRSZ];
	struct source src = {0};
	struct source_sync_stats stats;
	struct store *s;
	long n;
	int rc = 1;

	settings_init(st);
	if (cfg && settings_load(st, cfg, c->config_file == NULL, warn_stderr, (void *)c) != 0) {
		free(cfg);
		settings_free(st);
		return 1;
	}
	if (source_open_configured(&src, st, cfg, err, sizeof err) != 1) {
		fprintf(stderr, "crier: %s\n", err);
		free(cfg);
		settings_free(st);
		return 1;
	}
	free(cfg);
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
