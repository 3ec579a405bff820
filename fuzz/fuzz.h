/*
 * fuzz.h: what the libFuzzer targets under fuzz/ share.  Each target is
 * one file, fuzz_NAME.c, built by `make fuzz` with clang and
 * -fsanitize=fuzzer,address,undefined; its corpus is fuzz/corpus/NAME.
 * A property that does not hold aborts through FUZZ_ASSERT, which
 * libFuzzer reports as a crash with the input saved.
 */
#ifndef ASYNCPATH_FUZZ_H
#define ASYNCPATH_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts with the failed property and a note when cond is false. */
#define FUZZ_ASSERT(cond, note) \
	((cond) ? (void)0 : fuzz_fail(#cond, note, __FILE__, __LINE__))
void fuzz_fail(const char *what, const char *note, const char *file,
    int line) __attribute__((noreturn));

/* A fresh folder under /dev/shm (else $TMPDIR or /tmp), removed at exit.
 * Caller frees the name. */
char *fuzz_tempdir(const char *name);
/* Writes data to path whole; aborts on failure. */
void fuzz_write(const char *path, const uint8_t *data, size_t size);

/*
 * The property kept from tests/fuzz.py: a load that fails says where.
 * There is at least one error, and each prints as "FILE:LINE:COLUMN:
 * error: ..." with FILE under dir and LINE and COLUMN at least 1.
 */
void fuzz_assert_located(const diag_list *d, const char *dir);

#endif
