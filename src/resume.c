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

/*
 * Asks question on stdout; returns the first letter of the answer in
 * lower case, def for an empty answer, or 0 at end of input.
 */
static int
ask(const char *question, int def)
{
	fputs(question, stdout);
	fflush(stdout);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		putchar('\n');
		return 0;
	}
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	int c = *p == '\n' || *p == '\0' ? def : *p;
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
		fprintf(stderr, "asyncpath: cannot move ");
		put_safe(stderr, file);
		fprintf(stderr, " aside: %s\n", strerror(err));
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
		fprintf(stderr, "asyncpath: cannot lock session \"");
		put_safe(stderr, session_name(s));
		fprintf(stderr, "\": %s; it stays read-only\n", strerror(err));
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
		    'r');
		if (c == 'r') {
			session_set_readonly(s, true);
			return -1;
		}
		if (c == 0 || c == 'q')
			return 0;
		if (c != 'n')
			continue;
		fputs("Name of the new session: ", stdout);
		fflush(stdout);
		char *line = NULL;
		size_t cap = 0;
		ssize_t n = getline(&line, &cap, stdin);
		if (n < 0) {
			free(line);
			return 0;
		}
		line[strcspn(line, "\n")] = '\0';
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
	int st = -1;
	for (;;) {
		if (fresh && exists(file) && keep_aside(file, NULL, md)) {
			st = EXIT_IO;
			break;
		}
		fresh = false;
		if (!exists(file)) {
			*wp = walk_new(o->g, p);
			*sp = session_new(file, *wp);
			int r = lock_or_ask(*sp, o, &file);
			if (r == 1) {
				session_free(*sp);
				walk_free(*wp);
				*sp = NULL;
				*wp = NULL;
				continue;
			}
			st = r;
			break;
		}
		diag_list *d = diag_new();
		struct session *s = session_load(file, d);
		if (!s) {
			diag_print(d, stderr);
			int status = diag_status(d);
			diag_free(d);
			if (!o->interactive || status != EXIT_DATA) {
				st = status;
				break;
			}
			int c = ask("This session cannot be resumed. Start "
			            "afresh? The damaged file is kept aside. "
			            "[y/N] ",
			    'n');
			if (c != 'y') {
				st = status;
				break;
			}
			if (keep_aside(file, "damaged", md)) {
				st = EXIT_IO;
				break;
			}
			continue;
		}
		diag_free(d);
		const char *pid = session_path_id(s);
		if (o->path && strcmp(pid, p->id) != 0) {
			fputs("asyncpath: session \"", stderr);
			put_safe(stderr, session_name(s));
			fputs("\" walks the path '", stderr);
			put_safe(stderr, pid);
			fputs("', not '", stderr);
			put_safe(stderr, p->id);
			fputs("': leave out --path, or add --new to start it "
			      "afresh on this path\n",
			    stderr);
			session_free(s);
			st = EXIT_USAGE;
			break;
		}
		int r = lock_or_ask(s, o, &file);
		if (r == 1) {
			session_free(s);
			continue;
		}
		if (r >= 0) {
			session_free(s);
			st = r;
			break;
		}
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
			        'n') != 'y') {
				st = EXIT_DATA;
				break;
			}
			fresh = true;
			continue;
		}
		/* a walk with something in it: ask before resuming */
		bool worth = walk_steps(w) > 0 || session_nnotes(s) > 0;
		if (o->interactive && !o->session && worth) {
			strbuf q = {0};
			sb_puts(&q, "Resume your walk at \"");
			sb_add_safe(&q, walk_node(w)->title,
			    strlen(walk_node(w)->title));
			sb_puts(&q, "\" (");
			where(w, s, &q);
			sb_puts(&q, ")? [Y/n] ");
			int c = ask(q.s, 'y');
			sb_free(&q);
			if (c == 0) {
				sb_free(&msg);
				walk_free(w);
				session_free(s);
				st = 0;
				break;
			}
			if (c == 'n') {
				sb_free(&msg);
				walk_free(w);
				session_free(s); /* lets go of the lock */
				fresh = true;
				continue;
			}
		} else if (worth) {
			sb_puts(md, "*Session `");
			sb_add_safe(md, session_name(s),
			    strlen(session_name(s)));
			sb_puts(md, "` resumed: ");
			where(w, s, md);
			sb_puts(md, ".*\n\n");
		}
		if (msg.len) {
			sb_add(md, msg.s, msg.len);
			sb_puts(md, "\n");
		}
		sb_free(&msg);
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
				sb_puts(md,
				    "*The session as it was is kept as `");
				sb_add_safe(md, b ? b + 1 : moved,
				    strlen(b ? b + 1 : moved));
				sb_puts(md, "`.*\n\n");
			}
			free(moved);
			free(tmp);
		}
		*wp = w;
		*sp = s;
		st = -1;
		break;
	}
	free(file);
	if (st >= 0) {
		walk_free(*wp);
		session_free(*sp);
		*wp = NULL;
		*sp = NULL;
	}
	return st;
}
