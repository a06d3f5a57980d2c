/* test_extract_rules: the general rules of extraction, one small page of our own writing
 * each: a body that is never empty when the page has text, boilerplate rules that never
 * remove the story, class words read as whole names, captions and the header line.
 * The "More from" sections are in test_extract_more.c. */
#include "config.h"
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crier/extract.h"
#include "crier/util.h"
#include "extract_page.h"

/* A block holding most of the container's text is never boilerplate, whatever its class
 * says ("tag-sharing" is a publishing system's tag, not a share bar). */
static void test_junk_never_the_story(void)
{
	struct article *a = from_text("<html><body><div id=\"content\">"
		"<div class=\"post type-post tag-sharing tag-comments\">" STORY1 STORY2 STORY3
		"</div><div class=\"share\"><a href=\"/s\">Share</a></div></div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	article_free(a);
}

/* "hidden" inside a longer class name ("field--label-hidden": the label is hidden) says
 * nothing about the block; a whole class "hidden" does. */
static void test_class_words_whole(void)
{
	struct article *a = from_text("<html><body><article>"
		"<div class=\"field field--label-hidden\">" STORY1 "</div>"
		"<div class=\"field field--label-hidden\">" STORY2 "</div>"
		"<div class=\"field field--label-hidden\">" STORY3 "</div>"
		"<div class=\"hidden\"><p>This sentence is hidden by its class and must not show.</p></div>"
		"</article></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "Traders will pay a reduced rent");
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "hidden by its class");
	article_free(a);
}

/* A box hidden by class that holds the <article> is a broken page's nesting: the story
 * is still read. */
static void test_hidden_box_holding_article(void)
{
	struct article *a = from_text("<html><body><div class=\"menu hidden\"><ul><li>"
		"<a href=\"/a\">Home</a></li></ul><article>" STORY1 STORY2 STORY3
		"</article></div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	article_free(a);
}

/* Never an empty body when the page has text: noscript, then JSON-LD articleBody, then
 * the description. */
static void test_never_empty(void)
{
	struct article *a = from_text("<html><body><div id=\"app\"></div><noscript>"
		"<div class=\"page\">" STORY1 STORY2 "</div></noscript></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	article_free(a);

	a = from_text("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		"\"headline\":\"Depot to become a market\",\"articleBody\":\"The council of Bramwick "
		"voted to reopen the depot.\\nTraders will pay a reduced rent.\"}</script></head>"
		"<body><div id=\"app\"></div></body></html>");
	HAS(a->body, "The council of Bramwick voted to reopen the depot.");
	HAS(a->body, "Traders will pay a reduced rent.");
	article_free(a);

	a = from_text("<html><head><meta property=\"og:description\" content=\"Bramwick's old tram "
		"depot will become a covered market, the council decided.\"></head>"
		"<body><div id=\"app\"></div></body></html>");
	HAS(a->body, "Bramwick's old tram depot will become a covered market");
	article_free(a);
}

static struct article *with_head(const char *head, const char *url)
{
	char html[4096], err[CRIER_ERRSZ] = "";
	snprintf(html, sizeof html, "<html><head>%s</head><body><article><h1>Harbour wall to be "
		 "rebuilt</h1>" STORY1 STORY2 "</article></body></html>", head);
	struct article *a = extract_article(html, strlen(html), url, NULL, err, sizeof err);
	if (!a) {
		fprintf(stderr, "page: %s\n", err);
		exit(1);
	}
	return a;
}

/* The header line: a byline without its date (the date moves to published), no date
 * before 1990 or more than a day ahead, the site named once. */
static void test_header_line(void)
{
	struct article *a = with_head("<meta name=\"author\" content=\"Staff writer Published "
		"7:07 PM EST Nov 19, 2019\">", "https://courier.example/a");
	CHECK_STR(a->byline, "Staff writer");
	CHECK_INT(a->published, 1574208420); /* 2019-11-20 00:07 UTC */
	article_free(a);

	a = with_head("<meta name=\"author\" content=\"Nell Ashgrove | March 3, 2024\">",
		      "https://courier.example/a");
	CHECK_STR(a->byline, "Nell Ashgrove");
	CHECK_INT(a->published, 1709424000);
	article_free(a);

	a = with_head("<meta name=\"author\" content=\"Von Jonas Ebert, 12.03.2024\">",
		      "https://courier.example/a");
	CHECK_STR(a->byline, "Jonas Ebert");
	article_free(a);

	/* year 1 and a placeholder far ahead are no date; the next source is taken */
	a = with_head("<meta property=\"article:published_time\" content=\"0001-01-01T00:00:00Z\">"
		      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		      "\"datePublished\":\"2023-05-06T10:00:00Z\"}</script>",
		      "https://courier.example/a");
	CHECK_INT(a->published, 1683367200);
	article_free(a);
	a = with_head("<meta property=\"article:published_time\" content=\"1970-01-01T00:00:00Z\">",
		      "https://courier.example/a");
	CHECK_INT(a->published, CRIER_NO_DATE);
	article_free(a);
	a = with_head("<meta property=\"article:published_time\" content=\"2999-01-01T00:00:00Z\">",
		      "https://courier.example/a");
	CHECK_INT(a->published, CRIER_NO_DATE);
	article_free(a);

	/* the site as author is named once, as the site */
	a = with_head("<meta property=\"og:site_name\" content=\"Seaview Courier\">"
		      "<meta name=\"author\" content=\"Seaview Courier\">",
		      "https://courier.example/a");
	CHECK_STR(a->site, "Seaview Courier");
	CHECK(a->byline == NULL);
	article_free(a);

	/* og:site_name before a <title> tail; a one-word tail is a section, not the site */
	a = with_head("<title>Harbour wall to be rebuilt - U.S. - Seaview Courier</title>"
		      "<meta property=\"og:site_name\" content=\"The Seaview Courier\">",
		      "https://courier.example/a");
	CHECK_STR(a->site, "The Seaview Courier");
	article_free(a);
	a = with_head("<title>Harbour wall to be rebuilt - Politics</title>",
		      "https://courier.example/a");
	CHECK(a->site == NULL);
	CHECK_STR(a->title, "Harbour wall to be rebuilt");
	article_free(a);
	a = with_head("<title>Harbour wall to be rebuilt | Courier</title>",
		      "https://courier.example/a");
	CHECK_STR(a->site, "Courier"); /* one word, but the address says it is the site */
	article_free(a);
}

static const struct figure *fig_of(const struct article *a, const char *image_tail)
{
	for (size_t i = 0; i < a->nfigures; i++) {
		const char *im = a->figures[i].image;
		size_t n = im ? strlen(im) : 0, k = strlen(image_tail);
		if (n >= k && !strcmp(im + n - k, image_tail))
			return &a->figures[i];
	}
	return NULL;
}

/* Caption and credit apart by general rules; labels, player messages and ads are not
 * captions or figures. */
static void test_caption_rules(void)
{
	struct article *a = from_file("captions.html", "https://river.example/flood");
	const struct figure *f = fig_of(a, "/a.jpg");
	/* "FILE" as the caption, the real caption in the credit box */
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "Workers stack sandbags along the river at Tarrow on Monday.");
		CHECK_STR(f->credit, "AP Photo/Lena Brisk");
	}
	f = fig_of(a, "/b.jpg");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "The river rose two metres overnight at Tarrow bridge.");
		CHECK(f->credit == NULL);
	}
	f = fig_of(a, "/c.jpg");   /* "CreditJane Roe" glued */
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "The new barrier at Wendle lock.");
		CHECK_STR(f->credit, "Jane Roe for The Courier");
	}
	f = fig_of(a, "/d.jpg");   /* "Photograph:" label off the credit */
	CHECK(f != NULL);
	if (f)
		CHECK_STR(f->credit, "Ola Penn/Northfield Agency");
	f = fig_of(a, "/e.jpg");   /* a bracketed "via" credit at the end */
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "A boat on the flooded high street in Tarrow");
		CHECK_STR(f->credit, "Kai Moss via Riverside Wire");
	}
	f = fig_of(a, "/f.jpg");   /* "FILE - " label and "Source:" */
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "A crane lifts the last barrier section into place at Wendle, May 2, 2021.");
		CHECK_STR(f->credit, "Wendle Council");
	}
	CHECK(fig_of(a, "/ad.jpg") == NULL);
	CHECK(fig_of(a, "/promo.jpg") == NULL);
	CHECK_INT(a->nfigures, 6);
	HASNT(a->body, "garden furniture");
	HAS(a->body, "The river at Tarrow rose two metres overnight");
	article_free(a);
}

/* The lead under the headline in the story's short <header> is story; the headline,
 * byline, date, kicker and photo caption beside it are not. */
static void test_lead_in_header(void)
{
	struct article *a = from_text("<html><body><article><header>"
		"<span class=\"kicker\">Town hall</span><h1>Depot to become a market</h1>"
		"<p class=\"intro\">After two years of argument, Bramwick's old tram depot will be "
		"a covered market by the autumn, and the traders are already queuing.</p>"
		"<p class=\"byline\">By Ida Penrose</p><time>3 March 2024</time>"
		"<figure><img src=\"/d.jpg\"><figcaption>The depot, closed since the spring, in a "
		"photograph taken from the station bridge last week.</figcaption></figure>"
		"</header>" STORY1 STORY2 STORY3 "</article></body></html>");
	HAS(a->body, "After two years of argument, Bramwick's old tram depot");
	CHECK(a->body && strstr(a->body, "After two years") < strstr(a->body, "The council of"));
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "Town hall");
	HASNT(a->body, "Ida Penrose");
	HASNT(a->body, "3 March 2024");
	HASNT(a->body, "photograph taken from the station bridge");
	article_free(a);

	/* a header of headline, byline and a short label gives no lead */
	a = from_text("<html><body><article><header><h1>Depot to become a market</h1>"
		"<p>Town hall, politics and planning</p><p class=\"byline\">By Ida Penrose</p>"
		"</header>" STORY1 STORY2 STORY3 "</article></body></html>");
	HASNT(a->body, "Town hall");
	HASNT(a->body, "Ida Penrose");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	article_free(a);
}

/* Soft hyphens and zero-width spaces only mark where a word may break: the words the
 * reader sees, searches and copies have none (headline, body, caption). */
static void test_invisible_breaks(void)
{
	struct article *a = from_text("<html><body><article><h1>Mit&shy;tel&shy;al&shy;ter</h1>"
		"<p>Schon im Mit&shy;tel&shy;al&shy;ter war der Wein von Hollbach das Aus&shy;"
		"h\xc3\xa4nge&shy;schild der Stadt, und das ist bis heute so ge\xe2\x80\x8b"
		"blieben.</p>" STORY1 STORY2 "<figure><img src=\"/a.jpg\"><figcaption>Wein&shy;berg "
		"bei Hollbach im Herbst.</figcaption></figure></article></body></html>");
	CHECK_STR(a->title, "Mittelalter");
	HAS(a->body, "Schon im Mittelalter war der Wein von Hollbach das Aush\xc3\xa4ngeschild");
	HAS(a->body, "so geblieben.");
	HAS(a->body_html, "Schon im Mittelalter");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures)
		CHECK_STR(a->figures[0].caption, "Weinberg bei Hollbach im Herbst.");
	article_free(a);
}

/* Text written straight into a box, lines between <br>s around a photo box, scores like
 * paragraphs: a story so written wins over a box of short <p> beside it. */
static void test_loose_text_scores(void)
{
	struct article *a = from_text("<html><body><div class=\"wrap\"><div class=\"col-a\">"
		"<div class=\"entry\">Ferry timetables for the Quillon crossing change on Monday, "
		"the harbour office said, with two extra sailings on weekday mornings.<br><br>"
		"<div class=\"pic\"><img src=\"/f.jpg\"></div>The first boat will now leave at six, "
		"an hour earlier than before, so that workers can reach the mainland by seven.<br><br>"
		"Fares stay the same until the autumn, when the council will look at them again, the "
		"harbour master, Ines Varro, told the island's newsletter.<br><br>Passengers with "
		"season tickets need not do anything; their tickets remain valid on every sailing, "
		"including the new early boat.<br><br>The evening timetable is unchanged, though the "
		"last boat on Sundays may be cancelled in bad weather, as in past winters.</div></div>"
		"<div class=\"col-b\"><div class=\"box\"><p>Visit our island shop for maps, "
		"postcards and local honey.</p><p>Guided walks leave from the harbour steps, every "
		"afternoon.</p></div></div></div></body></html>");
	HAS(a->body, "Ferry timetables for the Quillon crossing change on Monday");
	HAS(a->body, "The first boat will now leave at six");
	HAS(a->body, "as in past winters.");
	HASNT(a->body, "island shop");
	HASNT(a->body, "Guided walks");
	article_free(a);
}

/* A class word names one part of what a box holds: a "sharing-container" around the story
 * and its share bar is dropped as a share bar, yet it holds three times the paragraphs of
 * what is left (a header with a summary): the story is read from it all the same. A
 * comment list as long is still no story. */
static void test_unlikely_box_holding_story(void)
{
	static const char *const page = "<html><body><header class=\"page-head\"><h1>Market in "
		"the depot</h1><div class=\"abstract\"><p>Bramwick's tram depot becomes a market: "
		"the council has decided, after a long debate, and traders are pleased with the rent "
		"they will pay. Residents who wanted homes there are promised another site, and the "
		"roof will be repaired first, the mayor's office said on Tuesday evening.</p></div>"
		"</header><div class=\"doc__sharing-wrap\"><div class=\"share-bar\">"
		"<a href=\"/s/1\">Share</a> <a href=\"/s/2\">Post</a></div>"
		STORY1 STORY2 STORY3 "<p>The first market day is planned for October, with forty "
		"stalls selling food, flowers and second-hand books from the region around the "
		"town.</p><p>Parking for the traders' vans will be behind the depot, where the old "
		"tram sheds stood, and the street in front will stay open to buses and bicycles.</p>"
		"<p>A café in the former ticket hall is planned too; the council will ask for offers "
		"from local businesses in the new year, once the roof work has been finished.</p>"
		"</div>%s</body></html>";
	char html[4096];
	snprintf(html, sizeof html, page, "");
	struct article *a = from_text(html);
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	HAS(a->body, "The first market day is planned for October");
	HASNT(a->body, "Share");
	article_free(a);

	snprintf(html, sizeof html, page, "<ol class=\"comment-list\"><li><p>I sold flowers in "
		 "that depot forty years ago and I am glad to see stalls come back to it again.</p>"
		 "</li><li><p>Housing would have been better for the town, whatever the council "
		 "says about the land behind the station and its promises.</p></li><li><p>Will "
		 "there be parking for the traders' vans, or do they unload in the street like "
		 "at the old market on the square every week?</p></li><li><p>The roof leaked "
		 "for years; I hope the repairs are done properly before anyone sets up a stall "
		 "under it this autumn.</p></li></ol>");
	a = from_text(html);
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HASNT(a->body, "I sold flowers in that depot");
	article_free(a);
}

/* A heading's id made from its own words ("nav_the_roof_comes_first__1", an anchor for
 * a table of contents) names nothing: the sub-heading stays in the story. An id that is
 * a name ("related-title" over other words) still marks boilerplate. */
static void test_heading_anchor_ids(void)
{
	struct article *a = from_text("<html><body><article><h1>Market in the depot</h1>"
		"<div class=\"article-content\">" STORY1 "<h3 class=\"subheading\" "
		"id=\"nav_the_roof_comes_first__1\">The roof comes first</h3>" STORY2
		"<h3 class=\"subheading\" id=\"nav_housing_elsewhere__2\">Housing elsewhere</h3>"
		STORY3 "<h3 id=\"related-title\">Elsewhere in Bramwick</h3></div></article>"
		"</body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "The roof comes first");
	HAS(a->body, "Housing elsewhere");
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "Elsewhere in Bramwick");
	HAS(a->body_html, "<h3>The roof comes first</h3>");
	article_free(a);
}

/* A page built of content boxes of one class: a box like the container's that holds no
 * paragraph (a list, text in a heading) is still a part of the story; a box of another
 * class, or of links, is not, and neither is the headline's box. */
static void test_same_class_parts(void)
{
	struct article *a = from_text("<html><body><div class=\"page\">"
		"<div class=\"frame frame-text\"><h1>Market in the depot</h1></div>"
		"<div class=\"frame frame-text\">" STORY1 STORY2 STORY3 "</div>"
		"<div class=\"frame frame-text\"><h3>What traders need to bring</h3><ul>"
		"<li>a copy of the signed rent agreement</li><li>proof of insurance for the stall"
		"</li><li>a list of the goods they will sell</li></ul></div>"
		"<div class=\"frame frame-text\"><ul><li><a href=\"/a\">Council news</a></li>"
		"<li><a href=\"/b\">Markets in the region</a></li></ul></div>"
		"<div class=\"box-links\"><ul><li>Opening hours of the town hall</li>"
		"<li>Parking in the town centre</li></ul></div></div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "What traders need to bring");
	HAS(a->body, "proof of insurance for the stall");
	HASNT(a->body, "Council news");
	HASNT(a->body, "Opening hours of the town hall");
	CHECK(!a->body || strncmp(a->body, "The council of Bramwick", 23) == 0);
	article_free(a);
}

/* A page that wraps everything in one <form> (a web-forms site): the container climbs to
 * the form, which is then read, not skipped as a form; the description is no body. */
static void test_form_wrapped_page(void)
{
	struct article *a = from_text("<html><head><meta name=\"description\" content=\"News "
		"and notes from the Bramwick forum.\"></head><body><form id=\"page-form\" "
		"method=\"post\"><main class=\"content\"><div class=\"post\">" STORY1 STORY2
		"</div><div class=\"post\">" STORY3 "</div></main></form></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "News and notes from the Bramwick forum");
	article_free(a);
}

/* Two boxes that score nearly alike: a short intro whose class says "post-text", and the
 * story's long paragraphs in a plain column. The one with far more paragraph text is the
 * story. */
#define LONGP(s) "<p>" s " The market hall will keep the depot's iron columns and its glass " \
	"roof, which the architects say can be restored, while the floor, the doors and the " \
	"heating are new; the stalls will be of wood, built by a workshop in the town.</p>"
static void test_near_tie_more_text(void)
{
	struct article *a = from_text("<html><body><div class=\"top\"><div class=\"post-text\">"
		"<p>Bramwick, spring, Tuesday, noon: a market, a roof, a vote, a plan.</p><p>Traders, "
		"residents, planners, the mayor, the council: all, in turn, had a say.</p><p>Here "
		"is what was decided, by whom, for how much, and when, and why.</p></div></div>"
		"<div class=\"lower\"><div class=\"col-8\">"
		LONGP("The council voted on Tuesday, after two hours of debate, to reopen the depot.")
		LONGP("Traders will pay a reduced rent in the first year, the council said.")
		LONGP("Residents who had asked for homes on the site were promised another plot.")
		LONGP("Work on the roof starts in May, and the first stalls open in the autumn.")
		LONGP("Parking for traders' vans will be behind the depot, near the old sheds.")
		"</div></div></body></html>");
	HAS(a->body, "The council voted on Tuesday, after two hours of debate");
	HAS(a->body, "Parking for traders' vans will be behind the depot");
	article_free(a);
}

/* The story marked in parts: three sections each itemprop=articleBody, each in its own
 * wrapper between ads. All three are the body, in order; the ads are not. */
static void test_articlebody_in_parts(void)
{
	struct article *a = from_text("<html><body><article><h1>Market in the depot</h1>"
		"<div class=\"wrap\"><section itemprop=\"articleBody\">" STORY1 STORY2
		"</section></div><div class=\"ad-slot\"><p>Advertisement: Bramwick Motors, the "
		"best cars in the county, open on Sundays.</p></div>"
		"<div class=\"wrap\"><section itemprop=\"articleBody\">" STORY3
		LONGP("The first market day is planned for October.") "</section></div>"
		"<div class=\"wrap\"><section itemprop=\"articleBody\"><p>The mayor will open "
		"the market herself, her office said, and the town band will play.</p></section>"
		"</div></article></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "The first market day is planned for October.");
	HAS(a->body, "the town band will play");
	HASNT(a->body, "Bramwick Motors");
	const char *p1 = a->body ? strstr(a->body, "voted on Tuesday") : NULL;
	const char *p3 = a->body ? strstr(a->body, "town band") : NULL;
	CHECK(p1 && p3 && p1 < p3);
	article_free(a);
}

/* After the story's last paragraph, short boxes of no paragraph of their own are the page
 * talking about the story (a rating line, a "tell your friends" bar, a keywords box, a
 * link back to the list), whatever their class. A box over photos or a list that end the
 * story, and a short box between two paragraphs, stay. */
static void test_after_the_last_paragraph(void)
{
	struct article *a = from_text("<html><body><h1>Market in the depot</h1>"
		"<div class=\"main-col\"><div class=\"entry\">" STORY1
		"<div class=\"part\">Part two: the roof</div>" STORY2 STORY3
		"<div class=\"after-text\"><h5>Tell your friends!</h5></div>"
		"<div class=\"reactions\"><span>Was this useful?</span> <span>Yes</span> "
		"<span>No</span></div>"
		"<section class=\"c-box\"><h2>Keywords</h2></section>"
		"<a href=\"/markets\">Back to the list</a></div></div>"
		"<div class=\"footer-col\"><p>The Bramwick Courier, 4 Mill Lane, Bramwick.</p></div>"
		"</body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "Part two: the roof");
	HAS(a->body, "empty land behind the station");
	HASNT(a->body, "Tell your friends");
	HASNT(a->body, "Was this useful");
	HASNT(a->body, "Keywords");
	HASNT(a->body, "Back to the list");
	article_free(a);

	a = from_text("<html><body><h1>Market in the depot</h1><div class=\"entry\">"
		STORY1 STORY2 STORY3 "<div>See the stalls:</div>"
		"<div><img src=\"/stall1.jpg\" alt=\"\"></div><div><img src=\"/stall2.jpg\" "
		"alt=\"\"></div><div>What the traders sell:</div><ul><li>Bread and cakes</li>"
		"<li>Fish from the harbour</li></ul></div></body></html>");
	HAS(a->body, "See the stalls:");
	HAS(a->body, "What the traders sell:");
	HAS(a->body, "Fish from the harbour");
	article_free(a);
}

/* Class words of a post's furniture, read as whole names: a rating box, a likes bar and
 * the "posted on ... filed under" line of a blog post are not the story, even as a <p>
 * of the story's own box or between its paragraphs. */
static void test_furniture_words(void)
{
	struct article *a = from_text("<html><body><h1>Market in the depot</h1>"
		"<div class=\"entry\">" STORY1 "<div class=\"post-ratings\"><span>Rate this "
		"story</span> <span>4.5 of 5 from 12 readers</span></div>" STORY2
		"<div class=\"jp-likes-box\"><span>Like this:</span> <span>Loading the likes of "
		"other readers now</span></div>" STORY3
		"<p class=\"postmetadata\">This entry was posted on Tuesday, 3 March, and is filed "
		"under Markets, Bramwick.</p></div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "repair the roof before the first stalls open");
	HAS(a->body, "empty land behind the station");
	HASNT(a->body, "Rate this story");
	HASNT(a->body, "Loading the likes");
	HASNT(a->body, "This entry was posted");
	article_free(a);
}

/* "Read also: <link>" written into the story as a paragraph of its own, in any of the
 * languages the more-from headings know, is a teaser; a sentence that only mentions
 * reading stays. */
static void test_read_also_lines(void)
{
	struct article *a = from_text("<html><body><h1>Market in the depot</h1>"
		"<div class=\"entry\">" STORY1 "<p>LESEN SIE AUCH: <a href=\"/b\">Neue Pläne für "
		"den Bahnhof</a></p>" STORY2 "<p><b>Lee también...</b> <a href=\"/c\">El alcalde "
		"visita el mercado</a></p>" STORY3 "<p>Read more: the council's <a href=\"/r\">full "
		"report</a> explains the vote, the rents and the plans for the roof in detail.</p>"
		"</div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "empty land behind the station");
	HASNT(a->body, "Neue Pläne");
	HASNT(a->body, "El alcalde");
	HAS(a->body, "explains the vote, the rents");
	article_free(a);
}

/* The author's box marked as such (itemprop=author, a schema.org Person) and a comment
 * box named in the page's language ("kommentar", "comentario") are not the story, even
 * when they hold paragraphs of their own. */
static void test_author_and_comment_boxes(void)
{
	struct article *a = from_text("<html><body><h1>Market in the depot</h1>"
		"<div class=\"entry\">" STORY1 STORY2 STORY3
		"<div class=\"box-about\" itemprop=\"author\" itemscope "
		"itemtype=\"https://schema.org/Person\"><h4>About the writer</h4><p>Ann Rowe has "
		"covered the council of Bramwick for the Courier since 2010 and lives by the "
		"harbour.</p></div>"
		"<div class=\"kommentarBereich\"><p>Sie sind nicht angemeldet. Melden Sie sich an, "
		"um einen Kommentar zu schreiben.</p></div>"
		"<div class=\"seccion-comentarios\"><p>Inicia sesión para dejar tu opinión sobre "
		"esta noticia.</p></div></div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "empty land behind the station");
	HASNT(a->body, "Ann Rowe has covered");
	HASNT(a->body, "Sie sind nicht angemeldet");
	HASNT(a->body, "Inicia sesión");
	article_free(a);
}

/* A custom element's name says what it holds, as a class does: a <story-teaser-box>
 * between the paragraphs is a teaser, a <story-text-block> is story. */
static void test_custom_element_names(void)
{
	struct article *a = from_text("<html><body><h1>Market in the depot</h1>"
		"<div class=\"entry\">" STORY1 "<story-teaser-box><h3>Harbour plans</h3><p>The "
		"harbour board wants a new quay for the ferries by next summer.</p>"
		"</story-teaser-box><story-text-block>" STORY2 "</story-text-block>" STORY3
		"</div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "repair the roof before the first stalls open");
	HAS(a->body, "empty land behind the station");
	HASNT(a->body, "new quay for the ferries");
	article_free(a);
}

/* Photo captions named in other words or languages ("imagedescription", Italian "dida",
 * German "bildunterschrift") are captions: in the figures, not in the body. */
static void test_caption_words(void)
{
	struct article *a = from_text("<html><body><h1>Market in the depot</h1>"
		"<div class=\"entry\">" STORY1 "<div class=\"pic\"><img src=\"/depot.jpg\" "
		"alt=\"\"><p class=\"imagedescription\">Traders unload their vans at the old "
		"depot on Tuesday morning.</p></div>" STORY2 "<div class=\"pic\"><img "
		"src=\"/roof.jpg\" alt=\"\"><div class=\"dida\">Il tetto del deposito, da "
		"riparare prima dell'apertura del mercato</div></div>" STORY3
		"</div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "empty land behind the station");
	HASNT(a->body, "Traders unload their vans");
	HASNT(a->body, "Il tetto del deposito");
	int cap1 = 0, cap2 = 0;
	for (size_t i = 0; i < a->nfigures; i++) {
		cap1 |= a->figures[i].caption && strstr(a->figures[i].caption, "Traders unload") != NULL;
		cap2 |= a->figures[i].caption && strstr(a->figures[i].caption, "Il tetto") != NULL;
	}
	CHECK(cap1);
	CHECK(cap2);
	article_free(a);
}

/* The copyright sign starts a photo's credit inside its caption, after a sentence or a
 * dash: the caption keeps its words, the credit its names, without the sign. */
static void test_copyright_sign_credit(void)
{
	struct article *a = from_text("<html><body><h1>Market in the depot</h1>"
		"<div class=\"entry\">" STORY1 "<figure><img src=\"/depot.jpg\" alt=\"\">"
		"<figcaption>Traders unload their vans at the depot. © Courier / Ann Rowe"
		"</figcaption></figure>" STORY2 "<figure><img src=\"/roof.jpg\" alt=\"\">"
		"<figcaption>The roof of the old depot – © Bramwick Council</figcaption></figure>"
		STORY3 "</div></body></html>");
	CHECK_INT(a->nfigures, 2);
	if (a->nfigures == 2) {
		CHECK_STR(a->figures[0].caption, "Traders unload their vans at the depot.");
		CHECK_STR(a->figures[0].credit, "Courier / Ann Rowe");
		CHECK_STR(a->figures[1].caption, "The roof of the old depot");
		CHECK_STR(a->figures[1].credit, "Bramwick Council");
	}
	article_free(a);
}

/* The page carries the rest of the story in a paywall/premium box it only hides: the text
 * is read; the short "subscribe" notice beside it is not. */
static void test_paywalled_text_kept(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		STORY1 STORY2 STORY3 "<div class=\"paywall\"><p>The first stalls will sell "
		"bread, cheese and flowers, said the market's new warden, Osric Pell, and a fish "
		"counter is planned once the cold room is fitted.</p><p>Parking stays free on "
		"market days, though the council will review that after a year of trading at "
		"the depot.</p></div><div class=\"paywall-notice\"><p>Subscribe to keep "
		"reading.</p></div></article></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "The first stalls will sell bread, cheese and flowers");
	HAS(a->body, "after a year of trading at the depot.");
	HASNT(a->body, "Subscribe to keep reading");
	article_free(a);

	a = from_text("<html><body><div class=\"story\">" STORY1 "<section class=\"premium-"
		"content is-locked\">" STORY2 STORY3 "</section></div><div class=\"side\"><p>"
		"<a href=\"/x\">Weather</a></p></div></body></html>");
	HAS(a->body, "Traders will pay a reduced rent");
	HAS(a->body, "the empty land behind the station");
	article_free(a);
}

/* A date written in the byline is the published date when the page gives none in its
 * metadata (or only one far ahead); a byline naming the site gives way to the page's
 * byline element. */
static void test_byline_dates(void)
{
	struct article *a = with_head("<meta property=\"article:published_time\" content="
		"\"2999-06-01T00:00:00Z\"><meta name=\"author\" content=\"Ida Penrose, "
		"04.03.2024\">", "https://courier.example/a");
	CHECK_STR(a->byline, "Ida Penrose");
	CHECK_INT(a->published, 1709510400); /* 2024-03-04 */
	article_free(a);

	a = with_head("<meta name=\"author\" content=\"Von Jonas Ebert, 12. Dezember 2023, "
		"10:02\">", "https://courier.example/a");
	CHECK_STR(a->byline, "Jonas Ebert");
	CHECK_INT(a->published, 1702375320); /* 2023-12-12 10:02 */
	article_free(a);

	a = from_text("<html><head><meta property=\"og:site_name\" content=\"Bramwick Post\">"
		"<meta name=\"author\" content=\"Bramwick Post\"></head><body><article>"
		"<h1>Depot to become a market</h1><div class=\"byline\">By <a rel=\"author\" "
		"href=\"/ida\">Ida Penrose</a> | Updated March 4, 2024 10:02 AM</div>"
		STORY1 STORY2 "</article></body></html>");
	CHECK_STR(a->byline, "Ida Penrose");
	CHECK_STR(a->site, "Bramwick Post");
	CHECK_INT(a->published, 1709546520); /* 2024-03-04 10:02 */
	HASNT(a->body, "Updated March");
	article_free(a);

	/* a date in words in other languages, "de" between its parts, leaves the byline too */
	a = from_text("<html><body><article><h1>Depot to become a market</h1><div class=\"firma\">"
		"Por <a href=\"/autor/ida\">Rocío Almagro</a> \xc2\xb7 21 de marzo de 2025</div>"
		STORY1 STORY2 "</article></body></html>");
	CHECK_STR(a->byline, "Rocío Almagro");
	CHECK_INT(a->published, 1742515200); /* 2025-03-21 */
	article_free(a);
	a = with_head("<meta name=\"author\" content=\"Door Anke de Vries, 3 maart 2024\">",
		      "https://courier.example/a");
	CHECK_STR(a->byline, "Anke de Vries");
	CHECK_INT(a->published, 1709424000); /* 2024-03-03 */
	article_free(a);

	/* no byline class: a short line under the headline of "By" and a name is one; a
	 * phrase that opens with "Von" or "By" is not */
	a = from_text("<html><body><article><h1>Depot to become a market</h1><p class=\"meta\">"
		"By <span>Ida van der Penrose</span>, Town Hall Reporter</p>" STORY1 STORY2
		"</article></body></html>");
	CHECK_STR(a->byline, "Ida van der Penrose, Town Hall Reporter");
	HASNT(a->body, "Town Hall Reporter");
	article_free(a);
	a = from_text("<html><body><article><h1>Depot to become a market</h1><div class=\"route\">"
		"Von Helsingborg nach Bramwick</div><p>By Tuesday the council will know more</p>"
		"<div>von Anton692 um 12:30</div>" STORY1 STORY2 "</article></body></html>");
	CHECK(a->byline == NULL);
	article_free(a);
	/* a short paragraph of the story that opens with "By" and a day is story: kept in
	 * the body, and no byline */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1
		"<p>By Monday, the stalls had gone.</p>" STORY2 STORY3 "</article></body></html>");
	CHECK(a->byline == NULL);
	HAS(a->body, "By Monday, the stalls had gone.");
	article_free(a);
	a = from_text("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		"\"author\":{\"@type\":\"Person\",\"name\":\"Ida Penrose\"}}</script></head><body>"
		"<article><h1>Depot to become a market</h1>" STORY1
		"<p>By Easter Sunday, the roof was mended.</p>" STORY2 STORY3 "</article></body></html>");
	CHECK_STR(a->byline, "Ida Penrose");
	HAS(a->body, "By Easter Sunday, the roof was mended.");
	article_free(a);
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1
		"<p>By Easter.</p>" STORY2 STORY3 "</article></body></html>");
	CHECK(a->byline == NULL);
	HAS(a->body, "By Easter.");
	article_free(a);
}

/* Lines between <br>s in one box straight under <body> are the story's container, not a
 * paragraph of the page: a short box of notes beside it does not join the story, before
 * or after it. */
static void test_br_box_is_container(void)
{
	static const char *const side = "<div class=\"side\"><p>Our newsletter comes every "
		"Friday with the week's news.</p><p>Advertise with us: rates for shops on "
		"request.</p></div>";
	static const char *const story = "<div class=\"c\">The council of Bramwick voted on "
		"Tuesday to reopen the old tram depot as a covered market.<br><br>Traders will "
		"pay a reduced rent for the first year, and the council will repair the roof.<br><br>"
		"Some residents had asked for housing on the site instead, and the council promised "
		"to look again at the empty land behind the station.<br><br>The first stalls should "
		"open in the autumn, the market's warden, Osric Pell, said.</div>";
	char html[2048];
	/* the same lines wrapped in one <span> inside the box */
	snprintf(html, sizeof html, "<html><body><div class=\"c\"><span class=\"t\">The council "
		 "of Bramwick voted on Tuesday to reopen the old tram depot.<br><br>Traders will pay "
		 "a reduced rent for the first year, the council said on Wednesday.<br><br>Some "
		 "residents had asked for housing on the site instead.</span></div>%s</body></html>", side);
	struct article *s = from_text(html);
	HAS(s->body, "The council of Bramwick voted on Tuesday");
	HAS(s->body, "asked for housing on the site instead.");
	HASNT(s->body, "newsletter");
	article_free(s);
	for (int order = 0; order < 2; order++) {
		snprintf(html, sizeof html, "<html><body>%s%s</body></html>", order ? side : story,
			 order ? story : side);
		struct article *a = from_text(html);
		HAS(a->body, "The council of Bramwick voted on Tuesday");
		HAS(a->body, "the market's warden, Osric Pell, said.");
		HASNT(a->body, "newsletter");
		HASNT(a->body, "Advertise with us");
		article_free(a);
	}
}

/* The page's one <article> marks the story: the container does not climb out of it to a
 * wrapper that adds the teasers beside it. */
static void test_one_article_marks_story(void)
{
	struct article *a = from_text("<html><body><div class=\"wrap\"><article><h1>Depot to "
		"become a market</h1><div class=\"text\">" STORY1 STORY2 STORY3 "</div></article>"
		"<div class=\"more\"><p>From the archive: how the depot was built in 1904, with "
		"drawings from the town's <a href=\"/a\">records</a>.</p><p>From the archive: the "
		"last tram to leave the depot, and the crowd that came to see it off.</p><p>From the "
		"archive: a market that failed, and what the town learned from it.</p></div>"
		"</div></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "From the archive");
	article_free(a);
}

/* A near-empty body is not the answer when the page has more: the container without the
 * element pass, JSON-LD articleBody, then the description. */
static void test_near_empty_fallbacks(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		"<p>By the town hall desk.</p><div class=\"story-related-a\">" STORY1 "</div>"
		"<div class=\"story-related-b\">" STORY2 "</div><div class=\"story-related-c\">"
		STORY3 "</div></article></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "the empty land behind the station");
	article_free(a);

	a = from_text("<html><head><script type=\"application/ld+json\">{\"@type\":"
		"\"NewsArticle\",\"articleBody\":\"The council of Bramwick voted to reopen the "
		"depot.\\nTraders will pay a reduced rent for the first year.\"}</script></head>"
		"<body><div class=\"x\"><p>Cookie notice: this site stores small files.</p></div>"
		"</body></html>");
	HAS(a->body, "The council of Bramwick voted to reopen the depot.");
	HASNT(a->body, "Cookie notice");
	article_free(a);

	a = from_text("<html><head><meta name=\"description\" content=\"Bramwick's old tram "
		"depot will become a covered market, the council decided on Tuesday.\"></head>"
		"<body><div id=\"app\"><p><a href=\"/\">Home</a></p><p>Loading, please wait."
		"</p></div></body></html>");
	HAS(a->body, "Bramwick's old tram depot will become a covered market");
	article_free(a);
}

/* A credit marker glued to the caption's last sentence and to the name ("...first
 * day.CreditIda Penrose"): caption and credit apart. */
static void test_glued_credit_after_sentence(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		STORY1 "<figure><img src=\"/depot.jpg\"><figcaption>The depot's hall on the first "
		"market day.CreditIda Penrose</figcaption></figure>" STORY2 STORY3
		"</article></body></html>");
	const struct figure *f = fig_of(a, "/depot.jpg");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "The depot's hall on the first market day.");
		CHECK_STR(f->credit, "Ida Penrose");
	}
	article_free(a);

	/* the archive label after an agency credit is no part of it */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1
		"<figure><img src=\"/tram.jpg\"><figcaption>The last tram leaves the depot in "
		"1961. (Harbour Wire Photo/Osric Pell, File)</figcaption></figure>" STORY2
		"</article></body></html>");
	f = fig_of(a, "/tram.jpg");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "The last tram leaves the depot in 1961.");
		CHECK_STR(f->credit, "Harbour Wire Photo/Osric Pell");
	}
	article_free(a);
}

/* A row of share buttons with its own heading, and a table of contents with its title,
 * are not story; a pull quote with a "tweet this" link and the headings the contents
 * point to are. */
static void test_share_row_and_contents(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		"<div class=\"toc-box\"><p class=\"toc-title\">Contents of this page</p><nav><ul>"
		"<li><a href=\"#vote\">The vote</a></li><li><a href=\"#rent\">The rent</a></li>"
		"</ul></nav></div><h2 id=\"vote\" class=\"toc-section\">The vote</h2>" STORY1
		"<blockquote class=\"pull\">A market is what this depot was always waiting for, "
		"said the mayor. <a href=\"https://twitter.com/intent/tweet?text=market\">Tweet "
		"this</a></blockquote><h2 id=\"rent\" class=\"toc-section\">The rent</h2>" STORY2
		STORY3 "<div style=\"float:right\"><strong>Would you pass this story on?</strong>"
		"<a href=\"https://www.facebook.com/sharer/sharer.php?u=x\"></a>"
		"<a href=\"https://api.whatsapp.com/send?text=x\">WhatsApp</a>"
		"<a href=\"mailto:?subject=Depot\">Mail</a></div></article></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "A market is what this depot was always waiting for");
	HAS(a->body, "The vote");
	HAS(a->body, "The rent");
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "Contents of this page");
	HASNT(a->body, "pass this story on");
	article_free(a);
}

/* The story starts at its headline: a kicker above it is the page's label, and the box
 * the byline was read from ("autor", any language's class word) is the header, not story.
 * A title said again below the story (a recipe card's) does not cut the story above it. */
static void test_story_starts_at_headline(void)
{
	struct article *a = from_text("<html><body><div class=\"nav\"><a href=\"/\">Home</a></div>"
		"<div class=\"artikel\"><span class=\"dachzeile\">Verkehr</span>"
		"<h1>Depot to become a market</h1><div class=\"autor\">Von Ida Penrose | 04.03.2024, "
		"08:15 Uhr</div>" STORY1 STORY2 STORY3 "</div></body></html>");
	CHECK_STR(a->byline, "Ida Penrose");
	CHECK(a->body && strncmp(a->body, "The council of Bramwick", 23) == 0);
	HASNT(a->body, "Verkehr");
	HASNT(a->body, "08:15");
	HAS(a->body, "empty land behind the station");
	article_free(a);

	a = from_text("<html><head><title>Depot to become a market</title></head><body>"
		"<div class=\"post\">" STORY1 STORY2 "<div class=\"card\"><h2>Depot to become a market"
		"</h2><p>Two pounds of apples, one of sugar, a lemon.</p></div>" STORY3
		"</div></body></html>");
	HAS(a->body, "The council of Bramwick voted");
	HAS(a->body, "reduced rent");
	HAS(a->body, "empty land behind the station");
	article_free(a);

	/* the headline in a box of its own beside the story's text: its kicker is no story */
	a = from_file("evening-star.html", "https://star.example/local/2025/02/11/night-buses");
	HASNT(a->body, "Transport\n");
	HAS(a->body, "The county's transport committee agreed on Tuesday");
	HAS(a->body, "valid after midnight for the first time.");
	HASNT(a->body, "Greta Holloway");
	HASNT(a->body, "Most popular");
	CHECK_INT(a->nmore, 3);
	article_free(a);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_junk_never_the_story();
	test_class_words_whole();
	test_hidden_box_holding_article();
	test_never_empty();
	test_header_line();
	test_caption_rules();
	test_lead_in_header();
	test_invisible_breaks();
	test_loose_text_scores();
	test_unlikely_box_holding_story();
	test_heading_anchor_ids();
	test_same_class_parts();
	test_form_wrapped_page();
	test_near_tie_more_text();
	test_articlebody_in_parts();
	test_after_the_last_paragraph();
	test_furniture_words();
	test_read_also_lines();
	test_author_and_comment_boxes();
	test_custom_element_names();
	test_caption_words();
	test_copyright_sign_credit();
	test_paywalled_text_kept();
	test_byline_dates();
	test_br_box_is_container();
	test_one_article_marks_story();
	test_near_empty_fallbacks();
	test_glued_credit_after_sentence();
	test_share_row_and_contents();
	test_story_starts_at_headline();
	return CHECK_DONE();
}
