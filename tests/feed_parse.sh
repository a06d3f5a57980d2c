#!/bin/sh
# crier --parse on the fixture feeds: what a script reading the JSON Lines would see.
. "$top_srcdir/tests/lib.sh"
F=$top_srcdir/tests/fixtures/feeds

# parse FILE: stdout to $out, stderr to $errs, status to $rc
parse() { out=$("$CRIER" --parse "$1" 2>"$T_TMP/err"); rc=$?; errs=$(cat "$T_TMP/err"); }
line() { printf '%s\n' "$out" | sed -n "$1p"; }

# RSS 2.0 with content:, dc:, media:, atom:link
parse "$F/rss2.xml"
t_eq "$rc" 0 "rss2: exit 0"
t_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "rss2: one feed line and two items"
l=$(line 1)
t_has "$l" '"kind":"feed","title":"The Brackwater Gazette & Friends"' "rss2: feed title, entity decoded"
t_has "$l" '"link":"http://brackwater.example/"' "rss2: channel link, not atom:link self"
nbsp=$(printf '\302\240')
t_has "$l" "\"description\":\"News from ${nbsp}the marsh — daily\"" "rss2: HTML entities in a feed without DTD"
t_has "$l" '"language":"en-gb"' "rss2: language"
t_has "$l" '"updated":1031356801' "rss2: lastBuildDate"
t_has "$l" '"image":"/logo.png"' "rss2: image url, not the image's link"
l=$(line 2)
t_has "$l" '"title":"Ferry returns to Pellham Quay é"' "rss2: title whitespace collapsed, &eacute;"
t_has "$l" '"link":"http://brackwater.example/ferry?a=1&b=2"' "rss2: bare & in a link kept"
t_has "$l" '"id":"ferry-1"' "rss2: guid is the id"
t_has "$l" '"published":1055235600' "rss2: pubDate with EST"
t_has "$l" '"author":"Ada Fennimore"' "rss2: dc:creator"
t_has "$l" '"summary":"<p>The <b>ferry</b> is back. <a href=\"/more\">more</a></p>"' "rss2: description sanitised"
t_has "$l" '"content":"<p>Tom &amp; Jerry <img src=\"pic.jpg\" /> <a>x</a></p>"' "rss2: content:encoded in CDATA sanitised"
t_has "$l" '"categories":["Transport","Marsh"]' "rss2: category and dc:subject"
t_has "$l" '"enclosures":[{"url":"http://brackwater.example/a.mp3","type":"audio/mpeg","length":1234,"duration":null}]' "rss2: enclosure"
t_has "$l" '"media":[{"url":"http://brackwater.example/p.jpg","caption":"The ferry at dawn","credit":"Ivo Marsh/Gazette"' "rss2: media:content caption and credit"
l=$(line 3)
t_has "$l" '"link":"http://brackwater.example/2","id":"http://brackwater.example/2"' "rss2: permalink guid as link"
t_has "$l" '"summary":"bare &amp; amp and &amp;foo; here"' "rss2: bare & and unknown entity kept as text"
t_has "$errs" "rss2.xml:24: undefined entity &foo;" "rss2: warning names the file and line"

# Atom 1.0 with xml:base
parse "$F/atom10.xml"
t_eq "$rc" 0 "atom: exit 0"
l=$(line 1)
t_has "$l" '"title":"Le Carnet de Quill"' "atom: type=html title to text"
t_has "$l" '"link":"http://quill.example/blog/"' "atom: alternate link resolved against xml:base"
t_has "$l" '"language":"fr"' "atom: xml:lang"
t_has "$l" '"updated":1709629872' "atom: updated with offset"
t_has "$l" '"image":"http://quill.example/blog/logo.png"' "atom: logo"
l=$(line 2)
t_has "$l" '"title":"A bold lamp"' "atom: xhtml title to text"
t_has "$l" '"link":"http://quill.example/blog/posts/lamp.html"' "atom: link without rel"
t_has "$l" '"published":1709251200,"updated":1709539200' "atom: published date-only, updated with fraction"
t_has "$l" '"author":"Mira Quill (mira@quill.example)"' "atom: author name and email"
t_has "$l" '"summary":"Lamp & wick < oil"' "atom: text summary kept as text"
t_has "$l" '"summary_type":"text"' "atom: summary_type text"
t_has "$l" '<a href=\"http://quill.example/blog/posts/lamp.html\">the lamp</a><img src=\"http://quill.example/blog/posts/l.png\" />' "atom: xhtml content, links resolved against nested xml:base, onclick gone"
t_has "$l" '"length":null' "atom: non-numeric enclosure length is null"

# No feed
printf '<html><body>hi</body></html>' > "$T_TMP/page.html"
parse "$T_TMP/page.html"
t_eq "$rc" 1 "html page: exit 1"
t_has "$errs" "page.html" "html page: the message names the file"
: > "$T_TMP/empty.xml"
parse "$T_TMP/empty.xml"
t_eq "$rc" 1 "empty file: exit 1"
t_has "$errs" "empty.xml" "empty file: the message names the file"

# Podcasts: the item's itunes:duration is its enclosure's, in seconds, before or after it
parse "$F/podcast.xml"
t_eq "$rc" 0 "podcast: exit 0"
t_has "$(line 2)" '"length":48211200,"duration":3723}' "podcast: H:MM:SS duration"
t_has "$(line 3)" '"length":21000000,"duration":2710}' "podcast: seconds, written before the enclosure"
t_has "$(line 4)" '"length":null,"duration":2707}' "podcast: MM:SS duration"
t_has "$(line 5)" '"duration":null}' "podcast: a duration that is not a time is unknown"

# stdin
out=$("$CRIER" --parse - < "$F/rss2.xml" 2>/dev/null); rc=$?
t_eq "$rc" 0 "stdin: exit 0"
t_has "$out" '"title":"Second"' "stdin: items read"
t_done
