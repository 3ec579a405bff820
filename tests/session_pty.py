#!/usr/bin/env python3
"""session_pty.py BIN: sessions in a real pseudo-terminal (80x24).

Walks two steps, quits, starts again and accepts the resume prompt, goes
`back` twice across the restart; a second process on the same session is
offered read-only; a damaged file is moved aside when the reader starts
afresh.  Prints 'ok NAME' or 'not ok NAME' a line.  Waits for what it
expects with a generous timeout; never asserts on time.
"""
import fcntl, json, os, pty, re, select, shutil, struct, sys, tempfile
import termios

BIN = sys.argv[1]
ARGS = [BIN, "--data", "tests/fixtures/good", "--no-color", "--width", "72"]
ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\r")


class Term:
    def __init__(self, env, args=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BIN, args or ARGS, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, 80, 0, 0))
        self.buf = b""
        self.seen = b""

    def send(self, data):
        os.write(self.fd, data)

    def expect(self, pattern, timeout=20.0):
        """Reads until pattern (a bytes regex) shows in the output."""
        while True:
            clean = ANSI.sub(b"", self.buf)
            m = re.search(pattern, clean)
            if m:
                self.seen += clean
                self.buf = b""
                return True
            r, _, _ = select.select([self.fd], [], [], timeout)
            if not r:
                sys.stdout.write("    (no %r in: %r)\n" % (pattern,
                                 ANSI.sub(b"", self.buf)[-300:]))
                return False
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            self.buf += chunk

    def wait(self):
        while True:
            r, _, _ = select.select([self.fd], [], [], 20.0)
            if not r:
                break
            try:
                if not os.read(self.fd, 4096):
                    break
            except OSError:
                break
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            os.kill(self.pid, 9)
            pid, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def check(name, cond):
    print(("ok " if cond else "not ok ") + name)
    return cond


def main():
    state = tempfile.mkdtemp(prefix="asyncpath-spty-")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm",
           "HOME": state, "XDG_STATE_HOME": state, "LC_ALL": "C.UTF-8",
           "ASYNCPATH_HISTORY": "/dev/null", "PAGER": "cat"}
    file = os.path.join(state, "asyncpath", "sessions", "demo.json")
    try:
        t = Term(env)
        ok = t.expect(rb"What do you do\?[\s\S]*> $")
        t.send(b"1\r")
        ok = ok and t.expect(rb"The hub[\s\S]*> $")
        t.send(b"2\r")
        ok = ok and t.expect(rb"Locked[\s\S]*> $")
        t.send(b"quit\r")
        check("pty session: a walk on a terminal is saved as it goes",
              ok and t.wait() == 0 and os.path.exists(file))
        with open(file, encoding="utf-8") as f:
            doc = json.load(f)
        check("pty session: the file holds the trail by ids",
              [s["node"] for s in doc["trail"]] == ["start", "hub",
                                                    "locked"]
              and doc["trail"][1]["choice"] == "locked-2")

        t = Term(env)
        ok = t.expect(rb'Resume your walk at "Locked" \(stage 2 of 3, '
                      rb'1 min read so far\)\? \[Y/n\] $')
        check("pty session: the resume prompt names the place and stage",
              ok)
        t.send(b"\r")
        ok = t.expect(rb"Stage 2 of 3: The middle part\n+(# )?Locked"
                      rb"[\s\S]*> $")
        check("pty session: Enter resumes where the walk was", ok)
        t.send(b"back\r")
        ok = t.expect(rb"The hub[\s\S]*Take the async mutex[\s\S]*> $")
        t.send(b"back\r")
        ok = ok and t.expect(rb"Welcome[\s\S]*Play as Alan[\s\S]*> $")
        t.send(b"back\r")
        ok = ok and t.expect(rb"nothing to undo[\s\S]*> $")
        check("pty session: back goes across the restart to the start", ok)
        t.send(b"1\r")
        ok = t.expect(rb"The hub[\s\S]*> $")

        # a second process on the same session
        u = Term(env, ARGS + ["--session", "demo"])
        ok2 = u.expect(rb'session "demo" is open in another asyncpath'
                       rb'[\s\S]*\[r/n/q\] $')
        check("pty session: a second process is told the session is open",
              ok2)
        u.send(b"r\r")
        ok2 = u.expect(rb"Read-only: nothing of this walk is saved"
                       rb"[\s\S]*> $")
        u.send(b"1\r")
        ok2 = ok2 and u.expect(rb"> $")
        u.send(b"quit\r")
        check("pty session: it may open the session read-only",
              ok2 and u.wait() == 0)
        with open(file, encoding="utf-8") as f:
            doc = json.load(f)
        check("pty session: the read-only process saved nothing",
              [s["node"] for s in doc["trail"]] == ["start", "hub"])
        t.send(b"note ask about tokio::sync\r")
        ok = t.expect(rb"> $")
        t.send(b"quit\r")
        check("pty session: the first process quits cleanly",
              ok and t.wait() == 0)

        # a damaged file: the reader may start afresh, the file is kept
        with open(file, "w", encoding="utf-8") as f:
            f.write('{"version": 1, "trail": [')
        t = Term(env)
        ok = t.expect(rb"demo\.json:1:\d+: error: [^\n]*\n[\s\S]*Start\s+"
                      rb"afresh\?[\s\S]*\[y/N\] $")
        check("pty session: a damaged file is named with its error", ok)
        t.send(b"y\r")
        ok = t.expect(rb"kept as `?demo\.damaged\.json`?[\s\S]*Welcome"
                      rb"[\s\S]*> $")
        t.send(b"quit\r")
        damaged = os.path.join(state, "asyncpath", "sessions",
                               "demo.damaged.json")
        with open(damaged, encoding="utf-8") as f:
            kept = f.read()
        check("pty session: starting afresh keeps the damaged file aside",
              ok and t.wait() == 0 and kept == '{"version": 1, "trail": [')
    finally:
        shutil.rmtree(state, ignore_errors=True)


main()
