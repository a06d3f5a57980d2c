#!/bin/sh
# The bundled demo as a new user meets it: every feed is well-formed XML with teasers
# that link to story pages that exist; every page has a byline, a date, figures with
# captions and credits and "More from" links to other demo stories; every file under
# data/demo is installed (listed in am/demo.am); the whole demo stays small.
. "$top_srcdir/tests/lib.sh"
demo="$top_srcdir/data/demo"

# Feeds: well-formed, no DOCTYPE (no entity tricks), items link to existing pages.
nitems=0
for f in "$demo"/feeds/*.xml; do
	name=$(basename "$f")
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout --nonet "$f" 2>"$T_TMP/err" || t_fail "$name is not well-formed XML: $(cat "$T_TMP/err")"
	fi
	t_hasnt "$(cat "$f")" "<!DOCTYPE" "$name has no DOCTYPE"
	for link in $(sed -n 's/.*<link>\(\.\.\/pages\/[^<]*\)<\/link>.*/\1/p; s/.*<link rel="alternate" type="text\/html" href="\(\.\.\/pages\/[^"]*\)".*/\1/p' "$f"); do
		[ -f "$demo/feeds/$link" ] || t_fail "$name links to $link, which does not exist"
		nitems=$((nitems + 1))
	done
done
# Feed-level links (channel/feed) count too; about a dozen stories plus one front page each.
stories=$(ls "$demo"/pages/*.html | grep -vc '/index\.html$')
t_eq "$nitems" "$((stories + 3))" "every story is in a feed, every feed links its front page"
[ "$stories" -ge 10 ] && t_pass "about a dozen stories ($stories)" || t_fail "only $stories stories"

# Teasers only: each item's text is one or two sentences, far shorter than its page.
long=$(sed -n 's/.*<\(description\|summary type="text"\)>\(.*\)<\/\(description\|summary\)>.*/\2/p' "$demo"/feeds/*.xml | awk 'length($0) > 260')
t_eq "$long" "" "feed items carry short teasers"

# Pages.
for p in "$demo"/pages/*.html; do
	name=$(basename "$p")
	text=$(cat "$p")
	# Every relative link resolves to a file of the demo.
	for href in $(grep -o '\(href\|src\)="[^"#:]*"' "$p" | sed 's/^[a-z]*="//; s/"$//'); do
		[ -f "$demo/pages/$href" ] || t_fail "$name: $href does not exist"
	done
	[ "$name" = index.html ] && continue
	t_has "$text" 'class="byline"' "$name has a byline"
	t_has "$text" '<time datetime="2026-' "$name has a date"
	t_has "$text" '<h2>More from The Kelderwick Lantern</h2>' "$name has a more-from section"
	n=$(grep -c 'class="teaser"' "$p")
	[ "$n" -ge 3 ] || t_fail "$name: only $n more-from/related links"
	case $text in *figcaption*|*'class="caption"'*|*'"caption":'*) t_pass "$name has a captioned figure";;
		*) t_fail "$name has no caption";; esac
	grep -q 'class="share-bar"' "$p" && grep -q 'class="newsletter"' "$p" && grep -q 'class="site-footer"' "$p" ||
		t_fail "$name lacks the site's noise (share bar, newsletter, footer)"
done

# The credit styles the extractor must meet, each on at least one page.
all=$(cat "$demo"/pages/*.html)
t_has "$all" '<span class="credit">' "a credit in a span inside figcaption"
t_has "$all" '(Photo by ' "a credit written inside the caption"
t_has "$all" '. Photo: ' "a 'Photo: X' credit"
t_has "$all" '"creditText":' "a JSON-LD image credit"
t_has "$all" '<p class="illustrator">' "an illustration credited by name only"
t_has "$all" '林美玲' "CJK names"
t_has "$all" 'Ødegaard' "accented names"

# Installed: every file under data/demo is listed in am/demo.am.
for f in $(cd "$top_srcdir" && find data/demo -type f ! -name '*.pyc' | sort); do
	grep -q "[[:space:]]$f\([[:space:]]\|\$\)" "$top_srcdir/am/demo.am" || t_fail "$f is not listed in am/demo.am"
done

# crier's own parser reads every item with a title, a link, a date and a teaser.
if ! grep -q 'crier: not built yet' "$CRIER"; then
	for f in "$demo"/feeds/*.xml; do
		name=$(basename "$f")
		want=$(grep -c '<item>\|<entry>' "$f")
		out=$("$CRIER" --parse "$f") || t_fail "crier --parse $name failed"
		got=$(printf '%s\n' "$out" | grep -c '"kind":"item"')
		t_eq "$got" "$want" "crier --parse $name reads every item"
		bad=$(printf '%s\n' "$out" | grep '"kind":"item"' | grep -v '"title":"[^"]' ; \
		      printf '%s\n' "$out" | grep '"kind":"item"' | grep '"published":null\|"link":null\|"summary":null')
		t_eq "$bad" "" "$name: every item has a title, link, date and teaser"
	done
	out=$("$CRIER" --parse "$demo/feeds/outdoors.xml")
	t_has "$out" '"credit":"Sallow Estuary Partnership"' "Media RSS credits are read"
fi

# Small: well under 1 MB.
bytes=$(cat $(find "$demo" -type f) | wc -c)
[ "$bytes" -lt 400000 ] && t_pass "the demo is $bytes bytes" || t_fail "the demo is $bytes bytes"
t_done
