import HTTPTypes
import Tracing

/// Reads W3C trace context (`traceparent`, `tracestate`) from a client's request headers.
struct HTTPFieldsExtractor: Extractor {
    func extract(key: String, from carrier: HTTPFields) -> String? {
        HTTPField.Name(key).flatMap { carrier[$0] }
    }
}

/// Collects the trace context headers to send upstream.
struct TraceHeadersInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [(name: String, value: String)]) {
        carrier.append((key, value))
    }
}

/// The trace context headers of the upstream attempt running in this task, added to what
/// `UpstreamTransport` sends; empty when tracing is off.
enum UpstreamTraceHeaders {
    @TaskLocal static var current: [(name: String, value: String)] = []
}
