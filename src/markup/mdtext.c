/*
 * mdtext: see include/mdtext.h.  CommonMark lets a backslash escape any
 * ASCII punctuation, so escaping is always safe; it is kept to the
 * characters that can mean something, so the Markdown stays readable.
 */
#include "mdtext.h"

#include <stdbool.h>
#include <string.h>

/* Length of a block marker at the start of s (n bytes) that must be
 * escaped, 0 when none: the offset of the character to escape + 1. */
static size_t
block_marker(const char *s, size_t n)
{
	if (n && strchr("-+=>", s[0]))
		return 1;
	size_t i = 0;
	while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i && i < n && (s[i] == '.' || s[i] == ')'))
		return i + 1;
	return 0;
}

void
md_text(strbuf *md, const char *s, size_t n)
{
	size_t mark = block_marker(s, n);
	strbuf b = {0};
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r') {
			sb_putc(&b, ' ');
			continue;
		}
		if ((c && strchr("\\`*_[]<>&~|#", c)) || i + 1 == mark)
			sb_putc(&b, '\\');
		sb_putc(&b, c);
	}
	sb_add_safe(md, b.s ? b.s : "", b.len);
	sb_free(&b);
}

void
md_str(strbuf *md, const char *s)
{
	md_text(md, s, strlen(s));
}

void
md_line(strbuf *md, const char *s)
{
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", *s))
		s++, n--;
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	md_text(md, s, n);
}

void
md_code(strbuf *md, const char *s)
{
	size_t run = 0, longest = 0, n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* a space inside the fence when s starts or ends with a backtick
	 * or a space (cmark strips one on each side) */
	bool pad = n && (s[0] == '`' || s[n - 1] == '`' || s[0] == ' ');
	for (size_t i = 0; i <= longest; i++)
		sb_putc(md, '`');
	if (pad)
		sb_putc(md, ' ');
	sb_add_safe(md, s, n);
	if (pad)
		sb_putc(md, ' ');
	for (size_t i = 0; i <= longest; i++)
		sb_putc(md, '`');
}
