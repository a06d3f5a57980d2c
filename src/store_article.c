/* store_article: extracted articles with their figures and more-from links, by URL. */
#include "config.h"
#include "store_internal.h"
#include "crier/extract.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- articles ---- */

/* One row of a figure or a more-from link: the article's URL, the position, then the
 * text columns in the statement's order. */
static int put_row(struct store *s, enum stmt_id id, const char *url, size_t pos,
		   const char *const *v, int nv)
{
	sqlite3_stmt *st = store_stmt(s, id);
	int k;
	if (!st)
		return -1;
	store_bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, (int64_t)pos);
	for (k = 0; k < nv; k++)
		store_bind_text(st, 3 + k, v[k]);
	return store_step_done(st);
}

/* Inside a reload's batch (the interface serves article pages from the same poll) the
 * article is a savepoint of the batch, else its own transaction. */
int store_article_put(struct store *s, const struct article *a)
{
	sqlite3_stmt *st;
	size_t i;
	int nested, ok = 0;
	if (!a || !a->url)
		return -1;
	nested = store_tx_begin(s, "article_put");
	if (nested < 0)
		return -1;
	st = store_stmt(s, S_ART_DEL);
	if (!st)
		goto out;
	store_bind_text(st, 1, a->url);
	if (store_step_done(st) != 0)
		goto out;
	st = store_stmt(s, S_ART_PUT);
	if (!st)
		goto out;
	store_bind_text(st, 1, a->url);
	store_bind_text(st, 2, a->title);
	store_bind_text(st, 3, a->byline);
	store_bind_text(st, 4, a->site);
	store_bind_date(st, 5, a->published);
	store_bind_text(st, 6, a->body);
	store_bind_text(st, 7, a->body_html);
	sqlite3_bind_int64(st, 8, (int64_t)time(NULL));
	store_bind_text(st, 9, a->standfirst && *a->standfirst ? a->standfirst : NULL);
	if (store_step_done(st) != 0)
		goto out;
	for (i = 0; i < a->nfigures; i++) {
		const struct figure *f = &a->figures[i];
		const char *v[] = {f->image, f->caption, f->credit};
		if (put_row(s, S_FIG_PUT, a->url, i, v, 3) != 0)
			goto out;
	}
	for (i = 0; i < a->nmore; i++) {
		const struct more_link *m = &a->more[i];
		const char *v[] = {m->title, m->url, m->summary, m->section, m->image, m->caption,
				   m->credit};
		if (put_row(s, S_MORE_PUT, a->url, i, v, 7) != 0)
			goto out;
	}
	ok = 1;
out:
	return store_tx_end(s, "article_put", nested, ok);
}

struct article *store_article_get(struct store *s, const char *url)
{
	sqlite3_stmt *st = store_stmt(s, S_ART_GET);
	struct article *a;
	size_t cap = 0;
	if (!st || !url)
		return NULL;
	store_bind_text(st, 1, url);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->url = store_col_text(st, 0);
	a->title = store_col_text(st, 1);
	a->byline = store_col_text(st, 2);
	a->site = store_col_text(st, 3);
	a->published = store_col_date(st, 4);
	a->body = store_col_text(st, 5);
	a->body_html = store_col_text(st, 6);
	a->standfirst = store_col_text(st, 7);
	sqlite3_reset(st);

	st = store_stmt(s, S_FIG_GET);
	if (st) {
		store_bind_text(st, 1, url);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (a->nfigures == cap) {
				cap = cap ? cap * 2 : 4;
				a->figures = xrealloc(a->figures, cap * sizeof *a->figures);
			}
			a->figures[a->nfigures].image = store_col_text(st, 0);
			a->figures[a->nfigures].caption = store_col_text(st, 1);
			a->figures[a->nfigures].credit = store_col_text(st, 2);
			a->nfigures++;
		}
		sqlite3_reset(st);
	}
	cap = 0;
	st = store_stmt(s, S_MORE_GET);
	if (st) {
		store_bind_text(st, 1, url);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (a->nmore == cap) {
				cap = cap ? cap * 2 : 4;
				a->more = xrealloc(a->more, cap * sizeof *a->more);
			}
			/* fields the cache does not keep (struct more_link grew) stay NULL */
			memset(&a->more[a->nmore], 0, sizeof a->more[a->nmore]);
			a->more[a->nmore].title = store_col_text(st, 0);
			a->more[a->nmore].url = store_col_text(st, 1);
			a->more[a->nmore].summary = store_col_text(st, 2);
			a->more[a->nmore].section = store_col_text(st, 3);
			a->more[a->nmore].image = store_col_text(st, 4);
			a->more[a->nmore].caption = store_col_text(st, 5);
			a->more[a->nmore].credit = store_col_text(st, 6);
			a->nmore++;
		}
		sqlite3_reset(st);
	}
	return a;
}
