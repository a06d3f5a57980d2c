/* extract_int: what the extractor's source files share (not a public header).
 * Charset decoding, a small JSON reader for JSON-LD, DOM helpers and credit splitting. */
#ifndef CRIER_EXTRACT_INT_H
#define CRIER_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <jansson.h>
#include "crier/extract.h"
#include "crier/util.h"

/* --- charset (extract_charset.c) --- */
/* The page's bytes as valid UTF-8 (invalid sequences become U+FFFD), decoding by the HTTP
 * header's charset, a BOM or the <meta> declaration; Latin-1 and ASCII read as
 * windows-1252. The caller frees out with sbuf_free. */
void charset_to_utf8(const char *bytes, size_t len, const char *content_type,
		     struct sbuf *out);
/* The charset name a Content-Type value or <meta> gives, lower case, or NULL. */
char *charset_from_content_type(const char *ct);

/* --- JSON-LD (extract_json.c), read with jansson --- */
#define JSONLD_MAX_DEPTH 32                 /* nesting of objects and arrays */
#define JSONLD_MAX_SIZE (2u * 1024 * 1024)  /* bytes of one <script> block */
/* A JSON-LD block's value (json_decref it), or NULL when it is not JSON, nests deeper than
 * JSONLD_MAX_DEPTH or is longer than JSONLD_MAX_SIZE. Raw line breaks in strings are read
 * as escapes; text after the value is ignored. */
json_t *jsonld_load(const char *s, size_t len);
/* obj[key] when obj is an object, else NULL (borrowed). */
json_t *jsonld_get(const json_t *obj, const char *key);
/* The string of obj[key] when it is a string, else NULL (borrowed). */
const char *jsonld_get_str(const json_t *obj, const char *key);

/* --- DOM helpers (extract_dom.c) --- */
/* Lower-case element name test. */
int node_is(const xmlNode *n, const char *name);
/* Attribute value or NULL (owned by the tree: no free). */
const char *node_attr(const xmlNode *n, const char *name);
/* Whitespace-collapsed text of the subtree, skipping ignored elements; appended to b. */
void node_text(const xmlNode *n, struct sbuf *b);
/* Appends s to b without the soft hyphen and the zero-width spaces and joiners. */
void dom_add_visible(struct sbuf *b, const char *s);
/* Same into a new string, text_clean_line'd; NULL when empty. */
char *node_text_line(const xmlNode *n);
/* Lower-case "class id" string of an element, in buf. */
const char *node_classid(const xmlNode *n, char *buf, size_t bufsz);
/* Elements whose content is never text: script, style, svg, ... */
int node_ignored(const xmlNode *n);
/* The text of a metadata body, its HTML read as lines (extract_json.c). */
void ld_body_text(const char *t, struct sbuf *b);
/* 1 when the element is hidden by markup (hidden attribute, display:none). */
int node_hidden(const xmlNode *n);
/* A link or image URL the article may carry: http(s), or file:// when the page itself is a
 * file:// page (a saved page or the bundled demo links its siblings). */
int url_ok(const char *page, const char *u);
/* A URL from the page made safe to show: control characters out, in place; NULL stays. */
char *dom_url_clean(char *u);
/* Case-insensitive substring tests against a NULL-terminated list. */
int dom_has_any(const char *hay, const char *const *needles);
int dom_has_sub(const char *hay, const char *needle);
size_t dom_utf8_len(const char *s);
/* Collapses each run of whitespace to one space, or to one newline when the run holds a
 * newline (a <br> in the paragraph), and trims both ends; in place. The extractor and the
 * renderer must agree on this. */
void text_collapse_lines(char *t);

/* --- tables (extract_dom.c) --- */
/* A data table's cells as flattened text lines, so the body keeps its rows: cells of a row
 * in order (a <th> marked head), rows of thead, tbody and tfoot in order, empty rows out. */
#define TABLE_MAX_COLS 64
#define TABLE_MAX_CELL 200   /* characters: a longer cell is a layout grid's text block */
#define TABLE_MEAN_CELL 80
struct tcell {
	char *text;
	int head;
};
struct trow {
	struct tcell *cells;
	size_t n;
};
struct ttable {
	struct trow *rows;
	size_t nrows, ncols;
	char *caption;        /* NULL when none */
};
/* NULL for a layout table: fewer than two rows or two columns, a cell over TABLE_MAX_CELL
 * characters or a mean over TABLE_MEAN_CELL, a nested table, role=presentation. */
struct ttable *table_read(const xmlNode *table);
void table_free(struct ttable *t);

/* --- figures (extract_figures.c) --- */
/* Split "Caption text. Photo: Jane Doe/Agency" into caption and credit, in place of
 * *caption; *credit gets a new string or stays as it was. */
void credit_split(char **caption, char **credit);
/* 1 when a text is nothing but a page's interface words ("Hide caption", "Enlarge this
 * image", "Close"): never a caption. */
int figure_ui_phrase(const char *s);
/* Removes "Photo:", "Photograph by", "Image:" and the like from a credit, in place. */
void credit_strip_prefix(char *credit);
/* Add a figure, merging with one that has the same image or caption. Takes ownership. */
void article_figure_add(struct article *a, char *image, char *caption, char *credit);
/* Figures [from, to) move ahead of figures [0, from), keeping their own order. */
void article_figures_rotate(struct article *a, size_t from, size_t to);

/* --- the extraction's state (extract.c, extract_meta.c, extract_more.c) --- */
enum {
	F_SKIP = 1,     /* never text: script, hidden, ... */
	F_DROP = 2,     /* boilerplate: navigation, share bars, ... */
	F_MORE = 4,     /* a "more from" section */
	F_ART = 8,      /* the subtree holds <article>, <main> or itemprop=articleBody */
	F_FIGSEEN = 16, /* already read as a figure */
	F_IN = 32,      /* part of the body */
	F_UNL = 64,     /* dropped as an unlikely candidate (undone when nothing is left) */
	F_NOCLASS = 128, /* its class words were wrong about it: they do not score it */
	F_LOOSE = 256   /* text written straight into it scored as a paragraph */
};

struct ninfo {
	unsigned flags;
	size_t text, link, commas;
	double score;
	double ptext; /* text of the paragraphs below, less their link text */
	size_t para;  /* the same before any class word has a say (para_count) */
	int scored;
	double run;   /* running text below: paragraphs that are not teasers (a link and a line) */
};

#define INFO(n) ((struct ninfo *)(n)->_private)

struct ex {
	htmlDocPtr doc;
	xmlNode *root, *body;
	struct ninfo *pool;
	size_t npool, used;
	const char *base;
	struct article *a;
	char *ld_body;      /* JSON-LD articleBody */
	char *desc;         /* og:description or description: the last fallback body */
	char *descs[4];     /* the page's descriptions (meta, OpenGraph, Twitter, JSON-LD),
			       each once: what a standfirst may agree with */
	char *base_href;    /* <base href>, resolved: what relative links are relative to */
	const char *title_for_body;
	xmlNode *top;       /* the body's container */
	const xmlNode *byline_node; /* the element the header's byline was read from */
	xmlNode *last_img;  /* the last image the body walk passed, for a caption after it */
	int top_seen;       /* figure_scan_around has reached the body's container */
	size_t nfig_before; /* figures then, those found before it included */
};


/* --- class/id and shape (extract_dom.c) --- */
/* Class and id tokens against exact words and prefixes ("ad" must not hit "header"); the
 * class alone for a heading whose id is an anchor made from its own words. */
int dom_tokens_match(const xmlNode *n, const char *const *exact, const char *const *prefix);
/* 1 when a class or id token ends in one of the suffixes after two letters or more
 * ("articleLead" ends in "lead"). */
int dom_tokens_end(const xmlNode *n, const char *const *suffix);
/* Substrings of the lower-case class and id (and data-component/data-module). */
int dom_classid_has(const xmlNode *n, const char *const *subs);
/* Link text over text, from the info pass. */
double dom_link_density(const xmlNode *n);
/* 1 when n is anc or inside it. */
int dom_contains(const xmlNode *anc, const xmlNode *n);
int dom_is_heading(const xmlNode *n);
int dom_is_block(const xmlNode *n);
/* 1 when an element child of n is a block. */
int dom_has_block_child(const xmlNode *n);
/* An embedded post (a quoted tweet) within a few levels: story even in a "social" box. */
int dom_holds_quote(const xmlNode *n, int depth);
/* A box named paywall/premium/subscriber that holds two or more paragraphs of the story
 * (the page carries the text and only hides it): story, not a paywall notice. */
int dom_paywalled_story(const xmlNode *n);

/* --- words (extract_words.c) --- */
/* "Advertisement", "Share this story" and the like: a block that is only that. */
int words_boiler_line(const char *t);
/* "Follow us on Instagram", "Subscribe now to our edition": the reader asked to
 * subscribe, follow or join somewhere; never story. */
int words_call_to_action(const char *t);
/* The buffer as a one-line cleaned string, or NULL when empty; frees the buffer. */
char *words_take_line(struct sbuf *b);
/* Lower case for ASCII, Latin-1 letters and Cyrillic, in place, same length. */
void words_fold_case(char *s);
/* 1 when a text is the heading of a more-from or most-popular section. */
int words_section_heading(const char *t);
/* The heading of a more-from section ("More from ...", "Related", "Read next"). */
int words_says_more(const char *t);
/* 1 when a line starts with such a heading as its label: "Lesen Sie auch: ...",
 * "Lee también... ", "Related | ...". */
int words_lead_says_more(const char *t);
/* The heading of a most-popular or paid list ("Most read", "Trending", "Sponsored"). */
int words_says_popular(const char *t);

/* --- figures in the page (extract_figures.c) --- */
/* The image, caption and credit of a figure-like element (each may be NULL; the caller
 * frees them); marks the element read. */
void figure_read(struct ex *x, xmlNode *n, struct figure *out);
/* A figure-like element read and added to the article unless it holds nothing. */
void figure_take(struct ex *x, xmlNode *n);
/* Figures around the body (a lead photo above it) below n. */
void figure_scan_around(struct ex *x, xmlNode *n);
/* An element holding a caption or a credit, by its class. */
int figure_is_caption(const xmlNode *n);
/* A photo box without <figure>: one image and boxes of caption or credit class, no other
 * text or link ("<div><img><div class=caption>..</div><div class=credit>..</div></div>"). */
int figure_box(const xmlNode *n);
/* An image's alt text as a caption, when it is a phrase and not the headline (nor title,
 * a teaser's headline); NULL otherwise, and for an image linking to another page unless
 * title (a teaser's) is given. The caller frees it. */
char *figure_alt_caption(struct ex *x, const xmlNode *img, const char *title);
/* 1 when a short text is a credit by its first words: "Photo: X", "Foto: X", "© X". */
int credit_marked(const char *s);
int credit_trailing(const char *s);
/* The first <img> (or <source srcset>) below n, and its absolute URL (lazy-loading
 * attributes first, then src, then srcset's first candidate); NULL when none. */
xmlNode *figure_find_img(xmlNode *n, int depth);
char *figure_img_url(struct ex *x, xmlNode *img);

/* --- metadata (extract_meta.c) and more-from sections (extract_more.c) --- */
/* Length of "By ", "Reporter: " and the like at the start of a byline, else 0. */
size_t meta_byline_prefix(const char *b);
/* --- bylines (extract_byline.c) --- */
/* A byline element's text, a line per block; NULL when it has none. */
char *byline_lines(const xmlNode *n);
/* Where a date starts inside a byline, or -1. */
long byline_date_at(const char *b);
/* Cuts the date off a byline; the date part into *date (when wanted and still NULL). */
void byline_cut_date(char *b, char **date);
/* 1 when a line is a byline by its words: "By" and a name, a role or date after it. */
int meta_by_line(const char *t);
/* Metadata into x->a (and x->ld_body, JSON-LD figures). */
void meta_read(struct ex *x);
/* Finds "more from" sections, fills x->a->more and marks them F_MORE. */
void more_find(struct ex *x);
/* What extract_more.c and extract_shape.c share: links below n (as a list of siblings);
 * a heading or title-classed element; the first such below n; a link text that reads
 * as a headline; two URLs of one page; the story's own element at or below p; text in
 * anc before h; marking a section F_MORE; the teasers of the links below n (up to stop)
 * added to x->a->more under the heading section. */
int more_links_in(xmlNode *n, int depth);
int more_title_like(const xmlNode *n);
xmlNode *more_first_title(xmlNode *n, int depth);
int more_title_ok(const char *t);
int more_same_page(const char *a, const char *b);
int more_link_not_story(const char *u, const char *page);
int more_holds_story(const xmlNode *p, int depth);
size_t more_text_before(const xmlNode *anc, const xmlNode *h);
void more_mark(xmlNode *n);
void more_add_links(struct ex *x, xmlNode *n, xmlNode *sec, xmlNode *head,
		    const char *section, int *count, int depth, const xmlNode *stop);
/* (extract_shape.c) The story's headline element, NULL when none; whether a comes before
 * b in the page; a heading h after the headline over a list of teasers taken as a
 * more-from section. */
xmlNode *more_headline(struct ex *x);
int more_node_before(const xmlNode *a, const xmlNode *b);
void more_by_shape(struct ex *x, xmlNode *h, const char *text, const xmlNode *anchor);

/* --- the lead (extract_lead.c) --- */
/* The lead blocks after the headline (<h1>, or from the start when there is none) inside
 * scope, a short <header> in the body; at most max, in page order. */
size_t lead_in(xmlNode *scope, xmlNode **out, size_t max);
/* The standfirst into x->a->standfirst: after body_build, which it must not repeat. */
void standfirst_find(struct ex *x);

/* --- the body (extract_body.c) --- */
/* Walks x->top (and its marked siblings) into x->a->body and body_html, reads the figures
 * around it, and falls back to JSON-LD articleBody when the walk found much less. */
void body_build(struct ex *x);

/* --- dates --- */
int64_t extract_date(const char *s);
/* The month (1-12) a lower-case word of k bytes names, in several languages; 0 for none. */
int date_month_named(const char *w, size_t k);

#endif
