#!/bin/sh
# The reader on a source synced from a live Tiny Tiny RSS (tmux, 120x30): the server's
# stories listed, one opened, marked read and flagged with the keys, back to the list,
# the Saved view; the changes reach the server at the next sync, the reload key syncs.
# The sync runs in the background (crier -x sync): with the server stopped (SIGSTOP) the
# screen keeps answering keys; quitting during a sync stops it cleanly (the cache intact,
# unsent changes still queued); reload_interval syncs the same way; -x sync's lines.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss_lib.sh"
tt_need
. "$top_srcdir/tests/ui_lib.sh"

ui_setup
tt_start
tt_feed 21 "Quarry Weekly" "http://quarry.example/feed" "Hill Towns"
tt_feed 22 "Estuary Log" "http://estuary.example/rss"
tt_article 201 21 "Stone bridge reopens to carts" "http://quarry.example/bridge" \
	"<p>The stone bridge at Kestle Quarry carries carts again after a winter of repairs.</p>"
tt_article 202 22 "Herons return to the mudflats" "http://estuary.example/herons" \
	"<p>Counters on the estuary path saw forty herons on Sunday.</p>"
CONF=$XDG_CONFIG_HOME/crier/config
tt_config "$CONF"
# pages are the stories' own sites: none here, so the server's text is what shows
echo "article_fetch never" >>"$CONF"
# a urls file left from before: its feed must not replace the server's
echo "http://old.example/feed.xml" >"$XDG_CONFIG_HOME/crier/urls"
out=$("$CRIER" -x reload 2>&1)
t_has "$out" "2 feeds, 2 new items" "the first sync: $out"

# reload_interval with a feed server: a second reader with a cache of its own syncs at
# start (its cache is empty) and then every 5 seconds by itself, in the background too
B_HOME=$T_TMP/home-b
B_SOCK=crier-b-$$
mkdir -p "$B_HOME/.config/crier" "$B_HOME/.local/share"
tt_config "$B_HOME/.config/crier/config"
printf 'article_fetch never\nreload-interval 5s\n' >>"$B_HOME/.config/crier/config"
# its address carries a user and password (a proxy's, say): never shown
B_URL=$(printf '%s' "$TT_URL" | sed 's|^http://|http://reader:hunter2@|')
sed -i "s|^ttrss-url .*|ttrss-url \"$B_URL\"|" "$B_HOME/.config/crier/config"
b_tmux() { tmux -L "$B_SOCK" -f /dev/null "$@"; }
b_screen() { b_tmux capture-pane -p -t b; }
b_tmux new-session -d -s b -x 120 -y 30 "env HOME='$B_HOME' XDG_CONFIG_HOME='$B_HOME/.config' \
XDG_DATA_HOME='$B_HOME/.local/share' TERM=xterm-256color LC_ALL=C.UTF-8 '$CRIER'; sleep 60"
t_on_exit "tmux -L '$B_SOCK' -f /dev/null kill-server 2>/dev/null"

ui_start 120 30
ui_expect "Stone bridge reopens to carts" "the server's stories are listed"
ui_expect "Herons return to the mudflats" "both feeds' stories are listed"
ui_expect "2 unread" "both are unread"
# the first row is the newest: the bridge (article dates count back by id)
ui_keys Enter
ui_expect "carries carts again after a winter" "Enter opens the story with the server's text"
ui_keys h
ui_expect "1 unread" "the opened story is read"
ui_keys f
ui_wait "!" 3
t_has "$(ui_screen | grep "Stone bridge")" "!" "f flags the story (shown in the list)"
ui_keys S
ui_expect "Saved" "S opens the Saved view"
t_hasnt "$(ui_screen)" "Herons return" "the Saved view lists only flagged stories"
t_has "$(ui_screen)" "Stone bridge reopens" "the flagged story is in it"
ui_keys q
ui_expect "Herons return to the mudflats" "q leaves the Saved view"
# the server marks the herons read; r syncs from inside the reader
tt_sql "UPDATE ttrss_user_entries SET unread = false WHERE ref_id = 202"
ui_keys R
ui_expect "synced" "the reload key syncs with the server" 20
ui_expect "0 unread" "the server's change shows after the sync"
t_eq "$(tt_sql "SELECT unread::text || marked::text FROM ttrss_user_entries WHERE ref_id = 201")" \
	"falsetrue" "the story read and flagged in the reader is read and starred on the server"
t_eq "$(tt_sql "SELECT COUNT(*) FROM ttrss_feeds")" 2 "(the server keeps its two feeds)"
CACHE=$XDG_DATA_HOME/crier/cache.db

# status_wait TEXT SECONDS: TEXT shows on the status line (the last row) in time
status_wait() {
	_i=0
	while [ $_i -lt $(($2 * 20)) ]; do
		ui_screen | tail -n 1 | grep -qF -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
# answers KEY TEXT WHAT: after KEY, TEXT is on the status line within a second
answers() {
	ui_keys "$1"
	if status_wait "$2" 1; then
		t_pass "$3"
	else
		t_fail "$3: [$2] not on the status line within a second: $(ui_screen | tail -n 1)"
	fi
}

# a sync with a server that does not answer: the screen keeps answering keys
tt_article 203 21 "Quarry road closed for resurfacing" "http://quarry.example/road" \
	"<p>The quarry road is closed to carts until Friday.</p>"
kill -STOP "$TT_PHP_PID"
ui_keys R
if status_wait "syncing with $TT_URL" 3; then
	t_pass "the status line says a sync with the server is running"
else
	t_fail "no 'syncing with $TT_URL' on the status line: $(ui_screen | tail -n 1)"
fi
answers j " 2/2" "j moves down during the sync"
answers k " 1/2" "k moves up during the sync"
# a key that writes: the sync holds no lock while it waits for the server
answers u "1 unread" "u marks the story unread during the sync"
answers u "0 unread" "u marks it read again during the sync"
ui_keys '?'
if ui_wait "Keys (q closes this help)" 1; then
	t_pass "? opens the help within a second during the sync"
else
	t_fail "? was not answered during the sync: $(ui_screen)"
fi
t_has "$(ui_screen | tail -n 1)" "syncing with" "the help's status line still shows the sync"
ui_keys q
ui_expect "Herons return to the mudflats" "q closes the help during the sync" 2
t_hasnt "$(ui_screen)" "Quarry road closed" "(the new story waits for the sync)"
kill -CONT "$TT_PHP_PID"
ui_expect "Quarry road closed" "once the server answers the sync ends: the new story is listed" 20
ui_expect "synced with $TT_URL: 1 new story" "the status line says what the sync brought"
t_hasnt "$(ui_screen | tail -n 1)" "syncing with" "the ended sync is no longer shown"

# quitting during a sync: the sync stops, the cache is whole, the unsent change waits
t_has "$(b_screen)" "Herons return to the mudflats" "the second reader synced at its start"
ui_keys u
ui_expect "2 unread" "u marks the bridge story unread (a change for the server)" 3
# queued: the two u of the first sync (made after it had read the queue) and this one
queued=$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM changes")
t_eq "$queued" 3 "(three changes wait for the server)"
kill -STOP "$TT_PHP_PID"
# a story the server has from now on: added while it answers no one, so no sync of the
# second reader can have it yet (that one syncs every 5 s)
tt_article 204 22 "Ferry timetable changes for winter" "http://estuary.example/ferry" \
	"<p>The winter ferry leaves the quay at nine.</p>"
t_hasnt "$(b_screen)" "Ferry timetable" "(the second reader does not list the new story yet)"
ui_keys R
status_wait "syncing with" 3 || t_fail "the second sync did not start: $(ui_screen | tail -n 1)"
ui_keys q
ui_expect_exit "q during a sync quits at once"
t_eq "$(pgrep -cf -- "-x sync -c $CACHE")" 0 "the sync process was stopped with the reader"
t_eq "$(sqlite3 "$CACHE" "PRAGMA integrity_check")" ok "the cache passes integrity_check after a sync cut short"
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM changes")" "$queued" \
	"the changes not yet confirmed by the server stay queued"
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE title LIKE 'Ferry%'")" 0 \
	"(the cut sync stored no story of its own)"
kill -CONT "$TT_PHP_PID"

# -x sync: progress lines, then one result line a program can read
out=$("$CRIER" -x sync 2>&1)
rc=$?
t_eq "$rc" 0 "-x sync exits 0 after a sync: $out"
t_has "$out" "progress feeds 2" "-x sync tells its progress"
t_eq "$(printf '%s\n' "$out" | tail -n 1)" "synced feeds=2 new=1 changed=0 sent=3" \
	"-x sync's last line: the new story, the queued changes sent"
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM changes")" 0 "the queue is empty once sent"
t_eq "$(tt_sql "SELECT unread::text FROM ttrss_user_entries WHERE ref_id = 201")" true \
	"the last change queued before quitting reached the server"
ui_start 120 30
ui_expect "Ferry timetable changes" "the story of the cut sync is listed after the next one"
# a write the cache refuses (here a trigger; in life a lock held past the busy timeout by
# another program): the reader says so instead of doing nothing
sqlite3 "$CACHE" "CREATE TRIGGER refuse_flag BEFORE UPDATE OF flagged ON items
	BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
ui_keys f
ui_expect "the flag's removal was not saved (refused by the test): press f again" "f says when the cache did not take the flag's removal" 3
ui_keys e
ui_expect "the flag's removal was not saved: refused by the test" "the error view has it, with the reason" 3
t_has "$(ui_screen)" "$CACHE" "naming the cache"
ui_keys q
sqlite3 "$CACHE" "DROP TRIGGER refuse_flag"
ui_keys q
ui_expect_exit "(q quits)"

# the reader ended by a signal during a sync (kill, a closed terminal): the sync ends with
# it at once, the cache whole, the unsent change still queued. The stopped server's
# connections would otherwise hold the sync for its connect timeout (a minute here).
echo "connect-timeout 60" >>"$CONF"
for sig in TERM HUP; do
	ui_start 120 30
	ui_expect "Ferry timetable changes" "($sig) the reader lists the stories"
	queued=$(($(sqlite3 "$CACHE" "SELECT COUNT(*) FROM changes") + 1))
	ui_keys u
	_i=0
	until [ "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM changes")" = "$queued" ] || [ $_i -ge 30 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM changes")" "$queued" "($sig) u queues a change for the server"
	kill -STOP "$TT_PHP_PID"
	ui_keys R
	status_wait "syncing with" 3 || t_fail "($sig) the sync did not start: $(ui_screen | tail -n 1)"
	reader=$(pgrep -P "$(ui_tmux display -p -t crier '#{pane_pid}')" -x crier)
	t_eq "$(pgrep -cf -- "-x sync -c $CACHE")" 1 "($sig) a sync process runs"
	kill -"$sig" "$reader"
	_i=0
	while pgrep -f -- "-x sync -c $CACHE" >/dev/null && [ $_i -lt 30 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	t_eq "$(pgrep -cf -- "-x sync -c $CACHE")" 0 "SIG$sig to the reader ends its sync within 3 s"
	# the reader ends as q ends it (its last tries, then curses and the sanitizers' exit
	# work): give it a moment after its sync
	_i=0
	while kill -0 "$reader" 2>/dev/null && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	kill -0 "$reader" 2>/dev/null && t_fail "($sig) the reader did not end within 10 s"
	t_eq "$(sqlite3 "$CACHE" "PRAGMA integrity_check")" ok "($sig) the cache passes integrity_check"
	t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM changes")" "$queued" \
		"($sig) the change not yet sent stays queued"
	kill -CONT "$TT_PHP_PID"
done
# b_wait TEXT SECONDS [LAST]: TEXT on the second reader's screen (its status line, with
# LAST) in time
b_wait() {
	_i=0
	while [ $_i -lt $(($2 * 10)) ]; do
		if [ -n "${3:-}" ]; then b_screen | tail -n 1; else b_screen; fi | grep -qF -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
if b_wait "Ferry timetable changes" 30; then
	t_pass "reload_interval syncs with the server by itself: the new story is listed"
else
	t_fail "the second reader did not sync by reload_interval: $(b_screen)"
fi
# it syncs again every 5 s: wait for a status line between two syncs
if b_wait "synced with http://***@${TT_URL#http://}" 15 last; then
	t_pass "its status line says the sync ended, the address without its password"
else
	t_fail "no 'synced with http://***@...' on the second reader's status line: $(b_screen | tail -n 1)"
fi
t_hasnt "$(b_screen)" "hunter2" "(no password on its screen)"
sed "s|^ttrss-url .*|ttrss-url \"http://127.0.0.1:9/\"|" "$CONF" >"$CONF.down"
chmod 600 "$CONF.down"
out=$("$CRIER" -x sync -C "$CONF.down" 2>&1)
rc=$?
t_eq "$rc" 1 "-x sync exits 1 when the server cannot be reached"
t_has "$(printf '%s\n' "$out" | tail -n 1)" "error http://127.0.0.1:9/" \
	"-x sync's last line is the error, naming the server"
out=$("$CRIER" -x sync -C /dev/null 2>&1)
rc=$?
t_eq "$rc" 2 "-x sync exits 2 when the config names no feed server"
t_has "$out" "error /dev/null names no feed server" "and says so on its last line: $out"

t_done
