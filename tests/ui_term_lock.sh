#!/bin/sh
# A reload while another program holds the cache's write lock (a cron job's sqlite3, a
# second crier), in tmux at 100x30: R, the first start's reload and quitting never wait
# for the lock. The keys answer at once, the status line says the reload waits for the
# lock, and the stories fetched meanwhile land once it is let go.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed: skipped"; exit 77; }

start_server "$T_TMP/root"
ui_setup
feed() { # N: the feed now has N stories, the newest first
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
		printf '<title>The Quillbeck Tide Table</title><link>%s/</link>\n' "$SERVER_URL"
		_k=$1
		while [ "$_k" -gt 0 ]; do
			printf '<item><title>Tide note %s from the Quillbeck slipway</title>' "$_k"
			printf '<link>%s/tide%s.html</link><guid>tide-%s</guid>' "$SERVER_URL" "$_k" "$_k"
			printf '<pubDate>Tue, %02d Nov 2026 06:00:00 +0000</pubDate>' "$((10 + _k))"
			printf '<description>High water at the slipway, note %s.</description></item>\n' "$_k"
			_k=$((_k - 1))
		done
		printf '</channel></rss>\n'
	} >"$T_TMP/root/tide.xml"
}
feed 2
echo "$SERVER_URL/tide.xml" >"$XDG_CONFIG_HOME/crier/urls"
printf 'article_fetch never\n' >"$XDG_CONFIG_HOME/crier/config"
CACHE=$XDG_DATA_HOME/crier/cache.db
stories() { sqlite3 "$CACHE" "SELECT COUNT(*) FROM items"; }
status() { ui_screen | tail -n 1; }

# another program holds the write lock (ui_lib.sh) while the reload runs
hold() { ui_hold "$CACHE"; }
hold_end() { ui_hold_end; }
# KEY answers: the help view (?) shows within 3 s, while the lock stays held 10 s more
answers() { # WHAT
	ui_keys '?'
	if ui_wait "Keys (q closes this help)" 3; then
		t_pass "$1"
	else
		t_fail "$1: the help did not show within 3 s: $(status)"
	fi
	ui_keys q
	ui_wait "─ Stories" 3 || t_fail "q did not leave the help: $(status)"
}

ui_start 100 30
ui_expect "reloaded 1 feed, 0 failed" "the first start loads the feed"
t_eq "$(stories)" 2 "(two stories in the cache)"

# R while the lock is held: the reload waits on its own thread (its first write, the
# urls file's feed list, before it fetches; tests/ui_term_lockwait.sh takes the lock
# while feeds download)
feed 3
hold
ui_keys R
sleep 0.5
answers "the screen answers ? at once after R with the cache locked (not after the lock)"
ui_expect "waiting for the cache lock (held by another program)" \
	"the status line says the reload waits for the lock" 5
ui_keys j k
answers "and answers again while the reload waits"
ui_keys g u
ui_expect "1 mark waiting for the cache lock, and the reload" \
	"a read mark made meanwhile waits too, said with the reload" 5
t_eq "$(stories)" 2 "(nothing stored while the lock is held)"
t_hasnt "$(ui_pane Stories)" "Tide note 3" "(nor shown)"
hold_end
# (the last word is the reload's or the mark's, whichever lands last)
ui_expect "Tide note 3 from the Quillbeck slipway" "once the lock is let go the story fetched meanwhile is listed" 10
t_eq "$(stories)" 3 "(and stored)"
ui_wait_re "reloaded 1 feed, 0 failed|the cache took the 1 mark" 10
_i=0
while status | grep -q "waiting\|fetching" && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
t_hasnt "$(status)" "waiting for the cache lock" "nothing waits any more: the reload and the mark are done"
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE unread = 0")" 1 "(the read mark is in the cache)"

# quitting while the reload waits for the lock: at once, and said on stderr
feed 4
hold
ui_keys R
ui_expect "waiting for the cache lock (held by another program)" "R waits for the lock again" 5
ui_keys q
_i=0
while ! ui_exited && [ $_i -lt 60 ]; do sleep 0.05; _i=$((_i + 1)); done
t_eq "$(cat "$T_TMP/exit" 2>/dev/null)" "crier-exited-0" "q ends crier within 3 s, the lock still held"
# (R makes the urls file's feed list the cache's first: that is what waits here)
t_has "$(cat "$T_TMP/crier.stderr")" "waiting for it, was not stored, and no feed was fetched (the next R does both)" \
	"and says what the reload did not store"
t_hasnt "$(cat "$T_TMP/crier.stderr")" "feeds it fetched" "(not that fetched feeds were lost: none was fetched)"
t_eq "$(stories)" 3 "(the fourth story not stored)"
hold_end

# the first start's reload (an empty cache and a urls file) with the lock held
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
"$CRIER" -x print-unread -u /dev/null -c "$CACHE" >/dev/null 2>&1
t_eq "$(stories)" 0 "(a cache with no story)"
hold
ui_start 80 24
ui_expect "waiting for the cache lock (held by another program)" \
	"the first start's reload waits for the lock, and says so" 5
answers "the screen answers ? during the first start's wait"
hold_end
ui_expect "reloaded 1 feed, 0 failed" "the first start's reload ends once the lock is let go" 10
t_eq "$(stories)" 4 "its stories are stored"
ui_expect "Tide note 4 from the Quillbeck slipway" "and shown"
ui_keys q
ui_expect_exit "crier quits"

# a start with stories in the cache and no reload: only the urls file's feed list waits
# for the lock; quitting then names that, not feeds fetched (none were)
hold
ui_start 80 24
ui_expect "waiting for the cache lock (held by another program)" \
	"a start without a reload waits for the lock for the feed list" 5
ui_keys q
_i=0
while ! ui_exited && [ $_i -lt 60 ]; do sleep 0.05; _i=$((_i + 1)); done
t_eq "$(cat "$T_TMP/exit" 2>/dev/null)" "crier-exited-0" "q ends it at once, the lock still held"
t_has "$(cat "$T_TMP/crier.stderr")" "the feed list of $XDG_CONFIG_HOME/crier/urls, waiting for it, was not stored" \
	"and says the feed list was not stored"
t_hasnt "$(cat "$T_TMP/crier.stderr")" "the feeds it fetched" "not that fetched feeds were lost"
hold_end

t_done
