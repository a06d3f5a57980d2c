/* store: the sqlite cache. One database file in WAL mode so that the interface can read
 * while a reload writes; every feed update is one transaction. */
#include "config.h"
#include "store_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_db_err(struct store *s, char *err, size_t errsz, const char *what)
{
	err_set(err, errsz, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id)
{
	if (!s->stmt[id] && sqlite3_prepare_v3(s->db, store_stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
						&s->stmt[id], NULL) != SQLITE_OK) {
		s->stmt[id] = NULL;
		return NULL;
	}
	sqlite3_reset(s->stmt[id]);
	sqlite3_clear_bindings(s->stmt[id]);
	return s->stmt[id];
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_date(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == CRIER_NO_DATE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

char *store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

int64_t store_col_date(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? CRIER_NO_DATE
		: sqlite3_column_int64(st, i);
}

/* Runs a statement that returns no rows; SQLITE_DONE is success. */
int store_step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_exec(struct store *s, const char *sql, char *err, size_t errsz)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(err, errsz, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* 1 when the cache has a table (or trigger) of that name, else 0. */
static int store_has(struct store *s, const char *type, const char *name)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_schema WHERE type = ?1 AND name = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* The cache holds what its reader reads: created 0600 (its -wal and -shm files take the
 * same mode from sqlite), an older one made private, and never opened through a
 * symbolic link someone else may have planted. A cache that exists is never open()ed
 * and close()d here: closing any descriptor of a file drops every lock this process
 * holds on it, those of its other connections included (the reload's store thread, the
 * interface's), and another process would then take the cache for unused and delete
 * its WAL: later commits would be lost to the others and to a crash. */
static int store_prepare_file(const char *path, char *err, size_t errsz)
{
	struct stat st;
	int fd;
	if (!*path || *path == ':' || strncmp(path, "file:", 5) == 0)
		return 0; /* in memory, or a URI sqlite handles */
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			err_set(err, errsz, "%s: cannot open the cache: it is a symbolic link, which "
				"crier does not follow", path);
			return -1;
		}
		if ((st.st_mode & 077) && st.st_uid == geteuid())
			chmod(path, st.st_mode & 0700);
		return 0;
	}
	if (errno != ENOENT) {
		err_set(err, errsz, "%s: cannot open the cache: %s", path, strerror(errno));
		return -1;
	}
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST) {
		err_set(err, errsz, "%s: cannot open the cache: %s", path,
			errno == ELOOP ? "it is a symbolic link, which crier does not follow" : strerror(errno));
		return -1;
	}
	if (fd >= 0)
		close(fd); /* new and empty: no connection has it open */
	return 0;
}

/* Each feed is a savepoint in the store thread's batch, and sqlite keeps its journal in
 * memory up to this size, then moves it to a temporary file (a cold 100-feed reload made,
 * wrote and unlinked ~60 such files in /var/tmp at sqlite's default of 64 KB). The move
 * writes the journal in one call of up to this size, and sqlite's unix layer writes at
 * most 128 KB - 1 in a call (a longer length loses its high bits): at 1 MB the rest came
 * out as an empty write and the update of every feed whose savepoint touched more than
 * 1 MB of the cache (as in a 66,500-story cache) failed with "database or disk is full".
 * So stay under 128 KB. sqlite takes this setting for the whole process before its first
 * connection: set once. */
#define STMT_JOURNAL_SPILL (124 << 10)
static pthread_once_t configure_once = PTHREAD_ONCE_INIT;

static void store_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_SPILL);
}

/* How long a connection waits for another's write lock unless told otherwise. */
#define STORE_BUSY_MS 10000

/* Opens the cache and brings its schema up to version upto (-1: the latest). */
static struct store *store_open_at(const char *path, int upto, store_rebuild_fn told, void *ctx,
				   char *err, size_t errsz)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (store_prepare_file(path, err, errsz) != 0) {
		store_close(s);
		return NULL;
	}
	pthread_once(&configure_once, store_configure);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		err_set(err, errsz, "%s: cannot open the cache: %s", path,
			s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return NULL;
	}
	s->codec = store_codec_new(s->db, s->path);
	if (!s->codec) {
		err_set(err, errsz, "%s: out of memory", path);
		store_close(s);
		return NULL;
	}
	/* The interface and a reload may share the file: wait for the other's write. */
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	/* A new cache gets 16 KB pages: a story's row (2-4 KB once compressed) left a
	 * 4 KB page a third empty, and a longer one spilled onto overflow pages. An
	 * existing cache keeps its page size (this is a no-op there). WAL keeps the file
	 * consistent after a crash; NORMAL sync is safe in WAL (a crash loses at most the
	 * last transactions, never consistency). */
	if (store_exec(s, "PRAGMA page_size = 16384", err, errsz) != 0
	    || store_exec(s, "PRAGMA journal_mode = WAL", err, errsz) != 0
	    || store_exec(s, "PRAGMA synchronous = NORMAL", err, errsz) != 0
	    || store_exec(s, "PRAGMA foreign_keys = ON", err, errsz) != 0
	    || store_search_register(s->db, s->codec) != 0
	    || store_match_register(s) != 0
	    || store_migrate(s, upto, told, ctx, err, errsz) != 0) {
		store_close(s);
		return NULL;
	}
	/* New stories are indexed from C when there is an index (a benchmark drops it to
	 * measure its upkeep) and no older schema's insert trigger does it already. */
	s->indexed = store_has(s, "table", "search") && !store_has(s, "trigger", "search_item_insert");
	s->titled = s->indexed && store_has(s, "table", "search_title");
	return s;
}

struct store *store_open(const char *path, char *err, size_t errsz)
{
	return store_open_at(path, -1, NULL, NULL, err, errsz);
}

struct store *store_open_told(const char *path, store_rebuild_fn told, void *ctx,
			      char *err, size_t errsz)
{
	return store_open_at(path, -1, told, ctx, err, errsz);
}

int store_create_old(const char *path, int version, char *err, size_t errsz)
{
	struct store *s;
	if (version < 0 || version > store_schema_latest()) {
		err_set(err, errsz, "%s: no schema %d (this crier knows 0 to %d)", path, version,
			store_schema_latest());
		return -1;
	}
	if (access(path, F_OK) == 0) {
		err_set(err, errsz, "%s: exists: an old-schema cache is made only as a new file", path);
		return -1;
	}
	s = store_open_at(path, version, NULL, NULL, err, errsz);
	if (!s)
		return -1;
	store_close(s);
	return 0;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

void store_last_error(struct store *s, char *err, size_t errsz)
{
	err_set(err, errsz, "%s: %s", s->path, sqlite3_errmsg(s->db));
}

void store_busy_wait(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms < 0 ? STORE_BUSY_MS : ms);
}

void store_busy_handler(struct store *s, int (*fn)(void *ctx, int n), void *ctx)
{
	sqlite3_busy_handler(s->db, fn, ctx);
}

int store_last_busy(struct store *s)
{
	int rc = sqlite3_errcode(s->db) & 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

static int wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store *s = arg;
	(void)db;
	(void)name;
	s->wal_watch(s->wal_ctx, pages);
	return SQLITE_OK;
}

void store_wal_watch(struct store *s, void (*watch)(void *ctx, int pages), void *ctx)
{
	s->wal_watch = watch;
	s->wal_ctx = ctx;
	/* replaces the automatic checkpoint's hook: this connection checkpoints no more */
	sqlite3_wal_hook(s->db, wal_hook, s);
}

int store_checkpoint(struct store *s)
{
	return sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL)
		== SQLITE_OK ? 0 : -1;
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
	store_match_free(s->match);
	store_index_drop(s, 0);
	free(s->iw);
	if (s->db) {
		sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	store_codec_free(s->codec); /* after the connection: its functions use it */
	free(s->path);
	free(s);
}

/* A unit of writes that is all or nothing: its own transaction, or, when one is already
 * open (a reload's batch, a feed update), a savepoint inside it. Returns 1 when nested,
 * 0 when a transaction was begun, -1 on error. */
int store_tx_begin(struct store *s, const char *name)
{
	char sql[64];
	/* a unit outside a feed update may touch stories waiting for the index */
	if (store_batch_check(s) != 0 || (s->niw && !s->in_update && store_index_flush(s, 0) != 0))
		return -1;
	if (sqlite3_get_autocommit(s->db))
		return sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	snprintf(sql, sizeof sql, "SAVEPOINT %s", name);
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 1 : -1;
}

/* Ends what tx_begin began: kept when ok, else undone. 0, or -1 when undone. */
int store_tx_end(struct store *s, const char *name, int nested, int ok)
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
