#!/bin/sh
# Benchmark: crier --parse on a generated ~50 MB RSS feed against xmllint --stream (the
# libxml2 reader doing nothing but parse) in the same run. Prints both rates in MB/s, the
# ratio of crier's time to xmllint's (target <= 1.5) and crier's peak RSS (target < 32 MB).
# Run by hand from a build directory: sh ../tests/bench/parse.sh [./crier] [runs]
set -eu
CRIER=${1:-./crier}
RUNS=${2:-5}
[ -x "$CRIER" ] || { echo "usage: $0 [path/to/crier] [runs]" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint is needed (apt-get install libxml2-utils)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/crier-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
BIG=$TMP/big.xml

# ~50 MB: 32,000 items like a busy news site's, with escaped HTML, media and enclosures.
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"
	print "<channel><title>The Bench Valley Courier</title><link>https://courier.example/</link>"
	print "<atom:link rel=\"self\" href=\"https://courier.example/feed\"/><description>Everything from the valley</description><language>en</language>"
	para = "&lt;p&gt;The council of Bench Valley met on Tuesday to discuss the new footbridge over the Larrow, which residents say has been &lt;a href=&quot;https://courier.example/bridge&quot;&gt;promised since 1998&lt;/a&gt; &amp;amp; never delivered. &lt;em&gt;Councillor Odile Marsh&lt;/em&gt; said the budget was in place.&lt;/p&gt;"
	for (i = 0; i < 32000; i++) {
		printf "<item><title>Footbridge plan number %d approved after long debate</title>\n", i
		printf "<link>https://courier.example/news/%d</link><guid isPermaLink=\"true\">https://courier.example/news/%d</guid>\n", i, i
		printf "<pubDate>Tue, %02d Mar 2024 %02d:%02d:00 +0000</pubDate><dc:creator>Reporter %d</dc:creator>\n", i % 28 + 1, i % 24, i % 60, i % 50
		printf "<category>Local</category><category>Council</category>\n"
		printf "<description>%s%s</description>\n", para, para
		printf "<content:encoded><![CDATA[<p>Full story %d.</p><figure><img src=\"/img/%d.jpg\" alt=\"The river\"/><figcaption>The Larrow at dusk</figcaption></figure><p>More text about the bridge and the people who cross the river each morning on their way to the market.</p>]]></content:encoded>\n", i, i
		printf "<media:content url=\"https://courier.example/img/%d.jpg\" type=\"image/jpeg\"><media:description>The Larrow at dusk, seen from the old mill</media:description><media:credit>Pia Lund/Courier</media:credit></media:content>\n", i
		printf "<enclosure url=\"https://courier.example/audio/%d.mp3\" length=\"%d\" type=\"audio/mpeg\"/></item>\n", i, i * 100
	}
	print "</channel></rss>"
}' > "$BIG"
SIZE=$(wc -c < "$BIG")
MB=$(awk -v s="$SIZE" 'BEGIN { printf "%.1f", s / 1048576 }')

# median_time CMD...: median over RUNS of the wall time and of the CPU time (user +
# system; steadier than wall time on a shared machine). Prints "WALL CPU".
median_time() {
	i=0
	: > "$TMP/wall"; : > "$TMP/cpu"
	while [ $i -lt "$RUNS" ]; do
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" > /dev/null
			awk '{ print $1 > "'"$TMP/wall"'.1"; printf "%.3f\n", $2 + $3 > "'"$TMP/cpu"'.1" }' "$TMP/t"
			cat "$TMP/wall.1" >> "$TMP/wall"; cat "$TMP/cpu.1" >> "$TMP/cpu"
		else
			t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
			awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >> "$TMP/wall"
			awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >> "$TMP/cpu"
		fi
		i=$((i + 1))
	done
	med() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	echo "$(med "$TMP/wall") $(med "$TMP/cpu")"
}

"$CRIER" --parse "$BIG" > "$TMP/out.jsonl"
ITEMS=$(grep -c '"kind":"item"' "$TMP/out.jsonl")
set -- $(median_time "$CRIER" --parse "$BIG"); T_CRIER=$1; C_CRIER=$2
set -- $(median_time xmllint --stream --noout "$BIG"); T_XMLLINT=$1; C_XMLLINT=$2

if [ -x /usr/bin/time ]; then
	RSS_KB=$(/usr/bin/time -f %M "$CRIER" --parse "$BIG" 2>&1 >/dev/null | tail -1)
else
	# no GNU time: poll VmHWM while it runs
	"$CRIER" --parse "$BIG" > /dev/null & pid=$!
	RSS_KB=0
	while kill -0 $pid 2>/dev/null; do
		v=$(awk '/VmHWM/ { print $2 }' /proc/$pid/status 2>/dev/null || true)
		[ -n "$v" ] && RSS_KB=$v
		sleep 0.05
	done
fi

awk -v mb="$MB" -v tc="$T_CRIER" -v tx="$T_XMLLINT" -v cc="$C_CRIER" -v cx="$C_XMLLINT" \
    -v rss="$RSS_KB" -v items="$ITEMS" -v runs="$RUNS" 'BEGIN {
	printf "feed: %s MB, %d items; median of %d runs each\n", mb, items, runs
	printf "crier --parse:            %.3f s  %6.1f MB/s  (CPU %.3f s)\n", tc, mb / tc, cc
	printf "xmllint --stream --noout: %.3f s  %6.1f MB/s  (CPU %.3f s)\n", tx, mb / tx, cx
	printf "ratio crier/xmllint:      %.2f wall, %.2f CPU (target <= 1.5)\n", tc / tx, cc / cx
	printf "crier peak RSS:           %.1f MB (target < 32)\n", rss / 1024
}'
