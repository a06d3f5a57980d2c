#!/bin/sh
# crier -x search: what a script gets from the cache after a reload (one story a line,
# best match first), and that the words of the feed's HTML are searched, not its markup.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"

W=$T_TMP/www
mkdir -p "$W"
cat >"$W/marsh.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Marsh Herald</title><link>https://marsh-herald.example/</link>
<item><title>Causeway reopens at Brèmholt</title><link>https://marsh-herald.example/causeway</link>
<guid>m1</guid><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The tide road to the island is open again.&lt;/p&gt;</description></item>
<item><title>Eel fishers meet</title><link>https://marsh-herald.example/eels</link>
<guid>m2</guid><pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;They argued about the &lt;a href="https://marsh-herald.example/causeway"&gt;causeway&lt;/a&gt; tolls.&lt;/p&gt;</description></item>
</channel></rss>
XML
start_server "$W"
URLS=$T_TMP/urls
CACHE=$T_TMP/cache.db
echo "$SERVER_URL/marsh.xml" >"$URLS"
t_crier -q -x reload || t_fail "the reload failed"

out=$(t_crier -x search bremholt); rc=$?
t_eq "$rc" 0 "a search with matches exits 0"
t_eq "$out" "$(printf '2026-03-03\tN\tMarsh Herald\tCauseway reopens at Brèmholt\thttps://marsh-herald.example/causeway')" \
	"a match prints date, unread mark, feed, title and link, accents ignored"
out=$(t_crier -x search cause)
t_eq "$(printf '%s\n' "$out" | cut -f4)" "$(printf 'Causeway reopens at Brèmholt\nEel fishers meet')" \
	"a word prefix finds both stories, the title match first"
out=$(t_crier -x search ISLAND tide)
t_eq "$(printf '%s\n' "$out" | cut -f4)" "Causeway reopens at Brèmholt" "every word must match, in any case"
out=$(t_crier -x search href); rc=$?
t_eq "$rc" 1 "markup is not searched: no match exits 1"
t_eq "$out" "" "no match prints nothing"
# query syntax is plain text: no sqlite error, no crash, whatever is typed
out=$(t_crier -x search '"tide' 2>&1); rc=$?
t_eq "$rc" 0 "an unbalanced quote is an ordinary character"
t_eq "$(printf '%s\n' "$out" | cut -f4)" "Causeway reopens at Brèmholt" "the word after a lone quote is found"
out=$(t_crier -x search 'tide OR eel' 2>&1); rc=$?
t_eq "$rc" 1 "OR is a word to find, not an operator"
t_eq "$out" "" "OR as a word: no match, no error text"
out=$(t_crier -x search 'NEAR(tide' 2>&1); rc=$?
t_eq "$rc" 1 "NEAR( is a word to find"
t_eq "$out" "" "NEAR( as a word: no match, no error text"
out=$(t_crier -x search '"' '*' '-' '(' 2>&1); rc=$?
t_eq "$rc" 2 "punctuation alone is refused"
t_has "$out" "crier: -x search '\" * - (': no word to search for" "the refusal names the query"
t_hasnt "$out" "fts5" "no raw sqlite text"
out=$(t_crier -x search "$(printf '\033]; \007 \033[ \342\200\256 \302\233')" 2>&1); rc=$?
t_eq "$rc" 2 "escape sequences alone: no word either"
t_eq "$(printf '%s' "$out" | tr -dc '\033\007' | wc -c | tr -d ' ')" 0 "the refusal writes no control the query held"
t_has "$(printf '%s' "$out" | tr -s ' ')" "crier: -x search ']; [ ': no word to search for" "and still names the query"
out=$("$CRIER" -c "$T_TMP/cahce.db" -x search eel 2>&1); rc=$?
t_eq "$rc" 1 "a search of a cache that is not there fails"
t_has "$out" "crier: -x search: $T_TMP/cahce.db: No such file or directory" "the failure names the missing cache"
t_eq "$(ls "$T_TMP" | grep -c cahce)" 0 "no new empty cache is made in its place"
out=$(t_crier -x search 2>&1); rc=$?
t_eq "$rc" 2 "a search without words exits 2"
t_has "$out" "give the words" "a search without words says what is missing"
# A cache written before control characters were cleaned at every entry may hold one:
# -x search prints none of them (ESC, BEL, DEL, a C1 CSI), the rest of the line stays.
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed: skipped"; exit 77; }
sqlite3 "$CACHE" "UPDATE feeds SET title = 'Marsh' || char(27) || ']0;x' || char(7) || ' Herald' || char(127) || char(155) || '1m'"
out=$(t_crier -x search eel)
t_eq "$(printf '%s' "$out" | tr -dc '\033\007\177' | wc -c | tr -d ' ')" 0 "no control byte of a stored feed title is printed"
t_eq "$out" "$(printf '2026-03-04\tN\tMarsh]0;x Herald1m\tEel fishers meet\thttps://marsh-herald.example/eels')" \
	"the rest of the line is"
# Nor a bidi control (an override, an isolate) it may hold: the line would be read in an
# order other than its own ("fdp.exe" backwards); the screen draws none either.
sqlite3 "$CACHE" "UPDATE feeds SET title = 'Marsh' || char(8238) || ' Her' || char(8294) || 'ald' || char(8297) || ' exe.fdp'"
out=$(t_crier -x search eel)
t_eq "$out" "$(printf '2026-03-04\tN\tMarsh Herald exe.fdp\tEel fishers meet\thttps://marsh-herald.example/eels')" \
	"no bidi control of a stored feed title is printed"
t_done
