"""Rerank through the official `cohere` SDK (7.x) with its default options and only its base
URL changed: `ClientV2` posts `{base_url}/v2/rerank`, the v1 `Client` `{base_url}/v1/rerank`.

A gateway of this module's own serves two rerank groups: `rerank-mock` on the standalone
`switchyard mock-provider` (scores are the share of the query's distinct words a document
contains, README "The mock provider") and `reranker` on a journaling fake of Cohere's own API
(`media_upstream.py`: the last document scores highest).
"""

from __future__ import annotations

import time

import cohere
import httpx
import pytest

from conftest import shut_down
from hardening import start_gateway_before, start_mock_provider
from media_upstream import FakeUpstream

MASTER = "sk-rerank-master"
MOCK_PER_QUERY = 0.001  # configured on rerank-mock
RERANK_V35_PER_QUERY = 0.002  # built in: Cohere's rerank-v3.5 ($2 per 1,000 searches)

QUERY = "capital of France"
DOCUMENTS = [
    "Paris is the capital of France",
    "Bananas are yellow",
    "The capital of Germany is Berlin",
    "France exports wine",
]


def config(mock_port: int, fake: FakeUpstream) -> str:
    return f"""\
model_list:
  - model_name: rerank-mock
    litellm_params: {{model: cohere/rerank-english-v3.0, api_base: "http://127.0.0.1:{mock_port}", api_key: sk-upstream}}
    model_info: {{input_cost_per_query: {MOCK_PER_QUERY}}}
  - model_name: reranker
    litellm_params: {{model: cohere/rerank-v3.5, api_base: "{fake.root}", api_key: sk-cohere-upstream}}
general_settings:
  master_key: {MASTER}
  proxy_batch_write_at: 0.2
"""


class Rerank:
    def __init__(self, gateway, fake: FakeUpstream):
        self.gateway = gateway
        self.fake = fake

    def admin_get(self, path: str, **params) -> dict:
        response = httpx.get(f"{self.gateway.root}{path}", params=params, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def key(self, **fields) -> str:
        response = httpx.post(f"{self.gateway.root}/key/generate", json=fields, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()["key"]

    def spend_row(self, request_id: str) -> dict:
        deadline = time.monotonic() + 10
        while not (rows := self.admin_get("/spend/logs", request_id=request_id)["data"]):
            assert time.monotonic() < deadline, f"no spend log for {request_id} after 10 s"
            time.sleep(0.1)
        return rows[0]


@pytest.fixture(scope="module")
def rerank(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("rerank")
    fake = FakeUpstream("cohere").start()
    try:
        upstream, port = start_mock_provider(workdir)
        gateway = start_gateway_before(upstream, workdir, "rerank-gateway", config(port, fake), MASTER)
        yield Rerank(gateway, fake)
        shut_down(gateway.process, [upstream])
    finally:
        fake.stop()


def test_client_v2_reranks_on_the_mock_by_word_overlap_and_is_charged_per_query(rerank):
    key = rerank.key()
    client = cohere.ClientV2(base_url=rerank.gateway.root, api_key=key)
    raw = client.with_raw_response.rerank(model="rerank-mock", query=QUERY, documents=DOCUMENTS, top_n=3)
    answer = raw.data
    # "capital", "of", "france": all three, none, two and one of them
    assert [result.index for result in answer.results] == [0, 2, 3]
    assert [result.relevance_score for result in answer.results] == pytest.approx([1, 2 / 3, 1 / 3])
    assert answer.meta.billed_units.search_units == 1
    assert raw.headers["x-model-used"] == "rerank-mock; deployment=cohere/rerank-english-v3.0"
    assert float(raw.headers["x-credits-used"]) == pytest.approx(MOCK_PER_QUERY)

    row = rerank.spend_row(raw.headers["x-request-id"])
    assert row["spend"] == pytest.approx(MOCK_PER_QUERY)
    assert row["units"] == {"queries": 1}
    assert rerank.admin_get("/key/info", key=key)["info"]["spend"] == pytest.approx(MOCK_PER_QUERY)


def test_client_v2_reaches_cohere_v2_rerank_with_the_upstream_model(rerank):
    rerank.fake.clear()
    client = cohere.ClientV2(base_url=rerank.gateway.root, api_key=MASTER)
    raw = client.with_raw_response.rerank(model="reranker", query="which fruit", documents=DOCUMENTS, top_n=2)
    # the fake ranks the last document first
    assert [(result.index, result.relevance_score) for result in raw.data.results] == [(3, 0.8), (2, 0.6)]
    assert float(raw.headers["x-credits-used"]) == pytest.approx(RERANK_V35_PER_QUERY)

    (received,) = rerank.fake.received()
    assert (received.method, received.path) == ("POST", "/v2/rerank")
    assert received.headers["authorization"] == "Bearer sk-cohere-upstream"
    body = received.json()
    assert body["model"] == "rerank-v3.5"
    assert (body["query"], body["documents"], body["top_n"]) == ("which fruit", DOCUMENTS, 2)


def test_the_v1_client_reaches_cohere_v1_rerank(rerank):
    rerank.fake.clear()
    client = cohere.Client(base_url=rerank.gateway.root, api_key=MASTER)
    answer = client.rerank(model="reranker", query="which fruit", documents=DOCUMENTS[:3])
    assert [result.index for result in answer.results] == [2, 1, 0]
    (received,) = rerank.fake.received()
    assert (received.method, received.path) == ("POST", "/v1/rerank")
    assert received.json()["model"] == "rerank-v3.5"

    mocked = client.rerank(model="rerank-mock", query=QUERY, documents=DOCUMENTS, top_n=1, return_documents=True)
    assert [(result.index, result.document.text) for result in mocked.results] == [(0, DOCUMENTS[0])]


def test_an_unknown_model_is_the_sdks_not_found_error(rerank):
    client = cohere.ClientV2(base_url=rerank.gateway.root, api_key=MASTER)
    with pytest.raises(cohere.NotFoundError) as missing:
        client.rerank(model="no-such-reranker", query=QUERY, documents=DOCUMENTS)
    assert missing.value.status_code == 404
    assert "no-such-reranker" in str(missing.value.body)


def test_a_key_limited_to_one_reranker_is_refused_the_other(rerank):
    key = rerank.key(models=["reranker"])
    client = cohere.ClientV2(base_url=rerank.gateway.root, api_key=key)
    assert client.rerank(model="reranker", query=QUERY, documents=DOCUMENTS).results
    with pytest.raises(cohere.ForbiddenError) as denied:
        client.rerank(model="rerank-mock", query=QUERY, documents=DOCUMENTS)
    assert denied.value.status_code == 403
