/* urls: the feed list, in newsboat's urls file format, and OPML import and export. */
#ifndef CRIER_URLS_H
#define CRIER_URLS_H

#include <stddef.h>
#include "crier/util.h"

struct urls_entry {
	char *url;
	char *title;  /* from "~Custom title", or NULL */
	char **tags;
	size_t ntags;
};

struct urls {
	struct urls_entry *v;
	size_t n;
	/* The file as read and how many entries came from it: urls_save keeps its lines
	 * (comments, skipped lines) verbatim and appends the entries added since. */
	char *raw;      /* may hold NUL bytes: rawlen is its length */
	size_t rawlen;
	size_t nloaded;
	struct urls_index *index; /* urls_find's hash set of the URLs; kept by urls.c */
};

/* Reads a urls file. Lines crier cannot use (query:, exec:, filter:, a NUL byte) are
 * skipped with a warning naming file and line, as are an unterminated quote and invalid
 * UTF-8 (the entry is still read). Every line stays in raw, byte for byte. A missing file
 * is -1 with err. */
int urls_load(const char *path, struct urls *out,
	      void (*warn)(void *ctx, const char *msg), void *ctx, char *err, size_t errsz);
/* Writes atomically: a temporary file in the same directory, fsync, rename over path,
 * keeping path's mode (0600 for a new file). The raw lines first, then the entries added
 * since urls_load. */
int urls_save(const char *path, const struct urls *u, char *err, size_t errsz);
/* Adds the OPML file's feeds (nested outlines become tags), skipping duplicates.
 * *added is how many were new. */
int urls_import_opml(struct urls *u, const char *opml_path, size_t *added, char *err, size_t errsz);
/* The same; *refused counts the outlines skipped for not being http(s) (file:// from an
 * OPML file is never taken: it may come from someone else). */
int urls_import_opml_counted(struct urls *u, const char *opml_path, size_t *added,
			     size_t *refused, char *err, size_t errsz);
/* OPML 2.0 document. */
void urls_export_opml(const struct urls *u, struct sbuf *out);
void urls_free(struct urls *u);
/* Index of the entry with this URL, or -1. A hash lookup; entries appended to v by hand
 * are taken into the index on the next call. */
int urls_find(const struct urls *u, const char *url);
/* One entry as a urls file line (with its newline), quoting as newsboat reads it. */
void urls_entry_line(struct sbuf *b, const struct urls_entry *e);

#endif
