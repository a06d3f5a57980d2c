#!/bin/sh
# JSON Feed 1.0 and 1.1: crier --parse prints them as it prints RSS and Atom, and a
# reload stores them, recognised by their content (the server says nothing useful).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
J=$top_srcdir/tests/fixtures/feeds/json

parse() { out=$("$CRIER" --parse "$1" 2>"$T_TMP/err"); rc=$?; errs=$(cat "$T_TMP/err"); }
line() { printf '%s\n' "$out" | sed -n "$1p"; }

parse "$J/v11.json"
t_eq "$rc" 0 "1.1: exit 0"
t_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "1.1: a feed line and two items"
l=$(line 1)
t_has "$l" '"kind":"feed","title":"The Ashgrove Lantern","link":"https://ashgrove-lantern.example/"' "1.1: title and home_page_url"
t_has "$l" '"description":"Evening news from Ashgrove","language":"en-GB"' "1.1: description, language as a tag"
t_has "$l" '"image":"https://ashgrove-lantern.example/icon.png"' "1.1: icon is the feed image"
l=$(line 2)
t_has "$l" '"link":"https://ashgrove-lantern.example/2024/03/11/orchard","id":"lantern-2024-0311"' "1.1: relative url resolved, id"
t_has "$l" '"published":1710178200,"updated":1710234000' "1.1: date_published and date_modified"
t_has "$l" '"author":"Ines Carvalhal, Declan Fairweather"' "1.1: authors joined"
t_has "$l" '"summary":"Forty trees in one afternoon"' "1.1: summary"
t_has "$l" '"content":"<p>Volunteers from <a href=\"https://ashgrove-lantern.example/people\">Ashgrove</a> planted forty trees.</p>"' "1.1: content_html sanitised, links absolute"
t_has "$l" '"categories":["Environment","Volunteers"]' "1.1: tags are categories"
t_has "$l" '"enclosures":[{"url":"https://ashgrove-lantern.example/audio/orchard.mp3","type":"audio/mpeg","length":5120000,"duration":754}]' "1.1: attachments are enclosures with their duration"
t_has "$l" '"media":[{"url":"https://ashgrove-lantern.example/img/orchard.jpg"' "1.1: image is the item's picture"
l=$(line 3)
t_has "$l" '"content":"From Monday the first ferry leaves at 6:40.\nThe last one at 22:10."' "1.1: content_text kept as text"
t_has "$l" '"content_type":"text"' "1.1: content_text is typed text"

parse "$J/v10.json"
t_eq "$rc" 0 "1.0: exit 0"
t_has "$(line 2)" '"id":"2024031"' "1.0: a numeric id"
t_has "$(line 2)" '"author":"Chiara Bellandi"' "1.0: author object"

parse "$J/deep.json"
t_eq "$rc" 1 "deep: exit 1"
t_has "$errs" "deep.json: JSON nested deeper than 32 levels" "deep: the depth limit names the file"
parse "$J/nofeed.json"
t_eq "$rc" 1 "not a JSON Feed: exit 1"
t_has "$errs" "nofeed.json: JSON, but not a JSON Feed" "not a JSON Feed: said so, with the file"

# Members in any order, strings holding brackets, quotes and backslashes, a non-object
# element skipped: the document is read a member and an item at a time
parse "$J/order.json"
t_eq "$rc" 0 "order: exit 0"
t_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 4 "order: the feed line first, then three items"
t_has "$(line 1)" '"title":"Weirside Notes","link":"https://weirside.example/"' "order: feed fields after the items still describe the feed"
t_has "$(line 1)" '"language":"cy-GB"' "order: language after the items"
l=$(line 2)
t_has "$l" '"title":"Quote \"marks\" and a back\\slash } ] {"' "order: quotes, backslash and brackets inside a string"
t_has "$l" '"categories":["weir","écluse"]' "order: \u escapes decoded"
t_has "$(line 3)" '"enclosures":[{"url":"https://weirside.example/a/weir.ogg","type":"audio/ogg","length":900,"duration":61}]' "order: nested attachments"
t_has "$(line 4)" '"summary":"Last of the list"' "order: the item after a non-object element"
parse "$J/broken.json"
t_eq "$rc" 1 "broken: exit 1"
t_has "$errs" "broken.json:4: not valid JSON" "broken: the error names the file and line"

# Through a reload into the cache
W=$T_TMP/www
mkdir -p "$W"
cp "$J/v11.json" "$W/lantern"
start_server "$W"
URLS=$T_TMP/urls
CACHE=$T_TMP/cache.db
printf '%s/lantern\n' "$SERVER_URL" > "$URLS"
out=$(t_crier -x reload 2>"$T_TMP/err"); rc=$?
t_eq "$rc" 0 "reload of a JSON Feed exits 0"
t_eq "$out" "crier: 1 feed, 2 new items, 0 failed" "a JSON Feed's items are stored"
t_eq "$(t_crier -x print-unread)" "2 unread articles" "the stored items count as unread"
# Control characters a JSON string can hold ("\u001b", "\u0007") go from every field, as
# they go from RSS and Atom: a title or a tag never carries a terminal escape into the
# cache, and from there to the screen or to -x search's output. Parsed on its own (no XML
# feed before it in the process) and stored by a reload.
printf '%s' '{"version":"https://jsonfeed.org/version/1.1","title":"Hostile \u001b]0;x\u0007Gazette",
"items":[{"id":"h\u001b1","url":"https://hostile.example/h1","title":"Esc\u001b]0;pwned\u0007 and \u001b[31mred",
"authors":[{"name":"Ann\u001b[5m Lee"}],"tags":["t\u001bag"],"content_text":"Dock\u001b[2J news\u0007 here.\nLine two."}]}' \
	>"$T_TMP/hostile.json"
parse "$T_TMP/hostile.json"
t_eq "$rc" 0 "hostile: exit 0"
t_hasnt "$out" '\u001b' "hostile: no ESC left in any field"
t_hasnt "$out" '\u0007' "hostile: no BEL left in any field"
t_has "$out" '"title":"Esc]0;pwned and [31mred"' "hostile: the title keeps its text"
t_has "$out" '"author":"Ann[5m Lee"' "hostile: the author too"
t_has "$out" '"categories":["tag"]' "hostile: and the tags"
t_has "$out" '"content":"Dock[2J news here.\nLine two."' "hostile: content_text keeps its lines"
cp "$T_TMP/hostile.json" "$W/hostile"
printf '%s/hostile\n' "$SERVER_URL" > "$URLS"
t_crier -q -x reload 2>"$T_TMP/err" || t_fail "the hostile feed did not reload: $(cat "$T_TMP/err")"
t_eq "$(t_crier -x search pwned | tr -dc '\033\007' | wc -c | tr -d ' ')" 0 \
	"hostile: -x search prints no ESC or BEL byte"
t_has "$(t_crier -x search pwned)" "Esc]0;pwned and [31mred" "hostile: and finds the story"
t_done
