/* extract_figures: captions and credits. Credits hide inside caption text in many shapes
 * ("Photo: X", "(Photo by X/Agency)", "X/Reuters", "X via Getty Images"); split them off. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

static const char *const prefixes[] = {"photograph by ", "photographs by ", "photo by ",
	"photos by ", "photography by ", "image by ", "images by ", "picture by ",
	"pictures by ", "illustration by ", "video by ", "photo credit:", "image credit:",
	"picture credit:", "photograph:", "photographs:", "photo:", "photos:", "image:",
	"images:", "picture:", "pictures:", "pic:", "credit:", "credits:", "source:",
	"illustration:", "foto:", "fotos:", "bild:", "bilder:", "quelle:", "crédit photo:",
	"crédit:", "crédits:", "imagen:", "créditos:", "crédito:", "credit...", "credit…",
	"credit …", "image copyright", "copyright:", "photo ", "credit ", NULL};

static void strip_spaces(char *s);

/* Words of the page's interface that land in caption text. */
static const char *const ui_words[] = {"image caption", "hide caption", "toggle caption",
	"show caption", "caption", "close", "enlarge this image", "enlarge", "expand",
	"open gallery", "view gallery", "fullscreen", "full screen", "zoom", NULL};

/* Drops "Image 3 of 12", "Caption", "Close" and the like from the ends of a caption. */
static void caption_strip_ui(char *c)
{
	int again = 1;
	while (again) {
		size_t n = strlen(c);
		again = 0;
		/* "Image 1 of 23" / "1 / 23" at the start */
		if (!strncasecmp(c, "image ", 6) || !strncasecmp(c, "photo ", 6) ||
		    !strncasecmp(c, "slide ", 6)) {
			char *p = c + 6;
			char *q = p;
			while (isdigit((unsigned char)*q))
				q++;
			if (q > p && !strncmp(q, " of ", 4)) {
				q += 4;
				char *r = q;
				while (isdigit((unsigned char)*r))
					r++;
				if (r > q) {
					memmove(c, r, strlen(r) + 1);
					strip_spaces(c);
					again = 1;
					continue;
				}
			}
		}
		for (int i = 0; ui_words[i]; i++) {
			size_t k = strlen(ui_words[i]);
			if (n >= k && !strncasecmp(c, ui_words[i], k) && (c[k] == ' ' || c[k] == ':' || !c[k])) {
				memmove(c, c + k, n - k + 1);
				strip_spaces(c);
				while (*c == ':') {
					memmove(c, c + 1, strlen(c));
					strip_spaces(c);
				}
				again = 1;
				break;
			}
			if (n > k && !strcasecmp(c + n - k, ui_words[i]) && c[n - k - 1] == ' ') {
				c[n - k] = 0;
				strip_spaces(c);
				again = 1;
				break;
			}
		}
	}
}

/* Agencies and stock houses that name a credit when they appear in it. */
static const char *const agencies[] = {"reuters", "getty", "afp", "ap photo",
	"associated press", "epa", "shutterstock", "alamy", "pa images", "pa wire", "pa media",
	"bloomberg", "xinhua", "anadolu", "sipa", "ansa", "dpa", "imago", "picture alliance",
	"picture-alliance", "istock", "unsplash", "courtesy", "handout", "via ", "nurphoto",
	"zuma", "sopa", "eyevine", "rex", "abaca", "efe", "kyodo", "yonhap", "new york times",
	"the washington post", "wikimedia", "creative commons", "afp/getty", "ap)", "(ap", NULL};

static void strip_spaces(char *s)
{
	size_t n = strlen(s), i = 0;
	while (s[i] && (isspace((unsigned char)s[i]) || strchr("|-–—,;", s[i]) ||
			!strncmp(s + i, "\xe2\x80\x93", 3) || !strncmp(s + i, "\xe2\x80\x94", 3))) {
		if (!strncmp(s + i, "\xe2\x80", 2))
			i += 3;
		else
			i++;
	}
	memmove(s, s + i, n - i + 1);
	n = strlen(s);
	while (n && (isspace((unsigned char)s[n - 1]) || strchr("|-,;(", s[n - 1])))
		s[--n] = 0;
}

void credit_strip_prefix(char *c)
{
	int again = 1;
	strip_spaces(c);
	/* (Photo by X) */
	size_t n = strlen(c);
	if (n >= 2 && c[0] == '(' && c[n - 1] == ')') {
		memmove(c, c + 1, n - 2);
		c[n - 2] = 0;
	}
	while (again) {
		again = 0;
		for (int i = 0; prefixes[i]; i++) {
			size_t k = strlen(prefixes[i]);
			if (!strncasecmp(c, prefixes[i], k) && strlen(c) > k) {
				/* "photo " and "credit " only before something that is not a word */
				memmove(c, c + k, strlen(c + k) + 1);
				strip_spaces(c);
				again = 1;
				break;
			}
		}
	}
	n = strlen(c);
	if (n && c[n - 1] == ')' && !strchr(c, '('))
		c[n - 1] = 0;
	strip_spaces(c);
}

static int has_agency(const char *s)
{
	for (int i = 0; agencies[i]; i++)
		if (strcasestr_bool(s, agencies[i]))
			return 1;
	return 0;
}

static size_t words(const char *s, const char *end)
{
	size_t w = 1;
	for (; *s && s < end; s++)
		if (*s == ' ')
			w++;
	return w;
}

/* Where a credit starts inside a caption, or NULL. */
static char *credit_start(char *cap)
{
	size_t n = strlen(cap);
	/* 1. a marker word: "Photo: X", "Photograph by X" (the last one) */
	char *best = NULL;
	for (int i = 0; prefixes[i]; i++) {
		size_t k = strlen(prefixes[i]);
		if (prefixes[i][k - 1] == ' ' && (!strcmp(prefixes[i], "photo ") ||
						   !strcmp(prefixes[i], "credit ")))
			continue;
		for (size_t j = 0; j + k <= n; j++) {
			if (strncasecmp(cap + j, prefixes[i], k))
				continue;
			/* at the start, or after a space / bracket / sentence end */
			if (j && !strchr(" (.[|", cap[j - 1]))
				continue;
			/* "Photo: X" must begin a credit: capital letter in the original */
			if (!isupper((unsigned char)cap[j]) && j > 0 && cap[j - 1] != '(')
				continue;
			char *p = cap + j;
			if (j > 0 && cap[j - 1] == '(')
				p--;
			if (!best || p > best)
				best = p;
		}
	}
	if (best)
		return best;
	/* 2. a bracketed tail that names an agency: "... (John Doe/AFP)" */
	if (n > 2 && cap[n - 1] == ')') {
		char *o = strrchr(cap, '(');
		if (o && (has_agency(o) || strchr(o, '/')) && words(o, cap + n) <= 10 && !strstr(o, "://"))
			return o;
	}
	/* 3. the last sentence when it is short and names an agency or has a slash:
	 *    "REUTERS/Jane Doe", "John Doe/AP", "Jane Doe via Getty Images" */
	char *last = NULL;
	for (size_t j = 0; j + 1 < n; j++)
		if ((cap[j] == '.' || cap[j] == '|' || cap[j] == ']') && cap[j + 1] == ' ' && j > 2)
			last = cap + j + 1;
	if (!last) {
		/* the whole thing may be a credit ("REUTERS/Jane Doe") */
		if (words(cap, cap + n) <= 6 && (strchr(cap, '/') || has_agency(cap)) &&
		    !strstr(cap, ". "))
			return cap;
		return NULL;
	}
	while (*last == ' ')
		last++;
	if (words(last, cap + n) <= 9 && (has_agency(last) || (strchr(last, '/') && !strstr(last, "://"))) &&
	    last[0] && isupper((unsigned char)last[0]))
		return last;
	return NULL;
}

static int has_letter(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0xC0)
			return 1;
	return 0;
}

void credit_split(char **caption, char **credit)
{
	char *cap = *caption;
	if (*credit) {
		/* "Some words.Credit...Jane Doe": the marker inside the credit starts it */
		char *p = credit_start(*credit);
		if (p && p > *credit && p[-1] != '(' && (strncasecmp(p, "credit", 6) == 0 ||
							  strncasecmp(p, "photo", 5) == 0 ||
							  strncasecmp(p, "image", 5) == 0))
			memmove(*credit, p, strlen(p) + 1);
		credit_strip_prefix(*credit);
		if (!**credit || !has_letter(*credit)) {
			free(*credit);
			*credit = NULL;
		}
	}
	if (cap) {
		caption_strip_ui(cap);
		/* a caption is a sentence or two; a page header or a story is not */
		if (!*cap || !has_letter(cap) || utf8_len(cap) > 600) {
			free(cap);
			*caption = cap = NULL;
		}
	}
	if (!cap)
		return;
	char *p = credit_start(cap);
	if (!p)
		goto dedupe;
	char *c = xstrdup(p);
	*p = 0;
	credit_strip_prefix(c);
	strip_spaces(cap);
	if (*c && !*credit)
		*credit = c;
	else if (*c && *credit && !strcasestr_bool(*credit, c) && !strcasestr_bool(c, *credit)) {
		size_t n = strlen(*credit) + strlen(c) + 3;
		char *both = xmalloc(n);
		snprintf(both, n, "%s; %s", *credit, c);
		free(*credit);
		free(c);
		*credit = both;
	} else {
		free(c);
	}
	if (!*cap) {
		free(cap);
		*caption = NULL;
		return;
	}
dedupe:
	cap = *caption;
	/* a caption read twice (visible and hidden copies): "X X" becomes "X" */
	{
		size_t n = strlen(cap);
		if (n > 10 && n % 2 == 1 && cap[n / 2] == ' ' && !strncmp(cap, cap + n / 2 + 1, n / 2))
			cap[n / 2] = 0;
	}
	/* the credit repeated at the end of the caption */
	if (*credit && **credit) {
		size_t n = strlen(cap), k = strlen(*credit);
		if (n > k && !strcasecmp(cap + n - k, *credit)) {
			cap[n - k] = 0;
			strip_spaces(cap);
		}
		if (!*cap || !strcasecmp(cap, *credit)) {
			free(cap);
			*caption = NULL;
		}
	}
}

static int same_text(const char *a, const char *b)
{
	return a && b && (strcasecmp(a, b) == 0 || (strlen(a) > 20 && strstr(b, a)) ||
			  (strlen(b) > 20 && strstr(a, b)));
}

void article_figure_add(struct article *a, char *image, char *caption, char *credit)
{
	for (size_t i = 0; i < a->nfigures; i++) {
		struct figure *f = &a->figures[i];
		int same = (image && f->image && strcmp(image, f->image) == 0) ||
			   same_text(caption, f->caption);
		if (!same)
			continue;
		/* keep the longer caption, fill what is missing */
		if (caption && (!f->caption || (strlen(caption) > strlen(f->caption) &&
						 !same_text(caption, f->caption)))) {
			free(f->caption);
			f->caption = caption;
			caption = NULL;
		} else if (caption && f->caption && strlen(caption) > strlen(f->caption)) {
			free(f->caption);
			f->caption = caption;
			caption = NULL;
		}
		if (credit && !f->credit) {
			f->credit = credit;
			credit = NULL;
		}
		if (image && !f->image) {
			f->image = image;
			image = NULL;
		}
		free(image);
		free(caption);
		free(credit);
		return;
	}
	/* a credit in its own element after a caption in another (or the reverse): one figure */
	if (a->nfigures) {
		struct figure *f = &a->figures[a->nfigures - 1];
		int img_ok = !image || !f->image || strcmp(image, f->image) == 0;
		if (img_ok && ((!caption && credit && f->caption && !f->credit) ||
			       (caption && !credit && !f->caption && f->credit))) {
			if (caption)
				f->caption = caption;
			if (credit)
				f->credit = credit;
			if (image && !f->image)
				f->image = image;
			else
				free(image);
			return;
		}
	}
	a->figures = xrealloc(a->figures, (a->nfigures + 1) * sizeof *a->figures);
	a->figures[a->nfigures].image = image;
	a->figures[a->nfigures].caption = caption;
	a->figures[a->nfigures].credit = credit;
	a->nfigures++;
}
