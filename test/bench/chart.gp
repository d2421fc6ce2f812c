# The benchmark's chart (test/bench/run): three bar charts of the medians,
# one system per bar. gnuplot -e "datafile='...'; outfile='...'" chart.gp
set terminal svg size 1200,420 dynamic font "sans,11" background rgb "white"
set output outfile
set multiplot layout 1,3
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.8
set grid ytics
set xtics rotate by -35 nomirror
set key off
set yrange [0:*]

set title "time to real init (s, uptime)"
plot datafile using 2:xtic(1) linecolor rgb "#4477aa"
set title "image size (MB, compressed)"
set logscale y
set yrange [0.1:*]
plot datafile using 3:xtic(1) linecolor rgb "#228833"
set title "image build time (s)"
set yrange [0.01:*]
plot datafile using 4:xtic(1) linecolor rgb "#cc6677"
unset multiplot
