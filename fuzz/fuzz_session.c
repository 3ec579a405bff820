/*
 * fuzz_session: the session file loader (docs/SESSION.md) on one JSON
 * document, through session_parse, then replayed against the shipped
 * content as a resumed walk would be.  Properties: no crash, leak or
 * undefined behaviour; a document either loads or fails with exactly
 * located errors (FILE:LINE:COLUMN) and no session; a loaded session
 * replays to a walk or says why not; the document, with the walk copied
 * back into it, serialises to a file that loads again (a save is never
 * lost).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "session.h"
#include "util.h"
#include "walk.h"

static struct guide *guide;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_list *d = diag_new();
	guide = guide_load(FUZZ_ROOT, d);
	if (!guide) {
		diag_print(d, stderr);
		abort();
	}
	diag_free(d);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list *d = diag_new();
	struct session *s = session_parse((const char *)data, size,
	    "/fuzz/session.json", d);
	if (!s) {
		fuzz_assert_located(d, "/fuzz/");
	} else {
		FUZZ_ASSERT(diag_count(d, DIAG_ERROR) == 0,
		    "a loaded session has no errors");
		strbuf msg = {0};
		struct walk *w = session_replay(s, guide, &msg);
		FUZZ_ASSERT(w || msg.len, "a replay that fails says why");
		if (w)
			session_update(s, w);
		/* what a save would write loads again */
		char *text = session_text(s);
		FUZZ_ASSERT(text, "the document serialises");
		diag_list *d2 = diag_new();
		struct session *again = session_parse(text, strlen(text),
		    "/fuzz/again.json", d2);
		if (!again)
			diag_print(d2, stderr);
		FUZZ_ASSERT(again, "a session as saved loads again");
		session_free(again);
		diag_free(d2);
		free(text);
		walk_free(w);
		sb_free(&msg);
	}
	session_free(s);
	diag_free(d);
	return 0;
}
