# composition.gp: firms in each stage by year (mean over replications),
# stacked, written by ladder.
# SPDX-License-Identifier: MIT
# Redraw composition.png and composition.svg with `gnuplot composition.gp` in this folder.
set encoding utf8
set title "@TITLE@" font ",14"
set xlabel "@XLABEL@"
set ylabel "@YLABEL@"
set style data histograms
set style histogram rowstacked
set style fill solid 0.9 border rgb "#ffffff"
set boxwidth 0.75
set xtics nomirror scale 0
set ytics nomirror out
set format y "%.0f"
set yrange [0:*]
set border 3
set grid ytics lc rgb "#e0e0e0"
set key outside right top vertical invert samplen 2 spacing 1.2
@LINETYPES@
set terminal pngcairo size 1000,600 font "@FONT@" noenhanced
set output "composition.png"
plot @PLOT@
set terminal svg size 1000,600 font "@FONT@" noenhanced
set output "composition.svg"
replot
unset output
