# ladder: growth-ladder state machine and Monte Carlo simulator.
# SPDX-License-Identifier: MIT
#
#   make          build build/ladder (installs missing Debian packages first)
#   make run      build, run the bundled 天宁区 scenario, write the charts and the report
#   make check    build and run every test
#   make bench    performance figures (see docs/performance.md)

CC       ?= cc
BUILD    := build
PKG_LIBS := glib-2.0 gthread-2.0 gio-2.0 gsl json-glib-1.0
# Debian packages the build, the tests and the charts need.  The font gives
# gnuplot's charts their Chinese labels; numpy runs the reference peer.
DEB_PKGS := build-essential pkg-config libglib2.0-dev libglib2.0-dev-bin \
            libgsl-dev libjson-glib-dev libcmocka-dev gnuplot-nox graphviz \
            fonts-noto-cjk fontconfig python3-numpy time
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
LIB_OBJ  := $(patsubst sim/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/resources.o
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
SCENARIO ?= scenarios/tianning-2025.ini

.PHONY: all deps deps-check run check bench clean

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
	@LADDER=$(abspath $(BUILD)/ladder) SRCDIR=$(CURDIR) sh tests/run-all.sh $(TESTS)

bench: all
	@sh tests/bench.sh

clean:
	rm -rf $(BUILD)
