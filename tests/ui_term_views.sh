#!/bin/sh
# The other views and the config file, in tmux: the error list (per feed: URL, time,
# reason), the tag filter, reloading one feed, bind-key, a bad config line named by file
# and line while crier starts anyway, confirm_quit, and NO_COLOR.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
cat >"$XDG_CONFIG_HOME/crier/urls" <<URLS
$SERVER_URL/seq/courier.xml,courier2.xml town
$SERVER_URL/minato.xml harbour
$SERVER_URL/status/500 broken
URLS
cat >"$XDG_CONFIG_HOME/crier/config" <<CONF
# test config
bind-key x help
confirm_quit yes
no_such_setting 3
CONF

ui_start 100 30 -r
ui_expect "reloaded 3 feeds, 1 failed" "the reload reports the failed feed"
# the error list: the failing feed's URL and reason, and the bad config line
ui_keys e
ui_expect "Errors" "e opens the error list"
scr=$(ui_screen)
t_has "$scr" "$SERVER_URL/status/500" "the error list names the feed's URL"
t_has "$scr" "500" "the error list gives the reason"
t_has "$scr" "config:4" "the bad config line is named by file and line"
t_has "$scr" "$(date +%Y-%m-%d)" "the error list gives the time"
ui_keys q
ui_expect "新しい灯台" "q leaves the error list"

# bind-key from the config: x opens the help
ui_keys x
ui_expect "Keys (q closes this help)" "bind-key x help works"
ui_keys q

# tag filter
ui_keys t h a r b o u r Enter
ui_expect "[tag harbour]" "the tag filter shows in the list header"
scr=$(ui_pane "Stories")
t_has "$scr" "新しい灯台" "the tag filter keeps the tagged feed's stories"
t_hasnt "$scr" "Footbridge" "the tag filter leaves out the others"

# r reloads this feed only
before_c=$(grep -c '"/seq/courier.xml' "$SERVER_LOG")
before_m=$(grep -c '"/minato.xml"' "$SERVER_LOG")
ui_keys r
i=0
while [ "$(grep -c '"/minato.xml"' "$SERVER_LOG")" -eq "$before_m" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.2
t_eq "$(grep -c '"/minato.xml"' "$SERVER_LOG")" "$((before_m + 1))" "r fetches the feed under the cursor"
t_eq "$(grep -c '"/seq/courier.xml' "$SERVER_LOG")" "$before_c" "r leaves the other feeds alone"
ui_keys q
ui_expect "Footbridge" "q clears the tag filter"

# u toggles the read mark of the story under the cursor; A marks its feed read
ui_keys g u
ui_wait_re "^ 1/5  4 unread" 5
first=$(ui_pane "Stories" | head -n 1)
case "$first" in "N "*) t_fail "u: the N mark stayed: $first";; *) t_pass "u: the N mark is gone";; esac
ui_keys u
ui_wait_re "^ 1/5  5 unread" 5
case "$(ui_pane "Stories" | head -n 1)" in "N "*) t_pass "u again: unread again";; *) t_fail "u again: not unread";; esac
# A marks what the view shows: here every story, of two feeds, so it asks first
ui_keys A
ui_expect "Mark 5 stories of 2 feeds read? (y/n)" "A in the list of every story asks first"
ui_keys y
if ui_wait_re "^ 1/5  0 unread" 5; then t_pass "y: A marked every story read"; else t_fail "A: $(ui_screen | tail -n 1)"; fi

# R: a newer story arrives above the cursor, which stays on its story
ui_keys R
if ui_wait_re "^ 2/6" 10; then t_pass "the cursor follows its story when a newer one arrives"; else t_fail "cursor after reload: $(ui_screen)"; fi
t_has "$(ui_pane "Stories")" "Harbour lights switched on" "the new story is listed"
ui_keys Enter
ui_expect "─ Story" "Enter opens the story under the cursor"
t_has "$(ui_pane "Story" | head -n 2)" "Footbridge over the Teal" "the story under the cursor is still the one it was on"
ui_keys q

# the mouse (SGR reports, as xterm sends them): a click on the third row opens that
# story, the wheel over the list moves down it
third=$(ui_pane "Stories" | sed -n 3p | python3 -c "import sys; print(sys.stdin.read()[30:60])")
ui_keys -l "$(printf '\033[<0;20;4M')"
ui_keys -l "$(printf '\033[<0;20;4m')"
ui_expect "─ Story" "a click opens a story"
sleep 0.3
t_has "$(ui_pane "Story" | head -n 2)" "$third" "the click opened the story on the clicked row"
ui_keys -l "$(printf '\033[<65;50;3M')"
if ui_wait_re "^ 6/6" 5; then t_pass "the wheel over the list moves its cursor"; else t_fail "wheel: $(ui_screen | tail -n 1)"; fi

# colours by default: the status line has a background colour
t_has "$(ui_tmux capture-pane -p -e -t crier | tail -n 1)" "[44m" "the status line is coloured"
# confirm_quit: q asks, n stays, y quits
ui_keys q
ui_expect "Quit crier? (y/n)" "confirm_quit asks before quitting"
ui_keys n
sleep 0.2
if ui_exited; then t_fail "n quit anyway"; else t_pass "n keeps crier running"; fi
ui_keys q
ui_expect "Quit crier? (y/n)" "asked again"
ui_keys y
ui_expect_exit "y quits"
ui_tmux kill-server 2>/dev/null

# NO_COLOR: bold and reverse only
UI_ENV="NO_COLOR=1"
ui_start 100 30
ui_expect "Footbridge" "the list with NO_COLOR"
last=$(ui_tmux capture-pane -p -e -t crier | tail -n 1)
t_hasnt "$last" "[44m" "NO_COLOR: no background colour on the status line"
t_has "$last" "7m" "NO_COLOR: the status line is in reverse video"
t_done
