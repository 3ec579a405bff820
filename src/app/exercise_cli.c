/* exercise_cli: see include/exercise_cli.h. */
#include "exercise_cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "practice.h"
#include "resume.h"
#include "runner.h"
#include "session.h"
#include "walk.h"

enum { OPT_WORKSPACE = 1, OPT_YES };

const struct cli_option exercise_cli_opts[] = {
    {"workspace", required_argument, OPT_WORKSPACE, "DIR",
        "keep exercise projects under DIR (DIR/ID)", ":dir"},
    {"yes", no_argument, OPT_YES, NULL, "solution: show it without asking",
        NULL},
    {0},
};

/* Sets *ws from --workspace and *yes from --yes in a's options. */
static void
read_opts(const struct cli_args *a, const char **ws, bool *yes)
{
	for (size_t i = 0; i < a->nopt; i++) {
		if (a->opt[i].val == OPT_WORKSPACE)
			*ws = a->opt[i].arg;
		else if (a->opt[i].val == OPT_YES)
			*yes = true;
	}
}

/* cargo's progress on stderr, a line per crate, so a first build of
 * tokio is not minutes of silence. */
static void
show_progress(const char *line)
{
	strbuf b = {0};
	sb_add_safe(&b, line, strlen(line));
	fprintf(stderr, "  %s\n", b.s ? b.s : "");
	sb_free(&b);
}

/* s, made safe to show (control bytes as escapes).  Caller frees. */
static char *
safe(const char *s)
{
	strbuf b = {0};
	sb_add_safe(&b, s, strlen(s));
	return sb_take(&b);
}

/*
 * The session --session names, loaded, locked and replayed into *w, so
 * the command records its result there; NULL after saying why on stderr,
 * with *st the exit status.
 */
static struct session *
open_session(const struct cli *c, struct walk **w, int *st)
{
	char *file = resume_file(c->session);
	if (!file) {
		*st = EXIT_USAGE;
		return NULL;
	}
	diag_list *d = diag_new();
	struct session *s = session_load(file, d);
	char *name = safe(c->session);
	int err;
	*w = NULL;
	if (!s && diag_status(d) == EXIT_NOINPUT) {
		fprintf(stderr,
		    "asyncpath: no session named '%s'; start it with: "
		    "asyncpath --session %s\n",
		    name, name);
		*st = EXIT_NOINPUT;
	} else if (!s) {
		diag_print(d, stderr);
		*st = diag_status(d) ? diag_status(d) : EXIT_DATA;
	} else if ((err = session_lock(s)) != 0) {
		fprintf(stderr, "asyncpath: session '%s' %s\n", name,
		    err == EWOULDBLOCK ? "is open in a walk: type the exercise "
		                         "command there, "
		                         "or leave that walk first"
		                       : strerror(err));
		*st = err == EWOULDBLOCK ? 69 : EXIT_IO;
	} else {
		strbuf msg = {0};
		*w = session_replay(s, c->g, &msg);
		if (!*w) {
			fprintf(stderr,
			    "asyncpath: session '%s' cannot be "
			    "resumed with this content\n",
			    name);
			*st = EXIT_DATA;
		}
		sb_free(&msg);
	}
	if (!*w) {
		session_free(s);
		s = NULL;
	}
	free(name);
	free(file);
	diag_free(d);
	return s;
}

/* Asks on the terminal whether to show id's solution; true on y or Y. */
static bool
confirm_solution(const char *id)
{
	char line[16] = "";
	printf("Show the solution of %s? [y/N] ", id);
	fflush(stdout);
	return fgets(line, sizeof line, stdin) &&
	    (line[0] == 'y' || line[0] == 'Y');
}

/* The action a names (0 list, 1 start, 2 verify, 3 hint, 4 solution, 5
 * reset, 6 prepare) in *k, its arguments and --session checked: 0, or
 * the usage error's status (said). */
static int
action_of(const struct cli *c, const struct cli_args *a, size_t *k)
{
	const char *sub = a->argc ? a->argv[0] : "list";
	const char *id = a->argc > 1 ? a->argv[1] : NULL;
	static const char *const subs[] = {"list", "start", "verify", "hint",
	    "solution", "reset", "prepare", NULL};
	*k = 0;
	while (subs[*k] && strcmp(subs[*k], sub) != 0)
		++*k;
	if (!subs[*k])
		return cli_usage_error("exercise: unknown action '%s': "
		                       "expected list, start, verify, hint, "
		                       "solution, reset or prepare",
		    sub);
	if (a->argc > 2 || (*k == 6 && a->argc > 1))
		return cli_usage_error("exercise: unexpected '%s'",
		    a->argv[*k == 6 ? 1 : 2]);
	if (*k > 0 && *k < 6 && !id)
		return cli_usage_error("exercise %s needs an exercise ID", sub);
	if (c->session && (*k == 0 || *k == 4 || *k == 6))
		return cli_usage_error("exercise %s records nothing, so "
		                       "--session is refused: it goes with "
		                       "start, verify, hint and reset",
		    sub);
	return 0;
}

/* Does action k (see action_of) on exercise id, its Markdown to md;
 * the exit status. */
static int
act(const struct cli *c, struct practice *p, size_t k, const char *id,
    strbuf *md)
{
	switch (k) {
	case 0: /* a table on a terminal or at --width, else lines for tools */
		return isatty(STDOUT_FILENO) || c->width_fixed
		    ? practice_list_table(p, c->render.width, stdout)
		    : practice_list_plain(p, stdout);
	case 1:
		return practice_start(p, id, md);
	case 2:
		runner_set_progress(show_progress);
		return practice_verify(p, id, NULL, NULL, md);
	case 3:
		return practice_hint(p, id, NULL, md);
	case 4:
		return practice_solution(p, id, NULL, true, md);
	case 5:
		return practice_reset(p, id, md);
	default:
		runner_set_progress(show_progress);
		return practice_prepare(p, md);
	}
}

int
exercise_cli_run(const struct cli *c, const struct cli_args *a)
{
	const char *ws = NULL;
	bool yes = false;
	read_opts(a, &ws, &yes);
	const char *id = a->argc > 1 ? a->argv[1] : NULL;
	size_t k = 0;
	int bad = action_of(c, a, &k);
	if (bad)
		return bad;
	diag_list *d = diag_new();
	struct practice *p = practice_new(c->g, c->data, ws, d);
	if (!p) {
		diag_print(d, stderr);
		int st = diag_status(d);
		diag_free(d);
		return st ? st : EXIT_DATA;
	}
	diag_free(d);
	practice_set_shell(p, true);
	if (k > 0 && k < 6 && !exercise_find(practice_exercises(p), id)) {
		diag_say(stderr,
		    "asyncpath: no exercise has the id '%s'; "
		    "'asyncpath exercise list' shows them\n",
		    id);
		practice_free(p);
		return EXIT_USAGE;
	}
	if ((k == 2 || k == 6) && !runner_have_cargo()) {
		diag_say(stderr,
		    "asyncpath: cargo is not installed; install "
		    "it with: sudo " RUNNER_APT "\n");
		practice_free(p);
		return 69;
	}
	int st = 0;
	struct walk *w = NULL;
	struct session *s = c->session ? open_session(c, &w, &st) : NULL;
	if (c->session && !s) {
		practice_free(p);
		return st;
	}
	practice_set_session(p, s);
	strbuf md = {0};
	if (k == 4 && !yes && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
	    !confirm_solution(id)) {
		practice_free(p);
		return 1;
	}
	st = act(c, p, k, id, &md);
	if (k == 2 && st == 0 && !s) /* a solve the report cannot see */
		sb_printf(&md,
		    "\nThis is kept in the workspace only. To show it in a "
		    "facilitator's report, copy it into your walk's session "
		    "(attempts, hints and times; no attempt added): "
		    "`asyncpath --session NAME exercise start %s`\n",
		    id);
	if (s) {
		int err = session_save(s, w);
		if (err) {
			fprintf(stderr,
			    "asyncpath: the session was not saved: "
			    "%s\n",
			    strerror(err));
			if (!st)
				st = EXIT_IO;
		}
		session_free(s);
		walk_free(w);
	}
	if (md.len) {
		int ps = cli_print_markdown(c, md.s, md.len);
		if (ps && !st)
			st = ps;
	}
	sb_free(&md);
	practice_free(p);
	return st;
}
