import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

extension PoolCore {
    /// Opens a new connection to `key` with a slot leased for it, bounded by both the connect
    /// timeout and `deadline`; for `https` the TLS handshake is part of it.
    ///
    /// The slot is given back if no connection comes of it; otherwise the connection holds it
    /// until it closes.
    func connect(_ key: PoolKey, deadline: NIODeadline) async throws -> LeanConnection {
        let connection: LeanConnection
        do {
            connection = try await self.establish(key, deadline: deadline)
        } catch {
            self.returnSlot(key)
            throw error
        }
        guard self.register(connection) else {
            self.returnSlot(key)
            connection.channel.close(promise: nil)
            throw LeanHTTPError.poolShutdown
        }
        // A channel that closed before it was registered never told the pool.
        guard connection.channel.isActive else {
            self.connectionClosed(connection)
            throw LeanHTTPError.connectionClosed
        }
        return connection
    }

    private func establish(_ key: PoolKey, deadline: NIODeadline) async throws -> LeanConnection {
        let now = NIODeadline.now()
        guard now < deadline else { throw LeanHTTPError.deadlineExceeded }
        let connectDeadline = min(deadline, now + self.configuration.connectTimeout)
        let limitedByDeadline = deadline < now + self.configuration.connectTimeout
        let tlsContext = try key.tls.map { trust throws(LeanHTTPError) in try self.tlsContexts.context(for: trust) }
        // `any()` is the calling event loop when it belongs to the group: the new connection
        // then serves its caller without a thread hop.
        let loop = self.group.any()
        // Made here rather than found in the pipeline later: the observer leaves the pipeline
        // as soon as the handshake is done, which can be before the connect future's callbacks run.
        let handshake: EventLoopPromise<Void>? = tlsContext == nil ? nil : loop.makePromise()
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(connectDeadline - now)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let tlsContext, let handshake {
                        try sync.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: Self.serverName(key.host)))
                        try sync.addHandler(TLSHandshakeObserver(promise: handshake))
                    }
                    let wire = WireHandler()
                    try sync.addHandlers(
                        wire,
                        ByteToMessageHandler(HTTPResponseDecoder(informationalResponseStrategy: .drop)),
                        LeanConnectionHandler(pool: self, wire: wire)
                    )
                }
            }

        return try await bootstrap.connect(host: key.host, port: key.port)
            .flatMapErrorThrowing { error in
                // No channel, or one that failed before its handshake: nobody else completes it.
                handshake?.fail(error)
                if let error = error as? ChannelError, case .connectTimeout = error {
                    throw limitedByDeadline ? LeanHTTPError.deadlineExceeded : LeanHTTPError.connectTimeout
                }
                throw LeanHTTPError.connectFailed(error)
            }
            .flatMap { channel in
                guard let handshake else { return channel.eventLoop.makeSucceededFuture(channel) }
                return Self.awaitHandshake(
                    handshake.futureResult, on: channel, until: connectDeadline, limitedByDeadline: limitedByDeadline
                )
            }
            .flatMapThrowing { channel in
                let handler = try channel.pipeline.syncOperations.handler(type: LeanConnectionHandler.self)
                let connection = LeanConnection(channel: channel, key: key, handler: handler)
                handler.connection = connection
                return connection
            }
            .get()
    }

    /// The channel once its TLS handshake completed; a failure or the deadline closes it.
    /// Runs on the channel's event loop.
    private static func awaitHandshake(
        _ handshake: EventLoopFuture<Void>, on channel: any Channel, until deadline: NIODeadline, limitedByDeadline: Bool
    ) -> EventLoopFuture<any Channel> {
        let timeout = channel.eventLoop.scheduleTask(deadline: deadline) {
            channel.close(promise: nil)
        }
        return handshake
            .map { _ in
                timeout.cancel()
                return channel
            }
            .flatMapErrorThrowing { error in
                timeout.cancel()
                channel.close(promise: nil)
                if NIODeadline.now() >= deadline {
                    throw limitedByDeadline ? LeanHTTPError.deadlineExceeded : LeanHTTPError.connectTimeout
                }
                throw error
            }
    }

    /// The name sent in SNI and checked against the certificate; an IP address is sent as no
    /// name (SNI forbids it) and then checked against the certificate's IP addresses.
    private static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
