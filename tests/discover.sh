#!/bin/sh
# crier --add URL: a feed is added as it is; a web page's <link rel="alternate"> feed is
# found (relative href, <base href>, a dead first link skipped), said, and stored instead
# of the page; a page with no feed link is refused and the urls file left alone.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"

cp -R "$top_srcdir/tests/discover" "$T_TMP/root"
chmod -R u+w "$T_TMP/root"
start_server "$T_TMP/root"
export HOME="$T_TMP/home" XDG_CONFIG_HOME="$T_TMP/home/.config" XDG_DATA_HOME="$T_TMP/home/.local/share"
URLS="$T_TMP/urls"
CACHE="$T_TMP/cache.db"

out=$(t_crier --add "$SERVER_URL/site/index.html" 2>&1)
t_eq "$?" "0" "--add of a web page succeeds"
t_has "$out" "$SERVER_URL/site/index.html is a web page; found its feed $SERVER_URL/site/feeds/main.xml" \
	"it says which feed it found (the relative href resolved)"
t_has "$out" "added $SERVER_URL/site/feeds/main.xml (Quillby Harbour Gazette)" "it says what it added"
t_eq "$(cat "$URLS")" "$SERVER_URL/site/feeds/main.xml" "the urls file holds the feed's URL, not the page's"

out=$(t_crier --add "$SERVER_URL/site/index.html" 2>&1)
t_eq "$?" "1" "adding the same page again fails"
t_has "$out" "is already in $URLS" "and says the feed is already listed"

out=$(t_crier --add "$SERVER_URL/site/atom.html" 2>&1)
t_has "$out" "found its feed $SERVER_URL/elsewhere/news.atom (application/atom+xml, \"Club notices\")" \
	"an Atom link is found through <base href>, its type and title said"

out=$(t_crier --add "$SERVER_URL/site/plain.html" 2>&1)
t_eq "$?" "1" "a page that names no feed is refused"
t_has "$out" "$SERVER_URL/site/plain.html is not a feed" "the message names the page"
t_eq "$(wc -l <"$URLS" | tr -d ' ')" "2" "the urls file keeps its two feeds"

rm -f "$URLS"
out=$(t_crier --add "$SERVER_URL/site/deadlink.html" 2>&1)
t_eq "$?" "0" "a page whose first feed link is dead still gives its feed"
t_has "$out" "links to $SERVER_URL/status/404, which cannot be read" "the dead link is named"
t_eq "$(cat "$URLS")" "$SERVER_URL/site/feeds/main.xml" "the live feed is stored"

rm -f "$URLS"
out=$(t_crier --add "$SERVER_URL/elsewhere/news.atom" 2>&1)
t_has "$out" "added $SERVER_URL/elsewhere/news.atom (Dunmere Rowing Club notices)" "a feed URL is added as it is"
t_hasnt "$out" "web page" "a feed is not called a web page"

out=$(t_crier --add "file:///etc/passwd" 2>&1)
t_eq "$?" "1" "a file: URL is refused"

# what was stored is a feed a reload reads
t_crier --add "$SERVER_URL/site/index.html" >/dev/null 2>&1
t_crier -q -x reload >/dev/null 2>&1
out=$(t_crier -x print-unread 2>&1)
t_eq "$out" "2 unread articles" "a reload reads the discovered feed and the one added directly"
t_done
