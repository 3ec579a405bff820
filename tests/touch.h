/*
 * touch.h: reads every part of a guide, as the walk, check and export
 * would, so that a guide with a bad pointer or count shows under ASan or
 * valgrind.  For the guide cache's unit test and fuzz target, which feed
 * gcache_decode damaged images.
 */
#ifndef ASYNCPATH_TOUCH_H
#define ASYNCPATH_TOUCH_H

#include <stdio.h>
#include <string.h>

#include "export.h"
#include "guide.h"
#include "util.h"

static bool
touch_flag(const void *ctx, size_t flag)
{
	(void)ctx;
	return flag % 2;
}

static bool
touch_visited(const void *ctx, const struct node *n)
{
	(void)ctx;
	return n->index % 3 == 0;
}

/* A sum of what it read (so that nothing is optimised away). */
static inline size_t
touch_guide(const struct guide *g)
{
	size_t sum = 0;
	FILE *out = fopen("/dev/null", "w");
	export_json(g, out);
	export_dot(g, out);
	export_text(g, out);
	fclose(out);
	for (size_t i = 0; i < g->nflags; i++)
		sum += strlen(g->flags[i]);
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		sum += guide_node(g, n->id) == n;
		for (int ch = 0; ch < CH_COUNT; ch++) {
			struct cond_env env = {touch_flag, touch_visited, ch,
			    NULL};
			strbuf md = {0};
			guide_node_text(n, &env, &md);
			sum += md.len;
			sb_free(&md);
			const char *a = guide_node_aside(n, ch);
			sum += a ? strlen(a) : 0;
			for (size_t k = 0; k < n->nchoices; k++) {
				const struct choice *c = &n->choices[k];
				sum += cond_holds(c->when, &env);
				sum += strlen(c->id) + strlen(c->text) +
				    strlen(c->to->id);
				for (size_t f = 0; f < c->effect->nset; f++)
					sum += strlen(g->flags[c->effect->set[f]]);
				for (size_t f = 0; f < c->effect->nclear; f++)
					sum += strlen(
					    g->flags[c->effect->clear[f]]);
			}
		}
		sum += strlen(n->stage->id) + strlen(n->path->id) +
		    strlen(n->file);
		for (size_t k = 0; k < n->nstories; k++)
			sum += strlen(n->stories[k]->id);
	}
	for (size_t i = 0; i < g->nstories; i++) {
		const struct story *s = g->stories[i];
		sum += guide_story(g, s->id) == s;
		sum += strlen(s->body) + strlen(s->file) + strlen(s->summary);
		for (size_t k = 0; k < s->nmorals; k++)
			sum += strlen(s->morals[k]);
		for (size_t k = 0; k < s->ntopics; k++)
			sum += strlen(s->topics[k]);
	}
	for (size_t i = 0; i < g->npaths; i++)
		sum += guide_path(g, g->paths[i]->id) == g->paths[i] &&
		    g->paths[i]->start->path == g->paths[i];
	return sum;
}

#endif
