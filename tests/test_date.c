/* Unit tests of date_parse: every form feeds write, and the ones that must stay null.
 * Expected values come from the C library's timegm, an independent computation. */
#include "config.h"
#include <time.h>
#include "crier/date.h"
#include "check.h"

static long long utc(int y, int mo, int d, int h, int mi, int s, int off_minutes)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (long long)timegm(&tm) - off_minutes * 60LL;
}

#define DATE(str, y, mo, d, h, mi, s, off) CHECK_INT(date_parse(str), utc(y, mo, d, h, mi, s, off))
#define NODATE(str) CHECK_INT(date_parse(str), CRIER_NO_DATE)

int main(void)
{
	/* RFC 822 / 1123 and the variants seen in feeds */
	DATE("Sat, 07 Sep 2002 00:00:01 GMT", 2002, 9, 7, 0, 0, 1, 0);
	DATE("Sat, 07 Sep 2002 00:00:01 +0000", 2002, 9, 7, 0, 0, 1, 0);
	DATE("Sat, 7 Sep 2002 09:05:00 -0400", 2002, 9, 7, 9, 5, 0, -240);
	DATE("Tue, 10 Jun 2003 04:00:00 EST", 2003, 6, 10, 4, 0, 0, -300);
	DATE("Tue, 10 Jun 2003 04:00:00 EDT", 2003, 6, 10, 4, 0, 0, -240);
	DATE("Tue, 10 Jun 2003 04:00:00 CST", 2003, 6, 10, 4, 0, 0, -360);
	DATE("Tue, 10 Jun 2003 04:00:00 CDT", 2003, 6, 10, 4, 0, 0, -300);
	DATE("Tue, 10 Jun 2003 04:00:00 MST", 2003, 6, 10, 4, 0, 0, -420);
	DATE("Tue, 10 Jun 2003 04:00:00 MDT", 2003, 6, 10, 4, 0, 0, -360);
	DATE("Tue, 10 Jun 2003 04:00:00 PST", 2003, 6, 10, 4, 0, 0, -480);
	DATE("Tue, 10 Jun 2003 04:00:00 PDT", 2003, 6, 10, 4, 0, 0, -420);
	DATE("Tue, 10 Jun 2003 04:00:00 UT", 2003, 6, 10, 4, 0, 0, 0);
	DATE("Tue, 10 Jun 2003 04:00:00 UTC", 2003, 6, 10, 4, 0, 0, 0);
	DATE("Tue, 10 Jun 2003 04:00:00 Z", 2003, 6, 10, 4, 0, 0, 0);
	DATE("Tue, 10 Jun 2003 04:00:00 +05:30", 2003, 6, 10, 4, 0, 0, 330);
	/* military zones as RFC 822 defines them */
	DATE("Tue, 10 Jun 2003 04:00:00 A", 2003, 6, 10, 4, 0, 0, -60);
	DATE("Tue, 10 Jun 2003 04:00:00 M", 2003, 6, 10, 4, 0, 0, -720);
	DATE("Tue, 10 Jun 2003 04:00:00 N", 2003, 6, 10, 4, 0, 0, 60);
	DATE("Tue, 10 Jun 2003 04:00:00 Y", 2003, 6, 10, 4, 0, 0, 720);
	DATE("Tue, 10 Jun 2003 04:00:00 K", 2003, 6, 10, 4, 0, 0, -600);
	NODATE("Tue, 10 Jun 2003 04:00:00 J");
	/* no seconds, no weekday, no zone, two-digit years, odd case and spacing */
	DATE("Sat, 07 Sep 2002 00:01 GMT", 2002, 9, 7, 0, 1, 0, 0);
	DATE("07 Sep 2002 00:00:01 GMT", 2002, 9, 7, 0, 0, 1, 0);
	DATE("Sat, 07 Sep 2002 00:00:01", 2002, 9, 7, 0, 0, 1, 0);
	DATE("Sat, 07 Sep 02 00:00:01 GMT", 2002, 9, 7, 0, 0, 1, 0);
	DATE("Thu, 01 Jan 98 12:00:00 GMT", 1998, 1, 1, 12, 0, 0, 0);
	DATE("sat, 07 SEP 2002 00:00:01 gmt", 2002, 9, 7, 0, 0, 1, 0);
	DATE("  Sat,07   Sep  2002   00:00:01   GMT  ", 2002, 9, 7, 0, 0, 1, 0);
	DATE("Saturday, 07 September 2002 00:00:01 GMT", 2002, 9, 7, 0, 0, 1, 0);
	DATE("Sat, 07 Sept 2002 00:00:01 GMT", 2002, 9, 7, 0, 0, 1, 0);
	DATE("7 Sep 2002", 2002, 9, 7, 0, 0, 0, 0);
	DATE("Sat, 07 Sep 2002 00:00:01 GMT+0200", 2002, 9, 7, 0, 0, 1, 120);
	DATE("Sat, 07 Sep 2002 11:30 PM EST", 2002, 9, 7, 23, 30, 0, -300);
	DATE("Wed, 19 Mar 2008 12:00:00 +0000 (UTC)", 2008, 3, 19, 12, 0, 0, 0);
	DATE("Mon, 29 Sep 2008 08:47:21 -0500 CDT", 2008, 9, 29, 8, 47, 21, -300);
	DATE("Thurs, 02 Oct 2008 10:00:00 GMT", 2008, 10, 2, 10, 0, 0, 0);
	DATE("Tues, 07 October 2008 10:00:00 GMT", 2008, 10, 7, 10, 0, 0, 0);
	/* RFC 850 and asctime */
	DATE("Sunday, 06-Nov-94 08:49:37 GMT", 1994, 11, 6, 8, 49, 37, 0);
	DATE("Sun Nov  6 08:49:37 1994", 1994, 11, 6, 8, 49, 37, 0);
	DATE("Sun Nov 6 08:49:37 1994 GMT", 1994, 11, 6, 8, 49, 37, 0);
	/* ISO 8601 / RFC 3339 / W3CDTF */
	DATE("2003-12-31T10:14:55Z", 2003, 12, 31, 10, 14, 55, 0);
	DATE("2003-12-31T10:14:55-08:00", 2003, 12, 31, 10, 14, 55, -480);
	DATE("2003-12-31T10:14:55+0130", 2003, 12, 31, 10, 14, 55, 90);
	DATE("2003-12-31T10:14:55.123456+01:00", 2003, 12, 31, 10, 14, 55, 60);
	DATE("2003-12-31t10:14:55z", 2003, 12, 31, 10, 14, 55, 0);
	DATE("2003-12-31 10:14:55", 2003, 12, 31, 10, 14, 55, 0);
	DATE("2003-12-31 10:14:55 +02:00", 2003, 12, 31, 10, 14, 55, 120);
	DATE("2003-12-31T10:14Z", 2003, 12, 31, 10, 14, 0, 0);
	DATE("2003-12-31", 2003, 12, 31, 0, 0, 0, 0);
	DATE("2003-12", 2003, 12, 1, 0, 0, 0, 0);
	DATE("2003", 2003, 1, 1, 0, 0, 0, 0);
	DATE("20031231T101455Z", 2003, 12, 31, 10, 14, 55, 0);
	DATE("20031231", 2003, 12, 31, 0, 0, 0, 0);
	DATE("2003-335", 2003, 12, 1, 0, 0, 0, 0);
	DATE("2004-060T12:00:00Z", 2004, 2, 29, 12, 0, 0, 0);
	NODATE("2003-366");
	DATE("2004-02-29T00:00:00Z", 2004, 2, 29, 0, 0, 0, 0);
	DATE("2000-02-29", 2000, 2, 29, 0, 0, 0, 0);
	DATE("1969-07-20T20:17:40Z", 1969, 7, 20, 20, 17, 40, 0);
	/* never a wrong date */
	NODATE("2003-02-30");
	NODATE("1900-02-29");
	NODATE("2003-13-01");
	NODATE("2003-12-31T25:00:00Z");
	NODATE("2003-12-31T10:61:00Z");
	/* ISO 8601 reduced forms with two-digit years (this century, as feedparser) */
	DATE("031231", 2003, 12, 31, 0, 0, 0, 0);
	DATE("03-12-31", 2003, 12, 31, 0, 0, 0, 0);
	DATE("03335", 2003, 12, 1, 0, 0, 0, 0);
	DATE("03-335", 2003, 12, 1, 0, 0, 0, 0);
	DATE("031231T10:14:55Z", 2003, 12, 31, 10, 14, 55, 0);
	/* zones: Atlantic "AT", the tz database's Etc/GMT */
	DATE("Thu, 01 Jan 2004 19:48:21 AT", 2004, 1, 1, 19, 48, 21, -240);
	DATE("Thu, 01 Jan 2004 19:48:21 Etc/GMT", 2004, 1, 1, 19, 48, 21, 0);
	/* other languages */
	DATE("Κυρ, 11 Ιούλ 2004 12:00:00 EST", 2004, 7, 11, 12, 0, 0, -300);
	DATE("2004-július-13T9:15-05:00", 2004, 7, 13, 9, 15, 0, -300);
	DATE("2004-05-25 오후 11:23:17", 2004, 5, 25, 23, 23, 17, 540);
	DATE("2004-05-25 오전 11:23:17", 2004, 5, 25, 11, 23, 17, 540);
	DATE("2004년 05월 28일 01:31:15", 2004, 5, 28, 1, 31, 15, 540);
	NODATE("Sat, 30 Feb 2002 00:00:01 GMT");
	NODATE("Sat, 07 Sep 2002 25:00:01 GMT");
	NODATE("Sat, 07 Foo 2002 00:00:01 GMT");
	NODATE("Sat, 07 Sep 2002 00:00:01 XYZ");
	NODATE("Sat, 32 Sep 2002");
	NODATE("yesterday");
	NODATE("");
	NODATE("   ");
	NODATE(NULL);
	NODATE("2003-12-31T10:14:55+99:00");
	NODATE("12/31/2003");
	NODATE("2003-12-31T10");
	return CHECK_DONE();
}
