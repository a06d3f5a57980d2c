/* old_cache: a cache as an older crier wrote it, for the tests of migrations. The store
 * builds the schema by running its own first migrations (released ones never change),
 * and the test adds rows in that schema's shape, so a later migration needs no edit
 * here or in the tests. */
#ifndef CRIER_TESTS_OLD_CACHE_H
#define CRIER_TESTS_OLD_CACHE_H

#include "check.h"
#include "store_internal.h"

#include <stdio.h>
#include <unistd.h>

/* Removes a cache file with its -wal and -shm files. */
static inline void old_cache_remove(const char *path)
{
	char side[600];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* A new cache at path, at schema `version`, holding what the SQL writes (statements in
 * that schema's shape). A failure fails the test: 0 or -1. */
static inline int old_cache_make(const char *path, int version, const char *sql)
{
	char err[CRIER_ERRSZ];
	char *msg = NULL;
	sqlite3 *db;
	int rc;
	old_cache_remove(path);
	if (store_create_old(path, version, err, sizeof err) != 0) {
		check_failures++;
		fprintf(stderr, "old_cache: %s\n", err);
		return -1;
	}
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		check_failures++;
		fprintf(stderr, "old_cache: %s: %s\n", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	/* from schema 8 on, the index's triggers call crier's own SQL functions */
	if (store_search_register(db, NULL) != 0) {
		check_failures++;
		fprintf(stderr, "old_cache: %s: cannot register crier's SQL functions\n", path);
		sqlite3_close(db);
		return -1;
	}
	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		check_failures++;
		fprintf(stderr, "old_cache: %s at schema %d: %s\n", path, version, msg ? msg : "?");
	}
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* The schema version written in the cache at path; -1 if it cannot be read. */
static inline int old_cache_version(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
	    && sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

#endif
