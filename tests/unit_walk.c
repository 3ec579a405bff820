/* Unit tests of the walk: conditions, effects, back, trail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <stdlib.h>

#include "guide.h"
#include "helpers.h"
#include "load.h"
#include "util.h"
#include "walk.h"

/* The fixture guide every test here reads. */
static struct guide *g;

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

/* The texts of the choices offered now, joined by '|'. */
static const char *
offered(struct walk *w)
{
	static char buf[512];
	const struct choice *c[16];
	size_t n = walk_offered(w, c, 16);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(buf, "|");
		strcat(buf, c[i]->text);
	}
	return buf;
}

static void
character_condition(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	assert_string_equal(walk_node(w)->id, "start");
	assert_true(walk_take(w, 0)); /* as alan */
	assert_int_equal(walk_character(w), CH_ALAN);
	assert_string_equal(offered(w),
	    "Take the std mutex|Take the async mutex|Only for Alan");
	assert_true(walk_back(w));
	assert_int_equal(walk_character(w), CH_NONE);
	assert_true(walk_take(w, 1)); /* as none */
	assert_string_equal(offered(w),
	    "Take the std mutex|Take the async mutex");
	walk_free(w);
}

static void
flags_shape_later_choices_and_back_undoes_them(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	walk_take(w, 1);
	walk_take(w, 0); /* std mutex */
	assert_string_equal(walk_node(w)->id, "locked");
	assert_string_equal(offered(w),
	    "Await while holding it|Drop the guard first");
	assert_true(walk_back(w));
	walk_take(w, 1); /* async mutex */
	assert_string_equal(offered(w),
	    "Carry on|Drop the guard first|Either flag");
	walk_take(w, 1); /* drop the guard: clears std-mutex (unset anyway) */
	assert_string_equal(walk_node(w)->id, "finish");
	assert_int_equal(walk_offered(w, NULL, 0), 0);
	assert_int_equal(walk_steps(w), 4 - 1);
	assert_string_equal(walk_trail(w, 0)->id, "start");
	assert_string_equal(walk_trail_choice(w, 1)->text,
	    "Take the async mutex");
	walk_free(w);
}

static void
visited_conditions_follow_back(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	walk_take(w, 1);
	walk_take(w, 0);
	walk_take(w, 0); /* await while holding: send-error */
	assert_string_equal(walk_node(w)->id, "send-error");
	assert_string_equal(offered(w), "Go back to the lock|Finish");
	walk_take(w, 0); /* back to locked: the any-condition now holds */
	assert_string_equal(offered(w),
	    "Await while holding it|Drop the guard first|Either flag");
	walk_take(w, 1); /* drop the guard clears std-mutex */
	assert_false(walk_flag(w, 0));
	assert_true(walk_back(w));
	assert_true(walk_flag(w, 0));
	assert_true(walk_visited(w, guide_node(g, "send-error")));
	assert_true(walk_back(w));
	assert_true(walk_back(w));
	assert_false(walk_visited(w, guide_node(g, "send-error")));
	walk_free(w);
}

/* The text of the current node as the walk shows it. */
static char *
node_text(struct walk *w)
{
	strbuf b = {0};
	struct cond_env e = walk_env(w);
	guide_node_text(walk_node(w), &e, &b);
	return sb_take(&b);
}

/* took/not_took name choices; back forgets the choice undone, and a
 * walk that comes round again remembers both. */
static void
took_conditions_follow_back(void **state)
{
	(void)state;
	diag_list *d = diag_new();
	struct guide *t = guide_load("tests/check/took-conditions", d);
	diag_free(d);
	assert_non_null(t);
	struct walk *w = walk_new(t, NULL);
	const struct node *a = guide_node(t, "a");
	assert_true(walk_take_id(w, "left"));
	assert_true(walk_took(w, guide_choice(a, "left")));
	assert_false(walk_took(w, guide_choice(a, "right")));
	char *s = node_text(w);
	assert_non_null(strstr(s, "You went left."));
	assert_null(strstr(s, "You went right."));
	free(s);
	assert_string_equal(offered(w), "Finish");
	assert_true(walk_back(w));
	assert_false(walk_took(w, guide_choice(a, "left")));
	assert_true(walk_take_id(w, "right"));
	s = node_text(w);
	assert_non_null(strstr(s, "You went right."));
	assert_non_null(strstr(s, "You came through A"));
	free(s);
	assert_string_equal(offered(w), "Finish|Only after going right");
	assert_true(walk_take_id(w, "finish"));
	assert_true(walk_took(w, guide_choice(guide_node(t, "b"), "finish")));
	walk_restart(w);
	assert_false(walk_took(w, guide_choice(a, "right")));
	walk_free(w);
	guide_free(t);
}

static void
take_out_of_range_and_back_at_start(void **state)
{
	(void)state;
	struct walk *w = walk_new(g, NULL);
	assert_false(walk_take(w, 2));
	assert_false(walk_back(w));
	assert_string_equal(walk_node(w)->id, "start");
	walk_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(character_condition),
		cmocka_unit_test(flags_shape_later_choices_and_back_undoes_them),
		cmocka_unit_test(visited_conditions_follow_back),
		cmocka_unit_test(took_conditions_follow_back),
		cmocka_unit_test(take_out_of_range_and_back_at_start),
	};
	return cmocka_run_group_tests_name("walk", tests, setup, teardown);
}
