# tier: slow
# The real binary in a pseudo-terminal: completion, history, Ctrl-C.
if command -v python3 > /dev/null 2>&1; then
	timeout 600 python3 tests/pty_test.py "$BIN" > "$OUT/pty.txt" 2>&1 ||
	    echo "not ok the pty test ran to its end" >> "$OUT/pty.txt"
	relay "$OUT/pty.txt" "pty: "
else
	not_ok "pty tests need python3"
fi
