#!/usr/bin/env bash
# A private MariaDB (the RDS MySQL stand-in) for tests and benchmarks: its own data directory under
# .data/test-services/mariadb, listening on a loopback port, never the machine's own service.
#
#   eval "$(bash scripts/mariadb.sh start)"  installs mariadb-server when missing, starts the server (or reuses
#                                           the running one) and prints the exports below; sourcing works too
#   bash scripts/mariadb.sh stop             SIGTERM, waits until it has exited (SIGKILL after 60 s)
#   bash scripts/mariadb.sh kill             SIGKILL, the crash of the fault test; `start` brings it back on the same
#                                           port with the same password, after crash recovery
#   bash scripts/mariadb.sh pause | resume   SIGSTOP | SIGCONT: a hung server, which accepts connections and never
#                                           answers (`stop` and `kill` resume it first)
#   bash scripts/mariadb.sh env | status     the exports of the running server | whether it runs
#   bash scripts/mariadb.sh drop-test-databases   drops every database a test or benchmark made (portable_*: the
#                                           fixtures' portable_e2e_..., portable_bench, ...), keeping `portable`; test.sh
#                                           runs it before its tests, so what an interrupted run left is gone
#   eval "$(bash scripts/mariadb.sh app-env)" the app's own settings for the running server (Storage__Provider=MySql,
#                                           ConnectionStrings__MySql), for `dotnet run --project Adapters/Local`
#
# Exports: PORTABLE_TEST_MYSQL (user `portable`, who may create and drop any database named portable*, so each test
# fixture can have its own) and PORTABLE_TEST_MARIADB_SCRIPT (this file, for tests that stop and restart the server).
# Only the exports go to stdout; progress goes to stderr.

# Sourced: run as a child and take its exports, so that `set -e` and `exit` never touch the caller's shell.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    __portable_mariadb_exports="$(bash "${BASH_SOURCE[0]}" "$@")" || return $?
    eval "$__portable_mariadb_exports"
    unset __portable_mariadb_exports
    return 0
fi

set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${PORTABLE_MARIADB_STATE:-$root/.data/test-services/mariadb}"
data="$state/data"
pid_file="$state/mariadbd.pid"
sock="$state/mariadbd.sock"
# A Unix socket path must fit in 108 bytes; a deep checkout gets a short one under /tmp instead.
if ((${#sock} > 100)); then
    sock="/tmp/portable-mariadb-$(printf '%s' "$state" | md5sum | cut -c1-12).sock"
fi

log() { echo "mariadb.sh: $*" >&2; }

export PATH="$PATH:/usr/sbin:/usr/bin"

# The pid of our mariadbd when it runs: a pid file alone could name a recycled pid of some other process.
server_pid() {
    [[ -s "$pid_file" ]] || return 1
    local pid
    pid="$(cat "$pid_file")"
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" == *"--datadir=$data "* ]] || return 1
    echo "$pid"
}

ping_server() {
    mariadb-admin --no-defaults --socket="$sock" -uroot --connect-timeout=2 ping >/dev/null 2>&1
}

port_in_use() {
    [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]
}

choose_port() {
    if [[ -s "$state/port" ]] && ! port_in_use "$(cat "$state/port")"; then
        cat "$state/port"
        return
    fi
    # Below the kernel's ephemeral range, where Kestrel's port-0 listeners and outbound connections take theirs.
    local port low
    low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
    (( low > 21000 )) || low=60000
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % (low - 20000)))
        if ! port_in_use "$port"; then
            echo "$port"
            return
        fi
    done
    log "no free loopback port found"
    return 1
}

install_server() {
    command -v mariadbd >/dev/null && return
    log "installing mariadb-server with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q mariadb-server >&2; then
        apt-get update -q >&2
        apt-get install -y -q mariadb-server >&2
    fi
}

connection_string() {
    echo "Server=127.0.0.1;Port=$(cat "$state/port");Database=portable;User ID=portable;Password=$(cat "$state/password");"
}

print_exports() {
    echo "export PORTABLE_TEST_MYSQL='$(connection_string)'"
    echo "export PORTABLE_TEST_MARIADB_SCRIPT='$root/scripts/mariadb.sh'"
}

# The embedded host's own keys, on the database `portable`: what the README's "Run on MySQL and SQS" block sets.
print_app_exports() {
    echo "export Storage__Provider=MySql"
    echo "export ConnectionStrings__MySql='$(connection_string)'"
}

# Tests and benchmarks drop their databases when they end; these are the ones a killed run left behind.
drop_test_databases() {
    local drops
    drops="$(mariadb --no-defaults --socket="$sock" -uroot -N -e \
        "SELECT CONCAT('DROP DATABASE \`', schema_name, '\`;') FROM information_schema.schemata WHERE schema_name LIKE 'portable\\_%'")"
    if [[ -n "$drops" ]]; then
        mariadb --no-defaults --socket="$sock" -uroot <<<"$drops"
        log "dropped $(wc -l <<<"$drops") test database(s) left behind"
    fi
}

wait_for_ping() {
    local pid="$1"
    for _ in $(seq 1 600); do
        if ping_server; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            log "mariadbd exited during start; the end of its log:"
            tail -n 30 "$state/mariadbd.err" >&2 || true
            return 1
        fi
        sleep 0.1
    done
    log "mariadbd did not answer within 60 s"
    return 1
}

start() {
    mkdir -p "$state"
    if pid="$(server_pid)" && ping_server; then
        log "reusing mariadbd $pid on port $(cat "$state/port")"
        print_exports
        return
    fi

    install_server
    if [[ ! -f "$state/initialized" ]]; then
        rm -rf "$data"
        mkdir -p "$data"
        log "creating the data directory $data"
        mariadb-install-db --no-defaults --user=root --datadir="$data" --auth-root-authentication-method=socket \
            --skip-test-db >"$state/install.log" 2>&1 ||
            { tail -n 30 "$state/install.log" >&2; return 1; }
        touch "$state/initialized"
    fi
    [[ -s "$state/password" ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$state/password")

    # A port found free can be taken before mariadbd binds it: then it exits, and another port is tried.
    local port attempt
    for attempt in 1 2 3 4 5; do
        port="$(choose_port)"
        echo "$port" >"$state/port"
        rm -f "$pid_file"
        local logged
        logged=0
        [[ ! -f "$state/mariadbd.err" ]] || logged="$(wc -l <"$state/mariadbd.err")"
        # Its own session, so that a test runner's or terminal's signals never reach it; stdio off the caller's pipes,
        # or `$(...)` would wait for the server to exit.
        setsid mariadbd --no-defaults --user=root --datadir="$data" --socket="$sock" --pid-file="$pid_file" \
            --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --log-error="$state/mariadbd.err" \
            --character-set-server=utf8mb4 --innodb-buffer-pool-size=512M --max-connections=500 \
            </dev/null >>"$state/mariadbd.out" 2>&1 &
        local launched=$!
        if wait_for_ping "$launched"; then
            break
        fi
        if (( attempt == 5 )) || ! tail -n "+$((logged + 1))" "$state/mariadbd.err" | grep -q "Address already in use"; then
            return 1
        fi
        log "port $port was taken before mariadbd bound it; trying another"
        rm -f "$state/port"
    done

    local password
    password="$(cat "$state/password")"
    mariadb --no-defaults --socket="$sock" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS portable;
CREATE USER IF NOT EXISTS 'portable'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS 'portable'@'%' IDENTIFIED BY '$password';
ALTER USER 'portable'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER 'portable'@'%' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`portable%\`.* TO 'portable'@'127.0.0.1', 'portable'@'%';
SQL
    # A server that just started has no test connected: what an interrupted run left goes now.
    drop_test_databases
    log "mariadbd $(cat "$pid_file") ready on 127.0.0.1:$port (data: $data)"
    print_exports
}

# Sends a signal and waits for the process to be gone; SIGKILL if SIGTERM is not obeyed in 60 s.
signal_and_wait() {
    local signal="$1" pid
    if ! pid="$(server_pid)"; then
        log "mariadbd is not running"
        return 0
    fi
    kill "-$signal" "$pid" 2>/dev/null || true
    # A paused server acts on SIGTERM only once it runs again.
    kill -CONT "$pid" 2>/dev/null || true
    for _ in $(seq 1 600); do
        kill -0 "$pid" 2>/dev/null || { log "mariadbd $pid stopped ($signal)"; return 0; }
        sleep 0.1
    done
    log "mariadbd $pid ignored $signal for 60 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

case "${1:-}" in
    start) start ;;
    stop) signal_and_wait TERM ;;
    kill) signal_and_wait KILL ;;
    pause | resume)
        pid="$(server_pid)" || { log "mariadbd is not running"; exit 1; }
        if [[ "$1" == pause ]]; then kill -STOP "$pid"; else kill -CONT "$pid"; fi
        log "mariadbd $pid ${1}d"
        ;;
    env)
        server_pid >/dev/null || { log "mariadbd is not running"; exit 1; }
        print_exports
        ;;
    drop-test-databases)
        server_pid >/dev/null || { log "mariadbd is not running"; exit 1; }
        drop_test_databases
        ;;
    app-env)
        server_pid >/dev/null || { log "mariadbd is not running; bash scripts/mariadb.sh start"; exit 1; }
        print_app_exports
        ;;
    status)
        if pid="$(server_pid)"; then log "mariadbd $pid runs on port $(cat "$state/port")"; else log "mariadbd is not running"; exit 1; fi
        ;;
    *)
        echo "usage: $0 start|stop|kill|pause|resume|env|app-env|drop-test-databases|status" >&2
        exit 2
        ;;
esac
