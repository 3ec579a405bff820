# tier: slow
# The pages 85-reading.sh wrote ($browser_pages, the transcript and the
# report) in a real headless Chromium, and the report with exercise
# results 81-runner.sh wrote when it ran.
# Every page in a real browser.
if command -v chromium > /dev/null 2>&1 && command -v pdftotext > /dev/null 2>&1
then
	br_more=
	[ -f "$OUT/report-exercises.html" ] &&
	    br_more="$OUT/report-exercises.html"
	# shellcheck disable=SC2086
	timeout 900 python3 tests/browser_check.py "$OUT/browser" $browser_pages \
	    "$OUT/transcript.html" "$OUT/report.html" $br_more \
	    > "$OUT/browser.txt" 2>&1 ||
	    echo "not ok - the browser check ran to its end" >> "$OUT/browser.txt"
	relay "$OUT/browser.txt" "browser: "
else
	echo "skip - the browser check needs chromium and poppler-utils"
fi
