"""OpenAI's Responses API through the official `openai` SDK, on every provider dialect.

`gpt-4o` and `mock` have a Responses API of their own (the request goes through); `claude`,
`gemini-flash` and `claude-bedrock` are translated through chat and back. The conversation is
the gateway's: a turn answered by one provider is continued with `previous_response_id` on
another. The SDK runs with its default options (only base_url and api_key, no retries). Every
expected value comes from the mock model's documented rules (mockmodel.py), never from the
gateway.
"""

from __future__ import annotations

import json
import time

import httpx
import openai
import pytest

from matrix import (
    DIALECTS,
    MODELS,
    SYSTEM_TEXT,
    TOOL_RESULT,
    USER_TEXT,
    WEATHER_INPUT,
    WEATHER_QUESTION,
    seen_tool_result,
)
from mockmodel import WEATHER_ARGUMENTS, WEATHER_TOOL, reply_to, tool_call_tokens, tool_results_reply, words

# The Responses API's flat function tool: name, description and parameters at the top level.
RESPONSES_WEATHER_TOOL = {"type": "function", **WEATHER_TOOL["function"]}

# Models whose deployments have no Responses API of their own (translated through chat).
TRANSLATED = [model for model in MODELS if DIALECTS[model] in ("anthropic", "gemini", "bedrock")]

# (first turn, second turn): the same model, and pairs that hand the conversation to another provider.
TURN_PAIRS = [(model, model) for model in MODELS] + [
    ("claude", "gemini-flash"),
    ("gpt-4o", "claude-bedrock"),
    ("gemini-flash", "gpt-4o"),
    ("mock", "claude"),
    ("claude-bedrock", "mock"),
]


def message_tokens(*texts: str) -> int:
    """The mock's prompt tokens for messages with these texts: words + 3 each."""
    return sum(words(text) + 3 for text in texts)


def sdk(gateway, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0)


@pytest.fixture(scope="module")
def responses_client(gateway):
    with sdk(gateway, gateway.master_key) as client:
        yield client


def generate_key(gateway, **fields) -> str:
    response = httpx.post(
        f"{gateway.root}/key/generate", json=fields, headers={"Authorization": f"Bearer {gateway.master_key}"}, timeout=10
    )
    assert response.status_code == 200, response.text
    return response.json()["key"]


def function_calls(response) -> list:
    return [item for item in response.output if item.type == "function_call"]


def assert_text_response(response, expected: str, input_tokens: int) -> None:
    assert response.object == "response"
    assert response.id.startswith("resp_")
    assert response.status == "completed"
    assert response.output_text == expected
    messages = [item for item in response.output if item.type == "message"]
    assert len(messages) == 1 and messages[0].role == "assistant"
    assert [part.type for part in messages[0].content] == ["output_text"]
    assert response.usage.input_tokens > 0 and response.usage.output_tokens > 0
    assert response.usage.input_tokens == input_tokens
    assert response.usage.output_tokens == words(expected)
    assert response.usage.total_tokens == input_tokens + words(expected)


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("model", MODELS)
def test_text(responses_client: openai.OpenAI, model: str):
    response = responses_client.responses.create(model=model, input=USER_TEXT, instructions=SYSTEM_TEXT)
    # the instructions are one more message to the model: words + 3
    assert_text_response(response, reply_to(USER_TEXT), message_tokens(SYSTEM_TEXT, USER_TEXT))
    assert response.instructions == SYSTEM_TEXT
    assert response.previous_response_id is None


@pytest.mark.parametrize("model", MODELS)
def test_input_as_a_list_of_messages(responses_client: openai.OpenAI, model: str):
    conversation = [
        {"role": "user", "content": "First question"},
        {"role": "assistant", "content": "First answer"},
        {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "second question"}]},
    ]
    response = responses_client.responses.create(model=model, input=conversation)
    assert_text_response(
        response, reply_to("second question"), message_tokens("First question", "First answer", "second question")
    )


# --------------------------------------------------------------------------- streams


@pytest.mark.parametrize("model", MODELS)
def test_stream_events_in_order(responses_client: openai.OpenAI, model: str):
    expected = reply_to(USER_TEXT)
    events = list(responses_client.responses.create(model=model, input=USER_TEXT, instructions=SYSTEM_TEXT, stream=True))
    types = [event.type for event in events]
    assert types[:2] == ["response.created", "response.in_progress"], types
    assert types[-1] == "response.completed", types
    assert types.count("response.completed") == 1
    numbers = [event.sequence_number for event in events]
    assert numbers == list(range(numbers[0], numbers[0] + len(events))), f"sequence numbers do not count up by one: {numbers}"
    assert numbers[0] == 0, numbers

    # the text item: added, its part added, deltas, text done, part done, item done
    first_delta = types.index("response.output_text.delta")
    last_delta = len(types) - 1 - types[::-1].index("response.output_text.delta")
    assert types[first_delta - 2 : first_delta] == ["response.output_item.added", "response.content_part.added"], types
    assert set(types[first_delta : last_delta + 1]) == {"response.output_text.delta"}, types
    assert types[last_delta + 1 : last_delta + 4] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
    ], types
    deltas = [event.delta for event in events if event.type == "response.output_text.delta"]
    assert "".join(deltas) == expected
    assert len(deltas) == words(expected), f"not streamed word by word: {deltas}"
    assert events[last_delta + 1].text == expected

    created, completed = events[0].response, events[-1].response
    assert created.status == "in_progress" and created.output == []
    assert completed.id == created.id
    assert completed.status == "completed"
    assert completed.output_text == expected
    assert completed.usage.input_tokens == message_tokens(SYSTEM_TEXT, USER_TEXT)
    assert completed.usage.output_tokens == words(expected)
    item_id = completed.output[0].id
    assert {event.item_id for event in events if event.type == "response.output_text.delta"} == {item_id}


@pytest.mark.parametrize("model", MODELS)
def test_stream_helper_final_response(responses_client: openai.OpenAI, model: str):
    expected = reply_to(USER_TEXT)
    texts = []
    with responses_client.responses.stream(model=model, input=USER_TEXT) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                texts.append(event.delta)
                # the helper accumulates the text seen so far
                assert event.snapshot == "".join(texts)
        final = stream.get_final_response()
    assert "".join(texts) == expected
    assert final.status == "completed"
    assert final.output_text == expected
    assert final.usage.input_tokens == message_tokens(USER_TEXT)
    assert final.usage.output_tokens == words(expected)
    # the stored response is the one the stream ended with
    assert responses_client.responses.retrieve(final.id).output_text == expected


# --------------------------------------------------------------------------- tools


@pytest.mark.parametrize(("first_model", "second_model"), TURN_PAIRS)
def test_tool_round_trip_across_two_turns(responses_client: openai.OpenAI, first_model: str, second_model: str):
    first = responses_client.responses.create(model=first_model, input=WEATHER_QUESTION, tools=[RESPONSES_WEATHER_TOOL])
    assert first.status == "completed"
    assert first.output_text == ""
    calls = function_calls(first)
    assert len(calls) == 1 and len(first.output) == 1, first.output
    call = calls[0]
    assert call.name == "get_weather"
    assert call.call_id and call.id
    assert json.loads(call.arguments) == WEATHER_INPUT
    if DIALECTS[first_model] in ("openai", "in-process"):
        assert call.arguments == WEATHER_ARGUMENTS
    assert first.usage.input_tokens == message_tokens(WEATHER_QUESTION)
    assert first.usage.output_tokens == tool_call_tokens(WEATHER_ARGUMENTS)

    second = responses_client.responses.create(
        model=second_model,
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": TOOL_RESULT}],
        tools=[RESPONSES_WEATHER_TOOL],
    )
    seen = seen_tool_result(second_model, TOOL_RESULT)
    expected = tool_results_reply(seen)
    assert function_calls(second) == []
    # the question, the assistant's call (no text) and the tool result: the gateway sent the history
    assert_text_response(second, expected, message_tokens(WEATHER_QUESTION, "", seen))
    # the answer names the response it continues, as OpenAI's does
    assert second.previous_response_id == first.id


@pytest.mark.parametrize("model", MODELS)
def test_streamed_tool_call_with_the_stream_helper(responses_client: openai.OpenAI, model: str):
    with responses_client.responses.stream(model=model, input=WEATHER_QUESTION, tools=[RESPONSES_WEATHER_TOOL]) as stream:
        events = list(stream)
        final = stream.get_final_response()
    done = [event for event in events if event.type == "response.function_call_arguments.done"]
    assert len(done) == 1
    streamed_arguments = "".join(
        event.delta for event in events if event.type == "response.function_call_arguments.delta"
    )
    assert json.loads(streamed_arguments) == json.loads(done[0].arguments) == WEATHER_INPUT
    (call,) = function_calls(final)
    assert call.name == "get_weather"
    assert call.arguments == done[0].arguments
    assert final.status == "completed"

    answer = responses_client.responses.create(
        model=model,
        previous_response_id=final.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": TOOL_RESULT}],
        tools=[RESPONSES_WEATHER_TOOL],
    )
    assert answer.output_text == tool_results_reply(seen_tool_result(model, TOOL_RESULT))


@pytest.mark.parametrize(("first_model", "second_model"), [("claude", "gemini-flash"), ("gpt-4o", "claude-bedrock"), ("mock", "mock")])
def test_next_turn_sent_the_moment_a_stream_ends(responses_client: openai.OpenAI, first_model: str, second_model: str):
    first_text, second_text = "My name is Ada", "What is my name?"
    stream = responses_client.responses.create(model=first_model, input=first_text, stream=True)
    completed = None
    for event in stream:
        if event.type == "response.completed":
            completed = event.response
    assert completed is not None and completed.output_text == reply_to(first_text)
    # no pause: the response must already be stored when its last event has arrived
    second = responses_client.responses.create(model=second_model, previous_response_id=completed.id, input=second_text)
    assert_text_response(
        second, reply_to(second_text), message_tokens(first_text, reply_to(first_text), second_text)
    )
    assert second.previous_response_id == completed.id


# --------------------------------------------------------------------------- stored responses


@pytest.mark.parametrize("model", MODELS)
def test_retrieve_returns_what_create_returned(responses_client: openai.OpenAI, model: str):
    created = responses_client.responses.create(model=model, input=USER_TEXT, instructions=SYSTEM_TEXT)
    retrieved = responses_client.responses.retrieve(created.id)
    assert retrieved.model_dump() == created.model_dump()
    assert retrieved.output_text == reply_to(USER_TEXT)


@pytest.mark.parametrize("model", ["gpt-4o", "claude"])
def test_retrieve_returns_the_streamed_response(responses_client: openai.OpenAI, model: str):
    events = list(responses_client.responses.create(model=model, input=USER_TEXT, stream=True))
    completed = events[-1].response
    retrieved = responses_client.responses.retrieve(completed.id)
    assert retrieved.model_dump() == completed.model_dump()


# user, assistant, user (easy messages, and an explicit item with input_text parts)
CONVERSATION = [
    {"role": "user", "content": "one"},
    {"role": "assistant", "content": "two"},
    {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "three"}]},
]
CONVERSATION_TEXTS = ["one", "two", "three"]


@pytest.mark.parametrize("model", MODELS)
def test_input_items_order_and_pages(responses_client: openai.OpenAI, model: str):
    response = responses_client.responses.create(model=model, input=CONVERSATION)
    assert response.output_text == reply_to("three")
    assert response.usage.input_tokens == message_tokens(*CONVERSATION_TEXTS)

    newest_first = responses_client.responses.input_items.list(response.id)
    assert [(item.type, item.role) for item in newest_first.data] == [
        ("message", "user"),
        ("message", "assistant"),
        ("message", "user"),
    ]
    assert newest_first.has_more is False
    ids = [item.id for item in newest_first.data]
    assert all(ids) and len(set(ids)) == len(ids)
    assert newest_first.first_id == ids[0] and newest_first.last_id == ids[-1]
    assert [item.id for item in responses_client.responses.input_items.list(response.id, order="desc").data] == ids
    oldest_first = responses_client.responses.input_items.list(response.id, order="asc")
    assert [item.id for item in oldest_first.data] == ids[::-1]

    # one item a page: the SDK follows `after` (the last id of each page) until has_more is false
    first_page = responses_client.responses.input_items.list(response.id, limit=1)
    assert [item.id for item in first_page.data] == ids[:1]
    assert first_page.has_more is True
    assert [item.id for item in first_page] == ids  # iterating a page auto-paginates
    ascending = responses_client.responses.input_items.list(response.id, limit=1, order="asc")
    assert [item.id for item in ascending] == ids[::-1]
    page = responses_client.responses.input_items.list(response.id, limit=2, after=ids[0])
    assert [item.id for item in page.data] == ids[1:]
    assert page.has_more is False
    # this SDK's list() has no `before` parameter; the gateway takes it as OpenAI's other lists do
    before = responses_client.responses.input_items.list(response.id, extra_query={"before": ids[-1]})
    assert [item.id for item in before.data] == ids[:-1]


@pytest.mark.parametrize("model", ["gpt-4o", "claude"])
def test_input_items_are_listed_as_message_items_with_content_parts(responses_client: openai.OpenAI, model: str):
    """OpenAI lists an easy message (`{"role", "content": "text"}`) as the item it stands for:
    content parts (`input_text` for user messages, `output_text` for assistant ones)."""
    response = responses_client.responses.create(model=model, input=CONVERSATION)
    items = list(responses_client.responses.input_items.list(response.id, order="asc"))
    assert [item.role for item in items] == ["user", "assistant", "user"]
    for item in items:
        assert isinstance(item.content, list), f"content is not a list of parts: {item}"
    assert [[part.type for part in item.content] for item in items] == [["input_text"], ["output_text"], ["input_text"]]
    assert [item.content[0].text for item in items] == CONVERSATION_TEXTS


@pytest.mark.parametrize("model", ["gpt-4o", "claude"])
def test_delete_then_retrieve_is_not_found(responses_client: openai.OpenAI, model: str):
    response = responses_client.responses.create(model=model, input=USER_TEXT)
    assert responses_client.responses.retrieve(response.id).id == response.id
    responses_client.responses.delete(response.id)
    with pytest.raises(openai.NotFoundError):
        responses_client.responses.retrieve(response.id)
    with pytest.raises(openai.NotFoundError):
        responses_client.responses.input_items.list(response.id)
    with pytest.raises(openai.NotFoundError):
        responses_client.responses.delete(response.id)
    with pytest.raises(openai.BadRequestError) as continued:
        responses_client.responses.create(model=model, previous_response_id=response.id, input="again")
    assert continued.value.code == "previous_response_not_found"


@pytest.mark.parametrize("model", MODELS)
def test_store_false_keeps_nothing(responses_client: openai.OpenAI, model: str):
    response = responses_client.responses.create(model=model, input=USER_TEXT, store=False)
    assert response.output_text == reply_to(USER_TEXT)
    assert response.store is False
    with pytest.raises(openai.NotFoundError):
        responses_client.responses.retrieve(response.id)
    with pytest.raises(openai.BadRequestError) as continued:
        responses_client.responses.create(model=model, previous_response_id=response.id, input="again")
    assert continued.value.status_code == 400
    assert continued.value.code == "previous_response_not_found"
    assert continued.value.param == "previous_response_id"


def test_store_false_stream_keeps_nothing(responses_client: openai.OpenAI):
    events = list(responses_client.responses.create(model="claude", input=USER_TEXT, store=False, stream=True))
    completed = events[-1].response
    assert completed.output_text == reply_to(USER_TEXT)
    with pytest.raises(openai.NotFoundError):
        responses_client.responses.retrieve(completed.id)


def test_an_unknown_previous_response_id(responses_client: openai.OpenAI):
    with pytest.raises(openai.BadRequestError) as caught:
        responses_client.responses.create(model="claude", previous_response_id="resp_doesnotexist", input="hello")
    assert caught.value.code == "previous_response_not_found"
    with pytest.raises(openai.NotFoundError):
        responses_client.responses.retrieve("resp_doesnotexist")


# --------------------------------------------------------------------------- keys


def test_another_key_sees_nothing_of_a_response_it_did_not_make(gateway):
    owner_key, stranger_key = generate_key(gateway), generate_key(gateway)
    with sdk(gateway, owner_key) as owner, sdk(gateway, stranger_key) as stranger:
        made = owner.responses.create(model="claude", input="mine")
        assert made.output_text == reply_to("mine")

        with pytest.raises(openai.NotFoundError):
            stranger.responses.retrieve(made.id)
        with pytest.raises(openai.NotFoundError):
            stranger.responses.input_items.list(made.id)
        with pytest.raises(openai.NotFoundError):
            stranger.responses.delete(made.id)
        with pytest.raises(openai.BadRequestError) as hijack:
            stranger.responses.create(model="gemini-flash", previous_response_id=made.id, input="yours?")
        assert hijack.value.code == "previous_response_not_found"

        # the owner still has it, untouched by the stranger's delete
        assert owner.responses.retrieve(made.id).output_text == reply_to("mine")
        assert [item.type for item in owner.responses.input_items.list(made.id)] == ["message"]
        carried_on = owner.responses.create(model="gemini-flash", previous_response_id=made.id, input="still mine?")
        assert carried_on.output_text == reply_to("still mine?")


@pytest.mark.parametrize("model", TRANSLATED)
def test_a_built_in_tool_is_refused_by_providers_without_it(responses_client: openai.OpenAI, model: str):
    with pytest.raises(openai.BadRequestError) as caught:
        responses_client.responses.create(model=model, input="news?", tools=[{"type": "web_search_preview"}])
    assert caught.value.status_code == 400
    assert "web_search_preview" in caught.value.message
    with pytest.raises(openai.BadRequestError):
        list(responses_client.responses.create(model=model, input="news?", tools=[{"type": "web_search_preview"}], stream=True))


def test_responses_are_logged_for_spend(gateway):
    key = generate_key(gateway, key_alias="responses-spend")
    with sdk(gateway, key) as client:
        plain = client.responses.with_raw_response.create(model="gpt-4o", input=USER_TEXT)
        assert float(plain.headers["x-credits-used"]) > 0
        list(client.responses.create(model="claude", input=USER_TEXT, stream=True))

    deadline = time.monotonic() + 5
    while True:
        logs = httpx.get(
            f"{gateway.root}/spend/logs",
            params={"api_key": key},
            headers={"Authorization": f"Bearer {gateway.master_key}"},
            timeout=10,
        ).json()
        if logs["total"] >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert logs["total"] == 2, logs
    for row in logs["data"]:
        assert row["call_type"] == "responses", row
        assert row["prompt_tokens"] == message_tokens(USER_TEXT), row
        assert row["completion_tokens"] == words(reply_to(USER_TEXT)), row
    assert any(row["spend"] > 0 for row in logs["data"]), logs["data"]
