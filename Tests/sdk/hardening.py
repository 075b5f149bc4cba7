"""Shared pieces of the hardening suites: gateways started with a config of the test's own
(optionally under a lower file-descriptor limit), readings of a process from /proc, and the
error envelope of each client surface (CONTRACT §6)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import Gateway, Process, free_ports, port_accepts, readiness, start_process, wait_until


def start_mock_provider(workdir: Path, *extra: str) -> tuple[Process, int]:
    (port,) = free_ports(1)
    process = start_process("mock-provider", ["mock-provider", "--port", str(port), *extra], workdir)
    wait_until(process, lambda: port_accepts(port), f"mock-provider listening on {port}")
    return process, port


def start_gateway(workdir: Path, name: str, config: str, master_key: str, nofile: int | None = None) -> Gateway:
    (port,) = free_ports(1)
    path = workdir / f"{name}.yaml"
    path.write_text(config)
    process = start_process(name, ["serve", "--config", str(path), "--port", str(port)], workdir, nofile)
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    return Gateway(port, process, master_key)


def start_gateway_before(upstream: Process, workdir: Path, name: str, config: str, master_key: str) -> Gateway:
    """`start_gateway` in front of an upstream already running, which is stopped if the
    gateway does not come up."""
    try:
        return start_gateway(workdir, name, config, master_key)
    except BaseException:
        upstream.stop()
        raise


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
