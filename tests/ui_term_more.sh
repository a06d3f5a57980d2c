#!/bin/sh
# The more-from pane (tmux, 160x48 then 80x24): every section of a page with its heading
# ("More from ..." and "Related"), each teaser's title, summary and its own photo caption
# and credit (set apart, and not in the captions pane), the status line's position in the
# focused pane, and the captions pane showing each caption with its whole credit.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/wrenholt.xml" >"$XDG_CONFIG_HOME/crier/urls"

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows" -r
	ui_expect "reloaded 1 feed," "$size: the reload ended"
	ui_keys Enter
	ui_expect "steam crane on Wrenholt quay" "$size: the page's body shows" 15
	ui_expect "More from The Wrenholt Tide" "$size: the more-from pane is shown"
	ui_tmux resize-window -t crier -x "$cols" -y "$rows" 2>/dev/null
	sleep 0.3
	# `m`: the more-from pane has the focus; the status line counts its links
	ui_keys m
	ui_expect " link 1/4" "$size: the status line shows the position among the links"
	more=$(ui_pane "More from The Wrenholt Tide")
	t_has "$more" "Slate barge Petronel sold to a museum" "$size: a teaser's title"
	t_has "$more" "moored at Cobb Wharf" "$size: a teaser's summary"
	t_has "$more" "The Petronel under tow past the lighthouse" "$size: a teaser's photo caption"
	t_has "$more" "Marek Halloran" "$size: a teaser's photo credit"
	t_hasnt "$more" "Photo:" "$size: the teaser credit's 'Photo:' prefix is dropped"
	# the credit is set apart: indented under its caption, dim or italic
	line=$(ui_tmux capture-pane -p -e -t crier | grep -- "Marek Halloran" | head -n 1)
	case "$line" in
	*"[2m"*|*"[3m"*|*";2m"*|*";3m"*|*"[2;"*|*"[3;"*) t_pass "$size: the teaser's credit is dim or italic";;
	*) t_fail "$size: the teaser's credit is dim or italic: $line";;
	esac
	t_has "$(ui_screen | grep -- "Marek Halloran")" "      Marek Halloran" "$size: the teaser's credit is indented under its caption"
	caps=$(ui_pane "Captions & credits")
	t_hasnt "$caps" "Marek Halloran" "$size: the teaser's credit is not a caption of the story"
	t_hasnt "$caps" "Petronel under tow" "$size: the teaser's caption is not a caption of the story"
	t_hasnt "$(ui_pane "Story")" "Petronel under tow" "$size: the teaser's caption is not in the body"

	# both sections reachable, the second with its own heading
	ui_keys j
	ui_expect " link 2/4" "$size: j moves to the second link"
	ui_keys j j
	ui_expect " link 4/4" "$size: the last link is reached"
	scr=$(ui_screen)
	t_has "$scr" "Sunday steam: a day with the crane club" "$size: the Related section's last link shows"
	t_has "$scr" "The Tarnbury foundry" "$size: the Related section's first link shows"
	if printf '%s\n' "$scr" | grep -qE -- "(^|│|─ )Related( |$)"; then
		t_pass "$size: the Related section has its heading"
	else
		t_fail "$size: the Related section has its heading:
$scr"
	fi
	t_hasnt "$(ui_pane "Story")" "Sunday steam" "$size: the related links are not in the body"
	ui_keys k k k
	ui_expect " link 1/4" "$size: k goes back to the first link"
	ui_expect "More from The Wrenholt Tide" "$size: the first section's heading shows again"
	ui_keys Enter
	ui_expect "for one pound and a promise" "$size: Enter opens the teaser's story" 15
	ui_keys h
	ui_expect "steam crane on Wrenholt quay" "$size: h comes back"
	# a click on the second teaser's title (its rows come after the first's photo lines)
	ui_keys m
	ui_expect "› Fish market roof" "$size: the second teaser's title shows"
	row=$(ui_screen | grep -n "› Fish market roof" | head -n 1 | cut -d: -f1)
	col=$(ui_screen | grep "› Fish market roof" | head -n 1 | python3 -c 'import sys; l = sys.stdin.readline(); print(l.index("›") + 3)')
	ui_keys -l "$(printf '\033[<0;%d;%dM' "$col" "$row")"
	ui_keys -l "$(printf '\033[<0;%d;%dm' "$col" "$row")"
	ui_expect "stallholder" "$size: a click on a teaser's title opens that story" 15
	ui_keys h
	ui_expect "steam crane on Wrenholt quay" "$size: h comes back from the clicked story"

	# the captions pane: every caption with its whole credit, one figure per photo (the
	# feed's Media RSS caption of the lead photo merged into the page's), scrolled by figure
	ui_keys m BTab
	if [ "$size" = 160x48 ]; then
		ui_expect " photos 1-2/2" "$size: the status line shows the photos in view"
	else
		ui_expect " photo 1/2" "$size: the status line shows the position among the photos"
	fi
	caps=$(ui_pane "Captions & credits" | tr -d '\n ')
	t_has "$caps" "beforetherain." "$size: the lead caption shows to its end"
	t_has "$caps" "BettanyOduya/QuaysidePictures" "$size: the lead photo's whole credit shows"
	# counted in the pane's text joined (a narrow captions column wraps it)
	n=$(printf '%s\n' "$caps" | grep -o "Thesteamcraneliftsacrate" | wc -l)
	t_eq "$n" 1 "$size: the feed's caption of the lead photo is not shown a second time"
	t_hasnt "$(ui_pane "Story" | tr -d '\n ')" "Thesteamcraneliftsacrate" "$size: nor in the body"
	if [ "$size" = 80x24 ]; then
		# the strip shows a figure whole or not at all, and scrolls to the next one
		t_hasnt "$caps" "boiler" "$size: the second caption waits below, not cut"
		t_has "$(ui_screen)" "Captions & credits  1 of 2" "$size: the strip's header tells a photo waits below"
		ui_keys j
		ui_expect " photo 2/2" "$size: j moves to the next photo"
	fi
	caps=$(ui_pane "Captions & credits" | tr -d '\n ')
	t_has "$caps" "rivetedtogether." "$size: the second caption shows to its end"
	t_has "$caps" "CosmoVenn" "$size: the second photo's credit shows with it"
	if [ "$size" = 80x24 ]; then
		ui_keys k
		ui_expect " photo 1/2" "$size: k moves back to the first photo"
		t_has "$(ui_pane "Captions & credits" | tr -d '\n ')" "BettanyOduya/QuaysidePictures" "$size: the lead credit shows again"
	fi

	ui_keys q q q
	ui_expect_exit "$size: q backs out, then quits"
	ui_tmux kill-server 2>/dev/null
done

# the bundled demo's footbridge story has "More from The Kelderwick Lantern" and "Related"
rm -rf "$XDG_DATA_HOME/crier"
ui_start 120 36 --demo
ui_expect "New footbridge over the Sallow opens" "demo: the list shows"
ui_keys G k Enter
ui_expect "It is narrow, it is green" "demo: the footbridge story opens"
ui_keys m
ui_expect " link 1/4" "demo: m focuses the four more-from links"
t_has "$(ui_pane "More from The Kelderwick Lantern")" "Ferry Mabel returns" "demo: the first section's links"
ui_keys j j j
ui_expect " link 4/4" "demo: the last link is reached"
scr=$(ui_screen)
t_has "$scr" "Storm Odile: what the flood wall did" "demo: the Related section's link shows"
if printf '%s\n' "$scr" | grep -qE -- "(│|─ )Related( |$)"; then
	t_pass "demo: the Related section has its heading"
else
	t_fail "demo: the Related section has its heading:
$scr"
fi
ui_keys q q
ui_expect_exit "demo: q quits"
t_done
