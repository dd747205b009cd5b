# @NAME@.gp: distribution of one target's count in its year, written by ladder.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
set encoding utf8
set title "@TITLE@" font ",14"
set xlabel "@XLABEL@"
set ylabel "@YLABEL@"
set xrange [@XMIN@:@XMAX@]
set yrange [0:*]
set xtics nomirror out
set ytics nomirror out
set format x "%.0f"
set border 3
set grid ytics lc rgb "#e0e0e0"
set style fill solid 0.85 noborder
set boxwidth @BOXWIDTH@ absolute
set key outside below horizontal center
set arrow from first @LINE_X@, graph 0 to first @LINE_X@, graph 1 nohead dt 2 lw 2 lc rgb "#d62728" front
set label "@LINE_LABEL@" at first @LINE_X@, graph 0.97 @LABEL_SIDE@ tc rgb "#d62728" front
set terminal pngcairo size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.png"
plot "@DATA@" using 1:($3 > 0 ? 1/0 : $2) with boxes lc rgb "#b0b0b0" title "@NOT_MET@", \
     "" using 1:($3 > 0 ? $2 : 1/0) with boxes lc rgb "#2ca02c" title "@MET@"
set terminal svg size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
