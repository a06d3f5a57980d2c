#!/bin/sh
# The man pages are clean for both formatters people use: mandoc -Tlint and
# groff -man -ww -z print nothing. Skipped when neither is installed.
. "$top_srcdir/tests/lib.sh"
ran=0
for page in "$top_srcdir/man/crier.1" "$top_srcdir/man/crier.conf.5"; do
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -Tlint "$page" 2>&1); ran=1
		t_eq "$out" "" "mandoc -Tlint $(basename "$page")"
	fi
	if command -v groff >/dev/null 2>&1; then
		out=$(groff -man -ww -z "$page" 2>&1); ran=1
		t_eq "$out" "" "groff -man -ww -z $(basename "$page")"
	fi
done
[ $ran = 1 ] || { echo "neither mandoc nor groff is installed: skipped"; exit 77; }
t_done
