/*
 * report: see include/report.h.  Counts are kept by index into the guide
 * (nodes, flattened choices, stages, stories), each session counted once
 * per item by stamping the item with the session's number; at a decision
 * only a person's first choice there counts, so loops never add up past
 * everyone.  Quiz questions and exercises are not in the guide: they are
 * kept by id in hash maps.  One writer builds Markdown; for HTML the same
 * writer hands each bar chart and the people's table over as HTML and the
 * prose to cmark through html.
 */
#include "report.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "mdtext.h"

#define SPLIT_MAX 3 /* decisions and questions in "where the room split" */
#define NOTES_PER_STOP 5 /* distinct notes shown at a stop */

struct tally { /* a string and how often it came */
	char *key;
	size_t n;
};

struct quiz_count { /* id first: cmp_by_id */
	char *id;
	size_t answers, right; /* every answer given */
	size_t people, first_right; /* each person's first answer */
	size_t stamp; /* the session last counted */
	struct tally *wrong; /* wrong answers, as "b,c" */
	size_t nwrong, cap;
	struct tally *first; /* options chosen in first answers */
	size_t nfirst, capf;
};

struct ex_count { /* id first: cmp_by_id */
	char *id;
	size_t sessions, solved, failing, attempts, hints;
	struct tally *errors;
	size_t nerrors, cap;
	long long *took; /* seconds from start to solve, of each timed solve */
	size_t ntook, cap_took;
};

struct note {
	const struct node *node; /* NULL: a node the content no longer has */
	char *node_id, *text, *who;
};

struct person {
	char *name; /* the participant, or NULL */
	char *label; /* shown: the participant, else the session's name */
	char *file;
	const struct node *at; /* where they stopped, or NULL */
	size_t read, notes, tried, solved, answered, right;
	long minutes; /* from start to last save; -1: unknown */
	char saved[6]; /* the last save's time of day, HH:MM (UTC), or "" */
};

struct report {
	const struct guide *g;
	size_t nsessions;
	size_t *path_sessions; /* per path */
	size_t *stage_reached, *stage_ended, *stage_stamp;
	size_t *node_reached, *node_stamp;
	size_t *choice_base, *choice_count, nchoices;
	size_t *decided, *decided_stamp; /* per node: first choices */
	size_t *story_read, *story_stamp;
	struct note *notes;
	size_t nnotes, cap_notes;
	struct person *people;
	size_t npeople, cap_people;
	hmap *quiz_ids, *ex_ids;
	struct quiz_count **quiz;
	size_t nquiz, cap_quiz;
	struct ex_count **ex;
	size_t nex, cap_ex;
	char **warnings, **skipped;
	size_t nwarnings, cap_warnings, nskipped, cap_skipped;
	char **hashes; /* content hash of each path, computed once */
	const struct quiz_set *qs; /* question texts; may be NULL */
	char *live; /* NULL, or the live page's line (report_set_live) */
	hmap *keys; /* a session's identity -> the first file with it */
	char **keyv;
	size_t nkeys, cap_keys;
};

struct report *
report_new(const struct guide *g)
{
	struct report *r = xcalloc(1, sizeof *r);
	r->g = g;
	size_t np = g->npaths + 1, ns = g->nstages + 1, nn = g->nnodes + 1;
	r->path_sessions = xcalloc(np, sizeof(size_t));
	r->hashes = xcalloc(np, sizeof(char *));
	for (size_t i = 0; i < g->npaths; i++)
		r->hashes[i] = session_content_hash(g->paths[i]);
	r->stage_reached = xcalloc(ns, sizeof(size_t));
	r->stage_ended = xcalloc(ns, sizeof(size_t));
	r->stage_stamp = xcalloc(ns, sizeof(size_t));
	r->node_reached = xcalloc(nn, sizeof(size_t));
	r->node_stamp = xcalloc(nn, sizeof(size_t));
	r->choice_base = xcalloc(nn, sizeof(size_t));
	for (size_t i = 0; i < g->nnodes; i++) {
		r->choice_base[i] = r->nchoices;
		r->nchoices += g->nodes[i]->nchoices;
	}
	r->choice_count = xcalloc(r->nchoices + 1, sizeof(size_t));
	r->decided = xcalloc(nn, sizeof(size_t));
	r->decided_stamp = xcalloc(nn, sizeof(size_t));
	r->story_read = xcalloc(g->nstories + 1, sizeof(size_t));
	r->story_stamp = xcalloc(g->nstories + 1, sizeof(size_t));
	r->quiz_ids = hmap_new();
	r->ex_ids = hmap_new();
	r->keys = hmap_new();
	return r;
}

void
report_set_quizzes(struct report *r, const struct quiz_set *qs)
{
	r->qs = qs;
}

void
report_set_live(struct report *r, const char *line)
{
	free(r->live);
	r->live = line ? xstrdup(line) : NULL;
}

static void
free_tallies(struct tally *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].key);
	free(t);
}

void
report_free(struct report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->g->npaths; i++)
		free(r->hashes[i]);
	free(r->hashes);
	free(r->path_sessions);
	free(r->stage_reached);
	free(r->stage_ended);
	free(r->stage_stamp);
	free(r->node_reached);
	free(r->node_stamp);
	free(r->choice_base);
	free(r->choice_count);
	free(r->decided);
	free(r->decided_stamp);
	free(r->story_read);
	free(r->story_stamp);
	for (size_t i = 0; i < r->nnotes; i++) {
		free(r->notes[i].node_id);
		free(r->notes[i].text);
		free(r->notes[i].who);
	}
	free(r->notes);
	for (size_t i = 0; i < r->npeople; i++) {
		free(r->people[i].name);
		free(r->people[i].label);
		free(r->people[i].file);
	}
	free(r->people);
	for (size_t i = 0; i < r->nquiz; i++) {
		free(r->quiz[i]->id);
		free_tallies(r->quiz[i]->wrong, r->quiz[i]->nwrong);
		free_tallies(r->quiz[i]->first, r->quiz[i]->nfirst);
		free(r->quiz[i]);
	}
	free(r->quiz);
	for (size_t i = 0; i < r->nex; i++) {
		free(r->ex[i]->id);
		free_tallies(r->ex[i]->errors, r->ex[i]->nerrors);
		free(r->ex[i]->took);
		free(r->ex[i]);
	}
	free(r->ex);
	hmap_free(r->quiz_ids);
	hmap_free(r->ex_ids);
	hmap_free(r->keys);
	free(r->live);
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keyv[i]);
	free(r->keyv);
	for (size_t i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	for (size_t i = 0; i < r->nskipped; i++)
		free(r->skipped[i]);
	free(r->skipped);
	free(r);
}

size_t
report_sessions(const struct report *r)
{
	return r->nsessions;
}

void
report_skip(struct report *r, const char *file, const char *why)
{
	(void)file;
	char *s = xstrdup(why);
	size_t n = strlen(s);
	while (n && s[n - 1] == '\n')
		s[--n] = '\0';
	VEC_PUSH(r->skipped, r->nskipped, r->cap_skipped, s);
}

static void
tally(struct tally **t, size_t *n, size_t *cap, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*t)[i].key, key) == 0) {
			(*t)[i].n++;
			return;
		}
	struct tally x = {xstrdup(key), 1};
	VEC_PUSH(*t, *n, *cap, x);
}

/* How often key came in t (0: never). */
static size_t
tally_of(const struct tally *t, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return t[i].n;
	return 0;
}

/* Counts node n once for this session: reached, and its stage. */
static void
reach(struct report *r, const struct node *n)
{
	if (r->node_stamp[n->index] == r->nsessions)
		return;
	r->node_stamp[n->index] = r->nsessions;
	r->node_reached[n->index]++;
	if (r->stage_stamp[n->stage->index] != r->nsessions) {
		r->stage_stamp[n->stage->index] = r->nsessions;
		r->stage_reached[n->stage->index]++;
	}
}

/* Counts the session on its path, warning when the path is gone or the
 * content changed; returns the path, or NULL. */
static const struct path *
add_path(struct report *r, const char *file, const struct session *s)
{
	const struct guide *g = r->g;
	size_t i;
	const char *pid = session_path_id(s);
	const struct path *p = pid ? guide_path(g, pid) : NULL;
	if (!p) {
		char *w = xasprintf("%s: warning: the path '%s' is not in this "
		                    "content; only notes, quiz and exercises "
		                    "are counted",
		    file, pid ? pid : "?");
		VEC_PUSH(r->warnings, r->nwarnings, r->cap_warnings, w);
	} else {
		for (i = 0; i < g->npaths && g->paths[i] != p; i++)
			;
		r->path_sessions[i]++;
		const char *h = session_saved_hash(s);
		if (!h || strcmp(h, r->hashes[i]) != 0) {
			char *w = xasprintf("%s: warning: made with other "
			                    "content (%s, now %s); ids that "
			                    "are gone are not "
			                    "counted",
			    file, h ? h : "no hash", r->hashes[i]);
			VEC_PUSH(r->warnings, r->nwarnings, r->cap_warnings, w);
		}
	}
	return p;
}

/* Counts the nodes, stages and choices on the trail; adds ids gone to
 * *gone; returns the node the session stopped at, or NULL. */
static const struct node *
add_trail(struct report *r, const struct session *s, const struct path *p,
    size_t *gone)
{
	const struct guide *g = r->g;
	const struct node *at = NULL;
	for (size_t i = 0; i < session_nsteps(s); i++) {
		struct session_step st = session_step(s, i);
		const char *nid = st.node, *cid = st.choice;
		const struct node *n = nid ? guide_node(g, nid) : NULL;
		if (!n || n->path != p) {
			(*gone)++;
			at = NULL;
			continue;
		}
		at = n;
		reach(r, n);
		const struct choice *ch = cid ? guide_choice(n, cid) : NULL;
		if (cid && !ch)
			(*gone)++;
		if (ch && r->decided_stamp[n->index] != r->nsessions) {
			/* a person's first choice here; a loop back to it
			 * is not a second vote */
			r->decided_stamp[n->index] = r->nsessions;
			r->decided[n->index]++;
			r->choice_count[r->choice_base[n->index] +
			    (size_t)(ch - n->choices)]++;
		}
	}
	if (at)
		r->stage_ended[at->stage->index]++;
	return at;
}

/* Counts the nodes seen and the stories read; adds ids gone to *gone;
 * returns how many stories this session read. */
static size_t
add_read(struct report *r, const struct session *s, const struct path *p,
    size_t *gone)
{
	const struct guide *g = r->g;
	for (size_t i = 0; i < session_nseen(s); i++) {
		const struct node *n = guide_node(g, session_seen_id(s, i));
		if (n && n->path == p)
			reach(r, n);
	}
	size_t nread = 0;
	for (size_t i = 0; i < session_nread(s); i++) {
		const struct story *st = guide_story(g, session_read_id(s, i));
		if (!st) {
			(*gone)++;
			continue;
		}
		if (r->story_stamp[st->index] != r->nsessions) {
			r->story_stamp[st->index] = r->nsessions;
			r->story_read[st->index]++;
			nread++;
		}
	}
	return nread;
}

/* Keeps the session's notes and the person who walked it: named by the
 * participant, else the session's own name, else the file's. */
static void
add_notes(struct report *r, const char *file, const struct session *s,
    const struct node *at, size_t nread)
{
	const struct guide *g = r->g;
	const char *who = session_participant(s);
	if (who && !*who)
		who = NULL;
	for (size_t i = 0; i < session_nnotes(s); i++) {
		struct session_note sn = session_note(s, i);
		struct note nt = {guide_node(g, sn.node), xstrdup(sn.node),
		    xstrdup(sn.text), who ? xstrdup(who) : NULL};
		VEC_PUSH(r->notes, r->nnotes, r->cap_notes, nt);
	}
	const char *label = who ? who : session_saved_name(s);
	if (!label || !*label)
		label = session_name(s);
	long long t0 = session_time_seconds(session_created(s)),
	          t1 = session_time_seconds(session_updated(s));
	struct person pe = {who ? xstrdup(who) : NULL, xstrdup(label),
	    xstrdup(file), at, nread, session_nnotes(s), 0, 0, 0, 0,
	    t0 >= 0 && t1 >= t0 ? (long)((t1 - t0 + 30) / 60) : -1, ""};
	const char *u = session_updated(s);
	if (t1 >= 0)
		snprintf(pe.saved, sizeof pe.saved, "%.5s", u + 11);
	for (size_t i = 0; i < session_nexercises(s); i++) {
		pe.tried++;
		pe.solved += session_exercise(s, i).status == SESSION_SOLVED;
	}
	VEC_PUSH(r->people, r->npeople, r->cap_people, pe);
}

/* Counts the session's quiz answers, tallying the wrong ones. */
static void
add_quiz(struct report *r, const struct session *s)
{
	for (size_t i = 0; i < session_nanswers(s); i++) {
		struct session_answer a = session_answer(s, i);
		const char *qid = a.question;
		struct quiz_count *q = hmap_get(r->quiz_ids, qid);
		if (!q) {
			q = xcalloc(1, sizeof *q);
			q->id = xstrdup(qid);
			hmap_put(r->quiz_ids, q->id, q);
			VEC_PUSH(r->quiz, r->nquiz, r->cap_quiz, q);
		}
		q->answers++;
		if (q->stamp != r->nsessions) { /* this person's first */
			q->stamp = r->nsessions;
			q->people++;
			q->first_right += a.right;
			struct person *pe = &r->people[r->npeople - 1];
			pe->answered++;
			pe->right += a.right;
			for (size_t k = 0; k < a.nchosen; k++)
				tally(&q->first, &q->nfirst, &q->capf,
				    session_answer_option(s, i, k));
		}
		if (a.right) {
			q->right++;
			continue;
		}
		strbuf b = {0};
		for (size_t k = 0; k < a.nchosen; k++)
			sb_printf(&b, "%s%s", k ? "," : "",
			    session_answer_option(s, i, k));
		tally(&q->wrong, &q->nwrong, &q->cap, b.s ? b.s : "");
		sb_free(&b);
	}
}

/* Counts the session's exercises, tallying the errors left. */
static void
add_exercises(struct report *r, const struct session *s)
{
	for (size_t i = 0; i < session_nexercises(s); i++) {
		struct session_exercise x = session_exercise(s, i);
		struct ex_count *e = hmap_get(r->ex_ids, x.id);
		if (!e) {
			e = xcalloc(1, sizeof *e);
			e->id = xstrdup(x.id);
			hmap_put(r->ex_ids, e->id, e);
			VEC_PUSH(r->ex, r->nex, r->cap_ex, e);
		}
		e->sessions++;
		e->solved += x.status == SESSION_SOLVED;
		e->failing += x.status == SESSION_FAILING;
		e->attempts += x.attempts;
		e->hints += x.hints;
		long long took = session_exercise_took(&x);
		if (took >= 0)
			VEC_PUSH(e->took, e->ntook, e->cap_took, took);
		if (x.last_error && x.status != SESSION_SOLVED)
			tally(&e->errors, &e->nerrors, &e->cap, x.last_error);
	}
}

/* True when a session with the same identity (the name it gives itself,
 * its path, participant and start) was counted already: a copy of a file
 * is said, and counted once. */
static bool
duplicate(struct report *r, const char *file, const struct session *s)
{
	const char *who = session_participant(s);
	char *key = xasprintf("%s\n%s\n%s\n%s", session_saved_name(s),
	    session_path_id(s), session_created(s), who ? who : "");
	const char *first = hmap_get(r->keys, key);
	if (!first) {
		VEC_PUSH(r->keyv, r->nkeys, r->cap_keys, key);
		char *f = xstrdup(file);
		VEC_PUSH(r->keyv, r->nkeys, r->cap_keys, f);
		hmap_put(r->keys, key, f);
		return false;
	}
	char *w = xasprintf("%s: warning: the same session as %s (its name, "
	                    "participant and start); counted once",
	    file, first);
	VEC_PUSH(r->warnings, r->nwarnings, r->cap_warnings, w);
	free(key);
	return true;
}

void
report_add(struct report *r, const char *file, const struct session *s)
{
	size_t gone = 0;
	if (duplicate(r, file, s))
		return;
	r->nsessions++; /* stamps: this session's number, from 1 */
	const struct path *p = add_path(r, file, s);
	const struct node *at = add_trail(r, s, p, &gone);
	size_t nread = add_read(r, s, p, &gone);
	add_notes(r, file, s, at, nread);
	add_quiz(r, s); /* after add_notes: it scores the person */
	add_exercises(r, s);
	if (gone && p) {
		char *w = xasprintf("%s: warning: %zu id%s in it no longer "
		                    "in the content, not counted",
		    file, gone, gone == 1 ? "" : "s");
		VEC_PUSH(r->warnings, r->nwarnings, r->cap_warnings, w);
	}
}

/* --- writing --- */

/* Markdown, or HTML with the Markdown parts through cmark. */
struct out {
	bool html;
	strbuf md; /* pending Markdown */
	strbuf *final; /* HTML when html; else unused */
	int sections;
};

static void put(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&o->md, fmt, ap);
	va_end(ap);
}

/* Appends s as Markdown text (its markup shown, not obeyed). */
static void
put_text(struct out *o, const char *s)
{
	md_line(&o->md, s);
}

/* Appends md, Markdown from the content (a quiz question), on one line:
 * its markup kept, line breaks as spaces. */
static void
put_md_line(struct out *o, const char *md)
{
	for (const char *p = md; *p; p++)
		put(o, "%c", *p == '\n' || *p == '\r' ? ' ' : *p);
}

/* Appends s (an id) as a Markdown code span. */
static void
put_code(struct out *o, const char *s)
{
	md_code(&o->md, s);
}

static void
flush(struct out *o)
{
	if (o->html && o->md.len) {
		html_markdown(o->final, o->md.s, o->md.len, false,
		    &o->sections);
		o->md.len = 0;
		o->md.s[0] = '\0';
	}
}

struct bar {
	const char *label, *id; /* id may be NULL */
	size_t n;
};

/* A bar chart of items against total: block characters (eighths) in
 * Markdown, an inline SVG in HTML. */
static void
bars(struct out *o, const char *what, const struct bar *b, size_t n,
    size_t total)
{
	if (!o->html) {
		for (size_t i = 0; i < n; i++) {
			int eighths = total
			    ? (int)((b[i].n * 160 + total / 2) / total)
			    : 0,
			    k;
			put(o, "- `");
			for (k = 0; k + 8 <= eighths; k += 8)
				put(o, "█");
			if (eighths - k > 0)
				put(o, "%s",
				    (const char *[]){"", "▏", "▎", "▍", "▌",
				        "▋", "▊", "▉"}[eighths - k]);
			for (k = (eighths + 7) / 8; k < 20; k++)
				put(o, "░");
			put(o, "` %zu (%zu%%) ", b[i].n,
			    total ? (b[i].n * 100 + total / 2) / total : 0);
			put_text(o, b[i].label);
			if (b[i].id) {
				put(o, " (");
				put_code(o, b[i].id);
				put(o, ")");
			}
			put(o, "\n");
		}
		put(o, "\n");
		return;
	}
	flush(o);
	strbuf *h = o->final;
	int rowh = 34, w = 400;
	sb_printf(h,
	    "<svg class=\"bars\" viewBox=\"0 0 %d %zu\" role=\"img\" "
	    "aria-label=\"",
	    w, (size_t)rowh * n + 4);
	html_escape(h, what, strlen(what));
	sb_puts(h, "\">\n");
	for (size_t i = 0; i < n; i++) {
		size_t y = (size_t)rowh * i;
		double frac = total ? (double)b[i].n / (double)total : 0;
		/* a long label is cut to fit; its whole text is the title */
		const char *l = b[i].label;
		size_t len = strlen(l), cut = 0, chars = 0;
		while (cut < len && chars < 66)
			if (((unsigned char)l[cut++] & 0xc0) != 0x80)
				chars++;
		while (cut < len && ((unsigned char)l[cut] & 0xc0) == 0x80)
			cut++;
		sb_puts(h, "<g><title>");
		html_escape(h, l, len);
		sb_printf(h, "</title><text x=\"0\" y=\"%zu\">", y + 12);
		html_escape(h, l, cut);
		if (cut < len)
			sb_puts(h, "…");
		sb_printf(h,
		    "</text>\n<rect class=\"track\" x=\"0\" y=\"%zu\" "
		    "width=\"%d\" height=\"12\" rx=\"2\"/>\n",
		    y + 16, w - 76);
		sb_printf(h,
		    "<rect class=\"bar\" x=\"0\" y=\"%zu\" width=\"%.1f"
		    "\" height=\"12\" rx=\"2\"/>\n",
		    y + 16, frac * (w - 76));
		sb_printf(h,
		    "<text x=\"%d\" y=\"%zu\">%zu (%zu%%)</text></g>\n", w - 70,
		    y + 26, b[i].n,
		    total ? (b[i].n * 100 + total / 2) / total : 0);
	}
	sb_puts(h, "</svg>\n");
}

static int
cmp_count_desc(const void *a, const void *b)
{
	const struct bar *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
cmp_count_asc(const void *a, const void *b)
{
	const struct bar *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* For an array of pointers to quiz_count or ex_count: by id, their first
 * member (a pointer to a struct is one to its first member). */
static int
cmp_by_id(const void *a, const void *b)
{
	return strcmp(**(char *const *const *)a, **(char *const *const *)b);
}

/* The most frequent tally (ties: the first met), or NULL. */
static const struct tally *
most(const struct tally *t, size_t n)
{
	const struct tally *m = NULL;
	for (size_t i = 0; i < n; i++)
		if (!m || t[i].n > m->n)
			m = &t[i];
	return m;
}

/* Writes the title line. */
static void
write_title(const struct report *r, struct out *o)
{
	if (r->live) {
		put(o, "# The room, live\n\n");
		put_text(o, r->live);
		put(o, "\n\n");
	}
	put(o, "%s*%zu session%s", r->live ? "" : "# Group report\n\n",
	    r->nsessions, r->nsessions == 1 ? "" : "s");
	if (r->nskipped)
		put(o, ", %zu damaged file%s skipped", r->nskipped,
		    r->nskipped == 1 ? "" : "s");
	if (r->nwarnings)
		put(o, ", %zu warning%s", r->nwarnings,
		    r->nwarnings == 1 ? "" : "s");
	put(o, ".*\n\n");
}

/* Writes how far people got, per path and stage. */
static void
write_far(const struct report *r, struct out *o)
{
	const struct guide *g = r->g;
	put(o, "## How far people got\n\n");
	for (size_t pi = 0; pi < g->npaths; pi++) {
		const struct path *p = g->paths[pi];
		size_t np = r->path_sessions[pi];
		if (!np)
			continue;
		put(o, "### ");
		put_text(o, p->title);
		put(o,
		    "\n\n%zu walked it. Reached each stage (and stopped "
		    "there):\n\n",
		    np);
		struct bar *b = xcalloc(p->nstages + 1, sizeof *b);
		char **labels = xcalloc(p->nstages + 1, sizeof *labels);
		for (size_t k = 0; k < p->nstages; k++) {
			const struct stage *st = p->stages[k];
			labels[k] = xasprintf("%s (%zu stopped here)",
			    st->title, r->stage_ended[st->index]);
			b[k] = (struct bar){labels[k], st->id,
			    r->stage_reached[st->index]};
		}
		bars(o, "stages reached", b, p->nstages, np);
		for (size_t k = 0; k < p->nstages; k++)
			free(labels[k]);
		free(labels);
		free(b);
	}
	if (!r->nsessions)
		put(o, "No session to count.\n\n");
}

/* Writes how many arrived at n and the bars of its choices (each
 * person's first) against them. */
static void
write_choices(const struct report *r, struct out *o, const struct node *n,
    size_t arrived)
{
	size_t i = n->index, chose = r->decided[i];
	put(o, "%zu arrived", arrived);
	if (chose != arrived)
		put(o, ", %zu chose", chose);
	put(o, ".\n\n");
	struct bar *b = xcalloc(n->nchoices, sizeof *b);
	for (size_t k = 0; k < n->nchoices; k++)
		b[k] = (struct bar){n->choices[k].text, n->choices[k].id,
		    r->choice_count[r->choice_base[i] + k]};
	bars(o, n->title, b, n->nchoices, arrived);
	free(b);
}

/* Writes each node with a choice that someone reached, with its choices. */
static void
write_decisions(const struct report *r, struct out *o)
{
	const struct guide *g = r->g;
	/* decisions */
	bool any = false;
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		size_t arrived = r->node_reached[i];
		if (n->nchoices < 2 || !arrived)
			continue;
		if (!any)
			put(o,
			    "## Decisions\n\nAt each stop with a choice "
			    "that someone reached: how many people took "
			    "each choice (a person's first choice there, "
			    "so a walk that loops back is counted "
			    "once).\n\n");
		any = true;
		put(o, "### ");
		put_text(o, n->title);
		put(o, " (");
		put_code(o, n->id);
		put(o, ")\n\n");
		write_choices(r, o, n, arrived);
	}
}

/* Writes the stories most read and least read on the paths walked. */
static void
write_stories(const struct report *r, struct out *o)
{
	const struct guide *g = r->g;
	/* stories */
	if (r->nsessions) {
		struct bar *b = xcalloc(g->nstories + 1, sizeof *b);
		size_t nb = 0;
		bool *walked = xcalloc(g->nstories + 1, sizeof *walked);
		for (size_t i = 0; i < g->nnodes; i++) {
			const struct node *n = g->nodes[i];
			size_t pi = 0;
			while (g->paths[pi] != n->path)
				pi++;
			if (!r->path_sessions[pi])
				continue;
			for (size_t k = 0; k < n->nstories; k++)
				walked[n->stories[k]->index] = true;
		}
		for (size_t i = 0; i < g->nstories; i++)
			if (walked[i] || r->story_read[i])
				b[nb++] = (struct bar){g->stories[i]->title,
				    g->stories[i]->id, r->story_read[i]};
		qsort(b, nb, sizeof *b, cmp_count_desc);
		size_t top = nb < 5 ? nb : 5;
		put(o, "## Stories\n\nMost read:\n\n");
		bars(o, "stories most read", b, top, r->nsessions);
		if (nb > top) {
			size_t low = nb - top < 5 ? nb - top : 5;
			put(o,
			    "Least read (of the stories on the paths "
			    "walked):\n\n");
			struct bar *l = xcalloc(low, sizeof *l);
			for (size_t k = 0; k < low; k++)
				l[k] = b[nb - low + k];
			qsort(l, low, sizeof *l, cmp_count_asc);
			bars(o, "stories least read", l, low, r->nsessions);
			free(l);
		}
		free(walked);
		free(b);
	}
}

/* Writes the notes grouped by stop in guide order (unknown stops last):
 * each stop with its count, the same text once with how often it was
 * written, at most NOTES_PER_STOP texts and a line for the rest. */
static void
write_notes(const struct report *r, bool anonymous, struct out *o)
{
	const struct guide *g = r->g;
	if (!r->nnotes)
		return;
	put(o,
	    "## Notes\n\n%zu note%s, by stop; at most %d different ones "
	    "shown at each (`report --format json` has them all).\n\n",
	    r->nnotes, r->nnotes == 1 ? "" : "s", NOTES_PER_STOP);
	bool *done = xcalloc(r->nnotes, sizeof *done);
	for (size_t i = 0; i <= g->nnodes; i++) {
		const struct node *at = i < g->nnodes ? g->nodes[i] : NULL;
		size_t count = 0, shown = 0, hidden = 0;
		for (size_t k = 0; k < r->nnotes; k++)
			count += r->notes[k].node == at;
		if (!count)
			continue;
		put(o, "### ");
		put_text(o, at ? at->title : "Stops no longer in the content");
		if (at) {
			put(o, " (");
			put_code(o, at->id);
			put(o, ")");
		}
		put(o, ": %zu note%s\n\n", count, count == 1 ? "" : "s");
		for (size_t k = 0; k < r->nnotes; k++) {
			const struct note *nt = &r->notes[k];
			if (nt->node != at || done[k])
				continue;
			/* the same text at the same stop: once, counted */
			size_t same = 0;
			for (size_t j = k; j < r->nnotes; j++)
				if (!done[j] && r->notes[j].node == at &&
				    strcmp(r->notes[j].text, nt->text) == 0 &&
				    (at ||
				        strcmp(r->notes[j].node_id,
				            nt->node_id) == 0)) {
					done[j] = true;
					same++;
				}
			if (shown == NOTES_PER_STOP) {
				hidden += same;
				continue;
			}
			shown++;
			put(o, "- ");
			put_text(o, nt->text);
			if (same > 1) {
				put(o, " (%zu times)", same);
			} else if (nt->who && !anonymous) {
				put(o, " (");
				put_text(o, nt->who);
				put(o, ")");
			}
			if (!at) {
				put(o, " at ");
				put_code(o, nt->node_id);
			}
			put(o, "\n");
		}
		if (hidden)
			put(o, "- and %zu more\n", hidden);
		put(o, "\n");
	}
	free(done);
}

/* The text of option id of question qq (NULL: none, or no question). */
static const char *
option_text(const struct question *qq, const char *id)
{
	for (size_t k = 0; qq && k < qq->noptions; k++)
		if (strcmp(qq->options[k].id, id) == 0)
			return qq->options[k].text;
	return NULL;
}

/* Writes each quiz question (its text when known): how many people
 * answered, the share right at the first try, and the most common wrong
 * answer with its text. */
static void
write_quiz(const struct report *r, struct out *o)
{
	if (!r->nquiz)
		return;
	struct quiz_count **q = xcalloc(r->nquiz, sizeof *q);
	memcpy(q, r->quiz, r->nquiz * sizeof *q);
	qsort(q, r->nquiz, sizeof *q, cmp_by_id);
	put(o, "## Quiz\n\n");
	for (size_t i = 0; i < r->nquiz; i++) {
		const struct question *qq =
		    r->qs ? quiz_find(r->qs, q[i]->id) : NULL;
		put(o, "- ");
		if (qq) {
			put_md_line(o, qq->text);
			put(o, " (");
			put_code(o, q[i]->id);
			put(o, ")");
		} else {
			put_code(o, q[i]->id);
		}
		put(o, ": %zu %s, %zu%% right at the first try", q[i]->people,
		    q[i]->people == 1 ? "person" : "people",
		    (q[i]->first_right * 100 + q[i]->people / 2) /
		        q[i]->people);
		if (q[i]->answers != q[i]->people)
			put(o, " (%zu answers in all, %zu right)",
			    q[i]->answers, q[i]->right);
		const struct tally *m = most(q[i]->wrong, q[i]->nwrong);
		if (m) {
			put(o, "; the most common wrong answer: ");
			put_code(o, m->key);
			const char *t = option_text(qq, m->key);
			if (t) {
				put(o, ", ");
				put_text(o, t);
			}
			put(o, " (%zu)", m->n);
		}
		put(o, "\n");
	}
	put(o, "\n");
	free(q);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* The median of e's times to solve, in seconds (the mean of the middle
 * two when their number is even); -1 when none was timed.  Sorts them. */
static double
median_took(const struct ex_count *e)
{
	size_t n = e->ntook;
	if (!n)
		return -1;
	qsort(e->took, n, sizeof *e->took, cmp_ll);
	return n % 2
	    ? (double)e->took[n / 2]
	    : ((double)e->took[n / 2 - 1] + (double)e->took[n / 2]) / 2;
}

/* Writes each exercise's results: tried, solved, the median time to
 * solve, attempts and hints, and its most common error left. */
static void
write_exercises(const struct report *r, struct out *o)
{
	if (r->nex) {
		struct ex_count **e = xcalloc(r->nex, sizeof *e);
		memcpy(e, r->ex, r->nex * sizeof *e);
		qsort(e, r->nex, sizeof *e, cmp_by_id);
		put(o, "## Exercises\n\n");
		for (size_t i = 0; i < r->nex; i++) {
			size_t n = e[i]->sessions;
			put(o, "- ");
			put_code(o, e[i]->id);
			put(o,
			    ": %zu tried, %zu solved (%zu%%), %zu still "
			    "failing",
			    n, e[i]->solved, (e[i]->solved * 100 + n / 2) / n,
			    e[i]->failing);
			double med = median_took(e[i]);
			if (med >= 0) {
				put(o, "; median time to solve ");
				sb_duration(&o->md, med);
				if (e[i]->ntook < e[i]->solved)
					put(o, " (%zu of %zu solves timed)",
					    e[i]->ntook, e[i]->solved);
			}
			put(o, "; %.1f attempts and %.1f hints on average",
			    (double)e[i]->attempts / (double)n,
			    (double)e[i]->hints / (double)n);
			const struct tally *m =
			    most(e[i]->errors, e[i]->nerrors);
			if (m) {
				put(o, "; the most common error left: ");
				put_code(o, m->key);
				put(o, " (%zu)", m->n);
			}
			put(o, "\n");
		}
		put(o, "\n");
		free(e);
	}
}

/* A stable pseudonym for key: an adjective and an animal picked by a
 * hash of it (FNV-1a), so the same person gets the same one each time. */
static char *
pseudonym(const char *key)
{
	static const char *const adj[] = {"Amber", "Brave", "Calm", "Clever",
	    "Curious", "Daring", "Eager", "Gentle", "Glad", "Golden", "Happy",
	    "Keen", "Kind", "Lively", "Lucky", "Merry", "Nimble", "Patient",
	    "Plucky", "Quick", "Quiet", "Rapid", "Sharp", "Silver", "Steady",
	    "Sunny", "Swift", "Tidy", "Upbeat", "Vivid", "Warm", "Wise"};
	static const char *const animal[] = {"Badger", "Beaver", "Bison",
	    "Crane", "Crow", "Deer", "Dolphin", "Eagle", "Falcon", "Ferret",
	    "Fox", "Gecko", "Hare", "Heron", "Ibex", "Koala", "Lark", "Lynx",
	    "Marten", "Mole", "Newt", "Otter", "Owl", "Panda", "Puffin",
	    "Quail", "Raven", "Seal", "Stoat", "Swan", "Tern", "Wren"};
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	return xasprintf("%s %s", adj[h % 32], animal[(h >> 5) % 32]);
}

/* The names people are shown by, in the order of r->people: their
 * labels, or with anonymous stable pseudonyms (a second person with the
 * same one gets " 2", in file order).  Caller frees each and the array. */
static char **
people_names(const struct report *r, bool anonymous)
{
	char **v = xcalloc(r->npeople + 1, sizeof *v);
	for (size_t i = 0; i < r->npeople; i++) {
		const struct person *pe = &r->people[i];
		if (!anonymous) {
			v[i] = xstrdup(pe->label);
			continue;
		}
		char *base = pseudonym(pe->name ? pe->name : pe->label);
		v[i] = xstrdup(base);
		for (unsigned n = 2;; n++) {
			size_t k = 0;
			while (k < i && strcmp(v[k], v[i]) != 0)
				k++;
			if (k == i)
				break;
			free(v[i]);
			v[i] = xasprintf("%s %u", base, n);
		}
		free(base);
	}
	return v;
}

static const char *const *sort_names; /* for cmp_person */

static int
cmp_person(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcasecmp(sort_names[x], sort_names[y]);
	return c ? c : x < y ? -1 : x > y;
}

/* One person's row of the HTML table, under the name nm. */
static void
person_row(strbuf *h, const struct person *pe, const char *nm)
{
	sb_puts(h, "<tr><th scope=\"row\">");
	html_escape(h, nm, strlen(nm));
	sb_puts(h, "</th><td>");
	if (pe->at) {
		html_escape(h, pe->at->title, strlen(pe->at->title));
		sb_puts(h, "<br><small>");
		html_escape(h, pe->at->stage->title,
		    strlen(pe->at->stage->title));
		sb_puts(h, "</small>");
	} else {
		sb_puts(h, "(where the content changed)");
	}
	sb_puts(h, "</td>");
	if (pe->minutes >= 0)
		sb_printf(h, "<td>%ld</td>", pe->minutes);
	else
		sb_puts(h, "<td></td>");
	sb_printf(h, "<td>%s</td><td>%zu</td>", pe->saved, pe->read);
	if (pe->tried)
		sb_printf(h, "<td>%zu/%zu</td>", pe->solved, pe->tried);
	else
		sb_puts(h, "<td></td>");
	if (pe->answered)
		sb_printf(h, "<td>%zu/%zu</td>", pe->right, pe->answered);
	else
		sb_puts(h, "<td></td>");
	sb_puts(h, "</tr>\n");
}

/* One person's line of the Markdown list, under name. */
static void
person_line(struct out *o, const struct person *pe, const char *name)
{
	put(o, "- **");
	put_text(o, name);
	put(o, "**: ");
	if (pe->at) {
		put(o, "at ");
		put_text(o, pe->at->title);
		put(o, " (");
		put_text(o, pe->at->stage->title);
		put(o, ")");
	} else {
		put(o, "where the content changed");
	}
	if (pe->minutes >= 0)
		put(o, "; %ld min", pe->minutes);
	put(o, "; %zu stor%s read", pe->read, pe->read == 1 ? "y" : "ies");
	if (pe->tried)
		put(o, ", %zu of %zu exercise%s solved", pe->solved, pe->tried,
		    pe->tried == 1 ? "" : "s");
	if (pe->answered)
		put(o, ", quiz %zu of %zu right", pe->right, pe->answered);
	put(o, "\n");
}

/* Writes one row per person, by name: stage and stop, minutes, stories
 * read, exercises solved, quiz score.  A table in HTML (the last save's
 * time too; solved and quiz as "right/of", empty for none), a list in
 * Markdown. */
static void
write_people(const struct report *r, bool anonymous, struct out *o)
{
	if (!r->npeople)
		return;
	char **names = people_names(r, anonymous);
	size_t *order = xcalloc(r->npeople, sizeof *order);
	for (size_t i = 0; i < r->npeople; i++)
		order[i] = i;
	sort_names = (const char *const *)names;
	qsort(order, r->npeople, sizeof *order, cmp_person);
	put(o, "## Who is where\n\n");
	if (o->html) {
		flush(o);
		strbuf *h = o->final;
		sb_puts(h,
		    "<table class=\"people\">\n<thead><tr><th>Name</th>"
		    "<th>Where (stage)</th><th>Min</th><th>Saved</th>"
		    "<th>Stories</th><th>Solved</th><th>Quiz</th></tr>"
		    "</thead>\n<tbody>\n");
		for (size_t j = 0; j < r->npeople; j++) {
			person_row(h, &r->people[order[j]], names[order[j]]);
		}
		sb_puts(h, "</tbody>\n</table>\n");
	} else {
		for (size_t j = 0; j < r->npeople; j++) {
			person_line(o, &r->people[order[j]], names[order[j]]);
		}
		put(o, "\n");
	}
	for (size_t i = 0; i < r->npeople; i++)
		free(names[i]);
	free(names);
	free(order);
}

/* An option's Markdown text as a bar's label: one line, backticks
 * dropped (a label is plain text), and " (right)" after a right one.
 * Caller frees. */
static char *
plain_label(const char *md, const char *right)
{
	strbuf b = {0};
	for (const char *p = md; *p; p++)
		if (*p != '`')
			sb_putc(&b, *p == '\n' ? ' ' : *p);
	sb_puts(&b, right);
	return sb_take(&b);
}

/* A ranked candidate for "where the room split". */
struct split {
	size_t i;
	double score;
	size_t n;
};

static int
cmp_split(const void *a, const void *b)
{
	const struct split *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Writes one quiz question of "Where the room split": its text, how
 * many answered and how many were right first, the first answers as
 * bars. */
static void
write_split_question(const struct report *r, struct out *o,
    const struct quiz_count *qz)
{
	const struct question *qq = r->qs ? quiz_find(r->qs, qz->id) : NULL;
	put(o, "### Quiz: ");
	if (qq) {
		put_md_line(o, qq->text);
		put(o, " (");
		put_code(o, qz->id);
		put(o, ")");
	} else {
		put_code(o, qz->id);
	}
	put(o,
	    "\n\n%zu answered, %zu right at the first try. First "
	    "answers:\n\n",
	    qz->people, qz->first_right);
	size_t nb = qq ? qq->noptions : qz->nfirst;
	struct bar *b = xcalloc(nb + 1, sizeof *b);
	char **labels = xcalloc(nb + 1, sizeof *labels);
	for (size_t k = 0; k < nb; k++) {
		const char *id = qq ? qq->options[k].id : qz->first[k].key;
		labels[k] = qq ? plain_label(qq->options[k].text,
		                     qq->options[k].right ? " (right)" : "")
		               : xstrdup(id);
		b[k] = (struct bar){labels[k], id,
		    tally_of(qz->first, qz->nfirst, id)};
	}
	bars(o, "first answers", b, nb, qz->people);
	for (size_t k = 0; k < nb; k++)
		free(labels[k]);
	free(labels);
	free(b);
}

/* Writes "Where the room split": the SPLIT_MAX decisions whose people
 * divided most (one minus the largest choice's share of those who chose;
 * two people at least), and the SPLIT_MAX quiz questions most often
 * answered wrong at the first try, each with its text and options. */
static void
write_split(const struct report *r, struct out *o)
{
	const struct guide *g = r->g;
	if (!r->nsessions)
		return;
	put(o, "## Where the room split\n\n");
	struct split *d = xcalloc(g->nnodes + 1, sizeof *d);
	size_t nd = 0;
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		size_t chose = r->decided[i], top = 0;
		if (n->nchoices < 2 || chose < 2)
			continue;
		for (size_t k = 0; k < n->nchoices; k++)
			if (r->choice_count[r->choice_base[i] + k] > top)
				top = r->choice_count[r->choice_base[i] + k];
		if (top < chose)
			d[nd++] = (struct split){i,
			    1.0 - (double)top / (double)chose, chose};
	}
	qsort(d, nd, sizeof *d, cmp_split);
	struct split *q = xcalloc(r->nquiz + 1, sizeof *q);
	size_t nq = 0;
	for (size_t i = 0; i < r->nquiz; i++)
		if (r->quiz[i]->people > r->quiz[i]->first_right)
			q[nq++] = (struct split){i,
			    (double)(r->quiz[i]->people -
			        r->quiz[i]->first_right) /
			        (double)r->quiz[i]->people,
			    r->quiz[i]->people};
	qsort(q, nq, sizeof *q, cmp_split);
	if (!nd && !nq)
		put(o,
		    "Nothing divided the room yet: every decision went one "
		    "way and every quiz answer was right.\n\n");
	for (size_t j = 0; j < nd && j < SPLIT_MAX; j++) {
		const struct node *n = g->nodes[d[j].i];
		put(o, "### ");
		put_text(o, n->title);
		put(o, " (");
		put_code(o, n->id);
		put(o, ")\n\n");
		if (n->pain) {
			put(o, "*");
			put_text(o, n->pain);
			put(o, "*\n\n");
		}
		write_choices(r, o, n, r->node_reached[d[j].i]);
	}
	for (size_t j = 0; j < nq && j < SPLIT_MAX; j++)
		write_split_question(r, o, r->quiz[q[j].i]);
	free(d);
	free(q);
}

/* Writes the files warned about and the files skipped. */
static void
write_files(const struct report *r, struct out *o)
{
	if (r->nwarnings || r->nskipped) {
		put(o, "## Files\n\n");
		for (size_t i = 0; i < r->nwarnings; i++) {
			put(o, "- ");
			put_text(o, r->warnings[i]);
			put(o, "\n");
		}
		for (size_t i = 0; i < r->nskipped; i++) {
			put(o, "- skipped: ");
			put_text(o, r->skipped[i]);
			put(o, "\n");
		}
		put(o, "\n");
	}
}

/* Writes the whole report, section by section, through o. */
static void
write_report(const struct report *r, bool anonymous, struct out *o)
{
	write_title(r, o);
	if (r->live) /* who is where, now, first */
		write_people(r, anonymous, o);
	write_split(r, o);
	if (!r->live)
		write_people(r, anonymous, o);
	write_far(r, o);
	write_decisions(r, o);
	write_stories(r, o);
	write_notes(r, anonymous, o);
	write_quiz(r, o);
	write_exercises(r, o);
	write_files(r, o);
}

void
report_markdown(const struct report *r, bool anonymous, strbuf *md)
{
	struct out o = {false, {0}, NULL, 0};
	write_report(r, anonymous, &o);
	sb_add(md, o.md.s ? o.md.s : "", o.md.len);
	sb_free(&o.md);
}

void
report_html(const struct report *r, bool anonymous, strbuf *out)
{
	struct out o = {true, {0}, out, 0};
	html_begin(out, "Group report");
	write_report(r, anonymous, &o);
	flush(&o);
	html_end(out);
	sb_free(&o.md);
}
/* Returns a new array: per path walked, its sessions and stages. */
static json_t *
json_paths(const struct report *r)
{
	const struct guide *g = r->g;
	json_t *a = json_array();
	for (size_t pi = 0; pi < g->npaths; pi++) {
		const struct path *p = g->paths[pi];
		if (!r->path_sessions[pi])
			continue;
		json_t *st = json_array();
		for (size_t k = 0; k < p->nstages; k++) {
			const struct stage *s = p->stages[k];
			json_array_append_new(st,
			    json_pack("{s:s, s:s, s:I, "
			              "s:I}",
			        "id", s->id, "title", s->title, "reached",
			        (json_int_t)r->stage_reached[s->index],
			        "stopped",
			        (json_int_t)r->stage_ended[s->index]));
		}
		json_array_append_new(a,
		    json_pack("{s:s, s:I, s:o}", "id", p->id, "sessions",
		        (json_int_t)r->path_sessions[pi], "stages", st));
	}
	return a;
}

/* Returns a new array: per node with a choice reached, the counts. */
static json_t *
json_decisions(const struct report *r)
{
	const struct guide *g = r->g;
	json_t *a = json_array();
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		if (n->nchoices < 2 || !r->node_reached[i])
			continue;
		json_t *ch = json_array();
		for (size_t k = 0; k < n->nchoices; k++)
			json_array_append_new(ch,
			    json_pack("{s:s, s:s, s:I}", "id", n->choices[k].id,
			        "text", n->choices[k].text, "count",
			        (json_int_t)
			            r->choice_count[r->choice_base[i] + k]));
		json_array_append_new(a,
		    json_pack("{s:s, s:I, s:I, s:o}", "node", n->id, "arrived",
		        (json_int_t)r->node_reached[i], "chose",
		        (json_int_t)r->decided[i], "choices", ch));
	}
	return a;
}

/* Returns a new object: per quiz question, answers and right ones. */
static json_t *
json_quiz(const struct report *r)
{
	json_t *a = json_object();
	for (size_t i = 0; i < r->nquiz; i++) {
		const struct quiz_count *q = r->quiz[i];
		const struct tally *m = most(q->wrong, q->nwrong);
		json_object_set_new(a, q->id,
		    json_pack("{s:I, s:I, s:I, s:I, s:o}", "answers",
		        (json_int_t)q->answers, "right", (json_int_t)q->right,
		        "people", (json_int_t)q->people, "first_right",
		        (json_int_t)q->first_right, "most_common_wrong",
		        m ? json_string(m->key) : json_null()));
	}
	return a;
}

/* Returns a new object: per exercise, its counts and common error. */
static json_t *
json_exercises(const struct report *r)
{
	json_t *a = json_object();
	for (size_t i = 0; i < r->nex; i++) {
		const struct ex_count *e = r->ex[i];
		const struct tally *m = most(e->errors, e->nerrors);
		double med = median_took(e);
		json_object_set_new(a, e->id,
		    json_pack("{s:I, s:I, s:I, s:I, "
		              "s:I, s:o, s:I, s:o}",
		        "sessions", (json_int_t)e->sessions, "solved",
		        (json_int_t)e->solved, "failing",
		        (json_int_t)e->failing, "attempts",
		        (json_int_t)e->attempts, "hints", (json_int_t)e->hints,
		        "most_common_error",
		        m ? json_string(m->key) : json_null(), "timed_solves",
		        (json_int_t)e->ntook, "median_seconds_to_solve",
		        med >= 0 ? json_real(med) : json_null()));
	}
	return a;
}

/* Returns a new array: per person (in file order), the name shown,
 * where they stopped and their counts; the participant as given unless
 * anonymous. */
static json_t *
json_people(const struct report *r, bool anonymous)
{
	json_t *a = json_array();
	char **names = people_names(r, anonymous);
	for (size_t i = 0; i < r->npeople; i++) {
		const struct person *pe = &r->people[i];
		json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:I, s:I, s:I, "
		                      "s:I, "
		                      "s:I, s:I}",
		    "name", names[i], "stage",
		    pe->at ? json_string(pe->at->stage->id) : json_null(),
		    "stopped_at",
		    pe->at ? json_string(pe->at->id) : json_null(), "minutes",
		    pe->minutes >= 0 ? json_integer(pe->minutes) : json_null(),
		    "read", (json_int_t)pe->read, "notes",
		    (json_int_t)pe->notes, "exercises_tried",
		    (json_int_t)pe->tried, "exercises_solved",
		    (json_int_t)pe->solved, "quiz_answered",
		    (json_int_t)pe->answered, "quiz_right",
		    (json_int_t)pe->right);
		if (!anonymous)
			json_object_set_new(o, "participant",
			    pe->name ? json_string(pe->name) : json_null());
		json_array_append_new(a, o);
		free(names[i]);
	}
	free(names);
	return a;
}

json_t *
report_json(const struct report *r, bool anonymous)
{
	const struct guide *g = r->g;
	json_t *root = json_object(), *a;
	json_object_set_new(root, "sessions",
	    json_integer((json_int_t)r->nsessions));
	a = json_object(); /* what sessions are compared against */
	for (size_t pi = 0; pi < g->npaths; pi++)
		json_object_set_new(a, g->paths[pi]->id,
		    json_string(r->hashes[pi]));
	json_object_set_new(root, "content_hashes", a);
	json_object_set_new(root, "paths", json_paths(r));
	json_object_set_new(root, "decisions", json_decisions(r));
	a = json_object();
	for (size_t i = 0; i < g->nstories; i++)
		if (r->story_read[i])
			json_object_set_new(a, g->stories[i]->id,
			    json_integer((json_int_t)r->story_read[i]));
	json_object_set_new(root, "stories_read", a);
	a = json_array();
	for (size_t i = 0; i < r->nnotes; i++) {
		json_t *n = json_pack("{s:s, s:s}", "node", r->notes[i].node_id,
		    "text", r->notes[i].text);
		if (!anonymous && r->notes[i].who)
			json_object_set_new(n, "participant",
			    json_string(r->notes[i].who));
		json_array_append_new(a, n);
	}
	json_object_set_new(root, "notes", a);
	json_object_set_new(root, "quiz", json_quiz(r));
	json_object_set_new(root, "exercises", json_exercises(r));
	json_object_set_new(root, "participants", json_people(r, anonymous));
	a = json_array();
	for (size_t i = 0; i < r->nwarnings; i++)
		json_array_append_new(a, json_string(r->warnings[i]));
	json_object_set_new(root, "warnings", a);
	a = json_array();
	for (size_t i = 0; i < r->nskipped; i++)
		json_array_append_new(a, json_string(r->skipped[i]));
	json_object_set_new(root, "skipped", a);
	return root;
}
