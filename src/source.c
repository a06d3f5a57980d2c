/* source: one sync of a remote source with the cache: queued changes out, then the
 * server's feeds, new stories and read and flag state in. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crier/source.h"
#include "crier/util.h"

/* Ids per updateArticle request: keeps each request small and well under any limit. */
#define SEND_MAX 200
/* Stories written per transaction: a reader's marks wait at most this long for the lock. */
#define STORIES_PER_TX 500

void source_feeds_free(struct source_feed *f, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(f[i].url);
		free(f[i].title);
		free(f[i].tags);
	}
	free(f);
}

void source_free(struct source *src)
{
	if (src && src->ops && src->ops->free)
		src->ops->free(src->impl);
	if (src) {
		src->ops = NULL;
		src->impl = NULL;
	}
}

static void progress(struct source *src, const char *stage, long n)
{
	if (src->on_progress)
		src->on_progress(src->progress_ctx, stage, n);
}

/* Sends the queue in order: each run of changes with the same field and value is one
 * request (order between runs kept), and leaves the queue once the server said yes. */
static int send_changes(struct source *src, struct store *s, struct source_sync_stats *st,
			char *err, size_t errsz)
{
	struct store_change *c;
	int64_t *ids;
	size_t n, i = 0;
	int rc = 0;
	if (store_changes(s, &c, &n, err, errsz) != 0)
		return -1;
	ids = xmalloc((n ? n : 1) * sizeof *ids);
	while (i < n && rc == 0) {
		size_t j = i, k = 0;
		while (j < n && k < SEND_MAX && c[j].field == c[i].field && c[j].value == c[i].value)
			ids[k++] = c[j++].remote_id;
		if (src->ops->send(src->impl, c[i].field, c[i].value, ids, k, err, errsz) != 0
		    || store_changes_sent(s, c[j - 1].seq, err, errsz) != 0)
			rc = -1;
		else
			st->sent += k;
		if (rc == 0)
			progress(src, "sending", (long)st->sent);
		i = j;
	}
	free(ids);
	free(c);
	return rc;
}

struct feed_map {
	int64_t remote, local;
};

static int map_cmp(const void *a, const void *b)
{
	const struct feed_map *x = a, *y = b;
	return x->remote < y->remote ? -1 : x->remote > y->remote;
}

static int sync_feeds(struct source *src, struct store *s, struct feed_map **map, size_t *nmap,
		      struct source_sync_stats *st, char *err, size_t errsz)
{
	struct source_feed *f;
	struct store_sync *ss;
	int64_t *ids;
	size_t n, i;
	int rc = 0;
	if (src->ops->feeds(src->impl, &f, &n, err, errsz) != 0)
		return -1;
	ss = store_sync_begin(s, err, errsz);
	if (!ss) {
		source_feeds_free(f, n);
		return -1;
	}
	*map = xcalloc(n + 1, sizeof **map);
	ids = xcalloc(n + 1, sizeof *ids);
	for (i = 0; i < n && rc == 0; i++) {
		ids[i] = f[i].remote_id;
		(*map)[i].remote = f[i].remote_id;
		rc = store_remote_feed(s, f[i].remote_id, f[i].url, f[i].title, f[i].tags,
				       &(*map)[i].local, err, errsz);
	}
	/* An empty list is more likely a server's glitch than a reader who unsubscribed
	 * from everything: dropping every feed (and its flagged stories) on it loses too
	 * much, so an empty list prunes nothing. */
	if (rc == 0 && n > 0)
		rc = store_remote_prune(s, ids, n, err, errsz);
	if (store_sync_end(ss, rc ? NULL : err, errsz) != 0)
		rc = -1;
	*nmap = n;
	qsort(*map, n, sizeof **map, map_cmp);
	st->feeds = n;
	free(ids);
	source_feeds_free(f, n);
	return rc;
}

/* The stories pass: a feed update is open while consecutive stories share a feed. */
struct story_pass {
	struct store *s;
	struct store_sync *ss;
	struct store_update *u;
	int64_t feed;          /* the open update's feed */
	const struct feed_map *map;
	size_t nmap;
	struct source *src;
	int64_t max_id;
	long written, stored, new_items;
};

static int close_update(struct story_pass *p, char *err, size_t errsz)
{
	struct store_update *u = p->u;
	p->u = NULL;
	if (!u)
		return 0;
	return store_update_commit(u, NULL, NULL, NULL, 200, err, errsz);
}

/* The end of a page of stories: what it brought is committed before the server is asked
 * for the next, so another connection (the reader's marks) never waits on the network. */
static int end_page(struct story_pass *p, char *err, size_t errsz)
{
	int rc = close_update(p, err, errsz);
	if (p->ss && store_sync_end(p->ss, rc ? NULL : err, errsz) != 0)
		rc = -1;
	p->ss = NULL;
	p->written = 0;
	if (rc == 0)
		progress(p->src, "stories", p->stored);
	return rc;
}

static int on_story(void *ctx, const struct source_story *st, char *err, size_t errsz)
{
	struct story_pass *p = ctx;
	struct feed_map key, *m;
	int is_new;
	if (!st)
		return end_page(p, err, errsz);
	key.remote = st->feed_remote_id;
	key.local = 0;
	m = bsearch(&key, p->map, p->nmap, sizeof *p->map, map_cmp);
	if (!m)
		return 0; /* a feed the server did not list (archived stories): not shown */
	if (p->u && p->feed != m->local && close_update(p, err, errsz) != 0)
		return -1;
	if (!p->u && p->ss && p->written >= STORIES_PER_TX) {
		/* Let the reader in between: commit, and go on in a new transaction. */
		p->written = 0;
		if (store_sync_end(p->ss, err, errsz) != 0) {
			p->ss = NULL;
			return -1;
		}
		p->ss = NULL;
	}
	/* begun at a page's first story: not while the page was awaited */
	if (!p->ss && !(p->ss = store_sync_begin(p->s, err, errsz)))
		return -1;
	if (!p->u) {
		p->u = store_update_begin(p->s, m->local, err, errsz);
		if (!p->u)
			return -1;
		p->feed = m->local;
	}
	if (store_remote_story(p->ss, p->u, m->local, st->remote_id, st->item, st->unread,
			       st->flagged, &is_new) != 0) {
		store_update_fail(p->u, 200, "storing a story");
		p->u = NULL;
		err_set(err, errsz, "storing the story %lld of the server failed",
			(long long)st->remote_id);
		return -1;
	}
	p->written++;
	p->stored++;
	p->new_items += is_new;
	if (st->remote_id > p->max_id)
		p->max_id = st->remote_id;
	return 0;
}

static int sync_stories(struct source *src, struct store *s, const struct feed_map *map,
			size_t nmap, struct source_sync_stats *st, char *err, size_t errsz)
{
	struct story_pass p = {0};
	int64_t since, when;
	int rc;
	store_sync_state(s, src->ops->name, &since, &when);
	p.s = s;
	p.src = src;
	p.map = map;
	p.nmap = nmap;
	p.max_id = since;
	rc = src->ops->stories(src->impl, since, on_story, &p, err, errsz);
	if (rc == 0)
		rc = close_update(&p, err, errsz);
	else if (p.u)
		store_update_fail(p.u, 0, err);
	/* The last id moves only once every story up to it is in: a sync cut short
	 * fetches the same stories again next time rather than miss one. */
	if (rc == 0 && !p.ss && !(p.ss = store_sync_begin(s, err, errsz)))
		rc = -1;
	if (rc == 0)
		rc = store_sync_set_state(s, src->ops->name, p.max_id, err, errsz);
	if (p.ss && store_sync_end(p.ss, rc ? NULL : err, errsz) != 0)
		rc = -1;
	st->new_items = p.new_items;
	return rc;
}

static int sync_state(struct source *src, struct store *s, struct source_sync_stats *st,
		      char *err, size_t errsz)
{
	int64_t *unread = NULL, *flagged = NULL;
	size_t nu = 0, nf = 0;
	struct store_sync *ss;
	long changed = 0, c2 = 0;
	int rc = -1;
	if (src->ops->state_ids(src->impl, 0, &unread, &nu, err, errsz) != 0
	    || src->ops->state_ids(src->impl, 1, &flagged, &nf, err, errsz) != 0)
		goto out;
	if (!(ss = store_sync_begin(s, err, errsz)))
		goto out;
	rc = store_remote_state(ss, 0, unread, nu, &changed, err, errsz);
	if (rc == 0)
		rc = store_remote_state(ss, 1, flagged, nf, &c2, err, errsz);
	if (store_sync_end(ss, rc ? NULL : err, errsz) != 0)
		rc = -1;
	st->changed = changed + c2;
out:
	free(unread);
	free(flagged);
	return rc;
}

int source_sync(struct source *src, struct store *s, struct source_sync_stats *st,
		char *err, size_t errsz)
{
	struct feed_map *map = NULL;
	size_t nmap = 0;
	int64_t since, when;
	int rc, first;
	memset(st, 0, sizeof *st);
	store_sync_state(s, src->ops->name, &since, &when);
	first = since == 0;
	/* Ours first: the server's state read afterwards already holds them. */
	if (send_changes(src, s, st, err, errsz) != 0) {
		text_clean_line(err);
		return -1;
	}
	rc = sync_feeds(src, s, &map, &nmap, st, err, errsz);
	if (rc == 0) {
		progress(src, "feeds", (long)nmap);
		rc = sync_stories(src, s, map, nmap, st, err, errsz);
	}
	/* A first sync has just taken every story with its state: no second pass. */
	if (rc == 0 && !first) {
		progress(src, "state", 0);
		rc = sync_state(src, s, st, err, errsz);
	}
	free(map);
	/* The message may quote the server (its error text, a JSON parser's excerpt):
	 * no control character of it reaches a terminal. */
	if (rc != 0)
		text_clean_line(err);
	return rc;
}
