/* guide: see include/guide.h.  The model only: freeing, lookups and the
 * condition evaluator.  Loading lives in load.c. */
#include "guide.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct effect guide_no_effect = {.as = -1};
const struct node_more guide_no_more = {0};

static const char *const kind_names[KIND_COUNT] = {"auto", "decision",
    "character", "route", "detour", "back", "navigation"};

const char *
choice_kind_name(int k)
{
	return k >= 0 && k < KIND_COUNT ? kind_names[k] : "?";
}

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
	for (size_t i = 0; i < c->ntook; i++)
		if (!e->took(e->ctx, c->took[i]))
			return false;
	for (size_t i = 0; i < c->nnot_took; i++)
		if (e->took(e->ctx, c->not_took[i]))
			return false;
	if (c->chars && !(c->chars & (1u << e->character)))
		return false;
	for (uint32_t i = 0; i < c->nany; i++)
		if (cond_holds(&c->any[i], e))
			return true;
	return c->nany == 0;
}

void
guide_node_text(const struct node *n, const struct cond_env *env, strbuf *md)
{
	bool first = true;
	for (size_t i = 0; i < n->nparts; i++) {
		const struct text_part *p = &n->parts[i];
		const char *t =
		    cond_holds(p->when, env) ? p->text : p->otherwise;
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

void
guide_debrief_line(const struct choice *c, const struct story *named,
    strbuf *md)
{
	const char *t = c->debrief->text;
	size_t len = strlen(t);
	while (len && (t[len - 1] == '\n' || t[len - 1] == ' '))
		len--;
	sb_puts(md, "- ");
	/* a line that wraps is indented under its bullet */
	for (size_t i = 0; i < len; i++) {
		sb_add(md, t + i, 1);
		if (t[i] == '\n')
			sb_puts(md, "  ");
	}
	const struct story *st = c->debrief->story;
	if (st && st != named)
		sb_printf(md, " (*%s*)", st->title);
	sb_puts(md, "\n");
}

/* The stage of p that choice c is offered in, as a position in
 * p->stages, or -1 (a path's stages are in index order, one run). */
static long
stage_pos(const struct path *p, const struct choice *c)
{
	const struct stage *st = c->node->stage;
	if (!p->nstages || !st || st->path != p)
		return -1;
	return (long)(st->index - p->stages[0]->index);
}

/* One stage's lines: the choices at[0 .. n) of taken, in the order
 * taken.  A line is listed once (a line two choices share, too), its
 * card named once in the stage.  Linear: a table of the lines and one
 * of the cards seen. */
static void
debrief_stage(const struct stage *st, const struct choice *const *taken,
    const size_t *at, size_t n, bool *any, strbuf *md)
{
	if (!n) /* a stage without lines makes no tables */
		return;
	hmap *lines = hmap_new();
	pmap *cards = pmap_new();
	bool head = false;
	for (size_t i = 0; i < n; i++) {
		const struct choice *c = taken[at[i]];
		const struct debrief *d = c->debrief;
		bool again = hmap_get(lines, d->text) != NULL;
		bool named = d->story && pmap_get(cards, d->story);
		if (d->story)
			pmap_put(cards, d->story, (void *)d->story);
		if (again)
			continue;
		hmap_put(lines, d->text, (void *)d);
		if (!head)
			sb_printf(md, "%s**%s**\n\n", *any ? "\n" : "",
			    st->title);
		head = *any = true;
		guide_debrief_line(c, named ? d->story : NULL, md);
	}
	pmap_free(cards);
	hmap_free(lines);
}

bool
guide_debrief(const struct path *p, const struct choice *const *taken, size_t n,
    strbuf *md)
{
	/* the taken choices that earn a line, by stage, in the order taken */
	size_t *start = xcalloc(p->nstages + 1, sizeof *start);
	for (size_t i = 0; i < n; i++) {
		long s = taken[i]->debrief ? stage_pos(p, taken[i]) : -1;
		if (s >= 0)
			start[s + 1]++;
	}
	for (size_t s = 0; s < p->nstages; s++)
		start[s + 1] += start[s];
	size_t *at = xmalloc((start[p->nstages] + 1) * sizeof *at);
	size_t *fill = xmalloc((p->nstages + 1) * sizeof *fill);
	memcpy(fill, start, (p->nstages + 1) * sizeof *fill);
	for (size_t i = 0; i < n; i++) {
		long s = taken[i]->debrief ? stage_pos(p, taken[i]) : -1;
		if (s >= 0)
			at[fill[s]++] = i;
	}
	bool any = false;
	for (size_t s = 0; s < p->nstages; s++)
		debrief_stage(p->stages[s], taken, at + start[s],
		    start[s + 1] - start[s], &any, md);
	free(fill);
	free(at);
	free(start);
	return any;
}

const char *
guide_node_aside(const struct node *n, int ch)
{
	char **a = n->more->aside;
	return a && ch >= 0 && ch < CH_COUNT ? a[ch] : NULL;
}

const struct choice *
guide_choice(const struct node *n, const char *id)
{
	for (size_t i = 0; i < n->nchoices; i++)
		if (strcmp(n->choices[i].id, id) == 0)
			return &n->choices[i];
	return NULL;
}

void
guide_free(struct guide *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->npaths; i++) {
		free(g->paths[i]->stages);
		free(g->paths[i]->nodes);
	}
	/* the cards live in g->mem (story_load_in) */
	free(g->flags);
	free(g->nodes);
	free(g->choices);
	free(g->stages);
	free(g->paths);
	free(g->stories);
	kset_free(g->node_ids);
	hmap_free(g->story_ids);
	hmap_free(g->stage_ids);
	hmap_free(g->path_ids);
	hmap_free(g->flag_ids);
	arena_free(g->mem);
	free(g->datadir);
	free(g);
}

const struct node *
guide_node(const struct guide *g, const char *id)
{
	return kset_get(g->node_ids, id);
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

const struct stage *
guide_stage(const struct guide *g, const char *id)
{
	return hmap_get(g->stage_ids, id);
}

const struct path *
guide_default_path(const struct guide *g)
{
	for (size_t i = 0; i < g->npaths; i++)
		if (g->paths[i]->is_default)
			return g->paths[i];
	return g->npaths ? g->paths[0] : NULL;
}

void
guide_check_refs(const struct guide *g, const struct guide_refs *r,
    diag_list *d)
{
	const struct node *n = guide_node(g, r->node);
	if (!n)
		diag_add(d, DIAG_ERROR, EXIT_DATA, r->file, r->node_line,
		    r->node_col, "%s '%s': no node has the id '%s'", r->what,
		    r->id, r->node);
	else if (strcmp(n->stage->id, r->stage) != 0)
		diag_add(d, DIAG_ERROR, EXIT_DATA, r->file, r->node_line,
		    r->node_col,
		    "%s '%s': node '%s' is in stage '%s', not '%s'", r->what,
		    r->id, r->node, n->stage->id, r->stage);
	for (size_t k = 0; k < r->nstories; k++)
		if (!guide_story(g, r->stories[k]))
			diag_add(d, DIAG_ERROR, EXIT_DATA, r->file,
			    r->story_line[k], r->story_col[k],
			    "%s '%s': no story has the id '%s'", r->what, r->id,
			    r->stories[k]);
}

static bool
stage_has_pain(const struct guide *g, const struct stage *st)
{
	for (size_t k = 0; k < g->nnodes; k++)
		if (g->nodes[k]->stage == st && g->nodes[k]->pain)
			return true;
	return false;
}

void
guide_check_stage_cover(const struct guide *g, const struct guide_refs *r,
    size_t n, const char *what, diag_list *d)
{
	for (size_t i = 0; n && i < g->nstages; i++) {
		const struct stage *st = g->stages[i];
		bool has = false;
		for (size_t k = 0; k < n && !has; k++)
			has = strcmp(r[k].stage, st->id) == 0;
		if (!has && stage_has_pain(g, st))
			diag_add(d, DIAG_WARNING, 0, st->file, st->line,
			    st->col,
			    "stage '%s' shows pain points but has no %s",
			    st->id, what);
	}
}
