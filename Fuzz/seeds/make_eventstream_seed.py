#!/usr/bin/env python3
"""Writes the AWS event-stream seeds for FuzzEventStream into seeds/eventstream/.

Each message is framed as the AWS event-stream encoding documents it, big-endian:
total length (4) | headers length (4) | prelude CRC-32 (4) | headers | payload | message CRC-32 (4),
a header being name length (1) | name | type (1) | value. The streams are Bedrock
ConverseStream answers (`:message-type`, `:event-type`, `:content-type` headers, JSON payloads).
CRCs come from zlib, independently of the gateway's own CRC32, so a seed that decodes also
shows the two agree. Run it again after changing it; the output is committed.
"""
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "eventstream")


def header(name, type_byte, value=b""):
    encoded = name.encode()
    return bytes([len(encoded)]) + encoded + bytes([type_byte]) + value


def string_header(name, text):
    data = text.encode()
    return header(name, 7, struct.pack(">H", len(data)) + data)


def message(headers, payload):
    head = b"".join(headers)
    total = 12 + len(head) + len(payload) + 4
    prelude = struct.pack(">II", total, len(head))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + head + payload
    return body + struct.pack(">I", zlib.crc32(body))


def event(event_type, fields):
    headers = [
        string_header(":event-type", event_type),
        string_header(":content-type", "application/json"),
        string_header(":message-type", "event"),
    ]
    return message(headers, json.dumps(fields, separators=(",", ":")).encode())


def exception(exception_type, text):
    headers = [
        string_header(":exception-type", exception_type),
        string_header(":content-type", "application/json"),
        string_header(":message-type", "exception"),
    ]
    return message(headers, json.dumps({"message": text}).encode())


def metadata(input_tokens, output_tokens):
    usage = {"inputTokens": input_tokens, "outputTokens": output_tokens, "totalTokens": input_tokens + output_tokens}
    return event("metadata", {"usage": usage, "metrics": {"latencyMs": 412}})


TEXT = [
    event("messageStart", {"p": "abcdefgh", "role": "assistant"}),
    event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "Hello"}, "p": "abc"}),
    event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": ", world."}}),
    event("contentBlockStop", {"contentBlockIndex": 0}),
    event("messageStop", {"stopReason": "end_turn"}),
    metadata(12, 4),
]

TOOL_AND_REASONING = [
    event("messageStart", {"role": "assistant"}),
    event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"reasoningContent": {"text": "The user wants the weather."}}}),
    event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"reasoningContent": {"signature": "c2lnbmF0dXJl"}}}),
    event("contentBlockStop", {"contentBlockIndex": 0}),
    event("contentBlockStart", {"contentBlockIndex": 1, "start": {"toolUse": {"toolUseId": "tooluse_Q1", "name": "get_weather"}}}),
    event("contentBlockDelta", {"contentBlockIndex": 1, "delta": {"toolUse": {"input": "{\"city\": "}}}),
    event("contentBlockDelta", {"contentBlockIndex": 1, "delta": {"toolUse": {"input": "\"Paris\"}"}}}),
    event("contentBlockStop", {"contentBlockIndex": 1}),
    event("messageStop", {"stopReason": "tool_use"}),
    metadata(40, 18),
]

THROTTLED = [
    event("messageStart", {"role": "assistant"}),
    exception("throttlingException", "Too many requests, please wait before trying again."),
]

# Every header value type (0-9) once, on an event type the translator does not know.
ALL_HEADER_TYPES = [
    message(
        [
            header("t", 0),
            header("f", 1),
            header("byte", 2, b"\x7f"),
            header("short", 3, struct.pack(">h", -2)),
            header("int", 4, struct.pack(">i", 65536)),
            header("long", 5, struct.pack(">q", -1)),
            header("bytes", 6, struct.pack(">H", 3) + b"\x00\xff\x10"),
            string_header(":event-type", "futureEvent"),
            header("time", 8, struct.pack(">q", 1700000000000)),
            header("uuid", 9, bytes(range(16))),
            string_header(":message-type", "event"),
        ],
        b"{}",
    ),
]

SEEDS = {
    "converse-stream-text.bin": TEXT,
    "converse-stream-tool-reasoning.bin": TOOL_AND_REASONING,
    "converse-stream-throttled.bin": THROTTLED,
    "header-types.bin": ALL_HEADER_TYPES,
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, messages in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as seed:
            seed.write(b"".join(messages))
