#!/usr/bin/env python3
# Checks crier.1 and crier.conf.5 against the code's own tables so the pages cannot drift:
# the key table and the settings table (both printed by tests/print_settings from the
# compiled tables) and the options `crier --help` lists. Prints one line per problem; exit 1 if any.
# usage: man-check.py TOP_SRCDIR PRINT_SETTINGS CRIER
import re
import shlex
import subprocess
import sys

top, print_settings, crier = sys.argv[1:4]
problems = []


def problem(msg):
    problems.append(msg)
    print("FAIL: " + msg)


ESCAPES = [(r"\-", "-"), (r"\e", "\\"), (r"\(dq", '"'), (r"\('e", "é"), (r"\(bu", "*"),
           (r"\(aq", "'"), (r"\c", ""), (r"\&", "")]


def unescape(s):
    s = re.sub(r"\\f[BIRP]", "", s)
    for a, b in ESCAPES:
        s = s.replace(a, b)
    return s


def text_of(line):
    """A man source line as the words it shows."""
    if not line.startswith("."):
        return unescape(line)
    parts = line.split(None, 1)
    macro, rest = parts[0], parts[1] if len(parts) > 1 else ""
    try:
        words = shlex.split(rest.replace("\\", "\\\\"), posix=True)
    except ValueError:
        words = rest.split()
    if macro in (".B", ".I", ".SM"):
        return unescape(" ".join(words))
    if macro in (".BR", ".RB", ".IR", ".RI", ".BI", ".IB"):
        return unescape("".join(words))
    return None  # a structural macro


def sections(path):
    """{section name: [(tag, body)]} for the .TP entries of each .SH section."""
    out, sec, entry, want_tag = {}, None, None, False
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith(".SH"):
            sec = unescape(line[3:].strip().strip('"'))
            out[sec] = []
            entry = None
            continue
        if sec is None:
            continue
        if line.startswith(".TP"):
            want_tag = True
            continue
        if line.startswith((".PP", ".SH", ".IP", ".RS", ".RE")):
            entry = None
            continue
        t = text_of(line)
        if t is None:
            continue
        if want_tag:
            entry = [t, ""]
            out[sec].append(entry)
            want_tag = False
        elif entry is not None:
            entry[1] = (entry[1] + " " + t).strip()
    return {k: [(a, b) for a, b in v] for k, v in out.items()}


# The tables, as the program has them.
printed = subprocess.run([print_settings], capture_output=True, text=True).stdout.splitlines()
keys, aliases = [], {}
for line in printed:
    if line.startswith("action\t"):
        _, name, default, alias, desc = line.split("\t")
        keys.append((name, default.split(), desc))
        aliases[name] = alias.split()
if len(keys) < 10:
    problem("read only %d key actions from print_settings" % len(keys))

NAMES = {"DOWN": "Down", "UP": "Up", "LEFT": "Left", "RIGHT": "Right", "ENTER": "Enter",
         "SPACE": "Space", "TAB": "Tab", "BTAB": "Shift-Tab", "BACKSPACE": "Backspace",
         "NPAGE": "PageDown", "PPAGE": "PageUp", "HOME": "Home", "END": "End", "DEL": "Delete",
         "ESC": "Escape", "INSERT": "Insert"}


def tag_keys(tag):
    out = set()
    for part in tag.split(", "):
        m = re.fullmatch(r"(\d) to (\d)", part)
        if m:
            out.update(str(i) for i in range(int(m.group(1)), int(m.group(2)) + 1))
        else:
            out.add(part)
    return out


# crier.1 KEYS: every action's default keys in one entry, described as in the table.
man1 = sections(top + "/man/crier.1")
entries = man1.get("KEYS", [])
for action, default, desc in keys:
    shown = {NAMES.get(k, k) for k in default}
    found = [(t, b) for t, b in entries if tag_keys(t) == shown]
    if not found:
        problem("crier.1 KEYS: no entry for %s (keys %s)" % (action, ", ".join(sorted(shown))))
    elif not found[0][1].lower().startswith(desc.lower().split(" (")[0].rstrip(".")):
        problem("crier.1 KEYS: %s: '%s' does not start with the table's '%s'" % (action, found[0][1], desc))
listed = set().union(*[{NAMES.get(k, k) for k in d} for _, d, _ in keys])
for t, _ in entries:
    for k in tag_keys(t):
        if k not in listed:
            problem("crier.1 KEYS lists %s, which is no default key" % k)

# crier.1 OPTIONS against --help.
helptext = subprocess.run([crier, "--help"], capture_output=True, text=True).stdout
opts = set(re.findall(r"^\s+(?:(-\w), )?(--[\w-]+)", helptext, re.M))
if len(opts) < 10:
    problem("read only %d options from crier --help" % len(opts))
tags = [t for t, _ in man1.get("OPTIONS", [])]
for short, long_ in sorted(opts, key=lambda o: o[1]):
    want = (short + ", " + long_) if short else long_
    if not any(t == want or t.startswith(want + " ") for t in tags):
        problem("crier.1 OPTIONS: no entry for '%s' (from crier --help)" % want)
helplongs = {o[1] for o in opts}
for t in tags:
    for lo in re.findall(r"--[\w-]+", t):
        if lo not in helplongs:
            problem("crier.1 OPTIONS: %s is not in crier --help" % lo)
for sec in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "KEYS", "FILES", "ENVIRONMENT",
            "EXIT STATUS", "EXAMPLES", "SECURITY", "SEE ALSO"):
    if sec not in man1:
        problem("crier.1 has no %s section" % sec)
env = {t for t, _ in man1.get("ENVIRONMENT", [])}
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "HOME", "BROWSER", "NO_COLOR"):
    if not any(var in t.split(", ") for t in env):
        problem("crier.1 ENVIRONMENT does not describe %s" % var)

# crier.conf.5 SETTINGS against the settings table.
man5 = sections(top + "/man/crier.conf.5")
entries = dict(man5.get("SETTINGS", []))
table = []
for line in printed:
    if not line.startswith("setting\t"):
        continue
    _, name, typ, default, lo, hi, desc = line.split("\t")
    table.append(name)
    if typ == "STR":
        want = "string, default " + (default or "empty")
    elif typ == "INT":
        want = "integer, %s to %s, default %s" % (lo, hi, default)
    elif typ == "BOOL":
        want = "yes or no, default " + default
    elif typ == "DURATION":
        want = "time, 0 or %ss to %ss, default %s" % (lo, hi, default)
    else:
        values = desc.split(":", 1)[0].split("|")
        want = ", ".join(values[:-1]) + " or " + values[-1] + "; default " + default
    body = entries.get(name)
    if body is None:
        problem("crier.conf.5 SETTINGS: %s is missing" % name)
    elif not body.startswith("(" + want + ")"):
        problem("crier.conf.5 SETTINGS: %s should say (%s), says %s" % (name, want, body[:80]))
    elif len(body) < len(want) + 12:
        problem("crier.conf.5 SETTINGS: %s has no description" % name)
if len(table) < 5:
    problem("read only %d settings from print_settings" % len(table))
for name in entries:
    if name not in table:
        problem("crier.conf.5 SETTINGS: %s is not a setting" % name)

# crier.conf.5 KEY BINDINGS: every action, tagged with its name and its aliases
# ("open_browser, open-in-browser"), with its default keys.
entries = {}
for tag, body in man5.get("KEY BINDINGS", []):
    names = tag.split(", ")
    entries[names[0]] = body
    if names[0] in aliases and names[1:] != aliases[names[0]]:
        problem("crier.conf.5 KEY BINDINGS: %s should list the aliases [%s], lists [%s]"
                % (names[0], ", ".join(aliases[names[0]]), ", ".join(names[1:])))
for action, default, desc in keys:
    body = entries.get(action)
    if body is None:
        problem("crier.conf.5 KEY BINDINGS: action %s is missing" % action)
    elif not re.search(r"\((default keys: )?%s\)\.$" % re.escape(" ".join(default)), body):
        problem("crier.conf.5 KEY BINDINGS: %s should end with its default keys (%s): %s" % (action, " ".join(default), body))
actions = {a for a, _, _ in keys}
for name in entries:
    if name not in actions and not name.startswith("bind-key"):
        problem("crier.conf.5 KEY BINDINGS: %s is not an action" % name)

print("%d problem(s)" % len(problems))
sys.exit(1 if problems else 0)
