# tier: fast
# The loader's files: FIFOs and devices never block or flood (exit 66),
# content files have a 16 MB limit (path files, streamed, 64 MB), render - still reads stdin, a UTF-8
# byte-order mark starts a card or a path file, a summary counts
# characters, and every header can be included twice.
lf_dir=$OUT/loader-files
rm -rf "$lf_dir"
mkdir -p "$lf_dir"
lf_data() { # a copy of the good fixture at $lf_dir/$1
	cp -R tests/fixtures/good "$lf_dir/$1"
}
# expect_exit NAME STATUS TEXT CMD...: CMD exits STATUS within 20 s
# and its stderr holds TEXT.
lf_expect() {
	lf_name=$1 lf_want=$2 lf_text=$3
	shift 3
	timeout 20 "$@" > "$lf_dir/out" 2> "$lf_dir/err" < /dev/null
	lf_got=$?
	if [ "$lf_got" = "$lf_want" ] &&
	    grep -qF -- "$lf_text" "$lf_dir/err"; then
		ok "$lf_name"
	else
		not_ok "$lf_name"
		echo "    exit $lf_got (want $lf_want); stderr:"
		sed 's/^/    /' "$lf_dir/err" | head -5
	fi
}
lf_data fifo-path
mkfifo "$lf_dir/fifo-path/paths/x.yaml"
lf_expect "a FIFO as a path file: located error, exit 66" 66 \
    "fifo-path/paths/x.yaml: error: cannot read: it is not a regular file" \
    $BIN --data "$lf_dir/fifo-path" list nodes
lf_data fifo-card
mkfifo "$lf_dir/fifo-card/stories/x.md"
lf_expect "a FIFO as a card: located error, exit 66" 66 \
    "fifo-card/stories/x.md: error: cannot read: it is not a regular file" \
    $BIN --data "$lf_dir/fifo-card" list nodes
lf_data dev-card
ln -s /dev/zero "$lf_dir/dev-card/stories/zero.md"
lf_expect "a card linked to /dev/zero: located error, exit 66" 66 \
    "dev-card/stories/zero.md: error: cannot read: it is not a regular" \
    $BIN --data "$lf_dir/dev-card" list nodes
mkfifo "$lf_dir/fifo.md"
lf_expect "render FIFO: error, exit 66" 66 "it is not a regular file" \
    $BIN render "$lf_dir/fifo.md"
lf_expect "render /dev/zero: error, exit 66" 66 "it is not a regular file" \
    $BIN render /dev/zero
lf_expect "render a folder: error, exit 66" 66 "it is a folder" \
    $BIN render tests
head -c 16777217 /dev/zero | tr '\0' 'a' > "$lf_dir/big.md"
lf_expect "render a file past 16 MB: error, exit 66" 66 \
    "it is too large: a content file may hold 16 MB" \
    $BIN render "$lf_dir/big.md"
lf_data big-card
cp "$lf_dir/big.md" "$lf_dir/big-card/stories/big.md"
lf_expect "a card past 16 MB: located error, exit 66" 66 \
    "big-card/stories/big.md: error: cannot read: it is too large" \
    $BIN --data "$lf_dir/big-card" list nodes
rm -f "$lf_dir/big.md" "$lf_dir/big-card/stories/big.md"
# path files are streamed, so their limit is 64 MB
lf_data big-path
head -c 67108865 /dev/zero > "$lf_dir/big-path/paths/big.yaml"
lf_expect "a path file past 64 MB: located error, exit 66" 66 \
    "big-path/paths/big.yaml: error: cannot read: it is too large" \
    $BIN --data "$lf_dir/big-path" list nodes
rm -f "$lf_dir/big-path/paths/big.yaml"
if printf '# Title\n\nFrom *stdin*.\n' | timeout 20 $BIN --plain render - \
    2>&1 | grep -q 'From stdin'; then
	ok "render - reads stdin"
else
	not_ok "render - reads stdin"
fi

# A byte-order mark in front of a card and a path file changes nothing.
lf_data bom
for f in stories/carol-finds-peace.md paths/other.yaml; do
	printf '\357\273\277' > "$lf_dir/bom/$f"
	cat "tests/fixtures/good/$f" >> "$lf_dir/bom/$f"
done
$BIN --data tests/fixtures/good list nodes > "$lf_dir/nodes.want" 2>&1
if $BIN --data "$lf_dir/bom" list nodes > "$lf_dir/nodes.got" 2>&1 &&
    cmp -s "$lf_dir/nodes.want" "$lf_dir/nodes.got" &&
    $BIN --data "$lf_dir/bom" --plain show carol-finds-peace \
    > "$lf_dir/bom.show" 2>&1; then
	ok "a byte-order mark starts a card and a path file"
else
	not_ok "a byte-order mark starts a card and a path file"
	sed 's/^/    /' "$lf_dir/nodes.got" | head -5
fi

# 140 characters of two bytes each are 140 characters, not 280.
lf_data summary
python3 - "$lf_dir/summary/stories/carol-finds-peace.md" <<'PY'
import re, sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
t = re.sub(r"(?m)^summary:.*$", 'summary: "' + "é" * 140 + '"', t, count=1)
open(p, "w", encoding="utf-8").write(t)
PY
if $BIN --data "$lf_dir/summary" list stories > "$lf_dir/sum.out" 2>&1; then
	ok "a summary of 140 two-byte characters loads"
else
	not_ok "a summary of 140 two-byte characters loads"
	sed 's/^/    /' "$lf_dir/sum.out" | head -3
fi

# Every header compiles when included twice (its guard closes last).
lf_bad=
for h in include/*/*.h; do
	printf '#include "%s"\n#include "%s"\n' "${h##*/}" "${h##*/}" \
	    > "$lf_dir/twice.c"
	# shellcheck disable=SC2046
	cc -std=c11 -D_XOPEN_SOURCE=700 -fsyntax-only -Ibuild \
	    $(for l in include/*/; do printf -- '-I%s ' "$l"; done) \
	    $(pkg-config --cflags libcmark yaml-0.1 readline 2>/dev/null) \
	    "$lf_dir/twice.c" 2> "$lf_dir/twice.err" || lf_bad="$lf_bad $h"
done
if [ -z "$lf_bad" ]; then
	ok "every header can be included twice"
else
	not_ok "every header can be included twice:$lf_bad"
fi
