/* ttrss: the Tiny Tiny RSS JSON API as a remote source. One blocking libcurl handle
 * (requests are few and small), POSTs of JSON to URL/api/, jansson for the answers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "crier/ttrss.h"
#include "crier/util.h"

#define USER_AGENT "crier/" PACKAGE_VERSION
/* tt-rss answers at most 200 headlines per request. */
#define PAGE 200
/* A server that ignores skip would page for ever: no account holds this many stories. */
#define MAX_SKIP 5000000L

struct ttrss {
	char *api;      /* URL of api/ */
	char *shown;    /* the same with any user:password hidden: the one messages name */
	char *login, *password;
	struct ttrss_config cfg;
	char *cfg_pw, *cfg_pwfile, *cfg_pweval;
	char *sid;      /* session id, NULL before login */
	struct fetch_limits lim;
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
};

struct body {
	struct sbuf b;
	long long max;
	int too_big;
};

static size_t on_write(char *p, size_t size, size_t n, void *user)
{
	struct body *b = user;
	size_t len = size * n;
	if ((long long)(b->b.len + len) > b->max) {
		b->too_big = 1;
		return 0;
	}
	sbuf_add(&b->b, p, len);
	return len;
}

/* The operation's name for messages. */
static const char *op_of(json_t *req)
{
	const char *op = json_string_value(json_object_get(req, "op"));
	return op ? op : "?";
}

/* POSTs req and returns the parsed answer (the caller's), NULL with err. */
static json_t *post(struct ttrss *t, json_t *req, char *err, size_t errsz)
{
	struct body body = {SBUF_INIT, t->lim.max_body, 0};
	struct curl_slist *hdr = NULL;
	char *data = json_dumps(req, JSON_COMPACT);
	json_error_t jerr;
	json_t *ans = NULL;
	long status = 0;
	CURLcode rc;

	if (!data) {
		err_set(err, errsz, "%s: %s: cannot encode the request", t->shown, op_of(req));
		return NULL;
	}
	hdr = curl_slist_append(hdr, "Content-Type: application/json");
	curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(t->curl, CURLOPT_POSTFIELDS, data);
	curl_easy_setopt(t->curl, CURLOPT_WRITEDATA, &body);
	t->errbuf[0] = '\0';
	rc = curl_easy_perform(t->curl);
	curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hdr);
	free(data);
	if (body.too_big)
		err_set(err, errsz, "%s: %s: the answer is over %lld bytes (max_download_size)",
			t->shown, op_of(req), t->lim.max_body);
	else if (rc != CURLE_OK)
		err_set(err, errsz, "%s: %s: %s", t->shown, op_of(req),
			t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
	else if (status != 200)
		err_set(err, errsz, "%s: %s: HTTP status %ld", t->shown, op_of(req), status);
	else if (!(ans = json_loadb(body.b.s ? body.b.s : "", body.b.len, 0, &jerr))
		 || !json_is_object(ans)) {
		err_set(err, errsz, "%s: %s: the answer is not tt-rss's JSON (%s)", t->shown,
			op_of(req), ans ? "not an object" : jerr.text);
		json_decref(ans);
		ans = NULL;
	}
	sbuf_free(&body.b);
	return ans;
}

/* The error string of a failed answer ("NOT_LOGGED_IN", "LOGIN_ERROR", ...). */
static const char *api_error(json_t *ans)
{
	const char *e = json_string_value(json_object_get(json_object_get(ans, "content"), "error"));
	return e ? e : "unknown error";
}

static int status_ok(json_t *ans)
{
	return json_integer_value(json_object_get(ans, "status")) == 0
	       && json_object_get(ans, "content") != NULL;
}

static int login(struct ttrss *t, char *err, size_t errsz)
{
	json_t *req, *ans;
	const char *sid;
	if (!t->password && !(t->password = ttrss_password(&t->cfg, err, errsz)))
		return -1;
	req = json_pack("{s:s, s:s, s:s}", "op", "login", "user", t->login, "password", t->password);
	ans = post(t, req, err, errsz);
	json_decref(req);
	if (!ans)
		return -1;
	if (!status_ok(ans)) {
		const char *e = api_error(ans);
		if (strcmp(e, "LOGIN_ERROR") == 0)
			err_set(err, errsz, "%s: login as '%s' refused: wrong user name or password",
				t->shown, t->login);
		else if (strcmp(e, "API_DISABLED") == 0)
			err_set(err, errsz, "%s: the API is off for '%s': tick \"Enable API\" in "
				"tt-rss's Preferences", t->shown, t->login);
		else
			err_set(err, errsz, "%s: login as '%s' failed: %s", t->shown, t->login, e);
		json_decref(ans);
		return -1;
	}
	sid = json_string_value(json_object_get(json_object_get(ans, "content"), "session_id"));
	if (!sid) {
		err_set(err, errsz, "%s: login gave no session id", t->shown);
		json_decref(ans);
		return -1;
	}
	free(t->sid);
	t->sid = xstrdup(sid);
	json_decref(ans);
	return 0;
}

/* One API call (req is stolen). Logs in first if needed, and once more when the server
 * has forgotten the session (NOT_LOGGED_IN: it expired, or the server restarted).
 * Returns the answer's content (the caller's reference), NULL with err. */
static json_t *call(struct ttrss *t, json_t *req, char *err, size_t errsz)
{
	json_t *ans = NULL, *content = NULL;
	int attempt;
	for (attempt = 0; attempt < 2; attempt++) {
		if (!t->sid && login(t, err, errsz) != 0)
			break;
		json_object_set_new(req, "sid", json_string(t->sid));
		ans = post(t, req, err, errsz);
		if (!ans)
			break;
		if (status_ok(ans)) {
			content = json_incref(json_object_get(ans, "content"));
			break;
		}
		if (strcmp(api_error(ans), "NOT_LOGGED_IN") != 0 || attempt == 1) {
			err_set(err, errsz, "%s: %s: %s", t->shown, op_of(req), api_error(ans));
			break;
		}
		free(t->sid);
		t->sid = NULL;
		json_decref(ans);
		ans = NULL;
	}
	json_decref(ans);
	json_decref(req);
	return content;
}

static char *str_of(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	char *s;
	if (!v || !*v)
		return NULL;
	s = xstrdup(v);
	text_clean_line(s);
	return s;
}

/* Category titles as tags: blanks inside become "-", so that one category is one tag. */
static char *cat_tag(const char *title)
{
	char *s = xstrdup(title), *p;
	text_clean_line(s);
	for (p = s; *p; p++)
		if (*p == ' ')
			*p = '-';
	return s;
}

static int tt_feeds(void *impl, struct source_feed **out, size_t *n, char *err, size_t errsz)
{
	struct ttrss *t = impl;
	json_t *cats, *feeds, *v;
	size_t i, k;
	*out = NULL;
	*n = 0;
	cats = call(t, json_pack("{s:s, s:b}", "op", "getCategories", "include_empty", 1), err, errsz);
	if (!cats)
		return -1;
	feeds = call(t, json_pack("{s:s, s:i}", "op", "getFeeds", "cat_id", -3), err, errsz);
	if (!feeds || !json_is_array(feeds) || !json_is_array(cats)) {
		if (feeds)
			err_set(err, errsz, "%s: getFeeds: not a list", t->shown);
		json_decref(cats);
		json_decref(feeds);
		return -1;
	}
	*out = xcalloc(json_array_size(feeds) + 1, sizeof **out);
	json_array_foreach(feeds, i, v) {
		struct source_feed *f = &(*out)[*n];
		json_int_t id = json_integer_value(json_object_get(v, "id")), cat;
		json_t *c;
		if (id <= 0)
			continue;
		f->remote_id = id;
		f->url = str_of(v, "feed_url");
		f->title = str_of(v, "title");
		if (f->url && !url_is_http(f->url)) {
			/* a server's file: or javascript: feed URL would widen what a story's
			 * links may open: a feed is an http(s) address or nothing. */
			free(f->url);
			f->url = NULL;
		}
		if (!f->url) {
			/* tt-rss needs one: a feed without is not one crier can show. */
			free(f->title);
			continue;
		}
		cat = json_integer_value(json_object_get(v, "cat_id"));
		json_array_foreach(cats, k, c)
			if (cat > 0 && json_integer_value(json_object_get(c, "id")) == cat
			    && json_string_value(json_object_get(c, "title"))) {
				f->tags = cat_tag(json_string_value(json_object_get(c, "title")));
				break;
			}
		(*n)++;
	}
	json_decref(cats);
	json_decref(feeds);
	return 0;
}

/* A copy of a string of the answer, cleaned of what must not reach a terminal (control
 * characters, ESC, invalid UTF-8); one-line fields also lose their line breaks. */
static char *clean_copy(json_t *o, const char *key, int one_line)
{
	const char *v = json_string_value(json_object_get(o, key));
	char *s;
	if (!v || !*v)
		return NULL;
	s = xstrdup(v);
	if (one_line)
		text_clean_line(s);
	else
		text_clean(s);
	return s;
}

/* A headline as a feed item (its strings the caller's: headline_free): the server's
 * text is the story's content, HTML that the reader renders as it does a feed's. */
static void headline_item(json_t *h, struct feed_item *it, char *idbuf, size_t idsz)
{
	json_int_t id = json_integer_value(json_object_get(h, "id"));
	json_int_t upd = json_integer_value(json_object_get(h, "updated"));
	memset(it, 0, sizeof *it);
	snprintf(idbuf, idsz, "tt-rss:%lld", (long long)id);
	it->id = idbuf;
	it->title = clean_copy(h, "title", 1);
	it->link = clean_copy(h, "link", 1);
	it->author = clean_copy(h, "author", 1);
	it->content = clean_copy(h, "content", 0);
	if (it->link && !url_is_http(it->link)) {
		/* pages are fetched from the story's own site, over http(s) only */
		free(it->link);
		it->link = NULL;
	}
	it->content_type = "html";
	it->published = upd > 0 ? (int64_t)upd : CRIER_NO_DATE;
	it->updated = CRIER_NO_DATE;
}

static void headline_free(struct feed_item *it)
{
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->content);
}

static int tt_stories(void *impl, int64_t since_id,
		      int (*on_story)(void *ctx, const struct source_story *st, char *err, size_t errsz),
		      void *ctx, char *err, size_t errsz)
{
	struct ttrss *t = impl;
	long skip = 0;
	for (;;) {
		json_t *list, *h;
		size_t i, got;
		int rc;
		/* sanitize false: tt-rss's own cleaning parses every story's HTML in PHP, the
		 * slowest part of a sync, and buys nothing: crier's renderer takes the text as
		 * untrusted, as it takes a feed's. */
		list = call(t, json_pack("{s:s, s:i, s:s, s:b, s:I, s:i, s:i, s:b, s:s, s:b}",
					 "op", "getHeadlines", "feed_id", -4, "view_mode", "all_articles",
					 "show_content", 1, "since_id", (json_int_t)since_id,
					 "limit", PAGE, "skip", (int)skip, "include_attachments", 0,
					 "order_by", "date_reverse", "sanitize", 0),
			    err, errsz);
		if (!list)
			return -1;
		if (!json_is_array(list)) {
			err_set(err, errsz, "%s: getHeadlines: not a list", t->shown);
			json_decref(list);
			return -1;
		}
		got = json_array_size(list);
		json_array_foreach(list, i, h) {
			struct feed_item it;
			struct source_story st;
			char idbuf[40];
			st.remote_id = json_integer_value(json_object_get(h, "id"));
			st.feed_remote_id = json_integer_value(json_object_get(h, "feed_id"));
			if (!st.feed_remote_id) {
				json_t *fid = json_object_get(h, "feed_id");
				if (json_is_string(fid))
					st.feed_remote_id = strtoll(json_string_value(fid), NULL, 10);
			}
			if (st.remote_id <= 0 || st.feed_remote_id <= 0)
				continue;
			st.unread = json_is_true(json_object_get(h, "unread"));
			st.flagged = json_is_true(json_object_get(h, "marked"));
			headline_item(h, &it, idbuf, sizeof idbuf);
			st.item = &it;
			rc = on_story(ctx, &st, err, errsz);
			headline_free(&it);
			if (rc != 0) {
				json_decref(list);
				return -1;
			}
		}
		json_decref(list);
		/* the page is in: the sync commits it before the next request */
		if (on_story(ctx, NULL, err, errsz) != 0)
			return -1;
		if (got < PAGE)
			return 0;
		skip += (long)got;
		if (skip > MAX_SKIP) {
			err_set(err, errsz, "%s: getHeadlines: more than %ld stories; the server "
				"seems to ignore paging, sync stopped", t->shown, MAX_SKIP);
			return -1;
		}
	}
}

static int tt_state_ids(void *impl, int which, int64_t **ids, size_t *n, char *err, size_t errsz)
{
	struct ttrss *t = impl;
	size_t cap = 0;
	long skip = 0;
	*ids = NULL;
	*n = 0;
	for (;;) {
		/* Unread: every feed (-4) seen as "unread"; flagged: the Starred feed (-1). */
		json_t *list = call(t, json_pack("{s:s, s:i, s:s, s:b, s:b, s:i, s:i, s:s}",
						 "op", "getHeadlines", "feed_id", which ? -1 : -4,
						 "view_mode", which ? "all_articles" : "unread",
						 "show_content", 0, "show_excerpt", 0, "limit", PAGE,
						 "skip", (int)skip, "order_by", "date_reverse"),
				    err, errsz);
		json_t *h;
		size_t i, got;
		if (!list || !json_is_array(list)) {
			if (list)
				err_set(err, errsz, "%s: getHeadlines: not a list", t->shown);
			json_decref(list);
			free(*ids);
			*ids = NULL;
			*n = 0;
			return -1;
		}
		got = json_array_size(list);
		json_array_foreach(list, i, h) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 256;
				*ids = xrealloc(*ids, cap * sizeof **ids);
			}
			(*ids)[(*n)++] = json_integer_value(json_object_get(h, "id"));
		}
		json_decref(list);
		if (got < PAGE)
			return 0;
		skip += (long)got;
		if (skip > MAX_SKIP) {
			err_set(err, errsz, "%s: getHeadlines: more than %ld stories; the server "
				"seems to ignore paging, sync stopped", t->shown, MAX_SKIP);
			free(*ids);
			*ids = NULL;
			*n = 0;
			return -1;
		}
	}
}

static int tt_send(void *impl, int field, int value, const int64_t *ids, size_t n,
		   char *err, size_t errsz)
{
	struct ttrss *t = impl;
	struct sbuf list = SBUF_INIT;
	json_t *ans;
	size_t i;
	for (i = 0; i < n; i++)
		sbuf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
	/* updateArticle: field 2 is unread, field 0 is marked; mode 1 sets, 0 clears. */
	ans = call(t, json_pack("{s:s, s:s, s:i, s:i}", "op", "updateArticle",
				"article_ids", sbuf_str(&list),
				"mode", field == STORE_CHANGE_READ ? !value : !!value,
				"field", field == STORE_CHANGE_READ ? 2 : 0),
		   err, errsz);
	sbuf_free(&list);
	if (!ans)
		return -1;
	json_decref(ans);
	return 0;
}

static long tt_unread(void *impl, char *err, size_t errsz)
{
	struct ttrss *t = impl;
	json_t *ans = call(t, json_pack("{s:s}", "op", "getUnread"), err, errsz);
	json_t *v;
	long n = -1;
	if (!ans)
		return -1;
	v = json_object_get(ans, "unread");
	/* Older servers send the count as a string. */
	if (json_is_integer(v))
		n = (long)json_integer_value(v);
	else if (json_is_string(v))
		n = strtol(json_string_value(v), NULL, 10);
	if (n < 0)
		err_set(err, errsz, "%s: getUnread: no count in the answer", t->shown);
	json_decref(ans);
	return n;
}

static void tt_free(void *impl)
{
	struct ttrss *t = impl;
	if (!t)
		return;
	if (t->curl)
		curl_easy_cleanup(t->curl);
	free(t->api);
	free(t->shown);
	free(t->login);
	if (t->password) {
		memset(t->password, 0, strlen(t->password));
		free(t->password);
	}
	free(t->cfg_pw);
	free(t->cfg_pwfile);
	free(t->cfg_pweval);
	free(t->sid);
	free(t);
}

static const struct source_ops ttrss_ops = {
	"ttrss", tt_feeds, tt_stories, tt_state_ids, tt_send, tt_unread, tt_free,
};

int ttrss_source_open(struct source *out, const struct ttrss_config *cfg,
		      const struct fetch_limits *lim, char *err, size_t errsz)
{
	struct ttrss *t;
	size_t len;
	if (!cfg->url || !*cfg->url) {
		err_set(err, errsz, "urls-source is \"ttrss\" but ttrss-url is not set");
		return -1;
	}
	if (!url_is_http(cfg->url)) {
		err_set(err, errsz, "ttrss-url %s: only http:// and https:// addresses", cfg->url);
		return -1;
	}
	if (!cfg->login || !*cfg->login) {
		err_set(err, errsz, "ttrss-url is set but ttrss-login is not");
		return -1;
	}
	t = xcalloc(1, sizeof *t);
	len = strlen(cfg->url);
	t->api = xmalloc(len + 6);
	snprintf(t->api, len + 6, "%s%s", cfg->url,
		 len >= 4 && strcmp(cfg->url + len - 4, "api/") == 0 ? ""
		 : cfg->url[len - 1] == '/' ? "api/" : "/api/");
	t->shown = url_hide_password(t->api);
	t->login = xstrdup(cfg->login);
	t->cfg_pw = xstrdup(cfg->password);
	t->cfg_pwfile = xstrdup(cfg->password_file);
	t->cfg_pweval = xstrdup(cfg->password_eval);
	t->cfg.url = t->api;
	t->cfg.login = t->login;
	t->cfg.password = t->cfg_pw;
	t->cfg.password_file = t->cfg_pwfile;
	t->cfg.password_eval = t->cfg_pweval;
	t->lim = *lim;
	if (fetch_load_curl(err, errsz) != 0) {
		tt_free(t);
		return -1;
	}
	t->curl = curl_easy_init();
	if (!t->curl) {
		err_set(err, errsz, "%s: cannot start libcurl", t->shown);
		tt_free(t);
		return -1;
	}
	curl_easy_setopt(t->curl, CURLOPT_URL, t->api);
	curl_easy_setopt(t->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->curl, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(t->curl, CURLOPT_ERRORBUFFER, t->errbuf);
	/* A POST is not followed to another address: the password would go with it. */
	curl_easy_setopt(t->curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(t->curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(t->curl, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
	curl_easy_setopt(t->curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(t->curl, CURLOPT_CONNECTTIMEOUT, lim->connect_timeout);
	curl_easy_setopt(t->curl, CURLOPT_TIMEOUT, lim->transfer_timeout);
	curl_easy_setopt(t->curl, CURLOPT_LOW_SPEED_LIMIT, lim->low_speed_limit);
	curl_easy_setopt(t->curl, CURLOPT_LOW_SPEED_TIME, lim->low_speed_time);
	curl_easy_setopt(t->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)lim->max_body);
	curl_easy_setopt(t->curl, CURLOPT_WRITEFUNCTION, on_write);
	out->ops = &ttrss_ops;
	out->impl = t;
	return 0;
}
