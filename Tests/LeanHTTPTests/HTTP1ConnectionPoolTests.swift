#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import Testing

@testable import LeanHTTP

/// End-to-end tests of ``HTTP1ConnectionPool`` against ``TestHTTPServer`` on loopback; no mocks.
@Suite(.timeLimit(.minutes(1)))
struct HTTP1ConnectionPoolTests {
    @Test func postRoundTripEchoesBodyAndSendsOnlyExpectedHeaders() async throws {
        try await withFixture { server, pool in
            let payload = String(repeating: "a", count: 487)
            let request = LeanRequest(
                method: "POST",
                url: server.baseURL + "/echo",
                headers: [("content-type", "application/json"), ("x-custom", "1")],
                body: ByteBuffer(string: payload)
            )
            let response = try await pool.execute(request, deadline: soon())
            #expect(response.status == 200)
            #expect(response.header("X-Method") == "POST")
            #expect(response.header("x-host") == "127.0.0.1:\(server.port)")
            #expect(response.header("x-content-length") == "487")
            #expect(response.header("x-transfer-encoding") == "")
            // content-type, x-custom, plus the Host and Content-Length the client adds; nothing else.
            #expect(response.header("x-header-count") == "4")
            let body = try await response.body.collect(upTo: 1 << 20)
            #expect(String(buffer: body) == payload)
        }
    }

    @Test func largeRequestBodyIsSentInFull() async throws {
        try await withFixture { server, pool in
            let payload = String(repeating: "b", count: 300_000)
            let request = LeanRequest(method: "PUT", url: server.baseURL + "/echo", body: ByteBuffer(string: payload))
            let response = try await pool.execute(request, deadline: soon())
            #expect(response.header("x-content-length") == "300000")
            let body = try await response.body.collect(upTo: 1 << 20)
            #expect(body.readableBytes == 300_000)
            #expect(String(buffer: body) == payload)
        }
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await withFixture { server, pool in
            for _ in 0..<100 {
                let response = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
                let body = try await response.body.collect(upTo: 100)
                #expect(String(buffer: body) == "hello")
            }
            #expect(server.accepted == 1)
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 1)
        }
    }

    @Test func concurrentRequestsAllSucceedAndConnectionsAreReusedAfterwards() async throws {
        try await withFixture { server, pool in
            func round() async throws -> Int {
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<50 {
                        group.addTask {
                            let request = LeanRequest(
                                method: "POST",
                                url: server.baseURL + "/echo",
                                body: ByteBuffer(string: "request-\(index)")
                            )
                            let response = try await pool.execute(request, deadline: soon())
                            let body = try await response.body.collect(upTo: 1024)
                            return response.status == 200 && String(buffer: body) == "request-\(index)"
                        }
                    }
                    var succeeded = 0
                    for try await ok in group where ok { succeeded += 1 }
                    return succeeded
                }
            }
            let firstRound = try await round()
            #expect(firstRound == 50)
            let afterFirstRound = server.accepted
            #expect(afterFirstRound >= 1 && afterFirstRound <= 50)
            // A connection goes back to its stack just after its body ends; wait for all of them.
            #expect(await eventually { pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == afterFirstRound })
            let secondRound = try await round()
            #expect(secondRound == 50)
            // Every connection of the first round was idle again, so the second round opened none.
            #expect(server.accepted == afterFirstRound)
        }
    }

    @Test func streamedChunksArriveOneByOneBeforeTheNextIsSent() async throws {
        try await withFixture { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/stream?n=5"), deadline: soon())
            #expect(response.header("content-type") == "text/event-stream")
            var iterator = response.body.makeAsyncIterator()
            for index in 0..<5 {
                let chunk = try await iterator.next()
                #expect(chunk.map { String(buffer: $0) } == "data: \(index)\n\n")
                // The server is holding chunk index+1 back until the gate opens.
                #expect(server.streamChunksSent.load(ordering: .relaxed) == index + 1)
                server.gate.open(index)
            }
            #expect(try await iterator.next() == nil)
            let next = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            #expect(String(buffer: try await next.body.collect(upTo: 100)) == "hello")
            #expect(server.accepted == 1)
        }
    }

    @Test func chunksSentInOneWriteAreYieldedSeparately() async throws {
        try await withFixture { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/chunked-burst"), deadline: soon())
            var chunks: [String] = []
            for try await chunk in response.body { chunks.append(String(buffer: chunk)) }
            #expect(chunks == ["one", "two", "three"])
            let next = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            _ = try await next.body.collect(upTo: 100)
            #expect(server.accepted == 1)
        }
    }

    @Test func idleConnectionClosedByServerIsRemovedFromPool() async throws {
        try await withFixture { server, pool in
            let first = try await pool.execute(LeanRequest(url: server.baseURL + "/close-idle-later"), deadline: soon())
            #expect(String(buffer: try await first.body.collect(upTo: 100)) == "ok")
            #expect(await eventually { pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 0 })
            let second = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            #expect(String(buffer: try await second.body.collect(upTo: 100)) == "hello")
            #expect(server.accepted == 2)
        }
    }

    @Test func reusedConnectionClosedBeforeAnswerIsRetriedOnceOnANewConnection() async throws {
        try await withFixture { server, pool in
            let url = server.baseURL + "/drop-second"
            let first = try await pool.execute(LeanRequest(method: "POST", url: url), deadline: soon())
            #expect(String(buffer: try await first.body.collect(upTo: 100)) == "first")
            // Goes out on the pooled connection, which the server closes without answering.
            let second = try await pool.execute(LeanRequest(method: "POST", url: url), deadline: soon())
            #expect(String(buffer: try await second.body.collect(upTo: 100)) == "first")
            #expect(server.accepted == 2)
        }
    }

    @Test func noRetryAfterResponseBytesArrived() async throws {
        try await withFixture { server, pool in
            let url = server.baseURL + "/partial-second"
            let first = try await pool.execute(LeanRequest(url: url), deadline: soon())
            #expect(String(buffer: try await first.body.collect(upTo: 100)) == "first")
            let error = await capturedError { _ = try await pool.execute(LeanRequest(url: url), deadline: soon()) }
            switch error as? LeanHTTPError {
            case .invalidResponse?, .connectionClosed?:
                break
            default:
                Issue.record("unexpected error \(String(describing: error))")
            }
            #expect(server.accepted == 1)
        }
    }

    @Test func serverConnectionCloseIsNotReused() async throws {
        try await withFixture { server, pool in
            for _ in 0..<3 {
                let response = try await pool.execute(LeanRequest(url: server.baseURL + "/close"), deadline: soon())
                #expect(String(buffer: try await response.body.collect(upTo: 100)) == "bye")
                #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 0)
            }
            #expect(server.accepted == 3)
        }
    }

    @Test func clientConnectionCloseIsNotReused() async throws {
        try await withFixture { server, pool in
            for _ in 0..<2 {
                let request = LeanRequest(url: server.baseURL + "/hello", headers: [("Connection", "close")])
                let response = try await pool.execute(request, deadline: soon())
                #expect(String(buffer: try await response.body.collect(upTo: 100)) == "hello")
            }
            #expect(server.accepted == 2)
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 0)
        }
    }

    @Test func closeDelimitedBodyIsReadToTheEnd() async throws {
        try await withFixture { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/close-delimited"), deadline: soon())
            #expect(String(buffer: try await response.body.collect(upTo: 100)) == "until the end")
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 0)
        }
    }

    @Test func headResponseHasNoBodyAndKeepsTheConnection() async throws {
        try await withFixture { server, pool in
            let head = try await pool.execute(LeanRequest(method: "HEAD", url: server.baseURL + "/head"), deadline: soon())
            #expect(head.header("content-length") == "5")
            #expect(try await head.body.collect(upTo: 100).readableBytes == 0)
            let get = try await pool.execute(LeanRequest(url: server.baseURL + "/head"), deadline: soon())
            #expect(String(buffer: try await get.body.collect(upTo: 100)) == "hello")
            #expect(server.accepted == 1)
        }
    }

    @Test func deadlineExceededWhenServerNeverAnswers() async throws {
        try await withFixture { server, pool in
            // Open the connection first, so the short deadline below times the wait for the
            // head and not the connect (a loaded machine may take longer than it to connect).
            let warm = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            _ = try await warm.body.collect(upTo: 100)
            #expect(server.accepted == 1)
            let start = ContinuousClock.now
            let error = await capturedError {
                _ = try await pool.execute(
                    LeanRequest(url: server.baseURL + "/hang"),
                    deadline: .now() + .milliseconds(200)
                )
            }
            let elapsed = ContinuousClock.now - start
            guard case .deadlineExceeded? = error as? LeanHTTPError else {
                Issue.record("expected deadlineExceeded, got \(String(describing: error))")
                return
            }
            #expect(elapsed >= .milliseconds(190))
            #expect(elapsed < .seconds(2))
            #expect(await eventually { server.closed == 1 }, "accepted \(server.accepted), closed \(server.closed)")
        }
    }

    @Test func cancellingWhileWaitingForHeadClosesTheConnection() async throws {
        try await withFixture { server, pool in
            let task = Task {
                try await pool.execute(LeanRequest(url: server.baseURL + "/hang"), deadline: soon())
            }
            // Only once the request is on the wire is the connection unusable; cancelled earlier,
            // it would rightly go back to the pool instead.
            #expect(await eventually { server.requests == 1 })
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(await eventually { server.closed == 1 })
        }
    }

    @Test func cancelledBeforeSendingLeavesThePooledConnectionUsable() async throws {
        try await withFixture { server, pool in
            let warmUp = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            _ = try await warmUp.body.collect(upTo: 100)
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            }
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            // Nothing was written, so the connection went back to the pool instead of being closed.
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 1)
            let next = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            #expect(String(buffer: try await next.body.collect(upTo: 100)) == "hello")
            #expect(server.accepted == 1)
            #expect(server.closed == 0)
        }
    }

    @Test func cancellingTheBodyConsumerClosesTheConnection() async throws {
        try await withFixture { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/slow-body"), deadline: soon())
            let (firstChunks, firstChunkSink) = AsyncStream<String>.makeStream()
            let consumer = Task {
                var iterator = response.body.makeAsyncIterator()
                let first = try await iterator.next()
                firstChunkSink.yield(first.map { String(buffer: $0) } ?? "")
                return try await iterator.next()
            }
            var firstChunkIterator = firstChunks.makeAsyncIterator()
            #expect(await firstChunkIterator.next() == "first-part")
            try await Task.sleep(for: .milliseconds(50))
            consumer.cancel()
            let result = await consumer.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(await eventually { server.closed == 1 })
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 0)
        }
    }

    @Test func droppingTheIteratorOrTheUnreadBodyClosesTheConnection() async throws {
        try await withFixture { server, pool in
            do {
                let response = try await pool.execute(LeanRequest(url: server.baseURL + "/slow-body"), deadline: soon())
                var iterator = response.body.makeAsyncIterator()
                #expect(try await iterator.next().map { String(buffer: $0) } == "first-part")
            }
            #expect(await eventually { server.closed == 1 })
            do {
                _ = try await pool.execute(LeanRequest(url: server.baseURL + "/slow-body"), deadline: soon())
            }
            #expect(await eventually { server.closed == 2 })
            #expect(server.accepted == 2)
        }
    }

    @Test func refusedConnectionFailsFast() async throws {
        // A port bound but not listening refuses connections, and stays reserved while the
        // socket is open: a closed server's port could be taken by a test running beside it.
        let reserved = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(reserved) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(reserved, $0, length) == 0 && getsockname(reserved, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let pool = HTTP1ConnectionPool()
        let start = ContinuousClock.now
        let error = await capturedError {
            _ = try await pool.execute(LeanRequest(url: "http://127.0.0.1:\(port)/"), deadline: soon())
        }
        let elapsed = ContinuousClock.now - start
        await pool.shutdown()
        guard case .connectFailed? = error as? LeanHTTPError else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        // Far below the 10 s connect timeout; loose enough for a loaded CI machine.
        #expect(elapsed < .seconds(3))
    }

    @Test func largeResponseBodyCollectsWithinLimitAndFailsOverIt() async throws {
        try await withFixture { server, pool in
            let url = server.baseURL + "/big?size=5000000"
            let response = try await pool.execute(LeanRequest(url: url), deadline: soon())
            let body = try await response.body.collect(upTo: 10_000_000)
            #expect(body.readableBytes == 5_000_000)
            #expect(body.getInteger(at: body.readerIndex, as: UInt8.self) == UInt8(ascii: "x"))
            #expect(body.getInteger(at: body.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "x"))

            let tooLarge = try await pool.execute(LeanRequest(url: url), deadline: soon())
            let error = await capturedError { _ = try await tooLarge.body.collect(upTo: 1_000_000) }
            guard case .bodyTooLarge? = error as? LeanHTTPError else {
                Issue.record("expected bodyTooLarge, got \(String(describing: error))")
                return
            }
            // The rest of the body is not drained: the connection is closed instead.
            #expect(await eventually { server.closed == 1 })
            #expect(server.accepted == 1)
        }
    }

    @Test func slowConsumerGetsTheWholeBodyThroughBackpressure() async throws {
        try await withFixture { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/big?size=3000000"), deadline: soon())
            var total = 0
            var chunks = 0
            for try await chunk in response.body {
                total += chunk.readableBytes
                chunks += 1
                if chunks <= 20 { try await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(total == 3_000_000)
            let next = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            #expect(String(buffer: try await next.body.collect(upTo: 100)) == "hello")
            #expect(server.accepted == 1)
        }
    }

    @Test func readTimeoutWhenBodyStalls() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(readTimeout: .milliseconds(200))
        try await withFixture(configuration: configuration) { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/slow-body"), deadline: soon())
            var iterator = response.body.makeAsyncIterator()
            #expect(try await iterator.next().map { String(buffer: $0) } == "first-part")
            let start = ContinuousClock.now
            let error = await capturedError { _ = try await iterator.next() }
            let elapsed = ContinuousClock.now - start
            guard case .readTimeout? = error as? LeanHTTPError else {
                Issue.record("expected readTimeout, got \(String(describing: error))")
                return
            }
            #expect(elapsed < .seconds(2))
            #expect(await eventually { server.closed == 1 })
        }
    }

    @Test func idleTimeoutClosesPooledConnections() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(idleTimeout: .milliseconds(100))
        try await withFixture(configuration: configuration) { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            _ = try await response.body.collect(upTo: 100)
            #expect(await eventually { server.closed == 1 })
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 0)
        }
    }

    @Test func idleStackIsCappedPerHost() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxIdleConnectionsPerHost: 2)
        try await withFixture(configuration: configuration) { server, pool in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        // /stream holds each connection busy until the gate opens, forcing six connections.
                        let response = try await pool.execute(LeanRequest(url: server.baseURL + "/stream?n=1"), deadline: soon())
                        _ = try await response.body.collect(upTo: 100)
                    }
                }
                #expect(await eventually { server.accepted == 6 })
                server.gate.open(0)
                try await group.waitForAll()
            }
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port) == 2)
            #expect(await eventually { server.closed == 4 })
        }
    }

    @Test func shutdownRefusesNewRequests() async throws {
        try await withFixture { server, pool in
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            _ = try await response.body.collect(upTo: 100)
            await pool.shutdown()
            #expect(await eventually { server.closed == 1 })
            let error = await capturedError {
                _ = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            }
            guard case .poolShutdown? = error as? LeanHTTPError else {
                Issue.record("expected poolShutdown, got \(String(describing: error))")
                return
            }
        }
    }
}
