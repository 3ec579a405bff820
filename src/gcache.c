/* gcache: see include/gcache.h.
 *
 * An image is a header and sections, each an array of one kind of record
 * in the guide's own layout (the build id changes with the layout, so an
 * image is only read by the code that wrote it).  In a record, a pointer
 * field holds a number: 0 for NULL, else 1 + the index of what it points
 * to in its section (a string: 1 + its offset in the string section);
 * what the guide shares (conditions, effects, strings) stays shared, and
 * guide_no_effect is 0.  The header holds the key and an XXH3-128 of
 * itself and of each section's digest.  Decoding checks each number and
 * replaces it with the pointer, walking each section once, so every field is
 * relocated exactly once whatever the image says.  Then come the checks of what
 * the rest of the program relies on (ids unique, stories sorted, indexes in
 * place, flags in range, conditions nesting forward and shallow), and the
 * lookups are rebuilt. */
#define _GNU_SOURCE /* fopencookie */
#include "gcache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xxhash.h>

#include "buildid.h"
#include "load.h"
#include "util.h"

/* The sections, in the order they lie in an image. */
enum sec {
	S_PATH,
	S_STAGE,
	S_NODE,
	S_STORY,
	S_CHOICE,
	S_PART,
	S_COND, /* each shared condition, then the 'any' lists it holds */
	S_EFFECT, /* each shared effect but guide_no_effect */
	S_LINK,
	S_U32, /* flag indexes */
	S_PATHP, /* pointer arrays: the guide's own first, then the rest */
	S_STAGEP,
	S_NODEP,
	S_STORYP,
	S_STRP,
	S_ASIDE, /* CH_COUNT strings (or NULL) a node */
	S_STR, /* NUL-terminated strings, last: only its end is unknown */
	S_N
};

static const size_t esize[S_N] = {sizeof(struct path), sizeof(struct stage),
    sizeof(struct node), sizeof(struct story), sizeof(struct choice),
    sizeof(struct text_part), sizeof(struct cond), sizeof(struct effect),
    sizeof(struct link), sizeof(uint32_t), 8, 8, 8, 8, 8, 8, 1};

_Static_assert(sizeof(void *) == 8 && sizeof(uintptr_t) == 8,
    "pointer slots are 8 bytes");
/* Each record is written and read field by field (e_*_rec, rel_*): a
 * struct that changes size has a field this file does not know yet. */
_Static_assert(sizeof(struct path) == 80 && sizeof(struct stage) == 72 &&
        sizeof(struct node) == 144 && sizeof(struct story) == 160 &&
        sizeof(struct choice) == 56 && sizeof(struct text_part) == 40 &&
        sizeof(struct cond) == 72 && sizeof(struct effect) == 32 &&
        sizeof(struct link) == 16,
    "a guide struct changed: serialise its new fields in src/gcache.c "
    "(e_*_rec and rel_*), then update these sizes");

#define MAGIC "APGUIDE1"
#define ALIGN 16
/* Conditions nest at most this deep (the YAML reader's limit is lower). */
#define COND_DEPTH 64
/* An image larger than this is not read. */
#define IMAGE_MAX ((size_t)1 << 31)

struct head {
	char magic[8];
	unsigned char key[16];
	/* XXH3-128 of the rest of the header and each section's XXH3-128 */
	unsigned char sum[16];
	uint64_t size; /* of the whole image */
	uint64_t nflags;
	uint64_t off[S_N], count[S_N];
};

static size_t
align_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* The build: the Makefile's hash of the sources, and the record sizes. */
static void
hash_build(XXH3_state_t *st)
{
	XXH3_128bits_update(st, ASYNCPATH_BUILD_ID, sizeof ASYNCPATH_BUILD_ID);
	XXH3_128bits_update(st, esize, sizeof esize);
}

/* The header's checksum, from the digests of the sections. */
static void
head_sum(struct head *h, const XXH128_canonical_t *secsum)
{
	XXH3_state_t *st = XXH3_createState();
	if (!st)
		abort();
	XXH3_128bits_reset(st);
	memset(h->sum, 0, 16);
	XXH3_128bits_update(st, h, sizeof *h);
	XXH3_128bits_update(st, secsum, S_N * sizeof *secsum);
	XXH128_canonical_t c;
	XXH128_canonicalFromHash(&c, XXH3_128bits_digest(st));
	memcpy(h->sum, c.digest, 16);
	XXH3_freeState(st);
}

/* --- encoding ---
 *
 * Two walks of the guide in the same order: the first counts the records
 * of each section (so each section's place is known), the second writes
 * them, each section through a small buffer to its place in the file (or
 * in memory), hashing it as it goes.  Strings are kept once per pointer
 * (the guide shares the ones that repeat) while a bounded table remembers
 * them: an image costs the guide's memory and about 2 MB more. */

#define FLUSH_AT 65536
#define STR_SLOTS 65536

/* Shared records (conditions, effects) by address: pointer -> 1 + index. */
struct pmap {
	const void **key;
	size_t *val;
	size_t cap, n;
};

static size_t
pm_slot(const struct pmap *m, const void *p)
{
	size_t h = (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15u) >> 20);
	for (h &= m->cap - 1; m->key[h] && m->key[h] != p;
	     h = (h + 1) & (m->cap - 1))
		;
	return h;
}

static size_t
pm_get(const struct pmap *m, const void *p)
{
	return m->cap ? m->val[pm_slot(m, p)] : 0;
}

static void
pm_put(struct pmap *m, const void *p, size_t v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct pmap old = *m;
		m->cap = old.cap ? 2 * old.cap : 256;
		m->key = xcalloc(m->cap, sizeof *m->key);
		m->val = xcalloc(m->cap, sizeof *m->val);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i])
				pm_put(m, old.key[i], old.val[i]);
		free(old.key);
		free(old.val);
	}
	size_t h = pm_slot(m, p);
	m->n += !m->key[h];
	m->key[h] = p;
	m->val[h] = v;
}

static void
pm_free(struct pmap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

struct enc {
	bool writing; /* false: the counting walk */
	size_t n[S_N]; /* records so far */
	uint64_t off[S_N]; /* where each section starts */
	strbuf buf[S_N]; /* not yet written */
	size_t done[S_N]; /* bytes written of each section */
	XXH3_state_t *sum[S_N];
	struct {
		const char *p;
		uint64_t v;
	} * strs; /* a string pointer's value, by a hash of the pointer */
	struct pmap conds, effects;
	int fd; /* -1: into mem */
	strbuf mem;
	bool failed;
	const struct guide *g;
};

#define ENC(v) ((void *)(uintptr_t)(v))

static void
out(struct enc *e, uint64_t off, const char *p, size_t n)
{
	if (e->fd < 0) {
		strbuf *m = &e->mem;
		vec_reserve(&m->s, &m->cap, off + n + 1, 1);
		if (off > m->len)
			memset(m->s + m->len, 0, off - m->len);
		memcpy(m->s + off, p, n);
		if (off + n > m->len)
			m->len = off + n;
		return;
	}
	while (n && !e->failed) {
		ssize_t k = pwrite(e->fd, p, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			e->failed = true;
		else
			p += k, n -= (size_t)k, off += (uint64_t)k;
	}
}

static void
flush(struct enc *e, enum sec s)
{
	strbuf *b = &e->buf[s];
	if (!b->len)
		return;
	XXH3_128bits_update(e->sum[s], b->s, b->len);
	out(e, e->off[s] + e->done[s], b->s, b->len);
	e->done[s] += b->len;
	b->len = 0;
}

/* Appends a record (esize[s] bytes, or n for a string); returns its
 * index (for a string, its offset). */
static size_t
emit(struct enc *e, enum sec s, const void *rec, size_t n)
{
	size_t at = e->n[s];
	e->n[s] += s == S_STR ? n : 1;
	if (e->writing) {
		sb_add(&e->buf[s], rec, s == S_STR ? n : esize[s]);
		if (e->buf[s].len >= FLUSH_AT)
			flush(e, s);
	}
	return at;
}

/* An array that starts at index 'at': 0 for a NULL array, else 1 + its
 * index (an empty one points at the end of its section). */
static uint64_t
arr(const void *p, size_t at)
{
	return p ? (uint64_t)at + 1 : 0;
}

static uint64_t
e_str(struct enc *e, const char *s)
{
	if (!s)
		return 0;
	size_t h = (size_t)(((uintptr_t)s * 0x9E3779B97F4A7C15u) >> 48);
	if (e->strs[h].p == s)
		return e->strs[h].v;
	uint64_t v = emit(e, S_STR, s, strlen(s) + 1) + 1;
	e->strs[h].p = s;
	e->strs[h].v = v;
	return v;
}

static uint64_t
e_path(const struct enc *e, const struct path *p)
{
	for (size_t i = 0; p && i < e->g->npaths; i++)
		if (e->g->paths[i] == p)
			return i + 1;
	return 0;
}

static uint64_t
e_node(const struct node *n)
{
	return n ? n->index + 1 : 0;
}

/* Appends a slot holding v to pointer section s. */
static void
slot(struct enc *e, enum sec s, uint64_t v)
{
	emit(e, s, &v, 8);
}

static uint64_t
e_nodes(struct enc *e, struct node *const *v, size_t n)
{
	size_t at = e->n[S_NODEP];
	for (size_t i = 0; i < n; i++)
		slot(e, S_NODEP, e_node(v[i]));
	return arr(v, at);
}

static uint64_t
e_stories(struct enc *e, struct story *const *v, size_t n)
{
	size_t at = e->n[S_STORYP];
	for (size_t i = 0; i < n; i++)
		slot(e, S_STORYP, v[i] ? v[i]->index + 1 : 0);
	return arr(v, at);
}

static uint64_t
e_strs(struct enc *e, char *const *v, size_t n)
{
	size_t at = e->n[S_STRP];
	for (size_t i = 0; i < n; i++)
		slot(e, S_STRP, e_str(e, v[i]));
	return arr(v, at);
}

static uint64_t
e_flags(struct enc *e, const uint32_t *v, size_t n)
{
	size_t at = e->n[S_U32];
	for (size_t i = 0; i < n; i++)
		emit(e, S_U32, &v[i], 0);
	return arr(v, at);
}

/* A node's asides: NULL, or CH_COUNT strings, each maybe NULL. */
static uint64_t
e_aside(struct enc *e, char *const *v)
{
	size_t at = e->n[S_ASIDE];
	for (size_t i = 0; v && i < CH_COUNT; i++)
		slot(e, S_ASIDE, e_str(e, v[i]));
	return arr(v, at);
}

static uint64_t
e_links(struct enc *e, const struct link *v, size_t n)
{
	size_t at = e->n[S_LINK];
	for (size_t i = 0; i < n; i++) {
		struct link r;
		memset(&r, 0, sizeof r);
		r.title = ENC(e_str(e, v[i].title));
		r.url = ENC(e_str(e, v[i].url));
		emit(e, S_LINK, &r, 0);
	}
	return arr(v, at);
}

/* Conditions in c[0..n) and all they hold. */
static size_t
cond_tree(const struct cond *c, size_t n)
{
	size_t k = n;
	for (size_t i = 0; i < n; i++)
		k += c[i].any ? cond_tree(c[i].any, c[i].nany) : 0;
	return k;
}

/* n conditions in a row, then the 'any' lists of each in turn, so a list
 * always lies after its condition. */
static uint64_t
e_conds(struct enc *e, const struct cond *c, size_t n)
{
	size_t at = e->n[S_COND], next = at + n;
	for (size_t i = 0; i < n; i++) {
		struct cond r;
		memset(&r, 0, sizeof r);
		r.set = ENC(e_flags(e, c[i].set, c[i].nset));
		r.nset = c[i].nset;
		r.unset = ENC(e_flags(e, c[i].unset, c[i].nunset));
		r.nunset = c[i].nunset;
		r.visited = ENC(e_nodes(e, c[i].visited, c[i].nvisited));
		r.nvisited = c[i].nvisited;
		r.unvisited = ENC(e_nodes(e, c[i].unvisited, c[i].nunvisited));
		r.nunvisited = c[i].nunvisited;
		r.chars = c[i].chars;
		r.any = ENC(arr(c[i].any, next));
		if (c[i].any)
			next += cond_tree(c[i].any, c[i].nany);
		r.nany = c[i].nany;
		r.line = c[i].line;
		r.col = c[i].col;
		emit(e, S_COND, &r, 0);
	}
	for (size_t i = 0; i < n; i++)
		if (c[i].any)
			e_conds(e, c[i].any, c[i].nany);
	return arr(c, at);
}

/* A shared condition: written the first time it is met. */
static uint64_t
e_cond(struct enc *e, const struct cond *c)
{
	if (!c)
		return 0;
	uint64_t v = pm_get(&e->conds, c);
	if (!v) {
		v = e_conds(e, c, 1);
		pm_put(&e->conds, c, v);
	}
	return v;
}

/* A shared effect; 0 stands for guide_no_effect. */
static uint64_t
e_effect(struct enc *e, const struct effect *f)
{
	if (f == &guide_no_effect)
		return 0;
	uint64_t v = pm_get(&e->effects, f);
	if (!v) {
		struct effect r;
		memset(&r, 0, sizeof r);
		r.set = ENC(e_flags(e, f->set, f->nset));
		r.nset = f->nset;
		r.clear = ENC(e_flags(e, f->clear, f->nclear));
		r.nclear = f->nclear;
		r.as = f->as;
		v = emit(e, S_EFFECT, &r, 0) + 1;
		pm_put(&e->effects, f, v);
	}
	return v;
}

static uint64_t
e_choices(struct enc *e, const struct choice *v, size_t n)
{
	size_t at = e->n[S_CHOICE];
	for (size_t i = 0; i < n; i++) {
		const struct choice *c = &v[i];
		struct choice r;
		memset(&r, 0, sizeof r);
		r.id = ENC(e_str(e, c->id));
		r.text = ENC(e_str(e, c->text));
		r.to = ENC(e_node(c->to));
		r.when = ENC(e_cond(e, c->when));
		r.effect = ENC(e_effect(e, c->effect));
		r.line = c->line;
		r.col = c->col;
		r.when_line = c->when_line;
		r.when_col = c->when_col;
		emit(e, S_CHOICE, &r, 0);
	}
	return arr(v, at);
}

static uint64_t
e_parts(struct enc *e, const struct text_part *v, size_t n)
{
	size_t at = e->n[S_PART];
	for (size_t i = 0; i < n; i++) {
		struct text_part r;
		memset(&r, 0, sizeof r);
		r.text = ENC(e_str(e, v[i].text));
		r.otherwise = ENC(e_str(e, v[i].otherwise));
		r.when = ENC(e_cond(e, v[i].when));
		r.line = v[i].line;
		r.col = v[i].col;
		r.when_line = v[i].when_line;
		r.when_col = v[i].when_col;
		emit(e, S_PART, &r, 0);
	}
	return arr(v, at);
}

static void
e_node_rec(struct enc *e, const struct node *n)
{
	struct node r;
	memset(&r, 0, sizeof r);
	r.id = ENC(e_str(e, n->id));
	r.title = ENC(e_str(e, n->title));
	r.text = ENC(e_str(e, n->text));
	r.parts = ENC(e_parts(e, n->parts, n->nparts));
	r.nparts = n->nparts;
	r.pain = ENC(e_str(e, n->pain));
	r.aside = ENC(e_aside(e, n->aside));
	r.stage = ENC(n->stage ? n->stage->index + 1 : 0);
	r.path = ENC(e_path(e, n->path));
	r.stories = ENC(e_stories(e, n->stories, n->nstories));
	r.nstories = n->nstories;
	r.wanted = ENC(e_links(e, n->wanted, n->nwanted));
	r.nwanted = n->nwanted;
	r.links = ENC(e_links(e, n->links, n->nlinks));
	r.nlinks = n->nlinks;
	r.choices = ENC(e_choices(e, n->choices, n->nchoices));
	r.nchoices = n->nchoices;
	r.ending = n->ending;
	r.recap = n->recap;
	r.file = ENC(e_str(e, n->file));
	r.line = n->line;
	r.col = n->col;
	r.index = n->index;
	r.words = n->words;
	emit(e, S_NODE, &r, 0);
}

static void
e_stage_rec(struct enc *e, const struct stage *st)
{
	struct stage r;
	memset(&r, 0, sizeof r);
	r.id = ENC(e_str(e, st->id));
	r.title = ENC(e_str(e, st->title));
	r.path = ENC(e_path(e, st->path));
	r.future = ENC(e_stories(e, st->future, st->nfuture));
	r.nfuture = st->nfuture;
	r.hopes = ENC(e_links(e, st->hopes, st->nhopes));
	r.nhopes = st->nhopes;
	r.file = ENC(e_str(e, st->file));
	r.line = st->line;
	r.col = st->col;
	r.index = st->index;
	emit(e, S_STAGE, &r, 0);
}

static void
e_path_rec(struct enc *e, const struct path *p)
{
	struct path r;
	memset(&r, 0, sizeof r);
	r.id = ENC(e_str(e, p->id));
	r.title = ENC(e_str(e, p->title));
	r.summary = ENC(e_str(e, p->summary));
	r.file = ENC(e_str(e, p->file));
	r.start = ENC(e_node(p->start));
	size_t at = e->n[S_STAGEP];
	for (size_t k = 0; k < p->nstages; k++)
		slot(e, S_STAGEP, p->stages[k]->index + 1);
	r.stages = ENC(arr(p->stages, at));
	r.nstages = p->nstages;
	r.nodes = ENC(e_nodes(e, p->nodes, p->nnodes));
	r.nnodes = p->nnodes;
	r.is_default = p->is_default;
	emit(e, S_PATH, &r, 0);
}

static void
e_story_rec(struct enc *e, const struct story *s)
{
	struct story r;
	memset(&r, 0, sizeof r);
	r.id = ENC(e_str(e, s->id));
	r.title = ENC(e_str(e, s->title));
	r.kind = ENC(e_str(e, s->kind));
	r.source = ENC(e_str(e, s->source));
	r.summary = ENC(e_str(e, s->summary));
	r.chars = s->chars;
	r.morals = ENC(e_strs(e, s->morals, s->nmorals));
	r.nmorals = s->nmorals;
	r.questions = ENC(e_strs(e, s->questions, s->nquestions));
	r.nquestions = s->nquestions;
	r.topics = ENC(e_strs(e, s->topics, s->ntopics));
	r.ntopics = s->ntopics;
	r.draft = s->draft;
	r.body = ENC(e_str(e, s->body));
	r.body_line = s->body_line;
	r.file = ENC(e_str(e, s->file));
	r.line = s->line;
	r.col = s->col;
	r.index = s->index;
	r.words = s->words;
	emit(e, S_STORY, &r, 0);
}

/* One walk over g: the guide's own arrays open their pointer sections,
 * then every record, in index order. */
static void
enc_guide(struct enc *e, const struct guide *g)
{
	memset(e->n, 0, sizeof e->n);
	memset(e->strs, 0, STR_SLOTS * sizeof *e->strs);
	pm_free(&e->conds);
	pm_free(&e->effects);
	for (size_t i = 0; i < g->npaths; i++)
		slot(e, S_PATHP, i + 1);
	for (size_t i = 0; i < g->nstages; i++)
		slot(e, S_STAGEP, g->stages[i]->index + 1);
	e_nodes(e, g->nodes, g->nnodes);
	e_stories(e, g->stories, g->nstories);
	e_strs(e, g->flags, g->nflags);
	for (size_t i = 0; i < g->npaths; i++)
		e_path_rec(e, g->paths[i]);
	for (size_t i = 0; i < g->nstages; i++)
		e_stage_rec(e, g->stages[i]);
	for (size_t i = 0; i < g->nnodes; i++)
		e_node_rec(e, g->nodes[i]);
	for (size_t i = 0; i < g->nstories; i++)
		e_story_rec(e, g->stories[i]);
	emit(e, S_STR, "", 1); /* the strings end with a NUL */
}

/* Writes the image of g to fd, or into memory when fd is -1 (then *mem
 * and *len are set); false when a write failed. */
static bool
encode(const struct guide *g, const unsigned char *key, int fd, char **mem,
    size_t *len)
{
	struct enc e = {.g = g, .fd = fd};
	e.strs = xcalloc(STR_SLOTS, sizeof *e.strs);
	enc_guide(&e, g); /* counting */
	struct head h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, MAGIC, 8);
	memcpy(h.key, key, 16);
	h.nflags = g->nflags;
	size_t off = align_up(sizeof h);
	for (int s = 0; s < S_N; s++) {
		h.off[s] = off;
		h.count[s] = e.n[s];
		off += align_up(e.n[s] * esize[s]);
		e.off[s] = h.off[s];
		if (!(e.sum[s] = XXH3_createState()))
			abort();
		XXH3_128bits_reset(e.sum[s]);
	}
	h.size = off;
	e.writing = true;
	enc_guide(&e, g);
	XXH128_canonical_t secsum[S_N];
	for (int s = 0; s < S_N; s++) {
		flush(&e, s);
		XXH128_canonicalFromHash(&secsum[s],
		    XXH3_128bits_digest(e.sum[s]));
		XXH3_freeState(e.sum[s]);
		sb_free(&e.buf[s]);
	}
	free(e.strs);
	pm_free(&e.conds);
	pm_free(&e.effects);
	head_sum(&h, secsum);
	out(&e, 0, (const char *)&h, sizeof h);
	static const char zero[ALIGN];
	size_t end = h.off[S_STR] + e.n[S_STR];
	out(&e, end, zero, h.size - end); /* the padding at the end */
	for (int s = 0; s < S_N; s++)
		e.failed = e.failed || e.n[s] != h.count[s];
	if (fd < 0) {
		*mem = e.mem.s;
		*len = e.mem.len;
	}
	return !e.failed;
}

void *
gcache_encode(const struct guide *g, const unsigned char *key, size_t *len)
{
	char *mem = NULL;
	encode(g, key, -1, &mem, len);
	return mem;
}

/* The checksum of the image img (len bytes, with a header) is right. */
static bool
sum_ok(const char *img, size_t len)
{
	struct head h;
	if (len < sizeof h)
		return false;
	memcpy(&h, img, sizeof h);
	unsigned char want[16];
	memcpy(want, h.sum, 16);
	XXH128_canonical_t secsum[S_N];
	for (int s = 0; s < S_N; s++) {
		if (h.off[s] > len || h.count[s] > (len - h.off[s]) / esize[s])
			return false;
		XXH128_canonicalFromHash(&secsum[s],
		    XXH3_128bits(img + h.off[s], h.count[s] * esize[s]));
	}
	head_sum(&h, secsum);
	return memcmp(want, h.sum, 16) == 0;
}

/* --- decoding --- */

struct dec {
	char *sec[S_N];
	size_t count[S_N];
	bool bad;
};

/* The pointer a stored number v stands for: n records of section s from
 * index v - 1 (a single record when n is 1); NULL for 0. */
static void *
rel(struct dec *d, enum sec s, uintptr_t v, size_t n)
{
	if (v == 0)
		return NULL;
	if (v - 1 > d->count[s] || n > d->count[s] - (v - 1)) {
		d->bad = true;
		return NULL;
	}
	return d->sec[s] + (v - 1) * esize[s];
}

/* n records from v, which may be NULL only when n is 0. */
static void *
rel_arr(struct dec *d, enum sec s, uintptr_t v, size_t n)
{
	void *p = rel(d, s, v, n);
	if (!p && n)
		d->bad = true;
	return p;
}

#define REL(d, field, s, n) ((field) = rel((d), (s), (uintptr_t)(field), (n)))
#define RELA(d, field, s, n) \
	((field) = rel_arr((d), (s), (uintptr_t)(field), (n)))
#define RELSTR(d, field) REL(d, field, S_STR, 1)
/* A field that must not be NULL. */
#define NEED(d, x) ((d)->bad = (d)->bad || !(x))

/* A bool as stored: 0 or 1, read without reading it as a bool. */
static bool
bool_ok(const bool *b)
{
	unsigned char c;
	memcpy(&c, b, 1);
	return c <= 1;
}

/* Each slot of pointer section s becomes a pointer into target (a record
 * of it, or a string); every slot must point somewhere. */
static void
rel_slots(struct dec *d, enum sec s, enum sec target)
{
	for (size_t i = 0; i < d->count[s] && !d->bad; i++) {
		uint64_t v;
		memcpy(&v, d->sec[s] + 8 * i, 8);
		void *p = rel(d, target, (uintptr_t)v, 1);
		NEED(d, p);
		memcpy(d->sec[s] + 8 * i, &p, 8);
	}
}

static void
rel_cond(struct dec *d, struct cond *c, size_t i)
{
	uintptr_t any = (uintptr_t)c->any;
	RELA(d, c->set, S_U32, c->nset);
	RELA(d, c->unset, S_U32, c->nunset);
	RELA(d, c->visited, S_NODEP, c->nvisited);
	RELA(d, c->unvisited, S_NODEP, c->nunvisited);
	/* 'any' lists lie after their condition: no cycle */
	if (any && any - 1 <= i)
		d->bad = true;
	RELA(d, c->any, S_COND, c->nany);
	if (c->chars >= 1u << CH_COUNT)
		d->bad = true;
}

static void
rel_choice(struct dec *d, struct choice *c)
{
	RELSTR(d, c->id);
	RELSTR(d, c->text);
	REL(d, c->to, S_NODE, 1);
	REL(d, c->when, S_COND, 1);
	uintptr_t f = (uintptr_t)c->effect;
	c->effect = f ? rel(d, S_EFFECT, f, 1) : &guide_no_effect;
	NEED(d, c->id && c->text && c->to && c->effect);
}

static void
rel_effect(struct dec *d, struct effect *f)
{
	RELA(d, f->set, S_U32, f->nset);
	RELA(d, f->clear, S_U32, f->nclear);
	if (f->as < -1 || f->as >= CH_COUNT)
		d->bad = true;
}

static void
rel_part(struct dec *d, struct text_part *p)
{
	RELSTR(d, p->text);
	RELSTR(d, p->otherwise);
	REL(d, p->when, S_COND, 1);
	NEED(d, p->text);
}

static void
rel_node(struct dec *d, struct node *n, size_t i)
{
	RELSTR(d, n->id);
	RELSTR(d, n->title);
	RELSTR(d, n->text);
	RELA(d, n->parts, S_PART, n->nparts);
	RELSTR(d, n->pain);
	REL(d, n->aside, S_ASIDE, CH_COUNT);
	REL(d, n->stage, S_STAGE, 1);
	REL(d, n->path, S_PATH, 1);
	RELA(d, n->stories, S_STORYP, n->nstories);
	RELA(d, n->wanted, S_LINK, n->nwanted);
	RELA(d, n->links, S_LINK, n->nlinks);
	RELA(d, n->choices, S_CHOICE, n->nchoices);
	REL(d, n->file, S_STR, 1);
	NEED(d, n->id && n->title && n->text && n->stage && n->path && n->file);
	NEED(d, bool_ok(&n->ending) && bool_ok(&n->recap) && n->index == i);
}

static void
rel_stage(struct dec *d, struct stage *st, size_t i)
{
	RELSTR(d, st->id);
	RELSTR(d, st->title);
	REL(d, st->path, S_PATH, 1);
	RELA(d, st->future, S_STORYP, st->nfuture);
	RELA(d, st->hopes, S_LINK, st->nhopes);
	REL(d, st->file, S_STR, 1);
	NEED(d, st->id && st->title && st->path && st->file && st->index == i);
}

static void
rel_path(struct dec *d, struct path *p)
{
	RELSTR(d, p->id);
	RELSTR(d, p->title);
	RELSTR(d, p->summary);
	RELSTR(d, p->file);
	REL(d, p->start, S_NODE, 1);
	RELA(d, p->stages, S_STAGEP, p->nstages);
	RELA(d, p->nodes, S_NODEP, p->nnodes);
	NEED(d,
	    p->id && p->title && p->file && p->start &&
	        bool_ok(&p->is_default));
}

static void
rel_story(struct dec *d, struct story *s, size_t i)
{
	RELSTR(d, s->id);
	RELSTR(d, s->title);
	RELSTR(d, s->kind);
	RELSTR(d, s->source);
	RELSTR(d, s->summary);
	RELA(d, s->morals, S_STRP, s->nmorals);
	RELA(d, s->questions, S_STRP, s->nquestions);
	RELA(d, s->topics, S_STRP, s->ntopics);
	RELSTR(d, s->body);
	RELSTR(d, s->file);
	s->mem = NULL; /* the image holds the card */
	NEED(d,
	    s->id && s->title && s->kind && s->source && s->summary &&
	        s->body && s->file && s->index == i);
	NEED(d, bool_ok(&s->draft) && s->chars < 1u << CH_COUNT);
}

static void
rel_link(struct dec *d, struct link *l)
{
	RELSTR(d, l->title);
	RELSTR(d, l->url);
	NEED(d, l->title && l->url);
}

/* Every record of every section, each once. */
static void
relocate(struct dec *d)
{
#define EACH(s, T, call) \
	for (size_t i = 0; i < d->count[s] && !d->bad; i++) { \
		T *r = (T *)(void *)(d->sec[s] + i * esize[s]); \
		(void)r; \
		call; \
	}
	EACH(S_PATH, struct path, rel_path(d, r));
	EACH(S_STAGE, struct stage, rel_stage(d, r, i));
	EACH(S_NODE, struct node, rel_node(d, r, i));
	EACH(S_STORY, struct story, rel_story(d, r, i));
	EACH(S_CHOICE, struct choice, rel_choice(d, r));
	EACH(S_PART, struct text_part, rel_part(d, r));
	EACH(S_COND, struct cond, rel_cond(d, r, i));
	EACH(S_EFFECT, struct effect, rel_effect(d, r));
	EACH(S_LINK, struct link, rel_link(d, r));
#undef EACH
	rel_slots(d, S_PATHP, S_PATH);
	rel_slots(d, S_STAGEP, S_STAGE);
	rel_slots(d, S_NODEP, S_NODE);
	rel_slots(d, S_STORYP, S_STORY);
	rel_slots(d, S_STRP, S_STR);
	for (size_t i = 0; i < d->count[S_ASIDE] && !d->bad; i++) {
		char **a = (char **)(void *)(d->sec[S_ASIDE] + 8 * i);
		RELSTR(d, *a); /* may be NULL */
	}
}

/* What the loader promises beyond pointers: flags in range, conditions
 * at most COND_DEPTH deep, each node in its stage's path, each path's
 * start in it. */
static void
check_guide(struct dec *d, const struct guide *g)
{
	const uint32_t *flags = (const uint32_t *)(void *)d->sec[S_U32];
	for (size_t i = 0; i < d->count[S_U32] && !d->bad; i++)
		NEED(d, flags[i] < g->nflags);
	/* depth, from the last condition back: children lie after */
	size_t nc = d->count[S_COND];
	const struct cond *c = (const struct cond *)(void *)d->sec[S_COND];
	unsigned char *depth = xcalloc(nc + 1, 1);
	for (size_t i = nc; i-- > 0 && !d->bad;) {
		unsigned deep = 1;
		for (size_t k = 0; k < c[i].nany; k++) {
			size_t j = (size_t)(&c[i].any[k] - c);
			if (depth[j] + 1u > deep)
				deep = depth[j] + 1u;
		}
		NEED(d, deep <= COND_DEPTH);
		depth[i] = (unsigned char)deep;
	}
	free(depth);
	for (size_t i = 0; i < g->nnodes && !d->bad; i++)
		NEED(d, g->nodes[i]->stage->path == g->nodes[i]->path);
	for (size_t i = 0; i < g->npaths && !d->bad; i++)
		NEED(d, g->paths[i]->start->path == g->paths[i]);
	for (size_t i = 1; i < g->nstories && !d->bad; i++)
		NEED(d, strcmp(g->stories[i - 1]->id, g->stories[i]->id) < 0);
}

/* The lookups; false when an id repeats. */
static bool
index_guide(struct guide *g)
{
	g->node_ids = hmap_new();
	g->story_ids = hmap_new();
	g->stage_ids = hmap_new();
	g->path_ids = hmap_new();
	g->flag_ids = hmap_new();
	bool ok = true;
	for (size_t i = 0; i < g->nnodes && ok; i++)
		ok = !hmap_put(g->node_ids, g->nodes[i]->id, g->nodes[i]);
	for (size_t i = 0; i < g->nstories && ok; i++)
		ok = !hmap_put(g->story_ids, g->stories[i]->id, g->stories[i]);
	for (size_t i = 0; i < g->nstages && ok; i++)
		ok = !hmap_put(g->stage_ids, g->stages[i]->id, g->stages[i]);
	for (size_t i = 0; i < g->npaths && ok; i++)
		ok = !hmap_put(g->path_ids, g->paths[i]->id, g->paths[i]);
	for (size_t i = 0; i < g->nflags && ok; i++)
		ok = !hmap_put(g->flag_ids, g->flags[i],
		    (void *)(uintptr_t)(i + 1));
	return ok;
}

/* The sections of h: aligned, in order, inside len bytes. */
static bool
sections(const struct head *h, char *img, size_t len, struct dec *d)
{
	uint64_t end = sizeof *h;
	for (int s = 0; s < S_N; s++) {
		uint64_t off = h->off[s], n = h->count[s];
		if (off % ALIGN || off < end || off > len ||
		    n > (len - off) / esize[s])
			return false;
		d->sec[s] = img + off;
		d->count[s] = (size_t)n;
		end = off + n * esize[s];
	}
	/* strings end with a NUL; the guide's arrays are there */
	return d->count[S_STR] > 0 && d->sec[S_STR][d->count[S_STR] - 1] == 0 &&
	    d->count[S_PATH] > 0 && d->count[S_PATHP] >= d->count[S_PATH] &&
	    d->count[S_STAGEP] >= d->count[S_STAGE] &&
	    d->count[S_NODEP] >= d->count[S_NODE] &&
	    d->count[S_STORYP] >= d->count[S_STORY] &&
	    d->count[S_STRP] >= h->nflags;
}

/* The guide's own arrays must list each record once, in order. */
static void
top_arrays(struct dec *d, struct guide *g)
{
	g->paths = (struct path **)(void *)d->sec[S_PATHP];
	g->npaths = d->count[S_PATH];
	g->stages = (struct stage **)(void *)d->sec[S_STAGEP];
	g->nstages = d->count[S_STAGE];
	g->nodes = (struct node **)(void *)d->sec[S_NODEP];
	g->nnodes = d->count[S_NODE];
	g->stories = (struct story **)(void *)d->sec[S_STORYP];
	g->nstories = d->count[S_STORY];
	g->flags = (char **)(void *)d->sec[S_STRP];
	for (size_t i = 0; i < g->npaths && !d->bad; i++)
		NEED(d,
		    (char *)g->paths[i] == d->sec[S_PATH] + i * esize[S_PATH]);
	for (size_t i = 0; i < g->nstages && !d->bad; i++)
		NEED(d,
		    (char *)g->stages[i] ==
		        d->sec[S_STAGE] + i * esize[S_STAGE]);
	for (size_t i = 0; i < g->nnodes && !d->bad; i++)
		NEED(d,
		    (char *)g->nodes[i] == d->sec[S_NODE] + i * esize[S_NODE]);
	for (size_t i = 0; i < g->nstories && !d->bad; i++)
		NEED(d,
		    (char *)g->stories[i] ==
		        d->sec[S_STORY] + i * esize[S_STORY]);
}

struct guide *
gcache_decode(void *img, size_t len, const char *datadir)
{
	struct head h;
	struct dec d = {0};
	if (len < sizeof h) {
		free(img);
		return NULL;
	}
	memcpy(&h, img, sizeof h);
	if (memcmp(h.magic, MAGIC, 8) != 0 || h.size != len ||
	    !sections(&h, img, len, &d)) {
		free(img);
		return NULL;
	}
	struct guide *g = xcalloc(1, sizeof *g);
	g->image = img;
	g->datadir = xstrdup(datadir);
	g->nflags = (size_t)h.nflags;
	relocate(&d);
	if (!d.bad)
		top_arrays(&d, g);
	if (!d.bad)
		check_guide(&d, g);
	if (d.bad || !index_guide(g)) {
		guide_free(g);
		return NULL;
	}
	return g;
}

/* --- the cache folder --- */

char *
gcache_dir(void)
{
	const char *e = getenv("XDG_CACHE_HOME");
	if (e && *e == '/')
		return xasprintf("%s/asyncpath/guides", e);
	e = getenv("HOME");
	if (e && *e == '/')
		return xasprintf("%s/.cache/asyncpath/guides", e);
	return NULL;
}

/* Makes dir and the two folders above it when missing (0700). */
static bool
make_dir(const char *dir)
{
	char *p = xstrdup(dir);
	char *cut[2] = {strrchr(p, '/'), NULL};
	if (cut[0]) {
		*cut[0] = '\0';
		cut[1] = strrchr(p, '/');
		*cut[0] = '/';
	}
	for (int k = 1; k >= 0; k--) {
		if (!cut[k] || cut[k] == p)
			continue;
		*cut[k] = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return false;
		}
		*cut[k] = '/';
	}
	bool ok = mkdir(p, 0700) == 0 || errno == EEXIST;
	free(p);
	return ok;
}

struct aged {
	char *name;
	struct timespec mtime;
};

static int
cmp_newest(const void *a, const void *b)
{
	const struct aged *x = a, *y = b;
	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? 1 : -1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Keeps the GCACHE_KEEP newest images and removes temporary files left
 * for an hour (a writer that died). */
static void
prune(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct aged *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	time_t now = time(NULL);
	while ((de = readdir(dp))) {
		size_t l = strlen(de->d_name);
		bool tmp = strncmp(de->d_name, ".tmp-", 5) == 0;
		if (!tmp && (l < 6 || strcmp(de->d_name + l - 6, ".guide")))
			continue;
		struct stat st;
		if (fstatat(dirfd(dp), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(st.st_mode))
			continue;
		if (tmp) {
			if (now - st.st_mtime > 3600)
				unlinkat(dirfd(dp), de->d_name, 0);
			continue;
		}
		struct aged a = {xstrdup(de->d_name), st.st_mtim};
		VEC_PUSH(v, n, cap, a);
	}
	if (n > GCACHE_KEEP)
		qsort(v, n, sizeof *v, cmp_newest);
	for (size_t i = 0; i < n; i++) {
		if (i >= GCACHE_KEEP)
			unlinkat(dirfd(dp), v[i].name, 0);
		free(v[i].name);
	}
	free(v);
	closedir(dp);
}

/* Writes the image of g as file in dir: a temporary file beside it,
 * renamed over it; nothing is left when anything fails. */
static bool
store(const char *dir, const char *file, const struct guide *g,
    const unsigned char *key)
{
	if (!make_dir(dir))
		return false;
	char *tmp = xasprintf("%s/.tmp-XXXXXX", dir);
	int fd = mkstemp(tmp); /* 0600 */
	bool ok = fd >= 0;
	if (ok) {
		ok = encode(g, key, fd, NULL, NULL);
		ok = close(fd) == 0 && ok;
		ok = ok && rename(tmp, file) == 0;
		if (!ok)
			unlink(tmp);
	}
	free(tmp);
	if (ok)
		prune(dir);
	return ok;
}

/* Only we (or root) can have written it: owned by us or by root, and
 * writable by no one else. */
static bool
trusted(const struct stat *st)
{
	return (st->st_uid == geteuid() || st->st_uid == 0) &&
	    !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* The guide in the image at file (in folder dir) for key, or NULL.  An
 * image or folder someone else could have written is not read. */
static struct guide *
fetch(const char *dir, const char *file, const unsigned char *key,
    const char *datadir)
{
	struct stat st;
	if (stat(dir, &st) != 0 || !trusted(&st) || stat(file, &st) != 0 ||
	    !trusted(&st))
		return NULL;
	size_t len;
	char *img = read_file_max(file, IMAGE_MAX, &len);
	if (!img)
		return NULL;
	struct head h;
	if (len < sizeof h ||
	    (memcpy(&h, img, sizeof h), memcmp(h.key, key, 16) != 0) ||
	    !sum_ok(img, len)) {
		free(img);
		return NULL;
	}
	struct guide *g = gcache_decode(img, len, datadir);
	if (g)
		utimensat(AT_FDCWD, file, NULL, 0); /* recently used */
	return g;
}

/* --- the files and the key --- */

/* A file of at least this size is read into pages of its own, given back
 * as the loader's parser moves past them. */
#define BIG_FILE ((size_t)1 << 20)
#define CONTENT_MAX ((size_t)64 * 1024 * 1024) /* the path files' limit */

struct bytes {
	char *p;
	size_t len;
	bool mapped; /* p is an anonymous mapping of len + 1 bytes */
};

static void
bytes_free(struct bytes *b)
{
	if (b->mapped)
		munmap(b->p, b->len + 1);
	else
		free(b->p);
	b->p = NULL;
}

/* Reads file whole (one open, fstat and read) into b; false with errno
 * set when it cannot. */
static bool
bytes_read(const char *file, struct bytes *b)
{
	size_t size;
	int fd = open_regular(file, CONTENT_MAX, &size);
	if (fd < 0)
		return false;
	b->mapped = size >= BIG_FILE;
	if (b->mapped) {
		b->p = mmap(NULL, size + 1, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (b->p == MAP_FAILED) {
			close(fd);
			errno = ENOMEM;
			return false;
		}
	} else {
		b->p = xmalloc(size + 1);
	}
	ssize_t k = read_full(fd, b->p, size);
	int err = k < 0 ? errno : 0;
	size_t n = k < 0 ? 0 : (size_t)k;
	close(fd);
	b->len = n; /* a file that shrank meanwhile is read as it is */
	b->p[n] = '\0';
	if (err) {
		bytes_free(b);
		errno = err;
		return false;
	}
	return true;
}

struct files {
	char **names;
	struct bytes *b;
	size_t n, next; /* next: the file the loader should ask for */
	bool other; /* the loader read a file not in the list */
};

static void
files_drop_bytes(struct files *f)
{
	for (size_t i = 0; f->b && i < f->n; i++)
		if (f->b[i].p)
			bytes_free(&f->b[i]);
}

static void
files_free(struct files *f)
{
	files_drop_bytes(f);
	for (size_t i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->b);
}

/* The bytes of the file the loader asks for, taken from f: the next in
 * the list (the loader asks in its order); NULL for any other. */
static struct bytes *
next_file(struct files *f, const char *file, size_t max)
{
	if (f->next < f->n && strcmp(f->names[f->next], file) == 0 &&
	    f->b[f->next].p) {
		struct bytes *b = &f->b[f->next++];
		if (b->len <= max)
			return b;
		bytes_free(b);
		errno = EFBIG;
		return NULL;
	}
	f->other = true;
	errno = 0;
	return NULL;
}

/* The loader's source for a card: the bytes read for the key. */
static char *
take(void *ctx, const char *file, size_t max, size_t *len)
{
	struct bytes *b = next_file(ctx, file, max);
	if (!b)
		return errno ? NULL : read_file_max(file, max, len);
	char *p = b->p;
	if (b->mapped) { /* a card of a megabyte or more: the loader frees */
		p = xmalloc(b->len + 1);
		memcpy(p, b->p, b->len + 1);
		bytes_free(b);
	}
	b->p = NULL;
	*len = b->len;
	return p;
}

/* A path file as a stream over its bytes; pages the parser has passed
 * are given back at once (and read again from the file should an error
 * message seek back to find a line). */
struct stream {
	struct bytes b;
	size_t pos, given; /* read so far; given back so far */
	char *file;
};

static ssize_t
stream_read(void *cookie, char *out, size_t n)
{
	struct stream *s = cookie;
	size_t k = s->b.len - s->pos < n ? s->b.len - s->pos : n;
	memcpy(out, s->b.p + s->pos, k);
	s->pos += k;
	if (s->b.mapped) {
		size_t page = (size_t)sysconf(_SC_PAGESIZE);
		size_t upto = s->pos / page * page;
		if (upto > s->given + BIG_FILE / 4) {
			madvise(s->b.p + s->given, upto - s->given,
			    MADV_DONTNEED);
			s->given = upto;
		}
	}
	return (ssize_t)k;
}

/* The bytes given back, read again; false when the file cannot be. */
static bool
stream_restore(struct stream *s)
{
	int fd = open(s->file, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	while (fd >= 0 && n < s->given) {
		ssize_t k = pread(fd, s->b.p + n, s->given - n, (off_t)n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	if (fd >= 0)
		close(fd);
	if (n < s->given)
		return false;
	s->given = 0;
	return true;
}

static int
stream_seek(void *cookie, off64_t *off, int whence)
{
	struct stream *s = cookie;
	off64_t to = *off +
	    (whence == SEEK_CUR          ? (off64_t)s->pos
	            : whence == SEEK_END ? (off64_t)s->b.len
	                                 : 0);
	if (to < 0 || (uint64_t)to > s->b.len ||
	    ((size_t)to < s->given && !stream_restore(s))) {
		errno = EINVAL;
		return -1;
	}
	s->pos = (size_t)to;
	*off = to;
	return 0;
}

static int
stream_close(void *cookie)
{
	struct stream *s = cookie;
	bytes_free(&s->b);
	free(s->file);
	free(s);
	return 0;
}

static FILE *
open_path(void *ctx, const char *file, size_t max)
{
	size_t len;
	struct bytes *b = next_file(ctx, file, max);
	struct stream *s = xcalloc(1, sizeof *s);
	if (b) {
		s->b = *b;
		b->p = NULL;
	} else if (errno || !(s->b.p = read_file_max(file, max, &len))) {
		free(s);
		return NULL;
	} else {
		s->b.len = len;
	}
	s->file = xstrdup(file);
	cookie_io_functions_t io = {stream_read, NULL, stream_seek,
	    stream_close};
	FILE *fp = fopencookie(s, "rb", io);
	if (!fp)
		stream_close(s);
	return fp;
}

/* Reads every file of datadir, hashing them with the build into key;
 * false when a file cannot be read (the loader will say why). */
static bool
read_all(const char *datadir, struct files *f, unsigned char *key)
{
	memset(f, 0, sizeof *f);
	if (!(f->names = load_file_list(datadir, &f->n)))
		return false;
	f->b = xcalloc(f->n + 1, sizeof *f->b);
	XXH3_state_t *st = XXH3_createState();
	if (!st)
		abort();
	XXH3_128bits_reset(st);
	hash_build(st);
	bool ok = true;
	for (size_t i = 0; i < f->n && ok; i++) {
		/* the larger limit (path files); the loader applies its own */
		ok = bytes_read(f->names[i], &f->b[i]);
		uint64_t l = f->b[i].len;
		XXH3_128bits_update(st, f->names[i], strlen(f->names[i]) + 1);
		XXH3_128bits_update(st, &l, sizeof l);
		if (ok)
			XXH3_128bits_update(st, f->b[i].p, f->b[i].len);
	}
	XXH128_canonical_t c;
	XXH128_canonicalFromHash(&c, XXH3_128bits_digest(st));
	memcpy(key, c.digest, 16);
	XXH3_freeState(st);
	return ok;
}

static const char *
setting(void)
{
	const char *e = getenv("ASYNCPATH_CACHE");
	return e ? e : "";
}

static char *
image_name(const char *dir, const unsigned char *key)
{
	char hex[33];
	for (int i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", key[i]);
	return xasprintf("%s/%s.guide", dir, hex);
}

/* The load on a miss, from the bytes in f; stores the image when the load
 * was clean (no error, no warning, every file the one hashed). */
static struct guide *
load_and_store(const char *datadir, const char *dir, struct files *f,
    const unsigned char *key, diag_list *d, bool trace)
{
	size_t before = diag_count(d, DIAG_ERROR) + diag_count(d, DIAG_WARNING);
	struct load_source src = {take, open_path, f};
	struct guide *g = guide_load_from(datadir, &src, d);
	bool clean = g && !f->other && f->next == f->n &&
	    diag_count(d, DIAG_ERROR) + diag_count(d, DIAG_WARNING) == before;
	files_drop_bytes(f);
	char *file = image_name(dir, key);
	bool stored = clean && store(dir, file, g, key);
	if (trace)
		fprintf(stderr, "asyncpath: cache: miss %s, %s\n",
		    strrchr(file, '/') + 1,
		    stored      ? "stored"
		        : clean ? "cannot store"
		                : "not stored");
	free(file);
	return g;
}

struct guide *
gcache_load(const char *datadir, bool use, diag_list *d)
{
	bool trace = strcmp(setting(), "trace") == 0;
	char *dir = NULL;
	struct files f;
	unsigned char key[16];
	if (!use || strcmp(setting(), "off") == 0 || !(dir = gcache_dir()) ||
	    !read_all(datadir, &f, key)) {
		if (trace)
			fprintf(stderr, "asyncpath: cache: not used\n");
		if (dir)
			files_free(&f);
		free(dir);
		return guide_load(datadir, d);
	}
	char *file = image_name(dir, key);
	struct guide *g = NULL;
	if (access(file, F_OK) == 0) {
		/* an image: the bytes go before it is read, and are read
		 * again in the rare case it is no good */
		files_drop_bytes(&f);
		if ((g = fetch(dir, file, key, datadir)) && trace)
			fprintf(stderr, "asyncpath: cache: hit %s\n",
			    strrchr(file, '/') + 1);
		if (!g) {
			files_free(&f);
			if (!read_all(datadir, &f, key)) {
				files_free(&f);
				free(file);
				free(dir);
				return guide_load(datadir, d);
			}
		}
	}
	if (!g)
		g = load_and_store(datadir, dir, &f, key, d, trace);
	files_free(&f);
	free(file);
	free(dir);
	return g;
}
