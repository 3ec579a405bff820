/*
 * session: one person's walk kept on disk as a JSON document (the format is
 * docs/SESSION.md).  Only session.c sees the JSON: readers get typed
 * records (steps, notes, quiz answers, exercise results, times, the
 * participant) whose strings are borrowed from the session and stay valid
 * until the next change to it.  The walk stays the state of record while
 * the program runs and is copied in by session_update.  Loading validates
 * the whole document or gives nothing, with a located diagnostic
 * (FILE:LINE:COL) pointing at the offending value.  Saving is atomic; a
 * failed save leaves the previous file as it was.  Knows the guide's ids,
 * never its indexes; no terminal I/O.
 */
#ifndef ASYNCPATH_SESSION_H
#define ASYNCPATH_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "guide.h"
#include "util.h"
#include "walk.h"

#define SESSION_VERSION 1
#define SESSION_MAX_BYTES ((size_t)4 << 20) /* a bigger file is refused */

struct session;

/* The sessions folder: $XDG_STATE_HOME/asyncpath/sessions when that is an
 * absolute path, else ~/.local/state/asyncpath/sessions; NULL when neither
 * is known.  Caller frees. */
char *session_dir(void);
/* True when name is a valid session name (1-64 of A-Za-z0-9._-, not
 * starting with '.' or '-'). */
bool session_name_ok(const char *name);
/* The file of session name in dir: DIR/NAME.json.  Caller frees. */
char *session_file_for(const char *dir, const char *name);

/*
 * Parses and validates a session document held in buf (len bytes, need
 * not be NUL-terminated); file names it in diagnostics.  Returns NULL on
 * any problem, with one located error in d (status EXIT_DATA).  This is
 * the whole loader minus the file read: the fuzz target for sessions.
 */
struct session *session_parse(const char *buf, size_t len, const char *file,
    diag_list *d);
/* Reads file (at most SESSION_MAX_BYTES) and parses it.  A missing or
 * unreadable file gives an error with status EXIT_NOINPUT. */
struct session *session_load(const char *file, diag_list *d);
/* A fresh session at file for walk w (usually just started); with file
 * NULL, a session kept in memory only (session_save writes nothing). */
struct session *session_new(const char *file, const struct walk *w);
void session_free(struct session *s);

const char *session_file(const struct session *s); /* NULL: in memory */
/* The name: the file's name without its folder and ".json" ("" for a
 * session in memory). */
const char *session_name(const struct session *s);
const char *session_path_id(const struct session *s);
/* The name the document gives itself (differs from session_name in a
 * renamed copy). */
const char *session_saved_name(const struct session *s);
/* The hash of the content the session was last saved against. */
const char *session_saved_hash(const struct session *s);
/* When the session was started and last saved (UTC, YYYY-MM-DDTHH:MM:SSZ). */
const char *session_created(const struct session *s);
const char *session_updated(const struct session *s);
/* Who walks, for a facilitator's report; NULL when nobody said. */
const char *session_participant(const struct session *s);
/*
 * A person's name made safe to keep and show: invalid UTF-8, control and
 * bidirectional formatting characters dropped, runs of white space made
 * one space, trimmed, cut at a character boundary to SESSION_NAME_MAX
 * bytes.  Caller frees; "" when nothing is left.
 */
#define SESSION_NAME_MAX 64
char *session_clean_name(const char *name);
/* Sets the participant to name as session_clean_name gives it ("" means
 * asked and left blank, never asked again); marks the session changed. */
void session_set_participant(struct session *s, const char *name);

/* --- what the session holds, by index, in the order recorded --- */

/* One step of the trail: the node arrived at, when, and the id of the
 * choice taken to leave it (NULL on the last step, where the reader is). */
struct session_step {
	const char *node, *choice, *at;
};
size_t session_nsteps(const struct session *s); /* at least 1 */
struct session_step session_step(const struct session *s, size_t i);

/* Ids of the nodes ever reached (i < session_nseen) and of the story
 * cards opened (i < session_nread), in the order first met. */
const char *session_seen_id(const struct session *s, size_t i);
size_t session_nread(const struct session *s);
const char *session_read_id(const struct session *s, size_t i);

struct session_note {
	const char *node, *text, *at;
};
size_t session_nnotes(const struct session *s);
struct session_note session_note(const struct session *s, size_t i);

/* One answer given to a quiz question: nchosen option ids (read with
 * session_answer_option) and whether that was right. */
struct session_answer {
	const char *question, *at;
	size_t nchosen;
	bool right;
};
size_t session_nanswers(const struct session *s);
struct session_answer session_answer(const struct session *s, size_t i);
const char *session_answer_option(const struct session *s, size_t i, size_t k);

enum session_status { SESSION_STARTED, SESSION_FAILING, SESSION_SOLVED };
/* "started", "failing" or "solved". */
const char *session_status_name(enum session_status st);
/* An exercise's result: one per exercise id, in the order first tried.
 * started and solved: when it was first started and first solved (UTC,
 * YYYY-MM-DDTHH:MM:SSZ), NULL when not (or in a session written before
 * these were kept). */
struct session_exercise {
	const char *id;
	enum session_status status;
	unsigned attempts, hints;
	const char *last_error; /* an error code, or NULL */
	const char *started, *solved;
};
size_t session_nexercises(const struct session *s);
struct session_exercise session_exercise(const struct session *s, size_t i);
/* Seconds since 1970 of a time as sessions keep them (UTC,
 * YYYY-MM-DDTHH:MM:SSZ), or -1 when t is NULL or not one. */
long long session_time_seconds(const char *t);
/* Seconds from x's start to its first solve, or -1 when it is not solved
 * or either time is unknown (or the solve comes before the start). */
long long session_exercise_took(const struct session_exercise *x);

/*
 * Takes the advisory lock of the session (flock on .NAME.lock beside the
 * file, which rename never replaces).  Returns 0, EWOULDBLOCK when another
 * process holds it, or another errno.  Held until session_free.  With
 * the lock taken, temporary files a killed save left behind are removed.
 */
int session_lock(struct session *s);
/*
 * Removes session name, saved as file, and its lock file.  Take the lock
 * first when the session can be read (session_lock); a damaged file has
 * none to take.  Returns 0, or the errno of removing the file (then the
 * lock file is left).
 */
int session_remove(const char *file, const char *name);
/* A read-only session is never saved. */
void session_set_readonly(struct session *s, bool ro);
bool session_readonly(const struct session *s);

/*
 * Rebuilds the walk by replaying the trail against g, taking each step by
 * its choice id (docs/SESSION.md, "Resuming").  Appends to msg, as
 * Markdown, what no longer fits: the content changed, ids gone, steps
 * dropped.  Returns NULL (msg says why) when the session's path is gone.
 */
struct walk *session_replay(struct session *s, const struct guide *g,
    strbuf *msg);
/* Trail steps the last replay could not take (0: resumed whole). */
size_t session_dropped(const struct session *s);

/*
 * Copies w (trail, character, flags, stories read) into the document.
 * Returns true when anything changed since the last save, so the caller
 * knows a save is due.
 */
bool session_update(struct session *s, const struct walk *w);
/* Records a note on node n; text is kept as given (UTF-8). */
void session_add_note(struct session *s, const struct node *n,
    const char *text);
/* True when the reader has ever reached the node with this id (the
 * "seen" list, which `back` does not shrink). */
bool session_seen(const struct session *s, const char *node);
size_t session_nseen(const struct session *s);
/* Records an answer to quiz question qid: the option ids chosen, and
 * whether that was right. */
void session_add_quiz(struct session *s, const char *qid,
    const char *const *answer, size_t n, bool right);
/* Records the state of exercise id: status "started", "failing" or
 * "solved", attempts and hints so far, the last error code or NULL, and
 * when it was first started and first solved (seconds since the epoch;
 * 0: not, or not known). */
void session_set_exercise(struct session *s, const char *id, const char *status,
    unsigned attempts, unsigned hints, const char *last_error,
    long long started, long long solved);

/*
 * Writes the document (after session_update with w) to its file
 * atomically.  Returns 0, or an errno (EROFS for a read-only session);
 * on failure the previous file is untouched.
 */
int session_save(struct session *s, const struct walk *w);
/* Writes a copy of the document to another file (save NAME). */
int session_save_copy(struct session *s, const struct walk *w,
    const char *file);

/*
 * Moves file aside, never over another file: to NAME.N.json (the first
 * free N from 1) when tag is NULL, else NAME.TAG.json (NAME.TAG.N.json when
 * taken).  Returns 0 and the new name in *moved (caller frees), or errno.
 */
int session_move_aside(const char *file, const char *tag, char **moved);

/*
 * Calls fn for every NAME.json in dir, in name order (files ending in
 * .damaged.json are skipped): s is the loaded session, or NULL with the
 * problem in d.  fn must not keep s.  Returns 0, or an errno when dir
 * cannot be read (ENOENT: no session saved yet).
 */
int session_each(const char *dir,
    void (*fn)(const char *file, struct session *s, diag_list *d, void *ctx),
    void *ctx);

/* The document as a save would write it (JSON, ending in a newline), for
 * tests and the fuzz target's round trip.  Caller frees. */
char *session_text(struct session *s);

/* "fnv1a64:" and 16 hex digits over path p (docs/SESSION.md). Caller
 * frees. */
char *session_content_hash(const struct path *p);

#endif
