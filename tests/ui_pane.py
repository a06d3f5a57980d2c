#!/usr/bin/env python3
"""Print the text of one pane of a captured crier screen (stdin).

The pane is found by its header row, which starts with "─ HEADER"; it spans from that
column to the next "│" on the header row (or the line's end) and down to the next header
row ("─ ...") in the same columns. Columns are display columns (CJK takes two)."""
import sys
import unicodedata


def cells(line):
    """The line as a list of display cells: a wide character fills two (its second None)."""
    out = []
    for ch in line:
        if unicodedata.combining(ch):
            if out:
                out[-1] += ch
            continue
        out.append(ch)
        if unicodedata.east_asian_width(ch) in "WF":
            out.append(None)
    return out


def text(cs):
    return "".join(c for c in cs if c is not None).rstrip()


def main():
    header = sys.argv[1]
    rows = [cells(l.rstrip("\n")) for l in sys.stdin]
    for y, row in enumerate(rows):
        s = "".join(c if c is not None else "\0" for c in row)
        x = s.find("─ " + header)
        if x < 0:
            x = s.find("─" + header)
        if x < 0:
            continue
        end = s.find("│", x)
        if end < 0:
            end = len(row)
        for r in rows[y + 1:]:
            part = r[x:end]
            t = text(part)
            if t.startswith("─ ") or t.startswith("─"):
                break
            print(t)
        return 0
    print("ui_pane.py: no pane headed '%s'" % header, file=sys.stderr)
    return 1


sys.exit(main())
