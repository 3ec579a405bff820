/*
 * util: memory, growable strings and vectors, a string-keyed hash table.
 * Allocation failure is not recoverable here: every x* function aborts the
 * program with a message instead of returning NULL.  All other modules use
 * these and never call malloc directly.
 */
#ifndef ASYNCPATH_UTIL_H
#define ASYNCPATH_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string; zero-initialise before use. */
typedef struct strbuf {
	char *s;
	size_t len, cap;
} strbuf;

void sb_add(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_putc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
/* Returns the string (never NULL) and leaves b empty; caller frees. */
char *sb_take(strbuf *b);
void sb_free(strbuf *b);
/* Appends s seconds, rounded, as a person reads a duration: "45 s",
 * "7 min 35 s", "12 min", "1 h 5 min". */
void sb_duration(strbuf *b, double s);

/* Grow the array *p of *cap elements of size sz so it holds at least need. */
void vec_reserve(void *p, size_t *cap, size_t need, size_t sz);
#define VEC_PUSH(arr, n, cap, v) \
	do { \
		if ((n) + 1 > (cap)) \
			vec_reserve(&(arr), &(cap), (n) + 1, sizeof *(arr)); \
		(arr)[(n)++] = (v); \
	} while (0)

/*
 * An arena: many small blocks from large chunks, freed together.  A NULL
 * struct arena * is an empty arena.  arena_reset empties it for reuse.
 * The chunk is in the open only so that arena_alloc's common case (room
 * left in the current chunk) is inline; nothing else reads it.
 */
struct arena {
	struct arena *next;
	size_t used, cap;
	_Alignas(max_align_t) unsigned char data[];
};
/* arena_alloc when the current chunk has no room (or there is none). */
void *arena_alloc_chunk(struct arena **a, size_t n, size_t align);
/* n bytes aligned to align (a power of two, at most max_align_t's). */
static inline void *
arena_alloc(struct arena **a, size_t n, size_t align)
{
	struct arena *c = *a;
	if (c) {
		size_t used = (c->used + align - 1) & ~(align - 1);
		if (used <= c->cap && n <= c->cap - used) {
			c->used = used + n;
			return c->data + used;
		}
	}
	return arena_alloc_chunk(a, n, align);
}
/* count zeroed elements of size bytes, aligned for any type. */
void *arena_zalloc(struct arena **a, size_t count, size_t size);
/* count zeroed elements of size bytes, aligned to align. */
void *arena_calloc(struct arena **a, size_t count, size_t size, size_t align);
char *arena_strdup(struct arena **a, const char *s);
char *arena_strndup(struct arena **a, const char *s, size_t n);
/* A copy of the n bytes at p, aligned to align. */
void *arena_memdup(struct arena **a, const void *p, size_t n, size_t align);
void arena_reset(struct arena **a);
void arena_free(struct arena *a);

/*
 * The hash tables (all open addressing, all hashed with xxhash's XXH3).
 * hmap: from borrowed NUL-terminated keys to pointers.  Keys must outlive the
 * table.  hmap_get returns NULL when absent.
 */
typedef struct hmap hmap;
hmap *hmap_new(void);
void hmap_free(hmap *m);
/* Returns the previous value for key, or NULL when key was new. */
void *hmap_put(hmap *m, const char *key, void *val);
void *hmap_get(const hmap *m, const char *key);
size_t hmap_count(const hmap *m);

/*
 * kset: a set of objects that hold their own key: the first member of
 * each object is its key, a NUL-terminated `char *` that does not change
 * while the object is in the set.  A slot is one pointer, half an hmap's
 * (for large tables of named objects: the guide's nodes by id).
 * kset_put returns the object of the same key it replaced, or NULL.
 */
typedef struct kset kset;
kset *kset_new(void);
void kset_free(kset *s);
void *kset_put(kset *s, void *obj);
void *kset_get(const kset *s, const char *key);

/*
 * An interning table from byte strings (any bytes, NUL included) to
 * pointers: the loader keeps one copy of each condition and flag list
 * this way.  bmap_put copies the key into the table (into its own arena);
 * bmap_get returns NULL when the key is absent.
 */
typedef struct bmap bmap;
bmap *bmap_new(void);
void bmap_free(bmap *m);
void *bmap_get(const bmap *m, const void *key, size_t len);
/* Enters key (which must be absent) with val. */
void bmap_put(bmap *m, const void *key, size_t len, void *val);

/* A hash table from pointers (never NULL) to pointers; pmap_get returns
 * NULL when the key is absent. */
typedef struct pmap pmap;
pmap *pmap_new(void);
void pmap_free(pmap *m);
/* Returns the previous value for key, or NULL when key was new. */
void *pmap_put(pmap *m, const void *key, void *val);
void *pmap_get(const pmap *m, const void *key);

/*
 * Reads a whole regular file of at most READ_FILE_MAX bytes (one open,
 * fstat and read; a FIFO never blocks the open).  Returns it NUL-terminated,
 * or NULL with errno set: the system's errno, or EISDIR for a folder, ENODEV
 * for a FIFO, device or socket, EFBIG past the limit.  read_file_error words
 * an errno for a message ("cannot read: %s").
 */
#define READ_FILE_MAX ((size_t)16 * 1024 * 1024)
char *read_file(const char *path, size_t *len);
/* read_file with a limit of max bytes. */
char *read_file_max(const char *path, size_t max, size_t *len);
/* Opens a regular file of at most max bytes for reading, as read_file
 * does; returns the descriptor and its size, or -1 with errno set. */
int open_regular(const char *path, size_t max, size_t *size);
const char *read_file_error(int err);
/* Reads up to size bytes from fd into buf, again after EINTR, until end
 * of file: the count read, or -1 with errno set. */
ssize_t read_full(int fd, char *buf, size_t size);

/* Display columns of s (len bytes), from the Unicode data in utf8proc
 * (whatever the locale); escapes are not expected here.  Invalid bytes
 * count one column each. */
int text_width(const char *s, size_t len);
/*
 * Appends s to b with every control character shown in caret form (^[),
 * C1 controls as <9B>, bidirectional formatting characters as <U+202E>
 * and invalid UTF-8 as U+FFFD, so no byte of s can drive a terminal or
 * reorder what it shows.  Returns the display width of what was appended.
 */
int sb_add_safe(strbuf *b, const char *s, size_t len);
/* Whether code point cp is one sb_add_safe shows in a visible form: a C0
 * control but newline and tab, DEL, a C1 control or a bidirectional
 * formatting character. */
bool utf8_is_control(unsigned cp);
/*
 * Appends JSON text s (len bytes, as jansson writes it) to b with each C1
 * control and bidirectional formatting character written as a \u escape:
 * they occur only inside strings, where the escape means the same, and
 * jansson escapes C0 controls itself.  The JSON is unchanged; no byte of
 * it can drive a terminal or reorder what it shows.
 */
void sb_add_json(strbuf *b, const char *s, size_t len);

/*
 * Decodes one UTF-8 sequence at s (at most len bytes).  Returns its length
 * (1-4) and stores the code point in *cp, or returns 0 when the bytes are
 * not valid UTF-8 (overlong, surrogate, truncated, out of range).
 */
int utf8_decode(const char *s, size_t len, unsigned *cp);
/* True for the bidirectional formatting characters (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069). */
bool utf8_is_bidi(unsigned cp);
/* Offset of the first of them in s, or len when there is none. */
size_t utf8_find_bidi(const char *s, size_t len);
/* Encodes code point cp as UTF-8 into out; returns its length (1-4).
 * Surrogates and values past U+10FFFF become U+FFFD. */
int utf8_encode(unsigned cp, char out[4]);
/* Offset of the first invalid UTF-8 byte in s, or len when all valid. */
size_t utf8_check(const char *s, size_t len);
/* 1-based line and column (in characters) of byte offset off in s. */
void text_position(const char *s, size_t off, int *line, int *col);

#endif
