"""A fake Anthropic Messages API, written from Anthropic's documented wire format (the API
reference for `POST /v1/messages`), never from the gateway's translators. It journals every
request it receives (`FakeUpstream`'s journal), so batch tests can tell how often each line
reached the provider and which gateway replica sent it.

- `POST /v1/messages` needs `x-api-key` (else 401 `authentication_error`) and
  `anthropic-version` (else 400), and a body with `model`, `max_tokens` and a non-empty
  `messages` (else 400 `invalid_request_error`). It answers a `message` whose one text block
  is `reply_to(<last user text>)`, `stop_reason` `end_turn`, and `usage` with
  `input_tokens` = words of every message text and `output_tokens` = words of the reply.
- A user text containing `[[delay=S]]` is answered after S seconds (or `FakeAnthropic(delay=…)`
  for every request), so a test can kill a gateway while its requests are in flight.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

from media_upstream import FakeUpstream, Received

DELAY = re.compile(r"\[\[delay=([0-9.]+)\]\]")


def reply_to(text: str) -> str:
    return f"Anthropic fake heard: {text}"


def words(text: str) -> int:
    return len(text.split())


def texts(content) -> list[str]:
    if isinstance(content, str):
        return [content]
    return [block.get("text", "") for block in content or [] if isinstance(block, dict) and block.get("type") == "text"]


def last_user_text(body: dict) -> str:
    for message in reversed(body.get("messages") or []):
        if message.get("role") == "user":
            return " ".join(texts(message.get("content")))
    return ""


def user_text(received: Received) -> str:
    """The last user text of a journaled Messages request ("" for anything else)."""
    try:
        return last_user_text(received.json())
    except ValueError:
        return ""


@dataclass
class FakeAnthropic(FakeUpstream):
    """The server and journal are `FakeUpstream`'s; the answers are Anthropic's."""

    name: str = "anthropic"
    delay: float = 0.0

    @staticmethod
    def anthropic_error(status: int, kind: str, message: str) -> tuple:
        return status, "application/json", json.dumps({"type": "error", "error": {"type": kind, "message": message}}).encode(), {}

    def answer(self, request: Received) -> tuple:
        if not request.headers.get("x-api-key"):
            return self.anthropic_error(401, "authentication_error", "x-api-key header is required")
        if "anthropic-version" not in request.headers:
            return self.anthropic_error(400, "invalid_request_error", "anthropic-version: header is required")
        if request.method != "POST" or request.path.split("?")[0] != "/v1/messages":
            return self.anthropic_error(404, "not_found_error", "Not found")
        try:
            body = request.json()
        except ValueError:
            return self.anthropic_error(400, "invalid_request_error", "The request body is not valid JSON.")
        for name in ("model", "max_tokens", "messages"):
            if name not in body:
                return self.anthropic_error(400, "invalid_request_error", f"{name}: Field required")
        if not body["messages"]:
            return self.anthropic_error(400, "invalid_request_error", "messages: at least one message is required")
        heard = last_user_text(body)
        marker = DELAY.search(heard)
        delay = float(marker.group(1)) if marker else self.delay
        if delay:
            time.sleep(delay)
        reply = reply_to(heard)
        input_tokens = sum(words(text) for message in body["messages"] for text in texts(message.get("content")))
        return self.ok({
            "id": f"msg_fake{len(self.journal):06d}",
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "content": [{"type": "text", "text": reply}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": words(reply)},
        })
