/*
 * cli: the command line, driven by one table.  main.c holds the table of
 * subcommands; each row is a name, a handler, a usage line, a one-line
 * summary, long help (Markdown), the command's own options and what its
 * arguments complete to.  cli_main parses argv with getopt_long (global
 * options anywhere on the line, a command's own options after its name),
 * finds the data folder, loads the guide for the rows that ask for it and
 * runs the handler.  From the same table come `--help`, `asyncpath help
 * CMD`, `asyncpath CMD --help`, `asyncpath help --markdown` (hidden: every
 * command, walk command and option as Markdown, for the man page) and the
 * hidden shell-completion command:
 *
 *     asyncpath complete -- WORD...
 *
 * WORDs are the words typed after "asyncpath", the last one the (maybe
 * empty) word being completed.  It prints the candidates that start with
 * it, one a line: command names, options (global and the command's), ids
 * from the guide, or an option's values.  When the word is a file or a
 * folder it prints just ":file" or ":dir" and the shell completes paths.
 * `asyncpath complete --commands` lists the subcommand names, `--walk` the
 * walk commands, `--options [CMD]` the options.
 *
 * A new subcommand is a new row in main.c's table; its handler may live in
 * the module that does the work (include this header for the types).
 */
#ifndef ASYNCPATH_CLI_H
#define ASYNCPATH_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"
#include "render.h"

/*
 * What a word completes to (a "completion spec"): "@KIND" for ids of that
 * kind (see repl_ids: "@story", "@path", "@node", "@command" for walk
 * commands), "@subcommand" for the rows of the table, ":file" or
 * ":dir" for names on disk, or fixed words separated by '|', such as
 * "json|dot|text".  NULL: nothing to offer.
 */

/* One option of a command (or a global one).  Rows end with {0}. */
struct cli_option {
	const char *name; /* the long name, without "--" */
	int has_arg; /* no_argument or required_argument */
	int val; /* what the handler sees in cli_args.opt */
	const char *arg; /* its value's name in help ("N"); NULL: none */
	const char *help; /* one line; NULL hides the option */
	const char *complete; /* what its value completes to */
};

/* One option as given, in command-line order. */
struct cli_opt_value {
	int val; /* cli_option.val */
	const char *arg; /* its value, or NULL */
};

/* What a handler gets from the command line. */
struct cli_args {
	const struct cli_opt_value *opt; /* the command's own options */
	size_t nopt;
	char **argv; /* positional arguments, after the command name */
	int argc;
};

enum {
	CLI_GUIDE = 1, /* load the guide before running (a failed load
	                  prints its diagnostics and exits 65 or 66) */
	CLI_HIDDEN = 2 /* left out of help and completion */
};

struct cli;

struct cli_command {
	const char *name;
	int (*run)(const struct cli *c, const struct cli_args *a);
	const char *usage; /* after "asyncpath ", e.g. "show [--original] ID" */
	const char *summary; /* one line, lower case, no full stop */
	const char *help; /* Markdown paragraphs, or NULL */
	const struct cli_option *opts; /* the command's options, or NULL */
	const char *complete; /* what its arguments complete to */
	unsigned flags; /* CLI_GUIDE, CLI_HIDDEN */
};

/* Everything a handler may need; read-only for handlers. */
struct cli {
	const struct cli_command *cmd; /* the command being run */
	const struct cli_command *cmds; /* the whole table */
	size_t ncmds;
	const struct guide *g; /* with CLI_GUIDE; else NULL */
	const char *data; /* the data folder */
	const char *path; /* --path ID, or NULL */
	const char *upstream; /* --upstream DIR or $ASYNCPATH_UPSTREAM */
	struct render_opts render;
	bool pager; /* long output may go through $PAGER */
	bool plain; /* --plain */
	bool width_fixed; /* --width given */
	const char *session; /* --session NAME or FILE, or NULL */
	bool fresh; /* --new */
	const char *room; /* --room URL, or NULL */
	const char *participant; /* --name NAME, or NULL */
};

/* The program: its table and what the build decided. */
struct cli_program {
	const struct cli_command *cmds;
	size_t ncmds;
	const char *default_cmd; /* run when no command is named */
	const char *datadir; /* the installed data folder */
	const char *version;
};

/* Parses argv, runs the command; returns the exit status. */
int cli_main(int argc, char **argv, const struct cli_program *p);

/* "asyncpath: MESSAGE\nTry 'asyncpath --help'." on stderr (the message is
 * fmt with arg); returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

/*
 * An id the user gave names nothing: prints "asyncpath: no NOUN has the
 * id 'ID' (did you mean 'a' or 'b'?); HINT" on stderr (the id sanitised and
 * cut, the closest ids of kind from repl_closest) and returns EXIT_USAGE.
 * hint may be NULL.
 */
int cli_unknown_id(const struct cli *c, const char *kind, const char *noun,
    const char *id, const char *hint);

/* Renders Markdown to stdout, through the pager when c allows and it is
 * long; returns 0 or EXIT_IO. */
int cli_print_markdown(const struct cli *c, const char *md, size_t len);

/* Handlers of the rows every program has ("help", "complete"). */
int cli_cmd_help(const struct cli *c, const struct cli_args *a);
int cli_cmd_complete(const struct cli *c, const struct cli_args *a);
extern const struct cli_option cli_help_opts[];
extern const struct cli_option cli_complete_opts[];

#endif
