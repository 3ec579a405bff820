#!/bin/sh
# render.sh: render every Markdown page of the reference (concatenated into
# one input) at 80 columns with asyncpath, lowdown -tterm and
# cmark -t commonmark; best of five runs each, and the ratios.
set -u
cd "$(dirname "$0")/.." || exit 1
ref=../shared/reference/wg-async/src
for tool in lowdown cmark; do
	command -v $tool > /dev/null 2>&1 || {
		if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
			apt-get install -y -qq lowdown cmark > /dev/null 2>&1
		fi
	}
	command -v $tool > /dev/null 2>&1 || {
		echo "bench: $tool is missing (apt-get install $tool)"; exit 1; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
find "$ref" -name '*.md' | sort > "$dir/files"
xargs cat < "$dir/files" > "$dir/all.md"
files=$(wc -l < "$dir/files")
bytes=$(wc -c < "$dir/all.md")
export LC_ALL=C.UTF-8
best() { # command...: best wall time of five runs, in seconds
	b=""
	for run in 1 2 3 4 5; do
		t0=$(date +%s%N)
		"$@" > /dev/null 2>&1
		t1=$(date +%s%N)
		t=$((t1 - t0))
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}
a=$(best ./asyncpath --plain --width 80 render "$dir/all.md")
l=$(best lowdown -tterm --term-width=80 "$dir/all.md")
c=$(best cmark -t commonmark --width 80 "$dir/all.md")
echo "render: $files pages, $bytes bytes, 80 columns, best of 5"
awk -v a="$a" -v l="$l" -v c="$c" 'BEGIN {
	printf "  asyncpath render       %8.2f ms\n", a / 1e6
	printf "  lowdown -tterm         %8.2f ms  (asyncpath / lowdown: %.2f)\n", l / 1e6, a / l
	printf "  cmark -t commonmark    %8.2f ms  (asyncpath / cmark:   %.2f)\n", c / 1e6, a / c
	printf "  targets: asyncpath / lowdown <= 1.00, asyncpath / cmark <= 1.50\n"
}'

# Deep nesting (issue 9.1): 20,000 quote levels holding a paragraph of
# 20,000 lazy lines; the prefixes of each line cost the same at any depth.
python3 -c 'import sys; sys.stdout.write("> " * 20000 + "word\n" + "lazy words continue here\n" * 20000)' \
    > "$dir/deep.md"
a=$(best ./asyncpath --plain --width 80 render "$dir/deep.md")
c=$(best cmark -t commonmark --width 80 "$dir/deep.md")
awk -v a="$a" -v c="$c" 'BEGIN {
	printf "20,000 quote levels, 20,000 lines: asyncpath %.2f ms, cmark %.2f ms (ratio %.2f)\n", a / 1e6, c / 1e6, a / c
}'

# Hostile HTML (issue 9.2): one HTML block of 1 MB of '&' (each could open
# an entity) and of '<' (each could open a tag).  Linear in asyncpath as in
# cmark; it once took seconds.
echo "hostile HTML blocks, 1 MB each, best of 5"
for ch in '&' '<'; do
	python3 -c "import sys; sys.stdout.write('<div>\n' + sys.argv[1] * (1 << 20) + '\n')" \
	    "$ch" > "$dir/html.md"
	a=$(best ./asyncpath --plain --width 80 render "$dir/html.md")
	c=$(best cmark -t commonmark --width 80 "$dir/html.md")
	awk -v ch="$ch" -v a="$a" -v c="$c" 'BEGIN {
		printf "  %s: asyncpath %8.2f ms, cmark %8.2f ms (ratio %.2f)\n", ch, a / 1e6, c / 1e6, a / c
	}'
done
