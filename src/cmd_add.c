/* cmd_add: `crier --add URL`: appends a feed to the urls file. When the URL is a web
 * page rather than a feed, the feed its <link rel="alternate"> names is found, said, and
 * stored instead. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "crier/discover.h"
#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/urls.h"
#include "crier/util.h"

struct probe {
	char *title;
	int items;
};

static int probe_feed(void *ctx, const struct feed_info *f)
{
	struct probe *p = ctx;
	if (!p->title && f->title && *f->title)
		p->title = xstrdup(f->title);
	return 0;
}

static int probe_item(void *ctx, const struct feed_item *it)
{
	(void)it;
	((struct probe *)ctx)->items++;
	return 0;
}

/* 0 when the bytes are a feed crier reads (its title into *title, may be NULL), else -1
 * with err from the parser. */
static int read_feed(const char *url, const struct sbuf *body, char **title, char *err, size_t errsz)
{
	struct probe p = {NULL, 0};
	struct feed_callbacks cb = {&p, probe_feed, probe_item, NULL};
	struct feed_parser *fp = feed_parser_new(url, url, &cb);
	int rc = feed_parser_push(fp, sbuf_str(body), body->len, err, errsz);
	if (rc == 0)
		rc = feed_parser_finish(fp, err, errsz);
	feed_parser_free(fp);
	if (rc != 0) {
		free(p.title);
		return -1;
	}
	*title = p.title;
	return 0;
}

/* Fetches url; 0 with *feed_url (the URL to store) and *title when it is a feed or a page
 * that links to one, else -1 told on stderr. */
static int find_feed(const struct cli *c, const struct fetch_limits *lim, const char *url,
		     char **feed_url, char **title)
{
	struct sbuf body = SBUF_INIT;
	char err[CRIER_ERRSZ], perr[CRIER_ERRSZ] = "", *ctype = NULL, *final = NULL;
	struct discover_link *links = NULL;
	size_t n = 0, i;
	int rc = -1;

	if (fetch_url(url, lim, &body, &ctype, &final, err, sizeof err) != 0) {
		fprintf(stderr, "crier: %s\n", err);
		goto out;
	}
	if (read_feed(url, &body, title, perr, sizeof perr) == 0) {
		*feed_url = xstrdup(url);
		rc = 0;
		goto out;
	}
	n = discover_feed_links(sbuf_str(&body), body.len, final ? final : url, &links);
	if (n == 0) {
		fprintf(stderr, "crier: %s is not a feed (%s), and no <link rel=\"alternate\"> "
			"on it names one\n", url, perr);
		goto out;
	}
	/* The page's first feed link that holds a feed crier reads: a site lists its main
	 * feed first, comment feeds and the like after it. */
	for (i = 0; i < n && rc != 0; i++) {
		sbuf_free(&body);
		if (fetch_url(links[i].url, lim, &body, NULL, NULL, err, sizeof err) != 0) {
			fprintf(stderr, "crier: %s links to %s, which cannot be read: %s\n", url,
				links[i].url, err);
			continue;
		}
		if (read_feed(links[i].url, &body, title, perr, sizeof perr) != 0) {
			fprintf(stderr, "crier: %s links to %s, which is not a feed crier reads: %s\n",
				url, links[i].url, perr);
			continue;
		}
		if (!c->quiet)
			printf("crier: %s is a web page; found its feed %s (%s%s%s%s)\n", url,
			       links[i].url, links[i].type, links[i].title ? ", \"" : "",
			       links[i].title ? links[i].title : "", links[i].title ? "\"" : "");
		*feed_url = xstrdup(links[i].url);
		rc = 0;
	}
out:
	discover_links_free(links, n);
	sbuf_free(&body);
	free(ctype);
	free(final);
	return rc;
}

int cmd_add(const struct cli *c, const char *url)
{
	char err[CRIER_ERRSZ];
	struct fetch_limits lim;
	struct urls u;
	char *path, *feed_url = NULL, *title = NULL;
	int rc = 1;

	if (!url_is_http(url)) {
		fprintf(stderr, "crier: --add %s: only http and https URLs are added\n", url);
		return 1;
	}
	path = cli_urls_path(c);
	if (!path)
		return 2;
	if (cmd_load_urls(c, path, &u, 1) != 0) {
		free(path);
		return 1;
	}
	if (cmd_load_limits(c, &lim) != 0 || find_feed(c, &lim, url, &feed_url, &title) != 0)
		goto out;
	if (urls_find(&u, feed_url) >= 0) {
		fprintf(stderr, "crier: %s is already in %s\n", feed_url, path);
		goto out;
	}
	u.v = xrealloc(u.v, (u.n + 1) * sizeof *u.v);
	memset(&u.v[u.n], 0, sizeof u.v[u.n]);
	u.v[u.n].url = xstrdup(feed_url);
	u.n++;
	if (cli_make_parent(path) != 0 || urls_save(path, &u, err, sizeof err) != 0) {
		fprintf(stderr, "crier: %s\n", err);
		goto out;
	}
	if (!c->quiet)
		printf("crier: added %s%s%s%s to %s\n", feed_url, title ? " (" : "",
		       title ? title : "", title ? ")" : "", path);
	rc = 0;
out:
	free(feed_url);
	free(title);
	urls_free(&u);
	free(path);
	return rc;
}
