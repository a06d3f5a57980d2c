#!/bin/sh
# crier.1 and crier.conf.5 against the key table, the settings table and crier --help
# (tests/man-check.py does the comparing), so the pages cannot drift from the code.
. "$top_srcdir/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: skipped"; exit 77; }
python3 "$top_srcdir/tests/man-check.py" "$top_srcdir" "$top_builddir/tests/print_settings" "$CRIER" ||
	t_fail "the man pages disagree with the code (see above)"
t_done
