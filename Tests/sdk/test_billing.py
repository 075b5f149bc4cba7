"""Billing through the real binary and the official OpenAI SDK with its default options: a
model's billing multiplier in `x-credits-used` (in `credits_per_usd`), in the key's spend and
in the spend log, and what `check-config` says about multipliers and unpriced models."""

from __future__ import annotations

import subprocess
import time

import httpx
import openai
import pytest

from conftest import Gateway, binary_path, shut_down
from hardening import start_gateway_before, start_mock_provider

MASTER = "sk-billing-master"
CREDITS_PER_USD = 1000


def config(upstream_port: int) -> str:
    base = f"http://127.0.0.1:{upstream_port}/v1"
    prices = "input_cost_per_token: 0.001, output_cost_per_token: 0.002"
    return f"""\
model_list:
  - model_name: list
    litellm_params: {{model: openai/gpt-4o, api_base: "{base}", api_key: sk-upstream}}
    model_info: {{{prices}}}
  - model_name: doubled
    litellm_params: {{model: openai/gpt-4o, api_base: "{base}", api_key: sk-upstream}}
    model_info: {{{prices}, billing_multiplier: 2}}
general_settings:
  master_key: {MASTER}
  proxy_batch_write_at: 0.2
  credits_per_usd: {CREDITS_PER_USD}
"""


@pytest.fixture(scope="module")
def billing_gateway(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("billing")
    upstream, port = start_mock_provider(workdir)
    gateway = start_gateway_before(upstream, workdir, "billing-gateway", config(port), MASTER)
    yield gateway
    shut_down(gateway.process, [upstream])


def admin_get(gateway: Gateway, path: str, **params) -> dict:
    response = httpx.get(f"{gateway.root}{path}", params=params, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_doubled_model_costs_twice_the_list_price_in_credits_and_usd(billing_gateway):
    response = httpx.post(
        f"{billing_gateway.root}/key/generate", json={"max_budget": 100}, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10
    )
    key = response.json()["key"]
    with openai.OpenAI(base_url=billing_gateway.base_url, api_key=key) as client:
        credits = {}
        for model in ("list", "doubled"):
            raw = client.chat.completions.with_raw_response.create(
                model=model, max_tokens=8, messages=[{"role": "user", "content": "the same words each time"}]
            )
            assert raw.parse().choices[0].message.content
            credits[model] = float(raw.headers["x-credits-used"])
    assert credits["list"] > 0
    assert credits["doubled"] == pytest.approx(2 * credits["list"], rel=1e-9)

    # Spend stays in USD: the credits are the header's unit only.
    spend = admin_get(billing_gateway, "/key/info", key=key)["info"]["spend"]
    assert spend * CREDITS_PER_USD == pytest.approx(credits["list"] + credits["doubled"], rel=1e-9)

    deadline = time.monotonic() + 10
    while len(rows := admin_get(billing_gateway, "/spend/logs", api_key=key)["data"]) < 2:
        assert time.monotonic() < deadline, rows
        time.sleep(0.1)
    by_group = {row["model_group"]: row for row in rows}
    doubled = by_group["doubled"]
    assert doubled["billing_multiplier"] == 2
    assert doubled["list_cost"] * CREDITS_PER_USD == pytest.approx(credits["list"], rel=1e-9)
    assert doubled["spend"] == pytest.approx(2 * doubled["list_cost"], rel=1e-9)
    assert by_group["list"]["billing_multiplier"] == 1


def check_config(path) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary_path()), "check-config", str(path)], capture_output=True, text=True, timeout=60)


def test_check_config_rejects_a_bad_multiplier_and_warns_about_unpriced_models(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        """\
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, api_key: k}
  - model_name: "deepseek/*"
    litellm_params: {model: "deepseek/*", api_key: k}
    model_info: {billing_multiplier: 2}
  - model_name: c
    litellm_params: {model: openai/gpt-4o, api_key: k}
    model_info: {billing_multiplier: 0}
general_settings:
  credits_per_usd: -1
"""
    )
    rejected = check_config(bad)
    assert rejected.returncode == 1, rejected.stdout
    assert "error: model_list[2].model_info.billing_multiplier: must be a positive number" in rejected.stdout.splitlines()
    assert "error: general_settings.credits_per_usd: must be a positive number" in rejected.stdout.splitlines()

    good = tmp_path / "good.yaml"
    good.write_text(bad.read_text().replace("billing_multiplier: 0", "billing_multiplier: 1.2").replace("-1", "100"))
    accepted = check_config(good)
    assert accepted.returncode == 0, accepted.stdout
    warnings = [line for line in accepted.stdout.splitlines() if line.startswith("warning:")]
    assert warnings == [
        'warning: model_list[1].model_info: model group "deepseek/*" has no price of its own, so only the models the'
        " built-in price table lists are costed; a budget cannot hold back a model whose cost is zero"
    ], accepted.stdout
