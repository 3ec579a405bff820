/*
 * exercise_cli: the `asyncpath exercise list|start|verify|hint|solution|
 * reset` subcommand, a row of main.c's table.  It only parses the line
 * and hands over to practice; exit statuses are practice's (0 passed,
 * 1 not yet, 64 usage, 69 no cargo).
 */
#ifndef ASYNCPATH_EXERCISE_CLI_H
#define ASYNCPATH_EXERCISE_CLI_H

#include "cli.h"

int exercise_cli_run(const struct cli *c, const struct cli_args *a);
extern const struct cli_option exercise_cli_opts[];

#endif
