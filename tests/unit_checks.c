/* Unit tests of checks: the `gap` and `reply` items on timed lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "checks.h"
#include "exercise.h"
#include "util.h"

/* Runs one must item m on out, whose lines arrived at t (seconds); the
 * verdict's sentence goes to why (freed by the caller). */
static bool
holds(struct must *m, const char *out, const double *t, size_t n,
    strbuf *why)
{
	struct exercise e = {0};
	e.must = m, e.nmust = 1;
	struct seen s = {out, t, n, NULL, NULL, NULL, 0, false};
	strbuf skipped = {0};
	int bad = checks_run(&e, &s, why, &skipped);
	sb_free(&skipped);
	return bad < 0;
}

static struct must
reply(int max_ms)
{
	static char *answer[] = {"status:", NULL};
	struct must m = {.kind = MUST_REPLY, .say = "Answered promptly.",
	    .what = "asked", .texts = answer, .ntexts = 1, .max_ms = max_ms};
	return m;
}

/* Two requests, each answered 2 ms after it, between lines of other
 * kinds: holds. */
static void
reply_prompt(void **state)
{
	(void)state;
	struct must m = reply(100);
	const char *out = "asked 1\nstatus: 0\nreading\nasked 2\n"
	                  "status: 3\ntotal\n";
	double t[] = {0.020, 0.022, 0.300, 0.340, 0.342, 0.700};
	strbuf why = {0};
	assert_true(holds(&m, out, t, 6, &why));
	assert_int_equal(why.len, 0);
	sb_free(&why);
}

/* An answer 99 ms late holds at 100 ms; one 101 ms late does not, and
 * the sentence names the request, the answer and the delay. */
static void
reply_late(void **state)
{
	(void)state;
	struct must m = reply(100);
	const char *out = "asked 1\nstatus: 0\nasked 2\nstatus: 3\n";
	double ok[] = {0.0, 0.099, 0.5, 0.599};
	double late[] = {0.0, 0.099, 0.5, 0.601};
	strbuf why = {0};
	assert_true(holds(&m, out, ok, 4, &why));
	assert_false(holds(&m, out, late, 4, &why));
	assert_string_equal(why.s,
	    "The 2nd line with `asked` (line 3) was answered 101 ms later, "
	    "by line 4 with `status:` (at most 100 ms).");
	sb_free(&why);
}

/* Answers held back until the frame is read, 300 ms on: fails at the
 * first request. */
static void
reply_per_frame(void **state)
{
	(void)state;
	struct must m = reply(100);
	const char *out = "asked 1\nstatus: 0\nasked 2\nstatus: 3\n";
	double t[] = {0.020, 0.320, 0.360, 0.660};
	strbuf why = {0};
	assert_false(holds(&m, out, t, 4, &why));
	assert_non_null(strstr(why.s, "The 1st line with `asked` (line 1) "
	                              "was answered 300 ms later"));
	sb_free(&why);
}

/* All answers at the end: the first request has none before the next;
 * a last request never answered; no request at all. */
static void
reply_missing(void **state)
{
	(void)state;
	struct must m = reply(100);
	double t[] = {0.0, 0.1, 0.2, 0.2, 0.2};
	strbuf why = {0};
	assert_false(holds(&m, "asked 1\nasked 2\nstatus: 0\nstatus: 0\n", t,
	    4, &why));
	assert_string_equal(why.s,
	    "The 1st line with `asked` (line 1) had no line with `status:` "
	    "after it before the next one.");
	sb_free(&why);
	assert_false(holds(&m, "asked 1\nstatus: 0\nasked 2\ntotal\n", t, 4,
	    &why));
	assert_string_equal(why.s,
	    "The 2nd line with `asked` (line 3) had no line with `status:` "
	    "after it.");
	sb_free(&why);
	/* an answer before its request does not count */
	assert_false(holds(&m, "status: 0\ntotal\n", t, 2, &why));
	assert_string_equal(why.s, "No line with `asked`.");
	sb_free(&why);
}

/* Lines past the timed ones (a cut output) are not judged: a request
 * whose answer was not timed is unanswered. */
static void
reply_untimed(void **state)
{
	(void)state;
	struct must m = reply(100);
	double t[] = {0.0};
	strbuf why = {0};
	assert_false(holds(&m, "asked 1\nstatus: 0\n", t, 1, &why));
	assert_non_null(strstr(why.s, "had no line with `status:` after it."));
	sb_free(&why);
}

static struct must
gap(int max_ms, int at_least, int span_ms)
{
	struct must m = {.kind = MUST_GAP, .say = "Spread out.", .what = "beat",
	    .max_ms = max_ms, .at_least = at_least, .span_ms = span_ms};
	return m;
}

/* gap: the longest gap, the count and the span, each able to fail. */
static void
gap_spacing(void **state)
{
	(void)state;
	const char *out = "beat\nother\nbeat\nbeat\n";
	double even[] = {0.0, 0.05, 0.1, 0.2};
	double burst[] = {0.0, 0.0, 0.001, 0.002};
	double stall[] = {0.0, 0.1, 0.5, 0.6};
	strbuf why = {0};
	struct must m = gap(150, 3, 100);
	assert_true(holds(&m, out, even, 4, &why));
	assert_false(holds(&m, out, burst, 4, &why));
	assert_string_equal(why.s,
	    "All 3 lines with `beat` came within 2 ms, in one burst (the "
	    "first and the last at least 100 ms apart).");
	sb_free(&why);
	assert_false(holds(&m, out, stall, 4, &why));
	assert_string_equal(why.s,
	    "Lines 1 and 2 with `beat` came 500 ms apart (at most 150 ms).");
	sb_free(&why);
	m = gap(150, 4, 0);
	assert_false(holds(&m, out, even, 4, &why));
	assert_string_equal(why.s, "Only 3 lines with `beat` (at least 4).");
	sb_free(&why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reply_prompt),
		cmocka_unit_test(reply_late),
		cmocka_unit_test(reply_per_frame),
		cmocka_unit_test(reply_missing),
		cmocka_unit_test(reply_untimed),
		cmocka_unit_test(gap_spacing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
