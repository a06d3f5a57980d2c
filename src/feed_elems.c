/* feed_elems: what each element of a feed means. One table maps (namespace, name) to a
 * handler and the slot its text fills; the SAX start/end callbacks keep the stack of open
 * elements and ask the table, through a cache keyed by libxml2's interned name pointers. */
#include "config.h"
#include "feed_int.h"
#include "crier/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Namespace URIs are compared without case (feeds write the iTunes one as
 * .../DTDs/PodCast-1.0.dtd and the like) and with or without a final '/'. */
enum ns feed_ns_of(const xmlChar *uri)
{
	size_t n;
	if (!uri || !*uri)
		return NS_NONE;
	n = strlen((const char *)uri);
	if (n > 1 && uri[n - 1] == '/')
		n--;
	for (size_t i = 0; i < sizeof ns_table / sizeof ns_table[0]; i++) {
		const char *t = ns_table[i].uri;
		size_t tn = strlen(t);
		if (tn > 1 && t[tn - 1] == '/')
			tn--;
		if (n == tn && strncasecmp((const char *)uri, t, n) == 0)
			return ns_table[i].ns;
	}
	return NS_OTHER;
}

/* The namespaces feeds use without declaring them, by their usual prefix. */
static const struct {
	const char *prefix;
	enum ns ns;
	const char *what;
} well_known[] = {
	{"dc", NS_DC, "Dublin Core"}, {"content", NS_CONTENT, "RSS content"},
	{"media", NS_MEDIA, "Media RSS"}, {"itunes", NS_ITUNES, "iTunes"},
	{"atom", NS_ATOM, "Atom"}, {"dcterms", NS_DCTERMS, "DC terms"},
	{"rdf", NS_RDF, "RDF"}, {"xhtml", NS_XHTML, "XHTML"},
};

static enum ns prefix_ns(struct feed_parser *p, const xmlChar *prefix)
{
	for (size_t i = 0; i < sizeof well_known / sizeof well_known[0]; i++)
		if (!strcasecmp((const char *)prefix, well_known[i].prefix)) {
			feed_warn(p, feed_line(p), "prefix %s: used without a namespace declaration, read as %s",
				  (const char *)prefix, well_known[i].what);
			return well_known[i].ns;
		}
	return NS_OTHER;
}

/* Attribute values arrive with references left in them (&#38; and the HTML names we
 * answered): decode them. */
char *feed_attr(const xmlChar **attrs, int nattr, const char *name, enum ns want_ns,
			int any_ns)
{
	for (int i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + i * 5;
		if (strcasecmp((const char *)a[0], name) != 0)
			continue;
		if (!any_ns && feed_ns_of(a[2]) != want_ns)
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

char *feed_attr_xml(const xmlChar **attrs, int nattr, const char *name)
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

static void feed_push_elem(struct feed_parser *p, const xmlChar *name, enum role role,
			   char *own_base)
{
	struct elem *e;
	if (p->depth >= p->cap_stack) {
		p->cap_stack = p->cap_stack ? p->cap_stack * 2 : 32;
		p->stack = xrealloc(p->stack, p->cap_stack * sizeof *p->stack);
	}
	e = &p->stack[p->depth];
	e->name = name;
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
	char *href = feed_attr(attrs, nattr, "href", NS_NONE, 1);
	char *rel = feed_attr(attrs, nattr, "rel", NS_NONE, 1);
	char *type = feed_attr(attrs, nattr, "type", NS_NONE, 1);
	char *abs;
	if (!href) {
		free(rel);
		free(type);
		return;
	}
	abs = feed_resolve(base, href);
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
			feed_slot_set(s, S_ALT_LINK, abs, 0);
		else
			feed_slot_set(s, S_ANY_LINK, abs, 0);
	} else if (!strcasecmp(rel, "enclosure")) {
		if (in_item)
			feed_add_enclosure(p, abs, type, feed_attr(attrs, nattr, "length", NS_NONE, 1));
		else
			free(abs), free(type);
		type = NULL;
	} else if (strcasecmp(rel, "self") && strcasecmp(rel, "hub") && strcasecmp(rel, "edit") &&
		   strcasecmp(rel, "replies") && strcasecmp(rel, "license") &&
		   strcasecmp(rel, "next") && strcasecmp(rel, "previous") &&
		   strcasecmp(rel, "first") && strcasecmp(rel, "last") &&
		   strcasecmp(rel, "edit-media")) {
		feed_slot_set(s, S_ANY_LINK, abs, 0);
	} else {
		free(abs);
	}
	free(rel);
	free(type);
}

static void media_new(struct feed_parser *p, const xmlChar **attrs, int nattr, const char *base)
{
	struct feed_media *m;
	char *url = feed_attr(attrs, nattr, "url", NS_NONE, 1);
	if (p->nmedia >= MAX_LIST) {
		free(url);
		return;
	}
	p->media = xrealloc(p->media, (p->nmedia + 1) * sizeof *p->media);
	m = &p->media[p->nmedia++];
	memset(m, 0, sizeof *m);
	m->url = feed_resolve(base, url);
	free(url);
	m->type = feed_clean_line(feed_attr(attrs, nattr, "type", NS_NONE, 1));
	if (!m->type)
		m->type = feed_clean_line(feed_attr(attrs, nattr, "medium", NS_NONE, 1));
}


/* What an element handler sees, and the role it gives the element (R_LEAF unless set). */
struct start_ctx {
	const xmlChar **attrs;
	int nattr;
	const char *base;     /* xml:base in effect for the element */
	struct slots *s;      /* the item's slots inside an item, else the feed's */
	int in_item;
	enum role parent, role;
};

typedef void (*elem_fn)(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c);

enum { F_ITEM = 1, F_ATOM_TYPE = 2 }; /* only inside an item; read type/mode attributes */

/* An element under a channel or an item: fn decides, usually capturing its text in the
 * given mode and kind into slot. */
struct elem_rule {
	enum ns ns;
	const char *name; /* lower case: RSS 0.9x feeds are written in any case */
	enum tag tag;
	elem_fn fn;       /* NULL: nothing to do under a channel or an item */
	unsigned char mode, kind, slot, flags;
};

static void h_field(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	if ((r->flags & F_ITEM) && !c->in_item)
		return;
	feed_cap_start(p, (enum mode)r->mode, D_SLOT, (enum kind)r->kind, c->s, (enum slot)r->slot);
	if (r->flags & F_ATOM_TYPE)
		feed_cap_atom_type(p, c->attrs, c->nattr);
}

static void h_item(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	(void)p; (void)r;
	if (c->parent == R_CHANNEL)
		c->role = R_ITEM;
}

static void h_image(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	(void)p; (void)r;
	if (c->parent == R_CHANNEL)
		c->role = R_IMAGE;
}

static void h_link(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	/* <link href="..."/> written Atom-style without the namespace */
	char *h = feed_attr(c->attrs, c->nattr, "href", NS_NONE, 1);
	(void)r;
	if (h) {
		feed_slot_set(c->s, S_LINK, feed_resolve(c->base, h), 0);
		free(h);
		return;
	}
	feed_cap_start(p, M_URL, D_SLOT, K_TEXT, c->s, S_LINK);
}

static void h_atom_link(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *h = feed_attr(c->attrs, c->nattr, "href", NS_NONE, 1);
	(void)r;
	if (!h) {
		/* <link>URL</link> in an Atom feed: the URL as the element's text */
		feed_cap_start(p, M_URL, D_SLOT, K_TEXT, c->s, S_ALT_LINK);
		return;
	}
	free(h);
	atom_link(p, c->s, c->in_item, c->base, c->attrs, c->nattr);
}

static void h_guid(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *pl;
	(void)r;
	if (!c->in_item)
		return;
	pl = feed_attr(c->attrs, c->nattr, "isPermaLink", NS_NONE, 1);
	feed_cap_start(p, M_RAW, D_SLOT, K_TEXT, c->s, S_GUID);
	/* isPermaLink defaults to true: the guid is then the link */
	p->cap_permalink = !pl || !strcasecmp(pl, "true");
	free(pl);
}

static void h_atom_content(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *src = feed_attr(c->attrs, c->nattr, "src", NS_NONE, 1);
	if (src) {
		/* out-of-line content: the link is all there is */
		feed_slot_set(c->s, S_ANY_LINK, feed_resolve(c->base, src), 0);
		free(src);
		return;
	}
	h_field(p, r, c);
}

static void h_xhtml_body(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	/* inline XHTML in an RSS item: its content */
	(void)r;
	if (c->in_item) {
		feed_cap_start(p, M_XHTML, D_SLOT, K_HTML, c->s, S_CONTENT);
		p->cap_xhtml = 1;
	}
}

static void h_atom_author(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	(void)p; (void)r;
	if (c->in_item && !c->s->v[S_A_AUTHOR_NAME] && !c->s->v[S_A_AUTHOR_EMAIL])
		c->role = R_AUTHOR;
}

static void h_category(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	(void)r;
	if (c->in_item)
		feed_cap_start(p, M_TEXT, D_CATEGORY, K_TEXT, c->s, S_COUNT);
}

static void h_atom_category(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *t;
	(void)r;
	if (!c->in_item)
		return;
	t = feed_attr(c->attrs, c->nattr, "term", NS_NONE, 1);
	if (!t || !*t) {
		free(t);
		t = feed_attr(c->attrs, c->nattr, "label", NS_NONE, 1);
	}
	if (t)
		feed_add_category(p, t);
}

static void h_enclosure(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *u, *abs;
	(void)r;
	if (!c->in_item)
		return;
	u = feed_attr(c->attrs, c->nattr, "url", NS_NONE, 1);
	abs = u ? feed_resolve(c->base, u) : NULL;
	free(u);
	feed_add_enclosure(p, abs, feed_attr(c->attrs, c->nattr, "type", NS_NONE, 1),
			   feed_attr(c->attrs, c->nattr, "length", NS_NONE, 1));
}

static void h_itunes_image(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *h = feed_attr(c->attrs, c->nattr, "href", NS_NONE, 1);
	char *abs = h ? feed_resolve(c->base, h) : NULL;
	(void)r;
	free(h);
	if (!c->in_item)
		feed_slot_set(c->s, S_IT_IMAGE, abs, 0);
	else
		feed_thumb_add(p, abs); /* an episode's artwork: its picture when Media RSS gives none */
}

/* itunes:category text="..." (nested ones for subcategories) */
static void h_itunes_category(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *t;
	(void)r;
	if (!c->in_item)
		return;
	t = feed_attr(c->attrs, c->nattr, "text", NS_NONE, 1);
	if (t)
		feed_add_category(p, t);
}

/* A channel's own media:content or media:thumbnail: its picture, when it names one. */
static void media_feed_image(struct feed_parser *p, struct start_ctx *c)
{
	char *u = feed_attr(c->attrs, c->nattr, "url", NS_NONE, 1);
	char *type = feed_attr(c->attrs, c->nattr, "type", NS_NONE, 1);
	char *medium = feed_attr(c->attrs, c->nattr, "medium", NS_NONE, 1);
	int image = (!type || !strncasecmp(type, "image/", 6)) &&
		    (!medium || !strcasecmp(medium, "image"));
	if (u && image)
		feed_slot_set(&p->feed, S_M_IMAGE, feed_resolve(c->base, u), 0);
	free(u);
	free(type);
	free(medium);
}

static void h_media_content(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	(void)r;
	if (c->in_item) {
		media_new(p, c->attrs, c->nattr, c->base);
		c->role = R_MCONTENT;
	} else {
		media_feed_image(p, c);
	}
}

static void h_media_group(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	(void)r;
	if (c->in_item) {
		p->group_first = p->nmedia;
		c->role = R_MGROUP;
	}
}

static void h_media_thumbnail(struct feed_parser *p, const struct elem_rule *r, struct start_ctx *c)
{
	char *u, *abs;
	(void)r;
	if (!c->in_item) {
		media_feed_image(p, c);
		return;
	}
	u = feed_attr(c->attrs, c->nattr, "url", NS_NONE, 1);
	abs = u ? feed_resolve(c->base, u) : NULL;
	free(u);
	feed_thumb_add(p, abs);
}

#define FIELD(ns, name, tag, mode, kind, slot, flags) \
	{ns, name, tag, h_field, mode, kind, slot, flags}
#define DO(ns, name, tag, fn) {ns, name, tag, fn, 0, 0, 0, 0}
#define NAME(ns, name, tag) {ns, name, tag, NULL, 0, 0, 0, 0}

static const struct elem_rule rules[] = {
	/* RSS (no namespace) */
	NAME(NS_NONE, "rss", T_RSS),
	NAME(NS_NONE, "channel", T_CHANNEL),
	DO(NS_NONE, "item", T_ITEM, h_item),
	FIELD(NS_NONE, "title", T_TITLE, M_TEXT, K_TEXT, S_TITLE, 0),
	DO(NS_NONE, "link", T_LINK, h_link),
	FIELD(NS_NONE, "description", T_DESCRIPTION, M_HTML, K_HTML, S_DESCRIPTION, 0),
	DO(NS_NONE, "guid", T_GUID, h_guid),
	FIELD(NS_NONE, "pubdate", T_PUBDATE, M_RAW, K_TEXT, S_PUBDATE, 0),
	FIELD(NS_NONE, "lastbuilddate", T_LASTBUILDDATE, M_RAW, K_TEXT, S_LASTBUILD, 0),
	FIELD(NS_NONE, "author", T_AUTHOR, M_TEXT, K_TEXT, S_AUTHOR, 0),
	DO(NS_NONE, "category", T_CATEGORY, h_category),
	DO(NS_NONE, "enclosure", T_ENCLOSURE, h_enclosure),
	DO(NS_NONE, "image", T_IMAGE, h_image),
	NAME(NS_NONE, "url", T_URL),
	FIELD(NS_NONE, "language", T_LANGUAGE, M_RAW, K_TEXT, S_LANGUAGE, 0),
	/* Atom */
	NAME(NS_ATOM, "feed", T_A_FEED),
	DO(NS_ATOM, "entry", T_A_ENTRY, h_item),
	FIELD(NS_ATOM, "title", T_A_TITLE, M_ATOM, K_TEXT, S_TITLE, F_ATOM_TYPE),
	DO(NS_ATOM, "link", T_A_LINK, h_atom_link),
	FIELD(NS_ATOM, "id", T_A_ID, M_ID, K_TEXT, S_ID, 0),
	FIELD(NS_ATOM, "updated", T_A_UPDATED, M_RAW, K_TEXT, S_UPDATED, 0),
	FIELD(NS_ATOM, "published", T_A_PUBLISHED, M_RAW, K_TEXT, S_PUBLISHED, 0),
	FIELD(NS_ATOM, "summary", T_A_SUMMARY, M_ATOM, K_HTML, S_SUMMARY, F_ATOM_TYPE),
	{NS_ATOM, "content", T_A_CONTENT, h_atom_content, M_ATOM, K_HTML, S_CONTENT, F_ATOM_TYPE},
	FIELD(NS_ATOM, "subtitle", T_A_SUBTITLE, M_ATOM, K_HTML, S_SUBTITLE, F_ATOM_TYPE),
	FIELD(NS_ATOM, "tagline", T_A_TAGLINE, M_ATOM, K_HTML, S_SUBTITLE, F_ATOM_TYPE),
	FIELD(NS_ATOM, "issued", T_A_ISSUED, M_RAW, K_TEXT, S_ISSUED, 0),
	FIELD(NS_ATOM, "modified", T_A_MODIFIED, M_RAW, K_TEXT, S_MODIFIED, 0),
	FIELD(NS_ATOM, "created", T_A_CREATED, M_RAW, K_TEXT, S_CREATED, 0),
	DO(NS_ATOM, "author", T_A_AUTHOR, h_atom_author),
	NAME(NS_ATOM, "name", T_A_NAME),
	NAME(NS_ATOM, "email", T_A_EMAIL),
	DO(NS_ATOM, "category", T_A_CATEGORY, h_atom_category),
	FIELD(NS_ATOM, "logo", T_A_LOGO, M_URL, K_TEXT, S_LOGO, 0),
	FIELD(NS_ATOM, "icon", T_A_ICON, M_URL, K_TEXT, S_ICON, 0),
	/* namespaces */
	FIELD(NS_CONTENT, "encoded", T_CONTENT_ENCODED, M_HTML, K_HTML, S_CONTENT_ENCODED, 0),
	FIELD(NS_DC, "creator", T_DC_CREATOR, M_TEXT, K_TEXT, S_DC_CREATOR, 0),
	FIELD(NS_DC, "author", T_DC_AUTHOR, M_TEXT, K_TEXT, S_DC_CREATOR, 0),
	FIELD(NS_DC, "date", T_DC_DATE, M_RAW, K_TEXT, S_DC_DATE, 0),
	DO(NS_DC, "subject", T_DC_SUBJECT, h_category),
	FIELD(NS_DC, "description", T_DC_DESCRIPTION, M_HTML, K_HTML, S_DC_DESCRIPTION, 0),
	FIELD(NS_DC, "language", T_DC_LANGUAGE, M_RAW, K_TEXT, S_DC_LANGUAGE, 0),
	FIELD(NS_DC, "title", T_DC_TITLE, M_TEXT, K_TEXT, S_DC_TITLE, 0),
	FIELD(NS_DCTERMS, "modified", T_DCT_MODIFIED, M_RAW, K_TEXT, S_DCT_MODIFIED, 0),
	FIELD(NS_DCTERMS, "issued", T_DCT_ISSUED, M_RAW, K_TEXT, S_DCT_ISSUED, 0),
	FIELD(NS_DCTERMS, "created", T_DCT_CREATED, M_RAW, K_TEXT, S_DCT_CREATED, 0),
	DO(NS_MEDIA, "content", T_M_CONTENT, h_media_content),
	DO(NS_MEDIA, "group", T_M_GROUP, h_media_group),
	DO(NS_MEDIA, "thumbnail", T_M_THUMBNAIL, h_media_thumbnail),
	DO(NS_MEDIA, "category", T_M_CATEGORY, h_category),
	DO(NS_ITUNES, "category", T_IT_CATEGORY, h_itunes_category),
	FIELD(NS_MEDIA, "description", T_M_DESCRIPTION, M_ATOM, K_TEXT, S_M_DESCRIPTION,
	      F_ITEM | F_ATOM_TYPE),
	FIELD(NS_MEDIA, "credit", T_M_CREDIT, M_ATOM, K_TEXT, S_M_CREDIT, F_ITEM | F_ATOM_TYPE),
	FIELD(NS_MEDIA, "title", T_M_TITLE, M_ATOM, K_TEXT, S_M_TITLE, F_ITEM | F_ATOM_TYPE),
	FIELD(NS_ITUNES, "author", T_IT_AUTHOR, M_TEXT, K_TEXT, S_IT_AUTHOR, 0),
	FIELD(NS_ITUNES, "summary", T_IT_SUMMARY, M_TEXT, K_HTML, S_IT_SUMMARY, 0),
	DO(NS_ITUNES, "image", T_IT_IMAGE, h_itunes_image),
	FIELD(NS_ITUNES, "subtitle", T_IT_SUBTITLE, M_TEXT, K_HTML, S_IT_SUBTITLE, 0),
	FIELD(NS_ITUNES, "duration", T_IT_DURATION, M_RAW, K_TEXT, S_IT_DURATION, F_ITEM),
	NAME(NS_RDF, "rdf", T_RDF_RDF),
	DO(NS_XHTML, "body", T_XHTML_BODY, h_xhtml_body),
	DO(NS_XHTML, "div", T_XHTML_BODY, h_xhtml_body),
};

static const struct elem_rule *rule_of(enum ns ns, const xmlChar *local)
{
	char low[24];
	size_t n = 0;
	for (; local[n]; n++) {
		if (n + 1 >= sizeof low)
			return NULL;
		low[n] = (char)tolower(local[n]);
	}
	low[n] = '\0';
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (rules[i].ns == ns && strcmp(low, rules[i].name) == 0)
			return &rules[i];
	return NULL;
}


void feed_on_start(void *user, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri, int nns, const xmlChar **nss, int nattr,
		   int ndefaulted, const xmlChar **attrs)
{
	struct feed_parser *p = user;
	struct start_ctx c;
	const struct elem_rule *rule;
	enum ns ns;
	enum tag tag;
	char *xbase = NULL, *b;
	(void)prefix; (void)nns; (void)nss; (void)ndefaulted;

	KEEP_GOING(p);
	if (p->stopped) {
		feed_push_elem(p, local, R_IGNORE, NULL); /* on_end pops it */
		return;
	}
	if (p->capturing) {
		feed_push_elem(p, local, R_FIELD, NULL);
		feed_cap_open(p, local, uri, nattr, attrs);
		return;
	}
	if (p->depth >= MAX_DEPTH) {
		feed_push_elem(p, local, R_IGNORE, NULL);
		return;
	}
	c.parent = p->depth ? p->stack[p->depth - 1].role : R_DOC;
	if (c.parent == R_IGNORE || c.parent == R_LEAF) {
		feed_push_elem(p, local, R_IGNORE, NULL);
		return;
	}
	{
		/* an undeclared prefix has no URI: the (interned) prefix stands in for it */
		const xmlChar *key = uri ? uri : prefix;
		struct tag_cache *tc = &p->tags[(((uintptr_t)local >> 3) ^ ((uintptr_t)key >> 5)) % TAG_CACHE];
		if (tc->local == local && tc->uri == key && local) {
			ns = tc->ns;
			rule = tc->rule;
		} else {
			ns = !uri && prefix ? prefix_ns(p, prefix) : feed_ns_of(uri);
			if (ns == NS_OTHER && uri && p->root_uri && strcmp((const char *)uri, p->root_uri) == 0)
				ns = p->root_ns;
			if (ns == NS_NONE && p->format == 2)
				ns = NS_ATOM; /* Atom 0.3 feeds written without a namespace */
			rule = rule_of(ns, local);
			tc->local = local;
			tc->uri = key;
			tc->ns = ns;
			tc->rule = rule;
		}
		tag = rule ? rule->tag : T_UNKNOWN;
	}

	/* xml:base: relative to the parent's base, which starts at the document's URL */
	if ((b = feed_attr_xml(attrs, nattr, "base")) != NULL) {
		const char *pb = p->depth ? p->stack[p->depth - 1].base : p->doc_url;
		xbase = url_resolve(pb, b);
		free(b);
	}
	c.role = R_IGNORE;
	if (c.parent == R_DOC && p->root_seen) {
		/* a second root: after a repaired end tag closed the first one, what follows
		 * is past the document's end */
		feed_push_elem(p, local, R_IGNORE, xbase);
		return;
	}
	if (c.parent == R_DOC) {
		/* the root by its name: feeds declare odd namespaces for it (a typo, an old
		 * draft), and then their elements are read as if in the right one */
		const char *ln = (const char *)local;
		enum ns want = NS_NONE;
		if (tag == T_RSS || (ns == NS_NONE && tag == T_CHANNEL) ||
		    (ns == NS_OTHER && (!strcasecmp(ln, "rss") || !strcasecmp(ln, "channel")))) {
			p->format = 1;
			c.role = !strcasecmp(ln, "rss") ? R_RSS : R_CHANNEL;
		} else if (tag == T_RDF_RDF || !strcasecmp(ln, "rdf")) {
			p->format = 1;
			c.role = R_RSS;
			want = NS_RDF;
		} else if (tag == T_A_FEED || ((ns == NS_NONE || ns == NS_OTHER) && !strcasecmp(ln, "feed"))) {
			p->format = 2;
			c.role = R_CHANNEL;
			want = NS_ATOM;
		}
		if (c.role != R_IGNORE && ns == NS_OTHER && uri) {
			p->root_uri = xstrdup((const char *)uri);
			p->root_ns = want;
		}
		p->root_seen = 1;
		p->is_feed = c.role != R_IGNORE;
		memset(p->tags, 0, sizeof p->tags); /* the format changes what names mean */
		if (p->is_feed) {
			char *lang = feed_attr_xml(attrs, nattr, "lang");
			feed_slot_set(&p->feed, S_XML_LANG, feed_clean_line(lang), 1);
		}
		feed_push_elem(p, local, c.role, xbase);
		return;
	}
	feed_push_elem(p, local, R_LEAF, xbase);
	c.attrs = attrs;
	c.nattr = nattr;
	c.base = p->stack[p->depth - 1].base;
	c.in_item = c.parent == R_ITEM || c.parent == R_AUTHOR || c.parent == R_MGROUP ||
		    c.parent == R_MCONTENT;
	c.s = c.in_item ? &p->item : &p->feed;

	switch (c.parent) {
	case R_RSS:
		if (tag == T_CHANNEL)
			c.role = R_CHANNEL;
		else if (tag == T_ITEM || tag == T_A_ENTRY)
			c.role = R_ITEM;
		else if (tag == T_IMAGE)
			c.role = R_IMAGE;
		break;
	case R_IMAGE:
		if (tag == T_URL)
			feed_cap_start(p, M_URL, D_SLOT, K_TEXT, &p->feed, S_IMAGE_URL);
		break;
	case R_AUTHOR:
		if (tag == T_A_NAME)
			feed_cap_start(p, M_RAW, D_SLOT, K_TEXT, &p->item, S_A_AUTHOR_NAME);
		else if (tag == T_A_EMAIL)
			feed_cap_start(p, M_RAW, D_SLOT, K_TEXT, &p->item, S_A_AUTHOR_EMAIL);
		break;
	case R_MGROUP:
	case R_MCONTENT:
		if (tag == T_M_CONTENT && c.parent == R_MGROUP) {
			media_new(p, attrs, nattr, c.base);
			c.role = R_MCONTENT;
		} else if (tag == T_M_DESCRIPTION || tag == T_M_CREDIT || tag == T_M_TITLE) {
			/* a media entry's (or the group's) own caption, credit, title */
			feed_cap_start(p, M_ATOM, c.parent == R_MCONTENT ? D_MEDIA : D_GROUP, K_TEXT,
				       NULL, (enum slot)rule->slot);
			feed_cap_atom_type(p, attrs, nattr);
			if (p->cap_mode == M_TEXT)
				p->cap_mode = M_ATOM;
		} else if (tag == T_M_THUMBNAIL && c.parent == R_MGROUP) {
			h_media_thumbnail(p, rule, &c);
		}
		break;
	case R_CHANNEL:
	case R_ITEM:
		if (rule && rule->fn)
			rule->fn(p, rule, &c);
		break;
	default:
		break;
	}
	if (p->capturing)
		c.role = R_FIELD;
	p->stack[p->depth - 1].role = c.role;
	if (c.role == R_ITEM) {
		char *about;
		feed_item_reset(p);
		p->in_item = 1;
		if (!p->feed_sent)
			feed_emit_info(p);
		/* RSS 1.0: the item's rdf:about names it */
		about = feed_attr(attrs, nattr, "about", NS_RDF, 0);
		feed_slot_set(&p->item, S_RDF_ABOUT, feed_clean_line(about), 0);
	}
}

/* The local name of the end tag libxml2 has just read (its input is right after the
 * '>'), NULL when it cannot be seen there. */
static const xmlChar *end_tag_name(struct feed_parser *p, size_t *len)
{
	xmlParserInputPtr in = p->ctxt ? p->ctxt->input : NULL;
	const xmlChar *b, *e, *s, *c;
	if (!in || !in->cur || !in->base || in->cur - in->base < 4 || in->cur[-1] != '>')
		return NULL;
	b = in->base;
	e = in->cur - 1;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	for (s = e; s > b && s[-1] > ' ' && s[-1] != '<' && s[-1] != '/' && s[-1] != '>' &&
		    e - s < 256; s--)
		;
	if (s == e || s - b < 2 || s[-1] != '/' || s[-2] != '<')
		return NULL;
	for (c = s; c < e; c++)
		if (*c == ':')
			s = c + 1; /* the local name is after a prefix */
	*len = (size_t)(e - s);
	return s;
}

static void end_one(struct feed_parser *p, const xmlChar *local);

void feed_on_end(void *user, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct feed_parser *p = user;
	(void)prefix; (void)uri;
	KEEP_GOING(p);
	if (!p->depth)
		return;
	if (p->end_mismatch) {
		/* libxml2 closes its innermost open element, whatever the end tag says (HTML's
		 * unclosed <p> in a description would take the description's end, and every
		 * later end tag would close the wrong element): the element the tag names
		 * closes instead, with everything still open inside it */
		size_t n = 0, k;
		const xmlChar *real = end_tag_name(p, &n);
		p->end_mismatch = 0;
		for (k = p->depth; real && k > 0; k--) {
			const xmlChar *name = p->stack[k - 1].name;
			if (name && strlen((const char *)name) == n && !memcmp(name, real, n))
				break;
		}
		if (real && k > 0) {
			while (p->depth >= k)
				end_one(p, p->stack[p->depth - 1].name);
			return;
		}
	}
	end_one(p, local);
}

static void end_one(struct feed_parser *p, const xmlChar *local)
{
	struct elem *e;
	if (p->capturing && p->depth > p->cap_depth) {
		feed_cap_close(p, local);
	} else if (p->capturing && p->depth == p->cap_depth) {
		if (p->cap_dest == D_SLOT && p->cap_slot == S_GUID && p->cap_permalink) {
			/* a permalink guid is also a link when it looks like one */
			const char *s;
			size_t n;
			feed_trim_buf(&p->cap, &s, &n);
			if (n > 7 && memmem(s, n, "://", 3)) {
				char *t = xstrndup(s, n);
				feed_slot_set(&p->item, S_GUID_LINK, feed_resolve(p->cap_base, t), 0);
				free(t);
			}
			p->cap_permalink = 0;
		}
		feed_cap_end(p);
	}
	e = &p->stack[p->depth - 1];
	if (!p->stopped) {
		if (e->role == R_ITEM) {
			feed_emit_item(p);
			feed_item_reset(p);
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

