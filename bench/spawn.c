/*
 * spawn.c: runs a command and writes what it used, for bench/measure.py:
 * "SECONDS_CPU MAXRSS_KB STATUS" (user + system CPU time of the command
 * alone, its peak resident set).  Forked from this small program, the
 * command's peak memory does not start at that of the Python process
 * that measures it, as it would when Python forked it directly.
 * Usage: spawn OUTFILE CMD [ARG...]; exits with the command's status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: spawn OUTFILE CMD [ARG...]\n", stderr);
		return 64;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("spawn: fork");
		return 71;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("spawn: wait4");
		return 71;
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status)
	                             : 128 + WTERMSIG(status);
	FILE *f = fopen(argv[1], "w");
	if (!f) {
		perror(argv[1]);
		return 74;
	}
	fprintf(f, "%.6f %ld %d\n",
	    (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	        (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
	    ru.ru_maxrss, code);
	fclose(f);
	return code;
}
