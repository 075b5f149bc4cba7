"""Mixed load for `SOAK_SECONDS` (default 60) against the gateway in front of a mock provider
that streams its events 20 ms apart: whole and streamed chat (half the streaming clients leave
after the first event), embeddings, and bad requests, from a few threads.

What it checks: every request gets the answer it should (200, or the 4xx a bad request earns,
CONTRACT §6), and the gateway gives back what the load took — its open file descriptors return
to within FD_MARGIN of where they were after a warm-up, and its resident memory grows by at
most RSS_GROWTH_MB. The warm-up runs the same mix at the same concurrency first, so the
allocator's arenas, the upstream connection pool and the caches are already at their working
size when the baseline is read; what grows after that grows with the number of requests.
A debug build on two cores serves about 3,400 requests in 60 s (the test prints the count and
the growth per request); 16 MB over that is under 5 KB a request, less than what keeping each
request's context, body and answer alive would cost, and 16 times the ~1 MB a healthy run
grows by.
"""

from __future__ import annotations

import collections
import os
import random
import threading
import time

import httpx
import pytest

from conftest import shut_down
from hardening import fd_count, rss_kb, start_gateway_before, start_mock_provider

MASTER = "sk-soak-master"
SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
WARMUP_SECONDS = min(5.0, max(2.0, SOAK_SECONDS / 6))
IDLE_SECONDS = 3.0
WORKERS = 4
FD_MARGIN = 8
RSS_GROWTH_MB = 16
SEED = 4242


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("soak")
    upstream, upstream_port = start_mock_provider(workdir, "--chunk-delay-ms", "20")
    api_base = f"http://127.0.0.1:{upstream_port}/v1"
    config = f"""\
model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "{api_base}", api_key: sk-upstream}}
  - model_name: text-embedding-3-small
    litellm_params: {{model: openai/text-embedding-3-small, api_base: "{api_base}", api_key: sk-upstream}}
general_settings:
  master_key: {MASTER}
"""
    gateway = start_gateway_before(upstream, workdir, "soak-gateway", config, MASTER)
    yield gateway
    shut_down(gateway.process, [upstream])


AUTH = {"Authorization": f"Bearer {MASTER}"}
CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "tell me about soak tests in a few words"}]}


def whole_chat(client: httpx.Client) -> str | None:
    response = client.post("/v1/chat/completions", json=CHAT, headers=AUTH)
    if response.status_code != 200 or response.json()["object"] != "chat.completion":
        return f"chat: {response.status_code} {response.text[:200]}"
    return None


def streamed_chat(client: httpx.Client, leave_early: bool) -> str | None:
    with client.stream("POST", "/v1/chat/completions", json={**CHAT, "stream": True}, headers=AUTH) as response:
        if response.status_code != 200:
            return f"stream: {response.status_code} {response.read()[:200]!r}"
        events = 0
        for line in response.iter_lines():
            if line.startswith("data:"):
                events += 1
                if leave_early:
                    return None  # closing the unread response drops the connection
                if line == "data: [DONE]":
                    return None
        return f"stream ended after {events} events without [DONE]"


def embeddings(client: httpx.Client) -> str | None:
    response = client.post("/v1/embeddings", json={"model": "text-embedding-3-small", "input": ["a", "b"]}, headers=AUTH)
    if response.status_code != 200 or len(response.json()["data"]) != 2:
        return f"embeddings: {response.status_code} {response.text[:200]}"
    return None


BAD_REQUESTS = [
    (400, {"content": b'{"model": "gpt-4o", "messages": [', "headers": {**AUTH, "Content-Type": "application/json"}}),
    (404, {"json": {**CHAT, "model": "no-such-model"}, "headers": AUTH}),
    (401, {"json": CHAT, "headers": {"Authorization": "Bearer sk-wrong"}}),
    (400, {"json": {"model": "gpt-4o", "messages": "not a list"}, "headers": AUTH}),
]


def bad_request(client: httpx.Client, rng: random.Random) -> str | None:
    expected, arguments = rng.choice(BAD_REQUESTS)
    response = client.post("/v1/chat/completions", **arguments)
    if response.status_code != expected or "error" not in response.json():
        return f"bad request: expected {expected}, got {response.status_code} {response.text[:200]}"
    return None


class Load:
    """WORKERS threads running the mix until stopped; counts operations and problems."""

    def __init__(self, root: str, seed: int):
        self.root = root
        self.seed = seed
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.counts: collections.Counter = collections.Counter()
        self.problems: list[str] = []

    def run_for(self, seconds: float) -> None:
        threads = [threading.Thread(target=self._worker, args=(index,)) for index in range(WORKERS)]
        for thread in threads:
            thread.start()
        self.stop.wait(seconds)
        self.stop.set()
        for thread in threads:
            thread.join(30)
        assert not any(thread.is_alive() for thread in threads), "a load thread did not stop"

    def _worker(self, index: int) -> None:
        rng = random.Random(f"{self.seed}:{index}")
        operations = [
            ("chat", lambda c: whole_chat(c)),
            ("stream", lambda c: streamed_chat(c, leave_early=False)),
            ("stream-left-early", lambda c: streamed_chat(c, leave_early=True)),
            ("embeddings", lambda c: embeddings(c)),
            ("bad-request", lambda c: bad_request(c, rng)),
        ]
        with httpx.Client(base_url=self.root, timeout=30) as client:
            while not self.stop.is_set():
                name, operation = rng.choices(operations, weights=[3, 2, 2, 2, 1])[0]
                try:
                    problem = operation(client)
                except httpx.HTTPError as error:
                    problem = f"{name}: {error!r}"
                with self.lock:
                    self.counts[name] += 1
                    if problem:
                        self.problems.append(problem)


def test_mixed_load_leaves_descriptors_and_memory_where_they_were(gateway):
    pid = gateway.process.popen.pid
    warmup = Load(gateway.root, SEED)
    warmup.run_for(WARMUP_SECONDS)
    assert not warmup.problems, warmup.problems[:10]
    time.sleep(IDLE_SECONDS)
    start_fds, start_rss = fd_count(pid), rss_kb(pid)

    load = Load(gateway.root, SEED + 1)
    load.run_for(SOAK_SECONDS)
    time.sleep(IDLE_SECONDS)
    end_fds, end_rss = fd_count(pid), rss_kb(pid)

    total = sum(load.counts.values())
    growth_mb = (end_rss - start_rss) / 1024
    print(
        f"\nsoak: {total} requests in {SOAK_SECONDS:g}s ({total / SOAK_SECONDS:.0f}/s) {dict(load.counts)}; "
        f"fds {start_fds} -> {end_fds}; RSS {start_rss / 1024:.1f} MB -> {end_rss / 1024:.1f} MB "
        f"({growth_mb:+.1f} MB, {max(0.0, growth_mb) * 1024 * 1024 / max(total, 1):.0f} bytes/request)"
    )
    assert not load.problems, f"{len(load.problems)} failed requests, e.g.:\n" + "\n".join(load.problems[:10])
    assert end_fds <= start_fds + FD_MARGIN, f"{end_fds} descriptors after the load, {start_fds} before"
    assert growth_mb <= RSS_GROWTH_MB, f"RSS grew {growth_mb:.1f} MB over {total} requests"
    assert httpx.get(f"{gateway.root}/health/liveliness", timeout=5).status_code == 200
