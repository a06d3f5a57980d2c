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

# A real --prefix install (no DESTDIR), in a build of its own: the installed program finds
# the demo under its own pkgdatadir, not in the source tree. The installed copy of a demo
# feed gets a title of its own, so the list on screen proves which copy was read.
src=$(cd "$top_srcdir" && pwd)
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: the --prefix demo run is skipped"
elif [ -f "$src/config.status" ]; then
	echo "the source tree is configured in place: the --prefix demo run is skipped"
else
	. "$top_srcdir/tests/ui_lib.sh"
	pb=$T_TMP/pbuild pfx=$T_TMP/prefix
	mkdir -p "$pb"
	if (cd "$pb" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL sh -c \
		"'$src/configure' --prefix='$pfx' && make -j2 install" >"$T_TMP/plog" 2>&1); then
		t_pass "configure --prefix and make install into a temporary prefix"
	else
		tail -n 30 "$T_TMP/plog"; t_fail "the --prefix build or install failed"; t_done
	fi
	pdemo=$pfx/share/crier/demo
	[ -f "$pdemo/feeds/news.xml" ] && t_pass "the demo is under the prefix's pkgdatadir" ||
		t_fail "no $pdemo/feeds/news.xml"
	sed 's|Ferry Mabel returns to the estuary|Ferry Mabel of the installed copy|' \
		"$pdemo/feeds/news.xml" >"$T_TMP/news.xml" && cp "$T_TMP/news.xml" "$pdemo/feeds/news.xml"
	unset CRIER_DEMO_DIR
	ui_setup
	CRIER=$pfx/bin/crier ui_start 100 30 --demo
	ui_expect "Ferry Mabel of the installed copy" "the installed crier --demo lists the installed demo's stories" 20
	t_hasnt "$(ui_screen)" "Ferry Mabel returns to the estuary" "the source tree's demo is not the one shown"
	ui_keys q
	ui_expect_exit "the installed crier --demo quits with q"
	ui_tmux kill-server 2>/dev/null
fi
t_done
