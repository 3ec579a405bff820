#!/bin/sh
# bench.sh: load + full check (state search and 10,000 random walks) of
# synthetic guides of 1,000, 10,000 and 100,000 nodes.  Prints a table;
# each figure is the best of three runs.
set -u
cd "$(dirname "$0")/.." || exit 1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
now() { date +%s%N; }
printf '%8s %8s %10s %12s %10s\n' nodes stories "load (s)" "check (s)" states
prev=""
for n in 1000 10000 100000; do
	python3 bench/gen.py "$n" "$dir/g$n"
	best_load=""; best_check=""
	for run in 1 2 3; do
		t0=$(now)
		./asyncpath --data "$dir/g$n" list paths > /dev/null || exit 1
		t1=$(now)
		./asyncpath --data "$dir/g$n" check > "$dir/out" 2>&1
		t2=$(now)
		l=$((t1 - t0)); c=$((t2 - t1))
		[ -z "$best_load" ] || [ "$l" -lt "$best_load" ] && best_load=$l
		[ -z "$best_check" ] || [ "$c" -lt "$best_check" ] && best_check=$c
	done
	states=$(sed -n 's/^state search: \([0-9]*\) states.*/\1/p' "$dir/out")
	stories=$(ls "$dir/g$n/stories" | wc -l)
	printf '%8d %8d %10s %12s %10s\n' "$n" "$stories" \
	    "$(echo "$best_load" | awk '{printf "%.3f", $1/1e9}')" \
	    "$(echo "$best_check" | awk '{printf "%.3f", $1/1e9}')" "$states"
	[ "$n" = 10000 ] && prev=$best_check
	[ "$n" = 100000 ] && echo "check 100k / 10k: $(echo "$best_check $prev" |
	    awk '{printf "%.1f", $1/$2}')x (target: at most 12x; 100k under 1 s)"
	grep -E "errors|coverage" "$dir/out" | sed 's/^/    /'
done
