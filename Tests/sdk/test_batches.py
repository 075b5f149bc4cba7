"""The Batch API through the official `openai` SDK, against real `switchyard` processes in front
of a fake Anthropic upstream (`anthropic_upstream.py`): the gateway runs every line itself,
through its normal governance and routing, on a provider with no batch API of its own.

Covered: output and error files in OpenAI's line format with `request_counts` and usage, a
line refused by the key's allowlist, spend logged per line at the batch discount, owner
isolation, cancel, and durability: a gateway killed with SIGKILL mid-batch and started again
(SQLite), or one of two replicas killed while the other carries on (PostgreSQL), with every
`custom_id` answered exactly once in the output.
"""

from __future__ import annotations

import json
import signal
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import openai
import pytest

from anthropic_upstream import FakeAnthropic, reply_to, user_text
from conftest import Gateway, Process, free_ports, fresh_database, readiness, shut_down, start_process, wait_until

MASTER = "sk-batch-master"
LEASE = 2.0
PRICES = (0.001, 0.002)


@pytest.fixture(scope="module")
def upstream():
    fake = FakeAnthropic().start()
    yield fake
    fake.stop()


def config(upstream: FakeAnthropic, *, api_key: str = "sk-upstream", concurrency: int = 4, database_url: str | None = None) -> str:
    database = f"\n  database_url: {database_url}" if database_url else ""
    deployment = f'{{model: anthropic/claude-sonnet-4-5, api_base: "{upstream.root}", api_key: {api_key}}}'
    prices = f"input_cost_per_token: {PRICES[0]}, output_cost_per_token: {PRICES[1]}"
    return f"""\
model_list:
  - model_name: claude
    litellm_params: {deployment}
    model_info: {{{prices}, batch_discount: 0.5}}
  - model_name: claude-private
    litellm_params: {deployment}
    model_info: {{{prices}}}
general_settings:
  master_key: {MASTER}
  proxy_batch_write_at: 0.2
  batch_poll_interval: 0.2
  batch_lease_seconds: {LEASE}
  batch_concurrency: {concurrency}{database}
"""


def start(workdir: Path, name: str, text: str) -> Gateway:
    (port,) = free_ports(1)
    path = workdir / f"{name}.yaml"
    path.write_text(text)
    process = start_process(name, ["serve", "--config", str(path), "--port", str(port)], workdir)
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    return Gateway(port, process, MASTER)


def kill(process: Process) -> None:
    process.popen.send_signal(signal.SIGKILL)
    process.popen.wait(timeout=10)


def sdk(gateway: Gateway, key: str = MASTER) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0, timeout=30.0)


def generate_key(gateway: Gateway, **fields) -> str:
    response = httpx.post(f"{gateway.root}/key/generate", json=fields, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["key"]


def line(custom_id: str, text: str, model: str = "claude") -> dict:
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": model, "max_tokens": 50, "messages": [{"role": "user", "content": text}]},
    }


def submit(client: openai.OpenAI, lines: list[dict]) -> openai.types.Batch:
    data = "".join(json.dumps(item) + "\n" for item in lines).encode()
    uploaded = client.files.create(file=("batch.jsonl", data), purpose="batch")
    return client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h", metadata={"suite": "sdk"})


def wait_for(client: openai.OpenAI, batch_id: str, done, what: str, timeout: float = 60.0) -> openai.types.Batch:
    deadline = time.monotonic() + timeout
    while True:
        batch = client.batches.retrieve(batch_id)
        if done(batch):
            return batch
        assert time.monotonic() < deadline, f"batch {batch_id} never {what}: {batch}"
        time.sleep(0.1)


def finished(client: openai.OpenAI, batch_id: str, timeout: float = 60.0) -> openai.types.Batch:
    return wait_for(client, batch_id, lambda b: b.status in ("completed", "failed", "cancelled", "expired"), "finished", timeout)


def jsonl(client: openai.OpenAI, file_id: str | None) -> list[dict]:
    if file_id is None:
        return []
    return [json.loads(text) for text in client.files.content(file_id).text.splitlines() if text.strip()]


def heard(upstream: FakeAnthropic, tag: str) -> Counter:
    """How many times the upstream heard each line of the batch tagged `tag` (`tag:<n>`)."""
    counts: Counter = Counter()
    for received in upstream.received():
        text = user_text(received)
        if text.startswith(tag + ":"):
            counts[text.split()[0]] += 1
    return counts


# MARK: one gateway on SQLite


@pytest.fixture(scope="module")
def gateway(upstream, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("batches")
    started = start(workdir, "gateway", config(upstream))
    yield started
    shut_down(started.process)


def test_a_batch_over_an_anthropic_model_group_writes_output_and_error_files(gateway, upstream):
    key = generate_key(gateway, models=["claude"])
    tag = "run-" + uuid.uuid4().hex[:8]
    lines = [line(f"ok-{n}", f"{tag}:{n} hello number {n}") for n in range(4)]
    lines.insert(2, line("refused", f"{tag}:x not allowed", model="claude-private"))
    with sdk(gateway, key) as client:
        created = submit(client, lines)
        assert created.status == "validating"
        assert created.endpoint == "/v1/chat/completions"
        assert created.completion_window == "24h"
        assert created.metadata == {"suite": "sdk"}
        assert created.expires_at - created.created_at == 86_400
        batch = finished(client, created.id)
        assert batch.status == "completed", batch
        assert (batch.request_counts.total, batch.request_counts.completed, batch.request_counts.failed) == (5, 4, 1)
        assert batch.in_progress_at and batch.finalizing_at and batch.completed_at
        assert batch.model == None  # noqa: E711 - the lines name two models
        output = jsonl(client, batch.output_file_id)
        errors = jsonl(client, batch.error_file_id)
        listed = client.batches.list(limit=5)
        assert listed.data[0].id == batch.id

    assert [entry["custom_id"] for entry in output] == ["ok-0", "ok-1", "ok-2", "ok-3"]
    for n, entry in enumerate(output):
        assert entry["id"].startswith("batch_req_") and entry["error"] is None
        assert entry["response"]["status_code"] == 200
        assert entry["response"]["request_id"]
        body = entry["response"]["body"]
        assert body["object"] == "chat.completion"
        assert body["choices"][0]["message"]["content"] == reply_to(f"{tag}:{n} hello number {n}")
        assert body["usage"]["prompt_tokens"] == 4
    assert [entry["custom_id"] for entry in errors] == ["refused"]
    assert errors[0]["response"]["status_code"] == 403
    assert errors[0]["response"]["body"]["error"]["code"] == "model_not_allowed"
    # The usage the lines reported, summed.
    assert batch.usage.input_tokens == 16
    assert batch.usage.output_tokens == sum(body["response"]["body"]["usage"]["completion_tokens"] for body in output)
    # What reached Anthropic: each allowed line once, in Anthropic's own format; the refused one never.
    counts = heard(upstream, tag)
    assert counts == Counter({f"{tag}:{n}": 1 for n in range(4)}), counts
    sent = [r for r in upstream.received() if user_text(r).startswith(tag)]
    assert all(r.headers["x-api-key"] == "sk-upstream" and "anthropic-version" in r.headers for r in sent)
    assert all(r.json()["model"] == "claude-sonnet-4-5" for r in sent)

    # Each line that ran logged once as a batch call tagged with its batch, at half the list
    # price (the refused line was refused at admission, which logs nothing, as for any request).
    deadline = time.monotonic() + 10
    while len(rows := admin_get(gateway, "/spend/logs", tag=f"batch:{batch.id}")["data"]) < 4:
        assert time.monotonic() < deadline, rows
        time.sleep(0.2)
    assert {row["call_type"] for row in rows} == {"batch/chat/completions"}
    assert len(rows) == 4 and all(row["status_code"] == 200 for row in rows)
    for row in rows:
        assert row["list_cost"] > 0
        assert abs(row["spend"] - row["list_cost"] / 2) < 1e-12, row


def admin_get(gateway: Gateway, path: str, **params) -> dict:
    response = httpx.get(f"{gateway.root}{path}", params=params, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_batch_is_private_to_its_key_and_visible_to_admins(gateway):
    owner = generate_key(gateway)
    other = generate_key(gateway)
    with sdk(gateway, owner) as client:
        batch = submit(client, [line("only", "private please")])
    with sdk(gateway, other) as client:
        with pytest.raises(openai.NotFoundError):
            client.batches.retrieve(batch.id)
        with pytest.raises(openai.NotFoundError):
            client.batches.cancel(batch.id)
        assert batch.id not in [b.id for b in client.batches.list()]
    with sdk(gateway) as admin:
        assert admin.batches.retrieve(batch.id).id == batch.id
        finished(admin, batch.id)


def test_a_bad_input_file_fails_the_batch_with_the_lines_named(gateway):
    with sdk(gateway) as client:
        good = line("a", "fine")
        stream = line("b", "streams")
        stream["body"]["stream"] = True
        data = (json.dumps(good) + "\nnot json\n" + json.dumps(stream) + "\n" + json.dumps(good) + "\n").encode()
        uploaded = client.files.create(file=("bad.jsonl", data), purpose="batch")
        created = client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h")
        batch = finished(client, created.id)
        assert batch.status == "failed"
        assert batch.failed_at is not None and batch.output_file_id is None
        found = [(e.line, e.code, e.param) for e in batch.errors.data]
        assert found == [(2, "invalid_json_line", None), (3, "stream_not_supported", "body.stream"), (4, "duplicate_custom_id", "custom_id")]
        # A file uploaded for another purpose, an unknown file and an unknown endpoint are refused at once.
        other = client.files.create(file=("x.jsonl", data), purpose="user_data")
        with pytest.raises(openai.BadRequestError):
            client.batches.create(input_file_id=other.id, endpoint="/v1/chat/completions", completion_window="24h")
        with pytest.raises(openai.NotFoundError):
            client.batches.create(input_file_id="file-nope", endpoint="/v1/chat/completions", completion_window="24h")
        with pytest.raises(openai.BadRequestError):
            client.batches.create(input_file_id=uploaded.id, endpoint="/v1/images/edits", completion_window="24h")


def test_output_expires_after_sets_when_the_output_and_error_files_expire(gateway):
    with sdk(gateway) as client:
        lines = [line("kept", "hello"), line("refused", "nope", model="no-such-model")]
        data = "".join(json.dumps(item) + "\n" for item in lines).encode()
        uploaded = client.files.create(file=("expiring.jsonl", data), purpose="batch")
        created = client.batches.create(
            input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h",
            output_expires_after={"anchor": "created_at", "seconds": 7200},
        )
        batch = finished(client, created.id)
        assert batch.status == "completed"
        for file_id in (batch.output_file_id, batch.error_file_id):
            written = client.files.retrieve(file_id)
            assert written.expires_at == written.created_at + 7200, written
        for bad in ({"anchor": "created_at", "seconds": 60}, {"anchor": "last_active_at", "seconds": 7200}, {"seconds": 1e300}):
            with pytest.raises(openai.BadRequestError) as refused:
                client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h", output_expires_after=bad)
            assert "output_expires_after" in refused.value.message


def test_cancel_stops_new_lines_and_keeps_what_ran(gateway, upstream):
    tag = "cancel-" + uuid.uuid4().hex[:8]
    lines = [line(f"c-{n}", f"{tag}:{n} [[delay=0.3]] slow") for n in range(40)]
    with sdk(gateway) as client:
        created = submit(client, lines)
        wait_for(client, created.id, lambda b: b.request_counts.completed >= 4, "answered four lines")
        cancelling = client.batches.cancel(created.id)
        assert cancelling.status == "cancelling" and cancelling.cancelling_at
        batch = finished(client, created.id)
        assert batch.status == "cancelled" and batch.cancelled_at
        output = jsonl(client, batch.output_file_id)
        again = client.batches.cancel(created.id)
        assert again.status == "cancelled"
    counts = batch.request_counts
    assert 4 <= counts.completed < 40 and counts.failed == 0
    ids = [entry["custom_id"] for entry in output]
    assert len(ids) == len(set(ids)) == counts.completed
    assert set(ids) <= {f"c-{n}" for n in range(40)}
    # No line started after the cancel: the upstream heard exactly the lines that were answered.
    time.sleep(0.5)
    assert sum(heard(upstream, tag).values()) == counts.completed


# MARK: durability


def assert_answered_exactly_once(client: openai.OpenAI, batch: openai.types.Batch, total: int) -> list[dict]:
    assert batch.status == "completed", batch
    assert batch.request_counts.total == total and batch.request_counts.completed == total, batch.request_counts
    output = jsonl(client, batch.output_file_id)
    ids = Counter(entry["custom_id"] for entry in output)
    assert ids == Counter({f"k-{n}": 1 for n in range(total)}), ids
    return output


def test_a_gateway_killed_mid_batch_resumes_it_after_a_restart_without_rerunning_answered_lines(upstream, tmp_path):
    tag = "kill-" + uuid.uuid4().hex[:8]
    total = 30
    text = config(upstream, concurrency=4)
    first = start(tmp_path, "first", text)
    try:
        with sdk(first) as client:
            created = submit(client, [line(f"k-{n}", f"{tag}:{n} [[delay=0.25]] durable") for n in range(total)])
            before = wait_for(client, created.id, lambda b: b.request_counts.completed >= 8, "answered eight lines")
    finally:
        kill(first.process)
    answered_before = before.request_counts.completed
    heard_at_kill = sum(heard(upstream, tag).values())
    assert answered_before < total

    second = start(tmp_path, "second", text)  # the same SQLite file, in the same directory
    try:
        with sdk(second) as client:
            batch = finished(client, created.id)
            assert_answered_exactly_once(client, batch, total)
    finally:
        shut_down(second.process)
    counts = heard(upstream, tag)
    assert set(counts) == {f"{tag}:{n}" for n in range(total)}
    # Only lines in flight when the process died ran twice: at most the concurrency, and never
    # one whose result was stored before the kill.
    reruns = sum(counts.values()) - total
    print(f"killed after {answered_before} of {total} answered; {heard_at_kill} heard by then; {reruns} lines ran twice")
    assert 0 <= reruns <= 4, counts
    assert heard_at_kill - answered_before <= 4


# MARK: two replicas on PostgreSQL


@pytest.fixture
def database():
    with fresh_database("switchyard_batches_") as url:
        yield url


def test_on_postgres_a_batch_whose_replica_is_killed_is_finished_by_the_other(upstream, database, tmp_path_factory):
    tag = "replica-" + uuid.uuid4().hex[:8]
    total = 30
    # Each replica calls the upstream with its own key, so the journal says which one ran a line.
    a = start(tmp_path_factory.mktemp("replica-a"), "replica-a", config(upstream, api_key="sk-from-a", database_url=database))
    b = start(tmp_path_factory.mktemp("replica-b"), "replica-b", config(upstream, api_key="sk-from-b", database_url=database))
    survivor = None
    try:
        with sdk(a) as client:
            created = submit(client, [line(f"k-{n}", f"{tag}:{n} [[delay=0.25]] shared") for n in range(total)])
            wait_for(client, created.id, lambda batch: batch.request_counts.completed >= 8, "answered eight lines")
        runners = {r.headers["x-api-key"] for r in upstream.received() if user_text(r).startswith(tag)}
        assert len(runners) == 1, runners
        running, survivor = (a, b) if runners == {"sk-from-a"} else (b, a)
        kill(running.process)
        with sdk(survivor) as client:
            batch = finished(client, created.id)
            output = assert_answered_exactly_once(client, batch, total)
        assert output
    finally:
        for gateway in (a, b):
            if gateway.process.popen.poll() is None:
                shut_down(gateway.process)
    sent = [r for r in upstream.received() if user_text(r).startswith(tag)]
    assert {r.headers["x-api-key"] for r in sent} == {"sk-from-a", "sk-from-b"}
    counts = heard(upstream, tag)
    assert set(counts) == {f"{tag}:{n}" for n in range(total)}
    print(f"{sum(counts.values()) - total} lines ran on both replicas")
    assert sum(counts.values()) - total <= 4, counts
