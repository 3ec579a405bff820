# Module graph: the #include lines of include/ and src/ form no cycle
# (tools/modgraph.py), and a story card knows nothing of paths.
if python3 tools/modgraph.py > "$OUT/modgraph.out" 2>&1; then
	ok "module graph has no cycle"
else
	not_ok "module graph has no cycle"
	sed 's/^/    /' "$OUT/modgraph.out"
fi
if python3 tools/modgraph.py --print | grep -q '^story:.*\b\(guide\|load\)\b'
then
	not_ok "story depends on neither guide nor load"
else
	ok "story depends on neither guide nor load"
fi
