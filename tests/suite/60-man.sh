# tier: fast
# 60-man.sh: the manual page (docs/asyncpath.1.md through libcmark's man
# renderer) renders without a warning at 80 columns, and it names every
# command and option that --help lists, and no option that --help does
# not (the --help of each command included, where it has one), every walk
# command, and every environment variable the code reads.
if ! command -v man > /dev/null 2>&1; then
	echo "skip - man page: man (man-db) is not installed"
else
	MANWIDTH=80 man --warnings -l build/asyncpath.1 \
	    > "$OUT/man80.txt" 2> "$OUT/man80.err"
	if [ $? -eq 0 ] && [ ! -s "$OUT/man80.err" ] &&
	    grep -q '^ASYNCPATH(1)' "$OUT/man80.txt"; then
		ok "man page renders at 80 columns without warnings"
	else
		not_ok "man page renders at 80 columns without warnings"
		head -20 "$OUT/man80.err" | sed 's/^/    /'
	fi
	# wide, so that no option is split at a line end
	MANWIDTH=1000 man -l build/asyncpath.1 2> /dev/null |
	    grep -o -- '--[a-z][a-z-]*' | sort -u > "$OUT/man-options.txt"
	$BIN --help > "$OUT/help.txt" 2>&1
	# the commands: the first word of each line of the commands block
	sed -n '/^commands:/,/^$/p' "$OUT/help.txt" |
	    sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' > "$OUT/help-commands.txt"
	while read -r cmd; do
		$BIN "$cmd" --help > "$OUT/help-$cmd.txt" 2> /dev/null &&
		    cat "$OUT/help-$cmd.txt" >> "$OUT/help.txt"
	done < "$OUT/help-commands.txt"
	grep -o -- '--[a-z][a-z-]*' "$OUT/help.txt" | sort -u \
	    > "$OUT/help-options.txt"
	only_help=$(comm -23 "$OUT/help-options.txt" "$OUT/man-options.txt")
	only_man=$(comm -13 "$OUT/help-options.txt" "$OUT/man-options.txt")
	if [ -s "$OUT/help-options.txt" ] && [ -z "$only_help$only_man" ]; then
		ok "man page and --help name the same $(wc -l < \
		    "$OUT/help-options.txt") options"
	else
		not_ok "man page and --help name the same options"
		[ -n "$only_help" ] && echo "    only in --help:" $only_help
		[ -n "$only_man" ] && echo "    only in the man page:" $only_man
	fi
	# every variable the code reads is in ENVIRONMENT
	env_missing=
	for v in $(grep -oh 'getenv("[A-Z_]*")' src/*/*.c | sort -u |
	    sed 's/getenv("\(.*\)")/\1/'); do
		sed -n '/^ENVIRONMENT/,/^[A-Z]/p' "$OUT/man80.txt" |
		    grep -q "\b$v\b" || env_missing="$env_missing $v"
	done
	[ -z "$env_missing" ] &&
	    ok "man page: every environment variable the code reads" ||
	    not_ok "man page: ENVIRONMENT misses$env_missing"
	# the walk commands, as the program lists them for completion
	walk_missing=
	for cmd in $($BIN complete --walk 2> /dev/null); do
		sed -n '/^WALK COMMANDS/,/^[A-Z]/p' "$OUT/man80.txt" |
		    grep -q "^       • $cmd\b" || walk_missing="$walk_missing $cmd"
	done
	[ -n "$($BIN complete --walk 2> /dev/null)" ] && [ -z "$walk_missing" ] &&
	    ok "man page describes every walk command" ||
	    not_ok "man page: WALK COMMANDS misses$walk_missing"
	missing=
	while read -r cmd; do
		sed -n '/^COMMANDS/,/^[A-Z]/p' "$OUT/man80.txt" |
		    grep -q "^       • $cmd\b" || missing="$missing $cmd"
	done < "$OUT/help-commands.txt"
	if [ -s "$OUT/help-commands.txt" ] && [ -z "$missing" ]; then
		ok "man page describes every command --help lists ($(wc -l < \
		    "$OUT/help-commands.txt"))"
	else
		not_ok "man page describes every command --help lists:" \
		    "missing$missing"
	fi
fi
