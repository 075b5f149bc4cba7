"""A misbehaving upstream (misbehaving_upstream.py) behind the gateway, on the OpenAI surface
and, crossing dialects, on the Anthropic one.

CONTRACT §11: `timeout` bounds a whole non-streamed exchange (headers and body);
`stream_timeout` bounds the first byte of a stream and every gap between its events; an
upstream answer that is not what its dialect promises (HTML or empty with 200, a status outside
100–599) is a 502, never passed through as a success. §6: 502/504 come in the caller's
envelope; STYLE (Streaming, Errors): an error after the SSE headers are sent is an in-stream
event, and a client that disconnects cancels the upstream request.

Each behaviour is a model group `openai/<behaviour>` with `timeout: 2` and `stream_timeout: 1`
(`patient-<behaviour>` has 60 s of both, for the disconnect tests), and `num_retries: 0`, so
one request makes one upstream attempt and the timings are the timeouts themselves.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

import httpx
import pytest

from conftest import shut_down
from hardening import assert_envelope, envelope_problem, rss_kb, start_gateway
from misbehaving_upstream import LARGE_CONTENT_BYTES, MisbehavingUpstream
from rawhttp import ResponseReader, connect, request_bytes

MASTER = "sk-upstreams-master"
TIMEOUT = 2.0
STREAM_TIMEOUT = 1.0
SLACK = 2.0
#: how soon after the gateway gives up (or its client leaves) the upstream must see the close
LET_GO_WITHIN = 1.0
BEHAVIOURS = ["normal", "stall-before-headers", "stall-after-headers", "trickle", "endless", "two-then-stall",
              "huge", "html", "empty", "status-999", "status-600", "mid-body-close"]
PATIENT = ["stall-before-headers", "trickle", "endless", "large"]


@dataclass(frozen=True)
class Surface:
    name: str
    path: str
    headers: dict

    def body(self, model: str, stream: bool) -> dict:
        body = {"model": model, "messages": [{"role": "user", "content": "Say hello"}], "stream": stream}
        if self.name == "anthropic":
            body["max_tokens"] = 50
        return body

    def __str__(self) -> str:
        return self.name


OPENAI = Surface("openai", "/v1/chat/completions", {"Authorization": f"Bearer {MASTER}"})
ANTHROPIC = Surface("anthropic", "/v1/messages", {"x-api-key": MASTER, "anthropic-version": "2023-06-01"})


@pytest.fixture(scope="module")
def upstream():
    server = MisbehavingUpstream()
    yield server
    server.close()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory, upstream):
    entries = []
    for behaviour in BEHAVIOURS:
        entries.append(
            f"  - model_name: {behaviour}\n"
            f"    litellm_params: {{model: openai/{behaviour}, api_base: \"{upstream.api_base}\", api_key: sk-upstream,"
            f" timeout: {TIMEOUT:g}, stream_timeout: {STREAM_TIMEOUT:g}}}\n"
        )
    for behaviour in PATIENT:
        entries.append(
            f"  - model_name: patient-{behaviour}\n"
            f"    litellm_params: {{model: openai/{behaviour}, api_base: \"{upstream.api_base}\", api_key: sk-upstream,"
            f" timeout: 60, stream_timeout: 60}}\n"
        )
    config = (
        "model_list:\n" + "".join(entries)
        + "router_settings:\n  num_retries: 0\n  allowed_fails: 100000\n"
        + f"general_settings:\n  master_key: {MASTER}\n"
    )
    gateway = start_gateway(tmp_path_factory.mktemp("upstreams"), "upstreams-gateway", config, MASTER)
    yield gateway
    shut_down(gateway.process)


@pytest.fixture
def http(gateway):
    with httpx.Client(base_url=gateway.root, timeout=20) as client:
        yield client


#: how long a test waits for an answer that the timeouts should have produced long before
GIVE_UP_AFTER = TIMEOUT + SLACK + 2.0


def ask(http: httpx.Client, surface: Surface, model: str, stream: bool = False) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    try:
        response = http.post(surface.path, json=surface.body(model, stream), headers=surface.headers,
                             timeout=GIVE_UP_AFTER)
    except httpx.ReadTimeout:
        pytest.fail(f"no answer within {GIVE_UP_AFTER:.0f}s", pytrace=False)
    return response, time.monotonic() - started


@dataclass
class StreamRead:
    status: int
    content_type: str
    lines: list[tuple[float, str]]  # (seconds since the request, line)
    body: bytes  # when the answer was not a stream
    ended: float | None  # seconds since the request when the answer ended; None if it never did


def read_stream(http: httpx.Client, surface: Surface, model: str, read_for: float = GIVE_UP_AFTER) -> StreamRead:
    """Reads a streamed answer line by line, with arrival times, for at most `read_for` seconds."""
    started = time.monotonic()
    lines: list[tuple[float, str]] = []
    try:
        with http.stream("POST", surface.path, json=surface.body(model, True), headers=surface.headers,
                         timeout=httpx.Timeout(read_for)) as response:
            content_type = response.headers.get("content-type", "")
            if "text/event-stream" not in content_type:
                return StreamRead(response.status_code, content_type, [], response.read(), time.monotonic() - started)
            ended = None
            try:
                for line in response.iter_lines():
                    lines.append((time.monotonic() - started, line))
                    if time.monotonic() - started > read_for:
                        break
                else:
                    ended = time.monotonic() - started
            except httpx.ReadTimeout:
                pass
            return StreamRead(response.status_code, content_type, lines, b"", ended)
    except httpx.ReadTimeout:
        pytest.fail(f"no complete response head (or non-streamed body) within {read_for:.0f}s", pytrace=False)


def data_events(read: StreamRead) -> list[tuple[float, dict | str]]:
    events = []
    for at, line in read.lines:
        if line.startswith("data:"):
            data = line[5:].strip()
            events.append((at, data if data == "[DONE]" else json.loads(data)))
    return events


def text_of(surface: Surface, event) -> str:
    if not isinstance(event, dict):
        return ""
    if surface.name == "openai":
        return "".join((choice.get("delta") or {}).get("content") or "" for choice in event.get("choices") or [])
    if event.get("type") == "content_block_delta":
        return (event.get("delta") or {}).get("text") or ""
    return ""


def is_error_event(event) -> bool:
    return isinstance(event, dict) and "error" in event


def assert_upstream_let_go(upstream: MisbehavingUpstream, behaviour: str, seen: int, since_what: str) -> None:
    exchange = upstream.wait_for_request(behaviour, seen)
    assert exchange.closed.wait(LET_GO_WITHIN + 0.5), (
        f"the upstream connection for {behaviour!r} was still open {LET_GO_WITHIN}s after {since_what}"
    )


# -- a well-behaved upstream ------------------------------------------------------------------


@pytest.mark.parametrize("surface", [OPENAI, ANTHROPIC], ids=str)
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_normal_answer_and_what_the_gateway_sent_upstream(http, upstream, surface: Surface, stream: bool):
    """A proper upstream answer reaches the client; the upstream got an OpenAI chat request
    with the deployment's key, the upstream model id and the client's message."""
    seen = len(upstream.requests("normal"))
    if stream:
        read = read_stream(http, surface, "normal")
        assert read.status == 200 and read.ended is not None, read
        assert "".join(text_of(surface, event) for _, event in data_events(read)) == "Hello world"
    else:
        response, _ = ask(http, surface, "normal")
        assert response.status_code == 200, response.text
        payload = response.json()
        text = payload["choices"][0]["message"]["content"] if surface.name == "openai" else payload["content"][0]["text"]
        assert text == "Hello world"
    sent = upstream.wait_for_request("normal", seen)
    assert (sent.method, sent.path) == ("POST", "/v1/chat/completions")
    assert sent.headers.get("authorization") == "Bearer sk-upstream"
    request = sent.json()
    assert request["model"] == "normal"
    assert request["messages"][-1]["role"] == "user"
    assert "Say hello" in json.dumps(request["messages"][-1]["content"])
    assert sent.stream == stream


# -- timeouts ---------------------------------------------------------------------------------

WHOLE_TIMEOUT_CASES = [
    (OPENAI, "stall-before-headers"),
    (OPENAI, "stall-after-headers"),
    (OPENAI, "trickle"),
    (OPENAI, "endless"),
    (OPENAI, "two-then-stall"),
    (ANTHROPIC, "stall-before-headers"),
    (ANTHROPIC, "stall-after-headers"),
    (ANTHROPIC, "trickle"),
]


@pytest.mark.parametrize("surface,behaviour", WHOLE_TIMEOUT_CASES, ids=[f"{s}-{b}" for s, b in WHOLE_TIMEOUT_CASES])
def test_non_streamed_exchange_over_the_timeout_is_504(http, upstream, surface: Surface, behaviour: str):
    """`timeout` bounds the whole non-streamed exchange, headers and body: 504 in the caller's
    envelope within timeout + slack (not before), and the upstream connection is let go."""
    seen = len(upstream.requests(behaviour))
    response, elapsed = ask(http, surface, behaviour)
    assert response.status_code == 504, f"{response.status_code} after {elapsed:.1f}s: {response.text[:300]}"
    assert_envelope(surface.name, 504, response.content)
    assert TIMEOUT - 0.5 <= elapsed <= TIMEOUT + SLACK, f"504 after {elapsed:.2f}s with timeout {TIMEOUT}s"
    assert_upstream_let_go(upstream, behaviour, seen, "the 504")


STREAM_STALL_CASES = [
    (OPENAI, "stall-before-headers"),
    (OPENAI, "stall-after-headers"),
    (ANTHROPIC, "stall-before-headers"),
    (ANTHROPIC, "stall-after-headers"),
]


@pytest.mark.parametrize("surface,behaviour", STREAM_STALL_CASES, ids=[f"{s}-{b}" for s, b in STREAM_STALL_CASES])
def test_stream_with_no_first_byte_is_504(http, upstream, surface: Surface, behaviour: str):
    """`stream_timeout` bounds the first byte of a stream: nothing has reached the client yet,
    so the answer is a 504 in the caller's envelope within stream_timeout + slack."""
    seen = len(upstream.requests(behaviour))
    read = read_stream(http, surface, behaviour)
    assert read.status == 504, f"{read.status} {read.content_type} after {read.ended}s: {read.body[:300]!r} {read.lines[:5]}"
    assert_envelope(surface.name, 504, read.body)
    assert read.ended is not None and STREAM_TIMEOUT - 0.3 <= read.ended <= STREAM_TIMEOUT + SLACK, (
        f"504 after {read.ended:.2f}s with stream_timeout {STREAM_TIMEOUT}s"
    )
    assert_upstream_let_go(upstream, behaviour, seen, "the 504")


@pytest.mark.parametrize("surface", [OPENAI, ANTHROPIC], ids=str)
def test_stream_that_stalls_after_two_events_ends_with_an_error_event(http, upstream, surface: Surface):
    """`stream_timeout` bounds every gap between events: the two events arrive, then an
    in-stream error event in the caller's envelope, and the stream ends within
    stream_timeout + slack of the last event."""
    seen = len(upstream.requests("two-then-stall"))
    read = read_stream(http, surface, "two-then-stall")
    assert read.status == 200 and "text/event-stream" in read.content_type, read
    events = data_events(read)
    texts = [(at, text_of(surface, event)) for at, event in events if text_of(surface, event)]
    assert "".join(text for _, text in texts) == "Hello world", events
    last_text_at = texts[-1][0]
    errors = [(at, event) for at, event in events if is_error_event(event)]
    assert errors, f"no in-stream error event after the stall: {read.lines}"
    error_at, error = errors[0]
    assert envelope_problem(surface.name, json.dumps(error).encode()) is None, error
    if surface.name == "anthropic":
        assert ("error" in [line[6:].strip() for _, line in read.lines if line.startswith("event:")]), read.lines
    assert error_at > last_text_at
    assert read.ended is not None, f"the stream did not end after the error: {read.lines[-3:]}"
    assert read.ended - last_text_at <= STREAM_TIMEOUT + SLACK, (
        f"ended {read.ended - last_text_at:.2f}s after the last event with stream_timeout {STREAM_TIMEOUT}s"
    )
    assert read.ended - last_text_at >= STREAM_TIMEOUT - 0.3
    assert_upstream_let_go(upstream, "two-then-stall", seen, "the stream ended")


@pytest.mark.parametrize("surface", [OPENAI, ANTHROPIC], ids=str)
def test_endless_stream_with_steady_events_is_not_cut(http, upstream, surface: Surface):
    """Events every 0.2 s keep a stream alive past stream_timeout and past timeout (which
    bounds non-streamed exchanges only); when the client leaves, the upstream is let go."""
    seen = len(upstream.requests("endless"))
    read_for = TIMEOUT + 1.5
    read = read_stream(http, surface, "endless", read_for=read_for)
    left = time.monotonic()
    assert read.status == 200, read
    events = data_events(read)
    assert not [event for _, event in events if is_error_event(event)], f"an error event in a healthy stream: {events[-3:]}"
    ticks = [event for _, event in events if text_of(surface, event)]
    assert read.ended is None, f"the stream ended after {read.ended:.2f}s: {read.lines[-3:]}"
    assert len(ticks) >= (read_for / 0.2) * 0.6, f"only {len(ticks)} events in {read_for}s"
    exchange = upstream.wait_for_request("endless", seen)
    assert exchange.closed.wait(LET_GO_WITHIN + 0.5), "the upstream stream was still open 1 s after the client left"
    assert exchange.closed_at - left <= LET_GO_WITHIN + 0.5


# -- invalid answers --------------------------------------------------------------------------

INVALID_CASES = [
    (OPENAI, behaviour, stream)
    for behaviour in ["html", "empty", "status-999", "status-600"]
    for stream in (False, True)
] + [(ANTHROPIC, "html", False), (ANTHROPIC, "status-999", True), (ANTHROPIC, "empty", False)]


@pytest.mark.parametrize(
    "surface,behaviour,stream", INVALID_CASES,
    ids=[f"{s}-{b}-{'streamed' if st else 'whole'}" for s, b, st in INVALID_CASES],
)
def test_answer_that_is_not_what_the_dialect_promises_is_502(http, surface: Surface, behaviour: str, stream: bool):
    """HTML or empty with 200, or a status outside 100–599: 502 in the caller's envelope (code
    `bad_upstream_response` on the OpenAI surface), never a success."""
    if stream:
        read = read_stream(http, surface, behaviour)
        status, body = read.status, read.body
        assert "text/event-stream" not in read.content_type, f"passed through as a stream: {read.lines[:5]}"
    else:
        response, _ = ask(http, surface, behaviour)
        status, body = response.status_code, response.content
    assert status == 502, f"{status}: {body[:300]!r}"
    error = assert_envelope(surface.name, 502, body)
    if surface.name == "openai":
        assert error["code"] == "bad_upstream_response", error


@pytest.mark.parametrize("surface", [OPENAI, ANTHROPIC], ids=str)
def test_upstream_closing_mid_body_is_502(http, surface: Surface):
    """A Content-Length the upstream never fulfils (it closes after 100 bytes) is a 502."""
    response, elapsed = ask(http, surface, "mid-body-close")
    assert response.status_code == 502, f"{response.status_code}: {response.text[:300]}"
    assert_envelope(surface.name, 502, response.content)
    assert elapsed < TIMEOUT


@pytest.mark.parametrize("surface", [OPENAI, ANTHROPIC], ids=str)
def test_upstream_closing_mid_stream_is_not_a_complete_stream(http, surface: Surface):
    """An upstream stream cut after one event (no [DONE], no finish) must not look complete to
    the client: a 502, or the event followed by an in-stream error event."""
    read = read_stream(http, surface, "mid-body-close")
    if "text/event-stream" not in read.content_type:
        assert read.status == 502, f"{read.status}: {read.body[:300]!r}"
        assert_envelope(surface.name, 502, read.body)
        return
    events = data_events(read)
    assert read.ended is not None and read.ended < TIMEOUT, f"the cut stream did not end promptly: {read.lines}"
    errors = [event for _, event in events if is_error_event(event)]
    assert errors, f"the cut stream ended without an error event: {read.lines}"
    assert envelope_problem(surface.name, json.dumps(errors[0]).encode()) is None, errors[0]


def test_huge_upstream_body_is_a_502_or_504_and_the_gateway_survives(http, gateway):
    """300 MB declared and sent as fast as it is read, never valid JSON, more than the gateway
    can take in `timeout`: the client gets a 502 or 504 in the envelope within timeout + slack,
    not a success; the gateway's resident memory is printed."""
    pid = gateway.process.popen.pid
    before = rss_kb(pid)
    started = time.monotonic()
    received, cut = 0, None
    with http.stream("POST", OPENAI.path, json=OPENAI.body("huge", False), headers=OPENAI.headers,
                     timeout=GIVE_UP_AFTER) as response:
        status = response.status_code
        content = b""
        try:
            for piece in response.iter_bytes():
                received += len(piece)
                if len(content) < 4096:
                    content += piece
        except httpx.HTTPError as error:
            cut = error
    elapsed = time.monotonic() - started
    after = rss_kb(pid)
    print(f"huge upstream body: {status} after {elapsed:.2f}s, {received} bytes, cut: {cut!r}; "
          f"gateway RSS {before} kB -> {after} kB")
    assert status in (502, 504), f"{status} with {received} body bytes ({'cut: ' + repr(cut) if cut else 'complete'})"
    assert cut is None, f"the {status} answer was cut: {cut!r}"
    assert_envelope("openai", status, content)
    assert elapsed <= TIMEOUT + SLACK, f"answered after {elapsed:.1f}s"
    assert http.get("/health/liveliness").status_code == 200


# -- clients that leave -----------------------------------------------------------------------

DISCONNECT_CASES = [
    (OPENAI, "stall-before-headers", False),
    (OPENAI, "trickle", False),
    (OPENAI, "stall-before-headers", True),
    (OPENAI, "endless", True),
    (ANTHROPIC, "stall-before-headers", False),
    (ANTHROPIC, "stall-before-headers", True),
    (ANTHROPIC, "endless", True),
]


@pytest.mark.parametrize(
    "surface,behaviour,stream", DISCONNECT_CASES,
    ids=[f"{s}-{b}-{'streamed' if st else 'whole'}" for s, b, st in DISCONNECT_CASES],
)
def test_client_that_disconnects_mid_request_cancels_the_upstream_request(gateway, upstream, surface: Surface,
                                                                           behaviour: str, stream: bool):
    """The client closes its connection while the (patient: 60 s timeouts) upstream is still
    answering; the gateway closes its upstream connection within ~1 s."""
    seen = len(upstream.requests(behaviour))
    body = json.dumps(surface.body(f"patient-{behaviour}", stream)).encode()
    sock = connect(gateway.port)
    sock.sendall(request_bytes("POST", surface.path, {**surface.headers, "Content-Type": "application/json"}, body))
    exchange = upstream.wait_for_request(behaviour, seen)
    if behaviour == "endless":  # leave once the stream is flowing to the client
        assert ResponseReader(sock).read_until(b"data:", timeout=5), "the stream never started"
    assert not exchange.closed.is_set(), "the upstream connection closed before the client left"
    sock.close()
    left = time.monotonic()
    assert exchange.closed.wait(LET_GO_WITHIN + 0.5), (
        f"the upstream connection was still open {LET_GO_WITHIN + 0.5}s after the client left"
    )
    assert exchange.closed_at - left <= LET_GO_WITHIN + 0.5


def test_gateway_is_healthy_after_the_misbehaviour(http):
    response, elapsed = ask(http, OPENAI, "normal")
    assert response.status_code == 200, response.text
    assert response.json()["choices"][0]["message"]["content"] == "Hello world"
    assert elapsed < 1.0
    assert http.get("/health/liveliness").status_code == 200


def test_large_answers_are_passed_on_without_being_held(http, gateway):
    """Four ~100 MB answers at once (CONTRACT §11: bodies the gateway need not read are streamed
    through): each arrives whole and valid, and the gateway's resident memory stays far below
    what holding them would take (400 MB)."""
    pid = gateway.process.popen.pid
    before = rss_kb(pid)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_kb(pid))
            time.sleep(0.05)

    def fetch(results: list, index: int) -> None:
        response = http.post(OPENAI.path, json=OPENAI.body("patient-large", False), headers=OPENAI.headers, timeout=120)
        results[index] = (response.status_code, len(response.content), response.content[-200:])

    sampler = threading.Thread(target=sample)
    sampler.start()
    results: list = [None] * 4
    fetchers = [threading.Thread(target=fetch, args=(results, n)) for n in range(4)]
    for thread in fetchers:
        thread.start()
    for thread in fetchers:
        thread.join()
    done.set()
    sampler.join()
    growth_mb = (peak[0] - before) / 1024
    print(f"four large answers: {[r[:2] for r in results]}; gateway RSS {before} kB, peak +{growth_mb:.0f} MB")
    for status, length, tail in results:
        assert status == 200
        assert length > LARGE_CONTENT_BYTES
        assert tail.endswith(b'"total_tokens": 5}}')
    assert growth_mb < 150, f"the gateway grew by {growth_mb:.0f} MB while passing on 4 x 100 MB"
