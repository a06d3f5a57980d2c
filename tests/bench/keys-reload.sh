#!/bin/sh
# keys-reload.sh: how fast crier answers keys while 500 feeds (50 items each, every one
# changed since the last reload) reload from the loopback test server. Each figure is
# from send-keys to the moved cursor on the captured screen, so it includes tmux's own
# round trip (the floor, measured the same way on `cat`). Target: under 50 ms.
# Run by hand from a build directory:  sh ../tests/bench/keys-reload.sh [PRESSES]
set -eu
N=${1:-30}
CRIER=${CRIER:-$(pwd)/crier}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -x "$CRIER" ] || { echo "no crier at $CRIER" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/crier-keys.XXXXXX")
SOCK=crier-keys-$$
SPID=
trap 'tmux -L $SOCK kill-server 2>/dev/null; [ -n "$SPID" ] && kill $SPID; rm -rf "$W"' EXIT
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_DATA_HOME=$W/home/.local/share
mkdir -p "$XDG_CONFIG_HOME/crier" "$W/root"
gen() { # WORD: 500 feeds whose item titles carry WORD (a new word: every item changed)
	python3 - "$W/root" "$1" <<'PY'
import sys
root, word = sys.argv[1], sys.argv[2]
for f in range(500):
    items = "".join(
        "<item><title>Feed %d %s %d</title><link>https://f%d.example/%d</link><guid>f%d-%d</guid>"
        "<pubDate>Mon, 01 Jun 2026 %02d:%02d:00 GMT</pubDate><description>The committee met again "
        "about item %d and the benches by the canal.</description></item>"
        % (f, word, i, f, i, f, i, i % 24, f % 60, i) for i in range(50))
    with open("%s/f%d.xml" % (root, f), "w") as fh:
        fh.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title>%s'
                 '</channel></rss>' % (f, items))
PY
}
gen first
python3 "$top_srcdir/tests/server.py" --root "$W/root" --port-file "$W/port" 2>/dev/null &
SPID=$!
while [ ! -s "$W/port" ]; do sleep 0.05; done
P=$(cat "$W/port")
i=0
while [ $i -lt 500 ]; do echo "http://127.0.0.1:$P/f$i.xml"; i=$((i + 1)); done >"$XDG_CONFIG_HOME/crier/urls"
echo "max_per_host 16" >"$XDG_CONFIG_HOME/crier/config"
"$CRIER" -x reload -q >/dev/null 2>&1 || true
gen second

ms() { echo $(( $(date +%s%N) / 1000000 )); }
# the floor: tmux echoing a key typed into cat
tmux -L $SOCK -f /dev/null new-session -d -s f -x 100 -y 30 "cat"
: >"$W/floor"
i=0
while [ $i -lt 10 ]; do
	t0=$(ms)
	tmux -L $SOCK send-keys -t f "x$i" Enter
	while ! tmux -L $SOCK capture-pane -p -t f | grep -q "x$i"; do :; done
	echo $(( $(ms) - t0 )) >>"$W/floor"
	i=$((i + 1))
done
tmux -L $SOCK kill-session -t f

tmux -L $SOCK -f /dev/null new-session -d -s c -x 100 -y 30 \
	"env HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME TERM=xterm-256color LC_ALL=C.UTF-8 $CRIER -r"
while ! tmux -L $SOCK capture-pane -p -t c | grep -q "fetching"; do sleep 0.01; done
: >"$W/keys"
during=0
i=1
while [ $i -le "$N" ]; do
	if [ $((i % 2)) = 1 ]; then key=j want='^ 2/'; else key=k want='^ 1/'; fi
	t0=$(ms)
	tmux -L $SOCK send-keys -t c $key
	while ! tmux -L $SOCK capture-pane -p -t c | grep -qE "$want"; do :; done
	d=$(( $(ms) - t0 ))
	if tmux -L $SOCK capture-pane -p -t c | tail -n 1 | grep -q fetching; then
		echo "$d" >>"$W/keys"
		during=$((during + 1))
	fi
	i=$((i + 1))
done
stat() { sort -n "$1" | awk '{a[NR]=$1} END {printf "median %d ms, 90th %d ms, max %d ms (%d presses)", a[int((NR+1)/2)], a[int(NR*0.9+0.5)], a[NR], NR}'; }
echo "tmux floor (key into cat until echoed): $(stat "$W/floor")"
if [ "$during" -gt 0 ]; then
	echo "crier during a 500-feed reload, key to moved cursor: $(stat "$W/keys")"
else
	echo "the reload ended before the first key: no figure"
fi
