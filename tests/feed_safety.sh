#!/bin/sh
# Hostile documents: entity bombs must cost neither memory nor time, and nothing outside
# the document (files, DTDs, the network) is ever read.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/feed_lib.sh"
D=$T_TMP

# Billion laughs: under a 200 MB address-space limit and within a few seconds. (A
# sanitizer build reserves terabytes of address space and cannot run under the limit;
# there the time and output size still tell.)
LIMIT=204800
(ulimit -v $LIMIT 2>/dev/null; exec "$CRIER" --version) >/dev/null 2>&1 || LIMIT=unlimited
start=$(date +%s)
out=$( (ulimit -v $LIMIT 2>/dev/null; exec "$CRIER" --parse "$F/billion-laughs.xml") 2>"$D/err"); rc=$?
secs=$(( $(date +%s) - start ))
t_eq "$rc" 0 "billion laughs: parsed under a 200 MB memory limit"
t_eq "$([ "$secs" -le 5 ] && echo fast)" fast "billion laughs: finished in ${secs}s"
t_eq "$([ "${#out}" -lt 4000 ] && echo small)" small "billion laughs: output stays small (${#out} bytes)"
t_hasnt "$out" "lollollol" "billion laughs: nested entities not expanded"
t_has "$out" '"title":"Laughs from Oxbury"' "billion laughs: a short plain-text internal entity is expanded"
t_has "$out" '"title":"After"' "billion laughs: the items after it are read"

# Quadratic blowup: one big entity referenced many times stays within a budget
{
	printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "'
	i=0; while [ $i -lt 100 ]; do printf 'ABCDEFGHIJ'; i=$((i + 1)); done
	printf '">]>\n<rss><channel><item><title>Blow</title><description>'
	i=0; while [ $i -lt 20000 ]; do printf '&big;'; i=$((i + 1)); done
	printf '</description></item></channel></rss>\n'
} > "$D/quadratic.xml"
out=$( (ulimit -v $LIMIT 2>/dev/null; exec "$CRIER" --parse "$D/quadratic.xml") 2>"$D/err"); rc=$?
t_eq "$rc" 0 "quadratic blowup: parsed"
t_eq "$([ "${#out}" -lt 2000000 ] && echo bounded)" bounded "quadratic blowup: expansion bounded (${#out} bytes)"
t_has "$(cat "$D/err")" "too much expansion" "quadratic blowup: warned"

# External entities, external DTD, parameter entities: the secret file is never read
echo "SECRET-SAUSAGE-42" > "$D/secret.txt"
cat > "$D/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file://$D/secret.txt" [
  <!ENTITY xxe SYSTEM "file://$D/secret.txt">
  <!ENTITY % pe SYSTEM "file://$D/secret.txt">
  %pe;
]>
<rss version="2.0"><channel><title>Harmless &xxe; title</title>
<item><title>Item &xxe;</title><description>&xxe;</description><link>http://xxe.example/&xxe;</link></item>
</channel></rss>
XML
parse "$D/xxe.xml"
t_eq "$rc" 0 "external entity: the feed is still read"
t_hasnt "$out$errs" "SECRET-SAUSAGE" "external entity: the file it names is never read"
t_get 1.title '"Harmless &xxe; title"' "external entity: left as text"

# XInclude and a network DTD are not fetched either (no network: NONET)
cat > "$D/net.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Example//DTD//EN" "http://127.0.0.1:9/never.dtd">
<rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>Net</title>
<item><title>Inc</title><xi:include href="file://$D/secret.txt" parse="text"/></item></channel></rss>
XML
parse "$D/net.xml"
t_eq "$rc" 0 "network DTD: parsed without it"
t_hasnt "$out$errs" "SECRET-SAUSAGE" "xinclude: not processed"

# A 12 MB CDATA section and a 12 MB comment: libxml2 alone gives up past 10 MB; crier
# streams them, keeps memory bounded and reads the items after them
awk 'BEGIN {
	print "<rss><channel><title>Huge</title><item><title>big one</title><description><![CDATA["
	for (i = 0; i < 240000; i++) print "<p>Row " i " of the harbour ledger & its tally</p>"
	print "]]></description></item><!--"
	for (i = 0; i < 240000; i++) print "a comment line that goes on and on, row " i
	print "--><item><title>after the flood</title></item></channel></rss>"
}' > "$D/huge.xml"
out=$( (ulimit -v $LIMIT 2>/dev/null; exec "$CRIER" --parse "$D/huge.xml") 2>"$D/err"); rc=$?
t_eq "$rc" 0 "huge CDATA: parsed"
t_has "$out" '"title":"big one"' "huge CDATA: its item comes out"
t_has "$out" '"title":"after the flood"' "huge CDATA and comment: the next item comes out"
t_has "$out" 'Row 1 of the harbour ledger &amp; its tally' "huge CDATA: its HTML kept"
if [ -x /usr/bin/time ] && [ "$LIMIT" != unlimited ]; then
	kb=$(/usr/bin/time -f %M "$CRIER" --parse "$D/huge.xml" 2>&1 >/dev/null | tail -1)
	t_eq "$([ "$kb" -lt 65536 ] && echo bounded)" bounded "huge CDATA: peak memory ${kb} KB"
fi
t_done
