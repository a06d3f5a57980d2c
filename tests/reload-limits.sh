#!/bin/sh
# crier -x reload under limits: a stalled server, a body past the cap, 100 feeds with the
# per-host limit, and kill -9 in the middle of a reload.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/feedgen.sh"

W=$T_TMP/www
mkdir -p "$W"
i=1
while [ $i -le 100 ]; do rss_feed "$W/f$i.xml" "parish$i" 5; i=$((i + 1)); done
start_server "$W"
U=$SERVER_URL
URLS=$T_TMP/urls
CACHE=$T_TMP/cache.db

# A stalled server times out; the other feeds are stored.
cat >"$URLS" <<EOF
$U/stall/f1.xml
$U/stall-body/f2.xml
$U/f3.xml
$U/huge/4
$U/huge/4?nolength
EOF
start=$(date +%s)
printf '# short limits, as a user would set them\ndownload_timeout 2\nlow_speed_time 1\nmax_download_size 1048576\n' >"$T_TMP/config"
out=$(t_crier -C "$T_TMP/config" -x reload 2>"$T_TMP/err"); rc=$?
took=$(($(date +%s) - start))
err=$(cat "$T_TMP/err")
t_eq "$rc" 1 "timeouts and caps make the reload exit 1"
t_eq "$out" "crier: 5 feeds, 5 new items, 4 failed" "the healthy feed is stored"
t_has "$err" "$U/stall/f1.xml: timed out" "a silent server times out"
t_has "$err" "$U/stall-body/f2.xml: timed out" "a stalled body times out"
t_has "$err" "$U/huge/4: larger than the limit of 1048576 bytes" "a body past the cap is refused"
t_has "$err" "$U/huge/4?nolength: larger than the limit of 1048576 bytes" "a body past the cap without a length is refused"
[ "$took" -le 6 ] && t_pass "the limits held ($took s)" || t_fail "the reload took $took s"
t_eq "$(sql "$CACHE" "SELECT COUNT(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE '%huge%'")" 0 "nothing of a body past the cap is stored"

# A 12 MB feed: every item stored, in the feed's order, and memory stays flat (the items
# wait on disk, not in memory, until the transfer has ended): its reload's peak RSS
# grows by less than 3/4 of the feed's size over a 5-item feed's reload in this same
# build. Held in memory, its items alone would add more than the feed's size. The
# sanitizer's quarantine (which keeps freed memory) is turned off for these two runs.
python3 - "$W/big.xml" <<'PY'
import sys
words = ["alder", "brook", "cinder", "dune", "ember", "fjord", "gale", "heath", "isle"]
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Almanac of the Fens</title>\n')
    for i in range(3000):
        body = " ".join(words[(i * 7 + k) % 9] for k in range(700))
        f.write("<item><title>Almanac entry %d</title><guid>fen-%d</guid><description>%s</description></item>\n" % (i, i, body))
    f.write("</channel></rss>\n")
PY
peak_kb() { # URL CACHE: peak RSS of a reload of that one feed, in KB
	echo "$1" >"$T_TMP/urls-one"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0" \
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$CRIER" -u "$T_TMP/urls-one" -c "$2" -x reload
}
small=$(peak_kb "$U/f1.xml" "$T_TMP/small.db")
big=$(peak_kb "$U/big.xml" "$T_TMP/big.db")
size=$(wc -c <"$W/big.xml")
t_eq "$("$CRIER" -c "$T_TMP/big.db" -x print-unread)" "3000 unread articles" "every item of a 12 MB feed is stored"
t_eq "$(sql "$T_TMP/big.db" "SELECT title FROM items ORDER BY id DESC LIMIT 1")" "Almanac entry 0" "a big feed keeps its order"
growth=$((big - small))
if [ "$growth" -lt $((size / 1024 * 3 / 4)) ]; then
	t_pass "a $((size / 1000000)) MB feed adds $((growth / 1024)) MB to the peak RSS ($((small / 1024)) MB -> $((big / 1024)) MB)"
else
	t_fail "a $((size / 1000000)) MB feed adds $((growth / 1024)) MB to the peak RSS ($((small / 1024)) MB -> $((big / 1024)) MB)"
fi

# A reload dropped mid-way (the interface quitting): the finished feed is stored, the
# stalled one cancelled, nothing left on the fetcher.
out=$("$top_builddir/tests/reload_cancel" "$T_TMP/cancel.db" "$U/f7.xml" "$U/stall/f8.xml")
t_has "$out" "done $U/f7.xml ok" "a finished feed is reported"
t_has "$out" "pending 1" "the stalled feed is still running"
t_has "$out" "transfers left 0" "dropping the reload cancels its transfers"
t_eq "$(sql "$T_TMP/cancel.db" "SELECT COUNT(*) FROM items")" 5 "the finished feed is stored"

# 100 feeds in one reload, at most 3 at once to the one host (max_per_host 3).
: >"$URLS"
i=1
while [ $i -le 100 ]; do echo "$U/delay/40/f$i.xml" >>"$URLS"; i=$((i + 1)); done
rm -f "$CACHE"*
server_get /__reset >/dev/null
echo "max_per_host 3" >"$T_TMP/config"
out=$(t_crier -C "$T_TMP/config" -x reload 2>&1); rc=$?
t_eq "$rc" 0 "100 feeds reload"
t_eq "$out" "crier: 100 feeds, 500 new items, 0 failed" "100 feeds, every item stored"
max=$(server_stat max_requests)
t_eq "$max" 3 "the server never saw more than 3 requests at once"
t_eq "$(t_crier -x print-unread)" "500 unread articles" "print-unread after 100 feeds"

# kill -9 in the middle: the cache is whole and no feed is half written.
rm -f "$CACHE"*
: >"$URLS"
i=1
while [ $i -le 100 ]; do echo "$U/delay/$((i * 15))/f$i.xml" >>"$URLS"; i=$((i + 1)); done
echo "max_per_host 16" >"$T_TMP/config"
"$CRIER" -u "$URLS" -c "$CACHE" -C "$T_TMP/config" -x reload >/dev/null 2>&1 &
pid=$!
# The kill comes once some feed is in the cache (the last answers only after 1.5 s).
i=0
while [ $i -lt 200 ]; do
	done_now=$( [ -s "$CACHE" ] && sql "$CACHE" "SELECT COUNT(*) FROM feeds WHERE last_fetch IS NOT NULL" 2>/dev/null)
	[ "${done_now:-0}" -gt 0 ] && break
	sleep 0.05
	i=$((i + 1))
done
# The sqlite3 shell above came and went while crier wrote: it must not have taken the
# cache for unused and deleted its WAL (crier once dropped its own locks by opening and
# closing the file for a second connection; its later commits were then lost to a kill).
[ -e "$CACHE-wal" ] && t_pass "the cache's WAL is still there after a reader closed" \
	|| t_fail "a reader closing deleted the WAL of a cache crier was writing"
kill -9 $pid 2>/dev/null && t_pass "the reload was still running at the kill" || t_fail "the reload had ended before the kill"
wait $pid 2>/dev/null
t_eq "$(sql "$CACHE" "PRAGMA integrity_check")" ok "the cache passes integrity_check after kill -9"
stored=$(sql "$CACHE" "SELECT COUNT(*) FROM feeds WHERE last_fetch IS NOT NULL")
[ "$stored" -gt 0 ] && [ "$stored" -lt 100 ] && t_pass "the kill came mid-reload ($stored feeds done)" || t_fail "the kill did not come mid-reload ($stored feeds done)"
[ "$stored" -ge "$done_now" ] && t_pass "every feed a reader saw stored is still there ($done_now <= $stored)" \
	|| t_fail "feeds a reader saw stored were lost at the kill ($done_now seen, $stored left)"
half=$(sql "$CACHE" "SELECT COUNT(*) FROM (SELECT f.id, COUNT(i.id) AS n FROM feeds f LEFT JOIN items i ON i.feed_id = f.id GROUP BY f.id) WHERE n NOT IN (0, 5)")
t_eq "$half" 0 "no feed is half written"
t_eq "$(sql "$CACHE" "SELECT SUM(unread_count) FROM feeds")" "$(sql "$CACHE" "SELECT COUNT(*) FROM items WHERE unread = 1")" "the unread counts match the items after kill -9"
out=$(t_crier -x reload 2>&1)
t_eq "$out" "crier: 100 feeds, $((500 - stored * 5)) new items, 0 failed" "the next reload completes the rest"
t_done
