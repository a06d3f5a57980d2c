#!/bin/sh
# A podcast feed in the reader: the story lists its enclosures (URL, type, size,
# duration); p hands one to the player (one argument, no shell); D downloads it into
# download_dir with progress on the status line; with several, p and D ask which; an
# enclosure is limited by enclosure_max_size, not the feeds' max_download_size; a 404, a
# stalled connection, a file over the limit or quitting mid-download leave no file under
# the final name and no temporary file.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"
. "$top_srcdir/tests/ui_lib.sh"

mkdir -p "$T_TMP/root/ep"
python3 -c 'import sys, random; r = random.Random(11); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(300000)))' \
	>"$T_TMP/root/ep/tides.mp3"
cp "$T_TMP/root/ep/tides.mp3" "$T_TMP/root/ep/heron.mp3"
cp "$T_TMP/root/ep/tides.mp3" "$T_TMP/root/ep/dyke.mp3"
cp "$T_TMP/root/ep/tides.mp3" "$T_TMP/root/ep/lock-talk.mp3"
python3 -c 'import sys, random; r = random.Random(12); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(300000)))' \
	>"$T_TMP/root/ep/lock-gates.ogg"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(500000))' >"$T_TMP/root/ep/lock-long.mp3"
start_server "$T_TMP/root"
ui_setup
sed "s|@BASE@|$SERVER_URL|g" "$top_srcdir/tests/enclosures/podcast.xml" >"$T_TMP/root/podcast.xml"
echo "$SERVER_URL/podcast.xml" >"$XDG_CONFIG_HOME/crier/urls"
cat >"$T_TMP/player" <<SCRIPT
#!/bin/sh
printf '%s\n' "\$#" >"$T_TMP/argc"
printf '%s' "\$1" >"$T_TMP/arg1"
SCRIPT
chmod +x "$T_TMP/player"
DL="$T_TMP/downloads"
cat >"$XDG_CONFIG_HOME/crier/config" <<CONF
article_fetch never
player "$T_TMP/player"
download_dir "$DL"
download_timeout 3
low_speed_time 2
max_download_size 102400
enclosure_max_size 400000
CONF
leftovers() { ls -A "$DL" 2>/dev/null | grep -c "$1"; }

ui_start 100 30 -r
ui_expect "Tide tables read aloud" "the podcast is listed"
ui_keys Enter
ui_expect "Enclosures (p plays, D downloads)" "the story lists its enclosures"
ui_expect "1. $SERVER_URL/ep/tides.mp3" "with the enclosure's URL"
ui_expect "audio/mpeg, 300 kB, 1:02:03" "its type, size and itunes:duration"

ui_keys p
i=0
while [ ! -s "$T_TMP/argc" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t_eq "$(cat "$T_TMP/argc" 2>/dev/null)" "1" "p starts the player with one argument"
t_eq "$(cat "$T_TMP/arg1" 2>/dev/null)" "$SERVER_URL/ep/tides.mp3" "the enclosure's URL"
ui_expect "Tide tables read aloud" "the screen comes back after the player"

ui_keys D
ui_expect "saved $DL/tides.mp3" "D downloads the enclosure (over max_download_size) into download_dir" 15
if cmp -s "$DL/tides.mp3" "$T_TMP/root/ep/tides.mp3"; then t_pass "the file holds every byte"; else t_fail "the downloaded file differs"; fi
t_eq "$(ls -A "$DL" | tr '\n' ' ')" "tides.mp3 " "no temporary file is left"

ui_keys h j Enter
ui_expect "The episode that went missing" "the second story opens"
ui_keys D
ui_expect "HTTP 404" "a 404 download is reported" 15
t_eq "$(leftovers missing)" "0" "a 404 leaves no file, final or temporary"

ui_keys h j Enter
ui_expect "Heron counting, cut short" "the third story opens"
ui_expect "audio/mpeg, 300 kB, 12:34" "a duration in seconds is shown as m:ss"
ui_keys D
ui_expect "downloading heron.mp3" "the status line shows the download under way"
# the status line shows a long message's start and end; the error view shows it whole
ui_expect "transferred the last 2 seconds" "a download stalled mid-file fails" 20
ui_keys e
ui_expect "heron.mp3: timed out" "the error view names the stalled download and why"
ui_keys q
ui_expect "Heron counting, cut short" "q leaves the error view for the story"
t_eq "$(leftovers heron)" "0" "a cut download leaves no partial file"

ui_keys h j j Enter
ui_expect "Three takes on the lock gates" "the story with three enclosures opens"
ui_expect "3. $SERVER_URL/ep/lock-long.mp3" "all three are listed, numbered"
rm -f "$T_TMP/argc" "$T_TMP/arg1"
ui_keys p
ui_expect "Play which enclosure? (1-3, Esc cancels)" "p asks which of several enclosures"
ui_keys 2
i=0
while [ ! -s "$T_TMP/argc" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t_eq "$(cat "$T_TMP/arg1" 2>/dev/null)" "$SERVER_URL/ep/lock-gates.ogg" "2 plays the second enclosure, not the first"
ui_expect "Three takes on the lock gates" "the screen comes back after the player"
ui_keys D
ui_expect "Download which enclosure? (1-3, Esc cancels)" "D asks which of several enclosures"
ui_keys 2
ui_expect "saved $DL/lock-gates.ogg" "D 2 downloads the second enclosure" 15
if cmp -s "$DL/lock-gates.ogg" "$T_TMP/root/ep/lock-gates.ogg"; then t_pass "the chosen file holds every byte"; else t_fail "the chosen download differs"; fi
t_eq "$(leftovers lock-talk)" "0" "the first enclosure was not downloaded"
ui_keys D 3
ui_expect "larger than the limit of 400000 bytes" "an enclosure over enclosure_max_size is refused" 15
t_eq "$(leftovers lock-long)" "0" "the cut download leaves no file, final or temporary"
ui_keys D 7
ui_expect "no enclosure 7: this story has 3" "a number past the list is refused"
ui_keys D Escape
ui_expect "no enclosure chosen" "Esc asks no more"

ui_keys h k Enter
ui_expect "A slow evening on the dyke" "the fourth story opens"
ui_keys D
ui_expect "downloading dyke.mp3" "a slow download starts"
sleep 0.5
t_eq "$(ls -A "$DL" | grep -c '^\.dyke\.mp3\..*\.part$')" "1" "while it runs the bytes go to a temporary name"
t_eq "$(ls -A "$DL" | grep -c '^dyke\.mp3$')" "0" "not to the final name"
ui_keys q q
ui_expect_exit "crier quits during the download"
t_eq "$(leftovers dyke)" "0" "quitting mid-download leaves no partial file"
t_done
