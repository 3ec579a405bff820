/*
 * route: how long each route of a guide is.  A route is a choice of kind
 * route (`kind: route`, such as the 90-minute route); its length is
 * measured over seeded random walks that take it: stops shown (the start
 * and the ending included) and minutes of reading at READTIME_WPM (each
 * stop's title, pain point, the text parts shown, the aside of the
 * character played, the choices offered and a debrief's lines).
 * Reading only: stories, exercises and the time a decision takes are
 * not counted.
 */
#ifndef ASYNCPATH_ROUTE_H
#define ASYNCPATH_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "guide.h"

struct route_stats {
	const struct choice *route;
	size_t walks, ended; /* walks played that took it; that ended */
	size_t stops[3]; /* minimum, median, maximum over the walks ended */
	double minutes[3]; /* the same, of reading */
	const struct node *end; /* the ending of the first walk ended */
	bool endings; /* another walk ended elsewhere */
};

/* Measures the route choice c over walks seeded random walks of its path
 * (seed as check's). */
struct route_stats route_measure(const struct guide *g, const struct choice *c,
    unsigned long walks, unsigned long seed);
/* Prints one line a route of g: "route ID: N walks, stops a/b/c (min,
 * median, max), reading x/y/z minutes at 230 wpm, to NODE". */
void route_report(const struct guide *g, unsigned long seed, FILE *out);

#endif
