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
