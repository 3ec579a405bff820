/*
 * report: a facilitator's view of many walks.  It reads session files
 * (docs/SESSION.md) through the session module's loader and sums them up:
 * how far people got on each stage, how many took each choice at each
 * decision, the stories most and least read, notes grouped by node, quiz
 * and exercise results.  A file made against other content is counted with
 * a warning; a damaged file is skipped with its located error.  The report
 * never needs a walk: it reads ids and looks them up in the guide.
 */
#ifndef ASYNCPATH_REPORT_H
#define ASYNCPATH_REPORT_H

#include <stdbool.h>

#include <jansson.h>

#include "guide.h"
#include "session.h"
#include "util.h"

struct report;

struct report *report_new(const struct guide *g);
void report_free(struct report *r);
/* Counts session s (file names it in warnings). */
void report_add(struct report *r, const char *file, const struct session *s);
/* Records a file that did not load: its diagnostics, as printed. */
void report_skip(struct report *r, const char *file, const char *why);
size_t report_sessions(const struct report *r);

/*
 * The report as Markdown (bars of block characters, for the terminal and
 * for text), as one HTML page (bars as inline SVG), or as JSON (for
 * spreadsheets and other tools; caller json_decref's).  anonymous leaves
 * every participant's name out.
 */
void report_markdown(const struct report *r, bool anonymous, strbuf *md);
void report_html(const struct report *r, bool anonymous, strbuf *out);
json_t *report_json(const struct report *r, bool anonymous);

#endif
