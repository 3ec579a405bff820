/*
 * dynlib: a shared library opened when first needed, for the parts only
 * some runs use (the room's HTTP server, libmicrohttpd, and its client,
 * libcurl).  Linked, they would be loaded, with the 30 libraries they
 * pull in, into every walk: about 7 MB of memory and some milliseconds
 * of start-up each time.  dynlib_load opens the library by its soname
 * and resolves every symbol of a table, or fails whole: then no slot is
 * filled and err names the library, what is missing and the Debian
 * package to install.  A library loaded stays loaded.  No terminal I/O.
 */
#ifndef ASYNCPATH_DYNLIB_H
#define ASYNCPATH_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One function to resolve: its name, and where its address goes. */
struct dynlib_sym {
	const char *name;
	void **slot;
};

/*
 * Opens soname (e.g. "libcurl.so.4") and fills the n slots of syms
 * (at most DYNLIB_MAX).  package is the Debian package that ships it,
 * for the message.  Returns true when every symbol was found; false with
 * a one-line reason in err (errlen bytes).  Calling it again opens the
 * library again (dlopen counts); callers keep their own "loaded" mark.
 */
#define DYNLIB_MAX 32
bool dynlib_load(const char *soname, const char *package,
    const struct dynlib_sym *syms, size_t n, char *err, size_t errlen);

#endif
