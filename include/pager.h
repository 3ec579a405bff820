/*
 * pager: shows long output through $PAGER (default "less -R") when stdout
 * is a terminal and the text is taller than the screen; otherwise, and
 * when paging is off, writes it straight to stdout.
 */
#ifndef ASYNCPATH_PAGER_H
#define ASYNCPATH_PAGER_H

#include <stdbool.h>
#include <stddef.h>

/* Writes text (len bytes); through the pager when enabled and needed.
 * Returns 0, or -1 when writing to stdout failed. */
int pager_write(const char *text, size_t len, bool enabled);

#endif
