#!/bin/sh
# crier as a client of a real, running Tiny Tiny RSS (a private one: tests/ttrss_lib.sh):
# first sync, read state and flags both ways, a change made while the server is down,
# a wrong password.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss_lib.sh"
tt_need
MARK=$top_builddir/tests/ttrss_mark
CACHE=$T_TMP/cache.db
URLS=$T_TMP/urls   # never read: the stories come from the server
CONF=$T_TMP/config

tt_start
tt_feed 11 "Harbour Notes" "http://harbour.example/feed.xml" "Coast Towns"
tt_feed 12 "Valley Post" "http://valley.example/rss"
tt_article 101 11 "Ferry timetable changes" "http://harbour.example/ferry" \
	"<p>The winter ferry leaves Tollmouth at seven.</p>"
tt_article 102 11 "Lighthouse repainted" "http://harbour.example/light"
tt_article 103 12 "Orchard fair opens" "http://valley.example/fair" "<p>Apples.</p>" false true
tt_article 104 12 "Bridge vote delayed" "http://valley.example/bridge"
tt_config "$CONF"
sync() { "$CRIER" -C "$CONF" -u "$URLS" -c "$CACHE" -x reload; }
server_unread() { # article id: t or f, from tt-rss's own tables
	tt_sql "SELECT CASE WHEN unread THEN 't' ELSE 'f' END FROM ttrss_user_entries WHERE ref_id = $1"
}
server_marked() {
	tt_sql "SELECT CASE WHEN marked THEN 't' ELSE 'f' END FROM ttrss_user_entries WHERE ref_id = $1"
}

# -- a wrong password first: a clear error, and nothing in the cache
printf 'not-the-password\n' >"$T_TMP/wrong.pw"
chmod 600 "$T_TMP/wrong.pw"
sed "s|ttrss-passwordfile .*|ttrss-passwordfile \"$T_TMP/wrong.pw\"|" "$CONF" >"$T_TMP/wrong.conf"
out=$("$CRIER" -C "$T_TMP/wrong.conf" -u "$URLS" -c "$CACHE" -x reload 2>&1); rc=$?
t_eq "$rc" 1 "a wrong password fails the sync"
t_has "$out" "login as 'tester' refused: wrong user name or password" "the error says the login was refused"
t_has "$out" "${TT_URL}api/" "the error names the server"
t_eq "$("$MARK" "$CACHE" list)" "" "a refused login stores nothing"

# -- a password file others can read is refused before anything is sent
chmod 644 "$CONF.pw"
out=$(sync 2>&1); rc=$?
t_eq "$rc" 1 "a readable password file fails"
t_has "$out" "lets others read it" "the error says why"
chmod 600 "$CONF.pw"

# -- first sync: the server's feeds (categories as tags) and stories, with their state
out=$(sync 2>&1); rc=$?
t_eq "$rc" 0 "first sync succeeds: $out"
t_has "$out" "2 feeds, 4 new items" "the summary counts the server's feeds and stories"
list=$("$MARK" "$CACHE" list | sort)
t_eq "$list" "Bridge vote delayed|Valley Post|1|0
Ferry timetable changes|Harbour Notes|1|0
Lighthouse repainted|Harbour Notes|1|0
Orchard fair opens|Valley Post|0|1" "every story with its feed, read state and flag"
t_eq "$("$CRIER" -C "$CONF" -u "$URLS" -c "$CACHE" -x print-unread)" "3 unread articles" \
	"print-unread gives the server's count after the sync"
t_eq "$("$CRIER" -u "$URLS" -c "$CACHE" -e 2>/dev/null | grep -c Coast)" 0 \
	"(the urls file is not touched)"

# -- read in crier -> read on the server
"$MARK" "$CACHE" read "Ferry timetable changes"
t_eq "$("$MARK" "$CACHE" queue)" "101 read 1" "marking read queues the change"
out=$(sync 2>&1)
t_has "$out" "1 change sent" "the sync sends it"
t_eq "$(server_unread 101)" f "marked read in crier shows as read on the server"
t_eq "$("$MARK" "$CACHE" queue)" "" "a sent change leaves the queue"
sync >/dev/null 2>&1
t_eq "$(tt_sql "SELECT COUNT(*) FROM ttrss_user_entries WHERE unread = false")" 2 \
	"(nothing else changed on the server)"

# -- read on the server -> read in crier; unread there -> unread here
tt_sql "UPDATE ttrss_user_entries SET unread = false WHERE ref_id = 104"
tt_sql "UPDATE ttrss_user_entries SET unread = true WHERE ref_id = 103"
out=$(sync 2>&1)
t_has "$out" "2 changed there" "the sync counts the server's changes"
t_has "$("$MARK" "$CACHE" list)" "Bridge vote delayed|Valley Post|0|0" "read on the server shows as read in crier"
t_has "$("$MARK" "$CACHE" list)" "Orchard fair opens|Valley Post|1|1" "unread on the server shows as unread in crier"

# -- flags both ways
"$MARK" "$CACHE" flag "Lighthouse repainted"
"$MARK" "$CACHE" unflag "Orchard fair opens"
sync >/dev/null 2>&1
t_eq "$(server_marked 102)" t "flagged in crier is marked (starred) on the server"
t_eq "$(server_marked 103)" f "unflagged in crier is unmarked on the server"
tt_sql "UPDATE ttrss_user_entries SET marked = true WHERE ref_id = 104"
tt_sql "UPDATE ttrss_user_entries SET marked = false WHERE ref_id = 102"
sync >/dev/null 2>&1
t_eq "$("$MARK" "$CACHE" saved)" "Bridge vote delayed|Valley Post|0|1" \
	"marked on the server is flagged in crier (and the Saved view lists only it)"

# -- new stories arrive; known ones are not fetched again
tt_article 105 11 "Harbour wall mended" "http://harbour.example/wall"
out=$(sync 2>&1)
t_has "$out" "1 new item" "a new story on the server arrives at the next sync"

# -- what the server sends is text from the network: no escape sequence reaches the cache
tt_article 106 12 "Tide table" "javascript:alert(1)"
tt_sql "UPDATE ttrss_entries SET title = 'Tide ' || chr(27) || '[2J table' WHERE id = 106"
sync >/dev/null 2>&1
list=$("$MARK" "$CACHE" list)
t_has "$list" "Tide [2J table|Valley Post" "a story's title arrives without its escape character"
t_hasnt "$list" "$(printf '\033')" "no ESC in any stored title"
t_eq "$(sqlite3 "$CACHE" "SELECT COALESCE(link, 'none') FROM items WHERE title LIKE 'Tide%'")" \
	none "a link that is not http(s) is dropped"

# -- offline: changes made while the server is down are kept, in order, and sent once
tt_stop_web
"$MARK" "$CACHE" read "Harbour wall mended"
"$MARK" "$CACHE" flag "Harbour wall mended"
"$MARK" "$CACHE" unread "Ferry timetable changes"
"$MARK" "$CACHE" read "Ferry timetable changes"
"$MARK" "$CACHE" unread "Ferry timetable changes"
out=$(sync 2>&1); rc=$?
t_eq "$rc" 1 "a sync with the server down fails"
t_has "$out" "${TT_URL}api/" "the error names the server"
t_eq "$("$MARK" "$CACHE" queue)" "105 read 1
105 flag 1
101 read 0
101 read 1
101 read 0" "the changes stay queued, in the order they were made"
t_has "$("$MARK" "$CACHE" list)" "Harbour wall mended|Harbour Notes|0|1" "and the cache keeps them"
tt_start_web
# the server forgot crier's session while it was down (a new PHP server, a new session
# store would do the same): crier logs in again by itself
out=$(sync 2>&1); rc=$?
t_eq "$rc" 0 "the sync after the restart succeeds: $out"
t_has "$out" "5 changes sent" "every queued change is sent"
t_eq "$(server_unread 105)$(server_marked 105)" ft "the outage's changes arrived (read, flagged)"
t_eq "$(server_unread 101)" t "the last of several changes to one story wins"
t_eq "$("$MARK" "$CACHE" queue)" "" "the queue is empty"
out=$(sync 2>&1)
t_has "$out" "0 changes sent" "nothing is sent twice"

# -- conflict: read here while the server says unread: the later change (ours, sent now) wins
tt_sql "UPDATE ttrss_user_entries SET unread = true WHERE ref_id = 102"
"$MARK" "$CACHE" read "Lighthouse repainted"
sync >/dev/null 2>&1
t_eq "$(server_unread 102)" f "a change queued here is applied over the server's older state"
t_has "$("$MARK" "$CACHE" list)" "Lighthouse repainted|Harbour Notes|0|0" "and stays in the cache"

# -- a feed the server drops leaves the cache
tt_sql "DELETE FROM ttrss_feeds WHERE id = 12"
sync >/dev/null 2>&1
t_hasnt "$("$MARK" "$CACHE" list)" "Valley Post" "a feed unsubscribed on the server is gone after the sync"

# -- ttrss-passwordeval: a command, no shell
sed "s|ttrss-passwordfile .*|ttrss-passwordeval \"cat $CONF.pw\"|" "$CONF" >"$T_TMP/eval.conf"
out=$("$CRIER" -C "$T_TMP/eval.conf" -u "$URLS" -c "$CACHE" -x reload 2>&1); rc=$?
t_eq "$rc" 0 "ttrss-passwordeval gives the password: $out"
sed "s|ttrss-passwordfile .*|ttrss-passwordeval \"cat $CONF.pw; touch $T_TMP/injected\"|" "$CONF" >"$T_TMP/eval2.conf"
"$CRIER" -C "$T_TMP/eval2.conf" -u "$URLS" -c "$CACHE" -x reload >/dev/null 2>&1
t_eq "$(test -e "$T_TMP/injected" && echo yes || echo no)" no "the command is not run through a shell"

t_done
