/*
 * enospc.so: an LD_PRELOAD shim for the disk-full test.  write(2) to a
 * session's temporary file (a name starting with '.' and holding ".json.")
 * fails with ENOSPC, as on a full disk; every other write goes through.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef ssize_t (*write_fn)(int, const void *, size_t);

ssize_t write(int fd, const void *buf, size_t n);

ssize_t
write(int fd, const void *buf, size_t n)
{
	static write_fn real;
	if (!real) {
		void *sym = dlsym(RTLD_NEXT, "write");
		memcpy(&real, &sym, sizeof real);
	}
	char link[64], name[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t k = readlink(link, name, sizeof name - 1);
	if (k > 0) {
		name[k] = '\0';
		const char *base = strrchr(name, '/');
		base = base ? base + 1 : name;
		if (base[0] == '.' && strstr(base, ".json.")) {
			errno = ENOSPC;
			return -1;
		}
	}
	return real(fd, buf, n);
}
