#!/bin/sh
# The command line: --help, --version and bad options, as a user types them.
. "$top_srcdir/tests/lib.sh"
out=$("$CRIER" --version); t_eq "$?" 0 "--version exits 0"
t_has "$out" "crier " "--version names the program"
out=$("$CRIER" -v); t_has "$out" "crier " "-v works"
out=$("$CRIER" --help); t_eq "$?" 0 "--help exits 0"
t_has "$out" "--parse" "--help lists --parse"
t_has "$out" "--extract" "--help lists --extract"
out=$("$CRIER" -h); t_has "$out" "usage: crier" "-h works"
out=$("$CRIER" --no-such-option 2>&1); t_eq "$?" 2 "an unknown option exits 2"
t_has "$out" "usage: crier" "an unknown option shows the usage"
# With no locale set at all (a bare container), text keeps its non-ASCII letters.
printf '<html><head><title>Tide times</title></head><body><article><h1>Tide times</h1><p>Photographs by Aurelio Monta\303\261\303\251s, \302\2435 a print, \346\236\227\347\276\216\347\216\262 at the quay.</p></article></body></html>' >"$T_TMP/page.html"
out=$(env -u LC_ALL -u LANG -u LC_CTYPE -u LANGUAGE "$CRIER" --extract "$T_TMP/page.html" --text)
t_has "$out" "Montañés" "no locale: accented letters are kept"
t_has "$out" "£5" "no locale: the pound sign is kept"
t_has "$out" "林美玲" "no locale: CJK text is kept"
t_done
