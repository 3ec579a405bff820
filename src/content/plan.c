/*
 * plan: see include/plan.h.  One pass per file over the YAML tree with the
 * yamltree schema helpers; story ids resolve against the loaded guide, so
 * a plan can be read only after the guide is whole.
 */
#include "plan.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>

#include "files.h"
#include "mdtext.h"
#include "readtime.h"
#include "yamltree.h"
#include "render.h"

static const char *const plan_keys[] = {"id", "title", "audience", "summary",
    "target", "sessions", "facilitator", NULL};
static const char *const session_keys[] = {"title", "kind", "text", "path",
    "until", "stories", "exercises", "minutes", "prompts", "facilitator", NULL};
static const char *const exercise_keys[] = {"id", "minutes", NULL};
static const char *const kind_names[] = {"reading", "walk", "exercise",
    "discussion", "break", NULL};

const char *
plan_kind_name(enum plan_kind k)
{
	return kind_names[k];
}

/* --- reading time --- */

size_t
plan_story_words(const struct story *s)
{
	return s->words;
}

int
plan_read_minutes(size_t words)
{
	return (int)readtime_minutes(words);
}

static size_t
session_words(const struct plan_session *s)
{
	size_t w = 0;
	for (size_t i = 0; i < s->nstories; i++)
		w += plan_story_words(s->stories[i]);
	return w;
}

int
plan_session_minutes(const struct plan_session *s)
{
	return plan_read_minutes(session_words(s)) + s->minutes;
}

int
plan_minutes(const struct plan *p)
{
	int m = 0;
	for (size_t i = 0; i < p->nsessions; i++)
		m += plan_session_minutes(&p->sessions[i]);
	return m;
}

/* --- loading --- */

static void
session_clear(struct plan_session *s)
{
	free(s->title);
	free(s->text);
	free((void *)s->stories);
	for (size_t i = 0; i < s->nexercises; i++)
		free(s->exercises[i].id);
	free(s->exercises);
	yt_free_texts(s->prompts, s->nprompts);
	yt_free_texts(s->notes, s->nnotes);
}

static void
plan_free(struct plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nsessions; i++)
		session_clear(&p->sessions[i]);
	free(p->sessions);
	free(p->id);
	free(p->title);
	free(p->audience);
	free(p->summary);
	yt_free_texts(p->notes, p->nnotes);
	free(p->file);
	free(p);
}

void
plan_set_free(struct plan_set *ps)
{
	if (!ps)
		return;
	for (size_t i = 0; i < ps->n; i++)
		plan_free(ps->plans[i]);
	free(ps->plans);
	hmap_free(ps->ids);
	free(ps);
}

const struct plan *
plan_find(const struct plan_set *ps, const char *id)
{
	return ps ? hmap_get(ps->ids, id) : NULL;
}

/* A whole number of minutes from lo to hi; false after an error. */
static bool
minutes_value(const yt_ctx *c, const ynode *v, const char *key, int lo, int hi,
    int *out)
{
	char *end;
	long n = 0;
	if (v->kind == YN_SCALAR && v->plain && v->len) {
		errno = 0;
		n = strtol(v->str, &end, 10);
		if (!*end && !errno && n >= lo && n <= hi && v->str[0] >= '0' &&
		    v->str[0] <= '9') {
			*out = (int)n;
			return true;
		}
	}
	yt_error(c, v,
	    "'%s' must be a whole number of minutes from %d to "
	    "%d",
	    key, lo, hi);
	return false;
}

/* The `exercises` of session s: a list of {id, minutes}, each id a folder
 * datadir/exercises/ID holding exercise.yaml, no id twice. */
static void
parse_exercises(const yt_ctx *c, const char *datadir, const ynode *x,
    struct plan_session *s)
{
	if (x->kind != YN_SEQ || x->n == 0) {
		yt_error(c, x,
		    "'exercises' must be a non-empty list of {id, minutes}");
		return;
	}
	s->exercises = xcalloc(x->n, sizeof *s->exercises);
	for (size_t i = 0; i < x->n; i++) {
		const ynode *e = x->kids[i], *y;
		if (!yt_is_map(c, e, "an exercise of a session") ||
		    !yt_keys(c, e, exercise_keys, "an exercise of a session"))
			continue;
		char *id = NULL;
		int minutes = 0;
		if ((y = yt_need(c, e, "id", "an exercise of a session")) &&
		    (id = yt_id(c, y, "id"))) {
			char *f = xasprintf("%s/exercises/%s/exercise.yaml",
			    datadir, id);
			if (access(f, R_OK) != 0)
				yt_error(c, y,
				    "no exercise has the id '%s': expected "
				    "exercises/%s/exercise.yaml",
				    id, id);
			free(f);
			for (size_t j = 0; j < s->nexercises; j++)
				if (strcmp(s->exercises[j].id, id) == 0)
					yt_error(c, y,
					    "exercise '%s' is listed twice in "
					    "this session",
					    id);
		}
		if ((y = yt_need(c, e, "minutes", "an exercise of a session")))
			minutes_value(c, y, "minutes", 1, 600, &minutes);
		if (!id)
			continue;
		s->exercises[s->nexercises].id = id;
		s->exercises[s->nexercises++].minutes = minutes;
	}
}

/* A session's 'stories' (x): each an id of the guide, once. */
static void
session_stories(const yt_ctx *c, const struct guide *g, const ynode *x,
    struct plan_session *s)
{
	size_t n = 0;
	char **ids = yt_texts(c, x, "stories", true, &n);
	if (ids) {
		s->stories = xcalloc(n + 1, sizeof *s->stories);
		for (size_t i = 0; i < n; i++) {
			const struct story *st = guide_story(g, ids[i]);
			if (!st) {
				yt_error(c, x->kind == YN_SEQ ? x->kids[i] : x,
				    "no story has the "
				    "id '%s'",
				    ids[i]);
				continue;
			}
			for (size_t j = 0; j < s->nstories; j++)
				if (s->stories[j] == st)
					yt_error(c, x->kids[i],
					    "story "
					    "'%s' is listed twice in "
					    "this session",
					    ids[i]);
			s->stories[s->nstories++] = st;
		}
		yt_free_texts(ids, n);
	}
}

/* A session's 'until' (x): a stage of the session's path. */
static void
session_until(const yt_ctx *c, const struct guide *g, const ynode *x,
    struct plan_session *s)
{
	char *id = yt_id(c, x, "until");
	const struct stage *st = id ? guide_stage(g, id) : NULL;
	if (st && s->path && st->path == s->path)
		s->until = st;
	if (id && !s->path)
		yt_error(c, x,
		    "'until' names a stage of the session's path: give "
		    "'path' too");
	else if (id && !s->until)
		yt_error(c, x, "the path '%s' has no stage '%s'", s->path->id,
		    id);
	free(id);
}

static void
parse_session(const yt_ctx *c, const struct guide *g, const char *datadir,
    const ynode *v, struct plan_session *s)
{
	const ynode *x;
	s->line = v->line;
	s->col = v->col;
	if (!yt_is_map(c, v, "a session") ||
	    !yt_keys(c, v, session_keys, "a session"))
		return;
	if ((x = yt_need(c, v, "title", "a session")))
		s->title = yt_text(c, x, "title");
	if ((x = yt_get(v, "kind"))) {
		size_t k = 0;
		while (kind_names[k] &&
		    (x->kind != YN_SCALAR ||
		        strcmp(x->str, kind_names[k]) != 0))
			k++;
		if (kind_names[k])
			s->kind = (enum plan_kind)k;
		else
			yt_error(c, x,
			    "'kind' must be reading, walk, "
			    "exercise, discussion or break");
	}
	if ((x = yt_get(v, "text")))
		s->text = yt_text(c, x, "text");
	if ((x = yt_get(v, "path"))) {
		char *id = yt_id(c, x, "path");
		if (id && !(s->path = guide_path(g, id)))
			yt_error(c, x, "no path has the id '%s'", id);
		free(id);
	}
	if ((x = yt_get(v, "until")))
		session_until(c, g, x, s);
	if ((x = yt_get(v, "stories")))
		session_stories(c, g, x, s);
	if ((x = yt_get(v, "minutes")))
		minutes_value(c, x, "minutes", 0, 600, &s->minutes);
	if ((x = yt_get(v, "exercises"))) {
		if (s->kind != PK_EXERCISE) {
			yt_error(c, x,
			    "only an exercise session lists 'exercises'");
		} else {
			parse_exercises(c, datadir, x, s);
			int sum = 0;
			for (size_t i = 0; i < s->nexercises; i++)
				sum += s->exercises[i].minutes;
			if (s->nexercises == x->n && sum != s->minutes)
				yt_error(c, x,
				    "the exercises' minutes add up to %d, but "
				    "the session has %d: make them agree",
				    sum, s->minutes);
		}
	}
	if ((x = yt_get(v, "prompts")))
		s->prompts = yt_texts(c, x, "prompts", false, &s->nprompts);
	if ((x = yt_get(v, "facilitator")))
		s->notes = yt_texts(c, x, "facilitator", false, &s->nnotes);
	if (s->kind == PK_READING && !s->nstories && !yt_get(v, "stories"))
		yt_error(c, v, "a reading session needs 'stories'");
	if ((s->nstories || s->kind == PK_DISCUSSION) && !s->nprompts &&
	    !yt_get(v, "prompts"))
		yt_error(c, v,
		    "a session with stories or discussion needs "
		    "'prompts': questions for the group");
	if (s->kind != PK_READING && !yt_get(v, "minutes"))
		yt_error(c, v, "a %s session needs 'minutes'",
		    kind_names[s->kind]);
}

static struct plan *
parse_plan(const char *file, const ynode *r, const struct guide *g,
    const char *datadir, diag_list *d)
{
	yt_ctx c = {file, d};
	const ynode *x;
	if (!yt_is_map(&c, r, "a plan file") ||
	    !yt_keys(&c, r, plan_keys, "a plan file"))
		return NULL;
	struct plan *p = xcalloc(1, sizeof *p);
	p->file = xstrdup(file);
	p->line = r->line;
	p->col = r->col;
	if ((x = yt_need(&c, r, "id", "the plan file")) &&
	    (p->id = yt_id(&c, x, "id"))) {
		const char *base = strrchr(file, '/');
		base = base ? base + 1 : file;
		size_t bl = strlen(base);
		if (bl < 5 || strlen(p->id) != bl - 5 ||
		    strncmp(p->id, base, bl - 5) != 0)
			yt_error(&c, x,
			    "id '%s' does not match the file "
			    "name: expected plans/%s.yaml",
			    p->id, p->id);
	}
	if ((x = yt_need(&c, r, "title", "the plan file")))
		p->title = yt_text(&c, x, "title");
	if ((x = yt_need(&c, r, "audience", "the plan file")))
		p->audience = yt_text(&c, x, "audience");
	if ((x = yt_get(r, "summary")))
		p->summary = yt_text(&c, x, "summary");
	if ((x = yt_need(&c, r, "target", "the plan file")))
		minutes_value(&c, x, "target", 1, 100000, &p->target);
	if ((x = yt_get(r, "facilitator")))
		p->notes = yt_texts(&c, x, "facilitator", false, &p->nnotes);
	if ((x = yt_need(&c, r, "sessions", "the plan file"))) {
		if (x->kind != YN_SEQ || x->n == 0) {
			yt_error(&c, x,
			    "'sessions' must be a non-empty list "
			    "of sessions");
		} else {
			p->sessions = xcalloc(x->n, sizeof *p->sessions);
			p->nsessions = x->n;
			for (size_t i = 0; i < x->n; i++)
				parse_session(&c, g, datadir, x->kids[i],
				    &p->sessions[i]);
		}
	}
	return p;
}

static int
cmp_plan(const void *a, const void *b)
{
	const struct plan *x = *(struct plan *const *)a;
	const struct plan *y = *(struct plan *const *)b;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

struct plan_set *
plan_load(const struct guide *g, const char *datadir, diag_list *d)
{
	struct plan_set *ps = xcalloc(1, sizeof *ps);
	ps->ids = hmap_new();
	size_t before = diag_count(d, DIAG_ERROR), cap = 0;
	char *dir = xasprintf("%s/plans", datadir);
	size_t nfiles = 0;
	char **files = files_list_paths(dir, ".yaml", &nfiles);
	if (!files) {
		if (errno != ENOENT)
			diag_add(d, DIAG_ERROR, EXIT_NOINPUT, dir, 0, 0,
			    "cannot open the plans folder: %s",
			    strerror(errno));
		free(dir);
		goto done;
	}
	free(dir);
	for (size_t i = 0; i < nfiles; i++) {
		size_t len;
		char *buf = read_file(files[i], &len);
		if (!buf) {
			diag_add(d, DIAG_ERROR, EXIT_NOINPUT, files[i], 0, 0,
			    "cannot read: %s", read_file_error(errno));
			continue;
		}
		ynode *root = yt_parse(files[i], buf, len, 0, d);
		free(buf);
		struct plan *p =
		    root ? parse_plan(files[i], root, g, datadir, d) : NULL;
		yt_free(root);
		if (!p)
			continue;
		VEC_PUSH(ps->plans, ps->n, cap, p);
		if (p->id) {
			struct plan *old = hmap_put(ps->ids, p->id, p);
			if (old) {
				diag_add(d, DIAG_ERROR, EXIT_DATA, p->file,
				    p->line, p->col,
				    "duplicate plan id '%s': "
				    "first defined in %s",
				    p->id, old->file);
				hmap_put(ps->ids, old->id, old);
			}
		}
	}
	yt_free_texts(files, nfiles);
	if (ps->n)
		qsort(ps->plans, ps->n, sizeof *ps->plans, cmp_plan);
done:
	if (diag_count(d, DIAG_ERROR) > before) {
		plan_set_free(ps);
		return NULL;
	}
	return ps;
}

/* --- views --- */

void
plan_view_list(const struct plan_set *ps, strbuf *md)
{
	if (!ps || !ps->n) {
		sb_puts(md, "No reading plans in this data folder.\n");
		return;
	}
	sb_puts(md, "# Reading plans\n\n");
	for (size_t i = 0; i < ps->n; i++) {
		const struct plan *p = ps->plans[i];
		sb_puts(md, "- **");
		md_str(md, p->title);
		sb_printf(md, "** (`%s`): %zu sessions, %d min", p->id,
		    p->nsessions, plan_minutes(p));
		if (p->summary)
			sb_printf(md, ". %s", p->summary);
		sb_puts(md, "\n");
	}
	sb_puts(md,
	    "\nType `plan show ID` for one (in the walk: `plan ID`, "
	    "then `next`).\n");
}

static void
minutes_line(const struct plan_session *s, strbuf *md)
{
	int read = plan_read_minutes(session_words(s));
	sb_printf(md, "*%s, %d min", kind_names[s->kind],
	    plan_session_minutes(s));
	if (read && s->minutes)
		sb_printf(md, ": %d reading, %d %s", read, s->minutes,
		    s->kind == PK_READING ? "discussion" : kind_names[s->kind]);
	sb_puts(md, "*\n\n");
}

/* The facilitator's notes set apart from what is read aloud: a quoted
 * block under its own label (nothing when there are none). */
static void
facilitator_notes(char **notes, size_t n, strbuf *md)
{
	if (!n)
		return;
	sb_puts(md, "> **For the facilitator, not to read out:**\n>\n");
	for (size_t i = 0; i < n; i++) {
		sb_puts(md, "> - ");
		for (const char *c = notes[i]; *c; c++)
			if (*c != '\n')
				sb_putc(md, *c);
			else if (c[1])
				sb_puts(md, "\n>   ");
		sb_puts(md, "\n");
	}
	sb_puts(md, "\n");
}

static void
session_body(const struct plan *p, size_t k, bool facilitator, strbuf *md)
{
	const struct plan_session *s = &p->sessions[k];
	minutes_line(s, md);
	if (s->text)
		sb_printf(md, "%s\n\n", s->text);
	if (s->path) {
		sb_puts(md, "Walk the path **");
		md_str(md, s->path->title);
		sb_printf(md, "**: `asyncpath --path %s --session YOUR-NAME",
		    s->path->id);
		if (s->until)
			sb_printf(md, " play --until %s", s->until->id);
		sb_puts(md,
		    "`, with your own name for the session, the same "
		    "one all day.");
		if (s->until) {
			sb_puts(md,
			    " The walk stops at the end of the stage *");
			md_str(md, s->until->title);
			sb_puts(md, "*.");
		}
		sb_puts(md, "\n\n");
	}
	if (s->nstories) {
		sb_puts(md, "Read:\n\n");
		for (size_t i = 0; i < s->nstories; i++) {
			const struct story *st = s->stories[i];
			sb_printf(md, "%zu. **", i + 1);
			md_str(md, st->title);
			sb_printf(md, "** (`%s`, %d min): %s\n", st->id,
			    plan_read_minutes(plan_story_words(st)),
			    st->summary);
		}
		sb_puts(md, "\n");
	}
	if (s->nexercises) {
		sb_puts(md, "Exercises:\n\n");
		for (size_t i = 0; i < s->nexercises; i++)
			sb_printf(md, "%zu. `%s` (%d min): `exercise %s`\n",
			    i + 1, s->exercises[i].id, s->exercises[i].minutes,
			    s->exercises[i].id);
		sb_puts(md, "\n");
	}
	if (s->nprompts) {
		sb_puts(md, "To discuss:\n\n");
		for (size_t i = 0; i < s->nprompts; i++)
			sb_printf(md, "- %s\n", s->prompts[i]);
		sb_puts(md, "\n");
	}
	if (facilitator)
		facilitator_notes(s->notes, s->nnotes, md);
}

/* Appends md with every heading moved down to at least level min, so a
 * card's own sections sit under the card's heading. */
static void
nest_headings(const char *md, int min, strbuf *out)
{
	cmark_node *doc = render_parse(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int top = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			int l = cmark_node_get_heading_level(n);
			if (!top || l < top)
				top = l;
		}
	}
	cmark_iter_free(it);
	if (!top || top >= min) {
		sb_puts(out, md);
		cmark_node_free(doc);
		return;
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			int l = cmark_node_get_heading_level(n) + min - top;
			cmark_node_set_heading_level(n, l > 6 ? 6 : l);
		}
	}
	cmark_iter_free(it);
	char *text = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	sb_puts(out, text);
	free(text);
	cmark_node_free(doc);
}

/* One card in full, as the handout prints it. */
static void
card(const struct story *s, size_t k, size_t n, strbuf *md)
{
	sb_printf(md, "### Story %zu of %zu: ", k, n);
	md_str(md, s->title);
	sb_puts(md, "\n\n");
	sb_printf(md, "*`%s`, %d min.* %s\n\n", s->id,
	    plan_read_minutes(plan_story_words(s)), s->summary);
	/* the body on its own: what it leaves open is closed, so the
	 * morals and the next cards never show as its code */
	size_t at = md->len;
	nest_headings(s->body, 4, md);
	sb_puts(md, "\n\n");
	size_t end = md->len;
	render_closer(md->s + at, end - at, md);
	if (md->len > end)
		sb_puts(md, "\n");
	if (s->nmorals) {
		sb_puts(md, "**Morals**\n\n");
		for (size_t i = 0; i < s->nmorals; i++)
			sb_printf(md, "- %s\n", s->morals[i]);
		sb_puts(md, "\n");
	}
	sb_printf(md, "The original: <%s>\n\n", s->source);
}

void
plan_view(const struct plan *p, bool facilitator, bool cards, strbuf *md)
{
	size_t nstories = 0, k = 0;
	for (size_t i = 0; i < p->nsessions; i++)
		nstories += p->sessions[i].nstories;
	sb_puts(md, "# ");
	md_str(md, p->title);
	sb_puts(md, "\n\n");
	if (p->summary)
		sb_printf(md, "%s\n\n", p->summary);
	int total = plan_minutes(p);
	sb_puts(md, "*For ");
	md_str(md, p->audience);
	sb_printf(md,
	    ". %zu session%s, %zu stor%s, %d min in all "
	    "(target %d min)%s.*\n\n",
	    p->nsessions, p->nsessions == 1 ? "" : "s", nstories,
	    nstories == 1 ? "y" : "ies", total, p->target,
	    facilitator ? "; facilitator's edition" : "");
	if (facilitator)
		facilitator_notes(p->notes, p->nnotes, md);
	for (size_t i = 0; i < p->nsessions; i++) {
		const struct plan_session *s = &p->sessions[i];
		sb_printf(md, "## %zu. ", i + 1);
		md_str(md, s->title);
		sb_puts(md, "\n\n");
		session_body(p, i, facilitator, md);
		for (size_t j = 0; cards && j < s->nstories; j++)
			card(s->stories[j], ++k, nstories, md);
	}
	sb_printf(md,
	    "Reading times count 230 words a minute. Total: %d min."
	    "\n",
	    total);
}

void
plan_view_session(const struct plan *p, size_t k, strbuf *md)
{
	sb_puts(md, "# ");
	md_str(md, p->title);
	sb_printf(md, ": session %zu of %zu\n\n## ", k + 1, p->nsessions);
	md_str(md, p->sessions[k].title);
	sb_puts(md, "\n\n");
	session_body(p, k, false, md);
	sb_puts(md,
	    k + 1 < p->nsessions ? "Type `read ID` for a story, "
	                           "`next` for the next session, `prev` for "
	                           "the one before.\n"
	                         : "This is the last session of the plan. "
	                           "`prev` goes back.\n");
}

/* --- check --- */

void
plan_check(const struct plan_set *ps, const struct guide *g, diag_list *d,
    FILE *report)
{
	bool *reached = xcalloc(g->nstories + 1, sizeof *reached);
	size_t n = ps ? ps->n : 0, count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct plan *p = ps->plans[i];
		int m = plan_minutes(p);
		if (m > p->target)
			diag_add(d, DIAG_WARNING, 0, p->file, p->line, p->col,
			    "plan '%s' takes %d min, over its target of %d "
			    "min",
			    p->id, m, p->target);
		for (size_t j = 0; j < p->nsessions; j++)
			for (size_t k = 0; k < p->sessions[j].nstories; k++) {
				const struct story *s =
				    p->sessions[j].stories[k];
				count += !reached[s->index];
				reached[s->index] = true;
			}
	}
	if (report)
		fprintf(report,
		    "plans: %zu plans reach %zu of %zu stories; "
		    "%zu stories in no plan\n",
		    n, count, g->nstories, g->nstories - count);
	free(reached);
}
