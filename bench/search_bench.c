/* Times search over the shipped content: index build once, then each
 * query of a fixed list many times.  Usage: search_bench DATADIR */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "load.h"
#include "plan.h"
#include "search.h"

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *queries[] = {"cancel select", "Pin", "runtime tokio",
		"debugger hang gdb", "async trait send static", "e", NULL};
	diag_list *d = diag_new();
	struct guide *g = guide_load(argc > 1 ? argv[1] : ".", d);
	struct plan_set *ps = g ? plan_load(g, argc > 1 ? argv[1] : ".", d) :
	    NULL;
	if (!ps) {
		diag_print(d, stderr);
		return 1;
	}
	double t0 = now();
	struct search *s = search_new(g, ps);
	struct search_hit *h;
	search_hits_free(h, search_query(s, "warm", &h)); /* builds */
	printf("search: index built in %.2f ms\n", (now() - t0) * 1e3);
	for (int q = 0; queries[q]; q++) {
		int reps = 200;
		size_t n = 0;
		t0 = now();
		for (int i = 0; i < reps; i++) {
			n = search_query(s, queries[q], &h);
			search_hits_free(h, n);
		}
		printf("search: '%s': %zu hits, %.3f ms a query\n", queries[q],
		    n, (now() - t0) * 1e3 / reps);
	}
	search_free(s);
	plan_set_free(ps);
	guide_free(g);
	diag_free(d);
	return 0;
}
