/* feed_item: the values a feed and its current item collect (first one wins), and the
 * feed record and items built from them at the end of each, with their fallbacks. */
#include "config.h"
#include "feed_int.h"
#include "crier/html.h"
#include "crier/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What text_clean would change: C0 controls but tab and newline, DEL, C1 controls
 * (U+0080-U+009F, encoded C2 80-9F) and bidi controls (is_bidi). The filter already made
 * the text valid UTF-8, so most fields need nothing, and this check is far cheaper than
 * the cleaning. A constant:
 * a JSON Feed is read without the XML filter that used to fill it in (its titles kept
 * their ESC), and the reader's reload parses on a thread of its own. */
#define DL(c) [c] = 1
static const unsigned char dirty_line[256] = {
	DL(0x00), DL(0x01), DL(0x02), DL(0x03), DL(0x04), DL(0x05), DL(0x06), DL(0x07),
	DL(0x08), DL(0x09), DL(0x0A), DL(0x0B), DL(0x0C), DL(0x0D), DL(0x0E), DL(0x0F),
	DL(0x10), DL(0x11), DL(0x12), DL(0x13), DL(0x14), DL(0x15), DL(0x16), DL(0x17),
	DL(0x18), DL(0x19), DL(0x1A), DL(0x1B), DL(0x1C), DL(0x1D), DL(0x1E), DL(0x1F),
	DL(' '), DL(0x7F), DL(0xC2), DL(0xD8), DL(0xE2), DL(0xEF)};
#undef DL

/* Whether the bytes at u (a lead byte D8, E2 or EF) are a bidi control that cleaning
 * removes (text_is_invisible_control: U+061C, U+200E-U+200F, U+202A-U+202E,
 * U+2066-U+206F, U+FEFF). Reads past u only while the bytes match, never past a NUL. */
static int is_bidi(const unsigned char *u)
{
	if (u[0] == 0xD8)
		return u[1] == 0x9C;
	if (u[0] == 0xEF)
		return u[1] == 0xBB && u[2] == 0xBF;
	return u[0] == 0xE2 && ((u[1] == 0x80 && (u[2] == 0x8E || u[2] == 0x8F
						 || (u[2] >= 0xAA && u[2] <= 0xAE)))
				|| (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xAF));
}

static int has_bidi(const char *s, size_t n)
{
	static const unsigned char lead[] = {0xD8, 0xE2, 0xEF};
	for (size_t i = 0; i < sizeof lead; i++) {
		const unsigned char *q = (const unsigned char *)s, *end = q + n;
		while ((q = memchr(q, lead[i], (size_t)(end - q))) != NULL) {
			if (is_bidi(q))
				return 1;
			q++;
		}
	}
	return 0;
}

static int needs_clean(const char *s)
{
	/* Every source of text here (libxml2's characters and attributes, the HTML
	 * decoder) already excludes C0 controls but tab, newline and CR: what is left to
	 * look for is CR, DEL and C1 (C2 80-9F), which memchr finds fast. */
	size_t n = strlen(s);
	const char *q = s, *end = s + n;
	if (memchr(s, '\r', n) || memchr(s, 0x7F, n))
		return 1;
	while ((q = memchr(q, 0xC2, (size_t)(end - q))) != NULL) {
		if ((unsigned char)q[1] >= 0x80 && (unsigned char)q[1] <= 0x9F)
			return 1;
		q++;
	}
	/* a bidi override (U+202E) shows the text in an order other than its own */
	return has_bidi(s, n);
}

/* For one-line fields: also runs of white space, white space at the ends, and
 * no-break spaces (collapsed too). */
static int needs_clean_line(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (*u == ' ')
		return 1;
	for (; *u; u++) {
		if (!dirty_line[*u])
			continue;
		if (*u == ' ') {
			if (u[1] == ' ' || u[1] == '\0')
				return 1;
			continue;
		}
		if (*u == 0xC2 ? u[1] >= 0x80 && u[1] <= 0xA0 : *u < 0x80 || is_bidi(u))
			return 1;
	}
	return 0;
}

/* C1 controls (U+0080-U+009F, from raw bytes or from &#146;-style references) are what
 * windows-1252 text became on its way into the feed: read as windows-1252, as browsers
 * and feedparser do, not dropped. s is freed; the result is a new string. */
static char *c1_as_cp1252(char *s)
{
	static const unsigned short hi[32] = {
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
	struct sbuf b = SBUF_INIT;
	const unsigned char *u = (const unsigned char *)s;
	if (!strstr(s, "\xC2"))
		return s;
	for (; *u; u++) {
		if (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F) {
			unsigned cp = hi[u[1] - 0x80];
			u++;
			if (cp) {
				char o[4];
				sbuf_add(&b, o, html_utf8_put(cp, o));
			}
			continue;
		}
		sbuf_addc(&b, (char)*u);
	}
	free(s);
	return b.s ? sbuf_steal(&b) : xstrdup("");
}

char *feed_clean_text(char *s)
{
	if (s && needs_clean(s)) {
		s = c1_as_cp1252(s);
		text_clean(s);
	}
	return s;
}



void feed_slot_set(struct slots *s, enum slot k, char *v, int text)
{
	if (!v)
		return;
	if (s->v[k] || !*v) {
		free(v);
		return;
	}
	s->v[k] = v;
	s->text[k] = (unsigned char)text;
}

void feed_slots_free(struct slots *s)
{
	for (int i = 0; i < S_COUNT; i++)
		free(s->v[i]);
	memset(s, 0, sizeof *s);
}

char *feed_clean_line(char *s)
{
	if (s && needs_clean_line(s)) {
		s = c1_as_cp1252(s);
		text_clean_line(s);
	}
	if (s && !*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* An IRI written as a URI (RFC 3987 3.1): bytes outside ASCII, spaces and the characters
 * a URI may not hold are percent-encoded in UTF-8, outside the host (a name there is
 * IDNA's business); NULL when nothing needs it. libxml2 cannot resolve a reference that
 * holds them and would hand the relative one back. */
static char *iri_to_uri(const char *s)
{
	const char *p = s, *auth_end = s;
	struct sbuf b = SBUF_INIT;
	size_t n = strcspn(s, ":/?#");
	if (s[n] == ':' && s[n + 1] == '/' && s[n + 2] == '/')
		auth_end = s + n + 3 + strcspn(s + n + 3, "/?#");
	else if (s[0] == '/' && s[1] == '/')
		auth_end = s + 2 + strcspn(s + 2, "/?#");
	for (p = auth_end; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80 || c <= 0x20 || strchr("\"<>\\^`{|}", c))
			break;
	}
	if (!*p)
		return NULL;
	sbuf_add(&b, s, (size_t)(auth_end - s));
	for (p = auth_end; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80 || c <= 0x20 || strchr("\"<>\\^`{|}", c))
			sbuf_printf(&b, "%%%02X", c);
		else
			sbuf_addc(&b, (char)c);
	}
	return sbuf_steal(&b);
}

int feed_has_no_scheme(const char *s)
{
	size_t n = strcspn(s, ":/?#");
	if (s[n] != ':' || n == 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.')
			return 1;
	return 0;
}

char *feed_resolve(const char *base, const char *ref)
{
	char *eb = NULL, *er, *r;
	if (!ref)
		return NULL;
	if (base && feed_has_no_scheme(ref)) {
		/* only a reference that needs resolving: an absolute link stays as written,
		 * so the items already stored under it keep their identity */
		er = iri_to_uri(ref);
		eb = iri_to_uri(base);
	} else {
		er = NULL;
	}
	r = url_resolve(eb ? eb : base, er ? er : ref);
	free(eb);
	free(er);
	return feed_clean_line(r);
}

/* An item's picture candidate (media:thumbnail, itunes:image); takes abs, which may be
 * NULL, and keeps it while there is room. */
void feed_thumb_add(struct feed_parser *p, char *abs)
{
	if (abs && p->nthumbs < MAX_LIST) {
		p->thumbs = xrealloc(p->thumbs, (p->nthumbs + 1) * sizeof *p->thumbs);
		p->thumbs[p->nthumbs++] = abs;
	} else {
		free(abs);
	}
}

void feed_media_clear(struct feed_media *m)
{
	free(m->url);
	free(m->type);
	free(m->title);
	free(m->caption);
	free(m->credit);
}

/* ---- item state ---- */

void feed_item_reset(struct feed_parser *p)
{
	feed_slots_free(&p->item);
	for (size_t i = 0; i < p->ncats; i++)
		free(p->cats[i]);
	free(p->cats);
	p->cats = NULL;
	p->ncats = 0;
	for (size_t i = 0; i < p->nencs; i++) {
		free(p->encs[i].url);
		free(p->encs[i].type);
	}
	free(p->encs);
	p->encs = NULL;
	p->nencs = 0;
	for (size_t i = 0; i < p->nmedia; i++)
		feed_media_clear(&p->media[i]);
	free(p->media);
	p->media = NULL;
	p->nmedia = 0;
	for (size_t i = 0; i < p->nthumbs; i++)
		free(p->thumbs[i]);
	free(p->thumbs);
	p->thumbs = NULL;
	p->nthumbs = 0;
	free(p->group_desc);
	free(p->group_credit);
	free(p->group_title);
	p->group_desc = p->group_credit = p->group_title = NULL;
	p->in_mcontent = 0;
}

void feed_add_category(struct feed_parser *p, char *c)
{
	c = feed_clean_line(c);
	if (!c)
		return;
	for (size_t i = 0; i < p->ncats; i++)
		if (strcmp(p->cats[i], c) == 0) {
			free(c);
			return;
		}
	if (p->ncats >= MAX_LIST) {
		free(c);
		return;
	}
	p->cats = xrealloc(p->cats, (p->ncats + 1) * sizeof *p->cats);
	p->cats[p->ncats++] = c;
}

/* Enclosure lengths: a whole number of bytes, else unknown (-1, null in JSON). */
static long long parse_length(const char *s)
{
	long long v = 0;
	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		if (v > (1LL << 53))
			return -1;
		v = v * 10 + (*s - '0');
	}
	while (isspace((unsigned char)*s))
		s++;
	return *s ? -1 : v;
}

/* itunes:duration: seconds, or [[H:]M:]S as podcasts write it ("1:02:03", "62:03");
 * 0 when it is neither. */
long long feed_parse_duration(const char *s)
{
	long long total = 0;
	int fields = 0;
	while (isspace((unsigned char)*s))
		s++;
	for (;;) {
		long long part = 0;
		if (!isdigit((unsigned char)*s) || ++fields > 3)
			return 0;
		for (; isdigit((unsigned char)*s); s++) {
			if (part > (1LL << 40))
				return 0;
			part = part * 10 + (*s - '0');
		}
		total = total * 60 + part;
		if (*s != ':')
			break;
		s++;
	}
	if (*s == '.') /* fractions of a second are dropped */
		for (s++; isdigit((unsigned char)*s); s++)
			;
	while (isspace((unsigned char)*s))
		s++;
	return *s ? 0 : total;
}

void feed_add_enclosure(struct feed_parser *p, char *url, char *type, char *len)
{
	url = feed_clean_line(url);
	type = feed_clean_line(type);
	if (!url || p->nencs >= MAX_LIST) {
		free(url);
		free(type);
		free(len);
		return;
	}
	for (size_t i = 0; i < p->nencs; i++)
		if (strcmp(p->encs[i].url, url) == 0) {
			free(url);
			free(type);
			free(len);
			return;
		}
	p->encs = xrealloc(p->encs, (p->nencs + 1) * sizeof *p->encs);
	p->encs[p->nencs].url = url;
	p->encs[p->nencs].type = type;
	p->encs[p->nencs].length = parse_length(len);
	p->encs[p->nencs].duration = 0;
	p->nencs++;
	free(len);
}

/* ---- feed and item out ---- */

static int64_t first_date(struct slots *s, const enum slot *order, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s->v[order[i]]) {
			int64_t t = date_parse(s->v[order[i]]);
			if (t != CRIER_NO_DATE)
				return t;
		}
	}
	return CRIER_NO_DATE;
}

static const char *first_of(struct slots *s, const enum slot *order, size_t n, enum slot *which)
{
	for (size_t i = 0; i < n; i++)
		if (s->v[order[i]]) {
			if (which)
				*which = order[i];
			return s->v[order[i]];
		}
	return NULL;
}
#define FIRST(s, ...) first_of((s), (const enum slot[]){__VA_ARGS__}, \
	sizeof((const enum slot[]){__VA_ARGS__}) / sizeof(enum slot), NULL)
#define FIRST_DATE(s, ...) first_date((s), (const enum slot[]){__VA_ARGS__}, \
	sizeof((const enum slot[]){__VA_ARGS__}) / sizeof(enum slot))

int feed_emit_info(struct feed_parser *p)
{
	struct feed_info f;
	struct slots *s = &p->feed;
	int r = 0;
	if (p->feed_sent)
		return 0;
	p->feed_sent = 1;
	f.title = (char *)FIRST(s, S_TITLE, S_DC_TITLE);
	f.link = (char *)FIRST(s, S_LINK, S_ALT_LINK, S_ANY_LINK);
	f.description = (char *)FIRST(s, S_DESCRIPTION, S_SUBTITLE, S_IT_SUMMARY,
				      S_DC_DESCRIPTION, S_IT_SUBTITLE);
	f.language = (char *)FIRST(s, S_LANGUAGE, S_DC_LANGUAGE, S_XML_LANG);
	/* en_US is a locale name; the language tag is en-US */
	for (char *c = f.language; c && *c; c++)
		if (*c == '_')
			*c = '-';
	f.image = (char *)FIRST(s, S_IMAGE_URL, S_LOGO, S_IT_IMAGE, S_M_IMAGE, S_ICON);
	f.updated = FIRST_DATE(s, S_UPDATED, S_MODIFIED, S_LASTBUILD, S_DC_DATE, S_DCT_MODIFIED,
			       S_PUBDATE, S_PUBLISHED);
	if (p->cb.on_feed)
		r = p->cb.on_feed(p->cb.ctx, &f);
	if (r) {
		p->stopped = 1;
		xmlStopParser(p->ctxt);
	}
	return r;
}

/* FNV-1a, 64 bits: a stable id for items with neither guid nor link. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void feed_emit_item(struct feed_parser *p)
{
	struct feed_item it;
	struct slots *s = &p->item;
	enum slot which;
	char idbuf[40];
	char *author = NULL;
	int r = 0;

	if (!p->feed_sent && feed_emit_info(p))
		return;
	memset(&it, 0, sizeof it);
	it.title = (char *)FIRST(s, S_TITLE, S_DC_TITLE, S_M_TITLE);
	it.link = (char *)FIRST(s, S_LINK, S_ALT_LINK, S_GUID_LINK, S_ANY_LINK);
	it.id = (char *)FIRST(s, S_GUID, S_ID, S_RDF_ABOUT);
	it.published = FIRST_DATE(s, S_PUBDATE, S_DC_DATE, S_PUBLISHED, S_ISSUED, S_CREATED,
				  S_DCT_ISSUED, S_DCT_CREATED);
	it.updated = FIRST_DATE(s, S_UPDATED, S_MODIFIED, S_DCT_MODIFIED, S_DC_DATE);
	/* as feedparser answers "updated": the publication date when nothing newer is known */
	if (it.updated == CRIER_NO_DATE)
		it.updated = it.published;
	if (!it.id)
		it.id = it.link;
	if (!it.id && (it.title || it.published != CRIER_NO_DATE)) {
		char d[32];
		uint64_t h = fnv1a(0xcbf29ce484222325ULL, it.title);
		snprintf(d, sizeof d, "\n%lld", (long long)(it.published != CRIER_NO_DATE ?
							      it.published : it.updated));
		h = fnv1a(h, d);
		snprintf(idbuf, sizeof idbuf, "%016llx", (unsigned long long)h);
		it.id = idbuf;
	}
	it.author = (char *)FIRST(s, S_AUTHOR, S_DC_CREATOR);
	if (!it.author && (s->v[S_A_AUTHOR_NAME] || s->v[S_A_AUTHOR_EMAIL])) {
		struct sbuf b = SBUF_INIT;
		if (s->v[S_A_AUTHOR_NAME] && s->v[S_A_AUTHOR_EMAIL])
			sbuf_printf(&b, "%s (%s)", s->v[S_A_AUTHOR_NAME], s->v[S_A_AUTHOR_EMAIL]);
		else
			sbuf_adds(&b, s->v[S_A_AUTHOR_NAME] ? s->v[S_A_AUTHOR_NAME]
							    : s->v[S_A_AUTHOR_EMAIL]);
		author = sbuf_steal(&b);
		it.author = author;
	}
	if (!it.author)
		it.author = (char *)FIRST(s, S_IT_AUTHOR);
	which = S_COUNT;
	it.summary = (char *)first_of(s, (const enum slot[]){S_DESCRIPTION, S_SUMMARY,
				      S_IT_SUMMARY, S_DC_DESCRIPTION, S_IT_SUBTITLE}, 5, &which);
	it.summary_type = it.summary ? (s->text[which] ? "text" : "html") : NULL;
	it.content = (char *)first_of(s, (const enum slot[]){S_CONTENT_ENCODED, S_CONTENT}, 2,
				      &which);
	it.content_type = it.content ? (s->text[which] ? "text" : "html") : NULL;
	if (!it.summary && it.content) {
		/* content alone: it is the summary too (feedparser does the same) */
		it.summary = it.content;
		it.summary_type = it.content_type;
	}
	it.categories = p->cats;
	it.ncategories = p->ncats;
	it.enclosures = p->encs;
	it.nenclosures = p->nencs;
	if (s->v[S_IT_DURATION]) {
		long long d = feed_parse_duration(s->v[S_IT_DURATION]);
		for (size_t i = 0; i < p->nencs; i++)
			if (p->encs[i].duration <= 0)
				p->encs[i].duration = d;
	}
	/* Item-level media:description / media:credit describe every media entry; with no
	 * media:content, the thumbnails are the item's media. */
	if (p->nmedia == 0) {
		for (size_t i = 0; i < p->nthumbs && i < MAX_LIST; i++) {
			p->media = xrealloc(p->media, (p->nmedia + 1) * sizeof *p->media);
			memset(&p->media[p->nmedia], 0, sizeof *p->media);
			p->media[p->nmedia].url = p->thumbs[i];
			p->thumbs[i] = NULL;
			p->nmedia++;
		}
	}
	for (size_t i = 0; i < p->nmedia; i++) {
		struct feed_media *m = &p->media[i];
		if (!m->caption && s->v[S_M_DESCRIPTION])
			m->caption = xstrdup(s->v[S_M_DESCRIPTION]);
		if (!m->credit && s->v[S_M_CREDIT])
			m->credit = xstrdup(s->v[S_M_CREDIT]);
		if (!m->title && s->v[S_M_TITLE])
			m->title = xstrdup(s->v[S_M_TITLE]);
	}
	{
		/* a media entry without a URL (a player, a bare group) shows nothing */
		size_t w = 0;
		for (size_t i = 0; i < p->nmedia; i++) {
			struct feed_media *m = &p->media[i];
			if (!m->url) {
				feed_media_clear(m);
				continue;
			}
			p->media[w++] = *m;
		}
		p->nmedia = w;
	}
	it.media = p->media;
	it.nmedia = p->nmedia;
	if (!it.summary) {
		/* video feeds describe an entry only in Media RSS (feedparser reads it so) */
		it.summary = s->v[S_M_DESCRIPTION];
		for (size_t i = 0; !it.summary && i < p->nmedia; i++)
			it.summary = p->media[i].caption;
		if (it.summary)
			it.summary_type = "text";
	}
	if (p->cb.on_item)
		r = p->cb.on_item(p->cb.ctx, &it);
	free(author);
	if (r) {
		p->stopped = 1;
		xmlStopParser(p->ctxt);
	}
}

/* ---- copies ---- */

struct feed_item *feed_item_dup(const struct feed_item *it)
{
	struct feed_item *d = xcalloc(1, sizeof *d);
	d->title = xstrdup(it->title);
	d->link = xstrdup(it->link);
	d->id = xstrdup(it->id);
	d->author = xstrdup(it->author);
	d->summary = xstrdup(it->summary);
	d->content = xstrdup(it->content);
	d->summary_type = it->summary_type;
	d->content_type = it->content_type;
	d->published = it->published;
	d->updated = it->updated;
	if (it->ncategories) {
		d->categories = xcalloc(it->ncategories, sizeof *d->categories);
		for (size_t i = 0; i < it->ncategories; i++)
			d->categories[i] = xstrdup(it->categories[i]);
		d->ncategories = it->ncategories;
	}
	if (it->nenclosures) {
		d->enclosures = xcalloc(it->nenclosures, sizeof *d->enclosures);
		for (size_t i = 0; i < it->nenclosures; i++) {
			d->enclosures[i].url = xstrdup(it->enclosures[i].url);
			d->enclosures[i].type = xstrdup(it->enclosures[i].type);
			d->enclosures[i].length = it->enclosures[i].length;
			d->enclosures[i].duration = it->enclosures[i].duration;
		}
		d->nenclosures = it->nenclosures;
	}
	if (it->nmedia) {
		d->media = xcalloc(it->nmedia, sizeof *d->media);
		for (size_t i = 0; i < it->nmedia; i++) {
			d->media[i].url = xstrdup(it->media[i].url);
			d->media[i].type = xstrdup(it->media[i].type);
			d->media[i].title = xstrdup(it->media[i].title);
			d->media[i].caption = xstrdup(it->media[i].caption);
			d->media[i].credit = xstrdup(it->media[i].credit);
		}
		d->nmedia = it->nmedia;
	}
	return d;
}

void feed_item_free(struct feed_item *it)
{
	if (!it)
		return;
	free(it->title);
	free(it->link);
	free(it->id);
	free(it->author);
	free(it->summary);
	free(it->content);
	for (size_t i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (size_t i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	for (size_t i = 0; i < it->nmedia; i++)
		feed_media_clear(&it->media[i]);
	free(it->media);
	free(it);
}

