#!/bin/sh
# libcurl is opened only when crier fetches (src/fetch_curl.c): a run that fetches nothing
# works where libcurl cannot be loaded, and a reload that cannot load it says which file
# it could not load and keeps the cache as it was. A reload loads libcurl beside the
# opening of its cache: a cache that cannot be opened is still the error it reports.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/server.sh"

soname=$(sed -n 's/^#define CRIER_CURL_SONAME "\(.*\)"$/\1/p' "$top_builddir/config.h")
case $soname in libcurl*) ;; *) t_fail "config.h names no libcurl file: [$soname]"; t_done;; esac
# A file of that name which is no library, found before the real one.
mkdir "$T_TMP/nocurl" "$T_TMP/www"
echo 'not a library' >"$T_TMP/nocurl/$soname"
nocurl() { LD_LIBRARY_PATH=$T_TMP/nocurl "$@"; }

{
	echo '<?xml version="1.0" encoding="utf-8"?>'
	echo '<rss version="2.0"><channel><title>Harrowgate Ferry Times</title>'
	for i in 1 2 3; do
		echo "<item><title>Ferry timetable $i</title><guid>hft-$i</guid>"
		echo "<description>The winter timetable for the Harrowgate crossing, part $i.</description></item>"
	done
	echo '</channel></rss>'
} >"$T_TMP/www/feed.xml"
start_server "$T_TMP/www"
URLS=$T_TMP/urls
CACHE=$T_TMP/cache.db
echo "$SERVER_URL/feed.xml" >"$URLS"

out=$(t_crier -C /dev/null -x reload 2>&1); rc=$?
t_eq "$rc" 0 "a reload with libcurl at hand works"
t_eq "$(t_crier -C /dev/null -x print-unread)" "3 unread articles" "and stores the feed"

# Nothing fetched: no libcurl needed.
out=$(nocurl "$CRIER" --parse "$T_TMP/www/feed.xml" 2>&1); rc=$?
t_eq "$rc" 0 "--parse runs where libcurl cannot be loaded"
t_eq "$(printf '%s\n' "$out" | grep -c '"kind":"item"')" 3 "--parse reads the feed's 3 stories"
t_eq "$(nocurl "$CRIER" -u "$URLS" -c "$CACHE" -C /dev/null -x print-unread 2>&1)" "3 unread articles" \
	"print-unread runs where libcurl cannot be loaded"

# A fetch without libcurl: an error naming the file, nothing lost.
echo "$SERVER_URL/feed.xml?again" >>"$URLS"
out=$(nocurl "$CRIER" -u "$URLS" -c "$CACHE" -C /dev/null -x reload 2>&1); rc=$?
[ "$rc" -ne 0 ] && t_pass "a reload that cannot load libcurl fails" || t_fail "the reload exited 0: $out"
t_has "$out" "cannot load libcurl ($soname)" "the error names the library"
t_has "$out" "$T_TMP/nocurl/$soname" "and the file the loader tried"
t_eq "$(t_crier -C /dev/null -x print-unread)" "3 unread articles" "the cache keeps its stories"

# The cache cannot be opened (a symbolic link): that is the error, libcurl or not.
ln -s "$CACHE" "$T_TMP/link.db"
for run in "" nocurl; do
	out=$($run "$CRIER" -u "$URLS" -c "$T_TMP/link.db" -C /dev/null -x reload 2>&1); rc=$?
	t_eq "$rc" 1 "a reload whose cache cannot be opened fails ${run:-with libcurl}"
	t_has "$out" "$T_TMP/link.db: cannot open the cache" "and names the cache (${run:-with libcurl})"
	t_hasnt "$out" "libcurl" "not libcurl (${run:-with libcurl})"
done
t_done
