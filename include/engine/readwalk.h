/*
 * readwalk: reading plans and search inside the walk.  It keeps the plan
 * being read and where in it, and the hits of the last search, so that
 * `plan ID`, `next`, `prev`, `search WORDS` and `read N` work as walk
 * commands.  Borrows the guide and the plans; no terminal I/O: every
 * answer is Markdown appended to md.
 */
#ifndef ASYNCPATH_READWALK_H
#define ASYNCPATH_READWALK_H

#include <stdbool.h>

#include "exercise.h"
#include "guide.h"
#include "plan.h"
#include "util.h"

struct readwalk;

/* plain: mark search words visibly without colour ([word]). */
struct readwalk *readwalk_new(const struct guide *g, const struct plan_set *ps,
    bool plain);
void readwalk_free(struct readwalk *r);
/* Exercises to search as well (borrowed; before the first search). */
void readwalk_set_exercises(struct readwalk *r, const struct exercise_set *ex);
/* The plans it reads from (as given to readwalk_new). */
const struct plan_set *readwalk_plans(const struct readwalk *r);

/* "plan": the list; "plan ID": session 1 of that plan. */
void readwalk_plan(struct readwalk *r, const char *arg, strbuf *md);
/* next (dir 1) or previous (dir -1) session of the plan being read. */
void readwalk_step(struct readwalk *r, int dir, strbuf *md);
void readwalk_search(struct readwalk *r, const char *words, strbuf *md);
/* True while the hits of the last search stand (until forgotten). */
bool readwalk_has_hits(const struct readwalk *r);
/* Forgets the last search's hits: numbers mean the walk's own again. */
void readwalk_forget(struct readwalk *r);
/*
 * Hit n (1-based) of the last search: a story is returned for the caller
 * to show and mark read; a node or plan is described in md and NULL
 * returned; so is a number that names no hit.
 */
const struct story *readwalk_hit(struct readwalk *r, long n, strbuf *md);

#endif
