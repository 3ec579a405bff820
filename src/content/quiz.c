/* quiz: see include/quiz.h. */
#include "quiz.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "util.h"
#include "yamltree.h"

static const char *const file_keys[] = {"stage", "questions", NULL};
static const char *const question_keys[] = {"id", "node", "stories", "question",
    "options", NULL};
static const char *const option_keys[] = {"id", "text", "right", "why", NULL};

static void
question_free(struct question *q)
{
	if (!q)
		return;
	free(q->id), free(q->stage), free(q->node), free(q->text);
	yt_free_texts(q->stories, q->nstories);
	for (size_t i = 0; i < q->noptions; i++)
		free(q->options[i].id), free(q->options[i].text),
		    free(q->options[i].why);
	free(q->story_line), free(q->story_col);
	free(q);
}

void
quiz_set_free(struct quiz_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		question_free(s->v[i]);
	free(s->v);
	yt_free_texts(s->files, s->nfiles);
	free(s);
}

/* One question; NULL after recording errors. */
static struct question *
load_question(const yt_ctx *c, const ynode *m, const char *stage,
    const char *file)
{
	if (!yt_is_map(c, m, "a question") ||
	    !yt_keys(c, m, question_keys, "a question"))
		return NULL;
	size_t before = diag_count(c->d, DIAG_ERROR);
	struct question *q = xcalloc(1, sizeof *q);
	q->file = file;
	q->line = m->line, q->col = m->col;
	q->stage = xstrdup(stage);
	const ynode *v;
	if ((v = yt_need(c, m, "id", "a question")))
		q->id = yt_id(c, v, "id");
	if ((v = yt_need(c, m, "node", "a question"))) {
		q->node = yt_id(c, v, "node");
		q->node_line = v->line, q->node_col = v->col;
	}
	if ((v = yt_need(c, m, "question", "a question")))
		q->text = yt_text(c, v, "question");
	if ((v = yt_need(c, m, "stories", "a question"))) {
		q->stories = yt_texts(c, v, "stories", true, &q->nstories);
		q->story_line = xcalloc(q->nstories + 1, sizeof(int));
		q->story_col = xcalloc(q->nstories + 1, sizeof(int));
		for (size_t i = 0; q->stories && i < q->nstories; i++)
			q->story_line[i] = v->kids[i]->line,
			q->story_col[i] = v->kids[i]->col;
		if (q->stories && q->nstories == 0)
			yt_error(c, v,
			    "'stories' is empty: tie the question "
			    "to at least one story");
	}
	if ((v = yt_need(c, m, "options", "a question"))) {
		if (v->kind != YN_SEQ || v->n < 2 || v->n > QUIZ_MAX_OPTIONS) {
			yt_error(c, v,
			    "'options' must be a list of 2 to %d "
			    "options",
			    QUIZ_MAX_OPTIONS);
		} else {
			size_t right = 0;
			for (size_t i = 0; i < v->n; i++) {
				const ynode *o = v->kids[i], *x;
				struct quiz_option *op = &q->options[i];
				if (!yt_is_map(c, o, "an option") ||
				    !yt_keys(c, o, option_keys, "an option"))
					continue;
				q->noptions = i + 1;
				if ((x = yt_need(c, o, "id", "an option")))
					op->id = yt_id(c, x, "id");
				if ((x = yt_need(c, o, "text", "an option")))
					op->text = yt_text(c, x, "text");
				if ((x = yt_need(c, o, "why", "an option")))
					op->why = yt_text(c, x, "why");
				if ((x = yt_get(o, "right")))
					yt_bool(c, x, "right", &op->right);
				right += op->right;
				for (size_t k = 0; op->id && k < i; k++)
					if (q->options[k].id &&
					    strcmp(q->options[k].id, op->id) ==
					        0)
						yt_error(c, o,
						    "a second option "
						    "'%s' in this question",
						    op->id);
			}
			if (right == 0)
				yt_error(c, v,
				    "no option is marked 'right: "
				    "true': a question needs a right answer");
		}
	}
	if (diag_count(c->d, DIAG_ERROR) > before) {
		question_free(q);
		return NULL;
	}
	return q;
}

struct quiz_set *
quiz_load_all(const char *data, diag_list *d)
{
	struct quiz_set *s = xcalloc(1, sizeof *s);
	char *top = xasprintf("%s/quizzes", data);
	s->files = files_list_paths(top, ".yaml", &s->nfiles);
	if (!s->files) {
		int e = errno;
		if (e != ENOENT)
			diag_add(d, DIAG_ERROR, EXIT_NOINPUT, top, 0, 0,
			    "cannot open the quizzes folder: %s", strerror(e));
		free(top);
		if (e == ENOENT)
			return s;
		free(s);
		return NULL;
	}
	size_t cap = 0;
	free(top);
	size_t before = diag_count(d, DIAG_ERROR);
	hmap *ids = hmap_new();
	for (size_t f = 0; f < s->nfiles; f++) {
		const char *file = s->files[f];
		size_t len;
		char *buf = read_file(file, &len);
		if (!buf) {
			diag_add(d, DIAG_ERROR, EXIT_NOINPUT, file, 0, 0,
			    "cannot read: %s", read_file_error(errno));
			continue;
		}
		ynode *root = yt_parse(file, buf, len, 0, d);
		free(buf);
		yt_ctx c = {file, d};
		const ynode *v;
		char *stage = NULL;
		if (root && yt_is_map(&c, root, "a quiz file") &&
		    yt_keys(&c, root, file_keys, "a quiz file") &&
		    (v = yt_need(&c, root, "stage", "a quiz file")) &&
		    (stage = yt_id(&c, v, "stage")) &&
		    (v = yt_need(&c, root, "questions", "a quiz file"))) {
			if (v->kind != YN_SEQ || v->n == 0)
				yt_error(&c, v,
				    "'questions' must be a "
				    "non-empty list");
			for (size_t i = 0; v->kind == YN_SEQ && i < v->n; i++) {
				struct question *q =
				    load_question(&c, v->kids[i], stage, file);
				if (!q)
					continue;
				if (hmap_get(ids, q->id)) {
					yt_error(&c, v->kids[i],
					    "a second "
					    "question with the id '%s'",
					    q->id);
					question_free(q);
					continue;
				}
				VEC_PUSH(s->v, s->n, cap, q);
				hmap_put(ids, q->id, q);
			}
		}
		free(stage);
		yt_free(root);
	}
	hmap_free(ids);
	if (diag_count(d, DIAG_ERROR) > before) {
		quiz_set_free(s);
		return NULL;
	}
	return s;
}

const struct question *
quiz_find(const struct quiz_set *s, const char *id)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (strcmp(s->v[i]->id, id) == 0)
			return s->v[i];
	return NULL;
}

void
quiz_check(const struct quiz_set *s, const struct guide *g, diag_list *d)
{
	size_t n = s ? s->n : 0;
	struct guide_refs *r = xcalloc(n, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		const struct question *q = s->v[i];
		r[i] = (struct guide_refs){"question", q->id, q->file, q->node,
		    q->stage, q->node_line, q->node_col, q->stories,
		    q->story_line, q->story_col, q->nstories};
		guide_check_refs(g, &r[i], d);
	}
	guide_check_stage_cover(g, r, n, "quiz question", d);
	free(r);
}
