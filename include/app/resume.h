/*
 * resume: how a walk begins when sessions are kept.  Finds the session
 * (--session NAME or FILE, or the path's id on a terminal), asks on a
 * terminal whether to resume, replays it into a walk, or starts afresh
 * (keeping an older file as NAME.N.json, a damaged one as
 * NAME.damaged.json), takes the session's lock, and offers read-only or
 * another name when the session is open elsewhere.  Without a terminal
 * nothing is asked: a damaged file is an error (65), a locked one too (69).
 * Questions go to stdout and answers come from stdin, before the walk's
 * own line input starts.
 */
#ifndef ASYNCPATH_RESUME_H
#define ASYNCPATH_RESUME_H

#include <stdbool.h>

#include "guide.h"
#include "session.h"
#include "util.h"
#include "walk.h"

struct resume_opts {
	const struct guide *g;
	const char *path; /* --path ID, or NULL */
	const char *session; /* --session NAME or FILE, or NULL */
	bool fresh; /* --new: start the session afresh */
	bool interactive; /* stdin is a terminal: ask, and save by default */
	const char *participant; /* --name: who walks; NULL: asked on a
	                            terminal joining a room when the
	                            session has no name */
	bool room; /* --room given */
	int width; /* columns the questions wrap at (0: they do not) */
};

/*
 * Opens the walk.  Returns -1 with *w and *s set (s is a session in
 * memory when nothing is to be saved); md gets Markdown to show before
 * the walk (resumed where, what changed, what was kept aside).  Otherwise
 * returns the exit status to end with (0: the reader chose to quit),
 * having printed why.
 */
int resume_open(const struct resume_opts *o, struct walk **w,
    struct session **s, strbuf *md);

/* The file a session argument names: itself when it holds a '/', else
 * NAME.json in session_dir().  NULL (with a message on stderr) when the
 * name is not valid or there is no folder.  Caller frees. */
char *resume_file(const char *arg);

#endif
