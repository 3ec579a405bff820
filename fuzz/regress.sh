#!/bin/sh
# regress.sh: the inputs that found the renderer faults of issue 9 (and
# issue 10.6), as seeds of fuzz/corpus/render, each named by its SHA-1.
# Byte 0 is the width less 20, byte 1 the mode (0 plain, 1 colour, 3
# colour and links).  Run from the top of the tree; safe to rerun.
set -eu
put() { # put WIDTH MODE: stdin (Markdown) becomes one seed
	tmp=$(mktemp)
	{ printf "\\$(printf %03o $(($1 - 20)))\\$(printf %03o "$2")"; cat; } > "$tmp"
	mv "$tmp" "fuzz/corpus/render/$(sha1sum < "$tmp" | cut -c1-40)"
	chmod 644 "fuzz/corpus/render/"*
}
mkdir -p fuzz/corpus/render
quotes() { python3 -c 'import sys; print("> " * int(sys.argv[1]) + "word\n\n> after")' "$1"; }
for w in 20 80; do
	for m in 0 1; do
		quotes 33 | put $w $m                        # 9.1: the crash
		python3 -c 'print("".join("  " * i + "- item %d has words enough to wrap\n" % i for i in range(40)))' |
		    put $w $m                              # 9.1: a 40-deep list
	done
done
quotes 1000 | put 20 0
python3 -c 'print("".join("   " * i + "1. " + "> " * (i % 3) + "x\n" for i in range(60)))' | put 40 3
python3 -c 'print("<div>\n" + "&" * 65536)' | put 80 0      # 9.2
python3 -c 'print("<div>\n" + "<" * 65536)' | put 80 0      # 9.2
printf 'a \342\200\256b \342\201\246c\342\201\251 \342\200\217d \330\234e\n' | put 40 0   # 9.7
printf '# \342\200\256t\n\n> \342\201\247x\342\201\251 `\342\200\256`\n' | put 40 1
printf 'C1 \302\233[2J and DEL \177 in text\n' | put 40 0               # 9.8
python3 -c 'print("\u65e5\u672c\u8a9e " * 30)' | put 40 0           # 9.9
printf 'Text.\n\n```rust\nlet x = 1;\n\n## Morals\n\n- one\n' | put 60 0   # 9.10
printf 'A Box<dyn Future> and Pin<Box<dyn Future<Output = ()>>> stay.\n' | put 40 0  # 10.6
printf '<div>\n<dyn Future> &#x1F980; &#1114112; &nosuch; <span>x</span>\n</div>\n' | put 40 1
