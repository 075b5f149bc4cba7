import Logging
import OTel
import ServiceLifecycle
import Synchronization
import SwitchyardCore
import Tracing

/// The gateway's OpenTelemetry trace export, on when `litellm_settings.callbacks` names `otel`.
///
/// swift-otel reads the standard variables (`OTEL_EXPORTER_OTLP_ENDPOINT`,
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `…_PROTOCOL`, `…_HEADERS`, `…_TIMEOUT`,
/// `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER`, `OTEL_BSP_*`).
/// Spans go out in batches from a bounded queue, so a request never waits on the collector;
/// spans a dead or slow collector costs are counted in `switchyard_otel_spans_dropped_total`.
struct TraceExport {
    let tracer: RequestTracer
    /// Exports the batches; runs with the gateway's services and flushes at shutdown.
    let service: any Service

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// The export `config` asks for, or nil when it asks for none (or `OTEL_SDK_DISABLED=true`).
    static func make(config: GatewayConfig, metrics: GatewayMetrics, logger: Logger, environment: [String: String]) throws -> TraceExport? {
        guard config.litellm.otelTraces else { return nil }
        if environment["OTEL_SDK_DISABLED"]?.lowercased() == "true" {
            logger.notice("litellm_settings.callbacks names otel, but OTEL_SDK_DISABLED=true: no traces are exported")
            return nil
        }
        let protocolName = environment["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] ?? environment["OTEL_EXPORTER_OTLP_PROTOCOL"]
        if let protocolName, protocolName != "http/protobuf", protocolName != "http/json" {
            throw SetupError(description: "OTLP protocol '\(protocolName)': traces are exported over OTLP/HTTP (http/protobuf or http/json); point OTEL_EXPORTER_OTLP_ENDPOINT at the collector's HTTP port (4318)")
        }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "switchyard"
        configuration.traces.enabled = true
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        let diagnostics = Logger(label: "switchyard.otel") { _ in ExportDiagnostics(forward: logger, metrics: metrics) }
        configuration.diagnosticLogger = .custom(diagnostics)
        do {
            let backend = try OTel.makeTracingBackend(configuration: configuration)
            keepForLife(backend.factory)
            return TraceExport(tracer: RequestTracer(backend.factory), service: backend.service)
        } catch {
            throw SetupError(description: "OpenTelemetry trace export could not start (OTEL_TRACES_EXPORTER must be otlp or none): \(error)")
        }
    }
}

/// Tracers that are never released. swift-otel's exporter shuts its HTTP client down
/// synchronously when it is released after its service, which traps on an event loop thread;
/// the gateway's last reference can go on one (the server's), so the process keeps them.
private let immortalTracers = Mutex<[any Tracer]>([])

private func keepForLife(_ tracer: any Tracer) {
    immortalTracers.withLock { $0.append(tracer) }
}

/// swift-otel's own log, passed on to the gateway's logger; the spans it reports lost are
/// counted: a batch the collector did not take ("Failed to export batch.", with its
/// `batch_size`) and spans refused by a full queue (`dropped_count`).
struct ExportDiagnostics: LogHandler {
    let forward: Logger
    let metrics: GatewayMetrics
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String, function: String, line: UInt
    ) {
        let all = explicit.map { metadata.merging($0) { $1 } } ?? metadata
        if let lost = Self.droppedSpans(message: message.description, metadata: all), lost > 0 {
            metrics.increment(GatewayMetrics.otelSpansDropped, [:], by: Double(lost))
        }
        guard level >= .warning else { return }
        forward.log(level: level, "otel: \(message)", metadata: all, source: source, file: file, function: function, line: line)
    }

    /// The spans a diagnostic line reports lost, if it reports any.
    static func droppedSpans(message: String, metadata: Logger.Metadata) -> Int? {
        let key = switch message {
        case "Failed to export batch.": "batch_size"
        case let text where text.hasPrefix("Spans were dropped"): "dropped_count"
        default: ""
        }
        guard !key.isEmpty, let value = metadata[key] else { return nil }
        return Int(value.description)
    }
}
