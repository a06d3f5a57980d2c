/* cmd_extract: `crier --extract FILE|URL|-`: one page to the article's JSON, or to wrapped
 * text through the renderer with --text. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "crier/extract.h"
#include "crier/fetch.h"
#include "crier/render.h"
#include "crier/util.h"

static int load_url(const char *url, struct sbuf *page, char **ctype, char **final,
		    char *err, size_t errsz)
{
	struct fetch_limits lim;
	fetch_limits_default(&lim);
	/* the extractor refuses bigger pages anyway: stop the transfer there */
	lim.max_body = EXTRACT_MAX_PAGE;
	return fetch_url(url, &lim, page, ctype, final, err, errsz);
}

int cmd_extract(const struct cli *c, const char *target)
{
	struct sbuf page = SBUF_INIT, out = SBUF_INIT;
	char err[CRIER_ERRSZ] = "";
	char *ctype = NULL, *final = NULL;
	const char *base = c->base;
	struct article *a;
	if (url_is_http(target)) {
		if (load_url(target, &page, &ctype, &final, err, sizeof err) < 0) {
			fprintf(stderr, "crier: %s\n", err);
			sbuf_free(&page);
			return 1;
		}
		if (!base)
			base = final ? final : target;
	} else if (file_read_all(target, EXTRACT_MAX_PAGE, &page, err, sizeof err) < 0) {
		fprintf(stderr, "crier: %s\n", err);
		sbuf_free(&page);
		return 1;
	}
	a = extract_article(sbuf_str(&page), page.len, base, ctype, err, sizeof err);
	sbuf_free(&page);
	if (!a) {
		fprintf(stderr, "crier: %s: %s\n", target, err);
		free(ctype);
		free(final);
		return 1;
	}
	if (c->text) {
		struct render_doc *d = render_article(a, c->width);
		for (size_t i = 0; d && i < d->nlines; i++)
			printf("%s\n", d->lines[i].text);
		render_doc_free(d);
	} else {
		article_json(&out, a);
		printf("%s\n", sbuf_str(&out));
	}
	sbuf_free(&out);
	article_free(a);
	free(ctype);
	free(final);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "crier: %s: cannot write the output\n", target);
		return 1;
	}
	return 0;
}
