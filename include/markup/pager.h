/*
 * pager: shows long output through $PAGER (default "less -R") when stdout
 * is a terminal that is not "dumb" and the text is taller than the
 * screen; otherwise, and when paging is off, writes it straight to stdout.
 * A pager that cannot run (not found, or it fails) is reported once on
 * stderr, and the text is printed instead; then no pager is tried again.
 * Quitting the pager early is no error.  SIGINT and SIGPIPE are ignored
 * while the pager runs, as git does, so Ctrl-C belongs to the pager.
 */
#ifndef ASYNCPATH_PAGER_H
#define ASYNCPATH_PAGER_H

#include <stdbool.h>
#include <stddef.h>

enum {
	PAGER_PRINTED = 0, /* written to stdout */
	PAGER_PAGED = 1, /* shown by the pager (the screen may be gone) */
	PAGER_ERROR = -1 /* writing failed; errno says why, stderr too */
};

/* Writes text (len bytes); through the pager when enabled and needed.
 * Returns one of the PAGER_ values. */
int pager_write(const char *text, size_t len, bool enabled);

/* True when output of that many lines would go through the pager. */
bool pager_would_page(size_t lines, bool enabled);

/* The terminal's width in columns, or 0 when stdout is no terminal. */
int pager_columns(void);
/* The terminal's height in rows, or 0 when stdout is no terminal. */
int pager_rows(void);

#endif
