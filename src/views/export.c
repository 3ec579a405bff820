/* export: see include/export.h. */
#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "render.h"
#include "util.h"

/* Aborts as the xmalloc family does when jansson cannot allocate. */
static void
json_oom(void)
{
	fputs("asyncpath: out of memory\n", stderr);
	abort();
}

/* A new JSON string holding s.  Guide text is valid UTF-8 once loaded;
 * should any byte not be, it is replaced by U+FFFD rather than dropping
 * the value (jansson refuses invalid UTF-8).  Never NULL. */
static json_t *
jstr(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t len = strlen(s), i = 0;
	strbuf b = {0};
	unsigned cp;
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n) {
			sb_puts(&b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		sb_add(&b, s + i, (size_t)n);
		i += (size_t)n;
	}
	j = json_string(b.s ? b.s : "");
	sb_free(&b);
	if (!j)
		json_oom();
	return j;
}

/* Sets key in o to v (stolen); aborts when jansson cannot allocate. */
static void
jset(json_t *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o, key, v) != 0)
		json_oom();
}

/* Appends v (stolen) to array a; aborts when jansson cannot allocate. */
static void
jpush(json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v) != 0)
		json_oom();
}

/* A new array of the names of flags v[0..n). */
static json_t *
json_flags(const struct guide *g, const uint32_t *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		jpush(a, jstr(g->flags[v[i]]));
	return a;
}

/* A new array of the ids of nodes v[0..n). */
static json_t *
json_nodes(struct node *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		jpush(a, jstr(v[i]->id));
	return a;
}

/* A new array of the ids of choices v[0..n). */
static json_t *
json_choices(struct choice *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		jpush(a, jstr(v[i]->id));
	return a;
}

/* A new array of the names of the characters in the bit set chars,
 * from character from on. */
static json_t *
json_chars(unsigned chars, int from)
{
	json_t *a = json_array();
	for (int ch = from; ch < CH_COUNT; ch++)
		if (chars & (1u << ch))
			jpush(a, jstr(character_name(ch)));
	return a;
}

/* A new object for condition c (only the parts it uses), or JSON null. */
static json_t *
json_cond(const struct guide *g, const struct cond *c)
{
	if (!c)
		return json_null();
	json_t *o = json_object();
	if (c->nset)
		jset(o, "set", json_flags(g, c->set, c->nset));
	if (c->nunset)
		jset(o, "unset", json_flags(g, c->unset, c->nunset));
	if (c->nvisited)
		jset(o, "visited", json_nodes(c->visited, c->nvisited));
	if (c->nunvisited)
		jset(o, "unvisited", json_nodes(c->unvisited, c->nunvisited));
	if (c->ntook)
		jset(o, "took", json_choices(c->took, c->ntook));
	if (c->nnot_took)
		jset(o, "not_took", json_choices(c->not_took, c->nnot_took));
	if (c->chars)
		jset(o, "character", json_chars(c->chars, 0));
	if (c->nany) {
		json_t *any = json_array();
		for (size_t i = 0; i < c->nany; i++)
			jpush(any, json_cond(g, &c->any[i]));
		jset(o, "any", any);
	}
	return o;
}

/* A new array of the URLs of links l[0..n). */
static json_t *
json_links(const struct link *l, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		jpush(a, jstr(l[i].url));
	return a;
}

/* s as a new JSON string, or JSON null when s is NULL. */
static json_t *
jstr_or_null(const char *s)
{
	return s ? jstr(s) : json_null();
}

/* A new object for node n. */
static json_t *
json_node(const struct guide *g, const struct node *n)
{
	json_t *o = json_object();
	jset(o, "id", jstr(n->id));
	jset(o, "stage", jstr(n->stage->id));
	jset(o, "title", jstr(n->title));
	jset(o, "pain", jstr_or_null(n->pain));
	json_t *text = json_array();
	for (size_t t = 0; t < n->nparts; t++) {
		const struct text_part *tp = &n->parts[t];
		json_t *p = json_object();
		jset(p, "text", jstr(tp->text));
		jset(p, "when", json_cond(g, tp->when));
		jset(p, "else", jstr_or_null(tp->otherwise));
		jpush(text, p);
	}
	jset(o, "text", text);
	json_t *stories = json_array();
	for (size_t s = 0; s < n->nstories; s++)
		jpush(stories, jstr(n->stories[s]->id));
	jset(o, "stories", stories);
	jset(o, "wanted", json_links(n->more->wanted, n->more->nwanted));
	jset(o, "links", json_links(n->more->links, n->more->nlinks));
	json_t *choices = json_array();
	for (size_t c = 0; c < n->nchoices; c++) {
		const struct choice *ch = &n->choices[c];
		json_t *p = json_object();
		jset(p, "id", jstr(ch->id));
		jset(p, "text", jstr(ch->text));
		jset(p, "to", jstr(ch->to->id));
		jset(p, "when", json_cond(g, ch->when));
		const struct effect *e = ch->effect;
		jset(p, "set", json_flags(g, e->set, e->nset));
		jset(p, "clear", json_flags(g, e->clear, e->nclear));
		jset(p, "as",
		    e->as >= 0 ? jstr(character_name(e->as)) : json_null());
		jset(p, "debrief",
		    jstr_or_null(ch->debrief ? ch->debrief->text : NULL));
		jset(p, "debrief_story",
		    ch->debrief && ch->debrief->story
		        ? jstr(ch->debrief->story->id)
		        : json_null());
		jpush(choices, p);
	}
	jset(o, "choices", choices);
	jset(o, "ending", json_boolean(n->ending));
	jset(o, "debrief", json_boolean(n->debrief));
	return o;
}

/* A new object for story s. */
static json_t *
json_story(const struct story *s)
{
	json_t *o = json_object();
	jset(o, "id", jstr(s->id));
	jset(o, "title", jstr(s->title));
	jset(o, "kind", jstr(s->kind));
	jset(o, "character", json_chars(s->chars, CH_ALAN));
	jset(o, "source", jstr(s->source));
	json_t *topics = json_array();
	for (size_t t = 0; t < s->ntopics; t++)
		jpush(topics, jstr(s->topics[t]));
	jset(o, "topics", topics);
	return o;
}

/*
 * Builds the whole document with jansson and writes it to out, keys in
 * the order they were set, indented by two, ending in a newline.  To a
 * terminal every non-ASCII character is written as \uXXXX, so no C1
 * control in the content can reach it raw.  A failed write leaves the
 * stream's error flag set; the caller checks ferror (see cli.c).
 */
void
export_json(const struct guide *g, FILE *out)
{
	json_t *doc = json_object();
	json_t *stages = json_array();
	for (size_t i = 0; i < g->nstages; i++) {
		json_t *o = json_object();
		jset(o, "id", jstr(g->stages[i]->id));
		jset(o, "title", jstr(g->stages[i]->title));
		jset(o, "path", jstr(g->stages[i]->path->id));
		jpush(stages, o);
	}
	jset(doc, "stages", stages);
	json_t *nodes = json_array();
	for (size_t i = 0; i < g->nnodes; i++)
		jpush(nodes, json_node(g, g->nodes[i]));
	jset(doc, "nodes", nodes);
	json_t *stories = json_array();
	for (size_t i = 0; i < g->nstories; i++)
		jpush(stories, json_story(g->stories[i]));
	jset(doc, "stories", stories);
	size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
	if (isatty(fileno(out)))
		flags |= JSON_ENSURE_ASCII;
	char *text = json_dumps(doc, flags);
	strbuf b = {0};
	sb_add_json(&b, text ? text : "{}", text ? strlen(text) : 2);
	sb_putc(&b, '\n');
	fwrite(b.s, 1, b.len, out);
	sb_free(&b);
	free(text);
	json_decref(doc);
}

/*
 * Writes s as a DOT string, cut to about max bytes (at a UTF-8 boundary,
 * with an ellipsis) when max > 0.  Sanitised as for a terminal (sb_add_safe:
 * controls in caret form, C1 as <9B>, bidi controls as <U+202E>, invalid
 * UTF-8 as U+FFFD), but line breaks and tabs become spaces; then quotes
 * and backslashes are escaped for DOT.
 */
static void
dot_cut(FILE *out, const char *s, size_t max)
{
	size_t len = strlen(s);
	bool cut = max && len > max;
	if (cut) {
		while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
			max--;
		len = max;
	}
	strbuf flat = {0}, safe = {0};
	for (size_t i = 0; i < len; i++)
		sb_putc(&flat,
		    s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
	sb_add_safe(&safe, flat.s ? flat.s : "", flat.len);
	fputc('"', out);
	for (size_t i = 0; i < safe.len; i++) {
		if (safe.s[i] == '"' || safe.s[i] == '\\')
			fputc('\\', out);
		fputc(safe.s[i], out);
	}
	fputs(cut ? "\xE2\x80\xA6\"" : "\"", out);
	sb_free(&flat);
	sb_free(&safe);
}

static void
dot_str(FILE *out, const char *s)
{
	dot_cut(out, s, 0);
}

void
export_dot(const struct guide *g, FILE *out)
{
	fputs("digraph asyncpath {\n  rankdir=TB;\n  node [shape=box, "
	      "style=rounded, fontname=\"Helvetica\"];\n  edge "
	      "[fontname=\"Helvetica\", fontsize=10];\n",
	    out);
	for (size_t i = 0; i < g->nstages; i++) {
		const struct stage *st = g->stages[i];
		fprintf(out, "  subgraph cluster_%zu {\n    label=", i);
		dot_str(out, st->title);
		fputs(";\n", out);
		for (size_t k = 0; k < g->nnodes; k++) {
			const struct node *n = g->nodes[k];
			if (n->stage != st)
				continue;
			fputs("    ", out);
			dot_str(out, n->id);
			fputs(" [label=", out);
			dot_str(out, n->title);
			if (n->ending)
				fputs(", shape=doubleoctagon", out);
			else if (n->pain)
				fputs(", color=firebrick", out);
			fputs("];\n", out);
		}
		fputs("  }\n", out);
	}
	for (size_t k = 0; k < g->nnodes; k++) {
		const struct node *n = g->nodes[k];
		for (size_t c = 0; c < n->nchoices; c++) {
			fputs("  ", out);
			dot_str(out, n->id);
			fputs(" -> ", out);
			dot_str(out, n->choices[c].to->id);
			fputs(" [label=", out);
			dot_cut(out, n->choices[c].text, 36);
			if (n->choices[c].when)
				fputs(", style=dashed", out);
			fputs("];\n", out);
		}
	}
	fputs("}\n", out);
}

/* Content printed for a terminal goes through the renderer's sanitiser. */
static void
safe(FILE *out, const char *s)
{
	strbuf b = {0};
	sb_add_safe(&b, s, strlen(s));
	if (b.s)
		fputs(b.s, out);
	sb_free(&b);
}

void
export_text(const struct guide *g, FILE *out)
{
	for (size_t p = 0; p < g->npaths; p++) {
		const struct path *path = g->paths[p];
		fprintf(out, "%s: ", path->id);
		safe(out, path->title);
		fprintf(out, " (start: %s)\n", path->start->id);
		for (size_t s = 0; s < path->nstages; s++) {
			const struct stage *st = path->stages[s];
			fprintf(out, "  %zu. ", s + 1);
			safe(out, st->title);
			fputc('\n', out);
			for (size_t k = 0; k < path->nnodes; k++) {
				const struct node *n = path->nodes[k];
				if (n->stage != st)
					continue;
				fprintf(out, "     %s%s: ", n->id,
				    n->ending ? " (ending)" : "");
				safe(out, n->title);
				fputc('\n', out);
				for (size_t c = 0; c < n->nchoices; c++) {
					fprintf(out, "       -> %s%s: ",
					    n->choices[c].to->id,
					    n->choices[c].when ? " (if)" : "");
					safe(out, n->choices[c].text);
					fputc('\n', out);
				}
			}
		}
	}
}
