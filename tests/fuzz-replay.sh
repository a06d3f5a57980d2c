#!/bin/sh
# Every fuzz harness, replayed over the fixtures (whole and cut short): none may crash,
# abort or, in the sanitizer build, touch memory it should not.
. "$top_srcdir/tests/lib.sh"
F=$top_builddir/tests/fuzz
fx=$top_srcdir/tests/fixtures
run() { # harness files...
	h=$1; shift
	if out=$("$F/$h" "$@" 2>&1); then t_pass "$h: $out"; else t_fail "$h failed:
$out"; fi
}
run replay_feed "$fx"/feeds/*.xml "$top_srcdir"/tests/ui/*.xml "$top_srcdir"/data/demo/feeds/*
run replay_extract "$fx"/pages/*.html "$top_srcdir"/data/demo/pages/*.html
printf 'https://a.example/rss tag "~Title"\nquery:x\n# c\n' >"$T_TMP/urls"
cat >"$T_TMP/opml" <<'OPML'
<?xml version="1.0"?><opml version="2.0"><body><outline text="Town"><outline type="rss" text="Lantern" xmlUrl="https://lantern.example/rss"/></outline></body></opml>
OPML
run replay_urls "$T_TMP/urls" "$T_TMP/opml" "$fx"/feeds/rss2.xml
printf 'browser "x y"\nbind-key j down\nmax_transfers 3\nbogus 1\n' >"$T_TMP/config"
run replay_settings "$T_TMP/config" "$top_srcdir"/tests/fuzz/seeds/config.txt
run replay_opml "$T_TMP/opml" "$top_srcdir"/tests/fuzz/seeds/feeds.opml "$fx"/feeds/rss2.xml
# the renderer at the widths the pages' first two bytes pick, and a few chosen ones
for w in 1 2 7 30; do printf "\\$(printf %03o $w)\\000" >"$T_TMP/w$w"; cat "$fx"/pages/newscms.html >>"$T_TMP/w$w"; done
run replay_render "$fx"/pages/*.html "$top_srcdir"/data/demo/pages/*.html "$T_TMP"/w*
# every input a fuzzing run found and that was saved: it must not come back
for d in "$top_srcdir"/tests/fuzz/findings/fuzz_*; do
	[ -d "$d" ] || continue
	set -- "$d"/*
	[ -f "$1" ] && run "replay_${d##*/fuzz_}" "$@"
done
t_done
