/* html: a small, forgiving HTML tokenizer used two ways: to sanitise the HTML of
 * summaries and content (an allow-list of elements and attributes, safe URL schemes,
 * links made absolute) and to turn HTML into plain text. It never builds a tree, so a
 * 10 MB description costs one pass. */
#include "config.h"
#include "crier/html.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <libxml/HTMLparser.h>

/* ASCII classes without the locale: HTML names and syntax are ASCII. */
#define A_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == '\f')
#define A_ALPHA(c) ((unsigned)(((c) | 0x20) - 'a') < 26)
#define A_DIGIT(c) ((unsigned)((c) - '0') < 10)
#define A_ALNUM(c) (A_ALPHA(c) || A_DIGIT(c))
#define A_LOWER(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c))

/* Browsers read the C1 range of numeric references as windows-1252. */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

size_t html_utf8_put(unsigned cp, char *o)
{
	if (cp >= 0x80 && cp <= 0x9F)
		cp = cp1252[cp - 0x80] ? cp1252[cp - 0x80] : 0xFFFD;
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0xFFFE ||
	    cp == 0xFFFF)
		cp = 0xFFFD;
	if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
		return 0; /* control characters never reach a terminal */
	if (cp == 0x7F)
		return 0;
	return utf8_encode(o, cp);
}

/* The named references news HTML uses most, looked at before libxml2's table (a linear
 * search through 253 names with a string compare each: 4% of a feed's parse when
 * every paragraph has a dash or a quote). */
static const struct {
	char name[7];
	unsigned char len;
	unsigned short cp;
} common_refs[] = {
	{"amp", 3, '&'}, {"lt", 2, '<'}, {"gt", 2, '>'}, {"quot", 4, '"'}, {"apos", 4, '\''},
	{"nbsp", 4, 0xA0}, {"mdash", 5, 0x2014}, {"ndash", 5, 0x2013}, {"hellip", 6, 0x2026},
	{"rsquo", 5, 0x2019}, {"lsquo", 5, 0x2018}, {"rdquo", 5, 0x201D}, {"ldquo", 5, 0x201C},
	{"laquo", 5, 0xAB}, {"raquo", 5, 0xBB}, {"bull", 4, 0x2022}, {"middot", 6, 0xB7},
	{"copy", 4, 0xA9}, {"shy", 3, 0xAD}, {"eacute", 6, 0xE9}, {"euro", 4, 0x20AC},
	{"pound", 5, 0xA3},
};

size_t html_entity_utf8(const char *name, size_t n, char *out)
{
	char buf[40];
	const htmlEntityDesc *e;
	size_t i;
	if (n == 0 || n >= sizeof buf)
		return 0;
	for (i = 0; i < sizeof common_refs / sizeof common_refs[0]; i++)
		if (common_refs[i].len == n && common_refs[i].name[0] == name[0]
		    && memcmp(common_refs[i].name, name, n) == 0)
			return html_utf8_put(common_refs[i].cp, out);
	memcpy(buf, name, n);
	buf[n] = '\0';
	e = htmlEntityLookup((const xmlChar *)buf);
	if (!e) {
		/* &apos; is XML's, and feeds use it in HTML too */
		if (strcmp(buf, "apos") == 0) {
			out[0] = '\'';
			return 1;
		}
		return 0;
	}
	return html_utf8_put(e->value, out);
}

/* A character or entity reference at p (p[0] == '&'). Returns the bytes it spans (0 when
 * it is not one) and sets *cp, or for a named one its UTF-8 in out/outn. */
static size_t ref_parse(const char *p, const char *end, unsigned *cp, char *out, size_t *outn)
{
	const char *q = p + 1;
	*cp = 0;
	*outn = 0;
	if (q < end && *q == '#') {
		unsigned long v = 0;
		int hex = 0, nd = 0;
		q++;
		if (q < end && (*q == 'x' || *q == 'X')) {
			hex = 1;
			q++;
		}
		while (q < end && (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q))) {
			int dv = isdigit((unsigned char)*q) ? *q - '0' : (tolower((unsigned char)*q) - 'a' + 10);
			if (v < 0x1000000)
				v = v * (hex ? 16 : 10) + (unsigned long)dv;
			q++;
			nd++;
		}
		if (!nd)
			return 0;
		if (q < end && *q == ';')
			q++;
		*cp = v > 0x10FFFF ? 0xFFFD : (unsigned)v;
		*outn = html_utf8_put(*cp, out);
		return (size_t)(q - p);
	}
	while (q < end && A_ALNUM(*q) && q - p < 34)
		q++;
	if (q == p + 1 || q >= end || *q != ';')
		return 0;
	*outn = html_entity_utf8(p + 1, (size_t)(q - p - 1), out);
	if (!*outn)
		return 0;
	if (*outn == 1)
		*cp = (unsigned char)out[0];
	return (size_t)(q + 1 - p);
}

void html_decode(struct sbuf *out, const char *s, size_t len)
{
	const char *end = s + len, *run = s;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		char u[8];
		size_t un, n;
		unsigned cp;
		if (!amp)
			break;
		n = ref_parse(amp, end, &cp, u, &un);
		if (!n) {
			s = amp + 1;
			continue;
		}
		sb_put(out, run, (size_t)(amp - run));
		sb_put(out, u, un);
		s = run = amp + n;
	}
	sb_put(out, run, (size_t)(end - run));
}

/* The first byte of [s, end) that is one of a, b, c, d, or end: sixteen bytes at a time
 * where SSE2 is (the hot path of every attribute and text written). */
static const char *find_any4(const char *s, const char *end, char a, char b, char c, char d)
{
#ifdef __SSE2__
	const __m128i ka = _mm_set1_epi8(a), kb = _mm_set1_epi8(b);
	const __m128i kc = _mm_set1_epi8(c), kd = _mm_set1_epi8(d);
	while (end - s >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, ka), _mm_cmpeq_epi8(x, kb)),
					 _mm_or_si128(_mm_cmpeq_epi8(x, kc), _mm_cmpeq_epi8(x, kd)));
		int bits = _mm_movemask_epi8(m);
		if (bits)
			return s + __builtin_ctz((unsigned)bits);
		s += 16;
	}
#endif
	while (s < end && *s != a && *s != b && *s != c && *s != d)
		s++;
	return s;
}

/* Whether [s, s + n) holds a control character (C0, DEL) or a 0xC2 byte (a C1 control's
 * lead byte in UTF-8): text_clean then has work. */
static int has_control(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s, *end = u + n;
#ifdef __SSE2__
	const __m128i k1f = _mm_set1_epi8(0x1f), k7f = _mm_set1_epi8(0x7f);
	const __m128i kc2 = _mm_set1_epi8((char)0xc2);
	while (end - u >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)u);
		__m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, k1f), x),
					 _mm_or_si128(_mm_cmpeq_epi8(x, k7f), _mm_cmpeq_epi8(x, kc2)));
		if (_mm_movemask_epi8(m))
			return 1;
		u += 16;
	}
#endif
	for (; u < end; u++)
		if (*u < 0x20 || *u == 0x7F || *u == 0xC2)
			return 1;
	return 0;
}

void html_escape(struct sbuf *out, const char *s, size_t len)
{
	const char *end = s + len, *run = s;
	for (; (s = find_any4(s, end, '&', '<', '>', '"')) < end; s++) {
		const char *e;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		default: continue;
		}
		sb_put(out, run, (size_t)(s - run));
		sbuf_adds(out, e);
		run = s + 1;
	}
	sb_put(out, run, (size_t)(end - run));
}

static int element_flags(const char *name);
static void slots_ready(void);
static const char *read_name(const char *p, const char *end, char *buf, size_t bufsz);

/* Only markup HTML knows counts: "Edda Lund <edda@example.org>", "<3" and "<!important>"
 * are text that happens to hold a '<'. */
int html_looks_like(const char *s)
{
	const char *end = s + strlen(s);
	slots_ready();
	for (; *s; s++) {
		if (*s == '<') {
			char name[24];
			const char *q = s + 1 + (s[1] == '/');
			if (!strncmp(s + 1, "!--", 3) || !strncmp(s + 1, "![CDATA[", 8))
				return 1;
			if (!isalpha((unsigned char)*q))
				continue;
			q = read_name(q, end, name, sizeof name);
			if ((q == end || A_SPACE(*q) || *q == '>' || *q == '/') && element_flags(name))
				return 1;
		}
		if (*s == '&') {
			char u[8];
			size_t un;
			unsigned cp;
			if (ref_parse(s, end, &cp, u, &un))
				return 1;
		}
	}
	return 0;
}

/* Elements and attributes by name, with what may be done with them. */
enum { E_OK = 1, E_DROP = 2, E_VOID = 4, E_BLOCK = 8, E_FOREIGN = 16, E_ROOT = 32 };
enum { A_OK = 1, A_URL = 2, A_FOREIGN = 4 };
struct name_flags {
	const char *name;  /* lower case: the tokenizer folds names */
	int flags;
};

/* Elements not listed lose their tags but keep their text; E_DROP ones go with
 * everything inside them. */
static const struct name_flags elements[] = {
	{"a", E_OK}, {"abbr", E_OK}, {"acronym", E_OK}, {"address", E_OK | E_BLOCK},
	{"area", E_OK | E_VOID}, {"article", E_OK | E_BLOCK}, {"aside", E_OK | E_BLOCK},
	{"audio", E_OK}, {"b", E_OK}, {"bdi", E_OK}, {"bdo", E_OK}, {"big", E_OK},
	{"blockquote", E_OK | E_BLOCK}, {"br", E_OK | E_VOID | E_BLOCK}, {"caption", E_OK},
	{"center", E_OK | E_BLOCK}, {"cite", E_OK}, {"code", E_OK}, {"col", E_OK | E_VOID},
	{"colgroup", E_OK}, {"dd", E_OK | E_BLOCK}, {"del", E_OK}, {"details", E_OK | E_BLOCK},
	{"dfn", E_OK}, {"dir", E_OK | E_BLOCK}, {"div", E_OK | E_BLOCK}, {"dl", E_OK | E_BLOCK},
	{"dt", E_OK | E_BLOCK}, {"em", E_OK}, {"figcaption", E_OK | E_BLOCK},
	{"figure", E_OK | E_BLOCK}, {"font", E_OK}, {"footer", E_OK | E_BLOCK},
	{"h1", E_OK | E_BLOCK}, {"h2", E_OK | E_BLOCK}, {"h3", E_OK | E_BLOCK},
	{"h4", E_OK | E_BLOCK}, {"h5", E_OK | E_BLOCK}, {"h6", E_OK | E_BLOCK},
	{"header", E_OK | E_BLOCK}, {"hr", E_OK | E_VOID | E_BLOCK}, {"i", E_OK},
	{"img", E_OK | E_VOID}, {"ins", E_OK}, {"kbd", E_OK}, {"li", E_OK | E_BLOCK},
	{"map", E_OK}, {"mark", E_OK}, {"menu", E_OK | E_BLOCK}, {"nav", E_OK | E_BLOCK}, {"main", E_OK | E_BLOCK},
	{"ol", E_OK | E_BLOCK}, {"p", E_OK | E_BLOCK}, {"picture", E_OK},
	{"pre", E_OK | E_BLOCK}, {"q", E_OK}, {"rp", E_OK}, {"rt", E_OK}, {"ruby", E_OK},
	{"s", E_OK}, {"samp", E_OK}, {"section", E_OK | E_BLOCK}, {"small", E_OK},
	{"source", E_OK | E_VOID}, {"span", E_OK}, {"strike", E_OK}, {"strong", E_OK},
	{"sub", E_OK}, {"summary", E_OK | E_BLOCK}, {"sup", E_OK}, {"table", E_OK | E_BLOCK},
	{"tbody", E_OK}, {"td", E_OK}, {"tfoot", E_OK}, {"th", E_OK}, {"thead", E_OK},
	{"time", E_OK}, {"tr", E_OK | E_BLOCK}, {"tt", E_OK}, {"u", E_OK},
	{"ul", E_OK | E_BLOCK}, {"var", E_OK}, {"video", E_OK}, {"wbr", E_OK | E_VOID},
	/* dropped with their content */
	{"script", E_DROP}, {"style", E_DROP}, {"applet", E_DROP}, {"iframe", E_DROP},
	{"object", E_DROP}, {"embed", E_DROP | E_VOID}, {"noembed", E_DROP},
	{"noframes", E_DROP}, {"frameset", E_DROP}, {"frame", E_DROP | E_VOID},
	{"template", E_DROP}, {"head", E_DROP}, {"title", E_DROP},
	{"xml", E_DROP}, {"select", E_DROP}, {"textarea", E_DROP},
	{"button", E_DROP}, {"foreignobject", E_DROP}, {"animate", E_DROP | E_VOID},
	{"set", E_DROP | E_VOID}, {"animatetransform", E_DROP | E_VOID}, {"use", E_DROP | E_VOID},
	/* inline SVG and MathML: drawings and formulas kept (their text at least); their
	 * own elements count only inside them (E_FOREIGN), scripts and links out still go */
	{"svg", E_OK | E_ROOT}, {"math", E_OK | E_ROOT},
	{"g", E_OK | E_FOREIGN}, {"defs", E_OK | E_FOREIGN}, {"desc", E_OK | E_FOREIGN},
	{"path", E_OK | E_FOREIGN}, {"circle", E_OK | E_FOREIGN}, {"ellipse", E_OK | E_FOREIGN},
	{"line", E_OK | E_FOREIGN}, {"polyline", E_OK | E_FOREIGN}, {"polygon", E_OK | E_FOREIGN},
	{"rect", E_OK | E_FOREIGN}, {"text", E_OK | E_FOREIGN}, {"tspan", E_OK | E_FOREIGN},
	{"stop", E_OK | E_FOREIGN}, {"marker", E_OK | E_FOREIGN},
	{"lineargradient", E_OK | E_FOREIGN},
	{"radialgradient", E_OK | E_FOREIGN},
	{"clippath", E_OK | E_FOREIGN},
	{"mi", E_OK | E_FOREIGN}, {"mn", E_OK | E_FOREIGN}, {"mo", E_OK | E_FOREIGN},
	{"ms", E_OK | E_FOREIGN}, {"mtext", E_OK | E_FOREIGN}, {"mrow", E_OK | E_FOREIGN},
	{"msup", E_OK | E_FOREIGN}, {"msub", E_OK | E_FOREIGN}, {"msubsup", E_OK | E_FOREIGN},
	{"mfrac", E_OK | E_FOREIGN}, {"msqrt", E_OK | E_FOREIGN}, {"mroot", E_OK | E_FOREIGN},
	{"mfenced", E_OK | E_FOREIGN}, {"mtable", E_OK | E_FOREIGN}, {"mtr", E_OK | E_FOREIGN},
	{"mtd", E_OK | E_FOREIGN}, {"mover", E_OK | E_FOREIGN}, {"munder", E_OK | E_FOREIGN},
	{"munderover", E_OK | E_FOREIGN}, {"mspace", E_OK | E_FOREIGN}, {"mstyle", E_OK | E_FOREIGN},
	{"mpadded", E_OK | E_FOREIGN}, {"mphantom", E_OK | E_FOREIGN},
	{"menclose", E_OK | E_FOREIGN}, {"merror", E_OK | E_FOREIGN},
	{"mmultiscripts", E_OK | E_FOREIGN}, {"mprescripts", E_OK | E_FOREIGN},
	{"none", E_OK | E_FOREIGN}, {"semantics", E_OK | E_FOREIGN},
	{"annotation", E_OK | E_FOREIGN}, {"annotation-xml", E_DROP},
	/* tags dropped, void */
	{"input", E_VOID}, {"link", E_VOID}, {"meta", E_VOID}, {"param", E_VOID},
	{"track", E_VOID}, {"base", E_VOID}, {"basefont", E_VOID},
};

/* Attributes not listed (on* handlers, style, everything unknown) are dropped. */
static const struct name_flags attributes[] = {
	{"abbr", A_OK}, {"align", A_OK}, {"alt", A_OK}, {"axis", A_OK}, {"bgcolor", A_OK},
	{"border", A_OK}, {"cellpadding", A_OK}, {"cellspacing", A_OK}, {"char", A_OK},
	{"charoff", A_OK}, {"cite", A_OK | A_URL}, {"class", A_OK}, {"clear", A_OK},
	{"color", A_OK}, {"cols", A_OK}, {"colspan", A_OK}, {"compact", A_OK},
	{"controls", A_OK}, {"coords", A_OK}, {"datetime", A_OK}, {"dir", A_OK},
	{"face", A_OK}, {"headers", A_OK}, {"height", A_OK}, {"href", A_OK | A_URL},
	{"hreflang", A_OK}, {"hspace", A_OK}, {"id", A_OK}, {"lang", A_OK},
	{"longdesc", A_OK | A_URL}, {"media", A_OK}, {"name", A_OK}, {"noshade", A_OK},
	{"nowrap", A_OK}, {"poster", A_OK | A_URL}, {"rel", A_OK}, {"rev", A_OK},
	{"rows", A_OK}, {"rowspan", A_OK}, {"rules", A_OK}, {"scope", A_OK}, {"shape", A_OK},
	{"size", A_OK}, {"span", A_OK}, {"src", A_OK | A_URL}, {"start", A_OK},
	{"summary", A_OK}, {"title", A_OK}, {"type", A_OK}, {"usemap", A_OK | A_URL},
	{"valign", A_OK}, {"value", A_OK}, {"vspace", A_OK}, {"width", A_OK},
	/* SVG and MathML presentation, only inside svg and math (no style, no href but
	 * the checked one above, no event handlers) */
	{"xmlns", A_FOREIGN}, {"version", A_FOREIGN}, {"viewbox", A_FOREIGN},
	{"preserveaspectratio", A_FOREIGN},
	{"x", A_FOREIGN}, {"y", A_FOREIGN}, {"x1", A_FOREIGN}, {"y1", A_FOREIGN},
	{"x2", A_FOREIGN}, {"y2", A_FOREIGN}, {"cx", A_FOREIGN}, {"cy", A_FOREIGN},
	{"r", A_FOREIGN}, {"rx", A_FOREIGN}, {"ry", A_FOREIGN}, {"dx", A_FOREIGN},
	{"dy", A_FOREIGN}, {"d", A_FOREIGN}, {"points", A_FOREIGN}, {"fill", A_FOREIGN},
	{"fill-opacity", A_FOREIGN}, {"fill-rule", A_FOREIGN}, {"stroke", A_FOREIGN},
	{"stroke-width", A_FOREIGN}, {"stroke-opacity", A_FOREIGN},
	{"stroke-linecap", A_FOREIGN}, {"stroke-linejoin", A_FOREIGN},
	{"stroke-dasharray", A_FOREIGN}, {"opacity", A_FOREIGN}, {"transform", A_FOREIGN},
	{"font-size", A_FOREIGN}, {"font-family", A_FOREIGN}, {"font-weight", A_FOREIGN},
	{"text-anchor", A_FOREIGN}, {"offset", A_FOREIGN}, {"stop-color", A_FOREIGN},
	{"stop-opacity", A_FOREIGN}, {"gradientunits", A_FOREIGN},
	{"gradienttransform", A_FOREIGN},
	{"display", A_FOREIGN}, {"mathvariant", A_FOREIGN}, {"mathsize", A_FOREIGN},
	{"mathcolor", A_FOREIGN}, {"mathbackground", A_FOREIGN}, {"stretchy", A_FOREIGN},
	{"fence", A_FOREIGN}, {"separator", A_FOREIGN}, {"separators", A_FOREIGN},
	{"lspace", A_FOREIGN}, {"rspace", A_FOREIGN}, {"accent", A_FOREIGN},
	{"accentunder", A_FOREIGN}, {"linethickness", A_FOREIGN}, {"columnalign", A_FOREIGN},
	{"rowalign", A_FOREIGN}, {"open", A_FOREIGN}, {"close", A_FOREIGN},
	{"notation", A_FOREIGN}, {"scriptlevel", A_FOREIGN}, {"displaystyle", A_FOREIGN},
	{"encoding", A_FOREIGN}, {"largeop", A_FOREIGN}, {"movablelimits", A_FOREIGN},
	{"symmetric", A_FOREIGN}, {"form", A_FOREIGN}, {"depth", A_FOREIGN},
};

/* The namespaces an xmlns attribute may name. */
static int foreign_ns_ok(const char *v, size_t n)
{
	static const char *const ok[] = {"http://www.w3.org/2000/svg",
					 "http://www.w3.org/1998/Math/MathML"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strlen(ok[i]) == n && memcmp(ok[i], v, n) == 0)
			return 1;
	return 0;
}

/* Open-addressing tables over the two lists, built on first use: looking names up is
 * on the hot path of every summary. */
#define NAME_SLOTS 512
static const struct name_flags *element_slots[NAME_SLOTS], *attribute_slots[NAME_SLOTS];

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void slots_fill(const struct name_flags **slots, const struct name_flags *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned h = name_hash(t[i].name) % NAME_SLOTS;
		while (slots[h])
			h = (h + 1) % NAME_SLOTS;
		slots[h] = &t[i];
	}
}

static void slots_build(void)
{
	slots_fill(element_slots, elements, sizeof elements / sizeof elements[0]);
	slots_fill(attribute_slots, attributes, sizeof attributes / sizeof attributes[0]);
}

/* Built once for the process: the reader's loop (a story's page) and the refresh thread
 * (feeds) may sanitise at the same moment, the first time included. Each entry point
 * that looks names up calls slots_ready first (once a document, not once a name: the
 * look-up is on the hot path). */
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static void slots_ready(void)
{
	pthread_once(&slots_once, slots_build);
}

static const struct name_flags *slots_find(const struct name_flags **slots, const char *name)
{
	unsigned h;
	if (!name[0])
		return NULL;
	h = name_hash(name) % NAME_SLOTS;
	while (slots[h]) {
		if (slots[h]->name[0] == name[0] && strcmp(slots[h]->name, name) == 0)
			return slots[h];
		h = (h + 1) % NAME_SLOTS;
	}
	return NULL;
}

static int element_flags(const char *name)
{
	const struct name_flags *e = slots_find(element_slots, name);
	return e ? e->flags : 0;
}

/* The name an element or attribute is written out with: SVG's are case-sensitive. */
static const char *out_name(const char *name)
{
	static const char *const mixed[] = {"linearGradient", "radialGradient", "clipPath",
		"viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform"};
	if (name[0] != 'l' && name[0] != 'r' && name[0] != 'c' && name[0] != 'v' &&
	    name[0] != 'p' && name[0] != 'g')
		return name;
	for (size_t i = 0; i < sizeof mixed / sizeof mixed[0]; i++)
		if (strcasecmp(mixed[i], name) == 0)
			return mixed[i];
	return name;
}

/* Lower-cased ASCII name from p into buf (its length into *len); returns the end of the
 * name. */
static inline const char *read_name_len(const char *p, const char *end, char *buf, size_t bufsz,
					size_t *len)
{
	size_t n = 0;
	while (p < end && !A_SPACE(*p) && *p != '>' && *p != '/' && *p != '=' &&
	       *p != '<') {
		if (n + 1 < bufsz)
			buf[n++] = (char)A_LOWER(*p);
		else
			buf[0] = '\0', n = bufsz; /* too long: no known name */
		p++;
	}
	if (n >= bufsz)
		n = 0;
	buf[n] = '\0';
	*len = n;
	return p;
}

static const char *read_name(const char *p, const char *end, char *buf, size_t bufsz)
{
	size_t n;
	return read_name_len(p, end, buf, bufsz, &n);
}

static const char *find_ci(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++)
		if (strncasecmp(p, needle, n) == 0)
			return p;
	return NULL;
}

static const char *find_str(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

/* A URL is safe when it is relative or uses a scheme that cannot run code. The check
 * ignores the whitespace and control characters browsers ignore ("java\tscript:"). */
static int url_safe(const char *v)
{
	char scheme[16];
	size_t n = 0;
	const char *p = v;
	while (*p && ((unsigned char)*p <= 0x20))
		p++;
	for (; *p && *p != ':'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '/' || c == '?' || c == '#')
			return 1; /* relative */
		if (!isalnum(c) && c != '+' && c != '-' && c != '.')
			return 1; /* not a scheme: a relative reference */
		if (n + 1 >= sizeof scheme)
			return 0;
		scheme[n++] = (char)tolower(c);
	}
	if (!*p)
		return 1;
	scheme[n] = '\0';
	if (!strcmp(scheme, "http") || !strcmp(scheme, "https") || !strcmp(scheme, "ftp") ||
	    !strcmp(scheme, "mailto") || !strcmp(scheme, "news") || !strcmp(scheme, "nntp") ||
	    !strcmp(scheme, "tel") || !strcmp(scheme, "irc") || !strcmp(scheme, "feed") ||
	    !strcmp(scheme, "gopher") || !strcmp(scheme, "magnet"))
		return 1;
	if (!strcmp(scheme, "data")) {
		p++;
		while (*p && (unsigned char)*p <= 0x20)
			p++;
		return strncasecmp(p, "image/", 6) == 0 && strncasecmp(p, "image/svg", 9) != 0;
	}
	return 0;
}

struct tok_attr {
	char name[24];
	const char *val;
	size_t vlen;
	int has_val;
};

/* Parses a start tag's attributes from p; calls back for each. Returns the position after
 * '>' (or end) and sets *selfclose. */
static const char *parse_attrs(const char *p, const char *end, int *selfclose,
			       void (*each)(void *ctx, struct tok_attr *a), void *ctx)
{
	*selfclose = 0;
	while (p < end) {
		struct tok_attr a;
		while (p < end && (A_SPACE(*p) || *p == '/')) {
			if (*p == '/' && p + 1 < end && p[1] == '>')
				*selfclose = 1;
			p++;
		}
		if (p >= end)
			break;
		if (*p == '>')
			return p + 1;
		if (*p == '<')
			return p; /* broken tag: let the next one start */
		p = read_name(p, end, a.name, sizeof a.name);
		a.val = NULL;
		a.vlen = 0;
		a.has_val = 0;
		while (p < end && A_SPACE(*p))
			p++;
		if (p < end && *p == '=') {
			p++;
			while (p < end && A_SPACE(*p))
				p++;
			a.has_val = 1;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p++;
				const char *e = memchr(p, q, (size_t)(end - p));
				if (!e)
					e = end;
				a.val = p;
				a.vlen = (size_t)(e - p);
				p = e < end ? e + 1 : end;
			} else {
				a.val = p;
				while (p < end && !A_SPACE(*p) && *p != '>')
					p++;
				a.vlen = (size_t)(p - a.val);
			}
		} else if (!a.name[0] && p < end && *p != '>') {
			p++; /* a stray character */
			continue;
		}
		if (a.name[0])
			each(ctx, &a);
	}
	return p;
}

struct san_ctx {
	struct sbuf *out;
	const char *base;
	struct sbuf val;
	int foreign;     /* inside svg or math */
	const char *alt; /* html_to_text: an img's alt (in val) */
};

static void san_attr(void *vctx, struct tok_attr *a)
{
	struct san_ctx *c = vctx;
	const struct name_flags *ae = slots_find(attribute_slots, a->name);
	int af = ae ? ae->flags : 0;
	const char *v;
	size_t vlen;
	v = a->val ? a->val : "";
	vlen = a->vlen;
	if (!(af & A_OK)) {
		if (!(af & A_FOREIGN) || !c->foreign)
			return; /* on* handlers, style and everything unknown */
		if (!strcmp(a->name, "xmlns") && !foreign_ns_ok(v, vlen))
			return;
	}
	if (memchr(v, '&', vlen)) {
		sbuf_reset(&c->val);
		html_decode(&c->val, v, vlen);
		v = sbuf_str(&c->val);
		vlen = c->val.len;
	} else {
		sbuf_reset(&c->val);
		sbuf_add(&c->val, v, vlen);
		v = sbuf_str(&c->val);
	}
	if (has_control(v, vlen))
		vlen = text_clean(c->val.s);
	if (af & A_URL) {
		char *abs = NULL;
		while (*v == ' ' || *v == '\t' || *v == '\n')
			v++, vlen--;
		if (!url_safe(v))
			return;
		if (c->base) {
			abs = url_resolve(c->base, v);
			if (!abs || !url_safe(abs)) {
				free(abs);
				return;
			}
			v = abs;
			vlen = strlen(abs);
		}
		sb_putc(c->out, ' ');
		sbuf_adds(c->out, a->name);
		sb_put(c->out, "=\"", 2);
		html_escape(c->out, v, vlen);
		sb_putc(c->out, '"');
		free(abs);
		return;
	}
	sb_putc(c->out, ' ');
	sbuf_adds(c->out, c->foreign ? out_name(a->name) : a->name);
	sb_put(c->out, "=\"", 2);
	html_escape(c->out, v, vlen);
	sb_putc(c->out, '"');
}

/* html_to_text keeps an image's alt text: for a title that is only a picture, it is the
 * title. */
static void alt_attr(void *vctx, struct tok_attr *a)
{
	struct san_ctx *c = vctx;
	if (strcmp(a->name, "alt") != 0 || !a->val)
		return;
	sbuf_reset(&c->val);
	sbuf_add(&c->val, a->val, a->vlen);
	c->alt = sbuf_str(&c->val);
}

static void ignore_attr(void *ctx, struct tok_attr *a)
{
	(void)ctx;
	(void)a;
}

/* Skips past the end tag of a dropped element (its whole content goes). */
static const char *skip_element(const char *p, const char *end, const char *name)
{
	char close[32];
	const char *q;
	size_t n = strlen(name);
	if (n + 3 > sizeof close)
		return end;
	close[0] = '<';
	close[1] = '/';
	memcpy(close + 2, name, n + 1);
	q = find_ci(p, end, close);
	if (!q)
		return end;
	q = memchr(q, '>', (size_t)(end - q));
	return q ? q + 1 : end;
}

/* Text: references decoded to UTF-8 except the ones that are markup. */
static void text_out(struct sbuf *out, const char *s, const char *end, int plain)
{
	const char *run = s;
	while (s < end) {
		char u[8];
		size_t un, n;
		unsigned cp;
		const char *q = memchr(s, '&', (size_t)(end - s));
		if (!q)
			q = end;
		if (!plain) {
			const char *g = memchr(s, '>', (size_t)(q - s));
			if (g)
				q = g;
		}
		if (q >= end)
			break;
		if (*q != '&') {
			sb_put(out, run, (size_t)(q - run));
			sbuf_adds(out, *q == '<' ? "&lt;" : "&gt;");
			s = run = q + 1;
			continue;
		}
		n = ref_parse(q, end, &cp, u, &un);
		sb_put(out, run, (size_t)(q - run));
		if (!n) {
			sbuf_adds(out, plain ? "&" : "&amp;");
			s = run = q + 1;
			continue;
		}
		if (!plain && (cp == '&' || cp == '<' || cp == '>' || cp == '"'))
			sbuf_adds(out, cp == '&' ? "&amp;" : cp == '<' ? "&lt;" : cp == '>' ? "&gt;" : "&quot;");
		else
			sb_put(out, u, un);
		s = run = q + n;
	}
	sb_put(out, run, (size_t)(end - run));
}

static void html_walk(struct sbuf *out, const char *p, size_t len, const char *base, int plain)
{
	const char *end = p + len;
	struct san_ctx c = {out, base, SBUF_INIT, 0, NULL};
	slots_ready();
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		char name[24];
		size_t nl;
		if (!lt)
			lt = end;
		text_out(out, p, lt, plain);
		p = lt;
		if (p >= end)
			break;
		if (p + 1 >= end) {
			sbuf_adds(out, plain ? "<" : "&lt;");
			break;
		}
		if (p[1] == '!') {
			if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
				const char *e = find_str(p + 4, end, "-->");
				p = e ? e + 3 : end;
			} else if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
				const char *e = find_str(p + 9, end, "]]>");
				const char *stop = e ? e : end;
				if (plain)
					sb_put(out, p + 9, (size_t)(stop - p - 9));
				else
					html_escape(out, p + 9, (size_t)(stop - p - 9));
				p = e ? e + 3 : end;
			} else {
				const char *e = memchr(p, '>', (size_t)(end - p));
				p = e ? e + 1 : end;
			}
			continue;
		}
		if (p[1] == '?') {
			const char *e = memchr(p, '>', (size_t)(end - p));
			p = e ? e + 1 : end;
			continue;
		}
		if (p[1] == '/' && p + 2 < end && A_ALPHA(p[2])) {
			const char *e;
			int f;
			read_name_len(p + 2, end, name, sizeof name, &nl);
			f = element_flags(name);
			if ((f & E_FOREIGN) && !c.foreign)
				f = 0;
			if ((f & E_ROOT) && c.foreign)
				c.foreign--;
			e = memchr(p, '>', (size_t)(end - p));
			p = e ? e + 1 : end;
			if (plain) {
				if (f & E_BLOCK)
					sb_putc(out, '\n');
			} else if ((f & E_OK) && !(f & E_VOID)) {
				sb_put(out, "</", 2);
				if (c.foreign)
					sbuf_adds(out, out_name(name));
				else
					sb_put(out, name, nl);
				sb_putc(out, '>');
			}
			continue;
		}
		if (A_ALPHA(p[1])) {
			int selfclose, ok, f;
			const char *q = read_name_len(p + 1, end, name, sizeof name, &nl);
			f = element_flags(name);
			if ((f & E_FOREIGN) && !c.foreign)
				f = 0; /* an SVG or MathML name outside svg and math: unknown */
			if (f & E_DROP) {
				q = parse_attrs(q, end, &selfclose, ignore_attr, NULL);
				p = selfclose || (f & E_VOID) ? q : skip_element(q, end, name);
				continue;
			}
			ok = !plain && (f & E_OK);
			if (ok) {
				sb_putc(out, '<');
				if (c.foreign)
					sbuf_adds(out, out_name(name));
				else
					sb_put(out, name, nl);
			}
			if (f & E_ROOT)
				c.foreign++; /* its attributes are read as SVG/MathML ones too */
			c.alt = NULL;
			p = parse_attrs(q, end, &selfclose,
					ok ? san_attr : plain && !strcmp(name, "img") ? alt_attr : ignore_attr, &c);
			if ((f & E_ROOT) && selfclose)
				c.foreign--;
			if (ok) {
				if ((f & E_VOID) || (selfclose && c.foreign))
					sb_puts(out, " />");
				else
					sb_putc(out, '>');
			}
			if (plain && (f & E_BLOCK))
				sb_putc(out, '\n');
			if (c.alt) {
				/* an image's alt text is what a text reader shows */
				html_decode(out, c.alt, c.val.len);
				c.alt = NULL;
			}
			continue;
		}
		sbuf_adds(out, plain ? "<" : "&lt;");
		p++;
	}
	sbuf_free(&c.val);
}

void html_sanitize(struct sbuf *out, const char *html, size_t len, const char *base)
{
	html_walk(out, html, len, base, 0);
}

void html_to_text(struct sbuf *out, const char *html, size_t len)
{
	html_walk(out, html, len, NULL, 1);
}
