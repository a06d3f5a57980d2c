#!/bin/sh
# Text: entities, xml:base, sanitising of the HTML that reaches the renderer.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/feed_lib.sh"
nbsp=$(printf '\302\240')

# HTML named entities in a feed without a DTD decode as a browser would
parse "$F/entities.xml"
t_eq "$rc" 0 "entities: exit 0"
t_get 1.title '"Café Terrasse — Menu du jour"' "entities: &eacute; &mdash; in a title, &nbsp; a plain space there"
t_get 1.link '"http://terrasse.example/?a=1&b=2"' "entities: &amp; in a link"
t_get 1.description '"Ouvert de 8h à 22h … © Lucie Brun"' "entities: &agrave; &hellip; &copy;"
t_get 2.title "\"Crème brûlée & café — 'tonight' \\\"only\\\"\"" "entities: named, numeric, hex, &apos; &quot;"
t_get 2.link '"http://terrasse.example/menu?dish=crème&size=2"' "entities: HTML entity inside a link"
t_get 2.summary "\"<p title=\\\"Café\\\">Sweet &amp; warm${nbsp}— €5</p>\"" "entities: double-escaped HTML decoded once, markup entities kept"
t_get '2.categories[0]' '"Desserts & café"' "entities: in a category"
t_get '2.enclosures[0].url' '"http://terrasse.example/a.mp3?x=1&y=é"' "entities: HTML entity in an attribute"
t_get 3.title '"Double-escaped: Café & Bar"' "entities: double-escaped title shown as text"
t_hasnt "$errs" "eacute" "entities: known HTML names are no warning"

# An RSS 0.91 feed naming Netscape's DTD: not fetched, its entities answered anyway
parse "$F/rss091-dtd.xml"
t_eq "$rc" 0 "rss091 with DTD: exit 0"
t_get 1.title '"Café &unheardof; & Bar"' "rss091 with DTD: HTML entity decoded, unknown kept"
t_get 2.title '"x — y"' "rss091 with DTD: &mdash;"
t_get 2.link '"http://a.example/?a=1&b=é"' "rss091 with DTD: entities in a link"

# xml:base, with the item's own base, for links and links inside HTML
parse "$F/xmlbase.xml"
t_get 1.link '"http://dunmore.example/news/index.html"' "xml:base: channel link"
t_get 2.link '"http://dunmore.example/news/2024/bridge.html"' "xml:base: item base on top of the channel's"
t_get '2.enclosures[0].url' '"http://dunmore.example/news/2024/audio/bridge.mp3"' "xml:base: enclosure url"
s=$(get 2.summary)
t_has "$s" 'href=\"http://dunmore.example/news/photos/bridge.html\"' "xml:base: <a href> in HTML resolved"
t_has "$s" 'src=\"http://dunmore.example/news/2024/img/b.jpg\"' "xml:base: <img src> in HTML resolved"
t_has "$s" 'href=\"http://cdn.dunmore.example/x\"' "xml:base: scheme-relative link"
t_get 3.link '"http://dunmore.example/about"' "xml:base: absolute path against the channel's base"

# --base gives the document's URL: what xml:base leaves relative resolves against it
printf '<rss><channel><link>/home</link><item><title>r</title><link>news/1.html</link><description>&lt;a href="x.html"&gt;x&lt;/a&gt;</description></item></channel></rss>' > "$T_TMP/rel.xml"
out=$("$CRIER" --parse "$T_TMP/rel.xml" --base http://harbour.example/feeds/main.xml 2>/dev/null)
t_has "$out" '"link":"http://harbour.example/home"' "--base: channel link resolved"
t_has "$out" '"link":"http://harbour.example/feeds/news/1.html"' "--base: item link resolved"
t_has "$out" 'href=\"http://harbour.example/feeds/x.html\"' "--base: link inside HTML resolved"
out=$("$CRIER" --parse "$T_TMP/rel.xml" 2>/dev/null)
t_has "$out" '"link":"news/1.html"' "no --base: a relative link stays relative"

# Atom: xml:base on feed and content (atom10.xml)
parse "$F/atom10.xml"
t_get 1.image '"http://quill.example/blog/logo.png"' "xml:base: atom logo"
t_has "$(get 2.content)" 'src=\"http://quill.example/blog/posts/l.png\"' "xml:base: nested base on atom content"

# Atom xhtml content: the wrapper div goes, even with white space around it
printf '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content type="xhtml">\n   <div xmlns="http://www.w3.org/1999/xhtml">\n<p>Hello <b>there</b></p>\n</div>\n</content></entry></feed>' > "$T_TMP/xd.xml"
parse "$T_TMP/xd.xml"
t_get 2.content '"<p>Hello <b>there</b></p>"' "xhtml content: wrapper div and white space dropped"
printf '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>q</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><a href="/s?a=1&amp;b=2" title='"'"'say "hi" &lt;now&gt;'"'"'>s</a></div></content></entry></feed>' > "$T_TMP/xq.xml"
parse "$T_TMP/xq.xml"
t_get 2.content '"<a href=\"/s?a=1&amp;b=2\" title=\"say &quot;hi&quot; &lt;now&gt;\">s</a>"' "xhtml content: attribute values with quotes, & and < re-escaped"

# Sanitising: what reaches the renderer cannot run anything
parse "$F/sanitize.xml"
s=$(get 2.summary)
t_has "$s" '<p class=\"lead\">Kept text' "sanitise: safe markup and text kept"
t_hasnt "$s" "SCRIPT-RAN" "sanitise: script dropped with its content"
t_hasnt "$s" "STYLE-RAN" "sanitise: style dropped with its content"
t_hasnt "$s" "<iframe" "sanitise: iframe dropped"
t_hasnt "$s" "IFRAME-TEXT" "sanitise: iframe content dropped"
t_hasnt "$s" "<object" "sanitise: object dropped"
t_hasnt "$s" "<embed" "sanitise: embed dropped"
t_hasnt "$s" "<form" "sanitise: form dropped"
t_hasnt "$s" "<input" "sanitise: input dropped"
t_hasnt "$s" "BUTTON-TEXT" "sanitise: button dropped"
t_has "$s" "Form text" "sanitise: a form's text stays"
t_hasnt "$s" "onclick" "sanitise: onclick dropped"
t_hasnt "$s" "onerror" "sanitise: onerror dropped"
t_hasnt "$s" "onmouseover" "sanitise: onmouseover dropped"
t_hasnt "$s" "style=" "sanitise: style attribute dropped"
t_hasnt "$s" "javascript" "sanitise: javascript: URLs dropped (any case, leading space)"
t_hasnt "$s" "JaVaScRiPt" "sanitise: mixed-case javascript: dropped"
t_hasnt "$s" "alert(3)" "sanitise: java<tab>script: dropped"
t_hasnt "$s" "vbscript" "sanitise: vbscript: dropped"
t_hasnt "$s" "data:text/html" "sanitise: data: URL dropped"
t_has "$s" 'src=\"data:image/png;base64,iVBORw0KGgo=\"' "sanitise: data:image kept"
t_has "$s" '<a href=\"http://cellar.example/ok\">ok link</a>' "sanitise: an ordinary link kept"
t_hasnt "$s" "<!--" "sanitise: comments dropped"
t_hasnt "$s" "<blink" "sanitise: unknown element's tag dropped"
t_has "$s" "blink text" "sanitise: unknown element's text kept"
t_done
