#!/bin/sh
# An old cache whose migration rebuilds the search index (long on a big cache) says so
# before the work, once: "crier: rebuilding the search index of N stories (once)..." on
# stderr, from -x commands and from the reader before it takes the screen. A new cache
# says nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui_lib.sh"
OLD=$top_builddir/tests/old_cache_tool
LINE="crier: rebuilding the search index of"

# schema 13: migration 14 rebuilds the index
CACHE=$T_TMP/old13.db
"$OLD" "$CACHE" 13 3 || t_fail "an old cache could not be made"
out=$("$CRIER" -c "$CACHE" -x search lighthouse 2>"$T_TMP/err")
t_eq "$(cat "$T_TMP/err")" "$LINE 3 stories (once)..." "-x search on a schema-13 cache says it rebuilds the index"
t_has "$out" "Harbour note 1" "and finds the stories in the rebuilt index"
t_hasnt "$out" "Harbour note 2" "(only those with the word)"
"$CRIER" -c "$CACHE" -x search lighthouse >/dev/null 2>"$T_TMP/err"
t_eq "$(cat "$T_TMP/err")" "" "the next opening says nothing (once)"

# schema 7: three migrations (8, 9, 14) rebuild it: one line
CACHE=$T_TMP/old7.db
"$OLD" "$CACHE" 7 1 || t_fail "an old cache could not be made"
"$CRIER" -c "$CACHE" -x print-unread >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "$(cat "$T_TMP/err")" "$LINE 1 story (once)..." "-x print-unread on a schema-7 cache: one line, however many rebuilds"
t_eq "$(cat "$T_TMP/out")" "1 unread articles" "and then does its work"

# a new cache: nothing to rebuild, nothing said
"$CRIER" -c "$T_TMP/new.db" -x print-unread >/dev/null 2>"$T_TMP/err"
t_eq "$(cat "$T_TMP/err")" "" "a new cache says nothing"

# the reader: the line comes on stderr, before the screen; then the stories are listed
ui_setup
echo "https://quay-gazette.example/rss" >"$XDG_CONFIG_HOME/crier/urls" # the old cache's feed
CACHE=$T_TMP/old13ui.db
"$OLD" "$CACHE" 13 40 || t_fail "an old cache could not be made"
ui_start 80 24 -c "$CACHE"
ui_expect "Harbour note 40" "the reader opens the migrated cache"
t_eq "$(cat "$T_TMP/crier.stderr")" "$LINE 40 stories (once)..." "the reader said it rebuilds the index"
ui_keys / lighthouse Enter
ui_expect " 1/20 " "the rebuilt index finds the stories with the word" 5
t_done
