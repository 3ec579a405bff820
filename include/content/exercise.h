/*
 * exercise: the workshop exercises of a data folder, as content.  Each is
 * exercises/ID/ with exercise.yaml (the schema is in docs/FORMAT.md), a
 * start/ Cargo project that shows a pain point and a solution/ project
 * that fixes it.  Loading validates every file whole, with located
 * diagnostics (FILE:LINE:COL, status 65), and gives all or nothing;
 * exercise_check ties the exercises to a loaded guide.  Running them is
 * the runner's job (runner.h); this module knows no processes.
 */
#ifndef ASYNCPATH_EXERCISE_H
#define ASYNCPATH_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "guide.h"

/* How the starter is declared to fail (`fails:`). */
enum exercise_fail {
	EXF_ERROR, /* the build fails: value is E#### or message text */
	EXF_TIMEOUT, /* the program still runs after the timeout */
	EXF_PANIC, /* the program panics: value is part of the message */
	EXF_MISSING /* the program ends without printing value */
};

struct exercise {
	char *id, *title, *stage, *node, *edit, *task;
	char **stories, **hints, **expect;
	size_t nstories, nhints, nexpect;
	bool run; /* check: run (else build only) */
	int timeout; /* seconds the program may run */
	enum exercise_fail fails;
	char *fails_value; /* "E0277", a message part, a line; "3" for
	                      timeout */
	char *dir; /* DATA/exercises/ID */
	char *file; /* DATA/exercises/ID/exercise.yaml */
	int line, col; /* of the document */
	int node_line, node_col;
	int *story_line, *story_col;
};

struct exercise_set {
	struct exercise **v; /* sorted by id */
	size_t n;
};

/*
 * Loads DATA/exercises/ID/exercise.yaml.  A data folder without an
 * exercises folder gives an empty set.  Returns NULL after recording
 * errors in d.  Free with exercise_set_free.
 */
struct exercise_set *exercise_load_all(const char *data, diag_list *d);
void exercise_set_free(struct exercise_set *s);
const struct exercise *exercise_find(const struct exercise_set *s,
    const char *id);
/* The exercises whose node is n, in id order: fills out (room for max)
 * and returns how many there are. */
size_t exercise_at_node(const struct exercise_set *s, const char *node,
    const struct exercise **out, size_t max);

/*
 * Errors: an exercise whose node or a story does not exist, or whose
 * stage is not its node's.  Warnings: a stage with pain points and no
 * exercise.  Everything goes to d.
 */
void exercise_check(const struct exercise_set *s, const struct guide *g,
    diag_list *d);

/* "error", "timeout", "panic" or "missing_output". */
const char *exercise_fail_name(enum exercise_fail f);

#endif
