/* export: see include/export.h. */
#include "export.h"

#include <string.h>

#include "render.h"
#include "util.h"

/* Writes s as a JSON string: quotes, backslashes and every control
 * character escaped; invalid UTF-8 replaced by U+FFFD. */
static void
json_str(FILE *out, const char *s)
{
	size_t len = strlen(s), i = 0;
	unsigned cp;
	fputc('"', out);
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			fprintf(out, "\\u%04x", cp);
		else
			fwrite(s + i, 1, (size_t)n, out);
		i += (size_t)n;
	}
	fputc('"', out);
}

static void
json_flags(FILE *out, const struct guide *g, const size_t *v, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		json_str(out, g->flags[v[i]]);
	}
	fputc(']', out);
}

static void
json_nodes(FILE *out, struct node *const *v, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		json_str(out, v[i]->id);
	}
	fputc(']', out);
}

static void
json_cond(FILE *out, const struct guide *g, const struct cond *c)
{
	if (!c) {
		fputs("null", out);
		return;
	}
	const char *sep = "";
	fputc('{', out);
	if (c->nset) {
		fputs("\"set\": ", out);
		json_flags(out, g, c->set, c->nset);
		sep = ", ";
	}
	if (c->nunset) {
		fprintf(out, "%s\"unset\": ", sep);
		json_flags(out, g, c->unset, c->nunset);
		sep = ", ";
	}
	if (c->nvisited) {
		fprintf(out, "%s\"visited\": ", sep);
		json_nodes(out, c->visited, c->nvisited);
		sep = ", ";
	}
	if (c->nunvisited) {
		fprintf(out, "%s\"unvisited\": ", sep);
		json_nodes(out, c->unvisited, c->nunvisited);
		sep = ", ";
	}
	if (c->chars) {
		fprintf(out, "%s\"character\": [", sep);
		const char *s2 = "";
		for (int ch = 0; ch < CH_COUNT; ch++)
			if (c->chars & (1u << ch)) {
				fprintf(out, "%s\"%s\"", s2,
				    character_name(ch));
				s2 = ", ";
			}
		fputc(']', out);
		sep = ", ";
	}
	if (c->nany) {
		fprintf(out, "%s\"any\": [", sep);
		for (size_t i = 0; i < c->nany; i++) {
			if (i)
				fputs(", ", out);
			json_cond(out, g, &c->any[i]);
		}
		fputc(']', out);
	}
	fputc('}', out);
}

static void
json_links(FILE *out, const struct link *l, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		json_str(out, l[i].url);
	}
	fputc(']', out);
}

void
export_json(const struct guide *g, FILE *out)
{
	fputs("{\"stages\": [", out);
	for (size_t i = 0; i < g->nstages; i++) {
		fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", out);
		json_str(out, g->stages[i]->id);
		fputs(", \"title\": ", out);
		json_str(out, g->stages[i]->title);
		fputs(", \"path\": ", out);
		json_str(out, g->stages[i]->path->id);
		fputs("}", out);
	}
	fputs("],\n\"nodes\": [", out);
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", out);
		json_str(out, n->id);
		fputs(", \"stage\": ", out);
		json_str(out, n->stage->id);
		fputs(", \"title\": ", out);
		json_str(out, n->title);
		fputs(", \"pain\": ", out);
		if (n->pain)
			json_str(out, n->pain);
		else
			fputs("null", out);
		fputs(", \"text\": [", out);
		for (size_t t = 0; t < n->nparts; t++) {
			const struct text_part *tp = &n->parts[t];
			fputs(t ? ", {\"text\": " : "{\"text\": ", out);
			json_str(out, tp->text);
			fputs(", \"when\": ", out);
			json_cond(out, g, tp->when);
			fputs(", \"else\": ", out);
			if (tp->otherwise)
				json_str(out, tp->otherwise);
			else
				fputs("null", out);
			fputc('}', out);
		}
		fputs("], \"stories\": [", out);
		for (size_t s = 0; s < n->nstories; s++) {
			if (s)
				fputs(", ", out);
			json_str(out, n->stories[s]->id);
		}
		fputs("], \"wanted\": ", out);
		json_links(out, n->wanted, n->nwanted);
		fputs(", \"links\": ", out);
		json_links(out, n->links, n->nlinks);
		fputs(", \"choices\": [", out);
		for (size_t c = 0; c < n->nchoices; c++) {
			const struct choice *ch = &n->choices[c];
			fputs(c ? ", {\"id\": " : "{\"id\": ", out);
			json_str(out, ch->id);
			fputs(", \"text\": ", out);
			json_str(out, ch->text);
			fputs(", \"to\": ", out);
			json_str(out, ch->to->id);
			fputs(", \"when\": ", out);
			json_cond(out, g, ch->when);
			fputs(", \"set\": ", out);
			json_flags(out, g, ch->set, ch->nset);
			fputs(", \"clear\": ", out);
			json_flags(out, g, ch->clear, ch->nclear);
			fputs(", \"as\": ", out);
			if (ch->as >= 0)
				fprintf(out, "\"%s\"", character_name(ch->as));
			else
				fputs("null", out);
			fputc('}', out);
		}
		fprintf(out, "], \"ending\": %s}", n->ending ? "true" :
		    "false");
	}
	fputs("],\n\"stories\": [", out);
	for (size_t i = 0; i < g->nstories; i++) {
		const struct story *s = g->stories[i];
		fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", out);
		json_str(out, s->id);
		fputs(", \"title\": ", out);
		json_str(out, s->title);
		fputs(", \"kind\": ", out);
		json_str(out, s->kind);
		fputs(", \"character\": [", out);
		const char *sep = "";
		for (int ch = CH_ALAN; ch < CH_COUNT; ch++)
			if (s->chars & (1u << ch)) {
				fprintf(out, "%s\"%s\"", sep,
				    character_name(ch));
				sep = ", ";
			}
		fputs("], \"source\": ", out);
		json_str(out, s->source);
		fputs(", \"topics\": [", out);
		for (size_t t = 0; t < s->ntopics; t++) {
			if (t)
				fputs(", ", out);
			json_str(out, s->topics[t]);
		}
		fputs("]}", out);
	}
	fputs("]}\n", out);
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
		sb_putc(&flat, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ?
		    ' ' : s[i]);
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
	    "[fontname=\"Helvetica\", fontsize=10];\n", out);
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
				for (size_t c = 0; c < n->nchoices; c++)
				{
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
