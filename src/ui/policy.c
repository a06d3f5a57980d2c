/* policy: which pages crier may load for a story. http(s) always; file:// only next to a
 * feed the user listed as file:// (the offline demo), never anywhere else. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "crier/util.h"
#include "ui/ui.h"

static int starts_with_ci(const char *s, const char *p)
{
	return s && strncasecmp(s, p, strlen(p)) == 0;
}

/* Removes "." and ".." segments of an absolute path, as text. -1 when it does not fit or
 * climbs above the root. */
static int path_normalize(const char *in, char *out, size_t outsz)
{
	size_t n = 0;
	if (outsz < 2 || in[0] != '/')
		return -1;
	const char *p = in;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (n == 0)
				return -1;
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the slash before the segment */
		} else {
			if (n + 1 + len + 1 > outsz)
				return -1;
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = 0;
	return 0;
}

/* Pages come over http(s). A file:// page is allowed only for a feed the user listed
 * as file:// itself, and only inside the directory tree that holds the feed (what the
 * offline demo needs): nothing from the network can point crier at local files. */
int page_url_allowed(const char *feed_url, const char *page_url, int *allow_file)
{
	*allow_file = 0;
	if (!page_url)
		return 0;
	if (url_is_http(page_url))
		return 1;
	if (!starts_with_ci(page_url, "file://") || !starts_with_ci(feed_url, "file://"))
		return 0;
	const char *pp = page_url + 7;
	if (strstr(pp, "/..") || strstr(pp, "/./") || strstr(pp, "%2e") || strstr(pp, "%2E") ||
	    strchr(pp, '?'))
		return 0;
	/* the feed's URL is the user's own and may say "build/../data": resolve its dots */
	char fpath[4096];
	if (path_normalize(feed_url + 7, fpath, sizeof fpath) < 0)
		return 0;
	const char *fp = fpath;
	const char *slash = strrchr(fp, '/');
	if (!slash)
		return 0;
	/* the tree: the feed's directory, or its parent when the feed sits in a directory
	 * named "feeds" beside the publication's pages (the demo's layout). Nothing wider:
	 * a feed in /home/u must not open pages from every home directory. */
	size_t dirlen = (size_t)(slash - fp) + 1;
	if (strncmp(fp, pp, dirlen) == 0) {
		*allow_file = 1;
		return 1;
	}
	const char *up = NULL;
	for (const char *q = fp; q < slash; q++)
		if (*q == '/')
			up = q;
	if (up && up > fp && slash - up == 6 && strncmp(up, "/feeds", 6) == 0 &&
	    strncmp(fp, pp, (size_t)(up - fp) + 1) == 0) {
		*allow_file = 1;
		return 1;
	}
	return 0;
}
