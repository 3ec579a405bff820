#!/usr/bin/env python3
"""room_check.py BIN OUTDIR: `asyncpath room` on the loopback address, for
real.  Hostile requests against a small room (each answered with its status
and changing nothing on disk), the room's limits, a restart; then the load
test: 30 participants, each the real binary with its own HOME, walking
through a pipe and sending every save with --room, concurrently for a
bounded number of commands, the room stopped and started again
mid-workshop; at the end every session the room keeps must equal the
participant's own file, byte for byte, and no outbox may hold anything.
Then the live page in headless Chromium (no request but the page itself,
every participant's name on it, a screenshot).  Prints "ok - ..." /
"not ok - ..." lines and the load test's numbers.

Waits are for what is expected (a line printed, a process gone), each with
a deadline only a failing run reaches."""
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time

BIN = os.path.abspath(sys.argv[1])
OUT = os.path.abspath(sys.argv[2])
DEADLINE = 120  # seconds: a guard for a failing run, never a wait
PEOPLE = 30
COMMANDS = 40  # commands each participant types (bounded)
results = []


def check(ok, what):
    results.append((bool(ok), what))
    print(("ok - " if ok else "not ok - ") + what, flush=True)


class Room:
    """asyncpath room as a child process; its stdout read line by line."""

    def __init__(self, folder, *opts, port=0):
        self.folder = folder
        self.lines = []
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(
            [BIN, "room", "--port", str(port), "--dir", folder] + list(opts),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_line("participants join with")
        self.join = re.search(r"(http://\S+)", line).group(1)
        self.page = re.search(r"(http://\S+)",
                              self.wait_line("the live page")).group(1)
        m = re.match(r"http://([\d.]+):(\d+)/(\w+)", self.join)
        self.host, self.port, self.code = m.group(1), int(m.group(2)), \
            m.group(3)

    def _read(self):
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.lines.append(None)
            self.cond.notify_all()

    def wait_line(self, start):
        end = time.monotonic() + DEADLINE
        with self.cond:
            while True:
                for l in self.lines:
                    if l is not None and l.startswith(start):
                        return l
                if None in self.lines:
                    raise RuntimeError("the room ended: %s" % self.lines)
                if not self.cond.wait(end - time.monotonic()):
                    raise RuntimeError("the room never printed " + start)

    def stop(self):
        """SIGTERM, then the closing line's numbers."""
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(DEADLINE)
        line = self.wait_line("asyncpath room: stopped")
        n = [int(x) for x in re.findall(r"(\d+) (?:requests|sessions "
                                        r"stored|bytes|refused)", line)]
        return self.proc.returncode, line, n


def request(room, method, path, body=None, headers=None, source=None,
            chunked=False):
    c = http.client.HTTPConnection(room.host, room.port, timeout=30,
                                   source_address=(source, 0) if source
                                   else None)
    try:
        if chunked:
            c.putrequest(method, path)
            c.putheader("Transfer-Encoding", "chunked")
            c.endheaders()
            for i in range(0, len(body), 8192):
                part = body[i:i + 8192]
                c.send(b"%x\r\n%s\r\n" % (len(part), part))
            c.send(b"0\r\n\r\n")
        else:
            c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    except (ConnectionError, socket.timeout) as e:
        return 0, str(e)
    finally:
        c.close()


def snapshot(folder):
    out = {}
    for n in sorted(os.listdir(folder)):
        with open(os.path.join(folder, n), "rb") as f:
            out[n] = f.read()
    return out


def env_for(home):
    os.makedirs(home, exist_ok=True)
    e = dict(os.environ)
    e.update(HOME=home, XDG_STATE_HOME=home + "/state",
             XDG_DATA_HOME=home + "/data", XDG_CONFIG_HOME=home + "/config",
             XDG_CACHE_HOME=home + "/cache")
    return e


def a_session(name, who):
    """A real session file, made by a short walk."""
    home = os.path.join(OUT, "makers", name)
    subprocess.run([BIN, "--session", name, "--name", who],
                   input="1\n1\nquit\n", text=True, env=env_for(home),
                   capture_output=True, check=True)
    with open(os.path.join(home, "state/asyncpath/sessions",
                           name + ".json"), "rb") as f:
        return f.read()


def hostile():
    folder = os.path.join(OUT, "hostile")
    room = Room(folder, "--rate", "600", "--max-sessions", "3",
                "--max-body", "20000")
    good = a_session("val", "Val")
    base = "/%s/s/" % room.code
    st, text = request(room, "PUT", base + "val-1", good)
    check(st == 201, "a valid session is stored: %d %s" % (st, text.strip()))
    st, _ = request(room, "PUT", base + "val-1", good)
    check(st == 200, "the same session again: 200 (%d)" % st)
    with open(os.path.join(folder, "val-1.json"), "rb") as f:
        check(f.read() == good, "the room keeps the body byte for byte")
    before = snapshot(folder)
    doc = json.loads(good)
    ctl = dict(doc, participant="Eve\u001b[31m\u202e")
    long_name = dict(doc, participant="x" * 100)
    cases = [
        ("an unknown room code", "PUT", "/zzzzzzzz/s/val-1", good, 403),
        ("a code that is a prefix", "PUT", "/%s/s/val-1" % room.code[:4],
         good, 403),
        ("a body that is not JSON", "PUT", base + "val-1", b"not json", 400),
        ("an empty body", "PUT", base + "val-1", b"", 400),
        ("JSON that is no session", "PUT", base + "val-1", b"{}", 400),
        ("a session cut short", "PUT", base + "val-1", good[:len(good) // 2],
         400),
        ("bytes that are not UTF-8", "PUT", base + "val-1",
         good.replace(b'"Val"', b'"V\xffl"'), 400),
        ("control characters in the name", "PUT", base + "val-1",
         json.dumps(ctl).encode(), 400),
        ("a name past 64 bytes", "PUT", base + "val-1",
         json.dumps(long_name).encode(), 400),
        ("arrays nested 100000 deep", "PUT", base + "val-1",
         b"[" * 100000 + b"]" * 100000, 413),
        ("arrays nested 5000 deep", "PUT", base + "val-1",
         b"[" * 5000 + b"]" * 5000, 400),
        ("an id climbing out", "PUT", base + "..%2f..%2fescape", good, 404),
        ("an id with a slash", "PUT", base + "a/b", good, 404),
        ("a hidden id", "PUT", base + ".val", good, 404),
        ("an id past 64 bytes", "PUT", base + "v" * 65, good, 404),
        ("a body over the limit", "PUT", base + "val-1",
         good + b" " * 20000, 413),
        ("a method the room has not", "DELETE", base + "val-1", None, 405),
        ("a GET for a session", "GET", base + "val-1", None, 405),
        ("a wrong page key", "GET", "/v/aaaaaaaaaaaaaaaaaaaa/", None, 403),
        ("a POST to the page", "POST", room.page[room.page.index("/v/"):],
         b"x", 405),
    ]
    for what, method, path, body, want in cases:
        st, text = request(room, method, path, body)
        check(st == want and snapshot(folder) == before,
              "%s: %d (want %d), nothing changed: %s" % (
                  what, st, want, text.strip()[:100]))
    st, text = request(room, "PUT", base + "val-1", good + b" " * 20000,
                       chunked=True)
    check(st == 413 and snapshot(folder) == before,
          "a chunked body over the limit: %d (want 413) %s" % (
              st, text.strip()[:80]))
    # sessions per room: 3
    for n, want in (("val-2", 201), ("val-3", 201), ("val-4", 507)):
        st, text = request(room, "PUT", base + n, good)
        check(st == want, "session %s with a limit of 3: %d (want %d) %s" % (
            n, st, want, text.strip()[:60]))
    check(not os.path.exists(os.path.join(folder, "val-4.json")),
          "the session past the limit is not on disk")
    # requests per participant: 600 a minute, a burst of 60
    got = [request(room, "PUT", base + "val-2", good)[0] for _ in range(80)]
    check(got[0] == 200 and got[-1] == 429,
          "a participant sending 80 at once gets 429 past its burst "
          "(%d of 80 stored)" % got.count(200))
    # refusals per address: another loopback address floods wrong codes
    got = [request(room, "PUT", "/zzzzzzzz/s/x", b"{}",
                   source="127.0.0.2")[0] for _ in range(40)]
    check(got[0] == 403 and got[-1] == 429,
          "40 wrong codes from 127.0.0.2: 403 first, 429 at the end (%s)"
          % sorted(set(got)))
    st, _ = request(room, "GET", room.page[room.page.index("/v/"):])
    check(st == 200, "meanwhile 127.0.0.1 still reads the page: %d" % st)
    rc, line, _ = room.stop()
    check(rc == 0, "the room stops on SIGTERM with 0: " + line)
    # started again on the same folder and port: same code, same limits
    room = Room(folder, "--max-sessions", "3", port=room.port)
    check(room.join.endswith("/" + room.code) and room.code in base,
          "started again, the room has the same code")
    st, _ = request(room, "PUT", base + "val-1", good)
    check(st == 200, "a known session after the restart: 200 (%d)" % st)
    st, _ = request(room, "PUT", base + "val-4", good)
    check(st == 507, "the restart remembers the 3 sessions: 507 (%d)" % st)
    room.stop()


class Person(threading.Thread):
    """One participant: the real binary, commands through a pipe."""

    def __init__(self, i, url):
        super().__init__(daemon=True)
        self.i = i
        self.name = "Person %02d" % (i + 1)
        self.session = "p%02d" % (i + 1)
        self.home = os.path.join(OUT, "people", self.session)
        self.err = []
        self.cond = threading.Condition()
        env = env_for(self.home)
        with open(self.home + ".out", "w") as out:
            self.proc = subprocess.Popen(
                [BIN, "--session", self.session, "--name", self.name,
                 "--room", url], stdin=subprocess.PIPE, stdout=out,
                stderr=subprocess.PIPE, text=True, env=env)
        threading.Thread(target=self._read, daemon=True).start()
        self.rng = random.Random(i)
        self.go = threading.Event()
        self.typed = 0

    def _read(self):
        for line in self.proc.stderr:
            with self.cond:
                self.err.append(line.rstrip("\n"))
                self.cond.notify_all()

    def saw(self, text):
        with self.cond:
            return any(text in l for l in self.err)

    def type(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        self.typed += 1

    def step(self):
        r = self.rng.random()
        self.type("1" if r < .45 else "2" if r < .7 else "back" if r < .85
                  else "note from %s, step %d" % (self.name, self.typed))

    def run(self):
        for _ in range(COMMANDS):
            self.step()
            time.sleep(self.rng.uniform(0.02, 0.12))  # pacing, not a wait


def load():
    folder = os.path.join(OUT, "room")
    t0 = time.monotonic()
    room = Room(folder)
    people = [Person(i, room.join) for i in range(PEOPLE)]
    for p in people:
        p.start()
    for p in people:
        p.join(DEADLINE)
    first = room.stop()
    # the room is down: every participant goes on walking and queues
    for p in people:
        p.type("1")
        p.type("back")
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end and not all(
            p.saw("cannot be reached") for p in people):
        with people[0].cond:
            people[0].cond.wait(0.2)
    down = sum(p.saw("cannot be reached") for p in people)
    check(down == PEOPLE, "with the room down, %d of %d participants were "
          "told their walk goes on" % (down, PEOPLE))
    room = Room(folder, port=room.port)
    people2 = [threading.Thread(target=p.run, daemon=True) for p in people]
    for t in people2:
        t.start()
    for t in people2:
        t.join(DEADLINE)
    for p in people:
        p.type("quit")
        p.proc.stdin.close()
    codes = [p.proc.wait(DEADLINE) for p in people]
    second = room.stop()
    elapsed = time.monotonic() - t0
    check(all(c == 0 for c in codes), "every participant's walk ended "
          "with 0: %s" % sorted(set(codes)))
    same = missing = 0
    for p in people:
        own = os.path.join(p.home, "state/asyncpath/sessions",
                           p.session + ".json")
        with open(os.path.join(p.home, "state/asyncpath/room-client")) as f:
            rid = "%s-%s" % (p.session, f.read().strip())
        theirs = os.path.join(folder, rid + ".json")
        if os.path.exists(theirs):
            with open(own, "rb") as a, open(theirs, "rb") as b:
                same += a.read() == b.read()
        else:
            missing += 1
    check(same == PEOPLE, "every session in the room equals the "
          "participant's own file: %d of %d (%d missing)" % (
              same, PEOPLE, missing))
    queued = sum(len([n for n in files if n.endswith(".json")])
                 for p in people
                 for _, _, files in os.walk(os.path.join(
                     p.home, "state/asyncpath/outbox")))
    check(queued == 0, "no outbox holds anything: %d queued" % queued)
    again = sum(p.saw("the room has your walk again") for p in people)
    check(again == PEOPLE, "%d of %d were told the room has their walk "
          "again" % (again, PEOPLE))
    req = first[2][0] + second[2][0]
    stored = first[2][1] + second[2][1]
    nbytes = first[2][2] + second[2][2]
    refused = first[2][3] + second[2][3]
    errors = refused + sum(c != 0 for c in codes) + (PEOPLE - same)
    check(refused == 0, "the room refused none of them: %d" % refused)
    typed = sum(p.typed for p in people)
    print("load: %d participants, %d commands typed, %d requests, %d "
          "sessions stored, %d bytes, %d errors, %.1f s (with a room "
          "restart)" % (PEOPLE, typed, req, stored, nbytes, errors, elapsed),
          flush=True)
    # the report over the room's folder names everyone
    r = subprocess.run([BIN, "report", folder, "--format", "json"],
                       capture_output=True, text=True)
    names = set()
    try:
        for p in json.loads(r.stdout).get("participants", []):
            names.add(p.get("participant") or p.get("name"))
    except ValueError:
        pass
    check(r.returncode == 0 and all(p.name in names for p in people),
          "asyncpath report %s: exit %d, %d of %d names" % (
              os.path.relpath(folder), r.returncode,
              sum(p.name in names for p in people), PEOPLE))
    return folder, [p.name for p in people]


def live_page(folder, names):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from browser_check import Browser, problems_in
    room = Room(folder)
    b = Browser()
    try:
        b.attach()
        b.send("Emulation.setDeviceMetricsOverride", {
            "width": 1280, "height": 900, "deviceScaleFactor": 1,
            "mobile": False})
        b.send("Page.navigate", {"url": room.page})
        b.wait_event("Page.loadEventFired")
        text = b.send("Runtime.evaluate", {
            "expression": "document.body.innerText",
            "returnByValue": True})["result"]["value"]
        scripts = b.send("Runtime.evaluate", {
            "expression": "document.scripts.length",
            "returnByValue": True})["result"]["value"]
        png = os.path.join(OUT, "live.1280.png")
        with open(png, "wb") as f:
            import base64
            f.write(base64.b64decode(b.send("Page.captureScreenshot",
                                            {"format": "png"})["data"]))
        shown = sum(n in text for n in names)
        check(shown == len(names), "the live page in Chromium names %d of "
              "%d participants; screenshot %s" % (
                  shown, len(names), os.path.relpath(png)))
        check(scripts == 0, "the live page holds no script (%d)" % scripts)
        bad = problems_in(b.events, room.page)
        check(not bad, "the live page asks for nothing but itself%s" % (
            "".join("\n    " + x for x in bad)))
    except Exception as e:
        check(False, "chromium: %s" % e)
    finally:
        b.close()
        room.stop()


def main():
    os.makedirs(OUT, exist_ok=True)
    try:
        hostile()
        folder, names = load()
        if os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
            live_page(folder, names)
        else:
            print("skip - the live page needs chromium")
    except Exception as e:
        check(False, "room check: %s" % e)
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
