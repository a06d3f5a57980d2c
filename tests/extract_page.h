/* extract_page.h: the pages of the extraction tests (test_extract_rules.c,
 * test_extract_more.c): a fixture page or a page written in the test, extracted, and the
 * paragraphs of a story they share. */
#ifndef CRIER_TEST_EXTRACT_PAGE_H
#define CRIER_TEST_EXTRACT_PAGE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crier/extract.h"
#include "crier/util.h"

#define HAS(hay, needle) CHECK((hay) && strstr((hay), (needle)) != NULL)
#define HASNT(hay, needle) CHECK(!(hay) || strstr((hay), (needle)) == NULL)

static inline struct article *from_file(const char *name, const char *url)
{
	char path[1024], err[CRIER_ERRSZ] = "";
	struct sbuf b = SBUF_INIT;
	snprintf(path, sizeof path, "%s/tests/fixtures/pages/%s", CRIER_SRCDIR, name);
	if (file_read_all(path, EXTRACT_MAX_PAGE, &b, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	struct article *a = extract_article(sbuf_str(&b), b.len, url, NULL, err, sizeof err);
	sbuf_free(&b);
	if (!a) {
		fprintf(stderr, "%s: %s\n", name, err);
		exit(1);
	}
	return a;
}

static inline struct article *from_text(const char *html)
{
	char err[CRIER_ERRSZ] = "";
	struct article *a = extract_article(html, strlen(html), "https://paper.example/story/1",
					    NULL, err, sizeof err);
	if (!a) {
		fprintf(stderr, "page: %s\n", err);
		exit(1);
	}
	return a;
}

#define STORY1 "<p>The council of Bramwick voted on Tuesday to reopen the old tram depot as a " \
	"covered market, ending a debate that has run since the depot closed in the spring.</p>"
#define STORY2 "<p>Traders will pay a reduced rent for the first year, and the council will " \
	"repair the roof before the first stalls open, most likely in the autumn.</p>"
#define STORY3 "<p>Some residents had asked for housing on the site instead, and the council " \
	"promised to look again at the empty land behind the station for that purpose.</p>"

#endif
