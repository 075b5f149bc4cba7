"""The gateway's Anthropic surface (`/v1/messages`) through the official `anthropic` Python SDK.

Each test runs against every provider dialect (see matrix.py): `claude` is a byte pass-through,
the others are translated through the OpenAI dialect. Every expected value comes from the mock
model's documented rules (mockmodel.py), never from the gateway.
"""

from __future__ import annotations

import anthropic
import pytest

from conftest import MASTER_KEY
from matrix import (
    IMAGE_QUESTION,
    MODEL_USED,
    MODELS,
    PNG_BASE64,
    RATE_LIMIT_MESSAGE,
    RATE_LIMITED_TEXT,
    SYSTEM_TEXT,
    TIME_INPUT,
    TOOL_RESULT,
    USER_TEXT,
    WEATHER_INPUT,
    WEATHER_QUESTION,
    compact_json,
    seen_tool_result,
)
from mockmodel import (
    TIME_ARGUMENTS,
    TIME_TOOL,
    WEATHER_ARGUMENTS,
    WEATHER_TOOL,
    reply_to,
    tool_call_tokens,
    tool_results_reply,
    words,
)

MAX_TOKENS = 256
QUESTION = [{"role": "user", "content": USER_TEXT}]
RAW_EVENT_TYPES = {
    "message_start",
    "content_block_start",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
}


def anthropic_tool(openai_tool: dict) -> dict:
    function = openai_tool["function"]
    return {"name": function["name"], "description": function["description"], "input_schema": function["parameters"]}


WEATHER = anthropic_tool(WEATHER_TOOL)
TIME = anthropic_tool(TIME_TOOL)


def only_text(message) -> str:
    assert [block.type for block in message.content] == ["text"], message.content
    return message.content[0].text


def assert_text_message(message, expected: str, input_tokens: int) -> None:
    assert message.type == "message"
    assert message.role == "assistant"
    assert message.id
    assert only_text(message) == expected
    assert message.stop_reason == "end_turn"
    assert message.stop_sequence is None
    assert message.usage.input_tokens == input_tokens
    assert message.usage.output_tokens == words(expected)


def assert_event_order(events) -> None:
    """message_start, then well-nested content blocks numbered from 0, then message_delta, message_stop."""
    types = [event.type for event in events]
    assert types[0] == "message_start", types
    assert types[-2:] == ["message_delta", "message_stop"], types
    open_block = None
    started = []
    for event in events[1:-2]:
        if event.type == "content_block_start":
            assert open_block is None, f"block {event.index} started inside block {open_block}: {types}"
            open_block = event.index
            started.append(event.index)
        elif event.type == "content_block_delta":
            assert event.index == open_block, f"delta for block {event.index} while {open_block} is open: {types}"
        elif event.type == "content_block_stop":
            assert event.index == open_block, f"stop for block {event.index} while {open_block} is open: {types}"
            open_block = None
        else:
            pytest.fail(f"unexpected {event.type} between message_start and message_delta: {types}")
    assert open_block is None, types
    assert started == list(range(len(started))), started


def stream_events(client: anthropic.Anthropic, **params):
    """Runs `client.messages.stream`; returns (raw events in order, text deltas, final message)."""
    with client.messages.stream(max_tokens=MAX_TOKENS, **params) as stream:
        events = list(stream)
        final = stream.get_final_message()
    raw = [event for event in events if event.type in RAW_EVENT_TYPES]
    assert raw, "the stream produced no events"
    texts = [event.text for event in events if event.type == "text"]
    return raw, texts, final


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("model", MODELS)
def test_text(anthropic_client: anthropic.Anthropic, model: str):
    raw = anthropic_client.messages.with_raw_response.create(model=model, max_tokens=MAX_TOKENS, messages=QUESTION)
    message = raw.parse()
    assert raw.status_code == 200
    assert_text_message(message, reply_to(USER_TEXT), input_tokens=words(USER_TEXT) + 3)
    assert raw.headers.get("x-model-used") == MODEL_USED[model]
    assert raw.headers.get("x-request-id")


@pytest.mark.parametrize("model", MODELS)
def test_multi_turn(anthropic_client: anthropic.Anthropic, model: str):
    messages = [
        {"role": "user", "content": "First question"},
        {"role": "assistant", "content": "First answer"},
        {"role": "user", "content": [{"type": "text", "text": "second"}, {"type": "text", "text": "question"}]},
    ]
    message = anthropic_client.messages.create(model=model, max_tokens=MAX_TOKENS, messages=messages)
    assert_text_message(message, reply_to("second question"), input_tokens=(2 + 3) * 3)


@pytest.mark.parametrize("model", MODELS)
def test_max_tokens_truncates(anthropic_client: anthropic.Anthropic, model: str):
    message = anthropic_client.messages.create(model=model, max_tokens=4, messages=QUESTION)
    assert only_text(message) == "Switchyard mock reply to:"
    assert message.stop_reason == "max_tokens"
    assert message.usage.output_tokens == 4


# --------------------------------------------------------------------------- system prompt

SYSTEM_FORMS = {
    "string": SYSTEM_TEXT,
    "blocks": [{"type": "text", "text": SYSTEM_TEXT}],
}


@pytest.mark.parametrize("form", sorted(SYSTEM_FORMS))
@pytest.mark.parametrize("model", MODELS)
def test_system_prompt(anthropic_client: anthropic.Anthropic, model: str, form: str):
    message = anthropic_client.messages.create(
        model=model, max_tokens=MAX_TOKENS, system=SYSTEM_FORMS[form], messages=QUESTION
    )
    # the system prompt counts as one more message: its words + 3
    assert_text_message(message, reply_to(USER_TEXT), input_tokens=words(SYSTEM_TEXT) + 3 + words(USER_TEXT) + 3)


# --------------------------------------------------------------------------- stream


@pytest.mark.parametrize("model", MODELS)
def test_stream_text(anthropic_client: anthropic.Anthropic, model: str):
    expected = reply_to(USER_TEXT)
    non_stream = anthropic_client.messages.create(
        model=model, max_tokens=MAX_TOKENS, system=SYSTEM_TEXT, messages=QUESTION
    )
    assert only_text(non_stream) == expected

    events, texts, final = stream_events(anthropic_client, model=model, system=SYSTEM_TEXT, messages=QUESTION)
    assert_event_order(events)
    assert [event.type for event in events].count("content_block_start") == 1
    assert events[1].content_block.type == "text"
    assert "".join(texts) == expected == only_text(non_stream)
    assert len([text for text in texts if text]) == words(expected), f"not streamed word by word: {texts}"
    start = events[0].message
    assert start.role == "assistant"
    assert start.content == []
    delta = events[-2]
    assert delta.delta.stop_reason == "end_turn"
    assert delta.usage.output_tokens == words(expected)

    assert only_text(final) == expected
    assert final.model == non_stream.model
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == words(expected)
    assert final.usage.input_tokens == words(SYSTEM_TEXT) + 3 + words(USER_TEXT) + 3


@pytest.mark.parametrize("model", MODELS)
def test_stream_raw_events_and_headers(anthropic_client: anthropic.Anthropic, model: str):
    raw = anthropic_client.messages.with_raw_response.create(
        model=model, max_tokens=MAX_TOKENS, messages=QUESTION, stream=True
    )
    assert raw.headers.get("content-type", "").startswith("text/event-stream")
    assert raw.headers.get("x-model-used") == MODEL_USED[model]
    events = list(raw.parse())
    assert_event_order(events)
    text = "".join(
        event.delta.text for event in events if event.type == "content_block_delta" and event.delta.type == "text_delta"
    )
    assert text == reply_to(USER_TEXT)


@pytest.mark.parametrize("model", MODELS)
def test_stream_max_tokens(anthropic_client: anthropic.Anthropic, model: str):
    with anthropic_client.messages.stream(model=model, max_tokens=3, messages=QUESTION) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "Switchyard mock reply"
    assert final.stop_reason == "max_tokens"


# --------------------------------------------------------------------------- tools


def tool_uses(message) -> list:
    assert all(block.type == "tool_use" for block in message.content), message.content
    return list(message.content)


@pytest.mark.parametrize("model", MODELS)
def test_tool_round_trip(anthropic_client: anthropic.Anthropic, model: str):
    question = [{"role": "user", "content": WEATHER_QUESTION}]
    first = anthropic_client.messages.create(model=model, max_tokens=MAX_TOKENS, messages=question, tools=[WEATHER])
    assert first.stop_reason == "tool_use"
    calls = tool_uses(first)
    assert len(calls) == 1
    call = calls[0]
    assert call.name == "get_weather"
    assert call.input == WEATHER_INPUT
    assert call.id
    assert first.usage.input_tokens == words(WEATHER_QUESTION) + 3
    assert first.usage.output_tokens == tool_call_tokens(WEATHER_ARGUMENTS) == 2

    followup = question + [
        {"role": "assistant", "content": [block.model_dump(exclude_none=True) for block in first.content]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": TOOL_RESULT}]},
    ]
    second = anthropic_client.messages.create(model=model, max_tokens=MAX_TOKENS, messages=followup, tools=[WEATHER])
    expected = tool_results_reply(seen_tool_result(model, TOOL_RESULT))
    assert_text_message(
        second,
        expected,
        # user question + the assistant's tool-call turn (no text) + the tool result
        input_tokens=words(WEATHER_QUESTION) + 3 + 3 + words(seen_tool_result(model, TOOL_RESULT)) + 3,
    )


@pytest.mark.parametrize("model", MODELS)
def test_tool_result_as_blocks(anthropic_client: anthropic.Anthropic, model: str):
    """A JSON-object tool result in content blocks reads the same to every provider."""
    result = compact_json({"forecast": TOOL_RESULT})
    messages = [
        {"role": "user", "content": WEATHER_QUESTION},
        {
            "role": "assistant",
            "content": [{"type": "tool_use", "id": "toolu_weather_1", "name": "get_weather", "input": WEATHER_INPUT}],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "toolu_weather_1", "content": [{"type": "text", "text": result}]}
            ],
        },
    ]
    message = anthropic_client.messages.create(model=model, max_tokens=MAX_TOKENS, messages=messages, tools=[WEATHER])
    assert only_text(message) == tool_results_reply(result)
    assert message.stop_reason == "end_turn"


@pytest.mark.parametrize("model", MODELS)
def test_parallel_tool_calls(anthropic_client: anthropic.Anthropic, model: str):
    message = anthropic_client.messages.create(
        model=model,
        max_tokens=MAX_TOKENS,
        messages=[{"role": "user", "content": WEATHER_QUESTION}],
        tools=[WEATHER, TIME],
    )
    calls = tool_uses(message)
    assert [(call.name, call.input) for call in calls] == [("get_weather", WEATHER_INPUT), ("get_time", TIME_INPUT)]
    assert calls[0].id != calls[1].id
    assert message.stop_reason == "tool_use"
    assert message.usage.output_tokens == tool_call_tokens(WEATHER_ARGUMENTS, TIME_ARGUMENTS) == 4


@pytest.mark.parametrize("model", MODELS)
def test_tool_choice_named_tool(anthropic_client: anthropic.Anthropic, model: str):
    message = anthropic_client.messages.create(
        model=model,
        max_tokens=MAX_TOKENS,
        messages=[{"role": "user", "content": WEATHER_QUESTION}],
        tools=[WEATHER, TIME],
        tool_choice={"type": "tool", "name": "get_time"},
    )
    assert [(call.name, call.input) for call in tool_uses(message)] == [("get_time", TIME_INPUT)]
    assert message.stop_reason == "tool_use"


@pytest.mark.parametrize("model", MODELS)
def test_streamed_tool_calls(anthropic_client: anthropic.Anthropic, model: str):
    question = [{"role": "user", "content": WEATHER_QUESTION}]
    non_stream = anthropic_client.messages.create(
        model=model, max_tokens=MAX_TOKENS, messages=question, tools=[WEATHER, TIME]
    )
    events, texts, final = stream_events(anthropic_client, model=model, messages=question, tools=[WEATHER, TIME])
    assert_event_order(events)
    assert texts == []
    starts = [event for event in events if event.type == "content_block_start"]
    assert [(start.content_block.type, start.content_block.name) for start in starts] == [
        ("tool_use", "get_weather"),
        ("tool_use", "get_time"),
    ]
    assert events[-2].delta.stop_reason == "tool_use"
    assert [(call.name, call.input) for call in tool_uses(final)] == [
        ("get_weather", WEATHER_INPUT),
        ("get_time", TIME_INPUT),
    ]
    assert final.stop_reason == "tool_use"
    # the same request gets the same tool-use ids streamed or not
    assert [call.id for call in tool_uses(final)] == [call.id for call in tool_uses(non_stream)]


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("model", ["gpt-4o", "mock"])  # OpenAI-dialect upstreams: input is rebuilt in translation
def test_tool_input_is_identical_on_identical_requests(anthropic_client: anthropic.Anthropic, model: str, stream: bool):
    """Identical requests get identical tool input, streamed or not."""
    params = dict(
        model=model, max_tokens=MAX_TOKENS, messages=[{"role": "user", "content": "What time?"}], tools=[TIME]
    )
    inputs = []
    for _ in range(3):
        if stream:
            with anthropic_client.messages.stream(**params) as events:
                message = events.get_final_message()
        else:
            message = anthropic_client.messages.create(**params)
        inputs.append(list(tool_uses(message)[0].input.items()))
    assert inputs[0] == inputs[1] == inputs[2]
    assert dict(inputs[0]) == TIME_INPUT


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize("model", MODELS)
def test_base64_image(anthropic_client: anthropic.Anthropic, model: str):
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG_BASE64}},
                {"type": "text", "text": IMAGE_QUESTION},
            ],
        }
    ]
    message = anthropic_client.messages.create(model=model, max_tokens=MAX_TOKENS, messages=messages)
    # images contribute no words
    assert_text_message(message, reply_to(IMAGE_QUESTION), input_tokens=words(IMAGE_QUESTION) + 3)


# --------------------------------------------------------------------------- count_tokens

@pytest.mark.parametrize("model", MODELS)
def test_count_tokens(anthropic_client: anthropic.Anthropic, model: str):
    counted = anthropic_client.messages.count_tokens(model=model, system=SYSTEM_TEXT, messages=QUESTION)
    assert isinstance(counted.input_tokens, int)
    assert counted.input_tokens > 0


# --------------------------------------------------------------------------- errors


def test_unknown_model(anthropic_client: anthropic.Anthropic):
    with pytest.raises(anthropic.NotFoundError) as caught:
        anthropic_client.messages.create(model="no-such-model", max_tokens=MAX_TOKENS, messages=QUESTION)
    error = caught.value
    assert error.status_code == 404
    assert error.body["type"] == "error"
    assert error.body["error"]["type"] == "not_found_error"
    assert "no-such-model" in error.body["error"]["message"]
    assert error.response.headers.get("x-request-id")


def x_api_key_client(gateway, key: str) -> anthropic.Anthropic:
    """The SDK sending its key as `x-api-key` (as Anthropic's own API expects) instead of a bearer token.

    This SDK version sends `api_key` as `Authorization: Bearer`; omitting that header and
    setting `x-api-key` is how older SDKs and Anthropic's own docs authenticate.
    """
    return anthropic.Anthropic(
        base_url=gateway.root,
        api_key=key,
        default_headers={"x-api-key": key, "Authorization": anthropic.Omit()},
        max_retries=0,
        timeout=30.0,
    )


def test_the_sdk_key_reaches_the_gateway(gateway, anthropic_client: anthropic.Anthropic):
    raw = anthropic_client.messages.with_raw_response.create(model="mock", max_tokens=MAX_TOKENS, messages=QUESTION)
    sent = raw.http_request.headers
    assert MASTER_KEY in (sent.get("x-api-key"), (sent.get("authorization") or "").removeprefix("Bearer "))
    assert str(raw.http_request.url) == f"{gateway.root}/v1/messages"
    assert only_text(raw.parse()) == reply_to(USER_TEXT)


@pytest.mark.parametrize("model", ["claude", "gpt-4o"])
def test_x_api_key_header(gateway, model: str):
    with x_api_key_client(gateway, MASTER_KEY) as sdk:
        raw = sdk.messages.with_raw_response.create(model=model, max_tokens=MAX_TOKENS, messages=QUESTION)
    assert raw.http_request.headers.get("x-api-key") == MASTER_KEY
    assert "authorization" not in raw.http_request.headers
    assert only_text(raw.parse()) == reply_to(USER_TEXT)


@pytest.mark.parametrize("style", ["bearer", "x-api-key"])
def test_wrong_api_key(gateway, style: str):
    if style == "bearer":
        bad = anthropic.Anthropic(base_url=gateway.root, api_key="sk-wrong", max_retries=0, timeout=30.0)
    else:
        bad = x_api_key_client(gateway, "sk-wrong")
    with bad:
        with pytest.raises(anthropic.AuthenticationError) as caught:
            bad.messages.create(model="claude", max_tokens=MAX_TOKENS, messages=QUESTION)
    error = caught.value
    assert error.status_code == 401
    assert error.body["type"] == "error"
    assert error.body["error"]["type"] == "authentication_error"


@pytest.mark.parametrize("model", MODELS)
def test_mock_rate_limit(anthropic_client: anthropic.Anthropic, model: str):
    messages = [{"role": "user", "content": RATE_LIMITED_TEXT}]
    with pytest.raises(anthropic.RateLimitError) as caught:
        anthropic_client.messages.create(model=model, max_tokens=MAX_TOKENS, messages=messages)
    error = caught.value
    assert error.status_code == 429
    assert error.body == {"type": "error", "error": {"type": "rate_limit_error", "message": RATE_LIMIT_MESSAGE}}
    assert int(error.response.headers["retry-after"]) >= 1

    with pytest.raises(anthropic.RateLimitError) as streamed:
        with anthropic_client.messages.stream(model=model, max_tokens=MAX_TOKENS, messages=messages) as stream:
            list(stream)
    assert streamed.value.status_code == 429
