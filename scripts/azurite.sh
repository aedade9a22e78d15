#!/usr/bin/env bash
# Azurite's queue service, the Storage-queue emulator of the Functions tests, on a free loopback port.
#
#   eval "$(bash scripts/azurite.sh start)"   installs it from npm when missing, starts it (or finds it running) and prints
#                                             export PORTABLE_TEST_AZURITE_QUEUES=<connection string>
#   bash scripts/azurite.sh url               prints the queue endpoint of the running one
#   bash scripts/azurite.sh stop              stops it and returns once it is gone
#
# Sourced, it only defines azurite_start (which also exports PORTABLE_TEST_AZURITE_QUEUES), azurite_url and azurite_stop,
# and leaves the caller's shell options alone; pair azurite_start with `trap azurite_stop EXIT`.
# State lives in $AZURITE_STATE_DIR (default .data/test-services): azurite.pid, azurite.url, azurite.log and the
# emulator's workspace (azurite/, emptied at each start).

_azurite_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
source "$_azurite_root/scripts/lib/processes.sh"

# 3.37 needs a newer Node than Debian's; current Azure.Storage clients need --skipApiVersionCheck.
_azurite_package="azurite@3.35"

# Azurite's development account: its name and key are published with the emulator and open nothing else.
_azurite_account="devstoreaccount1"
_azurite_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

_azurite_dir() { printf '%s\n' "${AZURITE_STATE_DIR:-$_azurite_root/.data/test-services}"; }

# Alive and azurite-queue: guards against a stale pid file whose pid now belongs to something else.
_azurite_is_ours() {
    local state
    state="$(ps -p "$1" -o stat= 2>/dev/null)" || return 1
    [[ "$state" != Z* ]] && ps -p "$1" -o args= 2>/dev/null | grep -q azurite-queue
}


_azurite_connection_string() {
    printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;QueueEndpoint=%s;\n' "$_azurite_account" "$_azurite_key" "$1"
}

# Waits up to 30 s for the server to answer any HTTP status; fails at once if it died (say, the port was taken).
_azurite_wait() {
    local pid=$1 url=$2 _ code
    for _ in $(seq 150); do
        _azurite_is_ours "$pid" || return 1
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url?comp=list" || true)"
        [[ -n "$code" && "$code" != 000 ]] && return 0
        sleep 0.2
    done
    return 1
}


azurite_url() {
    local dir pid
    dir="$(_azurite_dir)"
    [[ -f "$dir/azurite.pid" && -f "$dir/azurite.url" ]] || return 1
    pid="$(cat "$dir/azurite.pid")"
    _azurite_is_ours "$pid" || return 1
    cat "$dir/azurite.url"
}

azurite_start() {
    local dir url port pid _
    dir="$(_azurite_dir)"
    mkdir -p "$dir" || return 1
    if url="$(azurite_url)"; then
        PORTABLE_TEST_AZURITE_QUEUES="$(_azurite_connection_string "$url")"
        export PORTABLE_TEST_AZURITE_QUEUES
        return 0
    fi

    if ! command -v azurite-queue >/dev/null 2>&1; then
        # A machine with only the .NET SDK has no Node.js: Debian's npm brings it.
        if ! command -v npm >/dev/null 2>&1; then
            echo "azurite.sh: installing npm (and Node.js) from apt" >&2
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } >"$dir/npm-install.log" 2>&1 || {
                echo "azurite.sh: apt-get install npm failed; the end of its log:" >&2
                tail -n 20 "$dir/npm-install.log" >&2
                return 1
            }
        fi
        echo "azurite.sh: installing $_azurite_package from npm" >&2
        npm install -g --no-audit --no-fund "$_azurite_package" >"$dir/azurite-install.log" 2>&1 || {
            echo "azurite.sh: npm install -g $_azurite_package failed; the end of its log:" >&2
            tail -n 20 "$dir/azurite-install.log" >&2
            return 1
        }
    fi

    rm -rf "$dir/azurite"
    mkdir -p "$dir/azurite"
    # A port found free can be taken before Azurite binds it: then it dies, and another port is tried.
    for _ in 1 2 3; do
        port="$(portable_free_port)" || return 1
        url="http://127.0.0.1:$port/$_azurite_account"
        azurite-queue --queueHost 127.0.0.1 --queuePort "$port" --location "$dir/azurite" \
            --skipApiVersionCheck --disableTelemetry --silent </dev/null >"$dir/azurite.log" 2>&1 &
        pid=$!
        printf '%s\n' "$pid" >"$dir/azurite.pid"
        if _azurite_wait "$pid" "$url"; then
            printf '%s\n' "$url" >"$dir/azurite.url"
            PORTABLE_TEST_AZURITE_QUEUES="$(_azurite_connection_string "$url")"
            export PORTABLE_TEST_AZURITE_QUEUES
            echo "azurite.sh: azurite-queue $pid answers at $url" >&2
            return 0
        fi
        portable_kill "$pid" _azurite_is_ours
        rm -f "$dir/azurite.pid"
    done

    echo "azurite.sh: azurite-queue did not start; the end of its log:" >&2
    tail -n 20 "$dir/azurite.log" >&2
    return 1
}

azurite_stop() {
    local dir pid
    dir="$(_azurite_dir)"
    if [[ -f "$dir/azurite.pid" ]]; then
        pid="$(cat "$dir/azurite.pid")"
        if _azurite_is_ours "$pid"; then
            portable_kill "$pid" _azurite_is_ours
            echo "azurite.sh: azurite-queue $pid stopped" >&2
        fi
    fi
    rm -f "$dir/azurite.pid" "$dir/azurite.url"
    return 0
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-}" in
        start)
            azurite_start
            printf 'export PORTABLE_TEST_AZURITE_QUEUES=%q\n' "$PORTABLE_TEST_AZURITE_QUEUES"
            ;;
        url) azurite_url ;;
        stop) azurite_stop ;;
        *)
            echo "usage: bash scripts/azurite.sh start|url|stop" >&2
            exit 2
            ;;
    esac
fi
