/* enclosures: the keys for a story's enclosures. p plays or opens the first one with the
 * player setting (else the browser), fork and exec as o does; D downloads it into
 * download_dir in the background on the reader's fetcher, its progress on the status
 * line. The listing under the story and the download itself are the core's (enclosure). */
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

/* The enclosure p and D act on: the open story's first. NULL with a message when none. */
static const struct feed_enclosure *first_enclosure(struct app *a)
{
	const struct feed_item *it;
	if (a->view != VIEW_STORIES || !a->story) {
		app_msg(a, 1, "open a story first: p and D act on its enclosure");
		return NULL;
	}
	it = a->story->st->item;
	if (!it || !it->nenclosures || !it->enclosures[0].url) {
		app_msg(a, 1, "this story has no enclosure");
		return NULL;
	}
	/* from the network: only http(s), and nothing a program takes for an option */
	if (!url_is_http(it->enclosures[0].url)) {
		app_msg(a, 1, "not opening an enclosure that is not http(s): %s", it->enclosures[0].url);
		return NULL;
	}
	return &it->enclosures[0];
}

void enclosure_play(struct app *a)
{
	const struct feed_enclosure *e = first_enclosure(a);
	const char *player;
	char err[CRIER_ERRSZ] = "", *u;
	int rc;
	if (!e)
		return;
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

void enclosure_download(struct app *a)
{
	const struct feed_enclosure *e = first_enclosure(a);
	struct ui_download *d;
	char err[CRIER_ERRSZ], *dir;
	if (!e)
		return;
	dir = download_dir(a);
	d = xcalloc(1, sizeof *d);
	d->app = a;
	d->name = enclosure_file_name(e->url);
	d->dl = enclosure_download_start(a->fetch, e->url, dir, download_done, d, err, sizeof err);
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
