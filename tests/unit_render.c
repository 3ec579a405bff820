/* Unit tests of the renderer: wrapping, styles, safety. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
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

/* Issue 10.6: a "tag" that names no HTML element is text; known
 * elements are dropped, <br> breaks the line.  Issue 9.2: entities are
 * looked for within a few bytes, so a '&' or '<' with no end is text. */
static void
html_keeps_what_is_not_markup(void **state)
{
	(void)state;
	char *out = render("A `Pin<Box<dyn Future>>` is a Box<dyn Future> "
	    "and <span>this</span> <!-- gone -->stays.\n", 80, false);
	assert_string_equal(out, "A `Pin<Box<dyn Future>>` is a Box<dyn "
	    "Future> and this stays.\n");
	free(out);
	out = render("one<br>two<BR/>three\n", 80, false);
	assert_string_equal(out, "one\ntwo\nthree\n");
	free(out);
	out = render("<div>\n<dyn Future> &lt;<em>ok</em>&gt; &#x1F980; "
	    "&#0; &#xD800; & &amp &nosuch; a < b\n</div>\n", 80, false);
	assert_string_equal(out, "<dyn Future> <ok> \xF0\x9F\xA6\x80 "
	    "\xEF\xBF\xBD & &amp &nosuch; a < b\n");
	free(out);
	char u[4];
	assert_int_equal(utf8_encode(0x41, u), 1);
	assert_int_equal(utf8_encode(0xE9, u), 2);
	assert_memory_equal(u, "\xC3\xA9", 2);
	assert_int_equal(utf8_encode(0x20AC, u), 3);
	assert_memory_equal(u, "\xE2\x82\xAC", 3);
	assert_int_equal(utf8_encode(0x1F980, u), 4);
	assert_memory_equal(u, "\xF0\x9F\xA6\x80", 4);
	assert_int_equal(utf8_encode(0x110000, u), 3); /* U+FFFD */
}

struct found {
	int n, line[8], col[8];
	char msg[8][200];
};

static void
collect(void *ctx, int line, int col, const char *msg)
{
	struct found *f = ctx;
	if (f->n < 8) {
		f->line[f->n] = line;
		f->col[f->n] = col;
		snprintf(f->msg[f->n], sizeof f->msg[0], "%s", msg);
	}
	f->n++;
}

static struct found
lint(const char *md)
{
	struct found f = {0};
	render_lint(md, strlen(md), collect, &f);
	return f;
}

/* Issue 9.10: a code fence left open at the top level swallows all after
 * it, and is found at its line; closed fences, indented code and fences
 * inside containers are not.  Issue 10.6: dropped inline HTML is found. */
static void
lint_finds_what_render_cannot_show(void **state)
{
	(void)state;
	struct found f = lint("Text.\n\n```rust\nlet x = 1;\n\n## Morals\n");
	assert_int_equal(f.n, 1);
	assert_int_equal(f.line[0], 3);
	assert_int_equal(f.col[0], 1);
	assert_non_null(strstr(f.msg[0], "never closed"));
	assert_int_equal(lint("````\ncode\n```\n").n, 1); /* too short */
	assert_int_equal(lint("```\n").n, 1);
	assert_int_equal(lint("~~~\ncode\n```\n").n, 1);
	assert_int_equal(lint("```\ncode\n```\n").n, 0);
	assert_int_equal(lint("~~~~ rust\ncode\n~~~~~  \n\nafter\n").n, 0);
	assert_int_equal(lint("    ```\n    code\n").n, 0);
	assert_int_equal(lint("- ```\n  code\n\nafter\n").n, 0);
	assert_int_equal(lint("> ```\n> code\n\nafter\n").n, 0);
	f = lint("A Box<dyn Future>, a <!-- note -->, a<br>b\nand "
	    "<span class=x>this</span>.\n");
	assert_int_equal(f.n, 2);
	assert_int_equal(f.line[0], 2);
	assert_int_equal(f.col[0], 5);
	assert_string_equal(f.msg[0], "inline HTML <span class=x> is not "
	    "shown: write Markdown, or `code` for text that looks like a tag");
	assert_int_equal(lint("plain text\n").n, 0);
}

/* Issue 9.7: bidi controls show as text; 9.9: widths come from the
 * Unicode data whatever the locale. */
static void
bidi_shown_and_width_without_locale(void **state)
{
	(void)state;
	strbuf b = {0};
	const char *in = "a\xE2\x80\xAE" "b\xE2\x81\xA6" "c\xE2\x81\xA9"
	    "\xE2\x80\x8F\xD8\x9C";
	int w = sb_add_safe(&b, in, strlen(in));
	assert_string_equal(b.s, "a<U+202E>b<U+2066>c<U+2069><U+200F><U+061C>");
	assert_int_equal(w, 3 + 5 * 8);
	sb_free(&b);
	char *out = render("**\xE2\x80\xAE**x\n", 80, false);
	assert_string_equal(out, "<U+202E>x\n");
	free(out);
	setlocale(LC_CTYPE, "C");
	assert_int_equal(text_width("\xE6\x97\xA5\xE6\x9C\xAC", 6), 4);
	assert_int_equal(text_width("\xF0\x9F\xA6\x80", 4), 2);
	assert_int_equal(text_width("e\xCC\x81", 3), 1); /* combining */
	out = render("\xE6\x97\xA5\xE6\x9C\xAC \xE6\x97\xA5\xE6\x9C\xAC "
	    "\xE6\x97\xA5\xE6\x9C\xAC \xE6\x97\xA5\xE6\x9C\xAC "
	    "\xE6\x97\xA5\xE6\x9C\xAC\n", 20, false);
	assert_int_equal(widest(out), 19); /* four words of 4, 3 spaces */
	free(out);
	setlocale(LC_CTYPE, "C.UTF-8");
}

/* Issue 10.4: prose keeps a readable measure on a wide terminal; code
 * keeps its lines whole. */
static void
prose_keeps_a_measure(void **state)
{
	(void)state;
	strbuf md = {0};
	for (int i = 0; i < 40; i++)
		sb_puts(&md, "words of prose ");
	sb_puts(&md, "\n\n> ");
	for (int i = 0; i < 40; i++)
		sb_puts(&md, "quoted ");
	sb_puts(&md, "\n\n    ");
	for (int i = 0; i < 11; i++)
		sb_puts(&md, "code_code ");
	sb_puts(&md, "\n");
	char *out = render(md.s, 120, false);
	const char *code = strstr(out, "    code_code");
	assert_non_null(code);
	assert_int_equal(widest(code), 4 + 11 * 10 - 1);
	*(char *)code = '\0';
	assert_true(widest(out) <= RENDER_MEASURE);
	assert_true(widest(out) > RENDER_MEASURE - 10);
	free(out);
	out = render(md.s, 60, false); /* narrower than the measure */
	*strstr(out, "    code_code") = '\0';
	assert_true(widest(out) <= 60);
	assert_true(widest(out) > 50);
	free(out);
	sb_free(&md);
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
		cmocka_unit_test(html_keeps_what_is_not_markup),
		cmocka_unit_test(lint_finds_what_render_cannot_show),
		cmocka_unit_test(bidi_shown_and_width_without_locale),
		cmocka_unit_test(prose_keeps_a_measure),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
