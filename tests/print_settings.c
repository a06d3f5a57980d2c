/* Prints the settings table (name, type, default, range, description), one setting a
 * line, tab-separated, and the bind-key actions: tests/man.sh compares crier.conf(5)
 * with it so the page cannot drift from the code. */
#include "config.h"
#include <stdio.h>
#include "crier/settings.h"

int main(void)
{
	static const char *const types[] = {"STR", "INT", "BOOL", "ENUM"};
	size_t i;
	for (i = 0; i < settings_count; i++) {
		const struct setting_def *d = &settings_table[i];
		long lo = 0, hi = 0;
		settings_range(d->name, &lo, &hi);
		printf("setting\t%s\t%s\t%s\t%ld\t%ld\t%s\n", d->name, types[d->type], d->def, lo, hi,
		       d->description);
	}
	return 0;
}
