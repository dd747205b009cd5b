# @NAME@.gp: @WHAT@, written by ladder compare:
# a group of bars per target, a bar per scenario.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
set encoding utf8
set title "@TITLE@" font ",14"
set ylabel "@YLABEL@"
set xrange [0.4:@N@ + 0.6]
set yrange [@YMIN@:@YMAX@]
set xtics (@XTICS@) nomirror scale 0 @XTICS_ROTATE@
set ytics nomirror out
set format y "@YFORMAT@"
set border 3
set grid ytics lc rgb "#e0e0e0"
set style fill solid 0.85 noborder
set boxwidth @BOXWIDTH@ absolute
set key outside below vertical center samplen 2 spacing 1.2
@GUIDES@
set terminal pngcairo size 1000,650 font "@FONT@" noenhanced
set output "@NAME@.png"
plot @PLOT@
set terminal svg size 1000,650 font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
