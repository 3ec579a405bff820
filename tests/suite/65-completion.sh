# tier: slow
# 65-completion.sh: the bash and zsh completions (completions/) in a real
# shell in a pseudo-terminal: `asyncpath read al<Tab>` offers Alan's
# stories, options and path ids complete, names on disk after --data=.
if ! command -v bash > /dev/null 2>&1 || ! command -v python3 > /dev/null 2>&1
then
	echo "skip - completion: bash and python3 are needed"
else
	timeout 600 python3 tests/completion_pty.py "$BIN" \
	    > "$OUT/completion.txt" 2>&1 ||
	    echo "not ok the completion test ran to its end" \
	    >> "$OUT/completion.txt"
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "completion: ${line#ok }" ;;
		"not ok "*) not_ok "completion: ${line#not ok }" ;;
		"skip "*) echo "skip - completion: ${line#skip }" ;;
		*) echo "$line" ;;
		esac
	done < "$OUT/completion.txt"
fi
