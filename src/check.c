/*
 * check: see include/check.h.  The state search packs a state into a few
 * 64-bit words (node, flags, character, tracked visits), keeps them in one
 * array that doubles as the BFS queue, and dedups them with an open-
 * addressing set of indices.
 */
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"
#include "walk.h"

struct search {
	const struct guide *g;
	size_t words; /* 64-bit words a state takes, node word included */
	size_t nflags, ntracked;
	int32_t *track; /* node index -> tracked visit number, or -1 */
	/* Visit sets, interned: set k is the sorted numbers
	 * vbits[voff[k] .. voff[k] + vlen[k]); set 0 is empty. */
	uint32_t *vbits, *voff, *vlen;
	size_t nvbits, capvbits, nvsets, capvoff, capvlen;
	uint32_t *vindex; /* open-addressing set of set ids + 1 */
	size_t capvindex;
	uint32_t *scratch; /* the set being built by vset_add */
	size_t capscratch;
	uint64_t *store; /* states, words each */
	size_t n, cap, max;
	uint32_t *set; /* state indices + 1; 0 is empty */
	size_t setcap;
	bool truncated;
	bool *reached; /* by node */
	bool *cond_true; /* by choice, flattened */
	size_t *choice_base; /* by node: first flattened choice index */
	unsigned char *part_seen; /* by part, flattened: 1 true, 2 false */
	size_t *part_base; /* by node: first flattened part index */
	bool *told; /* by flag: some text part tests it */
	bool *decision; /* by choice, flattened: see note_decisions */
	size_t *dead; /* by node: state index + 1 of a dead end */
};

/* Word 0 holds the node index (low 32 bits) and the visit set id (high
 * 32 bits); after it come the flags, then 3 bits of character. */
static bool
bit(const uint64_t *s, size_t b)
{
	return (s[1 + b / 64] >> (b % 64)) & 1;
}

static void
setbit(uint64_t *s, size_t b, bool v)
{
	if (v)
		s[1 + b / 64] |= 1ULL << (b % 64);
	else
		s[1 + b / 64] &= ~(1ULL << (b % 64));
}

static int
state_char(const struct search *S, const uint64_t *s)
{
	size_t b = S->nflags;
	return (int)(bit(s, b) | bit(s, b + 1) << 1 | bit(s, b + 2) << 2);
}

static void
set_char(const struct search *S, uint64_t *s, int ch)
{
	size_t b = S->nflags;
	for (int i = 0; i < 3; i++)
		setbit(s, b + (size_t)i, (ch >> i) & 1);
}

struct env_ctx {
	const struct search *S;
	const uint64_t *s;
};

static bool
env_flag(const void *ctx, size_t f)
{
	const struct env_ctx *c = ctx;
	return bit(c->s, f);
}

static bool
vset_has(const struct search *S, uint32_t set, uint32_t v)
{
	const uint32_t *b = S->vbits + S->voff[set];
	for (uint32_t i = 0; i < S->vlen[set] && b[i] <= v; i++)
		if (b[i] == v)
			return true;
	return false;
}

static uint64_t
vset_hash(const uint32_t *b, uint32_t n)
{
	uint64_t h = 0x84222325CBF29CE4ULL ^ n;
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001B3ULL;
	return h;
}

/* Interns the set of sorted numbers b[0..n); returns its id. */
static uint32_t
vset_intern(struct search *S, const uint32_t *b, uint32_t n)
{
	if ((S->nvsets + 1) * 2 > S->capvindex) {
		size_t nc = S->capvindex ? S->capvindex * 2 : 256;
		uint32_t *ni = xcalloc(nc, sizeof *ni);
		for (size_t k = 0; k < S->nvsets; k++) {
			size_t j =
			    vset_hash(S->vbits + S->voff[k], S->vlen[k]) &
			    (nc - 1);
			while (ni[j])
				j = (j + 1) & (nc - 1);
			ni[j] = (uint32_t)k + 1;
		}
		free(S->vindex);
		S->vindex = ni;
		S->capvindex = nc;
	}
	size_t j = vset_hash(b, n) & (S->capvindex - 1);
	while (S->vindex[j]) {
		uint32_t k = S->vindex[j] - 1;
		if (S->vlen[k] == n &&
		    memcmp(S->vbits + S->voff[k], b, n * sizeof *b) == 0)
			return k;
		j = (j + 1) & (S->capvindex - 1);
	}
	vec_reserve(&S->voff, &S->capvoff, S->nvsets + 1, sizeof *S->voff);
	vec_reserve(&S->vlen, &S->capvlen, S->nvsets + 1, sizeof *S->vlen);
	vec_reserve(&S->vbits, &S->capvbits, S->nvbits + n + 1,
	    sizeof *S->vbits);
	if (n)
		memcpy(S->vbits + S->nvbits, b, n * sizeof *b);
	S->voff[S->nvsets] = (uint32_t)S->nvbits;
	S->vlen[S->nvsets] = n;
	S->nvbits += n;
	S->vindex[j] = (uint32_t)++S->nvsets;
	return (uint32_t)S->nvsets - 1;
}

/* The id of set ∪ {v}. */
static uint32_t
vset_add(struct search *S, uint32_t set, uint32_t v)
{
	if (vset_has(S, set, v))
		return set;
	uint32_t n = S->vlen[set], k = 0;
	vec_reserve(&S->scratch, &S->capscratch, (size_t)n + 1,
	    sizeof *S->scratch);
	uint32_t *tmp = S->scratch;
	const uint32_t *b = S->vbits + S->voff[set];
	for (uint32_t i = 0; i < n; i++) {
		if (k == i && b[i] > v)
			tmp[k++] = v;
		tmp[k++] = b[i];
	}
	if (k == n)
		tmp[k++] = v;
	return vset_intern(S, tmp, k);
}

static bool
env_visited(const void *ctx, const struct node *n)
{
	const struct env_ctx *c = ctx;
	int32_t t = c->S->track[n->index];
	return t >= 0 && vset_has(c->S, (uint32_t)(c->s[0] >> 32), (uint32_t)t);
}

static uint64_t
hash_state(const uint64_t *s, size_t words)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL;
	for (size_t i = 0; i < words; i++) {
		h ^= s[i];
		h *= 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 31;
	}
	return h;
}

/* Adds state s if new; false when the limit stops the search. */
static bool
add_state(struct search *S, const uint64_t *s)
{
	if ((S->n + 1) * 2 > S->setcap) {
		size_t nc = S->setcap ? S->setcap * 2 : 1024;
		uint32_t *ns = xcalloc(nc, sizeof *ns);
		for (size_t i = 0; i < S->setcap; i++)
			if (S->set[i]) {
				const uint64_t *x = S->store +
				    (size_t)(S->set[i] - 1) * S->words;
				size_t j = hash_state(x, S->words) & (nc - 1);
				while (ns[j])
					j = (j + 1) & (nc - 1);
				ns[j] = S->set[i];
			}
		free(S->set);
		S->set = ns;
		S->setcap = nc;
	}
	size_t j = hash_state(s, S->words) & (S->setcap - 1);
	while (S->set[j]) {
		const uint64_t *x =
		    S->store + (size_t)(S->set[j] - 1) * S->words;
		size_t k = 0;
		while (k < S->words && x[k] == s[k])
			k++;
		if (k == S->words)
			return true;
		j = (j + 1) & (S->setcap - 1);
	}
	if (S->n == S->max) {
		S->truncated = true;
		return false;
	}
	vec_reserve(&S->store, &S->cap, (S->n + 1) * S->words,
	    sizeof *S->store);
	memcpy(S->store + S->n * S->words, s, S->words * sizeof *s);
	S->set[j] = (uint32_t)++S->n;
	S->reached[s[0] & 0xFFFFFFFFu] = true;
	return true;
}

/* The value of flag f after taking ch, when it was v before. */
static bool
choice_sets(const struct choice *ch, size_t f, bool v)
{
	const struct effect *e = ch->effect;
	for (size_t i = 0; i < e->nset; i++)
		if (e->set[i] == f)
			v = true;
	for (size_t i = 0; i < e->nclear; i++)
		if (e->clear[i] == f)
			v = false;
	return v;
}

/* Marks the flags c tests as told (shown in text). */
static void
mark_told(bool *told, const struct cond *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nset; i++)
		told[c->set[i]] = true;
	for (size_t i = 0; i < c->nunset; i++)
		told[c->unset[i]] = true;
	for (size_t i = 0; i < c->nany; i++)
		mark_told(told, &c->any[i]);
}

/* Marks every node a condition names in visited/unvisited as tracked. */
static void
track_cond(struct search *S, const struct cond *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nvisited; i++)
		if (S->track[c->visited[i]->index] < 0)
			S->track[c->visited[i]->index] = (int32_t)S->ntracked++;
	for (size_t i = 0; i < c->nunvisited; i++)
		if (S->track[c->unvisited[i]->index] < 0)
			S->track[c->unvisited[i]->index] =
			    (int32_t)S->ntracked++;
	for (size_t i = 0; i < c->nany; i++)
		track_cond(S, &c->any[i]);
}

/* What taking ch in state s changes that text can show: the told flags
 * it sets or clears to a new value, and a change of character. */
static bool
same_outcome(const struct search *S, const uint64_t *s, const struct choice *a,
    const struct choice *b)
{
	int ca = a->effect->as >= 0 ? a->effect->as : state_char(S, s);
	int cb = b->effect->as >= 0 ? b->effect->as : state_char(S, s);
	if (ca != cb)
		return false;
	for (int pass = 0; pass < 2; pass++) {
		const struct choice *x = pass ? b : a, *y = pass ? a : b;
		for (int sc = 0; sc < 2; sc++) {
			const uint32_t *v =
			    sc ? x->effect->clear : x->effect->set;
			size_t nv = sc ? x->effect->nclear : x->effect->nset;
			for (size_t i = 0; i < nv; i++) {
				size_t f = v[i];
				if (!S->told[f])
					continue;
				bool fx = choice_sets(x, f, bit(s, f));
				if (fx != choice_sets(y, f, bit(s, f)))
					return false;
			}
		}
	}
	return true;
}

/* Marks, for the choices offered at n in state s, which are decisions:
 * offered beside another choice whose outcome differs (same_outcome). */
static void
note_decisions(struct search *S, const struct node *n, const uint64_t *s,
    const struct cond_env *env)
{
	size_t base = S->choice_base[n->index], k = 0;
	for (size_t c = 0; c < n->nchoices && k < 2; c++)
		k += cond_holds(n->choices[c].when, env);
	if (k < 2)
		return;
	for (size_t c = 0; c < n->nchoices; c++) {
		const struct choice *a = &n->choices[c];
		if (S->decision[base + c] || !cond_holds(a->when, env))
			continue;
		for (size_t d = 0; d < n->nchoices; d++) {
			const struct choice *b = &n->choices[d];
			if (d == c || !cond_holds(b->when, env))
				continue;
			if (!same_outcome(S, s, a, b)) {
				S->decision[base + c] = true;
				S->decision[base + d] = true;
				break;
			}
		}
	}
}

static void
explore(struct search *S)
{
	const struct guide *g = S->g;
	uint64_t *next = xcalloc(S->words, sizeof *next);
	for (size_t p = 0; p < g->npaths; p++) {
		memset(next, 0, S->words * sizeof *next);
		const struct node *start = g->paths[p]->start;
		uint32_t set = S->track[start->index] >= 0
		    ? vset_add(S, 0, (uint32_t)S->track[start->index])
		    : 0;
		next[0] = start->index | (uint64_t)set << 32;
		add_state(S, next);
	}
	for (size_t i = 0; i < S->n && !S->truncated; i++) {
		const uint64_t *s = S->store + i * S->words;
		const struct node *n = g->nodes[s[0] & 0xFFFFFFFFu];
		struct env_ctx ctx = {S, s};
		struct cond_env env = {env_flag, env_visited, state_char(S, s),
		    &ctx};
		for (size_t t = 0; t < n->nparts; t++)
			S->part_seen[S->part_base[n->index] + t] |=
			    cond_holds(n->parts[t].when, &env) ? 1 : 2;
		note_decisions(S, n, s, &env);
		size_t offered = 0;
		for (size_t c = 0; c < n->nchoices; c++) {
			const struct choice *ch = &n->choices[c];
			if (!cond_holds(ch->when, &env))
				continue;
			offered++;
			S->cond_true[S->choice_base[n->index] + c] = true;
			memcpy(next, s, S->words * sizeof *next);
			const struct effect *e = ch->effect;
			for (size_t k = 0; k < e->nset; k++)
				setbit(next, e->set[k], true);
			for (size_t k = 0; k < e->nclear; k++)
				setbit(next, e->clear[k], false);
			if (e->as >= 0)
				set_char(S, next, e->as);
			uint32_t set = (uint32_t)(s[0] >> 32);
			if (S->track[ch->to->index] >= 0)
				set = vset_add(S, set,
				    (uint32_t)S->track[ch->to->index]);
			next[0] = ch->to->index | (uint64_t)set << 32;
			if (!add_state(S, next))
				break;
			s = S->store + i * S->words; /* store may move */
			ctx.s = s;
		}
		if (!offered && !n->ending && !S->dead[n->index])
			S->dead[n->index] = i + 1;
	}
	free(next);
}

/* Describes state s for a message: "flags a, b set; playing alan". */
static char *
describe(const struct search *S, const uint64_t *s)
{
	strbuf b = {0};
	size_t k = 0;
	for (size_t f = 0; f < S->nflags; f++)
		if (bit(s, f))
			sb_printf(&b, "%s%s", k++ ? ", " : "flags ",
			    S->g->flags[f]);
	if (!k)
		sb_puts(&b, "no flag");
	sb_printf(&b, " set, playing %s", character_name(state_char(S, s)));
	return sb_take(&b);
}

/* Reachability ignoring conditions, from every path's start. */
static bool *
reach_ignoring_conditions(const struct guide *g)
{
	bool *seen = xcalloc(g->nnodes + 1, sizeof *seen);
	size_t *stack = xmalloc((g->nnodes + 1) * sizeof *stack), top = 0;
	for (size_t p = 0; p < g->npaths; p++)
		if (!seen[g->paths[p]->start->index]) {
			seen[g->paths[p]->start->index] = true;
			stack[top++] = g->paths[p]->start->index;
		}
	while (top) {
		const struct node *n = g->nodes[stack[--top]];
		for (size_t c = 0; c < n->nchoices; c++)
			if (!seen[n->choices[c].to->index]) {
				seen[n->choices[c].to->index] = true;
				stack[top++] = n->choices[c].to->index;
			}
	}
	free(stack);
	return seen;
}

/* Flag use: where each flag is first set and first tested. */
struct flag_use {
	const char *set_file, *test_file;
	int set_line, set_col, test_line, test_col;
};

static void
note_tests(const struct cond *c, const char *file, struct flag_use *u)
{
	if (!c)
		return;
	for (int pass = 0; pass < 2; pass++) {
		const uint32_t *v = pass ? c->unset : c->set;
		size_t n = pass ? c->nunset : c->nset;
		for (size_t i = 0; i < n; i++)
			if (!u[v[i]].test_line) {
				u[v[i]].test_file = file;
				u[v[i]].test_line = c->line;
				u[v[i]].test_col = c->col;
			}
	}
	for (size_t i = 0; i < c->nany; i++)
		note_tests(&c->any[i], file, u);
}

/* Code is never wrapped: a code line of a card wider than CODE_WIDTH
 * columns overflows an 80-column terminal once indented. */
#define CODE_WIDTH 72

static void
wide_code(const struct story *st, diag_list *d)
{
	const char *p = st->body;
	int line = st->body_line;
	bool in_code = false;
	while (*p) {
		size_t n = strcspn(p, "\n");
		int w = in_code ? text_width(p, n) : 0;
		if (n >= 3 &&
		    (strncmp(p, "```", 3) == 0 || strncmp(p, "~~~", 3) == 0))
			in_code = !in_code;
		else if (w > CODE_WIDTH)
			diag_add(d, DIAG_WARNING, 0, st->file, line, 1,
			    "code line of %d columns: expected at most %d, "
			    "so it fits an 80-column terminal",
			    w, CODE_WIDTH);
		p += n + (p[n] == '\n');
		line++;
	}
}

/* Where a Markdown text sits, for the renderer's findings: a card body
 * maps its lines onto the file's; a YAML text points at its node. */
struct lint_at {
	diag_list *d;
	const char *file, *what;
	int line, col;
	bool body;
};

static void
lint_found(void *ctx, int line, int col, const char *msg)
{
	const struct lint_at *a = ctx;
	if (a->body)
		diag_add(a->d, DIAG_WARNING, 0, a->file, a->line + line - 1,
		    col, "%s", msg);
	else
		diag_add(a->d, DIAG_WARNING, 0, a->file, a->line, a->col,
		    "%s: %s", a->what, msg);
}

static void
lint_text(struct lint_at *a, const char *what, const char *md)
{
	if (!md)
		return;
	a->what = what;
	size_t len = strlen(md), at = utf8_find_bidi(md, len);
	if (at < len) { /* the first only: one is enough to look */
		unsigned cp = 0;
		int line, col;
		utf8_decode(md + at, len - at, &cp);
		text_position(md, at, &line, &col);
		char msg[160];
		snprintf(msg, sizeof msg,
		    "bidirectional control U+%04X (shown "
		    "as <U+%04X>): it can make text read in another order "
		    "than it is stored",
		    cp, cp);
		lint_found(a, line, col, msg);
	}
	render_lint(md, len, lint_found, a);
}

/* What the renderer would not show as written, in every Markdown text. */
static void
markdown_checks(const struct guide *g, diag_list *d)
{
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		struct lint_at a = {d, n->file, NULL, n->line, n->col, false};
		lint_text(&a, "node title", n->title);
		lint_text(&a, "pain point", n->pain);
		for (size_t k = 0; k < n->nparts; k++) {
			const struct text_part *tp = &n->parts[k];
			struct lint_at pa = {d, n->file, NULL,
			    tp->line ? tp->line : n->line,
			    tp->line ? tp->col : n->col, false};
			lint_text(&pa, "node text", tp->text);
			lint_text(&pa, "node text", tp->otherwise);
		}
		if (!n->nparts)
			lint_text(&a, "node text", n->text);
		for (int ch = 0; ch < CH_COUNT; ch++)
			lint_text(&a, "node aside", guide_node_aside(n, ch));
		for (size_t c = 0; c < n->nchoices; c++) {
			struct lint_at ca = {d, n->file, NULL,
			    n->choices[c].line, n->choices[c].col, false};
			lint_text(&ca, "choice text", n->choices[c].text);
		}
		for (size_t k = 0; k < n->nlinks; k++)
			lint_text(&a, "link title", n->links[k].title);
		for (size_t k = 0; k < n->nwanted; k++)
			lint_text(&a, "link title", n->wanted[k].title);
	}
	for (size_t i = 0; i < g->nstages; i++) {
		const struct stage *st = g->stages[i];
		struct lint_at a = {d, st->file, NULL, st->line, st->col,
		    false};
		lint_text(&a, "stage title", st->title);
	}
	for (size_t i = 0; i < g->npaths; i++) {
		const struct path *p = g->paths[i];
		struct lint_at a = {d, p->file, NULL, 1, 1, false};
		lint_text(&a, "path title", p->title);
		lint_text(&a, "path summary", p->summary);
	}
	for (size_t i = 0; i < g->nstories; i++) {
		const struct story *st = g->stories[i];
		struct lint_at f = {d, st->file, NULL, st->line, st->col,
		    false};
		lint_text(&f, "card title", st->title);
		lint_text(&f, "card summary", st->summary);
		for (size_t k = 0; k < st->nmorals; k++)
			lint_text(&f, "card moral", st->morals[k]);
		for (size_t k = 0; k < st->nquestions; k++)
			lint_text(&f, "card question", st->questions[k]);
		struct lint_at a = {d, st->file, NULL, st->body_line, 1, true};
		lint_text(&a, "card body", st->body);
	}
}

static void
static_checks(const struct guide *g, diag_list *d)
{
	struct flag_use *u = xcalloc(g->nflags + 1, sizeof *u);
	bool *surfaced = xcalloc(g->nstories + 1, sizeof *surfaced);
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		for (size_t s = 0; s < n->nstories; s++)
			surfaced[n->stories[s]->index] = true;
		for (size_t t = 0; t < n->nparts; t++)
			note_tests(n->parts[t].when, n->file, u);
		for (size_t c = 0; c < n->nchoices; c++) {
			const struct choice *ch = &n->choices[c];
			const struct effect *e = ch->effect;
			for (size_t k = 0; k < e->nset; k++)
				if (!u[e->set[k]].set_line) {
					u[e->set[k]].set_line = ch->line;
					u[e->set[k]].set_col = ch->col;
					u[e->set[k]].set_file = n->file;
				}
			note_tests(ch->when, n->file, u);
			for (size_t k = 0; k < c; k++)
				if (strcmp(n->choices[k].text, ch->text) == 0)
					diag_add(d, DIAG_WARNING, 0, n->file,
					    ch->line, ch->col,
					    "choice text "
					    "'%s' appears twice in node '%s' "
					    "(first at line %d)",
					    ch->text, n->id,
					    n->choices[k].line);
		}
	}
	for (size_t i = 0; i < g->nstages; i++)
		for (size_t s = 0; s < g->stages[i]->nfuture; s++)
			surfaced[g->stages[i]->future[s]->index] = true;
	for (size_t f = 0; f < g->nflags; f++) {
		if (u[f].set_line && !u[f].test_line)
			diag_add(d, DIAG_WARNING, 0, u[f].set_file,
			    u[f].set_line, u[f].set_col,
			    "flag '%s' is set but never tested "
			    "by a condition",
			    g->flags[f]);
		if (u[f].test_line && !u[f].set_line)
			diag_add(d, DIAG_WARNING, 0, u[f].test_file,
			    u[f].test_line, u[f].test_col,
			    "flag '%s' is "
			    "tested but no choice ever sets it",
			    g->flags[f]);
	}
	for (size_t s = 0; s < g->nstories; s++)
		wide_code(g->stories[s], d);
	markdown_checks(g, d);
	for (size_t s = 0; s < g->nstories; s++)
		if (!surfaced[s])
			diag_add(d, DIAG_WARNING, 0, g->stories[s]->file,
			    g->stories[s]->line, g->stories[s]->col,
			    "story "
			    "'%s' is not surfaced by any node or stage",
			    g->stories[s]->id);
	free(u);
	free(surfaced);
}

/* xorshift64*: small, seeded, repeatable everywhere. */
static uint64_t
rnd(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545F4914F6CDD1DULL;
}

static void
random_walks(const struct guide *g, const struct check_opts *o, bool *node_hit,
    struct check_result *r)
{
	uint64_t x = o->seed * 0x9E3779B97F4A7C15ULL + 1;
	size_t limit = g->nnodes * 4 + 100, total = 0;
	const struct choice **offered = xcalloc(1, sizeof *offered);
	size_t cap = 0;
	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i]->nchoices > cap)
			cap = g->nodes[i]->nchoices;
	offered = xrealloc(offered, (cap + 1) * sizeof *offered);
	for (size_t p = 0; p < g->npaths && o->walks; p++) {
		struct walk *w = walk_new(g, g->paths[p]);
		unsigned long share =
		    o->walks / g->npaths + (p < o->walks % g->npaths);
		for (unsigned long k = 0; k < share; k++) {
			walk_restart(w);
			size_t len = 0;
			node_hit[walk_node(w)->index] = true;
			while (!walk_node(w)->ending && len < limit) {
				size_t n = walk_offered(w, offered, cap);
				if (!n)
					break;
				walk_take(w, rnd(&x) % n);
				node_hit[walk_node(w)->index] = true;
				len++;
			}
			r->walks_ended += walk_node(w)->ending;
			total += len;
			if (len > r->max_len)
				r->max_len = len;
		}
		walk_free(w);
	}
	free(offered);
	r->avg_len = o->walks ? (double)total / (double)o->walks : 0;
}

/*
 * The decision census (docs/FORMAT.md): a choice is a decision when, in
 * some reachable state, it is offered beside another choice and taking it
 * leaves a different outcome the text tells: a flag that a text part
 * tests, or the character played, ends up otherwise than after that other
 * choice.  A flag is told when some text part's condition tests it.
 */
static void
census(const struct search *S, FILE *report)
{
	const struct guide *g = S->g;
	size_t all = 0, real = 0;
	for (size_t p = 0; p < g->npaths; p++) {
		const struct path *pa = g->paths[p];
		size_t m = 0, k = 0;
		for (size_t i = 0; i < pa->nnodes; i++) {
			const struct node *n = pa->nodes[i];
			m += n->nchoices;
			for (size_t c = 0; c < n->nchoices; c++)
				k += S->decision[S->choice_base[n->index] + c];
		}
		/* a reading path: one way on from every stop, by design */
		bool reading = m > 0;
		for (size_t i = 0; i < pa->nnodes && reading; i++)
			reading = pa->nodes[i]->nchoices <= 1;
		if (reading) {
			fprintf(report,
			    "decisions in %s: none, a reading path (one way on "
			    "from each stop; its %zu choices are not "
			    "counted)\n",
			    pa->id, m);
			continue;
		}
		all += m;
		real += k;
		fprintf(report,
		    "decisions in %s: %zu of %zu choices (%.1f%%)\n", pa->id, k,
		    m, m ? 100.0 * (double)k / (double)m : 0.0);
	}
	fprintf(report,
	    "decisions: %zu of %zu choices (%.1f%%) lead to an "
	    "outcome the text tells%s\n",
	    real, all, all ? 100.0 * (double)real / (double)all : 0.0,
	    S->truncated ? " (at least: the state search stopped)" : "");
	size_t set = 0, told = 0;
	bool *is_set = xcalloc(g->nflags + 1, sizeof *is_set);
	for (size_t i = 0; i < g->nnodes; i++)
		for (size_t c = 0; c < g->nodes[i]->nchoices; c++)
			for (size_t k = 0;
			     k < g->nodes[i]->choices[c].effect->nset; k++)
				is_set[g->nodes[i]->choices[c].effect->set[k]] =
				    true;
	strbuf silent = {0};
	for (size_t f = 0; f < g->nflags; f++) {
		if (!is_set[f])
			continue;
		set++;
		if (S->told[f])
			told++;
		else
			sb_printf(&silent, " %s", g->flags[f]);
	}
	fprintf(report, "flags shown in text: %zu of %zu%s%s\n", told, set,
	    silent.len ? "; not shown:" : "", silent.len ? silent.s : "");
	sb_free(&silent);
	free(is_set);
}

/* Sets up the search over g: tracked visits, flattened choice and part
 * indexes, the empty visit set.  Returns the number of choices. */
static size_t
search_init(struct search *S, const struct guide *g, size_t max_states)
{
	*S = (struct search){.g = g, .nflags = g->nflags, .max = max_states};
	S->track = xmalloc((g->nnodes + 1) * sizeof *S->track);
	memset(S->track, -1, (g->nnodes + 1) * sizeof *S->track);
	S->choice_base = xcalloc(g->nnodes + 1, sizeof *S->choice_base);
	S->part_base = xcalloc(g->nnodes + 1, sizeof *S->part_base);
	S->told = xcalloc(g->nflags + 1, sizeof *S->told);
	size_t nchoices = 0, nparts = 0;
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		S->choice_base[i] = nchoices;
		nchoices += n->nchoices;
		for (size_t c = 0; c < n->nchoices; c++)
			track_cond(S, n->choices[c].when);
		S->part_base[i] = nparts;
		nparts += n->nparts;
		for (size_t t = 0; t < n->nparts; t++) {
			track_cond(S, n->parts[t].when);
			mark_told(S->told, n->parts[t].when);
		}
	}
	S->words = 1 + (S->nflags + 3 + 63) / 64;
	static const uint32_t nothing[1];
	vset_intern(S, nothing, 0); /* set 0: nothing visited */
	S->reached = xcalloc(g->nnodes + 1, sizeof *S->reached);
	S->cond_true = xcalloc(nchoices + 1, sizeof *S->cond_true);
	S->decision = xcalloc(nchoices + 1, sizeof *S->decision);
	S->part_seen = xcalloc(nparts + 1, sizeof *S->part_seen);
	S->dead = xcalloc(g->nnodes + 1, sizeof *S->dead);
	return nchoices;
}

static void
search_free(struct search *S)
{
	free(S->track);
	free(S->choice_base);
	free(S->store);
	free(S->set);
	free(S->reached);
	free(S->cond_true);
	free(S->decision);
	free(S->part_seen);
	free(S->part_base);
	free(S->told);
	free(S->dead);
	free(S->vbits);
	free(S->voff);
	free(S->vlen);
	free(S->vindex);
	free(S->scratch);
}

/* Errors for node i: unreachable (loose: even ignoring conditions), or a
 * dead end (no choices, or none offered in some reachable state). */
static void
node_errors(const struct search *S, const bool *loose, size_t i, bool complete,
    diag_list *d)
{
	const struct node *n = S->g->nodes[i];
	if (!loose[i])
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->file, n->line, n->col,
		    "node '%s' cannot be reached: no choice from a path's "
		    "start leads to it",
		    n->id);
	else if (!S->reached[i] && complete)
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->file, n->line, n->col,
		    "node '%s' cannot be reached: the conditions on the "
		    "choices leading to it never hold",
		    n->id);
	if (!loose[i])
		return;
	if (n->nchoices == 0 && !n->ending) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->file, n->line, n->col,
		    "node '%s' is a dead end: it has no choices and is not "
		    "marked 'ending: true'",
		    n->id);
	} else if (S->dead[i]) {
		char *why = describe(S, S->store + (S->dead[i] - 1) * S->words);
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->file, n->line, n->col,
		    "node '%s' is a dead end: it is not an ending and offers "
		    "no choice when reached with %s",
		    n->id, why);
		free(why);
	}
}

/* Warnings for reached node i: conditions on its choices that never hold,
 * conditions on its text parts that always or never hold. */
static void
condition_warnings(const struct search *S, size_t i, diag_list *d)
{
	const struct node *n = S->g->nodes[i];
	for (size_t c = 0; c < n->nchoices; c++)
		if (n->choices[c].when && !S->cond_true[S->choice_base[i] + c])
			diag_add(d, DIAG_WARNING, 0, n->file,
			    n->choices[c].when_line, n->choices[c].when_col,
			    "the condition on choice '%s' can never be true",
			    n->choices[c].text);
	for (size_t t = 0; t < n->nparts; t++) {
		const struct text_part *tp = &n->parts[t];
		unsigned seen = S->part_seen[S->part_base[i] + t];
		if (tp->when && seen == 1)
			diag_add(d, DIAG_WARNING, 0, n->file, tp->when_line,
			    tp->when_col,
			    "the condition on part %zu of the "
			    "text of node '%s' always holds: drop the "
			    "condition",
			    t + 1, n->id);
		else if (tp->when && seen == 2)
			diag_add(d, DIAG_WARNING, 0, n->file, tp->when_line,
			    tp->when_col,
			    "the condition on part %zu of the "
			    "text of node '%s' can never be true",
			    t + 1, n->id);
	}
}

/* What the state search proved, as diagnostics. */
static void
search_diagnostics(const struct search *S, bool complete, diag_list *d)
{
	const struct guide *g = S->g;
	bool *loose = reach_ignoring_conditions(g);
	for (size_t i = 0; i < g->nnodes; i++) {
		node_errors(S, loose, i, complete, d);
		if (loose[i] && complete && S->reached[i])
			condition_warnings(S, i, d);
	}
	free(loose);
}

/* Plays the random walks; fills r's coverage figures and hit (by node)
 * and story_hit (by story). */
static void
coverage(const struct guide *g, const struct check_opts *o,
    struct check_result *r, bool *hit, bool *story_hit)
{
	random_walks(g, o, hit, r);
	for (size_t i = 0; i < g->nnodes; i++) {
		r->nodes_reached += hit[i];
		for (size_t s = 0; hit[i] && s < g->nodes[i]->nstories; s++)
			story_hit[g->nodes[i]->stories[s]->index] = true;
	}
	for (size_t s = 0; s < g->nstories; s++)
		r->stories_reached += story_hit[s];
}

static void
print_coverage(const struct guide *g, const struct check_opts *o,
    const struct check_result *r, const bool *hit, const bool *story_hit,
    FILE *report)
{
	fprintf(report,
	    "random walks: %lu (seed %lu), %zu reached an "
	    "ending\n",
	    o->walks, o->seed, r->walks_ended);
	fprintf(report, "node coverage: %zu/%zu (%.1f%%)\n", r->nodes_reached,
	    g->nnodes, 100.0 * (double)r->nodes_reached / (double)g->nnodes);
	fprintf(report, "story coverage: %zu/%zu (%.1f%%)\n",
	    r->stories_reached, g->nstories,
	    g->nstories
	        ? 100.0 * (double)r->stories_reached / (double)g->nstories
	        : 100.0);
	fprintf(report, "walk length: average %.1f, longest %zu choices\n",
	    r->avg_len, r->max_len);
	size_t shown = 0;
	for (size_t i = 0; i < g->nnodes; i++)
		if (!hit[i] && shown++ < 50)
			fprintf(report, "node never reached: %s\n",
			    g->nodes[i]->id);
	shown = 0;
	for (size_t s = 0; s < g->nstories; s++)
		if (!story_hit[s] && shown++ < 50)
			fprintf(report, "story never reached: %s\n",
			    g->stories[s]->id);
}

struct check_result
check_guide(const struct guide *g, const struct check_opts *o, diag_list *d,
    FILE *report)
{
	struct check_result r = {0};
	struct search S;
	size_t nchoices = search_init(&S, g, o->max_states);
	explore(&S);
	r.states = S.n;
	r.complete = !S.truncated;
	search_diagnostics(&S, r.complete, d);
	static_checks(g, d);
	bool *hit = xcalloc(g->nnodes + 1, sizeof *hit);
	bool *story_hit = xcalloc(g->nstories + 1, sizeof *story_hit);
	coverage(g, o, &r, hit, story_hit);
	if (report) {
		fprintf(report,
		    "check: %zu paths, %zu stages, %zu nodes, "
		    "%zu choices, %zu flags, %zu stories\n",
		    g->npaths, g->nstages, g->nnodes, nchoices, g->nflags,
		    g->nstories);
		fprintf(report, "state search: %zu states, %s\n", r.states,
		    r.complete ? "complete"
		               : "stopped at the limit; "
		                 "reachability through conditions not proven");
		census(&S, report);
		if (o->walks)
			print_coverage(g, o, &r, hit, story_hit, report);
	}
	free(hit);
	free(story_hit);
	search_free(&S);
	return r;
}
