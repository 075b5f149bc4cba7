"""The official `openai` SDK against every provider dialect (see matrix.py).

`gpt-4o` is a byte pass-through; `claude` and `gemini-flash` are translated to the Anthropic and
Gemini dialects and back; `mock` answers in-process. test_anthropic_sdk.py and test_genai_sdk.py
run the same cells through the other two client SDKs. Every expected value comes from the mock
model's documented rules (mockmodel.py), never from the gateway.
"""

from __future__ import annotations

import json

import openai
import pytest

from matrix import (
    DIALECTS,
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
    prompt_tokens,
    reply_to,
    tool_call_tokens,
    tool_results_reply,
    words,
)

QUESTION = [{"role": "user", "content": USER_TEXT}]


def assert_text_completion(completion, expected: str, messages: list[dict]) -> None:
    assert completion.object == "chat.completion"
    assert len(completion.choices) == 1
    choice = completion.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == expected
    assert choice.message.tool_calls is None
    assert choice.finish_reason == "stop"
    assert completion.usage.prompt_tokens == prompt_tokens(messages)
    assert completion.usage.completion_tokens == words(expected)
    assert completion.usage.total_tokens == prompt_tokens(messages) + words(expected)


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("model", MODELS)
def test_text(client: openai.OpenAI, model: str):
    raw = client.chat.completions.with_raw_response.create(model=model, messages=QUESTION)
    completion = raw.parse()
    assert_text_completion(completion, reply_to(USER_TEXT), QUESTION)
    assert raw.headers.get("x-model-used") == MODEL_USED[model]
    assert raw.headers.get("x-request-id")


@pytest.mark.parametrize("model", MODELS)
def test_multi_turn(client: openai.OpenAI, model: str):
    messages = [
        {"role": "user", "content": "First question"},
        {"role": "assistant", "content": "First answer"},
        {"role": "user", "content": [{"type": "text", "text": "second"}, {"type": "text", "text": "question"}]},
    ]
    completion = client.chat.completions.create(model=model, messages=messages)
    assert_text_completion(completion, reply_to("second question"), messages)


@pytest.mark.parametrize("model", MODELS)
def test_max_tokens_truncates_with_length(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(model=model, messages=QUESTION, max_tokens=4)
    assert completion.choices[0].message.content == "Switchyard mock reply to:"
    assert completion.choices[0].finish_reason == "length"
    assert completion.usage.completion_tokens == 4


# --------------------------------------------------------------------------- system prompt


@pytest.mark.parametrize("role", ["system", "developer"])
@pytest.mark.parametrize("model", MODELS)
def test_system_message(client: openai.OpenAI, model: str, role: str):
    messages = [{"role": role, "content": SYSTEM_TEXT}, *QUESTION]
    completion = client.chat.completions.create(model=model, messages=messages)
    # the system prompt counts as one more message: its words + 3
    assert_text_completion(completion, reply_to(USER_TEXT), messages)
    assert completion.usage.prompt_tokens == words(SYSTEM_TEXT) + 3 + words(USER_TEXT) + 3


# --------------------------------------------------------------------------- stream


@pytest.mark.parametrize("model", MODELS)
def test_stream(client: openai.OpenAI, model: str):
    messages = [{"role": "system", "content": SYSTEM_TEXT}, *QUESTION]
    expected = reply_to(USER_TEXT)
    non_stream = client.chat.completions.create(model=model, messages=messages)
    assert non_stream.choices[0].message.content == expected

    chunks = list(
        client.chat.completions.create(
            model=model, messages=messages, stream=True, stream_options={"include_usage": True}
        )
    )
    assert chunks, "the stream produced no chunks"
    usage_chunk, content_chunks = chunks[-1], chunks[:-1]
    assert usage_chunk.choices == []
    assert usage_chunk.usage.prompt_tokens == prompt_tokens(messages)
    assert usage_chunk.usage.completion_tokens == words(expected)

    assert content_chunks
    for chunk in content_chunks:
        assert chunk.object == "chat.completion.chunk"
        assert len(chunk.choices) == 1
        assert chunk.usage is None
    # the model named in the stream is the one the plain answer names
    assert {chunk.model for chunk in chunks} == {non_stream.model}
    assert len({chunk.id for chunk in chunks}) == 1
    assert content_chunks[0].choices[0].delta.role == "assistant"
    deltas = [chunk.choices[0].delta.content or "" for chunk in content_chunks]
    assert "".join(deltas) == expected == non_stream.choices[0].message.content
    assert len([delta for delta in deltas if delta]) == words(expected), f"not streamed word by word: {deltas}"
    finishes = [chunk.choices[0].finish_reason for chunk in content_chunks]
    assert finishes[-1] == "stop"
    assert all(reason is None for reason in finishes[:-1])


@pytest.mark.parametrize("model", MODELS)
def test_stream_without_usage_and_headers(client: openai.OpenAI, model: str):
    raw = client.chat.completions.with_raw_response.create(model=model, messages=QUESTION, stream=True)
    assert raw.headers.get("content-type", "").startswith("text/event-stream")
    assert raw.headers.get("x-model-used") == MODEL_USED[model]
    chunks = list(raw.parse())
    assert all(len(chunk.choices) == 1 and chunk.usage is None for chunk in chunks), chunks[-1]
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks) == reply_to(USER_TEXT)


@pytest.mark.parametrize("model", MODELS)
def test_stream_max_tokens(client: openai.OpenAI, model: str):
    chunks = list(client.chat.completions.create(model=model, messages=QUESTION, stream=True, max_tokens=3))
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks) == "Switchyard mock reply"
    assert chunks[-1].choices[0].finish_reason == "length"


# --------------------------------------------------------------------------- tools


def assert_arguments(arguments: str, expected: str, model: str) -> None:
    """Exact text from an OpenAI-dialect upstream; from a translated one, the same JSON object."""
    assert json.loads(arguments) == json.loads(expected)
    if DIALECTS[model] in ("openai", "in-process"):
        assert arguments == expected


@pytest.mark.parametrize("result", ["text", "json-object"])
@pytest.mark.parametrize("model", MODELS)
def test_tool_round_trip(client: openai.OpenAI, model: str, result: str):
    question = [{"role": "user", "content": WEATHER_QUESTION}]
    first = client.chat.completions.create(model=model, messages=question, tools=[WEATHER_TOOL])
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    calls = choice.message.tool_calls
    assert calls is not None and len(calls) == 1
    call = calls[0]
    assert call.type == "function"
    assert call.id
    assert call.function.name == "get_weather"
    assert_arguments(call.function.arguments, WEATHER_ARGUMENTS, model)
    assert json.loads(call.function.arguments) == WEATHER_INPUT
    assert first.usage.prompt_tokens == prompt_tokens(question)
    assert first.usage.completion_tokens == tool_call_tokens(WEATHER_ARGUMENTS) == 2

    content = TOOL_RESULT if result == "text" else compact_json({"forecast": TOOL_RESULT})
    followup = question + [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call.id,
                    "type": "function",
                    "function": {"name": call.function.name, "arguments": call.function.arguments},
                }
            ],
        },
        {"role": "tool", "tool_call_id": call.id, "content": content},
    ]
    second = client.chat.completions.create(model=model, messages=followup, tools=[WEATHER_TOOL])
    seen = seen_tool_result(model, content)
    if result == "json-object":
        assert seen == content  # a JSON-object result reads the same to every provider
    expected = tool_results_reply(seen)
    final = second.choices[0]
    assert final.message.content == expected
    assert final.message.tool_calls is None
    assert final.finish_reason == "stop"
    assert second.usage.completion_tokens == words(expected)
    assert second.usage.prompt_tokens == prompt_tokens(question) + 3 + words(seen) + 3


@pytest.mark.parametrize("model", MODELS)
def test_parallel_tool_calls(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": WEATHER_QUESTION}], tools=[WEATHER_TOOL, TIME_TOOL]
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    calls = choice.message.tool_calls
    assert [call.function.name for call in calls] == ["get_weather", "get_time"]
    assert_arguments(calls[0].function.arguments, WEATHER_ARGUMENTS, model)
    assert_arguments(calls[1].function.arguments, TIME_ARGUMENTS, model)
    assert json.loads(calls[1].function.arguments) == TIME_INPUT
    assert calls[0].id and calls[1].id and calls[0].id != calls[1].id
    assert completion.usage.completion_tokens == tool_call_tokens(WEATHER_ARGUMENTS, TIME_ARGUMENTS) == 4


@pytest.mark.parametrize("model", MODELS)
def test_named_tool_choice(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": WEATHER_QUESTION}],
        tools=[WEATHER_TOOL, TIME_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_time"}},
    )
    calls = completion.choices[0].message.tool_calls
    assert [call.function.name for call in calls] == ["get_time"]
    assert json.loads(calls[0].function.arguments) == TIME_INPUT


@pytest.mark.parametrize("model", MODELS)
def test_tool_choice_none_answers_text(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": WEATHER_QUESTION}], tools=[WEATHER_TOOL], tool_choice="none"
    )
    assert completion.choices[0].message.content == reply_to(WEATHER_QUESTION)
    assert completion.choices[0].message.tool_calls is None
    assert completion.choices[0].finish_reason == "stop"


@pytest.mark.parametrize("model", MODELS)
def test_streamed_tool_calls(client: openai.OpenAI, model: str):
    messages = [{"role": "user", "content": WEATHER_QUESTION}]
    non_stream = client.chat.completions.create(model=model, messages=messages, tools=[WEATHER_TOOL, TIME_TOOL])
    chunks = list(
        client.chat.completions.create(model=model, messages=messages, tools=[WEATHER_TOOL, TIME_TOOL], stream=True)
    )
    assert chunks[0].choices[0].delta.role == "assistant"
    assert all(not chunk.choices[0].delta.content for chunk in chunks)
    calls: dict[int, dict] = {}
    for chunk in chunks:
        for delta in chunk.choices[0].delta.tool_calls or []:
            call = calls.setdefault(delta.index, {"id": None, "name": "", "arguments": ""})
            if delta.id:
                assert call["id"] is None, f"tool call {delta.index} got a second id"
                call["id"] = delta.id
            if delta.function is not None:
                call["name"] += delta.function.name or ""
                call["arguments"] += delta.function.arguments or ""
    assert sorted(calls) == [0, 1]
    assert [calls[i]["name"] for i in (0, 1)] == ["get_weather", "get_time"]
    assert [json.loads(calls[i]["arguments"]) for i in (0, 1)] == [WEATHER_INPUT, TIME_INPUT]
    # the same request gets the same ids streamed or not
    assert [calls[i]["id"] for i in (0, 1)] == [call.id for call in non_stream.choices[0].message.tool_calls]
    finishes = [chunk.choices[0].finish_reason for chunk in chunks]
    assert finishes[-1] == "tool_calls"
    assert all(reason is None for reason in finishes[:-1])


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize("detail", [None, "low"])
@pytest.mark.parametrize("model", MODELS)
def test_base64_image(client: openai.OpenAI, model: str, detail: str | None):
    image_url = {"url": f"data:image/png;base64,{PNG_BASE64}"}
    if detail:
        image_url["detail"] = detail
    messages = [
        {
            "role": "user",
            "content": [{"type": "image_url", "image_url": image_url}, {"type": "text", "text": IMAGE_QUESTION}],
        }
    ]
    completion = client.chat.completions.create(model=model, messages=messages)
    # images contribute no words
    assert_text_completion(completion, reply_to(IMAGE_QUESTION), messages)
    assert completion.usage.prompt_tokens == words(IMAGE_QUESTION) + 3


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("model", MODELS)
def test_mock_rate_limit(client: openai.OpenAI, model: str):
    messages = [{"role": "user", "content": RATE_LIMITED_TEXT}]
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model=model, messages=messages)
    error = caught.value
    assert error.status_code == 429
    assert isinstance(error.body, dict) and set(error.body) >= {"message", "type", "param", "code"}
    assert error.body["message"] == RATE_LIMIT_MESSAGE
    assert int(error.response.headers["retry-after"]) >= 1

    with pytest.raises(openai.RateLimitError) as streamed:
        list(client.chat.completions.create(model=model, messages=messages, stream=True))
    assert streamed.value.status_code == 429


@pytest.mark.parametrize("model", MODELS)
def test_mock_bad_request_passes_through(client: openai.OpenAI, model: str):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "be wrong [[mock:status=400]]"}]
        )
    error = caught.value
    assert error.status_code == 400
    assert isinstance(error.body, dict)
    assert error.body.get("message") == "Mock failure requested with [[mock:status=400]]."
