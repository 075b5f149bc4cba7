"""The `openai-agents` SDK, unchanged, running tool-using agents through the gateway's
Responses API on providers that have no Responses API of their own (Anthropic, Gemini).

The agent's model is `OpenAIResponsesModel` on an `AsyncOpenAI` client pointed at the gateway;
tracing is off so nothing is sent to OpenAI. The mock model calls every offered function with
arguments built from its schema (mockmodel.py) and, given the results, answers
"Switchyard mock used the tool results: …"; the expected values come from those rules.
"""

from __future__ import annotations

import asyncio
import json
from typing import Literal

import pytest
from agents import Agent, OpenAIResponsesModel, Runner, function_tool, set_tracing_disabled
from openai import AsyncOpenAI

from matrix import WEATHER_QUESTION, seen_tool_result
from mockmodel import reply_to, tool_results_reply

AGENT_MODELS = ["claude", "gemini-flash"]

set_tracing_disabled(True)


def forecast(city: str, unit: str) -> str:
    return f"22 degrees {unit} and sunny in {city}"


class WeatherAgent:
    """An agent with one function tool that records how it was called."""

    def __init__(self, gateway, model: str):
        self.calls: list[dict] = []
        self.client = AsyncOpenAI(base_url=gateway.base_url, api_key=gateway.master_key, max_retries=0)

        @function_tool
        def get_weather(city: str, unit: Literal["celsius", "fahrenheit"]) -> str:
            """Current weather for a city."""
            self.calls.append({"city": city, "unit": unit})
            return forecast(city, unit)

        self.agent = Agent(
            name="Weather",
            instructions="Answer questions about the weather with the get_weather tool.",
            tools=[get_weather],
            model=OpenAIResponsesModel(model=model, openai_client=self.client),
        )


# The agents SDK sends a strict schema: every property required, in declaration order.
# By the mock's rules the strings are "mock" and an enum takes its first value.
EXPECTED_ARGUMENTS = {"city": "mock", "unit": "celsius"}
EXPECTED_TOOL_OUTPUT = forecast("mock", "celsius")


def expected_answer(model: str) -> str:
    return tool_results_reply(seen_tool_result(model, EXPECTED_TOOL_OUTPUT))


@pytest.mark.parametrize("model", AGENT_MODELS)
def test_an_agent_calls_its_tool_and_answers_with_the_result(gateway, model: str):
    weather = WeatherAgent(gateway, model)

    async def run():
        async with weather.client:
            return await Runner.run(weather.agent, WEATHER_QUESTION)

    result = asyncio.run(run())
    assert weather.calls == [EXPECTED_ARGUMENTS]
    assert EXPECTED_TOOL_OUTPUT in result.final_output
    assert result.final_output == expected_answer(model)
    # two model calls: the tool call, then the answer
    assert len(result.raw_responses) == 2
    call_items = [item for item in result.new_items if item.type == "tool_call_item"]
    assert len(call_items) == 1
    assert json.loads(call_items[0].raw_item.arguments) == EXPECTED_ARGUMENTS
    outputs = [item for item in result.new_items if item.type == "tool_call_output_item"]
    assert [item.output for item in outputs] == [EXPECTED_TOOL_OUTPUT]


@pytest.mark.parametrize("model", AGENT_MODELS)
def test_an_agent_chains_turns_with_previous_response_id(gateway, model: str):
    """With auto_previous_response_id the SDK sends only the new items and the id of the last
    response: the gateway's stored conversation supplies the rest."""
    weather = WeatherAgent(gateway, model)

    async def run():
        async with weather.client:
            first = await Runner.run(weather.agent, WEATHER_QUESTION, auto_previous_response_id=True)
            follow_up = await Runner.run(
                weather.agent, "Thanks, and tomorrow?", previous_response_id=first.last_response_id
            )
            return first, follow_up

    first, follow_up = asyncio.run(run())
    assert first.final_output == expected_answer(model)
    assert weather.calls[0] == EXPECTED_ARGUMENTS
    # The follow-up offers the tool again, so the mock calls it again, then answers from its result.
    assert weather.calls == [EXPECTED_ARGUMENTS, EXPECTED_ARGUMENTS]
    assert follow_up.final_output == expected_answer(model)
    assert first.last_response_id and follow_up.last_response_id != first.last_response_id


@pytest.mark.parametrize("model", AGENT_MODELS)
def test_a_streamed_agent_run(gateway, model: str):
    weather = WeatherAgent(gateway, model)

    async def run():
        async with weather.client:
            result = Runner.run_streamed(weather.agent, WEATHER_QUESTION)
            events = [event async for event in result.stream_events()]
            return result, events

    result, events = asyncio.run(run())
    assert weather.calls == [EXPECTED_ARGUMENTS]
    assert result.final_output == expected_answer(model)
    raw_types = [event.data.type for event in events if event.type == "raw_response_event"]
    assert raw_types.count("response.created") == 2, raw_types
    assert raw_types.count("response.completed") == 2, raw_types
    deltas = [event.data.delta for event in events if event.type == "raw_response_event" and event.data.type == "response.output_text.delta"]
    assert "".join(deltas) == expected_answer(model)
    items = [event.item.type for event in events if event.type == "run_item_stream_event"]
    assert items == ["tool_call_item", "tool_call_output_item", "message_output_item"], items


def test_an_agent_without_tools_answers_the_mock_reply(gateway):
    client = AsyncOpenAI(base_url=gateway.base_url, api_key=gateway.master_key, max_retries=0)
    agent = Agent(name="Plain", instructions="Be brief.", model=OpenAIResponsesModel(model="claude", openai_client=client))

    async def run():
        async with client:
            return await Runner.run(agent, "Say hello")

    assert asyncio.run(run()).final_output == reply_to("Say hello")
