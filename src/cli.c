/* cli: the paths the command line resolves (XDG base directories). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "crier/util.h"

static char *xdg_path(const char *given, const char *env, const char *fallback, const char *leaf)
{
	const char *dir = getenv(env), *home;
	struct sbuf b = SBUF_INIT;
	if (given)
		return xstrdup(given);
	if (dir && *dir == '/') {
		sbuf_printf(&b, "%s/crier/%s", dir, leaf);
		return sbuf_steal(&b);
	}
	home = getenv("HOME");
	if (!home || !*home) {
		fprintf(stderr, "crier: neither %s nor HOME is set; name the file with an option\n", env);
		return NULL;
	}
	sbuf_printf(&b, "%s/%s/crier/%s", home, fallback, leaf);
	return sbuf_steal(&b);
}

char *cli_urls_path(const struct cli *c)
{
	return xdg_path(c->urls_file, "XDG_CONFIG_HOME", ".config", "urls");
}

char *cli_cache_path(const struct cli *c)
{
	return xdg_path(c->cache_file, "XDG_DATA_HOME", ".local/share", "cache.db");
}

char *cli_config_path(const struct cli *c)
{
	return xdg_path(c->config_file, "XDG_CONFIG_HOME", ".config", "config");
}

int cli_make_parent(const char *path)
{
	char *p = xstrdup(path), *s;
	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			fprintf(stderr, "crier: cannot create %s: %s\n", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}
