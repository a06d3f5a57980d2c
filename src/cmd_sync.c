/* cmd_sync: -x reload and -x print-unread when the stories come from a feed server
 * (urls-source "ttrss"): one sync of the cache with the server; -x sync, the same sync
 * told line by line for a program (the interface runs it in the background). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "commands.h"
#include "crier/settings.h"
#include "crier/source.h"
#include "crier/store.h"
#include "crier/util.h"

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

/* -x sync: each stage as it goes, one line each, flushed (the reader is a pipe). */
static void print_progress(void *ctx, const char *stage, long n)
{
	(void)ctx;
	printf("progress %s %ld\n", stage, n);
	fflush(stdout);
}

/* -x sync's last line when the sync cannot run or fails: "error " and the message whole,
 * on one line, on stdout (where the result is read) and status 1. */
static int machine_error(const char *msg)
{
	char *m = xstrdup(msg);
	text_clean_line(m);
	printf("error %s\n", m);
	free(m);
	fflush(stdout);
	return 1;
}

/* A sync the reader started (it names itself in CRIER_SYNC_PARENT) ends with the reader,
 * however the reader ends (SIGTERM, SIGHUP, even SIGKILL): the kernel sends SIGTERM here
 * when it goes, and an open transaction is rolled back by sqlite, the queue untouched. A
 * sync run by hand or from cron has no such variable and outlives its shell. -1 when the
 * reader is already gone. */
static int follow_reader(void)
{
	const char *v = getenv("CRIER_SYNC_PARENT");
	if (!v)
		return 0;
	long pid = strtol(v, NULL, 10);
	unsetenv("CRIER_SYNC_PARENT"); /* not for the programs this one runs */
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
	/* gone between the spawn and the line above: the signal would never come */
	return pid > 1 && getppid() != (pid_t)pid ? -1 : 0;
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

	int machine = print_unread == CMD_SYNC_MACHINE;
	if (machine) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		if (follow_reader() != 0) {
			free(cfg);
			return machine_error("the reader that started this sync has ended");
		}
	}
	settings_init(st);
	if (cfg && settings_load(st, cfg, c->config_file == NULL, warn_stderr, (void *)c) != 0) {
		snprintf(err, sizeof err, "%s: the settings could not be read", cfg);
		free(cfg);
		settings_free(st);
		return machine ? machine_error(err) : 1;
	}
	rc = source_open_configured(&src, st, cfg, err, sizeof err);
	if (rc != 1) {
		if (rc == 0) /* -x sync only: reload and print-unread take the urls file then */
			snprintf(err, sizeof err, "%s names no feed server (urls-source \"ttrss\"): "
				 "-x reload fetches the urls file's feeds", cfg ? cfg : "the config file");
		if (machine)
			machine_error(err);
		else
			fprintf(stderr, "crier: %s\n", err);
		free(cfg);
		settings_free(st);
		return rc == 0 ? 2 : 1;
	}
	rc = 1;
	free(cfg);
	s = cmd_open_cache(c);
	if (!s) {
		source_free(&src);
		settings_free(st);
		return machine ? machine_error("the cache could not be opened (the reason is above)") : 1;
	}
	if (machine) {
		src.on_progress = print_progress;
		src.progress_ctx = NULL;
	}
	if (source_sync(&src, s, &stats, err, sizeof err) != 0) {
		if (machine) {
			char m[CRIER_ERRSZ + 128];
			snprintf(m, sizeof m, "%s", err);
			if (stats.sent)
				snprintf(m, sizeof m, "%s (%zu change%s reached the server before that; the "
					 "rest stay queued)", err, stats.sent, stats.sent == 1 ? "" : "s");
			machine_error(m);
			goto out;
		}
		fprintf(stderr, "crier: %s\n", err);
		if (stats.sent && !c->quiet)
			fprintf(stderr, "crier: %zu change%s reached the server before that; the rest "
				"stay queued for the next sync\n", stats.sent, stats.sent == 1 ? "" : "s");
		goto out;
	}
	if (machine) {
		store_expire(s, settings_get_int(st, SET_keep_read_items), settings_get_int(st, SET_max_item_age));
		printf("synced feeds=%zu new=%ld changed=%ld sent=%zu\n", stats.feeds, stats.new_items,
		       stats.changed, stats.sent);
	} else if (print_unread) {
		n = src.ops->unread(src.impl, err, sizeof err);
		if (n < 0) {
			fprintf(stderr, "crier: %s\n", err);
			goto out;
		}
		printf("%ld unread articles\n", n);
	} else {
		store_expire(s, settings_get_int(st, SET_keep_read_items), settings_get_int(st, SET_max_item_age));
		char *shown = url_hide_password(settings_get_str(st, SET_ttrss_url));
		if (!c->quiet)
			printf("crier: synced with %s: %zu feed%s, %ld new item%s, %ld changed there, "
			       "%zu change%s sent\n", shown, stats.feeds,
			       stats.feeds == 1 ? "" : "s", stats.new_items,
			       stats.new_items == 1 ? "" : "s", stats.changed, stats.sent,
			       stats.sent == 1 ? "" : "s");
		free(shown);
	}
	rc = 0;
out:
	store_close(s);
	source_free(&src);
	settings_free(st);
	return rc;
}
