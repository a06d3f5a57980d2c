/* Placeholder until this area is built. */
#include "config.h"
#include <stdio.h>
#include "commands.h"
int ui_main(const struct cli *c) { (void)c; fprintf(stderr, "crier: not built yet\n"); return 2; }
