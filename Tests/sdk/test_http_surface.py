"""Key styles, route prefixes and error envelopes, checked with plain httpx."""

from __future__ import annotations

import httpx
import pytest

from conftest import MASTER_KEY
from mockmodel import prompt_tokens, reply_to, words

BODY = {"model": "mock", "messages": [{"role": "user", "content": "Hello from httpx"}]}
EXPECTED = reply_to("Hello from httpx")


def assert_mock_reply(response: httpx.Response) -> None:
    assert response.status_code == 200, response.text
    payload = response.json()
    assert payload["object"] == "chat.completion"
    assert payload["choices"][0]["message"]["content"] == EXPECTED
    assert payload["choices"][0]["finish_reason"] == "stop"
    assert payload["usage"]["prompt_tokens"] == prompt_tokens(BODY["messages"])
    assert payload["usage"]["completion_tokens"] == words(EXPECTED)
    assert response.headers.get("x-model-used") == "mock; deployment=mock/switchyard-mock"


def assert_openai_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers.get("content-type", "").startswith("application/json")
    payload = response.json()
    assert set(payload) == {"error"}, payload
    error = payload["error"]
    assert set(error) == {"message", "type", "param", "code"}, error
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["type"], str) and error["type"]
    assert response.headers.get("x-request-id")
    return error


KEY_STYLES = {
    "bearer": lambda key: ({"Authorization": f"Bearer {key}"}, {}),
    "x-api-key": lambda key: ({"x-api-key": key}, {}),
    "x-goog-api-key": lambda key: ({"x-goog-api-key": key}, {}),
    "query-key": lambda key: ({}, {"key": key}),
}


@pytest.mark.parametrize("style", sorted(KEY_STYLES))
def test_key_style_accepted(http: httpx.Client, style: str):
    headers, params = KEY_STYLES[style](MASTER_KEY)
    assert_mock_reply(http.post("/v1/chat/completions", json=BODY, headers=headers, params=params))


@pytest.mark.parametrize("style", sorted(KEY_STYLES))
def test_key_style_wrong_key_rejected(http: httpx.Client, style: str):
    headers, params = KEY_STYLES[style]("sk-not-the-master-key")
    response = http.post("/v1/chat/completions", json=BODY, headers=headers, params=params)
    assert_openai_error(response, 401)


def test_missing_key_rejected(http: httpx.Client):
    error = assert_openai_error(http.post("/v1/chat/completions", json=BODY), 401)
    assert "key" in error["message"].lower()


def test_missing_key_rejected_on_models(http: httpx.Client):
    assert_openai_error(http.get("/v1/models"), 401)


@pytest.mark.parametrize("path", ["/v1/chat/completions", "/chat/completions", "/api/v1/chat/completions"])
def test_route_prefixes_chat(http: httpx.Client, path: str):
    response = http.post(path, json=BODY, headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert_mock_reply(response)


@pytest.mark.parametrize("path", ["/v1/models", "/models", "/api/v1/models"])
def test_route_prefixes_models(http: httpx.Client, path: str):
    response = http.get(path, headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert response.status_code == 200, response.text
    payload = response.json()
    assert payload["object"] == "list"
    assert {"gpt-4o", "mock", "text-embedding-3-small", "broken"} <= {model["id"] for model in payload["data"]}


@pytest.mark.parametrize("path", ["/v1/embeddings", "/embeddings", "/api/v1/embeddings"])
def test_route_prefixes_embeddings(http: httpx.Client, path: str):
    response = http.post(
        path,
        json={"model": "text-embedding-3-small", "input": "hi", "encoding_format": "float"},
        headers={"Authorization": f"Bearer {MASTER_KEY}"},
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["data"][0]["embedding"]) == 16


def test_request_id_echoed_over_http(http: httpx.Client):
    response = http.post(
        "/v1/chat/completions",
        json=BODY,
        headers={"Authorization": f"Bearer {MASTER_KEY}", "x-request-id": "httpx-echo-99"},
    )
    assert_mock_reply(response)
    assert response.headers.get("x-request-id") == "httpx-echo-99"


def test_request_id_echoed_on_401(http: httpx.Client):
    response = http.post("/v1/chat/completions", json=BODY, headers={"x-request-id": "httpx-echo-401"})
    assert_openai_error(response, 401)
    assert response.headers.get("x-request-id") == "httpx-echo-401"


def test_malformed_json_is_400(http: httpx.Client):
    response = http.post(
        "/v1/chat/completions",
        content=b'{"model": "mock", "messages": [',
        headers={"Authorization": f"Bearer {MASTER_KEY}", "content-type": "application/json"},
    )
    assert_openai_error(response, 400)


def test_unknown_model_envelope(http: httpx.Client):
    response = http.post(
        "/v1/chat/completions",
        json={"model": "no-such-model", "messages": BODY["messages"]},
        headers={"Authorization": f"Bearer {MASTER_KEY}"},
    )
    error = assert_openai_error(response, 404)
    assert error["code"] == "model_not_found"


def test_health_probes_need_no_key(http: httpx.Client):
    assert http.get("/health/liveliness").status_code == 200
    readiness = http.get("/health/readiness")
    assert readiness.status_code == 200
