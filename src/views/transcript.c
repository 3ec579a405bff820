/*
 * transcript: see include/transcript.h.  A second walk is stepped along
 * the replayed one, so that at every stop the choices offered are those
 * the conditions allowed at that moment.
 */
#include "transcript.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "mdtext.h"
#include "render.h"
#include "walk.h"

/* Writes the title and the line saying who walked which path, when, and
 * as whom, then any replay message in msg. */
static void
put_head(strbuf *md, struct session *s, struct walk *w, const strbuf *msg)
{
	const struct path *p = walk_path(w);
	const char *who = session_participant(s);
	sb_puts(md, "# Transcript: ");
	md_line(md, session_name(s));
	sb_puts(md, "\n\n*");
	md_line(md, who ? who : "Someone");
	sb_puts(md, " walked ");
	md_line(md, p->title);
	sb_printf(md, ", from %s to %s", session_created(s),
	    session_updated(s));
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
put_notes(strbuf *md, const struct session *s, const struct node *n)
{
	bool head = false;
	for (size_t i = 0; i < session_nnotes(s); i++) {
		struct session_note nt = session_note(s, i);
		const char *t = nt.text;
		if (strcmp(nt.node, n->id) != 0)
			continue;
		if (!head)
			sb_puts(md, "Notes:\n\n");
		head = true;
		sb_puts(md, "> ");
		md_line(md, t);
		sb_puts(md, "\n>\n");
	}
	if (head)
		md->s[md->len -= 2] = '\0', sb_puts(md, "\n");
}

/* Writes each stop of the walk w: the node, the choice taken, the other
 * choices offered then, and the notes taken there. */
static void
put_walk(strbuf *md, const struct guide *g, struct walk *w,
    const struct session *s)
{
	const struct path *p = walk_path(w);
	size_t nsteps = walk_steps(w);
	struct walk *at = walk_new(g, p);
	const struct choice *offered[256];
	sb_puts(md, "## The walk\n\n");
	for (size_t k = 0; k <= nsteps; k++) {
		const struct node *n = walk_trail(w, k);
		sb_printf(md, "### %zu. ", k + 1);
		md_line(md, n->title);
		sb_puts(md, "\n\n*");
		md_line(md, n->stage->title);
		if (n->pain) {
			sb_puts(md, "; pain point: ");
			md_line(md, n->pain);
		}
		sb_puts(md, "*\n\n");
		size_t no = walk_offered(at, offered, 256);
		const struct choice *took =
		    k < nsteps ? walk_trail_choice(w, k) : NULL;
		if (took) {
			sb_puts(md, "Chose: **");
			md_line(md, took->text);
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
			md_line(md, offered[j]->text);
			sb_printf(md, " (`%s`)\n", offered[j]->id);
		}
		if (others)
			sb_puts(md, "\n");
		put_notes(md, s, n);
		if (took && taken < no)
			walk_take(at, taken);
	}
	walk_free(at);
}

/* Writes the debrief the walk ended with, as the walker saw it: the lines
 * of the choices taken, then the ending's text (nothing unless the walk
 * ended at a debrief). */
static void
put_debrief(strbuf *md, const struct walk *w)
{
	const struct node *n = walk_node(w);
	if (!n->ending || !n->debrief)
		return;
	sb_puts(md, "## The debrief\n\n");
	if (walk_debrief(w, md))
		sb_puts(md, "\n");
	struct cond_env env = walk_env(w);
	size_t at = md->len;
	guide_node_text(n, &env, md);
	sb_puts(md, "\n");
	render_closer(md->s + at, md->len - at, md);
	sb_puts(md, "\n");
}

/* Writes the stories read, in the order read. */
static void
put_read(strbuf *md, const struct guide *g, const struct session *s)
{
	size_t nread = session_nread(s);
	sb_printf(md, "## Stories read (%zu)\n\n", nread);
	for (size_t i = 0; i < nread; i++) {
		const char *id = session_read_id(s, i);
		const struct story *st = guide_story(g, id);
		sb_printf(md, "%zu. ", i + 1);
		if (st) {
			sb_puts(md, "**");
			md_line(md, st->title);
			sb_printf(md, "** (`%s`): <%s>\n", st->id, st->source);
		} else {
			sb_puts(md, "a story no longer in the content (`");
			md_line(md, id);
			sb_puts(md, "`)\n");
		}
	}
	if (!nread)
		sb_puts(md, "None yet.\n");
	sb_puts(md, "\n");
}

/* Writes the quiz answers, if any. */
static void
put_quiz(strbuf *md, const struct session *s)
{
	size_t n = session_nanswers(s);
	if (!n)
		return;
	sb_puts(md, "## Quiz answers\n\n");
	for (size_t i = 0; i < n; i++) {
		struct session_answer a = session_answer(s, i);
		sb_puts(md, "- `");
		md_line(md, a.question);
		sb_puts(md, "`: answered `");
		for (size_t k = 0; k < a.nchosen; k++) {
			if (k)
				sb_putc(md, ',');
			md_line(md, session_answer_option(s, i, k));
		}
		sb_printf(md, "`, %s\n", a.right ? "right" : "wrong");
	}
	sb_puts(md, "\n");
}

/* Writes the exercises tried, if any. */
static void
put_exercises(strbuf *md, const struct session *s)
{
	size_t n = session_nexercises(s);
	if (!n)
		return;
	sb_puts(md, "## Exercises\n\n");
	for (size_t i = 0; i < n; i++) {
		struct session_exercise x = session_exercise(s, i);
		sb_puts(md, "- `");
		md_line(md, x.id);
		sb_printf(md, "`: %s", session_status_name(x.status));
		long long took = session_exercise_took(&x);
		if (took >= 0) {
			sb_puts(md, " in ");
			sb_duration(md, (double)took);
			sb_puts(md, ",");
		}
		sb_printf(md, " after %u attempt%s and %u hint%s", x.attempts,
		    x.attempts == 1 ? "" : "s", x.hints,
		    x.hints == 1 ? "" : "s");
		if (x.last_error) {
			sb_puts(md, "; last error `");
			md_line(md, x.last_error);
			sb_puts(md, "`");
		}
		sb_puts(md, "\n");
	}
	sb_puts(md, "\n");
}

int
transcript_markdown(const struct guide *g, struct session *s, strbuf *md)
{
	strbuf msg = {0};
	struct walk *w = session_replay(s, g, &msg);
	if (!w) {
		diag_say(stderr, "asyncpath: %s: %s", session_file(s),
		    msg.s ? msg.s : "cannot replay this session\n");
		sb_free(&msg);
		return EXIT_DATA;
	}
	put_head(md, s, w, &msg);
	sb_free(&msg);
	put_walk(md, g, w, s);
	put_debrief(md, w);
	put_read(md, g, s);
	put_quiz(md, s);
	put_exercises(md, s);
	walk_free(w);
	return 0;
}
