/*
 * fuzz_repl: the walk's command line parser and its completion, over the
 * shipped content.  The input is a script, one command line a line (at
 * most 64 lines), run against a fresh walk: each line is first completed
 * at its last word, then evaluated.  Properties: no crash, leak or
 * undefined behaviour; completions are sorted, unique, and each starts
 * with the word being completed; nothing a command appends is lost
 * (the Markdown answer is valid to the end: no NUL inside it).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "repl.h"
#include "util.h"
#include "walk.h"

static struct guide *guide;
static const struct path *path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Nothing a command writes may land in the user's files. */
	char *home = fuzz_tempdir("repl");
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", home, 1);
	setenv("XDG_DATA_HOME", home, 1);
	setenv("ASYNCPATH_HISTORY", "/dev/null", 1);
	unsetenv("ASYNCPATH_UPSTREAM");
	free(home);
	diag_list *d = diag_new();
	guide = guide_load(FUZZ_ROOT, d);
	if (!guide) {
		diag_print(d, stderr);
		abort();
	}
	diag_free(d);
	path = guide_default_path(guide);
	return 0;
}

static void
check_completion(const char *line)
{
	const char *sp = strrchr(line, ' ');
	int start = sp ? (int)(sp - line) + 1 : 0;
	const char *word = line + start;
	char **c = repl_complete(guide, line, start);
	for (size_t i = 0; c[i]; i++) {
		FUZZ_ASSERT(strncmp(c[i], word, strlen(word)) == 0,
		    "a completion starts with the word typed");
		if (i > 0)
			FUZZ_ASSERT(strcmp(c[i - 1], c[i]) < 0,
			    "completions are sorted and unique");
	}
	for (size_t i = 0; c[i]; i++)
		free(c[i]);
	free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *script = xstrndup((const char *)data, size);
	struct walk *w = walk_new(guide, path);
	struct repl_opts o = {.render = {.width = 80}};
	strbuf md = {0};
	char *line = script;
	for (int k = 0; k < 64 && line; k++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		check_completion(line);
		sb_free(&md);
		bool go = repl_eval(w, &o, line, &md);
		FUZZ_ASSERT(!md.s || strlen(md.s) == md.len,
		    "the answer holds no NUL");
		if (!go)
			break;
		line = nl ? nl + 1 : NULL;
	}
	sb_free(&md);
	walk_free(w);
	free(script);
	return 0;
}
