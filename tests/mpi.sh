#!/bin/sh
# mpi.sh: `make check-mpi`.  Runs each simulating command on the bundled
# scenarios with build/ladder-mpi under mpirun with 1, 2, 3 and 4 ranks
# (--oversubscribe: more ranks than this machine's cores) and with
# build/ladder as one process, same seed, and compares every file written
# and every line printed, byte for byte (docs/scaling.md).  Then a rank that
# dies mid-run (LADDER_MPI_DIE_RANK, sim/mpi/cluster.c) must fail the job:
# exit non-zero, no output folder, a message naming the rank.  Charts are
# left out (--no-charts: gnuplot's bytes are not ladder's).
#
#   LADDER=build/ladder LADDER_MPI=build/ladder-mpi SRCDIR=. sh tests/mpi.sh
# Prints each difference and a summary; exit 0 only when there are none.
# SPDX-License-Identifier: MIT
set -u
one=${LADDER:?LADDER=path of build/ladder}
mpi=${LADDER_MPI:?LADDER_MPI=path of build/ladder-mpi}
src=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
# CI runs as root, which Open MPI refuses unless told (its FAQ)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
S=$src/scenarios
R="--reps 700 --seed 11 --no-charts --threads 2"

# Each line: a name and the arguments of one command (the output folder is added).
cases() {
    cat <<EOF2
run-tianning run $S/tianning-2025.ini $R
run-central run $S/tianning-2025-zhuanban.ini $R --no-uncertainty
run-region run $S/changzhou-2025.ini $R
run-province run $S/province/province-2025.ini --reps 300 --seed 3 --no-charts --threads 1
run-roster run $S/tianning-2025.ini --roster $S/roster/tianning-2025.csv --service 'tech_sme -> hightech = *1.3' --serve-top 5 $R
sensitivity sensitivity $S/tianning-2025.ini $R
sensitivity-region sensitivity $S/changzhou-2025.ini --reps 130 --seed 5 --no-charts --threads 1
sensitivity-province sensitivity $S/province/province-flat-2025.ini --reps 40 --seed 5 --no-charts --threads 1
compare-region compare --each-policy $S/province/cities/c05.ini --reps 200 --seed 5 --no-charts
solve solve $S/tianning-2025.ini --target 高新技术企业500家 --probability 0.8 --lever recruitment.tech_sme $R
compare compare $S/tianning-2025.ini $S/tianning-2025-zhuanban.ini $S/tianning-2025-zhaoyin.ini $R
allocate allocate $S/tianning-2025-budget.ini --budget 3000 --probability 0.35 $R
EOF2
}

# run NAME SIDE COMMAND...: the command's folder, stdout and stderr (its
# exit code appended) under $work/SIDE, written at one path for both sides
# (it appears in what they write).
run() {
    name=$1 side=$2
    shift 2
    mkdir -p "$work/$side" "$work/at"
    "$@" --out "$work/at/$name" </dev/null >"$work/$side/$name.stdout" 2>"$work/$side/$name.stderr"
    echo "exit $?" >>"$work/$side/$name.stderr"
    rm -rf "$work/$side/$name"
    mv "$work/at/$name" "$work/$side/$name" 2>/dev/null
}

fails=0
checked=0
while read -r name rest; do
    eval "run \"\$name\" one \"\$one\" $rest"
    for n in 1 2 3 4; do
        eval "run \"\$name\" mpi$n mpirun --oversubscribe -n $n \"\$mpi\" $rest"
        checked=$((checked + 1))
        if ! diff -r "$work/one/$name" "$work/mpi$n/$name" >"$work/diff" 2>&1 ||
           ! diff "$work/one/$name.stdout" "$work/mpi$n/$name.stdout" >>"$work/diff" 2>&1 ||
           ! diff "$work/one/$name.stderr" "$work/mpi$n/$name.stderr" >>"$work/diff" 2>&1; then
            echo "mpi.sh: $name with $n ranks differs from one process:"
            head -30 "$work/diff"
            fails=$((fails + 1))
        fi
    done
done <<EOF3
$(cases)
EOF3

# A rank that dies: the job fails, names it, and leaves no folder.
out=$work/died
LADDER_MPI_DIE_RANK=1 mpirun --oversubscribe -n 3 -x LADDER_MPI_DIE_RANK "$mpi" run "$S/changzhou-2025.ini" $R \
    --out "$out" </dev/null >"$work/died.stdout" 2>"$work/died.stderr"
status=$?
checked=$((checked + 1))
if [ "$status" -eq 0 ] || [ -e "$out" ] || ! grep -q "rank 1" "$work/died.stderr"; then
    echo "mpi.sh: a dead rank 1 gave exit $status, folder $( [ -e "$out" ] && echo present || echo absent ), stderr:"
    head -20 "$work/died.stderr"
    fails=$((fails + 1))
fi

if [ "$fails" -eq 0 ]; then
    echo "mpi.sh: $checked checks: every output of 1-4 ranks is one process's, byte for byte; a dead rank fails the job"
else
    echo "mpi.sh: $fails of $checked checks failed"
fi
[ "$fails" -eq 0 ]
