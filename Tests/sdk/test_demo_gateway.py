"""The keyless embedded demo (`switchyard serve` with no config) through the official SDK."""

from __future__ import annotations

import openai
import pytest

from mockmodel import WEATHER_ARGUMENTS, WEATHER_TOOL, prompt_tokens, reply_to, words

DEMO_MODELS = ["mock", "gpt-4o-mini", "claude-sonnet-4-5"]


def demo_client(demo_gateway, api_key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=demo_gateway.base_url, api_key=api_key, max_retries=0, timeout=30.0)


@pytest.mark.parametrize("api_key", ["anything", "sk-whatever-you-like"])
def test_demo_chat_with_any_key(demo_gateway, api_key: str):
    messages = [{"role": "user", "content": "Hello demo gateway"}]
    with demo_client(demo_gateway, api_key) as client:
        raw = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=messages)
    completion = raw.parse()
    expected = reply_to("Hello demo gateway")
    assert completion.choices[0].message.content == expected
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage.prompt_tokens == prompt_tokens(messages) == 6
    assert completion.usage.completion_tokens == words(expected) == 7
    assert raw.headers.get("x-model-used") == "gpt-4o-mini; deployment=mock/gpt-4o-mini"


def test_demo_models(demo_gateway):
    with demo_client(demo_gateway, "anything") as client:
        ids = {model.id for model in client.models.list()}
    assert set(DEMO_MODELS) <= ids


@pytest.mark.parametrize("model", DEMO_MODELS)
def test_demo_models_stream_and_tools(demo_gateway, model: str):
    with demo_client(demo_gateway, "anything") as client:
        chunks = list(
            client.chat.completions.create(
                model=model, messages=[{"role": "user", "content": "stream it"}], stream=True
            )
        )
        tools = client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "weather?"}], tools=[WEATHER_TOOL]
        )
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks) == reply_to("stream it")
    assert [call.function.arguments for call in tools.choices[0].message.tool_calls] == [WEATHER_ARGUMENTS]


def test_demo_unknown_model(demo_gateway):
    with demo_client(demo_gateway, "anything") as client:
        with pytest.raises(openai.NotFoundError):
            client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
