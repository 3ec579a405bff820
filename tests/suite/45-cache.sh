# 45-cache.sh: the compiled guide cache (src/gcache.c) through the real
# binary.  Each check has its own cache folder under $OUT/gc and reads
# the cache's trace (ASYNCPATH_CACHE=trace) to know a hit from a miss.
# What it shows: a cached load prints exactly what a fresh parse prints
# (graph, check, walks; shipped content, a bench guide, the fixtures and
# every broken guide of tests/check); one changed byte or a card added or
# removed is a miss; a truncated, corrupted or foreign image, a folder
# that cannot be written (or read-only, or a full disk), no HOME: the
# content is parsed and the output is the same; concurrent first runs
# leave one image; --no-cache and ASYNCPATH_CACHE=off write nothing; the
# folder is 0700, images 0600, the newest 8 kept.  Hostile images with a
# valid checksum are the unit test's and the fuzz target's (cache); an
# image or folder others could write is never read.
gc_dir=$PWD/$OUT/gc
rm -rf "$gc_dir"
mkdir -p "$gc_dir"
gc_nok=0

# gcx CACHE OUT ARGS...: the binary with cache folder CACHE; its output
# (stdout and stderr, no trace) and exit status go to OUT, the trace to
# OUT.trace.
gcx() {
	gcx_c=$1 gcx_o=$2
	shift 2
	XDG_CACHE_HOME=$gc_dir/$gcx_c ASYNCPATH_CACHE=trace "$BIN" "$@" \
	    > "$gcx_o.all" 2>&1
	gcx_st=$?
	grep -v '^asyncpath: cache: ' "$gcx_o.all" > "$gcx_o"
	echo "exit $gcx_st" >> "$gcx_o"
	grep '^asyncpath: cache: ' "$gcx_o.all" > "$gcx_o.trace"
}
# gcref OUT ARGS...: the same, parsed (--no-cache).
gcref() {
	gcref_o=$1
	shift
	XDG_CACHE_HOME=$gc_dir/unused "$BIN" --no-cache "$@" > "$gcref_o" 2>&1
	echo "exit $?" >> "$gcref_o"
}
# what OUT: "hit", "stored" (a miss written), "cannot" (a miss that could
# not be written), "not" (stored: not a clean load; used: no cache).
what() {
	case $(cat "$1.trace") in
	*": hit "*) echo hit ;;
	*", stored") echo stored ;;
	*", cannot store") echo cannot ;;
	*"not "*) echo not ;;
	*) echo "?" ;;
	esac
}
images() { find "$gc_dir/$1" -name '*.guide' 2> /dev/null | wc -l; }
leftovers() { find "$gc_dir/$1" -name '.tmp-*' 2> /dev/null | wc -l; }
# same NAME REF OUT WANT: OUT printed what REF did and the trace says WANT.
same() {
	if cmp -s "$2" "$3" && [ "$(what "$3")" = "$4" ]; then
		return 0
	fi
	echo "    $1: want $4, trace: $(cat "$3.trace")"
	diff "$2" "$3" | head -10 | sed 's/^/    /'
	return 1
}

# 1. The same output cold and warm as parsed, for every kind of guide.
python3 bench/gen.py 2000 "$gc_dir/bench"
for d in . tests/fixtures/good "$gc_dir/bench" tests/check/*/; do
	d=${d%/}
	bad=0
	n=0
	for c in "graph --format json" check "graph --format dot" \
	    "list nodes" "list stories"; do
		# shellcheck disable=SC2086
		gcref "$gc_dir/ref" --data "$d" $c
		# shellcheck disable=SC2086
		gcx id "$gc_dir/cold" --data "$d" $c
		# shellcheck disable=SC2086
		gcx id "$gc_dir/warm" --data "$d" $c
		want=hit
		[ $n -eq 0 ] && want=stored
		same "$d $c (first run)" "$gc_dir/ref" "$gc_dir/cold" $want ||
		    bad=1
		same "$d $c (again)" "$gc_dir/ref" "$gc_dir/warm" hit || bad=1
		n=$((n + 1))
	done
	case $d in tests/check/*) gc_what="broken guide ${d#tests/check/}" ;;
	"$gc_dir/bench") gc_what="a 2,000-node bench guide" ;;
	.) gc_what="the shipped content" ;; *) gc_what=$d ;;
	esac
	if [ $bad -eq 0 ]; then
		case $d in tests/check/*) gc_nok=$((gc_nok + 1)) ;;
		*) ok "cache: $gc_what: graph, check, list the same cold, warm and parsed" ;;
		esac
	else
		not_ok "cache: $gc_what: the same cold, warm and parsed"
	fi
done
[ $gc_nok -gt 0 ] &&
    ok "cache: $gc_nok broken guides of tests/check: check's warnings the same cold, warm and parsed"

# 2. Walks: every transcript, piped through the walk, the same.
bad=0
n=0
for in in tests/transcripts/*.in; do
	name=$(basename "$in" .in)
	args="--data tests/fixtures/good --plain --width 72"
	[ -f "tests/transcripts/$name.args" ] &&
	    args=$(cat "tests/transcripts/$name.args")
	# shellcheck disable=SC2086
	gcref "$gc_dir/ref" $args < "$in"
	# shellcheck disable=SC2086
	gcx walk "$gc_dir/warm" $args < "$in"
	# shellcheck disable=SC2086
	gcx walk "$gc_dir/warm" $args < "$in"
	same "transcript $name" "$gc_dir/ref" "$gc_dir/warm" hit || bad=1
	n=$((n + 1))
done
[ $bad -eq 0 ] && ok "cache: the $n walk transcripts the same from the cache" ||
    not_ok "cache: the walk transcripts the same from the cache"

# 3. Invalidation: one byte of a card, one byte of a path file, a card
# added, a card removed: each is a new key, and prints what a parse does.
gc_data=$gc_dir/data
cp -R tests/fixtures/good "$gc_data"
key() { sed -n 's/.* \([0-9a-f]\{32\}\)\.guide.*/\1/p' "$1.trace"; }
# flip FILE PATTERN: one byte changes: the first letter after the first
# PATTERN changes case (the content stays valid)
flip() {
	python3 - "$1" "$2" << 'EOF'
import sys
f, pat = sys.argv[1], sys.argv[2].encode()
b = bytearray(open(f, "rb").read())
j = b.index(pat) + len(pat)
while not chr(b[j]).isalpha():
    j += 1
b[j] ^= 0x20
open(f, "wb").write(b)
EOF
}
gcx inv "$gc_dir/o0" --data "$gc_data" show dave-locks-up
prev=$(key "$gc_dir/o0")
bad=0
for step in card path add remove; do
	case $step in
	card) flip "$gc_data/stories/dave-locks-up.md" "summary:" ;;
	path) flip "$(ls "$gc_data"/paths/*.yaml | head -1)" "title:" ;;
	add) sed 's/^id: dave-locks-up$/id: zed-new/' \
	    "$gc_data/stories/dave-locks-up.md" > "$gc_data/stories/zed-new.md" ;;
	remove) rm "$gc_data/stories/zed-new.md" ;;
	esac
	gcref "$gc_dir/ref" --data "$gc_data" list stories
	gcx inv "$gc_dir/o" --data "$gc_data" list stories
	gcref "$gc_dir/ref2" --data "$gc_data" show dave-locks-up
	gcx inv "$gc_dir/o2" --data "$gc_data" show dave-locks-up
	now=$(key "$gc_dir/o")
	want=stored
	[ $step = remove ] && want=hit # the files of the 'path' step again
	if [ "$now" = "$prev" ] || [ -z "$now" ] ||
	    ! same "$step" "$gc_dir/ref" "$gc_dir/o" $want ||
	    ! same "$step (show)" "$gc_dir/ref2" "$gc_dir/o2" hit; then
		bad=1
		echo "    $step: key $prev -> $now"
	fi
	prev=$now
done
grep -q 'zed-new' "$gc_dir/ref" && bad=1
[ $bad -eq 0 ] &&
    ok "cache: a byte of a card or path file, a card added or removed: a new key, output as parsed" ||
    not_ok "cache: a change to the content is a new key, output as parsed"

# 4. Damaged images: each is a miss with the output of a parse, and the
# miss writes a good image again; no temporary file is left.  Through
# the program and, when clang is here, the program under ASan and UBSan.
damaged() { # damaged CACHE LABEL
	gcref "$gc_dir/ref" --data "$gc_dir/bench" graph --format json
	gcx "$1" "$gc_dir/o" --data "$gc_dir/bench" graph --format json
	img=$(find "$gc_dir/$1" -name '*.guide')
	size=$(wc -c < "$img")
	bad=0
	for how in truncated flipped garbage empty folder foreign; do
		case $how in
		truncated) head -c $((size / 2)) "$img" > "$gc_dir/t" &&
		    mv "$gc_dir/t" "$img" ;;
		flipped) python3 -c 'import sys
f = sys.argv[1]; b = bytearray(open(f, "rb").read())
b[len(b) // 2] ^= 0x20; open(f, "wb").write(b)' "$img" ;;
		garbage) head -c "$size" /dev/urandom > "$img" ;;
		empty) : > "$img" ;;
		folder) rm "$img" && mkdir "$img" ;;
		foreign) rm -rf "$img" &&
		    cp "$(find "$gc_dir/id" -name '*.guide' ! -name \
		    "$(basename "$img")" | head -1)" "$img" ;;
		esac
		want=stored
		[ $how = folder ] && want=cannot
		gcx "$1" "$gc_dir/o" --data "$gc_dir/bench" graph --format json
		same "$how image" "$gc_dir/ref" "$gc_dir/o" $want || bad=1
		[ "$(leftovers "$1")" -eq 0 ] ||
		    { bad=1; echo "    $how: a .tmp- left"; }
		[ $how = folder ] && rmdir "$img"
		gcx "$1" "$gc_dir/o" --data "$gc_dir/bench" graph --format json
		same "$how, then" "$gc_dir/ref" "$gc_dir/o" \
		    "$([ $how = folder ] && echo stored || echo hit)" || bad=1
	done
	[ $bad -eq 0 ] &&
	    ok "cache: a truncated, flipped, random, empty, foreign image or a folder in its place: parsed, same output, written anew$2" ||
	    not_ok "cache: damaged images fall back to parsing$2"
}
damaged dmg ""
if command -v clang > /dev/null 2>&1 && find "$(clang -print-resource-dir)/lib" \
    -name 'libclang_rt.fuzzer-x86_64.a' 2> /dev/null | grep -q . &&
    make -s build/fuzz/asyncpath > "$OUT/gc-asan-build.txt" 2>&1; then
	gc_bin=$BIN
	BIN=build/fuzz/asyncpath
	damaged dmg-asan " (ASan and UBSan)"
	BIN=$gc_bin
else
	echo "skip - cache: damaged images under ASan: clang with its sanitizers is not here"
fi

# 5. A cache that cannot be written, or read only, or none at all.
gcref "$gc_dir/ref" --data tests/fixtures/good list nodes
bad=0
XDG_CACHE_HOME=/dev/null/cache ASYNCPATH_CACHE=trace "$BIN" \
    --data tests/fixtures/good list nodes > "$gc_dir/o.all" 2>&1
echo "exit $?" >> "$gc_dir/o.all"
grep -v '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o"
grep '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o.trace"
same "under a file" "$gc_dir/ref" "$gc_dir/o" cannot || bad=1
env -u HOME -u XDG_CACHE_HOME ASYNCPATH_CACHE=trace "$BIN" \
    --data tests/fixtures/good list nodes > "$gc_dir/o.all" 2>&1
echo "exit $?" >> "$gc_dir/o.all"
grep -v '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o"
grep '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o.trace"
same "no HOME" "$gc_dir/ref" "$gc_dir/o" not || bad=1
# a full disk: writes past 20 KB fail (EFBIG, SIGXFSZ ignored)
(
	trap '' XFSZ
	ulimit -f 20
	gcx full "$gc_dir/o" --data "$gc_dir/bench" list paths
)
gcref "$gc_dir/ref2" --data "$gc_dir/bench" list paths
same "full disk" "$gc_dir/ref2" "$gc_dir/o" cannot || bad=1
[ "$(images full)" -eq 0 ] && [ "$(leftovers full)" -eq 0 ] ||
    { bad=1; echo "    full disk: an image or a .tmp- left"; }
[ $bad -eq 0 ] &&
    ok "cache: a folder that cannot be made, no HOME, a full disk: parsed, same output, nothing left" ||
    not_ok "cache: an unwritable cache is skipped"

# read only: another user reads the images of a folder it cannot write.
# As root, that user is nobody, who may not reach this checkout (a clone
# in a 0700 folder from mktemp -d): the binary, the data and the cache
# folder go to a folder of their own that anyone can reach.
if [ "$(id -u)" = 0 ]; then
	ro() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	gc_pub=$(mktemp -d /tmp/asyncpath-ro.XXXXXX)
	chmod 755 "$gc_pub"
	cp "$BIN" "$gc_pub/asyncpath"
	gc_robin=$gc_pub/asyncpath
else
	ro() { "$@"; }
	gc_pub=$gc_dir/pub
	mkdir -p "$gc_pub"
	gc_robin=$BIN
fi
gc_ro=$gc_pub/data gc_roc=$gc_pub/cache
cp -R tests/fixtures/good "$gc_ro"
chmod -R a+rX "$gc_ro"
XDG_CACHE_HOME=$gc_roc "$BIN" --data "$gc_ro" list nodes > /dev/null 2>&1
chmod -R a+rX,go-w "$gc_roc"
[ "$(id -u)" = 0 ] || chmod a-w "$gc_roc/asyncpath/guides"
ro_images() { find "$gc_roc" -name '*.guide' 2> /dev/null | wc -l; }
gcref "$gc_dir/ref" --data "$gc_ro" list nodes
bad=0
ro env XDG_CACHE_HOME="$gc_roc" ASYNCPATH_CACHE=trace "$gc_robin" --data \
    "$gc_ro" list nodes > "$gc_dir/o.all" 2>&1
echo "exit $?" >> "$gc_dir/o.all"
grep -v '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o"
grep '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o.trace"
same "read-only hit" "$gc_dir/ref" "$gc_dir/o" hit || bad=1
flip "$gc_ro/stories/dave-locks-up.md" "summary:"
gcref "$gc_dir/ref" --data "$gc_ro" list stories
ro env XDG_CACHE_HOME="$gc_roc" ASYNCPATH_CACHE=trace "$gc_robin" --data \
    "$gc_ro" list stories > "$gc_dir/o.all" 2>&1
echo "exit $?" >> "$gc_dir/o.all"
grep -v '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o"
grep '^asyncpath: cache: ' "$gc_dir/o.all" > "$gc_dir/o.trace"
same "read-only miss" "$gc_dir/ref" "$gc_dir/o" cannot || bad=1
[ "$(ro_images)" -eq 1 ] || bad=1
[ "$(id -u)" = 0 ] || chmod u+w "$gc_roc/asyncpath/guides"
[ "$(id -u)" = 0 ] && rm -rf "$gc_pub"
[ $bad -eq 0 ] &&
    ok "cache: a read-only cache folder: its images used, a miss parsed and not written" ||
    not_ok "cache: a read-only cache folder"

# 6. Concurrent first runs leave one valid image and no temporary file.
gcref "$gc_dir/ref" --data "$gc_dir/bench" graph --format json
for i in 1 2 3 4; do
	gcx race "$gc_dir/race$i" --data "$gc_dir/bench" graph --format json &
done
wait
bad=0
for i in 1 2 3 4; do
	cmp -s "$gc_dir/ref" "$gc_dir/race$i" || bad=1
done
[ "$(images race)" -eq 1 ] && [ "$(leftovers race)" -eq 0 ] || bad=1
gcx race "$gc_dir/o" --data "$gc_dir/bench" graph --format json
same "after the race" "$gc_dir/ref" "$gc_dir/o" hit || bad=1
[ $bad -eq 0 ] &&
    ok "cache: four concurrent first runs: one image, no temporary file, then a hit" ||
    not_ok "cache: concurrent first runs leave one valid image"

# 7. Off: --no-cache and ASYNCPATH_CACHE=off make no folder.
XDG_CACHE_HOME=$gc_dir/off1 "$BIN" --no-cache --data tests/fixtures/good \
    list nodes > /dev/null 2>&1
XDG_CACHE_HOME=$gc_dir/off2 ASYNCPATH_CACHE=off "$BIN" \
    --data tests/fixtures/good list nodes > /dev/null 2>&1
[ ! -e "$gc_dir/off1" ] && [ ! -e "$gc_dir/off2" ] &&
    ok "cache: --no-cache and ASYNCPATH_CACHE=off write nothing" ||
    not_ok "cache: --no-cache and ASYNCPATH_CACHE=off write nothing"

# 8. Modes, and the newest GCACHE_KEEP (8) images kept; a temporary file
# an hour old is a dead writer's and goes.
mkdir -p "$gc_dir/prune/asyncpath/guides"
for i in 0 1 2 3 4 5 6 7 8 9; do
	f="$gc_dir/prune/asyncpath/guides/0000000000000000000000000000000$i.guide"
	printf 'old' > "$f"
	touch -d "$((i + 2)) hours ago" "$f"
done
: > "$gc_dir/prune/asyncpath/guides/.tmp-dead"
touch -d '2 hours ago' "$gc_dir/prune/asyncpath/guides/.tmp-dead"
chmod 700 "$gc_dir/prune/asyncpath/guides"
gcx prune "$gc_dir/o" --data tests/fixtures/good list nodes
new=$gc_dir/prune/asyncpath/guides/$(key "$gc_dir/o").guide
kept=$(ls "$gc_dir/prune/asyncpath/guides" | grep -c '\.guide$')
if [ "$kept" -eq 8 ] && [ -f "$new" ] && [ "$(leftovers prune)" -eq 0 ] &&
    [ ! -e "$gc_dir/prune/asyncpath/guides/00000000000000000000000000000009.guide" ] &&
    [ "$(stat -c %a "$new")" = 600 ] &&
    [ "$(stat -c %a "$gc_dir/id/asyncpath/guides")" = 700 ] &&
    [ "$(stat -c %a "$gc_dir/id/asyncpath")" = 700 ]; then
	ok "cache: folders 0700, images 0600, the newest 8 kept, a dead writer's file removed"
else
	not_ok "cache: modes and pruning"
	ls -la "$gc_dir/prune/asyncpath/guides" | sed 's/^/    /'
fi

# 9. A load with errors is never cached: each run parses and says so.
bad=0
for d in tests/bad/*/; do
	d=${d%/}
	[ -d "$d/paths" ] && [ -d "$d/stories" ] || continue
	gcref "$gc_dir/ref" --data "$d" list nodes
	gcx badc "$gc_dir/o" --data "$d" list nodes
	same "$d" "$gc_dir/ref" "$gc_dir/o" not || bad=1
done
[ "$(images badc)" -eq 0 ] || bad=1
[ $bad -eq 0 ] &&
    ok "cache: no malformed data folder is cached; each gives its errors as parsed" ||
    not_ok "cache: malformed data folders are not cached"

# 10. A path file of a megabyte or more is parsed from pages given back
# behind the parser: an error past them still names its line and column
# (the bytes are read again for the message).
python3 bench/gen.py 5000 "$gc_dir/big" > /dev/null
python3 -c 'import sys
f = sys.argv[1]; b = bytearray(open(f, "rb").read())
b[b.index(b"text:", 1200000) + 8] = 0xff; open(f, "wb").write(b)' \
    "$gc_dir/big/paths/bench.yaml"
gcref "$gc_dir/ref" --data "$gc_dir/big" list nodes
gcx big "$gc_dir/o" --data "$gc_dir/big" list nodes
if same "big" "$gc_dir/ref" "$gc_dir/o" not &&
    grep -q 'bench.yaml:[0-9]*:[0-9]*: error: invalid leading UTF-8' \
    "$gc_dir/o" && ! grep -q 'bench.yaml:1:1:' "$gc_dir/o"; then
	ok "cache: an encoding error deep in a large path file: located as parsed"
else
	not_ok "cache: an encoding error deep in a large path file: located as parsed"
	head -3 "$gc_dir/o" | sed 's/^/    /'
fi

# 11. An image or folder that someone else could have written is not read:
# a world-writable image is parsed past (and replaced by one of 0600); in
# a world-writable folder, every run parses.
gcref "$gc_dir/ref" --data tests/fixtures/good list nodes
gcx trust "$gc_dir/o" --data tests/fixtures/good list nodes
timg=$(find "$gc_dir/trust" -name '*.guide')
bad=0
chmod 666 "$timg"
gcx trust "$gc_dir/o" --data tests/fixtures/good list nodes
same "world-writable image" "$gc_dir/ref" "$gc_dir/o" stored || bad=1
[ "$(stat -c %a "$timg")" = 600 ] || bad=1
chmod 777 "$gc_dir/trust/asyncpath/guides"
gcx trust "$gc_dir/o" --data tests/fixtures/good list nodes
same "world-writable folder" "$gc_dir/ref" "$gc_dir/o" stored || bad=1
chmod 700 "$gc_dir/trust/asyncpath/guides"
gcx trust "$gc_dir/o" --data tests/fixtures/good list nodes
same "folder 0700 again" "$gc_dir/ref" "$gc_dir/o" hit || bad=1
[ $bad -eq 0 ] &&
    ok "cache: a world-writable image or folder is not read" ||
    not_ok "cache: a world-writable image or folder is not read"
