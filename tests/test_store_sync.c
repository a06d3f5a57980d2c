/* The sync of a remote source with the cache, on a pretend server kept in memory: what
 * a first sync stores, the queue of changes (order, once only, kept through a failure),
 * the server's state taken for the rest, flags in the Saved view and out of expiry. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "crier/source.h"
#include "crier/store.h"

#define NSTORY 10

/* The pretend server: two feeds, stories 1..NSTORY (odd ones in feed 7, even in 8). */
struct server {
	int up;
	int unread[NSTORY + 1], marked[NSTORY + 1];
	int nstories;           /* stories 1..nstories exist */
	char sent[1024];        /* every update received, "id:field=value " in order */
	int feed8;              /* 0: feed 8 was unsubscribed */
	int empty;              /* 1: the feed list comes back empty (a glitch) */
	int page;               /* stories per page (0: one page, no page end told) */
	/* While the server is awaited between pages, the reader (another connection to the
	 * cache) flags a story: how long that took, and whether it was stored. */
	struct store *reader;
	int64_t reader_story;
	double reader_ms;
	int reader_rc;
};

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int srv_feeds(void *impl, struct source_feed **out, size_t *n, char *err, size_t errsz)
{
	struct server *sv = impl;
	if (!sv->up) {
		err_set(err, errsz, "pretend server: down");
		return -1;
	}
	*out = calloc(2, sizeof **out);
	if (sv->empty) {
		*n = 0;
		return 0;
	}
	(*out)[0].remote_id = 7;
	(*out)[0].url = strdup("http://moor.example/feed");
	(*out)[0].title = strdup("Moor Gazette");
	(*out)[0].tags = strdup("Uplands");
	*n = 1;
	if (sv->feed8) {
		(*out)[1].remote_id = 8;
		(*out)[1].url = strdup("http://fen.example/feed");
		(*out)[1].title = strdup("Fen Courier");
		*n = 2;
	}
	return 0;
}

static int srv_stories(void *impl, int64_t since_id,
		       int (*on_story)(void *, const struct source_story *, char *, size_t),
		       void *ctx, char *err, size_t errsz)
{
	struct server *sv = impl;
	int i;
	for (i = (int)since_id + 1; i <= sv->nstories; i++) {
		struct feed_item it = {0};
		struct source_story st;
		char id[32], title[64];
		snprintf(id, sizeof id, "srv:%d", i);
		snprintf(title, sizeof title, "Story %d", i);
		it.id = id;
		it.title = title;
		it.content = "<p>Text.</p>";
		it.published = 1700000000 + i;
		it.updated = CRIER_NO_DATE;
		st.remote_id = i;
		st.feed_remote_id = i % 2 ? 7 : 8;
		st.item = &it;
		st.unread = sv->unread[i];
		st.flagged = sv->marked[i];
		if (st.feed_remote_id == 8 && !sv->feed8)
			continue;
		if (on_story(ctx, &st, err, errsz) != 0)
			return -1;
		if (sv->page && i % sv->page == 0) {
			if (on_story(ctx, NULL, err, errsz) != 0)
				return -1;
			if (sv->reader) { /* the next page is awaited */
				double t0 = now_ms();
				sv->reader_rc = store_mark_flag(sv->reader, sv->reader_story, 1);
				sv->reader_ms = now_ms() - t0;
			}
		}
	}
	return 0;
}

static int srv_state(void *impl, int which, int64_t **ids, size_t *n, char *err, size_t errsz)
{
	struct server *sv = impl;
	int i;
	(void)err;
	(void)errsz;
	*ids = calloc(NSTORY + 1, sizeof **ids);
	*n = 0;
	for (i = 1; i <= sv->nstories; i++)
		if (which ? sv->marked[i] : sv->unread[i])
			(*ids)[(*n)++] = i;
	return 0;
}

static int srv_send(void *impl, int field, int value, const int64_t *ids, size_t n,
		    char *err, size_t errsz)
{
	struct server *sv = impl;
	size_t i;
	if (!sv->up) {
		err_set(err, errsz, "pretend server: down\033]0;owned\007\033[2J");
		return -1;
	}
	for (i = 0; i < n; i++) {
		char one[40];
		if (field == STORE_CHANGE_READ)
			sv->unread[ids[i]] = !value;
		else
			sv->marked[ids[i]] = value;
		snprintf(one, sizeof one, "%lld:%s=%d ", (long long)ids[i],
			 field == STORE_CHANGE_READ ? "read" : "flag", value);
		strncat(sv->sent, one, sizeof sv->sent - strlen(sv->sent) - 1);
	}
	return 0;
}

static long srv_unread(void *impl, char *err, size_t errsz)
{
	struct server *sv = impl;
	long n = 0;
	int i;
	(void)err;
	(void)errsz;
	for (i = 1; i <= sv->nstories; i++)
		n += sv->unread[i];
	return n;
}

static const struct source_ops srv_ops = {
	"pretend", srv_feeds, srv_stories, srv_state, srv_send, srv_unread, NULL,
};

static int64_t story_id(struct store *s, const char *title)
{
	struct store_query q = {0};
	struct store_row rows[32];
	long n = store_rows(s, &q, 0, 32, rows), i;
	int64_t id = 0;
	for (i = 0; i < n; i++) {
		if (rows[i].title && strcmp(rows[i].title, title) == 0)
			id = rows[i].id;
		store_row_clear(&rows[i]);
	}
	return id;
}

/* "title:unread:flagged" of one story, in a static buffer. */
static const char *story_state(struct store *s, const char *title)
{
	static char buf[96];
	struct store_query q = {0};
	struct store_row rows[32];
	long n = store_rows(s, &q, 0, 32, rows), i;
	snprintf(buf, sizeof buf, "%s: gone", title);
	for (i = 0; i < n; i++) {
		if (rows[i].title && strcmp(rows[i].title, title) == 0)
			snprintf(buf, sizeof buf, "%s:%d:%d", title, rows[i].unread, rows[i].flagged);
		store_row_clear(&rows[i]);
	}
	return buf;
}

static long queued(struct store *s)
{
	struct store_change *c;
	size_t n = 0;
	char err[CRIER_ERRSZ];
	if (store_changes(s, &c, &n, err, sizeof err) != 0)
		return -1;
	free(c);
	return (long)n;
}

int main(void)
{
	char path[] = "/tmp/crier-test-sync-XXXXXX";
	char db[64], err[CRIER_ERRSZ];
	struct server sv = {0};
	struct source src = {&srv_ops, &sv, NULL, NULL};
	struct source_sync_stats st;
	struct store_query saved = {0};
	struct store *s;
	int fd = mkstemp(path);
	int i;

	if (fd < 0)
		return 1;
	close(fd);
	unlink(path);
	snprintf(db, sizeof db, "%s.db", path);
	s = store_open(db, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return CHECK_DONE();

	sv.up = 1;
	sv.feed8 = 1;
	sv.nstories = 4;
	for (i = 1; i <= NSTORY; i++)
		sv.unread[i] = 1;
	sv.unread[2] = 0;
	sv.marked[3] = 1;

	/* first sync: every story with the server's state, feeds with their category */
	CHECK_INT(source_sync(&src, s, &st, err, sizeof err), 0);
	CHECK_INT(st.feeds, 2);
	CHECK_INT(st.new_items, 4);
	CHECK_INT(store_count_unread(s), 3);
	CHECK_STR(story_state(s, "Story 2"), "Story 2:0:0");
	CHECK_STR(story_state(s, "Story 3"), "Story 3:1:1");
	CHECK_INT(queued(s), 0); /* the server's own state is not queued back to it */
	{
		struct store_query q = {0};
		q.tag = "Uplands";
		CHECK_INT(store_count(s, &q), 2); /* stories 1 and 3, of the categorised feed */
	}
	saved.flagged_only = 1;
	CHECK_INT(store_count(s, &saved), 1);

	/* the user's changes are queued in order, and sent in that order, once */
	store_mark_read(s, story_id(s, "Story 1"), 1);
	store_mark_flag(s, story_id(s, "Story 4"), 1);
	store_mark_read(s, story_id(s, "Story 1"), 0);
	store_mark_flag(s, story_id(s, "Story 3"), 0);
	CHECK_INT(queued(s), 4);
	CHECK_INT(store_count(s, &saved), 1); /* story 4 in, story 3 out */
	CHECK_INT(source_sync(&src, s, &st, err, sizeof err), 0);
	CHECK_STR(sv.sent, "1:read=1 4:flag=1 1:read=0 3:flag=0 ");
	CHECK_INT(st.sent, 4);
	CHECK_INT(queued(s), 0);
	CHECK(sv.unread[1] == 1 && sv.marked[4] == 1 && sv.marked[3] == 0);
	CHECK_STR(story_state(s, "Story 1"), "Story 1:1:0");
	sv.sent[0] = '\0';
	CHECK_INT(source_sync(&src, s, &st, err, sizeof err), 0);
	CHECK_STR(sv.sent, ""); /* nothing twice */

	/* server down: the sync fails with the server's reason, the queue and cache keep all */
	sv.up = 0;
	store_mark_read(s, story_id(s, "Story 4"), 1);
	CHECK_INT(source_sync(&src, s, &st, err, sizeof err), -1);
	CHECK(strstr(err, "pretend server: down") != NULL);
	/* the server's words reach a terminal without their control characters */
	CHECK(strchr(err, '\033') == NULL && strchr(err, '\007') == NULL);
	CHECK_INT(queued(s), 1);
	CHECK_STR(story_state(s, "Story 4"), "Story 4:0:1");
	/* meanwhile the server marks 4 unread again and 1 read: ours is applied last */
	sv.unread[4] = 1;
	sv.unread[1] = 0;
	sv.up = 1;
	sv.nstories = 6;
	CHECK_INT(source_sync(&src, s, &st, err, sizeof err), 0);
	CHECK_INT(st.new_items, 2);
	CHECK_INT(sv.unread[4], 0);
	CHECK_STR(story_state(s, "Story 4"), "Story 4:0:1");
	CHECK_STR(story_state(s, "Story 1"), "Story 1:0:0"); /* the server's change taken */
	CHECK_INT(queued(s), 0);
	CHECK_INT(store_count_unread(s), srv_unread(&sv, err, sizeof err));

	/* flagged stories stay when read stories expire (the feed no longer lists them) */
	CHECK_STR(story_state(s, "Story 2"), "Story 2:0:0"); /* read, not flagged */
	CHECK_INT(store_expire(s, 0, 1), 0); /* dates are from 2023: everything read is old */
	CHECK_STR(story_state(s, "Story 4"), "Story 4:0:1");
	CHECK_STR(story_state(s, "Story 2"), "Story 2: gone");

	/* a feed the server drops leaves with its stories */
	sv.feed8 = 0;
	CHECK_INT(source_sync(&src, s, &st, err, sizeof err), 0);
	CHECK_INT(st.feeds, 1);
	CHECK_STR(story_state(s, "Story 4"), "Story 4: gone");
	CHECK_STR(story_state(s, "Story 3"), "Story 3:1:0");

	/* an empty feed list from the server drops no feed (nor its stories) */
	{
		struct store_feed *fl = NULL;
		size_t before = 0, after = 0;
		sv.up = 1;
		CHECK_INT(store_feeds(s, &fl, &before, err, sizeof err), 0);
		store_feeds_free(fl, before);
		sv.empty = 1;
		CHECK_INT(source_sync(&src, s, &st, err, sizeof err), 0);
		CHECK_INT(store_feeds(s, &fl, &after, err, sizeof err), 0);
		store_feeds_free(fl, after);
		CHECK(before > 0);
		CHECK_INT((int)after, (int)before);
		sv.empty = 0;
	}

	/* the server answers in pages; while the next page is awaited, the reader's own
	 * connection writes at once: the sync holds no lock across the network */
	{
		struct store *r = store_open(db, err, sizeof err);
		CHECK(r != NULL);
		if (r) {
			sv.feed8 = 1;
			sv.nstories = NSTORY; /* 7..10 are new: two pages */
			sv.page = 2;
			sv.reader = r;
			sv.reader_story = story_id(s, "Story 3");
			sv.reader_rc = -1;
			CHECK_INT(source_sync(&src, s, &st, err, sizeof err), 0);
			CHECK_INT(sv.reader_rc, 0);
			CHECK(sv.reader_ms < 1000);
			CHECK_STR(story_state(s, "Story 3"), "Story 3:1:1");
			CHECK_INT(queued(s), 1); /* the reader's flag goes out at the next sync */
			sv.reader = NULL;
			sv.page = 0;
			store_close(r);
		}
	}

	store_close(s);
	unlink(db);
	{
		char side[80];
		snprintf(side, sizeof side, "%s-wal", db);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", db);
		unlink(side);
	}
	return CHECK_DONE();
}
