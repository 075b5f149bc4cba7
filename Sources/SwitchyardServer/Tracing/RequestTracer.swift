import HTTPTypes
import SwitchyardCore
import Tracing

/// Starts each request's span when OpenTelemetry export is on (`litellm_settings.callbacks:
/// ["otel"]`); the gateway has none when it is off, and then no request pays for tracing.
final class RequestTracer: Sendable {
    private let tracer: any Tracer

    init(_ tracer: any Tracer) {
        self.tracer = tracer
    }

    /// The server span of one request to `model`, a child of the client's span when its
    /// headers carry W3C trace context (`traceparent`).
    func startRequest(_ operation: GatewayOperation, model: String, clientHeaders: HTTPFields, requestID: String) -> RequestTrace {
        var parent = InstrumentationContext.topLevel
        tracer.extract(clientHeaders, into: &parent, using: HTTPFieldsExtractor())
        let name = GenAIConventions.operationName(operation)
        let span = tracer.startSpan("\(name) \(model)", context: parent, ofKind: .server)
        // One update per span: each `attributes[…] =` would copy the whole set.
        span.updateAttributes { attributes in
            attributes["gen_ai.operation.name"] = name
            attributes["gen_ai.request.model"] = model
            attributes["switchyard.route"] = operation.name
            attributes["switchyard.request_id"] = requestID
        }
        return RequestTrace(tracer: tracer, span: span, operationName: name)
    }
}
