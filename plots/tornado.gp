# @NAME@.gp: tornado chart of one target: the probability of meeting it with
# each parameter at its low and its high value, around the base probability
# (named on the title's third line), written by ladder.
# SPDX-License-Identifier: MIT
# Redraw @NAME@.png and @NAME@.svg with `gnuplot @NAME@.gp` in this folder.
# @DATA@ holds, per parameter: row (top = largest swing), label, and the
# probability in percent at the low and at the high value.
set encoding utf8
base = @BASE@
# The title centred on the chart, not over the bars: a long line would run off its right edge.
left = @LMARGIN@  # characters
set title "@TITLE@\n@SUBTITLE@\n@BASE_TEXT@" font ",14" offset -(left - 6) / 2.0, 0
set xlabel "@XLABEL@"
set xrange [@XMIN@:@XMAX@]
set yrange [0.4:@N@ + 0.6]
set xtics @XTICS@ nomirror out
set ytics nomirror scale 0
set format x "%.0f"
set lmargin left
set rmargin 6
set border 1
set grid xtics lc rgb "#e0e0e0"
set style fill solid 0.9 noborder
set key outside below horizontal center reverse Left samplen 2 spacing 1.2 width 2
# A bar from the base to probability p on row y, `half` thick either side.
half = 0.32
lo(p) = p < base ? p : base
hi(p) = p < base ? base : p
far(p, q) = abs(p - base) >= abs(q - base)
set arrow from first base, graph 0 to first base, graph 1 nohead lw 2 lc rgb "#333333" front
set terminal pngcairo size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.png"
# Of each row's two bars the one further from the base is drawn first, so
# neither hides the other when both fall on the same side.
plot "@DATA@" using (far($3, $4) ? base : 1/0):1:(lo($3)):(hi($3)):($1 - half):($1 + half):ytic(2) \
         with boxxyerror lc rgb "#4e79a7" title "@LOW_KEY@", \
     "" using (base):1:(lo($4)):(hi($4)):($1 - half):($1 + half) \
         with boxxyerror lc rgb "#f28e2b" title "@HIGH_KEY@", \
     "" using (far($3, $4) ? 1/0 : base):1:(lo($3)):(hi($3)):($1 - half):($1 + half) \
         with boxxyerror lc rgb "#4e79a7" notitle, \
     "" using ($3 < base ? $3 : 1/0):1:(sprintf("%.1f%%", $3)) with labels right offset -0.5, 0 notitle, \
     "" using ($3 < base ? 1/0 : $3):1:(sprintf("%.1f%%", $3)) with labels left offset 0.5, 0 notitle, \
     "" using ($4 < base ? $4 : 1/0):1:(sprintf("%.1f%%", $4)) with labels right offset -0.5, 0 notitle, \
     "" using ($4 < base ? 1/0 : $4):1:(sprintf("%.1f%%", $4)) with labels left offset 0.5, 0 notitle, \
     NaN with lines lw 2 lc rgb "#333333" title "@BASE_KEY@"
set terminal svg size 1100,@HEIGHT@ font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
