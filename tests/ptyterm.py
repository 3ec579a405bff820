"""ptyterm: the one harness that drives a real program in a real
pseudo-terminal for the tests (pty_test.py, session_pty.py,
completion_pty.py, exercise_pty.py), on pexpect.

A Term keeps everything the program printed; expect() searches the text
(terminal escapes and carriage returns taken out) that came after the
previous match, so nothing read is thrown away and no expect waits for
output that was already there.  Every wait is for something the program
shows, under a deadline that only a failing run reaches; nothing asserts
on time.  env() gives a hermetic environment: HOME, every XDG folder and
TMPDIR inside a fresh folder, nothing passed through from the caller but
PATH.  check() prints 'ok NAME' or 'not ok NAME' (with what an expect
that failed saw instead).
"""
import os
import re
import shutil
import tempfile
import time

import pexpect

DEADLINE = 60.0  # seconds; reached only when a test fails
ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|"
                  rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\r")


class Home:
    """A fresh folder for HOME and the XDG folders, removed on exit."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="asyncpath-pty-")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)

    def env(self, **extra):
        """A hermetic environment under this folder; extra adds or
        replaces variables (a value of None removes one)."""
        h = self.path
        e = {"PATH": "/usr/bin:/bin", "TERM": "xterm", "LC_ALL": "C.UTF-8",
             "HOME": h, "XDG_STATE_HOME": os.path.join(h, "state"),
             "XDG_DATA_HOME": os.path.join(h, "data"),
             "XDG_CACHE_HOME": os.path.join(h, "cache"),
             "XDG_CONFIG_HOME": os.path.join(h, "config"),
             "TMPDIR": os.path.join(h, "tmp"), "INPUTRC": "/dev/null",
             "PAGER": "cat"}
        os.makedirs(e["TMPDIR"], exist_ok=True)
        for k, v in extra.items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
        return e


LAST = None  # what the last expect that failed saw instead


class Term:
    """argv in a pseudo-terminal of rows x cols, with env (and cwd)."""

    def __init__(self, argv, env, rows=24, cols=80, cwd=None,
                 deadline=DEADLINE):
        self.deadline = deadline
        self.p = pexpect.spawn(argv[0], argv[1:], env=env, cwd=cwd,
                               dimensions=(rows, cols), echo=True)
        self.raw = b""
        self.pos = 0  # where the next expect starts, in text()
        self.status = None

    def text(self):
        return ANSI.sub(b"", self.raw)

    def _read(self, until):
        """Reads what is there, waiting at most until the deadline;
        False at the end of output or at the deadline."""
        left = until - time.monotonic()
        if left <= 0:
            return False
        try:
            self.raw += self.p.read_nonblocking(65536, timeout=left)
            return True
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False

    def expect(self, pattern):
        """Waits for pattern (a bytes regex, or a function of the text
        that returns a true value) in the text after the last match;
        returns the text from there to the end of the match, or None
        when the output ended or the deadline passed without it."""
        global LAST
        until = time.monotonic() + self.deadline
        while True:
            text = self.text()
            if callable(pattern):
                m = pattern(text[self.pos:])
                end = len(text) if m else None
            else:
                m = re.compile(pattern).search(text, self.pos)
                end = m.end() if m else None
            if m:
                seen = text[self.pos:end]
                self.pos = end
                return seen
            if not self._read(until):
                LAST = text[self.pos:][-600:]
                return None

    def send(self, data):
        self.p.send(data)

    def resize(self, rows, cols):
        self.p.setwinsize(rows, cols)

    def alive(self):
        return self.p.isalive()

    def wait(self):
        """Reads to the end of output, then reaps the program; its exit
        status, or None when it does not end by the deadline (it is then
        killed: no stuck child is left behind)."""
        until = time.monotonic() + self.deadline
        while self._read(until):
            pass
        while self.p.isalive() and time.monotonic() < until:
            time.sleep(0.01)  # the output has ended; reaping is near
        if self.p.isalive():
            self.p.terminate(force=True)
            self.p.close(force=True)
            return None
        self.p.close()
        self.status = (self.p.exitstatus if self.p.signalstatus is None
                       else -self.p.signalstatus)
        return self.status

    def kill(self):
        if self.p.isalive():
            self.p.terminate(force=True)
        self.p.close(force=True)


FAILED = 0


def check(name, cond, detail=None):
    """Prints 'ok NAME' or 'not ok NAME'; on failure, detail (or what the
    last failed expect saw) indented below."""
    global LAST, FAILED
    print(("ok " if cond else "not ok ") + name, flush=True)
    if not cond:
        FAILED += 1
        shown = detail if detail is not None else LAST
        if isinstance(shown, bytes):
            shown = shown.decode("utf-8", "replace")
        for line in (shown or "").split("\n")[-15:]:
            print("  | " + line)
    LAST = None
    return cond
