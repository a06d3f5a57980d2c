/* test_extract_more: "More from" sections, one small page of our own writing each: the
 * seed layout (a story, then one <article> per teaser with a photo, a long caption and
 * credit, a headline link and a summary), the other shapes they come in, and teasers in a
 * list with captioned thumbnails. Each teaser keeps its own summary, photo, caption and
 * credit; none of it becomes the story's body or figures. */
#include "config.h"
#include <locale.h>
#include "extract_page.h"

/* A story, then "More from <Site>" with one <article> per teaser: photo, a long caption
 * with "(Photo by X/Agency)", a headline link and a summary. */
static void test_seed_layout(void)
{
	struct article *a = from_file("seed.html", "https://gazette.example/news/quillon-ferry");
	CHECK_STR(a->title, "Ferry service to Quillon Island resumes after winter repairs");
	CHECK_STR(a->byline, "Mara Feld");
	CHECK_STR(a->site, "The Lantern Gazette");
	HAS(a->body, "carried its first passengers of the year on Friday");
	HAS(a->body, "paid from a fund set aside after the ferry broke down");
	/* nothing of the teasers in the story's body or figures */
	HASNT(a->body, "Dunmere");
	HASNT(a->body, "Thirty trees went into the ground");
	HASNT(a->body, "More from");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures >= 1) {
		HAS(a->figures[0].caption, "leaves the harbour at Quillon");
		HASNT(a->figures[0].caption, "Photo by");
		CHECK_STR(a->figures[0].credit, "Tomas Brel/Harbour Images");
		CHECK_STR(a->figures[0].image, "https://gazette.example/img/ferry-lead.jpg");
	}
	/* four teasers, each with its own summary, photo, caption and credit */
	CHECK_INT(a->nmore, 4);
	static const char *const url[] = {"dunmere-lighthouse-volunteers", "carrow-school-orchard",
		"fennick-market-returns", "quillon-choir-concert"};
	static const char *const summary[] = {"A group of forty islanders",
		"Thirty trees went into the ground", "Traders say the first morning",
		"The twelve singers will cross"};
	static const char *const caption[] = {"Volunteers repaint the lighthouse",
		"Pupils at the Carrow primary school", "Stallholders set out crates",
		"The Quillon Island choir rehearses"};
	static const char *const credit[] = {"Anna Kest/Coastline Agency", "Owen Lusk/Valley Press",
		"Rhea Doyle/Fennick Photo", "Liam Sorrel/Island Lens"};
	for (size_t i = 0; i < 4 && i < a->nmore; i++) {
		const struct more_link *m = &a->more[i];
		HAS(m->url, url[i]);
		HAS(m->summary, summary[i]);
		HAS(m->caption, caption[i]);
		HASNT(m->caption, "Photo by");
		CHECK_STR(m->credit, credit[i]);
		CHECK(m->image != NULL);
		CHECK_STR(m->section, "More from The Lantern Gazette");
	}
	if (a->nmore >= 1)
		CHECK_STR(a->more[0].title,
			  "Volunteers give the Dunmere lighthouse its first coat of paint in twenty years");
	article_free(a);
}

/* More-from sections by their shape and heading, in other languages too: cards of a
 * headline and a "Mehr lesen" link; a list under "Auch interessant:" inside a post whose
 * <article> carries tag classes; a heading over teasers a script fills in later. Prose
 * with a link or two under "More about this recipe" stays story. */
static void test_more_from_shapes(void)
{
	struct article *a = from_text("<html><body><main><article>"
		"<h1>Depot to become a market</h1>" STORY1 STORY2 STORY3 "</article>"
		"<div class=\"section-sub\"><h2>Mehr zum Thema</h2><div class=\"grid\">"
		"<div class=\"card\"><h3>Neue Sperrzeiten am Hafen von Quillon</h3><p>Ab dem ersten "
		"M\xc3\xa4rz gelten am Hafen neue Zeiten f\xc3\xbcr das Be- und Entladen.</p>"
		"<a href=\"/news/sperrzeiten\">Mehr lesen...</a></div>"
		"<div class=\"card\"><h3>Markthalle bekommt ein neues Dach</h3><p>Die alte "
		"Markthalle in Bramwick wird im Sommer f\xc3\xbcr drei Wochen geschlossen.</p>"
		"<a href=\"/news/dach\">Mehr lesen...</a></div>"
		"<div class=\"card\"><h3>Stadtrat w\xc3\xa4hlt neue Vorsitzende</h3><p>Die Wahl "
		"fiel knapp aus, die neue Vorsitzende tritt ihr Amt im April an.</p>"
		"<a href=\"/news/wahl\">Mehr lesen...</a></div></div></div></main></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HASNT(a->body, "Mehr zum Thema");
	HASNT(a->body, "Mehr lesen");
	HASNT(a->body, "Markthalle");
	CHECK_INT(a->nmore, 3);
	if (a->nmore >= 3) {
		CHECK_STR(a->more[0].title, "Neue Sperrzeiten am Hafen von Quillon");
		HAS(a->more[0].url, "/news/sperrzeiten");
		HAS(a->more[1].summary, "wird im Sommer");
	}
	article_free(a);

	a = from_text("<html><body><article class=\"post tag-markets tag-trams\">"
		"<h1>Depot to become a market</h1><div class=\"entry\">" STORY1 STORY2 STORY3
		"<p><strong>Auch interessant:</strong></p><ul>"
		"<li><a href=\"/a\">Warum die Stra\xc3\x9f" "enbahn nach Bramwick zur\xc3\xbc" "ckkehrt</a></li>"
		"<li><a href=\"/b\">Zehn M\xc3\xa4rkte, die einen Umweg lohnen</a></li>"
		"<li><a href=\"/c\">Wie das alte Depot gebaut wurde</a></li></ul>"
		"</div></article></body></html>");
	HAS(a->body, "the empty land behind the station");
	HASNT(a->body, "Auch interessant");
	HASNT(a->body, "Umweg");
	CHECK_INT(a->nmore, 3);
	article_free(a);

	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1 STORY2
		STORY3 "<div class=\"c-headline\"><h2>Das k\xc3\xb6nnte dich auch interessieren</h2>"
		"</div><div class=\"row\"><a href=\"javascript:;\" class=\"tile\"><h4></h4></a>"
		"<a href=\"javascript:;\" class=\"tile\"><h4></h4></a></div></article></body></html>");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HASNT(a->body, "interessieren");
	article_free(a);

	a = from_text("<html><body><article><h1>Pear and ginger cake</h1>" STORY1 STORY2
		"<div class=\"tips\"><div class=\"tips-heading\"><h2>More About This Recipe</h2>"
		"</div><div class=\"tips-items\"><ul><li>Nobody at the Bramwick bakery remembers "
		"who first put ginger with pears, but the cake has been sold at the market since "
		"the depot opened. See our <a href=\"/cakes\">collection of market cakes</a> or "
		"the <a href=\"/guide\">guide to baking with fruit</a> for more.</li></ul></div></div>"
		"</article></body></html>");
	HAS(a->body, "who first put ginger with pears");
	CHECK_INT(a->nmore, 0);
	article_free(a);
}

/* "Related" over a list whose items each hold a thumbnail with its caption and credit, a
 * headline link and a summary: a more-from section (the caption before the headline is
 * the photo's, not the start of a sentence around the link), each teaser with its own
 * photo, caption and credit, none of it the story's. */
static void test_more_from_list_teasers(void)
{
	struct article *a = from_text(
		"<html><head><title>Night buses for the Harrowgate estates</title></head><body>"
		"<div class=\"col\"><h1>Night buses for the Harrowgate estates</h1>"
		"<div class=\"text\">" STORY1 STORY2 STORY3 "</div>"
		"<div class=\"box\"><h2>Related</h2><ul>"
		"<li><div class=\"thumb\"><img src=\"/m/park.jpg\"><span>Lorries wait at the gates of "
		"the distribution park before the night shift. (Photo: Stellan Roke/Evening Post)"
		"</span></div><a href=\"/business/park-jobs\">Distribution park to add 300 night-shift "
		"jobs</a><p>The operator says hiring will begin before the winter.</p></li>"
		"<li><div class=\"thumb\"><img src=\"/m/hosp.jpg\"><span>The staff entrance of the "
		"general hospital on a wet evening. (Photo: Ada Crane/Evening Post)</span></div>"
		"<a href=\"/health/staff-parking\">Hospital staff parking fees frozen for a year</a>"
		"<p>Unions had called the rise a tax on the night staff.</p></li>"
		"</ul></div></div></body></html>");
	HAS(a->body, "covered market");
	HASNT(a->body, "Lorries wait");
	HASNT(a->body, "night-shift jobs");
	CHECK_INT(a->nfigures, 0);
	CHECK_INT(a->nmore, 2);
	if (a->nmore == 2) {
		HAS(a->more[0].url, "/business/park-jobs");
		CHECK_STR(a->more[0].title, "Distribution park to add 300 night-shift jobs");
		CHECK_STR(a->more[0].summary, "The operator says hiring will begin before the winter.");
		CHECK_STR(a->more[0].image, "https://paper.example/m/park.jpg");
		CHECK_STR(a->more[0].caption,
			  "Lorries wait at the gates of the distribution park before the night shift.");
		CHECK_STR(a->more[0].credit, "Stellan Roke/Evening Post");
		CHECK_STR(a->more[1].credit, "Ada Crane/Evening Post");
		HAS(a->more[1].caption, "staff entrance");
		CHECK_STR(a->more[1].section, "Related");
	}
	article_free(a);
}

/* A heading after the story over a list of teasers is a more-from section whatever its
 * words say: cards of a headline link and a summary under "Elsewhere in Bramwick" leave
 * the body; the cards of a column before the story's headline are the site's front page,
 * and a footer's lists its own pages, not more-from links. */
#define CARD(slug, title, sum) "<article class=\"card\"><a href=\"/town/" slug "\"><h3>" title \
	"</h3></a><p>" sum "</p></article>"
static void test_more_from_by_shape(void)
{
	struct article *a = from_text("<html><head><title>Depot to become a market</title></head>"
		"<body><div class=\"cols\"><aside class=\"left\"><h2>Front page</h2>"
		CARD("bridge-shut", "Canal bridge shut for a fortnight of repairs", "Buses will go round by Kettle Lane.")
		CARD("choir-wins", "Bramwick choir wins the county cup again", "It is their third win in four years.")
		"</aside><div class=\"main\"><article><h1>Depot to become a market</h1>" STORY1 STORY2
		STORY3 "</article><section class=\"more\"><h2>Elsewhere in Bramwick</h2>"
		CARD("library-hours", "Library opens later on Saturdays from April", "The reading room will stay open until six.")
		CARD("station-parking", "Station car park to charge after the first hour", "Season tickets go up by a tenth.")
		CARD("allotment-list", "Allotment waiting list closes for the year", "More than ninety households are waiting.")
		"</section></div></div><footer><h4>About the paper</h4><ul><li><a href=\"/about/contact\">"
		"Write to the newsroom team</a></li><li><a href=\"/about/terms\">Terms and conditions of "
		"use</a></li></ul></footer></body></html>");
	HAS(a->body, "covered market");
	HAS(a->body, "behind the station for that purpose");
	HASNT(a->body, "Elsewhere in Bramwick");
	HASNT(a->body, "reading room");
	HASNT(a->body, "Kettle Lane");
	CHECK_INT(a->nmore, 3);
	if (a->nmore == 3) {
		CHECK_STR(a->more[0].title, "Library opens later on Saturdays from April");
		CHECK_STR(a->more[0].url, "https://paper.example/town/library-hours");
		CHECK_STR(a->more[0].summary, "The reading room will stay open until six.");
		CHECK_STR(a->more[2].section, "Elsewhere in Bramwick");
	}
	article_free(a);

	/* tiles of <div>s: the photo a box's background, the summary a <div> */
	a = from_text("<html><body><main><h1>Depot to become a market</h1>" STORY1 STORY2 STORY3
		"</main><div class=\"strip\"><h2>Around the canal</h2><div class=\"tiles\">"
		"<div class=\"tile\"><a href=\"/canal/lock-gates\"><div class=\"pic\" style=\"background-image:"
		" url('/pics/lock.jpg')\"></div><h3>New lock gates arrive by barge from Wexley</h3>"
		"<div class=\"blurb-text\">The gates were built in the old boatyard upstream.</div></a></div>"
		"<div class=\"tile\"><a href=\"/canal/towpath\"><div class=\"pic\" style=\"background-image:"
		" url(/pics/towpath.jpg)\"></div><h3>Towpath reopens to cyclists after resurfacing</h3>"
		"<div class=\"blurb-text\">Riders are asked to ring their bells at the bridges.</div></a></div>"
		"</div></div></body></html>");
	CHECK_INT(a->nmore, 2);
	if (a->nmore == 2) {
		CHECK_STR(a->more[0].image, "https://paper.example/pics/lock.jpg");
		CHECK_STR(a->more[0].summary, "The gates were built in the old boatyard upstream.");
		CHECK_STR(a->more[1].image, "https://paper.example/pics/towpath.jpg");
	}
	HASNT(a->body, "boatyard");
	article_free(a);

	/* the story's own list of places, each a link to another site, stays story */
	a = from_text("<html><body><article><h1>Three walks from Bramwick</h1>" STORY1
		"<h2>The walks</h2><div class=\"w\"><h3><a href=\"https://hills.example/ridge\">The "
		"ridge path to Carrow Beacon</a></h3><p>Two hours up and over the beacon, with a view "
		"of the whole valley from the top.</p></div><div class=\"w\"><h3><a href=\"https://"
		"trails.example/canal\">The canal path to Wexley locks</a></h3><p>Flat all the way, "
		"with a tea room at the far end.</p></div>" STORY2 "</article></body></html>");
	HAS(a->body, "view of the whole valley");
	HAS(a->body, "reduced rent");
	CHECK_INT(a->nmore, 0);
	article_free(a);
}

/* What the shape alone does not make a more-from section: a label ending in ':' over
 * the story's own list of shop links (a recipe's ingredients), a list of the site's
 * most read in another language, teasers' headlines inside their links, and product
 * links with a table of facts between them. */
static void test_more_from_shape_guards(void)
{
	struct article *a = from_text("<html><body><article><h1>Pear and ginger cake</h1>" STORY1
		"<h3>Teig:</h3><ul><li>1 Pck. <a href=\"/shop/yeast-dried\">Brightwell dried baking "
		"yeast</a></li><li>2 TL <a href=\"/shop/vanilla-sugar\">Brightwell vanilla sugar "
		"sachets</a></li></ul>" STORY2 STORY3 "</article>"
		"<div class=\"box\"><span class=\"headline\">Meist gelesen</span>"
		"<a href=\"/n/1\"><span class=\"headline\">Ferry timetable changes from Monday</span></a>"
		"<a href=\"/n/2\"><span class=\"headline\">Harbour wall repairs finished early</span></a>"
		"<a href=\"/n/3\"><span class=\"headline\">New bus shelters for the old town</span></a>"
		"</div></body></html>");
	HAS(a->body, "Teig:");
	HAS(a->body, "Brightwell dried baking yeast");
	CHECK_INT(a->nmore, 0);
	article_free(a);

	a = from_text("<html><body><main><h1>Depot roast, 250 g tin</h1>" STORY1 STORY2
		"<div class=\"facts\"><h3>Mainly from the southern hills</h3><ul>"
		"<li><a href=\"/shop/harbour-blend\">Harbour blend, 250 g packet</a></li>"
		"<li>Aroma</li><li>Dried fruit and flowers</li><li>Roast</li><li>Medium dark</li>"
		"<li>Packed for</li><li>Bramwick Roasting Company, Mill Lane</li>"
		"<li><a href=\"/shop/decaf-tin\">Decaffeinated roast, 250 g tin</a></li>"
		"</ul></div></main></body></html>");
	HAS(a->body, "Dried fruit and flowers");
	CHECK_INT(a->nmore, 0);
	article_free(a);
}

/* A teaser whose photo has no box: the image's alt text is its caption, a "Foto:" line
 * in the card its credit; a caption box's words are not the teaser's summary. */
static void test_teaser_alt_and_credit_line(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		STORY1 STORY2 STORY3 "<aside><h2>Lees ook</h2><ul>"
		"<li><a href=\"/n/sluis\"><img src=\"/b/sluis.jpg\" alt=\"Boats wait at the lock in the "
		"morning mist\"><span>Lock keepers ask for a second shift</span></a><p>Queues at the lock "
		"reach an hour on summer weekends.</p><span class=\"ph\">Foto: Wendel Aarts</span></li>"
		"<li><div class=\"pic\"><img src=\"/b/dijk.jpg\"><p class=\"pie\">Sheep on the dyke "
		"above the old harbour.</p></div><a href=\"/n/dijk\">Dyke repairs begin before the storms"
		"</a><p>The work will close the footpath until March.</p></li></ul></aside>"
		"</article></body></html>");
	CHECK_INT(a->nmore, 2);
	if (a->nmore == 2) {
		CHECK_STR(a->more[0].caption, "Boats wait at the lock in the morning mist");
		CHECK_STR(a->more[0].credit, "Wendel Aarts");
		CHECK_STR(a->more[0].summary, "Queues at the lock reach an hour on summer weekends.");
		CHECK_STR(a->more[1].summary, "The work will close the footpath until March.");
		CHECK_STR(a->more[1].caption, "Sheep on the dyke above the old harbour.");
	}
	article_free(a);
}

/* Lists after the story that are no more-from section, whatever their shape: a blog's
 * latest comments (each item "Name on <a>post#comment-N</a>": a place inside a page,
 * not a story), a most-read list whose heading does not start with the popularity
 * words, lists of job ads and sponsors' stories (paid for), a paywall's box whose only links carry this page's address (log in,
 * subscribe), files to download (a PDF), and a heading over an empty comment box: the
 * teasers below have their own heading, which names them. */
static struct article *at_url(const char *html, const char *url)
{
	char err[CRIER_ERRSZ] = "";
	struct article *a = extract_article(html, strlen(html), url, NULL, err, sizeof err);
	if (!a) {
		fprintf(stderr, "page: %s\n", err);
		exit(1);
	}
	return a;
}
#define LI(slug, title) "<li><a href=\"/town/" slug "\">" title "</a></li>"
static void test_more_from_not_stories(void)
{
	const char *url = "https://paper.example/town/depot-to-become-a-market";
	struct article *a = at_url("<html><body><main><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</main><aside><h3>Latest comments</h3><ul>"
		"<li><span class=\"who\">Orla Brent</span> on <a href=\"/town/ridge-path/#comment-31\">"
		"The ridge path to Carrow Beacon reopens</a></li>"
		"<li><span class=\"who\">Tam Quill</span> on <a href=\"/town/lock-gates/#comment-12\">"
		"New lock gates arrive by barge from Wexley</a></li>"
		"<li><span class=\"who\">Ines Marr</span> on <a href=\"/town/choir-cup/#comment-7\">"
		"Bramwick choir wins the county cup again</a></li></ul></aside></body></html>", url);
	CHECK_INT(a->nmore, 0);
	article_free(a);

	a = at_url("<html><body><main><h1>Depot to become a market</h1>" STORY1 STORY2 STORY3
		"</main><div class=\"side\"><h2>This week's most read</h2><ul>"
		LI("bridge-shut", "Canal bridge shut for a fortnight of repairs")
		LI("choir-wins", "Bramwick choir wins the county cup again")
		LI("library-hours", "Library opens later on Saturdays from April")
		"</ul></div><div class=\"side\"><h2>Nos articles les plus lus</h2><ul>"
		LI("gare", "La gare de Bramwick ferme pour deux semaines")
		LI("marche", "Le march\xc3\xa9 couvert rouvre ses portes samedi")
		"</ul></div><div class=\"side\"><h2>Aus dem Stellenanzeigen-Markt</h2><ul>"
		LI("jobs/baker", "Baker wanted for the market hall from May")
		LI("jobs/driver", "Driver wanted for the Bramwick night buses")
		"</ul></div><section><h3>Sponsored stories</h3><ul>"
		LI("partner/boots", "Walking boots that last for every valley path")
		LI("partner/tents", "Five tents for a weekend on the Carrow ridge")
		"</ul></section></body></html>", url);
	CHECK_INT(a->nmore, 0);
	article_free(a);

	a = at_url("<html><body><main><h1>Depot to become a market</h1>" STORY1 STORY2
		"</main><div class=\"wall\"><div class=\"wall-title\">Want to keep reading?</div>"
		"<div class=\"offers\"><div><h2>Yes, I already subscribe.</h2><a href=\"/account/login?"
		"next=/town/depot-to-become-a-market\">Log in</a></div><div><h2>Yes, I need a "
		"subscription.</h2><a href=\"/subscribe/offers?next=/town/depot-to-become-a-market\">"
		"See the offers</a></div></div></div></body></html>", url);
	CHECK_INT(a->nmore, 0);
	HAS(a->body, "reduced rent");
	article_free(a);

	a = at_url("<html><body><main><h1>Depot to become a market</h1>" STORY1 STORY2 STORY3
		"</main><div class=\"after\"><div class=\"block\"><h2>Comments on this story</h2>"
		"<div class=\"comments\"><button>Log in to comment</button></div></div>"
		"<div class=\"block\"><h2>This story over time</h2><ul>"
		LI("depot-closes", "Tram depot closes after ninety years of service")
		LI("depot-vote-set", "Council sets a date for the vote on the old depot")
		LI("depot-housing", "Residents ask for homes on the depot site instead")
		"</ul></div></div><div class=\"files\"><h3>Documents</h3><ul>"
		"<li><a href=\"/files/depot-plan-2026.pdf\">The council's plan for the depot site</a></li>"
		"<li><a href=\"/files/depot-photos.zip\">Photographs of the depot before the works</a></li>"
		"</ul></div></body></html>", url);
	CHECK_INT(a->nmore, 3);
	if (a->nmore == 3) {
		CHECK_STR(a->more[0].section, "This story over time");
		CHECK_STR(a->more[2].url, "https://paper.example/town/depot-housing");
	}
	article_free(a);
}

/* Under a heading that says "Related" or "Top ...": links to a site's listings (a
 * category or tag archive, a calendar's events, job adverts) and ranked lists (the top
 * five, the most commented) are no more stories; a list of stories beside them still is. */
static void test_more_from_listings(void)
{
	const char *url = "https://paper.example/town/depot-to-become-a-market";
	struct article *a = at_url("<html><body><main><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</main><div class=\"side\"><h2>Related</h2><ul>"
		LI("category/council-and-planning", "Council and planning in Bramwick")
		LI("tag/bramwick-tram-depot/", "Bramwick tram depot and its history")
		"</ul></div><div class=\"side\"><h2>Related events</h2><ul>"
		LI("events/market-open-day", "Open day at the covered market, 10am to 4pm")
		LI("veranstaltungen/depot-fuehrung", "F\xc3\xbchrung durch das alte Depot am Samstag")
		"</ul></div><div class=\"side\"><h2>Related jobs</h2><ul>"
		LI("jobs/4411-market-manager", "Market manager for the Bramwick covered market")
		LI("jobs/4412-night-porter", "Night porter for the depot market, part time")
		"</ul></div><div class=\"side\"><h2>Top 5 Town</h2><ul>"
		LI("bridge-shut", "Canal bridge shut for a fortnight of repairs")
		LI("choir-wins", "Bramwick choir wins the county cup again")
		"</ul></div><div class=\"side\"><h2>Top kommentierte Artikel</h2><ul>"
		LI("library-hours", "Library opens later on Saturdays from April (12)")
		LI("bus-fares", "Bus fares go up by ten pence in the spring (31)")
		"</ul></div><div class=\"side\"><h2>Read more</h2><ul>"
		LI("depot-closes", "Tram depot closes after ninety years of service")
		LI("2026/03/events-of-the-week", "The events of the week in Bramwick, day by day")
		"</ul></div></body></html>", url);
	CHECK_INT(a->nmore, 2);
	if (a->nmore == 2) {
		CHECK_STR(a->more[0].section, "Read more");
		CHECK_STR(a->more[0].url, "https://paper.example/town/depot-closes");
		CHECK_STR(a->more[1].url, "https://paper.example/town/2026/03/events-of-the-week");
	}
	article_free(a);
}

/* A heading that says "Related" over links that are its siblings: the links up to the
 * next heading are its section, not those under the heading after it. */
static void test_more_from_siblings_stop(void)
{
	struct article *a = from_text("<html><body><main><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "<h3>Related</h3><a href=\"/town/depot-closes\">Tram depot closes "
		"after ninety years of service</a> <a href=\"/town/depot-vote-set\">Council sets a "
		"date for the vote on the old depot</a><h3>From our partners</h3>"
		"<a href=\"https://boots.example/walking\">Walking boots for every path in the "
		"valley</a></main></body></html>");
	CHECK_INT(a->nmore, 2);
	for (size_t i = 0; i < a->nmore; i++)
		HASNT(a->more[i].url, "boots.example");
	article_free(a);
}

/* A site whose name holds a popularity word: "More from Popular Boating Weekly" is the
 * site's more-from list, not a most-read list (review of fedc0fe: every link was lost),
 * as a list of links and as teaser cards; so is a list named after a newspaper called
 * "Anzeiger" (review of 05c2712); "Most popular" alone still is no more-from. */
static void test_more_from_popular_name(void)
{
	struct article *a = from_text("<html><body><main><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</main><div class=\"side\"><h2>More from Popular Boating Weekly</h2><ul>"
		LI("lock-gates", "New lock gates arrive by barge from Wexley")
		LI("canal-bridge", "Canal bridge shut for a fortnight of repairs")
		LI("ferry-returns", "The ferry to Tollhaven returns after two winters")
		"</ul></div></body></html>");
	CHECK_INT(a->nmore, 3);
	if (a->nmore == 3)
		CHECK_STR(a->more[2].title, "The ferry to Tollhaven returns after two winters");
	article_free(a);

	a = from_text("<html><body><main><article><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</article><section><h2>More from Popular Boating Weekly</h2>"
		"<article><h3><a href=\"/town/lock-gates\">New lock gates arrive by barge from "
		"Wexley</a></h3><p>The gates were built at the yard in Carrow Sound over the winter.</p>"
		"</article><article><h3><a href=\"/town/canal-bridge\">Canal bridge shut for a "
		"fortnight of repairs</a></h3><p>Walkers are sent round by the mill and the weir.</p>"
		"</article></section></main></body></html>");
	CHECK_INT(a->nmore, 2);
	article_free(a);

	/* a newspaper called "Anzeiger" (one who announces) is no ad ("Anzeige") */
	a = from_text("<html><body><main><article><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</article><section><h2>Neues aus dem Bramwicker Anzeiger</h2><ul>"
		LI("lock-gates", "New lock gates arrive by barge from Wexley")
		LI("canal-bridge", "Canal bridge shut for a fortnight of repairs")
		LI("ferry-returns", "The ferry to Tollhaven returns after two winters")
		"</ul></section></main></body></html>");
	CHECK_INT(a->nmore, 3);
	article_free(a);

	a = from_text("<html><body><main><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</main><div class=\"side\"><h2>Most popular</h2><ul>"
		LI("lock-gates", "New lock gates arrive by barge from Wexley")
		LI("canal-bridge", "Canal bridge shut for a fortnight of repairs")
		"</ul></div></body></html>");
	CHECK_INT(a->nmore, 0);
	article_free(a);
}

/* Teasers whose links carry the other page's landmark ("/town/lock-gates#story") are
 * stories: only an anchor made for one item ("#comment-31") points inside a page (review
 * of fedc0fe: such a list gave no link). */
static void test_more_from_anchor_links(void)
{
	struct article *a = from_text("<html><body><main><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</main><div class=\"side\"><h2>Related</h2><ul>"
		"<li><a href=\"/town/lock-gates#story\">New lock gates arrive by barge from Wexley</a></li>"
		"<li><a href=\"/town/canal-bridge#main\">Canal bridge shut for a fortnight of repairs</a></li>"
		"</ul></div></body></html>");
	CHECK_INT(a->nmore, 2);
	if (a->nmore == 2)
		CHECK_STR(a->more[0].url, "https://paper.example/town/lock-gates#story");
	article_free(a);
}

/* A list found by its shape keeps its links when a newsletter box's heading follows the
 * teasers in the same section (or among the same siblings): a heading after the teasers
 * names no list of them (review of fedc0fe: such a list gave no link). */
static void test_more_from_heading_below(void)
{
#define HCARD(slug, title) "<div class=\"card\"><h3><a href=\"/town/" slug "\">" title "</a></h3>" \
	"<p>A line about it for the reader.</p></div>"
#define HCARDS HCARD("lock-gates", "New lock gates arrive by barge from Wexley") \
	HCARD("canal-bridge", "Canal bridge shut for a fortnight of repairs") \
	HCARD("ferry-returns", "The ferry to Tollhaven returns after two winters")
	static const char *const page[] = {
		"<html><body><main><article><h1>Depot to become a market</h1>" STORY1 STORY2 STORY3
		"</article><section><h2>Around the harbour</h2><div class=\"cards\">" HCARDS "</div>"
		"<h3>Get the Post by email</h3><form><input type=\"email\"><button>Sign up</button>"
		"</form></section></main></body></html>",
		"<html><body><main><article><h1>Depot to become a market</h1>" STORY1 STORY2 STORY3
		"</article><h2>Around the harbour</h2><div class=\"cards\">" HCARDS "</div>"
		"<h3>Get the Post by email</h3><form><input type=\"email\"><button>Sign up</button>"
		"</form></main></body></html>",
	};
#undef HCARDS
#undef HCARD
	for (int i = 0; i < 2; i++) {
		struct article *a = from_text(page[i]);
		CHECK_INT(a->nmore, 3);
		if (a->nmore == 3)
			CHECK_STR(a->more[0].section, "Around the harbour");
		article_free(a);
	}
}

/* Teasers whose links name this page as where the reader came from
 * ("/town/lock-gates?from=depot-to-become-a-market") are other stories; a link with this
 * page as its address in the query (log in, "next=%2Ftown%2F...") is not (review of
 * fedc0fe: the tracked teasers gave no link). */
static void test_more_from_tracked_links(void)
{
	const char *url = "https://paper.example/town/depot-to-become-a-market";
	struct article *a = at_url("<html><body><main><h1>Depot to become a market</h1>" STORY1
		STORY2 STORY3 "</main><div class=\"side\"><h2>Related</h2><ul>"
		"<li><a href=\"/town/lock-gates?from=depot-to-become-a-market\">New lock gates arrive "
		"by barge from Wexley</a></li><li><a href=\"/town/lighthouse?from=depot-to-become-a-"
		"market\">The lighthouse cottage opens as a museum in June</a></li>"
		"<li><a href=\"/account/login?next=%2Ftown%2Fdepot-to-become-a-market\">Log in to "
		"save this story for later reading</a></li></ul></div></body></html>", url);
	CHECK_INT(a->nmore, 2);
	for (size_t i = 0; i < a->nmore; i++)
		HASNT(a->more[i].url, "login");
	article_free(a);
}

/* A page with no heading elements after its headline: a bold line opening a box of
 * links ("<b>Elsewhere in the valley</b><br><a>..."), is that box's heading; a bold
 * label inside a paragraph of the story is the sentence's, and the paragraph stays. */
static void test_more_from_bold_label(void)
{
	struct article *a = from_text("<html><body><div id=\"mid\"><h1>Depot to become a market"
		"</h1><div class=\"txt\">" STORY1 STORY2 "<p><b>Background:</b> <a href=\"/town/"
		"depot-closes\">the depot's last day</a> and <a href=\"/town/depot-vote-set\">the "
		"date of the vote</a>, both from last spring.</p>" STORY3 "</div>"
		"<div class=\"other\"><b>Elsewhere in the valley</b><br>"
		"<a href=\"/town/fete-moves\">Summer fete moves to the cricket field this year</a><br>"
		"<a href=\"/town/bus-returns\">Saturday bus to Norbridge comes back in June</a><br>"
		"<a href=\"/town/pond-weed\">Volunteers clear the village pond of weed</a></div>"
		"</div></body></html>");
	HAS(a->body, "Background: the depot's last day and the date of the vote");
	HAS(a->body, "behind the station for that purpose");
	HASNT(a->body, "Summer fete");
	CHECK_INT(a->nmore, 3);
	if (a->nmore == 3) {
		CHECK_STR(a->more[0].section, "Elsewhere in the valley");
		CHECK_STR(a->more[2].url, "https://paper.example/town/pond-weed");
	}
	article_free(a);
}

/* Teasers whose photo and caption (no caption class; the credit in brackets) come before
 * the headline, under a heading in any language, are a more-from list by their shape;
 * each keeps its caption and credit. */
static void test_shape_caption_first(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		STORY1 STORY2 STORY3 "<aside><h2>M\xc3\xa1s de Bramwick</h2><ul>"
		"<li><img src=\"/p/regatta.jpg\"><span class=\"pie\">Sail boats cross the bay in the "
		"yearly regatta of the sailing club. (Foto: Ana Ruiz / Agencia Sur)</span><h3><a href="
		"\"/town/regatta\">Forty boats race across the bay</a></h3><p>A south wind cut the second "
		"race short.</p></li>"
		"<li><img src=\"/p/school.jpg\"><span class=\"pie\">Pupils of the harbour school on their "
		"first day back in the mended building. (Foto: Ida Penrose)</span><h3><a href=\"/town/"
		"school-back\">Harbour school back in its own building</a></h3><p>Lessons were held in the "
		"church hall for a year.</p></li>"
		"<li><img src=\"/p/pier.jpg\"><span class=\"pie\">Workers mend the piles of the old pier "
		"after the February storm. (Foto: Ana Ruiz / Agencia Sur)</span><h3><a href=\"/town/pier"
		"\">The old pier is mended</a></h3><p>The work ends before winter.</p></li>"
		"</ul></aside></article></body></html>");
	CHECK_INT(a->nmore, 3);
	if (a->nmore == 3) {
		CHECK_STR(a->more[0].title, "Forty boats race across the bay");
		CHECK_STR(a->more[0].caption, "Sail boats cross the bay in the yearly regatta of the sailing club.");
		CHECK_STR(a->more[0].credit, "Ana Ruiz / Agencia Sur");
		CHECK_STR(a->more[1].credit, "Ida Penrose");
		CHECK_STR(a->more[2].summary, "The work ends before winter.");
	}
	HASNT(a->body, "Sail boats");
	HASNT(a->body, "south wind");
	CHECK_INT(a->nfigures, 0);
	article_free(a);

	/* a teaser's byline line above its summary is not its summary */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1 STORY2
		STORY3 "</article><div class=\"more\"><h2>More from the Bramwick Post</h2>"
		"<article><h4><a href=\"/town/fete\">Drizzle fails to dampen the summer fete</a></h4>"
		"<p>By Morag Treliving \xc2\xb7 5 July 2025</p><p>Organisers said it was the best "
		"attended fete for ten years.</p></article>"
		"<article><h4><a href=\"/town/gale\">Gale keeps the fishing fleet in harbour</a></h4>"
		"<p>von Dr. Linnet Ashby</p><p>Skippers lost a day's fishing but nobody took a "
		"risk.</p></article></div></body></html>");
	CHECK_INT(a->nmore, 2);
	if (a->nmore == 2) {
		CHECK_STR(a->more[0].summary, "Organisers said it was the best attended fete for ten years.");
		CHECK_STR(a->more[1].summary, "Skippers lost a day's fishing but nobody took a risk.");
	}
	article_free(a);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_seed_layout();
	test_more_from_shapes();
	test_more_from_list_teasers();
	test_more_from_by_shape();
	test_more_from_shape_guards();
	test_teaser_alt_and_credit_line();
	test_more_from_not_stories();
	test_more_from_listings();
	test_more_from_siblings_stop();
	test_more_from_popular_name();
	test_more_from_anchor_links();
	test_more_from_heading_below();
	test_more_from_tracked_links();
	test_more_from_bold_label();
	test_shape_caption_first();
	return CHECK_DONE();
}
