/*
 * main: the table of subcommands and their handlers.  cli (include/cli.h)
 * parses the command line from this table, loads the guide for the rows
 * that ask for it and runs the handler; help and shell completion come
 * from the same rows.  A new command is a new row, in the order `--help`
 * lists them; its handler may live in its own module.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "diag.h"
#include "export.h"
#include "guide.h"
#include "plan.h"
#include "reading.h"
#include "readwalk.h"
#include "progress.h"
#include "exercise_cli.h"
#include "practice.h"
#include "render.h"
#include "repl.h"
#include "resume.h"
#include "room.h"
#include "roomlink.h"
#include "session.h"
#include "util.h"
#include "view.h"
#include "walk.h"

#ifndef ASYNCPATH_VERSION
#define ASYNCPATH_VERSION "0.1.0"
#endif
#include "datadir.h" /* ASYNCPATH_DATADIR, written by make */

static int
cmd_render(const struct cli *c, const struct cli_args *a)
{
	if (a->argc == 0)
		return cli_usage_error("%s", "render needs at least one FILE");
	for (int i = 0; i < a->argc; i++) {
		size_t len = 0;
		char *text;
		if (strcmp(a->argv[i], "-") == 0) {
			strbuf b = {0};
			char buf[65536];
			size_t k;
			while ((k = fread(buf, 1, sizeof buf, stdin)) > 0)
				sb_add(&b, buf, k);
			len = b.len;
			text = sb_take(&b);
		} else if (!(text = read_file(a->argv[i], &len))) {
			diag_say(stderr, "%s: cannot read: %s\n", a->argv[i],
			    read_file_error(errno));
			return EXIT_NOINPUT;
		}
		int st = cli_print_markdown(c, text, len);
		free(text);
		if (st)
			return st;
	}
	return 0;
}

static int
cmd_list(const struct cli *c, const struct cli_args *a)
{
	const struct guide *g = c->g;
	const char *what = a->argc ? a->argv[0] : "stories";
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
		return cli_usage_error("list what? '%s': expected stories, "
		                       "nodes or paths",
		    what);
	}
	return 0;
}

enum {
	OPT_ORIGINAL = 1,
	OPT_WALKS,
	OPT_SEED,
	OPT_STRICT,
	OPT_FORMAT,
	OPT_TIMING,
	OPT_VARIANTS,
	OPT_CENSUS
};

static const struct cli_option show_opts[] = {
    {"original", no_argument, OPT_ORIGINAL, NULL,
        "the original page instead of the card (needs --upstream DIR)", NULL},
    {0},
};

static int
cmd_show(const struct cli *c, const struct cli_args *a)
{
	bool original = a->nopt > 0;
	if (a->argc != 1)
		return cli_usage_error("%s",
		    "one story ID is needed "
		    "(asyncpath list stories names them)");
	const struct story *s = guide_story(c->g, a->argv[0]);
	if (!s)
		return cli_unknown_id(c, "story", "story", a->argv[0],
		    "'asyncpath list stories' shows them");
	strbuf md = {0};
	if (original && !view_original(s, c->upstream, &md)) {
		/* the hint is the answer: plain, on stderr, exit 66 */
		struct render_opts plain = {c->render.width, false, false};
		strbuf out = {0};
		render_markdown(md.s, md.len, &plain, &out);
		diag_say(stderr, "asyncpath: %s", out.s);
		sb_free(&out);
		sb_free(&md);
		return EXIT_NOINPUT;
	}
	if (!original)
		view_story(s, &md);
	int st = cli_print_markdown(c, md.s, md.len);
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

static const struct cli_option check_opts[] = {
    {"walks", required_argument, OPT_WALKS, "N",
        "random walks to take for coverage (10000)", NULL},
    {"seed", required_argument, OPT_SEED, "S", "seed of the random walks (1)",
        NULL},
    {"strict", no_argument, OPT_STRICT, NULL, "warnings fail too (exit 1)",
        NULL},
    {"timing", no_argument, OPT_TIMING, NULL,
        "CPU time of each part on stderr (for make bench)", NULL},
    {"variants", required_argument, OPT_VARIANTS, "NODE",
        "print every rendering of NODE's text (all: of every node with "
        "conditional text or a debrief) with the shortest walk to it",
        "@node"},
    {"census", no_argument, OPT_CENSUS, NULL,
        "list the choices the decision census counts, by kind", NULL},
    {0},
};

static int
cmd_check(const struct cli *c, const struct cli_args *a)
{
	struct check_opts co = {.walks = 10000,
	    .seed = 1,
	    .max_states = 4000000};
	bool strict = false, timing = false;
	double t_load = check_cpu_ms();
	for (size_t i = 0; i < a->nopt; i++) {
		long v;
		if (a->opt[i].val == OPT_STRICT ||
		    a->opt[i].val == OPT_TIMING) {
			*(a->opt[i].val == OPT_STRICT ? &strict : &timing) =
			    true;
			continue;
		}
		if (a->opt[i].val == OPT_CENSUS) {
			co.census_list = true;
			continue;
		}
		if (a->opt[i].val == OPT_VARIANTS) {
			co.variants = a->opt[i].arg;
			if (strcmp(co.variants, "all") != 0 &&
			    !guide_node(c->g, co.variants))
				return cli_usage_error("--variants: no node "
				                       "has "
				                       "the id '%s'",
				    co.variants);
			continue;
		}
		if ((v = number_arg(a->opt[i].arg)) < 0)
			return cli_usage_error("'%s': expected a number",
			    a->opt[i].arg);
		if (a->opt[i].val == OPT_WALKS)
			co.walks = (unsigned long)v;
		else
			co.seed = (unsigned long)v;
	}
	if (a->argc)
		return cli_usage_error("check: unexpected '%s'", a->argv[0]);
	diag_list *d = diag_new();
	struct plan_set *ps = plan_load(c->g, c->data, d);
	struct check_result cr = check_guide(c->g, &co, d, stdout);
	if (ps)
		plan_check(ps, c->g, d, stdout);
	plan_set_free(ps);
	struct exercise_set *ex = exercise_load_all(c->data, d);
	struct quiz_set *qz = quiz_load_all(c->data, d);
	if (ex)
		exercise_check(ex, c->g, d);
	if (qz)
		quiz_check(qz, c->g, d);
	if (ex && qz)
		printf("exercises: %zu, quiz questions: %zu\n", ex->n, qz->n);
	exercise_set_free(ex);
	quiz_set_free(qz);
	if (timing)
		diag_say(stderr,
		    "timing (CPU ms): start-up and load %.0f, state search "
		    "%.0f, other checks %.0f, random walks %.0f, total %.0f\n",
		    t_load, cr.ms_search, cr.ms_static, cr.ms_walks,
		    check_cpu_ms());
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

static const struct cli_option graph_opts[] = {
    {"format", required_argument, OPT_FORMAT, "FORMAT",
        "json (for tools), dot (for Graphviz) or text (the default)",
        "json|dot|text"},
    {0},
};

static int
cmd_graph(const struct cli *c, const struct cli_args *a)
{
	const char *fmt = a->nopt ? a->opt[a->nopt - 1].arg : "text";
	if (a->argc)
		return cli_usage_error("%s",
		    "graph takes --format json|dot|text");
	if (strcmp(fmt, "json") == 0)
		export_json(c->g, stdout);
	else if (strcmp(fmt, "dot") == 0)
		export_dot(c->g, stdout);
	else if (strcmp(fmt, "text") == 0)
		export_text(c->g, stdout);
	else
		return cli_usage_error("unknown graph format '%s': expected "
		                       "json, dot or text",
		    fmt);
	return 0;
}

static const struct cli_option play_opts[] = {
    {"workspace", required_argument, 1, "DIR",
        "keep exercise projects under DIR (DIR/ID)", ":dir"},
    {"until", required_argument, 2, "STAGE",
        "stop the walk when it leaves STAGE (the end of a workshop block)",
        NULL},
    {0},
};

/* The stage of p with id (--until), or NULL. */
static const struct stage *
find_stage(const struct guide *g, const struct path *p, const char *id)
{
	const struct stage *st = guide_stage(g, id);
	return st && st->path == p ? st : NULL;
}

/* The room of --room for the walk of session s, copies an earlier walk
 * could not send sent first, and the session itself when it is on disk
 * already; NULL (said on stderr) when it cannot be. */
static struct roomlink *
join_room(const struct cli *c, struct session *s, int *status)
{
	strbuf err = {0};
	struct roomlink *room = NULL;
	*status = EXIT_USAGE;
	if (!session_file(s))
		sb_puts(&err, "needs a saved walk: give --session NAME");
	else if (!roomlink_available(&err))
		*status = EXIT_UNAVAILABLE;
	else
		room = roomlink_new(c->room, NULL, &err);
	if (!room) {
		strbuf u = {0};
		sb_add_safe(&u, c->room, strlen(c->room));
		diag_say(stderr, "asyncpath: --room %s %s\n", u.s, err.s);
		sb_free(&u);
		sb_free(&err);
		return NULL;
	}
	/* a resumed walk goes to the room at once, with what was recorded
	 * in it since (an exercise verified from the shell) */
	if (access(session_file(s), F_OK) == 0)
		repl_room_note(room,
		    roomlink_send(room, session_name(s), session_file(s)));
	else
		repl_room_note(room, roomlink_flush(room, true));
	return room;
}

/* Sends what is left for the room, says what could not go, frees it. */
static void
leave_room(struct roomlink *room)
{
	size_t left = roomlink_flush(room, true);
	repl_room_note(room, left);
	if (left)
		diag_say(stderr,
		    "asyncpath: %zu cop%s of your walk wait%s to be "
		    "sent; the next walk with --room sends them\n",
		    left, left == 1 ? "y" : "ies", left == 1 ? "s" : "");
	roomlink_free(room);
}

static int
cmd_play(const struct cli *c, const struct cli_args *a)
{
	if (a->argc)
		return cli_usage_error("play takes no arguments, found '%s'",
		    a->argv[0]);
	if (c->path && !guide_path(c->g, c->path))
		return cli_unknown_id(c, "path", "path", c->path,
		    "'asyncpath list paths' shows them");
	const char *ws = NULL, *until = NULL;
	for (size_t i = 0; i < a->nopt; i++)
		*(a->opt[i].val == 1 ? &ws : &until) = a->opt[i].arg;
	const struct path *want =
	    c->path ? guide_path(c->g, c->path) : guide_default_path(c->g);
	if (until && !find_stage(c->g, want, until))
		return cli_usage_error("--until: the path walked has no stage "
		                       "'%s' ('asyncpath graph --format text' "
		                       "lists its stages)",
		    until);
	diag_list *d = diag_new();
	struct plan_set *ps = plan_load(c->g, c->data, d);
	struct practice *pr = ps ? practice_new(c->g, c->data, ws, d) : NULL;
	if (!ps || !pr) {
		diag_print(d, stderr);
		int st = diag_status(d);
		diag_free(d);
		plan_set_free(ps);
		return st ? st : EXIT_DATA;
	}
	diag_free(d);
	bool tty = isatty(STDIN_FILENO);
	struct resume_opts rs = {c->g, c->path, c->session, c->fresh, tty,
	    c->participant, c->room != NULL, c->render.width};
	struct walk *w;
	struct session *s;
	strbuf md = {0};
	int status = resume_open(&rs, &w, &s, &md);
	if (status >= 0) {
		sb_free(&md);
		plan_set_free(ps);
		practice_free(pr);
		return status;
	}
	if (until && !find_stage(c->g, walk_path(w), until)) {
		sb_free(&md);
		status = cli_usage_error("--until: the session walks another "
		                         "path, which has no stage '%s'",
		    until);
		plan_set_free(ps);
		walk_free(w);
		session_free(s);
		practice_free(pr);
		return status;
	}
	if (md.len)
		cli_print_markdown(c, md.s, md.len);
	sb_free(&md);
	practice_set_session(pr, s);
	struct roomlink *room = NULL;
	int room_status;
	if (c->room && !(room = join_room(c, s, &room_status))) {
		plan_set_free(ps);
		walk_free(w);
		session_free(s);
		practice_free(pr);
		return room_status;
	}
	struct repl_opts ro = {c->render, NULL, tty, c->pager, c->upstream,
	    c->width_fixed, readwalk_new(c->g, ps, !c->render.color), s, pr,
	    room, until ? find_stage(c->g, walk_path(w), until) : NULL};
	readwalk_set_exercises(ro.reading, practice_exercises(pr));
	char *hist = ro.interactive ? repl_history_path() : NULL;
	ro.history = hist;
	status = repl_run(w, &ro);
	if (room)
		leave_room(room);
	readwalk_free(ro.reading);
	plan_set_free(ps);
	walk_free(w);
	session_free(s);
	practice_free(pr);
	free(hist);
	return status;
}

enum { SESSIONS_FORMAT = 1 };
static const struct cli_option sessions_opts[] = {
    {"format", required_argument, SESSIONS_FORMAT, "text|json",
        "the list as text (the default) or JSON", "text|json"},
    {0},
};

/* asyncpath sessions [--format json] | sessions rm NAME */
static int
cmd_sessions(const struct cli *c, const struct cli_args *a)
{
	bool json = false;
	for (size_t i = 0; i < a->nopt; i++) {
		if (strcmp(a->opt[i].arg, "json") == 0)
			json = true;
		else if (strcmp(a->opt[i].arg, "text") != 0)
			return cli_usage_error("--format '%s': expected text "
			                       "or json",
			    a->opt[i].arg);
	}
	if (a->argc == 2 && strcmp(a->argv[0], "rm") == 0) {
		if (strchr(a->argv[1], '/'))
			return cli_usage_error("sessions rm '%s': expected a "
			                       "session NAME",
			    a->argv[1]);
		char *file = resume_file(a->argv[1]);
		if (!file)
			return EXIT_USAGE;
		diag_list *d = diag_new();
		struct session *s = session_load(file, d);
		int status = 0, err;
		if (!s && diag_status(d) == EXIT_NOINPUT) {
			diag_say(stderr, "asyncpath: no session named '%s'\n",
			    a->argv[1]);
			status = EXIT_NOINPUT;
		} else if (s && (err = session_lock(s)) != 0) {
			diag_say(stderr,
			    "asyncpath: cannot remove session "
			    "'%s': %s\n",
			    a->argv[1],
			    err == EWOULDBLOCK ? "it is open in another "
			                         "asyncpath"
			                       : strerror(err));
			status =
			    err == EWOULDBLOCK ? EXIT_UNAVAILABLE : EXIT_IO;
		} else if ((err = session_remove(file, a->argv[1])) != 0) {
			diag_say(stderr, "asyncpath: cannot remove %s: %s\n",
			    file, strerror(err));
			status = EXIT_IO;
		} else {
			printf("removed session '%s'\n", a->argv[1]);
		}
		session_free(s);
		diag_free(d);
		free(file);
		return status;
	}
	if (a->argc)
		return cli_usage_error("sessions: unexpected '%s'; expected "
		                       "nothing or 'rm NAME'",
		    a->argv[0]);
	char *dir = session_dir();
	if (!dir) {
		fputs("asyncpath: no folder for sessions: set HOME or "
		      "XDG_STATE_HOME\n",
		    stderr);
		return EXIT_NOINPUT;
	}
	strbuf out = {0};
	size_t damaged = 0;
	progress_sessions(c->g, dir, json, &out, &damaged);
	int status;
	if (json) {
		fputs(out.s, stdout);
		status = 0;
	} else {
		status = cli_print_markdown(c, out.s, out.len);
	}
	sb_free(&out);
	free(dir);
	return status ? status : damaged ? EXIT_DATA : 0;
}

static const struct cli_command commands[] = {
    {"play", cmd_play, "play", "start the walk (the default)",
        "Walks the path given with `--path` (or the default one), stage "
        "by stage. Type a choice's number to take it, or a walk command; "
        "`help` inside the walk lists them. With commands piped in, it "
        "reads them line by line without a prompt, so walks can be "
        "scripted.",
        play_opts, NULL, CLI_GUIDE},
    {"sessions", cmd_sessions,
        "sessions [--format text|json] | "
        "sessions rm NAME",
        "list the saved walks, or remove one",
        "Lists the sessions saved in `$XDG_STATE_HOME/asyncpath/"
        "sessions/` (by default `~/.local/state/asyncpath/sessions/`): "
        "name, path, stage, last used and the share of the path's places "
        "seen; `--format json` gives the same as a JSON array. A damaged "
        "file is reported with its error, and the exit status is then 65. "
        "`sessions rm NAME` removes a session (not while it is open).",
        sessions_opts, "rm|@session", CLI_GUIDE},
    {"exercise", exercise_cli_run,
        "exercise list|start|verify|hint|solution|reset|prepare [ID]",
        "work on the exercises from the command line",
        "`list` shows every exercise with its stage and status. `start "
        "ID` copies the broken program into the workspace "
        "(`$XDG_DATA_HOME/asyncpath/exercises/ID`, or `--workspace "
        "DIR`/ID) and prints the task. `verify ID` builds and runs it: "
        "exit 0 when it passes, 1 when it does not, 69 when cargo is "
        "missing. `hint ID` gives the next hint, `solution ID` the fix as "
        "a diff (after asking), `reset ID` starts over (keeping attempts, "
        "hints and a solve). `prepare` builds every exercise's crates "
        "once, before a workshop. With `--session NAME`, start, verify, "
        "hint and reset also record in that session.",
        exercise_cli_opts, "list|start|verify|hint|solution|reset|prepare",
        CLI_GUIDE},
    {"list", cmd_list, "list stories|nodes|paths",
        "list what the data folder holds",
        "Prints one line for each story (id, kind, title), node (id, "
        "stage, path) or path (id, size, title), separated by tabs.",
        NULL, "stories|nodes|paths", CLI_GUIDE},
    {"show", cmd_show, "show [--original] ID",
        "print one story card (or its original)",
        "Prints the card of the story ID, as the walk's `read ID` does. "
        "With `--original`, prints the working group's original page "
        "from the checkout given with `--upstream DIR`.",
        show_opts, "@story", CLI_GUIDE},
    {"read", cmd_show, "read [--original] ID",
        "read one story card, as in the walk",
        "The walk's `read ID` from the shell: the same as `show ID`. With "
        "`--original`, prints the original page from the checkout given "
        "with `--upstream DIR`.",
        show_opts, "@story", CLI_GUIDE},
    {"render", cmd_render, "render FILE...",
        "print Markdown files rendered ('-': stdin)",
        "Renders each Markdown FILE for the terminal as the walk does "
        "(`-` reads standard input).",
        NULL, ":file", 0},
    {"check", cmd_check,
        "check [--walks N] [--seed S] [--strict] [--variants NODE|all] "
        "[--census]",
        "prove the content whole; print coverage",
        "Loads the data folder and proves it whole: every node reachable "
        "through the conditions, no dead end, every story surfaced, every "
        "flag both set and tested, no condition that can never hold. Then "
        "seeded random walks report node and story coverage, the decision "
        "census (`--census` lists it) and each route's length. "
        "`--variants NODE` prints every text of a node with the shortest "
        "walk to it. Exits 65 on errors, and with `--strict` 1 on "
        "warnings.",
        check_opts, NULL, CLI_GUIDE},
    {"graph", cmd_graph, "graph [--format json|dot|text]",
        "print the state graph",
        "Prints the whole state graph: JSON for tools, Graphviz DOT "
        "(`asyncpath graph --format dot | dot -Tsvg`) or a text "
        "outline.",
        graph_opts, NULL, CLI_GUIDE},
    {"plan", reading_plan, "plan list | plan show [--facilitator] ID",
        "reading plans, with minutes per session",
        "`plan list` lists the reading plans of the data folder "
        "(`plans/`), `plan show ID` prints one session by session: the "
        "stories with their reading times, the prompts, the minutes. "
        "`--facilitator` adds the notes for whoever leads the group.",
        reading_plan_opts, "list|show", CLI_GUIDE},
    {"search", reading_search, "search WORDS",
        "find stories, nodes and plans holding WORDS",
        "Searches the cards, the nodes of every path and the plans: any "
        "case, with or without accents, and a word finds the words it "
        "begins. Title matches come first, then texts holding more of "
        "the words. Exits 1 when nothing matches.",
        NULL, NULL, CLI_GUIDE},
    {"handout", reading_handout,
        "handout PLAN [--format md|html] [--facilitator] [-o FILE]",
        "a plan with its cards, to print or share",
        "Prints the plan with every card in full, the prompts, the links "
        "to the originals and the time of each session: as Markdown, or "
        "as one self-contained HTML page (no script, nothing fetched) "
        "that reads on a phone and prints on A4 and Letter.",
        reading_handout_opts, NULL, CLI_GUIDE},
    {"transcript", reading_transcript,
        "transcript [SESSION] [--format md|html] [-o FILE]",
        "one person's walk, to keep or share",
        "Prints the walk saved as SESSION (a name in the sessions folder, "
        "or a file), by default the one saved last: each stop with the "
        "choice taken and the others offered, the notes written there, "
        "the stories read, quiz answers and exercise results. As Markdown "
        "or as one self-contained HTML page.",
        reading_transcript_opts, NULL, CLI_GUIDE},
    {"report", reading_report,
        "report [DIR|FILE...] [--format text|md|html|json] [--anonymous] "
        "[-o FILE]",
        "a facilitator's report over many sessions",
        "Reads session files (every NAME.json of each DIR, each FILE; by "
        "default the sessions folder) and sums them up by person: where "
        "the room split (the decisions that divided people most, the quiz "
        "questions most often wrong), one row per person (name, stage, "
        "stop, minutes, stories read, exercises solved, quiz score), how "
        "far people got on each stage, how many people took each choice "
        "(their first choice there; bars), the stories most and least "
        "read, notes by stop, quiz and exercise results. A copy of a "
        "session already counted is said and counted once; a file made "
        "with other content is counted with a warning; a damaged one is "
        "skipped with its located error. `--anonymous` shows stable "
        "pseudonyms instead of names; `--format json` is for spreadsheets "
        "and other tools.",
        reading_report_opts, ":dir", CLI_GUIDE},
    {"room", room_run,
        "room [--bind ADDR] [--port N] [--dir DIR] [--max-sessions N] "
        "[--max-body BYTES] [--rate N]",
        "a live room for a workshop: sessions sent in, a page by name",
        "Starts a small web server for the facilitator on ADDR and port N "
        "(127.0.0.1 and 8765 unless given) and prints two addresses: the "
        "one participants join with (`asyncpath --room URL --name NAME`: "
        "every save of their walk is sent there) and the live page, the "
        "report over the room's sessions, reloaded every few seconds. The "
        "sessions are kept as files in DIR, so `asyncpath report DIR` "
        "reads them and a room started again goes on where it was. "
        "Refused sends get a status and a reason, and change nothing. "
        "Ctrl-C stops it.",
        room_opts, NULL, CLI_GUIDE},
    {"help", cli_cmd_help, "help [COMMAND]",
        "explain a command (or a walk command)",
        "Prints what a command does, its usage and its options; the same "
        "as `asyncpath COMMAND --help`.",
        cli_help_opts, "@subcommand", 0},
    {"complete", cli_cmd_complete, "complete -- WORD...",
        "shell completion: what may follow the words", NULL, cli_complete_opts,
        NULL, CLI_HIDDEN},
};

int
main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	struct cli_program p = {commands, sizeof commands / sizeof *commands,
	    "play", ASYNCPATH_DATADIR, ASYNCPATH_VERSION};
	return cli_main(argc, argv, &p);
}
