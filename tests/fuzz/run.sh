#!/bin/sh
# run.sh: make fuzz. Runs each libFuzzer harness for SECONDS under ASan and UBSan, with a
# corpus seeded from the fixtures (kept in the build directory between runs) and the
# harness's dictionary. A finding fails the run, and its input is printed (hex and
# base64) with the sanitizer's report, so that CI's log alone reproduces it: save the
# input under tests/fuzz/findings/HARNESS/ and make check replays it from then on.
# Usage: run.sh SECONDS SRCDIR HARNESS...   (from the build directory)
set -u
secs=$1 src=$2
shift 2
status=0
seed() { # harness corpus-dir
	case $1 in
	*fuzz_feed) set -- "$2" "$src"/tests/fixtures/feeds/* "$src"/tests/ui/*.xml "$src"/data/demo/feeds/*;;
	*fuzz_extract|*fuzz_render) set -- "$2" "$src"/tests/fixtures/pages/*.html "$src"/data/demo/pages/*.html;;
	*fuzz_urls) set -- "$2" "$src"/tests/fuzz/seeds/urls.txt "$src"/data/demo/urls;;
	*fuzz_opml) set -- "$2" "$src"/tests/fuzz/seeds/feeds.opml;;
	*fuzz_settings) set -- "$2" "$src"/tests/fuzz/seeds/config.txt;;
	*) set -- "$2";;
	esac
	dir=$1
	shift
	mkdir -p "$dir"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$dir/seed-$(basename "$f")"
	done
	for f in "$src"/tests/fuzz/findings/"$(basename "$h")"/*; do
		[ -f "$f" ] && cp "$f" "$dir/"
	done
	return 0
}
for h in "$@"; do
	name=$(basename "$h")
	short=${name#fuzz_}
	corpus=fuzz-corpus/$name
	out=fuzz-findings/$name
	seed "$h" "$corpus"
	mkdir -p "$out"
	rm -f "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*
	case $short in extract|render|feed) maxlen=65536;; *) maxlen=8192;; esac
	dict=$src/tests/fuzz/$short.dict
	echo "fuzz: $name for ${secs}s ($(ls "$corpus" | wc -l) inputs in the corpus)"
	if "$h" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=$maxlen \
		-dict="$dict" -artifact_prefix="$out/" -print_final_stats=1 "$corpus" \
		>"$out.log" 2>&1; then
		grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$out.log" | tr '\n' ' '
		echo
		continue
	fi
	status=1
	echo "fuzz: $name FOUND A PROBLEM" >&2
	grep -E 'ERROR: |SUMMARY: |runtime error|==ERROR|deadly signal|Test unit written' "$out.log" | head -20 >&2
	sed -n '/^==[0-9]*==ERROR/,/^SUMMARY/p' "$out.log" | head -60 >&2
	for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
		[ -f "$f" ] || continue
		echo "fuzz: the input ($f, $(wc -c <"$f") bytes), hex:" >&2
		od -A d -t x1 -v "$f" | head -200 >&2
		echo "fuzz: the same input, base64 (base64 -d >input; $h input reproduces it):" >&2
		base64 "$f" >&2
	done
done
exit $status
