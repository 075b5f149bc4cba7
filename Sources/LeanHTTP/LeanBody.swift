import NIOCore

/// A response body that yields each buffer as it comes off the socket, for Server-Sent Events
/// as much as for plain JSON.
///
/// Consume it once, from one task. Reading is flow-controlled: the socket is read only while
/// little is queued, so a slow consumer slows the server down instead of filling memory.
/// Stopping early (cancelling the reading task, or dropping the iterator or the whole body before
/// the end) closes the connection, since its unread bytes make it unusable for another request.
public struct LeanBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    public typealias Failure = any Error

    /// Closes the connection when the last copy of an unread body is dropped, unless an iterator
    /// took over that duty.
    final class Owner: Sendable {
        let stream: BodyStream

        init(stream: BodyStream) {
            self.stream = stream
        }

        deinit {
            if !self.stream.iteratorCreated {
                self.stream.abandon(reason: CancellationError())
            }
        }
    }

    /// Closes the connection when an iterator is dropped before the end of the body.
    final class IteratorToken: Sendable {
        let stream: BodyStream

        init(stream: BodyStream) {
            self.stream = stream
        }

        deinit {
            self.stream.abandon(reason: CancellationError())
        }
    }

    private let owner: Owner

    init(stream: BodyStream) {
        self.owner = Owner(stream: stream)
    }

    /// Reads the body buffer by buffer.
    public struct AsyncIterator: AsyncIteratorProtocol {
        // The owner is held too so the body is not abandoned by the owner's deinit while iterating.
        private let owner: Owner
        private let token: IteratorToken

        init(owner: Owner) {
            self.owner = owner
            self.token = IteratorToken(stream: owner.stream)
        }

        /// The next buffer as it arrived from the server, or `nil` at the end of the body.
        public mutating func next() async throws -> ByteBuffer? {
            try await self.token.stream.next()
        }

        /// The next buffer, without leaving the caller's actor.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> ByteBuffer? {
            try await self.token.stream.next(isolation: actor)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        self.owner.stream.markIteratorCreated()
        return AsyncIterator(owner: self.owner)
    }

    /// Reads the body into one buffer while it fits in `threshold` bytes; past that, returns
    /// what came so far and an iterator for the rest (which then owns the body).
    public func collect(
        spillingAfter threshold: Int, isolation actor: isolated (any Actor)? = #isolation
    ) async throws -> (ByteBuffer, rest: AsyncIterator?) {
        let stream = self.owner.stream
        stream.markIteratorCreated()
        var collected: ByteBuffer?
        do {
            while let buffer = try await stream.next(isolation: actor) {
                if collected == nil {
                    // The first buffer is kept as is: a body that came in one piece is not copied.
                    collected = buffer
                } else {
                    collected?.writeImmutableBuffer(buffer)
                }
                if let collected, collected.readableBytes > threshold {
                    return (collected, AsyncIterator(owner: self.owner))
                }
            }
        } catch {
            stream.abandon(reason: error)
            throw error
        }
        return (collected ?? ByteBuffer(), nil)
    }

    /// Reads the whole body into one buffer.
    ///
    /// - Throws: ``LeanHTTPError/bodyTooLarge`` as soon as more than `maxBytes` arrived; the
    ///   connection is then closed rather than drained.
    public func collect(upTo maxBytes: Int, isolation actor: isolated (any Actor)? = #isolation) async throws -> ByteBuffer {
        let (collected, rest) = try await collect(spillingAfter: maxBytes, isolation: actor)
        guard rest == nil else {
            self.owner.stream.abandon(reason: LeanHTTPError.bodyTooLarge)
            throw LeanHTTPError.bodyTooLarge
        }
        return collected
    }
}
