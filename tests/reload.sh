#!/bin/sh
# crier -x reload and print-unread against the loopback server: what a user sees in the
# summary, on stderr, in the exit status and in the cache.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/feedgen.sh"

W=$T_TMP/www
mkdir -p "$W"
rss_feed "$W/quayside.xml" quayside 3
atom_feed "$W/towpath.atom" towpath 2
rss_feed "$W/bellfield.xml" bellfield 4
echo '<html><head><title>Down for maintenance</title></head><body>Back soon</body></html>' >"$W/broken.xml"
start_server "$W"
U=$SERVER_URL
URLS=$T_TMP/urls
CACHE=$T_TMP/cache.db

# No urls file: say how to add feeds.
out=$(t_crier -x reload 2>&1); rc=$?
t_eq "$rc" 1 "a missing urls file exits 1"
t_has "$out" "no feed list at $URLS" "a missing urls file is named"
t_has "$out" "crier -i" "a missing urls file says how to add feeds"

cat >"$URLS" <<EOF
# two feeds and lines crier does not run
$U/quayside.xml news "~Quayside Notes"
$U/towpath.atom walks
exec:/bin/sh -c 'touch $T_TMP/ran'
query:All unread:unread = "yes"
EOF

# First reload: everything new.
out=$(t_crier -x reload 2>"$T_TMP/err"); rc=$?
err=$(cat "$T_TMP/err")
t_eq "$rc" 0 "a reload where every feed works exits 0"
t_eq "$out" "crier: 2 feeds, 5 new items, 0 failed" "the summary counts feeds, new items, failures"
t_has "$err" "$URLS:4: skipped: crier does not run exec: lines" "an exec: line is skipped with its line"
t_has "$err" "$URLS:5: skipped: crier does not run query: lines" "a query: line is skipped with its line"
[ -e "$T_TMP/ran" ] && t_fail "an exec: line was run" || t_pass "an exec: line is never run"
t_eq "$(t_crier -x print-unread)" "5 unread articles" "print-unread counts the new items"
t_eq "$(sql "$CACHE" "SELECT title FROM items WHERE guid = 'quayside-2'")" "quayside story 2" "items are stored"
t_eq "$(sql "$CACHE" "SELECT COALESCE(custom_title, title) FROM feeds WHERE url = '$U/quayside.xml'")" "Quayside Notes" "the custom title is kept"
# (test_store checks it is the latest; here only that it is set, so a migration needs no edit)
v=$(sql "$CACHE" "PRAGMA user_version")
[ "$v" -ge 11 ] 2>/dev/null && t_pass "the cache carries its schema version" \
	|| t_fail "the cache carries its schema version: got [$v], want 11 or later"
t_eq "$(sql "$CACHE" "PRAGMA journal_mode")" wal "the cache is in WAL mode"

# Second reload: conditional GET, all 304, nothing parsed, nothing new.
: >"$SERVER_LOG"
out=$(t_crier -x reload 2>/dev/null); rc=$?
t_eq "$rc" 0 "an unchanged reload exits 0"
t_eq "$out" "crier: 2 feeds, 0 new items, 0 failed" "an unchanged reload has no new items"
t_eq "$(grep -c '"status": 304' "$SERVER_LOG")" 2 "the server answered 304 for both feeds"
t_eq "$(grep -c '"if-none-match"' "$SERVER_LOG")" 2 "the server saw If-None-Match"
t_eq "$(grep -c '"if-modified-since"' "$SERVER_LOG")" 2 "the server saw If-Modified-Since"
t_eq "$(sql "$CACHE" "SELECT status FROM feeds WHERE url = '$U/towpath.atom'")" 304 "the 304 is recorded"

# Read state survives a refetch; a changed item is updated, not doubled.
sql "$CACHE" "UPDATE items SET unread = 0"
sleep 1 # a new mtime, so a new ETag
rss_feed "$W/quayside.xml" quayside 4 " (corrected)"
out=$(t_crier -x reload 2>/dev/null)
t_eq "$out" "crier: 2 feeds, 1 new item, 0 failed" "one item added upstream is one new item"
t_eq "$(t_crier -x print-unread)" "1 unread articles" "read items stay read after a refetch"
t_eq "$(sql "$CACHE" "SELECT COUNT(*) FROM items WHERE guid LIKE 'quayside-%'")" 4 "changed items are not doubled"
t_eq "$(sql "$CACHE" "SELECT title FROM items WHERE guid = 'quayside-1'")" "quayside story 1 (corrected)" "a changed item is updated"

# Failures: HTTP errors, a broken feed after a good one, a refused redirect.
cat >"$URLS" <<EOF
$U/seq/bellfield.xml,broken.xml
$U/status/404
$U/status/500
$U/redirect-to?url=file://$W/quayside.xml
EOF
out=$(t_crier -x reload 2>"$T_TMP/err"); rc=$?
err=$(cat "$T_TMP/err")
t_eq "$rc" 1 "a reload with failures exits 1"
t_eq "$out" "crier: 4 feeds, 4 new items, 3 failed" "the summary counts the failures"
t_has "$err" "crier: $U/status/404: HTTP 404" "a 404 is named with its URL"
t_has "$err" "crier: $U/status/500: HTTP 500" "a 500 is named with its URL"
t_has "$err" "$U/redirect-to?url=file://$W/quayside.xml: redirected to an address that is not http(s): refused" "a redirect to file:// is refused"
t_eq "$(printf '%s\n' "$err" | grep -c .)" 3 "one stderr line per failed feed"
t_eq "$(sql "$CACHE" "SELECT COUNT(*) FROM items WHERE guid LIKE 'quayside-%'")" 0 "feeds gone from the urls file leave the cache"
out=$(t_crier -x reload 2>"$T_TMP/err"); rc=$?
err=$(cat "$T_TMP/err")
line=$(printf '%s\n' "$err" | grep -F "crier: $U/seq/bellfield.xml,broken.xml: ")
t_has "$line" "Atom feed" "a feed that breaks is named, with the reason (not a feed)"
t_eq "$(sql "$CACHE" "SELECT COUNT(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE '%bellfield%'")" 4 "a broken feed keeps every stored item"
stored=$(sql "$CACHE" "SELECT error FROM feeds WHERE url LIKE '%bellfield%'")
case $stored in "$U/seq/bellfield.xml,broken.xml"*) t_pass "the error is stored with the feed";; *) t_fail "stored error: [$stored]";; esac

# A permanent redirect: followed at once, but the feed moves for good only once it is
# seen on 3 reloads in a row (the error view says so meanwhile); then reported and stored.
cat >"$URLS" <<EOF
$U/moved/301/towpath.atom
EOF
out=$(t_crier -x reload 2>&1); rc=$?
t_eq "$rc" 0 "a permanent redirect is not a failure"
t_hasnt "$out" "moved permanently to" "one permanent redirect does not move the feed"
t_eq "$(sql "$CACHE" "SELECT location IS NULL FROM feeds WHERE url = '$U/moved/301/towpath.atom'")" 1 "no location is stored after one"
t_has "$(sql "$CACHE" "SELECT error FROM feeds WHERE url = '$U/moved/301/towpath.atom'")" "moved permanently to $U/towpath.atom (seen on 1 of 3 reloads in a row" "the error view tells of the redirect seen once"
t_crier -x reload >/dev/null 2>&1
t_has "$(sql "$CACHE" "SELECT error FROM feeds WHERE url = '$U/moved/301/towpath.atom'")" "(seen on 2 of 3 reloads in a row" "and twice (the second answered 304)"
out=$(t_crier -x reload 2>&1); rc=$?
t_has "$out" "$U/moved/301/towpath.atom moved permanently to $U/towpath.atom" "the third in a row moves the feed, and says so"
t_eq "$(sql "$CACHE" "SELECT location FROM feeds WHERE url = '$U/moved/301/towpath.atom'")" "$U/towpath.atom" "the new URL is stored"
: >"$SERVER_LOG"
t_crier -x reload >/dev/null 2>&1
grep -q '"path": "/moved/' "$SERVER_LOG" && t_fail "the old URL was asked again" || t_pass "the stored URL is used next time"

# A file:// feed the user listed is read.
echo "file://$W/bellfield.xml local" >"$URLS"
out=$(t_crier -x reload 2>&1); rc=$?
t_eq "$rc" 0 "a listed file:// feed reloads"
t_eq "$(sql "$CACHE" "SELECT COUNT(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE 'file:%'")" 4 "a listed file:// feed is stored"

# A batch whose commit fails (a deferred constraint the test plants, as a full disk would
# fail it): none of its feeds is stored, so none may be reported stored.
TRAP=$T_TMP/trap.db
printf '%s\n' "$U/quayside.xml" "$U/towpath.atom" "$U/bellfield.xml" "$U/status/404" >"$T_TMP/urls-trap"
"$CRIER" -c "$TRAP" -x print-unread >/dev/null
sql "$TRAP" "CREATE TABLE trap(x INTEGER REFERENCES feeds(id) DEFERRABLE INITIALLY DEFERRED);
CREATE TRIGGER trap_t AFTER UPDATE OF etag ON feeds WHEN NEW.url LIKE '%towpath%'
BEGIN INSERT INTO trap VALUES(-1); END;"
out=$("$CRIER" -u "$T_TMP/urls-trap" -c "$TRAP" -x reload 2>"$T_TMP/err"); rc=$?
err=$(cat "$T_TMP/err")
t_eq "$rc" 1 "a reload whose commit fails exits 1"
t_has "$err" "crier: $U/towpath.atom: not stored: " "the feed whose commit failed is named"
t_has "$err" "FOREIGN KEY constraint failed" "with the reason the cache gave"
t_eq "$(sql "$TRAP" "SELECT COUNT(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE '%towpath%'")" 0 "nothing of it is stored"
stored=$(sql "$TRAP" "SELECT COUNT(*) FROM items")
unstored=$(sql "$TRAP" "SELECT COUNT(*) FROM feeds f WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.feed_id = f.id)")
t_eq "$out" "crier: 4 feeds, $stored new items, $unstored failed" "the summary counts only what was stored"
t_eq "$(printf '%s\n' "$err" | grep -c 'not stored')" "$((unstored - 1))" "every feed of the failed batch is named"
t_has "$err" "crier: $U/status/404: HTTP 404" "a feed that failed anyway keeps its reason"
t_has "$(sql "$TRAP" "SELECT error FROM feeds WHERE url LIKE '%404'")" "$U/status/404: HTTP 404" "and its error is kept"
t_has "$(sql "$TRAP" "SELECT error FROM feeds WHERE url LIKE '%towpath%'")" "not stored" "the error is kept with the feed"

# The interface's loop: a reload and an article page on one fetcher, one call
# (reload_poll_shared). A feed is reported once another reader can see its items; the
# page opened meanwhile is stored, in the reload's batch or not.
echo '<html><head><title>Ferry office</title></head><body><p>Winter timetable.</p></body></html>' >"$W/ferry.html"
# All answer after the same delay, so that the page often ends in the feeds' batch.
D=$U/delay/300
out=$("$top_builddir/tests/reload_shared" "$T_TMP/shared.db" "$D/ferry.html" "$D/quayside.xml" "$D/towpath.atom" "$D/bellfield.xml")
printf '%s\n' "$out"
t_has "$out" "feed $D/towpath.atom ok, 2 items, 2 visible" "a feed reported is already in the cache"
t_has "$out" "feed $D/bellfield.xml ok, 4 items, 4 visible" "every feed reported is in the cache"
t_has "$out" "page $D/ferry.html ok, put 0" "a page opened during a reload is stored"
t_has "$out" "feeds 3, failed 0, new items 10, in batch after 0" "the reload's totals, no batch left open"
t_has "$out" "article Notes from the ferry office" "the page is in the cache"
t_has "$out" "article again Notes from the ferry office" "without a reload the same call serves pages"

# -q: nothing on stdout when all is well.
out=$(t_crier -q -x reload 2>&1)
t_eq "$out" "" "-q prints nothing when every feed works"
printf 'max_transfers 4\nfrobnicate_level 11\n' >"$T_TMP/config-bad-line"
out=$(t_crier -C "$T_TMP/config-bad-line" -x reload 2>&1 >/dev/null)
t_has "$out" "$T_TMP/config-bad-line:2: unknown setting 'frobnicate_level'" "a bad config line is warned about"
out=$(t_crier -q -C "$T_TMP/config-bad-line" -x reload 2>&1); rc=$?
t_eq "$out" "" "-q silences config warnings too"
t_eq "$rc" 0 "a skipped config line does not fail the reload"
out=$(t_crier -q -C "$T_TMP/no-such-config" -x reload 2>&1); rc=$?
t_has "$out" "$T_TMP/no-such-config" "-q still prints an unreadable config, named"
t_eq "$rc" 1 "an unreadable config fails the reload"
out=$(t_crier -x frobnicate 2>&1); rc=$?
t_eq "$rc" 2 "an unknown -x command exits 2"
t_has "$out" "reload, print-unread" "an unknown -x command lists the known ones"
t_done
