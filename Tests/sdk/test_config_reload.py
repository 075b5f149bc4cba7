"""Reloading the config of a running `switchyard serve`: `SIGHUP` and `POST /config/reload`
re-read the file it was started with. A new model group answers the official SDK at once; a
file with errors is refused, logged, shown in `/health`, and the gateway goes on serving the
config it had (a SIGHUP never ends the process)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import httpx
import openai

from conftest import free_ports, readiness, shut_down, start_process, wait_until

MASTER = "sk-reload-master"


def config(models: list[str]) -> str:
    entries = "".join(f"  - model_name: {name}\n    litellm_params: {{model: mock/switchyard-mock}}\n" for name in models)
    return f"model_list:\n{entries}general_settings:\n  master_key: {MASTER}\n"


def listed(client: openai.OpenAI) -> list[str]:
    return [model.id for model in client.models.list()]


def last_reload(port: int) -> dict:
    health = httpx.get(f"http://127.0.0.1:{port}/health", headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    return health.json().get("config_reload") or {}


def eventually(probe, what: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.05)


def test_sighup_and_the_reload_route_put_a_new_file_in_force_and_refuse_a_broken_one(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text(config(["mock"]))
    (port,) = free_ports(1)
    process = start_process("reload-gateway", ["serve", "--config", str(path), "--port", str(port)], tmp_path)
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    try:
        client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key=MASTER, max_retries=0)
        assert listed(client) == ["mock"]

        path.write_text(config(["mock", "fresh"]))
        process.popen.send_signal(signal.SIGHUP)
        eventually(lambda: last_reload(port).get("trigger") == "SIGHUP", "the SIGHUP reload was recorded")
        assert last_reload(port)["status"] == "reloaded"
        assert listed(client) == ["mock", "fresh"]
        answer = client.chat.completions.create(model="fresh", messages=[{"role": "user", "content": "hi"}])
        assert answer.choices[0].message.content

        path.write_text("model_list:\n  - model_name: broken\n    litellm_params: {model: openai/gpt-4o, api_base: nowhere}\n")
        process.popen.send_signal(signal.SIGHUP)
        refused = eventually(lambda: (r := last_reload(port)).get("status") == "refused" and r, "the broken file was refused")
        assert any("api_base" in error for error in refused["errors"]), refused
        assert process.popen.poll() is None, "a SIGHUP never ends the gateway"
        assert listed(client) == ["mock", "fresh"], "the running config is kept"
        assert "config reload refused" in process.output()

        route = httpx.post(f"http://127.0.0.1:{port}/config/reload", headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
        assert route.status_code == 400 and route.json()["error"]["code"] == "config_invalid"

        path.write_text(config(["fresh"]))
        route = httpx.post(f"http://127.0.0.1:{port}/config/reload", headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
        assert route.status_code == 200, route.text
        assert route.json()["model_groups"] == 1
        assert listed(client) == ["fresh"]
    finally:
        shut_down(process)
