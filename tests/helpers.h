/* Shared helpers for the unit tests: temporary data folders. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guide.h"
#include "load.h"
#include "util.h"

/* Makes a fresh data folder with paths/ and stories/ under $TMPDIR
 * (tests/run.sh points it inside tests/out; else /tmp); caller frees. */
static inline char *
tmp_data(void)
{
	const char *t = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/asyncpath-test-XXXXXX", t && *t ? t : "/tmp");
	char *d = mkdtemp(tmpl);
	if (!d)
		abort();
	char *p = xasprintf("%s/paths", d), *s = xasprintf("%s/stories", d);
	mkdir(p, 0700);
	mkdir(s, 0700);
	free(p);
	free(s);
	return d; /* tmpl, filled in */
}

static inline void
put_file(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
	free(p);
}

static inline void
rm_data(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
	free(cmd);
	free(dir);
}

/* Loads tests/fixtures/good, the guide that uses every feature. */
static inline struct guide *
load_fixture(void)
{
	diag_list *d = diag_new();
	struct guide *fx = guide_load("tests/fixtures/good", d);
	diag_free(d);
	return fx;
}

#endif
