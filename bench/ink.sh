#!/bin/sh
# ink.sh: asyncpath against inkjs (the ink runtime) on the same graph.
# bench/gen.py writes each synthetic guide also as an ink story (a knot per
# node, the same choices under the same conditions); inkjs's compiler turns
# it into JSON, untimed, as an ink game ships it (DIR/gN.json, which the
# budgets of bench.sh reuse).  First both walk the same picks and must
# visit the same nodes; then both are timed from start to first choices,
# interleaved: asyncpath parsing its YAML, inkjs reading its JSON.  Needs
# node and npm: inkjs is installed with npm into bench/ink/node_modules,
# never into the build.
set -u
cd "$(dirname "$0")/.." || exit 1
echo "5. Side by side with inkjs 2.4.0 (start to first choices)"
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
	echo "   skipped: node and npm are not installed"
	exit 0
fi
if [ ! -d bench/ink/node_modules/inkjs ] &&
    ! npm install --prefix bench/ink --no-audit --no-fund --silent \
    > /dev/null 2>&1; then
	echo "   skipped: npm could not install inkjs"
	exit 0
fi
own=
if [ -z "${DIR:-}" ]; then
	DIR=$(mktemp -d)
	own=$DIR
fi
RUNS=${RUNS:-5}
printf 'quit\n' > "$DIR/quit"
printf '%-8s %-10s %9s %9s %9s %9s\n' guide runtime "best ms" "CPU ms" \
    "peak MB" "ratio (wall)"
for n in 1000 10000; do
	[ -d "$DIR/g$n" ] || python3 bench/gen.py "$n" "$DIR/g$n" "$DIR/g$n.ink"
	node bench/ink/compile.js "$DIR/g$n.ink" "$DIR/g$n.json" || exit 1
	# the same walk: inkjs picks, asyncpath follows, both list the nodes
	node bench/ink/walk.js "$DIR/g$n.json" 60 > "$DIR/ink-walk"
	sed -n 's/^visit //p' "$DIR/ink-walk" > "$DIR/ink-nodes"
	{ sed -n 's/^pick //p' "$DIR/ink-walk"; echo quit; } |
	    ./asyncpath --data "$DIR/g$n" --plain --no-pager 2>&1 |
	    sed -n 's/^# Hub$/hub/p; s/^# Node \([0-9]*\)\.\([0-9]*\)$/c\1n\2/p' \
	    > "$DIR/ap-nodes"
	if ! cmp -s "$DIR/ink-nodes" "$DIR/ap-nodes"; then
		echo "   $n: the walks differ: not comparable"
		diff "$DIR/ink-nodes" "$DIR/ap-nodes" | head -5
		continue
	fi
	python3 bench/measure.py "$RUNS" "$DIR/quit" ./asyncpath --data \
	    "$DIR/g$n" --plain --no-pager :: node bench/ink/walk.js \
	    "$DIR/g$n.json" > "$DIR/m" || exit 1
	if grep -q '^fail' "$DIR/m"; then
		echo "   $n: a run failed: $(grep '^fail' "$DIR/m" | head -1)"
		continue
	fi
	{ read -r ab _ ac ar; read -r ib _ ic ir; } < "$DIR/m"
	printf '%-8s %-10s %9s %9s %9s %9s\n' "$n" "asyncpath" "$ab" "$ac" \
	    "$ar" "$(echo "$ib $ab $ir $ar" |
	    awk '{printf "inkjs/this: %.1fx time, %.1fx memory", $1 / $2, $3 / $4}')"
	printf '%-8s %-10s %9s %9s %9s\n' "$n" inkjs "$ib" "$ic" "$ir"
	echo "   same walk: $(wc -l < "$DIR/ap-nodes") nodes visited alike"
done
[ -n "$own" ] && rm -rf "$own"
exit 0
