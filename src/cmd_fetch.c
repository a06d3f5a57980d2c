/* Placeholder until this area is built. */
#include "config.h"
#include <stdio.h>
#include "commands.h"
int cmd_execute(const struct cli *c, const char *what) { (void)c; (void)what; fprintf(stderr, "crier: not built yet\n"); return 2; }
int cmd_import_opml(const struct cli *c, const char *opml) { (void)c; (void)opml; fprintf(stderr, "crier: not built yet\n"); return 2; }
int cmd_export_opml(const struct cli *c) { (void)c; fprintf(stderr, "crier: not built yet\n"); return 2; }
