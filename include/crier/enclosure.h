/* enclosure: a story's attached files (podcast episodes, videos) as the reader lists
 * them, and their download: in the background on the caller's fetcher, to a temporary
 * name in the download directory, renamed to its final name only when complete. */
#ifndef CRIER_ENCLOSURE_H
#define CRIER_ENCLOSURE_H

#include <stddef.h>
#include "crier/util.h"

struct fetch;
struct feed_item;
struct render_doc;

/* "audio/mpeg, 24.3 MB, 1:02:03": what is known of an enclosure, into out (appended).
 * length < 0 and duration <= 0 mean unknown; type may be NULL. */
void enclosure_describe(struct sbuf *out, const char *type, long long length, long long duration);

/* Appends a story's enclosures to its rendered lines: a blank line, the heading
 * "Enclosures (p plays, D downloads)" (the keys as given), then per enclosure
 * its URL and its description, wrapped to width. Nothing when the item has none. */
void enclosure_render(struct render_doc *d, const struct feed_item *it, int width,
		      const char *keys_hint);

/* The file name an enclosure is saved under: the last segment of its URL's path, percent
 * escapes decoded, with nothing that could leave the directory or hide the file (no
 * slash, no leading dot, no control character), at most 120 bytes; "enclosure" when
 * nothing is left. The caller frees. */
char *enclosure_file_name(const char *url);

/* A download on its way. on_done gets path (the final file) or err (naming the URL or the
 * file); the download is freed after it returns. */
struct enclosure_download;
typedef void (*enclosure_done_fn)(void *ctx, const char *url, const char *path, const char *err);

/* Starts downloading url into dir (created if missing, mode 0700) on f. The bytes go to
 * a temporary file in dir; on success it takes the URL's file name (name.1, name.2 ...
 * when that exists: a file is never overwritten), on failure it is removed. NULL with
 * err when the directory or the temporary file cannot be made or the fetcher refuses. */
/* max_size is the download's own size limit (enclosure_max_size: an episode outgrows a
 * feed's max_download_size); the whole transfer has no time limit, a stall ends it
 * (low_speed_limit and low_speed_time). */
struct enclosure_download *enclosure_download_start(struct fetch *f, const char *url,
						    const char *dir, long long max_size,
						    enclosure_done_fn done, void *ctx,
						    char *err, size_t errsz);
/* Bytes written so far. */
long long enclosure_download_bytes(const struct enclosure_download *d);
/* Stops it (no callback): the fetcher's transfer is dropped, the temporary file removed. */
void enclosure_download_cancel(struct fetch *f, struct enclosure_download *d);

#endif
