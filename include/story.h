/*
 * story: one story card, stories/<id>.md: YAML front matter between two
 * '---' lines, then a Markdown body.  story_load checks the front matter
 * against the card schema (docs/CARDS.md) and the whole file for valid
 * UTF-8; on any problem it records located errors and returns NULL.
 */
#ifndef ASYNCPATH_STORY_H
#define ASYNCPATH_STORY_H

#include "diag.h"
#include "guide.h"

/* Loads the card at file; the id must match the file name. Caller frees. */
struct story *story_load(const char *file, diag_list *d);
void story_free(struct story *s);

/*
 * The file of the card's original page inside a checkout of the wg-async
 * repository at upstream: the source URL's path under src/, .md for
 * .html.  Returns NULL when the source is not such a URL.  Caller frees.
 */
char *story_original_path(const struct story *s, const char *upstream);

/* The story kinds and topics a card may use, NULL-terminated. */
extern const char *const story_kinds[];
extern const char *const story_topics[];

#endif
