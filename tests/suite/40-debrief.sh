# tier: slow
# Debrief (issue 22): every line shown belongs to a choice the walk took,
# over random walks and the shortest walk to every line that check
# --variants finds; see tests/debrief_check.py.  Slow: some 400 walks
# through the binary take about 20 s.
python3 tests/debrief_check.py "$BIN" 300 > "$OUT/debrief.txt" 2>&1
relay "$OUT/debrief.txt" "debrief: "
grep -q "^debrief: 0 failed" "$OUT/debrief.txt" ||
    not_ok "debrief check ran to the end"
