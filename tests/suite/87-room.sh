# tier: slow
# 87-room.sh: asyncpath room on the loopback address (tests/room_check.py):
# hostile requests, the limits, a restart, 30 participants sending at once
# with the room restarted mid-workshop (every session in the room equal to
# the participant's own file), and the live page in headless Chromium;
# then a workshop run end to end (tests/room_workshop.py).
timeout 900 python3 tests/room_check.py "$BIN" "$OUT/room" \
    > "$OUT/room.txt" 2>&1 ||
    echo "not ok - the room check ran to its end" >> "$OUT/room.txt"
relay "$OUT/room.txt" "room: "
# A workshop end to end: ten participants in pseudo-terminals, named at
# the prompt, the live page halfway and the final report in Chromium.
timeout 900 python3 tests/room_workshop.py "$BIN" "$OUT/workshop" \
    > "$OUT/workshop.txt" 2>&1 ||
    echo "not ok - the workshop run ran to its end" >> "$OUT/workshop.txt"
relay "$OUT/workshop.txt" "workshop: "
