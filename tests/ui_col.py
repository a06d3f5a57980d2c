#!/usr/bin/env python3
"""ui_col.py TEXT: the display column (0-based) where TEXT starts on the first line of
stdin that holds it, or -1. CJK characters count two columns."""
import sys
import unicodedata

needle = sys.argv[1]
for line in sys.stdin:
    i = line.find(needle)
    if i >= 0:
        col = sum(2 if unicodedata.east_asian_width(c) in "WF" else
                  0 if unicodedata.combining(c) else 1 for c in line[:i])
        print(col)
        break
else:
    print(-1)
