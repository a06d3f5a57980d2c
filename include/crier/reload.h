/* reload: refreshes feeds into the store over a fetcher that the caller drives with
 * fetch_poll, one store transaction per feed. No terminal, no printing: results by callback. */
#ifndef CRIER_RELOAD_H
#define CRIER_RELOAD_H

#include <stddef.h>
#include <stdint.h>
#include "crier/util.h"

struct store;
struct fetch;
struct store_feed;

/* How one feed's refresh ended. Strings valid during the call only. */
struct reload_result {
	int64_t feed_id;
	const char *url;       /* as requested */
	const char *new_url;   /* after a permanent redirect, else NULL */
	long status;           /* HTTP status, 0 for file:// or no answer */
	int not_modified;
	long new_items, items;
	const char *error;     /* NULL on success */
};

struct reload;

/* on_feed_done may be NULL. */
struct reload *reload_new(struct store *s, struct fetch *f,
			  void (*on_feed_done)(void *ctx, const struct reload_result *r), void *ctx);
/* Queues one feed of the store (its URL, ETag and Last-Modified). file:// is allowed
 * only for a feed whose listed URL is file:// (the user wrote it). 0 or -1 with err. */
int reload_add(struct reload *r, const struct store_feed *feed, char *err, size_t errsz);
/* Feeds queued and feeds ended (ok or not) since reload_new, failures among them. */
void reload_progress(const struct reload *r, size_t *done, size_t *total, size_t *failed);
/* Feeds still running. */
size_t reload_pending(const struct reload *r);
/* When reload_pending is 0, or after fetch_free dropped the running transfers (the
 * fetcher holds pointers to the feeds still running): their unfinished updates are
 * dropped, nothing half-written reaches the store. */
void reload_free(struct reload *r);

#endif
