import NIOCore
import NIOPosix

/// A minimal HTTP/1.1 client, over TCP or TLS, that keeps connections alive per host, port and
/// ``TLSTrust``.
///
/// It does a fraction of what AsyncHTTPClient does (no redirects, decompression or proxies),
/// which is what keeps a request to about one event-loop hop each way. A request that finds no
/// idle connection opens a new one, up to ``Configuration/maxConnectionsPerHost``; beyond that
/// it waits, first come first served, for a connection to come free or for its deadline.
/// Connections that finish their response go back to a per-host LIFO stack of at most
/// ``Configuration/maxIdleConnectionsPerHost``.
///
/// `https://` servers are verified as the request's ``LeanRequest/tls`` says, with SNI and
/// ALPN `http/1.1`. TLS sessions are not resumed (NIOSSL has no client session cache): a
/// handshake is paid once per connection, which keep-alive makes rare.
///
/// Call ``shutdown()`` before dropping the pool; it closes every connection.
public final class HTTP1ConnectionPool: Sendable {
    /// Timeouts and limits of a pool.
    public struct Configuration: Sendable {
        /// Connections open at once to one host, port and TLS trust, busy or idle; requests
        /// beyond it wait in a FIFO queue, bounded by their deadline. At least 1.
        public var maxConnectionsPerHost: Int
        /// Idle connections kept per host and port; a connection finishing its response while the
        /// stack is full is closed.
        public var maxIdleConnectionsPerHost: Int
        /// How long a connection may sit idle in the pool before it is closed.
        public var idleTimeout: TimeAmount
        /// Upper bound for establishing a connection, TLS handshake included (the request
        /// deadline may cut it shorter).
        public var connectTimeout: TimeAmount
        /// Upper bound for each wait for response body bytes; `nil` means no bound. Time the
        /// consumer spends not asking for more does not count.
        public var readTimeout: TimeAmount?

        /// Creates a configuration; the defaults suit a gateway talking to a few upstream hosts.
        public init(
            maxConnectionsPerHost: Int = 512,
            maxIdleConnectionsPerHost: Int = 256,
            idleTimeout: TimeAmount = .seconds(60),
            connectTimeout: TimeAmount = .seconds(10),
            readTimeout: TimeAmount? = nil
        ) {
            self.maxConnectionsPerHost = max(1, maxConnectionsPerHost)
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

    /// Sends one request over a pooled keep-alive connection to its URL's host and returns as
    /// soon as the response head arrived; the body streams afterwards.
    ///
    /// If a reused connection turns out to have been closed by the server before it sent any
    /// byte of the response (the keep-alive race), the request is sent once more on a new
    /// connection. It is never resent after a response byte arrived, nor after a failure on a
    /// new connection.
    ///
    /// - Parameters:
    ///   - request: The request; `http://` and `https://` URLs are supported.
    ///   - deadline: Bounds waiting for a free connection, connecting (TLS handshake included)
    ///     and waiting for the response head.
    /// - Throws: ``LeanHTTPError``, or `CancellationError` if the task is cancelled before the head
    ///   arrived (the connection is then closed).
    public func execute(_ request: LeanRequest, deadline: NIODeadline) async throws -> LeanResponse {
        let prepared = try PreparedRequest(request)
        // An expired deadline would otherwise fire on a pooled connection and close it needlessly.
        guard deadline > .now() else { throw LeanHTTPError.deadlineExceeded }
        var lease = try await self.core.lease(prepared.key, deadline: deadline, allowIdle: true)
        if case .reuse(let connection) = lease {
            do {
                return try await connection.send(prepared, deadline: deadline, reused: true)
            } catch is LeanConnectionHandler.StaleConnection {
                // Retried on a new connection rather than on another possibly stale idle one.
                lease = try await self.core.lease(prepared.key, deadline: deadline, allowIdle: false)
            }
        }
        switch lease {
        case .reuse(let connection):
            // Handed over by a request that just finished on it, while this one waited.
            do {
                return try await connection.send(prepared, deadline: deadline, reused: true)
            } catch is LeanConnectionHandler.StaleConnection {
                throw LeanHTTPError.connectionClosed
            }
        case .connect:
            do {
                try Task.checkCancellation()
            } catch {
                self.core.returnSlot(prepared.key)
                throw error
            }
            let connection = try await self.core.connect(prepared.key, deadline: deadline)
            return try await connection.send(prepared, deadline: deadline, reused: false)
        }
    }

    /// Closes every connection, idle or busy, and refuses new requests. Requests in flight fail
    /// with ``LeanHTTPError/connectionClosed``.
    public func shutdown() async {
        await self.core.shutdown()
    }

    /// Idle connections currently pooled for `host:port`; for tests.
    func idleConnectionCount(host: String, port: Int, tls: TLSTrust? = nil) -> Int {
        self.core.idleCount(for: PoolKey(host: host, port: port, tls: tls))
    }

    /// Requests waiting for a connection to `host:port`; for tests.
    func waiterCount(host: String, port: Int, tls: TLSTrust? = nil) -> Int {
        self.core.waiterCount(for: PoolKey(host: host, port: port, tls: tls))
    }

    /// Connections open or opening to `host:port`; for tests.
    func openConnectionCount(host: String, port: Int, tls: TLSTrust? = nil) -> Int {
        self.core.openCount(for: PoolKey(host: host, port: port, tls: tls))
    }
}
