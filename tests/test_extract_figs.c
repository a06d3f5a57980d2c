/* test_extract_figs: figures, credits and the header line on small pages of our own
 * writing: photo boxes without <figure>, captions that are only an image's alt text, a
 * video's poster, bylines written on several lines, dates with dots in running text. */
#include "config.h"
#include <locale.h>
#include "crier/date.h"
#include "extract_int.h"
#include "extract_page.h"

/* A photo box of <div>s, no <figure>: the image, a caption box and a credit box make one
 * figure. A caption box that only says "FILE" is a label; the real caption then stands
 * in the credit box, with the credit glued to its end. */
static void test_div_figure(void)
{
	struct article *a = from_text("<html><body><div class=\"wrap\">"
		"<h1>Depot to become a market</h1>"
		"<div class=\"photo\"><img src=\"/pics/depot.jpg\"><div class=\"img-caption\">FILE"
		"</div><div class=\"img-credit\">The old tram depot on Hallam Street in the last "
		"week before it closed. CreditOrla Vane</div></div>"
		"<div class=\"text\">" STORY1 STORY2 STORY3 "</div></div></body></html>");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures == 1) {
		CHECK_STR(a->figures[0].image, "https://paper.example/pics/depot.jpg");
		CHECK_STR(a->figures[0].caption,
			  "The old tram depot on Hallam Street in the last week before it closed.");
		CHECK_STR(a->figures[0].credit, "Orla Vane");
	}
	HASNT(a->body, "tram depot on Hallam Street");
	article_free(a);

	/* the same box inside the story's text, caption and credit in their own boxes */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1
		"<div class=\"media-box\"><div class=\"pic\"><img src=\"/pics/roof.jpg\"></div>"
		"<p class=\"caption\">Roofers at work on the depot in the first week of repairs.</p>"
		"<span class=\"credit\">Photo: Kit Marden</span></div>" STORY2 STORY3
		"</article></body></html>");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures == 1) {
		CHECK_STR(a->figures[0].image, "https://paper.example/pics/roof.jpg");
		CHECK_STR(a->figures[0].caption, "Roofers at work on the depot in the first week of repairs.");
		CHECK_STR(a->figures[0].credit, "Kit Marden");
	}
	HAS(a->body, "reduced rent");
	HASNT(a->body, "Roofers at work");
	article_free(a);
}

/* A <figure> with no caption but its image's alt text: the alt text is the caption (a
 * file name or the headline again is not); a video's poster is its image. */
static void test_alt_and_poster(void)
{
	struct article *a = from_text("<html><head><title>Depot to become a market</title>"
		"</head><body><article><h1>Depot to become a market</h1>" STORY1
		"<figure><img src=\"/pics/stalls.jpg\" alt=\"Empty stalls wait under the depot "
		"roof\"></figure>" STORY2
		"<figure><img src=\"/pics/x.jpg\" alt=\"IMG_2041_final.jpg\"></figure>"
		"<figure><video poster=\"/pics/tram-still.jpg\"><source src=\"/v/tram.mp4\">"
		"</video><figcaption>The last tram leaves the depot in 1961. <span class=\"credit\">"
		"Bramwick Film Archive</span></figcaption></figure>" STORY3
		"</article></body></html>");
	CHECK_INT(a->nfigures, 2);
	if (a->nfigures == 2) {
		CHECK_STR(a->figures[0].image, "https://paper.example/pics/stalls.jpg");
		CHECK_STR(a->figures[0].caption, "Empty stalls wait under the depot roof");
		CHECK_STR(a->figures[1].image, "https://paper.example/pics/tram-still.jpg");
		CHECK_STR(a->figures[1].caption, "The last tram leaves the depot in 1961.");
		CHECK_STR(a->figures[1].credit, "Bramwick Film Archive");
	}
	article_free(a);
}

/* A byline element of blocks is read line by line: the writer's name, not the site's
 * name and town on the next line glued to it; a second writer's line is kept. */
static void test_byline_lines(void)
{
	struct article *a = from_text("<html><head><meta property=\"og:site_name\" "
		"content=\"Bramwick Courier\"></head><body><article><h1>Depot to become a market</h1>"
		"<div class=\"byline\"><div><span>By Hester Quill</span></div><div><span>Bramwick "
		"Courier, Hallam</span></div></div>" STORY1 STORY2 STORY3 "</article></body></html>");
	CHECK_STR(a->byline, "Hester Quill");
	CHECK_STR(a->site, "Bramwick Courier");
	article_free(a);

	a = from_text("<html><head><meta property=\"og:site_name\" content=\"Bramwick Courier\">"
		"</head><body><article><h1>Depot to become a market</h1><div class=\"byline\">"
		"<p>By Hester Quill</p><p>Markets reporter</p><p>and Tobiah Venn</p>"
		"<p>04.03.2024, 10:02</p></div>" STORY1 STORY2 STORY3 "</article></body></html>");
	CHECK_STR(a->byline, "Hester Quill and Tobiah Venn");
	CHECK_INT(a->published, 1709546520);
	article_free(a);

	/* "Von" on a line of its own leads in the name; a label line over a "von" line is
	 * no name; a separator line and a photo credit line are neither */
	a = from_text("<html><body><article><h1>Depot to become a market</h1><div class=\"byline\">"
		"<div>Von</div><div>Hester Quill</div><div>-</div></div>" STORY1 STORY2 STORY3
		"</article></body></html>");
	CHECK_STR(a->byline, "Hester Quill");
	article_free(a);
	a = from_text("<html><body><article><h1>Depot to become a market</h1><div class=\"byline\">"
		"<div>Pressemitteilung</div><div>von Hester Quill</div></div>" STORY1 STORY2 STORY3
		"</article></body></html>");
	CHECK_STR(a->byline, "Hester Quill");
	article_free(a);
	a = from_text("<html><body><article><h1>Depot to become a market</h1><div class=\"byline\">"
		"Foto: Kit Marden</div>" STORY1 STORY2 STORY3 "</article></body></html>");
	CHECK(a->byline == NULL);
	article_free(a);
}

/* A date with dots is a date where a date is written: at the start of its text or after
 * a label or weekday; not a version or chapter number in running text. */
static void test_dotted_context(void)
{
	CHECK_INT(extract_date("Version 1.2.2024"), CRIER_NO_DATE);
	CHECK_INT(extract_date("Kapitel 3.4.2020 neu"), CRIER_NO_DATE);
	CHECK_INT(extract_date("04.03.2024"), 1709510400);
	CHECK_INT(extract_date("Ver\xc3\xb6" "ffentlicht am 04.03.2024"), 1709510400);
	CHECK_INT(extract_date("Di., 04.03.2024, 10:02 Uhr"), 1709546520);
	CHECK_INT(extract_date("Stand: 04.03.2024"), 1709510400);
}

/* A credit in its own <cite> or <small> before or after the caption's words; a gallery's
 * slides with a counter, a credit and a caption in one text box; "Foto di X" taken off a
 * credit. */
static void test_credit_elements(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		STORY1 "<figure><img src=\"/pics/a.jpg\"><figcaption><cite>Bramwick Courier</cite> The "
		"depot's clock, stopped at ten past four.</figcaption></figure>" STORY2
		"<figure><img src=\"/pics/b.jpg\"><figcaption>Crates of apples at the first trial "
		"market. <small>Foto di Nives Berardi / Agenzia Ovest</small></figcaption></figure>"
		STORY3 "<div class=\"gallery\"><ul>"
		"<li class=\"slide\"><img src=\"/g/1.jpg\"><div class=\"txt\"><span class=\"n\">1 / 2"
		"</span><span class=\"credit\">Photo: Oskar Lind</span><p class=\"caption\">The market "
		"hall's iron roof from the gallery.</p></div></li>"
		"<li class=\"slide\"><img src=\"/g/2.jpg\"><div class=\"txt\"><span class=\"n\">2 / 2"
		"</span><span class=\"credit\">Photo: Oskar Lind</span><p class=\"caption\">Stallholders "
		"draw lots for their pitches.</p></div></li></ul></div></article></body></html>");
	CHECK_INT(a->nfigures, 4);
	if (a->nfigures == 4) {
		CHECK_STR(a->figures[0].caption, "The depot's clock, stopped at ten past four.");
		CHECK_STR(a->figures[0].credit, "Bramwick Courier");
		CHECK_STR(a->figures[1].caption, "Crates of apples at the first trial market.");
		CHECK_STR(a->figures[1].credit, "Nives Berardi / Agenzia Ovest");
		CHECK_STR(a->figures[2].caption, "The market hall's iron roof from the gallery.");
		CHECK_STR(a->figures[2].credit, "Oskar Lind");
		CHECK_STR(a->figures[3].image, "https://paper.example/g/2.jpg");
		CHECK_STR(a->figures[3].caption, "Stallholders draw lots for their pitches.");
	}
	HASNT(a->body, "1 / 2");
	HASNT(a->body, "Oskar Lind");
	article_free(a);

	/* a credit label left alone in the caption, its name in a <cite>; an image linking
	 * to another story gives no alt-text caption; the caption two levels down in a box */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1
		"<p><span class=\"pic\"><img src=\"/pics/c.jpg\"></span><span class=\"caption\">The "
		"depot yard at night.<br>Quelle:\xc2\xa0<cite>Hallam Archive</cite></span></p>" STORY2
		"<figure><a href=\"/story/other\"><img src=\"/pics/d.jpg\" alt=\"Ten markets worth "
		"the trip\"></a></figure>" STORY3 "<div class=\"imgwrap\"><div class=\"center\">"
		"<img src=\"/pics/e.jpg\"><div><strong class=\"caption\"><span class=\"copyright\">Ada "
		"Crane</span></strong></div></div></div></article></body></html>");
	CHECK_INT(a->nfigures, 2);
	if (a->nfigures == 2) {
		CHECK_STR(a->figures[0].caption, "The depot yard at night.");
		CHECK_STR(a->figures[0].credit, "Hallam Archive");
		CHECK_STR(a->figures[1].image, "https://paper.example/pics/e.jpg");
		CHECK_STR(a->figures[1].credit, "Ada Crane");
	}
	article_free(a);
}

/* A byline by its class in other languages ("autor"); the date in a line classed as the
 * date ("Veröffentlicht am 04.03.2024, 10:02 Uhr") when nothing else gives one. */
static void test_byline_and_date_classes(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		"<p class=\"autor\">Von Hester Quill</p><p class=\"datum\">Ver\xc3\xb6" "ffentlicht am "
		"04.03.2024, 10:02 Uhr</p>" STORY1 STORY2 STORY3 "</article></body></html>");
	CHECK_STR(a->byline, "Hester Quill");
	CHECK_INT(a->published, 1709546520);
	article_free(a);
}

/* Captions whose class says nothing. A photo box of an image, a plain text box and a
 * credit box is a figure, the plain box its caption; a block that ends with its credit in
 * brackets ("(Photo by X/Agency)") is a caption, in a photo box or a teaser card. A box
 * of an image and plain text with no credit (an author's box, a promotion) is not a
 * figure, and "(photo above)" is no credit. Figures come in the page's order. */
static void test_unmarked_captions(void)
{
	static const char card[] = "<div class=\"card\"><img src=\"/pics/%s.jpg\"><div class=\"card__cap\">%s"
		" (Photo by %s/Bramwick Post)</div><a class=\"card__link\" href=\"/news/%s\">"
		"<span>%s</span></a><div class=\"card__summary\">%s</div></div>";
	static const char *const c[][5] = {
		{"bridge", "Engineers lower the new span of the Calder footbridge onto its piers, two weeks ahead of the date the council gave.", "Ivo Brannock", "calder-bridge", "Calder footbridge opens a fortnight early"},
		{"pool", "Swimmers wait on the steps of the lido on Kelham Road for the first session after its winter repairs.", "Nell Arbery", "kelham-lido", "Kelham lido opens for the summer"},
		{"choir", "The Bramwick mill choir rehearses in the weaving shed, where it will sing at the mill's centenary in June.", "Ivo Brannock", "mill-choir", "Mill choir to sing at the centenary"},
	};
	static const char *const sums[] = {"Walkers will save a mile on the way to the station.",
		"The pool will stay open until nine on weekday evenings.",
		"Tickets go on sale at the library next week."};
	struct sbuf b = SBUF_INIT;
	sbuf_adds(&b, "<html><head><meta property=\"og:site_name\" content=\"Bramwick Post\"></head>"
		"<body><div class=\"story\"><div class=\"story__headline\"><h1>Depot to become a market</h1></div>"
		"<div class=\"media-box\"><div class=\"media-box__img\"><img src=\"/pics/depot.jpg\"></div>"
		"<div class=\"media-box__text\">The tram depot on Hallam Street, empty since the spring.</div>"
		"<div class=\"media-box__credit\">Photo by Orla Vane</div></div>"
		"<div class=\"story__body\">" STORY1 STORY2
		"<div class=\"inline\"><img src=\"/pics/stalls.jpg\"><div class=\"inline__text\">"
		"Market stalls stacked in the depot yard. (Photo by Kit Marden/Bramwick Post)</div></div>"
		STORY3 "</div></div>"
		"<div class=\"writer\"><img src=\"/pics/face.jpg\"><div class=\"writer__name\">Tam Holloway</div>"
		"<div class=\"writer__bio\">Tam has covered the council for the Post since 2019.</div></div>"
		"<div class=\"more\"><div class=\"more__title\">More from Bramwick Post</div>");
	for (int i = 0; i < 3; i++) {
		char buf[1024];
		snprintf(buf, sizeof buf, card, c[i][0], c[i][1], c[i][2], c[i][3], c[i][4], sums[i]);
		sbuf_adds(&b, buf);
	}
	sbuf_adds(&b, "</div></body></html>");
	struct article *a = from_text(sbuf_str(&b));
	sbuf_free(&b);
	CHECK_INT(a->nfigures, 2);
	if (a->nfigures == 2) {
		/* in the page's order: the photo above the body first */
		CHECK_STR(a->figures[0].image, "https://paper.example/pics/depot.jpg");
		CHECK_STR(a->figures[0].caption, "The tram depot on Hallam Street, empty since the spring.");
		CHECK_STR(a->figures[0].credit, "Orla Vane");
		CHECK_STR(a->figures[1].caption, "Market stalls stacked in the depot yard.");
		CHECK_STR(a->figures[1].credit, "Kit Marden/Bramwick Post");
	}
	HAS(a->body, "reduced rent");
	HASNT(a->body, "stacked in the depot yard");
	HASNT(a->body, "Tam has covered");
	CHECK_INT(a->nmore, 3);
	for (size_t i = 0; i < a->nmore && i < 3; i++) {
		char want[256];
		snprintf(want, sizeof want, "%s/Bramwick Post", c[i][2]);
		CHECK_STR(a->more[i].title, c[i][4]);
		CHECK_STR(a->more[i].caption, c[i][1]);
		CHECK_STR(a->more[i].credit, want);
		CHECK_STR(a->more[i].summary, sums[i]);
	}
	article_free(a);

	/* no credit, no figure: a plain box with a photo is not a photo's box; nor is a
	 * bracket that only points at the photo */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1
		"<div class=\"note\"><img src=\"/pics/map.jpg\"><div class=\"note__text\">The depot "
		"and the streets around it (photo above).</div></div>" STORY2 STORY3
		"</article></body></html>");
	for (size_t i = 0; i < a->nfigures; i++)
		HASNT(a->figures[i].credit, "above");
	article_free(a);
}

/* A story of one short paragraph, in one box with its photo and the photo's credit (a
 * news brief): the box is the story's container, not a photo box, so the paragraph is
 * the body, not the photo's caption (review of e8d3bee: the body was empty). */
static void test_brief_beside_credit(void)
{
	static const char *const box[] = {
		"<img src=\"/pics/wall.jpg\" alt=\"\"><span class=\"photo-credit\">Photo: Ines Varga</span>",
		"<div class=\"photo\"><img src=\"/pics/wall.jpg\" alt=\"\"><span class=\"photo-credit\">"
		"Photo: Ines Varga</span></div>",
	};
	for (int i = 0; i < 2; i++) {
		struct sbuf b = SBUF_INIT;
		sbuf_printf(&b, "<html><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
			"<article><h1>Harbour wall closed after storm</h1><div class=\"brief\">%s"
			"<p>The north harbour wall at Lowmoor is closed to walkers until engineers have "
			"checked the stonework, the harbour board said on Sunday, after waves lifted "
			"three of the capstones during the storm.</p></div></article></body></html>", box[i]);
		struct article *a = from_text(sbuf_str(&b));
		sbuf_free(&b);
		HAS(a->body, "The north harbour wall at Lowmoor is closed to walkers");
		CHECK_INT(a->nfigures, 1);
		if (a->nfigures == 1) {
			CHECK_STR(a->figures[0].credit, "Ines Varga");
			CHECK_STR(a->figures[0].caption, NULL);
		}
		article_free(a);
	}
}

/* Teasers whose only text under the headline is a summary ending in its source ("...
 * (Source: X)"): the summary is not also the teaser photo's caption, nor the source its
 * credit (review of e8d3bee: each teaser showed its summary twice). */
static void test_summary_with_source(void)
{
	static const char *const t[][3] = {
		{"school-roof", "School roof to be mended before autumn", "The council has set aside money to "
		 "replace the leaking roof at Lowmoor primary. (Source: Lowmoor council minutes)"},
		{"bus-route", "Bus route to Carrow Sound cut to three a day", "Fewer passengers since the "
		 "spring mean only three buses on the coast road. (Source: Coastline Buses)"},
		{"lighthouse", "Lighthouse cottage opens as a museum", "Visitors can see the lamp room and "
		 "the keeper's log books from June. (Source: Tollhaven Trust)"},
	};
	struct sbuf b = SBUF_INIT;
	sbuf_adds(&b, "<html><body><article><h1>Ferry to Tollhaven returns</h1>" STORY1 STORY2 STORY3
		"</article><section class=\"more\"><h2>More from the Lowmoor Gazette</h2>");
	for (int i = 0; i < 3; i++)
		sbuf_printf(&b, "<article class=\"card\"><img src=\"/img/%s.jpg\" alt=\"\"><h3>"
			"<a href=\"/news/%s\">%s</a></h3><p>%s</p></article>", t[i][0], t[i][0], t[i][1], t[i][2]);
	sbuf_adds(&b, "</section></body></html>");
	struct article *a = from_text(sbuf_str(&b));
	sbuf_free(&b);
	CHECK_INT(a->nmore, 3);
	for (size_t i = 0; i < a->nmore && i < 3; i++) {
		CHECK_STR(a->more[i].title, t[i][1]);
		CHECK_STR(a->more[i].summary, t[i][2]);
		CHECK_STR(a->more[i].caption, NULL);
		CHECK_STR(a->more[i].credit, NULL);
	}
	article_free(a);
}

/* A small paper's page with no caption or credit markup: the photo box is an image, a
 * line break, the caption in <i> and "(Photo: X)" after it, loose in the box. The
 * trailing bracketed credit makes it a photo box: the caption and credit are a figure,
 * not the story's first paragraph. (Story in text between <br>s, no heading elements.) */
static void test_loose_caption_box(void)
{
	struct article *a = from_file("moor-gazette.html", "https://gazette.example/news/wind-farm");
	HAS(a->body, "Villagers in Brackley Moor will vote on the 21st");
	HAS(a->body, "Ada Norcott, by the 19th");
	HASNT(a->body, "where six turbines would stand");
	HASNT(a->body, "Tamsin Holt");
	HASNT(a->body, "Summer fete");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures == 1) {
		CHECK_STR(a->figures[0].caption, "The ridge above Brackley Moor where six turbines would stand.");
		CHECK_STR(a->figures[0].credit, "Tamsin Holt");
		CHECK_STR(a->figures[0].image, "https://gazette.example/pics/moor.jpg");
	}
	article_free(a);
}

/* A story paragraph with a small image in its line (an icon) that ends with its source in
 * brackets is the story's text, not a photo box. */
static void test_paragraph_with_icon(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		STORY1 "<p><img src=\"/icons/coin.png\" width=\"16\" alt=\"\"> Stall rents will be "
		"twelve pounds a day in the first year, against twenty in the old market hall. "
		"(Source: Bramwick council papers)</p>" STORY2 STORY3 "</article></body></html>");
	HAS(a->body, "Stall rents will be twelve pounds a day");
	HAS(a->body, "(Source: Bramwick council papers)");
	for (size_t i = 0; i < a->nfigures; i++)
		HASNT(a->figures[i].caption, "Stall rents");
	article_free(a);
}

/* A caption that is one word in capitals, in any language ("ARCHIVO"), is a stamp on the
 * photo: no caption, the credit kept. A video player's box says nothing of the story. */
static void test_stamp_caption_and_player(void)
{
	struct article *a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		"<figure><img src=\"/pics/depot.jpg\"><figcaption>ARCHIVO</figcaption>"
		"<p class=\"foto-credito\">Foto: Ana Ruiz / Agencia Sur</p></figure>" STORY1
		"<div class=\"video-player\"><div>This clip cannot be played here</div></div>"
		STORY2 STORY3 "</article></body></html>");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures == 1) {
		CHECK(a->figures[0].caption == NULL);
		CHECK_STR(a->figures[0].credit, "Ana Ruiz / Agencia Sur");
	}
	HASNT(a->body, "cannot be played");
	HAS(a->body, "reduced rent");
	article_free(a);

	/* a photo box of plain <div>s: the line that opens with a credit's label is the
	 * credit; "Symbolbild" (a label) beside it is no caption */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>" STORY1
		"<div class=\"bild\"><img src=\"/pics/stalls.jpg\"><div class=\"bildtext\">Stalls wait "
		"under the depot's roof.</div><div class=\"quelle\">Bild: Jonas Wirth</div></div>"
		STORY2 "<div class=\"bild\"><img src=\"/pics/roof.jpg\"><div class=\"bildtext\">"
		"Symbolbild</div><div class=\"quelle\">Bild: Jonas Wirth</div></div>" STORY3
		"</article></body></html>");
	CHECK_INT(a->nfigures, 2);
	if (a->nfigures == 2) {
		CHECK_STR(a->figures[0].caption, "Stalls wait under the depot's roof.");
		CHECK_STR(a->figures[0].credit, "Jonas Wirth");
		CHECK(a->figures[1].caption == NULL);
		CHECK_STR(a->figures[1].credit, "Jonas Wirth");
	}
	HASNT(a->body, "Jonas Wirth");
	HASNT(a->body, "Stalls wait");
	article_free(a);

	/* a caption with a name in capitals and other words is a caption */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		"<figure><img src=\"/pics/depot.jpg\"><figcaption>NASA/JPL</figcaption></figure>"
		STORY1 STORY2 "</article></body></html>");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures == 1)
		CHECK(a->figures[0].caption != NULL || a->figures[0].credit != NULL);
	article_free(a);

	/* an agency's name in capitals as the only caption is the photo's credit: the
	 * Captions pane still says whose photo it is */
	a = from_text("<html><body><article><h1>Depot to become a market</h1>"
		"<figure><img src=\"/pics/depot.jpg\"><figcaption>SHUTTERSTOCK</figcaption></figure>"
		STORY1 STORY2 "</article></body></html>");
	CHECK_INT(a->nfigures, 1);
	if (a->nfigures == 1) {
		CHECK(a->figures[0].caption == NULL);
		CHECK_STR(a->figures[0].credit, "SHUTTERSTOCK");
	}
	article_free(a);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_div_figure();
	test_alt_and_poster();
	test_byline_lines();
	test_dotted_context();
	test_credit_elements();
	test_byline_and_date_classes();
	test_unmarked_captions();
	test_brief_beside_credit();
	test_summary_with_source();
	test_loose_caption_box();
	test_paragraph_with_icon();
	test_stamp_caption_and_player();
	return CHECK_DONE();
}
