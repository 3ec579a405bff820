/*
 * repl: see include/repl.h.  As in Lua's lua.c, line input sits behind a
 * few small functions with a plain fallback when stdin is not a terminal,
 * and the SIGINT handler only sets a flag; readline's signal-event hook
 * then clears the line.
 */
#include "repl.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "diag.h"
#include "files.h"
#include "guide.h"
#include "pager.h"
#include "practice.h"
#include "progress.h"
#include "readwalk.h"
#include "resume.h"
#include "roomlink.h"
#include "runner.h"
#include "session.h"
#include "view.h"
#include "walk.h"

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
static bool cmd_plan(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_next(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_prev(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_search(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_quit(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_note(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_progress(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_restart(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_save(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_sessions(struct walk *, const struct repl_opts *, const char *,
    strbuf *);

static bool cmd_exercises(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_exercise(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_verify(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_hint(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_solution(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_reset(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_quiz(struct walk *, const struct repl_opts *, const char *,
    strbuf *);
static bool cmd_answer(struct walk *, const struct repl_opts *, const char *,
    strbuf *);

/* The walk's commands, sorted by name (help lists them in this order). */
static const struct repl_command commands[] = {
    {"answer", "ID...",
        "Answer the open quiz question with an option's "
        "id (several ids when more than one is right).",
        NULL, NULL, cmd_answer, false},
    {"back", "",
        "Undo your last choice (and what it set), as far as the "
        "start.",
        NULL, NULL, cmd_back, false},
    {"exercise", "ID",
        "Start an exercise: copies its broken program "
        "into your workspace and shows the task.",
        NULL, "@exercise", cmd_exercise, false},
    {"exercises", "", "List the exercises, with how far you got in each.", NULL,
        NULL, cmd_exercises, false},
    {"help", "[COMMAND]", "List the commands, or explain one.", NULL,
        "@command", cmd_help, true},
    {"hint", "[ID]", "The next hint for the exercise in hand.", NULL,
        "@exercise", cmd_hint, false},
    {"look", "", "Show where you are again.", NULL, NULL, cmd_look, false},
    {"map", "",
        "Show the stages: where you are and where you have "
        "been.",
        NULL, NULL, cmd_map, true},
    {"next", "", "Go on to the next session of the plan you are reading.", NULL,
        NULL, cmd_next, true},
    {"note", "TEXT",
        "Write a note on the place where you are; notes show "
        "in `trail` and `progress`.",
        NULL, NULL, cmd_note, false},
    {"plan", "[ID]",
        "List the reading plans, or start reading one: "
        "`plan introduction`, then `next` and `prev`.",
        NULL, "@plan", cmd_plan, true},
    {"prev", "", "Go back to the previous session of the plan.", NULL, NULL,
        cmd_prev, true},
    {"progress", "",
        "What you have seen and not seen yet, stage by "
        "stage, and the minutes read and left.",
        "Counts the places seen "
        "(even those you went `back` from) of the ones the path can reach, "
        "the pain points met and the linked stories read; lists the "
        "stories met but not opened; estimates the minutes left on the "
        "shortest way to an end, at 230 words a minute.",
        NULL, cmd_progress, true},
    {"quit", "", "Leave the walk (Ctrl-D does the same).", NULL, NULL, cmd_quit,
        false},
    {"quiz", "", "A question on this stage's pain points.", NULL, NULL,
        cmd_quiz, false},
    {"read", "[--original] ID",
        "Read a story card, e.g. `read "
        "alan-builds-a-cache`; Tab completes the id. With --original, "
        "read the original page (needs --upstream DIR).",
        "`read` alone "
        "reads the one story linked here; `read 2` the second story "
        "listed here, or, right after a search, hit 2 of it.",
        "@story", cmd_read, true},
    {"reset", "ID",
        "Put an exercise back to its start (your version is "
        "kept beside it).",
        NULL, "@exercise", cmd_reset, false},
    {"restart", "",
        "Go back to the start of the path; your notes and the "
        "stories read are kept.",
        NULL, NULL, cmd_restart, false},
    {"save", "NAME",
        "Save a copy of this walk as the session NAME; this "
        "walk goes on as it is.",
        "Resume the copy later with "
        "`asyncpath --session NAME`.",
        NULL, cmd_save, false},
    {"search", "WORDS",
        "Search the cards, the nodes and the plans, any "
        "case, accents or not; then `read N` opens hit N.",
        NULL, NULL, cmd_search, true},
    {"sessions", "",
        "List the saved sessions: path, stage, last used, "
        "share of places seen.",
        NULL, NULL, cmd_sessions, true},
    {"solution", "[ID] [yes]",
        "Show how the exercise is fixed, after "
        "asking.",
        NULL, "@exercise", cmd_solution, false},
    {"stories", "[all]",
        "List the stories linked here, with a line on "
        "each.",
        "`stories all` lists every story.", "all", cmd_stories, true},
    {"trail", "",
        "Show the path you have taken so far and the choice made at each stop.",
        NULL, NULL, cmd_trail, true},
    {"verify", "[ID]",
        "Build and run your exercise, and say whether it "
        "passes now (Ctrl-C stops it).",
        NULL, "@exercise", cmd_verify, false},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

const struct repl_command *
repl_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
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

/*
 * Appends what the user typed as a code span: through the sanitiser (so
 * no byte reaches the terminal as a control), cut at ECHO_COLUMNS display
 * columns with an ellipsis, fenced by more backticks than it holds.
 */
#define ECHO_COLUMNS 60
static void
echo_input(strbuf *md, const char *s, size_t len)
{
	strbuf b = {0};
	size_t i = 0;
	int cols = 0;
	while (i < len) {
		unsigned cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n < 1)
			n = 1;
		strbuf one = {0};
		int w = sb_add_safe(&one, s + i, (size_t)n);
		if (cols + w > ECHO_COLUMNS - 1 && i + (size_t)n < len) {
			sb_free(&one);
			sb_puts(&b, "\xE2\x80\xA6"); /* ... */
			break;
		}
		sb_add(&b, one.s, one.len);
		sb_free(&one);
		cols += w;
		i += (size_t)n;
	}
	size_t run = 0, longest = 0;
	for (size_t k = 0; k < b.len; k++) {
		run = b.s[k] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	bool pad = b.len && (b.s[0] == '`' || b.s[b.len - 1] == '`');
	for (size_t k = 0; k <= longest; k++)
		sb_putc(md, '`');
	if (pad)
		sb_putc(md, ' ');
	sb_add(md, b.s ? b.s : "", b.len);
	if (pad)
		sb_putc(md, ' ');
	for (size_t k = 0; k <= longest; k++)
		sb_putc(md, '`');
	sb_free(&b);
}

/* " Did you mean `a` or `b`?" for the ids of kind closest to word. */
static void
suggest(strbuf *md, const struct guide *g, const char *kind, const char *word)
{
	char **near = repl_closest(g, kind, word, 3);
	for (size_t i = 0; near[i]; i++) {
		sb_puts(md,
		    i == 0            ? " Did you mean `"
		        : near[i + 1] ? "`, `"
		                      : "` or `");
		sb_puts(md, near[i]);
		if (!near[i + 1])
			sb_puts(md, "`?");
		free(near[i]);
	}
	free(near);
}

static struct render_opts render_now(const struct repl_opts *o);

/* The node, the exercises that belong to it, then its choices (last, so
 * that the answer ends with them and they are not printed twice).  On a
 * terminal, a stop taller than the screen says so at its top, so that
 * whoever scrolls back to its title knows its choices are below. */
static void
show_node(const struct walk *w, const struct repl_opts *o, strbuf *md)
{
	strbuf t = {0};
	view_node_body(w, &t);
	if (o->practice)
		practice_at_node(o->practice, walk_node(w), &t);
	view_choices(w, &t);
	int rows = o->interactive ? pager_rows() : 0;
	if (rows > 0) {
		struct render_opts r = render_now(o);
		strbuf out = {0};
		render_markdown(t.s, t.len, &r, &out);
		size_t lines = 1;
		for (size_t i = 0; i < out.len; i++)
			lines += out.s[i] == '\n';
		sb_free(&out);
		if (lines + 1 > (size_t)rows)
			sb_printf(md,
			    "*A long stop (%zu lines): read on from here; the "
			    "choices are at its end.*\n\n",
			    lines + 1);
	}
	sb_add(md, t.s, t.len);
	sb_free(&t);
}

/* No practice (exercises and quizzes) in this walk: say so. */
static bool
no_practice(const struct repl_opts *o, strbuf *md)
{
	if (o->practice)
		return false;
	sb_puts(md, "Exercises and quizzes are not available in this walk.\n");
	return true;
}

static bool
cmd_exercises(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)w, (void)arg;
	if (!no_practice(o, md))
		practice_list(o->practice, md);
	return true;
}

static bool
cmd_exercise(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)w;
	if (!no_practice(o, md))
		practice_start(o->practice, arg, md);
	return true;
}

/* Said before a build starts: it can take a while, and Ctrl-C stops it.
 * The id is an exercise id (checked), our own text otherwise. */
static void
announce_verify(const char *id)
{
	printf("Building and running %s (Ctrl-C stops it)...\n", id);
	fflush(stdout);
}

/* cargo's progress while verify builds: a line per crate. */
static void
verify_progress(const char *line)
{
	strbuf b = {0};
	sb_add_safe(&b, line, strlen(line));
	printf("  %s\n", b.s ? b.s : "");
	fflush(stdout);
	sb_free(&b);
}

static bool
cmd_verify(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	if (no_practice(o, md))
		return true;
	runner_set_progress(verify_progress);
	practice_verify(o->practice, arg, walk_node(w), announce_verify, md);
	return true;
}

static bool
cmd_hint(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	if (!no_practice(o, md))
		practice_hint(o->practice, arg, walk_node(w), md);
	return true;
}

static bool
cmd_solution(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	if (no_practice(o, md))
		return true;
	/* "solution", "solution yes", "solution ID", "solution ID yes" */
	char *id = xstrdup(arg), *save = NULL;
	bool yes = false;
	const char *name = "";
	for (char *t = strtok_r(id, " \t", &save); t;
	     t = strtok_r(NULL, " \t", &save)) {
		if (strcmp(t, "yes") == 0)
			yes = true;
		else
			name = t;
	}
	practice_solution(o->practice, name, walk_node(w), yes, md);
	free(id);
	return true;
}

static bool
cmd_reset(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)w;
	if (!no_practice(o, md))
		practice_reset(o->practice, arg, md);
	return true;
}

static bool
cmd_quiz(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	(void)arg;
	if (!no_practice(o, md))
		practice_quiz(o->practice, walk_node(w)->stage, md);
	return true;
}

static bool
cmd_answer(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)w;
	if (!no_practice(o, md))
		practice_answer(o->practice, arg, md);
	return true;
}

static bool
cmd_look(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	(void)o;
	(void)arg;
	show_node(w, o, md);
	return true;
}

static bool
cmd_back(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	(void)o;
	(void)arg;
	if (!walk_back(w))
		sb_puts(md,
		    "You are at the start: there is nothing to undo.\n");
	else
		show_node(w, o, md);
	return true;
}

static bool
cmd_stories(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	if (strcmp(arg, "all") == 0)
		view_all_stories(w, md);
	else
		view_stories(w, md);
	return true;
}

static bool
cmd_read(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	bool original = strncmp(arg, "--original", 10) == 0 &&
	    (arg[10] == ' ' || arg[10] == '\0');
	if (original)
		for (arg += 10; *arg == ' '; arg++)
			;
	const struct node *n = walk_node(w);
	const struct story *s = NULL;
	long k = choice_number(arg);
	if (!*arg && n->nstories == 0) {
		sb_puts(md,
		    "No story is linked here: type `read ID` "
		    "(`stories all` lists every story).\n");
		return true;
	}
	if (!*arg && n->nstories != 1) {
		sb_puts(md,
		    "Read which story? Type `read ID`, or `read 2` for "
		    "the second listed here; `stories` lists them.\n");
		return true;
	}
	if (k >= 1 && o->reading && readwalk_has_hits(o->reading)) {
		/* right after a search, numbers are its hits */
		if (!(s = readwalk_hit(o->reading, k, md)))
			return true;
	} else if (!*arg || k >= 0) {
		/* by its place in the list shown here */
		if (!*arg)
			k = 1;
		if (k < 1 || (size_t)k > n->nstories) {
			if (n->nstories)
				sb_printf(md,
				    "There is no story %ld here: "
				    "type a number from 1 to %zu, or an id."
				    "\n",
				    k, (size_t)n->nstories);
			else
				sb_puts(md,
				    "No story is linked here: type "
				    "`read ID`.\n");
			return true;
		}
		const struct story **order =
		    xcalloc(n->nstories, sizeof *order);
		view_story_order(n, walk_character(w), order);
		s = order[k - 1];
		free(order);
	} else if (!(s = guide_story(walk_guide(w), arg))) {
		char *lower = xstrdup(arg);
		for (char *c = lower; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		s = guide_story(walk_guide(w), lower);
		free(lower);
	}
	if (!s) {
		sb_puts(md, "No story has the id ");
		echo_input(md, arg, strlen(arg));
		sb_puts(md, ".");
		suggest(md, walk_guide(w), "story", arg);
		sb_puts(md,
		    " Type `stories` to list the ones here, or "
		    "`read`, a space and Tab to complete an id.\n");
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
	(void)arg;
	view_trail(w, md);
	progress_notes(w, o->session, md);
	return true;
}

static bool
cmd_note(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	if (!*arg) {
		sb_puts(md,
		    "Note what? Type `note` and the text, e.g. `note "
		    "ask about Pin`.\n");
		return true;
	}
	if (!o->session) {
		sb_puts(md, "Notes need a session; this walk has none.\n");
		return true;
	}
	session_add_note(o->session, walk_node(w), arg);
	sb_printf(md,
	    "Noted at **%s**. `trail` and `progress` show your "
	    "notes.\n",
	    walk_node(w)->title);
	return true;
}

static bool
cmd_progress(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)arg;
	progress_view(w, o->session, md);
	return true;
}

static bool
cmd_restart(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)arg;
	walk_restart(w);
	sb_puts(md,
	    "*Back at the start; your notes and the stories read are "
	    "kept.*\n\n");
	view_node(w, md);
	return true;
}

static bool
cmd_save(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	if (!*arg || strchr(arg, '/') || !session_name_ok(arg)) {
		sb_puts(md,
		    "Save as what? Type `save NAME`: 1 to 64 letters, "
		    "digits, `.`, `_` or `-`.\n");
		return true;
	}
	char *dir = session_dir();
	char *file = dir ? session_file_for(dir, arg) : NULL;
	struct stat st;
	if (!file) {
		sb_puts(md,
		    "There is no folder for sessions: set `HOME` or "
		    "`XDG_STATE_HOME`.\n");
	} else if (o->session && session_file(o->session) &&
	    strcmp(session_file(o->session), file) == 0) {
		sb_printf(md,
		    "This walk is the session `%s`, saved after "
		    "every step.\n",
		    arg);
	} else if (lstat(file, &st) == 0) {
		sb_printf(md,
		    "A session `%s` exists already; choose another "
		    "name (`sessions` lists them).\n",
		    arg);
	} else {
		struct session *tmp = o->session ? NULL : session_new(NULL, w);
		int err =
		    session_save_copy(o->session ? o->session : tmp, w, file);
		session_free(tmp);
		if (err)
			sb_printf(md, "Cannot save `%s`: %s.\n", arg,
			    strerror(err));
		else
			sb_printf(md,
			    "Saved a copy as `%s`; resume it with "
			    "`asyncpath --session %s`.\n",
			    arg, arg);
	}
	free(file);
	free(dir);
	return true;
}

static bool
cmd_sessions(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)o;
	(void)arg;
	char *dir = session_dir();
	size_t damaged;
	if (dir)
		progress_sessions(walk_guide(w), dir, false, md, &damaged);
	else
		sb_puts(md,
		    "There is no folder for sessions: set `HOME` or "
		    "`XDG_STATE_HOME`.\n");
	free(dir);
	return true;
}

static bool
cmd_map(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
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
cmd_help(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
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
	sb_puts(md,
	    "Type the number or the id of a choice to take it. "
	    "Commands:\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		sb_puts(md, "- ");
		command_line(&commands[i], false, md);
	}
	return true;
}

/* The reading commands need plans and search, which a walk may lack. */
static bool
no_reading(const struct repl_opts *o, strbuf *md)
{
	if (o->reading)
		return false;
	sb_puts(md, "Reading plans and search are not available here.\n");
	return true;
}

static bool
cmd_plan(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	(void)w;
	if (!no_reading(o, md))
		readwalk_plan(o->reading, arg, md);
	return true;
}

static bool
cmd_next(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	(void)w, (void)arg;
	if (!no_reading(o, md))
		readwalk_step(o->reading, 1, md);
	return true;
}

static bool
cmd_prev(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	(void)w, (void)arg;
	if (!no_reading(o, md))
		readwalk_step(o->reading, -1, md);
	return true;
}

static bool
cmd_search(struct walk *w, const struct repl_opts *o, const char *arg,
    strbuf *md)
{
	(void)w;
	if (!no_reading(o, md))
		readwalk_search(o->reading, arg, md);
	return true;
}

static bool
cmd_quit(struct walk *w, const struct repl_opts *o, const char *arg, strbuf *md)
{
	(void)o;
	(void)w, (void)arg, (void)md;
	return false;
}

/* The first node of the walk's path, other than the current one, with a
 * choice of this id; NULL if none. */
static const struct node *
choice_elsewhere(const struct walk *w, const char *id)
{
	const struct path *p = walk_path(w);
	for (size_t i = 0; i < p->nnodes; i++)
		if (p->nodes[i] != walk_node(w) &&
		    guide_choice(p->nodes[i], id))
			return p->nodes[i];
	return NULL;
}

bool
repl_eval(struct walk *w, const struct repl_opts *o, const char *line,
    strbuf *md)
{
	while (*line == ' ' || *line == '\t')
		line++;
	size_t len = strlen(line);
	while (len &&
	    (line[len - 1] == ' ' || line[len - 1] == '\t' ||
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
	for (char *c = cmd; *c; c++) /* READ is read */
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	bool go = true;
	/* a search's numbers hold until something else is shown */
	if (o->reading && strcmp(cmd, "read") != 0 &&
	    strcmp(cmd, "search") != 0)
		readwalk_forget(o->reading);
	const struct node *elsewhere;
	long k = choice_number(cmd);
	if (k >= 0) {
		size_t n = walk_offered(w, NULL, 0);
		if (k >= 1 && (size_t)k <= n && walk_take(w, (size_t)k - 1))
			show_node(w, o, md);
		else if (n == 0)
			sb_puts(md,
			    "There is no choice to take here. Type "
			    "`back` or `quit`.\n");
		else if (n == 1)
			sb_printf(md, "There is no choice %ld here: type 1.\n",
			    k);
		else
			sb_printf(md,
			    "There is no choice %ld here: type a "
			    "number from 1 to %zu.\n",
			    k, n);
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
		show_node(w, o, md);
	} else if (!*arg && guide_choice(walk_node(w), cmd)) {
		sb_puts(md, "Choice ");
		echo_input(md, cmd, strlen(cmd));
		sb_puts(md,
		    " is not offered in this walk here: its condition "
		    "does not hold.\n");
	} else if (!*arg && (elsewhere = choice_elsewhere(w, cmd))) {
		sb_puts(md, "Choice ");
		echo_input(md, cmd, strlen(cmd));
		sb_printf(md,
		    " is not offered here: it is a choice at \"%s\". "
		    "Type a number or an id from this stop's list.\n",
		    elsewhere->title);
	} else {
		sb_puts(md, "Unknown command ");
		echo_input(md, cmd, strlen(cmd));
		sb_puts(md,
		    ": type a choice number or id, or `help` for "
		    "the commands.\n");
	}
	free(cmd);
	return go;
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

/* The names of the sessions saved that start with prefix. */
static void
add_sessions(char ***out, size_t *n, size_t *cap, const char *prefix)
{
	char *dir = session_dir();
	size_t nf = 0, pl = strlen(prefix);
	char **names = dir ? files_list(dir, ".json", &nf) : NULL;
	for (size_t i = 0; i < nf; i++) {
		size_t l = strlen(names[i]);
		if (l > 5 && l - 5 >= pl && strncmp(names[i], prefix, pl) == 0)
			VEC_PUSH(*out, *n, *cap, xstrndup(names[i], l - 5));
	}
	files_list_free(names);
	free(dir);
}

/* The id of the i-th choice offered at the walk's stop. */
static const char *
offered_at(const void *v, size_t i)
{
	const struct choice *const *c = v;
	return c[i]->id;
}

static const char *
exercise_at(const void *v, size_t i)
{
	const struct exercise_set *x = v;
	return x->v[i]->id;
}

static const char *
plan_at(const void *v, size_t i)
{
	const struct plan_set *ps = v;
	return ps->plans[i]->id;
}

/* The choices offered at w's stop whose ids start with prefix. */
static void
add_offered(char ***out, size_t *n, size_t *cap, const char *prefix,
    const struct walk *w)
{
	size_t k = walk_offered(w, NULL, 0);
	if (!k)
		return;
	const struct choice **offered = xcalloc(k, sizeof *offered);
	walk_offered(w, offered, k);
	add_matches(out, n, cap, prefix, offered_at, offered, k);
	free(offered);
}

char **
repl_ids_in(const struct repl_world *c, const char *kind, const char *prefix)
{
	const struct guide *g = c->g;
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
	else if (strcmp(kind, "session") == 0)
		add_sessions(&out, &n, &cap, prefix);
	else if (c->ex && strcmp(kind, "exercise") == 0)
		add_matches(&out, &n, &cap, prefix, exercise_at, c->ex,
		    c->ex->n);
	else if (c->plans && strcmp(kind, "plan") == 0)
		add_matches(&out, &n, &cap, prefix, plan_at, c->plans,
		    c->plans->n);
	if (c->w && strcmp(kind, "command") == 0)
		add_offered(&out, &n, &cap, prefix, c->w);
	if (n > 1)
		qsort(out, n, sizeof *out, files_cmp_names);
	VEC_PUSH(out, n, cap, NULL);
	return out;
}

char **
repl_ids(const struct guide *g, const char *kind, const char *prefix)
{
	const struct repl_world c = {g, NULL, NULL, NULL};
	return repl_ids_in(&c, kind, prefix);
}

/* Edit distance of a and b (insert, delete, replace, swap neighbours),
 * both at most 64 bytes. */
static size_t
distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

struct near {
	size_t score;
	char *id;
};

static int
cmp_near(const void *a, const void *b)
{
	const struct near *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return strcmp(x->id, y->id);
}

char **
repl_closest(const struct guide *g, const char *kind, const char *word,
    size_t max)
{
	char **all = repl_ids(g, kind, "");
	struct near *v = NULL;
	size_t n = 0, cap = 0, wl = strlen(word);
	for (size_t i = 0; all[i]; i++) {
		size_t il = strlen(all[i]), score = SIZE_MAX;
		if (wl >= 3 && strstr(all[i], word))
			score = il - wl; /* holds it: nearer the shorter */
		else if (wl <= 64 && il <= 64) {
			size_t d = distance(word, wl, all[i], il);
			if (d <= (wl < 9 ? 2 : wl / 3))
				score = d;
		}
		if (score != SIZE_MAX) {
			struct near e = {score, all[i]};
			VEC_PUSH(v, n, cap, e);
		} else {
			free(all[i]);
		}
	}
	free(all);
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_near);
	char **out = xcalloc((n < max ? n : max) + 1, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		if (i < max)
			out[i] = v[i].id;
		else
			free(v[i].id);
	}
	free(v);
	return out;
}

char **
repl_complete_in(const struct repl_world *c, const char *line, int start)
{
	const char *word = line + start;
	/* the first word of the line, and whether we complete it */
	const char *p = line;
	while (*p == ' ')
		p++;
	size_t fl = strcspn(p, " ");
	if (p + fl >= word)
		return repl_ids_in(c, "command", word);
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
		return repl_ids_in(c, "", word);
	return repl_ids_in(c, spec + 1, word);
}

char **
repl_complete(const struct guide *g, const char *line, int start)
{
	const struct repl_world c = {g, NULL, NULL, NULL};
	return repl_complete_in(&c, line, start);
}

static char *
history_file(void)
{
	const char *e = getenv("ASYNCPATH_HISTORY");
	if (e && *e)
		return xstrdup(e);
	char *d = files_xdg_dir("XDG_STATE_HOME", ".local/state");
	char *h = d ? xasprintf("%s/history", d) : NULL;
	free(d);
	return h;
}

char *
repl_history_path(void)
{
	char *p = history_file();
	struct stat st;
	/* readline opens it with a plain open(): a FIFO would block.
	 * /dev/null is the way to keep no history. */
	if (p && stat(p, &st) == 0 && !S_ISREG(st.st_mode) &&
	    strcmp(p, "/dev/null") != 0) {
		diag_say(stderr,
		    "asyncpath: %s: not a regular file, so this walk keeps "
		    "no history\n",
		    p);
		free(p);
		return NULL;
	}
	return p;
}

/* Creates the folders above file (like mkdir -p); errors are ignored,
 * since a walk without saved history is still a walk. */
static void
make_parents(const char *file)
{
	char *d = files_dir_of(file);
	files_make_dirs(d, 0700);
	free(d);
}

/* The render options for output now: the width follows the terminal
 * unless --width fixed it. */
static struct render_opts
render_now(const struct repl_opts *o)
{
	struct render_opts r = o->render;
	int cols = o->width_fixed ? 0 : pager_columns();
	if (cols > 0)
		r.width = cols < 20 ? 20 : cols;
	return r;
}

/*
 * Renders md to stdout and empties it; through the pager when paging and
 * it is long.  Unless --width fixed it, the width is the terminal's now,
 * so the text follows a resized window.  Returns a PAGER_ value; *lines
 * (when not NULL) gets the number of lines it printed.
 */
static int
show(strbuf *md, const struct repl_opts *o, bool paging, size_t *lines)
{
	if (lines)
		*lines = 0;
	if (!md->len)
		return PAGER_PRINTED;
	struct render_opts r = render_now(o);
	strbuf out = {0};
	render_markdown(md->s, md->len, &r, &out);
	sb_putc(&out, '\n'); /* a blank line after each answer */
	int st = pager_write(out.s, out.len, paging && o->pager);
	for (size_t i = 0; lines && st == PAGER_PRINTED && i < out.len; i++)
		*lines += out.s[i] == '\n';
	sb_free(&out);
	md->len = 0;
	md->s[0] = '\0';
	return st;
}

/* --- line input: readline on a terminal, getline otherwise --- */

static struct repl_world complete_world;
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
	return complete_list && complete_list[i] ? xstrdup(complete_list[i++])
	                                         : NULL;
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
	complete_list =
	    repl_complete_in(&complete_world, rl_line_buffer, start);
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
input_init(const struct repl_opts *o, const struct walk *w)
{
	if (!o->interactive)
		return;
	rl_readline_name = "asyncpath";
	rl_attempted_completion_function = complete_hook;
	rl_basic_word_break_characters = " \t";
	complete_world.g = walk_guide(w);
	complete_world.w = w;
	complete_world.ex =
	    o->practice ? practice_exercises(o->practice) : NULL;
	complete_world.plans = o->reading ? readwalk_plans(o->reading) : NULL;
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

/* Reads a line (*len bytes, which may hold NULs); NULL at end of input
 * or on an error (then read_errno says which).  Caller frees. */
static char *
input_read(const struct repl_opts *o, size_t *len)
{
	if (o->interactive) {
		const char *prompt = o->render.color ? "\001\033[1;"
		                                       "36m\002asyncpath>"
		                                       "\001\033[0m\002 "
		                                     : "asyncpath> ";
		got_sigint = 0; /* a Ctrl-C meant for the pager */
		char *line = readline(prompt);
		*len = line ? strlen(line) : 0;
		return line;
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
		line[--n] = '\0';
	*len = (size_t)n;
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
	HIST_ENTRY *last = history_length
	    ? history_get(history_base + history_length - 1)
	    : NULL;
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

void
repl_room_note(struct roomlink *l, size_t left)
{
	static char *said;
	const char *err = roomlink_error(l);
	if (left && err && (!said || strcmp(said, err) != 0)) {
		diag_say(stderr,
		    "asyncpath: %s; your walk goes on and is sent when the "
		    "room answers\n",
		    err);
		free(said);
		said = xstrdup(err);
	} else if (!left && said) {
		fputs("asyncpath: the room has your walk again\n", stderr);
		free(said);
		said = NULL;
	}
}

/* Saves the session when the walk changed; a failed save says so on
 * stderr once (until the error changes) and the walk goes on.  With a
 * room, a saved session is sent there (room_note says what failed). */
static void
autosave(struct walk *w, const struct repl_opts *o)
{
	static int last;
	struct session *s = o->session;
	if (!s || !session_file(s) || session_readonly(s) ||
	    !session_update(s, w))
		return;
	int err = session_save(s, w);
	strbuf b = {0};
	sb_add_safe(&b, session_name(s), strlen(session_name(s)));
	if (err && err != last)
		diag_say(stderr,
		    "asyncpath: cannot save session \"%s\": %s; "
		    "your walk goes on, unsaved\n",
		    b.s, strerror(err));
	else if (!err && last)
		diag_say(stderr, "asyncpath: session \"%s\" saved again\n",
		    b.s);
	sb_free(&b);
	last = err;
	if (!err && o->room)
		repl_room_note(o->room,
		    roomlink_send(o->room, session_name(s), session_file(s)));
}

/* Whether the command on line may page its answer (see repl_command). */
static bool
line_pages(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	size_t n = strcspn(line, " \t");
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strlen(commands[i].name) == n &&
		    strncasecmp(commands[i].name, line, n) == 0)
			return commands[i].pages;
	return false;
}

/* The choices last measured and their height, so that an answer at a
 * stop of many choices does not render them all again. */
struct choices_seen {
	strbuf md;
	struct render_opts r;
	size_t lines;
};

/* The height of the choices of the walk's stop rendered now. */
static size_t
choices_lines(const struct walk *w, const struct repl_opts *o,
    struct choices_seen *seen)
{
	strbuf c = {0};
	view_choices(w, &c);
	struct render_opts r = render_now(o);
	if (seen->lines && seen->r.width == r.width &&
	    seen->r.color == r.color && seen->r.links == r.links &&
	    seen->md.len == c.len && memcmp(seen->md.s, c.s, c.len) == 0) {
		sb_free(&c);
		return seen->lines;
	}
	strbuf out = {0};
	render_markdown(c.s, c.len, &r, &out);
	seen->lines = 1;
	for (size_t i = 0; i < out.len; i++)
		seen->lines += out.s[i] == '\n';
	sb_free(&out);
	sb_free(&seen->md);
	seen->md = c;
	seen->r = r;
	return seen->lines;
}

/*
 * A stop is never paged: it is printed, and the terminal's scrollback
 * keeps what scrolls off, so its choices sit just above the prompt.  Cards,
 * long listings and an ending (its debrief, trail and roadmap: nothing to
 * choose) may be paged; after an ending's pager its last line comes again.
 * Either way, on a terminal, when an answer has pushed the choices off the
 * screen (or a pager took it over) they are printed again, so they are on
 * screen whenever the prompt is.
 */
/* With --until: whether w has gone past the block's last stage; then md
 * holds only the line that ends the block (what the step showed is
 * dropped: the next stage waits for the next block). */
static bool
past_until(const struct walk *w, const struct repl_opts *o, strbuf *md)
{
	if (!o->until || walk_node(w)->stage->index <= o->until->index)
		return false;
	md->len = 0;
	if (md->s)
		md->s[0] = '\0';
	sb_puts(md, "*This block ends with the stage \"");
	sb_add_safe(md, o->until->title, strlen(o->until->title));
	sb_puts(md, "\": stop here for now.");
	if (o->session && session_file(o->session) &&
	    !session_readonly(o->session))
		sb_puts(md,
		    " Your walk is saved: start it again with the same "
		    "session, without `--until` or with a later stage, "
		    "to go on from here.");
	sb_puts(md, "*\n");
	return true;
}

int
repl_run(struct walk *w, const struct repl_opts *o)
{
	strbuf md = {0};
	int st;
	size_t since = 0, lines; /* lines since the choices */
	struct choices_seen seen = {0};
	input_init(o, w);
	autosave(w, o);
	if (past_until(w, o, &md)) {
		st = show(&md, o, false, NULL);
		input_done(o);
		sb_free(&md);
		return st == PAGER_ERROR ? EXIT_IO : EXIT_OK_;
	}
	show_node(w, o, &md);
	/* a walk resumed at an ending shows its debrief paged, as reaching
	 * it does, and the way on after the pager */
	st = show(&md, o, walk_node(w)->ending, NULL);
	if (st == PAGER_PAGED) {
		view_choices(w, &md);
		st = show(&md, o, false, NULL);
	}
	while (st != PAGER_ERROR) {
		size_t len;
		char *line = input_read(o, &len);
		if (!line) {
			if (o->interactive)
				putchar('\n');
			break;
		}
		bool go = true;
		if (strlen(line) != len) {
			sb_puts(&md,
			    "That line holds a NUL byte (shown as `^@`), "
			    "so it was not run: ");
			echo_input(&md, line, len);
			sb_puts(&md, "\n");
		} else {
			input_remember(o, line);
			go = repl_eval(w, o, line, &md);
		}
		bool paging = line_pages(line);
		free(line);
		autosave(w, o);
		if (past_until(w, o, &md)) {
			st = show(&md, o, false, NULL);
			break;
		}
		bool stop = view_ends_with_choices(w, md.s, md.len);
		/* An ending has no choices to lose, and its debrief is read
		 * from the top: it may be paged like a card. */
		bool end = stop && walk_node(w)->ending;
		st = show(&md, o, paging || end, &lines);
		since = stop ? 0 : since + lines + 1; /* and the prompt's */
		int rows = pager_rows();
		if (end && st == PAGER_PAGED) {
			view_choices(w, &md);
			st = show(&md, o, false, NULL);
		} else if (go && !stop && st != PAGER_ERROR && rows > 0 &&
		    (st == PAGER_PAGED ||
		        since + choices_lines(w, o, &seen) + 1 >
		            (size_t)rows)) {
			sb_printf(&md, "*Back at \"%s\".*\n\n",
			    walk_node(w)->title);
			view_choices(w, &md);
			st = show(&md, o, false, NULL);
			since = 0;
		}
		if (!go)
			break;
	}
	input_done(o);
	sb_free(&md);
	sb_free(&seen.md);
	if (st == PAGER_ERROR)
		return EXIT_IO; /* pager_write said why */
	if (read_errno) {
		diag_say(stderr, "asyncpath: cannot read the input: %s\n",
		    strerror(read_errno));
		return EXIT_IO;
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK_ : EXIT_IO;
}
