/* ttrss: Tiny Tiny RSS (its JSON API, api/) as a remote source: login, feeds with their
 * categories, stories paged since the last seen id, read and flag (marked) changes. */
#ifndef CRIER_TTRSS_H
#define CRIER_TTRSS_H

#include <stddef.h>
#include "crier/fetch.h"
#include "crier/source.h"

/* Settings as newsboat names them: ttrss-url, ttrss-login and one of ttrss-password,
 * ttrss-passwordfile, ttrss-passwordeval. */
struct ttrss_config {
	const char *url;           /* the tt-rss address; "api/" is added */
	const char *login;
	const char *password;      /* NULL or "": take it from the file or the command */
	const char *password_file; /* first line; refused unless only its owner can read it */
	const char *password_eval; /* a command printing it, run without a shell */
};

/* The password the config names, in a new string. -1 with err naming the file or the
 * command when it cannot be had (a file others can read is refused). */
char *ttrss_password(const struct ttrss_config *cfg, char *err, size_t errsz);

/* A source on the server; no request is made until the first sync (which logs in).
 * Every request keeps the fetcher's limits (connect and transfer time, size). 0 or -1. */
int ttrss_source_open(struct source *out, const struct ttrss_config *cfg,
		      const struct fetch_limits *lim, char *err, size_t errsz);

#endif
