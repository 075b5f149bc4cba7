import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The bytes of a streamed answer as they were written, up to a limit, and whether the
/// writer reached its end.
final class StreamCapture: Sendable {
    private struct State {
        var bytes = ByteBuffer()
        var overflowed = false
        var finished = false
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    func append(_ buffer: ByteBuffer) {
        state.withLock { state in
            guard !state.overflowed else { return }
            guard state.bytes.readableBytes + buffer.readableBytes <= limit else {
                state.overflowed = true
                state.bytes = ByteBuffer()
                return
            }
            var buffer = buffer
            state.bytes.writeBuffer(&buffer)
        }
    }

    func finish() {
        state.withLock { $0.finished = true }
    }

    /// Everything written, once the body finished within the limit; nil otherwise.
    var captured: ByteBuffer? {
        state.withLock { $0.finished && !$0.overflowed ? $0.bytes : nil }
    }
}

/// Passes every buffer on to the client's writer at once and keeps a copy (a reference to
/// the same storage) for the cache: no extra latency for the live client. With no client
/// (`inner` nil) it only keeps the body: a batch line's answer.
struct CapturingBodyWriter: ResponseBodyWriter {
    var inner: (any ResponseBodyWriter)?
    let capture: StreamCapture

    mutating func write(_ buffer: ByteBuffer) async throws {
        try await inner?.write(buffer)
        capture.append(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await inner?.finish(trailingHeaders)
        capture.finish()
    }
}
