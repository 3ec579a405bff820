/*
 * gcache: the compiled guide cache.  gcache_load gives the guide that
 * guide_load would, and the same diagnostics; when the same binary loaded
 * the same files before, it takes the guide from an image instead of
 * parsing.  The key is XXH3-128 over the build id, the names of the files
 * the loader reads (in its order) and their bytes, each file read once;
 * on a miss those bytes are the ones parsed.  An image is one block whose
 * offsets become pointers in place; it is untrusted: every offset, count,
 * string and invariant the guide promises is checked, and anything amiss
 * is a miss, as is an image or folder another user could have written.
 * Only a load without errors or warnings is cached, written atomically
 * (0600, in a 0700 folder) under $XDG_CACHE_HOME/asyncpath/guides (or
 * ~/.cache/...), the newest GCACHE_KEEP images kept.  A cache that
 * cannot be read or written is skipped silently.
 * ASYNCPATH_CACHE=off turns it off; =trace reports each lookup on stderr.
 */
#ifndef ASYNCPATH_GCACHE_H
#define ASYNCPATH_GCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "guide.h"

#define GCACHE_KEEP 8

/* guide_load(datadir, d), through the cache unless use is false or
 * ASYNCPATH_CACHE=off.  Caller frees with guide_free. */
struct guide *gcache_load(const char *datadir, bool use, diag_list *d);

/* The folder images go to (caller frees), or NULL when there is none. */
char *gcache_dir(void);

/* g as an image under key (16 bytes); caller frees. */
void *gcache_encode(const struct guide *g, const unsigned char *key,
    size_t *len);
/* The guide an image holds, or NULL when it is not one (no key or
 * checksum test: gcache_load makes those).  Takes img (from malloc) and
 * frees it on failure; the guide's datadir is datadir. */
struct guide *gcache_decode(void *img, size_t len, const char *datadir);

#endif
