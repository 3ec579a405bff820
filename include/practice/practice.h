/*
 * practice: the exercise and quiz commands, shared by the walk and the
 * command line.  A practice holds the exercises and quizzes of the data
 * folder, the workspace base, the exercise in hand and the quiz question
 * asked, and (when the walk has one) the session that records results.
 * Each command appends Markdown for the reader and returns an exit
 * status: 0 done or passed, 1 verify did not pass, 64 no such id or bad
 * argument, 69 no cargo, 74 a file could not be written.
 */
#ifndef ASYNCPATH_PRACTICE_H
#define ASYNCPATH_PRACTICE_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "exercise.h"
#include "guide.h"
#include "quiz.h"
#include "session.h"
#include "util.h"

struct practice;

/* Loads the exercises and quizzes of data, checked against g; NULL after
 * recording errors in d.  workspace: --workspace DIR, or NULL. */
struct practice *practice_new(const struct guide *g, const char *data,
    const char *workspace, diag_list *d);
void practice_free(struct practice *p);
/* Results, attempts, hints and quiz answers also go to s (may be NULL). */
void practice_set_session(struct practice *p, struct session *s);
const struct exercise_set *practice_exercises(const struct practice *p);

int practice_list(struct practice *p, strbuf *md);
int practice_start(struct practice *p, const char *id, strbuf *md);
/* id NULL or "": the exercise in hand, or the only one at node here.
 * announce: see runner_verify. */
int practice_verify(struct practice *p, const char *id, const struct node *here,
    void (*announce)(const char *id), strbuf *md);
int practice_hint(struct practice *p, const char *id, const struct node *here,
    strbuf *md);
/* Shows the diff from start to solution; unless confirmed, only asks. */
int practice_solution(struct practice *p, const char *id,
    const struct node *here, bool confirmed, strbuf *md);
/* Puts the workspace back to the starter; attempts, hints and a solved
 * record are kept. */
int practice_reset(struct practice *p, const char *id, strbuf *md);
/* Builds every exercise's crates into the shared cache (runner_prepare),
 * saying how each went: 0, or 69 when no toolchain could build any. */
int practice_prepare(struct practice *p, strbuf *md);
/* "Exercise here: ..." for node n, a paragraph each (nothing when it has
 * none); returns how many. */
size_t practice_at_node(const struct practice *p, const struct node *n,
    strbuf *md);

/* Asks the next question of stage st not yet answered right. */
int practice_quiz(struct practice *p, const struct stage *st, strbuf *md);
/* Answers the question asked ("b", or "a c" for several). */
int practice_answer(struct practice *p, const char *arg, strbuf *md);

/* One line a exercise, tab-separated: id, stage, status, title. */
int practice_list_plain(struct practice *p, FILE *out);
/* Messages name commands as the shell runs them (`asyncpath exercise
 * verify ID`) instead of as the walk's (`verify`). */
void practice_set_shell(struct practice *p, bool shell);
/* The same as a table with a header, each title cut (with "…") so that a
 * row fits in width columns (ids, stages and statuses whole). */
int practice_list_table(struct practice *p, int width, FILE *out);

#endif
