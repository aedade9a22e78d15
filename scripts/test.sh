#!/usr/bin/env bash
# Runs every test of the solution. Starts what the tests need when it is missing (MariaDB from apt, the SQS
# emulator, Azurite's queue service from npm) and stops what it started; servers that were already running are used and left running.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
log="$(mktemp -t portable-test-XXXXXX.log)"
started=()

cleanup() {
    local service
    for service in "${started[@]}"; do
        bash "scripts/$service.sh" stop >/dev/null 2>&1 || echo "test.sh: could not stop $service" >&2
    done
    rm -f "$log"
}
trap cleanup EXIT

if ! bash scripts/mariadb.sh status >/dev/null 2>&1; then
    started+=(mariadb)
fi
eval "$(bash scripts/mariadb.sh start)"
# Every test drops the database it made when it ends; a run that was killed could not, so its leftovers go now.
bash scripts/mariadb.sh drop-test-databases

if ! bash scripts/moto.sh url >/dev/null 2>&1; then
    started+=(moto)
fi
eval "$(bash scripts/moto.sh start)"

if ! bash scripts/azurite.sh url >/dev/null 2>&1; then
    started+=(azurite)
fi
eval "$(bash scripts/azurite.sh start)"

# The dashboard's browser test drives Debian's Chromium through its matching ChromeDriver.
if ! command -v chromedriver >/dev/null 2>&1; then
    echo "test.sh: installing chromium and chromium-driver" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# A missing server or browser now fails the run instead of skipping its tests.
export PORTABLE_REQUIRE_SERVERS=1 PORTABLE_REQUIRE_BROWSER=1

dotnet build Solution.sln -c "$configuration" -warnaserror -nologo -v quiet
set +e
dotnet test Solution.sln -c "$configuration" --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, in the plain 'N passed, N failed' form.
awk '/(Passed|Failed)! +- +Failed: /{
        gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
