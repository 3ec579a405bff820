#!/usr/bin/env python3
"""exercise_pty.py BIN WORKSPACE: the verify loop in a real terminal.

In the walk: `exercise two-asyncreads` shows the task, `verify` fails with
E0277, the solution's file is copied in by this script (as a learner's
edit), `verify` passes, `exercises` lists it solved.  Then Ctrl-C during a
verify stops the verify and leaves the walk alive.  Uses the Session of
pty_test.py: every wait is for text the program shows; the long deadline
is reached only by a failing run (the first build compiles tokio).
Prints 'ok NAME' or 'not ok NAME' a line.
"""
import os
import re
import select
import shutil
import sys
import time

import fcntl
import pty
import struct
import termios

DEADLINE = float(os.environ.get("EXERCISE_PTY_DEADLINE", "900"))
ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\x1b\]8;[^\x07\x1b]*(\x07|\x1b\\)|\r")
BIN, WS = sys.argv[1], sys.argv[2]
ARGS = [BIN, "--no-color", "--no-pager", "--width", "100", "play",
        "--workspace", WS]
FAILED = 0


class Session:
    """The program in a pseudo-terminal; expect() searches what came
    after the previous match, so nothing read is lost."""

    def __init__(self, env, args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(args[0], args, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 40, 100, 0, 0))
        self.raw, self.pos, self.eof = b"", 0, False

    def expect(self, pattern):
        until = time.monotonic() + DEADLINE
        while True:
            clean = ANSI.sub(b"", self.raw)
            m = re.compile(pattern).search(clean, self.pos)
            if m:
                self.pos = m.end()
                return True
            left = until - time.monotonic()
            if self.eof or left <= 0:
                sys.stdout.write("  | saw: %r\n" % clean[self.pos:][-600:])
                return False
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                self.eof = True
            self.raw += chunk

    def send(self, data):
        os.write(self.fd, data)

    def wait(self):
        until = time.monotonic() + DEADLINE
        while time.monotonic() < until:
            try:
                if not os.read(self.fd, 65536):
                    break
            except OSError:
                break
        pid, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def check(name, cond):
    global FAILED
    print(("ok " if cond else "not ok ") + name, flush=True)
    FAILED += not cond
    return cond


def main():
    env = dict(os.environ)
    env["TERM"] = "xterm"
    env.setdefault("ASYNCPATH_HISTORY", "/dev/null")
    s = Session(env, ARGS)
    check("pty exercise: walk starts", s.expect(rb"What do you do\?"))
    s.send(b"exercise two-asyncreads\r")
    check("pty exercise: task shown",
                   s.expect(rb"Exercise: Two traits called AsyncBufRead"))
    s.send(b"verify\r")
    check("pty exercise: verify shows E0277",
                   s.expect(rb"The first error is .?E0277"))
    shutil.copyfile("exercises/two-asyncreads/solution/src/main.rs",
                    os.path.join(WS, "two-asyncreads", "src", "main.rs"))
    s.send(b"verify\r")
    check("pty exercise: verify passes after the fix",
                   s.expect(rb"Solved\..{0,4} .?two-asyncreads.? builds"))
    s.send(b"exercises\r")
    check("pty exercise: listed as solved",
                   s.expect(rb"two-asyncreads.{0,3} \(ecosystem\): Two traits "
                            rb"called AsyncBufRead, .?solved"))
    # Ctrl-C in a verify stops the verify, not the walk
    s.send(b"exercise guard-deadlock\r")
    s.expect(rb"Exercise: Two jobs, one lock")
    s.send(b"verify\r")
    s.expect(rb"Building and running guard-deadlock")
    s.send(b"\x03")
    check("pty exercise: Ctrl-C stops the verify",
                   s.expect(rb"Stopped: the verify was interrupted"))
    s.send(b"look\r")
    check("pty exercise: the walk goes on after Ctrl-C",
                   s.expect(rb"What do you do\?"))
    s.send(b"quit\r")
    check("pty exercise: quits cleanly", s.wait() == 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
