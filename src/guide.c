/* guide: see include/guide.h.  The model only: freeing, lookups and the
 * condition evaluator.  Loading lives in load.c. */
#include "guide.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

bool
cond_holds(const struct cond *c, const struct cond_env *e)
{
	if (!c)
		return true;
	for (size_t i = 0; i < c->nset; i++)
		if (!e->flag(e->ctx, c->set[i]))
			return false;
	for (size_t i = 0; i < c->nunset; i++)
		if (e->flag(e->ctx, c->unset[i]))
			return false;
	for (size_t i = 0; i < c->nvisited; i++)
		if (!e->visited(e->ctx, c->visited[i]))
			return false;
	for (size_t i = 0; i < c->nunvisited; i++)
		if (e->visited(e->ctx, c->unvisited[i]))
			return false;
	if (c->chars && !(c->chars & (1u << e->character)))
		return false;
	for (size_t i = 0; i < c->nany; i++)
		if (cond_holds(&c->any[i], e))
			return true;
	return c->nany == 0;
}

void
guide_node_text(const struct node *n, const struct cond_env *env,
    strbuf *md)
{
	bool first = true;
	for (size_t i = 0; i < n->nparts; i++) {
		const struct text_part *p = &n->parts[i];
		const char *t = cond_holds(p->when, env) ? p->text :
		    p->otherwise;
		if (!t)
			continue;
		if (!first)
			sb_puts(md, "\n\n");
		first = false;
		size_t len = strlen(t);
		while (len && t[len - 1] == '\n')
			len--;
		sb_add(md, t, len);
	}
}

const struct choice *
guide_choice(const struct node *n, const char *id)
{
	for (size_t i = 0; i < n->nchoices; i++)
		if (strcmp(n->choices[i].id, id) == 0)
			return &n->choices[i];
	return NULL;
}

static void
free_links(struct link *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].title);
		free(l[i].url);
	}
	free(l);
}

/* Frees what a condition owns, not the condition itself. */
static void
cond_clear(struct cond *c)
{
	if (!c)
		return;
	free(c->set);
	free(c->unset);
	free(c->visited);
	free(c->unvisited);
	for (size_t i = 0; i < c->nany; i++)
		cond_clear(&c->any[i]);
	free(c->any);
}

static void
node_free(struct node *n)
{
	free(n->id);
	free(n->title);
	free(n->text);
	for (size_t i = 0; i < n->nparts; i++) {
		free(n->parts[i].text);
		free(n->parts[i].otherwise);
		cond_clear(n->parts[i].when);
		free(n->parts[i].when);
	}
	free(n->parts);
	free(n->pain);
	for (int i = 0; i < CH_COUNT; i++)
		free(n->aside[i]);
	free(n->stories);
	free_links(n->wanted, n->nwanted);
	free_links(n->links, n->nlinks);
	for (size_t i = 0; i < n->nchoices; i++) {
		struct choice *c = &n->choices[i];
		free(c->id);
		free(c->text);
		cond_clear(c->when);
		free(c->when);
		free(c->set);
		free(c->clear);
	}
	free(n->choices);
	free(n);
}

void
guide_free(struct guide *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nnodes; i++)
		node_free(g->nodes[i]);
	for (size_t i = 0; i < g->nstages; i++) {
		free(g->stages[i]->id);
		free(g->stages[i]->title);
		free(g->stages[i]->future);
		free_links(g->stages[i]->hopes, g->stages[i]->nhopes);
		free(g->stages[i]);
	}
	for (size_t i = 0; i < g->npaths; i++) {
		struct path *p = g->paths[i];
		free(p->id);
		free(p->title);
		free(p->summary);
		free(p->file);
		free(p->stages);
		free(p->nodes);
		free(p);
	}
	for (size_t i = 0; i < g->nstories; i++)
		story_free(g->stories[i]);
	for (size_t i = 0; i < g->nflags; i++)
		free(g->flags[i]);
	free(g->flags);
	free(g->nodes);
	free(g->stages);
	free(g->paths);
	free(g->stories);
	hmap_free(g->node_ids);
	hmap_free(g->story_ids);
	hmap_free(g->stage_ids);
	hmap_free(g->path_ids);
	hmap_free(g->flag_ids);
	free(g->datadir);
	free(g);
}

const struct node *
guide_node(const struct guide *g, const char *id)
{
	return hmap_get(g->node_ids, id);
}

const struct story *
guide_story(const struct guide *g, const char *id)
{
	return hmap_get(g->story_ids, id);
}

const struct path *
guide_path(const struct guide *g, const char *id)
{
	return hmap_get(g->path_ids, id);
}

const struct path *
guide_default_path(const struct guide *g)
{
	for (size_t i = 0; i < g->npaths; i++)
		if (g->paths[i]->is_default)
			return g->paths[i];
	return g->npaths ? g->paths[0] : NULL;
}
