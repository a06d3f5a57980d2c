/* test_render: lines a reader sees: never wider than the terminal, wide characters counted
 * as two columns, quotes and lists marked, links numbered and listed. */
#include "config.h"
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crier/extract.h"
#include "crier/render.h"
#include "crier/util.h"

static int max_width(const struct render_doc *d)
{
	int m = 0;
	for (size_t i = 0; i < d->nlines; i++)
		if (text_width(d->lines[i].text) > m)
			m = text_width(d->lines[i].text);
	return m;
}

static const struct render_line *line_with(const struct render_doc *d, const char *s)
{
	for (size_t i = 0; i < d->nlines; i++)
		if (strstr(d->lines[i].text, s))
			return &d->lines[i];
	return NULL;
}

static void test_width(void)
{
	CHECK_INT(text_width("hello"), 5);
	CHECK_INT(text_width("日本語"), 6);          /* CJK: two columns each */
	CHECK_INT(text_width("cafe\xcc\x81"), 4); /* combining acute: none */
	CHECK_INT(text_width("\xf0\x9f\x98\x80"), 2);   /* emoji */
	CHECK_INT(text_width(""), 0);
}

static void test_wrap(void)
{
	const char *html = "<p>The harbour master of Quillby counted forty boats before noon, "
		"and the ferry from Ansel Point was late again because of the fog.</p>";
	struct render_doc *d = render_html(html, NULL, 20);
	CHECK(d->nlines >= 6);
	CHECK(max_width(d) <= 20);
	CHECK_STR(d->lines[0].text, "The harbour master");
	for (size_t i = 0; i < d->nlines; i++)
		CHECK(d->lines[i].text[0] != ' ');
	render_doc_free(d);

	/* CJK text has no spaces: it still wraps, by columns */
	d = render_html("<p>北の港町では朝から霧が深く、渡し船は三十分遅れて出発した。</p>", NULL, 10);
	CHECK(d->nlines >= 6);
	CHECK(max_width(d) <= 10);
	CHECK_INT(text_width(d->lines[0].text), 10);
	render_doc_free(d);

	/* a word longer than the line is cut, never overflows */
	d = render_html("<p>Supercalifragilisticexpialidociousnessofthewholeaffair</p>", NULL, 12);
	CHECK(max_width(d) <= 12);
	CHECK(d->nlines >= 4);
	render_doc_free(d);
}

static void test_blocks(void)
{
	const char *html = "<h2>Tides this week</h2><p>First paragraph about the tides.</p>"
		"<blockquote><p>The sea does not read the timetable, and neither do the gulls on the pier.</p></blockquote>"
		"<ul><li>Monday: high water at six</li><li>Tuesday: high water at seven</li></ul>"
		"<ol><li>Check the almanac</li><li>Ask the harbour master</li></ol>"
		"<pre>  code   stays\n    as it is, even when it is far too long for the line</pre>";
	struct render_doc *d = render_html(html, NULL, 30);
	const struct render_line *l;
	CHECK(max_width(d) <= 30);
	l = line_with(d, "Tides this week");
	CHECK(l && l->style == RENDER_HEADING);
	l = line_with(d, "The sea does not");
	CHECK(l && l->style == RENDER_QUOTE && strncmp(l->text, "> ", 2) == 0);
	l = line_with(d, "Monday: high water");
	CHECK(l && strncmp(l->text, "\xe2\x80\xa2 ", 4) == 0);
	/* items of one list follow each other without blank lines */
	l = line_with(d, "Tuesday: high water");
	CHECK(l && strncmp((l - 1)->text, "\xe2\x80\xa2 Monday", 9) == 0);
	l = line_with(d, "Check the almanac");
	CHECK(l && strncmp(l->text, "1. ", 3) == 0);
	l = line_with(d, "Ask the harbour");
	CHECK(l && strncmp(l->text, "2. ", 3) == 0);
	l = line_with(d, "code   stays");
	CHECK(l && l->style == RENDER_PRE);
	if (l)
		CHECK_STR(l->text, "  code   stays");
	l = line_with(d, "as it is");
	CHECK(l && l->style == RENDER_PRE && text_width(l->text) == 30); /* cut, not wrapped */
	/* blocks are separated by one blank line */
	l = line_with(d, "First paragraph");
	CHECK(l && l > d->lines && (l - 1)->text[0] == 0);
	render_doc_free(d);
}

static void test_links(void)
{
	const char *html = "<p>Read the <a href=\"/tides\">tide table</a> and the "
		"<a href=\"https://weather.example/coast\">coastal forecast</a>, then the "
		"<a href=\"/tides\">table</a> again. <a href=\"javascript:alert(1)\">Nothing</a>.</p>";
	struct render_doc *d = render_html(html, "https://harbour.example/news/today", 80);
	CHECK(line_with(d, "tide table[1]") != NULL);
	CHECK(line_with(d, "coastal forecast[2]") != NULL);
	CHECK(line_with(d, "table[1] again") != NULL);
	CHECK(line_with(d, "Nothing[") == NULL);
	CHECK_INT(d->nlinks, 2);
	if (d->nlinks == 2) {
		CHECK_STR(d->links[0], "https://harbour.example/tides");
		CHECK_STR(d->links[1], "https://weather.example/coast");
	}
	const struct render_line *l = line_with(d, "[1] https://harbour.example/tides");
	CHECK(l && l->style == RENDER_LINKS);
	render_doc_free(d);
}

static void test_clean(void)
{
	struct render_doc *d = render_html("<p>Bell\x07 and \x1b[2J escape \xc2\x9b and \xff bad</p>", NULL, 80);
	CHECK(d->nlines == 1);
	if (d->nlines) {
		CHECK(strchr(d->lines[0].text, 0x1b) == NULL);
		CHECK(strchr(d->lines[0].text, 0x07) == NULL);
		CHECK(strstr(d->lines[0].text, "\xc2\x9b") == NULL);
		CHECK(strstr(d->lines[0].text, "\xef\xbf\xbd") != NULL);
	}
	render_doc_free(d);
	d = render_html("", NULL, 80);
	CHECK_INT(d->nlines, 0);
	render_doc_free(d);
}

static void test_article(void)
{
	struct article a = {0};
	a.title = "Ferry back on the water after three weeks";
	a.byline = "Marisol Quenby";
	a.site = "The Harbour Gazette";
	a.published = 1704722700;
	a.body_html = "<p>The Morwenna sailed at dawn.</p>";
	a.url = "https://gazette.example/x";
	struct render_doc *d = render_article(&a, 24);
	CHECK(d->nlines >= 4);
	CHECK(d->lines[0].style == RENDER_TITLE);
	CHECK_STR(d->lines[0].text, "Ferry back on the water");
	const struct render_line *l = line_with(d, "Marisol Quenby");
	CHECK(l && l->style == RENDER_META);
	CHECK(line_with(d, "2024-01-08") != NULL);
	CHECK(line_with(d, "The Morwenna sailed") != NULL);
	CHECK(max_width(d) <= 24);
	render_doc_free(d);
	/* plain body when there is no HTML */
	a.body_html = NULL;
	a.body = "One paragraph here.\n\nAnd a second one.";
	d = render_article(&a, 40);
	CHECK(line_with(d, "And a second one.") != NULL);
	render_doc_free(d);
}

/* The header line of a real page: a byline that already names the site does not get
 * the site again, and a placeholder date (the epoch, 1900) is not shown. */
static void test_article_header(void)
{
	struct article a = {0};
	a.title = "Tide tables for the winter";
	a.byline = "Kit Amberley, The Harbour Gazette";
	a.site = "the harbour gazette";
	a.published = 0; /* 1970-01-01 */
	a.body_html = "<p>High water at the quay.</p>";
	struct render_doc *d = render_article(&a, 80);
	const struct render_line *l = line_with(d, "Kit Amberley");
	CHECK(l != NULL);
	if (l)
		CHECK_STR(l->text, "Kit Amberley, The Harbour Gazette");
	CHECK(line_with(d, "1970") == NULL);
	render_doc_free(d);
	a.byline = "Kit Amberley";
	a.published = 1704722700;
	d = render_article(&a, 80);
	l = line_with(d, "Kit Amberley");
	if (l)
		CHECK_STR(l->text, "Kit Amberley \xc2\xb7 2024-01-08 14:05 UTC \xc2\xb7 the harbour gazette");
	CHECK(l != NULL);
	render_doc_free(d);
}

/* The header's lines (RENDER_META), joined by "|". */
static void meta_of(const struct render_doc *d, char *out, size_t n)
{
	out[0] = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		if (d->lines[i].style != RENDER_META)
			continue;
		if (out[0])
			strncat(out, "|", n - strlen(out) - 1);
		strncat(out, d->lines[i].text, n - strlen(out) - 1);
	}
}

/* A header line too long for the measure breaks between its parts (byline, date, site),
 * the dot going with the break: never inside the site's name, never a dot at a line's
 * end. Only a part longer than the line is wrapped inside. */
static void test_article_header_wrap(void)
{
	struct article a = {0};
	char got[512];
	a.title = "Flood wall";
	a.byline = "Orla Penhallow";
	a.site = "The Kelderwick Lantern";
	a.published = 1704722700; /* 2024-01-08 14:05 UTC */
	a.body_html = "<p>The wall held.</p>";
	struct render_doc *d = render_article(&a, 80);
	meta_of(d, got, sizeof got);
	CHECK_STR(got, "Orla Penhallow \xc2\xb7 2024-01-08 14:05 UTC \xc2\xb7 The Kelderwick Lantern");
	render_doc_free(d);
	d = render_article(&a, 50);
	meta_of(d, got, sizeof got);
	CHECK_STR(got, "Orla Penhallow \xc2\xb7 2024-01-08 14:05 UTC|The Kelderwick Lantern");
	render_doc_free(d);
	d = render_article(&a, 36);
	meta_of(d, got, sizeof got);
	CHECK_STR(got, "Orla Penhallow|2024-01-08 14:05 UTC|The Kelderwick Lantern");
	render_doc_free(d);
	/* a byline longer than the line: wrapped inside, the date on a line of its own */
	a.byline = "Orla Penhallow and Tamsin Quarrie, with the harbour desk";
	a.site = NULL;
	d = render_article(&a, 30);
	meta_of(d, got, sizeof got);
	CHECK_STR(got, "Orla Penhallow and Tamsin|Quarrie, with the harbour desk|2024-01-08 14:05 UTC");
	for (size_t i = 0; i < d->nlines; i++)
		CHECK(text_width(d->lines[i].text) <= 30);
	render_doc_free(d);
}

/* The standfirst under the header line, in its own style, wrapped, apart from the body
 * by a blank line, before it; with no control characters; not when the body begins with
 * the same text (the feed's text that said it). */
static void test_article_standfirst(void)
{
	struct article a = {0};
	size_t i, sf = 0, body = 0, n = 0;
	a.title = "Ferry back on the water";
	a.byline = "Marisol Quenby";
	a.standfirst = "After three weeks in the yard the Morwenna \x1b[31msailed at dawn, "
		"with the harbour master on board.";
	a.body_html = "<p>The crossing took forty minutes.</p>";
	struct render_doc *d = render_article(&a, 30);
	for (i = 0; i < d->nlines; i++) {
		CHECK(strchr(d->lines[i].text, '\x1b') == NULL);
		CHECK(text_width(d->lines[i].text) <= 30);
		if (d->lines[i].style == RENDER_STANDFIRST && !n++)
			sf = i;
		if (strstr(d->lines[i].text, "The crossing took"))
			body = i;
	}
	CHECK(n >= 3); /* wrapped at 30 columns */
	CHECK(line_with(d, "Marisol Quenby") && sf > 1);
	CHECK(body > sf + n);
	CHECK(d->nlines > sf + n && d->lines[sf + n].text[0] == 0);
	CHECK(line_with(d, "After three weeks in the yard") != NULL);
	render_doc_free(d);

	/* the body begins with it: once */
	a.body_html = "<p>After three weeks in the yard the Morwenna &#8220;sailed&#8221; at dawn, "
		"with the harbour master on board.</p><p>The crossing took forty minutes.</p>";
	a.standfirst = "After three weeks in the yard the Morwenna sailed at dawn, with the "
		"harbour master on board.";
	d = render_article(&a, 80);
	for (i = n = 0; i < d->nlines; i++)
		n += d->lines[i].style == RENDER_STANDFIRST;
	CHECK_INT(n, 0);
	CHECK(line_with(d, "After three weeks in the yard") != NULL);
	render_doc_free(d);
}

static void test_nested_lists(void)
{
	const char *html = "<ul><li><p>Ferries</p><p>Two crossings a day until the spring timetable</p></li>"
		"<li>Buses<ul><li>N7 at night</li><li>N14 to the wharf</li></ul></li></ul><p>After.</p>";
	struct render_doc *d = render_html(html, NULL, 30);
	const struct render_line *l;
	CHECK(max_width(d) <= 30);
	l = line_with(d, "Two crossings");
	/* a second paragraph of an item: indented under it, no second bullet */
	CHECK(l && strncmp(l->text, "  Two crossings", 15) == 0);
	l = line_with(d, "N7 at night");
	CHECK(l && strncmp(l->text, "  \xe2\x80\xa2 N7", 8) == 0);
	CHECK(l && strstr((l - 1)->text, "Buses") != NULL);
	l = line_with(d, "After.");
	CHECK(l && (l - 1)->text[0] == 0);
	render_doc_free(d);
}

/* A data table: aligned columns between " | " with a rule under the header row when it
 * fits, each row one wrapped line when it does not; a layout grid stays paragraphs. */
static void test_tables(void)
{
	const char *html = "<p>Tides at Quillby this week.</p><table><tr><th>Day</th><th>High water</th>"
		"<th>Low water</th></tr><tr><td>Monday</td><td>06:12</td><td>12:30</td></tr>"
		"<tr><td><p>Tuesday</p></td><td>06:58</td><td>13:15</td></tr></table><p>After.</p>";
	struct render_doc *d = render_html(html, NULL, 60);
	const struct render_line *l = line_with(d, "Day");
	CHECK(l != NULL);
	if (l) {
		CHECK_STR(l->text, "Day     | High water | Low water");
		CHECK_STR((l + 1)->text, "--------+------------+----------");
		CHECK_STR((l + 2)->text, "Monday  | 06:12      | 12:30");
		CHECK_STR((l + 3)->text, "Tuesday | 06:58      | 13:15");
		CHECK((l - 1)->text[0] == 0);             /* a blank line before */
		CHECK((l + 4)->text[0] == 0);             /* and after */
	}
	render_doc_free(d);
	/* too wide for 20 columns: one row per line, later lines of a row indented */
	d = render_html(html, NULL, 20);
	CHECK(max_width(d) <= 20);
	l = line_with(d, "Day | High water |");
	CHECK(l != NULL);
	if (l) {
		CHECK_STR((l + 1)->text, "  Low water");
		CHECK_STR((l + 2)->text, "Monday | 06:12 |");
		CHECK_STR((l + 3)->text, "  12:30");
	}
	render_doc_free(d);
	/* a layout grid with long text in its cells: paragraphs, no column bars */
	html = "<table><tr><td><p>The harbour master of Quillby counted forty boats before noon "
	       "and sixty by the evening tide, the most since the regatta of the year the pier "
	       "was rebuilt, and more than the moorings can hold for long.</p></td>"
	       "<td><p>Letters to the editor</p></td></tr></table>";
	d = render_html(html, NULL, 60);
	CHECK(line_with(d, " | ") == NULL);
	CHECK(line_with(d, "Letters to the editor") != NULL);
	render_doc_free(d);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	test_width();
	test_wrap();
	test_blocks();
	test_nested_lists();
	test_links();
	test_clean();
	test_article();
	test_article_header();
	test_article_header_wrap();
	test_article_standfirst();
	test_tables();
	return CHECK_DONE();
}
