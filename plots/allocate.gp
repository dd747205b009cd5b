# allocate.gp: cost against probability of every policy combination run, the efficient
# frontier, the budget and the best combination within it, written by ladder allocate.
# SPDX-License-Identifier: MIT
# Redraw allocate.png and allocate.svg with `gnuplot allocate.gp` in this folder.
# allocate.dat: index 0 every combination (cost, probability in %), index 1 the frontier;
# $mark the best within the budget, $written the file as written (the figure of ladder run).
set encoding utf8
set title "@TITLE@" font ",14"
set xlabel "@XLABEL@"
set ylabel "@YLABEL@"
set yrange [0:108]
set ytics 0, 20, 100 nomirror out
set xtics nomirror out
set xrange [0:@XMAX@]
set border 3
set grid xtics ytics lc rgb "#e0e0e0"
set key outside below horizontal center height 1.2
set arrow from first @BUDGET@, graph 0 to first @BUDGET@, graph 1 nohead dt 2 lw 2 lc rgb "#d62728" back
set label "@BUDGET_LABEL@" at first @BUDGET@, graph 0.97 right offset -0.5, 0 tc rgb "#d62728" front
$mark << EOD
@MARK@
EOD
$written << EOD
@WRITTEN@
EOD
set terminal pngcairo size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.png"
plot "@DATA@" index 0 using 1:2 with points pt 7 ps 0.6 lc rgb "#b0b0b0" title "@ALL@", \
     "@DATA@" index 1 using 1:2 with steps lw 2 lc rgb "#4e79a7" title "@FRONTIER@", \
     "@DATA@" index 1 using 1:2 with points pt 7 ps 1.1 lc rgb "#4e79a7" notitle, \
     $written using 1:2 with points pt 4 ps 2.2 lw 2 lc rgb "#000000" title "@WRITTEN_TITLE@", \
     $mark using 1:2 with points pt 9 ps 2.6 lc rgb "#d62728" title "@MARK_TITLE@"
set terminal svg size 1000,600 font "@FONT@" noenhanced
set output "@NAME@.svg"
replot
unset output
