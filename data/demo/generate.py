#!/usr/bin/env python3
# Writes the demo publication (pages/*.html, feeds/*.xml, images/*.svg, style.css is
# hand-written) from stories.py. Run from this directory after editing the stories:
#     python3 generate.py
# The pages imitate a real news site on purpose: navigation, share bar, newsletter box,
# comments, footer and cookie banner around the article, and figures whose captions and
# credits are marked up in several different ways, so that crier's extractor meets in the
# demo what it meets on the web.
import html
import json
import os
from datetime import datetime, timezone

from stories import FEEDS, SITE, STORIES

HERE = os.path.dirname(os.path.abspath(__file__))
BY_SLUG = {s["slug"]: s for s in STORIES}


def E(text, quote=False):
    return html.escape(text, quote=quote)


def when(story):
    return datetime.strptime(story["date"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def long_date(story):
    d = when(story)
    return d.strftime("%A ") + str(d.day) + d.strftime(" %B %Y, %H:%M")


def img_tag(name, alt):
    return '<img src="../images/%s.svg" width="800" height="450" alt="%s" loading="lazy">' % (name, E(alt or "", quote=True))


def figure(story, n):
    style = story["figstyle"]
    fig = story["figures"][n]
    name, caption = fig[0], fig[1]
    credit = fig[2] if len(fig) > 2 else None
    if style == "mixed-long":
        style = ["figure-span-credit", "caption-photo-by", "illustration-name-only"][n]
    if style == "figure-span-credit":
        return ('<figure class="photo">\n  %s\n  <figcaption>%s <span class="credit">%s</span></figcaption>\n</figure>'
                % (img_tag(name, ""), E(caption), E(credit)))
    if style == "figure-span-credit-dup-alt":
        # The caption twice: as alt text and as the visible caption.
        return ('<figure class="photo wide">\n  %s\n  <figcaption><span class="caption-text">%s</span> <span class="credit">%s</span></figcaption>\n</figure>'
                % (img_tag(name, caption), E(caption), E(credit)))
    if style == "caption-photo-by":
        # The credit written inside the caption: "(Photo by X/Agency)".
        return ('<figure>\n  %s\n  <figcaption>%s</figcaption>\n</figure>' % (img_tag(name, ""), E(caption)))
    if style == "p-caption-photo":
        # No <figure>: a div, and a caption paragraph ending "Photo: X".
        return ('<div class="image-block">\n  %s\n  <p class="caption">%s</p>\n</div>' % (img_tag(name, caption.split(" Photo:")[0]), E(caption)))
    if style == "figure-small-credit":
        return ('<figure class="inline-photo">\n  %s\n  <figcaption>\n    <p>%s</p>\n    <small class="photo-credit">%s</small>\n  </figcaption>\n</figure>'
                % (img_tag(name, ""), E(caption), E(credit)))
    if style == "illustration-name-only":
        # An illustration: the artist's name and nothing else, outside the figcaption.
        return ('<figure class="illustration">\n  %s\n  <figcaption>%s</figcaption>\n  <p class="illustrator">%s</p>\n</figure>'
                % (img_tag(name, ""), E(caption), E(credit)))
    if style == "jsonld":
        if caption is None:
            # The lead photo: its caption and credit live only in the page's JSON-LD.
            return '<div class="lead-image">\n  %s\n</div>' % img_tag(name, "")
        return ('<figure class="photo">\n  %s\n  <figcaption>%s <span class="credit">%s</span></figcaption>\n</figure>'
                % (img_tag(name, ""), E(caption), E(credit)))
    raise ValueError(style)


def body_html(story):
    out, in_list = [], False
    for block in story["body"]:
        if isinstance(block, tuple):
            item = None
        else:
            item = block[2:] if block.startswith("- ") else None
        if item is not None and not in_list:
            out.append("<ul>")
            in_list = True
        if item is None and in_list:
            out.append("</ul>")
            in_list = False
        if isinstance(block, tuple):
            out.append(figure(story, block[1]))
        elif item is not None:
            out.append("  <li>%s</li>" % item)
        elif block.startswith("## "):
            out.append("<h2>%s</h2>" % block[3:])
        elif block.startswith("> "):
            out.append("<blockquote><p>%s</p></blockquote>" % block[2:])
        else:
            out.append("<p>%s</p>" % block)
    if in_list:
        out.append("</ul>")
    # The newsletter box interrupts the article, as it does on real sites.
    at = min(len(out) - 1, max(3, len(out) // 2))
    out.insert(at, NEWSLETTER)
    return "\n".join(out)


NEWSLETTER = """<aside class="newsletter" aria-label="Newsletter">
  <h3>The Tide Table</h3>
  <p>Kelderwick's news in your inbox every morning, before the first ferry.</p>
  <form action="#" onsubmit="return false"><input type="email" placeholder="you@example.org" aria-label="Email address"> <button type="submit">Sign up</button></form>
</aside>"""

MASTHEAD = """<a class="skip" href="#main">Skip to content</a>
<div class="topbar"><span class="weather">Kelderwick 9&#176;C, showers &middot; High tide 14:52</span> <a href="#">Sign in</a> <a href="#" class="subscribe">Subscribe from &#163;1 a week</a></div>
<header class="masthead">
  <p class="logo"><a href="index.html">The Kelderwick Lantern</a></p>
  <p class="motto">Lighting up the Sallow estuary since 1889</p>
  <nav class="site-nav" aria-label="Sections">
    <ul>
      <li><a href="index.html">Home</a></li>
      <li><a href="index.html#news">News</a></li>
      <li><a href="index.html#life">Arts &amp; Life</a></li>
      <li><a href="index.html#outdoors">Outdoors &amp; Sport</a></li>
      <li><a href="#">Tide times</a></li>
      <li><a href="#">Notices</a></li>
      <li><a href="#">Puzzles</a></li>
    </ul>
  </nav>
</header>
<div class="ad ad-leaderboard" aria-hidden="true">ADVERTISEMENT &middot; Pryde &amp; Daughters Chandlery, Quay Square: rope, paint and good advice since 1954</div>"""

FOOTER = """<footer class="site-footer">
  <p class="logo-small">The Kelderwick Lantern</p>
  <ul class="footer-links">
    <li><a href="#">About us</a></li><li><a href="#">Contact the newsroom</a></li><li><a href="#">Corrections</a></li>
    <li><a href="#">Advertise</a></li><li><a href="#">Privacy</a></li><li><a href="#">Cookie settings</a></li>
  </ul>
  <p class="legal">&#169; 2026 Lantern Press Ltd, 4 Ropewalk Lane, Kelderwick. A demonstration publication: the town, its people and its news are invented.</p>
</footer>
<div class="cookie-banner" role="dialog" aria-label="Cookies"><p>We use one cookie, to remember that you signed in. That is all.</p><button type="button">OK</button></div>"""


def teaser_list(slugs, with_images=False):
    items = []
    for slug in slugs:
        s = BY_SLUG[slug]
        pic = ""
        if with_images:
            f = s["figures"][0] if s["figures"][0][1] else s["jsonld_image"]
            cap = f[1].split(" (Photo by")[0].split(" Photo:")[0]
            cred = f[2] if len(f) > 2 and f[2] else None
            pic = '\n      <figure class="thumb">%s<figcaption>%s%s</figcaption></figure>' % (
                '<img src="../images/%s.svg" width="160" height="90" alt="">' % f[0], E(cap),
                ' <span class="credit">%s</span>' % E(cred) if cred else "")
        items.append('    <li class="teaser">%s\n      <a href="%s.html">%s</a>\n      <p>%s</p>\n    </li>'
                     % (pic, slug, E(s["title"]), E(s["teaser"])))
    return "\n".join(items)


def jsonld(story):
    d = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story["title"],
        "datePublished": story["date"],
        "author": [{"@type": "Person", "name": story["author"]}],
        "publisher": {"@type": "NewsMediaOrganization", "name": SITE},
        "description": story["teaser"],
    }
    if "jsonld_image" in story:
        name, cap, cred = story["jsonld_image"]
        d["image"] = {"@type": "ImageObject", "url": "../images/%s.svg" % name,
                      "caption": cap, "creditText": cred}
    return json.dumps(d, ensure_ascii=False, indent=1)


def page(story):
    title = E(story["title"], True)
    iso = story["date"]
    role = ', <span class="role">%s</span>' % E(story["role"]) if story["role"] else ""
    by = "By " if not story["author"].startswith("Ottilie") else ""
    # Some sites put a small photo, with its own caption and credit, on each teaser.
    more = teaser_list(story["more"], with_images=STORIES.index(story) % 3 == 0)
    related = ""
    if story["related"]:
        related = """<aside class="related">
  <h2>Related</h2>
  <ul>
%s
  </ul>
</aside>
""" % teaser_list(story["related"])
    # The headline, standfirst, byline and share bar: inside the <article>, or (as some
    # sites lay a story out) in a wide box of their own above it.
    head = """  <p class="kicker"><a href="index.html#%(feed)s">%(section)s</a></p>
  <h1 class="headline">%(title)s</h1>
  <p class="standfirst">%(standfirst)s</p>
  <div class="byline"><span class="author">%(by)s<a rel="author" href="#">%(author)s</a></span>%(role)s
    <time datetime="%(iso)s">%(longdate)s</time></div>
  <div class="share-bar" aria-label="Share"><span>Share this story</span> <a href="#">Email</a> <a href="#">Mastodon</a> <a href="#">Bluesky</a> <a href="#">Copy link</a> <button type="button">Print</button></div>
""" % dict(title=title, author=E(story["author"], True), iso=iso, section=E(story["section"]),
           feed=story["feed"], standfirst=E(story["standfirst"]), by=by, role=role,
           longdate=long_date(story))
    above = story.get("head") == "above"
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%(title)s | The Kelderwick Lantern</title>
<meta name="description" content="%(teaser)s">
<meta name="author" content="%(author)s">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Kelderwick Lantern">
<meta property="og:title" content="%(title)s">
<meta property="og:description" content="%(teaser)s">
<meta property="article:published_time" content="%(iso)s">
<meta property="article:section" content="%(section)s">
<link rel="stylesheet" href="../style.css">
<script type="application/ld+json">
%(jsonld)s
</script>
</head>
<body>
%(masthead)s
<main id="main">
%(head)s<article class="story">
%(inhead)s  <div class="story-body">
%(body)s
  </div>
  <p class="topics">Topics: <a href="#">%(section)s</a> <a href="#">Kelderwick</a> <a href="#">Sallow estuary</a></p>
</article>
<section class="more-from">
  <h2>More from The Kelderwick Lantern</h2>
  <ul>
%(more)s
  </ul>
</section>
%(related)s<section class="comments">
  <h2>Comments</h2>
  <p>Comments are open to subscribers. <a href="#">Sign in</a> to join the conversation, and please be kind: this is a small town.</p>
</section>
</main>
%(footer)s
</body>
</html>
""" % dict(title=title, teaser=E(story["teaser"], True), author=E(story["author"], True), iso=iso,
           section=E(story["section"]), jsonld=jsonld(story).replace("</", "<\\/"), masthead=MASTHEAD,
           feed=story["feed"], standfirst=E(story["standfirst"]), by=by, role=role,
           longdate=long_date(story), body=body_html(story), more=more, related=related,
           footer=FOOTER, head='<header class="story-head">\n%s</header>\n' % head if above else "",
           inhead="" if above else head)


def index_page():
    parts = []
    for key, f in FEEDS.items():
        parts.append('<section id="%s" class="front-section">\n  <h2>%s</h2>\n  <ul>\n%s\n  </ul>\n</section>'
                     % (key, E(f["title"].split(": ")[1]),
                        teaser_list([s["slug"] for s in STORIES if s["feed"] == key])))
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The Kelderwick Lantern</title>
<link rel="stylesheet" href="../style.css">
</head>
<body>
%s
<main id="main" class="front">
%s
</main>
%s
</body>
</html>
""" % (MASTHEAD, "\n".join(parts), FOOTER)


def rfc822(story):
    return when(story).strftime("%a, %d %b %Y %H:%M:%S +0000")


def rss(key, f, media):
    items = []
    for s in sorted([s for s in STORIES if s["feed"] == key], key=lambda s: s["date"], reverse=True):
        extra = ""
        if media and "media" in s:
            name, cap, cred = s["media"]
            extra = """
      <media:content url="../images/%s.svg" type="image/svg+xml" medium="image">
        <media:description>%s</media:description>
        <media:credit role="photographer">%s</media:credit>
      </media:content>""" % (name, E(cap), E(cred))
        items.append("""    <item>
      <title>%s</title>
      <link>../pages/%s.html</link>
      <guid isPermaLink="false">kelderwick-lantern:%s</guid>
      <pubDate>%s</pubDate>
      <dc:creator>%s</dc:creator>
      <category>%s</category>
      <description>%s</description>%s
    </item>""" % (E(s["title"]), s["slug"], s["slug"], rfc822(s), E(s["author"]), E(s["section"]),
                 E(s["teaser"]), extra))
    ns = ' xmlns:media="http://search.yahoo.com/mrss/"' if media else ""
    return """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"%s>
  <channel>
    <title>%s</title>
    <link>../pages/index.html</link>
    <description>%s</description>
    <language>en-gb</language>
%s
  </channel>
</rss>
""" % (ns, E(f["title"]), E(f["description"]), "\n".join(items))


def atom(key, f):
    stories = sorted([s for s in STORIES if s["feed"] == key], key=lambda s: s["date"], reverse=True)
    entries = []
    for s in stories:
        entries.append("""  <entry>
    <title>%s</title>
    <link rel="alternate" type="text/html" href="../pages/%s.html"/>
    <id>tag:lantern.kelderwick.invalid,2026:%s</id>
    <published>%s</published>
    <updated>%s</updated>
    <author><name>%s</name></author>
    <category term="%s"/>
    <summary type="text">%s</summary>
  </entry>""" % (E(s["title"]), s["slug"], s["slug"], s["date"], s["date"], E(s["author"]),
                 E(s["section"], quote=True), E(s["teaser"])))
    return """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title>%s</title>
  <subtitle>%s</subtitle>
  <link rel="alternate" type="text/html" href="../pages/index.html"/>
  <id>tag:lantern.kelderwick.invalid,2026:%s</id>
  <updated>%s</updated>
%s
</feed>
""" % (E(f["title"]), E(f["description"]), key, max(s["date"] for s in stories), "\n".join(entries))


# Small drawn "photographs": a sky, a horizon and a few shapes, so the pages look right
# in a browser without shipping real photos.
SCENES = {
    "mabel": ("#9fb8c8", "#4a6a7a", "M0 300 L800 300 L800 450 L0 450Z", '<rect x="250" y="240" width="300" height="50" fill="#e8e2d0"/><rect x="330" y="200" width="70" height="40" fill="#c0392b"/>'),
    "bell": ("#d9c9a3", "#6b5a3a", "M0 380 L800 380 L800 450 L0 450Z", '<path d="M360 140 Q400 100 440 140 L460 260 L340 260Z" fill="#b8860b"/><circle cx="400" cy="272" r="12" fill="#8a6508"/>'),
    "chamber": ("#c8b8a0", "#5a4632", "M0 320 L800 320 L800 450 L0 450Z", '<rect x="60" y="180" width="680" height="40" fill="#7a5c3e"/><g fill="#3d3d4d"><circle cx="120" cy="290" r="18"/><circle cx="180" cy="290" r="18"/><circle cx="240" cy="290" r="18"/><circle cx="300" cy="290" r="18"/><circle cx="360" cy="290" r="18"/><circle cx="420" cy="290" r="18"/></g>'),
    "ledger": ("#e6dcc6", "#8a7a5a", "M0 360 L800 360 L800 450 L0 450Z", '<rect x="220" y="150" width="360" height="220" fill="#2e5e3e"/><rect x="240" y="165" width="320" height="190" fill="#f3ead3"/><line x1="400" y1="165" x2="400" y2="355" stroke="#2e5e3e" stroke-width="4"/>'),
    "bakery": ("#e9d7b5", "#7a5230", "M0 340 L800 340 L800 450 L0 450Z", '<polygon points="100,340 400,120 700,340" fill="#a0704a"/><circle cx="560" cy="300" r="40" fill="#b87333"/>'),
    "storm": ("#55606a", "#1f3340", "M0 280 Q100 230 200 280 T400 280 T600 280 T800 280 L800 450 L0 450Z", '<rect x="0" y="300" width="800" height="30" fill="#8a8a80"/><path d="M300 300 Q340 200 380 300" fill="#e0eef2" opacity="0.8"/>'),
    "tanners": ("#8d9aa3", "#4d5a52", "M0 360 L800 360 L800 450 L0 450Z", '<rect x="120" y="180" width="200" height="180" fill="#9a8a78"/><rect x="480" y="180" width="200" height="180" fill="#a89a86"/><g fill="#c9b98f"><rect x="170" y="330" width="40" height="30"/><rect x="530" y="330" width="40" height="30"/></g>'),
    "bridge": ("#b7d0e0", "#5d8a6a", "M0 330 L800 330 L800 450 L0 450Z", '<path d="M40 300 Q400 180 760 300" stroke="#2f6b3a" stroke-width="14" fill="none"/>'),
    "teahouse": ("#d8c8b0", "#6a4a32", "M0 350 L800 350 L800 450 L0 450Z", '<rect x="200" y="120" width="400" height="230" fill="#c9b8a0"/><circle cx="400" cy="300" r="34" fill="#7a4a2a"/><rect x="380" y="250" width="8" height="20" fill="#7a4a2a"/>'),
    "choir": ("#f0b070", "#c98a5a", "M0 310 L800 310 L800 450 L0 450Z", '<g fill="#2d2d3a"><rect x="200" y="250" width="14" height="60"/><rect x="240" y="245" width="14" height="65"/><rect x="280" y="252" width="14" height="58"/><rect x="320" y="248" width="14" height="62"/><rect x="360" y="250" width="14" height="60"/><rect x="560" y="240" width="16" height="70"/></g>'),
    "stage": ("#1d1d2a", "#3a2a20", "M0 360 L800 360 L800 450 L0 450Z", '<ellipse cx="400" cy="360" rx="260" ry="30" fill="#f5e6a8" opacity="0.5"/><rect x="360" y="240" width="24" height="120" fill="#c0c0c0"/><rect x="430" y="270" width="20" height="90" fill="#d0a0a0"/>'),
    "pie": ("#e8dcc8", "#a08060", "M0 360 L800 360 L800 450 L0 450Z", '<ellipse cx="400" cy="300" rx="220" ry="80" fill="#d49a4a"/><g stroke="#7a4a1a" stroke-width="6"><line x1="340" y1="290" x2="370" y2="270"/><line x1="390" y1="290" x2="420" y2="270"/><line x1="440" y1="290" x2="470" y2="270"/></g>'),
    "header": ("#8fb8de", "#3f8a3a", "M0 330 L800 330 L800 450 L0 450Z", '<circle cx="420" cy="120" r="16" fill="#ffffff"/><rect x="400" y="160" width="30" height="120" fill="#c8102e"/>'),
    "seals": ("#c4ccd0", "#d8c8a0", "M0 300 L800 300 L800 450 L0 450Z", '<ellipse cx="400" cy="330" rx="90" ry="35" fill="#f2f0ea"/><circle cx="470" cy="318" r="22" fill="#e6e2d8"/>'),
    "counters": ("#a8b4a0", "#6a6a4a", "M0 340 L800 340 L800 450 L0 450Z", '<rect x="250" y="200" width="300" height="140" fill="#5a4a3a"/><rect x="280" y="240" width="240" height="30" fill="#1a1a1a"/>'),
    "dawn": ("#f3c9a0", "#6a7f8a", "M0 300 L800 300 L800 450 L0 450Z", '<circle cx="620" cy="300" r="50" fill="#f7e0a0"/><rect x="150" y="240" width="16" height="60" fill="#8a8a8a"/>'),
    "lock": ("#3a4a6a", "#2a3a2a", "M0 340 L800 340 L800 450 L0 450Z", '<rect x="300" y="240" width="200" height="100" fill="#6a6a60"/><rect x="520" y="250" width="60" height="60" fill="#f2d27a"/>'),
    "map": ("#f4efe0", "#f4efe0", "M0 450 L800 450Z", '<path d="M60 380 C200 300 250 360 380 260 S600 220 740 80" stroke="#2a6a9a" stroke-width="8" fill="none"/><circle cx="60" cy="380" r="10" fill="#c0392b"/><circle cx="740" cy="80" r="10" fill="#c0392b"/>'),
}


def svg(name):
    sky, ground, path, extra = SCENES[name]
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450" width="800" height="450">'
            '<rect width="800" height="450" fill="%s"/><path d="%s" fill="%s"/>%s</svg>\n' % (sky, path, ground, extra))


def write(rel, text):
    with open(os.path.join(HERE, rel), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    for s in STORIES:
        write("pages/%s.html" % s["slug"], page(s))
    write("pages/index.html", index_page())
    for key, f in FEEDS.items():
        if f["format"] == "atom":
            write("feeds/" + f["file"], atom(key, f))
        else:
            write("feeds/" + f["file"], rss(key, f, f["format"] == "rss-media"))
    for name in SCENES:
        write("images/%s.svg" % name, svg(name))


if __name__ == "__main__":
    main()
