/* route: see include/route.h.  Walks are played by the walk module, so a
 * route is measured exactly as a reader meets it. */
#include "route.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readtime.h"
#include "util.h"
#include "walk.h"

/* Walks measured for each route: enough for a steady median. */
#define ROUTE_WALKS 2000

/* xorshift64*, as check's random walks. */
static uint64_t
rnd(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545F4914F6CDD1DULL;
}

/* The words a reader meets at the walk's current stop. */
static size_t
stop_words(const struct walk *w, strbuf *md)
{
	const struct node *n = walk_node(w);
	md->len = 0;
	if (md->s)
		md->s[0] = '\0';
	sb_printf(md, "%s\n\n%s\n\n", n->title, n->pain ? n->pain : "");
	if (n->debrief)
		walk_debrief(w, md);
	struct cond_env env = walk_env(w);
	guide_node_text(n, &env, md);
	const char *aside = guide_node_aside(n, walk_character(w));
	if (aside)
		sb_printf(md, "\n\n%s", aside);
	for (size_t i = 0; i < n->nchoices; i++)
		if (walk_holds(w, n->choices[i].when))
			sb_printf(md, "\n\n%s", n->choices[i].text);
	return readtime_words(md->s);
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

struct route_stats
route_measure(const struct guide *g, const struct choice *c,
    unsigned long walks, unsigned long seed)
{
	struct route_stats r = {.route = c};
	const struct path *p = c->node->path;
	uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 7;
	size_t limit = g->nnodes * 4 + 100, cap = 1;
	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i]->nchoices > cap)
			cap = g->nodes[i]->nchoices;
	const struct choice **offered = xcalloc(cap + 1, sizeof *offered);
	size_t *stops = xcalloc(walks + 1, sizeof *stops);
	size_t *words = xcalloc(walks + 1, sizeof *words);
	strbuf md = {0};
	struct walk *w = walk_new(g, p);
	for (unsigned long k = 0; k < walks; k++) {
		walk_restart(w);
		bool took = false;
		size_t len = 0, sum = stop_words(w, &md);
		while (!walk_node(w)->ending && len < limit) {
			size_t n = walk_offered(w, offered, cap), pick = n;
			if (!n)
				break;
			for (size_t i = 0; i < n; i++)
				if (offered[i] == c)
					pick = i;
			if (pick == n) /* elsewhere, or its sibling routes */
				do
					pick = rnd(&x) % n;
				while (n > 1 &&
				    offered[pick]->kind == KIND_ROUTE &&
				    offered[pick]->node == c->node);
			took |= offered[pick] == c;
			walk_take(w, pick);
			sum += stop_words(w, &md);
			len++;
		}
		if (!took)
			continue;
		r.walks++;
		if (!walk_node(w)->ending)
			continue;
		if (!r.end)
			r.end = walk_node(w);
		else if (r.end != walk_node(w))
			r.endings = true;
		stops[r.ended] = len + 1;
		words[r.ended++] = sum;
	}
	if (r.ended) {
		qsort(stops, r.ended, sizeof *stops, cmp_size);
		qsort(words, r.ended, sizeof *words, cmp_size);
		size_t at[3] = {0, r.ended / 2, r.ended - 1};
		for (int i = 0; i < 3; i++) {
			r.stops[i] = stops[at[i]];
			r.minutes[i] = (double)words[at[i]] / READTIME_WPM;
		}
	}
	walk_free(w);
	sb_free(&md);
	free(offered);
	free(stops);
	free(words);
	return r;
}

void
route_report(const struct guide *g, unsigned long seed, FILE *out)
{
	for (size_t i = 0; i < g->nchoices; i++) {
		const struct choice *c = g->choices[i];
		if (c->kind != KIND_ROUTE)
			continue;
		struct route_stats r = route_measure(g, c, ROUTE_WALKS, seed);
		if (!r.ended) {
			fprintf(out,
			    "route %s: %zu walks, none reached an "
			    "ending\n",
			    c->id, r.walks);
			continue;
		}
		fprintf(out,
		    "route %s: %zu walks, stops %zu/%zu/%zu (min/median/max), "
		    "reading %.0f/%.0f/%.0f minutes at %d wpm, to %s%s\n",
		    c->id, r.ended, r.stops[0], r.stops[1], r.stops[2],
		    r.minutes[0], r.minutes[1], r.minutes[2], READTIME_WPM,
		    r.end->id, r.endings ? " and other endings" : "");
	}
}
