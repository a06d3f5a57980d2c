/* extract_bench: extract every page given on the command line in one process, ROUNDS times
 * (argv[1]); prints the best round's seconds. Built and run by tests/bench/extract.sh. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "crier/extract.h"
#include "crier/util.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3;
	double best = -1;
	char err[CRIER_ERRSZ];
	setlocale(LC_CTYPE, "C.UTF-8");
	for (int r = 0; r < rounds; r++) {
		double t0 = now();
		for (int i = 2; i < argc; i++) {
			struct sbuf b = SBUF_INIT;
			if (file_read_all(argv[i], EXTRACT_MAX_PAGE, &b, err, sizeof err) < 0) {
				fprintf(stderr, "%s\n", err);
				return 1;
			}
			struct article *a = extract_article(sbuf_str(&b), b.len, "https://example.com/",
							    NULL, err, sizeof err);
			if (!a)
				fprintf(stderr, "%s: %s\n", argv[i], err);
			article_free(a);
			sbuf_free(&b);
		}
		double dt = now() - t0;
		if (best < 0 || dt < best)
			best = dt;
	}
	printf("%f\n", best);
	return 0;
}
