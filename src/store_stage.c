/* store_stage: the spill area for a big feed's parsed items while its transfer runs. */
#include "config.h"
#include "store_internal.h"

#include <stdlib.h>

/* ---- the spill area ---- */

struct store_stage {
	sqlite3 *db;
	sqlite3_stmt *put, *get, *drop;
};

struct store_stage *store_stage_new(char *err, size_t errsz)
{
	struct store_stage *st = xcalloc(1, sizeof *st);
	/* "": a private database in a temporary file, removed when closed. Nothing here
	 * needs to survive a crash, so no journal and no sync. */
	if (sqlite3_open_v2("", &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
	    || sqlite3_exec(st->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
			    "CREATE TABLE staged (key INTEGER NOT NULL, title, link, ident, author,"
			    " summary, content, published, updated, categories, enclosures, media);"
			    "CREATE INDEX staged_key ON staged(key);", NULL, NULL, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(st->db, "INSERT INTO staged VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,"
				  " ?8, ?9, ?10, ?11, ?12)", -1, &st->put, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(st->db, "SELECT title, link, ident, author, summary, content,"
				  " published, updated, categories, enclosures, media FROM staged"
				  " WHERE key = ?1 ORDER BY rowid DESC", -1, &st->get, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(st->db, "DELETE FROM staged WHERE key = ?1", -1, &st->drop, NULL) != SQLITE_OK) {
		err_set(err, errsz, "cannot open a temporary file for parsed items: %s",
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_stage_free(st);
		return NULL;
	}
	return st;
}

void store_stage_free(struct store_stage *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->put);
	sqlite3_finalize(st->get);
	sqlite3_finalize(st->drop);
	sqlite3_close(st->db);
	free(st);
}

int store_stage_put(struct store_stage *st, int64_t key, const struct feed_item *it)
{
	char *cats = store_enc_categories(it), *encs = store_enc_enclosures(it), *media = store_enc_media(it);
	sqlite3_stmt *p = st->put;
	int rc;
	sqlite3_reset(p);
	sqlite3_bind_int64(p, 1, key);
	store_bind_text(p, 2, it->title);
	store_bind_text(p, 3, it->link);
	store_bind_text(p, 4, it->id);
	store_bind_text(p, 5, it->author);
	/* staged as the cache keeps them (plain text already as HTML): the staged row has
	 * no room for the type */
	store_bind_story_text(NULL, p, 6, it->summary, it->summary_type);
	store_bind_story_text(NULL, p, 7, it->content, it->content_type);
	store_bind_date(p, 8, it->published);
	store_bind_date(p, 9, it->updated);
	store_bind_text(p, 10, cats && *cats ? cats : NULL);
	store_bind_text(p, 11, encs && *encs ? encs : NULL);
	store_bind_text(p, 12, media && *media ? media : NULL);
	rc = sqlite3_step(p) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(p);
	free(cats);
	free(encs);
	free(media);
	return rc;
}

int store_stage_apply(struct store_stage *st, int64_t key, struct store_update *u, long *new_items)
{
	sqlite3_stmt *g = st->get;
	int rc = 0, step;
	sqlite3_reset(g);
	sqlite3_bind_int64(g, 1, key);
	while ((step = sqlite3_step(g)) == SQLITE_ROW) {
		struct feed_item *it = store_item_from_row(NULL, g, 0, NULL, 0);
		int is_new = 0;
		rc = it ? store_update_item(u, it, &is_new) : -1;
		feed_item_free(it);
		if (rc != 0)
			break;
		*new_items += is_new;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = -1;
	sqlite3_reset(g);
	store_stage_drop(st, key);
	return rc;
}

void store_stage_drop(struct store_stage *st, int64_t key)
{
	sqlite3_reset(st->drop);
	sqlite3_bind_int64(st->drop, 1, key);
	sqlite3_step(st->drop);
	sqlite3_reset(st->drop);
}
