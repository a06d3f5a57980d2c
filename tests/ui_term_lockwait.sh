#!/bin/sh
# R while another program holds the cache's write lock for longer than download_timeout,
# with feeds still downloading when the first one arrives (tmux, 80x24): the feeds that
# arrive wait in memory for the lock while the others go on downloading, so none times
# out; all are stored once the lock goes. Quitting meanwhile names the feeds not stored.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed: skipped"; exit 77; }

start_server "$T_TMP/root"
ui_setup
feed() { # K N: feed K now has N stories
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
		printf '<title>Marrowby Weir gauge %s</title><link>%s/</link>\n' "$1" "$SERVER_URL"
		_n=$2
		while [ "$_n" -gt 0 ]; do
			printf '<item><title>Gauge %s reading %s at Marrowby Weir</title>' "$1" "$_n"
			printf '<link>%s/g%s-%s.html</link><guid>g%s-%s</guid>' "$SERVER_URL" "$1" "$_n" "$1" "$_n"
			printf '<pubDate>Wed, %02d Nov 2026 07:00:00 +0000</pubDate>' "$((10 + _n))"
			printf '<description>The water stood at mark %s.</description></item>\n' "$_n"
			_n=$((_n - 1))
		done
		printf '</channel></rss>\n'
	} >"$T_TMP/root/gauge$1.xml"
}
# the first feed answers at once and is stored before the lock is taken (R first makes
# the urls file's list the cache's, which would wait for a lock held before it); the
# others wait for the file "go" (the server's gate), then answer 0 to 1.5 s later: when
# the second arrives and meets the lock, three are still downloading
{
	echo "$SERVER_URL/gauge1.xml"
	for k in 2 3 4 5; do echo "$SERVER_URL/gate/go/delay/$(( 500 * k - 1000 ))/gauge$k.xml"; done
} >"$XDG_CONFIG_HOME/crier/urls"
touch "$T_TMP/root/go"
for k in 1 2 3 4 5; do feed $k 2; done
# a transfer may take 12 s (from R: the gate's wait counts); the lock is held until 13 s
# after the gate opens
printf 'article_fetch never\ndownload_timeout 12\nconnect_timeout 12\nmax_per_host 8\n' >"$XDG_CONFIG_HOME/crier/config"
CACHE=$XDG_DATA_HOME/crier/cache.db
stories() { sqlite3 "$CACHE" "SELECT COUNT(*) FROM items"; }
status() { ui_screen | tail -n 1; }

ui_start 80 24
ui_expect "reloaded 5 feeds, 0 failed" "the first start loads the five feeds" 20
t_eq "$(stories)" 10 "(ten stories in the cache)"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# R with the gate shut, the lock taken once the first feed is stored (COUNT stories),
# then the gate opened
r_then_hold() { # COUNT
	rm -f "$T_TMP/root/go"
	R_AT=$(now_ms)
	ui_keys R
	_i=0
	while [ "$(stories)" -lt "$1" ] && [ $_i -lt 400 ]; do sleep 0.05; _i=$((_i + 1)); done
	ui_hold "$CACHE"
	GO_AT=$(now_ms)
	echo "(the lock taken $(( GO_AT - R_AT )) ms after R; the gate opens)"
	touch "$T_TMP/root/go"
}
sleep_until() { # MS after the gate opened
	_left=$(( GO_AT + $1 - $(now_ms) ))
	[ $_left -gt 0 ] && sleep "$(( _left / 1000 )).$(printf '%03d' $(( _left % 1000 )))"
}
# each feed gets a third story
for k in 1 2 3 4 5; do feed $k 3; done
r_then_hold 11
ui_expect "waiting for the cache lock (held by another program)" \
	"the status line says the reload waits for the lock" 10
ui_keys '?'
ui_expect "Keys (q closes this help)" "the keys answer meanwhile" 3
ui_keys q
t_eq "$(stories)" 11 "(only the first feed's new story stored: nothing while the lock is held)"
sleep_until 13000
ui_hold_end
ui_expect "reloaded 5 feeds, 0 failed" \
	"after a lock held past download_timeout every feed is stored, none timed out" 15
t_hasnt "$(status)" "failed (e lists" "(no feed reported failed)"
t_eq "$(stories)" 15 "all five feeds' new stories are in the cache"
ui_keys e
ui_wait "─ Errors" 3
t_hasnt "$(ui_screen)" "timed out" "the error view names no timed-out feed"
ui_keys q

# quitting while the fetched feeds wait for the lock: at once, naming them on stderr
for k in 1 2 3 4 5; do feed $k 4; done
r_then_hold 16
ui_expect "waiting for the cache lock (held by another program)" "R waits for the lock again" 10
sleep_until 3500 # every feed has arrived by now (the last 1.5 s after the gate)
ui_keys q
_i=0
while ! ui_exited && [ $_i -lt 60 ]; do sleep 0.05; _i=$((_i + 1)); done
t_eq "$(cat "$T_TMP/exit" 2>/dev/null)" "crier-exited-0" "q ends crier within 3 s, the lock still held"
err=$(cat "$T_TMP/crier.stderr")
t_has "$err" "the 4 feeds it fetched were not stored (the next reload fetches them again)" \
	"stderr says how many fetched feeds were not stored"
t_has "$err" "$SERVER_URL/gate/go/delay/0/gauge2.xml" "and names them"
t_has "$err" "$SERVER_URL/gate/go/delay/1500/gauge5.xml" "(the last too)"
ui_hold_end
t_eq "$(stories)" 16 "(the four named feeds' fourth stories not stored)"

t_done
