/*
 * session: one person's walk kept on disk as a JSON document (the format is
 * docs/SESSION.md), read and written with jansson.  A session holds the
 * document; the walk stays the state of record while the program runs and
 * is copied into the document by session_update.  Loading validates the
 * whole document or gives nothing, with a located diagnostic
 * (FILE:LINE:COL) pointing at the offending value.  Saving is atomic
 * (temporary file in the same folder, fsync, rename, fsync of the folder);
 * a failed save leaves the previous file as it was.  Knows the guide's
 * ids, never its indexes; no terminal I/O.
 */
#ifndef ASYNCPATH_SESSION_H
#define ASYNCPATH_SESSION_H

#include <jansson.h>
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

/* The validated document, for readers such as a report; do not change it. */
const json_t *session_json(const struct session *s);
const char *session_file(const struct session *s); /* NULL: in memory */
/* The name: the file's name without its folder and ".json" ("" for a
 * session in memory). */
const char *session_name(const struct session *s);
const char *session_path_id(const struct session *s);
const char *session_updated(const struct session *s);

/*
 * Takes the advisory lock of the session (flock on .NAME.lock beside the
 * file, which rename never replaces).  Returns 0, EWOULDBLOCK when another
 * process holds it, or another errno.  Held until session_free.  With
 * the lock taken, temporary files a killed save left behind are removed.
 */
int session_lock(struct session *s);
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
size_t session_nnotes(const struct session *s);
/* True when the reader has ever reached the node with this id (the
 * "seen" list, which `back` does not shrink). */
bool session_seen(const struct session *s, const char *node);
size_t session_nseen(const struct session *s);
/* Note i: its text; *node gets its node id. */
const char *session_note(const struct session *s, size_t i, const char **node);
/* Records an answer to quiz question qid: the option ids chosen, and
 * whether that was right. */
void session_add_quiz(struct session *s, const char *qid,
    const char *const *answer, size_t n, bool right);
/* Records the state of exercise id: status "started", "failing" or
 * "solved", attempts and hints so far, the last error code or NULL. */
void session_set_exercise(struct session *s, const char *id, const char *status,
    unsigned attempts, unsigned hints, const char *last_error);

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

/* "fnv1a64:" and 16 hex digits over path p (docs/SESSION.md). Caller
 * frees. */
char *session_content_hash(const struct path *p);

#endif
