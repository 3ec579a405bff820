# asyncpath: a plain Makefile.  make, make run, make test, make install.

.SUFFIXES:

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/asyncpath
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/asyncpath
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
VERSION  = 0.1.0

# Linked: every run uses them.  Opened at run time (base/dynlib): the
# room's server and client, which only `room` and `--room` use; their
# headers come from pkg-config, their sonames from build/sonames.h.
PKGS     = libcmark yaml-0.1 readline libutf8proc jansson libxxhash
DL_PKGS  = libmicrohttpd libcurl
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) $(DL_PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# The layers, lowest first (docs/ARCHITECTURE.md): src/LAYER/X.c with its
# header include/LAYER/X.h.  A file includes only from its own layer or a
# lower one (tools/modgraph.py, in make check, fails otherwise).
LAYERS   = base markup content engine session practice views app
INCLUDES = -Ibuild $(LAYERS:%=-Iinclude/%)
ALL_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 $(INCLUDES) $(PKG_CFLAGS) \
             -DASYNCPATH_VERSION='"$(VERSION)"' $(CPPFLAGS) $(CFLAGS)
DEPFLAGS = -MMD -MP

SRC     = $(foreach l,$(LAYERS),$(sort $(wildcard src/$(l)/*.c)))
LIB_SRC = $(filter-out src/app/main.c,$(SRC))
LIB_OBJ = $(LIB_SRC:src/%.c=build/obj/%.o)
MAIN_OBJ = build/obj/app/main.o

all: asyncpath build/asyncpath.1

# The only targets that install packages: deps, test-deps, and the
# README's two commands (run, test), each before anything compiles.
deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

# The data folder compiled in follows PREFIX/DATADIR: rewritten only when
# it changes, so a new PREFIX rebuilds main.o and nothing else.
build/datadir.h: FORCE
	@mkdir -p build
	@echo '#define ASYNCPATH_DATADIR "$(DATADIR)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(MAIN_OBJ) build/fuzz/app/main.o: build/datadir.h

# The sonames of the libraries opened at run time, read from the
# libraries the headers belong to (tools/soname.sh).
build/sonames.h: tools/soname.sh
	@mkdir -p build
	@sh tools/soname.sh CURL_SONAME libcurl MHD_SONAME libmicrohttpd \
	    > $@.tmp && mv $@.tmp $@

build/obj/session/roomlink.o build/obj/app/room.o: build/sonames.h
build/fuzz/session/roomlink.o build/fuzz/app/room.o: build/sonames.h
FORCE:

asyncpath: $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJ) $(MAIN_OBJ) $(PKG_LIBS)

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

run:
	@sh tools/deps.sh build
	@$(MAKE) --no-print-directory all
	./asyncpath

# Unit tests (cmocka), transcripts, malformed inputs, the pty test.
TESTS = tests/unit_guide tests/unit_walk tests/unit_render tests/unit_repl \
        tests/unit_session tests/unit_checks
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

tests/unit_%: tests/unit_%.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -MF build/$(@F).d \
	    $(shell pkg-config --cflags cmocka 2>/dev/null) \
	    $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)
-include $(TESTS:tests/%=build/%.d)

# make check: the fast tier, for every edit (unit, transcripts, content,
# hostile input, sessions).  make test: every suite, each with its wall
# time, then the total (the README's command, and CI's).
check:
	@sh tools/deps.sh test
	@$(MAKE) --no-print-directory asyncpath build/asyncpath.1 $(TESTS)
	@sh tests/run.sh fast

test:
	@sh tools/deps.sh test
	@$(MAKE) --no-print-directory asyncpath build/asyncpath.1 $(TESTS)
	@sh tests/run.sh all

valgrind: all
	@sh tests/valgrind.sh

# The manual page: docs/asyncpath.1.md through libcmark's man renderer
# (tools/mdman.c), dated by SOURCE_DATE_EPOCH or the page's last change.
MANDATE = $(shell date -u -d "@$${SOURCE_DATE_EPOCH:-$$(stat -c %Y \
          docs/asyncpath.1.md)}" +%Y-%m-%d)
build/mdman: tools/mdman.c
	@mkdir -p build
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)
build/asyncpath.1: docs/asyncpath.1.md build/mdman
	build/mdman asyncpath 1 "$(MANDATE)" "asyncpath $(VERSION)" \
	    < docs/asyncpath.1.md > $@.tmp && mv $@.tmp $@

# Content folders installed when present; docs beside the manual.  Every
# file is installed by name with its mode, so uninstall removes exactly
# those files (and then the folders install made, when left empty).
DATA_FILES = $(sort $(shell find paths stories exercises quizzes plans \
             -type f 2> /dev/null))
DATA_DIRS  = $(sort $(patsubst %/,%,$(dir $(DATA_FILES))))
DOCS = README.md $(filter-out docs/asyncpath.1.md,$(wildcard docs/*.md))
INSTALLED = $(BINDIR)/asyncpath $(MANDIR)/man1/asyncpath.1 \
            $(BASHCOMPDIR)/asyncpath $(ZSHCOMPDIR)/_asyncpath \
            $(DATA_FILES:%=$(DATADIR)/%) $(addprefix $(DOCDIR)/,$(notdir $(DOCS)))

install: all
	install -d -m 755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DATA_DIRS:%=$(DESTDIR)$(DATADIR)/%)
	install -m 755 asyncpath $(DESTDIR)$(BINDIR)/asyncpath
	install -m 644 build/asyncpath.1 $(DESTDIR)$(MANDIR)/man1/asyncpath.1
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)/
	install -m 644 completions/asyncpath.bash \
	    $(DESTDIR)$(BASHCOMPDIR)/asyncpath
	install -m 644 completions/_asyncpath $(DESTDIR)$(ZSHCOMPDIR)/_asyncpath
	@for f in $(DATA_FILES); do \
	    install -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done

# Removes the files install wrote, by name, then the folders on their
# way up, deepest first, each only when it is left empty.
uninstall:
	@for f in $(INSTALLED); do rm -f "$(DESTDIR)$$f"; done
	@for d in $(sort $(DATA_DIRS:%=$(DATADIR)/%) $(DATADIR) $(DOCDIR) \
	    $(BINDIR) $(MANDIR)/man1 $(BASHCOMPDIR) $(ZSHCOMPDIR)); do \
	    while [ "$$d" != / ] && [ "$$d" != . ] && \
	        rmdir "$(DESTDIR)$$d" 2> /dev/null; do \
	        d=$$(dirname "$$d"); done; \
	done; true

# The Debian package (debian/, debhelper), built from a copy of the tree
# in build/deb so that nothing lands beside the source folder.
DEB_ARCH = $(shell dpkg --print-architecture 2> /dev/null)
DEB = build/asyncpath_$(VERSION)_$(DEB_ARCH).deb
deb:
	rm -rf build/deb
	mkdir -p build/deb/asyncpath-$(VERSION)
	tar -c --exclude=./build --exclude=./.git --exclude=./tests/out . | \
	    tar -x -C build/deb/asyncpath-$(VERSION)
	cd build/deb/asyncpath-$(VERSION) && dpkg-buildpackage -b -us -uc
	cp build/deb/asyncpath_$(VERSION)_$(DEB_ARCH).deb $(DEB)
	@echo "deb: $(DEB)"

clean:
	rm -rf build asyncpath $(TESTS) tests/out bench/search_bench bench/spawn bench/yamlscan

.PHONY: all deps test-deps run check test valgrind install uninstall deb \
        clean FORCE

# libFuzzer targets (fuzz/fuzz_NAME.c, corpus fuzz/corpus/NAME) built with
# clang under ASan and UBSan.  make fuzz runs each in turn for FUZZ_TIME
# seconds at low priority, growing its corpus; make fuzz-build only builds
# (make test replays the saved corpora through tests/suite/50-fuzz.sh).
FUZZ_TARGETS = guide card render repl session
FUZZ_TIME = 600
FUZZ_CC = clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
           -fno-omit-frame-pointer
FUZZ_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 $(INCLUDES) -Ifuzz \
              $(PKG_CFLAGS) -DASYNCPATH_VERSION='"$(VERSION)"' \
              -DFUZZ_ROOT='"$(CURDIR)"' -g -O1 $(FUZZ_SAN)
FUZZ_LIB = $(LIB_SRC:src/%.c=build/fuzz/%.o)
FUZZ_OBJ = $(FUZZ_LIB) build/fuzz/fuzz_common.o
FUZZ_BIN = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

build/fuzz/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -fsanitize=fuzzer-no-link \
	    -c -o $@ $<
build/fuzz/fuzz_common.o: fuzz/fuzz_common.c
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -c -o $@ $<
build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -MF build/fuzz/$(@F).d \
	    -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)
-include $(FUZZ_OBJ:.o=.d) $(FUZZ_BIN:%=%.d) build/fuzz/app/main.d
.SECONDARY: $(FUZZ_OBJ)
build/fuzz/card.dict: fuzz/yaml.dict fuzz/markdown.dict
	@mkdir -p build/fuzz
	cat fuzz/yaml.dict fuzz/markdown.dict > $@

fuzz-build: $(FUZZ_BIN) build/fuzz/card.dict

# The program itself from the same objects, under ASan and UBSan.
build/fuzz/asyncpath: $(FUZZ_LIB) build/fuzz/app/main.o
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# One target at a time: FUZZ_TIME seconds each, new inputs kept in the
# target's corpus, crashes saved as build/fuzz/NAME-crash-*.
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    case $$t in guide) d=fuzz/yaml.dict ;; card) d=build/fuzz/card.dict ;; \
	    render) d=fuzz/markdown.dict ;; *) d=fuzz/$$t.dict ;; esac; \
	    echo "fuzz: $$t for $(FUZZ_TIME) s"; \
	    nice -n 19 build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) \
	        -dict=$$d -artifact_prefix=build/fuzz/$$t- -print_final_stats=1 \
	        fuzz/corpus/$$t || exit 1; \
	done
.PHONY: fuzz fuzz-build

bench/search_bench: bench/search_bench.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(PKG_LIBS)

bench/spawn: bench/spawn.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# the floor for loading a guide: libyaml's events, nothing built
bench/yamlscan: bench/yamlscan.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

bench: all bench/search_bench bench/spawn bench/yamlscan
	@sh bench/bench.sh
	@sh bench/render.sh
	@bench/search_bench .
	@sh bench/report.sh
.PHONY: bench

# House style: .clang-format describes it; format-check lists the files
# clang-format would change (it changes nothing).  .ci/run runs it after
# make test; `make format` rewrites the sources in place.
format-check:
	@bad=0; for f in src/*/*.c include/*/*.h; do \
	    clang-format --style=file "$$f" | cmp -s - "$$f" || \
	    { echo "format: $$f differs from .clang-format"; bad=1; }; \
	done; exit $$bad

format:
	clang-format -i --style=file src/*/*.c include/*/*.h
.PHONY: format-check format
