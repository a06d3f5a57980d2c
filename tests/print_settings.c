/* Prints the settings table (name, type, default, range, description), one setting a
 * line, tab-separated, and the key table (action, default keys, aliases, description):
 * tests/man.sh and tests/readme.sh compare crier.1, crier.conf(5) and the README with
 * it, so the pages cannot drift from the code. */
#include "config.h"
#include <stdio.h>
#include "crier/keys.h"
#include "crier/settings.h"

int main(void)
{
	static const char *const types[] = {"STR", "INT", "BOOL", "ENUM", "DURATION"};
	size_t i;
	for (i = 0; i < settings_count; i++) {
		const struct setting_def *d = &settings_table[i];
		printf("setting\t%s\t%s\t%s\t%ld\t%ld\t%s\n", d->name, types[d->type], d->def,
		       d->lo, d->hi, d->description);
	}
	for (i = 0; i < ACT_COUNT; i++)
		printf("action\t%s\t%s\t%s\t%s\n", keys_table[i].name, keys_table[i].keys,
		       keys_table[i].aliases, keys_table[i].description);
	return 0;
}
