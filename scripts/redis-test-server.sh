#!/usr/bin/env bash
# A throwaway Redis for the cache tests, on loopback only, without persistence.
#
#   scripts/redis-test-server.sh [start] [port] [password]   start it (or find it running); print its URL
#   scripts/redis-test-server.sh start-tls [port]            the same over TLS only; print its rediss:// URL
#   scripts/redis-test-server.sh stop [port]                 stop it and delete its files
#
# The port defaults to 63790; with a password the server requires it (requirepass). Only the
# URL goes to stdout, everything else to stderr. Installs Debian's redis-server when none is
# present (CI starts on a fresh machine). Safe to call again and from several processes.
#
# start-tls makes a throwaway CA in /tmp/switchyard-redis-PORT/tls (ca.pem; server.pem and
# server.key for 127.0.0.1 and localhost; client.pem and client.key for clientAuth) and serves
# TLS on the port with client certificates optional (verified when presented). Exit status 3
# means this redis-server was built without TLS.
set -euo pipefail

command="${1:-start}"
port="${2:-63790}"
password="${3:-}"
dir="/tmp/switchyard-redis-$port"
tls_dir="$dir/tls"
tls=""

log() { echo "redis-test-server: $*" >&2; }

# The server must not inherit the caller's descriptors.
source "$(dirname "${BASH_SOURCE[0]}")/lib/close-inherited-fds.sh"

ping() {
    local args=(-h 127.0.0.1 -p "$port")
    [ -n "$tls" ] && args+=(--tls --cacert "$tls_dir/ca.pem")
    if [ -n "$password" ]; then
        REDISCLI_AUTH="$password" redis-cli "${args[@]}" ping 2>/dev/null
    else
        redis-cli "${args[@]}" ping 2>/dev/null
    fi
}

# A CA, a server certificate and a client certificate, once per directory.
make_certificates() {
    [ -f "$tls_dir/client.pem" ] && return 0
    mkdir -p "$tls_dir"
    (
        cd "$tls_dir"
        key="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
        openssl req -x509 $key -keyout ca.key -out ca.pem -days 30 -subj '/CN=Switchyard Redis Test CA' \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
        sign() {
            openssl req $key -keyout "$1.key" -out "$1.csr" -subj "/CN=$1"
            printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=%s\n' "$2" "$3" >"$1.ext"
            openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" -days 30 -extfile "$1.ext"
        }
        sign server DNS:localhost,IP:127.0.0.1 serverAuth
        sign client DNS:switchyard-test-client clientAuth
    ) >"$dir/openssl.log" 2>&1 || { log "openssl failed; see $dir/openssl.log"; exit 1; }
}

case "$command" in
stop)
    if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
    rm -rf "$dir"
    exit 0
    ;;
start) ;;
start-tls)
    tls=yes
    password=""
    ;;
*)
    log "unknown command $command (start, start-tls or stop)"
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
    [ -n "$tls" ] && make_certificates
    if [ "$(ping || true)" != "PONG" ]; then
        args=(--port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --dir "$dir"
            --pidfile "$dir/redis.pid" --logfile "$dir/redis.log")
        [ -n "$password" ] && args+=(--requirepass "$password")
        if [ -n "$tls" ]; then
            args=(--port 0 --tls-port "$port" "${args[@]:2}" --tls-cert-file "$tls_dir/server.pem" --tls-key-file "$tls_dir/server.key"
                --tls-ca-cert-file "$tls_dir/ca.pem" --tls-auth-clients optional)
        fi
        # The daemon must not hold the lock (fd 9) for its whole life.
        redis-server "${args[@]}" >&2 9>&-
        for _ in $(seq 1 100); do
            [ "$(ping || true)" = "PONG" ] && break
            sleep 0.05
        done
    fi
) 9>"$dir.lock"

if [ "$(ping || true)" != "PONG" ]; then
    if [ -n "$tls" ] && grep -qi "tls" "$dir/redis.log" 2>/dev/null && grep -qiE "bad directive|not compiled|unsupported" "$dir/redis.log"; then
        log "this redis-server was built without TLS; see $dir/redis.log"
        exit 3
    fi
    log "redis-server did not start on port $port; see $dir/redis.log"
    exit 1
fi
if [ -n "$tls" ]; then
    echo "rediss://127.0.0.1:$port"
elif [ -n "$password" ]; then
    echo "redis://:$password@127.0.0.1:$port"
else
    echo "redis://127.0.0.1:$port"
fi
