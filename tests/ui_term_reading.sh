#!/bin/sh
# Reading every day (issue 13), in tmux at 160x48 and 80x24: a first start with feeds and
# an empty cache loads them at once; the zoom key gives the story the screen and back; a
# search finds a word only the fetched page has; link 12 is followed by typing 1 2; the
# links view lists every URL whole; / in the feeds view finds a feed; an error is shown
# whole in the error view; A in a tag view marks that tag and U undoes it; A in the
# all-stories list asks first; a cut column ends in an ellipsis; counts are singular or
# plural.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed: skipped"; exit 77; }

start_server "$T_TMP/root"
ui_setup
LONG="http://127.0.0.1:9/an/unreachable/address/with/a/path/long/enough/to/pass/the/edge/of/the/screen/feed.xml"
cat >"$XDG_CONFIG_HOME/crier/urls" <<URLS
$SERVER_URL/reading.xml coast
$SERVER_URL/delay/1500/reading2.xml village
$LONG
URLS

status() { ui_screen | tail -n 1; }
CACHE=$XDG_DATA_HOME/crier/cache.db
unread() { sqlite3 "$CACHE" "SELECT COUNT(*) FROM items WHERE unread = 1"; }
village_unread() {
	sqlite3 "$CACHE" "SELECT COUNT(*) FROM items i JOIN feeds f ON f.id = i.feed_id
		WHERE i.unread = 1 AND f.tags LIKE '%village%'"
}

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	# first run: no -r, an empty cache: crier loads the feeds by itself
	ui_start "$cols" "$rows"
	# (one feed answers after 1.5 s: the progress is on the status line meanwhile)
	if ui_wait_re "fetching [0-2]/3 feeds" 5; then
		t_pass "$size: a first start shows its progress"
	else
		t_fail "$size: no progress on the first start: $(status)"
	fi
	ui_expect "reloaded 3 feeds, 1 failed" "$size: a first start loads the feeds without R" 20
	ui_expect "Keepers' ledger" "$size: the stories of the first start are listed"
	# the ellipsis on the cut feed column
	t_has "$(ui_pane "Stories")" "…" "$size: a cut column ends in an ellipsis"

	# the error view: the long message whole, wrapped
	ui_keys e
	ui_expect "Errors" "$size: e opens the error view"
	errs=$(ui_pane "Errors" | tr -d '\n ')
	t_has "$errs" "$(printf '%s' "$LONG" | tr -d ' ')" "$size: the failing URL is shown whole"
	t_has "$errs" "feed.xml:" "$size: the reason follows it"
	ui_keys q

	# the story: its page fetched; z gives it the screen, z gives it back
	ui_keys g Enter
	ui_expect "quillwort" "$size: the page's body shows" 15
	ui_keys z
	sleep 0.3
	if ui_wait_re "^─ Story" 5 && ! ui_screen | grep -q "^─ Stories"; then
		t_pass "$size: z: the story has the whole screen"
	else
		t_fail "$size: z: $(ui_screen)"
	fi
	ui_keys z
	ui_expect "─ Stories" "$size: z again: the list is back"

	# link 12 of 13: typing 1 then 2 shows the number, then follows it
	ui_keys 1
	ui_expect "link 1_" "$size: the status line shows the number being typed"
	ui_keys 2
	ui_expect "Saltmarsh boardwalk survey" "$size: 1 2 follows link 12" 15
	ui_keys h
	ui_expect "quillwort" "$size: h comes back from the link"

	# the links view: every URL whole; Enter follows
	ui_keys L
	ui_expect "─ Links  13" "$size: L lists the story's links"
	links=$(ui_pane "Links" | tr -d '\n')
	# (longer than 80 columns: at 80x24 it wraps, by characters, and is not cut)
	t_has "$links" "$SERVER_URL/pages/radio-hut-the-old-coastguard-hut-on-the-headland-past-the-saltmarsh-boardwalk.html" \
		"$size: the last link's URL is whole"
	ui_keys G k Enter
	ui_expect "Saltmarsh boardwalk survey" "$size: Enter in the links view follows the link" 15
	ui_keys h q

	# search: a word only the fetched page has
	ui_keys / q u i l l w o r t Enter
	ui_expect "1 story matches 'quillwort'" "$size: / finds a word only the fetched page has"
	t_has "$(ui_pane "Stories")" "Keepers' ledger" "$size: the matching story is listed"
	ui_keys Escape
	ui_expect "Kestle hall roof" "$size: Esc leaves the search, the list is whole again"
	# query syntax is plain text: a lone quote is no error, punctuation alone is named
	ui_keys / '"' q u i l l Enter
	ui_expect "1 story matches '\"quill'" "$size: / with an unbalanced quote searches its word"
	ui_keys Escape / '"' ' ' '*' Enter
	ui_expect "'\" *': no word to search for" "$size: / with punctuation alone says so, naming it"
	ui_keys Escape
	ui_expect "Kestle hall roof" "$size: Esc leaves that search too"
	# / in the feeds view: the cursor goes to the matching feed, the count is said, Esc
	# leaves the search and stays in the view
	ui_keys F
	ui_expect "─ Feeds  3" "$size: F shows the feeds view"
	t_has "$(ui_screen | head -n 1)" "(unread/total stories of each; ! failed, e says why)" \
		"$size: the header explains the counts, and the failed feed's mark"
	ui_keys / k e s t l e Enter
	ui_expect "1 feed matches 'kestle' (n next, N back, Esc clears)" "$size: / in the feeds view says what matches"
	t_has "$(status)" " feed 2/3" "$size: and puts the cursor on that feed"
	ui_keys Escape
	sleep 0.3
	t_has "$(ui_screen | head -n 1)" "─ Feeds" "$size: Esc leaves the search, not the feeds view"
	ui_keys / n o p e Enter
	ui_expect "no feed matches 'nope' (Esc clears)" "$size: a search that matches no feed says so"
	ui_keys Escape q
	ui_expect "Kestle hall roof" "$size: q leaves the feeds view"

	# A in a tag view, and U
	ui_keys t
	ui_expect "─ Tags  2" "$size: t lists the tags"
	t_has "$(ui_pane "Tags")" "village" "$size: the tags view names each tag"
	ui_keys v i l l a g e Enter
	ui_expect "[tag village]" "$size: the tag view"
	before=$(unread)
	ui_keys A
	ui_expect "1 story marked read" "$size: A marks the tag's story read"
	t_eq "$(unread)" "$((before - 1))" "$size: (one story fewer unread in the cache)"
	t_eq "$(village_unread)" 0 "$size: (the village story is read in the cache)"
	ui_keys U
	ui_expect "1 story unread again" "$size: U undoes the marking"
	t_eq "$(unread)" "$before" "$size: (unread again in the cache)"
	ui_keys q
	# an unknown tag says so, whole, with the tags there are, and the list stays as it was
	ui_keys t n o p e Enter
	ui_expect "no feed has the tag 'nope'" "$size: an unknown tag is named"
	t_has "$(status)" "; tags: coast (2), village (1)" "$size: with the tags there are"
	t_hasnt "$(status)" "…" "$size: the message is not cut"
	t_has "$(ui_pane "Stories")" "Kestle hall roof" "$size: the list is the one before"
	# A in the list of every story asks first; n keeps them
	ui_keys A
	ui_expect "of 2 feeds read? (y/n)" "$size: A over more than one feed asks"
	ui_keys n
	ui_expect "nothing marked" "$size: n marks nothing"
	ui_keys q
	ui_expect_exit "$size: q quits"
	ui_tmux kill-server 2>/dev/null
done
t_done
