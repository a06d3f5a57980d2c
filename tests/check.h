/* check: the few assertions the C unit tests need. A failed check prints where and what,
 * and the test exits 1 at the end (so one run reports every failure). */
#ifndef CRIER_TESTS_CHECK_H
#define CRIER_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond) do { if (!(cond)) { check_failures++; \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
	if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0)) { check_failures++; \
	fprintf(stderr, "%s:%d: %s\n   got: %s%s%s\n  want: %s%s%s\n", __FILE__, __LINE__, #got, \
		g_ ? "\"" : "", g_ ? g_ : "NULL", g_ ? "\"" : "", \
		w_ ? "\"" : "", w_ ? w_ : "NULL", w_ ? "\"" : ""); } } while (0)

#define CHECK_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ != w_) { check_failures++; \
	fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); } } while (0)

/* Writes a test's fixture file; a file that cannot be written fails the test. */
static inline void check_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF) {
		check_failures++;
		fprintf(stderr, "cannot write the fixture %s\n", path);
	}
	if (f && fclose(f) != 0) {
		check_failures++;
		fprintf(stderr, "cannot write the fixture %s\n", path);
	}
}

#define CHECK_DONE() (check_failures ? (fprintf(stderr, "%d check(s) failed\n", check_failures), 1) : 0)

#endif
