/* cmd_search: -x search WORDS: the stories of the cache that match, best first, one a
 * line for scripts. */
#include "config.h"
#include "commands.h"
#include "crier/store.h"
#include "crier/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A field of a tab-separated line: a tab or a line break inside a field would break the
 * line apart, and a control character (C0, DEL, C1) left in an older cache would reach
 * the terminal: neither is printed. Nor is a bidi control (an override, an isolate, a
 * direction mark), which the feed's text may hold: it shows the line in an order other
 * than its own ("fdp.exe" read backwards), and the screen never draws one either. */
static void put_field(FILE *out, const char *s)
{
	while (s && *s) {
		unsigned cp;
		size_t n = utf8_decode(s, &cp);
		if (cp == '\t' || cp == '\n' || cp == '\r')
			putc(' ', out);
		else if (cp == 0xFFFD && n == 1)
			fputs("\xef\xbf\xbd", out); /* a byte that is no UTF-8 */
		else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F)
			 && !text_is_invisible_control(cp))
			fwrite(s, 1, n, out);
		s += n;
	}
}

int cmd_search(const struct cli *c)
{
	char err[CRIER_ERRSZ];
	struct store_query q = {0};
	struct store_row rows[256];
	struct store *s;
	char *path;
	long off = 0, n, i, total = 0;
	if (!c->search || !*c->search) {
		fprintf(stderr, "crier: -x search: give the words to search for\n");
		return 2;
	}
	path = cli_cache_path(c);
	if (!path)
		return 1;
	/* a mistyped -c would make a new, empty cache and answer "no match" */
	if (access(path, F_OK) != 0) {
		fprintf(stderr, "crier: -x search: %s: %s (crier -x reload makes the cache)\n", path,
			strerror(errno));
		free(path);
		return 1;
	}
	s = store_open_told(path, cmd_tell_rebuild, NULL, err, sizeof err);
	free(path);
	if (!s) {
		fprintf(stderr, "crier: %s\n", err);
		return 1;
	}
	/* quotes and operators are plain characters: punctuation alone leaves nothing to
	 * look for, which is a mistake to tell, not an empty result */
	if (store_search_words(s, c->search) == 0) {
		/* the query as typed, but never a control it may hold (a script's input) */
		fputs("crier: -x search '", stderr);
		put_field(stderr, c->search);
		fputs("': no word to search for (a word is letters or digits; quotes and operators"
		      " are ignored)\n", stderr);
		store_close(s);
		return 2;
	}
	q.search = c->search;
	q.order = STORE_BY_RANK;
	do {
		n = store_rows(s, &q, off, 256, rows);
		if (n < 0) {
			fprintf(stderr, "crier: -x search '%s': the cache could not be searched\n", c->search);
			store_close(s);
			return 1;
		}
		for (i = 0; i < n; i++) {
			char day[32] = "-";
			time_t t = (time_t)rows[i].date;
			struct tm tm;
			if (gmtime_r(&t, &tm))
				strftime(day, sizeof day, "%Y-%m-%d", &tm);
			printf("%s\t%s\t", day, rows[i].unread ? "N" : "-");
			put_field(stdout, rows[i].feed_title);
			putchar('\t');
			put_field(stdout, rows[i].title);
			putchar('\t');
			put_field(stdout, rows[i].link);
			putchar('\n');
			store_row_clear(&rows[i]);
		}
		off += n;
		total += n;
	} while (n == 256);
	store_close(s);
	return total ? 0 : 1;
}
