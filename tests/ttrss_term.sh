#!/bin/sh
# The reader on a source synced from a live Tiny Tiny RSS (tmux, 120x30): the server's
# stories listed, one opened, marked read and flagged with the keys, back to the list,
# the Saved view; the changes reach the server at the next sync, the reload key syncs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss_lib.sh"
tt_need
. "$top_srcdir/tests/ui_lib.sh"

ui_setup
tt_start
tt_feed 21 "Quarry Weekly" "http://quarry.example/feed" "Hill Towns"
tt_feed 22 "Estuary Log" "http://estuary.example/rss"
tt_article 201 21 "Stone bridge reopens to carts" "http://quarry.example/bridge" \
	"<p>The stone bridge at Kestle Quarry carries carts again after a winter of repairs.</p>"
tt_article 202 22 "Herons return to the mudflats" "http://estuary.example/herons" \
	"<p>Counters on the estuary path saw forty herons on Sunday.</p>"
CONF=$XDG_CONFIG_HOME/crier/config
tt_config "$CONF"
# pages are the stories' own sites: none here, so the server's text is what shows
echo "article_fetch never" >>"$CONF"
# a urls file left from before: its feed must not replace the server's
echo "http://old.example/feed.xml" >"$XDG_CONFIG_HOME/crier/urls"
out=$("$CRIER" -x reload 2>&1)
t_has "$out" "2 feeds, 2 new items" "the first sync: $out"

ui_start 120 30
ui_expect "Stone bridge reopens to carts" "the server's stories are listed"
ui_expect "Herons return to the mudflats" "both feeds' stories are listed"
ui_expect "2 unread" "both are unread"
# the first row is the newest: the bridge (article dates count back by id)
ui_keys Enter
ui_expect "carries carts again after a winter" "Enter opens the story with the server's text"
ui_keys h
ui_expect "1 unread" "the opened story is read"
ui_keys f
ui_wait "!" 3
t_has "$(ui_screen | grep "Stone bridge")" "!" "f flags the story (shown in the list)"
ui_keys S
ui_expect "Saved" "S opens the Saved view"
t_hasnt "$(ui_screen)" "Herons return" "the Saved view lists only flagged stories"
t_has "$(ui_screen)" "Stone bridge reopens" "the flagged story is in it"
ui_keys q
ui_expect "Herons return to the mudflats" "q leaves the Saved view"
# the server marks the herons read; r syncs from inside the reader
tt_sql "UPDATE ttrss_user_entries SET unread = false WHERE ref_id = 202"
ui_keys R
ui_expect "synced" "the reload key syncs with the server" 20
ui_expect "0 unread" "the server's change shows after the sync"
t_eq "$(tt_sql "SELECT unread::text || marked::text FROM ttrss_user_entries WHERE ref_id = 201")" \
	"falsetrue" "the story read and flagged in the reader is read and starred on the server"
ui_keys q
t_eq "$(tt_sql "SELECT COUNT(*) FROM ttrss_feeds")" 2 "(the server keeps its two feeds)"

t_done
