#!/bin/sh
# What the status line says when a fetch fails (issue 13, point 5), in tmux at 160x48 and
# 80x24: for a page on an https address served by plain HTTP, crier's own sentence ("the
# server does not speak HTTPS") shows even at 80 columns, where the URL gives way (its host
# stays, never its user or password); the error view (e) keeps the whole message. A
# reload of one feed that fails (r, or the only feed listed) names the feed and says why
# in short; a reload of several where every one failed says so for them all. A search
# typed longer than the line shows its end, where the cursor is, and a list header cut at
# the pane's edge ends in "…".
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
HP=127.0.0.1:$SERVER_PORT
TIDE_PATH=pages/notices/harbourmaster/tide-tables-for-the-winter-months-and-the-spring-equinox.html
cat >"$UI_ROOT/kelde.xml" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kelde Gazette</title><link>$SERVER_URL/</link>
<item><title>Tide tables for the winter months</title>
<link>https://$HP/$TIDE_PATH</link><guid>kelde-tides</guid>
<pubDate>Sun, 15 Nov 2026 09:00:00 +0000</pubDate>
<description>The harbourmaster posted the tables.</description></item>
<item><title>Moorings for the small boats</title>
<link>https://moor:tidepass@$HP/pages/notices/harbourmaster/winter-moorings-for-the-small-boats-of-the-estuary.html</link>
<guid>kelde-moorings</guid><pubDate>Sat, 14 Nov 2026 09:00:00 +0000</pubDate>
<description>Where the small boats lie this winter.</description></item>
</channel></rss>
EOF
echo "$SERVER_URL/kelde.xml" >"$XDG_CONFIG_HOME/crier/urls"
status() { ui_screen | tail -n 1; }
fits() { # LINE COLS WHAT
	t_eq "$(printf '%s' "$1" | python3 -c 'import sys; print(len(sys.stdin.read().rstrip("\n")) <= '"$2"')')" True "$3"
}

for size in 160x48 80x24; do
	cols=${size%x*} rows=${size#*x}
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows" -r
	ui_expect "reloaded 1 feed, 0 failed" "$size: the feed loads"

	# the page on https, served by plain HTTP
	ui_keys g Enter
	ui_expect "does not speak" "$size: the TLS failure is said on the status line" 15
	st=$(status)
	t_has "$st" "https://$HP/" "$size: the status line names the page's host: $st"
	t_has "$st" ": the server does not speak HTTPS" "$size: and says crier's sentence whole: $st"
	fits "$st" "$cols" "$size: the message fits the line"
	ui_keys e
	ui_expect "─ Errors" "$size: e lists the errors"
	errs=$(ui_pane "Errors" | tr -d '\n')
	t_has "$errs" "https://$HP/$TIDE_PATH" "$size: the error view has the page's whole URL"
	t_has "$errs" "the server does not speak HTTPS: " "$size: and the sentence"
	t_has "$errs" "wrong version number" "$size: and the library's words after it"
	ui_keys q

	# a user and password in the page's URL: on no screen, shortened or not
	ui_keys j Enter
	ui_expect "does not speak" "$size: the second page fails too" 15
	st=$(status)
	t_has "$st" "$HP/" "$size: its host shows: $st"
	t_has "$st" "the server does not speak HTTPS" "$size: and the sentence: $st"
	t_hasnt "$st" "tidepass" "$size: never the password"
	t_hasnt "$st" "moor:" "$size: nor the user"
	# a search of the list typed longer than the line: its end, where the cursor is, shows
	ui_keys BTab BTab BTab
	ui_wait_re "^ [0-9]+/2 " 5
	ui_keys /
	ui_keys -l "$(printf 'tide %.0s' $(seq 40))tables"
	ui_wait_re "tide tables *$" 5
	ui_expect "tide tables" "$size: the end of a long search being typed shows"
	t_has "$(status)" "…" "$size: its cut start is marked: $(status)"
	ui_keys Enter
	ui_expect "─ Stories [/tide" "$size: the list's header holds the search"
	hdr=$(ui_screen | grep -o "─ Stories \[/tide[^│]*" | head -n 1 | sed 's/[─ ]*$//')
	case $hdr in
	*"…") t_pass "$size: the header cut at the pane's edge ends in an ellipsis";;
	*) t_fail "$size: the cut header: [$hdr]";;
	esac
	ui_keys Escape
	ui_keys q q
	ui_expect_exit "$size: q quits"

	# r on one feed that fails: that feed is named, with why in short
	cp "$UI_ROOT/kelde.xml" "$UI_ROOT/kelde-gone.xml"
	printf '%s\n' "$SERVER_URL/kelde-gone.xml" "$SERVER_URL/courier.xml" >"$XDG_CONFIG_HOME/crier/urls"
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows" -r
	ui_expect "reloaded 2 feeds, 0 failed" "$size: two feeds load"
	rm "$UI_ROOT/kelde-gone.xml"
	ui_keys / T i d e Enter
	ui_expect "1 story matches" "$size: a story of the Kelde Gazette"
	ui_keys r
	ui_expect "failed to load" "$size: r on the feed that is gone fails" 15
	st=$(status)
	t_has "$st" "Kelde Gazette failed to load: HTTP 404" "$size: the feed is named, and why: $st"
	t_has "$st" "(e for details)" "$size: and where the rest is: $st"
	t_hasnt "$st" "every feed" "$size: not worded for a reload of every feed"
	fits "$st" "$cols" "$size: the message fits the line"
	# R over both: the many-feeds wording
	ui_keys R
	ui_expect "reloaded 2 feeds, 1 failed (e lists them)" "$size: R counts the feeds that failed" 15
	ui_keys q q
	ui_expect_exit "$size: q quits after r"

	# the only feed listed, on https to a plain-HTTP server, fails at the first start
	echo "https://$HP/kelde.xml \"~Kelde Gazette\"" >"$XDG_CONFIG_HOME/crier/urls"
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows"
	ui_expect "failed to load" "$size: the only feed fails" 15
	st=$(status)
	t_has "$st" "Kelde Gazette failed to load: the server does not speak HTTPS (e for details)" \
		"$size: its name and crier's sentence: $st"
	ui_keys q
	ui_expect_exit "$size: q quits after the failed start"

	# the only feed, its URL holding a password, is gone: the reason shows, the password not
	echo "http://reader:hunter2@$HP/gone.xml \"~Kelde Gazette\"" >"$XDG_CONFIG_HOME/crier/urls"
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows"
	ui_expect "failed to load" "$size: the feed with a password fails" 15
	st=$(status)
	t_has "$st" "Kelde Gazette failed to load: HTTP 404" "$size: the reason after a hidden password: $st"
	t_hasnt "$st" "hunter2" "$size: never the password: $st"
	ui_keys q
	ui_expect_exit "$size: q quits after the password feed failed"

	# every one of several feeds fails: said for them all
	printf '%s\n' "http://127.0.0.1:9/quay.xml" "http://127.0.0.1:9/weir.xml" >"$XDG_CONFIG_HOME/crier/urls"
	rm -rf "$XDG_DATA_HOME/crier"
	ui_start "$cols" "$rows"
	ui_expect "every feed failed to load: 2 of 2 (e lists why)" "$size: every feed failed, said so" 15
	ui_keys q
	ui_expect_exit "$size: q quits after every feed failed"
	echo "$SERVER_URL/kelde.xml" >"$XDG_CONFIG_HOME/crier/urls"
done
t_done
