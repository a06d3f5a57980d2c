/* extract_meta: headline, byline, date and site from meta tags, JSON-LD (with its image
 * captions and credits), <title>, <h1>, <time> and byline classes. */
#include "config.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "extract_int.h"

struct meta {
	char *og_title, *tw_title, *og_site, *author, *published, *desc, *appname, *canonical;
	char *ld_headline, *ld_author, *ld_published, *ld_publisher, *ld_site;
	char *rel_author, *byline_el, *by_line, *time_el, *doc_title, *itemprop_date;
	char *date_el;        /* the text of an element classed as the story's date */
	char *date_el_art;    /* ... the first inside <article> or <main> */
	char *h1[8];          /* the page's first <h1> texts */
	int h1_art[8];        /* ... and whether each is inside <article> or <main> */
	int nh1;
};

static void meta_set(char **dst, const char *v)
{
	if (*dst || !v || !*v)
		return;
	*dst = xstrdup(v);
	if (!text_clean_line(*dst)) {
		free(*dst);
		*dst = NULL;
	}
}

static void ld_names(const json_t *j, struct sbuf *b, int depth)
{
	if (!j || depth > 4)
		return;
	if (json_is_string(j)) {
		const char *v = json_string_value(j);
		if (!url_is_http(v) && *v) {
			if (b->len)
				sbuf_adds(b, ", ");
			sbuf_adds(b, v);
		}
	} else if (json_is_array(j)) {
		size_t i;
		json_t *k;
		json_array_foreach(j, i, k)
			ld_names(k, b, depth + 1);
	} else if (json_is_object(j)) {
		const char *nm = jsonld_get_str(j, "name");
		if (nm && *nm) {
			if (strstr(b->s ? b->s : "", nm))
				return;
			if (b->len)
				sbuf_adds(b, ", ");
			sbuf_adds(b, nm);
		}
	}
}

static int ld_type_is(const json_t *o, const char *const *types)
{
	json_t *t = jsonld_get(o, "@type");
	if (!t)
		return 0;
	if (json_is_string(t))
		return dom_has_any(json_string_value(t), types);
	if (json_is_array(t)) {
		size_t i;
		json_t *k;
		json_array_foreach(t, i, k)
			if (json_is_string(k) && dom_has_any(json_string_value(k), types))
				return 1;
	}
	return 0;
}

static void ld_image(struct ex *x, const json_t *im, int depth)
{
	if (!im || depth > 8)
		return;
	if (json_is_array(im)) {
		size_t i;
		json_t *k;
		json_array_foreach(im, i, k)
			ld_image(x, k, depth + 1);
		return;
	}
	if (!json_is_object(im))
		return;
	const char *url = jsonld_get_str(im, "url");
	if (!url)
		url = jsonld_get_str(im, "contentUrl");
	const char *cap = jsonld_get_str(im, "caption");
	if (!cap)
		cap = jsonld_get_str(im, "description");
	struct sbuf cr = SBUF_INIT;
	const char *ct = jsonld_get_str(im, "creditText");
	if (ct)
		sbuf_adds(&cr, ct);
	else {
		ld_names(jsonld_get(im, "copyrightHolder"), &cr, 0);
		if (!cr.len)
			ld_names(jsonld_get(im, "author"), &cr, 0);
		if (!cr.len)
			ld_names(jsonld_get(im, "creator"), &cr, 0);
	}
	if (!cap && !cr.len) {
		sbuf_free(&cr);
		return;
	}
	char *caption = xstrdup(cap), *credit = words_take_line(&cr), *u = NULL;
	if (caption && !text_clean_line(caption)) {
		free(caption);
		caption = NULL;
	}
	if (url) {
		u = dom_url_clean(url_resolve(x->base, url));
		if (u && !url_ok(x->base, u)) {
			free(u);
			u = NULL;
		}
	}
	credit_split(&caption, &credit);
	if (credit)
		credit_strip_prefix(credit);
	if (!caption && !credit) {
		free(u);
		return;
	}
	article_figure_add(x->a, u, caption, credit);
}

/* One more description the standfirst may agree with, unless the page gave it already. */
static void desc_add(struct ex *x, const char *v)
{
	size_t i = 0;
	if (!v || !*v)
		return;
	for (; i < sizeof x->descs / sizeof x->descs[0] && x->descs[i]; i++)
		if (!strcmp(x->descs[i], v))
			return;
	if (i < sizeof x->descs / sizeof x->descs[0])
		x->descs[i] = xstrdup(v);
}


static void ld_walk(struct ex *x, struct meta *m, const json_t *j, int depth)
{
	static const char *const art[] = {"Article", "BlogPosting", "Report", "NewsArticle",
		"Posting", "Story", "Review", NULL};
	if (!j || depth > 6)
		return;
	if (json_is_array(j)) {
		size_t i;
		json_t *k;
		json_array_foreach(j, i, k)
			ld_walk(x, m, k, depth + 1);
		return;
	}
	if (!json_is_object(j))
		return;
	json_t *g = jsonld_get(j, "@graph");
	if (g)
		ld_walk(x, m, g, depth + 1);
	if (ld_type_is(j, art)) {
		meta_set(&m->ld_headline, jsonld_get_str(j, "headline"));
		meta_set(&m->ld_published, jsonld_get_str(j, "datePublished"));
		if (!m->ld_author) {
			struct sbuf b = SBUF_INIT;
			ld_names(jsonld_get(j, "author"), &b, 0);
			m->ld_author = words_take_line(&b);
		}
		if (!m->ld_publisher) {
			json_t *p = jsonld_get(j, "publisher");
			if (json_is_array(p))
				p = json_array_get(p, 0);
			if (json_is_object(p))
				meta_set(&m->ld_publisher, jsonld_get_str(p, "name"));
		}
		const char *ab = jsonld_get_str(j, "articleBody");
		if (ab && !x->ld_body)
			x->ld_body = xstrdup(ab);
		desc_add(x, jsonld_get_str(j, "description"));
		ld_image(x, jsonld_get(j, "image"), 0);
		ld_image(x, jsonld_get(j, "associatedMedia"), 0);
	} else if (ld_type_is(j, (const char *const[]){"WebSite", NULL})) {
		meta_set(&m->ld_site, jsonld_get_str(j, "name"));
	} else if (ld_type_is(j, (const char *const[]){"Organization", "NewsMediaOrganization", NULL})) {
		meta_set(&m->ld_publisher, jsonld_get_str(j, "name"));
	}
}

/* A link to the site's front page: "/", "index.html", or the page's host with no path. */
static int home_link(struct ex *x, const xmlNode *a)
{
	const char *href = node_attr(a, "href");
	if (!href)
		return 0;
	if (!strcmp(href, "/") || !strcmp(href, "./") || !strcasecmp(href, "index.html") ||
	    !strcasecmp(href, "/index.html"))
		return 1;
	char *u = url_resolve(x->base, href);
	int home = 0;
	const char *h = u ? strstr(u, "://") : NULL;
	if (h) {
		const char *path = strchr(h + 3, '/');
		home = !path || !strcmp(path, "/");
	}
	free(u);
	return home;
}

/* An <h1> that is the site's logo or name, not a headline: a logo, brand or site-title
 * class on it or just above it, or a link to the front page around it or inside it. */
static int logo_h1(struct ex *x, const xmlNode *h1)
{
	static const char *const subs[] = {"logo", "site-title", "sitetitle", "site-name",
					   "sitename", "site_title", "site_name", "brand",
					   "masthead", NULL};
	const xmlNode *p = h1;
	for (int i = 0; i < 3 && p && p->type == XML_ELEMENT_NODE; i++, p = p->parent) {
		if (dom_classid_has(p, subs))
			return 1;
		if (i > 0 && node_is(p, "a") && home_link(x, p))
			return 1;
	}
	for (const xmlNode *c = h1->children; c; c = c->next)
		if (node_is(c, "a") && home_link(x, c))
			return 1;
	return 0;
}

/* A digit in the element's own text: a date line has one. */
static int node_has_digit(const xmlNode *n)
{
	char *t = node_text_line(n);
	int d = 0;
	for (const char *p = t ? t : ""; *p && !d; p++)
		d = isdigit((unsigned char)*p) != 0;
	free(t);
	return d;
}

static void meta_scan(struct ex *x, struct meta *m, xmlNode *n, int depth, int in_art)
{
	for (; n && depth < 200; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(n, "meta")) {
			const char *k = node_attr(n, "property");
			const char *v = node_attr(n, "content");
			if (!k)
				k = node_attr(n, "name");
			if (!k)
				k = node_attr(n, "itemprop");
			if (k && v) {
				if (!strcasecmp(k, "og:title"))
					meta_set(&m->og_title, v);
				else if (!strcasecmp(k, "twitter:title"))
					meta_set(&m->tw_title, v);
				else if (!strcasecmp(k, "og:site_name"))
					meta_set(&m->og_site, v);
				else if (!strcasecmp(k, "application-name"))
					meta_set(&m->appname, v);
				else if ((!strcasecmp(k, "author") || !strcasecmp(k, "article:author") ||
					  !strcasecmp(k, "dc.creator") || !strcasecmp(k, "parsely-author") ||
					  !strcasecmp(k, "sailthru.author")) && !url_is_http(v))
					meta_set(&m->author, v);
				else if (!strcasecmp(k, "article:published_time") ||
					 !strcasecmp(k, "datePublished") || !strcasecmp(k, "pubdate") ||
					 !strcasecmp(k, "publishdate") || !strcasecmp(k, "publish-date") ||
					 !strcasecmp(k, "date") || !strcasecmp(k, "dc.date") ||
					 !strcasecmp(k, "dc.date.issued") || !strcasecmp(k, "dcterms.created") ||
					 !strcasecmp(k, "sailthru.date") || !strcasecmp(k, "parsely-pub-date") ||
					 !strcasecmp(k, "og:published_time") || !strcasecmp(k, "article.published") ||
					 !strcasecmp(k, "article:published") || !strcasecmp(k, "publish_date") ||
					 !strcasecmp(k, "pub_date") || !strcasecmp(k, "publication_date") ||
					 !strcasecmp(k, "original-publish-date") || !strcasecmp(k, "dc.date.created") ||
					 !strcasecmp(k, "article_date_original") || !strcasecmp(k, "date.published") ||
					 !strcasecmp(k, "dcterms.date") || !strcasecmp(k, "dcterms.issued") ||
					 (node_attr(n, "itemprop") && dom_has_sub(node_attr(n, "itemprop"), "datePublished")))
					meta_set(&m->published, v);
				else if (!strcasecmp(k, "og:description") || !strcasecmp(k, "description"))
					meta_set(&m->desc, v);
				if (!strcasecmp(k, "og:description") || !strcasecmp(k, "description") ||
				    !strcasecmp(k, "twitter:description"))
					desc_add(x, v);
			}
			continue;
		}
		if (node_is(n, "script")) {
			const char *t = node_attr(n, "type");
			if (t && dom_has_sub(t, "ld+json") && n->children && n->children->content) {
				const char *s = (const char *)n->children->content;
				json_t *j = jsonld_load(s, strlen(s));
				if (j)
					ld_walk(x, m, j, 0);
				json_decref(j);
			}
			continue;
		}
		if (node_is(n, "title") && !m->doc_title) {
			m->doc_title = node_text_line(n);
			continue;
		}
		if (node_is(n, "base") && node_attr(n, "href") && !x->base_href) {
			char *u = url_resolve(x->base, node_attr(n, "href"));
			if (u && url_is_http(u))
				x->base_href = u;
			else
				free(u);
			continue;
		}
		if (node_is(n, "link")) {
			const char *rel = node_attr(n, "rel"), *href = node_attr(n, "href");
			if (rel && href && !strcasecmp(rel, "canonical"))
				meta_set(&m->canonical, href);
			continue;
		}
		if (node_is(n, "head")) {
			meta_scan(x, m, n->children, depth + 1, in_art);
			continue;
		}
		if (n->_private && (INFO(n)->flags & F_SKIP))
			continue;
		if (node_is(n, "h1") && m->nh1 < 8 && !logo_h1(x, n)) {
			char *h = node_text_line(n);
			if (h) {
				m->h1_art[m->nh1] = in_art;
				m->h1[m->nh1++] = h;
			}
		}
		if (node_is(n, "time") && !m->time_el) {
			const char *dt = node_attr(n, "datetime");
			if (dt)
				meta_set(&m->time_el, dt);
		}
		const char *ip = node_attr(n, "itemprop");
		if (ip && !strcasecmp(ip, "datePublished") && !m->itemprop_date) {
			const char *dt = node_attr(n, "datetime");
			if (!dt)
				dt = node_attr(n, "content");
			meta_set(&m->itemprop_date, dt);
		}
		const char *rel = node_attr(n, "rel");
		if (node_is(n, "a") && rel && dom_has_sub(rel, "author") && !m->rel_author)
			m->rel_author = node_text_line(n);
		if (node_is(n, "form") || dom_tokens_match(n, (const char *const[]){"comments", "comment",
			"respond", NULL}, (const char *const[]){"comment", NULL}))
			continue; /* a comment form's "Name" is nobody's byline */
		if (!m->byline_el && !node_is(n, "body") && INFO(n)->text > 0 && INFO(n)->text < 80 &&
		    dom_tokens_match(n, (const char *const[]){"byline", "author", "authors", "byline-name",
			"autor", "autoren", "auteur", "auteurs", "autore", "autori", "signature", "firma",
			"writer", NULL}, (const char *const[]){"byline", NULL})) {
			m->byline_el = byline_lines(n);
			x->byline_node = n;
		}
		/* "By Jane Roe, Staff Reporter": a short line under the headline that opens
		 * with "By" and a name, whatever its class */
		if (!m->by_line && m->nh1 > 0 && INFO(n)->text >= 6 && INFO(n)->text < 100 &&
		    (node_is(n, "p") || node_is(n, "div") || node_is(n, "span") ||
		     node_is(n, "address")) && !dom_has_block_child(n)) {
			char *t = node_text_line(n);
			if (t && meta_by_line(t)) {
				m->by_line = t;
				if (!x->byline_node)
					x->byline_node = n;
			} else {
				free(t);
			}
		}
		/* "Veröffentlicht am 03.06.2026": a line classed as the date */
		if ((!m->date_el || (in_art && !m->date_el_art)) && !node_is(n, "body") &&
		    INFO(n)->text >= 6 && INFO(n)->text < 80 &&
		    !dom_has_block_child(n) &&
		    dom_tokens_match(n, (const char *const[]){"date", "datum", "dateline", "pubdate",
			"published", "publish-date", "timestamp", "fecha", "data", "datetime", NULL}, NULL) &&
		    node_has_digit(n)) {
			if (!m->date_el)
				m->date_el = node_text_line(n);
			if (in_art && !m->date_el_art)
				m->date_el_art = node_text_line(n);
		}
		meta_scan(x, m, n->children, depth + 1,
			  in_art || node_is(n, "article") || node_is(n, "main"));
	}
}

static void meta_free(struct meta *m)
{
	char **f[] = {&m->og_title, &m->tw_title, &m->og_site, &m->author, &m->published,
		      &m->desc, &m->appname, &m->canonical, &m->ld_headline, &m->ld_author,
		      &m->ld_published, &m->ld_publisher, &m->ld_site, &m->rel_author,
		      &m->byline_el, &m->by_line, &m->time_el, &m->doc_title, &m->itemprop_date,
		      &m->date_el, &m->date_el_art};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(*f[i]);
	for (int i = 0; i < m->nh1; i++)
		free(m->h1[i]);
}

/* Letters and digits only, lower case (ASCII), other bytes kept: "The Harbour-News" and
 * "harbournews" compare equal after a leading "the" goes. */
static void name_key(const char *s, char *out, size_t sz)
{
	size_t j = 0;
	if (!strncasecmp(s, "the ", 4))
		s += 4;
	for (; *s && j + 1 < sz; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80 || isalnum(c))
			out[j++] = (char)tolower(c);
	}
	out[j] = 0;
}

/* The names a page's site goes by: og:site_name, the JSON-LD publisher and WebSite, the
 * application name, and its domain ("www.harbournews.co.uk": "harbournews.co.uk" and
 * "harbournews"), as name_key keys. */
struct site_names {
	char key[6][128];
	int n;
};

static void names_add(struct site_names *sn, const char *name)
{
	if (!name || !*name || sn->n >= 6)
		return;
	name_key(name, sn->key[sn->n], sizeof sn->key[0]);
	if (sn->key[sn->n][0])
		sn->n++;
}

static void names_add_host(struct site_names *sn, const char *url)
{
	const char *h = url ? strstr(url, "://") : NULL;
	char host[128], *lab[16];
	int nl = 0;
	if (!h)
		return;
	h += 3;
	size_t k = strcspn(h, "/:?#");
	if (k == 0 || k >= sizeof host)
		return;
	memcpy(host, h, k);
	host[k] = 0;
	char *p = host;
	if (!strncasecmp(p, "www.", 4) || !strncasecmp(p, "amp.", 4))
		p += 4;
	else if (!strncasecmp(p, "m.", 2))
		p += 2;
	names_add(sn, p);
	for (char *q = p; nl < 16;) {
		lab[nl++] = q;
		q = strchr(q, '.');
		if (!q)
			break;
		*q++ = 0;
	}
	/* the registered name: before the last label, or before "co.uk"/"com.br" */
	int i = nl - 2;
	if (i > 0 && strlen(lab[nl - 1]) == 2 && strlen(lab[i]) <= 3)
		i--;
	if (i >= 0 && strlen(lab[i]) >= 3)
		names_add(sn, lab[i]);
}

static int names_match(const struct site_names *sn, const char *s)
{
	char k[128];
	name_key(s, k, sizeof k);
	if (!k[0])
		return 0;
	for (int i = 0; i < sn->n; i++)
		if (!strcmp(k, sn->key[i]))
			return 1;
	return 0;
}

/* "Headline - Site", "Headline | Site", "Headline — Site", "Headline · Site": the tail goes
 * whenever it is one of the site's names, however short the headline; a tail the page does
 * not name as its site goes only when loose is set and it is short next to a headline of
 * three words or more. Returns the tail removed, or NULL. */
static char *title_strip_site(char *t, const struct site_names *sn, int loose)
{
	static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " « ",
					   " » ", " / ", NULL};
	char *best = NULL;
	for (int i = 0; seps[i]; i++) {
		char *p = t, *q;
		while ((q = strstr(p, seps[i])) != NULL) {
			if (!best || q > best)
				best = q;
			p = q + 1;
		}
	}
	if (!best || best == t)
		return NULL;
	const char *tail = strchr(best + 1, ' ');
	tail = tail ? tail + 1 : best;
	int tail_words = 1, head_words = 1;
	for (const char *p = tail; *p; p++)
		if (*p == ' ')
			tail_words++;
	for (const char *p = t; p < best; p++)
		if (*p == ' ')
			head_words++;
	if ((sn && names_match(sn, tail)) || (loose && tail_words <= 4 && head_words >= 3)) {
		char *s = xstrdup(tail);
		*best = 0;
		return s;
	}
	return NULL;
}

/* 1990 to tomorrow: a page's "0001-01-01" or a year 2099 placeholder is no date. */
static int date_plausible(int64_t t)
{
	return t != CRIER_NO_DATE && t >= 631152000 && t <= (int64_t)time(NULL) + 86400;
}

/* A <title> tail is the site's name when the address says so, or when it has two words
 * or more: a one-word tail ("U.S.", "Politics") is a section label as often as a site. */
static int site_tail_ok(const struct site_names *sn, const char *tail)
{
	return names_match(sn, tail) || strchr(tail, ' ') != NULL;
}

static char *pick(char **a, char **b, char **c)
{
	char **v[] = {a, b, c};
	for (int i = 0; i < 3; i++)
		if (v[i] && *v[i]) {
			char *s = *v[i];
			*v[i] = NULL;
			return s;
		}
	return NULL;
}

/* The site's name at the start of a line, alone or before ", place" / " - desk":
 * "Harbour News, Wendle" is where the writer works, not who it is. */
static int names_start(const struct site_names *sn, const char *line)
{
	if (names_match(sn, line))
		return 1;
	size_t k = strcspn(line, ",|(");
	const char *dash = strstr(line, " - ");
	if (dash && (size_t)(dash - line) < k)
		k = (size_t)(dash - line);
	if (!line[k] || k == 0 || k >= 128)
		return 0;
	char head[128];
	memcpy(head, line, k);
	head[k] = 0;
	return names_match(sn, head);
}

/* 1 when a byline line ends with a word that introduces the name ("By", "von",
 * "Artikel von:", "autor:"): the name is on the next line. */
static int byline_lead_in(const char *line)
{
	static const char *const words[] = {"by", "von", "par", "por", "di", "door", "av", "de",
		"from", NULL};
	size_t n = strlen(line);
	if (n && line[n - 1] == ':')
		return 1;
	const char *w = line + n;
	while (w > line && w[-1] != ' ')
		w--;
	for (int i = 0; words[i]; i++)
		if (!strcasecmp(w, words[i]))
			return 1;
	/* a label alone: "Autor", "Text" */
	static const char *const labels[] = {"author", "autor", "autorin", "auteur", "autore",
		"text", "texte", "written", NULL};
	for (int i = 0; labels[i] && w == line; i++)
		if (!strcasecmp(w, labels[i]))
			return 1;
	return 0;
}

static int has_alpha(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0xC0)
			return 1;
	return 0;
}

/* A byline element read as lines: the person's line and the further lines that name
 * another writer ("By ...", "and ..."), joined with ", "; a line that only leads in
 * ("By", "Artikel von:") joins the next; lines naming the site (with a place or desk
 * after it), titles after the name, separators and photo credits ("Foto: X", "(c) X")
 * go; lines that are a date stay, last, for the date. *bp is replaced. */
static void byline_pick_lines(char **bp, const struct site_names *sn)
{
	char *b = *bp;
	struct sbuf who = SBUF_INIT, when = SBUF_INIT, pend = SBUF_INIT;
	int seen = 0; /* a line naming someone or something came: later ones need "By"/"and" */
	/* when a line starts "By"/"Von", a line before it without one is a label
	 * ("Pressemitteilung" over "von Jane Roe") */
	int prefixed = meta_byline_prefix(b) > 0;
	for (const char *p = strchr(b, '\n'); p && !prefixed; p = strchr(p + 1, '\n'))
		prefixed = meta_byline_prefix(p + 1) > 0;
	for (char *line = b, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (pend.len) {
			sbuf_addc(&pend, ' ');
			sbuf_adds(&pend, line);
			line = (char *)sbuf_str(&pend);
		}
		if (!has_alpha(line) && byline_date_at(line) != 0) {
			sbuf_reset(&pend);
			continue; /* "—", "|" */
		}
		if (byline_date_at(line) == 0) {
			if (when.len)
				sbuf_addc(&when, ' ');
			sbuf_adds(&when, line);
			sbuf_reset(&pend);
			continue;
		}
		if (next && byline_lead_in(line)) {
			if (!pend.len)
				sbuf_adds(&pend, line);
			continue;
		}
		int drop = names_start(sn, line) || credit_marked(line) ||
			   !strncasecmp(line, "(c)", 3);
		size_t k = meta_byline_prefix(line);
		int and = !strncasecmp(line, "and ", 4) || !strncmp(line, "& ", 2);
		if (!drop && !((seen || prefixed) && !k && !and)) { /* not "Markets reporter" */
			if (who.len)
				sbuf_adds(&who, and ? " " : ", ");
			sbuf_adds(&who, line + (who.len ? k : 0));
		}
		seen = 1;
		sbuf_reset(&pend);
	}
	if (when.len) {
		if (who.len)
			sbuf_addc(&who, ' ');
		sbuf_add(&who, sbuf_str(&when), when.len);
	}
	free(b);
	*bp = who.len ? sbuf_steal(&who) : NULL;
	sbuf_free(&who);
	sbuf_free(&when);
	sbuf_free(&pend);
}

static void meta_apply(struct ex *x, struct meta *m)
{
	struct article *a = x->a;
	a->site = pick(&m->og_site, &m->ld_publisher, &m->ld_site);
	if (!a->site)
		a->site = pick(&m->appname, NULL, NULL);
	struct site_names sn;
	memset(&sn, 0, sizeof sn);
	names_add(&sn, a->site);
	names_add(&sn, m->og_site);
	names_add(&sn, m->ld_publisher);
	names_add(&sn, m->ld_site);
	names_add(&sn, m->appname);
	names_add_host(&sn, x->a->url ? x->a->url : m->canonical);
	/* The page's own headline first (og:title, JSON-LD headline), unless it is only
	 * the site's name; then the one <h1> that is a headline, not a logo; then <title>. */
	int loose = 1;
	char **own[] = {&m->og_title, &m->ld_headline, &m->tw_title};
	for (int i = 0; i < 3 && !a->title; i++)
		if (*own[i] && !names_match(&sn, *own[i]))
			a->title = pick(own[i], NULL, NULL);
	if (!a->title) {
		int cand = -1, ncand = 0, nart = 0, art = -1, in_title = -1;
		for (int i = 0; i < m->nh1; i++) {
			if (names_match(&sn, m->h1[i]))
				continue;
			ncand++;
			if (cand < 0)
				cand = i;
			if (m->h1_art[i] && nart++ == 0)
				art = i;
			if (in_title < 0 && m->doc_title && strstr(m->doc_title, m->h1[i]))
				in_title = i;
		}
		/* several: the one inside the article, else the one <title> repeats */
		int h = ncand == 1 ? cand : nart == 1 ? art : in_title;
		if (h >= 0) {
			a->title = pick(&m->h1[h], NULL, NULL);
			loose = 0; /* a dash in a visible headline is the headline's */
		}
	}
	if (!a->title)
		a->title = pick(&m->doc_title, NULL, NULL);
	if (!a->site && m->doc_title) {
		/* "Headline - Site" in <title> names the site when nothing else does */
		char *t = xstrdup(m->doc_title);
		a->site = title_strip_site(t, NULL, 1);
		free(t);
		if (a->site && !site_tail_ok(&sn, a->site)) {
			free(a->site);
			a->site = NULL;
		}
	}
	if (a->title) {
		char *tail = title_strip_site(a->title, &sn, loose);
		if (!a->site && tail && site_tail_ok(&sn, tail))
			a->site = tail;
		else
			free(tail);
	}
	/* The first byline that names someone other than the site (the site as its own
	 * author: the header names it once); the date written inside a byline is a date. */
	if (m->byline_el)
		byline_pick_lines(&m->byline_el, &sn);
	char *byline_date = NULL, *el_date = NULL;
	char **bsrc[] = {&m->ld_author, &m->author, &m->rel_author, &m->byline_el, &m->by_line};
	for (int i = 0; i < 5 && !a->byline; i++) {
		char *b = pick(bsrc[i], NULL, NULL);
		if (!b)
			continue;
		size_t k = meta_byline_prefix(b);
		memmove(b, b + k, strlen(b + k) + 1);
		byline_cut_date(b, &byline_date);
		text_clean_line(b);
		if (!*b || names_match(&sn, b))
			free(b);
		else
			a->byline = b;
	}
	if (m->byline_el) /* the byline element's date when the byline came from elsewhere */
		byline_cut_date(m->byline_el, &el_date);
	const char *d[] = {m->published, m->ld_published, m->itemprop_date, m->time_el,
			   byline_date, el_date, m->date_el_art, m->date_el};
	a->published = CRIER_NO_DATE;
	for (int i = 0; i < 8 && a->published == CRIER_NO_DATE; i++)
		if (d[i]) {
			int64_t t = extract_date(d[i]);
			if (date_plausible(t))
				a->published = t;
		}
	free(byline_date);
	free(el_date);
	if (!a->url && m->canonical) {
		char *u = url_resolve(NULL, m->canonical);
		if (url_is_http(u))
			a->url = u;
		else
			free(u);
	}
}

void meta_read(struct ex *x)
{
	struct meta m;
	memset(&m, 0, sizeof m);
	meta_scan(x, &m, x->root, 0, 0);
	meta_apply(x, &m);
	x->desc = m.desc;
	m.desc = NULL;
	meta_free(&m);
}
