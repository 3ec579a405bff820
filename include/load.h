/*
 * load: builds a guide from a data folder.  guide_load reads every
 * paths/NAME.yaml (stages, nodes, choices) and every stories/ID.md (cards),
 * checks them against the schema in docs/FORMAT.md and resolves every id
 * reference.  It returns a whole guide or nothing: on any error it records
 * located diagnostics and returns NULL.
 */
#ifndef ASYNCPATH_LOAD_H
#define ASYNCPATH_LOAD_H

#include <stdio.h>

#include "diag.h"
#include "guide.h"

/* Loads datadir; NULL on error (diagnostics in d). Caller frees. */
struct guide *guide_load(const char *datadir, diag_list *d);

/* The files a load reads, in its order: stories/NAME.md, then
 * paths/NAME.yaml, each sorted by name; NULL-terminated (free each and
 * the list).  NULL when a folder cannot be listed. */
char **load_file_list(const char *datadir, size_t *n);
/* Where a load takes each file's bytes from (the compiled guide cache
 * gives those it read for its key): read returns a card whole, at most
 * max bytes and a NUL after them, which the loader frees; open returns a
 * path file of at most max bytes as a stream, which the loader closes.
 * Both return NULL with errno set, as read_file does. */
struct load_source {
	char *(*read)(void *ctx, const char *file, size_t max, size_t *len);
	FILE *(*open)(void *ctx, const char *file, size_t max);
	void *ctx;
};
/* guide_load with the bytes from src (NULL: read here). */
struct guide *guide_load_from(const char *datadir,
    const struct load_source *src, diag_list *d);

#endif
