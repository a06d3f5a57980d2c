#!/usr/bin/env python3
"""gen_feed.py: realistic news feeds for the benchmarks (parse.sh, refresh.sh).

Items look like a news site's: 2-9 KB of HTML each (paragraphs with links and emphasis,
<figure> with <img srcset> and <figcaption>, block quotes, lists, sub-headings, named and
numeric entities, non-ASCII text), a short escaped summary, content:encoded (or Atom
content, or JSON Feed content_html), Media RSS with captions and credits, categories, and
now and then a podcast enclosure with itunes:duration. All wording is invented here: the
places, people and events do not exist. Output is deterministic for a given seed.

  gen_feed.py [--format rss|atom|json] [--items N | --bytes SIZE] [--seed S]
              [--site NAME] [-o FILE]
  gen_feed.py --feeds N --dir DIR [--items N] [--format ...]   (DIR/feed-0000.xml ...)

SIZE may end in K or M (approximate: items are added until the size is reached).
"""
import argparse
import html
import json
import re
import os
import random
import sys
from xml.sax.saxutils import escape

PLACES = ["Bench Valley", "Larrow", "Ørnvik", "Saint-Émeric", "Kettleford", "Mirelund",
          "Velasquez Point", "Dunmere", "Öster Hallby", "Castelbruna", "Hollin Cross",
          "Nová Lípa", "Quarrytown", "Port Aveline", "Zéphyr Heights", "Ashgrove"]
PEOPLE = ["Odile Marsh", "Tomasz Wierzbic", "Åsa Lindqvist", "Joaquín Ferreira",
          "Priya Raghunathan", "Zoë Abernethy", "Kwame Osei-Baffour", "Mireille Dufresne",
          "Henrik Sølvberg", "Lucía Montalbán", "Declan Fairweather", "Noor El-Amin",
          "Björn Hällström", "Chiara Bellandi", "Femi Adeyemo", "Ines Carvalhal"]
AGENCIES = ["Courier", "Valley Wire", "Northlight Images", "Lantern Press Agency",
            "Riverside Photo Desk", "Harbour Pictures"]
SECTIONS = ["Local", "Council", "Transport", "Weather", "Culture", "Sport", "Schools",
            "Health", "Business", "Environment", "Science", "Opinion"]
SUBJECTS = ["the footbridge over the Larrow", "the new tram line", "the harbour wall",
            "the winter market", "the library extension", "the flood barrier",
            "the school bus timetable", "the ferry crossing", "the old mill",
            "the cycle lanes on Quay Street", "the community orchard", "the night buses",
            "the observatory on Crane Hill", "the festival of lanterns"]
VERBS = ["approved", "delayed", "questioned", "welcomed", "rejected", "postponed",
         "celebrated", "reviewed", "funded", "redesigned", "reopened", "debated"]
BODIES = ["the council", "residents", "the harbour board", "shopkeepers", "the rail operator",
          "a group of parents", "the regional assembly", "volunteers", "the fire service",
          "engineers", "the planning committee", "fishermen"]
ADJ = ["long-awaited", "costly", "controversial", "modest", "ambitious", "overdue",
       "temporary", "much-debated", "small but welcome", "surprising"]
TIMES = ["on Tuesday", "last week", "after a three-hour meeting", "before the holidays",
         "in a late vote", "at dawn", "on Friday evening", "this morning", "over the weekend"]
QUOTES = ["We have waited long enough, and the people of {p} deserve an answer.",
          "Nobody wanted this to take so long \u2014 but the numbers have to add up.",
          "It is not perfect, but it is a start, and we will keep pushing.",
          "I cross here every morning; the difference will be enormous.",
          "The plans were drawn up in a hurry and it shows.",
          "We listened to everyone who came to the hall, and we changed the design."]
ENTITY_BITS = ["&amp;", "&nbsp;", "&eacute;", "&mdash;", "&#8217;", "&#x2014;", "&hellip;",
               "&laquo;", "&raquo;", "&euro;", "&#169;", "&ndash;", "&rsquo;", "&copy;"]


class Writer:
    def __init__(self, rnd, site, host):
        self.r = rnd
        self.site = site
        self.host = host
        self.n = 0

    def pick(self, seq):
        return self.r.choice(seq)

    def sentence(self):
        """One sentence of HTML text (with an entity reference now and then)."""
        r = self.r
        s = "%s %s %s %s %s." % (self.pick(BODIES).capitalize(), self.pick(VERBS),
                                 self.pick(SUBJECTS), "in " + self.pick(PLACES),
                                 self.pick(TIMES))
        if r.random() < 0.35:
            s = s[:-1] + ", according to %s, who called it \u201c%s\u201d." % (
                self.pick(PEOPLE), self.pick(ADJ))
        if r.random() < 0.25:
            s += " The cost is put at \u20ac%d.%d million" % (r.randint(1, 90), r.randint(0, 9))
            s += " " + self.pick(ENTITY_BITS) + " more than planned."
        return s

    def inline(self, text):
        """Text with a link or emphasis in it; text is already HTML."""
        r = self.r
        words = text.split(" ")
        if len(words) > 6 and r.random() < 0.6:
            i = r.randint(1, len(words) - 4)
            words[i] = '<a href="https://%s/news/%d/%s">%s' % (
                self.host, r.randint(1000, 99999), self.pick(SECTIONS).lower(), words[i])
            words[i + 2] = words[i + 2] + "</a>"
        if len(words) > 4 and r.random() < 0.4:
            i = r.randint(0, len(words) - 2)
            words[i] = "<em>" + words[i] + "</em>"
        if r.random() < 0.2:
            words.append("<strong>%s</strong>" % self.pick(["Update:", "Correction:", "Note:"]))
        return " ".join(words)

    def para(self):
        # sentences are HTML already: names hold no markup, the entities are meant
        sents = [self.sentence() for _ in range(self.r.randint(2, 5))]
        return "<p>" + self.inline(" ".join(sents)) + "</p>"

    def figure(self, n):
        r = self.r
        img = "https://%s/img/%d/%d" % (self.host, n, r.randint(1, 9999))
        cap = "%s %s, seen from %s" % (self.pick(SUBJECTS).capitalize(), self.pick(TIMES),
                                       self.pick(PLACES))
        credit = "%s/%s" % (self.pick(PEOPLE), self.pick(AGENCIES))
        return ('<figure class="story-image"><img src="%s-960.jpg" srcset="%s-480.jpg 480w, '
                '%s-960.jpg 960w, %s-1920.jpg 1920w" sizes="(max-width: 600px) 480px, 960px" '
                'alt="%s" width="960" height="540" loading="lazy"/><figcaption>%s '
                '<span class="credit">Photo: %s</span></figcaption></figure>'
                % (img, img, img, img, escape(cap, {'"': "&quot;"}), escape(cap), escape(credit)),
                img + "-960.jpg", cap, credit)

    def quote(self):
        q = self.pick(QUOTES).format(p=self.pick(PLACES))
        return "<blockquote><p>%s</p><cite>%s</cite></blockquote>" % (escape(q),
                                                                     escape(self.pick(PEOPLE)))

    def lst(self):
        tag = "ol" if self.r.random() < 0.3 else "ul"
        items = "".join("<li>%s</li>" % self.inline(self.sentence())
                        for _ in range(self.r.randint(3, 6)))
        return "<%s>%s</%s>" % (tag, items, tag)

    def body(self, n, target):
        """HTML of about target bytes; also the lead figure (url, caption, credit)."""
        parts = []
        fig, url, cap, credit = self.figure(n)
        parts.append(fig)
        size = len(fig)
        k = 0
        while size < target:
            k += 1
            roll = self.r.random()
            if k % 5 == 0 and roll < 0.5:
                h = "<h2>%s</h2>" % escape("What happens next for " + self.pick(PLACES))
            elif roll < 0.10:
                h = self.quote()
            elif roll < 0.17:
                h = self.lst()
            elif roll < 0.22:
                h = self.figure(n)[0]
            else:
                h = self.para()
            parts.append(h)
            size += len(h)
        return "\n".join(parts), url, cap, credit

    def item(self):
        r = self.r
        n = self.n
        self.n += 1
        title = "%s %s: %s %s" % (self.pick(SUBJECTS).capitalize(), self.pick(VERBS),
                                  self.pick(PLACES), self.pick(ADJ))
        if r.random() < 0.2:
            title += " & what it means"
        body, img, cap, credit = self.body(n, r.randint(2000, 9000))
        summary = self.para()
        day = n % 28 + 1
        return {
            "n": n, "title": title, "body": body, "summary": summary, "img": img,
            "caption": cap, "credit": credit,
            "link": "https://%s/news/%d/%s" % (self.host, 100000 + n,
                                              self.pick(SECTIONS).lower()),
            "date": "%s, %02d Mar 2024 %02d:%02d:%02d +0000" % (
                ["Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu"][day % 7], day,
                n % 24, n * 7 % 60, n * 13 % 60),
            "iso": "2024-03-%02dT%02d:%02d:%02dZ" % (day, n % 24, n * 7 % 60, n * 13 % 60),
            "author": self.pick(PEOPLE),
            "cats": r.sample(SECTIONS, r.randint(1, 3)),
            "audio": r.random() < 0.15,
            "duration": "%d:%02d:%02d" % (r.randint(0, 1), r.randint(0, 59), r.randint(0, 59)),
        }


def rss_item(it, host):
    x = ["<item>",
         "<title>%s</title>" % escape(it["title"]),
         "<link>%s</link>" % it["link"],
         '<guid isPermaLink="false">tag:%s,2024:story-%d</guid>' % (host, it["n"]),
         "<pubDate>%s</pubDate>" % it["date"],
         "<dc:creator>%s</dc:creator>" % escape(it["author"])]
    x += ["<category>%s</category>" % c for c in it["cats"]]
    x.append("<description>%s</description>" % escape(it["summary"]))
    x.append("<content:encoded><![CDATA[%s]]></content:encoded>" % it["body"])
    x.append('<media:content url="%s" type="image/jpeg" medium="image" width="960" height="540">'
             '<media:title>%s</media:title><media:description type="plain">%s'
             '</media:description><media:credit role="photographer" scheme="urn:ebu">%s'
             '</media:credit></media:content>' % (it["img"], escape(it["title"]),
                                                  escape(it["caption"]), escape(it["credit"])))
    x.append('<media:thumbnail url="%s" width="480" height="270"/>'
             % it["img"].replace("-960", "-480"))
    if it["audio"]:
        x.append('<enclosure url="https://%s/audio/%d.mp3" length="%d" type="audio/mpeg"/>'
                 '<itunes:duration>%s</itunes:duration>' % (host, it["n"], 1000000 + it["n"],
                                                           it["duration"]))
    x.append("</item>")
    return "\n".join(x) + "\n"


def atom_entry(it, host):
    x = ["<entry>",
         '<title type="text">%s</title>' % escape(it["title"]),
         '<link rel="alternate" type="text/html" href="%s"/>' % it["link"],
         "<id>tag:%s,2024:story-%d</id>" % (host, it["n"]),
         "<published>%s</published><updated>%s</updated>" % (it["iso"], it["iso"]),
         "<author><name>%s</name></author>" % escape(it["author"])]
    x += ['<category term="%s"/>' % c for c in it["cats"]]
    x.append('<summary type="html">%s</summary>' % escape(it["summary"]))
    x.append('<content type="html">%s</content>' % escape(it["body"]))
    x.append('<media:content url="%s" type="image/jpeg" medium="image"><media:description>%s'
             '</media:description><media:credit>%s</media:credit></media:content>'
             % (it["img"], escape(it["caption"]), escape(it["credit"])))
    if it["audio"]:
        x.append('<link rel="enclosure" type="audio/mpeg" length="%d" '
                 'href="https://%s/audio/%d.mp3"/>' % (1000000 + it["n"], host, it["n"]))
    x.append("</entry>")
    return "\n".join(x) + "\n"


def json_item(it, host):
    d = {"id": "tag:%s,2024:story-%d" % (host, it["n"]), "url": it["link"],
         "title": it["title"], "content_html": it["body"],
         "summary": html.unescape(re.sub(r"<[^>]+>", "", it["summary"])),
         "image": it["img"], "date_published": it["iso"], "date_modified": it["iso"],
         "authors": [{"name": it["author"]}], "tags": it["cats"]}
    if it["audio"]:
        d["attachments"] = [{"url": "https://%s/audio/%d.mp3" % (host, it["n"]),
                             "mime_type": "audio/mpeg", "size_in_bytes": 1000000 + it["n"],
                             "duration_in_seconds": 1800}]
    return json.dumps(d, ensure_ascii=False)


def generate(out, fmt, items, size, seed, site):
    rnd = random.Random(seed)
    host = site.lower().replace(" ", "-") + ".example"
    w = Writer(rnd, site, host)
    written = 0

    def put(s):
        nonlocal written
        b = s.encode("utf-8")
        out.write(b)
        written += len(b)

    def more():
        return w.n < items if items else written < size

    desc = "News from %s and around the valley" % site
    if fmt == "rss":
        put('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:media="http://search.yahoo.com/mrss/" '
            'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            '<title>%s</title>\n<link>https://%s/</link>\n'
            '<atom:link rel="self" type="application/rss+xml" href="https://%s/feed.xml"/>\n'
            '<description>%s</description>\n<language>en-gb</language>\n'
            '<lastBuildDate>Sat, 30 Mar 2024 09:00:00 +0000</lastBuildDate>\n'
            '<image><url>https://%s/logo.png</url><title>%s</title><link>https://%s/</link>'
            '</image>\n' % (escape(site), host, host, escape(desc), host, escape(site), host))
        while more():
            put(rss_item(w.item(), host))
        put("</channel>\n</rss>\n")
    elif fmt == "atom":
        put('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en-GB">\n'
            '<title>%s</title>\n<subtitle>%s</subtitle>\n'
            '<link rel="alternate" type="text/html" href="https://%s/"/>\n'
            '<link rel="self" href="https://%s/atom.xml"/>\n<id>https://%s/</id>\n'
            '<updated>2024-03-30T09:00:00Z</updated>\n<logo>https://%s/logo.png</logo>\n'
            % (escape(site), escape(desc), host, host, host, host))
        while more():
            put(atom_entry(w.item(), host))
        put("</feed>\n")
    else:
        put('{"version": "https://jsonfeed.org/version/1.1", "title": %s, '
            '"home_page_url": "https://%s/", "feed_url": "https://%s/feed.json", '
            '"description": %s, "icon": "https://%s/logo.png", "language": "en-GB", '
            '"items": [\n' % (json.dumps(site, ensure_ascii=False), host, host,
                             json.dumps(desc), host))
        first = True
        while more():
            put(("" if first else ",\n") + json_item(w.item(), host))
            first = False
        put("\n]}\n")
    return w.n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--format", choices=["rss", "atom", "json"], default="rss")
    ap.add_argument("--items", type=int, default=0)
    ap.add_argument("--bytes", default="")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--site", default="The Bench Valley Courier")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--feeds", type=int, default=0)
    ap.add_argument("--dir", default="")
    a = ap.parse_args()
    size = 0
    if a.bytes:
        mult = {"K": 1024, "M": 1048576}.get(a.bytes[-1].upper(), 1)
        size = int(float(a.bytes.rstrip("kKmM")) * mult)
    if not a.items and not size:
        a.items = 50
    ext = "json" if a.format == "json" else "xml"
    if a.feeds:
        if not a.dir:
            ap.error("--feeds needs --dir")
        os.makedirs(a.dir, exist_ok=True)
        for i in range(a.feeds):
            with open(os.path.join(a.dir, "feed-%04d.%s" % (i, ext)), "wb") as f:
                generate(f, a.format, a.items, size, a.seed * 100003 + i,
                         "%s %d" % (a.site, i))
        return 0
    if a.output == "-":
        generate(sys.stdout.buffer, a.format, a.items, size, a.seed, a.site)
    else:
        with open(a.output, "wb") as f:
            generate(f, a.format, a.items, size, a.seed, a.site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
