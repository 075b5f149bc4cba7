"""A fake OpenTelemetry collector: the OTLP/HTTP trace receiver (`POST /v1/traces`), written from
the OTLP specification and decoded with the official `opentelemetry-proto` messages, never with
the gateway's code. It accepts `application/x-protobuf` and `application/json` bodies, answers
an empty `ExportTraceServiceResponse` in the same encoding, and journals every span it received
(with its resource's attributes and the headers of the export request)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest, ExportTraceServiceResponse
from opentelemetry.proto.common.v1.common_pb2 import AnyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span, Status

from loopback_server import LoopbackServer


def value_of(value: AnyValue):
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [value_of(item) for item in value.array_value.values]
    return getattr(value, kind) if kind else None


@dataclass
class ReceivedSpan:
    trace_id: str  # hex, as in traceparent
    span_id: str
    parent_span_id: str  # "" for a root span
    name: str
    kind: str  # SPAN_KIND_SERVER, SPAN_KIND_CLIENT, ...
    attributes: dict
    status: str  # STATUS_CODE_UNSET, STATUS_CODE_OK, STATUS_CODE_ERROR
    start_ns: int
    end_ns: int
    resource: dict
    content_type: str
    export_headers: dict


class OTLPCollector(LoopbackServer):
    def __init__(self) -> None:
        self.spans: list[ReceivedSpan] = []
        self.exports = 0
        self.changed = threading.Condition()

    def start(self) -> "OTLPCollector":
        collector = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
                if self.path != "/v1/traces":
                    return self.reply(404, b"", "text/plain")
                request = ExportTraceServiceRequest()
                if content_type == "application/x-protobuf":
                    request.ParseFromString(body)
                elif content_type == "application/json":
                    json_format.Parse(body, request)
                else:
                    return self.reply(415, b"", "text/plain")
                headers = {k.lower(): v for k, v in self.headers.items()}
                collector.journal(request, content_type, headers)
                response = ExportTraceServiceResponse()
                if content_type == "application/json":
                    self.reply(200, json_format.MessageToJson(response).encode(), content_type)
                else:
                    self.reply(200, response.SerializeToString(), content_type)

            def reply(self, status: int, data: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.serve(Handler)
        return self

    def journal(self, request: ExportTraceServiceRequest, content_type: str, headers: dict) -> None:
        received = []
        for resource_spans in request.resource_spans:
            resource = {a.key: value_of(a.value) for a in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    received.append(
                        ReceivedSpan(
                            trace_id=span.trace_id.hex(),
                            span_id=span.span_id.hex(),
                            parent_span_id=span.parent_span_id.hex(),
                            name=span.name,
                            kind=Span.SpanKind.Name(span.kind),
                            attributes={a.key: value_of(a.value) for a in span.attributes},
                            status=Status.StatusCode.Name(span.status.code),
                            start_ns=span.start_time_unix_nano,
                            end_ns=span.end_time_unix_nano,
                            resource=resource,
                            content_type=content_type,
                            export_headers=headers,
                        )
                    )
        with self.changed:
            self.exports += 1
            self.spans.extend(received)
            self.changed.notify_all()

    def wait_for(self, predicate, timeout: float = 20.0) -> list[ReceivedSpan]:
        """The spans received so far, once `predicate(spans)` holds; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not predicate(self.spans):
                left = deadline - time.monotonic()
                assert left > 0, f"the collector did not receive the expected spans within {timeout}s; it has {self.spans}"
                self.changed.wait(left)
            return list(self.spans)
