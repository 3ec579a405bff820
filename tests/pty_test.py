#!/usr/bin/env python3
"""pty_test.py BIN: drive the real asyncpath in a pseudo-terminal.

Checks Tab completion of commands and story ids, that Ctrl-C clears the
line without leaving, that Ctrl-D leaves cleanly, and that history is kept
in $XDG_STATE_HOME/asyncpath/history across runs.  Prints 'ok NAME' or
'not ok NAME' a line.  Waits for output with a generous timeout; never
asserts on time.
"""
import fcntl, os, pty, re, select, shutil, struct, sys, tempfile, termios

BIN = sys.argv[1]
ARGS = [BIN, "--data", "tests/fixtures/good", "--no-color", "--width", "72"]
ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\r")


class Session:
    def __init__(self, env, args=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BIN, args or ARGS, env)
        # a 24-row, 80-column screen
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, 80, 0, 0))
        self.buf = b""

    def send(self, data):
        os.write(self.fd, data)

    def expect(self, pattern, timeout=10.0):
        """Read until pattern (bytes regex) shows in the cleaned output."""
        while True:
            clean = ANSI.sub(b"", self.buf)
            m = re.search(pattern, clean)
            if m:
                self.buf = b""
                return True
            r, _, _ = select.select([self.fd], [], [], timeout)
            if not r:
                return False
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            self.buf += chunk

    def wait(self):
        # drain until EOF so the child is not blocked on output
        while True:
            r, _, _ = select.select([self.fd], [], [], 10.0)
            if not r:
                break
            try:
                if not os.read(self.fd, 4096):
                    break
            except OSError:
                break
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:  # never block the suite on a stuck child
                os.kill(self.pid, 9)
                pid, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return -1
        return os.waitstatus_to_exitcode(status)

    def alive(self):
        pid, _ = os.waitpid(self.pid, os.WNOHANG)
        return pid == 0


def check(name, cond):
    print(("ok " if cond else "not ok ") + name)
    return cond


def main():
    state = tempfile.mkdtemp(prefix="asyncpath-pty-")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm",
           "HOME": state, "XDG_STATE_HOME": state, "LC_ALL": "C.UTF-8",
           "INPUTRC": "/dev/null", "PAGER": "cat"}
    try:
        s = Session(env)
        check("prompt appears", s.expect(rb"asyncpath> "))
        s.send(b"rea\t")
        check("Tab completes a command", s.expect(rb"read $"))
        s.send(b"dave\t")
        check("Tab completes a story id", s.expect(rb"dave-locks-up"))
        s.send(b"\r")
        check("completed command runs", s.expect(rb"## Morals"))
        s.expect(rb"asyncpath> ")
        s.send(b"garbage")
        s.expect(rb"garbage")
        s.send(b"\x03")
        check("Ctrl-C gives a fresh prompt", s.expect(rb"\nasyncpath> $"))
        check("Ctrl-C does not exit", s.alive())
        s.send(b"look\r")
        ok = s.expect(rb"# Welcome")
        check("Ctrl-C cleared the line", ok and b"garbage" not in s.buf)
        s.expect(rb"asyncpath> ")
        s.send(b"quit\r")
        check("quit exits 0", s.wait() == 0)

        hist = os.path.join(state, "asyncpath", "history")
        lines = open(hist).read().split("\n") if os.path.exists(hist) else []
        check("history file kept", "read dave-locks-up" in lines
              and "look" in lines and "garbage" not in lines)

        s = Session(env)
        s.expect(rb"asyncpath> ")
        s.send(b"\x1b[A")
        check("Up recalls the last command", s.expect(rb"quit"))
        s.send(b"\x1b[A")
        check("Up again recalls the one before", s.expect(rb"look"))
        s.send(b"\r")
        check("recalled command runs", s.expect(rb"# Welcome"))
        s.expect(rb"asyncpath> ")
        s.send(b"\x04")
        check("Ctrl-D exits 0", s.wait() == 0)

        paged = os.path.join(state, "paged.txt")
        penv = dict(env, PAGER="cat > " + paged)
        s = Session(penv, [BIN, "--data", ".", "--width", "72"])
        s.expect(rb"asyncpath> ")
        s.send(b"read alan-builds-a-cache\r")
        s.expect(rb"asyncpath> ")
        text = open(paged).read() if os.path.exists(paged) else ""
        check("a card taller than the screen goes through $PAGER",
              "## Morals" in text or "Morals" in text)
        s.send(b"quit\r")
        s.wait()
        os.unlink(paged) if os.path.exists(paged) else None
        s = Session(penv, [BIN, "--data", ".", "--no-pager"])
        s.expect(rb"asyncpath> ")
        s.send(b"read alan-builds-a-cache\r")
        ok = s.expect(rb"Morals")
        check("--no-pager prints the card directly",
              ok and not os.path.exists(paged))
        s.send(b"quit\r")
        s.wait()
    finally:
        shutil.rmtree(state, ignore_errors=True)


main()
