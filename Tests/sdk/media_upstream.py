"""A fake upstream for the media and utility APIs, written from the providers' documented wire
formats (OpenAI's API reference and openai-python's types; Cohere's rerank v1/v2 reference),
never from the gateway's translators. It journals every request it receives (method, path,
headers, raw body), so tests compare what the gateway sent upstream with what the SDK sent.

OpenAI, under `/v1`:
- `POST /images/generations` (JSON), `/images/edits` (multipart with `image` or `image[]` parts,
  or JSON with `images: [{image_url | file_id}]` for GPT image models) and `/images/variations`
  (multipart): one item per `n` (default 1), `b64_json` or `url` (a link
  to `GET /files/<name>.png` on this server); `gpt-image-*` models answer `b64_json` only, with
  token `usage`. Every image is `PNG_BYTES`.
- `POST /audio/speech` (JSON, `model`, `input`, `voice` required): WAV bytes for `wav`, else
  `SPEECH_FILLER_BYTES` bytes of the format's content type (`mp3` by default); with
  `stream_format: "sse"`, the same bytes as `speech.audio.delta` events (base64, two halves)
  and a `speech.audio.done` event with token usage.
- `POST /audio/transcriptions` and `/audio/translations` (multipart, `file` and `model`
  required): the text `transcript_text(name)`; the duration is read from the uploaded WAV
  with `wave`. `json` answers `{"text"}` (plus OpenAI's `usage` of type `duration`, whole
  seconds, when `report_usage`), `verbose_json` adds `duration` (rounded to 2 decimals, so it
  differs from the exact length), `language` and `segments`; `text`, `srt` and `vtt` answer
  text/plain.
- `POST /moderations`: flags inputs containing "kill".
Cohere: `POST /v1/rerank` and `/v2/rerank`: documents scored by their index (the last one
first), `meta.billed_units.search_units` 1.

`FakeUpstream(full_size_images=True)` answers images of the requested size instead (noise, so
they do not compress: a 1024x1024 PNG is about 3 MB, as real ones are), so an answer of a few
images is several megabytes, as OpenAI's are.

`FakeUpstream(fail_status=…)` answers every request with that status in OpenAI's error
envelope (and `retry-after: 1` on a 429).
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import struct
import threading
import wave
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def png(width: int = 2, height: int = 2, rgb: tuple[int, int, int] = (200, 40, 90)) -> bytes:
    """A real, decodable RGB PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


_NOISE_PNGS: dict[tuple[int, int], bytes] = {}


def noise_png(width: int, height: int) -> bytes:
    """A real RGB PNG of random pixels (cached per size): as large as a photo of that size."""
    if (width, height) not in _NOISE_PNGS:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        noise = os.urandom(width * 3 * height)
        rows = b"".join(b"\x00" + noise[row * width * 3 : (row + 1) * width * 3] for row in range(height))
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        _NOISE_PNGS[(width, height)] = (
            b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")
        )
    return _NOISE_PNGS[(width, height)]


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, checking its signature and IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    assert data[12:16] == b"IHDR", data[:32]
    return struct.unpack(">II", data[16:24])


def wav(seconds: float = 0.0, *, frames: int | None = None, rate: int = 16000, frequency: float = 440.0) -> bytes:
    """A mono 16-bit WAV of a sine tone, `frames` samples long (else `seconds` worth)."""
    count = frames if frames is not None else int(round(seconds * rate))
    samples = b"".join(
        struct.pack("<h", int(12000 * math.sin(2 * math.pi * frequency * index / rate))) for index in range(count)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples)
    return buffer.getvalue()


def wav_seconds(data: bytes) -> float:
    with wave.open(io.BytesIO(data), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


PNG_BYTES = png()
SPEECH_FILLER_BYTES = 4096
SPEECH_CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/opus",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
MODERATION_CATEGORIES = [
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
]


def transcript_text(name: str) -> str:
    return f"Transcribed by {name}."


# -- multipart ------------------------------------------------------------------------------


@dataclass
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def boundary_of(content_type: str) -> str:
    for piece in content_type.split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.lower() == "boundary":
            return value.strip('"')
    raise ValueError(f"no boundary in {content_type!r}")


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    """RFC 7578 form-data, byte-exact (no line-ending normalisation)."""
    delimiter = b"--" + boundary_of(content_type).encode()
    sections = body.split(delimiter)
    if len(sections) < 3 or not sections[-1].startswith(b"--"):
        raise ValueError("multipart body without a closing delimiter")
    parts = []
    for section in sections[1:-1]:
        if not section.startswith(b"\r\n") or not section.endswith(b"\r\n"):
            raise ValueError("multipart part not framed by CRLF")
        head, separator, data = section[2:-2].partition(b"\r\n\r\n")
        if not separator:
            raise ValueError("multipart part without a blank line after its headers")
        headers = {}
        for line in head.decode("utf-8").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        params = {}
        for piece in disposition.split(";")[1:]:
            key, _, value = piece.strip().partition("=")
            params[key.lower()] = value.strip('"')
        parts.append(Part(params.get("name", ""), params.get("filename"), headers.get("content-type"), data))
    return parts


# -- the server -----------------------------------------------------------------------------


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    def form(self) -> list[Part]:
        return parse_multipart(self.body, self.headers["content-type"])

    def field(self, name: str) -> str | None:
        for part in self.form():
            if part.name == name and part.filename is None:
                return part.data.decode()
        return None

    def files(self, *names: str) -> list[Part]:
        return [part for part in self.form() if part.name in names and part.filename is not None]


@dataclass
class FakeUpstream:
    """One fake provider on a free loopback port; `start()` before use, `stop()` after."""

    name: str
    fail_status: int | None = None
    report_usage: bool = True
    full_size_images: bool = False
    journal: list[Received] = field(default_factory=list)

    def start(self) -> "FakeUpstream":
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self.handle_request()

            def do_POST(self) -> None:
                self.handle_request()

            def read_body(self) -> bytes:
                if self.headers.get("transfer-encoding", "").lower() == "chunked":
                    body = b""
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass
                            return body
                        body += self.rfile.read(size)
                        self.rfile.readline()
                return self.rfile.read(int(self.headers.get("content-length") or 0))

            def handle_request(self) -> None:
                body = self.read_body()
                received = Received(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with upstream.lock:
                    upstream.journal.append(received)
                try:
                    status, content_type, payload, extra = upstream.answer(received)
                except Exception as error:  # noqa: BLE001 - a malformed request is a 400, as upstream
                    status, content_type, payload, extra = upstream.error(400, f"{type(error).__name__}: {error}", "invalid_request_error")
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(payload)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name=f"fake-{self.name}", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root}/v1"

    def received(self, path: str | None = None) -> list[Received]:
        with self.lock:
            return [entry for entry in self.journal if path is None or entry.path.split("?")[0] == path]

    def clear(self) -> None:
        with self.lock:
            self.journal.clear()

    # -- answers --

    @staticmethod
    def error(status: int, message: str, kind: str, code: str | None = None) -> tuple:
        body = json.dumps({"error": {"message": message, "type": kind, "param": None, "code": code}}).encode()
        return status, "application/json", body, ({"retry-after": "1"} if status == 429 else {})

    @staticmethod
    def ok(payload: dict) -> tuple:
        return 200, "application/json", json.dumps(payload).encode(), {}

    @staticmethod
    def text(payload: str) -> tuple:
        return 200, "text/plain; charset=utf-8", payload.encode(), {}

    def answer(self, request: Received) -> tuple:
        path = request.path.split("?")[0]
        if request.method == "GET" and path.startswith("/files/") and path.endswith(".png"):
            return 200, "image/png", PNG_BYTES, {}
        if self.fail_status is not None:
            kinds = {429: "rate_limit_exceeded", 500: "server_error", 503: "server_error"}
            return self.error(self.fail_status, f"{self.name} is failing on purpose", kinds.get(self.fail_status, "server_error"))
        if not request.headers.get("authorization", "").startswith("Bearer "):
            return self.error(401, "You didn't provide an API key.", "invalid_request_error", "invalid_api_key")
        routes = {
            "/v1/images/generations": lambda: self.images(request.json(), inputs=None),
            "/v1/images/edits": lambda: self.image_edit(request),
            "/v1/images/variations": lambda: self.image_variation(request),
            "/v1/audio/speech": lambda: self.speech(request.json()),
            "/v1/audio/transcriptions": lambda: self.transcription(request, translate=False),
            "/v1/audio/translations": lambda: self.transcription(request, translate=True),
            "/v1/moderations": lambda: self.moderation(request.json()),
            "/v1/rerank": lambda: self.rerank(request.json(), version=1),
            "/v2/rerank": lambda: self.rerank(request.json(), version=2),
        }
        route = routes.get(path) if request.method == "POST" else None
        if route is None:
            return self.error(404, f"Invalid URL ({request.method} {path})", "invalid_request_error", "unknown_url")
        return route()

    def images(self, params: dict, inputs: int | None) -> tuple:
        if inputs is None and not params.get("prompt"):
            return self.error(400, "Missing required parameter: 'prompt'.", "invalid_request_error")
        model = params.get("model") or "dall-e-2"
        count = int(params.get("n") or 1)
        gpt_image = model.startswith("gpt-image")
        url = params.get("response_format") == "url" and not gpt_image
        picture = PNG_BYTES
        if self.full_size_images:
            width, _, height = str(params.get("size") or "1024x1024").partition("x")
            picture = noise_png(int(width), int(height))
        encoded = base64.b64encode(picture).decode()
        data = [{"url": f"{self.root}/files/img-{index}.png"} if url else {"b64_json": encoded} for index in range(count)]
        payload: dict = {"created": 1733443200, "data": data}
        if gpt_image:
            payload["usage"] = {
                "input_tokens": 50 + 65 * (inputs or 0),
                "input_tokens_details": {"image_tokens": 65 * (inputs or 0), "text_tokens": 50},
                "output_tokens": 272 * count,
                "total_tokens": 50 + 65 * (inputs or 0) + 272 * count,
            }
        return self.ok(payload)

    def form_params(self, request: Received) -> dict:
        return {part.name: part.data.decode() for part in request.form() if part.filename is None}

    def image_edit(self, request: Received) -> tuple:
        if request.headers.get("content-type", "").startswith("application/json"):
            params = request.json()
            references = params.get("images") or []
            if not references or not all(isinstance(item, dict) and (item.get("image_url") or item.get("file_id")) for item in references):
                return self.error(400, "'images' must be a non-empty array of {image_url} or {file_id}.", "invalid_request_error")
            if not str(params.get("model") or "").startswith("gpt-image"):
                return self.error(400, "JSON image edits support GPT image models only.", "invalid_request_error")
            if not params.get("prompt"):
                return self.error(400, "Missing required parameter: 'prompt'.", "invalid_request_error")
            return self.images(params, inputs=len(references))
        images = request.files("image", "image[]")
        if not images:
            return self.error(400, "Missing required parameter: 'image'.", "invalid_request_error")
        params = self.form_params(request)
        if not params.get("prompt"):
            return self.error(400, "Missing required parameter: 'prompt'.", "invalid_request_error")
        return self.images(params, inputs=len(images))

    def image_variation(self, request: Received) -> tuple:
        if len(request.files("image")) != 1:
            return self.error(400, "Missing required parameter: 'image'.", "invalid_request_error")
        return self.images(self.form_params(request), inputs=1)

    def speech(self, params: dict) -> tuple:
        for name in ("model", "input", "voice"):
            if not params.get(name):
                return self.error(400, f"Missing required parameter: '{name}'.", "invalid_request_error")
        response_format = params.get("response_format") or "mp3"
        if response_format not in SPEECH_CONTENT_TYPES:
            return self.error(400, f"Invalid value: '{response_format}'.", "invalid_request_error")
        audio = wav(len(params["input"]) * 0.05) if response_format == "wav" else b"\xff\xf3" * (SPEECH_FILLER_BYTES // 2)
        if params.get("stream_format") == "sse":
            # OpenAI's speech events: the audio in base64 deltas, then `speech.audio.done` with usage
            half = len(audio) // 2
            events = [{"type": "speech.audio.delta", "audio": base64.b64encode(piece).decode()} for piece in (audio[:half], audio[half:])]
            words = len(params["input"].split())
            events.append({"type": "speech.audio.done", "usage": {"input_tokens": words, "output_tokens": 100, "total_tokens": words + 100}})
            stream = "".join(f"data: {json.dumps(event)}\n\n" for event in events)
            return 200, "text/event-stream", stream.encode(), {}
        return 200, SPEECH_CONTENT_TYPES[response_format], audio, {}

    def transcription(self, request: Received, translate: bool) -> tuple:
        files = request.files("file")
        params = self.form_params(request)
        if len(files) != 1:
            return self.error(400, "Missing required parameter: 'file'.", "invalid_request_error")
        if not params.get("model"):
            return self.error(400, "Missing required parameter: 'model'.", "invalid_request_error")
        seconds = wav_seconds(files[0].data)
        text = transcript_text(self.name)
        response_format = params.get("response_format") or "json"
        end = f"{int(seconds // 3600):02}:{int(seconds // 60 % 60):02}:{int(seconds % 60):02}"
        millis = f"{int(round(seconds * 1000)) % 1000:03}"
        usage = {"usage": {"type": "duration", "seconds": math.ceil(seconds)}} if self.report_usage and not translate else {}
        if response_format == "json":
            return self.ok({"text": text, **usage})
        if response_format == "text":
            return self.text(text + "\n")
        if response_format == "srt":
            return self.text(f"1\n00:00:00,000 --> {end},{millis}\n{text}\n\n")
        if response_format == "vtt":
            return self.text(f"WEBVTT\n\n00:00:00.000 --> {end}.{millis}\n{text}\n\n")
        if response_format == "verbose_json":
            segment = {
                "id": 0, "seek": 0, "start": 0.0, "end": round(seconds, 2), "text": " " + text, "tokens": [50364, 2425],
                "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.1, "no_speech_prob": 0.01,
            }
            task = "translate" if translate else "transcribe"
            return self.ok({"task": task, "language": "english", "duration": round(seconds, 2), "text": text, "segments": [segment], **usage})
        return self.error(400, f"Invalid value: '{response_format}'.", "invalid_request_error")

    def moderation(self, params: dict) -> tuple:
        inputs = params.get("input")
        if isinstance(inputs, str):
            inputs = [inputs]
        if not inputs:
            return self.error(400, "Missing required parameter: 'input'.", "invalid_request_error")
        results = []
        for text in inputs:
            violent = "kill" in text.lower()
            results.append({
                "flagged": violent,
                "categories": {name: violent and name == "violence" for name in MODERATION_CATEGORIES},
                "category_scores": {name: 0.9 if violent and name == "violence" else 0.0001 for name in MODERATION_CATEGORIES},
                "category_applied_input_types": {name: ["text"] for name in MODERATION_CATEGORIES},
            })
        return self.ok({"id": "modr-fake-1", "model": params.get("model") or "omni-moderation-latest", "results": results})

    def rerank(self, params: dict, version: int) -> tuple:
        documents = params.get("documents") or []
        if not params.get("query") or not documents:
            return self.error(400, "invalid request: query and documents are required", "invalid_request_error")
        count = len(documents)
        ranked = [{"index": index, "relevance_score": round((index + 1) / (count + 1), 6)} for index in reversed(range(count))]
        if params.get("top_n"):
            ranked = ranked[: int(params["top_n"])]
        return self.ok({
            "id": "rerank-fake-1",
            "results": ranked,
            "meta": {"api_version": {"version": str(version)}, "billed_units": {"search_units": 1}},
        })
