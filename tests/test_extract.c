/* test_extract: the fixture pages (our own writing, in the markup of common publishing
 * systems) give the headline, byline, date, site, body, figures and more-from links a
 * reader must see, and nothing of the navigation, ads, comments or footers. */
#include "config.h"
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crier/extract.h"
#include "crier/util.h"
#include "extract_int.h"

static struct article *load(const char *name, const char *url, const char *ctype)
{
	char path[1024], err[CRIER_ERRSZ] = "";
	struct sbuf b = SBUF_INIT;
	struct article *a;
	snprintf(path, sizeof path, "%s/tests/fixtures/pages/%s", CRIER_SRCDIR, name);
	if (file_read_all(path, EXTRACT_MAX_PAGE, &b, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	a = extract_article(sbuf_str(&b), b.len, url, ctype, err, sizeof err);
	sbuf_free(&b);
	if (!a) {
		fprintf(stderr, "%s: %s\n", name, err);
		exit(1);
	}
	return a;
}

#define HAS(hay, needle) CHECK((hay) && strstr((hay), (needle)) != NULL)
#define HASNT(hay, needle) CHECK(!(hay) || strstr((hay), (needle)) == NULL)

static const struct figure *fig_with(const struct article *a, const char *caption_part)
{
	for (size_t i = 0; i < a->nfigures; i++)
		if (a->figures[i].caption && strstr(a->figures[i].caption, caption_part))
			return &a->figures[i];
	return NULL;
}

static const struct more_link *more_with(const struct article *a, const char *url)
{
	for (size_t i = 0; i < a->nmore; i++)
		if (strcmp(a->more[i].url, url) == 0)
			return &a->more[i];
	return NULL;
}

static int more_has_part(const struct article *a, const char *url_part)
{
	for (size_t i = 0; i < a->nmore; i++)
		if (strstr(a->more[i].url, url_part))
			return 1;
	return 0;
}

static void test_wordpress(void)
{
	struct article *a = load("wordpress.html", "https://millbrook.example/2023/04/12/lanterns/", NULL);
	const struct figure *f;
	const struct more_link *m;
	CHECK_STR(a->title, "The Lantern Makers of Orvale Bridge");
	CHECK_STR(a->byline, "Tamsin Eldercroft");
	CHECK_STR(a->site, "Millbrook Notes");
	CHECK_INT(a->published, 1681288200); /* 2023-04-12T08:30:00Z */
	HAS(a->body, "Every spring, when the river under Orvale Bridge runs high");
	HAS(a->body, "A craft learned from a neighbour");
	HAS(a->body, "The paper has to breathe");
	HAS(a->body, "binding the frame with waxed linen thread");
	HAS(a->body, "Visitors are welcome on Saturday mornings");
	/* paragraphs apart, one blank line */
	HAS(a->body, "a rib.\n\nTheir lanterns");
	HASNT(a->body, "Share on the bird site");
	HASNT(a->body, "Clockmender");
	HASNT(a->body, "About Tamsin");
	HASNT(a->body, "Wendeline");
	HASNT(a->body, "bank holidays");
	HASNT(a->body, "Leave a Reply");
	HASNT(a->body, "Proudly powered");
	HASNT(a->body, "Civic Society");
	HASNT(a->body, "Posted on");
	HASNT(a->body, "Photo: Corwin");
	HASNT(a->body, "folds a lantern shade");
	HASNT(a->body, "Crafts and workshops of the valley");
	HAS(a->body_html, "<h2>A craft learned from a neighbour</h2>");
	HAS(a->body_html, "<blockquote>");
	HAS(a->body_html, "<li>splitting and soaking the willow ribs overnight</li>");
	HAS(a->body_html, "<a href=\"https://millbrook.example/category/crafts/\">crafts page</a>");
	f = fig_with(a, "Ione Vastry folds");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "Ione Vastry folds a lantern shade at her bench in Orvale Bridge.");
		CHECK_STR(f->credit, "Corwin Asheby");
		CHECK_STR(f->image, "https://millbrook.example/wp-content/uploads/2023/04/vastry-workshop.jpg");
	}
	CHECK_INT(a->nfigures, 1); /* the alt text repeats the caption: one figure */
	m = more_with(a, "https://millbrook.example/2022/11/03/clockmender/");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->title, "The Last Clockmender on Weir Lane");
		CHECK_STR(m->summary, "Garrick Thole has repaired every church clock between Millbrook and the sea.");
		CHECK_STR(m->section, "Related");
	}
	CHECK(more_with(a, "https://millbrook.example/2022/08/19/basket-weavers/") != NULL);
	CHECK_INT(a->nmore, 2);
	CHECK(!more_has_part(a, "/category/")); /* navigation */
	CHECK(!more_has_part(a, "/tag/"));      /* tag list */
	CHECK(!more_has_part(a, "share="));     /* share links */
	CHECK(!more_has_part(a, "/2021/"));     /* most popular sidebar */
	article_free(a);
}

static void test_newscms(void)
{
	struct article *a = load("newscms.html", "https://gazette.example/news/2024/01/kestrel-ferry", NULL);
	const struct figure *f;
	const struct more_link *m;
	CHECK_STR(a->title, "Ferry service to Kestrel Isle suspended after storm damages pier");
	CHECK_STR(a->byline, "Marisol Quenby, Dov Harrowgate");
	CHECK_STR(a->site, "The Harbour Gazette");
	CHECK_INT(a->published, 1704722700);
	HAS(a->body, "The only ferry to Kestrel Isle will not run");
	HAS(a->body, "We have never lost the crossing");
	HAS(a->body, "Repairs are expected to cost about £240,000.");
	HASNT(a->body, "Advertisement");
	HASNT(a->body, "We use cookies");
	HASNT(a->body, "Sign up for our free newsletter");
	HASNT(a->body, "Lifeboat crew");
	HASNT(a->body, "Gullhaven pier repairs were delayed");
	HASNT(a->body, "Record tide");
	HASNT(a->body, "By Marisol");
	HASNT(a->body, "Share this story");
	HASNT(a->body, "The ferry Morwenna, moored");
	HASNT(a->body, "Topics");
	HASNT(a->body, "All rights reserved");
	/* the sailing table: one line a row, cells joined, a cell's blocks flattened, the
	 * whole table one paragraph between its neighbours */
	HAS(a->body, "once the weather allows.\n\nReduced sailings from Brackwater\n"
		     "Day | Leaves Brackwater | Leaves Kestrel Isle\n"
		     "Monday | 07:40 | 10:15\n"
		     "Wednesday | 07:40 13:20 | 16:05\n"
		     "Saturday | 09:10 | 12:30\n\nRepairs are expected");
	HAS(a->body_html, "<tr><th>Day</th><th>Leaves Brackwater</th><th>Leaves Kestrel Isle</th></tr>");
	HAS(a->body_html, "<tr><td>Wednesday</td><td>07:40 13:20</td><td>16:05</td></tr>");
	HASNT(a->body, "\n\nMonday\n\n");
	/* the lead photo: caption in one span, credit in another, also in JSON-LD */
	f = fig_with(a, "broken landing stage");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "The broken landing stage at Kestrel Isle on Monday morning.");
		CHECK_STR(f->credit, "Fennick Rowe/Harbour Gazette");
		CHECK_STR(f->image, "https://cdn.gazette.example/img/pier-damage.jpg");
	}
	f = fig_with(a, "The ferry Morwenna");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "The ferry Morwenna, moored at Gullhaven until the pier is safe.");
		CHECK_STR(f->credit, "Ilse Marchbank");
		/* the lazy-loaded image, not the placeholder */
		CHECK_STR(f->image, "https://gazette.example/img/ferry-moored.jpg");
	}
	f = fig_with(a, "The container that struck");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "The container that struck the pier, washed up on the shingle at Gullhaven.");
		CHECK_STR(f->credit, "Perrin Ashdown/Coastal Agency");
	}
	CHECK_INT(a->nfigures, 3);
	m = more_with(a, "https://gazette.example/news/2024/01/lifeboat-crew-honoured");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->title, "Lifeboat crew honoured for night rescue off Tarrow Banks");
		CHECK_STR(m->summary, "Six volunteers from Brackwater were recognised for saving two fishermen in a force nine gale.");
		CHECK_STR(m->section, "More from The Harbour Gazette");
		/* the teaser's own photo keeps its caption and credit, apart from the story's */
		CHECK_STR(m->image, "https://gazette.example/img/lifeboat.jpg");
		CHECK_STR(m->caption, "The Brackwater lifeboat returning to its station at first light.");
		CHECK_STR(m->credit, "Hal Drummond");
	}
	CHECK(fig_with(a, "Brackwater lifeboat") == NULL);
	m = more_with(a, "https://gazette.example/news/2023/10/ferry-timetable");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->section, "Related");
		CHECK_STR(m->summary, NULL);
	}
	m = more_with(a, "https://gazette.example/news/2023/12/gullhaven-pier-repairs");
	CHECK(m != NULL);
	if (m)
		CHECK_STR(m->section, "Read more");
	CHECK(more_with(a, "https://gazette.example/news/2024/01/school-roof") != NULL);
	CHECK(more_with(a, "https://gazette.example/news/2023/06/island-shop") != NULL);
	CHECK_INT(a->nmore, 5);
	CHECK(!more_has_part(a, "tide-record")); /* most read */
	CHECK(!more_has_part(a, "/topic/"));
	CHECK(!more_has_part(a, "/sport/"));
	CHECK(!more_has_part(a, "/privacy"));
	article_free(a);
}

static void test_medium(void)
{
	struct article *a = load("medium.html", "https://fieldnotes.example/what-twelve-winters-taught-me-4c1f", NULL);
	const struct figure *f;
	const struct more_link *m;
	CHECK_STR(a->title, "What Twelve Winters of Beekeeping Taught Me");
	CHECK_STR(a->byline, "Rosalind Achterberg");
	CHECK_STR(a->site, "Field Notes");
	CHECK_INT(a->published, 1669792542);
	HAS(a->body, "The first winter, I opened the hives far too often.");
	HAS(a->body, "Feeding is a promise");
	HAS(a->body, "Feb: 1 kg fondant per hive, check weekly\nMar: heft the hive");
	HAS(a->body, "Trust the hum.");
	HASNT(a->body, "7 min read");
	HASNT(a->body, "Sign in");
	HASNT(a->body, "Swarm in the Apple Tree");
	HASNT(a->body, "Petronella");
	HASNT(a->body, "Unsplash");
	HAS(a->body_html, "<pre>");
	HAS(a->body_html, "<ol>");
	f = fig_with(a, "Three white hives");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->caption, "Three white hives under snow beside a hawthorn hedge.");
		CHECK_STR(f->credit, "Jurgen Slaterly on Unsplash");
		CHECK_STR(f->image, "https://img.fieldnotes.example/1*hive-snow.jpeg");
	}
	m = more_with(a, "https://fieldnotes.example/the-swarm-in-the-apple-tree-88aa");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->title, "The Swarm in the Apple Tree");
		CHECK_STR(m->section, "More from Rosalind Achterberg");
		CHECK_STR(m->summary, "How a neighbour's phone call turned into my third colony.");
	}
	m = more_with(a, "https://fieldnotes.example/@ottoline/pruning-old-orchards-12cd");
	CHECK(m != NULL);
	if (m)
		CHECK_STR(m->section, "Recommended from Field Notes");
	CHECK(!more_has_part(a, "signin"));
	CHECK(!more_has_part(a, "new-story"));
	CHECK_INT(a->nmore, 3);
	article_free(a);
}

static void test_jsonld(void)
{
	struct article *a = load("jsonld-only.html", "https://northwind.example/glacier", NULL);
	CHECK_STR(a->title, "Glacier in the Verran Range retreated 40 metres last summer, survey finds");
	CHECK_STR(a->byline, "Hallvard Østby");
	CHECK_STR(a->site, "Northwind Science Desk");
	CHECK_INT(a->published, 1630641600);
	HAS(a->body, "The Verran glacier lost about forty metres");
	HAS(a->body, "1962, according to a survey published on Thursday.\n\nResearchers from");
	HAS(a->body, "“We expected a bad year, but not this bad,”");
	HASNT(a->body, "needs scripts");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures) {
		CHECK_STR(a->figures[0].caption, "Meltwater streams below the snout of the Verran glacier in August.");
		CHECK_STR(a->figures[0].credit, "Verran Survey Team");
		CHECK_STR(a->figures[0].image, "https://northwind.example/media/verran-glacier.jpg");
	}
	CHECK_INT(a->nmore, 0);
	article_free(a);
}

static void test_no_article(void)
{
	struct article *a = load("no-article.html", "http://post.example/2020/02/night-buses", NULL);
	CHECK_STR(a->title, "Night buses return to Castellan Street");
	CHECK_STR(a->byline, "Quillon Marsh");
	CHECK_STR(a->site, "Brindlemoor Evening Post");
	CHECK_INT(a->published, 1581897600);
	HAS(a->body, "Night buses will run along Castellan Street again from March");
	HAS(a->body, "Monday evening.\n\nThe N14 will leave");
	HAS(a->body, "multi-storey car park on Tanner's Row.");
	HASNT(a->body, "Letters to the editor");
	HASNT(a->body, "Tags:");
	HASNT(a->body, "Swan rescued");
	HASNT(a->body, "Cloudy, 7 degrees");
	HASNT(a->body, "Market Hill");
	HASNT(a->body, "You may also like");
	HASNT(a->body, "Reporter");
	const struct more_link *m = more_with(a, "http://post.example/2020/02/tanners-row-parking");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->title, "Tanner's Row parking charges to rise in April");
		CHECK_STR(m->section, "You may also like");
	}
	CHECK_INT(a->nmore, 2);
	CHECK(!more_has_part(a, "/tag/"));
	CHECK(!more_has_part(a, "swan-rescue"));
	CHECK(!more_has_part(a, "/letters"));
	article_free(a);
}

static void test_latin1(void)
{
	/* windows-1252 bytes, declared as ISO-8859-1 in a <meta http-equiv> */
	struct article *a = load("latin1.html", "https://courrier.example/2019/06/fete-des-moulins", NULL);
	CHECK_STR(a->title, "La fête des moulins de Saint-Orbel attire des milliers de visiteurs");
	CHECK_STR(a->byline, "Éloïse Darnecourt");
	CHECK_STR(a->site, "Le Courrier du Val");
	CHECK_INT(a->published, 1561306800);
	/* 0x92 and 0xAB/0xBB: windows-1252 quotes, not C1 controls */
	HAS(a->body, "vallée de l’Orbelle");
	HAS(a->body, "« Nous n’attendions pas autant de monde »");
	HASNT(a->body, "Par Éloïse");
	HASNT(a->body, "Carrière");
	const struct more_link *m = more_with(a, "https://courrier.example/2019/06/moulin-restaure");
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->title, "Le moulin de la Carrière restauré par des bénévoles");
		CHECK_STR(m->section, "À lire aussi");
	}
	article_free(a);
	/* the HTTP header's charset wins over the page's */
	a = load("latin1.html", NULL, "text/html; charset=utf-8");
	HAS(a->body, "\xef\xbf\xbd"); /* the bytes are not UTF-8: replacement characters */
	HASNT(a->body, "vallée");
	article_free(a);
}

static void test_limits_and_safety(void)
{
	char err[CRIER_ERRSZ] = "";
	size_t n = EXTRACT_MAX_PAGE + 1;
	char *big = xmalloc(n);
	memset(big, 'a', n);
	struct article *a = extract_article(big, n, "https://big.example/page", NULL, err, sizeof err);
	CHECK(a == NULL);
	CHECK(strstr(err, "https://big.example/page") != NULL);
	CHECK(strstr(err, "limit") != NULL);
	free(big);

	const char *evil = "<html><head><title>Bad\x1b[31m title</title></head><body><article>"
		"<p>Text with an escape \x1b]0;pwned\x07 sequence and a C1 \xc2\x9b control, "
		"long enough to be a paragraph of the story.</p><script>alert('x')</script>"
		"<style>p{color:red}</style><figure><img src=\"https://img.example/a\x1b[2Jb.jpg\">"
		"<figcaption>A harbour seal, seen from the quay.</figcaption></figure><p>Another paragraph, which is also long enough to count, "
		"of course.</p></article></body></html>";
	a = extract_article(evil, strlen(evil), NULL, NULL, err, sizeof err);
	CHECK(a != NULL);
	if (a) {
		HASNT(a->body, "\x1b");
		HASNT(a->body, "\x07");
		HASNT(a->body, "\xc2\x9b");
		HASNT(a->title, "\x1b");
		HASNT(a->body, "alert");
		HASNT(a->body, "color:red");
		HASNT(a->body_html, "\x1b");
		HASNT(a->body_html, "\x07");
		HASNT(a->body_html, "\xc2\x9b");
		HAS(a->body_html, "and a C1 control, long");
		HAS(a->body, "Another paragraph");
		CHECK_INT(a->nfigures, 1);
		if (a->nfigures)
			CHECK(a->figures[0].image && !strchr(a->figures[0].image, 0x1b));
		article_free(a);
	}
	/* a C1 control written as a character reference: neither the HTML body nor the JSON
	 * that --extract prints carries it */
	const char *ref = "<html><body><article><p>The &#155;lock&#155; at Hallam &#127;Weir "
		"reopened this week after a winter of repairs to its gates and walls.</p>"
		"<p>Boats queued from dawn, and the keeper counted forty before noon.</p>"
		"</article></body></html>";
	a = extract_article(ref, strlen(ref), NULL, NULL, err, sizeof err);
	CHECK(a != NULL);
	if (a) {
		struct sbuf j = SBUF_INIT;
		HAS(a->body_html, "The lock at Hallam Weir");
		HASNT(a->body_html, "\xc2\x9b");
		HASNT(a->body_html, "\x7f");
		article_json(&j, a);
		HASNT(sbuf_str(&j), "\xc2\x9b");
		HASNT(sbuf_str(&j), "\x7f");
		sbuf_free(&j);
		article_free(a);
	}
}

static void test_media(void)
{
	struct article *a = load("wordpress.html", "https://millbrook.example/2023/04/12/lanterns/", NULL);
	struct feed_media m[2] = {
		{"https://millbrook.example/wp-content/uploads/2023/04/vastry-workshop.jpg", "image/jpeg",
		 NULL, "Ione Vastry folds a lantern shade at her bench in Orvale Bridge.", "Photo: Corwin Asheby"},
		{"https://millbrook.example/wp-content/uploads/2023/04/heron.jpg", "image/jpeg", NULL,
		 "A painted heron on a finished lantern", "Pellam Vastry"},
	};
	article_add_media(a, m, 2);
	CHECK_INT(a->nfigures, 2); /* the first is the page's own photo: merged */
	const struct figure *f = fig_with(a, "painted heron");
	CHECK(f != NULL);
	if (f)
		CHECK_STR(f->credit, "Pellam Vastry");
	article_free(a);

	/* the feed's caption of the page's photo: one figure, the missing credit filled */
	a = load("wordpress.html", "https://millbrook.example/2023/04/12/lanterns/", NULL);
	size_t before = a->nfigures;
	CHECK(before >= 1);
	char *cap0 = before ? xstrdup(a->figures[0].caption) : NULL;
	char *img0 = before && a->figures[0].image ? xstrdup(a->figures[0].image) : NULL;
	CHECK(img0 != NULL);
	if (before && img0) {
		/* the same image with another scheme and a query string, its own caption */
		struct sbuf u = SBUF_INIT;
		const char *rest = strstr(img0, "://");
		sbuf_printf(&u, "http://%s?w=640&q=80", rest ? rest + 3 : img0);
		free(a->figures[0].credit);
		a->figures[0].credit = NULL;
		struct feed_media m1 = {u.s, "image/jpeg", NULL, "A different wording of the photo's caption", "Tobin Marsh"};
		article_add_media(a, &m1, 1);
		CHECK_INT(a->nfigures, before);
		CHECK_STR(a->figures[0].caption, cap0);        /* the page's caption kept */
		CHECK_STR(a->figures[0].credit, "Tobin Marsh"); /* the feed's credit filled in */
		CHECK(fig_with(a, "different wording") == NULL);
		sbuf_free(&u);
	}
	article_free(a);

	/* the same caption text with other case and spacing, or part of it, no image URL */
	a = load("wordpress.html", "https://millbrook.example/2023/04/12/lanterns/", NULL);
	before = a->nfigures;
	if (cap0 && strlen(cap0) > 30) {
		struct sbuf c = SBUF_INIT;
		for (const char *p = cap0; *p; p++) {
			sbuf_addc(&c, (char)toupper((unsigned char)*p));
			if (*p == ' ')
				sbuf_addc(&c, ' ');
		}
		char part[24];
		snprintf(part, sizeof part, "%s", cap0); /* its first 23 characters */
		struct feed_media m2[2] = {
			{NULL, NULL, NULL, c.s, NULL},
			{"https://elsewhere.example/other.jpg", NULL, NULL, part, "Ysolde Pike"},
		};
		article_add_media(a, m2, 2);
		CHECK_INT(a->nfigures, before);
		CHECK_STR(a->figures[0].caption, cap0);
		sbuf_free(&c);
	} else {
		CHECK(0); /* the fixture's first caption is a sentence */
	}
	/* a different photo with a different caption is still added */
	struct feed_media m3 = {"https://millbrook.example/img/kiln.jpg", NULL, NULL,
				"The kiln behind the workshop, cooling overnight", "Wenna Cray"};
	article_add_media(a, &m3, 1);
	CHECK_INT(a->nfigures, before + 1);
	CHECK(fig_with(a, "kiln behind the workshop") != NULL);
	article_free(a);
	free(cap0);
	free(img0);
}

static void test_json(void)
{
	struct article *a = load("newscms.html", "https://gazette.example/news/2024/01/kestrel-ferry", NULL);
	struct sbuf b = SBUF_INIT;
	article_json(&b, a);
	HAS(b.s, "{\"url\":\"https://gazette.example/news/2024/01/kestrel-ferry\",\"title\":");
	HAS(b.s, "\"published\":1704722700");
	HAS(b.s, "\"figures\":[{\"image\":");
	HAS(b.s, "\"more_from\":[{\"title\":");
	HAS(b.s, "\"section\":\"More from The Harbour Gazette\"");
	sbuf_free(&b);
	article_free(a);
}


/* credit_split on what captions really say */
static void test_inline_rules(void)
{
	const char *html = "<html><head><title>Harvest at Tolland Farm</title></head><body><article>"
		"<h1>Harvest at Tolland Farm</h1><p>By Ewan Marrick</p><p>Published 14 August 2024, 09:40</p>"
		"<p>4 min read</p>"
		"<p>The barley at Tolland Farm came in a week early this year, and the Marrick family "
		"worked through two nights to beat the rain that the forecast promised for Friday.</p>"
		"<div class=\"ad-label\">Advertisement</div>"
		"<p>Their neighbours lent a second combine, a gesture the family says they will repay "
		"at the apple harvest, when the orchard on the hill needs every pair of hands.</p>"
		"<ul><li><a href=\"/shop/boots\">Get the boots at Fenway Supply</a></li></ul>"
		"<ul><li><a href=\"/a\">Storm floods the lower meadow at Greyfold again</a></li>"
		"<li><a href=\"/b\">Village fete raises record sum for the bell tower</a></li>"
		"<li><a href=\"/c\">New bus timetable leaves Ashby without a Sunday service</a></li></ul>"
		"<div class=\"social-embed\"><blockquote class=\"post\"><p>Two nights, one field, "
		"and a lot of coffee. Proud of this crew. pic.example/xyz</p></blockquote></div>"
		"<p>Updated figures from the county show 41 farms finished early, the most since "
		"the records began in 1931.</p><p>The grain will be dried in the old mill at Pennock, which the farm bought back "
		"from the county last spring, and sold to a brewery in the market town.</p>"
		"<div class=\"grid\"><div><h3><a href=\"/d\">A new brewery opens in the market town</a></h3>"
		"<p>Four friends, one old dairy.</p></div><div><h3><a href=\"/e\">The last miller of "
		"Pennock remembers the flood</a></h3><p>Ninety years by the river.</p></div></div>"
		"</article></body></html>";
	char err[CRIER_ERRSZ];
	struct article *a = extract_article(html, strlen(html), "https://farm.example/harvest", NULL,
					    err, sizeof err);
	CHECK(a != NULL);
	if (!a)
		return;
	HAS(a->body, "The barley at Tolland Farm came in a week early");
	HAS(a->body, "Get the boots at Fenway Supply");          /* one link in the story */
	HAS(a->body, "Two nights, one field");                    /* an embedded post */
	HAS(a->body, "sold to a brewery in the market town.");
	HASNT(a->body, "Advertisement");
	HASNT(a->body, "By Ewan Marrick");                        /* the byline line */
	HASNT(a->body, "Published 14 August");                    /* the date line */
	HASNT(a->body, "min read");
	HAS(a->body, "Updated figures from the county show 41 farms"); /* a sentence, kept */
	HASNT(a->body, "Storm floods the lower meadow");          /* a list of other stories */
	HASNT(a->body, "A new brewery opens");                    /* a grid of teasers */
	HASNT(a->body, "Ninety years by the river");
	CHECK(!strstr(a->body, "Harvest at Tolland Farm"));       /* the headline is not body */
	article_free(a);
}

static void test_base_href(void)
{
	const char *html = "<html><head><base href=\"https://cdn.example/stories/\"></head><body>"
		"<article><p>The quay at Marrowby was rebuilt with stone from the old <a href=\"quarry.html\">"
		"quarry</a>, which closed in the spring after ninety years of work.</p>"
		"<figure><img src=\"img/quay.jpg\"><figcaption>The new quay. Photo: Ansel Dray</figcaption>"
		"</figure></article></body></html>";
	char err[CRIER_ERRSZ];
	struct article *a = extract_article(html, strlen(html), "https://news.example/quay", NULL,
					    err, sizeof err);
	CHECK(a != NULL);
	if (!a)
		return;
	CHECK_STR(a->url, "https://news.example/quay");
	HAS(a->body_html, "href=\"https://cdn.example/stories/quarry.html\"");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures)
		CHECK_STR(a->figures[0].image, "https://cdn.example/stories/img/quay.jpg");
	article_free(a);
}

/* Caption and credit in sibling elements whose class only contains the word. */
static void test_caption_ui(void)
{
	const char *html = "<html><body><article>"
		"<figure><img src=\"https://pics.example/pier.jpg\"><figcaption>"
		"<span class=\"label\">Image caption</span>Close friends gather on the pier at Ostrand"
		"<button-like class=\"toggle\">Hide caption</button-like></figcaption></figure>"
		"<figure><img src=\"https://pics.example/mill.jpg\"><figcaption>"
		"The mill wheel turns again<span>Caption</span><b>Enlarge</b></figcaption></figure>"
		"<p>The pier at Ostrand was rebuilt over the winter with oak from the estate, and "
		"reopened to walkers on Saturday morning in bright sun.</p>"
		"<p>The mill upstream turned for the first time in forty years on the same day.</p>"
		"</article></body></html>";
	char err[CRIER_ERRSZ];
	struct article *a = extract_article(html, strlen(html), "https://news.example/pier", NULL,
					    err, sizeof err);
	CHECK(a != NULL);
	if (!a)
		return;
	CHECK_INT(a->nfigures, 2);
	if (a->nfigures == 2) {
		CHECK_STR(a->figures[0].caption, "Close friends gather on the pier at Ostrand");
		CHECK_STR(a->figures[1].caption, "The mill wheel turns again");
	}
	article_free(a);
}

/* file:// links only from a file:// page: a web page cannot point crier at local files. */
static void test_file_links(void)
{
	const char *html = "<html><body><article><p>The lighthouse at Corran Head was repainted "
		"this week, in the red and white bands it wore a century ago, by a crew of four.</p>"
		"<p>Its keeper, <a href=\"keeper.html\">Ada Finlay</a>, and the <a href=\"file:///etc/hosts\">"
		"old log</a> agree that the colours were never this bright.</p></article>"
		"<section><h2>Related</h2><ul><li><a href=\"harbour-wall.html\">The harbour wall at Corran "
		"is to be raised by a metre</a></li><li><a href=\"file:///etc/passwd\">A list of every "
		"account on this machine</a></li></ul></section></body></html>";
	char err[CRIER_ERRSZ];
	struct article *a = extract_article(html, strlen(html), "file:///srv/demo/pages/light.html",
					    NULL, err, sizeof err);
	CHECK(a != NULL);
	if (a) {
		HAS(a->body_html, "href=\"file:///srv/demo/pages/keeper.html\"");
		CHECK(more_with(a, "file:///srv/demo/pages/harbour-wall.html") != NULL);
		article_free(a);
	}
	a = extract_article(html, strlen(html), "https://corran.example/light", NULL, err, sizeof err);
	CHECK(a != NULL);
	if (a) {
		HASNT(a->body_html, "file:");
		CHECK(more_with(a, "https://corran.example/harbour-wall.html") != NULL);
		CHECK(!more_has_part(a, "file:"));
		article_free(a);
	}
}

/* Only a data table becomes rows: a grid that lays out a page, with long text in its
 * cells, or a one-column table, is read as paragraphs. */
static void test_tables(void)
{
	const char *html = "<html><head><title>Tolland notes</title></head><body>"
		"<table role=\"none\"><tr><td><h1>Tolland notes</h1></td></tr></table>"
		"<table width=\"100%\"><tr><td class=\"main\">"
		"<p>The parish council of Tolland met in the chapel hall on Thursday and agreed, after "
		"an hour of argument about the cost of slate, to mend the roof of the old school.</p>"
		"<p>Work starts in May. The builders, a firm from Pennock, have promised to finish "
		"before the harvest supper, which the hall hosts every September.</p>"
		"<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Slate</td><td>4,100</td></tr>"
		"<tr><td>Labour</td><td>6,250</td></tr></table>"
		"</td><td class=\"side\"><p>The council meets again on the first Thursday of June, "
		"when the footpath by the mill race will be on the agenda, along with the bins.</p>"
		"</td></tr></table>"
		"<table><tr><td>Tolland notes is written by volunteers.</td></tr>"
		"<tr><td>Write to the editor at the post office.</td></tr></table>"
		"</body></html>";
	char err[CRIER_ERRSZ];
	struct article *a = extract_article(html, strlen(html), "https://tolland.example/roof", NULL,
					    err, sizeof err);
	CHECK(a != NULL);
	if (!a)
		return;
	/* the layout grid: its paragraphs stay paragraphs, no " | " between them */
	HAS(a->body, "mend the roof of the old school.\n\nWork starts in May.");
	HASNT(a->body, "school. | ");
	HASNT(a->body, " | The council meets again");
	/* the data table inside it: rows */
	HAS(a->body, "Item | Cost\nSlate | 4,100\nLabour | 6,250");
	article_free(a);
}

/* The title of a small page made of head and body markup, at url. */
static char *title_of(const char *head, const char *body, const char *url, char **site)
{
	struct sbuf b = SBUF_INIT;
	char err[CRIER_ERRSZ];
	sbuf_printf(&b, "<html><head>%s</head><body>%s<article><p>The tide tables for the "
		    "week were pinned to the harbour office door at dawn, as they have been "
		    "every Monday since the office opened.</p></article></body></html>",
		    head, body);
	struct article *a = extract_article(sbuf_str(&b), b.len, url, NULL, err, sizeof err);
	sbuf_free(&b);
	if (!a)
		return NULL;
	char *t = a->title;
	a->title = NULL;
	if (site) {
		*site = a->site;
		a->site = NULL;
	}
	article_free(a);
	return t;
}

#define TITLE_IS(head, body, url, want)                          \
	do {                                                     \
		char *t_ = title_of((head), (body), (url), NULL); \
		CHECK_STR(t_, (want));                           \
		free(t_);                                        \
	} while (0)

/* Title sources in order: og:title or the JSON-LD headline, the one headline <h1> (not a
 * logo), <title>; a " - Site" tail goes when it names the site, however short the rest. */
static void test_titles(void)
{
	const char *u = "https://www.harbournews.example/tides/2025/week-12";
	const char *og_site = "<meta property=\"og:site_name\" content=\"Harbour News\">";
	char head[1024];
	/* og:title first, its tail naming og:site_name stripped from a two-word headline */
	snprintf(head, sizeof head, "%s<meta property=\"og:title\" content=\"Tide times - Harbour News\">"
		 "<title>Something else | Harbour News</title>", og_site);
	TITLE_IS(head, "<h1>Tide times this week</h1>", u, "Tide times");
	/* the JSON-LD headline, its tail naming the publisher */
	TITLE_IS("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
		 "\"Tide times | The Quay Courier\",\"publisher\":{\"@type\":\"Organization\","
		 "\"name\":\"The Quay Courier\"}}</script><title>Other</title>",
		 "", u, "Tide times");
	/* no og:title: the article's <h1> over <title>, the site-name <h1> skipped */
	snprintf(head, sizeof head, "%s<title>Harbour News: all the news of the harbour</title>", og_site);
	TITLE_IS(head, "<header><h1>Harbour News</h1></header><h1>Spring tides flood the slipway</h1>",
		 u, "Spring tides flood the slipway");
	/* a logo <h1> (a link to the front page, or a logo class) is not the headline */
	TITLE_IS("<title>Spring tides flood the slipway - Quay Notes</title>",
		 "<a href=\"/\"><h1>Quay Notes Online</h1></a><h1>Spring tides flood the slipway</h1>",
		 u, "Spring tides flood the slipway");
	TITLE_IS("<title>Spring tides flood the slipway</title>",
		 "<div class=\"site-logo\"><h1>The Quay</h1></div>", u, "Spring tides flood the slipway");
	/* two headline-like <h1>s: the one inside <article> */
	TITLE_IS("<title>Harbour page</title>",
		 "<h1>Weekend sailing club results</h1><article><h1>Spring tides flood the slipway</h1></article>",
		 u, "Spring tides flood the slipway");
	/* a dash in a visible headline is the headline's */
	TITLE_IS("<title>Harbour page</title>", "<h1>Storm hits the quay - live updates</h1>", u,
		 "Storm hits the quay - live updates");
	/* og:title that is only the site's name gives way to the <h1> */
	snprintf(head, sizeof head, "%s<meta property=\"og:title\" content=\"Harbour News\">", og_site);
	TITLE_IS(head, "<h1>Spring tides flood the slipway</h1>", u, "Spring tides flood the slipway");
	/* <title> last: a tail naming the domain goes, with each kind of separator */
	TITLE_IS("<title>Tide times \xe2\x80\x94 Harbour News</title>", "", u, "Tide times");
	TITLE_IS("<title>Tide times \xc2\xb7 harbournews.example</title>", "", u, "Tide times");
	TITLE_IS("<title>Tide times | HarbourNews</title>", "", u, "Tide times");
	snprintf(head, sizeof head, "%s<title>Tide times - Harbour News</title>", og_site);
	char *site = NULL, *t = title_of(head, "", u, &site);
	CHECK_STR(t, "Tide times");
	CHECK_STR(site, "Harbour News");
	free(t);
	free(site);
	/* a short headline keeps a tail that is not the site's name */
	snprintf(head, sizeof head, "%s<title>Tide times - Low water</title>", og_site);
	TITLE_IS(head, "", u, "Tide times - Low water");
	/* an unknown short tail after a longer headline still goes */
	snprintf(head, sizeof head, "%s<title>Tide times for the week - Weekly Bulletin</title>", og_site);
	TITLE_IS(head, "", u, "Tide times for the week");
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_wordpress();
	test_newscms();
	test_medium();
	test_jsonld();
	test_no_article();
	test_latin1();
	test_limits_and_safety();
	test_media();
	test_json();
	test_inline_rules();
	test_base_href();
	test_caption_ui();
	test_file_links();
	test_tables();
	test_titles();
	return CHECK_DONE();
}
