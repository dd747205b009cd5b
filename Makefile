# ladder: growth-ladder state machine and Monte Carlo simulator.
# SPDX-License-Identifier: MIT
#
#   make          build build/ladder (installs missing Debian packages first)
#   make run      build, run the bundled 天宁区 scenario, write the charts and the report
#   make check    build and run every test
#   make bench    performance figures (see docs/performance.md)
#   make mpi      also build build/ladder-mpi against Open MPI (docs/scaling.md)
#   make check-mpi  build it and check that 1-4 ranks write the bytes one process writes
#   make install  build, then install the binary, the bundled scenarios, the
#                 gnuplot templates, the man page and docs/*.md under PREFIX
#                 (/usr/local), staged under DESTDIR if set
#   make uninstall  remove exactly what make install installs

CC       ?= cc
BUILD    := build
PKG_LIBS := glib-2.0 gthread-2.0 gio-2.0 gsl json-glib-1.0
# Debian packages the build, the tests and the charts need.  The font gives
# gnuplot's charts their Chinese labels; numpy runs the reference peer;
# groff renders the man page for tests/test_install.c.
DEB_PKGS := build-essential pkg-config libglib2.0-dev libglib2.0-dev-bin \
            libgsl-dev libjson-glib-dev libcmocka-dev gnuplot-nox graphviz \
            fonts-noto-cjk fontconfig python3-numpy time groff-base
# What only the tests need: a real browser for the report's test.
CHECK_PKGS := chromium

# CFLAGS is the user's (make CFLAGS=-O0); ALL_CFLAGS adds what the build
# needs.  Recursive (=) so pkg-config runs after `deps` installed it.
# No -march=native and no -ffast-math: contracted or reassociated floating
# point would change the draws, and the same seed must give the same bytes
# on every machine.  HAVE_INLINE lets GSL inline gsl_rng_uniform (GSL's
# own advice for speed; same results).
# -flto lets the samplers and the engine inline across files (4% measured).
CFLAGS   ?= -O3 -g -flto=auto
AR        = gcc-ar
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -fno-math-errno -ffp-contract=off -DHAVE_INLINE -Iinclude -I$(BUILD) \
             $(shell pkg-config --cflags $(PKG_LIBS) 2>/dev/null) $(CFLAGS)
LDLIBS    = $(shell pkg-config --libs $(PKG_LIBS) 2>/dev/null) -lm

LIB_SRC  := $(filter-out sim/main.c,$(wildcard sim/*.c))
# build/ladder-mpi: sim/mpi/cluster.c in place of sim/cluster.c (cluster.h),
# with Open MPI, which only `make mpi` and `make check-mpi` install.
MPI_PKGS := libopenmpi-dev openmpi-bin
MPICC    ?= mpicc
LIB_OBJ  := $(patsubst sim/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/resources.o
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
SCENARIO ?= scenarios/tianning-2025.ini

.PHONY: all deps deps-check run check bench install uninstall clean mpi mpi-deps check-mpi

all: deps $(BUILD)/ladder

# Installs what is missing of $(PKGS), as root or through sudo; otherwise
# prints the exact command and stops.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "ladder: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "ladder: run this first: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends$$missing >/dev/null || exit 1; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PKGS))

deps-check:
	$(call install_missing,$(CHECK_PKGS))

$(BUILD)/obj/%.o: sim/%.c $(wildcard include/*.h) | deps $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The gnuplot templates in plots/ are compiled into the binary as a GResource,
# so an installed ladder needs no data path to find them.
$(BUILD)/resources.c: plots/plots.gresource.xml $(wildcard plots/*.gp) | deps $(BUILD)/obj
	glib-compile-resources --sourcedir=plots --generate-source --target=$@ $<

$(BUILD)/obj/resources.o: $(BUILD)/resources.c
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c $< -o $@

$(BUILD)/libladder.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/ladder: $(BUILD)/obj/main.o $(BUILD)/libladder.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/testutil.h $(BUILD)/libladder.a | deps $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/libladder.a $(LDLIBS) -lcmocka

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

run: all
	$(BUILD)/ladder run $(SCENARIO)
	$(BUILD)/ladder report out/$(basename $(notdir $(SCENARIO)))

check: all deps-check $(TESTS)
	@sh tests/names.sh
	@sh tests/layers.sh
	@LADDER=$(abspath $(BUILD)/ladder) SRCDIR=$(CURDIR) sh tests/run-all.sh $(TESTS)

mpi-deps:
	$(call install_missing,$(MPI_PKGS))

mpi: all mpi-deps $(BUILD)/ladder-mpi

$(BUILD)/obj-mpi:
	mkdir -p $@

$(BUILD)/obj-mpi/cluster.o: sim/mpi/cluster.c include/cluster.h | mpi-deps $(BUILD)/obj-mpi
	$(MPICC) $(ALL_CFLAGS) -c $< -o $@

# The rank's cluster.o first: the archive's one-process cluster.o is then
# never pulled in (every cluster_ name is already defined).
$(BUILD)/ladder-mpi: $(BUILD)/obj/main.o $(BUILD)/obj-mpi/cluster.o $(BUILD)/libladder.a | mpi-deps
	$(MPICC) $(ALL_CFLAGS) -o $@ $(BUILD)/obj/main.o $(BUILD)/obj-mpi/cluster.o $(BUILD)/libladder.a $(LDLIBS)

check-mpi: mpi
	@LADDER=$(abspath $(BUILD)/ladder) LADDER_MPI=$(abspath $(BUILD)/ladder-mpi) SRCDIR=$(CURDIR) sh tests/mpi.sh

bench: all mpi $(BUILD)/tests/bench_firms
	@LADDER_MPI=$(BUILD)/ladder-mpi sh tests/bench.sh

# Where `make install` puts things (GNU's DESTDIR convention: DESTDIR stages
# a package and is not part of the installed paths).  The man page is
# written with /usr/local/ paths and gets the real PREFIX here.
PREFIX   ?= /usr/local
INSTALL  ?= install
BINDIR    = $(DESTDIR)$(PREFIX)/bin
DATADIR   = $(DESTDIR)$(PREFIX)/share/ladder
MAN1DIR   = $(DESTDIR)$(PREFIX)/share/man/man1
DOCDIR    = $(DESTDIR)$(PREFIX)/share/doc/ladder
SCENARIOS := $(wildcard scenarios/*.ini)
HISTORIES := $(wildcard scenarios/history/*.csv)
PLOTS     := $(wildcard plots/*.gp)
DOCS      := $(wildcard docs/*.md)

# history/ stays beside the scenarios: their comments name history/X.csv,
# and extends= paths are relative to each file's folder.
install: all
	$(INSTALL) -d $(BINDIR) $(DATADIR)/scenarios/history $(DATADIR)/plots $(MAN1DIR) $(DOCDIR)
	$(INSTALL) -m 755 $(BUILD)/ladder $(BINDIR)/ladder
	$(INSTALL) -m 644 $(SCENARIOS) $(DATADIR)/scenarios
	$(INSTALL) -m 644 $(HISTORIES) $(DATADIR)/scenarios/history
	$(INSTALL) -m 644 $(PLOTS) $(DATADIR)/plots
	sed 's|/usr/local/|$(PREFIX)/|g' docs/ladder.1 >$(MAN1DIR)/ladder.1
	chmod 644 $(MAN1DIR)/ladder.1
	$(INSTALL) -m 644 $(DOCS) $(DOCDIR)

# The folders of ladder's own are removed when empty; bin/ and man1/ stay.
uninstall:
	rm -f $(BINDIR)/ladder $(MAN1DIR)/ladder.1
	rm -f $(addprefix $(DATADIR)/,$(SCENARIOS) $(HISTORIES) $(PLOTS))
	rm -f $(addprefix $(DOCDIR)/,$(notdir $(DOCS)))
	rmdir $(DATADIR)/scenarios/history $(DATADIR)/scenarios $(DATADIR)/plots $(DATADIR) $(DOCDIR) 2>/dev/null || true

clean:
	rm -rf $(BUILD)

# make check-valgrind: every command (run, compare, sensitivity, solve, calibrate, backtest, allocate,
# report, a bad scenario) under valgrind memcheck with small replications and two threads;
# fails on any memory error or definite/indirect leak (tests/valgrind.sh, tests/valgrind.supp).
.PHONY: check-valgrind

check-valgrind: all
	$(call install_missing,valgrind)
	@LADDER=$(BUILD)/ladder sh tests/valgrind.sh

# ---- fuzz: libFuzzer targets for the file readers (issue 6) -------------
#   make fuzz SECONDS=N   build each fuzz/fuzz_X.c with clang, libFuzzer,
#                         ASan and UBSan and run it N seconds (60) on
#                         fuzz/corpus/fuzz_X/, with fuzz/X.dict when there is one
# The sim/ sources are compiled again with the same sanitizers in
# build-fuzz/.  What a run finds goes to build-fuzz/corpus-fuzz_X/ (new
# inputs) and build-fuzz/artifacts-fuzz_X/ (crashes, hangs, leaks); the
# committed corpora are only read.  -timeout=5 makes a hang a finding.
FUZZ_BUILD   := build-fuzz
FUZZ_CC      := clang
SECONDS      ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -D_GNU_SOURCE -Wall -Wextra -g -O1 -fno-math-errno -ffp-contract=off $(FUZZ_SAN) -Iinclude \
                -I$(FUZZ_BUILD) $(shell pkg-config --cflags $(PKG_LIBS) 2>/dev/null)
FUZZ_OBJ     := $(patsubst sim/%.c,$(FUZZ_BUILD)/obj/%.o,$(LIB_SRC)) $(FUZZ_BUILD)/obj/resources.o
FUZZ_TARGETS := $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))

.PHONY: fuzz fuzz-build fuzz-deps

fuzz-deps: deps
	$(call install_missing,clang)

fuzz-build: fuzz-deps $(addprefix $(FUZZ_BUILD)/,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  d=fuzz/$${t#fuzz_}.dict; \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$t $(FUZZ_BUILD)/artifacts-$$t; \
	  echo "ladder: fuzzing $$t for $(SECONDS) s"; \
	  $(FUZZ_BUILD)/$$t -max_total_time=$(SECONDS) -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
	    $$([ -f $$d ] && echo -dict=$$d) -artifact_prefix=$(FUZZ_BUILD)/artifacts-$$t/ \
	    $(FUZZ_BUILD)/corpus-$$t fuzz/corpus/$$t || exit 1; \
	done

$(FUZZ_BUILD)/obj/%.o: sim/%.c $(wildcard include/*.h) | fuzz-deps $(FUZZ_BUILD)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BUILD)/resources.c: plots/plots.gresource.xml $(wildcard plots/*.gp) | fuzz-deps $(FUZZ_BUILD)/obj
	glib-compile-resources --sourcedir=plots --generate-source --target=$@ $<

$(FUZZ_BUILD)/obj/resources.o: $(FUZZ_BUILD)/resources.c
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-overlength-strings -c $< -o $@

$(FUZZ_BUILD)/libladder.a: $(FUZZ_OBJ)
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzzutil.h $(FUZZ_BUILD)/libladder.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_BUILD)/libladder.a $(LDLIBS)

$(FUZZ_BUILD)/obj:
	mkdir -p $@

# ---- make check-sanitize: every test under ASan and UBSan (issue 6) --------
# Builds the library, the binary and every test with AddressSanitizer (leaks
# included) and UndefinedBehaviorSanitizer into build-san/, through the rules
# above with BUILD and CFLAGS overridden, so no object is shared with build/
# (-O1 and no -flto: ASan's reports need the frames and lines).  Then runs
# the suite against build-san/ladder.  Each sanitized process writes its
# ASan and leak reports to build-san/log/ rather than stderr, so that a
# report from a ladder a test runs (whose stderr the test keeps) is seen
# too: any file there fails the run.  UBSan writes to stderr whatever
# log_path says, so it aborts instead: a ladder killed by SIGABRT matches
# no exit status a test expects.  tests/lsan.supp names the libraries' own
# one-off allocations, never ladder's.  build/ladder is built as well:
# test_install runs `make install`, which installs build/ladder.
SAN_BUILD  := build-san
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN_TESTS  := $(patsubst tests/%.c,$(SAN_BUILD)/tests/%,$(wildcard tests/test_*.c))
SAN_LOG     = $(abspath $(SAN_BUILD))/log
SAN_ENV     = ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:fast_unwind_on_malloc=0:log_path=$(SAN_LOG)/asan \
              LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
              UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1

.PHONY: check-sanitize
check-sanitize: all deps-check
	$(MAKE) BUILD=$(SAN_BUILD) CFLAGS='$(SAN_CFLAGS)' $(SAN_BUILD)/ladder $(SAN_TESTS)
	@rm -rf $(SAN_LOG) && mkdir -p $(SAN_LOG)
	@$(SAN_ENV) LADDER=$(abspath $(SAN_BUILD)/ladder) SRCDIR=$(CURDIR) sh tests/run-all.sh $(SAN_TESTS); rc=$$?; \
	  if [ -n "$$(ls $(SAN_LOG))" ]; then cat $(SAN_LOG)/*; echo "sanitizer reports: $(SAN_LOG)"; rc=1; fi; \
	  exit $$rc

# ---- make fuzz-corpus: the fuzz seeds made from the tests and the commands ----
# Writes each row of tests/test_scenario.c's and tests/test_lists.c's error
# tables and of tests/test_history.c's, tests/test_roster.c's and
# tests/test_outcomes.c's tables as fuzz/corpus/fuzz_scenario/<id>.ini,
# fuzz_history/<id>.csv, fuzz_roster/<id>.csv and fuzz_outcomes/<id>.csv
# (make check fails while one is missing or differs:
# tests/corpus.h), then the seeds of fuzz/seeds.sh: result folders of the
# real commands for fuzz_report, extends chains for fuzz_scenario.
.PHONY: fuzz-corpus

CORPUS_TESTS := $(addprefix $(BUILD)/tests/,test_scenario test_lists test_history test_roster test_outcomes)
$(CORPUS_TESTS): tests/corpus.h

fuzz-corpus: all $(CORPUS_TESTS)
	LADDER_WRITE_CORPUS=fuzz/corpus/fuzz_scenario $(BUILD)/tests/test_scenario
	LADDER_WRITE_CORPUS=fuzz/corpus/fuzz_scenario $(BUILD)/tests/test_lists
	LADDER_WRITE_CORPUS=fuzz/corpus/fuzz_history $(BUILD)/tests/test_history
	LADDER_WRITE_CORPUS=fuzz/corpus/fuzz_roster $(BUILD)/tests/test_roster
	mkdir -p fuzz/corpus/fuzz_outcomes
	LADDER_WRITE_CORPUS=fuzz/corpus/fuzz_outcomes $(BUILD)/tests/test_outcomes
	sh fuzz/seeds.sh $(BUILD)/ladder

# ---- make results-doc: docs/results.md afresh from sim/results.c's tables ----
# Every result file's keys, types, units and meanings are written once, in
# sim/results.c; tests/test_results.c fails while the committed page is not
# what the tables print.
.PHONY: results-doc
results-doc: $(BUILD)/tests/test_results
	LADDER_WRITE_DOCS=docs/results.md $(BUILD)/tests/test_results
