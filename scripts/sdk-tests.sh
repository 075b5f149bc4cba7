#!/usr/bin/env bash
# Runs the official-SDK test suite (Tests/sdk) against a built switchyard binary.
#
#   scripts/sdk-tests.sh [extra pytest args]
#
# SWITCHYARD_BIN  the binary to test (default .build/debug/switchyard)
# SDK_VENV        the virtualenv to create or reuse (default .build/sdk-venv)
# PYTHON          the interpreter that creates it (default python3)
#
# Exit status is pytest's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
VENV="${SDK_VENV:-$ROOT/.build/sdk-venv}"
REQUIREMENTS="$ROOT/Tests/sdk/requirements.txt"
BIN="${SWITCHYARD_BIN:-.build/debug/switchyard}"
case "$BIN" in
    /*) ;;
    *) BIN="$ROOT/$BIN" ;;
esac
export SWITCHYARD_BIN="$BIN"

if [ ! -x "$BIN" ]; then
    echo "sdk-tests: no switchyard binary at $BIN (build it with 'swift build', or set SWITCHYARD_BIN)" >&2
    exit 2
fi

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "sdk-tests: $PYTHON not found" >&2
    exit 2
fi

make_venv() {
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    "$PYTHON" -m venv "$VENV"
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    if ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
        if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
            echo "sdk-tests: ensurepip is missing; installing python3-venv with apt-get" >&2
            DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
            pyver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${pyver}-venv" >/dev/null 2>&1 \
                || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        else
            echo "sdk-tests: '$PYTHON -m venv' needs ensurepip; install python3-venv (e.g. apt-get install python3-venv)" >&2
            exit 2
        fi
    fi
    make_venv
fi

# Reinstall only when requirements.txt changed since the last successful install.
STAMP="$VENV/.requirements.sha256"
WANT="$(cat "$REQUIREMENTS" | "$VENV/bin/python" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
    echo "$WANT" > "$STAMP"
fi

export PYTHONDONTWRITEBYTECODE=1
set +e
# A test still running after 240 s prints every thread's Python stack (it is not stopped).
"$VENV/bin/python" -m pytest "$ROOT/Tests/sdk" -p no:cacheprovider -rfE -o faulthandler_timeout=240 "$@"
status=$?
set -e
exit "$status"
