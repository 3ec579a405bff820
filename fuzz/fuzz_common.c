/* fuzz_common.c: helpers for the libFuzzer targets (see fuzz.h). */
#define _GNU_SOURCE
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

void
fuzz_fail(const char *what, const char *note, const char *file, int line)
{
	fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
	if (note)
		fprintf(stderr, "    %s\n", note);
	abort();
}

static char *made[8];
static size_t nmade;

static void
remove_made(void)
{
	for (size_t i = 0; i < nmade; i++) {
		char *cmd = xasprintf("rm -rf '%s'", made[i]);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: could not remove %s\n", made[i]);
		free(cmd);
		free(made[i]);
	}
	nmade = 0;
}

char *
fuzz_tempdir(const char *name)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *dir = xasprintf("%s/asyncpath-fuzz-%s-XXXXXX", base, name);
	if (!mkdtemp(dir)) {
		perror(dir);
		abort();
	}
	if (nmade == 0)
		atexit(remove_made);
	if (nmade < sizeof made / sizeof *made)
		made[nmade++] = xstrdup(dir);
	return dir;
}

void
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) {
		perror(path);
		abort();
	}
}

/* Whether s starts with digits >= 1 then c; moves *s past c. */
static int
number_then(const char **s, char c)
{
	char *end;
	long n = strtol(*s, &end, 10);
	if (end == *s || n < 1 || *end != c)
		return 0;
	*s = end + 1;
	return 1;
}

void
fuzz_assert_located(const diag_list *d, const char *dir)
{
	FUZZ_ASSERT(diag_count(d, DIAG_ERROR) > 0, "a failed load says why");
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	diag_print(d, f);
	fclose(f);
	size_t dl = strlen(dir);
	for (char *line = text; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		const char *p = strchr(line, ':');
		if (p && strncmp(p, ": warning: ", 11) != 0) {
			/* an error: DIR/FILE:LINE:COLUMN: error: (no ':' in
			 * our file names) */
			FUZZ_ASSERT(strncmp(line, dir, dl) == 0, line);
			p++;
			FUZZ_ASSERT(number_then(&p, ':') && number_then(&p, ':') &&
			    strncmp(p, " error: ", 8) == 0, line);
		}
		line = end ? end + 1 : NULL;
	}
	free(text);
}
