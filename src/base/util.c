/* util: see include/util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#define XXH_INLINE_ALL /* the hot loops hash a few words */
#include <xxhash.h>

static void
oom(void)
{
	fputs("asyncpath: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *
xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xasprintf(const char *fmt, ...)
{
	strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	return sb_take(&b);
}

/* Past this many bytes a string or vector is a runaway, not content. */
#define GROW_CEILING ((size_t)1 << 40)

static void
too_big(void)
{
	fputs("asyncpath: a buffer grew past its ceiling\n", stderr);
	abort();
}

/* The next capacity from cap up to at least need, doubling; aborts past
 * the ceiling, so no size computation here can overflow. */
static size_t
grow_to(size_t cap, size_t need, size_t min)
{
	if (need > GROW_CEILING)
		too_big();
	if (cap < min)
		cap = min;
	while (cap < need)
		cap = cap > GROW_CEILING / 2 ? GROW_CEILING : cap * 2;
	return cap;
}

static void
sb_grow(strbuf *b, size_t extra)
{
	if (extra > GROW_CEILING - b->len - 1)
		too_big();
	if (b->len + extra + 1 <= b->cap)
		return;
	b->cap = grow_to(b->cap, b->len + extra + 1, 64);
	b->s = xrealloc(b->s, b->cap);
}

void
sb_add(strbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sb_puts(strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_putc(strbuf *b, char c)
{
	sb_add(b, &c, 1);
}

void
sb_vprintf(strbuf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
sb_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
sb_take(strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
sb_free(strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
sb_duration(strbuf *b, double s)
{
	long long t = (long long)(s + 0.5);
	if (t < 60)
		sb_printf(b, "%lld s", t);
	else if (t < 3600 && t % 60)
		sb_printf(b, "%lld min %lld s", t / 60, t % 60);
	else if (t < 3600)
		sb_printf(b, "%lld min", t / 60);
	else
		sb_printf(b, "%lld h %lld min", t / 3600, t % 3600 / 60);
}

void
vec_reserve(void *p, size_t *cap, size_t need, size_t sz)
{
	void **arr = p;
	if (need <= *cap)
		return;
	if (sz == 0 || need > GROW_CEILING / sz)
		too_big();
	size_t c = grow_to(*cap, need, 4);
	if (c > GROW_CEILING / sz)
		c = GROW_CEILING / sz;
	*arr = xrealloc(*arr, c * sz);
	*cap = c;
}

#define ARENA_CHUNK 65536

void *
arena_alloc_chunk(struct arena **a, size_t n, size_t align)
{
	if (*a) {
		size_t used = ((*a)->used + align - 1) & ~(align - 1);
		(*a)->used = used < (*a)->cap ? used : (*a)->cap;
	}
	if (!*a || n > (*a)->cap - (*a)->used) {
		if (n > GROW_CEILING)
			too_big();
		size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		struct arena *c = xmalloc(sizeof *c + cap);
		if (*a && n > ARENA_CHUNK) {
			/* a large block: its own chunk, behind the current */
			c->next = (*a)->next;
			c->used = c->cap = n;
			(*a)->next = c;
			return c->data;
		}
		c->next = *a;
		c->used = 0;
		c->cap = cap;
		*a = c;
	}
	void *p = (*a)->data + (*a)->used;
	(*a)->used += n;
	return p;
}

void *
arena_calloc(struct arena **a, size_t count, size_t size, size_t align)
{
	if (size && count > GROW_CEILING / size)
		too_big();
	void *p = arena_alloc(a, count * size, align);
	memset(p, 0, count * size);
	return p;
}

void *
arena_zalloc(struct arena **a, size_t count, size_t size)
{
	return arena_calloc(a, count, size, _Alignof(max_align_t));
}

char *
arena_strndup(struct arena **a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void *
arena_memdup(struct arena **a, const void *p, size_t n, size_t align)
{
	void *d = arena_alloc(a, n, align);
	if (n)
		memcpy(d, p, n);
	return d;
}

char *
arena_strdup(struct arena **a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_reset(struct arena **a)
{
	if (!*a)
		return;
	arena_free((*a)->next);
	(*a)->next = NULL;
	(*a)->used = 0;
}

void
arena_free(struct arena *a)
{
	while (a) {
		struct arena *next = a->next;
		free(a);
		a = next;
	}
}

struct hslot {
	const char *key; /* NULL: empty */
	void *val;
};

struct hmap {
	struct hslot *slots;
	size_t cap, count;
};

static uint32_t
hash(const char *s)
{
	return (uint32_t)XXH3_64bits(s, strlen(s));
}

hmap *
hmap_new(void)
{
	hmap *m = xcalloc(1, sizeof *m);
	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void
hmap_free(hmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

static struct hslot *
find(struct hslot *slots, size_t cap, const char *key, uint32_t h)
{
	size_t i = h & (cap - 1);
	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *
hmap_put(hmap *m, const char *key, void *val)
{
	if ((m->count + 1) * 4 > m->cap * 3) {
		size_t ncap = m->cap * 2;
		struct hslot *ns = xcalloc(ncap, sizeof *ns);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*find(ns, ncap, m->slots[i].key,
				    hash(m->slots[i].key)) = m->slots[i];
		free(m->slots);
		m->slots = ns;
		m->cap = ncap;
	}
	uint32_t h = hash(key);
	struct hslot *s = find(m->slots, m->cap, key, h);
	void *old = s->key ? s->val : NULL;
	if (!s->key)
		m->count++;
	s->key = key;
	s->val = val;
	return old;
}

void *
hmap_get(const hmap *m, const char *key)
{
	struct hslot *s = find(m->slots, m->cap, key, hash(key));
	return s->key ? s->val : NULL;
}

size_t
hmap_count(const hmap *m)
{
	return m->count;
}

struct kset {
	void **slots; /* NULL: empty; else an object whose key is first */
	size_t cap, count;
};

static const char *
key_of(const void *obj)
{
	return *(char *const *)obj;
}

kset *
kset_new(void)
{
	kset *s = xcalloc(1, sizeof *s);
	s->cap = 16;
	s->slots = xcalloc(s->cap, sizeof *s->slots);
	return s;
}

void
kset_free(kset *s)
{
	if (!s)
		return;
	free(s->slots);
	free(s);
}

static void **
kfind(void **slots, size_t cap, const char *key, uint32_t h)
{
	size_t i = h & (cap - 1);
	while (slots[i] && strcmp(key_of(slots[i]), key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *
kset_put(kset *s, void *obj)
{
	if ((s->count + 1) * 4 > s->cap * 3) {
		size_t ncap = s->cap * 2;
		void **ns = xcalloc(ncap, sizeof *ns);
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				*kfind(ns, ncap, key_of(s->slots[i]),
				    hash(key_of(s->slots[i]))) = s->slots[i];
		free(s->slots);
		s->slots = ns;
		s->cap = ncap;
	}
	const char *key = key_of(obj);
	void **slot = kfind(s->slots, s->cap, key, hash(key));
	void *old = *slot;
	if (!old)
		s->count++;
	*slot = obj;
	return old;
}

void *
kset_get(const kset *s, const char *key)
{
	return *kfind(s->slots, s->cap, key, hash(key));
}

static uint64_t
hash_bytes(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}

struct bslot {
	const unsigned char *key; /* NULL: empty */
	void *val;
	uint32_t hash, len;
};

struct bmap {
	struct bslot *slots;
	size_t cap, count;
	struct arena *keys;
};

bmap *
bmap_new(void)
{
	bmap *m = xcalloc(1, sizeof *m);
	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void
bmap_free(bmap *m)
{
	if (!m)
		return;
	free(m->slots);
	arena_free(m->keys);
	free(m);
}

static struct bslot *
bfind(struct bslot *slots, size_t cap, const void *key, size_t len, uint32_t h)
{
	size_t i = h & (cap - 1);
	while (slots[i].key &&
	    (slots[i].hash != h || slots[i].len != len ||
	        memcmp(slots[i].key, key, len) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *
bmap_get(const bmap *m, const void *key, size_t len)
{
	return bfind(m->slots, m->cap, key, len, (uint32_t)hash_bytes(key, len))
	    ->val;
}

void
bmap_put(bmap *m, const void *key, size_t len, void *val)
{
	if (len > UINT32_MAX)
		too_big();
	if ((m->count + 1) * 4 > m->cap * 3) {
		size_t ncap = m->cap * 2;
		struct bslot *ns = xcalloc(ncap, sizeof *ns);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*bfind(ns, ncap, m->slots[i].key,
				    m->slots[i].len, m->slots[i].hash) =
				    m->slots[i];
		free(m->slots);
		m->slots = ns;
		m->cap = ncap;
	}
	uint32_t h = (uint32_t)hash_bytes(key, len);
	struct bslot *s = bfind(m->slots, m->cap, key, len, h);
	if (!s->key)
		m->count++;
	unsigned char *k = arena_alloc(&m->keys, len ? len : 1, 1);
	if (len)
		memcpy(k, key, len);
	s->key = k;
	s->len = (uint32_t)len;
	s->hash = h;
	s->val = val;
}

struct pslot {
	const void *key; /* NULL: empty */
	void *val;
};

struct pmap {
	struct pslot *slots;
	size_t cap, count;
};

pmap *
pmap_new(void)
{
	pmap *m = xcalloc(1, sizeof *m);
	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void
pmap_free(pmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

static struct pslot *
pfind(struct pslot *slots, size_t cap, const void *key)
{
	size_t i = (size_t)hash_bytes(&key, sizeof key) & (cap - 1);
	while (slots[i].key && slots[i].key != key)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *
pmap_put(pmap *m, const void *key, void *val)
{
	if ((m->count + 1) * 4 > m->cap * 3) {
		size_t ncap = m->cap * 2;
		struct pslot *ns = xcalloc(ncap, sizeof *ns);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*pfind(ns, ncap, m->slots[i].key) = m->slots[i];
		free(m->slots);
		m->slots = ns;
		m->cap = ncap;
	}
	struct pslot *s = pfind(m->slots, m->cap, key);
	void *old = s->key ? s->val : NULL;
	if (!s->key)
		m->count++;
	s->key = key;
	s->val = val;
	return old;
}

void *
pmap_get(const pmap *m, const void *key)
{
	return pfind(m->slots, m->cap, key)->val;
}

int
open_regular(const char *path, size_t max, size_t *size)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	int err = 0;
	if (fstat(fd, &st) != 0)
		err = errno;
	else if (S_ISDIR(st.st_mode))
		err = EISDIR;
	else if (!S_ISREG(st.st_mode))
		err = ENODEV;
	else if ((uintmax_t)st.st_size > max)
		err = EFBIG;
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	/* a regular file: reads block as usual again */
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	*size = (size_t)st.st_size;
	return fd;
}

char *
read_file(const char *path, size_t *len)
{
	return read_file_max(path, READ_FILE_MAX, len);
}

ssize_t
read_full(int fd, char *buf, size_t size)
{
	size_t n = 0;
	while (n < size) {
		ssize_t k = read(fd, buf + n, size - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		n += (size_t)k;
	}
	return (ssize_t)n;
}

char *
read_file_max(const char *path, size_t max, size_t *len)
{
	size_t size, n;
	int fd = open_regular(path, max, &size);
	if (fd < 0)
		return NULL;
	/* the size fstat gave, in one read; a file that grows meanwhile is
	 * read as it was */
	char *buf = xmalloc(size + 1);
	ssize_t k = read_full(fd, buf, size);
	int err = k < 0 ? errno : 0;
	n = k < 0 ? 0 : (size_t)k;
	close(fd);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

const char *
read_file_error(int err)
{
	switch (err) {
	case EISDIR:
		return "it is a folder: expected a file";
	case ENODEV:
		return "it is not a regular file (a FIFO, device or socket): "
		       "expected a file";
	case EFBIG:
		return "it is too large: a content file may hold 16 MB, a path "
		       "file 64 MB";
	default:
		return strerror(err);
	}
}

int
utf8_decode(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	int n;
	unsigned c, min;
	if ((u[0] & 0xE0) == 0xC0) {
		n = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		n = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)n > len)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int
utf8_encode(unsigned cp, char out[4])
{
	if (cp >= 0x110000 || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_check(const char *s, size_t len)
{
	size_t i = 0;
	unsigned cp;
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			return i;
		i += (size_t)n;
	}
	return len;
}

void
text_position(const char *s, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && s[i]; i++) {
		if (s[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

/* Columns code point cp takes in a terminal, from the Unicode data in
 * utf8proc (East Asian width, emoji presentation), whatever the locale. */
static int
cp_width(unsigned cp)
{
	return utf8proc_charwidth((utf8proc_int32_t)cp);
}

bool
utf8_is_bidi(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t
utf8_find_bidi(const char *s, size_t len)
{
	size_t i = 0;
	unsigned cp;
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		if (n && utf8_is_bidi(cp))
			return i;
		i += n ? (size_t)n : 1;
	}
	return len;
}

int
text_width(const char *s, size_t len)
{
	int w = 0;
	size_t i = 0;
	unsigned cp;
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		w += n ? cp_width(cp) : 1;
		i += n ? (size_t)n : 1;
	}
	return w;
}

bool
utf8_is_control(unsigned cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') ||
	    (cp >= 0x7F && cp < 0xA0) || utf8_is_bidi(cp);
}

void
sb_add_json(strbuf *b, const char *s, size_t len)
{
	size_t i = 0, run = 0;
	while (i < len) {
		unsigned cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n > 1 && utf8_is_control(cp)) {
			sb_add(b, s + run, i - run);
			sb_printf(b, "\\u%04X", cp);
			run = i + (size_t)n;
		}
		i += n ? (size_t)n : 1;
	}
	sb_add(b, s + run, len - run);
}

int
sb_add_safe(strbuf *out, const char *s, size_t len)
{
	int w = 0;
	size_t i = 0;
	unsigned cp;
	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		if (!n) { /* invalid UTF-8: U+FFFD */
			sb_puts(out, "\xEF\xBF\xBD");
			w++;
			i++;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F) {
			sb_putc(out, '^');
			sb_putc(out, cp == 0x7F ? '?' : (char)(cp + '@'));
			w += 2;
		} else if (cp >= 0x80 && cp < 0xA0) {
			sb_printf(out, "<%02X>", cp);
			w += 4;
		} else if (utf8_is_bidi(cp)) {
			sb_printf(out, "<U+%04X>", cp);
			w += 8;
		} else {
			sb_add(out, s + i, (size_t)n);
			w += cp_width(cp);
		}
		i += (size_t)n;
	}
	return w;
}
