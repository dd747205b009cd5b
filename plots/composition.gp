# composition.gp: firms in each stage by year (mean over replications),
# stacked, written by ladder; the upper rungs, a sliver of the stack,
# again on their own axis beside it.
# SPDX-License-Identifier: MIT
# Redraw composition.png and composition.svg with `gnuplot composition.gp` in this folder.
set encoding utf8
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
set tmargin 4.5
set bmargin 4
set grid ytics lc rgb "#e0e0e0"
@LINETYPES@
set terminal pngcairo size 1000,600 font "@FONT@" noenhanced
set output "composition.png"
@PANELS@
set terminal svg size 1000,600 font "@FONT@" noenhanced
set output "composition.svg"
@PANELS@
unset output
