"""Shared pieces of the hardening suites: gateways started with a config of the test's own
(optionally under a lower file-descriptor limit), readings of a process from /proc, and the
error envelope of each client surface (CONTRACT §6)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
from pathlib import Path

import pytest

from conftest import Gateway, Process, binary_path, free_ports, port_accepts, readiness, wait_until


def spawn(name: str, args: list[str], workdir: Path, nofile: int | None = None) -> Process:
    """`switchyard ARGS` with output to files, like conftest.start_process, optionally with
    RLIMIT_NOFILE lowered to `nofile` (soft and hard) for the child only."""
    binary = binary_path()
    if not binary.exists():
        pytest.exit(f"switchyard binary not found at {binary} (set SWITCHYARD_BIN)", returncode=2)
    stdout_path = workdir / f"{name}.stdout.log"
    stderr_path = workdir / f"{name}.stderr.log"
    env = dict(os.environ)
    env.pop("SWITCHYARD_CONFIG", None)

    def limit_fds() -> None:
        if nofile is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    popen = subprocess.Popen(
        [str(binary), *args],
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=open(stdout_path, "wb"),
        stderr=open(stderr_path, "wb"),
        preexec_fn=limit_fds,
    )
    return Process(name, popen, stdout_path, stderr_path)


def start_mock_provider(workdir: Path, *extra: str) -> tuple[Process, int]:
    (port,) = free_ports(1)
    process = spawn("mock-provider", ["mock-provider", "--port", str(port), *extra], workdir)
    wait_until(process, lambda: port_accepts(port), f"mock-provider listening on {port}")
    return process, port


def start_gateway(workdir: Path, name: str, config: str, master_key: str, nofile: int | None = None) -> Gateway:
    (port,) = free_ports(1)
    path = workdir / f"{name}.yaml"
    path.write_text(config)
    process = spawn(name, ["serve", "--config", str(path), "--port", str(port)], workdir, nofile)
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    return Gateway(port, process, master_key)


# -- /proc readings ---------------------------------------------------------------------------


def fd_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def fd_limit(pid: int) -> int:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            return int(line.split()[3])
    raise AssertionError("no 'Max open files' in /proc/PID/limits")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/PID/status")


def cpu_seconds(pid: int) -> float:
    """utime + stime of the whole process, in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- error envelopes (CONTRACT §6) ------------------------------------------------------------


def envelope_problem(surface: str, body: bytes) -> str | None:
    """Why `body` is not an error envelope of `surface` ("openai", "anthropic", "gemini"), or None."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return f"not JSON: {body[:300]!r}"
    if not isinstance(payload, dict):
        return f"not a JSON object: {body[:300]!r}"
    error = payload.get("error")
    if not isinstance(error, dict):
        return f"no error object: {payload!r:.300}"
    if surface == "openai":
        if set(payload) != {"error"}:
            return f"OpenAI envelope has other top-level keys: {sorted(payload)}"
        if not (isinstance(error.get("message"), str) and error["message"]):
            return f"OpenAI error without a message: {error!r:.300}"
        if not {"type", "param", "code"} <= set(error):
            return f"OpenAI error lacks type/param/code: {error!r:.300}"
    elif surface == "anthropic":
        if payload.get("type") != "error":
            return f"Anthropic envelope without type=error: {payload!r:.300}"
        if not (isinstance(error.get("type"), str) and isinstance(error.get("message"), str) and error["message"]):
            return f"Anthropic error lacks type/message: {error!r:.300}"
    elif surface == "gemini":
        if set(payload) != {"error"}:
            return f"Gemini envelope has other top-level keys: {sorted(payload)}"
        if not isinstance(error.get("code"), int):
            return f"Gemini error without an integer code: {error!r:.300}"
        if not (isinstance(error.get("message"), str) and error["message"]):
            return f"Gemini error without a message: {error!r:.300}"
        if not (isinstance(error.get("status"), str) and error["status"]):
            return f"Gemini error without a status: {error!r:.300}"
    else:
        raise ValueError(surface)
    return None


def assert_envelope(surface: str, status: int, body: bytes) -> dict:
    problem = envelope_problem(surface, body)
    assert problem is None, f"{status} answer on the {surface} surface: {problem}"
    payload = json.loads(body)
    if surface == "gemini":
        assert payload["error"]["code"] == status, f"Gemini error code {payload['error']['code']} on a {status}"
    return payload["error"]
