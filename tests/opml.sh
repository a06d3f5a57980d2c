#!/bin/sh
# crier -i and -e: an OPML file in, the urls file rewritten, OPML out, nothing lost.
. "$top_srcdir/tests/lib.sh"

URLS=$T_TMP/conf/urls
cat >"$T_TMP/in.opml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions of a retired lock keeper</title></head>
  <body>
    <outline text="Waterways">
      <outline text="Canals">
        <outline type="rss" text="Lock 14 Log" xmlUrl="https://lock14.example/feed.xml"/>
        <outline type="rss" text="Narrowboat Weekly" xmlUrl="https://narrowboat.example/rss"/>
      </outline>
      <outline type="rss" text="River Levels &amp; Floods" xmlUrl="https://levels.example/atom?area=north&amp;fmt=atom"/>
    </outline>
    <outline type="rss" text="https://plain.example/index.xml" xmlUrl="https://plain.example/index.xml"/>
    <outline type="rss" text="Lock 14 Log again" xmlUrl="https://lock14.example/feed.xml"/>
    <outline type="rss" text="Keys" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>
EOF

out=$("$CRIER" -u "$URLS" -i "$T_TMP/in.opml" 2>&1); rc=$?
t_eq "$rc" 0 "an OPML import into a new urls file works"
t_has "$out" "imported 4 new feeds" "the import counts new feeds, the duplicate skipped"
t_has "$out" "$T_TMP/in.opml: 1 outline skipped: only http and https feeds are imported" "a file:// outline is refused, and said so"
t_hasnt "$(cat "$URLS")" "file:" "no file:// feed comes from an OPML file"
t_eq "$(grep -c . "$URLS")" 4 "the urls file lists 4 feeds"
t_has "$(cat "$URLS")" 'https://lock14.example/feed.xml Waterways Canals "~Lock 14 Log"' "nested outlines become tags, text the title"
t_has "$(cat "$URLS")" 'https://levels.example/atom?area=north&fmt=atom Waterways "~River Levels & Floods"' "entities in attributes are read"

# Importing again adds nothing and keeps the file as it was.
cp "$URLS" "$T_TMP/before"
echo "# my own comment" >>"$URLS"
out=$("$CRIER" -u "$URLS" -i "$T_TMP/in.opml" 2>&1)
t_has "$out" "imported 0 new feeds" "a second import adds nothing"
t_has "$(cat "$URLS")" "# my own comment" "the user's comment stays"

# Round trip: export, import into an empty list: same feeds, titles, tags.
"$CRIER" -u "$URLS" -e >"$T_TMP/out.opml"; rc=$?
t_eq "$rc" 0 "-e exits 0"
xmllint --noout "$T_TMP/out.opml" 2>/dev/null && t_pass "the export is well-formed XML" || t_fail "the export is not well-formed"
t_has "$(head -2 "$T_TMP/out.opml")" '<opml version="2.0">' "the export is OPML 2.0"
"$CRIER" -u "$T_TMP/urls2" -i "$T_TMP/out.opml" >/dev/null 2>&1
t_eq "$(cat "$T_TMP/urls2")" "$(cat "$T_TMP/before")" "a round trip keeps every feed, title and tag"

# Errors name the file.
echo '<opml><body><outline' >"$T_TMP/bad.opml"
out=$("$CRIER" -u "$URLS" -i "$T_TMP/bad.opml" 2>&1); rc=$?
t_eq "$rc" 1 "a broken OPML file exits 1"
t_has "$out" "$T_TMP/bad.opml" "a broken OPML file is named"
out=$("$CRIER" -u "$T_TMP/none" -e 2>&1); rc=$?
t_eq "$rc" 1 "-e without a urls file exits 1"
t_has "$out" "no feed list at $T_TMP/none" "-e without a urls file says so"
t_done
