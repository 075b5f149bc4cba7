"""A fake chat upstream that repeats the last user text, written from the providers' documented
wire formats (OpenAI's Chat Completions reference, Anthropic's Messages reference), never from
the gateway's translators. It journals every request (path, JSON body and headers), so tests assert
exactly what the gateway sent upstream, or that it sent nothing.

- `POST /v1/chat/completions`: a `chat.completion` whose message is `You said: <text>`; with
  `"stream": true`, `chat.completion.chunk` events (the text in 8-character deltas, then a
  chunk with `finish_reason: "stop"`, a usage chunk when `stream_options.include_usage`), then
  `data: [DONE]`.
- `POST /v1/messages`: an Anthropic `message` with one text block, `You said: <text>`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from loopback_server import LoopbackServer


@dataclass
class Received:
    path: str
    body: dict
    headers: dict = field(default_factory=dict)  # names in lower case


def last_user_text(messages: list) -> str:
    for message in reversed(messages):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            return content
        return " ".join(part.get("text", "") for part in content or [] if part.get("type") == "text")
    return ""


class EchoUpstream(LoopbackServer):
    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.lock = threading.Lock()

    def start(self) -> "EchoUpstream":
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                with upstream.lock:
                    upstream.requests.append(Received(self.path, body, {k.lower(): v for k, v in self.headers.items()}))
                reply = "You said: " + last_user_text(body.get("messages", []))
                if self.path == "/v1/chat/completions" and body.get("stream"):
                    self.stream_chat(body, reply)
                elif self.path == "/v1/chat/completions":
                    self.send_json(upstream.chat_completion(body, reply))
                elif self.path == "/v1/messages":
                    self.send_json(upstream.anthropic_message(body, reply))
                else:
                    self.send_json({"error": {"message": "not found", "type": "invalid_request_error"}}, 404)

            def send_json(self, payload: dict, status: int = 200) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def stream_chat(self, body: dict, reply: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                base = {"id": "chatcmpl-echo", "object": "chat.completion.chunk", "created": 1700000000, "model": body.get("model")}

                def event(choices: list, **extra) -> None:
                    self.wfile.write(b"data: " + json.dumps({**base, "choices": choices, **extra}).encode() + b"\n\n")
                    self.wfile.flush()

                event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": None, "finish_reason": None}])
                for start in range(0, len(reply), 8):
                    event([{"index": 0, "delta": {"content": reply[start : start + 8]}, "logprobs": None, "finish_reason": None}])
                event([{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}])
                if (body.get("stream_options") or {}).get("include_usage"):
                    event([], usage={"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10})
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        self.serve(Handler)
        return self

    @staticmethod
    def chat_completion(body: dict, reply: str) -> dict:
        return {
            "id": "chatcmpl-echo",
            "object": "chat.completion",
            "created": 1700000000,
            "model": body.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply, "refusal": None}, "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10},
        }

    @staticmethod
    def anthropic_message(body: dict, reply: str) -> dict:
        return {
            "id": "msg_echo",
            "type": "message",
            "role": "assistant",
            "model": body.get("model"),
            "content": [{"type": "text", "text": reply}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 5, "output_tokens": 5},
        }

    def received(self) -> list[Received]:
        with self.lock:
            return list(self.requests)

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()
