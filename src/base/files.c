/*
 * files: see include/files.h.  The random part of a temporary name comes
 * from getrandom; O_EXCL makes the open fail rather than reuse a name
 * someone else made, and the write retries with a new name.
 */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *
files_dir_of(const char *file)
{
	const char *b = strrchr(file, '/');
	if (!b)
		return xstrdup(".");
	if (b == file)
		return xstrdup("/");
	return xstrndup(file, (size_t)(b - file));
}

static const char *
base_of(const char *file)
{
	const char *b = strrchr(file, '/');
	return b ? b + 1 : file;
}

static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
                              "wxyz0123456789";

/* Opens a new temporary file beside file; its name goes to *tmp. */
static int
open_temp(const char *file, mode_t mode, char **tmp)
{
	char *dir = files_dir_of(file);
	int fd = -1;
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		unsigned char r[FILES_TMP_RANDOM];
		if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
			break;
		char rnd[FILES_TMP_RANDOM + 1];
		for (size_t i = 0; i < sizeof r; i++)
			rnd[i] = letters[r[i] % (sizeof letters - 1)];
		rnd[FILES_TMP_RANDOM] = '\0';
		*tmp = xasprintf("%s/.%s.%s", dir, base_of(file), rnd);
		fd = open(*tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd < 0) {
			int e = errno;
			free(*tmp);
			*tmp = NULL;
			errno = e;
			if (e != EEXIST)
				break;
		}
	}
	int e = fd < 0 ? (errno ? errno : EEXIST) : 0;
	free(dir);
	return fd < 0 ? -e : fd;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t k = write(fd, p, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return errno;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/* fsync of file's folder, so that the rename itself is kept. */
static int
sync_dir_of(const char *file)
{
	char *dir = files_dir_of(file);
	int err = 0, dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) != 0)
		err = errno == EINVAL ? 0 : errno; /* renamed all the same;
		    EINVAL: the folder cannot sync */
	if (dfd >= 0)
		close(dfd);
	free(dir);
	return err;
}

int
files_write_atomic(const char *file, const void *data, size_t len, mode_t mode)
{
	char *tmp = NULL;
	int fd = open_temp(file, mode, &tmp);
	if (fd < 0)
		return -fd;
	int err = write_all(fd, data, len);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, file) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	free(tmp);
	return err ? err : sync_dir_of(file);
}

bool
files_is_temp_of(const char *name, const char *base)
{
	size_t bl = strlen(base);
	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 ||
	    name[1 + bl] != '.' || strlen(name) != bl + 2 + FILES_TMP_RANDOM)
		return false;
	for (const char *p = name + bl + 2; *p; p++)
		if (!strchr(letters, *p))
			return false;
	return true;
}

int
files_make_dirs(const char *dir, mode_t mode)
{
	char *d = xstrdup(dir);
	int err = 0;
	for (char *s = d + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(d, mode) != 0 && errno != EEXIST)
			err = errno;
		*s = c;
		if (!c)
			break;
	}
	struct stat st;
	if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
		err = 0;
	else if (!err)
		err = ENOTDIR;
	free(d);
	return err;
}

char *
files_xdg_dir(const char *var, const char *fallback)
{
	const char *e = getenv(var);
	if (e && *e == '/')
		return xasprintf("%s/asyncpath", e);
	e = getenv("HOME");
	if (e && *e)
		return xasprintf("%s/%s/asyncpath", e, fallback);
	return NULL;
}

int
files_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
files_list(const char *dir, const char *suffix, size_t *n)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return NULL;
	char **v = NULL;
	size_t cap = 0, sl = strlen(suffix);
	struct dirent *e;
	*n = 0;
	while ((e = readdir(dp))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < sl ||
		    strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		VEC_PUSH(v, *n, cap, xstrdup(e->d_name));
	}
	closedir(dp);
	VEC_PUSH(v, *n, cap, NULL);
	(*n)--;
	if (*n > 1)
		qsort(v, *n, sizeof *v, files_cmp_names);
	return v;
}

char **
files_list_paths(const char *dir, const char *suffix, size_t *n)
{
	char **v = files_list(dir, suffix, n);
	for (size_t i = 0; v && i < *n; i++) {
		char *full = xasprintf("%s/%s", dir, v[i]);
		free(v[i]);
		v[i] = full;
	}
	return v;
}

void
files_list_free(char **names)
{
	for (char **p = names; p && *p; p++)
		free(*p);
	free(names);
}
