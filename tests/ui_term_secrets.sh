#!/bin/sh
# A feed URL with user:password@ (issue 13, point 5: never print a URL's user:password):
# at 160x48 and 80x24, with the feed failing, neither the status line, the error view, the feeds
# view nor the list of that feed shows the password; ***@ stands in for it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui_lib.sh"
ui_setup
echo "http://walker:hunter2@127.0.0.1:9/quay.xml harbour" >"$XDG_CONFIG_HOME/crier/urls"
look() { seen="$seen
$(ui_screen)"; }

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	seen=""
	ui_start "$cols" "$rows"
	ui_expect "failed to load" "$size: the feed fails (nothing listens on port 9)" 15
	st=$(ui_screen | tail -n 1)
	t_has "$st" "127.0.0.1:9/" "$size: the status line names the untitled feed by its URL: $st"
	t_has "$st" " failed to load: " "$size: and says it failed: $st"
	look
	ui_keys e
	ui_expect "127.0.0.1:9/quay.xml" "$size: the error view names the feed"
	t_has "$(ui_pane "Errors")" "http://***@127.0.0.1:9/quay.xml" "$size: its URL with ***@ for the user and password"
	look
	ui_keys q F
	ui_expect "─ Feeds" "$size: the feeds view"
	t_has "$(ui_pane "Feeds")" "http://***@127.0.0.1:9/quay.xml" "$size: the untitled feed is named by its URL, ***@"
	look
	ui_keys Enter
	ui_expect "─ Stories: http://***@127.0.0.1:9/quay.xml" "$size: the list of that feed is headed by it, ***@"
	look
	t_hasnt "$seen" "hunter2" "$size: the password is on no screen"
	t_hasnt "$seen" "walker" "$size: nor the user name"
	ui_keys q q
done
t_done
