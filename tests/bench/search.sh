#!/bin/sh
# Full-text search speed (issue 13): a query over 100k stories with their pages, count and
# first screen of rows, by rank and by date; median against the list without a search and
# against the substring scan it replaced, measured in the same run on the same cache.
# Target: median under 50 ms. Builds search_bench.c against the build's libcrier.a.
# Run by hand from the build directory: ../tests/bench/search.sh [BUILD-DIR]
# Environment: BENCH_DIR (default /tmp/crier-search-bench, the cache is kept between runs),
# STORIES (100000).
set -eu
BUILD=$(cd "${1:-.}" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${BENCH_DIR:-/tmp/crier-search-bench}
STORIES=${STORIES:-100000}
[ -f "$BUILD/libcrier.a" ] || { echo "search.sh: no libcrier.a in $BUILD (give the build directory)" >&2; exit 2; }
mkdir -p "$DIR"
${CC:-cc} -O2 -I"$SRC/include" -I"$SRC/src" -I"$BUILD" "$SRC/tests/bench/search_bench.c" \
	"$BUILD/libcrier.a" $(pkg-config --libs libxml-2.0 libcurl sqlite3 jansson libzstd) -lm -o "$DIR/search_bench"
echo "load: $(uptime | sed 's/.*load average: //')"
"$DIR/search_bench" "$DIR/cache-$STORIES.db" "$STORIES"
ls -l "$DIR/cache-$STORIES.db" | awk '{printf "cache: %.0f MB\n", $5 / 1e6}'
