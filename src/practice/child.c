/*
 * child: see include/child.h.  Descendants are found in /proc (each
 * process's parent from /proc/PID/stat): while we are a subreaper, an
 * orphan's new parent is us, so the tree under us holds every process the
 * program started, in whatever group or session.  Stopping them repeats
 * kill and reap until none is left (a process may fork between a look and
 * a kill), for at most two seconds.  No cgroup: making one needs a
 * delegated cgroup tree, which a workshop laptop's shell does not have.
 */
#define _GNU_SOURCE /* pipe2, close_range */
#include "child.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define STOP_LIMIT 2.0 /* seconds spent stopping stragglers */

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct proc {
	pid_t pid, ppid;
	bool zombie;
};

/* Reads /proc/PID/stat: the parent and whether it is a zombie. */
static bool
read_stat(pid_t pid, struct proc *p)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t k = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (k <= 0)
		return false;
	buf[k] = '\0';
	const char *r = strrchr(buf, ')'); /* the name may hold anything */
	char state;
	int ppid;
	if (!r || sscanf(r + 1, " %c %d", &state, &ppid) != 2)
		return false;
	p->pid = pid, p->ppid = (pid_t)ppid, p->zombie = state == 'Z';
	return true;
}

/* Every process in /proc; *n gets the count.  Caller frees. */
static struct proc *
scan_procs(size_t *n)
{
	struct proc *v = NULL;
	size_t cap = 0;
	*n = 0;
	DIR *d = opendir("/proc");
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		struct proc p;
		if (read_stat((pid_t)atol(de->d_name), &p))
			VEC_PUSH(v, *n, cap, p);
	}
	if (d)
		closedir(d);
	return v;
}

static bool
has_pid(const pid_t *v, size_t n, pid_t p)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == p)
			return true;
	return false;
}

/* Our children now (the ones a run must leave alone).  Caller frees. */
static pid_t *
our_children(size_t *n)
{
	size_t np;
	struct proc *ps = scan_procs(&np);
	pid_t *v = NULL, self = getpid();
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < np; i++)
		if (ps[i].ppid == self)
			VEC_PUSH(v, *n, cap, ps[i].pid);
	free(ps);
	return v;
}

/* The descendants of ours not under keep: fills out (caller frees),
 * returns how many. */
static size_t
descendants(const pid_t *keep, size_t nkeep, struct proc **out)
{
	size_t np, n = 0, cap = 0;
	struct proc *ps = scan_procs(&np), *v = NULL;
	pid_t self = getpid();
	bool grew = true;
	bool *in = xcalloc(np + 1, sizeof *in);
	while (grew) {
		grew = false;
		for (size_t i = 0; i < np; i++) {
			if (in[i] || ps[i].pid == self ||
			    has_pid(keep, nkeep, ps[i].pid))
				continue;
			bool under = ps[i].ppid == self;
			for (size_t j = 0; !under && j < n; j++)
				under = v[j].pid == ps[i].ppid;
			if (under) {
				in[i] = grew = true;
				VEC_PUSH(v, n, cap, ps[i]);
			}
		}
	}
	free(in);
	free(ps);
	*out = v;
	return n;
}

/*
 * Kills every descendant not under keep and reaps those that are our
 * children, except own (the program, reaped by the caller for its
 * status), until none but own is left or STOP_LIMIT passes.  Returns how
 * many besides own were running at the first look.
 */
static unsigned
stop_descendants(const pid_t *keep, size_t nkeep, pid_t own)
{
	double give_up = now_s() + STOP_LIMIT;
	pid_t self = getpid();
	unsigned first = 0;
	for (bool first_look = true;; first_look = false) {
		struct proc *v;
		size_t n = descendants(keep, nkeep, &v), others = 0;
		unsigned running = 0;
		for (size_t i = 0; i < n; i++) {
			if (!v[i].zombie)
				kill(v[i].pid, SIGKILL);
			if (v[i].pid == own)
				continue;
			others++;
			running += !v[i].zombie;
			if (v[i].ppid == self)
				waitpid(v[i].pid, NULL, WNOHANG);
		}
		free(v);
		if (first_look)
			first = running;
		if (!others || now_s() > give_up)
			break;
		struct timespec ts = {0, 5 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return first;
}

/* The seconds pid's threads have spent on a processor, and on one or
 * waiting for one (runnable: not waiting for anything), from
 * /proc/PID/task/TID/schedstat.  A busy loop on a loaded machine gets
 * little processor time but is runnable all the time. */
static void
sched_seconds(pid_t pid, double *cpu, double *runnable)
{
	*cpu = *runnable = 0;
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		char file[400], buf[128];
		snprintf(file, sizeof file, "%s/%s/schedstat", path,
		    de->d_name);
		int fd = open(file, O_RDONLY | O_CLOEXEC);
		ssize_t k = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
		if (fd >= 0)
			close(fd);
		unsigned long long on = 0, queued = 0;
		if (k <= 0)
			continue;
		buf[k] = '\0';
		if (sscanf(buf, "%llu %llu", &on, &queued) == 2) {
			*cpu += (double)on / 1e9;
			*runnable += (double)(on + queued) / 1e9;
		}
	}
	if (d)
		closedir(d);
}

/* dup2 that also clears close-on-exec when from is already to. */
static void
move_fd(int from, int to)
{
	if (from == to)
		fcntl(to, F_SETFD, 0);
	else
		dup2(from, to);
}

/* In the forked child: its own process group, the default signal
 * dispositions and mask, stdin from /dev/null, stdout and stderr on the
 * pipes, nothing else open but px[1] (close-on-exec), then exec in dir.
 * Never returns: on failure writes errno to px[1] and exits 127. */
static _Noreturn void
exec_child(const struct child_opts *o, const int po[2], const int pe[2],
    const int px[2])
{
	setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	int nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
	/* the pipes' ends above 2 first, so no dup2 overwrites one */
	int out = fcntl(po[1], F_DUPFD_CLOEXEC, 3);
	int err = fcntl(pe[1], F_DUPFD_CLOEXEC, 3);
	int e = nul < 0 || out < 0 || err < 0 ? errno : 0;
	if (!e) {
		move_fd(nul, 0);
		move_fd(out, 1);
		move_fd(err, 2);
		/* whatever else we had open: a session's lock, a history */
		if (px[1] > 3)
			close_range(3, (unsigned)px[1] - 1, 0);
		close_range((unsigned)px[1] + 1, ~0U, 0);
		for (size_t i = 0; o->env[i]; i += 2)
			setenv(o->env[i], o->env[i + 1], 1);
		if (chdir(o->dir) == 0)
			execvp(o->argv[0], o->argv);
		e = errno;
	}
	if (write(px[1], &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

struct reader {
	int fd;
	strbuf *b;
	size_t *cut;
	size_t line_at; /* where the line being read starts in b */
	bool full; /* the cap is reached: the rest is dropped */
};

/* A whole line of r at [from, to) has arrived at time t. */
static void
got_line(const struct child_opts *o, struct child *c, const struct reader *r,
    size_t from, size_t to, double t)
{
	if (o->on_line)
		o->on_line(o->ctx, r->b == &c->out ? 1 : 2, r->b->s + from,
		    to - from);
	if (r->b == &c->out)
		VEC_PUSH(c->line_t, c->nline, c->line_cap, t);
}

/* Reads what r's pipe has; false at its end (then r->fd is closed). */
static bool
drain(const struct child_opts *o, struct child *c, struct reader *r, double t)
{
	char buf[8192];
	ssize_t k = read(r->fd, buf, sizeof buf);
	if (k < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (k <= 0) {
		if (!r->full && r->b->len > r->line_at)
			got_line(o, c, r, r->line_at, r->b->len, t);
		close(r->fd);
		r->fd = -1;
		return false;
	}
	if (r->full) {
		*r->cut += (size_t)k;
		return true;
	}
	size_t room = o->cap - r->b->len;
	size_t take = (size_t)k < room ? (size_t)k : room;
	size_t from = r->b->len;
	sb_add(r->b, buf, take);
	for (size_t i = from; i < r->b->len; i++)
		if (r->b->s[i] == '\n') {
			got_line(o, c, r, r->line_at, i, t);
			r->line_at = i + 1;
		}
	if (take < (size_t)k) {
		/* the cap: keep whole lines only (one line longer than the
		   cap is kept cut) */
		r->full = true;
		*r->cut += (size_t)k - take;
		if (r->line_at > 0) {
			*r->cut += r->b->len - r->line_at;
			r->b->len = r->line_at;
			r->b->s[r->b->len] = '\0';
		}
	}
	return true;
}

static void
close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	p[0] = p[1] = -1;
}

/* Waits for the exec: 0, or the errno the child could not exec with. */
static int
exec_result(int fd)
{
	int e = 0;
	ssize_t k;
	while ((k = read(fd, &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(fd);
	return k == (ssize_t)sizeof e ? e : 0;
}

/* The wait loop: reads both pipes, reaps the program, and at the
 * deadline or on *stop kills it and every descendant. */
static void
watch(const struct child_opts *o, struct child *c, pid_t pid, int fo, int fe,
    const pid_t *keep, size_t nkeep, const sigset_t *wait_mask)
{
	struct reader r[2] = {{fo, &c->out, &c->cut_out, 0, false},
	    {fe, &c->err, &c->cut_err, 0, false}};
	double t0 = now_s(), deadline = t0 + o->timeout, killed_at = 0;
	bool reaped = false, killed = false;
	int status = 0;
	for (;;) {
		double now = now_s();
		if (!killed && ((o->stop && *o->stop) || now >= deadline)) {
			c->stopped = o->stop && *o->stop;
			c->timed_out = !c->stopped;
			sched_seconds(pid, &c->cpu_s, &c->runnable_s);
			c->seconds = now - t0;
			kill(-pid, SIGKILL);
			stop_descendants(keep, nkeep, pid);
			killed = true;
			killed_at = now;
		}
		if (!reaped && waitpid(pid, &status, WNOHANG) == pid) {
			reaped = true;
			if (!killed) {
				c->seconds = now_s() - t0;
				c->strays = stop_descendants(keep, nkeep, pid);
			}
		}
		bool open = r[0].fd >= 0 || r[1].fd >= 0;
		if ((reaped && !open) ||
		    (killed && now > killed_at + STOP_LIMIT))
			break;
		fd_set rd;
		FD_ZERO(&rd);
		int top = -1;
		for (int i = 0; i < 2; i++)
			if (r[i].fd >= 0) {
				FD_SET(r[i].fd, &rd);
				top = r[i].fd > top ? r[i].fd : top;
			}
		/* with the pipes closed, only the exit is awaited: look often
		 */
		double wait = killed ? 0.02 : !open ? 0.01 : 0.1;
		if (!killed && deadline - now < wait)
			wait = deadline - now > 0 ? deadline - now : 0;
		struct timespec ts = {(time_t)wait,
		    (long)((wait - (double)(time_t)wait) * 1e9)};
		int k = pselect(top + 1, &rd, NULL, NULL, &ts, wait_mask);
		double t = now_s() - t0;
		for (int i = 0; k > 0 && i < 2; i++)
			if (r[i].fd >= 0 && FD_ISSET(r[i].fd, &rd))
				drain(o, c, &r[i], t);
	}
	for (int i = 0; i < 2; i++)
		if (r[i].fd >= 0)
			close(r[i].fd);
	if (!reaped && waitpid(pid, &status, WNOHANG) != pid)
		status = SIGKILL; /* could not be reaped in time */
	c->status = WIFEXITED(status) ? WEXITSTATUS(status)
	    : WIFSIGNALED(status)     ? 128 + WTERMSIG(status)
	                              : 128 + SIGKILL;
	if (!killed)
		return;
	/* at the end, whatever came back to us since */
	stop_descendants(keep, nkeep, 0);
}

int
child_run(const struct child_opts *o, struct child *c)
{
	memset(c, 0, sizeof *c);
	int po[2] = {-1, -1}, pe[2] = {-1, -1}, px[2] = {-1, -1};
	if (pipe2(po, O_CLOEXEC) != 0 || pipe2(pe, O_CLOEXEC) != 0 ||
	    pipe2(px, O_CLOEXEC) != 0) {
		int e = errno;
		close_pair(po), close_pair(pe), close_pair(px);
		return e;
	}
	size_t nkeep;
	pid_t *keep = our_children(&nkeep);
	int was_reaper = 0;
#ifdef __linux__
	prctl(PR_GET_CHILD_SUBREAPER, &was_reaper, 0, 0, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#endif
	/* the stop signals are let in only inside the wait: one that comes
	 * before it is seen there at once */
	static const int stop_sigs[] = {SIGINT, SIGTERM, SIGHUP};
	sigset_t block, old, wait_mask;
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof stop_sigs / sizeof stop_sigs[0]; i++)
		sigaddset(&block, stop_sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	wait_mask = old;
	for (size_t i = 0; i < sizeof stop_sigs / sizeof stop_sigs[0]; i++)
		sigdelset(&wait_mask, stop_sigs[i]);
	pid_t pid = fork();
	int e = pid < 0 ? errno : 0;
	if (pid == 0)
		exec_child(o, po, pe, px);
	if (pid > 0) {
		setpgid(pid, pid); /* also here, so no kill finds it unset */
		close(po[1]), close(pe[1]), close(px[1]);
		po[1] = pe[1] = px[1] = -1;
		e = exec_result(px[0]);
		px[0] = -1;
		watch(o, c, pid, po[0], pe[0], keep, nkeep, &wait_mask);
		po[0] = pe[0] = -1;
	}
	close_pair(po), close_pair(pe), close_pair(px);
	sigprocmask(SIG_SETMASK, &old, NULL);
#ifdef __linux__
	if (!was_reaper)
		prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
#endif
	free(keep);
	return e;
}

void
child_free(struct child *c)
{
	sb_free(&c->out);
	sb_free(&c->err);
	free(c->line_t);
	memset(c, 0, sizeof *c);
}
