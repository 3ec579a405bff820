/*
 * plan: reading plans, plans/ID.yaml (docs/FORMAT.md): an ordered list of
 * sessions, each with stories to read, discussion prompts, minutes and
 * notes for the facilitator.  plan_load reads every plan of a data folder
 * against a loaded guide and resolves every story id (and checks that each
 * exercise a session names has its folder); it returns all the
 * plans or nothing (located diagnostics in d).  Times come from word
 * counts at 230 words a minute.  A plan set is read-only after load.
 */
#ifndef ASYNCPATH_PLAN_H
#define ASYNCPATH_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "guide.h"
#include "util.h"

/* One exercise of an exercise session: its id (an exercises/ID folder of
 * the data folder) and the minutes given to it. */
struct plan_exercise {
	char *id;
	int minutes;
};

/* What a session of a plan is for. */
enum plan_kind { PK_READING, PK_WALK, PK_EXERCISE, PK_DISCUSSION, PK_BREAK };

struct plan_session {
	char *title;
	enum plan_kind kind;
	char *text; /* Markdown: what happens; NULL: none */
	const struct path *path; /* walk sessions: the path walked, or NULL */
	const struct stage *until; /* the stage the block ends with, or NULL */
	const struct story **stories; /* to read, in order */
	size_t nstories;
	struct plan_exercise
	    *exercises; /* exercise sessions: which, in order */
	size_t nexercises;
	char **prompts, **notes; /* discussion prompts; facilitator notes */
	size_t nprompts, nnotes;
	int minutes; /* beyond the reading: discussion, activity */
	int line, col;
};

struct plan {
	char *id, *title, *audience, *summary;
	int target; /* minutes the plan should fit in */
	struct plan_session *sessions;
	size_t nsessions;
	char **notes; /* facilitator notes for the whole plan */
	size_t nnotes;
	char *file;
	int line, col;
};

struct plan_set {
	struct plan **plans; /* sorted by id */
	size_t n;
	hmap *ids;
};

/* Loads every datadir/plans/ID.yaml (none when the folder is absent) against g.
 * NULL on error, with diagnostics in d.  Caller frees. */
struct plan_set *plan_load(const struct guide *g, const char *datadir,
    diag_list *d);
void plan_set_free(struct plan_set *ps);
const struct plan *plan_find(const struct plan_set *ps, const char *id);

/* Reading words of a card, as counted at load (readtime.h). */
size_t plan_story_words(const struct story *s);
/* Minutes to read words at READTIME_WPM (230 a minute), rounded up. */
int plan_read_minutes(size_t words);
/* Minutes of one session (reading plus its own minutes), of a plan. */
int plan_session_minutes(const struct plan_session *s);
int plan_minutes(const struct plan *p);
const char *plan_kind_name(enum plan_kind k);

/* Markdown: the list of plans with their times. */
void plan_view_list(const struct plan_set *ps, strbuf *md);
/*
 * Markdown: plan p session by session (time, stories with a line each,
 * prompts; the facilitator's notes only when facilitator is true).  With
 * cards true, each story's whole card follows (the handout).
 */
void plan_view(const struct plan *p, bool facilitator, bool cards, strbuf *md);
/* Markdown: session k of p, as `plan` / `next` / `prev` show it. */
void plan_view_session(const struct plan *p, size_t k, strbuf *md);

/*
 * Checks the plans as a whole: warns when a plan runs over its target,
 * and prints the coverage line to report (may be NULL): "plans: N plans
 * reach K of S stories; U stories in no plan".
 */
void plan_check(const struct plan_set *ps, const struct guide *g, diag_list *d,
    FILE *report);

#endif
