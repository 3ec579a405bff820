/* exercise: see include/exercise.h. */
#include "exercise.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "files.h"
#include "util.h"
#include "yamltree.h"

static const char *const exercise_keys[] = {"id", "title", "stage", "node",
    "stories", "edit", "task", "hints", "check", "timeout", "expect", "fails",
    "must", "rustc", NULL};

const char *
exercise_must_name(enum must_kind k)
{
	static const char *const names[] = {"order", "gap", "code", "unchanged",
	    "silent", "reply"};
	return names[k];
}

const char *
exercise_fail_name(enum exercise_fail f)
{
	static const char *const names[] = {"error", "timeout", "panic",
	    "missing_output"};
	return names[f];
}

static void
exercise_free(struct exercise *e)
{
	if (!e)
		return;
	free(e->id), free(e->title), free(e->stage), free(e->node);
	free(e->edit), free(e->task), free(e->fails_value);
	free(e->dir), free(e->file);
	for (size_t i = 0; i < e->nmust; i++) {
		free(e->must[i].say), free(e->must[i].what);
		yt_free_texts(e->must[i].texts, e->must[i].ntexts);
		yt_free_texts(e->must[i].lacks, e->must[i].nlacks);
	}
	free(e->must);
	yt_free_texts(e->stories, e->nstories);
	yt_free_texts(e->hints, e->nhints);
	yt_free_texts(e->expect, e->nexpect);
	free(e->story_line), free(e->story_col);
	free(e);
}

void
exercise_set_free(struct exercise_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		exercise_free(s->v[i]);
	free(s->v);
	free(s);
}

static bool
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* A required text under key; NULL (error recorded) when absent or bad. */
static char *
need_text(const yt_ctx *c, const ynode *root, const char *key, bool id)
{
	const ynode *v = yt_need(c, root, key, "an exercise");
	if (!v)
		return NULL;
	return id ? yt_id(c, v, key) : yt_text(c, v, key);
}

/* A whole number of seconds from 1 to 600. */
static int
seconds(const yt_ctx *c, const ynode *v, const char *key)
{
	char *end;
	long n = v->kind == YN_SCALAR ? strtol(v->str, &end, 10) : 0;
	if (v->kind != YN_SCALAR || !v->plain || end == v->str || *end ||
	    n < 1 || n > 600) {
		yt_error(c, v,
		    "'%s' must be a whole number of seconds from 1 "
		    "to 600",
		    key);
		return 0;
	}
	return (int)n;
}

/* `fails:` mapping with exactly one of its four keys. */
static void
parse_fails(const yt_ctx *c, const ynode *v, struct exercise *e)
{
	static const char *const keys[] = {"error", "timeout", "panic",
	    "missing_output", NULL};
	if (!yt_is_map(c, v, "'fails'") || !yt_keys(c, v, keys, "'fails'"))
		return;
	if (v->n != 2) {
		yt_error(c, v,
		    "'fails' must name exactly one way of failing: "
		    "error, timeout, panic or missing_output");
		return;
	}
	const char *k = v->kids[0]->str;
	const ynode *val = v->kids[1];
	for (int f = EXF_ERROR; f <= EXF_MISSING; f++)
		if (strcmp(k, exercise_fail_name(f)) == 0)
			e->fails = f;
	if (e->fails == EXF_TIMEOUT) {
		int t = seconds(c, val, "timeout");
		if (t && t != e->timeout)
			yt_error(c, val,
			    "the starter's timeout (%d s) must be "
			    "the exercise's 'timeout' (%d s)",
			    t, e->timeout);
		if (t)
			e->fails_value = xasprintf("%d", t);
		return;
	}
	e->fails_value = yt_text(c, val, k);
}

/* A whole number from lo to hi under key. */
static int
number(const yt_ctx *c, const ynode *v, const char *key, int lo, int hi)
{
	char *end;
	long n = v->kind == YN_SCALAR ? strtol(v->str, &end, 10) : 0;
	if (v->kind != YN_SCALAR || !v->plain || end == v->str || *end ||
	    n < lo || n > hi) {
		yt_error(c, v, "'%s' must be a whole number from %d to %d", key,
		    lo, hi);
		return 0;
	}
	return (int)n;
}

/* A list of texts under key, or one text taken as a list of one. */
static char **
texts_or_one(const yt_ctx *c, const ynode *v, const char *key, size_t *n)
{
	if (v->kind == YN_SCALAR) {
		char *t = yt_text(c, v, key);
		*n = t ? 1 : 0;
		if (!t)
			return NULL;
		char **out = xcalloc(2, sizeof *out);
		out[0] = t;
		return out;
	}
	char **out = yt_texts(c, v, key, false, n);
	if (out && *n == 0)
		yt_error(c, v, "'%s' is empty: expected at least one text",
		    key);
	return out;
}

/* The check of one `must` item: val under key k. */
static void
parse_must_check(const yt_ctx *c, const ynode *val, struct must *m)
{
	static const char *const gap_keys[] = {"lines", "max_ms", "at_least",
	    "span_ms", NULL};
	static const char *const code_keys[] = {"in", "has", "lacks", NULL};
	static const char *const reply_keys[] = {"to", "lines", "max_ms", NULL};
	const ynode *x;
	switch (m->kind) {
	case MUST_ORDER:
		m->texts = yt_texts(c, val, "order", false, &m->ntexts);
		if (m->texts && m->ntexts < 2)
			yt_error(c, val, "'order' needs two lines or more");
		break;
	case MUST_GAP:
		if (!yt_is_map(c, val, "'gap'") ||
		    !yt_keys(c, val, gap_keys, "'gap'"))
			return;
		if ((x = yt_need(c, val, "lines", "'gap'")))
			m->what = yt_text(c, x, "lines");
		if ((x = yt_need(c, val, "max_ms", "'gap'")))
			m->max_ms = number(c, x, "max_ms", 1, 600000);
		m->at_least = 2;
		if ((x = yt_get(val, "at_least")))
			m->at_least = number(c, x, "at_least", 2, 100000);
		if ((x = yt_get(val, "span_ms")))
			m->span_ms = number(c, x, "span_ms", 1, 600000);
		break;
	case MUST_CODE:
		if (!yt_is_map(c, val, "'code'") ||
		    !yt_keys(c, val, code_keys, "'code'"))
			return;
		if ((x = yt_get(val, "in")))
			m->what = yt_text(c, x, "in");
		if ((x = yt_get(val, "has")))
			m->texts = texts_or_one(c, x, "has", &m->ntexts);
		if ((x = yt_get(val, "lacks")))
			m->lacks = texts_or_one(c, x, "lacks", &m->nlacks);
		if (!yt_get(val, "has") && !yt_get(val, "lacks"))
			yt_error(c, val, "'code' needs 'has' or 'lacks'");
		break;
	case MUST_UNCHANGED:
		m->what = yt_text(c, val, "unchanged");
		break;
	case MUST_SILENT:
		m->what = yt_text(c, val, "silent");
		if (m->what &&
		    (strspn(m->what, "abcdefghijklmnopqrstuvwxyz_:") !=
		            strlen(m->what) ||
		        (strchr(m->what, ':') &&
		            strncmp(m->what, "clippy::", 8) != 0)))
			yt_error(c, val,
			    "'silent' names a lint: rustc's (unused_must_use) "
			    "or clippy's (clippy::await_holding_lock)");
		break;
	case MUST_REPLY:
		if (!yt_is_map(c, val, "'reply'") ||
		    !yt_keys(c, val, reply_keys, "'reply'"))
			return;
		if ((x = yt_need(c, val, "to", "'reply'")))
			m->what = yt_text(c, x, "to");
		if ((x = yt_need(c, val, "lines", "'reply'"))) {
			m->texts = xcalloc(2, sizeof *m->texts);
			m->texts[0] = yt_text(c, x, "lines");
			m->ntexts = m->texts[0] ? 1 : 0;
		}
		if ((x = yt_need(c, val, "max_ms", "'reply'")))
			m->max_ms = number(c, x, "max_ms", 1, 600000);
		break;
	}
}

/* The `must` list: each item a mapping with `say` and one check. */
static void
parse_must(const yt_ctx *c, const ynode *v, struct exercise *e)
{
	static const char *const keys[] = {"say", "order", "gap", "code",
	    "unchanged", "silent", "reply", NULL};
	if (v->kind != YN_SEQ) {
		yt_error(c, v, "'must' must be a list, found %s",
		    yt_kind_name(v));
		return;
	}
	e->must = xcalloc(v->n + 1, sizeof *e->must);
	for (size_t i = 0; i < v->n; i++) {
		const ynode *it = v->kids[i];
		if (!yt_is_map(c, it, "a 'must' item") ||
		    !yt_keys(c, it, keys, "a 'must' item"))
			continue;
		struct must *m = &e->must[e->nmust++];
		m->line = it->line, m->col = it->col;
		const ynode *say = yt_need(c, it, "say", "a 'must' item");
		if (say)
			m->say = yt_text(c, say, "say");
		if (it->n != 4) {
			yt_error(c, it,
			    "a 'must' item has 'say' and exactly one check: "
			    "order, gap, code, unchanged, silent or reply");
			continue;
		}
		const ynode *k = strcmp(it->kids[0]->str, "say") == 0
		    ? it->kids[2]
		    : it->kids[0];
		for (int f = MUST_ORDER; f <= MUST_REPLY; f++)
			if (strcmp(k->str, exercise_must_name(f)) == 0)
				m->kind = f;
		parse_must_check(c, yt_get(it, k->str), m);
	}
}

/* `rustc: "1.N"`: the oldest rustc that builds the exercise. */
static int
parse_rustc(const yt_ctx *c, const ynode *v)
{
	char *end = NULL;
	long n = v->kind == YN_SCALAR && strncmp(v->str, "1.", 2) == 0
	    ? strtol(v->str + 2, &end, 10)
	    : -1;
	if (n < 0 || !end || end == v->str + 2 || *end || n > 999) {
		yt_error(c, v,
		    "'rustc' must be a Rust version as 1.N, such as \"1.75\"");
		return 63;
	}
	return (int)n;
}

/* Reads the 'stories' list v into e, with each story's line and column. */
static void
parse_stories(const yt_ctx *c, const ynode *v, struct exercise *e)
{
	e->stories = yt_texts(c, v, "stories", true, &e->nstories);
	e->story_line = xcalloc(e->nstories + 1, sizeof(int));
	e->story_col = xcalloc(e->nstories + 1, sizeof(int));
	for (size_t i = 0; e->stories && i < e->nstories; i++) {
		e->story_line[i] = v->kids[i]->line;
		e->story_col[i] = v->kids[i]->col;
	}
}

/* Records an error when e's 'fails' value does not fit its other keys. */
static void
check_fails(const yt_ctx *c, const ynode *root, const struct exercise *e)
{
	if (e->fails_value && e->fails == EXF_MISSING) {
		size_t i = 0;
		while (i < e->nexpect && strcmp(e->expect[i], e->fails_value))
			i++;
		if (i == e->nexpect)
			yt_error(c,
			    yt_get(yt_get(root, "fails"), "missing_output"),
			    "'%s' must be one of the "
			    "'expect' lines",
			    e->fails_value);
	}
	if (e->fails_value && !e->run && e->fails != EXF_ERROR)
		yt_error(c, yt_get(root, "fails"),
		    "a 'build' exercise can "
		    "only fail with 'error'");
}

/* Records an error for each project (start, solution) missing from dir,
 * or lacking the file e->edit. */
static void
check_projects(const yt_ctx *c, const ynode *root, const char *dir,
    const struct exercise *e)
{
	const char *parts[] = {"start", "solution"};
	for (int i = 0; i < 2; i++) {
		char *p = xasprintf("%s/%s/Cargo.toml", dir, parts[i]);
		char *q = e->edit
		    ? xasprintf("%s/%s/%s", dir, parts[i], e->edit)
		    : NULL;
		if (!is_file(p))
			diag_add(c->d, DIAG_ERROR, EXIT_DATA, c->file,
			    root->line, root->col,
			    "no %s/Cargo.toml beside this file: "
			    "expected the %s project",
			    parts[i], parts[i]);
		else if (q && (strstr(e->edit, "..") || !is_file(q)))
			yt_error(c, yt_get(root, "edit"),
			    "'%s' is not a "
			    "file of %s/",
			    e->edit, parts[i]);
		free(p);
		free(q);
	}
}

/* Records an error for each entry of dir/fixes that is not a folder
 * wrong-NAME (with a non-empty file `expect`) or right-NAME. */
static void
check_fixes(const yt_ctx *c, const ynode *root, const char *dir)
{
	char *top = xasprintf("%s/fixes", dir);
	size_t count = 0;
	char **names = files_list(top, "", &count);
	for (size_t i = 0; i < count; i++) {
		const char *n = names[i];
		char *sub = xasprintf("%s/%s", top, n);
		char *ex = xasprintf("%s/expect", sub);
		struct stat st;
		bool wrong = strncmp(n, "wrong-", 6) == 0;
		if (!is_dir(sub) || (!wrong && strncmp(n, "right-", 6) != 0) ||
		    !n[6])
			diag_add(c->d, DIAG_ERROR, EXIT_DATA, c->file,
			    root->line, root->col,
			    "fixes/%s: expected folders named wrong-NAME or "
			    "right-NAME",
			    n);
		else if (wrong &&
		    (stat(ex, &st) != 0 || !S_ISREG(st.st_mode) ||
		        st.st_size == 0))
			diag_add(c->d, DIAG_ERROR, EXIT_DATA, c->file,
			    root->line, root->col,
			    "fixes/%s has no file 'expect': the line verify "
			    "must print for it",
			    n);
		free(sub);
		free(ex);
	}
	files_list_free(names);
	free(top);
}

/* The keys that say how the solution is checked: check (build or run),
 * timeout, and the lines a run must print (expect). */
static void
parse_run(const yt_ctx *c, const ynode *root, struct exercise *e)
{
	const ynode *v;
	if ((v = yt_get(root, "check"))) {
		char *k = yt_text(c, v, "check");
		if (k && strcmp(k, "build") && strcmp(k, "run"))
			yt_error(c, v,
			    "'check' must be build or run, found "
			    "'%s'",
			    k);
		else if (k)
			e->run = strcmp(k, "run") == 0;
		free(k);
	}
	if ((v = yt_get(root, "timeout")))
		e->timeout = seconds(c, v, "timeout");
	if ((v = yt_get(root, "expect")))
		e->expect = yt_texts(c, v, "expect", false, &e->nexpect);
	else if (e->run)
		yt_error(c, root,
		    "a 'run' exercise needs 'expect': the lines "
		    "the solution prints");
}

/* Loads one exercise.yaml in dir; NULL after recording errors. */
static struct exercise *
load_one(const char *dir, const char *name, diag_list *d)
{
	char *file = xasprintf("%s/exercise.yaml", dir);
	size_t len;
	char *buf = read_file(file, &len);
	if (!buf) {
		diag_add(d, DIAG_ERROR, EXIT_NOINPUT, file, 0, 0,
		    "cannot read: %s", read_file_error(errno));
		free(file);
		return NULL;
	}
	size_t before = diag_count(d, DIAG_ERROR);
	ynode *root = yt_parse(file, buf, len, 0, d);
	free(buf);
	struct exercise *e = xcalloc(1, sizeof *e);
	e->file = file;
	e->dir = xstrdup(dir);
	e->timeout = 5;
	e->run = true;
	yt_ctx c = {file, d};
	if (!root || !yt_is_map(&c, root, "an exercise file") ||
	    !yt_keys(&c, root, exercise_keys, "an exercise")) {
		yt_free(root);
		exercise_free(e);
		return NULL;
	}
	e->line = root->line, e->col = root->col;
	e->id = need_text(&c, root, "id", true);
	if (e->id && strcmp(e->id, name) != 0)
		yt_error(&c, yt_get(root, "id"),
		    "the id '%s' must be the "
		    "folder's name, '%s'",
		    e->id, name);
	e->title = need_text(&c, root, "title", false);
	e->stage = need_text(&c, root, "stage", true);
	e->node = need_text(&c, root, "node", true);
	const ynode *v = yt_get(root, "node");
	if (v)
		e->node_line = v->line, e->node_col = v->col;
	e->edit = need_text(&c, root, "edit", false);
	e->task = need_text(&c, root, "task", false);
	if ((v = yt_get(root, "stories")))
		parse_stories(&c, v, e);
	if ((v = yt_need(&c, root, "hints", "an exercise"))) {
		e->hints = yt_texts(&c, v, "hints", false, &e->nhints);
		if (e->hints && e->nhints == 0)
			yt_error(&c, v,
			    "'hints' is empty: expected at least "
			    "one hint");
	}
	parse_run(&c, root, e);
	if ((v = yt_need(&c, root, "fails", "an exercise")))
		parse_fails(&c, v, e);
	if ((v = yt_get(root, "must")))
		parse_must(&c, v, e);
	e->rustc_minor = 63;
	if ((v = yt_get(root, "rustc")))
		e->rustc_minor = parse_rustc(&c, v);
	check_fails(&c, root, e);
	check_projects(&c, root, dir, e);
	check_fixes(&c, root, dir);
	yt_free(root);
	if (diag_count(d, DIAG_ERROR) > before) {
		exercise_free(e);
		return NULL;
	}
	return e;
}

struct exercise_set *
exercise_load_all(const char *data, diag_list *d)
{
	struct exercise_set *s = xcalloc(1, sizeof *s);
	char *top = xasprintf("%s/exercises", data);
	size_t n;
	char **names = files_list(top, "", &n);
	if (!names) {
		if (errno != ENOENT)
			diag_add(d, DIAG_ERROR, EXIT_NOINPUT, top, 0, 0,
			    "cannot open the exercises folder: %s",
			    strerror(errno));
		free(top);
		if (errno == ENOENT)
			return s;
		free(s);
		return NULL;
	}
	size_t before = diag_count(d, DIAG_ERROR), scap = 0;
	for (size_t i = 0; i < n; i++) {
		char *dir = xasprintf("%s/%s", top, names[i]);
		if (is_dir(dir)) {
			struct exercise *e = load_one(dir, names[i], d);
			if (e)
				VEC_PUSH(s->v, s->n, scap, e);
		}
		free(dir);
	}
	yt_free_texts(names, n);
	free(top);
	if (diag_count(d, DIAG_ERROR) > before) {
		exercise_set_free(s);
		return NULL;
	}
	return s;
}

const struct exercise *
exercise_find(const struct exercise_set *s, const char *id)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (strcmp(s->v[i]->id, id) == 0)
			return s->v[i];
	return NULL;
}

size_t
exercise_at_node(const struct exercise_set *s, const char *node,
    const struct exercise **out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; s && i < s->n; i++)
		if (strcmp(s->v[i]->node, node) == 0) {
			if (k < max)
				out[k] = s->v[i];
			k++;
		}
	return k;
}

void
exercise_check(const struct exercise_set *s, const struct guide *g,
    diag_list *d)
{
	size_t n = s ? s->n : 0;
	struct guide_refs *r = xcalloc(n, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		const struct exercise *e = s->v[i];
		r[i] = (struct guide_refs){"exercise", e->id, e->file, e->node,
		    e->stage, e->node_line, e->node_col, e->stories,
		    e->story_line, e->story_col, e->nstories};
		guide_check_refs(g, &r[i], d);
	}
	/* A stage that shows pain points deserves an exercise. */
	guide_check_stage_cover(g, r, n, "exercise", d);
	free(r);
}
