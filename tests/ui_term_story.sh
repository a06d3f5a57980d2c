#!/bin/sh
# A story in its panes (tmux, 160x48 then 80x24): the page fetched and extracted on open,
# its body in the body pane, its caption and credit in the captions pane and not in the
# body, a more-from link followed and the way back, and a resize from wide to narrow.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/courier.xml" >"$XDG_CONFIG_HOME/crier/urls"

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows" -r
	ui_expect "Footbridge over the Teal" "$size: the list shows"
	ui_expect "reloaded 1 feed," "$size: the reload ended"
	# the first story is a teaser: its page is fetched, extracted, shown
	ui_keys Enter
	ui_expect "Walkers crossed the Teal" "$size: the page's body shows after it is fetched" 15
	ui_expect "Captions & credits" "$size: the captions pane is shown"
	body=$(ui_pane "Story")
	caps=$(ui_pane "Captions & credits")
	t_has "$body" "Footbridge over the Teal reopens" "$size: the body pane starts with the headline"
	t_has "$body" "Orla Penhallow" "$size: the byline is shown"
	t_has "$body" "Walkers crossed the Teal" "$size: the body's first paragraph is shown"
	t_has "$caps" "Volunteers carry" "$size: the caption is in the captions pane"
	t_has "$caps" "Ada Thornquist" "$size: the credit is in the captions pane"
	t_hasnt "$caps" "Photo:" "$size: the credit's 'Photo:' prefix is dropped"
	t_hasnt "$body" "Volunteers carry" "$size: the caption is not in the body"
	t_hasnt "$body" "Ada Thornquist" "$size: the credit is not in the body"
	t_hasnt "$body" "Library extends its evening" "$size: the more-from links are not in the body"
	more=$(ui_pane "More from The Millbrook Courier")
	t_has "$more" "Library extends its evening hours" "$size: the more-from pane lists the links"

	# scroll the body, then follow a more-from link and come back to the same place
	ui_keys j j
	sleep 0.2
	before=$(ui_pane "Story")
	ui_keys m
	ui_keys Enter
	ui_expect "Margery Tull" "$size: Enter on a more-from link opens that story" 15
	body=$(ui_pane "Story")
	t_has "$body" "Library extends its evening hours" "$size: the followed story's headline"
	t_has "$(ui_screen)" "(h: back)" "$size: the way back is shown"
	# a numbered link of the body: 1 follows it, h comes back
	ui_keys 1
	ui_expect "A second paragraph follows" "$size: 1 follows the story's first link" 15
	t_has "$(ui_pane "Story")" "Ferry timetable changes for winter" "$size: the linked story's headline"
	ui_keys h
	ui_expect "Margery Tull" "$size: h returns from the linked story"
	ui_keys h
	ui_expect "Footbridge over the Teal reopens" "$size: h returns to the first story"
	sleep 0.2
	after=$(ui_pane "Story")
	t_eq "$after" "$before" "$size: the first story comes back at its scroll position"

	# Media RSS: the feed's media:description and media:credit in the captions pane
	ui_keys q
	ui_keys g j j Enter
	ui_expect "A second paragraph follows" "$size: the third story's page is shown" 15
	ui_expect "Senna Quayle" "$size: the feed's media credit is shown"
	caps=$(ui_pane "Captions & credits")
	t_has "$caps" "Apprentice Wil" "$size: the feed's media caption is in the captions pane"
	t_has "$caps" "Senna Quayle" "$size: the feed's media credit is in the captions pane"
	t_hasnt "$(ui_pane "Story")" "Senna Quayle" "$size: the media credit is not in the body"
	ui_keys q g Enter
	ui_expect "Walkers crossed the Teal" "$size: the first story again, from the cache"

	if [ "$size" = 160x48 ]; then
		# resize from wide to narrow: list above, story below, captions as a strip
		ui_tmux resize-window -t crier -x 80 -y 24
		sleep 0.1
		i=0
		while [ $i -lt 100 ]; do
			w=$(ui_screen | head -n 1 | python3 -c 'import sys; print(len(sys.stdin.read().rstrip("\n")))')
			[ "$w" -le 80 ] && break
			sleep 0.05
			i=$((i + 1))
		done
		ui_expect "Captions & credits" "resize: the captions strip is shown at 80x24"
		scr=$(ui_screen)
		c_list=$(printf '%s\n' "$scr" | python3 "$top_srcdir/tests/ui_col.py" "─ Stories")
		c_story=$(printf '%s\n' "$scr" | python3 "$top_srcdir/tests/ui_col.py" "─ Story ")
		t_eq "$c_list:$c_story" "0:0" "resize: list and story are stacked in one column"
		l_list=$(printf '%s\n' "$scr" | grep -n -- "─ Stories" | cut -d: -f1)
		l_story=$(printf '%s\n' "$scr" | grep -n -- "─ Story " | cut -d: -f1)
		if [ -n "$l_list" ] && [ -n "$l_story" ] && [ "$l_list" -lt "$l_story" ]; then
			t_pass "resize: the list is above the story"
		else
			t_fail "resize: the list is above the story:
$scr"
		fi
		t_has "$(ui_pane "Captions & credits")" "Ada Thornquist" "resize: the credit is still in its pane"
		# tiny sizes: still alive, showing what fits
		for s in 20x5 12x3 1x1 40x10; do
			ui_tmux resize-window -t crier -x "${s%x*}" -y "${s#*x}"
			sleep 0.15
		done
		ui_tmux resize-window -t crier -x 160 -y 48
		ui_expect "Captions & credits" "resize: back to wide after tiny sizes"
		if ui_exited; then t_fail "resize: crier died: $(cat "$T_TMP/exit")"; else t_pass "resize: crier survives 20x5, 12x3 and 1x1"; fi
	fi
	ui_keys q q q
	ui_expect_exit "$size: q backs out, then quits"
	ui_tmux kill-server 2>/dev/null
done
t_done
