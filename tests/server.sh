# server.sh: start the loopback test server (tests/server.py) from a shell test.
# Source it after tests/lib.sh:
#   . "$top_srcdir/tests/server.sh"
#   start_server DIR        # serves DIR; sets SERVER_PORT, SERVER_URL, SERVER_LOG
#   ... "$SERVER_URL/feed.xml" ...
#   server_stats            # prints the JSON of /__stats
#   server_log_has TEXT     # 0 when the request log contains TEXT
# The server is stopped when the test exits (or by stop_server).

SERVER_PID=
start_server() { # DIR
	_sdir=$T_TMP/server.$$
	mkdir -p "$_sdir"
	rm -f "$_sdir/port"
	SERVER_LOG=$_sdir/requests.log
	: >"$SERVER_LOG"
	python3 "$top_srcdir/tests/server.py" --root "$1" --port-file "$_sdir/port" \
		--log "$SERVER_LOG" 2>"$_sdir/stderr" &
	SERVER_PID=$!
	t_on_exit 'stop_server'
	_i=0
	while [ ! -s "$_sdir/port" ]; do
		_i=$((_i + 1))
		if [ $_i -gt 200 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "start_server: the test server did not start:" >&2
			cat "$_sdir/stderr" >&2
			exit 99
		fi
		sleep 0.05
	done
	SERVER_PORT=$(cat "$_sdir/port")
	SERVER_URL=http://127.0.0.1:$SERVER_PORT
}

stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
	fi
}

# Fetch a server URL without crier (python, so the test needs no curl binary).
server_get() { # PATH
	python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' "$SERVER_URL$1"
}
server_stats() { server_get /__stats; }
# One field of /__stats, e.g. server_stat max_connections
server_stat() {
	server_stats | python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}
server_log_has() { grep -q -- "$1" "$SERVER_LOG"; }
