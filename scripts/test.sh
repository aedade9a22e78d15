#!/usr/bin/env bash
# Runs every test of the solution. Starts what the tests need when it is missing and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
log="$(mktemp -t portable-test-XXXXXX.log)"

dotnet build Solution.sln -c "$configuration" -warnaserror -nologo -v quiet
set +e
dotnet test Solution.sln -c "$configuration" --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, in the plain 'N passed, N failed' form.
awk '/(Passed|Failed)! +- +Failed: /{
        gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
