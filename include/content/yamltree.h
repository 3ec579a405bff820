/*
 * yamltree: one YAML document, read with libyaml's event parser, as a small
 * tree of mappings, sequences and scalars.  Every node keeps the 1-based
 * line and column where it starts, so later stages can report problems at
 * the offending node.  Anchors, aliases, tags and multiple documents are
 * refused: content files have no use for them.  A tree lives in one
 * arena: yt_free on the root releases it whole.
 */
#ifndef ASYNCPATH_YAMLTREE_H
#define ASYNCPATH_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP };

typedef struct ynode {
	union {
		struct { /* YN_SEQ and YN_MAP */
			struct ynode **kids; /* SEQ: items; MAP: key, value,
			                      * key, value ... */
			size_t n; /* number of entries in kids */
		};
		struct { /* YN_SCALAR */
			char *str; /* scalar text, NUL-terminated */
			size_t len; /* scalar length in bytes */
		};
	};
	int line, col;
	unsigned char kind; /* enum ynode_kind */
	bool plain; /* scalar written without quotes or block style */
} ynode;

/*
 * Parses buf (len bytes) as exactly one YAML document.  Locations are
 * shifted down by line_offset lines (for front matter that does not start
 * the file).  Returns the root, or NULL after recording an error in d.
 * An empty document returns NULL and records "empty".  Caller frees.
 */
ynode *yt_parse(const char *file, const char *buf, size_t len, int line_offset,
    diag_list *d);
void yt_free(ynode *n);

/*
 * A document read as a stream (libyaml reads fp in small chunks), for
 * files too large to hold as one tree.  yt_root is the root: a mapping
 * without its entries, or NULL after an error (recorded in d), or, when
 * the document is not a mapping, the whole value.  yt_next_key gives the
 * mapping's keys in order, NULL at the end; after each key, read its value
 * with yt_value (whole) or yt_list (a list node without items; then
 * yt_item gives each item whole, NULL at the end, or, when the value is no
 * list, the value whole).  Every node returned stays valid until the next
 * call of the same kind (keys until yt_close).  Errors are recorded in d
 * with the same messages and locations as yt_parse; yt_failed tells when
 * one stopped the stream.
 */
typedef struct yt_stream yt_stream;
yt_stream *yt_open(const char *file, FILE *fp, diag_list *d);
const ynode *yt_root(const yt_stream *s);
const ynode *yt_next_key(yt_stream *s);
const ynode *yt_value(yt_stream *s);
const ynode *yt_list(yt_stream *s);
const ynode *yt_item(yt_stream *s);
bool yt_failed(const yt_stream *s);
void yt_close(yt_stream *s);

/* "a mapping", "a list" or "a text" (for messages). */
const char *yt_kind_name(const ynode *n);
/* The value for key in a mapping, or NULL. */
const ynode *yt_get(const ynode *map, const char *key);
/* The key node itself (for errors about the key), or NULL. */
const ynode *yt_key(const ynode *map, const char *key);

/*
 * Schema helpers.  Each checks one value and, when it is wrong, records an
 * error at that value's location saying what was expected, then returns
 * NULL/false (nothing to use).  The diagnostics list is the one error
 * channel: callers never collect success flags.  Returned strings and
 * arrays are fresh copies the caller frees.
 */
typedef struct yt_ctx {
	const char *file;
	diag_list *d;
} yt_ctx;

/* Every key of map must be in allowed (NULL-terminated, at most
 * YT_MAX_KEYS keys); what names the map ("a node", "a choice").  Also
 * reports duplicate keys.  One pass over the map.  */
#define YT_MAX_KEYS 32
/* One key k of a mapping checked as yt_keys does: returns its index in
 * allowed, or -1 after an error.  first (YT_MAX_KEYS entries, zeroed for
 * each mapping) remembers the keys seen. */
int yt_key_index(const yt_ctx *c, const ynode *k, const char *const *allowed,
    const char *what, const ynode **first);
bool yt_keys(const yt_ctx *c, const ynode *map, const char *const *allowed,
    const char *what);
/* yt_keys, and in the same pass vals[i] gets the value of allowed[i] (NULL
 * when absent): one pass over the map, no lookups after. */
bool yt_fields(const yt_ctx *c, const ynode *map, const char *const *allowed,
    const char *what, const ynode **vals);
/* v, the value of key in map; when it is NULL, records that it is
 * required (at map) and returns NULL. */
const ynode *yt_require(const yt_ctx *c, const ynode *map, const ynode *v,
    const char *key, const char *what);
/* map must be a mapping; records "expected a mapping" otherwise. */
bool yt_is_map(const yt_ctx *c, const ynode *v, const char *what);
/* The value for key; when missing and required, records an error at map. */
const ynode *yt_need(const yt_ctx *c, const ynode *map, const char *key,
    const char *what);
/* A non-empty text.  yt_str returns the node's own string (borrowed). */
char *yt_text(const yt_ctx *c, const ynode *v, const char *key);
const char *yt_str(const yt_ctx *c, const ynode *v, const char *key);
/* An id: lowercase letters, digits and '-', starting with a letter/digit. */
char *yt_id(const yt_ctx *c, const ynode *v, const char *key);
const char *yt_idstr(const yt_ctx *c, const ynode *v, const char *key);
/* true or false, unquoted; *out is left alone after an error. */
void yt_bool(const yt_ctx *c, const ynode *v, const char *key, bool *out);
/* A list of texts; with ids, each must be an id.  *n gets the count. */
char **yt_texts(const yt_ctx *c, const ynode *v, const char *key, bool ids,
    size_t *n);
/* Checks v as yt_texts does, copying nothing: then each v->kids[i]->str is
 * a valid entry. */
bool yt_strs(const yt_ctx *c, const ynode *v, const char *key, bool ids);
/* Record an error at node v. */
void yt_error(const yt_ctx *c, const ynode *v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool yt_is_id(const char *s);
void yt_free_texts(char **v, size_t n);

#endif
