"""Fixtures that run the real `switchyard` binary for the official-SDK tests.

Two session-scoped gateways are started:

* `gateway`: `switchyard serve --config CFG` in front of a standalone
  `switchyard mock-provider` (a fake upstream speaking the OpenAI, Anthropic and Gemini
  wire formats), with a master key. Its chat deployments cover every provider dialect:
  `gpt-4o` (OpenAI), `claude` (Anthropic), `gemini-flash` (Gemini), all three on the
  mock-provider, and `mock` (the in-process mock).
* `demo_gateway`: `switchyard serve` with no config at all (the embedded demo, keyless).

Both are stopped with SIGTERM at the end of the session and must exit with status 0
within 10 seconds (graceful shutdown is part of the contract).

The binary comes from `$SWITCHYARD_BIN` (default `.build/debug/switchyard`, relative to
the repository root).
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import anthropic
import httpx
import openai
import pytest
from google import genai
from google.genai import types as genai_types

REPO_ROOT = Path(__file__).resolve().parents[2]
MASTER_KEY = "sk-test-master"
READY_TIMEOUT = 30.0
SHUTDOWN_TIMEOUT = 10.0


def binary_path() -> Path:
    raw = os.environ.get("SWITCHYARD_BIN") or ".build/debug/switchyard"
    path = Path(raw)
    if not path.is_absolute():
        path = (REPO_ROOT / path) if not path.exists() else path.resolve()
    return path


def free_ports(count: int) -> list[int]:
    """Distinct free loopback ports (all sockets held open until every port is chosen)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass
class Process:
    """A running subprocess whose output goes to files (so pipes never fill up)."""

    name: str
    popen: subprocess.Popen
    stdout_path: Path
    stderr_path: Path

    def output(self) -> str:
        parts = []
        for label, path in (("stdout", self.stdout_path), ("stderr", self.stderr_path)):
            try:
                text = path.read_text(errors="replace")
            except OSError:
                text = ""
            parts.append(f"--- {self.name} {label} ---\n{text[-8000:]}")
        return "\n".join(parts)

    def stop(self) -> int | None:
        """SIGTERM, then wait; returns the exit status, or None if it did not exit in time."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            return None


def start_process(name: str, args: list[str], workdir: Path, nofile: int | None = None, env: dict[str, str] | None = None) -> Process:
    """`switchyard ARGS` with output to files; `nofile` lowers RLIMIT_NOFILE (soft and hard)
    for the child only; `env` adds to its environment."""
    binary = binary_path()
    if not binary.exists():
        pytest.exit(f"switchyard binary not found at {binary} (set SWITCHYARD_BIN)", returncode=2)
    stdout_path = workdir / f"{name}.stdout.log"
    stderr_path = workdir / f"{name}.stderr.log"
    extra = env or {}
    env = dict(os.environ)
    env.pop("SWITCHYARD_CONFIG", None)  # the keyless demo must really run with no config
    env.pop("JSON_LOGS", None)
    env.update(extra)

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


def wait_until(process: Process, probe, what: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    last_error = "never answered"
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            print(process.output())
            pytest.fail(
                f"{process.name} exited with status {process.popen.returncode} before {what}\n"
                + process.output(),
                pytrace=False,
            )
        try:
            if probe():
                return
        except Exception as error:  # noqa: BLE001 - any failure means "not yet"
            last_error = repr(error)
        time.sleep(0.1)
    print(process.output())
    process.stop()
    pytest.fail(
        f"{process.name} not ready within {READY_TIMEOUT:.0f}s ({what}; last error: {last_error})\n"
        + process.output(),
        pytrace=False,
    )


def port_accepts(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True


def readiness(port: int) -> bool:
    response = httpx.get(f"http://127.0.0.1:{port}/health/readiness", timeout=2.0)
    return response.status_code == 200


def postgres_server() -> str:
    """The URL of the test PostgreSQL server (`scripts/postgres-test-server.sh` starts it or
    finds it running)."""
    script = REPO_ROOT / "scripts" / "postgres-test-server.sh"
    result = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"could not start PostgreSQL:\n{result.stderr}", pytrace=False)
    return result.stdout.strip()


@contextmanager
def fresh_database(prefix: str):
    """A new, empty database on the test PostgreSQL server, dropped afterwards; yields its URL."""
    server = postgres_server()
    name = prefix + uuid.uuid4().hex[:12]
    subprocess.run(["psql", server, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        subprocess.run(["psql", server, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


def config_yaml(upstream_port: int) -> str:
    # OpenAI-style api_base carries the /v1 segment; anthropic/ and gemini/ take the provider root.
    root = f"http://127.0.0.1:{upstream_port}"
    upstream = f"{root}/v1"
    return f"""\
model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "{upstream}", api_key: sk-upstream}}
    model_info: {{input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}}
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "{root}", api_key: sk-upstream-anthropic}}
  - model_name: gemini-flash
    litellm_params: {{model: gemini/gemini-2.5-flash, api_base: "{root}", api_key: sk-upstream-gemini}}
  - model_name: mock
    litellm_params: {{model: mock/switchyard-mock}}
  - model_name: claude-bedrock
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      api_base: "{root}"
      aws_access_key_id: AKIDEXAMPLE
      aws_secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
      aws_region_name: us-east-1
  - model_name: text-embedding-3-small
    litellm_params: {{model: openai/text-embedding-3-small, api_base: "{upstream}", api_key: sk-upstream}}
  - model_name: broken
    litellm_params: {{model: openai/gpt-4o, api_base: "http://127.0.0.1:9/v1", api_key: x}}
router_settings:
  # the suite provokes upstream 429s on purpose ([[mock:status=429]]) through every SDK; they must
  # not cool the (single) deployments down, or later requests would get panic-mode 503s
  allowed_fails: 1000
general_settings:
  master_key: {MASTER_KEY}
"""


@dataclass
class Gateway:
    port: int
    process: Process
    master_key: str | None

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root}/v1"


def start_governed_gateway(
    workdir: Path,
    name: str,
    master_key: str,
    batch_write_seconds: float,
    prices: tuple[float, float],
    database_url: str | None = None,
    settings: str = "",
) -> Gateway:
    """A gateway of its own serving the in-process `mock` at `prices` (input, output per token),
    with its store in `workdir` (SQLite) or at `database_url`, and any further
    `general_settings` lines in `settings`; returns once it is ready."""
    (port,) = free_ports(1)
    database = f"\n  database_url: {database_url}" if database_url else ""
    config = workdir / "config.yaml"
    config.write_text(
        f"""\
model_list:
  - model_name: mock
    litellm_params: {{model: mock/switchyard-mock}}
    model_info: {{input_cost_per_token: {prices[0]}, output_cost_per_token: {prices[1]}}}
general_settings:
  master_key: {master_key}{database}
  proxy_batch_write_at: {batch_write_seconds}
{settings}"""
    )
    process = start_process(name, ["serve", "--config", str(config), "--port", str(port)], workdir)
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    return Gateway(port, process, master_key)


def shut_down(gateway_process: Process, others: list[Process] = ()) -> None:
    status = gateway_process.stop()
    for other in others:
        other.stop()
    if status != 0:
        print(gateway_process.output())
    assert status is not None, (
        f"{gateway_process.name} did not exit within {SHUTDOWN_TIMEOUT:.0f}s of SIGTERM\n"
        + gateway_process.output()
    )
    assert status == 0, (
        f"{gateway_process.name} exited with status {status} after SIGTERM (expected 0)\n"
        + gateway_process.output()
    )


@pytest.fixture(scope="session")
def gateway(tmp_path_factory) -> Gateway:
    workdir = tmp_path_factory.mktemp("gateway")
    upstream_port, gateway_port = free_ports(2)
    upstream = start_process("mock-provider", ["mock-provider", "--port", str(upstream_port)], workdir)
    wait_until(upstream, lambda: port_accepts(upstream_port), f"listening on port {upstream_port}")

    config = workdir / "config.yaml"
    config.write_text(config_yaml(upstream_port))
    server = start_process("gateway", ["serve", "--config", str(config), "--port", str(gateway_port)], workdir)
    try:
        wait_until(server, lambda: readiness(gateway_port), "GET /health/readiness answered 200")
    except BaseException:
        upstream.stop()
        raise
    yield Gateway(gateway_port, server, MASTER_KEY)
    shut_down(server, [upstream])


@pytest.fixture(scope="session")
def demo_gateway(tmp_path_factory) -> Gateway:
    workdir = tmp_path_factory.mktemp("demo")
    (port,) = free_ports(1)
    server = start_process("demo-gateway", ["serve", "--port", str(port)], workdir)
    wait_until(server, lambda: readiness(port), "GET /health/readiness answered 200")
    yield Gateway(port, server, None)
    shut_down(server)


@pytest.fixture(scope="session")
def client(gateway: Gateway) -> openai.OpenAI:
    """The official SDK pointed at the configured gateway, with no automatic retries."""
    with openai.OpenAI(base_url=gateway.base_url, api_key=gateway.master_key, max_retries=0, timeout=30.0) as sdk:
        yield sdk


@pytest.fixture(scope="session")
def anthropic_client(gateway: Gateway) -> anthropic.Anthropic:
    """The official Anthropic SDK pointed at the gateway (it appends /v1/messages), no retries."""
    with anthropic.Anthropic(base_url=gateway.root, api_key=gateway.master_key, max_retries=0, timeout=30.0) as sdk:
        yield sdk


def make_genai_client(gateway: Gateway, api_key: str, api_version: str | None = None, **client_args) -> genai.Client:
    """The official google-genai SDK pointed at the gateway, with its default options.

    With an API key, a custom base_url and no `api_version` (what users write), google-genai
    3.x calls `{base_url}/v1/models/{model}:generateContent` and sends the key as
    `x-goog-api-key`. It never retries unless `retry_options` are set. `client_args` go to its
    httpx client; `api_version="v1beta"` pins the older path.
    """
    options = {"api_version": api_version} if api_version else {}
    return genai.Client(
        api_key=api_key,
        http_options=genai_types.HttpOptions(base_url=gateway.root, timeout=30_000, client_args=client_args or None, **options),
    )


@pytest.fixture(scope="session")
def genai_client(gateway: Gateway) -> genai.Client:
    with make_genai_client(gateway, gateway.master_key) as sdk:
        yield sdk


@pytest.fixture(scope="session")
def http(gateway: Gateway) -> httpx.Client:
    """A plain HTTP client rooted at the configured gateway (no key attached)."""
    with httpx.Client(base_url=gateway.root, timeout=30.0) as plain:
        yield plain
