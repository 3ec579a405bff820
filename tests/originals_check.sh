#!/bin/sh
# originals_check.sh BIN: every card's source is one of the originals listed
# in tests/originals.txt, its id follows from that page's file name, and
# every original listed has exactly one card.  Prints ok/not ok lines.
set -u
BIN=$1
list=tests/originals.txt
base=https://rust-lang.github.io/wg-async/vision/
want=$(grep -v '^#' "$list" | sort)
got=$($BIN graph --format json | python3 -c '
import json, sys
for s in json.load(sys.stdin)["stories"]:
    print(s["id"], s["source"])')
bad=0
printf '%s\n' "$got" | while read -r id src; do
	page=${src#"$base"}
	if ! printf '%s\n' "$want" | grep -qx "$page"; then
		echo "not ok card $id: source $src is not a listed original"
		continue
	fi
	f=$(basename "$page" .html | tr _ -)
	case $page in
	*/aws_engineer/*) expect="aws-engineer-$f" ;;
	*) expect=$f ;;
	esac
	[ "$id" = "$expect" ] || echo "not ok card $id: expected id $expect"
done
for page in $want; do
	n=$(printf '%s\n' "$got" | awk -v u="$base$page" '$2 == u' | wc -l)
	[ "$n" -eq 1 ] || echo "not ok original $page has $n cards"
done
echo "checked $(printf '%s\n' "$got" | wc -l) cards against $(printf '%s\n' "$want" | wc -l) originals"
