/* reload_cancel: a reload on a lent fetcher, dropped while a feed still runs (as the
 * interface does when the user quits mid-reload). Prints the finished feeds and the count
 * of transfers left; the sanitizer build checks nothing leaks.
 * Usage: reload_cancel CACHE URL... (the last URL should stall) */
#include "config.h"
#include "crier/reload.h"

#include <stdio.h>
#include <string.h>

static void on_feed(void *ctx, const struct reload_feed *f)
{
	(void)ctx;
	printf("done %s %s\n", f->url, f->error ? f->error : "ok");
}

int main(int argc, char **argv)
{
	char err[CRIER_ERRSZ];
	struct store *s;
	struct fetch *f;
	struct reload *r;
	struct urls u;
	struct store_feed *fs;
	size_t n, i;
	int rounds = 0;
	if (argc < 3)
		return 2;
	s = store_open(argv[1], err, sizeof err);
	if (!s)
		return 1;
	memset(&u, 0, sizeof u);
	u.n = (size_t)argc - 2;
	u.v = xcalloc(u.n, sizeof *u.v);
	for (i = 0; i < u.n; i++)
		u.v[i].url = xstrdup(argv[i + 2]);
	if (reload_sync(s, &u, err, sizeof err) != 0 || store_feeds(s, &fs, &n, err, sizeof err) != 0)
		return 1;
	f = fetch_new(NULL, err, sizeof err);
	r = reload_new_on(s, f);
	reload_on_feed(r, on_feed, NULL);
	for (i = 0; i < n; i++)
		reload_add(r, &fs[i], err, sizeof err);
	store_feeds_free(fs, n);
	/* Until only the stalled feed is left (or 5 s). */
	while (reload_pending(r) > 1 && rounds++ < 50)
		fetch_poll(f, -1, 100);
	printf("pending %zu\n", reload_pending(r));
	reload_free(r);
	printf("transfers left %zu\n", fetch_pending(f));
	fetch_free(f);
	urls_free(&u);
	store_close(s);
	return 0;
}
