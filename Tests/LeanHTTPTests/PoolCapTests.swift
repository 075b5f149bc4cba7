import NIOCore
import Testing

@testable import LeanHTTP

/// The per-host connection cap and its FIFO queue.
@Suite(.timeLimit(.minutes(1)))
struct PoolCapTests {
    @Test func requestsBeyondTheCapWaitForABusyConnection() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxConnectionsPerHost: 1)
        try await withFixture(configuration: configuration) { server, pool in
            let busy = try await pool.execute(LeanRequest(url: server.baseURL + "/stream?n=1"), deadline: soon())
            let waiting = Task {
                let response = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
                return String(buffer: try await response.body.collect(upTo: 100))
            }
            #expect(await eventually { pool.waiterCount(host: "127.0.0.1", port: server.port) == 1 })
            #expect(server.accepted == 1)
            server.gate.open(0)
            _ = try await busy.body.collect(upTo: 100)
            #expect(try await waiting.value == "hello")
            #expect(server.accepted == 1)
            #expect(server.requests == 2)
        }
    }

    @Test func waitersAreServedFirstComeFirstServed() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxConnectionsPerHost: 1)
        try await withFixture(configuration: configuration) { server, pool in
            let busy = try await pool.execute(LeanRequest(url: server.baseURL + "/stream?n=1"), deadline: soon())
            var tasks: [Task<Void, any Error>] = []
            for index in 0..<3 {
                tasks.append(Task {
                    let request = LeanRequest(method: "POST", url: server.baseURL + "/echo", body: ByteBuffer(string: "\(index)"))
                    let response = try await pool.execute(request, deadline: soon())
                    _ = try await response.body.collect(upTo: 100)
                })
                // Queued one after the other, so the queue order is known.
                #expect(await eventually { pool.waiterCount(host: "127.0.0.1", port: server.port) == index + 1 })
            }
            server.gate.open(0)
            _ = try await busy.body.collect(upTo: 100)
            for task in tasks { try await task.value }
            #expect(server.echoedBodies == ["0", "1", "2"])
            #expect(server.accepted == 1)
        }
    }

    @Test func aWaiterGivesUpAtItsDeadline() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxConnectionsPerHost: 1)
        try await withFixture(configuration: configuration) { server, pool in
            let busy = try await pool.execute(LeanRequest(url: server.baseURL + "/stream?n=1"), deadline: soon())
            let error = await capturedError {
                _ = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: .now() + .milliseconds(300))
            }
            guard case .poolWaitTimeout? = error as? LeanHTTPError else {
                Issue.record("expected poolWaitTimeout, got \(String(describing: error))")
                return
            }
            #expect(pool.waiterCount(host: "127.0.0.1", port: server.port) == 0)
            server.gate.open(0)
            _ = try await busy.body.collect(upTo: 100)
            #expect(server.accepted == 1)
        }
    }

    @Test func cancellingAWaiterLeavesTheQueue() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxConnectionsPerHost: 1)
        try await withFixture(configuration: configuration) { server, pool in
            let busy = try await pool.execute(LeanRequest(url: server.baseURL + "/stream?n=1"), deadline: soon())
            let waiting = Task { _ = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon()) }
            #expect(await eventually { pool.waiterCount(host: "127.0.0.1", port: server.port) == 1 })
            waiting.cancel()
            #expect(await capturedError { try await waiting.value } is CancellationError)
            #expect(pool.waiterCount(host: "127.0.0.1", port: server.port) == 0)
            server.gate.open(0)
            _ = try await busy.body.collect(upTo: 100)
            let next = try await pool.execute(LeanRequest(url: server.baseURL + "/hello"), deadline: soon())
            #expect(String(buffer: try await next.body.collect(upTo: 100)) == "hello")
        }
    }

    @Test func aClosedConnectionFreesItsSlotForTheNextRequest() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxConnectionsPerHost: 1)
        try await withFixture(configuration: configuration) { server, pool in
            for _ in 0..<3 {
                // The server answers with `Connection: close`: never reused, each needs a new connection.
                let response = try await pool.execute(LeanRequest(url: server.baseURL + "/close"), deadline: soon())
                #expect(String(buffer: try await response.body.collect(upTo: 100)) == "bye")
            }
            #expect(server.accepted == 3)
            #expect(await eventually { pool.openConnectionCount(host: "127.0.0.1", port: server.port) == 0 })
        }
    }

    @Test func aFailedConnectFreesItsSlot() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxConnectionsPerHost: 1)
        // The discard port, which nothing here listens on. (A port bound and closed by this
        // test could be taken again by another test's server running at the same time.)
        let port = 9
        let pool = HTTP1ConnectionPool(configuration: configuration)
        for _ in 0..<2 {
            let error = await capturedError {
                _ = try await pool.execute(LeanRequest(url: "http://127.0.0.1:\(port)/"), deadline: soon())
            }
            guard case .connectFailed? = error as? LeanHTTPError else {
                Issue.record("expected connectFailed, got \(String(describing: error))")
                return
            }
        }
        #expect(pool.openConnectionCount(host: "127.0.0.1", port: port) == 0)
        await pool.shutdown()
    }

    @Test func concurrentLoadStaysWithinTheCap() async throws {
        let configuration = HTTP1ConnectionPool.Configuration(maxConnectionsPerHost: 4)
        try await withFixture(configuration: configuration) { server, pool in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let request = LeanRequest(method: "POST", url: server.baseURL + "/echo", body: ByteBuffer(string: "\(index)"))
                        let response = try await pool.execute(request, deadline: soon())
                        #expect(String(buffer: try await response.body.collect(upTo: 100)) == "\(index)")
                    }
                }
                try await group.waitForAll()
            }
            #expect(server.accepted <= 4)
        }
    }
}
