# tier: fast
# graph: JSON parses and matches the guide; DOT renders.
if $BIN --data tests/fixtures/good graph --format json > "$OUT/g.json" &&
    python3 tests/json_check.py "$OUT/g.json"; then
	ok "graph json parses and matches the fixture"
else
	not_ok "graph json parses and matches the fixture"
fi
if command -v dot > /dev/null 2>&1; then
	$BIN graph --format dot > "$OUT/g.dot" &&
	    dot -Tsvg "$OUT/g.dot" > "$OUT/g.svg" 2> "$OUT/dot.err" &&
	    grep -q "<svg" "$OUT/g.svg" && ok "graph dot renders with Graphviz" ||
	    not_ok "graph dot renders with Graphviz"
else
	not_ok "graph dot renders: Graphviz 'dot' is not installed"
fi
