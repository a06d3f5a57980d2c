/* store: the sqlite cache. One database file in WAL mode so that the interface can read
 * while a reload writes; every feed update is one transaction. */
#include "config.h"
#include "crier/store.h"
#include "crier/extract.h"
#include "feed_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

/* Migrations, applied in order inside one transaction each; PRAGMA user_version holds
 * how many have run. Never edit a released step: add a new one. */
static const char *const migrations[] = {
	/* 1: feeds, items, articles. */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"      /* as the urls file lists it */
	"  location TEXT,"                 /* after a permanent redirect, else NULL */
	"  custom_title TEXT,"             /* from the urls file */
	"  title TEXT, site TEXT, description TEXT,"
	"  tags TEXT,"
	"  etag TEXT, last_modified TEXT,"
	"  last_fetch INTEGER, status INTEGER, error TEXT,"
	"  generation INTEGER NOT NULL DEFAULT 0," /* successful updates so far */
	"  position INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  guid TEXT NOT NULL,"
	"  title TEXT, link TEXT, ident TEXT, author TEXT, summary TEXT, content TEXT,"
	"  published INTEGER, updated INTEGER,"
	"  categories TEXT, enclosures TEXT, media TEXT,"
	"  first_seen INTEGER NOT NULL,"
	"  date INTEGER NOT NULL,"          /* published, else updated, else first seen */
	"  seen_generation INTEGER NOT NULL," /* the feed's last update that listed it */
	"  unread INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE(feed_id, guid)"
	");"
	"CREATE INDEX items_feed_unread ON items(feed_id, unread);"
	"CREATE INDEX items_date ON items(date);"
	"CREATE INDEX items_unread_date ON items(unread, date);"
	"CREATE TABLE articles ("
	"  url TEXT PRIMARY KEY,"
	"  title TEXT, byline TEXT, site TEXT, published INTEGER,"
	"  body TEXT, body_html TEXT, fetched INTEGER"
	");"
	"CREATE TABLE figures ("
	"  article_url TEXT NOT NULL REFERENCES articles(url) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, image TEXT, caption TEXT, credit TEXT,"
	"  PRIMARY KEY(article_url, pos)"
	");"
	"CREATE TABLE more_links ("
	"  article_url TEXT NOT NULL REFERENCES articles(url) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, title TEXT, url TEXT, summary TEXT, section TEXT,"
	"  PRIMARY KEY(article_url, pos)"
	");",
	/* 2: per-feed counts kept by triggers, so that the feed list and print-unread read
	 * one row per feed instead of counting items. */
	"ALTER TABLE feeds ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;"
	"UPDATE items SET unread = 1 WHERE unread NOT IN (0, 1);"
	"UPDATE feeds SET"
	"  unread_count = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id AND i.unread = 1),"
	"  item_count = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id);"
	"CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN"
	"  UPDATE feeds SET item_count = item_count + 1, unread_count = unread_count + NEW.unread"
	"  WHERE id = NEW.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN"
	"  UPDATE feeds SET item_count = item_count - 1, unread_count = unread_count - OLD.unread"
	"  WHERE id = OLD.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_update AFTER UPDATE OF unread, feed_id ON items"
	" WHEN OLD.unread IS NOT NEW.unread OR OLD.feed_id IS NOT NEW.feed_id BEGIN"
	"  UPDATE feeds SET item_count = item_count - 1, unread_count = unread_count - OLD.unread"
	"  WHERE id = OLD.feed_id;"
	"  UPDATE feeds SET item_count = item_count + 1, unread_count = unread_count + NEW.unread"
	"  WHERE id = NEW.feed_id;"
	"END;",
	/* 3: counts no longer need (feed, unread); one feed's list is ordered by date. */
	("DROP INDEX items_feed_unread;"
	 "CREATE INDEX items_feed_date ON items(feed_id, date);"),
	/* 4: new items are counted once per feed update (store_update_commit), not by a
	 * trigger per row: a reload of 25k items spends less on it. Every insert into items
	 * goes through store_update_item. */
	"DROP TRIGGER items_count_insert;",
	/* 5: a more-from teaser keeps its own photo, caption and credit. */
	("ALTER TABLE more_links ADD COLUMN image TEXT;"
	 "ALTER TABLE more_links ADD COLUMN caption TEXT;"
	 "ALTER TABLE more_links ADD COLUMN credit TEXT;"),
	/* 6: ensuring a feed moves it last: MAX(position) by index, not by a scan per feed. */
	"CREATE INDEX feeds_position ON feeds(position);",
	/* 7: expiry asks, per old cached article, whether an item still links to it. */
	"CREATE INDEX items_link ON items(link);",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

enum stmt_id {
	S_FEED_FIND, S_FEED_INSERT, S_FEED_SET, S_FEEDS, S_FEED_GET,
	S_INFO, S_ITEM_INSERT, S_ITEM_UPDATE, S_ITEM_SEEN, S_COMMIT_FEED, S_CHECKED,
	S_ITEM_GET, S_MARK, S_MARK_FEED, S_UNREAD,
	S_COUNT_ALL, S_COUNT_FEED,
	S_ART_DEL, S_ART_PUT, S_FIG_PUT, S_MORE_PUT, S_ART_GET, S_FIG_GET, S_MORE_GET,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_FEED_FIND] = "SELECT id FROM feeds WHERE url = ?1",
	[S_FEED_INSERT] = "INSERT INTO feeds(url, custom_title, tags, position)"
		" VALUES(?1, NULLIF(?2, ''), NULLIF(?3, ''),"
		" (SELECT COALESCE(MAX(position), 0) + 1 FROM feeds))",
	/* Ensuring feeds in the urls file's order leaves them in that order. */
	[S_FEED_SET] = "UPDATE feeds SET custom_title = NULLIF(COALESCE(?2, custom_title), ''),"
		" tags = NULLIF(COALESCE(?3, tags), ''),"
		" position = (SELECT COALESCE(MAX(position), 0) + 1 FROM feeds) WHERE id = ?1",
#define FEED_COLS "f.id, f.url, COALESCE(f.custom_title, f.title), f.site, f.tags, f.etag," \
	" f.last_modified, f.last_fetch, f.status, f.error, f.location," \
	" f.unread_count, f.item_count"
	[S_FEEDS] = "SELECT " FEED_COLS " FROM feeds f ORDER BY f.position, f.id",
	[S_FEED_GET] = "SELECT " FEED_COLS " FROM feeds f WHERE f.id = ?1",
	[S_INFO] = "UPDATE feeds SET title = ?2, site = ?3, description = ?4 WHERE id = ?1",
	[S_ITEM_INSERT] = "INSERT INTO items(feed_id, guid, title, link, ident, author, summary,"
		" content, published, updated, categories, enclosures, media, first_seen, date,"
		" seen_generation)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" COALESCE(?9, ?10, ?14), ?15)"
		" ON CONFLICT(feed_id, guid) DO NOTHING",
	/* Only touches the row when something changed, so an unchanged item costs no write
	 * beyond its generation mark. */
	[S_ITEM_UPDATE] = "UPDATE items SET title = ?3, link = ?4, ident = ?5, author = ?6,"
		" summary = ?7, content = ?8, published = ?9, updated = ?10, categories = ?11,"
		" enclosures = ?12, media = ?13, date = COALESCE(?9, ?10, first_seen),"
		" seen_generation = ?15"
		" WHERE feed_id = ?1 AND guid = ?2 AND (title IS NOT ?3 OR link IS NOT ?4"
		" OR ident IS NOT ?5 OR author IS NOT ?6 OR summary IS NOT ?7 OR content IS NOT ?8"
		" OR published IS NOT ?9 OR updated IS NOT ?10 OR categories IS NOT ?11"
		" OR enclosures IS NOT ?12 OR media IS NOT ?13)",
	[S_ITEM_SEEN] = "UPDATE items SET seen_generation = ?3 WHERE feed_id = ?1 AND guid = ?2",
	[S_COMMIT_FEED] = "UPDATE feeds SET location = COALESCE(?2, location), etag = ?3,"
		" last_modified = ?4, status = ?5, error = NULL, last_fetch = ?6,"
		" generation = ?7, item_count = item_count + ?8, unread_count = unread_count + ?8"
		" WHERE id = ?1",
	[S_CHECKED] = "UPDATE feeds SET status = ?2, error = ?3, last_fetch = ?4 WHERE id = ?1",
	[S_ITEM_GET] = "SELECT title, link, ident, author, summary, content, published, updated,"
		" categories, enclosures, media FROM items WHERE id = ?1",
	[S_MARK] = "UPDATE items SET unread = ?2 WHERE id = ?1",
	[S_MARK_FEED] = "UPDATE items SET unread = 0 WHERE feed_id = ?1 AND unread = 1",
	[S_UNREAD] = "SELECT COALESCE(SUM(unread_count), 0) FROM feeds",
	[S_COUNT_ALL] = "SELECT COALESCE(SUM(CASE WHEN ?2 THEN unread_count ELSE item_count END), 0)"
		" FROM feeds",
	[S_COUNT_FEED] = "SELECT CASE WHEN ?2 THEN unread_count ELSE item_count END FROM feeds"
		" WHERE id = ?1",
	[S_ART_DEL] = "DELETE FROM articles WHERE url = ?1",
	[S_ART_PUT] = "INSERT INTO articles(url, title, byline, site, published, body, body_html,"
		" fetched) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_FIG_PUT] = "INSERT INTO figures(article_url, pos, image, caption, credit)"
		" VALUES(?1, ?2, ?3, ?4, ?5)",
	[S_MORE_PUT] = "INSERT INTO more_links(article_url, pos, title, url, summary, section,"
		" image, caption, credit) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_ART_GET] = "SELECT url, title, byline, site, published, body, body_html"
		" FROM articles WHERE url = ?1",
	[S_FIG_GET] = "SELECT image, caption, credit FROM figures WHERE article_url = ?1"
		" ORDER BY pos",
	[S_MORE_GET] = "SELECT title, url, summary, section, image, caption, credit FROM more_links"
		" WHERE article_url = ?1 ORDER BY pos",
};

/* List queries vary by which filters are set; each variant is prepared once. */
#define Q_FEED 1
#define Q_TAG 2
#define Q_SEARCH 4
#define Q_UNREAD 8
#define Q_UNREAD_FIRST 16
#define Q_VARIANTS 32

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_COUNT];
	sqlite3_stmt *count_q[Q_VARIANTS], *rows_q[Q_VARIANTS];
	int in_update;
	int batch; /* inside store_batch_begin: updates nest as savepoints */
};

struct store_update {
	struct store *s;
	int64_t feed_id, generation, now;
	int failed;
	char *error;   /* what failed first: later statements overwrite sqlite's message */
	long inserted; /* new items (unread), for the feed's counts at commit */
};

static void db_err(struct store *s, char *err, size_t errsz, const char *what)
{
	err_set(err, errsz, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static sqlite3_stmt *stmt_get(struct store *s, enum stmt_id id)
{
	if (!s->stmt[id] && sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
						&s->stmt[id], NULL) != SQLITE_OK) {
		s->stmt[id] = NULL;
		return NULL;
	}
	sqlite3_reset(s->stmt[id]);
	sqlite3_clear_bindings(s->stmt[id]);
	return s->stmt[id];
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_date(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == CRIER_NO_DATE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static int64_t col_date(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? CRIER_NO_DATE
		: sqlite3_column_int64(st, i);
}

/* Runs a statement that returns no rows; SQLITE_DONE is success. */
static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int exec(struct store *s, const char *sql, char *err, size_t errsz)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(err, errsz, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int migrate(struct store *s, char *err, size_t errsz)
{
	sqlite3_stmt *st;
	int version = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		db_err(s, err, errsz, "reading the schema version");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > SCHEMA_VERSION) {
		err_set(err, errsz, "%s: the cache was written by a newer crier (schema %d, this one knows %d)",
			s->path, version, SCHEMA_VERSION);
		return -1;
	}
	for (; version < SCHEMA_VERSION; version++) {
		char pragma[64];
		if (exec(s, "BEGIN IMMEDIATE", err, errsz) != 0)
			return -1;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
		if (exec(s, migrations[version], err, errsz) != 0 || exec(s, pragma, err, errsz) != 0) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (exec(s, "COMMIT", err, errsz) != 0)
			return -1;
	}
	return 0;
}

struct store *store_open(const char *path, char *err, size_t errsz)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err_set(err, errsz, "%s: cannot open the cache: %s", path,
			s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return NULL;
	}
	/* The interface and a reload may share the file: wait for the other's write. */
	sqlite3_busy_timeout(s->db, 10000);
	/* WAL keeps the file consistent after a crash; NORMAL sync is safe in WAL (a crash
	 * loses at most the last transactions, never consistency). */
	if (exec(s, "PRAGMA journal_mode = WAL", err, errsz) != 0
	    || exec(s, "PRAGMA synchronous = NORMAL", err, errsz) != 0
	    || exec(s, "PRAGMA foreign_keys = ON", err, errsz) != 0
	    || migrate(s, err, errsz) != 0) {
		store_close(s);
		return NULL;
	}
	return s;
}

void store_close(struct store *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	for (i = 0; i < Q_VARIANTS; i++) {
		sqlite3_finalize(s->count_q[i]);
		sqlite3_finalize(s->rows_q[i]);
	}
	if (s->db) {
		sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	free(s->path);
	free(s);
}

void store_feed_clear(struct store_feed *f)
{
	if (!f)
		return;
	free(f->url);
	free(f->title);
	free(f->site);
	free(f->tags);
	free(f->etag);
	free(f->last_modified);
	free(f->error);
	free(f->location);
	memset(f, 0, sizeof *f);
}

int store_feed_ensure(struct store *s, const char *url, const char *title, const char *tags,
		      int64_t *id, char *err, size_t errsz)
{
	sqlite3_stmt *st = stmt_get(s, S_FEED_FIND);
	int rc;
	if (!st)
		goto fail;
	bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		{
			st = stmt_get(s, S_FEED_SET);
			if (!st)
				goto fail;
			sqlite3_bind_int64(st, 1, *id);
			bind_text(st, 2, title);
			bind_text(st, 3, tags);
			if (step_done(st) != 0)
				goto fail;
		}
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;
	st = stmt_get(s, S_FEED_INSERT);
	if (!st)
		goto fail;
	bind_text(st, 1, url);
	bind_text(st, 2, title);
	bind_text(st, 3, tags);
	if (step_done(st) != 0)
		goto fail;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
fail:
	err_set(err, errsz, "%s: cannot add the feed %s: %s", s->path, url, sqlite3_errmsg(s->db));
	return -1;
}

static void feed_from_row(sqlite3_stmt *st, struct store_feed *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->url = col_text(st, 1);
	f->title = col_text(st, 2);
	f->site = col_text(st, 3);
	f->tags = col_text(st, 4);
	f->etag = col_text(st, 5);
	f->last_modified = col_text(st, 6);
	f->last_fetch = col_date(st, 7);
	f->status = sqlite3_column_int(st, 8);
	f->error = col_text(st, 9);
	f->location = col_text(st, 10);
	f->unread = sqlite3_column_int(st, 11);
	f->total = sqlite3_column_int(st, 12);
}

int store_feeds(struct store *s, struct store_feed **out, size_t *n, char *err, size_t errsz)
{
	sqlite3_stmt *st = stmt_get(s, S_FEEDS);
	struct store_feed *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st) {
		db_err(s, err, errsz, "listing feeds");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		feed_from_row(st, &v[len++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_err(s, err, errsz, "listing feeds");
		store_feeds_free(v, len);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}

void store_feeds_free(struct store_feed *f, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		store_feed_clear(&f[i]);
	free(f);
}

int store_feed_get(struct store *s, int64_t id, struct store_feed *out)
{
	sqlite3_stmt *st = stmt_get(s, S_FEED_GET);
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		feed_from_row(st, out);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

int store_feed_remove(struct store *s, int64_t id)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM feeds WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

/* A unit of writes that is all or nothing: its own transaction, or, when one is already
 * open (a reload's batch, a feed update), a savepoint inside it. Returns 1 when nested,
 * 0 when a transaction was begun, -1 on error. */
static int tx_begin(struct store *s, const char *name)
{
	char sql[64];
	if (sqlite3_get_autocommit(s->db))
		return sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	snprintf(sql, sizeof sql, "SAVEPOINT %s", name);
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 1 : -1;
}

/* Ends what tx_begin began: kept when ok, else undone. 0, or -1 when undone. */
static int tx_end(struct store *s, const char *name, int nested, int ok)
{
	char sql[96];
	if (ok) {
		if (nested)
			snprintf(sql, sizeof sql, "RELEASE %s", name);
		else
			snprintf(sql, sizeof sql, "COMMIT");
		if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
			return 0;
	}
	if (nested)
		snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", name, name);
	else
		snprintf(sql, sizeof sql, "ROLLBACK");
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return -1;
}

/* ---- one feed's update ---- */

/* Marks the update failed, keeping the first failure's message (naming what failed). */
static void update_failed(struct store_update *u, const char *what)
{
	struct sbuf m = SBUF_INIT;
	u->failed = -1;
	if (u->error)
		return;
	sbuf_printf(&m, "%s: %s", what, sqlite3_errmsg(u->s->db));
	text_clean_line(m.s);
	u->error = sbuf_steal(&m);
}

/* Undoes the current feed update: the whole transaction, or inside a batch only the
 * feed's savepoint. */
static void rollback(struct store *s)
{
	if (s->batch)
		sqlite3_exec(s->db, "ROLLBACK TO feed_update; RELEASE feed_update", NULL, NULL, NULL);
	else
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_batch_begin(struct store *s, char *err, size_t errsz)
{
	if (s->batch || s->in_update) {
		err_set(err, errsz, "%s: a batch or an update is already open", s->path);
		return -1;
	}
	if (exec(s, "BEGIN IMMEDIATE", err, errsz) != 0)
		return -1;
	s->batch = 1;
	return 0;
}

int store_batch_commit(struct store *s, char *err, size_t errsz)
{
	if (!s->batch)
		return 0;
	s->batch = 0;
	if (exec(s, "COMMIT", err, errsz) != 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int store_in_batch(const struct store *s)
{
	return s->batch;
}

struct store_update *store_update_begin(struct store *s, int64_t feed_id, char *err, size_t errsz)
{
	struct store_update *u;
	sqlite3_stmt *st;
	if (s->in_update) {
		err_set(err, errsz, "%s: an update is already running", s->path);
		return NULL;
	}
	if (exec(s, s->batch ? "SAVEPOINT feed_update" : "BEGIN IMMEDIATE", err, errsz) != 0)
		return NULL;
	u = xcalloc(1, sizeof *u);
	u->s = s;
	u->feed_id = feed_id;
	u->now = (int64_t)time(NULL);
	if (sqlite3_prepare_v2(s->db, "SELECT generation FROM feeds WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, feed_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			u->generation = sqlite3_column_int64(st, 0) + 1;
		sqlite3_finalize(st);
	}
	if (u->generation == 0) {
		err_set(err, errsz, "%s: no feed %lld in the cache", s->path, (long long)feed_id);
		rollback(s);
		free(u);
		return NULL;
	}
	s->in_update = 1;
	return u;
}

int store_update_info(struct store_update *u, const struct feed_info *f)
{
	sqlite3_stmt *st;
	if (u->failed)
		return -1;
	st = stmt_get(u->s, S_INFO);
	if (!st) {
		update_failed(u, "storing the feed's title");
		return -1;
	}
	sqlite3_bind_int64(st, 1, u->feed_id);
	bind_text(st, 2, f->title);
	bind_text(st, 3, f->link);
	bind_text(st, 4, f->description);
	if (step_done(st) != 0)
		update_failed(u, "storing the feed's title");
	return u->failed;
}

/* Lists are kept in one column each: fields separated by US (0x1f), records by RS
 * (0x1e), NULL written as a lone "-" and a value as "=" then the text. The parser has
 * already removed control characters; any left are dropped here so the split holds. */
static void enc_field(struct sbuf *b, const char *v)
{
	if (!v) {
		sbuf_addc(b, '-');
		return;
	}
	sbuf_addc(b, '=');
	for (; *v; v++)
		if (*v != '\x1e' && *v != '\x1f')
			sbuf_addc(b, *v);
}

static char *enc_categories(const struct feed_item *it)
{
	struct sbuf b = SBUF_INIT;
	size_t i;
	for (i = 0; i < it->ncategories; i++) {
		if (i)
			sbuf_addc(&b, '\x1e');
		enc_field(&b, it->categories[i]);
	}
	return sbuf_steal(&b);
}

static char *enc_enclosures(const struct feed_item *it)
{
	struct sbuf b = SBUF_INIT;
	size_t i;
	for (i = 0; i < it->nenclosures; i++) {
		char len[32];
		if (i)
			sbuf_addc(&b, '\x1e');
		enc_field(&b, it->enclosures[i].url);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, it->enclosures[i].type);
		sbuf_addc(&b, '\x1f');
		snprintf(len, sizeof len, "%lld", it->enclosures[i].length);
		enc_field(&b, len);
	}
	return sbuf_steal(&b);
}

static char *enc_media(const struct feed_item *it)
{
	struct sbuf b = SBUF_INIT;
	size_t i;
	for (i = 0; i < it->nmedia; i++) {
		const struct feed_media *m = &it->media[i];
		if (i)
			sbuf_addc(&b, '\x1e');
		enc_field(&b, m->url);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->type);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->title);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->caption);
		sbuf_addc(&b, '\x1f');
		enc_field(&b, m->credit);
	}
	return sbuf_steal(&b);
}

/* Splits an encoded list: *nrec records of nf fields each, into a new array of strings
 * (nrec * nf entries, NULL for absent values). */
static char **dec_list(const char *s, size_t nf, size_t *nrec)
{
	char **v = NULL;
	size_t n = 0, cap = 0, f;
	*nrec = 0;
	if (!s || !*s)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			v = xrealloc(v, cap * nf * sizeof *v);
		}
		for (f = 0; f < nf; f++) {
			size_t len = strcspn(s, "\x1e\x1f");
			v[n * nf + f] = (*s == '=') ? xstrndup(s + 1, len - 1) : NULL;
			s += len;
			if (*s == '\x1f')
				s++;
		}
		n++;
		/* A record with more fields than expected: skip the rest of it. */
		s += strcspn(s, "\x1e");
		if (*s != '\x1e')
			break;
		s++;
	}
	*nrec = n;
	return v;
}

/* The key that makes an item the same item across fetches: its id, else its link, else
 * its title, else its text. */
static const char *item_guid(const struct feed_item *it)
{
	if (it->id && *it->id)
		return it->id;
	if (it->link && *it->link)
		return it->link;
	if (it->title && *it->title)
		return it->title;
	if (it->summary && *it->summary)
		return it->summary;
	return it->content;
}

/* The cache keeps a story's text as HTML, which the reader renders: a feed's plain-text
 * summary or content (Atom type="text", itunes:summary) is escaped, its line breaks kept.
 * Bound with SQLITE_TRANSIENT, so the copy is freed right after. */
static void bind_story_text(sqlite3_stmt *st, int i, const char *v, const char *type)
{
	struct sbuf b = SBUF_INIT;
	const char *nl;
	if (!v || !type || strcmp(type, "text") != 0) {
		bind_text(st, i, v);
		return;
	}
	while ((nl = strchr(v, '\n')) != NULL) {
		html_escape(&b, v, (size_t)(nl - v));
		sbuf_adds(&b, "<br>");
		v = nl + 1;
	}
	html_escape(&b, v, strlen(v));
	bind_text(st, i, sbuf_str(&b));
	sbuf_free(&b);
}

static void bind_item(sqlite3_stmt *st, struct store_update *u, const char *guid,
		      const struct feed_item *it, char *cats, char *encs, char *media)
{
	sqlite3_bind_int64(st, 1, u->feed_id);
	bind_text(st, 2, guid);
	bind_text(st, 3, it->title);
	bind_text(st, 4, it->link);
	bind_text(st, 5, it->id);
	bind_text(st, 6, it->author);
	bind_story_text(st, 7, it->summary, it->summary_type);
	bind_story_text(st, 8, it->content, it->content_type);
	bind_date(st, 9, it->published);
	bind_date(st, 10, it->updated);
	bind_text(st, 11, *cats ? cats : NULL);
	bind_text(st, 12, *encs ? encs : NULL);
	bind_text(st, 13, *media ? media : NULL);
	sqlite3_bind_int64(st, 14, u->now);
	sqlite3_bind_int64(st, 15, u->generation);
}

int store_update_item(struct store_update *u, const struct feed_item *it, int *is_new)
{
	const char *guid = item_guid(it);
	char *cats, *encs, *media;
	sqlite3_stmt *st;
	int rc = -1;
	*is_new = 0;
	if (u->failed)
		return -1;
	if (!guid)
		return 0; /* an empty item: nothing a user could read */
	cats = enc_categories(it);
	encs = enc_enclosures(it);
	media = enc_media(it);
	if (!cats) cats = xstrdup("");
	if (!encs) encs = xstrdup("");
	if (!media) media = xstrdup("");
	st = stmt_get(u->s, S_ITEM_INSERT);
	if (!st)
		goto out;
	bind_item(st, u, guid, it, cats, encs, media);
	if (step_done(st) != 0)
		goto out;
	if (sqlite3_changes(u->s->db) > 0) {
		*is_new = 1;
		u->inserted++;
		rc = 0;
		goto out;
	}
	st = stmt_get(u->s, S_ITEM_UPDATE);
	if (!st)
		goto out;
	bind_item(st, u, guid, it, cats, encs, media);
	if (step_done(st) != 0)
		goto out;
	if (sqlite3_changes(u->s->db) == 0) {
		st = stmt_get(u->s, S_ITEM_SEEN);
		if (!st)
			goto out;
		sqlite3_bind_int64(st, 1, u->feed_id);
		bind_text(st, 2, guid);
		sqlite3_bind_int64(st, 3, u->generation);
		if (step_done(st) != 0)
			goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		struct sbuf what = SBUF_INIT;
		sbuf_printf(&what, "storing the item %.200s", guid);
		update_failed(u, what.s);
		sbuf_free(&what);
	}
	free(cats);
	free(encs);
	free(media);
	return rc;
}

int store_update_commit(struct store_update *u, const char *new_url, const char *etag,
			const char *last_modified, long status, char *err, size_t errsz)
{
	struct store *s = u->s;
	sqlite3_stmt *st;
	int rc = -1;
	if (u->failed) {
		err_set(err, errsz, "%s: %s", s->path, u->error ? u->error : "storing the feed's items failed");
		goto rollback;
	}
	st = stmt_get(s, S_COMMIT_FEED);
	if (!st) {
		db_err(s, err, errsz, "updating the feed");
		goto rollback;
	}
	sqlite3_bind_int64(st, 1, u->feed_id);
	bind_text(st, 2, new_url);
	bind_text(st, 3, etag);
	bind_text(st, 4, last_modified);
	sqlite3_bind_int64(st, 5, status);
	sqlite3_bind_int64(st, 6, u->now);
	sqlite3_bind_int64(st, 7, u->generation);
	sqlite3_bind_int64(st, 8, u->inserted);
	if (step_done(st) != 0) {
		db_err(s, err, errsz, "updating the feed");
		goto rollback;
	}
	if (exec(s, s->batch ? "RELEASE feed_update" : "COMMIT", err, errsz) != 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	rollback(s);
out:
	s->in_update = 0;
	free(u->error);
	free(u);
	return rc;
}

void store_update_fail(struct store_update *u, long status, const char *error)
{
	struct store *s;
	int64_t id;
	if (!u)
		return;
	s = u->s;
	id = u->feed_id;
	rollback(s);
	s->in_update = 0;
	free(u->error);
	free(u);
	store_feed_checked(s, id, status, error ? error : "update failed");
}

int store_feed_checked(struct store *s, int64_t feed_id, long status, const char *error)
{
	sqlite3_stmt *st = stmt_get(s, S_CHECKED);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, status);
	bind_text(st, 3, error);
	sqlite3_bind_int64(st, 4, (int64_t)time(NULL));
	return step_done(st);
}

/* ---- lists ---- */

void store_row_clear(struct store_row *r)
{
	if (!r)
		return;
	free(r->title);
	free(r->feed_title);
	free(r->link);
	memset(r, 0, sizeof *r);
}

static int query_variant(const struct store_query *q)
{
	return (q->feed_id ? Q_FEED : 0) | (q->tag ? Q_TAG : 0)
		| (q->search && *q->search ? Q_SEARCH : 0) | (q->unread_only ? Q_UNREAD : 0)
		| (q->order == STORE_UNREAD_FIRST ? Q_UNREAD_FIRST : 0);
}

static void query_where(struct sbuf *b, int v)
{
	sbuf_adds(b, " WHERE 1");
	if (v & Q_FEED)
		sbuf_adds(b, " AND i.feed_id = ?1");
	if (v & Q_TAG)
		sbuf_adds(b, " AND (' ' || f.tags || ' ') LIKE ('% ' || ?2 || ' %') ESCAPE '\\'");
	if (v & Q_SEARCH)
		sbuf_adds(b, " AND (i.title LIKE ?3 ESCAPE '\\' OR i.summary LIKE ?3 ESCAPE '\\'"
			  " OR i.content LIKE ?3 ESCAPE '\\')");
	if (v & Q_UNREAD)
		sbuf_adds(b, " AND i.unread = 1");
}

/* A LIKE pattern that matches s literally anywhere. */
static char *like_pattern(const char *s, int anywhere)
{
	struct sbuf b = SBUF_INIT;
	if (anywhere)
		sbuf_addc(&b, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			sbuf_addc(&b, '\\');
		sbuf_addc(&b, *s);
	}
	if (anywhere)
		sbuf_addc(&b, '%');
	if (!b.s)
		sbuf_adds(&b, "");
	return sbuf_steal(&b);
}

static void query_bind(sqlite3_stmt *st, const struct store_query *q, int v)
{
	if (v & Q_FEED)
		sqlite3_bind_int64(st, 1, q->feed_id);
	if (v & Q_TAG) {
		char *p = like_pattern(q->tag, 0);
		sqlite3_bind_text(st, 2, p, -1, free);
	}
	if (v & Q_SEARCH) {
		char *p = like_pattern(q->search, 1);
		sqlite3_bind_text(st, 3, p, -1, free);
	}
}

static sqlite3_stmt *query_stmt(struct store *s, int v, int rows)
{
	sqlite3_stmt **slot = rows ? &s->rows_q[v] : &s->count_q[v];
	if (!*slot) {
		struct sbuf b = SBUF_INIT;
		if (rows)
			sbuf_adds(&b, "SELECT i.id, i.feed_id, i.date, i.unread, i.title,"
				  " COALESCE(f.custom_title, f.title, f.url), i.link"
				  " FROM items i JOIN feeds f ON f.id = i.feed_id");
		else if (v & Q_TAG)
			sbuf_adds(&b, "SELECT COUNT(*) FROM items i JOIN feeds f ON f.id = i.feed_id");
		else
			sbuf_adds(&b, "SELECT COUNT(*) FROM items i");
		query_where(&b, v);
		if (rows) {
			sbuf_adds(&b, (v & Q_UNREAD_FIRST) ? " ORDER BY i.unread DESC, i.date DESC, i.id DESC"
				  : " ORDER BY i.date DESC, i.id DESC");
			sbuf_adds(&b, " LIMIT ?5 OFFSET ?4");
		}
		if (sqlite3_prepare_v3(s->db, b.s, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
			*slot = NULL;
		sbuf_free(&b);
		if (!*slot)
			return NULL;
	}
	sqlite3_reset(*slot);
	sqlite3_clear_bindings(*slot);
	return *slot;
}

long store_count(struct store *s, const struct store_query *q)
{
	int v = query_variant(q) & ~Q_UNREAD_FIRST;
	sqlite3_stmt *st;
	long n = -1;
	if (!(v & (Q_TAG | Q_SEARCH))) {
		/* The trigger-kept counts answer without reading any item. */
		st = stmt_get(s, (v & Q_FEED) ? S_COUNT_FEED : S_COUNT_ALL);
		if (!st)
			return -1;
		if (v & Q_FEED)
			sqlite3_bind_int64(st, 1, q->feed_id);
		sqlite3_bind_int(st, 2, (v & Q_UNREAD) ? 1 : 0);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return n < 0 ? 0 : n;
	}
	st = query_stmt(s, v, 0);
	if (!st)
		return -1;
	query_bind(st, q, v);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

long store_rows(struct store *s, const struct store_query *q, long offset, long max,
		struct store_row *rows)
{
	int v = query_variant(q);
	sqlite3_stmt *st = query_stmt(s, v, 1);
	long n = 0;
	int rc;
	if (!st)
		return -1;
	query_bind(st, q, v);
	sqlite3_bind_int64(st, 4, offset);
	sqlite3_bind_int64(st, 5, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_row *r = &rows[n++];
		r->id = sqlite3_column_int64(st, 0);
		r->feed_id = sqlite3_column_int64(st, 1);
		r->date = sqlite3_column_int64(st, 2);
		r->unread = sqlite3_column_int(st, 3);
		r->title = col_text(st, 4);
		r->feed_title = col_text(st, 5);
		r->link = col_text(st, 6);
	}
	sqlite3_reset(st);
	return n;
}

long store_count_unread(struct store *s)
{
	sqlite3_stmt *st = stmt_get(s, S_UNREAD);
	long n = -1;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* The item of a row whose columns from c on are: title, link, ident, author, summary,
 * content, published, updated, categories, enclosures, media. */
static struct feed_item *item_from_row(sqlite3_stmt *st, int c)
{
	struct feed_item *it = xcalloc(1, sizeof *it);
	char **v;
	size_t n, i;
	it->title = col_text(st, c);
	it->link = col_text(st, c + 1);
	it->id = col_text(st, c + 2);
	it->author = col_text(st, c + 3);
	it->summary = col_text(st, c + 4);
	it->content = col_text(st, c + 5);
	it->published = col_date(st, c + 6);
	it->updated = col_date(st, c + 7);
	it->categories = dec_list((const char *)sqlite3_column_text(st, c + 8), 1, &it->ncategories);
	v = dec_list((const char *)sqlite3_column_text(st, c + 9), 3, &n);
	if (n) {
		it->enclosures = xcalloc(n, sizeof *it->enclosures);
		it->nenclosures = n;
		for (i = 0; i < n; i++) {
			it->enclosures[i].url = v[i * 3];
			it->enclosures[i].type = v[i * 3 + 1];
			it->enclosures[i].length = v[i * 3 + 2] ? strtoll(v[i * 3 + 2], NULL, 10) : -1;
			free(v[i * 3 + 2]);
		}
	}
	free(v);
	v = dec_list((const char *)sqlite3_column_text(st, c + 10), 5, &n);
	if (n) {
		it->media = xcalloc(n, sizeof *it->media);
		it->nmedia = n;
		for (i = 0; i < n; i++) {
			it->media[i].url = v[i * 5];
			it->media[i].type = v[i * 5 + 1];
			it->media[i].title = v[i * 5 + 2];
			it->media[i].caption = v[i * 5 + 3];
			it->media[i].credit = v[i * 5 + 4];
		}
	}
	free(v);
	return it;
}

struct feed_item *store_item(struct store *s, int64_t item_id)
{
	sqlite3_stmt *st = stmt_get(s, S_ITEM_GET);
	struct feed_item *it = NULL;
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, item_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		it = item_from_row(st, 0);
	sqlite3_reset(st);
	return it;
}

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
	char *cats = enc_categories(it), *encs = enc_enclosures(it), *media = enc_media(it);
	sqlite3_stmt *p = st->put;
	int rc;
	sqlite3_reset(p);
	sqlite3_bind_int64(p, 1, key);
	bind_text(p, 2, it->title);
	bind_text(p, 3, it->link);
	bind_text(p, 4, it->id);
	bind_text(p, 5, it->author);
	/* staged as the cache keeps them (plain text already as HTML): the staged row has
	 * no room for the type */
	bind_story_text(p, 6, it->summary, it->summary_type);
	bind_story_text(p, 7, it->content, it->content_type);
	bind_date(p, 8, it->published);
	bind_date(p, 9, it->updated);
	bind_text(p, 10, cats && *cats ? cats : NULL);
	bind_text(p, 11, encs && *encs ? encs : NULL);
	bind_text(p, 12, media && *media ? media : NULL);
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
		struct feed_item *it = item_from_row(g, 0);
		int is_new = 0;
		rc = store_update_item(u, it, &is_new);
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

int store_mark_read(struct store *s, int64_t item_id, int read)
{
	sqlite3_stmt *st = stmt_get(s, S_MARK);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, read ? 0 : 1);
	return step_done(st);
}

int store_mark_feed_read(struct store *s, int64_t feed_id)
{
	sqlite3_stmt *st = stmt_get(s, S_MARK_FEED);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	return step_done(st);
}

/* Only read items that the feed no longer lists can go: a read item still in the feed
 * would come back unread at the next reload. Of those, the newest keep_per_feed of each
 * feed stay, and the rest go once older than max_age_days. Cached articles (with their
 * figures and more-from links, by cascade) go once fetched longer ago than that and no
 * item left links to them: the pages of expired stories and the more-from pages followed. */
int store_expire(struct store *s, long keep_per_feed, long max_age_days)
{
	sqlite3_stmt *st = NULL;
	int64_t before;
	int nested, ok = 0;
	if (max_age_days <= 0)
		return 0;
	before = (int64_t)time(NULL) - (int64_t)max_age_days * 86400;
	nested = tx_begin(s, "expire");
	if (nested < 0)
		return -1;
	if (sqlite3_prepare_v2(s->db,
		"DELETE FROM items WHERE id IN ("
		" SELECT id FROM ("
		"  SELECT i.id, i.date,"
		"   ROW_NUMBER() OVER (PARTITION BY i.feed_id ORDER BY i.date DESC, i.id DESC) AS rn"
		"  FROM items i JOIN feeds f ON f.id = i.feed_id"
		"  WHERE i.unread = 0 AND i.seen_generation < f.generation)"
		" WHERE rn > ?1 AND date < ?2)",
		-1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, keep_per_feed < 0 ? 0 : keep_per_feed);
	sqlite3_bind_int64(st, 2, before);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db,
		"DELETE FROM articles WHERE fetched < ?1"
		" AND NOT EXISTS (SELECT 1 FROM items i WHERE i.link = articles.url)",
		-1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, before);
	ok = sqlite3_step(st) == SQLITE_DONE;
out:
	sqlite3_finalize(st);
	return tx_end(s, "expire", nested, ok);
}

/* ---- articles ---- */

/* One row of a figure or a more-from link: the article's URL, the position, then the
 * text columns in the statement's order. */
static int put_row(struct store *s, enum stmt_id id, const char *url, size_t pos,
		   const char *const *v, int nv)
{
	sqlite3_stmt *st = stmt_get(s, id);
	int k;
	if (!st)
		return -1;
	bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, (int64_t)pos);
	for (k = 0; k < nv; k++)
		bind_text(st, 3 + k, v[k]);
	return step_done(st);
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
	nested = tx_begin(s, "article_put");
	if (nested < 0)
		return -1;
	st = stmt_get(s, S_ART_DEL);
	if (!st)
		goto out;
	bind_text(st, 1, a->url);
	if (step_done(st) != 0)
		goto out;
	st = stmt_get(s, S_ART_PUT);
	if (!st)
		goto out;
	bind_text(st, 1, a->url);
	bind_text(st, 2, a->title);
	bind_text(st, 3, a->byline);
	bind_text(st, 4, a->site);
	bind_date(st, 5, a->published);
	bind_text(st, 6, a->body);
	bind_text(st, 7, a->body_html);
	sqlite3_bind_int64(st, 8, (int64_t)time(NULL));
	if (step_done(st) != 0)
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
	return tx_end(s, "article_put", nested, ok);
}

struct article *store_article_get(struct store *s, const char *url)
{
	sqlite3_stmt *st = stmt_get(s, S_ART_GET);
	struct article *a;
	size_t cap = 0;
	if (!st || !url)
		return NULL;
	bind_text(st, 1, url);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->url = col_text(st, 0);
	a->title = col_text(st, 1);
	a->byline = col_text(st, 2);
	a->site = col_text(st, 3);
	a->published = col_date(st, 4);
	a->body = col_text(st, 5);
	a->body_html = col_text(st, 6);
	sqlite3_reset(st);

	st = stmt_get(s, S_FIG_GET);
	if (st) {
		bind_text(st, 1, url);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (a->nfigures == cap) {
				cap = cap ? cap * 2 : 4;
				a->figures = xrealloc(a->figures, cap * sizeof *a->figures);
			}
			a->figures[a->nfigures].image = col_text(st, 0);
			a->figures[a->nfigures].caption = col_text(st, 1);
			a->figures[a->nfigures].credit = col_text(st, 2);
			a->nfigures++;
		}
		sqlite3_reset(st);
	}
	cap = 0;
	st = stmt_get(s, S_MORE_GET);
	if (st) {
		bind_text(st, 1, url);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (a->nmore == cap) {
				cap = cap ? cap * 2 : 4;
				a->more = xrealloc(a->more, cap * sizeof *a->more);
			}
			/* fields the cache does not keep (struct more_link grew) stay NULL */
			memset(&a->more[a->nmore], 0, sizeof a->more[a->nmore]);
			a->more[a->nmore].title = col_text(st, 0);
			a->more[a->nmore].url = col_text(st, 1);
			a->more[a->nmore].summary = col_text(st, 2);
			a->more[a->nmore].section = col_text(st, 3);
			a->more[a->nmore].image = col_text(st, 4);
			a->more[a->nmore].caption = col_text(st, 5);
			a->more[a->nmore].credit = col_text(st, 6);
			a->nmore++;
		}
		sqlite3_reset(st);
	}
	return a;
}
