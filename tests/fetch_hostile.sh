#!/bin/sh
# What a hostile or careless server does to a fetch, and what the reader is told: an https
# feed is not led to plain http, TLS failures are explained, oversized headers named,
# and a URL's user:password never appears in a message (issues 12 and 13).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
GET=$top_builddir/tests/fetch_get
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }

mkdir -p "$T_TMP/www"
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Weir Street Notes</title><item><title>Lock keeper retires</title><guid>w1</guid></item></channel></rss>\n' >"$T_TMP/www/feed.xml"
start_server "$T_TMP/www"
U=$SERVER_URL
HP=127.0.0.1:$SERVER_PORT

# A plain-HTTP server on an https address: a sentence, then the library's words.
out=$("$GET" "https://$HP/feed.xml")
t_has "$out" "https://$HP/feed.xml: the server does not speak HTTPS" "plain HTTP behind https:// is explained"
case $out in *"does not speak HTTPS: "?*) t_pass "the library's text follows the sentence";; *) t_fail "no library text after the sentence: $out";; esac

# Headers past libcurl's limit: named as such, not "Out of memory".
out=$("$GET" "$U/big-header/300")
t_has "$out" "response headers too large" "oversized response headers are named"
t_hasnt "$out" "error=$U/big-header/300: Out of memory" "not reported as the library's out of memory"

# Credentials in a URL stay out of every message.
out=$("$GET" "http://reader:s3cret@$HP/status/500")
t_has "$out" "error=http://***@$HP/status/500: HTTP 500" "the failing URL is named without its user:password"
t_hasnt "$(field "$out" error)" "s3cret" "the password is not in the fetch error"
out=$("$GET" "https://reader:s3cret@$HP/feed.xml")
t_hasnt "$(field "$out" error)" "s3cret" "nor in a TLS error"

# The same through crier: -x reload's report, and the error stored for the error view.
printf 'http://reader:s3cret@%s/status/404 "~Private"\n' "$HP" >"$T_TMP/urls"
"$CRIER" -u "$T_TMP/urls" -c "$T_TMP/cache.db" -x reload >"$T_TMP/out" 2>&1
t_hasnt "$(cat "$T_TMP/out")" "s3cret" "crier -x reload prints no password"
t_has "$(cat "$T_TMP/out")" "***@$HP/status/404" "crier -x reload names the feed without it"
if command -v sqlite3 >/dev/null; then
	stored=$(sqlite3 "$T_TMP/cache.db" "SELECT group_concat(coalesce(error,''), ' ') FROM feeds" 2>&1)
	t_hasnt "$stored" "s3cret" "the stored error (the error view's text) holds no password"
fi

# An https feed redirected to plain http: refused, unless allowed; never moved for good.
if command -v openssl >/dev/null && python3 -c 'import ssl' 2>/dev/null; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 -keyout "$T_TMP/key.pem" -out "$T_TMP/cert.pem" \
		>/dev/null 2>&1 || t_fail "openssl could not make a test certificate"
	python3 - "$T_TMP/cert.pem" "$T_TMP/key.pem" "$T_TMP/tls-port" "$U/feed.xml" <<'PY' &
import http.server, os, ssl, sys
cert, key, portfile, target = sys.argv[1:5]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(301)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
s.socket = ctx.wrap_socket(s.socket, server_side=True)
with open(portfile + ".tmp", "w") as f:
    f.write(str(s.server_address[1]))
os.replace(portfile + ".tmp", portfile)
s.serve_forever()
PY
	TLS_PID=$!
	t_on_exit "kill $TLS_PID 2>/dev/null"
	i=0
	while [ ! -s "$T_TMP/tls-port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	S=https://127.0.0.1:$(cat "$T_TMP/tls-port")
	out=$("$GET" -A "$T_TMP/cert.pem" "$S/feed.xml")
	t_has "$out" "redirected from https to plain http ($U/feed.xml): refused" "an https feed is not followed to http"
	t_eq "$(field "$out" bytes)" 0 "nothing from the http address is read"
	out=$("$GET" -A "$T_TMP/cert.pem" -L allow_https_downgrade=1 "$S/feed.xml")
	t_eq "$(field "$out" status)" 200 "allow_https_downgrade follows it"
	t_eq "$(field "$out" permanent)" 0 "a 301 to plain http never moves the feed"
else
	t_fail "openssl and python3's ssl are needed for the https downgrade test"
fi
t_done
