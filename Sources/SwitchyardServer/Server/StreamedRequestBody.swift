import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// A request body handed to its route while it is still arriving, with backpressure: when the
/// route falls behind, the connection stops reading the socket until it catches up, so an
/// upload of any size holds a few chunks in memory, never the whole body.
///
/// The connection yields chunks into `source` (on its event loop); the route reads `body`.
/// Demand comes back to the connection through the callbacks, which it hops onto its loop.
struct StreamedRequestBody {
    typealias Producer = NIOThrowingAsyncSequenceProducer<
        ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, Delegate
    >

    /// Passes the route's demand to the connection.
    struct Delegate: NIOAsyncSequenceProducerDelegate {
        let demanded: @Sendable () -> Void
        let terminated: @Sendable () -> Void

        func produceMore() { demanded() }
        func didTerminate() { terminated() }
    }

    /// Tells this body's callbacks from those of an earlier body on the same connection.
    let id: Int
    /// What the route reads.
    let body: RequestBody
    let source: Producer.Source
    /// Bytes passed on so far, and the most the body may have.
    var received = 0
    let limit: Int

    /// - Parameters:
    ///   - firstRead: called once, when the route first asks for the body (the moment to send
    ///     `100 Continue`: a route that refuses the request first never asks).
    ///   - demanded: the route has room again after the body was paused.
    ///   - terminated: the route stopped reading (it finished, or abandoned the body).
    init(
        id: Int, limit: Int, firstRead: @escaping @Sendable () -> Void, demanded: @escaping @Sendable () -> Void,
        terminated: @escaping @Sendable () -> Void
    ) {
        // A few socket reads' worth (NIO reads at most 64 KiB at a time).
        let made = Producer.makeSequence(
            backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8),
            finishOnDeinit: false,
            delegate: Delegate(demanded: demanded, terminated: terminated)
        )
        self.body = RequestBody(asyncSequence: FirstReadSignal(base: made.sequence, firstRead: firstRead))
        self.source = made.source
        self.limit = limit
        self.id = id
    }
}

/// A body sequence that reports the first time it is read.
private struct FirstReadSignal<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let base: Base
    let firstRead: @Sendable () -> Void

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var firstRead: (@Sendable () -> Void)?

        mutating func next() async throws -> ByteBuffer? {
            if let signal = firstRead {
                firstRead = nil
                signal()
            }
            return try await base.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), firstRead: firstRead)
    }
}
