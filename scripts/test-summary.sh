#!/usr/bin/env bash
# Passes `dotnet test` output through and ends with one plain line, "N passed, N failed, N skipped",
# summed over test assemblies; exits non-zero when any test failed or none ran.
# Reads both summary styles of `dotnet test`: "Failed: 0, Passed: 9, Skipped: 0, …" (minimal) and
# "Total tests: 9 / Passed: 9 / Failed: 0" on separate lines (normal verbosity).
set -uo pipefail
passed=0; failed=0; skipped=0; seen=0
while IFS= read -r line; do
  printf '%s\n' "$line"
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
echo "$passed passed, $failed failed, $skipped skipped"
[ "$seen" -eq 1 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
exit 0
