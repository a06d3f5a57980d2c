#!/bin/sh
# A reader whose terminal goes away (stdin at end of file) leaves instead of spinning on
# the dead descriptor.
. "$top_srcdir/tests/lib.sh"
command -v timeout >/dev/null 2>&1 || { echo "timeout is not installed: skipped"; exit 77; }
HOME=$T_TMP/home XDG_CONFIG_HOME=$T_TMP/home/.config XDG_DATA_HOME=$T_TMP/home/.local/share
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
mkdir -p "$HOME"
TERM=xterm-256color timeout 20 "$CRIER" --demo </dev/null >"$T_TMP/screen" 2>"$T_TMP/err"
rc=$?
t_eq "$rc" 0 "crier leaves by itself when its terminal input ends"
t_done
