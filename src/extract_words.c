/* extract_words: what a short text says about itself: boilerplate lines ("Advertisement",
 * "Story continues below"), section headings ("More from ...", "Most read"), case folding. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "extract_int.h"

static const char *const more_heads[] = {"more from", "more on ", "more stories",
	"more news", "more articles", "more in ", "more about", "more like this", "more to read",
	"more to explore", "more coverage", "related", "read more", "read next", "read this next",
	"recommended", "you may also like", "you might also like", "you may like",
	"you might like", "also read", "read also", "further reading", "see also", "don't miss",
	"don’t miss", "what to read next", "keep reading", "editor's picks", "editors' picks",
	"mehr zum thema", "mehr aus", "mehr von", "weitere artikel", "auch interessant",
	"lesen sie auch", "das könnte sie auch interessieren", "à lire aussi", "a lire aussi",
	"lire aussi", "sur le même sujet", "sur le meme sujet", "voir aussi",
	"dans la même rubrique", "leer más", "lee también", "te puede interesar",
	"noticias relacionadas", "relacionad", "leia também", "veja também", "leggi anche",
	"potrebbe interessarti", "articoli correlati", "lees ook", "gerelateerd",
	"czytaj także", "czytaj też", "przeczytaj też", "читайте также", "по теме", "похожие",
	"相关", "相關", "関連", "あわせて読みたい", "推荐", "관련", "추천", NULL};
static const char *const popular_heads[] = {"most popular", "most read", "most viewed",
	"trending", "popular", "most shared", "top stories", "meistgelesen", "les plus lus",
	"más leídas", "meist gelesen", "meistkommentiert", "meist kommentiert", "most commented",
	"most watched", "più lett", "lo más leído", "lo más visto", "más visto", "meest gelezen",
	"meest bekeken", "najczęściej", "mais lidas", "beliebteste", "populaire", "beliebt",
	"meistdiskutiert", "meist diskutiert", "am häufigsten", "am meisten", "más leíd",
	"más vist", "mais vist", "most discussed", "top ", "kommentiert", "bestseller",
	NULL};

/* Lower case for ASCII, Latin-1 letters and Cyrillic, enough to compare headings. */
void words_fold_case(char *s)
{
	unsigned char *u = (unsigned char *)s;
	for (; *u; u++) {
		if (*u < 0x80) {
			*u = (unsigned char)tolower(*u);
		} else if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97) {
			u[1] += 0x20;
			u++;
		} else if (u[0] == 0xD0 && u[1] >= 0x90 && u[1] <= 0x9F) {
			u[1] += 0x20;
			u++;
		} else if (u[0] == 0xD0 && u[1] >= 0xA0 && u[1] <= 0xAF) {
			u[0] = 0xD1;
			u[1] -= 0x20;
			u++;
		}
	}
}

static int heading_says_more_folded(const char *t);

/* Words of paid lists, inside any word ("Stellenanzeigen", "Sponsored"). */
static const char *const paid_heads[] = {"anzeige", "sponsor", "promoted", "advertis",
	"werbung", "publicidad", "publicité", "pubblicità", "reklam", NULL};

/* A popularity phrase at the start of folded t, or (anywhere = 1) at any word's start of
 * a heading of six words or fewer: "Articles les plus lus", "Las más leídas" rank the
 * site's stories by readers, whatever word comes first; and such a heading naming ads
 * or sponsors ("Aus dem Anzeigen-Markt"): a list paid for. A longer text is a sentence. */
static int popular_folded(const char *t, int anywhere)
{
	/* ... but after a phrase that says more ("More from Popular Boating Weekly"), the
	 * words are the site's name or the topic, not a ranking */
	const char *s = t;
	while (*s && !isalnum((unsigned char)*s) && (unsigned char)*s < 0x80)
		s++;
	for (int i = 0; anywhere && more_heads[i]; i++)
		if ((unsigned char)more_heads[i][0] < 0x80 && !strncmp(s, more_heads[i], strlen(more_heads[i])))
			anywhere = 0;
	int words = 1;
	for (const char *p = t; *p; p++)
		words += *p == ' ';
	for (int i = 0; anywhere && words <= 6 && paid_heads[i]; i++)
		for (const char *m = t; (m = strstr(m, paid_heads[i])) != NULL; m++)
			/* but "Anzeiger" is a newspaper's name ("Bramwicker Anzeiger"), not an ad */
			if (strcmp(paid_heads[i], "anzeige") || m[7] != 'r')
				return 1;
	for (const char *p = t; *p; p++) {
		if (p != t && (!anywhere || words > 6))
			break;
		if (p != t && ((unsigned char)p[-1] >= 0x80 || isalnum((unsigned char)p[-1])))
			continue;
		for (int i = 0; popular_heads[i]; i++)
			if (!strncmp(p, popular_heads[i], strlen(popular_heads[i])))
				return 1;
	}
	return 0;
}

int words_says_popular(const char *t)
{
	char *f = xstrdup(t);
	words_fold_case(f);
	int r = popular_folded(f, 1);
	free(f);
	return r;
}

int words_says_more(const char *t)
{
	if (!t || dom_utf8_len(t) > 80)
		return 0;
	char *f = xstrdup(t);
	words_fold_case(f);
	int r = heading_says_more_folded(f);
	free(f);
	return r;
}

static int heading_says_more_folded(const char *t)
{
	/* "More great Site stories", "More Site news": more ... stories/articles/news */
	static const char *const tails[] = {"stories", "articles", "news", "reads", "coverage",
					    "posts", "videos", NULL};
	if (!strncmp(t, "more ", 5)) {
		size_t n = strlen(t);
		for (int i = 0; tails[i]; i++) {
			size_t k = strlen(tails[i]);
			if (n > k + 5 && !strcmp(t + n - k, tails[i]))
				return 1;
		}
	}
	while (*t && !isalnum((unsigned char)*t) && (unsigned char)*t < 0x80)
		t++;
	if (popular_folded(t, 1))
		return 0;
	for (int i = 0; more_heads[i]; i++) {
		if ((unsigned char)more_heads[i][0] >= 0x80 ? dom_has_sub(t, more_heads[i])
		    : !strncasecmp(t, more_heads[i], strlen(more_heads[i])))
			return 1;
	}
	/* "Das Thema könnte dich auch interessieren", "Esto también te puede interesar": the
	 * reader addressed about other stories, anywhere in the heading */
	static const char *const anywhere[] = {"auch interessieren", "dich interessieren",
		"sie interessieren", "also be interested", "might also like", "may also like",
		"might also enjoy", "may also enjoy", "te puede interesar", "le puede interesar",
		"puede interesarte", "pourrait vous intéresser", "pourraient vous intéresser",
		"potrebbe interessarti", "potrebbero interessarti", "mehr themen",
		"weitere themen", "weitere artikel", "weitere beiträge", "weitere meldungen",
		"weitere nachrichten", NULL};
	for (int i = 0; anywhere[i]; i++)
		if (strstr(t, anywhere[i]))
			return 1;
	return 0;
}

int words_lead_says_more(const char *t)
{
	/* the label ends at a colon or an ellipsis within its first 60 bytes */
	size_t k = 0;
	while (t[k] && k < 60 && t[k] != ':' && t[k] != '|' && strncmp(t + k, "...", 3) &&
	       strncmp(t + k, "\xe2\x80\xa6", 3))
		k++;
	if (!t[k] || k >= 60 || k < 4)
		return 0;
	char *label = xstrndup(t, k);
	int r = words_says_more(label);
	free(label);
	return r;
}

int words_section_heading(const char *t)
{
	if (!t)
		return 0;
	/* a caption may say "the most popular beach": only its start counts here */
	char *f = xstrdup(t);
	words_fold_case(f);
	int r = words_says_more(t) || popular_folded(f, 0);
	free(f);
	return r;
}

/* A short line of the page talking about itself: "Story continues below advertisement",
 * "Scroll to continue with content", "This slideshow requires JavaScript", "Media
 * playback is unsupported on your device". Up to seven words, with "continue(s)" next to
 * what (story, article, reading, scroll ...), or JavaScript next to what it needs
 * (requires, enable ...); up to ten naming the player's or reader's machine and what it
 * does not support. A sentence of the story has more to say. */
static int notice_line(const char *t)
{
	static const char *const cont[] = {"continue", "continues", NULL};
	static const char *const where[] = {"story", "article", "content", "reading", "scroll",
					    "advertisement", NULL};
	static const char *const js[] = {"javascript", NULL};
	static const char *const need[] = {"requires", "require", "enable", "enabled", "needs",
					   "disabled", NULL};
	/* a player talking about the reader's machine: "Media playback is unsupported on
	 * your device", "Your browser does not support the video tag" */
	static const char *const machine[] = {"playback", "player", "browser", "device", NULL};
	static const char *const lacks[] = {"unsupported", "support", "supported", NULL};
	int words = 0, c = 0, w = 0, j = 0, nd = 0, m = 0, l = 0, neg = 0;
	const char *p = t;
	while (*p) {
		char tok[32];
		size_t k = 0;
		while (*p && !isalnum((unsigned char)*p))
			p++;
		if (!*p)
			break;
		while (*p && isalnum((unsigned char)*p)) {
			if (k < sizeof tok - 1)
				tok[k++] = (char)tolower((unsigned char)*p);
			p++;
		}
		tok[k] = 0;
		words++;
		for (int i = 0; cont[i]; i++)
			c |= !strcmp(tok, cont[i]);
		for (int i = 0; where[i]; i++)
			w |= !strcmp(tok, where[i]);
		for (int i = 0; js[i]; i++)
			j |= !strcmp(tok, js[i]);
		for (int i = 0; need[i]; i++)
			nd |= !strcmp(tok, need[i]);
		for (int i = 0; machine[i]; i++)
			m |= !strcmp(tok, machine[i]);
		for (int i = 0; lacks[i]; i++)
			l |= !strcmp(tok, lacks[i]);
		neg |= !strcmp(tok, "unsupported") || !strcmp(tok, "not") || !strcmp(tok, "doesn");
	}
	return (words <= 7 && ((c && w) || (j && nd))) || (words <= 10 && m && l && neg);
}

int words_boiler_line(const char *t)
{
	static const char *const lines[] = {"advertisement", "advertisment", "advertising",
		"advert", "adverts", "advertisements",
		"comments", "no comments", "leave a comment", "leave a reply", "post a comment",
		"anzeige", "publicité", "publicidad", "pubblicità", "reklama", "werbung",
		"sponsored", "sponsored content", "continue reading",
		"read more", "share this article", "share this story", "share", "advertisement:",
		"ad", "skip advertisement", "related", "related:", "recommended", "click here",
		"subscribe", "sign up", "log in", "weiterlesen", "lire la suite", "leer más",
		"ADVERTISEMENT", "Print", "Email", "Facebook", "Twitter", "WhatsApp", "LinkedIn",
		"Copy link", "Link copied", NULL};
	size_t n = strlen(t);
	if (n > 60)
		return 0;
	for (int i = 0; lines[i]; i++)
		if (strcasecmp(t, lines[i]) == 0)
			return 1;
	return notice_line(t);
}

/* 1 when word (lower case ASCII) stands in the folded text as a whole word. */
/* 1 when a word of the list ends at e (f's text before e, spaces skipped back). */
static int word_before(const char *f, const char *e, const char *const *list)
{
	while (e > f && e[-1] == ' ')
		e--;
	for (int i = 0; list[i]; i++) {
		size_t k = strlen(list[i]);
		if ((size_t)(e - f) >= k && !strncmp(e - k, list[i], k) &&
		    (e - k == f || e[-(long)k - 1] == ' '))
			return 1;
	}
	return 0;
}

/* The word as a whole word of f, after one of owner's words, one word between at most
 * ("our print edition"). */
static int has_word_of(const char *f, const char *word, const char *const *owner)
{
	size_t k = strlen(word);
	for (const char *p = strstr(f, word); p; p = strstr(p + 1, word)) {
		int before = p == f || (!isalnum((unsigned char)p[-1]) && (unsigned char)p[-1] < 0x80);
		int after = !isalnum((unsigned char)p[k]) && (unsigned char)p[k] < 0x80;
		if (!before || !after)
			continue;
		if (word_before(f, p, owner))
			return 1;
		const char *q = p; /* one word back */
		while (q > f && q[-1] == ' ')
			q--;
		while (q > f && q[-1] != ' ')
			q--;
		if (q > f && word_before(f, q, owner))
			return 1;
	}
	return 0;
}

/* A line that asks the reader to subscribe, follow, join or download somewhere ("Follow
 * us on Instagram", "Subscribe now to our print edition for the full story", "¡Mira lo
 * que tiene nuestro canal de YouTube!", "Abonnieren Sie unseren Newsletter"): the verb
 * that addresses the reader, at the start or in one of its set phrases, and the channel
 * it points to (a network, a newsletter, an edition; not "app": a how-to's "Follow the
 * steps in the app" is story). A sentence of the story that mentions a service has no
 * such verb. */
int words_call_to_action(const char *t)
{
	static const char *const start[] = {"follow ", "subscribe", "sign up", "join ",
		"never miss", "descarga", "únete", "unete", "síguenos",
		"siguenos", "suscríbete", "suscribete", "folgen sie", "folge uns", "folgt uns",
		"abonnieren sie", "abonniere", "seguici", "iscriviti", "suivez", "abonnez-vous",
		"inscrivez-vous", "hazte", "zapraszamy", "obserwuj", "siga-nos", "assine", NULL};
	static const char *const phrase[] = {"follow us", "subscribe to our", "subscribe now",
		"subscribe today", "please subscribe", "sign up for our", "sign up to our",
		"signing up for our", "signing up to our", "download our", "already a subscriber",
		"become a member", "become a subscriber", "join us on", "únete", "síguenos",
		"suscríbete", "abonnieren sie", "abonniere ", "folgen sie uns", "folge uns",
		"seguici su", "suivez-nous", "abonnez-vous", "nuestro canal", NULL};
	/* words that name other things too (a canal, a member of the council, an edition of
	 * a festival): a channel only when the site calls it its own */
	static const char *const channel_word[] = {"canal", "kanal", "abo", "edition",
		"member", "miembro", NULL};
	static const char *const owner[] = {"our", "nuestro", "nuestra", "unser", "unseren",
		"unserem", "unsere", "notre", "nostro", "nostra", "nosso", "nossa", NULL};
	static const char *const set[] = {"become a member", "hazte miembro", NULL};
	static const char *const channel_sub[] = {"newsletter", "twitter", "facebook",
		"instagram", "telegram", "whatsapp", "youtube", "tiktok", "linkedin", "podcast",
		"subscri", "suscri", "abonn", "subskryp", "membership", "briefing", "edición",
		NULL};
	if (!t || dom_utf8_len(t) > 220)
		return 0;
	char *f = xstrdup(t);
	words_fold_case(f);
	const char *s = f;
	while (*s && (strchr(" +*\"'->", *s) || !strncmp(s, "¿", 2) || !strncmp(s, "¡", 2) ||
		      !strncmp(s, "»", 2) || !strncmp(s, "«", 2)))
		s += (unsigned char)*s >= 0x80 ? 2 : 1;
	int verb = 0, chan = 0;
	for (int i = 0; start[i] && !verb; i++) {
		size_t k = strlen(start[i]);
		verb = !strncmp(s, start[i], k) &&
		       (start[i][k - 1] == ' ' || !isalnum((unsigned char)s[k]));
	}
	for (int i = 0; phrase[i] && !verb; i++)
		verb = strstr(f, phrase[i]) != NULL;
	for (int i = 0; verb && channel_word[i] && !chan; i++)
		chan = has_word_of(f, channel_word[i], owner);
	for (int i = 0; verb && set[i] && !chan; i++)
		chan = strstr(f, set[i]) != NULL;
	for (int i = 0; verb && channel_sub[i] && !chan; i++)
		chan = strstr(f, channel_sub[i]) != NULL;
	free(f);
	return verb && chan;
}

char *words_take_line(struct sbuf *b)
{
	if (!b->len) {
		sbuf_free(b);
		return NULL;
	}
	char *s = sbuf_steal(b);
	if (!text_clean_line(s)) {
		free(s);
		return NULL;
	}
	return s;
}
