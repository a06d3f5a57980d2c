# lib.sh: what the shell tests share. Source it; call t_done at the end.
# $CRIER, $top_srcdir and $top_builddir come from the test harness (Makefile.am).
set -u
: "${CRIER:=$(pwd)/crier}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
t_failures=0
t_name=$(basename "$0" .sh)
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/crier-$t_name.XXXXXX")
trap 't_cleanup' EXIT
t_cleanup_hooks=""
t_cleanup() { eval "$t_cleanup_hooks"; rm -rf "$T_TMP"; }
t_on_exit() { t_cleanup_hooks="$t_cleanup_hooks
$1"; }

t_fail() { t_failures=$((t_failures + 1)); printf 'FAIL: %s\n' "$*" >&2; }
t_pass() { printf 'ok: %s\n' "$*"; }
# t_eq GOT WANT WHAT
t_eq() { if [ "$1" = "$2" ]; then t_pass "$3"; else t_fail "$3: got [$1], want [$2]"; fi; }
# t_has HAYSTACK NEEDLE WHAT
t_has() { case "$1" in *"$2"*) t_pass "$3";; *) t_fail "$3: [$2] not in output:
$1";; esac; }
t_hasnt() { case "$1" in *"$2"*) t_fail "$3: [$2] should not be in output:
$1";; *) t_pass "$3";; esac; }
t_done() { if [ "$t_failures" -gt 0 ]; then echo "$t_failures failure(s)" >&2; exit 1; fi; exit 0; }
# t_crier ARGS...: crier with the test's feed list $URLS and cache $CACHE.
t_crier() { "$CRIER" -u "$URLS" -c "$CACHE" "$@"; }
