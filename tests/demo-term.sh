#!/bin/sh
# The first minutes of a new user, in tmux: crier with no feeds says how to add them and
# offers the demo; crier --demo, with no network, lists the twelve demo stories, opens
# one with its body in the body pane and its photo captions and credits in their own
# pane (not in the body), follows a "More from" link and comes back; the demo leaves the
# user's own urls file and cache alone.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui_lib.sh"
if grep -q 'crier: not built yet' "$CRIER"; then
	echo "the interface is not built yet: skipped"; exit 77
fi
ui_setup

# No urls file: the way in.
ui_start 100 30
ui_expect "crier --demo" "with no feeds, crier offers the demo"
ui_expect "$XDG_CONFIG_HOME/crier/urls" "with no feeds, crier names the urls file"
ui_keys q
sleep 0.3
# What the demo must not touch: the user's own files (that first start made the cache).
rm -f "$XDG_DATA_HOME/crier/cache.db"*

for size in 120x36 80x24; do
	cols=${size%x*} rows=${size#*x}
	# A server of its own for each run: a new session right after kill-server on the
	# same socket can race with the old server's exit.
	ui_tmux kill-server 2>/dev/null
	UI_SOCK=crier-$t_name-$$-$size
	ui_start "$cols" "$rows" --demo
	ui_expect "reloaded 3 feeds, 0 failed" "$size: the demo's feeds load from files"
	ui_expect "Ferry Mabel returns to the estuary" "$size: the list shows the demo stories"
	screen=$(ui_screen)
	t_has "$screen" "12 unread" "$size: twelve stories, all unread"
	t_has "$screen" "News · Kel" "$size: the feed is named"
	# The newest is the towpath walk; the ferry is second.
	ui_keys j Enter
	ui_expect "Seventy-one years old" "$size: the story's page is extracted and shown" 15
	ui_expect "Captions & credits" "$size: the captions pane is shown"
	# Panes wrap: compare their text as one line.
	body=$(ui_pane "Story" | tr '\n' ' ' | tr -s ' ')
	caps=$(ui_pane "Captions & credits" | tr '\n' ' ' | tr -s ' ')
	t_has "$body" "Orla Penhallow" "$size: the byline is shown"
	t_has "$caps" "eased back onto her chains" "$size: the caption is in the captions pane"
	t_has "$caps" "Bram Visser" "$size: the credit is in the captions pane"
	t_hasnt "$body" "Bram Visser" "$size: the credit is not in the body"
	t_hasnt "$body" "eased back onto her chains" "$size: the caption is not in the body"
	t_hasnt "$body" "The Tide Table" "$size: the newsletter box is not in the body"
	t_hasnt "$body" "Share this story" "$size: the share bar is not in the body"
	if [ "$size" = 120x36 ]; then
		# The page's "More from" list, a story followed from it, and the way back.
		ui_keys m
		ui_expect "More from The Kelderwick Lantern" "$size: the more-from pane shows"
		more=$(ui_pane "More from The Kelderwick Lantern")
		t_has "$more" "New footbridge over the Sallow" "$size: the more-from pane lists the linked stories"
		ui_keys Enter
		ui_expect "It is narrow, it is green" "$size: a more-from story opens from its file:// page" 15
		ui_keys h
		ui_expect "Seventy-one years old" "$size: h comes back to the first story"
	fi
	ui_keys q q q
	sleep 0.3
done

# The user's own files were not touched; the demo's live under XDG_DATA_HOME/crier/demo.
[ ! -e "$XDG_CONFIG_HOME/crier/urls" ] && t_pass "no urls file was created for the user" ||
	t_fail "the demo wrote the user's urls file"
[ ! -e "$XDG_DATA_HOME/crier/cache.db" ] && t_pass "the user's cache was not created" ||
	t_fail "the demo used the user's cache"
[ -f "$XDG_DATA_HOME/crier/demo/cache.db" ] && t_pass "the demo has a cache of its own" ||
	t_fail "no demo cache under $XDG_DATA_HOME/crier/demo"
t_done
