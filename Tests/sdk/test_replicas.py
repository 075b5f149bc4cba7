"""Two real `switchyard` processes on one PostgreSQL share keys, budgets and rate limits.

Each replica decides from memory and syncs with the store every `proxy_batch_write_at`
seconds (0.2 here), so a replica sees the other's spend and requests within about two
intervals; these tests check that bound, not just eventual agreement.
"""

from __future__ import annotations

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import openai
import pytest

from conftest import Gateway, fresh_database, shut_down, start_governed_gateway

MASTER = "sk-replica-master"
INTERVAL = 0.2


@pytest.fixture(scope="module")
def database():
    with fresh_database("switchyard_replicas_") as url:
        yield url


@pytest.fixture(scope="module")
def replicas(database, tmp_path_factory):
    started = []
    for name in ("a", "b"):
        workdir = tmp_path_factory.mktemp(f"replica-{name}")
        started.append(
            start_governed_gateway(workdir, f"replica-{name}", MASTER, INTERVAL, prices=(0.001, 0.002), database_url=database)
        )
    yield started
    for gateway in started:
        shut_down(gateway.process)


def admin(gateway: Gateway, path: str, **fields) -> dict:
    response = httpx.post(f"{gateway.root}{path}", json=fields, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def key_info(gateway: Gateway, key: str) -> dict:
    response = httpx.get(f"{gateway.root}/key/info", params={"key": key}, headers={"Authorization": f"Bearer {MASTER}"})
    return response.json()["info"]


def ask(gateway: Gateway, key: str) -> httpx.Response:
    return httpx.post(
        f"{gateway.base_url}/chat/completions",
        headers={"Authorization": f"Bearer {key}"},
        json={"model": "mock", "max_tokens": 3, "messages": [{"role": "user", "content": "hi"}]},
        timeout=10,
    )


def test_a_key_made_on_one_replica_works_on_the_other_at_once(replicas):
    a, b = replicas
    key = admin(a, "/key/generate", key_alias="shared")["key"]
    with openai.OpenAI(base_url=b.base_url, api_key=key, max_retries=0) as client:
        reply = client.chat.completions.create(model="mock", messages=[{"role": "user", "content": "hello"}])
    assert reply.choices[0].message.content


def test_a_budget_is_shared_within_two_sync_intervals(replicas):
    a, b = replicas
    first = ask(a, MASTER)
    cost = float(first.headers["x-credits-used"])
    budget = cost * 10
    key = admin(a, "/key/generate", max_budget=budget)["key"]
    answered = {"a": 0, "b": 0}
    for turn in range(60):
        name, gateway = ("a", a) if turn % 2 == 0 else ("b", b)
        response = ask(gateway, key)
        if response.status_code == 200:
            answered[name] += 1
        else:
            assert response.status_code == 402, response.text
        time.sleep(INTERVAL / 2)
    time.sleep(INTERVAL * 3)
    spent = key_info(a, key)["spend"]
    assert answered["a"] > 0 and answered["b"] > 0, answered
    # One request every INTERVAL per replica: each may miss at most ~2 of the other's.
    assert spent <= budget + 4 * cost, (spent, budget, cost, answered)
    assert ask(a, key).status_code == 402 and ask(b, key).status_code == 402
    assert abs(key_info(b, key)["spend"] - spent) < 1e-9, "both replicas read the same spend"


def test_an_rpm_limit_counts_requests_on_both_replicas(replicas):
    a, b = replicas
    key = admin(a, "/key/generate", rpm_limit=6)["key"]
    for _ in range(3):
        assert ask(a, key).status_code == 200
    time.sleep(INTERVAL * 3)
    statuses = [ask(b, key).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429], statuses


def test_blocking_on_one_replica_stops_the_key_on_the_other(replicas):
    a, b = replicas
    key = admin(a, "/key/generate")["key"]
    assert ask(b, key).status_code == 200
    admin(a, "/key/block", key=key)
    deadline = time.monotonic() + INTERVAL * 10
    while ask(b, key).status_code == 200:
        assert time.monotonic() < deadline, "replica b still admits a key blocked on replica a"
        time.sleep(INTERVAL / 4)
    assert ask(b, key).status_code == 401


def topup(gateway: Gateway, path: str, **fields) -> httpx.Response:
    return httpx.post(f"{gateway.root}{path}", json=fields, headers={"Authorization": f"Bearer {MASTER}"}, timeout=30)


def test_a_top_up_on_one_replica_admits_there_at_once_and_on_the_other_within_the_sync_bound(replicas):
    a, b = replicas
    key = admin(a, "/key/generate", max_budget=0)["key"]
    assert ask(a, key).status_code == 402
    assert ask(b, key).status_code == 402
    answer = topup(a, "/key/topup", key=key, amount=1)
    assert answer.status_code == 200, answer.text
    assert answer.json()["max_budget"] == 1
    assert ask(a, key).status_code == 200, "the replica that served the top-up admits at once"
    deadline = time.monotonic() + INTERVAL * 10
    while (status := ask(b, key).status_code) == 402:
        assert time.monotonic() < deadline, "replica b still refuses a key topped up on replica a"
        time.sleep(INTERVAL / 4)
    assert status == 200
    assert key_info(b, key)["max_budget"] == 1


def test_twenty_concurrent_top_ups_across_both_replicas_lose_nothing(replicas):
    a, b = replicas
    key = admin(a, "/key/generate", max_budget=0)["key"]
    team_id = admin(a, "/team/new", team_id="prepaid-" + uuid.uuid4().hex[:12])["team_id"]

    def send(turn: int) -> tuple[float, float]:
        gateway = a if turn % 2 == 0 else b
        by_key = topup(gateway, "/key/topup", key=key, amount=1)
        by_team = topup(gateway, "/team/topup", team_id=team_id, amount=1)
        assert by_key.status_code == 200, by_key.text
        assert by_team.status_code == 200, by_team.text
        return by_key.json()["max_budget"], by_team.json()["max_budget"]

    with ThreadPoolExecutor(max_workers=20) as pool:
        budgets = list(pool.map(send, range(20)))
    # Each top-up answered the total it made, so every total from 1 to 20 appears once.
    assert sorted(key for key, _ in budgets) == [float(n) for n in range(1, 21)]
    assert sorted(team for _, team in budgets) == [float(n) for n in range(1, 21)]

    def team_budget(gateway: Gateway) -> float:
        response = httpx.get(f"{gateway.root}/team/info", params={"team_id": team_id}, headers={"Authorization": f"Bearer {MASTER}"})
        return response.json()["team_info"]["max_budget"]

    assert [key_info(g, key)["max_budget"] for g in (a, b)] == [20, 20]
    assert [team_budget(g) for g in (a, b)] == [20, 20]
    # Each replica served some of the top-ups, and admits the key at once.
    assert ask(a, key).status_code == 200 and ask(b, key).status_code == 200


def test_a_response_made_on_one_replica_is_continued_on_the_other_at_once(replicas):
    from mockmodel import reply_to, words

    a, b = replicas
    owner_key = admin(a, "/key/generate", key_alias="responses-owner")["key"]
    stranger_key = admin(a, "/key/generate", key_alias="responses-stranger")["key"]
    with (
        openai.OpenAI(base_url=a.base_url, api_key=owner_key, max_retries=0) as on_a,
        openai.OpenAI(base_url=b.base_url, api_key=owner_key, max_retries=0) as on_b,
        openai.OpenAI(base_url=b.base_url, api_key=stranger_key, max_retries=0) as stranger_on_b,
    ):
        first = on_a.responses.create(model="mock", input="My name is Ada")
        assert first.output_text == reply_to("My name is Ada")
        # no pause: the response is in the shared store before replica a's answer ends
        second = on_b.responses.create(model="mock", previous_response_id=first.id, input="What is my name?")
        assert second.output_text == reply_to("What is my name?")
        # the first turn's input and answer were sent as context: 3 messages of words + 3 each
        history = ["My name is Ada", reply_to("My name is Ada"), "What is my name?"]
        assert second.usage.input_tokens == sum(words(text) + 3 for text in history)
        assert on_b.responses.retrieve(first.id).model_dump() == first.model_dump()
        assert on_a.responses.retrieve(second.id).model_dump() == second.model_dump()

        streamed = [event for event in on_a.responses.create(model="mock", input="Remember 42", stream=True)]
        third = on_b.responses.create(model="mock", previous_response_id=streamed[-1].response.id, input="Which number?")
        assert third.output_text == reply_to("Which number?")

        with pytest.raises(openai.NotFoundError):
            stranger_on_b.responses.retrieve(first.id)
        with pytest.raises(openai.NotFoundError):
            stranger_on_b.responses.input_items.list(first.id)
        with pytest.raises(openai.BadRequestError) as hijack:
            stranger_on_b.responses.create(model="mock", previous_response_id=first.id, input="yours?")
        assert hijack.value.code == "previous_response_not_found"

        on_b.responses.delete(first.id)
        with pytest.raises(openai.NotFoundError):
            on_a.responses.retrieve(first.id)

        # the answer names the response it continues, as OpenAI's does
        assert second.previous_response_id == first.id


def test_a_file_uploaded_on_one_replica_is_served_and_deleted_by_the_other(replicas):
    a, b = replicas
    owner_key = admin(a, "/key/generate", key_alias="files-owner", max_storage_bytes=10_000_000)["key"]
    stranger_key = admin(a, "/key/generate", key_alias="files-stranger")["key"]
    data = os.urandom(2 * 1024 * 1024 + 333)
    with (
        openai.OpenAI(base_url=a.base_url, api_key=owner_key, max_retries=0) as on_a,
        openai.OpenAI(base_url=b.base_url, api_key=owner_key, max_retries=0) as on_b,
        openai.OpenAI(base_url=b.base_url, api_key=stranger_key, max_retries=0) as stranger_on_b,
    ):
        created = on_a.files.create(file=("shared.bin", data), purpose="batch")
        # no pause: the bytes are in PostgreSQL (chunk rows) before replica a answers
        assert on_b.files.retrieve(created.id) == created
        assert on_b.files.content(created.id).read() == data
        listed = on_b.files.with_raw_response.list()
        assert [file.id for file in listed.parse().data] == [created.id]
        assert listed.headers["x-storage-used-bytes"] == str(len(data))
        assert listed.headers["x-storage-limit-bytes"] == "10000000"
        with pytest.raises(openai.NotFoundError):
            stranger_on_b.files.content(created.id)

        # replica b counts replica a's file against the key's limit
        with pytest.raises(openai.APIStatusError) as refused:
            on_b.files.create(file=("more.bin", os.urandom(8_000_000)), purpose="batch")
        assert refused.value.status_code == 413

        assert on_b.files.delete(created.id).deleted
        with pytest.raises(openai.NotFoundError):
            on_a.files.retrieve(created.id)
        with pytest.raises(openai.NotFoundError):
            on_a.files.content(created.id)
