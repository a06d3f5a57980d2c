#!/bin/sh
# Broken and foreign feeds: read as far as possible, with warnings naming the line; any
# encoding out as UTF-8; control characters never come out.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/feed_lib.sh"
D=$T_TMP

# Bare ampersands and '<', a mismatched tag, unknown entity: later items still come out
cat > "$D/broken.xml" <<'XML'
<rss version="2.0">
<channel>
<title>Mill Lane & Sons</title>
<item><title>One & only</title><link>http://mill.example/1?a=1&b=2</link></item>
<item><title>Two <b>bold</i></title><link>http://mill.example/2</link></item>
<item><title>Three: a < b</title><link>http://mill.example/3</link></item>
<item><title>Four &amp; &eacute;</title><link>http://mill.example/4?x=1&amp;y=2</link><description>&unknownthing; stays</description></item>
</channel>
</rss>
XML
parse "$D/broken.xml"
t_eq "$rc" 0 "broken: exit 0"
t_eq "$(nitems)" 4 "broken: every item comes out"
t_get 1.title '"Mill Lane & Sons"' "broken: bare & in text kept"
t_get 2.title '"One & only"' "broken: bare & in an item title"
t_get 2.link '"http://mill.example/1?a=1&b=2"' "broken: bare & in a URL query kept"
t_get 3.title '"Two bold"' "broken: mismatched tags: text kept"
t_get 4.title '"Three: a < b"' "broken: bare < kept as text"
t_get 5.title '"Four & é"' "broken: entities still decoded after errors"
t_get 5.link '"http://mill.example/4?x=1&y=2"' "broken: &amp; still decoded after errors"
t_get 5.summary '"&amp;unknownthing; stays"' "broken: unknown entity kept as text"
t_has "$errs" "broken.xml:5:" "broken: the warning names file and line of the mismatch"
t_has "$errs" "broken.xml:7: undefined entity &unknownthing;" "broken: unknown entity warning with its line"

# Truncated: the items before the break come out, with a warning
head -c "$(grep -b '<item><title>Four' "$D/broken.xml" | cut -d: -f1)" "$D/broken.xml" > "$D/trunc.xml"
printf '<item><title>Cut he' >> "$D/trunc.xml"
parse "$D/trunc.xml"
t_eq "$rc" 0 "truncated: exit 0"
t_eq "$(nitems)" 3 "truncated: the complete items come out, the cut one does not"
t_get 4.title '"Three: a < b"' "truncated: last complete item"
t_has "$errs" "trunc.xml:7: the document breaks off" "truncated: warning names the line"

# Bad bytes in a UTF-8 feed: Latin-1 bytes read as windows-1252, the rest intact
printf '<?xml version="1.0" encoding="utf-8"?>\n<rss><channel><title>Bytes</title>\n<item><title>Caf\351 \223quoted\224 and \303\251 ok</title></item>\n<item><title>Stray \377\376 bytes</title></item>\n<item><title>After</title></item></channel></rss>\n' > "$D/bytes.xml"
parse "$D/bytes.xml"
t_eq "$rc" 0 "bad bytes: exit 0"
t_get 2.title '"Café “quoted” and é ok"' "bad bytes: read as windows-1252, valid UTF-8 kept"
t_get 3.title '"Stray ÿþ bytes"' "bad bytes: every byte stays a character"
t_get 4.title '"After"' "bad bytes: later items intact"
t_has "$errs" "bytes.xml:3: bytes that are not UTF-8" "bad bytes: warning names the line"

# Control characters and ESC sequences never come out, in any field
printf '<rss><channel><title>Ctl\033[2J\033]0;pwned\007 feed</title>\n<item><title>Red\033[31m text\001\002</title><description>&lt;p&gt;Esc\033[0m &amp;#27;[1m &#x85;next&#133;line &amp;#x1b;&lt;/p&gt;</description><author>A\tB\r\nC\177D</author><link>http://ctl.example/\033x</link></item></channel></rss>\n' > "$D/ctl.xml"
parse "$D/ctl.xml"
t_eq "$rc" 0 "controls: exit 0"
t_hasnt "$out" "$(printf '\033')" "controls: no raw ESC in the output"
t_hasnt "$out" '\u001b' "controls: no escaped ESC in the JSON"
t_hasnt "$out" '\u0001' "controls: no C0 controls"
t_hasnt "$out" '\u0007' "controls: no BEL"
t_hasnt "$out" "$(printf '\302\205')" "controls: no C1 (NEL) characters"
t_hasnt "$out" '\u007f' "controls: no DEL"
t_hasnt "$out" "$(printf '\177')" "controls: no raw DEL"
t_get 1.title '"Ctl[2J]0;pwned feed"' "controls: title text kept without controls"
t_get 2.title '"Red[31m text"' "controls: item title"
t_has "$(get 2.summary)" "…next…line" "controls: C1 from character references read as windows-1252 (as feedparser), never as controls"
t_get 2.author '"A B CD"' "controls: author on one line, DEL removed"

# Bidi controls (overrides, isolates, marks; issue 12) are cleaned out of every field too,
# so that a title, a link or a summary is stored and shown in its own order
RLO='\342\200\256' LRI='\342\201\246' PDI='\342\201\251' RLM='\342\200\217' ALM='\330\234' BOM='\357\273\277'
printf "<rss><channel><title>Dyke${RLO} Watch</title>\n<item><title>Warden ${LRI}Ansel Brook${PDI} retires ${RLO}fdp.exe</title><description>&lt;p&gt;Forty${RLM} winters${ALM} on the${BOM} dyke.&lt;/p&gt;</description><author>Ansel${RLO} Brook</author><link>http://dyke-watch.example/warden${RLO}lmth.html</link></item></channel></rss>\n" > "$D/bidi.xml"
parse "$D/bidi.xml"
t_eq "$rc" 0 "bidi: exit 0"
for c in "RLO:$RLO" "LRI:$LRI" "PDI:$PDI" "RLM:$RLM" "ALM:$ALM" "BOM:$BOM"; do
	t_hasnt "$out" "$(printf "${c#*:}")" "bidi: no ${c%%:*} in the output"
done
t_get 1.title '"Dyke Watch"' "bidi: the feed's title, in its order"
t_get 2.title '"Warden Ansel Brook retires fdp.exe"' "bidi: the item's title, in its order"
t_get 2.link '"http://dyke-watch.example/wardenlmth.html"' "bidi: the link"
t_get 2.author '"Ansel Brook"' "bidi: the author"
t_has "$(get 2.summary)" "Forty winters on the dyke." "bidi: the summary"

# Encodings: whatever the declaration or BOM says, out as UTF-8
enc_feed() { # ENCODING TEXT -> file
	printf '<?xml version="1.0" encoding="%s"?>\n<rss version="2.0"><channel><title>%s</title><item><title>%s</title></item></channel></rss>\n' \
		"$1" "$1" "$2" | iconv -f UTF-8 -t "$1" > "$D/enc-$1.xml"
}
check_enc() { # ENCODING TEXT
	enc_feed "$1" "$2"
	parse "$D/enc-$1.xml"
	t_get 2.title "\"$2\"" "encoding $1"
}
check_enc windows-1252 "Café “Lumière” – naïve"
check_enc windows-1251 "Новости Заречья"
check_enc KOI8-R "Новости Заречья"
check_enc ISO-8859-2 "Zażółć gęślą"
check_enc ISO-8859-7 "Νέα της πόλης"
check_enc Shift_JIS "港町の新聞"
check_enc EUC-JP "港町の新聞"
check_enc GB2312 "河边新闻"
check_enc GBK "河边新闻"
check_enc GB18030 "河边新闻"
check_enc Big5 "河邊新聞"
check_enc EUC-KR "강변 소식"
check_enc UTF-16 "Ünïcödé ☂"
check_enc UTF-16BE "Ünïcödé ☂"
check_enc UTF-32 "Ünïcödé ☂"
# EBCDIC, found from the first bytes
printf '<?xml version="1.0" encoding="cp037"?>\n<rss><channel><item><title>Pier notes</title></item></channel></rss>\n' | iconv -f UTF-8 -t CP037 > "$D/ebcdic.xml"
parse "$D/ebcdic.xml"
t_get 2.title '"Pier notes"' "encoding EBCDIC (cp037)"
# Latin-1 read as browsers do (windows-1252 for 0x80-0x9F)
printf '<?xml version="1.0" encoding="iso-8859-1"?>\n<rss><channel><item><title>\223Gr\374\337e\224</title></item></channel></rss>' > "$D/latin1.xml"
parse "$D/latin1.xml"
t_get 2.title '"“Grüße”"' "encoding ISO-8859-1 read as windows-1252"
# UTF-8 with a BOM
printf '\357\273\277<?xml version="1.0"?><rss><channel><item><title>B\303\266m</title></item></channel></rss>' > "$D/bom.xml"
parse "$D/bom.xml"
t_get 2.title '"Böm"' "UTF-8 BOM"
# An encoding nobody knows: tried sensibly (valid UTF-8 stays UTF-8, else windows-1252)
printf '<?xml version="1.0" encoding="x-riverbank"?>\n<rss><channel><item><title>Caf\351</title></item></channel></rss>' > "$D/unk.xml"
parse "$D/unk.xml"
t_eq "$rc" 0 "unknown encoding: exit 0"
t_get 2.title '"Café"' "unknown encoding: Latin bytes read as windows-1252"
t_has "$errs" 'unknown encoding "x-riverbank"' "unknown encoding: warning"
printf '<?xml version="1.0" encoding="utf8"?>\n<rss><channel><item><title>Caf\303\251</title></item></channel></rss>' > "$D/utf8.xml"
parse "$D/utf8.xml"
t_get 2.title '"Café"' "encoding alias utf8"
# declared UTF-16 but written in ASCII/UTF-8
printf '<?xml version="1.0" encoding="UTF-16"?>\n<rss><channel><item><title>Caf\303\251</title></item></channel></rss>' > "$D/lie16.xml"
parse "$D/lie16.xml"
t_get 2.title '"Café"' "UTF-16 declared on a UTF-8 document"

# Blank lines or junk before the first tag
printf '\n\n  <?xml version="1.0" encoding="windows-1252"?>\n<rss><channel><item><title>caf\351</title></item></channel></rss>' > "$D/lead.xml"
parse "$D/lead.xml"
t_get 2.title '"café"' "white space before the XML declaration: skipped, encoding still read"
printf 'junk\n<rss><channel><item><title>after junk</title></item></channel></rss>' > "$D/junk.xml"
parse "$D/junk.xml"
t_eq "$rc" 0 "junk before the root: still a feed"
t_get 2.title '"after junk"' "junk before the root: skipped"

# Not a feed: exit 1, the message names the file
printf '<!DOCTYPE html><html><head><title>x</title></head><body><p>A page</p></body></html>' > "$D/page.html"
parse "$D/page.html"
t_eq "$rc" 1 "html page: exit 1"
t_has "$errs" "page.html" "html page: message names the file"
t_eq "$out" "" "html page: nothing on stdout"
head -c 4096 /dev/urandom > "$D/random.bin" 2>/dev/null || dd if=/dev/urandom of="$D/random.bin" bs=4096 count=1 2>/dev/null
parse "$D/random.bin"
t_eq "$rc" 1 "random bytes: exit 1"
t_has "$errs" "random.bin" "random bytes: message names the file"
: > "$D/empty.xml"
parse "$D/empty.xml"
t_eq "$rc" 1 "empty file: exit 1"
t_has "$errs" "empty.xml" "empty file: message names the file"
# HTML written raw into a description: <br> and <img> never close in HTML; the items
# after them still come out, and an XHTML <br></br> is left as it is
cat > "$D/rawhtml.xml" <<'XML'
<rss version="2.0"><channel><title>Ferrymead Log</title><link>http://ferry.example/</link>
<item><title>Crossing one</title><link>http://ferry.example/1</link>
<description>Calm water<br>Fog by noon<BR/><img src="/f.jpg" alt="a > b"> <hr></description></item>
<item><title>Crossing two</title><link>http://ferry.example/2?a=1&b=2</link>
<description>Two lines<br><img alt='x' src="/g.jpg?w=1&h=2"></description>
<enclosure url="http://ferry.example/2.mp3" length="9" type="audio/mpeg"/></item>
</channel></rss>
XML
parse "$D/rawhtml.xml"
line() { printf '%s\n' "$out" | sed -n "$1p"; }
t_eq "$rc" 0 "raw html: exit 0"
t_hasnt "$errs" "mismatch" "raw html: no tag is mismatched"
t_has "$(line 2)" '"summary":"Calm water<br />Fog by noon<br /><img src=\"/f.jpg\" alt=\"a &gt; b\" /> <hr />"' "raw html: <br>, <img> and <hr> closed"
l=$(line 3)
t_has "$l" '"title":"Crossing two","link":"http://ferry.example/2?a=1&b=2"' "raw html: the next item comes out whole"
t_has "$l" '<img alt=\"x\" src=\"/g.jpg?w=1&amp;h=2\" />' "raw html: a bare & inside the img tag is still repaired"
t_has "$l" '"enclosures":[{"url":"http://ferry.example/2.mp3"' "raw html: the item's enclosure is kept"
# An element left open in raw HTML (<p>, <b>): the description's end tag closes the
# description and what is open inside it, and every later end tag its own element
cat > "$D/unclosed.xml" <<'XML'
<rss version="2.0"><channel><title>Tarn Weekly</title>
<item><title>First</title><link>http://tarn.example/1</link>
<description>Opening <p>the <b>boathouse</description><category>Lake</category></item>
<item><title>Second</title><link>http://tarn.example/2</link></item>
</channel></rss>
XML
parse "$D/unclosed.xml"
t_eq "$rc" 0 "unclosed: exit 0"
t_has "$errs" "unclosed.xml:3: Opening and ending tag mismatch" "unclosed: the mismatch is warned about, with its line"
l=$(line 2)
t_has "$l" '"summary":"Opening <p>the <b>boathouse</b></p>"' "unclosed: the description ends at its own end tag"
t_has "$l" '"categories":["Lake"]' "unclosed: the element after it belongs to the item"
t_has "$(line 3)" '"title":"Second","link":"http://tarn.example/2"' "unclosed: the next item comes out whole"
t_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "unclosed: a feed line and two items"
cat > "$D/xhtml-br.xml" <<'XML'
<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title><id>x</id>
<entry><title>E</title><id>e</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a<br></br>b<img src="http://x.example/i.png"></img></div></content></entry>
<entry><title>F</title><id>f</id></entry></feed>
XML
parse "$D/xhtml-br.xml"
t_hasnt "$errs" "mismatch" "xhtml <br></br>: no mismatch"
t_has "$(line 2)" '"content":"a<br />b<img src=\"http://x.example/i.png\" />"' "xhtml <br></br> read as one line break"
t_has "$(line 3)" '"title":"F"' "xhtml <br></br>: the next entry comes out"
parse "$D/does-not-exist.xml"
t_eq "$rc" 1 "missing file: exit 1"
t_has "$errs" "does-not-exist.xml" "missing file: message names the file"
t_done
