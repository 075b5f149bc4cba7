"""SIGTERM while a stream is in flight: the listener closes at once, the stream runs to its
end, and the process exits 0 (CONTRACT §1)."""

from __future__ import annotations

import signal
import threading
import time

import httpx
import openai
import pytest

from conftest import SHUTDOWN_TIMEOUT, free_ports, readiness, start_process, wait_until

MASTER = "sk-shutdown-master"


def test_sigterm_lets_an_in_flight_stream_finish_and_refuses_new_connections(tmp_path):
    upstream_port, gateway_port = free_ports(2)
    upstream = start_process("slow-upstream", ["mock-provider", "--port", str(upstream_port), "--chunk-delay-ms", "100"], tmp_path)
    wait_until(upstream, lambda: httpx.get(f"http://127.0.0.1:{upstream_port}/v1/models", timeout=2.0).status_code == 200,
               "the mock provider answered")
    config = tmp_path / "config.yaml"
    config.write_text(
        f"""\
model_list:
  - model_name: slow
    litellm_params: {{model: openai/slow, api_base: "http://127.0.0.1:{upstream_port}/v1", api_key: sk-upstream}}
general_settings:
  master_key: {MASTER}
"""
    )
    gateway = start_process("stopping", ["serve", "--config", str(config), "--port", str(gateway_port)], tmp_path)
    try:
        wait_until(gateway, lambda: readiness(gateway_port), "GET /health/readiness answered 200")
        client = openai.OpenAI(base_url=f"http://127.0.0.1:{gateway_port}/v1", api_key=MASTER, max_retries=0)
        first_chunk = threading.Event()
        outcome: dict = {}

        def stream() -> None:
            try:
                pieces, finish = [], None
                for chunk in client.chat.completions.create(
                    model="slow", messages=[{"role": "user", "content": "tell me a story"}], stream=True
                ):
                    first_chunk.set()
                    if chunk.choices:
                        pieces.append(chunk.choices[0].delta.content or "")
                        finish = chunk.choices[0].finish_reason or finish
                outcome["text"], outcome["finish"] = "".join(pieces), finish
                outcome["ended"] = time.monotonic()
            except Exception as error:  # noqa: BLE001 - reported by the assertions below
                outcome["error"] = error
            finally:
                first_chunk.set()

        reader = threading.Thread(target=stream)
        reader.start()
        assert first_chunk.wait(10), "the stream never started"
        stop_sent = time.monotonic()
        gateway.popen.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{gateway_port}/health/liveliness", timeout=2.0)
        reader.join(15)
        assert "error" not in outcome, outcome.get("error")
        assert outcome.get("finish") == "stop"
        assert len(outcome.get("text", "")) > 20
        status = gateway.popen.wait(timeout=SHUTDOWN_TIMEOUT)
        assert status == 0, gateway.output()
        # The stream was still running when the signal came: its events are 100 ms apart.
        assert outcome["ended"] - stop_sent > 0.3
    finally:
        gateway.stop()
        upstream.stop()


def test_sigterm_ends_a_request_stuck_on_a_silent_upstream_after_the_shutdown_timeout(tmp_path):
    """An upstream that accepts and never answers cannot hold the process past
    `graceful_shutdown_timeout`: the request is ended, logged as 499, and the process exits 0."""
    import socket
    import sqlite3

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    accepted = []
    threading.Thread(target=lambda: [accepted.append(silent.accept()) for _ in range(4)], daemon=True).start()
    (gateway_port,) = free_ports(1)
    config = tmp_path / "config.yaml"
    config.write_text(
        f"""\
model_list:
  - model_name: silent
    litellm_params: {{model: openai/silent, api_base: "http://127.0.0.1:{silent.getsockname()[1]}/v1", api_key: sk-upstream}}
general_settings:
  master_key: {MASTER}
  graceful_shutdown_timeout: 1
"""
    )
    gateway = start_process("stuck", ["serve", "--config", str(config), "--port", str(gateway_port)], tmp_path)
    try:
        wait_until(gateway, lambda: readiness(gateway_port), "GET /health/readiness answered 200")
        client = openai.OpenAI(base_url=f"http://127.0.0.1:{gateway_port}/v1", api_key=MASTER, max_retries=0, timeout=60)
        outcome: dict = {}

        def ask() -> None:
            try:
                client.chat.completions.create(model="silent", messages=[{"role": "user", "content": "hello?"}])
            except Exception as error:  # noqa: BLE001 - the request is ended; how is asserted below
                outcome["error"] = error

        asker = threading.Thread(target=ask)
        asker.start()
        deadline = time.monotonic() + 10
        while not accepted and time.monotonic() < deadline:
            time.sleep(0.05)
        assert accepted, "the gateway never reached the upstream"
        stop_sent = time.monotonic()
        gateway.popen.send_signal(signal.SIGTERM)
        status = gateway.popen.wait(timeout=SHUTDOWN_TIMEOUT)
        stopped_after = time.monotonic() - stop_sent
        asker.join(10)
        assert status == 0, gateway.output()
        assert 0.9 < stopped_after < 5, f"exited {stopped_after:.1f}s after SIGTERM with a 1 s shutdown timeout"
        assert "error" in outcome, "the stuck request cannot have succeeded"
        with sqlite3.connect(tmp_path / "switchyard.db") as database:
            statuses = [row[0] for row in database.execute("SELECT status FROM switchyard_spend_logs")]
        assert statuses == [499], statuses
    finally:
        gateway.stop()
        silent.close()
