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
t_done
