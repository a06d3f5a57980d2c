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

int64_t extract_date(const char *s)
{
	int64_t t;
	if (!s)
		return CRIER_NO_DATE;
	t = iso8601(s);
	if (t == CRIER_NO_DATE)
		t = date_parse(s);
	return t;
}
