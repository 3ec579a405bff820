# tier: fast
# Unit tests (cmocka, TAP output).
for t in tests/unit_guide tests/unit_walk tests/unit_render tests/unit_repl \
    tests/unit_session tests/unit_checks
do
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$OUT/$(basename "$t").tap" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "$(basename "$t"): ${line#ok * - }" ;;
		"not ok "*) not_ok "$(basename "$t"): ${line#not ok * - }"
			sed 's/^/    /' "$OUT/$(basename "$t").tap" ;;
		esac
	done < "$OUT/$(basename "$t").tap"
	if ! grep -q '^ok ' "$OUT/$(basename "$t").tap"; then
		not_ok "$(basename "$t"): ran no test"
		sed 's/^/    /' "$OUT/$(basename "$t").tap"
	fi
done
