/*
 * cli: see include/cli.h.  One getopt_long loop in RETURN_IN_ORDER mode
 * (a leading '-' in the option string): global options are known from the
 * start, and once the command's name is read its own options join them, so
 * both may stand anywhere after it.  Help and completion walk the same
 * tables.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark.h>
#include <jansson.h>
#include <readline/readline.h>
#include <utf8proc.h>
#include <yaml.h>

#include "diag.h"
#include "load.h"
#include "pager.h"
#include "repl.h"
#include "util.h"

enum {
	OPT_DATA = 256,
	OPT_PATH,
	OPT_WIDTH,
	OPT_PLAIN,
	OPT_NO_COLOR,
	OPT_COLOR,
	OPT_NO_PAGER,
	OPT_UPSTREAM,
	OPT_HELP,
	OPT_VERSION,
	OPT_SESSION,
	OPT_NEW,
	OPT_ROOM,
	OPT_NAME,
	OPT_CMD = 0x10000 /* + index in the command's options */
};

static const struct cli_option global_opts[] = {
    {"data", required_argument, OPT_DATA, "DIR",
        "the data folder (paths/ and stories/)", ":dir"},
    {"path", required_argument, OPT_PATH, "ID",
        "walk this path instead of the default one", "@path"},
    {"width", required_argument, OPT_WIDTH, "N", "wrap text at N columns",
        NULL},
    {"plain", no_argument, OPT_PLAIN, NULL,
        "pure text: no colour, no decoration", NULL},
    {"no-color", no_argument, OPT_NO_COLOR, NULL,
        "no colour (so does NO_COLOR or TERM=dumb)", NULL},
    {"no-colour", no_argument, OPT_NO_COLOR, NULL, NULL, NULL},
    {"color", no_argument, OPT_COLOR, NULL, "colour even when not a terminal",
        NULL},
    {"colour", no_argument, OPT_COLOR, NULL, NULL, NULL},
    {"no-pager", no_argument, OPT_NO_PAGER, NULL,
        "never page long stories through $PAGER", NULL},
    {"upstream", required_argument, OPT_UPSTREAM, "DIR",
        "a wg-async checkout, to read originals (read --original ID; "
        "or ASYNCPATH_UPSTREAM)",
        ":dir"},
    {"session", required_argument, OPT_SESSION, "NAME",
        "resume the saved walk NAME, or start it (a NAME with a '/' is "
        "a file)",
        "@session"},
    {"new", no_argument, OPT_NEW, NULL,
        "start the session afresh (the old one is kept as NAME.1.json)", NULL},
    {"room", required_argument, OPT_ROOM, "URL",
        "send the session to the facilitator's room at URL after every "
        "save (asyncpath room prints it)",
        NULL},
    {"name", required_argument, OPT_NAME, "NAME",
        "your name, for the facilitator's report (with --room on a "
        "terminal, asked when not given)",
        NULL},
    {"help", no_argument, OPT_HELP, NULL,
        "this help, or a command's (asyncpath CMD --help)", NULL},
    {"version", no_argument, OPT_VERSION, NULL,
        "the version, and the libraries' it runs with", NULL},
    {0},
};

struct global {
	const char *data, *path, *upstream, *session, *room, *name;
	int width;
	bool plain, no_color, color, no_pager, fresh;
};

int
cli_usage_error(const char *fmt, const char *arg)
{
	fputs("asyncpath: ", stderr);
	diag_say(stderr, fmt, arg);
	fputs("\nTry 'asyncpath --help'.\n", stderr);
	return EXIT_USAGE;
}

int
cli_unknown_id(const struct cli *c, const char *kind, const char *noun,
    const char *id, const char *hint)
{
	strbuf b = {0};
	size_t len = strlen(id);
	sb_add_safe(&b, id, len > 60 ? 60 : len);
	if (len > 60)
		sb_puts(&b, "\xE2\x80\xA6");
	diag_say(stderr, "asyncpath: no %s has the id '%s'", noun, b.s);
	sb_free(&b);
	char **near = repl_closest(c->g, kind, id, 3);
	for (size_t i = 0; near[i]; i++) {
		diag_say(stderr, "%s'%s'",
		    i == 0            ? " (did you mean "
		        : near[i + 1] ? ", "
		                      : " or ",
		    near[i]);
		free(near[i]);
	}
	fputs(near[0] ? "?)" : "", stderr);
	free(near);
	if (hint)
		diag_say(stderr, "; %s", hint);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int
cli_print_markdown(const struct cli *c, const char *md, size_t len)
{
	strbuf out = {0};
	render_markdown(md, len, &c->render, &out);
	int st = pager_write(out.s ? out.s : "", out.len, c->pager);
	sb_free(&out);
	return st == PAGER_ERROR ? EXIT_IO : 0;
}

static size_t
count_opts(const struct cli_option *o)
{
	size_t n = 0;
	while (o && o[n].name)
		n++;
	return n;
}

/* Options that help shows. */
static size_t
count_visible(const struct cli_option *o)
{
	size_t n = 0;
	for (size_t i = 0; o && o[i].name; i++)
		n += o[i].help != NULL;
	return n;
}

static const struct cli_command *
find_command(const struct cli_program *p, const char *name)
{
	for (size_t i = 0; i < p->ncmds; i++)
		if (strcmp(p->cmds[i].name, name) == 0)
			return &p->cmds[i];
	return NULL;
}

/* The getopt_long table: the global options, then cmd's (may be NULL). */
static struct option *
getopt_table(const struct cli_command *cmd)
{
	size_t ng = count_opts(global_opts);
	size_t nc = cmd ? count_opts(cmd->opts) : 0;
	struct option *t = xcalloc(ng + nc + 1, sizeof *t);
	for (size_t i = 0; i < ng; i++)
		t[i] = (struct option){global_opts[i].name,
		    global_opts[i].has_arg, NULL, global_opts[i].val};
	for (size_t i = 0; i < nc; i++)
		t[ng + i] = (struct option){cmd->opts[i].name,
		    cmd->opts[i].has_arg, NULL, OPT_CMD + (int)i};
	return t;
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
find_data(const char *given, const char *datadir)
{
	if (given)
		return xstrdup(given);
	const char *e = getenv("ASYNCPATH_DATA");
	if (e && *e)
		return xstrdup(e);
	if (has_paths(datadir))
		return xstrdup(datadir);
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
	return xstrdup(datadir);
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
	if (tp &&
	    (strcmp(tp, "iTerm.app") == 0 || strcmp(tp, "WezTerm") == 0 ||
	        strcmp(tp, "vscode") == 0))
		return true;
	if (getenv("VTE_VERSION") && atoi(getenv("VTE_VERSION")) >= 5000)
		return true;
	return getenv("KITTY_WINDOW_ID") ||
	    (term &&
	        (strstr(term, "kitty") || strstr(term, "foot") ||
	            strstr(term, "wezterm")));
}

static struct render_opts
render_options(const struct global *o)
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

/* --- help, from the tables --- */

/* "  LEFT   help", the help starting at column 23 (or on the next line
 * when LEFT is too wide). */
static void
help_row(strbuf *b, const char *left, const char *help)
{
	if (strlen(left) > 19)
		sb_printf(b, "  %s\n%23s", left, "");
	else
		sb_printf(b, "  %-21s", left);
	/* the help, wrapped at 79 columns */
	size_t col = 23;
	for (const char *s = help; *s;) {
		size_t n = strcspn(s, " ");
		if (col > 23 && col + 1 + n > 79) {
			sb_printf(b, "\n%23s", "");
			col = 23;
		} else if (col > 23) {
			sb_putc(b, ' ');
			col++;
		}
		sb_add(b, s, n);
		col += n;
		s += n;
		while (*s == ' ')
			s++;
	}
	sb_putc(b, '\n');
}

static void
options_help(strbuf *b, const struct cli_option *o)
{
	for (size_t i = 0; o && o[i].name; i++) {
		if (!o[i].help)
			continue;
		char *left = xasprintf("--%s%s%s", o[i].name,
		    o[i].arg ? " " : "", o[i].arg ? o[i].arg : "");
		help_row(b, left, o[i].help);
		free(left);
	}
}

static int
print_usage(const struct cli_program *p)
{
	strbuf b = {0};
	sb_puts(&b,
	    "usage: asyncpath [OPTIONS] [COMMAND [ARGS]]\n\n"
	    "Walk through where async Rust hurts, stage by stage, and read "
	    "the\nstories that show each pain point.\n\ncommands:\n");
	for (size_t i = 0; i < p->ncmds; i++)
		if (!(p->cmds[i].flags & CLI_HIDDEN))
			help_row(&b, p->cmds[i].usage, p->cmds[i].summary);
	sb_puts(&b, "\noptions:\n");
	options_help(&b, global_opts);
	sb_puts(&b,
	    "\n'asyncpath help COMMAND' explains a command; in the "
	    "walk, type 'help'.\n");
	fputs(b.s, stdout);
	sb_free(&b);
	return 0;
}

/* A command's help as Markdown: usage, summary, long help, options. */
static void
command_help(const struct cli_command *cmd, strbuf *md)
{
	sb_printf(md, "usage: `asyncpath %s`\n\n", cmd->usage);
	sb_printf(md, "%c%s.\n\n",
	    cmd->summary[0] >= 'a' && cmd->summary[0] <= 'z'
	        ? cmd->summary[0] - 'a' + 'A'
	        : cmd->summary[0],
	    cmd->summary + 1);
	if (cmd->help)
		sb_printf(md, "%s\n\n", cmd->help);
	if (count_visible(cmd->opts)) {
		sb_puts(md, "Options:\n\n");
		for (size_t i = 0; cmd->opts[i].name; i++)
			if (cmd->opts[i].help)
				sb_printf(md, "- `--%s%s%s`: %s\n",
				    cmd->opts[i].name,
				    cmd->opts[i].arg ? " " : "",
				    cmd->opts[i].arg ? cmd->opts[i].arg : "",
				    cmd->opts[i].help);
		sb_puts(md, "\n");
	}
	sb_puts(md,
	    "The global options (`asyncpath --help`) work here "
	    "too.\n");
}

static void
walk_command_help(const struct repl_command *rc, strbuf *md)
{
	sb_printf(md, "In the walk: `%s%s%s`\n\n%s\n\n", rc->name,
	    *rc->args ? " " : "", rc->args, rc->summary);
	if (rc->help)
		sb_printf(md, "%s\n", rc->help);
}

/* Every command, walk command and option as Markdown (for the man page). */
static void
markdown_manual(const struct cli *c, strbuf *md)
{
	sb_puts(md, "## COMMANDS\n\n");
	for (size_t i = 0; i < c->ncmds; i++) {
		const struct cli_command *cmd = &c->cmds[i];
		if (cmd->flags & CLI_HIDDEN)
			continue;
		sb_printf(md, "### asyncpath %s\n\n%s.\n\n", cmd->usage,
		    cmd->summary);
		if (cmd->help)
			sb_printf(md, "%s\n\n", cmd->help);
		for (size_t k = 0; cmd->opts && cmd->opts[k].name; k++)
			if (cmd->opts[k].help)
				sb_printf(md, "- `--%s%s%s`: %s\n",
				    cmd->opts[k].name,
				    cmd->opts[k].arg ? " " : "",
				    cmd->opts[k].arg ? cmd->opts[k].arg : "",
				    cmd->opts[k].help);
		if (count_visible(cmd->opts))
			sb_puts(md, "\n");
	}
	sb_puts(md, "## OPTIONS\n\n");
	for (size_t k = 0; global_opts[k].name; k++)
		if (global_opts[k].help)
			sb_printf(md, "- `--%s%s%s`: %s\n", global_opts[k].name,
			    global_opts[k].arg ? " " : "",
			    global_opts[k].arg ? global_opts[k].arg : "",
			    global_opts[k].help);
	sb_puts(md, "\n## WALK COMMANDS\n\n");
	size_t n;
	const struct repl_command *rc = repl_commands(&n);
	for (size_t i = 0; i < n; i++) {
		sb_printf(md, "### %s%s%s\n\n%s\n\n", rc[i].name,
		    *rc[i].args ? " " : "", rc[i].args, rc[i].summary);
		if (rc[i].help)
			sb_printf(md, "%s\n\n", rc[i].help);
	}
}

const struct cli_option cli_help_opts[] = {
    /* hidden: for the build (the man page), not for people */
    {"markdown", no_argument, 'm', NULL, NULL, NULL},
    {0},
};

int
cli_cmd_help(const struct cli *c, const struct cli_args *a)
{
	strbuf md = {0};
	if (a->nopt) {
		markdown_manual(c, &md);
		fputs(md.s, stdout);
		sb_free(&md);
		return 0;
	}
	if (a->argc > 1)
		return cli_usage_error("%s", "help takes one COMMAND");
	if (a->argc == 0) {
		struct cli_program p = {c->cmds, c->ncmds, NULL, NULL, NULL};
		return print_usage(&p);
	}
	const char *name = a->argv[0];
	for (size_t i = 0; i < c->ncmds; i++)
		if (strcmp(c->cmds[i].name, name) == 0)
			command_help(&c->cmds[i], &md);
	if (!md.len) {
		size_t n;
		const struct repl_command *rc = repl_commands(&n);
		for (size_t i = 0; i < n; i++)
			if (strcmp(rc[i].name, name) == 0)
				walk_command_help(&rc[i], &md);
	}
	if (!md.len)
		return cli_usage_error("no command is called '%s'", name);
	int st = cli_print_markdown(c, md.s, md.len);
	sb_free(&md);
	return st;
}

/* --- completion --- */

/* Prints what spec offers for word (see cli.h), each with prefix. */
static void
complete_spec(const struct cli *c, const struct guide *g, const char *spec,
    const char *word, const char *prefix)
{
	if (!spec)
		return;
	size_t wl = strlen(word);
	if (*spec == ':') {
		puts(spec);
	} else if (strcmp(spec, "@subcommand") == 0) {
		for (size_t k = 0; k < c->ncmds; k++)
			if (!(c->cmds[k].flags & CLI_HIDDEN) &&
			    strncmp(c->cmds[k].name, word, wl) == 0)
				printf("%s%s\n", prefix, c->cmds[k].name);
	} else if (*spec == '@') {
		char **v = repl_ids(g, spec + 1, word);
		for (size_t i = 0; v[i]; i++) {
			printf("%s%s\n", prefix, v[i]);
			free(v[i]);
		}
		free(v);
	} else {
		for (const char *s = spec; *s;) {
			size_t n = strcspn(s, "|");
			if (n >= wl && strncmp(s, word, wl) == 0)
				printf("%s%.*s\n", prefix, (int)n, s);
			s += n + (s[n] == '|');
		}
	}
}

static const struct cli_option *
find_option(const struct cli_option *o, const char *name, size_t len)
{
	for (size_t i = 0; o && o[i].name; i++)
		if (strlen(o[i].name) == len &&
		    strncmp(o[i].name, name, len) == 0)
			return &o[i];
	return NULL;
}

static void
options_matching(const struct cli_option *o, const char *word)
{
	size_t wl = strlen(word);
	for (size_t i = 0; o && o[i].name; i++) {
		char *s = xasprintf("--%s", o[i].name);
		if (o[i].help && strncmp(s, word, wl) == 0)
			puts(s);
		free(s);
	}
}

const struct cli_option cli_complete_opts[] = {
    {"commands", no_argument, 'c', NULL, "the subcommands", NULL},
    {"walk", no_argument, 'w', NULL, "the walk commands", NULL},
    {"options", no_argument, 'o', NULL, "the options (of CMD too)", NULL},
    {0},
};

/* Prints what complete's options ask for: the subcommands (-c), the walk
 * commands (-w), the options of the program and of the command in a. */
static void
complete_lists(const struct cli *c, const struct cli_args *a,
    const struct cli_program *p)
{
	for (size_t i = 0; i < a->nopt; i++) {
		if (a->opt[i].val == 'c') {
			for (size_t k = 0; k < c->ncmds; k++)
				if (!(c->cmds[k].flags & CLI_HIDDEN))
					puts(c->cmds[k].name);
		} else if (a->opt[i].val == 'w') {
			complete_spec(c, NULL, "@command", "", "");
		} else {
			options_matching(global_opts, "--");
			const struct cli_command *cmd =
			    a->argc ? find_command(p, a->argv[0]) : NULL;
			if (cmd)
				options_matching(cmd->opts, "--");
		}
	}
}

/* What the words before the last one say, read as cli_main would. */
struct typed {
	const struct cli_command *cmd;
	const struct cli_option *want; /* an option awaiting a value */
	const char *data;
	bool dashdash;
};

/* Reads the words of a before the last into t (data from c first). */
static void
read_typed(const struct cli *c, const struct cli_args *a,
    const struct cli_program *p, struct typed *t)
{
	const struct cli_command *cmd = NULL;
	const struct cli_option *want = NULL;
	const char *data = c->data;
	bool dashdash = false;
	for (int i = 0; i < a->argc - 1; i++) {
		const char *w = a->argv[i];
		if (want) {
			if (want->val == OPT_DATA)
				data = w;
			want = NULL;
		} else if (!dashdash && strcmp(w, "--") == 0) {
			dashdash = true;
		} else if (!dashdash && w[0] == '-' && w[1] == '-') {
			size_t n = strcspn(w + 2, "=");
			const struct cli_option *o =
			    find_option(global_opts, w + 2, n);
			if (!o && cmd)
				o = find_option(cmd->opts, w + 2, n);
			if (o && o->has_arg == required_argument && !w[2 + n])
				want = o;
			if (o && o->val == OPT_DATA && w[2 + n])
				data = w + 3 + n;
		} else if (!cmd && !dashdash && w[0] != '-') {
			cmd = find_command(p, w);
		} else if (!cmd && dashdash) {
			cmd = find_command(p, w);
		}
	}
	*t = (struct typed){cmd, want, data, dashdash};
}

int
cli_cmd_complete(const struct cli *c, const struct cli_args *a)
{
	struct cli_program p = {c->cmds, c->ncmds, NULL, NULL, NULL};
	complete_lists(c, a, &p);
	if (a->nopt)
		return 0;
	if (a->argc == 0)
		return cli_usage_error("%s", "complete needs the words typed");
	struct typed t;
	read_typed(c, a, &p, &t);
	const struct cli_command *cmd = t.cmd;
	const char *data = t.data;
	bool dashdash = t.dashdash;
	const char *word = a->argv[a->argc - 1];
	const struct cli_option *o = t.want;
	const char *prefix = "";
	char *pre = NULL;
	if (!o && !dashdash && strncmp(word, "--", 2) == 0 &&
	    strchr(word, '=')) {
		size_t n = strcspn(word + 2, "=");
		o = find_option(global_opts, word + 2, n);
		if (!o && cmd)
			o = find_option(cmd->opts, word + 2, n);
		if (!o)
			return 0;
		prefix = pre = xstrndup(word, n + 3);
		word += n + 3;
	}
	const char *spec = NULL;
	if (o) {
		spec = o->complete;
	} else if (!dashdash && word[0] == '-') {
		options_matching(global_opts, word);
		if (cmd)
			options_matching(cmd->opts, word);
		return 0;
	} else if (!cmd) {
		for (size_t k = 0; k < c->ncmds; k++)
			if (!(c->cmds[k].flags & CLI_HIDDEN) &&
			    strncmp(c->cmds[k].name, word, strlen(word)) == 0)
				puts(c->cmds[k].name);
		return 0;
	} else {
		spec = cmd->complete;
	}
	struct guide *g = NULL;
	if (spec && *spec == '@' && strcmp(spec, "@command") != 0 &&
	    strcmp(spec, "@subcommand") != 0) {
		diag_list *d = diag_new();
		g = guide_load(data, d); /* no guide: no ids */
		diag_free(d);
	}
	complete_spec(c, g, spec, word, prefix);
	guide_free(g);
	free(pre);
	return 0;
}

/* --- the command line --- */

/* Parses a --width value; 0 when malformed. */
static int
width_arg(const char *v)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < 20 || n > 1000)
		return 0;
	return (int)n;
}

/* Our version and, as curl --version does, the libraries' we run with
 * (read from the libraries themselves, not from their headers). */
static int
print_version(const struct cli_program *p)
{
	printf("asyncpath %s\n", p->version);
	printf("libcmark %s, libyaml %s, readline %s, jansson %s, "
	       "utf8proc %s\n",
	    cmark_version_string(), yaml_get_version_string(),
	    rl_library_version ? rl_library_version : "?",
	    jansson_version_str(), utf8proc_version());
	return 0;
}

/* asyncpath CMD --help */
static int
help_for(const struct cli_program *p, const struct global *o,
    const struct cli_command *cmd)
{
	char *name = (char *)cmd->name;
	struct cli_args a = {NULL, 0, &name, 1};
	struct cli ctx = {find_command(p, "help"), p->cmds, p->ncmds, NULL,
	    NULL, NULL, NULL, render_options(o), !o->no_pager, o->plain,
	    o->width != 0, NULL, false, NULL, NULL};
	return cli_cmd_help(&ctx, &a);
}

/* What getopt_long rejected, as our message; returns EXIT_USAGE. */
static int
option_error(int c, const char *word, int optopt_)
{
	if (c == ':')
		return cli_usage_error("%s needs a value", word);
	if (optopt_ > 0 && optopt_ < 256 && strncmp(word, "--", 2) != 0) {
		char s[3] = {'-', (char)optopt_, '\0'};
		return cli_usage_error("unknown option '%s'", s);
	}
	if (strncmp(word, "--", 2) == 0 && strchr(word, '=') && optopt_)
		return cli_usage_error("%s takes no value", word);
	return cli_usage_error("unknown option '%s'", word);
}

/* Sets the global option c (OPT_DATA to OPT_NEW) in o from arg; returns
 * -1, or the usage status for a bad value. */
static int
set_global(struct global *o, int c, const char *arg)
{
	switch (c) {
	case OPT_DATA:
		o->data = arg;
		break;
	case OPT_PATH:
		o->path = arg;
		break;
	case OPT_UPSTREAM:
		o->upstream = arg;
		break;
	case OPT_SESSION:
		o->session = arg;
		break;
	case OPT_NEW:
		o->fresh = true;
		break;
	case OPT_ROOM:
		o->room = arg;
		break;
	case OPT_NAME:
		o->name = arg;
		break;
	case OPT_WIDTH:
		if (!(o->width = width_arg(arg)))
			return cli_usage_error("--width '%s': "
			                       "expected a number "
			                       "from 20 to 1000",
			    arg);
		break;
	case OPT_PLAIN:
		o->plain = true;
		break;
	case OPT_NO_COLOR:
		o->no_color = true;
		break;
	case OPT_COLOR:
		o->color = true;
		break;
	case OPT_NO_PAGER:
		o->no_pager = true;
		break;
	}
	return -1;
}

/* Takes a word that is no option: the command if there is none yet, else
 * an argument for it (into pos); returns -1, or the usage status for an
 * unknown command. */
static int
take_word(const struct cli_program *p, const struct cli_command **cmd,
    char **pos, int *npos, char *w)
{
	if (*cmd) {
		pos[(*npos)++] = w;
		return -1;
	}
	if (!(*cmd = find_command(p, w)))
		return cli_usage_error("unknown command "
		                       "'%s'",
		    w);
	return -1;
}

/* The command line read: the global options, the command (NULL: the
 * default), its option values and its arguments (copt and pos to free). */
struct parsed {
	struct global o;
	const struct cli_command *cmd;
	struct cli_opt_value *copt;
	size_t ncopt;
	char **pos;
	int npos;
};

/* Reads argv into r; returns -1, or the exit status when the command line
 * ends the run (help, version, a usage error). */
static int
parse_args(int argc, char **argv, const struct cli_program *p, struct parsed *r)
{
	struct global o = {0};
	const struct cli_command *cmd = NULL;
	struct option *table = getopt_table(NULL);
	struct cli_opt_value *copt = NULL;
	size_t ncopt = 0, ccap = 0;
	char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
	int npos = 0, status = -1, c;
	opterr = 0;
	optind = 0; /* glibc: start afresh */
	while (status < 0 &&
	    (c = getopt_long(argc, argv, "-:ho:", table, NULL)) != -1) {
		switch (c) {
		case 1: { /* a word that is no option, in order */
			const struct cli_command *had = cmd;
			status = take_word(p, &cmd, pos, &npos, optarg);
			if (cmd != had) {
				free(table);
				table = getopt_table(cmd);
			}
			break;
		}
		case 'o': /* -o FILE: short for the command's --output */
			for (size_t i = 0;
			     cmd && cmd->opts && cmd->opts[i].name; i++)
				if (strcmp(cmd->opts[i].name, "output") == 0) {
					c = OPT_CMD + (int)i;
					break;
				}
			if (c == 'o') {
				status = option_error('?', "-o", 'o');
				break;
			}
			struct cli_opt_value ov = {cmd->opts[c - OPT_CMD].val,
			    optarg};
			VEC_PUSH(copt, ncopt, ccap, ov);
			break;
		case 'h':
		case OPT_HELP:
			status = cmd ? help_for(p, &o, cmd) : print_usage(p);
			break;
		case OPT_VERSION:
			status = print_version(p);
			break;
		case OPT_DATA:
		case OPT_PATH:
		case OPT_UPSTREAM:
		case OPT_SESSION:
		case OPT_NEW:
		case OPT_ROOM:
		case OPT_NAME:
		case OPT_WIDTH:
		case OPT_PLAIN:
		case OPT_NO_COLOR:
		case OPT_COLOR:
		case OPT_NO_PAGER:
			status = set_global(&o, c, optarg);
			break;
		case '?':
		case ':':
			status = option_error(c, argv[optind - 1], optopt);
			break;
		default: {
			struct cli_opt_value v = {cmd->opts[c - OPT_CMD].val,
			    optarg};
			VEC_PUSH(copt, ncopt, ccap, v);
			break;
		}
		}
	}
	/* after "--": every word is an argument */
	for (int i = optind; status < 0 && i < argc; i++)
		status = take_word(p, &cmd, pos, &npos, argv[i]);
	free(table);
	*r = (struct parsed){o, cmd, copt, ncopt, pos, npos};
	return status;
}

/* Runs the command r names (the default if none) with its guide loaded
 * when it needs one; returns its exit status. */
static int
run_command(const struct cli_program *p, struct parsed *r)
{
	const struct cli_command *cmd = r->cmd;
	struct global o = r->o;
	int status = -1;
	if (!cmd)
		cmd = find_command(p, p->default_cmd);
	if (!o.upstream && getenv("ASYNCPATH_UPSTREAM") &&
	    *getenv("ASYNCPATH_UPSTREAM"))
		o.upstream = getenv("ASYNCPATH_UPSTREAM");
	char *data = find_data(o.data, p->datadir);
	struct cli ctx = {cmd, p->cmds, p->ncmds, NULL, data, o.path,
	    o.upstream, render_options(&o), !o.no_pager && !o.plain, o.plain,
	    o.width != 0, o.session, o.fresh, o.room, o.name};
	struct cli_args args = {r->copt, r->ncopt, r->pos, r->npos};
	diag_list *d = NULL;
	struct guide *g = NULL;
	if (cmd->flags & CLI_GUIDE) {
		d = diag_new();
		if (!(g = guide_load(data, d))) {
			diag_print(d, stderr);
			status = diag_status(d);
		}
		ctx.g = g;
	}
	if (status < 0)
		status = cmd->run(&ctx, &args);
	guide_free(g);
	diag_free(d);
	free(data);
	return status;
}

int
cli_main(int argc, char **argv, const struct cli_program *p)
{
	struct parsed r;
	int status = parse_args(argc, argv, p, &r);
	if (status < 0)
		status = run_command(p, &r);
	free(r.copt);
	free(r.pos);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (status != EXIT_IO) /* else it was said already */
			diag_say(stderr,
			    "asyncpath: cannot write the output: "
			    "%s\n",
			    strerror(errno));
		return EXIT_IO;
	}
	return status;
}
