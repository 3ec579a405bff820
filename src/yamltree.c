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

/* Nodes, texts and lists of a tree come from chunks freed together. */
struct yt_arena {
	struct yt_arena *next;
	size_t used, cap;
	_Alignas(max_align_t) unsigned char data[];
};

/* n bytes aligned to align (a power of two, at most max_align_t's). */
static void *
arena_alloc(struct yt_arena **a, size_t n, size_t align)
{
	if (*a)
		(*a)->used = ((*a)->used + align - 1) & ~(align - 1);
	if (!*a || (*a)->used + n > (*a)->cap) {
		size_t cap = n > 65536 ? n : 65536;
		struct yt_arena *c = xmalloc(sizeof *c + cap);
		c->next = *a;
		c->used = 0;
		c->cap = cap;
		*a = c;
	}
	void *p = (*a)->data + (*a)->used;
	(*a)->used += n;
	return p;
}

static void
arena_free(struct yt_arena *a)
{
	while (a) {
		struct yt_arena *next = a->next;
		free(a);
		a = next;
	}
}

/* The root node sits in a box that also holds the arena's head. */
struct root_box {
	struct yt_arena *arena;
	ynode node;
};

static ynode *
node_new(struct yt_arena **a, enum ynode_kind kind, const yaml_mark_t *m,
    int off, bool root)
{
	ynode *n;
	if (root) {
		struct root_box *box = arena_alloc(a, sizeof *box,
		    _Alignof(struct root_box));
		n = &box->node;
	} else {
		n = arena_alloc(a, sizeof *n, _Alignof(ynode));
	}
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = (int)m->line + 1 + off;
	n->col = (int)m->column + 1;
	return n;
}

void
yt_free(ynode *n)
{
	if (n)
		arena_free(((struct root_box *)(void *)((char *)n -
		    offsetof(struct root_box, node)))->arena);
}

/* Appends kid; a full list moves to a twice larger one in the arena. */
static void
add_kid(struct yt_arena **a, ynode *parent, ynode *kid)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 4;
		if (cap > SIZE_MAX / 2 / sizeof(ynode *))
			abort(); /* cannot happen below the arena's reach */
		ynode **k = arena_alloc(a, cap * sizeof *k, _Alignof(ynode *));
		if (parent->n)
			memcpy(k, parent->kids, parent->n * sizeof *k);
		parent->kids = k;
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
}

/* The parse of one document: libyaml's parser and the tree it builds. */
struct yt_parse {
	yaml_parser_t p;
	const char *file, *buf;
	int off; /* lines before buf in the file */
	diag_list *d;
	struct yt_arena *arena;
	ynode *stack[MAX_DEPTH];
	int depth, docs;
	ynode *root;
};

static void
event_error(struct yt_parse *P, const yaml_mark_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

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
}

/* Records libyaml's own error with the best location it offers. */
static void
parser_error(struct yt_parse *P)
{
	const yaml_parser_t *p = &P->p;
	const char *what = p->problem ? p->problem : "malformed YAML";
	if (p->error == YAML_READER_ERROR) {
		/* reader errors carry a byte offset, not a line: find it */
		int line, col;
		text_position(P->buf, p->problem_offset, &line, &col);
		diag_add(P->d, DIAG_ERROR, EXIT_DATA, P->file, line + P->off,
		    col, "%s: expected UTF-8 text", what);
	} else if (p->context) {
		event_error(P, &p->problem_mark, "YAML syntax: %s, %s that "
		    "starts at line %d", what, p->context,
		    (int)p->context_mark.line + 1 + P->off);
	} else {
		event_error(P, &p->problem_mark, "YAML syntax: %s", what);
	}
}

/* A scalar node for ev, or NULL after an error. */
static ynode *
scalar_node(struct yt_parse *P, const yaml_event_t *ev)
{
	size_t len = ev->data.scalar.length;
	if (memchr(ev->data.scalar.value, '\0', len)) {
		event_error(P, &ev->start_mark, "a NUL character in a text: "
		    "expected printable text");
		return NULL;
	}
	ynode *n = node_new(&P->arena, YN_SCALAR, &ev->start_mark, P->off,
	    P->depth == 0);
	n->str = arena_alloc(&P->arena, len + 1, 1);
	memcpy(n->str, ev->data.scalar.value, len);
	n->str[len] = '\0';
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return n;
}

/* Places n under the open collection (or as the root). */
static void
attach(struct yt_parse *P, ynode *n)
{
	if (P->depth == 0) {
		if (!P->root)
			P->root = n;
	} else {
		add_kid(&P->arena, P->stack[P->depth - 1], n);
	}
	if (n->kind != YN_SCALAR)
		P->stack[P->depth++] = n;
}

/* Handles one event; false after an error, *done at the stream's end. */
static bool
on_event(struct yt_parse *P, const yaml_event_t *ev, bool *done)
{
	ynode *n;
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		*done = true;
		return true;
	case YAML_DOCUMENT_START_EVENT:
		if (++P->docs == 1)
			return true;
		event_error(P, &ev->start_mark, "a second YAML document: "
		    "expected one document per file");
		return false;
	case YAML_ALIAS_EVENT:
		event_error(P, &ev->start_mark, "YAML alias '*%s': anchors "
		    "and aliases are not supported, write the value out",
		    (const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT:
		if (!(n = scalar_node(P, ev)))
			return false;
		attach(P, n);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (P->depth == MAX_DEPTH) {
			event_error(P, &ev->start_mark, "nesting deeper than "
			    "%d levels", MAX_DEPTH);
			return false;
		}
		attach(P, node_new(&P->arena, ev->type ==
		    YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP,
		    &ev->start_mark, P->off, P->depth == 0));
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		P->depth--;
		return true;
	default:
		return true;
	}
}

ynode *
yt_parse(const char *file, const char *buf, size_t len, int off,
    diag_list *d)
{
	struct yt_parse P = {.file = file, .buf = buf, .off = off, .d = d};
	if (!yaml_parser_initialize(&P.p)) {
		diag_add(d, DIAG_ERROR, EXIT_SOFTWARE, file, 0, 0,
		    "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&P.p, (const unsigned char *)buf, len);
	bool ok = true, done = false;
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&P.p, &ev)) {
			parser_error(&P);
			ok = false;
			break;
		}
		ok = on_event(&P, &ev, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&P.p);
	if (!ok || !P.root) {
		arena_free(P.arena);
		if (ok)
			diag_add(d, DIAG_ERROR, EXIT_DATA, file, off + 1, 1,
			    "the file is empty: expected a mapping");
		return NULL;
	}
	((struct root_box *)(void *)((char *)P.root -
	    offsetof(struct root_box, node)))->arena = P.arena;
	return P.root;
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
	while (i + 1 < map->n && (map->kids[i]->kind != YN_SCALAR ||
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
	yt_error(c, v, "%s must be a mapping of keys to values, found %s",
	    what, yt_kind_name(v));
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

bool
yt_keys(const yt_ctx *c, const ynode *map, const char *const *allowed,
    const char *what)
{
	/* one pass: each allowed key remembers where it was first seen */
	const ynode *first[YT_MAX_KEYS] = {0};
	bool ok = true;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *k = map->kids[i];
		if (k->kind != YN_SCALAR) {
			yt_error(c, k, "a key of %s must be a text, found %s",
			    what, yt_kind_name(k));
			ok = false;
			continue;
		}
		size_t a = 0;
		while (allowed[a] && strcmp(allowed[a], k->str) != 0)
			a++;
		if (!allowed[a]) {
			unknown_key(c, k, allowed, what);
			ok = false;
		} else if (a >= YT_MAX_KEYS) {
			abort(); /* a schema longer than YT_MAX_KEYS keys */
		} else if (first[a]) {
			yt_error(c, k, "key '%s' appears twice in %s (first at "
			    "line %d)", k->str, what, first[a]->line);
			ok = false;
		} else {
			first[a] = k;
		}
	}
	return ok;
}

const ynode *
yt_need(const yt_ctx *c, const ynode *map, const char *key, const char *what)
{
	const ynode *v = yt_get(map, key);
	if (!v)
		yt_error(c, map, "%s has no '%s': it is required", what, key);
	return v;
}

char *
yt_text(const yt_ctx *c, const ynode *v, const char *key)
{
	if (v->kind != YN_SCALAR) {
		yt_error(c, v, "'%s' must be a text, found %s", key,
		    yt_kind_name(v));
		return NULL;
	}
	if (v->len == 0 || (v->plain && strcmp(v->str, "~") == 0) ||
	    (v->plain && strcmp(v->str, "null") == 0)) {
		yt_error(c, v, "'%s' is empty: expected a text", key);
		return NULL;
	}
	return xstrdup(v->str);
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

char *
yt_id(const yt_ctx *c, const ynode *v, const char *key)
{
	char *s = yt_text(c, v, key);
	if (s && !yt_is_id(s)) {
		yt_error(c, v, "'%s' is not a valid id: expected lowercase "
		    "letters, digits and '-', like 'pick-runtime'", s);
		free(s);
		return NULL;
	}
	return s;
}

void
yt_bool(const yt_ctx *c, const ynode *v, const char *key, bool *out)
{
	if (v->kind == YN_SCALAR && v->plain && (strcmp(v->str, "true") == 0 ||
	    strcmp(v->str, "false") == 0)) {
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

char **
yt_texts(const yt_ctx *c, const ynode *v, const char *key, bool ids,
    size_t *n)
{
	*n = 0;
	if (v->kind != YN_SEQ) {
		yt_error(c, v, "'%s' must be a list (like [a, b]), found %s",
		    key, yt_kind_name(v));
		return NULL;
	}
	char **out = xcalloc(v->n + 1, sizeof *out);
	for (size_t i = 0; i < v->n; i++) {
		char *s = ids ? yt_id(c, v->kids[i], key) :
		    yt_text(c, v->kids[i], key);
		if (!s) {
			yt_free_texts(out, i);
			return NULL;
		}
		out[i] = s;
	}
	*n = v->n;
	return out;
}
