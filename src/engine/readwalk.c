/*
 * readwalk: see include/readwalk.h.  The search index is built on the
 * first search, so a walk that never searches never pays for it.
 */
#include "readwalk.h"

#include <stdlib.h>
#include <string.h>

#include "mdtext.h"
#include "search.h"

struct readwalk {
	const struct guide *g;
	const struct plan_set *ps;
	const struct exercise_set *ex; /* searched too; may be NULL */
	const struct plan *plan; /* being read, or NULL */
	size_t at; /* its session */
	struct search *index;
	bool plain;
	struct search_hit *hits;
	size_t nhits;
};

struct readwalk *
readwalk_new(const struct guide *g, const struct plan_set *ps, bool plain)
{
	struct readwalk *r = xcalloc(1, sizeof *r);
	r->g = g;
	r->ps = ps;
	r->plain = plain;
	return r;
}

void
readwalk_free(struct readwalk *r)
{
	if (!r)
		return;
	search_hits_free(r->hits, r->nhits);
	search_free(r->index);
	free(r);
}

void
readwalk_plan(struct readwalk *r, const char *arg, strbuf *md)
{
	if (!*arg) {
		plan_view_list(r->ps, md);
		return;
	}
	const struct plan *p = plan_find(r->ps, arg);
	if (!p) {
		sb_puts(md, "No plan has the id `");
		md_text(md, arg, strlen(arg));
		sb_puts(md, "`. Type `plan` to list them.\n");
		return;
	}
	r->plan = p;
	r->at = 0;
	plan_view_session(p, 0, md);
}

void
readwalk_step(struct readwalk *r, int dir, strbuf *md)
{
	if (!r->plan) {
		sb_puts(md,
		    "You are not reading a plan: type `plan` to list "
		    "them, `plan ID` to start one.\n");
		return;
	}
	if ((dir < 0 && r->at == 0) ||
	    (dir > 0 && r->at + 1 >= r->plan->nsessions)) {
		sb_printf(md, "This is the %s session of the plan.\n",
		    dir < 0 ? "first" : "last");
		return;
	}
	r->at = dir < 0 ? r->at - 1 : r->at + 1;
	plan_view_session(r->plan, r->at, md);
}

void
readwalk_search(struct readwalk *r, const char *words, strbuf *md)
{
	if (!*words) {
		sb_puts(md, "Search for what? Type `search WORDS`.\n");
		return;
	}
	if (!r->index) {
		r->index = search_new(r->g, r->ps);
		search_add_exercises(r->index, r->ex);
		if (r->plain)
			search_set_marks(r->index, "\\[", "\\]");
	}
	search_hits_free(r->hits, r->nhits);
	r->nhits = search_query(r->index, words, &r->hits);
	search_view(words, r->hits, r->nhits, md);
	if (r->nhits)
		sb_puts(md, "\nType `read N` now to open hit N.\n");
}

bool
readwalk_has_hits(const struct readwalk *r)
{
	return r->nhits > 0;
}

void
readwalk_forget(struct readwalk *r)
{
	search_hits_free(r->hits, r->nhits);
	r->hits = NULL;
	r->nhits = 0;
}

const struct story *
readwalk_hit(struct readwalk *r, long n, strbuf *md)
{
	if (n < 1 || (size_t)n > r->nhits) {
		if (r->nhits)
			sb_printf(md,
			    "There is no hit %ld: the last search "
			    "found %zu.\n",
			    n, r->nhits);
		else
			sb_puts(md,
			    "`read N` opens hit N of a search: type "
			    "`search WORDS` first.\n");
		return NULL;
	}
	const struct search_hit *h = &r->hits[n - 1];
	switch (h->kind) {
	case SK_STORY:
		return guide_story(r->g, h->id);
	case SK_PLAN:
		plan_view(plan_find(r->ps, h->id), false, false, md);
		sb_printf(md, "\nType `plan %s` to read through it.\n", h->id);
		return NULL;
	case SK_NODE: {
		const struct node *nd = guide_node(r->g, h->id);
		sb_puts(md, "## ");
		md_text(md, nd->title, strlen(nd->title));
		sb_puts(md, "\n\n*A stop on the path ");
		md_text(md, nd->path->title, strlen(nd->path->title));
		sb_puts(md, ", at the stage ");
		md_text(md, nd->stage->title, strlen(nd->stage->title));
		sb_puts(md, ".*\n\n");
		if (nd->pain) {
			sb_puts(md, "The pain point: ");
			md_text(md, nd->pain, strlen(nd->pain));
			sb_puts(md, ".\n\n");
		}
		if (h->snippet)
			sb_printf(md, "%s\n\n", h->snippet);
		sb_puts(md, "The walk shows it in full when you get there.\n");
		return NULL;
	}
	case SK_EXERCISE:
		sb_puts(md, "## ");
		md_text(md, h->title, strlen(h->title));
		sb_puts(md, "\n\n");
		if (h->snippet)
			sb_printf(md, "%s\n\n", h->snippet);
		sb_printf(md, "An exercise: type `exercise %s` to start it.\n",
		    h->id);
		return NULL;
	default:
		sb_printf(md, "Hit %ld is `%s`.\n", n, h->id);
		return NULL;
	}
}

const struct plan_set *
readwalk_plans(const struct readwalk *r)
{
	return r->ps;
}

void
readwalk_set_exercises(struct readwalk *r, const struct exercise_set *ex)
{
	r->ex = ex;
}
