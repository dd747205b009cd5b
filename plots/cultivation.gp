# @NAME@.gp: one target's cultivation list as horizontal bars: the top
# roster firms by the gain in their chance from a service given to each
# alone (or by their chance, without a service), the first on top, with
# ±1.96 standard-error bars, written by ladder.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
# @DATA@ holds, per firm: row (top = first), label (name and id), the
# figure in percent (percentage points for a gain), its ±1.96 SE
# half-width, and the text shown beside the bar.
set encoding utf8
# The title centred on the chart, not over the labels: a long line would run off its right edge.
left = @LMARGIN@  # characters
set title "@TITLE@\n@SUBTITLE@" font ",13" offset -(left - 6) / 2.0, 0
set xlabel "@XLABEL@"
set xrange [@XMIN@:@XMAX@]
set yrange [0.4:@N@ + 0.6]
set xtics @XTICS@ nomirror out
set ytics nomirror scale 0
set lmargin left
set rmargin 4
set border 1
set grid xtics lc rgb "#e0e0e0"
set style fill solid 0.85 noborder
set key off
half = 0.34
lo(x) = x < 0 ? x : 0
hi(x) = x < 0 ? 0 : x
set arrow from first 0, graph 0 to first 0, graph 1 nohead lw 1.5 lc rgb "#333333" front
set terminal pngcairo size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.png"
plot "@DATA@" using (0):1:(lo($3)):(hi($3)):($1 - half):($1 + half):ytic(2) with boxxyerror lc rgb "#4e79a7", \
     "" using 3:1:4 with xerrorbars lc rgb "#333333" lw 1.2 pt 7 ps 0.3, \
     "" using (hi($3 + $4)):1:5 with labels left offset 0.6, 0 font ",10"
set terminal svg size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
