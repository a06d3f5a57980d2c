#!/bin/sh
# Behaviours a user relies on, in tmux at 100x30 against the loopback server: the
# article_fetch setting (never / short / always), the feed's text and "loading article"
# while a slow page loads, a page fetched once however often its story is opened, the
# unread-first order, read state surviving kill -9, the moving and paging keys, and
# 8-colour and monochrome terminals.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

start_server "$T_TMP/root"
ui_setup
P=$UI_ROOT/pages
mkdir -p "$P"
# A long page (paging), a slow one, a teaser's page and the page of a story whose feed
# gives its whole text.
{
	echo '<!doctype html><html><head><title>Alder walk</title></head><body><article>'
	echo '<h1>The alder walk along the Brisk</h1>'
	i=1
	while [ $i -le 80 ]; do
		printf '<p>Alder line %02d: the path turns by stone %d of the old towpath.</p>\n' $i $i
		i=$((i + 1))
	done
	echo '</article></body></html>'
} >"$P/alder.html"
cat >"$P/birch.html" <<'HTML'
<!doctype html><html><head><title>Birch</title></head><body><article>
<h1>Birch grove replanted</h1>
<p>Page text of the birch grove: forty saplings went in along the ridge on Tuesday.</p>
<p>The parish warden, Tamsin Oake, counted each one twice before the rain came.</p>
</article></body></html>
HTML
cat >"$P/damson.html" <<'HTML'
<!doctype html><html><head><title>Damson</title></head><body><article>
<h1>Damson fair returns</h1>
<p>Page text of the damson fair: jam, chutney and a very slow bicycle race.</p>
<p>Stalls open at ten on the green behind the Old Maltings.</p>
</article></body></html>
HTML
cat >"$P/cedar.html" <<'HTML'
<!doctype html><html><head><title>Cedar</title></head><body><article>
<h1>Cedar roof mended</h1>
<p>Page text of the cedar roof: the shingles came from the mill at Hobb's End.</p>
</article></body></html>
HTML
long=""
i=0
while [ $i -lt 160 ]; do long="$long word$i"; i=$((i + 1)); done
cat >"$UI_ROOT/behave.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>The Brisk Valley Post</title>
<link>$SERVER_URL/</link>
<description>Test feed</description>
<item><title>Alder walk opens</title><link>$SERVER_URL/pages/alder.html</link>
  <guid>post-alder</guid><pubDate>Thu, 19 Nov 2026 10:00:00 +0000</pubDate>
  <description>Alder teaser from the feed.</description></item>
<item><title>Birch grove replanted</title><link>$SERVER_URL/delay/5000/pages/birch.html</link>
  <guid>post-birch</guid><pubDate>Wed, 18 Nov 2026 10:00:00 +0000</pubDate>
  <description>Birch teaser from the feed.</description></item>
<item><title>Cedar roof mended</title><link>$SERVER_URL/pages/cedar.html</link>
  <guid>post-cedar</guid><pubDate>Tue, 17 Nov 2026 10:00:00 +0000</pubDate>
  <description>Cedar whole text from the feed:$long.</description></item>
<item><title>Damson fair returns</title><link>$SERVER_URL/pages/damson.html</link>
  <guid>post-damson</guid><pubDate>Mon, 16 Nov 2026 10:00:00 +0000</pubDate>
  <description>Damson teaser from the feed.</description></item>
<item><title>Elm avenue survey</title><link>$SERVER_URL/pages/elm.html</link>
  <guid>post-elm</guid><pubDate>Sun, 15 Nov 2026 10:00:00 +0000</pubDate>
  <description>Elm teaser from the feed.</description></item>
</channel>
</rss>
XML
URLS=$XDG_CONFIG_HOME/crier/urls
CACHE=$XDG_DATA_HOME/crier/cache.db
CONF=$XDG_CONFIG_HOME/crier/config
echo "$SERVER_URL/behave.xml" >"$URLS"

# requests for PATH in the server log
hits() { grep -c "\"path\": \"$1\"" "$SERVER_LOG"; }
# waits until the feed has been requested more than N times: a barrier that orders the
# log after any page request crier made before it
feed_barrier() { # N
	_i=0
	while [ "$(hits /behave.xml)" -le "$1" ] && [ $_i -lt 200 ]; do sleep 0.05; _i=$((_i + 1)); done
}
# the pid of crier in the tmux pane (the pane's shell runs env, which execs crier)
crier_pid() { pgrep -P "$(ui_tmux display-message -p -t crier '#{pane_pid}')" | head -n 1; }
status() { ui_screen | tail -n 1; }
# the list row holding TEXT, and its line number in the list pane
row_of() { ui_pane "Stories" | grep -F -- "$1"; }
rowno_of() { ui_pane "Stories" | grep -nF -- "$1" | cut -d: -f1; }
# waits for the status line to match REGEX
status_wait() { # REGEX [SECONDS]
	_limit=$(( ${2:-10} * 20 )) _i=0
	while [ $_i -lt $_limit ]; do
		status | grep -qE -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
status_expect() { # REGEX WHAT
	if status_wait "$1"; then t_pass "$2"; else t_fail "$2: status [$(status)] does not match [$1]"; fi
}
quit() { # WHAT
	ui_keys q q q
	ui_expect_exit "$1"
	ui_tmux kill-server 2>/dev/null
}

# ---- the default policy (short), paging, focus, n/N, a slow page, one fetch per page ----
ui_start 100 30 -r
ui_expect "reloaded 1 feed," "the feed is loaded"
status_expect "^ 1/5  5 unread" "the cursor starts on the first story"
ui_keys Enter
ui_expect "Alder line 01" "short: a teaser's page is fetched and shown on open" 15
t_eq "$(hits /pages/alder.html)" 1 "short: the teaser's page was requested"

# paging the body: Space/PgDn and b/PgUp move by about a page, g/G to the ends
status_expect "^ line 1/" "Enter focuses the body (the status line gives the body line)"
vis=$(ui_pane "Story" | wc -l)
first=$(ui_pane "Story" | sed -n 1p)
ui_keys Space
if status_wait "^ line ([0-9]+)/" && l=$(status | sed -n 's|^ line \([0-9]*\)/.*|\1|p') && [ "$l" -ge $((vis / 2)) ] && [ "$l" -le $((vis + 2)) ]; then
	t_pass "Space pages the body down (line $l, pane of $vis rows)"
else
	t_fail "Space: status [$(status)] for a pane of $vis rows"
fi
t_hasnt "$(ui_pane "Story" | sed -n 1p)" "$first" "Space: the body's first visible line changed"
ui_keys b
status_expect "^ line 1/" "b pages the body back up"
ui_keys NPage NPage
if status_wait "^ line ([0-9]+)/" && l=$(status | sed -n 's|^ line \([0-9]*\)/.*|\1|p') && [ "$l" -ge "$vis" ]; then
	t_pass "PgDn twice pages down two pages (line $l)"
else
	t_fail "PgDn: status [$(status)] for a pane of $vis rows"
fi
ui_keys PPage PPage
status_expect "^ line 1/" "PgUp twice comes back to the top"
ui_keys G
ui_expect "Alder line 80" "G shows the body's end"
t_hasnt "$(ui_pane "Story")" "Alder line 01" "G: the body's start is scrolled away"
ui_keys g
ui_expect "Alder line 01" "g comes back to the body's top"
status_expect "^ line 1/" "g: the status line is at line 1"

# Tab and BTab cycle the focus between the list and the body
ui_keys Tab
status_expect "^ 1/5  4 unread" "Tab focuses the list"
ui_keys BTab
status_expect "^ line 1/" "BTab focuses the body again"
ui_keys BTab
status_expect "^ 1/5" "BTab cycles back to the list"

# a story whose feed gives its whole text is not fetched under short
ui_keys j j Enter
ui_expect "Cedar whole text from the feed" "short: the feed's whole text is shown"
ui_keys Tab
status_expect "^ 3/5  3 unread" "the list is at the third story"

# g and G in the list
ui_keys G
status_expect "^ 5/5" "G goes to the list's bottom"
ui_keys g
status_expect "^ 1/5" "g goes to the list's top"

# a slow page: the feed's text and "loading article", then the page; opening the story
# again while it loads and after it arrived requests it once
ui_keys j Enter
ui_expect "Birch teaser from the feed" "slow page: the feed's text is shown meanwhile"
ui_expect "loading article" "slow page: the status says loading article"
ui_keys Tab Enter
ui_expect "Birch teaser from the feed" "slow page: opened again while it loads"
t_has "$(ui_screen | grep -F -- "─ Story")" "loading article" "slow page: opened again, the pane still says loading article"
ui_expect "forty saplings" "slow page: the page's body replaces the feed's text" 15
t_hasnt "$(ui_pane "Story")" "Birch teaser from the feed" "slow page: the feed's text is gone"
i=0
while ui_screen | grep -q "loading article" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t_hasnt "$(ui_screen)" "loading article" "slow page: loading article is gone"
ui_keys Tab Enter
ui_expect "forty saplings" "slow page: opened a third time, from the cache"
n=$(hits /behave.xml)
ui_keys R
feed_barrier "$n"
t_eq "$(hits /delay/5000/pages/birch.html)" 1 "a story opened three times is fetched once"
t_eq "$(hits /pages/alder.html)" 1 "the first story's page was fetched once"
t_eq "$(hits /pages/cedar.html)" 0 "short: the whole-text story's page was not fetched"

# n and N open the next and previous unread story, skipping read ones (Alder made
# unread again with u; Birch and Cedar are read)
ui_keys Tab g u
status_expect "^ 1/5  3 unread" "u marks the first story unread again"
ui_keys G k
status_expect "^ 4/5" "the cursor is on the fourth story"
ui_keys N
ui_expect "Alder line 01" "N opens the previous unread story, skipping read ones"
ui_keys Tab
status_expect "^ 1/5  2 unread" "N: the cursor is on that story, now read"
# read state survives kill -9: open a story (with n), kill crier at once
ui_keys n
ui_expect "slow bicycle race" "n opens the next unread story, skipping read ones"
pid=$(crier_pid)
if [ -n "$pid" ] && kill -9 "$pid"; then t_pass "crier killed with SIGKILL"; else t_fail "no crier pid to kill"; fi
i=0
while ! ui_exited && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t_has "$(cat "$T_TMP/exit" 2>/dev/null)" "crier-exited-137" "crier died of the SIGKILL"
ui_tmux kill-server 2>/dev/null
t_eq "$("$CRIER" -x print-unread -u "$URLS" -c "$CACHE")" "1 unread articles" \
	"after kill -9 the cache holds the read state of the opened stories"

# ---- sort_order unread-first, and the read marks after the kill ----
echo "sort_order unread-first" >"$CONF"
ui_start 100 30
ui_expect "Elm avenue survey" "unread-first: the list shows"
status_expect "^ 1/5  1 unread" "after kill -9 one story is unread"
t_eq "$(rowno_of "Elm avenue survey")" 1 "unread-first: the unread story is at the top"
case "$(row_of "Elm avenue survey")" in "N "*) t_pass "unread-first: it has the unread mark";; *) t_fail "Elm: $(row_of Elm)";; esac
case "$(row_of "Damson fair returns")" in "N "*) t_fail "the story opened just before kill -9 is unread again";; *) t_pass "the story opened just before kill -9 stays read";; esac
t_eq "$(rowno_of "Alder walk opens")" 2 "unread-first: the read stories follow, newest first"
quit "unread-first: q quits"
: >"$CONF"
ui_start 100 30
ui_expect "Elm avenue survey" "date order: the list shows"
t_eq "$(rowno_of "Elm avenue survey")" 5 "date order: the oldest story is at the bottom"
quit "date order: q quits"

# ---- article_fetch never, then always, on a fresh cache ----
rm -rf "$XDG_DATA_HOME/crier"
echo "article_fetch never" >"$CONF"
ui_start 100 30 -r
ui_expect "reloaded 1 feed," "never: the feed is loaded"
ui_keys Enter
ui_expect "Alder teaser from the feed" "never: the teaser's feed text is shown"
n=$(hits /behave.xml)
ui_keys R
feed_barrier "$n"
t_eq "$(hits /pages/alder.html)" 1 "never: opening the teaser requests nothing"
t_hasnt "$(ui_screen)" "loading article" "never: nothing is loading"
quit "never: q quits"

echo "article_fetch always" >"$CONF"
ui_start 100 30
ui_expect "Cedar roof mended" "always: the list shows"
ui_keys j j Enter
ui_expect "shingles came from the mill" "always: the page of a whole-text story is fetched" 15
t_eq "$(hits /pages/cedar.html)" 1 "always: its page was requested once"
quit "always: q quits"

# ---- 8-colour and monochrome terminals: the list, the selected row in reverse ----
: >"$CONF"
for term in xterm vt100; do
	UI_ENV="TERM=$term" ui_start 80 24
	ui_expect "Alder walk opens" "$term: the list shows"
	ui_keys j
	status_expect "^ 2/5" "$term: j moves"
	esc=$(ui_tmux capture-pane -e -p -t crier)
	sel=$(printf '%s\n' "$esc" | grep -F "Birch grove replanted")
	case "$sel" in *"[7m"*|*";7m"*) t_pass "$term: the selected row is in reverse";; *) t_fail "$term: selected row not reverse: $(printf '%s' "$sel" | cat -v)";; esac
	other=$(printf '%s\n' "$esc" | grep -F "Cedar roof mended")
	case "$other" in *"[7m"*|*";7m"*) t_fail "$term: another row is reverse too";; *) t_pass "$term: only the selected row is reverse";; esac
	colours=$(printf '%s\n' "$esc" | grep -cE "$(printf '\033')\\[([0-9;]*;)?3[0-7](;[0-9;]*)?m")
	if [ "$term" = vt100 ]; then
		t_eq "$colours" 0 "vt100: no colour reaches a monochrome terminal"
	else
		[ "$colours" -gt 0 ] && t_pass "xterm: 8 colours are used" || t_fail "xterm: no colour"
	fi
	ui_keys Enter
	ui_expect "Birch grove replanted" "$term: a story opens"
	quit "$term: q quits cleanly"
done
t_done
