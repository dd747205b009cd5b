#!/bin/sh
# valgrind.sh: `make check-valgrind`: every command of ladder (run, compare, sensitivity, solve,
# calibrate, backtest, fit-roster, allocate, report, and a bad scenario) under valgrind memcheck, small replications and
# two threads.  One line per command, OK or FAIL; fails unless every run has zero errors and zero
# definite or indirect leaks.
# SPDX-License-Identifier: MIT
#
# Run from the repository root after the build.  Environment:
#   LADDER      the binary to check (default build/ladder)
#   VALGRIND    the valgrind to run it under (default valgrind)

LADDER=${LADDER:-build/ladder}
VALGRIND=${VALGRIND:-valgrind}
SUPP=tests/valgrind.supp
REPS=200             # enough for every code path, few enough for memcheck's 20-50x slowdown
THREADS=2            # two threads exercise the runner's merging of their results
SCENARIO=scenarios/tianning-2025.ini
COMPARE_FILES="scenarios/tianning-2025.ini scenarios/tianning-2025-zhuanban.ini scenarios/tianning-2025-zhaoyin.ini"
TARGET=高新技术企业500家
CAL_SCENARIO=scenarios/wujin-2025.ini
CAL_HISTORY=scenarios/history/wujin.csv
CAL_FIT="tech_sme -> hightech,hightech -> gazelle"

# GLib's slice allocator and its caches hide frees from memcheck; these hand every block to malloc
# and clear pointers on free (GLib's "Running GLib applications" page).
G_SLICE=always-malloc
G_DEBUG=gc-friendly
export G_SLICE G_DEBUG

if [ ! -x "$LADDER" ]; then
    echo "valgrind.sh: $LADDER not found or not executable: run 'make' first" >&2
    exit 1
fi
if ! command -v "$VALGRIND" >/dev/null; then
    echo "valgrind.sh: $VALGRIND not found (Debian: sudo apt-get install valgrind)" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ladder-valgrind.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
failed=""   # the names of the commands that failed
n=0         # commands checked so far, to number their logs

# check WHAT STATUS ARGS...: runs ladder ARGS under memcheck, expecting exit STATUS from ladder;
# prints "OK   WHAT" or "FAIL WHAT" and, on failure, ladder's output and memcheck's log.  Gnuplot and
# Graphviz are children, not ladder: they are not traced.  memcheck's exit status 1 looks like
# ladder's own "could not write", so the verdict is read from the log's ERROR SUMMARY as well.
check() {
    ck_what=$1; ck_want=$2; shift 2
    n=$((n + 1))
    ck_log="$tmp/$n.log"
    ck_s=$(date +%s)
    "$VALGRIND" --tool=memcheck --error-exitcode=1 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        --track-origins=yes --trace-children=no --suppressions="$SUPP" --log-file="$ck_log" \
        "$LADDER" "$@" >"$tmp/$n.out" 2>&1
    ck_rc=$?
    ck_t=$(($(date +%s) - ck_s))
    ck_errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) error.*/\1/p' "$ck_log" | tr -d ,)
    if [ "$ck_rc" -eq "$ck_want" ] && [ "$ck_errors" = 0 ]; then
        printf 'OK   %4d s  %s\n' "$ck_t" "$ck_what"
    else
        printf 'FAIL %4d s  %s (exit %d, expected %d; memcheck errors: %s)\n' "$ck_t" "$ck_what" \
            "$ck_rc" "$ck_want" "${ck_errors:-none reported}"
        echo "  ladder $*"
        sed 's/^/  | /' "$tmp/$n.out" "$ck_log"
        failed="$failed
  ladder $*"
    fi
}

# The typo a user makes: a misspelt key in a copy of the bundled scenario (exit 2, bad input).
sed 's/^replications[[:space:]]*=/replicatoins =/' "$SCENARIO" >"$tmp/typo.ini"
if cmp -s "$SCENARIO" "$tmp/typo.ini"; then
    echo "valgrind.sh: $SCENARIO has no 'replications =' line to misspell" >&2
    exit 1
fi

RUN="--reps $REPS --threads $THREADS --quiet"
start=$(date +%s)
# shellcheck disable=SC2086 # $RUN and $COMPARE_FILES split into their words
{
    check "run $(basename "$SCENARIO")" 0 run "$SCENARIO" $RUN --no-charts --out "$tmp/run"
    check "compare, 3 Tianning scenarios" 0 compare $COMPARE_FILES $RUN --no-charts --out "$tmp/compare"
    check "sensitivity --target $TARGET" 0 sensitivity "$SCENARIO" --target "$TARGET" $RUN --no-charts \
        --out "$tmp/sensitivity"
    check "solve --lever recruitment.tech_sme --probability 0.8" 0 solve "$SCENARIO" \
        --lever recruitment.tech_sme --probability 0.8 --target "$TARGET" $RUN --no-charts --out "$tmp/solve"
    check "calibrate $(basename "$CAL_SCENARIO")" 0 calibrate "$CAL_SCENARIO" --history "$CAL_HISTORY" \
        --fit "$CAL_FIT" $RUN --no-charts --out "$tmp/calibrate"
    check "backtest $(basename "$CAL_SCENARIO") --until 2017" 0 backtest "$CAL_SCENARIO" \
        --history "$CAL_HISTORY" --fit "$CAL_FIT" --until 2017 $RUN --no-charts --out "$tmp/backtest"
    check "fit-roster on the bundled firm-years" 0 fit-roster "$SCENARIO" \
        --outcomes scenarios/roster/tianning-2025-outcomes.csv --quiet --no-charts --out "$tmp/fit"
    check "run of the fitted scenario with the roster" 0 run "$tmp/fit/$(basename "$SCENARIO" .ini)-fitted.ini" \
        --roster scenarios/roster/tianning-2025.csv $RUN --no-charts --out "$tmp/fitted"
    # Two of the budget file's policies: (1 + 3 levels) x (1 + 1) = 8 combinations, exhaustive.
    check "allocate --budget 3000, two policies" 0 allocate scenarios/tianning-2025-budget.ini --budget 3000 \
        --only 高企培育专班 --only 瞪羚加速计划 --probability 0.3 $RUN --no-charts --out "$tmp/allocate"
    check "compare --each-policy" 0 compare scenarios/tianning-2025-zhuanban.ini --each-policy $RUN --no-charts \
        --out "$tmp/each"
    # With charts, so that the report has images to embed (gnuplot runs, untraced).
    check "run $(basename "$SCENARIO") with charts" 0 run "$SCENARIO" $RUN --out "$tmp/charts"
    # The calibrated scenario extends the bundled one: the extends= path of the loader.
    check "run of the calibrated scenario" 0 run "$tmp/calibrate/$(basename "$CAL_SCENARIO" .ini)-calibrated.ini" \
        $RUN --no-charts --out "$tmp/calibrated"
    for dir in charts compare sensitivity solve calibrate backtest allocate each; do
        check "report of the $dir folder" 0 report "$tmp/$dir" --quiet
    done
    check "report of several folders on one page" 0 report "$tmp/charts" "$tmp/solve" "$tmp/allocate" \
        -o "$tmp/meeting.html" --quiet
    check "run of a scenario with a typo (exit 2)" 2 run "$tmp/typo.ini" $RUN --no-charts --out "$tmp/typo"
    # A region (docs/regions.md): its parts, [common] draws, the parts' tallies and charts, and its
    # sensitivity, whose variants share the parts they leave alone.
    check "run of the 常州 region with charts" 0 run scenarios/changzhou-2025.ini $RUN --out "$tmp/region"
    check "report of the region folder" 0 report "$tmp/region" --quiet
    check "sensitivity of the 常州 region" 0 sensitivity scenarios/changzhou-2025.ini $RUN --no-charts \
        --out "$tmp/region-sensitivity"
}
echo "$n commands under memcheck in $(($(date +%s) - start)) s"

if [ -n "$failed" ]; then
    echo "memcheck found errors or leaks in:$failed"
    exit 1
fi
exit 0
