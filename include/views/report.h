/*
 * report: a facilitator's view of many walks, by person.  It reads
 * session files (docs/SESSION.md) through the session module's loader and
 * sums them up: where the room split (the decisions that divided people
 * most and the quiz questions most often wrong, with their texts), one
 * row per person (name, stage, stop, minutes, stories read, exercises
 * solved, quiz score; the session's name when no participant is given),
 * how far people got on each stage, how many people took each choice at
 * each decision (their first choice there), the stories most and least
 * read, notes grouped by stop with counts and a cap, quiz and exercise
 * results.  A copy of a session already counted (same name, path,
 * participant and start) is said and counted once; a file made against
 * other content is counted with a warning; a damaged file is skipped with
 * its located error.  The report never needs a walk: it reads ids and
 * looks them up in the guide (and the quiz set, for question texts).
 */
#ifndef ASYNCPATH_REPORT_H
#define ASYNCPATH_REPORT_H

#include <stdbool.h>

#include <jansson.h>

#include "guide.h"
#include "quiz.h"
#include "session.h"
#include "util.h"

struct report;

struct report *report_new(const struct guide *g);
void report_free(struct report *r);
/* Question and option texts come from qs (borrowed; may be NULL: ids). */
void report_set_quizzes(struct report *r, const struct quiz_set *qs);
/* The live room's page: titled so, line under the title (NULL: the
 * plain report again), who is where first. */
void report_set_live(struct report *r, const char *line);
/* Counts session s (file names it in warnings). */
void report_add(struct report *r, const char *file, const struct session *s);
/* Records a file that did not load: its diagnostics, as printed. */
void report_skip(struct report *r, const char *file, const char *why);
size_t report_sessions(const struct report *r);

/*
 * The report as Markdown (bars of block characters, for the terminal and
 * for text), as one HTML page (bars as inline SVG, people as a table), or
 * as JSON (for spreadsheets and other tools; caller json_decref's).
 * anonymous shows each person by a stable pseudonym (an adjective and an
 * animal from a hash of their name) and leaves names off notes.
 */
void report_markdown(const struct report *r, bool anonymous, strbuf *md);
void report_html(const struct report *r, bool anonymous, strbuf *out);
json_t *report_json(const struct report *r, bool anonymous);

#endif
