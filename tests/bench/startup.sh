#!/bin/sh
# startup.sh: time from start to the first drawn screen of crier on a 100k-item cache,
# against `crier -x print-unread` on the same cache (target: within 3x) and sfeed_curses
# showing the same 100k items (target: crier 5x faster); crier's peak RSS (target < 32 MB).
# Run by hand from a build directory:  sh ../tests/bench/startup.sh [RUNS]
# Needs tmux and python3; installs Debian's sfeed when sfeed_curses is missing (root).
set -eu
RUNS=${1:-5}
CRIER=${CRIER:-$(pwd)/crier}
[ -x "$CRIER" ] || { echo "no crier at $CRIER: run from the build directory or set CRIER" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
if ! command -v sfeed_curses >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q sfeed >/dev/null || true
	fi
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/crier-startup.XXXXXX")
SOCK=crier-bench-$$
trap 'tmux -L $SOCK kill-server 2>/dev/null; rm -rf "$W"' EXIT
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_DATA_HOME=$W/home/.local/share
mkdir -p "$XDG_CONFIG_HOME/crier" "$W/feeds" "$W/sfeed"

# 100 feeds of 1000 items each: RSS files for crier, the same items as sfeed TSV files.
python3 - "$W" <<'PY'
import os, sys, time
w = sys.argv[1]
now = int(time.time())
urls = []
for f in range(100):
    name = "feed%03d" % f
    items, tsv = [], []
    for i in range(1000):
        t = now - (f * 1000 + i) * 60
        title = "Story %d of feed %d about the harbour wall" % (i, f)
        link = "http://example.invalid/%s/%d.html" % (name, i)
        items.append("<item><title>%s</title><link>%s</link><guid>%s</guid>"
                     "<pubDate>%s</pubDate><description>A short teaser of story %d.</description></item>"
                     % (title, link, link, time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t)), i))
        tsv.append("\t".join([str(t), title, link, "A short teaser of story %d." % i, "plain", link, "", "", ""]))
    with open(os.path.join(w, "feeds", name + ".xml"), "w") as fh:
        fh.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title>'
                 '<link>http://example.invalid/</link>%s</channel></rss>' % (f, "".join(items)))
    with open(os.path.join(w, "sfeed", name), "w") as fh:
        fh.write("\n".join(tsv) + "\n")
    # and every item in one file: one list of 100k, as crier shows them
    with open(os.path.join(w, "all.tsv"), "a") as fh:
        fh.write("\n".join(tsv) + "\n")
    urls.append("file://%s/feeds/%s.xml" % (w, name))
with open(os.path.join(w, "home/.config/crier/urls"), "w") as fh:
    fh.write("\n".join(urls) + "\n")
PY
echo "building the cache (100 feeds x 1000 items) ..."
if ! "$CRIER" -x reload -q >/dev/null 2>&1; then
	# no headless reload in this build: let the interface load the feeds once
	tmux -L $SOCK -f /dev/null new-session -d -x 120 -y 40 \
		"env HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME TERM=xterm-256color LC_ALL=C.UTF-8 $CRIER -r"
	while ! tmux -L $SOCK capture-pane -p | grep -q "reloaded 100 feeds"; do sleep 0.5; done
	tmux -L $SOCK kill-server
fi
"$CRIER" -x print-unread || echo "(no print-unread in this build)"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# time_screen NEEDLE CMD...: ms from starting CMD in tmux until NEEDLE is on the screen
time_screen() {
	needle=$1
	shift
	# a fresh server each time: a server still shutting down refuses new sessions
	tmux -L $SOCK kill-server 2>/dev/null || true
	RUN_N=$(( ${RUN_N:-0} + 1 ))
	SOCK=crier-bench-$$-$RUN_N
	t0=$(now_ms)
	tmux -L $SOCK -f /dev/null new-session -d -x 120 -y 40 \
		"env HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME TERM=xterm-256color LC_ALL=C.UTF-8 $*"
	while ! tmux -L $SOCK capture-pane -p 2>/dev/null | grep -qF "$needle"; do
		sleep 0.005
	done
	t1=$(now_ms)
	echo $((t1 - t0))
}

# the floor: tmux starting a program that prints at once, read by the same polling
: >"$W/floor.ms"
for i in $(seq "$RUNS"); do
	time_screen "FLOOR-MARK" "printf FLOOR-; echo MARK; sleep 30" >>"$W/floor.ms"
done
: >"$W/crier.ms"
: >"$W/sfeed.ms"
: >"$W/sfeed1.ms"
: >"$W/print.ms"
rss=0
for i in $(seq "$RUNS"); do
	time_screen "Story 0 of feed 0" "$CRIER" >>"$W/crier.ms"
	# peak RSS of the running reader, read before quitting
	pid=$(tmux -L $SOCK display-message -p '#{pane_pid}')
	cpid=$(pgrep -P "$pid" crier 2>/dev/null || echo "$pid")
	r=$(awk '/VmHWM/ {print $2}' "/proc/$cpid/status" 2>/dev/null || echo 0)
	[ "${r:-0}" -gt "$rss" ] && rss=$r
	tmux -L $SOCK send-keys q
	t0=$(now_ms)
	"$CRIER" -x print-unread >/dev/null 2>&1 || true
	t1=$(now_ms)
	echo $((t1 - t0)) >>"$W/print.ms"
	if command -v sfeed_curses >/dev/null; then
		time_screen "Story 0 of feed 0" sfeed_curses "$W"/sfeed/* >>"$W/sfeed.ms"
		tmux -L $SOCK send-keys q
		time_screen "Story 0 of feed 0" sfeed_curses "$W/all.tsv" >>"$W/sfeed1.ms"
		tmux -L $SOCK send-keys q
	fi
done
f=$(median <"$W/floor.ms")
echo "floor (tmux start + polling, a program that prints at once), median of $RUNS: $f ms   [$(tr '\n' ' ' <"$W/floor.ms")]"
echo "(net figures below subtract the floor)"
c=$(median <"$W/crier.ms")
p=$(median <"$W/print.ms")
echo "crier, start to first screen (100k items), median of $RUNS: $c ms   [$(tr '\n' ' ' <"$W/crier.ms")]"
echo "crier -x print-unread, median of $RUNS: $p ms   [$(tr '\n' ' ' <"$W/print.ms")]"
echo "ratio first screen (net $((c - f)) ms) / print-unread: $(awk -v a="$c" -v f="$f" -v b="$p" 'BEGIN {n = a - f; if (n < 1) n = 1; printf "%.2f", n / (b ? b : 1)}') (raw: $(awk -v a="$c" -v b="$p" 'BEGIN {printf "%.2f", a / (b ? b : 1)}')) (target <= 3)"
if [ -s "$W/sfeed.ms" ]; then
	s=$(median <"$W/sfeed.ms")
	echo "sfeed_curses, start to first screen (same 100k items), median of $RUNS: $s ms   [$(tr '\n' ' ' <"$W/sfeed.ms")]"
	echo "speed-up over sfeed_curses, net of the floor: $(awk -v a="$s" -v b="$c" -v f="$f" 'BEGIN {x = a - f; y = b - f; if (y < 1) y = 1; printf "%.1f", x / y}')x (raw: $(awk -v a="$s" -v b="$c" 'BEGIN {printf "%.1f", a / (b ? b : 1)}')x) (target >= 5)"
	s1=$(median <"$W/sfeed1.ms")
	echo "sfeed_curses, the same 100k items in one file (one list), median of $RUNS: $s1 ms   [$(tr '\n' ' ' <"$W/sfeed1.ms")]"
	echo "speed-up over sfeed_curses on one list, net of the floor: $(awk -v a="$s1" -v b="$c" -v f="$f" 'BEGIN {x = a - f; y = b - f; if (y < 1) y = 1; printf "%.1f", x / y}')x (raw: $(awk -v a="$s1" -v b="$c" 'BEGIN {printf "%.1f", a / (b ? b : 1)}')x) (target >= 5)"
else
	echo "sfeed_curses not installed: no comparison (apt-get install sfeed)"
fi
echo "crier peak RSS at the first screen: $((rss / 1024)) MB ($rss kB) (target < 32 MB)"
