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

PKGS     = libcmark yaml-0.1 readline libutf8proc jansson libxxhash
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 -Iinclude -Ibuild $(PKG_CFLAGS) \
             -DASYNCPATH_VERSION='"$(VERSION)"' $(CPPFLAGS) $(CFLAGS)

LIB_SRC = src/util.c src/diag.c src/yamltree.c src/story.c src/guide.c \
          src/character.c src/load.c \
          src/walk.c src/render.c src/view.c src/repl.c src/check.c src/export.c \
          src/cli.c \
          src/pager.c
LIB_SRC += src/readtime.c src/session.c src/progress.c src/resume.c
LIB_SRC += src/exercise.c src/runner.c src/quiz.c src/practice.c \
           src/exercise_cli.c
LIB_OBJ = $(LIB_SRC:src/%.c=build/%.o)
HEADERS = $(wildcard include/*.h)
# reading plans, search, handouts, transcripts, reports (issue 15)
LIB_SRC += src/plan.c src/search.c src/html.c src/reading.c \
           src/report.c src/transcript.c src/readwalk.c
# the compiled guide cache (issue 16)
LIB_SRC += src/gcache.c

all: deps asyncpath build/asyncpath.1

# Checks the libraries through pkg-config; installs them when it can.
deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

# The data folder compiled in follows PREFIX/DATADIR: rewritten only when
# it changes, so a new PREFIX rebuilds main.o and nothing else.
build/datadir.h: FORCE | build
	@echo '#define ASYNCPATH_DATADIR "$(DATADIR)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

build/main.o: build/datadir.h
FORCE:

# The build id keys the guide cache (src/gcache.c): a hash of every
# source, header and this Makefile, so no image outlives the code that
# wrote it.  Rewritten only when it changes.
build/buildid.h: FORCE | build
	@echo "#define ASYNCPATH_BUILD_ID \"$$(cat Makefile include/*.h \
	    src/*.c | sha256sum | cut -c1-32)\"" > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
build/gcache.o build/fuzz/gcache.o: build/buildid.h

asyncpath: $(LIB_OBJ) build/main.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJ) build/main.o $(PKG_LIBS)

build/%.o: src/%.c $(HEADERS) | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build:
	mkdir -p build

run: all
	./asyncpath

# Unit tests (cmocka), transcripts, malformed inputs, the pty test.
TESTS = tests/unit_guide tests/unit_walk tests/unit_render tests/unit_repl \
        tests/unit_session tests/unit_gcache
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

tests/unit_%: tests/unit_%.c $(LIB_OBJ) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) \
	    $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

test: test-deps asyncpath build/asyncpath.1 $(TESTS)
	@sh tests/run.sh

valgrind: all
	@sh tests/valgrind.sh

# The manual page: docs/asyncpath.1.md through libcmark's man renderer
# (tools/mdman.c), dated by SOURCE_DATE_EPOCH or the page's last change.
MANDATE = $(shell date -u -d "@$${SOURCE_DATE_EPOCH:-$$(stat -c %Y \
          docs/asyncpath.1.md)}" +%Y-%m-%d)
build/mdman: tools/mdman.c | build
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)
build/asyncpath.1: docs/asyncpath.1.md build/mdman
	build/mdman asyncpath 1 "$(MANDATE)" "asyncpath $(VERSION)" \
	    < docs/asyncpath.1.md > $@.tmp && mv $@.tmp $@

# Content folders installed when present; docs beside the manual.
DATA_DIRS = $(wildcard paths stories exercises quizzes plans)
DOCS = README.md $(filter-out docs/asyncpath.1.md,$(wildcard docs/*.md))

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp asyncpath $(DESTDIR)$(BINDIR)/asyncpath
	cp -R $(DATA_DIRS) $(DESTDIR)$(DATADIR)/
	cp build/asyncpath.1 $(DESTDIR)$(MANDIR)/man1/asyncpath.1
	cp $(DOCS) $(DESTDIR)$(DOCDIR)/
	cp completions/asyncpath.bash $(DESTDIR)$(BASHCOMPDIR)/asyncpath
	cp completions/_asyncpath $(DESTDIR)$(ZSHCOMPDIR)/_asyncpath

# Removes what install put in place, then the folders it made, deepest
# first, each only when it is left empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/asyncpath \
	    $(DESTDIR)$(MANDIR)/man1/asyncpath.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/asyncpath $(DESTDIR)$(ZSHCOMPDIR)/_asyncpath
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	-@for d in $(BINDIR) $(MANDIR)/man1 $(MANDIR) $(BASHCOMPDIR) \
	    $(dir $(BASHCOMPDIR)) $(ZSHCOMPDIR) $(dir $(ZSHCOMPDIR)) \
	    $(dir $(DOCDIR)) $(dir $(DATADIR)) $(PREFIX); do \
	    [ -d "$(DESTDIR)$$d" ] && rmdir "$(DESTDIR)$$d" 2> /dev/null; \
	done; \
	d=$(PREFIX); while [ -n "$(DESTDIR)" ] && [ "$$d" != / ]; do \
	    [ -d "$(DESTDIR)$$d" ] && { rmdir "$(DESTDIR)$$d" 2> /dev/null || \
	    break; }; d=$$(dirname "$$d"); done; true

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
	rm -rf build asyncpath $(TESTS) tests/out bench/search_bench bench/spawn

.PHONY: all deps test-deps run test valgrind install uninstall deb clean FORCE

# libFuzzer targets (fuzz/fuzz_NAME.c, corpus fuzz/corpus/NAME) built with
# clang under ASan and UBSan.  make fuzz runs each in turn for FUZZ_TIME
# seconds at low priority, growing its corpus; make fuzz-build only builds
# (make test replays the saved corpora through tests/suite/50-fuzz.sh).
FUZZ_TARGETS = guide card render repl session cache
FUZZ_TIME = 600
FUZZ_CC = clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
           -fno-omit-frame-pointer
FUZZ_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 -Iinclude -Ibuild -Ifuzz \
              $(PKG_CFLAGS) -DASYNCPATH_VERSION='"$(VERSION)"' \
              -DFUZZ_ROOT='"$(CURDIR)"' -g -O1 $(FUZZ_SAN)
FUZZ_OBJ = $(LIB_SRC:src/%.c=build/fuzz/%.o) build/fuzz/fuzz_common.o
FUZZ_BIN = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

build/fuzz/%.o: src/%.c $(HEADERS) | build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/fuzz_common.o: fuzz/fuzz_common.c fuzz/fuzz.h $(HEADERS) | build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ) fuzz/fuzz.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
	    $(FUZZ_OBJ) $(PKG_LIBS)
.SECONDARY: $(FUZZ_OBJ)
build/fuzz:
	mkdir -p build/fuzz
build/fuzz/card.dict: fuzz/yaml.dict fuzz/markdown.dict | build/fuzz
	cat fuzz/yaml.dict fuzz/markdown.dict > $@

fuzz-build: deps $(FUZZ_BIN) build/fuzz/card.dict

# The program itself from the same objects, under ASan and UBSan
# (tests/suite/45-cache.sh runs damaged guide cache images through it).
build/fuzz/main.o: build/datadir.h
build/fuzz/asyncpath: $(LIB_SRC:src/%.c=build/fuzz/%.o) build/fuzz/main.o
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

bench/search_bench: bench/search_bench.c $(LIB_OBJ) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(PKG_LIBS)

bench/spawn: bench/spawn.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

bench: all bench/search_bench bench/spawn
	@sh bench/bench.sh
	@sh bench/render.sh
	@bench/search_bench .
	@sh bench/report.sh
.PHONY: bench

# House style: .clang-format describes it; format-check lists the files
# clang-format would change (it changes nothing).  .ci/run runs it after
# make test; `make format` rewrites the sources in place.
format-check:
	@bad=0; for f in src/*.c include/*.h; do \
	    clang-format --style=file "$$f" | cmp -s - "$$f" || \
	    { echo "format: $$f differs from .clang-format"; bad=1; }; \
	done; exit $$bad

format:
	clang-format -i --style=file src/*.c include/*.h
.PHONY: format-check format
