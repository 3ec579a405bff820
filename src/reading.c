/*
 * reading: see include/reading.h.  Argument parsing for the reading
 * commands and where their output goes; the content comes from plan,
 * search, html, transcript and report.
 */
#include "reading.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "html.h"
#include "pager.h"
#include "search.h"
#include "util.h"

static int
usage(const char *fmt, const char *arg)
{
	fputs("asyncpath: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'asyncpath --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Renders md for the terminal, through the pager when it is long. */
static int
show(const struct reading_ctx *c, const strbuf *md)
{
	strbuf out = {0};
	render_markdown(md->s ? md->s : "", md->len, &c->render, &out);
	int st = pager_write(out.s ? out.s : "", out.len, c->pager);
	sb_free(&out);
	return st ? EXIT_IO : 0;
}

int
reading_write(const char *file, const char *data, size_t len)
{
	if (!file || strcmp(file, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
			fprintf(stderr, "asyncpath: cannot write the output: "
			    "%s\n", strerror(errno));
			return EXIT_IO;
		}
		return 0;
	}
	char *tmp = xasprintf("%s.tmp.%ld", file, (long)getpid());
	FILE *f = fopen(tmp, "w");
	int err = 0;
	if (!f) {
		err = errno;
	} else {
		if (fwrite(data, 1, len, f) != len || fflush(f) ||
		    fsync(fileno(f)))
			err = errno ? errno : EIO;
		if (fclose(f) && !err)
			err = errno;
		if (!err && rename(tmp, file) != 0)
			err = errno;
		if (err)
			unlink(tmp);
	}
	free(tmp);
	if (err) {
		fprintf(stderr, "asyncpath: cannot write %s: %s\n", file,
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

int
reading_plan(const struct reading_ctx *c, char **args, int n)
{
	bool fac = false;
	const char *id = NULL, *what = n ? args[0] : "list";
	for (int i = 1; i < n; i++) {
		if (strcmp(args[i], "--facilitator") == 0)
			fac = true;
		else if (!id)
			id = args[i];
		else
			return usage("plan: unexpected '%s'", args[i]);
	}
	strbuf md = {0};
	if (strcmp(what, "list") == 0 && !id && !fac) {
		plan_view_list(c->plans, &md);
	} else if (strcmp(what, "show") == 0 && id) {
		const struct plan *p = plan_find(c->plans, id);
		if (!p) {
			fprintf(stderr, "asyncpath: no plan has the id '%s'; "
			    "'asyncpath plan list' shows them\n", id);
			return EXIT_DATA;
		}
		plan_view(p, fac, false, &md);
	} else {
		return usage("%s", "usage: plan list | plan show "
		    "[--facilitator] ID");
	}
	int st = show(c, &md);
	sb_free(&md);
	return st;
}

int
reading_search(const struct reading_ctx *c, char **args, int n)
{
	if (n == 0)
		return usage("%s", "search needs WORDS");
	strbuf q = {0}, md = {0};
	for (int i = 0; i < n; i++)
		sb_printf(&q, "%s%s", i ? " " : "", args[i]);
	struct search *s = search_new(c->g, c->plans);
	if (!c->render.color)
		search_set_marks(s, "\\[", "\\]");
	struct search_hit *h;
	size_t k = search_query(s, q.s, &h);
	search_view(q.s, h, k, &md);
	int st = show(c, &md);
	search_hits_free(h, k);
	search_free(s);
	sb_free(&q);
	sb_free(&md);
	return st ? st : k ? 0 : EXIT_FAILURE_;
}

/* Options shared by handout, transcript and report: --format F, -o FILE;
 * the rest stays in args (compacted), its count returned; -1 on a usage
 * error (reported). */
struct outopts {
	const char *format, *file;
	bool facilitator, anonymous;
};

static int
parse_out(char **args, int n, struct outopts *o, const char *formats,
    const char *cmd)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		const char *a = args[i];
		if ((strcmp(a, "--format") == 0 || strcmp(a, "-o") == 0 ||
		    strcmp(a, "--output") == 0) && i + 1 < n) {
			if (a[1] == 'o' || a[2] == 'o')
				o->file = args[++i];
			else
				o->format = args[++i];
		} else if (strcmp(a, "--facilitator") == 0 &&
		    strcmp(cmd, "handout") == 0) {
			o->facilitator = true;
		} else if (strcmp(a, "--anonymous") == 0 &&
		    strcmp(cmd, "report") == 0) {
			o->anonymous = true;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "asyncpath: %s: unexpected option '%s'"
			    "\nTry 'asyncpath --help'.\n", cmd, a);
			return -1;
		} else {
			args[k++] = args[i];
		}
	}
	/* formats: "md html" and so on, space separated */
	size_t fl = strlen(o->format);
	const char *f = formats;
	while ((f = strstr(f, o->format))) {
		if ((f == formats || f[-1] == ' ') &&
		    (f[fl] == ' ' || f[fl] == '\0'))
			return k;
		f++;
	}
	fprintf(stderr, "asyncpath: %s: unknown format '%s': expected %s\n"
	    "Try 'asyncpath --help'.\n", cmd, o->format, formats);
	return -1;
}

int
reading_handout(const struct reading_ctx *c, char **args, int n)
{
	struct outopts o = {"md", NULL, false, false};
	if ((n = parse_out(args, n, &o, "md html", "handout")) < 0)
		return EXIT_USAGE;
	if (n != 1)
		return usage("%s", "usage: handout PLAN [--format md|html] "
		    "[--facilitator] [-o FILE]");
	const struct plan *p = plan_find(c->plans, args[0]);
	if (!p) {
		fprintf(stderr, "asyncpath: no plan has the id '%s'; "
		    "'asyncpath plan list' shows them\n", args[0]);
		return EXIT_DATA;
	}
	strbuf md = {0}, out = {0};
	plan_view(p, o.facilitator, true, &md);
	if (strcmp(o.format, "html") == 0)
		html_page(&out, p->title, md.s);
	else
		safe_md(&out, md.s, md.len);
	int st = reading_write(o.file, out.s, out.len);
	sb_free(&md);
	sb_free(&out);
	return st;
}
