/* readtime: see include/readtime.h.  One pass over the bytes; no Markdown
 * parse, since punctuation-only runs (list bullets, fences, table rules)
 * already count nothing. */
#include "readtime.h"

#include <stdbool.h>
#include <stdlib.h>

#include "util.h"

static bool
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static bool
is_wordish(unsigned char c)
{
	/* ASCII letters and digits, and every byte of a non-ASCII
	 * character: letters of other scripts count as words too */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

size_t
readtime_words(const char *s)
{
	size_t n = 0;
	bool counted = false;
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (is_blank(*p)) {
			counted = false;
			continue;
		}
		if (!counted && is_wordish(*p)) {
			counted = true;
			n++;
		}
	}
	return n;
}

unsigned
readtime_minutes(size_t words)
{
	return (unsigned)((words + READTIME_WPM - 1) / READTIME_WPM);
}

size_t
readtime_node_words(const struct node *n)
{
	return readtime_words(n->title) + readtime_words(n->pain) +
	    readtime_words(n->text);
}

size_t
readtime_story_words(const struct story *s)
{
	size_t w = readtime_words(s->title) + readtime_words(s->summary) +
	    readtime_words(s->body);
	for (size_t k = 0; k < s->nmorals; k++)
		w += readtime_words(s->morals[k]);
	for (size_t k = 0; k < s->nquestions; k++)
		w += readtime_words(s->questions[k]);
	return w;
}

void
readtime_count(struct guide *g)
{
	for (size_t i = 0; i < g->nnodes; i++)
		g->nodes[i]->words = (uint32_t)readtime_node_words(g->nodes[i]);
	for (size_t i = 0; i < g->nstories; i++)
		g->stories[i]->words = readtime_story_words(g->stories[i]);
}

size_t
readtime_stage_words(const struct guide *g, const struct stage *st)
{
	const struct path *p = st->path;
	bool *linked = xcalloc(g->nstories + 1, sizeof *linked);
	size_t words = 0;
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct node *n = p->nodes[i];
		if (n->stage != st)
			continue;
		words += n->words;
		for (size_t k = 0; k < n->nstories; k++)
			if (!linked[n->stories[k]->index]) {
				linked[n->stories[k]->index] = true;
				words += n->stories[k]->words;
			}
	}
	free(linked);
	return words;
}
