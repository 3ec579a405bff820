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
#endif
