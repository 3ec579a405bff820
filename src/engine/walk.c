/* walk: see include/walk.h.  Each step keeps the state it replaced, so back
 * restores flags and character exactly; visits and choices taken are
 * counted, not flagged, so undoing a step forgets only the visit and the
 * choice that step made. */
#include "walk.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct step {
	const struct node *from;
	const struct choice *choice;
	unsigned char *flags; /* flags before the step */
	int character; /* character before the step */
};

struct walk {
	const struct guide *g;
	const struct path *path;
	const struct node *at;
	unsigned char *flags; /* one byte a flag: simple and fast enough */
	unsigned *visits; /* by node index */
	unsigned *taken; /* by choice index */
	bool *read; /* by story index */
	int character;
	struct step *steps;
	size_t nsteps, cap;
};

struct walk *
walk_new(const struct guide *g, const struct path *p)
{
	struct walk *w = xcalloc(1, sizeof *w);
	w->g = g;
	w->path = p ? p : guide_default_path(g);
	w->at = w->path->start;
	w->flags = xcalloc(g->nflags + 1, 1);
	w->visits = xcalloc(g->nnodes + 1, sizeof *w->visits);
	w->taken = xcalloc(g->nchoices + 1, sizeof *w->taken);
	w->read = xcalloc(g->nstories + 1, sizeof *w->read);
	w->visits[w->at->index] = 1;
	return w;
}

void
walk_free(struct walk *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->nsteps; i++)
		free(w->steps[i].flags);
	free(w->steps);
	free(w->flags);
	free(w->visits);
	free(w->taken);
	free(w->read);
	free(w);
}

const struct guide *
walk_guide(const struct walk *w)
{
	return w->g;
}

const struct path *
walk_path(const struct walk *w)
{
	return w->path;
}

const struct node *
walk_node(const struct walk *w)
{
	return w->at;
}

int
walk_character(const struct walk *w)
{
	return w->character;
}

bool
walk_flag(const struct walk *w, size_t flag)
{
	return flag < w->g->nflags && w->flags[flag];
}

bool
walk_visited(const struct walk *w, const struct node *n)
{
	return w->visits[n->index] > 0;
}

bool
walk_took(const struct walk *w, const struct choice *c)
{
	return w->taken[c->index] > 0;
}

static bool
env_flag(const void *ctx, size_t flag)
{
	return ((const struct walk *)ctx)->flags[flag];
}

static bool
env_visited(const void *ctx, const struct node *n)
{
	return walk_visited(ctx, n);
}

static bool
env_took(const void *ctx, const struct choice *c)
{
	return walk_took(ctx, c);
}

struct cond_env
walk_env(const struct walk *w)
{
	struct cond_env e = {env_flag, env_visited, env_took, w->character, w};
	return e;
}

bool
walk_holds(const struct walk *w, const struct cond *c)
{
	struct cond_env e = walk_env(w);
	return cond_holds(c, &e);
}

size_t
walk_offered(const struct walk *w, const struct choice **out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < w->at->nchoices; i++) {
		const struct choice *c = &w->at->choices[i];
		if (!walk_holds(w, c->when))
			continue;
		if (k < max)
			out[k] = c;
		k++;
	}
	return k;
}

bool
walk_take(struct walk *w, size_t k)
{
	const struct choice *c = NULL;
	size_t seen = 0;
	for (size_t i = 0; i < w->at->nchoices && !c; i++)
		if (walk_holds(w, w->at->choices[i].when) && seen++ == k)
			c = &w->at->choices[i];
	if (!c)
		return false;
	struct step s = {w->at, c, xmalloc(w->g->nflags + 1), w->character};
	memcpy(s.flags, w->flags, w->g->nflags);
	VEC_PUSH(w->steps, w->nsteps, w->cap, s);
	const struct effect *e = c->effect;
	for (size_t i = 0; i < e->nset; i++)
		w->flags[e->set[i]] = 1;
	for (size_t i = 0; i < e->nclear; i++)
		w->flags[e->clear[i]] = 0;
	if (e->as >= 0)
		w->character = e->as;
	w->at = c->to;
	w->visits[w->at->index]++;
	w->taken[c->index]++;
	return true;
}

bool
walk_take_id(struct walk *w, const char *id)
{
	size_t k = 0;
	for (size_t i = 0; i < w->at->nchoices; i++) {
		const struct choice *c = &w->at->choices[i];
		if (!walk_holds(w, c->when))
			continue;
		if (strcmp(c->id, id) == 0)
			return walk_take(w, k);
		k++;
	}
	return false;
}

bool
walk_back(struct walk *w)
{
	if (w->nsteps == 0)
		return false;
	struct step *s = &w->steps[--w->nsteps];
	w->visits[w->at->index]--;
	w->taken[s->choice->index]--;
	w->at = s->from;
	memcpy(w->flags, s->flags, w->g->nflags);
	w->character = s->character;
	free(s->flags);
	return true;
}

size_t
walk_steps(const struct walk *w)
{
	return w->nsteps;
}

const struct node *
walk_trail(const struct walk *w, size_t i)
{
	return i < w->nsteps ? w->steps[i].from : w->at;
}

const struct choice *
walk_trail_choice(const struct walk *w, size_t i)
{
	return i < w->nsteps ? w->steps[i].choice : NULL;
}

void
walk_mark_read(struct walk *w, const struct story *s)
{
	w->read[s->index] = true;
}

bool
walk_has_read(const struct walk *w, const struct story *s)
{
	return w->read[s->index];
}

void
walk_restart(struct walk *w)
{
	while (walk_back(w))
		;
}

bool
walk_debrief(const struct walk *w, strbuf *md)
{
	size_t steps = walk_steps(w);
	const struct choice **taken = xcalloc(steps + 1, sizeof *taken);
	for (size_t i = 0; i < steps; i++)
		taken[i] = walk_trail_choice(w, i);
	bool any = guide_debrief(walk_path(w), taken, steps, md);
	free(taken);
	return any;
}
