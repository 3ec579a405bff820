/*
 * export: the guide's shape for other tools.  JSON (stable key order, every
 * string escaped, valid for any content), Graphviz DOT (a cluster per
 * stage, choices as labelled edges, endings marked) and a plain text
 * outline.  Each writes the whole guide to out.
 */
#ifndef ASYNCPATH_EXPORT_H
#define ASYNCPATH_EXPORT_H

#include <stdio.h>

#include "guide.h"

void export_json(const struct guide *g, FILE *out);
void export_dot(const struct guide *g, FILE *out);
void export_text(const struct guide *g, FILE *out);

#endif
