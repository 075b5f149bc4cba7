"""A fake OpenAI embeddings upstream whose vectors mean something, for the semantic cache tests.

`POST /v1/embeddings` answers in OpenAI's documented shape
(`{"object": "list", "data": [{"object": "embedding", "index", "embedding"}], "model", "usage"}`,
floats, or base64 of little-endian float32 with `encoding_format: base64`). A text's vector is
the L2-normalised counts of its lower-cased word unigrams and character trigrams, hashed
(FNV-1a) into 512 dimensions: "capital of France?" and "capital of france" are the same
vector, "capital of Germany?" is near but not that near. Every request is journaled.
"""

from __future__ import annotations

import base64
import json
import math
import re
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIMENSIONS = 512


def words(text: str) -> list[str]:
    return [word for word in re.split(r"[\W_]+", text.lower()) if word]


def bucket(feature: str) -> int:
    value = 0xCBF29CE484222325
    for byte in feature.encode():
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value % DIMENSIONS


def vector(text: str) -> list[float]:
    counts = [0.0] * DIMENSIONS
    for word in words(text):
        counts[bucket("w:" + word)] += 1
        padded = f"#{word}#"
        for start in range(len(padded) - 2):
            counts[bucket("c:" + padded[start : start + 3])] += 1
    length = math.sqrt(sum(value * value for value in counts))
    return [value / length for value in counts] if length else counts


def cosine(a: str, b: str) -> float:
    return sum(x * y for x, y in zip(vector(a), vector(b)))


class EmbeddingUpstream:
    """The fake, on a free loopback port, in a thread of this process."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                upstream.requests.append({"path": self.path, "body": body, "authorization": self.headers.get("authorization")})
                if self.path != "/v1/embeddings":
                    return self.answer(404, {"error": {"message": "not found", "type": "invalid_request_error", "param": None, "code": None}})
                texts = body.get("input")
                texts = [texts] if isinstance(texts, str) else texts
                if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
                    return self.answer(400, {"error": {"message": "'input' must be a string or an array of strings", "type": "invalid_request_error", "param": "input", "code": None}})
                data = []
                for index, text in enumerate(texts):
                    values = vector(text)
                    if body.get("encoding_format") == "base64":
                        embedding = base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode()
                    else:
                        embedding = values
                    data.append({"object": "embedding", "index": index, "embedding": embedding})
                tokens = sum(len(words(text)) for text in texts)
                self.answer(200, {"object": "list", "data": data, "model": body.get("model"), "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})

            def answer(self, status: int, payload: dict) -> None:
                encoded = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(encoded)))
                self.end_headers()
                self.wfile.write(encoded)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    @property
    def inputs(self) -> list[str]:
        texts: list[str] = []
        for request in self.requests:
            value = request["body"].get("input")
            texts.extend([value] if isinstance(value, str) else value or [])
        return texts

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
