#!/bin/sh
# Every demo story as crier --extract reads it at its file:// URL, against the stories it
# was written from (tests/demo-extract.py --core): headline, byline, date, the body without
# the site's noise, each photo's caption and credit apart and out of the body.
. "$top_srcdir/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: skipped"; exit 77; }
if grep -q "crier: not built yet" "$CRIER"; then
	echo "--extract is not built yet: skipped"; exit 77
fi
python3 "$top_srcdir/tests/demo-extract.py" --core "$top_srcdir" "$CRIER" ||
	t_fail "the demo does not read as it was written (see above)"
t_done
