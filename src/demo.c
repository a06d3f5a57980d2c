/* demo: crier --demo. Finds the bundled offline demo (installed, or the source tree when
 * run from a build directory), writes a urls file of file:// URLs for it and picks a cache
 * of its own, so the demo never touches the user's feeds or cache. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "crier/util.h"

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The canonical path (no "build/.." in the file:// URLs a user sees), else as given. */
static char *canonical(const char *path)
{
	char *r = realpath(path, NULL);
	return r ? r : xstrdup(path);
}

/* 1 when this program runs from a build directory (its directory has a Makefile), so the
 * source tree's demo is the one that matches it. */
static int running_uninstalled(void)
{
	char exe[PATH_MAX], *slash;
	struct sbuf mk = SBUF_INIT;
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	int found;
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	sbuf_printf(&mk, "%s/Makefile", exe);
	found = stat(mk.s, &st) == 0;
	sbuf_free(&mk);
	return found;
}

char *demo_find_dir(void)
{
	const char *env = getenv("CRIER_DEMO_DIR");
	const char *installed = CRIER_PKGDATADIR "/demo", *source = CRIER_SRCDIR "/data/demo";
	if (env && *env)
		return is_dir(env) ? canonical(env) : NULL;
	if (running_uninstalled() && is_dir(source))
		return canonical(source);
	if (is_dir(installed))
		return canonical(installed);
	if (is_dir(source))
		return canonical(source);
	return NULL;
}

/* file:// URL of an absolute path: bytes outside the URL-safe set are %-encoded so a
 * directory with spaces or non-ASCII names still makes one valid word of the urls file. */
static void add_file_url(struct sbuf *b, const char *path)
{
	const unsigned char *p;
	sbuf_adds(b, "file://");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			sbuf_addc(b, (char)*p);
		else
			sbuf_printf(b, "%%%02X", *p);
	}
}

/* The demo's own urls list names feeds relative to the demo directory; rewrite each into
 * an absolute file:// URL and keep the rest of the line (tags, "~title") as written. */
static int write_urls(const char *demo_dir, const char *out_path, char *err, size_t errsz)
{
	struct sbuf in = SBUF_INIT, out = SBUF_INIT, src = SBUF_INIT, tmp = SBUF_INIT;
	char *line, *next;
	FILE *f;
	int rc = -1, feeds = 0;

	sbuf_printf(&src, "%s/urls", demo_dir);
	if (file_read_all(src.s, 65536, &in, err, errsz) != 0)
		goto done;
	sbuf_adds(&out, "# crier --demo: the bundled offline demo, rewritten on every start.\n");
	for (line = in.s; line && *line; line = next) {
		size_t word;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		word = strcspn(line, " \t");
		if (memmem(line, word, "://", 3) || line[0] == '/') {
			sbuf_printf(&out, "%s\n", line);
		} else {
			struct sbuf path = SBUF_INIT;
			sbuf_printf(&path, "%s/", demo_dir);
			sbuf_add(&path, line, word);
			add_file_url(&out, path.s);
			sbuf_printf(&out, "%s\n", line + word);
			sbuf_free(&path);
		}
		feeds++;
	}
	if (!feeds) {
		err_set(err, errsz, "%s: lists no feeds", src.s);
		goto done;
	}
	sbuf_printf(&tmp, "%s.tmp", out_path);
	f = fopen(tmp.s, "w");
	if (f) {
		int bad = fwrite(out.s, 1, out.len, f) != out.len;
		if (fclose(f) != 0 || bad) {
			err_set(err, errsz, "%s: %s", tmp.s, strerror(errno ? errno : EIO));
			unlink(tmp.s);
			goto done;
		}
	} else {
		err_set(err, errsz, "%s: %s", tmp.s, strerror(errno));
		goto done;
	}
	if (rename(tmp.s, out_path) != 0) {
		err_set(err, errsz, "%s: %s", out_path, strerror(errno));
		unlink(tmp.s);
		goto done;
	}
	rc = 0;
done:
	sbuf_free(&in);
	sbuf_free(&out);
	sbuf_free(&src);
	sbuf_free(&tmp);
	return rc;
}

/* The demo's working directory: $XDG_DATA_HOME/crier/demo (or ~/.local/share/crier/demo),
 * else a fresh directory under $TMPDIR when there is no home. */
static char *work_dir(void)
{
	const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME"), *tmp = getenv("TMPDIR");
	struct sbuf b = SBUF_INIT;
	if (data && *data == '/')
		sbuf_printf(&b, "%s/crier/demo/", data);
	else if (home && *home == '/')
		sbuf_printf(&b, "%s/.local/share/crier/demo/", home);
	if (b.s && cli_make_parent(b.s) == 0) {
		b.s[b.len - 1] = '\0';
		return sbuf_steal(&b);
	}
	sbuf_reset(&b);
	sbuf_printf(&b, "%s/crier-demo-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
	if (!mkdtemp(b.s)) {
		fprintf(stderr, "crier: cannot create %s: %s\n", b.s, strerror(errno));
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_steal(&b);
}

int demo_prepare(const struct cli *c, char **urls_path, char **cache_path)
{
	char err[CRIER_ERRSZ], *demo = demo_find_dir(), *dir;
	struct sbuf u = SBUF_INIT, db = SBUF_INIT;
	static const char *const sidecars[] = {"", "-wal", "-shm", "-journal"};
	size_t i;

	*urls_path = *cache_path = NULL;
	if (!demo) {
		fprintf(stderr, "crier: the demo is not installed (looked in %s and %s)\n",
			CRIER_PKGDATADIR "/demo", CRIER_SRCDIR "/data/demo");
		return -1;
	}
	dir = work_dir();
	if (!dir) {
		free(demo);
		return -1;
	}
	sbuf_printf(&u, "%s/urls", dir);
	if (write_urls(demo, u.s, err, sizeof err) != 0) {
		fprintf(stderr, "crier: demo: %s\n", err);
		free(demo);
		free(dir);
		sbuf_free(&u);
		return -1;
	}
	if (c && c->cache_file) {
		sbuf_adds(&db, c->cache_file);
	} else {
		/* A fresh cache every time: the demo starts with every story unread. */
		sbuf_printf(&db, "%s/cache.db", dir);
		for (i = 0; i < sizeof sidecars / sizeof sidecars[0]; i++) {
			struct sbuf p = SBUF_INIT;
			sbuf_printf(&p, "%s%s", db.s, sidecars[i]);
			unlink(p.s);
			sbuf_free(&p);
		}
	}
	free(demo);
	free(dir);
	*urls_path = sbuf_steal(&u);
	*cache_path = sbuf_steal(&db);
	return 0;
}

char *demo_first_run_text(const char *urls_path)
{
	struct sbuf b = SBUF_INIT;
	/* Lines kept under 76 columns: the interface shows them in an 80-column pane. */
	sbuf_printf(&b,
		    "Welcome to crier. There are no feeds yet.\n"
		    "\n"
		    "crier reads its feed list from\n"
		    "    %s\n"
		    "one feed a line, as in newsboat: the URL, tags, then an optional \"~title\":\n"
		    "    https://example.org/news/rss.xml news \"~Example News\"\n"
		    "Copy a newsboat urls file there as it is, or import another reader's\n"
		    "OPML export:  crier -i feeds.opml\n"
		    "\n"
		    "To look around first, open the offline demo:  crier --demo\n",
		    urls_path ? urls_path : "~/.config/crier/urls");
	return sbuf_steal(&b);
}
