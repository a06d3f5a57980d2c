#!/bin/sh
# Everything tests/demo-extract.sh checks, and also each demo story's "More from" and
# "Related" links (file:// siblings of the page), the illustration credited by name only,
# and no teaser photo of another story taken for one of this story's figures.
. "$top_srcdir/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: skipped"; exit 77; }
if grep -q 'crier: not built yet' "$CRIER"; then
	echo "--extract is not built yet: skipped"; exit 77
fi
python3 "$top_srcdir/tests/demo-extract.py" "$top_srcdir" "$CRIER" ||
	t_fail "the demo's links and credits are not read as written (see above)"
t_done
