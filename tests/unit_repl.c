/* Unit tests of the REPL: completion from a table, command evaluation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exercise.h"
#include "guide.h"
#include "helpers.h"
#include "load.h"
#include "plan.h"
#include "repl.h"
#include "util.h"
#include "walk.h"

/* The fixture guide every test here reads. */
static struct guide *g;

static int
setup(void **state)
{
	(void)state;
	return (g = load_fixture()) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	guide_free(g);
	return 0;
}

static void
completion_table(void **state)
{
	(void)state;
	FILE *f = fopen("tests/completion.txt", "r");
	assert_non_null(f);
	char line[512];
	int rows = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#')
			continue;
		char *bar = strchr(line, '|');
		assert_non_null(bar);
		*bar = '\0';
		const char *want = bar + 1;
		char *sp = strrchr(line, ' ');
		int start = sp ? (int)(sp - line) + 1 : 0;
		char **got = repl_complete(g, line, start);
		char joined[512] = "";
		for (size_t i = 0; got[i]; i++) {
			if (i)
				strcat(joined, " ");
			strcat(joined, got[i]);
			free(got[i]);
		}
		free(got);
		if (strcmp(joined, want) != 0)
			fail_msg("completing '%s': got '%s', want '%s'", line,
			    joined, want);
		rows++;
	}
	fclose(f);
	assert_true(rows >= 10);
}

/* The completions of line's last word in c, joined by spaces (fresh). */
static char *
completed(const struct repl_world *c, const char *line)
{
	const char *sp = strrchr(line, ' ');
	int start = sp ? (int)(sp - line) + 1 : 0;
	char **got = repl_complete_in(c, line, start);
	strbuf b = {0};
	for (size_t i = 0; got[i]; i++) {
		sb_printf(&b, "%s%s", i ? " " : "", got[i]);
		free(got[i]);
	}
	free(got);
	return b.s ? sb_take(&b) : xstrdup("");
}

/* With the shipped content: the stop's choice ids complete as commands,
 * exercise ids after the exercise commands, plan ids after plan. */
static void
completion_of_choices_exercises_plans(void **state)
{
	(void)state;
	diag_list *d = diag_new();
	struct guide *sg = guide_load(".", d);
	assert_non_null(sg);
	struct plan_set *ps = plan_load(sg, ".", d);
	struct exercise_set *ex = exercise_load_all(".", d);
	assert_non_null(ps);
	assert_non_null(ex);
	struct walk *w = walk_new(sg, NULL);
	struct repl_world c = {sg, w, ex, ps};
	char *s = completed(&c, "as-");
	assert_string_equal(s, "as-alan as-barbara as-grace as-niklaus "
	                       "as-yourself");
	free(s);
	s = completed(&c, "re");
	assert_string_equal(s, "read reset restart");
	free(s);
	s = completed(&c, "exercise lazy");
	assert_string_equal(s, "lazy-future");
	free(s);
	s = completed(&c, "verify send-");
	assert_string_equal(s, "send-guard");
	free(s);
	s = completed(&c, "plan intro");
	assert_string_equal(s, "introduction");
	free(s);
	s = completed(&c, "read lazy");
	assert_string_equal(s, "");
	free(s);
	walk_free(w);
	exercise_set_free(ex);
	plan_set_free(ps);
	guide_free(sg);
	diag_free(d);
}

static char *
eval(struct walk *w, const char *cmd, bool *go)
{
	strbuf md = {0};
	struct repl_opts o = {{72, false, false}, NULL, false, false, NULL,
	    true, NULL, NULL, NULL, NULL, NULL};
	*go = repl_eval(w, &o, cmd, &md);
	return sb_take(&md);
}

static void
eval_commands(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	bool go;
	char *out = eval(w, "7", &go);
	assert_true(go);
	assert_string_equal(out, "There is no choice 7 here: type a number "
	    "from 1 to 2.\n");
	free(out);
	out = eval(w, "frobnicate now", &go);
	assert_string_equal(out, "Unknown command `frobnicate`: type a "
	    "choice number or id, or `help` for the commands.\n");
	free(out);
	out = eval(w, "  2  ", &go);
	assert_string_equal(walk_node(w)->id, "hub");
	assert_non_null(strstr(out, "# The hub"));
	free(out);
	out = eval(w, "read nope", &go);
	assert_non_null(strstr(out, "No story has the id `nope`"));
	free(out);
	out = eval(w, "read dave-locks-up", &go);
	assert_non_null(strstr(out, "## Morals"));
	assert_true(walk_has_read(w, guide_story(g, "dave-locks-up")));
	free(out);
	/* a choice id takes the choice; one whose condition fails says so */
	out = eval(w, "locked-3", &go);
	assert_string_equal(out, "Choice `locked-3` is not offered in this "
	    "walk here: its condition does not hold.\n");
	assert_string_equal(walk_node(w)->id, "hub");
	free(out);
	out = eval(w, "locked-2", &go);
	assert_string_equal(walk_node(w)->id, "locked");
	assert_string_equal(g->flags[1], "async-mutex");
	assert_true(walk_flag(w, 1));
	free(out);
	out = eval(w, "back", &go);
	assert_string_equal(walk_node(w)->id, "hub");
	free(out);
	out = eval(w, "back", &go);
	assert_string_equal(walk_node(w)->id, "start");
	free(out);
	out = eval(w, "quit", &go);
	assert_false(go);
	free(out);
	walk_free(w);
}

/* Issue 10: what the walk answers to what a person types. */
static void
walk_answers(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	bool go;
	char *out = eval(w, "2", &go); /* to the hub, two stories */
	free(out);
	out = eval(w, "READ dave-locks-up", &go);
	assert_non_null(strstr(out, "## Morals"));
	free(out);
	out = eval(w, "Read 2", &go);
	assert_non_null(strstr(out, "# Carol finds peace"));
	free(out);
	out = eval(w, "read 3", &go);
	assert_string_equal(out, "There is no story 3 here: type a number "
	    "from 1 to 2, or an id.\n");
	free(out);
	out = eval(w, "read", &go);
	assert_non_null(strstr(out, "Read which story?"));
	free(out);
	out = eval(w, "read dave-lock-up", &go);
	assert_non_null(strstr(out, "No story has the id `dave-lock-up`. Did "
	    "you mean `dave-locks-up`?"));
	free(out);
	out = eval(w, "read DAVE-LOCKS-UP", &go);
	assert_non_null(strstr(out, "# Dave locks up"));
	free(out);
	/* user input: sanitised, cut at 60 columns, fenced safely */
	out = eval(w, "\x1b]0;pwned\x07x", &go);
	assert_string_equal(out, "Unknown command `^[]0;pwned^Gx`: type a "
	    "choice number or id, or `help` for the commands.\n");
	assert_null(strchr(out, '\x1b'));
	free(out);
	char long_line[5001];
	memset(long_line, 'y', 5000);
	long_line[5000] = '\0';
	out = eval(w, long_line, &go);
	assert_non_null(strstr(out, "`yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
	    "yyyyyyyyyyyyyyyy\xE2\x80\xA6`:"));
	assert_true(strlen(out) < 200);
	free(out);
	out = eval(w, "a`b", &go);
	assert_non_null(strstr(out, "Unknown command ``a`b``:"));
	free(out);
	/* the trail marks a card read wherever it was read */
	out = eval(w, "back", &go);
	free(out);
	out = eval(w, "trail", &go);
	assert_non_null(strstr(out, "Also read (2):"));
	assert_non_null(strstr(out, "- `dave-locks-up` (read)"));
	free(out);
	out = eval(w, "stories", &go);
	assert_string_equal(out, "No story is linked here. Type `stories all` "
	    "to list all 2.\n");
	free(out);
	out = eval(w, "stories all", &go);
	assert_non_null(strstr(out, "## All the stories (2)"));
	free(out);
	walk_free(w);
	/* one story here: read alone reads it */
	w = walk_new(g, guide_path(g, "other"));
	out = eval(w, "read", &go);
	assert_non_null(strstr(out, "# Dave locks up"));
	free(out);
	walk_free(w);
}

static void
closest_ids(void **state)
{
	(void)state;
	char **v = repl_closest(g, "story", "dave", 3);
	assert_string_equal(v[0], "dave-locks-up");
	assert_null(v[1]);
	free(v[0]);
	free(v);
	v = repl_closest(g, "story", "carol-find-peace", 3);
	assert_string_equal(v[0], "carol-finds-peace");
	free(v[0]);
	free(v);
	v = repl_closest(g, "story", "zzzzzzzz", 3);
	assert_null(v[0]);
	free(v);
	v = repl_closest(g, "path", "othr", 3);
	assert_string_equal(v[0], "other");
	free(v[0]);
	free(v);
}

static void
history_path_follows_xdg(void **state)
{
	(void)state;
	unsetenv("ASYNCPATH_HISTORY");
	setenv("XDG_STATE_HOME", "/x/state", 1);
	char *p = repl_history_path();
	assert_string_equal(p, "/x/state/asyncpath/history");
	free(p);
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/u", 1);
	p = repl_history_path();
	assert_string_equal(p, "/home/u/.local/state/asyncpath/history");
	free(p);
	setenv("ASYNCPATH_HISTORY", "/dev/null", 1);
	p = repl_history_path();
	assert_string_equal(p, "/dev/null");
	free(p);
	/* a FIFO would block readline's open: no history, not a hang */
	const char *tmp = getenv("TMPDIR");
	char *fifo = xasprintf("%s/unit-repl-fifo.%ld", tmp ? tmp : "/tmp",
	    (long)getpid());
	assert_int_equal(mkfifo(fifo, 0600), 0);
	setenv("ASYNCPATH_HISTORY", fifo, 1);
	p = repl_history_path();
	unlink(fifo);
	assert_null(p);
	free(fifo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(completion_table),
		cmocka_unit_test(completion_of_choices_exercises_plans),
		cmocka_unit_test(eval_commands),
		cmocka_unit_test(walk_answers),
		cmocka_unit_test(closest_ids),
		cmocka_unit_test(history_path_follows_xdg),
	};
	return cmocka_run_group_tests_name("repl", tests, setup, teardown);
}
