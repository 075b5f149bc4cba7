"""The `presidio` guardrail against the real presidio-analyzer and presidio-anonymizer from PyPI.

A gateway of its own runs in front of `echo_upstream.py` (OpenAI and Anthropic wire formats,
journaled), with its presidio guardrails pointed at `presidio_server.py`: Presidio's REST
routes backed by the real AnalyzerEngine and AnonymizerEngine (with a blank spaCy pipeline,
so only Presidio's pattern recognizers find anything: no PERSON or LOCATION here).

Clients are the official SDKs at their default options; they name the guardrail to run in the
body (`guardrails: [...]`), as LiteLLM's clients do.
"""

from __future__ import annotations

import anthropic
import httpx
import openai
import pytest

from conftest import free_ports, readiness, shut_down, start_process, wait_until
from echo_upstream import EchoUpstream
from presidio_server import PresidioServer

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"


def config(upstream: str, presidio: str, closed_port: int) -> str:
    bases = f'presidio_analyzer_api_base: "{presidio}", presidio_anonymizer_api_base: "{presidio}"'
    return f"""\
model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "{upstream}/v1", api_key: sk-upstream}}
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "{upstream}", api_key: sk-upstream-anthropic}}
guardrails:
  - guardrail_name: presidio-block
    litellm_params: {{guardrail: presidio, {bases}}}
  - guardrail_name: presidio-mask
    litellm_params: {{guardrail: presidio, action: mask, {bases}}}
  - guardrail_name: presidio-entities
    litellm_params:
      guardrail: presidio
      presidio_analyzer_api_base: "{presidio}"
      presidio_anonymizer_api_base: "{presidio}"
      pii_entities_config: {{CREDIT_CARD: BLOCK, EMAIL_ADDRESS: MASK}}
  - guardrail_name: presidio-threshold
    litellm_params:
      guardrail: presidio
      presidio_analyzer_api_base: "{presidio}"
      presidio_score_thresholds: {{ALL: 0.7}}
      presidio_entities_deny_list: [URL]
  - guardrail_name: presidio-down
    litellm_params: {{guardrail: presidio, presidio_analyzer_api_base: "http://127.0.0.1:{closed_port}", presidio_timeout: 2}}
  - guardrail_name: presidio-answers
    litellm_params:
      guardrail: presidio
      mode: post_call
      presidio_analyzer_api_base: "{presidio}"
      pii_entities_config: {{EMAIL_ADDRESS: BLOCK}}
general_settings:
  master_key: sk-presidio-master
"""


@pytest.fixture(scope="module")
def presidio():
    server = PresidioServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def upstream():
    server = EchoUpstream().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def gateway_root(tmp_path_factory, presidio, upstream):
    workdir = tmp_path_factory.mktemp("presidio")
    port, closed_port = free_ports(2)
    path = workdir / "config.yaml"
    path.write_text(config(upstream.root, presidio.root, closed_port))
    process = start_process("presidio-gateway", ["serve", "--config", str(path), "--port", str(port)], workdir)
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    yield f"http://127.0.0.1:{port}"
    shut_down(process)


@pytest.fixture
def journals(presidio, upstream):
    presidio.clear()
    upstream.clear()
    return presidio, upstream


@pytest.fixture
def client(gateway_root):
    with openai.OpenAI(base_url=f"{gateway_root}/v1", api_key="sk-presidio-master") as sdk:
        yield sdk


def chat(client: openai.OpenAI, text: str, guardrail: str, **extra):
    return client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": text}], extra_body={"guardrails": [guardrail]}, **extra
    )


def test_presidio_serves_its_documented_routes(presidio):
    health = httpx.get(f"{presidio.root}/health")
    assert health.status_code == 200 and health.text == "Presidio Analyzer service is up"
    found = httpx.post(f"{presidio.root}/analyze", json={"text": f"mail {EMAIL}", "language": "en"}).json()
    assert any({"entity_type": "EMAIL_ADDRESS", "start": 5, "end": 25, "score": 1.0}.items() <= item.items() for item in found)
    anonymized = httpx.post(f"{presidio.root}/anonymize", json={"text": f"mail {EMAIL}", "analyzer_results": found}).json()
    assert anonymized["text"] == "mail <EMAIL_ADDRESS>"
    missing = httpx.post(f"{presidio.root}/analyze", json={"language": "en"})
    assert missing.status_code == 500 and missing.json() == {"error": "No text provided"}


def test_a_prompt_with_an_email_and_a_card_is_blocked_before_the_upstream(client, journals):
    presidio, upstream = journals
    with pytest.raises(openai.PermissionDeniedError) as caught:
        chat(client, f"Mail {EMAIL} about card {CARD}", "presidio-block")
    error = caught.value
    assert error.status_code == 403
    assert error.body["type"] == "guardrail_violation"
    assert error.body["message"] == "The request was blocked by the guardrail 'presidio-block': it contains EMAIL_ADDRESS."
    assert EMAIL not in str(error.body) and CARD not in str(error.body)
    assert upstream.received() == []
    # The analyzer was asked about the text, in LiteLLM's default language, for every entity.
    assert [call.body for call in presidio.received("/analyze")] == [{"text": f"Mail {EMAIL} about card {CARD}", "language": "en"}]
    assert presidio.received("/anonymize") == []


def test_mask_sends_presidios_anonymized_text_upstream(client, journals):
    presidio, upstream = journals
    answer = chat(client, f"Write to {EMAIL} and charge {CARD}", "presidio-mask")
    sent = upstream.received()
    assert len(sent) == 1
    assert sent[0].body["messages"] == [{"role": "user", "content": "Write to <EMAIL_ADDRESS> and charge <CREDIT_CARD>"}]
    assert "guardrails" not in sent[0].body
    assert answer.choices[0].message.content == "You said: Write to <EMAIL_ADDRESS> and charge <CREDIT_CARD>"
    anonymized = presidio.received("/anonymize")
    assert len(anonymized) == 1 and anonymized[0].body["text"] == f"Write to {EMAIL} and charge {CARD}"
    # Presidio's own URL finds inside the email (score 0.5) went to the anonymizer too: it
    # resolves the overlaps itself.
    assert {item["entity_type"] for item in anonymized[0].body["analyzer_results"]} >= {"EMAIL_ADDRESS", "CREDIT_CARD"}


def test_pii_entities_config_asks_for_its_entities_and_acts_per_entity(client, journals):
    presidio, upstream = journals
    with pytest.raises(openai.PermissionDeniedError) as caught:
        chat(client, f"card {CARD}", "presidio-entities")
    assert "'presidio-entities': it contains CREDIT_CARD." in caught.value.body["message"]
    assert upstream.received() == []
    answer = chat(client, f"Mail {EMAIL} from 10.1.2.3", "presidio-entities")
    # EMAIL_ADDRESS is masked; IP_ADDRESS is not in the config, so it is neither asked for nor touched.
    assert upstream.received()[0].body["messages"][0]["content"] == "Mail <EMAIL_ADDRESS> from 10.1.2.3"
    assert answer.choices[0].message.content == "You said: Mail <EMAIL_ADDRESS> from 10.1.2.3"
    assert all(call.body["entities"] == ["CREDIT_CARD", "EMAIL_ADDRESS"] for call in presidio.received("/analyze"))


def test_score_thresholds_drop_findings_below_them(client, journals):
    presidio, upstream = journals
    text = "Server 10.1.2.3, ssn 536-22-1234"
    # Presidio finds both, scoring the IP address 0.6 and the US SSN 0.5…
    found = httpx.post(f"{presidio.root}/analyze", json={"text": text, "language": "en"}).json()
    assert {item["entity_type"]: item["score"] for item in found} == {"IP_ADDRESS": 0.6, "US_SSN": 0.5}
    # …so under ALL: 0.7 nothing is blocked, and the text goes upstream as it was.
    answer = chat(client, text, "presidio-threshold")
    assert answer.choices[0].message.content == f"You said: {text}"
    assert upstream.received()[0].body["messages"][0]["content"] == text
    # A card scores 1.0: blocked.
    with pytest.raises(openai.PermissionDeniedError) as caught:
        chat(client, f"card {CARD}", "presidio-threshold")
    assert "it contains CREDIT_CARD." in caught.value.body["message"]
    assert len(upstream.received()) == 1


def test_an_analyzer_that_cannot_answer_fails_closed(client, journals):
    _, upstream = journals
    with pytest.raises(openai.InternalServerError) as caught:
        chat(client, "hello there", "presidio-down")
    assert caught.value.status_code == 503
    assert caught.value.body["code"] == "guardrail_unavailable"
    assert "'presidio-down' could not run" in caught.value.body["message"]
    assert upstream.received() == []


def test_anthropic_messages_are_masked_the_same_way(gateway_root, journals):
    presidio, upstream = journals
    with anthropic.Anthropic(base_url=gateway_root, api_key="sk-presidio-master") as sdk:
        message = sdk.messages.create(
            model="claude",
            max_tokens=64,
            system=f"Reply to {EMAIL}",
            messages=[{"role": "user", "content": [{"type": "text", "text": f"Card {CARD} please"}]}],
            extra_body={"guardrails": ["presidio-mask"]},
        )
    sent = upstream.received()[0]
    assert sent.path == "/v1/messages"
    assert sent.body["system"] == "Reply to <EMAIL_ADDRESS>"
    assert sent.body["messages"][0]["content"] == [{"type": "text", "text": "Card <CREDIT_CARD> please"}]
    assert message.content[0].text == "You said: Card <CREDIT_CARD> please"
    assert len(presidio.received("/analyze")) == 2


def test_post_call_blocks_whole_answers_and_held_streams(client, journals):
    presidio, upstream = journals
    # The prompt is not checked (post_call only); the echoed answer is.
    with pytest.raises(openai.PermissionDeniedError) as caught:
        chat(client, f"my address is {EMAIL}", "presidio-answers")
    assert caught.value.body["message"] == "The answer was blocked by the guardrail 'presidio-answers': it contains EMAIL_ADDRESS."
    assert len(upstream.received()) == 1
    assert [call.body["text"] for call in presidio.received("/analyze")] == [f"You said: my address is {EMAIL}"]

    # Streamed: the answer is held, checked whole, and replaced by the error event.
    stream = chat(client, f"my address is {EMAIL}", "presidio-answers", stream=True)
    received = []
    with pytest.raises(openai.APIError) as streamed:
        for chunk in stream:
            received.append(chunk.choices[0].delta.content or "" if chunk.choices else "")
    assert "it contains EMAIL_ADDRESS" in str(streamed.value)
    assert received == [], "nothing of the held answer went out before the error event"

    # A clean stream goes out whole.
    clean = chat(client, "nothing personal here", "presidio-answers", stream=True)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in clean if chunk.choices)
    assert text == "You said: nothing personal here"
