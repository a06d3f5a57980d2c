#!/usr/bin/env python3
# What a new user sees when opening each demo story: crier --extract on every page of the
# bundled demo, at its file:// URL, compared with the stories it was written from
# (data/demo/stories.py): headline, byline, date, every figure's caption and credit (kept
# apart, and out of the body), the "More from" and "Related" links, and no site noise in
# the body. Prints one line per problem; exit 1 if any.
# With --core, only what a reader needs to read the story is checked (headline, byline,
# date, body without noise, photo captions and credits apart); without it also the
# "More from" links, the illustration's name-only credit and no stray figures.
# usage: demo-extract.py [--core] TOP_SRCDIR CRIER
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone

core = "--core" in sys.argv
top, crier = [a for a in sys.argv[1:] if a != "--core"][:2]
demo = os.path.normpath(os.path.join(top, "data", "demo"))
sys.path.insert(0, demo)
sys.dont_write_bytecode = True
from stories import STORIES  # noqa: E402

problems = []


def problem(msg):
    problems.append(msg)
    print("FAIL: " + msg)


def split_credit(caption, credit):
    """The caption and credit a reader should see, from how the story wrote them."""
    if caption is None:
        return None, None
    m = re.search(r"\s*\(Photo by ([^)]*)\)$", caption)
    if m:
        return caption[:m.start()], m.group(1)
    m = re.search(r"\s*Photo: (.*)$", caption)
    if m:
        return caption[:m.start()], m.group(1)
    if credit and credit.startswith("Credit: "):
        credit = credit[len("Credit: "):]
    return caption, credit


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


for s in STORIES:
    path = os.path.join(demo, "pages", s["slug"] + ".html")
    url = "file://" + path
    name = s["slug"]
    r = subprocess.run([crier, "--extract", path, "--base", url], capture_output=True, text=True)
    if r.returncode != 0:
        problem("%s: crier --extract exited %d: %s" % (name, r.returncode, r.stderr.strip()))
        continue
    a = json.loads(r.stdout)
    if norm(a.get("title")) != s["title"]:
        problem("%s: title %r" % (name, a.get("title")))
    author = s["author"].split(",")[0]
    if author not in norm(a.get("byline")):
        problem("%s: byline %r lacks %r" % (name, a.get("byline"), author))
    when = int(datetime.strptime(s["date"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())
    if a.get("published") != when:
        problem("%s: published %r, want %d" % (name, a.get("published"), when))

    body = norm(a.get("body"))
    first = re.sub(r"<[^>]+>", "", next(b for b in s["body"] if isinstance(b, str) and not b.startswith(("#", ">", "-", "<strong>"))))
    last = re.sub(r"<[^>]+>", "", [b for b in s["body"] if isinstance(b, str)][-1]).lstrip("-#> ")
    # The standfirst: shown once, in its own field or as the body's first paragraph; in
    # its own field when the page sets it above the story (head="above").
    sf, st = norm(a.get("standfirst")), norm(re.sub(r"<[^>]+>", "", s["standfirst"]))
    if (st in body) == (st == sf):
        problem("%s: the standfirst is %s" % (name, "shown twice" if st in body else "lost"))
    if s.get("head") == "above" and sf != st:
        problem("%s: the standfirst above the story is not its own field (%r)" % (name, sf[:60]))
    for what, text in (("first paragraph", first), ("last paragraph", last)):
        if norm(text)[:60] not in body:
            problem("%s: the body lacks its %s (%r...)" % (name, what, norm(text)[:60]))
    for noise in ("Share this story", "The Tide Table", "Sign up", "Cookie", "Comments are open",
                  "Lantern Press Ltd", "ADVERTISEMENT", "Subscribe from"):
        if noise in body:
            problem("%s: site noise %r in the body" % (name, noise))

    # Figures: every caption and credit, in the figures list and not in the body.
    got = [(norm(f.get("caption")), norm(f.get("credit"))) for f in a.get("figures") or []]
    want = []
    for fig in s["figures"]:
        cap, cred = split_credit(fig[1], fig[2] if len(fig) > 2 else None)
        if cap is None and "jsonld_image" in s:
            cap, cred = s["jsonld_image"][1], s["jsonld_image"][2]
        want.append((cap, cred))
    for n, (cap, cred) in enumerate(want):
        if core and s["figstyle"] in ("illustration-name-only", "mixed-long") and (
                s["figstyle"] != "mixed-long" or n == 2):
            continue  # the name-only illustration credit: checked without --core
        match = [g for g in got if g[0] == cap]
        if not match:
            problem("%s: no figure with caption %r (got %s)" % (name, cap, got))
            continue
        if cred and match[0][1] != cred:
            problem("%s: caption %r has credit %r, want %r" % (name, cap[:40], match[0][1], cred))
        if cap[:50] in body:
            problem("%s: caption %r is in the body" % (name, cap[:40]))
        story_text = " ".join(b for b in s["body"] if isinstance(b, str))
        if cred and cred in body and cred not in story_text:
            problem("%s: credit %r is in the body" % (name, cred))
    for g in [] if core else got:
        if not any(g[0] == w[0] for w in want):
            problem("%s: unexpected figure %s" % (name, g))

    # More from and Related: the linked stories, at their file:// URLs.
    links = {m.get("url"): m for m in a.get("more_from") or []}
    for slug in [] if core else s["more"] + s["related"]:
        link = "file://" + os.path.join(demo, "pages", slug + ".html")
        if link not in links:
            problem("%s: more-from link to %s missing (got %s)" % (name, slug, sorted(links)))
        elif norm(links[link].get("title")) != next(x["title"] for x in STORIES if x["slug"] == slug):
            problem("%s: more-from %s titled %r" % (name, slug, links[link].get("title")))

print("%d problem(s) in %d stories" % (len(problems), len(STORIES)))
sys.exit(1 if problems else 0)
