#!/bin/sh
# The README's first command is what a new user and CI (.ci/run) run on a fresh Debian
# machine: its apt-get line must name every package configure asks for (configure.ac's
# CRIER_NEED lines) and the tools the build and the tests use, and it must end by opening
# the demo. The keys it lists must be the key table's.
. "$top_srcdir/tests/lib.sh"
readme="$top_srcdir/README"
line=$(grep -m1 'apt-get install -y ' "$readme")
pkgs=" $(printf '%s\n' "$line" | sed 's/.*apt-get install -y \([^&]*\).*/\1/') "
[ -n "$line" ] && t_pass "the README has an apt-get install line" || t_fail "no 'apt-get install -y' line in README"

need=$(sed -n 's/^CRIER_NEED(\[[^]]*\], *\[[^]]*\], *\[\([^]]*\)\]).*/\1/p' "$top_srcdir/configure.ac")
[ -n "$need" ] || t_fail "read no CRIER_NEED package from configure.ac"
# The build itself, and the tools the tests call (they skip without some, but CI must run them).
for p in $need build-essential autoconf automake pkg-config python3 tmux libxml2-utils mandoc groff-base; do
	case $pkgs in *" $p "*) t_pass "README installs $p";; *) t_fail "README's apt-get line lacks $p";; esac
done
case $line in *'./crier --demo'*) t_pass "the first command opens the demo";;
	*) t_fail "the README's first command does not end with ./crier --demo";; esac
case $line in *'autoreconf -fi'*'./configure'*'make'*) t_pass "the first command builds";;
	*) t_fail "the first command does not run autoreconf, configure and make";; esac

# The Keys section has a line for every action: its description after every one of its
# default keys (as a keyboard names them; the digits as "1 ... 9").
keys=$(sed -n '/^Keys$/,/^Config/p' "$readme")
"$top_builddir/tests/print_settings" | awk -F '\t' '$1 == "action" { print $3 "|" $5 }' > "$T_TMP/keys"
[ -s "$T_TMP/keys" ] || t_fail "read no key from the key table (tests/print_settings)"
while IFS='|' read -r ks desc; do
	l=$(printf '%s\n' "$keys" | grep -F -- "$desc" | head -1)
	if [ -z "$l" ]; then
		t_fail "README's Keys section lacks '$desc'"
		continue
	fi
	shown=" $(printf '%s' "${l%%"$desc"*}" | tr -s ' ') "
	for k in $ks; do
		case $k in ENTER) k=Enter;; SPACE) k=Space;; TAB) k=Tab;; BTAB) k=Shift-Tab;;
		BACKSPACE) k=Backspace;; UP) k=Up;; DOWN) k=Down;; LEFT) k=Left;; RIGHT) k=Right;;
		NPAGE) k=PgDn;; PPAGE) k=PgUp;; HOME) k=Home;; END) k=End;; [2-8]) k=...;; esac
		case $shown in
		*" $k "*) ;;
		*) t_fail "README's Keys line for '$desc' does not show the key $k: $l";;
		esac
	done
done < "$T_TMP/keys"
t_done
