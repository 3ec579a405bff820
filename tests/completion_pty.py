#!/usr/bin/env python3
"""completion_pty.py BIN: the shell completions of completions/ driven in
a real bash (with bash-completion) and, when installed, a real zsh, each
in a pseudo-terminal.  Typing `asyncpath read al<Tab>` must offer every
story id that starts with "al" (Alan's stories) and nothing else the
program does not offer; options and path ids complete too.  Prints 'ok
NAME' or 'not ok NAME' a line.  Runs on tests/ptyterm.py: waits for what
the screen shows, under a deadline only a failing run reaches, in a
hermetic environment; never for a fixed time."""
import os
import re
import shutil
import subprocess
import sys

import ptyterm
from ptyterm import Home

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def check(name, cond, detail=""):
    return ptyterm.check(name, cond, detail)


class Shell(ptyterm.Term):
    """A shell at 200x50 in the checkout; seen is the text the last
    expect went through (all that came since the match before, when it
    failed)."""

    def __init__(self, argv, env):
        super().__init__(argv, env, 50, 200, cwd=ROOT)
        self.seen = b""

    def expect(self, pattern):
        start = self.pos
        got = super().expect(pattern)
        self.seen = got if got is not None else self.text()[start:]
        if got is None:
            return None
        if callable(pattern):
            return True
        return re.search(pattern, got) or True

    def close(self):
        """Clears the line (Ctrl-U), leaves with exit, and waits for the
        shell to end (killed at the deadline)."""
        try:
            self.send(b"\x15exit\n")
        except OSError:
            pass
        self.wait()


def words_in(text):
    return set(re.findall(rb"[a-z0-9][a-z0-9-]*", text))


def main():
    ids = [l.split("\t")[0] for l in subprocess.run(
        [BIN, "list", "stories"], capture_output=True, text=True,
        cwd=ROOT).stdout.splitlines()]
    alan = sorted(i for i in ids if i.startswith("al"))
    paths = [l.split("\t")[0] for l in subprocess.run(
        [BIN, "list", "paths"], capture_output=True, text=True,
        cwd=ROOT).stdout.splitlines()]
    if not check("the program lists stories starting with 'al'",
                 len(alan) > 1):
        return 1
    with Home() as h:
        return shells(alan, paths, h)


def shells(alan, paths, h):
    home = h.path
    bindir = os.path.join(home, "bin")
    os.mkdir(bindir)
    os.symlink(BIN, os.path.join(bindir, "asyncpath"))
    env = h.env(PATH=bindir + ":/usr/bin:/bin", ASYNCPATH_DATA=ROOT,
                ASYNCPATH_HISTORY="/dev/null", PAGER=None)
    failed = 0

    # bash, with bash-completion's helpers, as a Debian user has it
    sh = Shell(["/bin/bash", "--norc", "--noprofile", "-i"], env)
    sh.send(b"bind 'set show-all-if-ambiguous on'; "
            b"bind 'set completion-query-items 0'; "
            b"bind 'set page-completions off'; "
            b"[ -f /usr/share/bash-completion/bash_completion ] && "
            b". /usr/share/bash-completion/bash_completion; "
            b". completions/asyncpath.bash; PS1='READY$ '\n")
    ok = sh.expect(rb"READY\$ $") is not None
    failed += not check("bash: the completion script loads", ok, 
                        sh.seen.decode(errors="replace"))
    sh.send(b"asyncpath read al\t")
    # the listing ends with the prompt and the line typed so far
    m = sh.expect(rb"READY\$ asyncpath read al[a-z-]*$")
    got = words_in(sh.seen) if m else set()
    want = {a.encode() for a in alan}
    failed += not check(
        "bash: asyncpath read al<Tab> offers Alan's %d stories" % len(alan),
        m is not None and want <= got and not any(
            w.startswith(b"al") and w not in want and
            not b"asyncpath read al".endswith(w) for w in got),
        sh.seen.decode(errors="replace"))
    sh.send(b"\x15asyncpath --pa\t")
    m = sh.expect(rb"asyncpath --path $")
    failed += not check("bash: --pa<Tab> completes to --path", m is not None,
                        sh.seen.decode(errors="replace"))
    sh.send(b"\t")
    m = sh.expect(rb"READY\$ asyncpath --path [a-z-]*$")
    failed += not check(
        "bash: --path <Tab> offers the path ids",
        m is not None and {p.encode() for p in paths} <= words_in(sh.seen),
        sh.seen.decode(errors="replace"))
    sh.send(b"\x15asyncpath --data=fu\t")
    m = sh.expect(rb"asyncpath --data=fuzz/$")
    failed += not check("bash: --data=fu<Tab> completes the folder name",
                        m is not None, sh.seen.decode(errors="replace"))
    sh.close()

    # zsh, with compinit and the script on fpath
    if shutil.which("zsh"):
        zsh = Shell([shutil.which("zsh"), "-f", "-i"], env)
        zsh.send(b"fpath=(completions $fpath); autoload -Uz compinit; "
                 b"compinit -u -d $HOME/.zcompdump; unsetopt beep; "
                 b"zstyle ':completion:*' list-prompt ''; "
                 b"PROMPT='READY%% '\n")
        ok = zsh.expect(rb"READY% $") is not None
        failed += not check("zsh: the completion function loads", ok,
                            zsh.seen.decode(errors="replace"))
        # the first Tab inserts what all share ("alan"), the second lists
        zsh.send(b"asyncpath read al\t")
        zsh.expect(rb"asyncpath read alan")
        zsh.send(b"\t")
        want = {a.encode() for a in alan}
        m = zsh.expect(lambda text: want <= words_in(text))
        got = words_in(zsh.seen) if m else set()
        failed += not check(
            "zsh: asyncpath read al<Tab> offers Alan's %d stories" % len(alan),
            m is not None and {a.encode() for a in alan} <= got,
            zsh.seen.decode(errors="replace"))
        zsh.close()
    else:
        print("skip zsh is not installed")
    return 1 if failed else 0


sys.exit(main())
