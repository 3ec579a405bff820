#!/bin/sh
# report.sh: the group report over 1,000 generated session files (and
# 5,000), each format timed.  Run by make bench.
set -u
cd "$(dirname "$0")/.." || exit 1
BIN=./asyncpath
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hash=$($BIN report tests/reading/sessions/alice.json --format json \
    2> /dev/null | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["content_hashes"]["status-quo"])')
for n in 1000 5000; do
	python3 tests/gen_sessions.py . status-quo "$hash" "$n" "$tmp/s$n" 1
	for f in json text html; do
		t0=$(date +%s.%N)
		$BIN report "$tmp/s$n" --format "$f" -o "$tmp/out.$f" 2> /dev/null
		t1=$(date +%s.%N)
		echo "report: $n session files, --format $f: $(echo "$t1 - $t0" |
		    bc -l | cut -c1-5) s"
	done
done
