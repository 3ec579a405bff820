/*
 * check: see include/check.h.  The state search packs a state into as few
 * 64-bit words as its fields need (node index, interned visit-set id,
 * flags, character), keeps the states in one array in the order found,
 * which is also the breadth-first queue, and dedups them with an open-
 * addressing set of indices: power-of-two capacity, at most half full, a
 * mixing hash.  States are expanded a batch at a time: the successors of
 * the batch are computed first, their set slots and the states those name
 * are fetched, then they are added in order, so the search visits exactly
 * the states, in exactly the order, of one state at a time.
 */
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XXH_INLINE_ALL /* the hot loops hash a few words */
#include <xxhash.h>

#include "render.h"
#include "route.h"
#include "util.h"
#include "walk.h"

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Successors computed per batch (more when one state offers more), and
 * how many states ahead their choices (and, when the set grows, their
 * new slots) are fetched. */
#define BATCH 512
#define AHEAD 16

/* What the search reads of a choice, flattened in node order so that a
 * state's choices sit together, away from the rest of the guide. */
struct sch {
	const struct cond *when;
	const struct effect *effect;
	uint32_t to; /* node index */
	int32_t track; /* to's tracked visit number, or -1 */
	int32_t ctrack; /* the choice's own tracked number, or -1 */
};

/* What the search reads of a node: where its choices and text parts
 * start in the flattened arrays (they end where the next node's start). */
struct snode {
	uint32_t choice, part;
	bool ending;
};

struct space {
	const struct guide *g;
	size_t words; /* 64-bit words a state takes */
	unsigned nbits, vbits; /* bits of the node index, of the visit set */
	size_t fbit, cbit; /* first flag bit, first of 3 character bits */
	size_t nflags, ntracked;
	/* Nodes a condition asks about (visited) and choices one asks
	 * about (took) are tracked: each has a number in the visit set. */
	int32_t *track; /* node index -> tracked number, or -1 */
	int32_t *ctrack; /* choice index -> tracked number, or -1 */
	/* The tracked nodes and choices by address (value: tracked number
	 * + 1), for conditions, which name them: a small table rather than a
	 * read of each. */
	pmap *ptrack;
	/* Visit sets, interned: set k is the sorted numbers
	 * vdata[voff[k] .. voff[k] + vlen[k]); set 0 is empty. */
	uint32_t *vdata, *voff, *vlen;
	size_t nvbits, capvbits, nvsets, capvoff, capvlen;
	uint32_t *vindex; /* open-addressing set of set ids + 1 */
	size_t capvindex;
	uint32_t *scratch; /* the set being built by vset_add */
	size_t capscratch;
	uint64_t *store; /* states, words each, in the order found */
	size_t n, cap, max;
	uint32_t *set; /* slots: tag << ibits | state index + 1; 0 is empty */
	size_t setcap;
	unsigned ibits; /* bits of an index + 1; the rest are hash bits */
	bool truncated;
	volatile uint64_t sink; /* the sum of what prefetch_batch loads */
	/* The batch: successors' states, hashes and choices; by state of the
	 * batch, how many successors. */
	uint64_t *bkey, *bhash;
	uint32_t *bchoice, *bcount;
	size_t capbkey, capbhash, capbchoice, capbcount;
	bool *reached; /* by node */
	bool *cond_true; /* by choice, flattened */
	size_t *choice_base; /* by node: first flattened choice index */
	struct sch *sch; /* by choice, flattened */
	const struct cond **pwhen; /* by part, flattened */
	struct snode *sn; /* by node, and one past the last */
	unsigned char *part_seen; /* by part, flattened: 1 true, 2 false */
	size_t *part_base; /* by node: first flattened part index */
	bool *told; /* by flag: some text part tests it */
	bool *decision; /* by choice, flattened: see state_commit */
	unsigned char *kind; /* by choice: enum choice_kind */
	size_t *dead; /* by node: state index + 1 of a dead end */
	/* --variants: how each state was first reached, the nodes whose
	 * renderings are wanted, what was found (see variants_report). */
	bool variants;
	uint32_t *parent, *pchoice; /* by state; UINT32_MAX: a start */
	size_t cap_parent, cap_pchoice;
	bool *want; /* by node */
	struct tvar {
		uint32_t node;
		size_t state;
	} * tvars;
	size_t ntvars, cap_tvars;
	bmap *tvkey;
	size_t *first_take; /* by choice: state index + 1 it is first
	                       taken from (0: never) */
};

/* The w-bit field (w <= 32) at bit off of state s. */
static uint64_t
field(const uint64_t *s, size_t off, unsigned w)
{
	size_t i = off / 64;
	unsigned sh = off % 64;
	uint64_t v = s[i] >> sh;
	if (sh + w > 64)
		v |= s[i + 1] << (64 - sh);
	return v & ((1ULL << w) - 1);
}

static void
set_field(uint64_t *s, size_t off, unsigned w, uint64_t v)
{
	size_t i = off / 64;
	unsigned sh = off % 64;
	uint64_t m = (1ULL << w) - 1;
	v &= m;
	s[i] = (s[i] & ~(m << sh)) | v << sh;
	if (sh + w > 64)
		s[i + 1] = (s[i + 1] & ~(m >> (64 - sh))) | v >> (64 - sh);
}

static size_t
state_node(const struct space *S, const uint64_t *s)
{
	return (size_t)field(s, 0, S->nbits);
}

static uint32_t
state_vset(const struct space *S, const uint64_t *s)
{
	return (uint32_t)field(s, S->nbits, S->vbits);
}

static bool
bit(const struct space *S, const uint64_t *s, size_t f)
{
	size_t b = S->fbit + f;
	return (s[b / 64] >> (b % 64)) & 1;
}

static void
setbit(const struct space *S, uint64_t *s, size_t f, bool v)
{
	size_t b = S->fbit + f;
	if (v)
		s[b / 64] |= 1ULL << (b % 64);
	else
		s[b / 64] &= ~(1ULL << (b % 64));
}

static int
state_char(const struct space *S, const uint64_t *s)
{
	return (int)field(s, S->cbit, 3);
}

struct env_ctx {
	const struct space *S;
	const uint64_t *s;
};

static bool
env_flag(const void *ctx, size_t f)
{
	const struct env_ctx *c = ctx;
	return bit(c->S, c->s, f);
}

static bool
vset_has(const struct space *S, uint32_t set, uint32_t v)
{
	const uint32_t *b = S->vdata + S->voff[set];
	for (uint32_t i = 0; i < S->vlen[set] && b[i] <= v; i++)
		if (b[i] == v)
			return true;
	return false;
}

static uint64_t
vset_hash(const uint32_t *b, uint32_t n)
{
	return XXH3_64bits(b, n * sizeof *b);
}

/* Interns the set of sorted numbers b[0..n); returns its id. */
static uint32_t
vset_intern(struct space *S, const uint32_t *b, uint32_t n)
{
	if ((S->nvsets + 1) * 2 > S->capvindex) {
		size_t nc = S->capvindex ? S->capvindex * 2 : 256;
		uint32_t *ni = xcalloc(nc, sizeof *ni);
		for (size_t k = 0; k < S->nvsets; k++) {
			size_t j =
			    vset_hash(S->vdata + S->voff[k], S->vlen[k]) &
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
		    memcmp(S->vdata + S->voff[k], b, n * sizeof *b) == 0)
			return k;
		j = (j + 1) & (S->capvindex - 1);
	}
	vec_reserve(&S->voff, &S->capvoff, S->nvsets + 1, sizeof *S->voff);
	vec_reserve(&S->vlen, &S->capvlen, S->nvsets + 1, sizeof *S->vlen);
	vec_reserve(&S->vdata, &S->capvbits, S->nvbits + n + 1,
	    sizeof *S->vdata);
	if (n)
		memcpy(S->vdata + S->nvbits, b, n * sizeof *b);
	S->voff[S->nvsets] = (uint32_t)S->nvbits;
	S->vlen[S->nvsets] = n;
	S->nvbits += n;
	S->vindex[j] = (uint32_t)++S->nvsets;
	return (uint32_t)S->nvsets - 1;
}

/* The id of set ∪ {v}. */
static uint32_t
vset_add(struct space *S, uint32_t set, uint32_t v)
{
	if (vset_has(S, set, v))
		return set;
	uint32_t n = S->vlen[set], k = 0;
	vec_reserve(&S->scratch, &S->capscratch, (size_t)n + 1,
	    sizeof *S->scratch);
	uint32_t *tmp = S->scratch;
	const uint32_t *b = S->vdata + S->voff[set];
	for (uint32_t i = 0; i < n; i++) {
		if (k == i && b[i] > v)
			tmp[k++] = v;
		tmp[k++] = b[i];
	}
	if (k == n)
		tmp[k++] = v;
	return vset_intern(S, tmp, k);
}

/* The tracked number of node or choice n, or -1. */
static int32_t
tracked(const struct space *S, const void *n)
{
	return (int32_t)(intptr_t)pmap_get(S->ptrack, n) - 1;
}

static bool
env_visited(const void *ctx, const struct node *n)
{
	const struct env_ctx *c = ctx;
	int32_t t = tracked(c->S, n);
	return t >= 0 && vset_has(c->S, state_vset(c->S, c->s), (uint32_t)t);
}

static bool
env_took(const void *ctx, const struct choice *ch)
{
	const struct env_ctx *c = ctx;
	int32_t t = tracked(c->S, ch);
	return t >= 0 && vset_has(c->S, state_vset(c->S, c->s), (uint32_t)t);
}

static uint64_t
hash_state(const uint64_t *s, size_t words)
{
	return XXH3_64bits(s, words * sizeof *s);
}

/* The slot of state i, of hash h: the index in the low ibits, high bits
 * of the hash above it, so that most slots of other states are passed by
 * without reading their state. */
static uint32_t
slot(const struct space *S, uint64_t h, size_t i)
{
	return S->ibits < 32
	    ? (uint32_t)(h >> 32) << S->ibits | (uint32_t)(i + 1)
	    : (uint32_t)(i + 1);
}

/* The state a slot names, when the slot's hash bits are those of h. */
static const uint64_t *
slot_state(const struct space *S, uint32_t e, uint64_t h)
{
	if (S->ibits < 32 && (e ^ slot(S, h, 0)) >> S->ibits)
		return NULL;
	uint32_t i = S->ibits < 32 ? e & ((1u << S->ibits) - 1) : e;
	return S->store + (size_t)(i - 1) * S->words;
}

/* Makes room in the set for more states: doubles it (at most half full)
 * and puts every state back from the store, in order; the old set goes
 * first, so the two are never held at once. */
static void
set_reserve(struct space *S, size_t more)
{
	if ((S->n + more) * 2 <= S->setcap)
		return;
	size_t nc = S->setcap ? S->setcap : 1024;
	while ((S->n + more) * 2 > nc)
		nc *= 2;
	free(S->set);
	S->set = xcalloc(nc, sizeof *S->set);
	S->setcap = nc;
	uint64_t ring[AHEAD]; /* hashes of the states ahead */
	for (size_t i = 0; i < AHEAD && i < S->n; i++)
		ring[i] = hash_state(S->store + i * S->words, S->words);
	for (size_t i = 0; i < S->n; i++) {
		uint64_t h = ring[i % AHEAD];
		if (i + AHEAD < S->n) {
			uint64_t a =
			    hash_state(S->store + (i + AHEAD) * S->words,
			        S->words);
			PREFETCH(S->set + (a & (nc - 1)));
			ring[i % AHEAD] = a;
		}
		size_t j = h & (nc - 1);
		while (S->set[j])
			j = (j + 1) & (nc - 1);
		S->set[j] = slot(S, h, i);
	}
}

static bool
same_state(const uint64_t *a, const uint64_t *b, size_t words)
{
	for (size_t k = 0; k < words; k++)
		if (a[k] != b[k])
			return false;
	return true;
}

/* Adds state s of hash h if new (the set has room: set_reserve),
 * reached from state from by choice c (UINT32_MAX: a start); false when
 * the limit stops the search. */
static bool
add_state(struct space *S, const uint64_t *s, uint64_t h, size_t from,
    uint32_t c)
{
	size_t mask = S->setcap - 1, j = h & mask;
	for (uint32_t e; (e = S->set[j]) != 0; j = (j + 1) & mask) {
		const uint64_t *x = slot_state(S, e, h);
		if (x && same_state(x, s, S->words))
			return true;
	}
	if (S->n == S->max) {
		S->truncated = true;
		return false;
	}
	vec_reserve(&S->store, &S->cap, (S->n + 1) * S->words,
	    sizeof *S->store);
	memcpy(S->store + S->n * S->words, s, S->words * sizeof *s);
	if (S->variants) {
		vec_reserve(&S->parent, &S->cap_parent, S->n + 1,
		    sizeof *S->parent);
		vec_reserve(&S->pchoice, &S->cap_pchoice, S->n + 1,
		    sizeof *S->pchoice);
		S->parent[S->n] = (uint32_t)from;
		S->pchoice[S->n] = c;
	}
	S->set[j] = slot(S, h, S->n++);
	S->reached[state_node(S, s)] = true;
	return true;
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

/* Marks every node a condition names in visited/unvisited, and every
 * choice it names in took/not_took, as tracked. */
static void
track_cond(struct space *S, const struct cond *c)
{
	if (!c)
		return;
	for (int pass = 0; pass < 2; pass++) {
		struct choice *const *v = pass ? c->not_took : c->took;
		for (size_t i = 0; i < (pass ? c->nnot_took : c->ntook); i++)
			if (S->ctrack[v[i]->index] < 0)
				S->ctrack[v[i]->index] = (int32_t)S->ntracked++;
	}
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

/* A detour region is at most this many nodes: a larger one is part of
 * the walk, not an aside (and the search for it stays small). */
#define DETOUR_MAX 64

/*
 * Whether choice c of node n is a detour: every way on from its target,
 * conditions aside, comes back to n, through at most DETOUR_MAX nodes, no
 * ending and no choice with an effect (a loop that sets flags, such as
 * measuring again after a wrong diagnosis, is part of the walk).  When it is,
 * marks the nodes of the region in inside.  seen and queue are scratch of
 * nnodes entries, seen all false on entry and on return.
 */
static bool
detour(const struct guide *g, const struct node *n, const struct choice *c,
    bool *seen, uint32_t *queue, bool *inside)
{
	size_t len = 0, head = 0;
	bool ok = c->to != n, back = false;
	if (ok) {
		seen[c->to->index] = true;
		queue[len++] = c->to->index;
	}
	while (ok && head < len) {
		const struct node *m = g->nodes[queue[head++]];
		ok = !m->ending;
		for (size_t k = 0; k < m->nchoices && ok; k++) {
			const struct node *t = m->choices[k].to;
			if (m->choices[k].effect != &guide_no_effect)
				ok = false; /* a loop that changes things */
			else if (t == n)
				back = true;
			else if (!seen[t->index] && (ok = len < DETOUR_MAX)) {
				seen[t->index] = true;
				queue[len++] = t->index;
			}
		}
	}
	ok = ok && back;
	for (size_t k = 0; k < len; k++) {
		seen[queue[k]] = false;
		if (ok)
			inside[queue[k]] = true;
	}
	return ok;
}

/* The kind of every choice (enum choice_kind), by index: as given with
 * `kind:`; else a character pick when it sets the character, a way back
 * when its node lies inside a detour, a detour (detour()), or else a
 * decision.  The result is the caller's to free. */
static unsigned char *
choice_kinds(const struct guide *g)
{
	unsigned char *kind = xcalloc(g->nchoices + 1, 1);
	bool *seen = xcalloc(g->nnodes + 1, sizeof *seen);
	bool *inside = xcalloc(g->nnodes + 1, sizeof *inside);
	uint32_t *queue = xcalloc(DETOUR_MAX + 1, sizeof *queue);
	for (size_t i = 0; i < g->nchoices; i++) {
		const struct choice *c = g->choices[i];
		if (!c->kind && c->effect->as < 0 &&
		    detour(g, c->node, c, seen, queue, inside))
			kind[i] = KIND_DETOUR;
	}
	for (size_t i = 0; i < g->nchoices; i++) {
		const struct choice *c = g->choices[i];
		if (c->kind)
			kind[i] = c->kind;
		else if (c->effect->as >= 0)
			kind[i] = KIND_CHARACTER;
		else if (inside[c->node->index])
			kind[i] = KIND_BACK;
		else if (!kind[i])
			kind[i] = KIND_DECISION;
	}
	free(seen);
	free(inside);
	free(queue);
	return kind;
}

/* Computes the successors of state i into the batch from position at:
 * one per choice offered, in order.  Returns how many. */
static size_t
successors(struct space *S, size_t i, size_t at, size_t b)
{
	const uint64_t *s = S->store + i * S->words;
	size_t node = state_node(S, s);
	struct env_ctx ctx = {S, s};
	struct cond_env env = {env_flag, env_visited, env_took,
	    state_char(S, s), &ctx};
	size_t k = 0, W = S->words;
	size_t first = S->sn[node].choice, end = S->sn[node + 1].choice;
	vec_reserve(&S->bkey, &S->capbkey, (at + end - first + 1) * W,
	    sizeof *S->bkey);
	vec_reserve(&S->bhash, &S->capbhash, at + end - first + 1,
	    sizeof *S->bhash);
	vec_reserve(&S->bchoice, &S->capbchoice, at + end - first + 1,
	    sizeof *S->bchoice);
	for (size_t c = first; c < end; c++) {
		const struct sch *ch = &S->sch[c];
		if (!cond_holds(ch->when, &env))
			continue;
		uint64_t *next = S->bkey + (at + k) * W;
		memcpy(next, s, W * sizeof *next);
		const struct effect *e = ch->effect;
		for (size_t f = 0; f < e->nset; f++)
			setbit(S, next, e->set[f], true);
		for (size_t f = 0; f < e->nclear; f++)
			setbit(S, next, e->clear[f], false);
		if (e->as >= 0)
			set_field(next, S->cbit, 3, (uint64_t)e->as);
		uint32_t set = state_vset(S, s);
		if (ch->track >= 0)
			set = vset_add(S, set, (uint32_t)ch->track);
		if (ch->ctrack >= 0)
			set = vset_add(S, set, (uint32_t)ch->ctrack);
		set_field(next, 0, S->nbits, ch->to);
		set_field(next, S->nbits, S->vbits, set);
		S->bhash[at + k] = hash_state(next, W);
		S->bchoice[at + k] = (uint32_t)c;
		k++;
	}
	vec_reserve(&S->bcount, &S->capbcount, b + 1, sizeof *S->bcount);
	S->bcount[b] = (uint32_t)k;
	return k;
}

/* Loads the set slots of the batch's successors, then the states their
 * slots name, before the batch is added, so that the misses overlap:
 * loads rather than prefetch hints, which the processor may drop. */
static void
prefetch_batch(struct space *S, size_t total)
{
	size_t mask = S->setcap - 1;
	uint64_t sum = 0;
	for (size_t j = 0; j < total; j++)
		sum += S->set[S->bhash[j] & mask];
	for (size_t j = 0; j < total; j++) {
		uint32_t e = S->set[S->bhash[j] & mask];
		const uint64_t *x = e ? slot_state(S, e, S->bhash[j]) : NULL;
		if (x)
			sum += x[0];
	}
	S->sink += sum;
}

/* For --variants: notes state i at node if the parts it shows are a
 * combination not met before at that node (the first such state is the
 * one the shortest walk reaches: states are found breadth first). */
static void
note_text(struct space *S, size_t node, size_t i, const struct cond_env *env)
{
	size_t first = S->sn[node].part, end = S->sn[node + 1].part;
	unsigned char *key = xmalloc(end - first + 4);
	memcpy(key, &(uint32_t){(uint32_t)node}, 4);
	for (size_t t = first; t < end; t++)
		key[4 + t - first] =
		    (unsigned char)cond_holds(S->pwhen[t], env);
	if (!bmap_get(S->tvkey, key, end - first + 4)) {
		VEC_PUSH(S->tvars, S->ntvars, S->cap_tvars,
		    ((struct tvar){(uint32_t)node, i}));
		bmap_put(S->tvkey, key, end - first + 4, (void *)(uintptr_t)1);
	}
	free(key);
}

/*
 * What state i shows and leads to, in order, from its successors at
 * position *at of the batch: which text parts hold, which choices are
 * decisions (offered beside another choice whose outcome the text tells
 * differs: then every choice offered is one), which conditions held, the
 * new states, a dead end.  False when the limit stops the search.
 */
static bool
state_commit(struct space *S, size_t i, size_t b, size_t *at)
{
	const uint64_t *s = S->store + i * S->words;
	size_t node = state_node(S, s);
	struct env_ctx ctx = {S, s};
	struct cond_env env = {env_flag, env_visited, env_took,
	    state_char(S, s), &ctx};
	for (size_t t = S->sn[node].part; t < S->sn[node + 1].part; t++)
		S->part_seen[t] |= cond_holds(S->pwhen[t], &env) ? 1 : 2;
	if (S->variants && S->want[node])
		note_text(S, node, i, &env);
	size_t k = S->bcount[b];
	for (size_t j = *at; j < *at + k && k >= 2; j++) {
		uint32_t c = S->bchoice[j];
		if (S->decision[c] || S->kind[c] != KIND_DECISION)
			continue;
		for (size_t l = *at; l < *at + k; l++) {
			uint32_t o = S->bchoice[l];
			if (S->kind[o] == KIND_DECISION &&
			    (S->sch[o].effect != S->sch[c].effect ||
			        S->sch[o].to != S->sch[c].to)) {
				S->decision[c] = true;
				break;
			}
		}
	}
	for (size_t j = *at; j < *at + k; j++) {
		S->cond_true[S->bchoice[j]] = true;
		if (S->variants && !S->first_take[S->bchoice[j]])
			S->first_take[S->bchoice[j]] = i + 1;
		if (!add_state(S, S->bkey + j * S->words, S->bhash[j], i,
		        S->bchoice[j]))
			return false;
	}
	*at += k;
	if (!k && !S->sn[node].ending && !S->dead[node])
		S->dead[node] = i + 1;
	return true;
}

static void
explore(struct space *S)
{
	const struct guide *g = S->g;
	uint64_t *start = xcalloc(S->words, sizeof *start);
	for (size_t p = 0; p < g->npaths; p++) {
		memset(start, 0, S->words * sizeof *start);
		const struct node *st = g->paths[p]->start;
		uint32_t set = S->track[st->index] >= 0
		    ? vset_add(S, 0, (uint32_t)S->track[st->index])
		    : 0;
		set_field(start, 0, S->nbits, st->index);
		set_field(start, S->nbits, S->vbits, set);
		set_reserve(S, 1);
		add_state(S, start, hash_state(start, S->words), UINT32_MAX,
		    UINT32_MAX);
	}
	free(start);
	for (size_t lo = 0; lo < S->n && !S->truncated;) {
		size_t end = lo, total = 0;
		while (end < S->n && total < BATCH) {
			if (end + AHEAD < S->n)
				PREFETCH(S->sch +
				    S->sn[state_node(S,
				              S->store +
				                  (end + AHEAD) * S->words)]
				        .choice);
			total += successors(S, end, total, end - lo);
			end++;
		}
		set_reserve(S, total);
		prefetch_batch(S, total);
		size_t at = 0;
		for (size_t i = lo; i < end; i++)
			if (!state_commit(S, i, i - lo, &at))
				break;
		lo = end;
	}
}

/* Describes state s for a message: "flags a, b set; playing alan". */
static char *
describe(const struct space *S, const uint64_t *s)
{
	strbuf b = {0};
	size_t k = 0;
	for (size_t f = 0; f < S->nflags; f++)
		if (bit(S, s, f))
			sb_printf(&b, "%s%s", k++ ? ", " : "flags ",
			    S->g->flags[f]);
	if (!k)
		sb_puts(&b, "no flag");
	sb_printf(&b, " set, playing %s", character_name(state_char(S, s)));
	return sb_take(&b);
}

/* Reachability ignoring conditions, from every path's start, over the
 * search's flattened choices. */
static bool *
reach_ignoring_conditions(const struct space *S)
{
	const struct guide *g = S->g;
	bool *seen = xcalloc(g->nnodes + 1, sizeof *seen);
	size_t *stack = xmalloc((g->nnodes + 1) * sizeof *stack), top = 0;
	for (size_t p = 0; p < g->npaths; p++)
		if (!seen[g->paths[p]->start->index]) {
			seen[g->paths[p]->start->index] = true;
			stack[top++] = g->paths[p]->start->index;
		}
	while (top) {
		size_t i = stack[--top];
		for (size_t c = S->sn[i].choice; c < S->sn[i + 1].choice; c++)
			if (!seen[S->sch[c].to]) {
				seen[S->sch[c].to] = true;
				stack[top++] = S->sch[c].to;
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
		struct lint_at a = {d, n->path->file, NULL, n->line, n->col,
		    false};
		lint_text(&a, "node title", n->title);
		lint_text(&a, "pain point", n->pain);
		for (size_t k = 0; k < n->nparts; k++) {
			const struct text_part *tp = &n->parts[k];
			struct lint_at pa = {d, n->path->file, NULL,
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
			struct lint_at ca = {d, n->path->file, NULL,
			    n->choices[c].line, n->choices[c].col, false};
			lint_text(&ca, "choice text", n->choices[c].text);
		}
		for (size_t k = 0; k < n->more->nlinks; k++)
			lint_text(&a, "link title", n->more->links[k].title);
		for (size_t k = 0; k < n->more->nwanted; k++)
			lint_text(&a, "link title", n->more->wanted[k].title);
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

/* Room to find repeated choice texts: prev[c] is the index + 1 of the
 * choice before c with the same text (0: none); chain is room to list
 * them. */
struct text_table {
	uint32_t *prev, *chain;
	size_t capprev, capchain;
};

/* Warns of each choice whose text an earlier choice of n has, once for
 * each earlier one, in order: one pass with a map from each text to the
 * last choice that had it. */
static void
repeated_texts(const struct node *n, struct text_table *t, diag_list *d)
{
	if (n->nchoices < 2)
		return;
	vec_reserve(&t->prev, &t->capprev, (size_t)n->nchoices + 1,
	    sizeof *t->prev);
	vec_reserve(&t->chain, &t->capchain, (size_t)n->nchoices + 1,
	    sizeof *t->chain);
	hmap *last = hmap_new();
	for (size_t c = 0; c < n->nchoices; c++) {
		const struct choice *ch = &n->choices[c];
		t->prev[c] = (uint32_t)(uintptr_t)hmap_put(last, ch->text,
		    (void *)(uintptr_t)(c + 1));
		if (!t->prev[c])
			continue;
		/* the earlier ones, first to last: the chain runs back */
		size_t m = 0;
		for (size_t k = c; t->prev[k]; k = t->prev[k] - 1)
			t->chain[m++] = t->prev[k] - 1;
		while (m--)
			diag_add(d, DIAG_WARNING, 0, n->path->file, ch->line,
			    ch->col,
			    "choice text '%s' appears twice in node '%s' "
			    "(first at line %d)",
			    ch->text, n->id, n->choices[t->chain[m]].line);
	}
	hmap_free(last);
}

static void
static_checks(const struct guide *g, diag_list *d)
{
	struct flag_use *u = xcalloc(g->nflags + 1, sizeof *u);
	bool *surfaced = xcalloc(g->nstories + 1, sizeof *surfaced);
	struct text_table rt = {0};
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		for (size_t s = 0; s < n->nstories; s++)
			surfaced[n->stories[s]->index] = true;
		for (size_t t = 0; t < n->nparts; t++)
			note_tests(n->parts[t].when, n->path->file, u);
		for (size_t c = 0; c < n->nchoices; c++) {
			const struct choice *ch = &n->choices[c];
			const struct effect *e = ch->effect;
			for (size_t k = 0; k < e->nset; k++)
				if (!u[e->set[k]].set_line) {
					u[e->set[k]].set_line = ch->line;
					u[e->set[k]].set_col = ch->col;
					u[e->set[k]].set_file = n->path->file;
				}
			note_tests(ch->when, n->path->file, u);
		}
		repeated_texts(n, &rt, d);
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
	free(rt.prev);
	free(rt.chain);
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

/* Lists the choices of path pa that census() counts, by what they
 * change, and those it does not, by kind. */
static void
census_list(const struct space *S, const struct path *pa, FILE *report)
{
	static const char *const why[] = {"flags and the next stop",
	    "flags only", "the next stop only"};
	for (int row = 0; row < 3 + KIND_COUNT; row++) {
		strbuf b = {0};
		size_t n = 0;
		for (size_t i = 0; i < pa->nnodes; i++) {
			const struct node *nd = pa->nodes[i];
			for (size_t c = 0; c < nd->nchoices; c++) {
				size_t x = nd->choices[c].index;
				bool elsewhere = false, flags = false;
				for (size_t k = 0; k < nd->nchoices; k++) {
					elsewhere |= nd->choices[k].to !=
					    nd->choices[c].to;
					flags |= nd->choices[k].effect !=
					    nd->choices[c].effect;
				}
				int r = S->decision[x] ? (flags && elsewhere ? 0
				                                 : flags     ? 1
				                                         : 2)
				    : S->kind[x] == KIND_DECISION
				    ? 3
				    : 3 + S->kind[x];
				if (r != row)
					continue;
				sb_printf(&b, " %s", nd->choices[c].id);
				n++;
			}
		}
		if (n && row < 3)
			fprintf(report,
			    "census of %s: counted, changing %s "
			    "(%zu):%s\n",
			    pa->id, why[row], n, b.s);
		else if (n && row == 3)
			fprintf(report,
			    "census of %s: not counted, no sibling offered "
			    "beside it with another effect (%zu):%s\n",
			    pa->id, n, b.s);
		else if (n)
			fprintf(report,
			    "census of %s: not counted, %s (%zu):%s\n", pa->id,
			    choice_kind_name(row - 3), n, b.s);
		sb_free(&b);
	}
}

/*
 * The decision census (docs/FORMAT.md): a choice is a decision when, in
 * some reachable state, it is offered beside a sibling whose effect (the
 * flags it sets and clears, the character, the stop it leads to) differs
 * from its own, and neither is a character or route pick, a detour, a
 * way back or navigation (choice_kinds).
 */
static void
census(const struct space *S, bool list, FILE *report)
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
		if (list)
			census_list(S, pa, report);
	}
	fprintf(report,
	    "decisions: %zu of %zu choices (%.1f%%) have an effect of "
	    "their own%s\n",
	    real, all, all ? 100.0 * (double)real / (double)all : 0.0,
	    S->truncated ? " (at least: the state search stopped)" : "");
	size_t set = 0, told = 0;
	bool *is_set = xcalloc(g->nflags + 1, sizeof *is_set);
	for (size_t c = 0; c < S->sn[g->nnodes].choice; c++)
		for (size_t k = 0; k < S->sch[c].effect->nset; k++)
			is_set[S->sch[c].effect->set[k]] = true;
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

/* Appends the shortest walk to state i, then choice last (UINT32_MAX:
 * none), as "(path) id id ...": the ids a reader types. */
static void
walk_to(const struct space *S, size_t i, uint32_t last, strbuf *b)
{
	uint32_t *v = NULL;
	size_t n = 0, cap = 0, k = i;
	if (last != UINT32_MAX)
		VEC_PUSH(v, n, cap, last);
	for (; S->parent[k] != UINT32_MAX; k = S->parent[k])
		VEC_PUSH(v, n, cap, S->pchoice[k]);
	const struct node *start =
	    S->g->nodes[state_node(S, S->store + k * S->words)];
	sb_printf(b, "(%s)", start->path->id);
	while (n--)
		sb_printf(b, " %s", S->g->choices[v[n]]->id);
	if (!cap)
		sb_puts(b, " (the start)");
	free(v);
}

/* Prints the debrief lines debrief node n can show, stage by stage, each
 * with the shortest walk that earns it (the walk to where its choice is
 * first offered, then the choice).  A stage shows any set of the lines
 * a walk earns there; the lines are listed, not every set of them (their
 * number is a product of the stage's decisions).  Returns how many. */
static size_t
debrief_lines(const struct space *S, const struct node *n, FILE *out)
{
	const struct guide *g = S->g;
	size_t all = 0;
	for (size_t st = 0; st < n->path->nstages; st++) {
		size_t m = 0;
		strbuf b = {0};
		for (size_t c = 0; c < g->nchoices; c++) {
			const struct choice *ch = g->choices[c];
			if (!ch->debrief ||
			    ch->node->stage != n->path->stages[st] ||
			    !S->first_take[c])
				continue;
			sb_printf(&b, "--- %s, line %zu (%s): walk ",
			    n->path->stages[st]->id, ++m, ch->id);
			walk_to(S, S->first_take[c] - 1, (uint32_t)c, &b);
			sb_puts(&b, "\n");
			guide_debrief_line(ch, NULL, &b);
		}
		if (m)
			fprintf(out, "debrief lines of %s, stage %s: %zu\n%s",
			    n->id, n->path->stages[st]->id, m, b.s);
		all += m;
		sb_free(&b);
	}
	return all;
}

/* Prints what --variants found: for each node wanted, every distinct
 * text over the reachable states with the shortest walk to it; for a
 * debrief, every line it can show (debrief_lines). */
static void
variants_report(struct space *S, FILE *out)
{
	const struct guide *g = S->g;
	size_t texts = 0, nodes = 0, lines = 0;
	for (size_t i = 0; i < g->nnodes; i++) {
		if (!S->want[i] || !S->reached[i])
			continue;
		const struct node *n = g->nodes[i];
		hmap *seen = hmap_new();
		char **keep = NULL;
		size_t nkeep = 0, cap = 0;
		strbuf all = {0};
		for (size_t k = 0; k < S->ntvars; k++) {
			if (S->tvars[k].node != i)
				continue;
			const uint64_t *st =
			    S->store + S->tvars[k].state * S->words;
			struct env_ctx ctx = {S, st};
			struct cond_env env = {env_flag, env_visited, env_took,
			    state_char(S, st), &ctx};
			strbuf t = {0};
			guide_node_text(n, &env, &t);
			char *text = sb_take(&t);
			if (hmap_get(seen, text)) {
				free(text);
				continue;
			}
			hmap_put(seen, text, text);
			VEC_PUSH(keep, nkeep, cap, text);
			sb_printf(&all, "--- %s, variant %zu: walk ", n->id,
			    nkeep);
			walk_to(S, S->tvars[k].state, UINT32_MAX, &all);
			sb_printf(&all, "\n%s\n", text);
		}
		fprintf(out, "variants of %s: %zu\n%s", n->id, nkeep,
		    all.s ? all.s : "");
		texts += nkeep;
		nodes++;
		sb_free(&all);
		for (size_t k = 0; k < nkeep; k++)
			free(keep[k]);
		free(keep);
		hmap_free(seen);
		if (n->debrief)
			lines += debrief_lines(S, n, out);
	}
	fprintf(out, "variants: %zu texts of %zu nodes, %zu debrief lines%s\n",
	    texts, nodes, lines,
	    S->truncated ? " (at least: the state search stopped)" : "");
}

/* Bits enough for x different values (at least 1). */
static unsigned
bits_for(uint64_t x)
{
	unsigned b = 1;
	while (b < 64 && (1ULL << b) < x)
		b++;
	return b;
}

/* With --variants: the nodes whose renderings are wanted (want, or every
 * node with a conditional part or a debrief), and room to record them. */
static void
want_variants(struct space *S, const struct node *want)
{
	const struct guide *g = S->g;
	S->want = xcalloc(g->nnodes + 1, sizeof *S->want);
	S->tvkey = bmap_new();
	S->first_take = xcalloc(g->nchoices + 1, sizeof *S->first_take);
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		bool cond = n->debrief;
		for (size_t t = 0; t < n->nparts && !cond; t++)
			cond = n->parts[t].when != NULL;
		S->want[i] = want ? n == want : cond;
	}
}

/* The tracked nodes and choices by address, and what the search reads of
 * each node, choice and text part in flat arrays (track, ctrack,
 * choice_base and part_base made already). */
static void
flatten(struct space *S, size_t nchoices, size_t nparts)
{
	const struct guide *g = S->g;
	S->ptrack = pmap_new();
	for (size_t i = 0; i < g->nnodes + g->nchoices; i++) {
		const void *p = i < g->nnodes ? (const void *)g->nodes[i]
		                              : g->choices[i - g->nnodes];
		int32_t t =
		    i < g->nnodes ? S->track[i] : S->ctrack[i - g->nnodes];
		if (t >= 0)
			pmap_put(S->ptrack, p, (void *)(intptr_t)(t + 1));
	}
	S->sch = xcalloc(nchoices + 1, sizeof *S->sch);
	S->pwhen = xcalloc(nparts + 1, sizeof *S->pwhen);
	S->sn = xcalloc(g->nnodes + 1, sizeof *S->sn);
	for (size_t i = 0; i <= g->nnodes; i++)
		S->sn[i] = (struct snode){(uint32_t)S->choice_base[i],
		    (uint32_t)S->part_base[i],
		    i < g->nnodes && g->nodes[i]->ending};
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		for (size_t c = 0; c < n->nchoices; c++) {
			const struct choice *ch = &n->choices[c];
			S->sch[S->choice_base[i] + c] = (struct sch){ch->when,
			    ch->effect, (uint32_t)ch->to->index,
			    S->track[ch->to->index], S->ctrack[ch->index]};
		}
		for (size_t t = 0; t < n->nparts; t++)
			S->pwhen[S->part_base[i] + t] = n->parts[t].when;
	}
}

/* Sets up the search over g: tracked visits, flattened choice and part
 * indexes, the layout of a state, the empty visit set.  Returns the
 * number of choices. */
static size_t
space_init(struct space *S, const struct guide *g, size_t max_states,
    const struct node *want, bool variants)
{
	*S = (struct space){.g = g,
	    .nflags = g->nflags,
	    .max = max_states,
	    .variants = variants};
	S->track = xmalloc((g->nnodes + 1) * sizeof *S->track);
	memset(S->track, -1, (g->nnodes + 1) * sizeof *S->track);
	S->ctrack = xmalloc((g->nchoices + 1) * sizeof *S->ctrack);
	memset(S->ctrack, -1, (g->nchoices + 1) * sizeof *S->ctrack);
	S->choice_base = xcalloc(g->nnodes + 1, sizeof *S->choice_base);
	S->part_base = xcalloc(g->nnodes + 1, sizeof *S->part_base);
	S->told = xcalloc(g->nflags + 1, sizeof *S->told);
	size_t nchoices = 0, nparts = 0, most = 0;
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		S->choice_base[i] = nchoices;
		nchoices += n->nchoices;
		if (n->nchoices > most)
			most = n->nchoices;
		for (size_t c = 0; c < n->nchoices; c++)
			track_cond(S, n->choices[c].when);
		S->part_base[i] = nparts;
		nparts += n->nparts;
		for (size_t t = 0; t < n->nparts; t++) {
			track_cond(S, n->parts[t].when);
			mark_told(S->told, n->parts[t].when);
		}
	}
	if (variants)
		want_variants(S, want);
	S->choice_base[g->nnodes] = nchoices;
	S->part_base[g->nnodes] = nparts;
	flatten(S, nchoices, nparts);
	/* A new visit set comes with a new state: there are at most the
	 * states kept, the starts and one batch more. */
	uint64_t nsets = (uint64_t)max_states + g->npaths + BATCH + most + 2;
	S->nbits = bits_for(g->nnodes);
	S->ibits = bits_for((uint64_t)max_states + 2);
	if (S->ibits > 32)
		S->ibits = 32;
	S->vbits = bits_for(nsets < UINT32_MAX ? nsets : UINT32_MAX);
	if (S->vbits > 32)
		S->vbits = 32;
	S->fbit = S->nbits + S->vbits;
	S->cbit = S->fbit + S->nflags;
	S->words = (S->cbit + 3 + 63) / 64;
	S->kind = choice_kinds(g);
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
space_free(struct space *S)
{
	free(S->track);
	free(S->ctrack);
	free(S->want);
	free(S->parent);
	free(S->pchoice);
	free(S->tvars);
	free(S->first_take);
	bmap_free(S->tvkey);
	pmap_free(S->ptrack);
	free(S->choice_base);
	free(S->store);
	free(S->set);
	free(S->reached);
	free(S->cond_true);
	free(S->decision);
	free(S->part_seen);
	free(S->part_base);
	free(S->sch);
	free(S->pwhen);
	free(S->sn);
	free(S->told);
	free(S->dead);
	free(S->vdata);
	free(S->voff);
	free(S->vlen);
	free(S->vindex);
	free(S->scratch);
	free(S->kind);
	free(S->bkey);
	free(S->bhash);
	free(S->bchoice);
	free(S->bcount);
}

/* Errors for node i: unreachable (loose: even ignoring conditions), or a
 * dead end (no choices, or none offered in some reachable state). */
static void
node_errors(const struct space *S, const bool *loose, size_t i, bool complete,
    diag_list *d)
{
	const struct node *n = S->g->nodes[i];
	if (!loose[i])
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->path->file, n->line,
		    n->col,
		    "node '%s' cannot be reached: no choice from a path's "
		    "start leads to it",
		    n->id);
	else if (!S->reached[i] && complete)
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->path->file, n->line,
		    n->col,
		    "node '%s' cannot be reached: the conditions on the "
		    "choices leading to it never hold",
		    n->id);
	if (!loose[i])
		return;
	if (n->nchoices == 0 && !n->ending) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->path->file, n->line,
		    n->col,
		    "node '%s' is a dead end: it has no choices and is not "
		    "marked 'ending: true'",
		    n->id);
	} else if (S->dead[i]) {
		char *why = describe(S, S->store + (S->dead[i] - 1) * S->words);
		diag_add(d, DIAG_ERROR, EXIT_DATA, n->path->file, n->line,
		    n->col,
		    "node '%s' is a dead end: it is not an ending and offers "
		    "no choice when reached with %s",
		    n->id, why);
		free(why);
	}
}

/* Warnings for reached node i: conditions on its choices that never hold,
 * conditions on its text parts that always or never hold. */
static void
condition_warnings(const struct space *S, size_t i, diag_list *d)
{
	const struct node *n = S->g->nodes[i];
	for (size_t c = 0; c < n->nchoices; c++)
		if (n->choices[c].when && !S->cond_true[S->choice_base[i] + c])
			diag_add(d, DIAG_WARNING, 0, n->path->file,
			    n->choices[c].when_line, n->choices[c].when_col,
			    "the condition on choice '%s' can never be true",
			    n->choices[c].text);
	for (size_t t = 0; t < n->nparts; t++) {
		const struct text_part *tp = &n->parts[t];
		unsigned seen = S->part_seen[S->part_base[i] + t];
		if (tp->when && seen == 1)
			diag_add(d, DIAG_WARNING, 0, n->path->file,
			    tp->when_line, tp->when_col,
			    "the condition on part %zu of the "
			    "text of node '%s' always holds: drop the "
			    "condition",
			    t + 1, n->id);
		else if (tp->when && seen == 2)
			diag_add(d, DIAG_WARNING, 0, n->path->file,
			    tp->when_line, tp->when_col,
			    "the condition on part %zu of the "
			    "text of node '%s' can never be true",
			    t + 1, n->id);
	}
}

/* What the state search proved, as diagnostics. */
static void
space_diagnostics(const struct space *S, bool complete, diag_list *d)
{
	const struct guide *g = S->g;
	bool *loose = reach_ignoring_conditions(S);
	for (size_t i = 0; i < g->nnodes; i++) {
		/* the flattened arrays tell which nodes have something to
		 * say; only those are read */
		const struct snode *a = &S->sn[i], *b = &S->sn[i + 1];
		if (!loose[i] || (!S->reached[i] && complete) ||
		    (a->choice == b->choice && !a->ending) || S->dead[i])
			node_errors(S, loose, i, complete, d);
		if (!loose[i] || !complete || !S->reached[i])
			continue;
		bool warn = false;
		for (size_t c = a->choice; c < b->choice && !warn; c++)
			warn = S->sch[c].when && !S->cond_true[c];
		for (size_t t = a->part; t < b->part && !warn; t++)
			warn = S->pwhen[t] &&
			    (S->part_seen[t] == 1 || S->part_seen[t] == 2);
		if (warn)
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

double
check_cpu_ms(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
		return 0;
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

struct check_result
check_guide(const struct guide *g, const struct check_opts *o, diag_list *d,
    FILE *report)
{
	struct check_result r = {0};
	struct space S;
	double t0 = check_cpu_ms();
	const struct node *want = o->variants && strcmp(o->variants, "all")
	    ? guide_node(g, o->variants)
	    : NULL;
	size_t nchoices =
	    space_init(&S, g, o->max_states, want, o->variants != NULL);
	explore(&S);
	r.states = S.n;
	r.complete = !S.truncated;
	space_diagnostics(&S, r.complete, d);
	double t1 = check_cpu_ms();
	static_checks(g, d);
	double t2 = check_cpu_ms();
	bool *hit = xcalloc(g->nnodes + 1, sizeof *hit);
	bool *story_hit = xcalloc(g->nstories + 1, sizeof *story_hit);
	coverage(g, o, &r, hit, story_hit);
	r.ms_search = t1 - t0;
	r.ms_static = t2 - t1;
	r.ms_walks = check_cpu_ms() - t2;
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
		census(&S, o->census_list, report);
		route_report(g, o->seed, report);
		if (o->variants)
			variants_report(&S, report);
		if (o->walks)
			print_coverage(g, o, &r, hit, story_hit, report);
	}
	free(hit);
	free(story_hit);
	space_free(&S);
	return r;
}
