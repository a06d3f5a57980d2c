#!/bin/sh
# crier --extract as a user runs it: JSON with the fixed names, --text through the
# renderer, and failures that name the file.
. "$top_srcdir/tests/lib.sh"
P="$top_srcdir/tests/fixtures/pages"

out=$("$CRIER" --extract "$P/wordpress.html" --base https://millbrook.example/2023/04/12/lanterns/)
t_eq "$?" 0 "--extract FILE exits 0"
for k in '"url":"https://millbrook.example/2023/04/12/lanterns/"' '"title":"The Lantern Makers of Orvale Bridge"' \
	'"byline":"Tamsin Eldercroft"' '"published":1681288200' '"site":"Millbrook Notes"' '"body":"Every spring' \
	'"figures":[{"image":"https://millbrook.example/wp-content/uploads/2023/04/vastry-workshop.jpg","caption":"Ione Vastry' \
	'"credit":"Corwin Asheby"' '"more_from":[{"title":"The Last Clockmender on Weir Lane"' '"section":"Related"'; do
	t_has "$out" "$k" "JSON has $k"
done
t_eq "$(printf '%s' "$out" | wc -l)" 0 "one line of JSON"

# the bundled demo: both link sections, and a teaser's photo caption and credit kept with
# its link, not taken for a figure of the story
D="$top_srcdir/data/demo/pages"
D_ABS=$(cd "$D" && pwd)
out=$("$CRIER" --extract "$D/footbridge-opens.html" --base "file://$D_ABS/footbridge-opens.html")
t_has "$out" '"section":"More from The Kelderwick Lantern"' "demo: a More from section"
t_has "$out" '"section":"Related"' "demo: a Related section"
t_has "$out" "\"url\":\"file://$D_ABS/night-bus-vote.html\"" "demo: a sibling story's link"
out=$("$CRIER" --extract "$D/storm-odile-flood-wall.html" --base "file://$D_ABS/storm-odile-flood-wall.html")
figs=${out%%\"more_from\":*}
more=${out#*\"more_from\":}
t_has "$more" '"caption":"A grey seal pup, a few days old, on the Hollow Sands.","credit":"Sallow Estuary Partnership"' \
	"demo: a teaser keeps its photo caption and credit"
t_hasnt "$figs" "A grey seal pup" "demo: a teaser's photo is not a figure of the story"
t_has "$figs" "Sandbags line the doorways" "demo: the story's own figure"

out=$("$CRIER" --extract - < "$P/no-article.html")
t_eq "$?" 0 "--extract - reads stdin"
t_has "$out" '"url":null' "no --base: url is null"
t_has "$out" '"title":"Night buses return to Castellan Street"' "title from stdin"

out=$("$CRIER" --extract "$P/newscms.html" --text --width 40)
t_eq "$?" 0 "--text exits 0"
t_has "$out" "Ferry service to Kestrel Isle" "--text shows the headline"
t_has "$out" "2024-01-08 14:05 UTC" "--text shows the date"
t_has "$out" "Gazette" "--text shows the site"
t_has "$out" "Wednesday | 07:40 13:20 |" "--text: a table row on one line at 40 columns"
out80=$("$CRIER" --extract "$P/newscms.html" --text --width 80)
t_has "$out80" "Day       | Leaves Brackwater | Leaves Kestrel Isle
----------+-------------------+--------------------
Monday    | 07:40             | 10:15" "--text: the table's columns aligned at 80 columns"
json=$("$CRIER" --extract "$P/newscms.html")
t_has "$json" 'Day | Leaves Brackwater | Leaves Kestrel Isle\nMonday | 07:40 | 10:15\n' "--extract body: a table row per line"
widest=$(printf '%s\n' "$out" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
if [ "$widest" -le 40 ]; then t_pass "--width 40 holds ($widest)"; else t_fail "a line of $widest columns at --width 40"; fi

out=$("$CRIER" --extract "$T_TMP/missing.html" 2>&1)
t_eq "$?" 1 "a missing file exits 1"
t_has "$out" "missing.html" "the message names the file"

# a URL: fetched with the fetcher, the final URL is the base for relative links
. "$top_srcdir/tests/server.sh"
mkdir -p "$T_TMP/www"
cp "$P/newscms.html" "$T_TMP/www/story.html"
start_server "$T_TMP/www"
out=$("$CRIER" --extract "$SERVER_URL/story.html")
t_eq "$?" 0 "--extract URL exits 0"
t_has "$out" "\"url\":\"$SERVER_URL/story.html\"" "the URL is the article's url"
t_has "$out" "\"image\":\"$SERVER_URL/img/ferry-moored.jpg\"" "relative image resolved against the URL"
t_has "$out" '"title":"Ferry service to Kestrel Isle suspended after storm damages pier"' "title of the fetched page"
out=$("$CRIER" --extract "$SERVER_URL/no-such-page.html" 2>&1 >/dev/null)
t_eq "$?" 1 "a 404 exits 1"
t_has "$out" "no-such-page.html" "the message names the URL"

out=$("$CRIER" --extract https://example.invalid/story 2>&1 >/dev/null)
rc=$?
t_eq "$rc" 1 "a URL that cannot be fetched exits 1"
t_has "$out" "https://example.invalid/story" "the message names the URL"
t_done
