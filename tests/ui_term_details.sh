#!/bin/sh
# What issue 13 built and was only checked by hand, in tmux at 160x48 and 80x24: y copies
# a link through the terminal (OSC 52) only with osc52 yes; a message too long for the
# status line shows its start, "…" and its end; the help's header says which lines show
# and that it scrolls; a story opened through a more-from link is marked read in the
# list even when the list on screen (a search) does not hold it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
cat >"$XDG_CONFIG_HOME/crier/urls" <<URLS
$SERVER_URL/courier.xml
$SERVER_URL/details.xml
URLS
status() { ui_screen | tail -n 1; }
LIB_URL=$SERVER_URL/pages/library.html
# footbridge_links WHAT: search the footbridge story, open it, list its links (L)
footbridge_links() {
	ui_keys / f o o t b r i d g e Enter
	ui_expect "1 story match" "$size: $1: a search for one story"
	ui_keys Enter
	ui_expect "Walkers crossed the Teal" "$size: $1: its page shows" 15
	ui_keys L
	ui_expect "─ Links" "$size: $1: L lists the links"
}

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	rm -f "$XDG_CONFIG_HOME/crier/config"

	# osc52 off (the default): y copies nothing and says how to turn it on
	ui_start "$cols" "$rows" -r
	ui_tmux set-option -s set-clipboard on
	ui_expect "reloaded 2 feeds," "$size: the reload ended"
	footbridge_links "osc52 no"
	ui_keys y
	ui_expect "copying is off: set osc52 yes" "$size: y with osc52 off says so"
	t_eq "$(ui_tmux list-buffers 2>/dev/null | wc -l)" 0 "$size: with osc52 off nothing reached the terminal's clipboard"
	ui_keys q

	# a more-from link to a story the searched list does not hold: read in the list too
	ui_keys m
	ui_expect "Library extends" "$size: the more-from pane"
	ui_keys Enter
	ui_expect "Margery Tull" "$size: Enter on the more-from link opens the library story" 15
	ui_keys h q Escape
	ui_expect "Orchard festival" "$size: Esc leaves the search: every story listed"
	sleep 0.3
	row=$(ui_pane "Stories" | grep "Library extends")
	case $row in
	"N "*) t_fail "$size: the library story is still unread in the list: $row";;
	"") t_fail "$size: the library story is not listed: $(ui_screen)";;
	*) t_pass "$size: the story opened through the more-from link is read in the list";;
	esac
	t_has "$(ui_pane "Stories" | grep "Orchard festival")" "N " "$size: a story not opened stays unread"

	# a message too long for the status line: its start, "…", its end
	ui_keys g
	ui_keys / h a r b o u r Enter
	ui_expect "1 story match" "$size: the story with the missing page"
	ui_keys Enter
	ui_expect "404" "$size: the missing page's error shows" 15
	st=$(status)
	t_has "$st" "http://127.0.0.1" "$size: the status line shows the message's start"
	t_has "$st" "…" "$size: the cut middle is marked: $st"
	t_has "$st" "404" "$size: and its end, the reason"
	t_eq "$(printf '%s' "$st" | python3 -c 'import sys; print(len(sys.stdin.read().rstrip("\n")) <= '"$cols"')')" True \
		"$size: the message fits the line"
	ui_keys q q q
	ui_expect_exit "$size: q quits"

	# osc52 yes: y in the links view puts the URL on the terminal's clipboard
	echo "osc52 yes" >"$XDG_CONFIG_HOME/crier/config"
	ui_start "$cols" "$rows"
	ui_tmux set-option -s set-clipboard on
	ui_expect "Footbridge over the Teal" "$size: the list"
	footbridge_links "osc52 yes"
	links=$(ui_pane "Links" | tr -d '\n')
	t_has "$links" "$LIB_URL" "$size: the library link is listed"
	# / finds the library link in the view; y copies the link under the cursor
	ui_keys / l i b r a r y Enter
	sleep 0.3
	ui_keys y
	ui_expect "copied $LIB_URL" "$size: y says what it copied"
	t_eq "$(ui_tmux show-buffer 2>/dev/null)" "$LIB_URL" "$size: the URL reached the terminal's clipboard (OSC 52)"
	ui_keys q

	# the help: its header tells the lines shown and that it scrolls
	ui_keys q
	ui_keys '?'
	ui_expect "Keys (q closes this help)" "$size: ? shows the help"
	sleep 0.3
	hdr=$(ui_screen | grep -m1 "Keys (q closes")
	if ui_screen | grep -q "Rebind in the config file"; then
		# the whole help fits: no scroll hint
		t_hasnt "$hdr" "scroll" "$size: the whole help fits; its header does not offer scrolling"
	else
		case $hdr in
		*"lines 1-"*" of "*"j k Space scroll"*) t_pass "$size: the help's header says it scrolls: lines 1-";;
		*) t_fail "$size: the help's header: $hdr";;
		esac
		total=$(printf '%s\n' "$hdr" | sed -n 's/.* of \([0-9]*\),.*/\1/p')
		ui_keys Space
		sleep 0.3
		hdr2=$(ui_screen | grep -m1 "Keys (q closes")
		case $hdr2 in
		*"lines 1-"*) t_fail "$size: Space did not scroll the help: $hdr2";;
		*"lines "*" of $total,"*) t_pass "$size: Space scrolls; the header follows: $hdr2";;
		*) t_fail "$size: after Space, the help's header: $hdr2";;
		esac
		ui_keys G
		ui_expect "-$total of $total" "$size: G: the header shows the last line"
		ui_expect "Rebind in the config file" "$size: G: the help's last line shows"
	fi
	ui_keys q q
	ui_expect_exit "$size: q quits"
done
t_done
