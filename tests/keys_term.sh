#!/bin/sh
# bind-key in the config file takes every name the key table knows for an action: the
# dashed form (open-browser) and newsboat's alias (open-in-browser) bind keys that then
# start the browser, with no warning about the config; the help screen lists the keys as
# a keyboard names them (Ctrl-T), and bind-key takes those names too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
echo "$SERVER_URL/courier.xml" >"$XDG_CONFIG_HOME/crier/urls"
cat >"$T_TMP/browser" <<SCRIPT
#!/bin/sh
printf '%s\n' "\$1" >>"$T_TMP/opened"
SCRIPT
chmod +x "$T_TMP/browser"
cat >"$XDG_CONFIG_HOME/crier/config" <<CONF
browser "$T_TMP/browser"
article_fetch never
bind-key x open-browser
bind-key O open-in-browser
bind-key ^T toggle-article-read
bind-key Ctrl-E open-browser
CONF

wait_opened() { # COUNT
	i=0
	while [ "$(wc -l <"$T_TMP/opened" 2>/dev/null || echo 0)" -lt "$1" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

ui_start 120 30 -r
ui_expect "Footbridge over the Teal" "the feed is listed"
t_hasnt "$(ui_screen)" "bind-key" "no warning about the bind-key lines"
ui_keys x
wait_opened 1
t_eq "$(sed -n 1p "$T_TMP/opened" 2>/dev/null)" "$SERVER_URL/pages/footbridge.html" \
	"x (bind-key x open-browser) opens the story in the browser"
ui_expect "Footbridge over the Teal" "the list comes back after the browser"
ui_keys j O
wait_opened 2
t_eq "$(sed -n 2p "$T_TMP/opened" 2>/dev/null)" "$SERVER_URL/pages/library.html" \
	"O (bind-key O open-in-browser) opens the next story in the browser"
ui_expect "Library extends" "the list comes back after the second browser run"
ui_keys '?'
ui_expect "Keys (q closes this help)" "the help opens"
help=$(ui_screen)
t_has "$(printf '%s\n' "$help" | grep open_browser)" "o x O Ctrl-E" "the help lists o, x, O and Ctrl-E (bound as the help names it) for open_browser"
t_has "$(printf '%s\n' "$help" | grep toggle_read)" "u Ctrl-T" "the help lists ^T as Ctrl-T for toggle_read"
ui_keys q q
ui_expect_exit "crier quits"
t_hasnt "$(cat "$T_TMP/crier.stderr" 2>/dev/null)" "bind-key" "nothing about bind-key on stderr"
t_done
