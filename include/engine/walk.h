/*
 * walk: one person's way through one path of a guide: the current node,
 * the trail of choices (for back and for the recap), the flags set, the
 * nodes visited, the choices taken, the character played and the stories
 * read.  Pure state:
 * no input or output.  A walk borrows its guide, which must outlive it.
 */
#ifndef ASYNCPATH_WALK_H
#define ASYNCPATH_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"

struct walk;

/* A walk at the start of path p (the guide's default path when NULL). */
struct walk *walk_new(const struct guide *g, const struct path *p);
void walk_free(struct walk *w);

const struct guide *walk_guide(const struct walk *w);
const struct path *walk_path(const struct walk *w);
const struct node *walk_node(const struct walk *w);
int walk_character(const struct walk *w);
bool walk_flag(const struct walk *w, size_t flag);
bool walk_visited(const struct walk *w, const struct node *n);
/* True when choice c has been taken in this walk (and not undone). */
bool walk_took(const struct walk *w, const struct choice *c);
/* True when condition c holds now (NULL holds). */
bool walk_holds(const struct walk *w, const struct cond *c);
/* The walk's state as an environment for cond_holds and guide_node_text;
 * valid while w is unchanged. */
struct cond_env walk_env(const struct walk *w);

/*
 * The choices offered at the current node, in order: fills out (room for
 * max) with pointers into the node's choices; returns how many there are.
 */
size_t walk_offered(const struct walk *w, const struct choice **out,
    size_t max);
/* Takes offered choice k (0-based); false when k is out of range. */
bool walk_take(struct walk *w, size_t k);
/* Takes the offered choice with this id; false when no offered choice of
 * the current node has it. */
bool walk_take_id(struct walk *w, const char *id);
/* Undoes the last choice with its effects; false at the start. */
bool walk_back(struct walk *w);

/* Undoes every step: back at the start, as walk_new left it. */
void walk_restart(struct walk *w);

/* Steps taken so far; node i of the trail (0 is the start, i <= steps). */
size_t walk_steps(const struct walk *w);
const struct node *walk_trail(const struct walk *w, size_t i);
/* The choice taken to leave trail node i (i < steps). */
const struct choice *walk_trail_choice(const struct walk *w, size_t i);

void walk_mark_read(struct walk *w, const struct story *s);
bool walk_has_read(const struct walk *w, const struct story *s);

/* guide_debrief for the choices this walk took, in order; false when
 * none of them has a debrief line. */
bool walk_debrief(const struct walk *w, struct strbuf *md);

#endif
