/*
 * quiz: the quiz questions of a data folder, as content: quizzes/NAME.yaml,
 * one file a stage (the schema is in docs/FORMAT.md).  Every question is
 * tied to a node (its pain point) and stories, has 2 to 5 options, at
 * least one right, and a line saying why for every option.  Loading
 * validates the files whole with located diagnostics (status 65);
 * quiz_check ties them to a loaded guide.
 */
#ifndef ASYNCPATH_QUIZ_H
#define ASYNCPATH_QUIZ_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "guide.h"

#define QUIZ_MAX_OPTIONS 5

struct quiz_option {
	char *id, *text, *why;
	bool right;
};

struct question {
	char *id, *stage, *node, *text;
	char **stories;
	size_t nstories;
	struct quiz_option options[QUIZ_MAX_OPTIONS];
	size_t noptions;
	const char *file;
	int line, col, node_line, node_col;
	int *story_line, *story_col;
};

struct quiz_set {
	struct question **v; /* in file order, files by name */
	size_t n;
	char **files;
	size_t nfiles;
};

/* Loads DATA/quizzes/NAME.yaml; no folder gives an empty set.  NULL after
 * recording errors in d. */
struct quiz_set *quiz_load_all(const char *data, diag_list *d);
void quiz_set_free(struct quiz_set *q);
const struct question *quiz_find(const struct quiz_set *q, const char *id);

/* Errors: a question whose node or story does not exist, or whose node
 * is in another stage.  Warnings: a stage with pain points and no
 * question. */
void quiz_check(const struct quiz_set *q, const struct guide *g, diag_list *d);

#endif
