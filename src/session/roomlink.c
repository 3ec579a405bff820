/* roomlink: see include/session/roomlink.h and docs/ROOM.md. */
#include "roomlink.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "dynlib.h"
#include "files.h"
#include "sonames.h"
#include "session.h"

#define HOLD_SECONDS 5 /* after a failed connection, before the next try */
#define REPLY_MAX 2048 /* bytes of the room's answer kept for messages */
#define NAME_PART 55 /* session name bytes in an id: 55 + '-' + 8 <= 64 */

struct roomlink {
	char *url; /* the join address, without a trailing '/' */
	char *outbox; /* STATE/outbox/HASH */
	char client[9]; /* this account's client id, 8 hex digits */
	CURL *curl;
	char *error; /* the last problem, or NULL */
	time_t held_until;
	size_t requests, bytes, stored;
};

/* libcurl, opened when a walk first joins a room (dynlib.h): a walk
 * without --room never loads it.  Each pointer has the type of the
 * function in <curl/curl.h>. */
static struct {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_global_cleanup) *global_cleanup;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_easy_reset) *easy_reset;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
} cu;

bool
roomlink_available(strbuf *err)
{
	if (cu.easy_init) /* loaded by an earlier call */
		return true;
#define SYM(f) \
	{ \
		"curl_" #f, (void **)&cu.f \
	}
	static const struct dynlib_sym syms[] = {SYM(global_init),
	    SYM(global_cleanup), SYM(easy_init), SYM(easy_cleanup),
	    SYM(easy_reset), SYM(easy_setopt), SYM(easy_perform),
	    SYM(easy_getinfo), SYM(easy_strerror), SYM(slist_append),
	    SYM(slist_free_all)};
#undef SYM
	char why[256];
	if (dynlib_load(CURL_SONAME, "libcurl4", syms,
	        sizeof syms / sizeof *syms, why, sizeof why))
		return true;
	sb_printf(err, "cannot be joined: %s", why);
	return false;
}

/* The state folder: $XDG_STATE_HOME/asyncpath, else
 * ~/.local/state/asyncpath; NULL when neither is known. */
static char *
state_dir(void)
{
	return files_xdg_dir("XDG_STATE_HOME", ".local/state");
}

/* True when url is http(s)://HOST[:PORT]/CODE[/], CODE 4-64 letters or
 * digits, HOST without '@', '?' or '#'. */
static bool
url_ok(const char *url)
{
	const char *p;
	if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else
		return false;
	size_t host = strcspn(p, "/");
	if (host == 0 || p[host] != '/')
		return false;
	for (size_t i = 0; i < host; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		        (p[i] >= 'A' && p[i] <= 'Z') ||
		        (p[i] >= '0' && p[i] <= '9') || strchr(".-:[]", p[i])))
			return false;
	const char *code = p + host + 1;
	size_t n = 0;
	while ((code[n] >= 'a' && code[n] <= 'z') ||
	    (code[n] >= 'A' && code[n] <= 'Z') ||
	    (code[n] >= '0' && code[n] <= '9'))
		n++;
	return n >= 4 && n <= 64 &&
	    (code[n] == '\0' || (code[n] == '/' && code[n + 1] == '\0'));
}

/* This account's client id from STATE/room-client, made on first use
 * (two first uses at once agree: the file is linked into place). */
static int
client_id(const char *state, char out[9])
{
	char *file = xasprintf("%s/room-client", state);
	int err = 0;
	for (int tries = 0; tries < 3; tries++) {
		size_t len = 0;
		char *text = read_file_max(file, 64, &len);
		if (text && len >= 8 && strspn(text, "0123456789abcdef") >= 8) {
			memcpy(out, text, 8);
			out[8] = '\0';
			free(text);
			free(file);
			return 0;
		}
		free(text);
		unsigned char r[4];
		if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
			err = errno;
			break;
		}
		char hex[10];
		snprintf(hex, sizeof hex, "%02x%02x%02x%02x\n", r[0], r[1],
		    r[2], r[3]);
		char *tmp = xasprintf("%s/.room-client.XXXXXX", state);
		int fd = mkstemp(tmp);
		if (fd < 0) {
			err = errno;
			free(tmp);
			break;
		}
		bool ok = write(fd, hex, 9) == 9 && fsync(fd) == 0;
		close(fd);
		if (ok && link(tmp, file) != 0 && errno != EEXIST)
			err = errno;
		unlink(tmp);
		free(tmp);
		if (err)
			break;
	}
	free(file);
	return err ? err : EIO;
}

struct roomlink *
roomlink_new(const char *url, const char *state, strbuf *err)
{
	if (!url_ok(url)) {
		sb_puts(err,
		    "is not a room's address: expected "
		    "http://HOST:PORT/CODE as the room printed it");
		return NULL;
	}
	char *st = state ? xstrdup(state) : state_dir();
	if (!st) {
		sb_puts(err,
		    "has no folder to queue sessions in: set HOME or "
		    "XDG_STATE_HOME");
		return NULL;
	}
	struct roomlink *l = xcalloc(1, sizeof *l);
	l->url = xstrdup(url);
	size_t n = strlen(l->url);
	if (l->url[n - 1] == '/')
		l->url[n - 1] = '\0';
	uint64_t h = XXH3_64bits(l->url, strlen(l->url));
	l->outbox = xasprintf("%s/outbox/%016llx", st, (unsigned long long)h);
	int e = files_make_dirs(l->outbox, 0700);
	if (!e)
		e = client_id(st, l->client);
	if (!e) {
		/* which room the folder is for, for a person looking */
		char *f = xasprintf("%s/room-url", l->outbox);
		char *line = xasprintf("%s\n", l->url);
		files_write_atomic(f, line, strlen(line), 0600);
		free(line);
		free(f);
	}
	free(st);
	if (e) {
		sb_printf(err, "cannot keep its queue in %s: %s", l->outbox,
		    strerror(e));
		roomlink_free(l);
		return NULL;
	}
	if (!roomlink_available(err)) {
		roomlink_free(l);
		return NULL;
	}
	cu.global_init(CURL_GLOBAL_DEFAULT);
	l->curl = cu.easy_init();
	if (!l->curl) {
		sb_puts(err, "cannot start libcurl");
		roomlink_free(l);
		return NULL;
	}
	return l;
}

void
roomlink_free(struct roomlink *l)
{
	if (!l)
		return;
	if (l->curl) {
		cu.easy_cleanup(l->curl);
		cu.global_cleanup();
	}
	free(l->url);
	free(l->outbox);
	free(l->error);
	free(l);
}

char *
roomlink_id(const struct roomlink *l, const char *name)
{
	size_t n = strlen(name);
	return xasprintf("%.*s-%s", (int)(n > NAME_PART ? NAME_PART : n), name,
	    l->client);
}

static void
set_error(struct roomlink *l, char *msg)
{
	free(l->error);
	l->error = msg;
}

/* libcurl's write callback: keeps the first REPLY_MAX bytes. */
static size_t
keep_reply(char *p, size_t size, size_t n, void *ctx)
{
	strbuf *b = ctx;
	size_t len = size * n;
	if (b->len < REPLY_MAX)
		sb_add(b, p,
		    len < REPLY_MAX - b->len ? len : REPLY_MAX - b->len);
	return len;
}

/* PUTs body as room id; true when the room stored it (2xx).  A refusal
 * or a failure sets l->error; a failed connection holds sends back. */
static bool
put(struct roomlink *l, const char *id, const char *body, size_t len)
{
	char *url = xasprintf("%s/s/%s", l->url, id);
	strbuf reply = {0};
	CURL *c = l->curl;
	cu.easy_reset(c);
	cu.easy_setopt(c, CURLOPT_URL, url);
	cu.easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
	cu.easy_setopt(c, CURLOPT_POSTFIELDS, body);
	cu.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	struct curl_slist *hdr =
	    cu.slist_append(NULL, "Content-Type: application/json");
	hdr = cu.slist_append(hdr, "Expect:");
	cu.easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	cu.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	cu.easy_setopt(c, CURLOPT_TIMEOUT_MS, 8000L);
	cu.easy_setopt(c, CURLOPT_USERAGENT, "asyncpath");
	cu.easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_reply);
	cu.easy_setopt(c, CURLOPT_WRITEDATA, &reply);
	l->requests++;
	CURLcode rc = cu.easy_perform(c);
	long status = 0;
	cu.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	cu.slist_free_all(hdr);
	bool ok = false;
	if (rc != CURLE_OK) {
		set_error(l,
		    xasprintf("the room at %s cannot be reached: %s", l->url,
		        cu.easy_strerror(rc)));
		l->held_until = time(NULL) + HOLD_SECONDS;
	} else if (status >= 200 && status < 300) {
		ok = true;
		l->bytes += len;
		l->stored++;
	} else {
		/* the room's one-line answer, made safe for the terminal */
		size_t k = strcspn(reply.s ? reply.s : "", "\n");
		strbuf why = {0};
		sb_add_safe(&why, reply.s ? reply.s : "", k);
		set_error(l,
		    xasprintf("the room at %s answered %ld: %s", l->url, status,
		        why.s ? why.s : ""));
		sb_free(&why);
		if (status == 429 || status >= 500)
			l->held_until = time(NULL) + HOLD_SECONDS;
	}
	sb_free(&reply);
	free(url);
	return ok;
}

/* Sends the queued copy in file name of the outbox; true when stored. */
static bool
send_one(struct roomlink *l, const char *entry)
{
	char *file = xasprintf("%s/%s", l->outbox, entry);
	size_t len = 0;
	char *body = read_file_max(file, SESSION_MAX_BYTES, &len);
	bool ok = false;
	if (body) {
		char *id = xstrndup(entry, strlen(entry) - 5);
		ok = put(l, id, body, len);
		free(id);
		if (ok)
			unlink(file);
	}
	free(body);
	free(file);
	return ok;
}

size_t
roomlink_flush(struct roomlink *l, bool force)
{
	size_t n;
	char **names = files_list(l->outbox, ".json", &n);
	if (!names)
		return 0;
	bool held = !force && time(NULL) < l->held_until;
	size_t left = 0, sent = 0;
	for (size_t i = 0; i < n; i++) {
		if (held || (l->held_until > time(NULL) && !force) ||
		    !send_one(l, names[i]))
			left++;
		else
			sent++;
	}
	files_list_free(names);
	if (!left && sent)
		set_error(l, NULL);
	return left;
}

size_t
roomlink_send(struct roomlink *l, const char *name, const char *file)
{
	size_t len = 0;
	char *body = read_file_max(file, SESSION_MAX_BYTES, &len);
	if (!body) {
		set_error(l,
		    xasprintf("cannot read %s to send it: %s", file,
		        read_file_error(errno)));
		return roomlink_flush(l, false) + 1;
	}
	char *id = roomlink_id(l, name);
	char *queued = xasprintf("%s/%s.json", l->outbox, id);
	int err = files_write_atomic(queued, body, len, 0600);
	if (err)
		set_error(l,
		    xasprintf("cannot queue the session in %s: %s", l->outbox,
		        strerror(err)));
	free(queued);
	free(id);
	free(body);
	return roomlink_flush(l, false) + (err ? 1 : 0);
}

const char *
roomlink_error(const struct roomlink *l)
{
	return l->error;
}

void
roomlink_counts(const struct roomlink *l, size_t *requests, size_t *bytes,
    size_t *stored)
{
	*requests = l->requests;
	*bytes = l->bytes;
	*stored = l->stored;
}
