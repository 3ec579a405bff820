# tier: fast
# Decisions (issue 11): the census targets, right against wrong calls,
# Grace against Alan; see tests/decisions_check.py.
python3 tests/decisions_check.py "$BIN" > "$OUT/decisions.txt" 2>&1
relay "$OUT/decisions.txt" "decisions: "
grep -q "^decisions: 0 failed" "$OUT/decisions.txt" ||
    not_ok "decisions check ran to the end"
