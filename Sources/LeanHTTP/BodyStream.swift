import NIOConcurrencyHelpers
import NIOCore

/// The hand-off of one response body between the event loop (producer) and the task reading it.
///
/// Buffers that already arrived are taken under a lock without any event-loop hop, so a small
/// response that came in one read costs no extra context switch. The event loop only reads more
/// from the socket while fewer than `highWatermark` buffers wait here; when the consumer drains
/// the queue below `lowWatermark` it asks the loop to read again.
final class BodyStream: Sendable {
    static let highWatermark = 8
    static let lowWatermark = 2

    private enum End {
        case open
        case finished
        case failed(any Error)
        /// The error (or the consumer's departure) was already reported; later reads see the end.
        case delivered
    }

    private struct State {
        // A single-slot head avoids allocating a queue for the common one-buffer body.
        var first: ByteBuffer?
        var rest: [ByteBuffer] = []
        var restStart = 0
        var count = 0
        var end: End = .open
        var waiter: UnsafeContinuation<ByteBuffer?, any Error>?
        var readPaused = false
        var iteratorCreated = false

        mutating func push(_ buffer: ByteBuffer) {
            if self.count == 0 {
                self.first = buffer
            } else {
                self.rest.append(buffer)
            }
            self.count += 1
        }

        mutating func pop() -> ByteBuffer? {
            guard let buffer = self.first else { return nil }
            self.count -= 1
            if self.restStart < self.rest.count {
                self.first = self.rest[self.restStart]
                self.restStart += 1
                if self.restStart == self.rest.count {
                    self.rest.removeAll(keepingCapacity: true)
                    self.restStart = 0
                }
            } else {
                self.first = nil
            }
            return buffer
        }

        /// What a read sees once the queue is empty; `nil` while the body is still open.
        mutating func terminal() -> Step? {
            switch self.end {
            case .open:
                return nil
            case .finished, .delivered:
                return .end
            case .failed(let error):
                self.end = .delivered
                return .error(error)
            }
        }
    }

    private enum Step {
        case buffer(ByteBuffer, resumeReading: Bool)
        case end
        case error(any Error)
        case wait(resumeReading: Bool)
    }

    // NIOLockedValueBox, not Synchronization.Mutex, for the reasons given in PoolCore.
    private let state = NIOLockedValueBox(State())
    private let connection: LeanConnection

    init(connection: LeanConnection) {
        self.connection = connection
    }

    // MARK: Consumer side (any thread)

    func next(isolation actor: isolated (any Actor)? = #isolation) async throws -> ByteBuffer? {
        let step = self.state.withLockedValue { state -> Step in
            if let buffer = state.pop() {
                return .buffer(buffer, resumeReading: Self.shouldResume(&state))
            }
            return state.terminal() ?? .wait(resumeReading: false)
        }
        switch step {
        case .buffer(let buffer, let resumeReading):
            if resumeReading { self.connection.resumeReading(self) }
            return buffer
        case .end:
            return nil
        case .error(let error):
            throw error
        case .wait:
            return try await self.waitForBuffer()
        }
    }

    private func waitForBuffer(isolation actor: isolated (any Actor)? = #isolation) async throws -> ByteBuffer? {
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<ByteBuffer?, any Error>) in
                let step = self.state.withLockedValue { state -> Step in
                    // Something may have arrived, or the task been cancelled, since the first look.
                    if let buffer = state.pop() {
                        return .buffer(buffer, resumeReading: Self.shouldResume(&state))
                    }
                    if let terminal = state.terminal() { return terminal }
                    state.waiter = continuation
                    let resume = state.readPaused
                    state.readPaused = false
                    return .wait(resumeReading: resume)
                }
                switch step {
                case .buffer(let buffer, let resumeReading):
                    if resumeReading { self.connection.resumeReading(self) }
                    continuation.resume(returning: buffer)
                case .end:
                    continuation.resume(returning: nil)
                case .error(let error):
                    continuation.resume(throwing: error)
                case .wait(let resumeReading):
                    if resumeReading { self.connection.resumeReading(self) }
                }
            }
        } onCancel: {
            self.abandon(reason: CancellationError())
        }
    }

    private static func shouldResume(_ state: inout State) -> Bool {
        guard state.readPaused, state.count <= Self.lowWatermark else { return false }
        state.readPaused = false
        return true
    }

    func markIteratorCreated() {
        self.state.withLockedValue { $0.iteratorCreated = true }
    }

    var iteratorCreated: Bool {
        self.state.withLockedValue { $0.iteratorCreated }
    }

    /// The consumer will not read to the end (cancelled, dropped, or over a size limit): wake a
    /// waiting read with `reason` and close the connection, whose unread bytes make it unusable.
    func abandon(reason: any Error) {
        let (waiter, wasOpen) = self.state.withLockedValue { state -> (UnsafeContinuation<ByteBuffer?, any Error>?, Bool) in
            guard case .open = state.end else { return (nil, false) }
            let waiter = state.waiter
            state.waiter = nil
            state.end = waiter == nil ? .failed(reason) : .delivered
            state.first = nil
            state.rest = []
            state.restStart = 0
            state.count = 0
            return (waiter, true)
        }
        waiter?.resume(throwing: reason)
        if wasOpen { self.connection.abandon(self) }
    }

    // MARK: Producer side (the connection's event loop)

    func yield(_ buffer: ByteBuffer) {
        let waiter = self.state.withLockedValue { state -> UnsafeContinuation<ByteBuffer?, any Error>? in
            guard case .open = state.end else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.push(buffer)
            return nil
        }
        waiter?.resume(returning: buffer)
    }

    func finish() {
        let waiter = self.state.withLockedValue { state -> UnsafeContinuation<ByteBuffer?, any Error>? in
            guard case .open = state.end else { return nil }
            state.end = .finished
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: nil)
    }

    func fail(_ error: any Error) {
        let waiter = self.state.withLockedValue { state -> UnsafeContinuation<ByteBuffer?, any Error>? in
            guard case .open = state.end else { return nil }
            let waiter = state.waiter
            state.waiter = nil
            state.end = waiter == nil ? .failed(error) : .delivered
            return waiter
        }
        waiter?.resume(throwing: error)
    }

    /// Asked before each socket read: keep reading unless enough is queued for the consumer.
    func shouldReadMore() -> Bool {
        self.state.withLockedValue { state in
            guard case .open = state.end else { return false }
            if state.count >= Self.highWatermark {
                state.readPaused = true
                return false
            }
            return true
        }
    }

    /// While reading is paused the consumer is the slow side, so the read timeout does not run.
    var isReadPaused: Bool {
        self.state.withLockedValue { $0.readPaused }
    }
}
