/*
 * room: `asyncpath room`, the facilitator's live room (docs/ROOM.md).  A
 * small HTTP server (libmicrohttpd) on an explicit address and port.
 * Participants' walks PUT their session files to /CODE/s/ID (roomlink);
 * each is validated as a session and kept byte for byte as DIR/ID.json,
 * written atomically, so `asyncpath report DIR` reads the room and a
 * restart loses nothing.  The facilitator's page, /v/KEY/, is the report
 * over DIR as HTML, reloaded by the browser every few seconds; it fetches
 * nothing else.  The join code and page key are kept in DIR/.room.
 * Limits: body size, sessions per room, requests per participant and
 * refused requests per address; every refusal is a status with a one-line
 * reason and changes nothing on disk.  Runs until SIGINT or SIGTERM.
 */
#ifndef ASYNCPATH_ROOM_H
#define ASYNCPATH_ROOM_H

#include "cli.h"

extern const struct cli_option room_opts[];
int room_run(const struct cli *c, const struct cli_args *a);

#endif
