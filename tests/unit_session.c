/* Unit tests of session (load, save, replay, drift, lock) and readtime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "guide.h"
#include "helpers.h"
#include "load.h"
#include "progress.h"
#include "readtime.h"
#include "session.h"
#include "walk.h"

static struct guide *g;
static char *dir; /* a fresh folder for each test */

static int
setup(void **state)
{
	(void)state;
	return (g = load_fixture()) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	guide_free(g);
	return 0;
}

static int
each_setup(void **state)
{
	(void)state;
	dir = tmp_data();
	return 0;
}

static int
each_teardown(void **state)
{
	(void)state;
	rm_data(dir);
	return 0;
}

/* The first diagnostic printed for text parsed as "s.json". */
static char *
first_error(const char *text)
{
	static char line[512];
	diag_list *d = diag_new();
	struct session *s = session_parse(text, strlen(text), "s.json", d);
	assert_null(s);
	FILE *f = tmpfile();
	diag_print(d, f);
	rewind(f);
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	line[strcspn(line, "\n")] = '\0';
	fclose(f);
	assert_int_equal(diag_status(d), EXIT_DATA);
	diag_free(d);
	return line;
}

static const char good[] =
    "{\"version\": 1, \"name\": \"a\", \"path\": \"demo\",\n"
    " \"content_hash\": \"fnv1a64:0\", \"created\": \"2026-01-02T03:04:05Z\",\n"
    " \"updated\": \"2026-01-02T03:04:05Z\", \"character\": \"alan\",\n"
    " \"trail\": [{\"node\": \"start\", \"choice\": \"hub\", \"at\": "
    "\"2026-01-02T03:04:05Z\"},\n"
    "  {\"node\": \"hub\", \"choice\": null, \"at\": "
    "\"2026-01-02T03:04:06Z\"}],\n"
    " \"read\": [\"dave-locks-up\"], \"extra\": {\"kept\": true}}\n";

static void
test_parse_good(void **state)
{
	(void)state;
	diag_list *d = diag_new();
	struct session *s = session_parse(good, strlen(good), "x/a.json", d);
	assert_non_null(s);
	assert_string_equal(session_name(s), "a");
	assert_string_equal(session_path_id(s), "demo");
	assert_string_equal(session_updated(s), "2026-01-02T03:04:05Z");
	assert_int_equal(session_nnotes(s), 0);
	assert_int_equal(session_nexercises(s), 0);
	assert_int_equal(session_nsteps(s), 2);
	assert_null(session_participant(s));
	session_free(s);
	/* an exercise result as sessions before its times were kept wrote
	 * it: loads, with no times */
	const char *p = strstr(good, " \"read\"");
	char *old = xasprintf("%.*s \"exercises\": {\"e\": {\"status\": "
	                      "\"solved\", \"attempts\": 2, \"hints\": 1, "
	                      "\"last_error\": null}}}",
	    (int)(p - good), good);
	s = session_parse(old, strlen(old), "x/a.json", d);
	assert_non_null(s);
	assert_int_equal(session_nexercises(s), 1);
	struct session_exercise ex = session_exercise(s, 0);
	assert_int_equal(ex.status, SESSION_SOLVED);
	assert_int_equal(ex.attempts, 2);
	assert_null(ex.started);
	assert_null(ex.solved);
	session_free(s);
	free(old);
	diag_free(d);
	session_free(NULL);
}

static void
test_parse_errors_located(void **state)
{
	(void)state;
	assert_string_equal(first_error("{\"version\": 1,\n  \"name\": }"),
	    "s.json:2:11: error: not a session: unexpected token near '}'");
	assert_string_equal(first_error("[1, 2]"),
	    "s.json:1:1: error: the session is a list: expected an object");
	assert_string_equal(first_error("{\"version\": 7}"),
	    "s.json:1:13: error: version 7 is newer than this asyncpath "
	    "reads (1): a newer asyncpath wrote it");
	/* a wrong type deep inside: points at the value itself */
	char *t = xstrdup(good);
	char *p = strstr(t, "\"hub\", \"choice\": null");
	memcpy(p, "12345", 5);
	assert_string_equal(first_error(t),
	    "s.json:5:12: error: \"node\" is a number: expected a string");
	free(t);
	t = xstrdup(good);
	p = strstr(t, "03:04:06Z");
	p[0] = '9';
	assert_string_equal(first_error(t), "s.json:5:41: error: \"at\" is "
	    "not a time: expected UTC as YYYY-MM-DDTHH:MM:SSZ");
	free(t);
	assert_string_equal(first_error("{\"version\": 1, \"version\": 1}"),
	    "s.json:1:16: error: not a session: duplicate object key near "
	    "'\"version\"'");
	/* four hops down (quiz, answer 1, its options, option 2); the
	 * message names the keys an element needs, from the rules */
	t = xstrdup(good);
	p = strstr(t, " \"read\"");
	char *q = xasprintf("%.*s \"quiz\": [{\"question\": \"q\", "
	                    "\"answer\": [\"a\",\n 7], \"right\": true, "
	                    "\"at\": \"2026-01-02T03:04:05Z\"}]}",
	    (int)(p - t), t);
	assert_string_equal(first_error(q),
	    "s.json:7:2: error: an id in the list is a number: expected a "
	    "string");
	free(q);
	q = xasprintf("%.*s \"quiz\": [3]}", (int)(p - t), t);
	assert_string_equal(first_error(q),
	    "s.json:6:11: error: answer 1 is a number: expected an object "
	    "with \"question\", \"answer\", \"right\" and \"at\"");
	free(q);
	q = xasprintf("%.*s \"exercises\": {\"e\": {\"status\": "
	              "\"solved\", \"attempts\": -1}}}",
	    (int)(p - t), t);
	assert_string_equal(first_error(q),
	    "s.json:6:54: error: \"attempts\" is not a count: expected a "
	    "whole number from 0 to 1000000");
	free(q);
	/* started and solved are times when given */
	q = xasprintf("%.*s \"exercises\": {\"e\": {\"status\": "
	              "\"solved\", \"attempts\": 1, \"hints\": 0, "
	              "\"last_error\": null, \"started\": null, "
	              "\"solved\": 17}}}",
	    (int)(p - t), t);
	assert_string_equal(first_error(q),
	    "s.json:6:116: error: \"solved\" is not a time: expected UTC as "
	    "YYYY-MM-DDTHH:MM:SSZ");
	free(q);
	free(t);
}

/* A walk of the fixture: as Alan, then the std mutex. */
static struct walk *
walk_two(void)
{
	struct walk *w = walk_new(g, NULL);
	assert_true(walk_take(w, 0));
	assert_true(walk_take(w, 0));
	walk_mark_read(w, guide_story(g, "carol-finds-peace"));
	return w;
}

static void
test_save_load_replay(void **state)
{
	(void)state;
	struct walk *w = walk_two();
	char *file = session_file_for(dir, "round");
	struct session *s = session_new(file, w);
	session_add_note(s, walk_node(w), "locks \x1b[31m hurt");
	const char *ans[] = {"b", "c"};
	session_add_quiz(s, "q1", ans, 2, false);
	session_set_exercise(s, "ex-1", "failing", 2, 1, "E0277", 1764140531LL,
	    0);
	session_set_exercise(s, "ex-2", "solved", 3, 2, NULL, 1764140531LL,
	    1764141002LL);
	assert_int_equal(session_save(s, w), 0);
	assert_false(session_update(s, w)); /* nothing new since */
	session_free(s);

	diag_list *d = diag_new();
	s = session_load(file, d);
	assert_non_null(s);
	strbuf msg = {0};
	struct walk *r = session_replay(s, g, &msg);
	assert_non_null(r);
	assert_null(msg.s); /* nothing changed, nothing to say */
	assert_string_equal(walk_node(r)->id, "locked");
	assert_int_equal(walk_character(r), CH_ALAN);
	assert_int_equal(walk_steps(r), 2);
	assert_true(walk_has_read(r, guide_story(g, "carol-finds-peace")));
	assert_false(walk_has_read(r, guide_story(g, "dave-locks-up")));
	for (size_t i = 0; i < g->nflags; i++)
		assert_int_equal(walk_flag(r, i), walk_flag(w, i));
	assert_int_equal(session_nnotes(s), 1);
	struct session_note nt = session_note(s, 0);
	assert_string_equal(nt.text, "locks \x1b[31m hurt");
	assert_string_equal(nt.node, "locked");
	assert_int_equal(session_nexercises(s), 2);
	struct session_exercise ex = session_exercise(s, 0);
	assert_string_equal(ex.id, "ex-1");
	assert_int_equal(ex.attempts, 2);
	assert_string_equal(ex.last_error, "E0277");
	assert_string_equal(ex.started, "2025-11-26T07:02:11Z");
	assert_null(ex.solved); /* kept as null: not solved */
	assert_int_equal(session_exercise_took(&ex), -1);
	ex = session_exercise(s, 1);
	/* the times read back as the seconds saved: 7 min 51 s to solve */
	assert_int_equal(session_time_seconds(ex.started), 1764140531LL);
	assert_int_equal(session_exercise_took(&ex), 471);
	assert_int_equal(ex.hints, 2);
	assert_null(ex.last_error);
	assert_string_equal(ex.started, "2025-11-26T07:02:11Z");
	assert_string_equal(ex.solved, "2025-11-26T07:10:02Z");
	assert_int_equal(session_nanswers(s), 1);
	struct session_answer q = session_answer(s, 0);
	assert_int_equal(q.nchosen, 2);
	assert_string_equal(session_answer_option(s, 0, 1), "c");
	/* back works across the restart and is saved as a shorter trail */
	assert_true(walk_back(r));
	assert_string_equal(walk_node(r)->id, "hub");
	assert_true(session_update(s, r));
	assert_int_equal(session_nsteps(s), 2);
	walk_free(r);
	walk_free(w);
	session_free(s);
	diag_free(d);
	free(file);
}

/* Session times as seconds, bad ones as -1; the time to solve only for
 * a solve with both times in order; durations as a person reads them. */
static void
test_times_and_durations(void **state)
{
	(void)state;
	assert_int_equal(session_time_seconds("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(session_time_seconds("2000-03-01T00:00:01Z"),
	    951868801LL);
	assert_int_equal(session_time_seconds("2026-11-26T09:20:00Z"),
	    1795684800LL);
	assert_int_equal(session_time_seconds("26 Nov 2026"), -1);
	assert_int_equal(session_time_seconds(NULL), -1);
	struct session_exercise x = {"e", SESSION_SOLVED, 3, 1, NULL,
	    "2026-11-26T09:20:00Z", "2026-11-26T09:27:35Z"};
	assert_int_equal(session_exercise_took(&x), 455);
	x.status = SESSION_FAILING;
	assert_int_equal(session_exercise_took(&x), -1);
	x.status = SESSION_SOLVED, x.started = NULL;
	assert_int_equal(session_exercise_took(&x), -1);
	x.started = "2026-11-26T09:30:00Z"; /* after the solve: a bad clock */
	assert_int_equal(session_exercise_took(&x), -1);
	static const struct {
		double s;
		const char *text;
	} d[] = {{0, "0 s"}, {59.4, "59 s"}, {59.6, "1 min"}, {455, "7 min 35 s"},
	    {720, "12 min"}, {3900, "1 h 5 min"}};
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		strbuf b = {0};
		sb_duration(&b, d[i].s);
		assert_string_equal(b.s, d[i].text);
		sb_free(&b);
	}
}

/* Choices taken (took/not_took) come back with a replayed session, and
 * back after the restart forgets the one it undoes. */
static void
test_took_replay(void **state)
{
	(void)state;
	diag_list *d = diag_new();
	struct guide *t = guide_load("tests/check/took-conditions", d);
	assert_non_null(t);
	const struct node *a = guide_node(t, "a");
	struct walk *w = walk_new(t, NULL);
	assert_true(walk_take_id(w, "right"));
	char *file = session_file_for(dir, "took");
	struct session *s = session_new(file, w);
	assert_int_equal(session_save(s, w), 0);
	session_free(s);
	s = session_load(file, d);
	assert_non_null(s);
	strbuf msg = {0};
	struct walk *r = session_replay(s, t, &msg);
	assert_non_null(r);
	assert_true(walk_took(r, guide_choice(a, "right")));
	assert_false(walk_took(r, guide_choice(a, "left")));
	const struct choice *c[4];
	assert_int_equal(walk_offered(r, c, 4), 2); /* not_took: [left] */
	assert_true(walk_back(r));
	assert_false(walk_took(r, guide_choice(a, "right")));
	sb_free(&msg);
	walk_free(r);
	walk_free(w);
	session_free(s);
	free(file);
	guide_free(t);
	diag_free(d);
}

static void
test_times_kept(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	char *file = session_file_for(dir, "t");
	struct session *fresh = session_new(file, w);
	/* the same session, its first arrival moved back to 2000 */
	char *text = session_text(fresh);
	char *at = strstr(text, "\"at\": \"");
	assert_non_null(at);
	memcpy(at + 7, "2000-01-01T00:00:00Z", 20);
	diag_list *d = diag_new();
	struct session *s = session_parse(text, strlen(text), file, d);
	assert_non_null(s);
	walk_take(w, 1);
	assert_true(session_update(s, w));
	assert_int_equal(session_nsteps(s), 2);
	assert_string_equal(session_step(s, 0).at, "2000-01-01T00:00:00Z");
	assert_string_equal(session_step(s, 0).choice, "hub-2");
	assert_null(session_step(s, 1).choice);
	walk_free(w);
	session_free(s);
	session_free(fresh);
	diag_free(d);
	free(text);
	free(file);
}

static void
test_save_failure_keeps_file(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	char *blocker = xasprintf("%s/not-a-folder", dir);
	put_file(dir, "not-a-folder", "x");
	char *file = xasprintf("%s/s.json", blocker);
	struct session *s = session_new(file, w);
	assert_int_equal(session_save(s, w), ENOTDIR);
	session_set_readonly(s, true);
	assert_true(session_readonly(s));
	assert_int_equal(session_save(s, w), EROFS);
	session_free(s);
	free(file);
	free(blocker);
	walk_free(w);
}

static void
test_lock(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	char *file = session_file_for(dir, "l");
	struct session *a = session_new(file, w), *b = session_new(file, w);
	/* a killed save's temporary file goes when the lock is taken; a
	 * name that is not one (wrong length) stays */
	put_file(dir, ".l.json.Ab3dEf9hIj2L", "half");
	put_file(dir, ".l.json.short", "other");
	assert_int_equal(session_lock(a), 0);
	char *gone = xasprintf("%s/.l.json.Ab3dEf9hIj2L", dir);
	char *kept = xasprintf("%s/.l.json.short", dir);
	assert_int_equal(access(gone, F_OK), -1);
	assert_int_equal(access(kept, F_OK), 0);
	free(gone);
	free(kept);
	assert_int_equal(session_lock(a), 0);
	assert_int_equal(session_lock(b), EWOULDBLOCK);
	session_free(a);
	assert_int_equal(session_lock(b), 0);
	session_free(b);
	walk_free(w);
	free(file);
}

static void
test_move_aside(void **state)
{
	(void)state;
	char *moved = NULL;
	char *file = xasprintf("%s/m.json", dir);
	put_file(dir, "m.json", "one");
	assert_int_equal(session_move_aside(file, NULL, &moved), 0);
	assert_true(strstr(moved, "/m.1.json") != NULL);
	free(moved);
	put_file(dir, "m.json", "two");
	assert_int_equal(session_move_aside(file, NULL, &moved), 0);
	assert_true(strstr(moved, "/m.2.json") != NULL);
	free(moved);
	put_file(dir, "m.json", "three");
	assert_int_equal(session_move_aside(file, "damaged", &moved), 0);
	assert_true(strstr(moved, "/m.damaged.json") != NULL);
	free(moved);
	assert_int_equal(session_move_aside(file, NULL, &moved), ENOENT);
	size_t len;
	char *p = xasprintf("%s/m.1.json", dir);
	char *text = read_file(p, &len);
	assert_string_equal(text, "one");
	free(text);
	free(p);
	free(file);
}

/* A copy of the fixture with the node "locked" gone. */
static struct guide *
drifted(char **data)
{
	*data = tmp_data();
	char *cmd = xasprintf("cp tests/fixtures/good/stories/*.md %s/stories "
	    "&& sed -e 's/to: locked/to: finish/' -e '/^  - id: locked/,"
	    "/^  - id: send-error/{/^  - id: send-error/!d}' -e "
	    "'s/unvisited: \\[finish\\]/set: [std-mutex]/' "
	    "tests/fixtures/good/paths/demo.yaml > %s/paths/demo.yaml && "
	    "rm %s/stories/dave-locks-up.md && sed -i "
	    "'s/dave-locks-up, //' %s/paths/demo.yaml", *data, *data, *data,
	    *data);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	diag_list *d = diag_new();
	struct guide *g2 = guide_load(*data, d);
	if (!g2)
		diag_print(d, stderr);
	diag_free(d);
	return g2;
}

static void
test_drift(void **state)
{
	(void)state;
	struct walk *w = walk_two();
	walk_mark_read(w, guide_story(g, "dave-locks-up"));
	char *file = session_file_for(dir, "d");
	struct session *s = session_new(file, w);
	assert_int_equal(session_save(s, w), 0);
	session_free(s);
	char *data;
	struct guide *g2 = drifted(&data);
	assert_non_null(g2);
	diag_list *d = diag_new();
	s = session_load(file, d);
	strbuf msg = {0};
	struct walk *r = session_replay(s, g2, &msg);
	assert_non_null(r);
	assert_string_equal(walk_node(r)->id, "hub");
	assert_int_equal(session_dropped(s), 1);
	assert_string_equal(msg.s, "The content has changed since this "
	    "session was saved. Gone now: node `locked`, story "
	    "`dave-locks-up`. Your walk resumes at step 2 of the 3 it had: "
	    "the last one that still leads on.\n");
	/* the id gone stays in the list of stories read */
	session_update(s, r);
	assert_int_equal(session_nread(s), 2);
	assert_string_equal(session_read_id(s, 1), "dave-locks-up");
	sb_free(&msg);
	walk_free(r);
	session_free(s);
	guide_free(g2);
	rm_data(data);
	diag_free(d);
	walk_free(w);
	free(file);
}

static void
test_path_gone(void **state)
{
	(void)state;
	char *t = xstrdup(good);
	memcpy(strstr(t, "\"demo\""), "\"gone\"", 6);
	diag_list *d = diag_new();
	struct session *s = session_parse(t, strlen(t), "a.json", d);
	strbuf msg = {0};
	assert_null(session_replay(s, g, &msg));
	assert_string_equal(msg.s, "This session walks the path `gone`, "
	    "which this guide does not have.\n");
	sb_free(&msg);
	session_free(s);
	diag_free(d);
	free(t);
}

static void
each_fn(const char *file, struct session *s, diag_list *d, void *ctx)
{
	strbuf *b = ctx;
	const char *slash = strrchr(file, '/');
	sb_printf(b, "%s:%s;", slash + 1, s ? session_name(s) :
	    diag_count(d, DIAG_ERROR) ? "damaged" : "?");
}

static void
test_each(void **state)
{
	(void)state;
	strbuf b = {0};
	char *sub = xasprintf("%s/none", dir);
	assert_int_equal(session_each(sub, each_fn, &b), ENOENT);
	free(sub);
	struct walk *w = walk_new(g, NULL);
	char *f1 = session_file_for(dir, "b"), *f2 = session_file_for(dir,
	    "a");
	struct session *s1 = session_new(f1, w), *s2 = session_new(f2, w);
	assert_int_equal(session_save(s1, w), 0);
	assert_int_equal(session_save_copy(s2, w, f2), 0);
	put_file(dir, "c.json", "{");
	put_file(dir, "c.damaged.json", "{");
	put_file(dir, ".hidden.json", "{");
	assert_int_equal(session_each(dir, each_fn, &b), 0);
	assert_string_equal(b.s, "a.json:a;b.json:b;c.json:damaged;");
	sb_free(&b);
	session_free(s1);
	session_free(s2);
	free(f1);
	free(f2);
	walk_free(w);
}

static void
test_hash(void **state)
{
	(void)state;
	char *h1 = session_content_hash(guide_default_path(g));
	char *h2 = session_content_hash(guide_default_path(g));
	char *h3 = session_content_hash(guide_path(g, "other"));
	assert_string_equal(h1, h2);
	assert_string_not_equal(h1, h3);
	assert_int_equal(strlen(h1), strlen("fnv1a64:") + 16);
	free(h1);
	free(h2);
	free(h3);
}

static void
test_names(void **state)
{
	(void)state;
	assert_true(session_name_ok("status-quo"));
	assert_true(session_name_ok("a.1_B"));
	assert_false(session_name_ok(""));
	assert_false(session_name_ok(".hidden"));
	assert_false(session_name_ok("-opt"));
	assert_false(session_name_ok("a/b"));
	assert_false(session_name_ok("a b"));
	assert_false(session_name_ok(
	    "x234567890123456789012345678901234567890123456789012345678901234"
	    "5"));
	setenv("XDG_STATE_HOME", "/st", 1);
	char *d = session_dir();
	assert_string_equal(d, "/st/asyncpath/sessions");
	free(d);
	setenv("XDG_STATE_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	d = session_dir();
	assert_string_equal(d, "/home/u/.local/state/asyncpath/sessions");
	free(d);
}

static void
test_readtime(void **state)
{
	(void)state;
	assert_int_equal(readtime_words(NULL), 0);
	assert_int_equal(readtime_words(""), 0);
	assert_int_equal(readtime_words("  one two\tthree\n"), 3);
	assert_int_equal(readtime_words("- a list * item -- | ``` #"), 3);
	assert_int_equal(readtime_words("let x = f(y).await;"), 3);
	assert_int_equal(readtime_words("caf\xc3\xa9 na\xc3\xafve"), 2);
	assert_int_equal(readtime_minutes(0), 0);
	assert_int_equal(readtime_minutes(1), 1);
	assert_int_equal(readtime_minutes(230), 1);
	assert_int_equal(readtime_minutes(231), 2);
	/* counted at load */
	const struct node *n = guide_node(g, "hub");
	assert_int_equal(n->words, 2 + 3 + 3); /* title, pain, text */
	assert_true(guide_story(g, "dave-locks-up")->words > 20);
}

static void
test_progress(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	const struct node *hub = guide_node(g, "hub"), *locked =
	    guide_node(g, "locked"), *fin = guide_node(g, "finish");
	const struct story *dave = guide_story(g, "dave-locks-up"), *carol =
	    guide_story(g, "carol-finds-peace");
	size_t places;
	size_t left = progress_words_left(w, &places);
	assert_int_equal(places, 3);
	assert_int_equal(left, hub->words + dave->words + carol->words +
	    locked->words + fin->words);
	walk_mark_read(w, dave);
	assert_int_equal(progress_words_left(w, &places), left - dave->words);
	assert_int_equal(progress_words_read(w, NULL),
	    guide_node(g, "start")->words + dave->words);
	walk_take(w, 0);
	char *file = session_file_for(dir, "p");
	struct session *s = session_new(file, w);
	session_add_note(s, hub, "ask *why*\n# not a heading");
	walk_back(w);
	session_update(s, w);
	assert_true(session_seen(s, "hub")); /* seen stays after back */
	assert_int_equal(session_nseen(s), 2);
	strbuf md = {0};
	progress_view(w, s, &md);
	assert_non_null(strstr(md.s, "- **Stage 1 of 3: Introduction**: 2 of 2 places "
	    "seen, 1 of 1 pain points met, 1 of 2 linked stories read\n"));
	assert_non_null(strstr(md.s, "- **Stage 2 of 3: The middle part**: 0 of 2 "
	    "places "
	    "seen\n"));
	assert_non_null(strstr(md.s, "Met on your way and not opened yet: "
	    "`carol-finds-peace`.\n"));
	assert_non_null(strstr(md.s, "- at **The hub**: ask \\*why\\* "
	    "\\# not a heading\n"));
	assert_non_null(strstr(md.s, "Left on the shortest way to an end: "
	    "about 1 min (3 places and the stories linked there).\n"));
	sb_free(&md);
	session_free(s);
	free(file);
	walk_free(w);
}

/* session_clean_name: what a name becomes before it is kept. */
static void
test_clean_name(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"Ada", "Ada"},
	    {"  Ada \t Lovelace\n", "Ada Lovelace"},
	    {"Eve\x1b[31m", "Eve[31m"},
	    {"a\xe2\x80\xae" "b", "ab"}, /* U+202E */
	    {"bad\xff utf", "bad utf"},
	    {"Zoë", "Zoë"},
	    {"\x7f\x01", ""},
	    {"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *c = session_clean_name(cases[i][0]);
		assert_string_equal(c, cases[i][1]);
		free(c);
	}
	/* cut at a character boundary, never past the limit */
	char longname[200];
	for (size_t i = 0; i < 66; i++)
		memcpy(longname + 3 * i, "\xc3\xa9" "a", 3);
	longname[198] = '\0';
	char *c = session_clean_name(longname);
	assert_true(strlen(c) <= SESSION_NAME_MAX);
	assert_int_equal(strlen(c), 63); /* 21 times é and a */
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_errors_located),
		cmocka_unit_test_setup_teardown(test_save_load_replay,
		    each_setup, each_teardown),
		cmocka_unit_test_setup_teardown(test_took_replay, each_setup,
		    each_teardown),
		cmocka_unit_test_setup_teardown(test_times_kept, each_setup,
		    each_teardown),
		cmocka_unit_test_setup_teardown(test_save_failure_keeps_file,
		    each_setup, each_teardown),
		cmocka_unit_test_setup_teardown(test_lock, each_setup,
		    each_teardown),
		cmocka_unit_test_setup_teardown(test_move_aside, each_setup,
		    each_teardown),
		cmocka_unit_test_setup_teardown(test_drift, each_setup,
		    each_teardown),
		cmocka_unit_test(test_path_gone),
		cmocka_unit_test_setup_teardown(test_each, each_setup,
		    each_teardown),
		cmocka_unit_test(test_times_and_durations),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_clean_name),
		cmocka_unit_test(test_readtime),
		cmocka_unit_test_setup_teardown(test_progress, each_setup,
		    each_teardown),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
