#!/bin/sh
# Benchmark of crier's extraction over the development pages against `xmllint --html --noout`
# (parsing alone) in the same run, two ways: all pages in one process (extract_bench.c,
# built here against the build directory's libcrier.a, vs one xmllint given every page), and
# one process per page (crier --extract vs xmllint; start-up costs dominate, and crier links
# curl, sqlite and ncurses). Prints pages/s, ratios (target: at least 1/3) and crier's peak
# RSS against the largest page (target: under 20x).
# Run by hand from the build directory: ../tests/bench/extract.sh [CRIER] [DIR]
set -eu
CRIER=${1:-./crier}
DIR=${2:-/work/shared/devset/extract/pages}
ROUNDS=${ROUNDS:-3}
command -v xmllint >/dev/null || { echo "bench: xmllint not installed" >&2; exit 1; }
[ -x "$CRIER" ] || { echo "bench: $CRIER is not executable" >&2; exit 1; }
BUILD=$(cd "$(dirname "$CRIER")" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$(mktemp -d "${TMPDIR:-/tmp}/crier-bench.XXXXXX")
trap 'rm -rf "$BENCH"' EXIT
${CC:-cc} -O2 -I"$SRC/include" -I"$BUILD" "$SRC/tests/bench/extract_bench.c" "$BUILD/libcrier.a" \
	$(pkg-config --libs libxml-2.0 libcurl sqlite3 jansson) -lm -o "$BENCH/extract_bench"
python3 - "$CRIER" "$DIR" "$ROUNDS" "$BENCH/extract_bench" <<'PY'
import glob, os, subprocess, sys, time
crier, d, rounds, driver = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
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
# one process for all pages
best = None
for _ in range(rounds):
    t0 = time.perf_counter()
    subprocess.run(['xmllint', '--html', '--noout'] + pages, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    best = dt if best is None or dt < best else best
x1 = len(pages) / best
pr = subprocess.Popen([driver, str(rounds)] + pages, stdout=subprocess.PIPE)
out = pr.stdout.read()
_, _, ru = os.wait4(pr.pid, 0)
c1 = len(pages) / float(out)
rss1 = ru.ru_maxrss * 1024
print(f'pages: {len(pages)}, best of {rounds} rounds')
print('all pages in one process:')
print(f'  xmllint --html --noout: {x1:8.1f} pages/s')
print(f'  crier extract_article:  {c1:8.1f} pages/s  ({c1 / x1:.2f} of xmllint; target >= 0.33)')
print(f'  peak RSS {rss1 / 1e6:.1f} MB for all pages ({rss1 / max(os.path.getsize(p) for p in pages):.1f}x the largest page)')
print('one process per page:')
print(f'  xmllint --html --noout: {x:8.1f} pages/s')
print(f'  crier --extract:        {c:8.1f} pages/s  ({c / x:.2f} of xmllint; target >= 0.33)')
print(f'  peak RSS: crier {rss / 1e6:.1f} MB, xmllint {xrss / 1e6:.1f} MB; largest page {big / 1e6:.2f} MB; '
      f'crier/page {rss / big:.1f}x (target < 20x)')
PY
