#!/bin/sh
# Hostile text on the screen (issue 12): a feed whose titles carry bidi overrides and
# isolates, direction marks and zero-width characters. Captured with tmux pipe-pane (the
# bytes crier writes, not tmux's picture of them): none of those characters reaches the
# terminal. And in an 8-bit locale (ISO-8859-1) crier writes that character set, never
# UTF-8, whose bytes 0x80-0x9F an 8-bit terminal reads as C1 controls (C3 9B is U+00DB,
# and 0x9B alone is CSI).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui_lib.sh"
ui_setup
RLO=$(printf '\342\200\256') LRI=$(printf '\342\201\246') PDI=$(printf '\342\201\251')
RLM=$(printf '\342\200\217') ZWSP=$(printf '\342\200\213') ALM=$(printf '\330\234')
U_DB=$(printf '\303\233') CJK=$(printf '\344\270\255')
cat >"$T_TMP/feed.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Quay${RLO} Notices</title>
<item><title>Ferry timetable ${RLO}txt.exe${PDI} change</title><guid>q1</guid><description>Sailings move.</description></item>
<item><title>Harbour ${LRI}fees${PDI} up${RLM} ${ALM}again${ZWSP}today</title><guid>q2</guid><description>Fees rise.</description></item>
<item><title>Caf${U_DB} reopens ${CJK} soon</title><guid>q3</guid><description>The caf${U_DB} reopens.</description></item>
</channel></rss>
XML
echo "file://$T_TMP/feed.xml" >"$T_TMP/urls"
"$CRIER" -u "$T_TMP/urls" -c "$T_TMP/cache.db" -x reload >/dev/null 2>&1 || t_fail "the hostile feed did not load"

# crier waits a second before it starts, so that pipe-pane is in place for its first byte
REAL_CRIER=$CRIER
printf '#!/bin/sh\nsleep 1\nexec "%s" "$@"\n' "$REAL_CRIER" >"$T_TMP/crier-later"
chmod +x "$T_TMP/crier-later"

has_bytes() { # FILE OCTAL-PRINTF-PATTERN: 0 when the byte sequence occurs in FILE
	LC_ALL=C grep -q "$(printf "$2")" "$1"
}

# UTF-8 terminal: the titles show, the controls do not.
CRIER=$T_TMP/crier-later ui_start 80 24 -u "$T_TMP/urls" -c "$T_TMP/cache.db"
ui_tmux pipe-pane -o -t crier "cat >>'$T_TMP/raw'"
ui_wait "Ferry timetable" || t_fail "the story list did not show"
ui_keys j j k k
ui_tmux refresh-client 2>/dev/null
ui_keys C-l
sleep 1
ui_wait "Harbour" || t_fail "the second story did not show"
[ -s "$T_TMP/raw" ] && t_pass "the bytes crier wrote were captured" || t_fail "pipe-pane captured nothing"
for seq in '\342\200\256:U+202E (RLO)' '\342\201\246:U+2066 (LRI)' '\342\201\251:U+2069 (PDI)' \
	'\342\200\217:U+200F (RLM)' '\330\234:U+061C (ALM)' '\342\200\213:U+200B (zero-width space)'; do
	if has_bytes "$T_TMP/raw" "${seq%%:*}"; then t_fail "${seq#*:} reached the terminal"; else t_pass "${seq#*:} never reaches the terminal"; fi
done
t_has "$(ui_screen)" "Ferry timetable txt.exe change" "the title shows without its override"
t_has "$(ui_screen)" "Harbour fees up againtoday" "the title shows without its isolates and marks"
ui_keys q
sleep 0.5

# An 8-bit terminal: a locale with ISO-8859-1 (made with localedef when the system has
# the locale sources; CI installs them).
LOC=$T_TMP/locale
mkdir -p "$LOC"
if ! command -v localedef >/dev/null || ! localedef -i en_US -f ISO-8859-1 "$LOC/en_US.ISO-8859-1" >/dev/null 2>&1; then
	echo "no ISO-8859-1 locale can be made here (the locales package): the 8-bit part is not run"
	t_done_skip=1
else
	: >"$T_TMP/raw8"
	CRIER=$T_TMP/crier-later UI_ENV="LOCPATH='$LOC' LC_ALL=en_US.ISO-8859-1 LANG=en_US.ISO-8859-1" ui_start 80 24 -u "$T_TMP/urls" -c "$T_TMP/cache.db"
	ui_tmux pipe-pane -o -t crier "cat >>'$T_TMP/raw8'"
	sleep 2.5
	cp "$T_TMP/raw8" "$T_TMP/raw8.first"
	ui_keys q
	sleep 0.5
	[ -s "$T_TMP/raw8" ] && t_pass "the 8-bit session's bytes were captured" || t_fail "pipe-pane captured nothing in ISO-8859-1"
	if LC_ALL=C grep -q "$(printf '[\200-\237]')" "$T_TMP/raw8"; then
		t_fail "a byte 0x80-0x9F was written to an 8-bit terminal: $(od -c "$T_TMP/raw8" | grep -m3 '20[0-9]\|21[0-9]\|22[0-9]\|23[0-7]')"
	else
		t_pass "no byte 0x80-0x9F reaches an ISO-8859-1 terminal"
	fi
	has_bytes "$T_TMP/raw8" 'Caf\333 reopens' && t_pass "U+00DB is written as the ISO-8859-1 byte 0xDB" || t_fail "U+00DB not written as 0xDB"
	has_bytes "$T_TMP/raw8" 'reopens ? soon' && t_pass "a character ISO-8859-1 lacks is shown as ?" || t_fail "the CJK character was not replaced by ?"
fi
if [ "${t_done_skip:-0}" = 1 ] && [ "$t_failures" = 0 ]; then exit 77; fi
t_done
