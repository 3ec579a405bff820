/*
 * fuzz_cache: the guide cache's image reader, gcache_decode, on hostile
 * images.  An input starting with the image magic ("APGUIDE1") is an
 * image; any other is a list of 5-byte patches (a little-endian offset,
 * taken modulo the image's size, and a byte to put there) over a fresh
 * image of tests/fixtures/good, made at start by this build, so the
 * corpus keeps its meaning when the layout changes.  Properties: no
 * crash, leak or undefined behaviour; a guide that decodes can be read
 * whole (walk, conditions, export); an unpatched image exports exactly
 * as the guide it was made from.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tests/touch.h"
#include "gcache.h"
#include "load.h"
#include "util.h"

static char *fresh, *want;
static size_t fresh_len, want_len;

static char *
json_of(const struct guide *g, size_t *len)
{
	char *s = NULL;
	FILE *f = open_memstream(&s, len);
	if (!f)
		abort();
	export_json(g, f);
	fclose(f);
	return s;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_list *d = diag_new();
	struct guide *g = guide_load(FUZZ_ROOT "/tests/fixtures/good", d);
	if (!g) {
		diag_print(d, stderr);
		abort();
	}
	static const unsigned char key[16];
	fresh = gcache_encode(g, key, &fresh_len);
	want = json_of(g, &want_len);
	guide_free(g);
	diag_free(d);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *img;
	size_t len;
	bool patched = size >= 5;
	if (size >= 8 && memcmp(data, "APGUIDE1", 8) == 0) {
		img = xmalloc(size ? size : 1);
		memcpy(img, data, size);
		len = size;
	} else {
		img = xmalloc(fresh_len);
		memcpy(img, fresh, fresh_len);
		len = fresh_len;
		for (size_t i = 0; i + 5 <= size; i += 5) {
			uint32_t off = (uint32_t)data[i] |
			    (uint32_t)data[i + 1] << 8 |
			    (uint32_t)data[i + 2] << 16 |
			    (uint32_t)data[i + 3] << 24;
			img[off % len] = (char)data[i + 4];
		}
	}
	bool whole = !patched && len == fresh_len;
	struct guide *g = gcache_decode(img, len, "/fuzz");
	FUZZ_ASSERT(g || !whole, "an image as written decodes");
	if (g) {
		touch_guide(g);
		if (whole) {
			size_t n;
			char *got = json_of(g, &n);
			FUZZ_ASSERT(n == want_len && memcmp(got, want, n) == 0,
			    "a decoded image exports as its guide did");
			free(got);
		}
	}
	guide_free(g);
	return 0;
}
