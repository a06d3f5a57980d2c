/* fetch: one libcurl multi handle driven from the caller's loop. Transfers wait in our
 * own queue until the global and per-host limits let them start, so that a queued
 * transfer's timeout does not tick while it waits. */
#include "config.h"
#include "crier/fetch.h"
#include "crier/settings.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#define USER_AGENT "crier/" PACKAGE_VERSION
#define MAX_HOPS 32

void fetch_limits_from_settings(struct fetch_limits *l, const struct settings *s)
{
	l->connect_timeout = settings_get_int(s, SET_connect_timeout);
	l->transfer_timeout = settings_get_int(s, SET_download_timeout);
	l->low_speed_limit = settings_get_int(s, SET_low_speed_limit);
	l->low_speed_time = settings_get_int(s, SET_low_speed_time);
	l->max_body = settings_get_int(s, SET_max_download_size);
	l->max_transfers = (int)settings_get_int(s, SET_max_transfers);
	l->max_per_host = (int)settings_get_int(s, SET_max_per_host);
	l->max_redirects = (int)settings_get_int(s, SET_max_redirects);
	l->allow_https_downgrade = settings_get_bool(s, SET_allow_https_downgrade);
	l->ca_file = NULL;
}

/* The defaults live in the settings table only. */
void fetch_limits_default(struct fetch_limits *l)
{
	struct settings s;
	settings_init(&s);
	fetch_limits_from_settings(l, &s);
	settings_free(&s);
}

int fetch_limits_set(struct fetch_limits *l, const char *name, long long v)
{
	if (strcmp(name, "max_transfers") == 0)
		l->max_transfers = (int)v;
	else if (strcmp(name, "max_per_host") == 0)
		l->max_per_host = (int)v;
	else if (strcmp(name, "connect_timeout") == 0)
		l->connect_timeout = (long)v;
	else if (strcmp(name, "download_timeout") == 0)
		l->transfer_timeout = (long)v;
	else if (strcmp(name, "low_speed_limit") == 0)
		l->low_speed_limit = (long)v;
	else if (strcmp(name, "low_speed_time") == 0)
		l->low_speed_time = (long)v;
	else if (strcmp(name, "max_download_size") == 0)
		l->max_body = v;
	else if (strcmp(name, "max_redirects") == 0)
		l->max_redirects = (int)v;
	else if (strcmp(name, "allow_https_downgrade") == 0)
		l->allow_https_downgrade = v != 0;
	else
		return -1;
	return 0;
}

struct xfer {
	struct xfer *next;
	struct fetch *f;
	CURL *easy;
	struct curl_slist *headers;
	char *url, *etag_sent, *lm_sent;
	char *host;                /* scheme://host:port, for the per-host limit */
	int allow_file;
	int (*on_data)(void *user, const char *buf, size_t len);
	void (*on_done)(void *user, const struct fetch_result *res);
	void *user;
	long long got;
	long long max_body;        /* the request's, else the fetcher's */
	int no_total_timeout;
	int too_big, stopped, http_error;
	/* From the header callback, for the last response of a redirect chain. */
	long hop_status[MAX_HOPS];
	int nhops;
	char *etag, *last_modified, *reason;
	char errbuf[CURL_ERROR_SIZE];
};

struct fetch {
	CURLM *multi;
	struct fetch_limits lim;
	struct xfer *queue, *queue_tail; /* not started */
	struct xfer *running;
	size_t nrunning, done, total;
};

static void xfer_free(struct xfer *x)
{
	if (!x)
		return;
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	free(x->url);
	free(x->etag_sent);
	free(x->lm_sent);
	free(x->host);
	free(x->etag);
	free(x->last_modified);
	free(x->reason);
	free(x);
}

struct fetch *fetch_new(const struct fetch_limits *lim, char *err, size_t errsz)
{
	struct fetch *f;
	if (fetch_load_curl(err, errsz) != 0) /* also curl_global_init, once */
		return NULL;
	f = xcalloc(1, sizeof *f);
	if (lim)
		f->lim = *lim;
	else
		fetch_limits_default(&f->lim);
	if (f->lim.max_transfers < 1)
		f->lim.max_transfers = 1;
	if (f->lim.max_per_host < 1)
		f->lim.max_per_host = 1;
	f->multi = curl_multi_init();
	if (!f->multi) {
		err_set(err, errsz, "libcurl could not start a transfer set");
		free(f);
		return NULL;
	}
	/* Keep one idle connection per possible transfer so keep-alive works across feeds of
	 * the same site; curl's own host limit backs ours up for redirected transfers. */
	curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, (long)f->lim.max_transfers);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)f->lim.max_per_host);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->lim.max_transfers);
	return f;
}

void fetch_free(struct fetch *f)
{
	struct xfer *x, *n;
	if (!f)
		return;
	for (x = f->running; x; x = n) {
		n = x->next;
		curl_multi_remove_handle(f->multi, x->easy);
		xfer_free(x);
	}
	for (x = f->queue; x; x = n) {
		n = x->next;
		xfer_free(x);
	}
	curl_multi_cleanup(f->multi);
	free(f);
}

/* scheme://host:port of a URL, lower-cased; NULL when it has none (file://). */
static char *url_host_key(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *key = NULL;
	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK
	    && curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
	    && curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		struct sbuf b = SBUF_INIT;
		char *p;
		curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
		sbuf_printf(&b, "%s://%s:%s", scheme, host, port ? port : "");
		for (p = b.s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		key = sbuf_steal(&b);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return key;
}

static size_t on_write(char *buf, size_t size, size_t n, void *userp)
{
	struct xfer *x = userp;
	size_t len = size * n;
	long code = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	/* Only a successful answer is the document: an error page is not a feed, and need
	 * not be read to its end. */
	if (code >= 400) {
		x->http_error = 1;
		return 0;
	}
	if (code != 0 && (code < 200 || code > 299))
		return len;
	x->got += (long long)len;
	if (x->got > x->max_body) {
		x->too_big = 1;
		return 0;
	}
	if (x->on_data && x->on_data(x->user, buf, len) != 0) {
		x->stopped = 1;
		return 0;
	}
	return len;
}

static char *header_value(const char *line, size_t len, size_t namelen)
{
	const char *v = line + namelen, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *buf, size_t size, size_t n, void *userp)
{
	struct xfer *x = userp;
	size_t len = size * n;
	if (len > 5 && strncmp(buf, "HTTP/", 5) == 0) {
		/* A new response (after a redirect): forget the last one's fields. */
		const char *sp = memchr(buf, ' ', len);
		long code = sp ? strtol(sp + 1, NULL, 10) : 0;
		if (code == 100)
			return len;
		if (x->nhops < MAX_HOPS)
			x->hop_status[x->nhops++] = code;
		free(x->etag);
		free(x->last_modified);
		free(x->reason);
		x->etag = x->last_modified = x->reason = NULL;
		if (sp) {
			const char *r = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - buf));
			if (r) {
				x->reason = header_value(r, len - (size_t)(r - buf), 0);
				text_clean_line(x->reason);
			}
		}
	} else if (len > 5 && strncasecmp(buf, "etag:", 5) == 0) {
		free(x->etag);
		x->etag = header_value(buf, len, 5);
	} else if (len > 14 && strncasecmp(buf, "last-modified:", 14) == 0) {
		free(x->last_modified);
		x->last_modified = header_value(buf, len, 14);
	}
	return len;
}

/* A header line must not carry a line break that would start another header. */
static int header_safe(const char *v)
{
	return v && *v && !strpbrk(v, "\r\n");
}

int fetch_add(struct fetch *f, const struct fetch_request *req, char *err, size_t errsz)
{
	struct xfer *x;
	int is_file;
	if (!req->url || !*req->url) {
		err_set(err, errsz, "no URL to fetch");
		return -1;
	}
	is_file = strncasecmp(req->url, "file://", 7) == 0;
	if (!url_is_http(req->url) && !(is_file && req->allow_file)) {
		err_set(err, errsz, "%s: only http:// and https:// addresses can be fetched", req->url);
		return -1;
	}
	x = xcalloc(1, sizeof *x);
	x->f = f;
	x->url = xstrdup(req->url);
	x->allow_file = is_file && req->allow_file;
	x->host = is_file ? xstrdup("file:") : url_host_key(req->url);
	if (!x->host) {
		err_set(err, errsz, "%s: not a URL crier can fetch", req->url);
		xfer_free(x);
		return -1;
	}
	if (header_safe(req->etag))
		x->etag_sent = xstrdup(req->etag);
	if (header_safe(req->last_modified))
		x->lm_sent = xstrdup(req->last_modified);
	x->on_data = req->on_data;
	x->on_done = req->on_done;
	x->user = req->user;
	x->max_body = req->max_body > 0 ? req->max_body : f->lim.max_body;
	x->no_total_timeout = req->no_total_timeout;
	if (f->queue_tail)
		f->queue_tail->next = x;
	else
		f->queue = x;
	f->queue_tail = x;
	f->total++;
	return 0;
}

/* An https feed may not be led to plain http, where anyone on the path can change it,
 * unless the reader allowed it. */
static int is_downgrade_guarded(const struct fetch *f, const struct xfer *x)
{
	return !f->lim.allow_https_downgrade && strncasecmp(x->url, "https://", 8) == 0;
}

/* A TLS failure in a sentence a reader understands; the library's words follow it. */
static const char *tls_sentence(CURLcode rc, const char *detail)
{
	switch (rc) {
	case CURLE_SSL_CONNECT_ERROR:
		if (strstr(detail, "wrong version number") || strstr(detail, "http request") ||
		    strstr(detail, "packet length too long"))
			return "the server does not speak HTTPS";
		return "the secure (TLS) connection could not be set up";
	case CURLE_PEER_FAILED_VERIFICATION:
		return "the server's certificate is not trusted (expired, self-signed or for another name)";
	case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR: case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS: case CURLE_USE_SSL_FAILED: case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE: case CURLE_SSL_ENGINE_NOTFOUND: case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
		return "the secure (TLS) connection failed";
	default:
		return NULL;
	}
}

static int xfer_setup(struct fetch *f, struct xfer *x)
{
	CURL *e = curl_easy_init();
	if (!e)
		return -1;
	x->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)f->lim.max_redirects);
	/* Whatever the network hands over may only lead to http(s). */
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, x->allow_file ? "http,https,file" : "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, is_downgrade_guarded(f, x) ? "https" : "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
			 CURLPROTO_HTTP | CURLPROTO_HTTPS | (x->allow_file ? CURLPROTO_FILE : 0));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
			 is_downgrade_guarded(f, x) ? CURLPROTO_HTTPS : CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
	if (f->lim.ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, f->lim.ca_file);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, f->lim.connect_timeout);
	/* a long download may go on while it moves; without a stall check it has a limit */
	curl_easy_setopt(e, CURLOPT_TIMEOUT, x->no_total_timeout && f->lim.low_speed_limit > 0 ?
			 0L : f->lim.transfer_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, f->lim.low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, f->lim.low_speed_time);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max_body);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	if (x->etag_sent || x->lm_sent) {
		struct sbuf b = SBUF_INIT;
		if (x->etag_sent) {
			sbuf_printf(&b, "If-None-Match: %s", x->etag_sent);
			x->headers = curl_slist_append(x->headers, b.s);
			sbuf_reset(&b);
		}
		if (x->lm_sent) {
			sbuf_printf(&b, "If-Modified-Since: %s", x->lm_sent);
			x->headers = curl_slist_append(x->headers, b.s);
		}
		sbuf_free(&b);
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	}
	return 0;
}

static size_t host_running(const struct fetch *f, const char *host)
{
	size_t n = 0;
	const struct xfer *x;
	for (x = f->running; x; x = x->next)
		if (strcmp(x->host, host) == 0)
			n++;
	return n;
}

static void finish(struct fetch *f, struct xfer *x, CURLcode rc);

/* Starts queued transfers, first come first served, skipping those whose host is busy. */
static void start_queued(struct fetch *f)
{
	struct xfer *x = f->queue, *prev = NULL, *next;
	while (x && f->nrunning < (size_t)f->lim.max_transfers) {
		next = x->next;
		if (host_running(f, x->host) >= (size_t)f->lim.max_per_host) {
			prev = x;
			x = next;
			continue;
		}
		if (prev)
			prev->next = next;
		else
			f->queue = next;
		if (f->queue_tail == x)
			f->queue_tail = prev;
		x->next = f->running;
		f->running = x;
		f->nrunning++;
		if (xfer_setup(f, x) != 0 || curl_multi_add_handle(f->multi, x->easy) != CURLM_OK)
			finish(f, x, CURLE_OUT_OF_MEMORY);
		x = next;
	}
}

/* libcurl before 8.6 reports a response header past its limit as "out of memory". A
 * transfer that got under way and then ran out of memory is that case: crier's own
 * allocations abort rather than fail. */
static int is_header_overflow(const struct xfer *x, CURLcode rc)
{
#if LIBCURL_VERSION_NUM >= 0x080600
	if (rc == CURLE_TOO_LARGE)
		return 1;
#endif
	return rc == CURLE_OUT_OF_MEMORY && x->easy && (x->nhops > 0 || strstr(x->errbuf, "header"));
}

/* Reports how a transfer ended and forgets it. */
static void finish(struct fetch *f, struct xfer *x, CURLcode rc)
{
	struct fetch_result res;
	struct sbuf msg = SBUF_INIT;
	struct xfer **pp;
	char *final = NULL, *ctype = NULL, *next = NULL, *shown = url_hide_password(x->url);
	const char *tls, *detail = *x->errbuf ? x->errbuf : curl_easy_strerror(rc);
	long status = 0, redirects = 0;
	int i, perm = 0;

	for (pp = &f->running; *pp; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			break;
		}
	f->nrunning--;
	f->done++;
	memset(&res, 0, sizeof res);
	if (x->easy) {
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &final);
		curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ctype);
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirects);
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &next);
	}
	/* Permanent when every hop followed was a 301 or a 308. */
	if (redirects > 0 && x->nhops > redirects) {
		perm = 1;
		for (i = 0; i < redirects; i++)
			if (x->hop_status[i] != 301 && x->hop_status[i] != 308)
				perm = 0;
	}
	res.url = x->url;
	res.final_url = final ? final : x->url;
	/* never moved to plain http, even when the reader allows following there */
	res.permanent_redirect = perm && strcmp(res.final_url, x->url) != 0 &&
				 !(strncasecmp(x->url, "https://", 8) == 0 &&
				   strncasecmp(res.final_url, "https://", 8) != 0);
	res.status = status;
	res.not_modified = status == 304;
	res.etag = x->etag;
	res.last_modified = x->last_modified;
	res.content_type = ctype;

	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		sbuf_printf(&msg, "%s: larger than the limit of %lld bytes", shown, x->max_body);
	else if (x->stopped)
		sbuf_printf(&msg, "%s: stopped by the reader", shown);
	else if (x->http_error || (rc == CURLE_OK && status >= 300 && status != 304))
		sbuf_printf(&msg, "%s: HTTP %ld%s%s", shown, status, x->reason && *x->reason ? " " : "",
			    x->reason ? x->reason : "");
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL && is_downgrade_guarded(f, x) &&
		 (next || final) && strncasecmp(next ? next : final, "http://", 7) == 0) {
		char *to = url_hide_password(next ? next : final);
		sbuf_printf(&msg, "%s: redirected from https to plain http (%s): refused; "
			    "allow_https_downgrade follows such redirects", shown, to);
		free(to);
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL && redirects > 0)
		sbuf_printf(&msg, "%s: redirected to an address that is not http(s): refused", shown);
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		sbuf_printf(&msg, "%s: more than %d redirects", shown, f->lim.max_redirects);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		sbuf_printf(&msg, "%s: timed out (%s)", shown, detail);
	else if ((tls = tls_sentence(rc, detail)) != NULL)
		sbuf_printf(&msg, "%s: %s: %s", shown, tls, detail);
	else if (is_header_overflow(x, rc))
		sbuf_printf(&msg, "%s: response headers too large (%s)", shown, detail);
	else if (rc != CURLE_OK)
		sbuf_printf(&msg, "%s: %s", shown, detail);
	if (msg.s) {
		text_clean_line(msg.s);
		res.error = msg.s;
	}
	if (x->on_done)
		x->on_done(x->user, &res);
	sbuf_free(&msg);
	free(shown);
	if (x->easy)
		curl_multi_remove_handle(f->multi, x->easy);
	xfer_free(x);
}

static void drain(struct fetch *f)
{
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		struct xfer *x = NULL;
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x)
			finish(f, x, m->data.result);
	}
}

void fetch_wakeup(struct fetch *f)
{
	curl_multi_wakeup(f->multi);
}

int fetch_poll(struct fetch *f, int extra_fd, int timeout_ms)
{
	struct curl_waitfd wfd;
	int running = 0, numfds = 0, ready = 0;
	start_queued(f);
	if (extra_fd >= 0) {
		wfd.fd = extra_fd;
		wfd.events = CURL_WAIT_POLLIN;
		wfd.revents = 0;
	}
	if (f->nrunning == 0 && extra_fd >= 0) {
		/* Nothing on the network: just wait for the caller's descriptor. */
		struct pollfd p = {extra_fd, POLLIN, 0};
		if (poll(&p, 1, timeout_ms) < 0 && errno != EINTR)
			return -1;
		return (p.revents & (POLLIN | POLLHUP | POLLERR)) ? 1 : 0;
	}
	if (curl_multi_poll(f->multi, extra_fd >= 0 ? &wfd : NULL, extra_fd >= 0 ? 1 : 0,
			    timeout_ms, &numfds) != CURLM_OK)
		return -1;
	if (extra_fd >= 0 && wfd.revents)
		ready = 1;
	if (curl_multi_perform(f->multi, &running) != CURLM_OK)
		return -1;
	drain(f);
	if (f->queue && f->nrunning < (size_t)f->lim.max_transfers) {
		start_queued(f);
		curl_multi_perform(f->multi, &running);
		drain(f);
	}
	return ready;
}

size_t fetch_cancel(struct fetch *f, void *user)
{
	struct xfer **pp, *x;
	size_t n = 0;
	for (pp = &f->queue; (x = *pp) != NULL;) {
		if (x->user == user) {
			*pp = x->next;
			xfer_free(x);
			n++;
		} else {
			pp = &x->next;
		}
	}
	f->queue_tail = NULL;
	for (x = f->queue; x; x = x->next)
		f->queue_tail = x;
	for (pp = &f->running; (x = *pp) != NULL;) {
		if (x->user == user) {
			*pp = x->next;
			curl_multi_remove_handle(f->multi, x->easy);
			xfer_free(x);
			f->nrunning--;
			n++;
		} else {
			pp = &x->next;
		}
	}
	f->total -= n;
	return n;
}

size_t fetch_pending(const struct fetch *f)
{
	size_t n = f->nrunning;
	const struct xfer *x;
	for (x = f->queue; x; x = x->next)
		n++;
	return n;
}

void fetch_progress(const struct fetch *f, size_t *done, size_t *total)
{
	if (done)
		*done = f->done;
	if (total)
		*total = f->total;
}

/* ---- one page to memory ---- */

struct one {
	struct sbuf *body;
	char *content_type, *final_url, *error;
	int done;
};

static int one_data(void *user, const char *buf, size_t len)
{
	struct one *o = user;
	sbuf_add(o->body, buf, len);
	return 0;
}

static void one_done(void *user, const struct fetch_result *res)
{
	struct one *o = user;
	o->done = 1;
	o->content_type = xstrdup(res->content_type);
	o->final_url = xstrdup(res->final_url);
	if (res->error)
		o->error = xstrdup(res->error);
	else if (res->not_modified)
		o->error = xstrdup("not modified");
}

int fetch_url(const char *url, const struct fetch_limits *lim, struct sbuf *body,
	      char **content_type, char **final_url, char *err, size_t errsz)
{
	struct fetch_request req;
	struct one o;
	struct fetch *f = fetch_new(lim, err, errsz);
	int rc = -1;
	if (content_type)
		*content_type = NULL;
	if (final_url)
		*final_url = NULL;
	if (!f)
		return -1;
	memset(&o, 0, sizeof o);
	o.body = body;
	memset(&req, 0, sizeof req);
	req.url = url;
	req.on_data = one_data;
	req.on_done = one_done;
	req.user = &o;
	if (fetch_add(f, &req, err, errsz) != 0)
		goto out;
	while (!o.done)
		if (fetch_poll(f, -1, 1000) < 0) {
			err_set(err, errsz, "%s: the transfer failed", url);
			goto out;
		}
	if (o.error) {
		err_set(err, errsz, "%s", o.error);
		goto out;
	}
	if (content_type) {
		*content_type = o.content_type;
		o.content_type = NULL;
	}
	if (final_url) {
		*final_url = o.final_url;
		o.final_url = NULL;
	}
	rc = 0;
out:
	free(o.content_type);
	free(o.final_url);
	free(o.error);
	fetch_free(f);
	return rc;
}
