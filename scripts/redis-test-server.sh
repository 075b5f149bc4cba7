#!/usr/bin/env bash
# A throwaway Redis for the cache tests, on loopback only, without persistence.
#
#   scripts/redis-test-server.sh [start] [port] [password]   start it (or find it running); print its URL
#   scripts/redis-test-server.sh stop [port]                 stop it and delete its files
#
# The port defaults to 63790; with a password the server requires it (requirepass). Only the
# URL goes to stdout, everything else to stderr. Installs Debian's redis-server when none is
# present (CI starts on a fresh machine). Safe to call again and from several processes.
set -euo pipefail

command="${1:-start}"
port="${2:-63790}"
password="${3:-}"
dir="/tmp/switchyard-redis-$port"

log() { echo "redis-test-server: $*" >&2; }

# The daemon must not inherit the caller's descriptors (see postgres-test-server.sh).
for fd in /proc/$$/fd/*; do
    fd="${fd##*/}"
    if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then
        eval "exec $fd>&-" 2>/dev/null || true
    fi
done

ping() {
    if [ -n "$password" ]; then
        REDISCLI_AUTH="$password" redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null
    else
        redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null
    fi
}

case "$command" in
stop)
    if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
    rm -rf "$dir"
    exit 0
    ;;
start) ;;
*)
    log "unknown command $command (start or stop)"
    exit 2
    ;;
esac

if ! command -v redis-server >/dev/null 2>&1; then
    log "installing redis-server"
    export DEBIAN_FRONTEND=noninteractive
    (flock 9; command -v redis-server >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq redis-server; }) 9>/tmp/switchyard-redis-install.lock >&2
fi

mkdir -p "$dir"
(
    flock 9
    if [ "$(ping || true)" != "PONG" ]; then
        args=(--port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --dir "$dir"
            --pidfile "$dir/redis.pid" --logfile "$dir/redis.log")
        [ -n "$password" ] && args+=(--requirepass "$password")
        # The daemon must not hold the lock (fd 9) for its whole life.
        redis-server "${args[@]}" >&2 9>&-
        for _ in $(seq 1 100); do
            [ "$(ping || true)" = "PONG" ] && break
            sleep 0.05
        done
    fi
) 9>"$dir.lock"

if [ "$(ping || true)" != "PONG" ]; then
    log "redis-server did not start on port $port; see $dir/redis.log"
    exit 1
fi
if [ -n "$password" ]; then echo "redis://:$password@127.0.0.1:$port"; else echo "redis://127.0.0.1:$port"; fi
