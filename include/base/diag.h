/*
 * diag: located diagnostics ("FILE:LINE:COLUMN: error: message") and the
 * program's exit statuses.  A diag_list collects problems while data loads
 * or is checked; nothing is printed until the caller decides to.  The list
 * owns copies of every string given to it.
 */
#ifndef ASYNCPATH_DIAG_H
#define ASYNCPATH_DIAG_H

#include <stdio.h>

enum exit_status {
	EXIT_OK_ = 0,
	EXIT_FAILURE_ = 1, /* check --strict found warnings */
	EXIT_USAGE = 64, /* bad command line */
	EXIT_DATA = 65, /* malformed content or session */
	EXIT_NOINPUT = 66, /* a file or folder that is not there */
	EXIT_UNAVAILABLE = 69, /* a program or library needed is missing */
	EXIT_SOFTWARE = 70,
	EXIT_IO = 74 /* a write failed */
};

enum diag_level { DIAG_ERROR, DIAG_WARNING };

typedef struct diag_list diag_list;

diag_list *diag_new(void);
void diag_free(diag_list *d);

/* Errors kept per file; past it, they are counted, and one line says how
 * many more there were (as compilers do: gcc's -fmax-errors, clang's
 * -ferror-limit).  Warnings are all kept: check lists every one. */
#define DIAG_PER_FILE 20

/*
 * Records a problem.  file may be NULL; line and col are 1-based, 0 when
 * unknown.  status is the exit status the problem implies (EXIT_DATA or
 * EXIT_NOINPUT); warnings pass 0.
 */
void diag_add(diag_list *d, enum diag_level level, int status, const char *file,
    int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Problems of level recorded, those past the cap included. */
size_t diag_count(const diag_list *d, enum diag_level level);
/* The exit status of the first error recorded, or 0 when there is none. */
int diag_status(const diag_list *d);
/* Prints every problem, one a line, in the order recorded. */
void diag_print(const diag_list *d, FILE *out);
/* Every problem as diag_print prints it, in one string (caller frees). */
char *diag_text(const diag_list *d);
/*
 * Prints a message formatted from fmt to out at once, passing each line
 * (newlines kept) through the content sanitiser: a file name, id or
 * other text a user supplied never reaches a terminal as a control
 * sequence.  Every message that quotes input goes through here or
 * diag_print.
 */
void diag_say(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Sorts problems by file, line and column (stable). */
void diag_sort(diag_list *d);

#endif
