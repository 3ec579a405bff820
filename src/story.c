/* story: see include/story.h. */
#include "story.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "character.h"
#include "util.h"
#include "yamltree.h"

const char *const story_kinds[] = {"status-quo", "aws-engineer",
	"shiny-future", "character", NULL};

const char *const story_topics[] = {"runtime", "ecosystem", "locks",
	"sync-async", "cancellation", "send", "pin", "waker", "streams",
	"traits", "recursion", "drop", "performance", "debugging", "tooling",
	"interop", "embedded", "c-ffi", "testing", "errors", "closures",
	"borrowing", "executor", "parallelism", "http", "io", "learning",
	"memory", NULL};

static const char *const card_keys[] = {"id", "title", "character", "kind",
	"source", "summary", "morals", "questions", "topics", "draft", NULL};

#define SOURCE_PREFIX "https://rust-lang.github.io/wg-async/"

void
story_free(struct story *s)
{
	if (!s)
		return;
	free(s->id);
	free(s->title);
	free(s->kind);
	free(s->source);
	free(s->summary);
	yt_free_texts(s->morals, s->nmorals);
	yt_free_texts(s->questions, s->nquestions);
	yt_free_texts(s->topics, s->ntopics);
	free(s->body);
	free(s->file);
	free(s);
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
static bool
count_ok(const yt_ctx *c, const ynode *v, const char *key, size_t n,
    size_t lo, size_t hi)
{
	if (n >= lo && n <= hi)
		return true;
	yt_error(c, v, "'%s' has %zu items: expected %zu to %zu", key, n, lo,
	    hi);
	return false;
}

/* Reads the card's fields from the front matter mapping. */
static bool
fill(const yt_ctx *c, const ynode *fm, struct story *s, const char *base)
{
	bool ok = yt_keys(c, fm, card_keys, "a story card");
	const ynode *v;
	size_t n;

	if ((v = yt_need(c, fm, "id", "the card"))) {
		s->id = yt_id(c, v, "id");
		if (s->id && strcmp(s->id, base) != 0) {
			yt_error(c, v, "id '%s' does not match the file name: "
			    "expected '%s'", s->id, base);
			ok = false;
		}
	}
	if ((v = yt_need(c, fm, "title", "the card")))
		s->title = yt_text(c, v, "title");
	if ((v = yt_need(c, fm, "kind", "the card"))) {
		s->kind = yt_text(c, v, "kind");
		if (s->kind && !in_list(s->kind, story_kinds)) {
			yt_error(c, v, "unknown kind '%s': expected "
			    "status-quo, aws-engineer, shiny-future or "
			    "character", s->kind);
			ok = false;
		}
	}
	if ((v = yt_need(c, fm, "character", "the card"))) {
		char **names = NULL;
		if (v->kind == YN_SCALAR) {
			names = xcalloc(1, sizeof *names);
			if ((names[0] = yt_text(c, v, "character")))
				n = 1;
			else
				n = 0;
		} else {
			names = yt_texts(c, v, "character", false, &n);
		}
		for (size_t i = 0; names && i < n; i++) {
			int ch = character_from_name(names[i]);
			if (ch <= CH_NONE) {
				yt_error(c, v->kind == YN_SEQ ? v->kids[i] : v,
				    "unknown character '%s': expected alan, "
				    "barbara, grace or niklaus", names[i]);
				ok = false;
			} else {
				s->chars |= 1u << ch;
			}
		}
		if (names && n == 0 && v->kind == YN_SEQ) {
			yt_error(c, v, "'character' is an empty list: "
			    "expected at least one character");
			ok = false;
		}
		yt_free_texts(names, n);
	}
	if ((v = yt_need(c, fm, "source", "the card"))) {
		s->source = yt_text(c, v, "source");
		size_t l = s->source ? strlen(s->source) : 0;
		if (s->source && (strncmp(s->source, SOURCE_PREFIX,
		    strlen(SOURCE_PREFIX)) != 0 || l < 5 ||
		    strcmp(s->source + l - 5, ".html") != 0 ||
		    strpbrk(s->source, " \t\"<>"))) {
			yt_error(c, v, "'source' is not the address of an "
			    "original page: expected " SOURCE_PREFIX
			    "....html");
			ok = false;
		}
	}
	if ((v = yt_need(c, fm, "summary", "the card"))) {
		s->summary = yt_text(c, v, "summary");
		if (s->summary && (strlen(s->summary) > 140 ||
		    strchr(s->summary, '\n'))) {
			yt_error(c, v, "'summary' must be one line of at most "
			    "140 characters, found %zu", strlen(s->summary));
			ok = false;
		}
	}
	if ((v = yt_need(c, fm, "morals", "the card")) &&
	    (s->morals = yt_texts(c, v, "morals", false, &s->nmorals)))
		ok &= count_ok(c, v, "morals", s->nmorals, 2, 6);
	if ((v = yt_need(c, fm, "questions", "the card")) &&
	    (s->questions = yt_texts(c, v, "questions", false,
	    &s->nquestions)))
		ok &= count_ok(c, v, "questions", s->nquestions, 2, 4);
	if ((v = yt_need(c, fm, "topics", "the card")) &&
	    (s->topics = yt_texts(c, v, "topics", true, &s->ntopics))) {
		ok &= count_ok(c, v, "topics", s->ntopics, 1, 5);
		for (size_t i = 0; i < s->ntopics; i++)
			if (!in_list(s->topics[i], story_topics)) {
				yt_error(c, v->kids[i], "unknown topic '%s': "
				    "expected one of the topics listed in "
				    "docs/CARDS.md", s->topics[i]);
				ok = false;
			}
	}
	if ((v = yt_get(fm, "draft")))
		ok &= yt_bool(c, v, "draft", &s->draft);
	return ok;
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

struct story *
story_load(const char *file, diag_list *d)
{
	size_t len;
	char *text = read_file(file, &len);
	if (!text) {
		diag_add(d, DIAG_ERROR, EXIT_NOINPUT, file, 0, 0,
		    "cannot read: %s", strerror(errno));
		return NULL;
	}
	size_t before = diag_count(d, DIAG_ERROR);
	yt_ctx c = {file, d};
	struct story *s = NULL;
	size_t bad = utf8_check(text, len);
	if (bad < len) {
		int line, col;
		text_position(text, bad, &line, &col);
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, line, col,
		    "invalid UTF-8 byte 0x%02X: expected UTF-8 text",
		    (unsigned char)text[bad]);
		goto out;
	}
	if (len == 0) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1, "the file is "
		    "empty: expected a '---' line starting the front matter");
		goto out;
	}
	if (strncmp(text, "---\n", 4) != 0 && strncmp(text, "---\r\n", 5)) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1, "no front "
		    "matter: expected the first line to be '---'");
		goto out;
	}
	/* the front matter ends at the next line that is exactly '---' */
	const char *fm = strchr(text, '\n') + 1, *end = NULL;
	for (const char *l = fm; *l && !end;) {
		size_t n = strcspn(l, "\n");
		size_t bare = n && l[n - 1] == '\r' ? n - 1 : n;
		if (bare == 3 && strncmp(l, "---", 3) == 0)
			end = l;
		l += n + (l[n] == '\n');
	}
	if (!end) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1, "the front "
		    "matter is not closed: expected a second '---' line");
		goto out;
	}
	ynode *root = yt_parse(file, fm, (size_t)(end - fm), 1, d);
	if (!root)
		goto out;
	s = xcalloc(1, sizeof *s);
	s->file = xstrdup(file);
	s->line = root->line;
	s->col = root->col;
	char *base = base_name(file);
	if (yt_is_map(&c, root, "the front matter"))
		fill(&c, root, s, base);
	free(base);
	yt_free(root);
	const char *body = strchr(end, '\n');
	body = body ? body + 1 : end + strlen(end);
	while (*body == '\n' || *body == '\r')
		body++;
	s->body = xstrdup(body);
	s->body_line = 1;
	for (const char *p = text; p < body; p++)
		s->body_line += *p == '\n';
	if (!*s->body)
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1, "the card has "
		    "no body: expected the retelling after the front matter");
out:
	free(text);
	if (diag_count(d, DIAG_ERROR) > before) {
		story_free(s);
		return NULL;
	}
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
