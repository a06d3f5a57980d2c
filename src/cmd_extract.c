/* Placeholder until this area is built. */
#include "config.h"
#include <stdio.h>
#include "commands.h"
int cmd_extract(const struct cli *c, const char *target) { (void)c; (void)target; fprintf(stderr, "crier: not built yet\n"); return 2; }
