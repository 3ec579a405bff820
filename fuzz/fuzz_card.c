/*
 * fuzz_card: the story card parser (front matter and body) on one file,
 * stories/fuzz.md.  Properties: no crash, leak or undefined behaviour; a
 * card either loads (its id is then "fuzz", the file name) or fails with
 * located errors (FILE:LINE:COLUMN) and no card.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "util.h"

static char *dir, *file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dir = fuzz_tempdir("card");
	file = xasprintf("%s/fuzz.md", dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(file, data, size);
	diag_list *d = diag_new();
	struct story *s = story_load(file, d);
	if (!s) {
		fuzz_assert_located(d, dir);
	} else {
		FUZZ_ASSERT(diag_count(d, DIAG_ERROR) == 0,
		    "a loaded card has no errors");
		FUZZ_ASSERT(strcmp(s->id, "fuzz") == 0,
		    "a card's id is its file name");
		FUZZ_ASSERT(s->nmorals >= 2 && s->nmorals <= 6 &&
		    s->nquestions >= 2 && s->nquestions <= 4 &&
		    s->ntopics >= 1 && s->ntopics <= 5 && s->body,
		    "a loaded card keeps the schema of docs/CARDS.md");
	}
	story_free(s);
	diag_free(d);
	return 0;
}
