#!/bin/sh
# Enclosure downloads (src/enclosure.c on the fetcher): the file lands in the download
# directory under its URL's name, never over an existing file; a 404 or a cut connection
# leaves nothing behind, neither under the final name nor as a temporary file.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"

GET="$top_builddir/tests/enclosure_get"
mkdir -p "$T_TMP/root/ep"
python3 -c 'import sys, random; r = random.Random(7); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(300000)))' \
	>"$T_TMP/root/ep/harbour%20talk.mp3"
cp "$T_TMP/root/ep/harbour%20talk.mp3" "$T_TMP/root/ep/second.mp3"
start_server "$T_TMP/root"
DL="$T_TMP/downloads/podcasts"

out=$("$GET" "$DL" "$SERVER_URL/ep/harbour%2520talk.mp3")
t_eq "$out" "$SERVER_URL/ep/harbour%2520talk.mp3 saved $DL/harbour%20talk.mp3" \
	"a download is saved under the URL's decoded name, the directory made"
if cmp -s "$DL/harbour%20talk.mp3" "$T_TMP/root/ep/harbour%20talk.mp3"; then
	t_pass "the file holds every byte"
else
	t_fail "the saved file differs from the served one"
fi
t_eq "$(ls -A "$DL" | wc -l | tr -d ' ')" "1" "no temporary file is left"

out=$("$GET" "$DL" "$SERVER_URL/ep/harbour%2520talk.mp3")
t_eq "$out" "$SERVER_URL/ep/harbour%2520talk.mp3 saved $DL/harbour%20talk.mp3.1" \
	"a second download of the same name does not overwrite the first"

out=$("$GET" "$DL" "$SERVER_URL/status/404/second.mp3")
t_has "$out" "failed $SERVER_URL/status/404/second.mp3: HTTP 404" "a 404 fails, naming the URL"
t_eq "$(ls -A "$DL" | grep -c second)" "0" "a 404 leaves no file, final or temporary"

out=$("$GET" -L low_speed_time=2 "$DL" "$SERVER_URL/stall-body/ep/second.mp3")
t_has "$out" "$SERVER_URL/stall-body/ep/second.mp3 failed" "a connection stalled mid-file fails"
t_eq "$(ls -A "$DL" | grep -c second)" "0" "a cut download leaves no partial file under any name"

# two at once on one fetcher, as the reader downloads in the background
out=$("$GET" "$DL" "$SERVER_URL/ep/second.mp3" "$SERVER_URL/status/404/other.mp3" | sort)
t_has "$out" "$SERVER_URL/ep/second.mp3 saved $DL/second.mp3" "one of two downloads at once is saved"
t_has "$out" "$SERVER_URL/status/404/other.mp3 failed" "and the other fails on its own"
t_eq "$(ls -A "$DL" | tr '\n' ' ')" "harbour%20talk.mp3 harbour%20talk.mp3.1 second.mp3 " "the directory holds only finished files"

# an enclosure has its own size limit: larger than max_download_size is fine, larger
# than its own is cut and leaves nothing
out=$("$GET" -L max_download_size=1024 -s 100000000 "$DL" "$SERVER_URL/ep/second.mp3")
t_eq "$out" "$SERVER_URL/ep/second.mp3 saved $DL/second.mp3.1" "an enclosure over max_download_size is saved"
out=$("$GET" -s 2048 "$DL" "$SERVER_URL/ep/second.mp3")
t_has "$out" "failed $SERVER_URL/ep/second.mp3: larger than the limit of 2048 bytes" "an enclosure over its own limit fails, naming the limit"
t_eq "$(ls -A "$DL" | grep -c 'second.mp3.2')" "0" "and leaves no file"
# no limit on the whole transfer's time: a slow one that keeps moving is saved
out=$("$GET" -L download_timeout=1 "$DL" "$SERVER_URL/slow/150000/ep/second.mp3")
t_has "$out" "saved $DL/second.mp3.2" "a download longer than download_timeout but never stalled is saved"

out=$("$GET" "$DL" "file:///etc/passwd")
t_has "$out" "refused" "a file: enclosure is refused"
t_done
