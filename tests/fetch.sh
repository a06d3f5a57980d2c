#!/bin/sh
# The fetcher against the loopback server: what a reload must survive.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
GET=$top_builddir/tests/fetch_get

mkdir -p "$T_TMP/www"
{
	echo '<?xml version="1.0" encoding="utf-8"?>'
	echo '<rss version="2.0"><channel><title>Millbrook Parish Notes</title>'
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		echo "<item><title>Council meeting $i</title><guid>mpn-$i</guid>"
		echo "<description>The parish council met in the old schoolroom to discuss the footbridge, the bus shelter and the summer fair.</description></item>"
	done
	echo '</channel></rss>'
} >"$T_TMP/www/feed.xml"
size=$(wc -c <"$T_TMP/www/feed.xml")
echo 'private' >"$T_TMP/secret.txt"
start_server "$T_TMP/www"
U=$SERVER_URL

field() { # LINE NAME
	printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}

# 200, with the headers a server sees.
out=$("$GET" "$U/feed.xml")
t_eq "$(field "$out" status)" 200 "a feed is fetched"
t_eq "$(field "$out" bytes)" "$size" "the whole body arrives, uncompressed"
t_eq "$(field "$out" error)" - "no error for a 200"
t_eq "$(field "$out" type)" application/xml "the content type is reported"
etag=$(field "$out" etag)
case $etag in '"'*'"') t_pass "the ETag is reported";; *) t_fail "no ETag reported: $etag";; esac
server_log_has '"user-agent": "crier/' && t_pass "User-Agent is crier/VERSION" || t_fail "User-Agent is not crier/VERSION"
# gzip: asked for, and the server sent fewer bytes than the file.
server_log_has '"accept-encoding": "[^"]*gzip' && t_pass "gzip is asked for" || t_fail "no Accept-Encoding: gzip sent"
sent=$(grep '"path": "/feed.xml"' "$SERVER_LOG" | head -1 | sed 's/.*"bytes": \([0-9]*\).*/\1/')
[ "$sent" -lt "$size" ] && t_pass "the body came compressed ($sent < $size bytes)" || t_fail "the body was not compressed: $sent bytes"

# Conditional GET: a 304 and no body.
lm=$(grep -o 'last_modified=[^=]*type=' <<EOF | sed 's/last_modified=//; s/ type=//'
$out
EOF
)
out=$("$GET" -E "$etag" "$U/feed.xml")
t_eq "$(field "$out" status)" 304 "If-None-Match gets a 304"
t_eq "$(field "$out" not_modified)" 1 "a 304 is reported as not modified"
t_eq "$(field "$out" bytes)" 0 "a 304 passes no bytes on"
server_log_has "\"if-none-match\": \"\\\\\"" && t_pass "the server saw If-None-Match" || t_fail "the server did not see If-None-Match"
out=$("$GET" -M "$lm" "$U/feed.xml")
t_eq "$(field "$out" status)" 304 "If-Modified-Since gets a 304"
server_log_has '"if-modified-since": "' && t_pass "the server saw If-Modified-Since" || t_fail "the server did not see If-Modified-Since"

# Redirects: a chain is followed; a temporary one changes nothing stored.
out=$("$GET" "$U/redirect/3/feed.xml")
t_eq "$(field "$out" status)" 200 "a chain of 3 redirects is followed"
t_eq "$(field "$out" final)" "$U/feed.xml" "the final URL is reported"
t_eq "$(field "$out" permanent)" 0 "302s are not permanent"
out=$("$GET" "$U/redirect/6/feed.xml")
t_has "$out" "more than 5 redirects" "a chain of 6 redirects stops at the limit"
for code in 301 308; do
	out=$("$GET" "$U/moved/$code/feed.xml")
	t_eq "$(field "$out" permanent)" 1 "a $code is a permanent redirect"
	t_eq "$(field "$out" final)" "$U/feed.xml" "a $code reports the new URL"
done
out=$("$GET" "$U/moved/307/feed.xml")
t_eq "$(field "$out" permanent)" 0 "a 307 is not permanent"

# Never file:// through a redirect, even for a request that may read files.
for f in "" -f; do
	out=$("$GET" $f "$U/redirect-to?url=file://$T_TMP/secret.txt")
	t_has "$out" "not http(s): refused" "a redirect to file:// is refused ${f:+(with file allowed)}"
	t_eq "$(field "$out" bytes)" 0 "nothing of the file is read ${f:+(with file allowed)}"
done
out=$("$GET" "$U/redirect-to?url=ftp://127.0.0.1/x")
t_has "$out" "refused" "a redirect to ftp:// is refused"
out=$("$GET" "file://$T_TMP/secret.txt")
t_has "$out" "only http:// and https://" "file:// is refused unless allowed"
out=$("$GET" -f "file://$T_TMP/secret.txt")
t_eq "$(field "$out" bytes)" 8 "a listed file:// feed is read"

# HTTP errors name the URL and the status.
out=$("$GET" "$U/status/404" "$U/status/500")
t_has "$out" "$U/status/404: HTTP 404" "a 404 is an error naming the URL"
t_has "$out" "$U/status/500: HTTP 500" "a 500 is an error naming the URL"

# A stalled server hits its timeout; the other transfers are not held up.
start=$(date +%s)
out=$("$GET" -L download_timeout=2 -L low_speed_time=1 -L low_speed_limit=1000 \
	"$U/stall/feed.xml" "$U/stall-body/feed.xml" "$U/delay/300/feed.xml" "$U/feed.xml")
took=$(($(date +%s) - start))
t_has "$(printf '%s\n' "$out" | grep '/stall/')" "timed out" "a server that never answers times out"
t_has "$(printf '%s\n' "$out" | grep '/stall-body/')" "timed out" "a body that stops coming times out"
first=$(printf '%s\n' "$out" | sed -n 2p)
t_has "$first" "status=200" "the healthy feeds finish first, unaffected"
[ "$took" -le 5 ] && t_pass "the timeouts held ($took s)" || t_fail "timeouts took $took s"

# A body past the cap stops, with or without a Content-Length.
out=$("$GET" -L max_download_size=1048576 "$U/huge/3" "$U/huge/3?nolength")
t_eq "$(printf '%s\n' "$out" | grep -c 'larger than the limit of 1048576 bytes')" 2 "a body past the cap is refused"
for b in $(printf '%s\n' "$out" | sed -n 's/.* bytes=\([0-9]*\) .*/\1/p'); do
	[ "$b" -le 1048576 ] || t_fail "$b bytes passed on past the cap"
done

# Per-host and global limits, counted at the server.
server_get /__reset >/dev/null
urls=
i=0
while [ $i -lt 24 ]; do urls="$urls $U/delay/150/feed.xml"; i=$((i + 1)); done
out=$("$GET" -L max_per_host=3 $urls)
t_eq "$(printf '%s\n' "$out" | grep -c 'status=200')" 24 "24 transfers to one host all succeed"
t_eq "$(server_stat max_requests)" 3 "no more than 3 at once to one host"
server_get /__reset >/dev/null
urls=
i=0
while [ $i -lt 12 ]; do
	urls="$urls $U/delay/150/feed.xml http://localhost:$SERVER_PORT/delay/150/feed.xml"
	i=$((i + 1))
done
out=$("$GET" -L max_per_host=3 -L max_transfers=4 $urls)
t_eq "$(printf '%s\n' "$out" | grep -c 'status=200')" 24 "24 transfers to two hosts all succeed"
t_eq "$(server_stat max_requests)" 4 "no more than 4 at once overall"
t_done
