/*
 * reading: see include/reading.h.  Argument parsing for the reading
 * commands and where their output goes; the content comes from plan,
 * search, html, transcript and report.
 */
#include "reading.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "exercise.h"
#include "files.h"
#include "html.h"
#include "pager.h"
#include "report.h"
#include "search.h"
#include "session.h"
#include "transcript.h"
#include "util.h"

/* The plans of the data folder; NULL after printing why not (*status
 * gets the exit status). */
static struct plan_set *
load_plans(const struct cli *c, int *status)
{
	diag_list *d = diag_new();
	struct plan_set *ps = plan_load(c->g, c->data, d);
	if (!ps) {
		diag_print(d, stderr);
		*status = diag_status(d);
	}
	diag_free(d);
	return ps;
}

static int
show(const struct cli *c, const strbuf *md)
{
	return cli_print_markdown(c, md->s ? md->s : "", md->len);
}

int
reading_write(const char *file, const char *data, size_t len)
{
	if (!file || strcmp(file, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
			diag_say(stderr,
			    "asyncpath: cannot write the output: "
			    "%s\n",
			    strerror(errno));
			return EXIT_IO;
		}
		return 0;
	}
	int err = files_write_atomic(file, data, len, 0666);
	if (err) {
		diag_say(stderr, "asyncpath: cannot write %s: %s\n", file,
		    strerror(err));
		return EXIT_IO;
	}
	return 0;
}

/* Markdown for a file or a pipe: every control character but newline
 * and tab shown in caret form, so no content byte drives a terminal. */
static void
safe_md(strbuf *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '\n' && s[j] != '\t')
			j++;
		sb_add_safe(out, s + i, j - i);
		if (j < len)
			sb_putc(out, s[j++]);
		i = j;
	}
}

const struct cli_option reading_plan_opts[] = {
    {"facilitator", no_argument, READING_FACILITATOR, NULL,
        "the facilitator's edition: notes for whoever leads", NULL},
    {0},
};

int
reading_plan(const struct cli *c, const struct cli_args *a)
{
	bool fac = a->nopt > 0;
	const char *what = a->argc ? a->argv[0] : "list";
	int st = 0;
	strbuf md = {0};
	if (strcmp(what, "list") == 0 && a->argc <= 1 && !fac) {
		struct plan_set *ps = load_plans(c, &st);
		if (!ps)
			return st;
		plan_view_list(ps, &md);
		plan_set_free(ps);
	} else if (strcmp(what, "show") == 0 && a->argc == 2) {
		struct plan_set *ps = load_plans(c, &st);
		if (!ps)
			return st;
		const struct plan *p = plan_find(ps, a->argv[1]);
		if (!p) {
			diag_say(stderr,
			    "asyncpath: no plan has the id '%s'; "
			    "'asyncpath plan list' shows them\n",
			    a->argv[1]);
			plan_set_free(ps);
			return EXIT_DATA;
		}
		plan_view(p, fac, false, &md);
		plan_set_free(ps);
	} else {
		return cli_usage_error("%s",
		    "usage: plan list | plan show "
		    "[--facilitator] ID");
	}
	st = show(c, &md);
	sb_free(&md);
	return st;
}

int
reading_search(const struct cli *c, const struct cli_args *a)
{
	if (a->argc == 0)
		return cli_usage_error("%s", "search needs WORDS");
	int st = 0;
	struct plan_set *ps = load_plans(c, &st);
	if (!ps)
		return st;
	strbuf q = {0}, md = {0};
	for (int i = 0; i < a->argc; i++)
		sb_printf(&q, "%s%s", i ? " " : "", a->argv[i]);
	struct search *s = search_new(c->g, ps);
	diag_list *d = diag_new();
	struct exercise_set *ex = exercise_load_all(c->data, d);
	diag_free(d); /* broken exercises: check says so; search goes on */
	search_add_exercises(s, ex);
	if (!c->render.color)
		search_set_marks(s, "\\[", "\\]");
	struct search_hit *h;
	size_t k = search_query(s, q.s, &h);
	search_view(q.s, h, k, &md);
	st = show(c, &md);
	search_hits_free(h, k);
	search_free(s);
	exercise_set_free(ex);
	plan_set_free(ps);
	sb_free(&q);
	sb_free(&md);
	return st ? st : k ? 0 : EXIT_FAILURE_;
}

/* What handout, transcript and report take: --format, --output, and
 * their own flags.  formats: the accepted values, '|' between them. */
struct outopts {
	const char *format, *file;
	bool facilitator, anonymous;
};

static int
parse_out(const struct cli_args *a, struct outopts *o, const char *formats)
{
	for (size_t i = 0; i < a->nopt; i++)
		switch (a->opt[i].val) {
		case READING_FORMAT:
			o->format = a->opt[i].arg;
			break;
		case READING_OUTPUT:
			o->file = a->opt[i].arg;
			break;
		case READING_FACILITATOR:
			o->facilitator = true;
			break;
		case READING_ANONYMOUS:
			o->anonymous = true;
			break;
		}
	size_t fl = strlen(o->format);
	for (const char *f = formats; *f; f += strcspn(f, "|"), f += *f == '|')
		if (strncmp(f, o->format, fl) == 0 &&
		    (f[fl] == '|' || f[fl] == '\0'))
			return 0;
	return cli_usage_error("unknown format '%s'", o->format);
}

const struct cli_option reading_handout_opts[] = {
    {"format", required_argument, READING_FORMAT, "FORMAT",
        "md (the default) or html", "md|html"},
    {"facilitator", no_argument, READING_FACILITATOR, NULL,
        "the facilitator's edition: notes for whoever leads", NULL},
    {"output", required_argument, READING_OUTPUT, "FILE",
        "write to FILE (atomically) instead of stdout; also -o", ":file"},
    {0},
};

int
reading_handout(const struct cli *c, const struct cli_args *a)
{
	struct outopts o = {"md", NULL, false, false};
	int st = parse_out(a, &o, "md|html");
	if (st)
		return st;
	if (a->argc != 1)
		return cli_usage_error("%s",
		    "usage: handout PLAN [--format "
		    "md|html] [--facilitator] [-o FILE]");
	struct plan_set *ps = load_plans(c, &st);
	if (!ps)
		return st;
	const struct plan *p = plan_find(ps, a->argv[0]);
	if (!p) {
		diag_say(stderr,
		    "asyncpath: no plan has the id '%s'; "
		    "'asyncpath plan list' shows them\n",
		    a->argv[0]);
		plan_set_free(ps);
		return EXIT_DATA;
	}
	strbuf md = {0}, out = {0};
	plan_view(p, o.facilitator, true, &md);
	if (strcmp(o.format, "html") == 0)
		html_page(&out, p->title, md.s);
	else
		safe_md(&out, md.s, md.len);
	st = reading_write(o.file, out.s, out.len);
	sb_free(&md);
	sb_free(&out);
	plan_set_free(ps);
	return st;
}

/* --- report --- */

const struct cli_option reading_report_opts[] = {
    {"format", required_argument, READING_FORMAT, "FORMAT",
        "text (the default), md, html or json", "text|md|html|json"},
    {"anonymous", no_argument, READING_ANONYMOUS, NULL,
        "stable pseudonyms instead of names; no names on notes", NULL},
    {"output", required_argument, READING_OUTPUT, "FILE",
        "write to FILE (atomically) instead of stdout; also -o", ":file"},
    {0},
};

struct gather {
	struct report *r;
	size_t files;
};

static void
gather_one(const char *file, struct session *s, diag_list *d, void *ctx)
{
	struct gather *ga = ctx;
	ga->files++;
	if (s) {
		report_add(ga->r, file, s);
		return;
	}
	char *why = diag_text(d);
	fputs(why, stderr);
	report_skip(ga->r, file, why);
	free(why);
}

/* Adds each session file named in in (files or folders) to the report
 * through ga; returns 0, or EXIT_NOINPUT when one could not be read. */
static int
gather_all(struct gather *ga, char *const *in, int nin)
{
	int st = 0;
	for (int i = 0; i < nin; i++) {
		struct stat sb;
		if (stat(in[i], &sb) != 0) {
			diag_say(stderr, "%s: error: cannot read: %s\n", in[i],
			    strerror(errno));
			st = EXIT_NOINPUT;
		} else if (S_ISDIR(sb.st_mode)) {
			int e = session_each(in[i], gather_one, ga);
			if (e) {
				diag_say(stderr,
				    "%s: error: cannot read the "
				    "folder: %s\n",
				    in[i], strerror(e));
				st = EXIT_NOINPUT;
			}
		} else {
			diag_list *d = diag_new();
			struct session *s = session_load(in[i], d);
			gather_one(in[i], s, d, ga);
			session_free(s);
			diag_free(d);
		}
	}
	return st;
}

int
reading_report(const struct cli *c, const struct cli_args *a)
{
	struct outopts o = {"text", NULL, false, false};
	int st = parse_out(a, &o, "text|md|html|json");
	if (st)
		return st;
	struct report *r = report_new(c->g);
	/* question texts when the quizzes load; ids otherwise */
	diag_list *qd = diag_new();
	struct quiz_set *qs = quiz_load_all(c->data, qd);
	diag_free(qd);
	report_set_quizzes(r, qs);
	struct gather ga = {r, 0};
	char *dflt = NULL;
	char *const *in = a->argv;
	int nin = a->argc;
	if (!nin) {
		if (!(dflt = session_dir())) {
			diag_say(stderr,
			    "asyncpath: no sessions folder: set "
			    "XDG_STATE_HOME or HOME, or name a folder\n");
			report_free(r);
			return EXIT_NOINPUT;
		}
		in = &dflt;
		nin = 1;
	}
	st = gather_all(&ga, in, nin);
	free(dflt);
	if (st || !ga.files) {
		if (!st)
			diag_say(stderr,
			    "asyncpath: no session files to report "
			    "on\n");
		report_free(r);
		quiz_set_free(qs);
		return st ? st : EXIT_NOINPUT;
	}
	strbuf md = {0}, out = {0};
	if (strcmp(o.format, "json") == 0) {
		json_t *j = report_json(r, o.anonymous);
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		sb_add_json(&out, s ? s : "{}", s ? strlen(s) : 2);
		sb_putc(&out, '\n');
		free(s);
		json_decref(j);
	} else if (strcmp(o.format, "html") == 0) {
		report_html(r, o.anonymous, &out);
	} else {
		report_markdown(r, o.anonymous, &md);
		if (strcmp(o.format, "md") == 0) {
			safe_md(&out, md.s, md.len);
		} else if (!o.file || strcmp(o.file, "-") == 0) {
			st = show(c, &md);
		} else { /* text in a file: rendered, without colour */
			struct render_opts plain = c->render;
			plain.color = plain.links = false;
			render_markdown(md.s, md.len, &plain, &out);
		}
	}
	if (out.len)
		st = reading_write(o.file, out.s, out.len);
	if (!st && !report_sessions(r))
		st = EXIT_DATA; /* every file was damaged */
	sb_free(&md);
	sb_free(&out);
	report_free(r);
	quiz_set_free(qs);
	return st;
}

/* --- transcript --- */

const struct cli_option reading_transcript_opts[] = {
    {"format", required_argument, READING_FORMAT, "FORMAT",
        "md (the default) or html", "md|html"},
    {"output", required_argument, READING_OUTPUT, "FILE",
        "write to FILE (atomically) instead of stdout; also -o", ":file"},
    {0},
};

struct newest {
	char *file, *updated;
};

static void
pick_newest(const char *file, struct session *s, diag_list *d, void *ctx)
{
	struct newest *nw = ctx;
	(void)d;
	if (!s)
		return;
	const char *u = session_updated(s);
	if (!nw->file || (u && strcmp(u, nw->updated) > 0)) {
		free(nw->file);
		free(nw->updated);
		nw->file = xstrdup(file);
		nw->updated = xstrdup(u ? u : "");
	}
}

/* The session file SESSION names (a name in the sessions folder, or a
 * file when it holds a '/'), or the newest there.  Caller frees. */
static char *
session_named(const char *arg)
{
	if (arg && strchr(arg, '/'))
		return xstrdup(arg);
	char *dir = session_dir();
	if (!dir)
		return NULL;
	char *file = NULL;
	if (arg) {
		file = session_name_ok(arg) ? session_file_for(dir, arg) : NULL;
	} else {
		struct newest nw = {NULL, NULL};
		session_each(dir, pick_newest, &nw);
		free(nw.updated);
		file = nw.file;
	}
	free(dir);
	return file;
}

int
reading_transcript(const struct cli *c, const struct cli_args *a)
{
	struct outopts o = {"md", NULL, false, false};
	int st = parse_out(a, &o, "md|html");
	if (st)
		return st;
	if (a->argc > 1)
		return cli_usage_error("%s",
		    "usage: transcript [SESSION] "
		    "[--format md|html] [-o FILE]");
	char *file = session_named(a->argc ? a->argv[0] : NULL);
	if (!file) {
		diag_say(stderr, "asyncpath: %s\n",
		    a->argc ? "not a session "
		              "name: expected letters, digits, '.', '_' or '-'"
		            : "no saved session to transcribe");
		return a->argc ? EXIT_USAGE : EXIT_NOINPUT;
	}
	diag_list *d = diag_new();
	struct session *s = session_load(file, d);
	if (!s) {
		diag_print(d, stderr);
		st = diag_status(d);
		diag_free(d);
		free(file);
		return st ? st : EXIT_DATA;
	}
	strbuf md = {0}, out = {0};
	st = transcript_markdown(c->g, s, &md);
	if (!st) {
		if (strcmp(o.format, "html") == 0)
			html_page(&out, "Transcript", md.s);
		else
			safe_md(&out, md.s, md.len);
		st = reading_write(o.file, out.s, out.len);
	}
	sb_free(&md);
	sb_free(&out);
	session_free(s);
	diag_free(d);
	free(file);
	return st;
}
