/*
 * progress: what a reader has and has not seen on a walk, and the reading
 * time behind it (readtime.h): per stage, places seen of those reachable,
 * pain points met, linked stories read; the stories not opened; minutes
 * read and minutes left on the shortest way to an end; the reader's notes.
 * Places seen come from the session (every node ever reached, `back` or
 * not) when there is one, else from the walk.  Appends Markdown to md.
 */
#ifndef ASYNCPATH_PROGRESS_H
#define ASYNCPATH_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"
#include "util.h"
#include "walk.h"

/* The whole report of the `progress` command; s may be NULL. */
void progress_view(const struct walk *w, const struct session *s, strbuf *md);
/* "## Your notes", one line a note with its place; nothing without
 * notes. */
void progress_notes(const struct walk *w, const struct session *s, strbuf *md);
/* Words read so far: places seen and stories opened. */
size_t progress_words_read(const struct walk *w, const struct session *s);
/* Words still to read on the shortest way from where w stands to an end
 * (conditions left aside): the places on the way and the stories they
 * link that are not read yet.  *places gets how many places that is.
 * (size_t)-1 when no end can be reached. */
size_t progress_words_left(const struct walk *w, size_t *places);

/*
 * The sessions saved in dir, one line each: name, path, stage, last used,
 * share of the path's places seen.  As Markdown into out, or with json a
 * JSON array of objects (name, file, path, node, stage, stages,
 * stage_title, updated, seen, places, percent_seen; or name, file and
 * error for a damaged file).  A damaged file's diagnostic also goes to
 * stderr, and *damaged counts them.  Returns the number listed.
 */
size_t progress_sessions(const struct guide *g, const char *dir, bool json,
    strbuf *out, size_t *damaged);

#endif
