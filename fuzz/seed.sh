#!/bin/sh
# seed.sh: fills fuzz/corpus/NAME with seeds from tests/ and the shipped
# content, each file named by the SHA-1 of its bytes (as libFuzzer names
# the inputs it adds).  Run from the top of the tree; safe to rerun.
set -eu
put() { # put TARGET: stdin becomes one seed of TARGET
	tmp=$(mktemp)
	cat > "$tmp"
	mkdir -p "fuzz/corpus/$1"
	mv "$tmp" "fuzz/corpus/$1/$(sha1sum < "$tmp" | cut -c1-40)"
	chmod 644 "fuzz/corpus/$1/"*
}
for f in paths/*.yaml tests/fixtures/*/paths/*.yaml tests/bad/*/paths/*.yaml \
    tests/check/*/paths/*.yaml; do
	[ -f "$f" ] && put guide < "$f"
done
for f in stories/*.md tests/fixtures/*/stories/*.md tests/bad/*/stories/*.md
do
	[ -f "$f" ] && put card < "$f"
done
# render: byte 0 is the width less 20, byte 1 the mode (1 colour, 3 links)
for f in tests/golden/*.md; do
	{ printf '\074\000'; cat "$f"; } | put render     # 80 columns, plain
	{ printf '\024\003'; cat "$f"; } | put render     # 40, colour, links
done
for f in stories/*.md; do
	{ printf '\144\000'; awk 'n >= 2; /^---$/ { n++ }' "$f"; } | put render
done
for f in tests/transcripts/*.in; do
	put repl < "$f"
done
grep -v '^#' tests/completion.txt | cut -d'|' -f1 | put repl
# session: the example of docs/SESSION.md (three walks of the shipped
# paths, made once from `asyncpath graph --format json`, are kept as they are)
sed -n '/^```json/,/^```$/p' docs/SESSION.md | sed '1d;$d' | put session
# cache: the fresh image of tests/fixtures/good unpatched (an empty input),
# and a few 5-byte patches over it (a little-endian offset, a byte)
: | put cache
for spec in "56 255" "0 88" "64 1" "200 255" "1000 255" "1500 0" "2000 2" \
    "3000 255" "4000 1" "5000 255"; do
	# shellcheck disable=SC2086
	set -- $spec
	python3 -c "import struct, sys
sys.stdout.buffer.write(struct.pack('<IB', $1, $2))" | put cache
done
