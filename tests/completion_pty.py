#!/usr/bin/env python3
"""completion_pty.py BIN: the shell completions of completions/ driven in
a real bash (with bash-completion) and, when installed, a real zsh, each
in a pseudo-terminal.  Typing `asyncpath read al<Tab>` must offer every
story id that starts with "al" (Alan's stories) and nothing else the
program does not offer; options and path ids complete too.  Prints 'ok
NAME' or 'not ok NAME' a line.  Waits for what the screen shows, with a
deadline; never for a fixed time."""
import fcntl, os, pty, re, select, shutil, struct, subprocess, sys, \
    tempfile, termios

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\x1b\][^\x07]*\x07|\r")
DEADLINE = 60.0


def check(name, cond, detail=""):
    print(("ok " if cond else "not ok ") + name)
    if not cond and detail:
        for line in detail.splitlines()[-15:]:
            print("    " + line)
    return cond


class Shell:
    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 50, 200, 0, 0))
        self.seen = b""

    def send(self, data):
        os.write(self.fd, data)

    def expect(self, pattern):
        """Reads until the cleaned output since the last expect matches
        pattern (a bytes regex, or a function of the text that returns
        true); returns the match or None at the deadline."""
        buf = b""
        while True:
            text = ANSI.sub(b"", buf)
            m = pattern(text) if callable(pattern) else \
                re.search(pattern, text)
            if m:
                self.seen = ANSI.sub(b"", buf)
                return m
            r, _, _ = select.select([self.fd], [], [], DEADLINE)
            if not r:
                self.seen = ANSI.sub(b"", buf)
                return None
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                self.seen = ANSI.sub(b"", buf)
                return None
            buf += chunk

    def close(self):
        """Clears the line (Ctrl-U), leaves with exit, and waits for the
        shell to end (killed at the deadline)."""
        try:
            self.send(b"\x15exit\n")
            self.expect(lambda text: False)  # to EOF (or the deadline)
        except OSError:
            pass
        try:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


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
    home = tempfile.mkdtemp(prefix="asyncpath-compl-")
    bindir = os.path.join(home, "bin")
    os.mkdir(bindir)
    os.symlink(BIN, os.path.join(bindir, "asyncpath"))
    env = {"PATH": bindir + ":/usr/bin:/bin", "HOME": home,
           "TERM": "xterm", "LC_ALL": "C.UTF-8", "INPUTRC": "/dev/null",
           "ASYNCPATH_DATA": ROOT, "ASYNCPATH_HISTORY": "/dev/null",
           "XDG_STATE_HOME": os.path.join(home, "state")}
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
    shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


sys.exit(main())
