"""LiteLLM's model management routes against two real gateways sharing PostgreSQL: a model
added with `/model/new` on one replica answers the official SDK there at once and on the other
after its next store sync; deleted on the second, it is gone from both; and it survives a
restart (it lives in the store, not in the config file)."""

from __future__ import annotations

import time

import httpx
import openai

from conftest import fresh_database, shut_down, start_governed_gateway

MASTER = "sk-models-master"


def admin(gateway, method: str, path: str, body: dict | None = None) -> httpx.Response:
    return httpx.request(method, f"{gateway.root}{path}", json=body, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)


def serves(gateway, model: str) -> bool:
    client = openai.OpenAI(base_url=gateway.base_url, api_key=MASTER, max_retries=0)
    try:
        client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}])
        return True
    except openai.NotFoundError:
        return False


def eventually(probe, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not probe():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.05)


def test_a_model_added_on_one_replica_serves_on_both_and_survives_a_restart(tmp_path_factory):
    with fresh_database("switchyard_models_") as url:
        def start(name: str):
            return start_governed_gateway(tmp_path_factory.mktemp(name), name, MASTER, 0.2, prices=(0.0, 0.0), database_url=url)

        a, b = start("models-a"), start("models-b")
        try:
            made = admin(a, "POST", "/model/new", {"model_name": "added", "litellm_params": {"model": "mock/switchyard-mock"}})
            assert made.status_code == 200, made.text
            model_id = made.json()["model_info"]["id"]
            assert serves(a, "added"), "at once on the replica that added it"
            eventually(lambda: serves(b, "added"), "the other replica serves the added model")
            listed = admin(b, "GET", "/model/info").json()["data"]
            assert [(m["model_name"], m["model_info"]["db_model"]) for m in listed] == [("mock", False), ("added", True)]

            shut_down(a.process)
            a = start("models-a2")
            eventually(lambda: serves(a, "added"), "a restarted replica reads it from the store")

            assert admin(b, "POST", "/model/delete", {"id": model_id}).status_code == 200
            assert not serves(b, "added")
            eventually(lambda: not serves(a, "added"), "the delete reaches the other replica")
        finally:
            shut_down(a.process)
            shut_down(b.process)
