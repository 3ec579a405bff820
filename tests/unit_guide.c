/* Unit tests of the loader (guide, story, yamltree) with cmocka. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "guide.h"
#include "helpers.h"

#define GOOD "tests/fixtures/good"

static void
loads_every_feature(void **state)
{
	(void)state;
	diag_list *d = diag_new();
	struct guide *g = guide_load(GOOD, d);
	assert_non_null(g);
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	assert_int_equal(g->npaths, 2);
	assert_int_equal(g->nnodes, 6);
	assert_int_equal(g->nstories, 2);
	assert_string_equal(guide_default_path(g)->id, "demo");
	assert_string_equal(guide_path(g, "other")->start->id, "other-start");

	const struct node *hub = guide_node(g, "hub");
	assert_non_null(hub);
	assert_string_equal(hub->stage->id, "intro");
	assert_string_equal(hub->pain, "Choosing is hard");
	assert_string_equal(guide_node_aside(hub, CH_ALAN),
	    "In Java I would just use synchronized.");
	assert_null(guide_node_aside(hub, CH_GRACE));
	assert_int_equal(hub->nstories, 2);
	assert_string_equal(hub->stories[0]->id, "dave-locks-up");
	assert_string_equal(hub->more->wanted[0].url,
	    "https://github.com/example/issues/1");
	assert_int_equal(hub->nchoices, 3);
	assert_int_equal(hub->choices[2].when->chars, 1u << CH_ALAN);
	assert_string_equal(g->flags[hub->choices[0].effect->set[0]], "std-mutex");

	const struct node *locked = guide_node(g, "locked");
	const struct cond *any = locked->choices[3].when;
	assert_int_equal(any->nany, 2);
	assert_ptr_equal(any->any[1].visited[0], guide_node(g, "send-error"));
	assert_true(guide_node(g, "finish")->ending);
	assert_true(guide_node(g, "finish")->recap);

	const struct story *s = guide_story(g, "carol-finds-peace");
	assert_int_equal(s->chars, (1u << CH_BARBARA) | (1u << CH_GRACE));
	assert_false(s->draft);
	assert_true(guide_story(g, "dave-locks-up")->draft);
	assert_int_equal(g->stages[0]->nfuture, 1);
	assert_ptr_equal(g->stages[0]->future[0], s);
	guide_free(g);
	diag_free(d);
}

/* Loads a one-file guide and returns the first diagnostic line. */
static char *
first_error(const char *yaml, int *status)
{
	char *dir = tmp_data();
	char *pdir = xasprintf("%s/paths", dir);
	put_file(pdir, "p.yaml", yaml);
	diag_list *d = diag_new();
	struct guide *g = guide_load(dir, d);
	assert_null(g);
	*status = diag_status(d);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diag_print(d, f);
	fclose(f);
	diag_free(d);
	char *nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	/* drop the temporary folder from the message */
	char *rel = xstrdup(buf + strlen(pdir) + 1);
	free(buf);
	free(pdir);
	rm_data(dir);
	return rel;
}

#define HEAD "id: p\ntitle: P\nstart: a\nstages:\n  - {id: s, title: S}\n"

static void
reports_location_of_bad_node(void **state)
{
	(void)state;
	int st;
	char *e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    text: x\n    choices:\n"
	    "      - text: go\n        to: nowhere\n", &st);
	assert_string_equal(e, "p.yaml:13:13: error: choice leads to "
	    "'nowhere', which does not exist: expected the id of a node");
	assert_int_equal(st, EXIT_DATA);
	free(e);
}

static void
rejects_wrong_type_and_unknown_key(void **state)
{
	(void)state;
	int st;
	char *e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    text: x\n    ending: yes\n", &st);
	assert_string_equal(e, "p.yaml:11:13: error: 'ending' must be true "
	    "or false, found another text");
	free(e);
	e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    text: x\n    colour: red\n", &st);
	assert_string_equal(e, "p.yaml:11:5: error: unknown key 'colour' "
	    "in a node: expected one of id, stage, title, text, pain, "
	    "aside, stories, wanted, links, choices, ending, recap, "
	    "debrief");
	free(e);
}

static void
choice_ids_given_derived_and_unique(void **state)
{
	(void)state;
	int st;
	char *e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    text: x\n    choices:\n"
	    "      - {text: one, to: a, id: a-2}\n"
	    "      - {text: two, to: a}\n"
	    "      - {text: three, to: a}\n", &st);
	assert_string_equal(e, "p.yaml:13:9: error: choice id 'a-2' is used "
	    "twice in node 'a' (first at line 12): expected ids unique "
	    "within a node; give this choice an 'id:'");
	assert_int_equal(st, EXIT_DATA);
	free(e);
	e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    text: x\n    choices:\n"
	    "      - {text: one, to: a, id: Not_An_Id}\n", &st);
	assert_non_null(strstr(e, "p.yaml:12:32: error:"));
	free(e);
	struct guide *fx = load_fixture();
	const struct node *hub = guide_node(fx, "hub");
	assert_string_equal(hub->choices[0].id, "locked");
	assert_string_equal(hub->choices[1].id, "locked-2");
	assert_ptr_equal(guide_choice(hub, "locked-3"), &hub->choices[2]);
	assert_null(guide_choice(hub, "nope"));
	guide_free(fx);
}

static bool
flag_zero(const void *ctx, size_t f)
{
	(void)f;
	return *(const bool *)ctx;
}

static bool
never_took(const void *ctx, const struct choice *c)
{
	(void)ctx;
	(void)c;
	return false;
}

static bool
never_visited(const void *ctx, const struct node *n)
{
	(void)ctx, (void)n;
	return false;
}

static void
text_parts_follow_conditions(void **state)
{
	(void)state;
	char *dir = tmp_data();
	char *pdir = xasprintf("%s/paths", dir);
	put_file(pdir, "p.yaml", HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    ending: true\n    text:\n"
	    "      - Always.\n"
	    "      - when: {set: [f]}\n        text: F is set.\n"
	    "        else: F is not set.\n"
	    "      - when: {character: alan}\n        text: |\n"
	    "          Alan.\n");
	diag_list *d = diag_new();
	struct guide *g = guide_load(dir, d);
	assert_non_null(g);
	const struct node *a = guide_node(g, "a");
	assert_int_equal(a->nparts, 3);
	assert_string_equal(a->text, "Always.");
	assert_int_equal(a->parts[1].when_line, 13);
	bool f = false;
	struct cond_env env = {flag_zero, never_visited, never_took, CH_NONE,
	    &f};
	strbuf b = {0};
	guide_node_text(a, &env, &b);
	assert_string_equal(b.s, "Always.\n\nF is not set.");
	sb_free(&b);
	f = true;
	env.character = CH_ALAN;
	guide_node_text(a, &env, &b);
	assert_string_equal(b.s, "Always.\n\nF is set.\n\nAlan.");
	sb_free(&b);
	guide_free(g);
	diag_free(d);
	free(pdir);
	rm_data(dir);
	int st;
	char *e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    ending: true\n    text:\n"
	    "      - {text: x, otherwise: y, when: {set: [f]}}\n", &st);
	assert_string_equal(e, "p.yaml:12:19: error: unknown key 'otherwise' "
	    "in a part of a text: expected one of text, when, else");
	free(e);
	e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    ending: true\n    text:\n"
	    "      - {text: x}\n", &st);
	assert_string_equal(e, "p.yaml:12:9: error: a part of a text has no "
	    "'when': it is required");
	free(e);
	e = first_error(HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    ending: true\n    text: []\n", &st);
	assert_string_equal(e, "p.yaml:11:11: error: 'text' must be a text "
	    "or a non-empty list of parts, found an empty list");
	free(e);
}

/* Identical conditions and effects are stored once, wherever written;
 * each use keeps where it is written. */
static void
identical_conditions_are_one(void **state)
{
	(void)state;
	char *dir = tmp_data();
	char *pdir = xasprintf("%s/paths", dir);
	put_file(pdir, "p.yaml", HEAD "nodes:\n  - id: a\n    stage: s\n"
	    "    title: A\n    text:\n"
	    "      - when: {set: [f], visited: [b]}\n        text: F.\n"
	    "    choices:\n"
	    "      - {text: Go, to: b, set: [f], when: {set: [f], "
	    "visited: [b]}}\n"
	    "      - {text: Go, to: b, set: [f], when: {set: [g]}}\n"
	    "      - {text: Stop, to: b, when: {visited: [b], set: [f]}}\n"
	    "  - id: b\n    stage: s\n    title: B\n    text: B.\n"
	    "    ending: true\n");
	diag_list *d = diag_new();
	struct guide *g = guide_load(dir, d);
	assert_non_null(g);
	const struct node *a = guide_node(g, "a");
	const struct choice *c = a->choices;
	assert_ptr_equal(a->parts[0].when, c[0].when);
	assert_int_equal(a->parts[0].when_line, 11);
	assert_int_equal(c[0].when_line, 14);
	assert_int_equal(c[0].when->line, 11); /* where first written */
	assert_ptr_not_equal(c[0].when, c[1].when);
	assert_ptr_equal(c[0].when, c[2].when); /* keys in another order */
	assert_ptr_equal(c[0].effect, c[1].effect);
	assert_int_equal(c[0].effect->nset, 1);
	assert_ptr_equal(c[2].effect, &guide_no_effect);
	assert_ptr_equal(c[0].text, c[1].text);
	assert_ptr_equal(c[0].id, guide_node(g, "b")->id);
	guide_free(g);
	diag_free(d);
	free(pdir);
	rm_data(dir);
}

static void
missing_folder_is_noinput(void **state)
{
	(void)state;
	diag_list *d = diag_new();
	assert_null(guide_load("/nonexistent/asyncpath", d));
	assert_int_equal(diag_status(d), EXIT_NOINPUT);
	diag_free(d);
}

/* kset: objects keyed by their first member; many keys, growth, a
 * replacement, absent keys, then every key still found. */
struct named {
	char *key;
	int n;
};

static void
kset_finds_by_first_member(void **state)
{
	(void)state;
	enum { N = 5000 };
	static struct named obj[N], again;
	static char keys[N][16];
	kset *s = kset_new();
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "n%d", i);
		obj[i] = (struct named){keys[i], i};
		assert_null(kset_put(s, &obj[i]));
	}
	again = (struct named){keys[7], -7};
	assert_ptr_equal(kset_put(s, &again), &obj[7]);
	assert_ptr_equal(kset_get(s, "n7"), &again);
	assert_null(kset_get(s, "n5000"));
	assert_null(kset_get(s, ""));
	for (int i = 0; i < N; i++)
		if (i != 7)
			assert_int_equal(
			    ((struct named *)kset_get(s, keys[i]))->n, i);
	kset_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kset_finds_by_first_member),
		cmocka_unit_test(loads_every_feature),
		cmocka_unit_test(reports_location_of_bad_node),
		cmocka_unit_test(rejects_wrong_type_and_unknown_key),
		cmocka_unit_test(choice_ids_given_derived_and_unique),
		cmocka_unit_test(text_parts_follow_conditions),
		cmocka_unit_test(identical_conditions_are_one),
		cmocka_unit_test(missing_folder_is_noinput),
	};
	return cmocka_run_group_tests_name("guide", tests, NULL, NULL);
}
