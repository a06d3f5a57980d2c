/* test_extract_text: the extractor's text rules that need no page: a caption split from
 * its credit, notices and repeated words collapsed, the JSON-LD reader's limits and the
 * page charsets decoded to UTF-8. */
#include "config.h"
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crier/date.h"
#include "crier/extract.h"
#include "crier/util.h"
#include "extract_int.h"

#define HAS(hay, needle) CHECK((hay) && strstr((hay), (needle)) != NULL)
#define HASNT(hay, needle) CHECK(!(hay) || strstr((hay), (needle)) == NULL)

static void split(const char *in, const char *want_cap, const char *want_credit)
{
	char *cap = xstrdup(in), *credit = NULL;
	credit_split(&cap, &credit);
	CHECK_STR(cap, want_cap);
	CHECK_STR(credit, want_credit);
	free(cap);
	free(credit);
}

static void test_credits(void)
{
	split("Crowds gather outside the court in Velmora on Tuesday. REUTERS/Jana Dovik",
	      "Crowds gather outside the court in Velmora on Tuesday.", "REUTERS/Jana Dovik");
	split("A tram passes the old station at Kessel Square. AP Photo/Ola Brannigan",
	      "A tram passes the old station at Kessel Square.", "AP Photo/Ola Brannigan");
	split("Firefighters at the grain store in Pellow (Photo by Ravi Tendle/Westcoast Agency)",
	      "Firefighters at the grain store in Pellow", "Ravi Tendle/Westcoast Agency");
	split("The harbour at Ostrand at dusk. Mara Lindqvist via Getty Images",
	      "The harbour at Ostrand at dusk.", "Mara Lindqvist via Getty Images");
	split("The old mill at Brenner Ford in winter. Photograph by Tomas Brekk",
	      "The old mill at Brenner Ford in winter.", "Tomas Brekk");
	split("Volunteers sort donations in the town hall. Ilse Varn/Reuters",
	      "Volunteers sort donations in the town hall.", "Ilse Varn/Reuters");
	split("Lanterns over the river. Photo: Corwin Asheby", "Lanterns over the river.", "Corwin Asheby");
	split("Just a caption about the quay, with no credit at all.",
	      "Just a caption about the quay, with no credit at all.", NULL);
	split("The ferry leaves at dawn. The ferry leaves at dawn.", "The ferry leaves at dawn.", NULL);
	split("Image 2 of 9 The bell tower of Ansel. Hide caption", "The bell tower of Ansel.", NULL);
	split("Toggle caption The bell tower of Ansel.", "The bell tower of Ansel.", NULL);
	split("Enlarge this image", NULL, NULL);
	split("Close", NULL, NULL);
	/* interface words are real words too: a caption keeps them */
	split("Close friends gather at the quay in Marrowby.", "Close friends gather at the quay in Marrowby.", NULL);
	split("Caption contest winners line up on the pier.", "Caption contest winners line up on the pier.", NULL);
	split("Zoom calls replaced the weekly meeting at Ferrow.", "Zoom calls replaced the weekly meeting at Ferrow.", NULL);
	split("Enlarge your view from the tower at Kessel.", "Enlarge your view from the tower at Kessel.", NULL);
	split("The market at Ansel waits for its doors to close", "The market at Ansel waits for its doors to close", NULL);
	split("A photographer on the cliff, ready to zoom", "A photographer on the cliff, ready to zoom", NULL);
	split("The first visitors at the Photo Gallery", "The first visitors at the Photo Gallery", NULL);
	split("The exhibition at Kessel will show this photo", "The exhibition at Kessel will show this photo", NULL);
	split("View gallery", NULL, NULL);
	/* sentences that only look like credits stay in the caption */
	split("Old classmates at the reunion in Pellow (from left: Rex, Ann and Tom)",
	      "Old classmates at the reunion in Pellow (from left: Rex, Ann and Tom)", NULL);
	split("Trains run 24/7 too", "Trains run 24/7 too", NULL);
	split("The lower town under water. Help arrived via boat",
	      "The lower town under water. Help arrived via boat", NULL);
	split("The Ansel Rovers squad before the final (2023/24 season)",
	      "The Ansel Rovers squad before the final (2023/24 season)", NULL);
	split("Tickets are sold in person and/or online at the quay.",
	      "Tickets are sold in person and/or online at the quay.", NULL);
	split("Students leave the hall at Ferrow. They sat the AP exam in May.",
	      "Students leave the hall at Ferrow. They sat the AP exam in May.", NULL);
	/* ...and real ones still split */
	split("Police outside the court in Velmora (AP)", "Police outside the court in Velmora", "AP");
	split("Storm clouds over Dunmore. Pella Ruck via Westfield Archive",
	      "Storm clouds over Dunmore.", "Pella Ruck via Westfield Archive");
	split("Storm clouds over Dunmore (Pella Ruck/Westfield Archive)",
	      "Storm clouds over Dunmore", "Pella Ruck/Westfield Archive");
	split("Skaters on the frozen canal at Brill. EPA-EFE/Sana Mirov",
	      "Skaters on the frozen canal at Brill.", "EPA-EFE/Sana Mirov");
	/* a credit marker stuck to the name, with any of the usual separators */
	split("Lanterns on the quay at dusk.Credit...Ione Vastry", "Lanterns on the quay at dusk.",
	      "Ione Vastry");
	split("Lanterns on the quay at dusk. Photograph\xe2\x80\xa6Ione Vastry",
	      "Lanterns on the quay at dusk.", "Ione Vastry");
	/* a newspaper named in a caption is not a credit sign */
	split("Reading The Washington Post at breakfast", "Reading The Washington Post at breakfast", NULL);
	/* a credit label made of interface words */
	{
		char *c = xstrdup("Photo copyright Westfield Archive");
		credit_strip_prefix(c);
		CHECK_STR(c, "Westfield Archive");
		free(c);
	}
	/* a credit alone, and prefixes dropped from a given credit */
	split("REUTERS/Jana Dovik", NULL, "REUTERS/Jana Dovik");
	char *cap = NULL, *credit = xstrdup("Photo: Jan Holm");
	credit_split(&cap, &credit);
	CHECK_STR(credit, "Jan Holm");
	free(credit);
	credit = xstrdup("Image credit: Ada Kress");
	credit_strip_prefix(credit);
	CHECK_STR(credit, "Ada Kress");
	free(credit);
	/* a label with a comma, as a screen reader's text reads it */
	credit = xstrdup("Image source, Wenna Hartigan");
	credit_strip_prefix(credit);
	CHECK_STR(credit, "Wenna Hartigan");
	free(credit);
	credit = xstrdup("Photo, Oda Brenn/Harbour Wire");
	credit_strip_prefix(credit);
	CHECK_STR(credit, "Oda Brenn/Harbour Wire");
	free(credit);
}

static void test_json_reader(void)
{
	const char *s = "{\"a\":[1,2,{\"b\":\"caf\\u00e9 \\ud83d\\ude00\"}],\"t\":true,\"n\":null,\"q\":\"x\\\"y\"}";
	json_t *j = jsonld_load(s, strlen(s));
	CHECK(j != NULL && json_is_object(j));
	json_t *a = jsonld_get(j, "a");
	CHECK(json_is_array(a) && json_array_size(a) == 3);
	CHECK_STR(jsonld_get_str(json_array_get(a, 2), "b"), "café \xf0\x9f\x98\x80");
	CHECK_STR(jsonld_get_str(j, "q"), "x\"y");
	CHECK(json_is_true(jsonld_get(j, "t")));
	CHECK(jsonld_get(j, "missing") == NULL);
	CHECK(jsonld_get_str(j, "t") == NULL);
	json_decref(j);
	/* what pages do: a comment around it, raw line breaks inside a string */
	const char *page = "<!--\n{\"articleBody\": \"One.\nTwo.\"}\n-->";
	j = jsonld_load(page, strlen(page));
	CHECK(j != NULL);
	CHECK_STR(jsonld_get_str(j, "articleBody"), "One.\nTwo.");
	json_decref(j);
	/* too deep, too long, cut, or not JSON at all: NULL, never a crash */
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	CHECK(jsonld_load(deep, sizeof deep) == NULL);
	memset(deep, '[', 30);
	memset(deep + 30, ']', 30);
	j = jsonld_load(deep, 60);
	CHECK(j != NULL);
	json_decref(j);
	size_t big = JSONLD_MAX_SIZE + 16;
	char *huge = xmalloc(big);
	memset(huge, ' ', big);
	huge[0] = '"';
	huge[big - 1] = '"';
	CHECK(jsonld_load(huge, big) == NULL);
	free(huge);
	CHECK(jsonld_load("{\"a\":", 5) == NULL);
	CHECK(jsonld_load("function(){}", 12) == NULL);
	CHECK(jsonld_load("\"unterminated", 13) == NULL);
}

static void decode(const char *bytes, size_t n, const char *ctype, const char *want)
{
	struct sbuf b = SBUF_INIT;
	charset_to_utf8(bytes, n, ctype, &b);
	HAS(sbuf_str(&b), want);
	sbuf_free(&b);
}

/* the literal's own length: it may hold bytes that are not UTF-8 */
#define DECODE(lit, ctype, want) decode((lit), sizeof(lit) - 1, (ctype), (want))

static void test_charsets(void)
{
	DECODE("\xef\xbb\xbf<p>caf\xc3\xa9</p>", NULL, "<p>café</p>");
	DECODE("<meta charset=\"windows-1252\"><p>\x93quoted\x94</p>", NULL, "“quoted”");
	DECODE("<meta charset=latin1><p>na\xefve</p>", NULL, "naïve");
	DECODE("<p>na\xefve</p>", "text/html; charset=ISO-8859-1", "naïve");
	DECODE("<p>bad \xff byte</p>", NULL, "bad \xef\xbf\xbd byte");
	DECODE("<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>", NULL, "Привет");
	/* a sequence cut by the end of the page */
	DECODE("<p>cut \xe6\x97", NULL, "cut \xef\xbf\xbd\xef\xbf\xbd");
	/* the header wins over the page */
	DECODE("<meta charset=\"windows-1252\"><p>caf\xc3\xa9</p>", "text/html;charset=utf-8", "café");
}

/* Element-level rules inside the story's container, on a page of our own. */

static void test_split_caption_credit(void)
{
	const char *html = "<html><body><article>"
		"<div class=\"InlineImage-wrapper\"><img src=\"https://pics.example/ferry.jpg\" alt=\"\"></div>"
		"<div class=\"InlineImage-imageEmbedCaption\">Passengers board the last ferry of the season at Dunmore.</div>"
		"<div class=\"InlineImage-imageEmbedCredit\">Oriel Sandqvist | Northlight | Coastline Images</div>"
		"<p>The ferry company said the winter timetable, with two crossings a day, would begin on "
		"Monday, and that the larger boat would return after its refit in March.</p>"
		"<p>Harbour staff expect the busiest weekend of the year, as families take one last trip "
		"across before the weather turns.</p></article></body></html>";
	char err[CRIER_ERRSZ];
	struct article *a = extract_article(html, strlen(html), "https://news.example/ferry", NULL,
					    err, sizeof err);
	CHECK(a != NULL);
	if (!a)
		return;
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures) {
		CHECK_STR(a->figures[0].caption, "Passengers board the last ferry of the season at Dunmore.");
		CHECK_STR(a->figures[0].credit, "Oriel Sandqvist | Northlight | Coastline Images");
		CHECK_STR(a->figures[0].image, "https://pics.example/ferry.jpg");
	}
	HASNT(a->body, "Passengers board");
	HASNT(a->body, "Sandqvist");
	HAS(a->body, "the winter timetable");
	article_free(a);
}

/* The extractor and the renderer collapse a paragraph's whitespace the same way. */
static void test_collapse(void)
{
	char t[] = "  one \t two\n  three \n\n four  ";
	text_collapse_lines(t);
	CHECK_STR(t, "one two\nthree\nfour");
	char e[] = " \n ";
	text_collapse_lines(e);
	CHECK_STR(e, "");
}

/* Lines where the page talks about itself are not story; sentences with the same words are. */
static void test_notices(void)
{
	const char *html = "<html><body><article>"
		"<p>The ferry to Ansel will run twice a day from Monday, the harbour board said, after "
		"a summer in which queues reached the market square.</p>"
		"<p>Article continues after this advertisement</p>"
		"<p>Please enable JavaScript to view this gallery.</p>"
		"<p>Talks will continue below deck, the captain joked.</p>"
		"<h3>Temperatures continue below freezing</h3>"
		"<p>Story continues below</p>"
		"<p>Media playback is unsupported on your device</p>"
		"<p>Your browser does not support the video tag.</p>"
		"<p>The new ferry's booking page will not support older phones, the board said.</p>"
		"<p>The board will review the timetable again in the spring, when the larger boat "
		"returns from its refit at Dunmore.</p></article></body></html>";
	char err[CRIER_ERRSZ];
	struct article *a = extract_article(html, strlen(html), "https://news.example/ferry", NULL,
					    err, sizeof err);
	CHECK(a != NULL);
	if (!a)
		return;
	HAS(a->body, "twice a day from Monday");
	HAS(a->body, "returns from its refit");
	HASNT(a->body, "continues after this advertisement");
	HASNT(a->body, "enable JavaScript");
	HASNT(a->body, "Media playback");
	HASNT(a->body, "does not support the video");
	HAS(a->body, "will not support older phones");
	HAS(a->body, "Talks will continue below deck, the captain joked.");
	HAS(a->body, "Temperatures continue below freezing");
	HASNT(a->body, "Story continues below");
	article_free(a);
}

/* Caption buttons and labels in their own elements are dropped; the same words inside a
 * sentence are the caption's. */

/* Dates as bylines write them: a no-break space or a middle dot between the words is a
 * space; a month is a word that begins a month's name (English, German, French), so
 * "Main Street" or "Mail" names no month. */
static void test_dates(void)
{
	CHECK_INT(extract_date("4\xc2\xa0March 2024"), 1709510400);
	CHECK_INT(extract_date("Updated:\xc2\xa0March 4, 2024"), 1709510400);
	CHECK_INT(extract_date("Ida Penrose\xc2\xa0\xc2\xb7\xc2\xa0March 4, 2024, 10:02"), 1709546520);
	CHECK_INT(extract_date("Main Street, 4 Mar 2024"), 1709510400);
	CHECK_INT(extract_date("Mail 4 2024"), CRIER_NO_DATE);
	CHECK_INT(extract_date("Marsh Lane 4, 2024"), CRIER_NO_DATE);
	CHECK_INT(extract_date("12. Dezember 2023, 10:02"), 1702375320);
	CHECK_INT(extract_date("14. Aug. 2026"), 1786665600);
	CHECK_INT(extract_date("2 Mai 2025"), 1746144000);
	CHECK_INT(extract_date("4 M\xc3\xa4rz 2024"), 1709510400);
	CHECK_INT(extract_date("4 M\xc3\x84RZ 2024"), 1709510400);
	CHECK_INT(extract_date("1er sept. 2024"), 1725148800);
	CHECK_INT(extract_date("le 4 mars 2024"), 1709510400);
	/* day and month with dots, as much of Europe writes them */
	CHECK_INT(extract_date("Stand: 04.03.2024"), 1709510400);
	CHECK_INT(extract_date("4. 12. 2026, 10:02"), 1796378520);
	CHECK_INT(extract_date("Seite 12.2024"), CRIER_NO_DATE);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_credits();
	test_json_reader();
	test_charsets();
	test_split_caption_credit();
	test_collapse();
	test_notices();
	test_dates();
	return CHECK_DONE();
}
