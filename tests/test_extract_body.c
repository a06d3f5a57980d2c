/* test_extract_body: where the story's body is found and what is left of it, one small page
 * of our own writing each: explicit marks of the story against blocks of teasers, promo
 * boxes inside the story. The older rules are in test_extract_rules.c. */
#include "config.h"
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crier/extract.h"
#include "crier/util.h"
#include "extract_page.h"

/* Twelve lines of the shape "<a>Another story</a>, and a line about it.": each is a
 * teaser, however many commas and characters they add up to. */
#define TEASER(n) "<p><a href=\"/archive/" #n "\">Quay archive " #n "</a>, from the years of " \
	"the fish market, the salt sheds and the ferry.</p>"
#define TEASERS TEASER(1) TEASER(2) TEASER(3) TEASER(4) TEASER(5) TEASER(6) TEASER(7) \
	TEASER(8) TEASER(9) TEASER(10) TEASER(11) TEASER(12)
#define SHORT1 "<p>The old steam crane on Vellmar quay lifted its first load in thirty " \
	"years on Tuesday, a boat for the sailing club.</p>"
#define SHORT2 "<p>Volunteers spent four winters restoring the boiler and the gears, with " \
	"parts made at the technical school.</p>"

/* The page's one <article> (or its itemprop=articleBody) holds a short story; a longer
 * block of teasers' lines beside it is not the story, whether it sits outside the
 * <article>'s wrapper or in the same wrapper. */
static void test_marker_over_teasers(void)
{
	/* beside the wrapper: the teasers won and the story was lost */
	struct article *a = from_text("<html><body><div class=\"wrap\"><article><h1>Crane</h1>"
		SHORT1 SHORT2 "</article></div><div class=\"list\">" TEASERS "</div></body></html>");
	HAS(a->body, "lifted its first load in thirty years");
	HAS(a->body, "parts made at the technical school");
	HASNT(a->body, "Quay archive");
	article_free(a);

	/* in the same wrapper: the story came with twelve teasers */
	a = from_text("<html><body><div class=\"wrap\"><article><h1>Crane</h1>" SHORT1 SHORT2
		"</article><div class=\"list\">" TEASERS "</div></div></body></html>");
	HAS(a->body, "lifted its first load in thirty years");
	HAS(a->body, "parts made at the technical school");
	HASNT(a->body, "Quay archive");
	article_free(a);

	/* a story under 200 characters marked itemprop=articleBody */
	a = from_text("<html><body><div class=\"wrap\"><div itemprop=\"articleBody\">"
		"<p>The quay crane lifted a boat on Tuesday, its first load in thirty years.</p>"
		"<p>Volunteers restored it.</p></div></div><div class=\"list\">" TEASERS
		"</div></body></html>");
	HAS(a->body, "its first load in thirty years");
	HAS(a->body, "Volunteers restored it.");
	HASNT(a->body, "Quay archive");
	article_free(a);

	/* running text beside the <article> (its end outside a badly closed element) is
	 * not left out for the mark */
	a = from_text("<html><body><div class=\"wrap\"><article><h1>Crane</h1>" SHORT1 SHORT2
		"</article>" STORY1 STORY2 "</div></body></html>");
	HAS(a->body, "lifted its first load in thirty years");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "repair the roof before the first stalls open");
	article_free(a);

	/* a long story in <div>s beats a one-paragraph <article> card beside it */
	a = from_text("<html><body><div class=\"main\"><div class=\"text\">" STORY1 STORY2 STORY3
		STORY1 STORY2 STORY3 "</div><article class=\"card\"><p>The crane lifted a boat "
		"on Tuesday, its first load in thirty years, to cheers.</p></article></div>"
		"</body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	article_free(a);
}

/* A subscription promo inside the story (a "subscribe" or "premium" box with a sales line
 * or two) is not story; the paywall rule keeps such a box only for the story's own
 * paragraphs. */
static void test_promo_box_in_story(void)
{
	struct article *a = from_text("<html><body><article><h1>Rowing</h1>"
		"<div class=\"article-body\">" STORY1 STORY2
		"<div class=\"subscribe-box\"><p>Enjoying our local sport? Subscribe for 1 euro a "
		"month.</p><a href=\"/subscribe\">Subscribe now</a></div>" STORY3
		"<div class=\"premium-promo\"><h4>Become a member</h4><p>Read every story from the "
		"valley without limits.</p><p>Cancel at any time.</p></div></div></article>"
		"</body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "Subscribe for 1 euro");
	HASNT(a->body, "Become a member");
	HASNT(a->body, "without limits");
	article_free(a);
}

/* Lines that ask the reader to follow, subscribe or join somewhere are the site talking,
 * in any of the story's languages; a sentence that only mentions a network, a newsletter
 * or an app is story. */
static void test_calls_to_action(void)
{
	struct article *a = from_text("<html><body><article><h1>Ferry</h1>" STORY1 STORY2
		"<p>The council will post the results on its Facebook page on Monday.</p>"
		"<p>Follow the steps in the ferry company's app to book a seat, the operator "
		"said.</p>"
		"<p>Subscribers to the council's newsletter heard the news first, on Sunday.</p>"
		STORY3
		"<p>Follow the Vellmar Courier on Instagram and Facebook for the week's "
		"photos.</p>"
		"<p><b>Subscribe now to our print edition for the whole report.</b></p>"
		"<p>\xc2\xa1S\xc3\xadguenos en Telegram y no te pierdas nada!</p>"
		"<p>Abonnieren Sie unseren Newsletter mit Nachrichten aus dem Tal.</p>"
		"</article></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	HAS(a->body, "on its Facebook page on Monday");
	HAS(a->body, "Follow the steps in the ferry company's app");
	HAS(a->body, "Subscribers to the council's newsletter");
	HASNT(a->body, "Follow the Vellmar Courier");
	HASNT(a->body, "print edition");
	HASNT(a->body, "Telegram");
	HASNT(a->body, "Abonnieren Sie");
	article_free(a);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_marker_over_teasers();
	test_promo_box_in_story();
	test_calls_to_action();
	return CHECK_DONE();
}
