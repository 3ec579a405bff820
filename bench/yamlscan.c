/*
 * yamlscan DATA: the floor for loading a guide, for make bench.  Reads
 * every DATA/paths/ *.yaml and the front matter of every DATA/stories/
 * *.md (the YAML between its two "---" lines) as asyncpath's loader
 * does, and runs libyaml's event parser over each to its end, building
 * nothing.  Prints the number of files and events; exit 1 when a file
 * cannot be read or parsed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

static unsigned long events;

static char *
slurp(const char *file, size_t *len)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, k;
	char *b = malloc(cap);
	while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			b = realloc(b, cap *= 2);
	}
	fclose(f);
	*len = n;
	return b;
}

static int
scan(const char *file, const char *s, size_t n)
{
	yaml_parser_t p;
	yaml_event_t e;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	int done = 0, ok = 1;
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "yamlscan: %s: %s\n", file, p.problem);
			ok = 0;
			break;
		}
		events++;
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	return ok;
}

/* The YAML of a card: between the first line "---" and the next. */
static size_t
front_matter(const char *s, size_t n, const char **start)
{
	*start = s;
	if (n < 4 || strncmp(s, "---\n", 4) != 0)
		return 0;
	*start = s + 4;
	for (const char *p = s + 4; p + 4 <= s + n; p++)
		if (p[-1] == '\n' && strncmp(p, "---", 3) == 0 &&
		    (p[3] == '\n' || p + 3 == s + n))
			return (size_t)(p - *start);
	return 0;
}

static int
each(const char *dir, const char *suffix, int card, unsigned *files)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int ok = d != NULL;
	size_t sl = strlen(suffix);
	while (ok && (de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l <= sl ||
		    strcmp(de->d_name + l - sl, suffix) != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		size_t n;
		char *s = slurp(path, &n);
		const char *y = s;
		size_t yn = card && s ? front_matter(s, n, &y) : n;
		ok = s && scan(path, y, yn);
		free(s);
		++*files;
	}
	if (d)
		closedir(d);
	return ok;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: yamlscan DATA\n");
		return 2;
	}
	char p[4096], s[4096];
	snprintf(p, sizeof p, "%s/paths", argv[1]);
	snprintf(s, sizeof s, "%s/stories", argv[1]);
	unsigned files = 0;
	if (!each(p, ".yaml", 0, &files) || !each(s, ".md", 1, &files))
		return 1;
	printf("%u files, %lu events\n", files, events);
	return 0;
}
