/*
 * check: proves a loaded guide whole beyond what the loader's schema can
 * see.  Errors: nodes no sequence of choices reaches (conditions included),
 * dead ends (a non-ending node offering no choice in a reachable state).
 * Warnings: stories no node surfaces, flags set but never tested or tested
 * but never set, conditions that can never be true, a choice text repeated
 * within a node.  Then plays seeded random walks and reports coverage.
 * Reachability is exact: a search over every reachable state (node, flags,
 * character, the visits conditions ask about), up to a limit of states;
 * past it, only what holds regardless of conditions is claimed.
 */
#ifndef ASYNCPATH_CHECK_H
#define ASYNCPATH_CHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "guide.h"

struct check_opts {
	unsigned long walks; /* random walks to play (0: none) */
	unsigned long seed;
	size_t max_states; /* limit of the state search */
	/* NULL, a node id or "all": print each distinct rendering of that
	 * node's text (of every node with conditional text or a debrief)
	 * over the reachable states, each with the shortest walk to it; for
	 * a debrief, each distinct set of lines each stage can earn. */
	const char *variants;
	bool census_list; /* list the choices the census counts, by kind */
};

/* CPU time of this process so far, in milliseconds (for --timing). */
double check_cpu_ms(void);

struct check_result {
	size_t states; /* states explored */
	int complete; /* the search saw every reachable state */
	size_t nodes_reached, stories_reached, stories_surfaced;
	size_t walks_ended; /* walks that reached an ending */
	double avg_len;
	size_t max_len;
	/* CPU milliseconds each part took: the state search, the checks
	 * without it (Markdown, flags, cards), the random walks. */
	double ms_search, ms_static, ms_walks;
};

/* Checks g; problems go to d; the coverage report to report (may be
 * NULL).  Returns the result figures. */
struct check_result check_guide(const struct guide *g,
    const struct check_opts *o, diag_list *d, FILE *report);

#endif
