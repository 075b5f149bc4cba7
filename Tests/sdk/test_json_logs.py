"""`json_logs`: every line the gateway writes is one JSON object, request ids included."""

from __future__ import annotations

import json
import re

import httpx

from conftest import free_ports, readiness, shut_down, start_process, wait_until

MASTER = "sk-json-logs-master"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def run_gateway(tmp_path, settings: str, env_json: bool = False) -> list[str]:
    """Starts a gateway with `settings`, sends a request that succeeds and two that fail, stops
    it, and answers every line it wrote to stdout and stderr."""
    (port,) = free_ports(1)
    config = tmp_path / "config.yaml"
    config.write_text(f"""\
model_list:
  - model_name: mock
    litellm_params: {{model: mock/switchyard-mock}}
  - model_name: broken
    litellm_params: {{model: openai/gpt-4o, api_base: "http://127.0.0.1:9/v1", api_key: x}}
general_settings:
  master_key: {MASTER}
  not_a_real_setting: 1
{settings}""")
    process = start_process(
        "json-logs", ["serve", "--config", str(config), "--port", str(port), "--log-level", "debug"], tmp_path,
        env={"JSON_LOGS": "True"} if env_json else None,
    )
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    headers = {"Authorization": f"Bearer {MASTER}"}
    body = {"model": "mock", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    assert httpx.post(f"http://127.0.0.1:{port}/v1/chat/completions", json=body, headers=headers, timeout=10).status_code == 200
    broken = httpx.post(
        f"http://127.0.0.1:{port}/v1/chat/completions", json={**body, "model": "broken"},
        headers={**headers, "x-request-id": 'req-"quoted"\tid'}, timeout=30,
    )
    assert broken.status_code >= 500
    assert httpx.get(f"http://127.0.0.1:{port}/key/info", params={"key": "no\nsuch key"}, headers=headers, timeout=10).status_code == 404
    shut_down(process)
    text = process.stdout_path.read_bytes() + process.stderr_path.read_bytes()
    return text.decode("utf-8").splitlines()


def check_lines(lines: list[str]) -> list[dict]:
    assert len(lines) >= 5, lines
    events = []
    for line in lines:
        event = json.loads(line)  # every line, without exception
        assert isinstance(event, dict), line
        assert TIMESTAMP.match(event["timestamp"]), line
        assert event["level"] in {"trace", "debug", "info", "notice", "warning", "error", "critical"}, line
        assert isinstance(event["message"], str) and isinstance(event["logger"], str), line
        events.append(event)
    return events


def test_every_line_is_a_json_object_with_json_logs_in_general_settings(tmp_path):
    events = check_lines(run_gateway(tmp_path, "  json_logs: true\n"))
    messages = [event["message"] for event in events]
    # The config warning from before the gateway started is a JSON line too.
    assert any("not_a_real_setting" in message and event["level"] == "warning" for message, event in zip(messages, events))
    failures = [event for event in events if event.get("request_id") == 'req-"quoted"\tid']
    assert failures, "the failed request's lines carry its request id"
    # The failed upstream attempt, with its status as a number.
    assert any(isinstance(event.get("switchyard.status"), int) and event["level"] == "warning" for event in failures), failures


def test_json_logs_in_litellm_settings_where_litellm_reads_it(tmp_path):
    check_lines(run_gateway(tmp_path, "litellm_settings:\n  json_logs: true\n"))


def test_json_logs_from_litellms_environment_variable(tmp_path):
    check_lines(run_gateway(tmp_path, "", env_json=True))


def test_without_json_logs_lines_are_text(tmp_path):
    lines = run_gateway(tmp_path, "")
    assert lines and not any(line.startswith("{") for line in lines)
