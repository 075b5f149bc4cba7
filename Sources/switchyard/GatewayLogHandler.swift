import Foundation
import Logging
import Synchronization
import SwitchyardCore

/// Writes to standard error, as text like `StreamLogHandler` or as one JSON object per line
/// (`json_logs`), and keeps metadata as it is set, merging it only when a message is logged.
///
/// `StreamLogHandler` re-renders all of its metadata each time a key is set; the gateway sets
/// the request id on every request's logger, and almost none of those loggers ever log.
struct GatewayLogHandler: LogHandler {
    enum Format: Sendable {
        case text
        case json
    }

    private var stream: StreamLogHandler
    private let label: String
    private let format: Format
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level, format: Format = .text) {
        stream = StreamLogHandler.standardError(label: label)
        stream.logLevel = level
        self.label = label
        self.format = format
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
        switch format {
        case .text:
            stream.log(event: event)
        case .json:
            let line = JSONLogLine.render(time: Date(), level: event.level, message: event.message.description, label: label, metadata: event.metadata ?? [:])
            Self.writeLine(line)
        }
    }

    private static let writing = Mutex(())

    /// Writes a whole line to standard error under a lock, so concurrent lines never interleave.
    private static func writeLine(_ line: [UInt8]) {
        writing.withLock { _ in
            line.withUnsafeBytes { bytes in
                guard var next = bytes.baseAddress else { return }
                var left = bytes.count
                while left > 0 {
                    let written = write(STDERR_FILENO, next, left)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { return }
                    next += written
                    left -= written
                }
            }
        }
    }
}
