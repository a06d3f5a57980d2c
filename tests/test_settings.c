/* Unit tests of settings: defaults, the config file syntax, and the messages a user sees
 * for a bad line (file and line named, the rest of the file still applied). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "crier/keys.h"
#include "crier/settings.h"
#include "crier/util.h"
#include "check.h"

static struct sbuf warnings = SBUF_INIT;
static int nwarnings;

static void collect(void *ctx, const char *msg)
{
	(void)ctx;
	sbuf_printf(&warnings, "%s\n", msg);
	nwarnings++;
}

static char tmpdir[] = "/tmp/crier-test-settings.XXXXXX";

static const char *write_file(const char *leaf, const char *text)
{
	static char path[256];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", tmpdir, leaf);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

static void reset(void)
{
	sbuf_free(&warnings);
	nwarnings = 0;
}

int main(void)
{
	struct settings s;
	const char *path;
	char err[CRIER_ERRSZ], want[512];
	size_t i;

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}

	/* Defaults come from the table. */
	settings_init(&s);
	CHECK_INT(settings_get_int(&s, SET_max_transfers), 16);
	CHECK_STR(settings_get_str(&s, SET_article_fetch), "short");
	CHECK_INT(settings_get_bool(&s, SET_color), 1);
	CHECK_INT(settings_get_bool(&s, SET_refresh_on_startup), 0);
	CHECK_STR(settings_get_str(&s, SET_browser), "");

	/* Every default is itself a valid value, and every INT has a range. */
	for (i = 0; i < settings_count; i++) {
		CHECK(settings_set(&s, settings_table[i].name, settings_table[i].def, err, sizeof err) == 0);
		if (settings_table[i].type == SETTING_INT || settings_table[i].type == SETTING_DURATION)
			CHECK(settings_table[i].lo <= settings_table[i].hi && settings_table[i].hi > 0);
		if (settings_table[i].type == SETTING_ENUM)
			CHECK(strchr(settings_table[i].description, ':') != NULL);
		CHECK(strlen(settings_table[i].description) > 10);
	}

	/* A good file: values, quotes, comments, newsboat's dashed names, bindings. */
	path = write_file("good", "# my crier config\n"
			  "\n"
			  "browser \"firefox --new-window\"   # with a comment\n"
			  "  max_transfers 32\n"
			  "refresh-on-startup yes\n"
			  "color false\n"
			  "sort_order unread-first\n"
			  "layout\tside-by-side\n"
			  "bind-key J down\n"
			  "bind-key ^D page_down\n"
			  "bind-key ENTER open articlelist\n"
			  "confirm-exit yes\n"
			  "bind-key x open-browser\n"
			  "bind-key O open-in-browser\n"
			  "bind-key ^R reload_all\n"
			  "browser \"say \\\"hi\\\" \\\\ there\"\n");
	CHECK_INT(settings_load(&s, path, 0, collect, NULL), 0);
	CHECK_INT(nwarnings, 0);
	CHECK_STR(warnings.s, NULL);
	CHECK_STR(settings_get_str(&s, SET_browser), "say \"hi\" \\ there");
	CHECK_INT(settings_get_int(&s, SET_max_transfers), 32);
	CHECK_INT(settings_get_bool(&s, SET_refresh_on_startup), 1);
	CHECK_INT(settings_get_bool(&s, SET_color), 0);
	CHECK_INT(settings_get_bool(&s, SET_color), 0);
	CHECK_STR(settings_get_str(&s, SET_sort_order), "unread-first");
	CHECK_STR(settings_get_str(&s, SET_layout), "side-by-side");
	CHECK_INT(settings_get_bool(&s, SET_confirm_quit), 1); /* newsboat's confirm-exit */
	CHECK_INT(s.nbinds, 6);
	if (s.nbinds == 6) {
		CHECK_STR(s.binds[0].key, "J");
		CHECK_STR(s.binds[0].action, "down");
		CHECK_INT(s.binds[0].line, 9);
		CHECK_STR(s.binds[1].key, "^D");
		CHECK_STR(s.binds[2].action, "open");
		/* the dashed name and newsboat's alias, which the key handler also takes */
		CHECK_STR(s.binds[3].action, "open-browser");
		CHECK_INT(keys_find_action(s.binds[3].action), ACT_open_browser);
		CHECK_INT(keys_find_action(s.binds[4].action), ACT_open_browser);
		CHECK_INT(keys_find_action(s.binds[5].action), ACT_reload_all);
	}
	CHECK_STR(s.path, path);
	settings_free(&s);

	/* A bad file: each bad line named by file and line, skipped; the good ones apply. */
	reset();
	settings_init(&s);
	path = write_file("bad", "max_transfers 8\n"              /* 1 ok */
			  "no_such_thing 3\n"                     /* 2 unknown */
			  "color maybe\n"                         /* 3 bad bool */
			  "layout sideways\n"                     /* 4 bad enum */
			  "max_redirects 99\n"                    /* 5 out of range */
			  "connect_timeout ten\n"                 /* 6 not a number */
			  "browser \"unterminated\n"              /* 7 quote */
			  "bind-key x fly\n"                      /* 8 unknown action */
			  "bind-key WHEEL down\n"                 /* 9 unknown key */
			  "bind-key q\n"                          /* 10 missing action */
			  "download_timeout\n"                    /* 11 missing value */
			  "browser lynx -dump\n"                  /* 12 two values */
			  "max_redirects 3\n"                     /* 13 ok */
			  "bind-key Q quit\n");                   /* 14 ok */
	CHECK_INT(settings_load(&s, path, 0, collect, NULL), 0);
	CHECK_INT(nwarnings, 11);
	snprintf(want, sizeof want, "%s:2: unknown setting 'no_such_thing'\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:3: color: 'maybe' is not yes, no, true or false\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:4: layout: 'sideways' is not one of auto|stacked|side-by-side|story-only\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:5: max_redirects: 99 is out of range (0 to 20)\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:6: connect_timeout: 'ten' is not a whole number\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:7: missing closing quote\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:8: bind-key: unknown action 'fly'\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:9: bind-key: unknown key 'WHEEL'\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:10: bind-key wants a key and an action\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:11: download_timeout wants a value\n", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:12: browser wants one value", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	CHECK_INT(settings_get_int(&s, SET_max_transfers), 8);
	CHECK_INT(settings_get_int(&s, SET_max_redirects), 3);
	CHECK_INT(settings_get_bool(&s, SET_color), 1);
	CHECK_STR(settings_get_str(&s, SET_layout), "auto");
	CHECK_INT(settings_get_int(&s, SET_connect_timeout), 10);
	CHECK_STR(settings_get_str(&s, SET_browser), "");
	CHECK_INT(s.nbinds, 1);
	settings_free(&s);

	/* A copied newsboat config: its own commands are named as such, its colour lines too. */
	reset();
	settings_init(&s);
	path = write_file("newsboat", "macro p set browser \"mpv %u\"\n"
			  "color listfocus yellow blue bold\n"
			  "refresh-on-startup yes\n");
	CHECK_INT(settings_load(&s, path, 0, collect, NULL), 0);
	CHECK_INT(nwarnings, 2);
	snprintf(want, sizeof want, "%s:1: 'macro' is a newsboat setting crier does not have", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	snprintf(want, sizeof want, "%s:2: color takes yes or no; newsboat's colour lines are not read", path);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	CHECK_INT(settings_get_bool(&s, SET_refresh_on_startup), 1);
	CHECK_INT(settings_get_bool(&s, SET_color), 1);
	settings_free(&s);

	/* newsboat's player and download-path are crier's player and download_dir */
	reset();
	settings_init(&s);
	CHECK_STR(settings_get_str(&s, SET_download_dir), "~/Downloads");
	path = write_file("podcast", "player \"mpv --no-video\"\ndownload-path /srv/podcasts\n");
	CHECK_INT(settings_load(&s, path, 0, collect, NULL), 0);
	CHECK_INT(nwarnings, 0);
	CHECK_STR(settings_get_str(&s, SET_player), "mpv --no-video");
	CHECK_STR(settings_get_str(&s, SET_download_dir), "/srv/podcasts");
	settings_free(&s);

	/* reload-on-startup (issue 13's name) is refresh_on_startup, in either spelling */
	for (int k = 0; k < 2; k++) {
		reset();
		settings_init(&s);
		CHECK_INT(settings_get_bool(&s, SET_refresh_on_startup), 0);
		path = write_file("reload", k ? "reload_on_startup yes\n" : "reload-on-startup yes\n");
		CHECK_INT(settings_load(&s, path, 0, collect, NULL), 0);
		CHECK_INT(nwarnings, 0);
		CHECK_INT(settings_get_bool(&s, SET_refresh_on_startup), 1);
		settings_free(&s);
	}

	/* reload_interval: a bare number is minutes (as before), or a number with a unit; 0 is
	 * off; under 5 s, over 7 days, negative or garbage is refused naming file and line,
	 * and the setting keeps what it had. */
	{
		static const struct { const char *text; long secs; } good[] = {
			{"0", 0}, {"1", 60}, {"15", 900}, {"90s", 90}, {"5s", 5}, {"5m", 300},
			{"2h", 7200}, {"1d", 86400}, {"7d", 604800}, {"10080", 604800}, {"0s", 0},
		};
		static const char *const bad[] = {
			"4s", "1s", "-1", "-5m", "10080m1", "5x", "m", "ten", "5 m", "5mm", "8d",
			"10081", "99999999999999999999", "+5", "1.5m", "5M",
		};
		for (i = 0; i < sizeof good / sizeof good[0]; i++) {
			settings_init(&s);
			if (settings_set(&s, "reload_interval", good[i].text, err, sizeof err) != 0)
				fprintf(stderr, "reload_interval %s refused: %s\n", good[i].text, err);
			CHECK_INT(settings_get_seconds(&s, SET_reload_interval), good[i].secs);
			settings_free(&s);
		}
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			settings_init(&s);
			CHECK_INT(settings_set(&s, "reload_interval", "3m", err, sizeof err), 0);
			if (settings_set(&s, "reload_interval", bad[i], err, sizeof err) != -1)
				fprintf(stderr, "reload_interval %s taken\n", bad[i]);
			CHECK(strstr(err, "reload_interval") != NULL);
			CHECK_INT(settings_get_seconds(&s, SET_reload_interval), 180);
			settings_free(&s);
		}
		reset();
		settings_init(&s);
		CHECK_INT(settings_get_seconds(&s, SET_reload_interval), 0);
		path = write_file("interval", "reload-interval 90s\nreload_interval 3s\n"
				  "reload-interval soon\n");
		CHECK_INT(settings_load(&s, path, 0, collect, NULL), 0);
		CHECK_INT(nwarnings, 2);
		snprintf(want, sizeof want, "%s:2: reload_interval: '3s' is too short (5s to 7d; 0 turns it off)\n", path);
		CHECK(strstr(sbuf_str(&warnings), want) != NULL);
		snprintf(want, sizeof want, "%s:3: reload_interval: 'soon' is not a time", path);
		CHECK(strstr(sbuf_str(&warnings), want) != NULL);
		CHECK_INT(settings_get_seconds(&s, SET_reload_interval), 90);
		settings_free(&s);
	}

	/* A hostile line cannot put a control sequence on the terminal through a message. */
	reset();
	settings_init(&s);
	path = write_file("esc", "\x1b[2Jevil 1\n");
	settings_load(&s, path, 0, collect, NULL);
	CHECK_INT(nwarnings, 1);
	CHECK(strchr(sbuf_str(&warnings), '\x1b') == NULL);
	settings_free(&s);

	/* Missing files: fine when optional, an error naming the file otherwise. */
	reset();
	settings_init(&s);
	snprintf(want, sizeof want, "%s/absent", tmpdir);
	CHECK_INT(settings_load(&s, want, 1, collect, NULL), 0);
	CHECK_INT(nwarnings, 0);
	CHECK_INT(settings_load(&s, want, 0, collect, NULL), -1);
	CHECK_INT(nwarnings, 1);
	CHECK(strstr(sbuf_str(&warnings), want) != NULL);
	/* No warn callback: still no crash, still applied. */
	path = write_file("nowarn", "bogus 1\nmax_per_host 2\n");
	CHECK_INT(settings_load(&s, path, 0, NULL, NULL), 0);
	CHECK_INT(settings_get_int(&s, SET_max_per_host), 2);
	settings_free(&s);

	/* The layout's names as the issue gave them; an older config's names still work,
	 * kept under the new ones. */
	settings_init(&s);
	static const char *const lay[][2] = {
		{"stacked", "stacked"}, {"side-by-side", "side-by-side"}, {"story-only", "story-only"},
		{"narrow", "stacked"}, {"wide", "side-by-side"}, {"story", "story-only"}, {"auto", "auto"},
	};
	for (size_t i = 0; i < sizeof lay / sizeof lay[0]; i++) {
		CHECK_INT(settings_set(&s, "layout", lay[i][0], err, sizeof err), 0);
		CHECK_STR(settings_get_str(&s, SET_layout), lay[i][1]);
	}
	CHECK_INT(settings_set(&s, "layout", "side by side", err, sizeof err), -1);
	CHECK_INT(settings_set(&s, "sort_order", "story", err, sizeof err), -1); /* layout's alone */
	settings_free(&s);

	/* settings_set as the command line uses it. */
	settings_init(&s);
	CHECK_INT(settings_set(&s, "refresh_on_startup", "true", err, sizeof err), 0);
	CHECK_INT(settings_get_bool(&s, SET_refresh_on_startup), 1);
	CHECK_INT(settings_set(&s, "max_transfers", "0", err, sizeof err), -1);
	CHECK(strstr(err, "max_transfers") != NULL);
	CHECK_INT(settings_set(&s, "max_transfers", " 5", err, sizeof err), -1);
	CHECK_INT(keys_name_valid("\xc3\xa9"), 1);
	CHECK_INT(keys_name_valid("\xc3"), 0);
	CHECK_INT(keys_name_valid("ab"), 0);
	CHECK_INT(keys_name_valid("F5"), 1);
	/* the names the help shows, as a keyboard has them, are keys too */
	CHECK_INT(keys_name_valid("PgDn"), 1);
	CHECK_INT(keys_name_valid("Shift-Tab"), 1);
	CHECK_INT(keys_name_valid("Ctrl-D"), 1);
	CHECK_INT(keys_name_valid("Ctrl-"), 0);
	CHECK_INT(keys_name_valid("Ctrl-DD"), 0);
	settings_free(&s);

	/* The one action lookup: names, aliases, dashes or underscores, nothing else. */
	CHECK_INT(keys_find_action("open_browser"), ACT_open_browser);
	CHECK_INT(keys_find_action("open-browser"), ACT_open_browser);
	CHECK_INT(keys_find_action("open-in-browser"), ACT_open_browser);
	CHECK_INT(keys_find_action("open_in_browser"), ACT_open_browser);
	CHECK_INT(keys_find_action("toggle-article-read"), ACT_toggle_read);
	CHECK_INT(keys_find_action("pagedown"), ACT_page_down);
	CHECK_INT(keys_find_action("page-down"), ACT_page_down);
	CHECK_INT(keys_find_action("open-in-browse"), ACT_NONE);
	CHECK_INT(keys_find_action("open_browser_"), ACT_NONE);
	CHECK_INT(keys_find_action("Open"), ACT_NONE);
	CHECK_INT(keys_find_action(""), ACT_NONE);
	/* every name and alias finds its own action: no alias shadows another action */
	for (i = 0; i < ACT_COUNT; i++) {
		char alias[64];
		const char *p = keys_table[i].aliases;
		CHECK_INT(keys_find_action(keys_table[i].name), (int)i);
		while (*p) {
			size_t n = strcspn(p, " ");
			snprintf(alias, sizeof alias, "%.*s", (int)n, p);
			if (keys_find_action(alias) != (enum action)i)
				fprintf(stderr, "alias %s does not find %s\n", alias, keys_table[i].name);
			CHECK(keys_find_action(alias) == (enum action)i);
			p += n + strspn(p + n, " ");
		}
	}

	reset();
	for (i = 0; i < 8; i++) {
		static const char *const leaves[] = {"good", "bad", "esc", "nowarn", "newsboat", "podcast",
						     "reload", "interval"};
		snprintf(want, sizeof want, "%s/%s", tmpdir, leaves[i]);
		unlink(want);
	}
	rmdir(tmpdir);
	return CHECK_DONE();
}
