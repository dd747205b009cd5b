#!/bin/sh
# names.sh: every public name says its file.  A function or variable that
# sim/X.c defines without `static` must start with X_ (cmd_run.c: cmd_run_)
# or be X itself (outcomes_write.c: outcomes_write),
# and each header include/X.h must belong to a sim/X.c or be a header of
# types only; the exceptions are main() and GLib's quark function of the
# error domain (errors.h says why).  Prints each offender; exit 1 when
# there is one.  Run by `make check`.
#
#   sh tests/names.sh [SRCDIR]
# SPDX-License-Identifier: MIT
set -u
src=${1:-$(cd "$(dirname "$0")/.." && pwd)}
bad=0
for c in "$src"/sim/*.c; do
    base=$(basename "$c" .c)
    # definitions at column 0 that are not static: "type name(" or "type name ="
    names=$(grep -E '^[A-Za-z_][A-Za-z0-9_ *]*[ *][a-z_][a-z0-9_]*[ ]*(\(|=|\[)' "$c" |
            grep -Ev '^(static|typedef|extern|#|struct|enum|union)\b|\)[[:space:]]*;[[:space:]]*$' |
            sed -E 's/^[A-Za-z_][A-Za-z0-9_ *]*[ *]([a-z_][a-z0-9_]*)[ ]*(\(|=|\[).*/\1/')
    for n in $names; do
        case "$n" in
        "${base}"|"${base}"_*|main|ladder_error_quark) ;;
        *) echo "names.sh: sim/$base.c: public '$n' does not start with ${base}_"; bad=1 ;;
        esac
    done
done
for h in "$src"/include/*.h; do
    base=$(basename "$h" .h)
    [ -f "$src/sim/$base.c" ] && continue
    # a header without a source file may declare types and macros, not functions
    if grep -Eq '^[A-Za-z_][A-Za-z0-9_ *]*[ *][a-z_][a-z0-9_]*\(' "$h"; then
        echo "names.sh: include/$base.h declares functions but there is no sim/$base.c"
        bad=1
    fi
done
[ "$bad" -eq 0 ] && echo "names: every public name says its file"
exit "$bad"
