/* ttrss_mark: what the reader's keys do to a story, from a shell test, through the same
 * store calls: mark read or unread, flag or unflag the story with this title; or print
 * the cache's stories as "title|unread|flagged" lines, newest first, or the queued
 * changes as "remote_id field value" lines.
 * usage: ttrss_mark CACHE read|unread|flag|unflag TITLE
 *        ttrss_mark CACHE list|saved|queue */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crier/store.h"

static int find(struct store *s, const char *title, int64_t *id)
{
	struct store_query q = {0};
	struct store_row rows[512];
	long n = store_rows(s, &q, 0, 512, rows), i;
	int found = 0;
	for (i = 0; i < n; i++) {
		if (!found && rows[i].title && strcmp(rows[i].title, title) == 0) {
			*id = rows[i].id;
			found = 1;
		}
		store_row_clear(&rows[i]);
	}
	return found;
}

int main(int argc, char **argv)
{
	char err[CRIER_ERRSZ];
	struct store *s;
	int64_t id = 0;
	int rc = 0;
	if (argc < 3) {
		fprintf(stderr, "usage: ttrss_mark CACHE read|unread|flag|unflag TITLE | list | queue\n");
		return 2;
	}
	s = store_open(argv[1], err, sizeof err);
	if (!s) {
		fprintf(stderr, "ttrss_mark: %s\n", err);
		return 1;
	}
	if (strcmp(argv[2], "list") == 0 || strcmp(argv[2], "saved") == 0) {
		struct store_query q = {0};
		struct store_row rows[512];
		long n, i;
		q.flagged_only = strcmp(argv[2], "saved") == 0;
		n = store_rows(s, &q, 0, 512, rows);
		for (i = 0; i < n; i++) {
			printf("%s|%s|%d|%d\n", rows[i].title ? rows[i].title : "",
			       rows[i].feed_title ? rows[i].feed_title : "", rows[i].unread,
			       rows[i].flagged);
			store_row_clear(&rows[i]);
		}
	} else if (strcmp(argv[2], "queue") == 0) {
		struct store_change *c;
		size_t n, i;
		if (store_changes(s, &c, &n, err, sizeof err) != 0) {
			fprintf(stderr, "ttrss_mark: %s\n", err);
			rc = 1;
		} else {
			for (i = 0; i < n; i++)
				printf("%lld %s %d\n", (long long)c[i].remote_id,
				       c[i].field == STORE_CHANGE_READ ? "read" : "flag", c[i].value);
			free(c);
		}
	} else if (argc == 4 && find(s, argv[3], &id)) {
		if (strcmp(argv[2], "read") == 0 || strcmp(argv[2], "unread") == 0)
			rc = store_mark_read(s, id, argv[2][0] == 'r') != 0;
		else if (strcmp(argv[2], "flag") == 0 || strcmp(argv[2], "unflag") == 0)
			rc = store_mark_flag(s, id, argv[2][0] == 'f') != 0;
		else
			rc = 2;
	} else {
		fprintf(stderr, "ttrss_mark: no story '%s' in %s\n", argc == 4 ? argv[3] : "", argv[1]);
		rc = 1;
	}
	store_close(s);
	return rc;
}
