# @NAME@.gp: one stage's firms by year in each compared scenario, median and
# P5-P95 band, written by ladder compare.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
set encoding utf8
set title "@TITLE@" font ",14"
set xlabel "@XLABEL@" offset 0, 0.6
set ylabel "@YLABEL@"
set xrange [@XMIN@ - @XPAD@:@XMAX@ + @XPAD@]
set xtics @XSTEP@ format "%.0f" nomirror out
set mxtics 1
set ytics nomirror out
set format y "%.0f"
set yrange @YRANGE@
set border 3
set grid ytics lc rgb "#e0e0e0"
set key outside below vertical center samplen 3 spacing 1.2 invert height 1.2
# The bands overlap: only the base's is filled, the others are outlines,
# so no blended colour appears that the key does not explain.
@TARGETS@
set terminal pngcairo size 1000,650 font "@FONT@" noenhanced
set output "@NAME@.png"
plot @PLOT@@TARGET_PLOT@
set terminal svg size 1000,650 font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
