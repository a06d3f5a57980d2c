/* extract_byline: a byline read from the page: the lines of a byline element, a "By"
 * line of a name, the "By"/"Von" that opens one, and the date written inside it. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

/* The text of a byline element with each block child (and <br>) on a line of its own:
 * "By Jane Roe" / "Harbour News, Wendle" are two lines, not one name. */
static void byline_lines_collect(const xmlNode *n, struct sbuf *b, int depth)
{
	for (; n && depth < 20; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content) {
			dom_add_visible(b, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || node_ignored(n) ||
		    (n->_private && (INFO(n)->flags & F_SKIP)))
			continue;
		int block = dom_is_block(n) || node_is(n, "br");
		if (block)
			sbuf_addc(b, '\n');
		byline_lines_collect(n->children, b, depth + 1);
		if (block)
			sbuf_addc(b, '\n');
	}
}

/* The lines, each cleaned, joined by '\n'; NULL when there is no text. */
char *byline_lines(const xmlNode *n)
{
	struct sbuf b = SBUF_INIT, out = SBUF_INIT;
	byline_lines_collect(n->children, &b, 0);
	char *all = b.len ? sbuf_steal(&b) : xstrdup("");
	sbuf_free(&b);
	for (char *line = all, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (!text_clean_line(line))
			continue;
		if (out.len)
			sbuf_addc(&out, '\n');
		sbuf_adds(&out, line);
	}
	free(all);
	if (!out.len) {
		sbuf_free(&out);
		return NULL;
	}
	return sbuf_steal(&out);
}

/* A line that is a byline by its words: "By" (or "Von", "Por" ...) and a name: one to
 * five capitalised words, with "de", "van", "von" and the like between them, up to a
 * comma or a separator (a role, a date may follow). Not a sentence ("Von Helsingborg
 * nach Göteborg", "By Tuesday the council will know."), not a user name with digits. */
int meta_by_line(const char *t)
{
	static const char *const particles[] = {"de", "da", "del", "della", "di", "du", "van",
		"von", "der", "den", "la", "le", "ten", "ter", "bin", "al", "y", "e", "and", "und",
		NULL};
	size_t k = meta_byline_prefix(t), n = strlen(t);
	while (n && t[n - 1] == ' ')
		n--;
	/* a line that ends like a sentence is one ("By Easter."), unless on an initial */
	if (!k || (n > 2 && strchr(".!?", t[n - 1]) && !(t[n - 3] == ' ' && isupper((unsigned char)t[n - 2]))))
		return 0;
	const unsigned char *p = (const unsigned char *)t + k;
	int words = 0;
	while (*p && !strchr(",|(", *p) && !(p[0] == ' ' && p[1] == '-' && p[2] == ' ') &&
	       !(p[0] == 0xC2 && p[1] == 0xB7) && !(p[0] == 0xE2 && p[1] == 0x80)) {
		while (*p == ' ')
			p++;
		const unsigned char *w = p;
		while (*p && *p != ' ' && !strchr(",|(", *p) && !(p[0] == 0xC2 && p[1] == 0xB7) &&
		       !(p[0] == 0xE2 && p[1] == 0x80)) {
			if (isdigit(*p))
				return 0;
			p++;
		}
		size_t n = (size_t)(p - w);
		if (!n)
			continue;
		int cap = isupper(*w) || (*w >= 0xC3 && *w <= 0xC5 && w[1] >= 0x80 && w[1] < 0x9F);
		int particle = 0;
		for (int i = 0; particles[i] && !cap; i++)
			particle = particle || (strlen(particles[i]) == n &&
						!strncmp((const char *)w, particles[i], n));
		if ((!cap && !particle) || (!words && !cap) || ++words > 5)
			return 0;
	}
	/* after the comma a role or a place ("Staff Reporter"), not the rest of a sentence:
	 * "By Monday, the water had gone." */
	if (*p == ',') {
		const unsigned char *q = p + 1, *e = (const unsigned char *)t + strlen(t);
		while (*q == ' ')
			q++;
		while (e > q && e[-1] == ' ')
			e--;
		if (islower(*q) && e > q && strchr(".!?", e[-1]))
			return 0;
	}
	return words > 0;
}

/* Length of "By ", "Reporter: " and the like at the start of a byline, else 0. */
size_t meta_byline_prefix(const char *b)
{
	static const char *const pre[] = {"by ", "von ", "par ", "por ", "di ", "door ", "av ",
		"written by ", "words by ", "text by ", "story by ", "reporter: ", "author: ",
		"autor: ", "auteur : ", "auteur: ", "text: ", "texte : ", "redacción: ", "текст: ", "автор: ",
		"posted by ", "published by ", NULL};
	char head[64];
	snprintf(head, sizeof head, "%s", b);
	words_fold_case(head);
	for (int i = 0; pre[i]; i++)
		if (!strncmp(head, pre[i], strlen(pre[i])))
			return strlen(pre[i]);
	return 0;
}

/* Past the dots, commas, spaces and a joining "de"/"del"/"di" after a month's name
 * ("marzo de 2025"). */
static const char *after_of(const char *q)
{
	for (;;) {
		while (*q == '.' || *q == ' ' || *q == ',')
			q++;
		size_t k = !strncmp(q, "de ", 3) || !strncmp(q, "di ", 3) ? 2 : !strncmp(q, "del ", 4) ? 3 : 0;
		if (!k)
			return q;
		q += k;
	}
}

/* Back from p over spaces, dots and a joining "de" ("21 de marzo"), not past f: the
 * end of what comes before. */
static const char *before_of(const char *f, const char *p)
{
	const char *r = p;
	for (;;) {
		while (r > f && (r[-1] == ' ' || r[-1] == '.'))
			r--;
		if (r - f >= 3 && r[-3] == ' ' && (!strncmp(r - 2, "de", 2) || !strncmp(r - 2, "di", 2)))
			r -= 2;
		else
			return r;
	}
}

/* Where a date starts inside a byline ("Staff writer Published 7:07 PM EST Nov 19, 2019",
 * "Jane Roe | March 3, 2024", "By Jane Roe, 12.03.2024"): a date word, a month name next
 * to a number, or digits shaped like a date or a time. The offset, or -1. */
long byline_date_at(const char *b)
{
	static const char *const words[] = {"published", "updated", "posted", "last updated",
		"first published", "veröffentlicht", "aktualisiert", "publié", "mis à jour",
		"publicado", "actualizado", "pubblicato", "aggiornato", "gepubliceerd", NULL};
	char *f = xstrdup(b);
	words_fold_case(f);
	long at = -1;
	for (const char *p = f; *p && at < 0; p++) {
		if (p > f && (isalnum((unsigned char)p[-1]) ||
			      ((unsigned char)p[-1] >= 0x80 && !isdigit((unsigned char)*p))))
			continue; /* only at the start of a word ("Rocío" holds no "o...") */
		for (int i = 0; words[i] && at < 0; i++) {
			size_t k = strlen(words[i]);
			if (!strncmp(p, words[i], k) && !isalpha((unsigned char)p[k]))
				at = p - f;
		}
		if (at >= 0)
			break;
		if (isdigit((unsigned char)*p)) {
			/* 12.03.2024, 2024-03-12, 3/12/24, 7:07 */
			const char *q = p;
			int digits = 0, seps = 0;
			while (isdigit((unsigned char)*q) || *q == '.' || *q == '/' || *q == '-' || *q == ':') {
				if (isdigit((unsigned char)*q))
					digits++;
				else
					seps++;
				q++;
			}
			if (seps >= 1 && digits >= 3 && (q[-1] != '.' || seps >= 2))
				at = p - f;
			continue;
		}
		/* a month is a date only next to a number: "Nov 19", "19. März", "21 de
		 * marzo" */
		size_t k = 0;
		while (isalpha((unsigned char)p[k]) || (unsigned char)p[k] >= 0x80)
			k++;
		if (!k || !date_month_named(p, k))
			continue;
		const char *q = after_of(p + k);
		int before = 0;
		const char *r = before_of(f, p);
		if (r > f && isdigit((unsigned char)r[-1]))
			before = 1;
		if (isdigit((unsigned char)*q) || before) {
			at = before ? r - f : p - f;
			/* take the day before the month with it */
			while (before && at > 0 && isdigit((unsigned char)f[at - 1]))
				at--;
		}
		p += k - 1;
	}
	free(f);
	return at;
}

/* A byline without its date: the date part goes to *date (when wanted), separators and
 * "on" left between them go too. */
void byline_cut_date(char *b, char **date)
{
	long at = byline_date_at(b);
	if (at < 0)
		return;
	if (date && !*date)
		*date = xstrdup(b + at);
	b[at] = 0;
	size_t n = strlen(b);
	static const char *const tails[] = {" on", " am", "\xc2\xb7", "\xe2\x80\xa2",
		"\xe2\x80\x94", "\xe2\x80\x93", "\xc2\xbb", "\xc2\xab", NULL};
	for (int again = 1; again;) {
		while (n && (isspace((unsigned char)b[n - 1]) || strchr(",|-/(:", b[n - 1])))
			b[--n] = 0;
		again = 0;
		for (int i = 0; tails[i]; i++) {
			size_t k = strlen(tails[i]);
			if (n >= k && !strcasecmp(b + n - k, tails[i])) {
				b[n -= k] = 0;
				again = 1;
			}
		}
	}
}
