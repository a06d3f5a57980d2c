/* extract_credit: captions and credits as text. Credits hide inside caption text in many
 * shapes ("Photo: X", "(Photo by X/Agency)", "X/Reuters", "X via Getty Images"); split them off. */
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
	"crédit:", "crédits:", "imagen:", "créditos:", "crédito:", "copyright:",
	"image source:", "photo source:", "picture source:", "bildquelle:", "photo ",
	"credit ", NULL};

/* Credit words only taken off a credit already known as one: at the start of a caption
 * "Foto di gruppo" or "Photo de famille" is what the photo shows. */
static const char *const strip_only[] = {"foto di ", "foto de ", "fotos de ", "foto van ",
	"foto von ", "photo de ", "photos de ", "bild von ", NULL};

/* Length of prefix pre at s, 0 when it is not there. A marker that ends in ':' stands for
 * the word followed by a comma or any run of ':', '...' or '…' ("Credit:", "Credit...Jane
 * Doe", "Photo … Jane Doe", "Image source, Jane Doe"), and the spaces after. */
static size_t prefix_at(const char *s, const char *pre)
{
	size_t k = strlen(pre);
	if (pre[k - 1] != ':')
		return strncasecmp(s, pre, k) ? 0 : k;
	k--;
	if (strncasecmp(s, pre, k))
		return 0;
	const char *p = s + k, *q = p;
	while (*q == ' ')
		q++;
	p = q;
	if (*p == ',')
		return (size_t)(p + 1 + strspn(p + 1, " ") - s);
	for (;;) {
		if (*p == ':')
			p++;
		else if (p[0] == '.' && p[1] == '.')
			p += 2;
		else if (*p == '.' && p > q)
			p++;
		else if (!strncmp(p, "\xe2\x80\xa6", 3))
			p += 3;
		else
			break;
	}
	if (p == q)
		return 0;
	while (*p == ' ')
		p++;
	return (size_t)(p - s);
}

static void strip_spaces(char *s);

/* Words of a page's interface that land in caption text: buttons and labels such as
 * "Hide caption", "Enlarge this image", "Close", "Image copyright". A word alone is UI
 * only when it is all the text ("Close friends gather" keeps its first word); a phrase of
 * two or more such words is UI at either end of a caption too. */
static const char *const ui_action[] = {"caption", "captions", "close", "zoom", "expand",
	"enlarge", "hide", "show", "toggle", "fullscreen", "copyright", NULL};
/* Names of things a button opens: UI when they are the whole text ("View gallery"), never
 * enough inside a caption ("... at the Photo Gallery"). */
static const char *const ui_weak[] = {"gallery", "slideshow", "screen", NULL};
static const char *const ui_other[] = {"image", "images", "photo", "photos", "picture",
	"this", "full", "view", "open", NULL};

static int word_in(const char *w, size_t k, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == k && !strncasecmp(w, list[i], k))
			return 1;
	return 0;
}

/* The words of s (at most max): starts and lengths, letters only; -1 when a word holds
 * anything but ASCII letters (trailing ':' allowed), so "24/7" or "Zoom's" never match. */
static int ui_split(const char *s, const char **w, size_t *k, int max)
{
	int n = 0;
	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			return n;
		if (n == max)
			return -1;
		const char *b = s;
		while (isalpha((unsigned char)*s))
			s++;
		w[n] = b;
		k[n] = (size_t)(s - b);
		if (!k[n])
			return -1;
		if (*s == ':')
			s++;
		if (*s && *s != ' ')
			return -1;
		n++;
	}
}

/* 1 when the n words from w[0] are a UI phrase: all UI words, at least one an action
 * (a strong one when the phrase is part of a longer text). */
static int ui_words_are(const char **w, const size_t *k, int n, int part)
{
	int act = 0;
	if (n < 1 || n > 4)
		return 0;
	for (int i = 0; i < n; i++) {
		if (word_in(w[i], k[i], ui_action))
			act = 1;
		else if (word_in(w[i], k[i], ui_weak))
			act |= !part;
		else if (!word_in(w[i], k[i], ui_other))
			return 0;
	}
	return act;
}

int figure_ui_phrase(const char *s)
{
	const char *w[5];
	size_t k[5];
	int n = s ? ui_split(s, w, k, 5) : -1;
	return n > 0 && ui_words_are(w, k, n, 0);
}

/* Drops a phrase of two to four UI words ("Image copyright", "Hide caption") from the
 * start of c; 1 when it did. */
static int ui_strip_start(char *c)
{
	for (int m = 4; m >= 2; m--) {
		char *p = c;
		int i;
		const char *w[4];
		size_t k[4];
		for (i = 0; i < m; i++) {
			while (*p == ' ')
				p++;
			w[i] = p;
			while (*p && *p != ' ')
				p++;
			k[i] = (size_t)(p - w[i]);
			if (k[i] && w[i][k[i] - 1] == ':')
				k[i]--;
			if (!k[i])
				break;
		}
		if (i == m && *p == ' ' && ui_words_are(w, k, m, 1)) {
			memmove(c, p, strlen(p) + 1);
			strip_spaces(c);
			return 1;
		}
	}
	return 0;
}

/* Drops "Image 3 of 12", "Hide caption" and the like from the ends of a caption, and a
 * caption that is nothing but such words. */
static void caption_strip_ui(char *c)
{
	int again = 1;
	while (again) {
		again = 0;
		if (figure_ui_phrase(c)) {
			*c = 0;
			return;
		}
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
		/* a gallery's counter "3 / 12" or "3 of 12" at the start */
		{
			char *q = c, *r;
			while (isdigit((unsigned char)*q))
				q++;
			r = q;
			while (*r == ' ')
				r++;
			if (q > c && q - c <= 3 && (*r == '/' || !strncmp(r, "of ", 3))) {
				r += *r == '/' ? 1 : 3;
				while (*r == ' ')
					r++;
				char *e = r;
				while (isdigit((unsigned char)*e))
					e++;
				/* and a sentence after it: "2 of 5 candidates" is one */
				char *f = e;
				while (*f == ' ')
					f++;
				if (e > r && e - r <= 3 && (*e == ' ' || !*e) &&
				    (!*f || isupper((unsigned char)*f) || (unsigned char)*f >= 0xC0)) {
					memmove(c, e, strlen(e) + 1);
					strip_spaces(c);
					again = 1;
					continue;
				}
			}
		}
		/* a phrase of two to four UI words at the start or the end */
		if (ui_strip_start(c)) {
			again = 1;
			continue;
		}
		for (int m = 4; m >= 2 && !again; m--) {
			size_t n = strlen(c);
			char *e = c + n;
			int i;
			const char *w[4];
			size_t k[4];
			for (i = m - 1; i >= 0; i--) {
				char *b = e;
				while (b > c && b[-1] != ' ')
					b--;
				if (b == e || b == c)
					break;
				w[i] = b;
				k[i] = (size_t)(e - b);
				e = b - 1;
			}
			/* a button's words are capitalised; running text ("... will show this
			 * photo") is not */
			if (i < 0 && isupper((unsigned char)*w[0]) && ui_words_are(w, k, m, 1)) {
				*e = 0;
				strip_spaces(c);
				again = 1;
			}
		}
	}
}

/* Agencies and stock houses that name a credit when they appear in it, as whole words. */
static const char *const agencies[] = {"reuters", "getty", "afp", "(ap", "ap)", "ap photo",
	"associated press", "epa", "shutterstock", "alamy", "pa images", "pa wire", "pa media",
	"bloomberg", "xinhua", "anadolu", "sipa", "ansa", "dpa", "imago", "picture alliance",
	"picture-alliance", "istock", "unsplash", "courtesy", "handout", "nurphoto",
	"zuma", "sopa", "eyevine", "rex features", "abaca", "efe", "kyodo", "yonhap",
	"wikimedia", "creative commons", NULL};

static void strip_spaces(char *s)
{
	size_t n = strlen(s), i = 0;
	/* ASCII separators and the en and em dashes; never a byte of another character
	 * (an opening quote shares the dashes' first two bytes) */
	while (s[i] && (isspace((unsigned char)s[i]) || strchr("|-,;", s[i]) ||
			!strncmp(s + i, "\xe2\x80\x93", 3) || !strncmp(s + i, "\xe2\x80\x94", 3))) {
		if ((unsigned char)s[i] == 0xe2)
			i += 3;
		else
			i++;
	}
	memmove(s, s + i, n - i + 1);
	n = strlen(s);
	for (;;) {
		if (n && (isspace((unsigned char)s[n - 1]) || strchr("|-,;(", s[n - 1])))
			n--;
		else if (n >= 3 && (!strncmp(s + n - 3, "\xe2\x80\x93", 3) ||
				    !strncmp(s + n - 3, "\xe2\x80\x94", 3)))
			n -= 3; /* "Caption text. – © Agency" */
		else
			break;
		s[n] = 0;
	}
}

void credit_strip_prefix(char *c)
{
	int again = 1;
	strip_spaces(c);
	/* (Photo by X) */
	size_t n = strlen(c);
	if (n >= 2 && ((c[0] == '(' && c[n - 1] == ')') || (c[0] == '[' && c[n - 1] == ']'))) {
		memmove(c, c + 1, n - 2);
		c[n - 2] = 0;
	}
	while (again) {
		again = 0;
		if (ui_strip_start(c)) {
			again = 1;
			continue;
		}
		if ((unsigned char)c[0] == 0xC2 && (unsigned char)c[1] == 0xA9 && c[2]) {
			memmove(c, c + 2, strlen(c + 2) + 1);
			strip_spaces(c);
			again = 1;
			continue;
		}
		for (int i = 0; prefixes[i]; i++) {
			size_t k = prefix_at(c, prefixes[i]);
			if (k && strlen(c) > k) {
				/* "photo " and "credit " only before something that is not a word */
				memmove(c, c + k, strlen(c + k) + 1);
				strip_spaces(c);
				again = 1;
				break;
			}
		}
	}
	for (int i = 0; strip_only[i]; i++) {
		size_t k = strlen(strip_only[i]);
		if (!strncasecmp(c, strip_only[i], k) && strlen(c) > k) {
			memmove(c, c + k, strlen(c + k) + 1);
			strip_spaces(c);
			break;
		}
	}
	n = strlen(c);
	if (n && c[n - 1] == ')' && !strchr(c, '('))
		c[n - 1] = 0;
	strip_spaces(c);
	/* "AP Photo/Jane Roe, File": the archive label says when, not who */
	n = strlen(c);
	if (n > 6 && !strcasecmp(c + n - 6, ", file") && strchr(c, '/'))
		c[n - 6] = 0;
	strip_spaces(c);
}

int credit_marked(const char *s)
{
	if (!s)
		return 0;
	while (*s == ' ' || *s == '(')
		s++;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9)
		return 1;
	for (int i = 0; prefixes[i]; i++) {
		size_t k = prefix_at(s, prefixes[i]);
		if (k && prefixes[i][strlen(prefixes[i]) - 1] == ':' && s[k])
			return 1;
	}
	return 0;
}

/* A block of text that ends with its photo's credit in brackets: "... on the dunes.
 * (Photo by Jane Roe/Agency)", "(Foto: X)", "(© X)". The brackets and the marker
 * word together say it is a caption, whatever the block's class. */
int credit_trailing(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	if (n < 8 || s[n - 1] != ')')
		return 0;
	const char *open = NULL;
	for (size_t j = n - 1; j-- > 0;)
		if (s[j] == '(') {
			open = s + j;
			break;
		} else if (s[j] == ')') {
			return 0;
		}
	if (!open || open == s)
		return 0; /* the whole block in brackets: an aside, not a caption */
	const char *p = open + 1;
	while (*p == ' ')
		p++;
	if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA9)
		return 1;
	for (int i = 0; prefixes[i]; i++) {
		size_t k = prefix_at(p, prefixes[i]);
		/* "photo " and "credit " alone say too little ("(photo above)") */
		if (k && strcmp(prefixes[i], "photo ") && strcmp(prefixes[i], "credit ") &&
		    p + k < s + n - 1)
			return 1;
	}
	return 0;
}

/* A letter or digit for word boundaries; any non-ASCII byte counts as a letter. */
static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static int has_agency(const char *s)
{
	for (int i = 0; agencies[i]; i++) {
		size_t k = strlen(agencies[i]);
		for (const char *p = s; *p; p++)
			if ((p == s || !word_char((unsigned char)p[-1])) &&
			    !strncasecmp(p, agencies[i], k) && !word_char((unsigned char)p[k]))
				return 1;
	}
	return 0;
}

/* A name-like token next to a slash: letters only (no digits), starting with a capital
 * (or a non-ASCII letter). */
static int name_token(const char *b, const char *e)
{
	if (b >= e || !(isupper((unsigned char)*b) || (unsigned char)*b >= 0xC0))
		return 0;
	for (const char *p = b; p < e; p++)
		if (!(isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80 || *p == '.' ||
		      *p == '-' || *p == '\''))
			return 0;
	return 1;
}

/* "Name/AGENCY", "AGENCY/Name": a slash between two name-like tokens. Never "24/7",
 * "2023/24", "and/or" or a URL. */
static int slash_credit(const char *s)
{
	if (strstr(s, "://"))
		return 0;
	for (const char *p = strchr(s, '/'); p; p = strchr(p + 1, '/')) {
		const char *a = p, *b = p + 1;
		while (a > s && a[-1] == ' ')
			a--;
		const char *ab = a;
		while (ab > s && ab[-1] != ' ' && ab[-1] != '(' && ab[-1] != '/')
			ab--;
		while (*b == ' ')
			b++;
		const char *be = b;
		while (*be && *be != ' ' && *be != '/' && *be != ')' && *be != ',')
			be++;
		if (name_token(ab, a) && name_token(b, be))
			return 1;
	}
	return 0;
}

/* "X via Getty Images", "via Instagram": "via" followed, to the end, by one to four
 * capitalised words; "Help arrived via boat" is a sentence. */
static int via_credit(const char *s)
{
	const char *v = NULL;
	for (const char *p = s; *p; p++)
		if (!strncasecmp(p, "via ", 4) && (p == s || p[-1] == ' ' || p[-1] == '('))
			v = p;
	if (!v)
		return 0;
	int n = 0;
	for (const char *p = v + 4; *p;) {
		while (*p == ' ')
			p++;
		if (!*p || *p == ')')
			break;
		if (!(isupper((unsigned char)*p) || (unsigned char)*p >= 0xC0))
			return 0;
		while (*p && *p != ' ')
			p++;
		n++;
	}
	return n >= 1 && n <= 4;
}

/* A text that signs itself as a credit: an agency's name, a name/agency slash, "via X". */
static int credit_sign(const char *s)
{
	return has_agency(s) || slash_credit(s) || via_credit(s);
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
		for (size_t j = 0; j < n; j++) {
			if (!prefix_at(cap + j, prefixes[i]))
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
	/* 1b. the copyright sign and what follows it, when short: "Jane at the race.
	 *     © Agency / John Doe" */
	for (size_t j = 0; j + 1 < n; j++)
		if ((unsigned char)cap[j] == 0xC2 && (unsigned char)cap[j + 1] == 0xA9 &&
		    (j == 0 || strchr(" (|", cap[j - 1])))
			best = j > 0 && cap[j - 1] == '(' ? cap + j - 1 : cap + j;
	if (best && words(best, cap + n) <= 10)
		return best;
	/* 2. a bracketed tail that names an agency: "... (John Doe/AFP)" */
	if (n > 2 && (cap[n - 1] == ')' || cap[n - 1] == ']')) {
		char *o = strrchr(cap, cap[n - 1] == ')' ? '(' : '[');
		if (o && credit_sign(o) && words(o, cap + n) <= 10)
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
		if (words(cap, cap + n) <= 6 && credit_sign(cap) &&
		    !strstr(cap, ". "))
			return cap;
		return NULL;
	}
	while (*last == ' ')
		last++;
	if (words(last, cap + n) <= 9 && credit_sign(last) &&
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

/* A caption that is only a label: "FILE", "FILE PHOTO", "Archive", "Symbolbild". */
static const char *const caption_labels[] = {"file", "file photo", "file image", "archive",
	"archive photo", "archivbild", "archivfoto", "symbolbild", "symbolfoto", "photo", "image",
	"foto", "bild", "picture", NULL};

static int caption_is_label(const char *c)
{
	char buf[32];
	size_t n = strlen(c);
	if (n >= sizeof buf)
		return 0;
	memcpy(buf, c, n + 1);
	while (n && strchr(" :-.", buf[n - 1]))
		buf[--n] = 0;
	for (int i = 0; caption_labels[i]; i++)
		if (!strcasecmp(buf, caption_labels[i]))
			return 1;
	/* one word in capitals only ("ARCHIVO", "ARCHIVES"): a stamp on the photo, in any
	 * language, not words about it ("NASA/JPL" is a credit: not only letters); an
	 * agency's name alone ("REUTERS") is the photo's credit, not a stamp */
	if (credit_sign(buf))
		return 0;
	int letters = 0;
	for (const unsigned char *p = (const unsigned char *)buf; *p; p++) {
		if (*p == 0xC3 && p[1] >= 0x80 && p[1] < 0x9F)
			p++; /* À to Þ */
		else if (!isupper(*p))
			return 0;
		letters++;
	}
	return letters >= 4;
}

/* "FILE - A crane lifts ...", "FILE PHOTO: ...": the label goes, the caption stays. */
static void caption_strip_label(char *c)
{
	static const char *const labels[] = {"FILE PHOTO", "FILE IMAGE", "FILE", NULL};
	for (int i = 0; labels[i]; i++) {
		size_t k = strlen(labels[i]);
		if (strncmp(c, labels[i], k))
			continue;
		const char *p = c + k;
		if (*p != ' ' && *p != ':' && *p != '-')
			continue;
		while (*p == ' ' || *p == ':' || *p == '-')
			p++;
		if (!strncmp(p, "\xe2\x80\x93 ", 4) || !strncmp(p, "\xe2\x80\x94 ", 4))
			p += 4;
		if (*p)
			memmove(c, p, strlen(p) + 1);
		return;
	}
}

/* A sentence of a video player or the page talking to the reader's device: "Media
 * playback is unsupported on your device", "Your browser does not support the video
 * tag", "Please enable JavaScript to view this video". Short, naming the machinery and
 * what it cannot do. */
static int player_message(const char *s, size_t n)
{
	static const char *const thing[] = {"browser", "device", "javascript", "player",
		"playback", "video", "flash", NULL};
	static const char *const cannot[] = {"unsupported", "support", "supported", "enable",
		"enabled", "unavailable", "not available", "requires", "update", "upgrade", NULL};
	char buf[200];
	if (n >= sizeof buf)
		return 0;
	memcpy(buf, s, n);
	buf[n] = 0;
	int w = 1;
	for (size_t i = 0; i < n; i++)
		w += buf[i] == ' ';
	return w <= 14 && dom_has_any(buf, thing) && dom_has_any(buf, cannot);
}

static void caption_strip_player(char *c)
{
	char *p = c;
	while (*p) {
		char *end = strstr(p, ". ");
		size_t n = end ? (size_t)(end - p) + 1 : strlen(p);
		if (player_message(p, n)) {
			char *next = p + n;
			while (*next == ' ')
				next++;
			memmove(p, next, strlen(next) + 1);
			continue;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	strip_spaces(c);
}

/* "The barrier at Wendle. CreditJane Roe": a credit marker glued to the name it
 * introduces, after a space or straight after the caption's last sentence ("on the first
 * day.CreditJane Roe"). The marker's place, or NULL. */
static char *glued_credit(char *c)
{
	static const char *const marks[] = {"Credit", "Photo", "Foto", "Image", "Picture", NULL};
	for (char *p = c; *p; p++) {
		if (p > c && p[-1] != ' ' && !(p - c > 1 && strchr(".!?)", p[-1]) &&
					       islower((unsigned char)p[-2])))
			continue;
		for (int i = 0; marks[i]; i++) {
			size_t k = strlen(marks[i]);
			if (!strncmp(p, marks[i], k) && isupper((unsigned char)p[k]) &&
			    islower((unsigned char)p[k + 1]))
				return p;
		}
	}
	return NULL;
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
	if (cap && caption_is_label(cap)) {
		/* "FILE" as the caption, the real caption read as the credit */
		free(cap);
		*caption = cap = NULL;
		if (*credit && words(*credit, *credit + strlen(*credit)) >= 6) {
			*caption = cap = *credit;
			*credit = NULL;
		}
	}
	if (cap) {
		caption_strip_label(cap);
		caption_strip_player(cap);
		char *g = glued_credit(cap);
		if (g && g > cap && !*credit) {
			size_t k = 0;
			while (isalpha((unsigned char)g[k]) && !(k && isupper((unsigned char)g[k])))
				k++;
			*credit = xstrdup(g + k);
			*g = 0;
			strip_spaces(cap);
		}
		caption_strip_ui(cap);
		/* a caption is a sentence or two; a page header or a story is not */
		if (!*cap || !has_letter(cap) || dom_utf8_len(cap) > 600) {
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
	for (int i = 0; prefixes[i] && *c; i++)
		if (prefix_at(c, prefixes[i]) >= strlen(c) && strchr(prefixes[i], ':'))
			*c = 0; /* "Quelle:" left alone, its name in a credit element already */
	if (*c && !*credit)
		*credit = c;
	else if (*c && *credit && !dom_has_sub(*credit, c) && !dom_has_sub(c, *credit)) {
		size_t n = strlen(*credit) + strlen(c) + 3;
		char *both = xmalloc(n);
		snprintf(both, n, "%s; %s", *credit, c);
		free(*credit);
		free(c);
		*credit = both;
	} else {
		free(c);
	}
	if (!*cap || caption_is_label(cap)) {
		/* "Symbolbild Bild: X": the label is what was left of the caption */
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
