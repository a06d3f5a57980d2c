#!/bin/sh
# Ctrl-C, or SIGTERM from another program (a logout, a shutdown), while a mark waits for
# the cache's write lock: crier ends as q ends it, so the waiting mark gets its last try
# and lands once the other program lets go; nothing the screen showed as made is lost.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed: skipped"; exit 77; }

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/courier.xml town" >"$XDG_CONFIG_HOME/crier/urls"
printf 'article_fetch never\n' >"$XDG_CONFIG_HOME/crier/config"
CACHE=$XDG_DATA_HOME/crier/cache.db
unread() { sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE unread = 1"; }
# another program takes the write lock for SECONDS (python's sqlite3, BEGIN IMMEDIATE)
lock_for() {
	rm -f "$T_TMP/locked"
	python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("ROLLBACK")' "$CACHE" "$T_TMP/locked" "$1" &
	t_on_exit "kill $! 2>/dev/null"
	_i=0
	until [ -f "$T_TMP/locked" ] || [ $_i -ge 200 ]; do sleep 0.05; _i=$((_i + 1)); done
}
crier_pid() { pgrep -P "$(ui_tmux list-panes -t crier -F '#{pane_pid}')" | head -n 1; }
# the end of a run: its status, its stderr and the cache
ended() { # WHAT UNREAD
	_i=0
	while ! ui_exited && [ $_i -lt 400 ]; do sleep 0.05; _i=$((_i + 1)); done
	t_eq "$(cat "$T_TMP/exit" 2>/dev/null)" "crier-exited-0" "$1 ends crier as q does (status 0)"
	t_has "$(cat "$T_TMP/crier.stderr")" "the cache took them: saved" \
		"$1: the waiting mark gets its last try and is saved"
	t_eq "$(unread)" "$2" "$1: the mark is in the cache"
}

ui_start 100 30 -r
ui_expect "4 unread" "the four stories are loaded, unread"
lock_for 3
ui_keys g u
ui_expect "1 mark waiting for the cache lock" "u answers with the cache locked; its mark waits" 5
ui_keys C-c
ended "Ctrl-C" 3

ui_start 100 30
ui_expect "3 unread" "crier starts again"
lock_for 3
ui_keys g u
ui_expect "1 mark waiting for the cache lock" "u's mark waits again" 5
pid=$(crier_pid)
if [ -n "$pid" ] && kill -TERM "$pid"; then
	t_pass "SIGTERM sent to crier ($pid)"
else
	t_fail "no crier process to send SIGTERM to"
fi
ended "SIGTERM" 4
t_done
