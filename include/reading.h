/*
 * reading: the commands for reading groups and facilitators: plan list and
 * show, search, handout.  Each takes its own
 * arguments after the command name and returns an exit status; output
 * goes to stdout (terminal text through render, or Markdown, HTML, JSON)
 * or, with -o FILE, to a file written atomically.
 */
#ifndef ASYNCPATH_READING_H
#define ASYNCPATH_READING_H

#include <stdbool.h>

#include "guide.h"
#include "plan.h"
#include "render.h"

struct reading_ctx {
	const struct guide *g;
	const struct plan_set *plans;
	struct render_opts render;
	bool pager;
};

int reading_plan(const struct reading_ctx *c, char **args, int n);
int reading_search(const struct reading_ctx *c, char **args, int n);
int reading_handout(const struct reading_ctx *c, char **args, int n);

/* Writes data to file atomically (a temporary file beside it, then
 * rename), or to stdout when file is NULL or "-".  0 or EXIT_IO (the
 * reason on stderr). */
int reading_write(const char *file, const char *data, size_t len);

#endif
