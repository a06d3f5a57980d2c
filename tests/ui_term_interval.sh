#!/bin/sh
# reload_interval (issue 13 point 2), in tmux at 80x24 and 160x48 at once (both sizes
# wait together): the feed changes on the server, and the new story appears in the list
# with no key pressed. The interval is given in seconds ("10s"): a bare number would be
# minutes, and a unit crier did not read would leave the setting off, failing the test.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup

# own_home NAME: a HOME of its own, so the two crier share no cache
own_home() {
	export HOME=$T_TMP/home-$1
	export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share
	export XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
	mkdir -p "$XDG_CONFIG_HOME/crier" "$XDG_DATA_HOME"
	# the first request of the feed gets one story, every later one two (/seq counts
	# per path: each size has a path of its own)
	echo "$SERVER_URL/seq/interval1.xml,interval2.xml$2" >"$XDG_CONFIG_HOME/crier/urls"
	# newsboat-style dashes; ten seconds: long enough that the check below that the
	# first screen shows one story is not raced by the second reload, even under load
	echo "reload-interval 10s" >"$XDG_CONFIG_HOME/crier/config"
}

socks=
for size in 80x24 160x48; do
	case $size in 80x24) own_home "$size" "";; *) own_home "$size" ",interval2.xml";; esac
	UI_SOCK=none-$$ # ui_start ends the previous server: keep the other size's running
	started=$(date +%s)
	ui_start "${size%x*}" "${size#*x}"
	socks="$socks $UI_SOCK:$size:$started"
	t_on_exit "tmux -L '$UI_SOCK' -f /dev/null kill-server 2>/dev/null"
done
for s in $socks; do
	UI_SOCK=${s%%:*} s=${s#*:} s=${s%:*}
	ui_expect "Morning tide sheet" "$s: the first start loads the feed" 20
	t_hasnt "$(ui_screen)" "Evening tide sheet" "$s: the second story is not there yet"
done
for s in $socks; do
	UI_SOCK=${s%%:*} started=${s##*:} s=${s#*:} s=${s%:*}
	# no key is sent: the reload comes by itself ten seconds after the first
	ui_expect "Evening tide sheet" "$s: 10 s later the new story is listed, no key pressed" 40
	took=$(($(date +%s) - started))
	[ "$took" -ge 9 ] && t_pass "$s: not before the interval ($took s after the start)" ||
		t_fail "$s: the second reload came $took s after the start, before the 10 s interval"
	t_has "$(ui_pane "Stories")" "Morning tide sheet" "$s: the first story stays"
done
t_done
