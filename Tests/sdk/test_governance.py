"""Governance through the real binary: virtual keys with the official SDKs, the `keys` CLI,
the embedded SQLite store, and what a graceful stop and a kill -9 keep of the spend log."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import anthropic
import httpx
import openai
import pytest

from conftest import (
    Gateway,
    binary_path,
    shut_down,
    start_governed_gateway,
)

MASTER = "sk-gov-master"


def generate_key(gateway: Gateway, **fields) -> str:
    response = httpx.post(
        f"{gateway.root}/key/generate", json=fields, headers={"Authorization": f"Bearer {gateway.master_key}"}, timeout=10
    )
    assert response.status_code == 200, response.text
    return response.json()["key"]


def sdk(gateway: Gateway, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0, timeout=30.0)


def ask(client: openai.OpenAI, model: str = "mock"):
    return client.chat.completions.with_raw_response.create(
        model=model, max_tokens=5, messages=[{"role": "user", "content": "hello there"}]
    )


def test_a_virtual_key_works_with_the_openai_and_anthropic_sdks(gateway):
    key = generate_key(gateway, models=["gpt-4o", "claude"], key_alias="sdk")
    with sdk(gateway, key) as client:
        raw = ask(client, "gpt-4o")
        assert raw.parse().choices[0].message.content
        assert float(raw.headers["x-credits-used"]) > 0
        with pytest.raises(openai.PermissionDeniedError) as denied:
            ask(client, "mock")
        assert denied.value.code == "model_not_allowed"
    with anthropic.Anthropic(base_url=gateway.root, api_key=key, max_retries=0) as claude:
        message = claude.messages.create(model="claude", max_tokens=20, messages=[{"role": "user", "content": "hi"}])
        assert message.content[0].text
        with pytest.raises(anthropic.PermissionDeniedError):
            claude.messages.create(model="mock", max_tokens=20, messages=[{"role": "user", "content": "hi"}])
    with sdk(gateway, "sk-made-up-key-0000") as client, pytest.raises(openai.AuthenticationError):
        ask(client)


def test_budget_and_rate_limits_surface_as_sdk_errors(gateway):
    budget_key = generate_key(gateway, max_budget=0.0000001)
    with sdk(gateway, budget_key) as client:
        with pytest.raises(openai.APIStatusError) as spent:
            for _ in range(5):
                ask(client, "gpt-4o")
        assert spent.value.status_code == 402
        assert spent.value.body["type"] == "budget_exceeded"

    limited_key = generate_key(gateway, rpm_limit=1)
    with sdk(gateway, limited_key) as client:
        first = ask(client)
        assert first.headers["x-ratelimit-limit-requests"] == "1"
        assert first.headers["x-ratelimit-remaining-requests"] == "0"
        with pytest.raises(openai.RateLimitError) as limited:
            ask(client)
        assert int(limited.value.response.headers["retry-after"]) >= 1


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary_path()), "keys", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_the_keys_cli_manages_keys_a_running_gateway_honours(gateway, tmp_path):
    database = f"sqlite:{gateway.process.stdout_path.parent / 'switchyard.db'}"
    created = run_cli("create", "--database-url", database, "--alias", "from-cli", "--models", "mock", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip()
    assert secret.startswith("sk-")
    with sdk(gateway, secret) as client:
        assert ask(client).parse().choices[0].message.content

    listed = run_cli("list", "--database-url", database, cwd=tmp_path)
    assert "from-cli" in listed.stdout
    assert secret not in listed.stdout

    revoked = run_cli("revoke", "--database-url", database, "from-cli", cwd=tmp_path)
    assert revoked.returncode == 0, revoked.stderr
    deadline = time.monotonic() + 5
    with sdk(gateway, secret) as client:
        while True:
            try:
                ask(client)
            except openai.AuthenticationError:
                break
            assert time.monotonic() < deadline, "the revoked key still works after 5 s"
            time.sleep(0.2)
    assert run_cli("revoke", "--database-url", database, "from-cli", cwd=tmp_path).returncode == 1


def test_the_demo_keeps_its_store_in_the_working_directory(demo_gateway):
    with openai.OpenAI(base_url=demo_gateway.base_url, api_key="anything", max_retries=0) as client:
        ask(client)
    workdir = demo_gateway.process.stdout_path.parent
    assert (workdir / "switchyard.db").exists()


# A gateway of its own, to stop and kill.

def spend_log_rows(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT COUNT(*) FROM switchyard_spend_logs").fetchone()[0]


def start_gateway(workdir: Path, batch_write_seconds: float) -> Gateway:
    return start_governed_gateway(workdir, "governed", MASTER, batch_write_seconds, prices=(0.000001, 0.000002))


def send(gateway: Gateway, count: int) -> None:
    with sdk(gateway, MASTER) as client:
        for _ in range(count):
            ask(client)


def test_a_graceful_stop_loses_no_spend_log_row(tmp_path):
    gateway = start_gateway(tmp_path, batch_write_seconds=30)  # nothing is written before the stop
    send(gateway, 25)
    shut_down(gateway.process)
    assert spend_log_rows(tmp_path / "switchyard.db") == 25


def test_kill_9_loses_at_most_one_write_interval(tmp_path):
    interval = 0.5
    gateway = start_gateway(tmp_path, batch_write_seconds=interval)
    send(gateway, 20)
    time.sleep(interval * 3)  # those 20 are written by now
    send(gateway, 10)
    gateway.process.popen.send_signal(signal.SIGKILL)
    gateway.process.popen.wait(timeout=10)
    rows = spend_log_rows(tmp_path / "switchyard.db")
    print(f"kill -9: {rows} of 30 rows kept (the last {30 - rows} were inside the final {interval}s write interval)")
    assert 20 <= rows <= 30


def test_a_key_cannot_escape_its_allowlist_from_any_sdk(gateway):
    """Client-named fallbacks and model lists, and token counting, are held to the key's models."""
    from google.genai import errors as genai_errors

    from conftest import make_genai_client

    key = generate_key(gateway, models=["gpt-4o"], key_alias="allowlist")
    with sdk(gateway, key) as client:
        for extra in ({"fallbacks": ["mock"]}, {"models": ["gpt-4o", "mock"]}):
            with pytest.raises(openai.PermissionDeniedError) as denied:
                client.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "user", "content": "hi"}], extra_body=extra
                )
            assert denied.value.code == "model_not_allowed"
    with anthropic.Anthropic(base_url=gateway.root, api_key=key, max_retries=0) as claude:
        with pytest.raises(anthropic.PermissionDeniedError):
            claude.messages.count_tokens(model="claude", messages=[{"role": "user", "content": "hi"}])
        assert claude.messages.count_tokens(model="gpt-4o", messages=[{"role": "user", "content": "hi"}]).input_tokens > 0
    with make_genai_client(gateway, key) as genai:
        with pytest.raises(genai_errors.ClientError) as refused:
            genai.models.count_tokens(model="claude", contents="hi")
        assert refused.value.code == 403
        assert refused.value.status == "PERMISSION_DENIED"


def test_byte_pass_through_is_costed_for_anthropic_and_gemini_clients(gateway):
    """Same-dialect pairs are relayed as bytes; their usage is still read and priced."""
    from conftest import make_genai_client

    key = generate_key(gateway, key_alias="pass-through")
    with anthropic.Anthropic(base_url=gateway.root, api_key=key, max_retries=0) as claude:
        raw = claude.messages.with_raw_response.create(
            model="claude", max_tokens=20, messages=[{"role": "user", "content": "count these words"}]
        )
        assert float(raw.headers["x-credits-used"]) > 0
        with claude.messages.stream(model="claude", max_tokens=20, messages=[{"role": "user", "content": "and these"}]) as stream:
            final = stream.get_final_message()
        assert final.usage.output_tokens > 0
    with make_genai_client(gateway, key) as genai:
        genai.models.generate_content(model="gemini-flash", contents="plain words here")
        list(genai.models.generate_content_stream(model="gemini-flash", contents="streamed words here"))

    deadline = time.monotonic() + 5
    while True:
        logs = httpx.get(
            f"{gateway.root}/spend/logs",
            params={"api_key": key},
            headers={"Authorization": f"Bearer {gateway.master_key}"},
            timeout=10,
        ).json()
        if logs["total"] == 4 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert logs["total"] == 4
    for row in logs["data"]:
        assert row["prompt_tokens"] > 0, row
        assert row["completion_tokens"] > 0, row
        assert row["spend"] > 0, row
    assert {row["call_type"] for row in logs["data"]} == {"messages", "generateContent", "streamGenerateContent"}
