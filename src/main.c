/*
 * main: the command line.  Parses global options, finds the data folder,
 * loads the guide and hands over to the subcommand.  Knows no details of
 * any module beyond its header.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "export.h"
#include "guide.h"
#include "load.h"
#include "pager.h"
#include "render.h"
#include "repl.h"
#include "util.h"
#include "view.h"
#include "walk.h"

#ifndef ASYNCPATH_VERSION
#define ASYNCPATH_VERSION "0.1.0"
#endif
#include "datadir.h" /* ASYNCPATH_DATADIR, written by make */

struct options {
	const char *data, *path, *upstream;
	int width;
	bool plain, no_color, no_pager, color;
};

static const char usage_text[] =
    "usage: asyncpath [OPTIONS] [COMMAND [ARGS]]\n"
    "\n"
    "Walk through where async Rust hurts, stage by stage, and read the\n"
    "stories that show each pain point.\n"
    "\n"
    "commands:\n"
    "  play                 start the walk (the default)\n"
    "  list stories|nodes|paths\n"
    "                       list what the data folder holds\n"
    "  show [--original] ID print one story card (or its original)\n"
    "  render FILE...       print Markdown files rendered ('-': stdin)\n"
    "  check [--walks N] [--seed S] [--strict]\n"
    "                       prove the content whole; print coverage\n"
    "  graph [--format json|dot|text]\n"
    "                       print the state graph\n"
    "\n"
    "options:\n"
    "  --data DIR           the data folder (paths/ and stories/)\n"
    "  --path ID            walk this path instead of the default one\n"
    "  --width N            wrap text at N columns\n"
    "  --plain              pure text: no colour, no decoration\n"
    "  --no-color           no colour (so does NO_COLOR or TERM=dumb)\n"
    "  --color              colour even when not a terminal\n"
    "  --no-pager           never page long stories through $PAGER\n"
    "  --upstream DIR       a wg-async checkout, to read originals\n"
    "                       (read --original ID; or ASYNCPATH_UPSTREAM)\n"
    "  --help, --version\n";

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("asyncpath: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'asyncpath --help'.\n", stderr);
	return EXIT_USAGE;
}

static bool
has_paths(const char *dir)
{
	struct stat st;
	char *p = xasprintf("%s/paths", dir);
	bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return ok;
}

/* --data, $ASYNCPATH_DATA, the install location, the source tree beside
 * the binary.  Caller frees. */
static char *
find_data(const struct options *o)
{
	if (o->data)
		return xstrdup(o->data);
	const char *e = getenv("ASYNCPATH_DATA");
	if (e && *e)
		return xstrdup(e);
	if (has_paths(ASYNCPATH_DATADIR))
		return xstrdup(ASYNCPATH_DATADIR);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (has_paths(exe))
				return xstrdup(exe);
		}
	}
	return xstrdup(ASYNCPATH_DATADIR);
}

/* Terminals known to show OSC 8 hyperlinks (ASYNCPATH_HYPERLINKS=1 or 0
 * says so outright). */
static bool
hyperlinks_supported(void)
{
	const char *e = getenv("ASYNCPATH_HYPERLINKS");
	if (e && *e)
		return strcmp(e, "0") != 0;
	const char *tp = getenv("TERM_PROGRAM"), *term = getenv("TERM");
	if (tp && (strcmp(tp, "iTerm.app") == 0 || strcmp(tp, "WezTerm") == 0
	    || strcmp(tp, "vscode") == 0))
		return true;
	if (getenv("VTE_VERSION") && atoi(getenv("VTE_VERSION")) >= 5000)
		return true;
	return getenv("KITTY_WINDOW_ID") || (term && (strstr(term, "kitty") ||
	    strstr(term, "foot") || strstr(term, "wezterm")));
}

static struct render_opts
render_options(const struct options *o)
{
	struct render_opts r = {80, false, false};
	const char *term = getenv("TERM");
	bool tty = isatty(STDOUT_FILENO);
	r.color = tty && !o->plain && !o->no_color && !getenv("NO_COLOR") &&
	    !(term && strcmp(term, "dumb") == 0);
	if (o->color && !o->plain && !o->no_color)
		r.color = true; /* asked for outright */
	r.links = r.color && hyperlinks_supported();
	struct winsize ws;
	const char *cols = getenv("COLUMNS");
	if (o->width)
		r.width = o->width;
	else if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		r.width = ws.ws_col;
	else if (cols && atoi(cols) > 0)
		r.width = atoi(cols);
	if (r.width < 20)
		r.width = 20;
	return r;
}

static bool use_pager = true;

/* Renders md to stdout, through the pager when it is long. */
static int
print_rendered(const char *md, size_t len, const struct render_opts *r)
{
	strbuf out = {0};
	render_markdown(md, len, r, &out);
	int st = pager_write(out.s ? out.s : "", out.len, use_pager);
	sb_free(&out);
	return st ? EXIT_IO : 0;
}

static int
cmd_render(char **args, int n, const struct render_opts *r)
{
	if (n == 0)
		return usage_error("%s", "render needs at least one FILE");
	for (int i = 0; i < n; i++) {
		size_t len = 0;
		char *text;
		if (strcmp(args[i], "-") == 0) {
			strbuf b = {0};
			char buf[65536];
			size_t k;
			while ((k = fread(buf, 1, sizeof buf, stdin)) > 0)
				sb_add(&b, buf, k);
			len = b.len;
			text = sb_take(&b);
		} else if (!(text = read_file(args[i], &len))) {
			fprintf(stderr, "%s: cannot read: %s\n", args[i],
			    read_file_error(errno));
			return EXIT_NOINPUT;
		}
		int st = print_rendered(text, len, r);
		free(text);
		if (st)
			return st;
	}
	return 0;
}

static int
cmd_list(const struct guide *g, char **args, int n)
{
	const char *what = n ? args[0] : "stories";
	if (strcmp(what, "stories") == 0) {
		for (size_t i = 0; i < g->nstories; i++) {
			const struct story *s = g->stories[i];
			strbuf b = {0};
			sb_add_safe(&b, s->title, strlen(s->title));
			printf("%s\t%s\t%s\n", s->id, s->kind, b.s);
			sb_free(&b);
		}
	} else if (strcmp(what, "nodes") == 0) {
		for (size_t i = 0; i < g->nnodes; i++)
			printf("%s\t%s\t%s\n", g->nodes[i]->id,
			    g->nodes[i]->stage->id, g->nodes[i]->path->id);
	} else if (strcmp(what, "paths") == 0) {
		for (size_t i = 0; i < g->npaths; i++) {
			strbuf b = {0};
			sb_add_safe(&b, g->paths[i]->title,
			    strlen(g->paths[i]->title));
			printf("%s\t%zu nodes\t%s\n", g->paths[i]->id,
			    g->paths[i]->nnodes, b.s);
			sb_free(&b);
		}
	} else {
		return usage_error("list what? '%s': expected stories, nodes "
		    "or paths", what);
	}
	return 0;
}

static int
cmd_show(const struct guide *g, char **args, int n,
    const struct render_opts *r, const char *upstream)
{
	bool original = n == 2 && strcmp(args[0], "--original") == 0;
	if (original)
		args++, n--;
	if (n != 1)
		return usage_error("%s", "show needs one story ID");
	const struct story *s = guide_story(g, args[0]);
	if (!s) {
		fprintf(stderr, "asyncpath: no story has the id '%s'\n",
		    args[0]);
		return EXIT_DATA;
	}
	strbuf md = {0};
	if (original && !view_original(s, upstream, &md)) {
		/* the hint is the answer: plain, on stderr, exit 66 */
		struct render_opts plain = {r->width, false, false};
		strbuf out = {0};
		render_markdown(md.s, md.len, &plain, &out);
		fprintf(stderr, "asyncpath: %s", out.s);
		sb_free(&out);
		sb_free(&md);
		return EXIT_NOINPUT;
	}
	if (!original)
		view_story(s, &md);
	int st = print_rendered(md.s, md.len, r);
	sb_free(&md);
	return st;
}

/* Parses a non-negative number option value; -1 when malformed. */
static long
number_arg(const char *v)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	return *v && !*end && !errno && n >= 0 ? n : -1;
}

static int
cmd_check(const struct guide *g, char **args, int n)
{
	struct check_opts co = {10000, 1, 4000000};
	bool strict = false;
	for (int i = 0; i < n; i++) {
		long v;
		if (strcmp(args[i], "--strict") == 0) {
			strict = true;
		} else if ((strcmp(args[i], "--walks") == 0 ||
		    strcmp(args[i], "--seed") == 0) && i + 1 < n) {
			if ((v = number_arg(args[i + 1])) < 0)
				return usage_error("'%s': expected a number",
				    args[i + 1]);
			if (args[i][2] == 'w')
				co.walks = (unsigned long)v;
			else
				co.seed = (unsigned long)v;
			i++;
		} else {
			return usage_error("check: unexpected '%s'", args[i]);
		}
	}
	diag_list *d = diag_new();
	check_guide(g, &co, d, stdout);
	diag_sort(d);
	fflush(stdout);
	diag_print(d, stderr);
	size_t errors = diag_count(d, DIAG_ERROR);
	size_t warnings = diag_count(d, DIAG_WARNING);
	printf("%zu errors, %zu warnings\n", errors, warnings);
	diag_free(d);
	if (errors)
		return EXIT_DATA;
	return strict && warnings ? EXIT_FAILURE_ : 0;
}

static int
cmd_graph(const struct guide *g, char **args, int n)
{
	const char *fmt = "text";
	if (n == 2 && strcmp(args[0], "--format") == 0)
		fmt = args[1];
	else if (n != 0)
		return usage_error("%s", "graph takes --format json|dot|text");
	if (strcmp(fmt, "json") == 0)
		export_json(g, stdout);
	else if (strcmp(fmt, "dot") == 0)
		export_dot(g, stdout);
	else if (strcmp(fmt, "text") == 0)
		export_text(g, stdout);
	else
		return usage_error("unknown graph format '%s': expected json, "
		    "dot or text", fmt);
	return 0;
}

static int
cmd_play(const struct guide *g, const struct options *o,
    const struct render_opts *r)
{
	const struct path *p = guide_default_path(g);
	if (o->path && !(p = guide_path(g, o->path))) {
		fprintf(stderr, "asyncpath: no path has the id '%s'; "
		    "'asyncpath list paths' shows them\n", o->path);
		return EXIT_USAGE;
	}
	struct repl_opts ro = {*r, NULL, isatty(STDIN_FILENO), !o->no_pager,
	    o->upstream};
	char *hist = ro.interactive ? repl_history_path() : NULL;
	ro.history = hist;
	struct walk *w = walk_new(g, p);
	int status = repl_run(w, &ro);
	walk_free(w);
	free(hist);
	return status;
}

int
main(int argc, char **argv)
{
	struct options o = {0};
	setlocale(LC_CTYPE, "");
	/* Global options may stand anywhere; what is left is the command and
	 * its arguments (options the command itself takes among them). */
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int nrest = 0;
	bool dashdash = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (dashdash || a[0] != '-' || !a[1]) {
			rest[nrest++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			dashdash = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			free(rest);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			puts("asyncpath " ASYNCPATH_VERSION);
			free(rest);
			return 0;
		} else if (strcmp(a, "--plain") == 0) {
			o.plain = true;
		} else if (strcmp(a, "--no-color") == 0 ||
		    strcmp(a, "--no-colour") == 0) {
			o.no_color = true;
		} else if (strcmp(a, "--color") == 0 ||
		    strcmp(a, "--colour") == 0) {
			o.color = true;
		} else if (strcmp(a, "--no-pager") == 0) {
			o.no_pager = true;
		} else if (strcmp(a, "--upstream") == 0 && i + 1 < argc) {
			o.upstream = argv[++i];
		} else if (strcmp(a, "--data") == 0 ||
		    strcmp(a, "--path") == 0 || strcmp(a, "--width") == 0) {
			if (i + 1 >= argc) {
				free(rest);
				return usage_error("%s needs a value", a);
			}
			const char *v = argv[++i];
			if (a[2] == 'd') {
				o.data = v;
			} else if (a[2] == 'p') {
				o.path = v;
			} else {
				char *end;
				long n = strtol(v, &end, 10);
				if (*end || n < 20 || n > 1000) {
					free(rest);
					return usage_error("--width '%s': "
					    "expected a number from 20 to "
					    "1000", v);
				}
				o.width = (int)n;
			}
		} else if (nrest > 0) {
			rest[nrest++] = argv[i]; /* the command's own */
		} else {
			free(rest);
			return usage_error("unknown option '%s'", a);
		}
	}
	if (!o.upstream && getenv("ASYNCPATH_UPSTREAM") &&
	    *getenv("ASYNCPATH_UPSTREAM"))
		o.upstream = getenv("ASYNCPATH_UPSTREAM");
	const char *cmd = nrest ? rest[0] : "play";
	char **args = nrest ? rest + 1 : rest;
	int nargs = nrest ? nrest - 1 : 0;
	struct render_opts r = render_options(&o);
	use_pager = !o.no_pager;

	if (strcmp(cmd, "render") == 0) {
		int st = cmd_render(args, nargs, &r);
		free(rest);
		return st;
	}
	if (strcmp(cmd, "play") && strcmp(cmd, "list") &&
	    strcmp(cmd, "show") && strcmp(cmd, "check") &&
	    strcmp(cmd, "graph")) {
		free(rest);
		return usage_error("unknown command '%s'", cmd);
	}

	char *data = find_data(&o);
	diag_list *d = diag_new();
	struct guide *g = guide_load(data, d);
	int status;
	if (!g) {
		diag_print(d, stderr);
		status = diag_status(d);
	} else if (strcmp(cmd, "list") == 0) {
		status = cmd_list(g, args, nargs);
	} else if (strcmp(cmd, "check") == 0) {
		status = cmd_check(g, args, nargs);
	} else if (strcmp(cmd, "graph") == 0) {
		status = cmd_graph(g, args, nargs);
	} else if (strcmp(cmd, "show") == 0) {
		status = cmd_show(g, args, nargs, &r, o.upstream);
	} else if (nargs) {
		status = usage_error("play takes no arguments, found '%s'",
		    args[0]);
	} else {
		status = cmd_play(g, &o, &r);
	}
	guide_free(g);
	diag_free(d);
	free(data);
	free(rest);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "asyncpath: cannot write the output: %s\n",
		    strerror(errno));
		return EXIT_IO;
	}
	return status;
}
