#!/usr/bin/env bash
# refresh.sh: how fast crier refreshes 500 feeds x 50 items from a fast local server,
# against references measured in the same run:
#   R     = curl --parallel --parallel-max 16 --compressed fetching every feed to files,
#           plus xmllint --stream --noout over those files (moving and parsing the bytes);
#   R304  = curl fetching every feed with its ETag (--etag-compare), all answered 304;
#   Rsql  = the sqlite3 shell counting the unread items of the same cache.
# Targets: cold reload <= 1.5 x R; warm reload <= 3 x R304; print-unread on 100k items
# <= 2 x Rsql with a peak RSS under 16 MB.
# Issue 14's figures, printed last: cold reload of FEEDS and of 100 feeds against curl
# alone (<= 2.5x), all-304 against curl with ETags (<= 2x), peak RSS of the cold reload
# (< 32 MB), cache bytes on disk after it against the feeds' bytes (<= 0.6x), and the
# search index's upkeep: the same cold reload into a cache whose search index was
# dropped (< 25% more; printed for the reload's time and for its CPU time).
#
# Usage: tests/bench/refresh.sh [PATH/TO/crier]     (run by hand, not by make check)
# Environment: BENCH_DIR (default /tmp/crier-bench), RUNS (3), FEEDS (500), ITEMS (50).
# Installs nginx from Debian when it is missing (needs root and apt-get).
set -euo pipefail

CRIER=${1:-${CRIER:-./crier}}
CRIER=$(cd "$(dirname "$CRIER")" && pwd)/$(basename "$CRIER")
DIR=${BENCH_DIR:-/tmp/crier-bench}
RUNS=${RUNS:-3}
FEEDS=${FEEDS:-500}
ITEMS=${ITEMS:-50}
[ -x "$CRIER" ] || { echo "refresh.sh: no crier at $CRIER (give its path)" >&2; exit 2; }
for tool in curl xmllint sqlite3 python3; do
	command -v $tool >/dev/null || { echo "refresh.sh: $tool is needed" >&2; exit 2; }
done

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then
	echo "refresh.sh: installing nginx from Debian (without starting its service)" >&2
	# policy-rc.d keeps the package from starting a system nginx on port 80.
	made_policy=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		made_policy=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null 2>&1 \
		|| DEBIAN_FRONTEND=noninteractive apt-get install -y nginx >/dev/null
	[ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi

mkdir -p "$DIR"
WWW=$DIR/www
# ---- the feeds (original text from a fixed seed; kept between runs) ----
stamp="$FEEDS x $ITEMS v3"
if [ "$(cat "$DIR/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "refresh.sh: writing $FEEDS feeds x $ITEMS items to $WWW" >&2
	rm -rf "$WWW"
	mkdir -p "$WWW"
	python3 - "$WWW" "$FEEDS" "$ITEMS" <<'EOF'
import os, random, sys
from email.utils import formatdate
# Items shaped like a news site's feed (issue 14): 2-9 KB of HTML each in content:encoded
# (paragraphs with inline links, <figure> with <img srcset> and <figcaption>, a block
# quote, a list, named and numeric character references, non-ASCII names), a plain
# teaser in description, Media RSS with description and credit, dc:creator, categories.
# Text is invented: English function words between made-up names and words.
www, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(1234)
syll = ["bra", "kel", "dor", "min", "sa", "tor", "vel", "qu", "an", "rish", "mo", "len",
        "ca", "fen", "hul", "ory", "pe", "zan", "wick", "ster", "lo", "gar", "nu", "et"]
glue = ("the of and to in a that for on with as at by from was is it said but after "
        "will has have were they this their over into about more than its not which "
        "when who been new two three last first said would could some other").split()
words = ["".join(rnd.choice(syll) for _ in range(rnd.randint(1, 3))) for _ in range(4000)]
names = ["Brèmholt", "Kelde Ås", "Zoë Marrin", "Øyvind Tarl", "Łucja Fenn", "São Vell",
         "Ilse Dörr", "Ćamil Rost", "Nuñez Quay", "Åsa Lindqvé"] + \
        [w.title() for w in words[:300]]
def sentence(n):
    out = []
    for i in range(n):
        r = rnd.random()
        out.append(rnd.choice(glue) if r < 0.45 else rnd.choice(names) if r < 0.52
                   else rnd.choice(words))
    s = " ".join(out)
    return s[0].upper() + s[1:] + rnd.choice([".", ".", ".", "?", "&#8230;"])
def para(f):
    s = sentence(rnd.randint(12, 30))
    if rnd.random() < 0.5:
        w = rnd.choice(words)
        s = s.replace(" " + w + " ", ' <a href="https://gazette%d.example/topic/%s">%s</a> ' % (f, w, w), 1)
    if rnd.random() < 0.3:
        s += " &#8220;%s&#8221; &mdash; %s&#8217;s view." % (sentence(8), rnd.choice(names))
    return "<p>%s %s</p>" % (s, sentence(rnd.randint(8, 20)))
def figure(f, i, k):
    src = "https://img.gazette%d.example/%d/%d" % (f, i, k)
    return ('<figure><img src="%s-800.jpg" srcset="%s-400.jpg 400w, %s-800.jpg 800w, '
            '%s-1600.jpg 1600w" sizes="(max-width: 600px) 100vw, 800px" alt="%s" '
            'width="800" height="533"><figcaption>%s <span class="credit">Photo: %s/Gazette&nbsp;Wire</span>'
            '</figcaption></figure>' % (src, src, src, src, sentence(6)[:-1], sentence(14),
                                        rnd.choice(names)))
for f in range(1, feeds + 1):
    name = "Gazette %d" % f
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:media="http://search.yahoo.com/mrss/"><channel>',
           "<title>%s</title><link>https://gazette%d.example/</link>" % (name, f),
           "<description>%s</description>" % sentence(12)]
    for i in range(items):
        target = rnd.randint(2000, 9000)
        body = []
        size = 0
        k = 0
        while size < target:
            r = rnd.random()
            if r < 0.08:
                b = figure(f, i, k); k += 1
            elif r < 0.12:
                b = "<blockquote><p>%s</p></blockquote>" % sentence(22)
            elif r < 0.15:
                b = "<ul>%s</ul>" % "".join("<li>%s</li>" % sentence(7) for _ in range(rnd.randint(2, 5)))
            elif r < 0.18:
                b = "<h2>%s</h2>" % sentence(5)[:-1]
            else:
                b = para(f)
            body.append(b)
            size += len(b)
        teaser = sentence(25).replace("&#8230;", "...")
        img = "https://img.gazette%d.example/%d/lead" % (f, i)
        out.append(
            "<item><title>%s</title><link>https://gazette%d.example/%d/%s</link>"
            "<guid isPermaLink=\"false\">gazette%d-%d</guid><pubDate>%s</pubDate>"
            "<dc:creator>%s</dc:creator><category>%s</category><category>%s</category>"
            "<description>%s</description><content:encoded><![CDATA[%s]]></content:encoded>"
            "<media:content url=\"%s.jpg\" medium=\"image\" width=\"1200\" height=\"800\">"
            "<media:description>%s</media:description><media:credit>%s/Gazette Wire</media:credit>"
            "</media:content></item>"
            % (sentence(9)[:-1].replace("&#8230", ""), f, i, rnd.choice(words), f, i,
               formatdate(1780000000 - f * 3600 - i * 600, usegmt=True),
               rnd.choice(names), rnd.choice(words), rnd.choice(glue[:5]) + " " + rnd.choice(words),
               teaser, "".join(body), img, sentence(12), rnd.choice(names)))
    out.append("</channel></rss>\n")
    with open(os.path.join(www, "feed%d.xml" % f), "w") as fh:
        fh.write("\n".join(out))
EOF
	echo "$stamp" >"$DIR/stamp"
fi
bytes=$(cat "$WWW"/*.xml | wc -c)

# ---- nginx on loopback, gzip on ----
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NG=$DIR/nginx
rm -rf "$NG"
mkdir -p "$NG/logs" "$NG/tmp"
cat >"$NG/nginx.conf" <<EOF
worker_processes 1;
pid $NG/nginx.pid;
error_log $NG/logs/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	client_body_temp_path $NG/tmp/body;
	proxy_temp_path $NG/tmp/proxy;
	fastcgi_temp_path $NG/tmp/fastcgi;
	uwsgi_temp_path $NG/tmp/uwsgi;
	scgi_temp_path $NG/tmp/scgi;
	types { application/rss+xml xml; }
	gzip on;
	gzip_comp_level 1;
	gzip_types application/rss+xml;
	server {
		listen 127.0.0.1:$PORT;
		root $WWW;
	}
}
EOF
"$NGINX" -p "$NG" -c "$NG/nginx.conf" &
NGINX_PID=$!
cleanup() { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 100); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/feed1.xml" && break
	sleep 0.05
done

URLS=$DIR/urls
CFG=$DIR/curl.cfg
CFG304=$DIR/curl304.cfg
: >"$URLS"; : >"$CFG"; : >"$CFG304"
mkdir -p "$DIR/curl" "$DIR/etag"
for i in $(seq "$FEEDS"); do
	u="http://127.0.0.1:$PORT/feed$i.xml"
	echo "$u" >>"$URLS"
	# "next" makes the options per URL (etag-save and etag-compare are per transfer).
	printf 'url = "%s"\noutput = "%s/curl/feed%d.xml"\netag-save = "%s/etag/feed%d"\ncompressed\nnext\n' \
		"$u" "$DIR" "$i" "$DIR" "$i" >>"$CFG"
	printf 'url = "%s"\noutput = "%s/curl/304-%d"\netag-compare = "%s/etag/feed%d"\ncompressed\nnext\n' \
		"$u" "$DIR" "$i" "$DIR" "$i" >>"$CFG304"
done
# No "next" after the last URL (curl would look for one more).
sed -i '$d' "$CFG"
sed -i '$d' "$CFG304"

# measure CMD...: prints "seconds peak_rss_kb exit_status cpu_seconds" (CPU: user + system
# of the command, a figure the other load on a shared machine disturbs less than the wall)
measure() {
	python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
d = time.monotonic() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %d %d %.4f" % (d, u.ru_maxrss, p.returncode, u.ru_utime + u.ru_stime))
EOF
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" '{ print $c }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

head -n 100 "$URLS" >"$DIR/urls100"
URLS100=$DIR/urls100
CFG100=$DIR/curl100.cfg
: >"$CFG100"
for u in $(cat "$URLS100"); do
	printf 'url = "%s"\noutput = "%s/curl100/%s"\ncompressed\nnext\n' "$u" "$DIR" "$(basename "$u")" >>"$CFG100"
done
sed -i '$d' "$CFG100"
CACHE100=$DIR/cache100.db
NOFTS=$DIR/nofts.db
# crier indexes new stories itself when the cache has a search table: the table goes too
DROP_FTS="DROP TRIGGER IF EXISTS search_item_insert; DROP TRIGGER search_item_delete;
	DROP TRIGGER search_item_update; DROP TRIGGER search_article_insert;
	DROP TRIGGER search_article_delete; DROP TRIGGER search_article_update;
	DROP TRIGGER search_title_delete; DROP TRIGGER search_title_update;
	DROP TABLE search; DROP TABLE search_title;"
r_nofts=(); c_nofts=(); r_curl100=(); r_cold100=(); c_curl100=(); c_cold100=(); q100=()

echo "refresh.sh: measuring ($RUNS runs each)" >&2
r_curl=(); r_xml=(); r_cold=(); rss_cold=(); r_304=(); r_warm=()
c_curl=(); c_xml=(); c_cold=()
CACHE=$DIR/cache.db
for run in $(seq "$RUNS"); do
	rm -rf "$DIR/curl" "$DIR/etag"
	mkdir -p "$DIR/curl" "$DIR/etag"
	m=$(measure curl --parallel --parallel-max 16 --compressed -s -K "$CFG")
	r_curl+=("$(echo "$m" | col 1)")
	c_curl+=("$(echo "$m" | col 4)")
	m=$(measure sh -c "xmllint --stream --noout '$DIR'/curl/feed*.xml")
	r_xml+=("$(echo "$m" | col 1)")
	c_xml+=("$(echo "$m" | col 4)")
	r_304+=("$(measure curl --parallel --parallel-max 16 --compressed -s -K "$CFG304" | col 1)")
	rm -f "$CACHE" "$CACHE"-wal "$CACHE"-shm
	m=$(measure "$CRIER" -u "$URLS" -c "$CACHE" -C /dev/null -x reload)
	[ "$(echo "$m" | col 3)" = 0 ] || echo "refresh.sh: warning: the cold reload reported failures" >&2
	r_cold+=("$(echo "$m" | col 1)")
	rss_cold+=("$(echo "$m" | col 2)")
	c_cold+=("$(echo "$m" | col 4)")
	cache_bytes=$(stat -c %s "$CACHE")
	[ -f "$CACHE"-wal ] && cache_bytes=$((cache_bytes + $(stat -c %s "$CACHE"-wal)))
	# where those bytes are (sqlite3's dbstat table; a shell built without it prints none)
	cache_parts=$(sqlite3 "$CACHE" "SELECT printf('items %.1f MB (story text %.1f), search index %.1f MB, other indexes %.1f MB; %d compression dictionar%s (%d KB)',
		(SELECT SUM(pgsize) FROM dbstat WHERE name = 'items') / 1e6,
		(SELECT SUM(LENGTH(CAST(summary AS BLOB))) + SUM(LENGTH(CAST(content AS BLOB))) FROM items) / 1e6,
		(SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search%') / 1e6,
		(SELECT SUM(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE type = 'index')
			OR name LIKE 'sqlite_autoindex%') / 1e6,
		(SELECT COUNT(*) FROM dicts), CASE (SELECT COUNT(*) FROM dicts) WHEN 1 THEN 'y' ELSE 'ies' END,
		(SELECT COALESCE(SUM(LENGTH(dict)), 0) FROM dicts) / 1024)" 2>/dev/null || echo "no dbstat")
	r_warm+=("$(measure "$CRIER" -u "$URLS" -c "$CACHE" -C /dev/null -x reload | col 1)")
	# the same cold reload into a fresh cache whose search index is not kept (it and its
	# triggers dropped): what FTS upkeep costs
	rm -f "$NOFTS" "$NOFTS"-wal "$NOFTS"-shm
	"$CRIER" -c "$NOFTS" -C /dev/null -x print-unread >/dev/null
	sqlite3 "$NOFTS" "$DROP_FTS"
	m=$(measure "$CRIER" -u "$URLS" -c "$NOFTS" -C /dev/null -x reload)
	r_nofts+=("$(echo "$m" | col 1)")
	c_nofts+=("$(echo "$m" | col 4)")
	# 100 feeds: curl and a cold reload of the first hundred
	rm -rf "$DIR/curl100"
	mkdir -p "$DIR/curl100"
	m=$(measure curl --parallel --parallel-max 16 --compressed -s -K "$CFG100")
	r_curl100+=("$(echo "$m" | col 1)")
	c_curl100+=("$(echo "$m" | col 4)")
	rm -f "$CACHE100" "$CACHE100"-wal "$CACHE100"-shm
	m=$(measure "$CRIER" -u "$URLS100" -c "$CACHE100" -C /dev/null -x reload)
	r_cold100+=("$(echo "$m" | col 1)")
	c_cold100+=("$(echo "$m" | col 4)")
	q100+=("$(ratio "${r_cold100[-1]}" "${r_curl100[-1]}")")
done
[ "$(find "$DIR/curl" -name '304-*' -size +0 | wc -l)" = 0 ] || echo "refresh.sh: warning: curl's ETag run got bodies" >&2
warm_out=$("$CRIER" -u "$URLS" -c "$CACHE" -C /dev/null -x reload 2>&1 || true)
items=$(sqlite3 "$CACHE" "SELECT COUNT(*) FROM items")

# ---- print-unread on a 100k-item cache ----
BIG=$DIR/big.db
rm -f "$BIG" "$BIG"-wal "$BIG"-shm
sqlite3 "$CACHE" ".backup '$BIG'"
copies=$(( (100000 + items - 1) / items - 1 ))
sqlite3 "$BIG" "$DROP_FTS"
sqlite3 "$BIG" "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $copies)
	INSERT INTO items(feed_id, guid, title, link, ident, author, summary, content, published,
		updated, categories, enclosures, media, first_seen, date, seen_generation, unread)
	SELECT feed_id, guid || '#' || k.n, title, link, ident, author, summary, content, published,
		updated, categories, enclosures, media, first_seen, date, seen_generation, unread
	FROM items, k;
	UPDATE items SET unread = 0 WHERE id % 4 = 0;
	UPDATE feeds SET
	  item_count = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id),
	  unread_count = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id AND i.unread = 1);"
big_items=$(sqlite3 "$BIG" "SELECT COUNT(*) FROM items")
big_unread=$(sqlite3 "$BIG" "SELECT COUNT(*) FROM items WHERE unread = 1")
got=$("$CRIER" -c "$BIG" -x print-unread)
[ "$got" = "$big_unread unread articles" ] || echo "refresh.sh: warning: print-unread said '$got', sqlite3 $big_unread" >&2
r_sql=(); r_pu=(); rss_pu=()
for run in $(seq 15); do
	r_sql+=("$(measure sqlite3 "$BIG" "SELECT COUNT(*) FROM items WHERE unread = 1" | col 1)")
	m=$(measure "$CRIER" -c "$BIG" -C /dev/null -x print-unread)
	r_pu+=("$(echo "$m" | col 1)")
	rss_pu+=("$(echo "$m" | col 2)")
done

m_curl=$(printf '%s\n' "${r_curl[@]}" | median)
m_xml=$(printf '%s\n' "${r_xml[@]}" | median)
m_r=$(awk -v a="$m_curl" -v b="$m_xml" 'BEGIN { print a + b }')
m_cold=$(printf '%s\n' "${r_cold[@]}" | median)
m_rss_cold=$(printf '%s\n' "${rss_cold[@]}" | median)
m_c_r=$(awk -v a="$(printf '%s\n' "${c_curl[@]}" | median)" -v b="$(printf '%s\n' "${c_xml[@]}" | median)" 'BEGIN { print a + b }')
m_c_cold=$(printf '%s\n' "${c_cold[@]}" | median)
m_304=$(printf '%s\n' "${r_304[@]}" | median)
m_warm=$(printf '%s\n' "${r_warm[@]}" | median)
m_sql=$(printf '%s\n' "${r_sql[@]}" | median)
m_pu=$(printf '%s\n' "${r_pu[@]}" | median)
m_rss_pu=$(printf '%s\n' "${rss_pu[@]}" | sort -n | tail -1)
m_nofts=$(printf '%s\n' "${r_nofts[@]}" | median)
m_c_nofts=$(printf '%s\n' "${c_nofts[@]}" | median)
m_curl100=$(printf '%s\n' "${r_curl100[@]}" | median)
m_cold100=$(printf '%s\n' "${r_cold100[@]}" | median)
# min / median / max of a list: one run's luck shows
spread() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "%.2f / %.2f / %.2f", v[1], m, v[NR] }'; }
m_c_curl=$(printf '%s\n' "${c_curl[@]}" | median)

printf 'crier refresh benchmark: %d feeds x %d items, %.1f MB of XML, nginx (gzip on) on loopback; medians of %d runs\n' \
	"$FEEDS" "$ITEMS" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$RUNS"
printf '  R: curl --parallel 16 --compressed %.2f s + xmllint --stream %.2f s = %.2f s\n' "$m_curl" "$m_xml" "$m_r"
printf '  crier -x reload, fresh cache    %.2f s = %s x R     (target <= 1.5)  peak RSS %d MB, %d items stored\n' \
	"$m_cold" "$(ratio "$m_cold" "$m_r")" $((m_rss_cold / 1024)) "$items"
printf '    CPU (user + system): R %.2f s, crier %.2f s = %s x\n' "$m_c_r" "$m_c_cold" "$(ratio "$m_c_cold" "$m_c_r")"
printf '  curl --etag-compare, all 304    %.2f s\n' "$m_304"
printf '  crier -x reload, all 304        %.2f s = %s x R304  (target <= 3)    [%s]\n' \
	"$m_warm" "$(ratio "$m_warm" "$m_304")" "$warm_out"
printf '  sqlite3 counting unread         %.4f s on %d items (%d unread)\n' "$m_sql" "$big_items" "$big_unread"
printf '  crier -x print-unread           %.4f s = %s x Rsql  (target <= 2)    peak RSS %.1f MB (target < 16)\n' \
	"$m_pu" "$(ratio "$m_pu" "$m_sql")" "$(awk -v k="$m_rss_pu" 'BEGIN { print k / 1024 }')"
printf 'issue 14 (load %s):\n' "$(uptime | sed 's/.*load average: //')"
printf '  cold, %d feeds: crier %.2f s / curl --parallel 16 --compressed %.2f s = %s x   (target <= 2.5)\n' \
	"$FEEDS" "$m_cold" "$m_curl" "$(ratio "$m_cold" "$m_curl")"
printf '    CPU (user + system): crier %.2f s / curl %.2f s = %s x\n' "$m_c_cold" "$m_c_curl" "$(ratio "$m_c_cold" "$m_c_curl")"
printf '  cold, 100 feeds: crier %.2f s / curl %.2f s = %s x   (target <= 2.5)\n' \
	"$m_cold100" "$m_curl100" "$(ratio "$m_cold100" "$m_curl100")"
printf '    min / median / max of %d runs: crier %s s, curl %s s, ratio of each run %s\n' "$RUNS" \
	"$(printf '%s\n' "${r_cold100[@]}" | spread)" "$(printf '%s\n' "${r_curl100[@]}" | spread)" \
	"$(printf '%s\n' "${q100[@]}" | spread)"
printf '    CPU (user + system), medians: crier %.2f s / curl %.2f s = %s x\n' \
	"$(printf '%s\n' "${c_cold100[@]}" | median)" "$(printf '%s\n' "${c_curl100[@]}" | median)" \
	"$(ratio "$(printf '%s\n' "${c_cold100[@]}" | median)" "$(printf '%s\n' "${c_curl100[@]}" | median)")"
printf '  warm, all 304: crier %.2f s / curl with ETags %.2f s = %s x   (target <= 2)\n' \
	"$m_warm" "$m_304" "$(ratio "$m_warm" "$m_304")"
printf '  peak RSS of the cold reload: %.1f MB   (target < 32)\n' "$(awk -v k="$m_rss_cold" 'BEGIN { print k / 1024 }')"
printf '  cache on disk after the cold reload: %.1f MB for %.1f MB of feeds = %s x   (target <= 0.6)\n' \
	"$(awk -v b="$cache_bytes" 'BEGIN { print b / 1e6 }')" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
	"$(ratio "$cache_bytes" "$bytes")"
printf '    of which %s\n' "$cache_parts"
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f", (a / b - 1) * 100 }'; }
printf '  search index upkeep: cold reload %.2f s (CPU %.2f s) against %.2f s (CPU %.2f s) without the index\n' \
	"$m_cold" "$m_c_cold" "$m_nofts" "$m_c_nofts"
printf '    = %s%% time, %s%% CPU   (target < 25)\n' "$(pct "$m_cold" "$m_nofts")" "$(pct "$m_c_cold" "$m_c_nofts")"
