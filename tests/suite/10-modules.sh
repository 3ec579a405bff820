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
# No function over 80 lines but the renderer's node switch
# (tools/funclen.py); the rule can fail: a planted function of 81 lines,
# with braces in its strings and comments that must not count.
if python3 tools/funclen.py > "$OUT/funclen.out" 2>&1; then
	ok "no function over 80 lines (but the renderer's node switch)"
else
	not_ok "no function over 80 lines (but the renderer's node switch)"
	sed 's/^/    /' "$OUT/funclen.out"
fi
plant() { # plant N: a function whose body is N lines
	printf 'static int\nlong_one(void)\n{\n\tint n = 0; /* } */\n'
	i=2
	while [ $i -lt "$1" ]; do
		printf '\tn += (int)sizeof "}}";\n'
		i=$((i + 1))
	done
	printf "\treturn n + '}';\n}\n"
}
plant 80 > "$OUT/funclen-80.c"
plant 81 > "$OUT/funclen-81.c"
python3 tools/funclen.py "$OUT/funclen-80.c" > "$OUT/funclen-80.out" 2>&1
st80=$?
python3 tools/funclen.py "$OUT/funclen-81.c" > "$OUT/funclen-81.out" 2>&1
st81=$?
if [ $st80 = 0 ] && [ $st81 = 1 ] &&
    grep -q 'funclen-81.c:2: long_one is 81 lines' "$OUT/funclen-81.out"; then
	ok "funclen: a body of 80 lines passes, one of 81 is named and fails"
else
	not_ok "funclen: 80 lines gave $st80, 81 gave $st81: $(cat "$OUT/funclen-81.out")"
fi
