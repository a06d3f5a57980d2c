/* store_sync: the cache's side of a remote source: flags, the queue of changes a sync
 * sends (filled by the triggers of migration 8), the server's feeds, stories and state. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crier/store.h"
#include "store_internal.h"

struct store_sync {
	struct store *s;
	sqlite3_stmt *story; /* a story's server id and state, after store_update_item */
};

static int fail(struct store *s, char *err, size_t errsz, const char *what)
{
	store_db_err(s, err, errsz, what);
	return -1;
}

/* Runs one statement with up to two integer parameters. 0 or -1. */
static int run2(struct store *s, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_mark_flag(struct store *s, int64_t item_id, int flagged)
{
	return run2(s, "UPDATE items SET flagged = ?2 WHERE id = ?1", item_id, flagged ? 1 : 0);
}

int store_item_flagged(struct store *s, int64_t item_id)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "SELECT flagged FROM items WHERE id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return v;
}

int store_changes(struct store *s, struct store_change **out, size_t *n, char *err, size_t errsz)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT seq, remote_id, field, value FROM changes"
			       " ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return fail(s, err, errsz, "reading the queued changes");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_change *c;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		c = &(*out)[(*n)++];
		c->seq = sqlite3_column_int64(st, 0);
		c->remote_id = sqlite3_column_int64(st, 1);
		c->field = sqlite3_column_int(st, 2);
		c->value = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fail(s, err, errsz, "reading the queued changes");
	}
	return 0;
}

int store_changes_sent(struct store *s, int64_t upto_seq, char *err, size_t errsz)
{
	if (run2(s, "DELETE FROM changes WHERE seq <= ?1", upto_seq, 0) != 0)
		return fail(s, err, errsz, "removing the sent changes from the queue");
	return 0;
}

struct store_sync *store_sync_begin(struct store *s, char *err, size_t errsz)
{
	struct store_sync *ss;
	if (store_batch_begin(s, err, errsz) != 0)
		return NULL;
	ss = xcalloc(1, sizeof *ss);
	ss->s = s;
	if (sqlite3_exec(s->db, "INSERT INTO sync_quiet VALUES(1)", NULL, NULL, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(s->db, "UPDATE items SET remote_id = ?3, unread = ?4,"
				  " flagged = ?5 WHERE feed_id = ?1 AND guid = ?2", -1, &ss->story,
				  NULL) != SQLITE_OK) {
		fail(s, err, errsz, "starting a sync");
		store_sync_end(ss, NULL, 0);
		return NULL;
	}
	return ss;
}

int store_sync_end(struct store_sync *ss, char *err, size_t errsz)
{
	struct store *s = ss->s;
	int rc = 0;
	sqlite3_finalize(ss->story);
	if (sqlite3_exec(s->db, "DELETE FROM sync_quiet", NULL, NULL, NULL) != SQLITE_OK)
		rc = fail(s, err, errsz, "ending a sync");
	if (store_batch_commit(s, rc ? NULL : err, errsz) != 0)
		rc = -1;
	free(ss);
	return rc;
}

int store_sync_state(struct store *s, const char *source, int64_t *last_id, int64_t *when)
{
	sqlite3_stmt *st;
	*last_id = 0;
	*when = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT last_id, COALESCE(synced, 0) FROM sync_state"
			       " WHERE source = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*last_id = sqlite3_column_int64(st, 0);
		*when = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return 0;
}

int store_sync_set_state(struct store *s, const char *source, int64_t last_id,
			 char *err, size_t errsz)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO sync_state(source, last_id, synced)"
			       " VALUES(?1, ?2, ?3) ON CONFLICT(source) DO UPDATE SET"
			       " last_id = MAX(last_id, ?2), synced = ?3", -1, &st, NULL) != SQLITE_OK)
		return fail(s, err, errsz, "saving the sync state");
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, last_id);
	sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(s, err, errsz, "saving the sync state");
}

int store_remote_feed(struct store *s, int64_t remote_id, const char *url, const char *title,
		      const char *tags, int64_t *feed_id, char *err, size_t errsz)
{
	if (store_feed_ensure(s, url, title ? title : "", tags ? tags : "", feed_id, err, errsz) != 0)
		return -1;
	if (run2(s, "UPDATE feeds SET remote_id = ?2 WHERE id = ?1", *feed_id, remote_id) != 0)
		return fail(s, err, errsz, "storing a feed's server id");
	return 0;
}

/* Fills the temporary table of ids that the next statement compares with. */
static int put_ids(struct store *s, const int64_t *ids, size_t n)
{
	sqlite3 *db = s->db;
	sqlite3_stmt *st;
	size_t i;
	if (sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS sync_ids(id INTEGER PRIMARY KEY);"
			 "DELETE FROM temp.sync_ids", NULL, NULL, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO temp.sync_ids VALUES(?1)", -1, &st,
				  NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

int store_remote_prune(struct store *s, const int64_t *remote_ids, size_t n,
		       char *err, size_t errsz)
{
	if (put_ids(s, remote_ids, n) != 0
	    || (s->niw && store_index_flush(s, 0) != 0)
	    || sqlite3_exec(s->db, "DELETE FROM feeds WHERE remote_id IS NULL"
			    " OR remote_id NOT IN (SELECT id FROM temp.sync_ids)",
			    NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, err, errsz, "dropping the feeds the server no longer has");
	return 0;
}

int64_t store_remote_feed_id(struct store *s, int64_t remote_id)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM feeds WHERE remote_id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, remote_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int store_remote_story(struct store_sync *ss, struct store_update *u, int64_t feed_id,
		       int64_t remote_id, const struct feed_item *it, int unread, int flagged,
		       int *is_new)
{
	int rc;
	if (store_update_item(u, it, is_new) != 0)
		return -1;
	sqlite3_reset(ss->story);
	sqlite3_bind_int64(ss->story, 1, feed_id);
	sqlite3_bind_text(ss->story, 2, it->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ss->story, 3, remote_id);
	sqlite3_bind_int(ss->story, 4, unread ? 1 : 0);
	sqlite3_bind_int(ss->story, 5, flagged ? 1 : 0);
	rc = sqlite3_step(ss->story);
	sqlite3_reset(ss->story);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_remote_state(struct store_sync *ss, int which, const int64_t *ids, size_t n,
		       long *changed, char *err, size_t errsz)
{
	static const char *const sql[2] = {
		"UPDATE items SET unread = (remote_id IN (SELECT id FROM temp.sync_ids))"
		" WHERE remote_id IS NOT NULL"
		" AND unread IS NOT (remote_id IN (SELECT id FROM temp.sync_ids))"
		" AND remote_id NOT IN (SELECT remote_id FROM changes WHERE field = 0)",
		"UPDATE items SET flagged = (remote_id IN (SELECT id FROM temp.sync_ids))"
		" WHERE remote_id IS NOT NULL"
		" AND flagged IS NOT (remote_id IN (SELECT id FROM temp.sync_ids))"
		" AND remote_id NOT IN (SELECT remote_id FROM changes WHERE field = 1)",
	};
	struct store *s = ss->s;
	*changed = 0;
	if (put_ids(s, ids, n) != 0
	    || sqlite3_exec(s->db, sql[which ? 1 : 0], NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, err, errsz, which ? "taking the server's flags"
			    : "taking the server's read state");
	*changed = sqlite3_changes(s->db);
	return 0;
}
