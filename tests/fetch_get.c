/* fetch_get: fetches URLs with src/fetch.c, all at once, and prints how each ended (one
 * line per URL, in the order they end) for the shell tests.
 * Usage: fetch_get [-f] [-E ETAG] [-M LAST_MODIFIED] [-L name=value]... [-o FILE] URL...
 * -f allows file:// for the URLs given; -o writes the bodies (concatenated) to FILE;
 * -A trusts the certificates in a PEM file too (for a loopback https server). */
#include "config.h"
#include "crier/fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *out_body;
struct got { long long bytes; };

static int on_data(void *user, const char *buf, size_t len)
{
	((struct got *)user)->bytes += (long long)len;
	if (out_body)
		fwrite(buf, 1, len, out_body);
	return 0;
}

static void on_done(void *user, const struct fetch_result *r)
{
	printf("%s status=%ld not_modified=%d permanent=%d final=%s bytes=%lld etag=%s last_modified=%s type=%s error=%s\n",
	       r->url, r->status, r->not_modified, r->permanent_redirect, r->final_url,
	       ((struct got *)user)->bytes, r->etag ? r->etag : "-",
	       r->last_modified ? r->last_modified : "-", r->content_type ? r->content_type : "-",
	       r->error ? r->error : "-");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct fetch_limits lim;
	struct fetch *f;
	char err[CRIER_ERRSZ];
	const char *etag = NULL, *lm = NULL;
	int allow_file = 0, opt, i, rc = 0;
	struct got *got;

	fetch_limits_default(&lim);
	while ((opt = getopt(argc, argv, "fE:M:L:o:A:")) != -1) {
		switch (opt) {
		case 'A': lim.ca_file = optarg; break;
		case 'f': allow_file = 1; break;
		case 'E': etag = optarg; break;
		case 'M': lm = optarg; break;
		case 'o': out_body = fopen(optarg, "wb"); break;
		case 'L': {
			char *eq = strchr(optarg, '=');
			if (!eq) return 2;
			*eq = '\0';
			if (fetch_limits_set(&lim, optarg, atoll(eq + 1)) != 0) {
				fprintf(stderr, "fetch_get: unknown limit %s\n", optarg);
				return 2;
			}
			break;
		}
		default: return 2;
		}
	}
	f = fetch_new(&lim, err, sizeof err);
	if (!f) {
		fprintf(stderr, "fetch_get: %s\n", err);
		return 1;
	}
	got = calloc((size_t)argc, sizeof *got);
	for (i = optind; i < argc; i++) {
		struct fetch_request req = {.url = argv[i], .etag = etag, .last_modified = lm,
					    .allow_file = allow_file, .on_data = on_data,
					    .on_done = on_done, .user = &got[i]};
		if (fetch_add(f, &req, err, sizeof err) != 0) {
			printf("%s refused: %s\n", argv[i], err);
			rc = 1;
		}
	}
	while (fetch_pending(f) > 0)
		if (fetch_poll(f, -1, 1000) < 0) {
			fprintf(stderr, "fetch_get: poll failed\n");
			rc = 1;
			break;
		}
	fetch_free(f);
	free(got);
	if (out_body)
		fclose(out_body);
	return rc;
}
