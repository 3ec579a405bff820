/* view: see include/view.h. */
#include "view.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "readtime.h"
#include "render.h"
#include "story.h"

static const char *
kind_label(const char *kind)
{
	if (strcmp(kind, "status-quo") == 0)
		return "status quo story";
	if (strcmp(kind, "aws-engineer") == 0)
		return "AWS engineer story";
	if (strcmp(kind, "shiny-future") == 0)
		return "shiny future story";
	return "character";
}

/* "Alan and Barbara" for a character bit set. */
static void
who(unsigned chars, strbuf *md)
{
	int n = 0, total = 0;
	for (int c = CH_ALAN; c < CH_COUNT; c++)
		total += (chars >> c) & 1;
	for (int c = CH_ALAN; c < CH_COUNT; c++) {
		if (!((chars >> c) & 1))
			continue;
		const char *name = character_name(c);
		if (n)
			sb_puts(md, n == total - 1 ? " and " : ", ");
		sb_printf(md, "%c%s", name[0] - 'a' + 'A', name + 1);
		n++;
	}
}

void
view_story_order(const struct node *n, int ch, const struct story **out)
{
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n->nstories; i++) {
			bool mine = ch != CH_NONE &&
			    (n->stories[i]->chars & (1u << ch));
			if (mine == (pass == 0))
				out[k++] = n->stories[i];
		}
}

static void
story_line(const struct story *s, strbuf *md)
{
	sb_printf(md, "- **%s** (`%s`): %s\n", s->title, s->id, s->summary);
}

/* For each stage of p, the shiny-future cards and roadmap pages that
 * answer it. */
static void
view_hopes(const struct path *p, strbuf *md)
{
	bool any = false;
	for (size_t i = 0; i < p->nstages; i++) {
		const struct stage *st = p->stages[i];
		if (!st->nfuture && !st->nhopes)
			continue;
		if (!any)
			sb_puts(md, "## What could make each stage better\n\n");
		any = true;
		sb_printf(md, "- **%s**\n", st->title);
		for (size_t k = 0; k < st->nfuture; k++)
			sb_printf(md, "  - %s (`%s`)\n", st->future[k]->title,
			    st->future[k]->id);
		for (size_t k = 0; k < st->nhopes; k++)
			sb_printf(md, "  - %s: <%s>\n", st->hopes[k].title,
			    st->hopes[k].url);
	}
	if (any)
		sb_puts(md, "\n");
}

static bool
is_frame(const struct stage *st)
{
	return strcmp(st->id, "prologue") == 0 ||
	    strcmp(st->id, "epilogue") == 0;
}

void
view_stage_name(const struct path *p, const struct stage *st, strbuf *md)
{
	if (is_frame(st)) {
		sb_printf(md, "%c%s", st->id[0] - 'a' + 'A', st->id + 1);
		return;
	}
	size_t k = 0, total = 0;
	for (size_t i = 0; i < p->nstages; i++) {
		if (is_frame(p->stages[i]))
			continue;
		total++;
		if (p->stages[i] == st)
			k = total;
	}
	sb_printf(md, "Stage %zu of %zu", k, total);
}

/* "Prologue: T", "Stage 3 of 6: T", "Epilogue: T". */
static void
stage_label(const struct path *p, const struct stage *st, strbuf *md)
{
	view_stage_name(p, st, md);
	sb_printf(md, ": %s", st->title);
}

void
view_choices(const struct walk *w, strbuf *md)
{
	const struct node *n = walk_node(w);
	size_t k = walk_offered(w, NULL, 0);
	if (k) {
		const struct choice **offered = xcalloc(k, sizeof *offered);
		walk_offered(w, offered, k);
		sb_puts(md, "## What do you do?\n\n");
		for (size_t i = 0; i < k; i++)
			sb_printf(md, "%zu. %s (`%s`)\n", i + 1,
			    offered[i]->text, offered[i]->id);
		sb_puts(md, "\n");
		free(offered);
	} else if (n->ending) {
		sb_puts(md,
		    "*This is an end of the walk. Type `back` to "
		    "choose differently, `trail` to see your path, or `quit`."
		    "*\n");
	} else {
		sb_puts(md,
		    "*No way on from here in this walk. Type `back` "
		    "to choose differently.*\n");
	}
}

bool
view_ends_with_choices(const struct walk *w, const char *md, size_t len)
{
	const struct node *n = walk_node(w);
	size_t k = walk_offered(w, NULL, 0);
	if (k) {
		const struct choice *last = NULL;
		for (size_t i = n->nchoices; i-- > 0 && !last;)
			if (walk_holds(w, n->choices[i].when))
				last = &n->choices[i];
		strbuf t = {0};
		sb_printf(&t, "%zu. %s (`%s`)\n\n", k, last->text, last->id);
		bool maybe =
		    len >= t.len && memcmp(md + len - t.len, t.s, t.len) == 0;
		sb_free(&t);
		if (!maybe)
			return false;
	}
	strbuf c = {0};
	view_choices(w, &c);
	bool ends = len >= c.len && memcmp(md + len - c.len, c.s, c.len) == 0;
	sb_free(&c);
	return ends;
}

void
view_node_body(const struct walk *w, strbuf *md)
{
	const struct node *n = walk_node(w);
	const struct path *p = walk_path(w);
	int ch = walk_character(w);
	sb_printf(md, "*%s · ", p->title);
	stage_label(p, n->stage, md);
	sb_puts(md, "*\n\n");
	sb_printf(md, "# %s\n\n", n->title);
	if (n->pain)
		sb_printf(md, "**Pain point:** %s\n\n", n->pain);
	struct cond_env env = walk_env(w);
	/* a debrief opens with the lines of the walk's decisions */
	if (n->debrief && walk_debrief(w, md))
		sb_puts(md, "\n");
	/* the text on its own: what it leaves open is closed, so the
	 * choices never show as its code */
	size_t at = md->len;
	guide_node_text(n, &env, md);
	sb_puts(md, "\n");
	render_closer(md->s + at, md->len - at, md);
	sb_puts(md, "\n");
	if (guide_node_aside(n, ch)) {
		const char *name = character_name(ch);
		sb_printf(md, "> **%c%s:** %s\n\n", name[0] - 'a' + 'A',
		    name + 1, guide_node_aside(n, ch));
	}
	if (n->nstories == 1)
		sb_printf(md, "**Story here:** %s (`read`)\n\n",
		    n->stories[0]->title);
	else if (n->nstories)
		sb_printf(md,
		    "**Stories here:** %zu (`stories` lists them)\n\n",
		    (size_t)n->nstories);
	if (n->more->nwanted) {
		sb_puts(md, "## Stories the working group still wants\n\n");
		for (size_t i = 0; i < n->more->nwanted; i++)
			sb_printf(md, "- %s: <%s>\n", n->more->wanted[i].title,
			    n->more->wanted[i].url);
		sb_puts(md, "\n");
	}
	if (n->more->nlinks) {
		sb_puts(md, "## Further reading\n\n");
		for (size_t i = 0; i < n->more->nlinks; i++)
			sb_printf(md, "- %s: <%s>\n", n->more->links[i].title,
			    n->more->links[i].url);
		sb_puts(md, "\n");
	}
	if (n->recap) {
		view_trail(w, md);
		view_hopes(p, md);
	}
}

void
view_node(const struct walk *w, strbuf *md)
{
	view_node_body(w, md);
	view_choices(w, md);
}

void
view_story(const struct story *s, strbuf *md)
{
	sb_printf(md, "# %s\n\n*", s->title);
	who(s->chars, md);
	sb_printf(md, ", %s%s*\n\n", kind_label(s->kind),
	    s->draft ? ", retold from a draft" : "");
	sb_printf(md, "> %s\n\n", s->summary);
	/* the body on its own: a fence or HTML block it leaves open is
	 * closed, so the morals and questions never show as its code */
	size_t n = strlen(s->body);
	while (n && s->body[n - 1] == '\n')
		n--;
	sb_add(md, s->body, n);
	sb_putc(md, '\n');
	render_closer(s->body, n, md);
	sb_putc(md, '\n');
	sb_puts(md, "## Morals\n\n");
	for (size_t i = 0; i < s->nmorals; i++)
		sb_printf(md, "- %s\n", s->morals[i]);
	sb_puts(md, "\n## Questions to discuss\n\n");
	for (size_t i = 0; i < s->nquestions; i++)
		sb_printf(md, "%zu. %s\n", i + 1, s->questions[i]);
	sb_printf(md, "\nThe original: <%s>\n", s->source);
}

void
view_trail(const struct walk *w, strbuf *md)
{
	size_t n = walk_steps(w);
	sb_puts(md, "## Your trail\n\n");
	for (size_t i = 0; i <= n; i++) {
		const struct node *at = walk_trail(w, i);
		sb_printf(md, "%zu. **%s** (%s)", i + 1, at->title,
		    at->stage->title);
		if (at->pain)
			sb_printf(md, ": pain point, %s", at->pain);
		sb_puts(md, "\n");
		/* the call made there: the trail is also the list of decisions
		 */
		if (i < n) {
			const struct choice *c = walk_trail_choice(w, i);
			int indent = snprintf(NULL, 0, "%zu. ", i + 1);
			sb_printf(md, "%*s- you chose: %s (`%s`)\n", indent, "",
			    c->text, c->id);
		}
	}
	sb_puts(md, "\n");
	/* the stories surfaced along the trail, once each */
	const struct guide *g = walk_guide(w);
	bool *seen = xcalloc(g->nstories + 1, sizeof *seen);
	size_t count = 0, others = 0;
	for (size_t i = 0; i <= n; i++) {
		const struct node *at = walk_trail(w, i);
		for (size_t j = 0; j < at->nstories; j++)
			if (!seen[at->stories[j]->index]) {
				seen[at->stories[j]->index] = true;
				count++;
			}
	}
	for (size_t i = 0; i < g->nstories; i++)
		others += !seen[i] && walk_has_read(w, g->stories[i]);
	if (count) {
		sb_printf(md,
		    "Stories met on the way (%zu; read marks the ones "
		    "you opened):\n\n",
		    count);
		for (size_t i = 0; i < g->nstories; i++)
			if (seen[i])
				sb_printf(md, "- `%s`%s\n", g->stories[i]->id,
				    walk_has_read(w, g->stories[i]) ? " (read)"
				                                    : "");
		sb_puts(md, "\n");
	}
	/* a read is a read, wherever the card is linked */
	if (others) {
		sb_printf(md, "Also read (%zu):\n\n", others);
		for (size_t i = 0; i < g->nstories; i++)
			if (!seen[i] && walk_has_read(w, g->stories[i]))
				sb_printf(md, "- `%s` (read)\n",
				    g->stories[i]->id);
		sb_puts(md, "\n");
	}
	free(seen);
}

void
view_stories(const struct walk *w, strbuf *md)
{
	const struct node *n = walk_node(w);
	if (n->nstories) {
		const struct story **order =
		    xcalloc(n->nstories, sizeof *order);
		view_story_order(n, walk_character(w), order);
		sb_printf(md, "## Stories at \"%s\"\n\n", n->title);
		for (size_t i = 0; i < n->nstories; i++)
			sb_printf(md, "%zu. **%s** (`%s`): %s\n", i + 1,
			    order[i]->title, order[i]->id, order[i]->summary);
		free(order);
		return;
	}
	sb_printf(md,
	    "No story is linked here. Type `stories all` to list "
	    "all %zu.\n",
	    walk_guide(w)->nstories);
}

void
view_all_stories(const struct walk *w, strbuf *md)
{
	const struct guide *g = walk_guide(w);
	sb_printf(md, "## All the stories (%zu)\n\n", g->nstories);
	for (size_t i = 0; i < g->nstories; i++)
		story_line(g->stories[i], md);
}

void
view_map(const struct walk *w, strbuf *md)
{
	const struct path *p = walk_path(w);
	const struct node *at = walk_node(w);
	sb_printf(md, "## Map: %s\n\n", p->title);
	for (size_t s = 0; s < p->nstages; s++) {
		const struct stage *st = p->stages[s];
		size_t seen = 0, total = 0;
		for (size_t k = 0; k < p->nnodes; k++)
			if (p->nodes[k]->stage == st) {
				total++;
				seen += walk_visited(w, p->nodes[k]);
			}
		unsigned min =
		    readtime_minutes(readtime_stage_words(walk_guide(w), st));
		sb_puts(md, "- ");
		if (at->stage == st)
			sb_puts(md, "**");
		stage_label(p, st, md);
		if (at->stage == st)
			sb_printf(md,
			    "**: you are here, at \"%s\" (%zu of %zu places "
			    "seen; about %u min)\n",
			    at->title, seen, total, min);
		else if (seen)
			sb_printf(md,
			    ": visited (%zu of %zu places seen; about %u "
			    "min)\n",
			    seen, total, min);
		else
			sb_printf(md, ": not yet (about %u min)\n", min);
	}
}

bool
view_original(const struct story *s, const char *upstream, strbuf *md)
{
	if (!upstream) {
		sb_printf(md,
		    "The original is online at <%s>. To read it here, "
		    "clone the rust-lang/wg-async repository and start with "
		    "`--upstream DIR` (or set `ASYNCPATH_UPSTREAM`).\n",
		    s->source);
		return false;
	}
	char *file = story_original_path(s, upstream);
	size_t len;
	char *text = file ? read_file(file, &len) : NULL;
	if (!text && file && errno != ENOENT) {
		sb_printf(md, "Cannot read `%s`: %s. It is online at <%s>.\n",
		    file, read_file_error(errno), s->source);
	} else if (!text) {
		sb_printf(md,
		    "The original of `%s` is not in %s (looked for "
		    "`%s`). Is it a checkout of rust-lang/wg-async? It is "
		    "online at <%s>.\n",
		    s->id, upstream, file ? file : "?", s->source);
	} else {
		sb_add(md, text, len);
		sb_puts(md, "\n");
	}
	bool found = text != NULL;
	free(text);
	free(file);
	return found;
}
