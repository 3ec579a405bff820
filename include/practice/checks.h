/*
 * checks: judges an exercise's `must` items (exercise.h) against what a
 * verify saw: the program's stdout lines with the time each arrived, the
 * edited file beside the starter's, and the lints the build and clippy
 * reported on the exercise's own code.  Pure functions of their input:
 * no processes, no files.
 */
#ifndef ASYNCPATH_CHECKS_H
#define ASYNCPATH_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "exercise.h"
#include "util.h"

struct seen {
	const char *out; /* stdout */
	const double *line_t; /* when each of its lines arrived (s) */
	size_t nline;
	const char *code; /* the edited file in the workspace (or NULL) */
	const char *start; /* the same file in start/ (or NULL) */
	char *const *lints; /* lint names reported ("unused_must_use",
	                       "clippy::await_holding_lock") */
	size_t nlints;
	bool clippy; /* clippy ran, so its lints are known */
};

/*
 * The index of the first item of e->must that does not hold, after
 * appending to why a Markdown sentence on what was seen; -1 when all
 * hold.  An item that cannot be judged (a clippy lint without clippy) is
 * passed over and named in skipped (a Markdown sentence).
 */
int checks_run(const struct exercise *e, const struct seen *s, strbuf *why,
    strbuf *skipped);

/* s without comments and with each run of white space as one space. */
char *checks_plain_code(const char *s);

#endif
