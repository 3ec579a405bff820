/*
 * view: what the walk shows, as Markdown built from the guide and a walk's
 * state: the current node, a story card, the trail, a list of stories.
 * The result goes through render like any other Markdown, so there is one
 * way text reaches the terminal.  Every function appends to md.
 */
#ifndef ASYNCPATH_VIEW_H
#define ASYNCPATH_VIEW_H

#include "guide.h"
#include "util.h"
#include "walk.h"

/* The current node: stage, title, text, aside, one line on its stories
 * (the list is the `stories` command's), choices. */
void view_node(const struct walk *w, strbuf *md);
/* view_node without the choices, so that a caller can add lines (an
 * exercise here) before them. */
void view_node_body(const struct walk *w, strbuf *md);
/* Only the choices offered at the current node (or how to go on at an
 * end), as view_node ends. */
void view_choices(const struct walk *w, strbuf *md);
/* Whether md[0..len) ends with view_choices(w): its last line is looked
 * at first, so an answer that does not costs no formatting of them all. */
bool view_ends_with_choices(const struct walk *w, const char *md, size_t len);
/* A whole story card: title, who, summary, body, morals, questions, link. */
void view_story(const struct story *s, strbuf *md);
/* The stages of the walk's path, marking where the walker is and which
 * stages and nodes they have visited. */
void view_map(const struct walk *w, strbuf *md);
/* The original page of s from the wg-async checkout at upstream (NULL:
 * none given); true when found.  Otherwise md gets a one-line hint on how
 * to get it, and the result is false. */
bool view_original(const struct story *s, const char *upstream, strbuf *md);
/* The path so far, one line a step. */
void view_trail(const struct walk *w, strbuf *md);
/* The stories linked at the current node, numbered, the walker's
 * character first; with none linked here, a line saying how to list all. */
void view_stories(const struct walk *w, strbuf *md);
/* Every story of the guide. */
void view_all_stories(const struct walk *w, strbuf *md);
/* Stories of node n in display order for character ch: fills out (n's
 * nstories entries). */
void view_story_order(const struct node *n, int ch, const struct story **out);

/* "Prologue", "Stage 3 of 6" or "Epilogue": where stage st stands in p;
 * the stages with the ids prologue and epilogue frame the walk and are not
 * counted. */
void view_stage_name(const struct path *p, const struct stage *st, strbuf *md);

#endif
