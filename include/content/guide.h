/*
 * guide: the model of everything under a data folder: paths, stages, nodes,
 * choices, conditions, flags and story cards.  The loader (load.h) builds a
 * guide once; after that it is only read.  The structures below are public
 * so that walk, view, check and export can read them directly; no module
 * may change a guide after load.  Lookups return const pointers.
 */
#ifndef ASYNCPATH_GUIDE_H
#define ASYNCPATH_GUIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "character.h"
#include "diag.h"
#include "story.h"

struct node;
struct stage;
struct strbuf;

struct link {
	char *title, *url;
};

/*
 * Layout (issue 16): counts and indices are uint32_t; flag indices are
 * uint32_t lists.  Changed from the layout before it: cond.set/unset are
 * uint32_t lists and every count of cond is uint32_t; choice.set, clear,
 * nset, nclear and as moved into the shared struct effect (choice.effect,
 * never NULL); choice gained when_line/when_col; text_part gained
 * when_line/when_col; node.aside is a pointer to CH_COUNT texts or NULL;
 * node.aside, wanted, links and their counts moved to node.more, and
 * node.file went (it is node.path->file);
 * choice.debrief and debrief_story became one pointer to a struct
 * debrief (choices without a line, most of them, pay 8 bytes, not 16);
 * node's counts, index and words are uint32_t; stage.nfuture and nhopes
 * are uint32_t.
 */

/*
 * A condition holds when every part given holds (see docs/FORMAT.md).
 * Conditions are interned: identical conditions (the same flags, nodes,
 * characters and parts, in the same order) are one struct, whichever
 * choice or part uses them.  line and col are where it was first written;
 * where each use is written is in the choice or part (when_line).
 */
struct cond {
	const uint32_t *set; /* flags that must be set */
	const uint32_t *unset; /* flags that must not be set */
	struct node **visited, **unvisited; /* also written seen, unseen */
	struct choice **took, **not_took; /* choices taken, never taken */
	struct cond *any; /* at least one must hold, when nany > 0 */
	uint32_t nset, nunset, nvisited, nunvisited, ntook, nnot_took, nany;
	unsigned chars; /* bit (1 << character); 0: any */
	int line, col;
};

/*
 * What taking a choice does: flags set, flags cleared, the character
 * chosen.  Shared: choices doing the same point to one record (most
 * point to guide_no_effect, which does nothing).
 */
struct effect {
	const uint32_t *set, *clear;
	uint32_t nset, nclear;
	int as; /* character chosen, or -1 */
};
extern const struct effect guide_no_effect;

/* What a choice is, for the decision census (docs/FORMAT.md): given with
 * `kind:`, or else worked out by check (KIND_AUTO). */
enum choice_kind {
	KIND_AUTO,
	KIND_DECISION,
	KIND_CHARACTER, /* picks the character played */
	KIND_ROUTE, /* picks a route through the path */
	KIND_DETOUR, /* a story or an aside, then back where it started */
	KIND_BACK, /* a way back, or on from inside a detour */
	KIND_NAVIGATION, /* picks the next topic, nothing more */
	KIND_COUNT
};
/* The name of kind k as written in `kind:` ("decision", "detour" ...). */
const char *choice_kind_name(int k);

/*
 * A choice.  id is stable and unique within its node: the `id:` given in
 * the file, or else the target node's id, with -2, -3 ... for the second,
 * third choice of the node leading there.  Sessions and the prompt name
 * choices by id, since numbers shift with conditions.
 */
struct debrief {
	char *text; /* the line a choice earns in the debrief (Markdown) */
	struct story *story; /* the card that shows it, or NULL */
};

struct choice {
	char *id;
	char *text; /* shared by every choice with the same text */
	const struct debrief *debrief; /* its debrief line, or NULL */
	struct node *to;
	struct node *node; /* the node offering it */
	const struct cond *when; /* NULL: always offered; shared */
	const struct effect *effect; /* never NULL; shared */
	int line, col; /* the choice */
	int when_line, when_col; /* its `when:` value */
	uint32_t index; /* position in guide->choices */
	unsigned char kind; /* enum choice_kind as given, or KIND_AUTO */
};

/*
 * One part of a node's text (Markdown).  A part with a condition shows
 * text when it holds and otherwise (which may be NULL) when it does not;
 * a part without one always shows text.  See guide_node_text.
 */
struct text_part {
	char *text, *otherwise;
	const struct cond *when; /* NULL: always shown; shared */
	int line, col;
	int when_line, when_col; /* its `when:` value */
};

/* What few nodes have: asides and links.  A node without any points to
 * guide_no_more, so node->more is never NULL. */
struct node_more {
	char **aside; /* NULL, or CH_COUNT Markdown texts (or NULL) in a
	               * character's voice; see guide_node_aside */
	struct link *wanted, *links;
	uint32_t nwanted, nlinks;
};
extern const struct node_more guide_no_more;

struct node {
	char *id, *title;
	char *text; /* the parts every reader sees, joined */
	char *pain; /* the pain point it shows, or NULL */
	struct text_part *parts; /* every part, in order */
	const struct node_more *more; /* never NULL */
	struct stage *stage;
	struct path *path; /* NULL until defined; its file is the node's */
	struct story **stories;
	struct choice *choices;
	uint32_t nparts, nstories, nchoices;
	uint32_t index; /* position in guide->nodes */
	uint32_t words; /* title, pain point and text (readtime.h) */
	int line, col;
	bool ending, recap;
	bool debrief; /* lists the debrief lines of the choices taken */
};

struct stage {
	char *id, *title;
	struct path *path;
	struct story **future; /* shiny-future cards that answer it */
	struct link *hopes; /* roadmap pages that answer it */
	uint32_t nfuture, nhopes;
	const char *file;
	int line, col;
	size_t index; /* in the guide's stages: a path's in their order */
};

struct path {
	char *id, *title, *summary;
	char *file;
	struct node *start;
	struct stage **stages;
	size_t nstages;
	struct node **nodes;
	size_t nnodes;
	bool is_default;
};

struct guide {
	char *datadir;
	struct path **paths;
	size_t npaths;
	struct stage **stages;
	size_t nstages;
	struct node **nodes;
	size_t nnodes;
	struct choice **choices; /* every node's, in node order */
	size_t nchoices;
	struct story **stories; /* sorted by id */
	size_t nstories;
	char **flags; /* every flag name, in order of first mention */
	size_t nflags;
	struct kset *node_ids; /* nodes by id (kset: a node's id is first) */
	struct hmap *story_ids, *stage_ids, *path_ids, *flag_ids;
	/* Every path, stage, node, choice, condition, link and flag name,
	 * and their texts, live here and go together (guide_free). */
	struct arena *mem;
};

/* Frees g and everything it owns; guide_free(NULL) is safe. */
void guide_free(struct guide *g);

/* The node, card or path with that id, or NULL. */
const struct node *guide_node(const struct guide *g, const char *id);
const struct story *guide_story(const struct guide *g, const char *id);
const struct path *guide_path(const struct guide *g, const char *id);
/* The stage with that id (stage ids are unique in a guide), or NULL. */
const struct stage *guide_stage(const struct guide *g, const char *id);
/* The path marked default, else the first loaded; NULL when none. */
const struct path *guide_default_path(const struct guide *g);

/*
 * What a condition is evaluated against: a flag lookup, a visited lookup,
 * a taken lookup (has this choice been taken in this walk) and the
 * character played.  Both the walk and the checker use this one
 * evaluator, so conditions mean the same everywhere.
 */
struct cond_env {
	bool (*flag)(const void *ctx, size_t flag);
	bool (*visited)(const void *ctx, const struct node *n);
	bool (*took)(const void *ctx, const struct choice *c);
	int character;
	const void *ctx;
};
/* True when c holds in env; a NULL condition always holds. */
bool cond_holds(const struct cond *c, const struct cond_env *env);

/* Appends to md the text of n a reader sees in env: every part whose
 * condition holds (or its `else` text), separated by blank lines. */
void guide_node_text(const struct node *n, const struct cond_env *env,
    struct strbuf *md);
/* Appends to md the debrief of path p for a walk that took the n choices
 * taken[], in order: for each stage of p, its title, then the debrief
 * line of each choice taken there that has one, in the order first taken
 * (once however often taken, and a line several choices share once),
 * with the card that shows it (named once in a stage).  Nothing for a stage
 * without such a choice; nothing at all, and false, when no choice has a line.
 */
bool guide_debrief(const struct path *p, const struct choice *const *taken,
    size_t n, struct strbuf *md);
/* Appends the line of choice c as guide_debrief lists it, naming its
 * card unless that card is named (may be NULL). */
void guide_debrief_line(const struct choice *c, const struct story *named,
    struct strbuf *md);

/* The aside of n in character ch's voice, or NULL. */
const char *guide_node_aside(const struct node *n, int ch);
/* The choice of n with this id, or NULL. */
const struct choice *guide_choice(const struct node *n, const char *id);

/* What a content item outside the paths (an exercise, a quiz question)
 * names in the guide, with where each name is written in file. */
struct guide_refs {
	const char *what, *id, *file; /* "exercise", its id, its file */
	const char *node, *stage;
	int node_line, node_col;
	char *const *stories;
	const int *story_line, *story_col;
	size_t nstories;
};
/* Adds an error to d for a node that does not exist or is not in the
 * stage given, and for each story id that does not exist. */
void guide_check_refs(const struct guide *g, const struct guide_refs *r,
    diag_list *d);
/* Adds a warning to d for each stage that shows pain points but that
 * none of the n items r names ("stage 'S' shows pain points but has no
 * WHAT"); nothing when n is 0, since a data folder without any such items
 * leaves them out altogether. */
void guide_check_stage_cover(const struct guide *g, const struct guide_refs *r,
    size_t n, const char *what, diag_list *d);

#endif
