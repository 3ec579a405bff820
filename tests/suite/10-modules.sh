# tier: fast
# Module graph: the #include lines of include/LAYER/ and src/LAYER/ form
# no cycle and never reach up a layer (tools/modgraph.py), and a story card
# knows nothing of paths.
if python3 tools/modgraph.py > "$OUT/modgraph.out" 2>&1; then
	ok "module graph: no cycle, no include from a higher layer"
else
	not_ok "module graph: no cycle, no include from a higher layer"
	sed 's/^/    /' "$OUT/modgraph.out"
fi
if python3 tools/modgraph.py --print | grep -q '^content/story:.*\b\(guide\|load\)\b'
then
	not_ok "story depends on neither guide nor load"
else
	ok "story depends on neither guide nor load"
fi
# The rule can fail: a copy of the tree where util (base) includes walk.h
# (engine), and one where walk includes view.h and view includes walk.h.
mg=$OUT/modgraph-tree
rm -rf "$mg" && mkdir -p "$mg" && cp -R Makefile src include "$mg"/
printf '#include "walk.h"\n' >> "$mg/src/base/util.c"
python3 tools/modgraph.py --root "$mg" > "$OUT/modgraph-up.out" 2>&1
if [ $? = 1 ] && grep -q 'src/base/util.c:[0-9]*: base/ includes walk.h from the higher layer engine/' "$OUT/modgraph-up.out"; then
	ok "module graph: an upward include is named and fails"
else
	not_ok "module graph: an upward include is named and fails"
	sed 's/^/    /' "$OUT/modgraph-up.out"
fi
rm -rf "$mg" && mkdir -p "$mg" && cp -R Makefile src include "$mg"/
printf '#include "export.h"\n' >> "$mg/src/views/view.c"
printf '#include "view.h"\n' >> "$mg/src/views/export.c"
python3 tools/modgraph.py --root "$mg" > "$OUT/modgraph-cycle.out" 2>&1
if [ $? = 1 ] && grep -q '^modgraph: cycle: ' "$OUT/modgraph-cycle.out"; then
	ok "module graph: a cycle is named and fails"
else
	not_ok "module graph: a cycle is named and fails"
	sed 's/^/    /' "$OUT/modgraph-cycle.out"
fi
rm -rf "$mg"
