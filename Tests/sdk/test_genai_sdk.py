"""The gateway's Gemini surface through the official `google-genai` SDK with its default options
(`/v1/models/{model}:…`; `/v1beta/` when a client pins `api_version`).

Each test runs against every provider dialect (see matrix.py): `gemini-flash` is a byte
pass-through, the others are translated through the OpenAI dialect. Every expected value comes
from the mock model's documented rules (mockmodel.py), never from the gateway.
"""

from __future__ import annotations

import math

import pytest
from google.genai import errors, types

from conftest import MASTER_KEY, make_genai_client
from matrix import (
    IMAGE_QUESTION,
    MODEL_USED,
    MODELS,
    PNG_BYTES,
    RATE_LIMIT_MESSAGE,
    RATE_LIMITED_TEXT,
    SYSTEM_TEXT,
    TIME_INPUT,
    TOOL_RESULT,
    USER_TEXT,
    WEATHER_INPUT,
    WEATHER_QUESTION,
    compact_json,
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

STOP = types.FinishReason.STOP


def declaration(openai_tool: dict, style: str) -> types.FunctionDeclaration:
    """A function declaration with its schema as `parameters` (Gemini Schema) or `parameters_json_schema`."""
    function = openai_tool["function"]
    return types.FunctionDeclaration(
        name=function["name"], description=function["description"], **{style: function["parameters"]}
    )


def tools_config(*openai_tools: dict, style: str = "parameters") -> types.GenerateContentConfig:
    return types.GenerateContentConfig(
        tools=[types.Tool(function_declarations=[declaration(tool, style) for tool in openai_tools])]
    )


def user(*parts) -> types.Content:
    return types.Content(
        role="user", parts=[types.Part.from_text(text=part) if isinstance(part, str) else part for part in parts]
    )


def only_text(response) -> str:
    assert len(response.candidates) == 1
    parts = response.candidates[0].content.parts
    assert parts and all(part.text is not None and part.function_call is None for part in parts), parts
    return "".join(part.text for part in parts)


def assert_text_response(response, expected: str, prompt_tokens: int) -> None:
    assert only_text(response) == expected
    assert response.text == expected
    candidate = response.candidates[0]
    assert candidate.content.role == "model"
    assert candidate.finish_reason == STOP
    usage = response.usage_metadata
    assert usage.prompt_token_count == prompt_tokens
    assert usage.candidates_token_count == words(expected)
    assert usage.total_token_count == prompt_tokens + words(expected)


def model_used(response) -> str | None:
    return response.sdk_http_response.headers.get("x-model-used")


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("model", MODELS)
def test_text(genai_client, model: str):
    response = genai_client.models.generate_content(model=model, contents=USER_TEXT)
    assert_text_response(response, reply_to(USER_TEXT), prompt_tokens=words(USER_TEXT) + 3)
    assert model_used(response) == MODEL_USED[model]
    assert response.sdk_http_response.headers.get("x-request-id")


@pytest.mark.parametrize("model", MODELS)
def test_multi_turn(genai_client, model: str):
    contents = [
        user("First question"),
        types.Content(role="model", parts=[types.Part.from_text(text="First answer")]),
        user("second", "question"),
    ]
    response = genai_client.models.generate_content(model=model, contents=contents)
    assert_text_response(response, reply_to("second question"), prompt_tokens=(2 + 3) * 3)


@pytest.mark.parametrize("model", MODELS)
def test_max_output_tokens_truncates(genai_client, model: str):
    response = genai_client.models.generate_content(
        model=model, contents=USER_TEXT, config=types.GenerateContentConfig(max_output_tokens=4)
    )
    assert only_text(response) == "Switchyard mock reply to:"
    assert response.candidates[0].finish_reason == types.FinishReason.MAX_TOKENS
    assert response.usage_metadata.candidates_token_count == 4


# --------------------------------------------------------------------------- system instruction

SYSTEM_FORMS = {
    "string": SYSTEM_TEXT,
    "content": types.Content(parts=[types.Part.from_text(text=SYSTEM_TEXT)]),
}


@pytest.mark.parametrize("form", sorted(SYSTEM_FORMS))
@pytest.mark.parametrize("model", MODELS)
def test_system_instruction(genai_client, model: str, form: str):
    response = genai_client.models.generate_content(
        model=model,
        contents=USER_TEXT,
        config=types.GenerateContentConfig(system_instruction=SYSTEM_FORMS[form]),
    )
    # the system instruction counts as one more message: its words + 3
    assert_text_response(
        response, reply_to(USER_TEXT), prompt_tokens=words(SYSTEM_TEXT) + 3 + words(USER_TEXT) + 3
    )


# --------------------------------------------------------------------------- stream


def stream_chunks(client, **params) -> list:
    chunks = list(client.models.generate_content_stream(**params))
    assert chunks, "the stream produced no chunks"
    return chunks


def assert_finishes_once(chunks, reason) -> None:
    """Every chunk has one candidate; only the last carries a finish reason."""
    assert all(len(chunk.candidates) == 1 for chunk in chunks), chunks
    finishes = [chunk.candidates[0].finish_reason for chunk in chunks]
    assert finishes[-1] == reason, finishes
    assert all(finish is None for finish in finishes[:-1]), finishes


@pytest.mark.parametrize("model", MODELS)
def test_stream_text(genai_client, model: str):
    expected = reply_to(USER_TEXT)
    config = types.GenerateContentConfig(system_instruction=SYSTEM_TEXT)
    non_stream = genai_client.models.generate_content(model=model, contents=USER_TEXT, config=config)
    assert only_text(non_stream) == expected

    chunks = stream_chunks(genai_client, model=model, contents=USER_TEXT, config=config)
    texts = [chunk.text or "" for chunk in chunks]
    assert "".join(texts) == expected == only_text(non_stream)
    assert len([text for text in texts if text]) == words(expected), f"not streamed word by word: {texts}"
    assert_finishes_once(chunks, STOP)
    assert all(chunk.candidates[0].content.role == "model" for chunk in chunks)
    assert len({chunk.response_id for chunk in chunks}) == 1
    usage = chunks[-1].usage_metadata
    assert usage is not None
    assert usage.prompt_token_count == words(SYSTEM_TEXT) + 3 + words(USER_TEXT) + 3
    assert usage.candidates_token_count == words(expected)
    assert model_used(chunks[0]) == MODEL_USED[model]


@pytest.mark.parametrize("model", MODELS)
def test_model_version_is_the_same_streamed_or_not(genai_client, model: str):
    non_stream = genai_client.models.generate_content(model=model, contents=USER_TEXT)
    chunks = stream_chunks(genai_client, model=model, contents=USER_TEXT)
    assert non_stream.model_version
    assert {chunk.model_version for chunk in chunks} == {non_stream.model_version}


@pytest.mark.parametrize("model", MODELS)
def test_stream_max_output_tokens(genai_client, model: str):
    chunks = stream_chunks(
        genai_client, model=model, contents=USER_TEXT, config=types.GenerateContentConfig(max_output_tokens=3)
    )
    assert "".join(chunk.text or "" for chunk in chunks) == "Switchyard mock reply"
    assert_finishes_once(chunks, types.FinishReason.MAX_TOKENS)


# --------------------------------------------------------------------------- tools


def function_calls(response) -> list:
    parts = response.candidates[0].content.parts
    assert all(part.function_call is not None for part in parts), parts
    return [part.function_call for part in parts]


@pytest.mark.parametrize("style", ["parameters", "parameters_json_schema"])
@pytest.mark.parametrize("model", MODELS)
def test_tool_round_trip(genai_client, model: str, style: str):
    question = [user(WEATHER_QUESTION)]
    config = tools_config(WEATHER_TOOL, style=style)
    first = genai_client.models.generate_content(model=model, contents=question, config=config)
    calls = function_calls(first)
    assert [(call.name, call.args) for call in calls] == [("get_weather", WEATHER_INPUT)]
    assert first.function_calls == calls
    assert first.candidates[0].finish_reason == STOP
    assert first.candidates[0].content.role == "model"
    assert first.usage_metadata.prompt_token_count == words(WEATHER_QUESTION) + 3
    assert first.usage_metadata.candidates_token_count == tool_call_tokens(WEATHER_ARGUMENTS) == 2

    result = {"result": TOOL_RESULT}
    followup = question + [
        first.candidates[0].content,
        types.Content(role="user", parts=[types.Part.from_function_response(name="get_weather", response=result)]),
    ]
    second = genai_client.models.generate_content(model=model, contents=followup, config=config)
    # a function response reaches every provider as its compact JSON
    seen = compact_json(result)
    assert_text_response(
        second,
        tool_results_reply(seen),
        # user question + the model's function-call turn (no text) + the function response
        prompt_tokens=words(WEATHER_QUESTION) + 3 + 3 + words(seen) + 3,
    )


@pytest.mark.parametrize("model", MODELS)
def test_parallel_function_calls(genai_client, model: str):
    response = genai_client.models.generate_content(
        model=model, contents=WEATHER_QUESTION, config=tools_config(WEATHER_TOOL, TIME_TOOL)
    )
    calls = function_calls(response)
    assert [(call.name, call.args) for call in calls] == [("get_weather", WEATHER_INPUT), ("get_time", TIME_INPUT)]
    assert response.usage_metadata.candidates_token_count == tool_call_tokens(WEATHER_ARGUMENTS, TIME_ARGUMENTS)


@pytest.mark.parametrize("model", MODELS)
def test_function_calling_config_any_with_allowed_name(genai_client, model: str):
    config = tools_config(WEATHER_TOOL, TIME_TOOL)
    config.tool_config = types.ToolConfig(
        function_calling_config=types.FunctionCallingConfig(mode="ANY", allowed_function_names=["get_time"])
    )
    response = genai_client.models.generate_content(model=model, contents=WEATHER_QUESTION, config=config)
    assert [(call.name, call.args) for call in function_calls(response)] == [("get_time", TIME_INPUT)]


@pytest.mark.parametrize("model", MODELS)
def test_function_calling_config_none_answers_text(genai_client, model: str):
    config = tools_config(WEATHER_TOOL)
    config.tool_config = types.ToolConfig(function_calling_config=types.FunctionCallingConfig(mode="NONE"))
    response = genai_client.models.generate_content(model=model, contents=WEATHER_QUESTION, config=config)
    assert only_text(response) == reply_to(WEATHER_QUESTION)


@pytest.mark.parametrize("model", MODELS)
def test_streamed_function_calls(genai_client, model: str):
    config = tools_config(WEATHER_TOOL, TIME_TOOL)
    non_stream = genai_client.models.generate_content(model=model, contents=WEATHER_QUESTION, config=config)
    chunks = stream_chunks(genai_client, model=model, contents=WEATHER_QUESTION, config=config)
    calls = [call for chunk in chunks for call in (chunk.function_calls or [])]
    assert [(call.name, call.args) for call in calls] == [("get_weather", WEATHER_INPUT), ("get_time", TIME_INPUT)]
    assert all(not chunk.text for chunk in chunks)
    assert_finishes_once(chunks, STOP)
    # the same request gets the same call ids streamed or not
    assert [call.id for call in calls] == [call.id for call in function_calls(non_stream)]


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("model", ["gpt-4o", "mock"])  # OpenAI-dialect upstreams: args are rebuilt in translation
def test_function_call_args_are_identical_on_identical_requests(genai_client, model: str, stream: bool):
    """Translated arguments are written with sorted keys, so identical requests get identical args."""
    params = dict(model=model, contents="What time?", config=tools_config(TIME_TOOL))
    orders = []
    for _ in range(3):
        if stream:
            calls = [call for chunk in stream_chunks(genai_client, **params) for call in (chunk.function_calls or [])]
        else:
            calls = function_calls(genai_client.models.generate_content(**params))
        orders.append(list(calls[0].args))
    assert orders == [sorted(TIME_INPUT)] * 3


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize("model", MODELS)
def test_inline_image(genai_client, model: str):
    contents = [user(types.Part.from_bytes(data=PNG_BYTES, mime_type="image/png"), IMAGE_QUESTION)]
    response = genai_client.models.generate_content(model=model, contents=contents)
    # images contribute no words
    assert_text_response(response, reply_to(IMAGE_QUESTION), prompt_tokens=words(IMAGE_QUESTION) + 3)


# --------------------------------------------------------------------------- count tokens and embeddings

@pytest.mark.parametrize("model", MODELS)
def test_count_tokens(genai_client, model: str):
    counted = genai_client.models.count_tokens(model=model, contents=USER_TEXT)
    assert isinstance(counted.total_tokens, int)
    assert counted.total_tokens > 0


@pytest.mark.parametrize("model", ["text-embedding-3-small", "mock"])
def test_embed_content(genai_client, model: str):
    response = genai_client.models.embed_content(model=model, contents=["The quick brown fox", "alpha"])
    vectors = [embedding.values for embedding in response.embeddings]
    assert [len(vector) for vector in vectors] == [16, 16]
    assert all(math.sqrt(sum(x * x for x in vector)) == pytest.approx(1.0, abs=1e-5) for vector in vectors)
    assert vectors[0] != vectors[1]


# --------------------------------------------------------------------------- keys and errors


@pytest.mark.parametrize("api_version, segment", [(None, "v1"), ("v1beta", "v1beta")])
def test_sdk_url_and_key_header(gateway, api_version, segment):
    sent = []
    with make_genai_client(gateway, MASTER_KEY, api_version=api_version, event_hooks={"request": [sent.append]}) as client:
        response = client.models.generate_content(model="claude", contents=USER_TEXT)
        counted = client.models.count_tokens(model="gemini-flash", contents=USER_TEXT)
        embedded = client.models.embed_content(model="gpt-4o", contents=USER_TEXT)
    assert only_text(response) == reply_to(USER_TEXT)
    assert counted.total_tokens > 0
    assert len(embedded.embeddings) == 1
    assert [(request.method, str(request.url)) for request in sent] == [
        ("POST", f"{gateway.root}/{segment}/models/claude:generateContent"),
        ("POST", f"{gateway.root}/{segment}/models/gemini-flash:countTokens"),
        ("POST", f"{gateway.root}/{segment}/models/gpt-4o:batchEmbedContents"),
    ]
    assert sent[0].headers.get("x-goog-api-key") == MASTER_KEY
    assert "authorization" not in sent[0].headers


def test_unknown_model(genai_client):
    with pytest.raises(errors.ClientError) as caught:
        genai_client.models.generate_content(model="no-such-model", contents=USER_TEXT)
    error = caught.value
    assert error.code == 404
    assert error.status == "NOT_FOUND"
    assert "no-such-model" in error.message


def test_wrong_api_key(gateway):
    with make_genai_client(gateway, "sk-wrong") as bad:
        with pytest.raises(errors.ClientError) as caught:
            bad.models.generate_content(model="gemini-flash", contents=USER_TEXT)
        with pytest.raises(errors.ClientError) as streamed:
            list(bad.models.generate_content_stream(model="claude", contents=USER_TEXT))
    assert caught.value.code == 401
    assert caught.value.status == "UNAUTHENTICATED"
    assert streamed.value.code == 401


@pytest.mark.parametrize("model", MODELS)
def test_mock_rate_limit(genai_client, model: str):
    with pytest.raises(errors.ClientError) as caught:
        genai_client.models.generate_content(model=model, contents=RATE_LIMITED_TEXT)
    error = caught.value
    assert error.code == 429
    assert error.status == "RESOURCE_EXHAUSTED"
    assert error.message == RATE_LIMIT_MESSAGE
    assert int(error.response.headers["retry-after"]) >= 1

    with pytest.raises(errors.ClientError) as streamed:
        list(genai_client.models.generate_content_stream(model=model, contents=RATE_LIMITED_TEXT))
    assert streamed.value.code == 429
    assert streamed.value.status == "RESOURCE_EXHAUSTED"
