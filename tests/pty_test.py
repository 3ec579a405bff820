#!/usr/bin/env python3
"""pty_test.py BIN: drive the real asyncpath in a pseudo-terminal.

Checks Tab completion of commands and story ids, that Ctrl-C clears the
line without leaving, that Ctrl-D leaves cleanly, that history is kept in
$XDG_STATE_HOME/asyncpath/history across runs, and the pager.  Prints
'ok NAME' or 'not ok NAME' a line.

Runs on tests/ptyterm.py (pexpect): every wait is for something the
program shows, under a deadline only a failing run reaches; the
environment is hermetic.  Nothing asserts on time.
"""
import os
import sys

from ptyterm import Home, Term, check

BIN = sys.argv[1]
ARGS = [BIN, "--data", "tests/fixtures/good", "--no-color", "--width", "72"]


def Session(env, args=None, rows=24, cols=80):
    return Term(args or ARGS, env, rows, cols)


def main():
    with Home() as home:
        state = home.path
        env = home.env(XDG_STATE_HOME=state)
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


main()  # a failure is a 'not ok' line; a crash, a non-zero exit
