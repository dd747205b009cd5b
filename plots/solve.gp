# solve.gp: probability of the target against the lever's value, written by ladder solve.
# SPDX-License-Identifier: MIT
# Redraw solve.png and solve.svg with `gnuplot solve.gp` in this folder.
set encoding utf8
set title "@TITLE@" font ",14"
set xlabel "@XLABEL@"
set ylabel "@YLABEL@"
set yrange [0:108]
set ytics 0, 20, 100 nomirror out
set xtics nomirror out
# The values where the probability climbs; the flat far ends run off the chart.
set xrange [@XMIN@:@XMAX@]
set border 3
set grid xtics ytics lc rgb "#e0e0e0"
set xlabel offset 0, 0.6
set key outside below horizontal center height 1.2
set arrow from graph 0, first @WANTED@ to graph 1, first @WANTED@ nohead dt 2 lw 2 lc rgb "#d62728" back
set label "@WANTED_LABEL@" at graph 0.01, first @WANTED@ left offset 0, 0.8 tc rgb "#d62728" front
set arrow from first @CURRENT@, graph 0 to first @CURRENT@, graph 1 nohead dt 3 lw 1.5 lc rgb "#888888" back
set label "@CURRENT_LABEL@" at first @CURRENT@, graph 0.04 left offset 0.5, 0 tc rgb "#555555" front
set label "@NOTE@" at graph 0.99, graph 0.97 right tc rgb "#555555" front
$mark << EOD
@MARK_X@ @MARK_Y@
EOD
set terminal pngcairo size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.png"
plot "@DATA@" using 1:2 with linespoints pt 7 ps 1.1 lw 1.5 lc rgb "#4e79a7" title "@TRIED@", \
     $mark using 1:2 with points pt 9 ps 2.6 lc rgb "#d62728" title "@MARK_TITLE@"
set terminal svg size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
