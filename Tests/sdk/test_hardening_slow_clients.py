"""Slow, idle and too many clients (CONTRACT §11, nginx's names):

* `client_header_timeout`: a request head not complete by then gets 408 and a close;
* `client_body_timeout`: the longest gap between reads of a body (then 408 and a close);
* `keepalive_timeout`: an idle keep-alive connection is closed after it;
* `max_connections`: past it new connections are closed at once.

Wall-clock time is the behaviour under test here, so the gateway runs with 1-second timeouts
and every bound has `SLACK` seconds of room. The gateway under the connection flood runs with
a file-descriptor limit of 1,024, lower than the 2,000 connections thrown at it.
"""

from __future__ import annotations

import json
import resource
import selectors
import socket
import time

import httpx
import pytest

from conftest import shut_down
from hardening import assert_envelope, cpu_seconds, fd_count, fd_limit, start_gateway, start_mock_provider
from rawhttp import ResponseReader, connect, get_liveliness, request_bytes, send_quietly

MASTER = "sk-slow-master"
TIMEOUT = 1.0  # client_header_timeout, client_body_timeout and keepalive_timeout
SLACK = 2.0
MAX_CONNECTIONS = 64
GATEWAY_NOFILE = 1024
FLOOD = 2000
BATCH = 100  # flood connections opened between two readings of the gateway's descriptors
CHAT = "/v1/chat/completions"
CHAT_BODY = json.dumps({"model": "mock", "messages": [{"role": "user", "content": "hi"}]}).encode()
AUTH = {"Authorization": f"Bearer {MASTER}", "Content-Type": "application/json"}
PARTIAL_HEAD = b"GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\n"


def config(upstream_port: int, header: float, body: float, keepalive: float) -> str:
    return f"""\
model_list:
  - model_name: mock
    litellm_params: {{model: mock/switchyard-mock}}
  - model_name: slow-stream
    litellm_params: {{model: openai/gpt-4o, api_base: "http://127.0.0.1:{upstream_port}/v1", api_key: sk-upstream}}
general_settings:
  master_key: {MASTER}
  client_header_timeout: {header:g}
  client_body_timeout: {body:g}
  keepalive_timeout: {keepalive:g}
  max_connections: {MAX_CONNECTIONS}
"""


@pytest.fixture(scope="module")
def upstream_port(tmp_path_factory):
    """A mock provider that streams its events 300 ms apart."""
    process, port = start_mock_provider(tmp_path_factory.mktemp("slow-upstream"), "--chunk-delay-ms", "300")
    yield port
    process.stop()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory, upstream_port):
    """1-second client timeouts, max_connections 64, at most 1,024 file descriptors."""
    workdir = tmp_path_factory.mktemp("slow-clients")
    gateway = start_gateway(workdir, "slow-clients", config(upstream_port, TIMEOUT, TIMEOUT, TIMEOUT), MASTER,
                            nofile=GATEWAY_NOFILE)
    yield gateway
    shut_down(gateway.process)


@pytest.fixture(scope="module")
def capped_gateway(tmp_path_factory, upstream_port):
    """max_connections 64 with 30-second timeouts, so that only the cap closes connections
    while the test holds 64 keep-alive connections open."""
    workdir = tmp_path_factory.mktemp("capped")
    gateway = start_gateway(workdir, "capped", config(upstream_port, 30, 30, 30), MASTER)
    yield gateway
    shut_down(gateway.process)


def assert_served_at_once(port: int) -> None:
    started = time.monotonic()
    response = get_liveliness(port, timeout=2.0)
    assert response is not None and response.status == 200, response
    assert time.monotonic() - started < 1.0, f"a fresh connection took {time.monotonic() - started:.2f}s"


def test_half_sent_head_gets_408_and_a_close(gateway):
    """client_header_timeout: a head not complete within it gets 408, then the connection closes."""
    sock = connect(gateway.port)
    opened = time.monotonic()
    with sock:
        sock.sendall(PARTIAL_HEAD)
        reader = ResponseReader(sock)
        try:
            response = reader.read_response(timeout=TIMEOUT + SLACK)
        except TimeoutError:
            pytest.fail(f"no answer and no close {TIMEOUT + SLACK:.0f}s after a half-sent head")
        elapsed = time.monotonic() - opened
        assert response is not None, f"closed after {elapsed:.2f}s without the 408"
        assert response.status == 408, response
        assert 0.5 <= elapsed <= TIMEOUT + SLACK, f"408 after {elapsed:.2f}s"
        assert reader.closes_within(SLACK), "still open after the 408"
    assert_served_at_once(gateway.port)


def test_connection_never_written_to_is_closed_within_the_header_timeout(gateway):
    """client_header_timeout also bounds a connection on which no byte ever arrives
    (a 408 before the close is allowed, nothing else)."""
    sock = connect(gateway.port)
    opened = time.monotonic()
    with sock:
        reader = ResponseReader(sock)
        try:
            response = reader.read_response(timeout=TIMEOUT + SLACK)
        except TimeoutError:
            pytest.fail(f"a silent connection still open after {TIMEOUT + SLACK:.0f}s")
        if response is not None:
            assert response.status == 408, response
            assert reader.closes_within(SLACK), "still open after the 408"
        elapsed = time.monotonic() - opened
        assert 0.5 <= elapsed <= TIMEOUT + SLACK, f"closed after {elapsed:.2f}s"


def test_body_that_stops_arriving_gets_408_and_a_close(gateway):
    """client_body_timeout: a body with no bytes for longer than it gets 408 (in the OpenAI
    envelope: the route is known) and a close."""
    sock = connect(gateway.port)
    with sock:
        head = request_bytes("POST", CHAT, {**AUTH, "Content-Length": "200"})
        sock.sendall(head + CHAT_BODY[:20])
        stopped = time.monotonic()
        reader = ResponseReader(sock)
        try:
            response = reader.read_response(timeout=TIMEOUT + SLACK, method="POST")
        except TimeoutError:
            pytest.fail(f"no answer and no close {TIMEOUT + SLACK:.0f}s after the body stopped")
        elapsed = time.monotonic() - stopped
        assert response is not None, f"closed after {elapsed:.2f}s without the 408"
        assert response.status == 408, response
        assert_envelope("openai", 408, response.body)
        assert 0.5 <= elapsed <= TIMEOUT + SLACK, f"408 after {elapsed:.2f}s"
        assert reader.closes_within(SLACK), "still open after the 408"
    assert_served_at_once(gateway.port)


def test_idle_keep_alive_connection_is_closed_after_the_keepalive_timeout(gateway):
    """keepalive_timeout: after an answer, a connection with no next request is closed."""
    sock = connect(gateway.port)
    with sock:
        sock.sendall(request_bytes("GET", "/health/liveliness"))
        reader = ResponseReader(sock)
        response = reader.read_response(timeout=5)
        assert response is not None and response.status == 200, response
        assert "close" not in response.connection_tokens(), "the answer itself closed the connection"
        answered = time.monotonic()
        closed_after = reader.wait_for_close(TIMEOUT + SLACK)
        assert closed_after is not None, f"idle keep-alive connection still open after {TIMEOUT + SLACK:.0f}s"
        assert closed_after >= 0.5, f"closed {closed_after:.2f}s after the answer"
        if reader.buffer:  # a 408 on an idle connection is tolerated; nothing else is
            assert reader.buffer.startswith(b"HTTP/1.1 408"), reader.buffer[:200]
        assert time.monotonic() - answered <= TIMEOUT + SLACK


def test_keep_alive_connection_used_within_the_timeout_stays_open(gateway):
    """Requests 0.5 s apart on one connection (each gap under keepalive_timeout) are all served."""
    sock = connect(gateway.port)
    with sock:
        reader = ResponseReader(sock)
        for _ in range(5):
            sock.sendall(request_bytes("GET", "/health/liveliness"))
            response = reader.read_response(timeout=5)
            assert response is not None and response.status == 200, response
            time.sleep(0.5)


def test_slow_but_steady_body_is_not_cut_off(gateway):
    """A body arriving 8 bytes every 0.4 s (each gap under client_body_timeout, the whole
    body slower than every timeout) is read to the end and answered."""
    sock = connect(gateway.port)
    with sock:
        sock.sendall(request_bytes("POST", CHAT, {**AUTH, "Content-Length": str(len(CHAT_BODY))}))
        started = time.monotonic()
        for offset in range(0, len(CHAT_BODY), 8):
            time.sleep(0.4)
            assert send_quietly(sock, CHAT_BODY[offset : offset + 8]), (
                f"the gateway closed the connection {time.monotonic() - started:.1f}s into a steady body"
            )
        assert time.monotonic() - started > 3 * TIMEOUT
        response = ResponseReader(sock).read_response(timeout=10, method="POST")
        assert response is not None, "closed instead of answering"
        assert response.status == 200, response
        assert json.loads(response.body)["object"] == "chat.completion"


def test_stream_longer_than_every_client_timeout_is_not_cut_off(gateway):
    """Client timeouts bound what the client sends, not how long the answer takes: a stream
    of events 300 ms apart, lasting well over a second, arrives whole."""
    body = json.dumps({"model": "slow-stream", "stream": True,
                       "messages": [{"role": "user", "content": "one two three four five six"}]}).encode()
    sock = connect(gateway.port)
    with sock:
        sock.sendall(request_bytes("POST", CHAT, AUTH, body))
        started = time.monotonic()
        response = ResponseReader(sock).read_response(timeout=20, method="POST")
        assert response is not None and response.status == 200, response
        assert time.monotonic() - started > 1.5 * TIMEOUT, "the stream was not slow enough to test anything"
        assert b"data: [DONE]" in response.body, response.body[-300:]


def open_keep_alive(port: int) -> tuple[socket.socket, ResponseReader]:
    sock = connect(port)
    sock.sendall(request_bytes("GET", "/health/liveliness"))
    reader = ResponseReader(sock)
    response = reader.read_response(timeout=5)
    assert response is not None and response.status == 200, response
    return sock, reader


def test_past_max_connections_new_connections_are_closed_and_open_ones_still_served(capped_gateway):
    """max_connections: with 64 keep-alive connections open, a 65th is closed at once without
    being served (a 503 before the close is tolerated); the 64 keep being answered; once one
    closes, a new connection is served again."""
    port = capped_gateway.port
    held = [open_keep_alive(port) for _ in range(MAX_CONNECTIONS)]
    try:
        extra = connect(port)
        with extra:
            send_quietly(extra, request_bytes("GET", "/health/liveliness"))
            reader = ResponseReader(extra)
            started = time.monotonic()
            try:
                response = reader.read_response(timeout=1.0)
            except TimeoutError:
                pytest.fail(f"connection {MAX_CONNECTIONS + 1} neither refused nor closed within 1 s")
            if response is not None:
                assert response.status == 503, f"connection {MAX_CONNECTIONS + 1} was served: {response}"
                assert reader.closes_within(1.0), "still open after the 503"
            assert time.monotonic() - started < 1.0
        for index, (sock, reader) in enumerate(held):
            assert send_quietly(sock, request_bytes("GET", "/health/liveliness")), f"held connection {index} was closed"
            response = reader.read_response(timeout=5)
            assert response is not None and response.status == 200, f"held connection {index}: {response}"
        sock, _ = held.pop()
        sock.close()
        deadline = time.monotonic() + 2.0
        while True:
            try:
                response = get_liveliness(port, timeout=1.0)
                if response is not None and response.status == 200:
                    break
            except (OSError, TimeoutError):
                pass
            assert time.monotonic() < deadline, "no connection served again after one of the 64 closed"
            time.sleep(0.05)
    finally:
        for sock, _ in held:
            sock.close()


def raise_own_fd_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < needed:
        pytest.skip(f"cannot raise this process's RLIMIT_NOFILE to {needed}")


def test_flood_of_half_open_connections_is_closed_and_leaves_the_gateway_well(gateway):
    """2,000 connections, each with a half-sent head, against a gateway capped at 64
    connections and 1,024 file descriptors: every one is closed by the gateway within
    client_header_timeout (+ slack) of the last being opened, the gateway's descriptors stay
    under its limit and come back down, it does not spin afterwards (under 0.3 s of CPU in
    1 s of idle), and a new connection is served at once."""
    raise_own_fd_limit(FLOOD + 512)
    pid = gateway.process.popen.pid
    limit = fd_limit(pid)
    assert limit == GATEWAY_NOFILE
    baseline_fds = fd_count(pid)
    most_fds = baseline_fds
    sockets: list[socket.socket] = []
    failed_connects = 0
    try:
        for _ in range(FLOOD // BATCH):
            for _ in range(BATCH):
                try:
                    sock = socket.create_connection(("127.0.0.1", gateway.port), timeout=2.0)
                except OSError:
                    failed_connects += 1
                    break
                send_quietly(sock, PARTIAL_HEAD)
                sockets.append(sock)
            most_fds = max(most_fds, fd_count(pid))
            if failed_connects:
                break
        last_opened = time.monotonic()

        selector = selectors.DefaultSelector()
        for sock in sockets:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        open_count = len(sockets)
        deadline = last_opened + TIMEOUT + SLACK
        while open_count and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.1):
                try:
                    data = key.fileobj.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    selector.unregister(key.fileobj)
                    open_count -= 1
            most_fds = max(most_fds, fd_count(pid))
        selector.close()
        print(f"flood: {len(sockets)} opened, {failed_connects} connects failed, {open_count} still open; "
              f"gateway fds {baseline_fds} before, {most_fds} at most, limit {limit}")
        assert failed_connects == 0, f"{failed_connects} connections could not even be opened"
        assert open_count == 0, (
            f"{open_count} of {len(sockets)} half-open connections still open "
            f"{TIMEOUT + SLACK:.0f}s after the last was opened"
        )
        assert most_fds < limit, f"the gateway reached its descriptor limit ({most_fds} of {limit})"
        # Connections past the cap are accepted and closed at once (a busy event loop may be seen
        # holding a few hundred for an instant); without the cap they would climb to the limit.
        assert most_fds < limit // 2, (
            f"{most_fds} descriptors with max_connections {MAX_CONNECTIONS} (baseline {baseline_fds}, limit {limit})"
        )
    finally:
        for sock in sockets:
            sock.close()

    time.sleep(0.5)  # let the close of our own sockets reach the gateway
    before = cpu_seconds(pid)
    time.sleep(1.0)
    spent = cpu_seconds(pid) - before
    print(f"after the flood: {spent:.3f}s of CPU in 1 s of idle, {fd_count(pid)} fds")
    assert spent < 0.3, f"the gateway used {spent:.2f}s of CPU in 1 s of idle after the flood"
    assert fd_count(pid) <= baseline_fds + 8, f"{fd_count(pid)} fds after the flood, {baseline_fds} before"
    assert_served_at_once(gateway.port)
    with httpx.Client(timeout=10) as client:
        response = client.post(f"{gateway.root}{CHAT}", content=CHAT_BODY, headers=AUTH)
    assert response.status_code == 200, response.text
