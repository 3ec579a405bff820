/* Unit tests of the renderer: wrapping, styles, safety. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

static char *
render(const char *md, int width, bool color)
{
	struct render_opts o = {width, color, false};
	strbuf b = {0};
	render_markdown(md, strlen(md), &o, &b);
	return sb_take(&b);
}

/* The widest line of s, in display columns. */
static int
widest(const char *s)
{
	int max = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		int w = text_width(s, n);
		if (w > max)
			max = w;
		s += n + (s[n] == '\n');
	}
	return max;
}

static void
wraps_to_width(void **state)
{
	(void)state;
	const char *md = "A fairly long paragraph of words that must wrap "
	    "several times at a narrow width, and keep its words whole.\n\n"
	    "- a list item that also needs to wrap onto a second line\n"
	    "  with its indentation kept\n\n> a quote that wraps too, "
	    "line after line after line\n";
	for (int w = 20; w <= 60; w += 20) {
		char *out = render(md, w, false);
		assert_true(widest(out) <= w);
		free(out);
	}
	char *out = render(md, 30, false);
	assert_non_null(strstr(out, "- a list item that also needs\n"
	    "  to wrap onto a second line\n"));
	assert_non_null(strstr(out, "> a quote that wraps too, line\n> "));
	free(out);
}

static void
plain_has_no_escapes_color_has(void **state)
{
	(void)state;
	const char *md = "# Title\n\nSome *emphasis*, **strong** and `code`.\n";
	char *plain = render(md, 80, false), *color = render(md, 80, true);
	assert_null(strchr(plain, '\033'));
	assert_string_equal(plain,
	    "# Title\n\nSome emphasis, strong and `code`.\n");
	assert_non_null(strstr(color, "\033[0;3m"));
	assert_non_null(strstr(color, "\033[0;1m"));
	free(plain);
	free(color);
}

static void
control_bytes_never_pass(void **state)
{
	(void)state;
	const char *md = "text \033[31mred\007 and `\033]0;title\007`\n\n"
	    "    code \033[2J\x9b\n\n[x](https://a.b/\033c) bad \xff\xfe\n";
	char *out = render(md, 80, false);
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		assert_true(*p == '\n' || (*p >= 0x20 && *p != 0x7f));
	assert_non_null(strstr(out, "^[[31mred^G"));
	assert_non_null(strstr(out, "\xEF\xBF\xBD"));
	free(out);
	/* with colour on, only our own SGR escapes appear */
	out = render(md, 80, true);
	for (const char *p = strchr(out, '\033'); p; p = strchr(p + 1, '\033'))
		assert_true(strncmp(p, "\033[0", 3) == 0);
	free(out);
}

static void
wide_characters_count_two_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width("\xF0\x9F\x98\xB1", 4), 2); /* emoji */
	assert_int_equal(text_width("\xE6\x97\xA5\xE6\x9C\xAC", 6), 4);
	assert_int_equal(text_width("caf\xC3\xA9", 5), 4);
	char *out = render("\xE6\x97\xA5\xE6\x9C\xAC \xE6\x97\xA5\xE6\x9C"
	    "\xAC \xE6\x97\xA5\xE6\x9C\xAC \xE6\x97\xA5\xE6\x9C\xAC "
	    "\xE6\x97\xA5\xE6\x9C\xAC \xE6\x97\xA5\xE6\x9C\xAC\n", 20, false);
	assert_true(widest(out) <= 20);
	assert_int_equal(widest(out), 19); /* four words of 4 + 3 spaces */
	free(out);
}

static void
links_become_numbered_references(void **state)
{
	(void)state;
	char *out = render("See [one](https://a.example/1) and "
	    "[two](https://a.example/2), or <https://a.example/3>.\n", 80,
	    false);
	assert_string_equal(out, "See one[1] and two[2], or "
	    "https://a.example/3.\n\n[1] https://a.example/1\n"
	    "[2] https://a.example/2\n");
	free(out);
}

/* md nested n levels deep: n quote markers, or n list items each
 * indented under the last. */
static char *
nested(size_t n, bool list)
{
	strbuf b = {0};
	if (list)
		for (size_t i = 0; i < n; i++) {
			for (size_t k = 0; k < i; k++)
				sb_puts(&b, "  ");
			sb_printf(&b, "- item %zu has words enough to wrap\n",
			    i);
		}
	else {
		for (size_t i = 0; i < n; i++)
			sb_puts(&b, "> ");
		sb_puts(&b, "word\n\n> after\n");
	}
	return sb_take(&b);
}

/* Issue 9.1: 33 quote levels overran a 32-entry prefix stack and crashed;
 * a 40-deep list wrote before it.  Any depth renders, within the width,
 * with the levels left out counted by a marker. */
static void
deep_nesting_is_safe_and_fits(void **state)
{
	(void)state;
	static const size_t depths[] = {RENDER_MAX_DEPTH, 33, 40, 1000};
	for (size_t d = 0; d < sizeof depths / sizeof *depths; d++)
		for (int list = 0; list < 2; list++)
			for (int w = 20; w <= 80; w += 60)
				for (int color = 0; color < 2; color++) {
					char *md = nested(depths[d], list);
					char *out = render(md, w, color);
					if (!color)
						assert_true(widest(out) <= w);
					assert_true((strstr(out, "(+") != NULL)
					    == (depths[d] > RENDER_MAX_DEPTH ||
					    w == 20));
					free(md);
					free(out);
				}
	char *md = nested(33, false);
	char *out = render(md, 80, false);
	/* eight levels shown: seven outer, the marker, the innermost */
	assert_string_equal(out, "> > > > > > > (+25) > word\n\n> after\n");
	free(out);
	free(md);
	md = nested(40, true);
	out = render(md, 80, false);
	assert_non_null(strstr(out, "(+32) - item 39 has words"));
	free(out);
	free(md);
}

int
main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wraps_to_width),
		cmocka_unit_test(plain_has_no_escapes_color_has),
		cmocka_unit_test(control_bytes_never_pass),
		cmocka_unit_test(wide_characters_count_two_columns),
		cmocka_unit_test(links_become_numbered_references),
		cmocka_unit_test(deep_nesting_is_safe_and_fits),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
