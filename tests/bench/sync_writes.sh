#!/usr/bin/env bash
# sync_writes.sh: how long a write of the reader (a mark, a flag) waits for the cache's
# write lock while `crier -x sync` takes STORIES stories from a live Tiny Tiny RSS. A
# second connection takes the write lock (BEGIN IMMEDIATE; COMMIT) again and again during
# the sync and records each wait; the same with the server stopped (SIGSTOP) for PAUSE
# seconds between two pages; and a second sync (the state pass). Prints the waits'
# median, 95th percentile and maximum.
#
# Usage: tests/bench/sync_writes.sh [PATH/TO/crier]     (run by hand, not by make check)
# Environment: STORIES (3000), PAUSE (3), CMD (sync; reload for a crier without -x sync). Needs what tests/ttrss_lib.sh needs, and sqlite3.
set -uo pipefail
CRIER=${1:-${CRIER:-./crier}}
CRIER=$(cd "$(dirname "$CRIER")" && pwd)/$(basename "$CRIER")
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
STORIES=${STORIES:-3000}
PAUSE=${PAUSE:-3}
CMD=${CMD:-sync}
[ -x "$CRIER" ] || { echo "sync_writes.sh: no crier at $CRIER (give its path)" >&2; exit 2; }
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss_lib.sh"
tt_need
tt_start

BODY='<p>The lock keeper at Marrow Weir opened the upper gate at dawn for the grain barges.</p><p>By noon the towpath was busy with walkers and the lock cottage sold out of pies.</p>'
tt_sql "INSERT INTO ttrss_feeds (id, owner_uid, title, feed_url)
	VALUES (101, $TT_UID, 'Weir Notes', 'http://weir.example/feed.xml')" >/dev/null
tt_sql "INSERT INTO ttrss_entries (id, title, guid, link, updated, content, content_hash,
		no_orig_date, date_entered, date_updated, num_comments, comments, author)
	SELECT g, 'Weir story ' || g, 'weir-' || g, 'http://weir.example/story/' || g,
		TIMESTAMP '2026-01-01' + g * INTERVAL '1 minute', '$BODY', 'h' || g,
		false, NOW(), NOW(), 0, '', 'Ada Reporter'
	FROM generate_series(1, $STORIES) g;
	INSERT INTO ttrss_user_entries (ref_id, feed_id, owner_uid, unread, marked, published,
		tag_cache, label_cache, score, uuid)
	SELECT g, 101, $TT_UID, true, false, false, '', '', 0, ''
	FROM generate_series(1, $STORIES) g;" >/dev/null
tt_config "$T_TMP/config"
CACHE=$T_TMP/cache.db

# writes_during: the lock waits (ms, one a line) of writes made while the sync runs
writes_during() { # PID
	python3 - "$CACHE" "$1" <<'EOF'
import os, sqlite3, sys, time
path, pid = sys.argv[1], int(sys.argv[2])
while not os.path.exists(path):
    time.sleep(0.01)
db = sqlite3.connect(path, timeout=20, isolation_level=None)
while True:
    try:
        os.kill(pid, 0)
    except OSError:
        break
    t = time.monotonic()
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("COMMIT")
        print("%.1f" % ((time.monotonic() - t) * 1e3), flush=True)
    except sqlite3.OperationalError as e:
        print("%.1f busy" % ((time.monotonic() - t) * 1e3), flush=True)
    time.sleep(0.02)
EOF
}
summary() { # NAME FILE
	sort -n "$2" | awk -v name="$1" '{v[NR]=$1} /busy/ {b++} END {
		p = int(NR * 0.95) + 1; if (p > NR) p = NR
		printf "%-34s %5d writes: median %7.1f ms, p95 %7.1f ms, max %7.1f ms, failed %d\n",
			name, NR, v[int((NR+1)/2)], v[p], v[NR], b + 0}'
}

# 1. a first sync (a fresh cache), the server answering as fast as it can
rm -f "$CACHE"*
"$CRIER" -C "$T_TMP/config" -c "$CACHE" -x "$CMD" >"$T_TMP/out1" 2>&1 &
pid=$!
writes_during $pid >"$T_TMP/w1"
wait $pid
tail -n 1 "$T_TMP/out1"
# 2. the same, the server stopped for PAUSE seconds once the first page is stored
rm -f "$CACHE"*
"$CRIER" -C "$T_TMP/config" -c "$CACHE" -x "$CMD" >"$T_TMP/out2" 2>&1 &
pid=$!
( until [ -f "$CACHE" ] && [ "$(sqlite3 "$CACHE" 'SELECT COUNT(*) FROM items' 2>/dev/null || echo 0)" -gt 0 ]; do
	sleep 0.05; done
  kill -STOP "$TT_PHP_PID"; sleep "$PAUSE"; kill -CONT "$TT_PHP_PID" ) &
writes_during $pid >"$T_TMP/w2"
wait $pid
tail -n 1 "$T_TMP/out2"
# 3. a second sync of the same cache: no new story, the server's read and flag state
#    for all of them (one transaction), a third of them read there meanwhile
tt_sql "UPDATE ttrss_user_entries SET unread = false WHERE ref_id % 3 = 0" >/dev/null
"$CRIER" -C "$T_TMP/config" -c "$CACHE" -x "$CMD" >"$T_TMP/out3" 2>&1 &
pid=$!
writes_during $pid >"$T_TMP/w3"
wait $pid
tail -n 1 "$T_TMP/out3"
echo "stories: $STORIES; load: $(uptime | sed 's/.*load average: //')"
summary "sync, server answering" "$T_TMP/w1"
summary "sync, server stopped ${PAUSE} s mid-sync" "$T_TMP/w2"
summary "second sync (state of every story)" "$T_TMP/w3"
