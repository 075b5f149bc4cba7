#!/usr/bin/env bash
# A throwaway PostgreSQL for the store tests, on loopback only, with trust auth.
#
#   scripts/postgres-test-server.sh [start]   start it (or find it running); print its URL
#   scripts/postgres-test-server.sh stop      stop it and delete its files
#
# With SWITCHYARD_TEST_POSTGRES_URL set, nothing is started: `start` prints that URL.
# SWITCHYARD_TEST_POSTGRES_PORT picks the port (default 54329); the cluster lives in
# /tmp/switchyard-pg-<port>. Only the URL goes to stdout, everything else to stderr, so
# callers can read it with $(…). Installs Debian's postgresql when no server is present
# (CI starts on a fresh machine). Safe to call again and from several processes at once.
set -euo pipefail

command="${1:-start}"
port="${SWITCHYARD_TEST_POSTGRES_PORT:-54329}"
dir="/tmp/switchyard-pg-$port"
data="$dir/data"
database="switchyard_test"
url="postgres://postgres@127.0.0.1:$port/$database"

log() { echo "postgres-test-server: $*" >&2; }

# The server must not inherit the caller's descriptors.
source "$(dirname "${BASH_SOURCE[0]}")/lib/close-inherited-fds.sh"

if [ -n "${SWITCHYARD_TEST_POSTGRES_URL:-}" ]; then
    [ "$command" = start ] && echo "$SWITCHYARD_TEST_POSTGRES_URL"
    exit 0
fi

find_bin() {
    local initdb
    initdb="$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$initdb" ] && dirname "$initdb"
}

# The server refuses to run as root: as root, run its tools as the postgres user.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$command" in
    start) ;;
    stop)
        bin="$(find_bin || true)"
        if [ -n "$bin" ] && [ -f "$data/PG_VERSION" ]; then
            as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$dir" "$dir.lock"
        log "stopped"
        exit 0
        ;;
    *)
        echo "usage: $0 [start|stop]" >&2
        exit 2
        ;;
esac

# One caller at a time sets the server up; the rest wait here and then find it running.
exec 9>"$dir.lock"
flock 9

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin="$(find_bin)"
fi

if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    if [ ! -f "$data/PG_VERSION" ]; then
        log "creating a cluster in $data"
        rm -rf "$dir"
        mkdir -p "$dir"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
        as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
            cat "$dir/initdb.log" >&2
            exit 1
        }
    fi
    log "starting on 127.0.0.1:$port"
    # 9>&-: the server must not inherit the lock, or it would hold it for its whole life.
    # fsync off: this cluster is thrown away, and every test creates and drops a database,
    # which otherwise waits for the disk each time.
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" \
        start >&2 9>&- || {
        tail -n 30 "$dir/server.log" >&2 || true
        exit 1
    }
fi

psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq)
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE $database" >&2
fi

echo "$url"
