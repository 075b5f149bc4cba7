import NIOCore

/// How long an upstream exchange may take (CONTRACT §11): `timeout` bounds a whole
/// non-streamed exchange, head and body; `stream_timeout` bounds the first byte of a stream
/// and every gap between its events, however long the stream runs.
struct UpstreamDeadlines: Sendable {
    /// When the response head must have arrived (connecting included).
    var head: NIODeadline
    /// When the whole body must have arrived; nil for a stream.
    var body: NIODeadline?
    /// The longest wait for the next body bytes; nil leaves the transport's default.
    var gap: TimeAmount?

    /// A non-streamed exchange, done within `seconds`.
    static func exchange(within seconds: Double) -> UpstreamDeadlines {
        let end = NIODeadline.after(seconds: seconds)
        return UpstreamDeadlines(head: end, body: end, gap: nil)
    }

    /// A stream whose first byte and every later gap take at most `seconds`.
    static func stream(gapsOf seconds: Double) -> UpstreamDeadlines {
        UpstreamDeadlines(head: .after(seconds: seconds), body: nil, gap: .inSeconds(seconds))
    }
}
