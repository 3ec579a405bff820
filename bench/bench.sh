#!/bin/sh
# bench.sh: the loader and the checker on synthetic guides of 1,000, 10,000
# and 100,000 nodes (bench/gen.py), and the shipped content.
#   1. start to first choices: the walk loads the guide, shows the start
#      node and its choices, reads "quit": wall and CPU time, peak memory;
#   2. load + full check (state search and random walks), with the
#      100k/10k ratio of the check;
#   3. inkjs on the same graph, side by side (bench/ink.sh);
#   4. start-up and load + check through the compiled guide cache
#      (src/gcache.c), cold (an empty cache: parse, write the image) and
#      warm (read the image).  1 and 2 time the parser: the cache is off
#      there, and every cache of this script is a folder of its own.
# With BEFORE=/path/to/an/older/asyncpath, every figure of 1 and 2 is
# measured for both binaries in the same run, interleaved.
# Times are best of RUNS (default 5) runs; the machine's load shows in
# wall times, less in CPU times.
set -u
cd "$(dirname "$0")/.." || exit 1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
RUNS=${RUNS:-5}
BEFORE=${BEFORE:-}
printf 'quit\n' > "$dir/quit"
export XDG_CACHE_HOME="$dir/cache" ASYNCPATH_CACHE=off
for n in 1000 10000 100000; do
	python3 bench/gen.py "$n" "$dir/g$n" "$dir/g$n.ink"
done
bins="./asyncpath"
[ -n "$BEFORE" ] && bins="$BEFORE ./asyncpath"

# measure INPUT ARGS...: one line per binary ("label wall cpu rss").
measure() {
	input=$1
	shift
	set -- "$@"
	cmd=""
	for b in $bins; do
		[ -n "$cmd" ] && cmd="$cmd ::"
		cmd="$cmd $b $*"
	done
	# shellcheck disable=SC2086
	python3 bench/measure.py "$RUNS" "$input" $cmd
}
label() { [ "$1" = ./asyncpath ] && echo now || echo before; }

echo "1. Start to first choices (walk; ms and MB)"
printf '%-10s %-7s %9s %9s %9s %9s\n' guide binary "best ms" "median" \
    "CPU ms" "peak MB"
for g in 1000 10000 100000 shipped; do
	data="$dir/g$g"
	[ "$g" = shipped ] && data=.
	measure "$dir/quit" --data "$data" --plain --no-pager \
	    > "$dir/m" || exit 1
	set -- $bins
	while read -r best med cpu rss; do
		printf '%-10s %-7s %9s %9s %9s %9s\n' "$g" "$(label "$1")" \
		    "$best" "$med" "$cpu" "$rss"
		shift
	done < "$dir/m"
done
echo "   targets: 10k at most 50 ms; 100k under 64 MB; shipped under 10 ms"

echo
echo "2. Load + full check (ms, MB)"
printf '%-10s %-7s %9s %9s %9s\n' guide binary "best ms" "CPU ms" "peak MB"
for g in 1000 10000 100000; do
	measure - --data "$dir/g$g" check > "$dir/m" || exit 1
	set -- $bins
	while read -r best med cpu rss; do
		printf '%-10s %-7s %9s %9s %9s\n' "$g" "$(label "$1")" "$best" \
		    "$cpu" "$rss"
		echo "$1 $cpu" >> "$dir/check-$g"
		shift
	done < "$dir/m"
done
for b in $bins; do
	c10=$(awk -v b="$b" '$1 == b {print $2}' "$dir/check-10000")
	c100=$(awk -v b="$b" '$1 == b {print $2}' "$dir/check-100000")
	echo "   $(label "$b"): check 100k / 10k (CPU): $(echo "$c100 $c10" |
	    awk '{printf "%.1f", $1 / $2}')x (target: at most 11x;" \
	    "100k under 1 s)"
done
./asyncpath --data "$dir/g100000" check 2>&1 | grep -E "^state search|errors" |
    sed 's/^/   /'

echo
DIR=$dir sh bench/ink.sh

echo
echo "4. Through the guide cache: start to first choices, and load + check"
echo "   (cold: an empty cache, the image written, timed with the sh that"
echo "   empties it; warm: the image read; ms and MB)"
printf '%-12s %-5s %9s %9s %9s\n' guide run "best ms" "CPU ms" "peak MB"
unset ASYNCPATH_CACHE
for g in 1000 10000 100000 shipped check-100000; do
	data="$dir/g$g" input=$dir/quit cmd=""
	case $g in
	shipped) data=. ;;
	check-*) data="$dir/g${g#check-}" input=- cmd=check ;;
	esac
	c="$dir/cache-$g"
	# shellcheck disable=SC2086
	python3 bench/measure.py "$RUNS" "$input" sh -c 'rm -rf "$0"; \
	    XDG_CACHE_HOME=$0 exec "$@"' "$c" ./asyncpath --data "$data" \
	    --plain --no-pager $cmd > "$dir/m" || exit 1
	read -r best med cpu rss < "$dir/m"
	printf '%-12s %-5s %9s %9s %9s\n' "$g" cold "$best" "$cpu" "$rss"
	# shellcheck disable=SC2086
	XDG_CACHE_HOME=$c ./asyncpath --data "$data" --plain --no-pager \
	    $cmd < /dev/null > /dev/null 2>&1
	# shellcheck disable=SC2086
	XDG_CACHE_HOME=$c python3 bench/measure.py "$RUNS" "$input" \
	    ./asyncpath --data "$data" --plain --no-pager $cmd > "$dir/m" ||
	    exit 1
	read -r best med cpu rss < "$dir/m"
	printf '%-12s %-5s %9s %9s %9s\n' "$g" warm "$best" "$cpu" "$rss"
done
echo "   targets (warm): 10k at most 50 ms; 100k under 64 MB; shipped under"
echo "   10 ms; 100k load + check under 1 s"
