# @NAME@.gp: a region's parts (docs/regions.md) as horizontal bars: each
# part's mean contribution to the count one of the region's targets is
# measured on, the largest on top, with ±1.96 standard-error bars,
# written by ladder.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
# @DATA@ holds, per part: row (top = first), its name, its mean
# contribution in firms, the ±1.96 SE half-width, and the text shown
# beside the bar (the mean and its share of the region's mean count).
set encoding utf8
# The title centred on the chart, not over the labels: a long line would run off its right edge.
left = @LMARGIN@  # characters
set title "@TITLE@\n@SUBTITLE@" font ",13" offset -(left - 6) / 2.0, 0
set xlabel "@XLABEL@"
set xrange [0:@XMAX@]
set yrange [0.4:@N@ + 0.6]
set xtics nomirror out
set ytics nomirror scale 0
set lmargin left
set rmargin 4
set border 1
set grid xtics lc rgb "#e0e0e0"
set style fill solid 0.85 noborder
set key off
half = 0.34
set terminal pngcairo size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.png"
plot "@DATA@" using (0):1:(0):3:($1 - half):($1 + half):ytic(2) with boxxyerror lc rgb "#4e79a7", \
     "" using 3:1:4 with xerrorbars lc rgb "#333333" lw 1.2 pt 7 ps 0.3, \
     "" using ($3 + $4):1:5 with labels left offset 0.6, 0 font ",10"
set terminal svg size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
