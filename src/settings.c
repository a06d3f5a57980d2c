/* settings: the settings table, and the config file reader (newsboat-like syntax:
 * "name value", "bind-key KEY ACTION", # comments). */
#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crier/keys.h"
#include "crier/settings.h"
#include "crier/util.h"

#define X(name, type, def, lo, hi, desc) {#name, SETTING_##type, def, lo, hi, desc},
const struct setting_def settings_table[SET_COUNT] = {CRIER_SETTINGS(X)};
#undef X
const size_t settings_count = SET_COUNT;

/* newsboat commands and settings a copied newsboat config is likely to hold: named as
 * such in the warning, so the user knows the line is understood but has no equivalent. */
static const char *const newsboat_only[] = {
	"unbind-key", "macro", "highlight", "highlight-article", "highlight-feed",
	"define-filter", "ignore-article", "ignore-mode", "include", "run-on-startup",
	"articlelist-format", "feedlist-format", "datetime-format", "auto-reload",
	"reload-time", "reload-threads", "notify-program", "notify-always", "pager",
	"html-renderer", "podcast-auto-enqueue", "cookie-cache",
	"bookmark-cmd", "external-url-viewer", "save-path", "show-read-feeds",
	"show-read-articles", "max-items", "keep-articles-days",
	"text-width", "goto-next-feed", "article-sort-order", "feed-sort-order",
};

/* newsboat names of settings crier has under another name: the same thing. */
static const struct { const char *newsboat, *crier; } aliases[] = {
	{"confirm-exit", "confirm_quit"},
	{"download-path", "download_dir"},
	/* the name issue 13 asked for (newsboat's is refresh-on-startup) */
	{"reload-on-startup", "refresh_on_startup"},
	{"reload_on_startup", "refresh_on_startup"},
};

/* Config files are small; a larger one is a mistake, not a config. */
#define CONFIG_MAX (1024 * 1024)

const struct setting_def *settings_find(const char *name)
{
	size_t i;
	for (i = 0; i < settings_count; i++)
		if (strcmp(settings_table[i].name, name) == 0)
			return &settings_table[i];
	return NULL;
}

int settings_enum_has(const struct setting_def *d, const char *value)
{
	const char *p = d->description, *end = strchr(p, ':');
	size_t n = strlen(value);
	if (!end || !n)
		return 0;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *stop = bar ? bar : end;
		if ((size_t)(stop - p) == n && memcmp(p, value, n) == 0)
			return 1;
		p = stop + 1;
	}
	return 0;
}

void settings_init(struct settings *s)
{
	char err[CRIER_ERRSZ];
	size_t i;
	memset(s, 0, sizeof *s);
	/* Through the checks a config line meets: test_settings sees every default pass. */
	for (i = 0; i < SET_COUNT; i++)
		settings_set(s, settings_table[i].name, settings_table[i].def, err, sizeof err);
}

/* "N" (minutes), "Ns", "Nm", "Nh" or "Nd" to seconds in *out. 0 (with any unit) is off;
 * anything else must be within d's lo..hi seconds: a shorter interval is refused, not
 * raised to the shortest, so the user sees that the line did not do what it said. */
static int duration_parse(const struct setting_def *d, const char *value, long *out,
			  char *err, size_t errsz)
{
	static const struct { char unit; long secs; } units[] = {
		{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400},
	};
	char *end;
	long n, mul = 60;
	size_t i;
	errno = 0;
	n = strtol(value, &end, 10);
	if (!isdigit((unsigned char)*value) || errno || n > LONG_MAX / 86400)
		goto bad;
	if (*end) {
		for (i = 0; i < sizeof units / sizeof units[0]; i++)
			if (*end == units[i].unit)
				break;
		if (i == sizeof units / sizeof units[0] || end[1])
			goto bad;
		mul = units[i].secs;
	}
	n *= mul;
	if (n != 0 && (n < d->lo || n > d->hi)) {
		err_set(err, errsz, "%s: '%s' is %s (%lds to %ldd; 0 turns it off)", d->name, value,
			n < d->lo ? "too short" : "too long", d->lo, d->hi / 86400);
		return -1;
	}
	*out = n;
	return 0;
bad:
	err_set(err, errsz, "%s: '%s' is not a time (a number of minutes, or with a unit: 90s, 5m, 2h, 1d)",
		d->name, value);
	return -1;
}

/* Values that were renamed: a config file written for an older crier still works, its
 * value kept under the new name. */
static const struct { enum setting_id id; const char *old, *now; } enum_renamed[] = {
	{SET_layout, "narrow", "stacked"},
	{SET_layout, "wide", "side-by-side"},
	{SET_layout, "story", "story-only"},
};

int settings_set(struct settings *s, const char *name, const char *value, char *err, size_t errsz)
{
	const struct setting_def *d = settings_find(name);
	long num = 0;
	if (!d) {
		err_set(err, errsz, "unknown setting '%s'", name);
		return -1;
	}
	switch (d->type) {
	case SETTING_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
			num = 1;
		else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0)
			num = 0;
		else {
			err_set(err, errsz, "%s: '%s' is not yes, no, true or false", name, value);
			return -1;
		}
		break;
	case SETTING_INT: {
		char *end;
		long n, lo = d->lo, hi = d->hi;
		errno = 0;
		n = strtol(value, &end, 10);
		if (!*value || *end || errno || isspace((unsigned char)*value)) {
			err_set(err, errsz, "%s: '%s' is not a whole number", name, value);
			return -1;
		}
		if (n < lo || n > hi) {
			err_set(err, errsz, "%s: %ld is out of range (%ld to %ld)", name, n, lo, hi);
			return -1;
		}
		num = n;
		break;
	}
	case SETTING_DURATION:
		if (duration_parse(d, value, &num, err, errsz) != 0)
			return -1;
		break;
	case SETTING_ENUM:
		for (size_t i = 0; i < sizeof enum_renamed / sizeof enum_renamed[0]; i++)
			if (&settings_table[enum_renamed[i].id] == d && strcmp(value, enum_renamed[i].old) == 0)
				value = enum_renamed[i].now;
		if (!settings_enum_has(d, value)) {
			const char *colon = strchr(d->description, ':');
			int len = colon ? (int)(colon - d->description) : 0;
			err_set(err, errsz, "%s: '%s' is not one of %.*s", name, value, len, d->description);
			return -1;
		}
		break;
	case SETTING_STR:
		break;
	}
	if (d->type == SETTING_STR || d->type == SETTING_ENUM) {
		free(s->str[d - settings_table]);
		s->str[d - settings_table] = xstrdup(value);
	} else {
		s->num[d - settings_table] = num;
	}
	return 0;
}

/* Splits a line into words: blanks separate them, "double quotes" group (with \" and \\),
 * an unquoted # starts a comment. Returns the word count, or -1 with err. */
int settings_split_words(char *line, char **w, int max, char *err, size_t errsz)
{
	int n = 0;
	char *p = line, *o;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max) {
			err_set(err, errsz, "too many words (quote a value that has spaces)");
			return -1;
		}
		w[n++] = o = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p) {
					err_set(err, errsz, "missing closing quote");
					return -1;
				}
				if (*p == '"') {
					p++;
					break;
				}
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*o++ = *p++;
			}
			if (*p && *p != ' ' && *p != '\t' && *p != '\r') {
				err_set(err, errsz, "text right after a closing quote");
				return -1;
			}
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\r')
				*o++ = *p++;
		}
		if (*p)
			p++;
		*o = '\0';
	}
}

static void report(void (*warn)(void *, const char *), void *ctx, const char *path, int line, const char *why)
{
	struct sbuf b = SBUF_INIT;
	if (!warn)
		return;
	if (line > 0)
		sbuf_printf(&b, "%s:%d: %s", path, line, why);
	else
		sbuf_printf(&b, "%s: %s", path, why);
	text_clean_line(b.s);
	warn(ctx, b.s);
	sbuf_free(&b);
}

static void load_line(struct settings *s, char *text, const char *path, int lineno,
		      void (*warn)(void *, const char *), void *ctx)
{
	char *w[16], err[CRIER_ERRSZ], name[64];
	int n = settings_split_words(text, w, 16, err, sizeof err);
	size_t i;

	if (n < 0)
		goto bad;
	if (n == 0)
		return;
	if (strcmp(w[0], "bind-key") == 0) {
		/* newsboat allows a fourth word, the dialog the binding is for; crier's keys
		 * act the same in every view, so it is read and ignored. */
		if (n != 3 && n != 4) {
			err_set(err, sizeof err, "bind-key wants a key and an action");
			goto bad;
		}
		if (!keys_name_valid(w[1])) {
			err_set(err, sizeof err, "bind-key: unknown key '%s'", w[1]);
			goto bad;
		}
		if (keys_find_action(w[2]) == ACT_NONE) {
			err_set(err, sizeof err, "bind-key: unknown action '%s'", w[2]);
			goto bad;
		}
		s->binds = xrealloc(s->binds, (s->nbinds + 1) * sizeof *s->binds);
		s->binds[s->nbinds].key = xstrdup(w[1]);
		s->binds[s->nbinds].action = xstrdup(w[2]);
		s->binds[s->nbinds].line = lineno;
		s->nbinds++;
		return;
	}
	/* newsboat writes names with dashes (refresh-on-startup): accept both spellings. */
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(w[0], aliases[i].newsboat) == 0)
			w[0] = (char *)aliases[i].crier;
	for (i = 0; w[0][i] && i < sizeof name - 1; i++)
		name[i] = w[0][i] == '-' ? '_' : w[0][i];
	name[i] = '\0';
	if (w[0][i] || !settings_find(name)) {
		for (i = 0; i < sizeof newsboat_only / sizeof newsboat_only[0]; i++)
			if (strcmp(w[0], newsboat_only[i]) == 0)
				break;
		if (i < sizeof newsboat_only / sizeof newsboat_only[0])
			err_set(err, sizeof err, "'%s' is a newsboat setting crier does not have (see crier.conf(5))", w[0]);
		else
			err_set(err, sizeof err, "unknown setting '%.60s'", w[0]);
		goto bad;
	}
	if (strcmp(name, "color") == 0 && n > 2) {
		err_set(err, sizeof err, "color takes yes or no; newsboat's colour lines are not read");
		goto bad;
	}
	if (n != 2) {
		err_set(err, sizeof err, n < 2 ? "%s wants a value" : "%s wants one value (quote a value that has spaces)", name);
		goto bad;
	}
	if (settings_set(s, name, w[1], err, sizeof err) == 0)
		return;
bad:
	report(warn, ctx, path, lineno, err);
}

int settings_load(struct settings *s, const char *path, int optional,
		  void (*warn)(void *ctx, const char *msg), void *ctx)
{
	struct sbuf text = SBUF_INIT;
	char err[CRIER_ERRSZ], *p, *nl;
	int lineno = 0;

	if (optional) {
		FILE *f = fopen(path, "r");
		if (!f && errno == ENOENT)
			return 0;
		if (f)
			fclose(f);
	}
	if (file_read_all(path, CONFIG_MAX, &text, err, sizeof err) != 0) {
		if (warn)
			warn(ctx, err);
		sbuf_free(&text);
		return -1;
	}
	if (warn && file_others_can_write(path, err, sizeof err))
		warn(ctx, err); /* the browser setting runs a program */
	free(s->path);
	s->path = xstrdup(path);
	for (p = text.s; p && *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		load_line(s, p, path, lineno, warn, ctx);
		if (!nl)
			break;
	}
	sbuf_free(&text);
	return 0;
}

long settings_get_int(const struct settings *s, enum setting_id id)
{
	assert(id >= 0 && id < SET_COUNT && settings_table[id].type == SETTING_INT);
	return s->num[id];
}

int settings_get_bool(const struct settings *s, enum setting_id id)
{
	assert(id >= 0 && id < SET_COUNT && settings_table[id].type == SETTING_BOOL);
	return s->num[id] != 0;
}

long settings_get_seconds(const struct settings *s, enum setting_id id)
{
	assert(id >= 0 && id < SET_COUNT && settings_table[id].type == SETTING_DURATION);
	return s->num[id];
}

const char *settings_get_str(const struct settings *s, enum setting_id id)
{
	assert(id >= 0 && id < SET_COUNT &&
	       (settings_table[id].type == SETTING_STR || settings_table[id].type == SETTING_ENUM));
	return s->str[id] ? s->str[id] : "";
}

void settings_free(struct settings *s)
{
	size_t i;
	for (i = 0; i < SET_COUNT; i++)
		free(s->str[i]);
	for (i = 0; i < s->nbinds; i++) {
		free(s->binds[i].key);
		free(s->binds[i].action);
	}
	free(s->binds);
	free(s->path);
	memset(s, 0, sizeof *s);
}
