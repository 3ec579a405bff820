/*
 * transcript: see include/transcript.h.  A second walk is stepped along
 * the replayed one, so that at every stop the choices offered are those
 * the conditions allowed at that moment.
 */
#include "transcript.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "diag.h"
#include "plan.h"
#include "walk.h"

static void
text(strbuf *md, const char *s)
{
	/* one line: a note's line breaks become spaces */
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\r\n");
		plan_md_escape(md, p, n);
		p += n;
		if (*p) {
			sb_putc(md, ' ');
			p++;
		}
	}
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Writes the title and the line saying who walked which path, when, and
 * as whom, then any replay message in msg. */
static void
put_head(strbuf *md, struct session *s, struct walk *w, const strbuf *msg)
{
	const json_t *doc = session_json(s);
	const struct path *p = walk_path(w);
	const char *who = jstr(doc, "participant");
	sb_puts(md, "# Transcript: ");
	text(md, session_name(s));
	sb_puts(md, "\n\n*");
	text(md, who ? who : "Someone");
	sb_puts(md, " walked ");
	text(md, p->title);
	sb_printf(md, ", from %s to %s",
	    jstr(doc, "created") ? jstr(doc, "created") : "?",
	    jstr(doc, "updated") ? jstr(doc, "updated") : "?");
	if (walk_character(w) != CH_NONE) {
		const char *ch = character_name(walk_character(w));
		sb_printf(md, ", as %c%s", *ch - 'a' + 'A', ch + 1);
	}
	sb_puts(md, ".*\n\n");
	if (msg->len)
		sb_printf(md, "%s\n\n", msg->s);
}

/* Writes the notes taken at node n, as one quote block, if any. */
static void
put_notes(strbuf *md, const json_t *notes, const struct node *n)
{
	const json_t *v;
	size_t i;
	bool head = false;
	json_array_foreach(notes, i, v)
	{
		const char *nid = jstr(v, "node"), *t = jstr(v, "text");
		if (!nid || !t || strcmp(nid, n->id) != 0)
			continue;
		if (!head)
			sb_puts(md, "Notes:\n\n");
		head = true;
		sb_puts(md, "> ");
		text(md, t);
		sb_puts(md, "\n>\n");
	}
	if (head)
		md->s[md->len -= 2] = '\0', sb_puts(md, "\n");
}

/* Writes each stop of the walk w: the node, the choice taken, the other
 * choices offered then, and the notes taken there. */
static void
put_walk(strbuf *md, const struct guide *g, struct walk *w, const json_t *doc)
{
	const struct path *p = walk_path(w);
	json_t *notes = json_object_get(doc, "notes");
	size_t nsteps = walk_steps(w);
	struct walk *at = walk_new(g, p);
	const struct choice *offered[256];
	sb_puts(md, "## The walk\n\n");
	for (size_t k = 0; k <= nsteps; k++) {
		const struct node *n = walk_trail(w, k);
		sb_printf(md, "### %zu. ", k + 1);
		text(md, n->title);
		sb_puts(md, "\n\n*");
		text(md, n->stage->title);
		if (n->pain) {
			sb_puts(md, "; pain point: ");
			text(md, n->pain);
		}
		sb_puts(md, "*\n\n");
		size_t no = walk_offered(at, offered, 256);
		const struct choice *took =
		    k < nsteps ? walk_trail_choice(w, k) : NULL;
		if (took) {
			sb_puts(md, "Chose: **");
			text(md, took->text);
			sb_printf(md, "** (`%s`)\n\n", took->id);
		} else if (no) {
			sb_puts(md, "Stopped here.\n\n");
		}
		bool others = false;
		size_t taken = no;
		for (size_t j = 0; j < no; j++) {
			if (offered[j] == took) {
				taken = j;
				continue;
			}
			if (!others)
				sb_puts(md,
				    took ? "Also offered:\n\n"
				         : "Offered:\n\n");
			others = true;
			sb_puts(md, "- ");
			text(md, offered[j]->text);
			sb_printf(md, " (`%s`)\n", offered[j]->id);
		}
		if (others)
			sb_puts(md, "\n");
		put_notes(md, notes, n);
		if (took && taken < no)
			walk_take(at, taken);
	}
	walk_free(at);
}

/* Writes the stories read, in the order read. */
static void
put_read(strbuf *md, const struct guide *g, const json_t *doc)
{
	const json_t *v;
	size_t i;
	json_t *read = json_object_get(doc, "read");
	sb_printf(md, "## Stories read (%zu)\n\n", json_array_size(read));
	json_array_foreach(read, i, v)
	{
		const struct story *st = json_string_value(v)
		    ? guide_story(g, json_string_value(v))
		    : NULL;
		sb_printf(md, "%zu. ", i + 1);
		if (st) {
			sb_puts(md, "**");
			text(md, st->title);
			sb_printf(md, "** (`%s`): <%s>\n", st->id, st->source);
		} else {
			sb_puts(md, "a story no longer in the content (`");
			text(md,
			    json_string_value(v) ? json_string_value(v) : "?");
			sb_puts(md, "`)\n");
		}
	}
	if (!json_array_size(read))
		sb_puts(md, "None yet.\n");
	sb_puts(md, "\n");
}

/* Writes the quiz answers, if any. */
static void
put_quiz(strbuf *md, const json_t *doc)
{
	const json_t *v;
	size_t i;
	json_t *quiz = json_object_get(doc, "quiz");
	if (json_array_size(quiz)) {
		sb_puts(md, "## Quiz answers\n\n");
		json_array_foreach(quiz, i, v)
		{
			size_t k;
			json_t *opt;
			sb_puts(md, "- `");
			text(md,
			    jstr(v, "question") ? jstr(v, "question") : "?");
			sb_puts(md, "`: answered `");
			json_array_foreach(json_object_get(v, "answer"), k, opt)
			{
				if (k)
					sb_putc(md, ',');
				text(md,
				    json_string_value(opt)
				        ? json_string_value(opt)
				        : "?");
			}
			sb_printf(md, "`, %s\n",
			    json_is_true(json_object_get(v, "right")) ? "right"
			                                              : "wron"
			                                                "g");
		}
		sb_puts(md, "\n");
	}
}

/* Writes the exercises tried, if any. */
static void
put_exercises(strbuf *md, const json_t *doc)
{
	const json_t *v;
	json_t *ex = json_object_get(doc, "exercises");
	if (json_object_size(ex)) {
		const char *id;
		sb_puts(md, "## Exercises\n\n");
		json_object_foreach(ex, id, v)
		{
			const char *err = jstr(v, "last_error");
			sb_puts(md, "- `");
			text(md, id);
			sb_printf(md,
			    "`: %s after %lld attempt%s and %lld "
			    "hint%s",
			    jstr(v, "status") ? jstr(v, "status") : "?",
			    (long long)json_integer_value(
			        json_object_get(v, "attempts")),
			    json_integer_value(
			        json_object_get(v, "attempts")) == 1
			        ? ""
			        : "s",
			    (long long)json_integer_value(
			        json_object_get(v, "hints")),
			    json_integer_value(json_object_get(v, "hints")) == 1
			        ? ""
			        : "s");
			if (err) {
				sb_puts(md, "; last error `");
				text(md, err);
				sb_puts(md, "`");
			}
			sb_puts(md, "\n");
		}
		sb_puts(md, "\n");
	}
}

int
transcript_markdown(const struct guide *g, struct session *s, strbuf *md)
{
	strbuf msg = {0};
	struct walk *w = session_replay(s, g, &msg);
	if (!w) {
		fprintf(stderr, "asyncpath: %s: %s", session_file(s),
		    msg.s ? msg.s : "cannot replay this session\n");
		sb_free(&msg);
		return EXIT_DATA;
	}
	const json_t *doc = session_json(s);
	put_head(md, s, w, &msg);
	sb_free(&msg);
	put_walk(md, g, w, doc);
	put_read(md, g, doc);
	put_quiz(md, doc);
	put_exercises(md, doc);
	walk_free(w);
	return 0;
}
