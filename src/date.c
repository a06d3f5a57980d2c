/* date: the dates feeds write, to UNIX seconds. Two readers: ISO 8601 / W3CDTF / RFC 3339
 * (starts with a four-digit year) and a token reader for RFC 822 / RFC 850 / asctime and
 * their real-world variants. Anything ambiguous or out of range is CRIER_NO_DATE. */
#include "config.h"
#include "crier/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil):
 * no locale, no time zone, no timegm. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* off: the zone's offset east of UTC, in seconds. */
static int64_t make_time(int y, int mo, int d, int h, int mi, int s, int off)
{
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
		return CRIER_NO_DATE;
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off;
}

/* Reads exactly n digits; -1 when they are not there. */
static int digits(const char **pp, int n)
{
	const char *p = *pp;
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	return v;
}

/* +hh:mm, +hhmm, +hh (and -), or Z; *off in seconds. 0 or -1. */
static int iso_zone(const char **pp, int *off)
{
	const char *p = *pp;
	int sign, h, m = 0;
	while (*p == ' ')
		p++;
	if (*p == 'Z' || *p == 'z') {
		*off = 0;
		*pp = p + 1;
		return 0;
	}
	if (!strncasecmp(p, "UTC", 3) || !strncasecmp(p, "GMT", 3)) {
		p += 3;
		if (*p != '+' && *p != '-') {
			*off = 0;
			*pp = p;
			return 0;
		}
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if ((h = digits(&p, 2)) < 0)
		return -1;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)*p) && (m = digits(&p, 2)) < 0)
		return -1;
	if (h > 14 || m > 59)
		return -1;
	*off = sign * (h * 3600 + m * 60);
	*pp = p;
	return 0;
}

static int64_t parse_iso(const char *p)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, s = 0, off = 0;
	int basic = 0;
	if ((y = digits(&p, 4)) < 0)
		return CRIER_NO_DATE;
	if (*p == '-' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
	    isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4])) {
		/* an ordinal date: 2003-335 */
		int yday;
		p++;
		yday = digits(&p, 3);
		if (yday < 1 || yday > (days_in_month(y, 2) == 29 ? 366 : 365))
			return CRIER_NO_DATE;
		for (mo = 1; yday > days_in_month(y, mo); mo++)
			yday -= days_in_month(y, mo);
		d = yday;
	} else if (*p == '-') {
		p++;
		if ((mo = digits(&p, 2)) < 0)
			return CRIER_NO_DATE;
		if (*p == '-') {
			p++;
			if ((d = digits(&p, 2)) < 0)
				return CRIER_NO_DATE;
		}
	} else if (isdigit((unsigned char)*p)) {
		/* basic format: 20031231 */
		basic = 1;
		if ((mo = digits(&p, 2)) < 0 || (d = digits(&p, 2)) < 0)
			return CRIER_NO_DATE;
	}
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if ((h = digits(&p, 2)) < 0)
			return CRIER_NO_DATE;
		if (*p == ':')
			p++;
		else if (!basic)
			return CRIER_NO_DATE;
		if ((mi = digits(&p, 2)) < 0)
			return CRIER_NO_DATE;
		if (*p == ':' || (basic && isdigit((unsigned char)*p))) {
			if (*p == ':')
				p++;
			if ((s = digits(&p, 2)) < 0)
				return CRIER_NO_DATE;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return CRIER_NO_DATE;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h == 24 && mi == 0 && s == 0)
			return CRIER_NO_DATE; /* legal ISO, but rare enough to distrust */
		while (*p == ' ')
			p++;
		if (*p && iso_zone(&p, &off) < 0)
			return CRIER_NO_DATE;
	} else if (*p == 'Z' || *p == 'z' || *p == '+') {
		/* a date with a zone but no time: 2003-12-31Z */
		if (iso_zone(&p, &off) < 0)
			return CRIER_NO_DATE;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return CRIER_NO_DATE;
	return make_time(y, mo, d, h, mi, s, off);
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
				     "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const month_full[] = {"january", "february", "march", "april", "may",
					 "june", "july", "august", "september", "october",
					 "november", "december"};
static const char *const wdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const wday_full[] = {"monday", "tuesday", "wednesday", "thursday",
					"friday", "saturday", "sunday"};

/* Named zones. Only unambiguous names; anything else makes the date unreadable. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
	{"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0}, {"wet", 0},
	{"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
	{"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
	{"ast", -240}, {"adt", -180}, {"at", -240}, {"et", -300}, {"ct", -360}, {"mt", -420}, {"pt", -480},
	{"akst", -540}, {"akdt", -480}, {"hst", -600}, {"nst", -210}, {"ndt", -150},
	{"cet", 60}, {"cest", 120}, {"met", 60}, {"mest", 120}, {"west", 60}, {"bst", 60},
	{"eet", 120}, {"eest", 180}, {"msk", 180}, {"jst", 540}, {"kst", 540},
	{"hkt", 480}, {"sgt", 480}, {"awst", 480}, {"acst", 570}, {"acdt", 630},
	{"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780},
};

/* A month or weekday: its abbreviation or any longer prefix of its name ("Sept",
 * "Thurs", "Wednesday"). */
static int lookup_word(const char *w, size_t n, const char *const *abbr, const char *const *full,
		       int count)
{
	for (int i = 0; i < count; i++) {
		size_t fl = strlen(full[i]);
		if ((n == 3 && !strncasecmp(w, abbr[i], 3)) ||
		    (n > 3 && n <= fl && !strncasecmp(w, full[i], n)))
			return i;
	}
	return -1;
}

/* Minutes east of UTC for a zone name, or INT_MIN-ish sentinel when unknown. */
#define NO_ZONE (-100000)
static int zone_minutes(const char *w, size_t n)
{
	if (n == 1) {
		/* RFC 822 military zones, as that RFC defines them: A-I = -1..-9, K-M =
		 * -10..-12, N-Y = +1..+12, Z = 0 (J is not a zone). */
		int c = tolower((unsigned char)*w);
		if (c == 'z')
			return 0;
		if (c >= 'a' && c <= 'i')
			return -60 * (c - 'a' + 1);
		if (c >= 'k' && c <= 'm')
			return -60 * (c - 'k' + 10);
		if (c >= 'n' && c <= 'y')
			return 60 * (c - 'n' + 1);
		return NO_ZONE;
	}
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (strlen(zones[i].name) == n && !strncasecmp(w, zones[i].name, n))
			return zones[i].minutes;
	return NO_ZONE;
}

/* RFC 822 and friends: weekday? day month year time zone, in the orders people write
 * them ("Sat, 07 Sep 2002 00:00:01 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
 * "Sun Nov  6 08:49:37 1994", "7 September 2002 9:05 -0400"). */
static int64_t parse_words(const char *p)
{
	int y = -1, mo = -1, d = -1, h = -1, mi = 0, s = 0, off = 0, have_zone = 0;
	int ylen = 0;
	while (*p) {
		unsigned char c = (unsigned char)*p;
		if (isspace(c) || c == ',' || c == '/' || c == '.') {
			p++;
			continue;
		}
		if (c == '(' && h >= 0) {
			/* a comment after the time: "+0000 (UTC)" */
			const char *e = strchr(p, ')');
			if (!e)
				return CRIER_NO_DATE;
			p = e + 1;
			continue;
		}
		if (c == '-' && !(h >= 0 && isdigit((unsigned char)p[1]))) {
			p++; /* a date separator: 06-Nov-94 */
			continue;
		}
		if (isalpha(c)) {
			const char *w = p;
			size_t n;
			int z;
			while (isalpha((unsigned char)*p))
				p++;
			n = (size_t)(p - w);
			if (mo < 0 && (z = lookup_word(w, n, months, month_full, 12)) >= 0) {
				mo = z + 1;
				continue;
			}
			if (h < 0 && y < 0 && lookup_word(w, n, wdays, wday_full, 7) >= 0)
				continue;
			if (n == 3 && !strncasecmp(w, "etc", 3) && *p == '/')
				continue; /* the tz database's Etc/GMT, Etc/UTC */
			if (h >= 0 && have_zone && zone_minutes(w, n) != NO_ZONE)
				continue; /* "-0500 CDT": the number said it already */
			if (h >= 0 && !have_zone && (z = zone_minutes(w, n)) != NO_ZONE) {
				off = z * 60;
				have_zone = 1;
				/* GMT+0200 */
				if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
					int zo;
					if (iso_zone(&p, &zo) < 0)
						return CRIER_NO_DATE;
					off += zo;
				}
				continue;
			}
			return CRIER_NO_DATE;
		}
		if (c == '+' || c == '-') {
			/* a numeric zone after the time */
			if (h < 0 || have_zone || iso_zone(&p, &off) < 0)
				return CRIER_NO_DATE;
			have_zone = 1;
			continue;
		}
		if (isdigit(c)) {
			const char *n0 = p;
			long v = 0;
			size_t n;
			while (isdigit((unsigned char)*p) && p - n0 < 6)
				v = v * 10 + (*p++ - '0');
			n = (size_t)(p - n0);
			if (isdigit((unsigned char)*p))
				return CRIER_NO_DATE;
			if (*p == ':') {
				/* the time: hh:mm[:ss] */
				if (h >= 0 || n > 2)
					return CRIER_NO_DATE;
				h = (int)v;
				p++;
				if ((mi = digits(&p, 2)) < 0)
					return CRIER_NO_DATE;
				if (*p == ':') {
					p++;
					if ((s = digits(&p, 2)) < 0)
						return CRIER_NO_DATE;
					if (*p == '.' && isdigit((unsigned char)p[1])) {
						p++;
						while (isdigit((unsigned char)*p))
							p++;
					}
				}
				/* 12-hour clocks */
				while (*p == ' ')
					p++;
				if ((p[0] == 'a' || p[0] == 'A' || p[0] == 'p' || p[0] == 'P') &&
				    (p[1] == 'm' || p[1] == 'M') && !isalpha((unsigned char)p[2])) {
					if (h < 1 || h > 12)
						return CRIER_NO_DATE;
					if (h == 12)
						h = 0;
					if (p[0] == 'p' || p[0] == 'P')
						h += 12;
					p += 2;
				}
				continue;
			}
			if (n <= 2 && d < 0 && y < 0) {
				d = (int)v;
			} else if (y < 0 && (n == 4 || n == 2 || n == 3) && (d >= 0 || mo >= 0)) {
				y = (int)v;
				ylen = (int)n;
			} else {
				return CRIER_NO_DATE;
			}
			continue;
		}
		return CRIER_NO_DATE;
	}
	if (y < 0 || mo < 0 || d < 0)
		return CRIER_NO_DATE;
	if (ylen == 2)
		y += y < 50 ? 2000 : 1900; /* RFC 2822's rule for two-digit years */
	else if (ylen == 3)
		y += 1900;
	if (h < 0)
		h = 0;
	return make_time(y, mo, d, h, mi, s, off);
}

/* Month names in the other languages feeds date in (Hungarian in full, Greek
 * abbreviated), in UTF-8, and the Greek weekday abbreviations. */
static const struct {
	const char *word;
	int month; /* 1-12; 0 for a weekday, dropped */
} foreign[] = {
	{"január", 1}, {"február", 2}, {"március", 3}, {"április", 4}, {"május", 5},
	{"június", 6}, {"július", 7}, {"augusztus", 8}, {"szeptember", 9}, {"október", 10},
	{"november", 11}, {"december", 12},
	{"Ιαν", 1}, {"Φεβ", 2}, {"Μάρ", 3}, {"Μαρ", 3}, {"Μάώ", 3}, {"Απρ", 4}, {"Μάι", 5},
	{"Μαι", 5}, {"Μαΐ", 5}, {"Ιούν", 6}, {"Ιουν", 6}, {"Ιούλ", 7}, {"Ιουλ", 7},
	{"Αύγ", 8}, {"Αυγ", 8}, {"Σεπ", 9}, {"Οκτ", 10}, {"Νοέ", 11}, {"Νοε", 11},
	{"Δεκ", 12},
	{"Κυρ", 0}, {"Δευ", 0}, {"Τρι", 0}, {"Τετ", 0}, {"Πεμ", 0}, {"Πέμ", 0}, {"Παρ", 0},
	{"Σαβ", 0}, {"Σάβ", 0},
};

/* Rewrites buf (size sz) in the forms the parsers read: foreign month names as
 * numbers (ISO-looking dates) or English abbreviations; Korean dates
 * ("2004년 05월 28일 01:31:15", "2004-05-25 오후 11:23:17", Korean time); two-digit ISO
 * years ("031231", "03-12-31", "03335": this century, as feedparser reads them); one-digit
 * days and hours in ISO dates ("2004-07-13T9:15"). */
static void date_normalise(char *buf, size_t sz)
{
	char out[128];
	size_t o = 0;
	int korean = 0, pm = 0, am = 0;
	const char *p = buf;
	const unsigned char *u = (const unsigned char *)buf;
	size_t i;
	/* the common cases, in ASCII, need nothing: a padded ISO date and time, or a date
	 * that starts with a word (RFC 822) */
	for (i = 0; u[i] && u[i] < 0x80; i++)
		;
	if (!u[i] && (isalpha(u[0]) ||
		      (i >= 10 && isdigit(u[0]) && isdigit(u[3]) && u[4] == '-' && isdigit(u[5]) &&
		       isdigit(u[6]) && u[7] == '-' && isdigit(u[8]) && isdigit(u[9]) &&
		       (i == 10 || ((u[10] == 'T' || u[10] == 't') && i >= 16 && isdigit(u[11]) &&
				    isdigit(u[12]) && u[13] == ':' && isdigit(u[14]) && isdigit(u[15]))))))
		return;
	while (*p && o + 16 < sizeof out) {
		size_t n = 0;
		if ((unsigned char)*p < 0x80 &&
		    (!isalpha((unsigned char)*p) || (o && isalpha((unsigned char)out[o - 1])))) {
			out[o++] = *p++;
			continue;
		}
		for (i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
			n = strlen(foreign[i].word);
			if (!strncmp(p, foreign[i].word, n))
				break;
		}
		if (i < sizeof foreign / sizeof foreign[0]) {
			int iso = o > 0 && out[o - 1] == '-';
			if (foreign[i].month && iso)
				o += (size_t)snprintf(out + o, sizeof out - o, "%02d", foreign[i].month);
			else if (foreign[i].month)
				o += (size_t)snprintf(out + o, sizeof out - o, "%s", months[foreign[i].month - 1]);
			p += n;
			/* the rest of a longer Greek word ("Ιουλίου") */
			while ((unsigned char)*p >= 0x80)
				p++;
			continue;
		}
		if (!strncmp(p, "년", 3) || !strncmp(p, "월", 3)) {
			out[o++] = '-';
			p += 3;
			while (*p == ' ')
				p++;
			korean = 1;
			continue;
		}
		if (!strncmp(p, "일", 3)) {
			p += 3;
			korean = 1;
			continue;
		}
		if (!strncmp(p, "오전", 6) || !strncmp(p, "오후", 6)) {
			if (!strncmp(p, "오후", 6))
				pm = 1;
			else
				am = 1;
			p += 6;
			while (*p == ' ')
				p++;
			korean = 1;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	while (o && out[o - 1] == ' ')
		out[--o] = '\0';
	if (korean) {
		int y, mo, d, h = 0, mi = 0, s = 0;
		if (sscanf(out, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) >= 3) {
			if (pm && h < 12)
				h += 12;
			else if (am && h == 12)
				h = 0;
			snprintf(buf, sz, "%04d-%02d-%02dT%02d:%02d:%02d+09:00", y, mo, d, h, mi, s);
			return;
		}
	}
	{
		/* ISO dates with two-digit years, and one-digit fields */
		const char *q = out;
		size_t nd = strspn(q, "0123456789");
		char rest[64];
		int y, mo, d, h, mi;
		if (nd == 6 && (!q[6] || q[6] == 'T' || q[6] == 't')) {
			snprintf(buf, sz, "20%.2s-%.2s-%.2s%.100s", q, q + 2, q + 4, q + 6);
			return;
		}
		if (nd == 5 && !q[5]) {
			snprintf(buf, sz, "20%.2s-%.3s", q, q + 2);
			return;
		}
		if (nd == 2 && q[2] == '-' && strspn(q + 3, "0123456789") == 3 && !q[6]) {
			snprintf(buf, sz, "20%.2s-%.3s", q, q + 3);
			return;
		}
		if (nd == 2 && q[2] == '-' && strspn(q + 3, "0123456789") == 2 && q[5] == '-' &&
		    strspn(q + 6, "0123456789") == 2) {
			snprintf(buf, sz, "20%.120s", q);
			return;
		}
		if (nd == 4 && sscanf(q, "%d-%d-%dT%d:%d%63s", &y, &mo, &d, &h, &mi, rest) >= 5 &&
		    strchr(q, 'T')) {
			if (sscanf(q, "%d-%d-%dT%d:%d%63s", &y, &mo, &d, &h, &mi, rest) == 5)
				rest[0] = '\0';
			snprintf(buf, sz, "%04d-%02d-%02dT%02d:%02d%s", y, mo, d, h, mi, rest);
			return;
		}
	}
	snprintf(buf, sz, "%.127s", out);
}

int64_t date_parse(const char *s)
{
	char buf[128];
	size_t n;
	if (!s)
		return CRIER_NO_DATE;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof buf)
		return CRIER_NO_DATE;
	memcpy(buf, s, n);
	buf[n] = '\0';
	date_normalise(buf, sizeof buf);
	if (isdigit((unsigned char)buf[0]) && isdigit((unsigned char)buf[1]) &&
	    isdigit((unsigned char)buf[2]) && isdigit((unsigned char)buf[3]))
		return parse_iso(buf);
	return parse_words(buf);
}
