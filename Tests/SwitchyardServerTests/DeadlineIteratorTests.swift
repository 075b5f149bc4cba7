import AsyncHTTPClient
import NIOCore
import Testing

@testable import SwitchyardServer

/// The TLS path's body deadlines: each read is raced against the body deadline and the gap.
@Suite struct DeadlineIteratorTests {
    /// Yields its buffers `delay` apart, then waits forever.
    struct SlowIterator: AsyncIteratorProtocol {
        var remaining: Int
        let delay: Duration

        mutating func next() async throws -> ByteBuffer? {
            if remaining <= 0 {
                try await Task.sleep(for: .seconds(3600))
            } else if delay > .zero {
                try await Task.sleep(for: delay)
            }
            remaining -= 1
            return ByteBuffer(string: "x")
        }
    }

    @Test func aGapLongerThanAllowedFailsTheRead() async throws {
        let iterator = DeadlineIterator(SlowIterator(remaining: 2, delay: .zero), deadlines: .stream(gapsOf: 0.5))
        #expect(try await iterator.next() != nil)
        #expect(try await iterator.next() != nil)
        let started = ContinuousClock.now
        await #expect(throws: HTTPClientError.readTimeout) { try await iterator.next() }
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func theBodyDeadlineEndsEvenAReadThatKeepsMoving() async throws {
        // A thousand reads a tenth of a second apart would take 100 s.
        let iterator = DeadlineIterator(SlowIterator(remaining: 1000, delay: .milliseconds(100)), deadlines: .exchange(within: 1))
        let started = ContinuousClock.now
        // No gap bound is set: only the body deadline can end it.
        await #expect(throws: HTTPClientError.readTimeout) {
            while try await iterator.next() != nil {}
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
