import NIOCore
import NIOSSL

@testable import LeanHTTP

/// Helpers shared by the pool's test suites.

func soon() -> NIODeadline {
    .now() + .seconds(10)
}

/// Starts a server (over TLS with `tls`) and a pool, runs `body`, and tears both down even
/// when `body` throws.
func withFixture(
    configuration: HTTP1ConnectionPool.Configuration = .init(),
    tls: NIOSSLContext? = nil,
    _ body: (TestHTTPServer, HTTP1ConnectionPool) async throws -> Void
) async throws {
    let server = try await TestHTTPServer.start(tls: tls)
    let pool = HTTP1ConnectionPool(configuration: configuration)
    do {
        try await body(server, pool)
    } catch {
        await pool.shutdown()
        try await server.shutdown()
        throw error
    }
    await pool.shutdown()
    try await server.shutdown()
}

/// Polls `condition` every 10 ms for up to 5 s; the server side of a close is observed asynchronously.
func eventually(_ condition: () -> Bool) async -> Bool {
    let end = ContinuousClock.now + .seconds(5)
    while ContinuousClock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

func capturedError(_ body: () async throws -> Void) async -> (any Error)? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}
