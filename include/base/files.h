/*
 * files: the one way asyncpath writes a file, makes folders, finds its
 * XDG folders and lists a folder.  A write is atomic: the data goes to a
 * new file of a random name beside the target (opened O_CREAT|O_EXCL|
 * O_NOFOLLOW, so a planted file or symlink is never written through),
 * is fsync'ed, renamed over the target, and the folder is fsync'ed; on
 * any failure the target is as it was and the temporary file is gone.
 * Functions return 0 or an errno; no terminal I/O.
 */
#ifndef ASYNCPATH_FILES_H
#define ASYNCPATH_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Length of the random part of a temporary file's name. */
#define FILES_TMP_RANDOM 12

/*
 * Writes len bytes of data to file atomically, with mode (less the
 * umask) when file is created.  The temporary file is
 * DIR/.BASE.XXXXXXXXXXXX (FILES_TMP_RANDOM random letters and digits).
 * The folder must exist (files_make_dirs).
 */
int files_write_atomic(const char *file, const void *data, size_t len,
    mode_t mode);
/* True when name (a folder entry) is a temporary file of a write to a
 * file whose name without its folder is base. */
bool files_is_temp_of(const char *name, const char *base);

/* mkdir -p dir: each missing folder made with mode; 0 when dir ends up a
 * folder (made now or before). */
int files_make_dirs(const char *dir, mode_t mode);
/* The folder of file ("." when it has none).  Caller frees. */
char *files_dir_of(const char *file);

/*
 * asyncpath's folder of one XDG kind: $VAR/asyncpath when VAR (for
 * example "XDG_STATE_HOME") is an absolute path, else
 * $HOME/FALLBACK/asyncpath (FALLBACK for example ".local/state"); NULL
 * when neither is set.  Caller frees.
 */
char *files_xdg_dir(const char *var, const char *fallback);

/*
 * The names in folder dir that do not start with '.' and end in suffix
 * ("" for any), sorted by strcmp, in a NULL-terminated array (*n of
 * them); NULL with errno set when dir cannot be read.  Caller frees with
 * files_list_free.
 */
char **files_list(const char *dir, const char *suffix, size_t *n);
/* As files_list, each name as DIR/NAME. */
char **files_list_paths(const char *dir, const char *suffix, size_t *n);
void files_list_free(char **names);

/* strcmp for qsort over an array of char *. */
int files_cmp_names(const void *a, const void *b);

#endif
