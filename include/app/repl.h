/*
 * repl: the walk's read-eval-print loop.  With a terminal on stdin it reads
 * through GNU readline (prompt, history kept in a file, Tab completion of
 * commands, choice, story, exercise and plan ids, Ctrl-C clears the line,
 * Ctrl-D quits); otherwise
 * it reads commands line by line with no prompt, so walks can be scripted.
 * Completion is a pure function of the line, testable without a terminal.
 */
#ifndef ASYNCPATH_REPL_H
#define ASYNCPATH_REPL_H

#include <stdbool.h>
#include <stdio.h>

#include "render.h"

/* Only pointers to these cross this header: their own headers are for
 * the files that use them. */
struct exercise_set;
struct guide;
struct plan_set;
struct practice;
struct readwalk;
struct roomlink;
struct session;
struct stage;
struct walk;

struct repl_opts {
	struct render_opts render;
	const char *history; /* history file; NULL: none */
	bool interactive; /* use readline (stdin is a terminal) */
	bool pager; /* long story cards go through $PAGER */
	const char *upstream; /* a wg-async checkout, for read --original */
	bool width_fixed; /* --width: else the width is read at each
	                     output, so the text follows the window */
	struct readwalk *reading; /* plans and search; NULL: none */
	struct session *session; /* saved after every step; may be NULL */
	struct practice *practice; /* exercises and quizzes, or NULL */
	struct roomlink *room; /* each save is sent there; may be NULL */
	const struct stage *until; /* --until: the walk stops when it leaves
	                              this stage (NULL: never) */
};

/*
 * The walk's commands, one table: help, completion and the man page are
 * made from it.  A new walk command is a new row in repl.c.
 */
struct repl_command {
	const char *name;
	const char *args; /* usage after the name, e.g. "[--original] ID" */
	const char *summary; /* one sentence, for the list `help` prints */
	const char *help; /* more Markdown for `help NAME`, or NULL */
	const char *complete; /* what its argument completes to (cli.h) */
	bool (*run)(struct walk *w, const struct repl_opts *o, const char *arg,
	    strbuf *md);
	bool pages; /* a long answer may go through the pager (then the
	               choices are printed again below it); a stop never */
};

/* The table of walk commands, sorted by name; *n gets its length. */
const struct repl_command *repl_commands(size_t *n);

/* What ids are completed from; any member may be NULL. */
struct repl_world {
	const struct guide *g;
	const struct walk *w; /* its stop's choice ids complete as commands */
	const struct exercise_set *ex; /* ids for "exercise" */
	const struct plan_set *plans; /* ids for "plan" */
};

/*
 * Ids of one kind that start with prefix, sorted, as a NULL-terminated
 * array of fresh strings (caller frees each and the array): kind is
 * "story", "path", "node" (from g), "exercise", "plan", "session" or
 * "command" (the walk commands and, with a walk, the ids of the choices
 * offered at its stop).  An unknown kind gives an empty array.
 */
char **repl_ids_in(const struct repl_world *c, const char *kind,
    const char *prefix);
/* repl_ids_in with only a guide (g may be NULL). */
char **repl_ids(const struct guide *g, const char *kind, const char *prefix);

/*
 * The ids of a kind (as repl_ids) closest to word, best first, at most
 * max: those within a small edit distance, and those holding word.
 * NULL-terminated; caller frees each and the array.
 */
char **repl_closest(const struct guide *g, const char *kind, const char *word,
    size_t max);

/* Tells stderr, once per problem, that the room did not get the walk
 * (left copies still queued), and when it has everything again. */
void repl_room_note(struct roomlink *l, size_t left);

/* Runs the walk until quit or end of input; returns an exit status. */
int repl_run(struct walk *w, const struct repl_opts *o);

/*
 * Runs one command line against w, appending Markdown to md (hints too).
 * Returns false when the command asks to quit.
 */
bool repl_eval(struct walk *w, const struct repl_opts *o, const char *line,
    strbuf *md);

/*
 * Completions for the word that starts at byte start of line (the word is
 * line[start..]): command names and the stop's choice ids at the start of
 * the line, story ids after "read", exercise ids after "exercise",
 * "verify", "hint", "solution" and "reset", plan ids after "plan",
 * command names after "help".  Returns a NULL-terminated array of fresh
 * strings, sorted; caller frees each and the array.
 */
char **repl_complete_in(const struct repl_world *c, const char *line,
    int start);
/* repl_complete_in with only a guide. */
char **repl_complete(const struct guide *g, const char *line, int start);

/* The history file: $ASYNCPATH_HISTORY, else $XDG_STATE_HOME/asyncpath/
 * history, else ~/.local/state/asyncpath/history; NULL (after a warning)
 * when that exists and is neither a regular file nor /dev/null (which
 * keeps none).  Caller frees. */
char *repl_history_path(void);

#endif
