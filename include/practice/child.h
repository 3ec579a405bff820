/*
 * child: runs one program for the exercise runner and always stops what it
 * starts.  The program gets a process group of its own, /dev/null for
 * stdin, two pipes for stdout and stderr and no other descriptor of ours.
 * One deadline bounds the whole run: reading, waiting for the exit and
 * stopping stragglers.  While it runs we are a child subreaper
 * (PR_SET_CHILD_SUBREAPER), so a descendant that leaves the group or the
 * session (setsid) still comes back to us, and every descendant is killed
 * when the program ends, at the deadline or when *stop is set (SIGINT,
 * SIGTERM or SIGHUP).  Those three are let in only inside the wait
 * (pselect), whatever the caller's mask; the caller's handler sets *stop.
 */
#ifndef ASYNCPATH_CHILD_H
#define ASYNCPATH_CHILD_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct child_opts {
	char *const *argv; /* argv[0] found on PATH */
	const char *dir; /* working folder */
	const char *const *env; /* NAME, VALUE pairs added; NULL-ended */
	double timeout; /* seconds from the start to the deadline */
	size_t cap; /* bytes kept a stream; the rest is read and dropped,
	               the kept part cut at a line end */
	/* each whole line as it arrives (fd 1 or 2, without its newline);
	   may be NULL */
	void (*on_line)(void *ctx, int fd, const char *line, size_t len);
	void *ctx;
	volatile sig_atomic_t *stop; /* set by a signal: stop now (may be
	                                NULL) */
};

struct child {
	int status; /* exit status, or 128 + signal */
	bool timed_out, stopped;
	strbuf out, err; /* what it printed, up to the cap */
	size_t cut_out, cut_err; /* bytes dropped past the cap */
	double *line_t; /* when each kept stdout line arrived, seconds from
	                   the start */
	size_t nline, line_cap;
	double seconds; /* wall time until it ended or was stopped */
	double cpu_s; /* when stopped: seconds on a processor, all threads */
	double runnable_s; /* and on one or waiting for one (a busy loop
	                      is runnable all the time) */
	unsigned strays; /* descendants still running when it exited,
	                    stopped by us */
};

/* Runs o->argv; fills c (free with child_free).  Returns 0, or an errno
 * when the program could not start (ENOENT: no such program). */
int child_run(const struct child_opts *o, struct child *c);
void child_free(struct child *c);

#endif
