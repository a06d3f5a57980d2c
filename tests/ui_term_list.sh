#!/bin/sh
# The story list in a real terminal (tmux) at 80x24 and 160x48: titles, dates and feeds in
# aligned columns (CJK too), a hostile title shown harmlessly, search, help, feeds view.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
cat >"$XDG_CONFIG_HOME/crier/urls" <<URLS
$SERVER_URL/courier.xml "~The Millbrook Courier" town
$SERVER_URL/minato.xml
$SERVER_URL/odd.xml odd
URLS

for size in 80x24 160x48; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows" -r
	ui_expect "Footbridge over the Teal" "$size: the list shows the stories after the reload"
	ui_expect "reloaded 3 feeds" "$size: the status line reports the reload"
	scr=$(ui_screen)
	t_has "$scr" "新しい灯台が完成しました" "$size: a CJK title is listed"
	t_has "$scr" "Orchard festival" "$size: older stories are listed too"
	t_has "$scr" "unread" "$size: the status line counts unread stories"
	# the title column starts at the same display column whatever the feed's script
	c1=$(printf '%s\n' "$scr" | python3 "$top_srcdir/tests/ui_col.py" "Footbridge over")
	c2=$(printf '%s\n' "$scr" | python3 "$top_srcdir/tests/ui_col.py" "新しい灯台")
	c3=$(printf '%s\n' "$scr" | python3 "$top_srcdir/tests/ui_col.py" "Library extends")
	t_eq "$c2" "$c1" "$size: the CJK title is aligned with the others"
	t_eq "$c3" "$c1" "$size: the titles are aligned"
	# the hostile title: its control sequences did nothing (no clear, no window title)
	t_has "$scr" "Mayor" "$size: the hostile title is shown"
	t_has "$scr" "over the canal plan" "$size: the hostile title is shown whole"
	ptitle=$(ui_tmux display-message -p -t crier '#{pane_title}')
	t_hasnt "$ptitle" "HACKED" "$size: no title escape reached the terminal"
	lines=$(printf '%s\n' "$scr" | wc -l)
	t_eq "$lines" "$rows" "$size: the screen is whole"

	# help, generated from the key table
	ui_keys '?'
	ui_expect "Keys (q closes this help)" "$size: ? shows the help"
	# the whole help drawn (a capture may catch the terminal mid-update under load)
	ui_expect "Open the story or link under the cursor" "$size: the help lists the table's descriptions"
	scr=$(ui_screen)
	t_has "$scr" "Enter l Right" "$size: the help lists the keys as the keyboard names them"
	t_has "$scr" "Shift-Tab" "$size: Shift-Tab, not a curses name"
	t_hasnt "$scr" "NPAGE" "$size: no curses key name"
	# the table is longer than 24 rows: the help scrolls to its last row
	ui_keys G
	ui_expect "Back out of a view, then quit" "$size: the help scrolls to the table's last key"
	ui_keys q
	ui_expect "Footbridge over the Teal" "$size: q closes the help"

	# search titles and bodies
	ui_keys / l i b r a r y Enter
	ui_expect "[/library]" "$size: the search shows in the list header"
	scr=$(ui_pane "Stories")
	t_has "$scr" "Library extends" "$size: the search finds the story"
	t_hasnt "$scr" "Orchard festival" "$size: the search leaves out the others"
	ui_keys q
	ui_expect "Orchard festival" "$size: q clears the search"

	# the feeds view with unread counts
	ui_keys F
	ui_expect "Feeds  3" "$size: F shows the feeds"
	scr=$(ui_screen)
	t_has "$scr" "4/4" "$size: the feeds view counts unread/total"
	t_has "$scr" "The Millbrook Courier" "$size: the feeds view shows the custom title"
	ui_keys q
	ui_expect "Footbridge over the Teal" "$size: q leaves the feeds view"
	ui_keys q
	ui_expect_exit "$size: q quits"
	ui_tmux kill-server 2>/dev/null
done

# No locale at all (LC_ALL=C, as a bare container has): crier's text is UTF-8, so the
# titles still show whole instead of losing their non-ASCII letters.
UI_ENV="LC_ALL=C LANG=C" ui_start 80 24
ui_expect "新しい灯台が完成しました" "no locale: a CJK title is shown whole"
ui_keys q
ui_expect_exit "no locale: q quits"
t_done
