/*
 * story: one story card, stories/<id>.md: YAML front matter between two
 * '---' lines, then a Markdown body.  story_load checks the front matter
 * against the card schema (docs/CARDS.md) and the whole file for valid
 * UTF-8; on any problem it records located errors and returns NULL.
 */
#ifndef ASYNCPATH_STORY_H
#define ASYNCPATH_STORY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct arena;

struct story {
	char *id, *title, *kind, *source, *summary;
	unsigned chars; /* bit (1 << character) for each character */
	char **morals, **questions, **topics;
	size_t nmorals, nquestions, ntopics;
	bool draft;
	char *body; /* Markdown */
	int body_line; /* line of the file where the body starts */
	char *file;
	int line, col;
	size_t index;
	size_t words; /* counted at load (readtime.h) */
	struct arena *mem; /* holds the card (story_load), or NULL when a
	                    * guide's arena does (story_load_in) */
};

/* Loads the card at file; the id must match the file name.  The card
 * and its texts live in an arena of their own: story_free frees it. */
struct story *story_load(const char *file, diag_list *d);
/* story_load with the card and its texts in *mem (the guide's arena),
 * which holds them until it is freed; story_free does nothing to it.
 * After an error, what was read stays in *mem until then. */
struct story *story_load_in(const char *file, diag_list *d, struct arena **mem);
/* story_load_in for the card's bytes already read (buf, len bytes and a
 * NUL after them); takes buf and frees it. */
struct story *story_parse_in(const char *file, char *buf, size_t len,
    diag_list *d, struct arena **mem);
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
