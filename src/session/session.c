/*
 * session: see include/session.h and docs/SESSION.md.  jansson parses and
 * writes; it does not keep where each value stood, so a failed check of a
 * value finds its line and column again with a small scan of the text
 * along the same keys and indexes (the text is valid JSON by then).
 */
#include "session.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "files.h"

#define MAX_ID 128
#define MAX_NOTE 4096
#define MAX_STEPS 100000
#define MAX_DEPTH 8

struct session {
	json_t *doc;
	char *file, *name;
	char *text; /* the text parsed, for locating values; then NULL */
	size_t len;
	int lock_fd; /* -1: not locked */
	bool readonly, dirty;
	size_t dropped; /* trail steps the last replay could not take */
	hmap *seen; /* node ids of the "seen" list (keys borrowed) */
	const char **ex_ids; /* the exercises' ids in order (borrowed keys) */
	size_t nex, cap_ex;
	char *hash; /* content hash of the path last replayed/updated */
	const struct path *hashed;
};

/* --- names and folders --- */

char *
session_dir(void)
{
	char *d = files_xdg_dir("XDG_STATE_HOME", ".local/state");
	char *s = d ? xasprintf("%s/sessions", d) : NULL;
	free(d);
	return s;
}

bool
session_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64 || name[0] == '.' || name[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		        (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		        c == '-'))
			return false;
	}
	return true;
}

char *
session_file_for(const char *dir, const char *name)
{
	return xasprintf("%s/%s.json", dir, name);
}

/* The name of file: without folder and ".json".  Caller frees. */
static char *
name_of(const char *file)
{
	const char *b = strrchr(file, '/');
	b = b ? b + 1 : file;
	size_t n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".json") == 0)
		n -= 5;
	return xstrndup(b, n);
}

static void
now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- the content hash --- */

static void
fnv(uint64_t *h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;
	     p++) {
		*h ^= *p;
		*h *= 0x100000001b3ULL;
	}
	*h ^= 0; /* the NUL that ends each field */
	*h *= 0x100000001b3ULL;
}

char *
session_content_hash(const struct path *p)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	fnv(&h, p->id);
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct node *n = p->nodes[i];
		fnv(&h, n->id);
		fnv(&h, n->stage->id);
		fnv(&h, n->title);
		fnv(&h, n->text);
		fnv(&h, n->pain);
		for (size_t k = 0; k < n->nchoices; k++) {
			fnv(&h, n->choices[k].id);
			fnv(&h, n->choices[k].to->id);
			fnv(&h, n->choices[k].text);
		}
		for (size_t k = 0; k < n->nstories; k++)
			fnv(&h, n->stories[k]->id);
	}
	return xasprintf("fnv1a64:%016llx", (unsigned long long)h);
}

/* --- locating a value in the text --- */

/* One hop down a document: a key, or an index when key is NULL. */
struct hop {
	const char *key;
	size_t index;
};

static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static const char *
skip_string(const char *p, const char *end)
{
	for (p++; p < end && *p != '"'; p++)
		if (*p == '\\')
			p++;
	return p < end ? p + 1 : end;
}

/* Past the value at p (valid JSON, checked by jansson). */
static const char *
skip_value(const char *p, const char *end)
{
	if (p < end && *p == '"')
		return skip_string(p, end);
	if (p < end && (*p == '{' || *p == '[')) {
		size_t depth = 0;
		while (p < end) {
			if (*p == '"') {
				p = skip_string(p, end);
				continue;
			}
			if (*p == '{' || *p == '[')
				depth++;
			else if ((*p == '}' || *p == ']') && --depth == 0)
				return p + 1;
			p++;
		}
		return end;
	}
	while (p < end && !strchr(" \t\r\n,]}", *p))
		p++;
	return p;
}

/* 1-based line and column (in characters) of byte off of buf; unlike
 * text_position, NUL bytes do not end the text. */
static void
position(const char *buf, size_t off, int *line, int *col)
{
	*line = *col = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

/* Byte offset of the value reached by steps, or of the deepest one found. */
static size_t
locate(const char *text, size_t len, const struct hop *steps, int n)
{
	const char *p = skip_ws(text, text + len), *end = text + len;
	for (int i = 0; i < n && p < end; i++) {
		const char *found = NULL;
		if (*p == '{' && steps[i].key) {
			const char *q = skip_ws(p + 1, end);
			size_t kl = strlen(steps[i].key);
			while (q < end && *q == '"') {
				const char *k = q + 1;
				q = skip_string(q, end);
				bool match = (size_t)(q - 1 - k) == kl &&
				    memcmp(k, steps[i].key, kl) == 0;
				q = skip_ws(skip_ws(q, end) + 1, end); /* : */
				if (match) {
					found = q;
					break;
				}
				q = skip_ws(skip_value(q, end), end);
				if (q < end && *q == ',')
					q = skip_ws(q + 1, end);
			}
		} else if (*p == '[' && !steps[i].key) {
			const char *q = skip_ws(p + 1, end);
			for (size_t k = 0; q < end && *q != ']'; k++) {
				if (k == steps[i].index) {
					found = q;
					break;
				}
				q = skip_ws(skip_value(q, end), end);
				if (q < end && *q == ',')
					q = skip_ws(q + 1, end);
			}
		}
		if (!found)
			break;
		p = found;
	}
	return (size_t)(p - text);
}

/* --- validation: every rule of docs/SESSION.md as a table --- */

enum kind {
	K_VERSION, /* a number this asyncpath reads */
	K_ID, /* 1 to MAX_ID bytes, no space or control character */
	K_NAME, /* a string of at most MAX_ID bytes */
	K_TIME, /* YYYY-MM-DDTHH:MM:SSZ */
	K_CHARACTER, /* one of the four */
	K_IDS, /* a list of ids */
	K_TEXT, /* a note's text */
	K_BOOL,
	K_COUNT, /* 0 to 1000000 */
	K_STATUS, /* an exercise's status */
	K_LIST, /* a list of objects, each checked by items */
	K_MAP, /* an object from ids to objects checked by items */
};

#define REQUIRED 1u
#define NULLABLE 2u /* null is allowed */

struct rule {
	const char *key;
	enum kind kind;
	unsigned flags;
	const struct rule *items; /* K_LIST, K_MAP: the keys of an element */
	const char *noun; /* K_LIST, K_MAP: one element ("step") */
	const char *expect; /* K_LIST, K_MAP: what the value should be */
	size_t min, max; /* K_LIST: how many elements (max 0: any) */
};

static const struct rule step_rules[] = {
    {"node", K_ID, REQUIRED, 0, 0, 0, 0, 0},
    {"choice", K_ID, REQUIRED | NULLABLE, 0, 0, 0, 0, 0},
    {"at", K_TIME, REQUIRED, 0, 0, 0, 0, 0},
    {0},
};

static const struct rule note_rules[] = {
    {"node", K_ID, REQUIRED, 0, 0, 0, 0, 0},
    {"text", K_TEXT, REQUIRED, 0, 0, 0, 0, 0},
    {"at", K_TIME, REQUIRED, 0, 0, 0, 0, 0},
    {0},
};

static const struct rule answer_rules[] = {
    {"question", K_ID, REQUIRED, 0, 0, 0, 0, 0},
    {"answer", K_IDS, REQUIRED, 0, 0, 0, 0, 0},
    {"right", K_BOOL, REQUIRED, 0, 0, 0, 0, 0},
    {"at", K_TIME, REQUIRED, 0, 0, 0, 0, 0},
    {0},
};

static const struct rule exercise_rules[] = {
    {"status", K_STATUS, REQUIRED, 0, 0, 0, 0, 0},
    {"attempts", K_COUNT, REQUIRED, 0, 0, 0, 0, 0},
    {"hints", K_COUNT, REQUIRED, 0, 0, 0, 0, 0},
    {"last_error", K_ID, REQUIRED | NULLABLE, 0, 0, 0, 0, 0},
    {"started", K_TIME, NULLABLE, 0, 0, 0, 0, 0},
    {"solved", K_TIME, NULLABLE, 0, 0, 0, 0, 0},
    {0},
};

/* The document, in the order its keys are checked. */
static const struct rule doc_rules[] = {
    {"version", K_VERSION, REQUIRED, 0, 0, 0, 0, 0},
    {"name", K_ID, REQUIRED, 0, 0, 0, 0, 0},
    {"path", K_ID, REQUIRED, 0, 0, 0, 0, 0},
    {"content_hash", K_ID, REQUIRED, 0, 0, 0, 0, 0},
    {"participant", K_NAME, NULLABLE, 0, 0, 0, 0, 0},
    {"created", K_TIME, REQUIRED, 0, 0, 0, 0, 0},
    {"updated", K_TIME, REQUIRED, 0, 0, 0, 0, 0},
    {"character", K_CHARACTER, REQUIRED | NULLABLE, 0, 0, 0, 0, 0},
    {"trail", K_LIST, REQUIRED, step_rules, "step", "a list of steps", 1,
        MAX_STEPS},
    {"flags", K_IDS, 0, 0, 0, 0, 0, 0},
    {"seen", K_IDS, 0, 0, 0, 0, 0, 0},
    {"read", K_IDS, 0, 0, 0, 0, 0, 0},
    {"notes", K_LIST, 0, note_rules, "note", "a list", 0, 0},
    {"quiz", K_LIST, 0, answer_rules, "answer", "a list", 0, 0},
    {"exercises", K_MAP, 0, exercise_rules, "exercise",
        "an object from exercise ids to results", 0, 0},
    {0},
};

struct check {
	const char *text, *file;
	size_t len;
	diag_list *d;
	struct hop path[MAX_DEPTH]; /* the first MAX_DEPTH hops of the path */
	int depth; /* may exceed MAX_DEPTH: the deeper hops are not kept */
	bool failed;
};

static void bad(struct check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records the first problem, at the value the path points to. */
static void
bad(struct check *c, const char *fmt, ...)
{
	if (c->failed)
		return;
	c->failed = true;
	size_t off = locate(c->text, c->len, c->path,
	    c->depth < MAX_DEPTH ? c->depth : MAX_DEPTH);
	int line, col;
	position(c->text, off, &line, &col);
	strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_add(c->d, DIAG_ERROR, EXIT_DATA, c->file, line, col, "%s", b.s);
	sb_free(&b);
}

/* One hop down: a key, or an index when key is NULL. */
static void
push(struct check *c, const char *key, size_t index)
{
	if (c->depth < MAX_DEPTH)
		c->path[c->depth] = (struct hop){key, index};
	c->depth++;
}

static void
pop(struct check *c)
{
	c->depth--;
}

static const char *
type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "a list";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "a number";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return "null";
	}
}

/* An id: 1 to MAX_ID bytes, no control character, no space. */
static void
check_id(struct check *c, const json_t *v, const char *what)
{
	if (!json_is_string(v)) {
		bad(c, "%s is %s: expected a string", what, type_name(v));
		return;
	}
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (n == 0 || n > MAX_ID) {
		bad(c, "%s is %zu bytes long: expected 1 to %d", what, n,
		    MAX_ID);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f) {
			bad(c,
			    "%s holds a space or control character: "
			    "expected an id",
			    what);
			return;
		}
}

static bool
digits(const char *s, int n, int lo, int hi)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi;
}

static void
check_time(struct check *c, const json_t *v, const char *what)
{
	const char *s = json_string_value(v);
	if (!json_is_string(v) || json_string_length(v) != 20 ||
	    !digits(s, 4, 1970, 9999) || s[4] != '-' ||
	    !digits(s + 5, 2, 1, 12) || s[7] != '-' ||
	    !digits(s + 8, 2, 1, 31) || s[10] != 'T' ||
	    !digits(s + 11, 2, 0, 23) || s[13] != ':' ||
	    !digits(s + 14, 2, 0, 59) || s[16] != ':' ||
	    !digits(s + 17, 2, 0, 60) || s[19] != 'Z')
		bad(c,
		    "%s is not a time: expected UTC as "
		    "YYYY-MM-DDTHH:MM:SSZ",
		    what);
}

static void
check_ids(struct check *c, json_t *v, const char *what)
{
	if (!json_is_array(v)) {
		bad(c, "\"%s\" is %s: expected a list of ids", what,
		    type_name(v));
		return;
	}
	for (size_t i = 0; i < json_array_size(v) && !c->failed; i++) {
		push(c, NULL, i);
		check_id(c, json_array_get(v, i), "an id in the list");
		pop(c);
	}
}

/* "an object with "a", "b" and "c"": the keys of rules. */
static void
expect_object(strbuf *b, const struct rule *rules)
{
	sb_puts(b, "an object with ");
	for (const struct rule *r = rules; r->key; r++)
		sb_printf(b, "%s\"%s\"",
		    r == rules     ? ""
		        : r[1].key ? ", "
		                   : " and ",
		    r->key);
}

static void check_object(struct check *c, json_t *o, const struct rule *rules);

static void
check_list(struct check *c, json_t *v, const struct rule *r)
{
	if (!json_is_array(v)) {
		bad(c, "\"%s\" is %s: expected %s", r->key, type_name(v),
		    r->expect);
		return;
	}
	size_t n = json_array_size(v);
	if (n < r->min)
		bad(c, "\"%s\" is empty: expected at least the first %s",
		    r->key, r->noun);
	else if (r->max && n > r->max)
		bad(c, "\"%s\" has %zu %ss: expected at most %zu", r->key, n,
		    r->noun, r->max);
	for (size_t i = 0; i < n && !c->failed; i++) {
		json_t *e = json_array_get(v, i);
		push(c, NULL, i);
		if (!json_is_object(e)) {
			strbuf b = {0};
			expect_object(&b, r->items);
			bad(c, "%s %zu is %s: expected %s", r->noun, i + 1,
			    type_name(e), b.s);
			sb_free(&b);
		} else {
			check_object(c, e, r->items);
		}
		pop(c);
	}
}

static void
check_map(struct check *c, json_t *v, const struct rule *r)
{
	if (!json_is_object(v)) {
		bad(c, "\"%s\" is %s: expected %s", r->key, type_name(v),
		    r->expect);
		return;
	}
	const char *key;
	json_t *e;
	json_object_foreach(v, key, e)
	{
		if (c->failed)
			break;
		push(c, key, 0);
		json_t *k = json_string(key);
		strbuf what = {0};
		sb_printf(&what, "an %s id", r->noun);
		check_id(c, k, what.s);
		sb_free(&what);
		json_decref(k);
		if (!json_is_object(e))
			bad(c, "%s \"%s\" is %s: expected an object", r->noun,
			    key, type_name(e));
		else
			check_object(c, e, r->items);
		pop(c);
	}
}

static void
check_version(struct check *c, json_t *v)
{
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		bad(c, "\"version\" is not a version: expected %d",
		    SESSION_VERSION);
	else if (json_integer_value(v) > SESSION_VERSION)
		bad(c,
		    "version %lld is newer than this asyncpath reads (%d): "
		    "a newer asyncpath wrote it",
		    (long long)json_integer_value(v), SESSION_VERSION);
}

static void
check_scalar(struct check *c, json_t *v, const struct rule *r, const char *what)
{
	const char *s = json_string_value(v);
	switch (r->kind) {
	case K_NAME:
		if (!s || json_string_length(v) > MAX_ID)
			bad(c,
			    "%s is not a name: expected a string of at most "
			    "%d bytes",
			    what, MAX_ID);
		break;
	case K_CHARACTER:
		if (!s || character_from_name(s) <= CH_NONE ||
		    strlen(s) != json_string_length(v))
			bad(c,
			    "%s is not a character: expected \"alan\", "
			    "\"barbara\", \"grace\", \"niklaus\" or null",
			    what);
		break;
	case K_TEXT:
		if (!s)
			bad(c, "%s is %s: expected a string", what,
			    type_name(v));
		else if (json_string_length(v) > MAX_NOTE)
			bad(c,
			    "the note is %zu bytes long: expected at most %d",
			    json_string_length(v), MAX_NOTE);
		break;
	case K_BOOL:
		if (!json_is_boolean(v))
			bad(c, "%s is %s: expected true or false", what,
			    type_name(v));
		break;
	case K_COUNT:
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 1000000)
			bad(c,
			    "%s is not a count: expected a whole number from "
			    "0 to 1000000",
			    what);
		break;
	default: /* K_STATUS */
		if (!s ||
		    (strcmp(s, "started") && strcmp(s, "failing") &&
		        strcmp(s, "solved")))
			bad(c,
			    "%s is not a status: expected \"started\", "
			    "\"failing\" or \"solved\"",
			    what);
		break;
	}
}

/* Checks value v of key r->key (the path points at it). */
static void
check_value(struct check *c, json_t *v, const struct rule *r)
{
	char what[48]; /* the key as quoted in messages */
	snprintf(what, sizeof what, "\"%s\"", r->key);
	switch (r->kind) {
	case K_VERSION:
		check_version(c, v);
		break;
	case K_ID:
		check_id(c, v, what);
		break;
	case K_TIME:
		check_time(c, v, what);
		break;
	case K_IDS:
		check_ids(c, v, r->key);
		break;
	case K_LIST:
		check_list(c, v, r);
		break;
	case K_MAP:
		check_map(c, v, r);
		break;
	default:
		check_scalar(c, v, r, what);
		break;
	}
}

/* Checks the keys rules name in object o, in order; stops at the first
 * problem.  Keys the rules do not name are allowed. */
static void
check_object(struct check *c, json_t *o, const struct rule *rules)
{
	for (const struct rule *r = rules; r->key && !c->failed; r++) {
		json_t *v = json_object_get(o, r->key);
		if (!v) {
			if (r->flags & REQUIRED)
				bad(c, "no \"%s\": expected one", r->key);
			continue;
		}
		if (json_is_null(v) && (r->flags & NULLABLE))
			continue;
		push(c, r->key, 0);
		check_value(c, v, r);
		pop(c);
	}
}

static void
check_doc(struct check *c, json_t *doc)
{
	if (!json_is_object(doc))
		bad(c, "the session is %s: expected an object", type_name(doc));
	else
		check_object(c, doc, doc_rules);
}

/* The optional lists as empty values, so later code never checks. */
static void
fill_defaults(json_t *doc)
{
	if (!json_object_get(doc, "seen"))
		json_object_set_new(doc, "seen", json_array());
	if (!json_object_get(doc, "read"))
		json_object_set_new(doc, "read", json_array());
	if (!json_object_get(doc, "notes"))
		json_object_set_new(doc, "notes", json_array());
	if (!json_object_get(doc, "quiz"))
		json_object_set_new(doc, "quiz", json_array());
	if (!json_object_get(doc, "exercises"))
		json_object_set_new(doc, "exercises", json_object());
}

static struct session *
session_wrap(json_t *doc, const char *file)
{
	struct session *s = xcalloc(1, sizeof *s);
	s->doc = doc;
	s->file = file ? xstrdup(file) : NULL;
	s->name = file ? name_of(file) : xstrdup("");
	s->lock_fd = -1;
	s->seen = hmap_new();
	json_t *seen = json_object_get(doc, "seen"), *v;
	size_t i;
	json_array_foreach(seen, i, v)
	    hmap_put(s->seen, json_string_value(v), v);
	const char *key;
	json_object_foreach(json_object_get(doc, "exercises"), key, v)
	    VEC_PUSH(s->ex_ids, s->nex, s->cap_ex, key);
	return s;
}

struct session *
session_parse(const char *buf, size_t len, const char *file, diag_list *d)
{
	if (len > SESSION_MAX_BYTES) {
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1,
		    "the file is "
		    "%zu bytes: a session holds at most %zu",
		    len, SESSION_MAX_BYTES);
		return NULL;
	}
	json_error_t err;
	json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (!doc) {
		/* jansson's column counts bytes, ours characters; its
		 * position is just past the token it names after "near" */
		int line, col;
		size_t pos = err.position > 0 ? (size_t)err.position : 0;
		const char *near = strstr(err.text, "near '");
		const char *q = near ? strrchr(near + 6, '\'') : NULL;
		size_t tl = q ? (size_t)(q - near - 6) : 0;
		if (pos > len)
			pos = len;
		if (tl && tl <= pos &&
		    memcmp(buf + pos - tl, near + 6, tl) == 0)
			pos -= tl;
		else if (pos > 0 && pos < len && buf[--pos] == '"')
			while (pos > 0 &&
			    (buf[--pos] != '"' || /* a string: */
			        (pos > 0 &&
			            buf[pos - 1] == '\\'))) /* its start */
				;
		position(buf, pos, &line, &col);
		diag_add(d, DIAG_ERROR, EXIT_DATA, file, line, col,
		    "not a session: %s", err.text);
		return NULL;
	}
	struct check c = {buf, file, len, d, {{0}}, 0, false};
	check_doc(&c, doc);
	if (c.failed) {
		json_decref(doc);
		return NULL;
	}
	fill_defaults(doc);
	return session_wrap(doc, file);
}

struct session *
session_load(const char *file, diag_list *d)
{
	/* read_file_max refuses a FIFO, device or folder before a read can
	 * block (util's one way to open a file a user names) */
	size_t len;
	char *buf = read_file_max(file, SESSION_MAX_BYTES, &len);
	if (!buf) {
		int e = errno;
		struct stat st;
		if (e == EISDIR || e == ENODEV)
			diag_add(d, DIAG_ERROR, EXIT_DATA, file, 0, 0,
			    "cannot read the session: %s", read_file_error(e));
		else if (e == EFBIG && stat(file, &st) == 0)
			diag_add(d, DIAG_ERROR, EXIT_DATA, file, 1, 1,
			    "the file is %lld bytes: a session holds at most "
			    "%zu",
			    (long long)st.st_size, SESSION_MAX_BYTES);
		else
			diag_add(d, DIAG_ERROR, EXIT_NOINPUT, file, 0, 0,
			    "cannot open the session: %s", strerror(e));
		return NULL;
	}
	struct session *s = session_parse(buf, len, file, d);
	free(buf);
	return s;
}

static json_t *
step_json(const char *node, const char *choice, const char *at)
{
	json_t *o = json_object();
	json_object_set_new(o, "node", json_string(node));
	json_object_set_new(o, "choice",
	    choice ? json_string(choice) : json_null());
	json_object_set_new(o, "at", json_string(at));
	return o;
}

struct session *
session_new(const char *file, const struct walk *w)
{
	char now[32];
	now_iso(now);
	json_t *doc = json_object();
	char *name = file ? name_of(file) : xstrdup("");
	json_object_set_new(doc, "version", json_integer(SESSION_VERSION));
	json_object_set_new(doc, "name", json_string(name));
	json_object_set_new(doc, "participant", json_null());
	json_object_set_new(doc, "path", json_string(walk_path(w)->id));
	json_object_set_new(doc, "content_hash", json_string(""));
	json_object_set_new(doc, "created", json_string(now));
	json_object_set_new(doc, "updated", json_string(now));
	json_object_set_new(doc, "character", json_null());
	json_t *trail = json_array();
	json_array_append_new(trail,
	    step_json(walk_path(w)->start->id, NULL, now));
	json_object_set_new(doc, "trail", trail);
	json_object_set_new(doc, "flags", json_array());
	fill_defaults(doc);
	free(name);
	struct session *s = session_wrap(doc, file);
	session_update(s, w);
	s->dirty = true;
	return s;
}

void
session_free(struct session *s)
{
	if (!s)
		return;
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	json_decref(s->doc);
	hmap_free(s->seen);
	free(s->ex_ids);
	free(s->file);
	free(s->name);
	free(s->hash);
	free(s);
}

const char *
session_file(const struct session *s)
{
	return s->file;
}

const char *
session_name(const struct session *s)
{
	return s->name;
}

const char *
session_path_id(const struct session *s)
{
	return json_string_value(json_object_get(s->doc, "path"));
}

/* The string at key of o, or NULL. */
static const char *
str_at(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *
session_saved_name(const struct session *s)
{
	return str_at(s->doc, "name");
}

const char *
session_saved_hash(const struct session *s)
{
	return str_at(s->doc, "content_hash");
}

const char *
session_created(const struct session *s)
{
	return str_at(s->doc, "created");
}

const char *
session_updated(const struct session *s)
{
	return str_at(s->doc, "updated");
}

const char *
session_participant(const struct session *s)
{
	return str_at(s->doc, "participant");
}

/* Element i of the list at key. */
static const json_t *
item(const struct session *s, const char *key, size_t i)
{
	return json_array_get(json_object_get(s->doc, key), i);
}

size_t
session_nsteps(const struct session *s)
{
	return json_array_size(json_object_get(s->doc, "trail"));
}

struct session_step
session_step(const struct session *s, size_t i)
{
	const json_t *o = item(s, "trail", i);
	return (struct session_step){str_at(o, "node"), str_at(o, "choice"),
	    str_at(o, "at")};
}

const char *
session_seen_id(const struct session *s, size_t i)
{
	return json_string_value(item(s, "seen", i));
}

size_t
session_nread(const struct session *s)
{
	return json_array_size(json_object_get(s->doc, "read"));
}

const char *
session_read_id(const struct session *s, size_t i)
{
	return json_string_value(item(s, "read", i));
}

size_t
session_nnotes(const struct session *s)
{
	return json_array_size(json_object_get(s->doc, "notes"));
}

struct session_note
session_note(const struct session *s, size_t i)
{
	const json_t *o = item(s, "notes", i);
	return (struct session_note){str_at(o, "node"), str_at(o, "text"),
	    str_at(o, "at")};
}

size_t
session_nanswers(const struct session *s)
{
	return json_array_size(json_object_get(s->doc, "quiz"));
}

struct session_answer
session_answer(const struct session *s, size_t i)
{
	const json_t *o = item(s, "quiz", i);
	return (struct session_answer){str_at(o, "question"), str_at(o, "at"),
	    json_array_size(json_object_get(o, "answer")),
	    json_is_true(json_object_get(o, "right"))};
}

const char *
session_answer_option(const struct session *s, size_t i, size_t k)
{
	const json_t *o = item(s, "quiz", i);
	return json_string_value(
	    json_array_get(json_object_get(o, "answer"), k));
}

static const char *const status_names[] = {"started", "failing", "solved"};

const char *
session_status_name(enum session_status st)
{
	return (size_t)st < 3 ? status_names[st] : "started";
}

size_t
session_nexercises(const struct session *s)
{
	return s->nex;
}

struct session_exercise
session_exercise(const struct session *s, size_t i)
{
	const char *id = s->ex_ids[i];
	const json_t *o =
	    json_object_get(json_object_get(s->doc, "exercises"), id);
	const char *st = str_at(o, "status");
	enum session_status status = SESSION_STARTED;
	for (size_t k = 0; st && k < 3; k++)
		if (strcmp(st, status_names[k]) == 0)
			status = (enum session_status)k;
	return (struct session_exercise){id, status,
	    (unsigned)json_integer_value(json_object_get(o, "attempts")),
	    (unsigned)json_integer_value(json_object_get(o, "hints")),
	    str_at(o, "last_error"), str_at(o, "started"), str_at(o, "solved")};
}

char *
session_clean_name(const char *name)
{
	strbuf b = {0};
	size_t len = strlen(name);
	bool space = false;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		int n = utf8_decode(name + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		bool ws = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == 0xA0 || cp == 0x3000;
		if (ws) {
			space = b.len > 0;
		} else if (cp >= 0x20 && cp != 0x7F &&
		    !(cp >= 0x80 && cp < 0xA0) && !utf8_is_bidi(cp) &&
		    cp != 0x2028 && cp != 0x2029) {
			size_t need = (space ? 1 : 0) + (size_t)n;
			if (b.len + need > SESSION_NAME_MAX)
				break;
			if (space)
				sb_putc(&b, ' ');
			space = false;
			sb_add(&b, name + i, (size_t)n);
		}
		i += (size_t)n;
	}
	return b.s ? sb_take(&b) : xstrdup("");
}

void
session_set_participant(struct session *s, const char *name)
{
	char *clean = session_clean_name(name);
	json_object_set_new(s->doc, "participant", json_string(clean));
	free(clean);
	s->dirty = true;
}

/* --- locking --- */

/* Removes temporary files a killed process left (.NAME.json.RANDOM):
 * with the lock held, no save of this session is under way. */
static void
remove_stale(const struct session *s)
{
	char *dir = files_dir_of(s->file);
	char *base = xasprintf("%s.json", s->name);
	DIR *dp = opendir(dir);
	struct dirent *e;
	while (dp && (e = readdir(dp)))
		if (files_is_temp_of(e->d_name, base)) {
			char *f = xasprintf("%s/%s", dir, e->d_name);
			unlink(f);
			free(f);
		}
	if (dp)
		closedir(dp);
	free(base);
	free(dir);
}

/* The lock file of session name saved as file: .NAME.lock beside it. */
static char *
lock_file(const char *file, const char *name)
{
	char *dir = files_dir_of(file);
	char *lock = xasprintf("%s/.%s.lock", dir, name);
	free(dir);
	return lock;
}

int
session_remove(const char *file, const char *name)
{
	if (unlink(file) != 0)
		return errno;
	char *lock = lock_file(file, name);
	unlink(lock);
	free(lock);
	return 0;
}

int
session_lock(struct session *s)
{
	if (s->lock_fd >= 0 || !s->file)
		return 0;
	char *dir = files_dir_of(s->file);
	int err = files_make_dirs(dir, 0700);
	free(dir);
	char *lock = lock_file(s->file, s->name);
	int fd = err ? -1 : open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (!err && fd < 0)
		err = errno;
	free(lock);
	if (err)
		return err;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		err = errno == EWOULDBLOCK ? EWOULDBLOCK : errno;
		close(fd);
		return err;
	}
	s->lock_fd = fd;
	remove_stale(s);
	return 0;
}

void
session_set_readonly(struct session *s, bool ro)
{
	s->readonly = ro;
}

bool
session_readonly(const struct session *s)
{
	return s->readonly;
}

/* --- resuming --- */

/* Adds "kind `id`" to the list of ids gone, once each. */
static void
gone_add(strbuf *gone, size_t *n, const char *kind, const char *id)
{
	strbuf item = {0};
	sb_printf(&item, "%s `", kind);
	sb_add_safe(&item, id, strlen(id));
	sb_puts(&item, "`");
	if (!gone->s || !strstr(gone->s, item.s)) {
		sb_puts(gone, *n ? ", " : "");
		sb_puts(gone, item.s);
		++*n;
	}
	sb_free(&item);
}

/* The index of the choice offered at w's node that leads to next, the one
 * with the id cid first; k (the count offered) when none does. */
static size_t
replay_pick(const struct choice **offered, size_t k, const char *cid,
    const char *next)
{
	for (size_t j = 0; j < k; j++)
		if (cid && strcmp(offered[j]->to->id, next) == 0 &&
		    strcmp(offered[j]->id, cid) == 0)
			return j;
	for (size_t j = 0; j < k; j++)
		if (strcmp(offered[j]->to->id, next) == 0)
			return j;
	return k;
}

/* Takes the trail's steps in w while they still lead on; the ids found
 * gone go to gone.  Returns how many steps were taken. */
static size_t
replay_trail(struct walk *w, const struct guide *g, const json_t *trail,
    strbuf *gone, size_t *ngone)
{
	size_t n = json_array_size(trail), taken = 0;
	const char *first = json_string_value(
	    json_object_get(json_array_get(trail, 0), "node"));
	if (strcmp(first, walk_path(w)->start->id) != 0) {
		if (!guide_node(g, first))
			gone_add(gone, ngone, "node", first);
		return 0;
	}
	const struct choice **offered = NULL; /* reused for every stop */
	size_t offered_cap = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		json_t *st = json_array_get(trail, i);
		const char *cid =
		    json_string_value(json_object_get(st, "choice"));
		const char *next = json_string_value(
		    json_object_get(json_array_get(trail, i + 1), "node"));
		const struct node *at = walk_node(w);
		if (at->nchoices + 1 > offered_cap) {
			offered_cap = at->nchoices + 1;
			offered =
			    xrealloc(offered, offered_cap * sizeof *offered);
		}
		size_t k = walk_offered(w, offered, at->nchoices);
		size_t pick = replay_pick(offered, k, cid, next);
		if (pick == k) {
			if (!guide_node(g, next))
				gone_add(gone, ngone, "node", next);
			else if (cid && !guide_choice(at, cid))
				gone_add(gone, ngone, "choice", cid);
			break;
		}
		walk_take(w, pick);
		taken++;
	}
	free(offered);
	return taken;
}

/* Marks the session's stories read in w; the story and note ids that are
 * gone, and the nodes of the steps not taken, go to gone. */
static void
replay_rest(const struct session *s, struct walk *w, const struct guide *g,
    size_t taken, strbuf *gone, size_t *ngone)
{
	json_t *trail = json_object_get(s->doc, "trail");
	for (size_t i = taken + 1; i < json_array_size(trail); i++) {
		const char *id = json_string_value(
		    json_object_get(json_array_get(trail, i), "node"));
		if (!guide_node(g, id))
			gone_add(gone, ngone, "node", id);
	}
	json_t *read = json_object_get(s->doc, "read"), *v;
	size_t i;
	json_array_foreach(read, i, v)
	{
		const struct story *st = guide_story(g, json_string_value(v));
		if (st)
			walk_mark_read(w, st);
		else
			gone_add(gone, ngone, "story", json_string_value(v));
	}
	json_array_foreach(json_object_get(s->doc, "notes"), i, v)
	{
		const char *id = json_string_value(json_object_get(v, "node"));
		if (!guide_node(g, id))
			gone_add(gone, ngone, "node", id);
	}
}

struct walk *
session_replay(struct session *s, const struct guide *g, strbuf *msg)
{
	const char *pid = session_path_id(s);
	const struct path *p = guide_path(g, pid);
	if (!p) {
		sb_puts(msg, "This session walks the path `");
		sb_add_safe(msg, pid, strlen(pid));
		sb_puts(msg, "`, which this guide does not have.\n");
		return NULL;
	}
	struct walk *w = walk_new(g, p);
	json_t *trail = json_object_get(s->doc, "trail");
	size_t n = json_array_size(trail);
	strbuf gone = {0};
	size_t ngone = 0;
	size_t taken = replay_trail(w, g, trail, &gone, &ngone);
	s->dropped = n - 1 - taken;
	replay_rest(s, w, g, taken, &gone, &ngone);
	char *hash = session_content_hash(p);
	bool changed = strcmp(hash,
	                   json_string_value(
	                       json_object_get(s->doc, "content_hash"))) != 0;
	free(hash);
	if (changed || ngone || s->dropped) {
		sb_puts(msg,
		    "The content has changed since this session was "
		    "saved.");
		if (ngone)
			sb_printf(msg, " Gone now: %s.", gone.s);
		if (s->dropped)
			sb_printf(msg,
			    " Your walk resumes at step %zu of the "
			    "%zu it had: the last one that still leads on.",
			    taken + 1, n);
		sb_puts(msg, "\n");
	}
	sb_free(&gone);
	return w;
}

size_t
session_dropped(const struct session *s)
{
	return s->dropped;
}

/* --- recording --- */

/* Replaces key in the document when the new value differs; takes v. */
static bool
set_if_changed(struct session *s, const char *key, json_t *v)
{
	json_t *old = json_object_get(s->doc, key);
	if (old && json_equal(old, v)) {
		json_decref(v);
		return false;
	}
	json_object_set_new(s->doc, key, v);
	return true;
}

/* Sets the document's content hash to p's; true when it changed.  The
 * hash reads every text of the path, so it is made once per path. */
static bool
update_hash(struct session *s, const struct path *p)
{
	if (s->hashed != p) {
		free(s->hash);
		s->hash = session_content_hash(p);
		s->hashed = p;
	}
	return set_if_changed(s, "content_hash", json_string(s->hash));
}

bool
session_update(struct session *s, const struct walk *w)
{
	const struct path *p = walk_path(w);
	const struct guide *g = walk_guide(w);
	char now[32];
	now_iso(now);
	bool changed = set_if_changed(s, "path", json_string(p->id));
	if (s->file) /* in memory only: hashed when saved (save_to) */
		changed |= update_hash(s, p);
	int ch = walk_character(w);
	changed |= set_if_changed(s, "character",
	    ch == CH_NONE ? json_null() : json_string(character_name(ch)));
	/* the trail: arrival times kept for the steps that did not change */
	json_t *old = json_object_get(s->doc, "trail");
	json_t *trail = json_array();
	size_t steps = walk_steps(w);
	bool same = true;
	for (size_t i = 0; i <= steps; i++) {
		const struct node *at = walk_trail(w, i);
		const struct choice *c = walk_trail_choice(w, i);
		const char *cid = c ? c->id : NULL;
		json_t *o = json_array_get(old, i);
		const char *onode =
		    json_string_value(json_object_get(o, "node"));
		same = same && onode && strcmp(onode, at->id) == 0;
		const char *when =
		    same ? json_string_value(json_object_get(o, "at")) : now;
		json_array_append_new(trail, step_json(at->id, cid, when));
		const char *ochoice =
		    json_string_value(json_object_get(o, "choice"));
		same = same && cid && ochoice && strcmp(cid, ochoice) == 0;
	}
	changed |= set_if_changed(s, "trail", trail);
	json_t *seen = json_object_get(s->doc, "seen");
	for (size_t i = 0; i <= steps; i++) {
		const char *id = walk_trail(w, i)->id;
		if (hmap_get(s->seen, id))
			continue;
		json_t *v = json_string(id);
		json_array_append_new(seen, v);
		hmap_put(s->seen, json_string_value(v), v);
		changed = true;
	}
	json_t *flags = json_array();
	for (size_t i = 0; i < g->nflags; i++)
		if (walk_flag(w, i))
			json_array_append_new(flags, json_string(g->flags[i]));
	changed |= set_if_changed(s, "flags", flags);
	/* read: kept in the order first opened; ids the guide lacks stay */
	json_t *read = json_object_get(s->doc, "read");
	for (size_t i = 0; i < g->nstories; i++) {
		if (!walk_has_read(w, g->stories[i]))
			continue;
		bool listed = false;
		size_t k;
		json_t *v;
		json_array_foreach(read, k, v) listed |=
		    strcmp(json_string_value(v), g->stories[i]->id) == 0;
		if (!listed) {
			json_array_append_new(read,
			    json_string(g->stories[i]->id));
			changed = true;
		}
	}
	s->dirty |= changed;
	return s->dirty;
}

void
session_add_note(struct session *s, const struct node *n, const char *text)
{
	char now[32];
	now_iso(now);
	size_t len = strlen(text);
	if (len > MAX_NOTE) { /* cut at a character boundary */
		len = MAX_NOTE;
		while (len && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	json_t *o = json_object();
	json_object_set_new(o, "node", json_string(n->id));
	json_t *t = json_stringn(text, len);
	json_object_set_new(o, "text", t ? t : json_string("\xef\xbf\xbd"));
	json_object_set_new(o, "at", json_string(now));
	json_array_append_new(json_object_get(s->doc, "notes"), o);
	s->dirty = true;
}

bool
session_seen(const struct session *s, const char *node)
{
	return hmap_get(s->seen, node) != NULL;
}

size_t
session_nseen(const struct session *s)
{
	return hmap_count(s->seen);
}

void
session_add_quiz(struct session *s, const char *qid, const char *const *answer,
    size_t n, bool right)
{
	char now[32];
	now_iso(now);
	json_t *o = json_object(), *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(answer[i]));
	json_object_set_new(o, "question", json_string(qid));
	json_object_set_new(o, "answer", a);
	json_object_set_new(o, "right", json_boolean(right));
	json_object_set_new(o, "at", json_string(now));
	json_array_append_new(json_object_get(s->doc, "quiz"), o);
	s->dirty = true;
}

/* t (seconds since the epoch) as a JSON time, or null when t is 0 or
 * out of the range a session holds (years 1970 to 9999). */
static json_t *
json_time(long long t)
{
	char out[32];
	time_t tt = (time_t)t;
	struct tm tm;
	if (t <= 0 || t > 253402300799LL || !gmtime_r(&tt, &tm))
		return json_null();
	strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(out);
}

long long
session_time_seconds(const char *t)
{
	int y, mo, d, h, mi, sec;
	if (!t ||
	    sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &sec) !=
	        6)
		return -1;
	/* days from the civil date (Howard Hinnant's algorithm) */
	y -= mo <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long long days = era * 146097 + doe - 719468;
	return days * 86400 + h * 3600 + mi * 60 + sec;
}

long long
session_exercise_took(const struct session_exercise *x)
{
	long long t0 = session_time_seconds(x->started),
	          t1 = session_time_seconds(x->solved);
	return x->status == SESSION_SOLVED && t0 >= 0 && t1 >= t0 ? t1 - t0
	                                                          : -1;
}

void
session_set_exercise(struct session *s, const char *id, const char *status,
    unsigned attempts, unsigned hints, const char *last_error,
    long long started, long long solved)
{
	json_t *o = json_object();
	json_object_set_new(o, "status", json_string(status));
	json_object_set_new(o, "attempts", json_integer(attempts));
	json_object_set_new(o, "hints", json_integer(hints));
	json_object_set_new(o, "last_error",
	    last_error ? json_string(last_error) : json_null());
	json_object_set_new(o, "started", json_time(started));
	json_object_set_new(o, "solved", json_time(solved));
	json_t *all = json_object_get(s->doc, "exercises");
	bool known = json_object_get(all, id) != NULL;
	json_object_set_new(all, id, o);
	if (!known) /* the key jansson keeps, borrowed */
		VEC_PUSH(s->ex_ids, s->nex, s->cap_ex,
		    json_object_iter_key(json_object_iter_at(all, id)));
	s->dirty = true;
}

/* --- saving --- */

/* Writes data to file atomically, making its folder; returns 0 or errno,
 * leaving file as it was on failure. */
static int
write_atomic(const char *file, const char *data, size_t len)
{
	char *dir = files_dir_of(file);
	int err = files_make_dirs(dir, 0700);
	free(dir);
	return err ? err : files_write_atomic(file, data, len, 0600);
}

static int
save_to(struct session *s, const struct walk *w, const char *file,
    bool rename_doc)
{
	if (w) {
		session_update(s, w);
		update_hash(s, walk_path(w));
	}
	char now[32];
	now_iso(now);
	json_t *doc = rename_doc ? json_deep_copy(s->doc) : s->doc;
	if (rename_doc) {
		char *name = name_of(file);
		json_object_set_new(doc, "name", json_string(name));
		free(name);
	} else {
		json_object_set_new(doc, "name", json_string(s->name));
	}
	json_object_set_new(doc, "updated", json_string(now));
	char *text = json_dumps(doc, JSON_INDENT(2));
	if (rename_doc)
		json_decref(doc);
	if (!text)
		return ENOMEM;
	strbuf b = {0};
	sb_puts(&b, text);
	sb_putc(&b, '\n');
	free(text);
	int err = write_atomic(file, b.s, b.len);
	sb_free(&b);
	return err;
}

char *
session_text(struct session *s)
{
	char *text = json_dumps(s->doc, JSON_INDENT(2));
	if (!text)
		abort(); /* out of memory, as the xmalloc family */
	char *out = xasprintf("%s\n", text);
	free(text);
	return out;
}

int
session_save(struct session *s, const struct walk *w)
{
	if (s->readonly)
		return EROFS;
	if (!s->file)
		return 0; /* in memory only */
	int err = save_to(s, w, s->file, false);
	if (!err)
		s->dirty = false;
	return err;
}

int
session_save_copy(struct session *s, const struct walk *w, const char *file)
{
	return save_to(s, w, file, true);
}

int
session_move_aside(const char *file, const char *tag, char **moved)
{
	char *dir = files_dir_of(file), *base = name_of(file);
	int err = EEXIST;
	for (unsigned n = 1; n < 10000 && err == EEXIST; n++) {
		char *to;
		if (tag && n == 1)
			to = xasprintf("%s/%s.%s.json", dir, base, tag);
		else if (tag)
			to = xasprintf("%s/%s.%s.%u.json", dir, base, tag, n);
		else
			to = xasprintf("%s/%s.%u.json", dir, base, n);
		/* link fails when the name is taken, where rename would
		 * replace it */
		if (link(file, to) == 0) {
			err = unlink(file) == 0 ? 0 : errno;
		} else if (errno == EEXIST) {
			err = EEXIST;
		} else if (errno == EPERM || errno == ENOTSUP ||
		    errno == EOPNOTSUPP) {
			struct stat st;
			err = stat(to, &st) == 0    ? EEXIST
			    : rename(file, to) == 0 ? 0
			                            : errno;
		} else {
			err = errno;
		}
		if (!err && moved)
			*moved = xstrdup(to);
		free(to);
	}
	free(dir);
	free(base);
	return err;
}

/* --- folders --- */

int
session_each(const char *dir,
    void (*fn)(const char *file, struct session *s, diag_list *d, void *ctx),
    void *ctx)
{
	size_t n;
	char **names = files_list(dir, ".json", &n);
	if (!names)
		return errno;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(names[i]);
		if (l > 13 && strcmp(names[i] + l - 13, ".damaged.json") == 0)
			continue;
		char *file = xasprintf("%s/%s", dir, names[i]);
		diag_list *d = diag_new();
		struct session *s = session_load(file, d);
		fn(file, s, d, ctx);
		session_free(s);
		diag_free(d);
		free(file);
	}
	files_list_free(names);
	return 0;
}
