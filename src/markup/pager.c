/* pager: see include/pager.h. */
#include "pager.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"

static bool pager_broken; /* it failed once: print from now on */

int
pager_columns(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO) ||
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

int
pager_rows(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO) ||
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_row;
}

bool
pager_would_page(size_t lines, bool enabled)
{
	struct winsize ws;
	const char *term = getenv("TERM");
	return enabled && !pager_broken && isatty(STDOUT_FILENO) &&
	    !(term && strcmp(term, "dumb") == 0) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    lines >= ws.ws_row;
}

static int
print(const char *text, size_t len)
{
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		int e = errno;
		diag_say(stderr, "asyncpath: cannot write the output: %s\n",
		    strerror(e));
		errno = e;
		return PAGER_ERROR;
	}
	return PAGER_PRINTED;
}

/* Runs the pager on text; PAGER_PAGED, or PAGER_PRINTED when it could not
 * show it (after saying so), or PAGER_ERROR. */
static int
page(const char *text, size_t len)
{
	const char *pager = getenv("PAGER");
	if (!pager || !*pager)
		pager = "less -R";
	if (fflush(stdout) != 0)
		return print(text, len); /* reports the error */
	struct sigaction ign, old_pipe, old_int;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe);
	FILE *p = popen(pager, "w");
	int status = -1, werr = 0;
	if (p) {
		/* the pager has started: Ctrl-C is its own now */
		sigaction(SIGINT, &ign, &old_int);
		if (fwrite(text, 1, len, p) != len || fflush(p) != 0)
			werr = errno;
		status = pclose(p);
		sigaction(SIGINT, &old_int, NULL);
	}
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (p && status != -1 && WIFSIGNALED(status))
		return PAGER_PAGED; /* stopped by the reader, somehow */
	if (p && status == 0) {
		if (werr && werr != EPIPE) { /* EPIPE: quit early, fine */
			diag_say(stderr,
			    "asyncpath: cannot write to the "
			    "pager: %s\n",
			    strerror(werr));
			errno = werr;
			return PAGER_ERROR;
		}
		return PAGER_PAGED;
	}
	pager_broken = true;
	if (!p || status == -1)
		diag_say(stderr,
		    "asyncpath: cannot run the pager '%s': %s; "
		    "printing instead\n",
		    pager, strerror(errno));
	else
		diag_say(stderr,
		    "asyncpath: the pager '%s' failed (exit "
		    "status %d); printing instead\n",
		    pager, WEXITSTATUS(status));
	return print(text, len);
}

int
pager_write(const char *text, size_t len, bool enabled)
{
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	if (pager_would_page(lines, enabled))
		return page(text, len);
	return print(text, len);
}
