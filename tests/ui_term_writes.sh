#!/bin/sh
# Writes the cache refuses, in tmux at 100x30: opening a story, A and U say what was not
# saved and why, on the status line and whole in the error view, and lose nothing (the
# stories stay as they were, U can be pressed again). Refused first by a trigger (the
# cheap way to make a write fail); then another program holds the cache's write lock,
# as a cron job could: the keys answer at once, their marks wait in the reader and land
# once the lock is let go, and at quit the ones still held back are named.
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

# Another program holds the write lock (python's sqlite3, BEGIN IMMEDIATE), as a cron job
# could, until hold_end: the keys do not wait for it. Their marks show at once, wait in
# the reader (said on the status line) and land once the lock is let go.
hold() { ui_hold "$CACHE"; } # the lock is held once this returns
hold_end() { ui_hold_end; }
first_row() { ui_pane "Stories" | sed -n 1p; }

hold
ui_keys g u
if ui_wait "1 mark waiting for the cache lock" 5; then
	t_pass "u answers within 5 s (not the 10 s busy wait) with the cache locked, and says the mark waits"
else
	t_fail "u did not answer within 5 s with the cache locked: $(status)"
fi
t_has "$(status)" "4 unread" "the count follows the waiting mark"
case "$(first_row)" in "N "*) t_fail "the row still shows N: $(first_row)";;
	*) t_pass "the row shows the story read";; esac
t_eq "$(unread)" 5 "(the cache has not taken it yet)"
ui_keys A
ui_expect "4 stories marked read (U undoes)" "A answers at once too (the four still unread)" 5
t_has "$(status)" "5 marks waiting for the cache lock" "its marks wait with u's (one per story)"
t_eq "$(unread)" 5 "(nothing written while locked)"
hold_end
ui_expect "the cache took the 5 marks that waited for its lock" \
	"the marks land once the other program lets go" 5
t_eq "$(unread)" 0 "(all five read in the cache)"
t_hasnt "$(status)" "waiting" "nothing waits any more"

# quitting while marks wait: one more try with the normal wait (10 s); still locked, the
# marks not saved are named on stderr, and crier ends with status 1
hold
ui_keys U
ui_expect "4 stories unread again" "U answers with the cache locked (A's four)" 5
t_has "$(status)" "4 marks waiting" "and its marks wait"
ui_keys q
_i=0
while ! ui_exited && [ $_i -lt 300 ]; do sleep 0.05; _i=$((_i + 1)); done
t_eq "$(cat "$T_TMP/exit" 2>/dev/null)" "crier-exited-1" "crier ends with status 1 when marks are lost"
err=$(cat "$T_TMP/crier.stderr")
t_has "$err" "is locked by another program: waiting for it to save 4 marks" "it says it waits"
t_has "$err" "stayed locked by another program; not saved (make them again):" \
	"then that they were not saved"
t_has "$err" "the unread mark of \"" "naming each story"
t_eq "$(printf '%s\n' "$err" | grep -c '^  the unread mark of "')" 4 "(all four)"
t_eq "$(unread)" 0 "(the cache kept them read)"
hold_end

# the lock let go while crier waits at quit: saved, status 0
ui_start 100 30
ui_expect "0 unread" "crier starts again"
hold
ui_keys g u
ui_expect "1 mark waiting for the cache lock" "u waits for the lock" 5
ui_keys q
sleep 1
hold_end
ui_expect_exit "crier saves the waiting mark at quit once the lock is let go"
t_has "$(cat "$T_TMP/crier.stderr")" "the cache took them: saved" "and says so"
t_eq "$(unread)" 1 "(the story is unread in the cache)"

# A key's own mark refused while older marks waited is said, not shown as made: the
# lock is let go while f waits its moment for it; u's waiting mark is written with it,
# the flag refused (by a trigger)
ui_start 100 30
ui_expect "1 unread" "crier starts again"
sqlite3 "$CACHE" "CREATE TRIGGER refuse_flag BEFORE UPDATE OF flagged ON items
	BEGIN SELECT RAISE(ABORT, 'flags refused by the test'); END"
hold
ui_keys g j u
ui_expect "1 mark waiting for the cache lock" "u on the second story (read) waits for the lock" 5
ui_keys f
sleep 0.05
hold_end
ui_expect "the flag of \"" "f says its flag was not saved" 5
t_has "$(status)" "(flags refused by the test): press its key again" "(on the status line, with why)"
t_hasnt "$(status)" "flagged: kept" "and does not say it was kept"
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE flagged = 1")" 0 "(no flag in the cache)"
t_eq "$(unread)" 2 "(u's waiting mark was written)"
case "$(ui_pane "Stories" | sed -n 2p)" in *"!"*) t_fail "the refused flag shows: $(ui_pane "Stories" | sed -n 2p)";;
	"N "*) t_pass "the row shows the story unread, as u made it, and no flag";;
	*) t_fail "the story u marked unread shows read";; esac
ui_keys q
ui_expect_exit "crier quits, nothing waiting"


# A counts the waiting marks as made: a story whose waiting mark makes it unread again is
# marked read with the rest (the cache alone says it is read)
sqlite3 "$CACHE" "UPDATE items SET unread = 1"
ui_start 100 30
ui_expect "5 unread" "crier starts again, all five unread"
ui_keys g u
ui_expect "4 unread" "u marks the first story read"
t_eq "$(unread)" 4 "(written: the cache is not locked)"
hold
ui_keys u
ui_expect "1 mark waiting for the cache lock" "u again: unread, waiting for the lock" 5
ui_keys A
ui_expect "5 stories marked read (U undoes)" "A marks the story whose waiting mark made it unread too" 5
hold_end
ui_wait "the cache took" 5
t_hasnt "$(status)" "waiting" "the marks land once the lock is let go"
t_eq "$(unread)" 0 "(all five read in the cache, the first too)"

# U undoes only what A marked: a story a waiting mark made read is not A's to undo
ui_keys U
ui_expect "5 stories unread again" "U undoes A (the cache not locked)"
t_eq "$(unread)" 5 "(all five unread in the cache)"
hold
ui_keys g u
ui_expect "1 mark waiting for the cache lock" "u on the first story waits for the lock" 5
ui_keys A
ui_expect "4 stories marked read (U undoes)" "A marks the four the list shows unread" 5
ui_keys U
ui_expect "4 stories unread again" "U undoes those four, not the one u marked" 5
hold_end
ui_wait "the cache took" 5
t_hasnt "$(status)" "waiting" "the marks land once the lock is let go"
t_eq "$(unread)" 4 "(four unread in the cache)"
case "$(first_row)" in "N "*) t_fail "U made the story u marked read unread: $(first_row)";;
	*) t_pass "the story u marked stays read";; esac
ui_keys q
ui_expect_exit "crier quits, nothing waiting"

# While marks wait, the feeds view's counts, the tag list's and the Saved view lay them
# over what the cache says, as the story list does (the Courier: 4 stories, 3 unread)
sqlite3 "$CACHE" "DROP TRIGGER refuse_flag"
ui_start 100 30
ui_expect "4 unread" "crier starts again, four unread"
ui_keys S
ui_expect "No flagged story: f flags the story under the cursor" "an empty Saved view says how to fill it"
t_hasnt "$(ui_screen)" "press R to load" "(not that the cache is empty)"
ui_keys q
ui_wait "─ Stories" 3
hold
ui_keys g j u
ui_expect "1 mark waiting for the cache lock" "u on the second story waits for the lock" 5
ui_keys f
ui_expect "2 marks waiting for the cache lock" "so does its flag" 5
ui_keys F
ui_expect "(unread/total stories of each)" "F shows the feeds view"
t_has "$(ui_screen | grep "Millbrook Courier")" " 2/4 " "the feed counts the waiting read mark (2 of 4 unread)"
ui_keys q t
ui_expect "stories, " "t lists the tags"
t_has "$(ui_screen | grep " town ")" "4 stories, 2 unread" "the tag counts it too"
ui_keys Escape
ui_wait "─ Stories" 3
ui_keys S
ui_expect "─ Saved" "S shows the Saved view"
t_eq "$(ui_pane Saved | grep -c "Library extends its evening hours")" 1 \
	"the story whose flag waits is in the Saved view"
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE flagged = 1")" 0 "(no flag in the cache yet)"
hold_end
ui_expect "the cache took the 2 marks that waited for its lock" "the marks land" 5
sleep 1
t_eq "$(ui_pane Saved | grep -c "Library extends its evening hours")" 1 \
	"the Saved view lists it once, now from the cache"
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE flagged = 1")" 1 "(flagged in the cache)"
ui_keys q F
ui_expect "(unread/total stories of each)" "F again"
t_has "$(ui_screen | grep "Millbrook Courier")" " 2/4 " "the feed's count, now the cache's"
ui_keys q q
ui_expect_exit "crier quits, nothing waiting"

# What quit names on stderr (after the screen is given back) is cleaned: a title with
# terminal escapes loses its control characters. Feeds are cleaned as they are read now,
# but a cache written by an older crier (a JSON Feed's "\u001b" reached it as it was)
# or by another program may hold them: the titles are put back raw in the cache, as such
# a cache has them. The hostile feed's two stories are the newest: u and Enter mark them.
hostile_item() { # ID
	printf '{"id":"h%s","url":"%s/h%s","date_published":"2026-12-0%sT10:00:00Z",' "$1" "$SERVER_URL" "$1" "$1"
	printf '"title":"Esc\\u001b]0;pwned\\u0007 and \\u001b[31mred %s","content_text":"x"}' "$1"
}
printf '{"version":"https://jsonfeed.org/version/1.1","title":"Hostile","items":[%s,%s]}' \
	"$(hostile_item 1)" "$(hostile_item 2)" >"$T_TMP/root/hostile.json"
echo "$SERVER_URL/hostile.json" >>"$XDG_CONFIG_HOME/crier/urls"
ui_start 100 30 -r
ui_expect "reloaded 3 feeds, 0 failed" "crier starts again and loads the hostile feed"
ui_keys q
ui_expect_exit "crier quits"
# (the search index's triggers call crier's own function: a stand-in, the index is not used)
python3 - "$CACHE" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.create_function("crier_text", 2, lambda summary, content: "")
for n in (1, 2):
	c.execute("UPDATE items SET title = ? WHERE guid = ?",
		  ("Esc\x1b]0;pwned\x07 and \x1b[31mred %d" % n, "h%d" % n))
c.commit()
PY
t_eq "$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE title LIKE 'Esc' || char(27) || '%'")" 2 \
	"(two titles with ESC in the cache)"
ui_start 100 30
ui_expect "Esc]0;pwned and [31mred 2" "crier starts again, the titles cleaned on the screen"
hold
ui_keys g u
ui_expect "1 mark waiting for the cache lock" "u on a hostile story waits for the lock" 5
ui_keys j Enter
ui_expect "2 marks waiting for the cache lock" "so does opening the next one" 5
ui_keys q q
_i=0
while ! ui_exited && [ $_i -lt 300 ]; do sleep 0.05; _i=$((_i + 1)); done
t_eq "$(cat "$T_TMP/exit" 2>/dev/null)" "crier-exited-1" "crier ends with status 1 (marks lost)"
err=$(cat "$T_TMP/crier.stderr")
t_eq "$(printf '%s\n' "$err" | grep -c '^  the read mark of "Esc\]0;pwned and \[31mred [12]"$')" 2 \
	"both titles are named, without their control characters"
t_eq "$(tr -dc '\033\007' <"$T_TMP/crier.stderr" | wc -c)" 0 "no ESC or BEL byte reaches stderr"
hold_end

t_done
