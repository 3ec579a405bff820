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

/* What a correct fix must show beyond `expect` (`must:`), each item with
 * the sentence the participant reads (say) and one check. */
enum must_kind {
	MUST_ORDER, /* lines holding texts[0], texts[1], ... in that order */
	MUST_GAP, /* lines holding what arrive at most max_ms apart, at
	             least at_least of them, the first and the last at least
	             span_ms apart (0: any) */
	MUST_CODE, /* the edited file (item what, when set) holds every
	              texts[i] and none of lacks[i], comments left out */
	MUST_UNCHANGED, /* the item starting at the line holding what is as
	                   in start/ (spacing and comments aside) */
	MUST_SILENT, /* the lint what (rustc's, or clippy's as
	                clippy::NAME) is not reported */
	MUST_REPLY /* each line holding what is answered by a line holding
	              texts[0] at most max_ms later, before the next line
	              holding what */
};

struct must {
	enum must_kind kind;
	char *say; /* Markdown, one sentence */
	char *what; /* gap: the line text; code: the item (or NULL);
	               unchanged: the item; silent: the lint; reply: the
	               request's text */
	char **texts, **lacks; /* order: the lines; code: has, lacks;
	                          reply: the answer's text */
	size_t ntexts, nlacks;
	int max_ms, at_least, span_ms; /* gap (max_ms: reply too) */
	int line, col; /* of the item */
};

/* "order", "gap", "code", "unchanged", "silent" or "reply". */
const char *exercise_must_name(enum must_kind k);

struct exercise {
	char *id, *title, *stage, *node, *edit, *task;
	char **stories, **hints, **expect;
	size_t nstories, nhints, nexpect;
	bool run; /* check: run (else build only) */
	int timeout; /* seconds the program may run */
	enum exercise_fail fails;
	char *fails_value; /* "E0277", a message part, a line; "3" for
	                      timeout */
	struct must *must; /* what a correct fix must show */
	size_t nmust;
	int rustc_minor; /* the oldest rustc 1.N that builds it (`rustc:`;
	                    63 when not given) */
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
