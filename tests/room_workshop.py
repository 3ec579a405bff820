#!/usr/bin/env python3
"""room_workshop.py BIN OUTDIR: a workshop run end to end on the loopback
address.  A room; ten participants, each the real binary in its own
pseudo-terminal (80x24) with its own HOME, joining with --room and giving
their name at the prompt the walk asks; they walk, take a quiz, write a
note, in turns.  Halfway the live page is loaded in headless Chromium
(OUTDIR/live.png): every name must be on it, with nothing fetched but the
page.  At the end every session in the room must equal the participant's
own file, and the final report over the room's folder (OUTDIR/final.html)
is loaded and screenshotted (OUTDIR/final.png) with a row per person.
Prints "ok - ..." / "not ok - ..." lines.  Every wait is for output,
with a deadline only a failing run reaches."""
import base64
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import Browser, problems_in  # noqa: E402
from room_check import Room, check, env_for, results  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
OUT = os.path.abspath(sys.argv[2])
ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\r")
PROMPT = rb"asyncpath> $"
NAMES = ["Ada Lovelace", "Grace Hopper", "Zoë Ortiz", "Li Wei",
         "<b>Bo</b> & co", "Ngozi Okafor", "Mateus Silva", "Aiko Tanaka",
         "Fatima Zahra", "Sam O'Brien"]


class Person:
    def __init__(self, i, url):
        self.i = i
        self.name = NAMES[i]
        self.session = "w%02d" % (i + 1)
        self.home = os.path.join(OUT, "people", self.session)
        env = env_for(self.home)
        env.update(TERM="xterm", PAGER="cat", ASYNCPATH_HISTORY="/dev/null",
                   LC_ALL="C.UTF-8")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BIN, [BIN, "--session", self.session, "--room", url],
                      env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, 80, 0, 0))
        self.buf = b""
        self.log = open(self.home + ".log", "wb")

    def expect(self, pattern, timeout=60.0):
        while True:
            clean = ANSI.sub(b"", self.buf)
            if re.search(pattern, clean):
                self.buf = b""
                return True
            r, _, _ = select.select([self.fd], [], [], timeout)
            if not r:
                print("    (%s: no %r in: %r)" % (self.session, pattern,
                                                  clean[-200:]))
                return False
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            self.log.write(chunk)
            self.buf += chunk

    def say(self, line):
        os.write(self.fd, line.encode() + b"\r")
        return self.expect(PROMPT)

    def finish(self):
        os.write(self.fd, b"quit\r")
        while True:
            r, _, _ = select.select([self.fd], [], [], 60)
            try:
                if not r or not os.read(self.fd, 65536):
                    break
            except OSError:
                break
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.log.close()
        return os.waitstatus_to_exitcode(status)


def screenshot(b, url, png, full=False):
    """Loads url, returns the page's text; saves a screenshot."""
    b.events = []
    b.send("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 900, "deviceScaleFactor": 1,
        "mobile": False})
    b.send("Page.navigate", {"url": url})
    b.wait_event("Page.loadEventFired")
    if full:
        h = b.send("Runtime.evaluate", {
            "expression": "document.documentElement.scrollHeight",
            "returnByValue": True})["result"]["value"]
        b.send("Emulation.setDeviceMetricsOverride", {
            "width": 1280, "height": min(int(h), 8000),
            "deviceScaleFactor": 1, "mobile": False})
    text = b.send("Runtime.evaluate", {
        "expression": "document.body.innerText",
        "returnByValue": True})["result"]["value"]
    rows = b.send("Runtime.evaluate", {
        "expression": "document.querySelectorAll('table.people tbody tr')"
        ".length", "returnByValue": True})["result"]["value"]
    with open(png, "wb") as f:
        f.write(base64.b64decode(b.send("Page.captureScreenshot",
                                        {"format": "png"})["data"]))
    return text, rows, problems_in(b.events, url)


def main():
    os.makedirs(os.path.join(OUT, "people"), exist_ok=True)
    folder = os.path.join(OUT, "room")
    room = Room(folder)
    people = [Person(i, room.join) for i in range(len(NAMES))]
    b = Browser()
    b.attach()
    try:
        asked = 0
        for p in people:
            if p.expect(rb"Your name, for the facilitator's report"):
                asked += 1
            os.write(p.fd, p.name.encode() + b"\r")
        check(asked == len(people) and all(p.expect(PROMPT) for p in people),
              "%d of %d walks joining the room asked for a name" % (
                  asked, len(people)))
        # the character, then a few decisions, each person their own way
        ok = all(p.say(str(1 + p.i % 5)) for p in people)
        for step in range(3):
            ok = all(p.say("1" if (p.i >> step) & 1 else "2")
                     for p in people) and ok
        check(ok, "10 participants took their character and 3 decisions")
        text, rows, bad = screenshot(b, room.page,
                                     os.path.join(OUT, "live.png"))
        shown = [n for n in NAMES if n in text]
        check(len(shown) == len(NAMES) and rows == len(NAMES) and not bad,
              "halfway, the live page names %d of %d, %d rows, %d foreign "
              "requests; screenshot %s" % (
                  len(shown), len(NAMES), rows, len(bad),
                  os.path.relpath(os.path.join(OUT, "live.png"))))
        for p in people:
            ok = p.say("quiz") and ok
            ok = p.say("answer " + "abca"[p.i % 4]) and ok
            ok = p.say("note %s was here" % p.name.split()[0]) and ok
            ok = p.say("1") and ok
        check(ok, "each took a quiz question, wrote a note, went on")
        codes = [p.finish() for p in people]
        check(codes == [0] * len(people), "every walk ended with 0: %s" %
              sorted(set(codes)))
        same = 0
        for p in people:
            own = os.path.join(p.home, "state/asyncpath/sessions",
                               p.session + ".json")
            with open(os.path.join(p.home,
                                   "state/asyncpath/room-client")) as f:
                theirs = os.path.join(folder, "%s-%s.json" % (
                    p.session, f.read().strip()))
            if os.path.exists(theirs):
                with open(own, "rb") as x, open(theirs, "rb") as y:
                    same += x.read() == y.read()
        check(same == len(people), "the room has every participant's own "
              "file, byte for byte: %d of %d" % (same, len(people)))
        final = os.path.join(OUT, "final.html")
        r = subprocess.run([BIN, "report", folder, "--format", "html", "-o",
                            final], capture_output=True, text=True)
        check(r.returncode == 0, "the final report over the room's folder: "
              "exit %d %s" % (r.returncode, r.stderr.strip()[:200]))
        text, rows, bad = screenshot(b, "file://" + final,
                                     os.path.join(OUT, "final.png"),
                                     full=True)
        check(rows == len(NAMES) and "Where the room split" in text and
              all(n in text for n in NAMES) and not bad,
              "the final report in Chromium: %d rows, where the room split "
              "first, every name; screenshot %s" % (
                  rows, os.path.relpath(os.path.join(OUT, "final.png"))))
    except Exception as e:
        check(False, "workshop: %s" % e)
    finally:
        b.close()
        room.stop()
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
