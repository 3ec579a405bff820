/* resume: see include/resume.h. */
#include "resume.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "progress.h"
#include "readtime.h"
#include "view.h"

/* Prints s to f with no byte able to drive the terminal. */
static void
put_safe(FILE *f, const char *s)
{
	strbuf b = {0};
	sb_add_safe(&b, s, strlen(s));
	fputs(b.s ? b.s : "", f);
	sb_free(&b);
}

/* Prints question on stdout wrapped at width columns (0: as it is),
 * breaking at spaces; the last line keeps its trailing space for the
 * answer. */
static void
put_wrapped(const char *question, int width)
{
	const char *line = question, *p = question;
	while (width > 0 && *p) {
		const char *sp = strchr(p, ' ');
		const char *end = sp ? sp : p + strlen(p);
		if (p > line &&
		    text_width(line, (size_t)(end - line)) > width) {
			fwrite(line, 1, (size_t)(p - 1 - line), stdout);
			putchar('\n');
			line = p;
		}
		p = sp ? sp + 1 : end;
	}
	fputs(line, stdout);
}

/* Asks question on stdout (wrapped at width; 0: not); the answer without
 * its newline (caller frees), or NULL at end of input. */
static char *
ask_line(const char *question, int width)
{
	put_wrapped(question, width);
	fflush(stdout);
	char *line = NULL;
	size_t cap = 0;
	if (getline(&line, &cap, stdin) < 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/*
 * Asks question on stdout (wrapped at width); returns the first letter of
 * the answer in lower case, def for an empty answer, or 0 at end of
 * input.
 */
static int
ask(const char *question, int width, int def)
{
	char *line = ask_line(question, width);
	if (!line) {
		putchar('\n');
		return 0;
	}
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	int c = *p == '\0' ? def : *p;
	free(line);
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

char *
resume_file(const char *arg)
{
	if (strchr(arg, '/'))
		return xstrdup(arg);
	if (!session_name_ok(arg)) {
		fputs("asyncpath: '", stderr);
		put_safe(stderr, arg);
		fputs("' is not a session name: use 1 to 64 letters, digits, "
		      "'.', '_' or '-', not starting with '.' or '-'\n",
		    stderr);
		return NULL;
	}
	char *dir = session_dir();
	if (!dir) {
		fputs("asyncpath: no folder for sessions: set HOME or "
		      "XDG_STATE_HOME\n",
		    stderr);
		return NULL;
	}
	char *file = session_file_for(dir, arg);
	free(dir);
	return file;
}

static bool
exists(const char *file)
{
	struct stat st;
	return lstat(file, &st) == 0;
}

/* Moves file aside (tag NULL: NAME.N.json); tells md where it went. */
static int
keep_aside(const char *file, const char *tag, strbuf *md)
{
	char *moved = NULL;
	int err = session_move_aside(file, tag, &moved);
	if (err) {
		diag_say(stderr, "asyncpath: cannot move ");
		put_safe(stderr, file);
		diag_say(stderr, " aside: %s\n", strerror(err));
		return EXIT_IO;
	}
	const char *base = strrchr(moved, '/');
	sb_puts(md, "*The earlier session is kept as `");
	sb_add_safe(md, base ? base + 1 : moved,
	    strlen(base ? base + 1 : moved));
	sb_puts(md, "`.*\n\n");
	free(moved);
	return 0;
}

/* "stage 3 of 6, 14 min read so far" for w ("prologue, ..." in a
 * frame stage, as view names them). */
static void
where(const struct walk *w, const struct session *s, strbuf *b)
{
	size_t at = b->len;
	view_stage_name(walk_path(w), walk_node(w)->stage, b);
	if (b->s[at] >= 'A' && b->s[at] <= 'Z')
		b->s[at] += 'a' - 'A';
	sb_printf(b, ", %u min read so far",
	    readtime_minutes(progress_words_read(w, s)));
}

/* Takes the lock of s.  On a terminal, when another process holds it,
 * asks: read-only, another name, or quit.  Returns -1 when the walk may
 * go on (maybe read-only, maybe with *file changed to another name: then
 * 1), else an exit status. */
static int
lock_or_ask(struct session *s, const struct resume_opts *o, char **file)
{
	int err = session_lock(s);
	if (!err)
		return -1;
	if (err != EWOULDBLOCK) {
		diag_say(stderr, "asyncpath: cannot lock session \"");
		put_safe(stderr, session_name(s));
		diag_say(stderr, "\": %s; it stays read-only\n", strerror(err));
		session_set_readonly(s, true);
		return -1;
	}
	fputs("asyncpath: session \"", stderr);
	put_safe(stderr, session_name(s));
	fputs("\" is open in another asyncpath", stderr);
	if (!o->interactive) {
		fputs("; close it there, or give another --session NAME\n",
		    stderr);
		return 69;
	}
	fputs(".\n", stderr);
	for (;;) {
		int c = ask("Open it read-only (r), start another session (n), "
		            "or quit (q)? [r/n/q] ",
		    o->width, 'r');
		if (c == 'r') {
			session_set_readonly(s, true);
			return -1;
		}
		if (c == 0 || c == 'q')
			return 0;
		if (c != 'n')
			continue;
		char *line = ask_line("Name of the new session: ", o->width);
		if (!line)
			return 0;
		char *f = resume_file(line);
		free(line);
		if (f) {
			free(*file);
			*file = f;
			return 1;
		}
	}
}

/* The path to walk: --path, or the session's, or the default. */
static const struct path *
pick_path(const struct resume_opts *o)
{
	if (o->path)
		return guide_path(o->g, o->path);
	return guide_default_path(o->g);
}

/* try_open's answer: try again (the loop in resume_open). */
enum { RETRY = -2 };

/* Starts a new walk on p saved in *file and takes its lock; returns -1
 * with *wp and *sp set, RETRY, or an exit status. */
static int
start_new(const struct resume_opts *o, const struct path *p, char **file,
    struct walk **wp, struct session **sp)
{
	*wp = walk_new(o->g, p);
	*sp = session_new(*file, *wp);
	int r = lock_or_ask(*sp, o, file);
	if (r == 1) {
		session_free(*sp);
		walk_free(*wp);
		*sp = NULL;
		*wp = NULL;
		return RETRY;
	}
	return r;
}

/* Says why the session in file could not be loaded (d, freed here) and,
 * if the user agrees, keeps the damaged file aside; returns RETRY, or an
 * exit status. */
static int
load_failed(const struct resume_opts *o, diag_list *d, const char *file,
    strbuf *md)
{
	diag_print(d, stderr);
	int status = diag_status(d);
	diag_free(d);
	if (!o->interactive || status != EXIT_DATA)
		return status;
	int c = ask("This session cannot be resumed. Start "
	            "afresh? The damaged file is kept aside. "
	            "[y/N] ",
	    o->width, 'n');
	if (c != 'y')
		return status;
	if (keep_aside(file, "damaged", md))
		return EXIT_IO;
	return RETRY;
}

/* Tells that session s walks the path pid, not p. */
static void
wrong_path(const struct session *s, const char *pid, const struct path *p)
{
	fputs("asyncpath: session \"", stderr);
	put_safe(stderr, session_name(s));
	fputs("\" walks the path '", stderr);
	put_safe(stderr, pid);
	fputs("', not '", stderr);
	put_safe(stderr, p->id);
	fputs("': leave out --path, or add --new to start it "
	      "afresh on this path\n",
	    stderr);
}

/* Loads the session in *file (on path p when --path is given) and takes
 * its lock; returns -1 with *sp set, RETRY, or an exit status. */
static int
load_locked(const struct resume_opts *o, const struct path *p, char **file,
    struct session **sp, strbuf *md)
{
	diag_list *d = diag_new();
	struct session *s = session_load(*file, d);
	if (!s)
		return load_failed(o, d, *file, md);
	diag_free(d);
	const char *pid = session_path_id(s);
	if (o->path && strcmp(pid, p->id) != 0) {
		wrong_path(s, pid, p);
		session_free(s);
		return EXIT_USAGE;
	}
	int r = lock_or_ask(s, o, file);
	if (r == 1) {
		session_free(s);
		return RETRY;
	}
	if (r >= 0) {
		session_free(s);
		return r;
	}
	*sp = s;
	return -1;
}

/* For a walk with something in it: asks whether to resume it (on a
 * terminal, no --session), else tells in md that it was resumed.
 * Returns 0 to quit, 'n' to start afresh, anything else to go on. */
static int
confirm_resume(const struct resume_opts *o, const struct walk *w,
    const struct session *s, strbuf *md)
{
	bool worth = walk_steps(w) > 0 || session_nnotes(s) > 0;
	if (o->interactive && !o->session && worth) {
		strbuf q = {0};
		sb_puts(&q, "Resume your walk at \"");
		sb_add_safe(&q, walk_node(w)->title,
		    strlen(walk_node(w)->title));
		sb_puts(&q, "\" (");
		where(w, s, &q);
		sb_puts(&q, ")? [Y/n] ");
		int c = ask(q.s, o->width, 'y');
		sb_free(&q);
		return c;
	} else if (worth) {
		sb_puts(md, "*Session `");
		sb_add_safe(md, session_name(s), strlen(session_name(s)));
		sb_puts(md, "` resumed: ");
		where(w, s, md);
		sb_puts(md, ".*\n\n");
	}
	return 'y';
}

/* Appends to md the replay's message msg and the notes on s: read-only,
 * or its old file (at file) kept aside for the steps that were dropped. */
static void
resumed_notes(const struct session *s, const char *file, const strbuf *msg,
    strbuf *md)
{
	if (msg->len) {
		sb_add(md, msg->s, msg->len);
		sb_puts(md, "\n");
	}
	if (session_readonly(s))
		sb_puts(md,
		    "*Read-only: nothing of this walk is "
		    "saved.*\n\n");
	if (session_dropped(s) && !session_readonly(s)) {
		/* the steps that no longer fit stay in the old file */
		char *moved = NULL;
		char *tmp = xasprintf("%s", file);
		if (session_move_aside(tmp, NULL, &moved) == 0) {
			const char *b = strrchr(moved, '/');
			sb_puts(md, "*The session as it was is kept as `");
			sb_add_safe(md, b ? b + 1 : moved,
			    strlen(b ? b + 1 : moved));
			sb_puts(md, "`.*\n\n");
		}
		free(moved);
		free(tmp);
	}
}

/* Replays s (loaded and locked from file) and settles whether to go on;
 * returns -1 with *wp and *sp set, RETRY (*fresh set: start afresh), or
 * an exit status.  s is freed unless it goes to *sp. */
static int
replay(const struct resume_opts *o, const char *file, struct session *s,
    bool *fresh, struct walk **wp, struct session **sp, strbuf *md)
{
	strbuf msg = {0};
	struct walk *w = session_replay(s, o->g, &msg);
	if (!w) {
		fputs("asyncpath: ", stderr);
		put_safe(stderr, msg.s);
		sb_free(&msg);
		session_free(s);
		if (!o->interactive ||
		    ask("Start afresh? The old "
		        "session is kept aside. [y/N] ",
		        o->width, 'n') != 'y')
			return EXIT_DATA;
		*fresh = true;
		return RETRY;
	}
	int c = confirm_resume(o, w, s, md);
	if (c == 0 || c == 'n') {
		sb_free(&msg);
		walk_free(w);
		session_free(s); /* lets go of the lock */
		if (c == 0)
			return 0;
		*fresh = true;
		return RETRY;
	}
	resumed_notes(s, file, &msg, md);
	sb_free(&msg);
	*wp = w;
	*sp = s;
	return -1;
}

/* One try at opening the walk saved in *file (kept aside first when
 * *fresh); returns -1 with *wp and *sp set, RETRY, or an exit status. */
static int
try_open(const struct resume_opts *o, const struct path *p, char **file,
    bool *fresh, struct walk **wp, struct session **sp, strbuf *md)
{
	if (*fresh && exists(*file) && keep_aside(*file, NULL, md))
		return EXIT_IO;
	*fresh = false;
	if (!exists(*file))
		return start_new(o, p, file, wp, sp);
	struct session *s = NULL;
	int r = load_locked(o, p, file, &s, md);
	if (r != -1)
		return r;
	return replay(o, *file, s, fresh, wp, sp, md);
}

/* Who walks: --name when given; else, on a terminal joining a room,
 * asked once for a session that has no name yet (an empty answer is
 * kept, and not asked again).  A walk of one's own asks nothing. */
static void
name_participant(const struct resume_opts *o, struct session *s)
{
	if (o->participant) {
		session_set_participant(s, o->participant);
		return;
	}
	if (!o->interactive || !o->room || session_participant(s) ||
	    session_readonly(s) || !session_file(s))
		return;
	char *line = ask_line("Your name, for the facilitator's report "
	                      "(Enter to leave it out): ",
	    o->width);
	session_set_participant(s, line ? line : "");
	free(line);
}

int
resume_open(const struct resume_opts *o, struct walk **wp, struct session **sp,
    strbuf *md)
{
	const struct path *p = pick_path(o);
	*wp = NULL;
	*sp = NULL;
	if (!p) {
		fputs("asyncpath: no path has the id '", stderr);
		put_safe(stderr, o->path);
		fputs("'; 'asyncpath list paths' shows them\n", stderr);
		return EXIT_USAGE;
	}
	if (!o->session && !o->interactive) {
		/* a scripted walk: no side effects on disk */
		*wp = walk_new(o->g, p);
		*sp = session_new(NULL, *wp);
		if (o->participant)
			session_set_participant(*sp, o->participant);
		return -1;
	}
	char *file = resume_file(o->session ? o->session : p->id);
	if (!file) {
		if (o->session)
			return EXIT_USAGE;
		fputs("asyncpath: this walk is not saved\n", stderr);
		*wp = walk_new(o->g, p);
		*sp = session_new(NULL, *wp);
		return -1;
	}
	bool fresh = o->fresh;
	int st;
	while ((st = try_open(o, p, &file, &fresh, wp, sp, md)) == RETRY)
		continue;
	free(file);
	if (st >= 0) {
		walk_free(*wp);
		session_free(*sp);
		*wp = NULL;
		*sp = NULL;
	} else {
		name_participant(o, *sp);
	}
	return st;
}
