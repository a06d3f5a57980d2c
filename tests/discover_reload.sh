#!/bin/sh
# A urls-file line or an imported OPML outline that is a web page: the reload follows the
# page's <link rel="alternate"> feed (a dead first link skipped), says which feed it
# found, stores its items, and reads that feed in the page's place from then on; a page
# that names no feed is an error naming the page, and loses nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"

cp -R "$top_srcdir/tests/discover" "$T_TMP/root"
chmod -R u+w "$T_TMP/root"
start_server "$T_TMP/root"
export HOME="$T_TMP/home" XDG_CONFIG_HOME="$T_TMP/home/.config" XDG_DATA_HOME="$T_TMP/home/.local/share"
URLS="$T_TMP/urls"
CACHE="$T_TMP/cache.db"

printf '%s\n%s\n' "$SERVER_URL/site/deadlink.html" "$SERVER_URL/site/plain.html" >"$URLS"
out=$(t_crier -x reload 2>&1)
t_has "$out" "$SERVER_URL/site/deadlink.html is a web page; found its feed $SERVER_URL/site/feeds/main.xml" \
	"a listed page's feed is found (its dead first link skipped) and named"
t_has "$out" "$SERVER_URL/site/plain.html: a web page, not an RSS or Atom feed, and no <link rel=\"alternate\"> on it names one" \
	"a page that names no feed is an error naming the page"
t_eq "$(t_crier -x print-unread 2>&1)" "1 unread articles" "the found feed's items are stored"
t_eq "$(printf '%s\n%s' "$SERVER_URL/site/deadlink.html" "$SERVER_URL/site/plain.html")" "$(cat "$URLS")" \
	"the urls file is left as the reader wrote it"

# the cache reads the feed itself from now on: the page may go
rm "$T_TMP/root/site/deadlink.html"
out=$(t_crier -x reload 2>&1)
t_hasnt "$out" "deadlink.html:" "the next reload reads the feed, not the page (now gone)"
t_hasnt "$out" "found its feed" "and needs no discovery again"
t_eq "$(t_crier -x print-unread 2>&1)" "1 unread articles" "nothing is lost or doubled"

# an OPML outline that points at a page: imported as listed, found on the reload
cat >"$T_TMP/subs.opml" <<OPML
<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline text="Rowing club" type="rss" xmlUrl="$SERVER_URL/site/atom.html"/>
</body></opml>
OPML
t_crier -q -i "$T_TMP/subs.opml" >/dev/null 2>&1
out=$(t_crier -x reload 2>&1)
t_has "$out" "$SERVER_URL/site/atom.html is a web page; found its feed $SERVER_URL/elsewhere/news.atom" \
	"an imported outline's page is followed to its feed (through <base href>)"
t_eq "$(t_crier -x print-unread 2>&1)" "2 unread articles" "and its items are stored"
t_done
