/* checks: see include/checks.h. */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

/* Appends s without its comments (// and nested block comments), string
 * and character literals kept whole. */
static void
strip_comments(const char *s, strbuf *b)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		if (s[i] == '/' && s[i + 1] == '/') {
			while (i < n && s[i] != '\n')
				i++;
		} else if (s[i] == '/' && s[i + 1] == '*') {
			int depth = 0;
			do {
				if (s[i] == '/' && s[i + 1] == '*')
					depth++, i += 2;
				else if (s[i] == '*' && s[i + 1] == '/')
					depth--, i += 2;
				else
					i++;
			} while (i < n && depth > 0);
			sb_putc(b, ' ');
		} else if (s[i] == '"') {
			size_t j = i + 1;
			while (j < n && s[j] != '"')
				j += s[j] == '\\' && j + 1 < n ? 2 : 1;
			j = j < n ? j + 1 : n;
			sb_add(b, s + i, j - i);
			i = j;
		} else if (s[i] == '\'' && i + 2 < n &&
		    (s[i + 1] == '\\' || s[i + 2] == '\'')) {
			/* a character literal ('"', '\''); else a lifetime */
			size_t j = i + 2;
			while (j < n && s[j] != '\'')
				j += s[j] == '\\' ? 2 : 1;
			j = j < n ? j + 1 : n;
			sb_add(b, s + i, j - i);
			i = j;
		} else {
			sb_putc(b, s[i++]);
		}
	}
}

/* s with each run of white space as one space, none at the ends. */
static char *
squeeze(const char *s)
{
	strbuf b = {0};
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			sb_putc(&b, ' ');
		space = false;
		sb_putc(&b, *s);
	}
	return sb_take(&b);
}

char *
checks_plain_code(const char *s)
{
	strbuf b = {0};
	strip_comments(s ? s : "", &b);
	char *q = squeeze(b.s ? b.s : "");
	sb_free(&b);
	return q;
}

/*
 * The item of code (comments already out) that starts at the first line
 * holding what: up to the brace that closes its first '{', or its ';' when
 * that comes first.  NULL when no line holds what.  Caller frees.
 */
static char *
item_of(const char *code, const char *what)
{
	const char *hit = strstr(code, what);
	if (!hit)
		return NULL;
	const char *p = hit;
	while (p > code && p[-1] != '\n')
		p--;
	const char *q = hit;
	int depth = 0;
	for (; *q; q++) {
		if (*q == ';' && depth == 0)
			break;
		if (*q == '{')
			depth++;
		else if (*q == '}' && --depth == 0)
			break;
	}
	return xstrndup(p, (size_t)(q - p) + (*q ? 1 : 0));
}

/* Comments out, then the item named what (or all of s). */
static char *
code_part(const char *s, const char *what)
{
	strbuf b = {0};
	strip_comments(s ? s : "", &b);
	char *part =
	    what ? item_of(b.s ? b.s : "", what) : xstrdup(b.s ? b.s : "");
	sb_free(&b);
	if (!part)
		return NULL;
	char *q = squeeze(part);
	free(part);
	return q;
}

static void
add_code(strbuf *b, const char *s)
{
	/* a code span no backtick in s can close */
	const char *tick = strchr(s, '`') ? "`` " : "`";
	sb_puts(b, tick);
	sb_add_safe(b, s, strlen(s));
	sb_puts(b, strchr(s, '`') ? " ``" : "`");
}

/* The index of the first line of out at or after line from holding
 * text, or -1. */
static long
find_line(const char *out, long from, const char *text)
{
	long i = 0;
	for (const char *p = out; p && *p; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (i >= from) {
			char *line = xstrndup(p, len);
			bool hit = strstr(line, text) != NULL;
			free(line);
			if (hit)
				return i;
		}
		p = nl ? nl + 1 : NULL;
	}
	return -1;
}

static bool
check_order(const struct must *m, const struct seen *s, strbuf *why)
{
	long at = find_line(s->out, 0, m->texts[0]);
	for (size_t i = 1; at >= 0 && i < m->ntexts; i++) {
		long next = find_line(s->out, at + 1, m->texts[i]);
		if (next < 0) {
			long any = find_line(s->out, 0, m->texts[i]);
			sb_puts(why,
			    any >= 0 ? "The line with " : "No line with ");
			add_code(why, m->texts[i]);
			sb_puts(why,
			    any >= 0 ? " came before the one with "
			             : " came after the one with ");
			add_code(why, m->texts[i - 1]);
			sb_puts(why, ".");
			return false;
		}
		at = next;
	}
	if (at < 0) {
		sb_puts(why, "No line with ");
		add_code(why, m->texts[0]);
		sb_puts(why, ".");
	}
	return at >= 0;
}

/* The lines of a text, split once (so a check reads its lines in one
 * pass): v[i] is line i, all in buf.  Free with lines_free. */
struct lines {
	char *buf;
	char **v;
	size_t n;
};

static void
lines_of(const char *out, struct lines *l)
{
	size_t cap = 0;
	l->buf = xstrdup(out ? out : "");
	l->v = NULL, l->n = 0;
	for (char *p = l->buf; *p;) {
		VEC_PUSH(l->v, l->n, cap, p);
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
}

static void
lines_free(struct lines *l)
{
	free(l->buf), free(l->v);
}

static bool
check_gap(const struct must *m, const struct seen *s, strbuf *why)
{
	struct lines l;
	lines_of(s->out, &l);
	long n = 0, worst_at = -1;
	double prev = 0, worst = 0, first = 0;
	for (size_t at = 0; at < l.n && at < s->nline; at++) {
		if (!strstr(l.v[at], m->what))
			continue;
		double t = s->line_t[at];
		if (n == 0)
			first = t;
		if (n++ > 0 && t - prev > worst)
			worst = t - prev, worst_at = n;
		prev = t;
	}
	lines_free(&l);
	if (n < m->at_least) {
		sb_printf(why, "Only %ld line%s with ", n, n == 1 ? "" : "s");
		add_code(why, m->what);
		sb_printf(why, " (at least %d).", m->at_least);
		return false;
	}
	if (worst * 1000 > m->max_ms) {
		sb_printf(why, "Lines %ld and %ld with ", worst_at - 1,
		    worst_at);
		add_code(why, m->what);
		sb_printf(why, " came %.0f ms apart (at most %d ms).",
		    worst * 1000, m->max_ms);
		return false;
	}
	if ((prev - first) * 1000 < m->span_ms) {
		sb_printf(why, "All %ld lines with ", n);
		add_code(why, m->what);
		sb_printf(why,
		    " came within %.0f ms, in one burst (the first and the "
		    "last at least %d ms apart).",
		    (prev - first) * 1000, m->span_ms);
		return false;
	}
	return true;
}

/* "1st", "2nd", "3rd", "4th" ... */
static const char *
nth(long n)
{
	long t = n % 100;
	if (t >= 11 && t <= 13)
		return "th";
	return n % 10 == 1 ? "st"
	    : n % 10 == 2  ? "nd"
	    : n % 10 == 3  ? "rd"
	                   : "th";
}

/* Says that the nth line with m->what, line ask (from 0), is not
 * answered. */
static void
say_ask(const struct must *m, long n, size_t ask, strbuf *why)
{
	sb_printf(why, "The %ld%s line with ", n, nth(n));
	add_code(why, m->what);
	sb_printf(why, " (line %zu)", ask + 1);
}

static bool
check_reply(const struct must *m, const struct seen *s, strbuf *why)
{
	const char *answer = m->texts[0];
	struct lines l;
	lines_of(s->out, &l);
	size_t timed = l.n < s->nline ? l.n : s->nline, ask = 0;
	long n = 0; /* requests seen; the last one at line ask */
	bool open = false, good = true; /* the last one is not answered */
	for (size_t i = 0; good && i < timed; i++) {
		if (strstr(l.v[i], m->what)) {
			if (open) {
				say_ask(m, n, ask, why);
				sb_puts(why, " had no line with ");
				add_code(why, answer);
				sb_puts(why, " after it before the next one.");
				good = false;
				break;
			}
			n++, ask = i, open = true;
		} else if (open && strstr(l.v[i], answer)) {
			double late = (s->line_t[i] - s->line_t[ask]) * 1000;
			if (late > m->max_ms) {
				say_ask(m, n, ask, why);
				sb_printf(why,
				    " was answered %.0f ms later, by "
				    "line %zu with ",
				    late, i + 1);
				add_code(why, answer);
				sb_printf(why, " (at most %d ms).", m->max_ms);
				good = false;
			}
			open = false;
		}
	}
	lines_free(&l);
	if (good && n == 0) {
		sb_puts(why, "No line with ");
		add_code(why, m->what);
		sb_puts(why, ".");
		good = false;
	} else if (good && open) {
		say_ask(m, n, ask, why);
		sb_puts(why, " had no line with ");
		add_code(why, answer);
		sb_puts(why, " after it.");
		good = false;
	}
	return good;
}

static bool
check_code(const struct must *m, const struct seen *s, strbuf *why)
{
	char *part = code_part(s->code, m->what);
	if (!part) {
		sb_puts(why, "No line holds ");
		add_code(why, m->what);
		sb_puts(why, ".");
		return false;
	}
	bool good = true;
	for (size_t i = 0; good && i < m->ntexts; i++) {
		char *t = squeeze(m->texts[i]);
		if (!strstr(part, t)) {
			sb_puts(why, "The code does not hold ");
			add_code(why, m->texts[i]);
			good = false;
		}
		free(t);
	}
	for (size_t i = 0; good && i < m->nlacks; i++) {
		char *t = squeeze(m->lacks[i]);
		if (strstr(part, t)) {
			sb_puts(why, "The code holds ");
			add_code(why, m->lacks[i]);
			good = false;
		}
		free(t);
	}
	if (!good && m->what) {
		sb_puts(why, " in ");
		add_code(why, m->what);
	}
	if (!good)
		sb_puts(why, " (comments aside).");
	free(part);
	return good;
}

static bool
check_unchanged(const struct must *m, const struct seen *s, strbuf *why)
{
	char *was = code_part(s->start, m->what);
	char *now = code_part(s->code, m->what);
	bool good = was && now && strcmp(was, now) == 0;
	if (!now) {
		sb_puts(why, "No line holds ");
		add_code(why, m->what);
		sb_puts(why, " any more.");
	} else if (!good) {
		sb_puts(why, "The part that starts with ");
		add_code(why, m->what);
		sb_puts(why, " is not as it was in the starter.");
	}
	free(was);
	free(now);
	return good;
}

static bool
check_silent(const struct must *m, const struct seen *s, strbuf *why)
{
	for (size_t i = 0; i < s->nlints; i++)
		if (strcmp(s->lints[i], m->what) == 0) {
			sb_printf(why, "%s reports ",
			    strncmp(m->what, "clippy::", 8) == 0 ? "clippy"
			                                         : "The "
			                                           "compiler");
			add_code(why, m->what);
			sb_puts(why, " (its warning is shown below).");
			return false;
		}
	return true;
}

int
checks_run(const struct exercise *e, const struct seen *s, strbuf *why,
    strbuf *skipped)
{
	for (size_t i = 0; i < e->nmust; i++) {
		const struct must *m = &e->must[i];
		bool good = true;
		switch (m->kind) {
		case MUST_ORDER:
			good = check_order(m, s, why);
			break;
		case MUST_GAP:
			good = check_gap(m, s, why);
			break;
		case MUST_CODE:
			good = check_code(m, s, why);
			break;
		case MUST_UNCHANGED:
			good = check_unchanged(m, s, why);
			break;
		case MUST_SILENT:
			if (strncmp(m->what, "clippy::", 8) == 0 &&
			    !s->clippy) {
				sb_puts(skipped,
				    "clippy is not installed, so ");
				add_code(skipped, m->what);
				sb_puts(skipped, " was not checked. ");
				break;
			}
			good = check_silent(m, s, why);
			break;
		case MUST_REPLY:
			good = check_reply(m, s, why);
			break;
		}
		if (!good)
			return (int)i;
	}
	return -1;
}
