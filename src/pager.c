/* pager: see include/pager.h. */
#include "pager.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int
pager_write(const char *text, size_t len, bool enabled)
{
	struct winsize ws;
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	if (enabled && isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    lines >= ws.ws_row) {
		const char *pager = getenv("PAGER");
		if (!pager || !*pager)
			pager = "less -R";
		fflush(stdout);
		FILE *p = popen(pager, "w");
		if (p) {
			/* quitting the pager early must not kill us */
			void (*old)(int) = signal(SIGPIPE, SIG_IGN);
			fwrite(text, 1, len, p);
			pclose(p);
			signal(SIGPIPE, old);
			return 0;
		}
	}
	fwrite(text, 1, len, stdout);
	return fflush(stdout) == 0 ? 0 : -1;
}
