/* story: see include/story.h. */
#include "story.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "character.h"
#include "util.h"
#include "yamltree.h"

const char *const story_kinds[] = {"status-quo", "aws-engineer", "shiny-future",
    "character", NULL};

const char *const story_topics[] = {"runtime", "ecosystem", "locks",
    "sync-async", "cancellation", "send", "pin", "waker", "streams", "traits",
    "recursion", "drop", "performance", "debugging", "tooling", "interop",
    "embedded", "c-ffi", "testing", "errors", "closures", "borrowing",
    "executor", "parallelism", "http", "io", "learning", "memory", NULL};

static const char *const card_keys[] = {"id", "title", "character", "kind",
    "source", "summary", "morals", "questions", "topics", "draft", NULL};
/* Indices into card_keys, for the values yt_fields finds. */
enum {
	F_ID,
	F_TITLE,
	F_CHARACTER,
	F_KIND,
	F_SOURCE,
	F_SUMMARY,
	F_MORALS,
	F_QUESTIONS,
	F_TOPICS,
	F_DRAFT,
	F_N
};

#define SOURCE_PREFIX "https://rust-lang.github.io/wg-async/"
#define SUMMARY_MAX 140 /* characters */

void
story_free(struct story *s)
{
	if (s)
		arena_free(s->mem); /* the card is in it, or in a guide's */
}

/* A card being read: where its texts go, and what errors name. */
struct card {
	const yt_ctx *c;
	struct arena **mem;
};

/* The text v (checked as yt_str), kept with the card. */
static char *
text_of(const struct card *k, const ynode *v, const char *key)
{
	const char *t = yt_str(k->c, v, key);
	return t ? arena_strndup(k->mem, t, v->len) : NULL;
}

static char *
id_of(const struct card *k, const ynode *v, const char *key)
{
	const char *t = yt_idstr(k->c, v, key);
	return t ? arena_strndup(k->mem, t, v->len) : NULL;
}

/* A list of texts (checked as yt_texts), NULL-terminated. */
static char **
texts_of(const struct card *k, const ynode *v, const char *key, bool ids,
    size_t *n)
{
	*n = 0;
	if (!yt_strs(k->c, v, key, ids))
		return NULL;
	char **out =
	    arena_alloc(k->mem, (v->n + 1) * sizeof *out, _Alignof(char *));
	for (size_t i = 0; i < v->n; i++)
		out[i] =
		    arena_strndup(k->mem, v->kids[i]->str, v->kids[i]->len);
	out[v->n] = NULL;
	*n = v->n;
	return out;
}

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Checks a list field's length against [lo, hi]. */
static void
count_ok(const yt_ctx *c, const ynode *v, const char *key, size_t n, size_t lo,
    size_t hi)
{
	if (n < lo || n > hi)
		yt_error(c, v, "'%s' has %zu items: expected %zu to %zu", key,
		    n, lo, hi);
}

static void
fill_id(const struct card *k, const ynode *v, struct story *s, const char *base)
{
	const yt_ctx *c = k->c;
	s->id = id_of(k, v, "id");
	if (s->id && strcmp(s->id, base) != 0)
		yt_error(c, v,
		    "id '%s' does not match the file name: "
		    "expected '%s'",
		    s->id, base);
}

static void
fill_kind(const struct card *k, const ynode *v, struct story *s)
{
	const yt_ctx *c = k->c;
	s->kind = text_of(k, v, "kind");
	if (s->kind && !in_list(s->kind, story_kinds))
		yt_error(c, v,
		    "unknown kind '%s': expected status-quo, "
		    "aws-engineer, shiny-future or character",
		    s->kind);
}

/* 'character': one name or a non-empty list of names. */
static void
fill_characters(const yt_ctx *c, const ynode *v, struct story *s)
{
	if (v->kind == YN_MAP) {
		yt_error(c, v,
		    "'character' must be a list (like [a, b]), "
		    "found a mapping");
		return;
	}
	if (v->kind == YN_SEQ && v->n == 0) {
		yt_error(c, v,
		    "'character' is an empty list: expected at "
		    "least one character");
		return;
	}
	size_t n = v->kind == YN_SEQ ? v->n : 1;
	for (size_t i = 0; i < n; i++) {
		const ynode *e = v->kind == YN_SEQ ? v->kids[i] : v;
		const char *name = yt_str(c, e, "character");
		if (!name)
			return;
		int ch = character_from_name(name);
		if (ch <= CH_NONE)
			yt_error(c, e,
			    "unknown character '%s': expected alan, "
			    "barbara, grace or niklaus",
			    name);
		else
			s->chars |= 1u << ch;
	}
}

static void
fill_source(const struct card *k, const ynode *v, struct story *s)
{
	const yt_ctx *c = k->c;
	s->source = text_of(k, v, "source");
	size_t l = s->source ? strlen(s->source) : 0;
	if (s->source &&
	    (strncmp(s->source, SOURCE_PREFIX, strlen(SOURCE_PREFIX)) != 0 ||
	        l < 5 || strcmp(s->source + l - 5, ".html") != 0 ||
	        strpbrk(s->source, " \t\"<>")))
		yt_error(c, v,
		    "'source' is not the address of an original "
		    "page: expected " SOURCE_PREFIX "....html");
}

/* One line of at most SUMMARY_MAX characters (code points, not bytes). */
static void
fill_summary(const struct card *k, const ynode *v, struct story *s)
{
	const yt_ctx *c = k->c;
	s->summary = text_of(k, v, "summary");
	if (!s->summary)
		return;
	size_t chars = 0;
	for (const char *p = s->summary; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars > SUMMARY_MAX || strchr(s->summary, '\n'))
		yt_error(c, v,
		    "'summary' must be one line of at most %d "
		    "characters, found %zu",
		    SUMMARY_MAX, chars);
}

static void
fill_topics(const struct card *k, const ynode *v, struct story *s)
{
	const yt_ctx *c = k->c;
	if (!(s->topics = texts_of(k, v, "topics", true, &s->ntopics)))
		return;
	count_ok(c, v, "topics", s->ntopics, 1, 5);
	for (size_t i = 0; i < s->ntopics; i++)
		if (!in_list(s->topics[i], story_topics))
			yt_error(c, v->kids[i],
			    "unknown topic '%s': expected "
			    "one of the topics listed in docs/CARDS.md",
			    s->topics[i]);
}

/* Reads the card's fields from the front matter mapping. */
static void
fill(const struct card *k, const ynode *fm, struct story *s, const char *base)
{
	const yt_ctx *c = k->c;
	const ynode *v, *f[F_N];
	yt_fields(c, fm, card_keys, "a story card", f); /* one pass */
	if ((v = yt_require(c, fm, f[F_ID], "id", "the card")))
		fill_id(k, v, s, base);
	if ((v = yt_require(c, fm, f[F_TITLE], "title", "the card")))
		s->title = text_of(k, v, "title");
	if ((v = yt_require(c, fm, f[F_KIND], "kind", "the card")))
		fill_kind(k, v, s);
	if ((v = yt_require(c, fm, f[F_CHARACTER], "character", "the card")))
		fill_characters(c, v, s);
	if ((v = yt_require(c, fm, f[F_SOURCE], "source", "the card")))
		fill_source(k, v, s);
	if ((v = yt_require(c, fm, f[F_SUMMARY], "summary", "the card")))
		fill_summary(k, v, s);
	if ((v = yt_require(c, fm, f[F_MORALS], "morals", "the card")) &&
	    (s->morals = texts_of(k, v, "morals", false, &s->nmorals)))
		count_ok(c, v, "morals", s->nmorals, 2, 6);
	if ((v = yt_require(c, fm, f[F_QUESTIONS], "questions", "the card")) &&
	    (s->questions = texts_of(k, v, "questions", false, &s->nquestions)))
		count_ok(c, v, "questions", s->nquestions, 2, 4);
	if ((v = yt_require(c, fm, f[F_TOPICS], "topics", "the card")))
		fill_topics(k, v, s);
	if ((v = f[F_DRAFT]))
		yt_bool(c, v, "draft", &s->draft);
}

/* The file's base name without ".md". */
static char *
base_name(const char *file)
{
	const char *b = strrchr(file, '/');
	b = b ? b + 1 : file;
	size_t n = strlen(b);
	if (n > 3 && strcmp(b + n - 3, ".md") == 0)
		n -= 3;
	return xstrndup(b, n);
}

/* Records an error at byte off of the file's text. */
static void
error_at(diag_list *d, const char *file, const char *text, size_t off,
    const char *msg)
{
	int line, col;
	text_position(text, off, &line, &col);
	diag_add(d, DIAG_ERROR, EXIT_DATA, file, line, col, "%s", msg);
}

/* The whole file is text: valid UTF-8 without NUL bytes. */
static bool
is_text(diag_list *d, const char *file, const char *text, size_t len)
{
	size_t bad = utf8_check(text, len);
	const char *nul = memchr(text, '\0', bad);
	if (nul) {
		error_at(d, file, text, (size_t)(nul - text),
		    "a NUL byte: "
		    "expected text");
		return false;
	}
	if (bad < len) {
		char msg[64];
		snprintf(msg, sizeof msg,
		    "invalid UTF-8 byte 0x%02X: expected "
		    "UTF-8 text",
		    (unsigned char)text[bad]);
		error_at(d, file, text, bad, msg);
		return false;
	}
	return true;
}

/* The front matter of text (after a '---' line): sets *fm to its first
 * byte and returns its closing '---' line, or NULL after an error. */
static const char *
front_matter(diag_list *d, const char *file, const char *text, size_t len,
    const char **fm)
{
	if (len == 0) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1,
		    "the file is "
		    "empty: expected a '---' line starting the front matter");
		return NULL;
	}
	if (strncmp(text, "---\n", 4) != 0 && strncmp(text, "---\r\n", 5)) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1,
		    "no front "
		    "matter: expected the first line to be '---'");
		return NULL;
	}
	/* the front matter ends at the next line that is exactly '---' */
	*fm = strchr(text, '\n') + 1;
	for (const char *l = *fm; *l;) {
		size_t n = strcspn(l, "\n");
		size_t bare = n && l[n - 1] == '\r' ? n - 1 : n;
		if (bare == 3 && strncmp(l, "---", 3) == 0)
			return l;
		l += n + (l[n] == '\n');
	}
	diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1,
	    "the front matter is "
	    "not closed: expected a second '---' line");
	return NULL;
}

/* The body after the closing line end: blank lines skipped. */
static void
take_body(diag_list *d, const char *file, const char *text, const char *end,
    struct story *s, struct arena **mem)
{
	const char *body = strchr(end, '\n');
	body = body ? body + 1 : end + strlen(end);
	while (*body == '\n' || *body == '\r')
		body++;
	s->body = arena_strdup(mem, body);
	s->body_line = 1;
	for (const char *p = text; p < body; p++)
		s->body_line += *p == '\n';
	if (!*s->body)
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1,
		    "the card has "
		    "no body: expected the retelling after the front matter");
}

struct story *
story_load_in(const char *file, diag_list *d, struct arena **mem)
{
	size_t len;
	char *buf = read_file(file, &len);
	if (!buf) {
		diag_add(d, DIAG_ERROR, EXIT_NOINPUT, file, 0, 0,
		    "cannot read: %s", read_file_error(errno));
		return NULL;
	}
	return story_parse_in(file, buf, len, d, mem);
}

struct story *
story_parse_in(const char *file, char *buf, size_t len, diag_list *d,
    struct arena **mem)
{
	size_t before = diag_count(d, DIAG_ERROR);
	struct story *s = NULL;
	const char *text = buf, *fm, *end;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* a byte-order mark: UTF-8 says so already */
		len -= 3;
	}
	if (!is_text(d, file, text, len) ||
	    !(end = front_matter(d, file, text, len, &fm)))
		goto out;
	ynode *root = yt_parse(file, fm, (size_t)(end - fm), 1, d);
	if (!root)
		goto out;
	s = arena_zalloc(mem, 1, sizeof *s);
	s->file = arena_strdup(mem, file);
	s->line = root->line;
	s->col = root->col;
	char *base = base_name(file);
	yt_ctx c = {file, d};
	struct card k = {&c, mem};
	if (yt_is_map(&c, root, "the front matter"))
		fill(&k, root, s, base);
	free(base);
	yt_free(root);
	take_body(d, file, text, end, s, mem);
out:
	free(buf);
	return diag_count(d, DIAG_ERROR) > before ? NULL : s;
}

struct story *
story_load(const char *file, diag_list *d)
{
	struct arena *mem = NULL;
	struct story *s = story_load_in(file, d, &mem);
	if (s)
		s->mem = mem;
	else
		arena_free(mem);
	return s;
}

char *
story_original_path(const struct story *s, const char *upstream)
{
	size_t pl = strlen(SOURCE_PREFIX), l = strlen(s->source);
	if (strncmp(s->source, SOURCE_PREFIX, pl) != 0 || l < pl + 5 ||
	    strstr(s->source, ".."))
		return NULL;
	return xasprintf("%s/src/%.*s.md", upstream, (int)(l - pl - 5),
	    s->source + pl);
}
