/* Tests of crier --demo's preparation: the urls file it writes points at the bundled
 * feeds as file:// URLs, keeps their tags and titles, and the demo gets a cache of its
 * own that starts fresh, away from the user's. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commands.h"
#include "crier/util.h"
#include "check.h"

static char tmp[] = "/tmp/crier-test-demo.XXXXXX";

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* The path of a file:// URL, %XX decoded. */
static char *url_path(const char *url, size_t len)
{
	struct sbuf b = SBUF_INIT;
	size_t i;
	for (i = 7; i < len; i++) {
		unsigned v;
		if (url[i] == '%' && i + 2 < len && sscanf(url + i + 1, "%2x", &v) == 1) {
			sbuf_addc(&b, (char)v);
			i += 2;
		} else {
			sbuf_addc(&b, url[i]);
		}
	}
	return sbuf_steal(&b);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

int main(void)
{
	struct cli c = {0};
	struct sbuf text = SBUF_INIT, want = SBUF_INIT;
	char *urls = NULL, *cache = NULL, *dir, *line, *msg, err[CRIER_ERRSZ];
	int feeds = 0;

	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	setenv("XDG_DATA_HOME", tmp, 1);
	unsetenv("CRIER_DEMO_DIR");

	/* Found without help (the source tree here: nothing is installed during make check). */
	dir = demo_find_dir();
	CHECK(dir != NULL);
	free(dir);

	CHECK_INT(demo_prepare(&c, &urls, &cache), 0);
	sbuf_printf(&want, "%s/crier/demo/urls", tmp);
	CHECK_STR(urls, want.s);
	sbuf_reset(&want);
	sbuf_printf(&want, "%s/crier/demo/cache.db", tmp);
	CHECK_STR(cache, want.s);

	/* Every feed line is a file:// URL of a file that exists, with its tags and title. */
	CHECK(file_read_all(urls, 1 << 20, &text, err, sizeof err) == 0);
	for (line = text.s; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		size_t word = strcspn(line, " \t\n");
		char *path;
		if (*line == '#' || *line == '\n')
			continue;
		CHECK(strncmp(line, "file:///", 8) == 0);
		path = url_path(line, word);
		CHECK(exists(path));
		if (!exists(path))
			fprintf(stderr, "missing: %s\n", path);
		free(path);
		CHECK(strncmp(line + word, " demo ", 6) == 0);
		CHECK(strstr(line, " · Kelderwick Lantern\"") != NULL);
		feeds++;
	}
	CHECK_INT(feeds, 3);
	CHECK(strstr(sbuf_str(&text), "/feeds/news.xml demo news \"~News · Kelderwick Lantern\"") != NULL);
	sbuf_free(&text);

	/* A second start begins with a fresh cache: the old one (and its WAL) is gone. */
	{
		FILE *f = fopen(cache, "w");
		struct sbuf wal = SBUF_INIT;
		if (f)
			fclose(f);
		sbuf_printf(&wal, "%s-wal", cache);
		f = fopen(wal.s, "w");
		if (f)
			fclose(f);
		free(urls);
		free(cache);
		CHECK_INT(demo_prepare(&c, &urls, &cache), 0);
		CHECK(!exists(cache));
		CHECK(!exists(wal.s));
		sbuf_free(&wal);
	}
	free(urls);
	free(cache);

	/* -c given: the demo uses it and deletes nothing. */
	sbuf_reset(&want);
	sbuf_printf(&want, "%s/mine.db", tmp);
	{
		FILE *f = fopen(want.s, "w");
		if (f)
			fclose(f);
	}
	c.cache_file = want.s;
	CHECK_INT(demo_prepare(&c, &urls, &cache), 0);
	CHECK_STR(cache, want.s);
	CHECK(exists(want.s));
	free(urls);
	free(cache);
	c.cache_file = NULL;

	/* A demo directory whose path has a space and a non-ASCII letter: one valid URL word. */
	sbuf_reset(&want);
	sbuf_printf(&want, "%s/my demo \xc3\xa9/feeds/a.xml", tmp);
	CHECK(cli_make_parent(want.s) == 0);
	write_file(want.s, "");
	sbuf_reset(&want);
	sbuf_printf(&want, "%s/my demo \xc3\xa9/urls", tmp);
	write_file(want.s, "feeds/a.xml t \"~A\"\n");
	sbuf_reset(&want);
	sbuf_printf(&want, "%s/my demo \xc3\xa9", tmp);
	setenv("CRIER_DEMO_DIR", want.s, 1);
	CHECK_INT(demo_prepare(&c, &urls, &cache), 0);
	CHECK(file_read_all(urls, 1 << 20, &text, err, sizeof err) == 0);
	CHECK(strstr(sbuf_str(&text), "/my%20demo%20%C3%A9/feeds/a.xml t \"~A\"\n") != NULL);
	sbuf_free(&text);
	free(urls);
	free(cache);

	/* No demo there: an error, no paths. */
	sbuf_printf(&want, "/nowhere");
	setenv("CRIER_DEMO_DIR", want.s, 1);
	CHECK_INT(demo_prepare(&c, &urls, &cache), -1);
	CHECK(urls == NULL && cache == NULL);
	unsetenv("CRIER_DEMO_DIR");

	/* The first-run text tells how to add feeds and offers the demo. */
	msg = demo_first_run_text("/home/someone/.config/crier/urls");
	CHECK(strstr(msg, "/home/someone/.config/crier/urls") != NULL);
	CHECK(strstr(msg, "crier --demo") != NULL);
	CHECK(strstr(msg, "crier -i") != NULL);
	free(msg);

	nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	sbuf_free(&want);
	return CHECK_DONE();
}
