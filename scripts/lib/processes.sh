# Shared by the scripts that keep a test server running in the background (moto.sh, azurite.sh); sourced, never run.

# A loopback port that is free when asked; a server that then finds it taken dies, and its script tries another.
portable_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# TERM, then KILL after 5 s; returns once the process is gone (a zombie child of this shell counts as gone, and is reaped).
# $1: the pid; $2: the function that says whether that pid is still the server's.
portable_kill() {
    local pid=$1 is_ours=$2 _
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        "$is_ours" "$pid" || break
        sleep 0.1
    done
    if "$is_ours" "$pid"; then
        kill -KILL "$pid" 2>/dev/null
        for _ in $(seq 50); do
            "$is_ours" "$pid" || break
            sleep 0.1
        done
    fi
    wait "$pid" 2>/dev/null || true
    return 0
}
