#!/usr/bin/env bash
# opml.sh: how long importing a big OPML file (crier -i) and loading the list it makes
# (crier -e, which reads the urls file) take, for N outlines and, as the reference in the
# same run, for N/10. Each entry is looked up in a hash set, so both grow linearly: the
# ratios should be near 10 (a list compared entry by entry gave ~100). Target: 100k
# outlines import and load in well under a second each (CPU time, user + system).
#
# Usage: tests/bench/opml.sh [PATH/TO/crier]     (run by hand, not by make check)
# Environment: BENCH_DIR (default /tmp/crier-bench-opml), N (100000).
set -euo pipefail
CRIER=${1:-${CRIER:-./crier}}
CRIER=$(cd "$(dirname "$CRIER")" && pwd)/$(basename "$CRIER")
DIR=${BENCH_DIR:-/tmp/crier-bench-opml}
N=${N:-100000}
[ -x "$CRIER" ] || { echo "opml.sh: no crier at $CRIER (give its path)" >&2; exit 2; }
rm -rf "$DIR"; mkdir -p "$DIR"

make_opml() { # count file
	awk -v n="$1" 'BEGIN {
		print "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
		for (i = 0; i < n; i++) {
			if (i % 1000 == 0) { if (i) print "</outline>"; printf "<outline text=\"Shelf %d\">\n", i / 1000 }
			printf "<outline type=\"rss\" text=\"Parish %d\" xmlUrl=\"https://p%d.example/rss\"/>\n", i, i
		}
		print "</outline></body></opml>" }' >"$2"
}
secs() { # command...: CPU seconds (user + system), which a loaded machine does not inflate
	local f=$DIR/time.$$
	/usr/bin/time -f '%U %S' -o "$f" "$@" >/dev/null
	awk '{printf "%.3f", $1 + $2}' "$f"
}
run() { # count -> "import load"
	local d=$DIR/$1
	mkdir -p "$d/home"
	make_opml "$1" "$d/feeds.opml"
	local imp load
	imp=$(secs env HOME="$d/home" XDG_CONFIG_HOME="$d/home" "$CRIER" -q -u "$d/urls" -i "$d/feeds.opml")
	[ "$(grep -c '^https' "$d/urls")" = "$1" ] || { echo "opml.sh: $d/urls lacks feeds" >&2; exit 1; }
	load=$(secs env HOME="$d/home" "$CRIER" -u "$d/urls" -e)
	echo "$imp $load"
}
echo "load: $(uptime)"
read -r ri rl < <(run $((N / 10)))
read -r ni nl < <(run "$N")
printf 'reference %6d outlines: import %ss, load %ss\n' $((N / 10)) "$ri" "$rl"
printf 'measured  %6d outlines: import %ss, load %ss\n' "$N" "$ni" "$nl"
awk -v a="$ni" -v b="$ri" -v c="$nl" -v d="$rl" 'BEGIN {
	printf "ratio (10x the outlines): import %.1f, load %.1f\n", a / (b > 0 ? b : 0.001), c / (d > 0 ? d : 0.001) }'
