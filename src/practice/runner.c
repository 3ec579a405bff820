/*
 * runner: see include/runner.h.  Processes are child.h's job.  SIGINT,
 * SIGTERM and SIGHUP: runner_verify and runner_prepare put a handler that
 * only sets `interrupted` in place for their whole run; child_run lets
 * them in only inside its wait and stops its program and every process
 * it started when the flag is set, and verify starts nothing after it is
 * set.  SIGINT stops only the verify; SIGTERM and SIGHUP, once the
 * children are stopped, are raised again under the handlers we found, so
 * asyncpath ends as they ask.  Time is measured on CLOCK_MONOTONIC.
 */
#include "runner.h"

#include "checks.h"
#include "child.h"

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

#include "files.h"

#define REGISTRY "/usr/share/cargo/registry"

void
verdict_clear(struct verdict *v)
{
	free(v->code), free(v->message), free(v->rendered);
	free(v->out), free(v->err), free(v->line_t);
	free(v->toolchain), free(v->newest), free(v->warnings),
	    free(v->skipped);
	for (size_t i = 0; i < v->nlints; i++)
		free(v->lints[i]);
	free(v->lints);
	memset(v, 0, sizeof *v);
}

char *
runner_base(const char *override)
{
	if (override && *override)
		return xstrdup(override);
	char *d = files_xdg_dir("XDG_DATA_HOME", ".local/share");
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

/* name's path: itself when it holds a '/', else found on PATH.  NULL
 * when not executable or not found.  Caller frees. */
static char *
which(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	const char *path = getenv("PATH");
	char *copy = xstrdup(path ? path : ""), *save = NULL, *found = NULL;
	for (char *d = strtok_r(copy, ":", &save); d && !found;
	     d = strtok_r(NULL, ":", &save)) {
		char *f = xasprintf("%s/%s", *d ? d : ".", name);
		if (access(f, X_OK) == 0)
			found = f;
		else
			free(f);
	}
	free(copy);
	return found;
}

bool
runner_have_cargo(void)
{
	char *c = which(cargo_cmd());
	free(c);
	return c != NULL;
}

/* Copies folder src into dst, files written anew (fresh mtimes, so cargo
 * sees them as changed).  Returns 0 or an errno. */
static int
copy_tree(const char *src, const char *dst)
{
	int e = files_make_dirs(dst, 0755);
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
			e = buf ? files_write_atomic(t, buf, len, 0644) : errno;
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
		    "# Debian ships (librust-tokio-dev, "
		    "librust-tokio-util-dev,\n"
		    "# librust-futures-dev).\n"
		    "[source.crates-io]\nreplace-with = \"debian\"\n\n"
		    "[source.debian]\ndirectory = \"" REGISTRY "\"\n";
		char *cd = xasprintf("%s/.cargo", dir);
		char *cf = xasprintf("%s/config.toml", cd);
		err = files_make_dirs(cd, 0755);
		if (!err)
			err =
			    files_write_atomic(cf, conf, sizeof conf - 1, 0644);
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

static volatile sig_atomic_t interrupted; /* the signal that stops us */

static void
on_stop_signal(int sig)
{
	interrupted = sig;
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NSTOP (sizeof stop_signals / sizeof stop_signals[0])

/* Sends SIGINT, SIGTERM and SIGHUP to our flag, keeping the handlers
 * found in old; SIGTERM and SIGHUP stay ignored when they were (nohup). */
static void
stop_signals_catch(struct sigaction old[NSTOP])
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	for (size_t i = 0; i < NSTOP; i++) {
		sigaction(stop_signals[i], NULL, &old[i]);
		if (stop_signals[i] == SIGINT || old[i].sa_handler != SIG_IGN)
			sigaction(stop_signals[i], &sa, NULL);
	}
}

/* Puts the handlers in old back; then a SIGTERM or SIGHUP that stopped
 * the children is raised again, for them (by default: asyncpath ends,
 * killed by that signal, as its caller expects). */
static void
stop_signals_release(const struct sigaction old[NSTOP])
{
	for (size_t i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &old[i], NULL);
	if (interrupted == SIGTERM || interrupted == SIGHUP)
		raise(interrupted);
}

/* Runs argv in dir with env added, for at most timeout seconds, keeping
 * cap bytes a stream; stopped by a stop signal.  Returns 0 or an errno. */
static int
run_child(char *const argv[], const char *dir, const char *const env[],
    double timeout, size_t cap, struct child *c)
{
	struct child_opts o = {argv, dir, env, timeout, cap, NULL, NULL,
	    &interrupted};
	return child_run(&o, c);
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

#define RUNNER_WARNINGS 3 /* warnings shown at most */

/* A warning with a lint name: its name goes to v's lints, its rendering
 * to warnings (the first few). */
static void
add_warning(json_t *msg, struct verdict *v, strbuf *warnings, unsigned *nw)
{
	const char *code = json_string_value(
	    json_object_get(json_object_get(msg, "code"), "code"));
	const char *r = json_string_value(json_object_get(msg, "rendered"));
	if (!code)
		return; /* "1 warning emitted" and the like */
	for (size_t i = 0; i < v->nlints; i++)
		if (strcmp(v->lints[i], code) == 0)
			code = NULL;
	if (code) {
		v->lints =
		    xrealloc(v->lints, (v->nlints + 1) * sizeof *v->lints);
		v->lints[v->nlints++] = xstrdup(code);
	}
	if (r && (*nw)++ < RUNNER_WARNINGS)
		sb_puts(warnings, r);
}

/* Reads cargo's JSON lines: the first error, the warnings and lints, and
 * the executable. */
static void
read_cargo_json(const char *text, struct verdict *v, char **exe)
{
	const char *p = text;
	strbuf warnings = {0};
	unsigned nw = 0;
	if (v->warnings)
		sb_puts(&warnings, v->warnings);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		json_error_t je;
		json_t *m =
		    len && *p == '{' ? json_loadb(p, len, 0, &je) : NULL;
		const char *reason =
		    json_string_value(json_object_get(m, "reason"));
		json_t *msg = json_object_get(m, "message");
		const char *level =
		    json_string_value(json_object_get(msg, "level"));
		if (reason && strcmp(reason, "compiler-message") == 0 &&
		    level && strcmp(level, "warning") == 0) {
			add_warning(msg, v, &warnings, &nw);
		} else if (reason && strcmp(reason, "compiler-message") == 0 &&
		    !v->message && level && strcmp(level, "error") == 0) {
			const char *code = json_string_value(
			    json_object_get(json_object_get(msg, "code"),
			        "code"));
			const char *text1 =
			    json_string_value(json_object_get(msg, "message"));
			const char *r =
			    json_string_value(json_object_get(msg, "rendered"));
			v->code = code ? xstrdup(code) : NULL;
			v->message = xstrdup(text1 ? text1 : "");
			v->rendered = r ? xstrdup(r) : NULL;
		} else if (reason && strcmp(reason, "compiler-artifact") == 0) {
			const char *x =
			    json_string_value(json_object_get(m, "executable"));
			if (x && exe) {
				free(*exe);
				*exe = xstrdup(x);
			}
		}
		json_decref(m);
		p += len;
		if (*p == '\n')
			p++;
	}
	if (nw > RUNNER_WARNINGS)
		sb_printf(&warnings, "(and %u more warnings)\n",
		    nw - RUNNER_WARNINGS);
	free(v->warnings);
	v->warnings = warnings.len ? sb_take(&warnings) : NULL;
	sb_free(&warnings);
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

/* The stop signals go to our flag for the whole verify, set up before
 * anything is announced, so none falls between two children. */
void
runner_verify(const struct exercise *e, const char *dir, struct verdict *v,
    void (*announce)(const char *id))
{
	struct sigaction old[NSTOP];
	stop_signals_catch(old);
	verify(e, dir, v, announce);
	stop_signals_release(old);
}

/* ---- toolchains ---- */

struct tool {
	char *cargo; /* its path */
	char *rustc; /* the rustc beside it, or NULL (then rustc on PATH) */
	char *version; /* "1.63.0" */
	int minor; /* 63 */
};

static void
tool_free(struct tool *t)
{
	free(t->cargo), free(t->rustc), free(t->version);
	memset(t, 0, sizeof *t);
}

/* dir-of-path/name when executable, else NULL.  Caller frees. */
static char *
beside(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	char *f = xasprintf("%.*s%s", (int)(slash - path + 1), path, name);
	if (access(f, X_OK) == 0)
		return f;
	free(f);
	return NULL;
}

/* Fills t for the cargo at path: the rustc beside it and its version.
 * False when rustc does not answer. */
static bool
tool_probe(const char *path, struct tool *t)
{
	memset(t, 0, sizeof *t);
	t->cargo = xstrdup(path);
	t->rustc = beside(path, "rustc");
	char *argv[] = {t->rustc ? t->rustc : "rustc", "--version", NULL};
	const char *env[] = {NULL, NULL};
	struct child c;
	int err = run_child(argv, "/", env, 30, 4096, &c);
	unsigned major = 0, minor = 0, patch = 0;
	if (!err && c.status == 0 && c.out.s &&
	    sscanf(c.out.s, "rustc %u.%u.%u", &major, &minor, &patch) == 3 &&
	    major == 1) {
		t->version = xasprintf("%u.%u.%u", major, minor, patch);
		t->minor = (int)minor;
	}
	child_free(&c);
	if (!t->version)
		tool_free(t);
	return t->version != NULL;
}

/*
 * The toolchain for e: $ASYNCPATH_CARGO when set, else the first of cargo
 * on PATH, $CARGO_HOME/bin/cargo (~/.cargo/bin: rustup's) and
 * /usr/bin/cargo (Debian's) whose rustc is at least e's minimum.  False
 * when none is; then v->newest names the newest rustc found (NULL: no
 * cargo at all).
 */
static bool
pick_tool(const struct exercise *e, struct tool *t, struct verdict *v)
{
	const char *env = getenv("ASYNCPATH_CARGO");
	const char *home = getenv("HOME"), *ch = getenv("CARGO_HOME");
	char *cand[3] = {NULL, NULL, NULL};
	size_t n = 0;
	if (env && *env) {
		cand[n++] = which(env);
	} else {
		cand[n++] = which("cargo");
		if (ch && *ch)
			cand[n++] = xasprintf("%s/bin/cargo", ch);
		else if (home && *home)
			cand[n++] = xasprintf("%s/.cargo/bin/cargo", home);
		cand[n++] = xstrdup("/usr/bin/cargo");
	}
	bool found = false;
	int newest = -1;
	for (size_t i = 0; i < n && !found; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen ||
			    (cand[j] && cand[i] &&
			        strcmp(cand[i], cand[j]) == 0);
		if (!cand[i] || seen || access(cand[i], X_OK) != 0 ||
		    !tool_probe(cand[i], t))
			continue;
		if (t->minor >= e->rustc_minor) {
			found = true;
		} else {
			if (t->minor > newest) {
				newest = t->minor;
				free(v->newest);
				v->newest = xstrdup(t->version);
			}
			tool_free(t);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(cand[i]);
	return found;
}

/* ---- building ---- */

static void (*progress_fn)(const char *line);

void
runner_set_progress(void (*fn)(const char *line))
{
	progress_fn = fn;
}

/* cargo's stderr, line by line: its progress lines go to progress_fn. */
static void
on_cargo_line(void *ctx, int fd, const char *line, size_t len)
{
	(void)ctx;
	while (len && (*line == ' ' || *line == '\t'))
		line++, len--;
	static const char *const words[] = {"Compiling ", "Checking ",
	    "Finished ", NULL};
	/* "Compiling NAME vX (/the/workspace)": the folder is the
	 * workspace's, already said, and too wide for 80 columns */
	if (len > 3 && line[len - 1] == ')')
		for (size_t k = len - 3; k > 0; k--)
			if (strncmp(line + k, " (/", 3) == 0) {
				len = k;
				break;
			}
	for (size_t i = 0; fd == 2 && progress_fn && words[i]; i++)
		if (len > strlen(words[i]) &&
		    strncmp(line, words[i], strlen(words[i])) == 0) {
			char *l = xstrndup(line, len);
			progress_fn(l);
			free(l);
		}
}

/* The target folder every build shares, under the cache folder; NULL
 * when there is none (each project then builds in its own).  Caller
 * frees. */
static char *
shared_target(void)
{
	char *cache = files_xdg_dir("XDG_CACHE_HOME", ".cache");
	char *target = cache ? xasprintf("%s/target", cache) : NULL;
	free(cache);
	return target;
}

/* Runs `cargo SUB --message-format=json [-- ARGS]` with t in dir, the
 * shared target folder and no colour; fills c.  Returns 0 or an errno. */
static int
run_cargo(const struct tool *t, const char *dir, char *const sub[],
    struct child *c)
{
	char *target = shared_target();
	/* cargo runs the rustc on PATH unless told: the one beside it
	 * (Debian's cargo, Debian's rustc) */
	const char *env[] = {"CARGO_TERM_COLOR", "never", "CARGO_TARGET_DIR",
	    target ? target : "target", t->rustc ? "RUSTC" : NULL, t->rustc,
	    NULL, NULL};
	char *argv[16];
	size_t n = 0;
	argv[n++] = t->cargo;
	for (size_t i = 0; sub[i] && n < 15; i++)
		argv[n++] = sub[i];
	argv[n] = NULL;
	struct child_opts o = {argv, dir, env, RUNNER_BUILD_TIMEOUT,
	    RUNNER_BUILD_CAP, on_cargo_line, NULL, &interrupted};
	int err = child_run(&o, c);
	free(target);
	return err;
}

/*
 * The shared target folder keeps one build of each package name, and
 * cargo judges it fresh by file times: after a build of the same exercise
 * from another folder (prepare's copy, a second workspace), files older
 * than that build pass for built, and verify would run the other
 * folder's program.  So each build notes its folder in
 * TARGET/asyncpath-built/NAME (written when the build ends), and a build
 * from another folder whose files are not all newer than that note first
 * cleans the package's own artifacts (`cargo clean -p NAME`; the crates
 * it uses stay built).
 */
static struct timespec built_at; /* nftw has no context: the note's time */
static bool all_newer;

static int
newer_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)path, (void)f;
	if (flag == FTW_F &&
	    (st->st_mtim.tv_sec < built_at.tv_sec ||
	        (st->st_mtim.tv_sec == built_at.tv_sec &&
	            st->st_mtim.tv_nsec <= built_at.tv_nsec))) {
		all_newer = false;
		return 1;
	}
	return 0;
}

/* The note of package name's last build: TARGET/asyncpath-built/NAME, or
 * NULL without a shared target folder.  Caller frees. */
static char *
build_note(const char *name)
{
	char *target = shared_target();
	char *note =
	    target ? xasprintf("%s/asyncpath-built/%s", target, name) : NULL;
	free(target);
	return note;
}

/* Cleans package name's artifacts when its last build was from another
 * folder than dir and some file of dir is not newer than that build. */
static void
own_build(const struct tool *t, const char *dir, const char *name)
{
	char *note = build_note(name);
	size_t len = 0;
	char *was = note ? read_file(note, &len) : NULL;
	char *real = realpath(dir, NULL);
	struct stat st;
	if (was && strcmp(was, real ? real : dir) != 0 &&
	    stat(note, &st) == 0) {
		built_at = st.st_mtim;
		all_newer = true;
		char *src = xasprintf("%s/src", dir);
		char *manifest = xasprintf("%s/Cargo.toml", dir);
		struct stat ms;
		if (nftw(src, newer_one, 16, FTW_PHYS) != 0 ||
		    stat(manifest, &ms) != 0)
			all_newer = false;
		else
			newer_one(manifest, &ms, FTW_F, NULL);
		if (!all_newer) {
			char *sub[] = {"clean", "-p", (char *)name, NULL};
			struct child c;
			run_cargo(t, dir, sub, &c);
			child_free(&c);
		}
		free(src);
		free(manifest);
	}
	free(was);
	free(real);
	free(note);
}

/* Notes that package name was last built from dir (see own_build). */
static void
note_build(const char *dir, const char *name)
{
	char *note = build_note(name);
	if (!note)
		return;
	char *real = realpath(dir, NULL);
	const char *here = real ? real : dir;
	char *folder = xstrndup(note, (size_t)(strrchr(note, '/') - note));
	if (files_make_dirs(folder, 0755) == 0)
		files_write_atomic(note, here, strlen(here), 0644);
	free(folder);
	free(real);
	free(note);
}

/* Builds the project in dir (package name) with t, recording the outcome
 * and the build time in v; returns the built executable's path (caller
 * frees), or NULL when cargo named none. */
static char *
cargo_build(const struct tool *t, const char *dir, const char *name,
    struct verdict *v)
{
	/* A lock file from another cargo may be unreadable (format 4 for
	 * Debian's 1.65): let each build resolve afresh, offline. */
	char *lock = xasprintf("%s/Cargo.lock", dir);
	unlink(lock);
	free(lock);
	own_build(t, dir, name);
	char *sub[] = {"build", "--message-format=json", NULL};
	struct child b;
	int err = run_cargo(t, dir, sub, &b);
	if (!err)
		note_build(dir, name);
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
	child_free(&b);
	return exe;
}

/* Runs clippy with t on dir when e asks for a clippy lint and clippy is
 * beside cargo: its lints join v's, v->clippy says it ran. */
static void
run_clippy(const struct exercise *e, const struct tool *t, const char *dir,
    struct verdict *v)
{
	char *sub[16] = {"clippy", "--message-format=json", "--", NULL};
	size_t n = 3;
	for (size_t i = 0; i < e->nmust && n < 14; i++)
		if (e->must[i].kind == MUST_SILENT &&
		    strncmp(e->must[i].what, "clippy::", 8) == 0) {
			sub[n++] = "-W";
			sub[n++] = e->must[i].what;
		}
	char *clippy = n > 3 ? beside(t->cargo, "cargo-clippy") : NULL;
	if (!clippy)
		return;
	free(clippy);
	struct child c;
	int err = run_cargo(t, dir, sub, &c);
	if (!err)
		v->clippy_s = c.seconds;
	if (!err && !c.stopped && !c.timed_out && c.status == 0) {
		v->clippy = true;
		read_cargo_json(c.out.s ? c.out.s : "", v, NULL);
	}
	child_free(&c);
}

/* Judges e's `must` items on what v saw in dir; VK_MUST when one fails. */
static void
judge_must(const struct exercise *e, const char *dir, struct verdict *v)
{
	char *mine = xasprintf("%s/%s", dir, e->edit);
	char *orig = xasprintf("%s/start/%s", e->dir, e->edit);
	size_t len;
	char *code = read_file(mine, &len), *start = read_file(orig, &len);
	struct seen s = {v->out ? v->out : "", v->line_t, v->nline, code, start,
	    v->lints, v->nlints, v->clippy};
	strbuf why = {0}, skipped = {0};
	int bad = checks_run(e, &s, &why, &skipped);
	if (bad >= 0) {
		v->kind = VK_MUST;
		v->must = bad;
		v->message = sb_take(&why);
	}
	if (skipped.len)
		v->skipped = sb_take(&skipped);
	sb_free(&why);
	sb_free(&skipped);
	free(code), free(start), free(mine), free(orig);
}

/* The verdict on the program's run r (err: it could not start). */
static void
judge_run(const struct exercise *e, const char *exe, int err, struct child *r,
    struct verdict *v)
{
	r->stopped = r->stopped || interrupted;
	v->run_s = r->seconds;
	v->out = sb_take(&r->out);
	v->err = sb_take(&r->err);
	v->cut_out = r->cut_out, v->cut_err = r->cut_err;
	v->line_t = r->line_t, v->nline = r->nline;
	r->line_t = NULL;
	v->cpu_s = r->cpu_s, v->runnable_s = r->runnable_s;
	v->strays = r->strays;
	char *pt;
	if (err) {
		v->kind = VK_EXIT;
		v->message =
		    xasprintf("could not start %s: %s", exe, strerror(err));
	} else if (r->stopped) {
		v->kind = VK_STOPPED;
	} else if (r->timed_out) {
		v->kind = VK_TIMEOUT;
	} else if (r->status != 0 && (pt = panic_text(v->err))) {
		v->kind = VK_PANIC;
		v->message = pt;
	} else if (r->status != 0) {
		v->kind = VK_EXIT;
		v->message = xasprintf("%d", r->status);
	} else {
		for (size_t i = 0; i < e->nexpect && v->kind == VK_PASS; i++)
			if (!has_line(v->out, e->expect[i])) {
				v->kind = VK_MISSING;
				v->message = xstrdup(e->expect[i]);
			}
	}
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
	struct tool t;
	if (!pick_tool(e, &t, v)) {
		v->kind = VK_NOTOOL;
		return;
	}
	v->toolchain = xasprintf("rustc %s from %s", t.version, t.cargo);
	if (announce)
		announce(e->id);
	char *exe = cargo_build(&t, dir, e->id, v);
	if (v->kind != VK_PASS || !exe) {
		free(exe);
		tool_free(&t);
		v->declared = declared(e, v);
		return;
	}
	struct child r = {0};
	if (e->run) {
		char *rargv[] = {exe, NULL};
		const char *renv[] = {NULL, NULL};
		int err = interrupted
		    ? 0
		    : run_child(rargv, dir, renv, e->timeout, RUNNER_CAP, &r);
		judge_run(e, exe, err, &r, v);
	}
	if (v->kind == VK_PASS && !interrupted)
		run_clippy(e, &t, dir, v);
	if (interrupted && v->kind == VK_PASS)
		v->kind = VK_STOPPED;
	if (v->kind == VK_PASS)
		judge_must(e, dir, v);
	child_free(&r);
	free(exe);
	tool_free(&t);
	v->declared = declared(e, v);
}

static void prepare(const struct exercise *e, struct verdict *v);

/* The stop signals go to our flag for the whole build, as in a verify. */
void
runner_prepare(const struct exercise *e, struct verdict *v)
{
	struct sigaction old[NSTOP];
	stop_signals_catch(old);
	prepare(e, v);
	stop_signals_release(old);
}

static void
prepare(const struct exercise *e, struct verdict *v)
{
	memset(v, 0, sizeof *v);
	char *cache = files_xdg_dir("XDG_CACHE_HOME", ".cache");
	char *dir = cache ? xasprintf("%s/prepare/%s", cache, e->id) : NULL;
	free(cache);
	struct tool t;
	if (!dir || runner_start(e, dir, true) != 0) {
		v->kind = VK_NOWORK;
	} else if (!pick_tool(e, &t, v)) {
		v->kind = VK_NOTOOL;
	} else {
		v->toolchain =
		    xasprintf("rustc %s from %s", t.version, t.cargo);
		free(cargo_build(&t, dir, e->id, v));
		/* verify's clippy checks the crates again, as clippy
		 * sees them (metadata, not the build's): warm those too */
		if ((v->kind == VK_PASS || v->kind == VK_ERROR) && !interrupted)
			run_clippy(e, &t, dir, v);
		if (interrupted)
			v->kind = VK_STOPPED;
		tool_free(&t);
	}
	free(dir);
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
	if (v->cut_out || v->cut_err)
		sb_printf(md,
		    "(It printed more than verify keeps: %zu bytes of its "
		    "output were dropped after the last whole line kept.)\n\n",
		    v->cut_out + v->cut_err);
	if (v->strays)
		sb_printf(md,
		    "(When it exited, %u process%s it had started %s still "
		    "running; verify stopped %s.)\n\n",
		    v->strays, v->strays == 1 ? "" : "es",
		    v->strays == 1 ? "was" : "were",
		    v->strays == 1 ? "it" : "them");
	if (v->warnings && v->kind != VK_ERROR && v->kind != VK_PASS) {
		sb_puts(md,
		    v->clippy ? "Warnings from the compiler and clippy:\n\n"
		              : "The compiler's warnings:\n\n");
		fenced(md, v->warnings, 6000);
	}
	if (v->skipped) {
		sb_puts(md, v->skipped);
		sb_puts(md, "\n\n");
	}
	if (v->kind == VK_NOTOOL || v->kind == VK_NOWORK)
		return;
	sb_puts(md, "(");
	if (v->toolchain) {
		sb_add_safe(md, v->toolchain, strlen(v->toolchain));
		sb_puts(md, "; ");
	}
	if (v->run_s > 0)
		sb_printf(md, "build %.1f s, run %.1f s)\n", v->build_s,
		    v->run_s);
	else
		sb_printf(md, "build %.1f s)\n", v->build_s);
}

/* The verdict on code that does not compile: its first error. */
static void
describe_error(const struct verdict *v, strbuf *md)
{
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
}

/* The verdict on a build or run stopped at its timeout: for a run, whether
 * it was computing or waiting all that time. */
static void
describe_timeout(const struct exercise *e, const struct verdict *v, strbuf *md)
{
	if (v->in_build) {
		sb_printf(md,
		    "**The build took longer than %d s** and "
		    "was stopped.\n\n",
		    RUNNER_BUILD_TIMEOUT);
		return;
	}
	sb_printf(md,
	    "**Not yet: your program was still "
	    "running after %d s**, so it was stopped. ",
	    e->timeout);
	if (v->runnable_s >= 0.5 * v->run_s)
		sb_printf(md,
		    "It never stopped to wait: it was computing (or "
		    "ready to) for %.1f of those %.1f s, %.1f s of "
		    "them "
		    "on a processor. That is a loop that never ends or "
		    "never yields, such as a future that wakes itself "
		    "at once and returns `Pending`.\n\n",
		    v->runnable_s < v->run_s ? v->runnable_s : v->run_s,
		    v->run_s, v->cpu_s);
	else
		sb_puts(md,
		    "It hardly used the processor: something waits "
		    "for what never comes, such as a deadlock, a "
		    "wake-up nobody sends or a channel nobody "
		    "closes.\n\n");
}

/* The verdict when no toolchain fits: a newer rustc, or cargo at all. */
static void
describe_notool(const struct exercise *e, const struct verdict *v, strbuf *md)
{
	if (v->newest)
		sb_printf(md,
		    "`%s` needs Rust 1.%d or newer, and the newest "
		    "rustc here is %s. Get a newer one with rustup "
		    "(https://rustup.rs, then `rustup toolchain "
		    "install "
		    "stable`), or point `ASYNCPATH_CARGO` at a newer "
		    "cargo.\n\n",
		    e->id, e->rustc_minor, v->newest);
	else
		sb_puts(md,
		    "cargo is not installed. Install it with: "
		    "`" RUNNER_APT "`\n\n");
}

/* The verdict on a program that runs and prints every line but fails a
 * `must` item: what a correct fix shows, and what was seen instead. */
static void
describe_must(const struct exercise *e, const struct verdict *v, strbuf *md)
{
	sb_puts(md,
	    "**Not yet: it runs and prints every line, but a correct "
	    "fix must also show this:** ");
	sb_puts(md, e->must[v->must].say);
	sb_puts(md, "\n\n");
	sb_puts(md, v->message);
	sb_puts(md, "\n\n");
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
		describe_error(v, md);
		break;
	case VK_TIMEOUT:
		describe_timeout(e, v, md);
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
		describe_notool(e, v, md);
		break;
	case VK_MUST:
		describe_must(e, v, md);
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
	case VK_MUST:
		return "must";
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
	json_int_t t0 = json_integer_value(json_object_get(j, "started"));
	json_int_t t1 = json_integer_value(json_object_get(j, "solved"));
	p->started = t0 > 0 ? (long long)t0 : 0;
	p->solved = t1 > 0 ? (long long)t1 : 0;
	json_decref(j);
}

int
runner_save_progress(const char *dir, const struct progress_rec *p)
{
	json_t *j = json_pack("{s:s, s:I, s:I, s:s?}", "status",
	    *p->status ? p->status : "started", "attempts",
	    (json_int_t)p->attempts, "hints", (json_int_t)p->hints,
	    "last_error", *p->last_error ? p->last_error : NULL);
	if (p->started)
		json_object_set_new(j, "started", json_integer(p->started));
	if (p->solved)
		json_object_set_new(j, "solved", json_integer(p->solved));
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!text)
		return ENOMEM;
	char *file = xasprintf("%s/.asyncpath.json", dir);
	strbuf b = {0};
	sb_puts(&b, text);
	sb_putc(&b, '\n');
	free(text);
	int e = files_write_atomic(file, b.s, b.len, 0644);
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
	int err = run_child(argv, e->dir, env, 10, RUNNER_BUILD_CAP, &c);
	free(a);
	free(b);
	if (!err)
		sb_add(out, c.out.s ? c.out.s : "", c.out.len);
	child_free(&c);
	return err ? err : c.status <= 1 ? 0 : EIO;
}
