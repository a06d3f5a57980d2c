/* fetch: many HTTP(S) transfers at once on one non-blocking libcurl multi handle, with
 * conditional GET, compression, redirect and protocol rules, and size and time limits. */
#ifndef CRIER_FETCH_H
#define CRIER_FETCH_H

#include <stddef.h>
#include "crier/util.h"

struct settings;

/* The settings of the same names (crier/settings.h holds their defaults and ranges). */
struct fetch_limits {
	long connect_timeout;   /* seconds */
	long transfer_timeout;  /* seconds for the whole transfer (download_timeout) */
	long low_speed_limit;   /* bytes/s ... */
	long low_speed_time;    /* ... for this many seconds aborts */
	long long max_body;     /* bytes (max_download_size) */
	int max_transfers;      /* at once */
	int max_per_host;
	int max_redirects;
	int allow_https_downgrade; /* follow an https URL's redirect to http */
	const char *ca_file;    /* extra trusted certificates (PEM), or NULL: for tests */
};
void fetch_limits_default(struct fetch_limits *l);  /* the settings table's defaults */
void fetch_limits_from_settings(struct fetch_limits *l, const struct settings *s);
/* Sets one limit by its settings name (max_transfers, max_per_host, connect_timeout,
 * download_timeout, low_speed_limit, low_speed_time, max_download_size, max_redirects,
 * allow_https_downgrade).
 * 0, or -1 for an unknown name. */
int fetch_limits_set(struct fetch_limits *l, const char *name, long long value);

/* What a transfer ended with. Strings belong to the fetcher; valid during on_done. */
struct fetch_result {
	const char *url;          /* as requested */
	const char *final_url;    /* after redirects */
	int permanent_redirect;   /* a 301/308 was followed: final_url should replace url
				   * (never from https to http) */
	long status;              /* HTTP status, 0 for file:// or no answer */
	int not_modified;         /* 304 */
	const char *etag, *last_modified, *content_type;
	const char *error;        /* NULL on success, else a reason naming the URL */
};

struct fetch_request {
	const char *url;
	const char *etag, *last_modified; /* conditional GET; may be NULL */
	int allow_file;                   /* file:// allowed (the user listed it) */
	/* Bytes as they arrive (already decompressed). Non-zero aborts the transfer. */
	int (*on_data)(void *user, const char *buf, size_t len);
	void (*on_done)(void *user, const struct fetch_result *res);
	void *user;
	/* A download that is not a feed or a page (an enclosure): its own size limit
	 * (0: the fetcher's max_body), and no limit on the whole transfer's time when
	 * no_total_timeout is set and a stall ends it (low_speed_limit > 0). */
	long long max_body;
	int no_total_timeout;
};

struct fetch;

/* Loads libcurl (once a process; fetch_new does it first): crier does not load it at
 * start, so a run that fetches nothing does not pay for it. 0, or -1 with an error
 * naming the library. */
int fetch_load_curl(char *err, size_t errsz);
/* Starts loading libcurl on a thread of its own, for a command that will fetch once it has
 * done other work (opened the cache): the two overlap. fetch_load_curl (fetch_new) waits
 * for it and reports its error; a command that ends without fetching calls
 * fetch_load_curl too, so that the loading is over before the process exits. */
void fetch_preload_curl(void);
struct fetch *fetch_new(const struct fetch_limits *lim, char *err, size_t errsz);
/* Transfers still queued or running are dropped without their callbacks. */
void fetch_free(struct fetch *f);
/* Queue a transfer; it starts when the limits allow. 0 or -1 with err. */
int fetch_add(struct fetch *f, const struct fetch_request *req, char *err, size_t errsz);
/* Wait up to timeout_ms for network activity or for extra_fd (-1 for none) to become
 * readable, then move every transfer on and call the callbacks of those that ended.
 * Returns 1 when extra_fd is readable, 0 otherwise, -1 on error. */
int fetch_poll(struct fetch *f, int extra_fd, int timeout_ms);
/* Drops the transfers queued or running for this user pointer, without calling their
 * callbacks. Returns how many. */
size_t fetch_cancel(struct fetch *f, void *user);
/* Transfers queued or running. */
/* Makes a fetch_poll waiting on the network return at once (callable from another
 * thread: the reload's store thread, when it has committed feeds to report). */
void fetch_wakeup(struct fetch *f);
size_t fetch_pending(const struct fetch *f);
/* Done and total since creation, for progress ("fetching 37/120"). */
void fetch_progress(const struct fetch *f, size_t *done, size_t *total);

/* Fetch one URL to memory with the same rules (for --extract URL). 0 or -1 with err. */
int fetch_url(const char *url, const struct fetch_limits *lim, struct sbuf *body,
	      char **content_type, char **final_url, char *err, size_t errsz);

#endif
