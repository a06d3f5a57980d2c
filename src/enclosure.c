/* enclosure: listing and downloading a story's enclosures. A partial file never takes
 * the final name: bytes go to a mkstemp file in the same directory, which link(2) gives
 * its final name once the transfer succeeded (link fails rather than overwrite). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crier/enclosure.h"
#include "crier/feed.h"
#include "crier/fetch.h"
#include "crier/render.h"

void enclosure_describe(struct sbuf *out, const char *type, long long length, long long duration)
{
	const char *sep = "";
	if (type && *type) {
		sbuf_adds(out, type);
		sep = ", ";
	}
	if (length >= 0) {
		if (length >= 1000LL * 1000 * 1000)
			sbuf_printf(out, "%s%.1f GB", sep, (double)length / 1e9);
		else if (length >= 1000LL * 1000)
			sbuf_printf(out, "%s%.1f MB", sep, (double)length / 1e6);
		else if (length >= 1000)
			sbuf_printf(out, "%s%lld kB", sep, length / 1000);
		else
			sbuf_printf(out, "%s%lld bytes", sep, length);
		sep = ", ";
	}
	if (duration > 0) {
		long long h = duration / 3600, m = duration / 60 % 60, s = duration % 60;
		if (h)
			sbuf_printf(out, "%s%lld:%02lld:%02lld", sep, h, m, s);
		else
			sbuf_printf(out, "%s%lld:%02lld", sep, m, s);
	}
}

void enclosure_render(struct render_doc *d, const struct feed_item *it, int width,
		      const char *keys_hint)
{
	size_t i;
	if (!d || !it || !it->nenclosures || width < 10)
		return;
	/* a blank line between the story and its enclosures */
	d->lines = xrealloc(d->lines, (d->nlines + 1) * sizeof *d->lines);
	d->lines[d->nlines].text = xstrdup("");
	d->lines[d->nlines].style = RENDER_TEXT;
	d->nlines++;
	{
		struct sbuf h = SBUF_INIT;
		sbuf_printf(&h, "Enclosures%s%s%s", keys_hint && *keys_hint ? " (" : "",
			    keys_hint && *keys_hint ? keys_hint : "", keys_hint && *keys_hint ? ")" : "");
		render_wrap(d, sbuf_str(&h), width, "", "", RENDER_HEADING);
		sbuf_free(&h);
	}
	for (i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		struct sbuf t = SBUF_INIT;
		char *url = xstrdup(e->url ? e->url : "");
		text_clean_line(url);
		sbuf_printf(&t, "%zu. %s", i + 1, url);
		render_wrap(d, sbuf_str(&t), width, "", "   ", RENDER_TEXT);
		sbuf_reset(&t);
		enclosure_describe(&t, e->type, e->length, e->duration);
		if (t.len) {
			text_clean_line(t.s);
			render_wrap(d, sbuf_str(&t), width, "   ", "   ", RENDER_META);
		}
		sbuf_free(&t);
		free(url);
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *enclosure_file_name(const char *url)
{
	const char *p = url ? url : "", *end, *seg;
	struct sbuf b = SBUF_INIT;
	char *s;
	size_t i, n;
	/* the path: after the scheme and host, before the query or fragment */
	const char *scheme = strstr(p, "://");
	if (scheme)
		p = strchr(scheme + 3, '/') ? strchr(scheme + 3, '/') : "";
	end = p + strcspn(p, "?#");
	seg = end;
	while (seg > p && seg[-1] != '/')
		seg--;
	for (; seg < end; seg++) {
		int hi, lo;
		if (*seg == '%' && seg + 2 < end && (hi = hexval(seg[1])) >= 0 &&
		    (lo = hexval(seg[2])) >= 0) {
			sbuf_addc(&b, (char)(hi * 16 + lo));
			seg += 2;
		} else {
			sbuf_addc(&b, *seg);
		}
	}
	s = b.s ? b.s : xstrdup("");
	text_clean_line(s);
	/* nothing that names another directory or hides the file */
	for (i = 0; s[i]; i++)
		if (s[i] == '/' || s[i] == '\\' || s[i] == '\t')
			s[i] = '_';
	n = strspn(s, ". ");
	memmove(s, s + n, strlen(s + n) + 1);
	n = strlen(s);
	if (n > 120) {
		/* cut on a UTF-8 boundary */
		n = 120;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		s[n] = '\0';
	}
	if (!*s) {
		free(s);
		s = xstrdup("enclosure");
	}
	return s;
}

struct enclosure_download {
	char *url, *dir, *name, *tmp;
	int fd;
	int write_failed;
	long long bytes;
	enclosure_done_fn done;
	void *ctx;
};

static void download_free(struct enclosure_download *d)
{
	if (d->fd >= 0)
		close(d->fd);
	if (d->tmp)
		unlink(d->tmp);
	free(d->url);
	free(d->dir);
	free(d->name);
	free(d->tmp);
	free(d);
}

static int on_data(void *user, const char *buf, size_t len)
{
	struct enclosure_download *d = user;
	while (len) {
		ssize_t w = write(d->fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			d->write_failed = errno ? errno : EIO;
			return 1; /* stops the transfer */
		}
		buf += w;
		len -= (size_t)w;
		d->bytes += w;
	}
	return 0;
}

/* Gives the finished temporary file its final name, never replacing a file: name, then
 * name.1, name.2 ... The final path into *path. 0, or -1 with errno. */
static int take_name(struct enclosure_download *d, char **path)
{
	int i;
	for (i = 0; i < 1000; i++) {
		struct sbuf p = SBUF_INIT;
		if (i)
			sbuf_printf(&p, "%s/%s.%d", d->dir, d->name, i);
		else
			sbuf_printf(&p, "%s/%s", d->dir, d->name);
		if (link(d->tmp, p.s) == 0) {
			*path = sbuf_steal(&p);
			return 0;
		}
		sbuf_free(&p);
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

static void on_done(void *user, const struct fetch_result *res)
{
	struct enclosure_download *d = user;
	struct sbuf msg = SBUF_INIT;
	char *path = NULL;
	if (d->write_failed)
		sbuf_printf(&msg, "%s: cannot write: %s", d->tmp, strerror(d->write_failed));
	else if (res->error)
		sbuf_adds(&msg, res->error);
	else if (fsync(d->fd) != 0 || close(d->fd) != 0)
		sbuf_printf(&msg, "%s: cannot write: %s", d->tmp, strerror(errno));
	else if ((d->fd = -1, take_name(d, &path) != 0))
		sbuf_printf(&msg, "%s/%s: cannot save: %s", d->dir, d->name, strerror(errno));
	/* the temporary name goes either way: on success the final name holds the file */
	d->done(d->ctx, d->url, msg.s ? NULL : path, msg.s);
	sbuf_free(&msg);
	free(path);
	download_free(d);
}

/* mkdir -p, each new level 0700. */
static int make_dir(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;
	for (s = p + 1; rc == 0; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return rc;
}

struct enclosure_download *enclosure_download_start(struct fetch *f, const char *url,
						    const char *dir, long long max_size,
						    enclosure_done_fn done, void *ctx,
						    char *err, size_t errsz)
{
	struct enclosure_download *d;
	struct fetch_request req;
	struct stat st;
	if (!url_is_http(url)) {
		err_set(err, errsz, "%s: only http and https enclosures are downloaded", url);
		return NULL;
	}
	if (!dir || !*dir) {
		err_set(err, errsz, "%s: no download directory", url);
		return NULL;
	}
	if (make_dir(dir) != 0 || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(err, errsz, "%s: cannot make the download directory: %s", dir, strerror(errno));
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->fd = -1;
	d->url = xstrdup(url);
	d->dir = xstrdup(dir);
	d->name = enclosure_file_name(url);
	d->done = done;
	d->ctx = ctx;
	{
		struct sbuf t = SBUF_INIT;
		sbuf_printf(&t, "%s/.%s.XXXXXX.part", dir, d->name);
		d->tmp = sbuf_steal(&t);
	}
	d->fd = mkstemps(d->tmp, 5);
	if (d->fd < 0) {
		err_set(err, errsz, "%s: cannot make a file there: %s", dir, strerror(errno));
		free(d->tmp);
		d->tmp = NULL;
		download_free(d);
		return NULL;
	}
	memset(&req, 0, sizeof req);
	req.url = url;
	req.on_data = on_data;
	req.on_done = on_done;
	req.user = d;
	req.max_body = max_size;
	req.no_total_timeout = 1; /* an episode takes what it takes; a stall still ends it */
	if (fetch_add(f, &req, err, errsz) != 0) {
		download_free(d);
		return NULL;
	}
	return d;
}

long long enclosure_download_bytes(const struct enclosure_download *d)
{
	return d->bytes;
}

void enclosure_download_cancel(struct fetch *f, struct enclosure_download *d)
{
	fetch_cancel(f, d);
	download_free(d);
}
