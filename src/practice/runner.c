/*
 * runner: see include/runner.h.  A child runs in a process group of its
 * own (setpgid), with its output on two pipes read through pselect, which
 * is also where SIGINT is let in: the walk keeps SIGINT blocked outside
 * its own waits, so the mask given to pselect is the only window, and the
 * handler only sets a flag.  Time is measured on CLOCK_MONOTONIC.
 */
#include "runner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REGISTRY "/usr/share/cargo/registry"

void
verdict_clear(struct verdict *v)
{
	free(v->code), free(v->message), free(v->rendered);
	free(v->out), free(v->err);
	memset(v, 0, sizeof *v);
}

static char *
home_dir(const char *xdg, const char *fallback)
{
	const char *e = getenv(xdg);
	if (e && *e == '/')
		return xasprintf("%s/asyncpath", e);
	e = getenv("HOME");
	if (e && *e)
		return xasprintf("%s/%s/asyncpath", e, fallback);
	return NULL;
}

char *
runner_base(const char *override)
{
	if (override && *override)
		return xstrdup(override);
	char *d = home_dir("XDG_DATA_HOME", ".local/share");
	if (!d)
		return NULL;
	char *b = xasprintf("%s/exercises", d);
	free(d);
	return b;
}

char *
runner_dir(const char *base, const char *id)
{
	return xasprintf("%s/%s", base, id);
}

static const char *
cargo_cmd(void)
{
	const char *c = getenv("ASYNCPATH_CARGO");
	return c && *c ? c : "cargo";
}

bool
runner_have_cargo(void)
{
	const char *c = cargo_cmd();
	if (strchr(c, '/'))
		return access(c, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		return false;
	char *copy = xstrdup(path), *save = NULL;
	bool found = false;
	for (char *d = strtok_r(copy, ":", &save); d && !found;
	     d = strtok_r(NULL, ":", &save)) {
		char *f = xasprintf("%s/%s", *d ? d : ".", c);
		found = access(f, X_OK) == 0;
		free(f);
	}
	free(copy);
	return found;
}

/* mkdir -p; returns 0 or an errno. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				int e = errno;
				free(p);
				return e;
			}
			*s = '/';
		}
	int e = mkdir(p, 0755) != 0 && errno != EEXIST ? errno : 0;
	free(p);
	return e;
}

/* Writes len bytes to file through a temporary file and rename. */
static int
write_atomic(const char *file, const char *buf, size_t len)
{
	char *tmp = xasprintf("%s.XXXXXX", file);
	int fd = mkstemp(tmp), e = 0;
	if (fd < 0) {
		e = errno;
		free(tmp);
		return e;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t k = write(fd, buf + off, len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			e = errno;
			break;
		}
		off += (size_t)k;
	}
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && chmod(tmp, 0644) != 0)
		e = errno;
	if (!e && rename(tmp, file) != 0)
		e = errno;
	if (e)
		unlink(tmp);
	free(tmp);
	return e;
}

/* Copies folder src into dst, files written anew (fresh mtimes, so cargo
 * sees them as changed).  Returns 0 or an errno. */
static int
copy_tree(const char *src, const char *dst)
{
	int e = make_dirs(dst);
	DIR *dp = e ? NULL : opendir(src);
	if (!dp)
		return e ? e : errno;
	struct dirent *de;
	while (!e && (de = readdir(dp))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, "target") == 0 ||
		    strcmp(de->d_name, "Cargo.lock") == 0)
			continue;
		char *s = xasprintf("%s/%s", src, de->d_name);
		char *t = xasprintf("%s/%s", dst, de->d_name);
		struct stat st;
		if (lstat(s, &st) != 0) {
			e = errno;
		} else if (S_ISDIR(st.st_mode)) {
			e = copy_tree(s, t);
		} else if (S_ISREG(st.st_mode)) {
			size_t len;
			char *buf = read_file(s, &len);
			e = buf ? write_atomic(t, buf, len) : errno;
			free(buf);
		}
		free(s);
		free(t);
	}
	closedir(dp);
	return e;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)f;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static bool
registry_has(const char *prefix)
{
	DIR *dp = opendir(REGISTRY);
	if (!dp)
		return false;
	bool found = false;
	struct dirent *de;
	while (!found && (de = readdir(dp)))
		found = strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	closedir(dp);
	return found;
}

int
runner_start(const struct exercise *e, const char *dir, bool fresh)
{
	struct stat st;
	if (!fresh && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	char *src = xasprintf("%s/start", e->dir);
	int err = copy_tree(src, dir);
	free(src);
	if (!err && registry_has("tokio-1.") && registry_has("futures-0.3.")) {
		static const char conf[] =
		    "# Written by asyncpath: build offline against the crates\n"
		    "# Debian ships (librust-tokio-dev, librust-futures-dev).\n"
		    "[source.crates-io]\nreplace-with = \"debian\"\n\n"
		    "[source.debian]\ndirectory = \"" REGISTRY "\"\n";
		char *cd = xasprintf("%s/.cargo", dir);
		char *cf = xasprintf("%s/config.toml", cd);
		err = make_dirs(cd);
		if (!err)
			err = write_atomic(cf, conf, sizeof conf - 1);
		free(cd);
		free(cf);
	}
	return err;
}

int
runner_reset(const struct exercise *e, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		char *aside = xasprintf("%s.before-reset", dir);
		if (lstat(aside, &st) == 0 &&
		    nftw(aside, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0) {
			int err = errno;
			free(aside);
			return err;
		}
		int err = rename(dir, aside) != 0 ? errno : 0;
		free(aside);
		if (err)
			return err;
	}
	return runner_start(e, dir, true);
}

/* ---- running a child in its own process group ---- */

static volatile sig_atomic_t interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct child {
	int status; /* exit status, or 128 + signal */
	bool timed_out, stopped;
	strbuf out, err;
	double seconds;
};

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Appends what fd has to b, up to RUNNER_CAP; false at end of file. */
static bool
drain(int fd, strbuf *b)
{
	char buf[8192];
	ssize_t k = read(fd, buf, sizeof buf);
	if (k < 0)
		return errno == EINTR || errno == EAGAIN;
	if (k == 0)
		return false;
	if (b->len < RUNNER_CAP)
		sb_add(b, buf,
		    b->len + (size_t)k > RUNNER_CAP ? RUNNER_CAP - b->len
		                                    : (size_t)k);
	return true;
}

/* In the forked child: joins its own process group, takes stdin from
 * /dev/null and stdout, stderr from po, pe, and execs argv in dir; never
 * returns (on failure writes errno to px and exits 127). */
static _Noreturn void
exec_child(char *const argv[], const char *dir, const char *const env[],
    const int po[2], const int pe[2], const int px[2])
{
	setpgid(0, 0);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	int nul = open("/dev/null", O_RDONLY);
	if (nul >= 0)
		dup2(nul, 0);
	dup2(po[1], 1);
	dup2(pe[1], 2);
	close(po[0]), close(pe[0]), close(px[0]);
	for (size_t i = 0; env[i]; i += 2)
		setenv(env[i], env[i + 1], 1);
	if (chdir(dir) == 0)
		execvp(argv[0], argv);
	int e = errno;
	if (write(px[1], &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

/*
 * Runs argv in dir, in a new process group, stdin from /dev/null, with
 * env NAME=VALUE pairs added.  Waits at most timeout seconds; on timeout
 * or SIGINT kills the group.  Returns 0, or an errno when it could not
 * start (ENOENT: no such program).
 */
static int
run_child(char *const argv[], const char *dir, const char *const env[],
    int timeout, struct child *c)
{
	int po[2], pe[2], px[2];
	if (pipe(po) != 0)
		return errno;
	if (pipe(pe) != 0 || pipe(px) != 0) {
		int e = errno;
		close(po[0]), close(po[1]);
		return e;
	}
	fcntl(px[1], F_SETFD, FD_CLOEXEC);
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(po[0]), close(po[1]), close(pe[0]), close(pe[1]);
		close(px[0]), close(px[1]);
		return e;
	}
	if (pid == 0)
		exec_child(argv, dir, env, po, pe, px);
	setpgid(pid, pid); /* also here, so no signal finds it unset */
	close(po[1]), close(pe[1]), close(px[1]);
	int exec_err = 0;
	if (read(px[0], &exec_err, sizeof exec_err) != sizeof exec_err)
		exec_err = 0;
	close(px[0]);

	sigset_t wait_mask;
	sigprocmask(SIG_SETMASK, NULL, &wait_mask);
	sigdelset(&wait_mask, SIGINT);

	bool open_o = true, open_e = true, killed = false;
	int status = 0;
	bool reaped = false;
	while (open_o || open_e || !reaped) {
		double left = t0 + timeout - now_s();
		if (!killed && (interrupted || left <= 0)) {
			c->stopped = interrupted != 0;
			c->timed_out = !interrupted;
			kill(-pid, SIGKILL);
			killed = true;
		}
		if (!reaped && waitpid(pid, &status, WNOHANG) == pid) {
			reaped = true;
			/* whatever the program left behind goes too */
			kill(-pid, SIGKILL);
		}
		if (!open_o && !open_e) {
			if (!reaped && waitpid(pid, &status, 0) == pid)
				reaped = true;
			continue;
		}
		fd_set rd;
		FD_ZERO(&rd);
		if (open_o)
			FD_SET(po[0], &rd);
		if (open_e)
			FD_SET(pe[0], &rd);
		double wait = killed ? 0.1 : (left < 0.1 ? left : 0.1);
		if (wait < 0)
			wait = 0;
		struct timespec ts = {(time_t)wait,
		    (long)((wait - (double)(time_t)wait) * 1e9)};
		int k = pselect((po[0] > pe[0] ? po[0] : pe[0]) + 1, &rd, NULL,
		    NULL, &ts, &wait_mask);
		if (k > 0 && open_o && FD_ISSET(po[0], &rd))
			open_o = drain(po[0], &c->out);
		if (k > 0 && open_e && FD_ISSET(pe[0], &rd))
			open_e = drain(pe[0], &c->err);
		if (killed && reaped && now_s() > t0 + timeout + 0.5)
			break; /* a stray holds the pipes: stop reading */
	}
	close(po[0]), close(pe[0]);
	c->seconds = now_s() - t0;
	c->status = WIFEXITED(status) ? WEXITSTATUS(status)
	    : WIFSIGNALED(status)     ? 128 + WTERMSIG(status)
	                              : 1;
	return exec_err;
}

/* ---- the verdict ---- */

static bool
is_code(const char *s)
{
	if (!s || s[0] != 'E' || strlen(s) != 5)
		return false;
	for (int i = 1; i < 5; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Reads cargo's JSON lines: the first error and the executable. */
static void
read_cargo_json(const char *text, struct verdict *v, char **exe)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		json_error_t je;
		json_t *m =
		    len && *p == '{' ? json_loadb(p, len, 0, &je) : NULL;
		const char *reason =
		    json_string_value(json_object_get(m, "reason"));
		if (reason && strcmp(reason, "compiler-message") == 0 &&
		    !v->message) {
			json_t *msg = json_object_get(m, "message");
			const char *level =
			    json_string_value(json_object_get(msg, "level"));
			if (level && strcmp(level, "error") == 0) {
				const char *code = json_string_value(
				    json_object_get(json_object_get(msg,
				                        "code"),
				        "code"));
				const char *text1 = json_string_value(
				    json_object_get(msg, "message"));
				const char *r = json_string_value(
				    json_object_get(msg, "rendered"));
				v->code = code ? xstrdup(code) : NULL;
				v->message = xstrdup(text1 ? text1 : "");
				v->rendered = r ? xstrdup(r) : NULL;
			}
		} else if (reason && strcmp(reason, "compiler-artifact") == 0) {
			const char *x =
			    json_string_value(json_object_get(m, "executable"));
			if (x) {
				free(*exe);
				*exe = xstrdup(x);
			}
		}
		json_decref(m);
		p += len;
		if (*p == '\n')
			p++;
	}
}

/* The panic's first lines from stderr, or NULL. */
static char *
panic_text(const char *err)
{
	const char *p = err ? strstr(err, "panicked at") : NULL;
	if (!p)
		return NULL;
	while (p > err && p[-1] != '\n')
		p--;
	const char *end = strchr(p, '\n');
	if (end && end[1] && strncmp(end + 1, "note:", 5) != 0) {
		const char *e2 = strchr(end + 1, '\n');
		end = e2 ? e2 : end + strlen(end);
	}
	return end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
}

static bool
has_line(const char *out, const char *want)
{
	const char *p = out;
	size_t wl = strlen(want);
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		for (size_t i = 0; i + wl <= len; i++)
			if (memcmp(p + i, want, wl) == 0)
				return true;
		p = nl ? nl + 1 : NULL;
	}
	return false;
}

static bool
declared(const struct exercise *e, const struct verdict *v)
{
	const char *x = e->fails_value;
	switch (e->fails) {
	case EXF_ERROR:
		if (v->kind != VK_ERROR)
			return false;
		if (is_code(x))
			return v->code && strcmp(v->code, x) == 0;
		return v->message && strstr(v->message, x);
	case EXF_TIMEOUT:
		return v->kind == VK_TIMEOUT && !v->in_build;
	case EXF_PANIC:
		return v->kind == VK_PANIC && v->err && strstr(v->err, x);
	case EXF_MISSING:
		return v->kind == VK_MISSING && strcmp(v->message, x) == 0;
	}
	return false;
}

static void verify(const struct exercise *e, const char *dir, struct verdict *v,
    void (*announce)(const char *id));

/* SIGINT goes to our flag for the whole verify, set up before anything
 * is announced, so no Ctrl-C falls between two children. */
void
runner_verify(const struct exercise *e, const char *dir, struct verdict *v,
    void (*announce)(const char *id))
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &old);
	verify(e, dir, v, announce);
	sigaction(SIGINT, &old, NULL);
}

/* Builds the project in dir with cargo, recording the outcome and the
 * build time in v; returns the built executable's path (caller frees),
 * or NULL when cargo named none. */
static char *
cargo_build(const char *dir, struct verdict *v)
{
	/* A lock file from another cargo may be unreadable (format 4 for
	 * Debian's 1.65): let each build resolve afresh, offline. */
	char *lock = xasprintf("%s/Cargo.lock", dir);
	unlink(lock);
	free(lock);
	char *cache = home_dir("XDG_CACHE_HOME", ".cache");
	char *target = cache ? xasprintf("%s/target", cache) : NULL;
	free(cache);
	/* cargo runs the rustc on PATH unless told: with a cargo named by
	 * its path, use the rustc beside it (Debian's cargo, Debian's rustc) */
	const char *cargo = cargo_cmd();
	char *rustc = NULL;
	if (strrchr(cargo, '/')) {
		rustc = xasprintf("%.*srustc",
		    (int)(strrchr(cargo, '/') - cargo + 1), cargo);
		if (access(rustc, X_OK) != 0) {
			free(rustc);
			rustc = NULL;
		}
	}
	const char *env[] = {"CARGO_TERM_COLOR", "never", "CARGO_TARGET_DIR",
	    target ? target : "target", rustc ? "RUSTC" : NULL, rustc, NULL,
	    NULL};
	char *argv[] = {(char *)cargo_cmd(), "build", "--message-format=json",
	    NULL};
	struct child b = {0};
	int err = run_child(argv, dir, env, RUNNER_BUILD_TIMEOUT, &b);
	v->build_s = b.seconds;
	char *exe = NULL;
	if (err) {
		v->kind = VK_NOTOOL;
	} else if (b.stopped || b.timed_out) {
		v->kind = b.stopped ? VK_STOPPED : VK_TIMEOUT;
		v->in_build = true;
	} else {
		read_cargo_json(b.out.s ? b.out.s : "", v, &exe);
		if (b.status != 0 || !exe) {
			v->kind = VK_ERROR;
			if (!v->message) {
				/* no diagnostic: cargo's own complaint */
				v->message =
				    xstrdup(b.err.s ? b.err.s : "cargo failed");
			}
		}
	}
	sb_free(&b.out);
	sb_free(&b.err);
	free(target);
	free(rustc);
	return exe;
}

static void
verify(const struct exercise *e, const char *dir, struct verdict *v,
    void (*announce)(const char *id))
{
	memset(v, 0, sizeof *v);
	struct stat st;
	char *manifest = xasprintf("%s/Cargo.toml", dir);
	bool have = stat(manifest, &st) == 0;
	free(manifest);
	if (!have) {
		v->kind = VK_NOWORK;
		return;
	}
	if (!runner_have_cargo()) {
		v->kind = VK_NOTOOL;
		return;
	}
	if (announce)
		announce(e->id);
	char *exe = cargo_build(dir, v);
	if (v->kind != VK_PASS || !e->run || !exe) {
		free(exe);
		v->declared = declared(e, v);
		return;
	}
	char *rargv[] = {exe, NULL};
	const char *renv[] = {NULL, NULL};
	struct child r = {0};
	int err = interrupted ? 0 : run_child(rargv, dir, renv, e->timeout, &r);
	r.stopped = r.stopped || interrupted;
	v->run_s = r.seconds;
	v->out = sb_take(&r.out);
	v->err = sb_take(&r.err);
	char *pt;
	if (err) {
		v->kind = VK_EXIT;
		v->message =
		    xasprintf("could not start %s: %s", exe, strerror(err));
	} else if (r.stopped) {
		v->kind = VK_STOPPED;
	} else if (r.timed_out) {
		v->kind = VK_TIMEOUT;
	} else if (r.status != 0 && (pt = panic_text(v->err))) {
		v->kind = VK_PANIC;
		v->message = pt;
	} else if (r.status != 0) {
		v->kind = VK_EXIT;
		v->message = xasprintf("%d", r.status);
	} else {
		for (size_t i = 0; i < e->nexpect && v->kind == VK_PASS; i++)
			if (!has_line(v->out, e->expect[i])) {
				v->kind = VK_MISSING;
				v->message = xstrdup(e->expect[i]);
			}
	}
	free(exe);
	v->declared = declared(e, v);
}

/* Appends text as a fenced block that no line of it can close. */
static void
fenced(strbuf *md, const char *text, size_t max)
{
	size_t len = strlen(text), run = 0, longest = 0;
	if (len > max)
		len = max;
	for (size_t i = 0; i < len; i++) {
		run = text[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t n = longest < 3 ? 3 : longest + 1;
	for (size_t i = 0; i < n; i++)
		sb_putc(md, '`');
	sb_putc(md, '\n');
	sb_add(md, text, len);
	if (len && text[len - 1] != '\n')
		sb_putc(md, '\n');
	if (len < strlen(text))
		sb_puts(md, "[...]\n");
	for (size_t i = 0; i < n; i++)
		sb_putc(md, '`');
	sb_puts(md, "\n\n");
}

/* The last lines of s, at most max bytes, for showing a program's output. */
static const char *
tail(const char *s, size_t max)
{
	size_t len = strlen(s);
	if (len <= max)
		return s;
	const char *p = s + len - max;
	const char *nl = strchr(p, '\n');
	return nl ? nl + 1 : p;
}

/* Appends to md the tail of what the program printed, when that helps,
 * and the build and run times. */
static void
describe_output(const struct verdict *v, strbuf *md)
{
	if ((v->kind == VK_MISSING || v->kind == VK_EXIT ||
	        v->kind == VK_TIMEOUT) &&
	    v->out && *v->out) {
		sb_puts(md, "What it printed:\n\n");
		fenced(md, tail(v->out, 2000), 2000);
	}
	if ((v->kind == VK_MISSING || v->kind == VK_EXIT ||
	        v->kind == VK_TIMEOUT) &&
	    v->err && *v->err) {
		sb_puts(md, "On stderr:\n\n");
		fenced(md, tail(v->err, 2000), 2000);
	}
	if (v->kind != VK_NOTOOL && v->kind != VK_NOWORK && v->run_s > 0)
		sb_printf(md, "(build %.1f s, run %.1f s)\n", v->build_s,
		    v->run_s);
	else if (v->kind != VK_NOTOOL && v->kind != VK_NOWORK)
		sb_printf(md, "(build %.1f s)\n", v->build_s);
}

void
runner_describe(const struct exercise *e, const struct verdict *v, strbuf *md)
{
	switch (v->kind) {
	case VK_PASS:
		sb_printf(md, "**Solved.** `%s` builds%s. Well done.\n\n",
		    e->id, e->run ? ", runs and prints what it should" : "");
		break;
	case VK_ERROR:
		sb_puts(md, "**Not yet: it does not compile.** ");
		if (v->code)
			sb_printf(md, "The first error is `%s`: ", v->code);
		else
			sb_puts(md, "The first error: ");
		sb_puts(md, "\n\n");
		fenced(md, v->rendered ? v->rendered : v->message, 6000);
		if (v->code)
			sb_printf(md,
			    "`rustc --explain %s` tells more about "
			    "this error.\n\n",
			    v->code);
		break;
	case VK_TIMEOUT:
		if (v->in_build)
			sb_printf(md,
			    "**The build took longer than %d s** and "
			    "was stopped.\n\n",
			    RUNNER_BUILD_TIMEOUT);
		else
			sb_printf(md,
			    "**Not yet: your program was still "
			    "running after %d s**, so it was stopped. "
			    "Something "
			    "waits for what never comes: a deadlock, a wake-up "
			    "nobody sends, a channel nobody closes.\n\n",
			    e->timeout);
		break;
	case VK_PANIC:
		sb_puts(md, "**Not yet: the program panicked.**\n\n");
		fenced(md, v->message, 2000);
		break;
	case VK_EXIT:
		sb_printf(md,
		    "**Not yet: the program exited with status "
		    "%s.**\n\n",
		    v->message);
		break;
	case VK_MISSING:
		sb_puts(md,
		    "**Not yet: the program ran, but never printed** "
		    "a line with `");
		sb_puts(md, v->message);
		sb_puts(md, "`.\n\n");
		break;
	case VK_STOPPED:
		sb_puts(md, "Stopped: the verify was interrupted.\n\n");
		break;
	case VK_NOTOOL:
		sb_puts(md,
		    "cargo is not installed. Install it with: `" RUNNER_APT
		    "`\n\n");
		break;
	case VK_NOWORK:
		sb_printf(md,
		    "`%s` is not started yet: type `exercise %s` "
		    "first.\n\n",
		    e->id, e->id);
		break;
	}
	describe_output(v, md);
}

const char *
runner_error_word(const struct verdict *v)
{
	switch (v->kind) {
	case VK_PASS:
		return NULL;
	case VK_ERROR:
		return v->code ? v->code : "error";
	case VK_TIMEOUT:
		return "timeout";
	case VK_PANIC:
		return "panic";
	case VK_MISSING:
		return "missing_output";
	case VK_EXIT:
		return "exit";
	default:
		return NULL;
	}
}

void
runner_progress(const char *dir, struct progress_rec *p)
{
	memset(p, 0, sizeof *p);
	char *file = xasprintf("%s/.asyncpath.json", dir);
	json_error_t je;
	json_t *j = json_load_file(file, 0, &je);
	free(file);
	const char *s = json_string_value(json_object_get(j, "status"));
	if (s &&
	    (strcmp(s, "started") == 0 || strcmp(s, "failing") == 0 ||
	        strcmp(s, "solved") == 0))
		snprintf(p->status, sizeof p->status, "%s", s);
	json_int_t a = json_integer_value(json_object_get(j, "attempts"));
	json_int_t h = json_integer_value(json_object_get(j, "hints"));
	p->attempts = a > 0 && a < 1000000 ? (unsigned)a : 0;
	p->hints = h > 0 && h < 1000 ? (unsigned)h : 0;
	s = json_string_value(json_object_get(j, "last_error"));
	if (s)
		snprintf(p->last_error, sizeof p->last_error, "%s", s);
	json_decref(j);
}

int
runner_save_progress(const char *dir, const struct progress_rec *p)
{
	json_t *j = json_pack("{s:s, s:I, s:I, s:s?}", "status",
	    *p->status ? p->status : "started", "attempts",
	    (json_int_t)p->attempts, "hints", (json_int_t)p->hints,
	    "last_error", *p->last_error ? p->last_error : NULL);
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!text)
		return ENOMEM;
	char *file = xasprintf("%s/.asyncpath.json", dir);
	strbuf b = {0};
	sb_puts(&b, text);
	sb_putc(&b, '\n');
	free(text);
	int e = write_atomic(file, b.s, b.len);
	sb_free(&b);
	free(file);
	return e;
}

int
runner_diff(const struct exercise *e, strbuf *out)
{
	char *a = xasprintf("start/%s", e->edit);
	char *b = xasprintf("solution/%s", e->edit);
	char *argv[] = {"diff", "-u", "--label", a, "--label", b, a, b, NULL};
	const char *env[] = {NULL, NULL};
	struct child c = {0};
	int err = run_child(argv, e->dir, env, 10, &c);
	free(a);
	free(b);
	if (!err)
		sb_add(out, c.out.s ? c.out.s : "", c.out.len);
	sb_free(&c.out);
	sb_free(&c.err);
	return err ? err : c.status <= 1 ? 0 : EIO;
}
