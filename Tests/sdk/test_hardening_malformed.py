"""Malformed and unusual requests on raw sockets, below what any HTTP client library sends.

CONTRACT §6: "The gateway never answers 500 for bad input"; §11: heads over
`max_header_size_kb` get 431, `Expect: 100-continue` with a declared body over the limit gets
413 before any body is read. RFC 9112 decides what is malformed: a request it says MUST be
rejected is answered with a well-formed 4xx, or the connection is closed; framing errors
(Content-Length, Transfer-Encoding, chunk sizes) end with a close, so a request smuggled behind
them is never answered. After every case the gateway still answers `/health/liveliness`.
"""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass

import pytest

from conftest import shut_down
from hardening import assert_envelope, start_gateway
from rawhttp import ResponseReader, connect, get_liveliness, request_bytes, send_quietly

MASTER = "sk-malformed-master"
CHAT = "/v1/chat/completions"
CHAT_BODY = json.dumps({"model": "mock", "messages": [{"role": "user", "content": "hi"}]}).encode()
AUTH = f"Authorization: Bearer {MASTER}\r\n"
LIVE = b"GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
#: how long a case may take to be answered or closed; a malformed head needs no waiting
ANSWER_WITHIN = 3.0


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("malformed")
    gateway = start_gateway(
        workdir,
        "malformed-gateway",
        f"""\
model_list:
  - model_name: mock
    litellm_params: {{model: mock/switchyard-mock}}
general_settings:
  master_key: {MASTER}
  # A chunk that declares more than will ever come (chunk-size-huge) is a body that stopped
  # arriving: the 408 comes after client_body_timeout, here shorter than ANSWER_WITHIN.
  client_body_timeout: 1
""",
        MASTER,
    )
    yield gateway.port
    shut_down(gateway.process)


def post_head(extra: str, path: str = CHAT) -> bytes:
    """The head of an authorised POST to `path`, with `extra` header lines (CRLF-terminated)."""
    return f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{AUTH}Content-Type: application/json\r\n{extra}\r\n".encode()


def chunked(body: bytes) -> bytes:
    return f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"


@dataclass
class Case:
    id: str
    data: bytes
    #: framing errors: after the 4xx the connection must close, and nothing behind it is answered
    closes: bool = False


def with_host(line: bytes, *headers: bytes) -> bytes:
    return line + b"\r\nHost: 127.0.0.1\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n"


SMUGGLED = LIVE

#: Requests RFC 9112 says a server MUST (or, as nginx does, will) reject.
REFUSED = [
    # request lines
    Case("garbage-request-line", b"HELLO\r\n\r\n"),
    Case("method-only", b"GET\r\n\r\n"),
    Case("http-0.9-simple-request", b"GET /health/liveliness\r\n\r\n"),
    Case("path-without-slash", with_host(b"GET health/liveliness HTTP/1.1")),
    Case("space-inside-uri", with_host(b"GET /health/live liness HTTP/1.1")),
    Case("bare-cr-in-request-line", b"GET /health/liveliness HTTP/1.1\rX: y\r\nHost: 127.0.0.1\r\n\r\n"),
    Case("tls-client-hello", bytes.fromhex("16030100c4010000c00303") + bytes(range(32)) + b"\r\n\r\n"),
    Case("http2-preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
    # versions
    Case("version-http-2.0", with_host(b"GET /health/liveliness HTTP/2.0")),
    Case("version-http-3.0", with_host(b"GET /health/liveliness HTTP/3.0")),
    Case("version-http-0.9", with_host(b"GET /health/liveliness HTTP/0.9")),
    Case("version-http-1.x", with_host(b"GET /health/liveliness HTTP/1.x")),
    Case("version-lowercase", with_host(b"GET /health/liveliness http/1.1")),
    Case("version-no-dot", with_host(b"GET /health/liveliness HTTP/11")),
    Case("version-https", with_host(b"GET /health/liveliness HTTPS/1.1")),
    Case("version-three-parts", with_host(b"GET /health/liveliness HTTP/1.1.1")),
    # header names and values
    Case("space-in-header-name", with_host(b"GET /health/liveliness HTTP/1.1", b"Bad Header: x")),
    Case("space-before-colon", b"GET /health/liveliness HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n"),
    Case("separator-in-header-name", with_host(b"GET /health/liveliness HTTP/1.1", b"X(y): z")),
    Case("header-without-colon", with_host(b"GET /health/liveliness HTTP/1.1", b"NoColonHere")),
    Case("empty-header-name", with_host(b"GET /health/liveliness HTTP/1.1", b": value")),
    Case("utf8-header-name", with_host(b"GET /health/liveliness HTTP/1.1", "Ünïcode: x".encode())),
    Case("bare-cr-in-header-value", with_host(b"GET /health/liveliness HTTP/1.1", b"X-Odd: a\rb")),
    Case("two-host-headers", b"GET /health/liveliness HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n"),
    Case("no-host-header", b"GET /health/liveliness HTTP/1.1\r\nAccept: */*\r\n\r\n"),
    Case("invalid-host-value", b"GET /health/liveliness HTTP/1.1\r\nHost: a b\r\n\r\n"),
    # NUL bytes
    Case("nul-in-path", with_host(b"GET /health\x00/liveliness HTTP/1.1")),
    Case("nul-in-header-name", with_host(b"GET /health/liveliness HTTP/1.1", b"X\x00Y: z")),
    Case("nul-in-header-value", with_host(b"GET /health/liveliness HTTP/1.1", b"X-Odd: a\x00b")),
    Case("nul-bytes-only", b"\x00\x00\x00\x00\r\n\r\n"),
    # non-ASCII methods
    Case("utf8-method", with_host("GÉT /health/liveliness HTTP/1.1".encode())),
    Case("binary-method", with_host(b"\xff\xfe\xfd /health/liveliness HTTP/1.1")),
    Case("emoji-method", with_host("\U0001F680 /health/liveliness HTTP/1.1".encode())),
    # lengths
    Case("uri-100kb", with_host(b"GET /" + b"a" * 100_000 + b" HTTP/1.1")),
    # Content-Length framing
    Case("conflicting-content-lengths", post_head("Content-Length: 5\r\nContent-Length: 6\r\n") + b"hello!" + SMUGGLED, closes=True),
    Case("content-length-list", post_head("Content-Length: 5, 6\r\n") + b"hello!" + SMUGGLED, closes=True),
    Case("content-length-not-a-number", post_head("Content-Length: abc\r\n") + b"hello" + SMUGGLED, closes=True),
    Case("content-length-negative", post_head("Content-Length: -1\r\n") + b"hello" + SMUGGLED, closes=True),
    Case("content-length-plus-sign", post_head("Content-Length: +5\r\n") + b"hello" + SMUGGLED, closes=True),
    Case("content-length-overflow", post_head("Content-Length: 99999999999999999999999999\r\n") + b"hello" + SMUGGLED, closes=True),
    Case(
        "content-length-and-transfer-encoding",
        post_head(f"Content-Length: {len(chunked(CHAT_BODY))}\r\nTransfer-Encoding: chunked\r\n") + chunked(CHAT_BODY) + SMUGGLED,
        closes=True,
    ),
    Case(
        "content-length-and-transfer-encoding-smuggle",
        post_head("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n") + f"{len(SMUGGLED):x}\r\n".encode() + SMUGGLED + b"\r\n0\r\n\r\n",
        closes=True,
    ),
    # Transfer-Encoding and chunk framing
    Case("transfer-encoding-not-chunked", post_head("Transfer-Encoding: gzip\r\n") + b"hello" + SMUGGLED, closes=True),
    Case("chunked-twice", post_head("Transfer-Encoding: chunked, chunked\r\n") + chunked(CHAT_BODY) + SMUGGLED, closes=True),
    Case("chunk-size-not-hex", post_head("Transfer-Encoding: chunked\r\n") + b"zz\r\nhello\r\n0\r\n\r\n" + SMUGGLED, closes=True),
    Case("chunk-size-negative", post_head("Transfer-Encoding: chunked\r\n") + b"-5\r\nhello\r\n0\r\n\r\n" + SMUGGLED, closes=True),
    Case("chunk-size-0x-prefix", post_head("Transfer-Encoding: chunked\r\n") + b"0x5\r\nhello\r\n0\r\n\r\n" + SMUGGLED, closes=True),
    Case("chunk-size-empty", post_head("Transfer-Encoding: chunked\r\n") + b"\r\nhello\r\n0\r\n\r\n" + SMUGGLED, closes=True),
    Case("chunk-size-overflow", post_head("Transfer-Encoding: chunked\r\n") + b"FFFFFFFFFFFFFFFFFFFFFFFF\r\nhello" + SMUGGLED, closes=True),
    Case("chunk-size-huge", post_head("Transfer-Encoding: chunked\r\n") + b"7FFFFFFFFFFFFFFF\r\nhello" + SMUGGLED, closes=True),
    Case("chunk-longer-than-size", post_head("Transfer-Encoding: chunked\r\n") + b"5\r\nhelloEXTRA\r\n0\r\n\r\n" + SMUGGLED, closes=True),
    Case("chunk-trailer-garbage", post_head("Transfer-Encoding: chunked\r\n") + b"5\r\nhello\r\n0\r\nnot a trailer\r\n\r\n" + SMUGGLED, closes=True),
    # a declared body over the limit (no Expect): refused without waiting for it
    Case("content-length-1gb", post_head("Content-Length: 1000000000\r\n") + b'{"model": "mock"'),
]

#: Odd requests that RFC 9112 lets a server accept (or reject): never a 5xx.
TOLERATED = [
    Case("double-spaces-in-request-line", with_host(b"GET  /health/liveliness  HTTP/1.1")),
    Case("tabs-in-request-line", with_host(b"GET\t/health/liveliness\tHTTP/1.1")),
    Case("bare-lf-line-endings", b"GET /health/liveliness HTTP/1.1\nHost: 127.0.0.1\n\n"),
    Case("leading-empty-lines", b"\r\n\r\n" + LIVE),
    Case("obs-fold-header", with_host(b"GET /health/liveliness HTTP/1.1", b"X-Folded: a\r\n  b")),
    Case("control-char-in-header-value", with_host(b"GET /health/liveliness HTTP/1.1", b"X-Odd: a\x01b")),
    Case("obs-text-in-header-value", with_host(b"GET /health/liveliness HTTP/1.1", "X-Odd: café".encode())),
    Case("percent-garbage-in-path", with_host(b"GET /%zz%00%ff HTTP/1.1")),
    Case("absolute-form-uri", with_host(b"GET http://127.0.0.1/health/liveliness HTTP/1.1")),
    Case("uri-20kb", with_host(b"GET /" + b"a" * 20_000 + b" HTTP/1.1")),
    Case("two-thousand-small-headers", with_host(b"GET /health/liveliness HTTP/1.1", *[b"a: b"] * 2000)),
    Case("chunk-extension", post_head("Transfer-Encoding: chunked\r\n") + f"{len(CHAT_BODY):x};ext=1\r\n".encode() + CHAT_BODY + b"\r\n0\r\n\r\n"),
    Case("connect-method", b"CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n"),
    Case("options-asterisk", with_host(b"OPTIONS * HTTP/1.1")),
]


def exchange(port: int, data: bytes) -> tuple[ResponseReader, socket.socket]:
    sock = connect(port)
    send_quietly(sock, data)
    return ResponseReader(sock), sock


def assert_alive(port: int) -> None:
    response = get_liveliness(port)
    assert response is not None and response.status == 200, f"/health/liveliness after the case: {response}"


@pytest.mark.parametrize("case", REFUSED, ids=[case.id for case in REFUSED])
def test_malformed_request_gets_a_4xx_or_a_close(port: int, case: Case):
    """A malformed request is answered with a well-formed 4xx (never 5xx) or a close, within
    a few seconds; after a framing error nothing more is answered on that connection."""
    reader, sock = exchange(port, case.data)
    with sock:
        try:
            interim, response = reader.read_final_response(timeout=ANSWER_WITHIN)
        except TimeoutError as error:
            pytest.fail(f"neither answered nor closed within {ANSWER_WITHIN}s: {error}")
        assert not interim, f"interim responses to a malformed request: {interim}"
        if response is not None:
            assert 400 <= response.status < 500, f"expected a 4xx or a close, got {response}"
            if case.closes:
                assert reader.closes_within(ANSWER_WITHIN), (
                    f"the connection stayed open after {response.status} for a framing error"
                )
    assert_alive(port)


@pytest.mark.parametrize("case", TOLERATED, ids=[case.id for case in TOLERATED])
def test_odd_but_acceptable_request_is_never_a_server_error(port: int, case: Case):
    """Requests RFC 9112 lets a server accept or reject: a well-formed non-5xx answer, or a close."""
    reader, sock = exchange(port, case.data)
    with sock:
        try:
            _, response = reader.read_final_response(timeout=ANSWER_WITHIN)
        except TimeoutError as error:
            pytest.fail(f"neither answered nor closed within {ANSWER_WITHIN}s: {error}")
        if response is not None:
            assert response.status < 500, f"5xx for client input: {response}"
    assert_alive(port)


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(with_host(b"GET /health/liveliness HTTP/1.1", *[f"X-Pad-{i}: {'v' * 60}".encode() for i in range(1200)]), id="80kb-of-headers"),
        pytest.param(with_host(b"GET /health/liveliness HTTP/1.1", b"X-Big: " + b"v" * 80_000), id="one-80kb-header"),
        pytest.param(with_host(b"GET /health/liveliness HTTP/1.1", *[f"X-F{i}: v".encode() for i in range(10_000)]), id="10000-headers"),
        pytest.param(post_head("Content-Length: 2\r\n" + "".join(f"X-Pad-{i}: {'v' * 60}\r\n" for i in range(1200))) + b"{}", id="80kb-head-on-chat"),
    ],
)
def test_head_over_the_size_limit_is_431_and_closed(port: int, head: bytes):
    """§11: a request head over max_header_size_kb (default 32) gets 431 and a close."""
    assert len(head) > 64_000
    reader, sock = exchange(port, head)
    with sock:
        _, response = reader.read_final_response(timeout=ANSWER_WITHIN)
        assert response is not None, "closed without the 431"
        assert response.status == 431, response
        assert reader.closes_within(ANSWER_WITHIN), "still open after the 431"
    assert_alive(port)


@pytest.mark.parametrize("path,surface", [(CHAT, "openai"), ("/v1/messages", "anthropic")])
def test_expect_continue_with_a_1gb_body_is_413_before_any_body(port: int, path: str, surface: str):
    """§11: `Expect: 100-continue` with a declared body over the limit gets 413 before any
    body is read (no 100 Continue first), in the surface's envelope, and the connection closes."""
    head = post_head("Content-Length: 1000000000\r\nExpect: 100-continue\r\nanthropic-version: 2023-06-01\r\n", path)
    reader, sock = exchange(port, head)
    with sock:
        interim, response = reader.read_final_response(timeout=ANSWER_WITHIN)
        assert not interim, f"the gateway invited the 1 GB body: {interim}"
        assert response is not None, "closed without a 413"
        assert response.status == 413, response
        assert_envelope(surface, 413, response.body)
        assert reader.closes_within(ANSWER_WITHIN), "still open after the 413"
    assert_alive(port)


def test_expect_continue_with_a_small_body_is_invited_and_answered(port: int):
    """`Expect: 100-continue` with an acceptable body: 100 Continue, then the answer."""
    sock = connect(port)
    with sock:
        sock.sendall(post_head(f"Content-Length: {len(CHAT_BODY)}\r\nExpect: 100-continue\r\n"))
        reader = ResponseReader(sock)
        interim = reader.read_response(timeout=ANSWER_WITHIN, method="POST")
        assert interim is not None and interim.status == 100, interim
        sock.sendall(CHAT_BODY)
        response = reader.read_response(timeout=10, method="POST")
        assert response is not None and response.status == 200, response
        assert json.loads(response.body)["object"] == "chat.completion"


def test_http_1_0_request_is_answered_as_http_1_0_and_closed(port: int):
    """An HTTP/1.0 request is answered as HTTP/1.0, without chunked framing, then closed."""
    reader, sock = exchange(port, b"GET /health/liveliness HTTP/1.0\r\n\r\n")
    with sock:
        _, response = reader.read_final_response(timeout=ANSWER_WITHIN)
        assert response is not None and response.status == 200, response
        assert response.version == "HTTP/1.0", response.raw_head
        assert not response.chunked
        assert reader.closes_within(ANSWER_WITHIN)


def test_http_1_0_stream_has_no_chunked_framing_and_ends_with_the_close(port: int):
    """An HTTP/1.0 client asking for a stream gets the SSE events unframed, ending at the close."""
    body = json.dumps({"model": "mock", "stream": True, "messages": [{"role": "user", "content": "hi"}]}).encode()
    data = f"POST {CHAT} HTTP/1.0\r\n{AUTH}Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    reader, sock = exchange(port, data)
    with sock:
        _, response = reader.read_final_response(timeout=10, method="POST")
        assert response is not None and response.status == 200, response
        assert response.version == "HTTP/1.0", response.raw_head
        assert response.header("transfer-encoding") is None, response.raw_head
        assert b"data: [DONE]" in response.body, response.body[-300:]
        assert reader.eof


def test_http_1_0_keep_alive_is_framed_by_content_length(port: int):
    """HTTP/1.0 with `Connection: keep-alive`: an HTTP/1.0 answer framed by Content-Length; if
    the connection stays open, the next request on it is answered too."""
    request = b"GET /health/liveliness HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
    reader, sock = exchange(port, request)
    with sock:
        _, response = reader.read_final_response(timeout=ANSWER_WITHIN)
        assert response is not None and response.status == 200, response
        assert response.version == "HTTP/1.0" and not response.chunked, response.raw_head
        if "close" not in response.connection_tokens():
            assert response.header("content-length") is not None, response.raw_head
            sock.sendall(request)
            _, again = reader.read_final_response(timeout=ANSWER_WITHIN)
            assert again is not None and again.status == 200, again


@pytest.mark.parametrize("count", [3, 50])
def test_pipelined_requests_are_answered_in_order(port: int, count: int):
    """Requests sent back to back in one write are each answered, in order."""
    requests = [
        request_bytes("GET", "/health/liveliness", {"x-request-id": f"pipelined-{i}"}) for i in range(count)
    ]
    reader, sock = exchange(port, b"".join(requests))
    with sock:
        for i in range(count):
            response = reader.read_response(timeout=10)
            assert response is not None, f"closed after {i} of {count} pipelined answers"
            assert response.status == 200, response
            assert response.header("x-request-id") == f"pipelined-{i}"


def test_pipelined_chat_stream_and_health_are_answered_in_order(port: int):
    stream_body = json.dumps({"model": "mock", "stream": True, "messages": [{"role": "user", "content": "hi"}]}).encode()
    auth = {"Authorization": f"Bearer {MASTER}", "Content-Type": "application/json"}
    data = (
        request_bytes("POST", CHAT, auth, CHAT_BODY)
        + request_bytes("POST", CHAT, auth, stream_body)
        + LIVE
    )
    reader, sock = exchange(port, data)
    with sock:
        first = reader.read_response(timeout=10, method="POST")
        assert first is not None and first.status == 200 and json.loads(first.body)["object"] == "chat.completion", first
        second = reader.read_response(timeout=10, method="POST")
        assert second is not None and second.status == 200 and b"data: [DONE]" in second.body, second
        third = reader.read_response(timeout=10)
        assert third is not None and third.status == 200 and b"alive" in third.body, third


def test_pipelined_malformed_request_after_a_good_one(port: int):
    """The good request is answered; the malformed one behind it gets a 4xx or a close."""
    reader, sock = exchange(port, LIVE + b"GARBAGE\r\n\r\n")
    with sock:
        first = reader.read_response(timeout=ANSWER_WITHIN)
        assert first is not None and first.status == 200, f"the good request ahead of a malformed one got {first!r}"
        try:
            second = reader.read_response(timeout=ANSWER_WITHIN)
        except TimeoutError as error:
            pytest.fail(f"the malformed pipelined request was neither answered nor closed: {error}")
        assert second is None or 400 <= second.status < 500, second
    assert_alive(port)


def send_one_byte_at_a_time(port: int, data: bytes, method: str):
    sock = connect(port)
    with sock:
        for i in range(len(data)):
            sock.send(data[i : i + 1])
        return ResponseReader(sock).read_response(timeout=10, method=method)


def test_request_split_one_byte_per_send_is_answered(port: int):
    response = send_one_byte_at_a_time(port, LIVE, "GET")
    assert response is not None and response.status == 200, response


def test_chat_request_split_one_byte_per_send_is_answered(port: int):
    data = request_bytes("POST", CHAT, {"Authorization": f"Bearer {MASTER}", "Content-Type": "application/json"}, CHAT_BODY)
    response = send_one_byte_at_a_time(port, data, "POST")
    assert response is not None and response.status == 200, response
    assert json.loads(response.body)["object"] == "chat.completion"


def test_chunked_chat_request_split_one_byte_per_send_is_answered(port: int):
    data = post_head("Transfer-Encoding: chunked\r\n") + chunked(CHAT_BODY[:20]).removesuffix(b"0\r\n\r\n") + chunked(CHAT_BODY[20:])
    response = send_one_byte_at_a_time(port, data, "POST")
    assert response is not None and response.status == 200, response
    assert json.loads(response.body)["object"] == "chat.completion"


def test_gateway_is_alive_after_the_whole_suite(port: int):
    started = time.monotonic()
    assert_alive(port)
    assert time.monotonic() - started < 1.0
