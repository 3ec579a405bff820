/* progress: see include/progress.h.  Reachability and the shortest way
 * ignore conditions: a condition only narrows the choices, so "reachable"
 * is what the path could show and "left" is the least reading to an end
 * (Dijkstra over words, with a binary heap: content may be large). */
#include "progress.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mdtext.h"
#include "readtime.h"
#include "view.h"

static bool
seen(const struct walk *w, const struct session *s, const struct node *n)
{
	return s ? session_seen(s, n->id) || walk_visited(w, n)
	         : walk_visited(w, n);
}

/* Marks (by guide node index) the nodes of p reachable from its start. */
static bool *
reachable(const struct guide *g, const struct path *p)
{
	bool *r = xcalloc(g->nnodes + 1, sizeof *r);
	const struct node **stack = xmalloc((g->nnodes + 1) * sizeof *stack);
	size_t n = 0;
	stack[n++] = p->start;
	r[p->start->index] = true;
	while (n) {
		const struct node *at = stack[--n];
		for (size_t i = 0; i < at->nchoices; i++) {
			const struct node *to = at->choices[i].to;
			if (!r[to->index]) {
				r[to->index] = true;
				stack[n++] = to;
			}
		}
	}
	free(stack);
	return r;
}

size_t
progress_words_read(const struct walk *w, const struct session *s)
{
	const struct guide *g = walk_guide(w);
	const struct path *p = walk_path(w);
	size_t words = 0;
	for (size_t i = 0; i < p->nnodes; i++)
		if (seen(w, s, p->nodes[i]))
			words += p->nodes[i]->words;
	for (size_t i = 0; i < g->nstories; i++)
		if (walk_has_read(w, g->stories[i]))
			words += g->stories[i]->words;
	return words;
}

/* Words of the stories n links that w has not read. */
static size_t
unread_words(const struct walk *w, const struct node *n)
{
	size_t words = 0;
	for (size_t i = 0; i < n->nstories; i++)
		if (!walk_has_read(w, n->stories[i]))
			words += n->stories[i]->words;
	return words;
}

struct item {
	size_t dist, node;
};

static void
heap_push(struct item *h, size_t *n, struct item x)
{
	size_t i = (*n)++;
	while (i && h[(i - 1) / 2].dist > x.dist) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = x;
}

static struct item
heap_pop(struct item *h, size_t *n)
{
	struct item top = h[0], last = h[--*n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && h[c + 1].dist < h[c].dist)
			c++;
		if (h[c].dist >= last.dist)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n)
		h[i] = last;
	return top;
}

size_t
progress_words_left(const struct walk *w, size_t *places)
{
	const struct guide *g = walk_guide(w);
	const struct node *from = walk_node(w);
	size_t nn = g->nnodes;
	size_t *dist = xmalloc((nn + 1) * sizeof *dist);
	size_t *hops = xcalloc(nn + 1, sizeof *hops);
	bool *done = xcalloc(nn + 1, sizeof *done);
	for (size_t i = 0; i < nn; i++)
		dist[i] = SIZE_MAX;
	size_t cap = 16, n = 0, best = SIZE_MAX;
	struct item *h = xmalloc(cap * sizeof *h);
	dist[from->index] = unread_words(w, from);
	heap_push(h, &n, (struct item){dist[from->index], from->index});
	*places = 0;
	while (n) {
		struct item it = heap_pop(h, &n);
		if (done[it.node])
			continue;
		done[it.node] = true;
		const struct node *at = g->nodes[it.node];
		if (at->ending || at->nchoices == 0) {
			best = it.dist;
			*places = hops[it.node];
			break;
		}
		for (size_t i = 0; i < at->nchoices; i++) {
			const struct node *to = at->choices[i].to;
			size_t d = it.dist + to->words + unread_words(w, to);
			if (done[to->index] || d >= dist[to->index])
				continue;
			dist[to->index] = d;
			hops[to->index] = hops[it.node] + 1;
			if (n + 1 > cap) {
				cap *= 2;
				h = xrealloc(h, cap * sizeof *h);
			}
			heap_push(h, &n, (struct item){d, to->index});
		}
	}
	free(h);
	free(dist);
	free(hops);
	free(done);
	return best;
}

/* Appends user text as literal Markdown: one line, punctuation escaped,
 * control characters shown by the sanitiser. */
static void
add_literal(strbuf *md, const char *text)
{
	md_line(md, text);
}

static void
add_id(strbuf *md, const char *id)
{
	md_code(md, id);
}

/* Appends one line per stage of w's path (places seen, pain points met,
 * linked stories read) and marks in met the stories met on the way;
 * linked is scratch space of g->nstories + 1 flags. */
static void
stage_lines(const struct walk *w, const struct session *s, const bool *r,
    bool *linked, bool *met, strbuf *md)
{
	const struct guide *g = walk_guide(w);
	const struct path *p = walk_path(w);
	for (size_t k = 0; k < p->nstages; k++) {
		const struct stage *st = p->stages[k];
		size_t nseen = 0, nreach = 0, pain = 0, pain_met = 0;
		size_t nlinked = 0, nread = 0;
		memset(linked, 0, (g->nstories + 1) * sizeof *linked);
		for (size_t i = 0; i < p->nnodes; i++) {
			const struct node *n = p->nodes[i];
			if (n->stage != st || !r[n->index])
				continue;
			bool sn = seen(w, s, n);
			nreach++;
			nseen += sn;
			pain += n->pain != NULL;
			pain_met += n->pain && sn;
			for (size_t j = 0; j < n->nstories; j++) {
				const struct story *sy = n->stories[j];
				met[sy->index] |= sn;
				if (linked[sy->index])
					continue;
				linked[sy->index] = true;
				nlinked++;
				nread += walk_has_read(w, sy);
			}
		}
		sb_puts(md, "- **");
		view_stage_name(p, st, md);
		sb_printf(md, ": %s**: %zu of %zu places seen", st->title,
		    nseen, nreach);
		if (pain)
			sb_printf(md, ", %zu of %zu pain points met", pain_met,
			    pain);
		if (nlinked)
			sb_printf(md, ", %zu of %zu linked stories read", nread,
			    nlinked);
		sb_puts(md, "\n");
	}
}

/* Appends the reading time so far and the least left to an end. */
/* The quiz answers and exercise results the session holds, as lines of
 * md; nothing without a session or when it holds neither. */
static void
practice_lines(const struct session *s, strbuf *md)
{
	size_t nq = s ? session_nanswers(s) : 0, right = 0;
	for (size_t i = 0; i < nq; i++)
		right += session_answer(s, i).right;
	if (nq)
		sb_printf(md, "Quiz: %zu %s answered, %zu right.\n\n", nq,
		    nq == 1 ? "question" : "questions", right);
	size_t nx = s ? session_nexercises(s) : 0;
	if (!nx)
		return;
	sb_puts(md, "Exercises:");
	for (size_t k = 0; k < nx; k++) {
		struct session_exercise x = session_exercise(s, k);
		sb_puts(md, k ? ", " : " ");
		add_id(md, x.id);
		sb_printf(md, " %s", session_status_name(x.status));
	}
	sb_puts(md, ".\n\n");
}

static void
time_lines(const struct walk *w, const struct session *s, strbuf *md)
{
	size_t places, left = progress_words_left(w, &places);
	sb_printf(md, "Read so far: about %u min. ",
	    readtime_minutes(progress_words_read(w, s)));
	if (left == SIZE_MAX)
		sb_puts(md, "No end can be reached from here: type `back`.\n");
	else if (places == 0)
		sb_printf(md,
		    "This is an end; %u min of its stories are "
		    "left.\n",
		    readtime_minutes(left));
	else
		sb_printf(md,
		    "Left on the shortest way to an end: about %u min "
		    "(%zu %s and the stories linked there).\n",
		    readtime_minutes(left), places,
		    places == 1 ? "place" : "places");
	sb_printf(md, "\n*Reading time at %d words a minute.*\n", READTIME_WPM);
}

void
progress_view(const struct walk *w, const struct session *s, strbuf *md)
{
	const struct guide *g = walk_guide(w);
	const struct path *p = walk_path(w);
	bool *r = reachable(g, p);
	bool *linked = xcalloc(g->nstories + 1, sizeof *linked);
	bool *met = xcalloc(g->nstories + 1, sizeof *met);
	sb_printf(md, "## Progress: %s\n\n", p->title);
	stage_lines(w, s, r, linked, met, md);
	sb_puts(md, "\n");
	size_t nmet = 0, further = 0;
	for (size_t i = 0; i < g->nstories; i++) {
		const struct story *sy = g->stories[i];
		if (walk_has_read(w, sy))
			continue;
		if (met[i]) {
			sb_puts(md,
			    nmet++ ? ", "
			           : "Met on your way and not "
			             "opened yet: ");
			add_id(md, sy->id);
		}
	}
	if (nmet)
		sb_puts(md, ".\n\n");
	else
		sb_puts(md, "You have opened every story met on your way.\n\n");
	memset(linked, 0, (g->nstories + 1) * sizeof *linked);
	for (size_t i = 0; i < p->nnodes; i++)
		if (r[p->nodes[i]->index])
			for (size_t j = 0; j < p->nodes[i]->nstories; j++)
				linked[p->nodes[i]->stories[j]->index] = true;
	for (size_t i = 0; i < g->nstories; i++)
		further +=
		    linked[i] && !met[i] && !walk_has_read(w, g->stories[i]);
	if (further)
		sb_printf(md, "%zu more %s further on.\n\n", further,
		    further == 1 ? "story waits" : "stories wait");
	practice_lines(s, md);
	time_lines(w, s, md);
	free(r);
	free(linked);
	free(met);
	sb_puts(md, "\n");
	progress_notes(w, s, md);
}

void
progress_notes(const struct walk *w, const struct session *s, strbuf *md)
{
	size_t n = s ? session_nnotes(s) : 0;
	if (!n)
		return;
	sb_puts(md, "## Your notes\n\n");
	for (size_t i = 0; i < n; i++) {
		struct session_note nt = session_note(s, i);
		const char *id = nt.node, *text = nt.text;
		const struct node *at = guide_node(walk_guide(w), id);
		sb_puts(md, "- ");
		if (at)
			sb_printf(md, "at **%s**: ", at->title);
		else {
			sb_puts(md, "at ");
			add_id(md, id);
			sb_puts(md, " (no longer in the guide): ");
		}
		add_literal(md, text);
		sb_puts(md, "\n");
	}
	sb_puts(md, "\n");
}

struct listing {
	const struct guide *g;
	bool json;
	strbuf *out;
	json_t *list;
	size_t n, damaged;
};

/* Lists a damaged session file: prints its diagnostics to stderr and
 * adds an entry naming its first problem (JSON) or pointing to them. */
static void
list_damaged(struct listing *L, const char *file, diag_list *d)
{
	/* the first problem, as one line */
	FILE *mem = tmpfile();
	char line[1024] = "damaged";
	if (mem) {
		diag_print(d, mem);
		rewind(mem);
		if (!fgets(line, sizeof line, mem))
			strcpy(line, "damaged");
		line[strcspn(line, "\n")] = '\0';
		fclose(mem);
	}
	diag_print(d, stderr);
	L->damaged++;
	const char *slash = strrchr(file, '/');
	char *name = xstrdup(slash ? slash + 1 : file);
	name[strlen(name) - 5] = '\0'; /* ".json" */
	if (L->json) {
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(name));
		json_object_set_new(o, "file", json_string(file));
		json_t *e = json_string(line);
		json_object_set_new(o, "error", e ? e : json_string("damaged"));
		json_array_append_new(L->list, o);
	} else {
		sb_puts(L->out, "- **");
		add_literal(L->out, name);
		sb_puts(L->out, "**: damaged, see the error above\n");
	}
	free(name);
}

static void
list_one(const char *file, struct session *s, diag_list *d, void *ctx)
{
	struct listing *L = ctx;
	L->n++;
	if (!s) {
		list_damaged(L, file, d);
		return;
	}
	strbuf msg = {0};
	struct walk *w = session_replay(s, L->g, &msg);
	sb_free(&msg);
	const struct path *p = w ? walk_path(w) : NULL;
	const struct node *at = w ? walk_node(w) : NULL;
	size_t seen = 0, stage = 0;
	strbuf name = {0};
	for (size_t i = 0; p && i < p->nnodes; i++)
		seen += session_seen(s, p->nodes[i]->id);
	if (at) {
		stage = at->stage->index - p->stages[0]->index + 1;
		view_stage_name(p, at->stage, &name);
	}
	unsigned pct = p && p->nnodes ? (unsigned)(seen * 100 / p->nnodes) : 0;
	const char *upd = session_updated(s);
	if (L->json) {
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(session_name(s)));
		json_object_set_new(o, "file", json_string(file));
		json_object_set_new(o, "path", json_string(session_path_id(s)));
		json_object_set_new(o, "node",
		    at ? json_string(at->id) : json_null());
		json_object_set_new(o, "stage",
		    at ? json_integer((json_int_t)stage) : json_null());
		json_object_set_new(o, "stages",
		    p ? json_integer((json_int_t)p->nstages) : json_null());
		json_object_set_new(o, "stage_title",
		    at ? json_string(at->stage->title) : json_null());
		json_object_set_new(o, "updated", json_string(upd));
		json_object_set_new(o, "seen", json_integer((json_int_t)seen));
		json_object_set_new(o, "places",
		    json_integer(p ? (json_int_t)p->nnodes : 0));
		json_object_set_new(o, "percent_seen", json_integer(pct));
		json_array_append_new(L->list, o);
	} else {
		sb_puts(L->out, "- **");
		add_literal(L->out, session_name(s));
		sb_puts(L->out, "**: ");
		if (at)
			sb_printf(L->out, "%s, %s (%s), ", p->title, name.s,
			    at->stage->title);
		else {
			sb_puts(L->out, "path ");
			add_id(L->out, session_path_id(s));
			sb_puts(L->out, " (not in this guide), ");
		}
		sb_printf(L->out,
		    "last used %.10s %.5s UTC, %u%% of places "
		    "seen\n",
		    upd, upd + 11, pct);
	}
	sb_free(&name);
	walk_free(w);
}

size_t
progress_sessions(const struct guide *g, const char *dir, bool json,
    strbuf *out, size_t *damaged)
{
	struct listing L = {g, json, out, json ? json_array() : NULL, 0, 0};
	session_each(dir, list_one, &L);
	if (json) {
		char *text = json_dumps(L.list, JSON_INDENT(2));
		sb_add_json(out, text ? text : "[]", text ? strlen(text) : 2);
		sb_putc(out, '\n');
		free(text);
		json_decref(L.list);
	} else if (!L.n) {
		sb_puts(out, "No session is saved yet.\n");
	}
	*damaged = L.damaged;
	return L.n;
}
