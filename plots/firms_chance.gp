# @NAME@.gp: the roster's firms by their chance of counting toward each
# target: a histogram panel per target, bins of 10 percentage points,
# written by ladder.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
# @DATA@ holds a block per target (index 0, 1, ...): bin centre in percent, firms.
set encoding utf8
array panel[@N@]
@PANELS@
set style fill solid 0.85 noborder
set boxwidth 9
set xrange [0:100]
set xtics 0, 10, 100 nomirror out
set ytics nomirror out
set format y "%.0f"
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set border 3
set grid ytics lc rgb "#e0e0e0"
set xlabel "@XLABEL@"
set ylabel "@YLABEL@"
set key off
set terminal pngcairo size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.png"
set multiplot layout @ROWS@,@COLS@ title "@TITLE@\n@NOTE@" font ",14"
do for [i = 1:@N@] {
    set title panel[i]
    plot "@DATA@" index (i - 1) using 1:2 with boxes lc rgb "#4e79a7", \
         "" index (i - 1) using 1:($2 > 0 ? $2 : 1/0):(sprintf("%d", $2)) with labels offset 0, 0.8
}
unset multiplot
set terminal svg size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.svg"
set multiplot layout @ROWS@,@COLS@ title "@TITLE@\n@NOTE@" font ",14"
do for [i = 1:@N@] {
    set title panel[i]
    plot "@DATA@" index (i - 1) using 1:2 with boxes lc rgb "#4e79a7", \
         "" index (i - 1) using 1:($2 > 0 ? $2 : 1/0):(sprintf("%d", $2)) with labels offset 0, 0.8
}
unset multiplot
unset output
