#!/bin/sh
# The files crier keeps: the cache private (0600 in a 0700 directory) and never opened
# through a symbolic link; a feed list or config others can write is reported; a urls
# file with a NUL line survives -i byte for byte and keeps its mode (issue 12).
. "$top_srcdir/tests/lib.sh"
mode() { stat -c %a "$1"; }
H=$T_TMP/home
mkdir -p "$H"
export HOME="$H" XDG_CONFIG_HOME="$H/config" XDG_DATA_HOME="$H/data"
umask 022

# A fresh cache under the default path: a private directory and private files.
: >"$T_TMP/empty-urls"
"$CRIER" -u "$T_TMP/empty-urls" -x reload >"$T_TMP/out" 2>&1 || true
if [ -f "$H/data/crier/cache.db" ]; then
	t_eq "$(mode "$H/data/crier/cache.db")" 600 "the cache is created 0600 (umask 022)"
	t_eq "$(mode "$H/data/crier")" 700 "in a 0700 directory"
	for f in "$H/data/crier/cache.db-wal" "$H/data/crier/cache.db-shm"; do
		[ -f "$f" ] && t_eq "$(mode "$f")" 600 "$(basename "$f") is 0600 too"
	done
else
	t_fail "no cache was made at $H/data/crier/cache.db: $(cat "$T_TMP/out")"
fi

# An older cache readable by others is made private when crier opens it.
cp "$H/data/crier/cache.db" "$T_TMP/old.db" 2>/dev/null && chmod 644 "$T_TMP/old.db"
"$CRIER" -u "$T_TMP/empty-urls" -c "$T_TMP/old.db" -x print-unread >/dev/null 2>&1
t_eq "$(mode "$T_TMP/old.db")" 600 "an existing 0644 cache is made 0600"

# A symbolic link where the cache should be: refused, naming the file; the target intact.
echo "not a cache" >"$T_TMP/target"
ln -s "$T_TMP/target" "$T_TMP/link.db"
if out=$("$CRIER" -u "$T_TMP/empty-urls" -c "$T_TMP/link.db" -x reload 2>&1); then
	t_fail "a symlinked cache was opened: $out"
else
	t_has "$out" "$T_TMP/link.db: cannot open the cache: it is a symbolic link" "a symlinked cache is refused with its name"
fi
t_eq "$(cat "$T_TMP/target")" "not a cache" "the link's target is untouched"

# Feed list and config writable by others: reported, naming the file.
printf 'https://127.0.0.1:1/feed.xml\n' >"$T_TMP/urls"
chmod 666 "$T_TMP/urls"
printf 'max_transfers 2\n' >"$T_TMP/config"
chmod 666 "$T_TMP/config"
out=$("$CRIER" -u "$T_TMP/urls" -C "$T_TMP/config" -c "$T_TMP/c2.db" -x reload 2>&1)
t_has "$out" "$T_TMP/urls: writable by other users (mode 0666)" "a world-writable urls file is reported"
t_has "$out" "$T_TMP/config: writable by other users (mode 0666)" "a world-writable config is reported"
chmod 600 "$T_TMP/urls" "$T_TMP/config"
out=$("$CRIER" -u "$T_TMP/urls" -C "$T_TMP/config" -c "$T_TMP/c2.db" -x reload 2>&1)
t_hasnt "$out" "writable by other users" "a private one is not"

# -i with a NUL line in the urls file: every byte before stays, the mode too.
printf 'https://weir.example/rss one\nhttps://nul.example/\000broken\n# keep me\nhttps://last.example/rss\n' >"$T_TMP/nul-urls"
chmod 640 "$T_TMP/nul-urls"
cp "$T_TMP/nul-urls" "$T_TMP/nul-urls.orig"
cat >"$T_TMP/add.opml" <<'OPML'
<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="Millrace" xmlUrl="https://millrace.example/feed"/></body></opml>
OPML
out=$("$CRIER" -u "$T_TMP/nul-urls" -i "$T_TMP/add.opml" 2>&1)
t_has "$out" "$T_TMP/nul-urls:2: skipped: holds a NUL byte" "the NUL line is reported with its number"
n=$(wc -c <"$T_TMP/nul-urls.orig")
if head -c "$n" "$T_TMP/nul-urls" | cmp -s - "$T_TMP/nul-urls.orig"; then
	t_pass "every line of the file is still there, byte for byte"
else
	t_fail "the urls file lost bytes: $(od -c "$T_TMP/nul-urls" | head -5)"
fi
t_has "$(tail -c 200 "$T_TMP/nul-urls" | tr -d '\000')" "https://millrace.example/feed" "the imported feed is appended"
t_eq "$(mode "$T_TMP/nul-urls")" 640 "the rewrite keeps the file's mode"
t_eq "$(ls "$T_TMP" | grep -c 'nul-urls\.')" 1 "no temporary file is left (only the .orig copy)"
t_done
