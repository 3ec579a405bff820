# tier: slow
# 50-fuzz.sh: the saved libFuzzer corpora (fuzz/corpus/NAME) replayed once
# through their targets under ASan and UBSan, no fuzzing: every input
# that ever found something stays a regression test.  Needs clang with
# libFuzzer (tools/deps.sh test installs it).
fuzzer_lib=
command -v clang > /dev/null 2>&1 &&
    fuzzer_lib=$(find "$(clang -print-resource-dir)/lib" \
    -name 'libclang_rt.fuzzer-x86_64.a' 2> /dev/null | head -1)
if [ -z "$fuzzer_lib" ]; then
	echo "skip - fuzz corpora: clang with libFuzzer is not installed"
elif ! make -s fuzz-build > "$OUT/fuzz-build.txt" 2>&1; then
	not_ok "fuzz targets build with clang"
	tail -20 "$OUT/fuzz-build.txt" | sed 's/^/    /'
else
	for corpus in fuzz/corpus/*/; do
		t=$(basename "$corpus")
		n=$(find "$corpus" -type f | wc -l)
		# each input run once; a property, leak or sanitizer
		# report fails the run
		if find "$corpus" -type f -print0 | ASAN_OPTIONS=detect_leaks=1 \
		    UBSAN_OPTIONS=print_stacktrace=1 xargs -0 \
		    "build/fuzz/fuzz_$t" -timeout=120 \
		    > "$OUT/fuzz-$t.txt" 2>&1; then
			ok "fuzz corpus $t: $n inputs replayed under ASan and UBSan"
		else
			not_ok "fuzz corpus $t replays cleanly"
			grep -v '^    #[0-9]' "$OUT/fuzz-$t.txt" | grep -v \
			    '^Running: \|^Executed ' | tail -20 | sed 's/^/    /'
		fi
	done
fi
