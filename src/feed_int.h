/* feed_int: what the parts of the feed parser share (not a public header). The parser is
 * split by job: feed.c (the public calls, warnings), feed_input.c (bytes to UTF-8 for
 * libxml2, encodings), feed_entity.c (entities), feed_elems.c (the element table and
 * the SAX start/end handlers), feed_capture.c (one element's text read as text, HTML or
 * a URL), feed_item.c (the values collected and the items handed out). */
#ifndef CRIER_FEED_INT_H
#define CRIER_FEED_INT_H

#include <iconv.h>
#include <stdint.h>

#include <libxml/parser.h>
#include <libxml/hash.h>

#include "crier/feed.h"

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
	T_IT_AUTHOR, T_IT_SUMMARY, T_IT_IMAGE, T_IT_SUBTITLE, T_IT_DURATION, T_DC_AUTHOR,
	T_M_CATEGORY, T_IT_CATEGORY, T_RDF_RDF, T_XHTML_BODY,
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
	S_M_DESCRIPTION, S_M_CREDIT, S_M_TITLE, S_GUID_LINK, S_RDF_ABOUT, S_IT_DURATION, S_M_IMAGE,
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
	M_ID,     /* one line of text; a relative reference is resolved against xml:base */
};
/* Where a captured value goes. */
enum dest { D_SLOT, D_CATEGORY, D_MEDIA, D_GROUP };
enum kind { K_TEXT, K_HTML };

struct elem {
	const xmlChar *name;   /* local name (libxml2's dictionary) */
	enum role role;
	char *base;     /* xml:base in effect */
	int own_base;
};

/* libxml2 interns element names and namespace URIs in its dictionary, so a (name, uri)
 * pointer pair identifies an element kind: classify each kind once. */
struct elem_rule;
struct tag_cache {
	const xmlChar *local, *uri;
	enum ns ns;
	const struct elem_rule *rule; /* NULL: an element crier does not know */
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
	int is_json;         /* a JSON Feed: collected in json, read at the end */
	struct sbuf json;
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
	int end_mismatch;    /* libxml2 pairs the end tag just read with another element */
	int finishing;       /* feed_parser_finish is running */
	int stopped;         /* a callback asked to stop */
	int failed;
	char errbuf[CRIER_ERRSZ];
};


/* libxml2 stops handing out entity references (even &amp;) once a document is known to
 * be ill-formed. We recover from errors instead, so every callback says "still fine";
 * the warnings already told the user. */
#define KEEP_GOING(p) do { if ((p)->ctxt) (p)->ctxt->wellFormed = 1; } while (0)

/* feed.c */
void feed_warn(struct feed_parser *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
long feed_line(struct feed_parser *p);

/* feed_input.c: the byte filter and encodings; feed_entity.c: entities */
int feed_input_start(struct feed_parser *p, char *err, size_t errsz);
void feed_input_bytes(struct feed_parser *p, const char *buf, size_t len, int final);
int feed_input_parse(struct feed_parser *p, const char *buf, size_t len, int final);
xmlEntityPtr feed_on_get_entity(void *user, const xmlChar *name);
void feed_on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *publicId,
			 const xmlChar *systemId, xmlChar *content);
void feed_free_entity(void *payload, const xmlChar *name);
void feed_free_str(void *payload, const xmlChar *name);

/* feed_json.c: JSON Feed */
int feed_json_start(const char *s, size_t n);
int feed_json_push(struct feed_parser *p, const char *buf, size_t len);
int feed_json_finish(struct feed_parser *p, char *err, size_t errsz);

/* feed_elems.c: what each element means */
enum ns feed_ns_of(const xmlChar *uri);
char *feed_attr(const xmlChar **attrs, int nattr, const char *name, enum ns want_ns, int any_ns);
char *feed_attr_xml(const xmlChar **attrs, int nattr, const char *name);
void feed_on_start(void *user, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri, int nns, const xmlChar **nss, int nattr,
		   int ndefaulted, const xmlChar **attrs);
void feed_on_end(void *user, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri);

/* feed_capture.c: the text of one element */
void feed_cap_start(struct feed_parser *p, enum mode mode, enum dest dest, enum kind kind,
		    struct slots *scope, enum slot slot);
void feed_cap_atom_type(struct feed_parser *p, const xmlChar **attrs, int nattr);
void feed_cap_end(struct feed_parser *p);
void feed_cap_add(struct feed_parser *p, const char *s, size_t n);
void feed_cap_open(struct feed_parser *p, const xmlChar *local, const xmlChar *uri, int nattr,
		   const xmlChar **attrs);
void feed_cap_close(struct feed_parser *p, const xmlChar *local);
void feed_on_chars(void *user, const xmlChar *ch, int len);
void feed_trim_buf(struct sbuf *b, const char **s, size_t *n);

/* feed_item.c: collected values and the items handed out */
char *feed_clean_text(char *s);
char *feed_clean_line(char *s);
char *feed_resolve(const char *base, const char *ref);
/* A relative reference: no "scheme:" before the first '/', '?' or '#'. */
int feed_has_no_scheme(const char *s);
void feed_slot_set(struct slots *s, enum slot k, char *v, int text);
void feed_slots_free(struct slots *s);
void feed_thumb_add(struct feed_parser *p, char *abs);
void feed_media_clear(struct feed_media *m);
void feed_item_reset(struct feed_parser *p);
void feed_add_category(struct feed_parser *p, char *c);
long long feed_parse_duration(const char *s);
void feed_add_enclosure(struct feed_parser *p, char *url, char *type, char *len);
int feed_emit_info(struct feed_parser *p);
void feed_emit_item(struct feed_parser *p);

#endif
