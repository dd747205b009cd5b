# @NAME@.gp: published counts of one stage over the fitted expectation and the calibrated
# forecast, written by ladder calibrate and ladder backtest.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
set encoding utf8
set title "@TITLE@" font ",14"
set xlabel "@XLABEL@" offset 0, 0.6
set ylabel "@YLABEL@"
set xrange [@XMIN@ - 0.3:@XMAX@ + 0.3]
set xtics @XSTEP@ format "%.0f" nomirror out
set mxtics 1
set ytics nomirror out
set format y "%.0f"
set yrange @YRANGE@
set border 3
set grid ytics lc rgb "#e0e0e0"
set key outside below horizontal center samplen 3 spacing 1.2 height 1.2 width 3
@COUNTS@
set terminal pngcairo size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.png"
plot "@DATA@" using 1:2:6 with filledcurves fc rgb "#c6dbef" fillstyle solid 1.0 noborder title "@P5P95@", \
     "" using 1:3:5 with filledcurves fc rgb "#7fb2dc" fillstyle solid 1.0 noborder title "@P25P75@", \
     "" using 1:4 with lines lw 2 lc rgb "#08306b" title "@MEDIAN@", \
     "" using 1:7 with lines dt 2 lw 2 lc rgb "#e6550d" title "@FITTED@"@COUNTS_PLOT@
set terminal svg size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
