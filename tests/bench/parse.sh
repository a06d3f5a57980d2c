#!/bin/sh
# Benchmark: crier --parse on a generated ~50 MB news feed (tests/bench/gen_feed.py)
# against xmllint --stream (the libxml2 reader doing nothing but parse) in the same run;
# then the same for a JSON Feed of the same size against jq (or Python's json).
# Prints wall and CPU time of each (medians), crier's ratio to the reference (target
# <= 1.2) with its spread over the rounds, and crier's peak RSS (target < 32 MB); and the
# fixed cost of a run (both programs on a one-item feed).
# Run by hand from a build directory: sh ../tests/bench/parse.sh [./crier] [rounds]
# (FORMAT=atom for an Atom feed, FEED_SIZE=10M for a smaller one.)
#
# How it measures: each round runs crier once and the reference once, in alternating
# order (so a burst of load on a shared machine falls on both), after one untimed run
# of each to warm the page cache. CPU time is the child's own user + system time from
# wait4 (microseconds, not /usr/bin/time's 10 ms), wall time from a monotonic clock.
# The ratio is taken per round and its median printed with the lowest and highest.
set -eu
CRIER=${1:-./crier}
ROUNDS=${2:-21}
# the JSON Feed runs take 5x longer and have no target: fewer rounds
JROUNDS=$(( ROUNDS / 4 > 3 ? ROUNDS / 4 : 3 ))
[ -x "$CRIER" ] || { echo "usage: $0 [path/to/crier] [rounds]" >&2; exit 2; }
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
JSON=$TMP/big.json
python3 "$HERE/gen_feed.py" --format json --bytes "${FEED_SIZE:-50M}" -o "$JSON"

"$CRIER" --parse "$BIG" > "$TMP/out.jsonl"
ITEMS=$(grep -c '"kind":"item"' "$TMP/out.jsonl")
if command -v jq >/dev/null; then
	JREF="jq -c ."
	set -- jq -c . "$JSON"
else
	JREF="python3 json.load"
	set -- python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$JSON"
fi

# compare.py ROUNDS LABEL NAME_A NAME_B -- CMD_A... ';;' CMD_B...
cat > "$TMP/compare.py" <<'EOF'
import os, statistics, sys, time
rounds, label, name_a, name_b = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rest = sys.argv[sys.argv.index("--") + 1:]
cut = rest.index(";;")
cmds = [rest[:cut], rest[cut + 1:]]
null = os.open(os.devnull, os.O_WRONLY)

def run(cmd):
    """(wall s, CPU s, peak RSS KB) of one run of cmd, its output thrown away"""
    t = time.monotonic()
    # posix_spawn, not fork: a forked Python's page-table copy and faults would count
    # as the child's CPU (~10 ms a run)
    pid = os.posix_spawnp(cmd[0], cmd, os.environ,
                          file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("parse.sh: %s failed (%s)" % (" ".join(cmd), status))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss

# One untimed run of each first (page cache), which also gives the peak RSS: through
# GNU time, as a child spawned from here counts Python's ~11 MB too (the memory it had
# until its exec); without GNU time that figure is printed, as an upper bound.
def peak_rss(cmd):
    out = os.path.join(os.environ["TMP"], "rss")
    if os.access("/usr/bin/time", os.X_OK):
        run(["/usr/bin/time", "-f", "%M", "-o", out] + cmd)
        with open(out) as f:
            return int(f.read().split()[-1]), ""
    return run(cmd)[2], " or less"
rss = [peak_rss(c) for c in cmds]
res = [[], []]
for r in range(rounds):
    order = (0, 1) if r % 2 == 0 else (1, 0)
    for i in order:
        res[i].append(run(cmds[i]))
load = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"
med = lambda v: statistics.median(v)
print("%s (median of %d alternating rounds, load %s):" % (label, rounds, load))
for name, r, (kb, bound) in ((name_a, res[0], rss[0]), (name_b, res[1], rss[1])):
    print("  %-26s wall %7.1f ms  CPU %7.1f ms (user+sys)  peak RSS %5.1f MB%s" %
          (name + ":", med(x[0] for x in r) * 1e3, med(x[1] for x in r) * 1e3, kb / 1024, bound))
# The minima are the runs the other load disturbed least; the per-round ratios show the
# spread (both sides of a round saw about the same load).
for what, k in (("wall", 0), ("CPU", 1)):
    per = sorted(a[k] / b[k] for a, b in zip(res[0], res[1]))
    print("  ratio %-4s %.3f of medians, %.3f of minima; per round %.3f (%.3f to %.3f)" %
          (what + ":", med(x[k] for x in res[0]) / med(x[k] for x in res[1]),
           min(x[k] for x in res[0]) / min(x[k] for x in res[1]), med(per), per[0], per[-1]))
EOF

MB=$(awk -v s="$(wc -c < "$BIG")" 'BEGIN { printf "%.1f", s / 1048576 }')
JMB=$(awk -v s="$(wc -c < "$JSON")" 'BEGIN { printf "%.1f", s / 1048576 }')
echo "feed: $MB MB, $ITEMS items ($FORMAT); JSON Feed $JMB MB; target: crier <= 1.2 x the reference, peak RSS < 32 MB"
TMP=$TMP python3 "$TMP/compare.py" "$ROUNDS" "$FORMAT feed, $MB MB" "crier --parse" "xmllint --stream --noout" \
	-- "$CRIER" --parse "$BIG" ';;' xmllint --stream --noout "$BIG"
# The fixed cost a run pays whatever the feed's size (loading libraries, start-up): the
# same two programs on a one-item feed.
printf '%s\n' '<?xml version="1.0"?><rss version="2.0"><channel><title>One</title>' \
	'<item><title>Only story</title><link>http://example.invalid/1</link></item></channel></rss>' > "$TMP/one.xml"
TMP=$TMP python3 "$TMP/compare.py" "$ROUNDS" "start-up: a one-item feed" "crier --parse" \
	"xmllint --stream --noout" -- "$CRIER" --parse "$TMP/one.xml" ';;' xmllint --stream --noout "$TMP/one.xml"
TMP=$TMP python3 "$TMP/compare.py" "$JROUNDS" "JSON Feed, $JMB MB" "crier --parse" "$JREF" \
	-- "$CRIER" --parse "$JSON" ';;' "$@"
