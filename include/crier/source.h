/* source: where stories come from. The urls file's feeds are fetched by crier itself
 * (reload.h); a remote source is a feed server crier is a client of (ttrss.h first). */
#ifndef CRIER_SOURCE_H
#define CRIER_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include "crier/feed.h"
#include "crier/store.h"

/* A feed as the server lists it. tags: its category (and parents), space-separated,
 * may be NULL. */
struct source_feed {
	int64_t remote_id;
	char *url, *title, *tags;
};

/* One story as the server has it now: its text (item) and its state there. */
struct source_story {
	int64_t remote_id, feed_remote_id;
	const struct feed_item *item;
	int unread, flagged;
};

/* What a remote source can do. Each function returns 0, or -1 with err naming the server
 * and the operation. The store is never touched here: source_sync does that. */
struct source_ops {
	const char *name; /* "ttrss": the store keeps its sync state under it */
	int (*feeds)(void *impl, struct source_feed **out, size_t *n, char *err, size_t errsz);
	/* Stories with an id above since_id, every one passed to on_story (its pointers
	 * valid during the call; non-zero stops with err already filled by the callback).
	 * After each page, before asking the server for the next, on_story gets st NULL:
	 * the sync commits there, so no write lock is held while the server is awaited. */
	int (*stories)(void *impl, int64_t since_id,
		       int (*on_story)(void *ctx, const struct source_story *st, char *err, size_t errsz),
		       void *ctx, char *err, size_t errsz);
	/* The ids of every unread (which 0) or flagged (which 1) story on the server. */
	int (*state_ids)(void *impl, int which, int64_t **ids, size_t *n, char *err, size_t errsz);
	/* Sets read (field STORE_CHANGE_READ) or flag state of these stories. */
	int (*send)(void *impl, int field, int value, const int64_t *ids, size_t n,
		    char *err, size_t errsz);
	/* How many stories the server counts unread. -1 with err. */
	long (*unread)(void *impl, char *err, size_t errsz);
	void (*free)(void *impl);
};

struct source {
	const struct source_ops *ops;
	void *impl;
	/* Told as a sync goes, when set: stage "sending" (changes sent so far), "feeds"
	 * (feeds listed), "stories" (stories stored so far) or "state"; n the count. */
	void (*on_progress)(void *ctx, const char *stage, long n);
	void *progress_ctx;
};

struct settings;
/* 1 when the settings say the stories come from a feed server (urls-source "ttrss"). */
int source_is_remote(const struct settings *st);
/* Opens the source the settings name: 1 with out set for a feed server, 0 for the urls
 * file's feeds (fetched by reload.h; out left empty), -1 with err (a setting missing,
 * a password the config file exposes: config_path is the file they were read from). */
int source_open_configured(struct source *out, const struct settings *st,
			   const char *config_path, char *err, size_t errsz);
void source_feeds_free(struct source_feed *f, size_t n);
void source_free(struct source *src);

struct source_sync_stats {
	size_t feeds, sent;   /* feeds listed; changes sent to the server */
	long new_items;       /* stories new to the cache */
	long changed;         /* cached stories whose read or flag state the server changed */
};

/* One sync: sends the store's pending changes in the order they were made (each removed
 * from the queue once the server confirmed it, so none is sent twice), then makes the
 * cache's feed list the server's, adds the stories new since the last sync and takes the
 * server's read and flag state for the rest. A change the server has not confirmed stays
 * queued and the sync stops there with err: nothing is lost, and the server's state does
 * not overwrite a change it has not seen. 0 or -1. */
int source_sync(struct source *src, struct store *s, struct source_sync_stats *st,
		char *err, size_t errsz);

#endif
