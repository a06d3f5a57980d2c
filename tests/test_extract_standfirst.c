/* test_extract_standfirst: the standfirst (dek, lead, intro) a page sets between its
 * headline and the story, read as a field of its own: found by its markup, its place and
 * the page's description; never a byline, a date, a caption or a line asking something of
 * the reader; never a repeat of the body's first paragraph. Pages of our own writing. */
#include "config.h"
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crier/extract.h"
#include "crier/util.h"
#include "extract_page.h"

#define DEK "The harbour board will let the old ferry Maud sail again in June, after a " \
	"winter of repairs paid for by the people of Tarrow."
#define H1 "<h1>Old ferry Maud to sail again from Tarrow</h1>"

#define MORE "<p>The ferry, built at Kell in 1931, carried passengers across the estuary " \
	"until a crack was found in her hull two winters ago, and the board said then that " \
	"she would never sail again.</p><p>A group of volunteers raised the money for the " \
	"repairs with a summer fair, a sponsored swim across the harbour and a great many " \
	"cakes, and the boatyard agreed to do the work at cost.</p><p>The first crossing is " \
	"planned for the second Saturday in June, and the board says tickets will cost the " \
	"same as they did before the Maud was laid up, with children free.</p>"

/* A news page's shape: the headline and what goes with it in a box of their own at the
 * top, the story in the column below beside a list of links. meta: in <head>; top: the
 * header box's content; first: the story's first paragraph. */
#define PAGE(meta, top, first) "<html><head><title>Maud sails again</title>" meta \
	"</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>" \
	"<div class=\"page\"><div class=\"top\"><div class=\"story-header\">" top \
	"</div></div><div class=\"layout\"><div class=\"main\"><div class=\"story-body\">" \
	first MORE "</div><div class=\"rail\"><h3>Most read</h3><ul><li><a href=\"/a\">Swans " \
	"return to the mill pond at Kell</a></li><li><a href=\"/b\">Bus timetable changes " \
	"in May</a></li></ul></div></div></div></div></body></html>"
#define FIRST STORY1 STORY2 STORY3

/* A block whose class names it the standfirst, above the story's own container: a field
 * of its own, and the body stays the story. */
static void test_marked(void)
{
	struct article *a = from_text(PAGE("", H1 "<p class=\"article__dek\">" DEK "</p>"
		"<p class=\"byline\">By Ida Penrose</p>", FIRST));
	CHECK_STR(a->standfirst, DEK);
	HASNT(a->body, "The harbour board will let");
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	HAS(a->body, "with children free");
	/* --extract gives it under its own name */
	struct sbuf j = SBUF_INIT;
	article_json(&j, a);
	HAS(j.s, "\"standfirst\":\"The harbour board will let the old ferry Maud");
	sbuf_free(&j);
	article_free(a);

	/* a word of another language, on a wrapper that holds only it; itemprop */
	a = from_text(PAGE("", H1 "<div class=\"vorspann\"><p>" DEK "</p></div>", FIRST));
	CHECK_STR(a->standfirst, DEK);
	article_free(a);
	a = from_text(PAGE("", H1 "<h2 itemprop=\"description\">" DEK "</h2>", FIRST));
	CHECK_STR(a->standfirst, DEK);
	article_free(a);
	/* "lead" as a whole word of the class, or ending a compound; not inside another */
	a = from_text(PAGE("", H1 "<div class=\"articleLead\">Ferry back in June, thanks "
		"to Tarrow</div>", FIRST));
	CHECK_STR(a->standfirst, "Ferry back in June, thanks to Tarrow");
	article_free(a);
	a = from_text(PAGE("", H1 "<div class=\"leaderboard\">Ferry back in June, thanks "
		"to Tarrow</div>", FIRST));
	CHECK(a->standfirst == NULL);
	article_free(a);
}

/* Without a class: the page's description says the same, or it is the one sentence right
 * under a story's headline. */
static void test_by_description_and_place(void)
{
	struct article *a = from_text(PAGE("<meta property=\"og:description\" content=\""
		"The harbour board will let the old ferry Maud sail again in June, after a "
		"winter of repairs...\">", H1 "<div>" DEK "</div>", FIRST));
	CHECK_STR(a->standfirst, DEK);
	HASNT(a->body, "The harbour board will let");
	article_free(a);

	a = from_text(PAGE("", H1 "<p>" DEK "</p>", FIRST));
	CHECK_STR(a->standfirst, DEK);
	article_free(a);

	/* under a name or a label ("About us") the next line is a slogan */
	a = from_text(PAGE("", "<h1>About us</h1><p>" DEK "</p>", FIRST));
	CHECK(a->standfirst == NULL);
	article_free(a);
}

/* The body's own first paragraph under the headline stays in the body, once. */
static void test_first_paragraph_not_repeated(void)
{
	struct article *a = from_text(PAGE("<meta property=\"og:description\" content=\"" DEK
		"\">", H1 "<p class=\"lead\">" DEK "</p>", "<p>" DEK "</p>" FIRST));
	HAS(a->body, "The harbour board will let the old ferry Maud");
	CHECK(a->standfirst == NULL);
	struct sbuf j = SBUF_INIT;
	article_json(&j, a);
	HAS(j.s, "\"standfirst\":\"\"");
	sbuf_free(&j);
	article_free(a);

	/* the same text spaced and quoted differently is the same text */
	a = from_text(PAGE("", H1 "<p class=\"dek\">The harbour board&nbsp;will let the old "
		"ferry \"Maud\" sail again in June, after a winter of repairs paid for by the "
		"people of Tarrow.</p>", "<p>The harbour board will let the old ferry "
		"&#8220;Maud&#8221; sail again in June, after a winter of repairs paid for by the "
		"people of Tarrow.</p>" FIRST));
	CHECK(a->standfirst == NULL);
	HAS(a->body, "The harbour board will let the old ferry");
	article_free(a);
}

/* Nothing between the headline and the story, or only a byline, a date, a caption with
 * its credit, a line asking for money: no standfirst. */
static void test_none(void)
{
	struct article *a = from_text(PAGE("", H1, FIRST));
	CHECK(a->standfirst == NULL);
	article_free(a);

	a = from_text(PAGE("", H1 "<div class=\"meta\"><p class=\"author\">By Ida Penrose, "
		"harbour correspondent of the Tarrow Gazette, who has covered the ferry for "
		"twenty years.</p><p class=\"date\">Published on Tuesday the third of March, in "
		"the morning, and last updated in the evening.</p></div>"
		"<p>By Ida Penrose and Tom Arkwright, with reporting from the quay at Tarrow and "
		"the boatyard at Kell.</p>"
		"<p><time datetime=\"2024-03-03\">3 March 2024</time>, updated at noon after the "
		"harbour board met in the town hall.</p>", FIRST));
	CHECK(a->standfirst == NULL);
	HAS(a->body, "The council of Bramwick voted on Tuesday");
	article_free(a);

	a = from_text(PAGE("", H1 "<p>The Maud in the boatyard at Kell, where she spent the "
		"winter on blocks and in the rain. Photo: Tom Arkwright</p>", FIRST));
	CHECK(a->standfirst == NULL);
	article_free(a);

	a = from_text(PAGE("", H1 "<div class=\"donation-cta\"><p>Local news needs you, so "
		"give what you can today and keep the Gazette on the quay.</p></div>", FIRST));
	CHECK(a->standfirst == NULL);
	article_free(a);

	/* a quote with its source line under the headline is a quote */
	a = from_text(PAGE("", H1 "<p>\"We will have her back on the water before the summer, "
		"whatever the weather does to us.\"</p><p>Source: Tarrow harbour board</p>",
		FIRST));
	CHECK(a->standfirst == NULL);
	article_free(a);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_marked();
	test_by_description_and_place();
	test_first_paragraph_not_repeated();
	test_none();
	return CHECK_DONE();
}
