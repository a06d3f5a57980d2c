#!/bin/sh
# Room to read (issue 13 point 1), in tmux at 160x48 and 80x24: the story pane gets the
# room, the list keeps a few rows, the captions and more-from panes are as tall as what
# they hold (no empty rows), and a page that arrives with photos does not move the text
# already on screen: the headline and byline stay on the same rows and columns. Body
# lines keep to text_width, also when the story has the whole 160 columns. The layout
# setting takes the issue's names (stacked, side-by-side, story-only) and the older ones.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/slowpage.xml" >"$XDG_CONFIG_HOME/crier/urls"

# row:column of the first line of stdin (a screen) where a body line starts with TEXT (at
# the screen's left edge or right after a pane border), or "none"
where() {
	python3 -c '
import sys, unicodedata
t = sys.argv[1]
for y, line in enumerate(sys.stdin):
    for x0 in [0] + [i + 1 for i, c in enumerate(line) if c == "\u2502"]:
        if line.startswith(t, x0):
            cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:x0])
            print("%d:%d" % (y, cols))
            sys.exit(0)
print("none")' "$1"
}
# the widest line of stdin, in display columns
widest() {
	python3 -c '
import sys, unicodedata
print(max([sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n"))
           for l in sys.stdin] or [0]))'
}

# ends_with_text TEXT PANE: the pane's last row has text (no empty rows kept under it)
ends_with_text() {
	if [ -n "$(printf '%s\n' "$1" | tail -n 1)" ]; then
		t_pass "$size: $2 ends with its text, no empty rows"
	else
		t_fail "$size: $2 has empty rows: $scr"
	fi
}

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows" -r
	ui_expect "reloaded 1 feed," "$size: the reload ended"
	# the first story's page takes 4 s: the feed's text shows first
	ui_keys g Enter
	ui_expect "loading article" "$size: the page is on its way"
	# one capture, read while the page is still on its way
	scr0=$(ui_screen)
	head0=$(printf '%s\n' "$scr0" | where "Footbridge over the Teal reopens")
	by0=$(printf '%s\n' "$scr0" | where "Orla Penhallow")
	story0=$(printf '%s\n' "$scr0" | grep -n -- "─ Story" | head -n 1 | cut -d: -f1)
	case $scr0 in
	*"loading article"*) t_pass "$size: the positions were read before the page came ($head0, $by0)";;
	*) t_fail "$size: the page came before the first capture (machine too slow?): $scr0";;
	esac
	ui_expect "Walkers crossed the Teal" "$size: the page's body shows" 15
	ui_expect "Captions & credits" "$size: the page brought a captions pane"
	sleep 0.3
	scr1=$(ui_screen)
	t_eq "$(printf '%s\n' "$scr1" | where "Footbridge over the Teal reopens")" "$head0" "$size: the headline did not move when the page came"
	t_eq "$(printf '%s\n' "$scr1" | where "Orla Penhallow")" "$by0" "$size: the byline did not move when the page came"
	t_eq "$(printf '%s\n' "$scr1" | grep -n -- "─ Story" | head -n 1 | cut -d: -f1)" "$story0" "$size: the story pane did not move"
	case $head0 in none) t_fail "$size: the headline was not found before the page came";; esac

	# proportions: the story has most rows, the list a few, the strips no empty rows
	scr=$(ui_screen)
	body_rows=$(ui_pane "Story" | wc -l)
	list_rows=$(ui_pane "Stories" | grep -c '[0-9][0-9]-[0-9][0-9] ')
	if [ "$cols" -lt 120 ]; then
		if [ "$body_rows" -ge $((rows * 2 / 5)) ]; then
			t_pass "$size: the story pane has $body_rows rows"
		else
			t_fail "$size: the story pane has only $body_rows rows: $scr"
		fi
		if [ "$list_rows" -ge 3 ] && [ "$list_rows" -le $((rows / 4)) ]; then
			t_pass "$size: the list keeps $list_rows rows"
		else
			t_fail "$size: the list has $list_rows rows: $scr"
		fi
		caps=$(ui_pane "Captions & credits")
		t_has "$caps" "Volunteers carry" "$size: the caption shows in its strip"
		t_has "$caps" "Ada Thornquist" "$size: with its credit"
		ends_with_text "$caps" "the captions strip"
	else
		if [ "$body_rows" -ge $((rows * 2 / 3)) ]; then
			t_pass "$size: the story pane has $body_rows rows"
		else
			t_fail "$size: the story pane has only $body_rows rows: $scr"
		fi
		bw=$(ui_pane "Story" | widest)
		# the whole measure, as before the page came: the captions did not squeeze it
		if [ "$bw" -le 80 ] && [ "$bw" -ge 70 ]; then
			t_pass "$size: body lines keep their measure (text_width 80) beside the captions ($bw)"
		else
			t_fail "$size: a body line is $bw columns: $scr"
		fi
	fi
	more=$(ui_pane "More from The Millbrook Courier")
	t_has "$more" "Library extends its evening hours" "$size: the more-from pane lists the links"
	ends_with_text "$more" "the more-from pane"
	ui_keys q q
	ui_expect_exit "$size: q backs out, then quits"
done

# text_width at 160 columns: the story alone (z) has the whole width, its lines keep to
# the measure (the default 80, then 60 and 50 from the config); at 50 the header line
# breaks between its parts
for tw in 80 60 50; do
	[ "$tw" = 80 ] || echo "text-width $tw" >"$XDG_CONFIG_HOME/crier/config"
	ui_start 160 48
	ui_expect "Footbridge over the Teal" "text_width $tw: the list shows"
	ui_keys g j Enter
	ui_expect "librarian" "text_width $tw: the story's page shows" 15
	ui_keys z
	ui_expect "Story" "text_width $tw: z"
	sleep 0.3
	if ui_screen | grep -q "^─ Stories"; then
		t_fail "text_width $tw: z left the list on screen: $(ui_screen)"
	fi
	body=$(ui_pane "Story" | sed '$d') # the status line ends the pane
	bw=$(printf '%s\n' "$body" | widest)
	if [ "$bw" -le "$tw" ] && [ "$bw" -ge $((tw - 15)) ]; then
		t_pass "text_width $tw: at 160 columns the body lines are at most $tw wide ($bw)"
	else
		t_fail "text_width $tw: the widest body line is $bw columns: $(ui_screen)"
	fi
	if [ "$tw" = 50 ]; then
		# the header line (59 columns) breaks between its parts, not inside the site
		trimmed=$(printf '%s\n' "$body" | sed 's/^ *//; s/ *$//')
		t_has "$trimmed" "Hesper Vaunce · 2026-11-13 17:00 UTC
The Millbrook Courier" "text_width 50: the header breaks between the date and the site"
		if printf '%s\n' "$trimmed" | grep -q '·$'; then
			t_fail "text_width 50: a header line ends in a dot: $body"
		else
			t_pass "text_width 50: no line ends in a dot"
		fi
	fi
	ui_keys q q
	ui_expect_exit "text_width $tw: q quits"
done
rm -f "$XDG_CONFIG_HOME/crier/config"

# The layout setting's values are the issue's words (stacked, side by side, story only);
# an older config's names (narrow, wide, story) still work. Each is tried at the size
# where auto would pick another: stacked at 160x48, side-by-side at 80x24.
# shown: what the screen's panes are: stacked, side-by-side, story-only or none
shown() {
	ui_screen | python3 -c '
import sys
rows = sys.stdin.read().split("\n")
if rows[0].startswith("\u2500 Story "):
    print("story-only")
elif "\u2502\u2500 Story " in rows[0]:
    print("side-by-side")
elif any(r.startswith("\u2500 Story ") for r in rows[1:]):
    print("stacked")
else:
    print("none")'
}
for v in stacked:160x48:stacked side-by-side:80x24:side-by-side story-only:160x48:story-only \
	narrow:160x48:stacked wide:80x24:side-by-side story:80x24:story-only; do
	value=${v%%:*} size=${v#*:} size=${size%:*} want=${v##*:}
	echo "layout $value" >"$XDG_CONFIG_HOME/crier/config"
	ui_start "${size%x*}" "${size#*x}"
	ui_expect "Footbridge over the Teal" "layout $value: the list shows"
	ui_keys g Enter
	ui_expect "─ Story " "layout $value: a story opens"
	sleep 0.3
	t_eq "$(shown)" "$want" "layout $value at $size: the panes are $want"
	t_hasnt "$(ui_screen)" "is not one of" "layout $value: no complaint about the value"
	ui_keys q q q
	ui_expect_exit "layout $value: q quits"
done
# a value it does not know: the complaint names the values to use
echo "layout sideways" >"$XDG_CONFIG_HOME/crier/config"
ui_start 160 48
ui_expect "Footbridge over the Teal" "layout sideways: the list shows"
ui_keys e
ui_expect "─ Errors" "layout sideways: e lists the errors"
t_has "$(ui_pane "Errors" | tr -d '\n')" "layout: 'sideways' is not one of auto|stacked|side-by-side|story-only" \
	"layout sideways: the error names the values"
ui_keys q q
ui_expect_exit "layout sideways: q quits"
rm -f "$XDG_CONFIG_HOME/crier/config"
t_done
