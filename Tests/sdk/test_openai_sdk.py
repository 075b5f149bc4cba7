"""The gateway as seen through the official `openai` Python SDK.

Every expected value is computed from the mock model's documented rules (see mockmodel.py),
never read back from the gateway.
"""

from __future__ import annotations

import base64
import json
import math
import struct
import uuid

import openai
import pytest

from mockmodel import (
    TIME_ARGUMENTS,
    TIME_TOOL,
    WEATHER_ARGUMENTS,
    WEATHER_TOOL,
    completion_text,
    prompt_tokens,
    reply_to,
    tool_call_tokens,
    tool_results_reply,
    words,
)

INPUT_COST = 0.0000025
OUTPUT_COST = 0.00001

MODEL_USED = {
    "gpt-4o": "gpt-4o; deployment=openai/gpt-4o",
    "mock": "mock; deployment=mock/switchyard-mock",
}
CHAT_MODELS = ["gpt-4o", "mock"]

USER_TEXT = "Please describe the Switchyard gateway in one sentence"
MESSAGES = [
    {"role": "system", "content": "You are a concise assistant."},
    {"role": "user", "content": USER_TEXT},
]


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError):
        return False
    return True


# --------------------------------------------------------------------------- chat, non-stream


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_chat_non_stream_content_usage_and_headers(client: openai.OpenAI, model: str):
    raw = client.chat.completions.with_raw_response.create(model=model, messages=MESSAGES)
    completion = raw.parse()

    expected = reply_to(USER_TEXT)
    assert raw.status_code == 200
    assert completion.object == "chat.completion"
    assert len(completion.choices) == 1
    choice = completion.choices[0]
    assert choice.index == 0
    assert choice.message.role == "assistant"
    assert choice.message.content == expected
    assert choice.message.tool_calls is None
    assert choice.finish_reason == "stop"

    assert completion.usage is not None
    assert completion.usage.prompt_tokens == prompt_tokens(MESSAGES) == 19
    assert completion.usage.completion_tokens == words(expected) == 12
    assert completion.usage.total_tokens == 31

    assert is_uuid(raw.headers.get("x-request-id")), raw.headers.get("x-request-id")
    assert raw.headers.get("x-model-used") == MODEL_USED[model]


def test_chat_gpt4o_model_name_and_credits(client: openai.OpenAI):
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    completion = raw.parse()
    assert completion.model == "gpt-4o"
    usage = completion.usage
    expected_cost = usage.prompt_tokens * INPUT_COST + usage.completion_tokens * OUTPUT_COST
    assert expected_cost == pytest.approx(19 * INPUT_COST + 12 * OUTPUT_COST)
    credits = raw.headers.get("x-credits-used")
    assert credits is not None, dict(raw.headers)
    assert float(credits) == pytest.approx(expected_cost, rel=1e-6, abs=1e-12)


def test_each_response_gets_its_own_request_id(client: openai.OpenAI):
    first = client.chat.completions.with_raw_response.create(model="mock", messages=MESSAGES)
    second = client.chat.completions.with_raw_response.create(model="mock", messages=MESSAGES)
    assert is_uuid(first.headers["x-request-id"])
    assert is_uuid(second.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_client_request_id_is_echoed(client: openai.OpenAI):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES, extra_headers={"x-request-id": "sdk-test-request-42"}
    )
    assert raw.headers.get("x-request-id") == "sdk-test-request-42"
    assert raw.parse().choices[0].message.content == reply_to(USER_TEXT)


def test_client_request_id_is_echoed_on_errors(client: openai.OpenAI):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(
            model="no-such-model", messages=MESSAGES, extra_headers={"x-request-id": "sdk-test-error-7"}
        )
    assert caught.value.response.headers.get("x-request-id") == "sdk-test-error-7"


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_max_tokens_truncates_with_length(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(model=model, messages=MESSAGES, max_tokens=4)
    choice = completion.choices[0]
    assert choice.message.content == "Switchyard mock reply to:"
    assert choice.finish_reason == "length"
    assert completion.usage.completion_tokens == 4


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_stop_cuts_before_stop_string(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(model=model, messages=MESSAGES, stop=[" gateway", "reply"])
    choice = completion.choices[0]
    assert choice.message.content == "Switchyard mock "
    assert choice.finish_reason == "stop"
    assert completion.usage.completion_tokens == 2


def test_multi_part_user_content(client: openai.OpenAI):
    messages = [
        {
            "role": "user",
            "content": [{"type": "text", "text": "first part"}, {"type": "text", "text": "second part"}],
        }
    ]
    completion = client.chat.completions.create(model="gpt-4o", messages=messages)
    assert completion.choices[0].message.content == reply_to("first part second part")
    assert completion.usage.prompt_tokens == 4 + 3


# --------------------------------------------------------------------------- chat, stream


def collect_stream(stream) -> list:
    chunks = list(stream)
    assert chunks, "the stream produced no chunks"
    return chunks


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_stream_deltas_concatenate_to_content(client: openai.OpenAI, model: str):
    expected = reply_to(USER_TEXT)
    non_stream = client.chat.completions.create(model=model, messages=MESSAGES)
    assert non_stream.choices[0].message.content == expected

    chunks = collect_stream(client.chat.completions.create(model=model, messages=MESSAGES, stream=True))

    for chunk in chunks:
        assert chunk.object == "chat.completion.chunk"
        assert len(chunk.choices) == 1, f"chunk with {len(chunk.choices)} choices without include_usage: {chunk}"
        assert chunk.usage is None
    assert chunks[0].choices[0].delta.role == "assistant"
    assert len({chunk.id for chunk in chunks}) == 1

    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert text == expected == non_stream.choices[0].message.content
    content_chunks = [chunk for chunk in chunks if chunk.choices[0].delta.content]
    assert len(content_chunks) == words(expected)

    finishes = [chunk.choices[0].finish_reason for chunk in chunks]
    assert finishes[-1] == "stop"
    assert all(reason is None for reason in finishes[:-1])


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_stream_include_usage(client: openai.OpenAI, model: str):
    expected = reply_to(USER_TEXT)
    chunks = collect_stream(
        client.chat.completions.create(
            model=model, messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
    )
    last = chunks[-1]
    assert last.choices == []
    assert last.usage is not None
    assert last.usage.prompt_tokens == prompt_tokens(MESSAGES) == 19
    assert last.usage.completion_tokens == words(expected) == 12
    assert last.usage.total_tokens == 31

    earlier = chunks[:-1]
    assert earlier, "only a usage chunk was streamed"
    for chunk in earlier:
        assert len(chunk.choices) == 1
        assert chunk.usage is None
    assert "".join(chunk.choices[0].delta.content or "" for chunk in earlier) == expected
    assert earlier[-1].choices[0].finish_reason == "stop"


def test_stream_raw_response_headers(client: openai.OpenAI):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True, extra_headers={"x-request-id": "sdk-stream-1"}
    )
    assert raw.headers.get("content-type", "").startswith("text/event-stream")
    assert raw.headers.get("x-request-id") == "sdk-stream-1"
    assert raw.headers.get("x-model-used") == MODEL_USED["gpt-4o"]
    text = "".join(chunk.choices[0].delta.content or "" for chunk in raw.parse() if chunk.choices)
    assert text == reply_to(USER_TEXT)


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_stream_max_tokens(client: openai.OpenAI, model: str):
    chunks = collect_stream(
        client.chat.completions.create(model=model, messages=MESSAGES, stream=True, max_tokens=3)
    )
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks) == "Switchyard mock reply"
    assert chunks[-1].choices[0].finish_reason == "length"


# --------------------------------------------------------------------------- tools

WEATHER_QUESTION = [{"role": "user", "content": "What is the weather in Paris?"}]


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_tool_round_trip(client: openai.OpenAI, model: str):
    first = client.chat.completions.create(model=model, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL])
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    assert choice.message.role == "assistant"
    calls = choice.message.tool_calls
    assert calls is not None and len(calls) == 1
    call = calls[0]
    assert call.type == "function"
    assert call.id.startswith("call_") and len(call.id) > len("call_")
    assert call.function.name == "get_weather"
    assert call.function.arguments == WEATHER_ARGUMENTS
    assert json.loads(call.function.arguments) == {"location": "mock", "unit": "celsius"}
    assert first.usage.prompt_tokens == prompt_tokens(WEATHER_QUESTION) == 9
    assert first.usage.completion_tokens == tool_call_tokens(WEATHER_ARGUMENTS) == 2

    followup = WEATHER_QUESTION + [
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
        {"role": "tool", "tool_call_id": call.id, "content": "22 degrees and sunny"},
    ]
    second = client.chat.completions.create(model=model, messages=followup, tools=[WEATHER_TOOL])
    final = second.choices[0]
    expected = tool_results_reply("22 degrees and sunny")
    assert final.message.content == expected
    assert final.message.tool_calls is None
    assert final.finish_reason == "stop"
    assert second.usage.completion_tokens == words(expected)
    assert second.usage.prompt_tokens == prompt_tokens(followup) == 9 + 3 + 7


def test_tool_results_are_joined(client: openai.OpenAI):
    messages = [
        {"role": "user", "content": "Weather and time please"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}},
                {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": "{}"}},
            ],
        },
        {"role": "tool", "tool_call_id": "call_a", "content": "sunny"},
        {"role": "tool", "tool_call_id": "call_b", "content": "noon"},
    ]
    completion = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL, TIME_TOOL])
    assert completion.choices[0].message.content == tool_results_reply("sunny", "noon")


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_parallel_tool_calls(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(
        model=model, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL, TIME_TOOL]
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    calls = choice.message.tool_calls
    assert [call.function.name for call in calls] == ["get_weather", "get_time"]
    assert [call.function.arguments for call in calls] == [WEATHER_ARGUMENTS, TIME_ARGUMENTS]
    assert all(call.id.startswith("call_") for call in calls)
    assert calls[0].id != calls[1].id
    assert completion.usage.completion_tokens == tool_call_tokens(WEATHER_ARGUMENTS, TIME_ARGUMENTS) == 4


def test_parallel_tool_calls_false_calls_only_the_first(client: openai.OpenAI):
    completion = client.chat.completions.create(
        model="gpt-4o", messages=WEATHER_QUESTION, tools=[WEATHER_TOOL, TIME_TOOL], parallel_tool_calls=False
    )
    calls = completion.choices[0].message.tool_calls
    assert [(call.function.name, call.function.arguments) for call in calls] == [("get_weather", WEATHER_ARGUMENTS)]


def test_named_tool_choice(client: openai.OpenAI):
    completion = client.chat.completions.create(
        model="mock",
        messages=WEATHER_QUESTION,
        tools=[WEATHER_TOOL, TIME_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_time"}},
    )
    calls = completion.choices[0].message.tool_calls
    assert [(call.function.name, call.function.arguments) for call in calls] == [("get_time", TIME_ARGUMENTS)]
    assert completion.choices[0].finish_reason == "tool_calls"


def test_tool_choice_none_answers_text(client: openai.OpenAI):
    completion = client.chat.completions.create(
        model="gpt-4o", messages=WEATHER_QUESTION, tools=[WEATHER_TOOL], tool_choice="none"
    )
    choice = completion.choices[0]
    assert choice.message.tool_calls is None
    assert choice.message.content == reply_to("What is the weather in Paris?")
    assert choice.finish_reason == "stop"


def reassemble_tool_calls(chunks) -> dict[int, dict]:
    calls: dict[int, dict] = {}
    for chunk in chunks:
        if not chunk.choices:
            continue
        for delta in chunk.choices[0].delta.tool_calls or []:
            call = calls.setdefault(delta.index, {"id": None, "name": "", "arguments": "", "pieces": 0})
            if delta.id:
                call["id"] = delta.id
            if delta.function is not None:
                if delta.function.name:
                    call["name"] += delta.function.name
                if delta.function.arguments:
                    call["arguments"] += delta.function.arguments
                    call["pieces"] += 1
    return calls


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_streamed_tool_calls(client: openai.OpenAI, model: str):
    non_stream = client.chat.completions.create(
        model=model, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL, TIME_TOOL]
    )
    chunks = collect_stream(
        client.chat.completions.create(
            model=model, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL, TIME_TOOL], stream=True
        )
    )
    assert chunks[0].choices[0].delta.role == "assistant"
    assert all(not (chunk.choices and chunk.choices[0].delta.content) for chunk in chunks)
    calls = reassemble_tool_calls(chunks)
    assert sorted(calls) == [0, 1]
    assert [calls[i]["name"] for i in (0, 1)] == ["get_weather", "get_time"]
    assert [calls[i]["arguments"] for i in (0, 1)] == [WEATHER_ARGUMENTS, TIME_ARGUMENTS]
    for i in (0, 1):
        assert calls[i]["id"].startswith("call_")
        assert calls[i]["pieces"] >= 2, f"arguments of call {i} were not streamed in pieces"
    # the same request gets the same ids streamed or not
    assert [calls[i]["id"] for i in (0, 1)] == [call.id for call in non_stream.choices[0].message.tool_calls]
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


# --------------------------------------------------------------------------- JSON mode


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_json_mode(client: openai.OpenAI, model: str):
    completion = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Answer in JSON please"}],
        response_format={"type": "json_object"},
    )
    content = completion.choices[0].message.content
    assert json.loads(content) == {"reply": reply_to("Answer in JSON please")}
    assert completion.choices[0].finish_reason == "stop"


def test_json_schema_response_format(client: openai.OpenAI):
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Give me a city"}],
        response_format={
            "type": "json_schema",
            "json_schema": {
                "name": "city",
                "schema": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "population": {"type": "integer"}},
                    "required": ["name", "population"],
                },
            },
        },
    )
    assert json.loads(completion.choices[0].message.content) == {"name": "mock", "population": 1}


# --------------------------------------------------------------------------- embeddings

EMBEDDING_MODELS = ["text-embedding-3-small", "mock"]


def norm(vector: list[float]) -> float:
    return math.sqrt(sum(x * x for x in vector))


@pytest.mark.parametrize("model", EMBEDDING_MODELS)
def test_embeddings_float_and_base64(client: openai.OpenAI, model: str):
    text = "The quick brown fox"
    as_float = client.embeddings.create(model=model, input=text, encoding_format="float")
    raw = client.embeddings.with_raw_response.create(model=model, input=text)  # SDK default: base64
    as_base64 = raw.parse()

    # the SDK really asked for base64, and the gateway really answered base64
    assert json.loads(raw.http_request.content)["encoding_format"] == "base64"
    wire = json.loads(raw.text)
    assert isinstance(wire["data"][0]["embedding"], str)

    for response in (as_float, as_base64):
        assert response.object == "list"
        assert len(response.data) == 1
        assert response.data[0].index == 0
        vector = response.data[0].embedding
        assert len(vector) == 16
        assert all(isinstance(x, float) for x in vector)
        assert norm(vector) == pytest.approx(1.0, abs=1e-5)
        assert response.usage.prompt_tokens == 4

    assert as_base64.data[0].embedding == pytest.approx(as_float.data[0].embedding, abs=1e-6)
    decoded = list(struct.unpack("<16f", base64.b64decode(wire["data"][0]["embedding"])))
    assert decoded == pytest.approx(as_float.data[0].embedding, abs=1e-6)

    again = client.embeddings.create(model=model, input=text, encoding_format="float")
    assert again.data[0].embedding == as_float.data[0].embedding


@pytest.mark.parametrize("model", EMBEDDING_MODELS)
def test_embeddings_batch_and_determinism(client: openai.OpenAI, model: str):
    inputs = ["alpha", "beta gamma", "alpha"]
    response = client.embeddings.create(model=model, input=inputs)
    assert [item.index for item in response.data] == [0, 1, 2]
    vectors = [item.embedding for item in response.data]
    assert all(len(vector) == 16 for vector in vectors)
    assert vectors[0] == vectors[2]
    assert vectors[0] != vectors[1]
    assert response.usage.prompt_tokens == 4


@pytest.mark.parametrize("encoding", ["float", "sdk-default-base64", "explicit-base64"])
def test_embeddings_dimensions(client: openai.OpenAI, encoding: str):
    options = {"float": {"encoding_format": "float"}, "sdk-default-base64": {}}.get(
        encoding, {"encoding_format": "base64"}
    )
    response = client.embeddings.create(
        model="text-embedding-3-small", input="The quick brown fox", dimensions=8, **options
    )
    vector = response.data[0].embedding
    if encoding == "explicit-base64":
        # asked for explicitly, the SDK hands the base64 string back undecoded
        assert isinstance(vector, str)
        vector = list(struct.unpack("<8f", base64.b64decode(vector)))
    assert len(vector) == 8
    assert all(isinstance(x, float) for x in vector)
    assert norm(vector) == pytest.approx(1.0, abs=1e-5)


# --------------------------------------------------------------------------- legacy completions


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_legacy_completion(client: openai.OpenAI, model: str):
    prompt = "Once upon a time"
    raw = client.completions.with_raw_response.create(model=model, prompt=prompt, max_tokens=50)
    completion = raw.parse()
    expected = completion_text(prompt)
    assert completion.object == "text_completion"
    assert completion.choices[0].text == expected
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage.prompt_tokens == 4
    assert completion.usage.completion_tokens == words(expected) == 8
    assert raw.headers.get("x-model-used") == MODEL_USED[model]


def test_legacy_completion_stream(client: openai.OpenAI):
    prompt = "Once upon a time"
    chunks = list(
        client.completions.create(
            model="gpt-4o", prompt=prompt, stream=True, stream_options={"include_usage": True}
        )
    )
    assert "".join(chunk.choices[0].text for chunk in chunks if chunk.choices) == completion_text(prompt)
    assert chunks[-1].choices == []
    assert chunks[-1].usage.completion_tokens == 8
    assert [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices][-1] == "stop"


def test_legacy_completion_max_tokens(client: openai.OpenAI):
    completion = client.completions.create(model="mock", prompt="Once upon a time", max_tokens=2)
    assert completion.choices[0].text == " Switchyard mock"
    assert completion.choices[0].finish_reason == "length"


# --------------------------------------------------------------------------- models


def test_models_list(client: openai.OpenAI):
    ids = [model.id for model in client.models.list()]
    assert {"gpt-4o", "mock", "text-embedding-3-small", "broken"} <= set(ids)
    assert len(ids) == len(set(ids)), f"duplicate model ids: {ids}"


def test_models_retrieve(client: openai.OpenAI):
    model = client.models.retrieve("gpt-4o")
    assert model.id == "gpt-4o"
    assert model.object == "model"


def test_models_retrieve_unknown(client: openai.OpenAI):
    with pytest.raises(openai.NotFoundError) as caught:
        client.models.retrieve("no-such-model")
    assert caught.value.status_code == 404


# --------------------------------------------------------------------------- errors


def test_wrong_api_key(gateway):
    with openai.OpenAI(base_url=gateway.base_url, api_key="sk-wrong", max_retries=0) as bad:
        with pytest.raises(openai.AuthenticationError) as caught:
            bad.chat.completions.create(model="mock", messages=MESSAGES)
        with pytest.raises(openai.AuthenticationError):
            bad.models.list()
    assert caught.value.status_code == 401


def test_unknown_model(client: openai.OpenAI):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="no-such-model", messages=MESSAGES)
    error = caught.value
    assert error.status_code == 404
    assert error.code == "model_not_found"
    assert "no-such-model" in error.message


def test_empty_messages(client: openai.OpenAI):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="mock", messages=[])
    assert caught.value.status_code == 400
    assert "messages" in caught.value.message


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_mock_rate_limit(client: openai.OpenAI, model: str):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "slow down [[mock:status=429]]"}]
        )
    error = caught.value
    assert error.status_code == 429
    assert error.response.headers.get("retry-after") is not None
    assert int(error.response.headers["retry-after"]) >= 1


@pytest.mark.parametrize("model", CHAT_MODELS)
def test_mock_bad_request_passes_through(client: openai.OpenAI, model: str):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "be wrong [[mock:status=400]]"}]
        )
    error = caught.value
    assert error.status_code == 400
    assert isinstance(error.body, dict)
    assert error.body.get("message") == "Mock failure requested with [[mock:status=400]]."


def test_broken_upstream_is_502(client: openai.OpenAI):
    with pytest.raises(openai.InternalServerError) as caught:
        client.chat.completions.create(model="broken", messages=MESSAGES)
    assert caught.value.status_code == 502
    assert isinstance(caught.value.body, dict)
    assert set(caught.value.body) >= {"message", "type", "param", "code"}


def test_stream_error_raises_before_streaming(client: openai.OpenAI):
    with pytest.raises(openai.RateLimitError) as caught:
        list(
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "[[mock:status=429]]"}], stream=True
            )
        )
    assert caught.value.status_code == 429
