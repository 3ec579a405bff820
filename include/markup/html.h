/*
 * html: one self-contained HTML page (handouts, transcripts, reports):
 * our small stylesheet inline (phone, dark mode, print on A4 and Letter),
 * no script, nothing fetched.  Markdown goes through cmark's own HTML
 * renderer in its safe mode (raw HTML omitted, unsafe URLs emptied), and
 * then links are kept only when they point at http(s) or at a place in the
 * page; images become links; a control character from the text is
 * shown in a visible form, as html_escape does.  Every other string goes
 * through html_escape.  A sibling of render, for the browser.
 */
#ifndef ASYNCPATH_HTML_H
#define ASYNCPATH_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The head (title escaped, stylesheet), then <body><main>. */
void html_begin(strbuf *out, const char *title);
/* Closes what html_begin opened. */
void html_end(strbuf *out);
/* s (n bytes) as HTML text or a quoted attribute value: & < > " '
 * escaped, control and bidirectional formatting characters in the
 * visible form the terminal shows (^[, <9B>, <U+202E>), invalid UTF-8 as
 * U+FFFD. */
void html_escape(strbuf *out, const char *s, size_t n);
/*
 * md rendered as HTML.  Level-2 headings get ids "s1", "s2" ... in order
 * (numbered from *sections, which advances); with toc, a list of links to
 * them comes first.
 */
void html_markdown(strbuf *out, const char *md, size_t len, bool toc,
    int *sections);
/* A whole page: html_begin, md with a table of contents, html_end. */
void html_page(strbuf *out, const char *title, const char *md);

#endif
