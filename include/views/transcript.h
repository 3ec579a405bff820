/*
 * transcript: one person's walk, from their session file, as Markdown:
 * each stop with the choice taken and the others offered there, the
 * notes written at it, the stories read, quiz answers and exercise
 * results.  The walk is rebuilt by the session module's replay, so the
 * choices offered are the ones the person saw.
 */
#ifndef ASYNCPATH_TRANSCRIPT_H
#define ASYNCPATH_TRANSCRIPT_H

#include "guide.h"
#include "session.h"
#include "util.h"

/* Appends the transcript of s to md.  Returns 0, or EXIT_DATA when the
 * session's path is not in g (the reason on stderr). */
int transcript_markdown(const struct guide *g, struct session *s, strbuf *md);

#endif
