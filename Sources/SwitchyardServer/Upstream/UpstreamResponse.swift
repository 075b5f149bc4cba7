import AsyncHTTPClient
import LeanHTTP
import NIOCore

/// A provider's answer: status, headers, and a body that arrives chunk by chunk.
struct UpstreamResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: UpstreamBody

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// The body of an upstream response: a live HTTP body, or buffers made in-process.
struct UpstreamBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    enum Source: Sendable {
        /// AsyncHTTPClient's body, which its own deadline no longer covers once the head is in:
        /// each read is raced against the deadlines here.
        case http(HTTPClientResponse.Body, UpstreamDeadlines)
        case lean(LeanBody)
        case buffers([ByteBuffer])
    }

    let source: Source

    struct AsyncIterator: AsyncIteratorProtocol {
        var http: DeadlineIterator<HTTPClientResponse.Body.AsyncIterator>?
        var lean: LeanBody.AsyncIterator?
        var buffers: IndexingIterator<[ByteBuffer]>?

        mutating func next() async throws -> ByteBuffer? {
            if lean != nil { return try await lean!.next() }
            if let http { return try await http.next() }
            return buffers?.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .http(let body, let deadlines): AsyncIterator(http: DeadlineIterator(body.makeAsyncIterator(), deadlines: deadlines))
        case .lean(let body): AsyncIterator(lean: body.makeAsyncIterator())
        case .buffers(let buffers): AsyncIterator(buffers: buffers.makeIterator())
        }
    }

    /// Collects the body while it fits in `threshold` bytes; a larger one comes back as its
    /// first part and the rest still to read, so it can be passed on without being held whole.
    func collect(spillingAfter threshold: Int) async throws -> (ByteBuffer, rest: IteratorBox<AsyncIterator>?) {
        if case .lean(let body) = source {
            // The common, small answer costs no iterator at all.
            let (collected, rest) = try await body.collect(spillingAfter: threshold)
            return (collected, rest.map { IteratorBox(AsyncIterator(lean: $0)) })
        }
        var iterator = makeAsyncIterator()
        var collected: ByteBuffer?
        while let chunk = try await iterator.next() {
            if collected == nil {
                // The first buffer is kept as is: a body that came in one piece is not copied.
                collected = chunk
            } else {
                collected?.writeImmutableBuffer(chunk)
            }
            if let collected, collected.readableBytes > threshold { return (collected, IteratorBox(iterator)) }
        }
        return (collected ?? ByteBuffer(), nil)
    }

    /// Collects the whole body, refusing more than `limit` bytes.
    func collect(upTo limit: Int) async throws -> ByteBuffer {
        switch source {
        case .http:
            let (body, rest) = try await collect(spillingAfter: limit)
            guard rest == nil else { throw NIOTooManyBytesError(maxBytes: limit) }
            return body
        case .lean(let body):
            return try await body.collect(upTo: limit)
        case .buffers(let buffers):
            var out = ByteBuffer()
            for var buffer in buffers { out.writeBuffer(&buffer) }
            return out
        }
    }
}

/// Reads an iterator within a body deadline and a longest gap between reads, racing each read
/// against a timer (one task group per read: only the TLS path, whose client has no per-request
/// read deadline, pays for it).
final class DeadlineIterator<Base: AsyncIteratorProtocol>: @unchecked Sendable where Base.Element == ByteBuffer {
    private var base: Base
    private let deadlines: UpstreamDeadlines

    init(_ base: Base, deadlines: UpstreamDeadlines) {
        self.base = base
        self.deadlines = deadlines
    }

    func next() async throws -> ByteBuffer? {
        var due = deadlines.body
        if let gap = deadlines.gap { due = min(due ?? .distantFuture, .now() + gap) }
        guard let due else { return try await base.next() }
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await self.base.next() }
            group.addTask {
                try await Task.sleep(for: .nanoseconds(max(0, (due - .now()).nanoseconds)))
                throw HTTPClientError.readTimeout
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
