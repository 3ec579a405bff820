/*
 * render: Markdown (parsed by cmark) to terminal text.  Paragraphs wrap to
 * the width (at most RENDER_MEASURE) by display columns; headings,
 * emphasis, code, quotes, lists and links are styled with ANSI SGR escapes
 * only when colour is on.  Every byte
 * of content passes through one sanitiser: control characters and escape
 * sequences are shown in caret form (^[) and invalid UTF-8 becomes U+FFFD,
 * so content can never drive the terminal.  Link addresses are listed as
 * numbered references after the top-level block that holds them.  HTML
 * markup (tags of known elements, comments) is dropped but for <br> and
 * <details>/<summary> (a titled section); its text stays, entities
 * decoded.  A "tag" naming no HTML element is text: Box<dyn Future>.
 *
 * Nesting of any depth is safe.  Quotes and list items deeper than
 * RENDER_MAX_DEPTH levels, or whose markers would take more than half the
 * width, are shown in part: the outer levels, "(+N) " for the N levels
 * left out, and the innermost one.
 */
#ifndef ASYNCPATH_RENDER_H
#define ASYNCPATH_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/*
 * Prose (paragraphs, headings, lists, quotes, prefixes included) wraps at
 * the width or at this measure, whichever is less: lines of 80 columns
 * read well and match what cards' code is held to (72 columns, indented
 * 4).  Code blocks are never wrapped and may use the full width.
 */
#define RENDER_MEASURE 80

/* Levels of quotes and list items shown in full. */
#define RENDER_MAX_DEPTH 8

struct render_opts {
	int width; /* columns of the terminal; at least 20 */
	bool color; /* emit SGR styles */
	bool links; /* also make link texts OSC 8 hyperlinks (with color) */
};

/* Appends md rendered as terminal text to out. */
void render_markdown(const char *md, size_t len, const struct render_opts *o,
    strbuf *out);

/*
 * Finds what in md the renderer cannot show as written (for check):
 * quotes and lists nested deeper than RENDER_MAX_DEPTH, inline HTML that
 * is dropped, a code fence never closed.  Calls fn with
 * the 1-based line and column in md and a message for each finding.
 */
typedef void render_lint_fn(void *ctx, int line, int col, const char *msg);
void render_lint(const char *md, size_t len, render_lint_fn *fn, void *ctx);

/*
 * Appends to out the lines that close what md leaves open at its end, a
 * fenced code block or an HTML block a blank line does not end (a
 * comment, <pre>, <script> ...), so that Markdown written after md starts
 * afresh instead of being swallowed; nothing when md closes all it opens.
 * The lines end in a newline, and md is taken to end with one.
 */
void render_closer(const char *md, size_t len, strbuf *out);

/*
 * md parsed by cmark (options as for cmark_parse_document), the one way
 * every module parses Markdown.  libcmark 0.30.2 takes quadratic time on
 * a paragraph with many image openers "![" and closing brackets; in such
 * a paragraph the openers are parsed as text, and a first paragraph says
 * so.  Every other input it parses in linear time (measured: docs/
 * FORMAT.md).  The caller frees the tree (cmark_node_free).
 */
struct cmark_node *render_parse(const char *md, size_t len, int options);

/* Content printed outside Markdown goes through sb_add_safe (util.h),
 * the same sanitiser the renderer uses. */

#endif
