#!/bin/sh
# layers.sh: the layers drawn in docs/architecture.md are the code's.  Reads
# the drawing (the first ``` block: a layer's name at the start of a line,
# then the files named on it and the lines below it), and fails when a file
# of sim/ or include/ is in no layer, a layer names a file that is not
# there, or a file includes the header of a layer above its own (each layer
# may use only itself and the layers drawn below it).  Run by `make check`.
#
#   sh tests/layers.sh [SRCDIR]
# SPDX-License-Identifier: MIT
set -u
src=${1:-$(cd "$(dirname "$0")/.." && pwd)}
doc=$src/docs/architecture.md
map=$(mktemp)
trap 'rm -f "$map"' EXIT
# "name rank" for every file stem in the drawing; the top layer gets the highest rank
awk '
    /^```/ { inside = !inside; if (!inside) exit; next }
    !inside { next }
    /^  [a-z]/ { layer++ }
    {
        line = $0
        while (match(line, /[a-z_][a-z0-9_]*\.(c|h)/)) {
            f = substr(line, RSTART, RLENGTH); sub(/\.(c|h)$/, "", f)
            print f, -layer
            line = substr(line, RSTART + RLENGTH)
        }
    }' "$doc" | sort -u >"$map"
bad=0
rank_of() { awk -v f="$1" '$1 == f { print $2; exit }' "$map"; }
for file in "$src"/sim/*.c "$src"/include/*.h; do
    stem=$(basename "$file"); stem=${stem%.*}
    own=$(rank_of "$stem")
    if [ -z "$own" ]; then
        echo "layers.sh: ${file#$src/} is in no layer of docs/architecture.md"; bad=1; continue
    fi
    for inc in $(sed -n 's/^#include "\([a-z_0-9]*\)\.h".*/\1/p' "$file"); do
        r=$(rank_of "$inc")
        [ -z "$r" ] && continue  # reported as a file of its own
        if [ "$r" -gt "$own" ]; then
            echo "layers.sh: ${file#$src/} includes $inc.h, of a layer above its own"; bad=1
        fi
    done
done
while read -r stem rank; do
    [ -f "$src/sim/$stem.c" ] || [ -f "$src/include/$stem.h" ] ||
        { echo "layers.sh: docs/architecture.md names $stem, which is not in sim/ or include/"; bad=1; }
done <"$map"
[ "$bad" -eq 0 ] && echo "layers: every file in its layer, no include upwards"
exit "$bad"
