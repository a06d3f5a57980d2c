/* extract_article: the article value: freeing it, merging a feed's own media into its
 * figures, and its JSON form for --extract. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->url);
	free(a->title);
	free(a->byline);
	free(a->site);
	free(a->body);
	free(a->body_html);
	free(a->standfirst);
	for (size_t i = 0; i < a->nfigures; i++) {
		free(a->figures[i].image);
		free(a->figures[i].caption);
		free(a->figures[i].credit);
	}
	free(a->figures);
	for (size_t i = 0; i < a->nmore; i++) {
		free(a->more[i].title);
		free(a->more[i].url);
		free(a->more[i].summary);
		free(a->more[i].section);
		free(a->more[i].image);
		free(a->more[i].caption);
		free(a->more[i].credit);
	}
	free(a->more);
	free(a);
}

/* An image URL without scheme, query and fragment, the host lower-cased: a feed's
 * "https://cdn/x.jpg?w=640" and a page's "//cdn/x.jpg" are the same photo. */
static char *media_url_key(const char *u)
{
	if (!u || !*u)
		return NULL;
	const char *p = strstr(u, "://");
	p = p ? p + 3 : (u[0] == '/' && u[1] == '/' ? u + 2 : u);
	size_t n = strcspn(p, "?#");
	if (!n)
		return NULL;
	char *k = xmalloc(n + 1);
	memcpy(k, p, n);
	k[n] = 0;
	for (char *q = k; *q && *q != '/'; q++)
		*q = (char)tolower((unsigned char)*q);
	return k;
}

/* Text lower-cased, runs of white space as one space, without the closing full stop. */
static char *media_text_key(const char *t)
{
	if (!t)
		return NULL;
	char *k = xmalloc(strlen(t) + 1), *o = k;
	int sp = 0;
	for (const char *p = t; *p; p++) {
		if (isspace((unsigned char)*p)) {
			sp = o > k;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = 0;
		*o++ = (char)tolower((unsigned char)*p);
	}
	while (o > k && (o[-1] == '.' || o[-1] == ' '))
		o--;
	*o = 0;
	if (!*k) {
		free(k);
		return NULL;
	}
	return k;
}

/* The same caption: equal but for case and spacing, or one holding the other (a feed
 * often gives the caption's first sentence, the page the whole). */
static int media_same_text(const char *a, const char *b)
{
	char *ka = media_text_key(a), *kb = media_text_key(b);
	int same = 0;
	if (ka && kb) {
		size_t la = strlen(ka), lb = strlen(kb);
		same = strcmp(ka, kb) == 0 || (la >= 16 && strstr(kb, ka)) || (lb >= 16 && strstr(ka, kb));
	}
	free(ka);
	free(kb);
	return same;
}

void article_add_media(struct article *a, const struct feed_media *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *cap = xstrdup(m[i].caption), *cred = xstrdup(m[i].credit);
		if (cap && !text_clean_line(cap)) {
			free(cap);
			cap = NULL;
		}
		if (cred && !text_clean_line(cred)) {
			free(cred);
			cred = NULL;
		}
		credit_split(&cap, &cred);
		if (cred)
			credit_strip_prefix(cred);
		if (!cap && !cred)
			continue;
		/* the page's figure of the same photo takes what it lacks, and stays one figure */
		char *key = media_url_key(m[i].url);
		struct figure *same = NULL;
		for (size_t j = 0; j < a->nfigures && !same; j++) {
			struct figure *f = &a->figures[j];
			char *fk = media_url_key(f->image);
			if ((key && fk && strcmp(key, fk) == 0) || media_same_text(cap, f->caption))
				same = f;
			free(fk);
		}
		free(key);
		if (same) {
			if (!same->caption) {
				same->caption = cap;
				cap = NULL;
			}
			if (!same->credit) {
				same->credit = cred;
				cred = NULL;
			}
			if (!same->image && m[i].url && url_is_http(m[i].url))
				same->image = xstrdup(m[i].url);
			free(cap);
			free(cred);
			continue;
		}
		char *img = m[i].url && url_is_http(m[i].url) ? xstrdup(m[i].url) : NULL;
		article_figure_add(a, img, cap, cred);
	}
}

void article_json(struct sbuf *b, const struct article *a)
{
	sbuf_adds(b, "{\"url\":");
	json_str(b, a->url);
	sbuf_adds(b, ",\"title\":");
	json_str(b, a->title);
	sbuf_adds(b, ",\"byline\":");
	json_str(b, a->byline);
	sbuf_adds(b, ",\"published\":");
	json_date(b, a->published);
	sbuf_adds(b, ",\"site\":");
	json_str(b, a->site);
	sbuf_adds(b, ",\"standfirst\":");
	json_str(b, a->standfirst ? a->standfirst : "");
	sbuf_adds(b, ",\"body\":");
	json_str(b, a->body);
	sbuf_adds(b, ",\"figures\":[");
	for (size_t i = 0; i < a->nfigures; i++) {
		sbuf_adds(b, i ? ",{\"image\":" : "{\"image\":");
		json_str(b, a->figures[i].image);
		sbuf_adds(b, ",\"caption\":");
		json_str(b, a->figures[i].caption);
		sbuf_adds(b, ",\"credit\":");
		json_str(b, a->figures[i].credit);
		sbuf_addc(b, '}');
	}
	sbuf_adds(b, "],\"more_from\":[");
	for (size_t i = 0; i < a->nmore; i++) {
		sbuf_adds(b, i ? ",{\"title\":" : "{\"title\":");
		json_str(b, a->more[i].title);
		sbuf_adds(b, ",\"url\":");
		json_str(b, a->more[i].url);
		sbuf_adds(b, ",\"summary\":");
		json_str(b, a->more[i].summary);
		sbuf_adds(b, ",\"section\":");
		json_str(b, a->more[i].section);
		sbuf_adds(b, ",\"image\":");
		json_str(b, a->more[i].image);
		sbuf_adds(b, ",\"caption\":");
		json_str(b, a->more[i].caption);
		sbuf_adds(b, ",\"credit\":");
		json_str(b, a->more[i].credit);
		sbuf_addc(b, '}');
	}
	sbuf_adds(b, "],\"body_html\":");
	json_str(b, a->body_html);
	sbuf_addc(b, '}');
}

