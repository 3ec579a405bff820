/*
 * reading: the commands for reading groups and facilitators: plan list and
 * show, search, handout, transcript and report.  Each takes its own
 * arguments after the command name and returns an exit status; output
 * goes to stdout (terminal text through render, or Markdown, HTML, JSON)
 * or, with -o FILE, to a file written atomically.
 */
#ifndef ASYNCPATH_READING_H
#define ASYNCPATH_READING_H

#include <stddef.h>

#include "cli.h"

/* Option values of the reading commands (cli_args.opt). */
enum {
	READING_FORMAT = 100,
	READING_OUTPUT,
	READING_FACILITATOR,
	READING_ANONYMOUS
};

/* Handlers for main's command table, and their options. */
int reading_plan(const struct cli *c, const struct cli_args *a);
int reading_search(const struct cli *c, const struct cli_args *a);
int reading_handout(const struct cli *c, const struct cli_args *a);
int reading_transcript(const struct cli *c, const struct cli_args *a);
int reading_report(const struct cli *c, const struct cli_args *a);
extern const struct cli_option reading_plan_opts[];
extern const struct cli_option reading_handout_opts[];
extern const struct cli_option reading_transcript_opts[];
extern const struct cli_option reading_report_opts[];

/* Writes data to file atomically (a temporary file beside it, then
 * rename), or to stdout when file is NULL or "-".  0 or EXIT_IO (the
 * reason on stderr). */
int reading_write(const char *file, const char *data, size_t len);

#endif
