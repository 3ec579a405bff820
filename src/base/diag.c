/* diag: see include/diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct diag {
	enum diag_level level;
	int status;
	char *file;
	int line, col;
	char *msg; /* NULL for a marker */
	size_t seq;
	size_t marker; /* 0, or 1 + the index of the tally whose problems
	                  past the cap this entry stands for */
};

/* Problems of one level in one file: how many were kept and how many
 * were past DIAG_PER_FILE and only counted. */
struct tally {
	size_t kept, dropped;
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
	bmap *files; /* level byte + file name -> 1 + index in tally */
	struct tally *tally;
	size_t ntally, cap_tally;
};

diag_list *
diag_new(void)
{
	return xcalloc(1, sizeof(diag_list));
}

void
diag_free(diag_list *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	free(d->tally);
	bmap_free(d->files);
	free(d);
}

void
diag_add(diag_list *d, enum diag_level level, int status, const char *file,
    int line, int col, const char *fmt, ...)
{
	/* the tally of this level in this file */
	strbuf key = {0};
	sb_putc(&key, level == DIAG_ERROR ? 'e' : 'w');
	sb_puts(&key, file ? file : "");
	if (!d->files)
		d->files = bmap_new();
	size_t t = (size_t)(uintptr_t)bmap_get(d->files, key.s, key.len);
	if (!t) {
		struct tally z = {0, 0};
		VEC_PUSH(d->tally, d->ntally, d->cap_tally, z);
		t = d->ntally;
		bmap_put(d->files, key.s, key.len, (void *)(uintptr_t)t);
	}
	sb_free(&key);
	struct tally *y = &d->tally[t - 1];
	if (level == DIAG_ERROR && y->kept >= DIAG_PER_FILE) {
		/* one marker stands for the rest */
		if (y->dropped++ == 0) {
			/* located at the first problem it stands for */
			struct diag m = {level, status,
			    file ? xstrdup(file) : NULL, line, col, NULL, d->n,
			    t};
			VEC_PUSH(d->v, d->n, d->cap, m);
		}
		return;
	}
	y->kept++;
	strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	struct diag x = {level, status, file ? xstrdup(file) : NULL, line, col,
	    sb_take(&b), d->n, 0};
	VEC_PUSH(d->v, d->n, d->cap, x);
}

size_t
diag_count(const diag_list *d, enum diag_level level)
{
	size_t c = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == level)
			c += d->v[i].marker
			    ? d->tally[d->v[i].marker - 1].dropped
			    : 1;
	return c;
}

int
diag_status(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR)
			return d->v[i].status ? d->v[i].status : EXIT_DATA;
	return 0;
}

/* Messages quote content, so they pass the same sanitiser as content. */
void
diag_print(const diag_list *d, FILE *out)
{
	strbuf b = {0};
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *x = &d->v[i];
		const char *lv = x->level == DIAG_ERROR ? "error" : "warning";
		b.len = 0;
		if (x->file)
			sb_add_safe(&b, x->file, strlen(x->file));
		else
			sb_puts(&b, "asyncpath");
		if (x->file && x->line)
			sb_printf(&b, ":%d:%d", x->line, x->col);
		sb_printf(&b, ": %s: ", lv);
		if (x->marker) {
			size_t k = d->tally[x->marker - 1].dropped;
			sb_printf(&b,
			    "%zu more %s%s in this file from here on, not "
			    "shown (the first %d are above)",
			    k, lv, k == 1 ? "" : "s", DIAG_PER_FILE);
		} else {
			sb_add_safe(&b, x->msg, strlen(x->msg));
		}
		sb_putc(&b, '\n');
		fputs(b.s, out);
	}
	sb_free(&b);
}

void
diag_say(FILE *out, const char *fmt, ...)
{
	strbuf m = {0}, b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&m, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < m.len;) {
		const char *nl = memchr(m.s + i, '\n', m.len - i);
		size_t end = nl ? (size_t)(nl - m.s) : m.len;
		sb_add_safe(&b, m.s + i, end - i);
		if (nl)
			sb_putc(&b, '\n');
		i = end + 1;
	}
	if (b.len)
		fwrite(b.s, 1, b.len, out);
	fflush(out);
	sb_free(&m);
	sb_free(&b);
}

static int
cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	if (c)
		return c;
	if (!x->marker != !y->marker) /* a marker after its file's list */
		return x->marker ? 1 : -1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_sort(diag_list *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, cmp);
}

char *
diag_text(const diag_list *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return xstrdup("cannot describe the problem");
	diag_print(d, f);
	fclose(f);
	return buf;
}
