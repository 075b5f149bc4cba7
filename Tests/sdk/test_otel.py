"""OpenTelemetry traces (`litellm_settings.callbacks: ["otel"]`), checked at a fake OTLP/HTTP
collector (`otlp_collector.py`, decoding with `opentelemetry-proto`) and at the fake upstream
the gateway calls (`echo_upstream.py`, which journals the headers it received).

A request is one span of kind server, continuing the client's W3C trace; each upstream attempt
(a failure, then the fallback that answered) is a client span under it; the answering
attempt's trace context is what the upstream receives as `traceparent`. A collector that is
down costs requests nothing and its lost spans are counted."""

from __future__ import annotations

import os
import secrets
import time

import httpx
import openai
import pytest

from conftest import free_ports, readiness, shut_down, start_process, wait_until
from echo_upstream import EchoUpstream
from otlp_collector import OTLPCollector

MASTER = "sk-otel-master"
PRICES = (0.000001, 0.000002)  # per input and output token on `echo`


def config(echo_root: str, callbacks: bool = True) -> str:
    litellm = 'litellm_settings:\n  callbacks: ["otel"]\n' if callbacks else ""
    return f"""\
model_list:
  - model_name: flaky            # nothing listens there: its attempt fails at once
    litellm_params: {{model: openai/gpt-4o, api_base: "http://127.0.0.1:9/v1", api_key: sk-x}}
  - model_name: echo
    litellm_params: {{model: openai/echo-model, api_base: "{echo_root}/v1", api_key: sk-up}}
    model_info: {{input_cost_per_token: {PRICES[0]}, output_cost_per_token: {PRICES[1]}}}
router_settings:
  num_retries: 0
  fallbacks: [{{flaky: [echo]}}]
{litellm}general_settings:
  master_key: {MASTER}
"""


class Traced:
    """A gateway in front of an echo upstream, exporting to a collector (or to `endpoint`)."""

    def __init__(self, tmp_path, env: dict[str, str], callbacks: bool = True, endpoint: str | None = None):
        self.collector = OTLPCollector().start()
        self.echo = EchoUpstream().start()
        (self.port,) = free_ports(1)
        (tmp_path / "config.yaml").write_text(config(self.echo.root, callbacks))
        environment = {
            "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint or self.collector.root,
            "OTEL_BSP_SCHEDULE_DELAY": "100",
            "OTEL_SERVICE_NAME": "switchyard-under-test",
            **env,
        }
        self.process = start_process("otel-gateway", ["serve", "--config", "config.yaml", "--port", str(self.port)], tmp_path, env=environment)
        wait_until(self.process, lambda: readiness(self.port), "GET /health/readiness answered 200")
        self.root = f"http://127.0.0.1:{self.port}"

    def key(self, alias: str) -> str:
        response = httpx.post(f"{self.root}/key/generate", json={"key_alias": alias}, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()["key"]

    def stop(self) -> None:
        shut_down(self.process)
        self.echo.stop()
        self.collector.stop()


@pytest.fixture
def traced(tmp_path):
    gateways: list[Traced] = []

    def start(env: dict[str, str] | None = None, **options) -> Traced:
        gateways.append(Traced(tmp_path / f"g{len(gateways)}", env or {}, **options))
        return gateways[-1]

    for index in range(3):
        (tmp_path / f"g{index}").mkdir()
    yield start
    for gateway in gateways:
        gateway.stop()


def client_traceparent() -> tuple[str, str, str]:
    trace_id, parent_id = secrets.token_hex(16), secrets.token_hex(8)
    return trace_id, parent_id, f"00-{trace_id}-{parent_id}-01"


def test_a_request_and_each_attempt_are_spans_of_the_clients_trace(traced):
    gateway = traced({"OTEL_EXPORTER_OTLP_HEADERS": "x-collector-token=t0k3n"})
    key = gateway.key("otel-team")
    trace_id, parent_id, traceparent = client_traceparent()
    client = openai.OpenAI(api_key=key, base_url=f"{gateway.root}/v1", default_headers={"traceparent": traceparent})
    raw = client.chat.completions.with_raw_response.create(model="flaky", messages=[{"role": "user", "content": "trace me"}])
    completion = raw.parse()
    assert completion.choices[0].message.content == "You said: trace me"
    assert raw.headers["x-fallback-from"] == "flaky"

    spans = gateway.collector.wait_for(lambda spans: sum(s.trace_id == trace_id for s in spans) >= 3)
    ours = [s for s in spans if s.trace_id == trace_id]
    (server,) = [s for s in ours if s.kind == "SPAN_KIND_SERVER"]
    attempts = sorted((s for s in ours if s.kind == "SPAN_KIND_CLIENT"), key=lambda s: s.attributes["switchyard.attempt"])
    assert len(attempts) == 2, ours

    # The request: a child of the client's span, named and described by the GenAI conventions.
    assert server.parent_span_id == parent_id
    assert server.name == "chat flaky"
    attributes = server.attributes
    assert attributes["gen_ai.operation.name"] == "chat"
    assert attributes["gen_ai.request.model"] == "flaky"
    assert attributes["gen_ai.response.model"] == "echo-model"
    assert attributes["gen_ai.provider.name"] == "openai"
    assert attributes["gen_ai.usage.input_tokens"] == 5
    assert attributes["gen_ai.usage.output_tokens"] == 5
    assert attributes["http.response.status_code"] == 200
    assert attributes["switchyard.key_alias"] == "otel-team"
    assert attributes["switchyard.request_id"] == raw.headers["x-request-id"]
    assert attributes["switchyard.cost_usd"] == pytest.approx(5 * PRICES[0] + 5 * PRICES[1])
    assert server.status != "STATUS_CODE_ERROR"

    # The attempts: the failed one, then the fallback that answered, both under the request.
    failed, answered = attempts
    for attempt in attempts:
        assert attempt.parent_span_id == server.span_id
        assert server.start_ns <= attempt.start_ns <= attempt.end_ns <= server.end_ns
    assert failed.name == "chat gpt-4o"
    assert failed.status == "STATUS_CODE_ERROR"
    assert failed.attributes["error.type"]
    assert failed.attributes["gen_ai.request.model"] == "gpt-4o"
    assert answered.name == "chat echo-model"
    assert answered.status != "STATUS_CODE_ERROR"
    assert answered.attributes["gen_ai.provider.name"] == "openai"
    assert answered.attributes["http.response.status_code"] == 200
    assert answered.attributes["gen_ai.usage.input_tokens"] == 5
    assert answered.start_ns >= failed.end_ns

    # The upstream's parent is the attempt that called it, in the client's trace.
    (received,) = gateway.echo.requests
    assert received.headers["traceparent"] == f"00-{trace_id}-{answered.span_id}-01"

    # The standard variables: service name, protocol (protobuf by default), export headers.
    assert server.resource["service.name"] == "switchyard-under-test"
    assert server.content_type == "application/x-protobuf"
    assert server.export_headers["x-collector-token"] == "t0k3n"


def test_a_streamed_answer_ends_its_spans_with_its_last_byte_and_their_usage(traced):
    gateway = traced({"OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"})
    client = openai.OpenAI(api_key=MASTER, base_url=f"{gateway.root}/v1")
    stream = client.chat.completions.create(
        model="echo", messages=[{"role": "user", "content": "stream it"}], stream=True, stream_options={"include_usage": True}
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    finished = time.time_ns()
    assert text == "You said: stream it"

    spans = gateway.collector.wait_for(lambda spans: len(spans) >= 2)
    (server,) = [s for s in spans if s.kind == "SPAN_KIND_SERVER"]
    (attempt,) = [s for s in spans if s.kind == "SPAN_KIND_CLIENT"]
    assert server.parent_span_id == ""  # no traceparent from the client: a new trace
    assert attempt.parent_span_id == server.span_id
    # Usage is only known once the stream's last event is read, so the spans carry it only if
    # they ended then, not when the upstream's headers arrived.
    for span in (server, attempt):
        assert span.attributes["gen_ai.usage.input_tokens"] == 5
        assert span.attributes["gen_ai.usage.output_tokens"] == 5
        assert span.end_ns <= finished
    assert server.attributes.get("switchyard.key_alias") is None  # the master key has no alias
    assert server.content_type == "application/json"


def test_a_collector_that_is_down_costs_requests_nothing_and_its_spans_are_counted(traced):
    (dead,) = free_ports(1)
    gateway = traced({"OTEL_BSP_EXPORT_TIMEOUT": "500", "OTEL_EXPORTER_OTLP_TIMEOUT": "500"}, endpoint=f"http://127.0.0.1:{dead}")
    client = openai.OpenAI(api_key=MASTER, base_url=f"{gateway.root}/v1", max_retries=0)
    started = time.monotonic()
    for index in range(20):
        reply = client.chat.completions.create(model="echo", messages=[{"role": "user", "content": f"n{index}"}])
        assert reply.choices[0].message.content == f"You said: n{index}"
    # Twenty requests while every export fails: nowhere near one export timeout each.
    assert time.monotonic() - started < 5

    def dropped() -> float:
        metrics = httpx.get(f"{gateway.root}/metrics", headers={"Authorization": f"Bearer {MASTER}"}, timeout=5).text
        lines = [line for line in metrics.splitlines() if line.startswith("switchyard_otel_spans_dropped_total")]
        return float(lines[0].split()[-1]) if lines else 0.0

    deadline = time.monotonic() + 30
    while dropped() < 40 and time.monotonic() < deadline:  # a server and a client span per request
        time.sleep(0.2)
    assert dropped() >= 40
    assert gateway.collector.spans == []


def test_without_the_callback_nothing_is_traced_or_sent_upstream(traced):
    gateway = traced(callbacks=False)
    trace_id, _, traceparent = client_traceparent()
    client = openai.OpenAI(api_key=MASTER, base_url=f"{gateway.root}/v1", default_headers={"traceparent": traceparent})
    client.chat.completions.create(model="echo", messages=[{"role": "user", "content": "untraced"}])
    (received,) = gateway.echo.requests
    assert "traceparent" not in received.headers
    # Shutting down flushes whatever would have been exported: nothing was.
    shut_down(gateway.process)
    assert gateway.collector.spans == []


def test_an_otlp_protocol_this_build_cannot_speak_stops_the_gateway_with_the_reason(tmp_path):
    echo = EchoUpstream().start()
    try:
        (tmp_path / "config.yaml").write_text(config(echo.root))
        (port,) = free_ports(1)
        process = start_process(
            "otel-grpc", ["serve", "--config", "config.yaml", "--port", str(port)], tmp_path, env={"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}
        )
        status = process.popen.wait(timeout=30)
        assert status != 0
        assert "OTLP/HTTP" in process.output() and "grpc" in process.output()
    finally:
        echo.stop()
