# Decisions (issue 11): the census targets, right against wrong calls,
# Grace against Alan; see tests/decisions_check.py.
python3 tests/decisions_check.py "$BIN" > "$OUT/decisions.txt" 2>&1
while IFS= read -r line; do
	case $line in
	"ok "*) ok "decisions: ${line#ok }" ;;
	"not ok "*) not_ok "decisions: ${line#not ok }" ;;
	*) echo "    $line" ;;
	esac
done < "$OUT/decisions.txt"
grep -q "^decisions: 0 failed" "$OUT/decisions.txt" ||
    not_ok "decisions check ran to the end"
