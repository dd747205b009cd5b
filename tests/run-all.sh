#!/bin/sh
# Runs every cmocka test binary given, then prints one closing line:
# "N passed, N failed" counting tests (not binaries).
# SPDX-License-Identifier: MIT
passed=0; failed=0; broken=""
for t in "$@"; do
  log=$(mktemp)
  "$t" >"$log" 2>&1; rc=$?
  cat "$log"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; broken="$broken $t"; fi
  passed=$((passed + p)); failed=$((failed + f))
  rm -f "$log"
done
[ -n "$broken" ] && echo "crashed or failed outside a test:$broken"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
