"""The client × provider matrix shared by the cross-dialect SDK tests.

Every client SDK (openai, anthropic, google-genai) is run against every chat deployment of the
`gateway` fixture; each deployment speaks a different provider dialect.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib

from mockmodel import TIME_ARGUMENTS, WEATHER_ARGUMENTS

# model group -> the provider dialect its deployment speaks
DIALECTS = {
    "gpt-4o": "openai",  # openai/ on the standalone mock-provider
    "claude": "anthropic",  # anthropic/ on the standalone mock-provider
    "gemini-flash": "gemini",  # gemini/ on the standalone mock-provider
    "mock": "in-process",  # mock/ inside the gateway
    "claude-bedrock": "bedrock",  # bedrock/ (Converse, ConverseStream) on the standalone mock-provider
}
MODELS = list(DIALECTS)

MODEL_USED = {
    "gpt-4o": "gpt-4o; deployment=openai/gpt-4o",
    "claude": "claude; deployment=anthropic/claude-sonnet-4-5",
    "gemini-flash": "gemini-flash; deployment=gemini/gemini-2.5-flash",
    "mock": "mock; deployment=mock/switchyard-mock",
    "claude-bedrock": "claude-bedrock; deployment=bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
}

USER_TEXT = "Please describe the Switchyard gateway in one sentence"
SYSTEM_TEXT = "You are a concise assistant."
IMAGE_QUESTION = "What is in this picture?"
WEATHER_QUESTION = "What is the weather in Paris?"
TOOL_RESULT = "22 degrees and sunny"
RATE_LIMITED_TEXT = "slow down [[mock:status=429]]"
RATE_LIMIT_MESSAGE = "Mock failure requested with [[mock:status=429]]."

# tool-call arguments as objects (Anthropic `input`, Gemini `args`), keys in the order the mock writes them
WEATHER_INPUT = json.loads(WEATHER_ARGUMENTS)
TIME_INPUT = json.loads(TIME_ARGUMENTS)
assert WEATHER_INPUT == {"location": "mock", "unit": "celsius"}
assert list(TIME_INPUT) == ["zone", "offset", "extra", "precise", "ratio", "tags"]


def compact_json(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def seen_tool_result(model: str, text: str) -> str:
    """The tool result text the model behind `model` reads, for a plain-text result.

    A Gemini `functionResponse.response` must be a JSON object, so the gateway sends a plain-text
    tool result to a Gemini provider as `{"content": text}` (a JSON-object text is sent as that
    object); the mock, reading Gemini, reports a function response as its compact JSON.
    """
    if DIALECTS[model] == "gemini":
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        return compact_json(parsed if isinstance(parsed, dict) else {"content": text})
    return text


def tiny_png() -> bytes:
    """A valid 1x1 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x20\x80\xff"))
        + chunk(b"IEND", b"")
    )


PNG_BYTES = tiny_png()
PNG_BASE64 = base64.b64encode(PNG_BYTES).decode("ascii")
