/* story: opening a story and loading its page. A loader keeps the pages on the way and the
 * stories open through it, so that a page that arrives finds every story waiting for it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crier/extract.h"
#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/store.h"
#include "crier/story.h"
#include "crier/util.h"
#include "crier/html.h"

struct page_job {
	struct story_loader *l;
	struct page_job *next;
	struct story *owner; /* the newest opener; NULL once it is closed */
	char *url;
	struct sbuf body;
	int too_big;
};

struct story_loader {
	struct store *store;
	struct fetch *fetch;
	char *policy;
	long short_words;
	story_page_fn on_page;
	void *ctx;
	struct page_job *jobs;
	size_t pending;
	struct story **live; /* every story open through the loader */
	size_t nlive, caplive;
	int put_wait;        /* ms storing a page waits for the lock; 0: the store's */
};

/* ---- the link rule ---------------------------------------------------------------- */

static int starts_with_ci(const char *s, const char *p)
{
	return s && strncasecmp(s, p, strlen(p)) == 0;
}

/* Removes "." and ".." segments of an absolute path, as text. -1 when it does not fit or
 * climbs above the root. */
static int path_normalize(const char *in, char *out, size_t outsz)
{
	size_t n = 0;
	if (outsz < 2 || in[0] != '/')
		return -1;
	const char *p = in;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (n == 0)
				return -1;
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the slash before the segment */
		} else {
			if (n + 1 + len + 1 > outsz)
				return -1;
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = 0;
	return 0;
}

/* Nothing from the network can point crier at local files: a file:// page needs a feed
 * the user listed as file:// and must sit in that feed's tree. */
int story_page_allowed(const char *feed_url, const char *page_url, int *allow_file)
{
	*allow_file = 0;
	if (!page_url)
		return 0;
	if (url_is_http(page_url))
		return 1;
	if (!starts_with_ci(page_url, "file://") || !starts_with_ci(feed_url, "file://"))
		return 0;
	const char *pp = page_url + 7;
	if (strstr(pp, "/..") || strstr(pp, "/./") || strstr(pp, "%2e") || strstr(pp, "%2E") ||
	    strchr(pp, '?'))
		return 0;
	/* the feed's URL is the user's own and may say "build/../data": resolve its dots */
	char fpath[4096];
	if (path_normalize(feed_url + 7, fpath, sizeof fpath) < 0)
		return 0;
	const char *fp = fpath;
	const char *slash = strrchr(fp, '/');
	if (!slash)
		return 0;
	/* the tree: the feed's directory, or its parent when the feed sits in a directory
	 * named "feeds" beside the publication's pages (the demo's layout). Nothing wider:
	 * a feed in /home/u must not open pages from every home directory. */
	size_t dirlen = (size_t)(slash - fp) + 1;
	if (strncmp(fp, pp, dirlen) == 0) {
		*allow_file = 1;
		return 1;
	}
	const char *up = NULL;
	for (const char *q = fp; q < slash; q++)
		if (*q == '/')
			up = q;
	if (up && up > fp && slash - up == 6 && strncmp(up, "/feeds", 6) == 0 &&
	    strncmp(fp, pp, (size_t)(up - fp) + 1) == 0) {
		*allow_file = 1;
		return 1;
	}
	return 0;
}

/* ---- what a story shows before its page ------------------------------------------- */

int story_wants_page(const char *policy, const char *html, long short_words)
{
	if (!policy)
		policy = "short";
	if (strcmp(policy, "always") == 0)
		return 1;
	if (strcmp(policy, "short") != 0)
		return 0;
	/* a teaser: fewer words of text (outside tags) than the setting */
	long words = 0;
	int in_tag = 0, in_word = 0;
	for (const char *p = html ? html : ""; *p; p++) {
		if (*p == '<')
			in_tag = 1;
		else if (*p == '>')
			in_tag = 0;
		else if (!in_tag) {
			int sp = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
			if (!sp && !in_word)
				words++;
			in_word = !sp;
			continue;
		}
		in_word = 0;
	}
	return words < short_words;
}

static const char *item_html(const struct feed_item *it)
{
	return it->content && *it->content ? it->content : it->summary;
}

struct article *story_article_from_item(const struct feed_item *it, const char *site)
{
	struct article *art = xcalloc(1, sizeof *art);
	art->url = xstrdup(it->link);
	art->title = xstrdup(it->title);
	art->byline = xstrdup(it->author);
	art->site = xstrdup(site);
	art->published = it->published != CRIER_NO_DATE ? it->published : it->updated;
	const char *html = item_html(it);
	art->body_html = xstrdup(html ? html : "");
	art->body = xstrdup("");
	if (it->nmedia)
		article_add_media(art, it->media, it->nmedia);
	return art;
}

struct article *story_article_from_link(const char *url, const char *title, const char *summary)
{
	struct article *art = xcalloc(1, sizeof *art);
	art->url = xstrdup(url);
	art->title = xstrdup(title ? title : url);
	art->published = CRIER_NO_DATE;
	art->body = xstrdup(summary ? summary : "");
	struct sbuf h = SBUF_INIT;
	sbuf_adds(&h, "<p>");
	if (summary)
		html_escape(&h, summary, strlen(summary));
	sbuf_adds(&h, "</p>");
	art->body_html = sbuf_steal(&h);
	return art;
}

static int has_body(const struct article *a)
{
	return (a->body && *a->body) || (a->body_html && *a->body_html);
}

/* ---- the loader ------------------------------------------------------------------- */

struct story_loader *story_loader_new(struct store *store, struct fetch *fetch)
{
	struct story_loader *l = xcalloc(1, sizeof *l);
	l->store = store;
	l->fetch = fetch;
	l->short_words = 120;
	return l;
}

static void job_free(struct page_job *j)
{
	struct page_job **pp = &j->l->jobs;
	while (*pp && *pp != j)
		pp = &(*pp)->next;
	if (*pp)
		*pp = j->next;
	sbuf_free(&j->body);
	free(j->url);
	free(j);
}

void story_loader_free(struct story_loader *l)
{
	if (!l)
		return;
	while (l->jobs) {
		fetch_cancel(l->fetch, l->jobs);
		job_free(l->jobs);
	}
	for (size_t i = 0; i < l->nlive; i++) {
		l->live[i]->loader = NULL;
		l->live[i]->loading = 0;
	}
	free(l->live);
	free(l->policy);
	free(l);
}

void story_loader_set_policy(struct story_loader *l, const char *policy, long short_words)
{
	free(l->policy);
	l->policy = xstrdup(policy);
	l->short_words = short_words;
}

void story_loader_set_put_wait(struct story_loader *l, int ms)
{
	l->put_wait = ms;
}

void story_loader_on_page(struct story_loader *l, story_page_fn fn, void *ctx)
{
	l->on_page = fn;
	l->ctx = ctx;
}

size_t story_loader_pending(const struct story_loader *l)
{
	return l ? l->pending : 0;
}

static struct story *story_new(struct story_loader *l)
{
	struct story *s = xcalloc(1, sizeof *s);
	s->loader = l;
	if (l->nlive == l->caplive) {
		l->caplive = l->caplive ? l->caplive * 2 : 8;
		l->live = xrealloc(l->live, l->caplive * sizeof *l->live);
	}
	l->live[l->nlive++] = s;
	return s;
}

void story_free(struct story *s)
{
	if (!s)
		return;
	struct story_loader *l = s->loader;
	if (l) {
		for (size_t i = 0; i < l->nlive; i++) {
			if (l->live[i] == s) {
				l->live[i] = l->live[--l->nlive];
				break;
			}
		}
		for (struct page_job *j = l->jobs; j; j = j->next)
			if (j->owner == s)
				j->owner = NULL;
	}
	if (s->item)
		feed_item_free(s->item);
	if (s->art)
		article_free(s->art);
	free(s->feed_url);
	free(s->page_url);
	free(s);
}

static void story_set_article(struct story *s, struct article *art)
{
	if (s->art)
		article_free(s->art);
	s->art = art;
	s->version++;
}

static int page_on_data(void *user, const char *buf, size_t len)
{
	struct page_job *j = user;
	if (j->body.len + len > EXTRACT_MAX_PAGE) {
		j->too_big = 1;
		return 1;
	}
	sbuf_add(&j->body, buf, len);
	return 0;
}

/* What the page does not say, the feed may have said; the item's own media join the
 * page's figures. */
static void article_merge_feed(struct article *art, const struct story *s)
{
	if (s && s->item && s->item->nmedia)
		article_add_media(art, s->item->media, s->item->nmedia);
	if (s && s->art) {
		if (!art->title && s->art->title)
			art->title = xstrdup(s->art->title);
		if (!art->byline && s->art->byline)
			art->byline = xstrdup(s->art->byline);
		if (!art->site && s->art->site)
			art->site = xstrdup(s->art->site);
		if (art->published == CRIER_NO_DATE)
			art->published = s->art->published;
	}
}

static void page_on_done(void *user, const struct fetch_result *res)
{
	struct page_job *j = user;
	struct story_loader *l = j->l;
	struct story *s = j->owner;
	char err[CRIER_ERRSZ] = "";
	struct article *art = NULL;
	l->pending--;
	if (j->too_big)
		err_set(err, sizeof err, "%s: page larger than %u bytes", j->url, EXTRACT_MAX_PAGE);
	else if (res->error)
		err_set(err, sizeof err, "%s", res->error);
	else
		art = extract_article(j->body.s ? j->body.s : "", j->body.len,
				      res->final_url ? res->final_url : j->url, res->content_type,
				      err, sizeof err);
	if (art) {
		/* cached under the URL the story links to, so the next open finds it */
		if (strcmp(art->url ? art->url : "", j->url) != 0) {
			free(art->url);
			art->url = xstrdup(j->url);
		}
		article_merge_feed(art, s);
		if (l->put_wait > 0)
			store_busy_wait(l->store, l->put_wait);
		store_article_put(l->store, art);
		if (l->put_wait > 0)
			store_busy_wait(l->store, -1);
	}
	if (s) {
		s->loading = 0;
		/* an article with no body text keeps the feed's text */
		if (art && (has_body(art) || !s->art)) {
			story_set_article(s, art);
			art = NULL;
		}
	}
	if (art)
		article_free(art);
	/* other stories waiting on this page (opened before the newest opener) */
	for (size_t i = 0; i < l->nlive; i++) {
		struct story *o = l->live[i];
		if (o == s || !o->loading || !o->page_url || strcmp(o->page_url, j->url) != 0)
			continue;
		o->loading = 0;
		struct article *c = store_article_get(l->store, j->url);
		if (c && has_body(c))
			story_set_article(o, c);
		else if (c)
			article_free(c);
	}
	char *url = xstrdup(j->url);
	job_free(j);
	if (l->on_page)
		l->on_page(l->ctx, s, url, *err ? err : NULL);
	free(url);
}

/* Starts loading s's page (or joins the transfer under way for the same URL: one request
 * per page; the newest opener gets the article first, the others the cached copy).
 * 0, or -1 with err. */
static int story_fetch_page(struct story_loader *l, struct story *s, const char *url,
			    char *err, size_t errsz)
{
	int allow_file = 0;
	if (!story_page_allowed(s->feed_url, url, &allow_file)) {
		err_set(err, errsz, "not loading %s: only http(s) pages, or files next to a file:// feed", url);
		return -1;
	}
	for (struct page_job *o = l->jobs; o; o = o->next) {
		if (strcmp(o->url, url) == 0) {
			o->owner = s;
			s->loading = 1;
			return 0;
		}
	}
	struct page_job *j = xcalloc(1, sizeof *j);
	j->l = l;
	j->owner = s;
	j->url = xstrdup(url);
	struct fetch_request req = {0};
	req.url = url;
	req.allow_file = allow_file;
	req.on_data = page_on_data;
	req.on_done = page_on_done;
	req.user = j;
	if (fetch_add(l->fetch, &req, err, errsz) < 0) {
		free(j->url);
		free(j);
		if (l->on_page)
			l->on_page(l->ctx, s, url, err);
		return -1;
	}
	s->loading = 1;
	l->pending++;
	j->next = l->jobs;
	l->jobs = j;
	return 0;
}

static char *feed_url_of(struct store *st, int64_t feed_id)
{
	struct store_feed f;
	memset(&f, 0, sizeof f);
	if (store_feed_get(st, feed_id, &f) < 0)
		return NULL;
	char *u = xstrdup(f.url);
	store_feed_clear(&f);
	return u;
}

struct story *story_open_row(struct story_loader *l, const struct store_row *row,
			     char *err, size_t errsz)
{
	if (err && errsz)
		*err = 0;
	struct feed_item *it = store_item_read(l->store, row->id, err, errsz);
	if (!it)
		return NULL;
	struct story *s = story_new(l);
	s->item_id = row->id;
	s->item = it;
	s->feed_url = feed_url_of(l->store, row->feed_id);
	s->page_url = xstrdup(it->link);
	struct article *cached = it->link ? store_article_get(l->store, it->link) : NULL;
	if (cached) {
		s->art = cached;
	} else {
		s->art = story_article_from_item(it, row->feed_title);
		if (it->link && story_wants_page(l->policy, item_html(it), l->short_words))
			story_fetch_page(l, s, it->link, err, errsz);
	}
	return s;
}

struct story *story_open_url(struct story_loader *l, const char *feed_url, const char *url,
			     const char *title, const char *summary, char *err, size_t errsz)
{
	int allow_file;
	if (err && errsz)
		*err = 0;
	if (!url || !story_page_allowed(feed_url, url, &allow_file)) {
		err_set(err, errsz, "crier does not load %s", url ? url : "(no link)");
		return NULL;
	}
	struct story *s = story_new(l);
	s->feed_url = xstrdup(feed_url);
	s->page_url = xstrdup(url);
	s->art = store_article_get(l->store, url);
	if (!s->art) {
		s->art = story_article_from_link(url, title, summary);
		story_fetch_page(l, s, url, err, errsz);
	}
	return s;
}
