/*
 * fuzz_guide: the guide loader on one YAML path file.  The input is
 * written as paths/fuzz.yaml of a data folder whose stories/ holds the
 * fixture cards (tests/fixtures/good), then loaded whole.  Properties:
 * no crash, leak or undefined behaviour; a load either gives a guide or
 * fails with located errors (FILE:LINE:COLUMN) and no guide.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "load.h"
#include "util.h"

static char *dir, *file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dir = fuzz_tempdir("guide");
	char *paths = xasprintf("%s/paths", dir);
	char *stories = xasprintf("%s/stories", dir);
	if (mkdir(paths, 0700) || mkdir(stories, 0700))
		abort();
	static const char *const cards[] = {"carol-finds-peace",
	    "dave-locks-up"};
	for (size_t i = 0; i < 2; i++) {
		char *from = xasprintf("%s/tests/fixtures/good/stories/%s.md",
		    FUZZ_ROOT, cards[i]);
		char *to = xasprintf("%s/%s.md", stories, cards[i]);
		size_t len;
		char *text = read_file(from, &len);
		if (!text) {
			perror(from);
			abort();
		}
		fuzz_write(to, (const uint8_t *)text, len);
		free(text);
		free(from);
		free(to);
	}
	file = xasprintf("%s/fuzz.yaml", paths);
	free(paths);
	free(stories);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(file, data, size);
	diag_list *d = diag_new();
	struct guide *g = guide_load(dir, d);
	if (!g)
		fuzz_assert_located(d, dir);
	else
		FUZZ_ASSERT(diag_count(d, DIAG_ERROR) == 0,
		    "a loaded guide has no errors");
	guide_free(g);
	diag_free(d);
	return 0;
}
