/* The HTML sanitiser on two threads at once, as the reader does when it opens a story
 * (its loop) while R parses feeds (the refresh thread): both get the right output from
 * their very first call. html.c's name tables are made on first use; made twice at once
 * without a lock, ThreadSanitizer reports the race (run it in a -fsanitize=thread build,
 * where a report fails the test). Nothing here sanitises before the threads start. */
#include "config.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "crier/html.h"
#include "check.h"

#define ROUNDS 200

static const char page[] =
	"<div class=\"x\" onclick=\"evil()\"><p>Gulls over the <b>Marrowby</b> weir, "
	"<a href=\"/tide\" style=\"color:red\">the tide table</a>.<script>alert(1)</script>"
	"</p><img src=\"gull.jpg\" alt=\"A gull\"></div>";
static const char want_html[] =
	"<div class=\"x\"><p>Gulls over the <b>Marrowby</b> weir, "
	"<a href=\"http://marrowby.test/tide\">the tide table</a>.</p>"
	"<img src=\"http://marrowby.test/news/gull.jpg\" alt=\"A gull\" /></div>";
static const char want_text[] = "\n\nGulls over the Marrowby weir, the tide table.\nA gull\n";

static pthread_barrier_t start;

struct worker {
	int text_first; /* one thread starts with html_to_text, the other with html_sanitize */
	int wrong;
	char first[512];
};

static void *work(void *arg)
{
	struct worker *w = arg;
	pthread_barrier_wait(&start);
	for (int i = 0; i < ROUNDS; i++) {
		for (int k = 0; k < 2; k++) {
			struct sbuf b = SBUF_INIT;
			int text = (k == 0) == (w->text_first != 0);
			if (text)
				html_to_text(&b, page, sizeof page - 1);
			else
				html_sanitize(&b, page, sizeof page - 1, "http://marrowby.test/news/");
			if (strcmp(sbuf_str(&b), text ? want_text : want_html) != 0 && !w->wrong++)
				snprintf(w->first, sizeof w->first, "%s", sbuf_str(&b));
			sbuf_free(&b);
		}
	}
	return NULL;
}

int main(void)
{
	struct worker w[2];
	pthread_t t[2];
	memset(w, 0, sizeof w);
	w[1].text_first = 1;
	pthread_barrier_init(&start, NULL, 2);
	for (int i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, work, &w[i]) == 0);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < 2; i++) {
		if (w[i].wrong)
			fprintf(stderr, "thread %d: %d of %d outputs wrong, the first: [%s]\n", i,
				w[i].wrong, 2 * ROUNDS, w[i].first);
		CHECK_INT(w[i].wrong, 0);
	}
	return CHECK_DONE();
}
