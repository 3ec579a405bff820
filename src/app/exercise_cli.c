/* exercise_cli: see include/exercise_cli.h. */
#include "exercise_cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "practice.h"
#include "runner.h"

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

int
exercise_cli_run(const struct cli *c, const struct cli_args *a)
{
	const char *ws = NULL;
	bool yes = false;
	read_opts(a, &ws, &yes);
	const char *sub = a->argc ? a->argv[0] : "list";
	const char *id = a->argc > 1 ? a->argv[1] : NULL;
	static const char *const subs[] = {"list", "start", "verify", "hint",
	    "solution", "reset", NULL};
	size_t k = 0;
	while (subs[k] && strcmp(subs[k], sub) != 0)
		k++;
	if (!subs[k])
		return cli_usage_error("exercise: unknown action '%s': "
		                       "expected list, start, verify, hint, "
		                       "solution or reset",
		    sub);
	if (a->argc > 2)
		return cli_usage_error("exercise: unexpected '%s'", a->argv[2]);
	if (k > 0 && !id)
		return cli_usage_error("exercise %s needs an exercise ID", sub);
	diag_list *d = diag_new();
	struct practice *p = practice_new(c->g, c->data, ws, d);
	if (!p) {
		diag_print(d, stderr);
		int st = diag_status(d);
		diag_free(d);
		return st ? st : EXIT_DATA;
	}
	diag_free(d);
	if (k > 0 && !exercise_find(practice_exercises(p), id)) {
		diag_say(stderr,
		    "asyncpath: no exercise has the id '%s'; "
		    "'asyncpath exercise list' shows them\n",
		    id);
		practice_free(p);
		return EXIT_USAGE;
	}
	if (k == 2 && !runner_have_cargo()) {
		diag_say(stderr,
		    "asyncpath: cargo is not installed; install "
		    "it with: sudo " RUNNER_APT "\n");
		practice_free(p);
		return 69;
	}
	strbuf md = {0};
	int st = 0;
	switch (k) {
	case 0:
		st = practice_list_plain(p, stdout);
		break;
	case 1:
		st = practice_start(p, id, &md);
		break;
	case 2:
		runner_set_progress(show_progress);
		st = practice_verify(p, id, NULL, NULL, &md);
		break;
	case 3:
		st = practice_hint(p, id, NULL, &md);
		break;
	case 4:
		if (!yes && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
		    !confirm_solution(id)) {
			practice_free(p);
			return 1;
		}
		st = practice_solution(p, id, NULL, true, &md);
		break;
	default:
		st = practice_reset(p, id, &md);
		break;
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
