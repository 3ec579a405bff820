/* yamltree: see include/yamltree.h. */
#include "yamltree.h"

#include <stdarg.h>
#include <stddef.h>
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
		ynode **k = arena_alloc(a, cap * sizeof *k, _Alignof(ynode *));
		if (parent->n)
			memcpy(k, parent->kids, parent->n * sizeof *k);
		parent->kids = k;
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
}

/* Records libyaml's own error with the best location it offers. */
static void
parser_error(const yaml_parser_t *p, const char *buf, const char *file,
    int off, diag_list *d)
{
	const yaml_mark_t *m = &p->problem_mark;
	const char *what = p->problem ? p->problem : "malformed YAML";
	if (p->error == YAML_READER_ERROR) {
		/* reader errors carry a byte offset, not a line: find it */
		int line = 1, col = 1;
		for (size_t i = 0; i < p->problem_offset && buf[i]; i++) {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, line + off, col,
		    "%s: expected UTF-8 text", what);
		return;
	}
	if (p->context)
		diag_add(d, DIAG_ERROR, EXIT_DATA, file,
		    (int)m->line + 1 + off, (int)m->column + 1,
		    "YAML syntax: %s, %s that starts at line %d", what,
		    p->context,
		    (int)p->context_mark.line + 1 + off);
	else
		diag_add(d, DIAG_ERROR, EXIT_DATA, file,
		    (int)m->line + 1 + off, (int)m->column + 1,
		    "YAML syntax: %s", what);
}

ynode *
yt_parse(const char *file, const char *buf, size_t len, int off,
    diag_list *d)
{
	yaml_parser_t p;
	yaml_event_t ev;
	ynode *stack[MAX_DEPTH + 1];
	int depth = 0, docs = 0;
	ynode *root = NULL;
	struct yt_arena *arena = NULL;
	bool ok = true, done = false;

	if (!yaml_parser_initialize(&p)) {
		diag_add(d, DIAG_ERROR, EXIT_SOFTWARE, file, 0, 0,
		    "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (ok && !done) {
		if (!yaml_parser_parse(&p, &ev)) {
			parser_error(&p, buf, file, off, d);
			ok = false;
			break;
		}
		ynode *n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_add(d, DIAG_ERROR, EXIT_DATA, file,
				    (int)ev.start_mark.line + 1 + off,
				    (int)ev.start_mark.column + 1,
				    "a second YAML document: expected one "
				    "document per file");
				ok = false;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag_add(d, DIAG_ERROR, EXIT_DATA, file,
			    (int)ev.start_mark.line + 1 + off,
			    (int)ev.start_mark.column + 1,
			    "YAML alias '*%s': anchors and aliases are not "
			    "supported, write the value out",
			    (const char *)ev.data.alias.anchor);
			ok = false;
			break;
		case YAML_SCALAR_EVENT:
			n = node_new(&arena, YN_SCALAR, &ev.start_mark, off,
			    depth == 0);
			n->str = arena_alloc(&arena, ev.data.scalar.length + 1, 1);
			memcpy(n->str, ev.data.scalar.value,
			    ev.data.scalar.length);
			n->str[ev.data.scalar.length] = '\0';
			n->len = ev.data.scalar.length;
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			if (memchr(n->str, '\0', n->len)) {
				diag_add(d, DIAG_ERROR, EXIT_DATA, file,
				    n->line, n->col,
				    "a NUL character in a text: expected "
				    "printable text");
				n = NULL;
				ok = false;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == MAX_DEPTH) {
				diag_add(d, DIAG_ERROR, EXIT_DATA, file,
				    (int)ev.start_mark.line + 1 + off,
				    (int)ev.start_mark.column + 1,
				    "nesting deeper than %d levels", MAX_DEPTH);
				ok = false;
				break;
			}
			n = node_new(&arena, ev.type ==
			    YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP,
			    &ev.start_mark, off, depth == 0);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (n) {
			if (depth == 0) {
				if (!root)
					root = n;
			} else {
				add_kid(&arena, stack[depth - 1], n);
			}
			if (n->kind != YN_SCALAR)
				stack[depth++] = n;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (!ok || !root) {
		arena_free(arena);
		root = NULL;
	} else {
		((struct root_box *)(void *)((char *)root -
		    offsetof(struct root_box, node)))->arena = arena;
	}
	if (ok && !root)
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, off + 1, 1,
		    "the file is empty: expected a mapping");
	return root;
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

const ynode *
yt_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == YN_SCALAR &&
		    strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i + 1];
	return NULL;
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

bool
yt_keys(const yt_ctx *c, const ynode *map, const char *const *allowed,
    const char *what)
{
	bool ok = true;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *k = map->kids[i];
		if (k->kind != YN_SCALAR) {
			yt_error(c, k, "a key of %s must be a text, found %s",
			    what, yt_kind_name(k));
			ok = false;
			continue;
		}
		for (size_t j = 0; j < i; j += 2)
			if (map->kids[j]->kind == YN_SCALAR &&
			    strcmp(map->kids[j]->str, k->str) == 0) {
				yt_error(c, k,
				    "key '%s' appears twice in %s (first at "
				    "line %d)", k->str, what,
				    map->kids[j]->line);
				ok = false;
			}
		size_t a = 0;
		while (allowed[a] && strcmp(allowed[a], k->str) != 0)
			a++;
		if (!allowed[a]) {
			strbuf b = {0};
			for (a = 0; allowed[a]; a++)
				sb_printf(&b, "%s%s", a ? ", " : "",
				    allowed[a]);
			yt_error(c, k, "unknown key '%s' in %s: expected one "
			    "of %s", k->str, what, b.s);
			sb_free(&b);
			ok = false;
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

bool
yt_bool(const yt_ctx *c, const ynode *v, const char *key, bool *out)
{
	if (v->kind == YN_SCALAR && v->plain) {
		if (strcmp(v->str, "true") == 0) {
			*out = true;
			return true;
		}
		if (strcmp(v->str, "false") == 0) {
			*out = false;
			return true;
		}
	}
	yt_error(c, v, "'%s' must be true or false, found %s", key,
	    v->kind == YN_SCALAR ? "another text" : yt_kind_name(v));
	return false;
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
