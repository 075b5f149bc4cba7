"""What the deterministic Switchyard mock model answers, computed independently of the gateway.

Tokens are whitespace-separated words:
* completion_tokens = words in the reply (for tool calls: sum of 1 + words of the arguments);
* prompt_tokens = sum over messages of (words in the message's text + 3).
"""

from __future__ import annotations

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a place.",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["location"],
        },
    },
}
WEATHER_ARGUMENTS = '{"location":"mock","unit":"celsius"}'

TIME_TOOL = {
    "type": "function",
    "function": {
        "name": "get_time",
        "description": "Current time somewhere.",
        "parameters": {
            "type": "object",
            "properties": {
                "zone": {"type": "string"},
                "precise": {"type": "boolean"},
                "offset": {"type": "integer"},
                "ratio": {"type": "number"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "extra": {"type": "object"},
            },
            "required": ["zone", "offset"],
        },
    },
}
# required first (in their order), then the rest sorted by name
TIME_ARGUMENTS = '{"zone":"mock","offset":1,"extra":{},"precise":true,"ratio":1.5,"tags":[]}'


def words(text: str | None) -> int:
    return len((text or "").split())


def reply_to(user_text: str) -> str:
    return f"Switchyard mock reply to: {user_text}"


def tool_results_reply(*contents: str) -> str:
    return "Switchyard mock used the tool results: " + "; ".join(contents)


def completion_text(prompt: str) -> str:
    return f" Switchyard mock completion of: {prompt}"


def message_text(message: dict) -> str:
    content = message.get("content")
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return " ".join(part.get("text", "") for part in content if part.get("type") == "text")


def prompt_tokens(messages: list[dict]) -> int:
    return sum(words(message_text(message)) + 3 for message in messages)


def tool_call_tokens(*arguments: str) -> int:
    return sum(1 + words(args) for args in arguments)
