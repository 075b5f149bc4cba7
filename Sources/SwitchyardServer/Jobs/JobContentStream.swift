import NIOCore

/// A downloaded body as it arrives: the part the exchange already read, then the rest from the
/// upstream, so content goes to the blob store without being held whole.
struct JobContentStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let first: ByteBuffer
    let rest: IteratorBox<UpstreamBody.AsyncIterator>?

    struct AsyncIterator: AsyncIteratorProtocol {
        var first: ByteBuffer?
        let rest: IteratorBox<UpstreamBody.AsyncIterator>?

        mutating func next() async throws -> ByteBuffer? {
            if let buffer = first {
                first = nil
                if buffer.readableBytes > 0 { return buffer }
            }
            return try await rest?.iterator.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(first: first, rest: rest)
    }
}
