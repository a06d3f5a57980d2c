#!/bin/sh
# make install honours DESTDIR and puts the program, both man pages and the whole demo in
# place; make uninstall takes every one of them away again.
. "$top_srcdir/tests/lib.sh"
command -v make >/dev/null 2>&1 || { echo "make is not installed: skipped"; exit 77; }
dest="$T_TMP/dest"
make -s -C "$top_builddir" install DESTDIR="$dest" >"$T_TMP/log" 2>&1 ||
	{ cat "$T_TMP/log"; t_fail "make install DESTDIR=... failed"; t_done; }
bin=$(find "$dest" -path '*/bin/crier' -type f)
[ -n "$bin" ] && [ -x "$bin" ] && t_pass "the program is installed" || t_fail "no bin/crier under DESTDIR"
out=$("$bin" --version); t_has "$out" "crier " "the installed program runs"
[ -n "$(find "$dest" -path '*/man1/crier.1')" ] && t_pass "crier.1 installed" || t_fail "crier.1 not installed"
[ -n "$(find "$dest" -path '*/man5/crier.conf.5')" ] && t_pass "crier.conf.5 installed" || t_fail "crier.conf.5 not installed"
demo=$(find "$dest" -path '*/crier/demo' -type d)
if [ -n "$demo" ]; then
	for f in $(cd "$top_srcdir/data/demo" && find . -type f ! -name '*.py' ! -name '*.pyc'); do
		cmp -s "$top_srcdir/data/demo/$f" "$demo/$f" || t_fail "demo file $f not installed"
	done
	t_pass "the demo is installed"
else
	t_fail "no share/crier/demo under DESTDIR"
fi
case $(find "$dest" -type f -path '*/crier/*' -name '*.py') in "") t_pass "the generator is not installed";;
	*) t_fail "the demo's python sources were installed";; esac
make -s -C "$top_builddir" uninstall DESTDIR="$dest" >"$T_TMP/log" 2>&1 || { cat "$T_TMP/log"; t_fail "make uninstall failed"; }
left=$(find "$dest" -type f)
t_eq "$left" "" "make uninstall removes every installed file"
t_done
