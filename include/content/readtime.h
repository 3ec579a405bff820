/*
 * readtime: how long content takes to read, from word counts made once at
 * load (nothing is stored in the content).  A word is a run of
 * non-blank bytes holding at least one letter or digit, in prose and code
 * alike (a code line of three tokens reads about as slowly as a short
 * sentence).  READTIME_WPM is the reading rate: 230 words a minute, a
 * little under the 238 that Brysbaert's 2019 review of 190 studies found
 * for silent reading of English non-fiction, since our readers meet
 * technical prose, often in a second language.
 */
#ifndef ASYNCPATH_READTIME_H
#define ASYNCPATH_READTIME_H

#include <stddef.h>

#include "guide.h"

#define READTIME_WPM 230

/* Words in s (NULL: 0). */
size_t readtime_words(const char *s);
/* Whole minutes to read words at READTIME_WPM, rounded up. */
unsigned readtime_minutes(size_t words);
/* The words of node n (title, pain point, text) and of story s (title,
 * summary, body, morals, questions): the loader counts each as it reads
 * it, while its texts are still in the cache. */
size_t readtime_node_words(const struct node *n);
size_t readtime_story_words(const struct story *s);
/* Fills the word counts of every node and story of g with them. */
void readtime_count(struct guide *g);
/* Words of stage st of its path: its nodes and, once each, the stories
 * they link. */
size_t readtime_stage_words(const struct guide *g, const struct stage *st);

#endif
