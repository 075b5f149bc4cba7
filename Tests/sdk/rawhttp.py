"""A strict HTTP/1.x client on raw sockets, for tests that work below what HTTP libraries allow.

`connect` opens a TCP connection to the gateway; `ResponseReader` reads the responses that come
back on it and fails the test (`MalformedResponse`, an AssertionError) on anything that is not
a well-formed HTTP/1.x response: status line, header field syntax, and framing
(Content-Length, chunked, or read-until-close) are all checked, as RFC 9112 describes them.
"""

from __future__ import annotations

import errno
import re
import socket
import time
from dataclasses import dataclass, field

STATUS_LINE = re.compile(rb"^HTTP/1\.([01]) ([1-9][0-9]{2})(?: ([\t \x21-\x7e\x80-\xff]*))?$")
TOKEN = re.compile(rb"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
FIELD_VALUE = re.compile(rb"^[\t \x21-\x7e\x80-\xff]*$")
CHUNK_SIZE = re.compile(rb"^([0-9A-Fa-f]{1,16})(?:[ \t]*;.*)?$")
MAX_HEAD = 256 * 1024


class MalformedResponse(AssertionError):
    """The bytes that came back are not a well-formed HTTP/1.x response."""


@dataclass
class RawResponse:
    version: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes = b""
    chunked: bool = False
    raw_head: bytes = field(default=b"", repr=False)

    def header(self, name: str) -> str | None:
        values = self.headers_named(name)
        return ", ".join(values) if values else None

    def headers_named(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def connection_tokens(self) -> set[str]:
        value = self.header("connection") or ""
        return {token.strip().lower() for token in value.split(",") if token.strip()}

    def __str__(self) -> str:
        return f"{self.version} {self.status} {self.reason} ({len(self.body)} body bytes: {self.body[:300]!r})"


def connect(port: int, timeout: float = 5.0) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def send_quietly(sock: socket.socket, data: bytes) -> bool:
    """Send `data`; False if the peer had already closed (the test judges what it answered)."""
    try:
        sock.sendall(data)
        return True
    except (BrokenPipeError, ConnectionResetError):
        return False


class ResponseReader:
    """Reads successive responses from one connection, strictly."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buffer = b""
        self.eof = False
        self.reset = False

    # -- low level -------------------------------------------------------------------------

    def _fill(self, deadline: float) -> bool:
        """Read more bytes into the buffer; False at end of stream (FIN or RST)."""
        if self.eof:
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no more bytes before the deadline")
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except socket.timeout as error:
            raise TimeoutError("no more bytes before the deadline") from error
        except ConnectionResetError:
            self.eof, self.reset = True, True
            return False
        except OSError as error:
            if error.errno in (errno.ECONNRESET, errno.EPIPE):
                self.eof, self.reset = True, True
                return False
            raise
        if not data:
            self.eof = True
            return False
        self.buffer += data
        return True

    def _line(self, deadline: float, what: str) -> bytes:
        while b"\r\n" not in self.buffer:
            if b"\n" in self.buffer:
                raise MalformedResponse(f"bare LF in {what}: {self.buffer[:200]!r}")
            if len(self.buffer) > MAX_HEAD:
                raise MalformedResponse(f"{what} longer than {MAX_HEAD} bytes")
            if not self._fill(deadline):
                raise MalformedResponse(f"connection closed in the middle of {what}: {self.buffer[:200]!r}")
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        if b"\n" in line or b"\r" in line:
            raise MalformedResponse(f"bare CR or LF in {what}: {line[:200]!r}")
        return line

    def _exactly(self, count: int, deadline: float, what: str) -> bytes:
        while len(self.buffer) < count:
            if not self._fill(deadline):
                raise MalformedResponse(
                    f"connection closed after {len(self.buffer)} of {count} bytes of {what}"
                )
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    # -- responses -------------------------------------------------------------------------

    def read_response(self, timeout: float = 10.0, method: str = "GET") -> RawResponse | None:
        """The next response (interim 1xx ones included), or None if the connection closed
        before any byte of one arrived. Raises TimeoutError if it neither answers nor closes."""
        deadline = time.monotonic() + timeout
        while not self.buffer:
            if not self._fill(deadline):
                return None
        head_lines = [self._line(deadline, "the status line")]
        match = STATUS_LINE.match(head_lines[0])
        if not match:
            raise MalformedResponse(f"not an HTTP/1.x status line: {head_lines[0][:200]!r}")
        headers: list[tuple[str, str]] = []
        while True:
            line = self._line(deadline, "the response head")
            if line == b"":
                break
            head_lines.append(line)
            if line[:1] in (b" ", b"\t"):
                raise MalformedResponse(f"obsolete line folding in a response: {line!r}")
            name, colon, value = line.partition(b":")
            if not colon or not TOKEN.match(name):
                raise MalformedResponse(f"invalid header field line: {line[:200]!r}")
            value = value.strip(b" \t")
            if not FIELD_VALUE.match(value):
                raise MalformedResponse(f"invalid header field value: {line[:200]!r}")
            headers.append((name.decode("ascii"), value.decode("latin-1")))
        response = RawResponse(
            version=f"HTTP/1.{match.group(1).decode()}",
            status=int(match.group(2)),
            reason=(match.group(3) or b"").decode("latin-1"),
            headers=headers,
            raw_head=b"\r\n".join(head_lines),
        )
        try:
            self._read_body(response, deadline, method)
        except TimeoutError as error:
            raise TimeoutError(
                f"the head {response.raw_head[:300]!r} arrived, its body did not end "
                f"({len(self.buffer)} bytes so far)"
            ) from error
        return response

    def _read_body(self, response: RawResponse, deadline: float, method: str) -> None:
        lengths = response.headers_named("content-length")
        encodings = response.headers_named("transfer-encoding")
        if lengths and encodings:
            raise MalformedResponse(f"both Content-Length and Transfer-Encoding: {response.headers}")
        if response.status < 200 or response.status in (204, 304) or method == "HEAD":
            return
        if encodings:
            codings = [c.strip().lower() for value in encodings for c in value.split(",")]
            if codings[-1] != "chunked":
                raise MalformedResponse(f"Transfer-Encoding that does not end in chunked: {encodings}")
            if response.version == "HTTP/1.0":
                raise MalformedResponse("chunked framing in an HTTP/1.0 response")
            response.chunked = True
            response.body = self._chunked(deadline)
            return
        if lengths:
            values = {value.strip() for joined in lengths for value in joined.split(",")}
            if len(values) != 1 or not next(iter(values)).isdigit():
                raise MalformedResponse(f"invalid Content-Length: {lengths}")
            response.body = self._exactly(int(values.pop()), deadline, "the body")
            return
        # No framing: the body ends when the connection closes.
        while self._fill(deadline):
            pass
        response.body, self.buffer = self.buffer, b""

    def _chunked(self, deadline: float) -> bytes:
        body = b""
        while True:
            line = self._line(deadline, "a chunk size line")
            match = CHUNK_SIZE.match(line)
            if not match:
                raise MalformedResponse(f"invalid chunk size line: {line[:100]!r}")
            size = int(match.group(1), 16)
            if size == 0:
                while self._line(deadline, "the trailer section") != b"":
                    pass
                return body
            body += self._exactly(size, deadline, "a chunk")
            if self._exactly(2, deadline, "the CRLF after a chunk") != b"\r\n":
                raise MalformedResponse("a chunk is not followed by CRLF")

    def read_final_response(self, timeout: float = 10.0, method: str = "GET") -> tuple[list[RawResponse], RawResponse | None]:
        """Interim (1xx) responses, then the final one (None if the connection closed first)."""
        deadline = time.monotonic() + timeout
        interim = []
        while True:
            response = self.read_response(max(0.01, deadline - time.monotonic()), method)
            if response is None or response.status >= 200:
                return interim, response
            interim.append(response)

    def read_until(self, marker: bytes, timeout: float) -> bool:
        """Read until `marker` has arrived (True), or the peer closed first (False)."""
        deadline = time.monotonic() + timeout
        while marker not in self.buffer:
            if not self._fill(deadline):
                return False
        return True

    def closes_within(self, seconds: float) -> bool:
        """True if the peer closes within `seconds` without sending anything more; fails on
        unexpected bytes."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                if not self._fill(deadline):
                    break
        except TimeoutError:
            return False
        if self.buffer:
            raise MalformedResponse(f"unexpected bytes before the close: {self.buffer[:200]!r}")
        return True

    def wait_for_close(self, seconds: float) -> float | None:
        """Seconds until the peer closed (any bytes it sent first are kept in `buffer`), or None."""
        start = time.monotonic()
        deadline = start + seconds
        try:
            while self._fill(deadline):
                pass
        except TimeoutError:
            return None
        return time.monotonic() - start


def request_bytes(method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b"",
                  version: str = "HTTP/1.1") -> bytes:
    """A well-formed request (Host and Content-Length added when absent)."""
    headers = dict(headers or {})
    if not any(name.lower() == "host" for name in headers):
        headers = {"Host": "127.0.0.1", **headers}
    if body and not any(name.lower() in ("content-length", "transfer-encoding") for name in headers):
        headers["Content-Length"] = str(len(body))
    head = f"{method} {path} {version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode("latin-1") + body


def get_liveliness(port: int, timeout: float = 5.0) -> RawResponse | None:
    """One GET /health/liveliness on a fresh connection."""
    with connect(port, timeout) as sock:
        sock.sendall(request_bytes("GET", "/health/liveliness", {"Connection": "close"}))
        return ResponseReader(sock).read_response(timeout)
