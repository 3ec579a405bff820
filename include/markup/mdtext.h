/*
 * mdtext: the one way text goes into Markdown that cmark then renders
 * (terminal, HTML, files).  Text stays text: every character shows as
 * itself, never as markup.  Inline punctuation (\ ` * _ [ ] < > & ~ | #)
 * is backslash-escaped, so no link, image, emphasis, code span, HTML or
 * table comes out; a block marker at the start ("# ", "1. ", "- ", "+ ",
 * "> ", "=") is escaped too, so no heading, list, quote or underline;
 * line breaks become spaces, so the text cannot start a block of its
 * own; control characters are shown in caret form (^[) as sb_add_safe
 * does.  A learner's note goes through md_line.
 */
#ifndef ASYNCPATH_MDTEXT_H
#define ASYNCPATH_MDTEXT_H

#include <stddef.h>

#include "util.h"

/* Appends n bytes of s as text; a fragment of a line. */
void md_text(strbuf *md, const char *s, size_t n);
/* md_text of a NUL-terminated string. */
void md_str(strbuf *md, const char *s);
/* A whole line of text someone typed: md_text without its outer blanks,
 * so that no indentation makes a code block of it. */
void md_line(strbuf *md, const char *s);
/* s as a code span (an id): backticks enough that none inside s closes
 * it; control characters in caret form. */
void md_code(strbuf *md, const char *s);

#endif
