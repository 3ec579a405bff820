/* Unit tests of the guide cache's image (gcache_encode, gcache_decode)
 * with cmocka: a round trip gives the same guide, and no damaged image
 * (every byte of the fixture's image changed in four ways, every length
 * cut short) decodes into a guide that cannot be read whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "gcache.h"
#include "helpers.h"
#include "load.h"
#include "touch.h"

static const unsigned char key[16] = {1, 2, 3};

static char *
json_of(const struct guide *g)
{
	char *s = NULL;
	size_t len;
	FILE *f = open_memstream(&s, &len);
	assert_non_null(f);
	export_json(g, f);
	fclose(f);
	return s;
}

/* The guide of dir, encoded and decoded, exports as the guide did. */
static void
round_trip(const char *dir)
{
	diag_list *d = diag_new();
	struct guide *g = guide_load(dir, d);
	assert_non_null(g);
	size_t len;
	char *img = gcache_encode(g, key, &len);
	assert_non_null(img);
	struct guide *back = gcache_decode(img, len, dir);
	assert_non_null(back);
	char *a = json_of(g), *b = json_of(back);
	assert_string_equal(a, b);
	assert_int_equal(touch_guide(g), touch_guide(back));
	free(a);
	free(b);
	guide_free(g);
	guide_free(back);
	diag_free(d);
}

static void
round_trips(void **state)
{
	(void)state;
	round_trip("tests/fixtures/good");
	round_trip(".");
	round_trip("tests/check/deep-nesting");
}

static void
damaged_images(void **state)
{
	(void)state;
	struct guide *g = load_fixture();
	size_t len;
	char *img = gcache_encode(g, key, &len);
	guide_free(g);
	size_t decoded = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)img[i];
		const unsigned char to[] = {0, 0xff, b ^ 1, b ^ 0x80};
		for (size_t k = 0; k < sizeof to; k++) {
			char *copy = xmalloc(len);
			memcpy(copy, img, len);
			copy[i] = (char)to[k];
			struct guide *d = gcache_decode(copy, len, "x");
			if (d) {
				touch_guide(d);
				decoded++;
			}
			guide_free(d);
		}
	}
	for (size_t cut = 0; cut < len; cut++) {
		char *copy = xmalloc(cut + 1);
		memcpy(copy, img, cut);
		assert_null(gcache_decode(copy, cut, "x"));
	}
	/* some changes are harmless (a line number, padding): not all
	 * decodes fail, and those that succeed were read whole above */
	assert_true(decoded > 0);
	free(img);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(round_trips),
	    cmocka_unit_test(damaged_images),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
