#!/usr/bin/env bash
# ttrss.sh: a first sync of 10k stories from a live Tiny Tiny RSS, against the same
# stories read directly from feeds (the same titles, links and text, as RSS files in a
# urls file) in the same run: wall time and peak RSS of each, and the ratios.
#
# Usage: tests/bench/ttrss.sh [PATH/TO/crier]      (run by hand, not by make check)
# Environment: STORIES (10000), FEEDS (20), RUNS (3). Needs what tests/ttrss_lib.sh needs.
set -uo pipefail
CRIER=${1:-${CRIER:-./crier}}
CRIER=$(cd "$(dirname "$CRIER")" && pwd)/$(basename "$CRIER")
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
STORIES=${STORIES:-10000}
FEEDS=${FEEDS:-20}
RUNS=${RUNS:-3}
[ -x "$CRIER" ] || { echo "ttrss.sh: no crier at $CRIER (give its path)" >&2; exit 2; }
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss_lib.sh"
tt_need
tt_start

# The stories: FEEDS feeds, STORIES stories, each a few paragraphs of original text.
BODY='<p>The tide came in over the causeway at noon, and the ferry from Tollmouth waited at the slip while the harbourmaster counted crates of salt fish onto the quay.</p><p>By evening the lamps along the sea wall were lit, and the fiddler from the Anchor played for the crews who had come in from the banks.</p><p>Next week the council meets to decide whether the old lighthouse keeper'"''"'s cottage becomes a reading room.</p>'
for f in $(seq 1 "$FEEDS"); do
	tt_sql "INSERT INTO ttrss_feeds (id, owner_uid, title, feed_url)
		VALUES ($((100 + f)), $TT_UID, 'Bench Feed $f', 'http://bench$f.example/feed.xml')" >/dev/null
done
tt_sql "INSERT INTO ttrss_entries (id, title, guid, link, updated, content, content_hash,
		no_orig_date, date_entered, date_updated, num_comments, comments, author)
	SELECT g, 'Bench story ' || g, 'bench-' || g, 'http://bench.example/story/' || g,
		TIMESTAMP '2026-01-01' + g * INTERVAL '1 minute', '$BODY', 'h' || g,
		false, NOW(), NOW(), 0, '', 'Ada Reporter'
	FROM generate_series(1, $STORIES) g;
	INSERT INTO ttrss_user_entries (ref_id, feed_id, owner_uid, unread, marked, published,
		tag_cache, label_cache, score, uuid)
	SELECT g, 101 + g % $FEEDS, $TT_UID, g % 3 <> 0, g % 50 = 0, false, '', '', 0, ''
	FROM generate_series(1, $STORIES) g;" >/dev/null

# The same stories as RSS files, one per feed, listed as file:// URLs.
mkdir -p "$T_TMP/feeds"
python3 - "$T_TMP/feeds" "$STORIES" "$FEEDS" "$(printf %s "$BODY" | sed "s/''/'/g")" <<'EOF'
import sys, html, datetime
d, n, nf, body = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
base = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
out = {f: [] for f in range(nf)}
for g in range(1, n + 1):
    t = (base + datetime.timedelta(minutes=g)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    out[g % nf].append("<item><title>Bench story %d</title><link>http://bench.example/story/%d</link>"
                       "<guid>bench-%d</guid><pubDate>%s</pubDate><author>Ada Reporter</author>"
                       "<description>%s</description></item>" % (g, g, g, t, html.escape(body)))
for f in range(nf):
    with open("%s/feed%d.xml" % (d, f + 1), "w") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                 "<title>Bench Feed %d</title><link>http://bench%d.example/</link>" % (f + 1, f + 1))
        fh.write("".join(out[f]))
        fh.write("</channel></rss>")
EOF
for f in $(seq 1 "$FEEDS"); do echo "file://$T_TMP/feeds/feed$f.xml"; done >"$T_TMP/urls"
tt_config "$T_TMP/config"

# run NAME ARGS...: one cold run (fresh cache); prints "seconds peak_kb"
run() {
	rm -f "$T_TMP/cache.db"*
	/usr/bin/time -f '%e %M %U %S' -o "$T_TMP/time" "$CRIER" -q -c "$T_TMP/cache.db" "$@" >/dev/null 2>"$T_TMP/err" ||
		{ echo "ttrss.sh: crier $* failed:" >&2; cat "$T_TMP/err" >&2; exit 1; }
	cat "$T_TMP/time"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
: >"$T_TMP/sync"; : >"$T_TMP/feeds.t"
for i in $(seq 1 "$RUNS"); do
	run -C "$T_TMP/config" -u "$T_TMP/urls" -x reload >>"$T_TMP/sync"
	n=$("$CRIER" -C "$T_TMP/config" -u "$T_TMP/urls" -c "$T_TMP/cache.db" -x print-unread)
	run -C /dev/null -u "$T_TMP/urls" -x reload >>"$T_TMP/feeds.t"
done
stored=$(sqlite3 "$T_TMP/cache.db" 'SELECT COUNT(*) FROM items' 2>/dev/null || echo "?")
st=$(cut -d' ' -f1 "$T_TMP/sync" | median); sm=$(cut -d' ' -f2 "$T_TMP/sync" | sort -n | tail -1)
ft=$(cut -d' ' -f1 "$T_TMP/feeds.t" | median); fm=$(cut -d' ' -f2 "$T_TMP/feeds.t" | sort -n | tail -1)
# crier's own CPU (user + system): the rest of a sync's wall time is the server's
sc=$(awk '{print $3 + $4}' "$T_TMP/sync" | median); fc=$(awk '{print $3 + $4}' "$T_TMP/feeds.t" | median)
echo "stories: $STORIES in $FEEDS feeds; runs: $RUNS; load: $(uptime | sed 's/.*load average: //')"
echo "sync from tt-rss (first sync, fresh cache): median ${st} s (crier CPU ${sc} s), peak RSS ${sm} kB  (server after sync: $n)"
echo "same stories from feed files (-x reload):    median ${ft} s (crier CPU ${fc} s), peak RSS ${fm} kB  (items stored: $stored)"
awk -v a="$st" -v b="$ft" -v c="$sm" -v d="$fm" -v e="$sc" -v f="$fc" 'BEGIN { printf "ratio sync/feeds: time %.2fx, crier CPU %.2fx, peak RSS %.2fx\n", a / b, e / f, c / d }'
