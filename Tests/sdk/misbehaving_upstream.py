"""A fake OpenAI-compatible upstream that misbehaves on request, on raw sockets.

It answers `POST /v1/chat/completions` in OpenAI's wire format (a `chat.completion` JSON, or
with `"stream": true` server-sent events `data: {chat.completion.chunk}` ... `data: [DONE]`),
and takes its behaviour from the request's `model` field:

| model                  | answer |
| ---------------------- | ------ |
| `normal`               | a proper answer (keep-alive; streams are chunked) |
| `stall-before-headers` | reads the request, never answers |
| `stall-after-headers`  | sends a 200 head (Content-Length for JSON, chunked SSE for streams), then nothing |
| `trickle`              | sends the head, then one body byte every 0.5 s, forever |
| `endless`              | an SSE event (or, not streamed, a chunk of JSON) every 0.2 s, forever |
| `two-then-stall`       | two events (not streamed: half the body), then nothing |
| `huge`                 | declares 300 MB and sends it as fast as it is read (never valid JSON) |
| `large`                | a valid chat.completion of about 100 MB, chunked (no declared length), as fast as it is read |
| `html`                 | 200 with an HTML page |
| `empty`                | 200 with an empty body |
| `status-999`           | status 999 with a valid completion as the body |
| `status-600`           | status 600 with a valid completion as the body |
| `mid-body-close`       | declares more than it sends, then closes (streams: one event, then close) |

Every request is journaled (`Exchange`: method, path, headers, body) with the time it arrived
and, for answers that never end on their own, the time this server saw the gateway close the
connection — so tests assert both what the gateway sent and that it let go.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from dataclasses import dataclass, field

HUGE_BYTES = 300 * 1024 * 1024
LARGE_CONTENT_BYTES = 100 * 1024 * 1024
LIFETIME = 120.0  # no misbehaviour outlives this, whatever the gateway does


@dataclass
class Exchange:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    received_at: float
    behaviour: str = ""
    stream: bool = False
    closed_at: float | None = None
    closed: threading.Event = field(default_factory=threading.Event)

    def json(self) -> dict:
        return json.loads(self.body)

    def mark_closed(self) -> None:
        if self.closed_at is None:
            self.closed_at = time.monotonic()
        self.closed.set()


class PeerClosed(Exception):
    """The gateway closed the connection."""


def completion(model: str, content: str = "Hello world") -> bytes:
    return json.dumps({
        "id": "chatcmpl-misbehaving",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    }).encode()


_large: dict[str, bytes] = {}


def large_completion(model: str) -> bytes:
    """A valid chat.completion whose content is LARGE_CONTENT_BYTES long (built once)."""
    if model not in _large:
        _large[model] = completion(model, "a" * LARGE_CONTENT_BYTES)
    return _large[model]


def chunk_event(model: str, content: str | None = None, finish: str | None = None) -> bytes:
    delta = {"role": "assistant", "content": content} if content is not None else {}
    payload = {
        "id": "chatcmpl-misbehaving",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


DONE = b"data: [DONE]\n\n"


class Connection:
    """One accepted connection: reads requests and plays the behaviour each asks for."""

    def __init__(self, server: "MisbehavingUpstream", sock: socket.socket):
        self.server = server
        self.sock = sock
        self.buffer = b""
        self.chunked = False

    # -- reading ---------------------------------------------------------------------------

    def _recv(self) -> bytes:
        while not self.server.stopping.is_set():
            readable, _, _ = select.select([self.sock], [], [], 0.1)
            if readable:
                try:
                    return self.sock.recv(65536)
                except OSError:
                    return b""
        return b""

    def _recv_or_fail(self) -> bytes:
        data = self._recv()
        if not data:
            raise PeerClosed
        return data

    def read_request(self) -> Exchange | None:
        while b"\r\n\r\n" not in self.buffer:
            data = self._recv()
            if not data:
                return None
            self.buffer += data
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            try:
                body = self._read_chunked()
            except PeerClosed:
                return None
        else:
            length = int(headers.get("content-length", "0"))
            while len(self.buffer) < length:
                data = self._recv()
                if not data:
                    return None
                self.buffer += data
            body, self.buffer = self.buffer[:length], self.buffer[length:]
        exchange = Exchange(method, path, headers, body, time.monotonic())
        try:
            request = json.loads(body) if body else {}
        except ValueError:
            request = {}
        if isinstance(request, dict):
            exchange.behaviour = str(request.get("model", ""))
            exchange.stream = request.get("stream") is True
        return exchange

    def _read_chunked(self) -> bytes:
        body = b""
        while True:
            while b"\r\n" not in self.buffer:
                self.buffer += self._recv_or_fail()
            line, self.buffer = self.buffer.split(b"\r\n", 1)
            size = int(line.split(b";")[0], 16)
            while len(self.buffer) < size + 2:
                self.buffer += self._recv_or_fail()
            body += self.buffer[:size]
            self.buffer = self.buffer[size + 2 :]
            if size == 0:
                return body

    # -- writing ---------------------------------------------------------------------------

    def send(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except OSError as error:
            raise PeerClosed from error

    def head(self, status: int, reason: str, content_type: str, length: int | None, close: bool = False) -> None:
        self.chunked = length is None
        framing = "Transfer-Encoding: chunked" if length is None else f"Content-Length: {length}"
        connection = "close" if close else "keep-alive"
        self.send(
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n{framing}\r\n"
            f"Connection: {connection}\r\n\r\n".encode()
        )

    def body(self, data: bytes) -> None:
        if self.chunked:
            self.send(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        else:
            self.send(data)

    def end_chunked(self) -> None:
        self.send(b"0\r\n\r\n")

    def idle(self, seconds: float) -> None:
        """Wait `seconds`; raise PeerClosed as soon as the gateway closes the connection."""
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            if self.server.stopping.is_set():
                raise PeerClosed
            readable, _, _ = select.select([self.sock], [], [], min(remaining, 0.05))
            if readable:
                try:
                    data = self.sock.recv(65536, socket.MSG_PEEK)
                except OSError:
                    raise PeerClosed from None
                if not data:
                    raise PeerClosed
                self.sock.recv(len(data))  # bytes of a next request mid-answer: ignored

    # -- behaviours ------------------------------------------------------------------------

    def answer(self, exchange: Exchange) -> bool:
        """Play the behaviour; True if the connection can carry another request."""
        model, stream = exchange.behaviour, exchange.stream
        if exchange.path.rstrip("/").endswith("/models"):
            body = json.dumps({"object": "list", "data": []}).encode()
            self.head(200, "OK", "application/json", len(body))
            self.body(body)
            return True
        if model == "normal":
            if stream:
                self.head(200, "OK", "text/event-stream", None)
                for piece in ("Hello", " world"):
                    self.body(chunk_event(model, piece))
                self.body(chunk_event(model, finish="stop"))
                self.body(DONE)
                self.end_chunked()
            else:
                body = completion(model)
                self.head(200, "OK", "application/json", len(body))
                self.body(body)
            return True
        if model == "stall-before-headers":
            self.idle(LIFETIME)
        elif model == "stall-after-headers":
            if stream:
                self.head(200, "OK", "text/event-stream", None)
            else:
                self.head(200, "OK", "application/json", len(completion(model)))
            self.idle(LIFETIME)
        elif model == "trickle":
            body = (chunk_event(model, "x" * 200) * 50) if stream else completion(model, "x" * 10_000)
            self.head(200, "OK", "text/event-stream" if stream else "application/json", None if stream else len(body))
            for index in range(len(body)):
                self.body(body[index : index + 1])
                self.idle(0.5)
        elif model == "endless":
            if stream:
                self.head(200, "OK", "text/event-stream", None)
                for index in range(int(LIFETIME / 0.2)):
                    self.body(chunk_event(model, f"tick {index} "))
                    self.idle(0.2)
            else:
                self.head(200, "OK", "application/json", None)
                self.body(b'{"id": "chatcmpl-endless", "choices": [{"message": {"content": "')
                for _ in range(int(LIFETIME / 0.2)):
                    self.body(b"tick ")
                    self.idle(0.2)
        elif model == "two-then-stall":
            if stream:
                self.head(200, "OK", "text/event-stream", None)
                self.body(chunk_event(model, "Hello"))
                self.body(chunk_event(model, " world"))
            else:
                body = completion(model)
                self.head(200, "OK", "application/json", len(body))
                self.body(body[: len(body) // 2])
            self.idle(LIFETIME)
        elif model == "large":
            body = large_completion(model)
            self.head(200, "OK", "application/json", None)
            for start in range(0, len(body), 1024 * 1024):
                self.body(body[start:start + 1024 * 1024])
            self.end_chunked()
            return True
        elif model == "huge":
            self.head(200, "OK", "application/json", HUGE_BYTES)
            block = b'{"content": "' + b"a" * (1024 * 1024 - 13)
            sent = 0
            while sent < HUGE_BYTES:
                piece = block[: HUGE_BYTES - sent]
                self.body(piece)
                sent += len(piece)
            self.idle(LIFETIME)
        elif model == "html":
            page = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body>It works!</body></html>"
            self.head(200, "OK", "text/html; charset=utf-8", len(page))
            self.body(page)
            return True
        elif model == "empty":
            self.head(200, "OK", "text/event-stream" if stream else "application/json", 0)
            return True
        elif model in ("status-999", "status-600"):
            body = completion(model)
            self.head(int(model.split("-")[1]), "Weird", "application/json", len(body))
            self.body(body)
            return True
        elif model == "mid-body-close":
            if stream:
                self.head(200, "OK", "text/event-stream", None)
                self.body(chunk_event(model, "Hello"))
            else:
                body = completion(model)
                self.head(200, "OK", "application/json", len(body) + 1000)
                self.body(body[:100])
            return False
        else:
            body = json.dumps({"error": {"message": f"unknown behaviour {model!r}", "type": "invalid_request_error",
                                         "param": "model", "code": "model_not_found"}}).encode()
            self.head(404, "Not Found", "application/json", len(body))
            self.body(body)
            return True
        return False

    def serve(self) -> None:
        self.sock.settimeout(30)  # bounds a send to a gateway that stopped reading
        try:
            while not self.server.stopping.is_set():
                exchange = self.read_request()
                if exchange is None:
                    return
                self.server.record(exchange)
                try:
                    keep = self.answer(exchange)
                except PeerClosed:
                    exchange.mark_closed()
                    return
                if not keep:
                    return
        finally:
            self.sock.close()


class MisbehavingUpstream:
    """Listens on 127.0.0.1 (a free port) until `close()`."""

    def __init__(self) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.journal: list[Exchange] = []
        self.arrived = threading.Condition(self.lock)
        self.thread = threading.Thread(target=self._accept, name="misbehaving-upstream", daemon=True)
        self.thread.start()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            readable, _, _ = select.select([self.listener], [], [], 0.1)
            if not readable:
                continue
            try:
                sock, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=Connection(self, sock).serve, daemon=True).start()

    def record(self, exchange: Exchange) -> None:
        with self.arrived:
            self.journal.append(exchange)
            self.arrived.notify_all()

    def requests(self, behaviour: str | None = None) -> list[Exchange]:
        with self.lock:
            return [e for e in self.journal if behaviour is None or e.behaviour == behaviour]

    def wait_for_request(self, behaviour: str, seen: int, timeout: float = 10.0) -> Exchange:
        """The first request for `behaviour` after the `seen` ones already journaled."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                matching = [e for e in self.journal if e.behaviour == behaviour]
                if len(matching) > seen:
                    return matching[seen]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"the upstream never received a request for {behaviour!r}")
                self.arrived.wait(remaining)

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()
        self.thread.join(2)
