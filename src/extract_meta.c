/* extract_meta: headline, byline, date and site from meta tags, JSON-LD (with its image
 * captions and credits), <title>, <h1>, <time> and byline classes. */
#include "config.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

struct meta {
	char *og_title, *tw_title, *og_site, *author, *published, *desc, *appname, *canonical;
	char *ld_headline, *ld_author, *ld_published, *ld_publisher, *ld_site;
	char *rel_author, *byline_el, *time_el, *h1, *doc_title, *itemprop_date;
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

static void ld_names(const struct json *j, struct sbuf *b, int depth)
{
	if (!j || depth > 4)
		return;
	if (j->type == JSON_STR) {
		if (!url_is_http(j->str) && *j->str) {
			if (b->len)
				sbuf_adds(b, ", ");
			sbuf_adds(b, j->str);
		}
	} else if (j->type == JSON_ARR) {
		for (struct json *k = j->kids; k; k = k->next)
			ld_names(k, b, depth + 1);
	} else if (j->type == JSON_OBJ) {
		const char *nm = json_get_str(j, "name");
		if (nm && *nm) {
			if (strstr(b->s ? b->s : "", nm))
				return;
			if (b->len)
				sbuf_adds(b, ", ");
			sbuf_adds(b, nm);
		}
	}
}

static int ld_type_is(const struct json *o, const char *const *types)
{
	struct json *t = json_get(o, "@type");
	if (!t)
		return 0;
	if (t->type == JSON_STR)
		return str_has_any(t->str, types);
	if (t->type == JSON_ARR)
		for (struct json *k = t->kids; k; k = k->next)
			if (k->type == JSON_STR && str_has_any(k->str, types))
				return 1;
	return 0;
}

static void ld_image(struct ex *x, const struct json *im, int depth)
{
	if (!im || depth > 8)
		return;
	if (im->type == JSON_ARR) {
		for (struct json *k = im->kids; k; k = k->next)
			ld_image(x, k, depth + 1);
		return;
	}
	if (im->type != JSON_OBJ)
		return;
	const char *url = json_get_str(im, "url");
	if (!url)
		url = json_get_str(im, "contentUrl");
	const char *cap = json_get_str(im, "caption");
	if (!cap)
		cap = json_get_str(im, "description");
	struct sbuf cr = SBUF_INIT;
	const char *ct = json_get_str(im, "creditText");
	if (ct)
		sbuf_adds(&cr, ct);
	else {
		ld_names(json_get(im, "copyrightHolder"), &cr, 0);
		if (!cr.len)
			ld_names(json_get(im, "author"), &cr, 0);
		if (!cr.len)
			ld_names(json_get(im, "creator"), &cr, 0);
	}
	if (!cap && !cr.len) {
		sbuf_free(&cr);
		return;
	}
	char *caption = xstrdup(cap), *credit = steal_line(&cr), *u = NULL;
	if (caption && !text_clean_line(caption)) {
		free(caption);
		caption = NULL;
	}
	if (url) {
		u = url_clean(url_resolve(x->base, url));
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

static void ld_walk(struct ex *x, struct meta *m, const struct json *j, int depth)
{
	static const char *const art[] = {"Article", "BlogPosting", "Report", "NewsArticle",
		"Posting", "Story", "Review", NULL};
	if (!j || depth > 6)
		return;
	if (j->type == JSON_ARR) {
		for (struct json *k = j->kids; k; k = k->next)
			ld_walk(x, m, k, depth + 1);
		return;
	}
	if (j->type != JSON_OBJ)
		return;
	struct json *g = json_get(j, "@graph");
	if (g)
		ld_walk(x, m, g, depth + 1);
	if (ld_type_is(j, art)) {
		meta_set(&m->ld_headline, json_get_str(j, "headline"));
		meta_set(&m->ld_published, json_get_str(j, "datePublished"));
		if (!m->ld_author) {
			struct sbuf b = SBUF_INIT;
			ld_names(json_get(j, "author"), &b, 0);
			m->ld_author = steal_line(&b);
		}
		if (!m->ld_publisher) {
			struct json *p = json_get(j, "publisher");
			if (p && p->type == JSON_ARR)
				p = p->kids;
			if (p && p->type == JSON_OBJ)
				meta_set(&m->ld_publisher, json_get_str(p, "name"));
		}
		const char *ab = json_get_str(j, "articleBody");
		if (ab && !x->ld_body)
			x->ld_body = xstrdup(ab);
		ld_image(x, json_get(j, "image"), 0);
		ld_image(x, json_get(j, "associatedMedia"), 0);
	} else if (ld_type_is(j, (const char *const[]){"WebSite", NULL})) {
		meta_set(&m->ld_site, json_get_str(j, "name"));
	} else if (ld_type_is(j, (const char *const[]){"Organization", "NewsMediaOrganization", NULL})) {
		meta_set(&m->ld_publisher, json_get_str(j, "name"));
	}
}

static void meta_scan(struct ex *x, struct meta *m, xmlNode *n, int depth)
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
					 (node_attr(n, "itemprop") && strcasestr_bool(node_attr(n, "itemprop"), "datePublished")))
					meta_set(&m->published, v);
				else if (!strcasecmp(k, "og:description") || !strcasecmp(k, "description"))
					meta_set(&m->desc, v);
			}
			continue;
		}
		if (node_is(n, "script")) {
			const char *t = node_attr(n, "type");
			if (t && strcasestr_bool(t, "ld+json") && n->children && n->children->content) {
				const char *s = (const char *)n->children->content;
				struct json *j = json_parse(s, strlen(s));
				if (j)
					ld_walk(x, m, j, 0);
				json_free(j);
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
			meta_scan(x, m, n->children, depth + 1);
			continue;
		}
		if (n->_private && (INFO(n)->flags & F_SKIP))
			continue;
		if (node_is(n, "h1") && !m->h1)
			m->h1 = node_text_line(n);
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
		if (node_is(n, "a") && rel && strcasestr_bool(rel, "author") && !m->rel_author)
			m->rel_author = node_text_line(n);
		if (node_is(n, "form") || tokens_match(n, (const char *const[]){"comments", "comment",
			"respond", NULL}, (const char *const[]){"comment", NULL}))
			continue; /* a comment form's "Name" is nobody's byline */
		if (!m->byline_el && !node_is(n, "body") && INFO(n)->text > 0 && INFO(n)->text < 80 &&
		    tokens_match(n, (const char *const[]){"byline", "author", "authors", "byline-name",
							 NULL}, (const char *const[]){"byline", NULL}))
			m->byline_el = node_text_line(n);
		meta_scan(x, m, n->children, depth + 1);
	}
}

static void meta_free(struct meta *m)
{
	char **f[] = {&m->og_title, &m->tw_title, &m->og_site, &m->author, &m->published,
		      &m->desc, &m->appname, &m->canonical, &m->ld_headline, &m->ld_author,
		      &m->ld_published, &m->ld_publisher, &m->ld_site, &m->rel_author,
		      &m->byline_el, &m->time_el, &m->h1, &m->doc_title, &m->itemprop_date};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(*f[i]);
}

/* "Headline - Site" and "Headline | Site": the tail goes when it names the site or is
 * short next to the headline. */
static char *title_strip_site(char *t, const char *site)
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
	if (!best)
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
	if ((site && strcasecmp(tail, site) == 0) || (tail_words <= 4 && head_words >= 3)) {
		char *s = xstrdup(tail);
		*best = 0;
		return s;
	}
	return NULL;
}

/* Length of "By ", "Reporter: " and the like at the start of a byline, else 0. */
size_t byline_prefix(const char *b)
{
	static const char *const pre[] = {"by ", "von ", "par ", "por ", "di ", "door ", "av ",
		"written by ", "words by ", "text by ", "story by ", "reporter: ", "author: ",
		"autor: ", "auteur : ", "auteur: ", "text: ", "texte : ", "redacción: ", "текст: ", "автор: ",
		"posted by ", "published by ", NULL};
	char head[64];
	snprintf(head, sizeof head, "%s", b);
	fold_case(head);
	for (int i = 0; pre[i]; i++)
		if (!strncmp(head, pre[i], strlen(pre[i])))
			return strlen(pre[i]);
	return 0;
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

static void meta_apply(struct ex *x, struct meta *m)
{
	struct article *a = x->a;
	a->site = pick(&m->og_site, &m->ld_publisher, &m->ld_site);
	if (!a->site)
		a->site = pick(&m->appname, NULL, NULL);
	a->title = pick(&m->og_title, &m->ld_headline, &m->tw_title);
	if (!a->title) {
		if (m->h1 && m->doc_title && strstr(m->doc_title, m->h1))
			a->title = pick(&m->h1, NULL, NULL);
		else
			a->title = pick(&m->doc_title, &m->h1, NULL);
	}
	if (!a->site && m->doc_title) {
		/* "Headline - Site" in <title> names the site when nothing else does */
		char *t = xstrdup(m->doc_title);
		a->site = title_strip_site(t, NULL);
		free(t);
	}
	if (a->title) {
		char *tail = title_strip_site(a->title, a->site);
		if (!a->site)
			a->site = tail;
		else
			free(tail);
	}
	a->byline = pick(&m->ld_author, &m->author, &m->rel_author);
	if (!a->byline)
		a->byline = pick(&m->byline_el, NULL, NULL);
	if (a->byline) {
		char *b = a->byline;
		size_t k = byline_prefix(b);
		memmove(b, b + k, strlen(b + k) + 1);
		if (!*b) {
			free(b);
			a->byline = NULL;
		}
	}
	const char *d[] = {m->published, m->ld_published, m->itemprop_date, m->time_el};
	a->published = CRIER_NO_DATE;
	for (int i = 0; i < 4 && a->published == CRIER_NO_DATE; i++)
		if (d[i])
			a->published = extract_date(d[i]);
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
	meta_scan(x, &m, x->root, 0);
	meta_apply(x, &m);
	meta_free(&m);
}
