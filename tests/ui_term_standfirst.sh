#!/bin/sh
# The standfirst on screen, in tmux: the demo's library story sets it above the story, so
# the story pane shows it under the header line, in bold, apart from the body and before
# it, wrapped like the body; a word found only there is found by / once the page is read,
# and by crier -x search.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui_lib.sh"
if grep -q 'crier: not built yet' "$CRIER"; then
	echo "the interface is not built yet: skipped"; exit 77
fi
ui_setup

SF="Missing since 1962, the register of who borrowed what"
for size in 120x36 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier/demo"
	ui_start "$cols" "$rows" --demo
	ui_expect "reloaded 3 feeds, 0 failed" "$size: the demo loads"
	# before the page is read its standfirst is nowhere in the cache
	ui_keys / d e c a d e s Enter
	ui_expect "[/decades]" "$size: a search for a word of the standfirst"
	t_hasnt "$(ui_pane Stories)" "lost ledger" "$size: not found before the page is read"
	ui_keys q
	ui_expect "Ferry Mabel returns" "$size: q clears the search"
	ui_keys / l e d g e r Enter
	ui_expect "1 story match" "$size: the library story found by its title"
	ui_keys Enter
	ui_expect "Missing since 1962" "$size: the standfirst shows" 15
	ui_expect "When Yusuf Aldana" "$size: the body shows"
	body=$(ui_pane "Story")
	flat=$(printf '%s' "$body" | tr '\n' ' ' | tr -s ' ')
	t_has "$flat" "$SF" "$size: the standfirst is there, wrapped like the body"
	# its place: after the header line, before the body, a blank line apart
	order=$(printf '%s\n' "$body" | awk '
		/Zhou Ruolin/ && !b { b = NR }
		/Missing since 1962/ && !s { s = NR }
		/When Yusuf Aldana/ && !f { f = NR }
		s && !e && NR > s && /^[ │]*$/ { e = NR }
		END { print (b && s && f && b < s && s < f && e && e < f) ? "ok" : "bad " b " " s " " e " " f }')
	t_has "$order" "ok" "$size: header line, standfirst, blank line, body"
	n=$(printf '%s' "$flat" | grep -o "Missing since 1962" | wc -l)
	[ "$n" -eq 1 ] && t_pass "$size: the standfirst is shown once" ||
		t_fail "$size: the standfirst is shown $n times"
	# set apart: bold, where the body is not
	esc=$(ui_tmux capture-pane -p -e -t crier)
	sfline=$(printf '%s\n' "$esc" | grep "Missing since 1962" | head -n 1)
	bdline=$(printf '%s\n' "$esc" | grep "When Yusuf Aldana" | head -n 1)
	case "$sfline" in
	*"[1m"*Missing*) t_pass "$size: the standfirst is bold" ;;
	*) t_fail "$size: the standfirst is not bold: $sfline" ;;
	esac
	case "$bdline" in
	*"[1m"*When\ Yusuf*) t_fail "$size: the body is bold too: $bdline" ;;
	*) t_pass "$size: the body is not bold" ;;
	esac
	# read: now its words are searched
	ui_keys q
	sleep 0.3
	ui_keys q
	ui_expect "Ferry Mabel returns" "$size: back to every story"
	ui_keys / d e c a d e s Enter
	ui_expect "1 story match" "$size: a word only in the standfirst is found by /"
	t_has "$(ui_pane Stories)" "lost ledger" "$size: the library story is the match"
	ui_keys q q q
	sleep 0.5
done
out=$("$CRIER" -x search decades -c "$XDG_DATA_HOME/crier/demo/cache.db" 2>&1)
t_has "$out" "lost ledger" "crier -x search finds a word only in the standfirst"
t_done
