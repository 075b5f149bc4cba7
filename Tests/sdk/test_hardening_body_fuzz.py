"""A seeded body fuzzer over every proxied route, on every route prefix.

CONTRACT §6: errors are shaped for the surface the client called (OpenAI
`{"error": {"message", "type", "param", "code"}}`, Anthropic `{"type": "error", "error": {...}}`,
Gemini `{"error": {"code", "message", "status"}}`), and the gateway never answers 500 for bad
input: the only 5xx allowed are 502/503/504, in the envelope. Errors inside a stream that has
started are events in the same envelope (STYLE, Streaming). §3: every route is served under
`/v1/`, without the prefix and under `/api/v1/` (Gemini: `/v1beta/`, `/v1/`, `/api/v1beta/`,
`/gemini/v1beta/`).

Each route gets the same kinds of mutation of a valid request (fields deleted, types swapped,
huge numbers, 10,000-deep nesting, invalid UTF-8, truncated JSON, wrong top-level types,
unknown models, stream on and off, empty bodies, ...), drawn from a fixed seed so a failure
replays exactly; the failing request's description is in the assertion message.
"""

from __future__ import annotations

import copy
import json
import random
from urllib.parse import quote
from dataclasses import dataclass, field

import httpx
import pytest

from conftest import shut_down
from hardening import envelope_problem, start_gateway_before, start_mock_provider

MASTER = "sk-fuzz-master"
SEED = 20251206
MUTATIONS_PER_ROUTE = 40
PLACEHOLDER = "\u2063fuzz\u2063"  # replaced by raw bytes after json.dumps

MESSAGES = [{"role": "user", "content": "Hello fuzz"}]
CONTENTS = [{"role": "user", "parts": [{"text": "Hello fuzz"}]}]
OPENAI_PREFIXES = ["/v1", "", "/api/v1"]
GEMINI_PREFIXES = ["/v1beta", "/v1", "/api/v1beta", "/gemini/v1beta"]


@dataclass
class Route:
    name: str
    surface: str  # openai | anthropic | gemini
    path: str  # after the prefix; Gemini paths carry {model}
    base: dict
    models: list[str]
    streams: bool = False  # takes a "stream" field
    always_streams: bool = False  # streamGenerateContent
    prefixes: list[str] = field(default_factory=lambda: OPENAI_PREFIXES)


ROUTES = [
    Route("chat-completions", "openai", "/chat/completions",
          {"model": "gpt-4o", "messages": MESSAGES, "max_tokens": 20, "temperature": 0.5,
           "stream_options": {"include_usage": True}, "user": "fuzz"},
          ["gpt-4o", "claude", "gemini-flash"], streams=True),
    Route("completions", "openai", "/completions",
          {"model": "gpt-4o", "prompt": "Hello fuzz", "max_tokens": 20, "temperature": 0.5},
          ["gpt-4o"], streams=True),
    Route("embeddings", "openai", "/embeddings",
          {"model": "text-embedding-3-small", "input": ["Hello fuzz", "again"], "encoding_format": "float"},
          ["text-embedding-3-small"]),
    Route("messages", "anthropic", "/messages",
          {"model": "claude", "max_tokens": 20, "system": "Be brief.", "messages": MESSAGES,
           "stop_sequences": ["END"], "temperature": 0.5},
          ["claude", "gpt-4o", "gemini-flash"], streams=True),
    Route("messages-count-tokens", "anthropic", "/messages/count_tokens",
          {"model": "claude", "system": "Be brief.", "messages": MESSAGES},
          ["claude", "gpt-4o"]),
    Route("generate-content", "gemini", "/models/{model}:generateContent",
          {"contents": CONTENTS, "systemInstruction": {"parts": [{"text": "Be brief."}]},
           "generationConfig": {"maxOutputTokens": 20, "temperature": 0.5}},
          ["gemini-flash", "gpt-4o", "claude"], prefixes=GEMINI_PREFIXES),
    Route("stream-generate-content", "gemini", "/models/{model}:streamGenerateContent?alt=sse",
          {"contents": CONTENTS, "generationConfig": {"maxOutputTokens": 20}},
          ["gemini-flash", "gpt-4o", "claude"], always_streams=True, prefixes=GEMINI_PREFIXES),
    Route("count-tokens", "gemini", "/models/{model}:countTokens",
          {"contents": CONTENTS}, ["gemini-flash", "gpt-4o"], prefixes=GEMINI_PREFIXES),
    Route("embed-content", "gemini", "/models/{model}:embedContent",
          {"content": {"parts": [{"text": "Hello fuzz"}]}, "taskType": "RETRIEVAL_QUERY"},
          ["text-embedding-3-small"], prefixes=GEMINI_PREFIXES),
    Route("batch-embed-contents", "gemini", "/models/{model}:batchEmbedContents",
          {"requests": [{"model": "models/text-embedding-3-small", "content": {"parts": [{"text": "Hello fuzz"}]}}]},
          ["text-embedding-3-small"], prefixes=GEMINI_PREFIXES),
]


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("fuzz")
    upstream, upstream_port = start_mock_provider(workdir)
    root = f"http://127.0.0.1:{upstream_port}"
    config = f"""\
model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "{root}/v1", api_key: sk-upstream}}
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "{root}", api_key: sk-upstream}}
  - model_name: gemini-flash
    litellm_params: {{model: gemini/gemini-2.5-flash, api_base: "{root}", api_key: sk-upstream}}
  - model_name: text-embedding-3-small
    litellm_params: {{model: openai/text-embedding-3-small, api_base: "{root}/v1", api_key: sk-upstream}}
router_settings:
  allowed_fails: 100000
general_settings:
  master_key: {MASTER}
"""
    gateway = start_gateway_before(upstream, workdir, "fuzz-gateway", config, MASTER)
    yield gateway
    shut_down(gateway.process, [upstream])


# -- mutations --------------------------------------------------------------------------------


def paths_in(value, prefix=()) -> list[tuple]:
    """Every path to a node below the root (dict keys and list indices)."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append(prefix + (key,))
            found.extend(paths_in(child, prefix + (key,)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append(prefix + (index,))
            found.extend(paths_in(child, prefix + (index,)))
    return found


def set_at(document, path, value):
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def delete_at(document, path):
    target = document
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]


def with_raw(document, path, raw: bytes) -> bytes:
    """`document` serialized with the node at `path` replaced by the raw bytes `raw`."""
    document = copy.deepcopy(document)
    set_at(document, path, PLACEHOLDER)
    text = json.dumps(document).encode()
    return text.replace(json.dumps(PLACEHOLDER).encode(), raw, 1)


SWAP_VALUES = [None, True, False, 0, -1, 1.5, "", "x", [], {}, [1, "two", None], {"a": {"b": []}}]
HUGE_NUMBERS = [b"1" + b"0" * 400, b"1e999", b"-1e999", b"9223372036854775808", b"-9223372036854775809",
                b"18446744073709551616", b"1.7976931348623157e308", b"4.9e-324", b"-0", b"0.0000000000000000000001"]
BAD_STRINGS = [b'"\xff\xfe"', b'"\xc3\x28"', b'"\xed\xa0\x80"', b'"\xf8\x88\x80\x80\x80"', b'"\\ud800"',
               b'"\\udc00\\ud800"', b'"\x00"', b'"abc', b'"\\x41"', b'"\\u12"']
WRONG_TOP_LEVEL = [b"[]", b'"a string"', b"42", b"null", b"true", b"[{}]", b"{}", b"{", b"}", b"   "]
DEEP_ARRAY = b"[" * 10_000 + b"]" * 10_000
DEEP_OBJECT = b'{"a":' * 10_000 + b"1" + b"}" * 10_000


@dataclass
class Mutant:
    description: str
    body: bytes
    model: str
    stream: bool


def mutate(route: Route, rng: random.Random, model: str) -> Mutant:
    """One mutated request for `route`: the kind is drawn from `rng`."""
    document = copy.deepcopy(route.base)
    if "model" in document:
        document["model"] = model
    if route.streams and rng.random() < 0.5:
        document["stream"] = True
    stream = route.always_streams or document.get("stream") is True
    paths = paths_in(document)
    kind = rng.choice([
        "delete", "delete", "swap", "swap", "swap", "huge-number", "huge-number", "deep-nesting",
        "bad-string", "bad-string", "truncate", "truncate", "wrong-top-level", "unknown-model",
        "stream-value", "empty", "long-string", "many-items", "duplicate-key", "trailing-garbage",
        "unknown-field", "byte-order-mark",
    ])
    path = rng.choice(paths) if paths else ()
    if kind == "delete" and paths:
        delete_at(document, path)
        return Mutant(f"delete {path}", json.dumps(document).encode(), model, stream)
    if kind == "swap" and paths:
        value = rng.choice(SWAP_VALUES)
        set_at(document, path, copy.deepcopy(value))
        return Mutant(f"set {path} = {value!r}", json.dumps(document).encode(), model, stream)
    if kind == "huge-number" and paths:
        number = rng.choice(HUGE_NUMBERS)
        return Mutant(f"set {path} = {number[:30]!r}", with_raw(document, path, number), model, stream)
    if kind == "deep-nesting":
        deep = rng.choice([DEEP_ARRAY, DEEP_OBJECT])
        where = path if paths and rng.random() < 0.7 else None
        body = with_raw(document, where, deep) if where else deep
        return Mutant(f"10,000-deep {'array' if deep is DEEP_ARRAY else 'object'} at {where or 'the top'}", body, model, stream)
    if kind == "bad-string" and paths:
        raw = rng.choice(BAD_STRINGS)
        return Mutant(f"set {path} = raw {raw!r}", with_raw(document, path, raw), model, stream)
    if kind == "truncate":
        text = json.dumps(document).encode()
        cut = rng.randrange(1, len(text))
        return Mutant(f"truncated at byte {cut} of {len(text)}", text[:cut], model, stream)
    if kind == "wrong-top-level":
        raw = rng.choice(WRONG_TOP_LEVEL)
        return Mutant(f"top level {raw!r}", raw, model, stream)
    if kind == "unknown-model":
        unknown = rng.choice(["no-such-model", "", "gpt-4o ", "models/gpt-4o", "../../etc/passwd", "x" * 5000, "gpt-4o%00"])
        if "model" in document:
            document["model"] = unknown
        return Mutant(f"model {unknown[:40]!r}", json.dumps(document).encode(), unknown, stream)
    if kind == "stream-value":
        value = rng.choice([True, False, "true", 1, None, {"x": 1}])
        document["stream"] = value
        stream = route.always_streams or value is True
        return Mutant(f"stream = {value!r}", json.dumps(document).encode(), model, stream)
    if kind == "empty":
        return Mutant("empty body", b"", model, stream)
    if kind == "long-string" and paths:
        set_at(document, path, "fuzz " * 100_000)
        return Mutant(f"set {path} = 500 KB string", json.dumps(document).encode(), model, stream)
    if kind == "many-items" and paths:
        set_at(document, path, [copy.deepcopy(route.base)] * 2000)
        return Mutant(f"set {path} = 2000-item list", json.dumps(document).encode(), model, stream)
    if kind == "duplicate-key":
        text = json.dumps(document).encode()
        return Mutant("duplicate keys", b'{"model": "no-such-model", "contents": 5, ' + text[1:], model, stream)
    if kind == "trailing-garbage":
        text = json.dumps(document).encode()
        garbage = rng.choice([b"xyz", b"{}", text, b"\x00", b"]"])
        return Mutant(f"trailing {garbage[:10]!r}", text + garbage, model, stream)
    if kind == "unknown-field":
        document[rng.choice(["zzz", "__proto__", "constructor", "$ref"])] = {"nested": [None]}
        return Mutant("unknown fields", json.dumps(document).encode(), model, stream)
    # byte-order-mark, or a kind that needed paths in a document without any
    return Mutant("UTF-8 byte order mark", b"\xef\xbb\xbf" + json.dumps(document).encode(), model, stream)


# -- checks -----------------------------------------------------------------------------------


def url_for(route: Route, prefix: str, model: str) -> str:
    return prefix + route.path.replace("{model}", model)


def send(client: httpx.Client, route: Route, url: str, body: bytes) -> tuple[int, str, bytes]:
    headers = {"Authorization": f"Bearer {MASTER}", "Content-Type": "application/json", "anthropic-version": "2023-06-01"}
    with client.stream("POST", url, content=body, headers=headers) as response:
        return response.status_code, response.headers.get("content-type", ""), response.read()


def stream_error_problems(surface: str, body: bytes) -> list[str]:
    """Error events inside an event stream must carry the surface's envelope."""
    problems = []
    for line in body.split(b"\n"):
        if not line.startswith(b"data:"):
            continue
        data = line[5:].strip()
        if data == b"[DONE]":
            continue
        try:
            event = json.loads(data)
        except ValueError:
            problems.append(f"an SSE data line that is not JSON: {data[:200]!r}")
            continue
        if isinstance(event, dict) and "error" in event:
            problem = envelope_problem(surface, data)
            if problem:
                problems.append(f"in-stream error event: {problem}")
    return problems


def problems_with(route: Route, status: int, content_type: str, body: bytes) -> list[str]:
    if status >= 500 and status not in (502, 503, 504):
        return [f"status {status} for client input: {body[:300]!r}"]
    if status >= 400:
        problem = envelope_problem(route.surface, body)
        return [f"{status}: {problem}"] if problem else []
    if "text/event-stream" in content_type:
        return stream_error_problems(route.surface, body)
    return []


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_valid_request_on_every_prefix_succeeds(gateway, route: Route):
    """The unmutated request is a 200 on every prefix (so the mutants start from a valid one)."""
    with httpx.Client(base_url=gateway.root, timeout=30) as client:
        for prefix in route.prefixes:
            url = url_for(route, prefix, route.models[0])
            status, _, body = send(client, route, url, json.dumps(route.base).encode())
            assert status == 200, f"POST {url}: {status} {body[:300]!r}"


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_mutated_bodies_get_the_surface_envelope_and_no_server_error(gateway, route: Route):
    rng = random.Random(f"{SEED}:{route.name}")
    problems = []
    with httpx.Client(base_url=gateway.root, timeout=30) as client:
        for number in range(MUTATIONS_PER_ROUTE):
            prefix = rng.choice(route.prefixes)
            mutant = mutate(route, rng, rng.choice(route.models))
            url = url_for(route, prefix, quote(mutant.model, safe=""))
            try:
                status, content_type, body = send(client, route, url, mutant.body)
            except httpx.HTTPError as error:
                problems.append(f"#{number} POST {url} [{mutant.description}]: transport error {error!r}")
                continue
            for problem in problems_with(route, status, content_type, body):
                problems.append(f"#{number} POST {url} [{mutant.description}]: {problem}")
    assert not problems, f"{len(problems)} of {MUTATIONS_PER_ROUTE} mutants:\n" + "\n".join(problems)


def test_gateway_is_alive_after_the_fuzzing(gateway):
    response = httpx.get(f"{gateway.root}/health/liveliness", timeout=5)
    assert response.status_code == 200
    assert gateway.process.popen.poll() is None
