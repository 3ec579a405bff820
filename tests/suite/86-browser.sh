# tier: slow
# The reading commands' HTML pages (handouts, a transcript, a report:
# tests/reading/pages.sh writes them afresh) in a real headless Chromium,
# and the report with exercise results 81-runner.sh wrote when it ran.
if command -v chromium > /dev/null 2>&1 && command -v pdftotext > /dev/null 2>&1
then
	. tests/reading/pages.sh
	br_more=
	[ -f "$OUT/report-exercises.html" ] &&
	    br_more="$OUT/report-exercises.html"
	# shellcheck disable=SC2086
	timeout 900 python3 tests/browser_check.py "$OUT/browser" \
	    $pages_browser $br_more > "$OUT/browser.txt" 2>&1 ||
	    echo "not ok - the browser check ran to its end" >> "$OUT/browser.txt"
	relay "$OUT/browser.txt" "browser: "
else
	echo "skip - the browser check needs chromium and poppler-utils"
fi
