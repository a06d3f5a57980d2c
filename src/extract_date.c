/* extract_date: the dates pages write in their metadata (ISO 8601 nearly always) to UNIX
 * seconds; date_parse of the feed module reads the rest (RFC 822 and its variants). */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "crier/date.h"
#include "extract_int.h"

static int num(const char **s, int digits, int *out)
{
	int v = 0;
	for (int i = 0; i < digits; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += digits;
	*out = v;
	return 0;
}

static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|+HH:MM|+HHMM]; no zone reads as UTC. */
static int64_t iso8601(const char *s)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (num(&s, 4, &y) || *s++ != '-' || num(&s, 2, &mo) || *s++ != '-' || num(&s, 2, &d))
		return CRIER_NO_DATE;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return CRIER_NO_DATE;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (num(&s, 2, &h) || *s++ != ':' || num(&s, 2, &mi))
			return CRIER_NO_DATE;
		if (*s == ':') {
			s++;
			if (num(&s, 2, &se))
				return CRIER_NO_DATE;
			if (*s == '.' || *s == ',') {
				s++;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		while (*s == ' ')
			s++;
		if (*s == 'Z' || *s == 'z') {
			s++;
		} else if (*s == '+' || *s == '-') {
			int sign = *s == '-' ? -1 : 1, oh, om = 0;
			s++;
			if (num(&s, 2, &oh))
				return CRIER_NO_DATE;
			if (*s == ':')
				s++;
			if (isdigit((unsigned char)*s) && num(&s, 2, &om))
				return CRIER_NO_DATE;
			off = sign * (oh * 3600 + om * 60);
		}
		if (h > 24 || mi > 59 || se > 60)
			return CRIER_NO_DATE;
	}
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
}

/* The length of the letter at p: an ASCII letter, or a two-byte UTF-8 Latin letter
 * (U+00C0 to U+024F: "ä" in "März", "û" in "août"); 0 for anything else, so a no-break
 * space, a middle dot or a dash between words ends a word as a space does. */
static size_t letter_at(const unsigned char *p)
{
	if (isalpha(*p))
		return 1;
	if (*p >= 0xC3 && *p <= 0xC9 && (p[1] & 0xC0) == 0x80)
		return 2;
	return 0;
}

/* The month a word names, 0 for none: the word, three letters or more, is how a full
 * month name in English, German or French begins ("Mar", "März", "Sept", "juil",
 * "déc"), so "Main" or "Marsh" is no month. Spanish, Italian, Portuguese and Dutch
 * names count only written in full: their short forms ("out", "set", "ago") are words. */
int date_month_named(const char *w, size_t k)
{
	static const struct { const char *name; int m; } names[] = {
		{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
		{"june", 6}, {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10},
		{"november", 11}, {"december", 12},
		{"januar", 1}, {"februar", 2}, {"m\xc3\xa4rz", 3}, {"mai", 5}, {"juni", 6},
		{"juli", 7}, {"oktober", 10}, {"dezember", 12},
		{"janvier", 1}, {"f\xc3\xa9vrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
		{"juillet", 7}, {"ao\xc3\xbbt", 8}, {"septembre", 9}, {"octobre", 10},
		{"novembre", 11}, {"d\xc3\xa9" "cembre", 12}, {NULL, 0}};
	static const struct { const char *name; int m; } whole[] = {
		{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
		{"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9},
		{"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
		{"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
		{"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
		{"janeiro", 1}, {"fevereiro", 2}, {"mar\xc3\xa7o", 3}, {"maio", 5}, {"junho", 6},
		{"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"dezembro", 12},
		{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
		{NULL, 0}};
	if (k < 3)
		return 0;
	for (int i = 0; names[i].name; i++)
		if (strlen(names[i].name) >= k && !strncmp(names[i].name, w, k))
			return names[i].m;
	for (int i = 0; whole[i].name; i++)
		if (strlen(whole[i].name) == k && !strncmp(whole[i].name, w, k))
			return whole[i].m;
	return 0;
}

/* A date as a byline writes it: "Published 7:07 PM EST Nov 19, 2019", "19 March 2024,
 * 10:02", "March 3, 2024", "12. Dezember 2023": a month name, a day, a four-digit year,
 * maybe a time with AM/PM and a US or European zone abbreviation, in any order. */
static int64_t loose_date(const char *s)
{
	static const struct { const char *name; int hours; } zones[] = {{"est", -5},
		{"edt", -4}, {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8},
		{"pdt", -7}, {"gmt", 0}, {"utc", 0}, {"bst", 1}, {"cet", 1}, {"cest", 2},
		{"mez", 1}, {"mesz", 2}, {NULL, 0}};
	int mon = 0, day = 0, year = 0, h = -1, mi = 0, off = 0;
	const char *p = s;
	while (*p) {
		size_t n = letter_at((const unsigned char *)p);
		if (n) {
			char w[16];
			size_t k = 0;
			for (; n; n = letter_at((const unsigned char *)p)) {
				if (k + n < sizeof w) {
					w[k++] = (char)tolower((unsigned char)*p);
					if (n == 2) /* Latin capitals are 0x80 to 0x9E after 0xC3 */
						w[k++] = (char)(*p == '\xc3' && (unsigned char)p[1] < 0x9F
								? p[1] + 0x20 : p[1]);
				} else {
					k = sizeof w; /* too long for a month or a zone */
				}
				p += n;
			}
			if (k >= sizeof w)
				continue;
			w[k] = 0;
			if (!mon)
				mon = date_month_named(w, k);
			if ((!strcmp(w, "pm") || !strcmp(w, "p")) && h >= 0 && h < 12)
				h += 12;
			else if ((!strcmp(w, "am") || !strcmp(w, "a")) && h == 12)
				h = 0;
			for (int i = 0; zones[i].name; i++)
				if (!strcmp(w, zones[i].name))
					off = zones[i].hours * 3600;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			int v = 0, n = 0;
			while (isdigit((unsigned char)*p)) {
				if (n < 6)
					v = v * 10 + (*p - '0');
				n++;
				p++;
			}
			if (*p == ':' && h < 0 && n <= 2 && isdigit((unsigned char)p[1])) {
				h = v;
				p++;
				mi = 0;
				for (int i = 0; i < 2 && isdigit((unsigned char)*p); i++, p++)
					mi = mi * 10 + (*p - '0');
				while (*p == ':' || isdigit((unsigned char)*p))
					p++;
			} else if (n == 4 && !year) {
				year = v;
			} else if (n <= 2 && !day && v >= 1 && v <= 31) {
				day = v;
			}
			continue;
		}
		p++;
	}
	if (!mon || !day || !year || h > 23 || mi > 59)
		return CRIER_NO_DATE;
	if (h < 0)
		h = 0;
	return days_from_civil(year, mon, day) * 86400 + h * 3600 + mi * 60 - off;
}

/* One or two digits at *q, then a dot and maybe a space: their value, -1 when not there
 * (the day and the month of "12. 3.2024"). */
static int dotted_part(const char **q)
{
	const char *p = *q;
	int v;
	if (!isdigit((unsigned char)*p))
		return -1;
	v = *p++ - '0';
	if (isdigit((unsigned char)*p))
		v = v * 10 + (*p++ - '0');
	if (*p++ != '.')
		return -1;
	if (*p == ' ')
		p++;
	*q = p;
	return v;
}

/* Whether the text before a dotted date gives it a date's context: nothing (the date
 * starts its line), or a date label ("Stand:", "Veröffentlicht am", "Published", "le",
 * "vom"). "Version 1.2.2024" or "Kapitel 3.4.2020" is a number in running text. */
static int dotted_context(const char *s, const char *p)
{
	static const char *const labels[] = {"published", "updated", "posted", "date", "on",
		"stand", "am", "vom", "datum", "ver\xc3\xb6" "ffentlicht", "aktualisiert", "erstellt",
		"ge\xc3\xa4ndert", "le", "du", "publi\xc3\xa9", "jour", "publicado", "actualizado",
		"pubblicato", "aggiornato", "il", "del", "gepubliceerd", "bijgewerkt", "op",
		"opublikowano", "zaktualizowano", "dnia", "dn",
		/* a weekday before the date: "Dienstag, 12.03.2024", "Di., 12.03.2024" */
		"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
		"mo", "di", "mi", "do", "fr", "sa", "so", "lundi", "mardi", "mercredi", "jeudi",
		"vendredi", "samedi", "dimanche", "maandag", "dinsdag", "woensdag", "donderdag",
		"vrijdag", "zaterdag", "zondag", "luned\xc3\xac", "marted\xc3\xac",
		"mercoled\xc3\xac", "gioved\xc3\xac", "venerd\xc3\xac", "sabato", "domenica", NULL};
	const char *e = p;
	while (e > s && strchr(" :,.|-(", e[-1]))
		e--;
	if (e == s)
		return 1;
	const char *b = e;
	while (b > s && (isalpha((unsigned char)b[-1]) || (unsigned char)b[-1] >= 0x80))
		b--;
	size_t k = (size_t)(e - b);
	if (!k || (b > s && !strchr(" :,|-(", b[-1])))
		return 0;
	char w[32];
	if (k >= sizeof w)
		return 0;
	for (size_t i = 0; i < k; i++)
		w[i] = (char)tolower((unsigned char)b[i]);
	w[k] = 0;
	for (int i = 0; labels[i]; i++)
		if (!strcmp(w, labels[i]))
			return 1;
	return 0;
}

/* "12.03.2024" and "12.03.2024, 10:02" (day, month, year with dots, as German and much
 * of Europe write them), at the start of the text or after a date label; the first. */
static int64_t dotted_date(const char *s)
{
	for (const char *p = s; *p; p++) {
		int d, mo, y, h = 0, mi = 0;
		const char *q = p;
		if ((p > s && isdigit((unsigned char)p[-1])) || !isdigit((unsigned char)*p))
			continue;
		if (!dotted_context(s, p))
			continue;
		if ((d = dotted_part(&q)) < 0 || (mo = dotted_part(&q)) < 0)
			continue;
		if (num(&q, 4, &y) || isdigit((unsigned char)*q))
			continue;
		if (d < 1 || d > 31 || mo < 1 || mo > 12)
			continue;
		while (*q == ',' || *q == ' ' || *q == '-' || *q == '|')
			q++;
		if (isdigit((unsigned char)q[0]) && (q[1] == ':' || (isdigit((unsigned char)q[1]) && q[2] == ':'))) {
			h = *q++ - '0';
			if (isdigit((unsigned char)*q))
				h = h * 10 + (*q++ - '0');
			q++;
			if (num(&q, 2, &mi) || h > 23 || mi > 59)
				h = mi = 0;
		}
		return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
	}
	return CRIER_NO_DATE;
}

int64_t extract_date(const char *s)
{
	int64_t t;
	if (!s)
		return CRIER_NO_DATE;
	t = iso8601(s);
	if (t == CRIER_NO_DATE)
		t = date_parse(s);
	if (t == CRIER_NO_DATE)
		t = loose_date(s);
	if (t == CRIER_NO_DATE)
		t = dotted_date(s);
	return t;
}
