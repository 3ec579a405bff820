/*
 * search: see include/search.h.  Each text becomes plain words (cmark's
 * iterator over the Markdown), each word is folded code point by code
 * point through utf8proc, and an inverted index maps every folded word to
 * the texts holding it.  The vocabulary is kept sorted, so a query word
 * finds every word it begins with by binary search.
 */
#include "search.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <utf8proc.h>

#include "mdtext.h"

#define MAX_WORDS 16 /* query words that count; the rest are ignored */
#define MAX_SNIPPETS 20
#define SNIPPET_BYTES 110

struct doc {
	enum search_kind kind;
	const char *id, *title, *md;
	char *plain; /* md as plain text, one line */
};

struct posting {
	size_t doc;
	unsigned count;
	bool title;
};

struct term {
	char *word;
	struct posting *post;
	size_t n, cap;
};

struct search {
	struct doc *docs;
	size_t ndocs, cap;
	struct term **terms; /* sorted by word once built */
	size_t nterms, tcap;
	hmap *vocab;
	bool built;
	const char *open, *close; /* how a snippet marks a word */
};

static const utf8proc_option_t FOLD = UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
    UTF8PROC_STRIPMARK | UTF8PROC_COMPAT;

const char *
search_kind_name(enum search_kind k)
{
	static const char *const names[] = {"story", "node", "plan",
	    "exercise"};
	return names[k];
}

/* True for code points that belong to a word: letters and digits. */
static bool
word_char(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
	    cp == '_';
}

/*
 * Calls fn for each word of s (len bytes): its folded form (a NUL-
 * terminated buffer reused between calls) and its byte range in s, until
 * fn returns false.  Invalid UTF-8 separates words.
 */
typedef bool (*word_fn)(void *ctx, const char *w, size_t wl, size_t from,
    size_t to); /* false: stop here */

static void
each_word(const char *s, size_t len, word_fn fn, void *ctx)
{
	strbuf w = {0};
	size_t i = 0, from = 0;
	bool in = false;
	while (i <= len) {
		utf8proc_int32_t cp = -1, out[18];
		utf8proc_ssize_t k = 1, n = 0;
		if (i < len) {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			    (utf8proc_ssize_t)(len - i), &cp);
			if (k <= 0)
				k = 1, cp = -1;
		}
		bool ascii = cp >= 0 && cp < 0x80;
		if (ascii) { /* the common case, without a table lookup */
			bool alnum = (cp >= 'a' && cp <= 'z') ||
			    (cp >= '0' && cp <= '9') || cp == '_';
			if (cp >= 'A' && cp <= 'Z') {
				cp += 'a' - 'A';
				alnum = true;
			}
			out[0] = cp;
			n = alnum;
		} else if (cp >= 0) {
			int bound = 0;
			n = utf8proc_decompose_char(cp, out, 18, FOLD, &bound);
			if (n < 0 || n > 18)
				n = 0;
		}
		bool any = false;
		for (utf8proc_ssize_t j = 0; j < n; j++) {
			if (!ascii && !word_char(out[j]))
				continue;
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t e = utf8proc_encode_char(out[j], enc);
			if (!in) {
				in = true;
				from = i;
				w.len = 0;
			}
			sb_add(&w, (const char *)enc, (size_t)e);
			any = true;
		}
		/* a mark alone (stripped to nothing) stays inside the word */
		bool inside = any ||
		    (cp >= 0 && n == 0 && in &&
		        utf8proc_category(cp) >= UTF8PROC_CATEGORY_MN &&
		        utf8proc_category(cp) <= UTF8PROC_CATEGORY_ME);
		if (in && !inside) {
			in = false;
			if (!fn(ctx, w.s, w.len, from, i))
				break;
		}
		i += (size_t)k;
	}
	sb_free(&w);
}

static bool
fold_word(void *ctx, const char *w, size_t wl, size_t from, size_t to)
{
	strbuf *b = ctx;
	(void)from, (void)to;
	if (b->len)
		sb_putc(b, ' ');
	sb_add(b, w, wl);
	return true;
}

void
search_fold(const char *s, size_t len, strbuf *out)
{
	each_word(s, len, fold_word, out);
	if (!out->s)
		sb_puts(out, "");
}

/* md as plain text on one line: the literal text of every node. */
static char *
plain_text(const char *md)
{
	strbuf b = {0};
	cmark_node *doc = render_parse(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			sb_puts(&b, cmark_node_get_literal(n));
			if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK)
				sb_putc(&b, ' ');
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sb_putc(&b, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT)
				sb_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	/* one line: every run of white space becomes one space */
	size_t k = 0;
	for (size_t i = 0; i < b.len; i++) {
		char c = b.s[i];
		if (c == '\n' || c == '\t' || c == '\r')
			c = ' ';
		if (c == ' ' && (k == 0 || b.s[k - 1] == ' '))
			continue;
		b.s[k++] = c;
	}
	while (k && b.s[k - 1] == ' ')
		k--;
	b.len = k;
	if (b.s)
		b.s[k] = '\0';
	return sb_take(&b);
}

struct search *
search_new(const struct guide *g, const struct plan_set *ps)
{
	struct search *s = xcalloc(1, sizeof *s);
	s->vocab = hmap_new();
	search_set_marks(s, "**", "**");
	for (size_t i = 0; i < g->nstories; i++) {
		const struct story *st = g->stories[i];
		search_add(s, SK_STORY, st->id, st->title, NULL);
		/* the summary first: snippets then start with it */
		strbuf b = {0};
		sb_printf(&b, "%s\n\n%s\n\n", st->summary, st->body);
		for (size_t k = 0; k < st->nmorals; k++)
			sb_printf(&b, "- %s\n", st->morals[k]);
		for (size_t k = 0; k < st->nquestions; k++)
			sb_printf(&b, "- %s\n", st->questions[k]);
		s->docs[s->ndocs - 1].plain = plain_text(b.s);
		sb_free(&b);
	}
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct node *n = g->nodes[i];
		search_add(s, SK_NODE, n->id, n->title, NULL);
		strbuf b = {0};
		if (n->pain)
			sb_printf(&b, "%s\n\n", n->pain);
		sb_printf(&b, "%s\n\n", n->text ? n->text : "");
		for (int c = 0; c < CH_COUNT; c++)
			if (guide_node_aside(n, c))
				sb_printf(&b, "%s\n\n", guide_node_aside(n, c));
		s->docs[s->ndocs - 1].plain = plain_text(b.s);
		sb_free(&b);
	}
	for (size_t i = 0; ps && i < ps->n; i++) {
		const struct plan *p = ps->plans[i];
		search_add(s, SK_PLAN, p->id, p->title, NULL);
		strbuf b = {0};
		sb_printf(&b, "%s\n\n%s\n\n", p->summary ? p->summary : "",
		    p->audience);
		for (size_t k = 0; k < p->nsessions; k++) {
			const struct plan_session *se = &p->sessions[k];
			sb_printf(&b, "%s\n\n%s\n\n", se->title,
			    se->text ? se->text : "");
			for (size_t j = 0; j < se->nprompts; j++)
				sb_printf(&b, "- %s\n", se->prompts[j]);
			sb_puts(&b, "\n");
		}
		s->docs[s->ndocs - 1].plain = plain_text(b.s);
		sb_free(&b);
	}
	return s;
}

void
search_add_exercises(struct search *s, const struct exercise_set *ex)
{
	for (size_t i = 0; ex && i < ex->n; i++) {
		const struct exercise *e = ex->v[i];
		search_add(s, SK_EXERCISE, e->id, e->title, e->task);
	}
}

void
search_add(struct search *s, enum search_kind kind, const char *id,
    const char *title, const char *markdown)
{
	struct doc d = {kind, id, title, markdown, NULL};
	if (markdown)
		d.plain = plain_text(markdown);
	VEC_PUSH(s->docs, s->ndocs, s->cap, d);
	s->built = false;
}

void
search_set_marks(struct search *s, const char *open, const char *close)
{
	s->open = open;
	s->close = close;
}

void
search_free(struct search *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ndocs; i++)
		free(s->docs[i].plain);
	free(s->docs);
	for (size_t i = 0; i < s->nterms; i++) {
		free(s->terms[i]->word);
		free(s->terms[i]->post);
		free(s->terms[i]);
	}
	free(s->terms);
	hmap_free(s->vocab);
	free(s);
}

struct adder {
	struct search *s;
	size_t doc;
	bool title;
};

static bool
add_word(void *ctx, const char *w, size_t wl, size_t from, size_t to)
{
	struct adder *a = ctx;
	struct search *s = a->s;
	(void)wl, (void)from, (void)to;
	struct term *t = hmap_get(s->vocab, w);
	if (!t) {
		t = xcalloc(1, sizeof *t);
		t->word = xstrdup(w);
		hmap_put(s->vocab, t->word, t);
		VEC_PUSH(s->terms, s->nterms, s->tcap, t);
	}
	if (!t->n || t->post[t->n - 1].doc != a->doc) {
		struct posting p = {a->doc, 0, false};
		VEC_PUSH(t->post, t->n, t->cap, p);
	}
	t->post[t->n - 1].count++;
	t->post[t->n - 1].title |= a->title;
	return true;
}

static int
cmp_term(const void *a, const void *b)
{
	return strcmp((*(struct term *const *)a)->word,
	    (*(struct term *const *)b)->word);
}

/* Builds the inverted index from scratch. */
static void
build(struct search *s)
{
	for (size_t i = 0; i < s->nterms; i++) {
		free(s->terms[i]->word);
		free(s->terms[i]->post);
		free(s->terms[i]);
	}
	s->nterms = 0;
	hmap_free(s->vocab);
	s->vocab = hmap_new();
	for (size_t i = 0; i < s->ndocs; i++) {
		struct adder a = {s, i, true};
		each_word(s->docs[i].title, strlen(s->docs[i].title), add_word,
		    &a);
		each_word(s->docs[i].id, strlen(s->docs[i].id), add_word, &a);
		a.title = false;
		const char *p = s->docs[i].plain ? s->docs[i].plain : "";
		each_word(p, strlen(p), add_word, &a);
	}
	if (s->nterms)
		qsort(s->terms, s->nterms, sizeof *s->terms, cmp_term);
	s->built = true;
}

struct query {
	char *words[MAX_WORDS];
	size_t lens[MAX_WORDS];
	size_t n;
};

static bool
query_word(void *ctx, const char *w, size_t wl, size_t from, size_t to)
{
	struct query *q = ctx;
	(void)from, (void)to;
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->words[i], w) == 0)
			return true;
	if (q->n < MAX_WORDS) {
		q->lens[q->n] = wl;
		q->words[q->n++] = xstrndup(w, wl);
	}
	return true;
}

/* Index of the first term not below w. */
static size_t
lower_bound(const struct search *s, const char *w)
{
	size_t lo = 0, hi = s->nterms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->terms[mid]->word, w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;
	if (x->phrase != y->phrase)
		return x->phrase ? -1 : 1;
	if (x->phrase && x->title_words != y->title_words)
		return x->title_words > y->title_words ? -1 : 1;
	if (x->all_exact != y->all_exact)
		return x->all_exact ? -1 : 1;
	if (x->all != y->all)
		return x->all ? -1 : 1;
	if (x->title_words != y->title_words)
		return x->title_words > y->title_words ? -1 : 1;
	if (x->words != y->words)
		return x->words > y->words ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->id, y->id);
}

struct snip {
	const struct query *q;
	const char *open, *close;
	size_t first_from, lo, hi, at;
	bool found;
	strbuf *md;
	const char *text;
};

static bool
matches(const struct query *q, const char *w, size_t wl)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->lens[i] <= wl && memcmp(q->words[i], w, q->lens[i]) == 0)
			return true;
	return false;
}

static bool
find_first(void *ctx, const char *w, size_t wl, size_t from, size_t to)
{
	struct snip *sn = ctx;
	(void)to;
	if (matches(sn->q, w, wl)) {
		sn->found = true;
		sn->first_from = from;
		return false;
	}
	return true;
}

static bool
mark_word(void *ctx, const char *w, size_t wl, size_t from, size_t to)
{
	struct snip *sn = ctx;
	if (from < sn->lo || to > sn->hi || !matches(sn->q, w, wl))
		return true;
	md_text(sn->md, sn->text + sn->at, from - sn->at);
	sb_puts(sn->md, sn->open);
	md_text(sn->md, sn->text + from, to - from);
	sb_puts(sn->md, sn->close);
	sn->at = to;
	return true;
}

/* mark_word for a scan that starts at sn->lo. */
static bool
mark_word_at(void *ctx, const char *w, size_t wl, size_t from, size_t to)
{
	const struct snip *sn = ctx;
	return mark_word(ctx, w, wl, from + sn->lo, to + sn->lo);
}

/* One line of text around the first match, words marked in bold. */
static char *
snippet(const struct search *s, const char *text, const struct query *q)
{
	size_t len = strlen(text);
	struct snip sn = {.q = q,
	    .text = text,
	    .open = s->open,
	    .close = s->close};
	each_word(text, len, find_first, &sn);
	size_t lo = 0;
	if (sn.found && sn.first_from > SNIPPET_BYTES / 3) {
		lo = sn.first_from - SNIPPET_BYTES / 3;
		while (lo < sn.first_from && text[lo] != ' ')
			lo++;
		lo += lo < sn.first_from;
	}
	size_t hi = lo + SNIPPET_BYTES;
	if (hi >= len) {
		hi = len;
	} else {
		while (hi > lo && text[hi] != ' ')
			hi--;
		if (hi == lo) /* one long word: cut at a character start */
			for (hi = lo + SNIPPET_BYTES;
			     ((unsigned char)text[hi] & 0xc0) == 0x80; hi--)
				;
	}
	strbuf md = {0};
	if (lo)
		sb_puts(&md, "…");
	else if (text[0] && strchr("-+#>=", text[0]))
		sb_putc(&md, '\\'); /* no list or heading at the line start */
	sn.md = &md;
	sn.lo = lo;
	sn.hi = hi;
	sn.at = lo;
	each_word(text + lo, hi - lo, mark_word_at, &sn);
	md_text(&md, text + sn.at, hi - sn.at);
	if (hi < len)
		sb_puts(&md, "…");
	return sb_take(&md);
}

/* Whether the folded text holds the query's words one after another
 * (as whole words at both ends). */
static bool
holds_phrase(const char *plain, const struct query *q)
{
	strbuf t = {0}, p = {0};
	sb_putc(&t, ' ');
	search_fold(plain, strlen(plain), &t);
	sb_putc(&t, ' ');
	sb_putc(&p, ' ');
	for (size_t i = 0; i < q->n; i++)
		sb_printf(&p, "%s ", q->words[i]);
	bool found = strstr(t.s, p.s) != NULL;
	sb_free(&t);
	sb_free(&p);
	return found;
}

size_t
search_query(struct search *s, const char *query, struct search_hit **out)
{
	*out = NULL;
	if (!s->built)
		build(s);
	struct query q = {0};
	each_word(query, strlen(query), query_word, &q);
	if (!q.n)
		return 0;
	struct acc {
		unsigned mask, tmask, emask, count;
	} *acc = xcalloc(s->ndocs + 1, sizeof *acc);
	for (size_t i = 0; i < q.n; i++) {
		unsigned bit = 1u << i;
		for (size_t t = lower_bound(s, q.words[i]); t < s->nterms &&
		     strncmp(s->terms[t]->word, q.words[i], q.lens[i]) == 0;
		     t++) {
			const struct term *tm = s->terms[t];
			bool exact = tm->word[q.lens[i]] == '\0';
			for (size_t k = 0; k < tm->n; k++) {
				struct acc *a = &acc[tm->post[k].doc];
				a->mask |= bit;
				if (exact)
					a->emask |= bit;
				a->count += tm->post[k].count;
				if (tm->post[k].title)
					a->tmask |= bit;
			}
		}
	}
	size_t n = 0;
	struct search_hit *h = NULL;
	for (size_t i = 0; i < s->ndocs; i++)
		n += acc[i].mask != 0;
	if (n)
		h = xcalloc(n, sizeof *h);
	n = 0;
	for (size_t i = 0; i < s->ndocs; i++) {
		if (!acc[i].mask)
			continue;
		struct search_hit *x = &h[n++];
		x->kind = s->docs[i].kind;
		x->id = s->docs[i].id;
		x->title = s->docs[i].title;
		x->title_words = (unsigned)__builtin_popcount(acc[i].tmask);
		x->words = (unsigned)__builtin_popcount(acc[i].mask);
		x->count = acc[i].count;
		x->all = x->words == q.n;
		x->all_exact =
		    (unsigned)__builtin_popcount(acc[i].emask) == q.n;
		x->phrase = q.n > 1 && x->all &&
		    ((x->title && holds_phrase(x->title, &q)) ||
		        (s->docs[i].plain &&
		            holds_phrase(s->docs[i].plain, &q)));
		x->snippet = (char *)s->docs[i].plain; /* until sorted */
	}
	free(acc);
	if (n > 1)
		qsort(h, n, sizeof *h, cmp_hit);
	for (size_t i = 0; i < n; i++)
		h[i].snippet = i < MAX_SNIPPETS
		    ? snippet(s, h[i].snippet ? h[i].snippet : "", &q)
		    : NULL;
	for (size_t i = 0; i < q.n; i++)
		free(q.words[i]);
	*out = h;
	return n;
}

void
search_hits_free(struct search_hit *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(h[i].snippet);
	free(h);
}

void
search_view(const char *query, const struct search_hit *h, size_t n, strbuf *md)
{
	if (!n) {
		sb_puts(md, "Nothing matches “");
		md_text(md, query, strlen(query));
		sb_puts(md, "”.\n");
		return;
	}
	size_t shown = n < MAX_SNIPPETS ? n : MAX_SNIPPETS;
	sb_printf(md, "%zu %s", n, n == 1 ? "match" : "matches");
	if (shown < n)
		sb_printf(md, ", the best %zu", shown);
	sb_puts(md, ":\n\n");
	for (size_t i = 0; i < shown; i++) {
		sb_printf(md, "%zu. **", i + 1);
		md_text(md, h[i].title, strlen(h[i].title));
		sb_printf(md, "** (%s `%s`)  \n%s\n",
		    search_kind_name(h[i].kind), h[i].id,
		    h[i].snippet ? h[i].snippet : "");
	}
}
