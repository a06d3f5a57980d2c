/* fetch_curl: libcurl loaded when the first transfer is set up, not when crier starts.
 * crier calls libcurl by its own function names; the definitions here forward each call
 * to the library opened with dlopen, so that runs which fetch nothing (--parse,
 * --extract, -x search, ...) do not load libcurl and its ~35 libraries (TLS, SSH, LDAP,
 * Kerberos, RTMP: ~18 ms of CPU a run, most of it symbol relocation).
 * configure checks libcurl's headers and version and finds the file name (soname) that
 * linking with libcurl would load; fetch_load_curl opens that file once a process. */
#include "config.h"
/* Here curl_easy_setopt and curl_easy_getinfo are functions, not the type-checking macros
 * (the callers in fetch.c and ttrss.c keep those). */
#define CURL_DISABLE_TYPECHECK 1
#include "crier/fetch.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#ifndef CRIER_CURL_SONAME
#define CRIER_CURL_SONAME "libcurl.so.4"
#endif
#ifndef CRIER_CURLU_GET_HANDLE
#define CRIER_CURLU_GET_HANDLE CURLU
#endif

/* The entry points crier uses, typed from libcurl's own declarations. */
struct curl_api {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_free) *free;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
	__typeof__(curl_multi_init) *multi_init;
	__typeof__(curl_multi_setopt) *multi_setopt;
	__typeof__(curl_multi_add_handle) *multi_add_handle;
	__typeof__(curl_multi_remove_handle) *multi_remove_handle;
	__typeof__(curl_multi_perform) *multi_perform;
	__typeof__(curl_multi_poll) *multi_poll;
	__typeof__(curl_multi_wakeup) *multi_wakeup;
	__typeof__(curl_multi_info_read) *multi_info_read;
	__typeof__(curl_multi_cleanup) *multi_cleanup;
	__typeof__(curl_url) *url;
	__typeof__(curl_url_set) *url_set;
	__typeof__(curl_url_get) *url_get;
	__typeof__(curl_url_cleanup) *url_cleanup;
};

#define ENTRY(name) { "curl_" #name, offsetof(struct curl_api, name) }
static const struct {
	const char *symbol;
	size_t offset;
} entries[] = {
	ENTRY(global_init), ENTRY(easy_init), ENTRY(easy_setopt), ENTRY(easy_perform),
	ENTRY(easy_getinfo), ENTRY(easy_cleanup), ENTRY(easy_strerror), ENTRY(free),
	ENTRY(slist_append), ENTRY(slist_free_all), ENTRY(multi_init), ENTRY(multi_setopt),
	ENTRY(multi_add_handle), ENTRY(multi_remove_handle), ENTRY(multi_perform),
	ENTRY(multi_poll), ENTRY(multi_wakeup), ENTRY(multi_info_read), ENTRY(multi_cleanup),
	ENTRY(url), ENTRY(url_set), ENTRY(url_get), ENTRY(url_cleanup),
};

/* A shared library is loaded once for the whole process, as curl_global_init is run once:
 * this is process state by nature, written once under pthread_once and only read after. */
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static struct curl_api api;
static int loaded;
static char load_error[512];

static void load(void)
{
	void *lib = dlopen(CRIER_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	struct curl_api got;
	size_t i;
	if (!lib) {
		const char *why = dlerror();
		snprintf(load_error, sizeof load_error,
			 "cannot load libcurl (%s), needed to fetch feeds and pages: %s",
			 CRIER_CURL_SONAME, why ? why : "no reason given");
		return;
	}
	memset(&got, 0, sizeof got);
	for (i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		void *sym = dlsym(lib, entries[i].symbol);
		if (!sym) {
			snprintf(load_error, sizeof load_error,
				 "libcurl (%s) has no %s: it is older than crier was built for",
				 CRIER_CURL_SONAME, entries[i].symbol);
			dlclose(lib);
			return;
		}
		/* POSIX lets dlsym's object pointer stand for a function pointer */
		memcpy((char *)&got + entries[i].offset, &sym, sizeof sym);
	}
	if (got.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(load_error, sizeof load_error, "libcurl (%s) could not start",
			 CRIER_CURL_SONAME);
		return; /* the library stays loaded: it may have started threads */
	}
	api = got;
	loaded = 1;
}

static void *preload_main(void *arg)
{
	(void)arg;
	pthread_once(&load_once, load);
	return NULL;
}

/* The thread is joined by the first fetch_load_curl, so that it never outlives the
 * command that started it (a process that exits while libcurl starts up could run
 * its exit handlers beside curl_global_init). */
static pthread_t preload_thread;
static pthread_mutex_t preload_lock = PTHREAD_MUTEX_INITIALIZER;
static int preloading;

void fetch_preload_curl(void)
{
	pthread_mutex_lock(&preload_lock);
	if (!preloading && pthread_create(&preload_thread, NULL, preload_main, NULL) == 0)
		preloading = 1;
	pthread_mutex_unlock(&preload_lock);
}

int fetch_load_curl(char *err, size_t errsz)
{
	pthread_mutex_lock(&preload_lock);
	if (preloading == 1) {
		pthread_join(preload_thread, NULL);
		preloading = 2; /* joined: never started again */
	}
	pthread_mutex_unlock(&preload_lock);
	pthread_once(&load_once, load);
	if (loaded)
		return 0;
	err_set(err, errsz, "%s", load_error);
	return -1;
}

/* Every function below is reached only after a successful fetch_load_curl (fetch_new and
 * the feed server client call it first); the check keeps a stray call harmless. */
static int ready(void)
{
	pthread_once(&load_once, load);
	return loaded;
}

CURLcode curl_global_init(long flags)
{
	(void)flags; /* done by load(), once */
	return ready() ? CURLE_OK : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
	return ready() ? api.easy_init() : NULL;
}

/* The option's number says the type of its argument (as libcurl itself reads it). */
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
	va_list ap;
	CURLcode rc;
	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = api.easy_setopt(curl, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_FUNCTIONPOINT)
		rc = api.easy_setopt(curl, option, va_arg(ap, void *));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = api.easy_setopt(curl, option, va_arg(ap, void (*)(void)));
	else if (option < CURLOPTTYPE_BLOB)
		rc = api.easy_setopt(curl, option, va_arg(ap, curl_off_t));
	else
		rc = api.easy_setopt(curl, option, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode curl_easy_perform(CURL *curl)
{
	return ready() ? api.easy_perform(curl) : CURLE_FAILED_INIT;
}

/* Every CURLINFO_* takes a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...)
{
	va_list ap;
	CURLcode rc;
	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = api.easy_getinfo(curl, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

void curl_easy_cleanup(CURL *curl)
{
	if (ready())
		api.easy_cleanup(curl);
}

const char *curl_easy_strerror(CURLcode rc)
{
	return ready() ? api.easy_strerror(rc) : load_error;
}

void curl_free(void *p)
{
	if (ready())
		api.free(p);
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s)
{
	return ready() ? api.slist_append(list, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *list)
{
	if (ready())
		api.slist_free_all(list);
}

CURLM *curl_multi_init(void)
{
	return ready() ? api.multi_init() : NULL;
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...)
{
	va_list ap;
	CURLMcode rc;
	if (!ready())
		return CURLM_BAD_HANDLE;
	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = api.multi_setopt(multi, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_FUNCTIONPOINT)
		rc = api.multi_setopt(multi, option, va_arg(ap, void *));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = api.multi_setopt(multi, option, va_arg(ap, void (*)(void)));
	else
		rc = api.multi_setopt(multi, option, va_arg(ap, curl_off_t));
	va_end(ap);
	return rc;
}

CURLMcode curl_multi_add_handle(CURLM *multi, CURL *easy)
{
	return ready() ? api.multi_add_handle(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *easy)
{
	return ready() ? api.multi_remove_handle(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_perform(CURLM *multi, int *running)
{
	return ready() ? api.multi_perform(multi, running) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_poll(CURLM *multi, struct curl_waitfd extra[], unsigned int n,
			  int timeout_ms, int *numfds)
{
	return ready() ? api.multi_poll(multi, extra, n, timeout_ms, numfds) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_wakeup(CURLM *multi)
{
	return ready() ? api.multi_wakeup(multi) : CURLM_BAD_HANDLE;
}

CURLMsg *curl_multi_info_read(CURLM *multi, int *left)
{
	return ready() ? api.multi_info_read(multi, left) : NULL;
}

CURLMcode curl_multi_cleanup(CURLM *multi)
{
	return ready() ? api.multi_cleanup(multi) : CURLM_BAD_HANDLE;
}

CURLU *curl_url(void)
{
	return ready() ? api.url() : NULL;
}

CURLUcode curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	return ready() ? api.url_set(u, what, part, flags) : CURLUE_BAD_HANDLE;
}

/* libcurl 8 made the handle const (configure tells which this libcurl declares) */
CURLUcode curl_url_get(CRIER_CURLU_GET_HANDLE *u, CURLUPart what, char **part,
		       unsigned int flags)
{
	return ready() ? api.url_get(u, what, part, flags) : CURLUE_BAD_HANDLE;
}

void curl_url_cleanup(CURLU *u)
{
	if (ready())
		api.url_cleanup(u);
}
