#!/bin/sh
# crier --parse reads feeds as feedparser (the reference other readers are compared
# with) does, on the cases where crier used to differ: one test per general cause.
. "$top_srcdir/tests/lib.sh"
F=$top_srcdir/tests/fixtures/feeds/conform

parse() { out=$("$CRIER" --parse "$1" 2>"$T_TMP/err"); rc=$?; errs=$(cat "$T_TMP/err"); }
line() { printf '%s\n' "$out" | sed -n "$1p"; }

# Atom text constructs of other media types are base64 (RFC 4287 4.1.3.3)
parse "$F/atom-types.xml"
t_eq "$rc" 0 "atom types: exit 0"
l=$(line 2)
t_has "$l" '"content":"The quarry at Hollin Cross reopens on Monday"' "atom: application/octet-stream content is base64"
t_has "$l" '"content_type":"text"' "atom: decoded binary content is kept as text"
t_has "$l" '"summary":"<p>Short</p>"' "atom: text/html summary read as HTML"
t_has "$l" '"updated":1265169906' "atom: of two <updated>, the last wins"
t_has "$l" '"id":"https://quarrytown.example/news/entries/41"' "atom: a relative id resolved against xml:base"
t_has "$(line 1)" '"link":"https://quarrytown.example/"' "atom: a feed link written as element text"
l=$(line 3)
t_has "$l" '"link":"https://quarrytown.example/lanterns"' "atom: an entry link written as element text"
t_has "$l" '"content":"<p>Lanterns over <b>Port Aveline</b></p>"' "atom 0.3: base64 HTML content"

# Namespaces: other capitalisation, undeclared well-known prefixes, categories, images
parse "$F/namespaces.xml"
t_eq "$rc" 0 "namespaces: exit 0"
l=$(line 1)
t_has "$l" '"language":"en-US"' "en_US written as the language tag en-US"
t_has "$l" '"image":"https://mirelund-radio.example/art.png"' "a channel media:thumbnail is the feed image"
l=$(line 2)
t_has "$l" '"categories":["Society & Culture","Weather"]' "itunes:category (PodCast-1.0.dtd capitalisation) and media:category"
t_has "$l" '"author":"Asa Lind"' "dc:author read, with dc: undeclared"
t_has "$l" '"duration":600' "itunes duration under the capitalised namespace"
t_has "$errs" "namespaces.xml:14: prefix dc: used without a namespace declaration, read as Dublin Core" "the undeclared prefix is warned about, with its line"
parse "$F/itunes-image.xml"
t_has "$(line 1)" '"image":"https://kettleford.example/cover.jpg"' "a channel itunes:image is the feed image"

# Characters: C1 controls and &#146; as windows-1252, uppercase &#X41;
parse "$F/c1.xml"
t_eq "$rc" 0 "c1: exit 0"
l=$(line 2)
t_has "$l" '"title":"It’s here ’now’ AB"' "C1 bytes and &#146; read as windows-1252; &#X41; decoded"
t_has "$l" '"summary":"Price €5 ☺"' "&#128; is the euro sign; &#X263A; decoded"

# Encodings: Mac code pages and EBCDIC by the names feeds use
parse "$F/mac-roman.xml"
t_has "$(line 2)" '"title":"Crème — brûlée"' "x-mac-roman"
parse "$F/mac-cyrillic.xml"
t_has "$(line 1)" '"title":"Нова Липа"' "x-mac-cyrillic"
parse "$F/ebcdic.xml"
t_eq "$rc" 0 "ebcdic: exit 0"
t_has "$(line 1)" '"title":"Port Aveline [harbour] !"' "EBCDIC: the declared code page (ebcdic-cp-be) is used"
t_has "$(line 2)" '"title":"Tides | nets"' "EBCDIC: IBM500 punctuation"
# Inline SVG and MathML: kept (sanitised), never an empty field
parse "$F/markup-atom.xml"
t_eq "$rc" 0 "markup atom: exit 0"
l=$(line 2)
t_has "$l" '"content":"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\" viewBox=\"0 0 40 20\"><circle cx=\"10\" cy=\"10\" r=\"5\" fill=\"blue\"></circle><a><text x=\"2\" y=\"18\">Low water</text></a></svg>"' "xhtml: inline SVG kept, its script, handler and javascript: link gone"
t_hasnt "$l" 'alert' "xhtml: nothing of the SVG's scripts is left"
t_has "$(line 3)" '"content":"<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mi>h</mi><mo>=</mo><msup><mi>a</mi><mn>2</mn></msup></math>"' "xhtml: inline MathML kept"
l=$(line 4)
t_has "$l" '"title":"Wrecks of the Ossel bank"' "a title that is only an <img> is its alt text"
t_has "$l" '"content":"<p>Ossel bank <b>surveyed</b></p>"' "type=html: escaped HTML inside a literal <div> is read as HTML"
l=$(line 5)
t_has "$l" '"title":"<!-- draft -->Harbour dues"' "atom type=text starting with <! is text as written"
t_has "$l" '"link":"https://saltmarsh.example/news/stra%C3%9Fe/k%C3%B6ln%20pl%C3%A4tze.html?q=gr%C3%BCn#s%C3%BCd"' "a relative link with non-ASCII characters resolved and percent-encoded"
t_has "$l" '"summary":"<p>New dues from May</p>"' "html starting with <!DOCTYPE keeps its text"

parse "$F/markup-rss.xml"
t_eq "$rc" 0 "markup rss: exit 0"
l=$(line 2)
t_has "$l" '"title":"Fenwick & the mill"' "rss: an <img> title in CDATA is its alt text, decoded once"
t_has "$l" '"summary":"<p>Mill <b>reopens</b></p>"' "rss: escaped HTML inside a literal <div> is read as HTML"
t_has "$l" '"content":"<p>A sum: <math><mi>x</mi><mo>+</mo><mn>1</mn></math> stays</p>"' "rss: MathML in content:encoded kept"
t_has "$l" '"author":"Mara & Olle Dahl"' "rss: a CDATA author decoded once"
l=$(line 3)
t_has "$l" '"title":"<!important> notice for the quay"' "rss: a title starting with <! that is no markup stays"
t_has "$l" '"author":"Edda Lund <edda@fenwick.example>"' "rss: an author's <address> is not a tag"
t_has "$l" '"link":"https://fenwick.example/a/%C3%BCnter%20wegs?f%C3%BCr=%C3%96lbach"' "rss: relative non-ASCII link against xml:base"
t_has "$(line 4)" '"summary":"<svg width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" /></svg>"' "rss: an SVG-only description is not empty"
t_done
