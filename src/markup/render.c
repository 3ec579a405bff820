/*
 * render: see include/render.h.  One switch over cmark node types, driven
 * by cmark_iter, over a small layout engine: a prefix stack (quote bars,
 * list markers) re-emitted on every line, deferred blank lines between
 * blocks, and a word buffer that wraps back to the last space.  Columns are
 * counted in display width only; escape sequences never advance them.
 */
#include "render.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A line's prefixes take at most half the width; past that, or past
 * RENDER_MAX_DEPTH levels, middle levels are elided behind a marker. */
#define PREFIX_SHARE 2

enum {
	ST_BOLD = 1,
	ST_ITALIC = 2,
	ST_CODE = 4,
	ST_LINK = 8,
	ST_H1 = 16,
	ST_H2 = 32,
	ST_DIM = 64,
	ST_H3 = 128
};

struct prefix {
	char first[64]; /* emitted on the block's first line */
	char rest[64]; /* emitted on every later line */
	int width;
	int style;
};

struct list {
	cmark_list_type type;
	int number;
	bool tight;
};

struct layout {
	const struct render_opts *o;
	strbuf *out;
	struct prefix *pre; /* the stack: one level per quote, item, code */
	size_t npre, cappre;
	size_t nused; /* levels [0, nused) have had their first line */
	int prewidth; /* columns of all levels together */
	struct list *lists;
	size_t nlists, caplists;
	int col; /* display column on the current line */
	int indent; /* columns the current line's prefixes took */
	int measure; /* prose wraps here: the width, at most
	                RENDER_MEASURE */
	bool at_start; /* nothing emitted on this line yet */
	int blank; /* newlines owed before the next block */
	bool started; /* any block emitted yet */
	strbuf word; /* the word being built, with its escapes */
	int word_w;
	bool space; /* a space is owed before the next word */
	int style;
	strbuf refs; /* "[n] url" lines owed after this block */
	int nrefs;
	int link_depth;
};

static const struct {
	int bit;
	const char *sgr;
} sgr_table[] = {
    {ST_BOLD, "1"},
    {ST_ITALIC, "3"},
    {ST_CODE, "33"},
    {ST_LINK, "4;34"},
    {ST_H1, "1;4;35"},
    {ST_H2, "1;35"},
    {ST_DIM, "2"},
    {ST_H3, "1;36"},
};

/* Appends the SGR sequence for style to b (colour only). */
static void
sgr(struct layout *L, strbuf *b, int style)
{
	if (!L->o->color)
		return;
	sb_puts(b, "\033[0");
	for (size_t i = 0; i < sizeof sgr_table / sizeof *sgr_table; i++)
		if (style & sgr_table[i].bit)
			sb_printf(b, ";%s", sgr_table[i].sgr);
	sb_putc(b, 'm');
}

/*
 * Opens (url non-empty) or closes an OSC 8 hyperlink.  The address is
 * percent-encoded down to printable ASCII, so it cannot end the sequence.
 */
static void
osc8(strbuf *b, const char *url)
{
	sb_puts(b, "\033]8;;");
	for (const unsigned char *p = (const unsigned char *)(url ? url : "");
	     *p; p++)
		if (*p > 0x20 && *p < 0x7f)
			sb_putc(b, (char)*p);
		else
			sb_printf(b, "%%%02X", *p);
	sb_puts(b, "\033\\");
}

/*
 * How many outer levels of the prefix stack a line shows; npre when it
 * shows them all.  Otherwise the line shows those, a marker "(+N) " for
 * the N levels left out, and the innermost level (the item's bullet, the
 * code indent), so that the prefixes take at most 1/PREFIX_SHARE of the
 * measure and RENDER_MAX_DEPTH levels.  Constant time, whatever the depth.
 */
static size_t
shown_levels(const struct layout *L)
{
	int budget = L->measure / PREFIX_SHARE;
	if (L->npre <= RENDER_MAX_DEPTH && L->prewidth <= budget)
		return L->npre;
	int w =
	    L->pre[L->npre - 1].width + snprintf(NULL, 0, "(+%zu) ", L->npre);
	size_t head = 0;
	while (head + 1 < L->npre && head + 1 < RENDER_MAX_DEPTH &&
	    w + L->pre[head].width <= budget)
		w += L->pre[head++].width;
	return head;
}

static void
emit_prefix(struct layout *L, size_t i)
{
	const struct prefix *p = &L->pre[i];
	if (p->style)
		sgr(L, L->out, p->style);
	sb_puts(L->out, i < L->nused ? p->rest : p->first);
	if (p->style)
		sgr(L, L->out, 0);
	L->col += p->width;
}

/* Emits the prefixes owed at the start of a line: the levels shown, and
 * "(+N) " for the N left out.  Every level has then had its first line. */
static void
line_start(struct layout *L)
{
	if (!L->at_start)
		return;
	L->at_start = false;
	L->col = 0;
	size_t head = shown_levels(L);
	for (size_t i = 0; i < head; i++)
		emit_prefix(L, i);
	if (head < L->npre) {
		char m[32];
		int mw = snprintf(m, sizeof m, "(+%zu) ", L->npre - head - 1);
		sgr(L, L->out, ST_DIM);
		sb_puts(L->out, m);
		sgr(L, L->out, 0);
		L->col += mw;
		emit_prefix(L, L->npre - 1);
	}
	L->nused = L->npre;
	L->indent = L->col;
	if (L->style)
		sgr(L, L->out, L->style);
}

static void
newline(struct layout *L)
{
	if (L->o->color && L->style)
		sgr(L, L->out, 0);
	/* a line holding only prefixes ("> ") loses its trailing spaces */
	if (!L->at_start && L->col == L->indent)
		while (L->out->len && L->out->s[L->out->len - 1] == ' ')
			L->out->s[--L->out->len] = '\0';
	sb_putc(L->out, '\n');
	L->at_start = true;
	L->col = 0;
}

/* Moves the word buffer to the output, wrapping first if it won't fit. */
static void
flush_word(struct layout *L)
{
	if (L->word.len == 0) {
		return;
	}
	line_start(L);
	int need = L->word_w + (L->space && L->col > L->indent);
	if (L->col + need > L->measure && L->col > L->indent) {
		newline(L);
		line_start(L);
	} else if (L->space && L->col > L->indent) {
		sb_putc(L->out, ' ');
		L->col++;
	}
	sb_add(L->out, L->word.s, L->word.len);
	L->col += L->word_w;
	L->word.len = 0;
	L->word.s[0] = '\0';
	L->word_w = 0;
	L->space = false;
}

/* Adds inline text, splitting it into words at spaces. */
static void
add_text(struct layout *L, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			flush_word(L);
			L->space = true;
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && s[j] != ' ' && s[j] != '\n' && s[j] != '\t')
			j++;
		L->word_w += sb_add_safe(&L->word, s + i, j - i);
		i = j;
	}
}

static void
set_style(struct layout *L, int style)
{
	L->style = style;
	if (L->o->color)
		sgr(L, &L->word, style);
}

/* Starts a block: pays the newlines owed by the previous one. */
static void
block_start(struct layout *L)
{
	flush_word(L);
	if (!L->at_start)
		newline(L);
	if (L->started)
		for (int i = 1; i < L->blank; i++) {
			line_start(L);
			newline(L);
		}
	L->blank = 0;
	L->started = true;
	L->space = false;
}

static void
block_end(struct layout *L, int blank)
{
	flush_word(L);
	if (!L->at_start)
		newline(L);
	if (blank > L->blank)
		L->blank = blank;
}

static void
push_prefix(struct layout *L, const char *first, const char *rest, int style)
{
	vec_reserve(&L->pre, &L->cappre, L->npre + 1, sizeof *L->pre);
	struct prefix *p = &L->pre[L->npre++];
	snprintf(p->first, sizeof p->first, "%s", first);
	snprintf(p->rest, sizeof p->rest, "%s", rest);
	p->width = text_width(first, strlen(first));
	p->style = style;
	L->prewidth += p->width;
}

static void
pop_prefix(struct layout *L)
{
	if (!L->npre)
		return;
	L->prewidth -= L->pre[--L->npre].width;
	if (L->nused > L->npre)
		L->nused = L->npre;
}

/* Lists the link addresses collected in this block. */
static void
flush_refs(struct layout *L)
{
	if (!L->refs.len)
		return;
	block_start(L);
	const char *s = L->refs.s;
	while (*s) {
		const char *e = strchr(s, '\n');
		line_start(L);
		sgr(L, L->out, ST_DIM);
		sb_add_safe(L->out, s, (size_t)(e - s));
		sgr(L, L->out, 0);
		newline(L);
		s = e + 1;
	}
	sb_free(&L->refs);
	L->blank = 2;
}

static bool
in_tight_list(cmark_node *n)
{
	cmark_node *item = cmark_node_parent(n);
	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return false;
	cmark_node *list = cmark_node_parent(item);
	return list && cmark_node_get_list_tight(list);
}

static void
code_block(struct layout *L, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	const char *info = cmark_node_get_fence_info(n);
	block_start(L);
	push_prefix(L, "    ", "    ", 0);
	if (info && *info) { /* the language, set apart above the code */
		size_t il = strcspn(info, " \t");
		line_start(L);
		sgr(L, L->out, ST_DIM);
		sb_putc(L->out, '(');
		sb_add_safe(L->out, info, il);
		sb_putc(L->out, ')');
		sgr(L, L->out, 0);
		newline(L);
	}
	while (s && *s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		line_start(L);
		sgr(L, L->out, ST_CODE);
		strbuf line = {0};
		for (size_t i = 0; i < len; i++) /* expand tabs */
			if (s[i] == '\t')
				do
					sb_putc(&line, ' ');
				while (line.len % 4);
			else
				sb_putc(&line, s[i]);
		if (line.len)
			sb_add_safe(L->out, line.s, line.len);
		sb_free(&line);
		sgr(L, L->out, 0);
		newline(L);
		s = e ? e + 1 : s + len;
	}
	pop_prefix(L);
	block_end(L, 2);
}

/* The elements of HTML (WHATWG, with the obsolete ones content may still
 * hold), lower case and sorted: a tag naming one is markup; any other
 * "<word ...>" is text, such as Box<dyn Future>. */
static const char *const html_elements[] = {
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
};

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/*
 * Whether the tag s[0..len) ('<' to '>') is markup the renderer drops: a
 * comment, declaration or processing instruction, or an opening or closing
 * tag of a known element.  Anything else is text.
 */
static bool
html_is_markup(const char *s, size_t len)
{
	if (len >= 2 && (s[1] == '!' || s[1] == '?'))
		return true;
	size_t i = 1 + (len > 1 && s[1] == '/'), k = 0;
	char name[16];
	while (i < len && k + 1 < sizeof name &&
	    ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	        (k && s[i] >= '0' && s[i] <= '9')))
		name[k++] = (char)(s[i++] | 0x20);
	name[k] = '\0';
	if (!k || i >= len || !strchr(" \t\n/>", s[i]))
		return false;
	return bsearch(name, html_elements,
	           sizeof html_elements / sizeof *html_elements,
	           sizeof *html_elements, cmp_name) != NULL;
}

/* Decodes the entity at s[0..len) ('&' first) into b; returns the bytes
 * it took, or 0 when it is not one.  Looks at most 32 bytes ahead. */
static size_t
html_entity(strbuf *b, const char *s, size_t len)
{
	static const struct {
		const char *name, *utf8;
	} ents[] = {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""},
	    {"apos", "'"}, {"nbsp", "\xC2\xA0"}, {"mdash", "\xE2\x80\x94"},
	    {"ndash", "\xE2\x80\x93"}, {"hellip", "\xE2\x80\xA6"}};
	const char *semi = memchr(s, ';', len < 32 ? len : 32);
	size_t el = semi ? (size_t)(semi - s) - 1 : 0;
	if (!semi || el < 2 || el > 9)
		return 0;
	if (s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		unsigned long cp = 0;
		for (size_t k = 2 + hex; k <= el; k++) {
			int d = s[k] >= '0' && s[k] <= '9' ? s[k] - '0'
			    : hex && (s[k] | 0x20) >= 'a' &&
			        (s[k] | 0x20) <= 'f'
			    ? (s[k] | 0x20) - 'a' + 10
			    : -1;
			if (d < 0 || cp > 0x10FFFF)
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		}
		char u[4];
		if (cp >= 0x20 && cp != 0x7f)
			sb_add(b, u, (size_t)utf8_encode((unsigned)cp, u));
		return el + 2;
	}
	for (size_t k = 0; k < sizeof ents / sizeof *ents; k++)
		if (strlen(ents[k].name) == el &&
		    strncmp(s + 1, ents[k].name, el) == 0) {
			sb_puts(b, ents[k].utf8);
			return el + 2;
		}
	return 0;
}

/* Appends the text of HTML s[0..len) to b: markup dropped, entities
 * decoded (the named ones content uses, and numeric ones).  Linear: the
 * next '>' is found once and kept until passed. */
static void
html_text(strbuf *b, const char *s, size_t len)
{
	const char *gt = NULL; /* the next '>' at or after i, if known */
	bool no_gt = false; /* no '>' from i on */
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '<' && !no_gt) {
			if (!gt || gt < s + i)
				gt = memchr(s + i, '>', len - i);
			no_gt = !gt;
			if (gt &&
			    html_is_markup(s + i, (size_t)(gt - s) - i + 1)) {
				i = (size_t)(gt - s);
				continue;
			}
		}
		if (s[i] == '&') {
			size_t n = html_entity(b, s + i, len - i);
			if (n) {
				i += n - 1;
				continue;
			}
		}
		sb_putc(b, s[i]);
	}
}

/* An HTML block: a <summary> becomes a section title; other tags go, and
 * what text remains is shown as a paragraph. */
static void
html_block(struct layout *L, const char *s)
{
	if (!s)
		return;
	const char *sum = strstr(s, "<summary>");
	const char *end = sum ? strstr(sum, "</summary>") : NULL;
	strbuf text = {0};
	if (sum && end) {
		html_text(&text, s, (size_t)(sum - s));
		strbuf title = {0};
		html_text(&title, sum + 9, (size_t)(end - sum - 9));
		block_start(L);
		set_style(L, ST_BOLD);
		add_text(L, L->o->color ? "\xE2\x96\xB8" : "Section:",
		    L->o->color ? 3 : 8);
		flush_word(L);
		L->space = true;
		if (title.len)
			add_text(L, title.s, title.len);
		set_style(L, 0);
		block_end(L, 2);
		sb_free(&title);
		html_text(&text, end + 10, strlen(end + 10));
	} else {
		html_text(&text, s, strlen(s));
	}
	size_t k = 0;
	while (k < text.len &&
	    (text.s[k] == ' ' || text.s[k] == '\n' || text.s[k] == '\t'))
		k++;
	if (k < text.len) {
		block_start(L);
		add_text(L, text.s + k, text.len - k);
		block_end(L, 2);
	}
	sb_free(&text);
}

static void
enter(struct layout *L, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		block_start(L);
		break;
	case CMARK_NODE_HEADING: {
		int lv = cmark_node_get_heading_level(n);
		block_start(L);
		char marks[8] = "######";
		marks[lv] = '\0';
		set_style(L,
		    lv == 1       ? ST_H1
		        : lv == 2 ? ST_H2
		        : lv == 3 ? ST_H3
		                  : ST_BOLD);
		add_text(L, marks, (size_t)lv);
		flush_word(L);
		L->space = true;
		break;
	}
	case CMARK_NODE_BLOCK_QUOTE:
		block_start(L);
		push_prefix(L, L->o->color ? "\xE2\x94\x82 " : "> ",
		    L->o->color ? "\xE2\x94\x82 " : "> ", ST_DIM);
		break;
	case CMARK_NODE_LIST:
		block_start(L);
		vec_reserve(&L->lists, &L->caplists, L->nlists + 1,
		    sizeof *L->lists);
		L->lists[L->nlists++] = (struct list){cmark_node_get_list_type(
		                                          n),
		    cmark_node_get_list_start(n), cmark_node_get_list_tight(n)};
		break;
	case CMARK_NODE_ITEM: {
		char mark[16], pad[16];
		struct list *l = L->nlists ? &L->lists[L->nlists - 1] : NULL;
		if (l && l->type == CMARK_ORDERED_LIST)
			snprintf(mark, sizeof mark, "%d. ", l->number++);
		else
			snprintf(mark, sizeof mark, "%s",
			    L->o->color ? "\xE2\x80\xA2 " : "- ");
		int w = text_width(mark, strlen(mark));
		memset(pad, ' ', (size_t)w);
		pad[w] = '\0';
		block_start(L);
		push_prefix(L, mark, pad, 0);
		break;
	}
	case CMARK_NODE_CODE_BLOCK:
		code_block(L, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK: {
		block_start(L);
		line_start(L);
		int w = L->o->width - L->col;
		sgr(L, L->out, ST_DIM);
		for (int i = 0; i < w && i < 40; i++)
			sb_puts(L->out, L->o->color ? "\xE2\x94\x80" : "-");
		sgr(L, L->out, 0);
		newline(L);
		L->blank = 2;
		break;
	}
	case CMARK_NODE_TEXT: {
		const char *s = cmark_node_get_literal(n);
		add_text(L, s, strlen(s));
		break;
	}
	case CMARK_NODE_SOFTBREAK:
		flush_word(L);
		L->space = true;
		break;
	case CMARK_NODE_LINEBREAK:
		flush_word(L);
		newline(L);
		break;
	case CMARK_NODE_CODE: {
		const char *s = cmark_node_get_literal(n);
		int old = L->style;
		if (!L->o->color)
			add_text(L, "`", 1);
		set_style(L, old | ST_CODE);
		add_text(L, s, strlen(s));
		set_style(L, old);
		if (!L->o->color)
			add_text(L, "`", 1);
		break;
	}
	case CMARK_NODE_EMPH:
		set_style(L, L->style | ST_ITALIC);
		break;
	case CMARK_NODE_STRONG:
		set_style(L, L->style | ST_BOLD);
		break;
	case CMARK_NODE_LINK:
		set_style(L, L->style | ST_LINK);
		if (L->o->color && L->o->links && !L->link_depth)
			osc8(&L->word, cmark_node_get_url(n));
		L->link_depth++;
		break;
	case CMARK_NODE_IMAGE:
		add_text(L, "[image: ", 8);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html_block(L, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_HTML_INLINE: {
		const char *t = cmark_node_get_literal(n);
		size_t tl = t ? strlen(t) : 0;
		if (tl && !html_is_markup(t, tl)) { /* Box<dyn Future> */
			add_text(L, t, tl);
		} else if (tl > 3 && (t[1] | 0x20) == 'b' &&
		    (t[2] | 0x20) == 'r' && html_is_markup(t, tl)) {
			flush_word(L);
			newline(L);
		}
		break;
	}
	default: /* document, custom */
		break;
	}
}

/* The text a link shows, to tell autolinks (text = address) apart. */
static bool
link_is_bare(cmark_node *n, const char *url)
{
	cmark_node *c = cmark_node_first_child(n);
	if (!c || cmark_node_next(c) ||
	    cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return false;
	const char *t = cmark_node_get_literal(c);
	return strcmp(t, url) == 0 ||
	    (strncmp(url, "mailto:", 7) == 0 && strcmp(t, url + 7) == 0);
}

static void
leave(struct layout *L, cmark_node *n, bool top)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		block_end(L, in_tight_list(n) ? 1 : 2);
		break;
	case CMARK_NODE_HEADING:
		set_style(L, 0);
		block_end(L, 2);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		block_end(L, 2);
		pop_prefix(L);
		break;
	case CMARK_NODE_LIST:
		if (L->nlists)
			L->nlists--;
		block_end(L, in_tight_list(n) ? 1 : 2);
		break;
	case CMARK_NODE_ITEM:
		block_end(L, 1);
		pop_prefix(L);
		break;
	case CMARK_NODE_EMPH:
		set_style(L, L->style & ~ST_ITALIC);
		break;
	case CMARK_NODE_STRONG:
		set_style(L, L->style & ~ST_BOLD);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE: {
		const char *url = cmark_node_get_url(n);
		if (cmark_node_get_type(n) == CMARK_NODE_LINK) {
			L->link_depth--;
			set_style(L, L->style & ~ST_LINK);
			if (L->o->color && L->o->links && !L->link_depth)
				osc8(&L->word, "");
		} else {
			add_text(L, "]", 1);
		}
		if (url && *url && !link_is_bare(n, url)) {
			char tag[16];
			int k = snprintf(tag, sizeof tag, "[%d]", ++L->nrefs);
			L->word_w += sb_add_safe(&L->word, tag, (size_t)k);
			sb_printf(&L->refs, "[%d] ", L->nrefs);
			/* one word: a space (<a b> is a valid destination)
			 * as %20, as in an href */
			for (const char *u = url; *u; u++)
				if (*u == ' ')
					sb_puts(&L->refs, "%20");
				else
					sb_putc(&L->refs, *u);
			sb_putc(&L->refs, '\n');
		}
		break;
	}
	default:
		break;
	}
	if (top)
		flush_refs(L);
}

/* The most pairs of an image opener "![" and a closing bracket one run
 * of text between blank lines may hold.  libcmark 0.30.2 walks every
 * image opener still open each time a link closes, so such a run costs
 * openers times closers steps (40,000 "![[]()" took 43 s); a paragraph
 * a person writes holds a handful of each. */
#define RENDER_BRACKET_WORK 1000000

/* Finds the runs of md (lines between blank lines: no paragraph spans a
 * blank line, so a run bounds the inline parse of every block in it)
 * whose image openers times closing brackets pass RENDER_BRACKET_WORK.
 * With fix, writes md there with each such run's "![" as "!\[" (text,
 * no image opener).  Returns the number of such runs; the first one's
 * line and counts go to *line, *opens and *closes. */
static size_t
costly_runs(const char *md, size_t len, strbuf *fix, int *line, size_t *opens,
    size_t *closes)
{
	size_t found = 0, start = 0, o = 0, c = 0;
	int ln = 1, start_ln = 1;
	for (size_t i = 0; i <= len; i++) {
		bool end = i == len;
		if (!end && md[i] == '\n') {
			size_t j = i + 1;
			while (j < len &&
			    (md[j] == ' ' || md[j] == '\t' || md[j] == '\r'))
				j++;
			end = j >= len || md[j] == '\n';
		}
		if (!end) {
			o += md[i] == '!' && i + 1 < len && md[i + 1] == '[';
			c += md[i] == ']';
			ln += md[i] == '\n';
			continue;
		}
		size_t stop = i < len ? i + 1 : len;
		bool costly = o && c > RENDER_BRACKET_WORK / o;
		if (costly && !found++) {
			*line = start_ln;
			*opens = o;
			*closes = c;
		}
		for (size_t k = start; fix && k < stop; k++) {
			if (costly && md[k] == '!' && k + 1 < stop &&
			    md[k + 1] == '[')
				sb_puts(fix, "!\\");
			else
				sb_putc(fix, md[k]);
		}
		ln += i < len;
		start = stop;
		start_ln = ln;
		o = c = 0;
	}
	return found;
}

struct cmark_node *
render_parse(const char *md, size_t len, int options)
{
	int line;
	size_t opens, closes;
	if (!costly_runs(md, len, NULL, &line, &opens, &closes))
		return cmark_parse_document(md, len, options);
	strbuf fix = {0}, note = {0};
	costly_runs(md, len, &fix, &line, &opens, &closes);
	cmark_node *doc = cmark_parse_document(fix.s, fix.len, options);
	sb_printf(&note,
	    "(The text from line %d holds %zu image openers \"![\" and "
	    "%zu closing brackets in one paragraph: more than libcmark "
	    "parses in linear time, so its images show as text.)",
	    line, opens, closes);
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, note.s);
	cmark_node_append_child(p, t);
	cmark_node_prepend_child(doc, p);
	sb_free(&fix);
	sb_free(&note);
	return doc;
}

void
render_markdown(const char *md, size_t len, const struct render_opts *o,
    strbuf *out)
{
	struct layout L = {.o = o,
	    .out = out,
	    .at_start = true,
	    .measure = o->width < RENDER_MEASURE ? o->width : RENDER_MEASURE};
	cmark_node *doc = render_parse(md, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		bool top = cmark_node_parent(n) == doc;
		if (ev == CMARK_EVENT_ENTER) {
			enter(&L, n);
			/* leaf blocks get no EXIT event */
			cmark_node_type t = cmark_node_get_type(n);
			if (t == CMARK_NODE_THEMATIC_BREAK ||
			    t == CMARK_NODE_CODE_BLOCK ||
			    t == CMARK_NODE_HTML_BLOCK)
				if (top)
					flush_refs(&L);
		} else {
			leave(&L, n, top);
		}
	}
	flush_word(&L);
	if (!L.at_start)
		newline(&L);
	flush_refs(&L);
	sb_free(&L.word);
	sb_free(&L.refs);
	free(L.pre);
	free(L.lists);
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/* Reports quotes and lists nested deeper than RENDER_MAX_DEPTH, once, at
 * the first node past it, with the deepest level reached. */
static void
lint_depth(cmark_node *doc, render_lint_fn *fn, void *ctx)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int depth = 0, deepest = 0, line = 0, col = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t != CMARK_NODE_BLOCK_QUOTE && t != CMARK_NODE_ITEM)
			continue;
		depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
		if (depth > deepest)
			deepest = depth;
		if (depth > RENDER_MAX_DEPTH && !line) {
			line = cmark_node_get_start_line(n);
			col = cmark_node_get_start_column(n);
		}
	}
	cmark_iter_free(it);
	if (line) {
		char msg[160];
		snprintf(msg, sizeof msg,
		    "quotes and lists nested %d levels "
		    "deep: only %d are shown, the rest as a count",
		    deepest, RENDER_MAX_DEPTH);
		fn(ctx, line, col, msg);
	}
}

/* Start of line (1-based) of md, or NULL past the end. */
static const char *
source_line(const char *md, size_t len, int line, size_t *n)
{
	const char *p = md, *end = md + len;
	for (int k = 1; k < line && p < end; k++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		p = e ? e + 1 : end;
	}
	if (p >= end)
		return NULL;
	const char *e = memchr(p, '\n', (size_t)(end - p));
	*n = e ? (size_t)(e - p) : (size_t)(end - p);
	return p;
}

/* The fence that s[0..n) opens or closes (up to 3 spaces, then 3 or more
 * '`' or '~'): its length, with its character in *c; 0 when none. */
static size_t
fence_at(const char *s, size_t n, char *c)
{
	size_t i = 0, k;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	for (k = i; k < n && s[k] == s[i]; k++)
		;
	*c = s[i];
	return k - i >= 3 ? k - i : 0;
}

/* The length of the fence that opens code block n (md as parsed), its
 * character in *c, when no fence closes it; 0 when n is closed or not
 * fenced. */
static size_t
fence_open(cmark_node *n, const char *md, size_t len, char *c)
{
	int first = cmark_node_get_start_line(n);
	int last = cmark_node_get_end_line(n);
	size_t on, cn = 0, open, close = 0;
	char cc = 0;
	const char *o = source_line(md, len, first, &on);
	if (!o || !(open = fence_at(o, on, c)))
		return 0; /* an indented code block */
	const char *e = last > first ? source_line(md, len, last, &cn) : NULL;
	if (e)
		close = fence_at(e, cn, &cc);
	size_t k = 0;
	while (e && k < cn &&
	    (e[k] == ' ' || e[k] == '`' || e[k] == '~' || e[k] == '\t' ||
	        e[k] == '\r'))
		k++;
	return e && close >= open && cc == *c && k == cn ? 0 : open;
}

/* Reports a fenced code block at the top level that is never closed:
 * it swallows all that follows it, headings included. */
static void
lint_fence(cmark_node *doc, const char *md, size_t len, render_lint_fn *fn,
    void *ctx)
{
	for (cmark_node *n = cmark_node_first_child(doc); n;
	     n = cmark_node_next(n)) {
		char c;
		if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
		    fence_open(n, md, len, &c))
			fn(ctx, cmark_node_get_start_line(n),
			    cmark_node_get_start_column(n),
			    "this code fence is never closed: everything "
			    "after it shows as code");
	}
}

/* Whether s holds t, ASCII case ignored. */
static bool
holds_nocase(const char *s, const char *t)
{
	for (size_t n = strlen(t); *s; s++)
		if (strncasecmp(s, t, n) == 0)
			return true;
	return false;
}

void
render_closer(const char *md, size_t len, strbuf *out)
{
	/* the HTML blocks a blank line does not end (CommonMark 4.6, kinds
	 * 1 to 5): how each starts, and the text that ends it */
	static const struct {
		const char *start, *end;
	} html[] = {{"<script", "</script>"}, {"<pre", "</pre>"},
	    {"<style", "</style>"}, {"<textarea", "</textarea>"},
	    {"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", "]]>"}, {"<!", ">"}};
	cmark_node *doc = render_parse(md, len, CMARK_OPT_DEFAULT);
	cmark_node *n = cmark_node_last_child(doc);
	char c;
	size_t k;
	if (n && cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
	    (k = fence_open(n, md, len, &c))) {
		while (k--)
			sb_putc(out, c);
		sb_putc(out, '\n');
	} else if (n && cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
		const char *lit = cmark_node_get_literal(n);
		lit += strspn(lit, " ");
		for (size_t i = 0; i < sizeof html / sizeof *html; i++) {
			if (strncasecmp(lit, html[i].start,
			        strlen(html[i].start)) != 0)
				continue;
			if (!holds_nocase(lit + strlen(html[i].start),
			        html[i].end))
				sb_printf(out, "%s\n", html[i].end);
			break;
		}
	}
	cmark_node_free(doc);
}

/* Reports inline HTML the renderer drops (tags of known elements but
 * <br>; comments are meant to be unseen). */
static void
lint_html(cmark_node *doc, render_lint_fn *fn, void *ctx)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE)
			continue;
		const char *t = cmark_node_get_literal(n);
		size_t tl = t ? strlen(t) : 0;
		if (!tl || !html_is_markup(t, tl) || t[1] == '!' ||
		    (tl > 3 && (t[1] | 0x20) == 'b' && (t[2] | 0x20) == 'r'))
			continue;
		strbuf msg = {0};
		sb_puts(&msg, "inline HTML ");
		sb_add_safe(&msg, t, tl < 40 ? tl : 40);
		sb_puts(&msg, tl < 40 ? "" : "...");
		sb_puts(&msg,
		    " is not shown: write Markdown, or `code` for "
		    "text that looks like a tag");
		fn(ctx, cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n), msg.s);
		sb_free(&msg);
	}
	cmark_iter_free(it);
}

/* Whether md may hold something render_lint reports: a tag or a fence
 * needs '<', '`' or '~', and each level of quote or list its own '>',
 * bullet or number's '.' or ')'.  Most texts of a guide have none, and
 * skip the parse. */
static bool
lint_may_find(const char *md, size_t len)
{
	size_t markers = 0;
	for (size_t i = 0; i < len; i++)
		switch (md[i]) {
		case '<':
		case '`':
		case '~':
			return true;
		case '>':
		case '-':
		case '*':
		case '+':
		case '.':
		case ')':
			if (++markers > RENDER_MAX_DEPTH)
				return true;
			break;
		default:
			break;
		}
	return false;
}

void
render_lint(const char *md, size_t len, render_lint_fn *fn, void *ctx)
{
	int line;
	size_t opens, closes;
	if (costly_runs(md, len, NULL, &line, &opens, &closes)) {
		char *msg = xasprintf("this paragraph holds %zu image "
		                      "openers \"![\" and %zu closing "
		                      "brackets: "
		                      "libcmark takes time growing with their "
		                      "product, so its images show as text",
		    opens, closes);
		fn(ctx, line, 1, msg);
		free(msg);
	}
	if (!lint_may_find(md, len))
		return;
	cmark_node *doc = render_parse(md, len, CMARK_OPT_VALIDATE_UTF8);
	lint_depth(doc, fn, ctx);
	lint_html(doc, fn, ctx);
	lint_fence(doc, md, len, fn, ctx);
	cmark_node_free(doc);
}
