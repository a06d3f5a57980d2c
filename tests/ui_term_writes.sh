#!/bin/sh
# Writes the cache refuses, in tmux at 100x30: opening a story, A and U say what was not
# saved and why, on the status line and whole in the error view, and lose nothing (the
# stories stay as they were, U can be pressed again). Refused first by a trigger (the
# cheap way to make a write fail), then by another program holding the cache's write
# lock past the busy timeout, as a cron job could: A then waits one timeout, not one per
# story, and says the cache is locked.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed: skipped"; exit 77; }

start_server "$T_TMP/root"
ui_setup
cat >"$XDG_CONFIG_HOME/crier/urls" <<URLS
$SERVER_URL/courier.xml town
$SERVER_URL/minato.xml harbour
URLS
printf 'article_fetch never\nconfirm_mark_all no\n' >"$XDG_CONFIG_HOME/crier/config"
CACHE=$XDG_DATA_HOME/crier/cache.db
status() { ui_screen | tail -n 1; }
unread() { sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE unread = 1"; }
refuse() {
	sqlite3 "$CACHE" "CREATE TRIGGER refuse_read BEFORE UPDATE OF unread ON items
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
}
allow() { sqlite3 "$CACHE" "DROP TRIGGER refuse_read"; }

ui_start 100 30 -r
ui_expect "5 unread" "the five stories are loaded, unread"
refuse

# opening a story: it opens, stays unread, and the status line says why
ui_keys g Enter
ui_expect "─ Story" "Enter opens the story although its read mark is refused"
ui_expect "the opened story's read mark was not saved" "opening says its read mark was not saved" 3
t_has "$(status)" "press u to mark it read" "and what to do"
t_eq "$(unread)" 5 "the story is still unread in the cache"
ui_keys q
case "$(ui_pane "Stories" | head -n 1)" in "N "*) t_pass "and in the list (N)";;
	*) t_fail "the list shows the refused story read: $(ui_pane "Stories" | head -n 1)";; esac

# A: nothing marked, said with the reason; the error view has it whole, naming the cache
ui_keys A
ui_expect "the read mark of 5 of 5 stories was not saved" "A says its marks were not saved" 3
t_eq "$(unread)" 5 "(no story was marked read)"
ui_keys e
ui_expect "the read mark of 5 of 5 stories was not saved: refused by the test" \
	"the error view has A's message whole, with the reason" 3
t_has "$(ui_screen)" "$CACHE" "naming the cache"
t_has "$(ui_screen)" "the opened story's read mark was not saved: refused by the test" \
	"and the opened story's"
ui_keys q

# A again once the cache takes writes: marked, and U undoes; a refused U keeps its list
allow
ui_keys A
ui_expect "5 stories marked read (U undoes)" "A marks once the cache takes the writes" 3
t_eq "$(unread)" 0 "(all five read in the cache)"
refuse
ui_keys U
ui_expect "the undo of 5 of 5 stories was not saved" "U says when its writes were refused" 3
t_has "$(status)" "they stay read; press U again" "and that they stay read"
t_eq "$(unread)" 0 "(still read in the cache)"
allow
ui_keys U
ui_expect "5 stories unread again" "U pressed again undoes the marking it could not before" 3
t_eq "$(unread)" 5 "(all five unread again in the cache)"

# another program holds the write lock past crier's busy timeout (10 s): A waits it once
python3 - "$CACHE" "$T_TMP/locked" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(30)
c.execute("ROLLBACK")
PY
locker=$!
t_on_exit "kill $locker 2>/dev/null"
_i=0
until [ -f "$T_TMP/locked" ] || [ $_i -ge 100 ]; do sleep 0.05; _i=$((_i + 1)); done
start=$(date +%s)
ui_keys A
if ui_wait "the read mark of 5 of 5 stories was not saved" 15; then
	took=$(($(date +%s) - start))
	t_pass "A says its marks were not saved when the cache stays locked ($took s)"
	[ "$took" -le 14 ] && t_pass "one busy timeout, not one per story" ||
		t_fail "A froze the screen $took s for 5 stories"
else
	t_fail "A said nothing with the cache locked: $(status)"
fi
t_has "$(status)" "(database is locked): press A again" "the status line says the cache is locked"
t_eq "$(unread)" 5 "(nothing marked)"
ui_keys e
ui_expect "5 stories was not saved: database is locked (by another program" \
	"the error view says it whole" 3
t_has "$(ui_screen)" "longer than crier waits)" "(wrapped, not cut)"
ui_keys q
kill $locker 2>/dev/null # its lock goes with it
wait $locker 2>/dev/null
ui_keys A
ui_expect "5 stories marked read (U undoes)" "A works once the other program lets go" 5
t_done
