#!/bin/sh
# Benchmark: crier --parse on a generated ~50 MB news feed (tests/bench/gen_feed.py)
# against xmllint --stream (the libxml2 reader doing nothing but parse) in the same run.
# Prints both rates in MB/s, the ratio of crier's time to xmllint's (target <= 1.2) and
# crier's peak RSS (target < 32 MB); then the same for a JSON Feed of the same size
# against jq (or Python's json).
# Run by hand from a build directory: sh ../tests/bench/parse.sh [./crier] [runs]
# (FORMAT=atom for an Atom feed, FEED_SIZE=10M for a smaller one.)
set -eu
CRIER=${1:-./crier}
RUNS=${2:-5}
[ -x "$CRIER" ] || { echo "usage: $0 [path/to/crier] [runs]" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint is needed (apt-get install libxml2-utils)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/crier-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
BIG=$TMP/big.xml

# ~50 MB of items like a news site's (2-9 KB of HTML each: figures with srcset and
# captions, quotes, lists, entities, non-ASCII text, content:encoded, Media RSS credits),
# from the generator refresh.sh uses too. FORMAT=atom measures the Atom form instead.
HERE=$(cd "$(dirname "$0")" && pwd)
FORMAT=${FORMAT:-rss}
python3 "$HERE/gen_feed.py" --format "$FORMAT" --bytes "${FEED_SIZE:-50M}" -o "$BIG"
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

# The same news items as a JSON Feed of about the same size, against a JSON reader doing
# nothing but parse in the same run: jq -c . (Debian's jq), else Python's json module.
JSON=$TMP/big.json
python3 "$HERE/gen_feed.py" --format json --bytes "${FEED_SIZE:-50M}" -o "$JSON"
JMB=$(awk -v s="$(wc -c < "$JSON")" 'BEGIN { printf "%.1f", s / 1048576 }')
set -- $(median_time "$CRIER" --parse "$JSON"); T_JSON=$1; C_JSON=$2
if command -v jq >/dev/null; then
	JREF="jq -c ."
	set -- $(median_time jq -c . "$JSON"); T_JREF=$1; C_JREF=$2
else
	JREF="python3 json.load"
	set -- $(median_time python3 -c 'import json, sys; json.load(sys.stdin.buffer)' < "$JSON")
	T_JREF=$1; C_JREF=$2
fi
if [ -x /usr/bin/time ]; then
	JRSS_KB=$(/usr/bin/time -f %M "$CRIER" --parse "$JSON" 2>&1 >/dev/null | tail -1)
	if [ "$JREF" = "jq -c ." ]; then
		JREF_KB=$(/usr/bin/time -f %M jq -c . "$JSON" 2>&1 >/dev/null | tail -1)
	else
		JREF_KB=$(/usr/bin/time -f %M python3 -c 'import json, sys; json.load(sys.stdin.buffer)' \
			< "$JSON" 2>&1 >/dev/null | tail -1)
	fi
else
	JRSS_KB=0 JREF_KB=0
fi

awk -v mb="$MB" -v tc="$T_CRIER" -v tx="$T_XMLLINT" -v cc="$C_CRIER" -v cx="$C_XMLLINT" \
    -v rss="$RSS_KB" -v items="$ITEMS" -v runs="$RUNS" -v jmb="$JMB" -v tj="$T_JSON" \
    -v cj="$C_JSON" -v jrss="$JRSS_KB" -v jref="$JREF" -v tjr="$T_JREF" -v cjr="$C_JREF" \
    -v jrefrss="$JREF_KB" 'BEGIN {
	printf "feed: %s MB, %d items; median of %d runs each\n", mb, items, runs
	printf "crier --parse:            %.3f s  %6.1f MB/s  (CPU %.3f s)\n", tc, mb / tc, cc
	printf "xmllint --stream --noout: %.3f s  %6.1f MB/s  (CPU %.3f s)\n", tx, mb / tx, cx
	printf "ratio crier/xmllint:      %.2f wall, %.2f CPU (target <= 1.2)\n", tc / tx, cc / cx
	printf "crier peak RSS:           %.1f MB (target < 32)\n", rss / 1024
	printf "JSON Feed, %s MB:\n", jmb
	printf "crier --parse:            %.3f s  %6.1f MB/s  (CPU %.3f s), peak RSS %.1f MB\n", tj, jmb / tj, cj, jrss / 1024
	printf "%-25s %.3f s  %6.1f MB/s  (CPU %.3f s), peak RSS %.1f MB\n", jref ":", tjr, jmb / tjr, cjr, jrefrss / 1024
	printf "ratio crier/%s:   %.2f wall, %.2f CPU\n", jref, tj / tjr, cj / cjr
}'
