#!/bin/sh
# What a new user hit walking issue 13's points (tmux, 160x48 then 80x24): from the
# story given the whole screen (z, or the layout "story"), m reaches the more-from
# links and Tab the captions at once, and a page opened from a link in the layout
# "story" has the screen too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/wrenholt.xml" >"$XDG_CONFIG_HOME/crier/urls"
CONF=$XDG_CONFIG_HOME/crier/config
status() { ui_screen | tail -n 1; }
# zoomed: the story's pane at the top, no list on screen
zoomed() { ui_wait_re "^─ Story" 5 && ! ui_screen | grep -q "─ Stories"; }

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier" "$CONF"
	ui_start "$cols" "$rows" -r
	ui_expect "reloaded 1 feed," "$size: the reload ended"
	ui_keys Enter
	ui_expect "steam crane on Wrenholt quay" "$size: the page's body shows" 15
	ui_keys z
	if zoomed; then t_pass "$size: z gives the story the screen"; else t_fail "$size: z: $(ui_screen)"; fi
	# m from the zoomed story: the more-from links, focused
	ui_keys m
	ui_expect " link 1/4" "$size: m from the zoomed story focuses the more-from links"
	t_hasnt "$(status)" "no more-from links" "$size: m does not say there are none"
	t_has "$(ui_screen)" "More from The Wrenholt Tide" "$size: the more-from pane is on screen"
	# Tab from the zoomed story: the next pane, the captions
	ui_keys q
	ui_wait_re "^ 1/2" 5 || t_fail "$size: q from the links: $(status)"
	ui_keys Enter
	ui_expect "steam crane on Wrenholt quay" "$size: the story opens again" 15
	ui_keys z
	zoomed || t_fail "$size: z again: $(ui_screen)"
	ui_keys Tab
	if ui_wait_re "^ photos? 1" 5; then
		t_pass "$size: Tab from the zoomed story focuses the captions"
	else
		t_fail "$size: Tab from the zoomed story: $(status)"
	fi
	ui_keys q q q
	ui_expect_exit "$size: q backs out, then quits"

	# layout story-only: every story opens alone, m reaches its links, a link's page opens alone
	echo "layout story-only" >"$CONF"
	ui_start "$cols" "$rows"
	ui_expect "Slate barge Petronel" "$size: layout story: the list shows"
	ui_keys g Enter
	ui_expect "steam crane on Wrenholt quay" "$size: layout story: the story opens" 15
	if zoomed; then t_pass "$size: layout story: the story has the screen"; else t_fail "$size: layout story: $(ui_screen)"; fi
	ui_keys m
	ui_expect " link 1/4" "$size: layout story: m focuses the more-from links"
	# (a teaser opened from the links view, so that this check stands on its own)
	ui_keys q g Enter
	ui_expect "steam crane on Wrenholt quay" "$size: layout story: the story opens again" 15
	ui_keys L / P e t r o n e l Enter
	ui_expect "1 link matches 'Petronel'" "$size: layout story: the teaser's link in the links view"
	ui_keys Enter
	ui_expect "for one pound and a promise" "$size: layout story: Enter opens the teaser's story" 15
	if zoomed; then
		t_pass "$size: layout story: the linked page has the screen too"
	else
		t_fail "$size: layout story: the linked page: $(ui_screen)"
	fi
	ui_keys h
	ui_expect "steam crane on Wrenholt quay" "$size: layout story: h comes back"
	ui_keys q q q
	ui_expect_exit "$size: layout story: q backs out, then quits"

	# t with twelve tags, a story open: every tag on screen, picked with Down or Tab
	rm -f "$CONF"
	echo "$SERVER_URL/wrenholt.xml quay tide barges cranes foundry harbour market museum rivets steam tow wharf" \
		>"$XDG_CONFIG_HOME/crier/urls"
	ui_start "$cols" "$rows"
	ui_expect "Slate barge Petronel" "$size: tags: the list shows"
	ui_keys g Enter
	ui_expect "steam crane on Wrenholt quay" "$size: tags: the story opens" 15
	ui_keys t
	ui_expect "─ Tags  12" "$size: t lists the tags"
	tags=$(ui_pane "Tags")
	t_has "$tags" "wharf" "$size: the last of twelve tags is on screen"
	t_has "$tags" "quay" "$size: and the first"
	ui_keys Down
	ui_expect "tag: quay" "$size: Down picks the first tag into the prompt"
	ui_keys Down Down Down Down Down Down Down Down Down Down Down Down
	ui_expect "tag: wharf" "$size: Down goes on to the last tag"
	ui_keys Up
	ui_expect "tag: tow" "$size: Up goes back one"
	ui_keys Enter
	ui_expect "[tag tow]" "$size: Enter filters by the tag picked"
	ui_keys q t t o Tab
	ui_expect "tag: tow" "$size: Tab completes the tag typed"
	ui_keys Escape
	sleep 0.2
	ui_keys t F o u Enter
	ui_expect "[tag foundry]" "$size: Enter takes the tag the bar is on for a typed start"
	ui_keys q
	sleep 0.2
	ui_keys q q
	ui_expect_exit "$size: tags: q quits"

	# a first start: an older feed arrives first, a newer one 1.5 s later; no key pressed
	rm -rf "$XDG_DATA_HOME/crier"
	printf '%s\n' "$SERVER_URL/courier.xml" "$SERVER_URL/delay/1500/reading.xml" >"$XDG_CONFIG_HOME/crier/urls"
	ui_start "$cols" "$rows"
	ui_expect "reloaded 2 feeds, 0 failed" "$size: first start: the feeds are loaded" 20
	t_has "$(status)" " 1/6 " "$size: first start: the cursor stayed on the first row"
	t_has "$(ui_pane "Stories" | head -n 1)" "Keepers' ledger" "$size: first start: the newest story is on top, in view"
	ui_keys Enter
	ui_expect "─ Story" "$size: first start: Enter opens a story"
	t_has "$(ui_pane "Story" | head -n 2)" "Keepers' ledger" "$size: first start: the story on top"
	ui_keys q q
	ui_expect_exit "$size: first start: q quits"

	# the help, paged to its end: every action's description whole, each key with it
	ui_start "$cols" "$rows"
	ui_expect "Keepers' ledger" "$size: help: the list shows"
	ui_keys '?'
	ui_expect "Keys (q closes this help)" "$size: help: ? opens it"
	: >"$T_TMP/help"
	i=0
	while [ $i -lt 10 ]; do
		ui_screen | sed 1d | sed '$d' >>"$T_TMP/help"
		ui_screen | grep -q "Rebind in the config file" && break
		ui_keys Space
		sleep 0.3
		i=$((i + 1))
	done
	helptext=$(tr -d ' \n' <"$T_TMP/help")
	"$top_builddir/tests/print_settings" | awk -F '\t' '$1 == "action" { print $5 }' >"$T_TMP/descs"
	[ -s "$T_TMP/descs" ] || t_fail "$size: help: read no action from tests/print_settings"
	missing=0
	while IFS= read -r desc; do
		case $helptext in
		*"$(printf '%s' "$desc" | tr -d ' ')"*) ;;
		*) missing=$((missing + 1)); t_fail "$size: help: '$desc' is not shown whole";;
		esac
	done <"$T_TMP/descs"
	[ "$missing" = 0 ] && t_pass "$size: help: every action's description is shown whole"
	ui_keys q q
	ui_expect_exit "$size: help: q quits"
	echo "$SERVER_URL/wrenholt.xml" >"$XDG_CONFIG_HOME/crier/urls"
	ui_tmux kill-server 2>/dev/null
done
t_done
