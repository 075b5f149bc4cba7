"""Semantic caching through the real binary and the official SDKs at their default options.

The chat models are served by `switchyard mock-provider`; the cache's embedding model is a
fake OpenAI embeddings upstream whose vectors mean something (`embedding_upstream.py`), so a
paraphrase is near its original and a question about another country is not near enough.
"""

from __future__ import annotations

import time

import anthropic
import httpx
import openai
import pytest

from conftest import Gateway, shut_down
from embedding_upstream import EmbeddingUpstream, cosine
from hardening import start_gateway_before, start_mock_provider

MASTER = "sk-semantic-master"
FRANCE = "What is the capital of France?"
PARAPHRASE = "what is the capital of france"
GERMANY = "What is the capital of Germany?"


def config(upstream_port: int, embeddings: str) -> str:
    root = f"http://127.0.0.1:{upstream_port}"
    prices = "{input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}"
    return f"""\
model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "{root}/v1", api_key: sk-upstream}}
    model_info: {prices}
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "{root}", api_key: sk-upstream}}
    model_info: {prices}
  - model_name: embedder
    litellm_params: {{model: openai/text-embedding-3-small, api_base: "{embeddings}", api_key: sk-embeddings}}
litellm_settings:
  cache: true
  cache_params:
    type: local
    similarity_threshold: 0.95
    semantic_cache_embedding_model: embedder
general_settings:
  master_key: {MASTER}
  proxy_batch_write_at: 0.05
"""


@pytest.fixture(scope="module")
def semantic(tmp_path_factory):
    embeddings = EmbeddingUpstream()
    try:
        workdir = tmp_path_factory.mktemp("semantic")
        upstream, port = start_mock_provider(workdir)
        gateway = start_gateway_before(upstream, workdir, "semantic-gateway", config(port, embeddings.base_url), MASTER)
        yield gateway, embeddings
        shut_down(gateway.process, [upstream])
    finally:
        embeddings.stop()


@pytest.fixture(scope="module")
def client(semantic):
    gateway, _ = semantic
    with openai.OpenAI(base_url=gateway.base_url, api_key=MASTER, max_retries=0, timeout=30.0) as sdk:
        yield sdk


def spend_row(gateway: Gateway, request_id: str) -> dict:
    deadline = time.monotonic() + 10
    while True:
        response = httpx.get(f"{gateway.root}/spend/logs", params={"request_id": request_id}, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
        assert response.status_code == 200, response.text
        if rows := response.json()["data"]:
            return rows[0]
        assert time.monotonic() < deadline, f"no spend log row for {request_id}"
        time.sleep(0.05)


def ask(client: openai.OpenAI, text: str, **options):
    return client.chat.completions.with_raw_response.create(model="gpt-4o", messages=[{"role": "user", "content": text}], **options)


def test_a_paraphrase_is_a_hit_with_its_similarity_and_logged_with_what_it_saved(semantic, client):
    gateway, embeddings = semantic
    first = ask(client, FRANCE)
    assert first.headers["x-switchyard-cache"] == "miss"
    answer = first.parse().choices[0].message.content
    assert embeddings.inputs[-1] == FRANCE

    hit = ask(client, PARAPHRASE)
    assert hit.headers["x-switchyard-cache"] == "hit"
    similarity = float(hit.headers["x-switchyard-cache-similarity"])
    assert 0.95 <= similarity <= 1
    assert hit.parse().choices[0].message.content == answer
    assert hit.headers["x-credits-used"] == "0"

    row = spend_row(gateway, hit.headers["x-request-id"])
    assert row["cache_hit"] is True
    assert row["spend"] == 0
    assert row["saved_cost"] > 0
    embedding_row = spend_row(gateway, hit.headers["x-request-id"] + "/cache-embedding")
    assert embedding_row["call_type"] == "cache/embeddings"
    assert embedding_row["model_group"] == "embedder"


def test_a_near_miss_is_not_a_hit(semantic, client):
    similarity = cosine(FRANCE, GERMANY)
    print(f"cosine({FRANCE!r}, {GERMANY!r}) = {similarity:.4f}")
    assert 0.5 < similarity < 0.95
    ask(client, FRANCE)
    near = ask(client, GERMANY)
    assert near.headers["x-switchyard-cache"] == "miss"
    assert "x-switchyard-cache-similarity" not in near.headers


def test_other_parameters_are_a_miss_and_the_bypass_header_skips_the_embedding(semantic, client):
    _, embeddings = semantic
    ask(client, FRANCE)
    assert ask(client, PARAPHRASE, temperature=0.3).headers["x-switchyard-cache"] == "miss"
    before = len(embeddings.requests)
    bypass = ask(client, PARAPHRASE, extra_headers={"x-switchyard-cache": "false"})
    assert bypass.headers["x-switchyard-cache"] == "bypass"
    assert len(embeddings.requests) == before


def test_a_stream_is_replayed_on_a_semantic_hit(semantic, client):
    def stream(text: str):
        with client.chat.completions.with_streaming_response.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}], stream=True, stream_options={"include_usage": True}
        ) as response:
            chunks = list(response.parse())
            return response.headers, "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices), chunks

    headers, text, _ = stream("Tell me a story about the sea.")
    assert headers["x-switchyard-cache"] == "miss"
    assert text
    replay_headers, replay, chunks = stream("tell me a story about the sea")
    assert replay_headers["x-switchyard-cache"] == "hit"
    assert float(replay_headers["x-switchyard-cache-similarity"]) >= 0.95
    assert replay == text
    assert chunks[-1].usage is not None


def test_anthropic_messages_find_a_paraphrase(semantic):
    gateway, _ = semantic
    with anthropic.Anthropic(base_url=gateway.root, api_key=MASTER, max_retries=0, timeout=30.0) as sdk:
        def ask_claude(text: str):
            return sdk.messages.with_raw_response.create(
                model="claude", max_tokens=64, system="Answer in one word.", messages=[{"role": "user", "content": text}]
            )

        first = ask_claude("Which ocean is the largest?")
        assert first.headers["x-switchyard-cache"] == "miss"
        hit = ask_claude("which ocean is the largest")
        assert hit.headers["x-switchyard-cache"] == "hit"
        assert float(hit.headers["x-switchyard-cache-similarity"]) >= 0.95
        assert hit.parse().content[0].text == first.parse().content[0].text
        row = spend_row(gateway, hit.headers["x-request-id"])
        assert row["cache_hit"] is True and row["saved_cost"] > 0
