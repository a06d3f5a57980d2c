/* source_config: which source the settings name (urls-source), opened with the
 * fetcher's limits; the one place the program and the interface both ask. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crier/fetch.h"
#include "crier/settings.h"
#include "crier/source.h"
#include "crier/ttrss.h"

/* "~/x" as newsboat reads paths in its config. The caller frees. */
static char *home_path(const char *p)
{
	const char *home = getenv("HOME");
	struct sbuf b = SBUF_INIT;
	if (!p || !*p)
		return NULL;
	if (p[0] == '~' && p[1] == '/' && home && *home) {
		sbuf_printf(&b, "%s%s", home, p + 1);
		return sbuf_steal(&b);
	}
	return xstrdup(p);
}

int source_is_remote(const struct settings *st)
{
	return strcmp(settings_get_str(st, SET_urls_source), "ttrss") == 0;
}

int source_open_configured(struct source *out, const struct settings *st,
			   const char *config_path, char *err, size_t errsz)
{
	struct fetch_limits lim;
	struct ttrss_config tc;
	struct stat sb;
	char *pwfile;
	int rc;

	memset(out, 0, sizeof *out);
	if (!source_is_remote(st))
		return 0;
	/* A password written in the config itself is taken only from a file no one else
	 * can read. */
	if (*settings_get_str(st, SET_ttrss_password) && config_path
	    && stat(config_path, &sb) == 0 && (sb.st_mode & (S_IRWXG | S_IRWXO))) {
		err_set(err, errsz, "%s: ttrss-password is set but others can read the file "
			"(mode %03o): chmod 600 %s, or use ttrss-passwordfile", config_path,
			(unsigned)(sb.st_mode & 0777), config_path);
		return -1;
	}
	fetch_limits_from_settings(&lim, st);
	pwfile = home_path(settings_get_str(st, SET_ttrss_passwordfile));
	tc.url = settings_get_str(st, SET_ttrss_url);
	tc.login = settings_get_str(st, SET_ttrss_login);
	tc.password = settings_get_str(st, SET_ttrss_password);
	tc.password_file = pwfile;
	tc.password_eval = settings_get_str(st, SET_ttrss_passwordeval);
	rc = ttrss_source_open(out, &tc, &lim, err, errsz);
	free(pwfile);
	return rc == 0 ? 1 : -1;
}
