/* main: the command line, and nothing else. */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"

static void usage(FILE *out)
{
	fputs("usage: crier [-r] [-q] [-u URLS] [-c CACHE] [-C CONFIG]\n"
	      "       crier --demo\n"
	      "       crier -x reload|print-unread|sync [-u URLS] [-c CACHE]\n"
	      "       crier -x search WORDS... [-c CACHE]\n"
	      "       crier -i OPML | -e\n"
	      "       crier --add URL\n"
	      "       crier --parse FILE|- [--base URL]\n"
	      "       crier --extract FILE|URL|- [--base URL] [--text [--width N]]\n"
	      "\n"
	      "A terminal news reader that shows a story's whole text, its photo captions and\n"
	      "credits, and its \"more from\" links side by side.\n"
	      "\n"
	      "  -u, --url-file FILE     the feed list (newsboat's urls format)\n"
	      "  -c, --cache-file FILE   the sqlite cache\n"
	      "  -C, --config-file FILE  the config file\n"
	      "  -r, --refresh-on-start  reload every feed when the interface starts\n"
	      "  -q, --quiet             print only errors\n"
	      "  -x, --execute COMMAND   run headless: reload, print-unread, sync, search WORDS\n"
	      "  -i, --import-from-opml FILE  add the feeds of an OPML file to the urls file\n"
	      "  -e, --export-to-opml    print the feed list as OPML 2.0\n"
	      "      --add URL           add a feed to the urls file (a web page: the feed it links to)\n"
	      "      --demo              open the bundled offline demo\n"
	      "      --parse FILE        print what the feed parser reads, as JSON Lines\n"
	      "      --extract TARGET    print the article extracted from a page, as JSON\n"
	      "      --base URL          the document's own URL, for --parse and --extract of a file\n"
	      "      --text              with --extract: print the article as wrapped text\n"
	      "      --width N           with --text: the width in columns (default 80)\n"
	      "  -h, --help              this help\n"
	      "  -v, --version           the version\n"
	      "\n"
	      "See crier(1) for keys, files and examples, and crier.conf(5) for settings.\n",
	      out);
}

enum { OPT_DEMO = 256, OPT_PARSE, OPT_EXTRACT, OPT_BASE, OPT_TEXT, OPT_WIDTH, OPT_ADD };

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"url-file", required_argument, NULL, 'u'},
		{"cache-file", required_argument, NULL, 'c'},
		{"config-file", required_argument, NULL, 'C'},
		{"refresh-on-start", no_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{"execute", required_argument, NULL, 'x'},
		{"import-from-opml", required_argument, NULL, 'i'},
		{"export-to-opml", no_argument, NULL, 'e'},
		{"demo", no_argument, NULL, OPT_DEMO},
		{"parse", required_argument, NULL, OPT_PARSE},
		{"extract", required_argument, NULL, OPT_EXTRACT},
		{"base", required_argument, NULL, OPT_BASE},
		{"text", no_argument, NULL, OPT_TEXT},
		{"width", required_argument, NULL, OPT_WIDTH},
		{"add", required_argument, NULL, OPT_ADD},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	struct cli c = {0};
	const char *execute = NULL, *import = NULL, *parse = NULL, *extract = NULL;
	const char *add = NULL;
	int export = 0, opt;

	/* wcwidth and the wide-character curses need an UTF-8 character type; the rest of
	 * the locale (numbers in JSON) stays "C". Without a locale (a bare container, an ssh
	 * login with none set) LC_CTYPE is "C", where every non-ASCII letter would vanish
	 * from the screen: crier's text is always UTF-8, so take C.UTF-8 then. */
	const char *ct = setlocale(LC_CTYPE, "");
	char term_ctype[128] = "";
	if (!ct || strcasecmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		/* A locale naming another character set (ISO-8859-1, KOI8-R...) is a terminal
		 * that would read UTF-8's bytes 0x80-0x9F as C1 controls: the screen is drawn
		 * in that locale, each character converted or shown as '?'. */
		if (ct && strcmp(ct, "C") != 0 && strcmp(ct, "POSIX") != 0 &&
		    strlen(ct) < sizeof term_ctype)
			snprintf(term_ctype, sizeof term_ctype, "%s", ct);
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
	c.width = 80;
	c.argv0 = argv[0];

	while ((opt = getopt_long(argc, argv, "u:c:C:rqx:i:ehv", longopts, NULL)) != -1) {
		switch (opt) {
		case 'u': c.urls_file = optarg; break;
		case 'c': c.cache_file = optarg; break;
		case 'C': c.config_file = optarg; break;
		case 'r': c.refresh = 1; break;
		case 'q': c.quiet = 1; break;
		case 'x': execute = optarg; break;
		case 'i': import = optarg; break;
		case 'e': export = 1; break;
		case OPT_DEMO: c.demo = 1; break;
		case OPT_PARSE: parse = optarg; break;
		case OPT_EXTRACT: extract = optarg; break;
		case OPT_BASE: c.base = optarg; break;
		case OPT_ADD: add = optarg; break;
		case OPT_TEXT: c.text = 1; break;
		case OPT_WIDTH:
			c.width = atoi(optarg);
			if (c.width < 10 || c.width > 1000) {
				fprintf(stderr, "crier: --width %s: give a number of columns from 10 to 1000\n", optarg);
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		case 'v': printf("crier %s\n", PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	char *search_words = NULL;
	if (execute && strcmp(execute, "search") == 0) {
		/* -x search WORDS...: the words, however the shell split them */
		size_t len = 1;
		int i;
		char *w;
		for (i = optind; i < argc; i++)
			len += strlen(argv[i]) + 1;
		w = search_words = calloc(1, len);
		if (!w) {
			fprintf(stderr, "crier: out of memory\n");
			return 1;
		}
		for (i = optind; i < argc; i++) {
			size_t k = strlen(argv[i]);
			if (i > optind)
				*w++ = ' ';
			memcpy(w, argv[i], k + 1);
			w += k;
		}
		w = search_words;
		c.search = w;
		optind = argc;
	}
	if (optind < argc) {
		fprintf(stderr, "crier: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (parse)
		return cmd_parse(&c, parse);
	if (extract)
		return cmd_extract(&c, extract);
	if (import)
		return cmd_import_opml(&c, import);
	if (add)
		return cmd_add(&c, add);
	if (export)
		return cmd_export_opml(&c);
	if (execute) {
		int rc = cmd_execute(&c, execute);
		free(search_words);
		return rc;
	}
	if (term_ctype[0])
		setlocale(LC_CTYPE, term_ctype);
	return ui_main(&c);
}
