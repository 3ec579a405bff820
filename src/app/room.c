/* room: see include/app/room.h and docs/ROOM.md. */
#include "room.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "dynlib.h"
#include "files.h"
#include "report.h"
#include "session.h"
#include "sonames.h"
#include "util.h"

#define REFRESH_SECONDS 5 /* the live page reloads this often */

enum {
	OPT_BIND = 1,
	OPT_PORT,
	OPT_DIR,
	OPT_MAX_SESSIONS,
	OPT_MAX_BODY,
	OPT_RATE
};

const struct cli_option room_opts[] = {
    {"bind", required_argument, OPT_BIND, "ADDR",
        "listen on this address (127.0.0.1; the room's network address "
        "or 0.0.0.0 to let laptops join)",
        NULL},
    {"port", required_argument, OPT_PORT, "N",
        "listen on port N (8765; 0: any free port)", NULL},
    {"dir", required_argument, OPT_DIR, "DIR",
        "keep the room's sessions in DIR "
        "($XDG_STATE_HOME/asyncpath/room)",
        ":dir"},
    {"max-sessions", required_argument, OPT_MAX_SESSIONS, "N",
        "at most N participants' sessions (200)", NULL},
    {"max-body", required_argument, OPT_MAX_BODY, "BYTES",
        "refuse a session file larger than BYTES (1048576)", NULL},
    {"rate", required_argument, OPT_RATE, "N",
        "at most N requests a minute from one participant (600)", NULL},
    {0},
};

/* libmicrohttpd, opened when a room starts (dynlib.h): no other command
 * loads it.  Each pointer has the type of the function in <microhttpd.h>. */
static struct {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_get_connection_info) *get_connection_info;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
	__typeof__(MHD_create_response_from_buffer)
	    *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
} mhd;

/* Loads libmicrohttpd into mhd; false after saying why on stderr. */
static bool
mhd_open(void)
{
#define SYM(f) \
	{ \
		"MHD_" #f, (void **)&mhd.f \
	}
	static const struct dynlib_sym syms[] = {SYM(start_daemon),
	    SYM(stop_daemon), SYM(get_daemon_info), SYM(get_connection_info),
	    SYM(lookup_connection_value), SYM(create_response_from_buffer),
	    SYM(add_response_header), SYM(queue_response),
	    SYM(destroy_response)};
#undef SYM
	char why[256];
	if (dynlib_load(MHD_SONAME, "libmicrohttpd12", syms,
	        sizeof syms / sizeof *syms, why, sizeof why))
		return true;
	diag_say(stderr, "asyncpath: cannot start a room: %s\n", why);
	return false;
}

/* A token bucket: burst tokens, refilled at rate a second. */
struct bucket {
	double tokens, last;
};

/* One session the room keeps (or an address that was refused). */
struct member {
	char *key;
	struct bucket b;
};

struct room {
	const struct guide *g;
	const struct quiz_set *qs; /* question texts, or NULL */
	char *dir;
	char join[16], view[24];
	char *join_url; /* http://HOST:PORT/CODE, for the page */
	size_t max_sessions, max_body;
	double rate, burst; /* per participant, a second; the bucket */
	pthread_mutex_t lock;
	hmap *members; /* id -> struct member (sessions on disk) */
	hmap *refused; /* address -> struct member (its refusals) */
	struct member **all; /* both, to free */
	size_t nall, capall, nsessions;
	/* counts since the start, for the closing line */
	size_t requests, stored, refusals;
	unsigned long long bytes;
	unsigned long gen; /* bumped by every store */
	unsigned long page_gen; /* gen the page was built at (0: never) */
	strbuf page;
};

/* The request being read: its body, within the limit. */
struct req {
	strbuf body;
	bool too_big;
	char id[72];
};

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Takes a token from b (full at first use); false when it is empty. */
static bool
take(struct bucket *b, double rate, double burst)
{
	double t = now_s();
	if (b->last == 0)
		b->tokens = burst;
	else
		b->tokens += (t - b->last) * rate;
	if (b->tokens > burst)
		b->tokens = burst;
	b->last = t;
	if (b->tokens < 1)
		return false;
	b->tokens -= 1;
	return true;
}

/* The member of map for key, made when absent (with the lock held). */
static struct member *
member(struct room *r, hmap *map, const char *key, bool *made)
{
	struct member *m = hmap_get(map, key);
	if (made)
		*made = !m;
	if (m)
		return m;
	m = xcalloc(1, sizeof *m);
	m->key = xstrdup(key);
	hmap_put(map, m->key, m);
	vec_reserve(&r->all, &r->capall, r->nall + 1, sizeof *r->all);
	r->all[r->nall++] = m;
	return m;
}

/* Queues a plain-text answer: status, one line of reason. */
static enum MHD_Result
answer(struct MHD_Connection *conn, unsigned status, const char *text)
{
	char *line = xasprintf("%u %s\n", status, text);
	struct MHD_Response *resp =
	    mhd.create_response_from_buffer(strlen(line), line,
	        MHD_RESPMEM_MUST_FREE);
	mhd.add_response_header(resp, "Content-Type",
	    "text/plain; charset=utf-8");
	mhd.add_response_header(resp, "Cache-Control", "no-store");
	mhd.add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (status == 429 || status == 507)
		mhd.add_response_header(resp, "Retry-After", "5");
	if (status == 405)
		mhd.add_response_header(resp, "Allow", "GET, PUT");
	enum MHD_Result ret = mhd.queue_response(conn, status, resp);
	mhd.destroy_response(resp);
	return ret;
}

/* The client's address as text (for the refusals' buckets). */
static void
peer(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
	    mhd.get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, n, "?");
	if (ci && ci->client_addr)
		getnameinfo(ci->client_addr,
		    ci->client_addr->sa_family == AF_INET6
		        ? sizeof(struct sockaddr_in6)
		        : sizeof(struct sockaddr_in),
		    out, (socklen_t)n, NULL, 0, NI_NUMERICHOST);
}

/* A refusal: counted and answered with status and reason.  Wrong codes,
 * keys, places and methods (403, 404, 405: guessing) are limited per
 * address; past the limit every request from there gets 429 for a while
 * (blocked). */
static enum MHD_Result
refuse(struct room *r, struct MHD_Connection *conn, unsigned status,
    const char *why)
{
	char addr[64];
	peer(conn, addr, sizeof addr);
	bool guess = status == 403 || status == 404 || status == 405;
	pthread_mutex_lock(&r->lock);
	r->refusals++;
	bool ok = true;
	if (guess) {
		struct member *m = member(r, r->refused, addr, NULL);
		ok = take(&m->b, 1.0, 30.0);
	}
	pthread_mutex_unlock(&r->lock);
	if (!ok)
		return answer(conn, 429,
		    "too many refused requests from this address; wait a "
		    "few seconds");
	return answer(conn, status, why);
}

/* Whether this address is blocked for its refusals (no token taken). */
static bool
blocked(struct room *r, struct MHD_Connection *conn)
{
	char addr[64];
	peer(conn, addr, sizeof addr);
	pthread_mutex_lock(&r->lock);
	struct member *m = hmap_get(r->refused, addr);
	bool b = false;
	if (m) {
		struct bucket t = m->b;
		b = !take(&t, 1.0, 30.0);
	}
	pthread_mutex_unlock(&r->lock);
	return b;
}

struct gather {
	struct report *rep;
};

static void
gather_one(const char *file, struct session *s, diag_list *d, void *ctx)
{
	struct gather *ga = ctx;
	if (s) {
		report_add(ga->rep, file, s);
		return;
	}
	char *why = diag_text(d);
	report_skip(ga->rep, file, why);
	free(why);
}

/* The live page, rebuilt from the files when a session came in since
 * the last build.  Returns a copy (caller frees) and its length. */
static char *
live_page(struct room *r, size_t *len, bool json)
{
	pthread_mutex_lock(&r->lock);
	if (json || r->page_gen != r->gen + 1) {
		struct report *rep = report_new(r->g);
		report_set_quizzes(rep, r->qs);
		char now[16];
		time_t t = time(NULL);
		struct tm tm;
		strftime(now, sizeof now, "%H:%M:%S", gmtime_r(&t, &tm));
		char *line = xasprintf("As of %s UTC; this page reloads every "
		                       "%d seconds. Join with: asyncpath "
		                       "--room %s --name \"YOUR NAME\"",
		    now, REFRESH_SECONDS, r->join_url ? r->join_url : "");
		report_set_live(rep, line);
		free(line);
		struct gather ga = {rep};
		session_each(r->dir, gather_one, &ga);
		strbuf out = {0};
		if (json) {
			json_t *j = report_json(rep, false);
			char *s =
			    json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			sb_puts(&out, s);
			sb_putc(&out, '\n');
			free(s);
			json_decref(j);
		} else {
			report_html(rep, false, &out);
		}
		report_free(rep);
		if (json) {
			pthread_mutex_unlock(&r->lock);
			*len = out.len;
			return sb_take(&out);
		}
		sb_free(&r->page);
		r->page = out;
		r->page_gen = r->gen + 1;
	}
	char *copy = xmalloc(r->page.len + 1);
	memcpy(copy, r->page.s, r->page.len + 1);
	*len = r->page.len;
	pthread_mutex_unlock(&r->lock);
	return copy;
}

static enum MHD_Result
serve_page(struct room *r, struct MHD_Connection *conn, bool json)
{
	size_t len;
	char *page = live_page(r, &len, json);
	struct MHD_Response *resp =
	    mhd.create_response_from_buffer(len, page, MHD_RESPMEM_MUST_FREE);
	mhd.add_response_header(resp, "Content-Type",
	    json ? "application/json" : "text/html; charset=utf-8");
	if (!json) {
		char refresh[16];
		snprintf(refresh, sizeof refresh, "%d", REFRESH_SECONDS);
		mhd.add_response_header(resp, "Refresh", refresh);
	}
	/* the page fetches nothing: no script, no remote anything */
	mhd.add_response_header(resp, "Content-Security-Policy",
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
	    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
	mhd.add_response_header(resp, "Cache-Control", "no-store");
	mhd.add_response_header(resp, "Referrer-Policy", "no-referrer");
	mhd.add_response_header(resp, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = mhd.queue_response(conn, 200, resp);
	mhd.destroy_response(resp);
	return ret;
}

/* 413, with the room's limit. */
static enum MHD_Result
too_big(struct room *r, struct MHD_Connection *conn)
{
	char *why = xasprintf("the session is larger than this room takes "
	                      "(%zu bytes)",
	    r->max_body);
	enum MHD_Result ret = refuse(r, conn, 413, why);
	free(why);
	return ret;
}

/* Keeps the session body as DIR/ID.json when it is valid; answers. */
static enum MHD_Result
store(struct room *r, struct MHD_Connection *conn, struct req *q)
{
	if (q->too_big)
		return too_big(r, conn);
	char *file = xasprintf("%s/%s.json", r->dir, q->id);
	diag_list *d = diag_new();
	struct session *s =
	    session_parse(q->body.s ? q->body.s : "", q->body.len, q->id, d);
	if (!s) {
		char *buf = diag_text(d);
		char *why = xasprintf("not a session: %.*s",
		    (int)strcspn(buf, "\n"), buf);
		enum MHD_Result ret = refuse(r, conn, 400, why);
		free(why);
		free(buf);
		diag_free(d);
		free(file);
		return ret;
	}
	diag_free(d);
	const char *who = session_participant(s);
	char *clean = who ? session_clean_name(who) : NULL;
	bool name_ok = !who || strcmp(clean, who) == 0;
	session_free(s);
	if (!name_ok) {
		free(clean);
		free(file);
		return refuse(r, conn, 400,
		    "not a session: the participant's name holds control "
		    "characters or is too long");
	}
	pthread_mutex_lock(&r->lock);
	bool made = !hmap_get(r->members, q->id);
	if (made && r->nsessions >= r->max_sessions) {
		pthread_mutex_unlock(&r->lock);
		free(clean);
		free(file);
		char *why = xasprintf("the room is full (%zu sessions)",
		    r->max_sessions);
		enum MHD_Result ret = refuse(r, conn, 507, why);
		free(why);
		return ret;
	}
	if (made) {
		member(r, r->members, q->id, NULL);
		r->nsessions++;
	}
	pthread_mutex_unlock(&r->lock);
	int err = files_write_atomic(file, q->body.s, q->body.len, 0600);
	free(file);
	pthread_mutex_lock(&r->lock);
	if (!err) {
		r->stored++;
		r->bytes += q->body.len;
		r->gen++;
	}
	pthread_mutex_unlock(&r->lock);
	if (err) {
		free(clean);
		return answer(conn, 500, strerror(err));
	}
	if (made) {
		strbuf b = {0};
		sb_add_safe(&b, clean && *clean ? clean : q->id,
		    strlen(clean && *clean ? clean : q->id));
		printf("joined: %s (%s)\n", b.s, q->id);
		fflush(stdout);
		sb_free(&b);
	}
	free(clean);
	return answer(conn, made ? 201 : 200, "stored");
}

/* Splits "/A/B/C" against the room's routes. */
static enum MHD_Result
route(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **ctx)
{
	struct room *r = cls;
	(void)version;
	struct req *q = *ctx;
	if (q) { /* the body of an accepted PUT */
		if (*upload_size) {
			if (q->body.len + *upload_size > r->max_body)
				q->too_big = true;
			else
				sb_add(&q->body, upload, *upload_size);
			*upload_size = 0;
			return MHD_YES;
		}
		return store(r, conn, q);
	}
	pthread_mutex_lock(&r->lock);
	r->requests++;
	pthread_mutex_unlock(&r->lock);
	if (blocked(r, conn))
		return answer(conn, 429,
		    "too many refused requests from this address; wait a few "
		    "seconds");
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool put = strcmp(method, "PUT") == 0;
	if (!get && !put)
		return refuse(r, conn, 405, "only GET and PUT are served here");
	const char *p = url + 1;
	size_t n = strcspn(p, "/");
	if (url[0] != '/' || n == 0) {
		if (put)
			return refuse(r, conn, 405, "nothing to PUT here");
		return answer(conn, 200,
		    "asyncpath room: ask the facilitator for the address to "
		    "join with");
	}
	if (n == 1 && p[0] == 'v') { /* /v/KEY/ and /v/KEY/report.json */
		const char *k = p + 2;
		size_t kn = strcspn(k, "/");
		if (p[1] != '/' || kn != strlen(r->view) ||
		    strncmp(k, r->view, kn) != 0)
			return refuse(r, conn, 403, "unknown page key");
		if (!get)
			return refuse(r, conn, 405, "the page is only read");
		const char *rest = k + kn;
		if (strcmp(rest, "/") == 0 || strcmp(rest, "") == 0)
			return serve_page(r, conn, false);
		if (strcmp(rest, "/report.json") == 0)
			return serve_page(r, conn, true);
		return refuse(r, conn, 404, "no such page");
	}
	if (n != strlen(r->join) || strncmp(p, r->join, n) != 0)
		return refuse(r, conn, 403, "unknown room code");
	const char *rest = p + n;
	if (get && (strcmp(rest, "") == 0 || strcmp(rest, "/") == 0))
		return answer(conn, 200,
		    "asyncpath room: join it with asyncpath --room and this "
		    "address");
	if (strncmp(rest, "/s/", 3) != 0 || !session_name_ok(rest + 3))
		return refuse(r, conn, 404,
		    "no such place: sessions go to /CODE/s/ID, ID a session "
		    "name");
	if (!put)
		return refuse(r, conn, 405, "sessions are sent with PUT");
	const char *id = rest + 3;
	/* a participant's sends are limited once the room keeps its
	 * session; a new one is limited by its refusals (refuse) */
	pthread_mutex_lock(&r->lock);
	struct member *m = hmap_get(r->members, id);
	bool ok = !m || take(&m->b, r->rate, r->burst);
	pthread_mutex_unlock(&r->lock);
	if (!ok)
		return refuse(r, conn, 429,
		    "too many sends from this participant; wait a few seconds");
	const char *cl = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > r->max_body)
		return too_big(r, conn);
	q = xcalloc(1, sizeof *q);
	snprintf(q->id, sizeof q->id, "%s", id);
	*ctx = q;
	return MHD_YES;
}

static void
completed(void *cls, struct MHD_Connection *conn, void **ctx,
    enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct req *q = *ctx;
	if (q) {
		sb_free(&q->body);
		free(q);
		*ctx = NULL;
	}
}

/* A random code of n letters and digits that cannot be mistaken for
 * one another. */
static int
random_code(char *out, size_t n)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	unsigned char b[32];
	if (n > sizeof b || getrandom(b, n, 0) != (ssize_t)n)
		return errno ? errno : EIO;
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[b[i] % (sizeof alphabet - 1)];
	out[n] = '\0';
	return 0;
}

/* The codes from DIR/.room, or new ones kept there; 0 or errno. */
static int
room_codes(struct room *r)
{
	char *file = xasprintf("%s/.room", r->dir);
	json_t *j = json_load_file(file, 0, NULL);
	const char *jc = json_string_value(json_object_get(j, "join"));
	const char *vc = json_string_value(json_object_get(j, "view"));
	int err = 0;
	if (jc && vc && strlen(jc) == 8 && strlen(vc) == 20 &&
	    strspn(jc, "abcdefghjkmnpqrstuvwxyz23456789") == 8 &&
	    strspn(vc, "abcdefghjkmnpqrstuvwxyz23456789") == 20) {
		memcpy(r->join, jc, 9);
		memcpy(r->view, vc, 21);
	} else if (!(err = random_code(r->join, 8)) &&
	    !(err = random_code(r->view, 20))) {
		char *text = xasprintf("{\"join\": \"%s\", \"view\": \"%s\"}\n",
		    r->join, r->view);
		err = files_write_atomic(file, text, strlen(text), 0600);
		free(text);
	}
	json_decref(j);
	free(file);
	return err;
}

/* Counts the sessions already in the room's folder. */
static void
known_sessions(struct room *r)
{
	size_t count = 0;
	char **names = files_list(r->dir, ".json", &count);
	for (size_t i = 0; i < count; i++) {
		char *id = xstrndup(names[i], strlen(names[i]) - 5);
		bool made;
		if (session_name_ok(id)) {
			member(r, r->members, id, &made);
			r->nsessions += made;
		}
		free(id);
	}
	files_list_free(names);
}

static long
number(const char *v, long max)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	return *v && !*end && !errno && n >= 0 && n <= max ? n : -1;
}

/* The room's folder by default: asyncpath's state folder's room; NULL
 * when there is none. */
static char *
room_dir(void)
{
	char *st = files_xdg_dir("XDG_STATE_HOME", ".local/state");
	char *d = st ? xasprintf("%s/room", st) : NULL;
	free(st);
	return d;
}

/* Frees what room_run made of r. */
static void
room_free(struct room *r)
{
	for (size_t i = 0; i < r->nall; i++) {
		free(r->all[i]->key);
		free(r->all[i]);
	}
	free(r->all);
	hmap_free(r->members);
	hmap_free(r->refused);
	pthread_mutex_destroy(&r->lock);
	sb_free(&r->page);
	free(r->join_url);
	free(r->dir);
}

struct room_opts {
	const char *bind, *dir;
	long port, maxs, maxb, rate;
};

/* The room's options and arguments into o; 0, or the usage error's
 * status (said). */
static int
room_options(const struct cli_args *a, struct room_opts *o)
{
	for (size_t i = 0; i < a->nopt; i++) {
		const char *v = a->opt[i].arg;
		long *num = NULL, max = 0;
		switch (a->opt[i].val) {
		case OPT_BIND:
			o->bind = v;
			break;
		case OPT_DIR:
			o->dir = v;
			break;
		case OPT_PORT:
			num = &o->port, max = 65535;
			break;
		case OPT_MAX_SESSIONS:
			num = &o->maxs, max = 100000;
			break;
		case OPT_MAX_BODY:
			num = &o->maxb, max = (long)SESSION_MAX_BYTES;
			break;
		case OPT_RATE:
			num = &o->rate, max = 60000;
			break;
		}
		if (num && (*num = number(v, max)) < 0)
			return cli_usage_error("room: '%s' is not a number in "
			                       "range",
			    v);
	}
	if (a->argc)
		return cli_usage_error("room: unexpected '%s'", a->argv[0]);
	if (o->rate < 1 || o->maxs < 1 || o->maxb < 1)
		return cli_usage_error("%s", "room: limits must be at least 1");
	return 0;
}

/* The socket address of bind (IPv4 or IPv6) and port in ss, with
 * MHD_USE_IPv6 added to *flags for IPv6; false when bind is neither. */
static bool
room_address(const char *bind, long port, struct sockaddr_storage *ss,
    unsigned *flags)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, bind, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((unsigned short)port);
	} else if (inet_pton(AF_INET6, bind, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((unsigned short)port);
		*flags |= MHD_USE_IPv6;
	} else {
		return false;
	}
	return true;
}

/* The room listening (daemon d): says where to join and where the live
 * page is, waits for SIGINT or SIGTERM (in stop), stops d and says what
 * it kept. */
static void
room_serve(struct room *r, struct MHD_Daemon *d, const char *bind,
    unsigned port, bool v6, const sigset_t *stop)
{
	const union MHD_DaemonInfo *di =
	    mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned p = di ? di->port : port;
	char host[80];
	snprintf(host, sizeof host, v6 ? "[%s]:%u" : "%s:%u", bind, p);
	pthread_mutex_lock(&r->lock); /* the page reads it */
	r->join_url = xasprintf("http://%s/%s", host, r->join);
	pthread_mutex_unlock(&r->lock);
	printf("asyncpath room: listening on %s, sessions kept in %s "
	       "(%zu so far)\n",
	    host, r->dir, r->nsessions);
	if (strcmp(bind, "0.0.0.0") == 0 || strcmp(bind, "::") == 0)
		printf("(on every address: put this machine's address "
		       "in place of %s below)\n",
		    bind);
	printf("participants join with: asyncpath --room %s --name "
	       "\"THEIR NAME\"\n",
	    r->join_url);
	printf("the live page (yours): http://%s/v/%s/\n", host, r->view);
	printf("Ctrl-C stops the room; started again on the same "
	       "folder it goes on where it was.\n");
	fflush(stdout);
	int sig = 0;
	sigwait(stop, &sig);
	mhd.stop_daemon(d);
	printf("asyncpath room: stopped; %zu requests, %zu sessions "
	       "stored (%llu bytes), %zu refused; %zu sessions in "
	       "%s\n",
	    r->requests, r->stored, r->bytes, r->refusals, r->nsessions,
	    r->dir);
	fflush(stdout);
}

int
room_run(const struct cli *c, const struct cli_args *a)
{
	struct room_opts o = {"127.0.0.1", NULL, 8765, 200, 1 << 20, 600};
	int st = room_options(a, &o);
	if (st)
		return st;
	const char *bind = o.bind, *dir = o.dir;
	long port = o.port, maxs = o.maxs, maxb = o.maxb, rate = o.rate;
	struct sockaddr_storage ss = {0};
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	if (!room_address(bind, port, &ss, &flags))
		return cli_usage_error("room: --bind '%s': expected an IPv4 "
		                       "or IPv6 address",
		    bind);
	struct room r = {0};
	r.g = c->g;
	if (!(r.dir = dir ? xstrdup(dir) : room_dir())) {
		fputs("asyncpath: no folder for the room: set HOME or "
		      "XDG_STATE_HOME, or give --dir\n",
		    stderr);
		return EXIT_NOINPUT;
	}
	int err = files_make_dirs(r.dir, 0700);
	if (!err)
		err = room_codes(&r);
	if (err) {
		diag_say(stderr, "asyncpath: cannot keep the room in %s: %s\n",
		    r.dir, strerror(err));
		free(r.dir);
		return EXIT_IO;
	}
	if (!mhd_open()) {
		free(r.dir);
		return EXIT_UNAVAILABLE;
	}
	r.max_sessions = (size_t)maxs;
	r.max_body = (size_t)maxb;
	r.rate = (double)rate / 60.0;
	r.burst = (double)rate / 10.0 < 5 ? 5 : (double)rate / 10.0;
	diag_list *qd = diag_new();
	struct quiz_set *qs = quiz_load_all(c->data, qd);
	diag_free(qd);
	r.qs = qs;
	r.members = hmap_new();
	r.refused = hmap_new();
	pthread_mutex_init(&r.lock, NULL);
	known_sessions(&r);

	/* SIGINT and SIGTERM are waited for here, in no other thread */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = mhd.start_daemon(flags, 0, NULL, NULL, route, &r,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)2,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	int status = 0;
	if (!d) {
		diag_say(stderr,
		    "asyncpath: cannot listen on %s port %ld (in use, or "
		    "not an address of this machine?)\n",
		    bind, port);
		status = EXIT_IO;
	} else {
		room_serve(&r, d, bind, (unsigned)port, flags & MHD_USE_IPv6,
		    &stop);
	}
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	room_free(&r);
	quiz_set_free(qs);
	return status;
}
