/* dynlib: see include/base/dynlib.h. */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

bool
dynlib_load(const char *soname, const char *package,
    const struct dynlib_sym *syms, size_t n, char *err, size_t errlen)
{
	if (n > DYNLIB_MAX) {
		snprintf(err, errlen, "%s: more than %d functions asked for",
		    soname, DYNLIB_MAX);
		return false;
	}
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, errlen,
		    "%s cannot be loaded (Debian's %s package has it: "
		    "apt-get install %s)",
		    soname, package, package);
		return false;
	}
	void *found[DYNLIB_MAX];
	for (size_t i = 0; i < n; i++) {
		found[i] = dlsym(h, syms[i].name);
		if (!found[i]) {
			snprintf(err, errlen,
			    "%s has no %s: it is older than asyncpath needs "
			    "(apt-get install %s)",
			    soname, syms[i].name, package);
			dlclose(h);
			return false;
		}
	}
	for (size_t i = 0; i < n; i++)
		*syms[i].slot = found[i];
	return true;
}
