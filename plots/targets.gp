# targets.gp: probability of meeting each target, written by ladder.
# SPDX-License-Identifier: MIT
# Redraw targets.png and targets.svg with `gnuplot targets.gp` in this folder.
set encoding utf8
set title "@TITLE@\n@SUBTITLE@" font ",14"
set ylabel "@YLABEL@"
set xrange [0.4:@N@ + 0.6]
set yrange [0:110]
set ytics 0, 20, 100 nomirror out
set xtics (@XTICS@) nomirror scale 0 @XTICS_ROTATE@
set border 3
set grid ytics lc rgb "#e0e0e0"
set style fill solid 0.85 noborder
set boxwidth 0.6
set key off
# The error bars are vectors with flat heads: "with yerrorbars" blanks a
# dot at the centre, which on short bars hides the bar itself.
# The verdict bands of the result table, each line and word as it judges.
@GUIDES@
set terminal pngcairo size 1000,600 font "@FONT@" noenhanced
set output "targets.png"
# Bars 1..@N_TARGETS@ are the targets, any after them all targets together.
plot "@DATA@" using 1:($1 <= @N_TARGETS@ ? $2 : 1/0) with boxes lc rgb "#4e79a7", \
     "" using 1:($1 > @N_TARGETS@ ? $2 : 1/0) with boxes lc rgb "#1c3f63", \
     "" using 1:3:(0):($4 - $3) with vectors heads size screen 0.012,90 lw 2 lc rgb "#333333", \
     "" using 1:4:(sprintf("%.1f%%", $2)) with labels offset 0, 0.8
set terminal svg size 1000,600 font "@FONT@" noenhanced
set output "targets.svg"
replot
unset output
