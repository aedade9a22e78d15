#!/usr/bin/env bash
# moto_server, the SQS emulator of the adapter tests, on a free loopback port.
#
#   eval "$(bash scripts/moto.sh start)"   starts it (or finds it running) and prints
#                                          export PORTABLE_TEST_SQS_URL=http://127.0.0.1:<port>
#   bash scripts/moto.sh url               prints the URL of the running one
#   eval "$(bash scripts/moto.sh app-env)" the app's own settings for it (Queues__Provider=Sqs, Sqs__ServiceUrl), for
#                                          `dotnet run --project Adapters/Local`
#   bash scripts/moto.sh stop              stops it and returns once it is gone
#
# Sourced (as scripts/test.sh may do), it only defines moto_start (which also exports PORTABLE_TEST_SQS_URL),
# moto_url and moto_stop, and leaves the caller's shell options alone; pair moto_start with `trap moto_stop EXIT`.
# State lives in $MOTO_STATE_DIR (default .data/test-services): moto.pid, moto.url and moto.log.

_moto_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/processes.sh
source "$_moto_root/scripts/lib/processes.sh"

_moto_dir() { printf '%s\n' "${MOTO_STATE_DIR:-$_moto_root/.data/test-services}"; }

# Alive and moto_server: guards against a stale pid file whose pid now belongs to something else.
_moto_is_ours() {
    local state
    state="$(ps -p "$1" -o stat= 2>/dev/null)" || return 1
    [[ "$state" != Z* ]] && ps -p "$1" -o args= 2>/dev/null | grep -q moto_server
}


# Waits up to 30 s for the server to answer; fails at once if it died (say, the port was taken).
_moto_wait() {
    local pid=$1 url=$2 _
    for _ in $(seq 150); do
        _moto_is_ours "$pid" || return 1
        curl -sf -o /dev/null --max-time 1 "$url/moto-api/" && return 0
        sleep 0.2
    done
    return 1
}


moto_url() {
    local dir pid
    dir="$(_moto_dir)"
    [[ -f "$dir/moto.pid" && -f "$dir/moto.url" ]] || return 1
    pid="$(cat "$dir/moto.pid")"
    _moto_is_ours "$pid" || return 1
    cat "$dir/moto.url"
}

moto_start() {
    local dir url port pid _
    dir="$(_moto_dir)"
    mkdir -p "$dir" || return 1
    if url="$(moto_url)"; then
        PORTABLE_TEST_SQS_URL="$url"
        export PORTABLE_TEST_SQS_URL
        return 0
    fi

    if ! command -v moto_server >/dev/null 2>&1; then
        echo "moto.sh: moto_server is not on PATH (it comes with the Python package moto[server])" >&2
        return 1
    fi

    # A port found free can be taken before moto binds it: then moto dies, and another port is tried.
    for _ in 1 2 3; do
        port="$(portable_free_port)" || return 1
        url="http://127.0.0.1:$port"
        moto_server -H 127.0.0.1 -p "$port" </dev/null >"$dir/moto.log" 2>&1 &
        pid=$!
        printf '%s\n' "$pid" >"$dir/moto.pid"
        if _moto_wait "$pid" "$url"; then
            printf '%s\n' "$url" >"$dir/moto.url"
            PORTABLE_TEST_SQS_URL="$url"
            export PORTABLE_TEST_SQS_URL
            echo "moto.sh: moto_server $pid answers at $url" >&2
            return 0
        fi
        portable_kill "$pid" _moto_is_ours
        rm -f "$dir/moto.pid"
    done

    echo "moto.sh: moto_server did not start; the end of its log:" >&2
    tail -n 20 "$dir/moto.log" >&2
    return 1
}

moto_stop() {
    local dir pid
    dir="$(_moto_dir)"
    if [[ -f "$dir/moto.pid" ]]; then
        pid="$(cat "$dir/moto.pid")"
        if _moto_is_ours "$pid"; then
            portable_kill "$pid" _moto_is_ours
            echo "moto.sh: moto_server $pid stopped" >&2
        fi
    fi
    rm -f "$dir/moto.pid" "$dir/moto.url"
    return 0
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-}" in
        start)
            moto_start
            printf 'export PORTABLE_TEST_SQS_URL=%q\n' "$PORTABLE_TEST_SQS_URL"
            ;;
        url) moto_url ;;
        app-env)
            url="$(moto_url)" || { echo "moto.sh: moto_server is not running; bash scripts/moto.sh start" >&2; exit 1; }
            echo "export Queues__Provider=Sqs"
            printf 'export Sqs__ServiceUrl=%q\n' "$url"
            ;;
        stop) moto_stop ;;
        *)
            echo "usage: bash scripts/moto.sh start|url|app-env|stop" >&2
            exit 2
            ;;
    esac
fi
