import Logging

/// Writes to standard error like `StreamLogHandler`, but keeps metadata as it is set and
/// merges it only when a message is logged.
///
/// `StreamLogHandler` re-renders all of its metadata each time a key is set; the gateway sets
/// the request id on every request's logger, and almost none of those loggers ever log.
struct GatewayLogHandler: LogHandler {
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        stream = StreamLogHandler.standardError(label: label)
        stream.logLevel = level
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.metadata = event.metadata.map { metadata.merging($0) { _, explicit in explicit } } ?? metadata
        stream.log(event: event)
    }
}
