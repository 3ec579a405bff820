/* yamltree: see include/yamltree.h. */
#include "yamltree.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

#define MAX_DEPTH 64

/* The root node sits in a box that also holds the arena's head. */
struct root_box {
	struct arena *arena;
	ynode node;
};

/* A node with extra bytes after it (a scalar's text). */
static ynode *
node_new_extra(struct arena **a, enum ynode_kind kind, const yaml_mark_t *m,
    int off, bool root, size_t extra)
{
	ynode *n;
	if (root) {
		struct root_box *box = arena_alloc(a, sizeof *box + extra,
		    _Alignof(struct root_box));
		n = &box->node;
	} else {
		n = arena_alloc(a, sizeof *n + extra, _Alignof(ynode));
	}
	*n = (ynode){.kind = (unsigned char)kind,
	    .line = (int)m->line + 1 + off,
	    .col = (int)m->column + 1};
	return n;
}

static ynode *
node_new(struct arena **a, enum ynode_kind kind, const yaml_mark_t *m, int off,
    bool root)
{
	return node_new_extra(a, kind, m, off, root, 0);
}

void
yt_free(ynode *n)
{
	if (n)
		arena_free(((struct root_box *)(void *)((char *)n -
		                offsetof(struct root_box, node)))
		               ->arena);
}

/* A parse: libyaml's parser, where its input comes from, and the tree
 * being built. */
struct yt_parse {
	yaml_parser_t p;
	const char *file, *buf; /* buf: the input, when it is in memory */
	size_t len; /* of buf */
	FILE *fp; /* else the input file */
	bool inited; /* p is initialised */
	int off; /* lines before the input in the file */
	diag_list *d;
	struct arena *arena; /* where the tree being built goes */
	bool failed;
	ynode *stack[MAX_DEPTH]; /* the open collections */
	size_t base[MAX_DEPTH]; /* where each one's kids start in kids */
	int depth;
	ynode **kids; /* the kids of the open collections, in order */
	size_t nkids, cap_kids;
};

static void event_error(struct yt_parse *P, const yaml_mark_t *m,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records an error at mark m (shifted by the document's offset). */
static void
event_error(struct yt_parse *P, const yaml_mark_t *m, const char *fmt, ...)
{
	strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_add(P->d, DIAG_ERROR, EXIT_DATA, P->file,
	    (int)m->line + 1 + P->off, (int)m->column + 1, "%s", b.s);
	sb_free(&b);
	P->failed = true;
}

/* Line and column of byte off of the input (for reader errors, which
 * carry an offset, not a line). */
static void
input_position(struct yt_parse *P, size_t off, int *line, int *col)
{
	if (P->buf) {
		text_position(P->buf, off, line, col);
		return;
	}
	/* a file: read it again up to off, only on this error path */
	char *head = xmalloc(off + 1);
	size_t n = 0;
	if (fseek(P->fp, 0, SEEK_SET) == 0)
		n = fread(head, 1, off, P->fp);
	head[n] = '\0';
	text_position(head, n, line, col);
	free(head);
}

/* Records libyaml's own error with the best location it offers. */
static void
parser_error(struct yt_parse *P)
{
	const yaml_parser_t *p = &P->p;
	const char *what = p->problem ? p->problem : "malformed YAML";
	if (p->error == YAML_READER_ERROR) {
		int line, col;
		input_position(P, p->problem_offset, &line, &col);
		diag_add(P->d, DIAG_ERROR, EXIT_DATA, P->file, line + P->off,
		    col, "%s: expected UTF-8 text", what);
		P->failed = true;
	} else if (p->context) {
		event_error(P, &p->problem_mark,
		    "YAML syntax: %s, %s that "
		    "starts at line %d",
		    what, p->context, (int)p->context_mark.line + 1 + P->off);
	} else {
		event_error(P, &p->problem_mark, "YAML syntax: %s", what);
	}
}

/* The next event into ev; false (after recording why) when there is
 * none.  The caller deletes ev. */
static bool
next_event(struct yt_parse *P, yaml_event_t *ev)
{
	if (P->failed)
		return false;
	if (!yaml_parser_parse(&P->p, ev)) {
		parser_error(P);
		return false;
	}
	return true;
}

/* A scalar node for ev, or NULL after an error. */
static ynode *
scalar_node(struct yt_parse *P, const yaml_event_t *ev, bool root)
{
	size_t len = ev->data.scalar.length;
	if (memchr(ev->data.scalar.value, '\0', len)) {
		event_error(P, &ev->start_mark,
		    "a NUL character in a text: "
		    "expected printable text");
		return NULL;
	}
	/* the text right after the node, in the same block */
	ynode *n = node_new_extra(&P->arena, YN_SCALAR, &ev->start_mark, P->off,
	    root, len + 1);
	n->str = (char *)(n + 1);
	memcpy(n->str, ev->data.scalar.value, len);
	n->str[len] = '\0';
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return n;
}

/* Places n under the open collection (or as the value built).  Kids
 * wait on one stack shared by every open collection; a collection gets
 * an array of its own size when it closes. */
static void
attach(struct yt_parse *P, ynode **value, ynode *n)
{
	if (P->depth == 0)
		*value = n;
	else
		VEC_PUSH(P->kids, P->nkids, P->cap_kids, n);
	if (n->kind != YN_SCALAR) {
		P->base[P->depth] = P->nkids;
		P->stack[P->depth++] = n;
	}
}

/* The innermost open collection is complete: its kids move off the
 * stack into the arena. */
static void
close_collection(struct yt_parse *P)
{
	ynode *n = P->stack[--P->depth];
	size_t base = P->base[P->depth];
	n->n = P->nkids - base;
	/* An empty collection has no kids, and the stack may not exist yet
	 * (P->kids NULL: NULL + 0 is undefined). */
	n->kids = n->n ? arena_memdup(&P->arena, P->kids + base,
	                     n->n * sizeof *n->kids, _Alignof(ynode *))
	               : NULL;
	P->nkids = base;
}

/* Adds event ev to the value being built; false after an error. */
static bool
on_event(struct yt_parse *P, const yaml_event_t *ev, ynode **value, bool root)
{
	ynode *n;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		event_error(P, &ev->start_mark,
		    "YAML alias '*%s': anchors "
		    "and aliases are not supported, write the value out",
		    (const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT:
		if (!(n = scalar_node(P, ev, root && P->depth == 0)))
			return false;
		attach(P, value, n);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (P->depth == MAX_DEPTH) {
			event_error(P, &ev->start_mark,
			    "nesting deeper than "
			    "%d levels",
			    MAX_DEPTH);
			return false;
		}
		attach(P, value,
		    node_new(&P->arena,
		        ev->type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP,
		        &ev->start_mark, P->off, root && P->depth == 0));
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_collection(P);
		return true;
	default: /* stream and document events come only between values */
		return true;
	}
}

/* Builds the whole value whose first event is ev (deleted here) in
 * P->arena; NULL after an error.  root: the value gets a root box. */
static ynode *
build(struct yt_parse *P, yaml_event_t *ev, bool root)
{
	ynode *value = NULL;
	bool ok = on_event(P, ev, &value, root);
	yaml_event_delete(ev);
	while (ok && P->depth > 0) {
		if (!next_event(P, ev))
			return NULL;
		ok = on_event(P, ev, &value, root);
		yaml_event_delete(ev);
	}
	P->depth = 0;
	P->nkids = 0;
	return ok ? value : NULL;
}

/* After a document's value: its end, then the end of the stream (a
 * second document is an error). */
static void
finish(struct yt_parse *P)
{
	yaml_event_t ev;
	while (next_event(P, &ev)) {
		yaml_event_type_t t = ev.type;
		if (t == YAML_DOCUMENT_START_EVENT)
			event_error(P, &ev.start_mark,
			    "a second YAML document: "
			    "expected one document per file");
		yaml_event_delete(&ev);
		if (t == YAML_DOCUMENT_START_EVENT ||
		    t == YAML_STREAM_END_EVENT)
			return;
	}
}

/* Starts P and pulls the document's first value event into ev; false
 * (after recording why) when there is none. */
static bool
start(struct yt_parse *P, yaml_event_t *ev)
{
	if (!yaml_parser_initialize(&P->p)) {
		diag_add(P->d, DIAG_ERROR, EXIT_SOFTWARE, P->file, 0, 0,
		    "cannot start the YAML parser");
		P->failed = true;
		return false;
	}
	P->inited = true;
	if (P->buf)
		yaml_parser_set_input_string(&P->p,
		    (const unsigned char *)P->buf, P->len);
	else
		yaml_parser_set_input_file(&P->p, P->fp);
	while (next_event(P, ev)) {
		if (ev->type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(ev);
			diag_add(P->d, DIAG_ERROR, EXIT_DATA, P->file,
			    P->off + 1, 1,
			    "the file is empty: expected a "
			    "mapping");
			P->failed = true;
			return false;
		}
		if (ev->type != YAML_STREAM_START_EVENT &&
		    ev->type != YAML_DOCUMENT_START_EVENT)
			return true;
		yaml_event_delete(ev);
	}
	return false;
}

ynode *
yt_parse(const char *file, const char *buf, size_t len, int off, diag_list *d)
{
	struct yt_parse P = {.file = file,
	    .buf = buf,
	    .len = len,
	    .off = off,
	    .d = d};
	yaml_event_t ev;
	ynode *root = NULL;
	if (start(&P, &ev) && (root = build(&P, &ev, true)))
		finish(&P);
	if (P.inited)
		yaml_parser_delete(&P.p);
	free(P.kids);
	if (P.failed) {
		arena_free(P.arena);
		return NULL;
	}
	((struct root_box *)(void *)((char *)root -
	     offsetof(struct root_box, node)))
	    ->arena = P.arena;
	return root;
}

/* A streamed document: the root mapping's keys one by one, each value
 * whole or, for a list, item by item. */
struct yt_stream {
	struct yt_parse P;
	struct arena *keep; /* the root node and the keys */
	struct arena *value; /* the value or list last returned */
	struct arena *item; /* the item last returned */
	ynode *root;
	bool in_list, ended;
};

/* build() into arena *a. */
static ynode *
build_in(yt_stream *s, struct arena **a, yaml_event_t *ev)
{
	s->P.arena = *a;
	ynode *v = build(&s->P, ev, false);
	*a = s->P.arena;
	s->P.arena = NULL;
	return v;
}

yt_stream *
yt_open(const char *file, FILE *fp, diag_list *d)
{
	yt_stream *s = xcalloc(1, sizeof *s);
	s->P.file = file;
	s->P.fp = fp;
	s->P.d = d;
	yaml_event_t ev;
	if (!start(&s->P, &ev)) {
		s->ended = true;
		return s;
	}
	if (ev.type == YAML_MAPPING_START_EVENT) {
		s->root = node_new(&s->keep, YN_MAP, &ev.start_mark, 0, false);
		yaml_event_delete(&ev);
		return s;
	}
	/* not a mapping: the whole value, for the caller's error */
	s->root = build_in(s, &s->keep, &ev);
	s->ended = true;
	return s;
}

const ynode *
yt_root(const yt_stream *s)
{
	return s->root;
}

bool
yt_failed(const yt_stream *s)
{
	return s->P.failed;
}

/* The next event inside the root mapping into ev; false at its end (the
 * rest of the stream then checked) or after an error. */
static bool
stream_event(yt_stream *s, yaml_event_t *ev)
{
	if (s->ended || !next_event(&s->P, ev))
		return false;
	if (ev->type == YAML_MAPPING_END_EVENT) {
		yaml_event_delete(ev);
		s->ended = true;
		finish(&s->P);
		return false;
	}
	return true;
}

const ynode *
yt_next_key(yt_stream *s)
{
	yaml_event_t ev;
	while (s->in_list && yt_item(s))
		; /* the caller left a list early: skip the rest */
	if (!stream_event(s, &ev))
		return NULL;
	return build_in(s, &s->keep, &ev);
}

const ynode *
yt_value(yt_stream *s)
{
	yaml_event_t ev;
	if (!stream_event(s, &ev))
		return NULL;
	arena_reset(&s->value);
	return build_in(s, &s->value, &ev);
}

const ynode *
yt_list(yt_stream *s)
{
	yaml_event_t ev;
	if (!stream_event(s, &ev))
		return NULL;
	arena_reset(&s->value);
	if (ev.type != YAML_SEQUENCE_START_EVENT)
		return build_in(s, &s->value, &ev);
	/* the list itself, without items: yt_item reads them */
	ynode *v = node_new(&s->value, YN_SEQ, &ev.start_mark, 0, false);
	yaml_event_delete(&ev);
	s->in_list = true;
	return v;
}

const ynode *
yt_item(yt_stream *s)
{
	yaml_event_t ev;
	if (!s->in_list || !next_event(&s->P, &ev)) {
		s->in_list = false;
		return NULL;
	}
	if (ev.type == YAML_SEQUENCE_END_EVENT) {
		yaml_event_delete(&ev);
		s->in_list = false;
		return NULL;
	}
	arena_reset(&s->item);
	return build_in(s, &s->item, &ev);
}

void
yt_close(yt_stream *s)
{
	if (!s)
		return;
	if (s->P.inited)
		yaml_parser_delete(&s->P.p);
	free(s->P.kids);
	arena_free(s->keep);
	arena_free(s->value);
	arena_free(s->item);
	free(s);
}

const char *
yt_kind_name(const ynode *n)
{
	switch (n->kind) {
	case YN_MAP:
		return "a mapping";
	case YN_SEQ:
		return "a list";
	default:
		return "a text";
	}
}

/* Index of key in map's kids, or map->n when absent. */
static size_t
key_index(const ynode *map, const char *key)
{
	size_t i = 0;
	while (i + 1 < map->n &&
	    (map->kids[i]->kind != YN_SCALAR ||
	        strcmp(map->kids[i]->str, key) != 0))
		i += 2;
	return i + 1 < map->n ? i : map->n;
}

const ynode *
yt_key(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	size_t i = key_index(map, key);
	return i < map->n ? map->kids[i] : NULL;
}

const ynode *
yt_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	size_t i = key_index(map, key);
	return i < map->n ? map->kids[i + 1] : NULL;
}

void
yt_error(const yt_ctx *c, const ynode *v, const char *fmt, ...)
{
	strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_add(c->d, DIAG_ERROR, EXIT_DATA, c->file, v ? v->line : 0,
	    v ? v->col : 0, "%s", b.s);
	sb_free(&b);
}

bool
yt_is_map(const yt_ctx *c, const ynode *v, const char *what)
{
	if (v->kind == YN_MAP)
		return true;
	yt_error(c, v, "%s must be a mapping of keys to values, found %s", what,
	    yt_kind_name(v));
	return false;
}

/* "unknown key" for k, naming the keys allowed. */
static void
unknown_key(const yt_ctx *c, const ynode *k, const char *const *allowed,
    const char *what)
{
	strbuf b = {0};
	for (size_t a = 0; allowed[a]; a++)
		sb_printf(&b, "%s%s", a ? ", " : "", allowed[a]);
	yt_error(c, k, "unknown key '%s' in %s: expected one of %s", k->str,
	    what, b.s);
	sb_free(&b);
}

int
yt_key_index(const yt_ctx *c, const ynode *k, const char *const *allowed,
    const char *what, const ynode **first)
{
	if (k->kind != YN_SCALAR) {
		yt_error(c, k, "a key of %s must be a text, found %s", what,
		    yt_kind_name(k));
		return -1;
	}
	int a = 0;
	while (allowed[a] &&
	    (allowed[a][0] != k->str[0] || strcmp(allowed[a], k->str) != 0))
		a++;
	if (!allowed[a]) {
		unknown_key(c, k, allowed, what);
		return -1;
	}
	if (a >= YT_MAX_KEYS)
		abort(); /* a schema longer than YT_MAX_KEYS keys */
	if (first[a]) {
		yt_error(c, k,
		    "key '%s' appears twice in %s (first at line %d)", k->str,
		    what, first[a]->line);
		return -1;
	}
	first[a] = k;
	return a;
}

bool
yt_keys(const yt_ctx *c, const ynode *map, const char *const *allowed,
    const char *what)
{
	/* one pass: each allowed key remembers where it was first seen */
	const ynode *first[YT_MAX_KEYS] = {0};
	bool ok = true;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		ok &= yt_key_index(c, map->kids[i], allowed, what, first) >= 0;
	return ok;
}

bool
yt_fields(const yt_ctx *c, const ynode *map, const char *const *allowed,
    const char *what, const ynode **vals)
{
	const ynode *first[YT_MAX_KEYS] = {0};
	bool ok = true;
	for (size_t a = 0; allowed[a]; a++)
		vals[a] = NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		int a = yt_key_index(c, map->kids[i], allowed, what, first);
		if (a >= 0)
			vals[a] = map->kids[i + 1];
		ok &= a >= 0;
	}
	return ok;
}

const ynode *
yt_require(const yt_ctx *c, const ynode *map, const ynode *v, const char *key,
    const char *what)
{
	if (!v)
		yt_error(c, map, "%s has no '%s': it is required", what, key);
	return v;
}

const ynode *
yt_need(const yt_ctx *c, const ynode *map, const char *key, const char *what)
{
	return yt_require(c, map, yt_get(map, key), key, what);
}

const char *
yt_str(const yt_ctx *c, const ynode *v, const char *key)
{
	if (v->kind != YN_SCALAR) {
		yt_error(c, v, "'%s' must be a text, found %s", key,
		    yt_kind_name(v));
		return NULL;
	}
	if (v->len == 0 || (v->plain && v->len == 1 && v->str[0] == '~') ||
	    (v->plain && v->len == 4 && memcmp(v->str, "null", 4) == 0)) {
		yt_error(c, v, "'%s' is empty: expected a text", key);
		return NULL;
	}
	return v->str;
}

char *
yt_text(const yt_ctx *c, const ynode *v, const char *key)
{
	const char *s = yt_str(c, v, key);
	return s ? xstrdup(s) : NULL;
}

bool
yt_is_id(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		        *s == '-'))
			return false;
	return true;
}

const char *
yt_idstr(const yt_ctx *c, const ynode *v, const char *key)
{
	const char *s = yt_str(c, v, key);
	if (s && !yt_is_id(s)) {
		yt_error(c, v,
		    "'%s' is not a valid id: expected lowercase "
		    "letters, digits and '-', like 'pick-runtime'",
		    s);
		return NULL;
	}
	return s;
}

char *
yt_id(const yt_ctx *c, const ynode *v, const char *key)
{
	const char *s = yt_idstr(c, v, key);
	return s ? xstrdup(s) : NULL;
}

void
yt_bool(const yt_ctx *c, const ynode *v, const char *key, bool *out)
{
	if (v->kind == YN_SCALAR && v->plain &&
	    (strcmp(v->str, "true") == 0 || strcmp(v->str, "false") == 0)) {
		*out = v->str[0] == 't';
		return;
	}
	yt_error(c, v, "'%s' must be true or false, found %s", key,
	    v->kind == YN_SCALAR ? "another text" : yt_kind_name(v));
}

void
yt_free_texts(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

bool
yt_strs(const yt_ctx *c, const ynode *v, const char *key, bool ids)
{
	if (v->kind != YN_SEQ) {
		yt_error(c, v, "'%s' must be a list (like [a, b]), found %s",
		    key, yt_kind_name(v));
		return false;
	}
	for (size_t i = 0; i < v->n; i++)
		if (!(ids ? yt_idstr(c, v->kids[i], key)
		          : yt_str(c, v->kids[i], key)))
			return false;
	return true;
}

char **
yt_texts(const yt_ctx *c, const ynode *v, const char *key, bool ids, size_t *n)
{
	*n = 0;
	if (!yt_strs(c, v, key, ids))
		return NULL;
	char **out = xcalloc(v->n + 1, sizeof *out);
	for (size_t i = 0; i < v->n; i++)
		out[i] = xstrdup(v->kids[i]->str);
	*n = v->n;
	return out;
}
