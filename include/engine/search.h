/*
 * search: full text over the guide's cards and nodes, the reading plans
 * and anything else added (exercises), indexed once.  Words match case-
 * and accent-insensitively (utf8proc case folding, decomposition and mark
 * stripping) and by prefix ("cancel" finds "cancelled").  Hits rank the
 * texts holding the query as a phrase first, then those holding every
 * word as a whole word, then every word as a prefix, then title matches,
 * then by how many of the query's words a text holds, then by how often
 * they occur.  The index borrows every string it is given.
 */
#ifndef ASYNCPATH_SEARCH_H
#define ASYNCPATH_SEARCH_H

#include <stddef.h>

#include "exercise.h"
#include "guide.h"
#include "plan.h"
#include "util.h"

enum search_kind { SK_STORY, SK_NODE, SK_PLAN, SK_EXERCISE };

struct search;

struct search_hit {
	enum search_kind kind;
	const char *id, *title;
	unsigned title_words, words; /* query words in the title, anywhere */
	unsigned count; /* occurrences of the query's words */
	bool all; /* every query word, at least as a prefix */
	bool all_exact; /* every query word as a whole word */
	bool phrase; /* the query's words in a row (two or more) */
	char *snippet; /* Markdown: one line around a match, words in bold */
};

/* An index over g's stories and nodes and ps's plans (ps may be NULL). */
struct search *search_new(const struct guide *g, const struct plan_set *ps);
void search_free(struct search *s);
/* Adds the exercises of ex (may be NULL): title and task. */
void search_add_exercises(struct search *s, const struct exercise_set *ex);
/* The Markdown put around a matched word in snippets ("**" and "**" by
 * default; plain output wants something visible, such as "\\[" "\\]"). */
void search_set_marks(struct search *s, const char *open, const char *close);
/* Adds one text (Markdown) under id; the strings must outlive s.  Call
 * before the first query. */
void search_add(struct search *s, enum search_kind kind, const char *id,
    const char *title, const char *markdown);
/* The hits for query, best first; *out gets a fresh array (free with
 * search_hits_free).  No words in query: no hits. */
size_t search_query(struct search *s, const char *query,
    struct search_hit **out);
void search_hits_free(struct search_hit *h, size_t n);
const char *search_kind_name(enum search_kind k); /* "story", ... */
/* Markdown: a numbered list of hits (id, kind, snippet), or a line
 * saying nothing matched. */
void search_view(const char *query, const struct search_hit *h, size_t n,
    strbuf *md);
/* Folds s for matching (case folded, accents stripped) into out. */
void search_fold(const char *s, size_t len, strbuf *out);

#endif
