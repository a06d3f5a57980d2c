/* enclosure_get: downloads enclosures with src/enclosure.c on one fetcher, as the reader
 * does in the background, and prints how each ended ("URL saved PATH BYTES" or "URL
 * failed MESSAGE"), for tests/enclosure.sh.
 * Usage: enclosure_get [-L name=value]... [-s max_size] DIR URL... */
#include "config.h"
#include "crier/enclosure.h"
#include "crier/fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int left;

static void on_done(void *ctx, const char *url, const char *path, const char *err)
{
	(void)ctx;
	if (path)
		printf("%s saved %s\n", url, path);
	else
		printf("%s failed %s\n", url, err);
	fflush(stdout);
	left--;
}

int main(int argc, char **argv)
{
	struct fetch_limits lim;
	struct fetch *f;
	char err[CRIER_ERRSZ];
	int opt, i, rc = 0;
	long long max_size = 0; /* 0: the fetcher's max_download_size */

	fetch_limits_default(&lim);
	while ((opt = getopt(argc, argv, "L:s:")) != -1) {
		char *eq;
		if (opt == 's') {
			max_size = atoll(optarg);
			continue;
		}
		if (opt != 'L' || !(eq = strchr(optarg, '=')))
			return 2;
		*eq = '\0';
		if (fetch_limits_set(&lim, optarg, atoll(eq + 1)) != 0)
			return 2;
	}
	if (optind + 2 > argc)
		return 2;
	f = fetch_new(&lim, err, sizeof err);
	if (!f) {
		fprintf(stderr, "enclosure_get: %s\n", err);
		return 1;
	}
	for (i = optind + 1; i < argc; i++) {
		if (!enclosure_download_start(f, argv[i], argv[optind], max_size, on_done, NULL, err,
					      sizeof err)) {
			printf("%s refused %s\n", argv[i], err);
			rc = 1;
		} else {
			left++;
		}
	}
	while (left > 0 && fetch_pending(f) > 0)
		if (fetch_poll(f, -1, 1000) < 0) {
			rc = 1;
			break;
		}
	fetch_free(f);
	return rc;
}
