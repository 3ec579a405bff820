# asyncpath: a plain Makefile.  make, make run, make test, make install.

.SUFFIXES:

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/asyncpath
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
VERSION  = 0.1.0

PKGS     = libcmark yaml-0.1 readline
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 -Iinclude -Ibuild $(PKG_CFLAGS) \
             -DASYNCPATH_VERSION='"$(VERSION)"' $(CPPFLAGS) $(CFLAGS)

LIB_SRC = src/util.c src/diag.c src/yamltree.c src/story.c src/guide.c \
          src/character.c src/load.c \
          src/walk.c src/render.c src/view.c src/repl.c src/check.c src/export.c \
          src/pager.c
LIB_OBJ = $(LIB_SRC:src/%.c=build/%.o)
HEADERS = $(wildcard include/*.h)

all: deps asyncpath

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

asyncpath: $(LIB_OBJ) build/main.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJ) build/main.o $(PKG_LIBS)

build/%.o: src/%.c $(HEADERS) | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build:
	mkdir -p build

run: all
	./asyncpath

# Unit tests (cmocka), transcripts, malformed inputs, the pty test.
TESTS = tests/unit_guide tests/unit_walk tests/unit_render tests/unit_repl
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

tests/unit_%: tests/unit_%.c $(LIB_OBJ) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) \
	    $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

test: test-deps asyncpath $(TESTS)
	@sh tests/run.sh

valgrind: all
	@sh tests/valgrind.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/paths \
	    $(DESTDIR)$(DATADIR)/stories
	cp asyncpath $(DESTDIR)$(BINDIR)/asyncpath
	cp paths/*.yaml $(DESTDIR)$(DATADIR)/paths/
	cp stories/*.md $(DESTDIR)$(DATADIR)/stories/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/asyncpath
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build asyncpath $(TESTS) tests/out

.PHONY: all deps test-deps run test valgrind install uninstall clean FORCE

# Mutation fuzzing under AddressSanitizer and UBSan: FUZZ_RUNS inputs.
FUZZ_RUNS = 1000
build/asyncpath-asan: $(LIB_SRC) src/main.c $(HEADERS) build/datadir.h
	$(CC) $(ALL_CFLAGS) -O1 -Wno-format-truncation -fsanitize=address,undefined \
	    -fno-omit-frame-pointer $(LDFLAGS) -o $@ $(LIB_SRC) src/main.c \
	    $(PKG_LIBS)

fuzz: deps build/asyncpath-asan
	@python3 tests/fuzz.py build/asyncpath-asan $(FUZZ_RUNS)
.PHONY: fuzz

bench: all
	@sh bench/bench.sh
	@sh bench/render.sh
.PHONY: bench
