#!/bin/sh
# same_outputs.sh: runs every command on the bundled scenarios with a fixed
# seed under two ladder binaries and compares the result folders byte for
# byte (report.html included), so that a change meant to move no figure
# (a refactoring) can show it moved none.  Charts are left out
# (--no-charts: gnuplot's own bytes are not ladder's); everything else, the
# table printed on stdout included, is compared.
#
#   sh tests/same_outputs.sh OLD_LADDER NEW_LADDER
#
# e.g. after `git worktree add /tmp/before HEAD~1 && make -C /tmp/before`:
#   sh tests/same_outputs.sh /tmp/before/build/ladder build/ladder
# Prints each difference and "same outputs" or "N differences"; exit 0 only
# when there are none.  With SAME_OUTPUTS_IGNORE=REGEX, changed lines that
# all match REGEX (diff -I, a basic regular expression: alternatives are
# joined by \|) are not differences: a change made on purpose, e.g.
# SAME_OUTPUTS_IGNORE='"schema_version"\|"verdict' against a ladder from
# before result files carried their schema's version and verdicts.
# SPDX-License-Identifier: MIT
set -u
old=${1:?usage: same_outputs.sh OLD_LADDER NEW_LADDER}
new=${2:?usage: same_outputs.sh OLD_LADDER NEW_LADDER}
for bin in "$old" "$new"; do
    [ -x "$bin" ] || { echo "same_outputs.sh: no ladder binary at $bin" >&2; exit 2; }
done
ignore=${SAME_OUTPUTS_IGNORE:-}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
S=$src/scenarios
R="--reps 500 --seed 11 --no-charts --threads 2 --report"

# Each line: a name and the arguments of one command (the output folder is added).
cases() {
    cat <<EOF
run-tianning run $S/tianning-2025.ini $R
run-wujin run $S/wujin-2025.ini $R
run-binhu run $S/binhu-2025.ini $R
run-taizhou run $S/taizhou-2025.ini $R
run-central run $S/tianning-2025-zhuanban.ini $R --no-uncertainty
sensitivity sensitivity $S/tianning-2025.ini $R
sensitivity-central sensitivity $S/tianning-2025.ini $R --central --baselines
solve solve $S/tianning-2025.ini --target 高新技术企业500家 --probability 0.8 --lever recruitment.tech_sme $R
solve-set solve $S/tianning-2025.ini --target 高新技术企业500家 --probability 0.8 --lever 'tech_sme -> hightech' --mode set $R
compare compare $S/tianning-2025.ini $S/tianning-2025-zhuanban.ini $S/tianning-2025-zhaoyin.ini $R
calibrate calibrate $S/wujin-2025.ini --history $S/history/wujin.csv --fit 'tech_sme -> hightech,hightech -> gazelle' $R
backtest backtest $S/wujin-2025.ini --history $S/history/wujin.csv --until 2017 $R
allocate allocate $S/tianning-2025-budget.ini --budget 3000 --probability 0.35 $R
EOF
}

differences=0
cases | while read -r name rest; do
    for side in old new; do
        bin=$old; [ "$side" = new ] && bin=$new
        mkdir -p "$work/$side" "$work/at"
        # both write to the same path (it appears in what they write), then move aside;
        # eval: the case lines quote arguments with spaces as a shell would
        eval "\"\$bin\" $rest --out \"\$work/at/$name\"" >"$work/$side/$name.stdout" 2>"$work/$side/$name.stderr"
        echo "exit $?" >>"$work/$side/$name.stderr"
        mv "$work/at/$name" "$work/$side/$name" 2>/dev/null
    done
    if ! diff -r ${ignore:+-I "$ignore"} "$work/old/$name" "$work/new/$name" >"$work/diff" 2>&1 ||
       ! diff ${ignore:+-I "$ignore"} "$work/old/$name.stdout" "$work/new/$name.stdout" >>"$work/diff" 2>&1 ||
       ! diff ${ignore:+-I "$ignore"} "$work/old/$name.stderr" "$work/new/$name.stderr" >>"$work/diff" 2>&1; then
        echo "== $name differs:"
        head -40 "$work/diff"
        echo x >>"$work/count"
    fi
done
n=$(cat "$work/count" 2>/dev/null | wc -l)
if [ "$n" -eq 0 ]; then echo "same outputs"; else echo "$n differences"; fi
[ "$n" -eq 0 ]
