#!/bin/sh
# The story's more-from links by number (issue 13, point 4), in tmux at 160x48 and 80x24:
# the links view numbers them on from the body's links, and typing a number follows the
# link the view shows with it, from the story and from the links view. At 80x12, where
# the more-from pane has no room, m lists them in the links view instead of saying there
# are none.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/courier.xml" >"$XDG_CONFIG_HOME/crier/urls"
status() { ui_screen | tail -n 1; }
# the library story: one link in its body ([1], the ferry page), two more-from links
library() { # WHAT
	ui_keys / l i b r a r y Enter
	ui_expect "1 story matches" "$size: $1: a search for the library story"
	ui_keys Enter
	ui_expect "Hesper Vaunce" "$size: $1: its page shows" 15
}

for size in 160x48 80x24 80x12; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows" -r
	ui_expect "reloaded 1 feed, 0 failed" "$size: the feed loads"
	library "numbers"
	if [ "$size" = 80x12 ]; then
		# no room for the more-from pane: m lists the links, at the first more-from one
		ui_keys m
		ui_expect "─ Links" "$size: m lists the links where the more-from pane has no room"
		t_hasnt "$(status)" "no more-from links" "$size: m does not say there are none"
		t_has "$(status)" "no room for the more-from pane" "$size: m says why it shows the links view"
		ui_keys Enter
		ui_expect "Walkers crossed the Teal" "$size: the cursor was on the first more-from link: Enter follows it" 15
		ui_keys h q q q
		ui_expect_exit "$size: q quits"
		continue
	fi
	ui_keys L
	ui_expect "─ Links  3" "$size: L lists the story's three links"
	links=$(ui_pane "Links")
	t_has "$links" "[1] $SERVER_URL/pages/ferry.html" "$size: the body's link is [1]"
	t_has "$links" "[2] › Footbridge over the Teal reopens after repairs" "$size: the first more-from link is [2]"
	t_has "$links" "[3] › Ferry timetable changes for winter" "$size: the second is [3]"
	# a number typed in the links view follows the link shown with it
	ui_keys 2
	ui_expect "Walkers crossed the Teal" "$size: 2 in the links view follows the more-from link [2]" 15
	ui_keys h
	ui_expect "Hesper Vaunce" "$size: h comes back to the library story"
	# and from the story itself
	ui_keys 3
	ui_expect "─ Story  (h: back)" "$size: 3 in the story follows link [3]" 15
	t_has "$(ui_pane "Story  (h: back)" | sed -n 1,2p)" "Ferry timetable changes for winter" \
		"$size: the more-from link's page, with its title"
	ui_keys h 4
	ui_expect "no link 4 in this story" "$size: a number past the last link says so"
	ui_keys q q q
	ui_expect_exit "$size: q quits"
done
t_done
