# ui_lib.sh: run crier inside a detached tmux session of a fixed size and read its screen
# as a user would. Source after tests/lib.sh (and tests/server.sh when serving fixtures).
#   ui_setup                 # own HOME and XDG dirs; the fixtures copied to $UI_ROOT with
#                            # @BASE@ replaced by $SERVER_URL
#   ui_start COLS ROWS ARGS  # crier ARGS in a tmux session on a socket of its own
#   ui_wait TEXT [SECONDS]   # poll the screen until TEXT shows (1 on timeout)
#   ui_screen                # the screen now, as text
#   ui_keys KEY...           # tmux send-keys
#   ui_pane HEADER           # the text of the pane whose header row starts "─ HEADER"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipped"; exit 77; }

UI_SOCK=crier-$t_name-$$
ui_tmux() { tmux -L "$UI_SOCK" -f /dev/null "$@"; }

ui_setup() {
	export HOME=$T_TMP/home
	export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share
	export XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
	mkdir -p "$XDG_CONFIG_HOME/crier" "$XDG_DATA_HOME"
	UI_ROOT=$T_TMP/root
	mkdir -p "$UI_ROOT"
	cp -R "$top_srcdir/tests/ui/." "$UI_ROOT/"
	chmod -R u+w "$UI_ROOT"
	for f in "$UI_ROOT"/*.xml; do
		sed -e "s|@BASE@|${SERVER_URL:-http://127.0.0.1:9}|g" -e "s|@PWNED@|$T_TMP/pwned|g" \
			"$f" >"$f.tmp" && mv "$f.tmp" "$f"
	done
	t_on_exit 'ui_tmux kill-server 2>/dev/null'
}

UI_RUN=0
ui_start() { # COLS ROWS ARGS...
	# a fresh tmux server for each start: one still shutting down refuses new sessions
	ui_tmux kill-server 2>/dev/null
	UI_RUN=$((UI_RUN + 1))
	UI_SOCK=crier-$t_name-$$-$UI_RUN
	_c=$1 _r=$2
	shift 2
	# the command runs in a fresh shell: pass the environment explicitly
	_cmd="env HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME'"
	_cmd="$_cmd XDG_CACHE_HOME='$XDG_CACHE_HOME' TERM=xterm-256color LC_ALL=C.UTF-8 LANG=C.UTF-8"
	_cmd="$_cmd ${UI_ENV:-} '$CRIER'"
	for _a in "$@"; do _cmd="$_cmd '$_a'"; done
	_cmd="$_cmd 2>'$T_TMP/crier.stderr'; echo crier-exited-\$? >'$T_TMP/exit'; sleep 30"
	rm -f "$T_TMP/exit"
	ui_tmux new-session -d -s crier -x "$_c" -y "$_r" "$_cmd"
	ui_tmux set-option -t crier status off >/dev/null
	ui_tmux resize-window -t crier -x "$_c" -y "$_r" 2>/dev/null || true
}

ui_screen() { ui_tmux capture-pane -p -t crier; }

ui_wait() { # TEXT [SECONDS]
	_limit=$(( ${2:-10} * 20 ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if ui_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

ui_wait_re() { # REGEX [SECONDS]
	_limit=$(( ${2:-10} * 20 ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if ui_screen | grep -qE -- "$1"; then
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

# ui_expect TEXT WHAT [SECONDS]: passes when TEXT shows in time, else fails with the screen.
ui_expect() {
	if ui_wait "$1" "${3:-10}"; then
		t_pass "$2"
	else
		t_fail "$2: [$1] did not show; the screen:
$(ui_screen)
$(cat "$T_TMP/crier.stderr" 2>/dev/null)"
	fi
}

ui_keys() { ui_tmux send-keys -t crier "$@"; }

ui_pane() { # HEADER
	ui_screen | python3 "$top_srcdir/tests/ui_pane.py" "$1"
}

ui_exited() { [ -f "$T_TMP/exit" ]; }

# ui_expect_exit WHAT: crier ends with status 0 within 5 s (its stderr shown otherwise).
ui_expect_exit() {
	_i=0
	while ! ui_exited && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
	if [ "$(cat "$T_TMP/exit" 2>/dev/null)" = "crier-exited-0" ]; then
		t_pass "$1"
	else
		t_fail "$1: $(cat "$T_TMP/exit" 2>/dev/null || echo 'still running'); stderr:
$(cat "$T_TMP/crier.stderr" 2>/dev/null)"
	fi
}

# ui_hold CACHE: another program (python's sqlite3, BEGIN IMMEDIATE) holds the cache's
# write lock once this returns, as a cron job's sqlite3 could, until ui_hold_end (at most
# 40 s: longer than crier's 10 s busy wait, so a frozen screen shows).
ui_hold() {
	rm -f "$T_TMP/locked" "$T_TMP/release"
	python3 - "$1" "$T_TMP/locked" "$T_TMP/release" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
for _ in range(800):
	if os.path.exists(sys.argv[3]):
		break
	time.sleep(0.05)
c.execute("ROLLBACK")
PY
	UI_LOCKER=$!
	t_on_exit "kill $UI_LOCKER 2>/dev/null"
	_i=0
	until [ -f "$T_TMP/locked" ] || [ $_i -ge 200 ]; do sleep 0.05; _i=$((_i + 1)); done
}
ui_hold_end() { touch "$T_TMP/release"; wait "$UI_LOCKER" 2>/dev/null; }
