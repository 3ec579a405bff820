/*
 * html: see include/html.h.  The stylesheet is one string; the Markdown
 * is parsed by cmark, its links and images cleaned in the tree, and only
 * then rendered by cmark_render_html without CMARK_OPT_UNSAFE.
 */
#include "html.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

static const char style[] =
    ":root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fdfdfb;--dim:#5b5b60;"
    "--rule:#d8d8d2;--accent:#8a3b12;--code:#f1efe8;--bar:#c2561f}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e8e6e1;--bg:#17171a;"
    "--dim:#a3a3a8;--rule:#3a3a40;--accent:#f0a36f;--code:#24242a;"
    "--bar:#f0a36f}}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);"
    "font:17px/1.55 Charter,'Bitstream Charter','DejaVu Serif',Georgia,"
    "serif}\n"
    "main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 4rem}\n"
    "h1,h2,h3{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;"
    "line-height:1.25;break-after:avoid}\n"
    "h1{font-size:1.7rem;margin:.5rem 0 1rem}\n"
    "h2{font-size:1.3rem;margin-top:2.2rem;padding-top:.6rem;"
    "border-top:1px solid var(--rule)}\n"
    "h3{font-size:1.1rem;margin-top:1.8rem}\n"
    "a{color:var(--accent);overflow-wrap:anywhere}\n"
    "p,li{overflow-wrap:break-word}\n"
    "em{color:var(--dim)}\n"
    "blockquote{margin:1rem 0;padding:.1rem 1rem;border-left:3px solid "
    "var(--rule);color:var(--dim)}\n"
    "code{overflow-wrap:anywhere;font:.88em/1.4 'DejaVu Sans Mono',"
    "Menlo,Consolas,monospace;"
    "background:var(--code);padding:.05em .25em;border-radius:3px}\n"
    "pre{background:var(--code);padding:.7rem .9rem;border-radius:4px;"
    "overflow-x:auto;max-width:100%}\n"
    "pre code{padding:0;background:none}\n"
    "nav.toc{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;"
    "font-size:.95rem;border:1px solid var(--rule);border-radius:4px;"
    "padding:.3rem 1rem;margin:1rem 0}\n"
    "table{border-collapse:collapse;max-width:100%;display:block;"
    "overflow-x:auto}\n"
    "td,th{border-bottom:1px solid var(--rule);padding:.2rem .6rem;"
    "text-align:left}\n"
    "svg.bars{display:block;width:100%;max-width:34rem;height:auto;"
    "margin:.5rem 0 1.2rem}\n"
    "svg.bars rect.bar{fill:var(--bar)}\n"
    "svg.bars rect.track{fill:var(--code)}\n"
    "svg.bars text{fill:var(--fg);font:11px 'DejaVu Sans',Helvetica,"
    "Arial,sans-serif}\n"
    "@page{size:auto;margin:16mm 15mm}\n"
    "@media print{body{background:#fff;color:#000;font-size:11pt}"
    "main{max-width:none;padding:0}a{color:#000}"
    "a[href^='http']::after{content:' <' attr(href) '>';font-size:.85em;"
    "color:#444}a[title]::after{content:none}nav.toc{display:none}"
    "pre,blockquote,li,svg{break-inside:avoid}"
    "pre{white-space:pre-wrap;border:1px solid #ccc;background:none}"
    "h2{border-top-color:#999}}\n";

/* A control or bidirectional formatting character (s, k bytes) in the
 * visible form the terminal shows (sb_add_safe: ^[, <9B>, <U+202E>),
 * escaped for HTML: text a browser shows, never a byte a terminal acts on
 * when the page is printed to one. */
static void
visible(strbuf *out, const char *s, size_t k)
{
	strbuf v = {0};
	sb_add_safe(&v, s, k);
	html_escape(out, v.s, v.len);
	sb_free(&v);
}

void
html_escape(strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			sb_puts(out, "\xef\xbf\xbd");
			i++;
			continue;
		}
		switch (cp) {
		case '&':
			sb_puts(out, "&amp;");
			break;
		case '<':
			sb_puts(out, "&lt;");
			break;
		case '>':
			sb_puts(out, "&gt;");
			break;
		case '"':
			sb_puts(out, "&quot;");
			break;
		case '\'':
			sb_puts(out, "&#39;");
			break;
		default:
			if (utf8_is_control(cp))
				visible(out, s + i, (size_t)k);
			else
				sb_add(out, s + i, (size_t)k);
		}
		i += (size_t)k;
	}
}

/* HTML as cmark wrote it (s, n bytes), each control or bidirectional
 * formatting character in it (from text, code or a title) shown as
 * visible. */
static void
add_inert(strbuf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k > 0 && utf8_is_control(cp)) {
			sb_add(out, s + run, i - run);
			visible(out, s + i, (size_t)k);
			run = i + (size_t)k;
		}
		i += k > 0 ? (size_t)k : 1;
	}
	sb_add(out, s + run, n - run);
}

void
html_begin(strbuf *out, const char *title)
{
	sb_puts(out,
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	    "<meta name=\"generator\" content=\"asyncpath\">\n<title>");
	html_escape(out, title, strlen(title));
	sb_puts(out, "</title>\n<style>\n");
	sb_puts(out, style);
	sb_puts(out, "</style>\n</head>\n<body>\n<main>\n");
}

void
html_end(strbuf *out)
{
	sb_puts(out, "</main>\n</body>\n</html>\n");
}

static bool
url_kept(const char *u)
{
	return u &&
	    (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0 ||
	        (u[0] == '#' && u[1]));
}

/* Moves every child of n to just before n, then frees n. */
static void
unwrap(cmark_node *n)
{
	cmark_node *c;
	while ((c = cmark_node_first_child(n)))
		cmark_node_insert_before(n, c);
	cmark_node_free(n);
}

/* Whether link x's text is its address (an autolink, or [u](u)). */
static bool
shows_url(cmark_node *x)
{
	cmark_node *t = cmark_node_first_child(x);
	const char *url = cmark_node_get_url(x), *lit;
	if (!t || cmark_node_next(t) || !url ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    !(lit = cmark_node_get_literal(t)))
		return false;
	return strcmp(lit, url) == 0 ||
	    (strncmp(url, "mailto:", 7) == 0 && strcmp(lit, url + 7) == 0);
}

/* Links to anything but http(s) or an anchor lose their address; a kept
 * link has a title (its address) only when its text is that address, so
 * that print does not add the address a second time; images become
 * links to the picture, so the page fetches nothing. */
static void
clean_links(cmark_node *doc)
{
	cmark_node **todo = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(x);
		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE))
			VEC_PUSH(todo, n, cap, x);
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node *x = todo[i];
		const char *url = cmark_node_get_url(x);
		if (cmark_node_get_type(x) == CMARK_NODE_LINK) {
			if (!url_kept(url))
				unwrap(x);
			else
				cmark_node_set_title(x,
				    shows_url(x) ? url : "");
			continue;
		}
		if (url_kept(url)) {
			cmark_node *a = cmark_node_new(CMARK_NODE_LINK);
			cmark_node_set_url(a, url);
			cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, "picture: ");
			cmark_node_append_child(a, t);
			cmark_node *c;
			while ((c = cmark_node_first_child(x)))
				cmark_node_append_child(a, c);
			cmark_node_insert_before(x, a);
			cmark_node_free(x);
		} else {
			unwrap(x);
		}
	}
	free(todo);
}

/* The text of a heading, literal parts joined. */
static void
heading_text(cmark_node *h, strbuf *b)
{
	cmark_iter *it = cmark_iter_new(h);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(x);
		if (ev == CMARK_EVENT_ENTER && lit &&
		    (cmark_node_get_type(x) == CMARK_NODE_TEXT ||
		        cmark_node_get_type(x) == CMARK_NODE_CODE))
			sb_puts(b, lit);
	}
	cmark_iter_free(it);
}

void
html_markdown(strbuf *out, const char *md, size_t len, bool toc, int *sections)
{
	cmark_node *doc = render_parse(md, len, CMARK_OPT_DEFAULT);
	clean_links(doc);
	strbuf nav = {0};
	if (toc) {
		int k = *sections;
		for (cmark_node *x = cmark_node_first_child(doc); x;
		     x = cmark_node_next(x)) {
			if (cmark_node_get_type(x) != CMARK_NODE_HEADING ||
			    cmark_node_get_heading_level(x) != 2)
				continue;
			strbuf t = {0};
			heading_text(x, &t);
			if (!nav.len)
				sb_puts(&nav,
				    "<nav class=\"toc\" aria-label=\""
				    "Contents\">\n<ul>\n");
			sb_printf(&nav, "<li><a href=\"#s%d\">", ++k);
			html_escape(&nav, t.s ? t.s : "", t.len);
			sb_puts(&nav, "</a></li>\n");
			sb_free(&t);
		}
		if (nav.len)
			sb_puts(&nav, "</ul>\n</nav>\n");
	}
	/* no CMARK_OPT_UNSAFE: raw HTML is omitted, javascript: and the
	 * like emptied (and clean_links unwrapped them already) */
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	/* "<h2>" only ever comes from cmark: text has its '<' escaped.  The
	 * contents go just before the first section. */
	const char *p = html, *h;
	while ((h = strstr(p, "<h2>"))) {
		add_inert(out, p, (size_t)(h - p));
		if (nav.len) {
			sb_add(out, nav.s, nav.len);
			nav.len = 0;
		}
		sb_printf(out, "<h2 id=\"s%d\">", ++*sections);
		p = h + 4;
	}
	add_inert(out, p, strlen(p));
	sb_free(&nav);
	free(html);
}

void
html_page(strbuf *out, const char *title, const char *md)
{
	int sections = 0;
	html_begin(out, title);
	html_markdown(out, md, strlen(md), true, &sections);
	html_end(out);
}
