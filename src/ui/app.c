/* ui: the reader. One loop waits on the keyboard and the curl sockets together
 * (fetch_poll with the terminal's fd), so keys act while feeds and pages load. The
 * panes are rectangles of stdscr laid out by layout.c and redrawn whole each time;
 * curses sends only what changed. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "commands.h"
#include "crier/extract.h"
#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/reload.h"
#include "crier/render.h"
#include "crier/settings.h"
#include "crier/store.h"
#include "crier/urls.h"
#include "ui/app.h"
#include "ui/ui.h"

/* ---- small helpers ---------------------------------------------------------------- */

static void plines_add(struct plines *p, const char *text, enum ui_attr attr)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n].text = xstrdup(text);
	p->v[p->n].attr = attr;
	p->v[p->n].item = -1;
	p->n++;
}

/* Marks the lines from `from` on as showing item. */
static void plines_tag(struct plines *p, size_t from, long item)
{
	for (size_t i = from; i < p->n; i++)
		p->v[i].item = item;
}

static void plines_free(struct plines *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].text);
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* Word-wraps one paragraph of text by display width into p. */
static void wrap_into(struct plines *p, const char *text, int width, enum ui_attr attr,
		      const char *indent)
{
	int iw = text_cols(indent);
	if (width - iw < 4) {
		iw = 0;
		indent = "";
	}
	int avail = width - iw;
	if (avail < 1)
		avail = 1;
	struct sbuf line = SBUF_INIT;
	int lw = 0;
	const char *s = text;
	while (*s) {
		while (*s == ' ' || *s == '\n' || *s == '\t')
			s++;
		if (!*s)
			break;
		const char *e = s;
		while (*e && *e != ' ' && *e != '\n' && *e != '\t')
			e++;
		char *word = xstrndup(s, (size_t)(e - s));
		int ww = text_cols(word);
		if (lw && lw + 1 + ww > avail) {
			struct sbuf full = SBUF_INIT;
			sbuf_adds(&full, indent);
			sbuf_adds(&full, sbuf_str(&line));
			plines_add(p, sbuf_str(&full), attr);
			sbuf_free(&full);
			sbuf_reset(&line);
			lw = 0;
		}
		if (ww > avail) {
			/* a word longer than the line: cut it by characters */
			const char *w = word;
			while (*w) {
				mbstate_t st;
				memset(&st, 0, sizeof st);
				wchar_t wc;
				size_t r = mbrtowc(&wc, w, MB_CUR_MAX, &st);
				if (r == 0 || r == (size_t)-1 || r == (size_t)-2)
					r = 1;
				int cw = wcwidth(wc);
				if (cw < 0)
					cw = 0;
				if (lw + cw > avail && lw) {
					struct sbuf full = SBUF_INIT;
					sbuf_adds(&full, indent);
					sbuf_adds(&full, sbuf_str(&line));
					plines_add(p, sbuf_str(&full), attr);
					sbuf_free(&full);
					sbuf_reset(&line);
					lw = 0;
				}
				sbuf_add(&line, w, r);
				lw += cw;
				w += r;
			}
		} else {
			if (lw) {
				sbuf_addc(&line, ' ');
				lw++;
			}
			sbuf_adds(&line, word);
			lw += ww;
		}
		free(word);
		s = e;
	}
	if (lw) {
		struct sbuf full = SBUF_INIT;
		sbuf_adds(&full, indent);
		sbuf_adds(&full, sbuf_str(&line));
		plines_add(p, sbuf_str(&full), attr);
		sbuf_free(&full);
	}
	sbuf_free(&line);
}

static char *clean_dup(const char *s)
{
	char *d = xstrdup(s ? s : "");
	text_clean_line(d);
	return d;
}

static void app_msg(struct app *a, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void app_msg(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(a->msg);
	a->msg = clean_dup(buf);
	a->msg_error = error;
	a->dirty = 1;
}

static void app_error_add(struct app *a, const char *what, const char *reason)
{
	a->errs = xrealloc(a->errs, (a->nerrs + 1) * sizeof *a->errs);
	a->errs[a->nerrs].when = time(NULL);
	a->errs[a->nerrs].what = clean_dup(what);
	a->errs[a->nerrs].reason = clean_dup(reason);
	a->nerrs++;
}

/* ---- the story list ------------------------------------------------------------- */

static void rowcache_clear(struct app *a)
{
	for (long i = 0; i < a->rc_n; i++)
		store_row_clear(&a->rc[i]);
	a->rc_n = 0;
	a->rc_off = 0;
}

/* The first screen needs only its rows: the counts (a scan of every item) come right
 * after it is drawn, so start-up does not grow with the cache. */
static void list_first_rows(struct app *a)
{
	rowcache_clear(a);
	a->q.tag = a->q_tag;
	a->q.search = a->q_search;
	long n = store_rows(a->store, &a->q, 0, ROWCACHE, a->rc);
	a->rc_off = 0;
	a->rc_n = n > 0 ? n : 0;
	a->count = a->rc_n;
	a->unread = -1;
	a->counts_pending = 1;
	a->dirty = 1;
}

static struct store_row *list_row(struct app *a, long i);

static void list_refresh(struct app *a)
{
	/* the cursor stays on its story when a reload adds stories above it */
	int64_t keep = 0;
	long was = a->cur;
	if (a->cur >= a->rc_off && a->cur < a->rc_off + a->rc_n)
		keep = a->rc[a->cur - a->rc_off].id;
	rowcache_clear(a);
	a->counts_pending = 0;
	a->q.tag = a->q_tag;
	a->q.search = a->q_search;
	a->count = store_count(a->store, &a->q);
	if (a->count < 0)
		a->count = 0;
	a->unread = store_count_unread(a->store);
	if (a->cur >= a->count)
		a->cur = a->count ? a->count - 1 : 0;
	if (a->cur < 0)
		a->cur = 0;
	a->list_stale = 0;
	clock_gettime(CLOCK_MONOTONIC, &a->list_stamp);
	a->dirty = 1;
	struct store_row *r = keep ? list_row(a, a->cur) : NULL;
	if (r && r->id != keep) {
		for (long i = 0; i < a->rc_n; i++) {
			if (a->rc[i].id == keep) {
				a->cur = a->rc_off + i;
				a->top += a->cur - was;
				if (a->top < 0)
					a->top = 0;
				break;
			}
		}
	}
}

static struct store_row *list_row(struct app *a, long i)
{
	if (i < 0 || i >= a->count)
		return NULL;
	if (i < a->rc_off || i >= a->rc_off + a->rc_n) {
		rowcache_clear(a);
		long off = i - ROWCACHE / 2;
		if (off < 0)
			off = 0;
		long n = store_rows(a->store, &a->q, off, ROWCACHE, a->rc);
		if (n < 0)
			n = 0;
		a->rc_off = off;
		a->rc_n = n;
		if (i >= off + n)
			return NULL;
	}
	return &a->rc[i - a->rc_off];
}

/* ---- stories and pages ---------------------------------------------------------- */

static void story_free(struct story *s)
{
	if (!s)
		return;
	if (s->item)
		feed_item_free(s->item);
	if (s->art)
		article_free(s->art);
	if (s->doc)
		render_doc_free(s->doc);
	plines_free(&s->caps);
	plines_free(&s->more);
	free(s->feed_url);
	free(s->page_url);
	free(s);
}

static void history_clear(struct app *a)
{
	for (size_t i = 0; i < a->nhist; i++)
		story_free(a->hist[i]);
	a->nhist = 0;
}

static void story_invalidate(struct story *s)
{
	if (s->doc)
		render_doc_free(s->doc);
	s->doc = NULL;
	plines_free(&s->caps);
	plines_free(&s->more);
	s->doc_width = s->caps_width = s->more_width = 0;
}

static const char *more_section(const struct more_link *m)
{
	return m->section && *m->section ? m->section : "More from";
}

/* The more-from lines at a width: a heading before every section but the first (the
 * pane's header names the section under the cursor), then per link its title, summary
 * and, set apart like the captions pane sets them, its photo's caption and credit. */
static void more_build(struct plines *p, const struct article *art, int width)
{
	plines_free(p);
	for (size_t i = 0; i < art->nmore; i++) {
		const struct more_link *m = &art->more[i];
		if (i > 0 && strcmp(more_section(m), more_section(&art->more[i - 1])) != 0) {
			plines_add(p, "", UA_NORMAL);
			wrap_into(p, more_section(m), width, UA_HEADING, "");
		}
		struct sbuf t = SBUF_INIT;
		sbuf_printf(&t, "› %s", m->title && *m->title ? m->title : m->url);
		size_t from = p->n;
		plines_add(p, sbuf_str(&t), UA_TITLE); /* one row: the cursor's bar */
		sbuf_free(&t);
		if (m->summary && *m->summary)
			wrap_into(p, m->summary, width, UA_DIM, "  ");
		if (m->caption && *m->caption)
			wrap_into(p, m->caption, width, UA_CREDIT, "    ");
		if (m->credit && *m->credit)
			wrap_into(p, m->credit, width, UA_CREDIT, "      ");
		plines_tag(p, from, (long)i);
	}
}

static void story_render(struct story *s, int width, int cap_width, int more_width)
{
	if (!s || !s->art)
		return;
	if (width > 0 && (!s->doc || s->doc_width != width)) {
		if (s->doc)
			render_doc_free(s->doc);
		s->doc = render_article(s->art, width);
		s->doc_width = width;
	}
	if (cap_width > 0 && s->caps_width != cap_width) {
		plines_free(&s->caps);
		for (size_t i = 0; i < s->art->nfigures; i++) {
			const struct figure *f = &s->art->figures[i];
			if (!f->caption && !f->credit)
				continue;
			if (s->caps.n)
				plines_add(&s->caps, "", UA_NORMAL);
			size_t from = s->caps.n;
			if (f->caption && *f->caption)
				wrap_into(&s->caps, f->caption, cap_width, UA_NORMAL, "");
			if (f->credit && *f->credit)
				wrap_into(&s->caps, f->credit, cap_width, UA_CREDIT, "  ");
			plines_tag(&s->caps, from, (long)i);
		}
		s->caps_width = cap_width;
	}
	if (more_width > 0 && s->more_width != more_width) {
		more_build(&s->more, s->art, more_width);
		s->more_width = more_width;
	}
}

static size_t story_ncaptions(const struct story *s)
{
	size_t n = 0;
	if (s && s->art)
		for (size_t i = 0; i < s->art->nfigures; i++)
			n += s->art->figures[i].caption || s->art->figures[i].credit;
	return n;
}

/* A teaser: a feed text of fewer words than the setting. */
static int is_short(const char *html, long min_words)
{
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
	return words < min_words;
}

struct page_job {
	struct app *app;
	struct page_job *next; /* the pages still loading */
	unsigned gen;
	char *url;
	struct sbuf body;
	int too_big;
};

static void page_job_free(struct page_job *j)
{
	struct page_job **pp = (struct page_job **)&j->app->page_jobs;
	while (*pp && *pp != j)
		pp = &(*pp)->next;
	if (*pp)
		*pp = j->next;
	sbuf_free(&j->body);
	free(j->url);
	free(j);
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

static struct story *story_by_gen(struct app *a, unsigned gen)
{
	if (a->story && a->story->gen == gen)
		return a->story;
	for (size_t i = 0; i < a->nhist; i++)
		if (a->hist[i]->gen == gen)
			return a->hist[i];
	return NULL;
}

static void page_on_done(void *user, const struct fetch_result *res)
{
	struct page_job *j = user;
	struct app *a = j->app;
	struct story *s = story_by_gen(a, j->gen);
	char err[CRIER_ERRSZ] = "";
	struct article *art = NULL;
	a->pages_loading--;
	if (j->too_big)
		err_set(err, sizeof err, "%s: page larger than %u bytes", j->url, EXTRACT_MAX_PAGE);
	else if (res->error)
		snprintf(err, sizeof err, "%s", res->error);
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
		if (s && s->item && s->item->nmedia)
			article_add_media(art, s->item->media, s->item->nmedia);
		/* what the page does not say, the feed may have said */
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
		store_article_put(a->store, art);
	} else {
		app_error_add(a, j->url, err);
		if (s == a->story)
			app_msg(a, 1, "%s", err);
	}
	if (s) {
		s->loading = 0;
		if (art) {
			/* an article with no body text keeps the feed's text */
			if (!(art->body && *art->body) && !(art->body_html && *art->body_html) && s->art) {
				article_free(art);
			} else {
				if (s->art)
					article_free(s->art);
				s->art = art;
				story_invalidate(s);
			}
			art = NULL;
		}
	}
	if (art)
		article_free(art);
	/* other stories waiting on this page (opened before the newest opener) */
	for (size_t i = 0; i <= a->nhist; i++) {
		struct story *o = i < a->nhist ? a->hist[i] : a->story;
		if (!o || o == s || !o->loading || !o->page_url || strcmp(o->page_url, j->url) != 0)
			continue;
		o->loading = 0;
		struct article *c = store_article_get(a->store, j->url);
		if (c && ((c->body && *c->body) || (c->body_html && *c->body_html))) {
			if (o->art)
				article_free(o->art);
			o->art = c;
			story_invalidate(o);
		} else if (c) {
			article_free(c);
		}
	}
	page_job_free(j);
	a->dirty = 1;
}

static void story_fetch_page(struct app *a, struct story *s, const char *url)
{
	int allow_file = 0;
	if (!page_url_allowed(s->feed_url, url, &allow_file)) {
		app_msg(a, 1, "not loading %s: only http(s) pages, or files next to a file:// feed", url);
		return;
	}
	/* A story opened again while its page loads joins the transfer under way: one
	 * request per page. The newest opener gets the article first; page_on_done hands
	 * the cached copy to any other story still waiting for the same URL. */
	for (struct page_job *o = a->page_jobs; o; o = o->next) {
		if (strcmp(o->url, url) == 0) {
			o->gen = s->gen;
			s->loading = 1;
			return;
		}
	}
	struct page_job *j = xcalloc(1, sizeof *j);
	j->app = a;
	j->gen = s->gen;
	j->url = xstrdup(url);
	struct fetch_request req = {0};
	req.url = url;
	req.allow_file = allow_file;
	req.on_data = page_on_data;
	req.on_done = page_on_done;
	req.user = j;
	char err[CRIER_ERRSZ];
	if (fetch_add(a->fetch, &req, err, sizeof err) < 0) {
		app_msg(a, 1, "%s", err);
		app_error_add(a, url, err);
		free(j->url);
		free(j);
		return;
	}
	s->loading = 1;
	a->pages_loading++;
	j->next = a->page_jobs;
	a->page_jobs = j;
}

static char *feed_url_of(struct app *a, int64_t feed_id)
{
	struct store_feed f;
	memset(&f, 0, sizeof f);
	if (store_feed_get(a->store, feed_id, &f) < 0)
		return NULL;
	char *u = xstrdup(f.url);
	store_feed_clear(&f);
	return u;
}

static struct article *article_from_item(const struct feed_item *it, const char *site)
{
	struct article *art = xcalloc(1, sizeof *art);
	art->url = xstrdup(it->link);
	art->title = xstrdup(it->title);
	art->byline = xstrdup(it->author);
	art->site = xstrdup(site);
	art->published = it->published != CRIER_NO_DATE ? it->published : it->updated;
	const char *html = it->content && *it->content ? it->content : it->summary;
	art->body_html = xstrdup(html ? html : "");
	art->body = xstrdup("");
	if (it->nmedia)
		article_add_media(art, it->media, it->nmedia);
	return art;
}

static void story_set(struct app *a, struct story *s)
{
	if (a->story)
		story_free(a->story);
	a->story = s;
	free(a->body_search);
	a->body_search = NULL;
	a->dirty = 1;
}

static void open_list_item(struct app *a)
{
	struct store_row *row = list_row(a, a->cur);
	if (!row)
		return;
	struct feed_item *it = store_item(a->store, row->id);
	if (!it) {
		app_msg(a, 1, "story %lld is gone from the cache", (long long)row->id);
		return;
	}
	if (row->unread) {
		if (store_mark_read(a->store, row->id, 1) == 0) {
			row->unread = 0;
			a->unread = store_count_unread(a->store);
		}
	}
	struct story *s = xcalloc(1, sizeof *s);
	s->gen = ++a->gen;
	s->item_id = row->id;
	s->item = it;
	s->feed_url = feed_url_of(a, row->feed_id);
	s->page_url = xstrdup(it->link);
	struct article *cached = it->link ? store_article_get(a->store, it->link) : NULL;
	if (cached) {
		s->art = cached;
	} else {
		s->art = article_from_item(it, row->feed_title);
		const char *policy = settings_get_str(&a->set, SET_article_fetch);
		const char *html = it->content && *it->content ? it->content : it->summary;
		int want = strcmp(policy, "always") == 0 ||
			   (strcmp(policy, "short") == 0 &&
			    is_short(html, settings_get_int(&a->set, SET_short_teaser_words)));
		if (want && it->link)
			story_fetch_page(a, s, it->link);
	}
	history_clear(a);
	story_set(a, s);
	a->focus = FOCUS_BODY;
}

/* A page reached from a more-from link or a numbered link: pushed on the history. */
static void open_url(struct app *a, const char *url, const char *title, const char *summary)
{
	if (!url)
		return;
	char *feed_url = a->story && a->story->feed_url ? xstrdup(a->story->feed_url) : NULL;
	int allow_file;
	if (!page_url_allowed(feed_url, url, &allow_file)) {
		app_msg(a, 1, "not opening %s here: press o for the browser", url);
		free(feed_url);
		return;
	}
	struct story *s = xcalloc(1, sizeof *s);
	s->gen = ++a->gen;
	s->feed_url = feed_url;
	s->page_url = xstrdup(url);
	struct article *cached = store_article_get(a->store, url);
	if (cached) {
		s->art = cached;
	} else {
		s->art = xcalloc(1, sizeof *s->art);
		s->art->url = xstrdup(url);
		s->art->title = xstrdup(title ? title : url);
		s->art->published = CRIER_NO_DATE;
		s->art->body = xstrdup(summary ? summary : "");
		struct sbuf h = SBUF_INIT;
		sbuf_adds(&h, "<p>");
		for (const char *p = summary ? summary : ""; *p; p++) {
			if (*p == '<') sbuf_adds(&h, "&lt;");
			else if (*p == '>') sbuf_adds(&h, "&gt;");
			else if (*p == '&') sbuf_adds(&h, "&amp;");
			else sbuf_addc(&h, *p);
		}
		sbuf_adds(&h, "</p>");
		s->art->body_html = sbuf_steal(&h);
		story_fetch_page(a, s, url);
	}
	if (a->story) {
		a->hist = xrealloc(a->hist, (a->nhist + 1) * sizeof *a->hist);
		a->hist[a->nhist++] = a->story;
		a->story = NULL;
	}
	story_set(a, s);
	a->focus = FOCUS_BODY;
}

static int go_back(struct app *a)
{
	if (!a->nhist)
		return 0;
	story_set(a, a->hist[--a->nhist]);
	a->focus = FOCUS_BODY;
	return 1;
}

/* ---- reloading ------------------------------------------------------------------ */

static void on_feed_reloaded(void *ctx, const struct reload_feed *r)
{
	struct app *a = ctx;
	if (r->error)
		app_error_add(a, r->url, r->error);
	if (r->new_items || r->error)
		a->list_stale = 1;
	a->dirty = 1;
}

static void urls_warn(void *ctx, const char *msg)
{
	struct app *a = ctx;
	app_error_add(a, a->urls_path, msg);
}

/* Makes the store's feed list follow the urls file (titles and tags too). */
static void sync_urls(struct app *a)
{
	struct urls u = {0};
	char err[CRIER_ERRSZ];
	if (urls_load(a->urls_path, &u, urls_warn, a, err, sizeof err) < 0) {
		a->no_feeds = 1;
		return;
	}
	a->no_feeds = u.n == 0;
	if (reload_sync(a->store, &u, err, sizeof err) < 0)
		app_error_add(a, a->urls_path, err);
	urls_free(&u);
}

static void reload_start(struct app *a, int64_t only_feed)
{
	if (!a->reload) {
		a->reload = reload_new_on(a->store, a->fetch);
		reload_on_feed(a->reload, on_feed_reloaded, a);
	}
	if (!only_feed)
		sync_urls(a);
	struct store_feed *f = NULL;
	size_t n = 0;
	char err[CRIER_ERRSZ];
	if (store_feeds(a->store, &f, &n, err, sizeof err) < 0) {
		app_msg(a, 1, "%s", err);
		return;
	}
	size_t added = 0;
	for (size_t i = 0; i < n; i++) {
		if (only_feed && f[i].id != only_feed)
			continue;
		if (reload_add(a->reload, &f[i], err, sizeof err) < 0)
			app_error_add(a, f[i].url, err);
		else
			added++;
	}
	store_feeds_free(f, n);
	if (!added)
		app_msg(a, 0, "no feed to reload");
	a->dirty = 1;
}

/* ---- drawing -------------------------------------------------------------------- */

/* A pane's first row: "─ Title ────", bold when the pane has the focus. */
static void pane_header(struct app *a, const struct rect *r, const char *title, int focused)
{
	if (!r->h || !r->w)
		return;
	attrset(focused ? ui_attr(UA_FRAME_FOCUS) : ui_attr(UA_FRAME));
	mvhline_set(r->y, r->x, WACS_HLINE, r->w);
	int used = draw_text(stdscr, r->y, r->x, "\xe2\x94\x80", r->w);
	used += draw_text(stdscr, r->y, r->x + used, title, r->w - used);
	if (used < r->w)
		draw_text(stdscr, r->y, r->x + used, " ", 1);
	attrset(A_NORMAL);
	(void)a;
}

static void fmt_date(int64_t t, char *buf, size_t n, int longfmt)
{
	if (t == CRIER_NO_DATE) {
		snprintf(buf, n, longfmt ? "          " : "     ");
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, n, longfmt ? "%Y-%m-%d" : "%m-%d", &tm);
}

/* Draws s in exactly w columns (padded), so the next column starts aligned whatever
 * the width of the characters. */
static void draw_cell(int y, int x, const char *s, int w)
{
	int used = draw_text(stdscr, y, x, s, w);
	draw_blank(stdscr, y, x + used, w - used);
}

/* Keeps a cursor visible in a list of `count` items shown `vis` at a time. */
static void scroll_to(long *top, long cur, long vis, long count)
{
	if (vis < 1)
		vis = 1;
	if (cur < *top)
		*top = cur;
	if (cur >= *top + vis)
		*top = cur - vis + 1;
	if (*top > count - vis)
		*top = count - vis;
	if (*top < 0)
		*top = 0;
}

static void draw_story_row(struct app *a, const struct store_row *r, int y, int x, int w, int sel)
{
	attr_t base = sel ? ui_attr(a->focus == FOCUS_LIST ? UA_SELECTED : UA_SELECTED_DIM) : A_NORMAL;
	if (r->unread)
		base |= ui_attr(UA_UNREAD);
	attrset(base);
	draw_blank(stdscr, y, x, w);
	int cx = x;
	draw_cell(y, cx, r->unread ? "N" : " ", w >= 2 ? 2 : w);
	cx += 2;
	int left = x + w - cx;
	if (left > 30) {
		char d[32];
		int lf = left >= 60;
		fmt_date(r->date, d, sizeof d, lf);
		int dw = lf ? 11 : 6;
		draw_cell(y, cx, d, dw);
		cx += dw;
		left -= dw;
	}
	if (left > 40 && a->q.feed_id == 0) {
		int fw = left / 5;
		if (fw > 20)
			fw = 20;
		draw_cell(y, cx, r->feed_title ? r->feed_title : "", fw - 1);
		draw_blank(stdscr, y, cx + fw - 1, 1);
		cx += fw;
		left -= fw;
	}
	if (left > 0)
		draw_text(stdscr, y, cx, r->title && *r->title ? r->title : "(untitled)", left);
	attrset(A_NORMAL);
}

static void draw_list(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	char title[512];
	const char *what = a->q_search ? "/" : a->q_tag ? "tag " : NULL;
	const char *feedname = NULL;
	for (size_t i = 0; a->q.feed_id && i < a->nfeeds; i++)
		if (a->feeds[i].id == a->q.feed_id)
			feedname = a->feeds[i].title ? a->feeds[i].title : a->feeds[i].url;
	snprintf(title, sizeof title, " Stories%s%s%s%s%s%s  %ld", feedname ? ": " : "",
		 feedname ? feedname : "", what ? " [" : "", what ? what : "",
		 what ? (a->q_search ? a->q_search : a->q_tag) : "", what ? "]" : "", a->count);
	pane_header(a, r, title, a->focus == FOCUS_LIST);
	long vis = r->h - 1;
	if (a->no_feeds && a->count == 0 && vis > 0) {
		char *text = demo_first_run_text(a->urls_path ? a->urls_path : "the urls file");
		struct plines p = {0};
		for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = 0;
			size_t lead = strspn(line, " ");
			char indent[16];
			snprintf(indent, sizeof indent, "%.*s", (int)(lead < 8 ? lead : 8), "        ");
			if (*line)
				wrap_into(&p, line + lead, r->w - 1, UA_NORMAL, indent);
			else
				plines_add(&p, "", UA_NORMAL);
			if (!nl)
				break;
		}
		free(text);
		for (size_t i = 0; i < p.n && (long)i < vis; i++)
			draw_text(stdscr, r->y + 1 + (int)i, r->x + 1, p.v[i].text, r->w - 1);
		plines_free(&p);
		return;
	}
	scroll_to(&a->top, a->cur, vis, a->count);
	for (long i = 0; i < vis; i++) {
		struct store_row *row = list_row(a, a->top + i);
		if (!row)
			break;
		draw_story_row(a, row, r->y + 1 + (int)i, r->x, r->w, a->top + i == a->cur);
	}
}

static void draw_feeds(struct app *a, const struct rect *r)
{
	char title[128];
	snprintf(title, sizeof title, " Feeds  %zu", a->nfeeds);
	pane_header(a, r, title, 1);
	long vis = r->h - 1;
	scroll_to(&a->ftop, a->fcur, vis, (long)a->nfeeds);
	for (long i = 0; i < vis && a->ftop + i < (long)a->nfeeds; i++) {
		const struct store_feed *f = &a->feeds[a->ftop + i];
		int y = r->y + 1 + (int)i;
		attr_t at = a->ftop + i == a->fcur ? ui_attr(UA_SELECTED) : A_NORMAL;
		if (f->unread)
			at |= ui_attr(UA_UNREAD);
		attrset(at);
		draw_blank(stdscr, y, r->x, r->w);
		char cnt[48];
		snprintf(cnt, sizeof cnt, "%c %5ld/%-5ld ", f->error ? '!' : ' ', f->unread, f->total);
		int used = draw_text(stdscr, y, r->x, cnt, r->w);
		struct sbuf t = SBUF_INIT;
		sbuf_adds(&t, f->title && *f->title ? f->title : f->url);
		if (f->tags && *f->tags)
			sbuf_printf(&t, "  (%s)", f->tags);
		draw_text(stdscr, y, r->x + used, sbuf_str(&t), r->w - used);
		sbuf_free(&t);
		attrset(A_NORMAL);
	}
}

static void draw_errors(struct app *a, const struct rect *r)
{
	char title[128];
	snprintf(title, sizeof title, " Errors  %zu", a->nerrs);
	pane_header(a, r, title, 1);
	long vis = (r->h - 1) / 2;
	if (a->nerrs == 0 && r->h > 1)
		draw_text(stdscr, r->y + 1, r->x + 1, "No errors.", r->w - 1);
	scroll_to(&a->etop, a->ecur, vis, (long)a->nerrs);
	for (long i = 0; i < vis && a->etop + i < (long)a->nerrs; i++) {
		const struct uerror *e = &a->errs[a->etop + i];
		int y = r->y + 1 + 2 * (int)i;
		attrset(a->etop + i == a->ecur ? ui_attr(UA_SELECTED) : A_NORMAL);
		draw_blank(stdscr, y, r->x, r->w);
		char when[32];
		struct tm tm;
		localtime_r(&e->when, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M  ", &tm);
		int used = draw_text(stdscr, y, r->x, when, r->w);
		draw_text(stdscr, y, r->x + used, e->what, r->w - used);
		attrset(ui_attr(UA_ERROR) & ~A_REVERSE);
		draw_blank(stdscr, y + 1, r->x, r->w);
		draw_text(stdscr, y + 1, r->x + 4, e->reason, r->w - 4);
		attrset(A_NORMAL);
	}
}

static enum ui_attr style_attr(enum render_style st)
{
	switch (st) {
	case RENDER_TITLE: return UA_TITLE;
	case RENDER_META: return UA_META;
	case RENDER_HEADING: return UA_HEADING;
	case RENDER_QUOTE: return UA_QUOTE;
	case RENDER_LINKS: return UA_LINKS;
	default: return UA_NORMAL;
	}
}

static int contains_ci(const char *hay, const char *needle)
{
	if (!hay || !needle || !*needle)
		return 0;
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return 1;
	return 0;
}

static void draw_body(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	struct story *s = a->story;
	long n = s && s->doc ? (long)s->doc->nlines : 0;
	long vis = r->h - 1;
	if (s) {
		if (s->top > n - vis)
			s->top = n - vis;
		if (s->top < 0)
			s->top = 0;
	}
	char title[256];
	int pct = n <= vis || !s ? 100 : (int)((s->top + vis) * 100 / n);
	snprintf(title, sizeof title, " Story%s%s  %d%%%s", s && s->loading ? "  loading article" : "",
		 a->nhist ? "  (h: back)" : "", pct, a->body_search ? "  /" : "");
	if (a->body_search) {
		size_t l = strlen(title);
		snprintf(title + l, sizeof title - l, "%s", a->body_search);
	}
	pane_header(a, r, title, a->focus == FOCUS_BODY);
	if (!s) {
		if (vis > 0)
			draw_text(stdscr, r->y + 1, r->x + 1, "Enter opens the story under the cursor; ? shows the keys.", r->w - 1);
		return;
	}
	for (long i = 0; i < vis && s->top + i < n; i++) {
		const struct render_line *l = &s->doc->lines[s->top + i];
		attr_t at = ui_attr(style_attr(l->style));
		if (a->body_search && contains_ci(l->text, a->body_search))
			at |= A_STANDOUT;
		attrset(at);
		draw_text(stdscr, r->y + 1 + (int)i, r->x, l->text, r->w);
		attrset(A_NORMAL);
	}
}

/* The first line of the figure after (dir 1) or before (dir -1) the one at line i. */
static long caps_step(const struct plines *p, long i, int dir)
{
	long n = (long)p->n;
	if (i < 0)
		i = 0;
	if (i >= n)
		return n ? n - 1 : 0;
	long item = p->v[i].item;
	if (dir > 0) {
		long j = i;
		while (j < n && (p->v[j].item == item || p->v[j].item < 0))
			j++;
		return j < n ? j : i;
	}
	long j = i - 1;
	while (j >= 0 && p->v[j].item < 0)
		j--;
	if (j < 0)
		return i;
	item = p->v[j].item;
	while (j > 0 && p->v[j - 1].item == item)
		j--;
	return j;
}

/* The figure shown at the top of the captions pane (for the status line). */
static long caps_figure_at(const struct story *s, long *count)
{
	long k = 0, at = 0;
	for (size_t i = 0; i < s->caps.n; i++) {
		if (s->caps.v[i].item >= 0 && (i == 0 || s->caps.v[i - 1].item != s->caps.v[i].item)) {
			k++;
			if ((long)i <= s->cap_top)
				at = k;
		}
	}
	*count = k;
	return at;
}

static void draw_captions(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	struct story *s = a->story;
	if (!s) {
		pane_header(a, r, " Captions & credits", a->focus == FOCUS_CAPTIONS);
		return;
	}
	long vis = r->h - 1, n = (long)s->caps.n;
	/* scrolled by whole figures: the top is a figure's first line, and the last one
	 * shown starts no later than it must for the end to show */
	if (s->cap_top >= n)
		s->cap_top = n ? n - 1 : 0;
	if (s->cap_top < 0)
		s->cap_top = 0;
	while (s->cap_top > 0 && s->caps.v[s->cap_top].item >= 0 &&
	       s->caps.v[s->cap_top - 1].item == s->caps.v[s->cap_top].item)
		s->cap_top--;
	for (;;) {
		long prev = caps_step(&s->caps, s->cap_top, -1);
		if (prev == s->cap_top || n - prev > vis)
			break;
		s->cap_top = prev;
	}
	long y = 0, shown = 0;
	for (long i = s->cap_top; i < n && y < vis; i++) {
		const struct pline *l = &s->caps.v[i];
		shown = i;
		if (y > 0 && (l->item < 0 || i == 0 || s->caps.v[i - 1].item != l->item)) {
			/* a figure that does not fit whole (with the gap before it) waits for the
			 * next scroll */
			long b = i;
			while (b < n && s->caps.v[b].item < 0)
				b++;
			long e = b;
			while (e < n && b < n && s->caps.v[e].item == s->caps.v[b].item)
				e++;
			if (y + (e - i) > vis)
				break;
		}
		attrset(ui_attr(l->attr));
		draw_text(stdscr, r->y + 1 + (int)y, r->x, l->text, r->w);
		attrset(A_NORMAL);
		y++;
		shown = i + 1;
	}
	/* for the status line: figures up to the one of the last line drawn */
	s->cap_last = 0;
	for (long i = 0; i < shown && i < n; i++)
		if (s->caps.v[i].item >= 0 && (i == 0 || s->caps.v[i - 1].item != s->caps.v[i].item))
			s->cap_last++;
	/* the header tells when photos wait above or below */
	long nf, at = caps_figure_at(s, &nf);
	char title[128];
	if (nf && (at > 1 || s->cap_last < nf) && s->cap_last > at)
		snprintf(title, sizeof title, " Captions & credits  %ld-%ld of %ld", at, s->cap_last, nf);
	else if (nf && (at > 1 || s->cap_last < nf))
		snprintf(title, sizeof title, " Captions & credits  %ld of %ld", at, nf);
	else
		snprintf(title, sizeof title, " Captions & credits");
	pane_header(a, r, title, a->focus == FOCUS_CAPTIONS);
}

/* The more-from lines shown at a pane height: all of them, or only the headings and the
 * titles when the pane is a strip of fewer than four rows. */
static long more_shown(const struct story *s, long vis, long *idx, long max)
{
	long k = 0;
	for (size_t i = 0; i < s->more.n && k < max; i++) {
		const struct pline *l = &s->more.v[i];
		int first = l->item >= 0 && (i == 0 || s->more.v[i - 1].item != l->item);
		if (vis >= 4 || first || (l->attr == UA_HEADING && l->item < 0))
			idx[k++] = (long)i;
	}
	return k;
}

static void draw_more(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	struct story *s = a->story;
	const struct article *art = s ? s->art : NULL;
	long n = art ? (long)art->nmore : 0;
	if (s && s->more_cur >= n)
		s->more_cur = n ? n - 1 : 0;
	if (!n || !s->more.n) {
		pane_header(a, r, " More from", a->focus == FOCUS_MORE);
		return;
	}
	long vis = r->h - 1;
	long *idx = xmalloc(s->more.n * sizeof *idx);
	long k = more_shown(s, vis, idx, (long)s->more.n);
	/* the cursor's link whole in view, with its section's heading when it starts one */
	long c0 = -1, c1 = -1;
	for (long j = 0; j < k; j++) {
		if (s->more.v[idx[j]].item == s->more_cur) {
			if (c0 < 0)
				c0 = j;
			c1 = j;
		}
	}
	if (c0 > 0 && s->more.v[idx[c0 - 1]].item < 0) {
		c0--;
		if (c0 > 0 && s->more.v[idx[c0 - 1]].item < 0)
			c0--;
	}
	if (s->more_cur == 0)
		c0 = 0;
	if (c1 >= s->more_top + vis)
		s->more_top = c1 - vis + 1;
	if (c0 >= 0 && c0 < s->more_top)
		s->more_top = c0;
	if (s->more_top > k - vis)
		s->more_top = k - vis;
	if (s->more_top < 0)
		s->more_top = 0;
	/* the header names the section at the top; the others have their heading in line */
	long first = 0;
	for (long j = s->more_top; j < k; j++)
		if (s->more.v[idx[j]].item >= 0) {
			first = s->more.v[idx[j]].item;
			break;
		}
	char title[256];
	snprintf(title, sizeof title, " %s", more_section(&art->more[first]));
	pane_header(a, r, title, a->focus == FOCUS_MORE);
	for (long i = 0; i < vis && s->more_top + i < k; i++) {
		const struct pline *l = &s->more.v[idx[s->more_top + i]];
		int y = r->y + 1 + (int)i;
		int first = l->item >= 0 && (idx[s->more_top + i] == 0 ||
					     s->more.v[idx[s->more_top + i] - 1].item != l->item);
		if (first && l->item == s->more_cur)
			attrset(ui_attr(a->focus == FOCUS_MORE ? UA_SELECTED : UA_SELECTED_DIM));
		else
			attrset(ui_attr(l->attr));
		if (first)
			draw_blank(stdscr, y, r->x, r->w);
		draw_text(stdscr, y, r->x, l->text, r->w);
		attrset(A_NORMAL);
	}
	free(idx);
}

/* The link under a row of the more-from pane, or -1. */
static long more_link_at(const struct story *s, const struct rect *r, long row)
{
	if (!s->more.n)
		return -1;
	long *idx = xmalloc(s->more.n * sizeof *idx);
	long k = more_shown(s, r->h - 1, idx, (long)s->more.n);
	long item = s->more_top + row < k ? s->more.v[idx[s->more_top + row]].item : -1;
	free(idx);
	return item;
}

static void draw_help(struct app *a, int rows, int cols)
{
	struct rect r = {0, 0, rows - 1, cols};
	pane_header(a, &r, " Keys (q closes this help)", 1);
	plines_free(&a->help);
	for (int i = 0; i < ACT_COUNT; i++) {
		char keys[128], line[512];
		keymap_describe(&a->keys, (enum action)i, keys, sizeof keys);
		/* the action's name (what bind-key wants) when there is room for it */
		if (cols >= 100)
			snprintf(line, sizeof line, "%-18s %-16s %s", keys[0] ? keys : "(unbound)",
				 keys_table[i].name, keys_table[i].description);
		else
			snprintf(line, sizeof line, "%-18s %s", keys[0] ? keys : "(unbound)",
				 keys_table[i].description);
		plines_add(&a->help, line, UA_NORMAL);
	}
	plines_add(&a->help, "", UA_NORMAL);
	plines_add(&a->help, "Rebind in the config file: bind-key KEY ACTION", UA_DIM);
	long vis = r.h - 1, n = (long)a->help.n;
	if (a->htop > n - vis)
		a->htop = n - vis;
	if (a->htop < 0)
		a->htop = 0;
	for (long i = 0; i < vis && a->htop + i < n; i++) {
		attrset(ui_attr(a->help.v[a->htop + i].attr));
		draw_text(stdscr, 1 + (int)i, 1, a->help.v[a->htop + i].text, cols - 1);
		attrset(A_NORMAL);
	}
}

static void draw_status(struct app *a, const struct rect *r)
{
	if (!r->h || !r->w)
		return;
	attrset(ui_attr(UA_STATUS));
	draw_blank(stdscr, r->y, r->x, r->w);
	if (a->prompting) {
		wchar_t w[300];
		swprintf(w, 300, L"%ls%ls", a->prompt_kind == PROMPT_SEARCH ? L"/" :
			 a->prompt_kind == PROMPT_TAG ? L"tag: " : L"Quit crier? (y/n) ", a->pbuf);
		char mb[1200];
		wcstombs(mb, w, sizeof mb);
		mb[sizeof mb - 1] = 0;
		int used = draw_text(stdscr, r->y, r->x, mb, r->w - 1);
		attrset(A_NORMAL);
		move(r->y, r->x + used);
		return;
	}
	struct sbuf b = SBUF_INIT;
	switch (a->view) {
	case VIEW_STORIES:
		/* where the cursor is in the focused pane */
		if (a->focus == FOCUS_BODY && a->story && a->story->doc) {
			sbuf_printf(&b, " line %ld/%zu", a->story->top + 1, a->story->doc->nlines);
		} else if (a->focus == FOCUS_MORE && a->story && a->story->art) {
			sbuf_printf(&b, " link %ld/%zu", a->story->art->nmore ? a->story->more_cur + 1 : 0,
				    a->story->art->nmore);
		} else if (a->focus == FOCUS_CAPTIONS && a->story) {
			long nf, at = caps_figure_at(a->story, &nf);
			if (a->story->cap_last > at)
				sbuf_printf(&b, " photos %ld-%ld/%ld", at, a->story->cap_last, nf);
			else
				sbuf_printf(&b, " photo %ld/%ld", at, nf);
		} else
			sbuf_printf(&b, " %ld/%ld", a->count ? a->cur + 1 : 0, a->count);
		break;
	case VIEW_FEEDS: sbuf_printf(&b, " feed %ld/%zu", a->nfeeds ? a->fcur + 1 : 0, a->nfeeds); break;
	case VIEW_ERRORS: sbuf_printf(&b, " errors %zu", a->nerrs); break;
	case VIEW_HELP: sbuf_adds(&b, " help"); break;
	}
	if (a->unread >= 0)
		sbuf_printf(&b, "  %ld unread", a->unread);
	if (a->reload && reload_pending(a->reload)) {
		struct reload_totals t;
		size_t done, total, failed;
		reload_get_totals(a->reload, &t);
		done = t.done, total = t.feeds, failed = t.failed;
		sbuf_printf(&b, "  fetching %zu/%zu feeds", done, total);
		if (failed)
			sbuf_printf(&b, " (%zu failed)", failed);
	}
	if (a->pages_loading)
		sbuf_adds(&b, "  loading article");
	int used = draw_text(stdscr, r->y, r->x, sbuf_str(&b), r->w);
	sbuf_free(&b);
	if (a->msg && used + 2 < r->w) {
		attrset(a->msg_error ? ui_attr(UA_ERROR) : ui_attr(UA_STATUS));
		draw_text(stdscr, r->y, r->x + used + 2, a->msg, r->w - used - 2);
	} else if (!a->msg && used + 12 < r->w) {
		draw_text(stdscr, r->y, r->x + r->w - 9, "? help", 8);
	}
	attrset(A_NORMAL);
}

/* The rows of the tallest figure's caption and credit: the captions strip shows at least
 * that many, so no credit is cut off under its caption. */
static int caps_max_figure(const struct plines *p)
{
	int best = 0, run = 0;
	for (size_t i = 0; i < p->n; i++) {
		run = i && p->v[i].item == p->v[i - 1].item && p->v[i].item >= 0 ? run + 1 : p->v[i].item >= 0;
		if (run > best)
			best = run;
	}
	return best;
}

static void app_layout(struct app *a)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	int open = a->view == VIEW_STORIES && a->story != NULL;
	struct story *s = a->story;
	int nmore = s && s->art ? 2 * (int)s->art->nmore : 0; /* first guesses of the rows */
	int ncap = 3 * (int)story_ncaptions(s);
	layout_compute(&a->lay, rows, cols, a->layout_mode, open, ncap, nmore);
	if (s && (a->lay.more.h || (a->lay.captions.h && a->lay.captions.y != a->lay.body.y))) {
		/* the strips as tall as their wrapped lines */
		story_render(s, 0, a->lay.captions.w > 1 ? a->lay.captions.w - 1 : 0,
			     a->lay.more.w > 1 ? a->lay.more.w - 1 : 0);
		if (a->lay.captions.h && a->lay.captions.y != a->lay.body.y)
			ncap = (int)s->caps.n;
		if (a->lay.more.h)
			nmore = (int)s->more.n;
		layout_compute(&a->lay, rows, cols, a->layout_mode, open, ncap, nmore);
	}
	if (s) {
		int cap_rows = 0, more_rows = 0;
		if (a->lay.captions.h) {
			story_render(s, 0, a->lay.captions.w > 1 ? a->lay.captions.w - 1 : 0, 0);
			cap_rows = 1 + caps_max_figure(&s->caps);
		}
		if (a->lay.more.h && a->focus == FOCUS_MORE) {
			/* a focused more-from strip takes up to half the screen for the teasers */
			more_rows = 1 + (int)s->more.n;
			if (more_rows > (rows - 1) / 2)
				more_rows = (rows - 1) / 2;
		}
		layout_grow(&a->lay, cap_rows, more_rows);
		story_render(s, a->lay.body.w > 1 ? a->lay.body.w - 1 : 0,
			     a->lay.captions.w > 1 ? a->lay.captions.w - 1 : 0,
			     a->lay.more.w > 1 ? a->lay.more.w - 1 : 0);
	}
	/* the focus cannot stay on a pane that is not shown */
	if ((a->focus == FOCUS_BODY && !a->lay.body.h) || (a->focus == FOCUS_CAPTIONS && !a->lay.captions.h) ||
	    (a->focus == FOCUS_MORE && !a->lay.more.h))
		a->focus = a->lay.body.h ? FOCUS_BODY : FOCUS_LIST;
}

static void app_draw(struct app *a)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	app_layout(a);
	erase();
	curs_set(0);
	if (a->view == VIEW_HELP) {
		draw_help(a, rows, cols);
	} else if (a->view == VIEW_FEEDS) {
		struct rect r = {0, 0, rows - 1, cols};
		draw_feeds(a, &r);
	} else if (a->view == VIEW_ERRORS) {
		struct rect r = {0, 0, rows - 1, cols};
		draw_errors(a, &r);
	} else {
		draw_list(a, &a->lay.list);
		if (a->lay.wide && a->lay.body.h) {
			for (int y = 0; y < rows - 1; y++)
				mvadd_wch(y, a->lay.list.w, WACS_VLINE);
		}
		if (a->lay.captions.h && a->lay.wide && a->lay.captions.y == a->lay.body.y) {
			for (int y = 0; y < a->lay.captions.h; y++)
				mvadd_wch(y, a->lay.captions.x - 1, WACS_VLINE);
		}
		draw_body(a, &a->lay.body);
		draw_captions(a, &a->lay.captions);
		draw_more(a, &a->lay.more);
	}
	draw_status(a, &a->lay.status);
	if (a->prompting)
		curs_set(1);
	refresh();
	a->dirty = 0;
}

/* ---- actions -------------------------------------------------------------------- */

static void feeds_refresh(struct app *a)
{
	store_feeds_free(a->feeds, a->nfeeds);
	a->feeds = NULL;
	a->nfeeds = 0;
	char err[CRIER_ERRSZ];
	if (store_feeds(a->store, &a->feeds, &a->nfeeds, err, sizeof err) < 0)
		app_msg(a, 1, "%s", err);
	if (a->fcur >= (long)a->nfeeds)
		a->fcur = a->nfeeds ? (long)a->nfeeds - 1 : 0;
}

static void errors_open(struct app *a)
{
	/* the stored per-feed errors first (they outlive a session), then this session's */
	feeds_refresh(a);
	struct uerror *old = a->errs;
	size_t nold = a->nerrs;
	a->errs = NULL;
	a->nerrs = 0;
	for (size_t i = 0; i < a->nfeeds; i++) {
		if (!a->feeds[i].error)
			continue;
		app_error_add(a, a->feeds[i].url, a->feeds[i].error);
		if (a->feeds[i].last_fetch != CRIER_NO_DATE)
			a->errs[a->nerrs - 1].when = (time_t)a->feeds[i].last_fetch;
	}
	for (size_t i = 0; i < nold; i++) {
		int dup = 0;
		for (size_t j = 0; j < a->nerrs && !dup; j++)
			dup = strcmp(a->errs[j].what, old[i].what) == 0 && strcmp(a->errs[j].reason, old[i].reason) == 0;
		if (!dup) {
			a->errs = xrealloc(a->errs, (a->nerrs + 1) * sizeof *a->errs);
			a->errs[a->nerrs++] = old[i];
		} else {
			free(old[i].what);
			free(old[i].reason);
		}
	}
	free(old);
	a->ecur = a->etop = 0;
	a->view = VIEW_ERRORS;
}

static long pane_height(const struct rect *r) { return r->h > 1 ? r->h - 1 : 1; }

/* Moves the cursor of the focused pane by d (lines or items). */
static void move_by(struct app *a, long d)
{
	struct story *s = a->story;
	switch (a->view) {
	case VIEW_HELP: a->htop += d; return;
	case VIEW_FEEDS:
		a->fcur += d;
		if (a->fcur >= (long)a->nfeeds) a->fcur = (long)a->nfeeds - 1;
		if (a->fcur < 0) a->fcur = 0;
		return;
	case VIEW_ERRORS:
		a->ecur += d;
		if (a->ecur >= (long)a->nerrs) a->ecur = (long)a->nerrs - 1;
		if (a->ecur < 0) a->ecur = 0;
		return;
	case VIEW_STORIES: break;
	}
	switch (a->focus) {
	case FOCUS_LIST:
		a->cur += d;
		if (a->cur >= a->count) a->cur = a->count - 1;
		if (a->cur < 0) a->cur = 0;
		break;
	case FOCUS_BODY:
		if (s) s->top += d;
		break;
	case FOCUS_CAPTIONS:
		/* by whole figures */
		for (long i = 0; s && i < (d < 0 ? -d : d); i++)
			s->cap_top = caps_step(&s->caps, s->cap_top, d < 0 ? -1 : 1);
		break;
	case FOCUS_MORE:
		if (s && s->art) {
			s->more_cur += d;
			if (s->more_cur >= (long)s->art->nmore) s->more_cur = (long)s->art->nmore - 1;
			if (s->more_cur < 0) s->more_cur = 0;
		}
		break;
	default: break;
	}
}

static long page_size(struct app *a)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	(void)cols;
	if (a->view != VIEW_STORIES)
		return rows > 3 ? rows - 3 : 1;
	switch (a->focus) {
	case FOCUS_BODY: return pane_height(&a->lay.body) > 2 ? pane_height(&a->lay.body) - 1 : 1;
	case FOCUS_CAPTIONS: return 1; /* a figure at a time */
	case FOCUS_MORE: return pane_height(&a->lay.more) / 3 ? pane_height(&a->lay.more) / 3 : 1;
	default: return pane_height(&a->lay.list);
	}
}

static void next_unread(struct app *a, int dir)
{
	for (long i = a->cur + dir; i >= 0 && i < a->count; i += dir) {
		struct store_row *r = list_row(a, i);
		if (!r)
			break;
		if (r->unread) {
			a->cur = i;
			if (a->focus != FOCUS_LIST || a->story)
				open_list_item(a);
			return;
		}
	}
	app_msg(a, 0, "no %s unread story", dir > 0 ? "next" : "previous");
}

static void body_search_next(struct app *a, int dir)
{
	struct story *s = a->story;
	if (!s || !s->doc || !a->body_search)
		return;
	long n = (long)s->doc->nlines;
	for (long i = s->top + dir; i >= 0 && i < n; i += dir) {
		if (contains_ci(s->doc->lines[i].text, a->body_search)) {
			s->top = i;
			return;
		}
	}
	app_msg(a, 0, "'%s' not found further", a->body_search);
}

static void open_browser(struct app *a)
{
	const char *url = NULL;
	char *feed_url = NULL;
	int allow_file = 0;
	if (a->view == VIEW_STORIES && a->focus == FOCUS_MORE && a->story && a->story->art &&
	    a->story->art->nmore) {
		url = a->story->art->more[a->story->more_cur].url;
		feed_url = xstrdup(a->story->feed_url);
	} else if (a->view == VIEW_STORIES && a->story && a->focus != FOCUS_LIST) {
		url = a->story->page_url;
		feed_url = xstrdup(a->story->feed_url);
	} else if (a->view == VIEW_STORIES) {
		struct store_row *r = list_row(a, a->cur);
		url = r ? r->link : NULL;
		feed_url = r ? feed_url_of(a, r->feed_id) : NULL;
	}
	if (!url || !*url) {
		free(feed_url);
		app_msg(a, 1, "this story has no link");
		return;
	}
	/* Links come from the network: only what crier itself would load goes to the
	 * browser (http(s), or a local feed's own pages), never javascript:, file: or an
	 * argument-like "-..." that a browser would take for an option. */
	if (!page_url_allowed(feed_url, url, &allow_file) || url[0] == '-') {
		free(feed_url);
		app_msg(a, 1, "not opening a link that is not http(s): %s", url);
		return;
	}
	free(feed_url);
	char *u = xstrdup(url);
	char err[CRIER_ERRSZ] = "";
	def_prog_mode();
	endwin();
	int rc = browser_run(browser_command(settings_get_str(&a->set, SET_browser)), u, err, sizeof err);
	reset_prog_mode();
	refresh();
	if (rc < 0)
		app_msg(a, 1, "%s", err);
	else if (rc > 0)
		app_msg(a, 1, "the browser exited with status %d", rc);
	else
		app_msg(a, 0, "opened %s", u);
	free(u);
	clearok(curscr, TRUE);
}

static void set_search(struct app *a, const char *text)
{
	if (a->focus == FOCUS_BODY && a->story) {
		free(a->body_search);
		a->body_search = *text ? xstrdup(text) : NULL;
		if (a->body_search) {
			a->story->top--;
			body_search_next(a, 1);
		}
		return;
	}
	free(a->q_search);
	a->q_search = *text ? xstrdup(text) : NULL;
	a->cur = a->top = 0;
	rowcache_clear(a); /* a new list: no story to follow */
	list_refresh(a);
	if (a->q_search)
		app_msg(a, 0, "%ld stories match '%s' (q clears)", a->count, text);
	a->focus = FOCUS_LIST;
}

static void prompt_key(struct app *a, int fn, wint_t c)
{
	if (a->prompt_kind == PROMPT_QUIT) {
		a->prompting = 0;
		if (!fn && (c == 'y' || c == 'Y'))
			a->quit = 1;
		a->dirty = 1;
		return;
	}
	if ((!fn && (c == '\n' || c == '\r')) || (fn && c == KEY_ENTER)) {
		char mb[1024];
		a->pbuf[a->plen] = 0;
		size_t r = wcstombs(mb, a->pbuf, sizeof mb);
		if (r == (size_t)-1)
			mb[0] = 0;
		mb[sizeof mb - 1] = 0;
		text_clean_line(mb);
		a->prompting = 0;
		if (a->prompt_kind == PROMPT_SEARCH) {
			set_search(a, mb);
		} else {
			free(a->q_tag);
			a->q_tag = *mb ? xstrdup(mb) : NULL;
			a->cur = a->top = 0;
			rowcache_clear(a); /* a new list: no story to follow */
			list_refresh(a);
		}
	} else if (!fn && c == 27) {
		a->prompting = 0;
	} else if ((fn && c == KEY_BACKSPACE) || (!fn && (c == 127 || c == 8))) {
		if (a->plen)
			a->plen--;
		else
			a->prompting = 0;
	} else if (!fn && c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) &&
		   a->plen < (int)(sizeof a->pbuf / sizeof a->pbuf[0]) - 1) {
		a->pbuf[a->plen++] = (wchar_t)c;
	}
	a->pbuf[a->plen] = 0;
	a->dirty = 1;
}

static void start_prompt(struct app *a, int kind)
{
	a->prompting = 1;
	a->prompt_kind = kind;
	a->plen = 0;
	a->pbuf[0] = 0;
}

static void do_open(struct app *a)
{
	switch (a->view) {
	case VIEW_HELP: return;
	case VIEW_FEEDS:
		if (a->nfeeds) {
			a->q.feed_id = a->feeds[a->fcur].id;
			a->cur = a->top = 0;
			rowcache_clear(a); /* a new list: no story to follow */
			a->view = VIEW_STORIES;
			a->focus = FOCUS_LIST;
			list_refresh(a);
		}
		return;
	case VIEW_ERRORS: return;
	case VIEW_STORIES: break;
	}
	if (a->focus == FOCUS_LIST) {
		open_list_item(a);
	} else if (a->focus == FOCUS_MORE && a->story && a->story->art && a->story->art->nmore) {
		const struct more_link *m = &a->story->art->more[a->story->more_cur];
		open_url(a, m->url, m->title, m->summary);
	}
}

static void do_back(struct app *a)
{
	if (a->view != VIEW_STORIES) {
		a->view = a->view == VIEW_HELP ? a->help_from : VIEW_STORIES;
		if (a->view == VIEW_FEEDS)
			feeds_refresh(a);
		return;
	}
	if (a->focus != FOCUS_LIST && go_back(a))
		return;
	if (a->focus != FOCUS_LIST) {
		a->focus = FOCUS_LIST;
		return;
	}
}

static void do_quit(struct app *a)
{
	if (a->prompting) {
		a->prompting = 0;
		return;
	}
	if (a->view != VIEW_STORIES) {
		do_back(a);
		return;
	}
	if (a->focus != FOCUS_LIST) {
		if (!go_back(a))
			a->focus = FOCUS_LIST;
		return;
	}
	if (a->q_search || a->q_tag || a->q.feed_id) {
		free(a->q_search);
		free(a->q_tag);
		a->q_search = a->q_tag = NULL;
		int64_t was = a->q.feed_id;
		a->q.feed_id = 0;
		a->cur = a->top = 0;
		rowcache_clear(a); /* a new list: no story to follow */
		list_refresh(a);
		if (was) {
			feeds_refresh(a);
			a->view = VIEW_FEEDS;
		}
		return;
	}
	if (settings_get_bool(&a->set, SET_confirm_quit)) {
		a->prompting = 1;
		a->prompt_kind = PROMPT_QUIT;
		a->plen = 0;
		a->pbuf[0] = 0;
		return;
	}
	a->quit = 1;
}

static void cycle_focus(struct app *a, int dir)
{
	if (a->view != VIEW_STORIES)
		return;
	for (int i = 1; i <= FOCUS_COUNT; i++) {
		enum focus f = (enum focus)(((int)a->focus + dir * i + FOCUS_COUNT * 2) % FOCUS_COUNT);
		const struct rect *r = f == FOCUS_LIST ? &a->lay.list : f == FOCUS_BODY ? &a->lay.body :
				       f == FOCUS_CAPTIONS ? &a->lay.captions : &a->lay.more;
		if (r->h) {
			a->focus = f;
			return;
		}
	}
}

static int64_t current_feed(struct app *a)
{
	if (a->view == VIEW_FEEDS && a->nfeeds)
		return a->feeds[a->fcur].id;
	if (a->q.feed_id)
		return a->q.feed_id;
	struct store_row *r = list_row(a, a->cur);
	return r ? r->feed_id : 0;
}

static void run_action(struct app *a, enum action act, int arg)
{
	switch (act) {
	case ACT_down: move_by(a, 1); break;
	case ACT_up: move_by(a, -1); break;
	case ACT_open: do_open(a); break;
	case ACT_back: do_back(a); break;
	case ACT_next_pane: cycle_focus(a, 1); break;
	case ACT_prev_pane: cycle_focus(a, -1); break;
	case ACT_page_down: move_by(a, page_size(a)); break;
	case ACT_page_up: move_by(a, -page_size(a)); break;
	case ACT_top: move_by(a, -(1L << 40)); break;
	case ACT_bottom: move_by(a, 1L << 40); break;
	case ACT_next_unread:
	case ACT_prev_unread: {
		int dir = act == ACT_next_unread ? 1 : -1;
		if (a->view != VIEW_STORIES)
			break;
		if (a->focus == FOCUS_BODY && a->body_search)
			body_search_next(a, dir);
		else if (a->q_search && a->focus == FOCUS_LIST)
			move_by(a, dir);
		else
			next_unread(a, dir);
		break;
	}
	case ACT_search:
		if (a->view == VIEW_STORIES)
			start_prompt(a, PROMPT_SEARCH);
		break;
	case ACT_reload: {
		int64_t f = current_feed(a);
		if (f)
			reload_start(a, f);
		break;
	}
	case ACT_reload_all: reload_start(a, 0); break;
	case ACT_mark_feed_read: {
		int64_t f = current_feed(a);
		if (f && store_mark_feed_read(a->store, f) == 0) {
			list_refresh(a);
			if (a->view == VIEW_FEEDS)
				feeds_refresh(a);
			app_msg(a, 0, "feed marked read");
		}
		break;
	}
	case ACT_toggle_read: {
		struct store_row *r = a->view == VIEW_STORIES ? list_row(a, a->cur) : NULL;
		if (r && store_mark_read(a->store, r->id, r->unread) == 0) {
			r->unread = !r->unread;
			a->unread = store_count_unread(a->store);
		}
		break;
	}
	case ACT_open_browser: open_browser(a); break;
	case ACT_more_from:
		if (a->view == VIEW_STORIES && a->lay.more.h)
			a->focus = FOCUS_MORE;
		else
			app_msg(a, 0, "no more-from links here");
		break;
	case ACT_follow_link: {
		struct story *s = a->story;
		if (a->view != VIEW_STORIES || !s || !s->doc || arg < 1 || (size_t)arg > s->doc->nlinks) {
			app_msg(a, 1, "no link %d in this story", arg);
			break;
		}
		open_url(a, s->doc->links[arg - 1], NULL, NULL);
		break;
	}
	case ACT_feeds:
		feeds_refresh(a);
		a->view = VIEW_FEEDS;
		break;
	case ACT_tag_filter:
		if (a->view == VIEW_STORIES)
			start_prompt(a, PROMPT_TAG);
		break;
	case ACT_errors: errors_open(a); break;
	case ACT_help:
		if (a->view != VIEW_HELP) {
			a->help_from = a->view;
			a->view = VIEW_HELP;
			a->htop = 0;
		}
		break;
	case ACT_quit: do_quit(a); break;
	default: break;
	}
	a->dirty = 1;
}

static const struct rect *rect_at(struct app *a, int y, int x, enum focus *f)
{
	const struct rect *rs[FOCUS_COUNT] = {&a->lay.list, &a->lay.body, &a->lay.captions, &a->lay.more};
	for (int i = 0; i < FOCUS_COUNT; i++) {
		const struct rect *r = rs[i];
		if (r->h && y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w) {
			*f = (enum focus)i;
			return r;
		}
	}
	return NULL;
}

static void mouse_event(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || a->view != VIEW_STORIES)
		return;
	enum focus f;
	const struct rect *r = rect_at(a, ev.y, ev.x, &f);
	if (!r)
		return;
	a->focus = f;
	if (ev.bstate & BUTTON4_PRESSED) {
		move_by(a, -3);
	}
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED) {
		move_by(a, 3);
	}
#endif
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
		long row = ev.y - r->y - 1;
		if (row < 0)
			return;
		if (f == FOCUS_LIST && a->top + row < a->count) {
			a->cur = a->top + row;
			open_list_item(a);
		} else if (f == FOCUS_MORE && a->story && a->story->art) {
			long i = more_link_at(a->story, r, row);
			if (i >= 0 && i < (long)a->story->art->nmore) {
				a->story->more_cur = i;
				do_open(a);
			}
		}
	}
	a->dirty = 1;
}

static void handle_key(struct app *a, int rc, wint_t c)
{
	int fn = rc == KEY_CODE_YES;
	if (fn && c == KEY_RESIZE) {
		a->dirty = 1;
		return;
	}
	if (fn && c == KEY_MOUSE) {
		mouse_event(a);
		return;
	}
	if (a->prompting) {
		prompt_key(a, fn, c);
		return;
	}
	free(a->msg);
	a->msg = NULL;
	struct keycode k = {fn, (int)c};
	int arg = 0;
	enum action act = keymap_lookup(&a->keys, k, &arg);
	if (act != ACT_NONE)
		run_action(a, act, arg);
	a->dirty = 1;
}

/* ---- start and the loop --------------------------------------------------------- */

static void settings_warn(void *ctx, const char *msg)
{
	struct app *a = ctx;
	app_error_add(a, a->config_path ? a->config_path : "config", msg);
	app_msg(a, 1, "%s", msg);
}

static void apply_settings(struct app *a, struct fetch_limits *lim)
{
	const struct settings *s = &a->set;
	for (size_t i = 0; i < s->nbinds; i++) {
		char err[CRIER_ERRSZ];
		if (keymap_bind(&a->keys, s->binds[i].key, s->binds[i].action, err, sizeof err) < 0) {
			char msg[CRIER_ERRSZ + 300];
			snprintf(msg, sizeof msg, "%s:%d: %s", s->path ? s->path : "config", s->binds[i].line, err);
			settings_warn(a, msg);
		}
	}
	const char *lay = settings_get_str(s, SET_layout);
	a->layout_mode = strcmp(lay, "wide") == 0 ? LAYOUT_WIDE : strcmp(lay, "narrow") == 0 ? LAYOUT_NARROW : LAYOUT_AUTO;
	a->q.order = strcmp(settings_get_str(s, SET_sort_order), "unread-first") == 0 ? STORE_UNREAD_FIRST : STORE_BY_DATE;
	fetch_limits_from_settings(lim, s);
}

/* The keyboard fd polled readable but gave no key: readable with nothing to read is
 * end of file or a hang-up, and polling it again would spin. */
static int terminal_gone(void)
{
	int avail = 0;
	return ioctl(STDIN_FILENO, FIONREAD, &avail) < 0 || avail == 0;
}

static void app_free(struct app *a)
{
	history_clear(a);
	free(a->hist);
	story_free(a->story);
	rowcache_clear(a);
	store_feeds_free(a->feeds, a->nfeeds);
	for (size_t i = 0; i < a->nerrs; i++) {
		free(a->errs[i].what);
		free(a->errs[i].reason);
	}
	free(a->errs);
	plines_free(&a->help);
	if (a->reload)
		reload_free(a->reload);
	if (a->fetch)
		fetch_free(a->fetch);
	if (a->store)
		store_close(a->store);
	settings_free(&a->set);
	keymap_free(&a->keys);
	free(a->q_search);
	free(a->q_tag);
	free(a->body_search);
	free(a->msg);
	free(a->urls_path);
	free(a->cache_path);
	free(a->config_path);
}

static double since_ms(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

int app_run(struct app *a)
{
	int empty_wakeups = 0;
	while (!a->quit) {
		if (a->list_stale && since_ms(&a->list_stamp) > 300)
			list_refresh(a);
		if (a->dirty)
			app_draw(a);
		if (a->counts_pending) {
			list_refresh(a);
			continue;
		}
		int busy = fetch_pending(a->fetch) > 0;
		int r = reload_poll_shared(a->reload, a->fetch, STDIN_FILENO, busy ? 50 : 1000);
		if (r < 0 && errno != EINTR) {
			/* a failure of poll itself: do not spin */
			struct timespec ts = {0, 20 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
		if (busy)
			a->dirty = 1;
		wint_t c;
		int rc, keys = 0;
		while (!a->quit && (rc = get_wch(&c)) != ERR) {
			handle_key(a, rc, c);
			keys++;
		}
		/* Readable again and again with nothing to read: the terminal hung up. Leave
		 * (read state is already saved). One such wake-up alone can be a partial key
		 * sequence that curses holds back. */
		if (r == 1 && keys == 0 && terminal_gone()) {
			if (++empty_wakeups >= 50)
				a->quit = 1;
		} else {
			empty_wakeups = 0;
		}
		if (a->reload && !reload_pending(a->reload) && !a->pages_loading && fetch_pending(a->fetch) == 0) {
			struct reload_totals t;
			size_t total, failed;
			reload_get_totals(a->reload, &t);
			total = t.feeds, failed = t.failed;
			if (total) {
				store_expire(a->store, settings_get_int(&a->set, SET_keep_read_items),
					     settings_get_int(&a->set, SET_max_item_age));
				reload_free(a->reload);
				a->reload = NULL;
				list_refresh(a);
				app_msg(a, failed != 0, "reloaded %zu feeds, %zu failed%s", total, failed,
						failed ? " (e lists them)" : "");
			}
		}
	}
	return 0;
}

int ui_main(const struct cli *c)
{
	struct app app;
	struct app *a = &app;
	memset(a, 0, sizeof *a);
	char err[CRIER_ERRSZ];

	int refresh = c->refresh;
	if (c->demo) {
		/* the bundled publication: file:// feeds in a urls file and a cache of its own */
		if (demo_prepare(c, &a->urls_path, &a->cache_path) < 0) {
			app_free(a);
			return 2;
		}
		refresh = 1;
	} else {
		a->urls_path = cli_urls_path(c);
		a->cache_path = cli_cache_path(c);
	}
	a->config_path = cli_config_path(c);
	if (!a->urls_path || !a->cache_path || !a->config_path) {
		app_free(a);
		return 2;
	}
	settings_init(&a->set);
	keymap_init(&a->keys);
	/* config problems are shown inside the interface; crier starts with the rest */
	settings_load(&a->set, a->config_path, c->config_file == NULL, settings_warn, a);
	struct fetch_limits lim;
	apply_settings(a, &lim);

	if (cli_make_parent(a->cache_path) < 0) {
		fprintf(stderr, "crier: cannot create the directory of %s\n", a->cache_path);
		app_free(a);
		return 2;
	}
	a->store = store_open(a->cache_path, err, sizeof err);
	if (!a->store) {
		fprintf(stderr, "crier: %s\n", err);
		app_free(a);
		return 2;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (!initscr()) {
		fprintf(stderr, "crier: cannot start the terminal\n");
		app_free(a);
		return 2;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	const char *nc = getenv("NO_COLOR");
	attrs_init(settings_get_bool(&a->set, SET_color) && !(nc && *nc));

	/* the cache's first rows on screen first; then the urls file and the network */
	list_first_rows(a);
	app_draw(a);
	a->fetch = fetch_new(&lim, err, sizeof err);
	if (!a->fetch) {
		endwin();
		fprintf(stderr, "crier: %s\n", err);
		app_free(a);
		return 2;
	}
	sync_urls(a);
	list_first_rows(a);
	if (refresh || settings_get_bool(&a->set, SET_refresh_on_startup))
		reload_start(a, 0);
	a->dirty = 1;
	app_run(a);

	/* transfers still running are dropped; every finished feed is already stored */
	endwin();
	reload_free(a->reload); /* cancels the feeds still running on the shared fetcher */
	a->reload = NULL;
	fetch_free(a->fetch);
	a->fetch = NULL;
	while (a->page_jobs)
		page_job_free(a->page_jobs);
	app_free(a);
	return 0;
}
