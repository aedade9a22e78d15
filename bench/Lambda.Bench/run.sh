#!/usr/bin/env bash
# Publishes the bootstrap twice (native AOT, and JIT self-contained as provided.al2023 needs) and measures both in one run.
# Usage: bench/Lambda.Bench/run.sh [cold runs] [warm invocations]
set -euo pipefail
cd "$(dirname "$0")/../.."

out="artifacts/bench"
dotnet publish Adapters/Aws -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" -nologo -v quiet
dotnet publish Adapters/Aws -c Release -r linux-x64 -p:PublishAot=false --self-contained -o "$out/jit" -nologo -v quiet
dotnet build bench/Lambda.Bench -c Release -nologo -v quiet
dotnet bench/Lambda.Bench/bin/Release/net10.0/Portable.Lambda.Bench.dll "$out/aot/bootstrap" "$out/jit/bootstrap" "$@"
