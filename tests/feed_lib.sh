# feed_lib.sh: helpers for the --parse tests (source after lib.sh).
# parse FILE [ARGS]: runs crier --parse; sets $out (JSON Lines), $errs (stderr), $rc, and
# writes a flat "LINE.path=json" view of the output to $T_TMP/flat for get().
F=$top_srcdir/tests/fixtures/feeds
parse() {
	out=$("$CRIER" --parse "$1" 2>"$T_TMP/err"); rc=$?
	errs=$(cat "$T_TMP/err")
	printf '%s\n' "$out" | python3 -c '
import json, sys
def walk(prefix, v):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(prefix + "." + k, x)
    elif isinstance(v, list):
        print(prefix + ".len=" + str(len(v)))
        for i, x in enumerate(v):
            walk(prefix + "[" + str(i) + "]", x)
    else:
        print(prefix + "=" + json.dumps(v, ensure_ascii=False))
for n, line in enumerate(sys.stdin, 1):
    line = line.strip()
    if not line:
        continue
    try:
        walk(str(n), json.loads(line))
    except ValueError:
        print(str(n) + ".INVALID-JSON=" + json.dumps(line))
' > "$T_TMP/flat"
}
# get PATH: the JSON value at PATH ("2.title", "2.media[0].credit", "3.categories.len")
get() { awk -v k="$1=" 'index($0, k) == 1 { print substr($0, length(k) + 1) }' "$T_TMP/flat"; }
# t_get PATH WANT WHAT
t_get() { t_eq "$(get "$1")" "$2" "$3"; }
nitems() { grep -c '"kind":"item"' <<EOF_N
$out
EOF_N
}
