import NIOCore
import NIOPosix

/// A minimal HTTP/1.1 client over plain TCP that keeps connections alive per host and port.
///
/// It does a fraction of what AsyncHTTPClient does (no TLS, redirects, decompression, proxies or
/// request queueing), which is what keeps a request to about one event-loop hop each way.
/// Concurrency is unbounded: a request that finds no idle connection opens a new one, and
/// connections that finish their response go back to a per-host LIFO stack of at most
/// ``Configuration/maxIdleConnectionsPerHost``.
///
/// Call ``shutdown()`` before dropping the pool; it closes every connection.
public final class HTTP1ConnectionPool: Sendable {
    /// Timeouts and limits of a pool.
    public struct Configuration: Sendable {
        /// Idle connections kept per host and port; a connection finishing its response while the
        /// stack is full is closed.
        public var maxIdleConnectionsPerHost: Int
        /// How long a connection may sit idle in the pool before it is closed.
        public var idleTimeout: TimeAmount
        /// Upper bound for establishing a TCP connection (the request deadline may cut it shorter).
        public var connectTimeout: TimeAmount
        /// Upper bound for each wait for response body bytes; `nil` means no bound. Time the
        /// consumer spends not asking for more does not count.
        public var readTimeout: TimeAmount?

        /// Creates a configuration; the defaults suit a gateway talking to a few upstream hosts.
        public init(
            maxIdleConnectionsPerHost: Int = 256,
            idleTimeout: TimeAmount = .seconds(60),
            connectTimeout: TimeAmount = .seconds(10),
            readTimeout: TimeAmount? = nil
        ) {
            self.maxIdleConnectionsPerHost = maxIdleConnectionsPerHost
            self.idleTimeout = idleTimeout
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
        }
    }

    private let core: PoolCore

    /// Creates a pool whose connections run on `eventLoopGroup`.
    public init(
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        configuration: Configuration = Configuration()
    ) {
        self.core = PoolCore(group: eventLoopGroup, configuration: configuration)
    }

    /// Sends one request over a pooled keep-alive connection to `http://host:port` and returns as
    /// soon as the response head arrived; the body streams afterwards.
    ///
    /// If an idle connection turns out to have been closed by the server before it sent any byte
    /// of the response, the request is sent once more on a new connection. It is never resent
    /// after a response byte arrived, nor after a failure on a new connection.
    ///
    /// - Parameters:
    ///   - request: The request; only `http://` URLs are supported.
    ///   - deadline: Bounds connecting and waiting for the response head.
    /// - Throws: ``LeanHTTPError``, or `CancellationError` if the task is cancelled before the head
    ///   arrived (the connection is then closed).
    public func execute(_ request: LeanRequest, deadline: NIODeadline) async throws -> LeanResponse {
        let prepared = try PreparedRequest(request)
        // An expired deadline would otherwise fire on a pooled connection and close it needlessly.
        guard deadline > .now() else { throw LeanHTTPError.deadlineExceeded }
        if let connection = self.core.checkout(prepared.key) {
            do {
                return try await connection.send(prepared, deadline: deadline, reused: true)
            } catch is LeanConnectionHandler.StaleConnection {
                // The keep-alive race: the server closed the idle connection as we sent. Retry
                // below on a new connection rather than on another possibly stale idle one.
            }
        }
        guard !self.core.isShutdown else { throw LeanHTTPError.poolShutdown }
        try Task.checkCancellation()
        let connection = try await self.core.connect(prepared.key, deadline: deadline)
        return try await connection.send(prepared, deadline: deadline, reused: false)
    }

    /// Closes every connection, idle or busy, and refuses new requests. Requests in flight fail
    /// with ``LeanHTTPError/connectionClosed``.
    public func shutdown() async {
        await self.core.shutdown()
    }

    /// Idle connections currently pooled for `host:port`; for tests.
    func idleConnectionCount(host: String, port: Int) -> Int {
        self.core.idleCount(for: PoolKey(host: host, port: port))
    }
}
