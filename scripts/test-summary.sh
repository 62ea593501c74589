#!/usr/bin/env bash
# Passes `dotnet test` output through and ends with the failed tests' names and messages (repeated at the
# end, so that a log tail shows them) and one plain line, "N passed, N failed, N skipped", summed over test
# assemblies; exits non-zero when any test failed or none ran.
# Reads both summary styles of `dotnet test`: "Failed: 0, Passed: 9, Skipped: 0, …" (minimal) and
# "Total tests: 9 / Passed: 9 / Failed: 0" on separate lines (normal verbosity).
set -uo pipefail
passed=0; failed=0; skipped=0; seen=0
failures=""; in_failure=0; failure_lines=0
while IFS= read -r line; do
  printf '%s\n' "$line"
  # A failed test prints "  Failed Name [time]", then "  Error Message:" and "  Stack Trace:" blocks.
  if [[ "$line" =~ ^[[:space:]]*Failed[[:space:]]+[A-Za-z_] ]]; then
    failures+="$line"$'\n'; in_failure=1; failure_lines=0
    continue
  fi
  if [ "$in_failure" -eq 1 ]; then
    if [[ "$line" =~ ^[[:space:]]*(Passed|Skipped)[[:space:]] ]] || [[ "$line" =~ ^[[:space:]]*$ ]] || [ "$failure_lines" -ge 12 ]; then
      in_failure=0
    else
      failures+="$line"$'\n'; failure_lines=$((failure_lines + 1))
    fi
  fi
  if [[ "$line" =~ Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),[[:space:]]*Skipped:[[:space:]]*([0-9]+) ]]; then
    failed=$((failed + BASH_REMATCH[1])); passed=$((passed + BASH_REMATCH[2])); skipped=$((skipped + BASH_REMATCH[3])); seen=1
  elif [[ "$line" =~ ^[[:space:]]*Total\ tests:[[:space:]]*[0-9]+ ]]; then
    seen=1
  elif [[ "$line" =~ ^[[:space:]]*Passed:[[:space:]]*([0-9]+)[[:space:]]*$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
  elif [[ "$line" =~ ^[[:space:]]*Failed:[[:space:]]*([0-9]+)[[:space:]]*$ ]]; then
    failed=$((failed + BASH_REMATCH[1]))
  elif [[ "$line" =~ ^[[:space:]]*Skipped:[[:space:]]*([0-9]+)[[:space:]]*$ ]]; then
    skipped=$((skipped + BASH_REMATCH[1]))
  fi
done
if [ -n "$failures" ]; then
  echo "---- failed tests ----"
  printf '%s' "$failures"
  echo "----------------------"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$seen" -eq 1 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
exit 0
