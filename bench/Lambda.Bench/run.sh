#!/usr/bin/env bash
# Publishes the bootstrap three ways and measures them in one run: native AOT (what the template deploys),
# JIT self-contained (what provided.al2023 needs without AOT), and the same JIT build precompiled with ReadyToRun.
# The functions run on MySQL and SQS as deployed: MariaDB and the SQS emulator are started when missing and stopped
# again. Exits 1 when a goal of the AOT build is missed.
# Usage: bench/Lambda.Bench/run.sh [cold runs = 11] [warm invocations = 1000] [aot]
# With "aot" only the native build is published and measured (its goals are the bench's; the JIT builds are the slow part
# of a run on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/../.."

started=()
cleanup() {
    local service
    for service in "${started[@]}"; do
        bash "scripts/$service.sh" stop >/dev/null 2>&1 || echo "run.sh: could not stop $service" >&2
    done
}
trap cleanup EXIT
bash scripts/mariadb.sh status >/dev/null 2>&1 || started+=(mariadb)
eval "$(bash scripts/mariadb.sh start)"
bash scripts/moto.sh url >/dev/null 2>&1 || started+=(moto)
eval "$(bash scripts/moto.sh start)"

out="artifacts/bench"
dotnet publish Adapters/Aws -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" -nologo -v quiet
builds=(AOT="$out/aot/bootstrap")
if [[ "${3:-}" != aot ]]; then
    dotnet publish Adapters/Aws -c Release -r linux-x64 -p:PublishAot=false --self-contained -o "$out/jit" -nologo -v quiet
    dotnet publish Adapters/Aws -c Release -r linux-x64 -p:PublishAot=false -p:PublishReadyToRun=true --self-contained -o "$out/r2r" -nologo -v quiet
    builds+=(JIT="$out/jit/bootstrap" JIT+R2R="$out/r2r/bootstrap")
fi
dotnet build bench/Lambda.Bench -c Release -nologo -v quiet
dotnet bench/Lambda.Bench/bin/Release/net10.0/Portable.Lambda.Bench.dll "${1:-11}" "${2:-1000}" "${builds[@]}"
