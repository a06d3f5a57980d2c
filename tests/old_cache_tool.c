/* old_cache_tool PATH VERSION STORIES: a new cache at PATH as crier wrote it at schema
 * VERSION, with one feed of STORIES stories ("Harbour note 1", ...; the odd ones say
 * "lighthouse"), for the shell tests of what opening an old cache shows. Exit 0, or 1
 * with the reason on stderr. */
#include "config.h"
#include "old_cache.h"

#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: old_cache_tool PATH VERSION STORIES\n");
		return 1;
	}
	int version = atoi(argv[2]);
	long n = atol(argv[3]);
	char sql[2048];
	/* the columns every schema from 2 on has; later ones add columns with defaults */
	snprintf(sql, sizeof sql,
		 "INSERT INTO feeds(id, url, title, generation, position, unread_count, item_count)"
		 " VALUES(1, 'https://quay-gazette.example/rss', 'Quay Gazette', 1, 1, %ld, %ld);"
		 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %ld)"
		 " INSERT INTO items(feed_id, guid, title, link, summary, first_seen, date,"
		 "  seen_generation, unread)"
		 " SELECT 1, 'q' || i, 'Harbour note ' || i, 'https://quay-gazette.example/n' || i,"
		 "  CASE WHEN i %% 2 THEN '<p>The lighthouse keeper wrote again.</p>'"
		 "  ELSE '<p>Tides and nets.</p>' END, 1700000000 + i, 1700000000 + i, 1, 1 FROM k;",
		 n, n, n);
	return old_cache_make(argv[1], version, sql) == 0 ? 0 : 1;
}
