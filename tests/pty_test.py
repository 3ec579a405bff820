#!/usr/bin/env python3
"""pty_test.py BIN: drive the real asyncpath in a pseudo-terminal.

Checks Tab completion of commands and story ids, that Ctrl-C clears the
line without leaving, that Ctrl-D leaves cleanly, that history is kept in
$XDG_STATE_HOME/asyncpath/history across runs, and the pager.  Prints
'ok NAME' or 'not ok NAME' a line.

Every wait is for something the program shows, under a deadline that only
a failing run reaches: a session keeps all it has read, and each expect
searches what came after the previous match, so nothing read is thrown
away and no expect waits for output that was already there.  Every expect
is checked.  Nothing asserts on time.
"""
import fcntl, os, pty, re, select, shutil, struct, sys, tempfile, termios
import time

BIN = sys.argv[1]
ARGS = [BIN, "--data", "tests/fixtures/good", "--no-color", "--width", "72"]
ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\r")
DEADLINE = 60.0  # seconds; reached only when a test fails


class Session:
    def __init__(self, env, args=None, rows=24, cols=80):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(BIN, args or ARGS, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        self.raw = b""
        self.pos = 0  # where the next expect starts, in clean()
        self.eof = False
        self.status = None

    def clean(self):
        return ANSI.sub(b"", self.raw)

    def _read(self, until):
        """Reads what is there, waiting at most until the deadline;
        False at end of output or deadline."""
        if self.eof:
            return False
        left = until - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([self.fd], [], [], left)
        if not r:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            self.eof = True
            return False
        self.raw += chunk
        return True

    def send(self, data):
        os.write(self.fd, data)

    def expect(self, pattern):
        """Waits for pattern (a bytes regex) in the output after the last
        match; returns the text from there to the end of the match, or
        None when the output ended or the deadline passed without it."""
        until = time.monotonic() + DEADLINE
        while True:
            clean = self.clean()
            m = re.compile(pattern).search(clean, self.pos)
            if m:
                seen = clean[self.pos:m.end()]
                self.pos = m.end()
                return seen
            if not self._read(until):
                global LAST
                LAST = clean[self.pos:][-400:]
                return None

    def wait(self):
        """Reads to the end of output, then reaps the child; its exit
        status, or None when it does not end by the deadline."""
        until = time.monotonic() + DEADLINE
        while self._read(until):
            pass
        while time.monotonic() < until:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                os.close(self.fd)
                return self.status
            select.select([], [], [], 0.05)
        os.kill(self.pid, 9)  # never leave a stuck child behind
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None

    def resize(self, rows, cols):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

    def alive(self):
        pid, _ = os.waitpid(self.pid, os.WNOHANG)
        return pid == 0


LAST = None  # what an expect that failed saw instead


def check(name, cond):
    global LAST
    print(("ok " if cond else "not ok ") + name, flush=True)
    if not cond and LAST is not None:
        for line in LAST.decode("utf-8", "replace").split("\n"):
            print("  | " + line)
    LAST = None
    return cond


def main():
    state = tempfile.mkdtemp(prefix="asyncpath-pty-")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm",
           "HOME": state, "XDG_STATE_HOME": state, "LC_ALL": "C.UTF-8",
           "INPUTRC": "/dev/null", "PAGER": "cat"}
    try:
        s = Session(env)
        check("prompt appears", s.expect(rb"asyncpath> ") is not None)
        s.send(b"rea\t")
        check("Tab completes a command", s.expect(rb"read ") is not None)
        s.send(b"dave\t")
        check("Tab completes a story id",
              s.expect(rb"dave-locks-up") is not None)
        s.send(b"\r")
        check("completed command runs", s.expect(rb"## Morals") is not None)
        check("prompt after the card", s.expect(rb"asyncpath> ") is not None)
        s.send(b"garbage")
        check("typed text is echoed", s.expect(rb"garbage") is not None)
        s.send(b"\x03")
        check("Ctrl-C gives a fresh prompt",
              s.expect(rb"\nasyncpath> ") is not None)
        check("Ctrl-C does not exit", s.alive())
        s.send(b"look\r")
        seen = s.expect(rb"# Welcome")
        check("Ctrl-C cleared the line",
              seen is not None and b"garbage" not in seen)
        check("prompt after look", s.expect(rb"asyncpath> ") is not None)
        s.send(b"quit\r")
        check("quit exits 0", s.wait() == 0)

        hist = os.path.join(state, "asyncpath", "history")
        lines = open(hist).read().split("\n") if os.path.exists(hist) else []
        check("history file kept", "read dave-locks-up" in lines
              and "look" in lines and "quit" in lines
              and "garbage" not in lines)

        s = Session(env)
        check("prompt in a second run", s.expect(rb"asyncpath> ") is not None)
        s.send(b"\x1b[A")
        check("Up recalls the last command", s.expect(rb"quit") is not None)
        s.send(b"\x1b[A")
        check("Up again recalls the one before",
              s.expect(rb"look") is not None)
        s.send(b"\r")
        check("recalled command runs", s.expect(rb"# Welcome") is not None)
        check("prompt after the recalled command",
              s.expect(rb"asyncpath> ") is not None)
        s.send(b"\x04")
        check("Ctrl-D exits 0", s.wait() == 0)

        paged = os.path.join(state, "paged.txt")
        penv = dict(env, PAGER="cat > " + paged)
        s = Session(penv, [BIN, "--data", ".", "--width", "72"])
        check("prompt with the shipped content",
              s.expect(rb"asyncpath> ") is not None)
        s.send(b"read alan-builds-a-cache\r")
        check("prompt after a paged card",
              s.expect(rb"asyncpath> ") is not None)
        text = open(paged).read() if os.path.exists(paged) else ""
        check("a card taller than the screen goes through $PAGER",
              "Morals" in text)
        s.send(b"quit\r")
        check("quit after the pager exits 0", s.wait() == 0)
        os.unlink(paged) if os.path.exists(paged) else None
        s = Session(penv, [BIN, "--data", ".", "--no-pager"])
        check("prompt with --no-pager", s.expect(rb"asyncpath> ") is not None)
        s.send(b"read alan-builds-a-cache\r")
        seen = s.expect(rb"Morals")
        check("--no-pager prints the card directly",
              seen is not None and not os.path.exists(paged))
        check("prompt after the card", s.expect(rb"asyncpath> ") is not None)
        s.send(b"quit\r")
        check("quit with --no-pager exits 0", s.wait() == 0)

        # TERM=dumb and --plain never page (and never style); a pager that
        # cannot run is said once, and the text is printed instead
        for name, extra, args in (
                ("TERM=dumb", {"TERM": "dumb"}, []),
                ("--plain", {}, ["--plain"])):
            s = Session(dict(penv, **extra), [BIN, "--data", "."] + args)
            check(name + ": prompt", s.expect(rb"asyncpath> ") is not None)
            s.send(b"read alan-builds-a-cache\r")
            seen = s.expect(rb"Morals[^\n]*\n(.*\n)*asyncpath> ")
            check(name + ": a long card is printed, not paged",
                  seen is not None and not os.path.exists(paged))
            check(name + ": no style", seen is not None
                  and b"\x1b[1m" not in s.raw and b"\x1b[3" not in s.raw)
            s.send(b"quit\r")
            check(name + ": quit exits 0", s.wait() == 0)
        s = Session(dict(env, PAGER="nosuchpager-x"), [BIN, "--data", "."])
        check("missing pager: prompt", s.expect(rb"asyncpath> ") is not None)
        s.send(b"read alan-builds-a-cache\r")
        check("missing pager: said once",
              s.expect(rb"pager 'nosuchpager-x' failed[^\n]*printing "
                       rb"instead") is not None)
        check("missing pager: the card is printed",
              s.expect(rb"Morals") is not None)
        check("missing pager: the choices follow",
              s.expect(rb"What do you do\?") is not None)
        check("missing pager: prompt", s.expect(rb"asyncpath> ") is not None)
        s.send(b"read alan-builds-a-cache\r")
        seen = s.expect(rb"Morals")
        check("missing pager: not tried again",
              seen is not None and b"pager" not in seen)
        s.send(b"quit\r")
        check("missing pager: quit exits 0", s.wait() == 0)

        # the text follows the window when --width does not fix it
        s = Session(env, [BIN, "--data", ".", "--no-pager"], cols=100)
        check("resize: prompt", s.expect(rb"asyncpath> ") is not None)
        s.send(b"look\r")
        seen = s.expect(rb"asyncpath> ")
        wide = max(len(l) for l in seen.split(b"\n")) if seen else 0
        s.resize(24, 40)
        s.send(b"look\r")
        seen = s.expect(rb"asyncpath> ")
        narrow = max(len(l.decode("utf-8", "replace"))
                     for l in seen.split(b"\n")) if seen else 99
        check("resize: lines follow a narrower window (%d, then %d "
              "columns)" % (wide, narrow), 60 < wide <= 100 and narrow <= 40)
        s.send(b"quit\r")
        check("resize: quit exits 0", s.wait() == 0)
    finally:
        shutil.rmtree(state, ignore_errors=True)


main()  # a failure is a 'not ok' line; a crash, a non-zero exit
