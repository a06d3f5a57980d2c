/* Unit tests of the terminal side that need no terminal: the key table and bind-key,
 * the layout at every size, and drawing hostile or wide text into a curses window. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crier/render.h"
#include "crier/util.h"
#include "ui/ui.h"
#include "check.h"

static enum action lookup(const struct keymap *km, int fn, int code, int *arg)
{
	struct keycode k = {fn, code};
	return keymap_lookup(km, k, arg);
}

static void test_keys(void)
{
	struct keymap km;
	keymap_init(&km);
	int arg = 0;
	CHECK_INT(lookup(&km, 0, 'j', NULL), ACT_down);
	CHECK_INT(lookup(&km, 1, KEY_DOWN, NULL), ACT_down);
	CHECK_INT(lookup(&km, 0, '\r', NULL), ACT_open);
	CHECK_INT(lookup(&km, 0, '\n', NULL), ACT_open);
	CHECK_INT(lookup(&km, 1, KEY_BACKSPACE, NULL), ACT_back);
	CHECK_INT(lookup(&km, 0, 127, NULL), ACT_back);
	CHECK_INT(lookup(&km, 1, KEY_BTAB, NULL), ACT_prev_pane);
	CHECK_INT(lookup(&km, 0, ' ', NULL), ACT_page_down);
	CHECK_INT(lookup(&km, 0, '?', NULL), ACT_help);
	CHECK_INT(lookup(&km, 0, 'q', NULL), ACT_quit);
	CHECK_INT(lookup(&km, 0, '7', &arg), ACT_follow_link);
	CHECK_INT(arg, 7);
	CHECK_INT(lookup(&km, 0, 'Z', NULL), ACT_NONE);

	/* every default key of the table parses, so the help shows every action bound */
	for (int a = 0; a < ACT_COUNT; a++) {
		char buf[128];
		keymap_describe(&km, (enum action)a, buf, sizeof buf);
		if (!buf[0])
			fprintf(stderr, "action %s has no key\n", keys_table[a].name);
		CHECK(buf[0] != 0);
	}
	char buf[128];
	/* the help names keys as the keyboard and the README do */
	keymap_describe(&km, ACT_open, buf, sizeof buf);
	CHECK_STR(buf, "Enter l Right");
	keymap_describe(&km, ACT_back, buf, sizeof buf);
	CHECK_STR(buf, "h Backspace Left");
	keymap_describe(&km, ACT_prev_pane, buf, sizeof buf);
	CHECK_STR(buf, "Shift-Tab");
	keymap_describe(&km, ACT_page_down, buf, sizeof buf);
	CHECK_STR(buf, "Space PgDn");
	keymap_describe(&km, ACT_page_up, buf, sizeof buf);
	CHECK_STR(buf, "b PgUp");
	keymap_describe(&km, ACT_top, buf, sizeof buf);
	CHECK_STR(buf, "g Home");

	/* bind-key: the key moves to its new action, newsboat's dashes accepted */
	char err[CRIER_ERRSZ];
	CHECK_INT(keymap_bind(&km, "x", "open-browser", err, sizeof err), 0);
	CHECK_INT(lookup(&km, 0, 'x', NULL), ACT_open_browser);
	CHECK_INT(keymap_bind(&km, "j", "up", err, sizeof err), 0);
	CHECK_INT(lookup(&km, 0, 'j', NULL), ACT_up);
	CHECK_INT(keymap_bind(&km, "^N", "down", err, sizeof err), 0);
	CHECK_INT(lookup(&km, 0, 14, NULL), ACT_down);
	CHECK_INT(keymap_bind(&km, "PPAGE", "top", err, sizeof err), 0);
	CHECK_INT(lookup(&km, 1, KEY_PPAGE, NULL), ACT_top);
	/* ... and the names the help shows are taken too */
	CHECK_INT(keymap_bind(&km, "PgDn", "bottom", err, sizeof err), 0);
	CHECK_INT(lookup(&km, 1, KEY_NPAGE, NULL), ACT_bottom);
	CHECK_INT(keymap_bind(&km, "Shift-Tab", "next_pane", err, sizeof err), 0);
	CHECK_INT(lookup(&km, 1, KEY_BTAB, NULL), ACT_next_pane);
	CHECK_INT(keymap_bind(&km, "Ctrl-D", "page_down", err, sizeof err), 0);
	CHECK_INT(lookup(&km, 0, 4, NULL), ACT_page_down);
	keymap_describe(&km, ACT_page_down, buf, sizeof buf);
	CHECK_STR(buf, "Space Ctrl-D");
	CHECK_INT(keymap_bind(&km, "Ctrl-", "up", err, sizeof err), -1);
	CHECK_INT(keymap_bind(&km, "y", "no-such-action", err, sizeof err), -1);
	CHECK(strstr(err, "no-such-action") != NULL);
	CHECK_INT(keymap_bind(&km, "NOTAKEY", "up", err, sizeof err), -1);
	CHECK(strstr(err, "NOTAKEY") != NULL);
	keymap_free(&km);
}

static int inside(const struct rect *r, int rows, int cols)
{
	return !r->h || (r->y >= 0 && r->x >= 0 && r->y + r->h <= rows && r->x + r->w <= cols);
}

static int overlap(const struct rect *a, const struct rect *b)
{
	if (!a->h || !b->h)
		return 0;
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void test_layout(void)
{
	struct layout l;
	/* every size, every mode: panes inside the screen and apart */
	for (int rows = 1; rows <= 60; rows++) {
		for (int cols = 1; cols <= 200; cols += (cols < 40 ? 1 : 7)) {
			for (int mode = 0; mode < 4; mode++) {
				for (int open = 0; open < 2; open++) {
					layout_compute(&l, rows, cols, (enum layout_mode)mode, open, 3, 4, 80);
					const struct rect *rs[] = {&l.list, &l.body, &l.captions, &l.more, &l.status};
					for (int i = 0; i < 5; i++) {
						if (!inside(rs[i], rows, cols)) {
							fprintf(stderr, "pane %d outside at %dx%d\n", i, cols, rows);
							CHECK(0);
						}
						for (int j = i + 1; j < 5; j++)
							if (overlap(rs[i], rs[j])) {
								fprintf(stderr, "panes %d %d overlap at %dx%d\n", i, j, cols, rows);
								CHECK(0);
							}
					}
					CHECK(l.status.h == 1 && l.status.y == rows - 1);
				}
			}
		}
	}
	/* wide: list on the left, body on the right with captions beside, more-from under */
	layout_compute(&l, 48, 160, LAYOUT_AUTO, 1, 2, 3, 80);
	CHECK(l.wide);
	CHECK(l.list.x == 0 && l.list.h == 47);
	CHECK(l.body.x > l.list.x + l.list.w - 1 && l.body.y == 0);
	CHECK(l.captions.h > 0 && l.captions.x > l.body.x && l.captions.y == 0);
	CHECK(l.more.h > 0 && l.more.y > l.body.y && l.more.x == l.body.x);
	/* 80x24: list above, story below, captions as a strip under the body */
	layout_compute(&l, 24, 80, LAYOUT_AUTO, 1, 2, 3, 80);
	CHECK(!l.wide);
	CHECK(l.list.y == 0 && l.list.w == 80);
	CHECK(l.body.y >= l.list.h && l.body.w == 80);
	CHECK(l.captions.h > 0 && l.captions.y > l.body.y);
	CHECK(l.more.h > 0);
	/* growing the strips for a tall caption or a focused more-from list: panes stay
	 * inside and apart at every size, the body keeps its minimum */
	for (int rows = 1; rows <= 60; rows++) {
		for (int cols = 1; cols <= 200; cols += (cols < 40 ? 1 : 7)) {
			for (int mode = 0; mode < 3; mode++) {
				layout_compute(&l, rows, cols, (enum layout_mode)mode, 1, 3, 4, 80);
				int body0 = l.body.h;
				layout_grow(&l, 9, 12);
				const struct rect *rs[] = {&l.list, &l.body, &l.captions, &l.more, &l.status};
				for (int i = 0; i < 5; i++) {
					CHECK(inside(rs[i], rows, cols));
					for (int j = i + 1; j < 5; j++)
						CHECK(!overlap(rs[i], rs[j]));
				}
				CHECK(l.body.h == body0 || l.body.h >= LAYOUT_BODY_MIN);
			}
		}
	}
	layout_compute(&l, 24, 80, LAYOUT_AUTO, 1, 3, 3, 80);
	int cap0 = l.captions.h, more0 = l.more.h, body0 = l.body.h;
	layout_grow(&l, cap0 + 2, 0);
	CHECK_INT(l.captions.h, cap0 + 2);  /* a caption with its credit gets its rows */
	CHECK_INT(l.body.h, body0 - 2);     /* from the body */
	CHECK(l.captions.y == l.body.y + l.body.h && l.more.y == l.captions.y + l.captions.h);
	CHECK_INT(l.more.h, more0);
	layout_grow(&l, 0, 40);
	CHECK_INT(l.body.h, LAYOUT_BODY_MIN); /* never below its minimum */
	CHECK(l.more.y + l.more.h == l.status.y);
	/* the story gets the room at each size; the list keeps a useful minimum */
	layout_compute(&l, 24, 80, LAYOUT_AUTO, 1, 2, 3, 80);
	CHECK(l.list.h >= 4 && l.list.h <= 6);   /* a header and 3-5 stories */
	CHECK(l.body.h >= 10);                    /* was 6 rows */
	CHECK_INT(l.captions.h, 3);               /* as tall as its 2 rows, no more */
	CHECK_INT(l.more.h, 4);
	layout_compute(&l, 30, 100, LAYOUT_AUTO, 1, 2, 3, 80);
	CHECK(l.body.h >= 14 && l.list.h >= 5);
	layout_compute(&l, 48, 160, LAYOUT_AUTO, 1, 6, 20, 80);
	CHECK_INT(l.text_w, 80);                  /* the whole measure beside the captions */
	CHECK(l.list.w >= 45 && l.captions.w >= 24);
	CHECK(l.body.h >= 47 * 3 / 4 - 1);        /* more-from takes at most a quarter */
	layout_compute(&l, 60, 200, LAYOUT_AUTO, 1, 6, 20, 80);
	CHECK_INT(l.text_w, 80);
	CHECK_INT(l.captions.w, 40);
	CHECK(l.list.w >= 70);
	layout_compute(&l, 24, 80, LAYOUT_STORY, 1, 2, 3, 80);
	CHECK(l.body.h == 23 && !l.list.h && !l.captions.h && !l.more.h);
	/* a page that brings captions moves no body text: same place, same wrap width,
	 * at every size and mode */
	for (int rows = 1; rows <= 70; rows++) {
		for (int cols = 1; cols <= 220; cols += (cols < 40 ? 1 : 3)) {
			for (int mode = 0; mode < 4; mode++) {
				for (int tw = 0; tw <= 80; tw += 40) {
					struct layout l0, l1;
					layout_compute(&l0, rows, cols, (enum layout_mode)mode, 1, 0, 0, tw);
					layout_compute(&l1, rows, cols, (enum layout_mode)mode, 1, 5, 0, tw);
					if (l0.body.y != l1.body.y || l0.body.x != l1.body.x || l0.text_w != l1.text_w) {
						fprintf(stderr, "body moves at %dx%d mode %d tw %d\n", cols, rows, mode, tw);
						CHECK(0);
					}
					CHECK(!l1.body.h || l1.text_w <= l1.body.w - 1 || l1.body.w <= 1);
				}
			}
		}
	}
	/* nothing open: the list takes the screen */
	layout_compute(&l, 24, 80, LAYOUT_AUTO, 0, 0, 0, 80);
	CHECK(l.list.h == 23 && !l.body.h);
}

static void row_text(WINDOW *w, int y, char *out, size_t n)
{
	wchar_t wbuf[256];
	int cols = getmaxx(w);
	int got = mvwinnwstr(w, y, 0, wbuf, cols < 255 ? cols : 255);
	if (got < 0)
		got = 0;
	wbuf[got] = 0;
	size_t r = wcstombs(out, wbuf, n);
	if (r == (size_t)-1)
		out[0] = 0;
	out[n - 1] = 0;
}

static void test_draw(void)
{
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (!scr) {
		fprintf(stderr, "no xterm-256color terminfo: drawing not tested\n");
		return;
	}
	WINDOW *w = newwin(4, 20, 0, 0);
	char row[512];
	/* an ESC sequence and C1 controls become nothing */
	int used = draw_text(w, 0, 0, "A\x1b[2Jb\xc2\x9b" "c\x07", 20);
	CHECK_INT(used, 6); /* A [2Jb c */
	row_text(w, 0, row, sizeof row);
	CHECK(strncmp(row, "A[2Jbc", 6) == 0);
	CHECK(strchr(row, 0x1b) == NULL);
	/* CJK: two columns each, cut before a character that would not fit */
	used = draw_text(w, 1, 0, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5);
	CHECK_INT(used, 4);
	CHECK_INT(text_cols("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), 6);
	/* a combining accent takes no column */
	CHECK_INT(text_cols("e\xcc\x81t\xc3\xa9"), 3);
	/* never past the window, never at a bad position */
	used = draw_text(w, 2, 15, "0123456789", 10);
	CHECK_INT(used, 5);
	CHECK_INT(draw_text(w, 9, 0, "x", 5), 0);
	CHECK_INT(draw_text(w, 0, -1, "x", 5), 0);
	/* invalid UTF-8 is skipped */
	CHECK_INT(text_cols("a\xff\xfe" "b"), 2);
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* One width: what the renderer wraps by, what the interface measures a column by and
 * where curses puts the next character agree, emoji included (a column that drifted by
 * one after a thermometer emoji was the bug). */
static void test_widths(void)
{
	static const char *const samples[] = {
		"\xf0\x9f\x8c\xa1 Frost",       /* U+1F321 thermometer: one column in glibc */
		"\xf0\x9f\x8c\xb6 peppers",     /* U+1F336 */
		"\xe2\x98\x80 sun",              /* U+2600 */
		"\xf0\x9f\x98\x80 smile",       /* U+1F600: two columns */
		"\xf0\x9f\xa7\xa1 heart",       /* U+1F9E1 */
		"\xe6\x97\xa5\xe6\x9c\xac",   /* CJK */
		"cafe\xcc\x81",                   /* a combining accent */
	};
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (!scr) {
		fprintf(stderr, "no xterm-256color terminfo: widths not tested\n");
		fclose(out);
		fclose(in);
		return;
	}
	WINDOW *w = newwin(2, 40, 0, 0);
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		int cols = text_width(samples[i]);
		if (text_cols(samples[i]) != cols)
			fprintf(stderr, "sample %zu: the interface and the renderer disagree\n", i);
		CHECK_INT(text_cols(samples[i]), cols);
		werase(w);
		int used = draw_text(w, 0, 0, samples[i], 40);
		CHECK_INT(used, cols);
		CHECK_INT(getcurx(w), cols); /* curses put the next column where we think */
		/* wrapped by the renderer to the width it measured: one line, nothing cut */
		struct render_doc *d = xcalloc(1, sizeof *d);
		render_wrap(d, samples[i], cols, "", "", RENDER_TEXT);
		CHECK_INT(d->nlines, 1);
		if (d->nlines)
			CHECK_STR(d->lines[0].text, samples[i]);
		render_doc_free(d);
	}
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* The browser setting is split as the config file splits: a quoted program path with a
 * space stays one word, %u places the URL, and the URL is one argument. */
static void test_browser(void)
{
	char dir[200], prog[260], out[260], cmd[700], got[600] = "", err[CRIER_ERRSZ];
	const char *tmp = getenv("TMPDIR");
	FILE *f;
	snprintf(dir, sizeof dir, "%s/crier browser %ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	snprintf(prog, sizeof prog, "%s/br", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	CHECK_INT(mkdir(dir, 0700), 0);
	f = fopen(prog, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fprintf(f, "#!/bin/sh\nprintf '%%s|%%s|%%s' \"$#\" \"$1\" \"$2\" >'%s'\n", out);
	fclose(f);
	chmod(prog, 0700);
	snprintf(cmd, sizeof cmd, "\"%s\" --new-tab %%u", prog);
	CHECK_INT(browser_run(cmd, "https://x.example/?q=a b;$(id)", err, sizeof err), 0);
	f = fopen(out, "r");
	CHECK(f != NULL);
	if (f) {
		CHECK(fgets(got, sizeof got, f) != NULL);
		fclose(f);
	}
	CHECK_STR(got, "2|--new-tab|https://x.example/?q=a b;$(id)");
	/* an unclosed quote is an error naming the command, and runs nothing */
	CHECK_INT(browser_run("\"/bin/true", "https://x.example/", err, sizeof err), -1);
	CHECK(strstr(err, "browser command") != NULL);
	unlink(out);
	unlink(prog);
	rmdir(dir);
}

/* A message too long for the status line: the URL gives way first (its host stays, never
 * its user), so crier's own sentence and the reason's end are what the reader sees. */
static void test_msg_fit(void)
{
	static const char tls[] = "https://127.0.0.1:8731/pages/notices/harbourmaster/"
		"tide-tables-for-the-winter-months.html: the server does not speak HTTPS: "
		"OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number";
	char *m = msg_fit(tls, 78);
	CHECK(text_cols(m) <= 78);
	CHECK(strncmp(m, "https://127.0.0.1:8731/", 23) == 0);
	CHECK(strstr(m, ": the server does not speak HTTPS") != NULL);
	CHECK(strstr(m, "version number") != NULL);
	free(m);
	/* wider: the whole reason, and of the URL its host and as much of its end as fits */
	m = msg_fit(tls, 150);
	CHECK(text_cols(m) <= 150);
	CHECK(strncmp(m, "https://127.0.0.1:8731/\xe2\x80\xa6", 26) == 0);
	CHECK(strstr(m, "winter-months.html: the server does not speak HTTPS: OpenSSL/3.0.19: "
		     "error:0A00010B:SSL routines::wrong version number") != NULL);
	free(m);
	/* what fits is left alone */
	m = msg_fit(tls, 200);
	CHECK_STR(m, tls);
	free(m);
	/* a user in the URL, hidden or not, is no part of the shortened URL */
	static const char pw[] = "http://moor:tidepass@127.0.0.1:9/notices/harbourmaster/"
		"winter-moorings-for-the-small-boats-of-the-estuary.html: Couldn't connect to server";
	m = msg_fit(pw, 60);
	CHECK(text_cols(m) <= 60);
	CHECK(strstr(m, "tidepass") == NULL && strstr(m, "moor:") == NULL);
	CHECK(strncmp(m, "http://127.0.0.1:9/\xe2\x80\xa6", 22) == 0);
	CHECK(strstr(m, "Couldn't connect to server") != NULL);
	free(m);
	/* words before the URL stay; a message with no URL keeps its start and end */
	static const char named[] = "Kelde Gazette: https://news.kelde.example/feeds/all/"
		"everything.xml: timed out (Operation timed out after 30001 milliseconds)";
	m = msg_fit(named, 70);
	CHECK(text_cols(m) <= 70);
	CHECK(strncmp(m, "Kelde Gazette: https://news.kelde.example/", 42) == 0);
	CHECK(strstr(m, ": timed out") != NULL && strstr(m, "milliseconds)") != NULL);
	free(m);
	/* a prompt longer than the line: its end, where the cursor is */
	m = text_tail("/harbour ferry timetable winter moorings ENDWORD", 20);
	CHECK_STR(m, "\xe2\x80\xa6" "er moorings ENDWORD");
	free(m);
	m = text_tail("/ferry", 20);
	CHECK_STR(m, "/ferry");
	free(m);
	m = msg_fit("the Kelde Gazette could not be saved because the cache's disk is full", 30);
	CHECK(text_cols(m) <= 30);
	CHECK(strncmp(m, "the Kelde Gazette", 14) == 0);
	CHECK(strstr(m, "disk is full") != NULL);
	free(m);
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	test_keys();
	test_layout();
	test_draw();
	test_widths();
	test_msg_fit();
	test_browser();
	return CHECK_DONE();
}
