/* replay: runs a libFuzzer harness over files, without libFuzzer, so that every harness
 * is built and exercised by make check (the fixtures, and any crash input saved from a
 * fuzzing run) and cannot rot between fuzzing sessions. A harness aborts on a finding. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crier/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int i, n = 0;
	for (i = 1; i < argc; i++) {
		struct sbuf b = SBUF_INIT;
		char err[CRIER_ERRSZ];
		if (file_read_all(argv[i], 64u << 20, &b, err, sizeof err) != 0) {
			fprintf(stderr, "replay: %s\n", err);
			return 1;
		}
		/* the whole file, then prefixes cut at a few points (truncated input is the
		 * common case), each in a buffer of exactly its length, so that a read past the
		 * end is caught by the sanitizer build */
		size_t lens[3] = {b.len, b.len / 2, b.len / 7};
		for (int k = 0; k < 3; k++) {
			uint8_t *copy = xmalloc(lens[k]);
			memcpy(copy, sbuf_str(&b), lens[k]);
			LLVMFuzzerTestOneInput(copy, lens[k]);
			free(copy);
		}
		sbuf_free(&b);
		n++;
	}
	printf("replayed %d file(s)\n", n);
	return n > 0 ? 0 : 1;
}
