/* search_bench: full-text search over a cache of many stories with their pages (built
 * once through the store's own API, so the index is kept as a reload keeps it), timed
 * against references on the same cache in the same run: the list without a search, and
 * the substring scan (LIKE over title and feed text, not pages) that search replaced.
 * Usage: search_bench CACHE [STORIES]   (tests/bench/search.sh builds and runs it) */
#include "config.h"
#include "crier/store.h"
#include "crier/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>

#define VOCAB 20000
#define PER_FEED 500

static char *vocab[VOCAB];
static unsigned long long rng = 88172645463325252ULL;

static unsigned long long next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Skewed like words in text: low indexes are common, high ones rare. */
static size_t word(void)
{
	double u = (double)(next() % 1000000) / 1000000.0;
	return (size_t)(u * u * u * VOCAB);
}

static size_t vocab_len[VOCAB];

static void make_vocab(void)
{
	static const char *syl[] = {"bra", "kel", "dor", "min", "sa", "tor", "vel", "qu", "an",
		"rish", "mo", "len", "ca", "fen", "hul", "ory", "pe", "zan", "wick", "ster", "lo",
		"gar", "nu", "et", "é", "ø", "ith", "ma"};
	size_t i, k;
	for (i = 0; i < VOCAB; i++) {
		char w[64] = "";
		size_t n = 2 + next() % 3;
		for (k = 0; k < n; k++)
			strcat(w, syl[next() % (sizeof syl / sizeof syl[0])]);
		vocab[i] = strdup(w);
		vocab_len[i] = strlen(w);
	}
}

static size_t put(char *out, size_t len, const char *s, size_t n)
{
	memcpy(out + len, s, n);
	return len + n;
}

/* n words into out: paragraphs of up to 40 words, each between open and close. Copies
 * (no printf per word): the text of 100k pages is most of what the bench's build makes. */
static void words(char *out, size_t cap, size_t n, const char *open, const char *close)
{
	size_t i, len = 0, lo = strlen(open), lc = strlen(close);
	len = put(out, len, open, lo);
	for (i = 0; i < n && len + 80 < cap; i++) {
		size_t w = word();
		if (i && i % 40 == 0) {
			len = put(out, len, ".", 1);
			len = put(out, len, close, lc);
			len = put(out, len, open, lo);
		}
		if (i % 40)
			len = put(out, len, " ", 1);
		len = put(out, len, vocab[w], vocab_len[w]);
	}
	snprintf(out + len, cap - len, ".%s", close);
}

/* CPU time of this process: eight sessions share two cores here, so wall time measures
 * the neighbours; the wall median is printed beside it. */
static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int build(struct store *s, long stories)
{
	char err[CRIER_ERRSZ], title[256], summary[2048], body[16384], url[128], link[128], guid[64];
	long f, i, feeds = (stories + PER_FEED - 1) / PER_FEED;
	for (f = 0; f < feeds; f++) {
		struct store_update *u;
		int64_t id;
		snprintf(url, sizeof url, "https://gazette%ld.example/rss", f);
		if (store_feed_ensure(s, url, NULL, f % 3 ? "local" : "world", &id, err, sizeof err) != 0
		    || store_batch_begin(s, err, sizeof err) != 0) {
			fprintf(stderr, "search_bench: %s\n", err);
			return -1;
		}
		/* the pages first, so that each story is indexed once, with its page */
		for (i = 0; i < PER_FEED && f * PER_FEED + i < stories; i++) {
			struct article a;
			memset(&a, 0, sizeof a);
			snprintf(link, sizeof link, "https://gazette%ld.example/%ld", f, i);
			words(body, sizeof body, 250 + next() % 250, "", "\n\n");
			a.url = link;
			a.title = (char *)"Page";
			a.body = body;
			a.body_html = (char *)"<p>-</p>";
			a.published = CRIER_NO_DATE;
			if (store_article_put(s, &a) != 0) {
				fprintf(stderr, "search_bench: storing a page failed\n");
				return -1;
			}
		}
		if (!(u = store_update_begin(s, id, err, sizeof err))) {
			fprintf(stderr, "search_bench: %s\n", err);
			return -1;
		}
		for (i = 0; i < PER_FEED && f * PER_FEED + i < stories; i++) {
			struct feed_item it;
			int is_new;
			memset(&it, 0, sizeof it);
			snprintf(link, sizeof link, "https://gazette%ld.example/%ld", f, i);
			snprintf(guid, sizeof guid, "g%ld-%ld", f, i);
			words(title, sizeof title, 6 + next() % 5, "", "");
			words(summary, sizeof summary, 40 + next() % 30, "<p>", "</p>");
			it.id = guid;
			it.link = link;
			it.title = title;
			it.summary = summary;
			it.published = 1700000000 + f * 3600 + i * 60;
			it.updated = CRIER_NO_DATE;
			store_update_item(u, &it, &is_new);
		}
		if (store_update_commit(u, NULL, NULL, NULL, 200, err, sizeof err) != 0) {
			fprintf(stderr, "search_bench: %s\n", err);
			return -1;
		}
		if (store_batch_commit(s, err, sizeof err) != 0) {
			fprintf(stderr, "search_bench: %s\n", err);
			return -1;
		}
		if (f % 20 == 19)
			fprintf(stderr, "search_bench: %ld stories stored\n", (f + 1) * PER_FEED);
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* What the list does for a query: count it, then read its first screen of rows. */
static double wall[400];
static size_t nwall;

static double list_ms(struct store *s, const struct store_query *q, long *count)
{
	struct store_row rows[50];
	double w0 = now_ms(), t0 = cpu_ms();
	long n, i;
	*count = store_count(s, q);
	n = store_rows(s, q, 0, 50, rows);
	for (i = 0; i < n; i++)
		store_row_clear(&rows[i]);
	if (q->search && nwall < 400)
		wall[nwall++] = now_ms() - w0;
	return cpu_ms() - t0;
}

static double like_ms(sqlite3 *db, const char *w, long *count)
{
	sqlite3_stmt *st;
	char pat[128];
	double t0 = cpu_ms();
	snprintf(pat, sizeof pat, "%%%s%%", w);
	sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM items WHERE title LIKE ?1 OR summary LIKE ?1"
			   " OR content LIKE ?1", -1, &st, NULL);
	sqlite3_bind_text(st, 1, pat, -1, SQLITE_TRANSIENT);
	*count = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return cpu_ms() - t0;
}

int main(int argc, char **argv)
{
	char err[CRIER_ERRSZ], q2[160], pre[8];
	const char *path = argc > 1 ? argv[1] : "search-bench.db";
	long stories = argc > 2 ? atol(argv[2]) : 100000, have, count;
	struct store *s;
	struct store_query all = {0};
	double fts[400], ref[400], like[400];
	size_t nf = 0, nr = 0, nl = 0, k, r;
	sqlite3 *db;
	const char *queries[8];

	make_vocab();
	s = store_open(path, err, sizeof err);
	if (!s) {
		fprintf(stderr, "search_bench: %s\n", err);
		return 1;
	}
	have = store_count(s, &all);
	if (have < stories) {
		double t0 = now_ms();
		fprintf(stderr, "search_bench: building %ld stories with pages in %s\n", stories, path);
		if (have > 0) {
			fprintf(stderr, "search_bench: %s holds %ld stories: remove it first\n", path, have);
			return 1;
		}
		if (build(s, stories) != 0)
			return 1;
		fprintf(stderr, "search_bench: built in %.1f s\n", (now_ms() - t0) / 1e3);
	}
	/* common, middling, rare words; two words; a three-letter prefix */
	snprintf(q2, sizeof q2, "%s %s", vocab[40], vocab[300]);
	snprintf(pre, sizeof pre, "%.3s", vocab[1000]);
	queries[0] = vocab[3];
	queries[1] = vocab[200];
	queries[2] = vocab[4000];
	queries[3] = vocab[15000];
	queries[4] = q2;
	queries[5] = pre;
	queries[6] = vocab[9];
	queries[7] = vocab[700];
	/* The store keeps the last search's matches until the query or the cache changes
	 * (store_match.c): every measured search follows another query, so each pays for
	 * reading the index as a search just typed does. */
	{
		double per[8][14], page[56];
		long matches[8];
		size_t np = 0, o;
		for (r = 0; r < 7; r++) {
			for (o = 0; o < 2; o++)
				for (k = 0; k < 8; k++) {
					struct store_query q = {0};
					q.search = queries[k];
					q.order = o ? STORE_BY_DATE : STORE_BY_RANK;
					per[k][2 * r + o] = fts[nf++] = list_ms(s, &q, o ? &count : &matches[k]);
					if (o)
						continue;
					all.feed_id = 0;
					ref[nr++] = list_ms(s, &all, &count);
				}
			/* the next screen of a search just shown (the list paging down) */
			for (k = 0; k < 8; k++) {
				struct store_query q = {0};
				struct store_row rows[50];
				double t0;
				long n, i;
				q.search = queries[k];
				q.order = STORE_BY_RANK;
				count = store_count(s, &q);
				n = store_rows(s, &q, 0, 50, rows);
				for (i = 0; i < n; i++)
					store_row_clear(&rows[i]);
				t0 = cpu_ms();
				n = store_rows(s, &q, 50, 50, rows);
				for (i = 0; i < n; i++)
					store_row_clear(&rows[i]);
				page[np++] = cpu_ms() - t0;
			}
		}
		printf("query                   matches   median CPU ms: both   by rank   by date\n");
		for (k = 0; k < 8; k++) {
			double rank[7], date[7];
			for (r = 0; r < 7; r++) {
				rank[r] = per[k][2 * r];
				date[r] = per[k][2 * r + 1];
			}
			qsort(per[k], 14, sizeof per[k][0], cmp_double);
			qsort(rank, 7, sizeof rank[0], cmp_double);
			qsort(date, 7, sizeof date[0], cmp_double);
			printf("  %-20s %8ld %13.2f %9.2f %9.2f\n", queries[k], matches[k], per[k][7],
			       rank[3], date[3]);
		}
		qsort(page, np, sizeof page[0], cmp_double);
		printf("next screen of a search shown (rows 50-99 by rank): median %.2f ms\n", page[np / 2]);
		/* every page of the commonest search, as A (mark what the view shows) reads them */
		{
			struct store_query q = {0};
			struct store_row rows[256];
			double t0 = cpu_ms();
			long off = 0, n, i;
			q.search = queries[0];
			q.order = STORE_BY_RANK;
			do {
				n = store_rows(s, &q, off, 256, rows);
				for (i = 0; i < n; i++)
					store_row_clear(&rows[i]);
				off += n > 0 ? n : 0;
			} while (n == 256);
			printf("every page of '%s' by rank (%ld rows, 256 a page): %.1f ms\n", queries[0], off,
			       cpu_ms() - t0);
		}
	}
	store_close(s);
	sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	for (r = 0; r < 3; r++)
		for (k = 0; k < 8; k += 2) {
			if (k == 4)
				continue;
			like[nl++] = like_ms(db, queries[k], &count);
		}
	sqlite3_close(db);
	qsort(fts, nf, sizeof fts[0], cmp_double);
	qsort(ref, nr, sizeof ref[0], cmp_double);
	qsort(like, nl, sizeof like[0], cmp_double);
	qsort(wall, nwall, sizeof wall[0], cmp_double);
	printf("search over %ld stories with pages (count + first 50 rows, by rank and by date), CPU time:\n"
	       "  median %.2f ms, slowest %.2f ms (target: median under 50 ms)%s; wall median %.2f ms\n"
	       "  reference, the list without a search: median %.2f ms (search/list %.1fx)\n"
	       "  reference, substring scan of titles and feed text (no pages): median %.1f ms"
	       " (search is %.0fx faster)\n",
	       stories, fts[nf / 2], fts[nf - 1], fts[nf / 2] < 50 ? " MET" : " NOT MET", wall[nwall / 2],
	       ref[nr / 2], fts[nf / 2] / (ref[nr / 2] > 0 ? ref[nr / 2] : 1e-3),
	       like[nl / 2], like[nl / 2] / (fts[nf / 2] > 0 ? fts[nf / 2] : 1e-3));
	return fts[nf / 2] < 50 ? 0 : 1;
}
