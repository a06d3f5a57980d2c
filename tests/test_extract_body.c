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

/* JSON-LD articleBody given as HTML, or as HTML escaped once more ("&lt;p&gt;..."): the
 * reader sees its paragraphs, never its markup, and not its box of links to other
 * stories or its photo caption. */
static void test_ld_body_html(void)
{
	static const char *const bodies[] = {
		"<p class=\\\"texto\\\">The ferry to Skarv ran again on Monday after "
		"a week in the yard, with a new propeller and a repainted hull.</p><p>The crew "
		"said the island&#39;s children cheered from the pier.</p><div class=\\\""
		"read-more\\\"><h4>More</h4><ul><li><a href=\\\"/a\\\">Harbour fees "
		"rise</a></li><li><a href=\\\"/b\\\">New pier lights</a></li></ul></div>"
		"<figure><img src=\\\"/f.jpg\\\"><figcaption>The ferry in the yard"
		"</figcaption></figure><p>The timetable is on the harbour office door.</p>",
		"&lt;p class=&quot;texto&quot;&gt;The ferry to Skarv ran again on Monday "
		"after a week in the yard, with a new propeller and a repainted hull.&lt;/p&gt;"
		"&lt;p&gt;The crew said the island&amp;#39;s children cheered from the pier."
		"&lt;/p&gt;&lt;div class=&quot;read-more&quot;&gt;&lt;h4&gt;More&lt;/h4&gt;"
		"&lt;ul&gt;&lt;li&gt;&lt;a href=&quot;/a&quot;&gt;Harbour fees rise&lt;/a&gt;"
		"&lt;/li&gt;&lt;li&gt;&lt;a href=&quot;/b&quot;&gt;New pier lights&lt;/a&gt;"
		"&lt;/li&gt;&lt;/ul&gt;&lt;/div&gt;&lt;figure&gt;&lt;figcaption&gt;The ferry "
		"in the yard&lt;/figcaption&gt;&lt;/figure&gt;&lt;p&gt;The timetable is on the "
		"harbour office door.&lt;/p&gt;",
	};
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
		char page[4096];
		snprintf(page, sizeof page, "<html><head><script type=\"application/ld+json\">"
			 "{\"@type\":\"NewsArticle\",\"headline\":\"Ferry back\","
			 "\"articleBody\":\"%s\"}</script></head><body><div id=\"app\">"
			 "Loading</div></body></html>", bodies[i]);
		struct article *a = from_text(page);
		HAS(a->body, "ran again on Monday after a week in the yard");
		HAS(a->body, "repainted hull.\n\nThe crew said the island's children");
		HAS(a->body, "The timetable is on the harbour office door.");
		HASNT(a->body, "&lt;");
		HASNT(a->body, "<p");
		HASNT(a->body, "texto");
		HASNT(a->body, "Harbour fees rise");
		HASNT(a->body, "The ferry in the yard");
		article_free(a);
	}
}

/* Review fixes: a story whose short paragraphs carry links inside their sentences is
 * running text, and a side column's one <article> card (no headline) marks no story; a
 * walk along a canal, or a woman called Mira, is no call to follow a channel; a JSON-LD
 * articleBody in plain text with a "&lt;" in a sentence is read whole, not as HTML. */
static void test_review_shapes(void)
{
	struct article *a = from_text("<html><body><div class=\"main\"><h1>Fares</h1>"
		"<div class=\"text\"><p>Fares on the ferry rise by a fifth, the <a href=\"/o\">"
		"operator</a> said.</p><p>It is the third rise, after the <a href=\"/f\">fuel "
		"levy</a> of last spring.</p><p>Commuters from Bramwick will pay 300 euros more a "
		"year.</p><p>The <a href=\"/c\">town council</a> asked for a discount for "
		"pupils.</p><p>Its leader called the rise a tax on living on the wrong bank.</p>"
		"<p>The operator blamed the <a href=\"/r\">repairs to the slipway</a>.</p>"
		"<p>A second boat, promised for 2027, would cut the wait to ten minutes.</p>"
		"<p>The <a href=\"/v\">council votes</a> on its answer next Thursday.</p></div>"
		"</div><aside><article class=\"card\"><p>The Quillbeck Weekly is written and "
		"printed in the valley by a staff of six, and every edition carries the tide "
		"tables, the ferry timetable and the market prices for the week ahead.</p>"
		"</article></aside></body></html>");
	HAS(a->body, "Fares on the ferry rise by a fifth");
	HAS(a->body, "on its answer next Thursday");
	HASNT(a->body, "Quillbeck Weekly");
	article_free(a);

	a = from_text("<html><body><article><h1>Walk</h1>" STORY1
		"<p>Follow the canal towpath east from the mill bridge for two miles.</p>"
		"<p>Mira Quenby, who keeps the lock cottage, runs a newsletter about the boats.</p>"
		"<p>Join the canal at the aqueduct if the towpath is flooded.</p>" STORY2
		"<p>Subscribe now to our print edition for the whole walk.</p>"
		"</article></body></html>");
	HAS(a->body, "Follow the canal towpath east");
	HAS(a->body, "Mira Quenby, who keeps the lock cottage");
	HAS(a->body, "Join the canal at the aqueduct");
	HASNT(a->body, "print edition");
	article_free(a);

	a = from_text("<html><head><script type=\"application/ld+json\">{\"@type\":"
		"\"NewsArticle\",\"headline\":\"Fares\",\"articleBody\":\"Pupils aged &lt;12 "
		"travel free on the Vellmar ferry from March, the operator said.\\nFor a crossing "
		"where the fare f and the distance d satisfy f&lt;d, the pass is cheaper, the "
		"note says.\\nThe change costs the operator about 40,000 euros a year.\"}"
		"</script></head><body><div id=\"app\">Loading</div></body></html>");
	HAS(a->body, "Pupils aged <12 travel free");
	HAS(a->body, "satisfy f<d, the pass is cheaper");
	HAS(a->body, "the operator said.\n\nFor a crossing");
	HAS(a->body, "about 40,000 euros a year.");
	article_free(a);
}

/* The story's end is its last paragraph outside its photo boxes: a photo box after the
 * story (an image, a caption box, a credit box) is read as a figure, and the short
 * notice after it ("This article may contain links to shops ...") is the page talking,
 * left out like any short box after the story's end; a short line in the same markup as
 * the story's paragraphs (an agency's "(BNA)") is the story's last line and stays. */
static void test_story_end_past_photo(void)
{
	struct article *a = from_text("<html><body><main><h1>Depot to become a market</h1>"
		"<div class=\"story\">" STORY1 STORY2 STORY3 "<div class=\"photo\">"
		"<img src=\"/img/depot.jpg\"><div class=\"caption\"><p>The tram depot on Mill Lane "
		"at dusk, a week before the vote on its future.</p></div><div class=\"credit\">"
		"Ines Marr</div></div><div class=\"foot\"><span class=\"note\">This article may "
		"contain links to shops that pay us a commission.</span><div class=\"nav\">"
		"<a href=\"/\">Home page</a></div></div></div></main></body></html>");
	HAS(a->body, "behind the station for that purpose");
	HASNT(a->body, "commission");
	HASNT(a->body, "at dusk");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures == 1)
		CHECK_STR(a->figures[0].credit, "Ines Marr");
	article_free(a);

	a = from_text("<html><body><main><h1>Depot to become a market</h1><div class=\"story\">"
		"<div class=\"para\">The council of Bramwick voted on Tuesday to reopen the old tram "
		"depot as a covered market, ending a debate that has run since the spring.</div>"
		"<div class=\"para\">Traders will pay a reduced rent for the first year, and the "
		"council will repair the roof before the first stalls open in the autumn.</div>"
		"<div class=\"para\">(BNA)</div><div class=\"rate\">Rate this story</div>"
		"</div></main></body></html>");
	HAS(a->body, "(BNA)");
	HASNT(a->body, "Rate this story");
	article_free(a);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_marker_over_teasers();
	test_promo_box_in_story();
	test_calls_to_action();
	test_ld_body_html();
	test_review_shapes();
	test_story_end_past_photo();
	return CHECK_DONE();
}
