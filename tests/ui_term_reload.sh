#!/bin/sh
# Keys answered while a reload waits on a stalling server: the loop waits on the keyboard
# and the curl sockets together, so the help opens and the list moves at once.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
{
	echo "$SERVER_URL/courier.xml"
	for i in 1 2 3 4 5 6; do echo "$SERVER_URL/stall/minato.xml?$i"; done
	echo "$SERVER_URL/delay/200/odd.xml"
} >"$XDG_CONFIG_HOME/crier/urls"
# the stalled feeds hold the reload for 20 s: long past the end of this test
printf 'download_timeout 20\nconnect_timeout 20\nmax_per_host 16\n' >"$XDG_CONFIG_HOME/crier/config"

ui_start 100 30 -r
ui_expect "Footbridge over the Teal" "the fast feed is listed while others stall"
ui_expect "fetching 2/8 feeds" "the status line shows the progress"
for k in 1 2 3; do
	t0=$(date +%s%N)
	ui_keys '?'
	ui_wait "Keys (q closes this help)" 5
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	echo "help shown after $ms ms (capture polling included)"
	# tmux, the polling and a loaded machine add their own delay: 1.5 s for the round
	# trip, still far under the 20 s a loop waiting on the stalled feeds would take
	if [ "$ms" -lt 1500 ]; then t_pass "round $k: the help opens at once during the reload ($ms ms)"; else t_fail "round $k: the help took $ms ms during the reload"; fi
	ui_keys q
	ui_wait "Footbridge over the Teal" 5
	t0=$(date +%s%N)
	ui_keys j
	ui_wait_re "^ 2/[0-9]" 5
	ui_keys k
	ui_wait_re "^ 1/[0-9]" 5
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	if [ "$ms" -lt 1500 ]; then t_pass "round $k: j and k move at once during the reload ($ms ms)"; else t_fail "round $k: j and k took $ms ms during the reload"; fi
done
scr=$(ui_screen)
t_has "$scr" "fetching" "the reload is still running: keys were answered while it waited"
ui_keys q
ui_expect_exit "q quits at once in the middle of a reload"
t_done
