/*
 * roomlink: a participant's side of a live room (docs/ROOM.md).  After
 * every save the session file's bytes, as on disk, go into an outbox
 * ($XDG_STATE_HOME/asyncpath/outbox/ROOM/ID.json, written atomically) and
 * then to the room by HTTP PUT (libcurl, loaded only when a walk joins
 * a room: dynlib.h); a copy leaves the outbox only when the room
 * answered 2xx.  When the room cannot be reached the walk goes on: what is
 * queued is sent by a later save, at the end of the walk, or by the next walk
 * that joins the same room.  A session goes by an id in the room: its name and
 * this account's client id ("NAME-1a2b3c4d"). No terminal I/O: callers show
 * roomlink_error.
 */
#ifndef ASYNCPATH_ROOMLINK_H
#define ASYNCPATH_ROOMLINK_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct roomlink;

/*
 * A link to the room at url, the join address the room printed
 * ("http://HOST:PORT/CODE"); state is the folder that holds the outbox
 * and the client id (NULL: $XDG_STATE_HOME/asyncpath or
 * ~/.local/state/asyncpath).  Returns NULL with the reason in err when
 * the address is not http(s)://HOST[:PORT]/CODE or the folder cannot be
 * made.
 */
struct roomlink *roomlink_new(const char *url, const char *state, strbuf *err);
/* True when libcurl can be loaded (roomlink_new needs it); otherwise
 * false with "cannot be joined: " and the reason in err. */
bool roomlink_available(strbuf *err);
void roomlink_free(struct roomlink *l);

/* The id session name goes by in this room (valid as a session name).
 * Caller frees. */
char *roomlink_id(const struct roomlink *l, const char *name);

/*
 * Queues the session file (saved as session name) and sends the outbox.
 * Returns the number of copies still queued (0: the room has everything).
 */
size_t roomlink_send(struct roomlink *l, const char *name, const char *file);
/*
 * Sends every copy queued for this room.  After a failure to connect,
 * sends are held back for a few seconds unless force is set (the end of
 * a walk).  Returns the number of copies still queued.
 */
size_t roomlink_flush(struct roomlink *l, bool force);
/* What went wrong at the last send, one line (NULL: it went through). */
const char *roomlink_error(const struct roomlink *l);
/* Requests made, bytes sent in bodies, copies stored by the room. */
void roomlink_counts(const struct roomlink *l, size_t *requests, size_t *bytes,
    size_t *stored);

#endif
