/* Unit tests of the enclosure lines a story shows and the file names downloads take. */
#include "config.h"
#include "check.h"
#include "crier/enclosure.h"

#include <stdlib.h>
#include <string.h>

static void describe(const char *type, long long len, long long dur, const char *want)
{
	struct sbuf b = SBUF_INIT;
	enclosure_describe(&b, type, len, dur);
	CHECK_STR(sbuf_str(&b), want);
	sbuf_free(&b);
}

static void name(const char *url, const char *want)
{
	char *s = enclosure_file_name(url);
	CHECK_STR(s, want);
	free(s);
}

int main(void)
{
	describe("audio/mpeg", 24300000, 3723, "audio/mpeg, 24.3 MB, 1:02:03");
	describe("audio/ogg", 950, 62, "audio/ogg, 950 bytes, 1:02");
	describe(NULL, 1500000000, 0, "1.5 GB");
	describe("video/mp4", -1, 0, "video/mp4");
	describe("", 12345, -1, "12 kB");
	describe(NULL, -1, 0, "");

	name("https://cdn.example.net/shows/ep%2012%20final.mp3?token=abc#t=10", "ep 12 final.mp3");
	name("http://example.net/a/b/episode.ogg", "episode.ogg");
	/* nothing that leaves the directory or hides the file */
	name("http://example.net/x/..%2F..%2Fetc%2Fpasswd", "_.._etc_passwd");
	name("http://example.net/.hidden", "hidden");
	name("http://example.net/", "enclosure");
	name("http://example.net", "enclosure");
	name("http://example.net/%2e%2e", "enclosure");
	name("http://example.net/a%1b%5b2Jb.mp3", "a[2Jb.mp3");
	{
		char url[400], *s;
		memset(url, 0, sizeof url);
		strcpy(url, "http://example.net/");
		memset(url + strlen(url), 'z', 300);
		s = enclosure_file_name(url);
		CHECK_INT(strlen(s), 120);
		free(s);
	}
	return CHECK_DONE();
}
