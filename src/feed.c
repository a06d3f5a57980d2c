/* feed: RSS and Atom through libxml2's SAX2 push parser. Bytes go first through a small
 * filter (encoding to UTF-8, bad bytes and bare '&' / '<' repaired, control characters
 * dropped), then into libxml2, whose callbacks keep only a stack of elements and the
 * current item: memory follows the largest item, never the document.
 *
 * Safety: no DTD loading, no network, no external entities (no resolveEntity), entities
 * declared in an internal subset are expanded only when they are short plain text and
 * within a total budget; undeclared HTML entity names (&nbsp; &eacute;) are answered from
 * libxml2's HTML table as a browser would. */
#include "config.h"
#include "crier/feed.h"
#include "crier/date.h"
#include "feed_html.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include <libxml/hash.h>
#include <libxml/HTMLparser.h>

#define MAX_WARNINGS 50
#define MAX_FIELD (4u << 20)        /* a single field longer than this is cut */
#define MAX_ENTITY_LEN 1024         /* internal-subset entities longer are not expanded */
#define MAX_ENTITY_TOTAL (1u << 20) /* nor once this many bytes were expanded */
#define MAX_DEPTH 256
#define TAG_CACHE 256
#define MAX_LIST 1000               /* categories, enclosures, media per item */

/* Namespaces, folded: every RSS flavour's namespace is "none". */
enum ns { NS_NONE, NS_ATOM, NS_CONTENT, NS_DC, NS_DCTERMS, NS_MEDIA, NS_ITUNES, NS_RDF,
	  NS_XHTML, NS_OTHER };

static const struct {
	const char *uri;
	enum ns ns;
} ns_table[] = {
	{"http://purl.org/rss/1.0/", NS_NONE},
	{"http://my.netscape.com/rdf/simple/0.9/", NS_NONE},
	{"http://backend.userland.com/rss2", NS_NONE},
	{"http://backend.userland.com/rss", NS_NONE},
	{"http://blogs.law.harvard.edu/tech/rss", NS_NONE},
	{"http://purl.org/net/rss1.1#", NS_NONE},
	{"http://www.w3.org/2005/Atom", NS_ATOM},
	{"http://purl.org/atom/ns#", NS_ATOM},
	{"http://www.w3.org/2005/atom", NS_ATOM},
	{"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
	{"http://purl.org/dc/elements/1.1/", NS_DC},
	{"http://purl.org/dc/elements/1.0/", NS_DC},
	{"http://purl.org/dc/terms/", NS_DCTERMS},
	{"http://search.yahoo.com/mrss/", NS_MEDIA},
	{"http://search.yahoo.com/mrss", NS_MEDIA},
	{"http://video.search.yahoo.com/mrss", NS_MEDIA},
	{"http://video.search.yahoo.com/mrss/", NS_MEDIA},
	{"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
	{"http://www.itunes.com/DTDs/Podcast-1.0.dtd", NS_ITUNES},
	{"http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF},
	{"http://www.w3.org/1999/xhtml", NS_XHTML},
};

/* The elements crier understands. */
enum tag {
	T_UNKNOWN,
	/* RSS (no namespace) */
	T_RSS, T_CHANNEL, T_ITEM, T_TITLE, T_LINK, T_DESCRIPTION, T_GUID, T_PUBDATE,
	T_LASTBUILDDATE, T_AUTHOR, T_CATEGORY, T_ENCLOSURE, T_IMAGE, T_URL, T_LANGUAGE,
	/* Atom */
	T_A_FEED, T_A_ENTRY, T_A_TITLE, T_A_LINK, T_A_ID, T_A_UPDATED, T_A_PUBLISHED,
	T_A_SUMMARY, T_A_CONTENT, T_A_SUBTITLE, T_A_TAGLINE, T_A_ISSUED, T_A_MODIFIED,
	T_A_CREATED, T_A_AUTHOR, T_A_NAME, T_A_EMAIL, T_A_CATEGORY, T_A_LOGO, T_A_ICON,
	/* namespaces */
	T_CONTENT_ENCODED, T_DC_CREATOR, T_DC_DATE, T_DC_SUBJECT, T_DC_DESCRIPTION,
	T_DC_LANGUAGE, T_DC_TITLE, T_DCT_MODIFIED, T_DCT_ISSUED, T_DCT_CREATED,
	T_M_CONTENT, T_M_GROUP, T_M_THUMBNAIL, T_M_DESCRIPTION, T_M_CREDIT, T_M_TITLE,
	T_IT_AUTHOR, T_IT_SUMMARY, T_IT_IMAGE, T_IT_SUBTITLE, T_RDF_RDF, T_XHTML_BODY,
};

static const struct {
	enum ns ns;
	const char *name; /* lower case: RSS 0.9x feeds are written in any case */
	enum tag tag;
} tag_table[] = {
	{NS_NONE, "rss", T_RSS}, {NS_NONE, "channel", T_CHANNEL}, {NS_NONE, "item", T_ITEM},
	{NS_NONE, "title", T_TITLE}, {NS_NONE, "link", T_LINK},
	{NS_NONE, "description", T_DESCRIPTION}, {NS_NONE, "guid", T_GUID},
	{NS_NONE, "pubdate", T_PUBDATE}, {NS_NONE, "lastbuilddate", T_LASTBUILDDATE},
	{NS_NONE, "author", T_AUTHOR}, {NS_NONE, "category", T_CATEGORY},
	{NS_NONE, "enclosure", T_ENCLOSURE}, {NS_NONE, "image", T_IMAGE},
	{NS_NONE, "url", T_URL}, {NS_NONE, "language", T_LANGUAGE},
	{NS_ATOM, "feed", T_A_FEED}, {NS_ATOM, "entry", T_A_ENTRY}, {NS_ATOM, "title", T_A_TITLE},
	{NS_ATOM, "link", T_A_LINK}, {NS_ATOM, "id", T_A_ID}, {NS_ATOM, "updated", T_A_UPDATED},
	{NS_ATOM, "published", T_A_PUBLISHED}, {NS_ATOM, "summary", T_A_SUMMARY},
	{NS_ATOM, "content", T_A_CONTENT}, {NS_ATOM, "subtitle", T_A_SUBTITLE},
	{NS_ATOM, "tagline", T_A_TAGLINE}, {NS_ATOM, "issued", T_A_ISSUED},
	{NS_ATOM, "modified", T_A_MODIFIED}, {NS_ATOM, "created", T_A_CREATED},
	{NS_ATOM, "author", T_A_AUTHOR}, {NS_ATOM, "name", T_A_NAME},
	{NS_ATOM, "email", T_A_EMAIL}, {NS_ATOM, "category", T_A_CATEGORY},
	{NS_ATOM, "logo", T_A_LOGO}, {NS_ATOM, "icon", T_A_ICON},
	{NS_CONTENT, "encoded", T_CONTENT_ENCODED}, {NS_DC, "creator", T_DC_CREATOR},
	{NS_DC, "date", T_DC_DATE}, {NS_DC, "subject", T_DC_SUBJECT},
	{NS_DC, "description", T_DC_DESCRIPTION}, {NS_DC, "language", T_DC_LANGUAGE},
	{NS_DC, "title", T_DC_TITLE}, {NS_DCTERMS, "modified", T_DCT_MODIFIED},
	{NS_DCTERMS, "issued", T_DCT_ISSUED}, {NS_DCTERMS, "created", T_DCT_CREATED},
	{NS_MEDIA, "content", T_M_CONTENT}, {NS_MEDIA, "group", T_M_GROUP},
	{NS_MEDIA, "thumbnail", T_M_THUMBNAIL}, {NS_MEDIA, "description", T_M_DESCRIPTION},
	{NS_MEDIA, "credit", T_M_CREDIT}, {NS_MEDIA, "title", T_M_TITLE},
	{NS_ITUNES, "author", T_IT_AUTHOR}, {NS_ITUNES, "summary", T_IT_SUMMARY},
	{NS_ITUNES, "image", T_IT_IMAGE}, {NS_ITUNES, "subtitle", T_IT_SUBTITLE},
	{NS_RDF, "rdf", T_RDF_RDF}, {NS_XHTML, "body", T_XHTML_BODY},
	{NS_XHTML, "div", T_XHTML_BODY},
};

/* What an open element is, for deciding what its children mean. */
enum role { R_DOC, R_IGNORE, R_RSS, R_CHANNEL, R_ITEM, R_IMAGE, R_AUTHOR, R_MGROUP,
	    R_MCONTENT, R_FIELD, R_LEAF };

/* Slots: the values a feed or an item collects, first one wins. Fallbacks between
 * them are decided at the end, so document order does not matter. */
enum slot {
	S_TITLE, S_DC_TITLE, S_LINK, S_ALT_LINK, S_ANY_LINK, S_GUID, S_ID, S_DESCRIPTION,
	S_CONTENT_ENCODED, S_SUMMARY, S_CONTENT, S_SUBTITLE, S_IT_SUMMARY, S_IT_SUBTITLE,
	S_DC_DESCRIPTION, S_AUTHOR, S_DC_CREATOR, S_IT_AUTHOR, S_A_AUTHOR_NAME,
	S_A_AUTHOR_EMAIL, S_PUBDATE, S_DC_DATE, S_PUBLISHED, S_UPDATED, S_ISSUED, S_MODIFIED,
	S_CREATED, S_DCT_MODIFIED, S_DCT_ISSUED, S_DCT_CREATED, S_LASTBUILD, S_LANGUAGE,
	S_DC_LANGUAGE, S_XML_LANG, S_IMAGE_URL, S_LOGO, S_ICON, S_IT_IMAGE,
	S_M_DESCRIPTION, S_M_CREDIT, S_M_TITLE, S_GUID_LINK, S_RDF_ABOUT,
	S_COUNT
};

struct slots {
	char *v[S_COUNT];
	unsigned char text[S_COUNT]; /* the value is plain text, not HTML */
};

/* How a captured element's text is read. */
enum mode {
	M_TEXT,   /* plain text (HTML-looking text is turned into text) */
	M_HTML,   /* HTML (escaped in the XML, or written as child elements) */
	M_ATOM,   /* an Atom text construct: the type attribute decides */
	M_URL,    /* one URL, resolved against xml:base */
	M_RAW,    /* one line of text, as is */
	M_XHTML,  /* child elements serialised back to HTML */
	M_BASE64, /* Atom 0.3 mode="base64" */
};
/* Where a captured value goes. */
enum dest { D_SLOT, D_CATEGORY, D_MEDIA, D_GROUP };
enum kind { K_TEXT, K_HTML };

struct elem {
	enum role role;
	char *base;     /* xml:base in effect */
	int own_base;
};

/* libxml2 interns element names and namespace URIs in its dictionary, so a (name, uri)
 * pointer pair identifies an element kind: classify each kind once. */
struct tag_cache {
	const xmlChar *local, *uri;
	enum ns ns;
	enum tag tag;
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	xmlSAXHandler sax;
	char *doc_url, *name;
	struct feed_callbacks cb;

	/* before the parser exists: the first bytes, to find the encoding */
	struct sbuf head;
	char *charset;       /* the transport's charset, a fallback */
	int started;
	/* the input filter */
	iconv_t cd;          /* (iconv_t)-1 when the input is UTF-8 */
	char carry[128];     /* bytes held back until the next push (< 64 in practice) */
	size_t ncarry;
	char icarry[16];     /* iconv's incomplete sequence */
	size_t nicarry;
	int fstate;          /* 0 markup/text, 1 CDATA, 2 comment, 3 PI, 4 CDATA as text */
	struct sbuf conv, filt;
	int warned_bytes;

	/* document state */
	struct elem *stack;
	size_t depth, cap_stack;
	int format;          /* 0 none yet, 1 RSS, 2 Atom */
	char *root_uri;      /* an unknown namespace on the root, read as root_ns */
	enum ns root_ns;
	int is_feed, root_seen;
	int feed_sent;
	struct slots feed;
	int in_item;
	struct slots item;
	char **cats;
	size_t ncats;
	struct feed_enclosure *encs;
	size_t nencs;
	struct feed_media *media;
	size_t nmedia;
	size_t group_first;  /* first media entry of the open media:group */
	char *group_desc, *group_credit, *group_title;
	char **thumbs;
	size_t nthumbs;
	int in_mcontent;     /* a media:content is open: its media entry is the last one */

	/* the capture of one element's text */
	int capturing;
	size_t cap_depth;    /* stack depth of the captured element */
	enum mode cap_mode;
	enum dest cap_dest;
	enum kind cap_kind;
	enum slot cap_slot;
	struct slots *cap_scope;
	const char *cap_base;
	int cap_html;        /* the text is HTML (Atom type html, escaped mode) */
	int cap_permalink;   /* a guid that is also the link (isPermaLink not false) */
	int cap_xhtml;       /* child elements are serialised */
	size_t cap_skip;     /* depth of an xhtml wrapper div left out, 0 if none */
	int cap_cut;
	struct sbuf cap;
	struct sbuf tmp, tmp2;

	struct tag_cache tags[TAG_CACHE];

	/* entities */
	xmlHashTablePtr ents;     /* name -> our xmlEntity, for text */
	xmlHashTablePtr aents;    /* the same for attribute values */
	xmlHashTablePtr decls;    /* internal subset entities: name -> content */
	size_t ent_total;

	int nwarn;
	int finishing;       /* feed_parser_finish is running */
	int stopped;         /* a callback asked to stop */
	int failed;
	char errbuf[CRIER_ERRSZ];
};

/* ---- warnings ---- */

static void warn(struct feed_parser *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(struct feed_parser *p, long line, const char *fmt, ...)
{
	char msg[CRIER_ERRSZ], full[CRIER_ERRSZ + 64];
	va_list ap;
	if (!p->cb.on_warning)
		return;
	if (++p->nwarn > MAX_WARNINGS) {
		if (p->nwarn == MAX_WARNINGS + 1) {
			snprintf(full, sizeof full, "%s: more problems; not reporting them", p->name);
			p->cb.on_warning(p->cb.ctx, full);
		}
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	text_clean_line(msg);
	if (line > 0)
		snprintf(full, sizeof full, "%s:%ld: %s", p->name, line, msg);
	else
		snprintf(full, sizeof full, "%s: %s", p->name, msg);
	p->cb.on_warning(p->cb.ctx, full);
}

static long cur_line(struct feed_parser *p)
{
	return p->ctxt && p->ctxt->input ? p->ctxt->input->line : 0;
}

static void on_xml_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = e ? e->ctxt : NULL;
	struct feed_parser *p = ctxt ? ctxt->_private : user;
	if (!p || !e)
		return;
	if (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_NAMESPACE ||
	    e->domain == XML_FROM_IO || e->domain == XML_FROM_I18N) {
		if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY)
			; /* reported by our own getEntity */
		else if (e->code == XML_ERR_DOCUMENT_END && p->finishing)
			warn(p, e->line, "the document breaks off before its end%s",
			     p->in_item ? ": the item being read is lost" : "");
		else
			warn(p, e->line, "%s", e->message ? e->message : "parse error");
	}
}

/* libxml2 stops handing out entity references (even &amp;) once a document is known to
 * be ill-formed. We recover from errors instead, so every callback says "still fine";
 * the warnings already told the user. */
#define KEEP_GOING(p) do { if ((p)->ctxt) (p)->ctxt->wellFormed = 1; } while (0)

/* ---- small helpers ---- */

static enum ns ns_of(const xmlChar *uri)
{
	if (!uri || !*uri)
		return NS_NONE;
	for (size_t i = 0; i < sizeof ns_table / sizeof ns_table[0]; i++)
		if (strcmp((const char *)uri, ns_table[i].uri) == 0)
			return ns_table[i].ns;
	/* Atom and RSS 1.0 namespaces are sometimes written with or without a final '/' */
	return NS_OTHER;
}

static enum tag tag_of(enum ns ns, const xmlChar *local)
{
	char low[24];
	size_t n = 0;
	for (; local[n]; n++) {
		if (n + 1 >= sizeof low)
			return T_UNKNOWN;
		low[n] = (char)tolower(local[n]);
	}
	low[n] = '\0';
	for (size_t i = 0; i < sizeof tag_table / sizeof tag_table[0]; i++)
		if (tag_table[i].ns == ns && strcmp(low, tag_table[i].name) == 0)
			return tag_table[i].tag;
	return T_UNKNOWN;
}

/* What text_clean would change: C0 controls but tab and newline, DEL, and C1 controls
 * (U+0080-U+009F, encoded C2 80-9F). The filter already made the text valid UTF-8, so
 * most fields need nothing, and this check is far cheaper than the cleaning. */
static unsigned char dirty_line[256];

static void init_dirty(void)
{
	for (int c = 0; c < 256; c++)
		dirty_line[c] = c < 0x20 || c == 0x7F || c == 0xC2 || c == ' ';
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
	return 0;
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
		if (*u != 0xC2 || (u[1] >= 0x80 && u[1] <= 0xA0))
			return 1;
	}
	return 0;
}

static void clean_text(char *s)
{
	if (s && needs_clean(s))
		text_clean(s);
}

/* Attribute values arrive with references left in them (&#38; and the HTML names we
 * answered): decode them. */
static char *attr_value(const xmlChar **attrs, int nattr, const char *name, enum ns want_ns,
			int any_ns)
{
	for (int i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + i * 5;
		if (strcasecmp((const char *)a[0], name) != 0)
			continue;
		if (!any_ns && ns_of(a[2]) != want_ns)
			continue;
		if (!memchr(a[3], '&', (size_t)(a[4] - a[3])))
			return xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
		{
			struct sbuf b = SBUF_INIT;
			html_decode(&b, (const char *)a[3], (size_t)(a[4] - a[3]));
			return sbuf_steal(&b);
		}
	}
	return NULL;
}

static char *attr_xml(const xmlChar **attrs, int nattr, const char *name)
{
	for (int i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + i * 5;
		if (strcmp((const char *)a[0], name) == 0 && a[1] &&
		    strcmp((const char *)a[1], "xml") == 0) {
			struct sbuf b = SBUF_INIT;
			html_decode(&b, (const char *)a[3], (size_t)(a[4] - a[3]));
			return sbuf_steal(&b);
		}
	}
	return NULL;
}

static void slot_set(struct slots *s, enum slot k, char *v, int text)
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

static void slots_free(struct slots *s)
{
	for (int i = 0; i < S_COUNT; i++)
		free(s->v[i]);
	memset(s, 0, sizeof *s);
}

static char *clean_line(char *s)
{
	if (s && needs_clean_line(s))
		text_clean_line(s);
	if (s && !*s) {
		free(s);
		return NULL;
	}
	return s;
}

static char *resolve(const char *base, const char *ref)
{
	char *r = url_resolve(base, ref);
	return clean_line(r);
}

/* An item's picture candidate (media:thumbnail, itunes:image); takes abs, which may be
 * NULL, and keeps it while there is room. */
static void thumb_add(struct feed_parser *p, char *abs)
{
	if (abs && p->nthumbs < MAX_LIST) {
		p->thumbs = xrealloc(p->thumbs, (p->nthumbs + 1) * sizeof *p->thumbs);
		p->thumbs[p->nthumbs++] = abs;
	} else {
		free(abs);
	}
}

static void media_clear(struct feed_media *m)
{
	free(m->url);
	free(m->type);
	free(m->title);
	free(m->caption);
	free(m->credit);
}

/* ---- item state ---- */

static void item_reset(struct feed_parser *p)
{
	slots_free(&p->item);
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
		media_clear(&p->media[i]);
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

static void add_category(struct feed_parser *p, char *c)
{
	c = clean_line(c);
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

static void add_enclosure(struct feed_parser *p, char *url, char *type, char *len)
{
	url = clean_line(url);
	type = clean_line(type);
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

static int emit_feed(struct feed_parser *p)
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
	f.image = (char *)FIRST(s, S_IMAGE_URL, S_LOGO, S_IT_IMAGE, S_ICON);
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

static void emit_item(struct feed_parser *p)
{
	struct feed_item it;
	struct slots *s = &p->item;
	enum slot which;
	char idbuf[40];
	char *author = NULL;
	int r = 0;

	if (!p->feed_sent && emit_feed(p))
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
				media_clear(m);
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

/* ---- capture ---- */

static void cap_start(struct feed_parser *p, enum mode mode, enum dest dest, enum kind kind,
		      struct slots *scope, enum slot slot)
{
	p->capturing = 1;
	p->cap_depth = p->depth;
	p->cap_mode = mode;
	p->cap_dest = dest;
	p->cap_kind = kind;
	p->cap_scope = scope;
	p->cap_slot = slot;
	p->cap_base = p->stack[p->depth - 1].base;
	p->cap_html = mode == M_HTML;
	p->cap_permalink = 0;
	p->cap_xhtml = 0;
	p->cap_skip = 0;
	p->cap_cut = 0;
	sbuf_reset(&p->cap);
}

/* Atom text constructs: type (1.0) or mode (0.3) says how to read them. */
static void cap_atom_type(struct feed_parser *p, const xmlChar **attrs, int nattr)
{
	char *type = attr_value(attrs, nattr, "type", NS_NONE, 1);
	char *mode = attr_value(attrs, nattr, "mode", NS_NONE, 1);
	p->cap_mode = M_TEXT;
	p->cap_html = 0;
	if (type) {
		for (char *c = type; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!strcmp(type, "html") || !strcmp(type, "text/html")) {
			p->cap_mode = M_HTML;
			p->cap_html = 1;
		} else if (!strcmp(type, "xhtml") || !strcmp(type, "application/xhtml+xml")) {
			p->cap_mode = M_XHTML;
		}
	}
	if (mode) {
		if (!strcasecmp(mode, "escaped")) {
			if (p->cap_mode == M_TEXT && !(type && !strcmp(type, "text/plain"))) {
				p->cap_mode = M_HTML;
				p->cap_html = 1;
			}
		} else if (!strcasecmp(mode, "base64")) {
			p->cap_mode = M_BASE64;
			p->cap_html = type && strstr(type, "html") != NULL;
		} else if (!strcasecmp(mode, "xml") && p->cap_mode != M_TEXT) {
			p->cap_mode = M_XHTML;
		}
	}
	if (p->cap_mode == M_XHTML)
		p->cap_xhtml = 1;
	free(type);
	free(mode);
}

static void b64_decode(struct sbuf *out, const char *s, size_t n)
{
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c >= 'A' && c <= 'Z') d = c - 'A';
		else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
		else if (c >= '0' && c <= '9') d = c - '0' + 52;
		else if (c == '+' || c == '-') d = 62;
		else if (c == '/' || c == '_') d = 63;
		else continue;
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			sbuf_addc(out, (char)((v >> bits) & 0xFF));
		}
	}
}

static void trim_buf(struct sbuf *b, const char **s, size_t *n)
{
	const char *a = sbuf_str(b), *e = a + b->len;
	while (a < e && isspace((unsigned char)*a))
		a++;
	while (e > a && isspace((unsigned char)e[-1]))
		e--;
	*s = a;
	*n = (size_t)(e - a);
}

/* The captured text becomes a value for its destination. */
static char *cap_value(struct feed_parser *p, int *is_text)
{
	struct sbuf *src = &p->cap;
	const char *s;
	size_t n;
	char *v;
	*is_text = 0;
	if (p->cap_mode == M_BASE64) {
		sbuf_reset(&p->tmp2);
		b64_decode(&p->tmp2, sbuf_str(&p->cap), p->cap.len);
		sbuf_reset(&p->cap);
		sbuf_add(&p->cap, sbuf_str(&p->tmp2), p->tmp2.len);
		text_clean(p->cap.s ? p->cap.s : (char *)"");
		p->cap.len = strlen(sbuf_str(&p->cap));
	}
	trim_buf(src, &s, &n);
	if (n == 0)
		return NULL;
	sbuf_reset(&p->tmp);
	switch (p->cap_mode) {
	case M_URL:
		v = xstrndup(s, n);
		{
			char *r = resolve(p->cap_base, v);
			free(v);
			return r;
		}
	case M_RAW:
		return clean_line(xstrndup(s, n));
	default:
		break;
	}
	if (p->cap_kind == K_TEXT) {
		/* titles, names, captions: one line of text */
		if (p->cap_html || p->cap_xhtml ||
		    (p->cap_mode == M_TEXT && p->format != 2 && html_looks_like(s)) ||
		    (p->cap_mode == M_BASE64 && p->cap_html))
			html_to_text(&p->tmp, s, n);
		else
			sbuf_add(&p->tmp, s, n);
		*is_text = 1;
		return clean_line(xstrndup(sbuf_str(&p->tmp), p->tmp.len));
	}
	/* HTML fields */
	if (p->cap_html || p->cap_xhtml || (p->cap_mode == M_BASE64 && p->cap_html)) {
		html_sanitize(&p->tmp, s, n, p->cap_base);
	} else if (p->cap_mode == M_ATOM || p->cap_mode == M_TEXT || p->cap_mode == M_BASE64) {
		/* plain text, kept as text (the *_type keys say so) */
		sbuf_add(&p->tmp, s, n);
		*is_text = 1;
	}
	v = xstrndup(sbuf_str(&p->tmp), p->tmp.len); /* tmp keeps its memory */
	clean_text(v);
	if (!*v) {
		free(v);
		return NULL;
	}
	return v;
}

static void cap_end(struct feed_parser *p)
{
	int is_text;
	char *v;
	p->capturing = 0;
	v = cap_value(p, &is_text);
	if (!v)
		return;
	switch (p->cap_dest) {
	case D_SLOT:
		slot_set(p->cap_scope, p->cap_slot, v, is_text);
		break;
	case D_CATEGORY:
		add_category(p, v);
		break;
	case D_MEDIA:
	case D_GROUP: {
		char **dst = NULL;
		if (p->cap_dest == D_MEDIA && p->nmedia) {
			struct feed_media *m = &p->media[p->nmedia - 1];
			dst = p->cap_slot == S_M_DESCRIPTION ? &m->caption :
			      p->cap_slot == S_M_CREDIT ? &m->credit : &m->title;
		} else if (p->cap_dest == D_GROUP) {
			dst = p->cap_slot == S_M_DESCRIPTION ? &p->group_desc :
			      p->cap_slot == S_M_CREDIT ? &p->group_credit : &p->group_title;
		}
		if (dst && !*dst)
			*dst = v;
		else
			free(v);
		break;
	}
	}
}

/* ---- SAX ---- */

static void cap_add(struct feed_parser *p, const char *s, size_t n)
{
	if (p->cap.len + n > MAX_FIELD) {
		if (!p->cap_cut)
			warn(p, cur_line(p), "a field longer than %u bytes was cut", MAX_FIELD);
		p->cap_cut = 1;
		return;
	}
	sb_put(&p->cap, s, n);
}

static void on_chars(void *user, const xmlChar *ch, int len)
{
	struct feed_parser *p = user;
	KEEP_GOING(p);
	if (!p->capturing || len <= 0)
		return;
	if (p->cap_xhtml) {
		/* serialised HTML: text is escaped again */
		size_t before = p->cap.len;
		html_escape(&p->cap, (const char *)ch, (size_t)len);
		if (p->cap.len > MAX_FIELD) {
			p->cap.len = before;
			p->cap.s[before] = '\0';
		}
		return;
	}
	cap_add(p, (const char *)ch, (size_t)len);
}

static const char *const void_tags[] = {"area", "br", "col", "embed", "hr", "img", "input",
					"link", "meta", "param", "source", "track", "wbr", NULL};

static int is_void(const char *name)
{
	for (const char *const *v = void_tags; *v; v++)
		if (strcasecmp(name, *v) == 0)
			return 1;
	return 0;
}

/* Inside an HTML field, an element is markup to keep (written back as HTML); inside a
 * text field only its text counts. */
static void cap_open_tag(struct feed_parser *p, const xmlChar *local, int nattr,
			 const xmlChar **attrs)
{
	if (!(p->cap_kind == K_HTML && (p->cap_xhtml || p->cap_mode == M_HTML ||
					p->cap_mode == M_TEXT || p->cap_mode == M_ATOM))) {
		/* text destinations: <br/> still separates words */
		if (p->cap_kind == K_TEXT)
			cap_add(p, " ", 1);
		return;
	}
	if (!p->cap_xhtml) {
		/* markup written straight into an RSS description: read it as HTML */
		if (p->cap_mode != M_HTML) {
			struct sbuf esc = SBUF_INIT;
			html_escape(&esc, sbuf_str(&p->cap), p->cap.len);
			sbuf_reset(&p->cap);
			sbuf_add(&p->cap, sbuf_str(&esc), esc.len);
			sbuf_free(&esc);
		}
		p->cap_xhtml = 1;
		p->cap_html = 1;
	}
	if (p->depth == p->cap_depth + 1 && p->cap_mode == M_XHTML && !p->cap_skip &&
	    strcmp((const char *)local, "div") == 0) {
		/* Atom's xhtml wrapper div is not content (white space before it neither) */
		size_t i = 0;
		while (i < p->cap.len && isspace((unsigned char)p->cap.s[i]))
			i++;
		if (i == p->cap.len) {
			sbuf_reset(&p->cap);
			p->cap_skip = p->depth;
			return;
		}
	}
	sbuf_addc(&p->cap, '<');
	sbuf_adds(&p->cap, (const char *)local);
	for (int i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + i * 5;
		if (a[1] && strcmp((const char *)a[1], "xml") == 0)
			continue;
		sbuf_addc(&p->cap, ' ');
		sbuf_adds(&p->cap, (const char *)a[0]);
		sbuf_add(&p->cap, "=\"", 2);
		/* values keep their references; only the quote and brackets need escaping */
		{
			const xmlChar *run = a[3], *c = a[3];
			for (; c < a[4]; c++) {
				const char *e = *c == '"' ? "&quot;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;" : NULL;
				if (!e)
					continue;
				sb_put(&p->cap, (const char *)run, (size_t)(c - run));
				sbuf_adds(&p->cap, e);
				run = c + 1;
			}
			sb_put(&p->cap, (const char *)run, (size_t)(c - run));
		}
		sbuf_addc(&p->cap, '"');
	}
	sbuf_adds(&p->cap, is_void((const char *)local) ? " />" : ">");
}

static void cap_close_tag(struct feed_parser *p, const xmlChar *local)
{
	if (!p->cap_xhtml)
		return;
	if (p->cap_skip && p->cap_skip == p->depth) {
		p->cap_skip = 0;
		return;
	}
	if (is_void((const char *)local))
		return;
	sbuf_add(&p->cap, "</", 2);
	sbuf_adds(&p->cap, (const char *)local);
	sbuf_addc(&p->cap, '>');
}

static void push_elem(struct feed_parser *p, enum role role, char *own_base)
{
	struct elem *e;
	if (p->depth >= p->cap_stack) {
		p->cap_stack = p->cap_stack ? p->cap_stack * 2 : 32;
		p->stack = xrealloc(p->stack, p->cap_stack * sizeof *p->stack);
	}
	e = &p->stack[p->depth];
	e->role = role;
	if (own_base) {
		e->base = own_base;
		e->own_base = 1;
	} else {
		e->base = p->depth ? p->stack[p->depth - 1].base : p->doc_url;
		e->own_base = 0;
	}
	p->depth++;
}

/* An Atom link: rel and type decide what it is. */
static void atom_link(struct feed_parser *p, struct slots *s, int in_item, const char *base,
		      const xmlChar **attrs, int nattr)
{
	char *href = attr_value(attrs, nattr, "href", NS_NONE, 1);
	char *rel = attr_value(attrs, nattr, "rel", NS_NONE, 1);
	char *type = attr_value(attrs, nattr, "type", NS_NONE, 1);
	char *abs;
	if (!href) {
		free(rel);
		free(type);
		return;
	}
	abs = resolve(base, href);
	free(href);
	if (!abs) {
		free(rel);
		free(type);
		return;
	}
	if (rel)
		text_clean_line(rel);
	if (!rel || !*rel || !strcasecmp(rel, "alternate") ||
	    !strcasecmp(rel, "http://www.iana.org/assignments/relation/alternate")) {
		int html = !type || strstr(type, "html") || !*type;
		if (html && !s->v[S_ALT_LINK])
			slot_set(s, S_ALT_LINK, abs, 0);
		else
			slot_set(s, S_ANY_LINK, abs, 0);
	} else if (!strcasecmp(rel, "enclosure")) {
		if (in_item)
			add_enclosure(p, abs, type, attr_value(attrs, nattr, "length", NS_NONE, 1));
		else
			free(abs), free(type);
		type = NULL;
	} else if (strcasecmp(rel, "self") && strcasecmp(rel, "hub") && strcasecmp(rel, "edit") &&
		   strcasecmp(rel, "replies") && strcasecmp(rel, "license") &&
		   strcasecmp(rel, "next") && strcasecmp(rel, "previous") &&
		   strcasecmp(rel, "first") && strcasecmp(rel, "last") &&
		   strcasecmp(rel, "edit-media")) {
		slot_set(s, S_ANY_LINK, abs, 0);
	} else {
		free(abs);
	}
	free(rel);
	free(type);
}

static void media_new(struct feed_parser *p, const xmlChar **attrs, int nattr, const char *base)
{
	struct feed_media *m;
	char *url = attr_value(attrs, nattr, "url", NS_NONE, 1);
	if (p->nmedia >= MAX_LIST) {
		free(url);
		return;
	}
	p->media = xrealloc(p->media, (p->nmedia + 1) * sizeof *p->media);
	m = &p->media[p->nmedia++];
	memset(m, 0, sizeof *m);
	m->url = resolve(base, url);
	free(url);
	m->type = clean_line(attr_value(attrs, nattr, "type", NS_NONE, 1));
	if (!m->type)
		m->type = clean_line(attr_value(attrs, nattr, "medium", NS_NONE, 1));
}

static void on_start(void *user, const xmlChar *local, const xmlChar *prefix,
		     const xmlChar *uri, int nns, const xmlChar **nss, int nattr,
		     int ndefaulted, const xmlChar **attrs)
{
	struct feed_parser *p = user;
	enum role parent, role = R_IGNORE;
	enum ns ns;
	enum tag tag;
	char *xbase = NULL, *b;
	const char *base;
	struct slots *s;
	int in_item;
	(void)prefix; (void)nns; (void)nss; (void)ndefaulted;

	KEEP_GOING(p);
	if (p->stopped) {
		push_elem(p, R_IGNORE, NULL); /* on_end pops it */
		return;
	}
	if (p->capturing) {
		push_elem(p, R_FIELD, NULL);
		cap_open_tag(p, local, nattr, attrs);
		return;
	}
	if (p->depth >= MAX_DEPTH) {
		push_elem(p, R_IGNORE, NULL);
		return;
	}
	parent = p->depth ? p->stack[p->depth - 1].role : R_DOC;
	if (parent == R_IGNORE || parent == R_LEAF) {
		push_elem(p, R_IGNORE, NULL);
		return;
	}
	{
		struct tag_cache *tc = &p->tags[(((uintptr_t)local >> 3) ^ ((uintptr_t)uri >> 5)) % TAG_CACHE];
		if (tc->local == local && tc->uri == uri && local) {
			ns = tc->ns;
			tag = tc->tag;
		} else {
			ns = ns_of(uri);
			if (ns == NS_OTHER && p->root_uri && strcmp((const char *)uri, p->root_uri) == 0)
				ns = p->root_ns;
			if (ns == NS_NONE && p->format == 2)
				ns = NS_ATOM; /* Atom 0.3 feeds written without a namespace */
			tag = tag_of(ns, local);
			tc->local = local;
			tc->uri = uri;
			tc->ns = ns;
			tc->tag = tag;
		}
	}

	/* xml:base: relative to the parent's base, which starts at the document's URL */
	if ((b = attr_xml(attrs, nattr, "base")) != NULL) {
		const char *pb = p->depth ? p->stack[p->depth - 1].base : p->doc_url;
		xbase = url_resolve(pb, b);
		free(b);
	}
	if (parent == R_DOC) {
		/* the root by its name: feeds declare odd namespaces for it (a typo, an old
		 * draft), and then their elements are read as if in the right one */
		const char *ln = (const char *)local;
		enum ns want = NS_NONE;
		if (tag == T_RSS || (ns == NS_NONE && tag == T_CHANNEL) ||
		    (ns == NS_OTHER && (!strcasecmp(ln, "rss") || !strcasecmp(ln, "channel")))) {
			p->format = 1;
			role = !strcasecmp(ln, "rss") ? R_RSS : R_CHANNEL;
		} else if (tag == T_RDF_RDF || !strcasecmp(ln, "rdf")) {
			p->format = 1;
			role = R_RSS;
			want = NS_RDF;
		} else if (tag == T_A_FEED || ((ns == NS_NONE || ns == NS_OTHER) && !strcasecmp(ln, "feed"))) {
			p->format = 2;
			role = R_CHANNEL;
			want = NS_ATOM;
		}
		if (role != R_IGNORE && ns == NS_OTHER && uri) {
			p->root_uri = xstrdup((const char *)uri);
			p->root_ns = want;
		}
		p->root_seen = 1;
		p->is_feed = role != R_IGNORE;
		memset(p->tags, 0, sizeof p->tags); /* the format changes what names mean */
		if (p->is_feed) {
			char *lang = attr_xml(attrs, nattr, "lang");
			slot_set(&p->feed, S_XML_LANG, clean_line(lang), 1);
		}
		push_elem(p, role, xbase);
		return;
	}
	push_elem(p, R_LEAF, xbase);
	base = p->stack[p->depth - 1].base;
	in_item = parent == R_ITEM || parent == R_AUTHOR || parent == R_MGROUP || parent == R_MCONTENT;
	s = in_item ? &p->item : &p->feed;

	switch (parent) {
	case R_RSS:
		if (tag == T_CHANNEL)
			role = R_CHANNEL;
		else if (tag == T_ITEM || tag == T_A_ENTRY)
			role = R_ITEM;
		else if (tag == T_IMAGE)
			role = R_IMAGE;
		break;
	case R_IMAGE:
		if (tag == T_URL)
			cap_start(p, M_URL, D_SLOT, K_TEXT, &p->feed, S_IMAGE_URL);
		break;
	case R_AUTHOR:
		if (tag == T_A_NAME)
			cap_start(p, M_RAW, D_SLOT, K_TEXT, &p->item, S_A_AUTHOR_NAME);
		else if (tag == T_A_EMAIL)
			cap_start(p, M_RAW, D_SLOT, K_TEXT, &p->item, S_A_AUTHOR_EMAIL);
		break;
	case R_MGROUP:
	case R_MCONTENT:
		if (tag == T_M_CONTENT && parent == R_MGROUP) {
			media_new(p, attrs, nattr, base);
			role = R_MCONTENT;
		} else if (tag == T_M_DESCRIPTION || tag == T_M_CREDIT || tag == T_M_TITLE) {
			enum slot sl = tag == T_M_DESCRIPTION ? S_M_DESCRIPTION :
				       tag == T_M_CREDIT ? S_M_CREDIT : S_M_TITLE;
			cap_start(p, M_ATOM, parent == R_MCONTENT ? D_MEDIA : D_GROUP, K_TEXT,
				  NULL, sl);
			cap_atom_type(p, attrs, nattr);
			if (p->cap_mode == M_TEXT)
				p->cap_mode = M_ATOM;
		} else if (tag == T_M_THUMBNAIL && parent == R_MGROUP) {
			char *raw = attr_value(attrs, nattr, "url", NS_NONE, 1);
			char *u = raw ? resolve(base, raw) : NULL;
			free(raw);
			thumb_add(p, u);
		}
		break;
	case R_CHANNEL:
	case R_ITEM:
		switch (tag) {
		case T_ITEM:
		case T_A_ENTRY:
			if (parent == R_CHANNEL)
				role = R_ITEM;
			break;
		case T_IMAGE:
			if (parent == R_CHANNEL)
				role = R_IMAGE;
			break;
		case T_TITLE:
			cap_start(p, M_TEXT, D_SLOT, K_TEXT, s, S_TITLE);
			break;
		case T_A_TITLE:
			cap_start(p, M_ATOM, D_SLOT, K_TEXT, s, S_TITLE);
			cap_atom_type(p, attrs, nattr);
			break;
		case T_DC_TITLE:
			cap_start(p, M_TEXT, D_SLOT, K_TEXT, s, S_DC_TITLE);
			break;
		case T_LINK: {
			/* <link href="..."/> written Atom-style without the namespace */
			char *h = attr_value(attrs, nattr, "href", NS_NONE, 1);
			if (h) {
				slot_set(s, S_LINK, resolve(base, h), 0);
				free(h);
				break;
			}
			cap_start(p, M_URL, D_SLOT, K_TEXT, s, S_LINK);
			break;
		}
		case T_A_LINK:
			atom_link(p, s, in_item, base, attrs, nattr);
			break;
		case T_GUID:
			if (in_item) {
				char *pl = attr_value(attrs, nattr, "isPermaLink", NS_NONE, 1);
				cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_GUID);
				/* isPermaLink defaults to true: the guid is then the link */
				p->cap_permalink = !pl || !strcasecmp(pl, "true");
				free(pl);
			}
			break;
		case T_A_ID:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_ID);
			break;
		case T_DESCRIPTION:
			cap_start(p, M_HTML, D_SLOT, K_HTML, s, S_DESCRIPTION);
			break;
		case T_CONTENT_ENCODED:
			cap_start(p, M_HTML, D_SLOT, K_HTML, s, S_CONTENT_ENCODED);
			break;
		case T_A_SUMMARY:
			cap_start(p, M_ATOM, D_SLOT, K_HTML, s, S_SUMMARY);
			cap_atom_type(p, attrs, nattr);
			break;
		case T_A_CONTENT: {
			char *src = attr_value(attrs, nattr, "src", NS_NONE, 1);
			if (src) {
				/* out-of-line content: the link is all there is */
				slot_set(s, S_ANY_LINK, resolve(base, src), 0);
				free(src);
				break;
			}
			cap_start(p, M_ATOM, D_SLOT, K_HTML, s, S_CONTENT);
			cap_atom_type(p, attrs, nattr);
			break;
		}
		case T_A_SUBTITLE:
		case T_A_TAGLINE:
			cap_start(p, M_ATOM, D_SLOT, K_HTML, s, S_SUBTITLE);
			cap_atom_type(p, attrs, nattr);
			break;
		case T_IT_SUMMARY:
			cap_start(p, M_TEXT, D_SLOT, K_HTML, s, S_IT_SUMMARY);
			break;
		case T_XHTML_BODY:
			/* inline XHTML in an RSS item: its content */
			if (in_item) {
				cap_start(p, M_XHTML, D_SLOT, K_HTML, s, S_CONTENT);
				p->cap_xhtml = 1;
			}
			break;
		case T_IT_SUBTITLE:
			cap_start(p, M_TEXT, D_SLOT, K_HTML, s, S_IT_SUBTITLE);
			break;
		case T_DC_DESCRIPTION:
			cap_start(p, M_HTML, D_SLOT, K_HTML, s, S_DC_DESCRIPTION);
			break;
		case T_AUTHOR:
			cap_start(p, M_TEXT, D_SLOT, K_TEXT, s, S_AUTHOR);
			break;
		case T_DC_CREATOR:
			cap_start(p, M_TEXT, D_SLOT, K_TEXT, s, S_DC_CREATOR);
			break;
		case T_IT_AUTHOR:
			cap_start(p, M_TEXT, D_SLOT, K_TEXT, s, S_IT_AUTHOR);
			break;
		case T_A_AUTHOR:
			if (in_item && !s->v[S_A_AUTHOR_NAME] && !s->v[S_A_AUTHOR_EMAIL])
				role = R_AUTHOR;
			break;
		case T_CATEGORY:
		case T_DC_SUBJECT:
			if (in_item)
				cap_start(p, M_TEXT, D_CATEGORY, K_TEXT, s, S_COUNT);
			break;
		case T_A_CATEGORY:
			if (in_item) {
				char *t = attr_value(attrs, nattr, "term", NS_NONE, 1);
				if (!t || !*t) {
					free(t);
					t = attr_value(attrs, nattr, "label", NS_NONE, 1);
				}
				if (t)
					add_category(p, t);
			}
			break;
		case T_ENCLOSURE:
			if (in_item) {
				char *u = attr_value(attrs, nattr, "url", NS_NONE, 1);
				char *abs = u ? resolve(base, u) : NULL;
				free(u);
				add_enclosure(p, abs, attr_value(attrs, nattr, "type", NS_NONE, 1),
					      attr_value(attrs, nattr, "length", NS_NONE, 1));
			}
			break;
		case T_PUBDATE:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_PUBDATE);
			break;
		case T_LASTBUILDDATE:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_LASTBUILD);
			break;
		case T_DC_DATE:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_DC_DATE);
			break;
		case T_A_UPDATED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_UPDATED);
			break;
		case T_A_PUBLISHED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_PUBLISHED);
			break;
		case T_A_ISSUED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_ISSUED);
			break;
		case T_A_MODIFIED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_MODIFIED);
			break;
		case T_A_CREATED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_CREATED);
			break;
		case T_DCT_MODIFIED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_DCT_MODIFIED);
			break;
		case T_DCT_ISSUED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_DCT_ISSUED);
			break;
		case T_DCT_CREATED:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_DCT_CREATED);
			break;
		case T_LANGUAGE:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_LANGUAGE);
			break;
		case T_DC_LANGUAGE:
			cap_start(p, M_RAW, D_SLOT, K_TEXT, s, S_DC_LANGUAGE);
			break;
		case T_A_LOGO:
			cap_start(p, M_URL, D_SLOT, K_TEXT, s, S_LOGO);
			break;
		case T_A_ICON:
			cap_start(p, M_URL, D_SLOT, K_TEXT, s, S_ICON);
			break;
		case T_IT_IMAGE: {
			char *h = attr_value(attrs, nattr, "href", NS_NONE, 1);
			char *abs = h ? resolve(base, h) : NULL;
			free(h);
			if (!in_item) {
				slot_set(s, S_IT_IMAGE, abs, 0);
			} else {
				/* an episode's artwork: its picture when Media RSS gives none */
				thumb_add(p, abs);
			}
			break;
		}
		case T_M_CONTENT:
			if (in_item) {
				media_new(p, attrs, nattr, base);
				role = R_MCONTENT;
			}
			break;
		case T_M_GROUP:
			if (in_item) {
				p->group_first = p->nmedia;
				role = R_MGROUP;
			}
			break;
		case T_M_THUMBNAIL:
			if (in_item) {
				char *u = attr_value(attrs, nattr, "url", NS_NONE, 1);
				char *abs = u ? resolve(base, u) : NULL;
				free(u);
				thumb_add(p, abs);
			}
			break;
		case T_M_DESCRIPTION:
		case T_M_CREDIT:
		case T_M_TITLE:
			if (in_item) {
				enum slot sl = tag == T_M_DESCRIPTION ? S_M_DESCRIPTION :
					       tag == T_M_CREDIT ? S_M_CREDIT : S_M_TITLE;
				cap_start(p, M_ATOM, D_SLOT, K_TEXT, s, sl);
				cap_atom_type(p, attrs, nattr);
			}
			break;
		default:
			break;
		}
		break;
	default:
		break;
	}
	if (p->capturing)
		role = R_FIELD;
	p->stack[p->depth - 1].role = role;
	if (role == R_ITEM) {
		char *about;
		item_reset(p);
		p->in_item = 1;
		if (!p->feed_sent)
			emit_feed(p);
		/* RSS 1.0: the item's rdf:about names it */
		about = attr_value(attrs, nattr, "about", NS_RDF, 0);
		slot_set(&p->item, S_RDF_ABOUT, clean_line(about), 0);
	}
}

static void on_end(void *user, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct feed_parser *p = user;
	struct elem *e;
	(void)prefix; (void)uri;
	KEEP_GOING(p);
	if (!p->depth)
		return;
	if (p->capturing && p->depth > p->cap_depth) {
		cap_close_tag(p, local);
	} else if (p->capturing && p->depth == p->cap_depth) {
		if (p->cap_dest == D_SLOT && p->cap_slot == S_GUID && p->cap_permalink) {
			/* a permalink guid is also a link when it looks like one */
			const char *s;
			size_t n;
			trim_buf(&p->cap, &s, &n);
			if (n > 7 && memmem(s, n, "://", 3)) {
				char *t = xstrndup(s, n);
				slot_set(&p->item, S_GUID_LINK, resolve(p->cap_base, t), 0);
				free(t);
			}
			p->cap_permalink = 0;
		}
		cap_end(p);
	}
	e = &p->stack[p->depth - 1];
	if (!p->stopped) {
		if (e->role == R_ITEM) {
			emit_item(p);
			item_reset(p);
			p->in_item = 0;
		} else if (e->role == R_MGROUP) {
			for (size_t i = p->group_first; i < p->nmedia; i++) {
				struct feed_media *m = &p->media[i];
				if (!m->caption && p->group_desc)
					m->caption = xstrdup(p->group_desc);
				if (!m->credit && p->group_credit)
					m->credit = xstrdup(p->group_credit);
				if (!m->title && p->group_title)
					m->title = xstrdup(p->group_title);
			}
			free(p->group_desc);
			free(p->group_credit);
			free(p->group_title);
			p->group_desc = p->group_credit = p->group_title = NULL;
		}
	}
	if (e->own_base)
		free(e->base);
	p->depth--;
}

/* ---- entities ---- */

static void free_entity(void *payload, const xmlChar *name)
{
	xmlEntityPtr e = payload;
	(void)name;
	if (!e)
		return;
	free((char *)e->name);
	free(e->content);
	free(e);
}

static void free_str(void *payload, const xmlChar *name)
{
	(void)name;
	free(payload);
}

static xmlEntityPtr make_entity(const char *name, const char *content, int attr)
{
	xmlEntityPtr e = xcalloc(1, sizeof *e);
	e->type = XML_ENTITY_DECL;
	e->name = (xmlChar *)xstrdup(name);
	e->content = (xmlChar *)xstrdup(content);
	e->length = (int)strlen(content);
	/* In text, a "predefined" entity is handed to characters() as it is. In attribute
	 * values libxml2 copies only the first byte of those, so there we answer with an
	 * internal entity that is kept as "&name;" in the value and decoded by attr_value. */
	e->etype = attr ? XML_INTERNAL_GENERAL_ENTITY : XML_INTERNAL_PREDEFINED_ENTITY;
	e->checked = 2; /* nothing to check: plain text */
	e->owner = 0;
	return e;
}

static xmlEntityPtr on_get_entity(void *user, const xmlChar *name)
{
	struct feed_parser *p = user;
	int attr = p->ctxt && p->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE;
	xmlHashTablePtr h = attr ? p->aents : p->ents;
	xmlEntityPtr e = xmlHashLookup(h, name);
	char u[8];
	size_t n;
	const char *decl;
	KEEP_GOING(p);
	if (e)
		return e;
	if (p->ctxt && p->ctxt->inSubset)
		return NULL;
	n = html_entity_utf8((const char *)name, strlen((const char *)name), u);
	if (n) {
		u[n] = '\0';
		e = make_entity((const char *)name, u, attr);
	} else if ((decl = xmlHashLookup(p->decls, name)) != NULL) {
		/* declared in the internal subset as short plain text: expanded, within a
		 * budget, so a document cannot multiply itself */
		size_t len = strlen(decl);
		if (p->ent_total + len > MAX_ENTITY_TOTAL) {
			warn(p, cur_line(p), "entity &%s; not expanded: too much expansion", name);
			return NULL;
		}
		p->ent_total += len;
		/* not cached: every use counts against the budget */
		e = make_entity((const char *)name, decl, attr);
		e->_private = p;
		free_entity(xmlHashLookup(p->ents, BAD_CAST "\x01last"), NULL);
		xmlHashUpdateEntry(p->ents, BAD_CAST "\x01last", e, NULL);
		return e;
	} else {
		/* unknown: kept as text, as a browser shows it */
		char lit[80];
		warn(p, cur_line(p), "undefined entity &%s; kept as text", name);
		snprintf(lit, sizeof lit, "&%s;", (const char *)name);
		/* in text, a "predefined" entity is handed on as it is: "&name;" literally; in
		 * an attribute value libxml2 keeps the reference, which stays undecoded */
		e = make_entity((const char *)name, lit, attr);
		/* not cached: a document of made-up names must not grow a table */
		free_entity(xmlHashLookup(p->ents, BAD_CAST "\x01last"), NULL);
		xmlHashUpdateEntry(p->ents, BAD_CAST "\x01last", e, NULL);
		return e;
	}
	xmlHashAddEntry(h, name, e);
	return e;
}

static void on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *publicId,
			   const xmlChar *systemId, xmlChar *content)
{
	struct feed_parser *p = user;
	(void)publicId;
	if (type != XML_INTERNAL_GENERAL_ENTITY || systemId || !content) {
		warn(p, cur_line(p), "entity %s is external or a parameter entity: ignored", name);
		return;
	}
	if (strlen((const char *)content) > MAX_ENTITY_LEN || strchr((const char *)content, '&') ||
	    strchr((const char *)content, '<') || strchr((const char *)content, '%')) {
		warn(p, cur_line(p), "entity %s is not plain text: not expanded", name);
		return;
	}
	if (!xmlHashLookup(p->decls, name))
		xmlHashAddEntry(p->decls, name, xstrdup((const char *)content));
}

/* ---- the input filter ---- */

/* windows-1252 for the bytes a "UTF-8" document gets wrong (most often Latin-1 text). */
static size_t put_cp1252(unsigned char c, char *o)
{
	static const unsigned short hi[32] = {
		0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
		0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
	unsigned cp = c >= 0xA0 ? c : hi[c - 0x80];
	return html_utf8_put(cp, o);
}

/* Per filter state (markup/text, CDATA, comment, PI): 0 for a byte to copy as it is,
 * 1 for one that needs a look. */
static unsigned char special[5][256];

static void init_special(void)
{
	static const char ends[5] = {'<', ']', '-', '?', ']'};
	for (int st = 0; st < 5; st++)
		for (int c = 0; c < 256; c++)
			special[st][c] = (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c >= 0x80 ||
					 c == ends[st] || ((st == 0 || st == 4) && c == '&') ||
					 (st == 4 && c == '<');
}

/* ASCII classes without the locale: this is the hot path. */
#define A_ALPHA(c) ((unsigned)(((c) | 0x20) - 'a') < 26)
#define A_DIGIT(c) ((unsigned)((c) - '0') < 10)

static int is_name_start(unsigned char c)
{
	return A_ALPHA(c) || c == '_' || c == ':' || c >= 0x80;
}

static int is_name_char(unsigned char c)
{
	return A_ALPHA(c) || A_DIGIT(c) || c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80;
}

/* The line of position at in a chunk about to be parsed: libxml2 has read everything
 * before the chunk (but for an unfinished token), so its line plus the chunk's newlines. */
static long filter_line(struct feed_parser *p, const char *chunk, const char *at)
{
	long line = p->ctxt && p->ctxt->input ? p->ctxt->input->line : 1;
	for (const char *q = chunk; q < at && (q = memchr(q, '\n', (size_t)(at - q))); q++)
		line++;
	return line;
}

/* Filters UTF-8 bytes in[0..n) into out. Returns how many bytes were consumed; the rest
 * (an incomplete sequence at the end, when !final) waits for more input. */
static size_t filter(struct feed_parser *p, const char *in, size_t n, int final, struct sbuf *out,
		     int *same)
{
	const unsigned char *s = (const unsigned char *)in, *end = s + n, *run = s;
	while (s < end) {
		const unsigned char *sp = special[p->fstate];
		unsigned char c;
		size_t left;
		if (p->fstate == 2) {
			/* comments mean nothing to a feed: dropped here, so a huge one cannot
			 * make libxml2 look ahead for its end */
			const unsigned char *q = memmem(s, (size_t)(end - s), "-->", 3);
			if (q) {
				s = run = q + 3;
				p->fstate = 0;
				continue;
			}
			if (final) {
				s = run = end;
				break;
			}
			s = run = end - 2 > s ? end - 2 : s; /* "--" may end it next time */
			break;
		}
		for (;;) {
			const unsigned char *lim;
			if (p->fstate == 0) {
				/* eight bytes at a time: none below 0x20, none above 0x7F, no
				 * '&' or '<' (tabs and newlines are fine but take the slow step) */
				while (end - s >= 8) {
					uint64_t x, lo, amp, lt;
					memcpy(&x, s, 8);
					lo = (x - 0x2020202020202020ULL) & ~x;
					amp = x ^ 0x2626262626262626ULL;
					amp = (amp - 0x0101010101010101ULL) & ~amp;
					lt = x ^ 0x3C3C3C3C3C3C3C3CULL;
					lt = (lt - 0x0101010101010101ULL) & ~lt;
					if ((x | lo | amp | lt) & 0x8080808080808080ULL)
						break;
					s += 8;
				}
			}
			lim = end - s > 8 ? s + 8 : end;
			while (s < lim && !sp[*s])
				s++;
			if (s < lim || s >= end)
				break;
		}
		if (s >= end)
			break;
		c = *s;
		left = (size_t)(end - s);
		if (c < 0x20) {
			/* a control character: dropped */
			sbuf_add(out, (const char *)run, (size_t)(s - run));
			s++;
			run = s;
			continue;
		}
		if (c == '<' && p->fstate == 0) {
			/* the common case first: a tag */
			if (left >= 2 && (A_ALPHA(s[1]) || s[1] == '_' || s[1] == ':' ||
					  (s[1] == '/' && left >= 3 && (A_ALPHA(s[2]) || s[2] >= 0x80)))) {
				s++;
				continue;
			}
			if (left < 9 && !final)
				break;
			if (left >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
				if (memmem(s + 9, left - 9, "]]>", 3)) {
					p->fstate = 1; /* ends in this chunk: handed on as it is */
					s += 9;
				} else {
					/* may be huge: libxml2 would wait for its end (and give up past
					 * 10 MB); handed on as escaped text instead, which streams */
					sb_put(out, (const char *)run, (size_t)(s - run));
					s += 9;
					run = s;
					p->fstate = 4;
				}
			} else if (left >= 4 && memcmp(s, "<!--", 4) == 0) {
				sb_put(out, (const char *)run, (size_t)(s - run));
				p->fstate = 2;
				s += 4;
				run = s;
			} else if (left >= 2 && s[1] == '?') {
				p->fstate = 3;
				s += 2;
			} else if (left >= 3 && s[1] == '/' && !is_name_start(s[2])) {
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, "&lt;", 4);
				s++;
				run = s;
			} else if (left >= 2 && (is_name_start(s[1]) || s[1] == '/' || s[1] == '!')) {
				s++;
			} else {
				/* a '<' that starts nothing: text */
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, "&lt;", 4);
				s++;
				run = s;
			}
			continue;
		}
		if (c == '&' && p->fstate == 0) {
			const unsigned char *q = s + 1;
			int ok = 0;
			if (q < end && *q == '#') {
				q++;
				if (q < end && (*q == 'x' || *q == 'X')) {
					q++;
					while (q < end && (A_DIGIT(*q) || (unsigned)((*q | 0x20) - 'a') < 6) && q - s < 12)
						q++;
				} else {
					while (q < end && A_DIGIT(*q) && q - s < 12)
						q++;
				}
				ok = q < end && *q == ';' && q > s + 2 && isxdigit(q[-1]);
			} else if (q < end && is_name_start(*q)) {
				while (q < end && is_name_char(*q) && q - s < 40)
					q++;
				ok = q < end && *q == ';';
			}
			if (q >= end && !final && left < 48)
				break; /* wait for the rest */
			if (!ok) {
				/* a bare ampersand, as in "Fish & Chips" or a URL's query */
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, "&amp;", 5);
				s++;
				run = s;
				continue;
			}
			s++;
			continue;
		}
		if (c == ']' && p->fstate == 1) {
			if (left < 3 && !final)
				break;
			if (left >= 3 && s[1] == ']' && s[2] == '>') {
				p->fstate = 0;
				s += 3;
			} else {
				s++;
			}
			continue;
		}
		if (p->fstate == 4 && (c == '&' || c == '<')) {
			sb_put(out, (const char *)run, (size_t)(s - run));
			if (c == '&')
				sb_puts(out, "&amp;");
			else
				sb_puts(out, "&lt;");
			s++;
			run = s;
			continue;
		}
		if (c == ']' && p->fstate == 4) {
			if (left < 3 && !final)
				break;
			if (left >= 3 && s[1] == ']' && s[2] == '>') {
				sb_put(out, (const char *)run, (size_t)(s - run));
				s += 3;
				run = s;
				p->fstate = 0;
			} else {
				s++;
			}
			continue;
		}
		if (c == '?' && p->fstate == 3) {
			if (left < 2 && !final)
				break;
			if (left >= 2 && s[1] == '>') {
				p->fstate = 0;
				s += 2;
			} else {
				s++;
			}
			continue;
		}
		if (c < 0x80) {
			s++;
			continue;
		}
		/* non-ASCII: a valid UTF-8 sequence is copied, anything else read as
		 * windows-1252 */
		{
			size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			int bad = 0;
			if (c < 0xC2 || c > 0xF4)
				bad = 1;
			else if (left < len) {
				if (!final) {
					/* maybe complete later, if what is there fits */
					int fits = 1;
					for (size_t i = 1; i < left; i++)
						if ((s[i] & 0xC0) != 0x80)
							fits = 0;
					if (fits)
						break;
				}
				bad = 1;
			} else {
				for (size_t i = 1; i < len; i++)
					if ((s[i] & 0xC0) != 0x80)
						bad = 1;
				if (!bad && len == 3) {
					unsigned cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
					if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
						bad = 1;
				} else if (!bad && len == 4) {
					unsigned cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12);
					if (cp < 0x10000 || cp > 0x10FFFF)
						bad = 1;
				}
			}
			if (!bad) {
				s += len;
				continue;
			}
			{
				char u[4];
				size_t un = put_cp1252(c, u);
				sbuf_add(out, (const char *)run, (size_t)(s - run));
				sbuf_add(out, u, un);
				if (!p->warned_bytes)
					warn(p, filter_line(p, in, (const char *)s),
					     "bytes that are not UTF-8, read as windows-1252");
				p->warned_bytes = 1;
				s++;
				run = s;
			}
		}
	}
	if (same && out->len == 0 && run == (const unsigned char *)in) {
		/* nothing changed: the caller hands libxml2 its own bytes, uncopied */
		*same = 1;
		return (size_t)(s - run);
	}
	sbuf_add(out, (const char *)run, (size_t)(s - run));
	return (size_t)(s - (const unsigned char *)in);
}

static int parse_bytes(struct feed_parser *p, const char *buf, size_t len, int final)
{
	int rc;
	if (p->stopped)
		return 0;
	rc = xmlParseChunk(p->ctxt, buf, (int)len, final);
	(void)rc;
	return 0;
}

/* Input (in the document's encoding) to filtered UTF-8 to libxml2. */
static void feed_bytes(struct feed_parser *p, const char *buf, size_t len, int final)
{
	const char *in = buf;
	size_t n = len, used;
	if (p->cd != (iconv_t)-1) {
		/* convert to UTF-8 first; bytes iconv cannot read become U+FFFD */
		sbuf_reset(&p->conv);
		if (p->nicarry) {
			char tmp[16 + 64];
			size_t k = len < 64 ? len : 64, take;
			memcpy(tmp, p->icarry, p->nicarry);
			memcpy(tmp + p->nicarry, buf, k);
			char *ip = tmp;
			size_t il = p->nicarry + k;
			size_t before = il;
			for (;;) {
				char ob[256], *op = ob;
				size_t ol = sizeof ob;
				size_t r = iconv(p->cd, &ip, &il, &op, &ol);
				sbuf_add(&p->conv, ob, (size_t)(op - ob));
				if (r != (size_t)-1 || errno == E2BIG) {
					if (r != (size_t)-1)
						break;
					continue;
				}
				if (errno == EILSEQ) {
					sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
					ip++;
					il--;
					continue;
				}
				break; /* EINVAL: incomplete even now */
			}
			take = before - il; /* bytes of tmp consumed */
			if (take <= p->nicarry) {
				/* still incomplete: keep collecting */
				if (p->nicarry + len < sizeof p->icarry && !final) {
					memcpy(p->icarry + p->nicarry, buf, len);
					p->nicarry += len;
					return;
				}
				/* give up on what is left of the carry: one U+FFFD, then buf */
				sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
				take = p->nicarry;
			}
			in = buf + (take - p->nicarry);
			n = len - (take - p->nicarry);
			p->nicarry = 0;
		}
		{
			char *ip = (char *)in;
			size_t il = n;
			while (il) {
				size_t r, cap;
				char *op;
				size_t ol;
				cap = il * 4 + 16;
				if (p->conv.cap < p->conv.len + cap + 1) {
					sbuf_add(&p->conv, "", 0);
					p->conv.s = xrealloc(p->conv.s, p->conv.len + cap + 1);
					p->conv.cap = p->conv.len + cap + 1;
				}
				op = p->conv.s + p->conv.len;
				ol = cap;
				r = iconv(p->cd, &ip, &il, &op, &ol);
				p->conv.len = (size_t)(op - p->conv.s);
				p->conv.s[p->conv.len] = '\0';
				if (r != (size_t)-1)
					break;
				if (errno == E2BIG)
					continue;
				if (errno == EILSEQ) {
					if (!p->warned_bytes)
						warn(p, filter_line(p, in, in), "bytes that are not valid in the document's encoding");
					p->warned_bytes = 1;
					sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
					ip++;
					il--;
					continue;
				}
				/* EINVAL: an incomplete sequence at the end */
				if (final || il >= sizeof p->icarry) {
					sbuf_add(&p->conv, "\xEF\xBF\xBD", 3);
				} else {
					memcpy(p->icarry, ip, il);
					p->nicarry = il;
				}
				break;
			}
		}
		in = sbuf_str(&p->conv);
		n = p->conv.len;
	}
	/* the UTF-8 filter, with what the last push held back in front */
	sbuf_reset(&p->filt);
	if (p->ncarry) {
		char tmp[sizeof p->carry + 64];
		size_t k = n < 64 ? n : 64, c0 = p->ncarry;
		memcpy(tmp, p->carry, c0);
		memcpy(tmp + c0, in, k);
		used = filter(p, tmp, c0 + k, final && k == n, &p->filt, NULL);
		if (used < c0) {
			/* the held bytes still wait (only possible when n is tiny) */
			size_t keep = c0 + k - used;
			if (keep > sizeof p->carry) {
				/* cannot happen (the filter looks < 64 bytes ahead); stay safe */
				sbuf_add(&p->filt, tmp + used, keep);
				keep = 0;
			}
			memmove(p->carry, tmp + used, keep);
			p->ncarry = keep;
			if (p->ncarry > sizeof p->carry - 8 || final) {
				sbuf_add(&p->filt, p->carry, p->ncarry);
				p->ncarry = 0;
			}
			parse_bytes(p, sbuf_str(&p->filt), p->filt.len, 0);
			return;
		}
		in += used - c0;
		n -= used - c0;
		p->ncarry = 0;
	}
	{
		int same = 0;
		used = filter(p, in, n, final, &p->filt, &same);
		if (used < n) {
			size_t rest = n - used;
			if (rest > sizeof p->carry)
				rest = sizeof p->carry; /* cannot happen: the filter holds back < 64 */
			memcpy(p->carry, in + used, rest);
			p->ncarry = rest;
		}
		if (same)
			parse_bytes(p, in, used, 0);
		else
			parse_bytes(p, sbuf_str(&p->filt), p->filt.len, 0);
	}
}

/* ---- encoding detection ---- */

static const struct {
	const char *alias, *name;
} enc_alias[] = {
	{"utf8", "UTF-8"}, {"x-sjis", "SHIFT_JIS"}, {"sjis", "SHIFT_JIS"},
	{"shift-jis", "SHIFT_JIS"}, {"x-euc-jp", "EUC-JP"}, {"ks_c_5601-1987", "CP949"},
	{"ks_c_5601", "CP949"}, {"euc-kr", "CP949"}, {"gb2312", "GB18030"}, {"gbk", "GB18030"},
	{"x-gbk", "GB18030"}, {"iso-8859-8-i", "ISO-8859-8"}, {"x-mac-roman", "MACINTOSH"},
	{"mac", "MACINTOSH"}, {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
	{"iso_8859-1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"},
	{"ascii", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"}, {"big5", "BIG5-HKSCS"},
	{"x-big5", "BIG5-HKSCS"}, {"tis-620", "CP874"}, {"windows-874", "CP874"},
};

/* An iconv name for a declared encoding, NULL for UTF-8, "" when unknown. */
static const char *enc_pick(const char *decl, char *buf, size_t bufsz)
{
	iconv_t cd;
	size_t i;
	if (!strcasecmp(decl, "utf-8") || !strcasecmp(decl, "utf8"))
		return NULL;
	for (i = 0; i < sizeof enc_alias / sizeof enc_alias[0]; i++)
		if (!strcasecmp(decl, enc_alias[i].alias))
			return strcmp(enc_alias[i].name, "UTF-8") ? enc_alias[i].name : NULL;
	/* windows-1252, win-1252, cp-1252 */
	if (!strncasecmp(decl, "win-", 4) || !strncasecmp(decl, "cp-", 3) ||
	    !strncasecmp(decl, "x-cp", 4)) {
		const char *d = decl + strcspn(decl, "0123456789");
		snprintf(buf, bufsz, "CP%s", d);
		return buf;
	}
	cd = iconv_open("UTF-8", decl);
	if (cd == (iconv_t)-1)
		return "";
	iconv_close(cd);
	snprintf(buf, bufsz, "%s", decl);
	return buf;
}

static int valid_utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		if (!len || (c > 0xF4))
			return 0;
		if (i + len > n)
			return 1; /* cut by the sample */
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

/* Reads the BOM and the XML declaration; sets up the conversion; creates the parser. */
static int start(struct feed_parser *p, char *err, size_t errsz)
{
	const unsigned char *h = (const unsigned char *)sbuf_str(&p->head);
	size_t n = p->head.len, skip = 0;
	const char *enc = NULL; /* iconv name; NULL: UTF-8 */
	char buf[64], decl[64];
	int declared = 0;

	if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
		skip = 3;
	else if (n >= 4 && h[0] == 0xFF && h[1] == 0xFE && h[2] == 0 && h[3] == 0)
		enc = "UTF-32LE", skip = 4;
	else if (n >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 0xFE && h[3] == 0xFF)
		enc = "UTF-32BE", skip = 4;
	else if (n >= 2 && h[0] == 0xFF && h[1] == 0xFE)
		enc = "UTF-16LE", skip = 2;
	else if (n >= 2 && h[0] == 0xFE && h[1] == 0xFF)
		enc = "UTF-16BE", skip = 2;
	else if (n >= 4 && h[0] == '<' && h[1] == 0 && h[2] == 0 && h[3] == 0)
		enc = "UTF-32LE";
	else if (n >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == '<')
		enc = "UTF-32BE";
	else if (n >= 4 && h[0] == 0x4C && h[1] == 0x6F && h[2] == 0xA7 && h[3] == 0x94)
		enc = "CP037"; /* "<?xm" in EBCDIC */
	else if (n >= 2 && h[0] == '<' && h[1] == 0)
		enc = "UTF-16LE";
	else if (n >= 2 && h[0] == 0 && h[1] == '<')
		enc = "UTF-16BE";
	else {
		/* an ASCII-compatible encoding: the declaration names it */
		const char *s = (const char *)h + skip, *e = (const char *)h + n;
		const char *q;
		while (s < e && isspace((unsigned char)*s))
			s++;
		if (e - s > 5 && memcmp(s, "<?xml", 5) == 0) {
			const char *end = memmem(s, (size_t)(e - s), "?>", 2);
			if (!end)
				end = e;
			q = memmem(s, (size_t)(end - s), "encoding", 8);
			if (q) {
				q += 8;
				while (q < end && (isspace((unsigned char)*q) || *q == '='))
					q++;
				if (q < end && (*q == '"' || *q == '\'')) {
					char quote = *q++;
					size_t k = 0;
					while (q < end && *q != quote && k + 1 < sizeof decl)
						decl[k++] = *q++;
					decl[k] = '\0';
					declared = k > 0;
					if (k && !skip) {
						if (!strncasecmp(decl, "utf-16", 6) || !strncasecmp(decl, "utf-32", 6) ||
						    !strncasecmp(decl, "ucs-", 4) || !strncasecmp(decl, "utf-7", 5)) {
							/* a declaration an ASCII document cannot mean */
							enc = NULL;
						} else {
							enc = enc_pick(decl, buf, sizeof buf);
							if (enc && !*enc) {
								enc = valid_utf8_prefix(h, n) ? NULL : "WINDOWS-1252";
								warn(p, 1, "unknown encoding \"%s\", read as %s", decl,
								     enc ? enc : "UTF-8");
							}
						}
					}
				}
			}
		}
	}
	int bom = skip > 0;
	if (!enc || (strncmp(enc, "UTF-16", 6) && strncmp(enc, "UTF-32", 6) && strcmp(enc, "CP037"))) {
		/* junk or white space before the first '<' (a blank line before the XML
		 * declaration, a stray byte): skipped, as browsers do */
		const unsigned char *lt = memchr(h + skip, '<', n - skip);
		if (lt && lt > h + skip) {
			for (const unsigned char *q = h + skip; q < lt; q++)
				if (!isspace(*q)) {
					warn(p, 1, "text before the document's first tag: skipped");
					break;
				}
			skip = (size_t)(lt - h);
		}
	}
	if (!enc && !bom && !declared && p->charset) {
		const char *e = enc_pick(p->charset, buf, sizeof buf);
		if (e && *e)
			enc = e;
	}
	p->cd = (iconv_t)-1;
	if (enc) {
		p->cd = iconv_open("UTF-8", enc);
		if (p->cd == (iconv_t)-1) {
			err_set(err, errsz, "%s: cannot read the encoding %s", p->name, enc);
			return -1;
		}
	}
	p->ctxt = xmlCreatePushParserCtxt(&p->sax, p, NULL, 0, p->name);
	if (!p->ctxt) {
		err_set(err, errsz, "%s: cannot start the XML parser", p->name);
		return -1;
	}
	p->ctxt->_private = p;
	/* Recover from errors; never touch the network, load a DTD or substitute entities;
	 * the encoding is ours to decide (the filter hands libxml2 UTF-8). */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	p->ctxt->replaceEntities = 0;
	p->ctxt->loadsubset = 0;
	p->ctxt->validate = 0;
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
	p->started = 1;
	init_special();
	init_dirty();
	feed_bytes(p, (const char *)h + skip, n - skip, 0);
	sbuf_free(&p->head);
	return 0;
}

/* ---- public API ---- */

struct feed_parser *feed_parser_new(const char *doc_url, const char *name,
				    const struct feed_callbacks *cb)
{
	struct feed_parser *p = xcalloc(1, sizeof *p);
	xmlInitParser();
	p->doc_url = doc_url && *doc_url ? xstrdup(doc_url) : NULL;
	p->name = xstrdup(name ? name : doc_url ? doc_url : "feed");
	if (cb)
		p->cb = *cb;
	p->cd = (iconv_t)-1;
	memset(&p->sax, 0, sizeof p->sax);
	p->sax.initialized = XML_SAX2_MAGIC;
	p->sax.startElementNs = on_start;
	p->sax.endElementNs = on_end;
	p->sax.characters = on_chars;
	p->sax.cdataBlock = on_chars;
	p->sax.ignorableWhitespace = on_chars;
	p->sax.getEntity = on_get_entity;
	p->sax.entityDecl = on_entity_decl;
	p->sax.serror = on_xml_error;
	/* no resolveEntity, externalSubset, getParameterEntity: nothing outside the
	 * document is ever read */
	p->ents = xmlHashCreate(64);
	p->aents = xmlHashCreate(16);
	p->decls = xmlHashCreate(16);
	return p;
}

void feed_parser_set_charset(struct feed_parser *p, const char *charset)
{
	if (p->started)
		return;
	free(p->charset);
	p->charset = charset && *charset ? xstrdup(charset) : NULL;
}

int feed_parser_push(struct feed_parser *p, const char *buf, size_t len, char *err, size_t errsz)
{
	if (p->failed) {
		err_set(err, errsz, "%s", p->errbuf);
		return -1;
	}
	if (p->stopped) {
		err_set(err, errsz, "%s: stopped", p->name);
		return -1;
	}
	if (!p->started) {
		sbuf_add(&p->head, buf, len);
		/* the encoding is known once the XML declaration (or the first tag) ended */
		if (p->head.len < 1024 && !memchr(p->head.s, '>', p->head.len))
			return 0;
		if (start(p, p->errbuf, sizeof p->errbuf) < 0) {
			p->failed = 1;
			err_set(err, errsz, "%s", p->errbuf);
			return -1;
		}
		goto check;
	}
	feed_bytes(p, buf, len, 0);
check:
	if (p->stopped) {
		err_set(err, errsz, "%s: stopped", p->name);
		return -1;
	}
	if (p->root_seen && !p->is_feed) {
		err_set(err, errsz, "%s: not an RSS or Atom feed", p->name);
		p->failed = 1;
		snprintf(p->errbuf, sizeof p->errbuf, "%s: not an RSS or Atom feed", p->name);
		xmlStopParser(p->ctxt);
		return -1;
	}
	return 0;
}

int feed_parser_finish(struct feed_parser *p, char *err, size_t errsz)
{
	if (p->failed) {
		err_set(err, errsz, "%s", p->errbuf);
		return -1;
	}
	if (!p->started) {
		if (p->head.len == 0) {
			err_set(err, errsz, "%s: empty, no feed in it", p->name);
			return -1;
		}
		if (start(p, err, errsz) < 0)
			return -1;
	}
	p->finishing = 1;
	if (!p->stopped) {
		feed_bytes(p, "", 0, 1);
		if (p->ncarry) {
			parse_bytes(p, p->carry, p->ncarry, 0);
			p->ncarry = 0;
		}
		parse_bytes(p, NULL, 0, 1);
	}
	if (p->stopped) {
		err_set(err, errsz, "%s: stopped", p->name);
		return -1;
	}
	if (!p->is_feed) {
		err_set(err, errsz, "%s: no RSS or Atom feed found", p->name);
		return -1;
	}
	if (p->in_item && p->depth > 0) {
		/* the document broke off inside an item: what was read of it is lost */
		p->in_item = 0;
	}
	if (!p->feed_sent && emit_feed(p))
		return err_set(err, errsz, "%s: stopped", p->name), -1;
	return 0;
}

void feed_parser_free(struct feed_parser *p)
{
	if (!p)
		return;
	if (p->ctxt) {
		/* libxml2 keeps internal-subset entities in a stand-in document even in SAX
		 * mode ("expat compatibility"); it is ours to free */
		if (p->ctxt->myDoc)
			xmlFreeDoc(p->ctxt->myDoc);
		p->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(p->ctxt);
	}
	if (p->cd != (iconv_t)-1)
		iconv_close(p->cd);
	while (p->depth) {
		struct elem *e = &p->stack[--p->depth];
		if (e->own_base)
			free(e->base);
	}
	free(p->stack);
	item_reset(p);
	slots_free(&p->feed);
	xmlHashFree(p->ents, free_entity);
	xmlHashFree(p->aents, free_entity);
	xmlHashFree(p->decls, free_str);
	sbuf_free(&p->head);
	sbuf_free(&p->conv);
	sbuf_free(&p->filt);
	sbuf_free(&p->cap);
	sbuf_free(&p->tmp);
	sbuf_free(&p->tmp2);
	free(p->doc_url);
	free(p->name);
	free(p->charset);
	free(p->root_uri);
	free(p);
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
		media_clear(&it->media[i]);
	free(it->media);
	free(it);
}

/* ---- JSON ---- */

static void jint(struct sbuf *b, long long v)
{
	char d[24], *e = d + sizeof d, *q = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--q = '-';
	sb_put(b, q, (size_t)(e - q));
}

static void jdate(struct sbuf *b, int64_t t)
{
	if (t == CRIER_NO_DATE)
		sb_put(b, "null", 4);
	else
		jint(b, t);
}

/* json_str's output, faster: the --parse hot path writes every field of every item, so
 * runs of plain bytes are found eight at a time and copied at once. */
static void jstr(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s, *run, *end;
	if (!s) {
		sb_put(b, "null", 4);
		return;
	}
	end = u + strlen(s);
	sb_putc(b, '"');
	run = u;
	while (u < end) {
		while (end - u >= 8) {
			uint64_t x, lo, q, bs;
			memcpy(&x, u, 8);
			lo = (x - 0x2020202020202020ULL) & ~x;
			q = x ^ 0x2222222222222222ULL;
			q = (q - 0x0101010101010101ULL) & ~q;
			bs = x ^ 0x5C5C5C5C5C5C5C5CULL;
			bs = (bs - 0x0101010101010101ULL) & ~bs;
			if ((lo | q | bs) & 0x8080808080808080ULL)
				break;
			u += 8;
		}
		while (u < end && *u >= 0x20 && *u != '"' && *u != '\\')
			u++;
		if (u >= end)
			break;
		sb_put(b, (const char *)run, (size_t)(u - run));
		switch (*u) {
		case '"': sb_put(b, "\\\"", 2); break;
		case '\\': sb_put(b, "\\\\", 2); break;
		case '\n': sb_put(b, "\\n", 2); break;
		case '\t': sb_put(b, "\\t", 2); break;
		case '\r': sb_put(b, "\\r", 2); break;
		default: {
			char e[6] = {'\\', 'u', '0', '0', hex[*u >> 4], hex[*u & 15]};
			sb_put(b, e, 6);
		}
		}
		run = ++u;
	}
	sb_put(b, (const char *)run, (size_t)(u - run));
	sb_putc(b, '"');
}

void feed_info_json(struct sbuf *b, const struct feed_info *f)
{
	sbuf_adds(b, "{\"kind\":\"feed\",\"title\":");
	jstr(b, f->title);
	sbuf_adds(b, ",\"link\":");
	jstr(b, f->link);
	sbuf_adds(b, ",\"description\":");
	jstr(b, f->description);
	sbuf_adds(b, ",\"language\":");
	jstr(b, f->language);
	sbuf_adds(b, ",\"updated\":");
	jdate(b, f->updated);
	sbuf_adds(b, ",\"image\":");
	jstr(b, f->image);
	sb_putc(b, '}');
}

void feed_item_json(struct sbuf *b, const struct feed_item *it)
{
	sbuf_adds(b, "{\"kind\":\"item\",\"title\":");
	jstr(b, it->title);
	sbuf_adds(b, ",\"link\":");
	jstr(b, it->link);
	sbuf_adds(b, ",\"id\":");
	jstr(b, it->id);
	sbuf_adds(b, ",\"published\":");
	jdate(b, it->published);
	sbuf_adds(b, ",\"updated\":");
	jdate(b, it->updated);
	sbuf_adds(b, ",\"author\":");
	jstr(b, it->author);
	sbuf_adds(b, ",\"summary\":");
	jstr(b, it->summary);
	sbuf_adds(b, ",\"content\":");
	jstr(b, it->content);
	sbuf_adds(b, ",\"categories\":[");
	for (size_t i = 0; i < it->ncategories; i++) {
		if (i)
			sb_putc(b, ',');
		jstr(b, it->categories[i]);
	}
	sbuf_adds(b, "],\"enclosures\":[");
	for (size_t i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];
		if (i)
			sb_putc(b, ',');
		sbuf_adds(b, "{\"url\":");
		jstr(b, e->url);
		sbuf_adds(b, ",\"type\":");
		jstr(b, e->type);
		sbuf_adds(b, ",\"length\":");
		if (e->length < 0)
			sb_puts(b, "null");
		else
			jint(b, e->length);
		sb_putc(b, '}');
	}
	sbuf_adds(b, "],\"media\":[");
	for (size_t i = 0; i < it->nmedia; i++) {
		const struct feed_media *m = &it->media[i];
		if (i)
			sb_putc(b, ',');
		sbuf_adds(b, "{\"url\":");
		jstr(b, m->url);
		sbuf_adds(b, ",\"caption\":");
		jstr(b, m->caption);
		sbuf_adds(b, ",\"credit\":");
		jstr(b, m->credit);
		sbuf_adds(b, ",\"type\":");
		jstr(b, m->type);
		sbuf_adds(b, ",\"title\":");
		jstr(b, m->title);
		sb_putc(b, '}');
	}
	sbuf_adds(b, "],\"summary_type\":");
	jstr(b, it->summary_type);
	sbuf_adds(b, ",\"content_type\":");
	jstr(b, it->content_type);
	sb_putc(b, '}');
}
