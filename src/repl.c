/*
 * repl: see include/repl.h.  As in Lua's lua.c, line input sits behind a
 * few small functions with a plain fallback when stdin is not a terminal,
 * and the SIGINT handler only sets a flag; readline's signal-event hook
 * then clears the line.
 */
#include "repl.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "pager.h"
#include "view.h"

static bool cmd_look(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_back(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_stories(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_read(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_trail(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_map(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_help(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_quit(struct walk *, const struct repl_opts *, const char *,
    strbuf *);

/* The walk's commands, sorted by name (help lists them in this order). */
static const struct repl_command commands[] = {
	{"back", "", "Undo your last choice (and what it set), as far as the "
	    "start.", NULL, NULL, cmd_back},
	{"help", "[COMMAND]", "List the commands, or explain one.", NULL,
	    "@command", cmd_help},
	{"look", "", "Show where you are again.", NULL, NULL, cmd_look},
	{"map", "", "Show the stages: where you are and where you have "
	    "been.", NULL, NULL, cmd_map},
	{"quit", "", "Leave the walk (Ctrl-D does the same).", NULL, NULL,
	    cmd_quit},
	{"read", "[--original] ID", "Read a story card, e.g. `read "
	    "alan-builds-a-cache`; Tab completes the id. With --original, "
	    "read the original page (needs --upstream DIR).", NULL, "@story",
	    cmd_read},
	{"stories", "", "List the stories linked here, with a line on each.",
	    NULL, NULL, cmd_stories},
	{"trail", "", "Show the path you have taken so far.", NULL, NULL,
	    cmd_trail},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

const struct repl_command *
repl_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

static bool
cmd_look(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)arg;
	view_node(w, md);
	return true;
}

static bool
cmd_back(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)arg;
	if (!walk_back(w))
		sb_puts(md, "You are at the start: there is nothing to undo.\n");
	else
		view_node(w, md);
	return true;
}

static bool
cmd_stories(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)arg;
	view_stories(w, md);
	return true;
}

static bool
cmd_read(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	if (!*arg) {
		sb_puts(md, "Read which story? Type `read ID`; `stories` "
		    "lists the ones here.\n");
		return true;
	}
	bool original = strncmp(arg, "--original", 10) == 0 &&
	    (arg[10] == ' ' || arg[10] == '\0');
	if (original)
		for (arg += 10; *arg == ' '; arg++)
			;
	const struct story *s = guide_story(walk_guide(w), arg);
	if (!s) {
		sb_puts(md, "No story has the id `");
		sb_add_safe(md, arg, strlen(arg));
		sb_puts(md, "`. Type `stories` to list the ones here, or press "
		    "Tab after `read ` to complete an id.\n");
		return true;
	}
	walk_mark_read(w, s);
	if (original)
		view_original(s, o->upstream, md);
	else
		view_story(s, md);
	return true;
}

static bool
cmd_trail(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)arg;
	view_trail(w, md);
	return true;
}

static bool
cmd_map(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)arg;
	view_map(w, md);
	return true;
}

/* "`name args`: summary", and the long help when asked for it. */
static void
command_line(const struct repl_command *c, bool full, strbuf *md)
{
	sb_printf(md, "`%s%s%s`: %s\n", c->name, *c->args ? " " : "", c->args,
	    c->summary);
	if (full && c->help)
		sb_printf(md, "\n%s\n", c->help);
}

static bool
cmd_help(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)w;
	for (size_t i = 0; *arg && i < NCOMMANDS; i++)
		if (strcmp(arg, commands[i].name) == 0) {
			command_line(&commands[i], true, md);
			return true;
		}
	if (*arg)
		sb_puts(md, "There is no such command. ");
	sb_puts(md, "Type the number or the id of a choice to take it. "
	    "Commands:\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		sb_puts(md, "- ");
		command_line(&commands[i], false, md);
	}
	return true;
}

static bool
cmd_quit(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)w, (void)arg, (void)md;
	return false;
}

/* Parses a choice number; -1 when s is not a plain positive number. */
static long
choice_number(const char *s)
{
	char *end;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno)
		return -1;
	return v;
}

bool
repl_eval(struct walk *w, const struct repl_opts *o, const char *line,
    strbuf *md)
{
	while (*line == ' ' || *line == '\t')
		line++;
	size_t len = strlen(line);
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
	    line[len - 1] == '\r'))
		len--;
	if (len == 0)
		return true;
	char *cmd = xstrndup(line, len);
	char *arg = cmd + strcspn(cmd, " \t");
	if (*arg)
		*arg++ = '\0';
	while (*arg == ' ' || *arg == '\t')
		arg++;
	bool go = true;
	long k = choice_number(cmd);
	if (k >= 0) {
		size_t n = walk_offered(w, NULL, 0);
		if (k >= 1 && (size_t)k <= n && walk_take(w, (size_t)k - 1))
			view_node(w, md);
		else if (n == 0)
			sb_puts(md, "There is no choice to take here. Type "
			    "`back` or `quit`.\n");
		else
			sb_printf(md, "There is no choice %ld here: type a "
			    "number from 1 to %zu.\n", k, n);
		free(cmd);
		return true;
	}
	size_t i = 0;
	while (i < NCOMMANDS && strcmp(cmd, commands[i].name) != 0)
		i++;
	if (i < NCOMMANDS) {
		go = commands[i].run(w, o, arg, md);
	} else if (strcmp(cmd, "exit") == 0 || strcmp(cmd, "q") == 0) {
		go = false;
	} else if (!*arg && walk_take_id(w, cmd)) {
		view_node(w, md);
	} else if (!*arg && guide_choice(walk_node(w), cmd)) {
		sb_puts(md, "Choice `");
		sb_add_safe(md, cmd, strlen(cmd));
		sb_puts(md, "` is not offered in this walk here: its condition "
		    "does not hold.\n");
	} else {
		sb_puts(md, "Unknown command `");
		sb_add_safe(md, cmd, strlen(cmd));
		sb_puts(md, "`: type a choice number or id, or `help` for "
		    "the commands.\n");
	}
	free(cmd);
	return go;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends to *out the ids (nv of them, the i-th from at) that start with
 * prefix. */
static void
add_matches(char ***out, size_t *n, size_t *cap, const char *prefix,
    const char *(*at)(const void *v, size_t i), const void *v, size_t nv)
{
	size_t pl = strlen(prefix);
	for (size_t i = 0; i < nv; i++) {
		const char *s = at(v, i);
		if (strncmp(s, prefix, pl) == 0)
			VEC_PUSH(*out, *n, *cap, xstrdup(s));
	}
}

static const char *
story_at(const void *v, size_t i)
{
	return ((const struct guide *)v)->stories[i]->id;
}

static const char *
path_at(const void *v, size_t i)
{
	return ((const struct guide *)v)->paths[i]->id;
}

static const char *
node_at(const void *v, size_t i)
{
	return ((const struct guide *)v)->nodes[i]->id;
}

static const char *
command_at(const void *v, size_t i)
{
	return ((const struct repl_command *)v)[i].name;
}

char **
repl_ids(const struct guide *g, const char *kind, const char *prefix)
{
	char **out = NULL;
	size_t n = 0, cap = 0;
	if (strcmp(kind, "command") == 0)
		add_matches(&out, &n, &cap, prefix, command_at, commands,
		    NCOMMANDS);
	else if (g && strcmp(kind, "story") == 0)
		add_matches(&out, &n, &cap, prefix, story_at, g, g->nstories);
	else if (g && strcmp(kind, "path") == 0)
		add_matches(&out, &n, &cap, prefix, path_at, g, g->npaths);
	else if (g && strcmp(kind, "node") == 0)
		add_matches(&out, &n, &cap, prefix, node_at, g, g->nnodes);
	if (n > 1)
		qsort(out, n, sizeof *out, cmp_str);
	VEC_PUSH(out, n, cap, NULL);
	return out;
}

char **
repl_complete(const struct guide *g, const char *line, int start)
{
	const char *word = line + start;
	/* the first word of the line, and whether we complete it */
	const char *p = line;
	while (*p == ' ')
		p++;
	size_t fl = strcspn(p, " ");
	if (p + fl >= word)
		return repl_ids(g, "command", word);
	const char *spec = NULL;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strlen(commands[i].name) == fl &&
		    strncmp(p, commands[i].name, fl) == 0)
			spec = commands[i].complete;
	/* the command's one argument, after its options; nothing after it */
	const char *q = p + fl;
	for (;;) {
		while (*q == ' ')
			q++;
		if (q == word || strncmp(q, "--", 2) != 0)
			break;
		q += strcspn(q, " ");
	}
	if (!spec || *spec != '@' || q != word)
		return repl_ids(g, "", word);
	return repl_ids(g, spec + 1, word);
}

char *
repl_history_path(void)
{
	const char *e = getenv("ASYNCPATH_HISTORY");
	if (e && *e)
		return xstrdup(e);
	e = getenv("XDG_STATE_HOME");
	if (e && *e == '/')
		return xasprintf("%s/asyncpath/history", e);
	e = getenv("HOME");
	if (e && *e)
		return xasprintf("%s/.local/state/asyncpath/history", e);
	return NULL;
}

/* Creates the folders above file (like mkdir -p); errors are ignored,
 * since a walk without saved history is still a walk. */
static void
make_parents(const char *file)
{
	char *d = xstrdup(file);
	for (char *s = d + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(d, 0700);
			*s = '/';
		}
	free(d);
}

/* Renders md to stdout (long answers through the pager) and empties it. */
static void
show(strbuf *md, const struct repl_opts *o)
{
	if (!md->len)
		return;
	strbuf out = {0};
	render_markdown(md->s, md->len, &o->render, &out);
	sb_putc(&out, '\n'); /* a blank line after each answer */
	pager_write(out.s, out.len, o->pager);
	sb_free(&out);
	md->len = 0;
	md->s[0] = '\0';
}

/* --- line input: readline on a terminal, getline otherwise --- */

static const struct guide *complete_guide;
static char **complete_list;
static volatile sig_atomic_t got_sigint;
static int read_errno; /* why input ended, when it was an error */

static char *
complete_next(const char *text, int state)
{
	static size_t i;
	(void)text;
	if (!state)
		i = 0;
	return complete_list && complete_list[i] ?
	    xstrdup(complete_list[i++]) : NULL;
}

static char **
complete_hook(const char *text, int start, int end)
{
	(void)text, (void)end;
	rl_attempted_completion_over = 1; /* no file names */
	if (complete_list) {
		for (size_t i = 0; complete_list[i]; i++)
			free(complete_list[i]);
		free(complete_list);
	}
	complete_list = repl_complete(complete_guide, rl_line_buffer, start);
	return rl_completion_matches(text, complete_next);
}

static void
on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

/* Ctrl-C: a fresh, empty line. */
static void
clear_line(void)
{
	got_sigint = 0;
	rl_replace_line("", 0);
	rl_crlf();
	rl_on_new_line();
	rl_redisplay();
}

/*
 * readline's getc.  SIGINT stays blocked except inside pselect, which
 * unblocks it atomically: a Ctrl-C that lands while readline is busy
 * echoing or redrawing is seen before the next wait instead of being
 * lost until some later key.
 */
static int
input_getc(FILE *in)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	sigdelset(&old, SIGINT);
	int fd = fileno(in), c = EOF;
	for (;;) {
		if (got_sigint) {
			clear_line();
			continue;
		}
		fd_set r;
		FD_ZERO(&r);
		FD_SET(fd, &r);
		if (pselect(fd + 1, &r, NULL, NULL, NULL, &old) < 0) {
			if (errno == EINTR)
				continue;
			read_errno = errno;
			break;
		}
		unsigned char ch;
		ssize_t n = read(fd, &ch, 1);
		if (n == 1) {
			c = ch;
			break;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			read_errno = errno;
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return c;
}

static void
input_init(const struct repl_opts *o, const struct guide *g)
{
	if (!o->interactive)
		return;
	rl_readline_name = "asyncpath";
	rl_attempted_completion_function = complete_hook;
	rl_basic_word_break_characters = " \t";
	complete_guide = g;
	rl_catch_signals = 0;
	rl_getc_function = input_getc;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL); /* no SA_RESTART: read sees EINTR */
	if (o->history) {
		using_history();
		read_history(o->history);
	}
}

/* Reads a line; NULL at end of input. Caller frees. */
static char *
input_read(const struct repl_opts *o)
{
	if (o->interactive) {
		const char *prompt = o->render.color ?
		    "\001\033[1;36m\002asyncpath>\001\033[0m\002 " :
		    "asyncpath> ";
		got_sigint = 0; /* a Ctrl-C meant for the pager */
		return readline(prompt);
	}
	char *line = NULL;
	size_t cap = 0;
	errno = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		if (ferror(stdin))
			read_errno = errno ? errno : EIO;
		free(line);
		return NULL;
	}
	if (n && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

/* Adds line, without its outer blanks, to the history and its file. */
static void
input_remember(const struct repl_opts *o, const char *raw)
{
	if (!o->interactive)
		return;
	while (*raw == ' ' || *raw == '\t')
		raw++;
	size_t n = strlen(raw);
	while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t'))
		n--;
	if (!n)
		return;
	char *line = xstrndup(raw, n);
	HIST_ENTRY *last = history_length ?
	    history_get(history_base + history_length - 1) : NULL;
	if (last && strcmp(last->line, line) == 0) {
		free(line);
		return;
	}
	add_history(line);
	free(line);
	if (o->history) {
		make_parents(o->history);
		FILE *f = fopen(o->history, "a");
		if (f)
			fclose(f);
		append_history(1, o->history);
		history_truncate_file(o->history, 1000);
	}
}

static void
input_done(const struct repl_opts *o)
{
	if (!o->interactive)
		return;
	if (complete_list) {
		for (size_t i = 0; complete_list[i]; i++)
			free(complete_list[i]);
		free(complete_list);
		complete_list = NULL;
	}
	clear_history();
	rl_clear_history();
}

int
repl_run(struct walk *w, const struct repl_opts *o)
{
	strbuf md = {0};
	input_init(o, walk_guide(w));
	view_node(w, &md);
	show(&md, o);
	for (;;) {
		char *line = input_read(o);
		if (!line) {
			if (o->interactive)
				putchar('\n');
			break;
		}
		input_remember(o, line);
		bool go = repl_eval(w, o, line, &md);
		free(line);
		show(&md, o);
		if (!go)
			break;
	}
	input_done(o);
	sb_free(&md);
	if (read_errno) {
		fprintf(stderr, "asyncpath: cannot read the input: %s\n",
		    strerror(read_errno));
		return EXIT_IO;
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK_ : EXIT_IO;
}
