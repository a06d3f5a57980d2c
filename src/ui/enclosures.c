/* enclosures: the keys for a story's enclosures. p plays or opens one with the player
 * setting (else the browser), fork and exec as o does; D downloads one into download_dir
 * in the background on the reader's fetcher (its own size limit, enclosure_max_size),
 * its progress on the status line. With several, the status line asks which. The listing under the story and the download itself are the core's (enclosure). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crier/enclosure.h"
#include "crier/feed.h"
#include "crier/settings.h"
#include "crier/story.h"
#include "ui/app.h"
#include "ui/ui.h"

struct ui_download {
	struct ui_download *next;
	struct app *app;
	struct enclosure_download *dl;
	char *name;
};

/* The open story's item when it has enclosures; NULL with a message when not. */
static const struct feed_item *story_item(struct app *a)
{
	const struct feed_item *it;
	if (a->view != VIEW_STORIES || !a->story) {
		app_msg(a, 1, "open a story first: p and D act on its enclosures");
		return NULL;
	}
	it = a->story->st->item;
	if (!it || !it->nenclosures) {
		app_msg(a, 1, "this story has no enclosure");
		return NULL;
	}
	return it;
}

/* Enclosure i of the open story, as p and D may use it. NULL with a message when not. */
static const struct feed_enclosure *usable_enclosure(struct app *a, size_t i)
{
	const struct feed_item *it = story_item(a);
	if (!it)
		return NULL;
	if (i >= it->nenclosures || !it->enclosures[i].url) {
		app_msg(a, 1, "no enclosure %zu: this story has %zu", i + 1, it->nenclosures);
		return NULL;
	}
	/* from the network: only http(s), and nothing a program takes for an option */
	if (!url_is_http(it->enclosures[i].url)) {
		app_msg(a, 1, "not opening an enclosure that is not http(s): %s", it->enclosures[i].url);
		return NULL;
	}
	return &it->enclosures[i];
}

static void play(struct app *a, const struct feed_enclosure *e);
static void download(struct app *a, const struct feed_enclosure *e);

static void act(struct app *a, int dl, size_t i)
{
	const struct feed_enclosure *e = usable_enclosure(a, i);
	if (!e)
		return;
	if (dl)
		download(a, e);
	else
		play(a, e);
}

/* p and D: the only enclosure at once; with several, the status line asks which (its
 * number as listed under the story). */
static void choose(struct app *a, int dl)
{
	const struct feed_item *it = story_item(a);
	if (!it)
		return;
	if (it->nenclosures == 1) {
		act(a, dl, 0);
		return;
	}
	a->encl_download = dl;
	snprintf(a->ask, sizeof a->ask, "%s which enclosure? (1-%zu, Esc cancels) ",
		 dl ? "Download" : "Play", it->nenclosures);
	a->prompting = 1;
	a->prompt_kind = PROMPT_ENCLOSURE;
	a->plen = 0;
	a->pbuf[0] = 0;
	a->dirty = 1;
}

void enclosure_prompt_key(struct app *a, int fn, wint_t c)
{
	const struct feed_item *it = a->story ? a->story->st->item : NULL;
	size_t n = it ? it->nenclosures : 0, v = 0;
	int enter = (!fn && (c == '\n' || c == '\r')) || (fn && c == KEY_ENTER);
	a->dirty = 1;
	if (!fn && c >= '0' && c <= '9' && a->plen < 6) {
		a->pbuf[a->plen++] = (wchar_t)c;
		a->pbuf[a->plen] = 0;
	} else if (((fn && c == KEY_BACKSPACE) || (!fn && (c == 127 || c == 8))) && a->plen) {
		a->pbuf[--a->plen] = 0;
		return;
	} else if (!enter) {
		a->prompting = 0;
		app_msg(a, 0, "no enclosure chosen");
		return;
	}
	for (int i = 0; i < a->plen; i++)
		v = v * 10 + (size_t)(a->pbuf[i] - '0');
	/* a number that cannot grow into another enclosure's is taken at once */
	if (!enter && v * 10 <= n && v != 0)
		return;
	a->prompting = 0;
	if (!a->plen) {
		app_msg(a, 0, "no enclosure chosen");
		return;
	}
	if (v < 1 || v > n) {
		app_msg(a, 1, "no enclosure %zu: this story has %zu", v, n);
		return;
	}
	act(a, a->encl_download, v - 1);
}

void enclosure_play(struct app *a)
{
	choose(a, 0);
}

void enclosure_download(struct app *a)
{
	choose(a, 1);
}

static void play(struct app *a, const struct feed_enclosure *e)
{
	const char *player;
	char err[CRIER_ERRSZ] = "", *u;
	int rc;
	player = settings_get_str(&a->set, SET_player);
	if (!*player)
		player = browser_command(settings_get_str(&a->set, SET_browser));
	u = xstrdup(e->url);
	def_prog_mode();
	endwin();
	rc = browser_run(player, u, err, sizeof err);
	reset_prog_mode();
	refresh();
	if (rc < 0)
		app_msg(a, 1, "%s", err);
	else if (rc > 0)
		app_msg(a, 1, "the player exited with status %d", rc);
	else
		app_msg(a, 0, "played %s", u);
	free(u);
	clearok(curscr, TRUE);
	a->dirty = 1;
}

static void download_done(void *ctx, const char *url, const char *path, const char *err)
{
	struct ui_download *d = ctx, **pp;
	struct app *a = d->app;
	for (pp = &a->downloads; *pp; pp = &(*pp)->next)
		if (*pp == d) {
			*pp = d->next;
			break;
		}
	if (path) {
		app_msg(a, 0, "saved %s", path);
	} else {
		app_error_add(a, url, err);
		app_msg(a, 1, "%s", err);
	}
	free(d->name);
	free(d);
	a->dirty = 1;
}

/* download_dir with a leading ~/ made the home directory. The caller frees. */
static char *download_dir(struct app *a)
{
	const char *dir = settings_get_str(&a->set, SET_download_dir);
	const char *home = getenv("HOME");
	struct sbuf b = SBUF_INIT;
	if ((strcmp(dir, "~") == 0 || strncmp(dir, "~/", 2) == 0) && home && *home)
		sbuf_printf(&b, "%s%s", home, dir + 1);
	else
		sbuf_adds(&b, dir);
	return sbuf_steal(&b);
}

static void download(struct app *a, const struct feed_enclosure *e)
{
	struct ui_download *d;
	char err[CRIER_ERRSZ], *dir;
	dir = download_dir(a);
	d = xcalloc(1, sizeof *d);
	d->app = a;
	d->name = enclosure_file_name(e->url);
	d->dl = enclosure_download_start(a->fetch, e->url, dir,
					 settings_get_int(&a->set, SET_enclosure_max_size),
					 download_done, d, err, sizeof err);
	if (!d->dl) {
		app_msg(a, 1, "%s", err);
		free(d->name);
		free(d);
	} else {
		d->next = a->downloads;
		a->downloads = d;
		app_msg(a, 0, "downloading %s into %s", d->name, dir);
	}
	free(dir);
	a->dirty = 1;
}

void enclosure_status(struct app *a, struct sbuf *b)
{
	const struct ui_download *d;
	size_t n = 0;
	long long bytes = 0;
	for (d = a->downloads; d; d = d->next) {
		n++;
		bytes += enclosure_download_bytes(d->dl);
	}
	if (n == 1)
		sbuf_printf(b, "  downloading %s: %.1f MB", a->downloads->name, (double)bytes / 1e6);
	else if (n > 1)
		sbuf_printf(b, "  downloading %zu files: %.1f MB", n, (double)bytes / 1e6);
}

void enclosure_cancel_all(struct app *a)
{
	while (a->downloads) {
		struct ui_download *d = a->downloads;
		a->downloads = d->next;
		enclosure_download_cancel(a->fetch, d->dl);
		free(d->name);
		free(d);
	}
}
