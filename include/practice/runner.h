/*
 * runner: runs a learner's copy of an exercise.  The workspace is
 * BASE/ID/ (BASE: --workspace DIR, else $XDG_DATA_HOME/asyncpath/exercises,
 * else ~/.local/share/asyncpath/exercises), a copy of the exercise's
 * start/ project, plus .cargo/config.toml for offline builds against
 * Debian's crates when /usr/share/cargo/registry holds tokio and futures,
 * and .asyncpath.json, the exercise's progress.  Builds share one target
 * folder, $XDG_CACHE_HOME/asyncpath/target.
 *
 * runner_verify runs `cargo build --message-format=json` and then the
 * program through child.h: each with one deadline, and every process it
 * starts stopped at its end, at the deadline or on SIGINT, SIGTERM or
 * SIGHUP (after which those two end asyncpath as they ask).  The program's
 * output is kept up to RUNNER_CAP bytes a stream, cut at a line end.  The
 * verdict says what happened and whether it is the failure the exercise
 * declares for its starter.  No terminal I/O: verdicts are described in
 * Markdown, whose renderer sanitises every byte.
 */
#ifndef ASYNCPATH_RUNNER_H
#define ASYNCPATH_RUNNER_H

#include <stdbool.h>

#include "exercise.h"
#include "util.h"

#define RUNNER_CAP (64 * 1024) /* bytes kept a stream of the program */
#define RUNNER_BUILD_CAP (4 * 1024 * 1024) /* of cargo */
#define RUNNER_BUILD_TIMEOUT 600 /* seconds for one cargo build */
#define RUNNER_APT \
	"apt-get install cargo librust-tokio-dev librust-tokio-util-dev " \
	"librust-futures-dev"

enum verdict_kind {
	VK_PASS,
	VK_ERROR, /* the build failed */
	VK_TIMEOUT, /* the build or the program ran out of time */
	VK_PANIC, /* the program panicked */
	VK_EXIT, /* the program exited non-zero without a panic */
	VK_MISSING, /* the program ended without an expected line */
	VK_MUST, /* it printed them, but a `must` item does not hold */
	VK_STOPPED, /* interrupted (SIGINT) */
	VK_NOTOOL, /* no cargo, or none as new as the exercise needs */
	VK_NOWORK /* no workspace: start the exercise first */
};

struct verdict {
	enum verdict_kind kind;
	bool in_build; /* VK_TIMEOUT/VK_STOPPED: during the build */
	char *code; /* VK_ERROR: E####, or NULL */
	char *message; /* the error's message, the panic, the line
	                  missing, the exit status */
	char *rendered; /* VK_ERROR: cargo's rendering of the first error */
	char *out, *err; /* the program's output (capped at a line end) */
	size_t cut_out, cut_err; /* bytes past the cap, not kept */
	double *line_t; /* when each line of out arrived (s from start) */
	size_t nline;
	double cpu_s, runnable_s; /* VK_TIMEOUT: see child.h */
	unsigned strays; /* processes it left running, stopped by verify */
	double build_s, run_s;
	double clippy_s; /* how long clippy ran; 0: it did not */
	char *toolchain; /* "rustc 1.63.0 (/usr/bin/cargo)", or NULL */
	char *newest; /* VK_NOTOOL: the newest rustc found ("1.63.0"),
	                 NULL when no cargo at all */
	char *warnings; /* the compiler's warnings on the exercise's own
	                   code, rendered (at most a few), or NULL */
	char **lints; /* their lint names, and clippy's */
	size_t nlints;
	bool clippy; /* clippy ran */
	int must; /* VK_MUST: the index of the item that failed */
	char *skipped; /* checks passed over, said why (or NULL) */
	bool declared; /* the failure the exercise declares for its starter */
};
void verdict_clear(struct verdict *v);

/* What one exercise's workspace remembers (.asyncpath.json). */
struct progress_rec {
	char status[12]; /* "", "started", "failing" or "solved" */
	unsigned attempts, hints;
	long long started, solved; /* when (seconds since the epoch, UTC), or
	                              0; solved survives a reset */
	char last_error[64]; /* "" when none */
};

/* The workspace base (override wins).  Caller frees; NULL when no HOME. */
char *runner_base(const char *override);
/* BASE/ID.  Caller frees. */
char *runner_dir(const char *base, const char *id);
/* True when cargo can be found ($ASYNCPATH_CARGO, else cargo on PATH). */
bool runner_have_cargo(void);

/*
 * Copies the exercise's start/ into dir (made with its parents), with
 * fresh timestamps, and writes the offline cargo configuration when
 * Debian's registry holds tokio and futures.  An existing dir is left as
 * it is unless fresh.  Returns 0 or an errno.
 */
int runner_start(const struct exercise *e, const char *dir, bool fresh);
/* Moves dir aside to DIR.before-reset (replacing an older one), then
 * starts afresh.  Returns 0 or an errno. */
int runner_reset(const struct exercise *e, const char *dir);

/* Called with each line cargo prints about its progress ("Compiling
 * tokio v1.24.2"), trimmed, while verify builds; NULL for none. */
void runner_set_progress(void (*fn)(const char *line));

/* Builds and runs the workspace dir of e; fills v (clear it after).
 * announce (may be NULL) is called once the build is about to start and
 * SIGINT already stops it.  SIGTERM and SIGHUP stop it too, and then,
 * with the children stopped, are raised again under the caller's
 * handlers: by default asyncpath ends, killed by that signal. */
void runner_verify(const struct exercise *e, const char *dir, struct verdict *v,
    void (*announce)(const char *id));
/* Builds e's starter once in a scratch copy under the cache folder, so
 * its crates are in the shared target folder before the workshop, and
 * runs clippy on it as verify would (when e has a clippy lint to check
 * and clippy is there), so that clippy's checked crates are there too:
 * v says how (VK_PASS or VK_ERROR, the starter's own error, both mean
 * ready; clippy_s > 0 when clippy ran; VK_STOPPED on SIGINT).  The
 * signals as in runner_verify. */
void runner_prepare(const struct exercise *e, struct verdict *v);

/* Describes v as Markdown, for the reader. */
void runner_describe(const struct exercise *e, const struct verdict *v,
    strbuf *md);
/* A short word for the session's last_error: the code, "timeout",
 * "panic", "exit", "missing_output"; NULL for a pass. */
const char *runner_error_word(const struct verdict *v);

/* The solution as `diff -u start/EDIT solution/EDIT`, appended to out.
 * Returns 0 or an errno. */
int runner_diff(const struct exercise *e, strbuf *out);

/* Reads dir's progress (all zero when there is none). */
void runner_progress(const char *dir, struct progress_rec *p);
/* Writes it atomically; returns 0 or an errno. */
int runner_save_progress(const char *dir, const struct progress_rec *p);

#endif
