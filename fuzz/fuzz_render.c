/*
 * fuzz_render: the Markdown renderer.  Input: one byte picks the width
 * (20 to 200 columns), one byte the mode (bit 0 colour, bit 1 OSC 8
 * links), the rest is Markdown.  Properties, kept from tests/fuzz.py and
 * tests/width_check.py: the output is valid UTF-8; no byte of it can
 * drive a terminal but our own SGR styles and OSC 8 links (and those only
 * with colour on), nor reorder it (bidi controls); in plain mode, a document without code or HTML has no
 * line wider than the width unless the line cannot break (one token, or
 * a numbered link reference "[n] address").
 */
#include "fuzz.h"

#include <cmark.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "render.h"
#include "util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

/* Length of our own escape at s (SGR "ESC [ 0 (; digits)* m" or OSC 8
 * "ESC ] 8 ; ; printable-ASCII ESC \"), 0 when s holds none. */
static size_t
own_escape(const char *s, size_t n)
{
	size_t i = 2;
	if (n >= 4 && s[0] == '\x1b' && s[1] == '[' && s[2] == '0') {
		for (i = 3; i < n && s[i] == ';';) {
			size_t j = ++i;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == j)
				return 0;
		}
		return i < n && s[i] == 'm' ? i + 1 : 0;
	}
	if (n >= 6 && memcmp(s, "\x1b]8;;", 5) == 0) {
		for (i = 5; i < n && s[i] >= 0x21 && s[i] <= 0x7e; i++)
			;
		return i + 1 < n && s[i] == '\x1b' && s[i + 1] == '\\' ?
		    i + 2 : 0;
	}
	return 0;
}

/* Display width of one line, from the Unicode data in utf8proc (the
 * measure the project uses); an invalid byte counts one column. */
static int
line_width(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)
		    s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0) {
			w++;
			i++;
			continue;
		}
		w += utf8proc_charwidth(c);
		i += (size_t)k;
	}
	return w;
}

/* Whether a line over the width is one that cannot break: after its
 * prefix (quote bars, bullets, list numbers, and "(+N) " standing for
 * nesting too deep to draw) one token, or "[n] token". */
static bool
unbreakable(const char *s, size_t n)
{
	static const char *const prefix[] = {" ", ">", "-", "\u2022",
	    "\u2502", NULL};
	size_t i = 0;
	for (bool more = true; more && i < n;) {
		more = false;
		if (n - i > 3 && s[i] == '(' && s[i + 1] == '+') {
			size_t j = i + 2;
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j > i + 2 && j + 1 < n && s[j] == ')' &&
			    s[j + 1] == ' ') {
				i = j + 2;
				more = true;
				continue;
			}
		}
		/* A list number ("1. ", "12) ") may come before or
		 * after quote bars and bullets. */
		size_t j = i;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j > i && j < n && (s[j] == '.' || s[j] == ')')) {
			i = j + 1;
			more = true;
		}
		for (size_t k = 0; prefix[k]; k++) {
			size_t pl = strlen(prefix[k]);
			if (pl <= n - i && memcmp(s + i, prefix[k], pl) == 0) {
				i += pl;
				more = true;
			}
		}
	}
	while (i < n && strchr("0123456789.) ", s[i]))
		i++;
	while (n > i && s[n - 1] == ' ')
		n--;
	const char *sp = memchr(s + i, ' ', n - i);
	if (!sp)
		return true;
	if (s[i] == '[' && sp[-1] == ']')
		return memchr(sp + 1, ' ', n - (size_t)(sp + 1 - s)) == NULL;
	return false;
}

/* Whether the document holds code or HTML, whose lines never wrap, as
 * the renderer parses it (invalid UTF-8 replaced first, which can turn a
 * line into a code fence). */
static bool
has_code(const char *md, size_t len)
{
	cmark_node *doc = cmark_parse_document(md, len,
	    CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	bool found = false;
	cmark_event_type ev;
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		switch (cmark_node_get_type(cmark_iter_get_node(it))) {
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CODE:
			found = true;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return found;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	struct render_opts o = {.width = 20 + data[0] % 181,
	    .color = data[1] & 1, .links = (data[1] & 3) == 3};
	const char *md = (const char *)data + 2;
	size_t len = size - 2;
	strbuf out = {0};
	render_markdown(md, len, &o, &out);
	const char *s = out.s ? out.s : "";
	size_t n = out.len;

	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < n;) {
		size_t e = o.color ? own_escape(s + i, n - i) : 0;
		if (e) {
			i += e;
			continue;
		}
		wchar_t c;
		size_t k = mbrtowc(&c, s + i, n - i, &st);
		FUZZ_ASSERT(k != (size_t)-1 && k != (size_t)-2 && k != 0,
		    "the output is valid UTF-8 without NUL");
		FUZZ_ASSERT(!((c < 0x20 && c != '\n') || c == 0x7f ||
		    (c >= 0x80 && c < 0xa0)),
		    "no control character reaches the terminal");
		FUZZ_ASSERT(!(c == 0x061c || c == 0x200e || c == 0x200f ||
		    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 &&
		    c <= 0x2069)), "no bidi control reaches the terminal");
		i += k;
	}

	if (!o.color && !has_code(md, len)) {
		for (size_t i = 0; i < n;) {
			const char *nl = memchr(s + i, '\n', n - i);
			size_t end = nl ? (size_t)(nl - s) : n;
			if (line_width(s + i, end - i) > o.width)
				FUZZ_ASSERT(unbreakable(s + i, end - i),
				    "a line over the width cannot break");
			i = end + 1;
		}
	}
	sb_free(&out);
	return 0;
}
