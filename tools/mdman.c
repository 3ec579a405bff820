/*
 * mdman: a Markdown manual page to roff, with libcmark's own man renderer,
 * so the page is written once (docs/asyncpath.1.md) and cannot drift from
 * a second copy.  Level-1 headings become .SH sections, level-2 .SS.
 *
 * usage: mdman NAME SECTION DATE SOURCE < page.md > page.SECTION
 * Writes the .TH title line (left-aligned text, no hyphenation), then the
 * rendered page.  Exit 0, or 74 when
 * reading or writing fails.
 */
#include <cmark.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	if (argc != 5) {
		fputs("usage: mdman NAME SECTION DATE SOURCE < page.md\n",
		    stderr);
		return 64;
	}
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		cmark_parser_feed(p, buf, n);
	if (ferror(stdin)) {
		perror("mdman: stdin");
		return 74;
	}
	cmark_node *doc = cmark_parser_finish(p);
	char *roff = cmark_render_man(doc, CMARK_OPT_DEFAULT, 0);
	printf(".TH ");
	for (const char *s = argv[1]; *s; s++)
		putchar(toupper((unsigned char)*s));
	printf(" %s \"%s\" \"%s\" \"User Commands\"\n", argv[2], argv[3],
	    argv[4]);
	/* ragged right, no hyphenation: ids and options stay whole */
	fputs(".nh\n.ad l\n", stdout);
	fputs(roff, stdout);
	free(roff);
	cmark_node_free(doc);
	cmark_parser_free(p);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("mdman: stdout");
		return 74;
	}
	return 0;
}
