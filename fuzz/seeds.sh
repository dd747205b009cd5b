#!/bin/sh
# seeds.sh: the seeds of the fuzz corpora that come from ladder's own
# files rather than from the tests' tables (those: tests/corpus.h):
#   fuzz_report:   the result folders the real commands write (small
#                  --reps), as fuzz_report.c's parts joined by NUL bytes;
#   fuzz_scenario: the bundled what-ifs and a calibrated scenario with the
#                  files they extend, as a.ini, b.ini, c.ini joined by NUL
#                  bytes (extends renamed to match).
# Run from the repository root after `make` (make fuzz-corpus does):
#   sh fuzz/seeds.sh [build/ladder]
# SPDX-License-Identifier: MIT
set -eu
LADDER=${1:-build/ladder}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ---- fuzz_report ----------------------------------------------------------

# report_seed NAME DIR SUB: DIR's files as the parts of fuzz_report.c, the
# 13th (cultivation.json) only when DIR has it (SUB: the name of DIR's
# scenario folder of a comparison, or "").
report_seed() {
    name=$1 dir=$2 sub=$3
    { for part in scenario.json summary.json compare.json solve.json sensitivity.json SUB \
                "$sub/scenario.json" "$sub/summary.json" forecast/scenario.json forecast/summary.json \
                calibrate.json backtest.json; do
        [ "$part" = scenario.json ] || printf '\0'
        if [ "$part" = SUB ]; then
            printf '%s' "$sub"
        elif [ -n "$sub" ] || [ "${part#/}" = "$part" ]; then
            [ ! -f "$dir/$part" ] || cat "$dir/$part"
        fi
    done
    [ ! -f "$dir/cultivation.json" ] || { printf '\0'; cat "$dir/cultivation.json"; }
    } > "fuzz/corpus/fuzz_report/$name"
}

run() { "$LADDER" "$@" -q --no-charts; }

T=scenarios/tianning-2025.ini Z=scenarios/tianning-2025-zhuanban.ini W=scenarios/wujin-2025.ini
H=scenarios/history/wujin.csv
run run "$Z" --reps 200 --out "$TMP/run"
run compare "$T" "$Z" --reps 200 --out "$TMP/compare"
run calibrate "$W" --history "$H" --fit 'tech_sme -> hightech,exit.hightech' --reps 100 --out "$TMP/calibrate"
run backtest "$W" --history "$H" --until 2019 --fit 'tech_sme -> hightech' --reps 100 --out "$TMP/backtest"
run run tests/data/hostile-names.ini --reps 50 --out "$TMP/hostile"

report_seed run-tianning-2025-zhuanban "$TMP/run" ""
report_seed compare-folders "$TMP/compare" tianning-2025
report_seed calibrate-forecast "$TMP/calibrate" ""
report_seed backtest-forecast "$TMP/backtest" ""
report_seed run-hostile-names "$TMP/hostile" ""
# whom to help (cultivation.json): a roster run with a service, on five of the example roster's firms
R=scenarios/roster/tianning-2025.csv
{ sed -n '1,/^id,/p' "$R"; grep '^TN' "$R" | sed -n '1p;100p;220p;240p;250p'; } > "$TMP/roster.csv"
run run scenarios/roster/tianning-2025-effects.ini --roster "$TMP/roster.csv" --service 'hightech -> gazelle = *1.3' \
    --reps 100 --out "$TMP/cultivation"
report_seed run-roster-cultivation "$TMP/cultivation" ""

# ---- fuzz_scenario --------------------------------------------------------

# scenario_seed NAME A B [C]: files A, B (and C) as a.ini, b.ini (c.ini), A's
# extends naming b.ini and B's c.ini.
scenario_seed() {
    name=$1 a=$2 b=$3 c=${4:-}
    sed 's/^extends *=.*/extends=b.ini/' "$a"
    printf '\0'
    sed 's/^extends *=.*/extends=c.ini/' "$b"
    if [ -n "$c" ]; then printf '\0'; cat "$c"; fi
}

scenario_seed extends-zhuanban "$Z" "$T" > fuzz/corpus/fuzz_scenario/extends-zhuanban
scenario_seed extends-zhaoyin scenarios/tianning-2025-zhaoyin.ini "$T" > fuzz/corpus/fuzz_scenario/extends-zhaoyin
scenario_seed extends-certain tests/data/certain-what-if.ini tests/data/certain.ini \
    > fuzz/corpus/fuzz_scenario/extends-certain
scenario_seed extends-bench6-late tests/data/bench6-late.ini tests/data/bench6.ini \
    > fuzz/corpus/fuzz_scenario/extends-bench6-late
scenario_seed extends-cost-edge tests/data/cost-edge.ini tests/data/cost-base.ini \
    > fuzz/corpus/fuzz_scenario/extends-cost-edge
# a calibrated scenario extends the one calibrated; a what-if of it, two levels
printf '[scenario]\nextends=b.ini\nname=what-if of the calibrated\n[policy X]\ntech_sme -> hightech = *1.2\n' \
    > "$TMP/what-if.ini"
scenario_seed extends-calibrated-what-if "$TMP/what-if.ini" "$TMP/calibrate/wujin-2025-calibrated.ini" "$W" \
    > fuzz/corpus/fuzz_scenario/extends-calibrated-what-if
# loops, a chain of three, an error in a parent, a child overriding keys
# and adding a stage (tests/test_scenario.c's extends tests, in small)
C=tests/data/certain.ini
printf '[scenario]\nextends=b.ini\nname=a\n\0[scenario]\nextends=a.ini\n' > fuzz/corpus/fuzz_scenario/extends-loop
printf '# c\n[scenario]\nextends=a.ini\nname=x\n' > fuzz/corpus/fuzz_scenario/extends-self
printf '[scenario]\nextends=b.ini\nname=top\n\0[scenario]\nextends=c.ini\nhorizon=2023\n\0' \
    > fuzz/corpus/fuzz_scenario/extends-chain
cat "$C" >> fuzz/corpus/fuzz_scenario/extends-chain
{ printf '[scenario]\nextends=b.ini\nname=child\n\0'; cat "$C"; printf '[inflows]\nhightech=-3\n'; } \
    > fuzz/corpus/fuzz_scenario/extends-parent-error
{ printf '[scenario]\nextends=./b.ini\nname=child\n[stages]\ngazelle=瞪羚\n[transitions]\n'
  printf 'hightech -> gazelle = 0.05\n[exits]\nstartup=0.5\n[target more]\nstage=gazelle\nat_least=1\n\0'
  cat "$C"; } > fuzz/corpus/fuzz_scenario/extends-override
