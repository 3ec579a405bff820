# tier: slow
# No memory error or leak on scripted walks, checks and every page.
if command -v valgrind > /dev/null 2>&1; then
	if sh tests/valgrind.sh > "$OUT/valgrind.txt" 2>&1; then
		ok "valgrind: walks, check, graph and all pages: no errors, no leaks"
	else
		not_ok "valgrind: walks, check, graph and all pages"
		tail -30 "$OUT/valgrind.txt" | sed 's/^/    /'
	fi
else
	echo "skip - valgrind is not installed"
fi
