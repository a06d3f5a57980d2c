/* libFuzzer harness for the config file reader: any bytes as a config file must neither
 * crash nor leak, and every message must be free of control characters. Built by
 * configure CC=clang --enable-fuzzing; make fuzz runs it; make check replays it. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "crier/settings.h"

static void warn(void *ctx, const char *msg)
{
	const unsigned char *p;
	(void)ctx;
	for (p = (const unsigned char *)msg; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct settings s;
	FILE *f;
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/crier-fuzz-settings.%ld", (long)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	settings_init(&s);
	settings_load(&s, path, 0, warn, NULL);
	settings_free(&s);
	return 0;
}
