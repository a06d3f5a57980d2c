/* Placeholder until this area is built. */
#include "config.h"
#include <stdio.h>
#include "commands.h"
int cmd_parse(const struct cli *c, const char *file) { (void)c; (void)file; fprintf(stderr, "crier: not built yet\n"); return 2; }
