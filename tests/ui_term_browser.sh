#!/bin/sh
# o starts the browser (the setting, here a test script) with fork and exec: a hostile URL
# (quotes, $(...), backticks, a newline) arrives as one argument and runs nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/odd.xml" >"$XDG_CONFIG_HOME/crier/urls"
cat >"$T_TMP/browser" <<SCRIPT
#!/bin/sh
printf '%s\n' "\$#" >"$T_TMP/argc"
printf '%s' "\$1" >"$T_TMP/arg1"
SCRIPT
chmod +x "$T_TMP/browser"
printf 'browser "%s"\narticle_fetch never\n' "$T_TMP/browser" >"$XDG_CONFIG_HOME/crier/config"

ui_start 80 24 -r
ui_expect "over the canal plan" "the hostile story is listed"
ui_keys o
i=0
while [ ! -s "$T_TMP/argc" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t_eq "$(cat "$T_TMP/argc" 2>/dev/null)" "1" "the browser gets the URL as one argument"
arg=$(cat "$T_TMP/arg1" 2>/dev/null)
t_has "$arg" "$SERVER_URL/odd/x?a='b\"c\$(touch" "the argument keeps the quotes and \$(...) as text"
t_has "$arg" '`touch' "the argument keeps the backticks as text"
if [ -e "$T_TMP/pwned" ]; then t_fail "a command inside the URL ran"; else t_pass "nothing inside the URL ran"; fi
ui_expect "over the canal plan" "the screen comes back after the browser"
t_has "$arg" "d=1" "the part after the newline stays in the one argument"
# a javascript: link never reaches the browser
rm -f "$T_TMP/argc"
ui_keys j o
ui_expect "not opening a link" "o refuses a javascript: link"
sleep 0.3
if [ -e "$T_TMP/argc" ]; then t_fail "the browser was started for a javascript: link"; else t_pass "the browser is not started for a javascript: link"; fi
ui_keys q
t_done
