#!/bin/sh
# Benchmark of crier --extract over the development pages, one process per page, against
# `xmllint --html --noout` (parsing alone, also one process per page) in the same run.
# Prints pages/s for both, the ratio (target: at least 1/3), and crier's peak RSS against
# the largest page (target: under 20x). Run by hand: tests/bench/extract.sh [CRIER] [DIR]
set -eu
CRIER=${1:-./crier}
DIR=${2:-/work/shared/devset/extract/pages}
ROUNDS=${ROUNDS:-3}
command -v xmllint >/dev/null || { echo "bench: xmllint not installed" >&2; exit 1; }
[ -x "$CRIER" ] || { echo "bench: $CRIER is not executable" >&2; exit 1; }
exec python3 - "$CRIER" "$DIR" "$ROUNDS" <<'PY'
import glob, os, subprocess, sys, time
crier, d, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = sorted(glob.glob(os.path.join(d, '*.html')))
if not pages:
    sys.exit('bench: no pages in ' + d)
def run(argv_for):
    """pages/s (best round) and the largest peak RSS of one process, in bytes"""
    best, rss = None, 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        for p in pages:
            pr = subprocess.Popen(argv_for(p), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, ru = os.wait4(pr.pid, 0)
            pr.returncode = 0
            rss = max(rss, ru.ru_maxrss * 1024)  # KiB on Linux
        dt = time.perf_counter() - t0
        best = dt if best is None or dt < best else best
    return len(pages) / best, rss
x, xrss = run(lambda p: ['xmllint', '--html', '--noout', p])
c, rss = run(lambda p: [crier, '--extract', p, '--base', 'https://example.com/'])
big = max(os.path.getsize(p) for p in pages)
print(f'pages: {len(pages)}, one process per page, best of {rounds} rounds')
print(f'xmllint --html --noout: {x:8.1f} pages/s')
print(f'crier --extract:        {c:8.1f} pages/s  ({c / x:.2f} of xmllint; target >= 0.33)')
print(f'peak RSS: crier {rss / 1e6:.1f} MB, xmllint {xrss / 1e6:.1f} MB; largest page {big / 1e6:.2f} MB; '
      f'crier/page {rss / big:.1f}x (target < 20x)')
PY
