"""A fake of three chat providers that read images and documents inline, written from each
provider's documented wire format, never from the gateway's translators. Every request is
journaled (`FakeUpstream`'s journal) so a test can check the exact bytes a provider received.

- Anthropic Messages, `POST /v1/messages`: image and document blocks take a `source` of type
  `base64` (`media_type`, `data`) or `text`; answers a `message` with one text block.
- Gemini, `POST /v1beta/models/{model}:generateContent`: parts take `inlineData`
  (`mimeType`, `data`); answers one candidate with `usageMetadata`.
- Bedrock Converse, `POST /model/{modelId}/converse`: content blocks take
  `image: {format, source: {bytes}}` and `document: {format, name, source: {bytes}}`, bytes
  base64 in the JSON body; answers `output.message` with `stopReason` and `usage`.

Each answer's text counts what it was given: `saw <n> inline part(s)`.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from media_upstream import FakeUpstream, Received


@dataclass
class InlinePart:
    """One image or document a provider received inline: its kind, media type and bytes."""

    kind: str
    media_type: str
    data: bytes
    name: str | None = None


def anthropic_parts(body: dict) -> list[InlinePart]:
    found = []
    for message in body.get("messages") or []:
        content = message.get("content")
        for block in content if isinstance(content, list) else []:
            if block.get("type") not in ("image", "document"):
                continue
            source = block.get("source") or {}
            if source.get("type") == "base64":
                found.append(InlinePart(block["type"], source["media_type"], base64.b64decode(source["data"], validate=True)))
            elif source.get("type") == "text":
                found.append(InlinePart(block["type"], source["media_type"], source["data"].encode()))
            else:
                raise ValueError(f"source type {source.get('type')!r} is not one this fake reads inline")
    return found


def gemini_parts(body: dict) -> list[InlinePart]:
    found = []
    for content in body.get("contents") or []:
        for part in content.get("parts") or []:
            inline = part.get("inlineData") or part.get("inline_data")
            if inline is not None:
                media_type = inline.get("mimeType") or inline.get("mime_type")
                found.append(InlinePart("inline", media_type, base64.b64decode(inline["data"], validate=True)))
            if "fileData" in part or "file_data" in part:
                raise ValueError("fileData names a file this fake does not hold")
    return found


BEDROCK_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
BEDROCK_DOCUMENT_TYPES = {"pdf": "application/pdf", "txt": "text/plain", "csv": "text/csv", "md": "text/markdown", "html": "text/html"}


def bedrock_parts(body: dict) -> list[InlinePart]:
    found = []
    for message in body.get("messages") or []:
        for block in message.get("content") or []:
            if "image" in block:
                image = block["image"]
                found.append(InlinePart("image", BEDROCK_IMAGE_TYPES[image["format"]], base64.b64decode(image["source"]["bytes"], validate=True)))
            if "document" in block:
                document = block["document"]
                found.append(
                    InlinePart(
                        "document", BEDROCK_DOCUMENT_TYPES[document["format"]], base64.b64decode(document["source"]["bytes"], validate=True),
                        name=document.get("name"),
                    )
                )
    return found


def inline_parts(received: Received) -> list[InlinePart]:
    """The images and documents a journaled request carried inline, in its provider's form."""
    path = received.path.split("?")[0]
    body = received.json()
    if path == "/v1/messages":
        return anthropic_parts(body)
    if path.startswith("/v1beta/models/") and path.endswith(":generateContent"):
        return gemini_parts(body)
    if path.startswith("/model/") and path.endswith("/converse"):
        return bedrock_parts(body)
    raise ValueError(f"not a chat path: {path}")


@dataclass
class FakeContentProviders(FakeUpstream):
    name: str = "content"

    def answer(self, request: Received) -> tuple:
        path = request.path.split("?")[0]
        if request.method != "POST":
            return self.error(404, "Not found", "not_found_error")
        parts = inline_parts(request)
        text = f"saw {len(parts)} inline part(s)"
        if path == "/v1/messages":
            return self.ok({
                "id": f"msg_content{len(self.journal):06d}", "type": "message", "role": "assistant", "model": request.json()["model"],
                "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 4},
            })
        if path.endswith(":generateContent"):
            return self.ok({
                "candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP", "index": 0}],
                "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 4, "totalTokenCount": 14},
                "modelVersion": "gemini-2.5-flash",
            })
        return self.ok({
            "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 10, "outputTokens": 4, "totalTokens": 14},
            "metrics": {"latencyMs": 1},
        })
