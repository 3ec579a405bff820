/* load: see include/load.h.  Path files are read as a stream: each stage
 * and each node is parsed as a small tree, built into the guide and
 * dropped, so a load holds the guide and one node's tree, never a file's.
 * A node named before it is defined (a choice leading forward) gets its
 * struct at once and is filled in when its definition comes; every such
 * reference is remembered until then, and one that is never defined is an
 * error at the place that named it, reported after the last file.
 *
 * One error channel: every problem is recorded in the diagnostics list at
 * its location, and nothing else reports failure.  A function that builds
 * a value returns what it could build (NULL when there is nothing); the
 * load as a whole fails when it recorded an error, and then the guide,
 * with whatever partial values it holds, is freed whole. */
#include "load.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "character.h"
#include "files.h"
#include "readtime.h"
#include "story.h"
#include "util.h"
#include "yamltree.h"

static const char *const path_keys[] = {"id", "title", "summary", "start",
    "default", "stages", "nodes", NULL};
enum { PK_ID, PK_TITLE, PK_SUMMARY, PK_START, PK_DEFAULT, PK_STAGES, PK_NODES };
static const char *const stage_keys[] = {"id", "title", "future", "hopes",
    NULL};
static const char *const node_keys[] = {"id", "stage", "title", "text", "pain",
    "aside", "stories", "wanted", "links", "choices", "ending", "recap",
    "debrief", NULL};
static const char *const choice_keys[] = {"id", "text", "to", "when", "set",
    "clear", "as", "debrief", "kind", NULL};
static const char *const debrief_keys[] = {"text", "story", NULL};
static const char *const part_keys[] = {"text", "when", "else", NULL};
static const char *const cond_keys[] = {"set", "unset", "visited", "unvisited",
    "character", "any", "took", "not_took", "seen", "unseen", NULL};
static const char *const link_keys[] = {"title", "url", NULL};
static const char *const char_keys[] = {"alan", "barbara", "grace", "niklaus",
    NULL};
/* Indices into the lists above, for the values yt_fields finds. */
enum { S_ID, S_TITLE, S_FUTURE, S_HOPES, S_N };
enum {
	N_ID,
	N_STAGE,
	N_TITLE,
	N_TEXT,
	N_PAIN,
	N_ASIDE,
	N_STORIES,
	N_WANTED,
	N_LINKS,
	N_CHOICES,
	N_ENDING,
	N_RECAP,
	N_DEBRIEF,
	N_N
};
enum {
	C_ID,
	C_TEXT,
	C_TO,
	C_WHEN,
	C_SET,
	C_CLEAR,
	C_AS,
	C_DEBRIEF,
	C_KIND,
	C_N
};
enum { D_TEXT, D_STORY, D_N };
enum { P_TEXT, P_WHEN, P_ELSE, P_N };
enum {
	K_SET,
	K_UNSET,
	K_VISITED,
	K_UNVISITED,
	K_CHARACTER,
	K_ANY,
	K_TOOK,
	K_NOT_TOOK,
	K_SEEN,
	K_UNSEEN,
	K_N
};
enum { L_TITLE, L_URL, L_N };

/* Path files are streamed, never held whole: their limit is larger than
 * read_file's (docs/FORMAT.md). */
#define PATH_FILE_MAX ((size_t)64 * 1024 * 1024)

/* A place that names a node or a stage, checked once every file is
 * read: the reference holds only if its target was defined by then. */
enum ref_kind {
	REF_TO, /* a choice's 'to' */
	REF_LIST, /* an entry of 'visited' or 'unvisited' (key) */
	REF_START, /* a path's 'start', which must be of the path */
	REF_STAGE, /* a node's 'stage', which must be of the node's path */
	REF_CHOICE, /* an entry of 'took' or 'not_took' (key) */
};

struct ref {
	enum ref_kind kind;
	struct node *node; /* REF_TO, REF_LIST, REF_START: the node named */
	struct choice *choice; /* REF_CHOICE: the stand-in for the id */
	struct node *from; /* REF_STAGE: the node naming the stage */
	char *id; /* REF_STAGE: the stage's id */
	struct path *path; /* REF_START: the path */
	const char *key, *file;
	int line, col;
};

/* Loader state: the guide being built and the capacities of its arrays. */
struct loader {
	struct guide *g;
	diag_list *d;
	size_t cap_nodes, cap_stages, cap_paths, cap_stories, cap_flags;
	size_t *story_mark; /* by story index: the last list naming it */
	size_t lists; /* lists of stories read so far */
	struct ref *refs; /* references not yet known to hold, in order */
	size_t nrefs, cap_refs, refs_kept; /* refs_kept: after the last sweep */
	int ndefault; /* paths marked default so far */
	hmap *strings; /* interned texts */
	bmap *conds, *effects; /* interned conditions and effects */
	struct arena *scratch; /* a condition or effect being read */
	uint32_t *key; /* the interning key being built */
	size_t nkey, cap_key;
	char **files; /* the path files */
	size_t nfiles;
	/* 'took' and 'not_took' name choices by id, resolved when every
	 * node is read: one stand-in choice per id named (choice_names),
	 * and every list of the guide that holds stand-ins (took_lists). */
	hmap *choice_names;
	struct took_list {
		struct choice **v;
		uint32_t n;
	} * took_lists;
	size_t ntook_lists, cap_took_lists;
};

/* Everything the guide holds lives in its arena (g->mem). */
#define NEW(L, T, n) \
	((T *)arena_calloc(&(L)->g->mem, (n), sizeof(T), _Alignof(T)))

static char *
keep(struct loader *L, const char *s)
{
	return s ? arena_strdup(&L->g->mem, s) : NULL;
}

/* A text kept once however often it appears (choice texts and ids,
 * link titles and addresses repeat). */
static const char *
intern(struct loader *L, const char *s)
{
	if (!s)
		return NULL;
	char *k = hmap_get(L->strings, s);
	if (!k) {
		k = keep(L, s);
		hmap_put(L->strings, k, k);
	}
	return k;
}

/* A text, an id: as yt_str and yt_idstr, kept in the guide. */
static char *
text_of(struct loader *L, const yt_ctx *c, const ynode *v, const char *key)
{
	return keep(L, yt_str(c, v, key));
}

static char *
id_of(struct loader *L, const yt_ctx *c, const ynode *v, const char *key)
{
	return keep(L, yt_idstr(c, v, key));
}

/* A node that is not defined (yet) has no file. */
static bool
defined(const struct node *n)
{
	return n->path != NULL;
}

/* Drops the references whose nodes are now defined, once the list has
 * doubled since the last sweep: a load keeps only the pending ones. */
static void
sweep_refs(struct loader *L)
{
	if (L->nrefs < 1024 || L->nrefs < 2 * L->refs_kept)
		return;
	size_t k = 0;
	for (size_t i = 0; i < L->nrefs; i++) {
		struct ref *r = &L->refs[i];
		if ((r->kind == REF_TO || r->kind == REF_LIST) &&
		    defined(r->node))
			continue;
		L->refs[k++] = *r;
	}
	L->nrefs = L->refs_kept = k;
}

static void
add_ref(struct loader *L, const struct ref *r)
{
	sweep_refs(L);
	VEC_PUSH(L->refs, L->nrefs, L->cap_refs, *r);
}

/* The node with this id: defined, or named before and still to come. */
static struct node *
node_named(struct loader *L, const char *id)
{
	struct node *n = kset_get(L->g->node_ids, id);
	if (n)
		return n;
	n = NEW(L, struct node, 1);
	n->id = keep(L, id);
	kset_put(L->g->node_ids, n);
	return n;
}

/* A reference from v (under key) to the node with this id. */
static struct node *
node_ref(struct loader *L, const yt_ctx *c, const ynode *v, const char *id,
    enum ref_kind kind, const char *key)
{
	struct node *n = node_named(L, id);
	if (!defined(n))
		add_ref(L,
		    &(struct ref){.kind = kind,
		        .node = n,
		        .key = key,
		        .file = c->file,
		        .line = v->line,
		        .col = v->col});
	return n;
}

static uint32_t
flag_index(struct loader *L, const char *name)
{
	struct guide *g = L->g;
	uintptr_t i = (uintptr_t)hmap_get(g->flag_ids, name);
	if (i)
		return (uint32_t)(i - 1);
	char *copy = keep(L, name);
	VEC_PUSH(g->flags, g->nflags, L->cap_flags, copy);
	hmap_put(g->flag_ids, copy, (void *)(uintptr_t)g->nflags);
	return (uint32_t)(g->nflags - 1);
}

/* Flags named in list v, as indices in *mem; NULL on error. */
static uint32_t *
flag_list(struct loader *L, const yt_ctx *c, const ynode *v, const char *key,
    uint32_t *n, struct arena **mem)
{
	*n = 0;
	if (!yt_strs(c, v, key, true))
		return NULL;
	uint32_t *idx =
	    arena_alloc(mem, v->n * sizeof *idx, _Alignof(uint32_t));
	for (size_t i = 0; i < v->n; i++)
		idx[i] = flag_index(L, v->kids[i]->str);
	*n = (uint32_t)v->n;
	return idx;
}

/* Nodes named in list v, in *mem. */
static struct node **
node_list(struct loader *L, const yt_ctx *c, const ynode *v, const char *key,
    uint32_t *n, struct arena **mem)
{
	*n = 0;
	if (!yt_strs(c, v, key, true))
		return NULL;
	struct node **out =
	    arena_alloc(mem, v->n * sizeof *out, _Alignof(struct node *));
	for (size_t i = 0; i < v->n; i++)
		out[i] =
		    node_ref(L, c, v->kids[i], v->kids[i]->str, REF_LIST, key);
	*n = (uint32_t)v->n;
	return out;
}

/* Choices named in list v, in *mem: a stand-in for each id, replaced by
 * the choice when every node has been read (resolve_choices). */
static struct choice **
choice_list(struct loader *L, const yt_ctx *c, const ynode *v, const char *key,
    uint32_t *n, struct arena **mem)
{
	*n = 0;
	if (!yt_strs(c, v, key, true))
		return NULL;
	struct choice **out =
	    arena_alloc(mem, v->n * sizeof *out, _Alignof(struct choice *));
	for (size_t i = 0; i < v->n; i++) {
		const char *id = v->kids[i]->str;
		struct choice *ch = hmap_get(L->choice_names, id);
		if (!ch) {
			ch = NEW(L, struct choice, 1);
			ch->id = keep(L, id);
			ch->index = UINT32_MAX;
			hmap_put(L->choice_names, ch->id, ch);
		}
		add_ref(L,
		    &(struct ref){.kind = REF_CHOICE,
		        .choice = ch,
		        .key = key,
		        .file = c->file,
		        .line = v->kids[i]->line,
		        .col = v->kids[i]->col});
		out[i] = ch;
	}
	*n = (uint32_t)v->n;
	return out;
}

/* Story cards named in list v (unknown ids and repeats are errors).  A
 * repeat is found by the mark each card keeps of the last list naming it,
 * so a list costs its length. */
static struct story **
story_list(struct loader *L, const yt_ctx *c, const ynode *v, const char *key,
    uint32_t *n)
{
	*n = 0;
	if (!yt_strs(c, v, key, true))
		return NULL;
	*n = (uint32_t)v->n;
	struct story **out = NEW(L, struct story *, *n + 1);
	size_t list = ++L->lists;
	for (size_t i = 0; i < *n; i++) {
		const char *id = v->kids[i]->str;
		struct story *s = hmap_get(L->g->story_ids, id);
		if (!s) {
			yt_error(c, v->kids[i],
			    "unknown story '%s': expected "
			    "the id of a card in stories/",
			    id);
		} else if (L->story_mark[s->index] == list) {
			yt_error(c, v->kids[i],
			    "story '%s' is listed twice "
			    "in '%s'",
			    id, key);
		} else {
			L->story_mark[s->index] = list;
		}
		out[i] = s;
	}
	return out;
}

/* True when url looks like an absolute http(s) address. */
static bool
url_ok(const char *url)
{
	const char *rest;
	if (strncmp(url, "https://", 8) == 0)
		rest = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		rest = url + 7;
	else
		return false;
	if (!*rest || *rest == '/' || *rest == '.')
		return false;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '"' || *p == '<' ||
		    *p == '>')
			return false;
	return true;
}

/* A list of {title, url}; errors are recorded, the list returned all the
 * same (with holes) so the guide frees it. */
static struct link *
link_list(struct loader *L, const yt_ctx *c, const ynode *v, const char *key,
    uint32_t *n)
{
	*n = 0;
	if (v->kind != YN_SEQ) {
		yt_error(c, v, "'%s' must be a list of {title, url}, found %s",
		    key, yt_kind_name(v));
		return NULL;
	}
	struct link *out = NEW(L, struct link, v->n + 1);
	for (size_t i = 0; i < v->n; i++) {
		const ynode *m = v->kids[i], *t, *u, *f[L_N];
		if (!yt_is_map(c, m, "a link") ||
		    !yt_fields(c, m, link_keys, "a link", f))
			continue;
		if ((t = yt_require(c, m, f[L_TITLE], "title", "a link")))
			out[i].title = (char *)intern(L, yt_str(c, t, "title"));
		if ((u = yt_require(c, m, f[L_URL], "url", "a link")) &&
		    (out[i].url = (char *)intern(L, yt_str(c, u, "url"))) &&
		    !url_ok(out[i].url)) {
			yt_error(c, u,
			    "malformed URL '%s': expected an "
			    "address starting with https://",
			    out[i].url);
		}
	}
	*n = (uint32_t)v->n; /* after an error, the guide and the list are freed
	                        whole */
	return out;
}

/* The characters a condition's 'character' names (a name or a list). */
static unsigned
cond_chars(const yt_ctx *c, const ynode *x)
{
	const ynode *one = x->kind == YN_SCALAR ? x : NULL;
	size_t n = one ? 1 : x->kind == YN_SEQ ? x->n : 0;
	unsigned chars = 0;
	if (!one && x->kind != YN_SEQ)
		yt_error(c, x,
		    "'character' must be a name or a list of names, "
		    "found %s",
		    yt_kind_name(x));
	for (size_t i = 0; i < n; i++) {
		const ynode *e = one ? one : x->kids[i];
		int ch =
		    e->kind == YN_SCALAR ? character_from_name(e->str) : -1;
		if (ch < 0)
			yt_error(c, e,
			    "unknown character: expected alan, "
			    "barbara, grace, niklaus or none");
		else
			chars |= 1u << ch;
	}
	return chars;
}

/* Fills *out from a condition mapping; its lists go to *mem. */
static void
parse_cond(struct loader *L, const yt_ctx *c, const ynode *v, struct cond *out,
    struct arena **mem)
{
	const ynode *f[K_N];
	memset(out, 0, sizeof *out);
	out->line = v->line;
	out->col = v->col;
	if (!yt_is_map(c, v, "a condition ('when')") ||
	    !yt_fields(c, v, cond_keys, "a condition", f))
		return;
	if (v->n == 0) {
		yt_error(c, v,
		    "an empty condition: expected at least one of "
		    "set, unset, visited, unvisited, seen, unseen, took, "
		    "not_took, character, any");
		return;
	}
	if (f[K_VISITED] && f[K_SEEN])
		yt_error(c, f[K_SEEN],
		    "'seen' and 'visited' are one key: write one of them");
	if (f[K_UNVISITED] && f[K_UNSEEN])
		yt_error(c, f[K_UNSEEN],
		    "'unseen' and 'unvisited' are one key: write one of them");
	if (!f[K_VISITED])
		f[K_VISITED] = f[K_SEEN];
	if (!f[K_UNVISITED])
		f[K_UNVISITED] = f[K_UNSEEN];
	const ynode *x;
	if ((x = f[K_SET]))
		out->set = flag_list(L, c, x, "set", &out->nset, mem);
	if ((x = f[K_UNSET]))
		out->unset = flag_list(L, c, x, "unset", &out->nunset, mem);
	if ((x = f[K_VISITED]))
		out->visited =
		    node_list(L, c, x, "visited", &out->nvisited, mem);
	if ((x = f[K_UNVISITED]))
		out->unvisited =
		    node_list(L, c, x, "unvisited", &out->nunvisited, mem);
	if ((x = f[K_TOOK]))
		out->took = choice_list(L, c, x, "took", &out->ntook, mem);
	if ((x = f[K_NOT_TOOK]))
		out->not_took =
		    choice_list(L, c, x, "not_took", &out->nnot_took, mem);
	if ((x = f[K_CHARACTER]))
		out->chars = cond_chars(c, x);
	if ((x = f[K_ANY])) {
		if (x->kind != YN_SEQ || x->n == 0) {
			yt_error(c, x,
			    "'any' must be a non-empty list of "
			    "conditions");
			return;
		}
		out->any = arena_zalloc(mem, x->n, sizeof *out->any);
		out->nany = (uint32_t)x->n;
		for (size_t i = 0; i < x->n; i++)
			parse_cond(L, c, x->kids[i], &out->any[i], mem);
	}
}

/* --- interning: one copy of each condition and effect --- */

static void
key_add(struct loader *L, uint32_t w)
{
	VEC_PUSH(L->key, L->nkey, L->cap_key, w);
}

static void
key_flags(struct loader *L, const uint32_t *v, uint32_t n)
{
	key_add(L, n);
	for (uint32_t i = 0; i < n; i++)
		key_add(L, v[i]);
}

static void
key_ptrs(struct loader *L, void *const *v, uint32_t n)
{
	key_add(L, n);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t p = (uint64_t)(uintptr_t)v[i];
		key_add(L, (uint32_t)p);
		key_add(L, (uint32_t)(p >> 32));
	}
}

/* Appends what c means (not where it is written) to the key. */
static void
key_cond(struct loader *L, const struct cond *c)
{
	key_flags(L, c->set, c->nset);
	key_flags(L, c->unset, c->nunset);
	key_ptrs(L, (void *const *)c->visited, c->nvisited);
	key_ptrs(L, (void *const *)c->unvisited, c->nunvisited);
	key_ptrs(L, (void *const *)c->took, c->ntook);
	key_ptrs(L, (void *const *)c->not_took, c->nnot_took);
	key_add(L, c->chars);
	key_add(L, c->nany);
	for (uint32_t i = 0; i < c->nany; i++)
		key_cond(L, &c->any[i]);
}

static void *
keep_array(struct loader *L, const void *p, size_t n, size_t size, size_t align)
{
	return n ? arena_memdup(&L->g->mem, p, n * size, align) : NULL;
}

/* A deep copy of c into the guide. */
static void
copy_cond(struct loader *L, struct cond *to, const struct cond *c)
{
	*to = *c;
	to->set =
	    keep_array(L, c->set, c->nset, sizeof *c->set, _Alignof(uint32_t));
	to->unset = keep_array(L, c->unset, c->nunset, sizeof *c->unset,
	    _Alignof(uint32_t));
	to->visited = keep_array(L, c->visited, c->nvisited, sizeof *c->visited,
	    _Alignof(struct node *));
	to->unvisited = keep_array(L, c->unvisited, c->nunvisited,
	    sizeof *c->unvisited, _Alignof(struct node *));
	to->took = keep_array(L, c->took, c->ntook, sizeof *c->took,
	    _Alignof(struct choice *));
	to->not_took = keep_array(L, c->not_took, c->nnot_took,
	    sizeof *c->not_took, _Alignof(struct choice *));
	if (c->ntook)
		VEC_PUSH(L->took_lists, L->ntook_lists, L->cap_took_lists,
		    ((struct took_list){to->took, c->ntook}));
	if (c->nnot_took)
		VEC_PUSH(L->took_lists, L->ntook_lists, L->cap_took_lists,
		    ((struct took_list){to->not_took, c->nnot_took}));
	if (c->nany) {
		to->any = NEW(L, struct cond, c->nany);
		for (uint32_t i = 0; i < c->nany; i++)
			copy_cond(L, &to->any[i], &c->any[i]);
	}
}

/* The condition written at v: read, then the one copy of it. */
static const struct cond *
cond_of(struct loader *L, const yt_ctx *c, const ynode *v)
{
	struct cond tmp;
	parse_cond(L, c, v, &tmp, &L->scratch);
	L->nkey = 0;
	key_cond(L, &tmp);
	size_t len = L->nkey * sizeof *L->key;
	struct cond *k = bmap_get(L->conds, L->key, len);
	if (!k) {
		k = NEW(L, struct cond, 1);
		copy_cond(L, k, &tmp);
		bmap_put(L->conds, L->key, len, k);
	}
	arena_reset(&L->scratch);
	return k;
}

/* The one copy of effect e (its lists in L->scratch). */
static const struct effect *
effect_of(struct loader *L, const struct effect *e)
{
	if (!e->nset && !e->nclear && e->as < 0)
		return &guide_no_effect;
	L->nkey = 0;
	key_flags(L, e->set, e->nset);
	key_flags(L, e->clear, e->nclear);
	key_add(L, (uint32_t)e->as);
	size_t len = L->nkey * sizeof *L->key;
	struct effect *k = bmap_get(L->effects, L->key, len);
	if (!k) {
		k = NEW(L, struct effect, 1);
		*k = *e;
		k->set = keep_array(L, e->set, e->nset, sizeof *e->set,
		    _Alignof(uint32_t));
		k->clear = keep_array(L, e->clear, e->nclear, sizeof *e->clear,
		    _Alignof(uint32_t));
		bmap_put(L->effects, L->key, len, k);
	}
	arena_reset(&L->scratch);
	return k;
}

/* A choice's debrief line: a Markdown text, or {text, story} naming the
 * card that shows it. */
static void
parse_debrief(struct loader *L, const yt_ctx *c, const ynode *v,
    struct choice *ch)
{
	const ynode *f[D_N], *x;
	struct debrief *d = NEW(L, struct debrief, 1);
	if (v->kind == YN_SCALAR) {
		if ((d->text = text_of(L, c, v, "debrief")))
			ch->debrief = d;
		return;
	}
	if (!yt_is_map(c, v, "a debrief line ('debrief')") ||
	    !yt_fields(c, v, debrief_keys, "a debrief line", f))
		return;
	if ((x = yt_require(c, v, f[D_TEXT], "text", "a debrief line")) &&
	    (d->text = text_of(L, c, x, "text")))
		ch->debrief = d;
	if ((x = f[D_STORY])) {
		const char *id = yt_idstr(c, x, "story");
		if (id && !(d->story = hmap_get(L->g->story_ids, id)))
			yt_error(c, x,
			    "unknown story '%s': expected the id of a card "
			    "in stories/",
			    id);
	}
}

static void
parse_choice(struct loader *L, const yt_ctx *c, const ynode *v,
    struct choice *ch)
{
	const ynode *f[C_N];
	struct effect e = {.as = -1};
	ch->effect = &guide_no_effect;
	ch->line = v->line;
	ch->col = v->col;
	if (!yt_is_map(c, v, "a choice") ||
	    !yt_fields(c, v, choice_keys, "a choice", f))
		return;
	const ynode *x;
	if ((x = f[C_ID]))
		ch->id = (char *)intern(L, yt_idstr(c, x, "id"));
	if ((x = yt_require(c, v, f[C_TEXT], "text", "a choice")))
		ch->text = (char *)intern(L, yt_str(c, x, "text"));
	if ((x = yt_require(c, v, f[C_TO], "to", "a choice"))) {
		const char *id = yt_idstr(c, x, "to");
		if (id)
			ch->to = node_ref(L, c, x, id, REF_TO, "to");
	}
	if ((x = f[C_WHEN])) {
		ch->when = cond_of(L, c, x);
		ch->when_line = x->line;
		ch->when_col = x->col;
	}
	if ((x = f[C_SET]))
		e.set = flag_list(L, c, x, "set", &e.nset, &L->scratch);
	if ((x = f[C_CLEAR]))
		e.clear = flag_list(L, c, x, "clear", &e.nclear, &L->scratch);
	if ((x = f[C_AS])) {
		e.as = x->kind == YN_SCALAR ? character_from_name(x->str) : -1;
		if (e.as < 0)
			yt_error(c, x,
			    "'as' must name a character: expected "
			    "alan, barbara, grace, niklaus or none");
	}
	ch->effect = effect_of(L, &e);
	if ((x = f[C_DEBRIEF]))
		parse_debrief(L, c, x, ch);
	if ((x = f[C_KIND])) {
		for (int k = KIND_DECISION; k < KIND_COUNT && !ch->kind; k++)
			if (x->kind == YN_SCALAR &&
			    strcmp(x->str, choice_kind_name(k)) == 0)
				ch->kind = (unsigned char)k;
		if (!ch->kind)
			yt_error(c, x,
			    "unknown kind of choice: expected decision, "
			    "character, route, detour, back or navigation");
	}
}

/* A node's text: one Markdown text, or a list of parts, each a text or a
 * mapping {text, when, else}.  Fills n->parts and n->text (the parts
 * without a condition, joined). */
static void
parse_text(struct loader *L, const yt_ctx *c, const ynode *v, struct node *n)
{
	if (v->kind == YN_SCALAR) {
		n->parts = NEW(L, struct text_part, 1);
		if ((n->parts[0].text = text_of(L, c, v, "text"))) {
			n->nparts = 1;
			n->text = n->parts[0].text; /* one string, shared */
		}
		return;
	}
	if (v->kind != YN_SEQ || v->n == 0) {
		yt_error(c, v,
		    "'text' must be a text or a non-empty list of "
		    "parts, found %s",
		    v->kind == YN_SEQ ? "an empty list" : yt_kind_name(v));
		return;
	}
	n->parts = NEW(L, struct text_part, v->n);
	n->nparts = (uint32_t)v->n;
	strbuf all = {0};
	for (size_t i = 0; i < v->n; i++) {
		const ynode *e = v->kids[i], *x, *f[P_N];
		struct text_part *p = &n->parts[i];
		p->line = e->line;
		p->col = e->col;
		if (e->kind == YN_SCALAR) {
			p->text = text_of(L, c, e, "text");
		} else if (yt_is_map(c, e, "a part of a text") &&
		    yt_fields(c, e, part_keys, "a part of a text", f)) {
			if ((x = yt_require(c, e, f[P_TEXT], "text",
			         "a part of a text")))
				p->text = text_of(L, c, x, "text");
			if ((x = f[P_ELSE]))
				p->otherwise = text_of(L, c, x, "else");
			if ((x = yt_require(c, e, f[P_WHEN], "when",
			         "a part of a text"))) {
				p->when = cond_of(L, c, x);
				p->when_line = x->line;
				p->when_col = x->col;
			}
		}
		if (p->text && !p->when) {
			if (all.len)
				sb_puts(&all, "\n");
			sb_puts(&all, p->text);
		}
	}
	n->text = keep(L, all.s ? all.s : "");
	sb_free(&all);
}

/* Gives every choice of n without an `id:` one derived from its target,
 * and reports ids that repeat within the node.  Small nodes compare
 * pairwise; large ones (a hub) use two hash tables. */
static void
choice_ids(struct loader *L, const yt_ctx *c, const ynode *list, struct node *n)
{
	bool big = n->nchoices > 16;
	hmap *seen = big ? hmap_new() : NULL,
	     *targets = big ? hmap_new() : NULL;
	for (size_t i = 0; i < n->nchoices; i++) {
		struct choice *ch = &n->choices[i];
		if (!ch->to)
			continue;
		/* k: this is the k-th choice of n leading to ch->to */
		uintptr_t k = 1;
		if (big) {
			k += (uintptr_t)hmap_get(targets, ch->to->id);
			hmap_put(targets, ch->to->id, (void *)k);
		} else {
			for (size_t j = 0; j < i; j++)
				k += n->choices[j].to == ch->to;
		}
		if (!ch->id && k == 1) {
			ch->id = ch->to->id; /* one string, shared */
		} else if (!ch->id) {
			size_t room = strlen(ch->to->id) + 24; /* "-" and k */
			ch->id = arena_alloc(&L->g->mem, room, 1);
			snprintf(ch->id, room, "%s-%zu", ch->to->id, (size_t)k);
		}
		const struct choice *old = NULL;
		if (big) {
			old = hmap_put(seen, ch->id, ch);
		} else {
			for (size_t j = 0; j < i && !old; j++)
				if (n->choices[j].id &&
				    strcmp(n->choices[j].id, ch->id) == 0)
					old = &n->choices[j];
		}
		if (old)
			yt_error(c, list->kids[i],
			    "choice id '%s' is used "
			    "twice in node '%s' (first at line %d): expected "
			    "ids unique within a node; give this choice an "
			    "'id:'",
			    ch->id, n->id, old->line);
	}
	hmap_free(seen);
	hmap_free(targets);
}

/* A node's stage: one of its path's, defined before or after it. */
static void
node_stage(struct loader *L, const yt_ctx *c, const ynode *x, struct node *n)
{
	const char *id = yt_idstr(c, x, "stage");
	if (!id)
		return;
	n->stage = hmap_get(L->g->stage_ids, id);
	if (!n->stage) {
		/* perhaps listed after the nodes: decided at the end */
		add_ref(L,
		    &(struct ref){.kind = REF_STAGE,
		        .from = n,
		        .id = xstrdup(id),
		        .file = c->file,
		        .line = x->line,
		        .col = x->col});
		return;
	}
	if (n->stage->path != n->path)
		yt_error(c, x,
		    "stage '%s' belongs to path '%s': expected a "
		    "stage of path '%s'",
		    id, n->stage->path->id, n->path->id);
}

/* Everything of a node but its id. */
static void
build_node(struct loader *L, const yt_ctx *c, const ynode *v,
    const ynode *const *f, struct node *n)
{
	const ynode *x;
	if ((x = yt_require(c, v, f[N_STAGE], "stage", "a node")))
		node_stage(L, c, x, n);
	if ((x = yt_require(c, v, f[N_TITLE], "title", "a node")))
		n->title = text_of(L, c, x, "title");
	if ((x = yt_require(c, v, f[N_TEXT], "text", "a node")))
		parse_text(L, c, x, n);
	if ((x = f[N_PAIN]))
		n->pain = text_of(L, c, x, "pain");
	n->more = &guide_no_more;
	if (f[N_ASIDE] || f[N_WANTED] || f[N_LINKS]) {
		struct node_more *m = NEW(L, struct node_more, 1);
		n->more = m;
		if ((x = f[N_ASIDE]) && yt_is_map(c, x, "'aside'") &&
		    yt_keys(c, x, char_keys, "'aside'"))
			for (size_t i = 0; i + 1 < x->n; i += 2) {
				int ch = character_from_name(x->kids[i]->str);
				if (!m->aside)
					m->aside = NEW(L, char *, CH_COUNT);
				m->aside[ch] =
				    text_of(L, c, x->kids[i + 1], "aside");
			}
		if ((x = f[N_WANTED]))
			m->wanted = link_list(L, c, x, "wanted", &m->nwanted);
		if ((x = f[N_LINKS]))
			m->links = link_list(L, c, x, "links", &m->nlinks);
	}
	if ((x = f[N_STORIES]))
		n->stories = story_list(L, c, x, "stories", &n->nstories);
	if ((x = f[N_ENDING]))
		yt_bool(c, x, "ending", &n->ending);
	if ((x = f[N_RECAP]))
		yt_bool(c, x, "recap", &n->recap);
	if ((x = f[N_DEBRIEF]))
		yt_bool(c, x, "debrief", &n->debrief);
	if ((x = f[N_CHOICES])) {
		if (x->kind != YN_SEQ) {
			yt_error(c, x,
			    "'choices' must be a list of choices, "
			    "found %s",
			    yt_kind_name(x));
			return;
		}
		n->choices = NEW(L, struct choice, x->n);
		n->nchoices = (uint32_t)x->n;
		for (size_t i = 0; i < x->n; i++)
			parse_choice(L, c, x->kids[i], &n->choices[i]);
		choice_ids(L, c, x, n);
		/* a debrief line names its node's first card unless told */
		for (size_t i = 0; i < n->nchoices; i++) {
			struct debrief *d =
			    (struct debrief *)n->choices[i].debrief;
			if (d && !d->story && n->nstories)
				d->story = n->stories[0];
		}
	}
}

/* Where an object was first defined, for "first defined ..." */
static void
path_origin(const void *o, strbuf *b)
{
	sb_printf(b, "in %s", ((const struct path *)o)->file);
}

static void
stage_origin(const void *o, strbuf *b)
{
	const struct stage *st = o;
	sb_printf(b, "at %s:%d", st->file, st->line);
}

static void
node_origin(const void *o, strbuf *b)
{
	const struct node *n = o;
	sb_printf(b, "at %s:%d", n->path->file, n->line);
}

/* Enters obj under id in ids.  A duplicate is an error at `at` naming
 * where the first was defined; the first keeps the id. */
static void
claim_id(const yt_ctx *c, hmap *ids, const char *id, void *obj, const ynode *at,
    const char *kind, void (*origin)(const void *, strbuf *))
{
	void *old = hmap_get(ids, id);
	if (!old || old == obj) {
		hmap_put(ids, id, obj);
		return;
	}
	strbuf b = {0};
	origin(old, &b);
	yt_error(c, at, "duplicate %s id '%s': first defined %s", kind, id,
	    b.s);
	sb_free(&b);
}

/* claim_id for a node, whose table is a kset (keyed by the first member) */
_Static_assert(offsetof(struct node, id) == 0, "a node's id comes first");
static void
claim_node(const yt_ctx *c, kset *ids, struct node *n, const ynode *at)
{
	struct node *old = kset_get(ids, n->id);
	if (!old || old == n) {
		kset_put(ids, n);
		return;
	}
	strbuf b = {0};
	node_origin(old, &b);
	yt_error(c, at, "duplicate node id '%s': first defined %s", n->id, b.s);
	sb_free(&b);
}

/* One stage of path p, from its tree s. */
static void
define_stage(struct loader *L, const yt_ctx *c, const ynode *s, struct path *p,
    size_t *cap)
{
	const ynode *f[S_N];
	const ynode *v;
	if (!yt_is_map(c, s, "a stage") ||
	    !yt_fields(c, s, stage_keys, "a stage", f))
		return;
	struct stage *st = NEW(L, struct stage, 1);
	st->path = p;
	st->file = p->file;
	st->line = s->line;
	st->col = s->col;
	st->index = L->g->nstages;
	VEC_PUSH(L->g->stages, L->g->nstages, L->cap_stages, st);
	VEC_PUSH(p->stages, p->nstages, *cap, st);
	if ((v = yt_require(c, s, f[S_ID], "id", "a stage")) &&
	    (st->id = id_of(L, c, v, "id")))
		claim_id(c, L->g->stage_ids, st->id, st, v, "stage",
		    stage_origin);
	if ((v = yt_require(c, s, f[S_TITLE], "title", "a stage")))
		st->title = text_of(L, c, v, "title");
	if ((v = f[S_FUTURE]))
		st->future = story_list(L, c, v, "future", &st->nfuture);
	if ((v = f[S_HOPES]))
		st->hopes = link_list(L, c, v, "hopes", &st->nhopes);
}

/* One node of path p, from its tree s: a node named earlier gets its
 * definition now; a second definition of an id is an error. */
static void
define_node(struct loader *L, const yt_ctx *c, const ynode *s, struct path *p,
    size_t *cap)
{
	const ynode *f[N_N];
	const ynode *v;
	const char *id;
	if (!yt_is_map(c, s, "a node") ||
	    !yt_fields(c, s, node_keys, "a node", f) ||
	    !(v = yt_require(c, s, f[N_ID], "id", "a node")) ||
	    !(id = yt_idstr(c, v, "id")))
		return;
	struct node *n = kset_get(L->g->node_ids, id);
	bool named = n && !defined(n); /* named before: this defines it */
	if (!named) {
		n = NEW(L, struct node, 1);
		n->id = keep(L, id);
	}
	n->path = p;
	n->line = s->line;
	n->col = s->col;
	n->index = (uint32_t)L->g->nnodes;
	VEC_PUSH(L->g->nodes, L->g->nnodes, L->cap_nodes, n);
	VEC_PUSH(p->nodes, p->nnodes, *cap, n);
	if (!named) /* a node named before holds its id already */
		claim_node(c, L->g->node_ids, n, v);
	build_node(L, c, s, f, n);
	n->words = (uint32_t)readtime_node_words(n);
}

/* The value of a list key of the path file ('stages', 'nodes'), item by
 * item through define; it must be a non-empty list. */
static void
path_list(struct loader *L, const yt_ctx *c, yt_stream *ys, const char *key,
    const char *what, struct path *p,
    void (*define)(struct loader *, const yt_ctx *, const ynode *,
        struct path *, size_t *))
{
	const ynode *x = yt_list(ys), *item;
	if (!x)
		return;
	int line = x->line, col = x->col;
	size_t n = 0, cap = 0;
	if (x->kind == YN_SEQ)
		while ((item = yt_item(ys))) {
			define(L, c, item, p, &cap);
			n++;
		}
	if (x->kind != YN_SEQ || (n == 0 && !yt_failed(ys))) {
		ynode at = {.line = line, .col = col};
		yt_error(c, &at,
		    "'%s' must be a non-empty list of %s, found "
		    "%s",
		    key, what,
		    x->kind == YN_SEQ ? "an empty list" : yt_kind_name(x));
	}
}

/* The path file's scalar keys. */
static void
path_scalar(struct loader *L, const yt_ctx *c, int key, const ynode *k,
    const ynode *x, struct path *p)
{
	if (key == PK_ID) {
		if ((p->id = id_of(L, c, x, "id")))
			claim_id(c, L->g->path_ids, p->id, p, x, "path",
			    path_origin);
	} else if (key == PK_TITLE) {
		p->title = text_of(L, c, x, "title");
	} else if (key == PK_SUMMARY) {
		p->summary = text_of(L, c, x, "summary");
	} else if (key == PK_DEFAULT) {
		yt_bool(c, x, "default", &p->is_default);
		if (p->is_default && ++L->ndefault == 2)
			yt_error(c, k,
			    "a second path marked 'default: true': "
			    "expected at most one");
	} else if (key == PK_START) {
		const char *id = yt_idstr(c, x, "start");
		if (id)
			add_ref(L,
			    &(struct ref){.kind = REF_START,
			        .node = node_named(L, id),
			        .path = p,
			        .file = c->file,
			        .line = x->line,
			        .col = x->col});
	}
}

/* Reads path file pf key by key: the path, its stages and nodes. */
static void
read_path(struct loader *L, const char *file, FILE *fp)
{
	yt_ctx c = {file, L->d};
	yt_stream *ys = yt_open(file, fp, L->d);
	const ynode *r = yt_root(ys), *k, *v;
	if (!r || !yt_is_map(&c, r, "a path file")) {
		yt_close(ys);
		return;
	}
	struct path *p = NEW(L, struct path, 1);
	p->file = keep(L, file);
	VEC_PUSH(L->g->paths, L->g->npaths, L->cap_paths, p);
	const ynode *first[YT_MAX_KEYS] = {0};
	while ((k = yt_next_key(ys))) {
		int a = yt_key_index(&c, k, path_keys, "a path file", first);
		if (a == PK_STAGES)
			path_list(L, &c, ys, "stages", "stages", p,
			    define_stage);
		else if (a == PK_NODES)
			path_list(L, &c, ys, "nodes", "nodes", p, define_node);
		else if (a >= 0) {
			if ((v = yt_value(ys))) /* NULL: the error is kept */
				path_scalar(L, &c, a, k, v, p);
		} else
			yt_value(ys); /* an error already: skip it */
	}
	for (size_t i = 0; path_keys[i] && !yt_failed(ys); i++)
		if (!first[i] && i != PK_SUMMARY && i != PK_DEFAULT)
			yt_error(&c, r,
			    "the path file has no '%s': it is "
			    "required",
			    path_keys[i]);
	yt_close(ys);
}

/* Opens and reads one path file; errors name the file. */
static void
load_path_file(struct loader *L, const char *file)
{
	size_t size;
	int fd = -1;
	FILE *fp = NULL;
	if ((fd = open_regular(file, PATH_FILE_MAX, &size)) >= 0 &&
	    !(fp = fdopen(fd, "rb")))
		close(fd);
	if (!fp) {
		diag_add(L->d, DIAG_ERROR, EXIT_NOINPUT, file, 0, 0,
		    "cannot read: %s", read_file_error(errno));
		return;
	}
	read_path(L, file, fp);
	fclose(fp);
}

/* Every reference still pending: it holds, or it is an error where it
 * was written. */
static void
check_refs(struct loader *L)
{
	for (size_t i = 0; i < L->nrefs; i++) {
		struct ref *r = &L->refs[i];
		yt_ctx c = {r->file, L->d};
		ynode at = {.line = r->line, .col = r->col};
		struct stage *st;
		switch (r->kind) {
		case REF_TO:
			if (!defined(r->node))
				yt_error(&c, &at,
				    "choice leads to '%s', which "
				    "does not exist: expected the id of a node",
				    r->node->id);
			break;
		case REF_LIST:
			if (!defined(r->node))
				yt_error(&c, &at,
				    "'%s' names node '%s', which "
				    "does not exist: expected the id of a node",
				    r->key, r->node->id);
			break;
		case REF_START:
			if (!defined(r->node))
				yt_error(&c, &at,
				    "start node '%s' does not "
				    "exist: expected the id of a node",
				    r->node->id);
			else if (r->node->path != r->path)
				yt_error(&c, &at,
				    "start node '%s' belongs to "
				    "path '%s': expected a node of this path",
				    r->node->id, r->node->path->id);
			else
				r->path->start = r->node;
			break;
		case REF_CHOICE:
			break; /* resolve_choices */
		case REF_STAGE:
			st = hmap_get(L->g->stage_ids, r->id);
			if (!st)
				yt_error(&c, &at,
				    "unknown stage '%s': expected "
				    "one of the stages listed in this path",
				    r->id);
			else if (st->path != r->from->path)
				yt_error(&c, &at,
				    "stage '%s' belongs to path "
				    "'%s': expected a stage of path '%s'",
				    r->id, st->path->id, r->from->path->id);
			r->from->stage = st;
			free(r->id);
			break;
		}
	}
}

/* Numbers every choice (guide->choices) and puts each choice that 'took'
 * or 'not_took' names in place of its stand-in: an id must belong to
 * exactly one choice of the data folder. */
static void
resolve_choices(struct loader *L)
{
	struct guide *g = L->g;
	static char ambiguous;
	hmap *ids = hmap_new();
	for (size_t i = 0; i < g->nnodes; i++)
		g->nchoices += g->nodes[i]->nchoices;
	g->choices = xcalloc(g->nchoices + 1, sizeof *g->choices);
	size_t k = 0;
	for (size_t i = 0; i < g->nnodes; i++)
		for (size_t c = 0; c < g->nodes[i]->nchoices; c++) {
			struct choice *ch = &g->nodes[i]->choices[c];
			ch->index = (uint32_t)k;
			ch->node = g->nodes[i];
			g->choices[k++] = ch;
			if (!ch->id || !hmap_get(L->choice_names, ch->id))
				continue;
			hmap_put(ids, ch->id,
			    hmap_get(ids, ch->id) ? (void *)&ambiguous : ch);
		}
	for (size_t i = 0; i < L->nrefs; i++) {
		struct ref *r = &L->refs[i];
		if (r->kind != REF_CHOICE)
			continue;
		yt_ctx c = {r->file, L->d};
		ynode at = {.line = r->line, .col = r->col};
		void *ch = hmap_get(ids, r->choice->id);
		if (!ch)
			yt_error(&c, &at,
			    "'%s' names choice '%s', which does not exist: "
			    "expected the id of a choice",
			    r->key, r->choice->id);
		else if (ch == &ambiguous)
			yt_error(&c, &at,
			    "'%s' names choice '%s', which more than one node "
			    "has: give the choice meant an 'id:' of its own",
			    r->key, r->choice->id);
	}
	for (size_t i = 0; i < L->ntook_lists; i++)
		for (uint32_t j = 0; j < L->took_lists[i].n; j++) {
			void *ch = hmap_get(ids, L->took_lists[i].v[j]->id);
			if (ch && ch != &ambiguous)
				L->took_lists[i].v[j] = ch;
		}
	hmap_free(ids);
}

static int
cmp_story(const void *a, const void *b)
{
	return strcmp((*(struct story *const *)a)->id,
	    (*(struct story *const *)b)->id);
}

/* Loads every card in dir; errors go to L->d. */
static void
load_stories(struct loader *L, const char *dir)
{
	size_t n;
	char **files = files_list_paths(dir, ".md", &n);
	if (!files) {
		diag_add(L->d, DIAG_ERROR, EXIT_NOINPUT, dir, 0, 0,
		    "cannot open the stories folder: %s",
		    read_file_error(errno));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct story *s = story_load_in(files[i], L->d, &L->g->mem);
		if (!s)
			continue;
		s->words = readtime_story_words(s);
		VEC_PUSH(L->g->stories, L->g->nstories, L->cap_stories, s);
	}
	yt_free_texts(files, n);
	if (L->g->nstories) /* no cards: no array (qsort wants one) */
		qsort(L->g->stories, L->g->nstories, sizeof *L->g->stories,
		    cmp_story);
	for (size_t i = 0; i < L->g->nstories; i++) {
		struct story *s = L->g->stories[i];
		s->index = i;
		hmap_put(L->g->story_ids, s->id, s);
	}
}

/* Reads every path file in pdir. */
static void
load_paths(struct loader *L, const char *pdir)
{
	size_t n = 0;
	char **files = files_list_paths(pdir, ".yaml", &n);
	if (!files)
		diag_add(L->d, DIAG_ERROR, EXIT_NOINPUT, pdir, 0, 0,
		    "cannot open the paths folder: %s", read_file_error(errno));
	else if (n == 0)
		diag_add(L->d, DIAG_ERROR, EXIT_NOINPUT, pdir, 0, 0,
		    "no path files: expected at least one paths/NAME.yaml");
	for (size_t i = 0; i < n; i++)
		load_path_file(L, files[i]);
	L->files = files; /* references name them until check_refs */
	L->nfiles = n;
}

/* Frees what the loader kept beside the guide; nodes named but never
 * defined are not in the guide's lists, so they go here. */
static void
loader_free(struct loader *L)
{
	hmap_free(L->strings);
	hmap_free(L->choice_names);
	free(L->took_lists);
	bmap_free(L->conds);
	bmap_free(L->effects);
	arena_free(L->scratch);
	free(L->key);
	free(L->refs);
	yt_free_texts(L->files, L->nfiles);
	free(L->story_mark);
}

struct guide *
guide_load(const char *datadir, diag_list *d)
{
	struct stat st;
	if (stat(datadir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_add(d, DIAG_ERROR, EXIT_NOINPUT, datadir, 0, 0,
		    "no data folder here: expected a folder holding paths/ "
		    "and stories/");
		return NULL;
	}
	size_t before = diag_count(d, DIAG_ERROR);
	struct guide *g = xcalloc(1, sizeof *g);
	g->datadir = xstrdup(datadir);
	g->node_ids = kset_new();
	g->story_ids = hmap_new();
	g->stage_ids = hmap_new();
	g->path_ids = hmap_new();
	g->flag_ids = hmap_new();
	struct loader L = {.g = g,
	    .d = d,
	    .strings = hmap_new(),
	    .choice_names = hmap_new(),
	    .conds = bmap_new(),
	    .effects = bmap_new()};

	char *dir = xasprintf("%s/stories", datadir);
	load_stories(&L, dir);
	free(dir);
	L.story_mark = xcalloc(g->nstories + 1, sizeof *L.story_mark);
	dir = xasprintf("%s/paths", datadir);
	load_paths(&L, dir);
	free(dir);
	check_refs(&L);
	resolve_choices(&L);
	loader_free(&L);
	if (diag_count(d, DIAG_ERROR) > before) {
		guide_free(g);
		return NULL;
	}
	return g;
}
