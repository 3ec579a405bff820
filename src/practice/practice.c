/* practice: see include/practice.h. */
#include "practice.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

struct practice {
	const struct guide *g;
	struct exercise_set *ex;
	struct quiz_set *qz;
	char *base; /* the workspace base; NULL when unknown (no HOME) */
	const struct exercise *current;
	const struct question *asking;
	struct session *session;
	bool shell; /* commands are named as the shell's, not the walk's */
};

void
practice_set_shell(struct practice *p, bool shell)
{
	p->shell = shell;
}

/* Appends how to run command cmd (on exercise id, or NULL): `verify` in
 * the walk, `asyncpath exercise verify ID` from the shell. */
static void
add_cmd(const struct practice *p, strbuf *md, const char *cmd, const char *id)
{
	sb_printf(md, "`%s%s%s%s`", p->shell ? "asyncpath exercise " : "", cmd,
	    id && (p->shell || strcmp(cmd, "verify") != 0) ? " " : "",
	    id && (p->shell || strcmp(cmd, "verify") != 0) ? id : "");
}

struct practice *
practice_new(const struct guide *g, const char *data, const char *workspace,
    diag_list *d)
{
	struct exercise_set *ex = exercise_load_all(data, d);
	struct quiz_set *qz = quiz_load_all(data, d);
	if (ex && qz && g) {
		diag_list *cd = diag_new();
		exercise_check(ex, g, cd);
		quiz_check(qz, g, cd);
		size_t errors = diag_count(cd, DIAG_ERROR);
		diag_free(cd); /* warnings are for `check` to show */
		if (errors) {
			/* run again into d so the reader sees them */
			exercise_check(ex, g, d);
			quiz_check(qz, g, d);
		}
		if (errors) {
			exercise_set_free(ex);
			quiz_set_free(qz);
			return NULL;
		}
	}
	if (!ex || !qz) {
		exercise_set_free(ex);
		quiz_set_free(qz);
		return NULL;
	}
	struct practice *p = xcalloc(1, sizeof *p);
	p->g = g;
	p->ex = ex;
	p->qz = qz;
	p->base = runner_base(workspace);
	return p;
}

void
practice_free(struct practice *p)
{
	if (!p)
		return;
	exercise_set_free(p->ex);
	quiz_set_free(p->qz);
	free(p->base);
	free(p);
}

void
practice_set_session(struct practice *p, struct session *s)
{
	p->session = s;
}

const struct exercise_set *
practice_exercises(const struct practice *p)
{
	return p->ex;
}

static void
add_safe(strbuf *md, const char *s)
{
	sb_add_safe(md, s, strlen(s));
}

/* The exercise named by id, or the one in hand, or the only one at here.
 * NULL after saying why in md. */
static const struct exercise *
pick(struct practice *p, const char *id, const struct node *here, strbuf *md)
{
	if (id && *id) {
		const struct exercise *e = exercise_find(p->ex, id);
		if (!e) {
			sb_puts(md, "No exercise has the id `");
			add_safe(md, id);
			sb_puts(md, "`; `exercises` lists them.\n");
		}
		return e;
	}
	if (p->current)
		return p->current;
	const struct exercise *at[2];
	if (here && exercise_at_node(p->ex, here->id, at, 2) == 1)
		return at[0];
	sb_puts(md,
	    "Which exercise? Name it, e.g. `verify send-guard`; "
	    "`exercises` lists them.\n");
	return NULL;
}

static char *
workdir(const struct practice *p, const struct exercise *e, strbuf *md)
{
	if (!p->base) {
		sb_puts(md,
		    "There is no place for a workspace: set HOME or "
		    "XDG_DATA_HOME, or give `--workspace DIR`.\n");
		return NULL;
	}
	return runner_dir(p->base, e->id);
}

/* Saves progress in the workspace and, with a session, in the session. */
static int
record(struct practice *p, const struct exercise *e, const char *dir,
    const struct progress_rec *r, strbuf *md)
{
	int err = runner_save_progress(dir, r);
	if (p->session)
		session_set_exercise(p->session, e->id,
		    *r->status ? r->status : "started", r->attempts, r->hints,
		    *r->last_error ? r->last_error : NULL, r->started,
		    r->solved);
	if (err) {
		sb_printf(md, "(Progress not saved: %s.)\n", strerror(err));
		return EXIT_IO;
	}
	return 0;
}

static const char *
status_text(const char *s)
{
	return *s ? s : "not started";
}

/* The status of e in its workspace, "not started" when there is none. */
static const char *
exercise_status(const struct practice *p, const struct exercise *e,
    struct progress_rec *r)
{
	*r = (struct progress_rec){0};
	char *dir = p->base ? runner_dir(p->base, e->id) : NULL;
	if (dir)
		runner_progress(dir, r);
	free(dir);
	return status_text(r->status);
}

int
practice_list(struct practice *p, strbuf *md)
{
	if (p->ex->n == 0) {
		sb_puts(md, "This data folder has no exercises.\n");
		return 0;
	}
	sb_puts(md, "Exercises (type `exercise ID` to start one):\n\n");
	for (size_t i = 0; i < p->ex->n; i++) {
		const struct exercise *e = p->ex->v[i];
		struct progress_rec r;
		sb_printf(md, "- `%s` (%s): ", e->id, e->stage);
		add_safe(md, e->title);
		sb_printf(md, ", *%s*\n", exercise_status(p, e, &r));
	}
	return 0;
}

/* The exercise's title, its task and what a correct fix must show. */
static void
start_task(const struct exercise *e, strbuf *md)
{
	sb_puts(md, "## Exercise: ");
	add_safe(md, e->title);
	sb_puts(md, "\n\n");
	sb_puts(md, e->task);
	if (e->nmust)
		sb_puts(md, "\n\nA correct fix must also show this:\n");
	for (size_t i = 0; i < e->nmust; i++) {
		/* several checks may share one sentence: said once */
		bool said = false;
		for (size_t k = 0; k < i && !said; k++)
			said = strcmp(e->must[k].say, e->must[i].say) == 0;
		if (said)
			continue;
		sb_puts(md, "\n- ");
		sb_puts(md, e->must[i].say);
	}
}

int
practice_start(struct practice *p, const char *id, strbuf *md)
{
	if (!id || !*id) {
		sb_puts(md,
		    p->shell ? "Start which exercise? Run `asyncpath exercise "
		               "start ID`; `asyncpath exercise list` lists "
		               "them.\n"
		             : "Start which exercise? Type `exercise ID`; "
		               "`exercises` lists them.\n");
		return EXIT_USAGE;
	}
	const struct exercise *e = pick(p, id, NULL, md);
	char *dir = e ? workdir(p, e, md) : NULL;
	if (!dir)
		return EXIT_USAGE;
	int err = runner_start(e, dir, false);
	if (err) {
		sb_puts(md, "Could not make the workspace `");
		add_safe(md, dir);
		sb_printf(md, "`: %s.\n", strerror(err));
		free(dir);
		return EXIT_IO;
	}
	p->current = e;
	struct progress_rec r;
	runner_progress(dir, &r);
	if (!*r.status)
		snprintf(r.status, sizeof r.status, "started");
	if (!r.started)
		r.started = (long long)time(NULL);
	int st = record(p, e, dir, &r, md);
	start_task(e, md);
	if (e->rustc_minor > 63)
		sb_printf(md, "\n\nThis exercise needs Rust 1.%d or newer.",
		    e->rustc_minor);
	sb_puts(md, "\n\nThe project is in `");
	add_safe(md, dir);
	sb_puts(md, "`. Edit `");
	add_safe(md, dir);
	sb_putc(md, '/');
	add_safe(md, e->edit);
	sb_puts(md, "` in your editor");
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (ed && *ed) {
		sb_puts(md, " (`");
		add_safe(md, ed);
		sb_puts(md, " ");
		add_safe(md, dir);
		sb_putc(md, '/');
		add_safe(md, e->edit);
		sb_puts(md, "`)");
	}
	sb_puts(md, p->shell ? ", then run " : ", then type ");
	add_cmd(p, md, "verify", e->id);
	sb_puts(md, " to build and run it. ");
	add_cmd(p, md, "hint", p->shell ? e->id : NULL);
	sb_printf(md, " gives a hint (%zu in all), ", e->nhints);
	add_cmd(p, md, "reset", e->id);
	sb_puts(md, " starts over.\n");
	if (!runner_have_cargo()) {
		sb_puts(md, "\ncargo is not installed, so ");
		add_cmd(p, md, "verify", e->id);
		sb_puts(md, " cannot run. Install it with: `" RUNNER_APT "`\n");
	}
	free(dir);
	return st;
}

int
practice_verify(struct practice *p, const char *id, const struct node *here,
    void (*announce)(const char *id), strbuf *md)
{
	const struct exercise *e = pick(p, id, here, md);
	char *dir = e ? workdir(p, e, md) : NULL;
	if (!dir)
		return EXIT_USAGE;
	struct verdict v;
	runner_verify(e, dir, &v, announce);
	runner_describe(e, &v, md);
	int st = v.kind == VK_PASS ? 0
	    : v.kind == VK_NOTOOL  ? 69
	    : v.kind == VK_NOWORK  ? EXIT_USAGE
	                           : 1;
	if (v.kind != VK_NOTOOL && v.kind != VK_NOWORK &&
	    v.kind != VK_STOPPED) {
		p->current = e;
		struct progress_rec r;
		runner_progress(dir, &r);
		r.attempts++;
		bool was_solved = strcmp(r.status, "solved") == 0;
		snprintf(r.status, sizeof r.status, "%s",
		    v.kind == VK_PASS || (was_solved && r.solved) ? "solved"
		                                                  : "failing");
		if (v.kind == VK_PASS && !r.solved)
			r.solved = (long long)time(NULL);
		const char *w = runner_error_word(&v);
		snprintf(r.last_error, sizeof r.last_error, "%s", w ? w : "");
		int rs = record(p, e, dir, &r, md);
		if (rs && !st)
			st = rs;
	}
	verdict_clear(&v);
	free(dir);
	return st;
}

int
practice_hint(struct practice *p, const char *id, const struct node *here,
    strbuf *md)
{
	const struct exercise *e = pick(p, id, here, md);
	char *dir = e ? workdir(p, e, md) : NULL;
	if (!dir)
		return EXIT_USAGE;
	struct progress_rec r;
	runner_progress(dir, &r);
	size_t k = r.hints < e->nhints ? r.hints : e->nhints - 1;
	sb_printf(md, "Hint %zu of %zu for `%s`: ", k + 1, e->nhints, e->id);
	sb_puts(md, e->hints[k]);
	sb_puts(md, "\n");
	if (k + 1 == e->nhints) {
		sb_puts(md, "\nThat is the last hint; ");
		add_cmd(p, md, "solution", p->shell ? e->id : NULL);
		sb_puts(md, " shows the fix.\n");
	}
	int st = 0;
	if (r.hints < e->nhints) {
		r.hints++;
		if (!*r.status)
			snprintf(r.status, sizeof r.status, "started");
		/* a hint before start has no workspace to note it in */
		if (access(dir, F_OK) == 0)
			st = record(p, e, dir, &r, md);
	}
	p->current = e;
	free(dir);
	return st;
}

int
practice_solution(struct practice *p, const char *id, const struct node *here,
    bool confirmed, strbuf *md)
{
	const struct exercise *e = pick(p, id, here, md);
	if (!e)
		return EXIT_USAGE;
	if (!confirmed) {
		sb_printf(md,
		    "This shows the fixed program, which ends the "
		    "puzzle. Type `solution %s yes` to see it.\n",
		    e->id);
		return 0;
	}
	strbuf diff = {0};
	int err = runner_diff(e, &diff);
	if (err) {
		sb_printf(md, "Could not compare start and solution: %s.\n",
		    strerror(err));
		sb_free(&diff);
		return EXIT_IO;
	}
	sb_printf(md, "The solution of `%s`, as changes to `", e->id);
	add_safe(md, e->edit);
	sb_puts(md, "` (the comments say why):\n\n````diff\n");
	sb_add(md, diff.s ? diff.s : "", diff.len);
	sb_puts(md, "````\n");
	sb_free(&diff);
	return 0;
}

int
practice_reset(struct practice *p, const char *id, strbuf *md)
{
	if (!id || !*id) {
		sb_puts(md,
		    p->shell ? "Reset which exercise? Run "
		               "`asyncpath exercise reset ID`.\n"
		             : "Reset which exercise? Type `reset ID`.\n");
		return EXIT_USAGE;
	}
	const struct exercise *e = pick(p, id, NULL, md);
	char *dir = e ? workdir(p, e, md) : NULL;
	if (!dir)
		return EXIT_USAGE;
	struct progress_rec before;
	runner_progress(dir, &before);
	int err = runner_reset(e, dir);
	if (!err) /* the fresh copy starts with the record it had */
		err = runner_save_progress(dir, &before);
	if (err) {
		sb_printf(md, "Could not reset `%s`: %s.\n", e->id,
		    strerror(err));
		free(dir);
		return EXIT_IO;
	}
	/* the person's record stays: attempts, hints, a solve */
	struct progress_rec r;
	runner_progress(dir, &r);
	snprintf(r.status, sizeof r.status, "%s",
	    r.solved ? "solved" : "started");
	int st = record(p, e, dir, &r, md);
	sb_printf(md,
	    "`%s` is back to its start. Your previous version is "
	    "in `",
	    e->id);
	add_safe(md, dir);
	sb_puts(md, ".before-reset`.\n");
	p->current = e;
	free(dir);
	return st;
}

int
practice_prepare(struct practice *p, strbuf *md)
{
	sb_puts(md,
	    "Built each exercise's crates into the shared cache, so the "
	    "first `verify` of the day does not wait for them:\n\n");
	size_t ready = 0;
	for (size_t i = 0; i < p->ex->n; i++) {
		const struct exercise *e = p->ex->v[i];
		struct verdict v;
		runner_prepare(e, &v);
		sb_printf(md, "- `%s`: ", e->id);
		if (v.kind == VK_PASS || v.kind == VK_ERROR) {
			ready++;
			sb_printf(md, "ready (build %.1f s", v.build_s);
			if (v.clippy_s > 0)
				sb_printf(md, ", clippy %.1f s", v.clippy_s);
			sb_puts(md, ", ");
			add_safe(md, v.toolchain);
			sb_puts(md, ")\n");
		} else if (v.kind == VK_NOTOOL && v.newest) {
			sb_printf(md,
			    "needs Rust 1.%d or newer; the newest here is ",
			    e->rustc_minor);
			add_safe(md, v.newest);
			sb_puts(md, "\n");
		} else if (v.kind == VK_NOTOOL) {
			sb_puts(md, "no cargo\n");
		} else if (v.kind == VK_STOPPED) {
			sb_puts(md, "stopped\n");
			verdict_clear(&v);
			break;
		} else {
			sb_puts(md, "could not be built\n");
		}
		verdict_clear(&v);
	}
	return ready ? 0 : 69;
}

size_t
practice_at_node(const struct practice *p, const struct node *n, strbuf *md)
{
	const struct exercise *at[8];
	size_t k = p ? exercise_at_node(p->ex, n->id, at, 8) : 0;
	for (size_t i = 0; i < k && i < 8; i++) {
		sb_puts(md, "**Exercise here:** ");
		add_safe(md, at[i]->title);
		sb_printf(md, " (`exercise %s`)\n\n", at[i]->id);
	}
	return k < 8 ? k : 8;
}

/* ---- quizzes ---- */

int
practice_quiz(struct practice *p, const struct stage *st, strbuf *md)
{
	/* the stage's questions in order; the one after the last asked */
	const struct question *first = NULL, *next = NULL;
	bool after = false;
	for (size_t i = 0; i < p->qz->n; i++) {
		const struct question *q = p->qz->v[i];
		if (strcmp(q->stage, st->id) != 0)
			continue;
		if (!first)
			first = q;
		if (after && !next)
			next = q;
		after = after || q == p->asking;
	}
	if (!first) {
		sb_puts(md, "There is no quiz for this stage.\n");
		return 0;
	}
	const struct question *q = next ? next : first;
	p->asking = q;
	sb_puts(md, "**Quiz** (");
	add_safe(md, st->title);
	sb_puts(md, "): ");
	sb_puts(md, q->text);
	sb_puts(md, "\n\n");
	for (size_t i = 0; i < q->noptions; i++) {
		sb_printf(md, "- `%s`: ", q->options[i].id);
		sb_puts(md, q->options[i].text);
		sb_putc(md, '\n');
	}
	sb_puts(md,
	    "\nType `answer ID` (several ids if more than one is "
	    "right).\n");
	return 0;
}

int
practice_answer(struct practice *p, const char *arg, strbuf *md)
{
	const struct question *q = p->asking;
	if (!q) {
		sb_puts(md, "No question is open: type `quiz` first.\n");
		return EXIT_USAGE;
	}
	bool chosen[QUIZ_MAX_OPTIONS] = {false};
	const char *ids[QUIZ_MAX_OPTIONS];
	size_t n = 0;
	char *copy = xstrdup(arg ? arg : ""), *save = NULL;
	for (char *t = strtok_r(copy, " ,", &save); t;
	     t = strtok_r(NULL, " ,", &save)) {
		size_t i = 0;
		while (i < q->noptions && strcmp(q->options[i].id, t) != 0)
			i++;
		if (i == q->noptions) {
			sb_puts(md, "There is no option `");
			add_safe(md, t);
			sb_puts(md, "` here.\n");
			free(copy);
			return EXIT_USAGE;
		}
		if (!chosen[i])
			ids[n++] = q->options[i].id;
		chosen[i] = true;
	}
	free(copy);
	if (!n) {
		sb_puts(md, "Answer with an option's id, e.g. `answer b`.\n");
		return EXIT_USAGE;
	}
	bool right = true;
	for (size_t i = 0; i < q->noptions; i++)
		right = right && chosen[i] == q->options[i].right;
	if (p->session)
		session_add_quiz(p->session, q->id, ids, n, right);
	sb_puts(md, right ? "**Right.**\n\n" : "**Not quite.**\n\n");
	for (size_t i = 0; i < q->noptions; i++) {
		sb_printf(md, "- `%s` %s: ", q->options[i].id,
		    q->options[i].right ? "(right)" : "(wrong)");
		sb_puts(md, q->options[i].why);
		sb_putc(md, '\n');
	}
	sb_puts(md, "\nStories behind it:");
	for (size_t i = 0; i < q->nstories; i++)
		sb_printf(md, " `read %s`%s", q->stories[i],
		    i + 1 < q->nstories ? "," : ".");
	sb_puts(md, " `quiz` asks the next question.\n");
	return 0;
}

/* Appends the first bytes of s whose display width fits in w columns,
 * with "…" when s is cut. */
static void
add_clipped(strbuf *b, const char *s, int w)
{
	size_t len = strlen(s);
	if (text_width(s, len) <= w) {
		sb_add(b, s, len);
		return;
	}
	size_t at = 0;
	int used = 0;
	while (at < len) {
		unsigned cp;
		int k = utf8_decode(s + at, len - at, &cp);
		if (k <= 0)
			k = 1;
		int cw = text_width(s + at, (size_t)k);
		if (used + cw > w - 1)
			break;
		used += cw;
		at += (size_t)k;
	}
	sb_add(b, s, at);
	sb_puts(b, "…");
}

int
practice_list_table(struct practice *p, int width, FILE *out)
{
	size_t n = p->ex->n;
	char **status = xcalloc(n + 1, sizeof *status);
	int wid = 2, wst = 5, wss = 6; /* "ID", "STAGE", "STATUS" */
	for (size_t i = 0; i < n; i++) {
		const struct exercise *e = p->ex->v[i];
		struct progress_rec r; /* the status lives in r: copied */
		status[i] = xstrdup(exercise_status(p, e, &r));
		int a = text_width(e->id, strlen(e->id));
		int b = text_width(e->stage, strlen(e->stage));
		int c = text_width(status[i], strlen(status[i]));
		wid = a > wid ? a : wid;
		wst = b > wst ? b : wst;
		wss = c > wss ? c : wss;
	}
	int left = width - wid - wst - wss - 6;
	if (left < 12)
		left = 12;
	fprintf(out, "%-*s  %-*s  %-*s  %s\n", wid, "ID", wst, "STAGE", wss,
	    "STATUS", "TITLE");
	for (size_t i = 0; i < n; i++) {
		const struct exercise *e = p->ex->v[i];
		strbuf t = {0}, c = {0};
		add_safe(&t, e->title);
		add_clipped(&c, t.s ? t.s : "", left);
		strbuf row = {0};
		add_safe(&row, e->id);
		fprintf(out, "%-*s  %-*s  %-*s  %s\n", wid, row.s, wst,
		    e->stage, wss, status[i], c.s ? c.s : "");
		sb_free(&row);
		sb_free(&t);
		sb_free(&c);
		free(status[i]);
	}
	free(status);
	return 0;
}

int
practice_list_plain(struct practice *p, FILE *out)
{
	for (size_t i = 0; i < p->ex->n; i++) {
		const struct exercise *e = p->ex->v[i];
		struct progress_rec r;
		strbuf b = {0};
		add_safe(&b, e->title);
		fprintf(out, "%s\t%s\t%s\t%s\n", e->id, e->stage,
		    exercise_status(p, e, &r), b.s);
		sb_free(&b);
	}
	return 0;
}
