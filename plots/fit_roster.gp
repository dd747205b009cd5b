# @NAME@.gp: one stage's main move up, predicted against observed: its firm-years in groups by
# predicted probability, each group's observed share (with its Wilson 95% interval) over its
# mean prediction, and the diagonal where they agree; written by ladder fit-roster.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
set encoding utf8
set title "@TITLE@" font ",14"
set xlabel "@XLABEL@" offset 0, 0.6
set ylabel "@YLABEL@"
set xrange [0:@MAX@]
set yrange [0:@MAX@]
set size ratio -1
set xtics nomirror out
set ytics nomirror out
set format x "%g"
set format y "%g"
set border 3
set grid xtics ytics lc rgb "#e0e0e0"
set key outside below vertical center height 1.2
set label "@NOTE@" at graph 0.02, graph 0.97 left tc rgb "#555555" front
set label "@READ@" at graph 0.02, graph 0.93 left tc rgb "#555555" front
set terminal pngcairo size 900,900 font "@FONT@" noenhanced
set output "@NAME@.png"
plot x with lines dt 2 lw 1.5 lc rgb "#888888" title "@DIAGONAL@", \
     "@DATA@" using 2:3:4:5 with yerrorbars pt 7 ps 1.4 lw 1.5 lc rgb "#4e79a7" title "@OBSERVED@"
set terminal svg size 900,900 font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
